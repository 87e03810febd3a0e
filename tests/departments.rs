//! Several documents at once: the Departments tab lists them with their
//! headline figures in 万元 (元 documents converted exactly) and a total,
//! sorts and filters them, and `Enter` opens one in the other tabs.

mod common;

use budget_tui::app::{App, Tab};
use budget_tui::i18n::Lang;
use common::{keys, line_with, pdf_fixture, press, screen, seed};
use ratatui::crossterm::event::KeyCode;

fn library() -> App {
    let docs = vec![
        ("seed".to_string(), seed()),
        pdf_fixture("shanghai-putuo-wanli-subdistrict-2023"),
        pdf_fixture("shanghai-putuo-wanli-subdistrict-2024"),
    ];
    let mut app = App::with_documents(docs, Lang::Zh).expect("three documents");
    app.resize(140, 30);
    app
}

#[test]
fn lists_every_document_in_wan_yuan_with_a_total() {
    let app = library();
    assert_eq!(app.tab, Tab::Departments);
    let s = screen(&app, 140, 30);
    assert!(
        s.lines().next().unwrap_or_default().starts_with(" 0 部门"),
        "{s}"
    );
    assert!(s.contains("部门一览 3  单位：万元"), "{s}");
    // The seed in 万元 as printed; Wanli 2023's 164,978,640 元 exactly.
    let seed_line = line_with(&s, "邢台市人民政府办公室");
    assert!(seed_line.contains("3,264.56"), "{seed_line}");
    assert!(seed_line.contains("915.00"), "{seed_line}");
    let wanli = line_with(&s, "2023");
    assert!(wanli.contains("16,497.864"), "{wanli}");
    // Σ 收入总计 = 3,264.56 + 16,497.864 + 15,621.1123 (156,211,123 元).
    let total = line_with(&s, "Σ 合计 3");
    assert!(total.contains("35,383.5363"), "{total}");
    // The seed's five errors are counted.
    assert!(seed_line.trim_end().ends_with('5'), "{seed_line}");
}

#[test]
fn enter_opens_a_department_and_0_comes_back() {
    let mut app = library();
    press(&mut app, KeyCode::Down);
    // `update` reads nothing: Enter asks the terminal loop to open line 1.
    let asked = app.handle_key(&ratatui::crossterm::event::KeyEvent::new(
        KeyCode::Enter,
        ratatui::crossterm::event::KeyModifiers::NONE,
    ));
    assert_eq!(
        asked,
        Some(vec![budget_tui::app::Effect::OpenDepartment(1)])
    );
    assert_eq!(app.tab, Tab::Departments, "not opened by update itself");
    app.carry_out_opens(&asked.unwrap_or_default());
    assert_eq!(app.tab, Tab::Summary);
    assert_eq!(app.analysis.doc.department.budget_year, 2023);
    let s = screen(&app, 140, 30);
    assert!(s.contains("164,978,640"), "{s}");
    keys(&mut app, "0");
    assert_eq!(app.tab, Tab::Departments);
    // The cursor is still on the department that was opened.
    let lib = app.library.as_ref().expect("library");
    assert_eq!(lib.selected(), Some(1));
}

#[test]
fn filter_by_pinyin_and_sort_by_name() {
    let mut app = library();
    // 万里 by its pinyin initials.
    keys(&mut app, "fwl");
    press(&mut app, KeyCode::Enter);
    let lib = app.library.as_ref().expect("library");
    assert_eq!(lib.shown, [1, 2]);
    let s = screen(&app, 140, 30);
    assert!(line_with(&s, "Σ 合计 2").contains("32,118.9763"), "{s}");
    press(&mut app, KeyCode::Esc);
    keys(&mut app, "f");
    press(&mut app, KeyCode::Esc);
    // By name: 上海 (shang) before 邢台 (xing).
    keys(&mut app, "s");
    let lib = app.library.as_ref().expect("library");
    assert_eq!(lib.shown, [1, 2, 0]);
}

#[test]
fn one_document_opens_without_the_departments_tab() {
    let app = App::with_documents(vec![("seed".into(), seed())], Lang::Zh).expect("one");
    assert_eq!(app.tab, Tab::Summary);
    assert!(!screen(&app, 120, 30).contains("0 部门"));
}

#[test]
fn departments_140x30() {
    let app = library();
    insta::assert_snapshot!(screen(&app, 140, 30));
}

/// A file that cannot be read is listed, with its error, in the Problems
/// view of the Departments tab (`p`), even beside a single document; the
/// rest load.
#[test]
fn unreadable_files_are_listed_in_the_problems_view() {
    use budget_tui::load;
    let dir = std::env::temp_dir().join(format!("budget-problems-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let good = dir.join("xingtai.txt");
    std::fs::copy("data/raw/xingtai-gov-office-2025.txt", &good).expect("seed text");
    let broken = dir.join("broken.txt");
    std::fs::write(&broken, "这不是预算公开文件\n").expect("write");
    let (lines, _) = load::load_lines(
        std::slice::from_ref(&dir),
        &load::Options {
            cache: None,
            threads: 1,
            tables_only: false,
            count_errors: true,
        },
    );
    let mut app = App::with_lines(lines, Lang::Zh).expect("one document loads");
    assert_eq!(app.tab, Tab::Departments);
    let s = screen(&app, 140, 30);
    assert!(s.contains("部门一览 1"), "{s}");
    assert!(s.contains("无法读取的文件：1（p 查看）"), "{s}");
    assert!(
        line_with(&s, "邢台市人民政府办公室").contains("3,264.56"),
        "{s}"
    );
    keys(&mut app, "p");
    let s = screen(&app, 140, 30);
    let file = line_with(&s, "broken.txt");
    assert!(!file.contains("xingtai"), "{s}");
    // The error names the file and says what was expected.
    let lines: Vec<&str> = s.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.contains("broken.txt"))
        .unwrap_or(0);
    assert!(lines[at + 1].contains("broken.txt"), "{s}");
    assert!(!s.contains("3,264.56"), "the list is replaced: {s}");
    press(&mut app, KeyCode::Esc);
    assert!(screen(&app, 140, 30).contains("3,264.56"));
    let _ = std::fs::remove_dir_all(&dir);
}

/// A Σ wider than the usual column widens the columns: shown whole, never
/// cut with `…`.
#[test]
fn a_wide_sum_is_shown_whole() {
    use budget_tui::analysis::library::{DepartmentLine, LineFacts};
    use budget_tui::load::{DocSource, Lines};
    use rust_decimal::Decimal;
    let huge = |name: &str| {
        let facts = LineFacts {
            name: name.to_string(),
            year: 2025,
            income_total: Some(Decimal::new(9_999_999_999_123_456, 6)),
            ..LineFacts::default()
        };
        DepartmentLine::of_facts(name, facts, 0)
    };
    let lines = Lines {
        lines: vec![huge("甲局"), huge("乙局")],
        sources: vec![
            DocSource::Loaded(Box::new(seed())),
            DocSource::Loaded(Box::new(seed())),
        ],
        problems: Vec::new(),
    };
    let app = App::with_lines(lines, Lang::Zh).expect("two lines");
    let s = screen(&app, 160, 12);
    let total = line_with(&s, "Σ 合计 2");
    assert!(total.contains("19,999,999,998.246912"), "{s}");
    assert!(!total.contains('…'), "{s}");
    assert!(
        line_with(&s, "甲局").contains("9,999,999,999.123456"),
        "{s}"
    );
}

/// A Σ that adds up fewer documents than are listed says how many on the
/// line below it, so the columns stay as narrow as their figures.
#[test]
fn a_sum_of_fewer_documents_says_how_many() {
    use budget_tui::analysis::library::{DepartmentLine, LineFacts};
    use budget_tui::load::{DocSource, Lines};
    use rust_decimal::Decimal;
    let line = |name: &str, income: Option<i64>| {
        let facts = LineFacts {
            name: name.to_string(),
            year: 2025,
            income_total: income.map(|v| Decimal::new(v, 2)),
            basic: Some(Decimal::new(100, 2)),
            ..LineFacts::default()
        };
        DepartmentLine::of_facts(name, facts, 0)
    };
    let lines = Lines {
        lines: vec![
            line("甲局", Some(326_456)),
            line("乙局", None),
            line("丙局", Some(1_000)),
        ],
        sources: (0..3)
            .map(|_| DocSource::Loaded(Box::new(seed())))
            .collect(),
        problems: Vec::new(),
    };
    let app = App::with_lines(lines, Lang::Zh).expect("three lines");
    let s = screen(&app, 80, 12);
    let total = line_with(&s, "Σ 合计 3");
    assert!(total.contains("3,274.56"), "{s}");
    assert!(total.contains("3.00"), "{s}");
    // No document prints 项目支出: its Σ is no figure, not 0.
    let sums: Vec<&str> = total.split_whitespace().skip(3).collect();
    assert_eq!(sums, ["3,274.56", "3.00", "—", "—", "0", "0"], "{s}");
    // 收入总计 covers two of three; 基本支出 all three.
    let covered = line_with(&s, "所含文档数");
    let counts: Vec<&str> = covered.split_whitespace().skip(1).collect();
    assert_eq!(&counts[..2], ["2", "3"], "{s}");
    // At 80 columns every figure column is on screen: 收入总计 … “三公”经费.
    assert!(line_with(&s, "年度").contains("“三公”经费"), "{s}");
}

/// On a narrow screen the value columns scroll (`<` `>`) behind the name
/// and year, `‹ ›` saying that some are off screen; `>` stops once the
/// last one is on screen.
#[test]
fn narrow_screens_scroll_the_value_columns() {
    let mut app = library();
    app.resize(60, 20);
    let s = screen(&app, 60, 20);
    let header = line_with(&s, "年度");
    assert!(header.contains(" ›") && header.contains("收入总计"), "{s}");
    assert!(!header.contains("错误"), "{s}");
    for _ in 0..10 {
        keys(&mut app, ">");
    }
    let s = screen(&app, 60, 20);
    let header = line_with(&s, "年度");
    assert!(header.contains("‹") && header.contains("错误"), "{s}");
    assert!(!header.contains("收入总计"), "{s}");
    // The seed's five errors.
    assert!(line_with(&s, "邢台市人民").trim_end().ends_with('5'), "{s}");
    let first = app.library.as_ref().map(|l| l.first_column);
    keys(&mut app, ">");
    assert_eq!(app.library.as_ref().map(|l| l.first_column), first);
    // Back to the start: 收入总计 again.
    for _ in 0..10 {
        keys(&mut app, "<");
    }
    assert!(line_with(&screen(&app, 60, 20), "年度").contains("收入总计"));
}
