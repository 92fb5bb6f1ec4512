//! Tests of the evidence journal (`kunren::journal`, issue 3).

mod common;
mod crash;
mod durability;
mod expert_fixture;
mod forge;
mod golden;
mod tamper;
