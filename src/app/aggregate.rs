//! All departments, as the Drill-down and Tables tabs show it: the
//! aggregate by classification code (one scheme at a time), a code's
//! contributing departments, and the aggregate's tables. Only cursors
//! here; the sums and tables are built before it opens.

use std::sync::Arc;

use crate::action::Motion;
use crate::analysis::aggregate::Aggregate;
use crate::analysis::aggregate::{AggregateRow, SchemeAggregate};
use crate::analysis::library::DepartmentLine;
use crate::analysis::Tables;
use crate::model::CodeScheme;

use super::projects::Cursor;
use super::tables::TablesState;

#[derive(Debug, Clone)]
pub struct AggregateView {
    pub aggregate: Arc<Aggregate>,
    pub scheme: CodeScheme,
    pub functional_cursor: Cursor,
    pub economic_cursor: Cursor,
    /// The selected code's departments, when open (`Enter`).
    pub contributors: Option<Cursor>,
    /// The aggregate as the Tables tab shows it (built when that tab first
    /// shows it: a column per department is the one part that grows with
    /// codes × departments), and that tab's cursor.
    pub tables: Option<Arc<Tables>>,
    pub tables_state: TablesState,
    /// The lines summed, in the Departments view's order when it opened.
    pub selection: Vec<usize>,
}

impl AggregateView {
    pub fn new(aggregate: Arc<Aggregate>, selection: Vec<usize>) -> AggregateView {
        AggregateView {
            aggregate,
            scheme: CodeScheme::Functional,
            functional_cursor: Cursor::default(),
            economic_cursor: Cursor::default(),
            contributors: None,
            tables: None,
            tables_state: TablesState::default(),
            selection,
        }
    }

    /// Builds the tables of the aggregate over `lines`, once.
    pub fn build_tables(&mut self, lines: &[DepartmentLine]) {
        if self.tables.is_some() {
            return;
        }
        let tables = Tables::of_aggregate(&self.aggregate, lines, &self.selection);
        self.tables_state.select_table(&tables, 0);
        self.tables = Some(Arc::new(tables));
    }

    /// Shows `code` of `scheme` with its departments listed (`Enter` on a
    /// row of the aggregate's tables); `false` when no document prints it.
    pub fn reveal(&mut self, scheme: CodeScheme, code: &str, page: usize) -> bool {
        self.scheme = scheme;
        let rows = &self.aggregate.scheme(scheme).rows;
        let Some(at) = rows.iter().position(|r| r.code == code) else {
            return false;
        };
        let len = rows.len();
        let cursor = match scheme {
            CodeScheme::Functional => &mut self.functional_cursor,
            CodeScheme::Economic => &mut self.economic_cursor,
        };
        cursor.selected = at;
        cursor.follow(page, len);
        self.contributors = Some(Cursor::default());
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
        self.rows().rows.get(self.cursor().selected)
    }

    pub fn toggle_scheme(&mut self) {
        self.contributors = None;
        self.scheme = match self.scheme {
            CodeScheme::Functional => CodeScheme::Economic,
            CodeScheme::Economic => CodeScheme::Functional,
        };
    }

    /// `Enter`: the selected code's departments.
    pub fn open(&mut self) {
        if self.selected().is_some() {
            self.contributors = Some(Cursor::default());
        }
    }

    /// Back one level: from the departments to the codes (`false`), or out
    /// of the view (`true`).
    pub fn back(&mut self) -> bool {
        self.contributors.take().is_none()
    }

    /// Moves whichever list is on screen, keeping it in `page` rows.
    pub fn apply(&mut self, motion: Motion, page: usize) {
        let contributors = self.selected().map_or(0, |r| r.contributors.len());
        let codes = self.rows().rows.len();
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
