//! The catalogue on the seed as the importer reads it from
//! `data/raw/xingtai-gov-office-2025.txt`: the same findings as the
//! hand-built fixture, and the same perturbations caught.

use std::collections::BTreeMap;

use budget_tui::check::{self, Severity};
use budget_tui::i18n::Lang;
use budget_tui::model::Disclosure;

use crate::{perturbed, seed};

const SEED_TEXT: &str = "data/raw/xingtai-gov-office-2025.txt";

pub fn imported() -> Disclosure {
    budget_tui::import::import_path(std::path::Path::new(SEED_TEXT)).unwrap()
}

#[test]
fn the_imported_seed_has_exactly_its_known_errors() {
    seed::the_seed_has_exactly_its_known_errors_in(imported);
}

#[test]
fn every_sum_and_cross_rule_passes_on_the_imported_seed() {
    seed::every_sum_and_cross_rule_passes_on_the_seed_in(imported);
}

#[test]
fn the_imported_seed_warnings_and_notes() {
    let doc = imported();
    let report = check::run(&doc);
    let mut found: BTreeMap<(&str, Severity, String), usize> = BTreeMap::new();
    for f in report
        .findings
        .iter()
        .filter(|f| f.severity != Severity::Error)
    {
        *found
            .entry((f.rule, f.severity, f.location(&doc)))
            .or_default() += 1;
    }
    let card12 = "项目 12 综合业务管理经费";
    let expected: BTreeMap<(&str, Severity, String), usize> = [
        (
            "indicator.missing-unit",
            Severity::Warning,
            "项目 8 市政府值班工作及信息平台维护经费 › 成本指标 › 市政府值班工作及信息平台维护成本"
                .to_string(),
        ),
        (
            "project.indicator-labels",
            Severity::Warning,
            "项目 1 大型会议和活动经费 › 经济效益指标 › 社会效益指标".to_string(),
        ),
        (
            "project.indicator-labels",
            Severity::Warning,
            "项目 1 大型会议和活动经费 › 社会效益指标 › 经济效益指标".to_string(),
        ),
        (
            "indicator.unit-typo",
            Severity::Note,
            format!("{card12} › 质量指标 › 采购办公用品合格率"),
        ),
        (
            "indicator.unit-typo",
            Severity::Note,
            format!("{card12} › 质量指标 › 印刷品合格率"),
        ),
        (
            "indicator.unit-typo",
            Severity::Note,
            format!("{card12} › 质量指标 › 办公设备技术状况良好率"),
        ),
        (
            "indicator.unit-typo",
            Severity::Note,
            format!("{card12} › 时效指标 › 各项工作保障及时率"),
        ),
        (
            "indicator.unit-typo",
            Severity::Note,
            format!("{card12} › 经济效益指标 › 各项工作任务保障到位率"),
        ),
        (
            "project.spending-plan",
            Severity::Note,
            "项目 2 基本工作经费 B（市长热线)".to_string(),
        ),
        (
            "project.spending-plan",
            Severity::Note,
            "项目 7 市区城建项目督导经费".to_string(),
        ),
    ]
    .into_iter()
    .map(|k| (k, 1))
    .collect();
    assert_eq!(found, expected);
}

#[test]
fn perturbed_imported_seed() {
    perturbed::one_figure_of_the_basic_table_changed_in(imported);
    perturbed::a_rounded_child_gives_a_note_not_an_error_in(imported);
    perturbed::a_table_dropped_in(imported);
    perturbed::one_card_budget_changed_in(imported);
}

#[test]
fn budget_check_on_the_seed_text() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_budget"))
        .args(["check", SEED_TEXT])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "the seed has real errors");
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.contains("622600"), "{stdout}");
    assert!(
        stdout.contains(&format!(
            "审核台账：通过 {}，有发现 6（错误 5，警告 3，提示 7），不适用 3，无法检查 0",
            check::rules().len() - 9
        )),
        "{stdout}"
    );
}

#[test]
fn the_bundled_seed_gives_the_same_report_as_the_text() {
    let bundled =
        budget_tui::import::load_path(std::path::Path::new("data/xingtai-gov-office-2025.ron"))
            .unwrap();
    let from_text = imported();
    let (a, b) = (check::run(&bundled), check::run(&from_text));
    assert_eq!(a.ledger, b.ledger);
    let messages = |r: &check::Report| -> Vec<String> {
        r.findings
            .iter()
            .map(|f| f.message(Lang::Zh).clone())
            .collect()
    };
    assert_eq!(messages(&a), messages(&b));
}

#[test]
fn budget_check_without_a_path_checks_the_bundled_seed() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_budget"))
        .args(["check", "--json"])
        .current_dir(std::env::temp_dir())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(value["findings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["message"].as_str().unwrap().contains("622600")));
}

/// Cards printed in 元 against a 支出总表 in 万元: the same budgets, so the
/// card total agrees (no false error from the unit change).
#[test]
fn cards_in_yuan_agree_with_a_table_in_wan_yuan() {
    let mut doc = imported();
    for card in &mut doc.projects {
        card.unit = budget_tui::model::Unit::Yuan;
        card.budget = card.budget.map(|b| b * rust_decimal::Decimal::from(10_000));
        card.fiscal_funds = card
            .fiscal_funds
            .map(|b| b * rust_decimal::Decimal::from(10_000));
    }
    let report = check::run(&doc);
    assert_eq!(report.findings_of("project.budget-total").count(), 0);
    assert_eq!(
        report.state_of("project.budget-total"),
        Some(check::RuleState::Passed)
    );
}

/// A table that prints 项 rows but no 类 row lost its 类 rows: its 合计
/// cannot be summed, and the missing 类 is a finding of its own.
#[test]
fn a_table_without_class_rows_names_the_missing_class() {
    let mut doc = imported();
    let t5 = doc
        .tables
        .iter_mut()
        .find(|t| t.kind == budget_tui::model::TableKind::GeneralPublicExpenditure)
        .expect("T5");
    t5.sides[0]
        .rows
        .retain(|r| r.code.as_ref().is_none_or(|c| c.as_str().len() != 3));
    let report = check::run(&doc);
    let found: Vec<String> = report
        .findings_of("table.total-row")
        .map(|f| f.message(budget_tui::i18n::Lang::Zh))
        .collect();
    // T5 of the seed holds one 类, 201.
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].contains("缺少类级科目 201：20103"), "{found:?}");
}
