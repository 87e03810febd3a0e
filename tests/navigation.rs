//! One way back: `Esc` returns to exactly the screen, cursor and scroll the
//! user came from, after a search jump, a check jump, opening a card, a
//! comparison or a `v` view. And the search box's editing keys.

mod common;

use budget_tui::app::projects::Screen;
use budget_tui::app::{App, Overlay, Tab};
use budget_tui::i18n::Lang;
use budget_tui::model::CodeScheme;
use common::{keys, press, screen, seed_app};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

#[test]
fn esc_after_a_search_jump_restores_the_drill_down_as_it_was() {
    let mut app = seed_app(Lang::Zh);
    keys(&mut app, "2*jjj");
    let before_path = app.code_path().join("/");
    let before_selected = app.functional_state.selected;
    let before_screen = screen(&app, 100, 30);
    keys(&mut app, "/gwyc");
    press(&mut app, KeyCode::Enter);
    // The hit opens its row as published, then Enter its code.
    assert_eq!(app.tab, Tab::Tables);
    let row = screen(&app, 100, 30)
        .lines()
        .find(|l| l.contains("30231"))
        .map(str::to_string)
        .expect("30231 on screen");
    assert!(row.contains("24.00"), "{row}");
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.scheme, CodeScheme::Economic);
    assert_eq!(app.code_path(), ["302", "30231"]);
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.tab, Tab::Tables);
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.tab, Tab::Drill);
    assert_eq!(app.scheme, CodeScheme::Functional);
    assert_eq!(app.functional_state.selected, before_selected);
    assert_eq!(app.code_path().join("/"), before_path);
    assert_eq!(screen(&app, 100, 30), before_screen);
}

#[test]
fn check_jump_then_enter_then_esc_esc_walks_back_through_each_screen() {
    let mut app = seed_app(Lang::Zh);
    keys(&mut app, "4");
    // Find a finding that points at a table row.
    let target = app.analysis.report.findings.iter().position(|f| {
        matches!(
            f.places.first(),
            Some(budget_tui::model::Place::TableRow { .. })
        )
    });
    let Some(target) = target else {
        // The seed's real problems are all on cards: use a card finding.
        let card_finding = app
            .analysis
            .report
            .findings
            .iter()
            .position(|f| !f.places.is_empty())
            .expect("the seed has findings with places");
        while app.checks.selected_finding() != Some(card_finding) {
            press(&mut app, KeyCode::Down);
        }
        let cursor = app.checks.cursor.selected;
        press(&mut app, KeyCode::Enter);
        assert_ne!(app.tab, Tab::Checks);
        press(&mut app, KeyCode::Esc);
        assert_eq!(app.tab, Tab::Checks);
        assert_eq!(app.checks.cursor.selected, cursor);
        return;
    };
    while app.checks.selected_finding() != Some(target) {
        press(&mut app, KeyCode::Down);
    }
    let cursor = app.checks.cursor.selected;
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.tab, Tab::Tables);
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.tab, Tab::Checks);
    assert_eq!(app.checks.cursor.selected, cursor);
}

#[test]
fn card_comparison_and_category_view_each_come_back_with_esc() {
    let mut app = seed_app(Lang::Zh);
    keys(&mut app, "3jj");
    let list_cursor = app.projects.cursor.selected;
    assert_eq!(list_cursor, 2);
    press(&mut app, KeyCode::Enter);
    assert!(matches!(app.projects.screen, Screen::Card(_)));
    keys(&mut app, "jjj");
    let Screen::Card(card) = app.projects.screen else {
        unreachable!()
    };
    let indicator = app.projects.card_cursor.selected;
    let level2 = app.analysis.doc.projects[card].indicators[indicator]
        .level2
        .clone();
    // `v` on an indicator starts on its 二级指标, on that very row.
    keys(&mut app, "v");
    assert_eq!(app.projects.screen, Screen::Category);
    assert_eq!(app.projects.categories[app.projects.category], level2);
    let row = app.projects.category_rows[app.projects.category_cursor.selected];
    assert_eq!(row, (card, indicator));
    // Enter on another row opens that card; Esc comes back to the view.
    press(&mut app, KeyCode::Down);
    let (other, other_indicator) =
        app.projects.category_rows[app.projects.category_cursor.selected];
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.projects.screen, Screen::Card(other));
    assert_eq!(app.projects.card_cursor.selected, other_indicator);
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.projects.screen, Screen::Category);
    // Esc: the card, on its indicator; Esc: the list on the same row.
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.projects.screen, Screen::Card(card));
    assert_eq!(app.projects.card_cursor.selected, indicator);
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.projects.screen, Screen::List);
    assert_eq!(app.projects.cursor.selected, list_cursor);
    // Mark two, compare, come back.
    keys(&mut app, " j c");
    assert_eq!(app.projects.screen, Screen::Compare);
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.projects.screen, Screen::List);
    assert_eq!(app.projects.cursor.selected, list_cursor + 1);
}

#[test]
fn esc_with_nowhere_to_go_says_so() {
    let mut app = seed_app(Lang::Zh);
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.tab, Tab::Summary);
    let notice = app.notice.clone().expect("a notice");
    assert!(screen(&app, 100, 30).contains(&notice), "{notice}");
}

#[test]
fn search_box_opens_empty_recalls_and_edits() {
    let mut app = seed_app(Lang::Zh);
    keys(&mut app, "/gwyc");
    press(&mut app, KeyCode::Enter);
    keys(&mut app, "/");
    assert_eq!(app.search.query, "", "the box opens empty");
    press(&mut app, KeyCode::Up);
    assert_eq!(app.search.query, "gwyc", "↑ recalls the last query");
    let ctrl = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL);
    app.handle_key(&ctrl('u'));
    assert_eq!(app.search.query, "");
    keys(&mut app, "行政 运行");
    app.handle_key(&ctrl('w'));
    assert_eq!(app.search.query, "行政 ");
}

#[test]
fn n_without_a_search_says_so() {
    let mut app = seed_app(Lang::Zh);
    keys(&mut app, "n");
    assert!(app.notice.as_deref().is_some_and(|n| n.contains('/')));
}

#[test]
fn footer_names_the_keys_of_the_context() {
    let mut app = seed_app(Lang::Zh);
    let last_line = |app: &budget_tui::app::App| {
        screen(app, 120, 30)
            .lines()
            .last()
            .unwrap_or_default()
            .to_string()
    };
    keys(&mut app, "5");
    let footer = last_line(&app);
    assert!(footer.contains("] 换表"), "{footer}");
    assert!(footer.contains("Esc 返回"), "{footer}");
    assert!(footer.contains("? 帮助  q 退出"), "{footer}");
    keys(&mut app, "/");
    let footer = last_line(&app);
    assert!(footer.contains("Enter 确定"), "{footer}");
    assert!(
        !footer.contains("q 退出"),
        "q is text while typing: {footer}"
    );
    let mut en = seed_app(Lang::En);
    keys(&mut en, "4");
    let footer = last_line(&en);
    assert!(footer.contains("Enter jump"), "{footer}");
    assert!(footer.contains("unit: 万元"), "{footer}");
}

/// Where the open help is scrolled to.
fn help_scroll(app: &App) -> usize {
    match app.overlay {
        Some(Overlay::Help { scroll }) => scroll,
        _ => panic!("the help is not open"),
    }
}

#[test]
fn help_scrolls_with_every_movement_key_and_shows_there_is_more() {
    let mut app = seed_app(Lang::Zh);
    app.resize(80, 24);
    keys(&mut app, "?");
    let top = screen(&app, 80, 24);
    assert!(top.contains("↓ 更多"), "{top}");
    assert!(!top.contains("↑ 更多"), "{top}");
    keys(&mut app, "j");
    assert_eq!(help_scroll(&app), 1);
    keys(&mut app, "G");
    let bottom = screen(&app, 80, 24);
    assert!(bottom.contains("↑ 更多"), "{bottom}");
    assert_ne!(top, bottom);
    let end = help_scroll(&app);
    keys(&mut app, "j");
    assert_eq!(help_scroll(&app), end, "clamped at the end");
    keys(&mut app, "g");
    assert_eq!(help_scroll(&app), 0);
    press(&mut app, KeyCode::PageDown);
    assert!(help_scroll(&app) > 1);
}

#[test]
fn a_headline_figure_found_by_pinyin_opens_its_cell() {
    let mut app = seed_app(Lang::Zh);
    keys(&mut app, "/xmzc");
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.tab, Tab::Tables);
    let t = &app.analysis.tables.tables[app.tables_state.table];
    assert_eq!(t.title, "部门预算支出总表");
    let row = &t.rows[app.tables_state.row];
    assert_eq!(row.cells[app.tables_state.column], "915.00");
    assert_eq!(
        t.columns[app.tables_state.column]
            .header
            .last()
            .map(String::as_str),
        Some("项目支出")
    );
}
