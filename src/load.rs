//! Loading what the user named: files and directories (searched recursively
//! for `.pdf`, `.txt` and `.ron`), each file read, looked up in the cache by
//! its content hash and imported on a miss, in parallel across cores. A file
//! that cannot be read is a problem with its error, never the end of the
//! run: the others load.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use crate::cache::{Cache, Key};
use crate::import::ImportError;
use crate::model::Disclosure;

/// The extensions a directory is searched for.
pub const EXTENSIONS: [&str; 3] = ["pdf", "txt", "ron"];

/// What loading produced: the disclosures in the order the paths were given
/// (a directory's files sorted by path), and each input that could not be
/// read with the error (`file:line: message`, rendered in the reader's
/// language by [`ImportError::render`]).
#[derive(Debug, Default)]
pub struct Loaded {
    pub docs: Vec<(PathBuf, Disclosure)>,
    pub problems: Vec<(PathBuf, ImportError)>,
}

/// How to load.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Where imported models are kept between runs; `None` imports every file.
    pub cache: Option<Cache>,
    /// Threads to import with; 0 for one per core.
    pub threads: usize,
    /// Load only what `lookup CODE` and `--sum` read
    /// ([`crate::cache::tables_only`]): from the cache, a prefix of each
    /// entry; after an import, the stripped model (less memory).
    pub tables_only: bool,
}

impl Options {
    /// The default cache (see [`Cache::default_dir`]), one thread per core.
    pub fn with_default_cache() -> Options {
        Options {
            cache: Cache::default_location(),
            threads: 0,
            tables_only: false,
        }
    }
}

/// Counts of how each file was obtained, for tests and benchmarks.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Stats {
    pub hits: usize,
    pub misses: usize,
}

/// [`load_inputs_with`] with the default cache.
pub fn load_inputs(paths: &[PathBuf]) -> Loaded {
    load_inputs_with(paths, &Options::with_default_cache()).0
}

/// Loads every file named or found under a named directory.
pub fn load_inputs_with(paths: &[PathBuf], options: &Options) -> (Loaded, Stats) {
    let (files, mut problems) = expand(paths);
    let threads = match options.threads {
        0 => std::thread::available_parallelism().map_or(1, |n| n.get()),
        n => n,
    }
    .min(files.len())
    .max(1);
    let results: Vec<Mutex<Option<Result<Disclosure, ImportError>>>> =
        files.iter().map(|_| Mutex::new(None)).collect();
    let next = AtomicUsize::new(0);
    let hits = AtomicUsize::new(0);
    let misses = AtomicUsize::new(0);
    // Work is handed out one file at a time: files differ a lot in size
    // (a PDF against a text), so fixed chunks would leave a core idle.
    let work = || loop {
        let i = next.fetch_add(1, Ordering::Relaxed);
        let Some(path) = files.get(i) else {
            break;
        };
        let (result, hit) = load_one(path, options.cache.as_ref(), options.tables_only);
        if hit {
            hits.fetch_add(1, Ordering::Relaxed);
        } else {
            misses.fetch_add(1, Ordering::Relaxed);
        }
        if let Ok(mut slot) = results[i].lock() {
            *slot = Some(result);
        }
    };
    if threads == 1 {
        work();
    } else {
        std::thread::scope(|scope| {
            for _ in 0..threads {
                scope.spawn(work);
            }
        });
    }
    let mut docs = Vec::with_capacity(files.len());
    for (path, slot) in files.into_iter().zip(results) {
        match slot.into_inner().ok().flatten() {
            Some(Ok(doc)) => docs.push((path, doc)),
            Some(Err(e)) => problems.push((path, e)),
            // Only a panicking worker leaves a slot empty.
            None => {
                let file = path.display().to_string();
                let error = ImportError::new(&file, 0, "was not loaded").zh("未能载入");
                problems.push((path, error));
            }
        }
    }
    let stats = Stats {
        hits: hits.into_inner(),
        misses: misses.into_inner(),
    };
    (Loaded { docs, problems }, stats)
}

/// One file: from the cache when its content is there, else imported (and
/// then stored). Returns whether it was a hit.
fn load_one(
    path: &Path,
    cache: Option<&Cache>,
    tables_only: bool,
) -> (Result<Disclosure, ImportError>, bool) {
    let file = path.display().to_string();
    let bytes = match crate::import::read_input(path, &file) {
        Ok(bytes) => bytes,
        Err(e) => return (Err(e), false),
    };
    let key = cache.map(|_| Key::of(&bytes));
    if let (Some(cache), Some(key)) = (cache, key) {
        let cached = if tables_only {
            cache.get_tables_only(key)
        } else {
            cache.get(key)
        };
        if let Some(doc) = cached {
            return (Ok(doc), true);
        }
    }
    let imported = if has_extension(path, "ron") {
        crate::import::from_ron_bytes(&bytes, &file)
    } else {
        crate::import::import_bytes(&bytes, &file)
    };
    if let (Ok(doc), Some(cache), Some(key)) = (&imported, cache, key) {
        // A cache that cannot be written (read-only home, full disk) only
        // costs speed: the import itself succeeded.
        let _ = cache.put(key, doc);
    }
    let imported = if tables_only {
        imported.map(|doc| crate::cache::tables_only(&doc))
    } else {
        imported
    };
    (imported, false)
}

fn has_extension(path: &Path, ext: &str) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case(ext))
}

/// The files to load: each named file as given (whatever its extension: the
/// user asked for it), and under each directory every `.pdf`, `.txt` and
/// `.ron`, recursively, sorted by path so runs are repeatable. A path that
/// does not exist or a directory that cannot be listed is a problem.
pub fn expand(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<(PathBuf, ImportError)>) {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    for path in paths {
        if path.is_dir() {
            let mut found = Vec::new();
            walk(path, &mut found, &mut problems);
            found.sort();
            files.extend(found);
        } else {
            // A missing file is reported by the read, with the importer's
            // wording (`file: cannot read the file: …`).
            files.push(path.clone());
        }
    }
    (files, problems)
}

fn walk(dir: &Path, found: &mut Vec<PathBuf>, problems: &mut Vec<(PathBuf, ImportError)>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            let file = dir.display().to_string();
            let error = ImportError::new(&file, 0, format!("cannot list the directory: {e}"))
                .zh(format!("无法列出目录：{e}"));
            problems.push((dir.to_path_buf(), error));
            return;
        }
    };
    for entry in entries.flatten() {
        let path = entry.path();
        // file_type does not follow symlinks: a link to a directory is not
        // walked, so a loop of links cannot hang the walk.
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() {
            walk(&path, found, problems);
        } else if EXTENSIONS.iter().any(|ext| has_extension(&path, ext))
            && (kind.is_file() || path.is_file())
        {
            found.push(path);
        }
    }
}
