//! The mutation test: the seed changed one figure at a time, rows deleted. Each mutant must give an error, and the error
//! should name the changed row. (Two income lines of T1 swapped is not
//! caught yet: T1 ↔ T4 income by fund is not a rule.) A sample runs in `cargo test`; the whole
//! set, with the rates printed, is
//! `cargo test --release --test check mutation -- --ignored --nocapture`.

use std::collections::{BTreeMap, HashSet};

use budget_tui::check::{self, Severity};
use budget_tui::model::{Disclosure, Place, TableKind};
use rust_decimal::Decimal;

use crate::fixture::dec;

fn seed() -> Disclosure {
    budget_tui::import::load_path(std::path::Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/data/raw/xingtai-gov-office-2025.txt"
    )))
    .unwrap()
}

/// (rule, first place) of every error, consequences included.
fn errors(doc: &Disclosure) -> HashSet<(&'static str, Option<Place>)> {
    check::run(doc)
        .all_findings()
        .filter(|f| f.severity == Severity::Error)
        .map(|f| (f.rule, f.places.first().copied()))
        .collect()
}

fn row_of(place: Option<Place>) -> Option<(usize, usize, usize)> {
    match place? {
        Place::TableRow { table, side, row }
        | Place::TableCell {
            table, side, row, ..
        } => Some((table, side, row)),
        _ => None,
    }
}

#[derive(Default, Debug, Clone, Copy)]
struct Tally {
    mutants: usize,
    caught: usize,
    named: usize,
}

/// What the check made of one mutant: caught as an error, and whether a
/// root finding (not a consequence) names the changed row.
fn judge(
    baseline: &HashSet<(&'static str, Option<Place>)>,
    doc: &Disclosure,
    row: (usize, usize, usize),
) -> (bool, bool) {
    let report = check::run(doc);
    let new: Vec<&check::Finding> = report
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .filter(|f| !baseline.contains(&(f.rule, f.places.first().copied())))
        .collect();
    let caught = !new.is_empty();
    let named = new
        .iter()
        .any(|f| row_of(f.places.first().copied()) == Some(row));
    (caught, named)
}

/// Every cell of the nine tables changed by `delta`, one at a time (every
/// `step`-th cell), tallied by table.
fn cells(step: usize, delta: Decimal) -> BTreeMap<&'static str, Tally> {
    let doc = seed();
    let baseline = errors(&doc);
    let mut tally: BTreeMap<&'static str, Tally> = BTreeMap::new();
    let mut n = 0;
    for (ti, table) in doc.tables.iter().enumerate() {
        if !TableKind::STANDARD.contains(&table.kind) {
            continue;
        }
        for (si, side) in table.sides.iter().enumerate() {
            for (ri, row) in side.rows.iter().enumerate() {
                for (ci, amount) in row.amounts.iter().enumerate() {
                    let Some(amount) = amount else { continue };
                    n += 1;
                    if n % step != 0 {
                        continue;
                    }
                    let mut mutant = doc.clone();
                    mutant.tables[ti].sides[si].rows[ri].amounts[ci] = Some(*amount + delta);
                    let (caught, named) = judge(&baseline, &mutant, (ti, si, ri));
                    let t = tally.entry(table.kind.short_name()).or_default();
                    t.mutants += 1;
                    t.caught += usize::from(caught);
                    t.named += usize::from(named);
                }
            }
        }
    }
    tally
}

/// Every row with figures of a coded table deleted, one at a time.
fn deletions(step: usize) -> Tally {
    let doc = seed();
    let baseline = errors(&doc);
    let mut t = Tally::default();
    let mut n = 0;
    for (ti, table) in doc.tables.iter().enumerate() {
        for (si, side) in table.sides.iter().enumerate() {
            for (ri, row) in side.rows.iter().enumerate() {
                if row.amounts.iter().all(Option::is_none) {
                    continue;
                }
                n += 1;
                if n % step != 0 {
                    continue;
                }
                let mut mutant = doc.clone();
                mutant.tables[ti].sides[si].rows.remove(ri);
                let report = check::run(&mutant);
                let caught = report.all_findings().any(|f| {
                    f.severity == Severity::Error
                        && !baseline.contains(&(f.rule, f.places.first().copied()))
                });
                t.mutants += 1;
                t.caught += usize::from(caught);
            }
        }
    }
    t
}

fn total(tally: &BTreeMap<&'static str, Tally>) -> Tally {
    tally.values().fold(Tally::default(), |a, b| Tally {
        mutants: a.mutants + b.mutants,
        caught: a.caught + b.caught,
        named: a.named + b.named,
    })
}

fn pct(a: usize, b: usize) -> String {
    if b == 0 {
        "-".into()
    } else {
        format!("{:.1} %", 100.0 * a as f64 / b as f64)
    }
}

#[test]
fn a_sample_of_single_cell_changes_is_caught() {
    for delta in [dec("0.01"), dec("10.00")] {
        let tally = cells(3, delta);
        let t = total(&tally);
        assert!(t.mutants >= 40, "{t:?}");
        // Every changed figure of the exact seed is an error.
        assert_eq!(t.caught, t.mutants, "{delta}: {tally:?}");
        // Most are named at their row (the rest at the sum they break:
        // a 合计 or a T1 line has nothing else to cross it).
        assert!(t.named * 10 >= t.mutants * 7, "{delta}: {tally:?}");
    }
}

#[test]
#[ignore]
fn mutation_rates() {
    for (label, delta) in [("+0.01", dec("0.01")), ("+10.00", dec("10.00"))] {
        let tally = cells(1, delta);
        println!("single cell {label}:");
        for (table, t) in &tally {
            println!(
                "  {table}: {} mutants, caught {}, named at the row {}",
                t.mutants,
                pct(t.caught, t.mutants),
                pct(t.named, t.mutants)
            );
        }
        let t = total(&tally);
        println!(
            "  all: {} mutants, caught {}, named at the row {}",
            t.mutants,
            pct(t.caught, t.mutants),
            pct(t.named, t.mutants)
        );
    }
    let t = deletions(1);
    println!(
        "row deleted: {} mutants, caught {}",
        t.mutants,
        pct(t.caught, t.mutants)
    );
}
