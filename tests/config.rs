//! The configuration file: an override patches dispatch and help alike; a
//! broken file is named with line and column and the defaults apply; the
//! printed default parses back; flags win over the file.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use budget_tui::action::Action;
use budget_tui::app::Tab;
use budget_tui::config::{self, Config, Theme};
use budget_tui::i18n::{t, Lang, Msg};
use budget_tui::keymap::{Context, Key};
use common::{keys, press, screen, seed_app};
use ratatui::crossterm::event::KeyCode;

fn parse(text: &str) -> Config {
    config::parse(text, Path::new("config.ron")).expect("a valid configuration")
}

#[test]
fn rebinding_next_tab_changes_dispatch_and_help() {
    let config = parse("(keys: [(action: next_tab, keys: [\"t\"])])");
    let mut app = seed_app(Lang::En);
    app.keymap = config.keymap();
    assert_eq!(app.tab, Tab::Summary);
    // Tab no longer moves; `t` does.
    press(&mut app, KeyCode::Tab);
    assert_eq!(app.tab, Tab::Summary);
    keys(&mut app, "t");
    assert_eq!(app.tab, Tab::Drill);
    // Every other key is as it was.
    keys(&mut app, "4");
    assert_eq!(app.tab, Tab::Checks);
    // The help lists `t` for the next tab, and Tab for nothing.
    keys(&mut app, "?");
    let text = screen(&app, 160, 60);
    let description = t(Lang::En, Msg::KeyNextTab);
    let line = text
        .lines()
        .find(|l| l.contains(description))
        .unwrap_or_else(|| panic!("{description} in\n{text}"));
    // The key column holds exactly `t` on that line.
    let key_cell = line.split_whitespace().rev().nth(2).unwrap_or_default();
    assert_eq!(key_cell, "t", "{line}");
    let bound: Vec<String> = app
        .keymap
        .bindings
        .iter()
        .filter(|b| b.action == Action::NextTab)
        .flat_map(|b| b.keys.iter().map(Key::label))
        .collect();
    assert_eq!(bound, ["t"]);
}

#[test]
fn a_key_taken_by_an_override_is_freed_elsewhere_in_its_context() {
    // `n` is the next search hit; giving it to next_tab takes it away.
    let config = parse("(keys: [(action: next_tab, keys: [\"n\", \"Ctrl-n\"])])");
    let keymap = config.keymap();
    let of = |action: Action| -> Vec<String> {
        keymap
            .bindings
            .iter()
            .filter(|b| b.action == action && b.context == Context::Global)
            .flat_map(|b| b.keys.iter().map(Key::label))
            .collect()
    };
    assert_eq!(of(Action::NextTab), ["n", "Ctrl-N"]);
    assert!(of(Action::NextHit).is_empty());
    // An override in one context leaves the others alone.
    let config = parse("(keys: [(action: open, keys: [\"o\"], context: Some(tables))])");
    let keymap = config.keymap();
    let tables: Vec<String> = keymap
        .bindings
        .iter()
        .filter(|b| b.action == Action::Open && b.context == Context::Tables)
        .flat_map(|b| b.keys.iter().map(Key::label))
        .collect();
    assert_eq!(tables, ["o"]);
    let projects = keymap
        .bindings
        .iter()
        .find(|b| b.action == Action::Open && b.context == Context::Projects)
        .map(|b| b.keys.len());
    assert_eq!(projects, Some(3), "Enter, l, →");
}

#[test]
fn a_broken_file_names_line_and_column_and_the_defaults_apply() {
    let dir = temp_dir("broken");
    let file = dir.join("budget").join("config.ron");
    std::fs::create_dir_all(file.parent().expect("dir")).expect("mkdir");
    std::fs::write(
        &file,
        "(\n    lang: en,\n    keys: [(action: next_tab, keys: [\"Hyper-x\"])],\n)\n",
    )
    .expect("write");
    let (config, error) = config::load_from(&file);
    assert_eq!(config, Config::default());
    let error = error.expect("an error");
    assert_eq!(error.position.map(|(line, _)| line), Some(3));
    assert!(error.to_string().contains("Hyper-x"), "{error}");
    // The app (printed, as when piped) still starts, with the defaults:
    // Chinese, not the file's English.
    let out = budget(&dir).output().expect("runs");
    assert_eq!(out.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("config.ron:3:"), "{stderr}");
    assert!(stderr.contains("配置文件有误"), "{stderr}");
    assert!(String::from_utf8_lossy(&out.stdout).contains("收入总计"));
    // `budget config` says the same and fails.
    let out = budget(&dir).arg("config").output().expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("config.ron:3:"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_printed_default_parses_back_to_the_defaults() {
    let dir = temp_dir("default");
    let out = budget(&dir)
        .args(["config", "--print-default"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).expect("UTF-8");
    assert!(text.contains("// "), "commented");
    assert_eq!(config::parse(&text, Path::new("-")), Ok(Config::default()));
    // Every setting is named in it.
    for field in [
        "lang",
        "theme",
        "data",
        "copy_separators",
        "export_dir",
        "keys",
    ] {
        assert!(text.contains(&format!("    {field}: ")), "{field}");
    }
}

#[test]
fn the_file_sets_language_and_theme_and_flags_win() {
    let dir = temp_dir("lang");
    let file = dir.join("budget").join("config.ron");
    std::fs::create_dir_all(file.parent().expect("dir")).expect("mkdir");
    std::fs::write(&file, "(lang: en, theme: monochrome)").expect("write");
    let (config, error) = config::load_from(&file);
    assert_eq!(error, None);
    assert_eq!((config.lang, config.theme), (Lang::En, Theme::Monochrome));
    assert!(config.monochrome(false));
    let lookup = |extra: &[&str]| {
        let out = budget(&dir)
            .args(["lookup", "2010301"])
            .args(extra)
            .output()
            .expect("runs");
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    assert!(lookup(&[]).starts_with("department"), "the file's English");
    assert!(
        lookup(&["--lang", "zh"]).starts_with("部门"),
        "the flag wins"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("budget-config-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("mkdir");
    dir
}

/// `budget` with `xdg` as its configuration home and no cache.
fn budget(xdg: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_budget"));
    command
        .env("XDG_CONFIG_HOME", xdg)
        .env_remove("NO_COLOR")
        .arg("--no-cache");
    command
}

#[test]
fn configured_data_and_export_directory_are_used_when_no_flag_names_them() {
    let dir = temp_dir("data");
    let data = dir.join("mine.ron");
    std::fs::copy("data/xingtai-gov-office-2025.ron", &data).expect("copy");
    let exports = dir.join("exports");
    let file = dir.join("budget").join("config.ron");
    std::fs::create_dir_all(file.parent().expect("dir")).expect("mkdir");
    std::fs::write(
        &file,
        format!(
            "(data: [{:?}], export_dir: Some({:?}))",
            data.display().to_string(),
            exports.display().to_string()
        ),
    )
    .expect("write");
    let out = budget(&dir).arg("export").output().expect("runs");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // The configured document, named by its own file, in the configured place.
    assert!(exports.join("mine").is_dir());
    assert!(exports.join("figures.csv").is_file());
    // -o wins over the file.
    let other = dir.join("other");
    let out = budget(&dir)
        .args(["export", "--format", "json", "-o"])
        .arg(&other)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0));
    assert!(other.join("budget.json").is_file());
    let _ = std::fs::remove_dir_all(&dir);
}
