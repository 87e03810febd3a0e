//! The CLI's output paths: the input is never overwritten (by any name), an
//! output file is replaced whole or not at all, and a failed or closed
//! standard output / error ends with the documented exit code, never 101.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

const SEED: &str = "data/raw/xingtai-gov-office-2025.txt";

fn budget() -> Command {
    Command::new(env!("CARGO_BIN_EXE_budget"))
}

fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("output_cli");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    let _ = std::fs::remove_file(&path);
    path
}

fn seed_text() -> String {
    std::fs::read_to_string(SEED).unwrap()
}

#[test]
fn a_hard_link_to_the_input_is_refused() {
    let input = scratch("linked-input.txt");
    std::fs::write(&input, seed_text()).unwrap();
    let link = scratch("linked-output.ron");
    std::fs::hard_link(&input, &link).unwrap();
    let out = budget()
        .args([
            "import",
            input.to_str().unwrap(),
            "-o",
            link.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("不会把输出写在输入文件上"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(std::fs::read_to_string(&input).unwrap(), seed_text());
    // A symlink to it likewise.
    let sym = scratch("sym-output.ron");
    std::os::unix::fs::symlink(&input, &sym).unwrap();
    let out = budget()
        .args([
            "import",
            input.to_str().unwrap(),
            "-o",
            sym.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(std::fs::read_to_string(&input).unwrap(), seed_text());
}

#[test]
fn the_output_is_replaced_whole_and_no_temporary_file_is_left() {
    let target = scratch("whole.ron");
    std::fs::write(&target, "previous output").unwrap();
    let out = budget()
        .args(["import", SEED, "-o", target.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let written = std::fs::read_to_string(&target).unwrap();
    let doc = budget_tui::import::from_ron(&written, "whole.ron").unwrap();
    assert_eq!(
        doc,
        budget_tui::import::import_path(Path::new(SEED)).unwrap()
    );
    let leftovers: Vec<_> = std::fs::read_dir(target.parent().unwrap())
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".tmp-"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn a_failed_write_keeps_the_previous_output_and_exits_2() {
    // The device is full: exit 2 with the reason, nothing half-written.
    let out = budget()
        .args(["import", SEED, "-o", "/dev/full"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("/dev/full: 无法写入"));
    // A directory that cannot be written: the old file stays as it was.
    let target = scratch("kept.ron");
    std::fs::write(&target, "previous output").unwrap();
    let out = budget()
        .args(["import", SEED, "-o"])
        .arg(target.join("sub.ron"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "previous output");
}

#[test]
fn standard_output_full_is_exit_2_not_a_panic() {
    for args in [
        &["import", SEED][..],
        &["check", "--json"][..],
        &["lookup", "2010301"][..],
    ] {
        let out = budget()
            .args(args)
            .stdout(File::create("/dev/full").unwrap())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains("无法写入标准输出"), "{args:?}: {stderr}");
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
    }
}

#[test]
fn standard_error_full_keeps_the_exit_code() {
    let out = budget()
        .args(["import", "no/such/file.txt"])
        .stderr(File::create("/dev/full").unwrap())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let out = budget()
        .args(["lookup", "nothing-matches-this-zzzz"])
        .stderr(File::create("/dev/full").unwrap())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn a_closed_pipe_keeps_checks_exit_1() {
    // `budget check … | head -0`: the reader is gone before the first write.
    // The bundled seed has error findings (the 成本指标 over its budget).
    let mut child = budget()
        .arg("check")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // And a lookup that matched keeps its 0.
    let mut child = budget()
        .args(["lookup", "2010301"])
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    assert_eq!(child.wait().unwrap().code(), Some(0));
}
