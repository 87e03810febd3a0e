//! The Tables tab: which published table is shown, the cell cursor, and the
//! scroll of rows and amount columns. The tables themselves are built once
//! in [`crate::analysis::grid`].

use ratatui::layout::Rect;

pub use super::projects::window_start;
use crate::analysis::{PublishedTable, Tables};

/// Rows above the grid body: the title line, the caption line and a blank.
pub const TITLE_ROWS: usize = 2;

/// Width of the table list at the left, and the screen width from which it
/// is shown.
pub const LIST_WIDTH: u16 = 30;
const LIST_FROM: u16 = 110;

/// The part of the body the grid takes: all of it, or what the list leaves.
pub fn grid_area(body: Rect) -> Rect {
    if body.width >= LIST_FROM {
        Rect {
            x: body.x + LIST_WIDTH + 1,
            width: body.width - LIST_WIDTH - 1,
            ..body
        }
    } else {
        body
    }
}

/// Rows the header of `table` takes: its header path lines and, when 栏次
/// are printed, one more.
pub fn header_rows(table: &PublishedTable) -> usize {
    table.header_depth + usize::from(table.columns.iter().any(|c| c.number.is_some()))
}

/// Body rows left for the grid's data rows in a grid area `height` tall.
pub fn data_rows(table: &PublishedTable, height: usize) -> usize {
    height.saturating_sub(TITLE_ROWS + header_rows(table))
}

/// Cursor and scroll of the Tables tab.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TablesState {
    /// Index into [`Tables::tables`].
    pub table: usize,
    /// Cursor row (grid row index) and column (absolute column index).
    pub row: usize,
    pub column: usize,
    /// First grid row on screen, kept by `update` for the last known height;
    /// the renderer only clamps it (see [`window_start`]).
    pub offset: usize,
    /// First scrolled (non-frozen) column on screen.
    pub first_column: usize,
    /// A cell to mark (a check finding's cell, a search hit).
    pub highlight: Option<(usize, usize)>,
    /// A sum finding opened here: its parts and their Σ.
    pub sum: Option<SumMark>,
}

/// What a sum finding adds up, shown over the table it opened: the parts'
/// cells (grid row, column) and their Σ beside the printed figure. Cleared
/// by the next key in the tab.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SumMark {
    pub parts: Vec<(usize, usize)>,
    /// The figure the document prints (`None`: a blank cell).
    pub printed: Option<rust_decimal::Decimal>,
    /// Σ of the parts.
    pub expected: rust_decimal::Decimal,
}

/// The scrolled columns that fit in `room` columns from `first`, each
/// followed by one column of gap. Always at least one when any is left, so
/// a too-narrow screen shows a marker rather than nothing.
pub fn fitting_columns(table: &PublishedTable, first: usize, room: usize) -> Vec<usize> {
    let mut shown = Vec::new();
    let mut used = 0;
    for c in first.max(table.frozen)..table.columns.len() {
        let w = table.columns[c].width + 1;
        if used + w > room && !shown.is_empty() {
            break;
        }
        used += w;
        shown.push(c);
    }
    shown
}

/// Largest first scrolled column that still ends on the last column, so
/// scrolling right stops when the last column is fully on screen.
pub fn last_first_column(table: &PublishedTable, room: usize) -> usize {
    let mut used = 0;
    let mut first = table.columns.len();
    for c in (table.frozen..table.columns.len()).rev() {
        let w = table.columns[c].width + 1;
        if used + w > room && first < table.columns.len() {
            break;
        }
        used += w;
        first = c;
    }
    first.max(table.frozen)
}

/// Display width the frozen columns take in a screen `cols` wide: their
/// natural width, but never more than two thirds of the screen.
pub fn frozen_width(table: &PublishedTable, cols: usize) -> usize {
    let natural: usize = table.columns[..table.frozen]
        .iter()
        .map(|c| c.width + 1)
        .sum();
    natural.min(cols * 2 / 3).max(cols.min(12))
}

impl TablesState {
    /// Shows published table `table` from its top.
    pub fn select_table(&mut self, tables: &Tables, table: usize) {
        if table < tables.tables.len() {
            *self = TablesState {
                table,
                column: tables.tables[table]
                    .frozen
                    .min(tables.tables[table].columns.len().saturating_sub(1)),
                ..TablesState::default()
            };
        }
    }

    /// Moves the cursor row by `delta`, keeping it on a screen of `height`
    /// body rows.
    pub fn move_row(&mut self, tables: &Tables, delta: isize, height: usize) {
        let len = tables.tables.get(self.table).map_or(0, |t| t.rows.len());
        let last = len.saturating_sub(1) as isize;
        self.row = (self.row as isize + delta).clamp(0, last.max(0)) as usize;
        self.offset = window_start(self.row, self.offset, height, len);
    }

    /// Moves the cell cursor by `delta` columns and scrolls the amount
    /// columns so that it stays on screen in a body `cols` wide.
    pub fn move_column(&mut self, tables: &Tables, delta: isize, cols: usize) {
        let Some(table) = tables.tables.get(self.table) else {
            return;
        };
        let last = table.columns.len().saturating_sub(1) as isize;
        self.column = (self.column as isize + delta).clamp(0, last.max(0)) as usize;
        self.follow_column(table, cols);
    }

    /// Scrolls the amount columns by `delta` without moving past the last
    /// column; the cursor follows into the visible part.
    pub fn scroll_columns(&mut self, tables: &Tables, delta: isize, cols: usize) {
        let Some(table) = tables.tables.get(self.table) else {
            return;
        };
        let room = cols.saturating_sub(frozen_width(table, cols));
        let max_first = last_first_column(table, room);
        let first = self.first_column.max(table.frozen) as isize + delta;
        self.first_column = first.clamp(table.frozen as isize, max_first as isize) as usize;
        let shown = fitting_columns(table, self.first_column, room);
        if self.column >= table.frozen && !shown.contains(&self.column) {
            self.column = if delta < 0 {
                shown.last().copied().unwrap_or(self.column)
            } else {
                shown.first().copied().unwrap_or(self.column)
            };
        }
    }

    fn follow_column(&mut self, table: &PublishedTable, cols: usize) {
        if self.column < table.frozen {
            return;
        }
        let room = cols.saturating_sub(frozen_width(table, cols));
        let mut first = self.first_column.max(table.frozen);
        if self.column < first {
            first = self.column;
        }
        while first < self.column && !fitting_columns(table, first, room).contains(&self.column) {
            first += 1;
        }
        self.first_column = first.min(last_first_column(table, room).max(table.frozen));
    }

    /// Puts the cursor on grid row `row` (and column `column` when known),
    /// scrolled into view for a body of `height` × `cols`.
    pub fn reveal(
        &mut self,
        tables: &Tables,
        table: usize,
        row: usize,
        column: Option<usize>,
        (height, cols): (usize, usize),
    ) {
        self.select_table(tables, table);
        let Some(t) = tables.tables.get(table) else {
            return;
        };
        self.row = row.min(t.rows.len().saturating_sub(1));
        self.offset = window_start(self.row, 0, height, t.rows.len());
        if let Some(c) = column {
            self.column = c.min(t.columns.len().saturating_sub(1));
            self.follow_column(t, cols);
        }
        self.highlight = Some((self.row, self.column));
    }
}
