//! The check engine on the six sample PDFs: no false error, and the
//! check-able defects of each truth file found on their page.

use std::collections::BTreeSet;
use std::path::PathBuf;

use budget_tui::check::{self, Severity};
use budget_tui::i18n::Lang;
use budget_tui::model::Disclosure;

fn load(id: &str) -> Disclosure {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/pdf")
        .join(format!("{id}.pdf"));
    budget_tui::import::load_path(&path).unwrap_or_else(|e| panic!("{e}"))
}

/// (rule, page, severity) of every finding, consequences included.
fn found(doc: &Disclosure) -> BTreeSet<(&'static str, Option<u32>, Severity)> {
    check::run(doc)
        .all_findings()
        .map(|f| (f.rule, f.page(doc), f.severity))
        .collect()
}

fn errors(doc: &Disclosure) -> BTreeSet<(&'static str, Option<u32>)> {
    found(doc)
        .into_iter()
        .filter(|(_, _, s)| *s == Severity::Error)
        .map(|(r, p, _)| (r, p))
        .collect()
}

#[test]
fn wanli_2023_card_defects_and_nothing_else() {
    let doc = load("shanghai-putuo-wanli-subdistrict-2023");
    // Truth: card 5's 当年财政拨款 11,419,043.00 > 年度资金申请总额
    // 10,903,043.00 (p. 35); the five cards sum to 3351.33万元, not the
    // 项目支出 the tables print (T3 on p. 18).
    assert_eq!(
        errors(&doc),
        BTreeSet::from([
            ("project.budget-total", Some(18)),
            ("project.funds-sum", Some(35))
        ])
    );
    let report = check::run(&doc);
    let card = report.findings_of("project.funds-sum").next().unwrap();
    assert_eq!(
        card.figures.printed.map(|d| d.to_string()).as_deref(),
        Some("10903043.00")
    );
    assert_eq!(
        card.figures.expected.map(|d| d.to_string()).as_deref(),
        Some("11419043.00")
    );
    // 机关运行经费 786.09万元 is T9's own row: no false operating-costs error.
    assert_eq!(
        report.state_of("narrative.operating-costs"),
        Some(check::RuleState::Passed)
    );
}

#[test]
fn wanli_2024_malformed_codes_break_301() {
    let doc = load("shanghai-putuo-wanli-subdistrict-2024");
    // Truth: 30102 and 30107 printed as “2” and “7” on p. 29, so 301 is not
    // the sum of the rows under it.
    assert_eq!(
        errors(&doc),
        BTreeSet::from([("table.parent-sum", Some(29))])
    );
    // Truth: the 三公 table prints 25 among 2-decimal figures (p. 31).
    assert!(found(&doc).contains(&("table.precision", Some(31), Severity::Warning)));
}

#[test]
fn welfare_home_wrong_class_code_and_no_30212_error() {
    let doc = load("shanghai-putuo-welfare-home-2024-unit");
    // Truth: 事业单位医疗 printed with 类 code 7 (“7 11 02”) on pp. 9 and 11.
    // T2 prints the same row as 2101102 (p. 8): the codes do not pair.
    assert_eq!(
        errors(&doc),
        BTreeSet::from([
            ("table.total-row", Some(9)),
            ("table.total-row", Some(11)),
            ("cross.income-vs-expenditure-codes", Some(8)),
            ("cross.income-vs-expenditure-codes", Some(9)),
        ])
    );
    let report = check::run(&doc);
    assert!(report
        .findings_of("table.total-row")
        .all(|f| f.message(Lang::Zh).contains("缺少类级科目 711")));
    // 30212 is 机关事业单位退休人员活动费 here, not 因公出国.
    assert!(report
        .findings_of("cross.three-public-vs-economic")
        .next()
        .is_none());
    // Truth: “与2023年预算持平，主要原因是。” on p. 16.
    assert!(found(&doc).contains(&("completeness.template-residue", Some(16), Severity::Warning)));
}

#[test]
fn finance_bureau_has_no_error_and_names_the_wrong_fund() {
    let doc = load("shanghai-putuo-finance-bureau-2025");
    assert_eq!(errors(&doc), BTreeSet::new());
    // Truth: T8's empty-table note names 政府性基金 (p. 18).
    assert!(found(&doc).contains(&("completeness.empty-table-note", Some(18), Severity::Warning)));
}

#[test]
fn jiangsu_has_no_false_class_or_income_error() {
    let doc = load("jiangsu-procuratorate-2018");
    // 基本 / 项目 / 单位预留机动经费 lines are not classes, and 1.一般公共预算
    // is a part of 一、财政拨款, not a line of its own.
    let report = check::run(&doc);
    for rule in ["cross.class-totals", "summary.income-sum"] {
        assert!(report.findings_of(rule).next().is_none(), "{rule}");
    }
    // The nine standard tables: Jiangsu prints no 国有资本经营 table.
    assert_eq!(
        errors(&doc),
        BTreeSet::from([("completeness.tables", None)])
    );

    let doc = load("jiangsu-procuratorate-2019");
    // Truth: 4335.3 and 3990.4 printed with one decimal (pp. 15-16).
    let precision: BTreeSet<Option<u32>> = found(&doc)
        .into_iter()
        .filter(|(r, _, _)| *r == "table.precision")
        .map(|(_, p, _)| p)
        .collect();
    assert_eq!(precision, BTreeSet::from([Some(15), Some(16)]));
    // Truth: 项目支出 4335.3万元, down 1237.7万元 from 5573.0: stated as
    // 13.22% (the 基本支出 rate copied), 22.21% in fact — the only error in
    // the text, on the first page of the 情况说明.
    assert_eq!(
        errors(&doc),
        BTreeSet::from([
            ("completeness.tables", None),
            ("narrative.change-percent", Some(25)),
        ])
    );
}

#[test]
fn jiangsu_2018_percent_typo_is_a_warning() {
    // 公共安全支出 up 21.8万元 on 3,644.2: 0.60%, printed 0.06%.
    let doc = load("jiangsu-procuratorate-2018");
    let report = check::run(&doc);
    let messages: Vec<String> = report
        .findings_of("narrative.change-percent")
        .map(|f| f.message(budget_tui::i18n::Lang::Zh))
        .collect();
    assert!(
        messages
            .iter()
            .any(|m| m.contains("0.60%") && m.contains("0.06%")),
        "{messages:?}"
    );
    assert!(report
        .findings_of("narrative.change-percent")
        .all(|f| f.severity == Severity::Warning));
}

#[test]
fn jiangsu_procurement_adds_up_and_a_changed_total_does_not() {
    let mut doc = load("jiangsu-procuratorate-2018");
    let report = check::run(&doc);
    assert_eq!(
        report.state_of("procurement.sum"),
        Some(check::RuleState::Passed)
    );
    // 合计 3,096.24 = 货物 268.00 + 服务 2,828.24; now 3,106.24.
    let grid = &mut doc.procurement.as_mut().unwrap().table;
    let total = grid
        .rows
        .iter_mut()
        .find(|r| r[0].contains("合计"))
        .unwrap();
    assert_eq!(total.last().map(String::as_str), Some("3,096.24"));
    *total.last_mut().unwrap() = "3,106.24".into();
    let report = check::run(&doc);
    let found: Vec<String> = report
        .findings_of("procurement.sum")
        .map(|f| f.message(Lang::Zh))
        .collect();
    assert_eq!(
        found,
        ["政府采购预算表「合计」应等于各类之和 3,096.24，实为 3,106.24，相差 +10.00（须完全相等）"]
    );
    // The seed prints an empty procurement table.
    let seed = crate::imported::imported();
    assert_eq!(
        check::run(&seed).state_of("procurement.sum"),
        Some(check::RuleState::NotApplicable)
    );
}
