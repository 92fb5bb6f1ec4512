//! The AAR/IP overview options shared by `kunren run` and `kunren play`: sponsor, point of
//! contact, location, evaluators, participating organisations and the handling marking, all
//! journaled in the header (see `kunren::records::ExerciseFacts`).

use clap::Args;

use crate::records::ExerciseFacts;

/// Options that fill the after-action report's overview; each overrides the organisation's
/// default (its `report` block) and is journaled in the header.
#[derive(Debug, Clone, Default, Args)]
pub struct ExerciseArgs {
    /// Sponsor of the exercise, for the report's overview.
    #[arg(long, value_name = "NAME")]
    pub sponsor: Option<String>,
    /// The exercise's point of contact (name and how to reach them).
    #[arg(long, value_name = "CONTACT")]
    pub poc: Option<String>,
    /// Where the drill is held.
    #[arg(long, value_name = "PLACE")]
    pub location: Option<String>,
    /// An evaluator who observes the drill; repeat for each.
    #[arg(long = "evaluator", value_name = "NAME")]
    pub evaluators: Vec<String>,
    /// A participating organisation besides the organisation itself; repeat for each.
    #[arg(
        long = "organisation",
        visible_alias = "organization",
        value_name = "ORG"
    )]
    pub organisations: Vec<String>,
    /// Handling marking printed at the top and bottom of every page of the report (e.g. "CUI",
    /// "社外秘").
    #[arg(long, value_name = "MARKING")]
    pub handling: Option<String>,
}

impl ExerciseArgs {
    /// The facts these options give (unset ones stay empty).
    pub fn facts(&self) -> ExerciseFacts {
        ExerciseFacts {
            evaluators: self.evaluators.clone(),
            handling: self.handling.clone(),
            location: self.location.clone(),
            organisations: self.organisations.clone(),
            poc: self.poc.clone(),
            sponsor: self.sponsor.clone(),
            ..ExerciseFacts::default()
        }
    }
}

/// `kunren play --serve`: every role at its own terminal over SSH (see docs/seats.md).
#[derive(Debug, Clone, Default, Args)]
pub struct ServeFlags {
    /// Serve seats over SSH on this address and port (e.g. 0.0.0.0:2222); participants connect
    /// with `ssh -p PORT ROLE@HOST`. The host key (Ed25519) is made once beside the journals
    /// (kunren-journals/kunren_host_ed25519_key); its fingerprint (SHA256:…) is on the
    /// facilitator's seats panel (`s`) and printed by `ssh-keygen -lf
    /// kunren-journals/kunren_host_ed25519_key.pub`, for participants to compare with what
    /// their client shows.
    #[arg(long, value_name = "ADDR:PORT")]
    pub serve: Option<String>,
    /// A seat: "NAME:ROLE:KEYFILE.pub" (signs in with that OpenSSH key) or "NAME:ROLE:code"
    /// (a one-time join code shown on the facilitator's screen), optionally ":en" or ":ja";
    /// the participant joins the drill. Repeat for each.
    #[arg(
        long = "seat",
        value_name = "NAME:ROLE:KEY|code[:LANG]",
        requires = "serve"
    )]
    pub seats: Vec<String>,
    /// End the turn by itself once every connected seat said "ready" (the facilitator can
    /// always end it).
    #[arg(long, requires = "serve")]
    pub end_when_ready: bool,
    /// Let the reference response play the roles no seat holds (as `kunren practice` does).
    #[arg(long, requires = "serve")]
    pub reference_unheld: bool,
}

impl ServeFlags {
    /// The serving options, when `--serve` was given.
    pub fn args(&self) -> Option<crate::serve::ServeArgs> {
        self.serve.as_ref().map(|addr| crate::serve::ServeArgs {
            addr: addr.clone(),
            seats: self.seats.clone(),
            end_when_ready: self.end_when_ready,
            reference_unheld: self.reference_unheld,
            host_key_dir: None,
        })
    }
}
