//! The CLI's output paths: standard output and error that never panic, and
//! output files written atomically and never over the input.
//!
//! Exit codes for a failed write: a reader that stops early (`| head`)
//! closes the pipe, which ends the output quietly and keeps the command's
//! own exit code (so `check` still says 1 when there are error findings);
//! any other failure to write standard output is exit 2. A failure to write
//! standard error changes nothing: the message is lost, the exit code stays.

use std::io::{self, Write};
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};

use budget_tui::i18n::{t, Lang, Msg};

/// Whether the messages of this run are in English (`--lang en`, or the
/// configuration's); set once in `main` before anything is printed. One
/// language per process: every message on standard error speaks it.
static ENGLISH: AtomicBool = AtomicBool::new(false);

/// Sets the language of the messages this run prints.
pub fn set_lang(lang: Lang) {
    ENGLISH.store(lang == Lang::En, Ordering::Relaxed);
}

/// The language of the messages this run prints.
pub fn lang() -> Lang {
    if ENGLISH.load(Ordering::Relaxed) {
        Lang::En
    } else {
        Lang::Zh
    }
}

/// Why standard output could not be written.
#[derive(Debug)]
pub enum Stdout {
    /// The reader went away (EPIPE): stop writing, keep the exit code.
    Closed,
    /// Anything else (a full disk, EIO): reported, exit 2.
    Failed(io::Error),
}

/// Writes `text` to standard output and flushes it.
pub fn emit(text: &str) -> Result<(), Stdout> {
    let mut out = io::stdout().lock();
    out.write_all(text.as_bytes())
        .and_then(|()| out.flush())
        .map_err(|e| match e.kind() {
            io::ErrorKind::BrokenPipe => Stdout::Closed,
            _ => Stdout::Failed(e),
        })
}

/// The exit code of a command whose output went to `result`: `code` when
/// written or when the reader closed the pipe, 2 when the write failed.
pub fn finish(result: Result<(), Stdout>, code: ExitCode) -> ExitCode {
    match result {
        Ok(()) | Err(Stdout::Closed) => code,
        Err(Stdout::Failed(e)) => {
            error(&format!("{}{e}", t(lang(), Msg::CannotWriteStdout)));
            ExitCode::from(2)
        }
    }
}

/// Prints `error: message` (`错误：message`) on standard error, ignoring a
/// failure (a dead terminal, `2>/dev/full`): there is nowhere else to
/// report it.
pub fn error(message: &str) {
    note(&format!("{}{message}", t(lang(), Msg::ErrorLabel)));
}

/// Prints one line on standard error, ignoring a failure.
pub fn note(line: &str) {
    let mut err = io::stderr().lock();
    let _ = writeln!(err, "{line}").and_then(|()| err.flush());
}

/// Whether `a` and `b` are the same file: the same (device, inode), so hard
/// links, symlinks and bind-mounted aliases all count. A path that does not
/// exist is no file yet, and so not the input.
pub fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::metadata(a), std::fs::metadata(b)) {
        (Ok(x), Ok(y)) => x.dev() == y.dev() && x.ino() == y.ino(),
        _ => false,
    }
}

/// Writes `bytes` to `target` so that a crash, a kill or a full disk never
/// leaves a partial file in place of the previous one: a temporary file in
/// the same directory, synced, then renamed over the target. A symlink is
/// followed (its target is replaced, not the link). A target that exists and
/// is not a regular file (`/dev/stdout`, a FIFO) is written in place.
pub fn write_atomic(target: &Path, bytes: &[u8]) -> io::Result<()> {
    let resolved = match std::fs::metadata(target) {
        Ok(meta) if !meta.is_file() => {
            let mut file = std::fs::OpenOptions::new().write(true).open(target)?;
            return file.write_all(bytes).and_then(|()| file.flush());
        }
        Ok(_) => target.canonicalize()?,
        Err(e) if e.kind() == io::ErrorKind::NotFound => target.to_path_buf(),
        Err(e) => return Err(e),
    };
    let dir = match resolved.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = resolved
        .file_name()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "not a file name"))?;
    let (temp, mut file) = create_temp(&dir, &name.to_string_lossy())?;
    let written = file
        .write_all(bytes)
        .and_then(|()| file.sync_all())
        .and_then(|()| std::fs::rename(&temp, &resolved));
    if written.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    written
}

/// A new file `.NAME.tmp-PID-N` in `dir`, never an existing one.
fn create_temp(dir: &Path, name: &str) -> io::Result<(PathBuf, std::fs::File)> {
    let pid = std::process::id();
    for n in 0..100 {
        let path = dir.join(format!(".{name}.tmp-{pid}-{n}"));
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
        {
            Ok(file) => return Ok((path, file)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
    Err(io::Error::new(
        io::ErrorKind::AlreadyExists,
        "no free temporary file name",
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("budget-output-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn hard_links_and_symlinks_are_the_same_file() {
        let dir = scratch("same");
        let input = dir.join("in.txt");
        std::fs::write(&input, "x").unwrap();
        std::fs::hard_link(&input, dir.join("link.txt")).unwrap();
        std::os::unix::fs::symlink(&input, dir.join("sym.txt")).unwrap();
        std::fs::write(dir.join("other.txt"), "x").unwrap();
        assert!(same_file(&input, &dir.join("link.txt")));
        assert!(same_file(&input, &dir.join("sym.txt")));
        assert!(same_file(&input, &dir.join(".").join("in.txt")));
        assert!(!same_file(&input, &dir.join("other.txt")));
        assert!(!same_file(&input, &dir.join("missing.txt")));
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn atomic_write_replaces_whole_and_leaves_no_temp() {
        let dir = scratch("atomic");
        let out = dir.join("out.ron");
        std::fs::write(&out, "old").unwrap();
        write_atomic(&out, b"new contents").unwrap();
        assert_eq!(std::fs::read_to_string(&out).unwrap(), "new contents");
        // Through a symlink: the linked file is replaced, the link stays.
        let link = dir.join("link.ron");
        std::os::unix::fs::symlink(&out, &link).unwrap();
        write_atomic(&link, b"via link").unwrap();
        assert!(std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink());
        assert_eq!(std::fs::read_to_string(&out).unwrap(), "via link");
        let names: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert!(names.iter().all(|n| !n.contains(".tmp-")), "{names:?}");
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn a_failed_write_keeps_the_previous_output() {
        let dir = scratch("fail");
        let out = dir.join("out.ron");
        std::fs::write(&out, "previous").unwrap();
        // A directory that does not exist: nothing can be written there.
        assert!(write_atomic(&dir.join("no/such/out.ron"), b"x").is_err());
        // /dev/full is not a regular file: written in place, and it fails.
        assert!(write_atomic(Path::new("/dev/full"), b"x").is_err());
        assert_eq!(std::fs::read_to_string(&out).unwrap(), "previous");
        std::fs::remove_dir_all(dir).unwrap();
    }
}
