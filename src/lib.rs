//! kunren (訓練, "drill") — a terminal cyber-drill and tabletop-exercise simulator.
//!
//! Scripted attack scenarios play against a model organisation; the team's responses are scored
//! turn by turn, and the drill leaves tamper-evident evidence and an after-action report.

pub mod cli;
pub mod engine;
pub mod exit;
pub mod graph;
pub mod headless;
pub mod i18n;
pub mod input;
pub mod journal;
pub mod montecarlo;
pub mod msel;
pub mod navigator;
pub mod policy;
pub mod practice;
pub mod records;
pub mod register;
pub mod rehearsal;
pub mod report;
pub mod scenario;
pub mod scoring;
pub mod serve;
pub mod session;
pub mod text;
pub mod tui;
