//! Importer for the text form of a disclosure. (Being written: see issue 2.)

use crate::model::Disclosure;
use std::path::Path;

/// An input that cannot be imported: names the file, the line and what was expected.
#[derive(Debug, thiserror::Error)]
#[error("{file}:{line}: {message}")]
pub struct ImportError {
    pub file: String,
    pub line: usize,
    pub message: String,
}

/// Reads and imports a disclosure text file.
pub fn import_path(path: &Path) -> Result<Disclosure, ImportError> {
    Err(ImportError {
        file: path.display().to_string(),
        line: 0,
        message: "importer not written yet".into(),
    })
}
