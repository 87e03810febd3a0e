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
    assert!(cost.starts_with("error"), "{cost}");
    assert!(cost.contains("project.cost-within-budget"), "{cost}");
    assert!(cost.contains("市长热线工作运转成本"), "{cost}");
    let last = stdout.lines().last().unwrap();
    assert!(
        last.starts_with("ledger: ") && last.contains("could not run"),
        "{last}"
    );
}

#[test]
fn json_has_exactly_the_documented_fields() {
    let path = fixture_ron("check-cli-json.ron");
    let out = budget(&["check", "--json", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let findings = value["findings"].as_array().unwrap();
    assert!(!findings.is_empty());
    for f in findings {
        let mut keys: Vec<&str> = f.as_object().unwrap().keys().map(String::as_str).collect();
        keys.sort();
        assert_eq!(keys, ["location", "message", "rule", "severity"]);
    }
    assert!(findings
        .iter()
        .any(|f| f["rule"] == "project.cost-within-budget"
            && f["severity"] == "error"
            && f["location"]
                .as_str()
                .unwrap()
                .contains("市长热线工作运转成本")));
    let ledger = value["ledger"].as_array().unwrap();
    assert_eq!(ledger.len(), budget_tui::check::rules().len());
    for e in ledger {
        let mut keys: Vec<&str> = e.as_object().unwrap().keys().map(String::as_str).collect();
        keys.sort();
        assert_eq!(keys, ["rule", "state"]);
    }
    assert!(ledger
        .iter()
        .any(|e| e["rule"] == "cross.grant-vs-state-capital" && e["state"] == "not-applicable"));
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
    assert_eq!(stdout.lines().filter(|l| l.contains("ledger: ")).count(), 2);
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
