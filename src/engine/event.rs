//! The turn log, typed: what changed in a turn as data (indices into the bundle and the ids the
//! effects named), built at turn time without formatting a string, and rendered on demand in a
//! language from the message catalogue ([`crate::i18n`], block "turn log events").
//!
//! The English rendering with [`LogLabels`] is the journal's text (`turn_ended.events`), byte
//! for byte what the engine wrote before the log was typed. Front ends name things their own
//! way by implementing [`Labels`] (the console reads ids as labels).

use serde::{Deserialize, Serialize};

use super::components::ServiceStatus;
use crate::i18n::{Lang, S};
use crate::scenario::Bundle;

pub mod names;

pub use names::{Names, RegimeName, ja_or};

/// What caused an event: indices into the bundle.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Origin {
    /// A team action (index into the catalogue's actions).
    Action(usize),
    /// A decision option (inject index, option index).
    Option(usize, usize),
    /// An attacker stage (index into the campaign).
    Stage(usize),
    /// An inject's own effects (index into the injects).
    Inject(usize),
    /// A service's status changed (the impact system).
    Service,
    /// A rebuild completed.
    Rebuild,
    /// Not shown: the team's view drops the origin of an undetected stage.
    Unnamed,
}

impl Origin {
    /// The journal's form: `action:<id>`, `option:<id>`, `stage:<id>`, `inject:<id>`,
    /// `service`, `rebuild` (empty when unnamed or out of range).
    pub fn key(self, b: &Bundle) -> String {
        self.key_in(b)
    }

    /// [`Origin::key`] over any [`Names`].
    pub fn key_in(self, n: &dyn Names) -> String {
        let kind = match self {
            Origin::Action(_) => "action",
            Origin::Option(..) => "option",
            Origin::Stage(_) => "stage",
            Origin::Inject(_) => "inject",
            Origin::Service => return "service".into(),
            Origin::Rebuild => return "rebuild".into(),
            Origin::Unnamed => return String::new(),
        };
        n.origin_id(self)
            .map(|id| format!("{kind}:{id}"))
            .unwrap_or_default()
    }

    /// The action id `Notify` compares with a clock's `met_by`: the action's id, else the
    /// origin's journal form.
    pub fn action_id(self, b: &Bundle) -> String {
        match self {
            Origin::Action(i) => b
                .catalogue
                .actions
                .get(i)
                .map(|a| a.id.clone())
                .unwrap_or_default(),
            _ => self.key(b),
        }
    }
}

/// What kind of id an event quotes (the journal writes it as `` `id` ``).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Quoted {
    /// A zone of the organisation.
    Zone,
    /// A control.
    Control,
    /// A regime.
    Regime,
}

/// What changed, as data.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum EventKind {
    /// A control is now in place organisation-wide.
    ControlInPlace {
        /// Control id.
        control: String,
    },
    /// Impact added, with the authored reason.
    Impact {
        /// Amount in the organisation's unit.
        amount: f64,
        /// Why (authored).
        why: String,
    },
    /// A data set was exfiltrated.
    Exfiltrated {
        /// Index into the organisation's data sets.
        data: usize,
    },
    /// Assets of a zone were encrypted.
    ZoneEncrypted {
        /// How many.
        count: u32,
        /// Zone id.
        zone: String,
    },
    /// The team verified its backups.
    BackupsVerified,
    /// Encryption of an isolated asset failed.
    EncryptionFailed {
        /// Asset index.
        asset: usize,
    },
    /// An asset was encrypted.
    AssetEncrypted {
        /// Asset index.
        asset: usize,
    },
    /// An asset was isolated.
    Isolated {
        /// Asset index.
        asset: usize,
    },
    /// An asset was reconnected.
    Reconnected {
        /// Asset index.
        asset: usize,
    },
    /// Restored from a verified clean restore point.
    RestoredVerified {
        /// Asset index.
        asset: usize,
    },
    /// Restored from a backup that proved clean.
    RestoredClean {
        /// Asset index.
        asset: usize,
        /// The roll (0..1).
        roll: f64,
        /// The backup's clean chance (0..1).
        chance: f64,
    },
    /// Restored from a backup that was infected.
    RestoredInfected {
        /// Asset index.
        asset: usize,
        /// The roll (0..1).
        roll: f64,
        /// The backup's clean chance (0..1).
        chance: f64,
    },
    /// Restored from backup, as the team sees it (whether the backup was clean is not told).
    RestoredFromBackup {
        /// Asset index.
        asset: usize,
    },
    /// A restore of an asset without a backup.
    NoBackup {
        /// Asset index.
        asset: usize,
    },
    /// An asset is being rebuilt.
    Rebuilding {
        /// Asset index.
        asset: usize,
        /// Turns the rebuild takes.
        turns: u32,
    },
    /// The attacker was evicted from an asset.
    Evicted {
        /// Asset index.
        asset: usize,
    },
    /// An eviction found nothing the team knew of.
    NothingToEvict {
        /// Asset index.
        asset: usize,
    },
    /// A report met a clock.
    ReportDelivered {
        /// Regime index.
        regime: usize,
        /// Clock index within the regime.
        clock: usize,
    },
    /// A notification named a regime the drill does not have.
    NoRegime {
        /// The regime id named.
        regime: String,
    },
    /// A notification met no open clock of its regime.
    NothingToReport {
        /// Regime index.
        regime: usize,
    },
    /// A service changed status.
    ServiceChanged {
        /// Service index.
        service: usize,
        /// New status.
        status: ServiceStatus,
    },
    /// A rebuild completed.
    RebuildDone {
        /// Asset index.
        asset: usize,
    },
}

/// One line of the turn log: what caused it and what changed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TurnEvent {
    /// What caused it.
    pub origin: Origin,
    /// What changed.
    #[serde(flatten)]
    pub kind: EventKind,
}

/// How a rendering names what events refer to. The defaults are the journal's: origins as
/// `action:<id>` and quoted ids as `` `id` `` in English; names in the drill's language in
/// Japanese.
pub trait Labels {
    /// What the events refer to (the bundle being played, or a journal's names).
    fn names(&self) -> &dyn Names;

    /// The origin as the line starts with it; `None` for a line with no origin.
    fn origin(&self, o: Origin, lang: Lang) -> Option<String> {
        log_origin(self.names(), o, lang)
    }

    /// An id the line quotes.
    fn quoted(&self, kind: Quoted, id: &str, lang: Lang) -> String {
        log_quoted(self.names(), kind, id, lang)
    }
}

/// The journal's labels over a bundle (or any [`Names`]).
pub struct LogLabels<'a>(pub &'a dyn Names);

impl Labels for LogLabels<'_> {
    fn names(&self) -> &dyn Names {
        self.0
    }
}

/// The journal's origin: its key in English, its name in Japanese.
pub fn log_origin(n: &dyn Names, o: Origin, lang: Lang) -> Option<String> {
    if o == Origin::Unnamed {
        return None;
    }
    if lang == Lang::En {
        return Some(o.key_in(n));
    }
    let name = match o {
        Origin::Service => Some(lang.t(S::EvOriginService)),
        Origin::Rebuild => Some(lang.t(S::EvOriginRebuild)),
        _ => n.origin_name(o, lang),
    };
    Some(name.map_or_else(|| o.key_in(n), str::to_string))
}

/// The journal's quoted id: `` `id` `` in English, its label in Japanese (the id when none).
pub fn log_quoted(n: &dyn Names, kind: Quoted, id: &str, lang: Lang) -> String {
    if lang == Lang::En {
        return format!("`{id}`");
    }
    let label = match kind {
        Quoted::Zone => n.zone(id),
        Quoted::Control => n.control(id),
        Quoted::Regime => n.regime_by_id(id).map(|r| r.name_ja.unwrap_or(r.name)),
    };
    label.unwrap_or(id).to_string()
}

fn pct0(x: f64) -> String {
    format!("{:.0}", x * 100.0)
}

impl EventKind {
    /// What changed, in `lang` (the line without its origin).
    pub fn text(&self, lang: Lang, labels: &dyn Labels) -> String {
        let b = labels.names();
        let asset = |i: usize| -> String {
            b.asset(i)
                .map(str::to_string)
                .unwrap_or_else(|| format!("asset #{i}"))
        };
        match self {
            EventKind::ControlInPlace { control } => lang.f(
                S::EvControlInPlace,
                &[&labels.quoted(Quoted::Control, control, lang)],
            ),
            EventKind::Impact { amount, why } => lang.f(S::EvImpact, &[amount, why]),
            EventKind::Exfiltrated { data } => {
                let name = b.data(*data).unwrap_or("");
                lang.f(S::EvExfiltrated, &[&name])
            }
            EventKind::ZoneEncrypted { count, zone } => lang.f(
                S::EvZoneEncrypted,
                &[count, &labels.quoted(Quoted::Zone, zone, lang)],
            ),
            EventKind::BackupsVerified => lang.t(S::EvBackupsVerified).to_string(),
            EventKind::EncryptionFailed { asset: a } => {
                lang.f(S::EvEncryptionFailed, &[&asset(*a)])
            }
            EventKind::AssetEncrypted { asset: a } => lang.f(S::EvAssetEncrypted, &[&asset(*a)]),
            EventKind::Isolated { asset: a } => lang.f(S::EvIsolated, &[&asset(*a)]),
            EventKind::Reconnected { asset: a } => lang.f(S::EvReconnected, &[&asset(*a)]),
            EventKind::RestoredVerified { asset: a } => {
                lang.f(S::EvRestoredVerified, &[&asset(*a)])
            }
            EventKind::RestoredClean {
                asset: a,
                roll,
                chance,
            } => lang.f(
                S::EvRestoredClean,
                &[&asset(*a), &pct0(*roll), &pct0(*chance)],
            ),
            EventKind::RestoredInfected {
                asset: a,
                roll,
                chance,
            } => lang.f(
                S::EvRestoredInfected,
                &[&asset(*a), &pct0(*roll), &pct0(*chance)],
            ),
            EventKind::RestoredFromBackup { asset: a } => {
                lang.f(S::EvRestoredFromBackup, &[&asset(*a)])
            }
            EventKind::NoBackup { asset: a } => lang.f(S::EvNoBackup, &[&asset(*a)]),
            EventKind::Rebuilding { asset: a, turns } => {
                lang.f(S::EvRebuilding, &[&asset(*a), turns])
            }
            EventKind::Evicted { asset: a } => lang.f(S::EvEvicted, &[&asset(*a)]),
            EventKind::NothingToEvict { asset: a } => lang.f(S::EvNothingToEvict, &[&asset(*a)]),
            EventKind::ReportDelivered { regime, clock } => {
                let title = b
                    .clock(*regime, *clock)
                    .map_or("", |(t, ja)| ja_or(lang, t, ja));
                let authority = b
                    .regime(*regime)
                    .map_or("", |r| ja_or(lang, r.authority, r.authority_ja));
                lang.f(S::EvReportDelivered, &[&title, &authority])
            }
            EventKind::NoRegime { regime } => lang.f(
                S::EvNoRegime,
                &[&labels.quoted(Quoted::Regime, regime, lang)],
            ),
            EventKind::NothingToReport { regime } => {
                let id = b.regime(*regime).map_or("", |r| r.id);
                lang.f(
                    S::EvNothingToReport,
                    &[&labels.quoted(Quoted::Regime, id, lang)],
                )
            }
            EventKind::ServiceChanged { service, status } => {
                let s = b.service(*service);
                let name = s.map_or("", |s| s.0);
                match status {
                    ServiceStatus::Up => lang.f(S::EvServiceUp, &[&name]),
                    ServiceStatus::Degraded => lang.f(S::EvServiceDegraded, &[&name]),
                    ServiceStatus::Down => {
                        let note = s
                            .filter(|s| !s.1.is_empty())
                            .map(|s| lang.f(S::EvServiceNote, &[&s.1]))
                            .unwrap_or_default();
                        lang.f(S::EvServiceDown, &[&name, &note])
                    }
                }
            }
            EventKind::RebuildDone { asset: a } => {
                let name = b.asset(*a).unwrap_or("asset");
                lang.f(S::EvRebuildDone, &[&name])
            }
        }
    }

    /// An encryption anyone can see (the team sees it even from a stage it has not detected).
    pub fn is_encryption(&self) -> bool {
        matches!(
            self,
            EventKind::ZoneEncrypted { .. } | EventKind::AssetEncrypted { .. }
        )
    }
}

impl TurnEvent {
    /// The line in `lang`: `origin: what`, or `what` alone when the labels name no origin.
    pub fn text(&self, lang: Lang, labels: &dyn Labels) -> String {
        let what = self.kind.text(lang, labels);
        match labels.origin(self.origin, lang) {
            Some(o) if !o.is_empty() => lang.f(S::EvLine, &[&o, &what]),
            _ => what,
        }
    }

    /// The journal's line: English, with [`LogLabels`].
    pub fn log_line(&self, b: &Bundle) -> String {
        self.text(Lang::En, &LogLabels(b))
    }
}

/// Why an attacker stage's chance changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ModifierReason {
    /// The stage's target asset is isolated (asset index): the chance is zero.
    TargetIsolated(usize),
    /// One of the stage's authored modifiers (stage index, modifier index).
    Authored(usize, usize),
}

impl ModifierReason {
    /// The reason in `lang`: the catalogue's for the engine's own, the authored text (its
    /// `reason_ja` in Japanese when given) for the scenario's.
    pub fn text(self, lang: Lang, b: &Bundle) -> String {
        match self {
            ModifierReason::TargetIsolated(a) => {
                let asset = b.org.assets.get(a);
                let shown = match lang {
                    Lang::En => asset.map(|a| a.id.as_str()),
                    Lang::Ja => asset.map(|a| a.name.as_str()),
                };
                lang.f(S::EvModTargetIsolated, &[&shown.unwrap_or("")])
            }
            ModifierReason::Authored(s, m) => b
                .scenario
                .campaign
                .get(s)
                .and_then(|s| s.modifiers.get(m))
                .map(|m| ja_or(lang, &m.reason, m.reason_ja.as_deref()).to_string())
                .unwrap_or_default(),
        }
    }
}

#[cfg(test)]
mod tests;
