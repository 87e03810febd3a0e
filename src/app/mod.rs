//! Application state. Actions change it in [`App::update`]; the `ui` module
//! only reads it. Everything derived from the data is computed here once,
//! at load, never per keystroke or per frame.

pub mod compare;
pub mod drill;
pub mod projects;
pub mod summary;

use crossterm::event::KeyEvent;

use crate::action::Action;
use crate::i18n::{Lang, Msg};
use crate::keymap::{self, Context};
use crate::model::{CodeScheme, Disclosure};
use drill::{DrillState, DrillView};
use projects::{ProjectsState, Screen};
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
    /// First line of the help overlay on screen.
    pub help_scroll: usize,
    pub should_quit: bool,
    pub summary: SummaryView,
    pub summary_state: SummaryState,
    pub functional: DrillView,
    pub functional_state: DrillState,
    pub economic: DrillView,
    pub economic_state: DrillState,
    pub scheme: CodeScheme,
    pub projects: ProjectsState,
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
        let projects = ProjectsState::new(&doc);
        App {
            doc,
            lang,
            tab: Tab::Summary,
            help_open: false,
            help_scroll: 0,
            should_quit: false,
            summary,
            summary_state: SummaryState::default(),
            functional,
            functional_state,
            economic,
            economic_state,
            scheme: CodeScheme::Functional,
            projects,
            monochrome: false,
        }
    }

    /// Which key table applies now.
    pub fn context(&self) -> Context {
        if self.help_open {
            return Context::Help;
        }
        if self.tab == Tab::Projects && self.projects.filtering {
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
        match action {
            Action::Quit => self.should_quit = true,
            Action::ToggleHelp => {
                self.help_open = !self.help_open;
                self.help_scroll = 0;
            }
            Action::CloseOverlay => self.help_open = false,
            Action::Up if self.help_open => self.help_scroll = self.help_scroll.saturating_sub(1),
            Action::Down if self.help_open => self.help_scroll += 1,
            Action::NextTab => self.tab = self.tab.step(1),
            Action::PrevTab => self.tab = self.tab.step(-1),
            Action::GoTab(tab) => self.tab = tab,
            _ => match self.tab {
                Tab::Summary => self.update_summary(action),
                Tab::Drill => self.update_drill(action),
                Tab::Projects => self.update_projects(action),
                Tab::Checks => {}
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
