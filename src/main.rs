//! `budget`: the app with no argument, answers from the shell with a
//! subcommand. Exit codes: 0 fine, 1 a finding or no match, 2 bad input.

mod output;
mod terminal;

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use budget_tui::app::App;
use budget_tui::i18n::Lang;
use budget_tui::model::Disclosure;

/// Explore and check department budget disclosures (部门预算公开).
#[derive(Parser)]
#[command(name = "budget", version)]
struct Cli {
    /// A disclosure to open: `.ron`, or a disclosure `.txt` imported on the
    /// fly. Without it, the bundled data.
    path: Option<PathBuf>,
    /// Interface language: zh (default) or en.
    #[arg(long, global = true, default_value = "zh", value_parser = parse_lang)]
    lang: Lang,
    #[command(subcommand)]
    command: Option<Command>,
}

fn parse_lang(text: &str) -> Result<Lang, String> {
    Lang::parse(text).ok_or_else(|| format!("unknown language `{text}` (expected zh or en)"))
}

#[derive(Subcommand)]
enum Command {
    /// Import a disclosure text file and print its model as RON (or JSON).
    Import {
        /// The disclosure as text (tab-separated tables).
        file: PathBuf,
        /// Write to this file instead of standard output.
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Print JSON instead of RON.
        #[arg(long)]
        json: bool,
        /// For a PDF: list every page and what it became (table, card,
        /// narrative, cover, contents, unrecognised) instead of the model.
        #[arg(long)]
        report: bool,
    },
    /// Look up a code, a name, a project or an indicator (pinyin initials and
    /// full pinyin work too: `xzyx`, `xingzhengyunxing`) and print the best
    /// matches with their figures.
    Lookup {
        /// What to look for: `2010301`, `3023`, `行政运行`, `gwyc`.
        query: String,
        /// Disclosures to search (.ron or .txt); the bundled one if none.
        paths: Vec<PathBuf>,
        /// Print a JSON array instead of a table.
        #[arg(long)]
        json: bool,
        /// At most this many matches (1 or more).
        #[arg(long, default_value_t = 20, value_parser = clap::value_parser!(u32).range(1..))]
        limit: u32,
    },
    /// Render each tab of the app on the bundled data into DIR as SVG (and
    /// the same screen as text): the pictures in the README.
    Screenshots {
        /// Where to write them.
        #[arg(default_value = "screenshots")]
        dir: PathBuf,
    },
    /// Check disclosures for consistency (勾稽关系) and list the findings.
    Check {
        /// Disclosures to check (text or RON); the bundled one when none.
        paths: Vec<PathBuf>,
        /// Print JSON instead of text (the same as `--format json`).
        #[arg(long)]
        json: bool,
        /// Output format: text, json, md (a 审核意见 to send back) or csv
        /// (one finding per row).
        #[arg(long, value_parser = parse_format)]
        format: Option<budget_tui::check::report::Format>,
    },
}

fn parse_format(text: &str) -> Result<budget_tui::check::report::Format, String> {
    budget_tui::check::report::Format::parse(text)
        .ok_or_else(|| format!("unknown format `{text}` (expected text, json, md or csv)"))
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Some(Command::Import {
            file,
            output,
            json,
            report,
        }) => {
            let done = if report {
                report_command(&file, json)
            } else {
                import_command(&file, output.as_deref(), json)
            };
            match done {
                Ok(()) => ExitCode::SUCCESS,
                Err(message) => {
                    output::error(&message);
                    ExitCode::from(2)
                }
            }
        }
        Some(Command::Lookup {
            query,
            paths,
            json,
            limit,
        }) => lookup(&query, &paths, json, limit as usize),
        Some(Command::Check {
            paths,
            json,
            format,
        }) => {
            let format = match (format, json) {
                (Some(f), _) => f,
                (None, true) => budget_tui::check::report::Format::Json,
                (None, false) => budget_tui::check::report::Format::Text,
            };
            check(paths, format, cli.lang)
        }
        Some(Command::Screenshots { dir }) => screenshots(&dir, cli.lang),
        None => open(cli.path.as_deref(), cli.lang),
    }
}

/// `budget screenshots [DIR]`: the README's pictures, from the real app.
fn screenshots(dir: &Path, lang: Lang) -> ExitCode {
    let doc = match budget_tui::bundled::disclosure() {
        Ok(doc) => doc,
        Err(e) => {
            output::error(&e.to_string());
            return ExitCode::from(2);
        }
    };
    match budget_tui::screenshots::write_all(dir, || App::new(doc.clone(), lang)) {
        Ok(written) => {
            let listed: String = written.iter().map(|path| format!("{path}\n")).collect();
            output::finish(output::emit(&listed), ExitCode::SUCCESS)
        }
        Err(e) => {
            output::error(&format!("{}: {e}", dir.display()));
            ExitCode::FAILURE
        }
    }
}

/// Loads the disclosure to show: the file named, or the bundled data.
fn load(path: Option<&Path>) -> Result<Disclosure, String> {
    match path {
        Some(path) => budget_tui::import::load_path(path).map_err(|e| e.to_string()),
        None => budget_tui::bundled::disclosure().map_err(|e| e.to_string()),
    }
}

/// No subcommand: the app, or the summary as text when output is not a
/// terminal (`budget | less`, a script).
fn open(path: Option<&Path>, lang: Lang) -> ExitCode {
    let doc = match load(path) {
        Ok(doc) => doc,
        Err(e) => {
            output::error(&e);
            return ExitCode::from(2);
        }
    };
    let mut app = App::new(doc, lang);
    if !std::io::stdout().is_terminal() {
        let text = budget_tui::ui::summary::plain_text(&app, 100);
        return output::finish(output::emit(&text), ExitCode::SUCCESS);
    }
    app.monochrome = budget_tui::ui::theme::no_color_requested();
    match terminal::run(app) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            output::error(&format!("terminal: {e}"));
            ExitCode::FAILURE
        }
    }
}

/// The disclosures a shell command works on: each PATH, or the bundled
/// one when there is none, with the name to report them by. An input that
/// cannot be read is reported (`file:line: message`) and gives exit 2.
fn load_inputs(paths: &[PathBuf]) -> Result<Vec<(String, Disclosure)>, ExitCode> {
    let fail = |e: budget_tui::import::ImportError| {
        output::error(&e.to_string());
        ExitCode::from(2)
    };
    if paths.is_empty() {
        let doc = budget_tui::bundled::disclosure().map_err(fail)?;
        return Ok(vec![(budget_tui::bundled::PATH.to_string(), doc)]);
    }
    paths
        .iter()
        .map(|path| {
            let doc = budget_tui::import::load_path(path).map_err(fail)?;
            Ok((path.display().to_string(), doc))
        })
        .collect()
}

/// `budget check`: exit 0 without error findings, 1 with one, 2 when an
/// input cannot be read (the importer's `file:line: message`).
fn check(paths: Vec<PathBuf>, format: budget_tui::check::report::Format, lang: Lang) -> ExitCode {
    use budget_tui::check::{self, report};
    let loaded = match load_inputs(&paths) {
        Ok(loaded) => loaded,
        Err(code) => return code,
    };
    let mut reports: Vec<_> = loaded.iter().map(|(_, doc)| check::run(doc)).collect();
    // A reviewer's sidecar beside each named document marks its findings.
    if !paths.is_empty() {
        for ((file, doc), report) in loaded.iter().zip(reports.iter_mut()) {
            match check::review::load(Path::new(file)) {
                Ok(Some(reviews)) => {
                    for stale in check::review::apply(report, doc, &reviews) {
                        output::note(&format!(
                            "{}: no finding of {} at {}",
                            check::review::sidecar_path(Path::new(file)).display(),
                            stale.rule,
                            stale.location.as_deref().unwrap_or("-")
                        ));
                    }
                }
                Ok(None) => {}
                Err(e) => {
                    output::error(&e);
                    return ExitCode::from(2);
                }
            }
        }
    }
    let several = loaded.len() > 1;
    let checked: Vec<report::Checked> = loaded
        .iter()
        .zip(&reports)
        .map(|((file, doc), report)| report::Checked {
            file: several.then_some(file.as_str()),
            doc,
            report,
        })
        .collect();
    let code = if reports.iter().any(check::Report::has_open_errors) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    };
    let written = output::emit(&report::render(&checked, format, lang));
    // A reader that stops early (`| head -1`) keeps the exit 1.
    output::finish(written, code)
}

/// `budget import FILE [-o OUT] [--json]`: the model as RON (or JSON) on
/// standard output or in OUT. Source data is never overwritten.
fn import_command(file: &Path, output: Option<&Path>, json: bool) -> Result<(), String> {
    if let Some(out) = output {
        if output::same_file(file, out) {
            return Err(format!(
                "{}: refusing to write the output over the input file",
                out.display()
            ));
        }
    }
    let doc = budget_tui::import::load_path(file).map_err(|e| e.to_string())?;
    let text = if json {
        let mut text = serde_json::to_string_pretty(&doc)
            .map_err(|e| format!("{}: cannot write JSON: {e}", file.display()))?;
        text.push('\n');
        text
    } else {
        budget_tui::import::to_ron(&doc)
    };
    match output {
        Some(out) => output::write_atomic(out, text.as_bytes())
            .map_err(|e| format!("{}: cannot write: {e}", out.display())),
        None => match output::emit(&text) {
            Ok(()) | Err(output::Stdout::Closed) => Ok(()),
            Err(output::Stdout::Failed(e)) => Err(format!("cannot write to standard output: {e}")),
        },
    }
}

/// `budget import FILE.pdf --report [--json]`: one line per page, `p. N`,
/// what it became and its first line (or a JSON array of the same).
fn report_command(file: &Path, json: bool) -> Result<(), String> {
    let (_, report) = budget_tui::import::load_with_report(file).map_err(|e| e.to_string())?;
    let Some(pages) = report else {
        return Err(format!(
            "{}: --report lists the pages of a PDF; this input is not a PDF",
            file.display()
        ));
    };
    let text = if json {
        let mut text = serde_json::to_string_pretty(&pages)
            .map_err(|e| format!("{}: cannot write JSON: {e}", file.display()))?;
        text.push('\n');
        text
    } else {
        pages
            .iter()
            .map(|p| format!("p. {:<3} {}  | {}\n", p.page, p.became, p.first_line))
            .collect()
    };
    match output::emit(&text) {
        Ok(()) | Err(output::Stdout::Closed) => Ok(()),
        Err(output::Stdout::Failed(e)) => Err(format!("cannot write to standard output: {e}")),
    }
}

/// `budget lookup`: exit 0 with a match, 1 with none, 2 when an input
/// cannot be read.
fn lookup(query: &str, paths: &[PathBuf], json: bool, limit: usize) -> ExitCode {
    use budget_tui::search::{lookup, SearchIndex};
    let disclosures: Vec<Disclosure> = match load_inputs(paths) {
        Ok(loaded) => loaded.into_iter().map(|(_, doc)| doc).collect(),
        Err(code) => return code,
    };
    let index = SearchIndex::build(&disclosures);
    let rows = lookup::lookup(&index, query, limit);
    if rows.is_empty() {
        output::note(&format!("no match for `{query}`"));
        return ExitCode::from(1);
    }
    let text = if json {
        match lookup::to_json(&rows) {
            Ok(text) => format!("{text}\n"),
            Err(e) => {
                output::error(&e.to_string());
                return ExitCode::from(2);
            }
        }
    } else {
        lookup::format_table(&rows)
    };
    output::finish(output::emit(&text), ExitCode::SUCCESS)
}
