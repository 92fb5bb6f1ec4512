//! A drill session: the engine plus the evidence journal. Every front end (headless `run`, the
//! console, replay and resume) goes through this one recorder, so what the journal holds is
//! exactly what the engine did.
//!
//! Record order: the header; `turn_started` and `inject_delivered` for turn 1; then while a turn
//! is open the team's inputs as they happen (`action_submitted`, `action_withdrawn`,
//! `decision_made`, facilitator injects, notes, overrides, pauses); then at the end of the turn
//! the engine's outputs in a fixed order (see [`turn_records`]), ending with `turn_ended`, and the
//! next turn's opening records. Replay re-runs the inputs and compares every output record.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use ed25519_dalek::SigningKey;
use serde_json::{Value, json};

use crate::engine::{Engine, EngineError, InjectView, StateChange, Summary, TurnReport};
use crate::journal::{
    Actor, CloseStatus, Header, JournalError, JournalWriter, Participant, RecordKind, SealInfo,
    WriterOptions,
};
use crate::scenario::Bundle;
use crate::scenario::script::{Hotwash, ImprovementItem};

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
}

/// A drill in progress, with its journal.
pub struct Drill {
    engine: Engine,
    journal: Option<JournalWriter>,
    facilitator: Actor,
    resumed_mid_turn: bool,
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

/// What the report needs from the scenario, stored in the header so the journal stands alone.
pub fn header_extra(bundle: &Bundle, meta: &DrillMeta) -> Value {
    let mode = meta.mode.as_str();
    let sc = &bundle.scenario;
    let techniques: Vec<&str> = sc.campaign.iter().map(|s| s.technique.as_str()).collect();
    // Controls in place from the start: org-wide ones and those on some asset.
    let mut controls_in_place: Vec<&str> = bundle
        .org
        .controls
        .iter()
        .filter(|c| c.in_place)
        .map(|c| c.id.as_str())
        .chain(
            bundle
                .org
                .assets
                .iter()
                .flat_map(|a| a.controls.iter().map(String::as_str)),
        )
        .collect();
    controls_in_place.sort_unstable();
    controls_in_place.dedup();
    json!({
        "mode": mode,
        "state_tracking": true,
        "controls_in_place": controls_in_place,
        "previous_drill": meta.previous_drill,
        "scenario": {
            "version": sc.version,
            "sector": sc.sector,
            "summary": sc.summary,
            "authors": sc.authors,
            "turn_minutes": sc.turn_minutes,
            "max_turns": sc.max_turns,
            "techniques": techniques,
        },
        "org": {
            "sector": bundle.org.sector,
            "impact_unit": bundle.org.impact_unit,
            "roles": bundle.org.roles.iter().map(|r| json!({"id": r.id, "name": r.name, "capacity": r.capacity})).collect::<Vec<_>>(),
            "services": bundle.org.services.iter().map(|s| json!({"id": s.id, "name": s.name})).collect::<Vec<_>>(),
        },
        "objectives": sc.objectives,
        "expectations": sc.expectations.iter().map(|e| json!({
            "id": e.id, "title": e.title, "objective": e.objective, "points": e.points, "within": e.within,
        })).collect::<Vec<_>>(),
        "stages": sc.campaign.iter().map(|s| json!({"id": s.id, "title": s.title, "technique": s.technique, "tactic": s.tactic})).collect::<Vec<_>>(),
        "regimes": bundle.regimes.iter().zip(&sc.regimes).map(|(r, u)| json!({
            "id": r.id, "name": r.name, "name_ja": r.name_ja, "authority": r.authority, "basis": r.basis, "objective": u.objective,
            "clocks": r.clocks.iter().map(|c| json!({"id": c.id, "title": c.title, "title_ja": c.title_ja,
                "hours": c.hours.or(u.hours).unwrap_or(24)})).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "actions": bundle.catalogue.actions.iter().map(|a| json!({"id": a.id, "name": a.name, "name_ja": a.name_ja, "function": a.function})).collect::<Vec<_>>(),
        "reference_response": sc.reference_response,
        "decisions": sc.injects.iter().filter_map(|i| i.decision.as_ref().map(|d| json!({
            "id": d.id, "inject": i.id, "prompt": d.prompt, "default": d.default,
            "options": d.options.iter().map(|o| json!({"id": o.id, "label": o.label})).collect::<Vec<_>>(),
        }))).collect::<Vec<_>>(),
    })
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
        extra: header_extra(bundle, meta),
    }
}

/// One record to write: kind, actor, body.
pub type Rec = (RecordKind, Actor, Value);

fn to_value<T: serde::Serialize>(v: &T) -> Value {
    serde_json::to_value(v).unwrap_or(Value::Null)
}

/// The opening records of a turn: `turn_started`, its injects, and what they changed.
pub fn opening_records(
    turn: u32,
    minutes: u32,
    injects: &[InjectView],
    changes: &[StateChange],
) -> Vec<Rec> {
    let mut out = vec![(
        RecordKind::TurnStarted,
        Actor::Engine,
        json!({ "turn": turn, "minutes_at_start": (turn - 1) * minutes }),
    )];
    for i in injects {
        out.push((RecordKind::InjectDelivered, Actor::Engine, to_value(i)));
    }
    out.extend(state_record("open", changes));
    out
}

/// A `state_changed` record for the changes of one phase (`open`, `resolve`, `facilitator`),
/// or nothing when nothing changed.
pub fn state_record(phase: &str, changes: &[StateChange]) -> Option<Rec> {
    (!changes.is_empty()).then(|| {
        (
            RecordKind::StateChanged,
            Actor::Engine,
            json!({ "phase": phase, "changes": changes }),
        )
    })
}

/// The engine's outputs for a resolved turn, in their fixed order.
pub fn turn_records(r: &TurnReport, summary: Option<&Summary>) -> Vec<Rec> {
    let mut out: Vec<Rec> = Vec::new();
    for d in r.decisions.iter().filter(|d| d.by == "timeout") {
        out.push((RecordKind::DecisionMade, Actor::Engine, to_value(d)));
    }
    for a in &r.actions {
        out.push((
            RecordKind::ActionResolved,
            Actor::role(a.role.clone()),
            to_value(a),
        ));
    }
    for s in &r.attacker {
        out.push((RecordKind::AttackerStep, Actor::Engine, to_value(s)));
    }
    for d in &r.detections {
        out.push((RecordKind::Detection, Actor::Engine, to_value(d)));
    }
    for c in &r.clocks {
        let kind = match c.event.as_str() {
            "started" => RecordKind::ClockStarted,
            "met" => RecordKind::ClockMet,
            _ => RecordKind::ClockMissed,
        };
        out.push((kind, Actor::Engine, to_value(c)));
    }
    for e in &r.expectations {
        out.push((RecordKind::ExpectationResolved, Actor::Engine, to_value(e)));
    }
    out.extend(state_record("resolve", &r.changes));
    for l in &r.score_lines {
        out.push((RecordKind::ScoreLine, Actor::Engine, to_value(l)));
    }
    let mut ended = json!({
        "turn": r.turn,
        "minutes": r.minutes,
        "events": r.events,
        "turn_points": r.turn_points,
        "total": r.total,
        "impact": r.impact,
        "impact_total": r.impact_total,
        "ending": r.ending,
    });
    if let (Some(s), Some(obj)) = (summary, ended.as_object_mut()) {
        obj.insert(
            "result".into(),
            json!({
                "total": s.total, "achievable": s.achievable, "share": s.share,
                "objectives": s.objectives, "impact_total": s.impact_total,
                "impact_unit": s.impact_unit, "first_detection_turn": s.first_detection_turn,
            }),
        );
    }
    out.push((RecordKind::TurnEnded, Actor::Engine, ended));
    out
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
            Some(p) => Some(JournalWriter::create(
                p,
                header_for(&bundle, seed, meta),
                key,
            )?),
            None => None,
        };
        let facilitator = facilitator_actor(&meta.facilitator);
        let mut drill = Drill {
            engine,
            journal: writer,
            facilitator,
            resumed_mid_turn: false,
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

    /// The engine (read access and queries).
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

    /// Records of this session are written with this facilitator as actor.
    pub fn facilitator(&self) -> &Actor {
        &self.facilitator
    }

    fn write(&mut self, kind: RecordKind, actor: &Actor, body: Value) -> Result<(), SessionError> {
        if let Some(j) = &mut self.journal {
            j.append(self.engine.turn(), kind, actor, body)?;
        }
        Ok(())
    }

    fn write_all(&mut self, records: Vec<Rec>) -> Result<(), SessionError> {
        for (k, a, b) in records {
            self.write(k, &a, b)?;
        }
        Ok(())
    }

    /// Queues an action and records the submission.
    pub fn submit(
        &mut self,
        action: &str,
        target: Option<&str>,
        role: &str,
    ) -> Result<(), SessionError> {
        self.engine.submit(action, target, role)?;
        self.write(
            RecordKind::ActionSubmitted,
            &Actor::role(role),
            json!({ "action": action, "target": target, "role": role }),
        )
    }

    /// Withdraws a queued action and records it.
    pub fn withdraw(&mut self, position: usize) -> Result<(), SessionError> {
        let q = self.engine.withdraw(position)?;
        self.write(
            RecordKind::ActionWithdrawn,
            &Actor::role(q.role.clone()),
            json!({ "position": position, "action": q.action, "target": q.target, "role": q.role }),
        )
    }

    /// Takes a decision and records it.
    pub fn decide(&mut self, decision: &str, option: &str, role: &str) -> Result<(), SessionError> {
        self.engine.decide(decision, option, role)?;
        let label = self
            .engine
            .open_decisions()
            .into_iter()
            .find(|d| d.id == decision)
            .map(|d| d.label_of(option).to_string())
            .unwrap_or_default();
        self.write(
            RecordKind::DecisionMade,
            &Actor::role(role),
            json!({ "decision": decision, "option": option, "label": label, "by": format!("role:{role}") }),
        )
    }

    /// Facilitator: delivers an inject now, and records it.
    pub fn fire_inject(&mut self, id: &str) -> Result<InjectView, SessionError> {
        let view = self.engine.fire_inject(id)?;
        let actor = self.facilitator.clone();
        self.write(RecordKind::InjectDelivered, &actor, to_value(&view))?;
        let changes = self.engine.take_changes();
        if let Some((k, a, b)) = state_record("facilitator", &changes) {
            self.write(k, &a, b)?;
        }
        Ok(view)
    }

    /// Facilitator: overrides a score line, with a reason.
    pub fn override_score(
        &mut self,
        line: u32,
        points: i32,
        reason: &str,
    ) -> Result<(), SessionError> {
        let by = self.facilitator.to_string();
        let o = self.engine.override_score(line, points, reason, &by)?;
        let actor = self.facilitator.clone();
        self.write(RecordKind::ScoreOverride, &actor, to_value(&o))
    }

    /// Facilitator: a note.
    pub fn note(&mut self, text: &str) -> Result<(), SessionError> {
        let actor = self.facilitator.clone();
        self.write(RecordKind::FacilitatorNote, &actor, json!({ "text": text }))
    }

    /// Facilitator: pause or resume.
    pub fn set_paused(&mut self, paused: bool) -> Result<(), SessionError> {
        let kind = if paused {
            RecordKind::Paused
        } else {
            RecordKind::Resumed
        };
        let actor = self.facilitator.clone();
        self.write(kind, &actor, json!({}))
    }

    /// Ends the turn: resolves it and records every output, then the next turn's opening.
    pub fn end_turn(&mut self) -> Result<TurnReport, SessionError> {
        let report = self.engine.end_turn();
        let summary = report.ending.as_ref().map(|_| self.engine.summary());
        let mut records = turn_records(&report, summary.as_ref());
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
        for (k, a, b) in records {
            let opening = matches!(k, RecordKind::TurnStarted | RecordKind::InjectDelivered)
                || (k == RecordKind::StateChanged
                    && b.get("phase").and_then(Value::as_str) == Some("open"));
            let turn = if opening {
                self.engine.turn()
            } else {
                report.turn
            };
            if let Some(j) = &mut self.journal {
                j.append(turn, k, &a, b)?;
            }
        }
        Ok(report)
    }

    /// Records the hotwash: strengths, areas for improvement, the improvement plan, sign-off.
    pub fn record_hotwash(&mut self, h: &Hotwash) -> Result<(), SessionError> {
        let actor = self.facilitator.clone();
        for s in &h.strengths {
            self.write(RecordKind::HotwashStrength, &actor, json!({ "text": s }))?;
        }
        for s in &h.improvements {
            self.write(
                RecordKind::HotwashImprovementArea,
                &actor,
                json!({ "text": s }),
            )?;
        }
        for item in &h.items {
            self.improvement_item(item)?;
        }
        if let Some(name) = &h.signoff {
            self.write(
                RecordKind::ExecutiveSignoff,
                &actor,
                json!({ "name": name }),
            )?;
        }
        Ok(())
    }

    /// Records one improvement item.
    pub fn improvement_item(&mut self, item: &ImprovementItem) -> Result<(), SessionError> {
        let actor = self.facilitator.clone();
        self.write(RecordKind::ImprovementItem, &actor, to_value(item))
    }

    /// Records one hotwash strength or area for improvement.
    pub fn hotwash_line(&mut self, strength: bool, text: &str) -> Result<(), SessionError> {
        let kind = if strength {
            RecordKind::HotwashStrength
        } else {
            RecordKind::HotwashImprovementArea
        };
        let actor = self.facilitator.clone();
        self.write(kind, &actor, json!({ "text": text }))
    }

    /// Records the executive sign-off.
    pub fn signoff(&mut self, name: &str) -> Result<(), SessionError> {
        let actor = self.facilitator.clone();
        self.write(
            RecordKind::ExecutiveSignoff,
            &actor,
            json!({ "name": name }),
        )
    }

    /// Seals the journal (completed when the drill reached an ending, else aborted).
    pub fn close(self, reason: &str) -> Result<Option<SealInfo>, SessionError> {
        let status = if self.engine.is_over() {
            CloseStatus::Completed
        } else {
            CloseStatus::Aborted
        };
        match self.journal {
            Some(j) => Ok(Some(j.seal(status, reason)?)),
            None => Ok(None),
        }
    }

    /// Resumes an interrupted drill: recovers the journal, replays it into a fresh engine and
    /// writes any end-of-turn records the interruption cut off.
    pub fn resume(
        path: &Path,
        bundle: Arc<Bundle>,
        key: Option<SigningKey>,
    ) -> Result<(Drill, u64), SessionError> {
        let (writer, info) = match JournalWriter::resume_with(
            path,
            key.clone(),
            WriterOptions::new(),
        ) {
            Err(JournalError::ClosedNotSealed { .. }) => {
                // The session stopped between closing the drill and sealing it: finish the seal.
                let seal = JournalWriter::complete_seal(path, key, WriterOptions::new())?;
                return Err(SessionError::Mismatch(format!(
                    "the drill in {} had already ended; its journal is now sealed (Merkle root {})",
                    path.display(),
                    seal.anchor.root
                )));
            }
            other => other?,
        };
        check_sources(&info.header, &bundle)?;
        let mut replay = Replayer::new(bundle, info.header.seed);
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
        };
        let n = missing.len() as u64;
        for (turn, (k, a, b)) in missing {
            if let Some(j) = &mut drill.journal {
                j.append(turn, k, &a, b)?;
            }
        }
        Ok((drill, n))
    }
}

fn facilitator_actor(name: &str) -> Actor {
    if name.trim().is_empty() || name.chars().any(char::is_control) {
        Actor::facilitator("facilitator")
    } else {
        Actor::facilitator(name.trim())
    }
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
