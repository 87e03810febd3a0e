//! `budget`: the app with no argument, answers from the shell with a
//! subcommand. Exit codes: 0 fine, 1 a finding or no match, 2 bad input.

mod output;
mod terminal;

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand};

use budget_tui::app::App;
use budget_tui::cache::Cache;
use budget_tui::i18n::{colon, t, Lang, Msg};
use budget_tui::load;
use budget_tui::model::Disclosure;

/// What every exit code means, printed under `--help`.
const EXIT_CODES: &str = "\
Exit codes:
  0  done: the app quit normally; check found no error; lookup found a match; import, export,
     screenshots, gen-corpus, completions and man wrote their output; config printed the default
     or found the configuration file usable (or absent)
  1  check found an error finding; lookup found no match; screenshots could not write DIR;
     gen-corpus could not write OUT_DIR; export could not write DIR; man -o could not write DIR
  2  no input could be read (each unreadable file is named on standard error, file:line: what
     was expected; when some inputs load, the run goes on without the others), bad arguments,
     an export the input has nothing for (an FDP needs a classified table), a configuration file
     that cannot be used (from `budget config`; every other command names it on standard error,
     file:line:column, and goes on with the defaults), or standard output could not be written
  128+N  the app was ended by signal N (129 a hang-up, 143 SIGTERM)";

/// Explore and check department budget disclosures (部门预算公开).
#[derive(Parser)]
#[command(name = "budget", version, after_help = EXIT_CODES)]
struct Cli {
    /// Disclosures to open: PDF, `.ron` or disclosure `.txt` files, and
    /// directories searched recursively for them. Without any, the bundled
    /// data. The app shows the first that can be read.
    paths: Vec<PathBuf>,
    /// Interface language: zh (the default) or en; wins over the
    /// configuration file's `lang`.
    #[arg(long, global = true, value_parser = parse_lang)]
    lang: Option<Lang>,
    /// Import every file again, neither reading nor writing the cache
    /// ($XDG_CACHE_HOME/budget, or ~/.cache/budget).
    #[arg(long, global = true)]
    no_cache: bool,
    #[command(subcommand)]
    command: Option<Command>,
}

fn parse_lang(text: &str) -> Result<Lang, String> {
    Lang::parse(text).ok_or_else(|| format!("unknown language `{text}` (expected zh or en)"))
}

#[derive(Subcommand)]
enum Command {
    /// Import a disclosure text file and print its model as RON (or JSON).
    #[command(
        after_help = "Exit codes: 0 written; 2 bad input (file:line: what was expected) or OUT cannot be written"
    )]
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
    /// Look up a code, a name, a project, an indicator, a headline figure
    /// (`项目支出`, `xmzc`) or a printed figure (`2349.56`) and print the best
    /// matches with their figures.
    #[command(
        after_help = "Exit codes: 0 a match; 1 no match; 2 no input could be read \
(unreadable inputs are named on standard error and skipped when others load)"
    )]
    Lookup {
        /// What to look for: `2010301`, `3023`, `行政运行`, `gwyc`, `项目支出`,
        /// `2349.56`; with --sum, a classification code.
        query: String,
        /// Disclosures to search (PDF, .ron, .txt, or directories of them);
        /// the bundled one if none.
        paths: Vec<PathBuf>,
        /// Print a JSON array instead of a table (with --sum, an object).
        #[arg(long)]
        json: bool,
        /// At most this many matches; 0 for all.
        #[arg(long, default_value_t = 20)]
        limit: usize,
        /// Print every column of a matched table row, not only its 合计.
        #[arg(long)]
        all_columns: bool,
        /// Total the code QUERY across the disclosures, by year, with the
        /// number of departments (元 and 万元 converted exactly).
        #[arg(long)]
        sum: bool,
    },
    /// Render each tab of the app on the bundled data into DIR as SVG (and
    /// the same screen as text): the pictures in the README.
    #[command(after_help = "Exit codes: 0 written; 1 DIR cannot be written")]
    Screenshots {
        /// Where to write them.
        #[arg(default_value = "screenshots")]
        dir: PathBuf,
    },
    /// Check disclosures for consistency (勾稽关系) and list the findings.
    #[command(
        after_help = "Exit codes: 0 no error finding; 1 an error finding; 2 no input could \
be read (unreadable inputs are named on standard error and skipped when others load)"
    )]
    Check {
        /// Disclosures to check (PDF, text, RON, or directories of them);
        /// the bundled one when none.
        paths: Vec<PathBuf>,
        /// Print JSON instead of text (the same as `--format json`).
        #[arg(long)]
        json: bool,
        /// Output format: text, json, md (a 审核意见 to send back) or csv
        /// (one finding per row).
        #[arg(long, value_parser = parse_format)]
        format: Option<budget_tui::check::report::Format>,
    },
    /// Export disclosures for other programs: CSV (each table as published,
    /// every figure in one long file, the cards' indicators, the findings),
    /// the model as JSON, or an Open Fiscal Data Package.
    #[command(
        after_help = "Exit codes: 0 written; 1 DIR cannot be written; 2 no input could be read \
or the input has nothing the format holds (an FDP needs a classified table)"
    )]
    Export {
        /// Disclosures to export (PDF, text, RON, or directories of them);
        /// the bundled one when none.
        paths: Vec<PathBuf>,
        /// csv, json or fdp (datapackage.json and CSV).
        #[arg(long, default_value = "csv", value_parser = parse_export_format)]
        format: budget_tui::export::Format,
        /// Where to write the files (created if missing); the configured
        /// export directory, else the working directory, when not given.
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Start each CSV with a byte-order mark so Excel reads its Chinese.
        #[arg(long)]
        excel: bool,
    },
    /// The configuration file ($XDG_CONFIG_HOME/budget/config.ron, else
    /// ~/.config/budget/config.ron): without a flag, says where it is and
    /// whether it can be used.
    #[command(
        after_help = "Exit codes: 0 printed, or the file is usable (or absent); \
2 the file cannot be used (file:line:column: what was expected)"
    )]
    Config {
        /// Print a configuration with every setting at its default and
        /// what it means.
        #[arg(long)]
        print_default: bool,
    },
    /// Print a completion script for a shell: `budget completions bash >
    /// ~/.local/share/bash-completion/completions/budget`.
    #[command(after_help = "Exit codes: 0 printed; 2 an unknown shell")]
    Completions {
        /// bash, zsh or fish (also elvish, powershell).
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff), generated from these definitions:
    /// `budget man | man -l -`; with -o, write budget.1 and one page per
    /// subcommand (budget-export.1, …) into DIR.
    #[command(after_help = "Exit codes: 0 printed or written; 1 DIR cannot be written")]
    Man {
        /// Write the pages into this directory instead of printing one.
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// Write a corpus of generated disclosures in the seed's text form:
    /// real classification codes, sums that reconcile, 1–30 cards, some
    /// with 事业收入, 上年结转 or sub-units, a second year for some.
    #[command(after_help = "Exit codes: 0 written; 1 OUT_DIR cannot be written")]
    GenCorpus {
        /// How many departments.
        #[arg(long, default_value_t = 100)]
        departments: usize,
        /// The same seed writes the same files.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Where to write `dept-NNNN-YYYY.txt` files (created if missing).
        out_dir: PathBuf,
    },
}

fn parse_format(text: &str) -> Result<budget_tui::check::report::Format, String> {
    budget_tui::check::report::Format::parse(text)
        .ok_or_else(|| format!("unknown format `{text}` (expected text, json, md or csv)"))
}

fn parse_export_format(text: &str) -> Result<budget_tui::export::Format, String> {
    budget_tui::export::Format::parse(text)
        .ok_or_else(|| format!("unknown format `{text}` (expected csv, json or fdp)"))
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let cache = !cli.no_cache;
    let (config, config_problem) = budget_tui::config::load();
    // Flags win over the file; the file over the built-in defaults.
    let lang = cli.lang.unwrap_or(config.lang);
    output::set_lang(lang);
    // `budget config` reports the problem itself.
    if !matches!(cli.command, Some(Command::Config { .. })) {
        if let Some(problem) = &config_problem {
            output::error(&format!(
                "{}{}{problem}",
                t(lang, Msg::ConfigBroken),
                colon(lang)
            ));
        }
    }
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
            all_columns,
            sum,
        }) => {
            let options = LookupArgs {
                json,
                limit,
                all_columns,
                sum,
                lang,
            };
            lookup(&query, &or_configured(paths, &config), cache, &options)
        }
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
            check(or_configured(paths, &config), format, lang, cache)
        }
        Some(Command::Screenshots { dir }) => screenshots(&dir, lang),
        Some(Command::Export {
            paths,
            format,
            output,
            excel,
        }) => {
            let options = budget_tui::export::Options {
                format,
                excel,
                lang,
            };
            let dir = output
                .or_else(|| config.export_dir.clone())
                .unwrap_or_else(|| PathBuf::from("."));
            export(&or_configured(paths, &config), &dir, options, cache)
        }
        Some(Command::Config { print_default }) => config_command(print_default, config_problem),
        Some(Command::Completions { shell }) => {
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "budget", &mut script);
            output::finish(
                output::emit(&String::from_utf8_lossy(&script)),
                ExitCode::SUCCESS,
            )
        }
        Some(Command::Man { output }) => man(output.as_deref()),
        Some(Command::GenCorpus {
            departments,
            seed,
            out_dir,
        }) => gen_corpus(departments, seed, &out_dir),
        None => open(&or_configured(cli.paths, &config), lang, cache, &config),
    }
}

/// The PATHs given, else the configuration's `data` (else none: the
/// bundled example).
fn or_configured(paths: Vec<PathBuf>, config: &budget_tui::config::Config) -> Vec<PathBuf> {
    if paths.is_empty() {
        config.data.clone()
    } else {
        paths
    }
}

/// `budget screenshots [DIR]`: the README's pictures, from the real app.
fn screenshots(dir: &Path, lang: Lang) -> ExitCode {
    let doc = match budget_tui::bundled::disclosure() {
        Ok(doc) => doc,
        Err(e) => {
            output::error(&e.render(lang));
            return ExitCode::from(2);
        }
    };
    let fresh_library = || budget_tui::screenshots::library_app(lang);
    match budget_tui::screenshots::write_all(dir, || App::new(doc.clone(), lang), fresh_library) {
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

/// No subcommand: the app, or the summary as text when output is not a
/// terminal (`budget | less`, a script; of the first document). Several
/// inputs open on the Departments tab.
fn open(
    paths: &[PathBuf],
    lang: Lang,
    cache: bool,
    config: &budget_tui::config::Config,
) -> ExitCode {
    // Several documents open on the Departments tab; `Enter` opens one.
    // Their lines come from the cache: a model is read when it is opened.
    let app = if paths.is_empty() {
        load_inputs(paths, cache).and_then(|docs| App::with_documents(docs, lang))
    } else {
        let (lines, _) = load::load_lines(paths, &load_options(cache, false));
        loaded_any(paths, &lines.problems, !lines.lines.is_empty(), true)
            .then(|| App::with_lines(lines, lang))
            .flatten()
    };
    let Some(mut app) = app else {
        return ExitCode::from(2);
    };
    // `x` never writes over an input: the paths given and every loaded file.
    let loaded_files = app
        .library
        .iter()
        .flat_map(|l| l.lines.iter().map(|line| PathBuf::from(&line.source)));
    let settings = terminal::Settings {
        export_dir: config.export_dir.clone(),
        inputs: paths.iter().cloned().chain(loaded_files).collect(),
        copy_separators: config.copy_separators,
    };
    if !std::io::stdout().is_terminal() {
        let text = match &app.library {
            // Several documents: the Departments list, every line of it.
            Some(library) => {
                let rows = u16::try_from(library.lines.len() + 5).unwrap_or(u16::MAX);
                let buf = budget_tui::screenshots::render(&app, 140, rows);
                budget_tui::ui::buffer_text(&buf)
            }
            None => budget_tui::ui::summary::plain_text(&app.analysis, lang, 100),
        };
        return output::finish(output::emit(&text), ExitCode::SUCCESS);
    }
    app.monochrome = config.monochrome(budget_tui::ui::theme::no_color_requested());
    app.keymap = config.keymap();
    match terminal::run(app, &settings) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            output::error(&format!("{}{e}", t(lang, Msg::TerminalFailed)));
            ExitCode::FAILURE
        }
    }
}

/// The disclosures a command works on, with the name to report them by:
/// every file named or found under a named directory, or the bundled one
/// when no path is given. Each input that cannot be read is reported on
/// standard error (`file:line: message`) and skipped; `None` (exit 2) only
/// when nothing could be read.
fn load_inputs(paths: &[PathBuf], cache: bool) -> Option<Vec<(String, Disclosure)>> {
    load_inputs_as(paths, cache, false, true)
}

/// [`load_inputs`], with only the tables and card heads when `tables_only`
/// (see [`budget_tui::cache::tables_only`]); problems are printed only when
/// `report` (a second load of the same paths says nothing new).
fn load_inputs_as(
    paths: &[PathBuf],
    cache: bool,
    tables_only: bool,
    report: bool,
) -> Option<Vec<(String, Disclosure)>> {
    if paths.is_empty() {
        return match budget_tui::bundled::disclosure() {
            Ok(doc) => Some(vec![(budget_tui::bundled::PATH.to_string(), doc)]),
            Err(e) => {
                output::error(&e.render(output::lang()));
                None
            }
        };
    }
    let options = load_options(cache, tables_only);
    let (loaded, _) = load::load_inputs_with(paths, &options);
    if !loaded_any(paths, &loaded.problems, !loaded.docs.is_empty(), report) {
        return None;
    }
    Some(
        loaded
            .docs
            .into_iter()
            .map(|(path, doc)| (path.display().to_string(), doc))
            .collect(),
    )
}

/// Prints each input that could not be read (when `report`) and, when
/// nothing loaded without any such error, that no disclosure was found;
/// returns `loaded`.
fn loaded_any(
    paths: &[PathBuf],
    problems: &[(PathBuf, budget_tui::import::ImportError)],
    loaded: bool,
    report: bool,
) -> bool {
    for (_, problem) in problems.iter().filter(|_| report) {
        output::error(&problem.render(output::lang()));
    }
    if !loaded && problems.is_empty() {
        let listed: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
        output::error(&format!(
            "{}{}",
            t(output::lang(), Msg::NoDisclosureFound),
            listed.join(", ")
        ));
    }
    loaded
}

/// How inputs load: through the cache unless `--no-cache`, on every core.
fn load_options(cache: bool, tables_only: bool) -> load::Options {
    load::Options {
        cache: if cache {
            Cache::default_location()
        } else {
            None
        },
        threads: 0,
        tables_only,
        count_errors: false,
    }
}

/// `budget check`: exit 0 without open error findings, 1 with one, 2 when
/// no input can be read. Unreadable inputs are named on standard error and,
/// in JSON, in `files` with their error.
fn check(
    paths: Vec<PathBuf>,
    format: budget_tui::check::report::Format,
    lang: Lang,
    cache: bool,
) -> ExitCode {
    use budget_tui::check::{self, report};
    let (loaded, problems) = if paths.is_empty() {
        match load_inputs(&paths, cache) {
            Some(loaded) => (loaded, Vec::new()),
            None => return ExitCode::from(2),
        }
    } else {
        let options = load_options(cache, false);
        let (loaded, _) = load::load_inputs_with(&paths, &options);
        if !loaded_any(&paths, &loaded.problems, !loaded.docs.is_empty(), true) {
            return ExitCode::from(2);
        }
        let docs = loaded
            .docs
            .into_iter()
            .map(|(path, doc)| (path.display().to_string(), doc))
            .collect();
        (docs, loaded.problems)
    };
    let mut reports: Vec<_> = loaded.iter().map(|(_, doc)| check::run(doc)).collect();
    // A reviewer's sidecar beside each named document marks its findings.
    if !paths.is_empty() {
        for ((file, doc), report) in loaded.iter().zip(reports.iter_mut()) {
            match check::review::load(Path::new(file)) {
                Ok(Some(reviews)) => {
                    for stale in check::review::apply(report, doc, &reviews) {
                        output::note(&format!(
                            "{}: {}{} {}",
                            check::review::sidecar_path(Path::new(file)).display(),
                            t(lang, Msg::NoFindingAt),
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
    let several = loaded.len() + problems.len() > 1;
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
    let written = if format == report::Format::Json {
        let mut value = report::json(&checked, lang);
        // One status per input, read or not, so a script sees every file.
        let files: Vec<serde_json::Value> = loaded
            .iter()
            .zip(&reports)
            .map(|((file, _), report)| {
                serde_json::json!({
                    "file": file,
                    "status": "ok",
                    "errors": report.all_findings()
                        .filter(|f| f.severity == check::Severity::Error).count(),
                })
            })
            .chain(problems.iter().map(|(path, error)| {
                serde_json::json!({
                    "file": path.display().to_string(),
                    "status": "unreadable",
                    "error": error.render(lang),
                })
            }))
            .collect();
        if let Some(map) = value.as_object_mut() {
            map.insert("files".into(), serde_json::Value::from(files));
        }
        output::emit(&format!("{value:#}\n"))
    } else {
        output::emit(&report::render(&checked, format, lang))
    };
    // A reader that stops early (`| head -1`) keeps the exit 1.
    output::finish(written, code)
}

/// `budget import FILE [-o OUT] [--json]`: the model as RON (or JSON) on
/// standard output or in OUT. Source data is never overwritten.
fn import_command(file: &Path, output: Option<&Path>, json: bool) -> Result<(), String> {
    let lang = output::lang();
    if let Some(out) = output {
        if output::same_file(file, out) {
            return Err(format!(
                "{}: {}",
                out.display(),
                t(lang, Msg::RefusingOverInput)
            ));
        }
    }
    let doc = budget_tui::import::load_path(file).map_err(|e| e.render(lang))?;
    let text = if json {
        let mut text = serde_json::to_string_pretty(&doc)
            .map_err(|e| format!("{}: {}{e}", file.display(), t(lang, Msg::CannotWriteJson)))?;
        text.push('\n');
        text
    } else {
        budget_tui::import::to_ron(&doc)
    };
    match output {
        Some(out) => output::write_atomic(out, text.as_bytes())
            .map_err(|e| format!("{}: {}{e}", out.display(), t(lang, Msg::CannotWrite))),
        None => emit_or_error(&text),
    }
}

/// `budget import FILE.pdf --report [--json]`: one line per page, `p. N`,
/// what it became and its first line (or a JSON array of the same).
fn report_command(file: &Path, json: bool) -> Result<(), String> {
    let lang = output::lang();
    let (_, report) = budget_tui::import::load_with_report(file).map_err(|e| e.render(lang))?;
    let Some(pages) = report else {
        return Err(format!(
            "{}: {}",
            file.display(),
            t(lang, Msg::ReportNeedsPdf)
        ));
    };
    let text = if json {
        let mut text = serde_json::to_string_pretty(&pages)
            .map_err(|e| format!("{}: {}{e}", file.display(), t(lang, Msg::CannotWriteJson)))?;
        text.push('\n');
        text
    } else {
        pages
            .iter()
            .map(|p| format!("p. {:<3} {}  | {}\n", p.page, p.became, p.first_line))
            .collect()
    };
    emit_or_error(&text)
}

/// Standard output for a command that reports its own errors: a closed
/// pipe is fine, any other failure is the error to report.
fn emit_or_error(text: &str) -> Result<(), String> {
    match output::emit(text) {
        Ok(()) | Err(output::Stdout::Closed) => Ok(()),
        Err(output::Stdout::Failed(e)) => {
            Err(format!("{}{e}", t(output::lang(), Msg::CannotWriteStdout)))
        }
    }
}

/// `budget lookup`'s flags.
struct LookupArgs {
    json: bool,
    limit: usize,
    all_columns: bool,
    sum: bool,
    lang: Lang,
}

/// `budget lookup`: exit 0 with a match, 1 with none, 2 when no input can
/// be read.
fn lookup(query: &str, paths: &[PathBuf], cache: bool, args: &LookupArgs) -> ExitCode {
    use budget_tui::search::{lookup, SearchIndex};
    // A code (`2010301`) and --sum read only tables and card codes: load
    // those alone (a prefix of each cache entry), and everything only if
    // the code turns out not to be one.
    let code_like = query.bytes().any(|b| b.is_ascii_digit())
        && query.trim().bytes().all(|b| b.is_ascii_alphanumeric());
    let light = args.sum || code_like;
    // A code carried exactly, every file in the cache: read the codes
    // section of each entry alone (see load::lookup_code).
    if code_like && !args.sum && !args.all_columns {
        if let Some(fast) = load::lookup_code(paths, &load_options(cache, true), query) {
            let names: Vec<String> = fast.files.iter().map(|p| p.display().to_string()).collect();
            let found = lookup::exact_code_rows(&fast.docs, fast.items, args.limit);
            return print_found(found, &names, args);
        }
    }
    let Some(loaded) = load_inputs_as(paths, cache, light, true) else {
        return ExitCode::from(2);
    };
    let several = loaded.len() > 1;
    let (names, docs): (Vec<String>, Vec<Disclosure>) = loaded.into_iter().unzip();
    let name_files = |rows: &mut [lookup::LookupRow]| {
        if several {
            for row in rows {
                row.file = names.get(row.doc).cloned();
            }
        }
    };
    if args.sum {
        let sum = match lookup::sum_code(&docs, query) {
            Ok(Some(sum)) => sum,
            Ok(None) => {
                output::note(&format!(
                    "{}`{query}`",
                    t(args.lang, Msg::NoDisclosurePrintsCode)
                ));
                return ExitCode::from(1);
            }
            Err(e) => {
                output::error(&e);
                return ExitCode::from(2);
            }
        };
        let mut sum = sum;
        name_files(&mut sum.rows);
        let text = if args.json {
            match serde_json::to_string_pretty(&sum) {
                Ok(text) => format!("{text}\n"),
                Err(e) => {
                    output::error(&e.to_string());
                    return ExitCode::from(2);
                }
            }
        } else {
            let mut text = lookup::format_table_in(&sum.rows, args.lang);
            text.push_str(&lookup::format_totals(&sum, args.lang));
            text
        };
        return output::finish(output::emit(&text), ExitCode::SUCCESS);
    }
    let options = lookup::Options {
        limit: args.limit,
        all_columns: args.all_columns,
    };
    // A code carried exactly needs no index (no pinyin of every name).
    let found = match lookup::lookup_exact_code(&docs, query, options) {
        Some(found) => found,
        None => {
            let docs = if light {
                // Names, cards and narrative are searched too: load them.
                match load_inputs_as(paths, cache, false, false) {
                    Some(loaded) => loaded.into_iter().map(|(_, doc)| doc).collect(),
                    None => return ExitCode::from(2),
                }
            } else {
                docs
            };
            let index = SearchIndex::build(&docs);
            lookup::lookup_in(&index, &docs, query, options)
        }
    };
    if found.rows.is_empty() {
        output::note(&format!("{}`{query}`", t(args.lang, Msg::NoMatchFor)));
        return ExitCode::from(1);
    }
    print_found(found, &names, args)
}

/// Prints the rows `lookup` found (each named by its file when there are
/// several files).
fn print_found(
    mut found: budget_tui::search::lookup::Found,
    names: &[String],
    args: &LookupArgs,
) -> ExitCode {
    use budget_tui::search::lookup;
    if names.len() > 1 {
        for row in &mut found.rows {
            row.file = names.get(row.doc).cloned();
        }
    }
    let text = if args.json {
        match lookup::to_json(&found.rows) {
            Ok(text) => format!("{text}\n"),
            Err(e) => {
                output::error(&e.to_string());
                return ExitCode::from(2);
            }
        }
    } else {
        lookup::format_table_in(&found.rows, args.lang)
    };
    // The cut is said on standard error, so the JSON stays one array and
    // the table stays a table for the next program in the pipe.
    if let Some(note) = lookup::cut_note(&found, args.lang) {
        output::note(&note);
    }
    output::finish(output::emit(&text), ExitCode::SUCCESS)
}

/// `budget export`: the files of `options.format` in `dir`, each written
/// whole or not at all and never over an input; their paths on standard
/// output.
fn export(
    paths: &[PathBuf],
    dir: &Path,
    options: budget_tui::export::Options,
    cache: bool,
) -> ExitCode {
    let Some(loaded) = load_inputs(paths, cache) else {
        return ExitCode::from(2);
    };
    let files = match budget_tui::export::files(&loaded, options) {
        Ok(files) => files,
        Err(e) => {
            output::error(&e);
            return ExitCode::from(2);
        }
    };
    let mut written = String::new();
    for file in &files {
        let target = dir.join(&file.path);
        if let Some((input, _)) = loaded
            .iter()
            .find(|(input, _)| output::same_file(Path::new(input), &target))
        {
            output::error(&format!(
                "{}: {} ({input})",
                target.display(),
                t(options.lang, Msg::RefusingOverInput)
            ));
            return ExitCode::FAILURE;
        }
        let done = match target.parent() {
            Some(parent) => std::fs::create_dir_all(parent),
            None => Ok(()),
        }
        .and_then(|()| output::write_atomic(&target, &file.bytes));
        if let Err(e) = done {
            output::error(&format!(
                "{}: {}{e}",
                target.display(),
                t(options.lang, Msg::CannotWrite)
            ));
            return ExitCode::FAILURE;
        }
        written.push_str(&format!("{}\n", target.display()));
    }
    output::finish(output::emit(&written), ExitCode::SUCCESS)
}

/// `budget man [-o DIR]`: the manual page on standard output, or every
/// page (one per subcommand too) written into DIR.
fn man(dir: Option<&Path>) -> ExitCode {
    let command = Cli::command();
    if let Some(dir) = dir {
        return match std::fs::create_dir_all(dir)
            .and_then(|()| clap_mangen::generate_to(command, dir))
        {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                output::error(&format!("{}: {e}", dir.display()));
                ExitCode::FAILURE
            }
        };
    }
    let mut page = Vec::new();
    if let Err(e) = clap_mangen::Man::new(command).render(&mut page) {
        output::error(&format!("cannot render the manual page: {e}"));
        return ExitCode::from(2);
    }
    output::finish(
        output::emit(&String::from_utf8_lossy(&page)),
        ExitCode::SUCCESS,
    )
}

/// `budget config [--print-default]`.
fn config_command(
    print_default: bool,
    problem: Option<budget_tui::config::ConfigError>,
) -> ExitCode {
    use budget_tui::config;
    if print_default {
        return output::finish(output::emit(config::DEFAULT_TEXT), ExitCode::SUCCESS);
    }
    let lang = output::lang();
    match (problem, config::path()) {
        (Some(problem), _) => {
            output::error(&problem.to_string());
            ExitCode::from(2)
        }
        (None, Some(path)) => {
            let state = if path.exists() {
                Msg::ConfigUsable
            } else {
                Msg::ConfigAbsent
            };
            output::finish(
                output::emit(&format!("{} ({})\n", path.display(), t(lang, state))),
                ExitCode::SUCCESS,
            )
        }
        (None, None) => {
            output::note(t(lang, Msg::ConfigNoHome));
            ExitCode::SUCCESS
        }
    }
}

/// `budget gen-corpus`: a deterministic corpus of disclosures in the seed's
/// text form.
fn gen_corpus(departments: usize, seed: u64, out_dir: &Path) -> ExitCode {
    match budget_tui::corpus::write_corpus(out_dir, departments, seed) {
        Ok(written) => {
            output::note(&format!(
                "{}{}{}",
                written.len(),
                t(output::lang(), Msg::FilesWrittenTo),
                out_dir.display()
            ));
            ExitCode::SUCCESS
        }
        Err(e) => {
            output::error(&format!("{}: {e}", out_dir.display()));
            ExitCode::FAILURE
        }
    }
}
