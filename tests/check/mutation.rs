//! The mutation test: the seed changed one figure at a time, rows deleted,
//! two income lines swapped, narrative figures changed. Each mutant must give an error, and the error
//! should name the changed row. Narrative figures changed must give an
//! error too. A sample runs in `cargo test`; the whole
//! set, with the rates printed, is
//! `cargo test --release --test check mutation -- --ignored --nocapture`.

use std::collections::{BTreeMap, HashSet};

use budget_tui::check::{self, Severity};
use budget_tui::model::{Block, Disclosure, Place, TableKind};
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
                if !caught && std::env::var_os("MUTATION_MISSES").is_some() {
                    println!("  missed: {} › {}", table.kind.short_name(), row.name);
                }
            }
        }
    }
    t
}

/// Every figure stated in 万元 in the narrative changed by `delta`, one at
/// a time (every `step`-th).
fn narrative(step: usize, delta: Decimal) -> Tally {
    let doc = seed();
    let baseline = errors(&doc);
    let mut t = Tally::default();
    let mut n = 0;
    for (si, section) in doc.narrative.iter().enumerate() {
        for (bi, block) in section.blocks.iter().enumerate() {
            let Block::Paragraph(p) = block else { continue };
            // Each `digits万元` of the paragraph.
            let figures: Vec<(usize, usize)> = p
                .match_indices("万元")
                .filter_map(|(at, _)| {
                    let start = p[..at]
                        .char_indices()
                        .rev()
                        .take_while(|(_, c)| c.is_ascii_digit() || *c == '.')
                        .last()
                        .map(|(i, _)| i)?;
                    Some((start, at))
                })
                .collect();
            for (start, end) in figures {
                let Ok(value) = p[start..end].parse::<Decimal>() else {
                    continue;
                };
                n += 1;
                if n % step != 0 {
                    continue;
                }
                let mut mutant = doc.clone();
                let changed = format!("{}{}{}", &p[..start], value + delta, &p[end..]);
                mutant.narrative[si].blocks[bi] = Block::Paragraph(changed);
                let caught = check::run(&mutant).all_findings().any(|f| {
                    f.severity == Severity::Error
                        && !baseline.contains(&(f.rule, f.places.first().copied()))
                });
                t.mutants += 1;
                t.caught += usize::from(caught);
                if !caught && std::env::var_os("MUTATION_MISSES").is_some() {
                    println!("  missed: {} {}", &p[start..end], section.heading);
                }
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
fn swapping_two_income_lines_of_t1_is_caught() {
    let mut doc = seed();
    let baseline = errors(&doc);
    let t1 = doc
        .tables
        .iter()
        .position(|t| t.kind == TableKind::IncomeExpenditureSummary)
        .unwrap();
    let side = &mut doc.tables[t1].sides[0];
    let a = side
        .rows
        .iter()
        .position(|r| r.name.contains("一般公共预算"))
        .unwrap();
    let b = side
        .rows
        .iter()
        .position(|r| r.name.contains("政府性基金"))
        .unwrap();
    let (x, y) = (side.rows[a].amounts[0], side.rows[b].amounts[0]);
    side.rows[a].amounts[0] = y;
    side.rows[b].amounts[0] = x;
    let new: Vec<_> = errors(&doc).difference(&baseline).cloned().collect();
    // T4 tells the funds apart (both lines), and so does the text's
    // 一般公共预算收入3244.56万元.
    assert!(
        new.iter()
            .all(|(rule, _)| *rule == "cross.summary-vs-grant-income"
                || *rule == "narrative.income-by-fund"),
        "{new:?}"
    );
    assert_eq!(new.len(), 3, "{new:?}");
}

#[test]
fn a_sample_of_narrative_figures_changed() {
    let t = narrative(2, dec("10.00"));
    assert!(t.mutants >= 10, "{t:?}");
    // The figures the rules read (totals, 基本 / 项目, 人员 / 公用, 三公,
    // 机关运行经费, the changes on last year) are caught; a figure no rule
    // compares with anything is not: the rate is measured, not assumed.
    assert!(t.caught * 2 >= t.mutants, "{t:?}");
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
    for (label, delta) in [("+0.01", dec("0.01")), ("+10.00", dec("10.00"))] {
        let t = narrative(1, delta);
        println!(
            "narrative figure {label}: {} mutants, caught {}",
            t.mutants,
            pct(t.caught, t.mutants)
        );
    }
}
