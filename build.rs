//! Embeds a fingerprint of the model, importer, check and analysis sources
//! (`BUDGET_MODEL_FINGERPRINT`) in the binary. The import cache keys its
//! entries by it, so a build whose importer or model differs in any byte
//! never reads an entry another build wrote: a forgotten version bump cannot
//! serve a stale model. The checks and analysis are in it because an entry
//! also keeps the document's Departments line (its figures and its count of
//! error findings).

use std::path::Path;

fn main() {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for dir in ["src/model", "src/import", "src/check", "src/analysis"] {
        println!("cargo:rerun-if-changed={dir}");
        let mut files = Vec::new();
        collect(Path::new(dir), &mut files);
        files.sort();
        for file in files {
            // FNV-1a over each path and its bytes: small, dependency-free,
            // and only needs to change when a byte changes.
            let bytes = std::fs::read(&file).unwrap_or_default();
            for &b in file.to_string_lossy().as_bytes().iter().chain(&bytes) {
                hash ^= u64::from(b);
                hash = hash.wrapping_mul(0x0100_0000_01b3);
            }
        }
    }
    println!("cargo:rustc-env=BUDGET_MODEL_FINGERPRINT={hash:016x}");
}

fn collect(dir: &Path, files: &mut Vec<std::path::PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, files);
        } else {
            files.push(path);
        }
    }
}
