//! Places in a disclosure that findings and search hits point at, and that
//! the app can jump to.

use serde::{Deserialize, Serialize};

use super::{Disclosure, TableKind, TableRow};
use crate::i18n::Lang;

/// Where something is in a [`Disclosure`]. Indexes are into the model's own
/// vectors, so a place is only meaningful with the disclosure it came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Place {
    /// The document as a whole (a missing table, a missing section).
    Document,
    /// A whole table: `tables[table]`.
    Table { table: usize },
    /// One row: `tables[table].sides[side].rows[row]`.
    TableRow {
        table: usize,
        side: usize,
        row: usize,
    },
    /// One cell: `tables[table].sides[side].rows[row].amounts[column]`.
    TableCell {
        table: usize,
        side: usize,
        row: usize,
        column: usize,
    },
    /// A whole card: `projects[card]`.
    Project { card: usize },
    /// One indicator: `projects[card].indicators[indicator]`.
    Indicator { card: usize, indicator: usize },
    /// A narrative section: `narrative[section]`.
    Section { section: usize },
    /// The 政府采购 table.
    Procurement,
    /// The 国有资产 table, optionally one of its `items`.
    Assets { item: Option<usize> },
    /// One 名词解释 entry: `glossary[term]`.
    Glossary { term: usize },
}

impl Place {
    /// A short human description: `收入总表 › 2010301 行政运行`,
    /// `项目 2 基本工作经费 B（市长热线) › 成本指标 › 市长热线工作运转成本`.
    pub fn describe(&self, doc: &Disclosure) -> String {
        match *self {
            Place::Document => doc.department.name.clone(),
            Place::Table { table } => table_name(doc, table),
            Place::TableRow { table, side, row } => {
                let mut s = table_name(doc, table);
                let row = doc
                    .tables
                    .get(table)
                    .and_then(|t| t.sides.get(side))
                    .and_then(|s| s.rows.get(row));
                if let Some(row) = row {
                    s.push_str(" › ");
                    if let Some(code) = &row.code {
                        s.push_str(code.as_str());
                        s.push(' ');
                    } else if let Some(seq) = row.seq {
                        s.push_str(&format!("{seq} "));
                    }
                    s.push_str(&row.name);
                }
                s
            }
            Place::TableCell {
                table,
                side,
                row,
                column,
            } => {
                let mut s = Place::TableRow { table, side, row }.describe(doc);
                if let Some(name) = column_name(doc, table, side, column) {
                    s.push_str(&format!("「{name}」"));
                }
                s
            }
            Place::Project { card } => card_name(doc, card),
            Place::Indicator { card, indicator } => {
                let mut s = card_name(doc, card);
                if let Some(i) = doc
                    .projects
                    .get(card)
                    .and_then(|c| c.indicators.get(indicator))
                {
                    s.push_str(&format!(" › {} › {}", i.level2, i.level3));
                }
                s
            }
            Place::Section { section } => doc
                .narrative
                .get(section)
                .map(|s| s.path.join(" › "))
                .unwrap_or_default(),
            Place::Procurement => "政府采购预算".to_string(),
            Place::Assets { item } => {
                let mut s = "国有资产".to_string();
                if let Some(it) = item.and_then(|i| doc.assets.as_ref()?.items.get(i)) {
                    s.push_str(" › ");
                    s.push_str(&it.name);
                }
                s
            }
            Place::Glossary { term } => doc
                .glossary
                .get(term)
                .map(|t| format!("名词解释 › {}", t.term))
                .unwrap_or_default(),
        }
    }
}

impl Place {
    /// [`Place::describe`] in `lang`, ending with `p. N` when the document
    /// came from a PDF. Names printed in the document stay as printed.
    pub fn describe_in(&self, doc: &Disclosure, lang: Lang) -> String {
        let mut s = match (lang, *self) {
            (Lang::Zh, _) => self.describe(doc),
            (Lang::En, Place::Document) => doc.department.name.clone(),
            (Lang::En, Place::Table { table }) => table_name_en(doc, table),
            (Lang::En, Place::TableRow { table, side, row }) => {
                let mut s = table_name_en(doc, table);
                if let Some(row) = row_at(doc, table, side, row) {
                    s.push_str(" › ");
                    s.push_str(&row_label(row));
                }
                s
            }
            (
                Lang::En,
                Place::TableCell {
                    table,
                    side,
                    row,
                    column,
                },
            ) => {
                let mut s = Place::TableRow { table, side, row }.describe_in(doc, Lang::En);
                if let Some(name) = column_name(doc, table, side, column) {
                    s.push_str(&format!(", column “{name}”"));
                }
                s
            }
            (Lang::En, Place::Project { card }) => card_name_en(doc, card),
            (Lang::En, Place::Indicator { card, indicator }) => {
                let mut s = card_name_en(doc, card);
                if let Some(i) = doc
                    .projects
                    .get(card)
                    .and_then(|c| c.indicators.get(indicator))
                {
                    s.push_str(&format!(" › {} › {}", i.level2, i.level3));
                }
                s
            }
            (Lang::En, Place::Section { .. }) => {
                format!("narrative › {}", self.describe(doc))
            }
            (Lang::En, Place::Procurement) => "government procurement".to_string(),
            (Lang::En, Place::Assets { item }) => {
                let mut s = "state-owned assets".to_string();
                if let Some(it) = item.and_then(|i| doc.assets.as_ref()?.items.get(i)) {
                    s.push_str(" › ");
                    s.push_str(&it.name);
                }
                s
            }
            (Lang::En, Place::Glossary { term }) => doc
                .glossary
                .get(term)
                .map(|t| format!("glossary › {}", t.term))
                .unwrap_or_default(),
        };
        if let Some(page) = self.page(doc) {
            s.push_str(&format!(" (p. {page})"));
        }
        s
    }

    /// The page of a PDF the place is printed on (`None` for text input).
    pub fn page(&self, doc: &Disclosure) -> Option<u32> {
        match *self {
            Place::Document
            | Place::Procurement
            | Place::Assets { .. }
            | Place::Glossary { .. } => None,
            Place::Table { table } => doc.tables.get(table)?.page,
            Place::TableRow { table, side, row }
            | Place::TableCell {
                table, side, row, ..
            } => row_at(doc, table, side, row)?
                .page
                .or_else(|| doc.tables.get(table)?.page),
            Place::Project { card } | Place::Indicator { card, .. } => doc.projects.get(card)?.page,
            Place::Section { section } => doc.narrative.get(section)?.page,
        }
    }

    /// The line of the source text the place comes from, where known.
    pub fn line(&self, doc: &Disclosure) -> Option<usize> {
        match *self {
            Place::Table { table } => doc.tables.get(table).map(|t| t.line),
            Place::TableRow { table, side, row }
            | Place::TableCell {
                table, side, row, ..
            } => row_at(doc, table, side, row).map(|r| r.line),
            Place::Project { card } => doc.projects.get(card).map(|c| c.line),
            Place::Indicator { card, indicator } => doc
                .projects
                .get(card)?
                .indicators
                .get(indicator)
                .map(|i| i.line),
            Place::Section { section } => doc.narrative.get(section).map(|s| s.line),
            _ => None,
        }
    }
}

fn row_at(doc: &Disclosure, table: usize, side: usize, row: usize) -> Option<&TableRow> {
    doc.tables.get(table)?.sides.get(side)?.rows.get(row)
}

fn row_label(row: &TableRow) -> String {
    match (&row.code, row.seq) {
        (Some(code), _) => format!("{} {}", code.as_str(), row.name),
        (None, Some(seq)) => format!("{seq} {}", row.name),
        (None, None) => row.name.clone(),
    }
}

fn column_name(doc: &Disclosure, table: usize, side: usize, column: usize) -> Option<String> {
    let path = doc
        .tables
        .get(table)?
        .sides
        .get(side)?
        .columns
        .get(column)?
        .path();
    (!path.is_empty()).then_some(path)
}

fn table_name_en(doc: &Disclosure, table: usize) -> String {
    doc.tables
        .get(table)
        .map(|t| match t.kind {
            TableKind::Other => t.title.clone(),
            kind => crate::check::text::table_name(kind, Lang::En).to_string(),
        })
        .unwrap_or_default()
}

fn card_name_en(doc: &Disclosure, card: usize) -> String {
    doc.projects
        .get(card)
        .map(|c| format!("project {} {}", card + 1, c.name))
        .unwrap_or_default()
}

fn table_name(doc: &Disclosure, table: usize) -> String {
    doc.tables
        .get(table)
        .map(|t| match t.kind {
            TableKind::Other => t.title.clone(),
            kind => kind.short_name().to_string(),
        })
        .unwrap_or_default()
}

fn card_name(doc: &Disclosure, card: usize) -> String {
    doc.projects
        .get(card)
        .map(|c| format!("项目 {} {}", card + 1, c.name))
        .unwrap_or_default()
}
