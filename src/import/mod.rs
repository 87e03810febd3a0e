//! Importer for the text form of a disclosure: a PDF converted to text, with
//! markdown headings and tables as tab-separated rows.
//!
//! Pure: text in, [`Disclosure`] out. Every figure is read exactly; a cell
//! that should hold an amount and does not is an error naming the file, the
//! line and the column, never a silently wrong number.
//!
//! * [`lines`]: line classification and the small text rules (markup,
//!   labels, numbering ranks, dates, table preambles);
//! * [`tables`]: table blocks, header layout, page merging, budget tables;
//! * [`cards`]: project performance cards;
//! * [`narrative`]: paragraphs, 名词解释, 机构设置, 政府采购, 国有资产;
//! * [`document`]: sections and the department.

mod cards;
mod document;
mod lines;
mod narrative;
pub mod pdf;
mod tables;

use std::path::Path;

use crate::model::Disclosure;

/// `file:line`, or just `file` when no line applies (it could not be read).
fn location(file: &str, line: usize) -> String {
    if line == 0 {
        file.to_string()
    } else {
        format!("{file}:{line}")
    }
}

/// An input that cannot be imported: names the file, the line and what was expected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}: {message}", location(file, *line))]
pub struct ImportError {
    pub file: String,
    /// 1-based line of the problem; 0 when the file could not be read at all.
    pub line: usize,
    pub message: String,
}

impl ImportError {
    pub(crate) fn new(file: &str, line: usize, message: impl Into<String>) -> ImportError {
        ImportError {
            file: file.to_string(),
            line,
            message: message.into(),
        }
    }
}

/// Imports a disclosure from its text. `file` names it in errors.
pub fn import_text(text: &str, file: &str) -> Result<Disclosure, ImportError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    document::parse_document(text, file)
}

/// Imports a disclosure from raw bytes: a PDF (by its `%PDF-` header), or
/// text in UTF-8 (with or without BOM), UTF-16 with a BOM, or GBK /
/// GB18030. Other binary data is refused.
pub fn import_bytes(bytes: &[u8], file: &str) -> Result<Disclosure, ImportError> {
    if pdf::is_pdf(bytes) {
        return pdf::import_pdf(bytes, file);
    }
    let text = decode(bytes, file)?;
    import_text(&text, file)
}

/// Reads and imports a disclosure text file.
pub fn import_path(path: &Path) -> Result<Disclosure, ImportError> {
    let file = path.display().to_string();
    let bytes = std::fs::read(path)
        .map_err(|e| ImportError::new(&file, 0, format!("cannot read the file: {e}")))?;
    import_bytes(&bytes, &file)
}

/// Imports a disclosure and, for a PDF, says what each page became (for
/// `budget import FILE.pdf --report`); `None` for other inputs.
pub fn load_with_report(
    path: &Path,
) -> Result<(Disclosure, Option<Vec<pdf::PageReport>>), ImportError> {
    let file = path.display().to_string();
    let bytes = std::fs::read(path)
        .map_err(|e| ImportError::new(&file, 0, format!("cannot read the file: {e}")))?;
    if pdf::is_pdf(&bytes) {
        let (doc, report) = pdf::import_pdf_with_report(&bytes, &file)?;
        return Ok((doc, Some(report)));
    }
    load_path(path).map(|doc| (doc, None))
}

/// Loads a disclosure: `.ron` files are the model itself, anything else is
/// imported as text.
pub fn load_path(path: &Path) -> Result<Disclosure, ImportError> {
    let is_ron = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("ron"));
    if !is_ron {
        return import_path(path);
    }
    let file = path.display().to_string();
    let text = std::fs::read_to_string(path)
        .map_err(|e| ImportError::new(&file, 0, format!("cannot read the file: {e}")))?;
    from_ron(&text, &file)
}

/// The model as pretty RON: one field a line, stable across runs.
pub fn to_ron(doc: &Disclosure) -> String {
    let config = ron::ser::PrettyConfig::new()
        .new_line("\n")
        .indentor("  ")
        .struct_names(false);
    // The model is plain structs, enums, strings and decimals (as strings):
    // the serializer writes to a String and has nothing it can refuse.
    let mut text = ron::ser::to_string_pretty(doc, config)
        .expect("the disclosure model always serializes to RON");
    text.push('\n');
    text
}

/// Reads a model written by [`to_ron`]. Errors carry the RON error's line.
pub fn from_ron(text: &str, file: &str) -> Result<Disclosure, ImportError> {
    ron::from_str(text).map_err(|e| {
        ImportError::new(
            file,
            e.span.start.line,
            format!("expected a disclosure in RON: {}", e.code),
        )
    })
}

/// Decodes the bytes of a text file, refusing binary data.
fn decode(bytes: &[u8], file: &str) -> Result<String, ImportError> {
    let line_at = |pos: usize| bytes[..pos].iter().filter(|&&b| b == b'\n').count() + 1;
    // UTF-16 has NUL bytes by nature: recognise it by its BOM first.
    for (bom, encoding) in [
        (&[0xFF, 0xFE][..], encoding_rs::UTF_16LE),
        (&[0xFE, 0xFF][..], encoding_rs::UTF_16BE),
    ] {
        if let Some(body) = bytes.strip_prefix(bom) {
            return encoding
                .decode_without_bom_handling_and_without_replacement(body)
                .map(|t| t.into_owned())
                .ok_or_else(|| {
                    ImportError::new(
                        file,
                        1,
                        format!(
                            "expected {} text after its byte order mark, found invalid data",
                            encoding.name()
                        ),
                    )
                });
        }
    }
    if let Some(pos) = bytes.iter().position(|&b| b == 0) {
        return Err(ImportError::new(
            file,
            line_at(pos),
            format!("expected a text file, found binary data (a NUL byte at byte {pos})"),
        ));
    }
    let body = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF][..]).unwrap_or(bytes);
    let text = match std::str::from_utf8(body) {
        Ok(text) => text.to_string(),
        Err(utf8) => encoding_rs::GB18030
            .decode_without_bom_handling_and_without_replacement(body)
            .map(|t| t.into_owned())
            .ok_or_else(|| {
                let pos = utf8.valid_up_to();
                ImportError::new(
                    file,
                    line_at(pos),
                    format!(
                        "expected text in UTF-8 or GBK/GB18030, found bytes valid in neither (byte 0x{:02X} at byte {pos})",
                        body.get(pos).copied().unwrap_or(0)
                    ),
                )
            })?,
    };
    if let Some((pos, ch)) = text
        .char_indices()
        .find(|&(_, c)| c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{c}'))
    {
        let line = text[..pos].matches('\n').count() + 1;
        return Err(ImportError::new(
            file,
            line,
            format!(
                "expected a text file, found binary data (control character U+{:04X})",
                ch as u32
            ),
        ));
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_display_names_file_and_line() {
        let e = ImportError::new("data/x.txt", 57, "expected an amount");
        assert_eq!(e.to_string(), "data/x.txt:57: expected an amount");
    }

    #[test]
    fn decoding_accepts_bom_and_gb18030() {
        assert_eq!(decode("\u{feff}甲".as_bytes(), "x").unwrap(), "甲");
        let (gbk, _, _) = encoding_rs::GBK.encode("单位：万元\n");
        assert!(std::str::from_utf8(&gbk).is_err());
        assert_eq!(decode(&gbk, "x").unwrap(), "单位：万元\n");
    }

    #[test]
    fn decoding_refuses_binary() {
        let err = decode(b"abc\n\x00\x01", "x").unwrap_err();
        assert_eq!(err.line, 2);
        assert!(err.message.contains("binary"));
        let err = decode(&[0x41, 0xFF, 0xFF, 0x80], "x").unwrap_err();
        assert!(err.message.contains("GBK/GB18030"), "{err}");
        let err = decode(b"a\x07b", "x").unwrap_err();
        assert!(err.message.contains("control"), "{err}");
    }
}
