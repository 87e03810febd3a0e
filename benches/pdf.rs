//! PDF import of Wanli 2023 (35 pages): the whole import (PDF → model) and
//! the extraction of visible glyphs alone, beside poppler's `pdftotext
//! -layout` on the same file in the same run (skipped when not installed).

use std::hint::black_box;
use std::process::Command;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion};

const FILE: &str = "tests/fixtures/pdf/shanghai-putuo-wanli-subdistrict-2023.pdf";

fn bench(c: &mut Criterion) {
    let bytes = std::fs::read(FILE).expect("the Wanli 2023 sample");
    let mut group = c.benchmark_group("pdf");
    group.bench_function("import", |b| {
        b.iter(|| budget_tui::import::pdf::import_pdf(black_box(&bytes), FILE).expect("imports"))
    });
    group.bench_function("extract", |b| {
        b.iter(|| budget_tui::import::pdf::extract_glyphs(black_box(&bytes)).expect("reads"))
    });
    let poppler = Command::new("pdftotext").arg("-v").output().is_ok();
    if poppler {
        group.bench_function("pdftotext-layout", |b| {
            b.iter(|| {
                Command::new("pdftotext")
                    .args(["-layout", FILE, "-"])
                    .output()
                    .expect("pdftotext runs")
            })
        });
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
        .sample_size(20);
    targets = bench
}
criterion_main!(benches);
