//! `budget export`: disclosures as files another program reads — CSV for
//! spreadsheets, the model as JSON, an Open Fiscal Data Package. Pure: this
//! module builds the files' contents; the CLI writes them (never over an
//! input) and the app's `x` hands one to the terminal loop.
//!
//! Machine outputs carry plain decimal strings (`2349.56`, `20.00`): the
//! printed decimals, no thousands separators, never rounded.

pub mod csv;
pub mod fdp;
pub mod view;

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use crate::check;
use crate::i18n::Lang;
use crate::model::Disclosure;

/// The `format_version` of `export --format json`; raised when a field
/// changes meaning or goes away.
pub const JSON_FORMAT_VERSION: u32 = 1;

/// What `budget export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Csv,
    Json,
    Fdp,
}

impl Format {
    pub fn parse(text: &str) -> Option<Format> {
        match text {
            "csv" => Some(Format::Csv),
            "json" => Some(Format::Json),
            "fdp" => Some(Format::Fdp),
            _ => None,
        }
    }
}

/// How to export.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    pub format: Format,
    /// Start each CSV with a byte-order mark, so Excel reads it as UTF-8
    /// (without one it guesses the legacy code page and garbles Chinese).
    pub excel: bool,
    /// The language of the findings' messages.
    pub lang: Lang,
}

/// One file to write: a path relative to the export directory and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct File {
    pub path: PathBuf,
    pub bytes: Vec<u8>,
}

/// The UTF-8 byte-order mark Excel looks for.
const BOM: &str = "\u{feff}";

/// The files an export of `docs` (each with the name of its source file)
/// consists of, in the order they should be written.
pub fn files(docs: &[(String, Disclosure)], options: Options) -> Result<Vec<File>, String> {
    let text_files: Vec<(PathBuf, String)> = match options.format {
        Format::Json => vec![(PathBuf::from("budget.json"), json(docs)?)],
        Format::Fdp => fdp::package(docs)?
            .into_iter()
            .map(|(name, text)| (PathBuf::from(name), text))
            .collect(),
        Format::Csv => csv_files(docs, options.lang),
    };
    Ok(text_files
        .into_iter()
        .map(|(path, text)| {
            let is_csv = path.extension().is_some_and(|e| e == "csv");
            let bytes = if options.excel && is_csv {
                format!("{BOM}{text}").into_bytes()
            } else {
                text.into_bytes()
            };
            File { path, bytes }
        })
        .collect())
}

/// CSV: `figures.csv` (every figure), `indicators.csv`, `findings.csv`,
/// and one directory per document with each table as published.
fn csv_files(docs: &[(String, Disclosure)], lang: Lang) -> Vec<(PathBuf, String)> {
    let mut out = vec![
        (PathBuf::from("figures.csv"), csv::figures(docs)),
        (PathBuf::from("indicators.csv"), csv::indicators(docs)),
        (PathBuf::from("findings.csv"), findings(docs, lang)),
    ];
    for ((_, doc), stem) in docs.iter().zip(stems(docs)) {
        for (name, text) in csv::tables(doc) {
            out.push((Path::new(&stem).join(name), text));
        }
    }
    out
}

/// Every document's findings, one per row (`check --format csv`'s form).
fn findings(docs: &[(String, Disclosure)], lang: Lang) -> String {
    use check::report::{self, Checked};
    let reports: Vec<check::Report> = docs.iter().map(|(_, doc)| check::run(doc)).collect();
    let checked: Vec<Checked> = docs
        .iter()
        .zip(&reports)
        .map(|((file, doc), report)| Checked {
            file: Some(file.as_str()),
            doc,
            report,
        })
        .collect();
    report::csv(&checked, lang)
}

/// `{"format_version": 1, "documents": [{"file", "disclosure"}…]}`, the
/// disclosure being the model as `import --json` prints it.
fn json(docs: &[(String, Disclosure)]) -> Result<String, String> {
    let documents: Vec<serde_json::Value> = docs
        .iter()
        .map(|(file, doc)| {
            serde_json::to_value(doc)
                .map(|model| serde_json::json!({"file": file, "disclosure": model}))
                .map_err(|e| format!("{file}: cannot write JSON: {e}"))
        })
        .collect::<Result<_, _>>()?;
    let value = serde_json::json!({
        "format_version": JSON_FORMAT_VERSION,
        "documents": documents,
    });
    let mut text =
        serde_json::to_string_pretty(&value).map_err(|e| format!("cannot write JSON: {e}"))?;
    text.push('\n');
    Ok(text)
}

/// A directory name per document: its file's stem, made unique (`-2`, …).
fn stems(docs: &[(String, Disclosure)]) -> Vec<String> {
    let mut seen = HashSet::new();
    docs.iter()
        .map(|(file, doc)| {
            let base = Path::new(file)
                .file_stem()
                .map(|s| file_name(&s.to_string_lossy()))
                .filter(|s| !s.is_empty())
                .unwrap_or_else(|| file_name(&doc.department.name));
            let mut stem = base.clone();
            let mut n = 1;
            while !seen.insert(stem.clone()) {
                n += 1;
                stem = format!("{base}-{n}");
            }
            stem
        })
        .collect()
}

/// Text made safe as one file name: no path separators, no control
/// characters, no leading dot; Chinese kept.
pub fn file_name(text: &str) -> String {
    let cleaned: String = text
        .trim()
        .chars()
        .map(|c| {
            if c.is_control() || matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|') {
                '_'
            } else {
                c
            }
        })
        .collect();
    cleaned.trim_start_matches('.').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_stay_in_their_directory() {
        assert_eq!(file_name("../a/b"), "_a_b");
        assert_eq!(file_name("部门预算“三公”经费表"), "部门预算“三公”经费表");
        assert_eq!(file_name("a\nb"), "a_b");
    }
}
