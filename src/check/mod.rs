//! Consistency checks (勾稽关系) over a [`Disclosure`].
//!
//! Every rule is a pure function of the model. [`run`] applies them all and
//! returns a [`Report`]: the findings, and a ledger that says for *every*
//! rule whether it passed, failed, did not apply, or could not run. A rule
//! that could not run is never counted as passed, so a clean report on a
//! disclosure with missing tables cannot be mistaken for a clean bill.
//!
//! Figures are compared exactly as printed, in one unit (元/万元 converted
//! only to compare). Parents printed beside rounded children may differ by
//! half a unit of the last printed decimal per child (0.005 × n for
//! two-decimal figures): that is a note, not an error.

mod assets;
mod completeness;
mod cross;
mod narrative;
mod projects;
pub mod report;
pub use narrative::{narrative_figures, NarrativeFigures};
mod tables;

use rust_decimal::Decimal;
use serde::Serialize;

use crate::model::{BudgetTable, Disclosure, Place, Side, TableKind, TableRow, Unit};

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The document contradicts itself or a target cannot be read.
    Error,
    /// Probably wrong; a reviewer should look.
    Warning,
    /// Worth knowing (rounding, a missing optional column, a typo).
    Note,
}

impl Severity {
    pub fn label(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        }
    }
}

/// One problem found by one rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// Stable rule id (`table.parent-sum`).
    pub rule: &'static str,
    pub severity: Severity,
    /// Plain language, with the figures (expected, found, difference).
    pub message: String,
    /// Where the app can jump to; the first place is the main one.
    pub places: Vec<Place>,
}

impl Finding {
    pub fn new(
        rule: &'static str,
        severity: Severity,
        message: impl Into<String>,
        places: Vec<Place>,
    ) -> Finding {
        Finding {
            rule,
            severity,
            message: message.into(),
            places,
        }
    }

    /// The places described for a reader, joined with `; `.
    pub fn location(&self, doc: &Disclosure) -> String {
        self.places
            .iter()
            .map(|p| p.describe(doc))
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join("; ")
    }
}

/// What became of one rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum RuleState {
    /// Ran and found nothing worse than a note.
    Passed,
    /// Ran and found at least one error or warning.
    Failed,
    /// Nothing to check (no 国有资本经营 data, a figure the text does not state).
    NotApplicable,
    /// Something it needs is missing (a table). Never counted as passed.
    CouldNotRun,
}

impl RuleState {
    pub fn label(self) -> &'static str {
        match self {
            RuleState::Passed => "passed",
            RuleState::Failed => "failed",
            RuleState::NotApplicable => "not-applicable",
            RuleState::CouldNotRun => "could-not-run",
        }
    }
}

/// One line of the ledger: every rule appears once, whatever its outcome.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LedgerEntry {
    pub rule: &'static str,
    pub title: &'static str,
    pub state: RuleState,
    /// Why a rule did not apply or could not run.
    pub reason: Option<String>,
}

/// Number of rules in each state.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct LedgerCounts {
    pub passed: usize,
    pub failed: usize,
    pub not_applicable: usize,
    pub could_not_run: usize,
}

/// The outcome of [`run`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Report {
    /// Sorted by severity (errors first), then rule id.
    pub findings: Vec<Finding>,
    /// One entry per rule, in catalogue order.
    pub ledger: Vec<LedgerEntry>,
}

impl Report {
    pub fn counts(&self) -> LedgerCounts {
        let mut counts = LedgerCounts::default();
        for entry in &self.ledger {
            match entry.state {
                RuleState::Passed => counts.passed += 1,
                RuleState::Failed => counts.failed += 1,
                RuleState::NotApplicable => counts.not_applicable += 1,
                RuleState::CouldNotRun => counts.could_not_run += 1,
            }
        }
        counts
    }

    pub fn has_errors(&self) -> bool {
        self.findings.iter().any(|f| f.severity == Severity::Error)
    }

    /// The ledger state of one rule, if the rule exists.
    pub fn state_of(&self, rule: &str) -> Option<RuleState> {
        self.ledger.iter().find(|e| e.rule == rule).map(|e| e.state)
    }

    pub fn findings_of<'a>(&'a self, rule: &'a str) -> impl Iterator<Item = &'a Finding> + 'a {
        self.findings.iter().filter(move |f| f.rule == rule)
    }
}

/// What a rule function returns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// The rule ran; these are its findings (possibly none).
    Ran(Vec<Finding>),
    /// Nothing to check, with the reason.
    NotApplicable(String),
    /// Something the rule needs is missing, with the reason.
    CouldNotRun(String),
}

/// One rule of the catalogue.
#[derive(Clone, Copy)]
pub struct Rule {
    pub id: &'static str,
    pub title: &'static str,
    pub check: fn(&Disclosure) -> Outcome,
}

/// Every rule, in catalogue order (A completeness, B tables, C across
/// tables, D narrative, E cards, assets).
pub fn rules() -> Vec<Rule> {
    let mut all = Vec::new();
    all.extend_from_slice(completeness::RULES);
    all.extend_from_slice(tables::RULES);
    all.extend_from_slice(cross::RULES);
    all.extend_from_slice(narrative::RULES);
    all.extend_from_slice(projects::RULES);
    all.extend_from_slice(assets::RULES);
    all
}

/// Runs every rule on `doc`.
pub fn run(doc: &Disclosure) -> Report {
    run_rules(doc, &rules())
}

/// Runs the given rules on `doc` (the app may run a family alone).
pub fn run_rules(doc: &Disclosure, rules: &[Rule]) -> Report {
    let mut findings = Vec::new();
    let mut ledger = Vec::with_capacity(rules.len());
    for rule in rules {
        let (state, reason) = match (rule.check)(doc) {
            Outcome::Ran(found) => {
                let failed = found.iter().any(|f| f.severity <= Severity::Warning);
                findings.extend(found);
                let state = if failed {
                    RuleState::Failed
                } else {
                    RuleState::Passed
                };
                (state, None)
            }
            Outcome::NotApplicable(why) => (RuleState::NotApplicable, Some(why)),
            Outcome::CouldNotRun(why) => (RuleState::CouldNotRun, Some(why)),
        };
        ledger.push(LedgerEntry {
            rule: rule.id,
            title: rule.title,
            state,
            reason,
        });
    }
    // Stable sort: within a rule, findings stay in document order.
    findings.sort_by(|a, b| a.severity.cmp(&b.severity).then(a.rule.cmp(b.rule)));
    Report { findings, ledger }
}

// ---------------------------------------------------------------------------
// Helpers shared by the rule families.

/// A table found in the disclosure, with its index for [`Place`]s.
#[derive(Clone, Copy)]
pub(crate) struct Found<'a> {
    pub index: usize,
    pub table: &'a BudgetTable,
}

impl<'a> Found<'a> {
    pub fn place(&self) -> Place {
        Place::Table { table: self.index }
    }

    pub fn row_place(&self, side: usize, row: usize) -> Place {
        Place::TableRow {
            table: self.index,
            side,
            row,
        }
    }

    pub fn name(&self) -> &'static str {
        self.table.kind.short_name()
    }

    /// The side labelled `label` with its index.
    pub fn side(&self, label: &str) -> Option<(usize, &'a Side)> {
        self.table
            .sides
            .iter()
            .enumerate()
            .find(|(_, s)| s.label.as_deref().is_some_and(|l| l.starts_with(label)))
    }

    /// The only side of a one-sided table.
    pub fn main_side(&self) -> Option<(usize, &'a Side)> {
        self.table.sides.first().map(|s| (0, s))
    }
}

pub(crate) fn find_table(doc: &Disclosure, kind: TableKind) -> Option<Found<'_>> {
    doc.tables
        .iter()
        .enumerate()
        .find(|(_, t)| t.kind == kind)
        .map(|(index, table)| Found { index, table })
}

/// Text with whitespace and quotation marks removed, so that `“三公”经费`,
/// `"三公"经费` and `三公经费` read alike.
pub(crate) fn squeeze(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '“' | '”' | '"' | '‘' | '’' | '\''))
        .collect()
}

/// The 合计 / 总计 row of a classified table (a row without code); the rule
/// lives in the model ([`Side::total_row`]) so search shares it.
pub(crate) fn total_row(side: &Side) -> Option<(usize, &TableRow)> {
    side.total_row()
}

/// The first row (with its index) whose squeezed name satisfies `pred`.
pub(crate) fn row_where(side: &Side, pred: impl Fn(&str) -> bool) -> Option<(usize, &TableRow)> {
    side.rows
        .iter()
        .enumerate()
        .find(|(_, r)| pred(&squeeze(&r.name)))
}

/// A figure with the unit it was printed in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Figure {
    pub value: Decimal,
    pub unit: Unit,
}

impl Figure {
    pub fn new(value: Decimal, unit: Unit) -> Figure {
        Figure { value, unit }
    }

    pub fn in_unit(self, unit: Unit) -> Decimal {
        convert(self.value, self.unit, unit)
    }

    /// Half a unit of the last printed decimal, in 元: how far a rounded
    /// figure may be from the exact one.
    pub fn half_unit_yuan(self) -> Decimal {
        half_unit(self.value) * self.unit.yuan_factor()
    }

    /// `3,264.56万元` as printed (scale kept).
    pub fn show(self) -> String {
        format!("{}{}", show(self.value), self.unit.label())
    }
}

/// Half a unit of the last printed decimal of `d`: 0.005 for 24.00, 0.5 for 24.
pub(crate) fn half_unit(d: Decimal) -> Decimal {
    // A Decimal holds at most 28 decimals.
    Decimal::new(5, (d.scale() + 1).min(28))
}

/// [`Unit::convert`] that saturates instead of overflowing, so that an
/// absurd printed figure yields a finding, not a panic.
pub(crate) fn convert(amount: Decimal, from: Unit, to: Unit) -> Decimal {
    if from == to {
        amount
    } else {
        amount.saturating_mul(from.yuan_factor()) / to.yuan_factor()
    }
}

/// Σ that saturates instead of overflowing.
pub(crate) fn sum_of(values: impl IntoIterator<Item = Decimal>) -> Decimal {
    values
        .into_iter()
        .fold(Decimal::ZERO, |a, b| a.saturating_add(b))
}

/// An amount as printed, keeping its scale (`20.00`, `24`).
pub(crate) fn show(d: Decimal) -> String {
    d.to_string()
}

/// A signed difference with its sign always shown: `+0.10`, `-231.83`.
pub(crate) fn show_diff(d: Decimal) -> String {
    if d.is_sign_negative() && !d.is_zero() {
        d.to_string()
    } else {
        format!("+{}", d.abs())
    }
}

/// How a printed parent compares with the sum of its printed children.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SumOutcome {
    Equal,
    /// Differs by no more than half a unit of the last printed decimal per
    /// child: the children were rounded.
    Rounding {
        sum: Decimal,
        diff: Decimal,
    },
    Mismatch {
        sum: Decimal,
        diff: Decimal,
    },
}

/// Compares a parent with the sum of its children. Blank cells count as
/// nothing; `diff` is parent − Σ children.
pub(crate) fn compare_sum(parent: Option<Decimal>, children: &[Option<Decimal>]) -> SumOutcome {
    let present: Vec<Decimal> = children.iter().flatten().copied().collect();
    let sum = sum_of(present.iter().copied());
    let found = parent.unwrap_or(Decimal::ZERO);
    let diff = found.saturating_sub(sum);
    if diff.is_zero() {
        return SumOutcome::Equal;
    }
    // A blank parent over printed children is a missing figure, not rounding.
    if parent.is_some() && present.len() > 1 {
        // Half a unit of the last printed digit of each part, at the finest
        // precision printed in the family: a figure printed with fewer
        // decimals (`313` among `306.17`s) never widens the allowance.
        let scale = present
            .iter()
            .chain(parent.iter())
            .map(|d| d.scale())
            .max()
            .unwrap_or(0);
        let half = half_unit(Decimal::new(0, scale));
        if diff.abs() <= half.saturating_mul(Decimal::from(present.len())) {
            return SumOutcome::Rounding { sum, diff };
        }
    }
    SumOutcome::Mismatch { sum, diff }
}

/// Turns a [`SumOutcome`] into a finding (none when equal). `what` names
/// the figure and `parts` what it should be the sum of.
pub(crate) fn sum_finding(
    rule: &'static str,
    outcome: SumOutcome,
    found: Option<Decimal>,
    what: &str,
    parts: &str,
    places: Vec<Place>,
) -> Option<Finding> {
    let found_text = found.map(show).unwrap_or_else(|| "空白".to_string());
    match outcome {
        SumOutcome::Equal => None,
        SumOutcome::Rounding { sum, diff } => Some(Finding::new(
            rule,
            Severity::Note,
            format!(
                "{what}为 {found_text}，{parts}为 {}，相差 {}（在各项四舍五入的误差之内）",
                show(sum),
                show_diff(diff)
            ),
            places,
        )),
        SumOutcome::Mismatch { sum, diff } => Some(Finding::new(
            rule,
            Severity::Error,
            format!(
                "{what}应等于{parts} {}，实为 {found_text}，相差 {}",
                show(sum),
                show_diff(diff)
            ),
            places,
        )),
    }
}

/// Compares two figures that should be equal, possibly printed in
/// different units. Rounding of the coarser figure is allowed only across
/// units (within one unit the figures are copied, not rounded).
pub(crate) fn figures_agree(a: Figure, b: Figure) -> bool {
    let diff = a
        .in_unit(Unit::Yuan)
        .saturating_sub(b.in_unit(Unit::Yuan))
        .abs();
    if a.unit == b.unit {
        diff.is_zero()
    } else {
        diff <= a.half_unit_yuan().max(b.half_unit_yuan())
    }
}

/// The Chinese numeral prefix of a line removed: `一、一般公共服务支出` →
/// `一般公共服务支出`, `（三）其他` → `其他`, `2、车辆` → `车辆`.
pub(crate) fn strip_numbering(name: &str) -> String {
    let s = squeeze(name);
    let numerals = |c: char| "一二三四五六七八九十百零〇".contains(c) || c.is_ascii_digit();
    let inner = s
        .strip_prefix('（')
        .or_else(|| s.strip_prefix('('))
        .map(|rest| {
            let after: String = rest.chars().skip_while(|c| numerals(*c)).collect();
            after
                .strip_prefix('）')
                .or_else(|| after.strip_prefix(')'))
                .map(str::to_string)
        });
    if let Some(Some(rest)) = inner {
        return rest;
    }
    let digits_end = s
        .char_indices()
        .find(|(_, c)| !numerals(*c))
        .map(|(i, _)| i)
        .unwrap_or(s.len());
    if digits_end > 0 {
        let rest = &s[digits_end..];
        for sep in ['、', '.', '．'] {
            if let Some(r) = rest.strip_prefix(sep) {
                return r.to_string();
            }
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn sums_equal_rounded_and_mismatched() {
        assert_eq!(
            compare_sum(Some(d("3.00")), &[Some(d("1.00")), Some(d("2.00")), None]),
            SumOutcome::Equal
        );
        assert_eq!(
            compare_sum(Some(d("3.01")), &[Some(d("1.00")), Some(d("2.00"))]),
            SumOutcome::Rounding {
                sum: d("3.00"),
                diff: d("0.01")
            }
        );
        // Two parts allow 2 × 0.005 = 0.01, no more.
        assert_eq!(
            compare_sum(Some(d("3.02")), &[Some(d("1.00")), Some(d("2.00"))]),
            SumOutcome::Mismatch {
                sum: d("3.00"),
                diff: d("0.02")
            }
        );
        // A part printed without decimals does not widen the allowance to
        // 0.5 per part (30101 306.17 → `313`).
        assert_eq!(
            compare_sum(Some(d("309.17")), &[Some(d("313")), Some(d("3.00"))]),
            SumOutcome::Mismatch {
                sum: d("316.00"),
                diff: d("-6.83")
            }
        );
        assert_eq!(
            compare_sum(Some(d("3.03")), &[Some(d("1.00")), Some(d("2.00"))]),
            SumOutcome::Mismatch {
                sum: d("3.00"),
                diff: d("0.03")
            }
        );
        // A blank parent over figures is missing, never rounding.
        assert_eq!(
            compare_sum(None, &[Some(d("0.01"))]),
            SumOutcome::Mismatch {
                sum: d("0.01"),
                diff: d("-0.01")
            }
        );
        assert_eq!(compare_sum(None, &[None, None]), SumOutcome::Equal);
    }

    #[test]
    fn numbering_is_stripped() {
        assert_eq!(strip_numbering("一、一般公共服务支出"), "一般公共服务支出");
        assert_eq!(strip_numbering("十二、城乡社区支出"), "城乡社区支出");
        assert_eq!(strip_numbering("（三）其他"), "其他");
        assert_eq!(strip_numbering("2、车辆（台、辆）"), "车辆（台、辆）");
        assert_eq!(strip_numbering("一般公共服务支出"), "一般公共服务支出");
    }

    #[test]
    fn figures_in_different_units() {
        let wan = Figure::new(d("12.35"), Unit::WanYuan);
        assert!(figures_agree(wan, Figure::new(d("123456.00"), Unit::Yuan)));
        assert!(!figures_agree(wan, Figure::new(d("123400.00"), Unit::Yuan)));
        assert!(!figures_agree(
            Figure::new(d("24.00"), Unit::WanYuan),
            Figure::new(d("24.01"), Unit::WanYuan)
        ));
    }
}
