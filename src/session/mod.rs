//! A drill session: the engine plus the evidence journal. Every front end (headless `run`, the
//! console, replay and resume) goes through this one recorder, so what the journal holds is
//! exactly what the engine did.
//!
//! Record order: the header; `turn_started` and `inject_delivered` for turn 1; then while a turn
//! is open the team's inputs as they happen (`action_submitted`, `action_withdrawn`,
//! `decision_made`, facilitator injects, notes, overrides, pauses); then at the end of the turn
//! the engine's outputs in a fixed order (see [`turn_records`]), ending with `turn_ended`, and the
//! next turn's opening records. Replay re-runs the inputs and compares every record, inputs
//! included ([`input_record`]), and the header's scenario facts ([`check_header_facts`]).

use std::collections::VecDeque;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde_json::Value;

use ed25519_dalek::SigningKey;

use crate::engine::{Engine, EngineError, InjectView, StateChange, Summary, TurnReport};
use crate::input::{self, Input};
use crate::journal::{
    Actor, CloseStatus, Header, JournalError, JournalWriter, Participant, Record, RecordKind,
    SealInfo, WriterOptions,
};
use crate::records::{
    ActionFacts, ActionSubmitted, ActionWithdrawn, Body, ClockFacts, DecisionFacts, DrillResult,
    ExerciseFacts, ExpectationFacts, HeaderExtra, IdName, InjectNames, LogNames, Note, OptionFacts,
    OrgFacts, Phase, PlanFacts, RULES_VERSION, RegimeFacts, RoleFacts, RuleNames, ScenarioFacts,
    ServiceFacts, Signoff, StageFacts, StateChanged, Text, TurnEnded, TurnStarted,
};
use crate::scenario::Bundle;
use crate::scenario::script::{AreaForImprovement, Hotwash, ImprovementItem, ItemUpdate};

mod compat;
mod replay;
pub use replay::{Divergence, Replayer};
mod views;
pub use views::*;

/// Who runs the drill and how it is recorded.
#[derive(Debug, Clone, Default)]
pub struct DrillMeta {
    /// Drill title (defaults to the scenario title).
    pub title: Option<String>,
    /// Facilitator's name.
    pub facilitator: String,
    /// Participants and roles.
    pub participants: Vec<Participant>,
    /// Language of the drill (`en` or `ja`).
    pub language: Option<String>,
    /// IANA time zone shown in the report.
    pub timezone: String,
    /// How the drill is run (`headless`, `console`).
    pub mode: String,
    /// Date of the organisation's previous drill (YYYY-MM-DD), for the report.
    pub previous_drill: Option<String>,
    /// The organisation's own incident-response plan under test (see [`plan_facts`]); `None`
    /// when the drill tests the scenario's model response.
    pub plan: Option<PlanFacts>,
    /// AAR/IP overview facts given at set-up (sponsor, point of contact, location, evaluators,
    /// participating organisations, handling marking); the organisation's and the scenario's
    /// fill the rest.
    pub exercise: ExerciseFacts,
}

/// A role as people read it: "Aoi Tanaka (SOC)" when one participant plays it, "Aoi Tanaka,
/// Ken Mori (SOC)" when several do, `None` when nobody does. `people` are (name, role id).
pub fn person(people: &[(String, String)], role: &str) -> Option<String> {
    let names: Vec<&str> = people
        .iter()
        .filter(|(_, r)| r == role)
        .map(|(n, _)| n.as_str())
        .collect();
    (!names.is_empty()).then(|| format!("{} ({})", names.join(", "), role.to_uppercase()))
}

/// The statement an executive makes in signing off, when none is typed.
pub fn default_signoff_statement(language: &str) -> &'static str {
    if language.starts_with("ja") {
        "本演習の事後評価報告書の内容を確認し、その所見と改善計画を承認します。"
    } else {
        "I have reviewed the results of this exercise and accept its findings and the improvement plan."
    }
}

/// The current time as a journal timestamp (UTC, RFC 3339), for a sign-off.
pub fn now_timestamp() -> String {
    crate::journal::format_timestamp(time::OffsetDateTime::now_utc())
}

/// Largest plan file `--plan` hashes (a plan is a document, not a disk image).
pub const PLAN_MAX_BYTES: u64 = 512 * 1024 * 1024;

/// Names the organisation's incident-response plan for the journal header: the SHA-256 and
/// size of the file at `path` (a regular file of at most [`PLAN_MAX_BYTES`], read once in
/// blocks), with the title and version the facilitator gives. Blank title or version count as
/// not given. The error says which file and why.
pub fn plan_facts(
    path: &Path,
    title: Option<&str>,
    version: Option<&str>,
) -> Result<PlanFacts, String> {
    use sha2::{Digest, Sha256};
    use std::io::Read;
    let shown = path.display();
    let meta = std::fs::metadata(path).map_err(|e| format!("cannot read the plan {shown}: {e}"))?;
    if !meta.is_file() {
        return Err(format!("the plan {shown} is not a regular file"));
    }
    if meta.len() > PLAN_MAX_BYTES {
        return Err(format!(
            "the plan {shown} is larger than {} MiB",
            PLAN_MAX_BYTES / (1024 * 1024)
        ));
    }
    let mut file =
        std::fs::File::open(path).map_err(|e| format!("cannot read the plan {shown}: {e}"))?;
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 64 * 1024];
    let mut size: u64 = 0;
    loop {
        let n = file
            .read(&mut buf)
            .map_err(|e| format!("cannot read the plan {shown}: {e}"))?;
        if n == 0 {
            break;
        }
        size = size.saturating_add(n as u64);
        if size > PLAN_MAX_BYTES {
            return Err(format!(
                "the plan {shown} is larger than {} MiB",
                PLAN_MAX_BYTES / (1024 * 1024)
            ));
        }
        hasher.update(&buf[..n]);
    }
    let given = |x: Option<&str>| {
        x.map(str::trim)
            .filter(|x| !x.is_empty())
            .map(str::to_string)
    };
    Ok(PlanFacts {
        file: path.display().to_string(),
        sha256: hex::encode(hasher.finalize()),
        size,
        title: given(title),
        version: given(version),
    })
}

/// Why a session operation failed.
#[derive(Debug, thiserror::Error)]
pub enum SessionError {
    /// The engine refused.
    #[error(transparent)]
    Engine(#[from] EngineError),
    /// The journal failed; the session must stop.
    #[error(transparent)]
    Journal(#[from] JournalError),
    /// The journal does not match this scenario or diverges on replay.
    #[error("{0}")]
    Mismatch(String),
    /// The journal was written under other engine rules than these.
    #[error("{0}")]
    OtherRules(String),
    /// The drill's journal is sealed: nothing more can be recorded.
    #[error("the drill is sealed: nothing more can be recorded")]
    Sealed,
    /// A correction names nothing that can be corrected, or lacks a reason.
    #[error(transparent)]
    Correction(CorrectionProblem),
    /// An SSH seat asked for something its role may not do (another role's action or
    /// decision, a facilitator's control); nothing was recorded.
    #[error(transparent)]
    Seat(SeatRefusal),
}

/// Why a correction was refused (lines are 1-based, as the journal shows them).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CorrectionProblem {
    /// The line is not a correctable record of this drill.
    #[error("line {line} is not a decision, override, note or hotwash entry of this drill")]
    NotCorrectable {
        /// The line named.
        line: u64,
    },
    /// The line was corrected before.
    #[error("line {line} is already corrected")]
    AlreadyCorrected {
        /// The line named.
        line: u64,
    },
    /// The correction has no reason.
    #[error("a correction needs a reason")]
    NoReason,
    /// The replacement is not a later record of the corrected line's kind.
    #[error("line {by} does not replace line {line} (not a later record of its kind)")]
    NotReplacement {
        /// The line said to replace it.
        by: u64,
        /// The corrected line.
        line: u64,
    },
}

/// What a seat may not do: the role it sits for, and what it asked.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SeatRefusal {
    /// It submitted an action for another role.
    #[error("the seat of {role} cannot act for {other}")]
    ActFor {
        /// The seat's role.
        role: String,
        /// The role it asked to act for.
        other: String,
    },
    /// The action belongs to another role.
    #[error("`{action}` is an action of {owner}, not of {role}")]
    NotItsAction {
        /// The action.
        action: String,
        /// Its owner.
        owner: String,
        /// The seat's role.
        role: String,
    },
    /// No such action.
    #[error("no action `{action}`")]
    NoAction {
        /// The action asked for.
        action: String,
    },
    /// It withdrew another role's queued action.
    #[error("the seat of {role} cannot withdraw an action of {other}")]
    WithdrawFor {
        /// The seat's role.
        role: String,
        /// The queued action's role.
        other: String,
    },
    /// Nothing is queued there.
    #[error("nothing queued at position {position}")]
    NothingQueued {
        /// The position asked for.
        position: usize,
    },
    /// It decided for another role.
    #[error("the seat of {role} cannot decide for {other}")]
    DecideFor {
        /// The seat's role.
        role: String,
        /// The role it asked to decide for.
        other: String,
    },
    /// The decision belongs to another role.
    #[error("`{decision}` is a decision of {owner}, not of {role}")]
    NotItsDecision {
        /// The decision.
        decision: String,
        /// Its owner.
        owner: String,
        /// The seat's role.
        role: String,
    },
    /// No such open decision.
    #[error("no open decision `{decision}`")]
    NoOpenDecision {
        /// The decision asked for.
        decision: String,
    },
    /// A facilitator's control.
    #[error("a seat of {role} cannot do that (facilitator only)")]
    FacilitatorOnly {
        /// The seat's role.
        role: String,
    },
}

impl SessionError {
    /// The exit code of a failed session: an engine refusal is a problem with the input, a
    /// journal that diverges from the engine is an integrity failure, a journal written under
    /// other rules has its own code, and a journal error says its own
    /// ([`crate::journal::JournalError::exit_code`]).
    pub fn exit_code(&self) -> crate::exit::ExitCode {
        use crate::exit::ExitCode;
        match self {
            SessionError::Engine(_)
            | SessionError::Sealed
            | SessionError::Correction(_)
            | SessionError::Seat(_) => ExitCode::Problems,
            SessionError::Journal(e) => e.exit_code(),
            SessionError::Mismatch(_) => ExitCode::Integrity,
            SessionError::OtherRules(_) => ExitCode::OtherRules,
        }
    }
}

/// The inputs a hotwash holds, in the order they are recorded.
pub fn hotwash_inputs(h: &Hotwash) -> Vec<Input> {
    let mut out: Vec<Input> = Vec::new();
    out.extend(
        h.strengths
            .iter()
            .map(|t| Input::Strength { text: t.clone() }),
    );
    out.extend(h.improvements.iter().map(|t| {
        Input::AreaForImprovement(AreaForImprovement {
            text: t.clone(),
            ..AreaForImprovement::default()
        })
    }));
    out.extend(h.areas.iter().cloned().map(Input::AreaForImprovement));
    out.extend(h.items.iter().cloned().map(Input::PlanItem));
    out.extend(h.item_updates.iter().cloned().map(Input::ItemUpdate));
    out.extend(h.signoff.iter().map(|n| {
        Input::Signoff(Signoff {
            name: n.clone(),
            role: h.signoff_role.clone().unwrap_or_default(),
            statement: h.signoff_statement.clone().unwrap_or_default(),
            time: String::new(),
        })
    }));
    out
}

/// The AAR/IP overview facts of a drill: the set-up's, then the organisation's defaults, then
/// the scenario's (threat, mission areas, exercise type).
pub fn exercise_facts(bundle: &Bundle, meta: &DrillMeta) -> ExerciseFacts {
    let clean = |v: &[String]| -> Vec<String> {
        v.iter()
            .map(|x| x.trim().to_string())
            .filter(|x| !x.is_empty())
            .collect()
    };
    let mut given = meta.exercise.clone();
    given.evaluators = clean(&given.evaluators);
    given.organisations = clean(&given.organisations);
    let org = bundle
        .org
        .report
        .as_ref()
        .map(|d| ExerciseFacts {
            handling: d.handling.clone(),
            location: d.location.clone(),
            organisations: clean(&d.organisations),
            poc: d.poc.clone(),
            sponsor: d.sponsor.clone(),
            ..ExerciseFacts::default()
        })
        .unwrap_or_default();
    let sc = &bundle.scenario;
    let scenario = ExerciseFacts {
        exercise_type: sc.exercise_type,
        mission_areas: sc.mission_areas.clone(),
        threat: sc.threat.clone(),
        ..ExerciseFacts::default()
    };
    let mut out = given.or(&org).or(&scenario);
    for f in [
        &mut out.handling,
        &mut out.location,
        &mut out.poc,
        &mut out.sponsor,
        &mut out.threat,
    ] {
        *f = f
            .take()
            .map(|x| x.trim().to_string())
            .filter(|x| !x.is_empty());
    }
    out
}

/// A drill in progress, with its journal.
pub struct Drill {
    engine: Engine,
    journal: Option<JournalWriter>,
    facilitator: Actor,
    resumed_mid_turn: bool,
    sealed: bool,
    opened: time::OffsetDateTime,
    /// Re-executing a resumed drill ([`Drill::resume_for_player`]): the journal's records not
    /// yet given again. Each record the drill would write is compared with the first of them
    /// instead of being written; recording resumes once they are all given.
    catch_up: VecDeque<Record>,
    /// Set when a record given during the re-execution differs from the journal's: nothing
    /// more is written or sealed.
    diverged: bool,
    /// Records a correction may name, in journal order.
    recorded: Vec<Recorded>,
    /// `seq` of the last record written (counted without a journal).
    last_seq: Option<u64>,
    overrides_made: u32,
    /// Catching up a journal that predates the typed turn log ([`compat`]).
    untyped: bool,
}

/// A record of this drill that a correction may name (a decision, an override, a note, a
/// hotwash entry), as it was written.
#[derive(Debug, Clone, PartialEq)]
pub struct Recorded {
    /// Its `seq` in the journal.
    pub seq: u64,
    /// Turn it was written in.
    pub turn: u32,
    /// Who made it.
    pub actor: Actor,
    /// What it says.
    pub body: Body,
    /// For an override: which override of the drill it is (from 1).
    pub nth_override: Option<u32>,
    /// The correction that names it, once corrected (its `seq`, who, why).
    pub corrected: Option<(u64, crate::records::Correction)>,
}

/// A new drill id: UTC date-time plus the seed, readable and unique enough per facilitator.
pub fn new_drill_id(seed: u64) -> String {
    let now = time::OffsetDateTime::now_utc();
    format!(
        "{:04}{:02}{:02}-{:02}{:02}{:02}-{seed}",
        now.year(),
        u8::from(now.month()),
        now.day(),
        now.hour(),
        now.minute(),
        now.second()
    )
}

/// The names typed events and score reasons refer to that the header keeps nowhere else.
fn log_names(bundle: &Bundle) -> LogNames {
    let (sc, org) = (&bundle.scenario, &bundle.org);
    let id_name = |id: &String, name: &String| IdName {
        id: id.clone(),
        name: name.clone(),
    };
    LogNames {
        assets: org.assets.iter().map(|a| a.name.clone()).collect(),
        controls: org
            .controls
            .iter()
            .map(|c| id_name(&c.id, &c.name))
            .collect(),
        data: org.data.iter().map(|d| d.name.clone()).collect(),
        injects: sc
            .injects
            .iter()
            .map(|i| InjectNames {
                id: i.id.clone(),
                options: i
                    .decision
                    .iter()
                    .flat_map(|d| &d.options)
                    .map(|o| OptionFacts {
                        id: o.id.clone(),
                        label: o.label.clone(),
                    })
                    .collect(),
                title: i.title.clone(),
            })
            .collect(),
        outage_notes: org.services.iter().map(|s| s.outage_note.clone()).collect(),
        rules: sc
            .rules
            .iter()
            .map(|r| RuleNames {
                id: r.id.clone(),
                reason: r.reason.clone(),
                reason_ja: r.reason_ja.clone(),
            })
            .collect(),
        zones: org.zones.iter().map(|z| id_name(&z.id, &z.name)).collect(),
    }
}

/// What the report needs from the scenario, stored in the header so the journal stands alone.
pub fn header_extra(bundle: &Bundle, meta: &DrillMeta) -> HeaderExtra {
    let sc = &bundle.scenario;
    let org = &bundle.org;
    // Controls in place from the start: org-wide ones and those on some asset.
    let mut controls_in_place: Vec<String> = org
        .controls
        .iter()
        .filter(|c| c.in_place)
        .map(|c| c.id.clone())
        .chain(org.assets.iter().flat_map(|a| a.controls.iter().cloned()))
        .collect();
    controls_in_place.sort_unstable();
    controls_in_place.dedup();
    HeaderExtra {
        actions: bundle
            .catalogue
            .actions
            .iter()
            .map(|a| ActionFacts {
                function: a.function,
                id: a.id.clone(),
                name: a.name.clone(),
                name_ja: a.name_ja.clone(),
            })
            .collect(),
        controls_in_place,
        decisions: sc
            .injects
            .iter()
            .filter_map(|i| {
                i.decision.as_ref().map(|d| DecisionFacts {
                    default: d.default.clone(),
                    id: d.id.clone(),
                    inject: i.id.clone(),
                    options: d
                        .options
                        .iter()
                        .map(|o| OptionFacts {
                            id: o.id.clone(),
                            label: o.label.clone(),
                        })
                        .collect(),
                    prompt: d.prompt.clone(),
                })
            })
            .collect(),
        expectations: sc
            .expectations
            .iter()
            .map(|e| ExpectationFacts {
                id: e.id.clone(),
                objective: e.objective.clone(),
                points: e.points,
                title: e.title.clone(),
                title_ja: e.title_ja.clone(),
                within: e.within,
            })
            .collect(),
        exercise: Some(exercise_facts(bundle, meta)).filter(|x| !x.is_empty()),
        mode: meta.mode.clone(),
        names: Some(log_names(bundle)),
        objectives: sc.objectives.clone(),
        org: OrgFacts {
            impact_unit: org.impact_unit.clone(),
            roles: org
                .roles
                .iter()
                .map(|r| RoleFacts {
                    capacity: r.capacity,
                    id: r.id.clone(),
                    name: r.name.clone(),
                })
                .collect(),
            sector: org.sector.clone(),
            services: org
                .services
                .iter()
                .map(|s| ServiceFacts {
                    id: s.id.clone(),
                    name: s.name.clone(),
                })
                .collect(),
        },
        plan: meta.plan.clone(),
        previous_drill: meta.previous_drill.clone(),
        reference_response: sc.reference_response.clone(),
        regimes: bundle
            .regimes
            .iter()
            .zip(&sc.regimes)
            .map(|(r, u)| RegimeFacts {
                assumption: r.assumption.clone(),
                assumption_ja: r.assumption_ja.clone(),
                authority: r.authority.clone(),
                authority_ja: r.authority_ja.clone(),
                basis: r.basis.clone(),
                basis_ja: r.basis_ja.clone(),
                clocks: r
                    .clocks
                    .iter()
                    .map(|c| ClockFacts {
                        basis: c.basis.clone(),
                        basis_ja: c.basis_ja.clone(),
                        deadline: c.deadline,
                        hours: c.hours.or(u.hours).unwrap_or(24),
                        id: c.id.clone(),
                        title: c.title.clone(),
                        title_ja: c.title_ja.clone(),
                    })
                    .collect(),
                id: r.id.clone(),
                name: r.name.clone(),
                name_ja: r.name_ja.clone(),
                objective: u.objective.clone(),
                source: r.source.clone(),
            })
            .collect(),
        rules_version: RULES_VERSION,
        scenario: ScenarioFacts {
            authors: sc.authors.clone(),
            max_turns: sc.max_turns,
            sector: sc.sector.clone(),
            summary: sc.summary.clone(),
            techniques: sc.campaign.iter().map(|s| s.technique.clone()).collect(),
            turn_minutes: sc.turn_minutes,
            version: sc.version.clone(),
            starts_at: sc.starts_at.clone(),
        },
        stages: sc
            .campaign
            .iter()
            .map(|s| StageFacts {
                id: s.id.clone(),
                tactic: s.tactic,
                technique: s.technique.clone(),
                title: s.title.clone(),
            })
            .collect(),
        state_tracking: true,
    }
}

/// Builds the header record for a new drill.
pub fn header_for(bundle: &Bundle, seed: u64, meta: &DrillMeta) -> Header {
    Header {
        kunren_version: crate::journal::KUNREN_VERSION.to_string(),
        drill_id: new_drill_id(seed),
        drill_title: meta
            .title
            .clone()
            .unwrap_or_else(|| bundle.scenario.title.clone()),
        scenario_id: bundle.scenario.id.clone(),
        scenario_title: bundle.scenario.title.clone(),
        scenario_sha256: bundle.scenario_source.sha256.clone(),
        scenario_path: bundle.scenario_source.path.clone(),
        org_id: bundle.org.id.clone(),
        org_name: bundle.org.name.clone(),
        org_sha256: bundle.org_source.sha256.clone(),
        org_path: bundle.org_source.path.clone(),
        seed,
        facilitator: meta.facilitator.clone(),
        participants: meta.participants.clone(),
        timezone: if meta.timezone.is_empty() {
            "Asia/Tokyo".into()
        } else {
            meta.timezone.clone()
        },
        language: meta
            .language
            .clone()
            .unwrap_or_else(|| bundle.scenario.language.clone()),
        pubkey_id: None,
        extra: header_extra(bundle, meta).to_value(),
    }
}

/// One record to write: who and what (the kind follows from the body).
pub type Rec = (Actor, Body);

/// The opening records of a turn: `turn_started`, its injects, and what they changed.
pub fn opening_records(
    turn: u32,
    minutes: u32,
    injects: &[InjectView],
    changes: &[StateChange],
) -> Vec<Rec> {
    let mut out = vec![(
        Actor::Engine,
        Body::TurnStarted(TurnStarted {
            minutes_at_start: turn.saturating_sub(1).saturating_mul(minutes),
            turn,
        }),
    )];
    for i in injects {
        out.push((Actor::Engine, Body::InjectDelivered(i.clone())));
    }
    out.extend(state_record(Phase::Open, changes));
    out
}

/// A `state_changed` record for the changes of one phase, or nothing when nothing changed.
pub fn state_record(phase: Phase, changes: &[StateChange]) -> Option<Rec> {
    (!changes.is_empty()).then(|| {
        (
            Actor::Engine,
            Body::StateChanged(StateChanged {
                changes: changes.to_vec(),
                phase,
            }),
        )
    })
}

/// The engine's outputs for a resolved turn, in their fixed order (the turn log worded as the
/// journal writes it, from `bundle`).
pub fn turn_records(r: &TurnReport, summary: Option<&Summary>, bundle: &Bundle) -> Vec<Rec> {
    let mut out: Vec<Rec> = Vec::new();
    for d in r.decisions.iter().filter(|d| d.by == "timeout") {
        out.push((Actor::Engine, Body::DecisionMade(d.clone())));
    }
    for a in &r.actions {
        out.push((Actor::role(a.role.clone()), Body::ActionResolved(a.clone())));
    }
    for s in &r.attacker {
        out.push((Actor::Engine, Body::AttackerStep(s.record(bundle))));
    }
    for d in &r.detections {
        out.push((Actor::Engine, Body::Detection(d.clone())));
    }
    for c in &r.clocks {
        out.push((Actor::Engine, Body::Clock(c.clone())));
    }
    for e in &r.expectations {
        out.push((Actor::Engine, Body::ExpectationResolved(e.clone())));
    }
    out.extend(state_record(Phase::Resolve, &r.changes));
    for l in &r.score_lines {
        out.push((Actor::Engine, Body::ScoreLine(l.clone())));
    }
    let result = summary.map(|s| DrillResult {
        achievable: s.achievable,
        first_detection_turn: s.first_detection_turn,
        impact_total: s.impact_total,
        impact_unit: s.impact_unit.clone(),
        objectives: s.objectives.clone(),
        share: s.share,
        total: s.total,
    });
    out.push((
        Actor::Engine,
        Body::TurnEnded(TurnEnded {
            ending: r.ending.clone(),
            events: r.event_lines(bundle),
            typed_events: r.events.clone(),
            impact: r.impact,
            impact_total: r.impact_total,
            minutes: r.minutes,
            result,
            total: r.total,
            turn: r.turn,
            turn_points: r.turn_points,
        }),
    ));
    out
}

/// True for the records that open a turn (stamped with the new turn's number).
pub fn opens_turn(body: &Body) -> bool {
    match body {
        Body::TurnStarted(_) | Body::InjectDelivered(_) => true,
        Body::StateChanged(s) => s.phase == Phase::Open,
        _ => false,
    }
}

/// The record an input the engine took is journaled as (who and what), derived from the input
/// and the engine's answer exactly as [`Drill::apply`] writes it: replay re-derives it the same
/// way and compares every field. `None` for ending the turn and sealing (the session writes
/// their records) and for an answer that does not belong to the input.
pub fn input_record(input: &Input, effect: &input::Effect, facilitator: &Actor) -> Option<Rec> {
    use input::Effect;
    let fac = || facilitator.clone();
    Some(match (input, effect) {
        (
            Input::Submit {
                action,
                target,
                role,
            },
            Effect::Taken,
        ) => (
            Actor::role(role.clone()),
            Body::ActionSubmitted(ActionSubmitted {
                action: action.clone(),
                role: role.clone(),
                target: target.clone(),
            }),
        ),
        (Input::Withdraw { position }, Effect::Withdrawn(q)) => (
            Actor::role(q.role.clone()),
            Body::ActionWithdrawn(ActionWithdrawn {
                action: q.action.clone(),
                position: *position,
                role: q.role.clone(),
                target: q.target.clone(),
            }),
        ),
        (
            Input::Decide {
                decision,
                option,
                role,
            },
            Effect::Decided { label },
        ) => (
            Actor::role(role.clone()),
            Body::DecisionMade(crate::engine::DecisionOutcome {
                by: format!("role:{role}"),
                decision: decision.clone(),
                label: label.clone(),
                option: option.clone(),
            }),
        ),
        (Input::FireInject { .. }, Effect::Fired(view)) => {
            (fac(), Body::InjectDelivered((**view).clone()))
        }
        (Input::Override { .. }, Effect::Overridden(o)) => (fac(), Body::ScoreOverride(o.clone())),
        (Input::Note { text, private }, Effect::Taken) => (
            fac(),
            Body::Note(Note {
                private: *private,
                text: text.clone(),
            }),
        ),
        (Input::Pause, Effect::Taken) => (fac(), Body::Paused),
        (Input::Resume, Effect::Taken) => (fac(), Body::Resumed),
        (Input::Strength { text }, Effect::Taken) => {
            (fac(), Body::Strength(Text { text: text.clone() }))
        }
        (Input::AreaForImprovement(area), Effect::Taken) => {
            (fac(), Body::AreaForImprovement(area.clone()))
        }
        (Input::PlanItem(item), Effect::Taken) => (fac(), Body::ImprovementItem(item.clone())),
        (Input::ItemUpdate(u), Effect::Taken) => (fac(), Body::ItemUpdate(u.clone())),
        (Input::Signoff(s), Effect::Taken) => (fac(), Body::Signoff(s.clone())),
        (Input::Correct(c), Effect::Taken | Effect::OverrideWithdrawn(_)) => {
            (fac(), Body::Correction(c.clone()))
        }
        (Input::Seat { input, .. }, effect) => return input_record(input, effect, facilitator),
        (Input::Hint { role, step }, Effect::Hinted(line, shown)) => {
            let shown = shown.as_ref();
            (
                Actor::role(role.clone()),
                Body::Hint(crate::records::HintShown {
                    action: shown.and_then(|s| s.action.clone()),
                    choose: shown.and_then(|s| s.choose.clone()),
                    points: line.as_ref().map_or(0, |l| -l.points),
                    role: role.clone(),
                    step: *step,
                    target: shown.and_then(|s| s.target.clone()),
                }),
            )
        }
        _ => return None,
    })
}

/// The role an input names (for the actor of its `seat_input` record).
fn body_role(input: &Input) -> String {
    match input {
        Input::Seat { seat, .. } => seat.role.clone(),
        Input::Submit { role, .. } | Input::Decide { role, .. } | Input::Hint { role, .. } => {
            role.clone()
        }
        _ => String::new(),
    }
}

/// What applying an input to a drill gave.
#[derive(Debug)]
pub enum Applied {
    /// Taken and recorded.
    Recorded,
    /// The inject was delivered.
    Fired(Box<InjectView>),
    /// The turn was resolved.
    Resolved(Box<TurnReport>),
    /// The journal was sealed (`None` when the drill was not recorded).
    Sealed(Option<SealInfo>),
}

impl Drill {
    /// Starts a drill; with a path, creates its journal (which must not exist yet).
    pub fn start(
        bundle: Arc<Bundle>,
        seed: u64,
        meta: &DrillMeta,
        journal: Option<&Path>,
        key: Option<SigningKey>,
    ) -> Result<Drill, SessionError> {
        let engine = Engine::new(bundle.clone(), seed);
        let writer = match journal {
            Some(p) => Some(JournalWriter::create_with(
                p,
                header_for(&bundle, seed, meta),
                key,
                monotonic_options(None),
            )?),
            None => None,
        };
        let facilitator = facilitator_actor(&meta.facilitator);
        let mut drill = Drill {
            engine,
            journal: writer,
            facilitator,
            resumed_mid_turn: false,
            sealed: false,
            opened: time::OffsetDateTime::now_utc(),
            catch_up: VecDeque::new(),
            diverged: false,
            recorded: Vec::new(),
            last_seq: None,
            overrides_made: 0,
            untyped: false,
        };
        drill.engine.track_changes();
        let changes = drill.engine.take_changes();
        let opening = opening_records(
            1,
            bundle.scenario.turn_minutes,
            &drill.engine.current_injects(),
            &changes,
        );
        drill.write_all(opening)?;
        Ok(drill)
    }

    /// The engine (read access and queries; changes go through [`Drill::apply`]).
    pub fn engine(&mut self) -> &mut Engine {
        &mut self.engine
    }

    /// True when this session was resumed in the middle of a turn in which the team had
    /// already queued actions or decisions (so a scripted player should not queue them again).
    pub fn resumed_mid_turn(&self) -> bool {
        self.resumed_mid_turn
    }

    /// The journal path, if recording.
    pub fn journal_path(&self) -> Option<PathBuf> {
        self.journal.as_ref().map(|j| j.path().to_path_buf())
    }

    /// When the drill started (its header's time when resumed): the drill date against which
    /// an improvement item's due date is checked.
    pub fn opened(&self) -> time::OffsetDateTime {
        self.opened
    }

    /// Records of this session are written with this facilitator as actor.
    pub fn facilitator(&self) -> &Actor {
        &self.facilitator
    }

    fn write(&mut self, actor: &Actor, body: &Body) -> Result<(), SessionError> {
        let turn = self.engine.turn();
        self.write_at(turn, actor, body)
    }

    fn write_at(&mut self, turn: u32, actor: &Actor, body: &Body) -> Result<(), SessionError> {
        if self.diverged {
            return Err(SessionError::Mismatch(
                "the re-executed drill already diverged from its journal".into(),
            ));
        }
        if let Some(recorded) = self.catch_up.pop_front() {
            let value = if self.untyped {
                compat::as_untyped(body.kind(), body.to_value())
            } else {
                body.to_value()
            };
            if recorded.kind != body.kind()
                || recorded.turn != turn
                || recorded.actor != *actor
                || recorded.body != value
            {
                self.diverged = true;
                return Err(SessionError::Mismatch(format!(
                    "line {} (turn {}) of the journal is not what the player gives on resuming:\n  \
                     recorded: {} {} {} {}\n  player:   {} {turn} {actor} {value}\n\
                     resume with the same --policy or --actions (and --seed) that wrote it; \
                     nothing was written",
                    recorded.seq + 1,
                    recorded.turn,
                    recorded.kind,
                    recorded.turn,
                    recorded.actor,
                    recorded.body,
                    body.kind(),
                )));
            }
            let seq = recorded.seq;
            self.last_seq = Some(seq);
            self.track(seq, turn, actor, body);
            return Ok(());
        }
        let seq = match &mut self.journal {
            // Straight to the line; through a `Value` only if the body cannot be serialised
            // (which writes `{}`, as `Body::to_value` does).
            Some(j) => match j.append_serialized(turn, body.kind(), actor, body) {
                Err(JournalError::Encode(_)) => {
                    j.append(turn, body.kind(), actor, body.to_value())?
                }
                other => other?,
            },
            None => self.last_seq.map_or(1, |s| s + 1),
        };
        self.last_seq = Some(seq);
        self.track(seq, turn, actor, body);
        Ok(())
    }

    /// The time of the sign-off the journal holds next, while re-executing a resumed drill.
    fn catching_up_signoff_time(&self) -> Option<String> {
        let next = self.catch_up.front()?;
        if next.kind != RecordKind::ExecutiveSignoff {
            return None;
        }
        next.body_as::<Signoff>()
            .ok()
            .map(|s| s.time)
            .filter(|t| !t.is_empty())
    }

    /// True while a resumed drill is still re-executing the records its journal holds.
    pub fn catching_up(&self) -> bool {
        !self.catch_up.is_empty()
    }

    /// Keeps what a correction may name, and marks what a correction names.
    fn track(&mut self, seq: u64, turn: u32, actor: &Actor, body: &Body) {
        let kind = body.kind();
        if let Body::Correction(c) = body {
            if let Some(r) = self.recorded.iter_mut().find(|r| r.seq == c.seq) {
                r.corrected = Some((seq, c.clone()));
            }
            return;
        }
        // Time-outs are the engine's: nobody decided them by mistake.
        if !crate::records::CORRECTABLE.contains(&kind) || *actor == Actor::Engine {
            return;
        }
        let nth_override = (kind == RecordKind::ScoreOverride).then(|| {
            self.overrides_made += 1;
            self.overrides_made
        });
        self.recorded.push(Recorded {
            seq,
            turn,
            actor: actor.clone(),
            body: body.clone(),
            nth_override,
            corrected: None,
        });
    }

    /// The decisions, overrides, notes and hotwash entries recorded so far, in journal order,
    /// each with the correction that names it, if any.
    pub fn recorded(&self) -> &[Recorded] {
        &self.recorded
    }

    /// `seq` of the last record written (a hotwash entry written again names it as the
    /// replacement of the one it corrects).
    pub fn last_seq(&self) -> Option<u64> {
        self.last_seq
    }

    /// Fills in what a correction names (the record's kind, which override) and checks it:
    /// an earlier decision, override, note or hotwash entry not corrected yet, a reason, and a
    /// replacement of the same kind written after it.
    fn prepare_correction(
        &self,
        mut c: crate::records::Correction,
    ) -> Result<crate::records::Correction, SessionError> {
        let refuse = |why: CorrectionProblem| Err(SessionError::Correction(why));
        let line = c.seq + 1;
        let Some(r) = self.recorded.iter().find(|r| r.seq == c.seq) else {
            return refuse(CorrectionProblem::NotCorrectable { line });
        };
        if r.corrected.is_some() {
            return refuse(CorrectionProblem::AlreadyCorrected { line });
        }
        if c.reason.trim().is_empty() {
            return refuse(CorrectionProblem::NoReason);
        }
        if let Some(n) = c.replaced_by {
            let same = self
                .recorded
                .iter()
                .any(|x| x.seq == n && x.seq > r.seq && x.body.kind() == r.body.kind());
            if !same {
                return refuse(CorrectionProblem::NotReplacement { by: n + 1, line });
            }
        }
        c.reason = c.reason.trim().to_string();
        c.by = match c.by.trim() {
            "" => match &self.facilitator {
                Actor::Facilitator(n) => n.clone(),
                other => other.to_string(),
            },
            by => by.to_string(),
        };
        c.kind = r.body.kind().to_string();
        c.nth_override = r.nth_override;
        Ok(c)
    }

    fn write_all(&mut self, records: Vec<Rec>) -> Result<(), SessionError> {
        for (a, b) in records {
            self.write(&a, &b)?;
        }
        Ok(())
    }

    /// Applies one input: the engine takes it (or refuses it, and nothing is recorded), then
    /// the journal records it. The one way a drill changes.
    pub fn apply(&mut self, input: Input) -> Result<Applied, SessionError> {
        if self.sealed {
            return Err(SessionError::Sealed);
        }
        let seat = match &input {
            Input::Seat { seat, input: inner } => {
                self.check_seat(seat, inner)?;
                Some(seat.clone())
            }
            _ => None,
        };
        let mut input = match input {
            Input::Correct(c) => Input::Correct(self.prepare_correction(c)?),
            other => other,
        };
        if let Input::Signoff(s) = &mut input
            && s.time.is_empty()
        {
            // Re-executing a resumed drill: the sign-off keeps the time it was recorded with.
            s.time = self
                .catching_up_signoff_time()
                .unwrap_or_else(now_timestamp);
        }
        let by = self.facilitator.to_string();
        let effect = input::apply_to_engine(&mut self.engine, &input, &by)?;
        match effect {
            input::Effect::Resolved(report) => {
                self.record_turn(&report)?;
                return Ok(Applied::Resolved(report));
            }
            input::Effect::Seal => {
                let reason = match input {
                    Input::Seal { reason } => reason,
                    _ => String::new(),
                };
                return Ok(Applied::Sealed(self.seal(&reason)?));
            }
            _ => {}
        }
        let fac = self.facilitator.clone();
        if let Some((actor, body)) = input_record(&input, &effect, &fac) {
            self.write(&actor, &body)?;
            if let (Some(seat), Some(of)) = (seat, self.last_seq) {
                let body = Body::SeatInput(crate::records::SeatInput { of, seat });
                self.write(&Actor::role(body_role(&input)), &body)?;
            }
        }
        if let input::Effect::Fired(view) = effect {
            let changes = self.engine.take_changes();
            if let Some((a, b)) = state_record(Phase::Facilitator, &changes) {
                self.write(&a, &b)?;
            }
            return Ok(Applied::Fired(view));
        }
        Ok(Applied::Recorded)
    }

    /// Refuses what a seat may not do: only its own role's submissions (of actions its role
    /// owns), withdrawals of its role's queued actions and decisions its role owns.
    fn check_seat(
        &mut self,
        seat: &crate::records::SeatId,
        inner: &Input,
    ) -> Result<(), SessionError> {
        let refuse = |why: SeatRefusal| Err(SessionError::Seat(why));
        let role = seat.role.as_str();
        let own = || role.to_string();
        match inner {
            Input::Submit {
                action, role: r, ..
            } => {
                if r != role {
                    return refuse(SeatRefusal::ActFor {
                        role: own(),
                        other: r.clone(),
                    });
                }
                let owner = self
                    .engine
                    .bundle()
                    .catalogue
                    .actions
                    .iter()
                    .find(|a| a.id == *action)
                    .map(|a| a.owner.clone());
                match owner {
                    Some(o) if o == role => Ok(()),
                    Some(o) => refuse(SeatRefusal::NotItsAction {
                        action: action.clone(),
                        owner: o,
                        role: own(),
                    }),
                    None => refuse(SeatRefusal::NoAction {
                        action: action.clone(),
                    }),
                }
            }
            Input::Withdraw { position } => match self.engine.queued().get(*position) {
                Some(q) if q.role == role => Ok(()),
                Some(q) => refuse(SeatRefusal::WithdrawFor {
                    role: own(),
                    other: q.role.clone(),
                }),
                None => refuse(SeatRefusal::NothingQueued {
                    position: *position,
                }),
            },
            Input::Decide {
                decision, role: r, ..
            } => {
                if r != role {
                    return refuse(SeatRefusal::DecideFor {
                        role: own(),
                        other: r.clone(),
                    });
                }
                let owner = self
                    .engine
                    .open_decisions()
                    .into_iter()
                    .find(|d| d.id == *decision)
                    .map(|d| d.owner);
                match owner {
                    Some(o) if o == role => Ok(()),
                    Some(o) => refuse(SeatRefusal::NotItsDecision {
                        decision: decision.clone(),
                        owner: o,
                        role: own(),
                    }),
                    None => refuse(SeatRefusal::NoOpenDecision {
                        decision: decision.clone(),
                    }),
                }
            }
            _ => refuse(SeatRefusal::FacilitatorOnly { role: own() }),
        }
    }

    /// Journals a connection the SSH seats server refused (`seat_refused`, by the system): it
    /// changes nothing in the drill.
    pub fn record_refusal(
        &mut self,
        refusal: crate::records::SeatRefused,
    ) -> Result<(), SessionError> {
        if self.sealed {
            return Err(SessionError::Sealed);
        }
        self.write(&Actor::System, &Body::SeatRefused(refusal))
    }

    /// Records every output of a resolved turn, then the next turn's opening.
    fn record_turn(&mut self, report: &TurnReport) -> Result<(), SessionError> {
        let summary = report.ending.as_ref().map(|_| self.engine.summary());
        let mut records = turn_records(report, summary.as_ref(), self.engine.bundle());
        if !self.engine.is_over() {
            let minutes = self.engine.bundle().scenario.turn_minutes;
            let changes = self.engine.take_changes();
            records.extend(opening_records(
                self.engine.turn(),
                minutes,
                &self.engine.current_injects(),
                &changes,
            ));
        }
        // Outputs of turn n are stamped with turn n; the opening of n+1 with n+1.
        for (a, b) in records {
            let turn = if opens_turn(&b) {
                self.engine.turn()
            } else {
                report.turn
            };
            self.write_at(turn, &a, &b)?;
        }
        Ok(())
    }

    fn seal(&mut self, reason: &str) -> Result<Option<SealInfo>, SessionError> {
        if self.diverged || !self.catch_up.is_empty() {
            // A re-executed drill that did not give its journal's records back is left as it
            // was (plus its `recovered` record), to be resumed with the right player.
            self.sealed = true;
            self.journal = None;
            if self.diverged {
                return Ok(None);
            }
            let first = self.catch_up.front().map_or(String::new(), |r| {
                format!(
                    " (first: line {}, {} in turn {})",
                    r.seq + 1,
                    r.kind,
                    r.turn
                )
            });
            return Err(SessionError::Mismatch(format!(
                "the journal holds {} record(s) the player did not give again{first}: it was \
                 not written by this player; nothing was sealed",
                self.catch_up.len()
            )));
        }
        let status = if self.engine.is_over() {
            CloseStatus::Completed
        } else {
            CloseStatus::Aborted
        };
        self.sealed = true;
        match self.journal.take() {
            Some(j) => Ok(Some(j.seal(status, reason)?)),
            None => Ok(None),
        }
    }

    /// Queues an action and records the submission.
    pub fn submit(
        &mut self,
        action: &str,
        target: Option<&str>,
        role: &str,
    ) -> Result<(), SessionError> {
        self.apply(Input::Submit {
            action: action.into(),
            target: target.map(str::to_string),
            role: role.into(),
        })
        .map(drop)
    }

    /// Withdraws a queued action and records it.
    pub fn withdraw(&mut self, position: usize) -> Result<(), SessionError> {
        self.apply(Input::Withdraw { position }).map(drop)
    }

    /// Takes a decision and records it.
    pub fn decide(&mut self, decision: &str, option: &str, role: &str) -> Result<(), SessionError> {
        self.apply(Input::Decide {
            decision: decision.into(),
            option: option.into(),
            role: role.into(),
        })
        .map(drop)
    }

    /// Facilitator: delivers an inject now, and records it.
    pub fn fire_inject(&mut self, id: &str) -> Result<InjectView, SessionError> {
        match self.apply(Input::FireInject { inject: id.into() })? {
            Applied::Fired(v) => Ok(*v),
            _ => Err(SessionError::Mismatch(format!(
                "inject `{id}` was not delivered"
            ))),
        }
    }

    /// Facilitator: overrides a score line, with a reason.
    pub fn override_score(
        &mut self,
        line: u32,
        points: i32,
        reason: &str,
    ) -> Result<(), SessionError> {
        self.apply(Input::Override {
            line,
            points,
            reason: reason.into(),
        })
        .map(drop)
    }

    /// Facilitator: a note.
    pub fn note(&mut self, text: &str) -> Result<(), SessionError> {
        self.apply(Input::Note {
            text: text.into(),
            private: false,
        })
        .map(drop)
    }

    /// Facilitator: a note marked private (left out of the redacted report).
    pub fn private_note(&mut self, text: &str) -> Result<(), SessionError> {
        self.apply(Input::Note {
            text: text.into(),
            private: true,
        })
        .map(drop)
    }

    /// Facilitator: pause or resume.
    pub fn set_paused(&mut self, paused: bool) -> Result<(), SessionError> {
        self.apply(if paused { Input::Pause } else { Input::Resume })
            .map(drop)
    }

    /// Records one improvement item.
    pub fn improvement_item(&mut self, item: &ImprovementItem) -> Result<(), SessionError> {
        self.apply(Input::PlanItem(item.clone())).map(drop)
    }

    /// Records where an improvement item of an earlier drill stands (done, in progress,
    /// dropped), with its note.
    pub fn item_update(&mut self, update: &ItemUpdate) -> Result<(), SessionError> {
        self.apply(Input::ItemUpdate(update.clone())).map(drop)
    }

    /// Records one hotwash strength or a one-line area for improvement.
    pub fn hotwash_line(&mut self, strength: bool, text: &str) -> Result<(), SessionError> {
        let text = text.to_string();
        self.apply(if strength {
            Input::Strength { text }
        } else {
            Input::AreaForImprovement(AreaForImprovement {
                text,
                ..AreaForImprovement::default()
            })
        })
        .map(drop)
    }

    /// Records an area for improvement with its observation, analysis, recommendation and
    /// reference.
    pub fn area_for_improvement(&mut self, area: &AreaForImprovement) -> Result<(), SessionError> {
        self.apply(Input::AreaForImprovement(area.clone()))
            .map(drop)
    }

    /// Records the executive sign-off (its time is now when `signoff.time` is empty).
    pub fn signoff(&mut self, signoff: &Signoff) -> Result<(), SessionError> {
        self.apply(Input::Signoff(signoff.clone())).map(drop)
    }

    /// Ends the turn: resolves it and records every output, then the next turn's opening.
    pub fn end_turn(&mut self) -> Result<TurnReport, SessionError> {
        match self.apply(Input::EndTurn)? {
            Applied::Resolved(r) => Ok(*r),
            _ => Err(SessionError::Mismatch("the turn was not resolved".into())),
        }
    }

    /// Applies each input of the hotwash: strengths, areas for improvement, the improvement
    /// plan, the sign-off.
    pub fn record_hotwash(&mut self, h: &Hotwash) -> Result<(), SessionError> {
        for input in hotwash_inputs(h) {
            self.apply(input)?;
        }
        Ok(())
    }

    /// Seals the journal (completed when the drill reached an ending, else aborted).
    pub fn close(mut self, reason: &str) -> Result<Option<SealInfo>, SessionError> {
        match self.apply(Input::Seal {
            reason: reason.into(),
        })? {
            Applied::Sealed(info) => Ok(info),
            _ => Ok(None),
        }
    }

    /// Resumes an interrupted drill: recovers the journal, replays it into a fresh engine and
    /// writes any end-of-turn records the interruption cut off. For a drill people play (the
    /// console): the inputs already recorded, those of the open turn included, are kept; what
    /// nobody recorded yet is for the people to give again. A drill a deterministic player
    /// wrote resumes exactly with [`Drill::resume_for_player`].
    pub fn resume(
        path: &Path,
        bundle: Arc<Bundle>,
        key: Option<SigningKey>,
    ) -> Result<(Drill, u64), SessionError> {
        let (writer, info) = reopen(path, key)?;
        check_rules(&info.header)?;
        check_sources(&info.header, &bundle)?;
        let mut replay = Replayer::for_header(bundle, &info.header)?;
        for r in &info.records {
            replay.feed(r)?;
        }
        let missing = replay.finish();
        let facilitator = facilitator_actor(&info.header.facilitator);
        let mid_turn = missing.is_empty()
            && info
                .records
                .iter()
                .rev()
                .take_while(|r| r.kind != RecordKind::TurnStarted)
                .any(|r| {
                    matches!(
                        r.kind,
                        RecordKind::ActionSubmitted
                            | RecordKind::ActionWithdrawn
                            | RecordKind::DecisionMade
                    ) && r.actor != Actor::Engine
                });
        let mut drill = Drill {
            engine: replay.engine,
            journal: Some(writer),
            facilitator,
            resumed_mid_turn: mid_turn,
            sealed: false,
            opened: header_time(&info.records),
            catch_up: VecDeque::new(),
            diverged: false,
            recorded: Vec::new(),
            last_seq: info.records.last().map(|r| r.seq),
            overrides_made: 0,
            untyped: false,
        };
        for r in &info.records {
            let tracked =
                crate::records::CORRECTABLE.contains(&r.kind) || r.kind == RecordKind::Correction;
            if let (true, Ok(body)) = (tracked, Body::of(r)) {
                drill.track(r.seq, r.turn, &r.actor, &body);
            }
        }
        let n = missing.len() as u64;
        for (turn, (a, b)) in missing {
            drill.write_at(turn, &a, &b)?;
        }
        Ok((drill, n))
    }

    /// Resumes an interrupted drill that a deterministic player wrote (a policy, or an
    /// actions script with its notes, overrides and hotwash), so that it ends exactly as the
    /// uninterrupted drill would have.
    ///
    /// The journal is recovered as by [`Drill::resume`] (torn tail moved aside, `recovered`
    /// appended), and the returned drill starts again from turn 1 on a fresh engine with the
    /// header's seed. The caller plays it from the start with a fresh player built as for the
    /// original run (same policy or script, same seed): every record the drill would write is
    /// compared with the journal's instead (kind, turn, actor, body), so the player sees every
    /// turn again and its own state (the expert's steps done, the random player's stream, the
    /// script's position) is rebuilt by its own moves, refused moves included; once every
    /// recorded record was given back, recording continues after `recovered`, from the exact
    /// point of the crash, mid-turn or mid-resolution. A record that differs is a
    /// [`SessionError::Mismatch`]: nothing more is written and the journal is not sealed, so it
    /// can be resumed again with the right player.
    pub fn resume_for_player(
        path: &Path,
        bundle: Arc<Bundle>,
        key: Option<SigningKey>,
    ) -> Result<Drill, SessionError> {
        let (writer, info) = reopen(path, key)?;
        check_rules(&info.header)?;
        check_sources(&info.header, &bundle)?;
        check_header_facts(&info.header, &bundle)?;
        let catch_up = info
            .records
            .iter()
            .skip(1)
            .filter(|r| !matches!(r.kind, RecordKind::Checkpoint | RecordKind::Recovered))
            .cloned()
            .collect();
        let mut engine = Engine::new(bundle.clone(), info.header.seed);
        engine.track_changes();
        let mut drill = Drill {
            engine,
            journal: Some(writer),
            facilitator: facilitator_actor(&info.header.facilitator),
            resumed_mid_turn: false,
            sealed: false,
            opened: header_time(&info.records),
            catch_up,
            diverged: false,
            recorded: Vec::new(),
            last_seq: None,
            overrides_made: 0,
            untyped: compat::untyped(&info.header),
        };
        let changes = drill.engine.take_changes();
        let opening = opening_records(
            1,
            bundle.scenario.turn_minutes,
            &drill.engine.current_injects(),
            &changes,
        );
        drill.write_all(opening)?;
        Ok(drill)
    }
}

/// Opens an interrupted journal for writing again (see [`JournalWriter::resume_with`]); a
/// journal whose `drill_closed` was written but not its final checkpoint is sealed and
/// refused.
fn reopen(
    path: &Path,
    key: Option<SigningKey>,
) -> Result<(JournalWriter, crate::journal::ResumeInfo), SessionError> {
    let floor = last_time(path);
    match JournalWriter::resume_with(path, key.clone(), monotonic_options(floor)) {
        Err(JournalError::ClosedNotSealed { .. }) => {
            // The session stopped between closing the drill and sealing it: finish the seal.
            let seal = JournalWriter::complete_seal(path, key, monotonic_options(floor))?;
            Err(SessionError::Mismatch(format!(
                "the drill in {} had already ended; its journal is now sealed (Merkle root {})",
                path.display(),
                seal.anchor.root
            )))
        }
        other => Ok(other?),
    }
}

fn parse_time(ts: &str) -> Option<time::OffsetDateTime> {
    time::OffsetDateTime::parse(ts, &time::format_description::well_known::Rfc3339).ok()
}

/// When the drill was opened: its header's time (now, if it cannot be read).
fn header_time(records: &[Record]) -> time::OffsetDateTime {
    records
        .first()
        .and_then(|r| parse_time(&r.ts))
        .unwrap_or_else(time::OffsetDateTime::now_utc)
}

/// The latest time a journal's valid records hold, if it can be read.
fn last_time(path: &Path) -> Option<time::OffsetDateTime> {
    let contents = crate::journal::read_journal(path).ok()?;
    contents
        .records
        .iter()
        .filter_map(|r| parse_time(&r.ts))
        .max()
}

/// Writer options whose clock never goes back: the system clock, held at the latest time it
/// gave (or at `floor`, the journal's latest time on resuming) when it steps back, so that a
/// journal's `ts` never decreases, as `verify` requires.
fn monotonic_options(floor: Option<time::OffsetDateTime>) -> WriterOptions {
    let mut last = floor;
    WriterOptions::new().clock(move || {
        let now = time::OffsetDateTime::now_utc();
        let t = match last {
            Some(l) if l > now => l,
            _ => now,
        };
        last = Some(t);
        t
    })
}

/// Checks the header's scenario facts against the scenario and organisation it names: the
/// scenario and organisation ids and names, and every field of `extra` the files determine
/// (actions, controls, decisions, expectations, objectives, organisation, reference response,
/// regimes and their clocks, rules version, scenario facts, stages, state tracking, and the
/// scenario's threat, mission areas and exercise type). Set-up facts that no file determines
/// (run mode, previous drill, the plan under test, the sponsor and the other overview facts
/// the facilitator gives) are taken as recorded. A difference is a
/// [`SessionError::Mismatch`] naming the field.
pub fn check_header_facts(header: &Header, bundle: &Bundle) -> Result<(), SessionError> {
    let mismatch = |field: &str, recorded: &str, derived: &str| {
        SessionError::Mismatch(format!(
            "line 1 (the header) diverges: `{field}` is {recorded} in the journal, but the \
             scenario and organisation give {derived}"
        ))
    };
    let sc = &bundle.scenario;
    for (field, recorded, derived) in [
        ("scenario_id", &header.scenario_id, &sc.id),
        ("scenario_title", &header.scenario_title, &sc.title),
        ("org_id", &header.org_id, &bundle.org.id),
        ("org_name", &header.org_name, &bundle.org.name),
    ] {
        if recorded != derived {
            return Err(mismatch(
                field,
                &format!("{recorded:?}"),
                &format!("{derived:?}"),
            ));
        }
    }
    let recorded = HeaderExtra::decode(&header.extra).map_err(|e| {
        SessionError::Mismatch(format!("line 1 (the header): `extra` cannot be read: {e}"))
    })?;
    let given = recorded.exercise.clone().unwrap_or_default();
    let meta = DrillMeta {
        mode: recorded.mode.clone(),
        previous_drill: recorded.previous_drill.clone(),
        plan: recorded.plan.clone(),
        exercise: ExerciseFacts {
            evaluators: given.evaluators,
            handling: given.handling,
            location: given.location,
            organisations: given.organisations,
            poc: given.poc,
            sponsor: given.sponsor,
            ..ExerciseFacts::default()
        },
        ..DrillMeta::default()
    };
    let mut derived = header_extra(bundle, &meta);
    if recorded.names.is_none() {
        // Written before the typed turn log: the header kept no names.
        derived.names = None;
    }
    if recorded
        .regimes
        .iter()
        .all(|r| r.authority_ja.is_none() && r.basis_ja.is_none())
    {
        // Written before regimes had a Japanese authority and basis.
        for r in &mut derived.regimes {
            r.authority_ja = None;
            r.basis_ja = None;
        }
    }
    if derived == recorded {
        return Ok(());
    }
    let (path, a, b) = first_difference("extra".into(), &recorded.to_value(), &derived.to_value());
    Err(mismatch(&path, &clip(&a), &clip(&b)))
}

/// The path of the first place two JSON values differ, with the two values there.
fn first_difference(path: String, a: &Value, b: &Value) -> (String, Value, Value) {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            let mut keys: Vec<&String> = x.keys().chain(y.keys()).collect();
            keys.sort();
            keys.dedup();
            for k in keys {
                let (u, v) = (
                    x.get(k).unwrap_or(&Value::Null),
                    y.get(k).unwrap_or(&Value::Null),
                );
                if u != v {
                    return first_difference(format!("{path}.{k}"), u, v);
                }
            }
        }
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => {
            for (i, (u, v)) in x.iter().zip(y).enumerate() {
                if u != v {
                    return first_difference(format!("{path}[{i}]"), u, v);
                }
            }
        }
        _ => {}
    }
    (path, a.clone(), b.clone())
}

/// A JSON value as text, cut to a readable length.
fn clip(v: &Value) -> String {
    let text = v.to_string();
    match text.char_indices().nth(160) {
        Some((i, _)) => format!("{}…", &text[..i]),
        None => text,
    }
}

fn facilitator_actor(name: &str) -> Actor {
    if name.trim().is_empty() || name.chars().any(char::is_control) {
        Actor::facilitator("facilitator")
    } else {
        Actor::facilitator(name.trim())
    }
}

/// The rules version a journal's header says it was written under (1 for journals written
/// before rules were versioned, or whose header `extra` cannot be read).
pub fn rules_of(header: &Header) -> u32 {
    HeaderExtra::decode(&header.extra).map_or(1, |x| x.rules_version)
}

/// Checks the journal was written under this engine's rules: a journal written under other
/// rules cannot be replayed or resumed here (its scores were computed by other rules), though
/// the report still reads it.
pub fn check_rules(header: &Header) -> Result<(), SessionError> {
    let theirs = rules_of(header);
    if theirs == RULES_VERSION {
        return Ok(());
    }
    Err(SessionError::OtherRules(format!(
        "written under rules v{theirs}; this is v{RULES_VERSION}: its turns were resolved and \
         scored by other rules, so this version of kunren cannot re-derive them (the report \
         still reads it)"
    )))
}

/// Checks the bundle is the one the journal was recorded with (by SHA-256 of the sources).
pub fn check_sources(header: &Header, bundle: &Bundle) -> Result<(), SessionError> {
    if header.scenario_sha256 != bundle.scenario_source.sha256 {
        return Err(SessionError::Mismatch(format!(
            "scenario {} has SHA-256 {}, but the journal was recorded with {}",
            bundle.scenario_source.path, bundle.scenario_source.sha256, header.scenario_sha256
        )));
    }
    if header.org_sha256 != bundle.org_source.sha256 {
        return Err(SessionError::Mismatch(format!(
            "organisation {} has SHA-256 {}, but the journal was recorded with {}",
            bundle.org_source.path, bundle.org_source.sha256, header.org_sha256
        )));
    }
    Ok(())
}
