//! Every table of a disclosure laid out as it was published: header paths,
//! 栏次, every row in print order, every column, blank cells blank. Built
//! once at load; the Tables tab only slices it.
//!
//! Two-sided tables (收入 | 支出) are laid out side by side as printed, rows
//! paired by 序号 (or by position where the region prints no 序号).

use std::collections::HashMap;

use super::aggregate::{Aggregate, SchemeAggregate};
use super::library::{DepartmentLine, UNIT};
use crate::model::{format_amount, BudgetTable, CodeScheme, Disclosure, Place, Side, Unit};
use unicode_width::UnicodeWidthStr;

/// One column of a published table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GridColumn {
    /// Header path, top first: `["本年收入", "小计"]`.
    pub header: Vec<String>,
    /// 栏次 printed under the header.
    pub number: Option<u32>,
    /// Display width the column needs for its header and every cell.
    pub width: usize,
    /// Figures are right-aligned; labels left.
    pub numeric: bool,
    /// The side (0 收入, 1 支出) the column belongs to.
    pub side: usize,
    /// The column's index among its side's amount columns, for figures.
    pub amount: Option<usize>,
}

/// One printed row: a cell per column (empty text for a blank cell).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GridRow {
    pub cells: Vec<String>,
    /// The model row behind each side of this printed row.
    pub places: Vec<Option<Place>>,
    /// Classification code per side (for `Enter` → drill-down).
    pub codes: Vec<Option<String>>,
    /// Source line (text form) and page (PDF) of the row.
    pub line: usize,
    pub page: Option<u32>,
}

/// One table as published.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublishedTable {
    /// The title as printed.
    pub title: String,
    /// The unit printed above the table.
    pub unit: Unit,
    /// What in the model the table shows.
    pub origin: Origin,
    /// First line (text form) and page (PDF) of the table.
    pub line: usize,
    pub page: Option<u32>,
    /// 截止时间 (assets) or the owner line, printed above the table.
    pub caption: Option<String>,
    /// How many leading columns stay put while the others scroll.
    pub frozen: usize,
    pub columns: Vec<GridColumn>,
    /// Header lines needed by the deepest header path.
    pub header_depth: usize,
    pub rows: Vec<GridRow>,
    /// 注：… lines printed with the table.
    pub notes: Vec<String>,
}

impl PublishedTable {
    /// Where the table came from, for the reader to go back: `p. 7` or
    /// `line 48`.
    pub fn source(&self) -> Source {
        Source {
            page: self.page,
            line: self.line,
        }
    }
}

/// The part of the model a published table shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// `Disclosure::tables[i]`.
    Table(usize),
    Procurement,
    Assets,
    /// All departments summed by code ([`Tables::of_aggregate`]).
    Aggregate(CodeScheme),
}

/// Page (PDF) or line (text form) of something shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Source {
    pub page: Option<u32>,
    pub line: usize,
}

/// All published tables of a document, and where each model row stands.
#[derive(Debug, Clone, Default)]
pub struct Tables {
    pub tables: Vec<PublishedTable>,
    /// `(table, side, row)` of the model → `(published table, grid row)`.
    rows: HashMap<(usize, usize, usize), (usize, usize)>,
}

impl Tables {
    pub fn build(doc: &Disclosure) -> Tables {
        let mut tables: Vec<PublishedTable> = doc
            .tables
            .iter()
            .enumerate()
            .map(|(i, t)| budget_table(i, t))
            .collect();
        // 政府采购 as its own table when it was printed as one (an empty one
        // too: its header and 空表 note are what a reviewer checks), and is
        // not one of the model's tables already (Jiangsu's 公开12表); a total
        // stated only in the text (Shanghai) is no table.
        let procurement = doc.procurement.as_ref().filter(|p| {
            let printed = !p.table.rows.is_empty() || !p.table.header.is_empty();
            printed && !doc.tables.iter().any(|t| t.title == p.title)
        });
        if let Some(p) = procurement {
            tables.push(text_table(
                p.title.clone(),
                p.unit,
                p.owner.clone(),
                &p.table.header,
                &p.table.rows,
                p.line,
                p.notes.clone(),
            ));
        }
        if let Some(a) = &doc.assets {
            tables.push(assets_table(a));
        }
        let mut rows = HashMap::new();
        for (ti, t) in tables.iter().enumerate() {
            for (ri, r) in t.rows.iter().enumerate() {
                for place in r.places.iter().flatten() {
                    if let Place::TableRow { table, side, row } = *place {
                        rows.insert((table, side, row), (ti, ri));
                    }
                }
            }
        }
        Tables { tables, rows }
    }

    /// The published table and row that show a model row.
    pub fn locate(&self, table: usize, side: usize, row: usize) -> Option<(usize, usize)> {
        self.rows.get(&(table, side, row)).copied()
    }

    /// The published table, row and column that show a model table's cell
    /// (`column` counted among the side's amount columns); the column is
    /// `None` when the grid does not show it.
    pub fn cell(
        &self,
        table: usize,
        side: usize,
        row: usize,
        column: usize,
    ) -> Option<(usize, usize, Option<usize>)> {
        let (ti, ri) = self.locate(table, side, row)?;
        let grid_column = self.tables.get(ti).and_then(|t| {
            t.columns
                .iter()
                .position(|c| c.side == side && c.amount == Some(column))
        });
        Some((ti, ri, grid_column))
    }

    /// The published table that shows a place: a model table, 政府采购 or
    /// 国有资产.
    pub fn of_place(&self, place: Place) -> Option<usize> {
        let origin = match place {
            Place::Table { table } | Place::TableRow { table, .. } => Origin::Table(table),
            Place::Procurement => Origin::Procurement,
            Place::Assets { .. } => Origin::Assets,
            _ => return None,
        };
        self.tables.iter().position(|t| t.origin == origin)
    }
}

impl Tables {
    /// All departments as one table per scheme: a row per code with its Σ,
    /// how many departments print it, then every department of the
    /// selection side by side in the order of `order` (line indexes, as
    /// the Departments view lists them; blank where one does not print the
    /// code), all in 万元. `text` is what the app prints above them and for
    /// a Σ past Decimal's range. Built when the Tables tab first shows them;
    /// the figures behind each cell are the aggregate's
    /// ([`AggregateCell`]).
    pub fn of_aggregate(
        aggregate: &Aggregate,
        lines: &[DepartmentLine],
        order: &[usize],
        text: &AggregateText,
    ) -> Tables {
        let tables = [CodeScheme::Functional, CodeScheme::Economic]
            .into_iter()
            .map(|scheme| aggregate_table(aggregate, scheme, lines, order, text))
            .collect();
        Tables {
            tables,
            rows: HashMap::new(),
        }
    }
}

/// The words an aggregate table prints that are not data, in the app's
/// language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AggregateText {
    /// Above the table: how many departments, which years, what is left out.
    pub caption: String,
    /// In place of a Σ past Decimal's range: not readable as a number.
    pub overflow: String,
    /// The functional table's title, then the economic one's.
    pub titles: [String; 2],
}

/// What a cell of an aggregate table shows, by its column: the first four
/// columns, then department `k` of the order the table was built in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AggregateCell {
    Code,
    Name,
    Total,
    Departments,
    Department(usize),
}

impl AggregateCell {
    pub fn of_column(column: usize) -> AggregateCell {
        match column {
            0 => AggregateCell::Code,
            1 => AggregateCell::Name,
            2 => AggregateCell::Total,
            3 => AggregateCell::Departments,
            k => AggregateCell::Department(k - 4),
        }
    }
}

fn aggregate_table(
    aggregate: &Aggregate,
    scheme: CodeScheme,
    lines: &[DepartmentLine],
    order: &[usize],
    text: &AggregateText,
) -> PublishedTable {
    let codes: &SchemeAggregate = aggregate.scheme(scheme);
    let mut columns = vec![
        label_column("科目编码", 0),
        label_column("科目名称", 0),
        GridColumn {
            header: vec!["合计".to_string()],
            number: None,
            width: UnicodeWidthStr::width("合计"),
            numeric: true,
            side: 0,
            amount: None,
        },
        // A count, not a figure: numeric for alignment, no amount column.
        GridColumn {
            header: vec!["部门数".to_string()],
            number: None,
            width: UnicodeWidthStr::width("部门数"),
            numeric: true,
            side: 0,
            amount: None,
        },
    ];
    // Column of each line of the selection, in the selection's order.
    let mut column_of = vec![None; lines.len()];
    for &line in order {
        let Some(l) = lines.get(line) else { continue };
        if let Some(slot) = column_of.get_mut(line) {
            *slot = Some(columns.len());
        }
        let header = format!("{} {}", l.name, l.year);
        columns.push(GridColumn {
            width: UnicodeWidthStr::width(header.as_str()),
            header: vec![header],
            number: None,
            numeric: true,
            side: 0,
            amount: None,
        });
    }
    let rows: Vec<GridRow> = codes
        .rows
        .iter()
        .map(|row| {
            let mut cells = vec![String::new(); columns.len()];
            cells[0] = row.code.clone();
            cells[1] = row.name.clone();
            // Σ past Decimal's range is marked, never shown as a number.
            cells[2] = row
                .total
                .map_or_else(|| text.overflow.clone(), format_amount);
            cells[3] = row.contributors.len().to_string();
            for &(line, figure) in &row.contributors {
                if let Some(&Some(c)) = column_of.get(line) {
                    cells[c] = format_amount(figure);
                }
            }
            GridRow {
                cells,
                places: vec![None],
                codes: vec![Some(row.code.clone())],
                line: 0,
                page: None,
            }
        })
        .collect();
    let columns = fit_widths(columns, &rows);
    let title = match scheme {
        CodeScheme::Functional => &text.titles[0],
        CodeScheme::Economic => &text.titles[1],
    };
    PublishedTable {
        title: title.clone(),
        unit: UNIT,
        origin: Origin::Aggregate(scheme),
        line: 0,
        page: None,
        caption: Some(text.caption.clone()),
        // Code and name stay put; Σ and 部门数 lead the scrolled columns
        // (frozen figures would be cut on a narrow screen).
        frozen: 2,
        header_depth: 1,
        columns,
        rows,
        notes: Vec::new(),
    }
}

fn label_column(header: &str, side: usize) -> GridColumn {
    GridColumn {
        header: vec![header.to_string()],
        number: None,
        width: UnicodeWidthStr::width(header),
        numeric: false,
        side,
        amount: None,
    }
}

fn budget_table(index: usize, table: &BudgetTable) -> PublishedTable {
    let has_seq = table
        .sides
        .iter()
        .any(|s| s.rows.iter().any(|r| r.seq.is_some()));
    let mut columns = Vec::new();
    if has_seq {
        columns.push(label_column("序号", 0));
    }
    for (si, side) in table.sides.iter().enumerate() {
        if side.rows.iter().any(|r| r.code.is_some()) {
            columns.push(label_column("科目编码", si));
        }
        let name = match &side.label {
            Some(label) => format!("{label}项目"),
            None => "科目名称".to_string(),
        };
        columns.push(label_column(&name, si));
        for (ci, c) in side.columns.iter().enumerate() {
            let header: Vec<String> = match &side.label {
                Some(label) if table.sides.len() > 1 => std::iter::once(label.clone())
                    .chain(c.header.iter().cloned())
                    .collect(),
                _ => c.header.clone(),
            };
            columns.push(GridColumn {
                // Group labels above span their columns; only the lowest
                // label must fit in one.
                width: header
                    .last()
                    .map_or(0, |h| UnicodeWidthStr::width(h.as_str())),
                header,
                number: c.number,
                numeric: true,
                side: si,
                amount: Some(ci),
            });
        }
    }
    // 序号 and the first side's code and name stay put while amounts scroll.
    let frozen = columns
        .iter()
        .take_while(|c| !c.numeric && c.side == 0)
        .count();

    let rows: Vec<GridRow> = paired_rows(table)
        .into_iter()
        .map(|pair| {
            let mut cells = Vec::with_capacity(columns.len());
            let mut places = vec![None; table.sides.len()];
            let mut codes = vec![None; table.sides.len()];
            let mut line = usize::MAX;
            let mut page = None;
            for c in &columns {
                let cell = pair
                    .get(c.side)
                    .copied()
                    .flatten()
                    .map(|ri| {
                        let row = &table.sides[c.side].rows[ri];
                        match (c.header[0].as_str(), c.amount) {
                            (_, Some(ci)) => row.amount(ci).map(format_amount).unwrap_or_default(),
                            ("序号", None) => row.seq.map(|s| s.to_string()).unwrap_or_default(),
                            ("科目编码", None) => row
                                .code
                                .as_ref()
                                .map(|code| code.as_str().to_string())
                                .unwrap_or_default(),
                            _ => row.name.clone(),
                        }
                    })
                    .unwrap_or_default();
                cells.push(cell);
            }
            for (si, ri) in pair.iter().enumerate() {
                if let Some(ri) = *ri {
                    let row = &table.sides[si].rows[ri];
                    places[si] = Some(Place::TableRow {
                        table: index,
                        side: si,
                        row: ri,
                    });
                    codes[si] = row.code.as_ref().map(|c| c.as_str().to_string());
                    line = line.min(row.line);
                    page = page.or(row.page);
                }
            }
            GridRow {
                cells,
                places,
                codes,
                line: if line == usize::MAX { table.line } else { line },
                page,
            }
        })
        .collect();
    let columns = fit_widths(columns, &rows);
    PublishedTable {
        title: table.title.clone(),
        unit: table.unit,
        origin: Origin::Table(index),
        line: table.line,
        page: table.page,
        caption: table.owner.clone(),
        frozen,
        header_depth: columns.iter().map(|c| c.header.len()).max().unwrap_or(1),
        columns,
        rows,
        notes: table.notes.clone(),
    }
}

/// The printed rows of a table: one entry per row, the row index of each
/// side (or none where that side is blank on that line). Sides pair by
/// 序号 when both print one, else by position.
fn paired_rows(table: &BudgetTable) -> Vec<Vec<Option<usize>>> {
    let sides = &table.sides;
    if sides.len() <= 1 {
        return sides
            .first()
            .map(|s| (0..s.rows.len()).map(|i| vec![Some(i)]).collect())
            .unwrap_or_default();
    }
    let by_seq = sides
        .iter()
        .all(|s: &Side| !s.rows.is_empty() && s.rows.iter().all(|r| r.seq.is_some()));
    if by_seq {
        // Every 序号 of any side, in order; a side without that 序号 is blank.
        let mut seqs: Vec<u32> = sides
            .iter()
            .flat_map(|s| s.rows.iter().filter_map(|r| r.seq))
            .collect();
        seqs.sort_unstable();
        seqs.dedup();
        let index: Vec<HashMap<u32, usize>> = sides
            .iter()
            .map(|s| {
                s.rows
                    .iter()
                    .enumerate()
                    .filter_map(|(i, r)| r.seq.map(|q| (q, i)))
                    .collect()
            })
            .collect();
        seqs.iter()
            .map(|q| index.iter().map(|m| m.get(q).copied()).collect())
            .collect()
    } else {
        let n = sides.iter().map(|s| s.rows.len()).max().unwrap_or(0);
        (0..n)
            .map(|i| {
                sides
                    .iter()
                    .map(|s| (i < s.rows.len()).then_some(i))
                    .collect()
            })
            .collect()
    }
}

/// Widens each column to its widest cell.
fn fit_widths(mut columns: Vec<GridColumn>, rows: &[GridRow]) -> Vec<GridColumn> {
    for (ci, c) in columns.iter_mut().enumerate() {
        let cells = rows.iter().map(|r| {
            r.cells
                .get(ci)
                .map_or(0, |s| UnicodeWidthStr::width(s.as_str()))
        });
        let number = c.number.map_or(0, |n| n.to_string().len());
        c.width = cells.chain([c.width, number]).max().unwrap_or(0);
    }
    columns
}

/// A table kept as text cells (政府采购): figures stay as printed.
fn text_table(
    title: String,
    unit: Unit,
    caption: Option<String>,
    header: &[Vec<String>],
    body: &[Vec<String>],
    line: usize,
    notes: Vec<String>,
) -> PublishedTable {
    let n = header.iter().chain(body).map(Vec::len).max().unwrap_or(0);
    let columns: Vec<GridColumn> = (0..n)
        .map(|ci| {
            let path: Vec<String> = header
                .iter()
                .filter_map(|h| h.get(ci).cloned())
                .filter(|h| !h.is_empty())
                .collect();
            let numeric = body.iter().any(|r| r.get(ci).is_some_and(|c| is_figure(c)));
            GridColumn {
                width: path
                    .last()
                    .map_or(0, |h| UnicodeWidthStr::width(h.as_str())),
                header: if path.is_empty() {
                    vec![String::new()]
                } else {
                    path
                },
                number: None,
                numeric: numeric && ci > 0,
                side: 0,
                amount: None,
            }
        })
        .collect();
    let rows: Vec<GridRow> = body
        .iter()
        .enumerate()
        .map(|(i, r)| GridRow {
            cells: (0..n)
                .map(|ci| r.get(ci).cloned().unwrap_or_default())
                .collect(),
            places: vec![Some(Place::Procurement)],
            codes: vec![None],
            // Header lines, then one line per row after the title.
            line: line + header.len() + 1 + i,
            page: None,
        })
        .collect();
    let columns = fit_widths(columns, &rows);
    PublishedTable {
        title,
        unit,
        origin: Origin::Procurement,
        line,
        page: None,
        caption,
        frozen: 1.min(n),
        header_depth: columns.iter().map(|c| c.header.len()).max().unwrap_or(1),
        columns,
        rows,
        notes,
    }
}

/// A cell that reads as one figure (so the column is right-aligned).
fn is_figure(text: &str) -> bool {
    matches!(crate::model::parse_amount(text), Ok(Some(_)))
}

fn assets_table(a: &crate::model::AssetReport) -> PublishedTable {
    let columns = vec![
        label_column("项目", 0),
        GridColumn {
            header: vec!["数量".into()],
            number: None,
            width: 4,
            numeric: true,
            side: 0,
            amount: None,
        },
        GridColumn {
            header: vec![format!("价值（{}）", a.unit.label())],
            number: None,
            width: 0,
            numeric: true,
            side: 0,
            amount: None,
        },
    ];
    let mut rows = Vec::with_capacity(a.items.len() + 1);
    if let Some(total) = a.total {
        rows.push(GridRow {
            cells: vec!["资产总额".into(), String::new(), format_amount(total)],
            places: vec![Some(Place::Assets { item: None })],
            codes: vec![None],
            line: a.line,
            page: None,
        });
    }
    for (i, item) in a.items.iter().enumerate() {
        let name = if item.is_sub_item {
            format!("  {}", item.name)
        } else {
            item.name.clone()
        };
        rows.push(GridRow {
            cells: vec![
                name,
                item.quantity.map(format_amount).unwrap_or_default(),
                item.value.map(format_amount).unwrap_or_default(),
            ],
            places: vec![Some(Place::Assets { item: Some(i) })],
            codes: vec![None],
            line: item.line,
            page: None,
        });
    }
    let columns = fit_widths(columns, &rows);
    let caption = a.as_of.as_ref().map(|date| format!("截止时间：{date}"));
    PublishedTable {
        title: a.title.clone(),
        unit: a.unit,
        origin: Origin::Assets,
        line: a.line,
        page: None,
        caption,
        frozen: 1,
        header_depth: 1,
        columns,
        rows,
        notes: Vec::new(),
    }
}
