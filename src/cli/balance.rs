//! `kunren balance`: Monte Carlo runs of a scenario with an automatic player.

use super::{DocFormat, PolicyKind, make_policy};
use crate::exit::{ExitCode, Failure};
use crate::i18n::Lang;
use crate::scenario::load::load_or_fail_in;

/// Arguments of `balance`.
#[derive(Debug)]
pub(super) struct BalanceArgs {
    pub(super) scenario: Option<String>,
    pub(super) org: Option<String>,
    pub(super) kind: PolicyKind,
    pub(super) runs: u32,
    pub(super) seed: u64,
    pub(super) format: DocFormat,
    pub(super) threads: Option<usize>,
    /// The language of a load failure (the batch report itself is English).
    pub(super) lang: Lang,
}

pub(super) fn cmd_balance(args: BalanceArgs) -> Result<ExitCode, Failure> {
    let BalanceArgs {
        scenario,
        org,
        kind,
        runs,
        seed,
        format,
        threads,
        lang,
    } = args;
    use std::io::IsTerminal;
    if runs == 0 {
        return Err(Failure::new(ExitCode::UsageOrIo, lang.cli_text().runs_zero));
    }
    let bundle = load_or_fail_in(scenario.as_deref(), org.as_deref(), lang)?;
    let tty = std::io::stderr().is_terminal();
    let name = format!("{kind:?}").to_lowercase();
    let report = crate::montecarlo::run_batch(
        &bundle,
        &name,
        |s| make_policy(kind, s),
        runs,
        seed,
        threads.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, usize::from)),
        |done, total| {
            if tty {
                eprint!("\r  {done}/{total} runs");
                if done == total {
                    eprintln!();
                }
            }
        },
    );
    match format {
        DocFormat::Text => out!(
            "{}",
            crate::text::printable(&crate::montecarlo::render(&report))
        ),
        DocFormat::Json => outln!(
            "{}",
            crate::text::json_safe(&serde_json::to_string_pretty(&report).unwrap_or_default())
        ),
    }
    Ok(ExitCode::Success)
}
