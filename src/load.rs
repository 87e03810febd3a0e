//! Loading what the user named: files and directories (searched recursively
//! for `.pdf`, `.txt` and `.ron`), each file looked up in the cache by its
//! content hash and imported on a miss, in parallel across cores. A file
//! that cannot be read is a problem with its error, never the end of the
//! run: the others load.
//!
//! The content hash of a file whose size, modification and change times,
//! inode and device are those a [`Manifest`] recorded is taken from the
//! manifest instead of read and hashed again: the cache stays keyed by
//! content, and any write to the file (which always moves its change time)
//! makes it hashed anew.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use serde::{Deserialize, Serialize};

use crate::analysis::library::{DepartmentLine, LineFacts};
use crate::cache::{Cache, Key};
use crate::import::ImportError;
use crate::model::Disclosure;
use crate::search::{CodedItem, DocInfo};

/// The extensions a directory is searched for.
pub const EXTENSIONS: [&str; 3] = ["pdf", "txt", "ron"];

/// What loading produced: the disclosures in the order the paths were given
/// (a directory's files sorted by path), and each input that could not be
/// read with the error (`file:line: message`).
#[derive(Debug, Default)]
pub struct Loaded {
    pub docs: Vec<(PathBuf, Disclosure)>,
    pub problems: Vec<(PathBuf, ImportError)>,
    /// Each document's count of error findings, beside `docs`: known when
    /// [`Options::count_errors`] asked for it (from the cache entry, or
    /// counted after the import and stored with it), else `None`.
    pub error_counts: Vec<Option<usize>>,
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
    /// Know each document's count of error findings
    /// ([`Loaded::error_counts`]), as the Departments tab shows it: read
    /// from the cache entry, or counted on the loading threads (all checks:
    /// a few milliseconds a document) and stored with the entry.
    pub count_errors: bool,
}

impl Options {
    /// The default cache (see [`Cache::default_dir`]), one thread per core.
    pub fn with_default_cache() -> Options {
        Options {
            cache: Cache::default_location(),
            ..Options::default()
        }
    }

    fn thread_count(&self, files: usize) -> usize {
        match self.threads {
            0 => std::thread::available_parallelism().map_or(1, |n| n.get()),
            n => n,
        }
        .min(files)
        .max(1)
    }
}

/// Counts of how each file was obtained, for tests and benchmarks.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Stats {
    pub hits: usize,
    pub misses: usize,
}

impl Stats {
    /// One file loaded, from the cache (`hit`) or not.
    fn count(&mut self, hit: bool) {
        if hit {
            self.hits += 1;
        } else {
            self.misses += 1;
        }
    }
}

/// [`load_inputs_with`] with the default cache.
pub fn load_inputs(paths: &[PathBuf]) -> Loaded {
    load_inputs_with(paths, &Options::with_default_cache()).0
}

/// Loads every file named or found under a named directory.
pub fn load_inputs_with(paths: &[PathBuf], options: &Options) -> (Loaded, Stats) {
    let (files, mut problems) = expand(paths);
    let manifest = options
        .cache
        .as_ref()
        .map(|cache| Manifest::read(cache, paths));
    let results = on_threads(&files, options.thread_count(files.len()), |path| {
        load_one(path, options, manifest.as_ref())
    });
    let mut loaded = Loaded {
        docs: Vec::with_capacity(files.len()),
        ..Loaded::default()
    };
    let mut stats = Stats::default();
    let mut stamps = Vec::with_capacity(files.len());
    for (path, result) in files.into_iter().zip(results) {
        let Some(one) = result else {
            // Only a panicking worker leaves a slot empty.
            problems.push((path.clone(), not_loaded(&path)));
            continue;
        };
        stats.count(one.hit);
        stamps.extend(one.stamp.map(|stamp| (path.clone(), stamp)));
        match one.result {
            Ok(doc) => {
                loaded.docs.push((path, doc));
                loaded.error_counts.push(one.errors);
            }
            Err(e) => problems.push((path, e)),
        }
    }
    if let (Some(cache), Some(manifest)) = (&options.cache, manifest) {
        manifest.write_if_changed(cache, stamps);
    }
    loaded.problems = problems;
    (loaded, stats)
}

/// `f` of each item on `threads` threads, in the items' order; `None` where
/// `f` panicked.
fn on_threads<T: Sync, R: Send>(
    items: &[T],
    threads: usize,
    f: impl Fn(&T) -> R + Sync,
) -> Vec<Option<R>> {
    let results: Vec<Mutex<Option<R>>> = items.iter().map(|_| Mutex::new(None)).collect();
    let next = AtomicUsize::new(0);
    // Work is handed out one item at a time: files differ a lot in size
    // (a PDF against a text), so fixed chunks would leave a core idle.
    let work = || loop {
        let i = next.fetch_add(1, Ordering::Relaxed);
        let Some(item) = items.get(i) else {
            break;
        };
        let result = f(item);
        if let Ok(mut slot) = results[i].lock() {
            *slot = Some(result);
        }
    };
    if threads <= 1 {
        work();
    } else {
        std::thread::scope(|scope| {
            for _ in 0..threads {
                scope.spawn(work);
            }
        });
    }
    results
        .into_iter()
        .map(|slot| slot.into_inner().ok().flatten())
        .collect()
}

/// What loading one file produced.
struct Loading<T> {
    result: Result<T, ImportError>,
    /// From the cache.
    hit: bool,
    errors: Option<usize>,
    /// The file's stamp and content hash, for the manifest.
    stamp: Option<Stamp>,
}

/// One file: from the cache when its content is there, else imported (and
/// then stored).
fn load_one(path: &Path, options: &Options, manifest: Option<&Manifest>) -> Loading<Disclosure> {
    let file = path.display().to_string();
    let failed = |e| Loading {
        result: Err(e),
        hit: false,
        errors: None,
        stamp: None,
    };
    let known = manifest.and_then(|m| m.stamp_of(path));
    let mut bytes = None;
    let stamp = match (known, &options.cache) {
        (Some(stamp), _) => Some(stamp),
        (None, Some(_)) => match hash_file(path, &file) {
            Ok((read, stamp)) => {
                bytes = Some(read);
                Some(stamp)
            }
            Err(e) => return failed(e),
        },
        (None, None) => None,
    };
    let key = stamp.as_ref().map(|s| Key(s.key));
    if let (Some(cache), Some(key)) = (&options.cache, key) {
        let cached = if options.tables_only {
            cache.get_tables_only(key).map(|doc| (doc, None))
        } else {
            cache.get_counted(key)
        };
        match cached {
            Some((doc, errors)) if errors.is_some() || !options.count_errors => {
                return Loading {
                    result: Ok(doc),
                    hit: true,
                    errors,
                    stamp,
                };
            }
            Some((doc, _)) => {
                // An entry written by a load that did not count: count now
                // and store it with the count, once.
                let errors = count_errors(&doc);
                let _ = cache.put(key, &doc, Some(errors));
                return Loading {
                    result: Ok(doc),
                    hit: true,
                    errors: Some(errors),
                    stamp,
                };
            }
            None => {}
        }
    }
    let bytes = match bytes {
        Some(bytes) => bytes,
        None => match crate::import::read_input(path, &file) {
            Ok(bytes) => bytes,
            Err(e) => return failed(e),
        },
    };
    // The manifest may be right about a file that changed since: the key
    // of what is imported is always the hash of the bytes just read.
    let key = Key::of(&bytes);
    let imported = import_file(path, &bytes, &file);
    let errors = match &imported {
        Ok(doc) if options.count_errors => Some(count_errors(doc)),
        _ => None,
    };
    if let (Ok(doc), Some(cache)) = (&imported, &options.cache) {
        // A cache that cannot be written (read-only home, full disk) only
        // costs speed: the import itself succeeded.
        let _ = cache.put(key, doc, errors);
    }
    let imported = if options.tables_only {
        imported.map(|doc| crate::cache::tables_only(&doc))
    } else {
        imported
    };
    Loading {
        result: imported,
        hit: false,
        errors,
        stamp: stamp.filter(|s| s.key == key.0),
    }
}

/// Where the Departments tab gets a document's model when it is opened:
/// held in memory, or read again — from the cache entry it was loaded from,
/// else imported from its file.
#[derive(Debug, Clone)]
pub enum DocSource {
    Loaded(Box<Disclosure>),
    File {
        path: PathBuf,
        /// The content hash the document was loaded under, with the cache
        /// that holds it.
        cached: Option<(Cache, Key)>,
    },
}

impl DocSource {
    /// The model, or the error (`file:line: message`) when it can no
    /// longer be read.
    pub fn load(&self) -> Result<Disclosure, String> {
        match self {
            DocSource::Loaded(doc) => Ok((**doc).clone()),
            DocSource::File { path, cached } => {
                if let Some(doc) = cached.as_ref().and_then(|(cache, key)| cache.get(*key)) {
                    return Ok(doc);
                }
                let file = path.display().to_string();
                let bytes = crate::import::read_input(path, &file).map_err(|e| e.to_string())?;
                import_file(path, &bytes, &file).map_err(|e| e.to_string())
            }
        }
    }
}

/// The Departments tab's lines of every file named or found under a named
/// directory, with where to read each model when it is opened.
#[derive(Debug, Default)]
pub struct Lines {
    pub lines: Vec<DepartmentLine>,
    pub sources: Vec<DocSource>,
    pub problems: Vec<(PathBuf, ImportError)>,
}

/// [`Lines`] of `paths`: a cached document's line is read from the first
/// section of its entry (figures and error count, no model decoded); any
/// other document is loaded ([`load_inputs_with`] with
/// [`Options::count_errors`]), its line built, and its model dropped: it
/// is read again when opened (without a cache, imported again from its
/// file), so a thousand lines hold no thousand models.
pub fn load_lines(paths: &[PathBuf], options: &Options) -> (Lines, Stats) {
    let (files, problems) = expand(paths);
    let manifest = options
        .cache
        .as_ref()
        .map(|cache| Manifest::read(cache, paths));
    let counting = Options {
        count_errors: true,
        tables_only: false,
        ..options.clone()
    };
    let results = on_threads(&files, counting.thread_count(files.len()), |path| {
        line_one(path, &counting, manifest.as_ref())
    });
    let mut lines = Lines {
        problems,
        ..Lines::default()
    };
    let mut stats = Stats::default();
    let mut stamps = Vec::with_capacity(files.len());
    for (path, result) in files.into_iter().zip(results) {
        let Some(one) = result else {
            // Only a panicking worker leaves a slot empty.
            lines.problems.push((path.clone(), not_loaded(&path)));
            continue;
        };
        stats.count(one.hit);
        stamps.extend(one.stamp.map(|stamp| (path.clone(), stamp)));
        match one.result {
            Ok((line, source)) => {
                lines.lines.push(line);
                lines.sources.push(source);
            }
            Err(e) => lines.problems.push((path, e)),
        }
    }
    if let (Some(cache), Some(manifest)) = (&options.cache, manifest) {
        manifest.write_if_changed(cache, stamps);
    }
    (lines, stats)
}

/// One file's line: from its cache entry's first section when that has
/// the error count, else from its model.
fn line_one(
    path: &Path,
    options: &Options,
    manifest: Option<&Manifest>,
) -> Loading<(DepartmentLine, DocSource)> {
    let source = path.display().to_string();
    let stamp = manifest.and_then(|m| m.stamp_of(path));
    if let (Some(cache), Some(stamp)) = (&options.cache, stamp) {
        if let Some((facts, Some(errors))) = cache.get_line(Key(stamp.key)) {
            return Loading {
                result: Ok((
                    DepartmentLine::of_facts(&source, facts, errors),
                    DocSource::File {
                        path: path.to_path_buf(),
                        cached: Some((cache.clone(), Key(stamp.key))),
                    },
                )),
                hit: true,
                errors: Some(errors),
                stamp: Some(stamp),
            };
        }
    }
    let one = load_one(path, options, manifest);
    let result = one.result.map(|doc| {
        let errors = one.errors.unwrap_or_else(|| count_errors(&doc));
        let line = DepartmentLine::of_facts(&source, LineFacts::of(&doc), errors);
        // The model is dropped either way: read again from the cache, or
        // imported again from the file, when it is opened.
        let source = DocSource::File {
            path: path.to_path_buf(),
            cached: options.cache.clone().zip(one.stamp.map(|s| Key(s.key))),
        };
        (line, source)
    });
    Loading {
        result,
        hit: one.hit,
        errors: one.errors,
        stamp: one.stamp,
    }
}

/// The number of error findings all checks make on `doc`: the Departments
/// tab's column.
pub fn count_errors(doc: &Disclosure) -> usize {
    crate::check::run(doc)
        .findings
        .iter()
        .filter(|f| f.severity == crate::check::Severity::Error)
        .count()
}

/// What `lookup CODE` prints, read from the cache alone ([`lookup_code`]).
#[derive(Debug, Clone, PartialEq)]
pub struct CodeLookup {
    /// Every file, in load order.
    pub files: Vec<PathBuf>,
    /// Who published each file.
    pub docs: Vec<DocInfo>,
    /// The rows and cards carrying the code, in the order
    /// [`crate::search::exact_code_items`] lists them.
    pub items: Vec<CodedItem>,
}

/// `lookup CODE` over `paths` from the codes section of each file's cache
/// entry: a few matching items a document, no tables decoded and, with the
/// manifest, no file read. `None` — and the caller loads the documents —
/// when anything is not plain: the query is no code, a path is missing or
/// unreadable, a file is not in the cache, or nothing carries the code.
pub fn lookup_code(paths: &[PathBuf], options: &Options, query: &str) -> Option<CodeLookup> {
    let code_key = crate::search::exact_code_key(query)?;
    let cache = options.cache.as_ref()?;
    let (files, problems) = expand(paths);
    if !problems.is_empty() || files.is_empty() {
        return None;
    }
    let manifest = Manifest::read(cache, paths);
    let found = on_threads(&files, options.thread_count(files.len()), |path| {
        let stamp = match manifest.stamp_of(path) {
            Some(stamp) => stamp,
            None => hash_file(path, &path.display().to_string()).ok()?.1,
        };
        let found = cache.get_code(Key(stamp.key), &code_key)?;
        Some((found, stamp))
    });
    let mut docs = Vec::with_capacity(files.len());
    let mut per_doc = Vec::with_capacity(files.len());
    let mut stamps = Vec::with_capacity(files.len());
    for (path, found) in files.iter().zip(found) {
        let (found, stamp) = found.flatten()?;
        docs.push(DocInfo {
            department: found.department,
            year: found.year,
        });
        per_doc.push(found.items);
        stamps.push((path.clone(), stamp));
    }
    manifest.write_if_changed(cache, stamps);
    let items = crate::search::merge_exact_code_items(per_doc);
    (!items.is_empty()).then_some(CodeLookup { files, docs, items })
}

/// Reads `path` and returns its bytes and its stamp with their hash.
fn hash_file(path: &Path, file: &str) -> Result<(Vec<u8>, Stamp), ImportError> {
    // Stat before reading: a write during the read moves the change time
    // past the stamp, so the next load hashes the file again.
    let before = std::fs::metadata(path).ok();
    let bytes = crate::import::read_input(path, file)?;
    let key = Key::of(&bytes);
    // A file that cannot be stat'ed gets a stamp that matches nothing, so
    // it is hashed again next time.
    let stamp = before
        .and_then(|meta| Stamp::of(&meta, key))
        .unwrap_or(Stamp {
            key: key.0,
            ..Stamp::default()
        });
    Ok((bytes, stamp))
}

/// What a file looked like when it was hashed, and the hash.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
struct Stamp {
    len: u64,
    modified_ns: i128,
    changed_ns: i128,
    inode: u64,
    device: u64,
    /// The content hash ([`Key`]) of the bytes.
    key: u128,
}

impl Stamp {
    /// The stamp of a file with `meta` whose content hashes to `key`; `None`
    /// where the platform has no change time and inode (the file is then
    /// hashed on every load).
    #[cfg(unix)]
    fn of(meta: &std::fs::Metadata, key: Key) -> Option<Stamp> {
        use std::os::unix::fs::MetadataExt;
        let ns = |secs: i64, nanos: i64| i128::from(secs) * 1_000_000_000 + i128::from(nanos);
        Some(Stamp {
            len: meta.len(),
            modified_ns: ns(meta.mtime(), meta.mtime_nsec()),
            changed_ns: ns(meta.ctime(), meta.ctime_nsec()),
            inode: meta.ino(),
            device: meta.dev(),
            key: key.0,
        })
    }

    #[cfg(not(unix))]
    fn of(_meta: &std::fs::Metadata, _key: Key) -> Option<Stamp> {
        None
    }

    /// Whether the file has the same length, times, inode and device.
    fn same_file(&self, other: &Stamp) -> bool {
        Stamp {
            key: other.key,
            ..*self
        } == *other
    }

    /// Whether the file changed too recently to trust: a write within the
    /// file system's timestamp granularity of the hash would leave the
    /// same times on other bytes, so such a stamp is not kept.
    fn settled(&self) -> bool {
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos() as i128);
        now - self.changed_ns.max(self.modified_ns) > 2_000_000_000
    }
}

/// The stamps of the files one list of paths named, kept in the cache
/// directory (one manifest per working directory and list of paths, so
/// the same names always mean the same files), checked with an xxh3
/// checksum: a damaged manifest is an empty one.
struct Manifest {
    name: String,
    stamps: HashMap<PathBuf, Stamp>,
}

const MANIFEST_VERSION: u32 = 1;

impl Manifest {
    fn name_for(paths: &[PathBuf]) -> String {
        let cwd = std::env::current_dir().unwrap_or_default();
        let mut named = cwd.display().to_string();
        for path in paths {
            named.push('\0');
            named.push_str(&path.display().to_string());
        }
        format!(
            "manifest-v{MANIFEST_VERSION}-{:032x}.bin",
            xxhash_rust::xxh3::xxh3_128(named.as_bytes())
        )
    }

    fn read(cache: &Cache, paths: &[PathBuf]) -> Manifest {
        let name = Manifest::name_for(paths);
        let stamps = std::fs::read(cache.dir().join(&name))
            .ok()
            .and_then(|bytes| {
                let (checksum, body) = bytes.split_at_checked(8)?;
                let checksum = u64::from_le_bytes(checksum.try_into().ok()?);
                (xxhash_rust::xxh3::xxh3_64(body) == checksum).then_some(())?;
                rmp_serde::from_slice::<Vec<(PathBuf, Stamp)>>(body).ok()
            })
            .unwrap_or_default();
        Manifest {
            name,
            stamps: stamps.into_iter().collect(),
        }
    }

    /// The recorded stamp of `path` when the file is still the one recorded.
    fn stamp_of(&self, path: &Path) -> Option<Stamp> {
        let recorded = self.stamps.get(path)?;
        let meta = std::fs::metadata(path).ok()?;
        let now = Stamp::of(&meta, Key(recorded.key))?;
        recorded.same_file(&now).then_some(now)
    }

    /// Stores `stamps` (the settled ones) as the manifest, when they differ
    /// from what was read; like a cache entry, through a temporary file and
    /// a rename. A manifest that cannot be written only costs speed.
    fn write_if_changed(&self, cache: &Cache, stamps: Vec<(PathBuf, Stamp)>) {
        let stamps: Vec<(PathBuf, Stamp)> =
            stamps.into_iter().filter(|(_, s)| s.settled()).collect();
        let same = stamps.len() == self.stamps.len()
            && stamps
                .iter()
                .all(|(path, s)| self.stamps.get(path) == Some(s));
        if same {
            return;
        }
        let Ok(body) = rmp_serde::to_vec(&stamps) else {
            return;
        };
        let mut bytes = xxhash_rust::xxh3::xxh3_64(&body).to_le_bytes().to_vec();
        bytes.extend_from_slice(&body);
        let temp = cache
            .dir()
            .join(format!(".{}.{}.tmp", self.name, std::process::id()));
        let written = std::fs::create_dir_all(cache.dir())
            .and_then(|()| std::fs::write(&temp, &bytes))
            .and_then(|()| std::fs::rename(&temp, cache.dir().join(&self.name)));
        if written.is_err() {
            let _ = std::fs::remove_file(&temp);
        }
    }
}

/// Imports `bytes` read from `path` (named `file` in errors): RON model
/// files by their extension, anything else as a disclosure.
fn import_file(path: &Path, bytes: &[u8], file: &str) -> Result<Disclosure, ImportError> {
    if has_extension(path, "ron") {
        crate::import::from_ron_bytes(bytes, file)
    } else {
        crate::import::import_bytes(bytes, file)
    }
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

/// The problem of a file whose worker panicked (the only way a result is
/// missing).
fn not_loaded(path: &Path) -> ImportError {
    ImportError::new(&path.display().to_string(), 0, "was not loaded").zh("未能载入")
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
