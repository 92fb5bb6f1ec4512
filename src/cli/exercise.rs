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
