//! Analyses over runs: sweeps of two parameters, the postmortem's follow-ups, the lesson's
//! chapters, why a run does not recover. Pure, natively tested; each re-simulates what it needs.

pub mod check;
pub use check::band;
pub mod followups;
pub mod lesson;
pub mod outlook;
pub mod sweep;
