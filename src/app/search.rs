//! The `/` search overlay: the index is built once at load; a keystroke
//! re-queries into a buffer kept between keystrokes.

use crate::search::{Hit, SearchIndex};

use super::projects::Cursor;

/// How many hits the overlay keeps (the screen shows what fits).
pub const HIT_LIMIT: usize = 60;

pub struct SearchState {
    pub query: String,
    /// The hits of `query`, reused between keystrokes.
    pub hits: Vec<Hit>,
    pub cursor: Cursor,
    /// The hit last jumped to, for n / N after the overlay closed.
    pub current: Option<usize>,
    /// Queries confirmed before, oldest first, recalled with ↑ / ↓.
    pub history: Vec<String>,
    /// Position in `history` while recalling.
    pub recall: Option<usize>,
}

impl Default for SearchState {
    fn default() -> SearchState {
        SearchState::new()
    }
}

impl SearchState {
    pub fn new() -> SearchState {
        SearchState {
            query: String::new(),
            hits: Vec::with_capacity(HIT_LIMIT),
            cursor: Cursor::default(),
            current: None,
            history: Vec::new(),
            recall: None,
        }
    }

    /// Re-runs the query after the text changed; the cursor goes to the top.
    pub fn refresh(&mut self, index: &SearchIndex) {
        index.query_into(&self.query, HIT_LIMIT, &mut self.hits);
        self.cursor.selected = 0;
        self.cursor.offset = 0;
    }

    /// Opens the overlay empty; the previous queries are a ↑ away.
    pub fn open(&mut self) {
        self.query.clear();
        self.hits.clear();
        self.recall = None;
        self.cursor.selected = 0;
    }

    /// ↑ / ↓ in the box while it is empty or recalling: the previous (or
    /// next) confirmed query. Returns whether a query was recalled.
    pub fn recall_step(&mut self, delta: isize, index: &SearchIndex) -> bool {
        if self.history.is_empty() || (self.recall.is_none() && !self.query.is_empty()) {
            return false;
        }
        let last = self.history.len() as isize - 1;
        let at = match self.recall {
            None if delta < 0 => last,
            None => return false,
            Some(i) => (i as isize + delta).clamp(0, last),
        };
        self.recall = Some(at as usize);
        self.query = self.history[at as usize].clone();
        self.refresh(index);
        true
    }

    /// Remembers a confirmed query (once, most recent last).
    pub fn remember(&mut self) {
        if self.query.is_empty() {
            return;
        }
        self.history.retain(|q| q != &self.query);
        self.history.push(self.query.clone());
    }

    /// Ctrl-W: deletes the word before the end (back to a space, or the
    /// last run of CJK / other characters).
    pub fn delete_word(&mut self, index: &SearchIndex) {
        let trimmed = self.query.trim_end().len();
        self.query.truncate(trimmed);
        let cut = self
            .query
            .char_indices()
            .rev()
            .find(|(_, c)| c.is_whitespace())
            .map_or(0, |(i, c)| i + c.len_utf8());
        self.query.truncate(cut);
        self.recall = None;
        self.refresh(index);
    }
}
