//! All departments: `a` on the Departments tab sums the selection by
//! classification code (元 and 万元 documents converted exactly), each sum
//! with how many departments print the code, in the Drill-down tab (`Enter`
//! lists them) and in the Tables tab (the departments side by side).

mod common;

use budget_tui::app::{App, Tab};
use budget_tui::i18n::Lang;
use budget_tui::model::CodeScheme;
use common::{keys, line_with, pdf_fixture, press, screen, seed};
use ratatui::crossterm::event::KeyCode;

/// The seed (万元) and three Shanghai disclosures printed in 元.
fn library() -> App {
    let docs = vec![
        ("seed".to_string(), seed()),
        pdf_fixture("shanghai-putuo-wanli-subdistrict-2023"),
        pdf_fixture("shanghai-putuo-wanli-subdistrict-2024"),
        pdf_fixture("shanghai-putuo-finance-bureau-2025"),
    ];
    let mut app = App::with_documents(docs, Lang::Zh).expect("four documents");
    app.resize(120, 40);
    app
}

/// Moves the aggregate's cursor onto `code` with `j`.
fn go_to(app: &mut App, code: &str) {
    let at = {
        let view = app
            .library
            .as_ref()
            .and_then(|l| l.aggregate.as_ref())
            .expect("the aggregate is open");
        view.rows()
            .rows
            .iter()
            .position(|r| r.code == code)
            .unwrap_or_else(|| panic!("no {code}"))
    };
    keys(app, "g");
    keys(app, &"j".repeat(at));
}

#[test]
fn sums_each_code_in_wan_yuan_with_its_departments() {
    let mut app = library();
    keys(&mut app, "a");
    // In the Drill-down tab, and the status line speaks for all four.
    assert_eq!(app.tab, Tab::Drill);
    let s = screen(&app, 120, 40);
    assert!(
        s.lines()
            .last()
            .unwrap_or_default()
            .starts_with(" 所有部门 4 单位：万元"),
        "{s}"
    );
    assert!(
        s.contains("所有部门 · 功能分类  部门数 4  单位：万元"),
        "{s}"
    );
    // Wanli is loaded in two years: both count, and the title says so.
    assert!(
        s.contains("单位：万元  层级 3/3  跨年度：2023 2024 2025"),
        "{s}"
    );
    // 3,244.56 万元 + 2,976,800 元 + 2,932,700 元 + 22,186,440.80 元.
    let general = line_with(&s, " 201 ");
    assert!(general.contains("6,054.15408"), "{general}");
    assert!(general.trim_end().ends_with("(4)"), "{general}");
    // Only the seed prints 2010301, as printed in 万元.
    let office = line_with(&s, "2010301");
    assert!(office.contains("2,349.56"), "{office}");
    assert!(office.trim_end().ends_with("(1)"), "{office}");
    // Only Wanli prints 2120101: 18,373,632 元 + 16,603,248 元.
    go_to(&mut app, "2120101");
    let s = screen(&app, 120, 40);
    let run = line_with(&s, "2120101");
    assert!(run.contains("3,497.6880"), "{run}");
    assert!(run.trim_end().ends_with("(2)"), "{run}");
}

#[test]
fn enter_lists_the_contributors_largest_first_and_esc_comes_back() {
    let mut app = library();
    keys(&mut app, "j");
    keys(&mut app, "a");
    go_to(&mut app, "2120101");
    let before = screen(&app, 120, 40);
    press(&mut app, KeyCode::Enter);
    let s = screen(&app, 120, 40);
    assert!(
        s.contains("各部门 › 2120101 行政运行  Σ 3,497.6880 (2)"),
        "{s}"
    );
    let body: Vec<&str> = s.lines().skip(3).take(2).collect();
    assert!(
        body[0].contains("万里街道办事处") && body[0].contains("2023"),
        "{s}"
    );
    assert!(body[0].trim_end().ends_with("1,837.3632"), "{s}");
    assert!(
        body[1].contains("2024") && body[1].trim_end().ends_with("1,660.3248"),
        "{s}"
    );
    assert_eq!(
        s.lines().filter(|l| l.contains("万里街道")).count(),
        2,
        "{s}"
    );
    // Esc: the codes again, the cursor where it was; Esc: the list, where
    // `a` was pressed.
    press(&mut app, KeyCode::Esc);
    assert_eq!(screen(&app, 120, 40), before);
    press(&mut app, KeyCode::Backspace);
    assert_eq!(app.tab, Tab::Departments);
    assert!(app.aggregate().is_none());
    let lib = app.library.as_ref().expect("library");
    assert_eq!(lib.selected(), Some(1));
    assert!(screen(&app, 120, 40).contains("部门一览 4"));
}

#[test]
fn enter_on_a_contributor_opens_that_department() {
    let mut app = library();
    keys(&mut app, "a");
    go_to(&mut app, "2120101");
    press(&mut app, KeyCode::Enter);
    keys(&mut app, "j");
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.tab, Tab::Summary);
    assert_eq!(app.analysis.doc.department.budget_year, 2024);
}

#[test]
fn e_shows_the_economic_codes() {
    let mut app = library();
    keys(&mut app, "ae");
    let view = app
        .library
        .as_ref()
        .and_then(|l| l.aggregate.as_ref())
        .expect("open");
    assert_eq!(view.scheme, CodeScheme::Economic);
    let s = screen(&app, 120, 40);
    assert!(s.contains("所有部门 · 经济分类"), "{s}");
    // 基本工资: 306.17 万元 + 5,668,416 + 5,873,551 + 2,642,448.00 元.
    go_to(&mut app, "30101");
    let s = screen(&app, 120, 40);
    let wages = line_with(&s, "30101");
    assert!(wages.contains("1,724.6115"), "{wages}");
    assert!(wages.trim_end().ends_with("(4)"), "{wages}");
    keys(&mut app, "e");
    assert!(screen(&app, 120, 40).contains("所有部门 · 功能分类"));
}

#[test]
fn a_filtered_list_sums_only_what_is_shown() {
    let mut app = library();
    keys(&mut app, "fwljd");
    press(&mut app, KeyCode::Enter);
    keys(&mut app, "a");
    let s = screen(&app, 120, 40);
    assert!(s.contains("部门数 2"), "{s}");
    // 2,976,800 元 + 2,932,700 元.
    let general = line_with(&s, " 201 ");
    assert!(general.contains("590.95"), "{general}");
    assert!(general.trim_end().ends_with("(2)"), "{general}");
    assert!(!s.contains("2010301"), "{s}");
}

/// `f 2024` keeps one year, so Wanli is not added up across its two years.
#[test]
fn filtering_by_year_sums_one_year() {
    let mut app = library();
    keys(&mut app, "f2024");
    press(&mut app, KeyCode::Enter);
    keys(&mut app, "a");
    let s = screen(&app, 120, 40);
    assert!(s.contains("部门数 1"), "{s}");
    assert!(!s.contains("跨年度"), "{s}");
    // Wanli 2024 alone: 2,932,700 元.
    let general = line_with(&s, " 201 ");
    assert!(general.contains("293.27"), "{general}");
    assert!(general.trim_end().ends_with("(1)"), "{general}");
}

#[test]
fn aggregate_80x24() {
    let mut app = library();
    app.resize(80, 24);
    keys(&mut app, "a");
    insta::assert_snapshot!(screen(&app, 80, 24));
}

#[test]
fn aggregate_120x40() {
    let mut app = library();
    keys(&mut app, "a");
    insta::assert_snapshot!(screen(&app, 120, 40));
}

#[test]
fn contributors_120x40() {
    let mut app = library();
    keys(&mut app, "a");
    go_to(&mut app, "201");
    press(&mut app, KeyCode::Enter);
    insta::assert_snapshot!(screen(&app, 120, 40));
}

#[test]
fn y_copies_the_sum_and_x_exports_the_codes() {
    use budget_tui::app::Effect;
    let mut app = library();
    keys(&mut app, "a");
    go_to(&mut app, "2120101");
    assert_eq!(keys(&mut app, "y"), [Effect::Copy("3497.6880".into())]);
    let exported = keys(&mut app, "x");
    let [Effect::Export {
        file_name,
        contents,
    }] = exported.as_slice()
    else {
        panic!("{exported:?}");
    };
    assert_eq!(file_name, "所有部门-功能分类.csv");
    assert!(
        contents
            .lines()
            .any(|l| l == "2120101,行政运行,3,3497.6880,2,万元"),
        "{contents}"
    );
    assert!(
        contents
            .lines()
            .any(|l| l == "201,一般公共服务支出,1,6054.15408,4,万元"),
        "{contents}"
    );
    // In the code's departments: the selected one's figure, and the list.
    press(&mut app, KeyCode::Enter);
    assert_eq!(keys(&mut app, "y"), [Effect::Copy("1837.3632".into())]);
    let exported = keys(&mut app, "x");
    let [Effect::Export { contents, .. }] = exported.as_slice() else {
        panic!("{exported:?}");
    };
    let years: Vec<&str> = contents
        .lines()
        .skip(1)
        .filter_map(|l| l.split(',').nth(2))
        .collect();
    assert_eq!(years, ["2023", "2024"], "{contents}");
}

/// The line of the Tables tab's grid that starts with `code`.
fn grid_line<'a>(s: &'a str, code: &str) -> &'a str {
    s.lines()
        .find(|l| l.trim_start().starts_with(&format!("{code} ")))
        .unwrap_or_else(|| panic!("no row {code} in\n{s}"))
}

#[test]
fn the_tables_tab_puts_the_departments_side_by_side() {
    let mut app = library();
    app.resize(200, 40);
    keys(&mut app, "a5");
    assert_eq!(app.tab, Tab::Tables);
    let s = screen(&app, 200, 40);
    assert!(s.contains("1/2 所有部门 · 功能分类  单位：万元"), "{s}");
    // The header: code, name, Σ, how many, then each department by year.
    let header = line_with(&s, "科目编码");
    for column in ["科目名称", "合计", "部门数", "邢台市人民政府办公室 2025"] {
        assert!(header.contains(column), "{header}");
    }
    // 201: Σ of four, the seed's own 3,244.56 under its name.
    let general = grid_line(&s, "201");
    assert!(general.contains("6,054.15408"), "{general}");
    assert!(general.contains(" 4 "), "{general}");
    assert!(general.contains("3,244.56"), "{general}");
    // 2010301: only the seed prints it; the other departments are blank.
    let office = grid_line(&s, "2010301");
    assert!(office.contains("2,349.56"), "{office}");
    assert_eq!(
        office.matches("2,349.56").count(),
        2,
        "Σ and the seed: {office}"
    );
    // `]`: the economic table.
    keys(&mut app, "]");
    let s = screen(&app, 200, 40);
    assert!(s.contains("2/2 所有部门 · 经济分类  单位：万元"), "{s}");
    let wages = grid_line(&s, "30101");
    assert!(wages.contains("1,724.6115"), "{wages}");
}

#[test]
fn enter_on_an_aggregate_row_lists_its_departments_and_esc_comes_back() {
    let mut app = library();
    keys(&mut app, "a5");
    let at = app.tables_view().0.tables[0]
        .rows
        .iter()
        .position(|r| r.cells[0] == "2120101")
        .expect("2120101 is a row");
    keys(&mut app, &"j".repeat(at));
    let before = screen(&app, 120, 40);
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.tab, Tab::Drill);
    let s = screen(&app, 120, 40);
    assert!(
        s.contains("各部门 › 2120101 行政运行  Σ 3,497.6880 (2)"),
        "{s}"
    );
    // Esc: the table, as it was, as from any table's Enter.
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.tab, Tab::Tables);
    assert_eq!(screen(&app, 120, 40), before);
    // In the Drill-down the code list is there, its departments closed.
    keys(&mut app, "2");
    let s = screen(&app, 120, 40);
    assert!(s.contains("所有部门 · 功能分类  部门数 4"), "{s}");
}

#[test]
fn a_in_the_drill_down_switches_between_all_and_this_department() {
    let mut app = library();
    keys(&mut app, "2");
    let own = screen(&app, 120, 40);
    assert!(own.contains("201 一般公共服务支出"), "{own}");
    assert!(!own.contains("所有部门"), "{own}");
    keys(&mut app, "a");
    assert!(screen(&app, 120, 40).contains("所有部门 · 功能分类  部门数 4"));
    // The Tables tab follows: All departments' tables.
    keys(&mut app, "5");
    assert!(screen(&app, 120, 40).contains("1/2 所有部门 · 功能分类"));
    keys(&mut app, "a");
    let s = screen(&app, 120, 40);
    assert!(!s.contains("所有部门"), "{s}");
    keys(&mut app, "2");
    assert_eq!(screen(&app, 120, 40), own);
}

#[test]
fn a_new_selection_is_summed_again_when_next_shown() {
    let mut app = library();
    keys(&mut app, "a");
    assert!(screen(&app, 120, 40).contains("部门数 4"));
    keys(&mut app, "0fwljd");
    press(&mut app, KeyCode::Enter);
    keys(&mut app, "2");
    let s = screen(&app, 120, 40);
    assert!(s.contains("所有部门 · 功能分类  部门数 2"), "{s}");
    assert!(line_with(&s, " 201 ").contains("590.95"), "{s}");
}

#[test]
fn y_copies_an_aggregate_cell_and_x_exports_the_table() {
    use budget_tui::app::Effect;
    let mut app = library();
    keys(&mut app, "a5");
    // The cursor starts on the first scrolled column: 201's Σ.
    assert_eq!(keys(&mut app, "y"), [Effect::Copy("6054.15408".into())]);
    let exported = keys(&mut app, "x");
    let [Effect::Export {
        file_name,
        contents,
    }] = exported.as_slice()
    else {
        panic!("{exported:?}");
    };
    assert_eq!(file_name, "所有部门-功能分类-各部门.csv");
    let header = contents.lines().next().unwrap_or_default();
    assert!(
        header.starts_with("科目编码,科目名称,合计,部门数,邢台市人民政府办公室 2025,"),
        "{header}"
    );
    let general = contents
        .lines()
        .find(|l| l.starts_with("201,"))
        .unwrap_or_default();
    assert!(
        general.starts_with("201,一般公共服务支出,6054.15408,4,3244.56,"),
        "{general}"
    );
}

#[test]
fn a_with_one_document_says_there_is_nothing_to_sum() {
    let mut app = common::seed_app(Lang::Zh);
    keys(&mut app, "2a");
    let s = screen(&app, 120, 40);
    assert!(s.contains("只有一个文档，无从汇总"), "{s}");
    // Still the department's own tree, at its first level.
    assert!(s.contains("▸ 201 一般公共服务支出"), "{s}");
    assert!(!s.contains("所有部门 ·"), "{s}");
}

#[test]
fn tables_120x40() {
    let mut app = library();
    keys(&mut app, "a5");
    insta::assert_snapshot!(screen(&app, 120, 40));
}

#[test]
fn tables_80x24() {
    let mut app = library();
    app.resize(80, 24);
    keys(&mut app, "a5");
    insta::assert_snapshot!(screen(&app, 80, 24));
}

/// The tables say what the Drill-down says above the sums: how many
/// departments, and that several years are summed together; in English too.
#[test]
fn the_tables_caption_names_the_years_summed_together() {
    let mut app = library();
    keys(&mut app, "a5");
    let s = screen(&app, 120, 40);
    assert!(s.contains("部门数 4  跨年度：2023 2024 2025"), "{s}");
    let docs = vec![
        ("seed".to_string(), seed()),
        pdf_fixture("shanghai-putuo-wanli-subdistrict-2023"),
        pdf_fixture("shanghai-putuo-wanli-subdistrict-2024"),
    ];
    let mut app = App::with_documents(docs, Lang::En).expect("three documents");
    app.resize(120, 40);
    keys(&mut app, "a5");
    let s = screen(&app, 120, 40);
    assert!(
        s.contains("1/2 All departments · Functional")
            && s.contains("Depts 3  spans years 2023 2024 2025"),
        "{s}"
    );
}

/// `y` on a department's cell copies that department's figure, from the
/// aggregate; on a blank cell there is nothing to copy.
#[test]
fn y_on_a_department_cell_copies_its_figure() {
    use budget_tui::app::Effect;
    let mut app = library();
    keys(&mut app, "a5");
    // 201: Σ, 部门数, then the seed's 3,244.56 two cells to the right.
    keys(&mut app, "ll");
    assert_eq!(keys(&mut app, "y"), [Effect::Copy("3244.56".into())]);
    // 20106 财政事务: only the finance bureau (the fourth department).
    let at = app.tables_view().0.tables[0]
        .rows
        .iter()
        .position(|r| r.cells[0] == "20106")
        .expect("20106 is a row");
    keys(&mut app, &"j".repeat(at));
    assert!(keys(&mut app, "y").is_empty(), "the seed prints no 20106");
    keys(&mut app, "lll");
    assert_eq!(keys(&mut app, "y"), [Effect::Copy("2218.64408".into())]);
}

/// `-` `+` `*` show fewer or more levels, as in the Drill-down; the cursor
/// stays on the code or moves up to its 类 / 款.
#[test]
fn levels_hide_and_show_the_lower_codes() {
    let mut app = library();
    keys(&mut app, "a");
    go_to(&mut app, "2010301");
    keys(&mut app, "--");
    let s = screen(&app, 120, 40);
    assert!(s.contains("层级 1/3"), "{s}");
    assert!(!s.contains("2010301"), "{s}");
    assert!(!s.contains("20103 "), "{s}");
    let general = line_with(&s, " 201 ");
    assert!(general.contains("6,054.15408"), "{general}");
    let view = app.aggregate().expect("open");
    assert_eq!(view.selected().map(|r| r.code.as_str()), Some("201"));
    // Every 类 is a line; nothing deeper.
    let rows = &view.rows().rows;
    let shown: Vec<&str> = view
        .visible()
        .iter()
        .map(|&i| rows[i].code.as_str())
        .collect();
    assert!(shown.iter().all(|c| c.len() == 3), "{shown:?}");
    assert!(shown.contains(&"212"), "{shown:?}");
    // `+`: the 款 come back; `*`: every level, the cursor still on 201.
    keys(&mut app, "+");
    assert!(screen(&app, 120, 40).contains("20103     政府办公厅"));
    keys(&mut app, "*");
    let view = app.aggregate().expect("open");
    assert_eq!(view.depth, 3);
    assert_eq!(view.selected().map(|r| r.code.as_str()), Some("201"));
    assert!(screen(&app, 120, 40).contains("2010301 行政运行"));
}
