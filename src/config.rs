//! The configuration file: `$XDG_CONFIG_HOME/budget/config.ron`, else
//! `~/.config/budget/config.ron`. Every field may be left out; command-line
//! flags win over the file. A file that cannot be read or parsed is named
//! with its line and column and the defaults are used instead: a typo in a
//! setting never keeps the app from starting.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::i18n::Lang;
use crate::keymap::{Keymap, Override};

/// The colours the app draws with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Theme {
    /// Named ANSI colours (the terminal's palette decides the shade).
    #[default]
    Color,
    /// No colour: emphasis by bold, reverse video and underline (what
    /// NO_COLOR selects too).
    Monochrome,
}

/// Everything a configuration file can set.
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// Interface language (`--lang` wins).
    pub lang: Lang,
    pub theme: Theme,
    /// What `budget` opens when no PATH is given; empty: the bundled data.
    pub data: Vec<PathBuf>,
    /// Whether `y` copies a figure with thousands separators (`3,264.56`)
    /// rather than as a plain decimal (`3264.56`).
    pub copy_separators: bool,
    /// Where `x` in the app and `budget export` without `-o` write; the
    /// working directory when `None`.
    pub export_dir: Option<PathBuf>,
    /// Key overrides, each patching only the action it names.
    pub keys: Vec<Override>,
}

/// What `budget config --print-default` prints: every setting at its
/// default, with what it means. Parses back to `Config::default()`.
pub const DEFAULT_TEXT: &str = r#"// budget configuration: $XDG_CONFIG_HOME/budget/config.ron, else
// ~/.config/budget/config.ron. Every field may be left out; command-line
// flags (--lang, a PATH, -o) win over this file.
(
    // Interface language: zh or en.
    lang: zh,
    // color, or monochrome (bold and reverse video only; NO_COLOR selects
    // it too).
    theme: color,
    // What `budget` opens when no PATH is given: files (PDF, .ron, .txt) or
    // directories, e.g. ["~/budgets/2025"]. Empty: the bundled example.
    data: [],
    // true: `y` copies figures with thousands separators (3,264.56);
    // false: as plain decimals (3264.56), which every spreadsheet reads.
    copy_separators: false,
    // Where `x` in the app and `budget export` without -o write, e.g.
    // Some("/home/me/exports"). None: the working directory.
    export_dir: None,
    // Key overrides. Each replaces the keys of the action it names, in every
    // context that binds it (or only in `context`); a key it takes is freed
    // from other actions there; every other key stays as it is, and the `?`
    // help shows the keys in force. Actions: quit, toggle_help, next_tab,
    // prev_tab, go_tab(tables), up, down, page_up, page_down, top, bottom,
    // drill_in, drill_out, toggle_scheme, open, back, toggle_mark, compare,
    // cycle_sort, start_filter, prev_table, next_table, jump, copy_figure,
    // copy_row, export, open_search, next_hit, prev_hit, go_back, …
    // Contexts: global, summary, drill, projects, checks, tables,
    // departments. Keys: one character ("t"), Ctrl- and a character
    // ("Ctrl-n"), or a name: Enter, Esc, Tab, Shift-Tab, Space, Backspace,
    // Up, Down, Left, Right, PgUp, PgDn, Home, End, F1–F12. For example:
    //   keys: [
    //       (action: next_tab, keys: ["t"]),
    //       (action: export, keys: ["E"], context: Some(tables)),
    //   ],
    keys: [],
)
"#;

/// A configuration file that could not be used, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub path: PathBuf,
    /// 1-based line and column of the problem; `None` when the file could
    /// not be read at all, or the problem is no one place in it.
    pub position: Option<(usize, usize)>,
    pub message: String,
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.position {
            Some((line, column)) => write!(
                f,
                "{}:{line}:{column}: {}",
                self.path.display(),
                self.message
            ),
            None => write!(f, "{}: {}", self.path.display(), self.message),
        }
    }
}

/// Where the configuration file is: `$XDG_CONFIG_HOME/budget/config.ron`
/// (an absolute XDG_CONFIG_HOME only, as the XDG spec says), else
/// `$HOME/.config/budget/config.ron`; `None` without either.
pub fn path() -> Option<PathBuf> {
    let base = std::env::var_os("XDG_CONFIG_HOME")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .or_else(|| {
            std::env::var_os("HOME")
                .filter(|h| !h.is_empty())
                .map(|h| PathBuf::from(h).join(".config"))
        })?;
    Some(base.join("budget").join("config.ron"))
}

/// Parses a configuration's text; `path` names it in the error.
pub fn parse(text: &str, path: &Path) -> Result<Config, ConfigError> {
    let config: Config = ron::from_str(text).map_err(|e| ConfigError {
        path: path.to_path_buf(),
        position: Some((e.span.start.line, e.span.start.col)),
        message: e.code.to_string(),
    })?;
    // An override that cannot apply is an error too, reported now rather
    // than as a key that silently does nothing.
    Keymap::default()
        .with_overrides(&config.keys)
        .map_err(|message| ConfigError {
            path: path.to_path_buf(),
            position: None,
            message,
        })?;
    Ok(config)
}

/// The configuration in force: the file's, the defaults when there is no
/// file, and the defaults with the reason when the file is broken.
pub fn load() -> (Config, Option<ConfigError>) {
    match path() {
        Some(path) => load_from(&path),
        None => (Config::default(), None),
    }
}

/// [`load`] from a given file.
pub fn load_from(path: &Path) -> (Config, Option<ConfigError>) {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return (Config::default(), None),
        Err(e) => {
            let error = ConfigError {
                path: path.to_path_buf(),
                position: None,
                message: format!("cannot read: {e}"),
            };
            return (Config::default(), Some(error));
        }
    };
    match parse(&text, path) {
        Ok(config) => (
            config.with_home(std::env::var_os("HOME").map(PathBuf::from)),
            None,
        ),
        Err(e) => (Config::default(), Some(e)),
    }
}

/// `~/x` as `home/x` (a shell would expand it; a file is read by no shell).
fn expand_home(path: PathBuf, home: Option<&Path>) -> PathBuf {
    match (path.strip_prefix("~"), home) {
        (Ok(rest), Some(home)) => home.join(rest),
        _ => path,
    }
}

impl Config {
    /// The paths of the file with a leading `~` read as `home`.
    pub fn with_home(mut self, home: Option<PathBuf>) -> Config {
        let home = home.as_deref();
        self.data = self
            .data
            .into_iter()
            .map(|p| expand_home(p, home))
            .collect();
        self.export_dir = self.export_dir.map(|p| expand_home(p, home));
        self
    }

    /// The key table in force: the defaults patched by the overrides
    /// ([`parse`] checked that they apply).
    pub fn keymap(&self) -> Keymap {
        let defaults = Keymap::default();
        defaults.with_overrides(&self.keys).unwrap_or(defaults)
    }

    /// Whether the app draws without colour: the file asks, or NO_COLOR.
    pub fn monochrome(&self, no_color: bool) -> bool {
        no_color || self.theme == Theme::Monochrome
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_text_parses_to_the_defaults() {
        let parsed = parse(DEFAULT_TEXT, Path::new("default.ron"));
        assert_eq!(parsed, Ok(Config::default()));
    }

    #[test]
    fn a_leading_tilde_is_the_home_directory() {
        let config = parse(
            "(data: [\"~/budgets\", \"/srv/b\"], export_dir: Some(\"~\"))",
            Path::new("c.ron"),
        )
        .map(|c| c.with_home(Some(PathBuf::from("/home/li"))));
        let config = config.unwrap_or_default();
        assert_eq!(
            config.data,
            [PathBuf::from("/home/li/budgets"), PathBuf::from("/srv/b")]
        );
        assert_eq!(config.export_dir, Some(PathBuf::from("/home/li")));
    }

    #[test]
    fn a_broken_file_names_line_and_column() {
        let text = "(\n    lang: en,\n    theme: sepia,\n)\n";
        let error = parse(text, Path::new("c.ron")).expect_err("sepia is no theme");
        assert_eq!(error.position.map(|p| p.0), Some(3));
        let shown = error.to_string();
        assert!(shown.starts_with("c.ron:3:"), "{shown}");
        assert!(shown.contains("sepia"), "{shown}");
    }
}
