//! `kunren run`: play a drill headless (policy or actions script), optionally journaled or resumed.

use std::io::Write;
use std::path::PathBuf;

use super::{PolicyKind, bundle_for_journal, load_script, make_policy, session_failure};
use crate::exit::{ExitCode, Failure};
use crate::policy::{self, Policy};
use crate::scenario::load::load_or_fail;
use crate::session::{Drill, DrillMeta};

/// Arguments of `run`.
#[derive(Debug, Default)]
pub(super) struct RunArgs {
    pub(super) scenario: Option<String>,
    pub(super) org: Option<String>,
    pub(super) policy: Option<PolicyKind>,
    pub(super) actions: Option<String>,
    pub(super) seed: u64,
    pub(super) json: bool,
    pub(super) journal: Option<PathBuf>,
    pub(super) key: Option<PathBuf>,
    pub(super) facilitator: Option<String>,
    pub(super) resume: Option<PathBuf>,
    pub(super) lang: Option<String>,
    pub(super) previous_drill: Option<String>,
    pub(super) plan: Option<crate::records::PlanFacts>,
    pub(super) exercise: crate::records::ExerciseFacts,
}

pub(super) fn cmd_run(args: RunArgs) -> Result<ExitCode, Failure> {
    let bundle = match &args.resume {
        Some(j) => bundle_for_journal(j, args.scenario.as_deref(), args.org.as_deref())?.0,
        None => load_or_fail(args.scenario.as_deref(), args.org.as_deref())?,
    };
    let script = match &args.actions {
        Some(path) => Some(load_script(path)?),
        None => None,
    };
    let key = match &args.key {
        Some(k) => Some(
            crate::journal::load_signing_key(k).map_err(|e| Failure::error(e.exit_code(), e))?,
        ),
        None => None,
    };
    let meta = DrillMeta {
        title: script.as_ref().and_then(|s| s.title.clone()),
        facilitator: args
            .facilitator
            .clone()
            .or_else(|| script.as_ref().and_then(|s| s.facilitator.clone()))
            .unwrap_or_else(|| "facilitator".into()),
        participants: script
            .as_ref()
            .map(|s| {
                s.participants
                    .iter()
                    .map(|p| crate::journal::Participant {
                        name: p.name.clone(),
                        role: p.role.clone(),
                    })
                    .collect()
            })
            .unwrap_or_default(),
        language: args.lang.clone(),
        timezone: "Asia/Tokyo".into(),
        mode: "headless".into(),
        previous_drill: args
            .previous_drill
            .clone()
            .or_else(|| script.as_ref().and_then(|s| s.previous_drill.clone())),
        plan: args.plan.clone(),
        exercise: args.exercise.clone(),
    };
    let mut drill = match &args.resume {
        Some(j) => {
            let (mut drill, written) =
                Drill::resume(j, bundle.clone(), key).map_err(|e| session_failure(&e))?;
            let turn = drill.engine().turn();
            eprintln!(
                "resumed {} at turn {turn} ({written} cut-off record(s) rewritten)",
                j.display()
            );
            drill
        }
        None => Drill::start(
            bundle.clone(),
            args.seed,
            &meta,
            args.journal.as_deref(),
            key,
        )
        .map_err(|e| session_failure(&e))?,
    };
    let mut player: Box<dyn Policy> = match (&script, args.policy) {
        (Some(script), _) => {
            policy::check_script(script, drill.engine())
                .map_err(|e| Failure::error(e.exit_code(), e))?;
            Box::new(policy::Scripted::new(script.clone()))
        }
        (None, kind) => make_policy(kind.unwrap_or(PolicyKind::Expert), args.seed),
    };
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let max = bundle.scenario.max_turns;
    let result =
        crate::headless::play_drill(&mut drill, player.as_mut(), script.as_ref(), |report| {
            let text = if args.json {
                crate::text::json_safe(&serde_json::to_string(report).unwrap_or_default())
                    .into_owned()
                    + "\n"
            } else {
                // Rendered text already escapes authored text; escaping the whole keeps any
                // field added later from reaching the terminal raw.
                crate::text::printable(&crate::headless::render_turn(report, max)).into_owned()
            };
            let _ = out.write_all(text.as_bytes());
        });
    let summary = match result {
        Ok(s) => s,
        Err(e) => {
            let journal = drill.journal_path();
            let sealed = drill.close(&format!("stopped: {e}"));
            let mut msg = format!("error: {e}");
            if let (Some(p), Ok(Some(_))) = (journal, sealed) {
                msg.push_str(&format!(
                    "\nthe journal {} was sealed as aborted",
                    p.display()
                ));
            }
            return Err(Failure::new(e.exit_code(), msg));
        }
    };
    let journal = drill.journal_path();
    let seal = drill.close("").map_err(|e| session_failure(&e))?;
    let text = if args.json {
        let json = serde_json::to_string(&serde_json::json!({ "summary": summary }));
        crate::text::json_safe(&json.unwrap_or_default()).into_owned() + "\n"
    } else {
        let mut t = crate::text::printable(&crate::headless::render_summary(&summary)).into_owned();
        if let (Some(p), Some(seal)) = (journal, seal) {
            t.push_str(&format!(
                "  journal {} sealed: {} records, Merkle root {}\n  verify with: kunren verify {}\n",
                p.display(),
                seal.records,
                seal.anchor.root,
                p.display()
            ));
        }
        t
    };
    let _ = out.write_all(text.as_bytes());
    Ok(ExitCode::Success)
}
