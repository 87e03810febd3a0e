//! The Years tab's state: which comparison is open and the cursor over its
//! lines (the figures are [`crate::analysis::years`]).

use std::sync::Arc;

use crate::analysis::years::{same_department, YearComparison};
use crate::model::{format_amount, Disclosure};

use super::departments::Library;

use super::projects::Cursor;

pub struct YearsState {
    pub view: Arc<YearComparison>,
    /// Over the code rows, then the cards.
    pub cursor: Cursor,
    /// Display width of the widest figure or change, measured once here.
    pub amount_width: usize,
}

impl YearsState {
    /// The comparison of `doc` (line `index` of the library) with the same
    /// department's nearest other loaded year (the year before when there
    /// are both), or `None` when no other year is loaded. Candidates are
    /// found by the lines' names; the one read is confirmed by
    /// [`same_department`] (the department code where both print one).
    pub fn for_document(library: &Library, index: usize, doc: &Disclosure) -> Option<YearsState> {
        let year = i32::from(doc.department.budget_year);
        let name = doc.department.name.trim();
        let nearest = library
            .lines
            .iter()
            .enumerate()
            .filter(|&(i, l)| i != index && l.name.trim() == name && i32::from(l.year) != year)
            .min_by_key(|(_, l)| {
                let y = i32::from(l.year);
                // Nearest first; of two as near, the earlier.
                ((y - year).abs(), y > year)
            })
            .map(|(i, _)| i)?;
        let other = library.doc(nearest).ok()?;
        if !same_department(doc, &other) {
            return None;
        }
        let other = &other;
        let view = YearComparison::build(doc, other);
        let amount_width = widest_figure(&view);
        Some(YearsState {
            view: Arc::new(view),
            cursor: Cursor::default(),
            amount_width,
        })
    }
}

/// The widest figure the tab prints (a year's figure or a signed change),
/// so no figure is ever cut.
fn widest_figure(view: &YearComparison) -> usize {
    let figures = view
        .rows
        .iter()
        .map(|r| (r.before, r.after))
        .chain(view.cards.iter().map(|c| (c.before, c.after)));
    figures
        .flat_map(|(b, a)| {
            let delta = b.zip(a).and_then(|(b, a)| a.checked_sub(b));
            [
                b.map(format_amount),
                a.map(format_amount),
                delta.map(crate::ui::text::signed_amount),
            ]
        })
        .flatten()
        .map(|s| s.chars().count())
        .max()
        .unwrap_or(0)
        .max(4)
}
