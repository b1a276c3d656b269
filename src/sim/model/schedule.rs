//! When each cluster gets the agent, and what halts the rollout: a run's plan (December's
//! fleet-wide rollout, today's phased plan, or a plan of its own) turned into landing times
//! and a gate rule on the model's clock.

use super::constants::STAGING_LEAD_S;
use crate::sim::fleet::{self, Resolved, LARGE_FRAC};
use crate::sim::params::{Params, Rollout};
use crate::sim::plan::{Gate, GateSignal, Plan, Wave};

/// Today's phased plan for a fleet, written out: its waves in order, each soaking as long
/// as the named plan does, and its gate.
pub fn phased_plan(p: &Params, clusters: &[Resolved]) -> Plan {
    let waves = fleet::distinct_waves(clusters.iter().map(|c| c.wave));
    let soak = p.rollout_min as f64 / 3.0 * LARGE_FRAC;
    Plan {
        waves: waves
            .iter()
            .map(|&w| Wave { clusters: clusters.iter().filter(|c| c.wave == w).map(|c| c.name.clone()).collect(), soak_min: (soak * 10.0).round() / 10.0 })
            .collect(),
        gate: Gate { signal: GateSignal::Either, threshold_pct: 1.0, delay_min: 0.0 },
    }
}

/// How the model halts a rollout.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum GateRule {
    None,
    /// The named phased plan's gate: the model's own saturation test, at once.
    Saturated,
    Signal {
        signal: GateSignal,
        threshold: f64,
        delay_s: f64,
    },
}

/// When each cluster gets the agent (seconds after T; `None`: not in the plan) and the gate.
#[derive(Clone, Debug, PartialEq)]
pub struct Schedule {
    pub land_s: Vec<Option<f64>>,
    pub gate: GateRule,
    /// When the rollout begins (its first wave; staging may go a little earlier).
    pub start_s: f64,
}

/// The schedule of `p`'s plan over its clusters, on a clock whose T is the moment the plan
/// reaches the largest production cluster (as December's T is the large clusters' landing: in
/// December's plans, on the built-in fleet, the shift is exactly 0 and every float operation
/// is the one it always was, so those runs keep their bits).
pub fn schedule(p: &Params, clusters: &[Resolved]) -> Schedule {
    let mut s = unshifted(p, clusters);
    let largest = fleet::largest_index(p).min(clusters.len().saturating_sub(1));
    let offset = s.land_s.get(largest).copied().flatten().unwrap_or(0.0);
    for l in s.land_s.iter_mut().flatten() {
        *l -= offset;
    }
    s.start_s -= offset;
    s
}

fn unshifted(p: &Params, clusters: &[Resolved]) -> Schedule {
    let window_s = p.rollout_min as f64 * 60.0;
    let start_s = -LARGE_FRAC * window_s;
    if let Some(plan) = &p.plan {
        let mut land_s = vec![None; clusters.len()];
        let mut at = start_s;
        for wave in &plan.waves {
            for name in &wave.clusters {
                if let Some(i) = clusters.iter().position(|c| c.name.eq_ignore_ascii_case(name)) {
                    land_s[i].get_or_insert(at);
                }
            }
            at += wave.soak_min * 60.0;
        }
        let g = &plan.gate;
        let gate = match g.signal {
            GateSignal::None => GateRule::None,
            signal => GateRule::Signal { signal, threshold: g.threshold_pct / 100.0, delay_s: g.delay_min * 60.0 },
        };
        return Schedule { land_s, gate, start_s };
    }
    match p.rollout {
        Rollout::Fleet => Schedule { land_s: clusters.iter().map(|c| Some(start_s + c.at * window_s)).collect(), gate: GateRule::None, start_s },
        Rollout::Phased => Schedule {
            land_s: clusters
                .iter()
                .map(|c| Some(start_s + c.wave as f64 * window_s / 3.0 * LARGE_FRAC - if c.staging { STAGING_LEAD_S } else { 0.0 }))
                .collect(),
            gate: GateRule::Saturated,
            start_s,
        },
    }
}
