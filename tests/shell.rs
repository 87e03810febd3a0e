//! Shell integration: the manual page and the completion scripts are
//! generated from the same clap definitions as `--help`, so each names
//! every subcommand, and every exit code is documented.

use std::process::Command;

fn budget(args: &[&str]) -> (Option<i32>, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_budget"))
        .args(args)
        .env(
            "XDG_CONFIG_HOME",
            std::env::temp_dir().join("budget-shell-no-config"),
        )
        .output()
        .expect("runs");
    (
        out.status.code(),
        String::from_utf8(out.stdout).expect("UTF-8"),
    )
}

/// The subcommands `budget --help` lists (its `Commands:` block).
fn subcommands() -> Vec<String> {
    let (code, help) = budget(&["--help"]);
    assert_eq!(code, Some(0));
    let names: Vec<String> = help
        .lines()
        .skip_while(|l| !l.starts_with("Commands:"))
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        .filter_map(|l| l.split_whitespace().next())
        .filter(|name| *name != "help")
        .map(String::from)
        .collect();
    assert!(names.len() >= 9, "{names:?}");
    names
}

#[test]
fn the_man_page_names_every_subcommand_and_every_exit_code() {
    let (code, page) = budget(&["man"]);
    assert_eq!(code, Some(0));
    assert!(
        page.starts_with(".ie") || page.contains(".TH budget"),
        "roff"
    );
    for name in subcommands() {
        // roff escapes the hyphen: budget\-gen\-corpus(1).
        let entry = format!("budget\\-{}(1)", name.replace('-', "\\-"));
        assert!(page.contains(&entry), "{entry} in the man page");
    }
    for exit in [
        "Exit codes",
        "  0  done",
        "  1  check",
        "  2  no input",
        "128+N",
    ] {
        assert!(page.contains(exit), "{exit}");
    }
    assert!(page.contains("export could not write DIR"));
}

#[test]
fn every_subcommand_documents_its_exit_codes() {
    for name in subcommands() {
        let (code, help) = budget(&[name.as_str(), "--help"]);
        assert_eq!(code, Some(0), "{name}");
        assert!(help.contains("Exit codes: 0"), "{name} --help");
    }
}

#[test]
fn man_o_writes_a_page_per_subcommand() {
    let dir = std::env::temp_dir().join(format!("budget-man-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let (code, _) = budget(&["man", "-o", dir.to_str().expect("UTF-8 path")]);
    assert_eq!(code, Some(0));
    let export = std::fs::read_to_string(dir.join("budget-export.1")).expect("budget-export.1");
    assert!(export.contains("fdp"), "{export}");
    assert!(dir.join("budget.1").is_file());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn completions_cover_the_subcommands() {
    let (code, bash) = budget(&["completions", "bash"]);
    assert_eq!(code, Some(0));
    assert!(bash.contains("complete -F"), "a bash completion script");
    for name in subcommands() {
        assert!(bash.contains(&name), "{name} in the bash script");
    }
    for shell in ["zsh", "fish"] {
        let (code, script) = budget(&["completions", shell]);
        assert_eq!(code, Some(0), "{shell}");
        assert!(script.contains("lookup"), "{shell}");
    }
    let (code, _) = budget(&["completions", "tcsh"]);
    assert_eq!(code, Some(2));
}
