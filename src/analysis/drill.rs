//! Drill-down by classification code: the tree and its figure columns,
//! built once at load (the expand / select state is `app::drill`).

use rust_decimal::Decimal;
use unicode_width::UnicodeWidthStr;

use crate::model::{format_amount, ClassificationTree, CodeScheme, Disclosure, Place, TableKind};

/// One figure column of the drill-down: a column of one table.
#[derive(Debug, Clone)]
pub struct DrillColumn {
    /// Header shown above the column (`基本支出`, `一般公共预算`).
    pub header: String,
    pub table: usize,
    pub side: usize,
    pub column: usize,
}

/// Everything the drill-down shows for one scheme, computed at load.
#[derive(Debug, Clone)]
pub struct DrillView {
    pub scheme: CodeScheme,
    pub tree: ClassificationTree,
    pub columns: Vec<DrillColumn>,
    /// `values[node][column]`: the figure the table prints for that code,
    /// or the sum of the children for a parent the table does not print.
    pub values: Vec<Vec<Option<Decimal>>>,
    /// The tables' 合计 row, per column.
    pub totals: Vec<Option<Decimal>>,
    /// Every table row that carries the node's code.
    pub carriers: Vec<Vec<Place>>,
    /// Display width of each column: the widest figure or header, so the
    /// columns do not move when the depth changes.
    pub column_widths: Vec<usize>,
    /// Display width of the widest indented `code name` cell.
    pub label_width: usize,
}

impl DrillView {
    pub fn build(doc: &Disclosure, scheme: CodeScheme) -> DrillView {
        let tree = match scheme {
            CodeScheme::Functional => doc.functional_tree(),
            CodeScheme::Economic => doc.economic_tree(),
        };
        let columns = pick_columns(doc, scheme);

        let mut values = vec![vec![None; columns.len()]; tree.nodes.len()];
        let mut carriers = vec![Vec::new(); tree.nodes.len()];
        for (t, table) in doc.tables.iter().enumerate() {
            if table.kind.scheme() != Some(scheme) {
                continue;
            }
            for (s, side) in table.sides.iter().enumerate() {
                for (r, row) in side.rows.iter().enumerate() {
                    let Some(node) = row.code.as_ref().and_then(|c| tree.find(c.as_str())) else {
                        continue;
                    };
                    carriers[node].push(Place::TableRow {
                        table: t,
                        side: s,
                        row: r,
                    });
                    for (c, col) in columns.iter().enumerate() {
                        if col.table == t && col.side == s {
                            values[node][c] = row.amount(col.column);
                        }
                    }
                }
            }
        }
        // A parent no table prints shows its subtree total. Nodes are in
        // pre-order, so walking backwards sums children before parents.
        for node in (0..tree.nodes.len()).rev() {
            if !carriers[node].is_empty() || tree.nodes[node].children.is_empty() {
                continue;
            }
            let mut sums: Vec<Option<Decimal>> = vec![None; columns.len()];
            for &child in &tree.nodes[node].children {
                for (sum, value) in sums.iter_mut().zip(&values[child]) {
                    if let Some(v) = value {
                        *sum = Some(sum.unwrap_or(Decimal::ZERO).saturating_add(*v));
                    }
                }
            }
            values[node] = sums;
        }

        let totals = columns
            .iter()
            .map(|col| {
                doc.tables
                    .get(col.table)
                    .and_then(|t| t.sides.get(col.side))
                    .and_then(|s| {
                        s.rows
                            .iter()
                            .find(|r| r.code.is_none() && r.name.contains("合计"))
                    })
                    .and_then(|r| r.amount(col.column))
            })
            .collect::<Vec<_>>();

        let column_widths = columns
            .iter()
            .enumerate()
            .map(|(c, col)| {
                let widest = values
                    .iter()
                    .map(|v| v[c])
                    .chain(std::iter::once(totals[c]))
                    .flatten()
                    .map(|v| format_amount(v).len())
                    .max()
                    .unwrap_or(0);
                widest.max(col.header.width())
            })
            .collect();
        let label_width = tree
            .nodes
            .iter()
            .map(|n| label_text(n.code.as_str(), n.name.as_deref()).width())
            .max()
            .unwrap_or(0);

        DrillView {
            scheme,
            tree,
            columns,
            values,
            totals,
            carriers,
            column_widths,
            label_width,
        }
    }
}

/// `code name` as the tree shows it, without indentation or marker.
pub fn label_text(code: &str, name: Option<&str>) -> String {
    match name {
        Some(name) => format!("{code} {name}"),
        None => code.to_string(),
    }
}

/// The figure columns for a scheme: for the functional tree the 支出总表
/// 合计, the 收入总表 sources, the 支出总表 split, and the total of each
/// fund's table; for the economic tree every column of 基本支出表. Columns
/// no row fills are left out.
fn pick_columns(doc: &Disclosure, scheme: CodeScheme) -> Vec<DrillColumn> {
    let mut columns = Vec::new();
    let mut add = |kind: TableKind, pick: &dyn Fn(&str, usize) -> Option<String>| {
        let Some((t, table)) = doc.tables.iter().enumerate().find(|(_, t)| t.kind == kind) else {
            return;
        };
        let Some(side) = table.sides.first() else {
            return;
        };
        for (c, col) in side.columns.iter().enumerate() {
            let has_figure = side
                .rows
                .iter()
                .any(|r| r.code.is_some() && r.amount(c).is_some());
            if !has_figure {
                continue;
            }
            if let Some(header) = pick(col.label(), c) {
                columns.push(DrillColumn {
                    header,
                    table: t,
                    side: 0,
                    column: c,
                });
            }
        }
    };
    match scheme {
        CodeScheme::Functional => {
            add(TableKind::Expenditure, &|label, c| {
                (c == 0).then(|| label.to_string())
            });
            add(TableKind::Income, &|label, c| {
                (c != 0 && label != "小计").then(|| label.to_string())
            });
            add(TableKind::Expenditure, &|label, c| {
                (c != 0).then(|| label.to_string())
            });
            add(TableKind::GeneralPublicExpenditure, &|_, c| {
                (c == 0).then(|| "一般公共预算".to_string())
            });
            add(TableKind::GovernmentFundExpenditure, &|_, c| {
                (c == 0).then(|| "政府性基金".to_string())
            });
            add(TableKind::StateCapitalExpenditure, &|_, c| {
                (c == 0).then(|| "国有资本经营".to_string())
            });
        }
        CodeScheme::Economic => {
            add(TableKind::GeneralPublicBasic, &|label, _| {
                Some(label.to_string())
            });
        }
    }
    columns
}
