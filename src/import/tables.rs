//! Table blocks (preamble lines, tab rows, notes) and the budget tables built
//! from them: header layout, column roles, page merging, data rows.

use std::collections::BTreeSet;

use super::lines::{clean_markup, preamble, squeeze_label, Kind, Line, Preamble};
use super::ImportError;
use crate::model::{parse_amount, BudgetTable, Code, Column, Side, TableKind, TableRow, Unit};

/// One tab-separated row with its source line.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct RowLine {
    pub no: usize,
    pub cells: Vec<String>,
}

/// A printed table piece: the lines above it, its rows, the notes below.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct TableBlock {
    pub owner: Option<String>,
    pub year: Option<u16>,
    pub unit: Option<Unit>,
    pub as_of: Option<String>,
    pub rows: Vec<RowLine>,
    pub notes: Vec<String>,
    /// Index (into the lines) just after the last line the block used.
    pub end: usize,
}

/// How many preamble lines may stand above a table.
const MAX_PREAMBLE: usize = 6;

/// Reads a table block starting at `start` (blank lines skipped): preamble
/// lines, then rows (a blank gap between rows is a page break and is read
/// through), then `注：` notes. `None` when no row follows the preamble.
pub(crate) fn read_block(lines: &[Line], start: usize, end: usize) -> Option<TableBlock> {
    let mut block = TableBlock::default();
    let mut i = start;
    let mut preambles = 0;
    loop {
        let line = lines.get(i).filter(|_| i < end)?;
        match &line.kind {
            Kind::Blank => {}
            Kind::Text(text) => {
                let p = preamble(text)?;
                preambles += 1;
                if preambles > MAX_PREAMBLE {
                    return None;
                }
                match p {
                    // The code is split off again where it is needed.
                    Preamble::Owner { text, .. } => block.owner = Some(text),
                    Preamble::Year(y) => block.year = Some(y),
                    Preamble::Unit(u) => block.unit = Some(u),
                    Preamble::AsOf(d) => block.as_of = d,
                }
            }
            Kind::Row(_) => break,
            _ => return None,
        }
        i += 1;
    }
    let mut last_used = i;
    while i < end {
        match &lines[i].kind {
            Kind::Row(cells) => {
                block.rows.push(RowLine {
                    no: lines[i].no,
                    cells: cells.clone(),
                });
                last_used = i;
                i += 1;
            }
            Kind::Blank => match next_non_blank(lines, i, end) {
                Some(j) if lines[j].row().is_some() => i = j,
                _ => break,
            },
            _ => break,
        }
    }
    let mut j = last_used + 1;
    while let Some(k) = next_non_blank(lines, j, end) {
        match lines[k].text() {
            Some(text) if is_note(text) => {
                block.notes.push(clean_markup(text));
                last_used = k;
                j = k + 1;
            }
            _ => break,
        }
    }
    block.end = last_used + 1;
    Some(block)
}

pub(crate) fn next_non_blank(lines: &[Line], from: usize, end: usize) -> Option<usize> {
    (from..end.min(lines.len())).find(|&i| !lines[i].is_blank())
}

fn is_note(text: &str) -> bool {
    let t = squeeze_label(text);
    t.starts_with("注：") || t.starts_with("注:") || t.starts_with("说明：")
}

/// What a column of a budget table holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Seq,
    Code,
    Name,
    Amount,
}

/// One side of a table: which columns hold the code, the name, the amounts.
#[derive(Debug, Clone, PartialEq)]
struct SideLayout {
    label: Option<String>,
    code_cols: Vec<usize>,
    name_col: Option<usize>,
    /// Unlabelled columns right of the name under a merged 项目名称 header
    /// (Jiangsu's 收入预算总表: `一般公共预算资金 | 小计`).
    more_name_cols: Vec<usize>,
    /// Columns of text found under amount-like headers in a table beyond
    /// the nine (政府采购: 采购品目大类, 经济科目, 采购组织形式): part of the
    /// row's label, joined to the name with spaces in print order.
    text_cols: Vec<usize>,
    amounts: Vec<(usize, Column)>,
}

/// The column structure of a budget table, read from its header rows and
/// its 栏次 row.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Layout {
    width: usize,
    seq_col: Option<usize>,
    sides: Vec<SideLayout>,
    /// Header rows (and the 栏次 row), squeezed, to recognise them when a
    /// page break repeats them.
    header_rows: Vec<Vec<String>>,
}

/// A table's header rows, its 栏次 row and the rows below them.
struct Split<'a> {
    header: &'a [RowLine],
    lanci: Option<&'a RowLine>,
    data: &'a [RowLine],
}

fn split_header(rows: &[RowLine]) -> Split<'_> {
    if let Some(k) = rows.iter().position(is_lanci_row) {
        return Split {
            header: &rows[..k],
            lanci: Some(&rows[k]),
            data: &rows[k + 1..],
        };
    }
    // No 栏次 row (Shanghai): the header ends where figures begin.
    let k = rows
        .iter()
        .position(|r| is_data_like(&r.cells))
        .unwrap_or(rows.len());
    Split {
        header: &rows[..k],
        lanci: None,
        data: &rows[k..],
    }
}

/// Whether a block carries a 栏次 row: a budget table's header, whatever
/// title (or none) stands above it.
pub(crate) fn has_lanci_row(block: &TableBlock) -> bool {
    block.rows.iter().any(is_lanci_row)
}

fn is_lanci_row(row: &RowLine) -> bool {
    row.cells
        .first()
        .is_some_and(|c| matches!(squeeze_label(c).as_str(), "栏次" | "行次"))
}

fn is_data_like(cells: &[String]) -> bool {
    let first_is_number = cells
        .first()
        .is_some_and(|c| !c.is_empty() && c.chars().all(|ch| ch.is_ascii_digit()));
    first_is_number
        || cells
            .iter()
            .skip(1)
            .any(|c| matches!(parse_amount(c), Ok(Some(_))))
}

fn trimmed_len(cells: &[String]) -> usize {
    cells
        .iter()
        .rposition(|c| !c.trim().is_empty())
        .map_or(0, |i| i + 1)
}

/// Known header layouts of the standard tables, used only when the printed
/// header is misaligned and holds exactly these labels.
fn canonical_headers(kind: TableKind) -> &'static [&'static [&'static str]] {
    const INCOME: &[&[&str]] = &[
        &["合计"],
        &["本年收入", "小计"],
        &["本年收入", "财政拨款收入"],
        &["本年收入", "财政专户收入"],
        &["本年收入", "事业收入"],
        &["本年收入", "经营收入"],
        &["本年收入", "上级补助收入"],
        &["本年收入", "附属单位上缴收入"],
        &["本年收入", "其他收入"],
        &["上年结转"],
    ];
    const EXPENDITURE: &[&[&str]] = &[
        &["合计"],
        &["基本支出"],
        &["项目支出"],
        &["经营支出"],
        &["上解上级支出"],
        &["对附属单位补助支出"],
    ];
    const FUND: &[&[&str]] = &[&["合计"], &["基本支出"], &["项目支出"]];
    const BASIC: &[&[&str]] = &[
        &["一般公共预算基本支出", "合计"],
        &["一般公共预算基本支出", "人员经费"],
        &["一般公共预算基本支出", "公用经费"],
    ];
    const THREE_PUBLIC: &[&[&str]] = &[
        &["资金性质", "合计"],
        &["资金性质", "一般公共预算财政拨款"],
        &["资金性质", "政府性基金预算拨款"],
        &["资金性质", "国有资本经营预算财政拨款"],
    ];
    match kind {
        TableKind::Income => INCOME,
        TableKind::Expenditure => EXPENDITURE,
        TableKind::GeneralPublicExpenditure
        | TableKind::GovernmentFundExpenditure
        | TableKind::StateCapitalExpenditure => FUND,
        TableKind::GeneralPublicBasic => BASIC,
        TableKind::ThreePublicCosts => THREE_PUBLIC,
        _ => &[],
    }
}

/// Header paths of the columns `cols`, from header rows `rows` (squeezed,
/// top first). A label spans right over columns whose cell in its row is
/// empty, but only when it has a label under it in its own column (a label
/// with nothing below is a leaf). A column whose first label is below the
/// top while no group spans it is misaligned: it is given the last group
/// of that row, and the second value says a misalignment was seen.
pub(crate) fn header_paths(rows: &[Vec<String>], cols: &[usize]) -> (Vec<Vec<String>>, bool) {
    let depth = rows.len();
    let mut active: Vec<Option<String>> = vec![None; depth];
    let mut last_group: Vec<Option<String>> = vec![None; depth];
    let mut misaligned = false;
    let mut paths = Vec::with_capacity(cols.len());
    for &c in cols {
        let labels: Vec<&str> = rows
            .iter()
            .map(|r| r.get(c).map_or("", String::as_str))
            .collect();
        let first = labels.iter().position(|l| !l.is_empty());
        let own_start = first.unwrap_or(depth);
        let mut path = Vec::new();
        for r in 0..own_start {
            if let Some(group) = &active[r] {
                path.push(group.clone());
            } else if first.is_some() && r + 1 == own_start {
                if let Some(group) = &last_group[r] {
                    misaligned = true;
                    path.push(group.clone());
                }
            }
        }
        for r in own_start..depth {
            if labels[r].is_empty() {
                continue;
            }
            let has_below = labels[r + 1..].iter().any(|l| !l.is_empty());
            active[r] = has_below.then(|| labels[r].to_string());
            if has_below {
                last_group[r] = Some(labels[r].to_string());
            }
            for lower in active.iter_mut().skip(r + 1) {
                *lower = None;
            }
            path.push(labels[r].to_string());
        }
        paths.push(path);
    }
    (paths, misaligned)
}

/// Replaces misaligned header paths with the standard layout of the table
/// kind when the printed labels are exactly the standard ones.
fn realign(kind: TableKind, rows: &[Vec<String>], cols: &[usize]) -> Option<Vec<Vec<String>>> {
    let template = canonical_headers(kind);
    if template.is_empty() || template.len() != cols.len() {
        return None;
    }
    let printed: BTreeSet<&str> = cols
        .iter()
        .flat_map(|&c| rows.iter().filter_map(move |r| r.get(c)))
        .map(String::as_str)
        .filter(|l| !l.is_empty())
        .collect();
    let expected: BTreeSet<&str> = template.iter().flat_map(|p| p.iter().copied()).collect();
    (printed == expected).then(|| {
        template
            .iter()
            .map(|p| p.iter().map(|s| s.to_string()).collect())
            .collect()
    })
}

fn role_of(labels: &[&str], after_code: bool) -> Role {
    let Some(lowest) = labels.iter().rev().find(|l| !l.is_empty()) else {
        return if after_code { Role::Name } else { Role::Amount };
    };
    if labels.contains(&"序号") {
        Role::Seq
    } else if lowest.contains("编码")
        || lowest.contains("代码")
        || matches!(*lowest, "类" | "款" | "项")
    {
        Role::Code
    } else if lowest.contains("名称")
        || matches!(*lowest, "项目" | "科目")
        || lowest.ends_with("收入项目")
        || lowest.ends_with("支出项目")
    {
        Role::Name
    } else {
        Role::Amount
    }
}

impl Layout {
    /// Builds the layout from a block's header rows and 栏次 row.
    fn build(kind: TableKind, header: &[RowLine], lanci: Option<&RowLine>) -> Option<Layout> {
        if header.is_empty() {
            return None;
        }
        let width = match lanci {
            Some(l) => trimmed_len(&l.cells),
            None => header
                .iter()
                .map(|r| trimmed_len(&r.cells))
                .max()
                .unwrap_or(0),
        };
        if width == 0 {
            return None;
        }
        let grid: Vec<Vec<String>> = header
            .iter()
            .map(|r| {
                (0..width)
                    .map(|c| r.cells.get(c).map_or(String::new(), |s| squeeze_label(s)))
                    .collect()
            })
            .collect();
        let column_labels = |c: usize, from: usize| -> Vec<&str> {
            grid[from..].iter().map(|r| r[c].as_str()).collect()
        };
        let seq_col = (0..width).find(|&c| grid.iter().any(|r| r[c] == "序号"));

        let top = &grid[0];
        // 收入 | 支出, or Shanghai's 本年收入 | 本年支出.
        let side_label =
            |l: &str, word: &str| l == word || (l.ends_with(word) && l.chars().count() <= 6);
        let income = top.iter().position(|l| side_label(l, "收入"));
        let expense = top.iter().position(|l| side_label(l, "支出"));
        let (ranges, label_from): (Vec<(Option<String>, usize, usize)>, usize) =
            match (income, expense) {
                (Some(a), Some(b)) if a < b && grid.len() >= 2 => (
                    vec![
                        (Some("收入".to_string()), a, b),
                        (Some("支出".to_string()), b, width),
                    ],
                    1,
                ),
                _ => (vec![(None, 0, width)], 0),
            };

        let lanci_number = |c: usize| -> Option<u32> {
            lanci
                .and_then(|l| l.cells.get(c))
                .and_then(|s| s.trim().parse().ok())
        };
        // A second name column inside a side starts a sub-side of the same
        // label (Jiangsu's 支出: 功能分类 | 支出用途, each a name and 金额).
        let mut split_ranges = Vec::new();
        for (label, from, to) in ranges {
            let mut start = from;
            let mut seen_name = false;
            let mut seen_amount = false;
            for c in from..to {
                let labels = column_labels(c, label_from);
                let role = role_of(&labels, false);
                // Only the standard tables have sub-sides; a table beyond the
                // nine may name several text columns (采购物品名称).
                if role == Role::Name && seen_name && seen_amount && kind != TableKind::Other {
                    split_ranges.push((label.clone(), start, c));
                    start = c;
                    seen_amount = false;
                }
                seen_name |= role == Role::Name;
                seen_amount |= role == Role::Amount && labels.iter().any(|l| !l.is_empty());
            }
            split_ranges.push((label, start, to));
        }
        let mut sides = Vec::new();
        for (label, from, to) in split_ranges {
            let mut side = SideLayout {
                label,
                code_cols: Vec::new(),
                name_col: None,
                more_name_cols: Vec::new(),
                text_cols: Vec::new(),
                amounts: Vec::new(),
            };
            let mut amount_cols = Vec::new();
            let mut after_code = false;
            let mut after_name = false;
            for c in from..to {
                if Some(c) == seq_col {
                    continue;
                }
                let labels = column_labels(c, label_from);
                let unlabelled = labels.iter().all(|l| l.is_empty());
                match role_of(&labels, after_code) {
                    Role::Seq => {}
                    Role::Code => {
                        side.code_cols.push(c);
                        after_code = true;
                        continue;
                    }
                    Role::Name if side.name_col.is_none() => {
                        side.name_col = Some(c);
                        after_code = false;
                        after_name = true;
                        continue;
                    }
                    Role::Amount if after_name && unlabelled => {
                        side.more_name_cols.push(c);
                        continue;
                    }
                    _ => amount_cols.push(c),
                }
                after_code = false;
                after_name = false;
            }
            let header_rows = &grid[label_from..];
            let (mut paths, misaligned) = header_paths(header_rows, &amount_cols);
            if misaligned {
                if let Some(standard) = realign(kind, header_rows, &amount_cols) {
                    paths = standard;
                }
            }
            side.amounts = amount_cols
                .iter()
                .zip(paths)
                .map(|(&c, header)| {
                    (
                        c,
                        Column {
                            header,
                            number: lanci_number(c),
                        },
                    )
                })
                .collect();
            sides.push(side);
        }
        let mut header_rows = grid;
        if let Some(l) = lanci {
            header_rows.push(l.cells.iter().map(|c| squeeze_label(c)).collect());
        }
        Some(Layout {
            width,
            seq_col,
            sides,
            header_rows,
        })
    }

    /// In a table beyond the nine, a column whose cells hold words under an
    /// amount-like header (采购组织形式) is part of the row's label: decided
    /// by what the data rows hold, since such tables follow no standard.
    fn text_columns_by_content<'r>(&mut self, data: impl Iterator<Item = &'r RowLine> + Clone) {
        for side in &mut self.sides {
            let (text, amounts): (Vec<_>, Vec<_>) = std::mem::take(&mut side.amounts)
                .into_iter()
                .partition(|(c, _)| {
                    // Words, not a malformed figure: `1.234,56` stays in
                    // an amount column and is refused there, never hidden
                    // in a label.
                    data.clone().any(|r| {
                        r.cells.get(*c).is_some_and(|t| {
                            parse_amount(t).is_err() && t.chars().any(char::is_alphabetic)
                        })
                    })
                });
            side.amounts = amounts;
            side.text_cols = text.into_iter().map(|(c, _)| c).collect();
        }
    }

    fn is_repeated_header(&self, cells: &[String]) -> bool {
        let squeezed: Vec<String> = cells.iter().map(|c| squeeze_label(c)).collect();
        let n = trimmed_len(&squeezed);
        self.header_rows
            .iter()
            .any(|h| trimmed_len(h) == n && h[..n] == squeezed[..n])
            || squeezed.first().is_some_and(|c| c == "序号" || c == "栏次")
    }

    /// Reads one data row into rows of the sides (blank side cells give no
    /// row). `Ok(None)` for a repeated header row.
    fn read_row(
        &self,
        file: &str,
        row: &RowLine,
    ) -> Result<Option<Vec<Option<TableRow>>>, ImportError> {
        if self.is_repeated_header(&row.cells) {
            return Ok(None);
        }
        let err = |message: String, zh: String| ImportError::new(file, row.no, message).zh(zh);
        if row.cells.len() < self.width {
            return Err(err(
                format!(
                    "expected {} cells as the 栏次 row says, found {} (the row is cut off)",
                    self.width,
                    row.cells.len()
                ),
                format!(
                    "按栏次行应有 {} 个单元格，实有 {} 个（该行不完整）",
                    self.width,
                    row.cells.len()
                ),
            ));
        }
        if let Some(extra) = row.cells[self.width..].iter().find(|c| !c.is_empty()) {
            return Err(err(
                format!(
                    "expected {} cells as the 栏次 row says, found {} with \"{extra}\" past the last column",
                    self.width,
                    row.cells.len()
                ),
                format!(
                    "按栏次行应有 {} 个单元格，实有 {} 个，最后一栏之后还有“{extra}”",
                    self.width,
                    row.cells.len()
                ),
            ));
        }
        let cell = |c: usize| row.cells.get(c).map_or("", |s| s.as_str());
        let seq = match self.seq_col.map(cell).filter(|s| !s.is_empty()) {
            None => None,
            Some(text) => Some(text.parse::<u32>().map_err(|_| {
                err(
                    format!("expected a row number in column 序号, found \"{text}\""),
                    format!("序号栏应为行号，实为“{text}”"),
                )
            })?),
        };
        let mut out = Vec::with_capacity(self.sides.len());
        for side in &self.sides {
            let code_text: String = side
                .code_cols
                .iter()
                .map(|&c| cell(c))
                .collect::<Vec<_>>()
                .join(" ");
            let mut name = if side.text_cols.is_empty() {
                side.name_col
                    .map(|c| clean_markup(cell(c)))
                    .unwrap_or_default()
            } else {
                let mut cols: Vec<usize> = side.name_col.into_iter().collect();
                cols.extend(&side.text_cols);
                cols.sort_unstable();
                cols.iter()
                    .map(|&c| clean_markup(cell(c)))
                    .filter(|t| !t.is_empty())
                    .collect::<Vec<_>>()
                    .join(" ")
            };
            for &c in &side.more_name_cols {
                name.push_str(&clean_markup(cell(c)));
            }
            let code = Code::parse(&code_text);
            if code.is_none() && !code_text.trim().is_empty() {
                // A label printed across the code column (合计 in 类/款/项).
                let label = clean_markup(&code_text);
                name = if name.is_empty() {
                    label
                } else {
                    format!("{label}{name}")
                };
            }
            let mut amounts = Vec::with_capacity(side.amounts.len());
            for (c, column) in &side.amounts {
                let text = cell(*c);
                let amount = parse_amount(text).map_err(|_| {
                    let column_name = if column.header.is_empty() {
                        column
                            .number
                            .map_or(format!("{}", c + 1), |n| format!("栏次 {n}"))
                    } else {
                        column.path()
                    };
                    err(
                        format!("expected an amount in column {column_name}, found \"{text}\""),
                        format!("{column_name} 栏应为金额，实为“{text}”"),
                    )
                })?;
                amounts.push(amount);
            }
            let table_row = TableRow {
                seq,
                code,
                name,
                amounts,
                line: row.no,
                page: None,
            };
            out.push((!table_row.is_blank()).then_some(table_row));
        }
        merge_spanning_label(&mut out);
        Ok(Some(out))
    }
}

/// A total label printed across a sub-side (Jiangsu's `当年支出小计` over
/// 功能分类) with its figure under the next sub-side's 金额: one row, the
/// label's, with the figure.
fn merge_spanning_label(parts: &mut [Option<TableRow>]) {
    for i in 1..parts.len() {
        let (left, right) = parts.split_at_mut(i);
        let (Some(Some(a)), Some(b)) = (left.last_mut(), right.first_mut()) else {
            continue;
        };
        let Some(bb) = b.as_ref() else { continue };
        let a_bare = !a.name.is_empty() && a.amounts.iter().all(Option::is_none);
        let b_bare =
            bb.name.is_empty() && bb.code.is_none() && bb.amounts.iter().any(Option::is_some);
        if a_bare && b_bare && a.amounts.len() == bb.amounts.len() {
            a.amounts = bb.amounts.clone();
            *b = None;
        }
    }
}

/// The title given to a table printed without one: its header and 栏次
/// start a table of their own, never merged into the table above.
pub(crate) const UNTITLED: &str = "无标题表";

/// A budget table and where its reading stopped.
#[derive(Debug)]
pub(crate) struct ParsedTable {
    pub table: BudgetTable,
    /// Index after the last line used.
    pub next: usize,
    /// Whether reading stopped at a title-less block that is not this table
    /// continued but a new table (its numbering starts again, or it has a
    /// second 合计): the caller reads it as an untitled table.
    pub untitled_follows: bool,
}

fn is_total_name(name: &str) -> bool {
    matches!(squeeze_label(name).as_str(), "合计" | "总计")
}

/// Whether a title-less block of the table's width starts a new table rather
/// than continuing it on the next page: a page break continues the 序号
/// (a new table starts again at 1) and the 合计 row is printed once.
fn starts_new_table(
    layout: &Layout,
    file: &str,
    data: &[RowLine],
    sides: &[Side],
) -> Result<bool, ImportError> {
    let Some(first) = data.first() else {
        return Ok(false);
    };
    let Some(parts) = layout.read_row(file, first)? else {
        return Ok(false);
    };
    let rows = || sides.iter().flat_map(|s| s.rows.iter());
    let first_row = parts.iter().flatten().next();
    let seq_restarts = match (
        first_row.and_then(|r| r.seq),
        rows().filter_map(|r| r.seq).max(),
    ) {
        (Some(seq), Some(max)) => seq <= max,
        _ => false,
    };
    let second_total =
        first_row.is_some_and(|r| is_total_name(&r.name)) && rows().any(|r| is_total_name(&r.name));
    Ok(seq_restarts || second_total)
}

/// A budget table under its title: the first block, then every title-less
/// block of the same width that follows (the table continued on the next
/// page), up to a block that starts a new table.
pub(crate) fn parse_budget_table(
    file: &str,
    title: &str,
    title_line: usize,
    lines: &[Line],
    start: usize,
    end: usize,
    fallback_unit: Unit,
) -> Result<ParsedTable, ImportError> {
    let kind = TableKind::from_title(title);
    let Some(first) = read_block(lines, start, end) else {
        let found = next_non_blank(lines, start, lines.len())
            .map(|i| describe_line(&lines[i]))
            .unwrap_or_else(|| "the end of the file".to_string());
        return Err(ImportError::new(
            file,
            title_line,
            format!("expected the header rows of table {title} under its title, found {found}"),
        )
        .zh(format!("表 {title} 的标题下应为表头行，实为 {found}")));
    };
    let split = split_header(&first.rows);
    let mut layout = Layout::build(kind, split.header, split.lanci).ok_or_else(|| {
        ImportError::new(
            file,
            first.rows.first().map_or(title_line, |r| r.no),
            format!("expected header rows above the figures of table {title}"),
        )
        .zh(format!("表 {title} 的数字上方应有表头行"))
    })?;
    if split.lanci.is_none() && split.data.is_empty() && first.notes.is_empty() {
        let last = first.rows.last().map_or(title_line, |r| r.no);
        return Err(ImportError::new(
            file,
            last,
            format!("expected the 栏次 row or data rows of table {title} after its header (the table is cut off)"),
        )
        .zh(format!("表 {title} 的表头之后应为栏次行或数据行（表格不完整）")));
    }
    // The blocks that continue the table on the next pages: title-less,
    // of the same width.
    let mut more_blocks = Vec::new();
    let mut next = first.end;
    while let Some(more) = read_block(lines, next, end) {
        let more_split = split_header(&more.rows);
        let same_shape = Layout::build(kind, more_split.header, more_split.lanci)
            .is_some_and(|l| l.width == layout.width);
        if !same_shape {
            break;
        }
        let more_start = next;
        next = more.end;
        more_blocks.push((more_start, more));
    }
    if kind == TableKind::Other {
        let data = split.data.iter().chain(
            more_blocks
                .iter()
                .flat_map(|(_, b)| split_header(&b.rows).data),
        );
        layout.text_columns_by_content(data);
    }
    let mut sides: Vec<Side> = layout
        .sides
        .iter()
        .map(|s| Side {
            label: s.label.clone(),
            columns: s.amounts.iter().map(|(_, c)| c.clone()).collect(),
            rows: Vec::new(),
        })
        .collect();
    let mut notes = first.notes.clone();
    let push_rows = |data: &[RowLine], sides: &mut Vec<Side>| -> Result<(), ImportError> {
        for row in data {
            if let Some(parts) = layout.read_row(file, row)? {
                for (side, part) in sides.iter_mut().zip(parts) {
                    side.rows.extend(part);
                }
            }
        }
        Ok(())
    };
    push_rows(split.data, &mut sides)?;
    let mut untitled_follows = false;
    for (more_start, more) in &more_blocks {
        let data = split_header(&more.rows).data;
        if starts_new_table(&layout, file, data, &sides)? {
            next = *more_start;
            untitled_follows = true;
            break;
        }
        push_rows(data, &mut sides)?;
        notes.extend(more.notes.iter().cloned());
    }

    if kind == TableKind::ThreePublicCosts {
        transpose_items(&mut sides);
    }
    let table = BudgetTable {
        kind,
        title: title.to_string(),
        unit: first.unit.unwrap_or(fallback_unit),
        owner: first.owner.clone(),
        year: first.year,
        sides,
        notes,
        line: title_line,
        page: None,
    };
    Ok(ParsedTable {
        table,
        next,
        untitled_follows,
    })
}

/// Shanghai and Jiangsu print the 三公 table transposed: the items are
/// columns of one row. The model holds items as rows (the standard form the
/// checks read), so each column becomes a row named by its item, with one
/// 预算数 column.
fn transpose_items(sides: &mut [Side]) {
    let [side] = sides else { return };
    let figures: Vec<&TableRow> = side
        .rows
        .iter()
        .filter(|r| r.amounts.iter().any(Option::is_some))
        .collect();
    let [row] = figures[..] else { return };
    let names: Vec<String> = side.columns.iter().map(item_name).collect();
    if side.columns.len() < 4 || !names.iter().any(|n| n.contains("接待")) {
        return;
    }
    let row = row.clone();
    side.rows = names
        .into_iter()
        .zip(&row.amounts)
        .map(|(name, amount)| TableRow {
            seq: None,
            code: None,
            name,
            amounts: vec![*amount],
            line: row.line,
            page: row.page,
        })
        .collect();
    side.columns = vec![Column {
        header: vec!["预算数".to_string()],
        number: None,
    }];
}

/// The item a column of a transposed 三公 table stands for, named as the
/// standard table names its rows.
fn item_name(column: &Column) -> String {
    let label = column.label();
    let parent = column
        .header
        .len()
        .checked_sub(2)
        .map_or("", |i| column.header[i].as_str());
    let about_cars = parent.contains("公务用车");
    match label {
        "小计" | "合计" if about_cars => parent.to_string(),
        "小计" | "合计" if parent.contains("三公") => "“三公”经费小计".to_string(),
        "购置费" if about_cars => "其中：公务用车购置费".to_string(),
        "运行费" | "运维费" if about_cars => "公务用车运行维护费".to_string(),
        _ => label.to_string(),
    }
}

/// A short description of a line for error messages.
pub(crate) fn describe_line(line: &Line) -> String {
    let text = match &line.kind {
        Kind::Blank => return "a blank line".to_string(),
        Kind::Heading { text, .. } => format!("the heading \"{text}\""),
        Kind::Row(cells) => format!("the row \"{}\"", cells.join(" | ")),
        Kind::Toc(t) | Kind::Text(t) => format!("\"{t}\""),
    };
    let short: String = text.chars().take(60).collect();
    format!("{short} on line {}", line.no)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::lines::split_lines;

    fn grid(rows: &[&str]) -> Vec<Vec<String>> {
        rows.iter()
            .map(|r| r.split('\t').map(squeeze_label).collect())
            .collect()
    }

    fn row(no: usize, text: &str) -> RowLine {
        RowLine {
            no,
            cells: text.split('\t').map(|c| c.trim().to_string()).collect(),
        }
    }

    #[test]
    fn spanning_group_covers_the_columns_under_it() {
        let g = grid(&[
            "序号\t支出部门经济分类科目\t\t一般公共预算基本支出\t\t",
            "\t科目编码\t科目名称\t合计\t人员经费\t公用经费",
        ]);
        let (paths, misaligned) = header_paths(&g, &[3, 4, 5]);
        assert!(!misaligned);
        assert_eq!(paths[0], ["一般公共预算基本支出", "合计"]);
        assert_eq!(paths[2], ["一般公共预算基本支出", "公用经费"]);
    }

    #[test]
    fn a_label_with_nothing_below_is_a_leaf() {
        let g = grid(&[
            "序号\t功能分类科目\t\t合计\t基本支出\t项目支出",
            "\t科目编码\t科目名称\t\t\t",
        ]);
        let (paths, misaligned) = header_paths(&g, &[3, 4, 5]);
        assert!(!misaligned);
        assert_eq!(paths, [vec!["合计"], vec!["基本支出"], vec!["项目支出"]]);
    }

    #[test]
    fn misaligned_income_header_is_detected_and_realigned() {
        let g = grid(&[
            "序号\t功能分类科目\t\t合计\t本年收入\t\t\t\t\t\t\t上年结转\t",
            "\t科目编码\t科目名称\t\t小计\t财政拨款收入\t财政专户收入\t事业收入\t经营收入\t上级补助收入\t附属单位上缴收入\t\t其他收入",
        ]);
        let cols: Vec<usize> = (3..13).collect();
        let (paths, misaligned) = header_paths(&g, &cols);
        assert!(misaligned);
        // The generic rule keeps print order but puts 其他收入 under 本年收入.
        assert_eq!(paths[8], ["上年结转"]);
        assert_eq!(paths[9], ["本年收入", "其他收入"]);
        let standard = realign(TableKind::Income, &g, &cols).unwrap();
        assert_eq!(standard[8], ["本年收入", "其他收入"]);
        assert_eq!(standard[9], ["上年结转"]);
        // Other labels than the standard ones: no realignment.
        let mut odd = g.clone();
        odd[1][12] = "捐赠收入".into();
        assert!(realign(TableKind::Income, &odd, &cols).is_none());
    }

    #[test]
    fn layout_of_a_two_sided_table() {
        let header = [
            row(1, "序号\t收入\t\t支出\t\t\t\t"),
            row(2, "\t项目\t金额\t项目\t合计\t一般公共预算财政拨款\t政府性基金预算财政拨款\t国有资本经营预算财政拨款"),
        ];
        let lanci = row(3, "栏次\t1\t2\t3\t4\t5\t6\t7");
        let layout = Layout::build(TableKind::FiscalGrantSummary, &header, Some(&lanci)).unwrap();
        assert_eq!(layout.width, 8);
        assert_eq!(layout.seq_col, Some(0));
        assert_eq!(layout.sides.len(), 2);
        assert_eq!(layout.sides[0].name_col, Some(1));
        assert_eq!(layout.sides[0].amounts[0].1.header, ["金额"]);
        assert_eq!(layout.sides[0].amounts[0].1.number, Some(2));
        let expense: Vec<String> = layout.sides[1]
            .amounts
            .iter()
            .map(|(_, c)| c.path())
            .collect();
        assert_eq!(
            expense,
            [
                "合计",
                "一般公共预算财政拨款",
                "政府性基金预算财政拨款",
                "国有资本经营预算财政拨款"
            ]
        );
    }

    #[test]
    fn split_code_columns_are_joined() {
        let header = [row(1, "类\t款\t项\t科目名称\t合计")];
        let layout = Layout::build(TableKind::Expenditure, &header, None).unwrap();
        let parts = layout
            .read_row("x", &row(2, "208\t05\t01\t行政运行\t3,264.56"))
            .unwrap()
            .unwrap();
        let r = parts[0].as_ref().unwrap();
        assert_eq!(r.code.as_ref().unwrap().as_str(), "2080501");
        assert_eq!(r.name, "行政运行");
        assert_eq!(r.amounts[0].unwrap().to_string(), "3264.56");
    }

    #[test]
    fn page_break_blocks_merge_into_one_table() {
        let text = "211 某部门\n预算年度：2025\n单位：万元\n\
序号\t功能分类科目\t\t合计\n\t科目编码\t科目名称\t\n栏次\t1\t2\t3\n\
1\t\t合计\t30.00\n2\t201\t一般公共服务支出\t10.00\n\n\
211 某部门\n\n预算年度：2025\n\n单位：万元\n\n\
序号\t功能分类科目\t\t合计\n\t科目编码\t科目名称\t\n栏次\t1\t2\t3\n\
3\t212\t城乡社区支出\t20.00\n";
        let lines = split_lines(text);
        let ParsedTable {
            table, next: end, ..
        } = parse_budget_table(
            "x",
            "部门预算支出总表",
            1,
            &lines,
            0,
            lines.len(),
            Unit::WanYuan,
        )
        .unwrap();
        let seqs: Vec<u32> = table.sides[0].rows.iter().filter_map(|r| r.seq).collect();
        assert_eq!(seqs, [1, 2, 3]);
        assert_eq!(table.owner.as_deref(), Some("211 某部门"));
        assert_eq!(table.year, Some(2025));
        assert_eq!(end, lines.len() - 1);
    }

    #[test]
    fn words_under_an_amount_header_of_another_table_are_its_label() {
        let text = "采购品目大类\t专项名称\t采购组织形式\t总计\n合计\t\t\t3,096.24\n\
一、货物 A\t\t\t268.00\n\t交换设备\t分散自行组织\t20.00\n";
        let lines = split_lines(text);
        let parsed = parse_budget_table(
            "x",
            "政府采购支出预算表",
            1,
            &lines,
            0,
            lines.len(),
            Unit::WanYuan,
        )
        .unwrap();
        let side = &parsed.table.sides[0];
        assert_eq!(side.columns.len(), 1);
        assert_eq!(side.columns[0].header, ["总计"]);
        let names: Vec<&str> = side.rows.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(names, ["合计", "一、货物 A", "交换设备 分散自行组织"]);
        assert_eq!(side.rows[0].amounts[0].unwrap().to_string(), "3096.24");
        // A malformed figure stays in its amount column: an error, not a label.
        let bad = text.replace("20.00", "1.234,56");
        let lines = split_lines(&bad);
        let err = parse_budget_table(
            "x",
            "政府采购支出预算表",
            1,
            &lines,
            0,
            lines.len(),
            Unit::WanYuan,
        )
        .unwrap_err();
        assert_eq!(err.line, 4);
        assert!(err.message.contains("1.234,56"), "{err}");
    }

    #[test]
    fn a_short_row_is_an_error_not_a_blank() {
        let text = "序号\t功能分类科目\t\t合计\t基本支出\n\t科目编码\t科目名称\t\t\n栏次\t1\t2\t3\t4\n2\t201\t一般公共服务支出\t10.00";
        let lines = split_lines(text);
        let err = parse_budget_table(
            "t.txt",
            "部门预算支出总表",
            1,
            &lines,
            0,
            lines.len(),
            Unit::WanYuan,
        )
        .unwrap_err();
        assert_eq!(err.line, 4);
        assert!(err.message.contains("expected 5 cells"), "{err}");
    }
}
