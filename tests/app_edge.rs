//! The app on data with nothing in it, and every key in every tab: it must
//! neither panic nor leave a tab unusable.

mod common;

use budget_tui::app::{App, Tab};
use budget_tui::i18n::Lang;
use budget_tui::keymap::BINDINGS;
use budget_tui::model::{Department, Disclosure, Scope, Unit};
use budget_tui::ui;
use crossterm::event::KeyEvent;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

fn empty() -> Disclosure {
    Disclosure {
        department: Department {
            code: None,
            name: String::new(),
            budget_year: 0,
            published: None,
            unit: Unit::Yuan,
            scope: Scope::Unit,
            units: vec![],
        },
        tables: vec![],
        narrative: vec![],
        projects: vec![],
        procurement: None,
        assets: None,
        glossary: vec![],
    }
}

fn render_all_sizes(app: &App) {
    for (w, h) in [(1, 1), (12, 3), (40, 10), (80, 24), (200, 60)] {
        let area = Rect::new(0, 0, w, h);
        let mut buf = Buffer::empty(area);
        ui::render(app, area, &mut buf);
    }
}

/// Presses every key of the key table (and a few typed characters) in
/// every tab, drawing after each.
fn every_key_everywhere(doc: Disclosure) {
    let keys: Vec<KeyEvent> = BINDINGS
        .iter()
        .flat_map(|b| b.keys.iter())
        .map(|k| KeyEvent::new(k.code, k.modifiers))
        .collect();
    for tab in Tab::ALL {
        let mut app = App::new(doc.clone(), Lang::Zh);
        app.tab = tab;
        for key in &keys {
            if key.code == crossterm::event::KeyCode::Char('q')
                || key.code == crossterm::event::KeyCode::Char('c')
                    && key
                        .modifiers
                        .contains(crossterm::event::KeyModifiers::CONTROL)
            {
                continue;
            }
            app.handle_key(key);
            render_all_sizes(&app);
        }
        assert!(!app.should_quit);
    }
}

#[test]
fn an_empty_disclosure_survives_every_key() {
    let doc = empty();
    let app = App::new(doc.clone(), Lang::En);
    assert!(app.summary.income_total.is_none());
    assert!(app.functional.tree.nodes.is_empty());
    render_all_sizes(&app);
    every_key_everywhere(doc);
}

#[test]
fn the_seed_survives_every_key_in_every_tab() {
    every_key_everywhere(common::seed());
}
