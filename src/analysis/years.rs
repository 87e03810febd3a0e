//! Year over year: one department's disclosures of two years side by side,
//! by classification code (the 支出总表's 合计 for functional codes, the
//! 基本支出表's for economic ones) and by project card. Pure, computed once
//! when the pair is opened.

use rust_decimal::Decimal;

use super::library::coded_amounts;
use super::summary::{SummaryView, YearOverYear};
use crate::model::{percent_of, CodeScheme, Disclosure, Unit};

/// Whether a code (or card) is printed in both years or only one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Presence {
    Both,
    /// Printed only in the later year.
    New,
    /// Printed only in the earlier year.
    Vanished,
}

/// One code's figure in both years, in the comparison's unit.
#[derive(Debug, Clone, PartialEq)]
pub struct YearRow {
    pub scheme: CodeScheme,
    pub code: String,
    pub name: String,
    /// 1 for a 类, 2 for a 款, 3 for a 项 (indentation).
    pub depth: usize,
    pub before: Option<Decimal>,
    pub after: Option<Decimal>,
    pub presence: Presence,
}

impl YearRow {
    /// after − before, when both years print a figure.
    pub fn delta(&self) -> Option<Decimal> {
        self.after?.checked_sub(self.before?)
    }

    /// Δ as a percent of the earlier figure (one decimal), when it is not 0.
    pub fn percent(&self) -> Option<Decimal> {
        percent_of(self.delta()?, self.before?)
    }
}

/// One project card in both years, matched by project code (else by name).
#[derive(Debug, Clone, PartialEq)]
pub struct CardRow {
    /// The project code (empty when the card prints none).
    pub code: String,
    pub name: String,
    pub before: Option<Decimal>,
    pub after: Option<Decimal>,
    pub presence: Presence,
}

/// The two years of one department.
#[derive(Debug, Clone, PartialEq)]
pub struct YearComparison {
    pub department: String,
    /// The earlier and the later budget year.
    pub years: (u16, u16),
    /// The unit every figure here is in: the later document's; the earlier
    /// one's figures are converted exactly (a figure that cannot be is
    /// left out, never rounded).
    pub unit: Unit,
    /// Functional codes first, then economic, each in code order.
    pub rows: Vec<YearRow>,
    pub cards: Vec<CardRow>,
    /// The changes the later document's narrative states (比上年增减), in
    /// its own words' unit: shown where the tables of the earlier year are
    /// not loaded, and beside them where they are.
    pub stated: YearOverYear,
}

impl YearComparison {
    /// The comparison of `a` and `b` (either order).
    pub fn build(a: &Disclosure, b: &Disclosure) -> YearComparison {
        let (before, after) = if a.department.budget_year <= b.department.budget_year {
            (a, b)
        } else {
            (b, a)
        };
        let unit = after.department.unit;
        let mut rows = Vec::new();
        for scheme in [CodeScheme::Functional, CodeScheme::Economic] {
            let earlier = coded_figures(before, scheme, unit);
            let later = coded_figures(after, scheme, unit);
            rows.extend(pair_up(earlier, later).into_iter().map(
                |(code, name, before, after, presence)| YearRow {
                    scheme,
                    depth: depth(&code, scheme),
                    code,
                    name,
                    before,
                    after,
                    presence,
                },
            ));
        }
        let cards = pair_up(card_figures(before, unit), card_figures(after, unit))
            .into_iter()
            .map(|(key, name, before, after, presence)| CardRow {
                // A card without a project code is matched by its name.
                code: if key == name.trim() {
                    String::new()
                } else {
                    key
                },
                name,
                before,
                after,
                presence,
            })
            .collect();
        YearComparison {
            department: after.department.name.clone(),
            years: (before.department.budget_year, after.department.budget_year),
            unit,
            rows,
            cards,
            stated: SummaryView::build(after).year_over_year,
        }
    }
}

/// Whether two documents are the same department in two different years:
/// the same department code when both print one, else the same name.
pub fn same_department(a: &Disclosure, b: &Disclosure) -> bool {
    if a.department.budget_year == b.department.budget_year {
        return false;
    }
    match (&a.department.code, &b.department.code) {
        (Some(x), Some(y)) => x == y,
        _ => a.department.name.trim() == b.department.name.trim(),
    }
}

/// (code, name, figure) of each coded row the scheme's figures are read
/// from ([`coded_amounts`]), in `unit`, in code order.
fn coded_figures(
    doc: &Disclosure,
    scheme: CodeScheme,
    unit: Unit,
) -> Vec<(String, String, Option<Decimal>)> {
    let (amounts, _) = coded_amounts(doc, scheme, unit);
    let mut out: Vec<_> = amounts
        .into_iter()
        .map(|(code, name, figure)| (code, name, Some(figure)))
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

/// (key, name, budget) of each card: its project code, else its name.
fn card_figures(doc: &Disclosure, unit: Unit) -> Vec<(String, String, Option<Decimal>)> {
    let mut out: Vec<_> = doc
        .projects
        .iter()
        .map(|p| {
            let key = if p.code.trim().is_empty() {
                p.name.trim().to_string()
            } else {
                p.code.trim().to_string()
            };
            let budget = p.budget.and_then(|b| p.unit.checked_convert(b, unit));
            (key, p.name.clone(), budget)
        })
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out.dedup_by(|a, b| a.0 == b.0);
    out
}

type Paired = (String, String, Option<Decimal>, Option<Decimal>, Presence);

/// Merges two key-sorted lists: each key once, with its figure in each
/// year and whether it is new or vanished. The later year's name wins.
fn pair_up(
    earlier: Vec<(String, String, Option<Decimal>)>,
    later: Vec<(String, String, Option<Decimal>)>,
) -> Vec<Paired> {
    let mut out = Vec::with_capacity(earlier.len().max(later.len()));
    let mut e = earlier.into_iter().peekable();
    let mut l = later.into_iter().peekable();
    loop {
        let order = match (e.peek(), l.peek()) {
            (None, None) => break,
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (Some(a), Some(b)) => a.0.cmp(&b.0),
        };
        match order {
            std::cmp::Ordering::Less => {
                if let Some((k, n, f)) = e.next() {
                    out.push((k, n, f, None, Presence::Vanished));
                }
            }
            std::cmp::Ordering::Greater => {
                if let Some((k, n, f)) = l.next() {
                    out.push((k, n, None, f, Presence::New));
                }
            }
            std::cmp::Ordering::Equal => {
                if let (Some((k, _, before)), Some((_, n, after))) = (e.next(), l.next()) {
                    out.push((k, n, before, after, Presence::Both));
                }
            }
        }
    }
    out
}

fn depth(code: &str, scheme: CodeScheme) -> usize {
    crate::model::Code::parse(code)
        .and_then(|c| c.depth(scheme))
        .unwrap_or(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(k: &str, f: i64) -> (String, String, Option<Decimal>) {
        (k.to_string(), format!("n{k}"), Some(Decimal::from(f)))
    }

    #[test]
    fn pairs_by_key_and_marks_new_and_vanished() {
        let paired = pair_up(
            vec![row("201", 10), row("205", 3)],
            vec![row("201", 12), row("208", 5)],
        );
        let keys: Vec<(&str, Presence)> = paired.iter().map(|p| (p.0.as_str(), p.4)).collect();
        assert_eq!(
            keys,
            [
                ("201", Presence::Both),
                ("205", Presence::Vanished),
                ("208", Presence::New)
            ]
        );
        let r = YearRow {
            scheme: CodeScheme::Functional,
            code: "201".into(),
            name: String::new(),
            depth: 1,
            before: paired[0].2,
            after: paired[0].3,
            presence: Presence::Both,
        };
        assert_eq!(r.delta(), Some(Decimal::from(2)));
        assert_eq!(r.percent().map(|p| p.to_string()).as_deref(), Some("20"));
    }
}
