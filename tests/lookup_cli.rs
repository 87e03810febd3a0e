//! `budget lookup` as a user runs it: output, JSON and exit codes.

use std::process::{Command, Output};

fn budget(args: &[&str]) -> Output {
    // A cache of its own: a test never reads what another run left.
    let cache = std::env::temp_dir().join(format!("budget-lookup-cli-{}", std::process::id()));
    Command::new(env!("CARGO_BIN_EXE_budget"))
        .args(args)
        .env("XDG_CACHE_HOME", cache)
        .output()
        .expect("the budget binary runs")
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The JSON rows of `lookup ARGS --json`.
fn json_rows(args: &[&str]) -> Vec<serde_json::Value> {
    let mut all = args.to_vec();
    all.push("--json");
    let out = budget(&all);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    value.as_array().expect("an array").clone()
}

#[test]
fn an_unreadable_input_exits_2_naming_the_file() {
    let out = budget(&["lookup", "2010301", "no/such/disclosure.txt"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("no/such/disclosure.txt:"), "{stderr}");
    assert!(out.stdout.is_empty());
}

const SEED: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/data/raw/xingtai-gov-office-2025.txt"
);

#[test]
fn an_exact_code_prints_one_line_per_table() {
    let out = budget(&["lookup", "2010301", SEED]);
    assert_eq!(out.status.code(), Some(0));
    let stdout = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 4, "header and three rows:\n{stdout}");
    for (line, table) in
        lines[1..]
            .iter()
            .zip(["收入总表", "支出总表", "一般公共预算财政拨款支出表"])
    {
        assert!(line.contains(table), "{line}");
        assert!(line.contains("2010301"), "{line}");
        assert!(line.contains("2,349.56 万元"), "{line}");
    }
}

#[test]
fn json_has_the_agreed_keys_and_decimal_strings() {
    let out = budget(&["lookup", "gwyc", SEED, "--json", "--limit", "3"]);
    assert_eq!(out.status.code(), Some(0));
    let rows: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let rows = rows.as_array().expect("an array");
    assert!(!rows.is_empty() && rows.len() <= 3);
    let first = rows[0].as_object().expect("an object");
    let mut keys: Vec<&str> = first.keys().map(String::as_str).collect();
    keys.sort_unstable();
    // The agreed keys, plus where the row stands in the source (`line`,
    // and `page` for a PDF): added keys only, none renamed or dropped.
    assert_eq!(
        keys,
        [
            "code",
            "column",
            "department",
            "line",
            "name",
            "table",
            "value",
            "year"
        ]
    );
    assert!(first["line"].as_u64().is_some_and(|l| l > 0), "{first:?}");
    assert_eq!(first["code"], "30231");
    assert_eq!(first["name"], "公务用车运行维护费");
    assert_eq!(first["value"], "24.00");
    assert_eq!(first["year"], 2025);
}

#[test]
fn the_hotline_query_prints_both_cards() {
    let out = budget(&["lookup", "市长热线", SEED]);
    assert_eq!(out.status.code(), Some(0));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("13050025P00945010077D"), "{stdout}");
    assert!(stdout.contains("13050025P00945010083T"), "{stdout}");
    assert!(stdout.contains("市长热线经费"), "{stdout}");
}

#[test]
fn nonsense_exits_1_with_a_message() {
    let out = budget(&["lookup", "zzqqxj", SEED]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    assert!(!out.stderr.is_empty());
}

#[test]
fn with_no_path_the_bundled_disclosure_is_searched() {
    let out = budget(&["lookup", "2010301", "--json"]);
    assert_eq!(out.status.code(), Some(0));
    let rows: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let rows = rows.as_array().expect("an array");
    let tables: Vec<&str> = rows.iter().filter_map(|r| r["table"].as_str()).collect();
    assert_eq!(
        tables,
        ["收入总表", "支出总表", "一般公共预算财政拨款支出表"]
    );
    assert!(rows.iter().all(|r| r["value"] == "2349.56"));
    assert!(rows
        .iter()
        .all(|r| r["department"] == "邢台市人民政府办公室"));
}

#[test]
fn headline_figures_answer_with_their_table_and_column() {
    // (query, table, row, column, value): the first row of the answer.
    let cases = [
        ("项目支出", "支出总表", "合计", "项目支出", "915.00"),
        ("xmzc", "支出总表", "合计", "项目支出", "915.00"),
        ("基本支出", "支出总表", "合计", "基本支出", "2349.56"),
        ("jbzc", "支出总表", "合计", "基本支出", "2349.56"),
        (
            "人员经费",
            "一般公共预算财政拨款基本支出表",
            "合计",
            "人员经费",
            "2049.75",
        ),
        (
            "ryjf",
            "一般公共预算财政拨款基本支出表",
            "合计",
            "人员经费",
            "2049.75",
        ),
        (
            "公用经费",
            "一般公共预算财政拨款基本支出表",
            "合计",
            "公用经费",
            "299.81",
        ),
        (
            "gyjf",
            "一般公共预算财政拨款基本支出表",
            "合计",
            "公用经费",
            "299.81",
        ),
        ("收入总计", "收支总表", "收入总计", "预算数", "3264.56"),
        ("srzj", "收支总表", "收入总计", "预算数", "3264.56"),
        (
            "三公",
            "财政拨款“三公”经费支出表",
            "“三公”经费小计",
            "合计",
            "24.00",
        ),
        (
            "sgjf",
            "财政拨款“三公”经费支出表",
            "“三公”经费小计",
            "合计",
            "24.00",
        ),
        (
            "机关运行经费",
            "情况说明",
            "机关运行经费",
            "情况说明",
            "299.81",
        ),
        ("jgyxjf", "情况说明", "机关运行经费", "情况说明", "299.81"),
    ];
    for (query, table, name, column, value) in cases {
        let rows = json_rows(&["lookup", query, SEED]);
        let first = &rows[0];
        assert_eq!(first["table"], table, "{query}: {first}");
        assert_eq!(first["name"], name, "{query}: {first}");
        assert_eq!(first["column"], column, "{query}: {first}");
        assert_eq!(first["value"], value, "{query}: {first}");
    }
    // The plain table says where the figure comes from.
    let out = budget(&["lookup", "项目支出", SEED]);
    let text = stdout(&out);
    let line = text.lines().nth(1).expect("a first row");
    for part in ["支出总表", "合计", "项目支出", "915.00 万元", "2025"] {
        assert!(line.contains(part), "{part} in {line}");
    }
}

#[test]
fn a_printed_figure_finds_the_cells_that_print_it() {
    let rows = json_rows(&["lookup", "622600", SEED]);
    assert_eq!(rows[0]["table"], "绩效指标");
    assert_eq!(rows[0]["code"], "13050025P00945010077D");
    assert_eq!(rows[0]["value"], "622600");
    let text = stdout(&budget(&["lookup", "622600", SEED]));
    assert!(text.contains("≤622600 万元"), "{text}");

    // 2349.56 is printed by 行政运行 and as 基本支出 of several 合计 rows; each
    // row names the column that printed it.
    let rows = json_rows(&["lookup", "2349.56", SEED, "--limit", "0"]);
    assert!(rows.iter().all(|r| r["value"] == "2349.56"), "{rows:?}");
    let has = |table: &str, name: &str, column: &str| {
        rows.iter()
            .any(|r| r["table"] == table && r["name"] == name && r["column"] == column)
    };
    assert!(has("支出总表", "行政运行", "合计"));
    assert!(has("支出总表", "合计", "基本支出"));
    assert!(has(
        "一般公共预算财政拨款基本支出表",
        "合计",
        "一般公共预算基本支出/合计"
    ));
    // A figure typed without its decimals still matches: 915 is 915.00.
    let rows = json_rows(&["lookup", "915", SEED]);
    assert_eq!(rows[0]["column"], "项目支出");
    assert_eq!(rows[0]["value"], "915.00");
}

#[test]
fn all_columns_prints_every_column_of_the_row_blank_cells_blank() {
    let rows = json_rows(&["lookup", "2010301", SEED, "--all-columns"]);
    let expenditure: Vec<(&str, Option<&str>)> = rows
        .iter()
        .filter(|r| r["table"] == "支出总表")
        .map(|r| (r["column"].as_str().unwrap_or(""), r["value"].as_str()))
        .collect();
    assert_eq!(
        expenditure,
        [
            ("合计", Some("2349.56")),
            ("基本支出", Some("2349.56")),
            ("项目支出", None),
            ("经营支出", None),
            ("上解上级支出", None),
            ("对附属单位补助支出", None),
        ]
    );
    // 收入总表 (10 columns), 支出总表 (6), 一般公共预算财政拨款支出表 (3).
    assert_eq!(rows.len(), 10 + 6 + 3);
}

#[test]
fn english_headers_with_the_flag_before_or_after_the_subcommand() {
    for args in [
        &["--lang", "en", "lookup", "gwyc", SEED][..],
        &["lookup", "gwyc", SEED, "--lang", "en"][..],
    ] {
        let out = budget(args);
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        let text = stdout(&out);
        let header = text.lines().next().unwrap_or("");
        for word in [
            "department",
            "year",
            "table",
            "code",
            "name",
            "column",
            "value",
        ] {
            assert!(header.contains(word), "{header}");
        }
        assert!(text.contains("30231"), "{text}");
    }
    let zh = stdout(&budget(&["lookup", "gwyc", SEED]));
    assert!(zh.starts_with("部门"), "{zh}");
}

#[test]
fn a_cut_list_says_how_many_matches_there_were() {
    let out = budget(&["lookup", "行政", SEED, "--limit", "2", "--lang", "en"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(stdout(&out).lines().count(), 3, "header and two rows");
    let stderr = String::from_utf8_lossy(&out.stderr);
    let all = json_rows(&["lookup", "行政", SEED, "--limit", "0"]).len();
    assert!(all > 2);
    assert!(
        stderr.contains(&format!(
            "2 of {all} matches (--limit N, --limit 0 for all)"
        )),
        "{stderr}"
    );
    // Nothing cut, nothing said.
    let out = budget(&["lookup", "行政", SEED, "--limit", "0"]);
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn lookup_in_a_pdf_names_the_page_of_each_row() {
    let pdf = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/pdf/shanghai-putuo-finance-bureau-2025.pdf"
    );
    let out = budget(&["lookup", "2010601", pdf, "--json"]);
    assert_eq!(out.status.code(), Some(0));
    let rows: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let rows = rows.as_array().expect("an array");
    assert!(!rows.is_empty());
    for row in rows {
        // 行政运行 16,231,840.80 元 stands on the tables' pages (9–16).
        assert_eq!(row["value"], "16231840.80", "{row}");
        let page = row["page"].as_u64().expect("a page");
        assert!((9..=16).contains(&page), "{row}");
    }
    let out = budget(&["lookup", "2010601", pdf]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.lines().skip(1).all(|l| l.contains("p. ")), "{text}");
}
