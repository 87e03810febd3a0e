//! Checks tab on the seed and on a perturbed copy: grouped findings, the
//! ledger, and Enter jumping to every finding's place.

mod common;

use budget_tui::app::projects::Screen;
use budget_tui::app::{App, Tab};
use budget_tui::i18n::Lang;
use budget_tui::model::{CodeScheme, Disclosure, Place, TableKind};
use common::{press, screen, seed};
use ratatui::crossterm::event::KeyCode;

/// The seed with 基本支出表 30101 基本工资 changed from 306.17 to 316.17.
fn perturbed() -> Disclosure {
    let mut doc = seed();
    let table = doc
        .tables
        .iter_mut()
        .find(|t| t.kind == TableKind::GeneralPublicBasic)
        .expect("基本支出表");
    let row = table.sides[0]
        .rows
        .iter_mut()
        .find(|r| r.code.as_ref().is_some_and(|c| c.as_str() == "30101"))
        .expect("30101");
    row.amounts[0] = Some("316.17".parse().expect("decimal"));
    doc
}

#[test]
fn checks_120x40() {
    let mut app = App::new(seed(), Lang::Zh);
    press(&mut app, KeyCode::Char('4'));
    insta::assert_snapshot!(screen(&app, 120, 40));
}

#[test]
fn ledger_view_lists_every_rule() {
    let mut app = App::new(seed(), Lang::En);
    press(&mut app, KeyCode::Char('4'));
    press(&mut app, KeyCode::Char('v'));
    let text = screen(&app, 160, 80);
    for entry in &app.analysis.report.ledger {
        assert!(text.contains(entry.rule), "{} listed", entry.rule);
    }
    // Every rule but the six with findings and the three not applicable
    // (国有资本经营, the empty procurement table, no change in percent).
    let passed = budget_tui::check::rules().len() - 9;
    assert!(
        text.contains(&format!("passed {passed}")),
        "{}",
        text.lines().nth(1).unwrap_or_default()
    );
}

#[test]
fn enter_on_the_cost_finding_opens_the_card_at_the_indicator() {
    let mut app = App::new(seed(), Lang::Zh);
    press(&mut app, KeyCode::Char('4'));
    let target = app
        .analysis
        .report
        .findings
        .iter()
        .position(|f| f.rule == "project.cost-within-budget")
        .expect("the 622600 finding");
    while app.checks.selected_finding() != Some(target) {
        let before = app.checks.cursor.selected;
        press(&mut app, KeyCode::Down);
        assert_ne!(
            before, app.checks.cursor.selected,
            "cursor reaches the finding"
        );
    }
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.tab, Tab::Projects);
    let card = app
        .analysis
        .doc
        .projects
        .iter()
        .position(|p| p.code == "13050025P00945010077D")
        .expect("card");
    assert_eq!(app.projects.screen, Screen::Card(card));
    let n = app.projects.card_cursor.selected;
    assert_eq!(
        app.analysis.doc.projects[card].indicators[n].level2,
        "成本指标"
    );
}

#[test]
fn a_changed_figure_is_found_and_enter_shows_its_row() {
    let mut app = App::new(perturbed(), Lang::Zh);
    assert!(app.analysis.report.has_errors());
    press(&mut app, KeyCode::Char('4'));
    let text = screen(&app, 120, 40);
    assert!(text.contains("30101"), "the changed row is named");
    // The table finding's Enter opens the economic drill-down on its row.
    let target = app
        .analysis
        .report
        .findings
        .iter()
        .position(|f| f.rule.starts_with("table.") && f.message(Lang::Zh).contains("30101"))
        .expect("a table finding naming 30101");
    press(&mut app, KeyCode::Char('g'));
    while app.checks.selected_finding() != Some(target) {
        let before = app.checks.cursor.selected;
        press(&mut app, KeyCode::Down);
        assert_ne!(
            before, app.checks.cursor.selected,
            "cursor reaches the finding"
        );
    }
    // Enter shows the row as published, then Enter again its code in the
    // drill-down.
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.tab, Tab::Tables);
    let shown = screen(&app, 120, 40);
    assert!(shown.contains("30101"), "{shown}");
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.tab, Tab::Drill);
    assert_eq!(app.scheme, CodeScheme::Economic);
    let path = app.code_path().join("/");
    assert!(path.starts_with("301"), "{path}");
}

/// Every finding, on the seed and on the perturbed copy, jumps to a tab
/// that shows its place.
#[test]
fn every_finding_jumps() {
    for doc in [seed(), perturbed()] {
        let report = budget_tui::check::run(&doc);
        for finding in &report.findings {
            let Some(&place) = finding.places.first() else {
                continue;
            };
            let mut app = App::new(doc.clone(), Lang::Zh);
            app.tab = Tab::Checks;
            app.jump_to(place);
            match place {
                Place::Indicator { card, indicator } => {
                    assert_eq!(app.tab, Tab::Projects);
                    assert_eq!(app.projects.screen, Screen::Card(card));
                    assert_eq!(app.projects.card_cursor.selected, indicator);
                }
                Place::Project { card } => {
                    assert_eq!(app.projects.screen, Screen::Card(card));
                }
                // A table row opens as published, the cursor on it; a
                // cell also puts the cursor on its column.
                Place::TableRow { table, side, row } => {
                    assert_eq!(app.tab, Tab::Tables);
                    let (ti, ri) = app
                        .analysis
                        .tables
                        .locate(table, side, row)
                        .expect("row published");
                    assert_eq!((app.tables_state.table, app.tables_state.row), (ti, ri));
                }
                Place::TableCell {
                    table,
                    side,
                    row,
                    column,
                } => {
                    assert_eq!(app.tab, Tab::Tables);
                    let (ti, ri) = app
                        .analysis
                        .tables
                        .locate(table, side, row)
                        .expect("row published");
                    assert_eq!((app.tables_state.table, app.tables_state.row), (ti, ri));
                    let shown = &app.analysis.tables.tables[ti].columns[app.tables_state.column];
                    assert_eq!((shown.side, shown.amount), (side, Some(column)));
                }
                Place::Table { .. } | Place::Procurement | Place::Assets { .. } => {
                    assert_eq!(app.tab, Tab::Tables);
                    assert_eq!(
                        app.analysis.tables.of_place(place),
                        Some(app.tables_state.table)
                    );
                }
                // Narrative and glossary: read in the overlay; the
                // document as a whole: named in the status line.
                Place::Document => assert!(app.notice.is_some()),
                _ => {
                    let reader = app.reader().expect("the reading overlay opens");
                    assert_eq!(reader.place, place);
                    assert!(!reader.paras.is_empty());
                }
            }
        }
    }
}

#[test]
fn error_counts_stand_in_the_tab_bar_the_summary_and_the_checks_header() {
    let app = App::new(seed(), Lang::Zh);
    let summary = screen(&app, 120, 40);
    let tabs = summary.lines().next().unwrap_or_default();
    // The seed's five real errors.
    assert!(tabs.contains("4 审核 (5)"), "{tabs}");
    assert!(
        summary.contains("审核发现  错误 5  警告 3  提示 7"),
        "{summary}"
    );
    let mut app = app;
    press(&mut app, KeyCode::Char('4'));
    let checks = screen(&app, 120, 40);
    let head = checks.lines().nth(1).unwrap_or_default();
    // A rule with only notes is not "passed": it counts under 有发现.
    assert!(head.contains("有发现 6  (错 5 警 3 注 7)"), "{head}");
}
