//! `budget lookup`: the best matches of a query as flat rows (department,
//! year, table, code, name, column, value), printed as an aligned plain table
//! or as JSON. Kept here so `main` only parses arguments and picks an exit
//! code.

use rust_decimal::Decimal;
use serde::Serialize;
use unicode_width::UnicodeWidthStr;

use super::{CodedItem, DocInfo, Figure, HitKind, Item, MatchKind, SearchIndex};
use crate::i18n::Lang;
use crate::model::{format_amount, Disclosure, Place, TableKind, Unit};

/// One printed line of a lookup. Serialises to the JSON keys `department,
/// year, table, code, name, column, value` (and `file` when the caller
/// names the files); `value` is a decimal string (`"2349.56"`) or null.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LookupRow {
    pub department: String,
    pub year: u16,
    /// The table's short name, or `项目` / `绩效指标` / `情况说明` / `名词解释`.
    pub table: String,
    pub code: Option<String>,
    pub name: String,
    pub column: Option<String>,
    /// An amount, or the number read from an indicator's 指标值.
    pub value: Option<Decimal>,
    /// The file the row was read from, when several are searched.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    /// Where to find it in the source: the PDF page, and the line of the
    /// text form (or of the PDF's line form).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    /// The figure as the plain table prints it: `2349.56 万元`, or an
    /// indicator's 指标值 verbatim (`≤622600 万元`).
    #[serde(skip)]
    pub shown: String,
    /// Index of the disclosure in the slice the index was built from.
    #[serde(skip)]
    pub doc: usize,
}

/// How `lookup` cuts and widens its answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// At most this many matches; 0 for all of them.
    pub limit: usize,
    /// Every column of a matched table row, not only its 合计.
    pub all_columns: bool,
}

/// The printed rows and how many matches there were before the cut.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub rows: Vec<LookupRow>,
    /// Matches before `limit` cut the list (a row expanded by
    /// `all_columns` is still one match).
    pub matches: usize,
    /// How many matches `rows` shows.
    pub shown: usize,
}

/// The rows for `query`, best first, at most `limit` (0: no limit).
///
/// When the query is a code that some rows carry exactly, only those rows are
/// printed (one per table, with its 合计 or first figure): someone who types
/// `2010301` asks for that code, not for codes that merely contain it.
pub fn lookup(index: &SearchIndex, query: &str, limit: usize) -> Vec<LookupRow> {
    let options = Options {
        limit,
        all_columns: false,
    };
    lookup_in(index, &[], query, options).rows
}

/// [`lookup`] with the disclosures the index was built from, which it reads
/// for `all_columns` and to name the column that printed a figure the query
/// asked for (`lookup 2349.56` → 基本支出 of the 合计 row). Without them
/// (`docs` empty) each row shows its 合计.
pub fn lookup_in(index: &SearchIndex, docs: &[Disclosure], query: &str, options: Options) -> Found {
    // Fuzzy hits are a last resort: asked for only when the exact tiers
    // cannot fill the list (with no limit, only when they found nothing).
    let mut hits = index.query_all(query, options.limit.max(1));
    if hits.iter().any(|h| h.match_kind() == MatchKind::ExactCode) {
        hits.retain(|h| h.match_kind() == MatchKind::ExactCode);
    }
    let matches = hits.len();
    if options.limit > 0 {
        hits.truncate(options.limit);
    }
    let amount = super::parse_figure(query.trim());
    let items: Vec<(&Item, bool)> = hits
        .iter()
        .map(|hit| (index.item(hit), hit.match_kind() == MatchKind::Amount))
        .collect();
    Found {
        rows: to_rows(index.docs(), docs, &items, amount, options),
        matches,
        shown: hits.len(),
    }
}

/// [`lookup_in`] for a query that is a code some row or card carries
/// exactly, without building a [`SearchIndex`]: the same rows in the same
/// order, from a scan of the codes (no pinyin, no name keys), which is what
/// makes `lookup 2010301` over a thousand documents fast. `None` when no
/// code matches exactly (then build the index and ask it).
pub fn lookup_exact_code(docs: &[Disclosure], query: &str, options: Options) -> Option<Found> {
    let mut items = super::exact_code_items(docs, query);
    if items.is_empty() {
        return None;
    }
    let matches = items.len();
    if options.limit > 0 {
        items.truncate(options.limit);
    }
    let infos: Vec<DocInfo> = docs.iter().map(DocInfo::of).collect();
    let refs: Vec<(&Item, bool)> = items.iter().map(|item| (item, false)).collect();
    Some(Found {
        rows: to_rows(&infos, docs, &refs, None, options),
        matches,
        shown: items.len(),
    })
}

/// [`lookup_exact_code`] from the items the cache keeps for each document
/// ([`crate::load::lookup_code`]), without the documents: the same rows,
/// each with its page and line. Not for `all_columns`, which reads the
/// tables.
pub fn exact_code_rows(infos: &[DocInfo], mut coded: Vec<CodedItem>, limit: usize) -> Found {
    let matches = coded.len();
    if limit > 0 {
        coded.truncate(limit);
    }
    let items: Vec<(&Item, bool)> = coded.iter().map(|c| (&c.item, false)).collect();
    let options = Options {
        limit,
        all_columns: false,
    };
    // Without documents, each item is one row, in order.
    let mut rows = to_rows(infos, &[], &items, None, options);
    for (row, c) in rows.iter_mut().zip(&coded) {
        row.page = c.page;
        row.line = c.line;
    }
    Found {
        rows,
        matches,
        shown: coded.len(),
    }
}

/// The printed lines of the matched items (each with whether it matched by
/// a figure equal to `amount`).
fn to_rows(
    infos: &[DocInfo],
    docs: &[Disclosure],
    items: &[(&Item, bool)],
    amount: Option<Decimal>,
    options: Options,
) -> Vec<LookupRow> {
    let mut rows = Vec::new();
    let mut expanded: Vec<(usize, Place)> = Vec::new();
    for &(item, by_amount) in items {
        let Some(info) = infos.get(item.doc) else {
            continue;
        };
        let mut base = base_row(info, item);
        if let Some(doc) = docs.get(item.doc) {
            base.page = item.place.page(doc);
            base.line = item.place.line(doc);
        }
        let row = match (item.place, docs.get(item.doc)) {
            (Place::TableRow { table, side, row }, Some(doc)) => {
                doc.tables.get(table).and_then(|t| {
                    let side_data = t.sides.get(side)?;
                    Some((t.unit, side_data, side_data.rows.get(row)?))
                })
            }
            _ => None,
        };
        match row {
            Some((unit, side, table_row)) if options.all_columns => {
                // A fact and its total row are the same printed row.
                if expanded.contains(&(item.doc, item.place)) {
                    continue;
                }
                expanded.push((item.doc, item.place));
                for (c, column) in side.columns.iter().enumerate() {
                    let value = table_row.amount(c);
                    rows.push(LookupRow {
                        name: table_row.name.trim().to_string(),
                        column: Some(column.path()),
                        value,
                        shown: value.map_or(String::new(), |v| shown_amount(v, unit)),
                        ..base.clone()
                    });
                }
            }
            Some((unit, side, table_row)) if by_amount => {
                // Show the cell that printed the figure asked for.
                let cell = amount.and_then(|wanted| {
                    (0..side.columns.len()).find(|&c| table_row.amount(c) == Some(wanted))
                });
                match cell {
                    Some(c) => {
                        let value = table_row.amount(c);
                        rows.push(LookupRow {
                            name: table_row.name.trim().to_string(),
                            column: side.columns.get(c).map(|col| col.path()),
                            value,
                            shown: value.map_or(String::new(), |v| shown_amount(v, unit)),
                            ..base
                        });
                    }
                    None => rows.push(base),
                }
            }
            _ => rows.push(base),
        }
    }
    rows
}

/// A figure as a person reads it: thousands separators, the printed
/// decimals, the unit (`2,349.56 万元`); JSON keeps the plain `value`.
fn shown_amount(value: Decimal, unit: Unit) -> String {
    format!("{} {}", format_amount(value), unit.label())
}

/// The printed line of one hit, from the index alone.
fn base_row(doc: &DocInfo, item: &Item) -> LookupRow {
    let (table, name) = match item.kind {
        HitKind::Row => (
            item.context.clone(),
            item.row.clone().unwrap_or_else(|| item.name.clone()),
        ),
        HitKind::Project => ("项目".to_string(), item.name.clone()),
        HitKind::Indicator => (
            "绩效指标".to_string(),
            format!("{} › {}", item.context, item.name),
        ),
        HitKind::Heading => ("情况说明".to_string(), item.name.clone()),
        HitKind::Glossary => ("名词解释".to_string(), item.name.clone()),
    };
    let (column, value, shown) = match &item.figure {
        Some(Figure::Amount {
            column,
            value,
            unit,
        }) => (
            Some(column.clone()),
            Some(*value),
            shown_amount(*value, *unit),
        ),
        Some(Figure::Target { raw, number }) => (Some("指标值".to_string()), *number, raw.clone()),
        None => (None, None, String::new()),
    };
    LookupRow {
        department: doc.department.clone(),
        year: doc.year,
        table,
        code: item.code.clone(),
        name,
        column,
        value,
        file: None,
        page: None,
        line: None,
        shown,
        doc: item.doc,
    }
}

/// The header of the plain table in `lang`.
fn header(lang: Lang) -> [&'static str; 8] {
    match lang {
        Lang::Zh => ["部门", "年度", "表", "编码", "名称", "栏目", "数值", "出处"],
        Lang::En => [
            "department",
            "year",
            "table",
            "code",
            "name",
            "column",
            "value",
            "source",
        ],
    }
}

/// The rows as a plain table with a Chinese header (see [`format_table_in`]).
pub fn format_table(rows: &[LookupRow]) -> String {
    format_table_in(rows, Lang::Zh)
}

/// The rows as a plain table with a header in `lang`, columns aligned by
/// display width (a Chinese character takes two terminal columns), figures
/// right-aligned.
pub fn format_table_in(rows: &[LookupRow], lang: Lang) -> String {
    let header = header(lang);
    let years: Vec<String> = rows.iter().map(|r| r.year.to_string()).collect();
    // Where to look in the source: `p. 9` for a PDF, else the text's line.
    let sources: Vec<String> = rows
        .iter()
        .map(|r| match (r.page, r.line) {
            (None, None) => String::new(),
            (page, line) => crate::i18n::source_label(lang, page, line.unwrap_or(0)),
        })
        .collect();
    let cells: Vec<[&str; 8]> = rows
        .iter()
        .zip(&years)
        .zip(&sources)
        .map(|((r, year), source)| {
            [
                r.department.as_str(),
                year.as_str(),
                r.table.as_str(),
                r.code.as_deref().unwrap_or(""),
                r.name.as_str(),
                r.column.as_deref().unwrap_or(""),
                r.shown.as_str(),
                source.as_str(),
            ]
        })
        .collect();
    let mut widths = header.map(UnicodeWidthStr::width);
    for row in &cells {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.width());
        }
    }
    let mut out = String::new();
    for row in std::iter::once(&header).chain(&cells) {
        let mut line = String::new();
        for (i, (cell, width)) in row.iter().zip(widths).enumerate() {
            let pad = " ".repeat(width - cell.width());
            if i > 0 {
                line.push_str("  ");
            }
            // The figure, second to last, is right-aligned.
            if i == header.len() - 2 {
                line.push_str(&pad);
                line.push_str(cell);
            } else {
                line.push_str(cell);
                line.push_str(&pad);
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// The note printed under a cut list: `20 of 1,341 matches (--limit N,
/// --limit 0 for all)`; `None` when nothing was cut.
pub fn cut_note(found: &Found, lang: Lang) -> Option<String> {
    if found.shown >= found.matches {
        return None;
    }
    let (shown, all) = (group_thousands(found.shown), group_thousands(found.matches));
    Some(match lang {
        Lang::Zh => format!("共 {all} 条匹配，显示前 {shown} 条（--limit N，--limit 0 显示全部）"),
        Lang::En => format!("{shown} of {all} matches (--limit N, --limit 0 for all)"),
    })
}

/// `1341` → `1,341`, grouped as figures are.
fn group_thousands(n: usize) -> String {
    format_amount(Decimal::from(n))
}

/// One code totalled across departments for one budget year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct YearTotal {
    pub year: u16,
    /// How many disclosures contribute a figure.
    pub departments: usize,
    /// Σ in 万元, exact: 元 figures are divided by 10,000, never rounded.
    pub value: Decimal,
    pub unit: &'static str,
}

/// `lookup --sum CODE`: every disclosure's figure for a code, and the totals
/// by year (a department seen in two years is two figures, never added
/// together).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CodeSum {
    pub code: String,
    /// The name printed with the code (the first disclosure's).
    pub name: String,
    pub totals: Vec<YearTotal>,
    pub rows: Vec<LookupRow>,
}

/// Which table a department's figure for a code is taken from: the first of
/// these that prints the code. 支出总表 holds every functional code with all
/// funds; 基本支出表 the economic codes; the others only when a region prints
/// neither. One figure per department, so nothing is counted twice (the
/// same 2010301 is printed in three tables).
const SUM_TABLES: [TableKind; 7] = [
    TableKind::Expenditure,
    TableKind::GeneralPublicBasic,
    TableKind::Income,
    TableKind::GeneralPublicExpenditure,
    TableKind::GovernmentFundExpenditure,
    TableKind::StateCapitalExpenditure,
    TableKind::Other,
];

/// Totals `code` across `docs` (the row's 合计, or its first figure).
/// `Ok(None)` when no disclosure prints the code; an error when a total
/// leaves Decimal's range (garbled figures), never a clamped sum.
pub fn sum_code(docs: &[Disclosure], code: &str) -> Result<Option<CodeSum>, String> {
    let code = code.trim();
    let mut rows = Vec::new();
    let mut totals: Vec<YearTotal> = Vec::new();
    let mut name = None;
    for (d, doc) in docs.iter().enumerate() {
        let found = SUM_TABLES.iter().find_map(|&kind| {
            doc.tables.iter().filter(|t| t.kind == kind).find_map(|t| {
                t.sides.iter().enumerate().find_map(|(s, side)| {
                    let r = side
                        .rows
                        .iter()
                        .position(|r| r.code.as_ref().is_some_and(|c| c.as_str() == code))?;
                    let figure = super::row_figure(t, s, r)?;
                    Some((t, &side.rows[r], figure))
                })
            })
        });
        let Some((
            table,
            row,
            Figure::Amount {
                column,
                value,
                unit,
            },
        )) = found
        else {
            continue;
        };
        let wan = unit
            .checked_convert(value, Unit::WanYuan)
            .ok_or_else(|| format!("{code}: {value} {} is too large to convert", unit.label()))?;
        let year = doc.department.budget_year;
        let total = match totals.iter_mut().find(|t| t.year == year) {
            Some(total) => total,
            None => {
                totals.push(YearTotal {
                    year,
                    departments: 0,
                    value: Decimal::ZERO,
                    unit: Unit::WanYuan.label(),
                });
                totals.last_mut().ok_or("no total")?
            }
        };
        total.departments += 1;
        total.value = total
            .value
            .checked_add(wan)
            .ok_or_else(|| format!("{code}: the total for {year} is too large"))?;
        name.get_or_insert_with(|| row.name.trim().to_string());
        rows.push(LookupRow {
            department: doc.department.name.clone(),
            year,
            table: super::table_name(table).to_string(),
            code: Some(code.to_string()),
            name: row.name.trim().to_string(),
            column: Some(column),
            value: Some(value),
            file: None,
            page: row.page.or(table.page),
            line: Some(row.line),
            shown: shown_amount(value, unit),
            doc: d,
        });
    }
    totals.sort_by_key(|t| t.year);
    Ok(name.map(|name| CodeSum {
        code: code.to_string(),
        name,
        totals,
        rows,
    }))
}

/// The lines under a `--sum` table: `Σ 2010301 行政运行 2025: 4699.12 万元
/// (2 个部门)`.
pub fn format_totals(sum: &CodeSum, lang: Lang) -> String {
    sum.totals
        .iter()
        .map(|t| {
            let count = group_thousands(t.departments);
            match lang {
                Lang::Zh => format!(
                    "Σ {} {} {}年: {} {}（{count} 个部门）\n",
                    sum.code,
                    sum.name,
                    t.year,
                    format_amount(t.value),
                    t.unit
                ),
                Lang::En => format!(
                    "Σ {} {} {}: {} {} ({count} department{})\n",
                    sum.code,
                    sum.name,
                    t.year,
                    format_amount(t.value),
                    t.unit,
                    if t.departments == 1 { "" } else { "s" }
                ),
            }
        })
        .collect()
}

/// The rows as a JSON array.
pub fn to_json(rows: &[LookupRow]) -> serde_json::Result<String> {
    serde_json::to_string_pretty(rows)
}

#[cfg(test)]
mod tests {
    use super::group_thousands;

    #[test]
    fn counts_are_grouped_by_thousands() {
        assert_eq!(group_thousands(20), "20");
        assert_eq!(group_thousands(1341), "1,341");
        assert_eq!(group_thousands(1_000_000), "1,000,000");
    }
}
