//! The systems of the per-turn schedules, small and named after what they do.

pub mod campaign;
pub mod effects;
pub mod impact;
pub mod scoring;
pub mod team;
pub mod turn;
