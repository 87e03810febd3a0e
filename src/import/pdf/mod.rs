//! PDF front end: visible glyphs and ruled tables → the text importer's own
//! line form (headings, paragraph lines, tab-separated table rows), each line
//! remembering its page, so both front ends share one recognition layer
//! (`document`, `tables`, `cards`, `narrative`).
//!
//! * [`extract`]: visible glyphs, clip paths and rules, through hayro;
//! * [`layout`]: a page's lines in reading order, ruled tables as rows;
//! * this module: headings, paragraphs joined across wrapped lines, page
//!   numbers dropped, then the shared importer, then pages put on every part.

mod extract;
mod layout;

use serde::Serialize;

use super::lines::{numbering_rank, squeeze_label};
use super::ImportError;
use crate::model::{Block, Disclosure, TableKind};
use extract::{OpenError, PageContent};
use layout::{page_lines, LineKind, PageLine};

/// Whether the bytes are a PDF: the `%PDF-` header (within the first KB,
/// where readers accept it), whatever the file's name.
pub fn is_pdf(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(1024)];
    head.windows(5).any(|w| w == b"%PDF-")
}

/// What one page of a PDF became.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PageReport {
    /// 1-based page number.
    pub page: u32,
    /// `cover`, `contents`, `table T1 …`, `card …`, `narrative` (several
    /// joined by `; `), `blank`, `image only …`, or `unrecognised`.
    pub became: String,
    /// The page's first line, as printed.
    pub first_line: String,
}

/// The text form of a PDF with the page of each of its lines.
pub(crate) struct PdfText {
    pub text: String,
    /// `pages[line - 1]` is the page of 1-based line `line`.
    pub pages: Vec<u32>,
    /// First line of each page (empty for a page without text).
    pub first_lines: Vec<String>,
    /// Whether each page draws an image (a page with images and no text is
    /// a scanned page, reported as such).
    pub images: Vec<bool>,
}

/// Imports a PDF disclosure.
pub fn import_pdf(bytes: &[u8], file: &str) -> Result<Disclosure, ImportError> {
    import_pdf_with_report(bytes, file).map(|(doc, _)| doc)
}

/// Imports a PDF disclosure and says what each page became.
pub fn import_pdf_with_report(
    bytes: &[u8],
    file: &str,
) -> Result<(Disclosure, Vec<PageReport>), ImportError> {
    // The PDF reader (hayro) still panics on some malformed files (open
    // upstream reports: index out of bounds in its LZW and CCITT filters,
    // a patch-mesh shading index): caught here, so that a bad PDF is an
    // error with exit 2, never a crash. Nothing of the failed read is kept.
    let extracted = std::panic::catch_unwind(|| extract::extract(bytes))
        .unwrap_or(Err(OpenError::ReaderFailed));
    let pages = extracted.map_err(|e| {
        let (message, zh) = match e {
            OpenError::Encrypted => (
                "the PDF is encrypted (password-protected): expected an unencrypted disclosure"
                    .to_string(),
                "PDF 已加密（有密码）：应为未加密的公开文件".to_string(),
            ),
            OpenError::Invalid => (
                "expected a PDF, found a truncated or corrupt file (its structure cannot be read)"
                    .to_string(),
                "应为 PDF，实为不完整或已损坏的文件（无法读取其结构）".to_string(),
            ),
            OpenError::NoPages => (
                "expected a PDF with pages, found none".to_string(),
                "应为有页面的 PDF，实为没有页面".to_string(),
            ),
            OpenError::ReaderFailed => (
                "the PDF reader failed on this file (its content is malformed): expected a well-formed PDF"
                    .to_string(),
                "PDF 读取失败（内容格式有误）：应为格式正确的 PDF".to_string(),
            ),
            OpenError::TooMuchText { page } => (
                format!(
                    "p. {page}: the PDF draws more text than a disclosure holds (over {} characters on a page or {} in all): expected a budget disclosure",
                    extract::MAX_PAGE_GLYPHS,
                    extract::MAX_DOC_GLYPHS
                ),
                format!(
                    "p. {page}：PDF 的文字多于任何公开文件（单页超过 {} 字或全文超过 {} 字）：应为部门预算公开文件",
                    extract::MAX_PAGE_GLYPHS,
                    extract::MAX_DOC_GLYPHS
                ),
            ),
        };
        ImportError::new(file, 0, message).zh(zh)
    })?;
    let glyphs: usize = pages.iter().map(|p| p.glyphs.len()).sum();
    if glyphs == 0 {
        let images = pages.iter().filter(|p| p.has_image).count();
        let error = if images > 0 {
            ImportError::new(file, 0, format!(
                "the PDF has no text layer ({} pages, {images} of them images only): it is a scan, expected a PDF with text (run OCR first)",
                pages.len()
            ))
            .zh(format!(
                "PDF 没有文字层（共 {} 页，其中 {images} 页只有图像）：这是扫描件，应为有文字的 PDF（请先做 OCR 识别）",
                pages.len()
            ))
        } else {
            ImportError::new(
                file,
                0,
                format!("the PDF shows no text on any of its {} pages", pages.len()),
            )
            .zh(format!("PDF 的 {} 页都没有文字", pages.len()))
        };
        return Err(error);
    }
    let text = to_text(&pages);
    let mut doc = super::import_text_form(&text.text, file).map_err(|e| {
        let page = text.pages.get(e.line.wrapping_sub(1)).copied();
        let read: Vec<String> = text
            .first_lines
            .iter()
            .enumerate()
            .filter(|(_, l)| !l.is_empty())
            .take(6)
            .map(|(i, l)| format!("p. {} \"{}\"", i + 1, short(l)))
            .collect();
        // The text form's line means nothing to the reader of a PDF: the
        // page is named instead, in both languages.
        let zh = e.message_zh.clone().unwrap_or_else(|| e.message.clone());
        let (message, zh) = match page {
            Some(p) if e.message.starts_with("no budget table") => (
                format!(
                    "p. {p}: not a budget disclosure: {} (pages read: {})",
                    e.message,
                    read.join(", ")
                ),
                format!(
                    "p. {p}：不是部门预算公开文件：{zh}（已读页面：{}）",
                    read.join("、")
                ),
            ),
            Some(p) => (format!("p. {p}: {}", e.message), format!("p. {p}：{zh}")),
            None => (e.message.clone(), zh),
        };
        ImportError::new(file, 0, message).zh(zh)
    })?;
    put_pages(&mut doc, &text.pages);
    let report = report(&doc, &text);
    Ok((doc, report))
}

fn short(text: &str) -> String {
    let s: String = text.chars().take(30).collect();
    if text.chars().count() > 30 {
        format!("{s}…")
    } else {
        s
    }
}

/// Puts the page of its source line on every table, row, card and section.
fn put_pages(doc: &mut Disclosure, pages: &[u32]) {
    let page = |line: usize| line.checked_sub(1).and_then(|i| pages.get(i)).copied();
    for t in &mut doc.tables {
        t.page = page(t.line);
        for side in &mut t.sides {
            for row in &mut side.rows {
                row.page = page(row.line);
            }
        }
    }
    for c in &mut doc.projects {
        c.page = page(c.line);
    }
    for s in &mut doc.narrative {
        s.page = page(s.line);
    }
    for n in &mut doc.import_notes {
        n.page = page(n.line);
    }
}

/// Says what each page became: the parts whose source lines lie on it.
fn report(doc: &Disclosure, text: &PdfText) -> Vec<PageReport> {
    let blank: Vec<bool> = text.text.split('\n').map(|l| l.trim().is_empty()).collect();
    page_report(doc, &text.pages, &blank, &text.first_lines, &text.images)
}

/// What each page became, from the page of every line of the text form
/// (`pages[line - 1]`) and which lines are blank. A page is `cover` (the
/// first), `contents`, the tables and cards read on it, `narrative` where its
/// lines fell under a section that kept prose, `blank`, or `unrecognised`
/// when none of its lines went into any part: never silently nothing.
pub(crate) fn page_report(
    doc: &Disclosure,
    pages: &[u32],
    blank: &[bool],
    first_lines: &[String],
    images: &[bool],
) -> Vec<PageReport> {
    let n = first_lines.len();
    let mut became: Vec<Vec<String>> = vec![Vec::new(); n];
    let mut add = |page: Option<u32>, what: &str| {
        let slot = page
            .and_then(|p| (p as usize).checked_sub(1))
            .and_then(|i| became.get_mut(i));
        if let Some(v) = slot {
            if !v.iter().any(|w| w == what) {
                v.push(what.to_string());
            }
        }
    };
    let page_of = |line: usize| line.checked_sub(1).and_then(|i| pages.get(i)).copied();
    // Lines that a table or card took: its title down to its last row.
    let mut taken: Vec<(usize, usize)> = Vec::new();
    for t in &doc.tables {
        let name = match t.kind {
            TableKind::Other => format!("table {}", t.title),
            kind => format!("table {} {}", table_tag(kind), t.title),
        };
        add(t.page, &name);
        let mut last = t.line;
        for row in t.sides.iter().flat_map(|s| s.rows.iter()) {
            add(row.page, &name);
            last = last.max(row.line);
        }
        taken.push((t.line, last));
    }
    for c in &doc.projects {
        let name = format!("card {}", c.name);
        add(c.page, &name);
        let mut last = c.line;
        for ind in &c.indicators {
            add(page_of(ind.line), &name);
            last = last.max(ind.line);
        }
        taken.push((c.line, last));
    }
    for note in &doc.import_notes {
        add(note.page, &format!("note: {}", note.message));
    }
    // Every other non-blank line belongs to the section above it: prose if
    // that section kept any, else nothing.
    let keeps_prose = |s: &crate::model::NarrativeSection| {
        s.blocks
            .iter()
            .any(|b| !matches!(b, Block::BudgetTable(_) | Block::Project(_)))
    };
    let starts: Vec<usize> = doc.narrative.iter().map(|s| s.line).collect();
    for (i, &page) in pages.iter().enumerate() {
        let line = i + 1;
        if blank.get(i).copied().unwrap_or(true)
            || taken.iter().any(|&(a, b)| (a..=b).contains(&line))
        {
            continue;
        }
        let section = starts.partition_point(|&s| s <= line).checked_sub(1);
        if section.is_some_and(|k| keeps_prose(&doc.narrative[k])) {
            add(Some(page), "narrative");
        }
    }
    (0..n)
        .map(|i| {
            let first = first_lines[i].clone();
            let what = if first.trim().is_empty() {
                if images.get(i).copied().unwrap_or(false) {
                    "image only (no text: a scan?)".to_string()
                } else {
                    "blank".to_string()
                }
            } else if i == 0 {
                "cover".to_string()
            } else if is_contents_start(&first) {
                "contents".to_string()
            } else if became[i].is_empty() {
                "unrecognised".to_string()
            } else {
                became[i].join("; ")
            };
            PageReport {
                page: i as u32 + 1,
                became: what,
                first_line: first,
            }
        })
        .collect()
}

/// A contents page: its first line is `目录` (printed spaced out, or cut
/// into `目` and `录`).
fn is_contents_start(line: &str) -> bool {
    let t = squeeze_label(line);
    t == "目录" || t == "目"
}

fn table_tag(kind: TableKind) -> &'static str {
    match kind {
        TableKind::IncomeExpenditureSummary => "T1",
        TableKind::Income => "T2",
        TableKind::Expenditure => "T3",
        TableKind::FiscalGrantSummary => "T4",
        TableKind::GeneralPublicExpenditure => "T5",
        TableKind::GeneralPublicBasic => "T6",
        TableKind::GovernmentFundExpenditure => "T7",
        TableKind::StateCapitalExpenditure => "T8",
        TableKind::ThreePublicCosts => "T9",
        TableKind::Other => "",
    }
}

/// A page number printed in the margin: `3`, `- 3 -`, `第 3 页`, `3/24`.
fn is_page_number(text: &str) -> bool {
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let t = t.trim_matches(|c| matches!(c, '-' | '—' | '–' | '－'));
    let t = t
        .strip_prefix('第')
        .and_then(|r| r.split_once('页').map(|(a, _)| a))
        .unwrap_or(t);
    let digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
    digits(t)
        || t.split_once(['/', '共'])
            .is_some_and(|(a, b)| digits(a) && digits(b))
}

/// Whether a line names a budget table (a title, not a numbered item).
fn is_table_title(text: &str) -> bool {
    super::lines::table_title_kind(text).is_some()
}

/// A card title: `项目支出绩效目标申报表`, `…绩效目标表`.
fn is_card_title(text: &str) -> bool {
    let t = squeeze_label(text);
    t.contains("绩效目标") && t.ends_with('表') && t.chars().count() <= 40
}

/// The most common font size of text lines, weighted by length: the body.
fn body_size(pages: &[Vec<PageLine>]) -> f64 {
    let mut counts: Vec<(i64, usize)> = Vec::new();
    for line in pages.iter().flatten() {
        if let LineKind::Text(t) = &line.kind {
            let key = (line.size * 2.0).round() as i64;
            let n = t.chars().count();
            match counts.iter_mut().find(|(k, _)| *k == key) {
                Some((_, c)) => *c += n,
                None => counts.push((key, n)),
            }
        }
    }
    counts
        .into_iter()
        .max_by_key(|(_, c)| *c)
        .map_or(12.0, |(k, _)| k as f64 / 2.0)
}

/// What a text line is in the text form.
fn heading_level(text: &str, size: f64, body: f64) -> Option<usize> {
    let t = squeeze_label(text);
    let len = t.chars().count();
    if len == 0 || len > 60 {
        return None;
    }
    if is_table_title(&t) && numbering_rank(&t).is_none() {
        return Some(2);
    }
    if is_card_title(&t) {
        return Some(2);
    }
    let inner_sentence = t
        .trim_end_matches(['。', '：', ':'])
        .contains(['。', '，', '；']);
    if inner_sentence || t.ends_with(['。', '；', '，']) {
        return None;
    }
    if size >= body * 1.2 && len <= 40 {
        return Some(1);
    }
    match numbering_rank(&t) {
        Some(1 | 2) if len <= 30 => Some(2),
        Some(3) if len <= 20 && size >= body - 0.1 => Some(3),
        _ => None,
    }
}

/// One line of the text form being built.
#[derive(Debug, Clone, PartialEq)]
enum Item {
    Blank,
    Heading(usize, String),
    Text(String),
    Row {
        cells: Vec<String>,
        spans: Vec<(f64, f64)>,
    },
}

/// An unruled line of pieces that holds a preamble (`部门：X 单位：万元`)
/// is lines of their own, a label ending in a colon joined to its value.
fn split_preamble_row(cells: &[String]) -> Option<Vec<String>> {
    let mut out: Vec<String> = Vec::new();
    let mut pending: Option<String> = None;
    for c in cells {
        let c = c.trim();
        if let Some(label) = pending.take() {
            out.push(format!("{label}{c}"));
        } else if c.ends_with(['：', ':']) {
            pending = Some(c.to_string());
        } else {
            out.push(c.to_string());
        }
    }
    out.extend(pending);
    out.iter()
        .any(|l| super::lines::preamble(l).is_some() && (l.contains('：') || l.contains(':')))
        .then_some(out)
}

fn is_preamble_text(item: &Item) -> bool {
    match item {
        Item::Text(t) => super::lines::preamble(t).is_some(),
        Item::Blank => true,
        _ => false,
    }
}

/// Puts the cells of a row read on a continuation page into the columns of
/// the table it continues, by where each cell stands.
fn remap(cells: &[String], spans: &[(f64, f64)], to: &[(f64, f64)]) -> Vec<String> {
    let mut out = vec![String::new(); to.len()];
    // The columns stand left to right: each cell's column is found by
    // binary search, so a row of many cells costs n log n, not n².
    let centres: Vec<f64> = to.iter().map(|&(a, b)| (a + b) / 2.0).collect();
    for (cell, &(x0, x1)) in cells.iter().zip(spans) {
        if cell.is_empty() {
            continue;
        }
        let cx = (x0 + x1) / 2.0;
        let inside = to
            .partition_point(|&(a, _)| a <= cx)
            .checked_sub(1)
            .filter(|&k| cx < to[k].1);
        let j = inside.or_else(|| {
            // The closest column when the centre falls in none: a
            // neighbour of where the centre sorts among the centres.
            let at = centres.partition_point(|&c| c < cx);
            [at.checked_sub(1), Some(at)]
                .into_iter()
                .flatten()
                .filter(|&k| k < centres.len())
                .min_by(|&a, &b| (centres[a] - cx).abs().total_cmp(&(centres[b] - cx).abs()))
        });
        if let Some(j) = j {
            super::lines::push_fragment(&mut out[j], cell);
        }
    }
    out
}

/// Joins a lone text fragment (no figure) to the cell of the last row above
/// it, when that cell has text: the page break cut the cell.
fn join_cut_cell(items: &mut [(Item, u32)], cells: &[String]) -> bool {
    let mut filled = cells.iter().enumerate().filter(|(_, c)| !c.is_empty());
    let Some((j, fragment)) = filled.next() else {
        return false;
    };
    if filled.next().is_some() || fragment.chars().any(|c| c.is_ascii_digit()) {
        return false;
    }
    let last = items.iter_mut().rev().find_map(|(it, _)| match it {
        Item::Row { cells, .. } => Some(cells),
        _ => None,
    });
    match last.and_then(|l| l.get_mut(j)).filter(|c| !c.is_empty()) {
        Some(cell) => {
            *cell = super::lines::join_fragments(cell, fragment);
            true
        }
        None => false,
    }
}

/// The grid continued on this page (once seen) and the columns of the table
/// it continues.
type Continuation = (Option<usize>, Vec<(f64, f64)>);

/// Builds the text form of the pages.
pub(crate) fn to_text(pages: &[PageContent]) -> PdfText {
    let all: Vec<Vec<PageLine>> = pages.iter().map(page_lines).collect();
    let body = body_size(&all);
    let mut items: Vec<(Item, u32)> = Vec::new();
    let mut first_lines = Vec::with_capacity(all.len());
    let mut last_title: Option<String> = None;
    for (n, (lines, page)) in all.iter().zip(pages).enumerate() {
        let page_no = n as u32 + 1;
        let lines: Vec<&PageLine> = lines
            .iter()
            .filter(|l| match &l.kind {
                LineKind::Text(t) => {
                    let margin = l.top < page.height * 0.1 || l.top > page.height * 0.88;
                    !(margin && is_page_number(t))
                }
                LineKind::Row { .. } => true,
            })
            .collect();
        first_lines.push(
            lines
                .first()
                .map(|l| match &l.kind {
                    LineKind::Text(t) => t.clone(),
                    LineKind::Row { cells, .. } => cells.join(" "),
                })
                .unwrap_or_default(),
        );
        let contents = lines.iter().take(3).any(|l| match &l.kind {
            LineKind::Text(t) => squeeze_label(t) == "目录",
            _ => false,
        });
        let texts = || lines.iter().filter(|l| matches!(l.kind, LineKind::Text(_)));
        let margin = texts().map(|l| l.x0).fold(f64::INFINITY, f64::min);
        let right = texts().map(|l| l.x1).fold(0.0, f64::max);
        // The table open at the end of the previous page, if any.
        let open_table: Option<Vec<(f64, f64)>> = items
            .iter()
            .rev()
            .find(|(it, _)| !is_preamble_text(it))
            .and_then(|(it, _)| match it {
                Item::Row { spans, .. } => Some(spans.clone()),
                _ => None,
            });
        // Whether a row of this page is in `items` yet (the first may end
        // a cell cut by the page break).
        let mut row_on_page = false;
        if n > 0 {
            items.push((Item::Blank, page_no));
        }
        // (grid continued on this page, columns of the table it continues)
        let mut continuing: Option<Continuation> = open_table.map(|spans| (None, spans));
        let mut open_paragraph = false;
        let mut prev_text: Option<&PageLine> = None;
        let mut last_grid: Option<usize> = None;
        for (i, line) in lines.iter().enumerate() {
            match &line.kind {
                LineKind::Row { cells, grid, spans } => {
                    open_paragraph = false;
                    prev_text = None;
                    if grid.is_none() {
                        if let Some(parts) = split_preamble_row(cells) {
                            for p in parts {
                                items.push((Item::Text(p), page_no));
                            }
                            continue;
                        }
                    }
                    // A title printed in the first cell of a ruled card.
                    let mut filled = cells.iter().filter(|c| !c.trim().is_empty());
                    if let (Some(only), None) = (filled.next(), filled.next()) {
                        if is_card_title(only) {
                            items.push((Item::Heading(2, only.trim().to_string()), page_no));
                            continuing = None;
                            last_grid = *grid;
                            continue;
                        }
                    }
                    if last_grid.is_some() && *grid != last_grid {
                        items.push((Item::Blank, page_no));
                    }
                    last_grid = *grid;
                    let mut cells: Vec<String> =
                        cells.iter().map(|c| c.replace('\t', " ")).collect();
                    let mut spans = spans.clone();
                    let grid_key = grid.unwrap_or(usize::MAX);
                    if let Some((which, to)) = &mut continuing {
                        if which.is_none() {
                            *which = Some(grid_key);
                        }
                        if *which == Some(grid_key) {
                            cells = remap(&cells, &spans, to);
                            spans = to.clone();
                            // The first row of a continuation page may end a
                            // cell cut by the page break (`…等支` / `出`).
                            if !row_on_page && join_cut_cell(&mut items, &cells) {
                                continue;
                            }
                        } else {
                            continuing = None;
                        }
                    }
                    items.push((Item::Row { cells, spans }, page_no));
                    row_on_page = true;
                }
                LineKind::Text(text) => {
                    last_grid = None;
                    let text = text.trim();
                    if contents {
                        items.push((Item::Text(text.to_string()), page_no));
                        continue;
                    }
                    if let Some(level) = heading_level(text, line.size, body) {
                        let squeezed = squeeze_label(text);
                        // A table title repeated on its continuation page.
                        let repeated =
                            i < 3 && level == 2 && last_title.as_deref() == Some(squeezed.as_str());
                        if is_table_title(text) {
                            last_title = Some(squeezed.clone());
                        }
                        if repeated || squeezed.contains("续表") {
                            continue;
                        }
                        continuing = None;
                        items.push((Item::Heading(level, text.to_string()), page_no));
                        open_paragraph = false;
                        prev_text = None;
                        continue;
                    }
                    if super::lines::preamble(text).is_none() {
                        continuing = None;
                    }
                    let indented = line.x0 > margin + 1.2 * line.size;
                    let continues = open_paragraph
                        && !indented
                        && numbering_rank(text).is_none()
                        && prev_text.is_some_and(|p| {
                            p.x1 >= right - 2.5 * p.size
                                && (p.size - line.size).abs() < 0.6
                                && line.top - p.top < 2.5 * line.size
                        });
                    match items.last_mut() {
                        Some((Item::Text(last), _)) if continues => {
                            super::lines::push_fragment(last, text);
                        }
                        _ => items.push((Item::Text(text.to_string()), page_no)),
                    }
                    open_paragraph = true;
                    prev_text = Some(line);
                }
            }
        }
    }
    attach_table_numbers(&mut items);
    let mut text = String::new();
    let mut line_pages = Vec::with_capacity(items.len());
    for (item, page) in items {
        if !line_pages.is_empty() {
            text.push('\n');
        }
        match item {
            Item::Blank => {}
            Item::Heading(level, t) => {
                text.push_str(&"#".repeat(level));
                text.push(' ');
                text.push_str(&t);
            }
            Item::Text(t) => text.push_str(&t),
            Item::Row { cells, .. } => text.push_str(&cells.join("\t")),
        }
        line_pages.push(page);
    }
    PdfText {
        text,
        pages: line_pages,
        first_lines,
        images: pages.iter().map(|p| p.has_image).collect(),
    }
}

/// A bare table number (`公开 06 表`) printed above a title, sometimes at
/// the foot of the previous page, is part of that title: joined to it, so
/// the title keeps its own page and the number is not left as a paragraph.
fn attach_table_numbers(items: &mut Vec<(Item, u32)>) {
    let mut i = 0;
    while i < items.len() {
        let number = match &items[i].0 {
            // Printed larger than the body on some pages: then a heading.
            Item::Text(t) | Item::Heading(_, t) if super::lines::is_table_number(t) => {
                t.trim().to_string()
            }
            _ => {
                i += 1;
                continue;
            }
        };
        let next = (i + 1..items.len()).find(|&j| items[j].0 != Item::Blank);
        match next.map(|j| &mut items[j].0) {
            Some(Item::Heading(_, title)) if is_table_title(title) => {
                *title = format!("{number}：{}", title.trim());
                items.remove(i);
            }
            _ => i += 1,
        }
    }
}

/// Reads the visible glyphs of every page and nothing more: the number of
/// glyphs, or `None` for an unreadable PDF. For measuring extraction alone.
pub fn extract_glyphs(bytes: &[u8]) -> Option<usize> {
    extract::extract(bytes)
        .ok()
        .map(|pages| pages.iter().map(|p| p.glyphs.len()).sum())
}

/// The text form of a PDF, for debugging the front end (`budget import
/// FILE.pdf --text`).
pub fn pdf_text_form(bytes: &[u8]) -> Option<String> {
    let pages = extract::extract(bytes).ok()?;
    let t = to_text(&pages);
    Some(
        t.text
            .lines()
            .zip(t.pages)
            .map(|(l, p)| format!("{p:>3}| {l}\n"))
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_numbers_are_recognised() {
        for t in ["3", "- 3 -", "第 3 页", "3/24", "—12—"] {
            assert!(is_page_number(t), "{t}");
        }
        for t in ["2025", "单位：元", "一、"] {
            assert!(!is_page_number(t) || t == "2025", "{t}");
        }
    }

    #[test]
    fn a_page_whose_lines_went_nowhere_is_reported_unrecognised() {
        // p. 1 cover, p. 2 a table, p. 3 a heading with nothing under it,
        // p. 4 prose, p. 5 no text but an image, p. 6 nothing at all.
        let text = "# 某部门2025年部门预算\n\
## 部门预算支出总表\n单位：万元\n科目编码\t科目名称\t合计\n201\t一般公共服务支出\t10.00\n\
# 附件\n\
# 说明\n本部门2025年预算10.00万元。";
        let doc = crate::import::import_text_form(text, "x.pdf").unwrap();
        let pages = [1, 2, 2, 2, 2, 3, 4, 4];
        let blank: Vec<bool> = text.split('\n').map(|l| l.trim().is_empty()).collect();
        let first: Vec<String> = ["某部门", "部门预算支出总表", "附件", "说明", "", ""]
            .map(String::from)
            .to_vec();
        let images = [false, false, false, false, true, false];
        let mut doc = doc;
        put_pages(&mut doc, &pages);
        let got: Vec<String> = page_report(&doc, &pages, &blank, &first, &images)
            .into_iter()
            .map(|p| p.became)
            .collect();
        assert_eq!(
            got,
            [
                "cover",
                "table T3 部门预算支出总表",
                "unrecognised",
                "narrative",
                "image only (no text: a scan?)",
                "blank"
            ]
        );
    }

    #[test]
    fn pdf_is_detected_by_its_header() {
        assert!(is_pdf(b"%PDF-1.7\n"));
        assert!(!is_pdf(b"# heading\n"));
    }
}
