//! Application state. Actions change it in [`App::update`]; the `ui` module
//! only reads it. Everything derived from the data is computed here once,
//! at load, never per keystroke or per frame.

pub mod checks;
pub mod compare;
pub mod drill;
pub mod projects;
pub mod reader;
pub mod search;
pub mod summary;

use crossterm::event::KeyEvent;

use crate::action::Action;
use crate::i18n::{Lang, Msg};
use crate::keymap::{self, Context};
use crate::model::{CodeScheme, Disclosure, Place};
use checks::ChecksState;
use drill::{DrillState, DrillView};
use projects::{ProjectsState, Screen};
use search::SearchState;
use summary::{SummaryState, SummaryView};

/// The tabs, in the order of the tab bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Tab {
    Summary,
    Drill,
    Projects,
    Checks,
}

impl Tab {
    pub const ALL: [Tab; 4] = [Tab::Summary, Tab::Drill, Tab::Projects, Tab::Checks];

    pub fn title(self) -> Msg {
        match self {
            Tab::Summary => Msg::TabSummary,
            Tab::Drill => Msg::TabDrill,
            Tab::Projects => Msg::TabProjects,
            Tab::Checks => Msg::TabChecks,
        }
    }

    fn index(self) -> usize {
        Tab::ALL.iter().position(|&t| t == self).unwrap_or(0)
    }

    fn step(self, delta: isize) -> Tab {
        let n = Tab::ALL.len() as isize;
        Tab::ALL[((self.index() as isize + delta).rem_euclid(n)) as usize]
    }
}

/// The whole state of the running app.
pub struct App {
    pub doc: Disclosure,
    pub lang: Lang,
    pub tab: Tab,
    pub help_open: bool,
    /// First line of the help overlay on screen; the renderer clamps it to
    /// the content (it alone knows the height), hence a `Cell`.
    pub help_scroll: std::cell::Cell<usize>,
    pub should_quit: bool,
    pub summary: SummaryView,
    pub summary_state: SummaryState,
    pub functional: DrillView,
    pub functional_state: DrillState,
    pub economic: DrillView,
    pub economic_state: DrillState,
    pub scheme: CodeScheme,
    pub projects: ProjectsState,
    pub checks: ChecksState,
    pub search: SearchState,
    /// The reading overlay, when open.
    pub reader: Option<reader::Reader>,
    /// A one-line message for the status line, cleared by the next key.
    pub notice: Option<String>,
    /// NO_COLOR: draw with the monochrome theme.
    pub monochrome: bool,
}

impl App {
    pub fn new(doc: Disclosure, lang: Lang) -> App {
        let summary = SummaryView::build(&doc);
        let functional = DrillView::build(&doc, CodeScheme::Functional);
        let economic = DrillView::build(&doc, CodeScheme::Economic);
        let functional_state = DrillState::new(&functional);
        let economic_state = DrillState::new(&economic);
        let checks = ChecksState::new(&doc);
        let search = SearchState::new(&doc);
        let projects = ProjectsState::new(&doc, &checks.report);
        App {
            doc,
            lang,
            tab: Tab::Summary,
            help_open: false,
            help_scroll: Default::default(),
            should_quit: false,
            summary,
            summary_state: SummaryState::default(),
            functional,
            functional_state,
            economic,
            economic_state,
            scheme: CodeScheme::Functional,
            projects,
            checks,
            search,
            reader: None,
            notice: None,
            monochrome: false,
        }
    }

    /// Which key table applies now.
    pub fn context(&self) -> Context {
        if self.help_open {
            return Context::Help;
        }
        if self.reader.is_some() {
            return Context::Reader;
        }
        if self.search.open || (self.tab == Tab::Projects && self.projects.filtering) {
            return Context::Input;
        }
        match self.tab {
            Tab::Summary => Context::Summary,
            Tab::Drill => Context::Drill,
            Tab::Projects => Context::Projects,
            Tab::Checks => Context::Checks,
        }
    }

    /// Maps a key press to an action and applies it. Returns whether
    /// anything was bound to the key (so the caller knows to redraw).
    pub fn handle_key(&mut self, key: &KeyEvent) -> bool {
        match keymap::action_for(self.context(), key) {
            Some(action) => {
                self.update(action);
                true
            }
            None => false,
        }
    }

    /// The drill-down of the scheme on screen.
    pub fn drill(&self) -> (&DrillView, &DrillState) {
        match self.scheme {
            CodeScheme::Functional => (&self.functional, &self.functional_state),
            CodeScheme::Economic => (&self.economic, &self.economic_state),
        }
    }

    fn drill_mut(&mut self) -> (&DrillView, &mut DrillState) {
        match self.scheme {
            CodeScheme::Functional => (&self.functional, &mut self.functional_state),
            CodeScheme::Economic => (&self.economic, &mut self.economic_state),
        }
    }

    /// The code path of the drill-down selection: `201 › 20103 › 2010301`.
    pub fn code_path(&self) -> Vec<&str> {
        let (view, state) = self.drill();
        state
            .selected_node()
            .map(|n| {
                view.tree
                    .path(n)
                    .into_iter()
                    .map(|i| view.tree.nodes[i].code.as_str())
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Applies one action.
    pub fn update(&mut self, action: Action) {
        self.notice = None;
        if self.search.open {
            self.update_search(action);
            return;
        }
        if let Some(reader) = &self.reader {
            let scroll = reader.scroll.get();
            match action {
                Action::CloseOverlay => self.reader = None,
                Action::Up => reader.scroll.set(scroll.saturating_sub(1)),
                Action::Down => reader.scroll.set(scroll + 1),
                Action::PageUp => reader.scroll.set(scroll.saturating_sub(10)),
                Action::PageDown => reader.scroll.set(scroll + 10),
                Action::Quit => self.should_quit = true,
                _ => {}
            }
            return;
        }
        match action {
            Action::Quit => self.should_quit = true,
            Action::ToggleHelp => {
                self.help_open = !self.help_open;
                self.help_scroll.set(0);
            }
            Action::CloseOverlay => self.help_open = false,
            Action::Up if self.help_open => self
                .help_scroll
                .set(self.help_scroll.get().saturating_sub(1)),
            Action::Down if self.help_open => self.help_scroll.set(self.help_scroll.get() + 1),
            Action::NextTab => self.tab = self.tab.step(1),
            Action::PrevTab => self.tab = self.tab.step(-1),
            Action::GoTab(tab) => self.tab = tab,
            Action::OpenSearch => {
                if self.search.return_point.is_none() {
                    self.search.return_point = Some(self.return_point());
                }
                self.search.open();
            }
            Action::ReturnFromSearch => self.return_from_search(),
            Action::NextHit => self.step_hit(1),
            Action::PrevHit => self.step_hit(-1),
            _ => match self.tab {
                Tab::Summary => self.update_summary(action),
                Tab::Drill => self.update_drill(action),
                Tab::Projects => self.update_projects(action),
                Tab::Checks => self.update_checks(action),
            },
        }
    }

    fn update_summary(&mut self, action: Action) {
        let state = &mut self.summary_state;
        let scroll = state.scroll.get();
        let page = state.page.get().max(1);
        let next = match action {
            Action::Up => scroll.saturating_sub(1),
            Action::Down => scroll + 1,
            Action::PageUp => scroll.saturating_sub(page),
            Action::PageDown => scroll + page,
            Action::Top => 0,
            // The renderer clamps to the last screenful.
            Action::Bottom => usize::MAX / 2,
            Action::ToggleBlankRows => {
                state.show_blank_rows = !state.show_blank_rows;
                scroll
            }
            _ => scroll,
        };
        state.scroll.set(next);
    }

    fn update_projects(&mut self, action: Action) {
        let doc = &self.doc;
        let p = &mut self.projects;
        p.notice = None;
        if p.filtering {
            match action {
                Action::Input(c) => p.filter.push(c),
                Action::InputBackspace => {
                    p.filter.pop();
                }
                Action::InputConfirm => p.filtering = false,
                Action::InputCancel => {
                    p.filter.clear();
                    p.filtering = false;
                }
                _ => return,
            }
            p.relist(doc);
            return;
        }
        if action == Action::Back && self.search.return_point.is_some() {
            self.return_from_search();
            return;
        }
        let p = &mut self.projects;
        match (p.screen, action) {
            (_, Action::Back) => p.screen = Screen::List,
            (Screen::List, Action::Open) => {
                if let Some(card) = p.selected_card() {
                    p.card_cursor = Default::default();
                    p.screen = Screen::Card(card);
                }
            }
            (Screen::List, Action::ToggleMark) => p.toggle_mark(),
            (Screen::List, Action::CycleSort) => p.cycle_sort(doc),
            (Screen::List, Action::StartFilter) => p.filtering = true,
            (Screen::List | Screen::Card(_), Action::Compare) => p.compare(doc),
            (_, Action::CategoryView) => p.screen = Screen::Category,
            (_, Action::ToggleRaw) => p.show_raw = !p.show_raw,
            (Screen::Category, Action::PrevCategory) => p.step_category(doc, -1),
            (Screen::Category, Action::NextCategory) => p.step_category(doc, 1),
            (Screen::Category, Action::CycleSort) => {
                p.category_by_value = !p.category_by_value;
                p.recategorize(doc);
            }
            (Screen::Compare, Action::ColumnsLeft | Action::ColumnsRight) => {
                if let Some(cmp) = p.comparison.as_mut() {
                    let last = cmp.cards.len().saturating_sub(1);
                    cmp.first_card = if action == Action::ColumnsLeft {
                        cmp.first_card.saturating_sub(1)
                    } else {
                        (cmp.first_card + 1).min(last)
                    };
                }
            }
            (
                screen,
                Action::Up
                | Action::Down
                | Action::PageUp
                | Action::PageDown
                | Action::Top
                | Action::Bottom,
            ) => {
                let (cursor, len) = match screen {
                    Screen::List => (&mut p.cursor, p.list.len()),
                    Screen::Card(card) => (
                        &mut p.card_cursor,
                        doc.projects.get(card).map_or(0, |c| c.indicators.len()),
                    ),
                    Screen::Compare => match p.comparison.as_mut() {
                        Some(cmp) => (&mut cmp.cursor, cmp.rows.len()),
                        None => return,
                    },
                    Screen::Category => (&mut p.category_cursor, p.category_rows.len()),
                };
                match action {
                    Action::Up => cursor.move_by(-1, len),
                    Action::Down => cursor.move_by(1, len),
                    Action::PageUp => cursor.page_by(-1, len),
                    Action::PageDown => cursor.page_by(1, len),
                    Action::Top => cursor.selected = 0,
                    _ => cursor.selected = len.saturating_sub(1),
                }
            }
            _ => {}
        }
    }

    fn update_search(&mut self, action: Action) {
        let s = &mut self.search;
        match action {
            Action::Input(c) => {
                s.query.push(c);
                s.refresh();
            }
            Action::InputBackspace => {
                s.query.pop();
                s.refresh();
            }
            Action::Up => s.cursor.move_by(-1, s.hits.len()),
            Action::Down => s.cursor.move_by(1, s.hits.len()),
            Action::InputCancel => {
                s.open = false;
                if s.current.is_none() {
                    // Nothing was jumped to: there is nowhere to return from.
                    s.return_point = None;
                }
            }
            Action::InputConfirm => {
                s.open = false;
                if !s.hits.is_empty() {
                    let at = s.cursor.selected.min(s.hits.len() - 1);
                    s.current = Some(at);
                    self.jump_to_hit(at);
                }
            }
            Action::Quit => self.should_quit = true,
            _ => {}
        }
    }

    fn return_point(&self) -> search::ReturnPoint {
        search::ReturnPoint {
            tab: self.tab,
            scheme: self.scheme,
            functional: self.functional_state.clone(),
            economic: self.economic_state.clone(),
            projects_screen: self.projects.screen,
            card_indicator: self.projects.card_cursor.selected,
        }
    }

    /// Esc after jumping to hits: back to the view the search started from.
    fn return_from_search(&mut self) {
        let Some(point) = self.search.return_point.take() else {
            return;
        };
        self.search.current = None;
        self.tab = point.tab;
        self.scheme = point.scheme;
        self.functional_state = point.functional;
        self.economic_state = point.economic;
        self.projects.screen = point.projects_screen;
        self.projects.card_cursor.selected = point.card_indicator;
    }

    /// n / N: the next or previous hit of the last search, wrapping.
    fn step_hit(&mut self, delta: isize) {
        let n = self.search.hits.len();
        let Some(current) = self.search.current else {
            return;
        };
        if n == 0 {
            return;
        }
        let next = (current as isize + delta).rem_euclid(n as isize) as usize;
        self.search.current = Some(next);
        self.search.cursor.selected = next;
        self.jump_to_hit(next);
    }

    fn jump_to_hit(&mut self, at: usize) {
        let Some(hit) = self.search.hits.get(at) else {
            return;
        };
        let place = self.search.index.item(hit).place;
        self.jump_to(place);
    }

    fn update_checks(&mut self, action: Action) {
        let c = &mut self.checks;
        if action == Action::ToggleLedger {
            c.show_ledger = !c.show_ledger;
            return;
        }
        if c.show_ledger {
            let len = c.report.ledger.len();
            let cursor = &mut c.ledger_cursor;
            match action {
                Action::Up => cursor.move_by(-1, len),
                Action::Down => cursor.move_by(1, len),
                Action::PageUp => cursor.page_by(-1, len),
                Action::PageDown => cursor.page_by(1, len),
                Action::Top => cursor.selected = 0,
                Action::Bottom => cursor.selected = len.saturating_sub(1),
                _ => {}
            }
            return;
        }
        match action {
            Action::Up => c.move_by(-1),
            Action::Down => c.move_by(1),
            Action::PageUp => c.move_by(-(c.cursor.page.get().max(1) as isize)),
            Action::PageDown => c.move_by(c.cursor.page.get().max(1) as isize),
            Action::Top => c.top(),
            Action::Bottom => c.bottom(),
            Action::Jump => {
                let place = c
                    .selected_finding()
                    .and_then(|i| c.report.findings.get(i))
                    .and_then(|f| f.places.first().copied());
                if let Some(place) = place {
                    self.jump_to(place);
                }
            }
            _ => {}
        }
    }

    /// Shows `place` in the tab that can show it: a coded table row in the
    /// drill-down (expanded to it), a card or indicator in Projects, other
    /// table rows on the Summary. Places the app has no view of (narrative,
    /// assets) are named in a notice instead.
    pub fn jump_to(&mut self, place: Place) {
        match place {
            // A cell is shown at its row.
            Place::TableRow { table, side, row }
            | Place::TableCell {
                table, side, row, ..
            } => {
                let Some(tbl) = self.doc.tables.get(table) else {
                    return;
                };
                let code = tbl
                    .sides
                    .get(side)
                    .and_then(|s| s.rows.get(row))
                    .and_then(|r| r.code.clone());
                match (tbl.kind.scheme(), code) {
                    (Some(scheme), Some(code)) => self.reveal_code(scheme, code.as_str()),
                    (Some(scheme), None) => {
                        self.scheme = scheme;
                        self.tab = Tab::Drill;
                    }
                    (None, _) => self.tab = Tab::Summary,
                }
            }
            Place::Table { table } => {
                match self.doc.tables.get(table).and_then(|t| t.kind.scheme()) {
                    Some(scheme) => {
                        self.scheme = scheme;
                        self.tab = Tab::Drill;
                    }
                    None => self.tab = Tab::Summary,
                }
            }
            Place::Project { card } => self.open_card(card, None),
            Place::Indicator { card, indicator } => self.open_card(card, Some(indicator)),
            // Narrative, glossary, assets, procurement: read them in the
            // overlay. The document as a whole: say so.
            other => match reader::Reader::open(&self.doc, other) {
                Some(reader) => self.reader = Some(reader),
                None => {
                    let text = other.describe(&self.doc);
                    let prefix = crate::i18n::t(self.lang, crate::i18n::Msg::InNarrative);
                    self.notice = Some(format!("{prefix}：{text}"));
                }
            },
        }
    }

    /// The drill-down of `scheme`, expanded to `code` and selecting it.
    pub fn reveal_code(&mut self, scheme: CodeScheme, code: &str) {
        self.scheme = scheme;
        self.tab = Tab::Drill;
        let (view, state) = self.drill_mut();
        if let Some(node) = view.tree.find(code) {
            state.reveal(view, node);
        }
    }

    /// Projects tab on card `card`, the cursor on `indicator`.
    pub fn open_card(&mut self, card: usize, indicator: Option<usize>) {
        if card >= self.doc.projects.len() {
            return;
        }
        self.tab = Tab::Projects;
        let p = &mut self.projects;
        p.filtering = false;
        p.screen = Screen::Card(card);
        p.card_cursor = Default::default();
        p.card_cursor.selected = indicator.unwrap_or(0);
    }

    fn update_drill(&mut self, action: Action) {
        if action == Action::ToggleScheme {
            self.scheme = match self.scheme {
                CodeScheme::Functional => CodeScheme::Economic,
                CodeScheme::Economic => CodeScheme::Functional,
            };
            return;
        }
        let (view, state) = self.drill_mut();
        match action {
            Action::Up => state.move_by(-1),
            Action::Down => state.move_by(1),
            Action::PageUp => state.page_by(-1),
            Action::PageDown => state.page_by(1),
            Action::Top => state.top(),
            Action::Bottom => state.bottom(),
            Action::DrillIn => state.drill_in(view),
            Action::DrillOut => state.drill_out(view),
            Action::ToggleNode => state.toggle(view),
            Action::DepthLess => {
                let depth = state.depth.saturating_sub(1);
                state.set_depth(view, depth);
            }
            Action::DepthMore => {
                let depth = state.depth + 1;
                state.set_depth(view, depth);
            }
            Action::ExpandAll => state.expand_all(view),
            Action::ColumnsLeft => state.scroll_columns(view, -1),
            Action::ColumnsRight => state.scroll_columns(view, 1),
            _ => {}
        }
    }
}
