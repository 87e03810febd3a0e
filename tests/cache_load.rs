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
        count_errors: false,
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
            count_errors: false,
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
        count_errors: false,
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

#[test]
fn error_counts_are_stored_with_the_entry_and_read_back() {
    let dir = temp_dir("counts");
    corpus(&dir.join("docs"), 4);
    // The seed prints five real errors; the generated documents none.
    std::fs::write(dir.join("docs").join("seed.ron"), budget_tui::bundled::RON)
        .expect("the seed copied");
    let cache_dir = dir.join("cache");
    let paths = [dir.join("docs")];
    let with = |tables_only, count_errors| Options {
        cache: Some(Cache::at(&cache_dir)),
        threads: 2,
        tables_only,
        count_errors,
    };
    // A lookup's load stores entries without counts.
    let (light, _) = load::load_inputs_with(&paths, &with(true, false));
    assert!(light.error_counts.iter().all(Option::is_none));
    // The Departments load counts them (hits all the same) and stores them.
    let (counted, stats) = load::load_inputs_with(&paths, &with(false, true));
    assert_eq!(stats.misses, 0);
    let truth: Vec<Option<usize>> = counted
        .docs
        .iter()
        .map(|(_, doc)| Some(load::count_errors(doc)))
        .collect();
    assert_eq!(counted.error_counts, truth);
    assert_eq!(truth.iter().flatten().sum::<usize>(), 5, "{truth:?}");
    // Read back from the entries, and also by a load that did not ask.
    let (again, _) = load::load_inputs_with(&paths, &with(false, false));
    assert_eq!(again.error_counts, truth);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn lookup_code_from_the_cache_prints_what_the_documents_do() {
    use budget_tui::search::lookup::{exact_code_rows, lookup_exact_code, Options as Lookup};
    let dir = temp_dir("codes");
    corpus(&dir.join("docs"), 5);
    let cache_dir = dir.join("cache");
    let paths = [dir.join("docs")];
    let options = Options {
        cache: Some(Cache::at(&cache_dir)),
        threads: 2,
        tables_only: true,
        count_errors: false,
    };
    assert_eq!(
        load::lookup_code(&paths, &options, "2010301"),
        None,
        "an empty cache: the caller loads"
    );
    let (loaded, _) = load::load_inputs_with(&paths, &options);
    let docs: Vec<_> = loaded.docs.iter().map(|(_, d)| d.clone()).collect();
    for (code, limit) in [("2010301", 0), ("2010301", 3), ("201", 0), ("３０２", 0)] {
        let fast = load::lookup_code(&paths, &options, code);
        let slow = lookup_exact_code(
            &docs,
            code,
            Lookup {
                limit,
                all_columns: false,
            },
        );
        match (fast, slow) {
            (Some(fast), Some(slow)) => {
                assert_eq!(
                    fast.files,
                    loaded
                        .docs
                        .iter()
                        .map(|(p, _)| p.clone())
                        .collect::<Vec<_>>()
                );
                assert_eq!(
                    exact_code_rows(&fast.docs, fast.items, limit),
                    slow,
                    "{code}"
                );
            }
            (None, None) => {}
            (fast, slow) => panic!("{code}: {fast:?} against {slow:?}"),
        }
    }
    let rows = load::lookup_code(&paths, &options, "2010301").expect("a match");
    assert!(rows.items.len() >= 5, "{}", rows.items.len());
    assert!(rows.items.iter().all(|c| c.item.name == "行政运行"));
    // A query that is no code, or a missing path: the caller loads.
    assert_eq!(load::lookup_code(&paths, &options, "行政运行"), None);
    assert_eq!(
        load::lookup_code(&[dir.join("missing")], &options, "2010301"),
        None
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_manifest_never_hides_an_edit() {
    let dir = temp_dir("manifest");
    let files = corpus(&dir.join("docs"), 2);
    let cache_dir = dir.join("cache");
    let paths = [dir.join("docs")];
    // Stamps younger than two seconds are not recorded (a write in the
    // same timestamp tick would look the same): let the files settle.
    std::thread::sleep(std::time::Duration::from_millis(2100));
    let (first, _) = load_with(&paths, &cache_dir, 1);
    let manifests = || {
        std::fs::read_dir(&cache_dir)
            .expect("the cache dir")
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().starts_with("manifest-"))
            .count()
    };
    assert_eq!(manifests(), 1);
    // An edit of the same length, with the modification time put back:
    // the change time still moves, so the file is hashed again.
    let path = &first.docs[0].0;
    let modified = std::fs::metadata(path)
        .and_then(|m| m.modified())
        .expect("an mtime");
    let text = std::fs::read_to_string(path).expect("utf-8");
    let name = first.docs[0].1.department.name.clone();
    let renamed: String = name.chars().rev().collect();
    assert_eq!(renamed.len(), name.len());
    std::fs::write(path, text.replace(&name, &renamed)).expect("edit");
    std::fs::File::options()
        .write(true)
        .open(path)
        .and_then(|f| f.set_modified(modified))
        .expect("mtime put back");
    let (second, stats) = load_with(&paths, &cache_dir, 1);
    assert_eq!(stats.misses, 1);
    assert_eq!(second.docs[0].1.department.name, renamed);
    assert_eq!(second.docs[1..], first.docs[1..]);
    // A damaged manifest is an empty one: every file hashed, same models.
    for manifest in std::fs::read_dir(&cache_dir).expect("dir").flatten() {
        if manifest
            .file_name()
            .to_string_lossy()
            .starts_with("manifest-")
        {
            std::fs::write(manifest.path(), b"garbage").expect("damaged");
        }
    }
    let (third, stats) = load_with(&paths, &cache_dir, 1);
    assert_eq!(stats.hits, files.len());
    assert_eq!(third.docs, second.docs);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn departments_lines_from_the_cache_are_the_lines_of_the_models() {
    use budget_tui::analysis::library::DepartmentLine;
    let dir = temp_dir("lines");
    corpus(&dir.join("docs"), 4);
    std::fs::write(dir.join("docs").join("seed.ron"), budget_tui::bundled::RON)
        .expect("the seed copied");
    let cache_dir = dir.join("cache");
    let paths = [dir.join("docs")];
    let options = Options {
        cache: Some(Cache::at(&cache_dir)),
        threads: 2,
        tables_only: false,
        count_errors: false,
    };
    let (truth, _) = load_with(&paths, &cache_dir, 2);
    let expected: Vec<DepartmentLine> = truth
        .docs
        .iter()
        .map(|(path, doc)| DepartmentLine::build(&path.display().to_string(), doc))
        .collect();
    // The entries were written without counts: the first load counts, the
    // second reads the lines alone.
    let (first, stats) = load::load_lines(&paths, &options);
    assert_eq!(stats.misses, 0);
    let (second, stats) = load::load_lines(&paths, &options);
    assert_eq!(stats.hits, expected.len());
    for lines in [&first, &second] {
        assert!(lines.problems.is_empty());
        assert_eq!(lines.lines, expected);
    }
    assert_eq!(expected.iter().map(|l| l.errors).sum::<usize>(), 5);
    // Each model is read when opened, from the cache or, its entry gone,
    // from the file.
    for (i, (_, doc)) in truth.docs.iter().enumerate() {
        assert_eq!(second.sources[i].load().as_ref(), Ok(doc));
    }
    std::fs::remove_dir_all(&cache_dir).expect("cache removed");
    assert_eq!(second.sources[0].load().as_ref(), Ok(&truth.docs[0].1));
    // Without a cache: the same lines, each model imported again when opened.
    let (plain, _) = load::load_lines(
        &paths,
        &Options {
            cache: None,
            ..options.clone()
        },
    );
    assert_eq!(plain.lines, expected);
    assert_eq!(plain.sources[1].load().as_ref(), Ok(&truth.docs[1].1));
    let _ = std::fs::remove_dir_all(&dir);
}
