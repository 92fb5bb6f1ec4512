//! How a command ends: the [`ExitCode`] every command shares, and the [`Failure`] a command
//! returns instead of exiting. A leaf: it depends on nothing else in the crate, so the command
//! line, the console and the library's error types can all say which code they mean.
//!
//! | code | variant | meaning |
//! |---:|---|---|
//! | 0 | [`ExitCode::Success`] | ok: clean, valid and sealed, identical, written |
//! | 1 | [`ExitCode::Problems`] | problems found: diagnostics, a refused actions script, valid but unsealed or torn tail |
//! | 2 | [`ExitCode::Integrity`] | integrity failure: a journal that fails verification or is damaged, a divergent replay |
//! | 3 | [`ExitCode::UsageOrIo`] | usage or I/O error: bad arguments, a file missing, unreadable or not writable, sources that differ from the journal's |
//! | 4 | [`ExitCode::OtherRules`] | the journal was written under other engine rules (`replay`, `--resume`) |
//! | 101 | [`ExitCode::Internal`] | internal error (a bug), as for a Rust panic |
//!
//! The README's table (under "Everyday use") says which commands use which code.

use std::fmt;

/// The process exit code of every `kunren` command: one code per meaning, across commands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ExitCode {
    /// 0: the command did what was asked: files clean, journal valid and sealed, replay
    /// identical, report or key written.
    Success,
    /// 1: the command ran and found problems: error diagnostics in a file, an actions script
    /// the engine refuses, a journal that is valid but not sealed or ends in a torn tail.
    Problems,
    /// 2: the evidence does not hold: a journal fails verification, or a replay diverges
    /// from what the journal recorded.
    Integrity,
    /// 3: the command could not run on its input: bad arguments (clap's usage errors too), a
    /// file missing, unreadable or not writable, a key that does not fit, or a scenario or
    /// organisation that differs from the one the journal was recorded with.
    UsageOrIo,
    /// 4: the journal was written under other engine rules (its `extra.rules_version`), which
    /// replay and resume cannot re-derive with these rules; the report still reads it.
    OtherRules,
    /// 101: kunren stopped on an internal error (a bug), the code of a Rust panic.
    Internal,
}

impl ExitCode {
    /// Every code, in numeric order.
    pub const ALL: [ExitCode; 6] = [
        ExitCode::Success,
        ExitCode::Problems,
        ExitCode::Integrity,
        ExitCode::UsageOrIo,
        ExitCode::OtherRules,
        ExitCode::Internal,
    ];

    /// The number the process exits with.
    pub const fn code(self) -> i32 {
        match self {
            ExitCode::Success => 0,
            ExitCode::Problems => 1,
            ExitCode::Integrity => 2,
            ExitCode::UsageOrIo => 3,
            ExitCode::OtherRules => 4,
            ExitCode::Internal => 101,
        }
    }

    /// A short description of the meaning, for help texts.
    pub const fn meaning(self) -> &'static str {
        match self {
            ExitCode::Success => "ok",
            ExitCode::Problems => "problems found",
            ExitCode::Integrity => "integrity failure",
            ExitCode::UsageOrIo => "usage or I/O error",
            ExitCode::OtherRules => "written under other rules",
            ExitCode::Internal => "internal error",
        }
    }
}

impl From<ExitCode> for i32 {
    fn from(code: ExitCode) -> i32 {
        code.code()
    }
}

impl fmt::Display for ExitCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.code(), self.meaning())
    }
}

/// A command's failure: the message for stderr and the exit code.
#[derive(Debug)]
pub struct Failure {
    /// Exit code (an [`ExitCode`]'s number).
    pub code: i32,
    /// Message for stderr.
    pub message: String,
}

impl Failure {
    /// A failure with an exit code.
    pub fn new(code: impl Into<i32>, message: impl Into<String>) -> Self {
        Failure {
            code: code.into(),
            message: message.into(),
        }
    }

    /// A failure whose message is `error: {e}`.
    pub fn error(code: impl Into<i32>, e: impl fmt::Display) -> Self {
        Failure::new(code, format!("error: {e}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_distinct() {
        let mut codes: Vec<i32> = ExitCode::ALL.iter().map(|c| c.code()).collect();
        codes.dedup();
        assert_eq!(codes.len(), ExitCode::ALL.len());
        assert_eq!(i32::from(ExitCode::UsageOrIo), 3);
        assert_eq!(
            ExitCode::OtherRules.to_string(),
            "4 (written under other rules)"
        );
    }
}
