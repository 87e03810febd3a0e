//! What the screen tests share: the app on the bundled seed, a frame drawn
//! on a `TestBackend` as text, and typed keys.

#![allow(dead_code)] // each test binary uses its own subset

use budget_tui::app::{App, Effect};
use budget_tui::i18n::Lang;
use budget_tui::model::Disclosure;
use budget_tui::ui;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;

pub fn seed() -> Disclosure {
    budget_tui::bundled::disclosure().expect("bundled data loads")
}

pub fn seed_app(lang: Lang) -> App {
    App::new(seed(), lang)
}

/// A PDF of `tests/fixtures/pdf` imported, with the path to name it by.
pub fn pdf_fixture(id: &str) -> (String, Disclosure) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/pdf")
        .join(format!("{id}.pdf"));
    let doc = budget_tui::import::load_path(&path).unwrap_or_else(|e| panic!("{e}"));
    (path.display().to_string(), doc)
}

/// The first line of `screen` that contains `needle`.
pub fn line_with<'a>(screen: &'a str, needle: &str) -> &'a str {
    screen
        .lines()
        .find(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("no line with {needle}:\n{screen}"))
}

/// The app drawn at `width` × `height`, as the terminal would show it.
pub fn screen(app: &App, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("test backend");
    terminal
        .draw(|frame| ui::draw(frame, app))
        .expect("draw never fails on a TestBackend");
    ui::buffer_text(terminal.backend().buffer())
}

/// Presses a key; the effects the terminal loop would carry out (none when
/// the key is unbound).
pub fn press(app: &mut App, code: KeyCode) -> Vec<Effect> {
    let effects = app
        .handle_key(&KeyEvent::new(code, KeyModifiers::NONE))
        .unwrap_or_default();
    // What the terminal loop does with an open: reads the model, opens it.
    app.carry_out_opens(&effects);
    effects
}

/// Types each character of `text` as a key press; the effects of them all.
pub fn keys(app: &mut App, text: &str) -> Vec<Effect> {
    text.chars()
        .flat_map(|c| press(app, KeyCode::Char(c)))
        .collect()
}

/// xorshift64*: tiny and deterministic, so the fuzz and property tests
/// replay the same inputs on every run and machine.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Opens the Tables tab on the first model table of `kind`, stepping with
/// `]` as a user would.
pub fn open_table(app: &mut App, kind: budget_tui::model::TableKind) {
    keys(app, "5");
    let index = app
        .analysis
        .doc
        .tables
        .iter()
        .position(|t| t.kind == kind)
        .expect("the document prints the table");
    let published = app
        .analysis
        .tables
        .of_place(budget_tui::model::Place::Table { table: index })
        .expect("every model table is published");
    while app.tables_state.table != published {
        keys(app, "]");
    }
}
