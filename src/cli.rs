//! Command-line interface: clap definitions and the commands behind them.

use std::io::Write;
use std::sync::Arc;

use clap::{Parser, Subcommand, ValueEnum};

use crate::engine::Engine;
use crate::policy::{self, Policy};
use crate::scenario::load::{self, Source};
use crate::scenario::script::Script;
use crate::scenario::{Diagnostic, Severity, validate};

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
        None => cmd_run(None, None, Some(PolicyKind::Expert), None, 1, Format::Text),
        Some(Command::Run {
            scenario,
            org,
            policy,
            actions,
            seed,
            format,
        }) => cmd_run(scenario, org, policy, actions, seed, format),
        Some(Command::Check { paths, format }) => cmd_check(&paths, format),
        Some(Command::List) => cmd_list(),
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
pub fn load_or_fail(scenario: Option<&str>, org: Option<&str>) -> Result<Arc<load::Bundle>, Failure> {
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

fn cmd_run(
    scenario: Option<String>,
    org: Option<String>,
    policy: Option<PolicyKind>,
    actions: Option<String>,
    seed: u64,
    format: Format,
) -> Result<i32, Failure> {
    let bundle = load_or_fail(scenario.as_deref(), org.as_deref())?;
    let mut engine = Engine::new(bundle.clone(), seed);
    let mut player: Box<dyn Policy> = match (&actions, policy) {
        (Some(path), _) => {
            let script = load_script(path)?;
            policy::check_script(&script, &engine).map_err(|e| Failure::new(1, format!("error: {e}")))?;
            Box::new(policy::Scripted::new(script))
        }
        (None, Some(PolicyKind::Idle)) => Box::new(policy::Idle),
        (None, Some(PolicyKind::Random)) => Box::new(policy::RandomPolicy::new(seed)),
        (None, Some(PolicyKind::Expert) | None) => Box::new(policy::Expert::default()),
    };
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let max = bundle.scenario.max_turns;
    let summary = crate::run::play_out(&mut engine, player.as_mut(), |_, report| {
        let text = match format {
            Format::Text => crate::run::render_turn(report, max),
            Format::Json => serde_json::to_string(report).unwrap_or_default() + "\n",
        };
        let _ = out.write_all(text.as_bytes());
        Ok(())
    })
    .map_err(|e| Failure::new(1, format!("error: {e}")))?;
    let text = match format {
        Format::Text => crate::run::render_summary(&summary),
        Format::Json => {
            serde_json::to_string(&serde_json::json!({ "summary": summary })).unwrap_or_default() + "\n"
        }
    };
    let _ = out.write_all(text.as_bytes());
    Ok(0)
}

/// The kind of file, from its top-level struct name (`Scenario(`, `Org(`, …).
fn detect_kind(text: &str) -> &'static str {
    let first = text
        .lines()
        .map(|l| l.split("//").next().unwrap_or("").trim())
        .find(|l| !l.is_empty() && !l.starts_with("#!"))
        .unwrap_or("");
    let name: String = first.chars().take_while(|c| c.is_ascii_alphanumeric()).collect();
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
    let warnings = all.iter().filter(|d| d.severity == Severity::Warning).count();
    match format {
        Format::Json => {
            let v = serde_json::json!({ "diagnostics": all, "errors": errors, "warnings": warnings });
            println!("{}", serde_json::to_string_pretty(&v).unwrap_or_default());
        }
        Format::Text => {
            for d in &all {
                let src = sources.iter().find(|s| s.path == d.file).map(|s| s.text.as_str());
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
