//! Real-terminal tests: the built `budget` binary runs on a pseudo-terminal
//! (nix's `openpty`, the child as session leader with the pty as its
//! controlling terminal, as under `ssh -t`), driven with keys, signals,
//! window-size changes and a closed master (a dropped connection).
//!
//! Robust under load: every wait polls for the expected output with a
//! generous deadline instead of sleeping a fixed time.

use std::fs::File;
use std::io::{Read, Write};
use std::os::fd::{AsRawFd, OwnedFd};
use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

use nix::pty::{openpty, Winsize};
use nix::sys::signal::{kill, Signal};
use nix::sys::termios::{tcgetattr, LocalFlags};
use nix::unistd::Pid;

/// Generous: the machine running the tests may be loaded.
const DEADLINE: Duration = Duration::from_secs(30);

const SHOW_CURSOR: &str = "\x1b[?25h";
const HIDE_CURSOR: &str = "\x1b[?25l";
const ENTER_ALT: &str = "\x1b[?1049h";
const LEAVE_ALT: &str = "\x1b[?1049l";

struct Pty {
    /// The master side; `None` once closed (the connection dropped).
    master: Option<File>,
    child: Child,
    /// Everything the app wrote, escape sequences included.
    output: Vec<u8>,
    /// Where the next [`Pty::wait_for`] starts looking.
    mark: usize,
}

fn winsize(cols: u16, rows: u16) -> Winsize {
    Winsize {
        ws_row: rows,
        ws_col: cols,
        ws_xpixel: 0,
        ws_ypixel: 0,
    }
}

impl Pty {
    fn spawn(cols: u16, rows: u16, env: &[(&str, &str)]) -> Pty {
        // openpty's descriptors are inherited across exec: until they are
        // marked close-on-exec, no other test may spawn, or its child would
        // hold this master open and a closed master would not hang up.
        static SPAWN: std::sync::Mutex<()> = std::sync::Mutex::new(());
        let _spawning = SPAWN.lock().unwrap_or_else(|p| p.into_inner());
        let pty = openpty(&winsize(cols, rows), None).expect("openpty");
        for fd in [pty.master.as_raw_fd(), pty.slave.as_raw_fd()] {
            // SAFETY: plain fcntl on descriptors this function owns.
            unsafe { libc::fcntl(fd, libc::F_SETFD, libc::FD_CLOEXEC) };
        }
        let slave: OwnedFd = pty.slave;
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_budget"));
        cmd.env("TERM", "xterm-256color")
            .env_remove("NO_COLOR")
            .stdin(Stdio::from(slave.try_clone().expect("dup")))
            .stdout(Stdio::from(slave.try_clone().expect("dup")))
            .stderr(Stdio::from(slave));
        for (k, v) in env {
            cmd.env(k, v);
        }
        // SAFETY: only async-signal-safe calls between fork and exec.
        unsafe {
            cmd.pre_exec(|| {
                if libc::setsid() < 0 {
                    return Err(std::io::Error::last_os_error());
                }
                if libc::ioctl(0, libc::TIOCSCTTY as _, 0) < 0 {
                    return Err(std::io::Error::last_os_error());
                }
                Ok(())
            });
        }
        let child = cmd.spawn().expect("spawn budget");
        drop(cmd); // closes the parent's copies of the slave
        let master = File::from(pty.master);
        // Non-blocking reads: the test polls.
        unsafe {
            let fd = master.as_raw_fd();
            let flags = libc::fcntl(fd, libc::F_GETFL);
            libc::fcntl(fd, libc::F_SETFL, flags | libc::O_NONBLOCK);
        }
        Pty {
            master: Some(master),
            child,
            output: Vec::new(),
            mark: 0,
        }
    }

    /// Reads what is available now.
    fn pump(&mut self) {
        let Some(master) = self.master.as_mut() else {
            return;
        };
        let mut buf = [0u8; 65536];
        loop {
            match master.read(&mut buf) {
                Ok(0) => return,
                Ok(n) => self.output.extend_from_slice(&buf[..n]),
                Err(_) => return, // WouldBlock, or EIO once the slave is closed
            }
        }
    }

    /// The output since the mark, escape sequences removed.
    fn text_since_mark(&self) -> String {
        strip_escapes(&String::from_utf8_lossy(&self.output[self.mark..]))
    }

    fn raw_since(&self, from: usize) -> String {
        String::from_utf8_lossy(&self.output[from..]).into_owned()
    }

    /// Polls until `text` has been drawn since the mark; moves the mark to
    /// the end of the output.
    fn wait_for(&mut self, text: &str) {
        self.wait_for_all(&[text]);
    }

    /// Polls until every one of `texts` has been drawn since the mark.
    fn wait_for_all(&mut self, texts: &[&str]) {
        let text = texts.join("`, `");
        let start = Instant::now();
        loop {
            self.pump();
            let shown = self.text_since_mark();
            if texts.iter().all(|t| shown.contains(t)) {
                self.mark = self.output.len();
                return;
            }
            if let Ok(Some(status)) = self.child.try_wait() {
                self.pump();
                panic!(
                    "budget exited ({status}) before showing `{text}`; it showed: {}",
                    self.text_since_mark()
                );
            }
            assert!(
                start.elapsed() < DEADLINE,
                "`{text}` not shown within {DEADLINE:?}; shown: {}",
                self.text_since_mark()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Polls until the raw output since `from` satisfies `pred`.
    fn wait_raw(&mut self, from: usize, what: &str, pred: impl Fn(&str) -> bool) {
        let start = Instant::now();
        loop {
            self.pump();
            if pred(&self.raw_since(from)) {
                return;
            }
            assert!(
                start.elapsed() < DEADLINE,
                "no {what} within {DEADLINE:?}; output: {:?}",
                self.raw_since(from)
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Polls until the app has written nothing for 300 ms: the frames for
    /// the keys sent so far are all out.
    fn settle(&mut self) {
        let start = Instant::now();
        let mut last = (self.output.len(), Instant::now());
        while last.1.elapsed() < Duration::from_millis(300) {
            assert!(start.elapsed() < DEADLINE, "the app never went quiet");
            std::thread::sleep(Duration::from_millis(20));
            self.pump();
            if self.output.len() != last.0 {
                last = (self.output.len(), Instant::now());
            }
        }
    }

    fn send(&mut self, keys: &str) {
        let master = self.master.as_mut().expect("master open");
        master.write_all(keys.as_bytes()).expect("write keys");
        master.flush().expect("flush keys");
    }

    fn resize(&mut self, cols: u16, rows: u16) {
        let master = self.master.as_ref().expect("master open");
        let size = winsize(cols, rows);
        // The kernel sends SIGWINCH to the foreground process group.
        let rc = unsafe { libc::ioctl(master.as_raw_fd(), libc::TIOCSWINSZ, &size) };
        assert_eq!(rc, 0, "TIOCSWINSZ");
    }

    fn signal(&self, signal: Signal) {
        kill(Pid::from_raw(self.child.id() as i32), signal).expect("kill");
    }

    /// Whether the terminal is in raw mode (no canonical input, no echo).
    fn raw_mode(&self) -> bool {
        let master = self.master.as_ref().expect("master open");
        let termios = tcgetattr(master).expect("tcgetattr");
        !termios
            .local_flags
            .intersects(LocalFlags::ICANON | LocalFlags::ECHO)
    }

    /// Waits for the process to end, reading its last output meanwhile.
    fn wait_exit(&mut self) -> ExitStatus {
        let start = Instant::now();
        loop {
            self.pump();
            if let Some(status) = self.child.try_wait().expect("try_wait") {
                self.pump();
                return status;
            }
            if start.elapsed() > DEADLINE {
                let _ = self.child.kill();
                panic!(
                    "budget did not exit within {DEADLINE:?}; output: {:?}",
                    self.raw_since(0)
                );
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Opens the app and waits for its first frame.
    fn open(cols: u16, rows: u16, env: &[(&str, &str)]) -> Pty {
        let mut pty = Pty::spawn(cols, rows, env);
        // The tab bar, then the first figure of the Summary, in one frame.
        pty.wait_for_all(&["概览", "收入总计"]);
        pty
    }
}

impl Drop for Pty {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// Removes CSI, OSC and two-byte escape sequences.
fn strip_escapes(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\x1b' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('[') => {
                for c in chars.by_ref() {
                    if ('\x40'..='\x7e').contains(&c) {
                        break;
                    }
                }
            }
            Some(']') => {
                while let Some(c) = chars.next() {
                    if c == '\x07' || (c == '\x1b' && chars.next_if_eq(&'\\').is_some()) {
                        break;
                    }
                }
            }
            _ => {}
        }
    }
    out
}

/// The terminal is back: the last word on the cursor is "show" and the
/// alternate screen was left after the last time it was entered.
fn assert_restored(output: &str) {
    let show = output.rfind(SHOW_CURSOR);
    let hide = output.rfind(HIDE_CURSOR);
    assert!(
        show.is_some() && show > hide,
        "cursor left hidden: last show at {show:?}, last hide at {hide:?}"
    );
    let leave = output.rfind(LEAVE_ALT);
    assert!(
        leave.is_some() && leave > output.rfind(ENTER_ALT),
        "alternate screen not left"
    );
}

#[test]
fn open_drill_search_and_quit() {
    let mut pty = Pty::open(100, 30, &[]);
    assert!(pty.raw_mode(), "the app runs in raw mode");
    // Drill-down, economic, into 302: its children appear.
    pty.send("2");
    pty.wait_for("一般公共服务支出");
    pty.send("e");
    pty.wait_for("工资福利支出");
    pty.send("j\r");
    pty.wait_for_all(&["30231", "公务用车运行维护费"]);
    // Search from any tab by pinyin initials.
    pty.send("1/gwyc");
    pty.wait_for("公务用车运行维护费");
    // Esc alone: followed at once by `q` it would read as Alt-q. The
    // overlay's closing frame shows it was taken.
    pty.settle();
    let before = pty.output.len();
    pty.send("\x1b");
    pty.wait_raw(before, "frame after Esc", |o| o.contains("\x1b[?2026l"));
    pty.send("q");
    let status = pty.wait_exit();
    assert_eq!(status.code(), Some(0), "{status}");
    assert_restored(&pty.raw_since(0));
    // Exactly one leave of the alternate screen: a second one would move
    // the cursor back over what the shell prints next.
    assert_eq!(pty.raw_since(0).matches(LEAVE_ALT).count(), 1);
}

#[test]
fn hang_up_with_the_pty_closed_exits_129() {
    let mut pty = Pty::open(80, 24, &[]);
    // The SSH connection drops: the master closes, the kernel hangs up the
    // terminal (SIGHUP to the session leader) and every write gets EIO.
    pty.master = None;
    let status = pty.wait_exit();
    assert_eq!(status.code(), Some(129), "{status}");
    assert_eq!(status.signal(), None, "ended by a signal: {status}");
    assert!(!status.core_dumped());
}

#[test]
fn terminating_signals_restore_the_terminal_and_exit_128_plus_signal() {
    for (signal, code) in [
        (Signal::SIGTERM, 143),
        (Signal::SIGHUP, 129),
        (Signal::SIGINT, 130),
        (Signal::SIGQUIT, 131),
    ] {
        let mut pty = Pty::open(80, 24, &[]);
        pty.signal(signal);
        let status = pty.wait_exit();
        assert_eq!(status.code(), Some(code), "{signal}: {status}");
        let output = pty.raw_since(0);
        assert_restored(&output);
        assert!(!pty.raw_mode(), "{signal}: the tty stays in raw mode");
    }
}

#[test]
fn a_signal_during_a_resize_storm_still_restores() {
    // Frames are being drawn when the signal lands: the restore waits for
    // the frame, so its tail cannot hide the cursor again.
    let mut pty = Pty::open(120, 40, &[]);
    for i in 0..60u16 {
        pty.resize(40 + i, 10 + i % 20);
        pty.pump();
    }
    pty.signal(Signal::SIGTERM);
    let status = pty.wait_exit();
    assert_eq!(status.code(), Some(143), "{status}");
    assert_restored(&pty.raw_since(0));
}

#[test]
fn resize_storm_down_to_one_cell_and_back() {
    let mut pty = Pty::open(200, 60, &[]);
    let steps: Vec<(u16, u16)> = (0..=20)
        .map(|i| (200 - i * 199 / 20, 60 - i * 59 / 20))
        .chain(
            (0..=20)
                .rev()
                .map(|i| (200 - i * 199 / 20, 60 - i * 59 / 20)),
        )
        .collect();
    assert_eq!(steps[20], (1, 1));
    for (cols, rows) in steps {
        pty.resize(cols, rows);
        pty.pump();
        std::thread::sleep(Duration::from_millis(5));
    }
    assert!(
        pty.child.try_wait().expect("try_wait").is_none(),
        "survives"
    );
    // Back at 200×60, the app still answers and draws the whole screen.
    pty.mark = pty.output.len();
    pty.send("3");
    pty.wait_for("项目");
    pty.send("1");
    pty.wait_for("收入总计");
    pty.send("q");
    assert_eq!(pty.wait_exit().code(), Some(0));
    assert_restored(&pty.raw_since(0));
}

#[test]
fn stop_and_continue_leave_and_reenter_the_screen() {
    let mut pty = Pty::open(80, 24, &[]);
    let before = pty.output.len();
    pty.signal(Signal::SIGTSTP);
    pty.wait_raw(before, "leave of the screen on SIGTSTP", |o| {
        o.contains(LEAVE_ALT) && o.contains(SHOW_CURSOR)
    });
    // Wait for the stop itself (the restore comes first).
    let start = Instant::now();
    while pty.raw_mode() {
        assert!(
            start.elapsed() < DEADLINE,
            "tty left in raw mode while stopped"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    let stopped = pty.output.len();
    pty.mark = stopped;
    pty.signal(Signal::SIGCONT);
    pty.wait_raw(stopped, "re-entry on SIGCONT", |o| o.contains(ENTER_ALT));
    // The whole screen is painted again, not just what changed.
    pty.wait_for("收入总计");
    assert!(pty.raw_mode(), "raw mode again after SIGCONT");
    pty.send("q");
    assert_eq!(pty.wait_exit().code(), Some(0));
    assert_restored(&pty.raw_since(0));
}

#[test]
fn a_panic_restores_the_terminal_and_its_message_stays_visible() {
    let mut pty = Pty::spawn(80, 24, &[("BUDGET_TEST_PANIC", "1")]);
    let status = pty.wait_exit();
    assert_eq!(status.code(), Some(101), "{status}");
    let output = pty.raw_since(0);
    assert_eq!(output.matches(LEAVE_ALT).count(), 1, "{output:?}");
    let leave = output.rfind(LEAVE_ALT).unwrap_or(0);
    let message = output.find("BUDGET_TEST_PANIC").unwrap_or(0);
    assert!(
        message > leave,
        "the message is printed after the restore, on the main screen: {output:?}"
    );
    // Nothing after the message moves the cursor or clears the screen.
    let tail = &output[message..];
    assert!(!tail.contains('\x1b'), "escape after the message: {tail:?}");
    assert_restored(&output);
}
