//! `kunren register DIR`: the drill register of the journals under a directory; and the
//! register's part in setting up a drill (`run --register DIR`): the previous drill's date and
//! the open improvement items of earlier drills.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use crate::exit::{ExitCode, Failure};
use crate::register::{self, Format, Options, Period, Register};
use crate::scenario::script::Script;

/// Arguments of `kunren register`.
#[derive(Debug, clap::Args)]
pub struct RegisterArgs {
    /// Directory holding the journals (read recursively).
    pub dir: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// The annual evidence summary for an inspection (one to two pages) instead of the full
    /// register.
    #[arg(long)]
    pub summary: bool,
    /// How often a drill is due after the last completed one: months, years or days (12m, 1y,
    /// 6m, 90d).
    #[arg(long, value_name = "PERIOD", default_value = "12m", value_parser = parse_period)]
    pub every: Period,
    /// Draw the register up as of this date (YYYY-MM-DD; default today): overdue drills and
    /// items are judged against it.
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub as_of: Option<time::Date>,
    /// The organisation whose register this is (its id; default: that of most journals);
    /// journals of other organisations are listed as foreign.
    #[arg(long = "org", value_name = "ID")]
    pub org: Option<String>,
    /// Write to this file (atomically) instead of stdout.
    #[arg(short = 'o', long)]
    pub out: Option<PathBuf>,
}

fn parse_period(s: &str) -> Result<Period, String> {
    s.parse()
}

fn parse_date(s: &str) -> Result<time::Date, String> {
    register::dates::parse_ymd(s).ok_or_else(|| format!("`{s}` is not a date (YYYY-MM-DD)"))
}

fn load(dir: &Path, opts: &Options) -> Result<Register, Failure> {
    register::build(dir, opts).map_err(|e| Failure::error(ExitCode::UsageOrIo, e))
}

/// Runs `kunren register`: 0 when every journal verified, 1 when any failed or was left out,
/// 2 when none could be read, 3 when the directory or the output cannot be used.
pub fn cmd_register(a: RegisterArgs) -> Result<ExitCode, Failure> {
    let opts = Options {
        every: a.every,
        as_of: a.as_of,
        org: a.org.clone(),
    };
    let reg = load(&a.dir, &opts)?;
    let text = register::render(&reg, a.format, a.summary);
    let to_terminal = a.out.is_none() && a.format == Format::Text;
    match &a.out {
        Some(p) => {
            crate::report::atomic::write_atomic(p, text.as_bytes()).map_err(|e| {
                Failure::new(
                    ExitCode::UsageOrIo,
                    format!("error: cannot write {}: {e}", p.display()),
                )
            })?;
            eprintln!("wrote {} ({} bytes)", p.display(), text.len());
        }
        None => {
            let mut out = std::io::stdout().lock();
            let _ = out.write_all(text.as_bytes()).and_then(|()| out.flush());
        }
    }
    // The per-file lines are in the output; say them on stderr too when the output is not
    // the terminal's text.
    if !to_terminal {
        for f in reg.problems() {
            eprintln!("{}: {}: {}", f.path, f.status.word(), f.status.detail());
        }
    }
    if reg.drills.is_empty() {
        eprintln!("error: no journal under {} could be read", a.dir.display());
    }
    Ok(reg.exit_code())
}

/// The register's part in setting up a drill with `--register DIR`: the register (today), its
/// problems on stderr, and the open improvement items of earlier drills listed on `out`.
pub(super) fn for_new_drill(dir: &Path, out: &mut dyn std::io::Write) -> Result<Register, Failure> {
    use crate::report::document::{Block, Inline};
    let reg = load(dir, &Options::default())?;
    for f in reg.problems() {
        eprintln!(
            "register: {}: {}: {}",
            f.path,
            f.status.word(),
            f.status.detail()
        );
    }
    let open: Vec<_> = reg.open_items().collect();
    let txt = |s: String| vec![Inline::Text(s)];
    let mut blocks = Vec::new();
    if open.is_empty() {
        blocks.push(Block::Para(txt(format!(
            "register {}: {} drill(s), no open improvement item",
            dir.display(),
            reg.drills.len()
        ))));
    } else {
        blocks.push(Block::Para(txt(format!(
            "register {}: open improvement items of earlier drills; mark each in the actions \
             script's hotwash, e.g. item_updates: [ItemUpdate(id: \"{}\", status: Done, note: \"…\")]",
            dir.display(),
            open[0].item.id
        ))));
        let rows = open
            .iter()
            .map(|it| {
                let d = &reg.drills[it.drill];
                let mut status = it.status.name().to_string();
                if it.overdue {
                    status.push_str(" (overdue)");
                }
                vec![
                    txt(it.item.id.clone()),
                    txt(format!("{} ({})", d.id(), d.date_text())),
                    txt(status),
                    txt(it.item.due.trim().to_string()),
                    txt(it.item.owner.trim().to_string()),
                    txt(it.item.action.trim().to_string()),
                ]
            })
            .collect();
        blocks.push(Block::Table {
            head: [
                "Item",
                "Drill",
                "Status",
                "Due",
                "Point of contact",
                "Corrective action",
            ]
            .map(String::from)
            .to_vec(),
            rows,
            numeric: vec![false; 6],
            class: "",
        });
    }
    let _ = out.write_all(register::text::render_blocks(&blocks).as_bytes());
    Ok(reg)
}

/// Checks the script's item updates against the register's open items and names the drill
/// whose plan holds each (a refused script is exit 1, as for any script the drill cannot take).
pub(super) fn resolve_updates(reg: &Register, script: &mut Script) -> Result<(), Failure> {
    let Some(h) = script.hotwash.as_mut() else {
        return Ok(());
    };
    for u in &mut h.item_updates {
        *u = reg
            .resolve(u)
            .map_err(|e| Failure::new(ExitCode::Problems, format!("error: actions script: {e}")))?;
    }
    Ok(())
}
