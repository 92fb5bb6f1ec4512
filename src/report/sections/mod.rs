//! Composes the report's sections (HSEEP AAR/IP and NIST SP 800-84 shape) from the model, in
//! the drill's language. The result is a [`Document`] that both renderers share.

use crate::journal::{CloseStatus, SignatureStatus};
use crate::scoring::{ExpectStatus, Rating};

use super::compliance::{self, Status};
use super::document::{Block, Chart, Document, Inline, Inlines, Series, Tone};
use super::i18n::{Text, fill};
use super::model::{
    ActionResult, ClockVerdict, ReportModel, StepVerdict, TimelineEntry, TimelineKind,
};
use super::text;

/// Stable anchors of the numbered sections, in order.
pub const SECTION_ANCHORS: [&str; 9] = [
    "overview",
    "participants",
    "timeline",
    "objectives",
    "clocks",
    "response",
    "improvement",
    "compliance",
    "integrity",
];

struct Out<'a> {
    t: &'static Text,
    m: &'a ReportModel,
    blocks: Vec<Block>,
}

fn txt(s: impl Into<String>) -> Inlines {
    vec![Inline::Text(s.into())]
}

fn code(s: impl Into<String>) -> Inlines {
    vec![Inline::Code(s.into())]
}

fn badge(tone: Tone, s: impl Into<String>) -> Inlines {
    vec![Inline::Badge(tone, s.into())]
}

impl<'a> Out<'a> {
    fn h(&mut self, level: u8, anchor: impl Into<String>, text: impl Into<String>) {
        self.blocks.push(Block::Heading {
            level,
            anchor: anchor.into(),
            text: text.into(),
        });
    }

    fn section(&mut self, n: usize) {
        let title = self.t.sections[n];
        self.h(2, SECTION_ANCHORS[n], format!("{}. {title}", n + 1));
    }

    fn para(&mut self, s: impl Into<String>) {
        self.blocks.push(Block::Para(txt(s)));
    }

    fn callout(&mut self, tone: Tone, s: impl Into<String>) {
        self.blocks.push(Block::Callout(tone, txt(s)));
    }

    fn table(&mut self, head: &[&str], numeric: &[bool], rows: Vec<Vec<Inlines>>) {
        self.table_c("", head, numeric, rows);
    }

    fn table_c(
        &mut self,
        class: &'static str,
        head: &[&str],
        numeric: &[bool],
        rows: Vec<Vec<Inlines>>,
    ) {
        self.blocks.push(Block::Table {
            head: head.iter().map(|s| s.to_string()).collect(),
            rows,
            numeric: numeric.to_vec(),
            class,
        });
    }

    fn tz(&self) -> &str {
        &self.m.header.timezone
    }

    fn at_turn(&self, turn: u32, hours: u64) -> String {
        format!(
            "{} {turn} · {}",
            self.t.turn,
            text::scenario_time(hours.saturating_mul(60))
        )
    }

    fn who(&self, actor: &str) -> String {
        if actor == "engine" {
            self.t.engine.to_string()
        } else if actor == "system" {
            self.t.system.to_string()
        } else if let Some(r) = actor.strip_prefix("role:") {
            r.to_string()
        } else if let Some(f) = actor.strip_prefix("facilitator:") {
            format!("{}{f}", self.t.facilitator_prefix)
        } else {
            actor.to_string()
        }
    }
}

/// Builds the whole document.
pub fn compose(m: &ReportModel) -> Document {
    let t = m.lang.text();
    let mut o = Out {
        t,
        m,
        blocks: Vec::new(),
    };
    front_page(&mut o);
    overview(&mut o);
    participants(&mut o);
    timeline(&mut o);
    objectives(&mut o);
    clocks(&mut o);
    response(&mut o);
    improvement(&mut o);
    compliance_section(&mut o);
    integrity(&mut o);
    let h = &m.header;
    let sha = &m.integrity.file_sha256;
    Document {
        title: format!("{} — {}", t.title, h.drill_title),
        lang: m.lang.tag(),
        footer: format!(
            "kunren {} · {} · SHA-256 {}…",
            h.kunren_version,
            h.drill_id,
            sha.get(..16).unwrap_or(sha)
        ),
        blocks: o.blocks,
    }
}

fn front_page(o: &mut Out) {
    let (t, m) = (o.t, o.m);
    let h = &m.header;
    o.h(1, "top", format!("{} — {}", t.title, h.drill_title));
    let date = m
        .times
        .opened
        .map(|d| text::date(d, o.tz()))
        .unwrap_or_default();
    o.blocks.push(Block::Para(vec![
        Inline::Strong(h.org_name.clone()),
        Inline::text(format!(" · {date} · {} ", t.drill_id)),
        Inline::code(h.drill_id.clone()),
    ]));
    let i = &m.integrity;
    if !i.sealed {
        o.callout(Tone::Bad, t.banner_unsealed);
    }
    if let Some(torn) = &i.torn_tail {
        o.callout(Tone::Bad, fill(t.banner_torn, &[("bytes", &torn.bytes)]));
    }
    match i.closed {
        Some(CloseStatus::Aborted) => {
            let reason = if i.close_reason.is_empty() {
                t.no_reason.to_string()
            } else {
                i.close_reason.clone()
            };
            o.callout(Tone::Warn, fill(t.banner_aborted, &[("reason", &reason)]));
        }
        None => o.callout(Tone::Warn, t.banner_not_closed),
        Some(CloseStatus::Completed) => {}
    }
    if !m.people.executive_present {
        o.callout(Tone::Bad, t.no_exec_warning);
    }
    if !m.checks.is_empty() {
        o.callout(Tone::Bad, t.banner_inconsistent);
    }
    if !i.recoveries.is_empty() {
        o.callout(
            Tone::Info,
            fill(t.banner_recovered, &[("n", &i.recoveries.len())]),
        );
    }
    if !m.outcome.has_result {
        o.callout(Tone::Info, t.banner_no_result);
    }
    let mut facts = Vec::new();
    let out = &m.outcome;
    let share = if out.achievable > 0 {
        out.total as f64 / out.achievable as f64
    } else {
        0.0
    };
    facts.push((
        t.glance_score.to_string(),
        txt(fill(
            t.points_of,
            &[
                ("earned", &out.total),
                ("achievable", &out.achievable),
                ("share", &text::pct(share)),
            ],
        )),
    ));
    facts.push((
        t.f_ending.to_string(),
        txt(out
            .ending
            .as_ref()
            .map(|e| format!("{} ({})", e.title, e.id))
            .unwrap_or_else(|| t.none.to_string())),
    ));
    let tz = o.tz().to_string();
    if let (Some(a), Some(b)) = (m.times.opened, m.times.closed) {
        facts.push((
            t.f_date.to_string(),
            txt(format!(
                "{} · {} · {}",
                text::date(a, &tz),
                text::real_duration((b - a).whole_seconds(), m.lang),
                fill(
                    t.scenario_short,
                    &[
                        (
                            "duration",
                            &text::minutes_duration(m.times.scenario_minutes, m.lang)
                        ),
                        ("turns", &m.times.turns_played),
                    ],
                )
            )),
        ));
    }
    facts.push((t.f_facilitator.to_string(), txt(h.facilitator.clone())));
    facts.push((
        t.sections[1].to_string(),
        vec![
            Inline::text(fill(
                t.participants_n,
                &[("n", &m.people.participants.len())],
            )),
            Inline::text(" "),
            if m.people.executive_present {
                Inline::Badge(Tone::Good, t.exec_yes.into())
            } else {
                Inline::Badge(Tone::Bad, t.exec_no.into())
            },
        ],
    ));
    let met = m
        .clocks
        .iter()
        .filter(|c| matches!(c.verdict, ClockVerdict::Met { .. }))
        .count();
    let missed = m
        .clocks
        .iter()
        .filter(|c| {
            matches!(
                c.verdict,
                ClockVerdict::Missed { .. } | ClockVerdict::MetLate { .. }
            )
        })
        .count();
    facts.push((
        t.sections[4].to_string(),
        txt(fill(
            t.clocks_glance,
            &[("met", &met), ("missed", &missed), ("all", &m.clocks.len())],
        )),
    ));
    let count = |v: StepVerdict| m.response.steps.iter().filter(|s| s.verdict == v).count();
    facts.push((
        t.glance_reference.to_string(),
        txt(fill(
            t.steps_glance,
            &[
                ("on_time", &count(StepVerdict::OnTime)),
                ("late", &count(StepVerdict::Late)),
                ("missed", &count(StepVerdict::Missed)),
                ("all", &m.response.steps.len()),
            ],
        )),
    ));
    o.blocks.push(Block::Facts(facts));
    if !m.objectives.is_empty() {
        let rows = m
            .objectives
            .iter()
            .map(|ob| {
                let r = &ob.result;
                vec![
                    vec![Inline::Rating(r.rating)],
                    txt(r.title.clone()),
                    txt(r.function.name()),
                    txt(format!("{}/{}", r.earned, r.achievable)),
                ]
            })
            .collect();
        o.h(3, "ratings", t.glance_ratings);
        o.table_c(
            "ratings",
            &[t.col_rating, t.col_objective, t.col_function, t.col_points],
            &[false, false, false, true],
            rows,
        );
    }
    let findings = key_findings(t, m);
    if !findings.is_empty() {
        o.h(3, "key-findings", t.h_key_findings);
        o.blocks.push(Block::List(findings));
    }
    let mut toc = Vec::new();
    for (n, title) in t.sections.iter().enumerate() {
        toc.push(txt(format!("{}. {title}", n + 1)));
    }
    o.h(3, "contents", t.contents);
    o.blocks.push(Block::List(toc));
    o.blocks.push(Block::PageBreak);
}

/// What management must read first: the problems, each pointing at its section.
fn key_findings(t: &Text, m: &ReportModel) -> Vec<Inlines> {
    let mut out = Vec::new();
    for ob in &m.objectives {
        if matches!(ob.result.rating, Rating::S | Rating::M | Rating::U) {
            out.push(vec![
                Inline::Rating(ob.result.rating),
                Inline::text(format!(
                    " {} — {}",
                    ob.result.title,
                    t.rating_names[rating_index(ob.result.rating)]
                )),
            ]);
        }
    }
    for c in &m.clocks {
        if matches!(
            c.verdict,
            ClockVerdict::Missed { .. } | ClockVerdict::MetLate { .. }
        ) {
            let mut v = vec![Inline::text(format!(
                "{} ",
                if c.title.is_empty() { &c.id } else { &c.title }
            ))];
            v.extend(clock_verdict(t, m, &c.verdict));
            out.push(v);
        }
    }
    let missed = m.response.count(StepVerdict::Missed);
    let late = m.response.count(StepVerdict::Late);
    if missed + late > 0 {
        out.push(txt(fill(
            t.finding_steps,
            &[
                ("missed", &missed),
                ("late", &late),
                ("all", &m.response.steps.len()),
            ],
        )));
    }
    if m.outcome.first_detection_turn.is_none() && !m.scenario.stages.is_empty() {
        out.push(txt(t.never_detected));
    }
    if m.debrief.items.is_empty() {
        out.push(txt(t.no_plan));
    }
    let gaps = compliance::map(m)
        .iter()
        .filter(|r| r.status == Status::Gap)
        .count();
    if gaps > 0 {
        out.push(txt(fill(t.finding_gaps, &[("n", &gaps)])));
    }
    out
}

fn overview(o: &mut Out) {
    let (t, m) = (o.t, o.m);
    let h = &m.header;
    let tz = o.tz().to_string();
    o.section(0);
    let mut f: Vec<(String, Inlines)> = Vec::new();
    let mut org = vec![Inline::Strong(h.org_name.clone()), Inline::text(" ")];
    org.push(Inline::code(h.org_id.clone()));
    if !m.org.sector.is_empty() {
        org.push(Inline::text(format!(" · {}", m.org.sector)));
    }
    f.push((t.f_org.into(), org));
    f.push((t.f_scope.into(), txt(m.scenario.summary.clone())));
    f.push((t.f_drill_title.into(), txt(h.drill_title.clone())));
    f.push((t.f_drill_id.into(), code(h.drill_id.clone())));
    let kind = match m.scenario.mode.as_str() {
        "headless" => t.type_headless.to_string(),
        "console" => t.type_console.to_string(),
        "" => t.type_unknown.to_string(),
        other => format!("{} ({other})", t.type_unknown),
    };
    f.push((t.f_type.into(), txt(kind)));
    if let Some(open) = m.times.opened {
        f.push((t.f_date.into(), txt(text::date(open, &tz))));
    }
    let real = match (m.times.opened, m.times.closed) {
        (Some(a), Some(b)) => {
            let secs = (b - a).whole_seconds();
            let mut s = format!(
                "{} – {} ({})",
                text::datetime(a, &tz),
                text::clock_time(b, &tz, Some(a)),
                text::real_duration(secs, m.lang)
            );
            if m.times.pauses > 0 {
                s.push_str(&fill(
                    t.paused_for,
                    &[
                        (
                            "duration",
                            &text::real_duration(m.times.paused_seconds, m.lang),
                        ),
                        ("n", &m.times.pauses),
                    ],
                ));
            }
            s
        }
        _ => t.unknown.to_string(),
    };
    f.push((t.f_real.into(), txt(real)));
    f.push((
        t.f_scenario_time.into(),
        txt(fill(
            t.scenario_duration,
            &[
                (
                    "duration",
                    &text::minutes_duration(m.times.scenario_minutes, m.lang),
                ),
                ("turns", &m.times.turns_played),
                ("minutes", &m.scenario.turn_minutes),
                ("max", &m.scenario.max_turns),
            ],
        )),
    ));
    f.push((t.f_facilitator.into(), txt(h.facilitator.clone())));
    let mut sc = vec![Inline::Strong(h.scenario_title.clone()), Inline::text(" ")];
    sc.push(Inline::code(h.scenario_id.clone()));
    if !m.scenario.version.is_empty() {
        sc.push(Inline::text(format!(" v{}", m.scenario.version)));
    }
    f.push((t.f_scenario.into(), sc));
    f.push((
        t.f_scenario_hash.into(),
        vec![
            Inline::code(h.scenario_sha256.clone()),
            Inline::text(" "),
            Inline::code(h.scenario_path.clone()),
        ],
    ));
    f.push((
        t.f_org_hash.into(),
        vec![
            Inline::code(h.org_sha256.clone()),
            Inline::text(" "),
            Inline::code(h.org_path.clone()),
        ],
    ));
    f.push((
        t.f_run.into(),
        txt(format!(
            "seed {} · {} {} · kunren {}",
            h.seed, t.language, h.language, h.kunren_version
        )),
    ));
    if !m.scenario.techniques.is_empty() {
        f.push((t.f_techniques.into(), txt(m.scenario.techniques.join(", "))));
    }
    let previous = h
        .extra
        .get("previous_drill")
        .and_then(|v| v.as_str())
        .map(str::to_string);
    f.push((
        t.f_previous.into(),
        txt(previous.unwrap_or_else(|| t.not_recorded.to_string())),
    ));
    if let Some(open) = m.times.opened {
        f.push((t.f_next_due.into(), txt(text::next_year(open, &tz))));
    }
    let out = &m.outcome;
    f.push((
        t.f_ending.into(),
        txt(out
            .ending
            .as_ref()
            .map(|e| {
                if e.text.is_empty() {
                    format!("{} ({})", e.title, e.id)
                } else {
                    format!("{} ({}) — {}", e.title, e.id, e.text)
                }
            })
            .unwrap_or_else(|| t.none.to_string())),
    ));
    f.push((
        t.f_impact.into(),
        txt(text::impact(out.impact_total, &m.org.impact_unit)),
    ));
    let detect = match out.first_detection_turn {
        Some(turn) => fill(
            t.detected_at,
            &[
                ("turn", &turn),
                (
                    "time",
                    &text::scenario_time(u64::from(turn).saturating_mul(m.scenario.turn_minutes)),
                ),
            ],
        ),
        None => t.never_detected.to_string(),
    };
    f.push((t.f_detect.into(), txt(detect)));
    o.blocks.push(Block::Facts(f));
    o.h(3, "objectives-list", t.h_objectives_list);
    let rows = m
        .objectives
        .iter()
        .map(|ob| {
            vec![
                code(ob.result.id.clone()),
                txt(ob.result.function.name()),
                txt(ob.result.title.clone()),
            ]
        })
        .collect::<Vec<_>>();
    if rows.is_empty() {
        o.para(t.none);
    } else {
        o.table(
            &[t.col_id, t.col_function, t.col_objective],
            &[false; 3],
            rows,
        );
    }
}

fn participants(o: &mut Out) {
    let (t, m) = (o.t, o.m);
    o.section(1);
    let execs = m.people.executives();
    if execs.is_empty() {
        o.callout(Tone::Bad, t.no_exec_warning);
    } else {
        o.callout(
            Tone::Good,
            fill(t.exec_present, &[("names", &execs.join(", "))]),
        );
    }
    if m.people.participants.is_empty() {
        o.callout(Tone::Warn, t.no_participants);
    } else {
        let rows = m
            .people
            .participants
            .iter()
            .map(|p| {
                vec![
                    txt(p.name.clone()),
                    code(p.role.clone()),
                    txt(p.role_name.clone().unwrap_or_else(|| t.unknown_role.into())),
                ]
            })
            .collect();
        o.table(
            &[t.col_name, t.col_role, t.col_role_name],
            &[false; 3],
            rows,
        );
    }
    o.h(3, "roles", t.h_roles);
    let mut ids: Vec<String> = m.org.roles.iter().map(|(id, _)| id.clone()).collect();
    for r in m.people.role_activity.keys() {
        if !ids.contains(r) {
            ids.push(r.clone());
        }
    }
    let rows = ids
        .iter()
        .map(|id| {
            let name = m
                .org
                .roles
                .iter()
                .find(|(r, _)| r == id)
                .map(|(_, n)| n.clone())
                .unwrap_or_default();
            let a = m.people.role_activity.get(id).cloned().unwrap_or_default();
            let who: Vec<String> = m
                .people
                .participants
                .iter()
                .filter(|p| p.role == *id)
                .map(|p| p.name.clone())
                .collect();
            vec![
                code(id.clone()),
                txt(name),
                txt(if who.is_empty() {
                    "—".to_string()
                } else {
                    who.join(", ")
                }),
                txt(a.injects.to_string()),
                txt(a.actions.to_string()),
                txt(a.decisions.to_string()),
            ]
        })
        .collect();
    o.table(
        &[
            t.col_role,
            t.col_role_name,
            t.col_played_by,
            t.col_injects,
            t.col_actions,
            t.col_decisions,
        ],
        &[false, false, false, true, true, true],
        rows,
    );
    if m.debrief.signoffs.is_empty() {
        o.callout(Tone::Warn, t.no_signoff);
    } else {
        let names: Vec<String> = m.debrief.signoffs.iter().map(|s| s.text.clone()).collect();
        o.para(fill(t.signed_off, &[("names", &names.join(", "))]));
    }
}

fn timeline_what(t: &Text, e: &TimelineEntry) -> Inlines {
    let mut v = Vec::new();
    let mut kw = |s: &str| v.push(Inline::Strong(s.to_string()));
    match &e.kind {
        TimelineKind::Inject {
            id,
            title,
            to,
            channel,
            by_facilitator,
            decision,
        } => {
            kw(t.k_inject);
            v.push(Inline::text(" "));
            v.push(Inline::code(id.clone()));
            let mut s = format!(" {title}");
            if !to.is_empty() {
                s.push_str(&format!(" → {}", to.join(", ")));
            }
            if !channel.is_empty() {
                s.push_str(&format!(" [{channel}]"));
            }
            if *by_facilitator {
                s.push_str(&format!(" ({})", t.by_facilitator));
            }
            if let Some(d) = decision {
                s.push_str(&format!(" — {}: {d}", t.asks_decision));
            }
            v.push(Inline::text(s));
        }
        TimelineKind::Decision {
            decision,
            option,
            label,
            timeout,
        } => {
            kw(t.k_decision);
            v.push(Inline::text(" "));
            v.push(Inline::code(decision.clone()));
            v.push(Inline::text(" → "));
            v.push(Inline::code(option.clone()));
            if !label.is_empty() && label != option {
                v.push(Inline::text(format!(" ({label})")));
            }
            if *timeout {
                v.push(Inline::text(" "));
                v.push(Inline::Badge(Tone::Warn, t.timeout_default.into()));
            }
        }
        TimelineKind::Action {
            action,
            name,
            target,
            result,
        } => {
            kw(t.k_action);
            v.push(Inline::text(" "));
            v.push(Inline::code(action.clone()));
            if let Some(x) = target {
                v.push(Inline::text(" → "));
                v.push(Inline::code(x.clone()));
            }
            if !name.is_empty() {
                v.push(Inline::text(format!(" ({name})")));
            }
            v.push(Inline::text(" "));
            v.push(match result {
                ActionResult::Succeeded => Inline::Badge(Tone::Good, t.succeeded.into()),
                ActionResult::Failed => Inline::Badge(Tone::Bad, t.failed.into()),
                ActionResult::Withdrawn => Inline::Badge(Tone::Info, t.withdrawn.into()),
                ActionResult::Unresolved => Inline::Badge(Tone::Info, t.unresolved.into()),
            });
        }
        TimelineKind::Detection { stage, by } => {
            kw(t.k_detection);
            v.push(Inline::text(" "));
            v.push(Inline::code(stage.clone()));
            v.push(Inline::text(format!(" — {} {by}", t.by)));
        }
        TimelineKind::Attacker {
            stage,
            title,
            technique,
            halted,
        } => {
            kw(t.k_attacker);
            v.push(Inline::text(" "));
            v.push(Inline::code(stage.clone()));
            v.push(Inline::text(format!(" {title} ({technique}) ")));
            v.push(if *halted {
                Inline::Badge(Tone::Good, t.halted.into())
            } else {
                Inline::Badge(Tone::Bad, t.stage_succeeded.into())
            });
            v.push(Inline::text(format!(" {}", t.ground_truth)));
        }
        TimelineKind::Clock { clock, event } => {
            kw(t.k_clock);
            v.push(Inline::text(" "));
            v.push(Inline::code(clock.clone()));
            v.push(Inline::text(" "));
            v.push(match event.as_str() {
                "started" => Inline::Badge(Tone::Info, t.clock_started.into()),
                "met" => Inline::Badge(Tone::Good, t.clock_met.into()),
                _ => Inline::Badge(Tone::Bad, t.clock_missed.into()),
            });
        }
        TimelineKind::Event { text } => {
            kw(t.k_event);
            v.push(Inline::text(format!(" {text}")));
        }
        TimelineKind::Override { line, from, to } => {
            kw(t.k_override);
            v.push(Inline::text(format!(" #{line}: {from} → {to}")));
        }
        TimelineKind::Paused => kw(t.k_paused),
        TimelineKind::Resumed => kw(t.k_resumed),
        TimelineKind::Recovered { bytes } => {
            kw(t.k_recovered);
            v.push(Inline::text(format!(
                " {}",
                fill(t.bytes_moved, &[("bytes", bytes)])
            )));
        }
        TimelineKind::Ending { id, title } => {
            kw(t.k_ending);
            v.push(Inline::text(format!(" {title} ")));
            v.push(Inline::code(id.clone()));
        }
        TimelineKind::Closed { status, reason } => {
            kw(t.k_closed);
            v.push(Inline::text(format!(" {status}")));
            if !reason.is_empty() {
                v.push(Inline::text(format!(" — {reason}")));
            }
        }
    }
    v
}

fn timeline(o: &mut Out) {
    let (t, m) = (o.t, o.m);
    o.section(2);
    let (_, zone) = text::zone(o.tz());
    o.para(fill(t.timeline_intro, &[("zone", &zone)]));
    if m.timeline.is_empty() {
        o.para(t.none);
        return;
    }
    let start = m.times.opened;
    let tz = o.tz().to_string();
    let rows = m
        .timeline
        .iter()
        .map(|e| {
            vec![
                txt(e.line.to_string()),
                txt(e.turn.to_string()),
                txt(text::scenario_time(e.scenario_minutes)),
                txt(e
                    .time
                    .map(|x| text::clock_time(x, &tz, start))
                    .unwrap_or_default()),
                txt(o.who(&e.who)),
                timeline_what(t, e),
            ]
        })
        .collect();
    o.table_c(
        "timeline",
        &[
            t.col_line,
            t.col_turn,
            t.col_scenario_time,
            t.col_real_time,
            t.col_who,
            t.col_what,
        ],
        &[true, true, false, false, false, false],
        rows,
    );
}

fn objectives(o: &mut Out) {
    let (t, m) = (o.t, o.m);
    o.section(3);
    o.para(t.ratings_intro);
    let rows: Vec<Vec<Inlines>> = m
        .objectives
        .iter()
        .map(|ob| {
            let r = &ob.result;
            let recorded = match &ob.recorded {
                Some(x)
                    if x.rating == r.rating
                        && x.earned == r.earned
                        && x.achievable == r.achievable =>
                {
                    badge(Tone::Good, t.matches)
                }
                Some(x) => badge(
                    Tone::Bad,
                    format!(
                        "{} {}/{} {}",
                        t.differs,
                        x.earned,
                        x.achievable,
                        x.rating.letter()
                    ),
                ),
                None => txt("—"),
            };
            vec![
                vec![
                    Inline::code(r.id.clone()),
                    Inline::text(format!(" {}", r.title)),
                ],
                txt(r.function.name()),
                txt(format!("{}/{}", r.earned, r.achievable)),
                txt(if r.achievable > 0 {
                    text::pct(r.share)
                } else {
                    "—".into()
                }),
                vec![Inline::Rating(r.rating)],
                recorded,
            ]
        })
        .collect();
    if rows.is_empty() {
        o.para(t.none);
    } else {
        o.table(
            &[
                t.col_objective,
                t.col_function,
                t.col_points,
                t.col_share,
                t.col_rating,
                t.col_recorded,
            ],
            &[false, false, true, true, false, false],
            rows,
        );
    }
    if !m.orphan_lines.is_empty() {
        let ids: Vec<String> = m
            .orphan_lines
            .iter()
            .map(|l| format!("#{}", l.line))
            .collect();
        o.callout(
            Tone::Warn,
            fill(t.orphan_lines, &[("lines", &ids.join(", "))]),
        );
    }

    o.h(3, "csf", t.h_csf);
    let rows = m
        .functions
        .iter()
        .map(|f| {
            let mut objs = Vec::new();
            for (k, (id, rating)) in f.objectives.iter().enumerate() {
                if k > 0 {
                    objs.push(Inline::text(" "));
                }
                objs.push(Inline::code(id.clone()));
                objs.push(Inline::text(" "));
                objs.push(Inline::Rating(*rating));
            }
            if objs.is_empty() {
                objs.push(Inline::text("—"));
            }
            let share = if f.achievable > 0 {
                text::pct((f64::from(f.earned) / f64::from(f.achievable)).clamp(0.0, 1.0))
            } else {
                "—".into()
            };
            vec![
                txt(f.function.name()),
                objs,
                txt(format!("{}/{}", f.earned, f.achievable)),
                txt(share),
                txt(f.actions.to_string()),
            ]
        })
        .collect();
    o.table(
        &[
            t.col_function,
            t.col_objectives,
            t.col_points,
            t.col_share,
            t.col_team_actions,
        ],
        &[false, false, true, true, true],
        rows,
    );

    o.h(3, "score-chart", t.h_chart);
    if m.turns.is_empty() {
        o.para(t.none);
    } else {
        let mut series: Vec<Series> = m
            .objectives
            .iter()
            .take(super::build::CHART_OBJECTIVES)
            .enumerate()
            .map(|(k, ob)| Series {
                name: ob.result.id.clone(),
                values: m
                    .turns
                    .iter()
                    .map(|tp| tp.by_objective.get(k).copied().unwrap_or(0))
                    .collect(),
                emphasis: false,
                ceiling: Some(i64::from(ob.result.achievable)),
            })
            .collect();
        series.insert(
            0,
            Series {
                name: t.total.into(),
                values: m.turns.iter().map(|tp| tp.computed_total).collect(),
                emphasis: true,
                ceiling: Some(m.outcome.achievable),
            },
        );
        o.blocks.push(Block::Chart(Chart {
            title: t.h_chart.into(),
            x_label: t.col_turn.into(),
            y_label: t.col_points.into(),
            turn_label: t.col_turn.into(),
            turns: m.turns.iter().map(|tp| tp.turn).collect(),
            series,
        }));
        if m.objectives.len() > super::build::CHART_OBJECTIVES {
            o.para(fill(
                t.chart_limited,
                &[("n", &super::build::CHART_OBJECTIVES)],
            ));
        }
    }

    for ob in &m.objectives {
        let r = &ob.result;
        o.h(
            3,
            format!("objective-{}", anchor_id(&r.id)),
            format!("{} — {}", r.id, r.title),
        );
        o.blocks.push(Block::Para(vec![
            Inline::Rating(r.rating),
            Inline::text(format!(
                " {} · {} · {}",
                t.rating_names[rating_index(r.rating)],
                r.function.name(),
                fill(
                    t.points_of,
                    &[
                        ("earned", &r.earned),
                        ("achievable", &r.achievable),
                        ("share", &text::pct(r.share)),
                    ]
                )
            )),
        ]));
        if ob.lines.is_empty() {
            o.para(t.no_lines);
            continue;
        }
        o.blocks.push(score_table(t, m, &ob.lines));
    }
    if !m.orphan_lines.is_empty() {
        o.h(3, "objective-undeclared", t.undeclared_objective);
        o.blocks.push(score_table(t, m, &m.orphan_lines));
    }

    if !m.expectations.is_empty() {
        o.h(3, "expectations", t.h_expectations);
        let rows = m
            .expectations
            .iter()
            .map(|e| {
                let (tone, word) = match e.status {
                    Some(ExpectStatus::Success) => (Tone::Good, t.exp_success),
                    Some(ExpectStatus::Partial) => (Tone::Warn, t.exp_partial),
                    Some(ExpectStatus::Failed) => (Tone::Bad, t.exp_failed),
                    Some(ExpectStatus::Expired) => (Tone::Bad, t.exp_expired),
                    Some(ExpectStatus::Pending) => (Tone::Warn, t.exp_pending),
                    Some(ExpectStatus::Inactive) | None => (Tone::Info, t.exp_inactive),
                };
                vec![
                    code(e.id.clone()),
                    txt(e.title.clone()),
                    code(e.objective.clone()),
                    txt(e.points.to_string()),
                    badge(tone, word),
                ]
            })
            .collect();
        o.table(
            &[
                t.col_id,
                t.col_expectation,
                t.col_objective,
                t.col_points,
                t.col_status,
            ],
            &[false, false, false, true, false],
            rows,
        );
    }
}

fn rating_index(r: Rating) -> usize {
    match r {
        Rating::P => 0,
        Rating::S => 1,
        Rating::M => 2,
        Rating::U => 3,
        Rating::NotEvaluated => 4,
    }
}

/// An ASCII anchor id from an objective id.
fn anchor_id(id: &str) -> String {
    id.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect()
}

fn score_table(t: &Text, m: &ReportModel, lines: &[crate::scoring::ScoreLine]) -> Block {
    let rows = lines
        .iter()
        .map(|l| {
            let ov = m.overrides.iter().rev().find(|o| o.ov.line == l.line);
            let ov_cell = match ov {
                Some(o) => badge(Tone::Warn, format!("→ {} ({})", o.ov.to, o.ov.reason)),
                None => txt(""),
            };
            vec![
                txt(format!("#{}", l.line)),
                txt(l.turn.to_string()),
                code(l.source.clone()),
                txt(l.reason.clone()),
                txt(text::signed(i64::from(l.points))),
                txt(l.max_points.to_string()),
                ov_cell,
            ]
        })
        .collect();
    Block::Table {
        head: [
            t.col_line_no,
            t.col_turn,
            t.col_source,
            t.col_reason,
            t.col_points,
            t.col_max,
            t.col_override,
        ]
        .iter()
        .map(|s| s.to_string())
        .collect(),
        rows,
        numeric: vec![true, true, false, false, true, true, false],
        class: "scores",
    }
}

fn clock_verdict(t: &Text, m: &ReportModel, v: &ClockVerdict) -> Inlines {
    let h = |x: i64| text::hours(x, m.lang);
    match v {
        ClockVerdict::NotStarted => badge(Tone::Info, t.clock_not_started),
        ClockVerdict::Open { hours_left } => badge(
            Tone::Warn,
            fill(t.clock_open, &[("hours", &h(*hours_left))]),
        ),
        ClockVerdict::Met { margin_hours } => badge(
            Tone::Good,
            fill(t.clock_met_margin, &[("hours", &h(*margin_hours))]),
        ),
        ClockVerdict::MetLate { late_hours } => badge(
            Tone::Bad,
            fill(t.clock_met_late, &[("hours", &h(*late_hours))]),
        ),
        ClockVerdict::Missed { overdue_hours } => badge(
            Tone::Bad,
            fill(t.clock_missed_by, &[("hours", &h(*overdue_hours))]),
        ),
    }
}

fn clocks(o: &mut Out) {
    let (t, m) = (o.t, o.m);
    o.section(4);
    if m.clocks.is_empty() {
        o.para(t.no_clocks);
        return;
    }
    o.para(t.clocks_intro);
    let rows = m
        .clocks
        .iter()
        .map(|c| {
            let mut what = Vec::new();
            if !c.title.is_empty() {
                what.push(Inline::text(format!("{} ", c.title)));
            }
            what.push(Inline::code(c.id.clone()));
            let regime = if c.authority.is_empty() {
                c.regime.clone()
            } else {
                format!("{} — {}", c.regime, c.authority)
            };
            let allowed = c
                .hours
                .map(|x| text::hours(i64::try_from(x).unwrap_or(i64::MAX), m.lang))
                .unwrap_or_else(|| "—".into());
            let started = c
                .started
                .map(|(turn, h)| o.at_turn(turn, h))
                .unwrap_or_else(|| "—".into());
            let deadline = match (c.deadline_hours, c.deadline_turn, c.started) {
                (Some(h), Some(turn), Some(_)) => format!(
                    "{} ({} {turn})",
                    text::scenario_time(h.saturating_mul(60)),
                    t.turn
                ),
                (Some(h), _, Some(_)) => text::scenario_time(h.saturating_mul(60)),
                _ => "—".into(),
            };
            let delivered = c
                .met
                .map(|(turn, h)| o.at_turn(turn, h))
                .unwrap_or_else(|| "—".into());
            vec![
                what,
                txt(regime),
                txt(allowed),
                txt(started),
                txt(deadline),
                txt(delivered),
                clock_verdict(t, m, &c.verdict),
            ]
        })
        .collect();
    o.table_c(
        "clocks",
        &[
            t.col_clock,
            t.col_regime,
            t.col_allowed,
            t.col_started,
            t.col_deadline,
            t.col_delivered,
            t.col_verdict,
        ],
        &[false, false, true, false, false, false, false],
        rows,
    );
}

fn step_verdict(t: &Text, v: StepVerdict) -> Inlines {
    match v {
        StepVerdict::OnTime => badge(Tone::Good, t.step_on_time),
        StepVerdict::Late => badge(Tone::Warn, t.step_late),
        StepVerdict::Missed => badge(Tone::Bad, t.step_missed),
        StepVerdict::NotApplicable => badge(Tone::Info, t.step_not_applicable),
        StepVerdict::Defaulted => badge(Tone::Warn, t.step_defaulted),
        StepVerdict::DoneUntimed => badge(Tone::Good, t.step_done_untimed),
        StepVerdict::Undetermined => badge(Tone::Info, t.step_undetermined),
    }
}

fn response(o: &mut Out) {
    let (t, m) = (o.t, o.m);
    o.section(5);
    if m.response.steps.is_empty() {
        o.para(t.no_reference);
    } else {
        o.para(t.response_intro);
        let rows = m
            .response
            .steps
            .iter()
            .enumerate()
            .map(|(k, s)| {
                let mut step = Vec::new();
                if let Some(a) = &s.action {
                    step.push(Inline::code(a.clone()));
                } else if let Some(c) = &s.choose {
                    step.push(Inline::text(format!("{} ", t.choose)));
                    step.push(Inline::code(c.clone()));
                }
                if let Some(x) = &s.target {
                    step.push(Inline::text(" → "));
                    step.push(Inline::code(x.clone()));
                }
                let due = match (s.due_from, s.due_turn) {
                    (None, Some(d)) => format!("{} {d}", t.turn),
                    (Some(a), Some(b)) if a < b => format!("{} {a}–{b} ({})", t.turn, t.approx),
                    (Some(_), Some(b)) => format!("{} {b}", t.turn),
                    (Some(a), None) => format!("≥ {} {a} ({})", t.turn, t.approx),
                    (None, None) => "—".into(),
                };
                let done = match &s.done {
                    Some((turn, who, _)) => {
                        let mut x =
                            format!("{} {turn} · {}", t.turn, o.who(&format!("role:{who}")));
                        if s.done_failed {
                            x.push_str(&format!(" ({})", t.failed));
                        }
                        x
                    }
                    None => "—".into(),
                };
                vec![
                    txt((k + 1).to_string()),
                    code(s.role.clone()),
                    step,
                    txt(due),
                    txt(done),
                    step_verdict(t, s.verdict),
                    txt(s.why.clone()),
                ]
            })
            .collect();
        o.table_c(
            "response",
            &[
                t.col_no,
                t.col_role,
                t.col_step,
                t.col_due,
                t.col_done,
                t.col_verdict,
                t.col_why,
            ],
            &[true, false, false, false, false, false, false],
            rows,
        );
    }
    o.h(3, "additional-actions", t.h_additional);
    if m.response.extra.is_empty() {
        o.para(t.none);
    } else {
        let rows = m
            .response
            .extra
            .iter()
            .map(|a| {
                vec![
                    txt(a.turn.to_string()),
                    code(a.role.clone()),
                    vec![
                        Inline::code(a.action.clone()),
                        Inline::text(format!(" {}", a.name)),
                    ],
                    a.target.clone().map(code).unwrap_or_else(|| txt("—")),
                    if a.success {
                        badge(Tone::Good, t.succeeded)
                    } else {
                        badge(Tone::Bad, t.failed)
                    },
                ]
            })
            .collect();
        o.table(
            &[
                t.col_turn,
                t.col_role,
                t.col_action,
                t.col_target,
                t.col_result,
            ],
            &[true, false, false, false, false],
            rows,
        );
    }
}

fn improvement(o: &mut Out) {
    let (t, m) = (o.t, o.m);
    o.section(6);
    let d = &m.debrief;

    o.h(3, "strengths", t.h_strengths);
    if d.strengths.is_empty() {
        o.para(t.none_recorded);
    } else {
        let items = d.strengths.iter().map(|n| txt(n.text.clone())).collect();
        o.blocks.push(Block::List(items));
    }
    let mut observed = Vec::new();
    for ob in &m.objectives {
        if ob.result.rating == Rating::P {
            observed.push(txt(fill(
                t.obs_objective_p,
                &[("title", &ob.result.title), ("id", &ob.result.id)],
            )));
        }
    }
    for c in &m.clocks {
        if let ClockVerdict::Met { margin_hours } = c.verdict {
            observed.push(txt(fill(
                t.obs_clock_met,
                &[
                    ("clock", &c.id),
                    ("hours", &text::hours(margin_hours, m.lang)),
                ],
            )));
        }
    }
    let on_time = m.response.count(StepVerdict::OnTime);
    if on_time > 0 {
        observed.push(txt(fill(
            t.obs_steps_on_time,
            &[("n", &on_time), ("all", &m.response.steps.len())],
        )));
    }
    if !observed.is_empty() {
        o.para(t.observed_strengths);
        o.blocks.push(Block::List(observed));
    }

    o.h(3, "areas", t.h_areas);
    if d.areas.is_empty() {
        o.para(t.none_recorded);
    } else {
        let items = d.areas.iter().map(|n| txt(n.text.clone())).collect();
        o.blocks.push(Block::List(items));
    }
    let mut observed = Vec::new();
    for ob in &m.objectives {
        if matches!(ob.result.rating, Rating::S | Rating::M | Rating::U) {
            observed.push(txt(fill(
                t.obs_objective_mu,
                &[
                    ("title", &ob.result.title),
                    ("id", &ob.result.id),
                    ("rating", &ob.result.rating.letter()),
                ],
            )));
        }
    }
    for c in &m.clocks {
        match c.verdict {
            ClockVerdict::Missed { .. } | ClockVerdict::MetLate { .. } => {
                let mut v = vec![Inline::text(format!("{} ", c.id))];
                v.extend(clock_verdict(t, m, &c.verdict));
                observed.push(v);
            }
            _ => {}
        }
    }
    for s in &m.response.steps {
        if matches!(s.verdict, StepVerdict::Missed | StepVerdict::Late) {
            let what = s
                .action
                .clone()
                .or_else(|| s.choose.clone())
                .unwrap_or_default();
            let word = if s.verdict == StepVerdict::Missed {
                t.step_missed
            } else {
                t.step_late
            };
            observed.push(txt(fill(
                t.obs_step,
                &[("step", &what), ("role", &s.role), ("verdict", &word)],
            )));
        }
    }
    if m.outcome.first_detection_turn.is_none() && !m.scenario.stages.is_empty() {
        observed.push(txt(t.never_detected));
    }
    if !m.people.executive_present {
        observed.push(txt(t.no_exec_warning));
    }
    if !observed.is_empty() {
        o.para(t.observed_areas);
        o.blocks.push(Block::List(observed));
    }

    o.h(3, "plan", t.h_plan);
    if d.items.is_empty() {
        o.callout(Tone::Warn, t.no_plan);
    } else {
        let rows = d
            .items
            .iter()
            .map(|i| {
                let objective = match &i.objective {
                    Some(id) => {
                        let title = m
                            .objectives
                            .iter()
                            .find(|x| x.result.id == *id)
                            .map(|x| x.result.title.clone());
                        let mut v = vec![Inline::code(id.clone())];
                        if let Some(title) = title {
                            v.push(Inline::text(format!(" {title}")));
                        }
                        v
                    }
                    None => txt("—"),
                };
                let missing = |s: &str| {
                    if s.trim().is_empty() {
                        badge(Tone::Bad, t.missing)
                    } else {
                        txt(s.to_string())
                    }
                };
                vec![
                    txt(i.action.clone()),
                    objective,
                    missing(&i.owner),
                    missing(&i.due),
                    txt(i.line.to_string()),
                ]
            })
            .collect();
        o.table_c(
            "plan",
            &[
                t.col_corrective,
                t.col_objective,
                t.col_owner,
                t.col_due_date,
                t.col_line,
            ],
            &[false, false, false, false, true],
            rows,
        );
    }

    o.h(3, "overrides", t.h_overrides);
    if m.overrides.is_empty() {
        o.para(t.no_overrides);
    } else {
        let rows = m
            .overrides
            .iter()
            .map(|e| {
                let reason = if e.ov.reason.trim().is_empty() {
                    badge(Tone::Bad, t.no_reason)
                } else {
                    txt(e.ov.reason.clone())
                };
                vec![
                    txt(format!("#{}", e.ov.line)),
                    e.objective.clone().map(code).unwrap_or_else(|| txt("—")),
                    txt(format!("{} → {}", e.ov.from, e.ov.to)),
                    reason,
                    txt(o.who(&e.ov.by)),
                    txt(e.ov.turn.to_string()),
                    txt(e.line_no.to_string()),
                ]
            })
            .collect();
        o.table_c(
            "overrides",
            &[
                t.col_line_no,
                t.col_objective,
                t.col_change,
                t.col_reason,
                t.col_by,
                t.col_turn,
                t.col_line,
            ],
            &[true, false, false, false, false, true, true],
            rows,
        );
    }

    o.h(3, "notes", t.h_notes);
    if d.notes.is_empty() {
        o.para(t.none_recorded);
    } else {
        let tz = o.tz().to_string();
        let start = m.times.opened;
        let rows = d
            .notes
            .iter()
            .map(|n| {
                vec![
                    txt(n.line.to_string()),
                    txt(n.turn.to_string()),
                    txt(n
                        .time
                        .map(|x| text::clock_time(x, &tz, start))
                        .unwrap_or_default()),
                    txt(o.who(&n.who)),
                    txt(n.text.clone()),
                ]
            })
            .collect();
        o.table_c(
            "notes",
            &[
                t.col_line,
                t.col_turn,
                t.col_real_time,
                t.col_who,
                t.col_note,
            ],
            &[true, true, false, false, false],
            rows,
        );
    }
}

fn compliance_section(o: &mut Out) {
    let (t, m) = (o.t, o.m);
    o.section(7);
    o.para(t.compliance_intro);
    let rows = compliance::map(m);
    let gaps = rows.iter().filter(|r| r.status == Status::Gap).count();
    let partial = rows.iter().filter(|r| r.status == Status::Partial).count();
    let table = rows
        .into_iter()
        .map(|r| {
            let status = match r.status {
                Status::Met => badge(Tone::Good, t.c_met),
                Status::Partial => badge(Tone::Warn, t.c_partial),
                Status::Gap => badge(Tone::Bad, t.c_gap),
                Status::NotApplicable => badge(Tone::Info, t.c_na),
            };
            vec![
                txt(r.control),
                txt(r.requirement),
                status,
                txt(r.evidence),
                txt(r.gap),
            ]
        })
        .collect();
    o.table_c(
        "compliance",
        &[
            t.col_control,
            t.col_requirement,
            t.col_status,
            t.col_evidence,
            t.col_gap,
        ],
        &[false; 5],
        table,
    );
    if gaps + partial > 0 {
        o.callout(
            if gaps > 0 { Tone::Bad } else { Tone::Warn },
            fill(t.gaps_summary, &[("gaps", &gaps), ("partial", &partial)]),
        );
    } else {
        o.callout(Tone::Good, t.no_gaps);
    }
}

fn integrity(o: &mut Out) {
    let (t, m) = (o.t, o.m);
    let i = &m.integrity;
    o.section(8);
    let mut f: Vec<(String, Inlines)> = Vec::new();
    f.push((t.f_journal.into(), code(i.file_name.clone())));
    f.push((t.f_sha256.into(), code(i.file_sha256.clone())));
    f.push((
        t.f_size.into(),
        txt(fill(
            t.size_records,
            &[
                ("bytes", &i.file_bytes),
                ("records", &i.records),
                ("checkpoints", &i.checkpoints),
            ],
        )),
    ));
    f.push((
        t.f_merkle.into(),
        vec![
            Inline::code(i.merkle_root.clone()),
            Inline::text(format!(" ({})", fill(t.tree_size, &[("n", &i.records)]))),
        ],
    ));
    f.push((
        t.f_sealed.into(),
        if i.sealed {
            badge(Tone::Good, t.yes_sealed)
        } else {
            badge(Tone::Bad, t.not_sealed)
        },
    ));
    let closed = match i.closed {
        Some(CloseStatus::Completed) => badge(Tone::Good, t.completed),
        Some(CloseStatus::Aborted) => {
            let mut v = badge(Tone::Warn, t.aborted);
            if !i.close_reason.is_empty() {
                v.push(Inline::text(format!(" — {}", i.close_reason)));
            }
            v
        }
        None => badge(Tone::Warn, t.not_closed),
    };
    f.push((t.f_closed.into(), closed));
    let sig = match &i.signature {
        SignatureStatus::Unsigned => badge(Tone::Warn, t.sig_unsigned),
        SignatureStatus::SignedNoPubkey {
            key_id,
            checkpoints,
        } => {
            let mut v = badge(Tone::Good, t.sig_signed);
            v.push(Inline::text(format!(
                " {} ",
                fill(t.sig_detail, &[("n", checkpoints)])
            )));
            v.push(Inline::code(key_id.clone()));
            v
        }
        SignatureStatus::Verified {
            key_id,
            checkpoints,
        } => {
            let mut v = badge(Tone::Good, t.sig_verified);
            v.push(Inline::text(format!(
                " {} ",
                fill(t.sig_detail, &[("n", checkpoints)])
            )));
            v.push(Inline::code(key_id.clone()));
            v
        }
        SignatureStatus::Bad { reason } => badge(Tone::Bad, reason.clone()),
        SignatureStatus::Unknown => badge(Tone::Bad, t.unknown),
    };
    f.push((t.f_signature.into(), sig));
    if let Some(torn) = &i.torn_tail {
        f.push((
            t.f_torn.into(),
            badge(Tone::Bad, fill(t.banner_torn, &[("bytes", &torn.bytes)])),
        ));
    }
    for (line, bytes) in &i.recoveries {
        f.push((
            t.k_recovered.into(),
            txt(format!(
                "{} {line}: {}",
                t.col_line,
                fill(t.bytes_moved, &[("bytes", bytes)])
            )),
        ));
    }
    o.blocks.push(Block::Facts(f));

    o.h(3, "consistency", t.h_consistency);
    if m.checks.is_empty() {
        o.callout(
            Tone::Good,
            fill(
                t.consistent,
                &[
                    ("lines", &m.score_lines.len()),
                    ("overrides", &m.overrides.len()),
                ],
            ),
        );
    } else {
        o.callout(Tone::Bad, t.banner_inconsistent);
        let items = m
            .checks
            .iter()
            .map(|c| {
                txt(match c {
                    super::model::Inconsistency::Objective {
                        id,
                        recorded,
                        computed,
                    } => fill(
                        t.check_objective,
                        &[
                            ("id", id),
                            (
                                "recorded",
                                &format!("{}/{} {}", recorded.0, recorded.1, recorded.2.letter()),
                            ),
                            (
                                "computed",
                                &format!("{}/{} {}", computed.0, computed.1, computed.2.letter()),
                            ),
                        ],
                    ),
                    super::model::Inconsistency::ObjectiveSet { id } => {
                        fill(t.check_set, &[("id", id)])
                    }
                    super::model::Inconsistency::Total {
                        turn,
                        recorded,
                        computed,
                    } => fill(
                        t.check_total,
                        &[
                            ("turn", turn),
                            ("recorded", recorded),
                            ("computed", computed),
                        ],
                    ),
                    super::model::Inconsistency::Unreadable { line, kind } => {
                        fill(t.check_unreadable, &[("line", line), ("kind", kind)])
                    }
                })
            })
            .collect();
        o.blocks.push(Block::List(items));
    }

    let j = text::shell_quote(&i.file_name);
    let anchor = text::shell_quote(&format!("{}.anchor", i.file_name));
    let mut cmds = String::new();
    cmds.push_str(&format!(
        "# {}\nsha256sum {j}\n",
        fill(t.cmd_sha, &[("sha", &i.file_sha256)])
    ));
    cmds.push_str(&format!("# {}\nkunren verify {j}\n", t.cmd_verify));
    if matches!(
        i.signature,
        SignatureStatus::SignedNoPubkey { .. } | SignatureStatus::Verified { .. }
    ) {
        cmds.push_str(&format!(
            "# {}\nkunren verify {j} --pubkey facilitator.pub\n",
            t.cmd_pubkey
        ));
    }
    cmds.push_str(&format!(
        "# {}\nprintf '%s %s\\n' {} {} > {anchor}\nkunren verify {j} --checkpoint {anchor}\n",
        t.cmd_anchor, i.records, i.merkle_root
    ));
    cmds.push_str(&format!("# {}\nkunren replay {j}\n", t.cmd_replay));
    cmds.push_str(&format!(
        "# {}\nkunren report {j} --format html\n",
        t.cmd_report
    ));
    // Heading, introduction and commands stay together on one printed page.
    o.blocks.push(Block::Keep(vec![
        Block::Heading {
            level: 3,
            anchor: "how-to-verify".into(),
            text: t.h_verify.into(),
        },
        Block::Para(txt(t.verify_intro)),
        Block::Code(cmds),
    ]));
}
