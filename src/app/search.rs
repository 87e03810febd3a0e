//! The `/` search overlay: the index is built once at load; a keystroke
//! re-queries into a buffer kept between keystrokes.

use crate::model::Disclosure;
use crate::search::{Hit, SearchIndex};

use super::projects::Cursor;

/// How many hits the overlay keeps (the screen shows what fits).
pub const HIT_LIMIT: usize = 60;

pub struct SearchState {
    pub index: SearchIndex,
    pub open: bool,
    pub query: String,
    /// The hits of `query`, reused between keystrokes.
    pub hits: Vec<Hit>,
    pub cursor: Cursor,
    /// The hit last jumped to, for n / N after the overlay closed.
    pub current: Option<usize>,
    /// Where the user was when the search opened, until they return there
    /// (Esc) or move on.
    pub return_point: Option<ReturnPoint>,
}

/// Enough of the app's state to go back to a view.
#[derive(Debug, Clone)]
pub struct ReturnPoint {
    pub tab: super::Tab,
    pub scheme: crate::model::CodeScheme,
    pub functional: super::drill::DrillState,
    pub economic: super::drill::DrillState,
    pub projects_screen: super::projects::Screen,
    pub card_indicator: usize,
}

impl SearchState {
    pub fn new(doc: &Disclosure) -> SearchState {
        SearchState {
            index: SearchIndex::build(std::slice::from_ref(doc)),
            open: false,
            query: String::new(),
            hits: Vec::with_capacity(HIT_LIMIT),
            cursor: Cursor::default(),
            current: None,
            return_point: None,
        }
    }

    /// Re-runs the query after the text changed; the cursor goes to the top.
    pub fn refresh(&mut self) {
        self.index
            .query_into(&self.query, HIT_LIMIT, &mut self.hits);
        self.cursor.selected = 0;
        self.cursor.offset.set(0);
    }

    /// Opens the overlay on the previous query and its hits.
    pub fn open(&mut self) {
        self.open = true;
    }
}
