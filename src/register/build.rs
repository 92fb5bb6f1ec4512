//! Building the register: read every journal under the directory through the report's model,
//! leave out (and list) what cannot be part of it, put the drills in date order, and derive the
//! trend, the next drill due and each improvement item's history.

use std::collections::BTreeMap;
use std::path::Path;

use time::Date;

use crate::report::ReportModel;
use crate::scenario::CsfFunction;
use crate::scenario::script::ItemStatus;

use super::dates::{Period, local_date, parse_ymd};
use super::model::{
    DrillEntry, DrillStatus, FileEntry, FileStatus, Grade, ItemEvent, ItemHistory, NextDue,
    Register, Trend, TrendCell, TrendRow, UnmatchedUpdate,
};
use super::scan::{self, Found, Read};

/// What the register is drawn up for.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// How often a drill is due.
    pub every: Period,
    /// The date overdue drills and items are judged against (default: today, in the time
    /// zone of the latest drill).
    pub as_of: Option<Date>,
    /// The organisation whose register this is (its id); default: the organisation of most
    /// journals (of the latest drill on a tie). Journals of other organisations are left out.
    pub org: Option<String>,
}

/// Why no register could be drawn up.
#[derive(Debug, thiserror::Error)]
#[error("cannot read the directory {path}: {source}")]
pub struct DirError {
    /// The directory as given.
    pub path: String,
    /// The I/O error.
    pub source: std::io::Error,
}

/// Reads every journal under `dir` and draws up the register.
pub fn build(dir: &Path, opts: &Options) -> Result<Register, DirError> {
    let walk = scan::walk(dir).map_err(|source| DirError {
        path: dir.display().to_string(),
        source,
    })?;
    let mut files: Vec<FileEntry> = walk
        .unreadable
        .iter()
        .map(|(f, e)| FileEntry {
            path: f.shown.clone(),
            status: FileStatus::Unreadable(format!("cannot list this directory: {e}")),
            drill_id: None,
        })
        .collect();
    let mut read: Vec<(Found, ReportModel)> = Vec::new();
    for f in &walk.files {
        match scan::read(f) {
            Read::Journal(m) => read.push((f.clone(), *m)),
            Read::Left(status) => files.push(FileEntry {
                path: f.shown.clone(),
                status,
                drill_id: None,
            }),
        }
    }
    let organisation = organisation(&read, opts.org.as_deref());
    let mut kept: Vec<(Found, ReportModel)> = Vec::new();
    for (f, m) in read {
        let h = &m.header;
        match &organisation {
            Some((id, name)) if h.org_id != *id => files.push(FileEntry {
                path: f.shown.clone(),
                status: FileStatus::Foreign(format!(
                    "the journal of organisation `{}` ({}), not of `{id}` ({name}); left out",
                    h.org_id, h.org_name
                )),
                drill_id: Some(h.drill_id.clone()),
            }),
            _ => kept.push((f, m)),
        }
    }
    let kept = dedupe(kept, &mut files);
    let mut drills: Vec<DrillEntry> = kept
        .into_iter()
        .map(|(f, model)| {
            let date = model
                .times
                .opened
                .map_or(Date::MIN, |t| local_date(t, &model.header.timezone));
            files.push(FileEntry {
                path: f.shown.clone(),
                status: file_status(&model),
                drill_id: Some(model.header.drill_id.clone()),
            });
            DrillEntry {
                number: 0,
                journal: f.shown,
                status: DrillStatus::of(model.integrity.closed),
                grade: Grade::of(&model),
                date,
                model,
            }
        })
        .collect();
    drills.sort_by(|a, b| (a.opened(), a.id(), &a.journal).cmp(&(b.opened(), b.id(), &b.journal)));
    for (i, d) in drills.iter_mut().enumerate() {
        d.number = i + 1;
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    let as_of = opts.as_of.unwrap_or_else(|| {
        let now = time::OffsetDateTime::now_utc();
        drills
            .last()
            .map_or(now.date(), |d| local_date(now, &d.model.header.timezone))
    });
    let trend = trend(&drills);
    let next_due = next_due(&drills, opts.every, as_of);
    let (items, unmatched) = items(&drills, as_of);
    Ok(Register {
        directory: dir.display().to_string(),
        as_of,
        every: opts.every,
        organisation,
        drills,
        files,
        ignored: walk.ignored,
        trend,
        next_due,
        items,
        unmatched,
    })
}

/// The organisation of the register: the one asked for, else that of most journals (of the
/// latest drill on a tie).
fn organisation(read: &[(Found, ReportModel)], asked: Option<&str>) -> Option<(String, String)> {
    let name_of = |id: &str| {
        read.iter()
            .filter(|(_, m)| m.header.org_id == id)
            .max_by_key(|(_, m)| m.times.opened)
            .map(|(_, m)| m.header.org_name.clone())
    };
    if let Some(id) = asked {
        return Some((id.to_string(), name_of(id).unwrap_or_default()));
    }
    let mut count: BTreeMap<&str, (usize, Option<time::OffsetDateTime>)> = BTreeMap::new();
    for (_, m) in read {
        let e = count.entry(m.header.org_id.as_str()).or_default();
        e.0 += 1;
        e.1 = e.1.max(m.times.opened);
    }
    let (id, _) = count.into_iter().max_by_key(|(_, v)| *v)?;
    Some((id.to_string(), name_of(id).unwrap_or_default()))
}

/// Keeps one journal per drill id: the sealed one, else the longer, else the first by path;
/// lists the others as duplicates.
fn dedupe(
    mut kept: Vec<(Found, ReportModel)>,
    files: &mut Vec<FileEntry>,
) -> Vec<(Found, ReportModel)> {
    let better = |m: &ReportModel| (m.integrity.sealed, m.integrity.records);
    let mut best: BTreeMap<String, usize> = BTreeMap::new();
    for (i, (_, m)) in kept.iter().enumerate() {
        let id = m.header.drill_id.clone();
        match best.get(&id) {
            Some(&j) if better(&kept[j].1) >= better(m) => {}
            _ => {
                best.insert(id, i);
            }
        }
    }
    let mut out = Vec::new();
    let winners: Vec<(String, String)> = best
        .iter()
        .map(|(id, &i)| (id.clone(), kept[i].1.integrity.file_sha256.clone()))
        .collect();
    let shown: BTreeMap<String, String> = best
        .iter()
        .map(|(id, &i)| (id.clone(), kept[i].0.shown.clone()))
        .collect();
    let keep: Vec<usize> = best.values().copied().collect();
    for (i, (f, m)) in kept.drain(..).enumerate() {
        if keep.contains(&i) {
            out.push((f, m));
            continue;
        }
        let id = m.header.drill_id.clone();
        let sha = winners
            .iter()
            .find(|(w, _)| *w == id)
            .map(|(_, s)| s.as_str())
            .unwrap_or_default();
        files.push(FileEntry {
            path: f.shown,
            status: FileStatus::Duplicate {
                of: shown.get(&id).cloned().unwrap_or_default(),
                identical: m.integrity.file_sha256 == sha,
            },
            drill_id: Some(id),
        });
    }
    out
}

/// Verified when sealed without a torn tail, else why not.
fn file_status(m: &ReportModel) -> FileStatus {
    let i = &m.integrity;
    if let Some(t) = &i.torn_tail {
        return FileStatus::Unsealed(format!(
            "valid, but ends in a torn tail of {} bytes (an interrupted write); run `kunren \
             verify` for details",
            t.bytes
        ));
    }
    if i.sealed {
        return FileStatus::Verified;
    }
    FileStatus::Unsealed(match i.closed {
        Some(_) => "valid, closed but not sealed (no final checkpoint)".into(),
        None => "valid, but not sealed: the drill was never closed".into(),
    })
}

/// Ratings per CSF function and per objective across the completed drills.
fn trend(drills: &[DrillEntry]) -> Trend {
    let idx: Vec<usize> = drills
        .iter()
        .enumerate()
        .filter(|(_, d)| d.status == DrillStatus::Completed)
        .map(|(i, _)| i)
        .collect();
    let functions = CsfFunction::ALL
        .into_iter()
        .map(|f| TrendRow {
            key: f.name().to_string(),
            title: String::new(),
            cells: idx
                .iter()
                .map(|&i| {
                    drills[i]
                        .model
                        .functions
                        .iter()
                        .find(|r| r.function == f)
                        .filter(|r| r.achievable > 0)
                        .map(|r| TrendCell {
                            rating: r.rating(),
                            share: r.share(),
                            earned: r.earned,
                            achievable: r.achievable,
                        })
                })
                .collect(),
        })
        .filter(|r| r.cells.iter().any(Option::is_some))
        .collect();
    let mut objectives: Vec<TrendRow> = Vec::new();
    for (k, &i) in idx.iter().enumerate() {
        for o in &drills[i].model.objectives {
            let r = &o.result;
            let at = match objectives.iter().position(|row| row.key == r.id) {
                Some(p) => p,
                None => {
                    objectives.push(TrendRow {
                        key: r.id.clone(),
                        title: String::new(),
                        cells: vec![None; idx.len()],
                    });
                    objectives.len() - 1
                }
            };
            let row = &mut objectives[at];
            row.title = r.title.clone();
            row.cells[k] = Some(TrendCell {
                rating: r.rating,
                share: (r.achievable > 0).then_some(r.share),
                earned: r.earned,
                achievable: r.achievable,
            });
        }
    }
    Trend {
        drills: idx,
        functions,
        objectives,
    }
}

/// The next drill due: the last completed drill plus the period.
fn next_due(drills: &[DrillEntry], every: Period, as_of: Date) -> NextDue {
    let basis = drills
        .iter()
        .rposition(|d| d.status == DrillStatus::Completed);
    let due = super::dates::next_due(basis.map(|i| drills[i].date), every);
    NextDue {
        basis,
        due,
        overdue: due.is_none_or(|d| as_of > d),
    }
}

/// Every improvement item with its history, and the updates that match no item.
fn items(drills: &[DrillEntry], as_of: Date) -> (Vec<ItemHistory>, Vec<UnmatchedUpdate>) {
    let mut items: Vec<ItemHistory> = Vec::new();
    let mut unmatched = Vec::new();
    for (d, drill) in drills.iter().enumerate() {
        // Updates first: a hotwash reviews the earlier drills' items before it adds its own.
        for e in &drill.model.debrief.item_updates {
            let u = &e.update;
            let id = u.id.trim();
            let target = if u.drill.trim().is_empty() {
                items
                    .iter()
                    .rposition(|it| it.item.id == id && it.drill < d)
                    .ok_or_else(|| format!("no earlier drill has an improvement item `{id}`"))
            } else {
                match drills.iter().position(|x| x.id() == u.drill.trim()) {
                    None => Err(format!("no drill `{}` in the register", u.drill.trim())),
                    Some(t) => items
                        .iter()
                        .position(|it| it.item.id == id && it.drill == t)
                        .ok_or_else(|| {
                            format!("drill `{}` has no improvement item `{id}`", u.drill.trim())
                        }),
                }
            };
            match target {
                Ok(t) => {
                    items[t].events.push(ItemEvent {
                        drill: d,
                        status: u.status,
                        note: u.note.clone(),
                        line: e.line,
                    });
                    items[t].status = u.status;
                }
                Err(reason) => unmatched.push(UnmatchedUpdate {
                    drill: d,
                    update: u.clone(),
                    line: e.line,
                    reason,
                }),
            }
        }
        for item in &drill.model.debrief.items {
            items.push(ItemHistory {
                drill: d,
                item: item.clone(),
                events: Vec::new(),
                status: item.status,
                due: parse_ymd(&item.due),
                overdue: false,
            });
        }
    }
    for it in &mut items {
        it.overdue = matches!(it.status, ItemStatus::Open | ItemStatus::InProgress)
            && it.due.is_some_and(|due| as_of > due);
    }
    (items, unmatched)
}
