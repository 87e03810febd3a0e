//! What is derived from a disclosure, computed once when it loads: pure
//! functions of the model, no UI state. The app keeps only cursors and
//! marks on top of an [`Analysis`].

pub mod aggregate;
pub mod drill;
pub mod grid;
pub mod library;
pub mod summary;
pub mod years;

pub use grid::{GridColumn, GridRow, Origin, PublishedTable, Source, Tables};

use crate::check::Report;
use crate::model::{CodeScheme, Disclosure};
use crate::search::SearchIndex;
use drill::DrillView;
use summary::SummaryView;

/// One disclosure and everything the screens show of it, each part a pure
/// function of the model computed once here: nothing proportional to the
/// document is recomputed per keystroke or frame.
pub struct Analysis {
    pub doc: Disclosure,
    pub summary: SummaryView,
    pub functional: DrillView,
    pub economic: DrillView,
    /// Every table as published.
    pub tables: Tables,
    /// The checks' findings and ledger.
    pub report: Report,
    /// Findings by severity: errors, warnings, notes (the tab bar, the
    /// Summary and the Checks header show them).
    pub by_severity: [usize; 3],
    /// The search index over the document's facts.
    pub index: SearchIndex,
}

impl Analysis {
    pub fn build(doc: Disclosure) -> Analysis {
        let report = crate::check::run(&doc);
        let mut by_severity = [0; 3];
        for f in &report.findings {
            by_severity[f.severity as usize] += 1;
        }
        Analysis {
            summary: SummaryView::build(&doc),
            functional: DrillView::build(&doc, CodeScheme::Functional),
            economic: DrillView::build(&doc, CodeScheme::Economic),
            tables: Tables::build(&doc),
            report,
            by_severity,
            index: SearchIndex::build(std::slice::from_ref(&doc)),
            doc,
        }
    }

    /// The drill-down of one scheme.
    pub fn drill(&self, scheme: CodeScheme) -> &DrillView {
        match scheme {
            CodeScheme::Functional => &self.functional,
            CodeScheme::Economic => &self.economic,
        }
    }
}
