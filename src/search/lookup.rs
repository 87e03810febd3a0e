//! `budget lookup`: the best matches of a query as flat rows (department,
//! table, code, name, column, value), printed as an aligned plain table or as
//! JSON. Kept here so `main` only parses arguments and picks an exit code.

use rust_decimal::Decimal;
use serde::Serialize;
use unicode_width::UnicodeWidthStr;

use super::{Figure, HitKind, MatchKind, SearchIndex};

/// One printed line of a lookup. Serialises to exactly the JSON keys
/// `department, year, table, code, name, column, value`; `value` is a
/// decimal string (`"2349.56"`) or null.
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
    /// The figure as the plain table prints it: `2349.56 万元`, or an
    /// indicator's 指标值 verbatim (`≤622600 万元`).
    #[serde(skip)]
    pub shown: String,
}

/// The rows for `query`, best first, at most `limit`.
///
/// When the query is a code that some rows carry exactly, only those rows are
/// printed (one per table, with its 合计 or first figure): someone who types
/// `2010301` asks for that code, not for codes that merely contain it.
pub fn lookup(index: &SearchIndex, query: &str, limit: usize) -> Vec<LookupRow> {
    let mut hits = index.query(query, limit);
    if hits.iter().any(|h| h.match_kind() == MatchKind::ExactCode) {
        hits.retain(|h| h.match_kind() == MatchKind::ExactCode);
    }
    hits.iter()
        .map(|hit| {
            let item = index.item(hit);
            let doc = &index.docs()[item.doc];
            let (table, name) = match item.kind {
                HitKind::Row => (item.context.clone(), item.name.clone()),
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
                    format!("{value} {}", unit.label()),
                ),
                Some(Figure::Target { raw, number }) => {
                    (Some("指标值".to_string()), *number, raw.clone())
                }
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
                shown,
            }
        })
        .collect()
}

/// The rows as a plain table with a header, columns aligned by display width
/// (a Chinese character takes two terminal columns), figures right-aligned.
pub fn format_table(rows: &[LookupRow]) -> String {
    const HEADER: [&str; 6] = ["部门", "表", "编码", "名称", "栏目", "数值"];
    let cells: Vec<[&str; 6]> = rows
        .iter()
        .map(|r| {
            [
                r.department.as_str(),
                r.table.as_str(),
                r.code.as_deref().unwrap_or(""),
                r.name.as_str(),
                r.column.as_deref().unwrap_or(""),
                r.shown.as_str(),
            ]
        })
        .collect();
    let mut widths = HEADER.map(UnicodeWidthStr::width);
    for row in &cells {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.width());
        }
    }
    let mut out = String::new();
    for row in std::iter::once(&HEADER).chain(&cells) {
        let mut line = String::new();
        for (i, (cell, width)) in row.iter().zip(widths).enumerate() {
            let pad = " ".repeat(width - cell.width());
            if i > 0 {
                line.push_str("  ");
            }
            if i == HEADER.len() - 1 {
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

/// The rows as a JSON array.
pub fn to_json(rows: &[LookupRow]) -> serde_json::Result<String> {
    serde_json::to_string_pretty(rows)
}
