//! CSV for spreadsheets and scripts (RFC 4180 quoting, UTF-8): each table
//! as published, every figure in one long table, the cards' indicators.
//! Figures are plain decimal strings with the printed decimals (`20.00`,
//! `2349.56`): no separators, so a spreadsheet reads them as numbers.

use rust_decimal::Decimal;

use crate::analysis::grid::{PublishedTable, Tables};
use crate::analysis::Origin;
use crate::model::{Disclosure, Place};

/// One CSV field, quoted when it must be (RFC 4180).
pub fn field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

/// One record: the fields quoted and joined, ending in a newline.
pub fn record<S: AsRef<str>>(fields: &[S]) -> String {
    let mut line = fields
        .iter()
        .map(|f| field(f.as_ref()))
        .collect::<Vec<_>>()
        .join(",");
    line.push('\n');
    line
}

/// Reads CSV text back into records (quoted fields, doubled quotes, commas
/// and newlines inside quotes; a leading BOM is skipped): for the tests and
/// for anyone checking that a file says what the model says.
pub fn parse(text: &str) -> Vec<Vec<String>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut records = Vec::new();
    let mut fields = Vec::new();
    let mut current = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                current.push('"');
                chars.next();
            }
            (true, '"') => quoted = false,
            (true, c) => current.push(c),
            (false, '"') => quoted = true,
            (false, ',') => fields.push(std::mem::take(&mut current)),
            (false, '\r') => {}
            (false, '\n') => {
                fields.push(std::mem::take(&mut current));
                records.push(std::mem::take(&mut fields));
            }
            (false, c) => current.push(c),
        }
    }
    if !current.is_empty() || !fields.is_empty() {
        fields.push(current);
        records.push(fields);
    }
    records
}

fn plain(value: Option<Decimal>) -> String {
    value.map(|v| v.to_string()).unwrap_or_default()
}

fn optional<T: ToString>(value: Option<T>) -> String {
    value.map(|v| v.to_string()).unwrap_or_default()
}

/// The model figure behind a grid cell, where the cell shows one.
fn cell_figure(
    doc: &Disclosure,
    table: &PublishedTable,
    row: usize,
    column: usize,
) -> Option<Decimal> {
    let grid_row = table.rows.get(row)?;
    let grid_column = table.columns.get(column)?;
    let amount = grid_column.amount?;
    let Origin::Table(t) = table.origin else {
        return None;
    };
    match grid_row.places.get(grid_column.side)? {
        Some(Place::TableRow { side, row, .. }) => doc
            .tables
            .get(t)?
            .sides
            .get(*side)?
            .rows
            .get(*row)?
            .amount(amount),
        _ => None,
    }
}

/// One table as published: the header paths joined with `/` (with the
/// 栏次 in brackets), then every printed row, blank cells empty. Amount
/// cells are the model's figures as plain decimals; other cells their text.
/// The last two columns say where the row was printed (page, line).
pub fn published_table(doc: &Disclosure, table: &PublishedTable) -> String {
    let mut header: Vec<String> = table
        .columns
        .iter()
        .map(|c| match c.number {
            Some(n) => format!("{} [{n}]", c.header.join("/")),
            None => c.header.join("/"),
        })
        .collect();
    header.push("page".into());
    header.push("line".into());
    let mut out = record(&header);
    for (r, row) in table.rows.iter().enumerate() {
        let mut cells: Vec<String> = row
            .cells
            .iter()
            .enumerate()
            .map(|(c, text)| match cell_figure(doc, table, r, c) {
                Some(figure) => figure.to_string(),
                // A label, a blank cell, or a table the model keeps as
                // text (procurement, assets): as printed.
                None => text.clone(),
            })
            .collect();
        cells.push(optional(row.page));
        cells.push(row.line.to_string());
        out.push_str(&record(&cells));
    }
    out
}

/// Column names of [`figures`].
pub const FIGURE_HEADER: [&str; 15] = [
    "file",
    "department",
    "year",
    "table",
    "table_kind",
    "side",
    "seq",
    "code",
    "name",
    "column",
    "column_number",
    "value",
    "unit",
    "page",
    "line",
];

/// Every figure of every table of every document, one per record (a
/// blank cell is not a figure and has no record).
pub fn figures(docs: &[(String, Disclosure)]) -> String {
    let mut out = record(&FIGURE_HEADER);
    for (file, doc) in docs {
        for table in &doc.tables {
            for side in &table.sides {
                for row in &side.rows {
                    for (c, column) in side.columns.iter().enumerate() {
                        let Some(value) = row.amount(c) else {
                            continue;
                        };
                        out.push_str(&record(&[
                            file.clone(),
                            doc.department.name.clone(),
                            doc.department.budget_year.to_string(),
                            table.title.clone(),
                            table.kind.short_name().to_string(),
                            side.label.clone().unwrap_or_default(),
                            optional(row.seq),
                            optional(row.code.as_ref()),
                            row.name.clone(),
                            column.path(),
                            optional(column.number),
                            value.to_string(),
                            table.unit.label().to_string(),
                            optional(row.page.or(table.page)),
                            row.line.to_string(),
                        ]));
                    }
                }
            }
        }
    }
    out
}

/// Every indicator of every card, with its card and the parsed target.
pub fn indicators(docs: &[(String, Disclosure)]) -> String {
    let mut out = record(&[
        "file",
        "department",
        "year",
        "project_seq",
        "project_code",
        "project_name",
        "project_budget",
        "project_unit",
        "level1",
        "level2",
        "level3",
        "description",
        "value",
        "comparator",
        "number",
        "value_unit",
        "status",
        "basis",
        "line",
    ]);
    for (file, doc) in docs {
        for card in &doc.projects {
            for ind in &card.indicators {
                let v = &ind.value;
                let status = match &v.status {
                    crate::model::ValueStatus::Garbled(g) => format!("Garbled({g:?})"),
                    other => format!("{other:?}"),
                };
                out.push_str(&record(&[
                    file.clone(),
                    doc.department.name.clone(),
                    doc.department.budget_year.to_string(),
                    optional(card.seq),
                    card.code.clone(),
                    card.name.clone(),
                    plain(card.budget),
                    card.unit.label().to_string(),
                    ind.level1.clone(),
                    ind.level2.clone(),
                    ind.level3.clone(),
                    ind.description.clone(),
                    v.raw.clone(),
                    v.comparator.map(|c| c.symbol()).unwrap_or("").to_string(),
                    plain(v.number),
                    v.unit
                        .as_ref()
                        .map(|u| u.label().to_string())
                        .unwrap_or_default(),
                    status,
                    ind.basis.clone(),
                    ind.line.to_string(),
                ]));
            }
        }
    }
    out
}

/// Every published table of a document: (file name, CSV text). Names are
/// `NN-title.csv` in print order, so a directory listing reads like the
/// document.
pub fn tables(doc: &Disclosure) -> Vec<(String, String)> {
    let grid = Tables::build(doc);
    grid.tables
        .iter()
        .enumerate()
        .map(|(i, table)| {
            (
                format!("{:02}-{}.csv", i + 1, super::file_name(&table.title)),
                published_table(doc, table),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting_reads_back() {
        let fields = ["a,b", "say \"hi\"", "two\nlines", "plain", ""];
        let text = record(&fields);
        assert_eq!(text, "\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",plain,\n");
        assert_eq!(parse(&text), vec![fields.map(String::from).to_vec()]);
        assert_eq!(
            parse("\u{feff}x,y\r\n1,2\r\n"),
            vec![vec!["x", "y"], vec!["1", "2"]]
        );
    }
}
