//! One file per command; the parsing and the flags they share are in `cli`.

pub mod bench;
pub mod check;
pub mod fleet;
pub mod followups;
pub mod lesson;
pub mod link;
pub mod params;
pub mod render;
pub mod run;
pub mod sweep;
