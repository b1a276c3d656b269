//! The rollout plan: which clusters get the agent when, and what halts it.
//!
//! Two named plans are the `rollout` parameter: `fleet` (December's: fleet-wide over the
//! rollout window, no gate) and `phased` (waves of a third of the large clusters' lead each,
//! halted by a control-plane health gate: 429s over 1 % or an API server restarting). A `Plan`
//! says its own waves, each with a soak time, and its own gate.

use super::fleet::{clip, FleetError, FleetErrorKind};
use serde::{Deserialize, Serialize};

crate::named_enum! {
    /// What the gate watches on clusters that have the agent.
    GateSignal {
        /// No gate: the plan runs to the end whatever happens.
        None = "none",
        /// Requests rejected (429) or timed out, as a share.
        Rejections = "rejections",
        /// API servers restarting (OOM), as a share of replicas.
        Restarts = "restarts",
        /// Either of them.
        Either = "either",
    }
}

/// The gate: halt every landing still to come once `signal` has been over `threshold_pct` on
/// some cluster with the agent for `delay_min`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Gate {
    pub signal: GateSignal,
    #[serde(default = "one_pct")]
    pub threshold_pct: f64,
    #[serde(default)]
    pub delay_min: f64,
}

fn one_pct() -> f64 {
    1.0
}

impl Default for Gate {
    fn default() -> Gate {
        Gate { signal: GateSignal::None, threshold_pct: 1.0, delay_min: 0.0 }
    }
}

/// A wave: these clusters get the agent together; the next wave waits `soak_min`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Wave {
    pub clusters: Vec<String>,
    #[serde(default)]
    pub soak_min: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Plan {
    pub waves: Vec<Wave>,
    #[serde(default)]
    pub gate: Gate,
}

pub const MAX_WAVES: usize = 20;
pub const MAX_SOAK_MIN: f64 = 600.0;
pub const MAX_DELAY_MIN: f64 = 60.0;

impl Plan {
    /// The plan's rules against the clusters it rolls to: 1 to 20 waves, each naming at least
    /// one cluster of the fleet, every cluster in exactly one wave, soak 0–600 min, threshold
    /// 0–100 %, delay 0–60 min.
    pub fn validate(&self, names: &[String]) -> Result<(), FleetError> {
        if self.waves.is_empty() {
            return Err(FleetError::new(FleetErrorKind::Empty, "plan: no waves (a plan has 1 to 20)"));
        }
        if self.waves.len() > MAX_WAVES {
            return Err(FleetError::new(FleetErrorKind::TooMany, format!("plan: {} waves is too many (1 to {MAX_WAVES})", self.waves.len())));
        }
        let mut seen = vec![None; names.len()];
        for (w, wave) in self.waves.iter().enumerate() {
            let what = format!("plan wave {}", w + 1);
            if wave.clusters.is_empty() {
                return Err(FleetError::new(FleetErrorKind::Missing, format!("{what}: clusters is empty (a wave names at least one cluster)")));
            }
            if !(0.0..=MAX_SOAK_MIN).contains(&wave.soak_min) {
                return Err(FleetError::new(
                    FleetErrorKind::OutOfRange,
                    format!("{what}: soak_min = {} is out of range (0 to 600)", crate::text::sig3(wave.soak_min)),
                ));
            }
            for name in &wave.clusters {
                let Some(i) = names.iter().position(|n| n.eq_ignore_ascii_case(name)) else {
                    return Err(FleetError::new(
                        FleetErrorKind::NotInFleet,
                        format!("{what}: clusters names '{}', which is not a cluster of the fleet", clip(name)),
                    ));
                };
                if let Some(other) = seen[i] {
                    return Err(FleetError::new(FleetErrorKind::Duplicate, format!("{what}: clusters names '{}', already in wave {}", names[i], other + 1)));
                }
                seen[i] = Some(w);
            }
        }
        // The run starts before the first wave: 600 min of soak in all keeps a run under a day.
        let total: f64 = self.waves.iter().map(|w| w.soak_min).sum();
        if total > MAX_SOAK_MIN {
            return Err(FleetError::new(
                FleetErrorKind::Conflict,
                format!("plan: the waves' soak_min add up to {} min (at most 600 in all)", crate::text::sig3(total)),
            ));
        }
        if let Some(i) = seen.iter().position(Option::is_none) {
            return Err(FleetError::new(FleetErrorKind::Conflict, format!("plan: cluster '{}' is in no wave (every cluster needs one)", names[i])));
        }
        let g = &self.gate;
        if !(0.0..=100.0).contains(&g.threshold_pct) {
            return Err(FleetError::new(
                FleetErrorKind::OutOfRange,
                format!("plan gate: threshold_pct = {} is out of range (0 to 100)", crate::text::sig3(g.threshold_pct)),
            ));
        }
        if !(0.0..=MAX_DELAY_MIN).contains(&g.delay_min) {
            return Err(FleetError::new(
                FleetErrorKind::OutOfRange,
                format!("plan gate: delay_min = {} is out of range (0 to 60)", crate::text::sig3(g.delay_min)),
            ));
        }
        Ok(())
    }
}
