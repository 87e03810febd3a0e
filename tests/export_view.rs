//! `x` exports the view on screen: `update` returns `Effect::Export` with
//! the file name and the CSV (the app writes nothing; the terminal loop
//! does), and the CSV says what the screen says, figures as plain decimals.

mod common;

use budget_tui::app::{App, Effect, Tab};
use budget_tui::export::csv;
use budget_tui::i18n::Lang;
use common::{keys, press, seed, seed_app};
use ratatui::crossterm::event::KeyCode;

/// The one export effect of pressing `x`: (file name, parsed CSV).
fn export(app: &mut App) -> (String, Vec<Vec<String>>) {
    let effects = keys(app, "x");
    match effects.as_slice() {
        [Effect::Export {
            file_name,
            contents,
        }] => (file_name.clone(), csv::parse(contents)),
        other => panic!("expected one export, got {other:?}"),
    }
}

fn row_with<'a>(records: &'a [Vec<String>], cell: &str) -> &'a [String] {
    records
        .iter()
        .find(|r| r.iter().any(|c| c == cell))
        .unwrap_or_else(|| panic!("no row with {cell} in {records:?}"))
}

#[test]
fn x_on_a_table_exports_that_table_as_published() {
    let mut app = seed_app(Lang::Zh);
    // /gwyc Enter opens T6 on 30231 公务用车运行维护费.
    keys(&mut app, "/gwyc");
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.tab, Tab::Tables);
    let (name, records) = export(&mut app);
    assert_eq!(
        name,
        "邢台市人民政府办公室-2025-部门预算一般公共预算财政拨款基本支出表.csv"
    );
    let row = row_with(&records, "30231");
    assert!(row.contains(&"公务用车运行维护费".to_string()), "{row:?}");
    assert!(row.contains(&"24.00".to_string()), "{row:?}");
    // The 合计 row's figure is plain, no separator.
    let total = row_with(&records, "合计");
    assert!(total.contains(&"2349.56".to_string()), "{total:?}");
    // The app wrote nothing and says nothing until the loop does.
    assert_eq!(app.notice, None);
}

#[test]
fn x_on_the_summary_exports_the_income_expenditure_table() {
    let mut app = seed_app(Lang::Zh);
    let (name, records) = export(&mut app);
    assert_eq!(name, "邢台市人民政府办公室-2025-部门预算收支总表.csv");
    let row = row_with(&records, "一、一般公共预算拨款收入");
    assert!(row.contains(&"3244.56".to_string()), "{row:?}");
}

#[test]
fn x_on_checks_exports_the_findings() {
    let mut app = seed_app(Lang::Zh);
    keys(&mut app, "4");
    let (name, records) = export(&mut app);
    assert_eq!(name, "邢台市人民政府办公室-2025-审核.csv");
    assert_eq!(records[0][..4], ["file", "department", "year", "number"]);
    let cost = row_with(&records, "project.cost-within-budget");
    assert!(cost.contains(&"622600".to_string()), "printed {cost:?}");
    assert!(cost.contains(&"600.00".to_string()), "expected {cost:?}");
    let report = &app.analysis.report;
    let findings = report.findings.len()
        + report
            .findings
            .iter()
            .map(|f| f.consequences.len())
            .sum::<usize>();
    assert_eq!(records.len(), findings + 1);
}

#[test]
fn x_on_a_comparison_exports_the_cards_side_by_side() {
    let mut app = seed_app(Lang::Zh);
    keys(&mut app, "3 j c");
    let (name, records) = export(&mut app);
    assert_eq!(name, "邢台市人民政府办公室-2025-项目对比.csv");
    let doc = seed();
    let first = &doc.projects[app.projects.comparison.as_ref().expect("open").cards[0]];
    let second = &doc.projects[app.projects.comparison.as_ref().expect("open").cards[1]];
    assert_eq!(records[0][3..], [first.name.clone(), second.name.clone()]);
    let budgets = row_with(&records, "预算数");
    assert_eq!(
        budgets[3..],
        [
            first.budget.map(|b| b.to_string()).unwrap_or_default(),
            second.budget.map(|b| b.to_string()).unwrap_or_default()
        ]
    );
    assert!(records.len() > 5, "the indicator rows");
}

#[test]
fn x_on_the_departments_exports_the_aggregate() {
    let docs = vec![("a.ron".to_string(), seed()), ("b.ron".to_string(), seed())];
    let mut app = App::with_documents(docs, Lang::Zh).expect("two documents");
    assert_eq!(app.tab, Tab::Departments);
    let (name, records) = export(&mut app);
    assert_eq!(name, "部门列表.csv");
    assert_eq!(records.len(), 3);
    let a = row_with(&records, "a.ron");
    // 收入总计, 基本, 项目, 三公 in 万元.
    assert_eq!(a[3..7], ["3264.56", "2349.56", "915.00", "24.00"]);
}
