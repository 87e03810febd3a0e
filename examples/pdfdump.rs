//! Prints the text form the PDF front end builds from a PDF, each line with
//! its page: `cargo run --example pdfdump FILE.pdf`. A debugging aid.

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: pdfdump FILE.pdf");
        std::process::exit(2);
    };
    match std::fs::read(&path)
        .ok()
        .and_then(|b| budget_tui::import::pdf::pdf_text_form(&b))
    {
        Some(text) => print!("{text}"),
        None => {
            eprintln!("{path}: cannot read it as a PDF");
            std::process::exit(2);
        }
    }
}
