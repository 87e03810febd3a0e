//! What happens once at start-up, measured: reading the bundled RON,
//! importing the seed text, running every check, and building the app
//! (summary, drill-down views, project shares, checks report, search index).
//! Nothing of this runs per keystroke or per frame; one frame's render is
//! measured too, for comparison.

use std::hint::black_box;
use std::time::Duration;

use budget_tui::app::App;
use budget_tui::i18n::Lang;
use criterion::{criterion_group, criterion_main, Criterion};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

const SEED_TEXT: &str = include_str!("../data/raw/xingtai-gov-office-2025.txt");

fn bench(c: &mut Criterion) {
    let doc = budget_tui::bundled::disclosure().expect("bundled data");
    let mut group = c.benchmark_group("load");
    group.bench_function("ron", |b| {
        b.iter(|| budget_tui::bundled::disclosure().expect("bundled data"))
    });
    group.bench_function("import-text", |b| {
        b.iter(|| budget_tui::import::import_text(black_box(SEED_TEXT), "seed").expect("imports"))
    });
    group.bench_function("check", |b| {
        b.iter(|| budget_tui::check::run(black_box(&doc)))
    });
    group.bench_function("app", |b| b.iter(|| App::new(doc.clone(), Lang::Zh)));
    group.finish();

    let area = Rect::new(0, 0, 120, 40);
    let mut frame = c.benchmark_group("frame");
    for (name, keys) in [
        ("summary", ""),
        ("drill-down", "2*"),
        ("projects", "3"),
        ("checks", "4"),
        ("tables", "5]]]]]"),
    ] {
        let mut app = App::new(doc.clone(), Lang::Zh);
        budget_tui::screenshots::type_keys(&mut app, keys);
        frame.bench_function(name, |b| {
            b.iter(|| {
                let mut buf = Buffer::empty(area);
                budget_tui::ui::render(&app, area, &mut buf);
                buf
            })
        });
    }
    frame.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2))
        .sample_size(20);
    targets = bench
}
criterion_main!(benches);
