//! Mutation fuzzing on stable, inside `cargo test`: a fixed RNG seed, a
//! small fixed budget per target (so CI stays fast and a failure replays),
//! and `#[ignore]`d variants with a large budget for release runs
//! (`cargo test --release --test fuzz_import -- --ignored --nocapture`).
//!
//! Targets: the text importer, the PDF importer, the RON loader, the 指标值
//! parser and the amount parser. Each checks a property, not only "no
//! panic":
//! * an import (text or PDF) either fails naming the file, or gives a model
//!   that round-trips through RON unchanged;
//! * the RON loader either fails naming the file, or gives a model whose RON
//!   reads back equal;
//! * an indicator value keeps its raw text;
//! * an amount that reads is the printed digits exactly.
//!
//! Seeds: the bundled disclosure (text and RON) and `tests/fuzz_seeds/`
//! (for PDFs, pages cut from the samples with their content uncompressed:
//! `tests/fuzz_seeds/pdf/README.md`).

use std::panic::{catch_unwind, AssertUnwindSafe};

use budget_tui::import::{from_ron, from_ron_bytes, import_bytes, to_ron};
use budget_tui::model::{parse_amount, IndicatorValue};

const SEED_TEXT: &str = include_str!("../data/raw/xingtai-gov-office-2025.txt");
const SEED_RON: &str = include_str!("../data/xingtai-gov-office-2025.ron");
const AMOUNTS: &str = include_str!("fuzz_seeds/amounts.txt");
const INDICATORS: &str = include_str!("fuzz_seeds/indicators.txt");
const MARKUP: &str = include_str!("fuzz_seeds/markup.txt");
const PDF_SEEDS: [&[u8]; 3] = [
    include_bytes!("fuzz_seeds/pdf/seed-welfare-cover-t1-t9.pdf"),
    include_bytes!("fuzz_seeds/pdf/seed-wanli-cover-card.pdf"),
    include_bytes!("fuzz_seeds/pdf/seed-jiangsu-cover-t2-t3.pdf"),
];

/// Tokens of PDF syntax and content-stream operators, spliced in whole:
/// extreme and odd operands, path and clip operators, text operators,
/// structure keywords.
const PDF_DICTIONARY: &[&str] = &[
    " 0 ",
    " -1 ",
    " 1e30 ",
    " -99999999999 ",
    " 3.4e38 ",
    " NaN ",
    " 0.0001 ",
    " Tj ",
    " TJ ",
    " Tm ",
    " Td ",
    " Tf ",
    " Tz ",
    " TL ",
    " Ts ",
    " T* ",
    " BT ",
    " ET ",
    " cm ",
    " q ",
    " Q ",
    " re ",
    " W n ",
    " W* n ",
    " m ",
    " l ",
    " h ",
    " S ",
    " f ",
    " B ",
    " Do ",
    " 0 0 0 0 re W n ",
    " 1 0 0 1 0 0 cm ",
    " 0 0 0 0 0 0 cm ",
    " 1e9 0 0 1e9 0 0 cm ",
    "[",
    "]",
    "<",
    ">",
    "<<",
    ">>",
    "(",
    ")",
    "/",
    "/Length",
    "/Filter",
    "/Contents",
    "/MediaBox",
    "/CropBox",
    "obj",
    "endobj",
    "stream",
    "endstream",
    "xref",
    "trailer",
    "startxref",
    "%%EOF",
];

mod common;
use common::Rng;

/// Tokens that matter to the parsers, spliced in whole.
const DICTIONARY: &[&str] = &[
    "0",
    "9",
    ".",
    ",",
    "，",
    "．",
    "-",
    "－",
    " ",
    "\u{3000}",
    "\t",
    "\n",
    "\r",
    "<",
    ">",
    "<b>",
    "**",
    "≥",
    "≤",
    "%",
    "万元",
    "元",
    "合计",
    "栏次",
    "单位：万元",
    "2010301",
    "３",
    "99999999999999",
    "\"",
    "(",
    ")",
    "[",
    "]",
    "Some(",
    "None",
    ":",
    "\u{feff}",
    "\u{ff}",
];

/// One random mutation of `input`: byte flips, dictionary splices, cut
/// ranges, duplicated or swapped lines, truncation.
fn mutate(rng: &mut Rng, input: &[u8]) -> Vec<u8> {
    let mut out = input.to_vec();
    for _ in 0..1 + rng.below(4) {
        let len = out.len();
        match rng.below(7) {
            0 if len > 0 => {
                let i = rng.below(len);
                out[i] ^= 1 << rng.below(8);
            }
            1 => {
                let i = rng.below(len + 1);
                let token = DICTIONARY[rng.below(DICTIONARY.len())].as_bytes();
                out.splice(i..i, token.iter().copied());
            }
            2 if len > 0 => {
                let i = rng.below(len);
                let j = (i + 1 + rng.below(64)).min(len);
                out.drain(i..j);
            }
            3 if len > 0 => {
                // Duplicate a line (a table printed twice, a repeated header).
                let i = rng.below(len);
                let start = out[..i]
                    .iter()
                    .rposition(|&b| b == b'\n')
                    .map_or(0, |p| p + 1);
                let end = out[i..]
                    .iter()
                    .position(|&b| b == b'\n')
                    .map_or(len, |p| i + p + 1);
                let line = out[start..end].to_vec();
                out.splice(start..start, line);
            }
            4 if len > 0 => {
                let i = rng.below(len);
                out.truncate(i);
            }
            5 if len > 1 => {
                let (i, j) = (rng.below(len), rng.below(len));
                out.swap(i, j);
            }
            _ => {
                let i = rng.below(len + 1);
                let b = rng.next() as u8;
                out.insert(i, b);
            }
        }
    }
    out
}

/// A window of the seed text a few lines long (whole lines), so that each
/// execution is cheap and still meets tables, cards and narrative.
fn excerpt(rng: &mut Rng, text: &str) -> Vec<u8> {
    let lines: Vec<&str> = text.lines().collect();
    let start = rng.below(lines.len());
    let n = 1 + rng.below(120);
    let end = (start + n).min(lines.len());
    let mut out = lines[start..end].join("\n");
    out.push('\n');
    out.into_bytes()
}

fn check_import(input: &[u8]) {
    match import_bytes(input, "fuzz.txt") {
        Ok(doc) => {
            let ron = to_ron(&doc);
            let back = from_ron(&ron, "fuzz.ron")
                .unwrap_or_else(|e| panic!("the RON of an imported model does not load: {e}"));
            assert_eq!(back, doc, "text → model → RON → model changed the model");
        }
        Err(e) => {
            let message = e.to_string();
            assert!(message.starts_with("fuzz.txt"), "{message}");
            assert!(!e.message.is_empty(), "an error says what was expected");
        }
    }
}

/// The PDF importer's property: an error names the file (never a panic),
/// a model round-trips through RON.
fn check_pdf(input: &[u8]) {
    match import_bytes(input, "fuzz.pdf") {
        Ok(doc) => {
            PDF_IMPORTED.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let back = from_ron(&to_ron(&doc), "fuzz.ron")
                .unwrap_or_else(|e| panic!("the RON of an imported PDF does not load: {e}"));
            assert_eq!(back, doc, "PDF → model → RON → model changed the model");
        }
        Err(e) => {
            assert!(e.to_string().starts_with("fuzz.pdf"), "{e}");
            assert!(!e.message.is_empty(), "an error says what was expected");
        }
    }
}

/// How many PDF mutants imported (the rest were refused with an error): the
/// share that reaches the recognition layer, reported by the large budget.
static PDF_IMPORTED: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

/// A PDF mutant: mostly PDF tokens spliced or substituted at random places
/// (the content streams are most of the bytes), sometimes the generic
/// mutations (flips, cuts, truncation).
fn mutate_pdf(rng: &mut Rng, input: &[u8]) -> Vec<u8> {
    if rng.below(3) == 0 {
        return mutate(rng, input);
    }
    let mut out = input.to_vec();
    for _ in 0..1 + rng.below(4) {
        let len = out.len();
        let token = PDF_DICTIONARY[rng.below(PDF_DICTIONARY.len())].as_bytes();
        let i = rng.below(len + 1);
        if rng.below(2) == 0 {
            out.splice(i..i, token.iter().copied());
        } else {
            // Overwrite in place: lengths and offsets stay right.
            let end = (i + token.len()).min(len);
            out.splice(i..end, token.iter().copied());
        }
    }
    out
}

fn check_ron(input: &[u8]) {
    match from_ron_bytes(input, "fuzz.ron") {
        Ok(doc) => {
            let again = from_ron(&to_ron(&doc), "fuzz.ron").expect("re-serialized RON loads");
            assert_eq!(again, doc);
        }
        Err(e) => assert!(e.to_string().starts_with("fuzz.ron"), "{e}"),
    }
}

fn check_indicator(input: &[u8]) {
    let text = String::from_utf8_lossy(input);
    let value = IndicatorValue::parse(&text);
    assert_eq!(value.raw, text, "the raw 指标值 is kept as printed");
    let _ = value.display();
}

/// The printed digits of an amount, separators dropped and full-width
/// characters made ASCII: what a parsed amount must print back as.
fn printed_digits(text: &str) -> String {
    text.trim_matches(|c: char| c.is_whitespace() || c == '\u{3000}' || c == '\u{a0}')
        .chars()
        .filter_map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32),
            '．' => Some('.'),
            '－' | '−' => Some('-'),
            ',' | '，' | ' ' | '\u{3000}' | '\u{a0}' => None,
            c => Some(c),
        })
        .collect()
}

/// `printed_digits` without the leading zeros that a Decimal drops (`007`).
fn canonical(digits: &str) -> String {
    let (sign, body) = match digits.strip_prefix('-') {
        Some(body) => ("-", body),
        None => ("", digits),
    };
    let trimmed = body.trim_start_matches('0');
    let trimmed = if trimmed.is_empty() || trimmed.starts_with('.') {
        format!("0{trimmed}")
    } else {
        trimmed.to_string()
    };
    format!("{sign}{trimmed}")
}

fn check_amount(input: &[u8]) {
    let text = String::from_utf8_lossy(input);
    match parse_amount(&text) {
        Ok(Some(d)) => {
            if !d.is_zero() {
                assert_eq!(
                    d.to_string(),
                    canonical(&printed_digits(&text)),
                    "`{text}` read inexactly"
                );
            }
        }
        Ok(None) => {}
        Err(e) => assert!(e.to_string().contains(text.trim()), "{e}"),
    }
}

/// Runs `check` on `execs` mutants of `seeds`; returns the count run. A
/// panic is reported with the input that caused it, so it can be replayed.
fn fuzz(
    name: &str,
    seed: u64,
    execs: u64,
    seeds: &[Vec<u8>],
    pick: impl Fn(&mut Rng, &[Vec<u8>]) -> Vec<u8>,
    check: impl Fn(&[u8]),
) -> u64 {
    fuzz_with(name, seed, execs, seeds, pick, mutate, check)
}

/// [`fuzz`] with a mutator of its own.
fn fuzz_with(
    name: &str,
    seed: u64,
    execs: u64,
    seeds: &[Vec<u8>],
    pick: impl Fn(&mut Rng, &[Vec<u8>]) -> Vec<u8>,
    mutator: fn(&mut Rng, &[u8]) -> Vec<u8>,
    check: impl Fn(&[u8]),
) -> u64 {
    let mut rng = Rng(seed);
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {})); // reported below, with the input
    let mut failure = None;
    let mut n = 0;
    while n < execs {
        let picked = pick(&mut rng, seeds);
        let input = mutator(&mut rng, &picked);
        n += 1;
        if let Err(panic) = catch_unwind(AssertUnwindSafe(|| check(&input))) {
            let why = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default();
            failure = Some((input, why));
            break;
        }
    }
    std::panic::set_hook(hook);
    if let Some((input, why)) = failure {
        // Kept for replay (a PDF is not readable as a string).
        let path = std::env::temp_dir().join(format!("fuzz-failure-{}.bin", seed));
        let _ = std::fs::write(&path, &input);
        panic!(
            "{name}: execution {n} failed: {why}\ninput ({}): {:?}",
            path.display(),
            String::from_utf8_lossy(&input[..input.len().min(2000)])
        );
    }
    n
}

fn lines_of(text: &str) -> Vec<Vec<u8>> {
    text.lines().map(|l| l.as_bytes().to_vec()).collect()
}

fn run_text(execs: u64) -> u64 {
    let seeds = vec![SEED_TEXT.as_bytes().to_vec(), MARKUP.as_bytes().to_vec()];
    fuzz(
        "text importer",
        0x5EED_0001,
        execs,
        &seeds,
        // Mostly excerpts (cheap), now and then the whole document.
        |rng, seeds| match rng.below(20) {
            0 => seeds[0].clone(),
            1 => seeds[1].clone(),
            _ => excerpt(rng, SEED_TEXT),
        },
        check_import,
    )
}

fn run_pdf(execs: u64, shard: u64) -> u64 {
    let seeds: Vec<Vec<u8>> = PDF_SEEDS.iter().map(|s| s.to_vec()).collect();
    fuzz_with(
        "PDF importer",
        // Each shard its own RNG stream, so shards run in parallel processes
        // without repeating each other's mutants.
        0x5EED_0005 + (shard << 32),
        execs,
        &seeds,
        |rng, seeds| seeds[rng.below(seeds.len())].clone(),
        mutate_pdf,
        check_pdf,
    )
}

fn run_ron(execs: u64) -> u64 {
    // The whole RON is ~200 KB; small hand-cut models keep runs cheap too.
    let small = "(department: (code: None, name: \"x\", budget_year: 2025, published: None, unit: WanYuan, scope: Department, units: []), tables: [], narrative: [], projects: [], procurement: None, assets: None, glossary: [])";
    let seeds = vec![SEED_RON.as_bytes().to_vec(), small.as_bytes().to_vec()];
    fuzz(
        "RON loader",
        0x5EED_0002,
        execs,
        &seeds,
        |rng, seeds| {
            if rng.below(50) == 0 {
                seeds[0].clone()
            } else {
                seeds[1].clone()
            }
        },
        check_ron,
    )
}

fn run_indicators(execs: u64) -> u64 {
    fuzz(
        "指标值 parser",
        0x5EED_0003,
        execs,
        &lines_of(INDICATORS),
        |rng, seeds| seeds[rng.below(seeds.len())].clone(),
        check_indicator,
    )
}

fn run_amounts(execs: u64) -> u64 {
    fuzz(
        "amount parser",
        0x5EED_0004,
        execs,
        &lines_of(AMOUNTS),
        |rng, seeds| seeds[rng.below(seeds.len())].clone(),
        check_amount,
    )
}

#[test]
fn fuzz_text_importer_small_budget() {
    assert_eq!(run_text(300), 300);
}

#[test]
fn fuzz_pdf_importer_small_budget() {
    // About 0.1 s an execution in a debug build: a few dozen here, the
    // large budget below in release.
    assert_eq!(run_pdf(30, 0), 30);
}

#[test]
fn the_pdf_seeds_import_unmutated() {
    // The seeds reach the recognition layer, not only the error paths.
    for seed in PDF_SEEDS {
        let doc = import_bytes(seed, "seed.pdf").unwrap_or_else(|e| panic!("{e}"));
        assert!(!doc.narrative.is_empty());
    }
}

#[test]
fn fuzz_ron_loader_small_budget() {
    assert_eq!(run_ron(300), 300);
}

#[test]
fn fuzz_indicator_values_small_budget() {
    assert_eq!(run_indicators(20_000), 20_000);
}

#[test]
fn fuzz_amounts_small_budget() {
    assert_eq!(run_amounts(20_000), 20_000);
}

/// The large budget: `FUZZ_EXECS` executions per target (default 10^6).
#[test]
#[ignore = "long: run in release with --ignored"]
fn fuzz_every_target_large_budget() {
    let execs = std::env::var("FUZZ_EXECS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1_000_000);
    for (name, run) in [
        ("amounts", run_amounts as fn(u64) -> u64),
        ("indicators", run_indicators),
        ("ron", run_ron),
        ("text", run_text),
    ] {
        let start = std::time::Instant::now();
        let n = run(execs);
        println!("{name}: {n} executions, no failure, {:?}", start.elapsed());
    }
}

/// The PDF importer's large budget, on its own (an execution imports a
/// 2–3 page PDF: milliseconds, not microseconds): `FUZZ_PDF_EXECS`
/// executions (default 20,000) from the RNG stream `FUZZ_PDF_SHARD`
/// (default 0; run shards 0..k in k processes to use every core),
/// `cargo test --release --test fuzz_import -- --ignored pdf --nocapture`.
#[test]
#[ignore = "long: run in release with --ignored"]
fn fuzz_pdf_importer_large_budget() {
    let execs = std::env::var("FUZZ_PDF_EXECS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(20_000);
    let shard = std::env::var("FUZZ_PDF_SHARD")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let start = std::time::Instant::now();
    let n = run_pdf(execs, shard);
    let imported = PDF_IMPORTED.load(std::sync::atomic::Ordering::Relaxed);
    println!(
        "pdf shard {shard}: {n} executions ({imported} imported, the rest refused with an error naming the file), no failure, {:?}",
        start.elapsed()
    );
}

/// A 1 MB line of `<` once took 89 s in markup cleaning; linear now.
#[test]
fn a_megabyte_of_angle_brackets_is_linear() {
    let start = std::time::Instant::now();
    let mut text = String::from("# 一、部门预算收支总表\n");
    text.push_str(&"<".repeat(1 << 20));
    text.push('\n');
    let _ = import_bytes(text.as_bytes(), "lt.txt");
    assert!(start.elapsed().as_secs() < 20, "{:?}", start.elapsed());
}

/// CR-only line endings read as lines, giving the seed's model.
#[test]
fn cr_only_line_endings_give_the_same_model() {
    let cr = SEED_TEXT.replace('\n', "\r");
    let seed = import_bytes(SEED_TEXT.as_bytes(), "seed.txt").unwrap();
    assert_eq!(import_bytes(cr.as_bytes(), "seed.txt").unwrap(), seed);
}
