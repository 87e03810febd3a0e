//! The terminal's lifecycle: raw mode and the alternate screen on entry,
//! and restored on every way out — quit, error, panic, SIGHUP / SIGTERM.

use std::io::{self, Write};

use crossterm::event::{self, Event};
use crossterm::execute;
use crossterm::terminal::{BeginSynchronizedUpdate, EndSynchronizedUpdate};

use budget_tui::app::App;
use budget_tui::ui;

/// Restores the terminal when dropped, so an early `?` return cannot leave
/// the shell in raw mode.
struct RestoreGuard;

impl Drop for RestoreGuard {
    fn drop(&mut self) {
        // A draw that failed half-way may have left a synchronized update
        // open; end it before leaving the alternate screen.
        let _ = execute!(io::stdout(), EndSynchronizedUpdate);
        ratatui::restore();
    }
}

/// A dropped SSH connection sends SIGHUP; `kill` sends SIGTERM. Either way
/// the terminal is restored before the process ends. A thread waits for
/// them, so the event loop can block on input without polling.
fn install_signal_handlers() -> io::Result<()> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
    // In raw mode Ctrl-C arrives as a key; SIGINT only comes from `kill`.
    let mut signals = signal_hook::iterator::Signals::new([SIGHUP, SIGTERM, SIGQUIT, SIGINT])?;
    std::thread::Builder::new()
        .name("signals".into())
        .spawn(move || {
            if let Some(signal) = signals.forever().next() {
                // The main thread may be mid-frame; the frame is lost, but
                // raw mode and the alternate screen are undone either way.
                ratatui::restore();
                std::process::exit(128 + signal);
            }
        })?;
    Ok(())
}

/// Runs the app until the user quits. Redraws only after input or a resize:
/// idle, the process sleeps in `event::read`.
pub fn run(mut app: App) -> io::Result<()> {
    if app.monochrome {
        // crossterm's own NO_COLOR handling emits a bare reset that wipes
        // bold / reversed; the monochrome theme already uses no colour.
        crossterm::style::force_color_output(true);
    }
    install_signal_handlers()?;
    // try_init installs ratatui's panic hook, which restores the terminal
    // before the default hook prints the panic.
    let mut terminal = ratatui::try_init()?;
    let _guard = RestoreGuard;
    loop {
        // Synchronized updates: the terminal shows the frame whole, which
        // avoids tearing over slow SSH links.
        execute!(terminal.backend_mut(), BeginSynchronizedUpdate)?;
        terminal.draw(|frame| ui::draw(frame, &app))?;
        execute!(terminal.backend_mut(), EndSynchronizedUpdate)?;
        terminal.backend_mut().flush()?;
        loop {
            let event = event::read()?;
            // Only presses: some terminals also report releases and repeats.
            let redraw = match event.as_key_press_event() {
                Some(press) => app.handle_key(&press),
                None => matches!(event, Event::Resize(..)),
            };
            if app.should_quit {
                return Ok(());
            }
            if redraw {
                break;
            }
        }
    }
}
