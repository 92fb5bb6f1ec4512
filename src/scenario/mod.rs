//! Authored formats: scenario, model organisation, action catalogue and regimes; loading, validation
//! and diagnostics.

pub mod attack;
pub mod bounds;
pub mod calendar;
pub mod catalogue;
pub mod condition;
pub mod diagnostic;
pub mod evaluate;
pub mod load;
pub mod model;
pub mod org;
pub mod parse;
pub mod reachability;
pub mod script;
pub mod sector;
pub mod source;
pub mod validate;

pub use catalogue::{
    ActionDef, Catalogue, ClockDef, CsfFunction, DeadlineKind, Regime, TargetKind,
};
pub use condition::{Condition, Effect, TARGET};
pub use diagnostic::{Diagnostic, Severity};
pub use load::{Bundle, LoadErrors, load_bundle};
pub use model::*;
pub use org::Org;
pub use source::Source;
