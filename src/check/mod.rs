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
mod document;
mod narrative;
mod procurement;
mod projects;
pub mod report;
pub mod review;
pub mod text;
pub use narrative::{narrative_figures, NarrativeFigures};
pub use text::{Arg, Text};
mod group;
mod pinpoint;
mod tables;

use rust_decimal::Decimal;
use serde::Serialize;

use crate::i18n::Lang;
use crate::model::{BudgetTable, Disclosure, Place, Side, TableKind, TableRow, Unit};
use crate::text;

/// Version of the JSON that `budget check --format json` prints. 2 added
/// the structured fields (figures, places, consequences, ledger counts and
/// reasons) beside the fields of version 1.
pub const FORMAT_VERSION: u32 = 2;

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
    /// The stable id used in JSON and CSV.
    pub fn label(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        }
    }

    /// The word a reader sees.
    pub fn name(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Severity::Error, Lang::Zh) => "错误",
            (Severity::Warning, Lang::Zh) => "警告",
            (Severity::Note, Lang::Zh) => "提示",
            (s, Lang::En) => s.label(),
        }
    }
}

/// The figures behind a finding, in the unit of the table or text they
/// come from. `None` where the finding has no such figure.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Figures {
    /// What the document prints (a blank cell is `None`).
    pub printed: Option<Decimal>,
    /// What the other figures imply.
    pub expected: Option<Decimal>,
    /// printed − expected.
    pub difference: Option<Decimal>,
    /// How far apart the two may be (0 when they must be equal).
    pub tolerance: Option<Decimal>,
    /// The unit of the figures above.
    pub unit: Option<Unit>,
}

impl Figures {
    pub fn is_empty(&self) -> bool {
        *self == Figures::default()
    }
}

/// One problem found by one rule. The message is data (a template in both
/// languages and its arguments), rendered by [`Finding::message`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// Stable rule id (`table.parent-sum`).
    pub rule: &'static str,
    pub severity: Severity,
    /// The message with its figures, in both languages.
    pub text: Text,
    /// The figures compared.
    pub figures: Figures,
    /// Where the app can jump to; the first place is the main one.
    pub places: Vec<Place>,
    /// For a sum finding, the cells added up (the app highlights them
    /// beside the printed figure); empty otherwise.
    pub parts: Vec<Place>,
    /// Findings caused by the same root cell, grouped under this one.
    pub consequences: Vec<Finding>,
    /// A reviewer's mark from the document's sidecar ([`review`]).
    pub review: Option<review::Review>,
}

impl Finding {
    pub fn new(rule: &'static str, severity: Severity, text: Text, places: Vec<Place>) -> Finding {
        Finding {
            rule,
            severity,
            text,
            figures: Figures::default(),
            places,
            parts: Vec::new(),
            consequences: Vec::new(),
            review: None,
        }
    }

    /// The cells a sum finding added up.
    pub fn with_parts(mut self, parts: Vec<Place>) -> Finding {
        self.parts = parts;
        self
    }

    pub fn with_figures(mut self, figures: Figures) -> Finding {
        self.figures = figures;
        self
    }

    /// The message in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        self.text.render(lang)
    }

    /// The places described for a reader in Chinese, joined with `; `.
    pub fn location(&self, doc: &Disclosure) -> String {
        self.location_in(doc, Lang::Zh)
    }

    /// The places described for a reader in `lang` (with `p. N` where the
    /// input was a PDF), joined with `; `.
    pub fn location_in(&self, doc: &Disclosure, lang: Lang) -> String {
        self.places
            .iter()
            .map(|p| p.describe_in(doc, lang))
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join("; ")
    }

    /// The first page any place of the finding is printed on.
    pub fn page(&self, doc: &Disclosure) -> Option<u32> {
        self.places.iter().find_map(|p| p.page(doc))
    }
}

/// What became of one rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum RuleState {
    /// Ran and found nothing at all.
    Passed,
    /// Ran and found something (errors, warnings or only notes: see the
    /// entry's counts). A rule with a note is not "passed".
    WithFindings,
    /// Nothing to check (no 国有资本经营 data, a figure the text does not state).
    NotApplicable,
    /// Something it needs is missing (a table). Never counted as passed.
    CouldNotRun,
}

impl RuleState {
    pub fn label(self) -> &'static str {
        match self {
            RuleState::Passed => "passed",
            RuleState::WithFindings => "with-findings",
            RuleState::NotApplicable => "not-applicable",
            RuleState::CouldNotRun => "could-not-run",
        }
    }

    pub fn name(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (RuleState::Passed, Lang::Zh) => "通过",
            (RuleState::WithFindings, Lang::Zh) => "有发现",
            (RuleState::NotApplicable, Lang::Zh) => "不适用",
            (RuleState::CouldNotRun, Lang::Zh) => "无法检查",
            (RuleState::Passed, Lang::En) => "passed",
            (RuleState::WithFindings, Lang::En) => "with findings",
            (RuleState::NotApplicable, Lang::En) => "not applicable",
            (RuleState::CouldNotRun, Lang::En) => "could not run",
        }
    }
}

/// One line of the ledger: every rule appears once, whatever its outcome.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LedgerEntry {
    pub rule: &'static str,
    /// The rule's title in Chinese (see [`LedgerEntry::title_in`]).
    pub title: &'static str,
    pub title_en: &'static str,
    pub state: RuleState,
    /// Why a rule did not apply or could not run.
    pub reason: Option<Text>,
    /// Findings of the rule by severity (consequences included).
    pub errors: usize,
    pub warnings: usize,
    pub notes: usize,
}

impl LedgerEntry {
    pub fn title_in(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::Zh => self.title,
            Lang::En => self.title_en,
        }
    }

    /// Why the rule is not "passed", in `lang`: its reason, or its counts.
    pub fn reason_in(&self, lang: Lang) -> Option<String> {
        if let Some(reason) = &self.reason {
            return Some(reason.render(lang));
        }
        (self.state == RuleState::WithFindings).then(|| match lang {
            Lang::Zh => format!(
                "错误 {}，警告 {}，提示 {}",
                self.errors, self.warnings, self.notes
            ),
            Lang::En => format!(
                "{} errors, {} warnings, {} notes",
                self.errors, self.warnings, self.notes
            ),
        })
    }
}

/// Number of rules in each state.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct LedgerCounts {
    pub passed: usize,
    pub with_findings: usize,
    pub not_applicable: usize,
    pub could_not_run: usize,
}

/// The outcome of [`run`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// Sorted by severity (errors first), then rule id. Consequences of a
    /// root finding are inside it, not here.
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
                RuleState::WithFindings => counts.with_findings += 1,
                RuleState::NotApplicable => counts.not_applicable += 1,
                RuleState::CouldNotRun => counts.could_not_run += 1,
            }
        }
        counts
    }

    pub fn has_errors(&self) -> bool {
        self.all_findings().any(|f| f.severity == Severity::Error)
    }

    /// Whether an error finding no reviewer marked remains: what makes
    /// `budget check` exit 1.
    pub fn has_open_errors(&self) -> bool {
        self.all_findings()
            .any(|f| f.severity == Severity::Error && f.review.is_none())
    }

    /// Every finding, consequences included (a consequence after its root).
    pub fn all_findings(&self) -> impl Iterator<Item = &Finding> + '_ {
        self.findings
            .iter()
            .flat_map(|f| std::iter::once(f).chain(f.consequences.iter()))
    }

    /// The ledger state of one rule, if the rule exists.
    pub fn state_of(&self, rule: &str) -> Option<RuleState> {
        self.ledger.iter().find(|e| e.rule == rule).map(|e| e.state)
    }

    /// The findings of one rule, consequences included.
    pub fn findings_of<'a>(&'a self, rule: &'a str) -> impl Iterator<Item = &'a Finding> + 'a {
        self.all_findings().filter(move |f| f.rule == rule)
    }
}

/// What a rule function returns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// The rule ran; these are its findings (possibly none).
    Ran(Vec<Finding>),
    /// Nothing to check, with the reason.
    NotApplicable(Text),
    /// Something the rule needs is missing, with the reason.
    CouldNotRun(Text),
}

/// One rule of the catalogue.
#[derive(Clone, Copy)]
pub struct Rule {
    pub id: &'static str,
    pub title: &'static str,
    pub title_en: &'static str,
    pub check: fn(&Disclosure) -> Outcome,
}

/// Every rule, in catalogue order (A completeness, B tables, C across
/// tables, D narrative, E cards, assets).
pub fn rules() -> Vec<Rule> {
    let mut all = Vec::new();
    all.extend_from_slice(completeness::RULES);
    all.extend_from_slice(document::RULES);
    all.extend_from_slice(tables::RULES);
    all.extend_from_slice(cross::RULES);
    all.extend_from_slice(narrative::RULES);
    all.extend_from_slice(projects::RULES);
    all.extend_from_slice(assets::RULES);
    all.extend_from_slice(procurement::RULES);
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
        let mut entry = LedgerEntry {
            rule: rule.id,
            title: rule.title,
            title_en: rule.title_en,
            state: RuleState::Passed,
            reason: None,
            errors: 0,
            warnings: 0,
            notes: 0,
        };
        match (rule.check)(doc) {
            Outcome::Ran(found) => findings.extend(found),
            Outcome::NotApplicable(why) => {
                entry.state = RuleState::NotApplicable;
                entry.reason = Some(why);
            }
            Outcome::CouldNotRun(why) => {
                entry.state = RuleState::CouldNotRun;
                entry.reason = Some(why);
            }
        }
        ledger.push(entry);
    }
    let findings = group::group(doc, findings);
    // The ledger counts what each rule found, wherever grouping put it.
    for f in findings
        .iter()
        .flat_map(|f| std::iter::once(f).chain(f.consequences.iter()))
    {
        if let Some(entry) = ledger.iter_mut().find(|e| e.rule == f.rule) {
            match f.severity {
                Severity::Error => entry.errors += 1,
                Severity::Warning => entry.warnings += 1,
                Severity::Note => entry.notes += 1,
            }
            if entry.state == RuleState::Passed {
                entry.state = RuleState::WithFindings;
            }
        }
    }
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

    /// One cell of the table.
    pub fn cell_place(&self, side: usize, row: usize, column: usize) -> Place {
        Place::TableCell {
            table: self.index,
            side,
            row,
            column,
        }
    }

    pub fn row_place(&self, side: usize, row: usize) -> Place {
        Place::TableRow {
            table: self.index,
            side,
            row,
        }
    }

    /// The table's name for a message: its standard name in the reader's
    /// language, or its printed title for a table that is not one of the nine.
    pub fn name(&self) -> Arg {
        match self.table.kind {
            TableKind::Other => Arg::Doc(self.table.title.clone()),
            kind => Arg::Table(kind),
        }
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

    /// The figure in another unit; `None` when it does not fit a Decimal.
    pub fn in_unit(self, unit: Unit) -> Option<Decimal> {
        convert(self.value, self.unit, unit)
    }

    /// Half a unit of the last printed decimal, in 元: how far a rounded
    /// figure may be from the exact one.
    pub fn half_unit_yuan(self) -> Option<Decimal> {
        half_unit(self.value).checked_mul(self.unit.yuan_factor())
    }
}

impl From<Figure> for Arg {
    fn from(f: Figure) -> Arg {
        Arg::Figure(f.value, f.unit)
    }
}

/// Half a unit of the last printed decimal of `d`: 0.005 for 24.00, 0.5 for 24.
pub(crate) fn half_unit(d: Decimal) -> Decimal {
    // A Decimal holds at most 28 decimals.
    Decimal::new(5, (d.scale() + 1).min(28))
}

/// [`Unit::convert`] that says when the result does not fit, so that an
/// absurd printed figure yields a finding, never a clamped figure.
pub(crate) fn convert(amount: Decimal, from: Unit, to: Unit) -> Option<Decimal> {
    if from == to {
        Some(amount)
    } else {
        amount
            .checked_mul(from.yuan_factor())?
            .checked_div(to.yuan_factor())
    }
}

/// Σ, or `None` when the sum does not fit a Decimal.
pub(crate) fn sum_of(values: impl IntoIterator<Item = Decimal>) -> Option<Decimal> {
    values
        .into_iter()
        .try_fold(Decimal::ZERO, |a, b| a.checked_add(b))
}

/// The finding for figures too large to add or convert: the document
/// holds an absurd figure, and no sum over it can be trusted.
pub(crate) fn overflow(rule: &'static str, what: Text, places: Vec<Place>) -> Finding {
    Finding::new(
        rule,
        Severity::Error,
        text!(
            "{}：数额过大，无法相加或换算（超出 28 位有效数字）",
            "{}: the figures are too large to add or convert (over 28 significant digits)",
            what
        ),
        places,
    )
}

/// How a printed parent compares with the sum of its printed children.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SumOutcome {
    Equal,
    /// Differs by no more than the rounding allowance: the children were
    /// rounded.
    Rounding {
        sum: Decimal,
        diff: Decimal,
        tolerance: Decimal,
    },
    Mismatch {
        sum: Decimal,
        diff: Decimal,
        tolerance: Decimal,
    },
    /// The children do not add up inside a Decimal.
    Overflow,
}

/// Whether a family's figures may be rounded. Tables are exact unless the
/// document shows otherwise ([`group`] decides per table).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Rounding {
    Exact,
    Rounded,
}

/// Compares a parent with the sum of its children. Blank cells count as
/// nothing; `diff` is parent − Σ children. Where the figures are rounded,
/// the allowance is half a unit of the last printed digit of each part, at
/// the finest precision printed in the family: a figure printed with fewer
/// decimals (`313` among `306.17`s) never widens it.
pub(crate) fn compare_sum_with(
    parent: Option<Decimal>,
    children: &[Option<Decimal>],
    rounding: Rounding,
) -> SumOutcome {
    let present: Vec<Decimal> = children.iter().flatten().copied().collect();
    let Some(sum) = sum_of(present.iter().copied()) else {
        return SumOutcome::Overflow;
    };
    let found = parent.unwrap_or(Decimal::ZERO);
    let Some(diff) = found.checked_sub(sum) else {
        return SumOutcome::Overflow;
    };
    if diff.is_zero() {
        return SumOutcome::Equal;
    }
    let scale = present
        .iter()
        .chain(parent.iter())
        .map(|d| d.scale())
        .max()
        .unwrap_or(0);
    let per_part = half_unit(Decimal::new(0, scale));
    let allowance = per_part
        .checked_mul(Decimal::from(present.len()))
        .unwrap_or(Decimal::MAX);
    // A blank parent over printed children is a missing figure, not
    // rounding; one child is copied, not rounded.
    let rounded = rounding == Rounding::Rounded && parent.is_some() && present.len() > 1;
    if rounded && diff.abs() <= allowance {
        return SumOutcome::Rounding {
            sum,
            diff,
            tolerance: allowance,
        };
    }
    SumOutcome::Mismatch {
        sum,
        diff,
        tolerance: if rounded { allowance } else { Decimal::ZERO },
    }
}

/// [`compare_sum_with`] for figures that may be rounded (a family whose
/// table is not known to be exact, assets).
pub(crate) fn compare_sum(parent: Option<Decimal>, children: &[Option<Decimal>]) -> SumOutcome {
    compare_sum_with(parent, children, Rounding::Rounded)
}

/// The allowance stated in a message: `（须完全相等）` or `（容差 ±0.010）`.
fn tolerance_text(tolerance: Decimal) -> Text {
    if tolerance.is_zero() {
        text!("须完全相等", "must be exact")
    } else {
        text!(
            "容差 ±{}，即各项末位半个单位之和",
            "tolerance ±{}: half a unit of each part's last digit",
            tolerance
        )
    }
}

/// Turns a [`SumOutcome`] into a finding (none when equal). `what` names
/// the figure and `parts` what it should be the sum of.
pub(crate) fn sum_finding(
    rule: &'static str,
    outcome: SumOutcome,
    found: Option<Decimal>,
    unit: Unit,
    what: Text,
    parts: Text,
    places: Vec<Place>,
) -> Option<Finding> {
    let found_arg = match found {
        Some(d) => Arg::Amount(d),
        None => Arg::from(text!("空白", "blank")),
    };
    // A rounding note and a mismatch carry the same figures; only the
    // severity and the sentence differ.
    let (severity, text, sum, diff, tolerance) = match outcome {
        SumOutcome::Equal => return None,
        SumOutcome::Overflow => return Some(overflow(rule, what, places)),
        SumOutcome::Rounding {
            sum,
            diff,
            tolerance,
        } => (
            Severity::Note,
            Text::new(
                "{}为 {}，{}为 {}，相差 {}（在各项四舍五入的误差之内：{}）",
                "{} is {}, {} is {}: difference {} (within the rounding of the parts: {})",
                vec![
                    Arg::from(what),
                    found_arg,
                    Arg::from(parts),
                    Arg::Amount(sum),
                    Arg::Signed(diff),
                    Arg::from(tolerance_text(tolerance)),
                ],
            ),
            sum,
            diff,
            tolerance,
        ),
        SumOutcome::Mismatch {
            sum,
            diff,
            tolerance,
        } => (
            Severity::Error,
            Text::new(
                "{}应等于{} {}，实为 {}，相差 {}（{}）",
                "{} should equal {} {} but is {}: difference {} ({})",
                vec![
                    Arg::from(what),
                    Arg::from(parts),
                    Arg::Amount(sum),
                    found_arg,
                    Arg::Signed(diff),
                    Arg::from(tolerance_text(tolerance)),
                ],
            ),
            sum,
            diff,
            tolerance,
        ),
    };
    Some(
        Finding::new(rule, severity, text, places).with_figures(Figures {
            printed: found,
            expected: Some(sum),
            difference: Some(diff),
            tolerance: Some(tolerance),
            unit: Some(unit),
        }),
    )
}

/// How two figures that should be equal compare, possibly printed in
/// different units: `Ok(None)` when they agree, `Ok(Some((diff,
/// tolerance)))` in `b`'s unit when not, `Err(())` when a conversion
/// overflows. Rounding of the coarser figure is allowed only across units
/// (within one unit the figures are copied, not rounded).
pub(crate) fn figures_differ(a: Figure, b: Figure) -> Result<Option<(Decimal, Decimal)>, ()> {
    let (Some(ay), Some(by)) = (a.in_unit(Unit::Yuan), b.in_unit(Unit::Yuan)) else {
        return Err(());
    };
    let diff_yuan = ay.checked_sub(by).ok_or(())?;
    let tolerance_yuan = if a.unit == b.unit {
        Decimal::ZERO
    } else {
        let (Some(ha), Some(hb)) = (a.half_unit_yuan(), b.half_unit_yuan()) else {
            return Err(());
        };
        ha.max(hb)
    };
    if diff_yuan.abs() <= tolerance_yuan {
        return Ok(None);
    }
    let diff = convert(diff_yuan, Unit::Yuan, b.unit).ok_or(())?;
    let tolerance = convert(tolerance_yuan, Unit::Yuan, b.unit).ok_or(())?;
    Ok(Some((diff, tolerance)))
}

/// Whether two figures agree ([`figures_differ`]); figures too large to
/// compare do not.
pub(crate) fn figures_agree(a: Figure, b: Figure) -> bool {
    matches!(figures_differ(a, b), Ok(None))
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
                diff: d("0.01"),
                tolerance: d("0.010"),
            }
        );
        // An exact table allows nothing: one cent is a mismatch.
        assert_eq!(
            compare_sum_with(
                Some(d("3.01")),
                &[Some(d("1.00")), Some(d("2.00"))],
                Rounding::Exact
            ),
            SumOutcome::Mismatch {
                sum: d("3.00"),
                diff: d("0.01"),
                tolerance: d("0"),
            }
        );
        // Two parts allow 2 × 0.005 = 0.01, no more.
        assert_eq!(
            compare_sum(Some(d("3.02")), &[Some(d("1.00")), Some(d("2.00"))]),
            SumOutcome::Mismatch {
                sum: d("3.00"),
                diff: d("0.02"),
                tolerance: d("0.010"),
            }
        );
        // A part printed without decimals does not widen the allowance to
        // 0.5 per part (30101 306.17 → `313`).
        assert_eq!(
            compare_sum(Some(d("309.17")), &[Some(d("313")), Some(d("3.00"))]),
            SumOutcome::Mismatch {
                sum: d("316.00"),
                diff: d("-6.83"),
                tolerance: d("0.010"),
            }
        );
        // A blank parent over figures is missing, never rounding.
        assert_eq!(
            compare_sum(None, &[Some(d("0.01"))]),
            SumOutcome::Mismatch {
                sum: d("0.01"),
                diff: d("-0.01"),
                tolerance: d("0"),
            }
        );
        assert_eq!(compare_sum(None, &[None, None]), SumOutcome::Equal);
        // A sum that does not fit a Decimal is an overflow, never a clamped
        // figure.
        assert_eq!(
            compare_sum(
                Some(Decimal::MAX),
                &[Some(Decimal::MAX), Some(Decimal::MAX)]
            ),
            SumOutcome::Overflow
        );
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
        assert_eq!(
            figures_differ(wan, Figure::new(d("123400.00"), Unit::Yuan)),
            Ok(Some((d("100.00"), d("50.000"))))
        );
        assert_eq!(
            figures_differ(
                Figure::new(Decimal::MAX, Unit::YiYuan),
                Figure::new(d("1"), Unit::Yuan)
            ),
            Err(())
        );
        assert!(!figures_agree(wan, Figure::new(d("123400.00"), Unit::Yuan)));
        assert!(!figures_agree(
            Figure::new(d("24.00"), Unit::WanYuan),
            Figure::new(d("24.01"), Unit::WanYuan)
        ));
    }
}
