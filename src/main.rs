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
        None => ExitCode::SUCCESS,
    }
}
