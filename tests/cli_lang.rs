//! Chinese mode prints no English of ours: the CLI's errors and notes, and
//! an import error's frame and message, speak `--lang` (Chinese by
//! default), and the same run with `--lang en` speaks English.

use std::path::PathBuf;
use std::process::{Command, Output};

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("budget-lang-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("mkdir");
    dir.join(name)
}

fn budget(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_budget"))
        .env("XDG_CONFIG_HOME", scratch("no-config"))
        .arg("--no-cache")
        .args(args)
        .output()
        .expect("runs")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Whether `text` has a run of three or more ASCII letters outside the
/// paths and values the test names as allowed.
fn english_word(text: &str, allowed: &[&str]) -> Option<String> {
    let mut cleaned = text.to_string();
    for a in allowed {
        cleaned = cleaned.replace(a, " ");
    }
    cleaned
        .split(|c: char| !c.is_ascii_alphabetic())
        .find(|w| w.len() >= 3)
        .map(String::from)
}

#[test]
fn a_bad_amount_is_reported_in_chinese_then_english() {
    let bad = scratch("bad.txt");
    let seed = std::fs::read_to_string("data/raw/xingtai-gov-office-2025.txt").expect("seed");
    let text: String = seed
        .lines()
        .enumerate()
        .map(|(i, l)| {
            if i + 1 == 49 {
                l.replacen("3244.56", "12.3x", 1)
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    std::fs::write(&bad, text).expect("write");
    let path = bad.to_str().expect("UTF-8 path");
    let zh = stderr(&budget(&["import", path]));
    assert_eq!(
        zh.trim_end(),
        format!("错误：{path}:49: 预算数 栏应为金额，实为“12.3x”")
    );
    assert_eq!(english_word(&zh, &[path]), None, "{zh}");
    let en = stderr(&budget(&["--lang", "en", "import", path]));
    assert_eq!(
        en.trim_end(),
        format!("error: {path}:49: expected an amount in column 预算数, found \"12.3x\"")
    );
}

#[test]
fn no_readable_input_and_no_match_are_said_in_chinese() {
    let empty = scratch("empty.txt");
    std::fs::write(&empty, "\n\n").expect("write");
    let path = empty.to_str().expect("UTF-8 path");
    let out = budget(&["check", path]);
    assert_eq!(out.status.code(), Some(2));
    let zh = stderr(&out);
    assert!(zh.contains("文件为空"), "{zh}");
    assert_eq!(english_word(&zh, &[path]), None, "{zh}");
    let en = stderr(&budget(&["--lang", "en", "check", path]));
    assert!(en.contains("the file is empty"), "{en}");

    let out = budget(&["lookup", "qqqqzzzz"]);
    assert_eq!(out.status.code(), Some(1));
    let zh = stderr(&out);
    assert_eq!(zh.trim_end(), "没有匹配：`qqqqzzzz`");
    let en = stderr(&budget(&["--lang", "en", "lookup", "qqqqzzzz"]));
    assert_eq!(en.trim_end(), "no match for `qqqqzzzz`");

    let dir = scratch("nothing-here");
    std::fs::create_dir_all(&dir).expect("mkdir");
    let dir_path = dir.to_str().expect("UTF-8 path");
    let out = budget(&["check", dir_path]);
    assert_eq!(out.status.code(), Some(2));
    let zh = stderr(&out);
    assert!(zh.starts_with("错误：没有找到公开文件"), "{zh}");
}

#[test]
fn an_unreadable_file_is_framed_in_chinese() {
    let missing = scratch("missing.txt");
    let path = missing.to_str().expect("UTF-8 path");
    let zh = stderr(&budget(&["import", path]));
    assert!(
        zh.starts_with(&format!("错误：{path}: 无法读取文件：")),
        "{zh}"
    );
}
