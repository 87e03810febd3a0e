//! Projects tab on the seed: list, card and comparison screens, the
//! alignment of two hotline cards, and key-driven marking and comparing.

mod common;

use budget_tui::app::compare::align;
use budget_tui::app::projects::Screen;
use budget_tui::app::{App, Tab};
use budget_tui::i18n::Lang;
use common::{keys, press, screen, seed_app};
use ratatui::crossterm::event::KeyCode;

fn card_index(app: &App, name: &str) -> usize {
    app.analysis
        .doc
        .projects
        .iter()
        .position(|p| p.name.replace(' ', "") == name)
        .unwrap_or_else(|| panic!("card {name}"))
}

/// Selects the card `name` in the list (document order) and returns its index.
fn select(app: &mut App, name: &str) -> usize {
    let index = card_index(app, name);
    keys(app, "g");
    for _ in 0..index {
        keys(app, "j");
    }
    index
}

#[test]
fn project_list_120x40() {
    let mut app = common::seed_app(Lang::Zh);
    keys(&mut app, "3");
    insta::assert_snapshot!(screen(&app, 120, 40));
}

#[test]
fn hotline_card_120x40() {
    let mut app = common::seed_app(Lang::Zh);
    keys(&mut app, "3");
    select(&mut app, "市长热线经费");
    press(&mut app, KeyCode::Enter);
    insta::assert_snapshot!(screen(&app, 120, 40));
}

#[test]
fn hotline_comparison_120x40() {
    let mut app = common::seed_app(Lang::Zh);
    keys(&mut app, "3");
    select(&mut app, "基本工作经费B（市长热线)");
    keys(&mut app, " ");
    select(&mut app, "市长热线经费");
    keys(&mut app, " c");
    assert_eq!(app.projects.screen, Screen::Compare);
    insta::assert_snapshot!(screen(&app, 120, 40));
}

#[test]
fn alignment_of_the_two_hotline_cards() {
    let app = common::seed_app(Lang::Zh);
    let b = card_index(&app, "基本工作经费B（市长热线)");
    let f = card_index(&app, "市长热线经费");
    let cards = [&app.analysis.doc.projects[b], &app.analysis.doc.projects[f]];
    let rows = align(&cards);
    assert_eq!(rows.len(), 13);
    let blank_on_b: Vec<&str> = rows
        .iter()
        .filter(|r| r.is_blank(0))
        .map(|r| r.label.as_str())
        .collect();
    assert_eq!(
        blank_on_b,
        [
            "设备维修维护台数",
            "印刷手册（工牌）份数",
            "设备正常运转率",
            "手册（工牌）质量"
        ]
    );
    assert!(
        rows.iter().all(|r| !r.is_blank(1)),
        "the 13-indicator card fills every row"
    );
    let cost = rows
        .iter()
        .find(|r| r.level2 == "成本指标")
        .expect("a 成本指标 row");
    let raw = |card: usize, column: usize| {
        cost.cells[column]
            .map(|n| cards[card].indicators[n].value.raw.clone())
            .unwrap_or_default()
    };
    assert_eq!(raw(0, 0), "≤622600 万元");
    assert_eq!(raw(1, 1), "10万元");
    assert!(cost.differs);
    let satisfaction = rows.iter().find(|r| r.label == "满意率").expect("满意率");
    assert!(!satisfaction.differs, "both ≥75%");
}

#[test]
fn keys_mark_compare_scroll_and_close() {
    let mut app = common::seed_app(Lang::Zh);
    keys(&mut app, "3");
    assert_eq!(app.tab, Tab::Projects);
    // Compare with nothing marked: a notice, no comparison.
    keys(&mut app, "c");
    assert_eq!(app.projects.screen, Screen::List);
    assert!(app.projects.notice.is_some());
    // Mark four cards; a fifth is refused.
    keys(&mut app, " j j j j ");
    assert_eq!(app.projects.marked, [0, 1, 2, 3]);
    keys(&mut app, "c");
    assert_eq!(app.projects.screen, Screen::Compare);
    let narrow = screen(&app, 80, 24);
    assert!(narrow.contains('>'), "more columns to the right at 80 wide");
    keys(&mut app, ">");
    let cmp = app.projects.comparison.as_ref().expect("comparison open");
    assert_eq!(cmp.first_card, 1);
    let scrolled = screen(&app, 80, 24);
    assert_ne!(narrow, scrolled);
    // The frozen first column is still there.
    assert!(scrolled.lines().nth(1).unwrap_or_default().contains("指标"));
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.projects.screen, Screen::List);
}

#[test]
fn sort_and_filter() {
    let mut app = common::seed_app(Lang::Zh);
    keys(&mut app, "3s");
    let first = app.projects.list[0];
    assert_eq!(
        app.analysis.doc.projects[first].name.replace(' ', ""),
        "基本工作经费B（市长热线)"
    );
    keys(&mut app, "f");
    keys(&mut app, "热线");
    press(&mut app, KeyCode::Enter);
    let names: Vec<String> = app
        .projects
        .list
        .iter()
        .map(|&i| app.analysis.doc.projects[i].name.replace(' ', ""))
        .collect();
    assert_eq!(names, ["基本工作经费B（市长热线)", "市长热线经费"]);
    // q typed into a filter is text, not quit.
    keys(&mut app, "f");
    assert!(keys(&mut app, "q").is_empty(), "q is typed, not quit");
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.projects.list.len(), 12);
}

#[test]
fn category_view_sorts_cost_indicators_by_value() {
    let mut app = common::seed_app(Lang::Zh);
    keys(&mut app, "3v");
    let cost = app
        .projects
        .categories
        .iter()
        .position(|c| c == "成本指标")
        .expect("成本指标 category");
    for _ in 0..cost {
        keys(&mut app, "]");
    }
    keys(&mut app, "s");
    let (card, n) = app.projects.category_rows[0];
    assert_eq!(
        app.analysis.doc.projects[card].indicators[n].value.raw,
        "≤622600 万元"
    );
    assert_eq!(app.projects.category_rows.len(), 12);
    let text = screen(&app, 120, 40);
    assert!(text.contains("超预算"), "the over-budget cost is flagged");
}

#[test]
fn list_has_a_total_row_against_project_expenditure_and_findings_per_card() {
    let mut app = seed_app(Lang::Zh);
    keys(&mut app, "3");
    let s = screen(&app, 120, 30);
    let total = s
        .lines()
        .find(|l| l.contains("Σ 合计"))
        .expect("a total row");
    assert!(total.contains("915.00"), "{total}");
    assert!(total.contains("项目支出 915.00万元"), "{total}");
    // The hotline B card has the over-budget 成本指标: an error.
    let hotline = s
        .lines()
        .find(|l| l.contains("13050025P00945010077D"))
        .expect("card 2");
    assert!(hotline.contains("1错"), "{hotline}");
}

#[test]
fn brackets_step_through_cards_and_filter_matches_pinyin() {
    let mut app = seed_app(Lang::Zh);
    keys(&mut app, "3");
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.projects.screen, Screen::Card(0));
    keys(&mut app, "]]");
    assert_eq!(app.projects.screen, Screen::Card(2));
    keys(&mut app, "[");
    assert_eq!(app.projects.screen, Screen::Card(1));
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.projects.screen, Screen::List);
    // 热线 by its full pinyin: both hotline cards.
    keys(&mut app, "frexian");
    press(&mut app, KeyCode::Enter);
    let names: Vec<&str> = app
        .projects
        .list
        .iter()
        .map(|&i| app.analysis.doc.projects[i].name.as_str())
        .collect();
    assert_eq!(names, ["基本工作经费 B（市长热线)", "市长热线经费"]);
}

#[test]
fn sort_by_name_is_pinyin_order_and_s_reverses() {
    let mut app = seed_app(Lang::Zh);
    keys(&mut app, "3ss");
    let first = app.analysis.doc.projects[app.projects.list[0]].name.clone();
    // 大型会议 (da) comes before 基本 (ji), 市 (shi), 综合 (zong).
    assert_eq!(first, "大型会议和活动经费");
    keys(&mut app, "S");
    let first = app.analysis.doc.projects[app.projects.list[0]].name.clone();
    assert_eq!(first, "综合业务管理经费");
}

#[test]
fn card_marks_flagged_indicators_and_details_the_selected_one() {
    let mut app = seed_app(Lang::Zh);
    keys(&mut app, "3jjjjj");
    press(&mut app, KeyCode::Enter);
    keys(&mut app, "j");
    let s = screen(&app, 120, 40);
    let garbled = s
        .lines()
        .find(|l| l.contains("设备维修维护台数"))
        .expect("the garbled row");
    assert!(garbled.starts_with('!'), "{garbled}");
    assert!(
        s.contains("指标详情 · 产出指标 › 数量指标 › 设备维修维护台数"),
        "{s}"
    );
    assert!(s.contains("指标值：≤150150台"), "{s}");
    assert!(s.contains("审核发现："), "{s}");
}

#[test]
fn comparison_shows_funds_purpose_plan_and_each_cards_own_indicator_names() {
    let mut app = seed_app(Lang::Zh);
    keys(&mut app, "3j jjjj c");
    assert_eq!(app.projects.screen, Screen::Compare);
    let s = screen(&app, 120, 40);
    let line = |label: &str| {
        s.lines()
            .find(|l| l.trim_start().starts_with(label))
            .unwrap_or_else(|| panic!("no {label} line:\n{s}"))
            .to_string()
    };
    assert!(line("财政资金").contains("600.00"), "{s}");
    assert!(line("资金支出计划").contains("10月底 75%"), "{s}");
    // The 数量 group: each card's first 数量指标 under its own name.
    let quantity = line("数量");
    assert!(quantity.contains("外包服务保障月数"), "{quantity}");
    assert!(quantity.contains("办公电话保障月数"), "{quantity}");
    // The over-budget 成本指标 keeps its figure whole in a narrow cell.
    let cost = line("成本");
    assert!(cost.contains("≤622600 万元"), "{cost}");
}
