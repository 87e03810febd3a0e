//! The sums inside one table, as identities over cells, and the cell that
//! explains several failing sums at once.
//!
//! One wrong cell breaks every sum it is part of: its row (合计 = Σ parts)
//! and its column's family (parent = Σ children), and, for a parent, the
//! family it heads. Each failing sum says which value each of its cells
//! would need; where two or more failing sums agree on one cell and one
//! value, that cell is the root, and the sums are its consequences.

use std::collections::HashMap;

use rust_decimal::Decimal;

use super::tables::{children_index, column_identities, summary_side, width};
use super::{half_unit, total_row, Found, Rounding};
use crate::model::{BudgetTable, TableKind};

/// A cell of one table: (side, row, column).
pub(crate) type Cell = (usize, usize, usize);

/// total = Σ parts, over cells of one table, with the rule that checks it.
#[derive(Debug, Clone)]
pub(crate) struct Identity {
    pub rule: &'static str,
    pub total: Cell,
    pub parts: Vec<Cell>,
}

/// A failing identity: total − Σ parts = `diff`.
#[derive(Debug, Clone)]
pub(crate) struct Failure {
    pub identity: Identity,
    pub diff: Decimal,
    /// The difference is within the rounding of the parts.
    pub small: bool,
}

/// A cell (or, where `whole_row`, a row: the same change in several
/// columns that keeps the row's own total consistent) that explains two or
/// more failures.
#[derive(Debug, Clone)]
pub(crate) struct Root {
    pub cell: Cell,
    pub whole_row: bool,
    pub printed: Option<Decimal>,
    pub implied: Decimal,
    /// printed − implied.
    pub delta: Decimal,
    /// The failures it explains: (rule, the identity's total cell).
    pub explains: Vec<(&'static str, Cell)>,
}

fn value(table: &BudgetTable, (s, r, c): Cell) -> Option<Decimal> {
    table.sides.get(s)?.rows.get(r)?.amount(c)
}

/// Every sum of the table the table rules check: families of codes (and
/// 合计 = Σ 类), each row's total columns, and the summary tables' lines.
pub(crate) fn identities(table: &BudgetTable) -> Vec<Identity> {
    let mut out = Vec::new();
    for (si, side) in table.sides.iter().enumerate() {
        let w = width(side);
        if let Some(scheme) = table.kind.scheme() {
            let children = children_index(side, scheme);
            for (ri, kids) in children.iter().enumerate() {
                if kids.is_empty() {
                    continue;
                }
                for c in 0..w {
                    out.push(Identity {
                        rule: "table.parent-sum",
                        total: (si, ri, c),
                        parts: kids.iter().map(|&k| (si, k, c)).collect(),
                    });
                }
            }
            if let Some((ti, _)) = total_row(side) {
                let classes: Vec<usize> = side
                    .rows
                    .iter()
                    .enumerate()
                    .filter(|(_, r)| r.code.as_ref().and_then(|c| c.depth(scheme)) == Some(1))
                    .map(|(i, _)| i)
                    .collect();
                if !classes.is_empty() {
                    for c in 0..w {
                        out.push(Identity {
                            rule: "table.total-row",
                            total: (si, ti, c),
                            parts: classes.iter().map(|&k| (si, k, c)).collect(),
                        });
                    }
                }
            }
        }
        let columns = column_identities(side);
        for ri in 0..side.rows.len() {
            for (total, parts) in &columns {
                out.push(Identity {
                    rule: "table.column-sum",
                    total: (si, ri, *total),
                    parts: parts.iter().map(|&p| (si, ri, p)).collect(),
                });
            }
        }
    }
    let summary_rules = match table.kind {
        TableKind::IncomeExpenditureSummary => {
            Some(("summary.income-sum", "summary.expenditure-sum"))
        }
        TableKind::FiscalGrantSummary => {
            Some(("grant-summary.income-sum", "grant-summary.expenditure-sum"))
        }
        _ => None,
    };
    if let Some((income_rule, spending_rule)) = summary_rules {
        let found = Found { index: 0, table };
        for (label, rule) in [("收入", income_rule), ("支出", spending_rule)] {
            if let Ok(s) = summary_side(&found, label) {
                for c in 0..width(s.side) {
                    out.push(Identity {
                        rule,
                        total: (s.index, s.subtotal, c),
                        parts: s.lines.iter().map(|&l| (s.index, l, c)).collect(),
                    });
                }
            }
        }
    }
    out
}

/// The identities that do not hold, with whether each is off by no more
/// than rounding (half a unit of the finest printed digit per part).
pub(crate) fn failures(table: &BudgetTable) -> Vec<Failure> {
    identities(table)
        .into_iter()
        .filter_map(|identity| {
            let total = value(table, identity.total);
            let parts: Vec<Decimal> = identity
                .parts
                .iter()
                .filter_map(|&p| value(table, p))
                .collect();
            // An overflowing sum is reported by the rules; it cannot point
            // at a cell.
            let sum = parts
                .iter()
                .try_fold(Decimal::ZERO, |a, b| a.checked_add(*b))?;
            let diff = total.unwrap_or(Decimal::ZERO).checked_sub(sum)?;
            if diff.is_zero() {
                return None;
            }
            let scale = parts
                .iter()
                .chain(total.iter())
                .map(|d| d.scale())
                .max()
                .unwrap_or(0);
            let allowance = half_unit(Decimal::new(0, scale))
                .checked_mul(Decimal::from(parts.len()))
                .unwrap_or(Decimal::MAX);
            let small = total.is_some() && parts.len() > 1 && diff.abs() <= allowance;
            Some(Failure {
                identity,
                diff,
                small,
            })
        })
        .collect()
}

/// Each cell of a failure with the value the failure needs it to have:
/// the total less the difference, or a part plus it.
fn candidates(table: &BudgetTable, f: &Failure) -> Vec<(Cell, Decimal)> {
    let mut out = Vec::with_capacity(f.identity.parts.len() + 1);
    let total = value(table, f.identity.total).unwrap_or(Decimal::ZERO);
    if let Some(v) = total.checked_sub(f.diff) {
        out.push((f.identity.total, v));
    }
    for &p in &f.identity.parts {
        let v = value(table, p).unwrap_or(Decimal::ZERO);
        if let Some(implied) = v.checked_add(f.diff) {
            out.push((p, implied));
        }
    }
    out
}

/// The cells that explain two or more failures, most explaining first;
/// each failure is explained by one root at most.
pub(crate) fn roots(table: &BudgetTable, failing: &[Failure]) -> Vec<Root> {
    // How many sums each cell belongs to: a wrong cell breaks all of its
    // sums, so of two cells that explain the same failures, the one with
    // fewer sums that still hold is the wrong one (a parent changed would
    // also break its own parent's sum).
    let mut membership: HashMap<Cell, usize> = HashMap::new();
    for identity in identities(table) {
        for cell in std::iter::once(identity.total).chain(identity.parts.iter().copied()) {
            *membership.entry(cell).or_default() += 1;
        }
    }
    let holding = |cell: Cell, failed: usize| {
        membership
            .get(&cell)
            .copied()
            .unwrap_or(0)
            .saturating_sub(failed)
    };
    let mut votes: HashMap<(Cell, Decimal), Vec<usize>> = HashMap::new();
    for (i, f) in failing.iter().enumerate() {
        for (cell, implied) in candidates(table, f) {
            // The same value in another scale is the same value.
            votes
                .entry((cell, implied.normalize()))
                .or_default()
                .push(i);
        }
    }
    let mut ranked: Vec<((Cell, Decimal), Vec<usize>)> =
        votes.into_iter().filter(|(_, v)| v.len() >= 2).collect();
    ranked.sort_by(|a, b| {
        b.1.len()
            .cmp(&a.1.len())
            .then(holding(a.0 .0, a.1.len()).cmp(&holding(b.0 .0, b.1.len())))
            .then(a.0 .0.cmp(&b.0 .0))
    });
    // Two cells that explain the same failures equally well: the sums
    // cannot tell which is wrong, so neither is named.
    let mut seen: HashMap<(Vec<usize>, usize), usize> = HashMap::new();
    for ((cell, _), members) in &ranked {
        *seen
            .entry((members.clone(), holding(*cell, members.len())))
            .or_default() += 1;
    }
    let mut used = vec![false; failing.len()];
    let mut out = Vec::new();
    for ((cell, implied), members) in ranked {
        if seen
            .get(&(members.clone(), holding(cell, members.len())))
            .is_some_and(|&n| n > 1)
        {
            // Nor may a worse candidate claim these failures.
            for &i in &members {
                used[i] = true;
            }
            continue;
        }
        let free: Vec<usize> = members.into_iter().filter(|&i| !used[i]).collect();
        if free.len() < 2 {
            continue;
        }
        for &i in &free {
            used[i] = true;
        }
        let printed = value(table, cell);
        out.push(Root {
            cell,
            whole_row: false,
            printed,
            implied,
            delta: printed
                .unwrap_or(Decimal::ZERO)
                .checked_sub(implied)
                .unwrap_or(Decimal::ZERO),
            explains: free
                .iter()
                .map(|&i| (failing[i].identity.rule, failing[i].identity.total))
                .collect(),
        });
    }
    // A row changed by the same amount in several columns keeps its own
    // total: only its column families fail, each in another column. They
    // agree on the row and on the change.
    let mut by_row: HashMap<(usize, usize, Decimal), Vec<(usize, usize)>> = HashMap::new();
    for (i, f) in failing.iter().enumerate() {
        if used[i] {
            continue;
        }
        for ((s, r, c), implied) in candidates(table, f) {
            let printed = value(table, (s, r, c)).unwrap_or(Decimal::ZERO);
            if let Some(delta) = printed.checked_sub(implied) {
                by_row
                    .entry((s, r, delta.normalize()))
                    .or_default()
                    .push((i, c));
            }
        }
    }
    type RowVotes = ((usize, usize, Decimal), Vec<(usize, usize)>);
    let mut ranked: Vec<RowVotes> = by_row
        .into_iter()
        .filter(|(_, v)| {
            let mut columns: Vec<usize> = v.iter().map(|(_, c)| *c).collect();
            columns.sort_unstable();
            columns.dedup();
            columns.len() >= 2
        })
        .collect();
    let row_holding = |(s, r, _): (usize, usize, Decimal), members: &[(usize, usize)]| {
        members
            .iter()
            .map(|&(_, c)| holding((s, r, c), 1))
            .sum::<usize>()
    };
    ranked.sort_by(|a, b| {
        b.1.len()
            .cmp(&a.1.len())
            .then(row_holding(a.0, &a.1).cmp(&row_holding(b.0, &b.1)))
            .then((a.0 .0, a.0 .1).cmp(&(b.0 .0, b.0 .1)))
    });
    let mut seen: HashMap<(Vec<usize>, usize), usize> = HashMap::new();
    for (key, members) in &ranked {
        let mut ids: Vec<usize> = members.iter().map(|(i, _)| *i).collect();
        ids.sort_unstable();
        *seen.entry((ids, row_holding(*key, members))).or_default() += 1;
    }
    for ((s, r, delta), members) in ranked {
        let mut ids: Vec<usize> = members.iter().map(|(i, _)| *i).collect();
        ids.sort_unstable();
        if seen
            .get(&(ids.clone(), row_holding((s, r, delta), &members)))
            .is_some_and(|&n| n > 1)
        {
            for i in ids {
                used[i] = true;
            }
            continue;
        }
        let free: Vec<(usize, usize)> = members.into_iter().filter(|(i, _)| !used[*i]).collect();
        if free.len() < 2 {
            continue;
        }
        for (i, _) in &free {
            used[*i] = true;
        }
        let first_column = free.iter().map(|(_, c)| *c).min().unwrap_or(0);
        out.push(Root {
            cell: (s, r, first_column),
            whole_row: true,
            printed: None,
            implied: Decimal::ZERO,
            delta,
            explains: free
                .iter()
                .map(|&(i, _)| (failing[i].identity.rule, failing[i].identity.total))
                .collect(),
        });
    }
    out
}

/// Whether the table shows that its figures are rounded: three or more
/// sums off by no more than rounding that no single cell explains. One
/// wrong cell (a typo of 0.01) is an error however small; a table printed
/// from finer figures is off by a cent in many unrelated places.
pub(crate) fn rounding(table: &BudgetTable) -> Rounding {
    let small: Vec<Failure> = failures(table).into_iter().filter(|f| f.small).collect();
    if small.len() < 3 {
        return Rounding::Exact;
    }
    let explained_by_one = roots(table, &small)
        .first()
        .is_some_and(|r| r.explains.len() == small.len());
    if explained_by_one {
        Rounding::Exact
    } else {
        Rounding::Rounded
    }
}
