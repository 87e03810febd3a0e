//! All departments, as the Drill-down and Tables tabs show it: the
//! aggregate by classification code (one scheme at a time), a code's
//! contributing departments, and the aggregate's tables. Only cursors
//! here; the sums and tables are built before it opens.

use std::sync::Arc;

use crate::action::Motion;
use crate::analysis::aggregate::Aggregate;
use rust_decimal::Decimal;

use crate::analysis::aggregate::{AggregateRow, SchemeAggregate};
use crate::analysis::grid::{AggregateCell, AggregateText};
use crate::analysis::library::DepartmentLine;
use crate::analysis::Tables;
use crate::i18n::{t, Lang, Msg};
use crate::model::CodeScheme;

use super::projects::Cursor;
use super::tables::TablesState;

/// Levels of a classification code: 类, 款, 项.
pub const MAX_DEPTH: usize = 3;

#[derive(Debug, Clone)]
pub struct AggregateView {
    pub aggregate: Arc<Aggregate>,
    pub scheme: CodeScheme,
    /// Cursors into [`AggregateView::visible`] of each scheme.
    pub functional_cursor: Cursor,
    pub economic_cursor: Cursor,
    /// Levels shown, as in the Drill-down: 1 类 only … 3 every level.
    pub depth: usize,
    /// The rows of the scheme on screen down to `depth` (a code of no
    /// standard length always), recomputed when either changes.
    visible: Vec<usize>,
    /// The selected code's departments, when open (`Enter`).
    pub contributors: Option<Cursor>,
    /// The aggregate as the Tables tab shows it (built when that tab first
    /// shows it: a column per department is the one part that grows with
    /// codes × departments), and that tab's cursor.
    pub tables: Option<Arc<Tables>>,
    pub tables_state: TablesState,
    /// The lines summed, in the Departments view's order when it opened.
    pub selection: Vec<usize>,
    /// The code's departments were opened from a row of the tables: going
    /// back from them goes back to that row, as from any table.
    back_to_table: bool,
}

impl AggregateView {
    pub fn new(aggregate: Arc<Aggregate>, selection: Vec<usize>) -> AggregateView {
        let mut view = AggregateView {
            aggregate,
            scheme: CodeScheme::Functional,
            functional_cursor: Cursor::default(),
            economic_cursor: Cursor::default(),
            depth: MAX_DEPTH,
            visible: Vec::new(),
            contributors: None,
            tables: None,
            tables_state: TablesState::default(),
            selection,
            back_to_table: false,
        };
        view.relevel(None);
        view
    }

    /// The rows on screen, top to bottom (indexes into [`Self::rows`]).
    pub fn visible(&self) -> &[usize] {
        &self.visible
    }

    /// Recomputes the rows on screen and puts the cursor on `keep` (a row
    /// index) or, when it is hidden, on the nearest row above it shown:
    /// its 类 or 款 (rows are in code order, a 类 before its 款 and 项).
    fn relevel(&mut self, keep: Option<usize>) {
        let depth = self.depth;
        self.visible = (0..self.rows().rows.len())
            .filter(|&i| self.rows().rows[i].depth.is_none_or(|d| d <= depth))
            .collect();
        let len = self.visible.len();
        let at = keep.map(|row| {
            self.visible
                .partition_point(|&v| v <= row)
                .saturating_sub(1)
        });
        let cursor = self.cursor_mut();
        if let Some(at) = at {
            cursor.selected = at;
        }
        cursor.selected = cursor.selected.min(len.saturating_sub(1));
    }

    fn cursor_mut(&mut self) -> &mut Cursor {
        match self.scheme {
            CodeScheme::Functional => &mut self.functional_cursor,
            CodeScheme::Economic => &mut self.economic_cursor,
        }
    }

    /// The row index under the cursor.
    fn selected_row(&self) -> Option<usize> {
        self.visible.get(self.cursor().selected).copied()
    }

    /// Shows `depth` levels (clamped to 1..=3), the cursor on the selected
    /// code or the nearest one above it still shown.
    pub fn set_depth(&mut self, depth: usize) {
        let keep = self.selected_row();
        self.depth = depth.clamp(1, MAX_DEPTH);
        self.contributors = None;
        self.relevel(keep);
    }

    /// Builds the tables of the aggregate over `lines`, once.
    pub fn build_tables(&mut self, lines: &[DepartmentLine], lang: Lang) {
        if self.tables.is_some() {
            return;
        }
        let title = |scheme| {
            format!(
                "{} · {}",
                t(lang, Msg::AggregateTitle),
                scheme_label(lang, scheme)
            )
        };
        let text = AggregateText {
            caption: caption(lang, &self.aggregate),
            overflow: t(lang, Msg::AggregateOverflow).to_string(),
            titles: [title(CodeScheme::Functional), title(CodeScheme::Economic)],
        };
        let tables = Tables::of_aggregate(&self.aggregate, lines, &self.selection, &text);
        self.tables_state.select_table(&tables, 0);
        self.tables = Some(Arc::new(tables));
    }

    /// Drops the tables (they grow with codes × departments) when All
    /// departments is left; they are built again when next shown.
    pub fn drop_tables(&mut self) {
        self.tables = None;
    }

    /// The figure behind a cell of the aggregate table of `scheme`: a Σ or
    /// one department's figure, in 万元; `None` for a label, a count, a
    /// blank cell or a Σ past Decimal's range.
    pub fn table_figure(&self, scheme: CodeScheme, row: usize, column: usize) -> Option<Decimal> {
        let row = self.aggregate.scheme(scheme).rows.get(row)?;
        match AggregateCell::of_column(column) {
            AggregateCell::Total => row.total,
            AggregateCell::Department(k) => {
                let line = *self.selection.get(k)?;
                row.contributors
                    .iter()
                    .find(|&&(l, _)| l == line)
                    .map(|&(_, figure)| figure)
            }
            _ => None,
        }
    }

    /// Shows `code` of `scheme` with its departments listed (`Enter` on a
    /// row of the aggregate's tables); `false` when no document prints it.
    pub fn reveal(&mut self, scheme: CodeScheme, code: &str, page: usize) -> bool {
        self.scheme = scheme;
        let rows = &self.aggregate.scheme(scheme).rows;
        let Some(row) = rows.iter().position(|r| r.code == code) else {
            self.relevel(None);
            return false;
        };
        // A 项 below the levels shown: every level, so that it is there.
        if rows[row].depth.is_some_and(|d| d > self.depth) {
            self.depth = MAX_DEPTH;
        }
        self.relevel(Some(row));
        let len = self.visible.len();
        self.cursor_mut().follow(page, len);
        self.contributors = Some(Cursor::default());
        self.back_to_table = true;
        true
    }

    /// The codes of the scheme on screen.
    pub fn rows(&self) -> &SchemeAggregate {
        self.aggregate.scheme(self.scheme)
    }

    pub fn cursor(&self) -> &Cursor {
        match self.scheme {
            CodeScheme::Functional => &self.functional_cursor,
            CodeScheme::Economic => &self.economic_cursor,
        }
    }

    /// The code under the cursor.
    pub fn selected(&self) -> Option<&AggregateRow> {
        self.rows().rows.get(self.selected_row()?)
    }

    pub fn toggle_scheme(&mut self) {
        self.contributors = None;
        self.scheme = match self.scheme {
            CodeScheme::Functional => CodeScheme::Economic,
            CodeScheme::Economic => CodeScheme::Functional,
        };
        self.relevel(None);
    }

    /// `Enter`: the selected code's departments.
    pub fn open(&mut self) {
        if self.selected().is_some() {
            self.contributors = Some(Cursor::default());
            self.back_to_table = false;
        }
    }

    /// Back one level: from the departments to the codes (`false`), or out
    /// of the view (`true`); out at once when they were opened from a
    /// table row.
    pub fn back(&mut self) -> bool {
        let from_table = std::mem::take(&mut self.back_to_table);
        self.contributors.take().is_none() || from_table
    }

    /// Moves whichever list is on screen, keeping it in `page` rows.
    pub fn apply(&mut self, motion: Motion, page: usize) {
        let contributors = self.selected().map_or(0, |r| r.contributors.len());
        let codes = self.visible.len();
        let (cursor, len) = match (&mut self.contributors, self.scheme) {
            (Some(cursor), _) => (cursor, contributors),
            (None, CodeScheme::Functional) => (&mut self.functional_cursor, codes),
            (None, CodeScheme::Economic) => (&mut self.economic_cursor, codes),
        };
        cursor.apply(motion, len, page);
        cursor.follow(page, len);
    }

    /// The line index of the selected contributor, when that list is open.
    pub fn selected_contributor(&self) -> Option<usize> {
        let cursor = self.contributors.as_ref()?;
        let row = self.selected()?;
        row.contributors.get(cursor.selected).map(|&(line, _)| line)
    }
}

/// Several years are summed together: `跨年度：2023 2024` (a department
/// loaded in two years counts twice).
pub fn years_note(lang: Lang, aggregate: &Aggregate) -> Option<String> {
    (aggregate.years.len() > 1).then(|| {
        let years: Vec<String> = aggregate.years.iter().map(u16::to_string).collect();
        format!("{}{}", t(lang, Msg::AggregateYears), years.join(" "))
    })
}

/// Figures left out of every sum because they could not be converted to
/// 万元 exactly.
pub fn unconverted_note(lang: Lang, aggregate: &Aggregate) -> Option<String> {
    (aggregate.unconverted > 0).then(|| {
        format!(
            "{} {}",
            aggregate.unconverted,
            t(lang, Msg::AggregateUnconverted)
        )
    })
}

/// `功能分类` / `functional`.
pub fn scheme_label(lang: Lang, scheme: CodeScheme) -> &'static str {
    match scheme {
        CodeScheme::Functional => t(lang, Msg::Functional),
        CodeScheme::Economic => t(lang, Msg::Economic),
    }
}

/// `部门数 4`, then the notes: the caption of the aggregate's tables (their
/// title line names the unit).
pub fn caption(lang: Lang, aggregate: &Aggregate) -> String {
    let head = format!(
        "{} {}",
        t(lang, Msg::AggregateDocuments),
        aggregate.documents
    );
    std::iter::once(head)
        .chain(years_note(lang, aggregate))
        .chain(unconverted_note(lang, aggregate))
        .collect::<Vec<_>>()
        .join("  ")
}
