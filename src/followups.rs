//! The postmortem's follow-ups as levers: each one applied alone to a run's parameters,
//! re-simulated, and compared with the run as it is. Shared by the app's Follow-ups panel
//! and `cascade followups`.

use crate::sim::{simulate_summary, Params, RetryPolicy, Rollout, Summary};
use serde::Serialize;

/// One follow-up the December 2024 postmortem names.
pub struct FollowUp {
    pub key: &'static str,
    pub label: &'static str,
    /// What it changes in the model, in one line.
    pub what: &'static str,
    pub apply: fn(&mut Params),
}

/// In the postmortem's order.
pub const FOLLOW_UPS: &[FollowUp] = &[
    FollowUp {
        key: "phased_rollout",
        label: "Phased rollout watching control-plane health",
        what: "Waves (staging, small, medium, large) with a gate that halts on 429s or API server restarts.",
        apply: |p| p.rollout = Rollout::Phased,
    },
    FollowUp {
        key: "test_at_scale",
        label: "Test at production scale",
        what: "A 3,000-node staging cluster gets the agent first, and the health gate watches it.",
        apply: |p| {
            p.staging_nodes = 3_000;
            p.rollout = Rollout::Phased;
        },
    },
    FollowUp {
        key: "break_glass",
        label: "Break-glass access to the API",
        what: "Admins reach the API through an exempt priority level that overload cannot starve.",
        apply: |p| p.break_glass = true,
    },
    FollowUp {
        key: "dns_serve_stale",
        label: "Decouple DNS from the control plane",
        what: "CoreDNS and node-local caches serve stale answers when they cannot sync (RFC 8767).",
        apply: |p| p.dns_serve_stale = true,
    },
    FollowUp {
        key: "faster_recovery",
        label: "Faster, rate-limited recovery",
        what: "Three crews in parallel, a 30-minute readmission ramp, and a retry budget in clients.",
        apply: |p| {
            p.crews = 3;
            p.ramp_min = 30;
            p.retry = RetryPolicy::Budget;
        },
    },
];

/// One row of the comparison: the follow-up's run against the current one.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Row {
    pub key: &'static str,
    pub label: &'static str,
    pub what: &'static str,
    pub impact_min: f64,
    pub peak_error: f64,
    pub fix_landed_min: Option<f64>,
    pub all_recovered_min: Option<f64>,
    /// Customer-impact minutes saved against the current run (negative: worse).
    pub saved_min: f64,
    /// Clusters whose control plane fell (0: nothing to fix or recover).
    pub impacted_clusters: u32,
    /// The follow-up changes nothing in these parameters (already applied).
    pub already: bool,
}

impl FollowUp {
    pub fn applied(&self, base: &Params) -> Params {
        let mut p = base.clone();
        (self.apply)(&mut p);
        p
    }
}

fn row(f: &FollowUp, base: &Summary, p: &Params, already: bool) -> Row {
    let s = if already { base.clone() } else { simulate_summary(p) };
    Row {
        key: f.key,
        label: f.label,
        what: f.what,
        impact_min: s.impact_min,
        peak_error: s.peak_error_rate,
        fix_landed_min: s.fix_landed_min,
        all_recovered_min: s.all_recovered_min,
        saved_min: base.impact_min - s.impact_min,
        impacted_clusters: s.impacted_clusters,
        already,
    }
}

/// Every follow-up applied alone to `base`, each re-simulated (a few milliseconds each).
pub fn compare(base: &Params, base_summary: &Summary) -> Vec<Row> {
    FOLLOW_UPS
        .iter()
        .map(|f| {
            let p = f.applied(base);
            row(f, base_summary, &p, p == *base)
        })
        .collect()
}
