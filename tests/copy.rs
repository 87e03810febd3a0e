//! `y` copies the selected figure, `Y` the selected table row as TSV: the
//! effect carries the text, and OSC 52 is what the terminal loop writes.

mod common;

use budget_tui::app::copy::osc52;
use budget_tui::app::Effect;
use budget_tui::i18n::Lang;
use common::{keys, press, seed_app};
use ratatui::crossterm::event::KeyCode;

#[test]
fn gwyc_enter_y_copies_24_00() {
    let mut app = seed_app(Lang::Zh);
    keys(&mut app, "/gwyc");
    press(&mut app, KeyCode::Enter);
    let effects = keys(&mut app, "y");
    assert_eq!(effects, [Effect::Copy("24.00".into())]);
    assert_eq!(osc52("24.00"), "\u{1b}]52;c;MjQuMDA=\u{7}");
    let notice = app.notice.clone().unwrap_or_default();
    assert!(
        notice.contains("24.00") && notice.contains("OSC 52"),
        "{notice}"
    );
}

#[test]
fn capital_y_copies_the_row_as_tsv_with_its_header() {
    let mut app = seed_app(Lang::Zh);
    keys(&mut app, "/gwyc");
    press(&mut app, KeyCode::Enter);
    let effects = keys(&mut app, "Y");
    let [Effect::Copy(tsv)] = effects.as_slice() else {
        panic!("{effects:?}")
    };
    let lines: Vec<&str> = tsv.lines().collect();
    assert_eq!(lines.len(), 2, "{tsv}");
    assert!(lines[0].contains("科目编码\t科目名称"), "{tsv}");
    assert!(
        lines[1].contains("30231\t公务用车运行维护费\t24.00"),
        "{tsv}"
    );
}

#[test]
fn figures_copy_without_separators_and_cards_copy_the_target_as_printed() {
    let mut app = seed_app(Lang::Zh);
    // T3's 合计 × 项目支出 is a cell; 3,264.56 copies as 3264.56.
    keys(&mut app, "/srzj");
    press(&mut app, KeyCode::Enter);
    assert_eq!(keys(&mut app, "y"), [Effect::Copy("3264.56".into())]);
    // The hotline B card's 成本指标, as printed.
    keys(&mut app, "3j");
    press(&mut app, KeyCode::Enter);
    let target = app.analysis.doc.projects[1]
        .indicators
        .iter()
        .position(|i| i.value.raw.contains("622600"))
        .expect("the cost indicator");
    for _ in 0..target {
        press(&mut app, KeyCode::Down);
    }
    assert_eq!(keys(&mut app, "y"), [Effect::Copy("≤622600 万元".into())]);
}

#[test]
fn nothing_selected_says_so() {
    let mut app = seed_app(Lang::Zh);
    assert!(keys(&mut app, "y").is_empty());
    assert!(app.notice.is_some());
}
