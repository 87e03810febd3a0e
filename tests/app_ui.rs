//! The app on the seed: screens as insta snapshots (TestBackend), every
//! size without panic, and key-driven navigation.

mod common;

use budget_tui::app::{Overlay, Tab};
use budget_tui::i18n::Lang;
use common::{keys, press, screen, seed_app};
use ratatui::crossterm::event::KeyCode;

#[test]
fn summary_120x40() {
    let app = seed_app(Lang::Zh);
    insta::assert_snapshot!(screen(&app, 120, 40));
}

#[test]
fn summary_80x24() {
    let app = seed_app(Lang::Zh);
    insta::assert_snapshot!(screen(&app, 80, 24));
}

#[test]
fn summary_80x24_english() {
    let app = seed_app(Lang::En);
    insta::assert_snapshot!(screen(&app, 80, 24));
}

#[test]
fn summary_all_rows_shows_34() {
    let mut app = seed_app(Lang::Zh);
    assert_eq!(app.analysis.summary.ledger.len(), 34);
    let hidden = screen(&app, 120, 60);
    assert!(
        !hidden.contains("三、国防支出"),
        "blank rows hidden by default"
    );
    keys(&mut app, "a");
    let shown = screen(&app, 120, 60);
    assert!(shown.contains("三、国防支出"));
}

#[test]
fn summary_headline_figures() {
    let app = seed_app(Lang::Zh);
    let s = &app.analysis.summary;
    let d = |t: &str| t.parse::<rust_decimal::Decimal>().ok();
    assert_eq!(s.income_total, d("3264.56"));
    assert_eq!(s.expenditure_total, d("3264.56"));
    let sources: Vec<_> = s
        .income_sources
        .iter()
        .map(|x| (x.label.as_str(), x.amount.to_string()))
        .collect();
    assert_eq!(
        sources,
        [
            ("一般公共预算拨款收入", "3244.56".to_string()),
            ("政府性基金预算拨款收入", "20.00".to_string())
        ]
    );
    let functions: Vec<_> = s
        .by_function
        .iter()
        .map(|x| {
            (
                x.label.as_str(),
                x.amount.to_string(),
                x.percent.map(|p| p.to_string()),
            )
        })
        .collect();
    assert_eq!(
        functions,
        [
            ("一般公共服务支出", "3244.56".into(), Some("99.4".into())),
            ("城乡社区支出", "20.00".into(), Some("0.6".into()))
        ]
    );
    assert_eq!(s.basic, d("2349.56"));
    assert_eq!(s.personnel, d("2049.75"));
    assert_eq!(s.public_use, d("299.81"));
    assert_eq!(s.project, d("915.00"));
    assert_eq!(s.project_cards, 12);
    assert_eq!(s.three_public, d("24.00"));
    assert_eq!(s.running_costs, d("299.81"));
    let yoy = &s.year_over_year;
    assert_eq!(yoy.total, d("-231.83"));
    assert_eq!(yoy.basic, d("170.47"));
    assert_eq!(yoy.project, d("-402.30"));
    assert_eq!(yoy.three_public, d("-41.60"));
}

#[test]
fn drill_down_120x40() {
    let mut app = seed_app(Lang::Zh);
    keys(&mut app, "2*");
    insta::assert_snapshot!(screen(&app, 120, 40));
}

#[test]
fn drill_down_80x24() {
    let mut app = seed_app(Lang::Zh);
    keys(&mut app, "2");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Enter);
    insta::assert_snapshot!(screen(&app, 80, 24));
}

#[test]
fn drill_down_economic_80x24() {
    let mut app = seed_app(Lang::Zh);
    keys(&mut app, "2e*");
    insta::assert_snapshot!(screen(&app, 80, 24));
}

#[test]
fn help_overlay_lists_every_binding() {
    let mut app = seed_app(Lang::En);
    keys(&mut app, "?");
    // Wide enough for the groups to flow into columns that fit.
    let text = screen(&app, 200, 60);
    for binding in &budget_tui::keymap::Keymap::default().bindings {
        let desc = budget_tui::i18n::t(Lang::En, binding.description);
        assert!(text.contains(desc), "help lacks `{desc}`");
    }
    press(&mut app, KeyCode::Esc);
    assert!(!app.help_open());
}

#[test]
fn help_overlay_scrolls_on_a_small_screen() {
    let mut app = seed_app(Lang::En);
    keys(&mut app, "?");
    let first = screen(&app, 80, 24);
    keys(&mut app, "jjjj");
    let scrolled = screen(&app, 80, 24);
    assert_ne!(first, scrolled);
    assert!(app.help_open(), "j scrolls, it does not close");
}

#[test]
fn keys_drill_to_2010301_and_back() {
    let mut app = seed_app(Lang::Zh);
    keys(&mut app, "2");
    assert_eq!(app.tab, Tab::Drill);
    assert_eq!(app.code_path(), ["201"]);
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.code_path(), ["201", "20103"]);
    press(&mut app, KeyCode::Right);
    assert_eq!(app.code_path(), ["201", "20103", "2010301"]);
    let text = screen(&app, 120, 40);
    let row = text
        .lines()
        .find(|l| l.trim_start().starts_with("2010301 行政运行"))
        .expect("row shown");
    assert!(row.contains("2,349.56"), "{row}");
    assert!(text.contains("201 › 20103 › 2010301"), "breadcrumb");
    // The side panel names every table that carries the code.
    for table in ["收入总表", "支出总表", "一般公共预算财政拨款支出表"] {
        assert!(text.contains(&format!("{table}：")), "{table} in panel");
    }
    press(&mut app, KeyCode::Backspace);
    assert_eq!(app.code_path(), ["201", "20103"]);
    keys(&mut app, "h");
    assert_eq!(app.code_path(), ["201"]);
}

#[test]
fn keys_reach_30231_in_a_handful() {
    let mut app = seed_app(Lang::Zh);
    // 2 (tab), e (economic), j (302), Enter (30201), j×5 (30231).
    keys(&mut app, "2ej");
    press(&mut app, KeyCode::Enter);
    keys(&mut app, "jjjjj");
    assert_eq!(app.code_path(), ["302", "30231"]);
    let text = screen(&app, 80, 24);
    let row = text
        .lines()
        .find(|l| l.trim_start().starts_with("30231 公务用车运行维护费"))
        .expect("row shown");
    assert!(row.contains("24.00"), "{row}");
}

#[test]
fn depth_keys_keep_amount_columns_in_place() {
    let mut app = seed_app(Lang::Zh);
    keys(&mut app, "2");
    let header = |s: &str| s.lines().nth(2).map(str::to_string).unwrap_or_default();
    let shallow = screen(&app, 120, 40);
    keys(&mut app, "*");
    let deep = screen(&app, 120, 40);
    assert_eq!(header(&shallow), header(&deep));
    assert!(deep.contains("2120899"));
    keys(&mut app, "-");
    let mid = screen(&app, 120, 40);
    assert!(mid.contains("21208") && !mid.contains("2120899"));
    // A row collapsed by depth still shows its subtree total.
    let row = mid
        .lines()
        .find(|l| l.contains("21208 "))
        .unwrap_or_default();
    assert!(row.contains("20.00"), "{row}");
}

#[test]
fn tabs_switch_by_number_and_tab_key() {
    let mut app = seed_app(Lang::Zh);
    press(&mut app, KeyCode::Tab);
    assert_eq!(app.tab, Tab::Drill);
    press(&mut app, KeyCode::BackTab);
    assert_eq!(app.tab, Tab::Summary);
    keys(&mut app, "4");
    assert_eq!(app.tab, Tab::Checks);
    assert_eq!(keys(&mut app, "q"), [budget_tui::app::Effect::Quit]);
}

#[test]
fn every_tab_renders_at_every_size_with_its_tab_bar_or_a_too_small_note() {
    let mut app = seed_app(Lang::Zh);
    let widths = [
        1u16, 2, 3, 5, 8, 11, 12, 13, 20, 31, 40, 59, 80, 100, 119, 120, 121, 131, 160, 200,
    ];
    let heights = [1u16, 2, 3, 4, 5, 7, 10, 15, 16, 17, 24, 30, 40, 60];
    for tab in Tab::ALL {
        app.tab = tab;
        for help in [false, true] {
            app.overlay = help.then_some(Overlay::Help { scroll: 0 });
            for &w in &widths {
                for &h in &heights {
                    let text = screen(&app, w, h);
                    let first = text.lines().next().unwrap_or_default();
                    assert_eq!(text.lines().count(), h as usize, "{w}×{h}");
                    if w >= 12 && h >= 3 {
                        assert!(first.starts_with(" 1 "), "{tab:?} {w}×{h}: {first}");
                        // The status line is the last line, never empty.
                        let last = text.lines().last().unwrap_or_default();
                        assert!(!last.trim().is_empty(), "{tab:?} {w}×{h}");
                    } else if w >= 4 {
                        // Too small: a note, cut with `…` if need be.
                        assert!(
                            first.starts_with("窗口") || first.ends_with('…'),
                            "{w}×{h}: {first}"
                        );
                    }
                }
            }
        }
    }
    // Deep drill state and scrolled columns too.
    app.overlay = None;
    app.tab = Tab::Drill;
    keys(&mut app, "*>>>>>>>>");
    for &w in &widths {
        for &h in &heights {
            let _ = screen(&app, w, h);
        }
    }
}
