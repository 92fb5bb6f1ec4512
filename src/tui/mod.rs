//! The facilitator console (`kunren play`): a ratatui terminal UI that runs a drill live.
//!
//! Architecture (after ratatui's demo apps, gitui and bottom): an [`App`] holds the state and
//! owns the [`Drill`]; every source of events (the terminal's input thread today, the network
//! and timers later) sends a [`ConsoleEvent`] on one channel; events become [`Msg`]s through
//! the key table in [`keys`] ([`update::handle_event`]), and [`update`](update::update) is the
//! only place state changes; the views in [`view`] draw a frame from `&App` without side
//! effects. Everything that matters to the drill goes through [`Drill`], which journals it.
//! The console shows the session's team view, or the facilitator's control view: drawing code
//! never filters ground truth (see [`model`]).
//!
//! The loop blocks on the channel (`recv`: no polling, no timer), so an idle console uses no
//! CPU, and redraws only after an event. `ratatui::try_init` installs a panic hook that
//! restores the terminal; a crash leaves the journal intact but unsealed, and `--resume`
//! continues it.

pub mod app;
pub mod correct;
pub mod earlier;
pub mod event;
pub mod hotwash;
pub use crate::i18n;
pub mod keys;
pub mod lists;
pub mod model;
pub mod msg;
pub mod rules;
pub mod setup;
pub mod text_input;
pub mod update;
pub mod view;

#[cfg(test)]
mod tests;

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use crate::exit::Failure;
use crate::i18n::report::fill;
use crate::journal::{RecordKind, read_journal};
use crate::session::{Drill, DrillMeta};

pub use app::{App, Exit, Screen};
pub use event::ConsoleEvent;
pub use i18n::Lang;
pub use msg::Msg;
pub use setup::{SetupState, StartRequest};
pub use update::update;

/// Smallest usable terminal width.
pub const MIN_WIDTH: u16 = 80;
/// Smallest usable terminal height.
pub const MIN_HEIGHT: u16 = 24;

/// Folder of journals written without `--journal`.
pub const JOURNAL_DIR: &str = "kunren-journals";

/// The flags of `kunren play`.
#[derive(Debug, Clone, Default)]
pub struct PlayArgs {
    /// Scenario file (default: the built-in default drill).
    pub scenario: Option<String>,
    /// Organisation file (default: the one the scenario names).
    pub org: Option<String>,
    /// Seed (default: random, shown on the setup screen and recorded).
    pub seed: Option<u64>,
    /// Journal path (default: `./kunren-journals/<drill-id>.jsonl`).
    pub journal: Option<PathBuf>,
    /// Facilitator's name.
    pub facilitator: Option<String>,
    /// Participants as `Name:role`.
    pub participants: Vec<String>,
    /// Interface language (`en`, `ja`; default: the scenario's).
    pub lang: Option<String>,
    /// Continue this interrupted drill.
    pub resume: Option<PathBuf>,
    /// Sign checkpoints with this private key.
    pub key: Option<PathBuf>,
    /// Date of the previous drill (YYYY-MM-DD), for the report.
    pub previous_drill: Option<String>,
    /// The organisation's incident-response plan under test (`--plan`), already hashed.
    pub plan: Option<crate::records::PlanFacts>,
    /// AAR/IP overview facts from the command line (sponsor, point of contact, location,
    /// evaluators, organisations, handling marking).
    pub exercise: crate::records::ExerciseFacts,
    /// `kunren practice`: the roles the players take (the reference response plays the
    /// others); empty for `kunren play`.
    pub practice: Vec<String>,
    /// `--serve`: SSH seats for the participants.
    pub serve: Option<crate::serve::ServeArgs>,
    /// `--register DIR`: the drill register, whose open improvement items of earlier drills
    /// the hotwash marks (and whose last completed drill is the previous drill).
    pub register: Option<PathBuf>,
}

/// The participant name under which the reference response plays a role in practice (in the
/// header, so that the report names who acted).
pub fn reference_player(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "Reference response",
        Lang::Ja => "模範対応",
    }
}

/// True for a participant the reference response played (either language's name).
pub fn is_reference_player(name: &str) -> bool {
    name == reference_player(Lang::En) || name == reference_player(Lang::Ja)
}

impl PlayArgs {
    /// True when the flags give everything the setup screen asks for.
    pub fn complete(&self) -> bool {
        self.facilitator.is_some() && !self.participants.is_empty()
    }
}

/// A journal path that does not exist yet: `./kunren-journals/<drill-id>.jsonl`.
pub fn default_journal_path(seed: u64) -> PathBuf {
    let id = crate::session::new_drill_id(seed);
    let dir = Path::new(JOURNAL_DIR);
    let mut path = dir.join(format!("{id}.jsonl"));
    let mut n = 2;
    while path.exists() {
        path = dir.join(format!("{id}-{n}.jsonl"));
        n += 1;
    }
    path
}

/// `error: {message}` in `lang` (the command line's framing line).
fn error_line(lang: Lang, message: &dyn std::fmt::Display) -> String {
    fill(lang.cli_text().error, &[("message", message)])
}

/// Starts a drill from a checked request: creates the journal (and its folder) and the session.
pub fn start_drill(req: &StartRequest) -> Result<Drill, String> {
    let lang = req.lang;
    let t = lang.cli_text();
    let key = match &req.key {
        Some(k) => Some(crate::journal::load_signing_key(k).map_err(|e| error_line(lang, &e))?),
        None => None,
    };
    let path = match &req.journal {
        Some(p) => p.clone(),
        None => default_journal_path(req.seed),
    };
    if let Some(dir) = path.parent()
        && !dir.as_os_str().is_empty()
    {
        std::fs::create_dir_all(dir)
            .map_err(|e| fill(t.cannot_create, &[("dir", &dir.display()), ("error", &e)]))?;
    }
    let mode = if req.practice { "practice" } else { "console" };
    let timezone = std::env::var("TZ")
        .ok()
        .filter(|t| t.contains('/') && !t.starts_with('/'))
        .unwrap_or_else(|| "Asia/Tokyo".to_string());
    let meta = DrillMeta {
        title: req.title.clone(),
        facilitator: req.facilitator.clone(),
        participants: req.participants.clone(),
        language: Some(req.lang.tag().to_string()),
        timezone,
        mode: mode.into(),
        previous_drill: req.previous_drill.clone(),
        plan: req.plan.clone(),
        exercise: req.exercise.clone(),
    };
    Drill::start(req.bundle.clone(), req.seed, &meta, Some(&path), key)
        .map_err(|e| error_line(lang, &e.message(lang)))
}

/// Builds the app for `--resume`: recovers the journal and replays it into the engine.
fn resume_app(args: &PlayArgs, path: &Path, size: (u16, u16)) -> Result<App, Failure> {
    let asked = args.lang.as_deref().and_then(Lang::parse);
    let t = asked.unwrap_or_default().cli_text();
    let contents = read_journal(path).map_err(|e| {
        Failure::new(
            2,
            fill(t.cannot_read, &[("path", &path.display()), ("error", &e)]),
        )
    })?;
    let h = &contents.header;
    // From here on, the drill's language: `--lang`, else the journal's.
    let lang = asked
        .or_else(|| Lang::parse(&h.language))
        .unwrap_or_default();
    let t = lang.cli_text();
    if contents.sealed {
        return Err(Failure::new(
            1,
            fill(
                t.resume_sealed,
                &[
                    ("path", &path.display()),
                    ("quoted", &app::shell_quote(&path.display().to_string())),
                ],
            ),
        ));
    }
    let scenario = args
        .scenario
        .clone()
        .unwrap_or_else(|| h.scenario_path.clone());
    let org = args.org.clone().unwrap_or_else(|| h.org_path.clone());
    let bundle = crate::scenario::load::load_or_fail_in(Some(&scenario), Some(&org), lang)?;
    let key = match &args.key {
        Some(k) => Some(
            crate::journal::load_signing_key(k)
                .map_err(|e| Failure::new(2, error_line(lang, &e)))?,
        ),
        None => None,
    };
    let paused = contents
        .records
        .iter()
        .rev()
        .find(|r| matches!(r.kind, RecordKind::Paused | RecordKind::Resumed))
        .is_some_and(|r| r.kind == RecordKind::Paused);
    let (drill, _written) = Drill::resume(path, bundle, key)
        .map_err(|e| Failure::new(2, error_line(lang, &e.message(lang))))?;
    let mut app = App::console(drill, lang, size);
    app.paused = paused;
    app.participants = h
        .participants
        .iter()
        .map(|p| (p.name.clone(), p.role.clone()))
        .collect();
    app.refresh();
    app.pubkey = args.key.as_deref().map(crate::journal::public_key_path);
    let practice =
        crate::records::HeaderExtra::decode(&h.extra).is_ok_and(|x| x.mode == "practice");
    if practice {
        let roles: Vec<String> = h
            .participants
            .iter()
            .filter(|p| !is_reference_player(&p.name))
            .map(|p| p.role.clone())
            .collect();
        let mut p = crate::practice::Practice::new(roles);
        if let Some(d) = app.drill.as_mut() {
            p.resume(d);
        }
        app.practice = Some(app::PracticeState {
            practice: p,
            hints: 0,
        });
    }
    let turn = app.model.as_ref().map(|m| m.turn).unwrap_or(1);
    let text = lang.f(i18n::S::StResumedDrill, &[&turn, &path.display()]);
    app.info(text);
    Ok(app)
}

/// Builds the first app: resume, the console at once (flags complete), or the setup screen.
pub fn initial_app(args: &PlayArgs, size: (u16, u16)) -> Result<App, Failure> {
    if let Some(l) = &args.lang
        && Lang::parse(l).is_none()
    {
        return Err(Failure::new(
            2,
            format!("error: unsupported language `{l}` (use en or ja)"),
        ));
    }
    if let Some(path) = &args.resume {
        return resume_app(args, path, size);
    }
    if !args.practice.is_empty() {
        return practice_app(args, size);
    }
    let mut setup = SetupState::new(args);
    if let Some(dir) = &args.register {
        let e = earlier::Earlier::load(dir).map_err(|e| {
            Failure::new(
                crate::exit::ExitCode::UsageOrIo,
                format!("error: register: {e}"),
            )
        })?;
        if setup.previous_drill.is_none() {
            setup.previous_drill = e.previous_drill.clone();
        }
        setup.earlier = Some(e);
    }
    if !args.complete() {
        return Ok(App::setup(setup, size));
    }
    let lang = setup.lang;
    let req = setup
        .request()
        .map_err(|e| Failure::new(1, error_line(lang, &e)))?;
    let drill = start_drill(&req).map_err(|e| Failure::new(2, e))?;
    let mut app = App::console(drill, req.lang, size);
    app.participants = req
        .participants
        .iter()
        .map(|p| (p.name.clone(), p.role.clone()))
        .collect();
    app.refresh();
    app.pubkey = req.key.as_deref().map(crate::journal::public_key_path);
    app.earlier = setup.earlier.clone();
    app.start_message();
    Ok(app)
}

/// Builds the app for `kunren practice`: the players' roles (named by `--participant`, else
/// by the facilitator's name), the reference response under [`reference_player`] for every
/// other role, and the drill started at once (there is no setup screen).
fn practice_app(args: &PlayArgs, size: (u16, u16)) -> Result<App, Failure> {
    let mut setup = SetupState::new(args);
    let bundle = setup
        .request_bundle()
        .map_err(|e| Failure::new(1, error_line(setup.lang, &e)))?;
    let lang = setup.lang;
    let t = lang.cli_text();
    let roles: Vec<String> = bundle.org.roles.iter().map(|r| r.id.clone()).collect();
    let mut players: Vec<String> = Vec::new();
    for r in &args.practice {
        if !roles.contains(r) {
            return Err(Failure::new(
                2,
                fill(t.no_role, &[("role", r), ("roles", &roles.join(", "))]),
            ));
        }
        if !players.contains(r) {
            players.push(r.clone());
        }
    }
    let named = setup::parse_participants(
        &args.participants.join(", "),
        &bundle
            .org
            .roles
            .iter()
            .map(|r| (r.id.clone(), r.name.clone()))
            .collect::<Vec<_>>(),
        lang,
    )
    .map_err(|e| Failure::new(2, error_line(lang, &e)))?;
    if let Some(p) = named.iter().find(|p| !players.contains(&p.role)) {
        return Err(Failure::new(
            2,
            fill(t.not_among_roles, &[("name", &p.name), ("role", &p.role)]),
        ));
    }
    let player = args
        .facilitator
        .clone()
        .filter(|n| !n.trim().is_empty())
        .unwrap_or_else(setup::default_facilitator);
    let mut participants = named;
    for r in &players {
        if !participants.iter().any(|p| &p.role == r) {
            participants.push(crate::journal::Participant {
                name: player.clone(),
                role: r.clone(),
            });
        }
    }
    for r in roles.iter().filter(|r| !players.contains(r)) {
        participants.push(crate::journal::Participant {
            name: reference_player(lang).to_string(),
            role: r.clone(),
        });
    }
    let mut req = setup
        .request_with(&player, participants)
        .map_err(|e| Failure::new(1, error_line(lang, &e)))?;
    req.practice = true;
    let drill = start_drill(&req).map_err(|e| Failure::new(2, e))?;
    let mut app = App::console(drill, req.lang, size);
    app.participants = req
        .participants
        .iter()
        .map(|p| (p.name.clone(), p.role.clone()))
        .collect();
    app.practice = Some(app::PracticeState {
        practice: crate::practice::Practice::new(players),
        hints: 0,
    });
    app.refresh();
    app.pubkey = req.key.as_deref().map(crate::journal::public_key_path);
    if let Some(p) = &app.journal_path {
        let text = app.lang.f(i18n::S::PracticeStarted, &[&p.display()]);
        app.info(text);
    }
    Ok(app)
}

/// Restores the terminal when dropped: on every way out of the console (return, error,
/// panic unwinding through `play`).
struct RestoreTerminal;

impl Drop for RestoreTerminal {
    fn drop(&mut self) {
        // A closed terminal cannot be restored: that is not worth a panic.
        let _ = ratatui::try_restore();
    }
}

/// Runs `kunren play`: returns the exit code.
pub fn play(args: PlayArgs) -> Result<i32, Failure> {
    // Before the drill's language is known: `--lang`, else English.
    let asked = args
        .lang
        .as_deref()
        .and_then(Lang::parse)
        .unwrap_or_default();
    if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
        return Err(Failure::new(2, asked.cli_text().console_tty));
    }
    view::theme::set_monochrome(view::theme::no_color_requested());
    let size = ratatui::crossterm::terminal::size().unwrap_or((MIN_WIDTH, MIN_HEIGHT));
    let mut args = args;
    let seats = match &args.serve {
        Some(s) => {
            let specs = crate::serve::seats::parse_seats(&s.seats, None)
                .map_err(|e| Failure::new(2, error_line(asked, &e.message(asked))))?;
            if let Some(path) = &args.resume {
                check_resumed_seats(path, &specs, args.lang.as_deref().and_then(Lang::parse))?;
            } else {
                for p in &specs {
                    let named = format!("{}:{}", p.name, p.role);
                    if !args.participants.contains(&named) {
                        args.participants.push(named);
                    }
                }
            }
            specs
        }
        None => Vec::new(),
    };
    let mut app = initial_app(&args, size)?;
    // Signals go on the console's channel from now on, so that SIGTERM or a closed terminal
    // suspends the drill and restores the terminal instead of killing the process.
    let t = app.lang.cli_text();
    let (tx, rx) = std::sync::mpsc::channel();
    event::spawn_signal_watch(tx.clone())
        .map_err(|e| Failure::new(2, fill(t.cannot_watch_signals, &[("error", &e)])))?;
    if let Some(s) = &args.serve {
        crate::serve::hub::attach(&mut app, s, seats, tx.clone())
            .map_err(|e| Failure::new(2, error_line(app.lang, &e.message(app.lang))))?;
    }
    let mut terminal = ratatui::try_init()
        .map_err(|e| Failure::new(2, fill(t.cannot_set_up_terminal, &[("error", &e)])))?;
    let guard = RestoreTerminal;
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        run_loop(&mut terminal, &mut app, tx, rx)
    }));
    drop(guard);
    match result {
        Err(_) => {
            let hint = match &app.journal_path {
                Some(p) => fill(
                    t.internal_error_kept,
                    &[("path", &app::shell_quote(&p.display().to_string()))],
                ),
                None => t.internal_error.to_string(),
            };
            Err(Failure::new(101, hint))
        }
        Ok(Err(e)) => {
            let hint = match &app.journal_path {
                Some(p) => fill(
                    t.terminal_kept,
                    &[("path", &app::shell_quote(&p.display().to_string()))],
                ),
                None => String::new(),
            };
            let failed = fill(t.terminal_failed, &[("error", &e)]);
            Err(Failure::new(2, format!("{failed}{hint}")))
        }
        Ok(Ok(())) => finish(app),
    }
}

/// `--resume … --serve`: refuses seats that differ from the journal's (see
/// [`crate::serve::seats::check_resumed`]), in the language asked for, else the drill's; a
/// journal that cannot be read is left to the resume itself to report.
fn check_resumed_seats(
    path: &Path,
    specs: &[crate::serve::seats::SeatSpec],
    asked: Option<Lang>,
) -> Result<(), Failure> {
    let Ok(contents) = read_journal(path) else {
        return Ok(());
    };
    let participants: Vec<(String, String)> = contents
        .header
        .participants
        .iter()
        .map(|p| (p.name.clone(), p.role.clone()))
        .collect();
    let signed: Vec<crate::records::SeatId> = contents
        .records
        .iter()
        .filter(|r| r.kind == RecordKind::SeatInput)
        .filter_map(|r| r.body_as::<crate::records::SeatInput>().ok())
        .map(|b| b.seat)
        .collect();
    let lang = asked.unwrap_or_else(|| Lang::from_tag_or_en(&contents.header.language));
    crate::serve::seats::check_resumed(specs, &participants, &signed)
        .map_err(|e| Failure::new(2, error_line(lang, &e.message(lang))))
}

/// What to print once the terminal is restored (a closed terminal is not an error here).
fn finish(app: App) -> Result<i32, Failure> {
    use std::io::Write as _;
    let print = |text: String| {
        let _ = writeln!(std::io::stdout(), "{text}");
    };
    match app.exit {
        Some(Exit::Sealed(s)) => {
            print(summary_text(&s, app.lang));
            Ok(0)
        }
        Some(Exit::Suspended(path)) => {
            print(suspended_text(path.as_deref(), app.lang));
            Ok(0)
        }
        Some(Exit::Failed(msg)) => Err(Failure::new(2, msg)),
        Some(Exit::NotStarted) | None => Ok(0),
    }
}

/// The text printed after the console closes with the drill suspended.
pub fn suspended_text(path: Option<&Path>, lang: Lang) -> String {
    use i18n::S;
    match path {
        Some(p) => {
            let p = app::shell_quote(&p.display().to_string());
            format!(
                "{}\n  {p}\n  {} kunren play --resume {p}\n  {} kunren verify {p}",
                lang.t(S::SuspendedTitle),
                lang.t(S::SuspendedResume),
                lang.t(S::SealedVerify),
            )
        }
        None => lang.t(S::SuspendedTitle).to_string(),
    }
}

/// The text printed after the console closes with a sealed journal.
pub fn summary_text(s: &app::SealedView, lang: Lang) -> String {
    use i18n::S;
    let status = if s.status == "completed" {
        lang.t(S::StatusCompleted)
    } else {
        lang.t(S::StatusAborted)
    };
    format!(
        "{} — {}\n  {}\n  {}\n  {} {}\n  {} {}",
        lang.t(S::SealedTitle),
        lang.f(S::SealedStatus, &[&status]),
        s.path.display(),
        lang.f(S::SealedRecords, &[&s.records, &s.root]),
        lang.t(S::SealedVerify),
        s.verify_command(),
        lang.t(S::SealedReport),
        s.report_command(),
    )
}

/// The event loop: draw, block on the channel for the next event, update, draw again.
fn run_loop(
    terminal: &mut ratatui::DefaultTerminal,
    app: &mut App,
    tx: std::sync::mpsc::Sender<ConsoleEvent>,
    rx: std::sync::mpsc::Receiver<ConsoleEvent>,
) -> std::io::Result<()> {
    event::spawn_terminal_input(tx)?;
    let size = terminal.size()?;
    app.size = (size.width, size.height);
    terminal.draw(|f| view::render(app, f))?;
    while app.exit.is_none() {
        let ev = match rx.recv() {
            Ok(ConsoleEvent::InputClosed(why)) => {
                return Err(std::io::Error::other(format!("terminal input: {why}")));
            }
            Ok(ev) => ev,
            Err(_) => return Err(std::io::Error::other("terminal input stopped")),
        };
        if update::handle_event(app, &ev) && app.exit.is_none() {
            terminal.draw(|f| view::render(app, f))?;
        }
    }
    Ok(())
}
