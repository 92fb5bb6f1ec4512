//! The one pseudo-terminal helper of the suite: a program (the `kunren` binary, or the OpenSSH
//! client for a seat) in its own pty, everything it printed kept, keys typed into it, and what
//! its screen shows now (enough of VT100 for ratatui's output). Used by the console's
//! end-to-end tests (`tui/e2e.rs`) and the served drill's (`serve.rs`).

use std::ffi::OsStr;
use std::fs::File;
use std::io::{Read, Write};
use std::os::fd::{FromRawFd, OwnedFd};
use std::path::Path;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// How long any wait of these helpers lasts before the test fails.
pub const LONG: Duration = Duration::from_secs(30);

/// A pseudo-terminal pair of the given size: (controller, terminal).
fn openpty(cols: u16, rows: u16) -> (OwnedFd, OwnedFd) {
    let mut controller: libc::c_int = -1;
    let mut terminal: libc::c_int = -1;
    let size = libc::winsize {
        ws_row: rows,
        ws_col: cols,
        ws_xpixel: 0,
        ws_ypixel: 0,
    };
    // SAFETY: openpty writes two new file descriptors into the pointers on success; we own them.
    let rc = unsafe {
        libc::openpty(
            &mut controller,
            &mut terminal,
            std::ptr::null_mut(),
            std::ptr::null(),
            &size,
        )
    };
    assert_eq!(rc, 0, "openpty failed: {}", std::io::Error::last_os_error());
    // SAFETY: both descriptors were just created by openpty and are not owned elsewhere.
    unsafe {
        (
            OwnedFd::from_raw_fd(controller),
            OwnedFd::from_raw_fd(terminal),
        )
    }
}

/// What a terminal of `cols`×`rows` shows after `bytes`: cursor moves, clears, the alternate
/// screen; SGR ignored; wide characters take two cells.
pub fn screen(bytes: &[u8], cols: usize, rows: usize) -> String {
    let mut grid = vec![vec![' '; cols]; rows];
    let (mut r, mut c) = (0usize, 0usize);
    let text = String::from_utf8_lossy(bytes);
    let mut it = text.chars().peekable();
    while let Some(ch) = it.next() {
        match ch {
            '\x1b' => {
                if it.peek() != Some(&'[') {
                    it.next();
                    continue;
                }
                it.next();
                let mut params = String::new();
                let mut fin = ' ';
                for x in it.by_ref() {
                    if ('\x40'..='\x7e').contains(&x) {
                        fin = x;
                        break;
                    }
                    params.push(x);
                }
                let nums: Vec<usize> = params
                    .trim_start_matches('?')
                    .split(';')
                    .map(|n| n.parse().unwrap_or(0))
                    .collect();
                match fin {
                    'H' | 'f' => {
                        r = nums.first().copied().unwrap_or(1).max(1) - 1;
                        c = nums.get(1).copied().unwrap_or(1).max(1) - 1;
                    }
                    'J' if nums.first() == Some(&2) => {
                        grid = vec![vec![' '; cols]; rows];
                    }
                    'h' | 'l' if params.contains("1049") => {
                        grid = vec![vec![' '; cols]; rows];
                    }
                    _ => {}
                }
            }
            '\r' => c = 0,
            '\n' => r += 1,
            ch if (ch as u32) < 0x20 => {}
            ch => {
                let w = unicode_width::UnicodeWidthChar::width(ch).unwrap_or(1);
                if r < rows && c < cols {
                    grid[r][c] = ch;
                    if w == 2 && c + 1 < cols {
                        grid[r][c + 1] = '\0';
                    }
                }
                c += w;
            }
        }
        if r >= rows {
            grid.remove(0);
            grid.push(vec![' '; cols]);
            r = rows - 1;
        }
    }
    grid.iter()
        .map(|row| row.iter().filter(|c| **c != '\0').collect::<String>())
        .collect::<Vec<_>>()
        .join("\n")
}

/// A program running in its own pseudo-terminal, with everything it printed so far.
pub struct Term {
    /// The program.
    pub child: Child,
    writer: Option<File>,
    output: Arc<Mutex<Vec<u8>>>,
    reader: Option<JoinHandle<()>>,
    size: (u16, u16),
}

impl Term {
    /// Starts `program` with `args` in `cwd`, in a new pty of `size` (columns, rows) that is
    /// its controlling terminal (`TERM=xterm-256color`, `NO_COLOR=1`).
    pub fn spawn<S: AsRef<OsStr>>(
        program: &Path,
        args: &[S],
        cwd: &Path,
        size: (u16, u16),
    ) -> Term {
        let (controller, terminal) = openpty(size.0, size.1);
        let mut cmd = Command::new(program);
        cmd.args(args)
            .current_dir(cwd)
            .env("TERM", "xterm-256color")
            .env("NO_COLOR", "1")
            .stdin(Stdio::from(terminal.try_clone().expect("dup")))
            .stdout(Stdio::from(terminal.try_clone().expect("dup")))
            .stderr(Stdio::from(terminal));
        // SAFETY: between fork and exec only async-signal-safe calls: a new session, and the
        // pty as its controlling terminal.
        unsafe {
            use std::os::unix::process::CommandExt;
            cmd.pre_exec(|| {
                libc::setsid();
                libc::ioctl(0, libc::TIOCSCTTY, 0);
                Ok(())
            });
        }
        let child = cmd.spawn().expect("spawn");
        // The command holds the parent's copies of the terminal side: close them, or reading
        // the controller never ends.
        drop(cmd);
        let output = Arc::new(Mutex::new(Vec::new()));
        let reader = {
            let output = output.clone();
            let mut file = File::from(controller.try_clone().expect("dup"));
            std::thread::spawn(move || {
                let mut buf = [0u8; 4096];
                // Reading ends with EIO once the child has exited and closed the terminal.
                while let Ok(n) = file.read(&mut buf) {
                    if n == 0 {
                        break;
                    }
                    output.lock().expect("lock").extend_from_slice(&buf[..n]);
                }
            })
        };
        Term {
            child,
            writer: Some(File::from(controller)),
            output,
            reader: Some(reader),
            size,
        }
    }

    fn write(&mut self, bytes: &[u8]) {
        let w = self.writer.as_mut().expect("the terminal is open");
        w.write_all(bytes).expect("write to the pty");
        w.flush().expect("flush");
    }

    /// Types `keys` one byte at a time, as a person would, then lets the program handle and
    /// draw them (which also keeps an Esc apart from the next key, that a terminal would
    /// otherwise read as Alt+key).
    pub fn keys(&mut self, keys: &str) {
        for b in keys.bytes() {
            self.write(&[b]);
            std::thread::sleep(Duration::from_millis(15));
        }
        std::thread::sleep(Duration::from_millis(120));
    }

    /// Sends `keys` in one write (an escape sequence arrives whole), then waits a little.
    pub fn send(&mut self, keys: &str) {
        self.write(keys.as_bytes());
        std::thread::sleep(Duration::from_millis(200));
    }

    /// Everything printed, as bytes decoded (escape sequences included).
    pub fn raw(&self) -> String {
        String::from_utf8_lossy(&self.output.lock().expect("lock")).into_owned()
    }

    /// What the terminal shows now.
    pub fn text(&self) -> String {
        let bytes = self.output.lock().expect("lock").clone();
        screen(&bytes, self.size.0 as usize, self.size.1 as usize)
    }

    /// Waits until the screen shows `what`.
    pub fn wait_for(&self, what: &str) {
        let start = Instant::now();
        while !self.text().contains(what) {
            assert!(
                start.elapsed() < LONG,
                "timed out waiting for {what:?}; screen so far:\n{}",
                self.text()
            );
            std::thread::sleep(Duration::from_millis(30));
        }
    }

    /// Waits for the program to exit.
    pub fn wait_exit(&mut self) -> ExitStatus {
        let start = Instant::now();
        loop {
            if let Some(s) = self.child.try_wait().expect("wait") {
                return s;
            }
            if start.elapsed() > LONG {
                let _ = self.child.kill();
                panic!("did not exit; screen so far:\n{}", self.text());
            }
            std::thread::sleep(Duration::from_millis(30));
        }
    }

    /// Waits for the program to exit and returns its status and everything it printed.
    pub fn finish(&mut self) -> (ExitStatus, String) {
        let status = self.wait_exit();
        self.writer = None;
        if let Some(r) = self.reader.take() {
            let _ = r.join();
        }
        (status, self.raw())
    }
}

impl Drop for Term {
    fn drop(&mut self) {
        if matches!(self.child.try_wait(), Ok(None)) {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// Waits until `ok` holds.
pub fn wait_until(what: &str, timeout: Duration, mut ok: impl FnMut() -> bool) {
    let start = Instant::now();
    while !ok() {
        assert!(start.elapsed() < timeout, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(20));
    }
}
