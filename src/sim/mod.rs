//! The simulation core: pure Rust, no web crates, deterministic for a seed.
//!
//! `simulate(&Params) -> Trace` is the whole interface; everything else in the app is a
//! cursor over the trace it returns.

pub mod model;
pub mod params;
pub use params::{agent, fleet, plan};
pub mod trace;

pub use model::{fails, simulate, simulate_outcome, simulate_summary};
pub use params::{Action, Incident, Intervention, Key, Kind, ParamError, Params, Preset, Recovery, RetryPolicy, Rollout, Spec, PRESETS, PRESET_NAMES, SPECS};
pub use trace::{ClusterInfo, ClusterState, Event, EventKind, Summary, Trace, Verdict};
