//! The Departments tab over generated corpora (10 / 100 / 1,000
//! departments): start-up to the first frame from a warm cache (lines read
//! from the cache, the first model opened, one 140×40 frame drawn), and one
//! keystroke at 1,000 departments — moving, sorting, typing a filter (CJK
//! and pinyin), the search keystroke, opening a department — each timed
//! through `App::handle_key` (median and worst of many), beside drawing one
//! frame as the reference in the same run.
//!
//! The All departments aggregate at the same size: building it from the
//! lines (done once at load), and its keystrokes (open, move, the
//! contributors and back, the scheme, open on a filtered list).
//!
//! `cargo bench --bench departments` (BENCH_DEPARTMENTS=10,100,1000 to pick
//! sizes; the largest is used for keystrokes).

use std::path::PathBuf;
use std::time::{Duration, Instant};

use budget_tui::analysis::aggregate::Aggregate;
use budget_tui::app::App;
use budget_tui::cache::Cache;
use budget_tui::i18n::Lang;
use budget_tui::load::{self, Options};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

/// Median and worst of `times`.
fn summary(mut times: Vec<Duration>) -> (Duration, Duration) {
    times.sort();
    (times[times.len() / 2], times[times.len() - 1])
}

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

/// Times each key of `keys` pressed in turn on `app`, `rounds` times over.
fn time_keys(app: &mut App, keys: &[KeyCode], rounds: usize) -> (Duration, Duration) {
    let mut times = Vec::with_capacity(keys.len() * rounds);
    for _ in 0..rounds {
        for &code in keys {
            let event = key(code);
            let start = Instant::now();
            let effects = app.handle_key(&event);
            // An open is read by the terminal loop after the key: timed with
            // it, as the user waits for both.
            app.carry_out_opens(effects.as_deref().unwrap_or_default());
            times.push(start.elapsed());
            std::hint::black_box(effects);
        }
    }
    summary(times)
}

fn chars(text: &str) -> Vec<KeyCode> {
    text.chars().map(KeyCode::Char).collect()
}

fn main() {
    let sizes: Vec<usize> = std::env::var("BENCH_DEPARTMENTS")
        .ok()
        .map(|v| v.split(',').filter_map(|n| n.trim().parse().ok()).collect())
        .filter(|v: &Vec<usize>| !v.is_empty())
        .unwrap_or_else(|| vec![10, 100, 1000]);
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    println!(
        "load average at start: {}",
        load.split_whitespace()
            .take(3)
            .collect::<Vec<_>>()
            .join(" ")
    );
    let root = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("departments-bench");
    let _ = std::fs::remove_dir_all(&root);
    let mut largest = None;
    for &departments in &sizes {
        let corpus = root.join(format!("docs-{departments}"));
        let files = match budget_tui::corpus::write_corpus(&corpus, departments, 1) {
            Ok(files) => files,
            Err(e) => {
                eprintln!("cannot write the corpus: {e}");
                std::process::exit(1);
            }
        };
        let options = Options {
            cache: Some(Cache::at(root.join("cache"))),
            threads: 0,
            tables_only: false,
            count_errors: false,
        };
        let paths = [corpus];
        // A file changed in the last two seconds is hashed on every load (a
        // write in the same timestamp tick would look the same): let the
        // new corpus settle, as any corpus someone opens twice has.
        std::thread::sleep(Duration::from_millis(2100));
        // Fill the cache (import, count, store), then measure warm starts.
        let (_, stats) = load::load_lines(&paths, &options);
        let cold_misses = stats.misses;
        let mut starts = Vec::new();
        let mut frames = Vec::new();
        let mut app = None;
        for _ in 0..7 {
            let start = Instant::now();
            let (lines, stats) = load::load_lines(&paths, &options);
            assert_eq!(stats.misses, 0, "a warm start hits");
            let Some(mut built) = App::with_lines(lines, Lang::Zh) else {
                eprintln!("no app");
                std::process::exit(1);
            };
            built.resize(140, 40);
            let drawn = Instant::now();
            let buf = budget_tui::screenshots::render(&built, 140, 40);
            let end = Instant::now();
            std::hint::black_box(buf);
            starts.push(end - start);
            frames.push(end - drawn);
            app = Some(built);
        }
        let (start, start_worst) = summary(starts);
        let (frame, _) = summary(frames);
        println!(
            "{departments:>5} departments ({} files, {cold_misses} imported to fill the cache): \
             warm start to first frame {:.1} ms (worst {:.1}), of which the frame {:.2} ms",
            files.len(),
            ms(start),
            ms(start_worst),
            ms(frame)
        );
        largest = app.map(|app| (departments, app));
    }
    let Some((departments, mut app)) = largest else {
        return;
    };
    println!("one keystroke at {departments} departments (median / worst):");
    let report = |what: &str, (median, worst): (Duration, Duration)| {
        println!("  {what:<52} {:>8.3} / {:>8.3} ms", ms(median), ms(worst));
    };
    let mut frames = Vec::new();
    for _ in 0..50 {
        let start = Instant::now();
        std::hint::black_box(budget_tui::screenshots::render(&app, 140, 40));
        frames.push(start.elapsed());
    }
    report(
        "(reference) drawing one 140×40 Departments frame",
        summary(frames),
    );
    report(
        "move: j / k",
        time_keys(&mut app, &[KeyCode::Char('j'), KeyCode::Char('k')], 200),
    );
    report(
        "page: PageDown / PageUp",
        time_keys(&mut app, &[KeyCode::PageDown, KeyCode::PageUp], 100),
    );
    report(
        "sort: s (name, 收入, errors, loaded)",
        time_keys(&mut app, &[KeyCode::Char('s')], 100),
    );
    let mut filter = vec![KeyCode::Char('f')];
    filter.extend(chars("财政局"));
    filter.extend([KeyCode::Backspace, KeyCode::Backspace, KeyCode::Backspace]);
    filter.extend(chars("czj"));
    filter.push(KeyCode::Esc);
    report(
        "filter: f, 财政局, 3× Backspace, czj, Esc",
        time_keys(&mut app, &filter, 30),
    );
    let mut search = vec![KeyCode::Char('/')];
    search.extend(chars("行政运行"));
    search.extend([KeyCode::Backspace; 4]);
    search.extend(chars("2010301"));
    search.push(KeyCode::Esc);
    report(
        "search: /, 行政运行, 4× Backspace, 2010301, Esc",
        time_keys(&mut app, &search, 20),
    );
    aggregate(&mut app, report);
    // Enter reads the model from the cache and builds its views; 0 comes
    // back to the list.
    report(
        "open: Enter (model read from the cache), 0 back",
        time_keys(&mut app, &[KeyCode::Enter, KeyCode::Char('0')], 20),
    );
    let _ = std::fs::remove_dir_all(&root);
}

/// The All departments aggregate: its build from the lines, and one
/// keystroke in its view.
fn aggregate(app: &mut App, report: impl Fn(&str, (Duration, Duration))) {
    if let Some(library) = app.library.as_ref() {
        let every: Vec<usize> = (0..library.lines.len()).collect();
        let mut builds = Vec::new();
        for _ in 0..20 {
            let start = Instant::now();
            std::hint::black_box(Aggregate::build(&library.lines, &every));
            builds.push(start.elapsed());
        }
        report(
            "(at load) building the aggregate of every line",
            summary(builds),
        );
    }
    let open = [KeyCode::Char('a'), KeyCode::Esc];
    report(
        "aggregate: a (open: the Drill-down), Esc (back to the list)",
        time_keys(app, &open, 50),
    );
    app.handle_key(&key(KeyCode::Char('a')));
    let mut frames = Vec::new();
    for _ in 0..50 {
        let start = Instant::now();
        std::hint::black_box(budget_tui::screenshots::render(app, 140, 40));
        frames.push(start.elapsed());
    }
    report(
        "(reference) drawing one 140×40 aggregate frame",
        summary(frames),
    );
    report(
        "aggregate: j / k",
        time_keys(app, &[KeyCode::Char('j'), KeyCode::Char('k')], 200),
    );
    report(
        "aggregate: Enter (the code's departments), Esc",
        time_keys(app, &[KeyCode::Enter, KeyCode::Esc], 100),
    );
    report(
        "aggregate: e (the other scheme)",
        time_keys(app, &[KeyCode::Char('e')], 100),
    );
    report(
        "aggregate: - / + (a level less, more)",
        time_keys(app, &[KeyCode::Char('-'), KeyCode::Char('+')], 100),
    );
    // The Tables tab's side-by-side tables: built when first shown (a
    // column per department), then only sliced.
    report(
        "aggregate: 5 (Tables: first shown builds them), 2",
        time_keys(app, &[KeyCode::Char('5'), KeyCode::Char('2')], 1),
    );
    report(
        "aggregate: 5 (Tables, built), l (next column), 2",
        time_keys(
            app,
            &[KeyCode::Char('5'), KeyCode::Char('l'), KeyCode::Char('2')],
            50,
        ),
    );
    app.handle_key(&key(KeyCode::Esc));
    // On a filtered list `a` sums the lines shown, once, on that key.
    let mut filter = vec![KeyCode::Char('f')];
    filter.extend(chars("j"));
    filter.push(KeyCode::Enter);
    time_keys(app, &filter, 1);
    let shown = app.library.as_ref().map_or(0, |l| l.shown.len());
    report(
        &format!("aggregate: a on a filtered list ({shown} shown), Esc"),
        time_keys(app, &open, 20),
    );
    time_keys(app, &[KeyCode::Char('f'), KeyCode::Esc], 1);
}
