//! The setup screen's state: scenario, title, facilitator, participants, language, seed and
//! journal, with defaults that start a drill at once.

use std::path::PathBuf;
use std::sync::Arc;

use crate::journal::Participant;
use crate::scenario::{Bundle, Scenario};
use crate::scenario::{Source, load};

use super::PlayArgs;
use super::i18n::{Lang, S};
use super::text_input::TextInput;
use crate::scenario::sector::sector_rank;

/// A scenario offered on the setup screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScenarioChoice {
    /// Path (embedded or on disk).
    pub path: String,
    /// Title, when it parses.
    pub title: String,
    /// Sector id (`electricity`, `railway`, …), when it parses.
    pub sector: String,
}

/// A field of the setup form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SetupField {
    /// Sector selector: jumps the scenario selector to the first drill of a sector.
    Sector,
    /// Scenario selector.
    Scenario,
    /// Path of another scenario file (only when "Other file…" is chosen).
    Path,
    /// Drill title.
    Title,
    /// Facilitator's name.
    Facilitator,
    /// Participants, `Name:role, …`.
    Participants,
    /// Interface and journal language.
    Language,
    /// Seed.
    Seed,
    /// Journal path (empty: automatic).
    Journal,
}

/// The setup form.
#[derive(Debug, Clone)]
pub struct SetupState {
    /// Shipped scenarios, plus a path given on the command line.
    pub choices: Vec<ScenarioChoice>,
    /// Index in `choices`; `choices.len()` means "other file".
    pub choice: usize,
    /// Path of another scenario file.
    pub path: TextInput,
    /// `--org` override.
    pub org: Option<String>,
    /// Drill title (empty: the scenario's).
    pub title: TextInput,
    /// Facilitator.
    pub facilitator: TextInput,
    /// Participants.
    pub participants: TextInput,
    /// Language.
    pub lang: Lang,
    /// The language was fixed by `--lang` or by hand (not following the scenario).
    pub lang_fixed: bool,
    /// Seed.
    pub seed: TextInput,
    /// Journal path.
    pub journal: TextInput,
    /// Focused field.
    pub focus: SetupField,
    /// The loaded scenario bundle for the current choice.
    pub bundle: Option<Arc<Bundle>>,
    /// Why the current choice does not load.
    pub load_error: Option<String>,
    /// Path the bundle was loaded from.
    loaded: Option<String>,
    /// Signing key file.
    pub key: Option<PathBuf>,
    /// Date of the previous drill, from the command line.
    pub previous_drill: Option<String>,
    /// The organisation's plan under test, from the command line.
    pub plan: Option<crate::records::PlanFacts>,
    /// AAR/IP overview facts from the command line.
    pub exercise: crate::records::ExerciseFacts,
    /// Problem shown when starting failed.
    pub problem: Option<String>,
    /// `--serve --reference-unheld`: the reference response is named in the header for every
    /// role no participant (seat or not) plays, as in practice.
    pub reference_unheld: bool,
    /// `--register DIR`: the open improvement items of earlier drills, for the hotwash.
    pub earlier: Option<super::earlier::Earlier>,
}

/// Everything needed to start a drill, checked.
#[derive(Debug, Clone)]
pub struct StartRequest {
    /// The bundle.
    pub bundle: Arc<Bundle>,
    /// Seed.
    pub seed: u64,
    /// Drill title (None: the scenario's).
    pub title: Option<String>,
    /// Facilitator.
    pub facilitator: String,
    /// Participants.
    pub participants: Vec<Participant>,
    /// `kunren practice`: the reference response plays the roles no player takes.
    pub practice: bool,
    /// Language.
    pub lang: Lang,
    /// Journal path (None: automatic).
    pub journal: Option<PathBuf>,
    /// Signing key file.
    pub key: Option<PathBuf>,
    /// Date of the previous drill (YYYY-MM-DD), for the report.
    pub previous_drill: Option<String>,
    /// The organisation's plan under test.
    pub plan: Option<crate::records::PlanFacts>,
    /// AAR/IP overview facts (sponsor, point of contact, handling marking, …).
    pub exercise: crate::records::ExerciseFacts,
}

/// A random seed for a new drill.
pub fn random_seed() -> u64 {
    getrandom::u64().unwrap_or_else(|_| {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos() as u64)
            .unwrap_or(1)
    }) % 1_000_000
}

/// The user's name from the environment, for the facilitator default.
pub fn default_facilitator() -> String {
    ["KUNREN_FACILITATOR", "USER", "USERNAME"]
        .iter()
        .filter_map(|v| std::env::var(v).ok())
        .find(|v| !v.trim().is_empty() && v != "root")
        .unwrap_or_else(|| "facilitator".to_string())
}

/// True when a role reads as the executive decision-maker.
pub fn is_exec_role(id: &str, name: &str) -> bool {
    let id = id.to_ascii_lowercase();
    id == "exec"
        || id.starts_with("exec")
        || name.to_lowercase().contains("executive")
        || name.contains("経営")
}

/// Parses `Name:role, Name:role` (or separate `Name:role` items) against the organisation's roles.
pub fn parse_participants(
    text: &str,
    roles: &[(String, String)],
    lang: Lang,
) -> Result<Vec<Participant>, String> {
    let mut out = Vec::new();
    let role_list = roles
        .iter()
        .map(|r| r.0.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    for item in text
        .split([',', '、', ';'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        let Some((name, role)) = item.rsplit_once([':', '：']) else {
            return Err(lang.f(S::SetupBadParticipant, &[&item]));
        };
        let (name, role) = (name.trim(), role.trim());
        if name.is_empty() || role.is_empty() {
            return Err(lang.f(S::SetupBadParticipant, &[&item]));
        }
        if !roles.iter().any(|r| r.0 == role) {
            return Err(lang.f(S::SetupUnknownRole, &[&item, &role, &role_list]));
        }
        out.push(Participant {
            name: name.to_string(),
            role: role.to_string(),
        });
    }
    Ok(out)
}

/// A scenario offered on the setup screen: its title and sector, when it parses.
fn scenario_choice(path: &str) -> ScenarioChoice {
    let parsed = Source::read(path)
        .ok()
        .and_then(|s| load::parse_source::<Scenario>(&s).ok());
    ScenarioChoice {
        path: path.to_string(),
        title: parsed.as_ref().map(|s| s.title.clone()).unwrap_or_default(),
        sector: parsed.map(|s| s.sector).unwrap_or_default(),
    }
}

impl SetupState {
    /// The form filled from the command line's flags and the defaults.
    pub fn new(args: &PlayArgs) -> SetupState {
        let mut choices: Vec<ScenarioChoice> = load::SCENARIOS
            .iter()
            .map(|e| scenario_choice(e.path))
            .collect();
        // Grouped by sector, so that the sector selector and the scenario selector agree.
        choices.sort_by(|a, b| {
            sector_rank(&a.sector)
                .cmp(&sector_rank(&b.sector))
                .then_with(|| a.path.cmp(&b.path))
        });
        let choice = match &args.scenario {
            None => choices
                .iter()
                .position(|c| c.path == load::DEFAULT_SCENARIO)
                .unwrap_or(0),
            Some(p) => {
                let norm = p.trim_start_matches("./");
                match choices.iter().position(|c| c.path == norm) {
                    Some(i) => i,
                    None => {
                        choices.push(scenario_choice(p));
                        choices.len() - 1
                    }
                }
            }
        };
        let lang_flag = args.lang.as_deref().and_then(Lang::parse);
        let mut s = SetupState {
            choices,
            choice,
            path: TextInput::default(),
            org: args.org.clone(),
            title: TextInput::default(),
            facilitator: TextInput::new(
                args.facilitator.clone().unwrap_or_else(default_facilitator),
            ),
            participants: TextInput::new(args.participants.join(", ")),
            lang: lang_flag.unwrap_or_default(),
            lang_fixed: lang_flag.is_some(),
            seed: TextInput::new(args.seed.unwrap_or_else(random_seed).to_string()),
            journal: TextInput::new(
                args.journal
                    .as_ref()
                    .map(|p| p.display().to_string())
                    .unwrap_or_default(),
            ),
            focus: SetupField::Scenario,
            bundle: None,
            load_error: None,
            loaded: None,
            key: args.key.clone(),
            previous_drill: args.previous_drill.clone(),
            plan: args.plan.clone(),
            exercise: args.exercise.clone(),
            problem: None,
            reference_unheld: args.serve.as_ref().is_some_and(|s| s.reference_unheld),
            earlier: None,
        };
        s.reload();
        s
    }

    /// The scenario path currently chosen.
    pub fn scenario_path(&self) -> String {
        match self.choices.get(self.choice) {
            Some(c) => c.path.clone(),
            None => self.path.trimmed().to_string(),
        }
    }

    /// True when "Other file…" is chosen.
    pub fn other(&self) -> bool {
        self.choice >= self.choices.len()
    }

    /// Loads the chosen scenario if it changed; follows its language unless fixed.
    pub fn reload(&mut self) {
        let path = self.scenario_path();
        if self.loaded.as_deref() == Some(path.as_str()) {
            return;
        }
        self.loaded = Some(path.clone());
        if path.is_empty() {
            self.bundle = None;
            self.load_error = None;
            return;
        }
        match load::load_bundle(&path, self.org.as_deref()) {
            Ok((b, _)) => {
                if !self.lang_fixed
                    && let Some(l) = Lang::parse(&b.scenario.language)
                {
                    self.lang = l;
                }
                self.bundle = Some(Arc::new(b));
                self.load_error = None;
            }
            Err(e) => {
                self.bundle = None;
                let first = e
                    .diagnostics
                    .first()
                    .map(|d| format!("{}: {}", d.file, d.message_in(self.lang)))
                    .unwrap_or_else(|| e.render_in(self.lang));
                self.load_error = Some(first);
            }
        }
    }

    /// Fields in order, as shown.
    pub fn fields(&self) -> Vec<SetupField> {
        let mut f = vec![SetupField::Sector, SetupField::Scenario];
        if self.other() {
            f.push(SetupField::Path);
        }
        f.extend([
            SetupField::Title,
            SetupField::Facilitator,
            SetupField::Participants,
            SetupField::Language,
            SetupField::Seed,
            SetupField::Journal,
        ]);
        f
    }

    /// Moves the focus by `delta` fields (wrapping), reloading the scenario when leaving its path.
    pub fn move_focus(&mut self, delta: isize) {
        let fields = self.fields();
        let i = fields.iter().position(|f| *f == self.focus).unwrap_or(0) as isize;
        let n = fields.len() as isize;
        self.focus = fields[((i + delta).rem_euclid(n)) as usize];
        self.reload();
    }

    /// Changes a selector (scenario, language) by `delta`.
    pub fn cycle(&mut self, delta: isize) {
        match self.focus {
            SetupField::Sector => {
                self.choice = self.next_sector(delta);
                self.reload();
            }
            SetupField::Scenario => {
                let n = self.choices.len() as isize + 1;
                self.choice = ((self.choice as isize + delta).rem_euclid(n)) as usize;
                self.reload();
            }
            SetupField::Language => {
                self.lang = self.lang.other();
                self.lang_fixed = true;
            }
            _ => {}
        }
    }

    /// The sector of the current choice (empty for "other file").
    pub fn sector(&self) -> &str {
        self.choices
            .get(self.choice)
            .map(|c| c.sector.as_str())
            .unwrap_or("")
    }

    /// How many offered drills share the current choice's sector.
    pub fn sector_count(&self) -> usize {
        let here = self.sector();
        self.choices.iter().filter(|c| c.sector == here).count()
    }

    /// The first choice of the next (`delta` > 0) or previous sector, wrapping; "other file"
    /// counts as a sector of its own.
    fn next_sector(&self, delta: isize) -> usize {
        // Group starts: the index of each sector's first choice, then "other file".
        let mut starts: Vec<usize> = Vec::new();
        for (i, c) in self.choices.iter().enumerate() {
            if i == 0 || self.choices[i - 1].sector != c.sector {
                starts.push(i);
            }
        }
        starts.push(self.choices.len());
        let here = starts
            .iter()
            .rposition(|&st| st <= self.choice)
            .unwrap_or(0) as isize;
        let n = starts.len() as isize;
        starts[((here + delta.signum()).rem_euclid(n)) as usize]
    }

    /// The text field with focus, if the focus is on one.
    pub fn input_mut(&mut self) -> Option<&mut TextInput> {
        match self.focus {
            SetupField::Path => Some(&mut self.path),
            SetupField::Title => Some(&mut self.title),
            SetupField::Facilitator => Some(&mut self.facilitator),
            SetupField::Participants => Some(&mut self.participants),
            SetupField::Seed => Some(&mut self.seed),
            SetupField::Journal => Some(&mut self.journal),
            SetupField::Sector | SetupField::Scenario | SetupField::Language => None,
        }
    }

    /// Role ids and names of the loaded organisation.
    pub fn roles(&self) -> Vec<(String, String)> {
        self.bundle
            .as_ref()
            .map(|b| {
                b.org
                    .roles
                    .iter()
                    .map(|r| (r.id.clone(), r.name.clone()))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Warnings that do not stop the drill (no executive, no participants).
    pub fn warnings(&self) -> Vec<String> {
        let roles = self.roles();
        if roles.is_empty() {
            return vec![];
        }
        let Ok(ps) = parse_participants(self.participants.value(), &roles, self.lang) else {
            return vec![];
        };
        let exec: Vec<&str> = roles
            .iter()
            .filter(|(id, name)| is_exec_role(id, name))
            .map(|(id, _)| id.as_str())
            .collect();
        let mut w = Vec::new();
        if ps.is_empty() {
            w.push(self.lang.t(S::SetupNoParticipants).to_string());
        }
        if !exec.is_empty() && !ps.iter().any(|p| exec.contains(&p.role.as_str())) {
            w.push(self.lang.f(S::SetupNoExec, &[&exec.join(", ")]));
        }
        w
    }

    /// The chosen scenario's bundle, loaded (or why it cannot be).
    pub fn request_bundle(&mut self) -> Result<Arc<Bundle>, String> {
        self.reload();
        let lang = self.lang;
        self.bundle.clone().ok_or_else(|| match &self.load_error {
            Some(e) => format!("{} {e}", lang.t(S::SetupNoScenario)),
            None => lang.t(S::SetupNoScenario).to_string(),
        })
    }

    /// The request with this facilitator and these participants (checked already).
    pub fn request_with(
        &mut self,
        facilitator: &str,
        participants: Vec<Participant>,
    ) -> Result<StartRequest, String> {
        self.facilitator = TextInput::new(facilitator.to_string());
        self.participants = TextInput::new("");
        let mut req = self.request()?;
        req.participants = participants;
        Ok(req)
    }

    /// Checks the form and returns what starting needs, or the first problem.
    pub fn request(&mut self) -> Result<StartRequest, String> {
        self.reload();
        let lang = self.lang;
        let Some(bundle) = self.bundle.clone() else {
            return Err(match &self.load_error {
                Some(e) => format!("{} {e}", lang.t(S::SetupNoScenario)),
                None => lang.t(S::SetupNoScenario).to_string(),
            });
        };
        let roles = self.roles();
        let mut participants = parse_participants(self.participants.value(), &roles, lang)?;
        if self.reference_unheld {
            for (id, _) in &roles {
                if !participants.iter().any(|p| &p.role == id) {
                    participants.push(Participant {
                        name: super::reference_player(lang).to_string(),
                        role: id.clone(),
                    });
                }
            }
        }
        let seed: u64 = self
            .seed
            .trimmed()
            .parse()
            .map_err(|_| lang.t(S::SetupBadSeed).to_string())?;
        if self.facilitator.is_blank() {
            return Err(lang.t(S::SetupEmptyFacilitator).to_string());
        }
        Ok(StartRequest {
            bundle,
            seed,
            title: (!self.title.is_blank()).then(|| self.title.trimmed().to_string()),
            facilitator: self.facilitator.trimmed().to_string(),
            participants,
            practice: false,
            lang,
            journal: (!self.journal.is_blank()).then(|| PathBuf::from(self.journal.trimmed())),
            key: self.key.clone(),
            previous_drill: self.previous_drill.clone(),
            plan: self.plan.clone(),
            exercise: self.exercise.clone(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roles() -> Vec<(String, String)> {
        vec![
            ("exec".into(), "Executive".into()),
            ("soc".into(), "SOC".into()),
        ]
    }

    #[test]
    fn participants_parse_and_check_roles() {
        let p = parse_participants("Aiko Sato:exec, 田中：soc", &roles(), Lang::En).unwrap();
        assert_eq!(p.len(), 2);
        assert_eq!(p[1].name, "田中");
        assert!(
            parse_participants("Bob", &roles(), Lang::En)
                .unwrap_err()
                .contains("Name:role")
        );
        assert!(
            parse_participants("Bob:cfo", &roles(), Lang::En)
                .unwrap_err()
                .contains("unknown role")
        );
        assert!(
            parse_participants("  ", &roles(), Lang::En)
                .unwrap()
                .is_empty()
        );
    }

    #[test]
    fn exec_roles_are_recognised() {
        assert!(is_exec_role("exec", "Board"));
        assert!(is_exec_role("ceo", "Chief Executive"));
        assert!(!is_exec_role("soc", "SOC"));
    }
}
