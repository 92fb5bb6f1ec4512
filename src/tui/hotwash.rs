//! The hotwash screen's state: strengths, areas for improvement (with observation, analysis,
//! recommendation and reference), the improvement plan (the HSEEP improvement-plan columns) and
//! the executive sign-off (name, role, statement). Each entry is journaled as soon as it is
//! complete.

use crate::records::Signoff;
use crate::scenario::script::{AreaForImprovement, CapabilityElement, ImprovementItem, ItemStatus};

use super::earlier::EarlierState;
use super::text_input::TextInput;

/// A section of the hotwash screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HwSection {
    /// Every objective's rating (scrolled with PgUp / PgDn).
    Ratings,
    /// What went well.
    Strengths,
    /// What must improve.
    Areas,
    /// Corrective actions with owner and due date.
    Items,
    /// The open improvement items of earlier drills (`--register DIR`), marked done, in
    /// progress or dropped; shown only with a register.
    Earlier,
    /// The executive who accepts the results.
    Signoff,
    /// Seal the journal.
    Seal,
}

impl HwSection {
    /// Every section in order.
    pub const ALL: [HwSection; 7] = [
        HwSection::Ratings,
        HwSection::Strengths,
        HwSection::Areas,
        HwSection::Items,
        HwSection::Earlier,
        HwSection::Signoff,
        HwSection::Seal,
    ];

    fn step(self, delta: isize) -> HwSection {
        let i = HwSection::ALL.iter().position(|s| *s == self).unwrap_or(0) as isize;
        HwSection::ALL[((i + delta).rem_euclid(HwSection::ALL.len() as isize)) as usize]
    }
}

/// A field of the area for improvement being written, in the order Enter moves through them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AreaField {
    /// The area for improvement, one line.
    Text,
    /// What was observed.
    Observation,
    /// Why it happened and what it did.
    Analysis,
    /// What should change.
    Recommendation,
    /// The plan, procedure or standard concerned (Enter here records).
    Reference,
}

impl AreaField {
    /// Every field, in order.
    pub const ALL: [AreaField; 5] = [
        AreaField::Text,
        AreaField::Observation,
        AreaField::Analysis,
        AreaField::Recommendation,
        AreaField::Reference,
    ];
}

/// A field of the improvement item being written, in the order Enter moves through them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemField {
    /// Corrective action.
    Action,
    /// Objective it addresses (chosen with ←→).
    Objective,
    /// Area for improvement it answers (chosen with ←→).
    Area,
    /// Core capability (pre-filled from the objective).
    Capability,
    /// Capability element (chosen with ←→).
    Element,
    /// Primary responsible organisation.
    Organisation,
    /// Point of contact.
    Owner,
    /// Status (chosen with ←→).
    Status,
    /// Start date (optional).
    Start,
    /// Completion date (Enter here records).
    Due,
}

impl ItemField {
    /// Every field, in order.
    pub const ALL: [ItemField; 10] = [
        ItemField::Action,
        ItemField::Objective,
        ItemField::Area,
        ItemField::Capability,
        ItemField::Element,
        ItemField::Organisation,
        ItemField::Owner,
        ItemField::Status,
        ItemField::Start,
        ItemField::Due,
    ];

    /// True for the fields chosen with ←→ rather than typed.
    pub fn is_choice(self) -> bool {
        matches!(
            self,
            ItemField::Objective | ItemField::Area | ItemField::Element | ItemField::Status
        )
    }
}

/// A field of the sign-off, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignoffField {
    /// The executive's name.
    Name,
    /// Their role or title.
    Role,
    /// What they state (Enter here records).
    Statement,
}

/// An objective the plan can name: id, title and core capability (in the console's language).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ObjectiveChoice {
    /// Objective id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Core capability, if the scenario maps one.
    pub capability: Option<String>,
}

/// The form of an area for improvement.
#[derive(Debug, Clone, Default)]
pub struct AreaForm {
    /// The area, one line.
    pub text: TextInput,
    /// Observation.
    pub observation: TextInput,
    /// Analysis.
    pub analysis: TextInput,
    /// Recommendation.
    pub recommendation: TextInput,
    /// Reference.
    pub reference: TextInput,
    /// Focused field.
    pub field: Option<AreaField>,
}

impl AreaForm {
    /// The input of a field.
    pub fn input(&self, f: AreaField) -> &TextInput {
        match f {
            AreaField::Text => &self.text,
            AreaField::Observation => &self.observation,
            AreaField::Analysis => &self.analysis,
            AreaField::Recommendation => &self.recommendation,
            AreaField::Reference => &self.reference,
        }
    }

    fn input_mut(&mut self, f: AreaField) -> &mut TextInput {
        match f {
            AreaField::Text => &mut self.text,
            AreaField::Observation => &mut self.observation,
            AreaField::Analysis => &mut self.analysis,
            AreaField::Recommendation => &mut self.recommendation,
            AreaField::Reference => &mut self.reference,
        }
    }

    /// The focused field (the first when none is set).
    pub fn focused(&self) -> AreaField {
        self.field.unwrap_or(AreaField::Text)
    }

    /// The area as written, with id `id`.
    pub fn area(&self, id: String) -> AreaForImprovement {
        AreaForImprovement {
            analysis: self.analysis.trimmed().to_string(),
            id,
            observation: self.observation.trimmed().to_string(),
            recommendation: self.recommendation.trimmed().to_string(),
            reference: self.reference.trimmed().to_string(),
            text: self.text.trimmed().to_string(),
        }
    }
}

/// The form of an improvement item.
#[derive(Debug, Clone, Default)]
pub struct ItemForm {
    /// Corrective action.
    pub action: TextInput,
    /// Objective (0 = none, n = objectives[n-1]).
    pub objective: usize,
    /// Area for improvement (0 = none, n = areas[n-1]).
    pub area: usize,
    /// Core capability.
    pub capability: TextInput,
    /// Capability element (0 = none, n = `CapabilityElement::ALL[n-1]`).
    pub element: usize,
    /// Responsible organisation.
    pub organisation: TextInput,
    /// Point of contact.
    pub owner: TextInput,
    /// Status (index in `ItemStatus::ALL`).
    pub status: usize,
    /// Start date.
    pub start: TextInput,
    /// Due date.
    pub due: TextInput,
    /// Focused field (the first when none is set).
    pub field: Option<ItemField>,
}

impl ItemForm {
    /// The focused field.
    pub fn focused(&self) -> ItemField {
        self.field.unwrap_or(ItemField::Action)
    }

    /// The text input of a typed field (`None` for the ←→ choices).
    pub fn input(&self, f: ItemField) -> Option<&TextInput> {
        match f {
            ItemField::Action => Some(&self.action),
            ItemField::Capability => Some(&self.capability),
            ItemField::Organisation => Some(&self.organisation),
            ItemField::Owner => Some(&self.owner),
            ItemField::Start => Some(&self.start),
            ItemField::Due => Some(&self.due),
            _ => None,
        }
    }

    fn input_mut(&mut self, f: ItemField) -> Option<&mut TextInput> {
        match f {
            ItemField::Action => Some(&mut self.action),
            ItemField::Capability => Some(&mut self.capability),
            ItemField::Organisation => Some(&mut self.organisation),
            ItemField::Owner => Some(&mut self.owner),
            ItemField::Start => Some(&mut self.start),
            ItemField::Due => Some(&mut self.due),
            _ => None,
        }
    }

    /// The capability element chosen.
    pub fn element(&self) -> Option<CapabilityElement> {
        self.element
            .checked_sub(1)
            .and_then(|i| CapabilityElement::ALL.get(i).copied())
    }

    /// The status chosen.
    pub fn status(&self) -> ItemStatus {
        ItemStatus::ALL
            .get(self.status)
            .copied()
            .unwrap_or_default()
    }
}

/// The hotwash form and what has been recorded.
#[derive(Debug, Clone)]
pub struct HotwashState {
    /// Focused section.
    pub section: HwSection,
    /// Strengths recorded.
    pub strengths: Vec<String>,
    /// Areas for improvement recorded.
    pub areas: Vec<AreaForImprovement>,
    /// Improvement items recorded.
    pub items: Vec<ImprovementItem>,
    /// The sign-off, once recorded.
    pub signoff: Option<Signoff>,
    /// Input for strengths.
    pub input: TextInput,
    /// The area for improvement being written.
    pub area: AreaForm,
    /// The item being written.
    pub item: ItemForm,
    /// The sign-off being written: name, role, statement.
    pub signoff_name: TextInput,
    /// The signing executive's role.
    pub signoff_role: TextInput,
    /// The sign-off statement.
    pub signoff_statement: TextInput,
    /// Focused field of the sign-off.
    pub signoff_field: SignoffField,
    /// Objectives to attach items to.
    pub objectives: Vec<ObjectiveChoice>,
    /// The drill's date: a due date before it is refused.
    pub drill_date: Option<time::Date>,
    /// Sealing without a sign-off was asked once already.
    pub seal_warned: bool,
    /// Asking whether to seal and leave.
    pub leaving: bool,
    /// Journal `seq` of each strength, area and item recorded (a correction names them).
    pub strength_seqs: Vec<u64>,
    /// See `strength_seqs`.
    pub area_seqs: Vec<u64>,
    /// See `strength_seqs`.
    pub item_seqs: Vec<u64>,
    /// Areas and items numbered so far (ids stay unique after a removal).
    pub areas_made: usize,
    /// See `areas_made`.
    pub items_made: usize,
    /// The recorded entry selected in the section (PgUp / PgDn), to edit or remove.
    pub selected: Option<usize>,
    /// The entry being edited (its index in the section): recording the form writes the new
    /// version and a correction of the old one.
    pub editing: Option<usize>,
    /// Removing the selected entry: why (Enter confirms, Esc keeps it).
    pub removing: Option<TextInput>,
    /// Lines the ratings section is scrolled.
    pub ratings_scroll: u16,
    /// The open improvement items of earlier drills, with a register (`--register DIR`).
    pub earlier: Option<EarlierState>,
}

impl HotwashState {
    /// A fresh hotwash; the sign-off is pre-filled with `signoff` (name, role, statement).
    pub fn new(objectives: Vec<ObjectiveChoice>, signoff: Signoff) -> Self {
        HotwashState {
            section: HwSection::Strengths,
            strengths: vec![],
            areas: vec![],
            items: vec![],
            signoff: None,
            input: TextInput::default(),
            area: AreaForm::default(),
            item: ItemForm::default(),
            signoff_name: TextInput::new(signoff.name),
            signoff_role: TextInput::new(signoff.role),
            signoff_statement: TextInput::new(signoff.statement),
            signoff_field: SignoffField::Name,
            objectives,
            drill_date: None,
            seal_warned: false,
            leaving: false,
            strength_seqs: vec![],
            area_seqs: vec![],
            item_seqs: vec![],
            areas_made: 0,
            items_made: 0,
            selected: None,
            editing: None,
            removing: None,
            ratings_scroll: 0,
            earlier: None,
        }
    }

    /// The sections shown: every one, the earlier drills' items only with a register.
    pub fn sections(&self) -> Vec<HwSection> {
        HwSection::ALL
            .into_iter()
            .filter(|s| *s != HwSection::Earlier || self.earlier.is_some())
            .collect()
    }

    /// Moves to another section (an edit or removal in progress is dropped).
    pub fn move_section(&mut self, delta: isize) {
        self.section = self.section.step(delta);
        if self.section == HwSection::Earlier && self.earlier.is_none() {
            self.section = self.section.step(delta);
        }
        self.input = TextInput::default();
        self.selected = None;
        self.removing = None;
        if self.editing.take().is_some() {
            self.area = AreaForm::default();
            self.item = ItemForm::default();
        }
        // The earlier drills' items open on the first one not marked yet.
        if self.section == HwSection::Earlier
            && let Some(e) = self.earlier.as_mut()
        {
            self.selected = e.first_unmarked();
            e.load(self.selected);
        }
    }

    /// Number of entries recorded in the focused section (0 where nothing is listed).
    pub fn entries(&self) -> usize {
        match self.section {
            HwSection::Strengths => self.strengths.len(),
            HwSection::Areas => self.areas.len(),
            HwSection::Items => self.items.len(),
            HwSection::Earlier => self.earlier.as_ref().map_or(0, |e| e.items.len()),
            _ => 0,
        }
    }

    /// Moves the selection among the recorded entries (`forward` is PgDn): from none to the
    /// last (or the first), and back to none past either end.
    pub fn select_entry(&mut self, forward: bool) {
        let n = self.entries();
        self.selected = match (self.selected, forward) {
            _ if n == 0 => None,
            (None, true) => Some(0),
            (None, false) => Some(n - 1),
            (Some(i), true) if i + 1 < n => Some(i + 1),
            (Some(i), false) if i > 0 => Some(i - 1),
            _ => None,
        };
    }

    /// Loads the selected entry into the section's form to edit it; false when none is
    /// selected.
    pub fn start_edit(&mut self) -> bool {
        let Some(i) = self.selected.filter(|&i| i < self.entries()) else {
            return false;
        };
        match self.section {
            HwSection::Strengths => self.input = TextInput::new(self.strengths[i].clone()),
            HwSection::Areas => {
                let a = &self.areas[i];
                self.area = AreaForm {
                    text: TextInput::new(a.text.clone()),
                    observation: TextInput::new(a.observation.clone()),
                    analysis: TextInput::new(a.analysis.clone()),
                    recommendation: TextInput::new(a.recommendation.clone()),
                    reference: TextInput::new(a.reference.clone()),
                    field: None,
                };
            }
            HwSection::Items => {
                let it = self.items[i].clone();
                let pos = |v: Option<usize>| v.map_or(0, |k| k + 1);
                self.item = ItemForm {
                    action: TextInput::new(it.action),
                    objective: pos(it
                        .objective
                        .as_ref()
                        .and_then(|o| self.objectives.iter().position(|x| &x.id == o))),
                    area: pos(it
                        .area
                        .as_ref()
                        .and_then(|a| self.areas.iter().position(|x| &x.id == a))),
                    capability: TextInput::new(it.capability.unwrap_or_default()),
                    element: pos(it
                        .element
                        .and_then(|e| CapabilityElement::ALL.iter().position(|x| *x == e))),
                    organisation: TextInput::new(it.organisation),
                    owner: TextInput::new(it.owner),
                    status: ItemStatus::ALL
                        .iter()
                        .position(|x| *x == it.status)
                        .unwrap_or(0),
                    start: TextInput::new(it.start.unwrap_or_default()),
                    due: TextInput::new(it.due),
                    field: None,
                };
            }
            _ => return false,
        }
        self.editing = Some(i);
        true
    }

    /// The text field with focus, if any.
    pub fn input_mut(&mut self) -> Option<&mut TextInput> {
        match self.section {
            _ if self.removing.is_some() => self.removing.as_mut(),
            HwSection::Strengths => Some(&mut self.input),
            HwSection::Areas => {
                let f = self.area.focused();
                Some(self.area.input_mut(f))
            }
            HwSection::Signoff if self.signoff.is_none() => Some(match self.signoff_field {
                SignoffField::Name => &mut self.signoff_name,
                SignoffField::Role => &mut self.signoff_role,
                SignoffField::Statement => &mut self.signoff_statement,
            }),
            HwSection::Items => {
                let f = self.item.focused();
                self.item.input_mut(f)
            }
            HwSection::Earlier if self.selected.is_some() => self
                .earlier
                .as_mut()
                .filter(|e| e.field == super::earlier::MarkField::Note)
                .map(|e| &mut e.note),
            _ => None,
        }
    }

    /// The objective chosen for the item being written.
    pub fn item_objective(&self) -> Option<&ObjectiveChoice> {
        self.item
            .objective
            .checked_sub(1)
            .and_then(|i| self.objectives.get(i))
    }

    /// The area for improvement chosen for the item being written.
    pub fn item_area(&self) -> Option<&AreaForImprovement> {
        self.item
            .area
            .checked_sub(1)
            .and_then(|i| self.areas.get(i))
    }

    /// The id the area for improvement being written gets: the edited one's, else the next.
    pub fn next_area_id(&self) -> String {
        match self.editing.and_then(|i| self.areas.get(i)) {
            Some(a) if self.section == HwSection::Areas => a.id.clone(),
            _ => format!("AFI-{}", self.areas_made.max(self.areas.len()) + 1),
        }
    }

    /// The id the improvement item being written gets: the edited one's, else the next.
    pub fn next_item_id(&self) -> String {
        match self.editing.and_then(|i| self.items.get(i)) {
            Some(it) if self.section == HwSection::Items => it.id.clone(),
            _ => format!("IP-{}", self.items_made.max(self.items.len()) + 1),
        }
    }

    /// Turns the ←→ choice of the focused item field; `forward` is →.
    pub fn turn_choice(&mut self, forward: bool) {
        let (value, n) = match self.item.focused() {
            ItemField::Objective => (&mut self.item.objective, self.objectives.len() + 1),
            ItemField::Area => (&mut self.item.area, self.areas.len() + 1),
            ItemField::Element => (&mut self.item.element, CapabilityElement::ALL.len() + 1),
            ItemField::Status => (&mut self.item.status, ItemStatus::ALL.len()),
            _ => return,
        };
        *value = if forward {
            (*value + 1) % n
        } else {
            (*value + n - 1) % n
        };
    }

    /// Checks the dates of the item being written: `Ok` with the due date, or the problem.
    pub fn check_dates(&self) -> Result<(), DateProblem> {
        let due = parse_date(self.item.due.value()).ok_or(DateProblem::BadDue)?;
        if let Some(day) = self.drill_date
            && due < day
        {
            return Err(DateProblem::DueBeforeDrill(day));
        }
        if !self.item.start.is_blank() {
            let start = parse_date(self.item.start.value()).ok_or(DateProblem::BadStart)?;
            if start > due {
                return Err(DateProblem::StartAfterDue);
            }
        }
        Ok(())
    }

    /// The item as written, with the next id.
    pub fn item(&self) -> ImprovementItem {
        let f = &self.item;
        let text = |i: &TextInput| i.trimmed().to_string();
        let opt = |i: &TextInput| Some(text(i)).filter(|x| !x.is_empty());
        ImprovementItem {
            id: self.next_item_id(),
            action: text(&f.action),
            objective: self.item_objective().map(|o| o.id.clone()),
            capability: opt(&f.capability),
            area: self.item_area().map(|a| a.id.clone()),
            element: f.element(),
            organisation: text(&f.organisation),
            owner: text(&f.owner),
            start: opt(&f.start),
            due: text(&f.due),
            status: f.status(),
        }
    }
}

/// Why the dates of an improvement item are refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateProblem {
    /// The due date is not `YYYY-MM-DD`.
    BadDue,
    /// The start date is not `YYYY-MM-DD`.
    BadStart,
    /// The due date is before the drill's date.
    DueBeforeDrill(time::Date),
    /// The start date is after the due date.
    StartAfterDue,
}

/// The calendar date written `YYYY-MM-DD`, if `s` is one.
pub fn parse_date(s: &str) -> Option<time::Date> {
    let fmt = time::macros::format_description!("[year]-[month]-[day]");
    time::Date::parse(s.trim(), &fmt).ok()
}

/// True when `s` is a calendar date written `YYYY-MM-DD`.
pub fn valid_date(s: &str) -> bool {
    parse_date(s).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_sections() {
        assert!(valid_date("2026-09-30"));
        assert!(!valid_date("2026-02-30"));
        assert!(!valid_date("next week"));
        let mut h = HotwashState::new(
            vec![],
            Signoff {
                name: "Aiko".into(),
                ..Signoff::default()
            },
        );
        h.move_section(-1);
        assert_eq!(h.section, HwSection::Ratings);
        h.move_section(-1);
        assert_eq!(h.section, HwSection::Seal);
        h.move_section(-1);
        assert_eq!(h.section, HwSection::Signoff);
        assert_eq!(h.signoff_name.value(), "Aiko");
    }

    #[test]
    fn a_due_date_before_the_drill_is_refused() {
        let mut h = HotwashState::new(vec![], Signoff::default());
        h.drill_date = parse_date("2026-04-03");
        h.item.due.set("2026-04-02");
        assert_eq!(
            h.check_dates(),
            Err(DateProblem::DueBeforeDrill(
                parse_date("2026-04-03").expect("date")
            ))
        );
        h.item.due.set("2026-04-03");
        assert_eq!(h.check_dates(), Ok(()));
        h.item.start.set("2026-05-01");
        assert_eq!(h.check_dates(), Err(DateProblem::StartAfterDue));
        h.item.start.set("soon");
        assert_eq!(h.check_dates(), Err(DateProblem::BadStart));
    }
}
