//! The app on data with nothing in it, and every key in every tab: it must
//! neither panic nor leave a tab unusable.

mod common;

use budget_tui::app::{App, Tab};
use budget_tui::i18n::Lang;
use budget_tui::model::{Department, Disclosure, Scope, Unit};
use budget_tui::ui;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyEvent;
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
        import_notes: vec![],
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
    let keys: Vec<KeyEvent> = budget_tui::keymap::Keymap::default()
        .bindings
        .iter()
        .flat_map(|b| b.keys.iter())
        .map(|k| KeyEvent::new(k.code, k.modifiers))
        .collect();
    for tab in Tab::ALL {
        let mut app = App::new(doc.clone(), Lang::Zh);
        app.tab = tab;
        for key in &keys {
            if key.code == ratatui::crossterm::event::KeyCode::Char('q')
                || key.code == ratatui::crossterm::event::KeyCode::Char('c')
                    && key
                        .modifiers
                        .contains(ratatui::crossterm::event::KeyModifiers::CONTROL)
            {
                continue;
            }
            let effects = app.handle_key(key).unwrap_or_default();
            // Copy keys ask for a copy; nothing but q / Ctrl-C quits.
            assert!(
                effects
                    .iter()
                    .all(|e| matches!(e, budget_tui::app::Effect::Copy(_))),
                "{key:?} in {tab:?}: {effects:?}"
            );
            render_all_sizes(&app);
        }
    }
}

#[test]
fn an_empty_disclosure_survives_every_key() {
    let doc = empty();
    let app = App::new(doc.clone(), Lang::En);
    assert!(app.analysis.summary.income_total.is_none());
    assert!(app.analysis.functional.tree.nodes.is_empty());
    render_all_sizes(&app);
    every_key_everywhere(doc);
}

#[test]
fn the_seed_survives_every_key_in_every_tab() {
    every_key_everywhere(common::seed());
}

/// An amount at the parser's limit of 28 significant digits (a garbled
/// figure; 29 digits are refused on import) gives findings and a running
/// app, not an overflow panic.
#[test]
fn a_huge_amount_does_not_crash_the_app() {
    let text = include_str!("../data/raw/xingtai-gov-office-2025.txt").replacen(
        "3244.56",
        "9999999999999999999999999999",
        1,
    );
    let doc = budget_tui::import::import_text(&text, "huge.txt").expect("still imports");
    let report = budget_tui::check::run(&doc);
    assert!(report.has_errors(), "the sums no longer hold");
    let app = App::new(doc, Lang::Zh);
    render_all_sizes(&app);
    every_key_everywhere(app.analysis.doc.clone());
}

/// A code that is not ASCII digits is refused when loading RON, with the
/// file and line, instead of panicking later when the tree slices it.
#[test]
fn a_non_digit_code_in_ron_is_an_error() {
    let ron = budget_tui::bundled::RON.replacen("\"2010301\"", "\"20１03\"", 1);
    let err = budget_tui::import::from_ron(&ron, "bad.ron").expect_err("refused");
    let message = err.to_string();
    assert!(message.starts_with("bad.ron:"), "{message}");
    assert!(message.contains("not a classification code"), "{message}");
}

/// Figures from tables printed in another unit are converted before they
/// are shown or divided.
#[test]
fn units_are_converted_for_the_summary_and_the_shares() {
    let mut doc = common::seed();
    // The 三公 table printed in 元 (24.00 元 = 0.0024 万元).
    for table in &mut doc.tables {
        if table.kind == budget_tui::model::TableKind::ThreePublicCosts {
            table.unit = Unit::Yuan;
        }
    }
    // One card in 元: 6,000,000.00 元 = 600.00 万元, still 65.6% of 915.00.
    let card = doc
        .projects
        .iter_mut()
        .find(|p| p.code == "13050025P00945010077D")
        .expect("card");
    card.unit = Unit::Yuan;
    card.budget = Some("6000000.00".parse().expect("decimal"));
    let index = doc
        .projects
        .iter()
        .position(|p| p.code == "13050025P00945010077D");
    let app = App::new(doc, Lang::Zh);
    assert_eq!(
        app.analysis.summary.three_public,
        Some("0.0024".parse().expect("decimal"))
    );
    let share = index.and_then(|i| app.projects.shares[i]);
    assert_eq!(share, Some("65.6".parse().expect("decimal")));
}
