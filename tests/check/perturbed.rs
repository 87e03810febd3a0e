//! Perturbed copies of the seed: each change yields exactly the finding it
//! should, pointing at the row or card.

use std::collections::HashSet;

use budget_tui::check::{self, RuleState, Severity};
use budget_tui::i18n::Lang;
use budget_tui::model::{Disclosure, Place, TableKind};

use crate::fixture::{self, dec, row_index, table_index};
use crate::seed::keyed;

type Seed = fn() -> Disclosure;

/// Findings of `changed` that the unchanged seed does not have.
fn new_findings(seed: Seed, changed: &Disclosure) -> HashSet<(&'static str, Place, Severity)> {
    let before = keyed(&check::run(&seed()));
    keyed(&check::run(changed))
        .into_iter()
        .filter(|k| !before.contains(k))
        .collect()
}

#[test]
fn one_figure_of_the_basic_table_changed() {
    one_figure_of_the_basic_table_changed_in(fixture::seed);
}

pub fn one_figure_of_the_basic_table_changed_in(seed: Seed) {
    let mut doc = seed();
    let t6 = table_index(&doc, TableKind::GeneralPublicBasic);
    let r30101 = row_index(&doc, t6, 0, "30101");
    let r301 = row_index(&doc, t6, 0, "301");
    // 基本工资 合计 306.17 → 306.27, 人员经费 column left alone.
    doc.tables[t6].sides[0].rows[r30101].amounts[0] = Some(dec("306.27"));
    let row = |r| Place::TableRow {
        table: t6,
        side: 0,
        row: r,
    };
    assert_eq!(
        new_findings(seed, &doc),
        HashSet::from([
            ("table.parent-sum", row(r301), Severity::Error),
            ("table.column-sum", row(r30101), Severity::Error),
        ])
    );
    let report = check::run(&doc);
    let parent = report.findings_of("table.parent-sum").next().unwrap();
    assert!(
        parent.message(Lang::Zh).contains("1709.84"),
        "{}",
        parent.message(Lang::Zh)
    );
    assert!(
        parent.message(Lang::Zh).contains("1709.94"),
        "{}",
        parent.message(Lang::Zh)
    );
    assert!(
        parent.message(Lang::Zh).contains("-0.10"),
        "{}",
        parent.message(Lang::Zh)
    );
    assert_eq!(
        parent.location(&doc),
        "一般公共预算财政拨款基本支出表 › 301 工资福利支出"
    );
    assert_eq!(
        report.state_of("table.parent-sum"),
        Some(RuleState::WithFindings)
    );
}

#[test]
fn a_rounded_child_gives_a_note_not_an_error() {
    a_rounded_child_gives_a_note_not_an_error_in(fixture::seed);
}

pub fn a_rounded_child_gives_a_note_not_an_error_in(seed: Seed) {
    let mut doc = seed();
    let t6 = table_index(&doc, TableKind::GeneralPublicBasic);
    let r30101 = row_index(&doc, t6, 0, "30101");
    let r301 = row_index(&doc, t6, 0, "301");
    // Both columns of 30101 one cent up: the row still adds up, 301 is off
    // by 0.01 over eight children, which is rounding.
    for c in 0..2 {
        doc.tables[t6].sides[0].rows[r30101].amounts[c] = Some(dec("306.18"));
    }
    let place = Place::TableRow {
        table: t6,
        side: 0,
        row: r301,
    };
    assert_eq!(
        new_findings(seed, &doc),
        HashSet::from([("table.parent-sum", place, Severity::Note)])
    );
    let report = check::run(&doc);
    assert_eq!(
        report.findings_of("table.parent-sum").count(),
        2,
        "合计 and 人员经费"
    );
    assert_eq!(report.state_of("table.parent-sum"), Some(RuleState::Passed));
}

#[test]
fn a_table_dropped() {
    a_table_dropped_in(fixture::seed);
}

pub fn a_table_dropped_in(seed: Seed) {
    let mut doc = seed();
    let t7 = table_index(&doc, TableKind::GovernmentFundExpenditure);
    doc.tables.remove(t7);
    assert_eq!(
        new_findings(seed, &doc),
        HashSet::from([("completeness.tables", Place::Document, Severity::Error)])
    );
    let report = check::run(&doc);
    let missing = report.findings_of("completeness.tables").next().unwrap();
    assert!(missing
        .message(Lang::Zh)
        .contains("政府性基金预算财政拨款支出表"));
    for rule in ["cross.grant-vs-fund", "cross.expenditure-covers-grants"] {
        assert_eq!(
            report.state_of(rule),
            Some(RuleState::CouldNotRun),
            "{rule}"
        );
    }
    assert_eq!(report.counts().could_not_run, 2);
}

#[test]
fn one_card_budget_changed() {
    one_card_budget_changed_in(fixture::seed);
}

pub fn one_card_budget_changed_in(seed: Seed) {
    let mut doc = seed();
    let card = fixture::CITY_WORKS;
    doc.projects[card].budget = Some(dec("25.00"));
    let t3 = table_index(&doc, TableKind::Expenditure);
    let total = row_index(&doc, t3, 0, "合计");
    assert_eq!(
        new_findings(seed, &doc),
        HashSet::from([
            (
                "project.budget-total",
                Place::TableRow {
                    table: t3,
                    side: 0,
                    row: total
                },
                Severity::Error
            ),
            (
                "project.funds-sum",
                Place::Project { card },
                Severity::Error
            ),
        ])
    );
    let report = check::run(&doc);
    let total = report.findings_of("project.budget-total").next().unwrap();
    assert!(
        total.message(Lang::Zh).contains("920.00万元"),
        "{}",
        total.message(Lang::Zh)
    );
    assert!(
        total.message(Lang::Zh).contains("915.00万元"),
        "{}",
        total.message(Lang::Zh)
    );
    assert!(total.places.contains(&Place::Project { card }));
    let funds = report.findings_of("project.funds-sum").next().unwrap();
    assert_eq!(funds.location(&doc), "项目 7 市区城建项目督导经费");
}

#[test]
fn a_figure_printed_without_decimals_does_not_widen_the_tolerance() {
    let mut doc = fixture::seed();
    let t6 = table_index(&doc, TableKind::GeneralPublicBasic);
    let r30101 = row_index(&doc, t6, 0, "30101");
    let r301 = row_index(&doc, t6, 0, "301");
    // 基本工资 306.17 → `313` in both columns: the row still adds up, but
    // 301 is now 6.83 short, far beyond 8 × 0.005 of rounding.
    for c in 0..2 {
        doc.tables[t6].sides[0].rows[r30101].amounts[c] = Some(dec("313"));
    }
    let place = Place::TableRow {
        table: t6,
        side: 0,
        row: r301,
    };
    assert_eq!(
        new_findings(fixture::seed, &doc),
        HashSet::from([("table.parent-sum", place, Severity::Error)])
    );
    let report = check::run(&doc);
    let parent = report.findings_of("table.parent-sum").next().unwrap();
    assert!(
        parent.message(Lang::Zh).contains("-6.83"),
        "{}",
        parent.message(Lang::Zh)
    );
    assert_eq!(
        report.state_of("table.parent-sum"),
        Some(RuleState::WithFindings)
    );
}
