//! The app on real PDF disclosures: the Summary and the Tables view of a
//! Shanghai and a Jiangsu sample, as a reviewer sees them, with the page
//! each table came from.

mod common;

use std::path::Path;

use budget_tui::app::App;
use budget_tui::i18n::Lang;
use budget_tui::import::load_path;
use budget_tui::model::TableKind;
use common::{keys, open_table, screen};

fn app(id: &str) -> App {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/pdf")
        .join(format!("{id}.pdf"));
    let doc = load_path(&path).unwrap_or_else(|e| panic!("{e}"));
    let mut app = App::new(doc, Lang::Zh);
    app.resize(120, 40);
    app
}

#[test]
fn wanli_2023_summary_and_basic_expenditure_table() {
    let mut app = app("shanghai-putuo-wanli-subdistrict-2023");
    let summary = screen(&app, 120, 40);
    assert!(summary.contains("164,978,640"), "{summary}");
    // 三公 22.91 万元 (the 三公 table's 小计) and 机关运行经费 786.09 万元 (its
    // own row), shown exactly in the Summary's 元.
    assert!(summary.contains("229,100.00"), "{summary}");
    assert!(summary.contains("7,860,900.00"), "{summary}");
    insta::assert_snapshot!("wanli_2023_summary_120x40", summary);
    open_table(&mut app, TableKind::GeneralPublicBasic);
    let table = screen(&app, 120, 40);
    // The page it stands on, the codes split into 类 款 项 read whole.
    assert!(table.contains("p. "), "{table}");
    assert!(table.contains("30101"), "{table}");
    insta::assert_snapshot!("wanli_2023_basic_table_120x40", table);
}

#[test]
fn jiangsu_2019_summary_and_three_public_table() {
    let mut app = app("jiangsu-procuratorate-2019");
    let summary = screen(&app, 120, 40);
    let line = |label: &str| {
        summary
            .lines()
            .find(|l| l.trim_start().starts_with(label))
            .unwrap_or_else(|| panic!("no {label}:\n{summary}"))
            .to_string()
    };
    // The truth file's figures: 三公 is the 小计 (the 合计 1,276.7 adds
    // 会议费 and 培训费); 人员 / 公用 by class (the table prints no such
    // columns); the total printed as 收入合计.
    assert!(line("收入总计").contains("24,169.74"), "{summary}");
    assert!(line("基本支出").contains("15,844.04"), "{summary}");
    assert!(line("“三公”经费").contains("418.26"), "{summary}");
    assert!(line("机关运行经费").contains("2,391.92"), "{summary}");
    insta::assert_snapshot!("jiangsu_2019_summary_120x40", summary);
    open_table(&mut app, TableKind::ThreePublicCosts);
    let table = screen(&app, 120, 40);
    assert!(table.contains("p. "), "{table}");
    insta::assert_snapshot!("jiangsu_2019_three_public_120x40", table);
}

/// Every sample opens and every tab shows its part of it, at 80×24 and
/// 120×40: the department in the status line, the tab's own content, and
/// in the Tables tab the page each table stands on.
#[test]
fn every_sample_opens_and_every_tab_shows_it() {
    let samples = [
        "jiangsu-procuratorate-2018",
        "jiangsu-procuratorate-2019",
        "shanghai-putuo-finance-bureau-2025",
        "shanghai-putuo-wanli-subdistrict-2023",
        "shanghai-putuo-wanli-subdistrict-2024",
        "shanghai-putuo-welfare-home-2024-unit",
    ];
    for id in samples {
        let mut app = app(id);
        let name: String = app.analysis.doc.department.name.chars().take(4).collect();
        for (key, must_show) in [
            ("1", "收入总计"),
            ("2", "功能分类"),
            ("3", "项目绩效目标表"),
            ("4", "条规则"),
            ("5", "p. "),
        ] {
            keys(&mut app, key);
            for (w, h) in [(120, 40), (80, 24)] {
                let s = screen(&app, w, h);
                assert!(s.contains(must_show), "{id} tab {key} {w}×{h}:\n{s}");
                let status = s.lines().last().unwrap_or_default();
                assert!(status.contains(&name), "{id} tab {key} {w}×{h}: {status}");
            }
        }
    }
}

/// Issue 10 A6: `Enter` on a sum finding opens the table view on the failing
/// cell with its parts marked and Σ of them beside the printed figure
/// (Wanli 2024 prints 301 工资福利支出 as 88,282,511 while its 款 add up to
/// 60,211,601).
#[test]
fn a_sum_finding_opens_the_table_with_its_parts_and_their_sum() {
    use budget_tui::app::Tab;
    use ratatui::crossterm::event::KeyCode;
    let mut app = app("shanghai-putuo-wanli-subdistrict-2024");
    app.resize(120, 40);
    keys(&mut app, "4");
    assert_eq!(app.tab, Tab::Checks);
    let target = app
        .analysis
        .report
        .findings
        .iter()
        .position(|f| f.rule == "table.parent-sum")
        .expect("Wanli 2024 has a parent-sum error");
    let parts = app.analysis.report.findings[target].parts.len();
    assert!(parts >= 2, "the 款 under 301 are the parts: {parts}");
    while app.checks.selected_finding() != Some(target) {
        let before = app.checks.cursor.selected;
        keys(&mut app, "j");
        assert_ne!(before, app.checks.cursor.selected, "finding not reached");
    }
    common::press(&mut app, KeyCode::Enter);
    assert_eq!(app.tab, Tab::Tables);
    let mark = app.tables_state.sum.clone().expect("the sum is marked");
    assert_eq!(mark.expected.to_string(), "60211601");
    assert_eq!(
        mark.printed.map(|p| p.to_string()).as_deref(),
        Some("88282511")
    );
    assert_eq!(mark.parts.len(), parts, "every part is on this table");
    let text = screen(&app, 120, 40);
    assert!(
        text.contains("Σ 各部分 60,211,601 ≠ 所列 88,282,511  差 +28,070,910"),
        "{text}"
    );
    // The next key in the table clears the marks; Esc returns to the finding.
    keys(&mut app, "j");
    assert!(app.tables_state.sum.is_none());
    common::press(&mut app, KeyCode::Esc);
    assert_eq!(app.tab, Tab::Checks);
    assert_eq!(app.checks.selected_finding(), Some(target));
}
