//! The console's state: which screen is up, the open overlay, presentation state (focus,
//! scrolling, control view) and the drill itself, which the app owns.

use std::collections::BTreeMap;
use std::path::PathBuf;

use crate::engine::TurnReport;
use crate::journal::SealInfo;
use crate::session::Drill;

use super::hotwash::HotwashState;
use super::i18n::Lang;
use super::model::Model;
use super::setup::SetupState;
use super::text_input::TextInput;

/// A panel of the console screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Panel {
    /// This turn's injects.
    Injects,
    /// Services, assets and what is known of the attacker.
    Board,
    /// Queued actions, capacity and open decisions.
    Actions,
    /// Score by objective and over turns.
    Score,
}

impl Panel {
    /// Every panel, in tab order.
    pub const ALL: [Panel; 4] = [Panel::Injects, Panel::Board, Panel::Actions, Panel::Score];

    /// Position in [`Panel::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }

    /// The next panel in tab order.
    pub fn next(self) -> Panel {
        Panel::ALL[(self.index() + 1) % Panel::ALL.len()]
    }

    /// The previous panel in tab order.
    pub fn prev(self) -> Panel {
        Panel::ALL[(self.index() + Panel::ALL.len() - 1) % Panel::ALL.len()]
    }
}

/// Kind of a status-line message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusKind {
    /// Something was done.
    Info,
    /// Something was refused.
    Error,
}

/// The message on the status line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    /// Text.
    pub text: String,
    /// Kind.
    pub kind: StatusKind,
}

/// Step of the action picker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PickerStep {
    /// Choosing the action.
    Action,
    /// Choosing a target for this action id.
    Target(String),
}

/// The action picker: type to filter the catalogue, pick a role and a target, queue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActionPicker {
    /// Filter over the actions.
    pub filter: TextInput,
    /// Selected row among the filtered actions.
    pub selected: usize,
    /// Role that takes the action (`None`: the action's owner).
    pub role: Option<String>,
    /// Current step.
    pub step: PickerStep,
    /// Filter over the targets.
    pub target_filter: TextInput,
    /// Selected row among the filtered targets.
    pub target_selected: usize,
    /// Why the selected target cannot be taken now (checked when selected), if so.
    pub target_check: Option<String>,
    /// The engine's verdict on every target of the selected action, for the role that takes
    /// it (refreshed after every key).
    pub checks: BTreeMap<String, TargetCheck>,
    /// The engine's verdict on each action of the catalogue for its owner (refreshed when the
    /// picker opens and after each action queued).
    pub marks: BTreeMap<String, ActionMark>,
}

/// What the engine says of an action for the list of the picker.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ActionMark {
    /// Why it cannot be taken now on any target, if so (marked `✗`).
    pub refused: Option<String>,
    /// Why it would do nothing wherever it can be taken, if so (marked `○`).
    pub idle: Option<String>,
    /// Targets it can be taken on now, and targets it names (0 and 0 for no target).
    pub ready: (usize, usize),
}

/// What the engine says of one target of the action being picked: the same check that
/// submission runs ([`crate::engine::Engine::check`]), and whether the action would change
/// anything there that the team can see.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TargetCheck {
    /// Why the engine would refuse it, if it would.
    pub refused: Option<String>,
    /// Why it would do nothing there, if so ([`crate::engine::Engine::would_do_nothing`]).
    pub idle: Option<String>,
}

impl ActionPicker {
    /// A fresh picker.
    pub fn new() -> Self {
        ActionPicker {
            filter: TextInput::default(),
            selected: 0,
            role: None,
            step: PickerStep::Action,
            target_filter: TextInput::default(),
            target_selected: 0,
            target_check: None,
            checks: BTreeMap::new(),
            marks: BTreeMap::new(),
        }
    }
}

impl Default for ActionPicker {
    fn default() -> Self {
        Self::new()
    }
}

/// Step of the score override dialog.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OverrideStep {
    /// Choosing the line.
    Line,
    /// Typing the new points.
    Points,
    /// Typing the reason.
    Reason,
}

/// The score override dialog.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OverrideDialog {
    /// Selected line (index in the model's lines).
    pub selected: usize,
    /// Step.
    pub step: OverrideStep,
    /// New points.
    pub points: TextInput,
    /// Reason.
    pub reason: TextInput,
}

/// A choice of the leave dialog (`q`, Ctrl-C).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LeaveChoice {
    /// Stop now; the journal stays unsealed and `--resume` continues it.
    Suspend,
    /// Seal the journal (as aborted unless the drill reached an ending) and leave.
    End,
    /// Go to the hotwash first (from the console).
    Hotwash,
    /// Stay.
    Cancel,
}

/// The leave dialog: what leaving does, chosen explicitly.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeaveDialog {
    /// The choices offered, in order.
    pub choices: Vec<LeaveChoice>,
    /// The highlighted one (index in `choices`); it starts at Suspend.
    pub selected: usize,
}

impl LeaveDialog {
    /// The dialog for a screen: the hotwash is offered from the console only.
    pub fn new(from_console: bool) -> LeaveDialog {
        let mut choices = vec![LeaveChoice::Suspend, LeaveChoice::End];
        if from_console {
            choices.push(LeaveChoice::Hotwash);
        }
        choices.push(LeaveChoice::Cancel);
        LeaveDialog {
            choices,
            selected: 0,
        }
    }

    /// The highlighted choice.
    pub fn choice(&self) -> LeaveChoice {
        self.choices
            .get(self.selected)
            .copied()
            .unwrap_or(LeaveChoice::Cancel)
    }
}

/// The note dialog: the text and whether the note is private (left out of the redacted
/// report).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NoteDialog {
    /// The note.
    pub input: TextInput,
    /// Private note.
    pub private: bool,
}

/// A window over the console.
#[derive(Debug, Clone, PartialEq)]
pub enum Overlay {
    /// Confirm ending the turn.
    EndTurn,
    /// Add actions.
    Actions(ActionPicker),
    /// Take a decision: which open decision, which option row, and whether the choice is
    /// waiting for its confirmation. Only `d` opens it.
    Decision {
        /// Index among open decisions.
        index: usize,
        /// Selected option row (it starts at the scenario's default).
        selected: usize,
        /// The selected option is shown with its effects and asks to be confirmed.
        confirming: bool,
    },
    /// Fire an inject from the MSEL.
    Fire {
        /// Filter.
        filter: TextInput,
        /// Selected row among the filtered entries.
        selected: usize,
    },
    /// Override a score line.
    Override(OverrideDialog),
    /// Write a facilitator note.
    Note(NoteDialog),
    /// Correct a decision, override or note recorded by mistake.
    Correct(super::correct::CorrectDialog),
    /// Practice: a hint (asked, then shown once journaled).
    Hint(HintDialog),
    /// `--serve`: the seats, who is connected and ready, what each queued (`s`).
    Seats,
    /// The resolution of a turn (index into the app's reports), scrolled.
    Resolution {
        /// Index in [`App::reports`].
        report: usize,
        /// Lines scrolled.
        scroll: u16,
    },
}

/// The hint dialog of practice: it asks first when a hint costs points, then shows the step.
#[derive(Debug, Clone, PartialEq)]
pub struct HintDialog {
    /// Points the hint costs (the scenario's `hint_points`).
    pub cost: u32,
    /// The step shown, once the hint is journaled.
    pub shown: Option<crate::practice::HintStep>,
}

/// `kunren practice`: the players' roles, the reference response playing the others, the
/// hints asked and, at the end, the team's steps beside the model answer's.
#[derive(Debug)]
pub struct PracticeState {
    /// The practice side of the drill.
    pub practice: crate::practice::Practice,
    /// Hints shown so far.
    pub hints: u32,
}

/// The end of a practice drill: each reference step, who did it and when, beside the model
/// answer (from the report model of the journal, [`crate::report::response::compare`]).
#[derive(Debug, Clone, PartialEq)]
pub struct PracticeEnd {
    /// The steps as the report compares them.
    pub steps: Vec<crate::report::model::StepReport>,
    /// Actions the team took that no step asked for (turn, role, name).
    pub extra: Vec<(u32, String, String)>,
    /// The final score (total, achievable).
    pub score: (i64, i64),
    /// Why the comparison is missing, if the journal could not be read.
    pub problem: Option<String>,
    /// Lines scrolled.
    pub scroll: u16,
}

/// What the seal produced, for the last screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SealedView {
    /// The journal file.
    pub path: PathBuf,
    /// `completed` or `aborted`.
    pub status: String,
    /// Number of records.
    pub records: u64,
    /// Final Merkle root (hex).
    pub root: String,
    /// SHA-256 of the file (hex).
    pub file_sha256: String,
    /// Id of the signing key, if signed.
    pub key_id: Option<String>,
    /// Public key file to verify the signatures with, if signed.
    pub pubkey: Option<PathBuf>,
}

impl SealedView {
    /// From the writer's seal information.
    pub fn new(path: PathBuf, seal: &SealInfo, pubkey: Option<PathBuf>) -> Self {
        SealedView {
            path,
            status: seal.status.as_str().to_string(),
            records: seal.records,
            root: seal.anchor.root.clone(),
            file_sha256: seal.file_sha256.clone(),
            key_id: seal.key_id.clone(),
            pubkey: seal.key_id.as_ref().and(pubkey),
        }
    }

    /// The exact command that verifies the journal.
    pub fn verify_command(&self) -> String {
        let mut c = format!(
            "kunren verify {}",
            shell_quote(&self.path.display().to_string())
        );
        if let Some(k) = &self.pubkey {
            c.push_str(&format!(
                " --pubkey {}",
                shell_quote(&k.display().to_string())
            ));
        }
        c
    }

    /// The exact command that writes the after-action report.
    pub fn report_command(&self) -> String {
        let mut c = format!(
            "kunren report {}",
            shell_quote(&self.path.display().to_string())
        );
        if let Some(k) = &self.pubkey {
            c.push_str(&format!(
                " --pubkey {}",
                shell_quote(&k.display().to_string())
            ));
        }
        c
    }
}

/// Quotes a path for a POSIX shell when it needs it.
pub fn shell_quote(s: &str) -> String {
    if !s.is_empty()
        && s.chars().all(|c| {
            c.is_ascii_alphanumeric() || matches!(c, '/' | '.' | '_' | '-' | '+' | ':' | '=')
        })
    {
        s.to_string()
    } else {
        format!("'{}'", s.replace('\'', "'\\''"))
    }
}

/// Which screen is up.
#[derive(Debug)]
pub enum Screen {
    /// Choosing the scenario and the people before the drill.
    Setup(Box<SetupState>),
    /// Running the drill.
    Console,
    /// The debrief after the drill.
    Hotwash(Box<HotwashState>),
    /// Practice: the team's steps beside the model answer, once the drill has ended.
    Practice(Box<PracticeEnd>),
    /// The journal is sealed: where it is and how to check it.
    Sealed(SealedView),
}

/// How the console ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Exit {
    /// Left before a drill started: nothing recorded.
    NotStarted,
    /// The journal was sealed.
    Sealed(SealedView),
    /// The drill was suspended: its journal is intact and unsealed, and `kunren play --resume`
    /// continues it (the path, when it was recorded).
    Suspended(Option<PathBuf>),
    /// The session had to stop (journal failure); the message says why.
    Failed(String),
}

/// The console application: state plus the drill it runs.
pub struct App {
    /// Language of the interface.
    pub lang: Lang,
    /// Terminal size (columns, rows).
    pub size: (u16, u16),
    /// Current screen.
    pub screen: Screen,
    /// The drill, once started (taken when sealed).
    pub drill: Option<Drill>,
    /// What the views show of the drill.
    pub model: Option<Model>,
    /// Focused panel (the shown tab when the terminal is small).
    pub focus: Panel,
    /// Scroll offset of each panel.
    pub scroll: [u16; 4],
    /// Selected row of the action queue.
    pub queue_selected: usize,
    /// Selected objective of the score panel (its title is shown whole when focused).
    pub score_selected: usize,
    /// The facilitator asked for the control view (ground truth, rolls) instead of the team
    /// view; the model is built from the view shown.
    pub control_view: bool,
    /// The drill is paused.
    pub paused: bool,
    /// Open overlay.
    pub overlay: Option<Overlay>,
    /// Help overlay scroll, when open (drawn above everything).
    pub help: Option<u16>,
    /// The leave dialog, when open (drawn above everything, over any screen of a drill).
    pub leave: Option<LeaveDialog>,
    /// Status-line message.
    pub status: Option<Status>,
    /// Turn reports of this session, oldest first.
    pub reports: Vec<TurnReport>,
    /// Journal being written.
    pub journal_path: Option<PathBuf>,
    /// Public key file matching the signing key, if the journal is signed.
    pub pubkey: Option<PathBuf>,
    /// Facilitator's name (for the hotwash).
    pub facilitator: String,
    /// Participants (name, role): names beside roles, the hotwash's sign-off suggestion.
    pub participants: Vec<(String, String)>,
    /// Set in `kunren practice`: the players' roles and the reference response for the rest.
    pub practice: Option<PracticeState>,
    /// Set when the loop must end.
    pub exit: Option<Exit>,
    /// `kunren play --serve`: the SSH seats.
    pub serve: Option<Box<crate::serve::Hub>>,
    /// `--register DIR`: the open improvement items of earlier drills, marked in the hotwash.
    pub earlier: Option<super::earlier::Earlier>,
}

impl App {
    /// An app on the setup screen.
    pub fn setup(setup: SetupState, size: (u16, u16)) -> App {
        let lang = setup.lang;
        App::bare(lang, size, Screen::Setup(Box::new(setup)))
    }

    fn bare(lang: Lang, size: (u16, u16), screen: Screen) -> App {
        App {
            lang,
            size,
            screen,
            drill: None,
            model: None,
            focus: Panel::Injects,
            scroll: [0; 4],
            queue_selected: 0,
            score_selected: 0,
            control_view: false,
            paused: false,
            overlay: None,
            help: None,
            leave: None,
            status: None,
            reports: Vec::new(),
            journal_path: None,
            pubkey: None,
            facilitator: String::new(),
            participants: Vec::new(),
            practice: None,
            exit: None,
            serve: None,
            earlier: None,
        }
    }

    /// The console state behind one SSH seat's screen (no drill of its own: the hub gives it
    /// the model of its role's team view).
    pub fn for_seat(lang: Lang, size: (u16, u16)) -> App {
        App::bare(lang, size, Screen::Console)
    }

    /// An app on the console screen, running `drill`.
    pub fn console(drill: Drill, lang: Lang, size: (u16, u16)) -> App {
        let mut app = App::bare(lang, size, Screen::Console);
        app.journal_path = drill.journal_path();
        app.facilitator = match drill.facilitator() {
            crate::journal::Actor::Facilitator(n) => n.clone(),
            other => other.to_string(),
        };
        app.drill = Some(drill);
        app.refresh();
        app
    }

    /// True when the console shows the facilitator's control view: when asked for, and on the
    /// hotwash screen (the debrief, where everything is told).
    pub fn shows_control(&self) -> bool {
        self.control_view || matches!(self.screen, Screen::Hotwash(_))
    }

    /// Re-reads the model from the drill, in the view shown.
    pub fn refresh(&mut self) {
        let control = self.shows_control();
        if let Some(d) = self.drill.as_mut() {
            let mut m = Model::build(d, control, &self.reports);
            m.people = self.participants.clone();
            self.model = Some(m);
        }
        if let Some(m) = &self.model {
            self.queue_selected = self
                .queue_selected
                .min(m.team().queued.len().saturating_sub(1));
        }
    }

    /// Decisions waiting for a choice (the banner and the header count them; `d` opens them).
    pub fn undecided(&self) -> usize {
        self.model.as_ref().map_or(0, |m| {
            m.team()
                .decisions
                .iter()
                .filter(|d| d.queued.is_none())
                .count()
        })
    }

    /// The status line of a drill just started: where it is recorded, and with a register how
    /// many items of earlier drills wait for the hotwash.
    pub fn start_message(&mut self) {
        use super::i18n::S;
        let mut text: Vec<String> = Vec::new();
        if let Some(p) = &self.journal_path {
            text.push(self.lang.f(S::Recording, &[&p.display()]));
        }
        if let Some(e) = &self.earlier {
            text.push(
                self.lang
                    .f(S::RegisterOpenItems, &[&e.items.len(), &e.overdue()]),
            );
        }
        if !text.is_empty() {
            self.info(text.join(" · "));
        }
    }

    /// Sets an informational status message.
    pub fn info(&mut self, text: impl Into<String>) {
        self.status = Some(Status {
            text: text.into(),
            kind: StatusKind::Info,
        });
    }

    /// Sets an error status message.
    pub fn error(&mut self, text: impl Into<String>) {
        self.status = Some(Status {
            text: text.into(),
            kind: StatusKind::Error,
        });
    }

    /// True when the terminal is at least 80×24.
    pub fn big_enough(&self) -> bool {
        self.size.0 >= super::MIN_WIDTH && self.size.1 >= super::MIN_HEIGHT
    }
}
