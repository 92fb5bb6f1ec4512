//! `kunren balance`: Monte Carlo runs of a scenario with an automatic player.

use super::{DocFormat, PolicyKind, make_policy};
use crate::exit::{ExitCode, Failure};
use crate::scenario::load::load_or_fail;

pub(super) fn cmd_balance(
    scenario: Option<String>,
    org: Option<String>,
    kind: PolicyKind,
    runs: u32,
    seed: u64,
    format: DocFormat,
    threads: Option<usize>,
) -> Result<ExitCode, Failure> {
    use std::io::IsTerminal;
    if runs == 0 {
        return Err(Failure::new(
            ExitCode::UsageOrIo,
            "error: --runs must be at least 1",
        ));
    }
    let bundle = load_or_fail(scenario.as_deref(), org.as_deref())?;
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
