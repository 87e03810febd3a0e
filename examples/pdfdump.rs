fn main() {
    let p = std::env::args().nth(1).unwrap();
    let b = std::fs::read(p).unwrap();
    print!("{}", budget_tui::import::pdf::pdf_text_form(&b).unwrap());
}
