//! `kunren run`: play a drill headless (policy or actions script), optionally journaled or resumed.

use std::io::Write;
use std::path::PathBuf;

use super::{PolicyKind, bundle_for_journal_in, load_script, make_policy, session_failure};
use crate::exit::{ExitCode, Failure};
use crate::i18n::report::fill;
use crate::policy::{self, Policy};
use crate::scenario::load::load_or_fail_in;
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
    pub(super) register: Option<PathBuf>,
    pub(super) plan: Option<crate::records::PlanFacts>,
    pub(super) exercise: crate::records::ExerciseFacts,
}

pub(super) fn cmd_run(args: RunArgs) -> Result<ExitCode, Failure> {
    // Load failures follow `--lang` (the drill's own language is not known yet).
    let asked = args.lang.as_deref().and_then(crate::i18n::Lang::parse);
    let load_lang = asked.unwrap_or_default();
    let bundle = match &args.resume {
        Some(j) => {
            bundle_for_journal_in(j, args.scenario.as_deref(), args.org.as_deref(), load_lang)?.0
        }
        None => load_or_fail_in(args.scenario.as_deref(), args.org.as_deref(), load_lang)?,
    };
    // The table's fixed words follow `--lang`, else the drill's own language.
    let lang = asked
        .or_else(|| crate::i18n::Lang::parse(&bundle.scenario.language))
        .unwrap_or_default();
    let mut script = match &args.actions {
        Some(path) => Some(load_script(path)?),
        None => None,
    };
    // With the register: list the open items of earlier drills (stdout, or stderr beside
    // JSON), check the script's item updates against them, and find the previous drill.
    let register = match &args.register {
        Some(dir) => {
            let reg = if args.json {
                super::register::for_new_drill(dir, &mut std::io::stderr())?
            } else {
                super::register::for_new_drill(dir, &mut std::io::stdout())?
            };
            if let Some(s) = script.as_mut() {
                super::register::resolve_updates(&reg, s)?;
            }
            Some(reg)
        }
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
            .unwrap_or_else(|| crate::report::model::UNNAMED_FACILITATOR.into()),
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
            .or_else(|| script.as_ref().and_then(|s| s.previous_drill.clone()))
            .or_else(|| register.as_ref().and_then(|r| r.previous_drill())),
        plan: args.plan.clone(),
        exercise: args.exercise.clone(),
    };
    let mut drill = match &args.resume {
        Some(j) => {
            // The player is re-executed against the journal from turn 1 (each record checked,
            // nothing rewritten) and recording continues where the journal ends.
            let drill = Drill::resume_for_player(j, bundle.clone(), key)
                .map_err(|e| session_failure(&e, lang))?;
            eprintln!(
                "{}",
                fill(lang.cli_text().resuming, &[("path", &j.display())])
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
        .map_err(|e| session_failure(&e, lang))?,
    };
    let mut player: Box<dyn Policy> = match (&script, args.policy) {
        (Some(script), _) => {
            policy::check_script(script, drill.engine())
                .map_err(|e| super::error_in(e.exit_code(), lang, &e.message(lang)))?;
            Box::new(policy::Scripted::new(script.clone()))
        }
        // The seed of the drill being played (the journal's, when resuming).
        (None, kind) => make_policy(kind.unwrap_or(PolicyKind::Expert), drill.engine().seed()),
    };
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let max = bundle.scenario.max_turns;
    let people: Vec<(String, String)> = meta
        .participants
        .iter()
        .map(|p| (p.name.clone(), p.role.clone()))
        .collect();
    let ja = lang == crate::i18n::Lang::Ja;
    if !args.json {
        let legend = technique_legend(&bundle.scenario);
        let _ = out.write_all(crate::text::printable(&legend).as_bytes());
    }
    let result =
        crate::headless::play_drill(&mut drill, player.as_mut(), script.as_ref(), |report| {
            let text = if args.json {
                crate::text::json_safe(&crate::headless::report_json(report, &bundle).to_string())
                    .into_owned()
                    + "\n"
            } else {
                // Rendered text already escapes authored text; escaping the whole keeps any
                // field added later from reaching the terminal raw.
                let text = crate::headless::render_turn_with(report, &bundle, max, &people, lang);
                let text = with_calendar_time(text, &bundle.scenario, report.turn, ja);
                crate::text::printable(&text).into_owned()
            };
            let _ = out.write_all(text.as_bytes());
        });
    let summary = match result {
        Ok(s) => s,
        Err(e) => {
            let journal = drill.journal_path();
            let sealed = drill.close(&format!("stopped: {e}"));
            let t = lang.cli_text();
            let mut msg = fill(t.error, &[("message", &e.message(lang))]);
            if let (Some(p), Ok(Some(_))) = (journal, sealed) {
                msg.push('\n');
                msg.push_str(&fill(t.sealed_aborted, &[("path", &p.display())]));
            }
            return Err(Failure::new(e.exit_code(), msg));
        }
    };
    let journal = drill.journal_path();
    let seal = drill.close("").map_err(|e| session_failure(&e, lang))?;
    let text = if args.json {
        let json = serde_json::to_string(&serde_json::json!({ "summary": summary }));
        crate::text::json_safe(&json.unwrap_or_default()).into_owned() + "\n"
    } else {
        let mut t = crate::text::printable(&crate::headless::render_summary_in(&summary, lang))
            .into_owned();
        if let (Some(p), Some(seal)) = (journal, seal) {
            let sealed = lang.f(
                crate::i18n::S::RunSealed,
                &[&p.display(), &seal.records, &seal.anchor.root],
            );
            let verify = lang.f(crate::i18n::S::RunVerifyWith, &[&p.display()]);
            t.push_str(&format!("  {sealed}\n  {verify}\n"));
        }
        t
    };
    let _ = out.write_all(text.as_bytes());
    Ok(ExitCode::Success)
}

/// The campaign's ATT&CK techniques, each once, with name, tactic and domain, printed before
/// the first turn so the attacker lines' ids can be read.
fn technique_legend(sc: &crate::scenario::Scenario) -> String {
    let mut seen = std::collections::BTreeSet::new();
    let mut s = String::new();
    for st in &sc.campaign {
        if seen.insert((st.technique.as_str(), st.tactic.shortname())) {
            s.push_str(&format!(
                "  ATT&CK {}\n",
                crate::scenario::attack::describe(&st.technique, st.tactic)
            ));
        }
    }
    s
}

/// The turn's text with the wall-clock time of the turn's start in its header line
/// (`── Turn 2/24 · T+01:00–02:00 · Fri 2021-05-07 06:00 EDT ──…`), when the scenario has a
/// `starts_at`; unchanged otherwise.
fn with_calendar_time(text: String, sc: &crate::scenario::Scenario, turn: u32, ja: bool) -> String {
    let Some(label) = sc.turn_start_label(turn, ja) else {
        return text;
    };
    let Some((head, rest)) = text.split_once('\n') else {
        return text;
    };
    let bare = head.trim_end_matches('─').trim_end();
    let rule = head
        .chars()
        .count()
        .saturating_sub(bare.chars().count() + 1);
    let rule = rule.saturating_sub(label.chars().count() + 3).max(4);
    format!("{bare} · {label} {}\n{rest}", "─".repeat(rule))
}
