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

use crate::i18n::Lang;
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
/// Displayed in English; [`ImportError::render`] gives the reader's language.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}: {message}", location(file, *line))]
pub struct ImportError {
    pub file: String,
    /// 1-based line of the problem; 0 when the file could not be read at all.
    pub line: usize,
    pub message: String,
    /// The message in Chinese, where the importer gives one (the common
    /// messages do; a rare one falls back to English).
    pub message_zh: Option<String>,
}

impl ImportError {
    pub(crate) fn new(file: &str, line: usize, message: impl Into<String>) -> ImportError {
        ImportError {
            file: file.to_string(),
            line,
            message: message.into(),
            message_zh: None,
        }
    }

    /// The same error with its message in Chinese.
    pub(crate) fn zh(mut self, message: impl Into<String>) -> ImportError {
        self.message_zh = Some(message.into());
        self
    }

    /// `file:line: message` in `lang`; the English message where no
    /// Chinese one was given.
    pub fn render(&self, lang: Lang) -> String {
        match (lang, &self.message_zh) {
            (Lang::Zh, Some(zh)) => format!("{}: {zh}", location(&self.file, self.line)),
            _ => self.to_string(),
        }
    }
}

/// Imports a disclosure from its text. `file` names it in errors.
pub fn import_text(text: &str, file: &str) -> Result<Disclosure, ImportError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // Old Mac line endings (CR only): one line each, not one long line.
    if text.contains('\r') && !text.contains('\n') {
        return document::parse_document(&text.replace('\r', "\n"), file);
    }
    document::parse_document(text, file)
}

/// Imports the text form the PDF front end builds: as [`import_text`], but
/// a disclosure whose tables are published separately (title and budget
/// prose, no table) imports too.
pub(crate) fn import_text_form(text: &str, file: &str) -> Result<Disclosure, ImportError> {
    document::parse_document_allowing_no_tables(text, file)
}

/// The largest input read, in bytes: a disclosure is a few MB; anything over
/// this is refused before it is read into memory (`/dev/zero` included).
pub const MAX_INPUT_BYTES: u64 = 256 * 1024 * 1024;

/// Reads a whole input file, refusing one over [`MAX_INPUT_BYTES`].
pub fn read_input(path: &Path, file: &str) -> Result<Vec<u8>, ImportError> {
    use std::io::Read;
    let cannot = |e: std::io::Error| {
        ImportError::new(file, 0, format!("cannot read the file: {e}"))
            .zh(format!("无法读取文件：{e}"))
    };
    let too_big = || {
        ImportError::new(
            file,
            0,
            format!(
                "the file is over the input size limit of {} MB",
                MAX_INPUT_BYTES / (1024 * 1024)
            ),
        )
        .zh(format!(
            "文件超过输入大小上限 {} MB",
            MAX_INPUT_BYTES / (1024 * 1024)
        ))
    };
    let handle = std::fs::File::open(path).map_err(cannot)?;
    if handle.metadata().map_err(cannot)?.len() > MAX_INPUT_BYTES {
        return Err(too_big());
    }
    // A device or a pipe has no length: stop reading past the limit.
    let mut bytes = Vec::new();
    handle
        .take(MAX_INPUT_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(cannot)?;
    if bytes.len() as u64 > MAX_INPUT_BYTES {
        return Err(too_big());
    }
    Ok(bytes)
}

/// 1-based line of byte `pos`.
fn line_of(bytes: &[u8], pos: usize) -> usize {
    memchr::memchr_iter(b'\n', &bytes[..pos.min(bytes.len())]).count() + 1
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
    let bytes = read_input(path, &file)?;
    import_bytes(&bytes, &file)
}

/// Imports a disclosure and, for a PDF, says what each page became (for
/// `budget import FILE.pdf --report`); `None` for other inputs.
pub fn load_with_report(
    path: &Path,
) -> Result<(Disclosure, Option<Vec<pdf::PageReport>>), ImportError> {
    let file = path.display().to_string();
    let bytes = read_input(path, &file)?;
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
    let bytes = read_input(path, &file)?;
    from_ron_bytes(&bytes, &file)
}

/// Reads a model from the bytes of a RON file: UTF-8, a byte order mark
/// accepted; invalid UTF-8 is located by line and byte.
pub fn from_ron_bytes(bytes: &[u8], file: &str) -> Result<Disclosure, ImportError> {
    let body = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF][..]).unwrap_or(bytes);
    let text = std::str::from_utf8(body).map_err(|e| {
        let pos = e.valid_up_to();
        let bom = bytes.len() - body.len();
        ImportError::new(
            file,
            line_of(body, pos),
            format!(
                "expected RON in UTF-8, found the invalid byte 0x{:02X} at byte {}",
                body.get(pos).copied().unwrap_or(0),
                pos + bom
            ),
        )
    })?;
    from_ron(text, file)
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
        .zh(format!("应为 RON 格式的公开文件：{}", e.code))
    })
}

/// Decodes the bytes of a text file, refusing binary data.
fn decode(bytes: &[u8], file: &str) -> Result<String, ImportError> {
    let line_at = |pos: usize| line_of(bytes, pos);
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
        )
        .zh(format!(
            "应为文本文件，实为二进制数据（第 {pos} 字节为 NUL）"
        )));
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

    #[test]
    fn ron_with_a_bom_reads_and_invalid_utf8_is_located() {
        let ron = to_ron(&crate::bundled::disclosure().unwrap());
        let mut bytes = vec![0xEF, 0xBB, 0xBF];
        bytes.extend_from_slice(ron.as_bytes());
        assert_eq!(
            from_ron_bytes(&bytes, "x.ron").unwrap(),
            from_ron(&ron, "x.ron").unwrap()
        );
        let mut bad = b"(\n  department: (\n".to_vec();
        bad.extend_from_slice(b"    name: \"\xFF\",\n");
        let err = from_ron_bytes(&bad, "bad.ron").unwrap_err();
        assert_eq!(err.line, 3);
        assert_eq!(
            err.to_string(),
            "bad.ron:3: expected RON in UTF-8, found the invalid byte 0xFF at byte 29"
        );
    }

    #[test]
    fn an_input_over_the_size_limit_is_refused_before_it_is_read() {
        // /dev/zero never ends: the read stops at the limit.
        if std::path::Path::new("/dev/zero").exists() {
            let err = import_path(std::path::Path::new("/dev/zero")).unwrap_err();
            assert!(err.message.contains("size limit of 256 MB"), "{err}");
            assert_eq!(err.line, 0);
        }
    }
}
