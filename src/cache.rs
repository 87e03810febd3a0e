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

use crate::analysis::library::LineFacts;
use crate::model::Disclosure;
use crate::search::{CodedItem, CodedItems};

/// Bumped when the entry layout changes. Changes to the model or the
/// importer need no bump: the key also holds a fingerprint of their sources
/// (`build.rs`), so entries written by a build that imports differently are
/// misses.
/// 4: [`LineFacts`] holds each document's per-code figures for the aggregate.
pub const FORMAT_VERSION: u32 = 4;

const MAGIC: &[u8; 8] = b"BUDGETC\0";

/// The key of one input: the hash of its bytes (public so a manifest can
/// keep it; an entry read under a wrong key fails its header check).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key(pub u128);

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
        self.get_counted(key).map(|(doc, _)| doc)
    }

    /// [`Cache::get`] with the document's count of error findings, when the
    /// entry was written by a caller that knew it.
    pub fn get_counted(&self, key: Key) -> Option<(Disclosure, Option<usize>)> {
        let bytes = std::fs::read(self.entry_path(key)).ok()?;
        // All three sections and nothing after: a longer or shorter file is
        // not one this build wrote.
        let [head, _, full] = prefix_sections(&bytes, key)?;
        let errors = CodesSection::parse(head)?.errors;
        Some((rmp_serde::from_slice(full).ok()?, errors))
    }

    /// The tables-only form ([`tables_only`]) cached for `key`, read from the
    /// start of the entry alone: what `lookup CODE --all-columns` and
    /// `--sum` need, at a fraction of the reading and decoding.
    pub fn get_tables_only(&self, key: Key) -> Option<Disclosure> {
        let bytes = self.read_prefix(key, 2)?;
        let [head, tables] = prefix_sections(&bytes, key)?;
        CodesSection::parse(head)?;
        rmp_serde::from_slice(tables).ok()
    }

    /// The items of the rows and cards of the document cached for `key`
    /// whose code is `code_key` (as [`crate::search::exact_code_key`] makes
    /// it), read from the first section alone: `Some` with an empty list
    /// when the document has no such code, `None` on a miss.
    pub fn get_code(&self, key: Key, code_key: &str) -> Option<CodeMatch> {
        let bytes = self.read_prefix(key, 1)?;
        let [head] = prefix_sections(&bytes, key)?;
        let codes = CodesSection::parse(head)?;
        let items = match codes.find(code_key) {
            Some(payload) => rmp_serde::from_slice(payload).ok()?,
            None => Vec::new(),
        };
        Some(CodeMatch {
            department: codes.department.to_string(),
            year: codes.year,
            items,
        })
    }

    /// The Departments line's figures of the document cached for `key` and
    /// its count of error findings when known, read from the first section
    /// alone: the tab opens without decoding any model.
    pub fn get_line(&self, key: Key) -> Option<(LineFacts, Option<usize>)> {
        let bytes = self.read_prefix(key, 1)?;
        let [head] = prefix_sections(&bytes, key)?;
        let codes = CodesSection::parse(head)?;
        Some((rmp_serde::from_slice(codes.facts).ok()?, codes.errors))
    }

    /// The header and the first `count` sections of the entry for `key`,
    /// read from the start of the file; `None` when the file is shorter
    /// than its own lengths say.
    fn read_prefix(&self, key: Key, count: usize) -> Option<Vec<u8>> {
        let mut file = std::fs::File::open(self.entry_path(key)).ok()?;
        let file_len = usize::try_from(file.metadata().ok()?.len()).ok()?;
        let mut bytes = vec![0; FIRST_READ.min(file_len)];
        let got = read_up_to(&mut file, &mut bytes).ok()?;
        bytes.truncate(got);
        let mut end = bytes.len() - header(&bytes, key)?.0.len();
        for _ in 0..count {
            extend_to(&mut file, &mut bytes, end.checked_add(16)?, file_len)?;
            let len = usize::try_from(Reader(&bytes[end..]).u64()?).ok()?;
            end = end.checked_add(16)?.checked_add(len)?;
        }
        extend_to(&mut file, &mut bytes, end, file_len)?;
        bytes.truncate(end);
        Some(bytes)
    }

    /// Stores `doc` for `key` with its count of error findings when the
    /// caller knows it: written to a temporary file in the cache directory
    /// and renamed, so a reader never sees half an entry and two processes
    /// writing the same entry both leave a whole one.
    pub fn put(&self, key: Key, doc: &Disclosure, errors: Option<usize>) -> std::io::Result<()> {
        let bytes = encode(doc, key, errors).map_err(std::io::Error::other)?;
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

/// What `lookup CODE` reads of one cached document.
#[derive(Debug, Clone, PartialEq)]
pub struct CodeMatch {
    pub department: String,
    pub year: u16,
    /// The document's rows and cards with the code, with document index 0.
    pub items: Vec<CodedItem>,
}

/// The first read of an entry: the header and the codes section in one
/// system call for most documents (the generated corpus's codes sections
/// are 15–21 KB; a longer one takes a second read).
const FIRST_READ: usize = 32 * 1024;

/// Reads `file` on into `bytes` until it holds `want` bytes; `None` when the
/// file (of `file_len` bytes) is shorter, so a corrupt length never makes a
/// huge allocation.
fn extend_to(
    file: &mut std::fs::File,
    bytes: &mut Vec<u8>,
    want: usize,
    file_len: usize,
) -> Option<()> {
    use std::io::Read;
    if want > file_len {
        return None;
    }
    if bytes.len() < want {
        let have = bytes.len();
        bytes.resize(want, 0);
        file.read_exact(&mut bytes[have..]).ok()?;
    }
    Some(())
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
/// (crate version + model fingerprint), key (u128 LE); then three sections,
/// each its body length (u64 LE), its checksum (xxh3-64 LE) and its body:
/// the codes section ([`CodesSection`]), [`tables_only`] and the whole model
/// (both MessagePack with field names).
fn encode(
    doc: &Disclosure,
    key: Key,
    errors: Option<usize>,
) -> Result<Vec<u8>, rmp_serde::encode::Error> {
    let head = CodesSection::encode(&CodedItems::of(doc), &LineFacts::of(doc), errors)?;
    let light = rmp_serde::to_vec_named(&tables_only(doc))?;
    let full = rmp_serde::to_vec_named(doc)?;
    let id = build_id().as_bytes();
    let mut out = Vec::with_capacity(head.len() + light.len() + full.len() + 128);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
    // A build id is a few dozen bytes; one byte of length is plenty.
    out.push(id.len().min(255) as u8);
    out.extend_from_slice(&id[..id.len().min(255)]);
    out.extend_from_slice(&key.0.to_le_bytes());
    for body in [&head, &light, &full] {
        out.extend_from_slice(&(body.len() as u64).to_le_bytes());
        out.extend_from_slice(&xxhash_rust::xxh3::xxh3_64(body).to_le_bytes());
        out.extend_from_slice(body);
    }
    Ok(out)
}

/// The first section: the document's count of error findings (`u32::MAX`
/// when not counted), its year (u16) and department (u32 length, UTF-8),
/// its Departments line's [`LineFacts`] (u32 length, MessagePack), then a
/// directory of its codes — count (u32), and for each its
/// normalised code (u8 length, bytes) and payload length (u32) — and the
/// payloads: each code's [`CodedItem`]s as MessagePack. A lookup walks the
/// directory without allocating and decodes one payload.
struct CodesSection<'a> {
    errors: Option<usize>,
    year: u16,
    department: &'a str,
    /// [`LineFacts`] as MessagePack.
    facts: &'a [u8],
    /// (code, payload), in the directory's (byte) order.
    codes: Vec<(&'a [u8], &'a [u8])>,
}

const NOT_COUNTED: u32 = u32::MAX;

impl<'a> CodesSection<'a> {
    fn encode(
        coded: &CodedItems,
        facts: &LineFacts,
        errors: Option<usize>,
    ) -> Result<Vec<u8>, rmp_serde::encode::Error> {
        let mut out = Vec::new();
        let errors = errors.map_or(NOT_COUNTED, |n| u32::try_from(n).unwrap_or(NOT_COUNTED - 1));
        out.extend_from_slice(&errors.to_le_bytes());
        out.extend_from_slice(&coded.year.to_le_bytes());
        push_len32(&mut out, coded.department.len());
        out.extend_from_slice(coded.department.as_bytes());
        let facts = rmp_serde::to_vec_named(facts)?;
        push_len32(&mut out, facts.len());
        out.extend_from_slice(&facts);
        // A code longer than 255 bytes is no classification or project
        // code: it is left out (a lookup of it falls back to the tables).
        let codes: Vec<&(String, Vec<CodedItem>)> = coded
            .codes
            .iter()
            .filter(|(code, _)| code.len() <= 255)
            .collect();
        let payloads = codes
            .iter()
            .map(|(_, items)| rmp_serde::to_vec_named(items))
            .collect::<Result<Vec<_>, _>>()?;
        push_len32(&mut out, codes.len());
        for ((code, _), payload) in codes.iter().zip(&payloads) {
            out.push(code.len() as u8);
            out.extend_from_slice(code.as_bytes());
            push_len32(&mut out, payload.len());
        }
        for payload in &payloads {
            out.extend_from_slice(payload);
        }
        Ok(out)
    }

    fn parse(body: &'a [u8]) -> Option<CodesSection<'a>> {
        let mut r = Reader(body);
        let errors = r.u32()?;
        let year = u16::from_le_bytes(r.take(2)?.try_into().ok()?);
        let department = std::str::from_utf8(r.take_len32()?).ok()?;
        let facts = r.take_len32()?;
        let count = usize::try_from(r.u32()?).ok()?;
        // Each directory line is at least five bytes: a corrupt count
        // cannot make a huge allocation.
        let mut directory = Vec::with_capacity(count.min(r.0.len() / 5));
        for _ in 0..count {
            let code_len = usize::from(*r.take(1)?.first()?);
            let code = r.take(code_len)?;
            directory.push((code, usize::try_from(r.u32()?).ok()?));
        }
        let mut codes = Vec::with_capacity(directory.len());
        for (code, len) in directory {
            codes.push((code, r.take(len)?));
        }
        // Nothing may follow the payloads.
        r.0.is_empty().then_some(CodesSection {
            errors: (errors != NOT_COUNTED).then_some(errors as usize),
            year,
            department,
            facts,
            codes,
        })
    }

    /// The payload of `code_key`.
    fn find(&self, code_key: &str) -> Option<&'a [u8]> {
        let wanted = code_key.as_bytes();
        self.codes
            .binary_search_by(|(code, _)| (*code).cmp(wanted))
            .ok()
            .map(|at| self.codes[at].1)
    }
}

fn push_len32(out: &mut Vec<u8>, len: usize) {
    // Sections are written from one document's model: far below 4 GiB.
    out.extend_from_slice(&u32::try_from(len).unwrap_or(u32::MAX).to_le_bytes());
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

    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }

    /// A u32 length and that many bytes.
    fn take_len32(&mut self) -> Option<&'a [u8]> {
        let len = usize::try_from(self.u32()?).ok()?;
        self.take(len)
    }
}

/// Checks the header; returns the reader after it.
fn header(bytes: &[u8], key: Key) -> Option<Reader<'_>> {
    let mut r = Reader(bytes);
    if r.take(MAGIC.len())? != MAGIC {
        return None;
    }
    if r.u32()? != FORMAT_VERSION {
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

/// One section: its body, checked against its length and checksum.
fn section<'a>(r: &mut Reader<'a>) -> Option<&'a [u8]> {
    let len = usize::try_from(r.u64()?).ok()?;
    let checksum = r.u64()?;
    let body = r.take(len)?;
    (xxhash_rust::xxh3::xxh3_64(body) == checksum).then_some(body)
}

/// The first `N` sections of `bytes`, each checked; nothing may follow them
/// (a prefix is cut at the end of its last section).
fn prefix_sections<const N: usize>(bytes: &[u8], key: Key) -> Option<[&[u8]; N]> {
    let mut r = header(bytes, key)?;
    let mut out = [&bytes[..0]; N];
    for body in &mut out {
        *body = section(&mut r)?;
    }
    r.0.is_empty().then_some(out)
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

    /// The model and count a whole entry's bytes decode to.
    fn decode_full(bytes: &[u8], key: Key) -> Option<(Disclosure, Option<usize>)> {
        let [head, _, full] = prefix_sections(bytes, key)?;
        let errors = CodesSection::parse(head)?.errors;
        Some((rmp_serde::from_slice(full).ok()?, errors))
    }

    #[test]
    fn an_entry_reads_back_the_same_model() {
        let dir = temp_dir("roundtrip");
        let cache = Cache::at(&dir);
        let doc = seed();
        let key = Key::of(b"the file's bytes");
        assert!(cache.get(key).is_none(), "a miss before the first put");
        cache.put(key, &doc, Some(5)).expect("the entry is written");
        let (back, errors) = cache.get_counted(key).expect("a hit after the put");
        assert_eq!(back, doc);
        assert_eq!(errors, Some(5));
        assert_eq!(
            back.tables[1].sides[0].rows[3].amounts[0].map(|d| d.to_string()),
            Some("2349.56".to_string())
        );
        let light = cache.get_tables_only(key).expect("the second section");
        assert_eq!(light, tables_only(&doc));
        assert_eq!(light.tables, doc.tables);
        assert!(light.narrative.is_empty() && light.projects[0].indicators.is_empty());
        assert_eq!(light.projects[1].code, "13050025P00945010077D");
        // Another content is another key.
        assert!(cache.get(Key::of(b"other bytes")).is_none());
        let (facts, errors) = cache.get_line(key).expect("the line");
        assert_eq!(facts, LineFacts::of(&doc));
        assert_eq!(errors, Some(5));
        assert_eq!(facts.name, "邢台市人民政府办公室");
        // The per-code figures of the All departments aggregate, as printed.
        let office = facts.functional.iter().find(|f| f.code == "2010301");
        assert_eq!(
            office.map(|f| (f.name.as_str(), f.wan.to_string())),
            Some(("行政运行", "2349.56".to_string()))
        );
        assert!(facts.economic.iter().any(|f| f.code == "30101"));
        assert_eq!(facts.unconverted, 0);
        // Written without a count, read back without one.
        cache.put(key, &doc, None).expect("rewritten");
        assert_eq!(cache.get_counted(key).map(|(_, e)| e), Some(None));
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn the_codes_section_holds_what_an_exact_code_scan_finds() {
        let dir = temp_dir("codes");
        let cache = Cache::at(&dir);
        let doc = seed();
        let key = Key::of(b"codes");
        cache.put(key, &doc, None).expect("the entry is written");
        for code in [
            "2010301",
            "201",
            "30201",
            "13050025P00945010077D",
            "１３０５００２５p00945010077d",
        ] {
            let scanned = crate::search::exact_code_items(std::slice::from_ref(&doc), code);
            let found = cache
                .get_code(key, &crate::search::exact_code_key(code).expect("a code"))
                .expect("a hit");
            assert_eq!(found.department, doc.department.name);
            assert_eq!(found.year, doc.department.budget_year);
            assert_eq!(
                found.items.iter().map(|c| &c.item).collect::<Vec<_>>(),
                scanned.iter().collect::<Vec<_>>(),
                "{code}"
            );
            for coded in &found.items {
                assert_eq!(coded.page, coded.item.place.page(&doc));
                assert_eq!(coded.line, coded.item.place.line(&doc));
            }
        }
        let row = cache.get_code(key, "2010301").expect("a hit").items;
        // 收入总表, 支出总表 and the 财政拨款 expenditure table print it.
        assert_eq!(row.len(), 3);
        assert!(row.iter().all(|c| c.item.name == "行政运行"));
        // A code no row carries: a hit with nothing in it.
        assert_eq!(
            cache.get_code(key, "9999999").map(|m| m.items.len()),
            Some(0)
        );
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn every_damaged_entry_is_a_miss() {
        let doc = seed();
        let key = Key::of(b"content");
        let good = encode(&doc, key, Some(3)).expect("encodes");
        assert_eq!(decode_full(&good, key).map(|(_, e)| e), Some(Some(3)));
        // Truncated anywhere, or any single byte of the header or body
        // flipped: never a model.
        for cut in [0, 4, 8, 20, good.len() / 2, good.len() - 1] {
            assert!(decode_full(&good[..cut], key).is_none(), "cut at {cut}");
        }
        for at in (0..good.len()).step_by(97).chain([good.len() - 1]) {
            let mut bad = good.clone();
            bad[at] ^= 0x20;
            assert!(decode_full(&bad, key).is_none(), "byte {at} flipped");
        }
        // Someone else's key, an older format version.
        assert!(decode_full(&good, Key::of(b"other")).is_none());
        assert!(prefix_sections::<1>(&good, Key::of(b"other")).is_none());
        let mut old = good.clone();
        old[8..12].copy_from_slice(&(FORMAT_VERSION - 1).to_le_bytes());
        assert!(decode_full(&old, key).is_none());
        assert!(prefix_sections::<1>(&old, key).is_none());
    }

    #[test]
    fn damaged_entries_on_disk_are_misses_for_every_reader() {
        let dir = temp_dir("damaged");
        let cache = Cache::at(&dir);
        let doc = seed();
        let key = Key::of(b"damaged");
        cache.put(key, &doc, Some(1)).expect("written");
        let path = cache.entry_path(key);
        let good = std::fs::read(&path).expect("read back");
        // A flipped byte in the codes section, in the tables, a length that
        // claims more than the file holds.
        // Byte 200 is inside the codes section (it follows a ~70-byte header).
        let head_at = 200;
        for (at, what) in [(head_at, "codes"), (good.len() / 3, "tables")] {
            let mut bad = good.clone();
            bad[at] ^= 0x01;
            std::fs::write(&path, &bad).expect("written");
            assert!(cache.get(key).is_none(), "{what}");
            if what == "codes" {
                assert!(cache.get_code(key, "2010301").is_none(), "{what}");
                assert!(cache.get_tables_only(key).is_none(), "{what}");
            }
        }
        let header_len = good.len() - header(&good, key).expect("a header").0.len();
        let mut huge = good.clone();
        huge[header_len..header_len + 8].copy_from_slice(&u64::MAX.to_le_bytes());
        std::fs::write(&path, &huge).expect("written");
        assert!(cache.get_code(key, "2010301").is_none());
        assert!(cache.get_tables_only(key).is_none());
        let _ = std::fs::remove_dir_all(&dir);
    }
}
