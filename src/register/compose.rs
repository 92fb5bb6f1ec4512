//! The register as a [`Document`] of the report's document tree, so the report's Markdown and
//! HTML renderers (and [`super::text`]) print it: the full register ([`register`]) and the
//! annual evidence summary for an inspection ([`summary`]). With `charts`, the trend is also
//! drawn as the report's inline SVG small multiples (HTML); the tables carry it otherwise.

use crate::report::document::{Block, Chart, Document, Inline, Inlines, Series, Tone};
use crate::report::model::{ClockVerdict, ReportModel};
use crate::report::text::{self, shell_quote};
use crate::scenario::script::ItemStatus;
use crate::scoring::Rating;

use super::dates::{self, ymd};
use super::model::{
    DrillEntry, DrillStatus, FileStatus, Grade, ItemHistory, Register, TrendCell, TrendRow,
};

fn txt(s: impl Into<String>) -> Inlines {
    vec![Inline::Text(s.into())]
}

fn code(s: impl Into<String>) -> Inlines {
    vec![Inline::Code(s.into())]
}

fn badge(tone: Tone, s: impl Into<String>) -> Inlines {
    vec![Inline::Badge(tone, s.into())]
}

fn heading(level: u8, anchor: impl Into<String>, text: impl Into<String>) -> Block {
    Block::Heading {
        level,
        anchor: anchor.into(),
        text: text.into(),
    }
}

fn table(head: &[&str], numeric: &[bool], rows: Vec<Vec<Inlines>>) -> Block {
    Block::Table {
        head: head.iter().map(|s| s.to_string()).collect(),
        rows,
        numeric: numeric.to_vec(),
        class: "",
    }
}

/// A paragraph of fixed text in which `…` spans are code.
fn para(s: impl Into<String>) -> Block {
    let s: String = s.into();
    let parts = s
        .split('`')
        .enumerate()
        .filter(|(_, p)| !p.is_empty())
        .map(|(i, p)| {
            if i % 2 == 1 {
                Inline::code(p)
            } else {
                Inline::text(p)
            }
        })
        .collect();
    Block::Para(parts)
}

/// At most `n` characters of `s`, with an ellipsis when cut.
fn short(s: &str, n: usize) -> String {
    let s = s.trim();
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let mut out: String = s.chars().take(n).collect();
        out.push('…');
        out
    }
}

fn org_name(r: &Register) -> String {
    match &r.organisation {
        Some((id, name)) if name.is_empty() => id.clone(),
        Some((_, name)) => name.clone(),
        None => "no organisation".into(),
    }
}

/// `#2 2024-04-15`: a drill's number and date.
fn drill_ref(d: &DrillEntry) -> String {
    format!("#{} {}", d.number, d.date_text())
}

fn status_badge(d: &DrillEntry) -> Inlines {
    let s = d.status.name();
    let mut v = match d.status {
        DrillStatus::Completed => badge(Tone::Good, s),
        DrillStatus::Aborted | DrillStatus::Incomplete => badge(Tone::Warn, s),
    };
    let reason = d.model.integrity.close_reason.trim();
    if d.status == DrillStatus::Aborted && !reason.is_empty() {
        v.push(Inline::text(format!(" — {reason}")));
    }
    v
}

fn exec_cell(d: &DrillEntry) -> Inlines {
    let execs = d.executives();
    if execs.is_empty() {
        badge(Tone::Bad, "none")
    } else {
        badge(Tone::Good, execs.join(", "))
    }
}

fn participants(m: &ReportModel) -> String {
    if m.people.participants.is_empty() {
        return "none named".into();
    }
    m.people
        .participants
        .iter()
        .map(|p| match &p.role_name {
            Some(n) if !n.is_empty() => format!("{} ({n})", p.name),
            _ => format!("{} ({})", p.name, p.role),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// `3: Name (role), …`: the participants with their role ids.
fn participants_short(m: &ReportModel) -> String {
    let p = &m.people.participants;
    if p.is_empty() {
        return "none named".into();
    }
    let names: Vec<String> = p
        .iter()
        .map(|p| format!("{} ({})", p.name, p.role))
        .collect();
    format!("{}: {}", p.len(), names.join(", "))
}

/// `met 2 · late 1 · missed 1 of 4` (the report's clock verdicts, as its model holds them).
fn clocks(m: &ReportModel) -> String {
    let n = |f: fn(&ClockVerdict) -> bool| m.clocks.iter().filter(|c| f(&c.verdict)).count();
    if m.clocks.is_empty() {
        return "none".into();
    }
    let mut parts = vec![format!(
        "met {}",
        n(|v| matches!(v, ClockVerdict::Met { .. }))
    )];
    let late = n(|v| matches!(v, ClockVerdict::MetLate { .. }));
    if late > 0 {
        parts.push(format!("late {late}"));
    }
    parts.push(format!(
        "missed {}",
        n(|v| matches!(v, ClockVerdict::Missed { .. }))
    ));
    let not_started = n(|v| matches!(v, ClockVerdict::NotStarted));
    if not_started > 0 {
        parts.push(format!("not started {not_started}"));
    }
    let open = n(|v| {
        matches!(
            v,
            ClockVerdict::Open { .. } | ClockVerdict::DueAfterEnd { .. }
        )
    });
    if open > 0 {
        parts.push(format!("not counted {open}"));
    }
    format!("{} of {}", parts.join(" · "), m.clocks.len())
}

fn clock_tone(m: &ReportModel) -> Tone {
    let t = m.tally();
    if t.clocks_missed > 0 {
        Tone::Bad
    } else if t.clocks_late > 0 {
        Tone::Warn
    } else if t.clocks_met > 0 {
        Tone::Good
    } else {
        Tone::Info
    }
}

fn score(m: &ReportModel) -> String {
    let o = &m.outcome;
    if o.achievable > 0 {
        format!(
            "{}/{} ({})",
            o.total,
            o.achievable,
            text::pct((o.total as f64 / o.achievable as f64).clamp(0.0, 1.0))
        )
    } else {
        format!("{}/{}", o.total, o.achievable)
    }
}

/// `P 2 · S 1 · M 0 · U 1`: the objectives' ratings counted.
fn rating_counts(m: &ReportModel) -> String {
    [Rating::P, Rating::S, Rating::M, Rating::U]
        .into_iter()
        .map(|r| {
            let n = m.objectives.iter().filter(|o| o.result.rating == r).count();
            format!("{} {n}", r.letter())
        })
        .collect::<Vec<_>>()
        .join(" · ")
}

fn grade_cell(g: Grade) -> Inlines {
    let tone = match g {
        Grade::SignatureVerified => Tone::Good,
        Grade::SignedKeyNotChecked | Grade::Unsigned => Tone::Info,
        Grade::NotSound => Tone::Warn,
    };
    badge(tone, g.letter())
}

fn item_status(it: &ItemHistory) -> Inlines {
    let s = it.status.name();
    let mut v = match it.status {
        ItemStatus::Done => badge(Tone::Good, s),
        ItemStatus::Dropped => badge(Tone::Info, s),
        ItemStatus::Open | ItemStatus::InProgress => badge(Tone::Warn, s),
    };
    if it.overdue {
        v.push(Inline::text(" "));
        v.push(Inline::Badge(Tone::Bad, "overdue".into()));
    }
    v
}

fn due_cell(it: &ItemHistory) -> Inlines {
    if it.item.due.trim().is_empty() {
        badge(Tone::Bad, "no due date")
    } else {
        txt(it.item.due.trim().to_string())
    }
}

fn cell(c: &Option<TrendCell>) -> Inlines {
    match c {
        None => txt("—"),
        Some(c) => {
            let mut v = vec![Inline::Rating(c.rating)];
            if let Some(s) = c.share {
                v.push(Inline::text(format!(" {}", text::pct(s))));
            }
            v
        }
    }
}

fn next_due_text(r: &Register) -> Inlines {
    let n = &r.next_due;
    match (n.due, n.basis) {
        (Some(due), Some(b)) => {
            let d = &r.drills[b];
            let mut v = vec![Inline::Strong(ymd(due))];
            v.push(Inline::text(format!(
                " ({} after the last completed drill, {}) ",
                r.every,
                drill_ref(d)
            )));
            if n.overdue {
                let days = (r.as_of - due).whole_days();
                v.push(Inline::Badge(
                    Tone::Bad,
                    format!("overdue by {days} day{}", if days == 1 { "" } else { "s" }),
                ));
            } else {
                v.push(Inline::Badge(Tone::Good, "not yet due".into()));
            }
            v
        }
        _ => vec![
            Inline::Strong("now".into()),
            Inline::text(" (no completed drill on record) "),
            Inline::Badge(Tone::Bad, "overdue".into()),
        ],
    }
}

fn counts(drills: &[&DrillEntry]) -> String {
    let n = |s: DrillStatus| drills.iter().filter(|d| d.status == s).count();
    format!(
        "{} ({} completed, {} aborted, {} incomplete)",
        drills.len(),
        n(DrillStatus::Completed),
        n(DrillStatus::Aborted),
        n(DrillStatus::Incomplete)
    )
}

fn journals_line(r: &Register) -> String {
    let verified = r
        .files
        .iter()
        .filter(|f| f.status == FileStatus::Verified)
        .count();
    let unsealed = r
        .files
        .iter()
        .filter(|f| matches!(f.status, FileStatus::Unsealed(_)))
        .count();
    let left = r.files.iter().filter(|f| !f.status.included()).count();
    format!(
        "{} file{}: {verified} verified, {unsealed} not sealed, {left} left out",
        r.files.len(),
        if r.files.len() == 1 { "" } else { "s" }
    )
}

fn callouts(r: &Register, blocks: &mut Vec<Block>) {
    if r.next_due.overdue {
        let s = match r.next_due.due {
            Some(due) => format!(
                "The next drill was due on {}: it is {} days overdue on {}.",
                ymd(due),
                (r.as_of - due).whole_days(),
                ymd(r.as_of)
            ),
            None => "No completed drill is on record: a drill is due now.".into(),
        };
        blocks.push(Block::Callout(Tone::Bad, txt(s)));
    }
    let overdue = r.items.iter().filter(|i| i.overdue).count();
    if overdue > 0 {
        blocks.push(Block::Callout(
            Tone::Bad,
            txt(format!(
                "{overdue} improvement item{} past {} due date and not done.",
                if overdue == 1 { " is" } else { "s are" },
                if overdue == 1 { "its" } else { "their" }
            )),
        ));
    }
    let problems = r.problems().count();
    if problems > 0 {
        blocks.push(Block::Callout(
            Tone::Warn,
            txt(format!(
                "{problems} journal file{} did not verify or {} left out; each is listed below with \
                 the reason.",
                if problems == 1 { "" } else { "s" },
                if problems == 1 { "was" } else { "were" }
            )),
        ));
    }
}

fn handling(r: &Register) -> Option<String> {
    let mut marks: Vec<String> = Vec::new();
    for d in &r.drills {
        if let Some(h) = d.model.exercise.facts.handling.as_deref().map(str::trim)
            && !h.is_empty()
            && !marks.iter().any(|m| m == h)
        {
            marks.push(h.to_string());
        }
    }
    (!marks.is_empty()).then(|| marks.join(" / "))
}

fn document(r: &Register, title: String, blocks: Vec<Block>) -> Document {
    Document {
        footer: format!(
            "kunren {} · {} · as of {}",
            crate::journal::KUNREN_VERSION,
            title,
            ymd(r.as_of)
        ),
        title,
        lang: "en",
        handling: handling(r),
        blocks,
    }
}

fn verify_commands(drills: &[&DrillEntry]) -> String {
    let mut s = String::new();
    for d in drills {
        let p = shell_quote(&d.journal);
        s.push_str(&format!(
            "sha256sum {p}    # {}\nkunren verify {p}    # Merkle root {}\n",
            d.model.integrity.file_sha256, d.model.integrity.merkle_root
        ));
    }
    s
}

/// The full register: the drills, each drill's ratings, clocks and evidence, the trend, the next
/// drill due, the improvement plan tracked across drills, and every journal file found.
pub fn register(r: &Register, charts: bool) -> Document {
    let title = format!("Drill register — {}", org_name(r));
    let mut b: Vec<Block> = vec![heading(1, "top", title.clone())];
    let all: Vec<&DrillEntry> = r.drills.iter().collect();
    let mut facts: Vec<(String, Inlines)> = Vec::new();
    if let Some((id, _)) = &r.organisation {
        let mut v = vec![
            Inline::text(org_name(r)),
            Inline::text(" "),
            Inline::code(id),
        ];
        if let Some(d) = r.drills.last()
            && !d.model.org.sector.is_empty()
        {
            v.push(Inline::text(format!(" · sector {}", d.model.org.sector)));
        }
        facts.push(("Organisation".into(), v));
    }
    facts.push(("Directory".into(), code(r.directory.clone())));
    facts.push(("As of".into(), txt(ymd(r.as_of))));
    facts.push(("Drills".into(), txt(counts(&all))));
    facts.push(("Next drill due".into(), next_due_text(r)));
    facts.push(("Journals".into(), txt(journals_line(r))));
    facts.push((
        "Evidence grades".into(),
        txt([
            Grade::SignatureVerified,
            Grade::SignedKeyNotChecked,
            Grade::Unsigned,
            Grade::NotSound,
        ]
        .iter()
        .map(|g| format!("{}: {}", g.letter(), g.meaning()))
        .collect::<Vec<_>>()
        .join(" · ")),
    ));
    b.push(Block::Facts(facts));
    callouts(r, &mut b);

    b.push(heading(2, "drills", "Drills"));
    if r.drills.is_empty() {
        b.push(para("No journal could be read."));
    } else {
        b.push(para(
            "In date order. Every rating, clock verdict and plan item below is the one the drill's \
             report (`kunren report`) prints from the same journal.",
        ));
        let rows = r
            .drills
            .iter()
            .map(|d| {
                let m = &d.model;
                vec![
                    txt(d.number.to_string()),
                    txt(d.date_text()),
                    code(d.id()),
                    txt(format!(
                        "{} {}",
                        m.header.scenario_title, m.scenario.version
                    )),
                    status_badge(d),
                    exec_cell(d),
                    txt(score(m)),
                    badge(clock_tone(m), clocks(m)),
                    grade_cell(d.grade),
                ]
            })
            .collect();
        b.push(table(
            &[
                "#",
                "Date",
                "Drill",
                "Scenario",
                "Status",
                "Executive",
                "Score",
                "Clocks",
                "Grade",
            ],
            &[true, false, false, false, false, false, true, false, false],
            rows,
        ));
        for d in &r.drills {
            drill_detail(d, &mut b);
        }
    }

    trend(r, charts, &mut b);

    b.push(heading(2, "next-due", "Next drill due"));
    b.push(Block::Para(next_due_text(r)));
    b.push(para(format!(
        "The next drill is due {} after the last completed drill (`--every` sets the period); \
         aborted and incomplete drills do not count as the periodic drill.",
        r.every
    )));

    items(r, &mut b);
    journals(r, &mut b);
    document(r, title, b)
}

fn drill_detail(d: &DrillEntry, b: &mut Vec<Block>) {
    let m = &d.model;
    let h = &m.header;
    b.push(heading(
        3,
        format!("drill-{}", d.number),
        format!("{} — {}", drill_ref(d), h.drill_title),
    ));
    let mut f: Vec<(String, Inlines)> = Vec::new();
    f.push(("Drill id".into(), code(d.id())));
    f.push(("Journal".into(), code(d.journal.clone())));
    if let Some(t) = d.opened() {
        f.push(("Opened".into(), txt(text::datetime(t, &h.timezone))));
    }
    f.push((
        "Scenario".into(),
        vec![
            Inline::text(format!("{} {} ", h.scenario_title, m.scenario.version)),
            Inline::code(h.scenario_id.clone()),
        ],
    ));
    f.push(("Status".into(), status_badge(d)));
    f.push(("Facilitator".into(), txt(h.facilitator.clone())));
    f.push(("Participants".into(), txt(participants(m))));
    f.push(("Executive".into(), exec_cell(d)));
    f.push((
        "Previous drill (as recorded)".into(),
        txt(m
            .times
            .previous_drill
            .clone()
            .unwrap_or_else(|| "not recorded".into())),
    ));
    f.push(("Score".into(), txt(score(m))));
    let mut cl = badge(clock_tone(m), clocks(m));
    let short_of: Vec<String> = m
        .clocks
        .iter()
        .filter_map(|c| match c.verdict {
            ClockVerdict::Missed { .. } => Some(format!("{} missed", c.id)),
            ClockVerdict::MetLate { .. } => Some(format!("{} late", c.id)),
            _ => None,
        })
        .collect();
    if !short_of.is_empty() {
        cl.push(Inline::text(format!(" — {}", short_of.join(", "))));
    }
    f.push(("Clocks".into(), cl));
    f.push((
        "Evidence grade".into(),
        vec![
            Inline::Badge(Tone::Info, d.grade.letter().into()),
            Inline::text(format!(" {}", d.grade.meaning())),
        ],
    ));
    f.push(("SHA-256".into(), code(m.integrity.file_sha256.clone())));
    f.push((
        "Final Merkle root".into(),
        vec![
            Inline::code(m.integrity.merkle_root.clone()),
            Inline::text(format!(" ({} records)", m.integrity.records)),
        ],
    ));
    b.push(Block::Facts(f));
    let rows: Vec<Vec<Inlines>> = m
        .objectives
        .iter()
        .map(|o| {
            let r = &o.result;
            vec![
                vec![
                    Inline::code(r.id.clone()),
                    Inline::text(format!(" {}", r.title)),
                ],
                txt(r.function.name()),
                vec![Inline::Rating(r.rating)],
                txt(format!("{}/{}", r.earned, r.achievable)),
                txt(if r.achievable > 0 {
                    text::pct(r.share)
                } else {
                    "—".into()
                }),
            ]
        })
        .collect();
    if !rows.is_empty() {
        b.push(table(
            &["Objective", "CSF function", "Rating", "Points", "Share"],
            &[false, false, false, true, true],
            rows,
        ));
    }
    let mut fun: Inlines = vec![Inline::Strong("CSF functions:".into())];
    for f in m.functions.iter().filter(|f| f.achievable > 0) {
        fun.push(Inline::text(format!(" {} ", f.function.name())));
        fun.push(Inline::Rating(f.rating()));
        if let Some(s) = f.share() {
            fun.push(Inline::text(format!(" {};", text::pct(s))));
        }
    }
    if let Some(Inline::Text(last)) = fun.last_mut() {
        *last = last.trim_end_matches(';').to_string();
    }
    if fun.len() > 1 {
        b.push(Block::Para(fun));
    }
}

fn trend_table(r: &Register, rows: &[TrendRow], first: &str) -> Block {
    let mut head: Vec<String> = vec![first.to_string()];
    head.extend(r.trend.drills.iter().map(|&i| drill_ref(&r.drills[i])));
    head.push("Change".into());
    let n = head.len();
    let body = rows
        .iter()
        .map(|row| {
            let mut v: Vec<Inlines> = Vec::new();
            if row.title.is_empty() {
                v.push(txt(row.key.clone()));
            } else {
                v.push(vec![
                    Inline::code(row.key.clone()),
                    Inline::text(format!(" {}", short(&row.title, 60))),
                ]);
            }
            v.extend(row.cells.iter().map(cell));
            v.push(txt(row.change().map_or("—", |c| c.name())));
            v
        })
        .collect();
    let mut numeric = vec![false; n];
    for x in numeric.iter_mut().take(n - 1).skip(1) {
        *x = true;
    }
    Block::Table {
        head,
        rows: body,
        numeric,
        class: "",
    }
}

fn trend_chart(r: &Register, rows: &[TrendRow], title: &str) -> Block {
    let series = rows
        .iter()
        .take(crate::report::build::CHART_OBJECTIVES)
        .map(|row| {
            let mut gaps = Vec::new();
            let values = row
                .cells
                .iter()
                .enumerate()
                .map(|(i, c)| match c.and_then(|c| c.share) {
                    Some(s) => (s * 100.0).round() as i64,
                    None => {
                        gaps.push(i);
                        0
                    }
                })
                .collect();
            Series {
                name: row.key.clone(),
                values,
                emphasis: false,
                ceiling: Some(100),
                gaps,
            }
        })
        .collect();
    Block::Chart(Chart {
        title: title.into(),
        x_label: "drill".into(),
        y_label: "share of the achievable points (%)".into(),
        turn_label: "drill".into(),
        turns: r
            .trend
            .drills
            .iter()
            .map(|&i| u32::try_from(r.drills[i].number).unwrap_or(u32::MAX))
            .collect(),
        series,
    })
}

fn trend(r: &Register, charts: bool, b: &mut Vec<Block>) {
    b.push(heading(2, "trend", "Trend"));
    if r.trend.drills.is_empty() {
        b.push(para("No completed drill: no trend yet."));
        return;
    }
    b.push(para(
        "Ratings of the completed drills, oldest first; aborted and incomplete drills are left out \
         (they rate only part of a drill). An objective's rating is the report's; a CSF \
         function's is its share of the achievable points rated with the default thresholds \
         (P from 85%, S from 60%, M from 35%). “Change” compares the last two drills that rated \
         it.",
    ));
    b.push(heading(3, "trend-functions", "By CSF function"));
    b.push(trend_table(r, &r.trend.functions, "CSF function"));
    if charts && !r.trend.functions.is_empty() {
        b.push(trend_chart(
            r,
            &r.trend.functions,
            "Share of the achievable points per CSF function, by drill",
        ));
    }
    b.push(heading(3, "trend-objectives", "By objective"));
    if r.trend.objectives.is_empty() {
        b.push(para("No objective was rated."));
    } else {
        b.push(trend_table(r, &r.trend.objectives, "Objective"));
        if charts {
            b.push(trend_chart(
                r,
                &r.trend.objectives,
                "Share of the achievable points per objective, by drill",
            ));
        }
    }
}

fn history(r: &Register, it: &ItemHistory) -> Inlines {
    let opened = &r.drills[it.drill];
    let mut lines = vec![format!(
        "{} recorded: {}",
        drill_ref(opened),
        it.item.status.name()
    )];
    for e in &it.events {
        let mut s = format!("{} {}", drill_ref(&r.drills[e.drill]), e.status.name());
        if !e.note.trim().is_empty() {
            s.push_str(&format!(" — {}", e.note.trim()));
        }
        lines.push(s);
    }
    txt(lines.join("\n"))
}

fn items(r: &Register, b: &mut Vec<Block>) {
    b.push(heading(
        2,
        "items",
        "Improvement plan tracked to completion",
    ));
    if r.items.is_empty() {
        b.push(para("No drill recorded an improvement plan."));
    } else {
        b.push(para(
            "Every item of every drill's improvement plan, with what later hotwashes recorded \
             about it (marked done, in progress or dropped, with a note). An item still open or \
             in progress after its due date is overdue.",
        ));
        let rows = r
            .items
            .iter()
            .map(|it| {
                vec![
                    code(it.item.id.clone()),
                    txt(drill_ref(&r.drills[it.drill])),
                    txt(it.item.action.clone()),
                    txt(if it.item.owner.trim().is_empty() {
                        "—".to_string()
                    } else {
                        it.item.owner.clone()
                    }),
                    due_cell(it),
                    item_status(it),
                    history(r, it),
                ]
            })
            .collect();
        b.push(table(
            &[
                "Item",
                "Opened in",
                "Corrective action",
                "Point of contact",
                "Due",
                "Status",
                "History",
            ],
            &[false; 7],
            rows,
        ));
    }
    if !r.unmatched.is_empty() {
        b.push(Block::Callout(
            Tone::Warn,
            txt("Item updates that match no improvement item of the register:"),
        ));
        b.push(Block::List(
            r.unmatched
                .iter()
                .map(|u| {
                    vec![
                        Inline::text(format!(
                            "{} line {}: ",
                            drill_ref(&r.drills[u.drill]),
                            u.line
                        )),
                        Inline::code(u.update.id.clone()),
                        Inline::text(format!(" {} — {}", u.update.status.name(), u.reason)),
                    ]
                })
                .collect(),
        ));
    }
}

fn file_badge(s: &FileStatus) -> Inlines {
    let tone = match s {
        FileStatus::Verified => Tone::Good,
        FileStatus::Unsealed(_) | FileStatus::Duplicate { .. } => Tone::Warn,
        FileStatus::Damaged(_) | FileStatus::Unreadable(_) | FileStatus::Foreign(_) => Tone::Bad,
    };
    badge(tone, s.word())
}

fn journals(r: &Register, b: &mut Vec<Block>) {
    b.push(heading(2, "journals", "Journals"));
    let rows = r
        .files
        .iter()
        .map(|f| {
            vec![
                code(f.path.clone()),
                file_badge(&f.status),
                f.drill_id.clone().map(code).unwrap_or_else(|| txt("—")),
                txt(match f.status.detail() {
                    d if d.is_empty() => "valid and sealed".to_string(),
                    d => d,
                }),
            ]
        })
        .collect();
    if r.files.is_empty() {
        b.push(para("No journal was found."));
    } else {
        b.push(table(
            &["File", "Status", "Drill id", "Detail"],
            &[false; 4],
            rows,
        ));
    }
    if r.ignored > 0 {
        b.push(para(format!(
            "{} other file{} under the directory {} not journals and {} not read.",
            r.ignored,
            if r.ignored == 1 { "" } else { "s" },
            if r.ignored == 1 { "is" } else { "are" },
            if r.ignored == 1 { "was" } else { "were" },
        )));
    }
    let all: Vec<&DrillEntry> = r.drills.iter().collect();
    if !all.is_empty() {
        b.push(heading(3, "verify", "How to verify"));
        b.push(para(
            "Each journal's SHA-256 must equal the one printed; `kunren verify` exits 0 for a \
             valid, sealed journal and prints its Merkle root (add `--pubkey FILE` for signed \
             journals).",
        ));
        b.push(Block::Code(verify_commands(&all)));
    }
}

/// The annual evidence summary for an inspection: the organisation, the drills of the last
/// three years (dates, scope, participants including management, results), the open
/// improvements, and each journal's SHA-256 and final root with the command to verify it.
pub fn summary(r: &Register) -> Document {
    let title = format!("Annual drill evidence summary — {}", org_name(r));
    let mut b: Vec<Block> = vec![heading(1, "top", title.clone())];
    let from = dates::years_before(r.as_of, 3);
    let recent: Vec<&DrillEntry> = r.drills.iter().filter(|d| d.date > from).collect();
    let mut facts: Vec<(String, Inlines)> = Vec::new();
    if let Some((id, _)) = &r.organisation {
        let mut v = vec![
            Inline::text(org_name(r)),
            Inline::text(" "),
            Inline::code(id),
        ];
        if let Some(d) = r.drills.last()
            && !d.model.org.sector.is_empty()
        {
            v.push(Inline::text(format!(" · sector {}", d.model.org.sector)));
        }
        facts.push(("Organisation".into(), v));
    }
    facts.push((
        "Period".into(),
        txt(format!(
            "{} to {} (the last three years)",
            ymd(from.next_day().unwrap_or(from)),
            ymd(r.as_of)
        )),
    ));
    facts.push(("Drills in the period".into(), txt(counts(&recent))));
    facts.push(("Next drill due".into(), next_due_text(r)));
    facts.push((
        "Evidence".into(),
        txt(format!("{}; read from {}", journals_line(r), r.directory)),
    ));
    b.push(Block::Facts(facts));
    callouts(r, &mut b);
    let no_exec = recent
        .iter()
        .filter(|d| d.status == DrillStatus::Completed && d.executives().is_empty())
        .count();
    if no_exec > 0 {
        b.push(Block::Callout(
            Tone::Bad,
            txt(format!(
                "{no_exec} completed drill{} of the period had no executive decision-maker.",
                if no_exec == 1 { "" } else { "s" }
            )),
        ));
    }

    b.push(heading(2, "drills", "Drills of the last three years"));
    if recent.is_empty() {
        b.push(Block::Callout(Tone::Bad, txt("No drill in the period.")));
    } else {
        let rows = recent
            .iter()
            .map(|d| {
                let m = &d.model;
                let mut scope = format!("{} {}", m.header.scenario_title, m.scenario.version);
                if !m.scenario.summary.trim().is_empty() {
                    scope.push_str(&format!(" — {}", short(&m.scenario.summary, 90)));
                }
                let mut results = status_badge(d);
                results.push(Inline::text(format!(
                    "; score {}; ratings {}; clocks {}",
                    score(m),
                    rating_counts(m),
                    clocks(m)
                )));
                vec![
                    txt(d.date_text()),
                    code(d.id()),
                    txt(scope),
                    txt(participants_short(m)),
                    exec_cell(d),
                    results,
                    grade_cell(d.grade),
                ]
            })
            .collect();
        b.push(table(
            &[
                "Date",
                "Drill",
                "Scope",
                "Participants",
                "Management",
                "Results",
                "Grade",
            ],
            &[false; 7],
            rows,
        ));
    }

    b.push(heading(2, "open-items", "Open improvements"));
    let open: Vec<&ItemHistory> = r.open_items().collect();
    if open.is_empty() {
        b.push(para("None: every improvement item is done or dropped."));
    } else {
        let rows = open
            .iter()
            .map(|it| {
                vec![
                    code(it.item.id.clone()),
                    txt(drill_ref(&r.drills[it.drill])),
                    txt(it.item.action.clone()),
                    txt(if it.item.owner.trim().is_empty() {
                        "—".to_string()
                    } else {
                        it.item.owner.clone()
                    }),
                    due_cell(it),
                    item_status(it),
                ]
            })
            .collect();
        b.push(table(
            &[
                "Item",
                "From drill",
                "Corrective action",
                "Point of contact",
                "Due",
                "Status",
            ],
            &[false; 6],
            rows,
        ));
    }
    let closed = r.items.len() - open.len();
    if closed > 0 {
        b.push(para(format!(
            "{closed} further item{} done or dropped (see `kunren register` for each item's \
             history).",
            if closed == 1 { " is" } else { "s are" }
        )));
    }

    b.push(heading(2, "evidence", "Evidence"));
    if !recent.is_empty() {
        let rows = recent
            .iter()
            .map(|d| {
                vec![
                    txt(d.date_text()),
                    code(d.journal.clone()),
                    code(d.model.integrity.file_sha256.clone()),
                    code(d.model.integrity.merkle_root.clone()),
                ]
            })
            .collect();
        b.push(table(
            &["Date", "Journal", "SHA-256", "Final Merkle root"],
            &[false; 4],
            rows,
        ));
        b.push(para(
            "To verify a journal: its SHA-256 must equal the one above, and `kunren verify` must \
             exit 0 and print the same Merkle root.",
        ));
        b.push(Block::Code(verify_commands(&recent)));
    }
    let problems: Vec<Inlines> = r
        .problems()
        .map(|f| {
            vec![
                Inline::code(f.path.clone()),
                Inline::text(format!(" — {}: {}", f.status.word(), f.status.detail())),
            ]
        })
        .collect();
    if !problems.is_empty() {
        b.push(heading(3, "problems", "Journals that did not verify"));
        b.push(Block::List(problems));
    }
    document(r, title, b)
}
