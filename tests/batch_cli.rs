//! `check` and `lookup` over directories and many files: unreadable files
//! are named and skipped, exit 2 only when nothing loads, `--sum` totals a
//! code across departments exactly, exit codes documented in `--help`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use budget_tui::corpus;
use rust_decimal::Decimal;

fn budget_in(cache: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_budget"))
        .args(args)
        .env("XDG_CACHE_HOME", cache)
        .output()
        .expect("the budget binary runs")
}

/// A fresh directory under the system temp dir.
fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("budget-batch-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a temp dir");
    dir
}

/// A generated corpus in `dir/corpus` (one level of nesting), a broken
/// disclosure and a file that is not a disclosure at all.
fn corpus_with_a_broken_file(dir: &Path, departments: usize) -> Vec<corpus::Generated> {
    let generated = corpus::generate(departments, 5);
    let nested = dir.join("corpus").join("nested");
    std::fs::create_dir_all(&nested).expect("dirs");
    for (k, g) in generated.iter().enumerate() {
        let into = if k % 2 == 0 {
            dir.join("corpus")
        } else {
            nested.clone()
        };
        std::fs::write(into.join(&g.file_name), &g.text).expect("write");
    }
    // An amount the importer refuses (a decimal comma), named by line.
    let seed = include_str!("../data/raw/xingtai-gov-office-2025.txt");
    let broken = seed.replacen(
        "\t2349.56\t2349.56\t2349.56",
        "\t2349,56\t2349.56\t2349.56",
        1,
    );
    assert_ne!(broken, seed);
    std::fs::write(dir.join("corpus").join("broken.txt"), broken).expect("write");
    // Not a disclosure extension: never read.
    std::fs::write(dir.join("corpus").join("README.md"), "notes").expect("write");
    generated
}

#[test]
fn check_goes_on_past_an_unreadable_file_and_reports_each_file() {
    let dir = temp_dir("check");
    let cache = dir.join("cache");
    let generated = corpus_with_a_broken_file(&dir, 6);
    let corpus = dir.join("corpus");
    let corpus = corpus.to_str().expect("utf-8 path");

    let out = budget_in(&cache, &["check", corpus]);
    // Generated documents reconcile: no error finding, so exit 0 although
    // one file could not be read.
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    let problems: Vec<&str> = stderr.lines().collect();
    assert_eq!(problems.len(), 1, "{stderr}");
    assert!(problems[0].contains("broken.txt:"), "{stderr}");
    assert!(problems[0].contains("2349,56"), "{stderr}");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        stdout.lines().filter(|l| l.contains("审核台账：")).count(),
        generated.len(),
        "one ledger per readable file"
    );

    let out = budget_in(&cache, &["check", corpus, "--json"]);
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let files = value["files"].as_array().expect("files");
    assert_eq!(files.len(), generated.len() + 1);
    let broken: Vec<&serde_json::Value> = files
        .iter()
        .filter(|f| f["status"] == "unreadable")
        .collect();
    assert_eq!(broken.len(), 1);
    assert!(broken[0]["file"]
        .as_str()
        .unwrap_or("")
        .ends_with("broken.txt"));
    assert!(broken[0]["error"]
        .as_str()
        .unwrap_or("")
        .contains("2349,56"));
    assert!(files
        .iter()
        .filter(|f| f["status"] == "ok")
        .all(|f| f["errors"] == 0));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn exit_2_only_when_no_input_can_be_read() {
    let dir = temp_dir("exit2");
    let cache = dir.join("cache");
    std::fs::write(dir.join("a.txt"), [0u8, 159, 146, 150, 0, 1]).expect("write");
    let missing = dir.join("missing.txt");
    let a = dir.join("a.txt");
    for command in ["check", "lookup"] {
        let mut args = vec![command];
        if command == "lookup" {
            args.push("2010301");
        }
        let (a, missing) = (a.to_str().unwrap_or(""), missing.to_str().unwrap_or(""));
        args.extend([a, missing]);
        let out = budget_in(&cache, &args);
        assert_eq!(out.status.code(), Some(2), "{command}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.contains("a.txt:") && stderr.contains("missing.txt:"),
            "{stderr}"
        );
        assert!(out.stdout.is_empty());
    }
    // An empty directory has nothing to read either.
    let empty = temp_dir("empty");
    let out = budget_in(&cache, &["check", empty.to_str().unwrap_or("")]);
    assert_eq!(out.status.code(), Some(2));
    let _ = std::fs::remove_dir_all(&dir);
    let _ = std::fs::remove_dir_all(&empty);
}

#[test]
fn lookup_searches_directories_and_names_each_file() {
    let dir = temp_dir("lookup");
    let cache = dir.join("cache");
    let generated = corpus_with_a_broken_file(&dir, 4);
    let corpus = dir.join("corpus");
    let out = budget_in(
        &cache,
        &[
            "lookup",
            "2010301",
            corpus.to_str().unwrap_or(""),
            "--json",
            "--limit",
            "0",
        ],
    );
    assert_eq!(out.status.code(), Some(0));
    let rows: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let rows = rows.as_array().expect("array");
    // 收入总表, 支出总表 and 一般公共预算财政拨款支出表 print 2010301.
    assert_eq!(rows.len(), 3 * generated.len());
    for g in &generated {
        let line = g
            .truth
            .functional
            .iter()
            .find(|l| l.code == "2010301")
            .expect("every department has 行政运行");
        let expected = g.truth.table_figure(line.basic);
        let mine: Vec<&serde_json::Value> = rows
            .iter()
            .filter(|r| {
                r["file"]
                    .as_str()
                    .is_some_and(|f| f.ends_with(&g.file_name))
            })
            .collect();
        assert_eq!(mine.len(), 3, "{}", g.file_name);
        for row in mine {
            assert_eq!(row["value"], expected.to_string(), "{}", g.file_name);
            assert_eq!(row["year"], g.truth.year);
            assert_eq!(row["department"], g.truth.name.as_str());
        }
    }
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("broken.txt:"), "{stderr}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn sum_totals_a_code_by_year_converting_yuan_exactly() {
    let dir = temp_dir("sum");
    let cache = dir.join("cache");
    // The first seed whose corpus mixes 元 and 万元 documents (about one in
    // ten prints 元).
    let mixed = |g: &[corpus::Generated]| {
        g.iter().any(|g| g.truth.in_yuan) && g.iter().any(|g| !g.truth.in_yuan)
    };
    let generated = (1..100)
        .map(|seed| corpus::generate(24, seed))
        .find(|g| mixed(g))
        .expect("a corpus with both units");
    for g in &generated {
        std::fs::write(dir.join(&g.file_name), &g.text).expect("write");
    }
    let out = budget_in(
        &cache,
        &[
            "lookup",
            "--sum",
            "2010301",
            dir.to_str().unwrap_or(""),
            "--json",
        ],
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let sum: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(sum["code"], "2010301");
    assert_eq!(sum["name"], "行政运行");
    let totals = sum["totals"].as_array().expect("totals");
    for total in totals {
        let year = total["year"].as_u64().unwrap_or(0);
        let of_year: Vec<&corpus::Generated> = generated
            .iter()
            .filter(|g| u64::from(g.truth.year) == year)
            .collect();
        // The truth in hundredths of 万元, whatever unit each file printed.
        let cents: i64 = of_year
            .iter()
            .flat_map(|g| g.truth.functional.iter().filter(|l| l.code == "2010301"))
            .map(|l| l.basic)
            .sum();
        assert_eq!(total["departments"], of_year.len());
        let value: Decimal = total["value"]
            .as_str()
            .unwrap_or("")
            .parse()
            .expect("decimal");
        assert_eq!(value, Decimal::new(cents, 2), "{year}");
        assert_eq!(total["unit"], "万元");
    }
    assert_eq!(
        totals
            .iter()
            .map(|t| t["departments"].as_u64().unwrap_or(0))
            .sum::<u64>(),
        generated.len() as u64
    );
    let text = budget_in(
        &cache,
        &["lookup", "--sum", "2010301", dir.to_str().unwrap_or("")],
    );
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.contains("Σ 2010301 行政运行 2025年"), "{text}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn several_paths_list_every_department_when_not_a_terminal() {
    let dir = temp_dir("open");
    let cache = dir.join("cache");
    let seed = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/data/raw/xingtai-gov-office-2025.txt"
    );
    let generated = corpus::generate(2, 1);
    for g in &generated {
        std::fs::write(dir.join(&g.file_name), &g.text).expect("write");
    }
    // Standard output is not a terminal here: the Departments list, a
    // line per document, in 万元.
    let out = budget_in(&cache, &[seed, dir.to_str().unwrap_or("")]);
    assert_eq!(out.status.code(), Some(0));
    let stdout = String::from_utf8_lossy(&out.stdout);
    let seed_line = stdout
        .lines()
        .find(|l| l.contains("邢台市人民政府办公室"))
        .unwrap_or_else(|| panic!("{stdout}"));
    assert!(seed_line.contains("3,264.56"), "{stdout}");
    assert!(
        stdout.contains(&format!("Σ 合计 {}", generated.len() + 1)),
        "{stdout}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn help_documents_every_exit_code() {
    let cache = temp_dir("help");
    let out = budget_in(&cache, &["--help"]);
    let text = String::from_utf8_lossy(&out.stdout);
    for part in [
        "Exit codes:",
        "0  done",
        "1  check found an error",
        "2  no input could be read",
        "128+N",
    ] {
        assert!(text.contains(part), "{part}: {text}");
    }
    for command in ["check", "lookup", "import", "gen-corpus", "screenshots"] {
        let out = budget_in(&cache, &[command, "--help"]);
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.contains("Exit codes: 0"), "{command}: {text}");
    }
    let _ = std::fs::remove_dir_all(&cache);
}
