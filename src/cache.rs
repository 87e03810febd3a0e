//! A persistent cache of imported disclosures, so that the second look at a
//! corpus does not import every file again.
//!
//! Each entry is one file under `$XDG_CACHE_HOME/budget` (or
//! `~/.cache/budget`), named by a 128-bit xxh3 hash of the input file's bytes
//! and the [`FORMAT_VERSION`]: never by name or modification time, so an
//! edited file is a miss and a renamed one a hit. An entry holds a header
//! (magic, format version, crate version and model fingerprint, the content hash again, the length
//! and a checksum of the body) and the model as MessagePack with field names.
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
pub const FORMAT_VERSION: u32 = 1;

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
        decode(&bytes, key)
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

/// Header: magic, format version (u32 LE), build id length (u8) and bytes
/// (crate version + model fingerprint), key (u128 LE), body length (u64 LE), body checksum (xxh3-64 LE).
fn encode(doc: &Disclosure, key: Key) -> Result<Vec<u8>, rmp_serde::encode::Error> {
    let body = rmp_serde::to_vec_named(doc)?;
    let version = build_id().as_bytes();
    let mut out = Vec::with_capacity(body.len() + 64);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
    // A crate version is a few bytes; one byte of length is plenty.
    out.push(version.len().min(255) as u8);
    out.extend_from_slice(&version[..version.len().min(255)]);
    out.extend_from_slice(&key.0.to_le_bytes());
    out.extend_from_slice(&(body.len() as u64).to_le_bytes());
    out.extend_from_slice(&xxhash_rust::xxh3::xxh3_64(&body).to_le_bytes());
    out.extend_from_slice(&body);
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

fn decode(bytes: &[u8], key: Key) -> Option<Disclosure> {
    let mut rest = bytes;
    let mut take = |n: usize| -> Option<&[u8]> {
        let (head, tail) = rest.split_at_checked(n)?;
        rest = tail;
        Some(head)
    };
    if take(MAGIC.len())? != MAGIC {
        return None;
    }
    if u32::from_le_bytes(take(4)?.try_into().ok()?) != FORMAT_VERSION {
        return None;
    }
    let version_len = usize::from(*take(1)?.first()?);
    if take(version_len)? != build_id().as_bytes() {
        return None;
    }
    if u128::from_le_bytes(take(16)?.try_into().ok()?) != key.0 {
        return None;
    }
    let len = u64::from_le_bytes(take(8)?.try_into().ok()?);
    let checksum = u64::from_le_bytes(take(8)?.try_into().ok()?);
    let body = rest;
    if body.len() as u64 != len || xxhash_rust::xxh3::xxh3_64(body) != checksum {
        return None;
    }
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
        // Another content is another key.
        assert!(cache.get(Key::of(b"other bytes")).is_none());
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn every_damaged_entry_is_a_miss() {
        let doc = seed();
        let key = Key::of(b"content");
        let good = encode(&doc, key).expect("encodes");
        assert!(decode(&good, key).is_some());
        // Truncated anywhere, or any single byte of the header or body
        // flipped: never a model.
        for cut in [0, 4, 8, 20, good.len() / 2, good.len() - 1] {
            assert!(decode(&good[..cut], key).is_none(), "cut at {cut}");
        }
        for at in (0..good.len()).step_by(97).chain([good.len() - 1]) {
            let mut bad = good.clone();
            bad[at] ^= 0x20;
            assert!(decode(&bad, key).is_none(), "byte {at} flipped");
        }
        // Someone else's key, an older format version.
        assert!(decode(&good, Key::of(b"other")).is_none());
        let mut old = good.clone();
        old[8..12].copy_from_slice(&(FORMAT_VERSION + 1).to_le_bytes());
        assert!(decode(&old, key).is_none());
    }
}
