use std::io::Write;
use std::path::{Path, PathBuf};
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
        /// At most this many matches.
        #[arg(long, default_value_t = 20)]
        limit: usize,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Some(Command::Import { file, output, json }) => {
            match import_command(&file, output.as_deref(), json) {
                Ok(()) => ExitCode::SUCCESS,
                Err(message) => {
                    eprintln!("error: {message}");
                    ExitCode::from(2)
                }
            }
        }
        Some(Command::Lookup {
            query,
            paths,
            json,
            limit,
        }) => lookup(&query, &paths, json, limit),
        None => ExitCode::SUCCESS,
    }
}

/// `budget import FILE [-o OUT] [--json]`: the model as RON (or JSON) on
/// standard output or in OUT. Source data is never overwritten.
fn import_command(file: &Path, output: Option<&Path>, json: bool) -> Result<(), String> {
    if let Some(out) = output {
        if same_file(file, out) {
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
        Some(out) => {
            std::fs::write(out, text).map_err(|e| format!("{}: cannot write: {e}", out.display()))
        }
        None => {
            let mut stdout = std::io::stdout().lock();
            stdout
                .write_all(text.as_bytes())
                .and_then(|()| stdout.flush())
                .map_err(|e| format!("cannot write to standard output: {e}"))
        }
    }
}

/// Whether two paths name the same file (compared canonically when both
/// exist, so `./a.txt` and `a.txt` match).
fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(x), Ok(y)) => x == y,
        _ => a == b,
    }
}

/// The disclosure `budget lookup` searches when given no path.
fn bundled_disclosure() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data/xingtai-gov-office-2025.ron")
}

/// `budget lookup`: exit 0 with a match, 1 with none, 2 when an input
/// cannot be read.
fn lookup(query: &str, paths: &[PathBuf], json: bool, limit: usize) -> ExitCode {
    use budget_tui::search::{lookup, SearchIndex};
    let bundled;
    let paths = if paths.is_empty() {
        bundled = [bundled_disclosure()];
        &bundled[..]
    } else {
        paths
    };
    let mut disclosures = Vec::with_capacity(paths.len());
    for path in paths {
        match budget_tui::import::load_path(path) {
            Ok(disclosure) => disclosures.push(disclosure),
            Err(e) => {
                eprintln!("error: {e}");
                return ExitCode::from(2);
            }
        }
    }
    let index = SearchIndex::build(&disclosures);
    let rows = lookup::lookup(&index, query, limit);
    if rows.is_empty() {
        eprintln!("no match for `{query}`");
        return ExitCode::from(1);
    }
    if json {
        match lookup::to_json(&rows) {
            Ok(text) => println!("{text}"),
            Err(e) => {
                eprintln!("error: {e}");
                return ExitCode::from(2);
            }
        }
    } else {
        print!("{}", lookup::format_table(&rows));
    }
    ExitCode::SUCCESS
}
