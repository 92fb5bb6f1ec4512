//! Composes the report's sections (HSEEP AAR/IP and NIST SP 800-84 shape) from the model, in
//! the drill's language. The result is a [`Document`] that both renderers share.
//!
//! The front page is [`front`]; each numbered [`Section`] has its own file, which writes the
//! section's body after the heading [`compose`] gives it.

mod approval;
mod clocks;
mod compliance;
mod findings;
mod front;
mod improvement;
mod integrity;
mod objectives;
mod overview;
mod participants;
mod response;
mod timeline;

use crate::scoring::Rating;

use super::document::{Block, Document, Inline, Inlines, Tone};
use super::model::ReportModel;
use super::text;
use crate::i18n::report::Text;

/// The numbered sections of the report, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    /// 1. Exercise overview.
    Overview,
    /// 2. Participants and roles.
    Participants,
    /// 3. Timeline.
    Timeline,
    /// 4. Objectives and ratings.
    Objectives,
    /// 5. Regulatory clocks.
    Clocks,
    /// 6. Team response and reference response.
    Response,
    /// 7. Strengths, areas for improvement and improvement plan.
    Improvement,
    /// 8. Compliance mapping.
    Compliance,
    /// 9. Integrity of the evidence.
    Integrity,
}

impl Section {
    /// Every section, in the report's order.
    pub const ALL: [Section; 9] = [
        Section::Overview,
        Section::Participants,
        Section::Timeline,
        Section::Objectives,
        Section::Clocks,
        Section::Response,
        Section::Improvement,
        Section::Compliance,
        Section::Integrity,
    ];

    /// The section's number in the report (1–9).
    pub fn number(self) -> usize {
        self as usize + 1
    }

    /// The stable anchor of the section's heading (`#overview`, …).
    pub fn anchor(self) -> &'static str {
        match self {
            Section::Overview => "overview",
            Section::Participants => "participants",
            Section::Timeline => "timeline",
            Section::Objectives => "objectives",
            Section::Clocks => "clocks",
            Section::Response => "response",
            Section::Improvement => "improvement",
            Section::Compliance => "compliance",
            Section::Integrity => "integrity",
        }
    }

    /// The section's title in the report's language.
    pub fn title(self, t: &Text) -> &'static str {
        t.sections[self as usize]
    }

    /// Writes the section's body (after its heading).
    fn write(self, o: &mut Out) {
        match self {
            Section::Overview => overview::write(o),
            Section::Participants => participants::write(o),
            Section::Timeline => timeline::write(o),
            Section::Objectives => objectives::write(o),
            Section::Clocks => clocks::write(o),
            Section::Response => response::write(o),
            Section::Improvement => improvement::write(o),
            Section::Compliance => compliance::write(o),
            Section::Integrity => integrity::write(o),
        }
    }
}

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

/// The name of a rating in the report's language (“performed without challenges”, …).
fn rating_name(t: &Text, r: Rating) -> &'static str {
    let k = match r {
        Rating::P => 0,
        Rating::S => 1,
        Rating::M => 2,
        Rating::U => 3,
        Rating::NotEvaluated => 4,
    };
    t.rating_names[k]
}

impl<'a> Out<'a> {
    fn h(&mut self, level: u8, anchor: impl Into<String>, text: impl Into<String>) {
        self.blocks.push(Block::Heading {
            level,
            anchor: anchor.into(),
            text: text.into(),
        });
    }

    /// The numbered heading of a section.
    fn section(&mut self, s: Section) {
        self.h(
            2,
            s.anchor(),
            format!("{}. {}", s.number(), s.title(self.t)),
        );
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

    /// `turn 3 · T+12:00`, from a turn and scenario minutes.
    fn at_turn(&self, turn: u32, minutes: u64) -> String {
        format!("{} {turn} · {}", self.t.turn, text::scenario_time(minutes))
    }

    fn who(&self, actor: &str) -> String {
        if actor == "engine" {
            self.t.engine.to_string()
        } else if actor == "system" {
            self.t.system.to_string()
        } else if let Some(r) = actor.strip_prefix("role:") {
            r.to_string()
        } else if let Some(f) = actor.strip_prefix("facilitator:") {
            if f.is_empty() {
                self.t.facilitator_short.to_string()
            } else {
                format!("{}{f}", self.t.facilitator_prefix)
            }
        } else {
            actor.to_string()
        }
    }
}

/// Builds the whole document.
pub fn compose(m: &ReportModel) -> Document {
    let t = m.lang.report();
    let mut o = Out {
        t,
        m,
        blocks: Vec::new(),
    };
    front::write(&mut o);
    for s in Section::ALL {
        o.section(s);
        s.write(&mut o);
    }
    approval::write(&mut o);
    let h = &m.header;
    let sha = &m.integrity.file_sha256;
    let edition = if m.redaction.is_some() {
        t.title_redacted
    } else {
        ""
    };
    Document {
        title: format!("{} — {}{edition}", t.title, h.drill_title),
        handling: m
            .exercise
            .facts
            .handling
            .clone()
            .filter(|x| !x.trim().is_empty()),
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
