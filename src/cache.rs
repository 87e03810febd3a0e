//! A persistent cache of imported disclosures, so that the second look at a
//! corpus does not import every file again.
//!
//! Each entry is one file under `$XDG_CACHE_HOME/budget` (or
//! `~/.cache/budget`), named by a 128-bit xxh3 hash of the input file's bytes
//! and the [`FORMAT_VERSION`]: never by name or modification time, so an
//! edited file is a miss and a renamed one a hit. An entry holds a header
//! (magic, format version, crate version and model fingerprint, the content
//! hash again) and two sections, each with its length and checksum: the
//! tables-only form that `lookup CODE` and `--sum` read (a prefix of the
//! file), then the whole model, both as MessagePack with field names.
//! Anything that does not match — a short file, another version, a flipped
//! bit — is ignored (a miss), and the fresh import overwrites it: an entry
//! is never trusted.
//!
//! Why MessagePack with named fields: measured on the seed (`cargo bench
//! --bench cache`), postcard and bincode cannot read the model back (the
//! model omits absent `page` fields, which a positional format cannot skip),
//! and of the formats that round-trip, MessagePack decodes fastest (222 µs
//! against CBOR's 562, JSON's 363, RON's 1,260) at 88 KB against the text's
//! 59 KB.
//!
//! xxh3 is not a cryptographic hash: a cache entry could be forged by
//! someone who can write to the cache directory anyway. It is used because
//! hashing is on the path of every warm load (GB/s, against SHA-256's few
//! hundred MB/s).

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::model::Disclosure;

/// Bumped when the entry layout changes. Changes to the model or the
/// importer need no bump: the key also holds a fingerprint of their sources
/// (`build.rs`), so entries written by a build that imports differently are
/// misses.
pub const FORMAT_VERSION: u32 = 2;

const MAGIC: &[u8; 8] = b"BUDGETC\0";

/// The key of one input: the hash of its bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key(u128);

impl Key {
    /// The key of a file's content.
    pub fn of(bytes: &[u8]) -> Key {
        Key(xxhash_rust::xxh3::xxh3_128(bytes))
    }

    fn file_name(self) -> String {
        format!(
            "{:032x}-v{FORMAT_VERSION}-{}.msgpack",
            self.0,
            env!("BUDGET_MODEL_FINGERPRINT")
        )
    }
}

/// The cache directory and what it holds.
#[derive(Debug, Clone)]
pub struct Cache {
    dir: PathBuf,
}

impl Cache {
    /// A cache in `dir` (created on the first write).
    pub fn at(dir: impl Into<PathBuf>) -> Cache {
        Cache { dir: dir.into() }
    }

    /// `$XDG_CACHE_HOME/budget`, else `$HOME/.cache/budget`; `None` when
    /// neither variable is set (the cache is then off).
    pub fn default_dir() -> Option<PathBuf> {
        let non_empty = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty());
        if let Some(xdg) = non_empty("XDG_CACHE_HOME") {
            // The XDG spec ignores a relative path.
            let xdg = PathBuf::from(xdg);
            if xdg.is_absolute() {
                return Some(xdg.join("budget"));
            }
        }
        non_empty("HOME").map(|home| PathBuf::from(home).join(".cache").join("budget"))
    }

    /// The cache in [`Cache::default_dir`].
    pub fn default_location() -> Option<Cache> {
        Cache::default_dir().map(Cache::at)
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Where the entry for `key` lives.
    pub fn entry_path(&self, key: Key) -> PathBuf {
        self.dir.join(key.file_name())
    }

    /// The model cached for `key`, or `None` when there is none or it is
    /// not exactly what this build would write (stale, truncated, corrupt).
    pub fn get(&self, key: Key) -> Option<Disclosure> {
        let bytes = std::fs::read(self.entry_path(key)).ok()?;
        decode(&bytes, key, Part::Full)
    }

    /// The tables-only form ([`tables_only`]) cached for `key`, read from the
    /// start of the entry alone: what `lookup CODE` and `--sum` need, at a
    /// fraction of the reading and decoding.
    pub fn get_tables_only(&self, key: Key) -> Option<Disclosure> {
        use std::io::Read;
        let mut file = std::fs::File::open(self.entry_path(key)).ok()?;
        let mut head = vec![0; HEADER_MAX];
        let got = read_up_to(&mut file, &mut head).ok()?;
        head.truncate(got);
        let (header_len, first_len) = first_section_end(&head, key)?;
        let wanted = header_len.checked_add(16)?.checked_add(first_len)?;
        if head.len() < wanted {
            let mut rest = vec![0; wanted - head.len()];
            file.read_exact(&mut rest).ok()?;
            head.extend_from_slice(&rest);
        }
        decode(&head[..wanted], key, Part::TablesOnly)
    }

    /// Stores `doc` for `key`: written to a temporary file in the cache
    /// directory and renamed, so a reader never sees half an entry and two
    /// processes writing the same entry both leave a whole one.
    pub fn put(&self, key: Key, doc: &Disclosure) -> std::io::Result<()> {
        let bytes = encode(doc, key).map_err(std::io::Error::other)?;
        std::fs::create_dir_all(&self.dir)?;
        let target = self.entry_path(key);
        let temp = self
            .dir
            .join(format!(".{}.{}.tmp", key.file_name(), std::process::id()));
        let written = std::fs::File::create(&temp).and_then(|mut file| file.write_all(&bytes));
        match written.and_then(|()| std::fs::rename(&temp, &target)) {
            Ok(()) => Ok(()),
            Err(e) => {
                // Leave no temporary file behind; the error is what matters.
                let _ = std::fs::remove_file(&temp);
                Err(e)
            }
        }
    }
}

/// The longest header: magic, version, a one-byte-long build id, the key.
const HEADER_MAX: usize = 8 + 4 + 1 + 255 + 16 + 16 + 4096;

/// Which part of an entry to decode.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Part {
    TablesOnly,
    Full,
}

/// `doc` without what `lookup CODE` and `--sum` never read: the narrative,
/// glossary, procurement and assets, and each card's indicators, plan and
/// texts (its code, name, unit and funds stay). Tables are kept whole.
pub fn tables_only(doc: &Disclosure) -> Disclosure {
    let mut light = Disclosure {
        department: doc.department.clone(),
        tables: doc.tables.clone(),
        narrative: Vec::new(),
        projects: doc.projects.clone(),
        procurement: None,
        assets: None,
        glossary: Vec::new(),
        // The reader of a light copy looks figures up; what the import
        // noticed belongs to the full model.
        import_notes: Vec::new(),
    };
    for card in &mut light.projects {
        card.indicators = Vec::new();
        card.spending_plan = Vec::new();
        card.extra = Vec::new();
        card.goal = String::new();
        card.purpose = String::new();
    }
    light
}

fn read_up_to(file: &mut std::fs::File, buf: &mut [u8]) -> std::io::Result<usize> {
    use std::io::Read;
    let mut filled = 0;
    while filled < buf.len() {
        match file.read(&mut buf[filled..])? {
            0 => break,
            n => filled += n,
        }
    }
    Ok(filled)
}

/// Header: magic, format version (u32 LE), build id length (u8) and bytes
/// (crate version + model fingerprint), key (u128 LE); then two sections,
/// each its body length (u64 LE), its checksum (xxh3-64 LE) and its body:
/// first [`tables_only`], then the whole model.
fn encode(doc: &Disclosure, key: Key) -> Result<Vec<u8>, rmp_serde::encode::Error> {
    let light = rmp_serde::to_vec_named(&tables_only(doc))?;
    let full = rmp_serde::to_vec_named(doc)?;
    let id = build_id().as_bytes();
    let mut out = Vec::with_capacity(light.len() + full.len() + 96);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
    // A build id is a few dozen bytes; one byte of length is plenty.
    out.push(id.len().min(255) as u8);
    out.extend_from_slice(&id[..id.len().min(255)]);
    out.extend_from_slice(&key.0.to_le_bytes());
    for body in [&light, &full] {
        out.extend_from_slice(&(body.len() as u64).to_le_bytes());
        out.extend_from_slice(&xxhash_rust::xxh3::xxh3_64(body).to_le_bytes());
        out.extend_from_slice(body);
    }
    Ok(out)
}

/// The crate version and the model fingerprint, as stored in each entry.
fn build_id() -> &'static str {
    concat!(
        env!("CARGO_PKG_VERSION"),
        "+",
        env!("BUDGET_MODEL_FINGERPRINT")
    )
}

/// A reader over an entry's bytes that fails instead of panicking.
struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let (head, tail) = self.0.split_at_checked(n)?;
        self.0 = tail;
        Some(head)
    }

    fn u64(&mut self) -> Option<u64> {
        Some(u64::from_le_bytes(self.take(8)?.try_into().ok()?))
    }
}

/// Checks the header; returns the reader after it.
fn header(bytes: &[u8], key: Key) -> Option<Reader<'_>> {
    let mut r = Reader(bytes);
    if r.take(MAGIC.len())? != MAGIC {
        return None;
    }
    if u32::from_le_bytes(r.take(4)?.try_into().ok()?) != FORMAT_VERSION {
        return None;
    }
    let id_len = usize::from(*r.take(1)?.first()?);
    if r.take(id_len)? != build_id().as_bytes() {
        return None;
    }
    if u128::from_le_bytes(r.take(16)?.try_into().ok()?) != key.0 {
        return None;
    }
    Some(r)
}

/// The header's length and the first section's body length.
fn first_section_end(bytes: &[u8], key: Key) -> Option<(usize, usize)> {
    let mut r = header(bytes, key)?;
    let header_len = bytes.len() - r.0.len();
    let len = usize::try_from(r.u64()?).ok()?;
    Some((header_len, len))
}

/// One section: its body, checked against its length and checksum.
fn section<'a>(r: &mut Reader<'a>) -> Option<&'a [u8]> {
    let len = usize::try_from(r.u64()?).ok()?;
    let checksum = r.u64()?;
    let body = r.take(len)?;
    (xxhash_rust::xxh3::xxh3_64(body) == checksum).then_some(body)
}

fn decode(bytes: &[u8], key: Key, part: Part) -> Option<Disclosure> {
    let mut r = header(bytes, key)?;
    let light = section(&mut r)?;
    let body = match part {
        Part::TablesOnly => light,
        Part::Full => {
            let full = section(&mut r)?;
            // Nothing may follow: a longer file is not one this build wrote.
            if !r.0.is_empty() {
                return None;
            }
            full
        }
    };
    rmp_serde::from_slice(body).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seed() -> Disclosure {
        crate::bundled::disclosure().expect("the bundled disclosure loads")
    }

    fn temp_dir(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("budget-cache-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        dir
    }

    #[test]
    fn an_entry_reads_back_the_same_model() {
        let dir = temp_dir("roundtrip");
        let cache = Cache::at(&dir);
        let doc = seed();
        let key = Key::of(b"the file's bytes");
        assert!(cache.get(key).is_none(), "a miss before the first put");
        cache.put(key, &doc).expect("the entry is written");
        let back = cache.get(key).expect("a hit after the put");
        assert_eq!(back, doc);
        assert_eq!(
            back.tables[1].sides[0].rows[3].amounts[0].map(|d| d.to_string()),
            Some("2349.56".to_string())
        );
        let light = cache.get_tables_only(key).expect("the first section");
        assert_eq!(light, tables_only(&doc));
        assert_eq!(light.tables, doc.tables);
        assert!(light.narrative.is_empty() && light.projects[0].indicators.is_empty());
        assert_eq!(light.projects[1].code, "13050025P00945010077D");
        // Another content is another key.
        assert!(cache.get(Key::of(b"other bytes")).is_none());
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn every_damaged_entry_is_a_miss() {
        let doc = seed();
        let key = Key::of(b"content");
        let good = encode(&doc, key).expect("encodes");
        assert!(decode(&good, key, Part::Full).is_some());
        assert!(decode(&good, key, Part::TablesOnly).is_some());
        // Truncated anywhere, or any single byte of the header or body
        // flipped: never a model.
        for cut in [0, 4, 8, 20, good.len() / 2, good.len() - 1] {
            assert!(
                decode(&good[..cut], key, Part::Full).is_none(),
                "cut at {cut}"
            );
        }
        for at in (0..good.len()).step_by(97).chain([good.len() - 1]) {
            let mut bad = good.clone();
            bad[at] ^= 0x20;
            assert!(decode(&bad, key, Part::Full).is_none(), "byte {at} flipped");
        }
        // Someone else's key, an older format version.
        assert!(decode(&good, Key::of(b"other"), Part::Full).is_none());
        assert!(decode(&good, Key::of(b"other"), Part::TablesOnly).is_none());
        let mut old = good.clone();
        old[8..12].copy_from_slice(&(FORMAT_VERSION + 1).to_le_bytes());
        assert!(decode(&old, key, Part::Full).is_none());
        assert!(decode(&old, key, Part::TablesOnly).is_none());
    }
}
