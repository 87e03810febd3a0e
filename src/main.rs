use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Explore and check department budget disclosures (部门预算公开).
#[derive(Parser)]
#[command(name = "budget", version, args_conflicts_with_subcommands = true)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
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
    },
    /// Check disclosures for consistency (勾稽关系) and list the findings.
    Check {
        /// Disclosures to check (text or RON); the bundled one when none.
        paths: Vec<PathBuf>,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Some(Command::Import { file, output, json }) => {
            match budget_tui::import::import_path(&file) {
                Ok(_) => ExitCode::SUCCESS,
                Err(e) => {
                    let _ = (output, json);
                    eprintln!("error: {e}");
                    ExitCode::from(2)
                }
            }
        }
        Some(Command::Check { paths, json }) => check(paths, json),
        None => ExitCode::SUCCESS,
    }
}

/// The bundled disclosure `budget check` reads when given no path.
const BUNDLED_DISCLOSURE: &str = "data/xingtai-gov-office-2025.ron";

/// Reads a disclosure: RON as saved by `budget import`, anything else as
/// disclosure text. Errors read `file:line: message`.
fn load_disclosure(path: &std::path::Path) -> Result<budget_tui::model::Disclosure, String> {
    if path.extension().is_some_and(|e| e == "ron") {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("{}:0: cannot read: {e}", path.display()))?;
        ron::from_str(&text)
            .map_err(|e| format!("{}:{}: {}", path.display(), e.span.start.line, e.code))
    } else {
        budget_tui::import::import_path(path).map_err(|e| e.to_string())
    }
}

/// `budget check`: exit 0 without error findings, 1 with one, 2 when an
/// input cannot be read.
fn check(paths: Vec<PathBuf>, json: bool) -> ExitCode {
    use budget_tui::check::{self, report};
    let paths = if paths.is_empty() {
        vec![PathBuf::from(BUNDLED_DISCLOSURE)]
    } else {
        paths
    };
    let mut loaded = Vec::new();
    for path in &paths {
        match load_disclosure(path) {
            Ok(doc) => loaded.push((path.display().to_string(), doc)),
            Err(message) => {
                eprintln!("error: {message}");
                return ExitCode::from(2);
            }
        }
    }
    let reports: Vec<_> = loaded.iter().map(|(_, doc)| check::run(doc)).collect();
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
    if json {
        println!("{:#}", report::json(&checked));
    } else {
        for c in &checked {
            print!("{}", report::text(c));
        }
    }
    if reports.iter().any(check::Report::has_errors) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
