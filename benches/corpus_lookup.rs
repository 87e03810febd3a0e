//! `budget lookup 2010301 DIR` against `rg 2010301 DIR` on a generated
//! corpus of 1,000 departments, in the same run: cold (`--no-cache`: every
//! file imported), first run on an empty cache (import and store), and warm
//! (each file's codes section from the cache); and `budget DIR` warm (the
//! Departments lines from the cache). Reports the median wall time of each, the
//! ratio to rg, the import throughput, and the peak resident memory of each
//! process (from `wait4`).
//!
//! `cargo bench --bench corpus_lookup` (BENCH_DEPARTMENTS=N to change the
//! size, BENCH_RUNS=N the runs per measurement).

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Wall time, CPU time (user + system) and success of one run of
/// `command`. CPU time is reported beside wall time because the
/// machine is shared: wall time includes waiting for a core.
fn run(command: &mut Command) -> Option<(Duration, Duration, bool)> {
    let start = Instant::now();
    let child = command
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .ok()?;
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: a zeroed rusage is a valid value for wait4 to fill in.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: `pid` is our child, not yet waited for; both pointers are valid.
    let waited = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let elapsed = start.elapsed();
    if waited != pid {
        return None;
    }
    let ok = libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0;
    let tv = |t: libc::timeval| Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1000);
    let cpu = tv(usage.ru_utime) + tv(usage.ru_stime);
    Some((elapsed, cpu, ok))
}

/// Peak resident memory (KiB) of one run of `command`, as `/usr/bin/time
/// -f %M` reports it: the child's own `ru_maxrss` counts the pages it
/// shared with this process (tens of MB after generating the corpus)
/// before its exec, so every command would look as large as the bench.
fn peak_kib(command: &Command) -> Option<i64> {
    let mut timed = Command::new("/usr/bin/time");
    timed
        .arg("-f")
        .arg("%M")
        .arg(command.get_program())
        .args(command.get_args());
    for (name, value) in command.get_envs() {
        if let Some(value) = value {
            timed.env(name, value);
        }
    }
    let out = timed.stdout(Stdio::null()).output().ok()?;
    String::from_utf8_lossy(&out.stderr)
        .lines()
        .last()?
        .trim()
        .parse()
        .ok()
}

struct Measured {
    median: Duration,
    cpu: Duration,
    /// Of one more run, under `/usr/bin/time`; `None` without it.
    peak_kib: Option<i64>,
}

fn measure(
    runs: usize,
    mut make: impl FnMut() -> Command,
    before_each: impl Fn(),
) -> Option<Measured> {
    let mut times = Vec::with_capacity(runs);
    let mut cpus = Vec::with_capacity(runs);
    for _ in 0..runs {
        before_each();
        let (time, cpu, ok) = run(&mut make())?;
        cpus.push(cpu);
        if !ok {
            eprintln!("a run failed: {:?}", make());
            return None;
        }
        times.push(time);
    }
    before_each();
    let peak_kib = peak_kib(&make());
    times.sort();
    cpus.sort();
    Some(Measured {
        median: times[times.len() / 2],
        cpu: cpus[cpus.len() / 2],
        peak_kib,
    })
}

fn mib(kib: Option<i64>) -> String {
    kib.map_or("?".to_string(), |kib| {
        format!("{:>6.1}", kib as f64 / 1024.0)
    })
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn dir_bytes(dir: &Path) -> u64 {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .flatten()
                .filter_map(|e| e.metadata().ok())
                .map(|m| m.len())
                .sum()
        })
        .unwrap_or(0)
}

fn main() {
    let departments: usize = std::env::var("BENCH_DEPARTMENTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1000);
    let runs: usize = std::env::var("BENCH_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(7);
    let budget = env!("CARGO_BIN_EXE_budget");
    let root = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("corpus-{departments}"));
    let corpus = root.join("docs");
    let cache = root.join("cache");
    let _ = std::fs::remove_dir_all(&root);
    let files = match budget_tui::corpus::write_corpus(&corpus, departments, 1) {
        Ok(files) => files,
        Err(e) => {
            eprintln!("cannot write the corpus: {e}");
            std::process::exit(1);
        }
    };
    let bytes = dir_bytes(&corpus);
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    println!(
        "load average at start: {}",
        load.split_whitespace()
            .take(3)
            .collect::<Vec<_>>()
            .join(" ")
    );
    println!(
        "corpus: {departments} departments, {} files, {:.1} MB ({:.0} KB a file); {cores} cores; {runs} runs each, median",
        files.len(),
        bytes as f64 / 1e6,
        bytes as f64 / 1e3 / files.len() as f64
    );

    let lookup = |extra: &[&str]| {
        let mut c = Command::new(budget);
        c.args(extra)
            .args(["lookup", "2010301"])
            .arg(&corpus)
            .env("XDG_CACHE_HOME", &cache);
        c
    };
    let clear = || {
        let _ = std::fs::remove_dir_all(&cache);
    };
    let rg = Command::new("rg").arg("--version").output().is_ok();
    let rg_measured = if rg {
        measure(
            runs,
            || {
                let mut c = Command::new("rg");
                c.arg("2010301").arg(&corpus);
                c
            },
            || {},
        )
    } else {
        println!("rg is not installed (apt-get install ripgrep): no comparison");
        None
    };
    let cold = measure(runs.min(3), || lookup(&["--no-cache"]), || {});
    let first = measure(runs.min(3), || lookup(&[]), clear);
    // Populate once, then measure warm runs.
    clear();
    let _ = run(&mut lookup(&[]));
    let warm = measure(runs, || lookup(&[]), || {});
    // `budget DIR` with output to a pipe prints the whole Departments list
    // (every line, not one screen): start-up plus more than a first frame.
    // The first run counts every document's errors and stores them.
    let departments = || {
        let mut c = Command::new(budget);
        c.arg(&corpus).env("XDG_CACHE_HOME", &cache);
        c
    };
    let _ = run(&mut departments());
    let open_warm = measure(runs, departments, || {});
    // And on an empty cache: import, check, store every document.
    let open_first = measure(runs.min(3), departments, clear);

    let report = |name: &str, m: &Option<Measured>| {
        let Some(m) = m else {
            println!("{name:<44} failed");
            return;
        };
        let ratio = rg_measured
            .as_ref()
            .map(|r| {
                format!(
                    "{:>6.1}× rg wall, {:>6.1}× rg CPU",
                    m.median.as_secs_f64() / r.median.as_secs_f64(),
                    m.cpu.as_secs_f64() / r.cpu.as_secs_f64().max(1e-3)
                )
            })
            .unwrap_or_default();
        println!(
            "{name:<40} {:>8.1} ms wall {:>7.1} ms CPU  peak {} MiB  {ratio}",
            ms(m.median),
            ms(m.cpu),
            mib(m.peak_kib)
        );
    };
    report("rg 2010301 DIR", &rg_measured);
    report("budget lookup 2010301 DIR, warm cache", &warm);
    report("budget lookup 2010301 DIR, empty cache", &first);
    report("budget --no-cache lookup 2010301 DIR", &cold);
    report("budget DIR (whole list to a pipe), warm", &open_warm);
    report("budget DIR (whole list), empty cache", &open_first);
    if let Some(cold) = &cold {
        let mb_s = bytes as f64 / 1e6 / cold.median.as_secs_f64();
        let per_core = bytes as f64 / 1e6 / cold.cpu.as_secs_f64();
        println!(
            "import throughput (cold): {mb_s:.1} MB/s wall on {cores} cores; {per_core:.1} MB/s per CPU-second"
        );
    }
    for (what, m) in [("lookup", &warm), ("budget DIR", &open_warm)] {
        if let Some(kib) = m.as_ref().and_then(|m| m.peak_kib) {
            println!(
                "peak memory, {what} warm: {} MiB for {} documents ({:.1} KiB a document)",
                mib(Some(kib)),
                files.len(),
                kib as f64 / files.len() as f64
            );
        }
    }
    let _ = std::fs::remove_dir_all(&root);
}
