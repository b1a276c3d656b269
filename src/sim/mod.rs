//! The simulation core: pure Rust, no web crates, deterministic for a seed.
//!
//! `simulate(&Params) -> Trace` is the whole interface; everything else in the app is a
//! cursor over the trace it returns.

pub mod agent;
pub mod compact;
pub mod fleet;
pub mod model;
pub mod params;
pub mod plan;
pub mod trace;

pub use model::{fails, simulate, simulate_outcome, simulate_summary};
pub use params::{Action, Incident, Intervention, Key, Kind, ParamError, Params, Preset, Recovery, RetryPolicy, Rollout, Spec, PRESETS, PRESET_NAMES, SPECS};
pub use trace::{ClusterInfo, ClusterState, Event, EventKind, Summary, Trace, Verdict};

/// A stable sort by `less` (equal elements keep their order, as `sort_by`), by insertion: the
/// lists it sorts are short or nearly sorted (a run's events are logged almost in order), and a
/// library sort's code weighs ~3 KB of the page per element type.
pub fn sort_stable_by<T>(v: &mut [T], mut less: impl FnMut(&T, &T) -> bool) {
    for i in 1..v.len() {
        let mut j = i;
        while j > 0 && less(&v[j], &v[j - 1]) {
            v.swap(j, j - 1);
            j -= 1;
        }
    }
}
