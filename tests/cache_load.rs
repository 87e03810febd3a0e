//! The loader and its cache: a miss imports and stores, a hit returns the
//! same model without importing, a corrupt or stale entry is ignored and
//! rebuilt, an edited file is a miss, and `--no-cache` neither reads nor
//! writes the cache.

use std::path::{Path, PathBuf};
use std::process::Command;

use budget_tui::cache::{Cache, Key};
use budget_tui::load::{self, Options, Stats};

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("budget-cache-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a temp dir");
    dir
}

fn corpus(dir: &Path, departments: usize) -> Vec<PathBuf> {
    budget_tui::corpus::write_corpus(dir, departments, 77).expect("corpus written")
}

fn load_with(paths: &[PathBuf], cache: &Path, threads: usize) -> (load::Loaded, Stats) {
    let options = Options {
        cache: Some(Cache::at(cache)),
        threads,
        tables_only: false,
    };
    load::load_inputs_with(paths, &options)
}

#[test]
fn a_second_load_hits_and_reads_the_same_models() {
    let dir = temp_dir("hit");
    let files = corpus(&dir.join("docs"), 6);
    let cache = dir.join("cache");
    let paths = [dir.join("docs")];
    let (first, stats) = load_with(&paths, &cache, 2);
    assert_eq!(
        stats,
        Stats {
            hits: 0,
            misses: files.len()
        }
    );
    assert!(first.problems.is_empty());
    assert_eq!(first.docs.len(), files.len());
    let (second, stats) = load_with(&paths, &cache, 2);
    assert_eq!(
        stats,
        Stats {
            hits: files.len(),
            misses: 0
        }
    );
    // Same files in the same (sorted) order, same models.
    assert_eq!(
        first.docs.iter().map(|(p, _)| p).collect::<Vec<_>>(),
        second.docs.iter().map(|(p, _)| p).collect::<Vec<_>>()
    );
    for ((_, a), (_, b)) in first.docs.iter().zip(&second.docs) {
        assert_eq!(a, b);
    }
    // And the same as importing without any cache, on one thread.
    let (plain, stats) = load::load_inputs_with(
        &paths,
        &Options {
            cache: None,
            threads: 1,
            tables_only: false,
        },
    );
    assert_eq!(stats.misses, files.len());
    for ((_, a), (_, b)) in plain.docs.iter().zip(&second.docs) {
        assert_eq!(a, b);
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn corrupt_entries_and_edited_files_are_misses_and_get_rebuilt() {
    let dir = temp_dir("corrupt");
    let files = corpus(&dir.join("docs"), 3);
    let cache_dir = dir.join("cache");
    let cache = Cache::at(&cache_dir);
    let paths = [dir.join("docs")];
    let (truth, _) = load_with(&paths, &cache_dir, 1);

    // Damage the first file's entry three ways in turn: truncated, a byte
    // flipped in the body, replaced by garbage.
    // The first file in load order (sorted by path).
    let first = truth.docs[0].0.clone();
    let bytes = std::fs::read(&first).expect("read");
    let entry = cache.entry_path(Key::of(&bytes));
    let good = std::fs::read(&entry).expect("the entry exists");
    let mut flipped = good.clone();
    let last = flipped.len() - 1;
    flipped[last] ^= 0xFF;
    for damaged in [
        good[..good.len() / 2].to_vec(),
        flipped,
        b"not an entry".to_vec(),
    ] {
        std::fs::write(&entry, &damaged).expect("damage");
        let (loaded, stats) = load_with(&paths, &cache_dir, 1);
        assert_eq!(
            stats,
            Stats {
                hits: files.len() - 1,
                misses: 1
            }
        );
        assert_eq!(
            loaded.docs[0].1, truth.docs[0].1,
            "the damaged entry was not trusted"
        );
        // Rebuilt: the next load hits again.
        assert_eq!(std::fs::read(&entry).expect("rewritten"), good);
    }

    // An edited file is a different key: a miss, with the new figure.
    let text = String::from_utf8(bytes).expect("utf-8");
    let name = &truth.docs[0].1.department.name;
    let edited = text.replace(name.as_str(), "改名后的局");
    std::fs::write(&first, &edited).expect("edit");
    let (loaded, stats) = load_with(&paths, &cache_dir, 1);
    assert_eq!(stats.misses, 1);
    assert_eq!(loaded.docs[0].1.department.name, "改名后的局");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn no_cache_neither_reads_nor_writes_and_the_default_is_under_xdg_cache_home() {
    let dir = temp_dir("cli");
    corpus(&dir.join("docs"), 2);
    let xdg = dir.join("xdg");
    let run = |extra: &[&str]| {
        let mut args = extra.to_vec();
        args.extend(["lookup", "2010301", dir.to_str().unwrap_or("")]);
        Command::new(env!("CARGO_BIN_EXE_budget"))
            .args(&args)
            .env("XDG_CACHE_HOME", &xdg)
            .output()
            .expect("runs")
    };
    let out = run(&["--no-cache"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(!xdg.join("budget").exists(), "--no-cache wrote the cache");
    let out = run(&[]);
    assert_eq!(out.status.code(), Some(0));
    let entries = std::fs::read_dir(xdg.join("budget"))
        .expect("the cache dir")
        .count();
    // One entry per generated file (2 departments, maybe a second year).
    assert!(entries >= 2, "{entries}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn tables_only_loads_read_the_first_section_and_match_a_full_load() {
    let dir = temp_dir("light");
    corpus(&dir.join("docs"), 4);
    let cache_dir = dir.join("cache");
    let paths = [dir.join("docs")];
    let light = |cache: Option<Cache>| Options {
        cache,
        threads: 2,
        tables_only: true,
    };
    // A miss: imported, stored whole, returned stripped.
    let (miss, stats) = load::load_inputs_with(&paths, &light(Some(Cache::at(&cache_dir))));
    assert_eq!(stats.hits, 0);
    let (hit, stats) = load::load_inputs_with(&paths, &light(Some(Cache::at(&cache_dir))));
    assert_eq!(stats.misses, 0);
    let (full, stats) = load_with(&paths, &cache_dir, 2);
    assert_eq!(
        stats.misses, 0,
        "the full model was stored by the light load"
    );
    for (((_, a), (_, b)), (_, whole)) in miss.docs.iter().zip(&hit.docs).zip(&full.docs) {
        assert_eq!(a, b);
        assert_eq!(*a, budget_tui::cache::tables_only(whole));
        assert_eq!(a.tables, whole.tables);
        assert!(a.narrative.is_empty());
        assert!(a.projects.iter().all(|p| p.indicators.is_empty()));
        assert_eq!(a.projects.len(), whole.projects.len());
    }
    let _ = std::fs::remove_dir_all(&dir);
}
