//! The register's data: every drill of one organisation read from its journals, each through
//! the report's own model ([`ReportModel`]), so every rating, clock verdict and plan item is
//! the one `kunren report` prints; plus what only a series of drills shows: the trend, the next
//! drill due and each improvement item's history. Built by [`super::build`].

use time::{Date, OffsetDateTime};

use crate::exit::ExitCode;
use crate::journal::CloseStatus;
use crate::report::ReportModel;
use crate::report::model::ImprovementEntry;
use crate::scenario::script::{ItemStatus, ItemUpdate};
use crate::scoring::Rating;

use super::dates::Period;

/// Every drill of one organisation, in date order, with the files it was read from.
#[derive(Debug, Clone)]
pub struct Register {
    /// The directory read, as given.
    pub directory: String,
    /// The date the register is drawn up for: overdue items and drills are judged against it.
    pub as_of: Date,
    /// How often a drill is due (default 12 months).
    pub every: Period,
    /// The organisation whose drills these are (id, name), when any journal could be read.
    pub organisation: Option<(String, String)>,
    /// The drills, in date order (numbered from 1).
    pub drills: Vec<DrillEntry>,
    /// Every journal file found, sorted by path, with what became of it.
    pub files: Vec<FileEntry>,
    /// Files under the directory that are not journals (neither `.jsonl` nor starting like one).
    pub ignored: usize,
    /// Ratings across the completed drills.
    pub trend: Trend,
    /// When the next drill is due.
    pub next_due: NextDue,
    /// Every improvement item of every drill, with its history across drills.
    pub items: Vec<ItemHistory>,
    /// Item updates that name no item of the register.
    pub unmatched: Vec<UnmatchedUpdate>,
}

/// How a drill ended, as its journal shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DrillStatus {
    /// Closed as completed (the scenario reached an ending): counts as the periodic drill.
    Completed,
    /// Closed as aborted: does not count as the periodic drill.
    Aborted,
    /// Never closed (the journal ends mid-drill): does not count as the periodic drill.
    Incomplete,
}

impl DrillStatus {
    /// The status of a drill whose journal closed it so (or not at all).
    pub fn of(closed: Option<CloseStatus>) -> DrillStatus {
        match closed {
            Some(CloseStatus::Completed) => DrillStatus::Completed,
            Some(CloseStatus::Aborted) => DrillStatus::Aborted,
            None => DrillStatus::Incomplete,
        }
    }

    /// The word printed.
    pub fn name(self) -> &'static str {
        match self {
            DrillStatus::Completed => "completed",
            DrillStatus::Aborted => "aborted",
            DrillStatus::Incomplete => "incomplete",
        }
    }
}

/// How much a drill's evidence can be relied on: the journal's evidence grade
/// ([`crate::journal::EvidenceGrade`], the words `verify` and `report` print), or *not sound*
/// when the journal is unsealed, torn, or its numbers differ from their recomputation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Grade {
    /// Sealed and consistent; signatures verified with a key the inspector gave.
    SignatureVerified,
    /// Sealed and consistent; signed, but the key was not checked against the facilitator's.
    SignedKeyNotChecked,
    /// Sealed and consistent; not signed.
    Unsigned,
    /// Not sealed, a torn tail, or recorded numbers that differ from their recomputation.
    NotSound,
}

impl Grade {
    /// The grade of a journal's evidence, from the report model's integrity facts.
    pub fn of(m: &ReportModel) -> Grade {
        use crate::journal::EvidenceGrade as E;
        let i = &m.integrity;
        if !i.sealed || i.torn_tail.is_some() || !m.checks.is_empty() {
            return Grade::NotSound;
        }
        match i.grade {
            Some(E::SignatureVerified) => Grade::SignatureVerified,
            Some(E::SignedKeyNotChecked) => Grade::SignedKeyNotChecked,
            _ => Grade::Unsigned,
        }
    }

    /// The grade in the words `verify` and `report` use.
    pub fn letter(self) -> &'static str {
        use crate::journal::EvidenceGrade as E;
        match self {
            Grade::SignatureVerified => E::SignatureVerified.words(),
            Grade::SignedKeyNotChecked => E::SignedKeyNotChecked.words(),
            Grade::Unsigned => E::Unsigned.words(),
            Grade::NotSound => "not sound",
        }
    }

    /// What the grade means.
    pub fn meaning(self) -> &'static str {
        match self {
            Grade::SignatureVerified => "sealed, signatures verified with the key given",
            Grade::SignedKeyNotChecked => {
                "sealed and signed; compare the key fingerprint out of band"
            }
            Grade::Unsigned => "sealed, not signed",
            Grade::NotSound => "not sealed, torn, or numbers differ from their recomputation",
        }
    }
}

/// One drill of the register.
#[derive(Debug, Clone)]
pub struct DrillEntry {
    /// Position in date order, from 1.
    pub number: usize,
    /// The journal's path (the directory joined with its place under it).
    pub journal: String,
    /// The report's model of the journal: the one source of every verdict shown.
    pub model: ReportModel,
    /// How the drill ended.
    pub status: DrillStatus,
    /// The evidence grade.
    pub grade: Grade,
    /// The day of the drill in its own time zone (from the `drill_opened` time).
    pub date: Date,
}

impl DrillEntry {
    /// The drill id.
    pub fn id(&self) -> &str {
        &self.model.header.drill_id
    }

    /// When the drill opened (UTC).
    pub fn opened(&self) -> Option<OffsetDateTime> {
        self.model.times.opened
    }

    /// The drill's date as `YYYY-MM-DD`.
    pub fn date_text(&self) -> String {
        super::dates::ymd(self.date)
    }

    /// The names of the executives who took part.
    pub fn executives(&self) -> Vec<String> {
        self.model.people.executives()
    }
}

/// What became of one file found under the directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileStatus {
    /// Valid and sealed: in the register.
    Verified,
    /// Valid but not sealed, or ending in a torn tail: in the register, marked (why).
    Unsealed(String),
    /// Fails verification (why, with the line): left out.
    Damaged(String),
    /// Cannot be read (the I/O error): left out.
    Unreadable(String),
    /// Not a kunren journal, or the journal of another organisation (why): left out.
    Foreign(String),
    /// A second journal with the drill id of another file (that file's path; `true` when the
    /// two are the same bytes): left out.
    Duplicate {
        /// Path of the file kept.
        of: String,
        /// Same bytes as the file kept.
        identical: bool,
    },
}

impl FileStatus {
    /// The status word printed.
    pub fn word(&self) -> &'static str {
        match self {
            FileStatus::Verified => "verified",
            FileStatus::Unsealed(_) => "not sealed",
            FileStatus::Damaged(_) => "damaged",
            FileStatus::Unreadable(_) => "unreadable",
            FileStatus::Foreign(_) => "foreign",
            FileStatus::Duplicate { .. } => "duplicate",
        }
    }

    /// Why, in a sentence (empty for a verified journal).
    pub fn detail(&self) -> String {
        match self {
            FileStatus::Verified => String::new(),
            FileStatus::Unsealed(s)
            | FileStatus::Damaged(s)
            | FileStatus::Unreadable(s)
            | FileStatus::Foreign(s) => s.clone(),
            FileStatus::Duplicate { of, identical } => {
                if *identical {
                    format!("same drill id as {of}, an identical copy; left out")
                } else {
                    format!("same drill id as {of}, different content; left out")
                }
            }
        }
    }

    /// True when the file's drill is in the register.
    pub fn included(&self) -> bool {
        matches!(self, FileStatus::Verified | FileStatus::Unsealed(_))
    }
}

/// One file found under the directory and what became of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileEntry {
    /// Path (the directory joined with its place under it).
    pub path: String,
    /// What became of it.
    pub status: FileStatus,
    /// The drill id its header gives, when it could be read.
    pub drill_id: Option<String>,
}

/// One rating in the trend.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TrendCell {
    /// The rating the report gives.
    pub rating: Rating,
    /// Share of the achievable points earned (`None`: nothing achievable).
    pub share: Option<f64>,
    /// Points earned.
    pub earned: i32,
    /// Points achievable.
    pub achievable: i32,
}

/// How a rating moved between the last two drills that rated it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Change {
    /// A better rating than the time before.
    Improved,
    /// A worse rating.
    Declined,
    /// The same rating.
    Same,
}

impl Change {
    /// The words printed.
    pub fn name(self) -> &'static str {
        match self {
            Change::Improved => "↑ improved",
            Change::Declined => "↓ declined",
            Change::Same => "= same",
        }
    }
}

/// One CSF function or objective across the drills of the trend.
#[derive(Debug, Clone, PartialEq)]
pub struct TrendRow {
    /// Function name or objective id.
    pub key: String,
    /// Title (the objective's, in the latest drill that has it; empty for a function).
    pub title: String,
    /// One cell per drill of the trend (`None`: not in that drill).
    pub cells: Vec<Option<TrendCell>>,
}

fn rank(r: Rating) -> Option<u8> {
    match r {
        Rating::P => Some(3),
        Rating::S => Some(2),
        Rating::M => Some(1),
        Rating::U => Some(0),
        Rating::NotEvaluated => None,
    }
}

impl TrendRow {
    /// How the rating moved between the last two drills that rated it.
    pub fn change(&self) -> Option<Change> {
        let mut rated = self
            .cells
            .iter()
            .rev()
            .flatten()
            .filter_map(|c| rank(c.rating));
        let (last, before) = (rated.next()?, rated.next()?);
        Some(match last.cmp(&before) {
            std::cmp::Ordering::Greater => Change::Improved,
            std::cmp::Ordering::Less => Change::Declined,
            std::cmp::Ordering::Equal => Change::Same,
        })
    }
}

/// Ratings per CSF function and per objective across the completed drills (aborted and
/// incomplete drills rate only part of a drill, so they are left out of the trend).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Trend {
    /// The drills of the trend (indices into [`Register::drills`]).
    pub drills: Vec<usize>,
    /// One row per CSF function rated in some drill, in CSF order.
    pub functions: Vec<TrendRow>,
    /// One row per objective id, in order of first appearance.
    pub objectives: Vec<TrendRow>,
}

/// When the next drill is due.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NextDue {
    /// The last completed drill (index into [`Register::drills`]), from which it is counted.
    pub basis: Option<usize>,
    /// The due date (`None`: no completed drill on record, so one is due now).
    pub due: Option<Date>,
    /// True when the due date has passed on the register's date, or no drill is on record.
    pub overdue: bool,
}

/// One entry of an item's history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemEvent {
    /// The drill whose hotwash recorded it (index into [`Register::drills`]).
    pub drill: usize,
    /// The item's status from then on.
    pub status: ItemStatus,
    /// The facilitator's note.
    pub note: String,
    /// Journal line of the update in that drill's journal.
    pub line: u64,
}

/// One improvement item of one drill, tracked across the later drills.
#[derive(Debug, Clone, PartialEq)]
pub struct ItemHistory {
    /// The drill whose plan holds it (index into [`Register::drills`]).
    pub drill: usize,
    /// The item as that drill's report shows it (its id, action, owner, due date, status).
    pub item: ImprovementEntry,
    /// The updates later hotwashes recorded, in date order.
    pub events: Vec<ItemEvent>,
    /// Where it stands now: the last update's status, else the status it was recorded with.
    pub status: ItemStatus,
    /// Its due (completion) date, when it is a date.
    pub due: Option<Date>,
    /// Still open or in progress after its due date.
    pub overdue: bool,
}

impl ItemHistory {
    /// True while the item is open or in progress.
    pub fn is_open(&self) -> bool {
        matches!(self.status, ItemStatus::Open | ItemStatus::InProgress)
    }
}

/// An item update that names no item of the register.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnmatchedUpdate {
    /// The drill whose hotwash recorded it (index into [`Register::drills`]).
    pub drill: usize,
    /// The update as recorded.
    pub update: ItemUpdate,
    /// Journal line.
    pub line: u64,
    /// Why it matches nothing.
    pub reason: String,
}

impl Register {
    /// The exit code of `kunren register`: 0 when every journal verified, 1 when any failed,
    /// was left out or is not sealed, 2 when no journal could be read.
    pub fn exit_code(&self) -> ExitCode {
        if self.drills.is_empty() {
            ExitCode::Integrity
        } else if self.files.iter().all(|f| f.status == FileStatus::Verified) {
            ExitCode::Success
        } else {
            ExitCode::Problems
        }
    }

    /// Files that did not verify (left out, or in the register but not sealed).
    pub fn problems(&self) -> impl Iterator<Item = &FileEntry> {
        self.files
            .iter()
            .filter(|f| f.status != FileStatus::Verified)
    }

    /// The items still open or in progress, oldest drill first.
    pub fn open_items(&self) -> impl Iterator<Item = &ItemHistory> {
        self.items.iter().filter(|i| i.is_open())
    }

    /// The last completed drill.
    pub fn last_completed(&self) -> Option<&DrillEntry> {
        self.drills
            .iter()
            .rev()
            .find(|d| d.status == DrillStatus::Completed)
    }

    /// The date of the last completed drill (`YYYY-MM-DD`): a new drill's previous drill.
    pub fn previous_drill(&self) -> Option<String> {
        self.last_completed().map(DrillEntry::date_text)
    }

    /// Checks an update a new drill's hotwash is about to record against the open items, and
    /// names the drill whose plan holds the item when the update does not: the update as it
    /// should be journaled, or why it matches no open item.
    pub fn resolve(&self, u: &ItemUpdate) -> Result<ItemUpdate, String> {
        let id = u.id.trim();
        let open: Vec<&ItemHistory> = self.open_items().filter(|i| i.item.id == id).collect();
        let found: Vec<&ItemHistory> = if u.drill.trim().is_empty() {
            open
        } else {
            self.items
                .iter()
                .filter(|i| i.item.id == id && self.drills[i.drill].id() == u.drill.trim())
                .collect()
        };
        match found.as_slice() {
            [one] => Ok(ItemUpdate {
                drill: self.drills[one.drill].id().to_string(),
                id: id.to_string(),
                ..u.clone()
            }),
            [] => {
                let names: Vec<String> = self
                    .open_items()
                    .map(|i| format!("{} of drill {}", i.item.id, self.drills[i.drill].id()))
                    .collect();
                let place = if u.drill.trim().is_empty() {
                    "no open improvement item".to_string()
                } else {
                    format!("drill `{}` has no improvement item", u.drill.trim())
                };
                Err(format!(
                    "item update `{id}`: {place} `{id}` in the register (open: {})",
                    if names.is_empty() {
                        "none".to_string()
                    } else {
                        names.join(", ")
                    }
                ))
            }
            several => {
                let drills: Vec<&str> = several.iter().map(|i| self.drills[i.drill].id()).collect();
                Err(format!(
                    "item update `{id}`: the item is open in several drills ({}); name one with \
                     `drill: \"…\"`",
                    drills.join(", ")
                ))
            }
        }
    }
}
