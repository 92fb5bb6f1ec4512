//! The hotwash screen's state: strengths, areas for improvement, the improvement plan and the
//! executive sign-off. Each entry is journaled as soon as it is entered.

use crate::scenario::script::ImprovementItem;

use super::text_input::TextInput;

/// A section of the hotwash screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HwSection {
    /// What went well.
    Strengths,
    /// What must improve.
    Areas,
    /// Corrective actions with owner and due date.
    Items,
    /// The executive who accepts the results.
    Signoff,
    /// Seal the journal.
    Seal,
}

impl HwSection {
    /// Every section in order.
    pub const ALL: [HwSection; 5] = [
        HwSection::Strengths,
        HwSection::Areas,
        HwSection::Items,
        HwSection::Signoff,
        HwSection::Seal,
    ];

    fn step(self, delta: isize) -> HwSection {
        let i = HwSection::ALL.iter().position(|s| *s == self).unwrap_or(0) as isize;
        HwSection::ALL[((i + delta).rem_euclid(HwSection::ALL.len() as isize)) as usize]
    }
}

/// A field of the improvement item being written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemField {
    /// Corrective action.
    Action,
    /// Objective it addresses (chosen with ←→).
    Objective,
    /// Owner.
    Owner,
    /// Due date.
    Due,
}

/// The hotwash form and what has been recorded.
#[derive(Debug, Clone)]
pub struct HotwashState {
    /// Focused section.
    pub section: HwSection,
    /// Strengths recorded.
    pub strengths: Vec<String>,
    /// Areas for improvement recorded.
    pub areas: Vec<String>,
    /// Improvement items recorded.
    pub items: Vec<ImprovementItem>,
    /// Executive who signed off, once recorded.
    pub signoff: Option<String>,
    /// Input for strengths, areas and the sign-off.
    pub input: TextInput,
    /// Item being written: action.
    pub item_action: TextInput,
    /// Item being written: owner.
    pub item_owner: TextInput,
    /// Item being written: due date.
    pub item_due: TextInput,
    /// Item being written: objective (0 = none, n = objectives[n-1]).
    pub item_objective: usize,
    /// Focused field of the item.
    pub item_field: ItemField,
    /// Objectives (id, title) to attach items to.
    pub objectives: Vec<(String, String)>,
    /// Suggested name for the sign-off.
    pub signoff_suggestion: String,
    /// Sealing without a sign-off was asked once already.
    pub seal_warned: bool,
    /// Asking whether to seal and leave.
    pub leaving: bool,
}

impl HotwashState {
    /// A fresh hotwash.
    pub fn new(objectives: Vec<(String, String)>, signoff_suggestion: String) -> Self {
        HotwashState {
            section: HwSection::Strengths,
            strengths: vec![],
            areas: vec![],
            items: vec![],
            signoff: None,
            input: TextInput::default(),
            item_action: TextInput::default(),
            item_owner: TextInput::default(),
            item_due: TextInput::default(),
            item_objective: 0,
            item_field: ItemField::Action,
            objectives,
            signoff_suggestion,
            seal_warned: false,
            leaving: false,
        }
    }

    /// Moves to another section; the sign-off input is pre-filled with the suggestion.
    pub fn move_section(&mut self, delta: isize) {
        self.section = self.section.step(delta);
        self.input = TextInput::default();
        if self.section == HwSection::Signoff && self.signoff.is_none() {
            self.input.set(self.signoff_suggestion.clone());
        }
    }

    /// The text field with focus, if any.
    pub fn input_mut(&mut self) -> Option<&mut TextInput> {
        match self.section {
            HwSection::Strengths | HwSection::Areas => Some(&mut self.input),
            HwSection::Signoff if self.signoff.is_none() => Some(&mut self.input),
            HwSection::Items => match self.item_field {
                ItemField::Action => Some(&mut self.item_action),
                ItemField::Owner => Some(&mut self.item_owner),
                ItemField::Due => Some(&mut self.item_due),
                ItemField::Objective => None,
            },
            _ => None,
        }
    }

    /// The objective id chosen for the item being written.
    pub fn item_objective_id(&self) -> Option<String> {
        self.item_objective
            .checked_sub(1)
            .and_then(|i| self.objectives.get(i))
            .map(|o| o.0.clone())
    }
}

/// True when `s` is a calendar date written `YYYY-MM-DD`.
pub fn valid_date(s: &str) -> bool {
    let fmt = time::macros::format_description!("[year]-[month]-[day]");
    time::Date::parse(s.trim(), &fmt).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_sections() {
        assert!(valid_date("2026-09-30"));
        assert!(!valid_date("2026-02-30"));
        assert!(!valid_date("next week"));
        let mut h = HotwashState::new(vec![], "Aiko".into());
        h.move_section(-1);
        assert_eq!(h.section, HwSection::Seal);
        h.move_section(-1);
        assert_eq!(h.section, HwSection::Signoff);
        assert_eq!(h.input.value(), "Aiko");
    }
}
