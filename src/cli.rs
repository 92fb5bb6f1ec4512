//! Command-line interface: clap definitions and the commands behind them.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use clap::{Parser, Subcommand, ValueEnum};

use crate::policy::{self, Policy};
use crate::scenario::load::{self, Source};
use crate::scenario::script::Script;
use crate::scenario::{Diagnostic, Severity, validate};
use crate::session::{Drill, DrillMeta};

/// kunren — terminal cyber-drill and tabletop-exercise simulator.
#[derive(Debug, Parser)]
#[command(name = "kunren", version, about, long_about = None)]
pub struct Cli {
    /// What to do; without a command, plays the default drill.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Output format for `run`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Human-readable text.
    Text,
    /// One JSON object per turn, then a summary object.
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
    /// identical, 2 divergent, 3 scenario or organisation missing or different.
    Replay {
        /// The journal.
        journal: PathBuf,
        /// Scenario file (default: the path in the journal's header).
        #[arg(long)]
        scenario: Option<String>,
        /// Organisation file (default: the path in the journal's header).
        #[arg(long)]
        org: Option<String>,
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
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Validate scenarios, organisations, action catalogues and regimes.
    Check {
        /// Files to check.
        #[arg(required = true)]
        paths: Vec<String>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// List the shipped scenarios and organisations.
    List,
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
    },
}

/// A command's failure: the message and the exit code.
#[derive(Debug)]
pub struct Failure {
    /// Exit code.
    pub code: i32,
    /// Message for stderr.
    pub message: String,
}

impl Failure {
    /// A failure with a code.
    pub fn new(code: i32, message: impl Into<String>) -> Self {
        Failure {
            code,
            message: message.into(),
        }
    }
}

/// Runs the CLI; returns the exit code.
pub fn main_with(cli: Cli) -> i32 {
    let result = match cli.command {
        None => crate::tui::play(crate::tui::PlayArgs::default()),
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
        }) => crate::tui::play(crate::tui::PlayArgs {
            scenario,
            org,
            seed,
            journal,
            facilitator,
            participants,
            lang,
            resume,
            key,
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
        }) => cmd_run(RunArgs {
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
        }),
        Some(Command::Verify {
            journal,
            pubkey,
            checkpoint,
            json,
        }) => cmd_verify(&journal, pubkey.as_deref(), checkpoint.as_deref(), json),
        Some(Command::Replay {
            journal,
            scenario,
            org,
        }) => cmd_replay(&journal, scenario, org),
        Some(Command::Keygen { out }) => cmd_keygen(&out),
        Some(Command::Check { paths, format }) => cmd_check(&paths, format),
        Some(Command::Balance {
            scenario,
            org,
            policy,
            runs,
            seed,
            format,
        }) => cmd_balance(scenario, org, policy, runs, seed, format),
        Some(Command::List) => cmd_list(),
        Some(Command::Report {
            journal,
            format,
            out,
        }) => crate::report::command(&journal, format, out.as_deref())
            .map_err(|e| Failure::new(e.exit_code(), format!("error: {e}"))),
    };
    match result {
        Ok(code) => code,
        Err(f) => {
            if !f.message.is_empty() {
                eprintln!("{}", f.message.trim_end());
            }
            f.code
        }
    }
}

/// Loads the scenario bundle or fails with rendered diagnostics (exit 2 for I/O, 1 for problems).
pub fn load_or_fail(
    scenario: Option<&str>,
    org: Option<&str>,
) -> Result<Arc<load::Bundle>, Failure> {
    let path = scenario.unwrap_or(load::DEFAULT_SCENARIO);
    match load::load_bundle(path, org) {
        Ok((bundle, _warnings)) => Ok(Arc::new(bundle)),
        Err(errs) => {
            let io = errs.diagnostics.iter().any(|d| d.code == "K0001");
            Err(Failure::new(if io { 2 } else { 1 }, errs.render()))
        }
    }
}

/// Reads and parses an actions script.
pub fn load_script(path: &str) -> Result<Script, Failure> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| Failure::new(2, format!("error: cannot read actions script {path}: {e}")))?;
    let src = Source::new(path, text);
    load::parse_source::<Script>(&src).map_err(|d| Failure::new(1, d.render(Some(&src.text))))
}

/// Arguments of `run`.
#[derive(Debug, Default)]
struct RunArgs {
    scenario: Option<String>,
    org: Option<String>,
    policy: Option<PolicyKind>,
    actions: Option<String>,
    seed: u64,
    json: bool,
    journal: Option<PathBuf>,
    key: Option<PathBuf>,
    facilitator: Option<String>,
    resume: Option<PathBuf>,
}

fn journal_failure(e: impl std::fmt::Display) -> Failure {
    Failure::new(2, format!("error: {e}"))
}

/// Loads the bundle a journal was recorded with (its header's paths unless overridden) and
/// checks the sources' hashes.
pub fn bundle_for_journal(
    journal: &Path,
    scenario: Option<&str>,
    org: Option<&str>,
) -> Result<Arc<load::Bundle>, Failure> {
    let contents = crate::journal::read_journal(journal)
        .map_err(|e| Failure::new(2, format!("error: {e}")))?;
    let h = &contents.header;
    let bundle = load_or_fail(
        Some(scenario.unwrap_or(&h.scenario_path)),
        Some(org.unwrap_or(&h.org_path)),
    )
    .map_err(|f| {
        Failure::new(
            3,
            format!(
                "error: cannot load the drill's scenario or organisation:\n{}",
                f.message
            ),
        )
    })?;
    crate::session::check_sources(h, &bundle).map_err(|e| {
        Failure::new(
            3,
            format!("error: {e}\nuse --scenario/--org to point at the exact files used"),
        )
    })?;
    Ok(bundle)
}

fn cmd_run(args: RunArgs) -> Result<i32, Failure> {
    let bundle = match &args.resume {
        Some(j) => bundle_for_journal(j, args.scenario.as_deref(), args.org.as_deref())?,
        None => load_or_fail(args.scenario.as_deref(), args.org.as_deref())?,
    };
    let script = match &args.actions {
        Some(path) => Some(load_script(path)?),
        None => None,
    };
    let key = match &args.key {
        Some(k) => Some(crate::journal::load_signing_key(k).map_err(journal_failure)?),
        None => None,
    };
    let meta = DrillMeta {
        title: script.as_ref().and_then(|s| s.title.clone()),
        facilitator: args
            .facilitator
            .clone()
            .or_else(|| script.as_ref().and_then(|s| s.facilitator.clone()))
            .unwrap_or_else(|| "facilitator".into()),
        participants: script
            .as_ref()
            .map(|s| {
                s.participants
                    .iter()
                    .map(|p| crate::journal::Participant {
                        name: p.name.clone(),
                        role: p.role.clone(),
                    })
                    .collect()
            })
            .unwrap_or_default(),
        language: None,
        timezone: "Asia/Tokyo".into(),
        mode: "headless".into(),
    };
    let mut drill = match &args.resume {
        Some(j) => {
            let (mut drill, written) =
                Drill::resume(j, bundle.clone(), key).map_err(journal_failure)?;
            let turn = drill.engine().turn();
            eprintln!(
                "resumed {} at turn {turn} ({written} cut-off record(s) rewritten)",
                j.display()
            );
            drill
        }
        None => Drill::start(
            bundle.clone(),
            args.seed,
            &meta,
            args.journal.as_deref(),
            key,
        )
        .map_err(journal_failure)?,
    };
    let mut player: Box<dyn Policy> = match (&script, args.policy) {
        (Some(script), _) => {
            policy::check_script(script, drill.engine())
                .map_err(|e| Failure::new(1, format!("error: {e}")))?;
            Box::new(policy::Scripted::new(script.clone()))
        }
        (None, kind) => make_policy(kind.unwrap_or(PolicyKind::Expert), args.seed),
    };
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let max = bundle.scenario.max_turns;
    let result = crate::run::play_drill(&mut drill, player.as_mut(), script.as_ref(), |report| {
        let text = if args.json {
            serde_json::to_string(report).unwrap_or_default() + "\n"
        } else {
            crate::run::render_turn(report, max)
        };
        let _ = out.write_all(text.as_bytes());
    });
    let summary = match result {
        Ok(s) => s,
        Err(e) => {
            let journal = drill.journal_path();
            let sealed = drill.close(&format!("stopped: {e}"));
            let mut msg = format!("error: {e}");
            if let (Some(p), Ok(Some(_))) = (journal, sealed) {
                msg.push_str(&format!(
                    "\nthe journal {} was sealed as aborted",
                    p.display()
                ));
            }
            return Err(Failure::new(1, msg));
        }
    };
    let journal = drill.journal_path();
    let seal = drill.close("").map_err(journal_failure)?;
    let text = if args.json {
        serde_json::to_string(&serde_json::json!({ "summary": summary })).unwrap_or_default() + "\n"
    } else {
        let mut t = crate::run::render_summary(&summary);
        if let (Some(p), Some(seal)) = (journal, seal) {
            t.push_str(&format!(
                "  journal {} sealed: {} records, Merkle root {}\n  verify with: kunren verify {}\n",
                p.display(),
                seal.records,
                seal.anchor.root,
                p.display()
            ));
        }
        t
    };
    let _ = out.write_all(text.as_bytes());
    Ok(0)
}

fn cmd_verify(
    journal: &Path,
    pubkey: Option<&Path>,
    checkpoint: Option<&Path>,
    json: bool,
) -> Result<i32, Failure> {
    let report = crate::journal::verify_files(journal, pubkey, checkpoint);
    if json {
        println!("{}", report.render_json());
    } else {
        print!("{}", report.render_text());
    }
    Ok(report.outcome.exit_code())
}

fn cmd_keygen(out: &Path) -> Result<i32, Failure> {
    let files = crate::journal::keygen(out).map_err(|e| Failure::new(3, format!("error: {e}")))?;
    println!("private key: {} (keep it secret)", files.private.display());
    println!(
        "public key:  {} (give it to the inspector)",
        files.public.display()
    );
    println!("key id:      {}", files.key_id);
    Ok(0)
}

fn cmd_replay(
    journal: &Path,
    scenario: Option<String>,
    org: Option<String>,
) -> Result<i32, Failure> {
    let contents = crate::journal::read_journal(journal)
        .map_err(|e| Failure::new(2, format!("error: {e}")))?;
    let h = &contents.header;
    let scenario_path = scenario.unwrap_or_else(|| h.scenario_path.clone());
    let org_path = org.unwrap_or_else(|| h.org_path.clone());
    let bundle = match load::load_bundle(&scenario_path, Some(&org_path)) {
        Ok((b, _)) => Arc::new(b),
        Err(e) => {
            return Err(Failure::new(
                3,
                format!(
                    "error: cannot load the drill's scenario or organisation:\n{}",
                    e.render()
                ),
            ));
        }
    };
    if let Err(e) = crate::session::check_sources(h, &bundle) {
        return Err(Failure::new(
            3,
            format!("error: {e}\nuse --scenario/--org to point at the exact files used"),
        ));
    }
    let mut replayer = crate::session::Replayer::new(bundle, h.seed);
    for r in &contents.records {
        if let Err(e) = replayer.feed(r) {
            println!("replay of {}: DIVERGENT", journal.display());
            return Err(Failure::new(2, format!("{e}")));
        }
    }
    let missing = replayer.finish();
    let score_lines = contents
        .records
        .iter()
        .filter(|r| r.kind == crate::journal::RecordKind::ScoreLine)
        .count();
    println!(
        "replay of {}: identical — {} output records compared ({} score lines), final total {}",
        journal.display(),
        replayer.compared,
        score_lines,
        replayer.engine.summary().total
    );
    if !missing.is_empty() {
        println!(
            "note: the journal stops {} engine record(s) short of the end of its last turn (interrupted)",
            missing.len()
        );
    }
    Ok(0)
}

fn make_policy(kind: PolicyKind, seed: u64) -> Box<dyn Policy> {
    match kind {
        PolicyKind::Idle => Box::new(policy::Idle),
        PolicyKind::Random => Box::new(policy::RandomPolicy::new(seed)),
        PolicyKind::Expert => Box::new(policy::Expert::default()),
    }
}

fn cmd_balance(
    scenario: Option<String>,
    org: Option<String>,
    kind: PolicyKind,
    runs: u32,
    seed: u64,
    format: Format,
) -> Result<i32, Failure> {
    use std::io::IsTerminal;
    if runs == 0 {
        return Err(Failure::new(2, "error: --runs must be at least 1"));
    }
    let bundle = load_or_fail(scenario.as_deref(), org.as_deref())?;
    let tty = std::io::stderr().is_terminal();
    let name = format!("{kind:?}").to_lowercase();
    let report = crate::balance::run_batch(
        &bundle,
        &name,
        |s| make_policy(kind, s),
        runs,
        seed,
        |done, total| {
            if tty && (done == total || done % 10 == 0) {
                eprint!("\r  {done}/{total} runs");
                if done == total {
                    eprintln!();
                }
            }
        },
    );
    match format {
        Format::Text => print!("{}", crate::balance::render(&report)),
        Format::Json => println!(
            "{}",
            serde_json::to_string_pretty(&report).unwrap_or_default()
        ),
    }
    Ok(0)
}

/// The kind of file, from its top-level struct name (`Scenario(`, `Org(`, …).
fn detect_kind(text: &str) -> &'static str {
    let first = text
        .lines()
        .map(|l| l.split("//").next().unwrap_or("").trim())
        .find(|l| !l.is_empty() && !l.starts_with("#!"))
        .unwrap_or("");
    let name: String = first
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect();
    ["Scenario", "Org", "Catalogue", "Regime", "Script"]
        .into_iter()
        .find(|k| *k == name)
        .unwrap_or("unknown")
}

fn check_one(path: &str) -> (Vec<Diagnostic>, Vec<Source>) {
    let src = match Source::read(path) {
        Ok(s) => s,
        Err(d) => return (vec![*d], vec![]),
    };
    let sources = vec![src.clone()];
    let one = |d: Box<Diagnostic>| (vec![*d], sources.clone());
    match detect_kind(&src.text) {
        "Scenario" => match load::load_bundle(path, None) {
            Ok((_, warnings)) => (warnings, sources),
            Err(e) => (e.diagnostics, e.sources),
        },
        "Org" => match load::parse_source::<crate::scenario::Org>(&src) {
            Ok(org) => (validate::validate_org(&org, &src), sources),
            Err(d) => one(d),
        },
        "Catalogue" => match load::parse_source::<crate::scenario::Catalogue>(&src) {
            Ok(c) => (validate::validate_catalogue(&c, &src), sources),
            Err(d) => one(d),
        },
        "Regime" => match load::parse_source::<crate::scenario::Regime>(&src) {
            Ok(r) => (validate::validate_regime(&r, &src), sources),
            Err(d) => one(d),
        },
        "Script" => match load::parse_source::<Script>(&src) {
            Ok(_) => (vec![], sources),
            Err(d) => one(d),
        },
        _ => (
            vec![
                Diagnostic::error("K0002", path, "not a kunren file: expected `Scenario(`, `Org(`, `Catalogue(`, `Regime(` or `Script(` at the top")
                    .at((1, 1)),
            ],
            sources,
        ),
    }
}

fn cmd_check(paths: &[String], format: Format) -> Result<i32, Failure> {
    let mut all = Vec::new();
    let mut sources = Vec::new();
    for p in paths {
        let (d, s) = check_one(p);
        all.extend(d);
        sources.extend(s);
    }
    let io = all.iter().any(|d| d.code == "K0001");
    let errors = all.iter().filter(|d| d.severity == Severity::Error).count();
    let warnings = all
        .iter()
        .filter(|d| d.severity == Severity::Warning)
        .count();
    match format {
        Format::Json => {
            let v =
                serde_json::json!({ "diagnostics": all, "errors": errors, "warnings": warnings });
            println!("{}", serde_json::to_string_pretty(&v).unwrap_or_default());
        }
        Format::Text => {
            for d in &all {
                let src = sources
                    .iter()
                    .find(|s| s.path == d.file)
                    .map(|s| s.text.as_str());
                eprintln!("{}", d.render(src));
            }
            eprintln!(
                "checked {} file(s): {errors} error(s), {warnings} warning(s)",
                paths.len()
            );
        }
    }
    Ok(if io {
        2
    } else if errors > 0 {
        1
    } else {
        0
    })
}

fn cmd_list() -> Result<i32, Failure> {
    println!("Scenarios (built in; also readable from disk at the same path):");
    for e in load::SCENARIOS {
        let src = Source::new(e.path, e.text);
        match load::parse_source::<crate::scenario::Scenario>(&src) {
            Ok(s) => println!(
                "  {:<52} {} [{} · {} turns × {} min · {}]",
                e.path, s.title, s.sector, s.max_turns, s.turn_minutes, s.language
            ),
            Err(_) => println!("  {:<52} (does not parse)", e.path),
        }
    }
    println!("Organisations:");
    for e in load::ORGS {
        let src = Source::new(e.path, e.text);
        match load::parse_source::<crate::scenario::Org>(&src) {
            Ok(o) => println!(
                "  {:<52} {} [{} · {} assets · {} services]",
                e.path,
                o.name,
                o.sector,
                o.assets.len(),
                o.services.len()
            ),
            Err(_) => println!("  {:<52} (does not parse)", e.path),
        }
    }
    println!("Regimes:");
    for e in load::REGIMES {
        let src = Source::new(e.path, e.text);
        if let Ok(r) = load::parse_source::<crate::scenario::Regime>(&src) {
            println!("  {:<52} {}", r.id, r.name);
        }
    }
    Ok(0)
}
