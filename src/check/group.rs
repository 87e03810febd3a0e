//! Orders the findings and groups those caused by one wrong cell under the
//! finding that names it (`table.wrong-cell`).

use std::collections::HashMap;

use super::pinpoint;
use super::{Finding, Rounding};
use crate::model::{Disclosure, Place};

/// Moves every sum finding that a `table.wrong-cell` finding explains into
/// that finding's consequences, then sorts by severity (errors first) and
/// rule id; within a rule the findings stay in document order.
pub(crate) fn group(doc: &Disclosure, findings: Vec<Finding>) -> Vec<Finding> {
    // (rule, table, cell) of each explained failure → the root finding.
    let mut explained: HashMap<(&'static str, Place), usize> = HashMap::new();
    let mut by_table: HashMap<usize, Vec<pinpoint::Root>> = HashMap::new();
    for (fi, f) in findings.iter().enumerate() {
        if f.rule != "table.wrong-cell" {
            continue;
        }
        let table = match f.places.first().copied() {
            Some(Place::TableCell { table, .. }) | Some(Place::TableRow { table, .. }) => table,
            _ => continue,
        };
        let Some(t) = doc.tables.get(table) else {
            continue;
        };
        // The roots of a table are worked out once, however many findings
        // it has.
        let roots = by_table.entry(table).or_insert_with(|| {
            let exact = pinpoint::rounding(t) == Rounding::Exact;
            let failing: Vec<pinpoint::Failure> = pinpoint::failures(t)
                .into_iter()
                .filter(|x| exact || !x.small)
                .collect();
            pinpoint::roots(t, &failing)
        });
        for root in roots.iter() {
            let (s, r, c) = root.cell;
            let here = if root.whole_row {
                Place::TableRow {
                    table,
                    side: s,
                    row: r,
                }
            } else {
                Place::TableCell {
                    table,
                    side: s,
                    row: r,
                    column: c,
                }
            };
            if Some(here) != f.places.first().copied() {
                continue;
            }
            for &(rule, (s, r, c)) in &root.explains {
                let place = Place::TableCell {
                    table,
                    side: s,
                    row: r,
                    column: c,
                };
                explained.entry((rule, place)).or_insert(fi);
            }
        }
    }
    let mut roots: Vec<Option<Finding>> = Vec::with_capacity(findings.len());
    let mut moved: Vec<(usize, Finding)> = Vec::new();
    for f in findings {
        let key = f.places.first().map(|p| (f.rule, *p));
        match key.and_then(|k| explained.get(&k)) {
            Some(&root) => {
                moved.push((root, f));
                roots.push(None);
            }
            None => roots.push(Some(f)),
        }
    }
    for (root, f) in moved {
        if let Some(Some(r)) = roots.get_mut(root) {
            r.consequences.push(f);
        }
    }
    let mut out: Vec<Finding> = roots.into_iter().flatten().collect();
    out.sort_by(|a, b| a.severity.cmp(&b.severity).then(a.rule.cmp(b.rule)));
    out
}
