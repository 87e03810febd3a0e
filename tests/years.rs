//! Year over year on a real pair: Wanli subdistrict 2023 and 2024 (issue 12
//! item 4): codes side by side with Δ and Δ%, new and vanished codes
//! marked, cards compared by project code, the narrative's stated changes.

mod common;

use std::path::Path;

use budget_tui::analysis::years::{same_department, Presence, YearComparison};
use budget_tui::app::{App, Tab};
use budget_tui::i18n::Lang;
use budget_tui::import::load_path;
use budget_tui::model::{CodeScheme, Disclosure};
use common::{keys, screen};

fn pdf(id: &str) -> Disclosure {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/pdf")
        .join(format!("{id}.pdf"));
    load_path(&path).unwrap_or_else(|e| panic!("{e}"))
}

fn wanli(year: u16) -> Disclosure {
    pdf(&format!("shanghai-putuo-wanli-subdistrict-{year}"))
}

#[test]
fn the_wanli_pair_side_by_side_by_code() {
    let (a, b) = (wanli(2023), wanli(2024));
    assert!(same_department(&a, &b));
    assert!(!same_department(&a, &a), "the same year is not a pair");
    // Either order gives the earlier year first.
    let c = YearComparison::build(&b, &a);
    assert_eq!(c, YearComparison::build(&a, &b));
    assert_eq!(c.years, (2023, 2024));
    let row = |code: &str| {
        c.rows
            .iter()
            .find(|r| r.code == code)
            .unwrap_or_else(|| panic!("{code} compared"))
    };
    // 2120101 行政运行: 18,373,632 → 16,603,248 元.
    let admin = row("2120101");
    assert_eq!(admin.scheme, CodeScheme::Functional);
    assert_eq!(
        admin.before.map(|d| d.to_string()).as_deref(),
        Some("18373632")
    );
    assert_eq!(
        admin.after.map(|d| d.to_string()).as_deref(),
        Some("16603248")
    );
    assert_eq!(
        admin.delta().map(|d| d.to_string()).as_deref(),
        Some("-1770384")
    );
    assert_eq!(
        admin.percent().map(|d| d.to_string()).as_deref(),
        Some("-9.6")
    );
    // 205 教育支出 is new in 2024; 2080206 社会组织管理 is gone.
    assert_eq!(row("205").presence, Presence::New);
    assert_eq!(row("205").before, None);
    assert_eq!(row("2080206").presence, Presence::Vanished);
    // Economic codes from the basic expenditure table: 301 both years.
    let wages = row("301");
    assert_eq!(wages.scheme, CodeScheme::Economic);
    assert_eq!(
        wages.delta().map(|d| d.to_string()).as_deref(),
        Some("4435126")
    );
    // Cards: 2023 prints five, 2024 none; each is marked gone.
    assert_eq!(c.cards.len(), 5);
    assert!(c
        .cards
        .iter()
        .all(|k| k.presence == Presence::Vanished && k.before.is_some()));
}

#[test]
fn the_years_tab_opens_on_a_loaded_pair_and_not_otherwise() {
    let docs = vec![
        ("w23".to_string(), wanli(2023)),
        ("fb".to_string(), pdf("shanghai-putuo-finance-bureau-2025")),
        ("w24".to_string(), wanli(2024)),
    ];
    let mut app = App::with_documents(docs, Lang::Zh).expect("three documents");
    app.resize(120, 30);
    // The first document (Wanli 2023) has its 2024 loaded: tab 6 is there.
    assert!(app.tabs().contains(&Tab::Years), "{:?}", app.tabs());
    keys(&mut app, "6");
    assert_eq!(app.tab, Tab::Years);
    let text = screen(&app, 120, 30);
    insta::assert_snapshot!("years_wanli_120x30", text);
    insta::assert_snapshot!("years_wanli_80x24", screen(&app, 80, 24));
    assert!(text.contains(" 6 年度"), "{text}");
    assert!(text.contains("2023 → 2024"), "{text}");
    assert!(text.contains("单位：元"), "{text}");
    let line = |needle: &str| {
        text.lines()
            .find(|l| l.contains(needle))
            .unwrap_or_else(|| panic!("{needle} on screen:\n{text}"))
            .to_string()
    };
    let gps = line("一般公共服务支出");
    assert!(
        gps.contains("2,976,800") && gps.contains("2,932,700"),
        "{gps}"
    );
    assert!(gps.contains("-44,100") && gps.contains("-1.5%"), "{gps}");
    assert!(line("统计管理").contains("取消"));
    // `y` copies the later year's figure of the selected line (201: 2,932,700).
    let effects = keys(&mut app, "y");
    assert!(
        effects.contains(&budget_tui::app::Effect::Copy("2932700".into())),
        "{effects:?}"
    );
    // The finance bureau has no other year: no tab 6, and `6` does nothing.
    keys(&mut app, "0");
    keys(&mut app, "j");
    common::press(&mut app, ratatui::crossterm::event::KeyCode::Enter);
    assert!(app.analysis.doc.department.name.contains("财政局"));
    assert!(!app.tabs().contains(&Tab::Years));
    keys(&mut app, "6");
    assert_ne!(app.tab, Tab::Years);
}

/// The figure tokens of a screen (runs of figure characters with a digit).
fn figure_tokens(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in text.lines() {
        let mut token = String::new();
        for ch in line.chars().chain([' ']) {
            if budget_tui::ui::text::is_figure_char(ch) {
                token.push(ch);
                continue;
            }
            let t = token.trim_end_matches(['.', ',', '，', '-', '、']);
            if t.chars().any(|c| c.is_ascii_digit()) {
                out.push(t.to_string());
            }
            token.clear();
        }
    }
    out
}

/// Issue 10 A1 on the Years tab: at every width from 20 to 200 each figure
/// on screen is one the widest render shows, digit for digit (never cut).
#[test]
fn the_years_tab_shows_figures_whole_at_every_width() {
    let docs = vec![
        ("w23".to_string(), wanli(2023)),
        ("w24".to_string(), wanli(2024)),
    ];
    let mut app = App::with_documents(docs, Lang::Zh).expect("two documents");
    keys(&mut app, "6");
    let whole: std::collections::HashSet<String> = [240u16, 400]
        .iter()
        .flat_map(|&w| figure_tokens(&screen(&app, w, 200)))
        .collect();
    assert!(whole.contains("-1,770,384"), "2120101's change is shown");
    for width in 20..=200 {
        for token in figure_tokens(&screen(&app, width, 40)) {
            assert!(
                whole.contains(&token),
                "{width} columns: `{token}` is not a whole figure of the tab"
            );
        }
    }
}
