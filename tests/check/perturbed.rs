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
    let cell = |r, c| Place::TableCell {
        table: t6,
        side: 0,
        row: r,
        column: c,
    };
    // One finding names the changed cell; the two sums it broke are its
    // consequences, not findings of their own.
    assert_eq!(
        new_findings(seed, &doc),
        HashSet::from([("table.wrong-cell", cell(r30101, 0), Severity::Error)])
    );
    let report = check::run(&doc);
    let root = report.findings_of("table.wrong-cell").next().unwrap();
    assert_eq!(root.figures.printed, Some(dec("306.27")));
    assert_eq!(root.figures.expected, Some(dec("306.17")));
    assert_eq!(root.figures.difference, Some(dec("0.10")));
    assert!(
        root.message(Lang::Zh)
            .contains("所列 306.27；它所在的 2 个勾稽关系都要求为 306.17"),
        "{}",
        root.message(Lang::Zh)
    );
    let consequences: HashSet<(&str, Place)> = root
        .consequences
        .iter()
        .map(|f| (f.rule, f.places[0]))
        .collect();
    assert_eq!(
        consequences,
        HashSet::from([
            ("table.parent-sum", cell(r301, 0)),
            ("table.column-sum", cell(r30101, 0)),
        ])
    );
    let parent = report.findings_of("table.parent-sum").next().unwrap();
    for figure in ["1,709.84", "1,709.94", "-0.10", "须完全相等"] {
        assert!(
            parent.message(Lang::Zh).contains(figure),
            "{figure}: {}",
            parent.message(Lang::Zh)
        );
    }
    assert!(parent
        .location(&doc)
        .starts_with("一般公共预算财政拨款基本支出表 › 301 工资福利支出"));
    assert_eq!(
        report.state_of("table.parent-sum"),
        Some(RuleState::WithFindings)
    );
}

#[test]
fn a_rounded_child_gives_a_note_not_an_error() {
    a_rounded_child_gives_a_note_not_an_error_in(fixture::seed);
}

/// One cent on one leaf of an exact table is an error, named at its row;
/// the same cent in three unrelated families is what a rounded table looks
/// like, and gives notes.
pub fn a_rounded_child_gives_a_note_not_an_error_in(seed: Seed) {
    let mut doc = seed();
    let t6 = table_index(&doc, TableKind::GeneralPublicBasic);
    let r30101 = row_index(&doc, t6, 0, "30101");
    let cent_up = |doc: &mut Disclosure, code: &str| {
        let r = row_index(doc, t6, 0, code);
        // 合计 and the one of 人员经费 / 公用经费 that the row prints.
        let printed = (1..3)
            .find(|&c| doc.tables[t6].sides[0].rows[r].amounts[c].is_some())
            .unwrap();
        for c in [0, printed] {
            let v = doc.tables[t6].sides[0].rows[r].amounts[c].unwrap();
            doc.tables[t6].sides[0].rows[r].amounts[c] = Some(v + dec("0.01"));
        }
    };
    // Both columns of 30101 one cent up: the row still adds up, 301 is off
    // by 0.01 in two columns. Nothing else in the table is off: an error.
    // Any of 301's eight children could carry the cent, so the sums cannot
    // name one: the errors stay at 301, in each column.
    cent_up(&mut doc, "30101");
    let r301 = row_index(&doc, t6, 0, "301");
    let cell = |column| Place::TableCell {
        table: t6,
        side: 0,
        row: r301,
        column,
    };
    assert_eq!(
        new_findings(seed, &doc),
        HashSet::from([
            ("table.parent-sum", cell(0), Severity::Error),
            ("table.parent-sum", cell(1), Severity::Error),
        ])
    );
    let _ = r30101;
    let report = check::run(&doc);
    assert_eq!(report.findings_of("table.parent-sum").count(), 2);
    assert!(report
        .findings_of("table.parent-sum")
        .all(|f| f.severity == Severity::Error && f.figures.tolerance == Some(dec("0"))));

    // A cent in 302 and 303 as well: three families off by a cent that no
    // one cell explains. The table shows its figures are rounded.
    cent_up(&mut doc, "30201");
    cent_up(&mut doc, "30301");
    let report = check::run(&doc);
    let sums: Vec<_> = report.findings_of("table.parent-sum").collect();
    assert_eq!(sums.len(), 6, "301, 302, 303 in two columns each");
    for f in &sums {
        assert_eq!(f.severity, Severity::Note, "{}", f.message(Lang::Zh));
        assert!(f.figures.tolerance.is_some_and(|t| t > dec("0")));
    }
    assert_eq!(report.findings_of("table.wrong-cell").count(), 0);
    let entry = report
        .ledger
        .iter()
        .find(|e| e.rule == "table.parent-sum")
        .unwrap();
    // Notes only: not "passed".
    assert_eq!(entry.state, RuleState::WithFindings);
    assert_eq!((entry.errors, entry.notes), (0, 6));
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
                Place::TableCell {
                    table: t3,
                    side: 0,
                    row: total,
                    column: doc.tables[t3].sides[0].column("项目支出").unwrap(),
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
        total.message(Lang::Zh).contains("920.00 万元"),
        "{}",
        total.message(Lang::Zh)
    );
    assert!(
        total.message(Lang::Zh).contains("915.00 万元"),
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
    let cell = |row, column| Place::TableCell {
        table: t6,
        side: 0,
        row,
        column,
    };
    // The sums fail at 301 in both columns (any child could be off); the
    // figure printed without decimals is named at its own cell.
    assert_eq!(
        new_findings(fixture::seed, &doc),
        HashSet::from([
            ("table.parent-sum", cell(r301, 0), Severity::Error),
            ("table.parent-sum", cell(r301, 1), Severity::Error),
            ("table.precision", cell(r30101, 0), Severity::Warning),
            ("table.precision", cell(r30101, 1), Severity::Warning),
        ])
    );
    let report = check::run(&doc);
    let parent = report.findings_of("table.parent-sum").next().unwrap();
    assert_eq!(parent.severity, Severity::Error);
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
