//! The terminal's lifecycle: raw mode and the alternate screen on entry,
//! and restored on every way out — quit, error, panic, SIGHUP / SIGTERM /
//! SIGINT / SIGQUIT — and around SIGTSTP / SIGCONT.
//!
//! Rules that keep a dropped SSH connection from turning into an abort:
//! * the restore runs once ([`restore`] is idempotent) and ignores write
//!   errors: when the pty is gone, writes fail with EIO / ENXIO and there
//!   is nobody left to tell;
//! * nothing on the signal path prints a message, and it ends with
//!   `_exit(128 + signal)` so no buffered frame is flushed after the
//!   restore;
//! * the restore never lands in the middle of a frame: a frame holds
//!   [`FRAME`], and the signal path waits for it (at most [`FRAME_WAIT`]),
//!   otherwise the frame's tail would hide the cursor again;
//! * one panic hook, ours: it restores, then lets the default hook print the
//!   message on the main screen, where it stays (a second leave of the
//!   alternate screen would move the cursor back over it).

use std::io::{self, Write};
use std::mem::ManuallyDrop;
use std::os::fd::FromRawFd;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicI32, Ordering};
use std::sync::{Mutex, MutexGuard, TryLockError};
use std::time::{Duration, Instant};

use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{self, Event};
use ratatui::Terminal;

use budget_tui::app::{App, Effect};
use budget_tui::i18n::{colon, t, Lang, Msg};
use budget_tui::ui;

/// Held while a frame is written and flushed.
static FRAME: Mutex<()> = Mutex::new(());
/// Whether the terminal is in raw mode on the alternate screen; guarded so
/// that two restorers (the signal thread, a panic) run one after the other.
static ACTIVE: Mutex<bool> = Mutex::new(false);
/// The terminating signal received, 0 if none.
static SIGNALLED: AtomicI32 = AtomicI32::new(0);
/// Set after SIGCONT: the screen must be repainted whole.
static REPAINT: AtomicBool = AtomicBool::new(false);
/// How long a signal waits for a frame in progress before restoring anyway.
const FRAME_WAIT: Duration = Duration::from_millis(250);

/// Show the cursor, leave the alternate screen (ending a synchronized
/// update a failed frame may have left open).
const LEAVE: &[u8] = b"\x1b[?2026l\x1b[?25h\x1b[?1049l";
/// Enter the alternate screen, clear it, hide the cursor.
const ENTER: &[u8] = b"\x1b[?1049h\x1b[2J\x1b[?25l";

fn lock<T>(m: &'static Mutex<T>) -> MutexGuard<'static, T> {
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Writes straight to file descriptor 1, unbuffered and without the
/// `Stdout` lock (which the main thread may hold mid-frame). Errors are the
/// caller's to ignore.
fn write_tty(bytes: &[u8]) -> io::Result<()> {
    // SAFETY: fd 1 stays open for the life of the process; ManuallyDrop
    // keeps this File from closing it.
    let mut out = ManuallyDrop::new(unsafe { std::fs::File::from_raw_fd(1) });
    out.write_all(bytes)
}

/// Leaves raw mode and the alternate screen and shows the cursor, once:
/// later calls do nothing. Never fails, never prints: a terminal that is
/// gone (EIO, ENXIO) is simply not restored.
pub fn restore() {
    let mut active = lock(&ACTIVE);
    if *active {
        let _ = write_tty(LEAVE);
        let _ = ratatui::crossterm::terminal::disable_raw_mode();
        *active = false;
    }
}

/// Enters raw mode and the alternate screen (again after SIGCONT).
fn enter() -> io::Result<()> {
    let mut active = lock(&ACTIVE);
    if !*active {
        ratatui::crossterm::terminal::enable_raw_mode()?;
        *active = true;
        write_tty(ENTER)?;
    }
    Ok(())
}

/// Waits for the frame in progress to end, at most [`FRAME_WAIT`]; the
/// guard, when got, keeps the next frame from starting.
fn wait_for_frame() -> Option<MutexGuard<'static, ()>> {
    let start = Instant::now();
    loop {
        match FRAME.try_lock() {
            Ok(guard) => return Some(guard),
            Err(TryLockError::Poisoned(p)) => return Some(p.into_inner()),
            Err(TryLockError::WouldBlock) if start.elapsed() >= FRAME_WAIT => return None,
            Err(TryLockError::WouldBlock) => std::thread::sleep(Duration::from_millis(2)),
        }
    }
}

/// Restores the terminal when dropped, so an early `?` return cannot leave
/// the shell in raw mode.
struct RestoreGuard;

impl Drop for RestoreGuard {
    fn drop(&mut self) {
        restore();
    }
}

/// One panic hook: restore first, then the default message, which then
/// stays on the main screen. Replaces any hook installed before (ratatui's
/// `init` would add its own, whose second restore hid the message).
fn install_panic_hook() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        // The default hook ignores write errors on stderr: no panic in it.
        default(info);
    }));
}

/// Signals: SIGHUP (a dropped SSH connection), SIGTERM, SIGQUIT, SIGINT
/// (in raw mode Ctrl-C is a key; SIGINT only comes from `kill`) end the
/// process with 128 + signal after restoring; SIGTSTP leaves the screen and
/// stops; SIGCONT re-enters it and repaints. A thread waits for them, so the
/// event loop can block on input without polling.
fn install_signal_handlers() -> io::Result<()> {
    use signal_hook::consts::{SIGCONT, SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGTSTP, SIGWINCH};
    let mut signals =
        signal_hook::iterator::Signals::new([SIGHUP, SIGTERM, SIGQUIT, SIGINT, SIGTSTP, SIGCONT])?;
    std::thread::Builder::new()
        .name("signals".into())
        .spawn(move || {
            for signal in signals.forever() {
                match signal {
                    SIGTSTP => {
                        let frame = wait_for_frame();
                        restore();
                        // Stops the whole process; returns after SIGCONT.
                        let _ = signal_hook::low_level::raise(signal_hook::consts::SIGSTOP);
                        let _ = enter();
                        drop(frame);
                        repaint(SIGWINCH);
                    }
                    SIGCONT => repaint(SIGWINCH),
                    _ => {
                        SIGNALLED.store(signal, Ordering::SeqCst);
                        // Held until the exit: no frame starts after the restore.
                        let _frame = wait_for_frame();
                        restore();
                        signal_hook::low_level::exit(128 + signal);
                    }
                }
            }
        })?;
    Ok(())
}

/// Asks the event loop for a whole repaint: a SIGWINCH wakes it with a
/// resize event.
fn repaint(sigwinch: i32) {
    REPAINT.store(true, Ordering::SeqCst);
    let _ = signal_hook::low_level::raise(sigwinch);
}

/// When the terminal failed because a terminating signal is on its way (a
/// hang-up closes the pty before SIGHUP is handled), waits for the signal
/// thread to end the process with its exit code instead of reporting the
/// failure; returns after a short wait if no signal comes.
fn await_signal_exit() {
    let start = Instant::now();
    while start.elapsed() < Duration::from_millis(500) {
        if SIGNALLED.load(Ordering::SeqCst) != 0 {
            // The signal thread exits the process.
            loop {
                std::thread::park();
            }
        }
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// What the terminal loop needs to carry out effects: where `x` writes,
/// what it must never write over, and how `y` formats a figure.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    /// The export directory; the working directory when `None`.
    pub export_dir: Option<PathBuf>,
    /// The files the app was opened on: an export never replaces one.
    pub inputs: Vec<PathBuf>,
    /// Copy figures with thousands separators (`3,264.56`).
    pub copy_separators: bool,
}

/// Writes the view `x` exported and says where it went (or why not), for
/// the status line. The file is replaced whole or not at all, and never
/// when it is one of the inputs.
fn export_view(settings: &Settings, file_name: &str, contents: &str, lang: Lang) -> String {
    let dir = settings
        .export_dir
        .clone()
        .unwrap_or_else(|| PathBuf::from("."));
    let target = dir.join(file_name);
    let failed = |why: String| format!("{}{}{why}", t(lang, Msg::ExportFailed), colon(lang));
    if settings
        .inputs
        .iter()
        .any(|input| crate::output::same_file(input, &target))
    {
        return failed(format!(
            "{} {}",
            target.display(),
            t(lang, Msg::ExportOverInput)
        ));
    }
    let written = std::fs::create_dir_all(&dir)
        .and_then(|()| crate::output::write_atomic(&target, contents.as_bytes()));
    match written {
        Ok(()) => {
            let shown = target.canonicalize().unwrap_or(target);
            format!("{} {}", t(lang, Msg::ExportSaved), shown.display())
        }
        Err(e) => failed(format!("{}: {e}", target.display())),
    }
}

/// A copied figure as `y` sends it: with thousands separators when the
/// configuration asks and the text is a plain decimal; anything else
/// (a card's target as printed) unchanged.
fn copied_text(text: String, separators: bool) -> String {
    match text.parse::<rust_decimal::Decimal>() {
        Ok(value) if separators && value.to_string() == text => {
            budget_tui::model::format_amount(value)
        }
        _ => text,
    }
}

/// Runs the app until the user quits. Redraws only after input or a resize:
/// idle, the process sleeps in `event::read`.
pub fn run(app: App, settings: &Settings) -> io::Result<()> {
    let result = run_inner(app, settings);
    if result.is_err() {
        restore();
        await_signal_exit();
    }
    result
}

fn run_inner(mut app: App, settings: &Settings) -> io::Result<()> {
    if app.monochrome {
        // crossterm's own NO_COLOR handling emits a bare reset that wipes
        // bold / reversed; the monochrome theme already uses no colour.
        ratatui::crossterm::style::force_color_output(true);
    }
    install_panic_hook();
    install_signal_handlers()?;
    let _guard = RestoreGuard;
    enter()?;
    // Never dropped: its Drop shows the cursor through `eprintln!` on
    // failure, which panics on a dead terminal; [`restore`] does it instead.
    let mut terminal = ManuallyDrop::new(Terminal::new(CrosstermBackend::new(io::stdout()))?);
    #[cfg(debug_assertions)]
    let panic_after_first_frame = std::env::var_os("BUDGET_TEST_PANIC").is_some();
    if let Ok(size) = terminal.size() {
        app.resize(size.width, size.height);
    }
    loop {
        draw(&mut terminal, &app)?;
        #[cfg(debug_assertions)]
        if panic_after_first_frame {
            panic!("BUDGET_TEST_PANIC: a test-only panic after the first frame");
        }
        loop {
            let event = event::read()?;
            // Only presses: some terminals also report releases and repeats.
            let redraw = match event.as_key_press_event() {
                Some(press) => match app.handle_key(&press) {
                    Some(effects) => {
                        // Carried out here, between frames, never inside draw.
                        for effect in effects {
                            match effect {
                                Effect::Quit => return Ok(()),
                                // A terminal that cannot take it loses the
                                // copy, not the session.
                                Effect::Copy(text) => {
                                    let mut out = io::stdout();
                                    let text = copied_text(text, settings.copy_separators);
                                    let sequence = budget_tui::app::copy::osc52(&text);
                                    let _ = out
                                        .write_all(sequence.as_bytes())
                                        .and_then(|()| out.flush());
                                }
                                Effect::OpenDepartment(index) => app.open_department(index),
                                Effect::Export {
                                    file_name,
                                    contents,
                                } => {
                                    let said =
                                        export_view(settings, &file_name, &contents, app.lang);
                                    app.notice = Some(said);
                                }
                            }
                        }
                        true
                    }
                    None => false,
                },
                None => match event {
                    Event::Resize(cols, rows) => {
                        app.resize(cols, rows);
                        true
                    }
                    _ => false,
                },
            };
            if redraw {
                break;
            }
        }
    }
}

/// One frame, written and flushed while holding [`FRAME`]. Synchronized
/// updates: the terminal shows the frame whole, which avoids tearing over
/// slow SSH links.
fn draw(terminal: &mut Terminal<CrosstermBackend<io::Stdout>>, app: &App) -> io::Result<()> {
    use ratatui::crossterm::terminal::{BeginSynchronizedUpdate, EndSynchronizedUpdate};
    let _frame = lock(&FRAME);
    if REPAINT.swap(false, Ordering::SeqCst) {
        // After SIGCONT the screen is new: a fresh Terminal has no previous
        // frame, so it draws every cell. (`Terminal::clear` would query the
        // cursor position, which a terminal may not answer.) The old one is
        // forgotten, as the one in `run_inner` is.
        let fresh = Terminal::new(CrosstermBackend::new(io::stdout()))?;
        std::mem::forget(std::mem::replace(terminal, fresh));
    }
    ratatui::crossterm::execute!(terminal.backend_mut(), BeginSynchronizedUpdate)?;
    terminal.draw(|frame| ui::draw(frame, app))?;
    ratatui::crossterm::execute!(terminal.backend_mut(), EndSynchronizedUpdate)?;
    terminal.backend_mut().flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_dir(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("budget-x-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        dir
    }

    #[test]
    fn x_writes_the_view_into_the_export_directory_and_says_where() {
        let dir = temp_dir("write");
        let settings = Settings {
            export_dir: Some(dir.join("exports")),
            ..Settings::default()
        };
        let said = export_view(&settings, "审核.csv", "a,b\n1,2\n", Lang::Zh);
        let target = dir.join("exports").join("审核.csv");
        assert_eq!(
            std::fs::read_to_string(&target).ok().as_deref(),
            Some("a,b\n1,2\n")
        );
        assert!(said.starts_with("已导出到 /"), "{said}");
        assert!(said.ends_with("exports/审核.csv"), "{said}");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn x_never_writes_over_an_input() {
        let dir = temp_dir("input");
        std::fs::create_dir_all(&dir).expect("mkdir");
        let input = dir.join("seed.ron");
        std::fs::write(&input, "(…)").expect("write");
        let settings = Settings {
            export_dir: Some(dir.clone()),
            inputs: vec![input.clone()],
            copy_separators: false,
        };
        let said = export_view(&settings, "seed.ron", "x\n", Lang::En);
        assert!(said.starts_with("export failed: "), "{said}");
        assert!(said.contains("is an input file"), "{said}");
        assert_eq!(std::fs::read_to_string(&input).ok().as_deref(), Some("(…)"));
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn copy_separators_group_plain_figures_only() {
        assert_eq!(copied_text("3264.56".into(), true), "3,264.56");
        assert_eq!(copied_text("3264.56".into(), false), "3264.56");
        assert_eq!(copied_text("≤622600 万元".into(), true), "≤622600 万元");
    }
}
