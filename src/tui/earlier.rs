//! The open improvement items of earlier drills (`kunren play --register DIR`): read from the
//! register before the drill, listed on the setup screen and in the hotwash, where the
//! facilitator marks each done, in progress or dropped with a note. Each mark is journaled as
//! an `improvement_item_update` record (the [`ItemUpdate`] input `kunren run` takes from an
//! actions script), naming the drill whose plan holds the item, so `kunren register` shows the
//! item's history (opened in drill A, done in drill B).

use std::path::Path;

use crate::register::{Options, Register};
use crate::scenario::script::{ItemStatus, ItemUpdate};

use super::text_input::TextInput;

/// One open (or in progress) improvement item of an earlier drill, as the register shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EarlierItem {
    /// Drill id of the drill whose plan holds the item.
    pub drill: String,
    /// That drill's date (`YYYY-MM-DD`).
    pub drill_date: String,
    /// The item's stable id within that drill (`IP-1`).
    pub id: String,
    /// Corrective action.
    pub action: String,
    /// Point of contact.
    pub owner: String,
    /// Due (completion) date as recorded.
    pub due: String,
    /// Where it stands in the register (open or in progress).
    pub status: ItemStatus,
    /// Still open after its due date (judged on the day the register was read).
    pub overdue: bool,
}

/// What the register gives a new drill in the console.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Earlier {
    /// The register's directory, as given.
    pub dir: String,
    /// Drills in the register.
    pub drills: usize,
    /// Journal files that did not verify or were left out (`kunren register DIR` lists them).
    pub problems: usize,
    /// The date of the last completed drill: the new drill's previous drill.
    pub previous_drill: Option<String>,
    /// The open items, oldest drill first.
    pub items: Vec<EarlierItem>,
}

impl Earlier {
    /// The open items of a register.
    pub fn of(dir: &str, reg: &Register) -> Earlier {
        let items = reg
            .open_items()
            .map(|it| {
                let d = &reg.drills[it.drill];
                EarlierItem {
                    drill: d.id().to_string(),
                    drill_date: d.date_text(),
                    id: it.item.id.clone(),
                    action: it.item.action.trim().to_string(),
                    owner: it.item.owner.trim().to_string(),
                    due: it.item.due.trim().to_string(),
                    status: it.status,
                    overdue: it.overdue,
                }
            })
            .collect();
        Earlier {
            dir: dir.to_string(),
            drills: reg.drills.len(),
            problems: reg.problems().count(),
            previous_drill: reg.previous_drill(),
            items,
        }
    }

    /// Reads the register under `dir` (as of today), or why it cannot be read.
    pub fn load(dir: &Path) -> Result<Earlier, String> {
        let reg = crate::register::build(dir, &Options::default()).map_err(|e| e.to_string())?;
        Ok(Earlier::of(&dir.display().to_string(), &reg))
    }

    /// Number of the open items past their due date.
    pub fn overdue(&self) -> usize {
        self.items.iter().filter(|i| i.overdue).count()
    }
}

/// The statuses an earlier item can be marked with, in ←→ order.
pub const MARKS: [ItemStatus; 3] = [
    ItemStatus::Done,
    ItemStatus::InProgress,
    ItemStatus::Dropped,
];

/// A field of the mark being written, in the order Enter moves through them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum MarkField {
    /// The new status (chosen with ←→).
    #[default]
    Status,
    /// What was done, or why the item is dropped (Enter here records).
    Note,
}

/// A mark recorded in this hotwash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mark {
    /// The update as journaled.
    pub update: ItemUpdate,
    /// Its journal `seq`.
    pub seq: u64,
}

/// The hotwash's section for the earlier drills' items: the items, the marks recorded, and the
/// mark being written for the selected item.
#[derive(Debug, Clone, Default)]
pub struct EarlierState {
    /// The open items of earlier drills.
    pub items: Vec<EarlierItem>,
    /// The last mark recorded for each item in this hotwash (a later one supersedes it: the
    /// register takes the last update).
    pub marks: Vec<Option<Mark>>,
    /// The status chosen (index in [`MARKS`]).
    pub status: usize,
    /// The note being written.
    pub note: TextInput,
    /// Focused field.
    pub field: MarkField,
}

impl EarlierState {
    /// The section for these items, nothing marked yet.
    pub fn new(items: Vec<EarlierItem>) -> EarlierState {
        EarlierState {
            marks: vec![None; items.len()],
            items,
            ..EarlierState::default()
        }
    }

    /// The status chosen.
    pub fn status(&self) -> ItemStatus {
        MARKS.get(self.status).copied().unwrap_or(ItemStatus::Done)
    }

    /// Turns the status choice; `forward` is →.
    pub fn turn(&mut self, forward: bool) {
        let n = MARKS.len();
        self.status = if forward {
            (self.status + 1) % n
        } else {
            (self.status + n - 1) % n
        };
    }

    /// The first item not marked yet in this hotwash (else the first), to select on entry.
    pub fn first_unmarked(&self) -> Option<usize> {
        if self.items.is_empty() {
            return None;
        }
        Some(self.marks.iter().position(Option::is_none).unwrap_or(0))
    }

    /// Loads item `i`'s form: its last mark in this hotwash, else "done" and an empty note.
    pub fn load(&mut self, i: Option<usize>) {
        let mark = i.and_then(|i| self.marks.get(i)).and_then(Option::as_ref);
        self.status = mark
            .and_then(|m| MARKS.iter().position(|s| *s == m.update.status))
            .unwrap_or(0);
        self.note = TextInput::new(mark.map(|m| m.update.note.clone()).unwrap_or_default());
        self.field = MarkField::Status;
    }

    /// The update the form gives for item `i` (`None` past the list).
    pub fn update(&self, i: usize) -> Option<ItemUpdate> {
        let it = self.items.get(i)?;
        Some(ItemUpdate {
            drill: it.drill.clone(),
            id: it.id.clone(),
            note: self.note.trimmed().to_string(),
            status: self.status(),
        })
    }

    /// Keeps the mark recorded for item `i`.
    pub fn record(&mut self, i: usize, update: ItemUpdate, seq: u64) {
        if let Some(m) = self.marks.get_mut(i) {
            *m = Some(Mark { update, seq });
        }
    }

    /// Items marked in this hotwash.
    pub fn marked(&self) -> usize {
        self.marks.iter().flatten().count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(id: &str) -> EarlierItem {
        EarlierItem {
            drill: "drill-2024".into(),
            drill_date: "2024-04-15".into(),
            id: id.into(),
            action: "Rehearse".into(),
            owner: "CISO".into(),
            due: "2024-12-31".into(),
            status: ItemStatus::Open,
            overdue: true,
        }
    }

    #[test]
    fn a_mark_names_the_drill_and_supersedes_the_one_before() {
        let mut e = EarlierState::new(vec![item("IP-1"), item("IP-2")]);
        assert_eq!(e.first_unmarked(), Some(0));
        e.turn(false);
        assert_eq!(e.status(), ItemStatus::Dropped);
        e.note.set("Superseded");
        let u = e.update(0).expect("update");
        assert_eq!(
            (u.drill.as_str(), u.id.as_str(), u.status),
            ("drill-2024", "IP-1", ItemStatus::Dropped)
        );
        e.record(0, u, 40);
        assert_eq!(e.first_unmarked(), Some(1));
        e.load(Some(0));
        assert_eq!(e.status(), ItemStatus::Dropped);
        assert_eq!(e.note.value(), "Superseded");
        e.load(Some(1));
        assert_eq!(e.status(), ItemStatus::Done);
        assert!(e.note.is_blank());
        assert_eq!(e.marked(), 1);
        assert_eq!(e.update(2), None);
    }
}
