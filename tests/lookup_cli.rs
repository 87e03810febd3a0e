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
