//! The model organisation format (`assets/orgs/*.ron`).

use serde::{Deserialize, Serialize};

/// A model organisation: what is attacked and what it depends on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Org {
    /// Format version; must be 1.
    pub format: u32,
    /// Stable kebab-case id.
    pub id: String,
    /// Display name of the organisation.
    pub name: String,
    /// Sector (defence, health, energy, rail, finance, …).
    pub sector: String,
    /// One-paragraph description.
    #[serde(default)]
    pub description: String,
    /// Unit in which outage and other impact is counted (e.g. "million JPY", "patients diverted").
    pub impact_unit: String,
    /// Turns a host rebuild takes before the asset is back.
    #[serde(default = "default_rebuild_turns")]
    pub rebuild_turns: u32,
    /// Network zones.
    pub zones: Vec<Zone>,
    /// People and teams, with their capacity per turn.
    pub roles: Vec<Role>,
    /// Security controls known to this organisation: those in place and those the team can add.
    pub controls: Vec<ControlDef>,
    /// Data sets the organisation holds.
    #[serde(default)]
    pub data: Vec<DataSet>,
    /// Assets: hosts, servers, OT devices, cloud services, data stores.
    pub assets: Vec<Asset>,
    /// Generated asset groups (many similar workstations), expanded at load time.
    #[serde(default)]
    pub asset_groups: Vec<AssetGroup>,
    /// Business services and the assets they need.
    pub services: Vec<Service>,
    /// Suppliers and what they can reach.
    #[serde(default)]
    pub suppliers: Vec<Supplier>,
    /// Free note for authors; surfaces as a lint note.
    #[serde(default)]
    pub todo: Option<String>,
    /// Defaults for the after-action report's overview, used when the drill's set-up gives
    /// none.
    #[serde(default)]
    pub report: Option<ReportDefaults>,
}

/// An organisation's defaults for the after-action report: who sponsors its drills, who to
/// contact, where they are held, the handling marking and the organisations that usually take
/// part. The options of `kunren run`/`kunren play` override each.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReportDefaults {
    /// Sponsor of the exercise.
    #[serde(default)]
    pub sponsor: Option<String>,
    /// The exercise's point of contact.
    #[serde(default)]
    pub poc: Option<String>,
    /// Where drills are held.
    #[serde(default)]
    pub location: Option<String>,
    /// Handling marking (e.g. "CUI", "社外秘").
    #[serde(default)]
    pub handling: Option<String>,
    /// Participating organisations besides this one.
    #[serde(default)]
    pub organisations: Vec<String>,
}

fn default_rebuild_turns() -> u32 {
    3
}

/// A network zone.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Zone {
    /// Stable id.
    pub id: String,
    /// Display name.
    pub name: String,
}

/// A role in the response team.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Role {
    /// Stable id (`exec`, `ciso`, `soc`, `it-ops`, `legal`, `comms`, …).
    pub id: String,
    /// Display name.
    pub name: String,
    /// Action points per turn.
    pub capacity: u32,
}

/// A security control.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "Control")]
pub struct ControlDef {
    /// Stable id (`edr`, `mfa`, `offline-backup`, …).
    pub id: String,
    /// Display name.
    pub name: String,
    /// In place organisation-wide from the start.
    #[serde(default)]
    pub in_place: bool,
    /// Chance per turn that this control reveals a hidden attacker stage it watches (monitoring controls).
    #[serde(default)]
    pub detect_chance: f64,
}

/// Sensitivity of a data set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Sensitivity {
    /// Public or low.
    Low,
    /// Internal.
    Medium,
    /// Confidential, personal or controlled information.
    High,
}

/// A data set held by assets.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DataSet {
    /// Stable id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Sensitivity.
    pub sensitivity: Sensitivity,
    /// Impact when stolen, in the org's unit.
    #[serde(default)]
    pub breach_impact: f64,
    /// Stealing it is a personal-data breach (sets flag `personal-data-breach`).
    #[serde(default)]
    pub personal: bool,
}

/// Kind of asset.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum AssetKind {
    /// End-user workstation or laptop.
    Workstation,
    /// Server.
    Server,
    /// Directory / domain controller.
    DomainController,
    /// Network device (VPN gateway, firewall, …).
    NetworkDevice,
    /// Operational-technology device (PLC, HMI, medical device, …).
    OtDevice,
    /// Cloud service or SaaS tenant.
    CloudService,
    /// Data store (NAS, database, backup repository).
    DataStore,
}

/// Business criticality.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Criticality {
    /// Low.
    Low,
    /// Medium.
    Medium,
    /// High.
    High,
    /// Critical.
    Critical,
}

/// How an asset is backed up.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Backup {
    /// Backup kind: `Online`, `Offline` or `Immutable`.
    pub kind: BackupKind,
    /// Hours between backups.
    pub interval_hours: u32,
    /// Chance that a restore from this backup is clean (not re-infected).
    pub clean_chance: f64,
}

/// Backup kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum BackupKind {
    /// Reachable from the network (can be encrypted too).
    Online,
    /// Offline copy.
    Offline,
    /// Immutable (write-once) copy.
    Immutable,
}

/// One asset.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Asset {
    /// Stable id.
    pub id: String,
    /// Display name (host name).
    pub name: String,
    /// Kind.
    pub kind: AssetKind,
    /// Zone id.
    pub zone: String,
    /// Criticality.
    pub criticality: Criticality,
    /// Data set ids held here.
    #[serde(default)]
    pub data: Vec<String>,
    /// Control ids in place on this asset.
    #[serde(default)]
    pub controls: Vec<String>,
    /// Backup policy, if backed up.
    #[serde(default)]
    pub backup: Option<Backup>,
    /// Owner role id.
    pub owner: String,
}

/// A generated group of similar assets (`<prefix>-0001` …), for large organisations.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AssetGroup {
    /// Id prefix; members are `<prefix>-<n>` with n from 1, zero-padded to 5 digits.
    pub prefix: String,
    /// Number of members.
    pub count: u32,
    /// Kind.
    pub kind: AssetKind,
    /// Zone id.
    pub zone: String,
    /// Criticality.
    pub criticality: Criticality,
    /// Control ids in place on each member.
    #[serde(default)]
    pub controls: Vec<String>,
    /// Owner role id.
    pub owner: String,
}

/// A business service.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Service {
    /// Stable id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Asset ids it cannot run without: any of them down ⇒ service down.
    pub depends_on: Vec<String>,
    /// Asset ids that degrade it when down.
    #[serde(default)]
    pub degraded_by: Vec<String>,
    /// Impact per hour of outage, in the org's unit (half while degraded).
    pub impact_per_hour: f64,
    /// What an outage means in plain words ("ambulances diverted", …).
    #[serde(default)]
    pub outage_note: String,
}

/// A supplier.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Supplier {
    /// Stable id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// What they provide.
    #[serde(default)]
    pub provides: String,
    /// Asset ids they can reach (remote access, integrations).
    #[serde(default)]
    pub reaches: Vec<String>,
}

impl Org {
    /// Assets including expanded groups, in file order then group order.
    pub fn all_assets(&self) -> std::borrow::Cow<'_, [Asset]> {
        if self.asset_groups.is_empty() {
            // A loaded bundle's organisation has its groups expanded already: no copy.
            return std::borrow::Cow::Borrowed(&self.assets);
        }
        let mut out = self.assets.clone();
        for g in &self.asset_groups {
            for n in 1..=g.count {
                out.push(Asset {
                    id: format!("{}-{n:05}", g.prefix),
                    name: format!("{}-{n:05}", g.prefix.to_uppercase()),
                    kind: g.kind,
                    zone: g.zone.clone(),
                    criticality: g.criticality,
                    data: Vec::new(),
                    controls: g.controls.clone(),
                    backup: None,
                    owner: g.owner.clone(),
                });
            }
        }
        std::borrow::Cow::Owned(out)
    }
}
