//! `budget check` as a user runs it.

use std::path::PathBuf;
use std::process::{Command, Output};

use crate::fixture;

fn budget(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_budget"))
        .args(args)
        .output()
        .unwrap()
}

/// The fixture saved as RON, the form `budget import` writes.
fn fixture_ron(name: &str) -> PathBuf {
    let path = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name);
    let text = ron::ser::to_string(&fixture::seed()).unwrap();
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn errors_exit_1_with_the_finding_in_the_text() {
    let path = fixture_ron("check-cli-text.ron");
    let out = budget(&["check", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8(out.stdout).unwrap();
    let cost = stdout
        .lines()
        .find(|l| l.contains("622600"))
        .expect("the 成本指标 finding");
    assert!(cost.starts_with("错误"), "{cost}");
    assert!(cost.contains("成本指标金额不超过项目预算数"), "{cost}");
    assert!(cost.contains("市长热线工作运转成本"), "{cost}");
    assert!(cost.contains("超出 622,000 万元"), "{cost}");
    // Chinese output has no English word in it (rule ids are in JSON):
    // the only Latin letter is the document's own 基本工作经费 B.
    let words: std::collections::BTreeSet<String> = stdout
        .split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect();
    assert_eq!(words, ["B".to_string()].into_iter().collect(), "{stdout}");
    let last = stdout.lines().last().unwrap();
    // Every rule but the six with findings and the four not applicable
    // (国有资本经营, the empty procurement table, no change in percent, and
    // the fixture has no table of contents) passes.
    let passed = budget_tui::check::rules().len() - 10;
    assert_eq!(
        last,
        format!(
            "审核台账：通过 {passed}，有发现 6（错误 5，警告 3，提示 4），不适用 4，无法检查 0"
        )
    );
    // Every rule that did not pass is listed with its reason.
    assert!(stdout.contains(
        "规则  财政拨款收支总表国有资本经营列 = 国有资本经营预算财政拨款支出表合计：不适用（无国有资本经营预算）"
    ));
    assert!(stdout.contains("规则  计量单位没有错别字（百份比）：有发现（错误 0，警告 0，提示 2）"));
}

#[test]
fn english_output_is_english() {
    let path = fixture_ron("check-cli-en.ron");
    let out = budget(&["--lang", "en", "check", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8(out.stdout).unwrap();
    let cost = stdout.lines().find(|l| l.contains("622600")).unwrap();
    assert!(
        cost.starts_with("error   project.cost-within-budget"),
        "{cost}"
    );
    assert!(
        cost.contains("exceeds the project budget 600.00 wan yuan by 622,000 wan yuan"),
        "{cost}"
    );
    assert!(stdout
        .contains("rule  cross.grant-vs-state-capital  not applicable: no 国有资本经营 budget"));
    let passed = budget_tui::check::rules().len() - 10;
    assert!(stdout.ends_with(&format!(
        "ledger: {passed} passed, 6 with findings (5 errors, 3 warnings, 4 notes), 4 not applicable, 0 could not run\n"
    )));
}

#[test]
fn json_keeps_the_old_fields_and_adds_the_structured_ones() {
    let path = fixture_ron("check-cli-json.ron");
    let out = budget(&["check", "--json", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(value["format_version"], 2);
    let findings = value["findings"].as_array().unwrap();
    assert!(!findings.is_empty());
    for f in findings {
        for key in [
            "location", "message", "rule", "severity", "figures", "places", "title",
        ] {
            assert!(f.get(key).is_some(), "{key} in {f}");
        }
    }
    let cost = findings
        .iter()
        .find(|f| f["rule"] == "project.cost-within-budget")
        .unwrap();
    assert_eq!(cost["severity"], "error");
    assert!(cost["location"]
        .as_str()
        .unwrap()
        .contains("市长热线工作运转成本"));
    assert_eq!(cost["figures"]["printed"], "622600");
    assert_eq!(cost["figures"]["expected"], "600.00");
    assert_eq!(cost["figures"]["difference"], "622000.00");
    assert_eq!(cost["places"][0]["kind"], "indicator");
    assert_eq!(cost["places"][0]["card"], 1);
    let ledger = value["ledger"].as_array().unwrap();
    assert_eq!(ledger.len(), budget_tui::check::rules().len());
    for e in ledger {
        for key in [
            "rule", "state", "title", "reason", "errors", "warnings", "notes",
        ] {
            assert!(e.get(key).is_some(), "{key} in {e}");
        }
    }
    let capital = ledger
        .iter()
        .find(|e| e["rule"] == "cross.grant-vs-state-capital")
        .unwrap();
    assert_eq!(capital["state"], "not-applicable");
    assert_eq!(capital["reason"], "无国有资本经营预算");
    let typo = ledger
        .iter()
        .find(|e| e["rule"] == "indicator.unit-typo")
        .unwrap();
    // Notes only: not "passed".
    assert_eq!(typo["state"], "with-findings");
    assert_eq!(typo["notes"], 2);
    assert_eq!(typo["errors"], 0);
}

#[test]
fn markdown_is_a_review_to_send_back() {
    let path = fixture_ron("check-cli-md.ron");
    let out = budget(&["check", "--format", "md", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let md = String::from_utf8(out.stdout).unwrap();
    assert!(
        md.starts_with("# 审核意见：邢台市人民政府办公室 2025 年部门预算公开"),
        "{md}"
    );
    assert!(
        md.contains("**结论**：发现错误 5 处、警告 3 处、提示 4 处。"),
        "{md}"
    );
    assert!(md.contains("## 错误（须更正）"), "{md}");
    assert!(
        md.contains("所列 622,600，对照 600.00，相差 +622,000.00"),
        "{md}"
    );
    assert!(md.contains("## 审核台账"), "{md}");
    assert!(
        md.contains("| 成本指标金额不超过项目预算数 | 有发现 | 错误 1，警告 0，提示 0 |"),
        "{md}"
    );
}

#[test]
fn csv_has_one_finding_per_row() {
    let path = fixture_ron("check-cli-csv.ron");
    let out = budget(&["check", "--format", "csv", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let csv = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert!(lines[0].starts_with("file,department,year,number,consequence_of,severity,rule,"));
    // 5 errors, 3 warnings, 4 notes on the fixture.
    assert_eq!(lines.len(), 1 + 12);
    let cost = lines.iter().find(|l| l.contains("622600")).unwrap();
    assert!(
        cost.contains(",error,project.cost-within-budget,"),
        "{cost}"
    );
    assert!(cost.contains(",622600,600.00,622000.00,0,万元,"), "{cost}");
}

#[test]
fn an_unknown_format_is_refused() {
    let out = budget(&["check", "--format", "xml"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn several_paths_name_their_file() {
    let a = fixture_ron("check-cli-a.ron");
    let b = fixture_ron("check-cli-b.ron");
    let (a, b) = (a.to_str().unwrap(), b.to_str().unwrap());
    let out = budget(&["check", "--json", a, b]);
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let files: std::collections::BTreeSet<&str> = value["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["file"].as_str().unwrap())
        .collect();
    assert_eq!(files, [a, b].into_iter().collect());
    let out = budget(&["check", a, b]);
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.lines().all(|l| l.starts_with(a) || l.starts_with(b)));
    assert_eq!(
        stdout.lines().filter(|l| l.contains("审核台账：")).count(),
        2
    );
}

#[test]
fn an_unreadable_input_exits_2_naming_file_and_line() {
    let missing = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("no-such-disclosure.txt");
    let out = budget(&["check", missing.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains(&format!("{}:", missing.display())),
        "{stderr}"
    );

    let broken = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("check-cli-broken.ron");
    std::fs::write(&broken, "(department: oops").unwrap();
    let out = budget(&["check", broken.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains(&format!("{}:1:", broken.display())),
        "{stderr}"
    );
}

#[test]
fn a_reviewer_sidecar_marks_findings_without_hiding_them() {
    let path = fixture_ron("check-cli-review.ron");
    let sidecar = budget_tui::check::review::sidecar_path(&path);
    std::fs::write(
        &sidecar,
        r#"(reviews: [
            (rule: "project.cost-within-budget",
             location: Some("项目 2 基本工作经费 B（市长热线) › 成本指标 › 市长热线工作运转成本"),
             status: Explained, note: "单位应为元，已与部门核实"),
        ])"#,
    )
    .unwrap();
    let out = budget(&["check", path.to_str().unwrap()]);
    // The garbled values are still open errors.
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8(out.stdout).unwrap();
    let cost = stdout.lines().find(|l| l.contains("622600")).unwrap();
    assert!(
        cost.ends_with("〔已说明：单位应为元，已与部门核实〕"),
        "{cost}"
    );

    // Every error marked: exit 0, each still listed with its mark.
    std::fs::write(
        &sidecar,
        r#"(reviews: [
            (rule: "project.cost-within-budget", status: Explained, note: "单位应为元"),
            (rule: "indicator.garbled", status: Accepted),
            (rule: "table.parent-sum", status: Accepted),
        ])"#,
    )
    .unwrap();
    let out = budget(&["check", "--json", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let errors: Vec<&serde_json::Value> = value["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["severity"] == "error")
        .collect();
    assert_eq!(errors.len(), 5);
    assert!(errors.iter().all(|f| f["review"]["status"].is_string()));
    // A mark that matches nothing is said, on standard error.
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("没有对应的发现：table.parent-sum"),
        "{stderr}"
    );

    // A sidecar that cannot be read is bad input.
    std::fs::write(&sidecar, "(reviews: [oops").unwrap();
    let out = budget(&["check", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains(".review.ron:"), "{stderr}");
    std::fs::remove_file(&sidecar).unwrap();
}
