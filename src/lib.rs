//! kunren (訓練, "drill") — a terminal cyber-drill and tabletop-exercise simulator.
//!
//! Scripted attack scenarios play against a model organisation; the team's responses are scored
//! turn by turn, and the drill leaves tamper-evident evidence and an after-action report.

/// The allocator of every program built on the library (the binary, its tests and benches):
/// mimalloc instead of the system's. The engine makes many small allocations a turn (ids,
/// turn-log lines); glibc's malloc and free were about a quarter of `kunren balance`'s time in
/// profiles (`docs/performance.md`).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
