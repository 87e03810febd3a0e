//! Property test: generated, internally consistent disclosures round-trip
//! text → model → RON → model unchanged, and every figure is read exactly.
//!
//! Generation: the seed disclosure with every table figure multiplied by
//! the same factor k (sums still hold: Σ k·x = k·Σ x) and printed in a
//! randomly chosen, valid style — plain, thousands separators, full-width
//! digits. A fixed RNG seed makes a failure replay.

use rust_decimal::Decimal;

use budget_tui::i18n::Lang;
use budget_tui::import::{from_ron, import_text, to_ron};

const SEED_TEXT: &str = include_str!("../data/raw/xingtai-gov-office-2025.txt");

mod common;
use common::Rng;

/// `digits.dd`: the form every table figure of the seed is printed in.
fn is_figure(cell: &str) -> bool {
    let Some((int, frac)) = cell.split_once('.') else {
        return false;
    };
    !int.is_empty()
        && int.bytes().all(|b| b.is_ascii_digit())
        && frac.len() == 2
        && frac.bytes().all(|b| b.is_ascii_digit())
}

/// Prints `value` (two decimals) in one of the styles real documents use.
fn print(value: Decimal, style: u64) -> String {
    let plain = format!("{value:.2}");
    match style % 3 {
        0 => plain,
        1 => budget_tui::model::format_amount(value), // 3,264.56
        _ => plain
            .chars()
            .map(|c| match c {
                '0'..='9' => char::from_u32(c as u32 - '0' as u32 + '０' as u32).unwrap_or(c),
                '.' => '．',
                c => c,
            })
            .collect(),
    }
}

/// The seed with every figure × k, each printed in a random style.
fn generate(rng: &mut Rng, k: Decimal) -> String {
    let mut out = String::with_capacity(SEED_TEXT.len() * 2);
    for line in SEED_TEXT.split_inclusive('\n') {
        let body = line.strip_suffix('\n').unwrap_or(line);
        let cells: Vec<String> = body
            .split('\t')
            .map(|cell| match cell.parse::<Decimal>() {
                Ok(v) if is_figure(cell) => print(v * k, rng.next()),
                _ => cell.to_string(),
            })
            .collect();
        out.push_str(&cells.join("\t"));
        if line.ends_with('\n') {
            out.push('\n');
        }
    }
    out
}

#[test]
fn scaled_disclosures_round_trip_and_read_exactly() {
    let seed = import_text(SEED_TEXT, "seed.txt").expect("the seed imports");
    let mut rng = Rng(0x0005_EED0_0007);
    let cases = 24;
    for case in 0..cases {
        let k = Decimal::from(1 + rng.next() % 1_000_000);
        let text = generate(&mut rng, k);
        let doc = import_text(&text, "generated.txt")
            .unwrap_or_else(|e| panic!("case {case} (k = {k}): {e}"));
        // Every table figure is exactly k times the seed's.
        assert_eq!(doc.tables.len(), seed.tables.len());
        for (t, s) in doc.tables.iter().zip(&seed.tables) {
            for (side, seed_side) in t.sides.iter().zip(&s.sides) {
                for (row, seed_row) in side.rows.iter().zip(&seed_side.rows) {
                    let scaled: Vec<Option<Decimal>> =
                        seed_row.amounts.iter().map(|a| a.map(|v| v * k)).collect();
                    assert_eq!(row.amounts, scaled, "case {case}: line {}", row.line);
                }
            }
        }
        // text → model → RON → model.
        let back = from_ron(&to_ron(&doc), "generated.ron").expect("its RON loads");
        assert_eq!(back, doc, "case {case}: RON round trip changed the model");
        // The tables still reconcile: the same table and cross-table findings
        // as the seed (none of its sums fails).
        let report = budget_tui::check::run(&doc);
        let seed_report = budget_tui::check::run(&seed);
        let rules = |r: &budget_tui::check::Report| {
            let mut v: Vec<String> = r
                .findings
                .iter()
                .filter(|f| f.rule.starts_with("table.") || f.rule.starts_with("cross."))
                .map(|f| f.rule.to_string())
                .collect();
            v.sort();
            v
        };
        assert_eq!(rules(&report), rules(&seed_report), "case {case}");
    }
}

/// One perturbed figure in an otherwise consistent disclosure (the seed's
/// tables all reconcile) yields an error finding that names the figure.
#[test]
fn one_perturbed_figure_is_an_error_naming_it() {
    let row = "\t2010301\t行政运行\t2349.56";
    assert!(SEED_TEXT.contains(row));
    let perturbed = SEED_TEXT.replacen(row, "\t2010301\t行政运行\t2349.57", 1);
    let doc = import_text(&perturbed, "perturbed.txt").expect("still imports");
    let report = budget_tui::check::run(&doc);
    let named: Vec<_> = report
        .findings
        .iter()
        .filter(|f| f.severity == budget_tui::check::Severity::Error)
        .filter(|f| {
            f.message(Lang::Zh).contains("2349.57") || f.message(Lang::Zh).contains("2010301")
        })
        .collect();
    assert!(
        !named.is_empty(),
        "no error names it: {:#?}",
        report.findings
    );
}
