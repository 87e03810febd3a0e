//! Bad and unusual inputs: a clear `file:line: message` error or the right
//! figures, never a panic and never a silently wrong number.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::str::FromStr;

use budget_tui::import::{from_ron, import_bytes, import_text, to_ron, ImportError};
use budget_tui::model::{Disclosure, TableKind};
use rust_decimal::Decimal;

const SEED: &str = "data/raw/xingtai-gov-office-2025.txt";

fn seed_text() -> String {
    std::fs::read_to_string(SEED).unwrap()
}

fn seed() -> Disclosure {
    import_text(&seed_text(), SEED).unwrap_or_else(|e| panic!("{e}"))
}

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

/// The seed with line `no` (1-based) replaced.
fn with_line(no: usize, f: impl Fn(&str) -> String) -> String {
    seed_text()
        .split('\n')
        .enumerate()
        .map(|(i, l)| if i + 1 == no { f(l) } else { l.to_string() })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The first `n` lines of the seed, as a file cut off there.
fn first_lines(n: usize) -> String {
    seed_text()
        .split('\n')
        .take(n)
        .collect::<Vec<_>>()
        .join("\n")
}

fn error(text: &str, file: &str) -> ImportError {
    match import_text(text, file) {
        Ok(_) => panic!("expected an error"),
        Err(e) => e,
    }
}

/// Deterministic pseudo-random bytes (a linear congruential generator).
fn noise(len: usize, seed: u64) -> Vec<u8> {
    let mut state = seed;
    (0..len)
        .map(|_| {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (state >> 56) as u8
        })
        .collect()
}

#[test]
fn empty_file() {
    let e = error("", "empty.txt");
    assert_eq!(e.file, "empty.txt");
    assert_eq!(e.line, 1);
    assert!(e.message.contains("empty"), "{e}");
    let e = error("\n\r\n   \n", "blank.txt");
    assert!(e.message.contains("empty"), "{e}");
    assert!(import_bytes(b"", "empty.txt").is_err());
}

#[test]
fn random_binary_bytes() {
    let e = import_bytes(&noise(4096, 7), "noise.bin").unwrap_err();
    assert_eq!(e.file, "noise.bin");
    assert!(e.line >= 1);
    assert!(
        e.message.contains("binary") || e.message.contains("GBK"),
        "{e}"
    );
    // Without NUL bytes the bytes are still neither UTF-8 nor GB18030 text.
    let no_nul: Vec<u8> = noise(4096, 11)
        .into_iter()
        .map(|b| if b == 0 { 1 } else { b })
        .collect();
    let e = import_bytes(&no_nul, "noise.bin").unwrap_err();
    assert!(
        e.message.contains("UTF-8 or GBK/GB18030") || e.message.contains("binary"),
        "{e}"
    );
}

#[test]
fn no_recognizable_table() {
    let text = "# 某单位 2025 年部门预算公开\n\n## 一、部门职责\n\n本部门负责有关工作。\n\n| 不是 | 表 |\n";
    let e = error(text, "prose.txt");
    assert!(e.message.contains("no budget table"), "{e}");
    assert!(e.to_string().starts_with("prose.txt:1: "));
}

#[test]
fn cut_off_in_a_data_row() {
    // Line 108 is `4	2010301	行政运行	2349.56	2349.56	2349.56	…` (13 cells).
    let mut text = first_lines(107);
    text.push_str("\n4\t2010301\t行政运行\t2349.56");
    let e = error(&text, "cut.txt");
    assert_eq!(e.line, 108);
    assert!(e.message.contains("expected 13 cells"), "{e}");
    assert!(e.message.contains("found 4"), "{e}");
}

#[test]
fn cut_off_after_a_title_or_in_the_header() {
    // The file ends on the title `## 部门预算收入总表` (line 94).
    let e = error(&first_lines(94), "cut.txt");
    assert_eq!(e.line, 94);
    assert!(e.message.contains("部门预算收入总表"), "{e}");
    assert!(e.message.contains("the end of the file"), "{e}");
    // The file ends inside the header rows of the same table (line 103).
    let e = error(&first_lines(103), "cut.txt");
    assert!(e.message.contains("栏次"), "{e}");
    assert!(e.message.contains("cut off"), "{e}");
}

#[test]
fn cut_off_mid_number_is_an_error_not_a_figure() {
    let mut text = first_lines(107);
    text.push_str("\n4\t2010301\t行政运行\t2349.\t2349.56\t2349.56\t\t\t\t\t\t\t");
    let e = error(&text, "cut.txt");
    assert_eq!(e.line, 108);
    assert!(
        e.message.contains("expected an amount in column 合计"),
        "{e}"
    );
}

#[test]
fn gbk_and_gb18030_copies_import_to_the_same_model() {
    let text = seed_text();
    let (gbk, _, unmappable) = encoding_rs::GBK.encode(&text);
    assert!(!unmappable, "the seed is all GBK characters");
    let doc = import_bytes(&gbk, SEED).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(doc, seed());
    let (gb18030, _, _) = encoding_rs::GB18030.encode(&text);
    assert_eq!(import_bytes(&gb18030, SEED).unwrap(), doc);
}

#[test]
fn utf8_bom_and_crlf_give_the_same_model() {
    let crlf = seed_text().replace('\n', "\r\n");
    assert_eq!(import_text(&crlf, SEED).unwrap(), seed());
    let mut bytes = vec![0xEF, 0xBB, 0xBF];
    bytes.extend_from_slice(crlf.as_bytes());
    assert_eq!(import_bytes(&bytes, SEED).unwrap(), seed());
}

#[test]
fn separators_full_width_digits_and_spaces_in_amounts() {
    let text = seed_text()
        .replace(
            "34\t收入总计\t3264.56\t支出总计\t3264.56",
            "34\t收入总计\t3,264.56\t支出总计\t3 264.56",
        )
        .replace(
            "4\t2010301\t行政运行\t2349.56\t2349.56\t2349.56",
            "4\t2010301\t行政运行\t２３４９．５６\t2,349.56\t2 349.56",
        );
    let doc = import_text(&text, "formats.txt").unwrap_or_else(|e| panic!("{e}"));
    let summary = doc.table(TableKind::IncomeExpenditureSummary).unwrap();
    let income = summary
        .side("收入")
        .unwrap()
        .row_by_name("收入总计")
        .unwrap();
    let expense = summary
        .side("支出")
        .unwrap()
        .row_by_name("支出总计")
        .unwrap();
    assert_eq!(income.amount(0), Some(d("3264.56")));
    assert_eq!(expense.amount(0), Some(d("3264.56")));
    let row = doc
        .table(TableKind::Income)
        .unwrap()
        .main_side()
        .unwrap()
        .row_by_code("2010301")
        .unwrap();
    assert_eq!(row.amounts[..3], [Some(d("2349.56")); 3]);
    // Exactly the seed's tables: same figures, same rows, same lines.
    assert_eq!(doc.tables, seed().tables);
}

#[test]
fn a_non_numeric_amount_names_line_and_column() {
    let text = with_line(49, |l| l.replacen("3244.56", "12.3x", 1));
    let e = error(&text, "data/x.txt");
    assert_eq!(e.line, 49);
    assert_eq!(
        e.to_string(),
        "data/x.txt:49: expected an amount in column 预算数, found \"12.3x\""
    );
    // In a two-level header the column is named by its path.
    let text = with_line(224, |l| l.replacen("1709.84", "17O9.84", 1));
    let e = error(&text, "data/x.txt");
    assert_eq!(e.line, 224);
    assert!(
        e.message
            .contains("expected an amount in column 一般公共预算基本支出/合计, found \"17O9.84\""),
        "{e}"
    );
}

#[test]
fn a_bad_figure_on_a_card_or_in_the_assets_is_an_error() {
    let text = with_line(457, |l| l.replacen("600.00", "六百", 1));
    let e = error(&text, "x.txt");
    assert_eq!(e.line, 457);
    assert!(e.message.contains("预算数"), "{e}");
    let text = with_line(778, |l| l.replacen("15", "15辆", 1));
    let e = error(&text, "x.txt");
    assert_eq!(e.line, 778);
    assert!(e.message.contains("数量"), "{e}");
    let text = with_line(434, |l| l.replacen("50%", "五成", 1));
    let e = error(&text, "x.txt");
    assert_eq!(e.line, 434);
    assert!(e.message.contains("6月底"), "{e}");
}

#[test]
fn garbage_lines_anywhere_never_panic() {
    // Each line of the seed replaced by noise in turn must give a model or
    // an error, never a panic.
    let lines: Vec<String> = seed_text().split('\n').map(str::to_string).collect();
    let junk = String::from_utf8_lossy(&noise(40, 3)).replace('\n', " ");
    for i in (0..lines.len()).step_by(7) {
        let mut copy = lines.clone();
        copy[i] = format!("{junk}\t{}", copy[i]);
        check_outcome(import_text(&copy.join("\n"), "junk.txt"), "junk.txt");
        copy[i].clear();
        check_outcome(import_text(&copy.join("\n"), "junk.txt"), "junk.txt");
    }
    for n in (0..lines.len()).step_by(13) {
        check_outcome(
            import_text(&lines[..n].join("\n"), "prefix.txt"),
            "prefix.txt",
        );
    }
}

/// A model with tables, or an error that names the file and a line.
fn check_outcome(result: Result<Disclosure, ImportError>, file: &str) {
    match result {
        Ok(doc) => assert!(!doc.tables.is_empty()),
        Err(e) => {
            assert_eq!(e.file, file);
            assert!(e.line >= 1, "{e}");
            assert!(
                e.message.starts_with("expected") || e.message.contains("expected"),
                "{e}"
            );
        }
    }
}

// ---- the `budget import` command ----

fn budget(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_budget"))
        .args(args)
        .output()
        .unwrap()
}

fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("import_errors");
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

#[test]
fn cli_prints_ron_by_default() {
    let out = budget(&["import", SEED]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(from_ron(&text, "stdout").unwrap(), seed());
    assert_eq!(text, to_ron(&seed()));
}

#[test]
fn cli_prints_json() {
    let out = budget(&["import", SEED, "--json"]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("\"2349.56\""));
    let value: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(value["department"]["code"], "211");
    let back: Disclosure = serde_json::from_value(value).unwrap();
    assert_eq!(back, seed());
}

#[test]
fn cli_writes_the_output_file() {
    let out_path = scratch("seed.ron");
    let out = budget(&["import", SEED, "-o", out_path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stdout.is_empty());
    assert_eq!(std::fs::read_to_string(&out_path).unwrap(), to_ron(&seed()));
}

#[test]
fn cli_reports_bad_input_with_file_and_line() {
    let bad = scratch("bad.txt");
    std::fs::write(&bad, with_line(49, |l| l.replacen("3244.56", "12.3x", 1))).unwrap();
    let out = budget(&["import", bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(
        stderr.trim_end(),
        format!("错误：{}:49: 预算数 栏应为金额，实为“12.3x”", bad.display())
    );
    let out = budget(&["import", scratch("missing.txt").to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).starts_with("错误："));
}

#[test]
fn cli_refuses_to_overwrite_its_input() {
    let input = scratch("input.txt");
    std::fs::write(&input, seed_text()).unwrap();
    let out = budget(&[
        "import",
        input.to_str().unwrap(),
        "-o",
        input.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("不会把输出写在输入文件上"));
    assert_eq!(std::fs::read_to_string(&input).unwrap(), seed_text());
    // The same file named another way is refused too.
    let dotted = input.parent().unwrap().join(".").join("input.txt");
    let out = budget(&[
        "import",
        input.to_str().unwrap(),
        "-o",
        dotted.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(std::fs::read_to_string(&input).unwrap(), seed_text());
}
