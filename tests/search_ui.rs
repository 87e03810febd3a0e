//! The `/` overlay on the seed: typing pinyin initials, Enter jumping to the
//! row, n / N stepping through hits, Esc returning.

mod common;

use budget_tui::app::projects::Screen;
use budget_tui::app::Tab;
use budget_tui::i18n::Lang;
use budget_tui::model::CodeScheme;
use common::{keys as type_text, press, screen};
use ratatui::crossterm::event::KeyCode;

#[test]
fn gwyc_enter_shows_30231_as_published_then_in_the_drill_down() {
    let mut app = common::seed_app(Lang::Zh);
    type_text(&mut app, "/gwyc");
    assert!(app.search_open());
    let text = screen(&app, 100, 30);
    assert!(text.contains("30231 公务用车运行维护费"), "{text}");
    press(&mut app, KeyCode::Enter);
    assert!(!app.search_open());
    // The hit's row in its table as published, 24.00 on the cursor row.
    assert_eq!(app.tab, Tab::Tables);
    let text = screen(&app, 80, 24);
    let row = text
        .lines()
        .find(|l| l.contains("30231") && l.contains("公务用车运行维护费"))
        .expect("row shown");
    assert!(row.contains("24.00"), "{row}");
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.tab, Tab::Drill);
    assert_eq!(app.scheme, CodeScheme::Economic);
    assert_eq!(app.code_path(), ["302", "30231"]);
    let text = screen(&app, 80, 24);
    let row = text
        .lines()
        .find(|l| l.trim_start().starts_with("30231 公务用车运行维护费"))
        .expect("row shown");
    assert!(row.contains("24.00"), "{row}");
    // Esc, Esc: back through the table to where the search started.
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.tab, Tab::Tables);
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.tab, Tab::Summary);
}

#[test]
fn search_overlay_80x24() {
    let mut app = common::seed_app(Lang::Zh);
    type_text(&mut app, "/市长热线");
    insta::assert_snapshot!(screen(&app, 80, 24));
}

#[test]
fn keys_while_searching_are_text() {
    let mut app = common::seed_app(Lang::Zh);
    assert!(
        type_text(&mut app, "/q2").is_empty(),
        "q is typed, not quit"
    );
    assert_eq!(app.tab, Tab::Summary);
    assert_eq!(app.search.query, "q2");
    press(&mut app, KeyCode::Backspace);
    press(&mut app, KeyCode::Backspace);
    assert!(app.search.hits.is_empty(), "empty query, no hits");
    press(&mut app, KeyCode::Esc);
    assert!(!app.search_open());
    assert_eq!(app.tab, Tab::Summary);
}

#[test]
fn n_steps_through_the_hotline_cards() {
    let mut app = common::seed_app(Lang::Zh);
    type_text(&mut app, "/市长热线");
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.tab, Tab::Projects);
    let Screen::Card(first) = app.projects.screen else {
        panic!("a card is open");
    };
    press(&mut app, KeyCode::Char('n'));
    let Screen::Card(second) = app.projects.screen else {
        panic!("a card is open");
    };
    assert_ne!(first, second);
    let names: Vec<String> = [first, second]
        .iter()
        .map(|&i| app.analysis.doc.projects[i].name.replace(' ', ""))
        .collect();
    assert!(names.contains(&"市长热线经费".to_string()), "{names:?}");
    assert!(
        names.contains(&"基本工作经费B（市长热线)".to_string()),
        "{names:?}"
    );
    press(&mut app, KeyCode::Char('N'));
    assert_eq!(app.projects.screen, Screen::Card(first));
    // Esc on a card reached by search returns to the start, not the list.
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.tab, Tab::Summary);
}

#[test]
fn code_prefix_ranks_first() {
    let mut app = common::seed_app(Lang::Zh);
    type_text(&mut app, "/3023");
    let first = app.search.hits.first().expect("a hit");
    assert_eq!(
        app.analysis.index.item(first).code.as_deref(),
        Some("30231")
    );
}

#[test]
fn a_heading_hit_opens_the_section_to_read() {
    let mut app = common::seed_app(Lang::Zh);
    type_text(&mut app, "/三公经费预算情况");
    let at = app
        .search
        .hits
        .iter()
        .position(|h| app.analysis.index.item(h).kind == budget_tui::search::HitKind::Heading)
        .expect("the 三公 heading is a hit");
    for _ in 0..at {
        press(&mut app, KeyCode::Down);
    }
    press(&mut app, KeyCode::Enter);
    let reader = app.reader().expect("the section opens to read");
    assert!(reader.title.contains("三公"), "{}", reader.title);
    let text = screen(&app, 80, 24);
    assert!(text.contains("41.60"), "{text}");
    // j scrolls, Esc closes and the tab is where it was.
    press(&mut app, KeyCode::Char('j'));
    press(&mut app, KeyCode::Esc);
    assert!(app.reader().is_none());
    assert_eq!(app.tab, Tab::Summary);
}
