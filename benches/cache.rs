//! Which encoding the import cache uses, by measurement: encode and decode
//! the seed's model in each candidate, with its size, and check that each
//! reads back the same model (a positional format cannot skip the `page`
//! fields the model omits when absent, so it fails the round trip).
//!
//! `cargo bench --bench cache`

use std::hint::black_box;
use std::time::{Duration, Instant};

use budget_tui::model::Disclosure;

fn time<T>(mut f: impl FnMut() -> T) -> Duration {
    // Median of 31 runs of enough iterations to take ~2 ms each.
    let start = Instant::now();
    let mut n = 0u32;
    while start.elapsed() < Duration::from_millis(2) {
        black_box(f());
        n += 1;
    }
    let mut runs: Vec<Duration> = (0..31)
        .map(|_| {
            let t = Instant::now();
            for _ in 0..n {
                black_box(f());
            }
            t.elapsed() / n
        })
        .collect();
    runs.sort();
    runs[15]
}

type Encode = fn(&Disclosure) -> Result<Vec<u8>, String>;
type Decode = fn(&[u8]) -> Result<Disclosure, String>;

fn main() {
    let doc = match budget_tui::bundled::disclosure() {
        Ok(doc) => doc,
        Err(e) => {
            eprintln!("the bundled disclosure does not load: {e}");
            std::process::exit(2);
        }
    };
    let candidates: [(&str, Encode, Decode); 7] = [
        (
            "MessagePack, positional (rmp-serde)",
            |d| rmp_serde::to_vec(d).map_err(|e| e.to_string()),
            |b| rmp_serde::from_slice(b).map_err(|e| e.to_string()),
        ),
        (
            "MessagePack, named fields (rmp-serde)",
            |d| rmp_serde::to_vec_named(d).map_err(|e| e.to_string()),
            |b| rmp_serde::from_slice(b).map_err(|e| e.to_string()),
        ),
        (
            "CBOR (ciborium)",
            |d| {
                let mut out = Vec::new();
                ciborium::into_writer(d, &mut out).map_err(|e| e.to_string())?;
                Ok(out)
            },
            |b| ciborium::from_reader(b).map_err(|e| e.to_string()),
        ),
        (
            "postcard",
            |d| postcard::to_allocvec(d).map_err(|e| e.to_string()),
            |b| postcard::from_bytes(b).map_err(|e| e.to_string()),
        ),
        (
            "bincode 1",
            |d| bincode::serialize(d).map_err(|e| e.to_string()),
            |b| bincode::deserialize(b).map_err(|e| e.to_string()),
        ),
        (
            "JSON (serde_json)",
            |d| serde_json::to_vec(d).map_err(|e| e.to_string()),
            |b| serde_json::from_slice(b).map_err(|e| e.to_string()),
        ),
        (
            "RON (the model files)",
            |d| Ok(budget_tui::import::to_ron(d).into_bytes()),
            |b| budget_tui::import::from_ron_bytes(b, "bench").map_err(|e| e.to_string()),
        ),
    ];
    println!(
        "{:<40} {:>9} {:>11} {:>11}  round trip",
        "encoding", "bytes", "encode", "decode"
    );
    for (name, encode, decode) in candidates {
        let bytes = match encode(&doc) {
            Ok(bytes) => bytes,
            Err(e) => {
                println!("{name:<40} cannot encode: {e}");
                continue;
            }
        };
        let back = decode(&bytes);
        let verdict = match &back {
            Ok(back) if *back == doc => "same model".to_string(),
            Ok(_) => "a different model".to_string(),
            Err(e) => format!("fails: {e}"),
        };
        let enc = time(|| encode(&doc));
        let dec = time(|| decode(&bytes));
        println!(
            "{name:<40} {:>9} {:>8.1} µs {:>8.1} µs  {verdict}",
            bytes.len(),
            enc.as_secs_f64() * 1e6,
            dec.as_secs_f64() * 1e6
        );
    }
}
