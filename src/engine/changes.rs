//! State changes since the last look: what the journal records so that an inspector (and the
//! report) can tell which flags, controls, assets and services changed, and when.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use super::Engine;
use super::components::{AssetState, ServiceState, ServiceStatus};
use super::resources::{Controls, Flags, Index};

/// One change of the simulation state.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum StateChange {
    /// A flag was set.
    FlagSet {
        /// Flag.
        flag: String,
    },
    /// A flag was cleared.
    FlagCleared {
        /// Flag.
        flag: String,
    },
    /// A control is now in place organisation-wide.
    ControlAdded {
        /// Control id.
        control: String,
    },
    /// An asset's state changed (its new state).
    Asset {
        /// Asset id.
        asset: String,
        /// The attacker has a foothold.
        compromised: bool,
        /// The team knows it.
        known_compromised: bool,
        /// Encrypted.
        encrypted: bool,
        /// Isolated.
        isolated: bool,
        /// Rebuild turns left.
        rebuilding: u32,
    },
    /// A service's status changed.
    Service {
        /// Service id.
        service: String,
        /// New status.
        status: ServiceStatus,
    },
}

/// The state as last reported.
#[derive(Debug, Clone, Default)]
pub(super) struct Seen {
    flags: BTreeSet<String>,
    controls: BTreeSet<String>,
    assets: Vec<AssetState>,
    services: Vec<ServiceStatus>,
}

impl Engine {
    /// The state to compare against next time.
    pub(super) fn seen_now(&self) -> Seen {
        let index = self.world.resource::<Index>();
        Seen {
            flags: self.world.resource::<Flags>().0.clone(),
            controls: self.world.resource::<Controls>().org_wide.clone(),
            assets: index
                .assets
                .iter()
                .map(|&e| self.world.get::<AssetState>(e).cloned().unwrap_or_default())
                .collect(),
            services: index
                .services
                .iter()
                .map(|&e| {
                    self.world
                        .get::<ServiceState>(e)
                        .map(|s| s.status)
                        .unwrap_or_default()
                })
                .collect(),
        }
    }

    /// What changed since the last call (or since the drill was set up), in a stable order:
    /// flags, controls, assets (organisation order), services.
    pub fn take_changes(&mut self) -> Vec<StateChange> {
        let now = self.seen_now();
        let before = std::mem::replace(&mut self.seen, now);
        let now = &self.seen;
        let bundle = self.bundle().clone();
        let mut out = Vec::new();
        for f in now.flags.difference(&before.flags) {
            out.push(StateChange::FlagSet { flag: f.clone() });
        }
        for f in before.flags.difference(&now.flags) {
            out.push(StateChange::FlagCleared { flag: f.clone() });
        }
        for c in now.controls.difference(&before.controls) {
            out.push(StateChange::ControlAdded { control: c.clone() });
        }
        for (i, a) in now.assets.iter().enumerate() {
            if before.assets.get(i) != Some(a) {
                out.push(StateChange::Asset {
                    asset: bundle
                        .org
                        .assets
                        .get(i)
                        .map(|x| x.id.clone())
                        .unwrap_or_default(),
                    compromised: a.compromised,
                    known_compromised: a.known_compromised,
                    encrypted: a.encrypted,
                    isolated: a.isolated,
                    rebuilding: a.rebuilding,
                });
            }
        }
        for (i, s) in now.services.iter().enumerate() {
            if before.services.get(i) != Some(s) {
                out.push(StateChange::Service {
                    service: bundle
                        .org
                        .services
                        .get(i)
                        .map(|x| x.id.clone())
                        .unwrap_or_default(),
                    status: *s,
                });
            }
        }
        out
    }
}
