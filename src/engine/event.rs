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
        let id = |kind: &str, id: Option<&str>| id.map(|i| format!("{kind}:{i}"));
        match self {
            Origin::Action(i) => id("action", b.catalogue.actions.get(i).map(|a| a.id.as_str())),
            Origin::Option(i, o) => id("option", option(b, i, o).map(|o| o.id.as_str())),
            Origin::Stage(i) => id("stage", b.scenario.campaign.get(i).map(|s| s.id.as_str())),
            Origin::Inject(i) => id("inject", b.scenario.injects.get(i).map(|x| x.id.as_str())),
            Origin::Service => Some("service".into()),
            Origin::Rebuild => Some("rebuild".into()),
            Origin::Unnamed => None,
        }
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

fn option(b: &Bundle, inject: usize, opt: usize) -> Option<&crate::scenario::Opt> {
    b.scenario
        .injects
        .get(inject)?
        .decision
        .as_ref()?
        .options
        .get(opt)
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
    /// The bundle being played.
    fn bundle(&self) -> &Bundle;

    /// The origin as the line starts with it; `None` for a line with no origin.
    fn origin(&self, o: Origin, lang: Lang) -> Option<String> {
        log_origin(self.bundle(), o, lang)
    }

    /// An id the line quotes.
    fn quoted(&self, kind: Quoted, id: &str, lang: Lang) -> String {
        log_quoted(self.bundle(), kind, id, lang)
    }
}

/// The journal's labels over a bundle.
pub struct LogLabels<'a>(pub &'a Bundle);

impl Labels for LogLabels<'_> {
    fn bundle(&self) -> &Bundle {
        self.0
    }
}

/// The journal's origin: its key in English, its name in Japanese.
pub fn log_origin(b: &Bundle, o: Origin, lang: Lang) -> Option<String> {
    if o == Origin::Unnamed {
        return None;
    }
    if lang == Lang::En {
        return Some(o.key(b));
    }
    let name = match o {
        Origin::Action(i) => b
            .catalogue
            .actions
            .get(i)
            .map(|a| a.name_ja.clone().unwrap_or_else(|| a.name.clone())),
        Origin::Option(i, j) => option(b, i, j).map(|o| o.label.clone()),
        Origin::Stage(i) => b.scenario.campaign.get(i).map(|s| s.title.clone()),
        Origin::Inject(i) => b.scenario.injects.get(i).map(|x| x.title.clone()),
        Origin::Service => Some(lang.t(S::EvOriginService).to_string()),
        Origin::Rebuild => Some(lang.t(S::EvOriginRebuild).to_string()),
        Origin::Unnamed => None,
    };
    Some(name.unwrap_or_else(|| o.key(b)))
}

/// The journal's quoted id: `` `id` `` in English, its label in Japanese (the id when none).
pub fn log_quoted(b: &Bundle, kind: Quoted, id: &str, lang: Lang) -> String {
    if lang == Lang::En {
        return format!("`{id}`");
    }
    let label = match kind {
        Quoted::Zone => b.org.zones.iter().find(|z| z.id == id).map(|z| &z.name),
        Quoted::Control => b.org.controls.iter().find(|c| c.id == id).map(|c| &c.name),
        Quoted::Regime => b
            .regimes
            .iter()
            .find(|r| r.id == id)
            .map(|r| r.name_ja.as_ref().unwrap_or(&r.name)),
    };
    label.cloned().unwrap_or_else(|| id.to_string())
}

fn ja_or<'a>(lang: Lang, en: &'a str, ja: Option<&'a String>) -> &'a str {
    match ja {
        Some(j) if lang == Lang::Ja && !j.trim().is_empty() => j,
        _ => en,
    }
}

fn pct0(x: f64) -> String {
    format!("{:.0}", x * 100.0)
}

impl EventKind {
    /// What changed, in `lang` (the line without its origin).
    pub fn text(&self, lang: Lang, labels: &dyn Labels) -> String {
        let b = labels.bundle();
        let asset = |i: usize| -> String {
            b.org
                .assets
                .get(i)
                .map(|a| a.name.clone())
                .unwrap_or_else(|| format!("asset #{i}"))
        };
        match self {
            EventKind::ControlInPlace { control } => lang.f(
                S::EvControlInPlace,
                &[&labels.quoted(Quoted::Control, control, lang)],
            ),
            EventKind::Impact { amount, why } => lang.f(S::EvImpact, &[amount, why]),
            EventKind::Exfiltrated { data } => {
                let name = b.org.data.get(*data).map_or("", |d| d.name.as_str());
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
                let r = b.regimes.get(*regime);
                let c = r.and_then(|r| r.clocks.get(*clock));
                let title = c.map_or("", |c| ja_or(lang, &c.title, c.title_ja.as_ref()));
                let authority = r.map_or("", |r| r.authority.as_str());
                lang.f(S::EvReportDelivered, &[&title, &authority])
            }
            EventKind::NoRegime { regime } => lang.f(
                S::EvNoRegime,
                &[&labels.quoted(Quoted::Regime, regime, lang)],
            ),
            EventKind::NothingToReport { regime } => {
                let id = b.regimes.get(*regime).map_or("", |r| r.id.as_str());
                lang.f(
                    S::EvNothingToReport,
                    &[&labels.quoted(Quoted::Regime, id, lang)],
                )
            }
            EventKind::ServiceChanged { service, status } => {
                let s = b.org.services.get(*service);
                let name = s.map_or("", |s| s.name.as_str());
                match status {
                    ServiceStatus::Up => lang.f(S::EvServiceUp, &[&name]),
                    ServiceStatus::Degraded => lang.f(S::EvServiceDegraded, &[&name]),
                    ServiceStatus::Down => {
                        let note = s
                            .filter(|s| !s.outage_note.is_empty())
                            .map(|s| lang.f(S::EvServiceNote, &[&s.outage_note]))
                            .unwrap_or_default();
                        lang.f(S::EvServiceDown, &[&name, &note])
                    }
                }
            }
            EventKind::RebuildDone { asset: a } => {
                let name = b.org.assets.get(*a).map_or("asset", |x| x.name.as_str());
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
                .map(|m| ja_or(lang, &m.reason, m.reason_ja.as_ref()).to_string())
                .unwrap_or_default(),
        }
    }
}

#[cfg(test)]
mod tests;
