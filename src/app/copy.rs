//! What `y` and `Y` copy: the selected figure as a plain decimal string
//! (no separators, the printed decimals kept), or the selected table row
//! as tab-separated values under its header. Pure: the terminal loop sends
//! the text to the clipboard (OSC 52) between frames.

use super::projects::Screen;
use super::{App, Tab};
use crate::analysis::grid::AggregateCell;
use crate::analysis::Origin;

impl App {
    /// The figure (or text) under the cursor of the tab on screen.
    pub fn selected_figure(&self) -> Option<String> {
        match self.tab {
            Tab::Tables => {
                let (tables, state) = self.tables_view();
                let table = tables.tables.get(state.table)?;
                let row = table.rows.get(state.row)?;
                let column = table.columns.get(state.column)?;
                // An amount cell: the model's figure, not the grouped text.
                let figure = match (table.origin, column.amount, row.places.get(column.side)) {
                    (
                        Origin::Table(t),
                        Some(c),
                        Some(Some(crate::model::Place::TableRow { side, row, .. })),
                    ) => self
                        .analysis
                        .doc
                        .tables
                        .get(t)
                        .and_then(|t| t.sides.get(*side))
                        .and_then(|s| s.rows.get(*row))
                        .and_then(|r| r.amount(c))
                        .map(|v| v.to_string()),
                    // All departments: the aggregate's own figure. A Σ past
                    // Decimal's range has none, and its mark is no figure, so
                    // it is not copied as the cell's text either.
                    (Origin::Aggregate(scheme), _, _) => {
                        let figure = self
                            .aggregate()?
                            .table_figure(scheme, state.row, state.column)
                            .map(|v| v.to_string());
                        if AggregateCell::of_column(state.column) == AggregateCell::Total {
                            return figure;
                        }
                        figure
                    }
                    _ => None,
                };
                figure.or_else(|| {
                    row.cells
                        .get(state.column)
                        .filter(|c| !c.is_empty())
                        .cloned()
                })
            }
            // All departments: the selected Σ, or the selected department's
            // figure in the list of a code's departments.
            Tab::Drill if self.aggregate().is_some() => {
                let view = self.aggregate()?;
                let row = view.selected()?;
                match &view.contributors {
                    Some(cursor) => row
                        .contributors
                        .get(cursor.selected)
                        .map(|(_, v)| v.to_string()),
                    None => row.total.map(|v| v.to_string()),
                }
            }
            Tab::Drill => {
                let (view, state) = self.drill();
                let node = state.selected_node()?;
                let column = state.first_column.min(view.columns.len().saturating_sub(1));
                view.values
                    .get(node)?
                    .get(column)
                    .copied()
                    .flatten()
                    .map(|v| v.to_string())
            }
            Tab::Projects => {
                let p = &self.projects;
                match p.screen {
                    Screen::List => {
                        let card = self.analysis.doc.projects.get(p.selected_card()?)?;
                        card.budget.map(|v| v.to_string())
                    }
                    Screen::Card(card) => {
                        let card = self.analysis.doc.projects.get(card)?;
                        Some(
                            card.indicators
                                .get(p.card_cursor.selected)?
                                .value
                                .raw
                                .clone(),
                        )
                    }
                    _ => None,
                }
            }
            Tab::Checks => {
                let c = &self.checks;
                let f = self.analysis.report.findings.get(c.selected_finding()?)?;
                Some(f.message(self.lang))
            }
            Tab::Years => {
                let y = self.years.as_ref()?;
                let i = y.cursor.selected;
                let after = match y.view.rows.get(i) {
                    Some(r) => r.after,
                    None => y.view.cards.get(i - y.view.rows.len())?.after,
                };
                after.map(|a| a.to_string())
            }
            Tab::Summary | Tab::Departments => None,
        }
    }

    /// The Tables tab's selected row as TSV: the header line (each
    /// column's header path joined with `/`), then the row, figures as plain
    /// decimal strings.
    pub fn selected_row_tsv(&self) -> Option<String> {
        if self.tab != Tab::Tables {
            return None;
        }
        let (tables, state) = self.tables_view();
        let table = tables.tables.get(state.table)?;
        let row = table.rows.get(state.row)?;
        let header: Vec<String> = table.columns.iter().map(|c| c.header.join("/")).collect();
        let cells: Vec<String> = row
            .cells
            .iter()
            .zip(&table.columns)
            .map(|(cell, column)| {
                if column.numeric {
                    // `2,349.56` → `2349.56`: a spreadsheet reads it as a number.
                    cell.replace(',', "")
                } else {
                    cell.clone()
                }
            })
            .collect();
        Some(format!("{}\n{}\n", header.join("\t"), cells.join("\t")))
    }
}

/// The OSC 52 sequence that asks the terminal to put `text` in the
/// clipboard (over `ssh -t` too; tmux needs `set -g set-clipboard on`).
pub fn osc52(text: &str) -> String {
    format!("\x1b]52;c;{}\x07", base64(text.as_bytes()))
}

/// Standard base64 with padding (RFC 4648), for OSC 52.
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_rfc_4648() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
        assert_eq!(base64("24.00".as_bytes()), "MjQuMDA=");
        // CJK text is UTF-8 bytes.
        assert_eq!(base64("万元".as_bytes()), "5LiH5YWD");
    }

    #[test]
    fn osc52_wraps_the_base64() {
        assert_eq!(osc52("24.00"), "\x1b]52;c;MjQuMDA=\x07");
    }
}
