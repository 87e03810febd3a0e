//! The whole catalogue on the hand-built seed: no false error, and the
//! seed's real problems found.

use std::collections::{BTreeSet, HashSet};

use budget_tui::check::{self, RuleState, Severity};
use budget_tui::i18n::Lang;
use budget_tui::model::Place;

use crate::fixture::{self, CITY_WORKS, HOTLINE_B};

/// (rule, place, severity) of every finding.
pub fn keyed(report: &check::Report) -> HashSet<(&'static str, Place, Severity)> {
    report
        .findings
        .iter()
        .map(|f| (f.rule, f.places[0], f.severity))
        .collect()
}

fn indicator(doc: &budget_tui::model::Disclosure, card: usize, level3: &str) -> Place {
    let indicator = doc.projects[card]
        .indicators
        .iter()
        .position(|i| i.level3 == level3)
        .unwrap();
    Place::Indicator { card, indicator }
}

#[test]
fn the_seed_has_exactly_its_known_errors() {
    the_seed_has_exactly_its_known_errors_in(fixture::seed);
}

pub fn the_seed_has_exactly_its_known_errors_in(seed: fn() -> budget_tui::model::Disclosure) {
    let doc = seed();
    let report = check::run(&doc);
    let errors: BTreeSet<(&str, String)> = report
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .map(|f| (f.rule, f.location(&doc)))
        .collect();
    let expected: BTreeSet<(&str, String)> = [
        (
            "project.cost-within-budget",
            "项目 2 基本工作经费 B（市长热线) › 成本指标 › 市长热线工作运转成本",
        ),
        (
            "indicator.garbled",
            "项目 6 市长热线经费 › 数量指标 › 设备维修维护台数",
        ),
        (
            "indicator.garbled",
            "项目 6 市长热线经费 › 数量指标 › 印刷手册（工牌）份数",
        ),
        (
            "indicator.garbled",
            "项目 5 基本工作经费 B (政务公开) › 服务对象满意度指标 › 社会对政务公开工作开展效果满意度",
        ),
        (
            "indicator.garbled",
            "项目 5 基本工作经费 B (政务公开) › 社会效益指标 › 上级对政务公开工作督导的达标率",
        ),
    ]
    .into_iter()
    .map(|(r, l)| (r, l.to_string()))
    .collect();
    assert_eq!(errors, expected);
    let cost = report
        .findings_of("project.cost-within-budget")
        .next()
        .unwrap();
    assert!(
        cost.message(Lang::Zh).contains("≤622600 万元"),
        "{}",
        cost.message(Lang::Zh)
    );
    assert!(
        cost.message(Lang::Zh).contains("600.00 万元"),
        "{}",
        cost.message(Lang::Zh)
    );
    assert!(report.has_errors());
}

#[test]
fn the_seed_warnings_and_notes() {
    let doc = fixture::seed();
    let report = check::run(&doc);
    let rest: HashSet<_> = keyed(&report)
        .into_iter()
        .filter(|(_, _, s)| *s != Severity::Error)
        .collect();
    let card1 = |level3: &str| {
        let i = doc.projects[0]
            .indicators
            .iter()
            .position(|i| i.level3 == level3 && i.level2 != level3)
            .unwrap();
        Place::Indicator {
            card: 0,
            indicator: i,
        }
    };
    let expected: HashSet<_> = [
        (
            "indicator.missing-unit",
            indicator(&doc, 7, "市政府值班工作及信息平台维护成本"),
            Severity::Warning,
        ),
        (
            "project.indicator-labels",
            card1("社会效益指标"),
            Severity::Warning,
        ),
        (
            "project.indicator-labels",
            card1("经济效益指标"),
            Severity::Warning,
        ),
        (
            "indicator.unit-typo",
            indicator(&doc, 11, "采购办公用品合格率"),
            Severity::Note,
        ),
        (
            "indicator.unit-typo",
            indicator(&doc, 11, "印刷品合格率"),
            Severity::Note,
        ),
        (
            "project.spending-plan",
            Place::Project { card: HOTLINE_B },
            Severity::Note,
        ),
        (
            "project.spending-plan",
            Place::Project { card: CITY_WORKS },
            Severity::Note,
        ),
    ]
    .into_iter()
    .collect();
    assert_eq!(rest, expected);
    let plan = report.findings_of("project.spending-plan").next().unwrap();
    assert!(
        plan.message(Lang::Zh).contains("12月底"),
        "{}",
        plan.message(Lang::Zh)
    );
}

#[test]
fn every_sum_and_cross_rule_passes_on_the_seed() {
    every_sum_and_cross_rule_passes_on_the_seed_in(fixture::seed);
}

pub fn every_sum_and_cross_rule_passes_on_the_seed_in(seed: fn() -> budget_tui::model::Disclosure) {
    let report = check::run(&seed());
    for entry in &report.ledger {
        let family = entry.rule.split('.').next().unwrap();
        if [
            "table",
            "summary",
            "grant-summary",
            "cross",
            "narrative",
            "assets",
            "completeness",
            "document",
        ]
        .contains(&family)
            // The hand-built fixture has no table of contents.
            && entry.rule != "document.contents"
        {
            // No 国有资本经营 budget; no change stated in percent.
            let expected = if ["cross.grant-vs-state-capital", "narrative.change-percent"]
                .contains(&entry.rule)
            {
                RuleState::NotApplicable
            } else {
                RuleState::Passed
            };
            assert_eq!(entry.state, expected, "{}: {:?}", entry.rule, entry.reason);
        }
    }
    let counts = report.counts();
    assert_eq!(counts.could_not_run, 0);
    // 国有资本经营, the empty procurement table, no change in percent (and,
    // in the fixture, the table of contents).
    let no_contents =
        usize::from(report.state_of("document.contents") == Some(RuleState::NotApplicable));
    assert_eq!(counts.not_applicable, 3 + no_contents);
    // 4 rules with errors or warnings, 2 with notes only (not "passed").
    assert_eq!(counts.with_findings, 6);
    assert_eq!(
        counts.passed + counts.with_findings + counts.not_applicable,
        check::rules().len()
    );
}

#[test]
fn findings_are_sorted_by_severity_then_rule() {
    let report = check::run(&fixture::seed());
    let keys: Vec<_> = report
        .findings
        .iter()
        .map(|f| (f.severity, f.rule))
        .collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
}

#[test]
fn rule_ids_are_unique_and_dotted() {
    let rules = check::rules();
    let ids: BTreeSet<&str> = rules.iter().map(|r| r.id).collect();
    assert_eq!(ids.len(), rules.len());
    for id in ids {
        assert!(id.contains('.') && !id.contains(' '), "{id}");
    }
}
