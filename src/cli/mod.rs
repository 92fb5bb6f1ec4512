//! Command-line interface: clap definitions, dispatch, and the loaders the commands share.
//! Each command lives in its own file.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::exit::{ExitCode, Failure};
use crate::policy::{self, Policy};
use crate::scenario::load;
use crate::scenario::script::Script;
use crate::scenario::source::{self, Source};

/// Prints a line to stdout, ignoring a closed pipe (`kunren list | head`) instead of panicking.
macro_rules! outln {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout(), $($arg)*);
    }};
}

/// Prints to stdout, ignoring a closed pipe.
macro_rules! out {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = write!(std::io::stdout(), $($arg)*);
    }};
}

mod authoring;
mod balance;
mod check;
mod evidence;
pub mod exercise;
mod msel;
pub mod register;
mod run;

use balance::cmd_balance;
use check::{cmd_check, cmd_list};
use evidence::{cmd_keygen, cmd_replay, cmd_verify};
use run::{RunArgs, cmd_run};

/// The exit codes, for `kunren --help` (see [`ExitCode`]).
const EXIT_CODES_HELP: &str = "Exit codes: 0 ok; 1 problems found (diagnostics, \
    a refused actions script, a journal valid but unsealed); 2 integrity failure or divergent \
    replay; 3 usage or I/O error; 4 journal written under other rules (reserved).";

/// kunren — terminal cyber-drill and tabletop-exercise simulator.
#[derive(Debug, Parser)]
#[command(name = "kunren", version, about, long_about = None, after_help = EXIT_CODES_HELP)]
pub struct Cli {
    /// What to do; without a command, plays the default drill.
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Interface language for every command that has one: en or ja (`kunren --lang ja play`);
    /// a command's own `--lang` wins.
    #[arg(long = "lang", id = "global_lang", value_name = "LANG", value_parser = ["en", "ja"])]
    pub lang: Option<String>,
}

/// Output format for `run`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Human-readable text.
    Text,
    /// One JSON object per turn, then a summary object.
    Json,
}

/// Output format of `check` and `balance`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DocFormat {
    /// Human-readable text.
    Text,
    /// One JSON document (`check`: the diagnostics; `balance`: the whole batch report).
    Json,
}

/// Which automatic player to use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PolicyKind {
    /// Does nothing.
    Idle,
    /// Random affordable actions.
    Random,
    /// The scenario's reference response.
    Expert,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run a drill live in the facilitator console (the terminal UI). Without flags, a setup
    /// screen asks for the scenario and the people; the journal is always written.
    Play {
        /// Scenario file (default: the built-in default drill).
        scenario: Option<String>,
        /// Organisation file (default: the one the scenario names).
        #[arg(long)]
        org: Option<String>,
        /// Seed for the drill's random rolls (default: random, recorded in the journal).
        #[arg(long)]
        seed: Option<u64>,
        /// Write the evidence journal here (must not exist yet; default
        /// `./kunren-journals/<drill-id>.jsonl`).
        #[arg(long, conflicts_with = "resume")]
        journal: Option<PathBuf>,
        /// Facilitator's name (with at least one --participant, skips the setup screen).
        #[arg(long)]
        facilitator: Option<String>,
        /// A participant and their role, as "Name:role"; repeat for each person.
        #[arg(long = "participant", value_name = "NAME:ROLE")]
        participants: Vec<String>,
        /// Interface language: en or ja (default: the scenario's language).
        #[arg(long, value_parser = ["en", "ja"])]
        lang: Option<String>,
        /// Continue an interrupted drill from its journal.
        #[arg(long, value_name = "JOURNAL")]
        resume: Option<PathBuf>,
        /// Sign the journal's checkpoints with this private key (see `kunren keygen`).
        #[arg(long, value_name = "FILE")]
        key: Option<PathBuf>,
        /// Date of the previous drill (YYYY-MM-DD), shown in the report.
        #[arg(long)]
        previous_drill: Option<String>,
        /// The drill register's directory (see `kunren register`): the open improvement items
        /// of earlier drills are listed for the hotwash to mark done, in progress or dropped,
        /// and --previous-drill defaults to the date of its last completed drill.
        #[arg(long, value_name = "DIR", conflicts_with = "resume")]
        register: Option<PathBuf>,
        /// The organisation's own incident-response plan under test: the file's SHA-256 goes
        /// into the journal header and the report names the plan (default: the drill tests the
        /// scenario's model response).
        #[arg(long, value_name = "FILE", conflicts_with = "resume")]
        plan: Option<PathBuf>,
        /// Title of the plan named by --plan.
        #[arg(long, requires = "plan")]
        plan_title: Option<String>,
        /// Version of the plan named by --plan.
        #[arg(long, requires = "plan")]
        plan_version: Option<String>,
        /// AAR/IP overview facts.
        #[command(flatten)]
        exercise: exercise::ExerciseArgs,
        /// SSH seats (`--serve`, `--seat`).
        #[command(flatten)]
        serve: exercise::ServeFlags,
        /// Limits on the files read.
        #[command(flatten)]
        read: ReadArgs,
    },
    /// Practise without a facilitator: you (or a small team) play the roles you name at the
    /// console; the scenario's reference response plays every other role. Hints on request
    /// (`h`) show the model answer's next step for your roles; the end screen sets your steps
    /// beside the model answer's. Same engine, journal and report as `play`.
    Practice {
        /// Scenario file (default: the built-in default drill).
        scenario: Option<String>,
        /// A role you play; repeat for each (the reference response plays the others).
        #[arg(long = "role", value_name = "ROLE", required_unless_present = "resume")]
        roles: Vec<String>,
        /// Your name (recorded as the player of your roles; default: your user name).
        #[arg(long)]
        name: Option<String>,
        /// For a small team: a person and the role they play, as "Name:role" (each role
        /// among the --role given); roles no one is named for are played under --name.
        #[arg(long = "participant", value_name = "NAME:ROLE")]
        participants: Vec<String>,
        /// Organisation file (default: the one the scenario names).
        #[arg(long)]
        org: Option<String>,
        /// Seed for the drill's random rolls (default: random, recorded in the journal).
        #[arg(long)]
        seed: Option<u64>,
        /// Write the evidence journal here (must not exist yet; default
        /// `./kunren-journals/<drill-id>.jsonl`).
        #[arg(long, conflicts_with = "resume")]
        journal: Option<PathBuf>,
        /// Interface language: en or ja (default: the scenario's language).
        #[arg(long, value_parser = ["en", "ja"])]
        lang: Option<String>,
        /// Continue an interrupted practice drill from its journal.
        #[arg(long, value_name = "JOURNAL")]
        resume: Option<PathBuf>,
        /// Sign the journal's checkpoints with this private key (see `kunren keygen`).
        #[arg(long, value_name = "FILE")]
        key: Option<PathBuf>,

        /// Limits on the files read.
        #[command(flatten)]
        read: ReadArgs,
    },
    /// Play a drill headless and print the turn-by-turn table.
    Run {
        /// Scenario file (default: the built-in default drill).
        scenario: Option<String>,
        /// Organisation file (default: the one the scenario names).
        #[arg(long)]
        org: Option<String>,
        /// Automatic player.
        #[arg(long, value_enum, conflicts_with = "actions")]
        policy: Option<PolicyKind>,
        /// Actions script (RON) to play instead of a policy.
        #[arg(long)]
        actions: Option<String>,
        /// Seed for the drill's random rolls.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// Write the evidence journal here (must not exist yet).
        #[arg(long)]
        journal: Option<PathBuf>,
        /// Sign the journal's checkpoints with this private key (see `kunren keygen`).
        #[arg(long, requires = "journal")]
        key: Option<PathBuf>,
        /// Facilitator's name for the journal (default: the script's, else "facilitator").
        #[arg(long)]
        facilitator: Option<String>,
        /// Continue an interrupted drill from its journal (the scenario comes from its header).
        #[arg(long, conflicts_with = "journal")]
        resume: Option<PathBuf>,
        /// Language of the drill record and report (default: the scenario's).
        #[arg(long, value_parser = ["en", "ja"])]
        lang: Option<String>,
        /// Date of the previous drill (YYYY-MM-DD), for the report (default: the script's).
        #[arg(long)]
        previous_drill: Option<String>,
        /// The drill register's directory (see `kunren register`): lists the open improvement
        /// items of earlier drills, checks the actions script's item updates against them, and
        /// fills --previous-drill with the date of its last completed drill.
        #[arg(long, value_name = "DIR", conflicts_with = "resume")]
        register: Option<PathBuf>,
        /// The organisation's own incident-response plan under test: the file's SHA-256 goes
        /// into the journal header and the report names the plan (default: the drill tests the
        /// scenario's model response).
        #[arg(long, value_name = "FILE", conflicts_with = "resume")]
        plan: Option<PathBuf>,
        /// Title of the plan named by --plan.
        #[arg(long, requires = "plan")]
        plan_title: Option<String>,
        /// Version of the plan named by --plan.
        #[arg(long, requires = "plan")]
        plan_version: Option<String>,
        /// AAR/IP overview facts.
        #[command(flatten)]
        exercise: exercise::ExerciseArgs,
        /// Limits on the files read.
        #[command(flatten)]
        read: ReadArgs,
    },
    /// Check a journal's integrity (read-only). Exit 0 valid and sealed, 1 valid but unsealed or
    /// torn tail, 2 integrity failure, 3 usage or I/O error.
    Verify {
        /// The journal.
        journal: PathBuf,
        /// Public key file to check checkpoint signatures with.
        #[arg(long)]
        pubkey: Option<PathBuf>,
        /// A checkpoint kept outside the journal (tree size and root) that it must still contain.
        #[arg(long)]
        checkpoint: Option<PathBuf>,
        /// Machine-readable output.
        #[arg(long)]
        json: bool,
    },
    /// Re-run a journal's recorded inputs and compare every score line and rating. Exit 0
    /// identical, 2 divergent or damaged journal, 3 journal, scenario or organisation missing or
    /// different.
    Replay {
        /// The journal.
        journal: PathBuf,
        /// Scenario file (default: the path in the journal's header).
        #[arg(long)]
        scenario: Option<String>,
        /// Organisation file (default: the path in the journal's header).
        #[arg(long)]
        org: Option<String>,
        /// Language of a load failure's diagnostics: en or ja (default: the top-level
        /// `--lang`, else en).
        #[arg(long, value_parser = ["en", "ja"])]
        lang: Option<String>,
        /// Limits on the files read.
        #[command(flatten)]
        read: ReadArgs,
    },
    /// Make an Ed25519 key pair for signing journals: FILE (private) and FILE.pub (public).
    Keygen {
        /// Private key file to create.
        #[arg(long)]
        out: PathBuf,
    },
    /// Play a scenario many times with an automatic player and report the spread of scores,
    /// ratings, endings, and how often each inject and stage happens.
    Balance {
        /// Scenario file (default: the built-in default drill).
        scenario: Option<String>,
        /// Organisation file (default: the one the scenario names).
        #[arg(long)]
        org: Option<String>,
        /// Automatic player.
        #[arg(long, value_enum, default_value_t = PolicyKind::Expert)]
        policy: PolicyKind,
        /// Number of runs.
        #[arg(long, default_value_t = 200)]
        runs: u32,
        /// First seed; runs use consecutive seeds.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Output format.
        #[arg(long, value_enum, default_value_t = DocFormat::Text)]
        format: DocFormat,
        /// Threads to spread the runs over (default: every core); the report is the same for
        /// any number.
        #[arg(long)]
        threads: Option<usize>,
        /// Language of a load failure's diagnostics: en or ja (default: the top-level
        /// `--lang`, else en).
        #[arg(long, value_parser = ["en", "ja"])]
        lang: Option<String>,
        /// Limits on the files read.
        #[command(flatten)]
        read: ReadArgs,
    },
    /// Validate scenarios, organisations, action catalogues and regimes. Exit 0 no errors, 1
    /// errors found, 3 a file cannot be read.
    Check {
        /// Files to check.
        #[arg(required = true)]
        paths: Vec<String>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = DocFormat::Text)]
        format: DocFormat,
        /// Language of the summary line: en or ja (default: the top-level `--lang`, else en;
        /// the diagnostics' messages are English).
        #[arg(long, value_parser = ["en", "ja"])]
        lang: Option<String>,
        /// Limits on the files read.
        #[command(flatten)]
        read: ReadArgs,
    },
    /// List the shipped scenarios and organisations.
    List {
        /// Language of the headings: en or ja (default: the top-level `--lang`, else en).
        #[arg(long, value_parser = ["en", "ja"])]
        lang: Option<String>,
    },
    /// Draw a scenario as a graph: injects, decisions and options, stages, flags and endings,
    /// with the edges that trigger them (Graphviz DOT or a Mermaid flowchart).
    Graph {
        /// Scenario file (default: the built-in default drill).
        scenario: Option<String>,
        /// Organisation file (default: the one the scenario names).
        #[arg(long)]
        org: Option<String>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = crate::graph::GraphFormat::Dot)]
        format: crate::graph::GraphFormat,
        /// Output file (default: stdout).
        #[arg(short = 'o', long)]
        out: Option<PathBuf>,
    },
    /// The MSEL (master scenario events list) as a spreadsheet: export a scenario's injects to
    /// CSV, or import an edited sheet back into the scenario file.
    Msel {
        /// Export or import.
        #[command(subcommand)]
        action: MselAction,
    },
    /// Write an ATT&CK Navigator layer (format 4.5): of a scenario, the techniques its campaign
    /// uses; of a journal, what the attacker reached, was halted at or was detected at.
    Navigator {
        /// A scenario (`.ron`) or a journal (`.jsonl`), told apart by content.
        file: PathBuf,
        /// Output file (default: stdout).
        #[arg(short = 'o', long)]
        out: Option<PathBuf>,
    },
    /// Write the after-action report and improvement plan (AAR/IP) of a journal. Exit 0
    /// written, 2 the journal fails verification, 3 I/O error.
    Report {
        /// The journal.
        journal: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value_t = crate::report::Format::Md)]
        format: crate::report::Format,
        /// Output file (default: `<journal>.aar.md` or `.aar.html` next to the journal; `-`
        /// for stdout).
        #[arg(short = 'o', long)]
        out: Option<PathBuf>,
        /// Write the redacted edition: participants' names replaced by their roles, private
        /// notes left out (default output `<journal>.aar.redacted.md` / `.html`).
        #[arg(long)]
        redact: bool,
        /// Check the checkpoint signatures with this public key (the evidence grade becomes
        /// "signature verified"); a journal whose signatures do not match it is refused (exit 2).
        #[arg(long, value_name = "FILE")]
        pubkey: Option<PathBuf>,
        /// Language of the report and of the lines on stderr: en or ja (default: the
        /// top-level `--lang`, else the drill's language).
        #[arg(long, value_parser = ["en", "ja"])]
        lang: Option<String>,
    },
    /// The drill register: every journal under DIR (recursively) verified and listed in date
    /// order with its ratings, clocks and evidence; the ratings trend, the next drill due and
    /// the improvement plan tracked across drills. Exit 0 every journal verified, 1 any failed
    /// or was left out, 2 none could be read, 3 I/O error.
    Register(register::RegisterArgs),
}

/// `kunren msel` subcommands.
#[derive(Debug, Subcommand)]
pub enum MselAction {
    /// Write the scenario's injects as an MSEL sheet (CSV, UTF-8).
    Export {
        /// Scenario file (default: the built-in default drill).
        scenario: Option<String>,
        /// Organisation file (default: the one the scenario names).
        #[arg(long)]
        org: Option<String>,
        /// Output file (default: stdout).
        #[arg(short = 'o', long)]
        out: Option<PathBuf>,
        /// Start with a UTF-8 byte-order mark, so that Excel shows Japanese.
        #[arg(long)]
        bom: bool,
    },
    /// Apply an edited MSEL sheet to the scenario's injects, changing only the fields that
    /// differ (comments and layout are kept). Exit 0 applied or nothing to change, 1 problems in
    /// the sheet (the scenario is unchanged), 3 a file cannot be read or written. The
    /// problems are in the top-level `--lang` (`kunren --lang ja msel import …`).
    Import {
        /// The edited sheet (CSV).
        sheet: PathBuf,
        /// The scenario file to update.
        #[arg(long)]
        into: String,
        /// Say what would change without writing.
        #[arg(long)]
        dry_run: bool,
    },
}

/// Limits on the authored files a command reads (scenarios, organisations, actions scripts).
#[derive(Debug, Clone, Default, Args)]
pub struct ReadArgs {
    /// Largest scenario, organisation or actions-script file to read, in bytes or with a K, M
    /// or G suffix (default 16M); a larger file is refused (K0010).
    #[arg(long, value_name = "BYTES", value_parser = source::parse_size)]
    pub max_file_size: Option<u64>,
}

impl Command {
    /// The `--max-file-size` given to this command, if it takes one.
    fn max_file_size(&self) -> Option<u64> {
        match self {
            Command::Play { read, .. }
            | Command::Practice { read, .. }
            | Command::Run { read, .. }
            | Command::Replay { read, .. }
            | Command::Balance { read, .. }
            | Command::Check { read, .. } => read.max_file_size,
            _ => None,
        }
    }
}

/// The language a command's `--lang` (else the top-level one) asks for, for commands with no
/// drill language of their own (`check`, `list`, `balance`, `replay`): English when none is
/// given.
fn lang_or_en(tag: Option<&str>) -> crate::i18n::Lang {
    tag.map(crate::i18n::Lang::from_tag_or_en)
        .unwrap_or_default()
}

/// Runs the CLI; returns the exit code.
pub fn main_with(cli: Cli) -> i32 {
    if let Some(bytes) = cli.command.as_ref().and_then(Command::max_file_size) {
        source::set_max_file_size(bytes);
    }
    let global_lang = cli.lang;
    let result = match cli.command {
        None => crate::tui::play(crate::tui::PlayArgs {
            lang: global_lang,
            ..crate::tui::PlayArgs::default()
        }),
        Some(Command::Play {
            scenario,
            org,
            seed,
            journal,
            facilitator,
            participants,
            lang,
            resume,
            key,
            previous_drill,
            register,
            plan,
            plan_title,
            plan_version,
            exercise,
            serve,
            ..
        }) => plan_arg(plan.as_deref(), plan_title, plan_version).and_then(|plan| {
            // The console reads the register itself (`--register`): the earlier drills' open
            // items and, when no `--previous-drill` is given, the last completed drill.
            crate::tui::play(crate::tui::PlayArgs {
                scenario,
                org,
                seed,
                journal,
                facilitator,
                participants,
                lang: lang.or(global_lang),
                resume,
                key,
                previous_drill,
                plan,
                exercise: exercise.facts(),
                practice: Vec::new(),
                serve: serve.args(),
                register: register.clone(),
            })
        }),
        Some(Command::Practice {
            scenario,
            roles,
            name,
            participants,
            org,
            seed,
            journal,
            lang,
            resume,
            key,
            ..
        }) => crate::tui::play(crate::tui::PlayArgs {
            scenario,
            org,
            seed,
            journal,
            facilitator: name,
            participants,
            lang: lang.or(global_lang),
            resume,
            key,
            practice: roles,
            ..crate::tui::PlayArgs::default()
        }),
        Some(Command::Run {
            scenario,
            org,
            policy,
            actions,
            seed,
            format,
            journal,
            key,
            facilitator,
            resume,
            lang,
            previous_drill,
            register,
            plan,
            plan_title,
            plan_version,
            exercise,
            ..
        }) => plan_arg(plan.as_deref(), plan_title, plan_version)
            .and_then(|plan| {
                cmd_run(RunArgs {
                    scenario,
                    org,
                    policy,
                    actions,
                    seed,
                    json: format == Format::Json,
                    journal,
                    key,
                    facilitator,
                    resume,
                    lang: lang.or(global_lang),
                    previous_drill,
                    register,
                    plan,
                    exercise: exercise.facts(),
                })
            })
            .map(i32::from),
        Some(Command::Verify {
            journal,
            pubkey,
            checkpoint,
            json,
        }) => cmd_verify(&journal, pubkey.as_deref(), checkpoint.as_deref(), json).map(i32::from),
        Some(Command::Replay {
            journal,
            scenario,
            org,
            lang,
            ..
        }) => cmd_replay(
            &journal,
            scenario,
            org,
            lang_or_en(lang.or(global_lang).as_deref()),
        )
        .map(i32::from),
        Some(Command::Keygen { out }) => cmd_keygen(&out).map(i32::from),
        Some(Command::Check {
            paths,
            format,
            lang,
            ..
        }) => cmd_check(&paths, format, lang_or_en(lang.or(global_lang).as_deref())).map(i32::from),
        Some(Command::Balance {
            scenario,
            org,
            policy,
            runs,
            seed,
            format,
            threads,
            lang,
            ..
        }) => cmd_balance(balance::BalanceArgs {
            scenario,
            org,
            kind: policy,
            runs,
            seed,
            format,
            threads,
            lang: lang_or_en(lang.or(global_lang).as_deref()),
        })
        .map(i32::from),
        Some(Command::List { lang }) => {
            cmd_list(lang_or_en(lang.or(global_lang).as_deref())).map(i32::from)
        }
        Some(Command::Graph {
            scenario,
            org,
            format,
            out,
        }) => authoring::cmd_graph(scenario.as_deref(), org.as_deref(), format, out.as_deref())
            .map(i32::from),
        Some(Command::Msel { action }) => match action {
            MselAction::Export {
                scenario,
                org,
                out,
                bom,
            } => msel::cmd_export(scenario.as_deref(), org.as_deref(), out.as_deref(), bom),
            MselAction::Import {
                sheet,
                into,
                dry_run,
            } => msel::cmd_import(&sheet, &into, dry_run, lang_or_en(global_lang.as_deref())),
        }
        .map(i32::from),
        Some(Command::Navigator { file, out }) => {
            authoring::cmd_navigator(&file, out.as_deref()).map(i32::from)
        }
        Some(Command::Report {
            journal,
            format,
            out,
            redact,
            pubkey,
            lang,
        }) => {
            let lang = lang
                .or(global_lang)
                .as_deref()
                .and_then(crate::i18n::Lang::parse);
            crate::report::command_keyed(
                &journal,
                format,
                out.as_deref(),
                redact,
                pubkey.as_deref(),
                lang,
            )
            .map(i32::from)
            .map_err(|e| {
                // Before the journal is read its language is not known: the one asked for.
                let lang = lang.unwrap_or_default();
                error_in(e.exit_code(), lang, &e.message(lang))
            })
        }
        Some(Command::Register(args)) => register::cmd_register(args).map(i32::from),
    };
    match result {
        Ok(code) => code,
        Err(f) => {
            if !f.message.is_empty() {
                // Messages quote paths and text from files other people wrote.
                eprintln!("{}", crate::text::printable(f.message.trim_end()));
            }
            f.code
        }
    }
}

/// Exits for a command line clap cannot parse: its message on stderr and a usage error
/// (help and version go to stdout with success).
pub fn usage_error(e: &clap::Error) -> i32 {
    let _ = e.print();
    if e.use_stderr() {
        ExitCode::UsageOrIo.code()
    } else {
        ExitCode::Success.code()
    }
}

/// The plan named by `--plan`, hashed (usage or I/O error when the file cannot be read).
fn plan_arg(
    plan: Option<&Path>,
    title: Option<String>,
    version: Option<String>,
) -> Result<Option<crate::records::PlanFacts>, Failure> {
    plan.map(|p| {
        crate::session::plan_facts(p, title.as_deref(), version.as_deref())
            .map_err(|e| Failure::new(ExitCode::UsageOrIo, format!("error: {e}")))
    })
    .transpose()
}

/// Reads and parses an actions script (a regular file within the size limit, UTF-8).
pub fn load_script(path: &str) -> Result<Script, Failure> {
    let refused = |d: crate::scenario::Diagnostic| {
        let d = d.help(crate::i18n::diagnostics::D::actions_path_help);
        Failure::new(ExitCode::UsageOrIo, d.render(None))
    };
    let bytes = source::read_file(Path::new(path), source::max_file_size())
        .map_err(|e| refused(e.diagnostic(path)))?;
    let text = String::from_utf8(bytes).map_err(|_| {
        refused(crate::scenario::Diagnostic::error(
            "K0001",
            path,
            crate::i18n::diagnostics::D::script_not_utf8,
        ))
    })?;
    let src = Source::new(path, text);
    load::parse_source::<Script>(&src)
        .map_err(|d| Failure::new(ExitCode::Problems, d.render(Some(&src.text))))
}

/// A failure from the journal or the session, with the code the error says, in `lang`
/// (a journal's own error keeps its text).
pub(super) fn session_failure(
    e: &crate::session::SessionError,
    lang: crate::i18n::Lang,
) -> Failure {
    error_in(e.exit_code(), lang, &e.message(lang))
}

/// A failure whose message is `error: {message}` in `lang` (the command line's framing line).
pub(super) fn error_in(code: impl Into<i32>, lang: crate::i18n::Lang, message: &str) -> Failure {
    let line = crate::i18n::report::fill(lang.cli_text().error, &[("message", &message)]);
    Failure::new(code, line)
}

/// Reads a journal and loads the bundle it was recorded with (its header's paths unless
/// overridden, confined to the journal's folder, the working directory and the built-ins; see
/// [`load::load_for_journal`]), checking the sources' hashes: the journal's own error code when
/// it cannot be read, usage or I/O when the sources are missing, refused or different.
pub fn bundle_for_journal(
    journal: &Path,
    scenario: Option<&str>,
    org: Option<&str>,
) -> Result<(Arc<load::Bundle>, crate::journal::JournalContents), Failure> {
    bundle_for_journal_in(journal, scenario, org, crate::i18n::Lang::En)
}

/// [`bundle_for_journal`] with the diagnostics and the lines around them in `lang` (a
/// journal's own error and the sources' mismatch keep their text).
pub fn bundle_for_journal_in(
    journal: &Path,
    scenario: Option<&str>,
    org: Option<&str>,
    lang: crate::i18n::Lang,
) -> Result<(Arc<load::Bundle>, crate::journal::JournalContents), Failure> {
    use crate::i18n::report::fill;
    let t = lang.cli_text();
    let contents =
        crate::journal::read_journal(journal).map_err(|e| Failure::error(e.exit_code(), e))?;
    let h = &contents.header;
    let bundle = load::load_for_journal_or_fail_in(
        journal,
        &h.scenario_path,
        &h.org_path,
        scenario,
        org,
        lang,
    )
    .map_err(|f| {
        Failure::new(
            ExitCode::UsageOrIo,
            format!("{}\n{}", t.load_failed, f.message),
        )
    })?;
    crate::session::check_sources(h, &bundle).map_err(|e| {
        Failure::new(
            ExitCode::UsageOrIo,
            format!("{}\n{}", fill(t.error, &[("message", &e)]), t.exact_files),
        )
    })?;
    Ok((bundle, contents))
}

pub(super) fn make_policy(kind: PolicyKind, seed: u64) -> Box<dyn Policy> {
    match kind {
        PolicyKind::Idle => Box::new(policy::Idle),
        PolicyKind::Random => Box::new(policy::RandomPolicy::new(seed)),
        PolicyKind::Expert => Box::new(policy::Expert::default()),
    }
}
