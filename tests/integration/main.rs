//! One integration-test crate (one link) for the whole suite.

mod aar;
mod authoring;
mod calendar;
mod cli_check;
mod cli_run;
mod clock_rule;
mod compliance;
mod conditional;
mod conditions;
mod corrections;
mod engine;
mod fuzz_smoke;
mod hostile;
mod journal;
mod library;
mod loader_fuzz;
mod msel;
mod pty;
mod register;
mod report;
mod resume;
mod serve;
mod state;
mod team_view;
mod tui;
mod verdicts;
