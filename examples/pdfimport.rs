fn main() {
    for p in std::env::args().skip(1) {
        match budget_tui::import::load_path(std::path::Path::new(&p)) {
            Ok(d) => {
                println!(
                    "{p}: OK {} {} unit {:?} tables {} cards {}",
                    d.department.name,
                    d.department.budget_year,
                    d.department.unit,
                    d.tables.len(),
                    d.projects.len()
                );
                for t in &d.tables {
                    println!(
                        "   {:?} {} p{:?} {:?} rows {}",
                        t.kind,
                        t.title,
                        t.page,
                        t.unit,
                        t.sides.iter().map(|s| s.rows.len()).sum::<usize>()
                    );
                }
            }
            Err(e) => println!("{p}: ERR {e}"),
        }
    }
}
