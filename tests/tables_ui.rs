//! The Tables tab: every table of the seed as published, frozen label
//! columns, scrolled amounts, and the ways in (jumps) and on (Enter).

mod common;

use budget_tui::app::Tab;
use budget_tui::i18n::Lang;
use budget_tui::model::{CodeScheme, Place, TableKind};
use common::{keys, open_table, press, screen, seed_app};
use ratatui::crossterm::event::KeyCode;

#[test]
fn every_model_table_and_the_assets_and_procurement_tables_are_listed() {
    let app = seed_app(Lang::Zh);
    // The nine tables, then 政府采购 and 国有资产.
    assert_eq!(app.analysis.doc.tables.len(), 9);
    assert_eq!(app.analysis.tables.tables.len(), 11);
    for (i, t) in app.analysis.doc.tables.iter().enumerate() {
        let published = &app.analysis.tables.tables[i];
        assert_eq!(published.title, t.title);
        let rows: usize = t.sides.iter().map(|s| s.rows.len()).max().unwrap_or(0);
        assert!(published.rows.len() >= rows, "{}", t.title);
    }
}

#[test]
fn income_expenditure_summary_120x40() {
    let mut app = seed_app(Lang::Zh);
    app.resize(120, 40);
    open_table(&mut app, TableKind::IncomeExpenditureSummary);
    let s = screen(&app, 120, 40);
    // Both sides of T1 stand on one printed row, paired by 序号.
    let row = s
        .lines()
        .find(|l| l.contains("一般公共预算拨款收入"))
        .expect("the first income line");
    assert!(row.contains("3,244.56"), "{row}");
    assert!(row.contains("一般公共服务支出"), "{row}");
    insta::assert_snapshot!(s);
}

#[test]
fn basic_expenditure_80x24_scrolls_amounts_with_labels_frozen() {
    let mut app = seed_app(Lang::Zh);
    app.resize(80, 24);
    open_table(&mut app, TableKind::GeneralPublicBasic);
    let before = screen(&app, 80, 24);
    assert!(before.contains("30101"), "{before}");
    assert!(before.contains("基本工资"), "{before}");
    insta::assert_snapshot!("basic_80x24", before);
    // Scroll the amounts to the end: labels stay, the last column shows.
    for _ in 0..10 {
        keys(&mut app, ">");
    }
    let after = screen(&app, 80, 24);
    assert!(after.contains("30101"), "{after}");
    assert!(after.contains("公用经费"), "the last column shows: {after}");
    insta::assert_snapshot!("basic_80x24_scrolled", after);
}

#[test]
fn three_public_costs_table_is_readable() {
    let mut app = seed_app(Lang::Zh);
    app.resize(120, 40);
    open_table(&mut app, TableKind::ThreePublicCosts);
    let s = screen(&app, 120, 40);
    assert!(s.contains("24.00"), "{s}");
    insta::assert_snapshot!(s);
}

#[test]
fn enter_on_a_coded_row_opens_the_drill_down_and_esc_comes_back() {
    let mut app = seed_app(Lang::Zh);
    app.resize(120, 40);
    open_table(&mut app, TableKind::GeneralPublicBasic);
    // Down to 30231 公务用车运行维护费.
    let target = app.analysis.tables.tables[app.tables_state.table]
        .rows
        .iter()
        .position(|r| r.codes[0].as_deref() == Some("30231"))
        .expect("30231 is printed");
    for _ in 0..target {
        press(&mut app, KeyCode::Down);
    }
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.tab, Tab::Drill);
    assert_eq!(app.scheme, CodeScheme::Economic);
    assert_eq!(app.code_path(), ["302", "30231"]);
}

#[test]
fn a_place_in_a_table_opens_the_row_as_published() {
    let mut app = seed_app(Lang::Zh);
    app.resize(120, 40);
    let (table, side, row) = app
        .analysis
        .doc
        .tables
        .iter()
        .enumerate()
        .find_map(|(ti, t)| {
            (t.kind == TableKind::Expenditure).then(|| {
                let r = t.sides[0]
                    .rows
                    .iter()
                    .position(|r| r.code.as_ref().is_some_and(|c| c.as_str() == "2010301"))
                    .expect("2010301 in T3");
                (ti, 0, r)
            })
        })
        .expect("T3");
    app.jump_to(Place::TableRow { table, side, row });
    assert_eq!(app.tab, Tab::Tables);
    let s = screen(&app, 120, 40);
    let line = s
        .lines()
        .find(|l| l.contains("2010301"))
        .expect("the row is on screen");
    assert!(line.contains("2,349.56"), "{line}");
}
