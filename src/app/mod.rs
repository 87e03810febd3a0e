//! Application state: UI state only (tab, cursors, screen stack, marks,
//! filters). Actions change it in [`App::update`]; the `ui` module only
//! reads it. What is derived from the data is the [`Analysis`], computed
//! once at load, never per keystroke or per frame.

pub mod aggregate;
pub mod checks;
pub mod compare;
pub mod copy;
pub mod departments;
pub mod drill;
pub mod projects;
pub mod reader;
pub mod search;
pub mod summary;
pub mod tables;
pub mod years;

use ratatui::crossterm::event::KeyEvent;

use crate::action::{Action, Motion};
use std::sync::Arc;

use crate::analysis::drill::DrillView;
use crate::analysis::Analysis;
use crate::i18n::{t, Lang, Msg};
use crate::keymap::{self, Context};
use crate::model::{CodeScheme, Disclosure, Place};
use checks::ChecksState;
use drill::DrillState;
use projects::{ProjectsState, Screen};
use search::SearchState;
use summary::SummaryState;
use tables::TablesState;

/// The tabs, in the order of the tab bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Tab {
    Summary,
    Drill,
    Projects,
    Checks,
    /// Every table as published.
    Tables,
    /// The loaded documents, when there are several (key `0`).
    Departments,
    /// The open department beside its other loaded year (key `6`).
    Years,
}

impl Tab {
    pub const ALL: [Tab; 5] = [
        Tab::Summary,
        Tab::Drill,
        Tab::Projects,
        Tab::Checks,
        Tab::Tables,
    ];

    pub fn title(self) -> Msg {
        match self {
            Tab::Summary => Msg::TabSummary,
            Tab::Drill => Msg::TabDrill,
            Tab::Projects => Msg::TabProjects,
            Tab::Checks => Msg::TabChecks,
            Tab::Tables => Msg::TabTables,
            Tab::Departments => Msg::TabDepartments,
            Tab::Years => Msg::TabYears,
        }
    }

    /// The key that selects the tab (`0` for Departments, then `1`–`5`,
    /// `6` for Years).
    pub fn number(self) -> usize {
        if self == Tab::Years {
            return Tab::ALL.len() + 1;
        }
        Tab::ALL
            .iter()
            .position(|&t| t == self)
            .map_or(0, |i| i + 1)
    }
}

/// Where the user is: the tab and every cursor and scroll that says what
/// is on screen. The screen stack holds these, so `Esc` returns to exactly
/// the screen the user came from.
#[derive(Debug, Clone)]
pub struct Nav {
    tab: Tab,
    scheme: CodeScheme,
    functional: DrillState,
    economic: DrillState,
    summary_scroll: usize,
    projects_screen: Screen,
    projects_cursor: projects::Cursor,
    card_cursor: projects::Cursor,
    category: usize,
    category_cursor: projects::Cursor,
    checks_cursor: projects::Cursor,
    show_ledger: bool,
    tables: TablesState,
    all_departments: bool,
}

/// What the Tables tab shows of All departments before its tables exist.
static NO_TABLES: std::sync::LazyLock<crate::analysis::Tables> =
    std::sync::LazyLock::new(crate::analysis::Tables::default);

/// How many screens `Esc` can go back through.
const STACK_LIMIT: usize = 64;

/// What an action asks of the world outside the app, carried out by the
/// terminal loop between frames.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    Quit,
    /// Put this text in the clipboard (OSC 52).
    Copy(String),
    /// Open loaded department `index` in the other tabs: the terminal loop
    /// reads its model (from the cache, else its file) through
    /// [`App::open_department`], so `update` itself reads nothing.
    OpenDepartment(usize),
    /// Write this CSV of the view on screen as `file_name` in the export
    /// directory (`x`); the terminal loop says where it went.
    Export {
        file_name: String,
        contents: String,
    },
}

/// What covers the tab, one at a time; keys go to it first and `Esc`
/// closes it.
#[derive(Debug, Clone)]
pub enum Overlay {
    /// The key help, `scroll` rows down its column flow (kept within the
    /// content for the current viewport by `update`).
    Help { scroll: usize },
    /// The source text around a place.
    Reader(reader::Reader),
    /// The `/` search box and its hits (the query and history live in
    /// [`SearchState`] and outlast the overlay).
    Search,
}

/// A text box that has the keyboard: typed keys edit it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Search,
    ProjectsFilter,
    DepartmentsFilter,
}

/// The whole state of the running app.
pub struct App {
    /// The document on screen and everything derived from it, computed
    /// once when it loaded.
    pub analysis: Arc<Analysis>,
    pub lang: Lang,
    /// The key table in force: dispatch and help both read it.
    pub keymap: keymap::Keymap,
    pub tab: Tab,
    /// The overlay over the tab, if any.
    pub overlay: Option<Overlay>,
    pub summary_state: SummaryState,
    pub functional_state: DrillState,
    pub economic_state: DrillState,
    pub scheme: CodeScheme,
    pub projects: ProjectsState,
    pub checks: ChecksState,
    pub tables_state: TablesState,
    /// The terminal's size as last reported (columns, rows): `update` keeps
    /// scroll offsets for it, so drawing never has to write state.
    pub viewport: (u16, u16),
    pub search: SearchState,
    /// Screens to go back to, most recent last.
    pub back: Vec<Nav>,
    /// Every loaded document, when there are several.
    pub library: Option<departments::Library>,
    /// The open department beside its other loaded year, when there is one.
    pub years: Option<years::YearsState>,
    /// The Drill-down and Tables tabs show All departments (the library's
    /// aggregate of the Departments selection) rather than the open
    /// department (`a`).
    pub all_departments: bool,
    /// A one-line message for the status line, cleared by the next key.
    pub notice: Option<String>,
    /// Effects an action asked for, handed to the terminal loop by
    /// [`App::update`].
    effects: Vec<Effect>,
    /// NO_COLOR: draw with the monochrome theme.
    pub monochrome: bool,
}

impl App {
    pub fn new(doc: Disclosure, lang: Lang) -> App {
        App::on(Arc::new(Analysis::build(doc)), lang)
    }

    /// The app on an analysis already computed: only UI state is made here.
    pub fn on(analysis: Arc<Analysis>, lang: Lang) -> App {
        let functional_state = DrillState::new(&analysis.functional);
        let economic_state = DrillState::new(&analysis.economic);
        let checks = ChecksState::new(&analysis.report);
        let projects = ProjectsState::new(&analysis.doc, &analysis.report);
        let mut tables_state = TablesState::default();
        tables_state.select_table(&analysis.tables, 0);
        App {
            analysis,
            lang,
            keymap: keymap::Keymap::default(),
            tab: Tab::Summary,
            overlay: None,
            summary_state: SummaryState::default(),
            functional_state,
            economic_state,
            scheme: CodeScheme::Functional,
            projects,
            checks,
            tables_state,
            viewport: (80, 24),
            search: SearchState::new(),
            back: Vec::new(),
            library: None,
            years: None,
            all_departments: false,
            notice: None,
            effects: Vec::new(),
            monochrome: false,
        }
    }

    /// The app on several documents: the Departments tab lists them (each
    /// line computed once here) and the other tabs show the first; one
    /// document opens as [`App::new`].
    pub fn with_documents(mut docs: Vec<(String, Disclosure)>, lang: Lang) -> Option<App> {
        if docs.len() <= 1 {
            return docs.pop().map(|(_, doc)| App::new(doc, lang));
        }
        App::with_library(departments::Library::new(docs), lang)
    }

    /// The app on documents loaded as lines ([`crate::load::load_lines`]:
    /// from the cache, without their models): one opens as [`App::new`],
    /// several on the Departments tab, each model read when it is opened.
    /// Files that could not be read keep the Departments tab (its Problems
    /// view lists them) even beside one document.
    pub fn with_lines(lines: crate::load::Lines, lang: Lang) -> Option<App> {
        let problems: Vec<departments::Problem> = lines
            .problems
            .iter()
            .map(|(path, error)| departments::Problem {
                file: path.display().to_string(),
                message: error.render(lang),
            })
            .collect();
        let mut library = departments::Library::of_lines(lines.lines, lines.sources);
        if library.lines.len() <= 1 && problems.is_empty() {
            return library.doc(0).ok().map(|doc| App::new(doc, lang));
        }
        library.problems = problems;
        App::with_library(library, lang)
    }

    fn with_library(library: departments::Library, lang: Lang) -> Option<App> {
        let mut app = App::new(library.doc(0).ok()?, lang);
        app.years = years::YearsState::for_document(&library, 0, &app.analysis.doc);
        app.library = Some(library);
        app.tab = Tab::Departments;
        Some(app)
    }

    /// The tabs on offer, in the order of the tab bar.
    pub fn tabs(&self) -> Vec<Tab> {
        let lead = self.library.as_ref().map(|_| Tab::Departments);
        let years = self.years.as_ref().map(|_| Tab::Years);
        lead.into_iter().chain(Tab::ALL).chain(years).collect()
    }

    fn step_tab(&self, delta: isize) -> Tab {
        let tabs = self.tabs();
        let at = tabs.iter().position(|&t| t == self.tab).unwrap_or(0) as isize;
        tabs[(at + delta).rem_euclid(tabs.len() as isize) as usize]
    }

    /// Opens loaded document `index` in the other tabs: its own cursors and
    /// screen stack (a stack never spans documents), the Summary first.
    /// Carries out the [`Effect::OpenDepartment`]s among `effects`, as the
    /// terminal loop does (for runs without a terminal: tests, benches,
    /// screenshots).
    pub fn carry_out_opens(&mut self, effects: &[Effect]) {
        for effect in effects {
            if let Effect::OpenDepartment(index) = effect {
                self.open_department(*index);
            }
        }
    }

    pub fn open_department(&mut self, index: usize) {
        let Some(mut library) = self.library.take() else {
            return;
        };
        // The model is read again (from the cache) when it is opened: a
        // file deleted since the lines loaded is named in a notice.
        let doc = match library.doc(index) {
            Ok(doc) => doc,
            Err(e) => {
                self.library = Some(library);
                self.notice = Some(e);
                return;
            }
        };
        library.open = index;
        // The department opens on its own tabs: All departments' tables
        // (codes × departments) are built again if it is shown again.
        if let Some(view) = library.aggregate.as_mut() {
            view.drop_tables();
        }
        let mut next = App::new(doc, self.lang);
        next.monochrome = self.monochrome;
        next.keymap = self.keymap.clone();
        next.resize(self.viewport.0, self.viewport.1);
        next.years = years::YearsState::for_document(&library, index, &next.analysis.doc);
        next.library = Some(library);
        next.tab = Tab::Summary;
        *self = next;
    }

    fn update_departments(&mut self, action: Action) {
        let page = self.page_rows();
        let Some(lib) = self.library.as_mut() else {
            return;
        };
        if lib.show_problems {
            match action {
                Action::ToggleProblems => lib.show_problems = false,
                _ => {
                    // Two rows a problem: the file, its error.
                    if let Some(motion) = action.motion() {
                        let (len, page) = (lib.problems.len(), (page / 2).max(1));
                        lib.problems_cursor.apply(motion, len, page);
                        lib.problems_cursor.follow(page, len);
                    }
                }
            }
            return;
        }
        if lib.filtering {
            match action {
                Action::Input(c) => lib.filter.push(c),
                Action::InputBackspace => {
                    lib.filter.pop();
                }
                Action::InputClear => lib.filter.clear(),
                Action::InputConfirm => lib.filtering = false,
                Action::InputCancel => {
                    lib.filter.clear();
                    lib.filtering = false;
                }
                _ => return,
            }
            lib.relist();
            return;
        }
        let len = lib.shown.len();
        match action {
            _ if action.motion().is_some() => {
                if let Some(motion) = action.motion() {
                    lib.cursor.apply(motion, len, page);
                }
            }
            Action::Aggregate => {
                self.show_all_departments(true);
                self.tab = Tab::Drill;
                return;
            }
            Action::CycleSort => lib.cycle_sort(),
            Action::ColumnsLeft => lib.scroll_left(self.lang, self.viewport.0 as usize),
            Action::ColumnsRight => lib.scroll_right(self.lang, self.viewport.0 as usize),
            Action::ToggleProblems => lib.show_problems = !lib.problems.is_empty(),
            Action::StartFilter => lib.filtering = true,
            Action::Open => {
                if let Some(i) = lib.selected() {
                    self.effects.push(Effect::OpenDepartment(i));
                }
                return;
            }
            _ => {}
        }
        lib.cursor.follow(page, len);
    }

    /// All departments as the Drill-down and Tables tabs show it, when
    /// they do.
    pub fn aggregate(&self) -> Option<&aggregate::AggregateView> {
        if !self.all_departments {
            return None;
        }
        self.library.as_ref()?.aggregate.as_ref()
    }

    /// Turns the All departments scope of the Drill-down and Tables tabs
    /// on or off, remembering the screen so that `Esc` comes back to it.
    /// The aggregate is built for the Departments selection when there is
    /// none for it yet. With one document loaded there is nothing to sum.
    fn show_all_departments(&mut self, on: bool) {
        let Some(lib) = self.library.as_mut() else {
            self.notice = Some(t(self.lang, Msg::OneDocumentOnly).to_string());
            return;
        };
        if on && lib.aggregate.is_none() {
            lib.open_aggregate();
        }
        if !on {
            if let Some(view) = lib.aggregate.as_mut() {
                view.drop_tables();
            }
        }
        self.remember_screen();
        self.all_departments = on;
    }

    /// All departments on screen needs the aggregate of the current
    /// selection: built again here after the selection changed, once.
    fn keep_aggregate(&mut self) {
        if !self.all_departments || !matches!(self.tab, Tab::Drill | Tab::Tables) {
            return;
        }
        if let Some(lib) = self.library.as_mut() {
            if lib.aggregate.is_none() {
                lib.open_aggregate();
            }
            if self.tab == Tab::Tables {
                lib.build_aggregate_tables(self.lang);
            }
        }
    }

    /// Keys in the All departments view of the Drill-down tab.
    fn update_aggregate(&mut self, action: Action) {
        let page = self.page_rows();
        let Some(view) = self.library.as_mut().and_then(|l| l.aggregate.as_mut()) else {
            return;
        };
        match action {
            Action::ToggleScheme => view.toggle_scheme(),
            Action::Open if view.contributors.is_some() => {
                if let Some(line) = view.selected_contributor() {
                    self.effects.push(Effect::OpenDepartment(line));
                }
            }
            Action::Open => view.open(),
            Action::DepthLess => view.set_depth(view.depth.saturating_sub(1)),
            Action::DepthMore => view.set_depth(view.depth + 1),
            Action::ExpandAll => view.set_depth(aggregate::MAX_DEPTH),
            Action::Back | Action::GoBack => {
                // From a code's departments to the codes; from the codes
                // back to where All departments was opened.
                if view.back() {
                    self.go_back();
                }
            }
            Action::Aggregate => self.show_all_departments(false),
            _ => {
                if let Some(motion) = action.motion() {
                    view.apply(motion, page);
                }
            }
        }
    }

    /// Which key table applies now.
    pub fn context(&self) -> Context {
        match self.overlay {
            Some(Overlay::Help { .. }) => return Context::Help,
            Some(Overlay::Reader(_)) => return Context::Reader,
            Some(Overlay::Search) => return Context::Input,
            None => {}
        }
        if self.input_focus().is_some() {
            return Context::Input;
        }
        match self.tab {
            Tab::Summary => Context::Summary,
            Tab::Drill if self.aggregate().is_some() => Context::Aggregate,
            Tab::Drill => Context::Drill,
            Tab::Projects => Context::Projects,
            Tab::Checks => Context::Checks,
            Tab::Tables => Context::Tables,
            Tab::Departments if self.library.as_ref().is_some_and(|l| l.show_problems) => {
                Context::Problems
            }
            Tab::Departments => Context::Departments,
            Tab::Years => Context::Years,
        }
    }

    /// Which text box has the keyboard, if any: the search box, or a tab's
    /// filter while it is being typed.
    pub fn input_focus(&self) -> Option<Focus> {
        if matches!(self.overlay, Some(Overlay::Search)) {
            return Some(Focus::Search);
        }
        let filtering_departments = self.library.as_ref().is_some_and(|l| l.filtering);
        match self.tab {
            Tab::Projects if self.projects.filtering => Some(Focus::ProjectsFilter),
            Tab::Departments if filtering_departments => Some(Focus::DepartmentsFilter),
            _ => None,
        }
    }

    /// Whether the key help is open.
    pub fn help_open(&self) -> bool {
        matches!(self.overlay, Some(Overlay::Help { .. }))
    }

    /// The reading overlay, when open.
    pub fn reader(&self) -> Option<&reader::Reader> {
        match &self.overlay {
            Some(Overlay::Reader(r)) => Some(r),
            _ => None,
        }
    }

    /// Whether the search box is open.
    pub fn search_open(&self) -> bool {
        matches!(self.overlay, Some(Overlay::Search))
    }

    /// The terminal was resized (or first measured).
    pub fn resize(&mut self, cols: u16, rows: u16) {
        self.viewport = (cols, rows);
        if let Some(Overlay::Reader(reader)) = &mut self.overlay {
            reader.fit(cols, rows);
        }
    }

    /// Data rows and columns of the Tables tab's grid at the current size.
    fn tables_grid_size(&self) -> (usize, usize) {
        let (cols, rows) = self.viewport;
        let body =
            ratatui::layout::Rect::new(0, 0, cols, rows.saturating_sub(crate::ui::CHROME_ROWS));
        let grid = tables::grid_area(body);
        let (tables, state) = self.tables_view();
        let data = tables
            .tables
            .get(state.table)
            .map_or(0, |t| tables::data_rows(t, grid.height as usize));
        (data.max(1), grid.width as usize)
    }

    /// Maps a key press to an action and applies it. `None` when nothing
    /// is bound to the key (nothing changed: no redraw); otherwise what the
    /// terminal loop must carry out.
    pub fn handle_key(&mut self, key: &KeyEvent) -> Option<Vec<Effect>> {
        self.keymap
            .action_for(self.context(), key)
            .map(|action| self.update(action))
    }

    /// The drill-down of the scheme on screen.
    pub fn drill(&self) -> (&DrillView, &DrillState) {
        match self.scheme {
            CodeScheme::Functional => (&self.analysis.functional, &self.functional_state),
            CodeScheme::Economic => (&self.analysis.economic, &self.economic_state),
        }
    }

    fn drill_mut(&mut self) -> (&DrillView, &mut DrillState) {
        match self.scheme {
            CodeScheme::Functional => (&self.analysis.functional, &mut self.functional_state),
            CodeScheme::Economic => (&self.analysis.economic, &mut self.economic_state),
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

    /// Applies one action and returns what only the terminal loop can do
    /// (quit, copy, write a file). The app itself does no I/O.
    pub fn update(&mut self, action: Action) -> Vec<Effect> {
        self.notice = None;
        if action == Action::Quit {
            return vec![Effect::Quit];
        }
        self.apply(action);
        self.keep_aggregate();
        self.follow_cursors();
        std::mem::take(&mut self.effects)
    }

    /// Rows a list shows at the current size, for paging and for keeping
    /// the cursor on screen: the body less a title and a header line (a
    /// screen that shows fewer clamps when it draws).
    fn page_rows(&self) -> usize {
        (self.viewport.1 as usize)
            .saturating_sub(crate::ui::CHROME_ROWS as usize + 2)
            .max(1)
    }

    /// Keeps every list's cursor on screen after an action.
    fn follow_cursors(&mut self) {
        let page = self.page_rows();
        if let Some(y) = self.years.as_mut() {
            y.cursor
                .follow(page, y.view.rows.len() + y.view.cards.len());
        }
        let p = &mut self.projects;
        p.cursor.follow(page, p.list.len());
        let card_len = match p.screen {
            Screen::Card(card) => self
                .analysis
                .doc
                .projects
                .get(card)
                .map_or(0, |c| c.indicators.len()),
            _ => 0,
        };
        p.card_cursor.follow(page, card_len);
        p.category_cursor.follow(page, p.category_rows.len());
        if let Some(cmp) = p.comparison.as_mut() {
            cmp.cursor.follow(page, cmp.rows.len());
        }
        let c = &mut self.checks;
        c.cursor.follow(page, c.lines.len());
        c.ledger_cursor
            .follow(page, self.analysis.report.ledger.len());
        let s = &mut self.search;
        s.cursor
            .follow(page.min(crate::app::search::HIT_LIMIT), s.hits.len());
        self.functional_state.follow(page);
        self.economic_state.follow(page);
    }

    fn apply(&mut self, action: Action) {
        if self.overlay.is_some() {
            self.update_overlay(action);
            return;
        }
        match action {
            Action::ToggleHelp => self.overlay = Some(Overlay::Help { scroll: 0 }),
            Action::NextTab => self.tab = self.step_tab(1),
            Action::PrevTab => self.tab = self.step_tab(-1),
            Action::GoTab(tab) if self.tabs().contains(&tab) => self.tab = tab,
            Action::GoTab(_) => {}
            Action::OpenSearch => {
                self.search.open();
                self.overlay = Some(Overlay::Search);
            }
            Action::CopyFigure | Action::CopyRow => {
                let text = if action == Action::CopyFigure {
                    self.selected_figure()
                } else {
                    self.selected_row_tsv()
                };
                match text {
                    Some(text) => {
                        // The terminal may ignore OSC 52: say what was sent,
                        // not that it arrived.
                        let shown: String =
                            text.lines().next().unwrap_or("").chars().take(40).collect();
                        self.notice = Some(format!("{} {shown}", t(self.lang, Msg::CopySent)));
                        self.effects.push(Effect::Copy(text));
                    }
                    None => self.notice = Some(t(self.lang, Msg::NothingToCopy).to_string()),
                }
            }
            Action::Export => match crate::export::view::current(self) {
                Some(view) => self.effects.push(Effect::Export {
                    file_name: view.file_name,
                    contents: view.contents,
                }),
                None => self.notice = Some(t(self.lang, Msg::NothingToExport).to_string()),
            },
            // Esc closes the Problems view first.
            Action::GoBack
                if self.tab == Tab::Departments
                    && self.library.as_ref().is_some_and(|l| l.show_problems) =>
            {
                self.update_departments(Action::ToggleProblems)
            }
            // Esc in All departments goes back within it first.
            Action::GoBack if self.context() == Context::Aggregate => {
                self.update_aggregate(Action::GoBack)
            }
            Action::GoBack => self.go_back(),
            Action::NextHit => self.step_hit(1),
            Action::PrevHit => self.step_hit(-1),
            _ => match self.tab {
                Tab::Summary => self.update_summary(action),
                Tab::Drill if self.aggregate().is_some() => self.update_aggregate(action),
                Tab::Drill => self.update_drill(action),
                Tab::Projects => self.update_projects(action),
                Tab::Checks => self.update_checks(action),
                Tab::Tables => self.update_tables(action),
                Tab::Departments => self.update_departments(action),
                Tab::Years => {
                    let page = self.page_rows();
                    if let (Some(y), Some(motion)) = (self.years.as_mut(), action.motion()) {
                        y.cursor
                            .apply(motion, y.view.rows.len() + y.view.cards.len(), page);
                    }
                }
            },
        }
    }

    /// Keys while an overlay is open: they go to it, not to the tab.
    fn update_overlay(&mut self, action: Action) {
        let (cols, rows) = self.viewport;
        let body = crate::ui::body_rect(cols, rows);
        match &mut self.overlay {
            Some(Overlay::Search) => self.update_search(action),
            Some(Overlay::Reader(reader)) => {
                let page = reader::Reader::text_size(cols, rows).1 as isize;
                let delta = match action.motion() {
                    Some(Motion::Up) => -1,
                    Some(Motion::Down) => 1,
                    Some(Motion::PageUp) => -page,
                    Some(Motion::PageDown) => page,
                    _ => 0,
                };
                if action == Action::CloseOverlay {
                    self.overlay = None;
                } else if delta != 0 {
                    reader.scroll_by(delta, cols, rows);
                }
            }
            Some(Overlay::Help { .. }) => {
                if matches!(action, Action::CloseOverlay | Action::ToggleHelp) {
                    self.overlay = None;
                    return;
                }
                let Some(motion) = action.motion() else {
                    return;
                };
                let max = crate::ui::help::max_scroll(self, body);
                let page = body.height.saturating_sub(2).max(1) as usize;
                if let Some(Overlay::Help { scroll }) = &mut self.overlay {
                    *scroll = motion.scroll(*scroll, max, page);
                }
            }
            None => {}
        }
    }

    fn update_summary(&mut self, action: Action) {
        if action == Action::ToggleBlankRows {
            self.summary_state.show_blank_rows = !self.summary_state.show_blank_rows;
        }
        let (cols, rows) = self.viewport;
        let body = crate::ui::body_rect(cols, rows);
        let max = crate::ui::summary::max_scroll(self, body);
        let page = (body.height as usize).max(1);
        let scroll = self.summary_state.scroll;
        self.summary_state.scroll = match action.motion() {
            Some(motion) => motion.scroll(scroll, max, page),
            None => scroll.min(max),
        };
    }

    fn update_projects(&mut self, action: Action) {
        let page = self.page_rows();
        let doc = &self.analysis.doc;
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
        if action == Action::Back {
            if !self.back.is_empty() {
                self.go_back();
            } else {
                self.projects.screen = Screen::List;
            }
            return;
        }
        if matches!(
            (self.projects.screen, action),
            (Screen::List, Action::Open)
                | (Screen::List | Screen::Card(_), Action::Compare)
                | (
                    Screen::List | Screen::Card(_) | Screen::Compare,
                    Action::CategoryView
                )
                | (Screen::Category, Action::Open)
        ) {
            self.remember_screen();
        }
        let doc = &self.analysis.doc;
        let p = &mut self.projects;
        match (p.screen, action) {
            (Screen::List, Action::Open) => {
                if let Some(card) = p.selected_card() {
                    p.card_cursor = Default::default();
                    p.screen = Screen::Card(card);
                }
            }
            (Screen::List, Action::ToggleMark) => p.toggle_mark(),
            (Screen::List, Action::CycleSort) => p.cycle_sort(doc),
            (Screen::List, Action::ReverseSort) => p.reverse_sort(doc),
            (Screen::Card(_), Action::PrevCategory) => p.step_card(-1),
            (Screen::Card(_), Action::NextCategory) => p.step_card(1),
            (Screen::List, Action::StartFilter) => p.filtering = true,
            (Screen::List | Screen::Card(_), Action::Compare) => p.compare(doc),
            (_, Action::CategoryView) => p.open_category_view(doc),
            (Screen::Category, Action::Open) => p.open_category_row(),
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
            (screen, action) if action.motion().is_some() => {
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
                if let Some(motion) = action.motion() {
                    cursor.apply(motion, len, page);
                }
            }
            _ => {}
        }
    }

    fn update_search(&mut self, action: Action) {
        let s = &mut self.search;
        let index = &self.analysis.index;
        match action {
            Action::Input(c) => {
                s.query.push(c);
                s.refresh(index);
            }
            Action::InputBackspace => {
                s.query.pop();
                s.recall = None;
                s.refresh(index);
            }
            Action::InputClear => {
                s.query.clear();
                s.recall = None;
                s.refresh(index);
            }
            Action::InputDeleteWord => s.delete_word(index),
            // ↑ / ↓ recall earlier queries while the box is empty or
            // recalling, and move over the hits otherwise.
            Action::Up if !s.recall_step(-1, index) => s.cursor.move_by(-1, s.hits.len()),
            Action::Down if !s.recall_step(1, index) => s.cursor.move_by(1, s.hits.len()),
            Action::InputCancel => self.overlay = None,
            Action::InputConfirm => {
                self.overlay = None;
                s.remember();
                if !s.hits.is_empty() {
                    let at = s.cursor.selected.min(s.hits.len() - 1);
                    s.current = Some(at);
                    self.remember_screen();
                    self.jump_to_hit(at);
                }
            }
            _ => {}
        }
    }

    /// Where the user is now.
    fn nav(&self) -> Nav {
        let p = &self.projects;
        Nav {
            tab: self.tab,
            scheme: self.scheme,
            functional: self.functional_state.clone(),
            economic: self.economic_state.clone(),
            summary_scroll: self.summary_state.scroll,
            projects_screen: p.screen,
            projects_cursor: p.cursor.clone(),
            card_cursor: p.card_cursor.clone(),
            category: p.category,
            category_cursor: p.category_cursor.clone(),
            checks_cursor: self.checks.cursor.clone(),
            show_ledger: self.checks.show_ledger,
            tables: self.tables_state.clone(),
            all_departments: self.all_departments,
        }
    }

    /// Pushes the current screen before leaving it for another place.
    fn remember_screen(&mut self) {
        if self.back.len() == STACK_LIMIT {
            self.back.remove(0);
        }
        let nav = self.nav();
        self.back.push(nav);
    }

    /// Esc: back to the last remembered screen, exactly as it was.
    fn go_back(&mut self) {
        let Some(nav) = self.back.pop() else {
            self.notice = Some(crate::i18n::t(self.lang, Msg::NothingToGoBackTo).to_string());
            return;
        };
        self.tab = nav.tab;
        self.scheme = nav.scheme;
        self.functional_state = nav.functional;
        self.economic_state = nav.economic;
        self.summary_state.scroll = nav.summary_scroll;
        let p = &mut self.projects;
        p.screen = nav.projects_screen;
        p.cursor = nav.projects_cursor;
        p.card_cursor = nav.card_cursor;
        if p.category != nav.category {
            p.category = nav.category;
            p.recategorize(&self.analysis.doc);
        }
        p.category_cursor = nav.category_cursor;
        self.checks.cursor = nav.checks_cursor;
        self.checks.show_ledger = nav.show_ledger;
        self.tables_state = nav.tables;
        self.all_departments = nav.all_departments;
    }

    /// n / N: the next or previous hit of the last search, wrapping.
    fn step_hit(&mut self, delta: isize) {
        let n = self.search.hits.len();
        let Some(current) = self.search.current else {
            self.notice = Some(crate::i18n::t(self.lang, Msg::NoSearchYet).to_string());
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
        let place = self.analysis.index.item(hit).place;
        self.jump_to(place);
    }

    fn update_checks(&mut self, action: Action) {
        let page = self.page_rows();
        let c = &mut self.checks;
        if action == Action::ToggleLedger {
            c.show_ledger = !c.show_ledger;
            return;
        }
        if c.show_ledger {
            let len = self.analysis.report.ledger.len();
            if let Some(motion) = action.motion() {
                c.ledger_cursor.apply(motion, len, page);
            }
            return;
        }
        if let Some(motion) = action.motion() {
            c.move_by(motion.delta(page, c.lines.len()));
            return;
        }
        if action == Action::Jump {
            let place = c
                .selected_finding()
                .and_then(|i| self.analysis.report.findings.get(i))
                .and_then(|f| f.places.first().copied());
            match place {
                Some(place) => {
                    self.remember_screen();
                    self.jump_to(place);
                    self.mark_sum();
                }
                // Say why nothing opens rather than doing nothing.
                None => self.notice = Some(t(self.lang, Msg::NoPlace).to_string()),
            }
        }
    }

    /// After a jump to a sum finding's cell: its parts marked in the
    /// table view and Σ of them kept beside the printed figure.
    fn mark_sum(&mut self) {
        let Some(f) = self
            .checks
            .selected_finding()
            .and_then(|i| self.analysis.report.findings.get(i))
        else {
            return;
        };
        let (Some(expected), false) = (f.figures.expected, f.parts.is_empty()) else {
            return;
        };
        if self.tab != Tab::Tables {
            return;
        }
        let parts = f
            .parts
            .iter()
            .filter_map(|p| match *p {
                Place::TableCell {
                    table,
                    side,
                    row,
                    column,
                } => {
                    let (ti, ri, c) = self.analysis.tables.cell(table, side, row, column)?;
                    (ti == self.tables_state.table).then_some((ri, c?))
                }
                _ => None,
            })
            .collect();
        self.tables_state.sum = Some(tables::SumMark {
            parts,
            printed: f.figures.printed,
            expected,
        });
    }

    /// Shows `place` in the tab that can show it: a coded table row in the
    /// drill-down (expanded to it), a card or indicator in Projects, other
    /// table rows on the Summary. Places the app has no view of (narrative,
    /// assets) are named in a notice instead.
    pub fn jump_to(&mut self, place: Place) {
        match place {
            // A table row opens as published, the row under the cursor;
            // `Enter` there goes on to the drill-down.
            Place::TableRow { table, side, row } => self.reveal_table_row(table, side, row, None),
            // A finding's cell: the same, the cursor on that cell.
            Place::TableCell {
                table,
                side,
                row,
                column,
            } => self.reveal_table_row(table, side, row, Some(column)),
            Place::Table { .. } | Place::Procurement | Place::Assets { .. } => {
                if let Some(ti) = self.analysis.tables.of_place(place) {
                    self.all_departments = false;
                    self.tab = Tab::Tables;
                    let tables = &self.analysis.tables;
                    self.tables_state.select_table(tables, ti);
                    if let Place::Assets { item: Some(item) } = place {
                        // The 资产总额 row stands above the items.
                        let total = self
                            .analysis
                            .doc
                            .assets
                            .as_ref()
                            .is_some_and(|a| a.total.is_some());
                        let row = item + usize::from(total);
                        let size = self.tables_grid_size();
                        self.tables_state
                            .reveal(&self.analysis.tables, ti, row, None, size);
                    }
                }
            }
            Place::Project { card } => self.open_card(card, None),
            Place::Indicator { card, indicator } => self.open_card(card, Some(indicator)),
            // Narrative, glossary, assets, procurement: read them in the
            // overlay. The document as a whole: say so.
            other => match reader::Reader::open(&self.analysis.doc, other) {
                Some(mut reader) => {
                    reader.fit(self.viewport.0, self.viewport.1);
                    self.overlay = Some(Overlay::Reader(reader));
                }
                None => {
                    let text = other.describe(&self.analysis.doc);
                    let prefix = crate::i18n::t(self.lang, crate::i18n::Msg::InNarrative);
                    self.notice = Some(format!("{prefix}：{text}"));
                }
            },
        }
    }

    /// The drill-down of `scheme`, expanded to `code` and selecting it.
    pub fn reveal_code(&mut self, scheme: CodeScheme, code: &str) {
        self.all_departments = false;
        self.scheme = scheme;
        self.tab = Tab::Drill;
        let (view, state) = self.drill_mut();
        if let Some(node) = view.tree.find(code) {
            state.reveal(view, node);
        }
    }

    /// Projects tab on card `card`, the cursor on `indicator`.
    pub fn open_card(&mut self, card: usize, indicator: Option<usize>) {
        if card >= self.analysis.doc.projects.len() {
            return;
        }
        self.tab = Tab::Projects;
        let p = &mut self.projects;
        p.filtering = false;
        p.screen = Screen::Card(card);
        p.card_cursor = Default::default();
        p.card_cursor.selected = indicator.unwrap_or(0);
    }

    fn update_tables(&mut self, action: Action) {
        // A finding's or hit's mark lasts until the next key in the tab.
        let (_, state) = self.tables_view_mut();
        state.highlight = None;
        state.sum = None;
        if action == Action::Aggregate {
            let on = self.aggregate().is_none();
            self.show_all_departments(on);
            return;
        }
        if action == Action::Open {
            self.open_table_code();
            return;
        }
        let (height, cols) = self.tables_grid_size();
        let (tables, state) = self.tables_view_mut();
        let len = tables.tables.get(state.table).map_or(0, |t| t.rows.len());
        if let Some(motion) = action.motion() {
            state.move_row(tables, motion.delta(height, len), height);
            return;
        }
        match action {
            Action::CellLeft => state.move_column(tables, -1, cols),
            Action::CellRight => state.move_column(tables, 1, cols),
            Action::ColumnsLeft => state.scroll_columns(tables, -1, cols),
            Action::ColumnsRight => state.scroll_columns(tables, 1, cols),
            Action::PrevTable | Action::NextTable => {
                let n = tables.tables.len().max(1);
                let step = if action == Action::NextTable {
                    1
                } else {
                    n - 1
                };
                state.select_table(tables, (state.table + step) % n);
            }
            _ => {}
        }
    }

    /// `Enter` on a table row: its code in the drill-down (the document's
    /// tree, or All departments with the code's departments listed).
    fn open_table_code(&mut self) {
        let (tables, state) = self.tables_view();
        let Some(table) = tables.tables.get(state.table) else {
            return;
        };
        let code = table.rows.get(state.row).and_then(|row| {
            let side = table.columns.get(state.column).map_or(0, |c| c.side);
            row.codes
                .get(side)
                .cloned()
                .flatten()
                .or_else(|| row.codes.iter().flatten().next().cloned())
        });
        let Some(code) = code else {
            return;
        };
        match table.origin {
            crate::analysis::Origin::Table(i) => {
                let scheme = self
                    .analysis
                    .doc
                    .tables
                    .get(i)
                    .and_then(|t| t.kind.scheme());
                if let Some(scheme) = scheme {
                    self.remember_screen();
                    self.reveal_code(scheme, &code);
                }
            }
            crate::analysis::Origin::Aggregate(scheme) => {
                let page = self.page_rows();
                self.remember_screen();
                if let Some(view) = self.library.as_mut().and_then(|l| l.aggregate.as_mut()) {
                    view.reveal(scheme, &code, page);
                }
                self.tab = Tab::Drill;
            }
            _ => {}
        }
    }

    /// The tables the Tables tab shows, All departments' or the open
    /// document's, and that tab's cursor over them.
    /// (All departments' tables are built by [`App::update`] before the
    /// tab first draws them; until then there are none.)
    pub fn tables_view(&self) -> (&crate::analysis::Tables, &TablesState) {
        match self.aggregate() {
            Some(view) => (
                view.tables.as_deref().unwrap_or(&NO_TABLES),
                &view.tables_state,
            ),
            None => (&self.analysis.tables, &self.tables_state),
        }
    }

    fn tables_view_mut(&mut self) -> (&crate::analysis::Tables, &mut TablesState) {
        let all = self.all_departments;
        match self.library.as_mut().and_then(|l| l.aggregate.as_mut()) {
            Some(view) if all => (
                view.tables.as_deref().unwrap_or(&NO_TABLES),
                &mut view.tables_state,
            ),
            _ => (&self.analysis.tables, &mut self.tables_state),
        }
    }

    /// The Tables tab on the published row that shows a model row, the
    /// cursor on `column` (an amount column of that side) when given.
    pub fn reveal_table_row(
        &mut self,
        table: usize,
        side: usize,
        row: usize,
        column: Option<usize>,
    ) {
        let tables = &self.analysis.tables;
        let located = match column {
            Some(c) => tables.cell(table, side, row, c),
            None => tables.locate(table, side, row).map(|(t, r)| (t, r, None)),
        };
        let Some((ti, ri, grid_column)) = located else {
            return;
        };
        self.all_departments = false;
        self.tab = Tab::Tables;
        let size = {
            self.tables_state.table = ti;
            self.tables_grid_size()
        };
        self.tables_state
            .reveal(&self.analysis.tables, ti, ri, grid_column, size);
    }

    fn update_drill(&mut self, action: Action) {
        if action == Action::Aggregate {
            self.show_all_departments(true);
            return;
        }
        if action == Action::ToggleScheme {
            self.scheme = match self.scheme {
                CodeScheme::Functional => CodeScheme::Economic,
                CodeScheme::Economic => CodeScheme::Functional,
            };
            return;
        }
        let (view, state) = self.drill_mut();
        if let Some(motion) = action.motion() {
            state.move_by(motion.delta(state.page, state.visible.len()));
            return;
        }
        match action {
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
