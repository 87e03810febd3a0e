//! `budget lookup` as a user runs it: output, JSON and exit codes.

use std::process::{Command, Output};

fn budget(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_budget"))
        .args(args)
        .output()
        .expect("the budget binary runs")
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
        assert!(line.contains("2349.56"), "{line}");
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
    assert_eq!(
        keys,
        [
            "code",
            "column",
            "department",
            "name",
            "table",
            "value",
            "year"
        ]
    );
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
