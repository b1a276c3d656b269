//! The postmortem's follow-ups as levers: each one applied alone to a run's parameters,
//! re-simulated, and compared with the run as it is. Shared by the app's Follow-ups panel
//! and `cascade followups`.

use crate::sim::{simulate_summary, Params, RetryPolicy, Rollout, Summary};
use serde::Serialize;

/// One follow-up the December 2024 postmortem names, as one change to the parameters, or a
/// bundle of such changes (labelled so, with its parts also listed as their own rows).
pub struct FollowUp {
    pub key: &'static str,
    pub label: &'static str,
    /// What it changes in the model, in one line.
    pub what: &'static str,
    /// The single follow-ups a bundle combines (empty for a single change).
    pub parts: &'static [&'static str],
    /// Applies the change, never lowering a setting that is already better than it proposes
    /// (then the parameters stay equal and the row reads "already").
    pub apply: fn(&mut Params),
}

/// In the postmortem's order: each change alone, then the bundles.
pub const FOLLOW_UPS: &[FollowUp] = &[
    FollowUp {
        key: "phased_rollout",
        label: "Phased rollout watching control-plane health",
        what: "Staging first, then the fleet's waves in turn (December's: small, medium, large), with a gate that halts on 429s or API server restarts.",
        parts: &[],
        // The named phased plan, in place of a plan the run describes.
        apply: phased,
    },
    FollowUp {
        key: "test_at_scale",
        label: "Test at production scale (a bigger staging alone)",
        what: "Staging at 3,000 nodes (every staging cluster of a described fleet); without a gate watching it, the rollout goes on regardless.",
        parts: &[],
        apply: staging_at_scale,
    },
    FollowUp {
        key: "break_glass",
        label: "Break-glass access to the API",
        what: "Admins reach the API through an exempt priority level that overload cannot starve.",
        parts: &[],
        apply: |p| p.break_glass = true,
    },
    FollowUp {
        key: "dns_serve_stale",
        label: "Decouple DNS from the control plane",
        what: "CoreDNS and node-local caches serve stale answers when they cannot sync (RFC 8767).",
        parts: &[],
        apply: |p| p.dns_serve_stale = true,
    },
    FollowUp {
        key: "more_crews",
        label: "More crews (3 clusters at once)",
        what: "Three crews shed load and readmit traffic on three clusters in parallel.",
        parts: &[],
        apply: |p| p.crews = p.crews.max(3),
    },
    FollowUp {
        key: "shorter_ramp",
        label: "A shorter readmission ramp (30 min)",
        what: "Traffic is let back in over 30 minutes instead of the run's ramp.",
        parts: &[],
        apply: |p| p.ramp_min = p.ramp_min.min(30),
    },
    FollowUp {
        key: "retry_budget",
        label: "A retry budget in clients",
        what: "Retries capped at 10 % of successes instead of client-go's retry-on-failure.",
        parts: &[],
        // No retries at all already sends less than a budget.
        apply: |p| {
            if matches!(p.retry, RetryPolicy::ClientGo | RetryPolicy::Jittered) {
                p.retry = RetryPolicy::Budget;
            }
        },
    },
    FollowUp {
        key: "test_at_scale_gated",
        label: "Bundle: test at production scale with the control-plane gate",
        what: "A 3,000-node staging cluster gets the agent first, and the phased rollout's gate watches it.",
        parts: &["test_at_scale", "phased_rollout"],
        apply: |p| {
            staging_at_scale(p);
            phased(p);
        },
    },
    FollowUp {
        key: "faster_recovery",
        label: "Bundle: faster, rate-limited recovery",
        what: "More crews, a shorter ramp and a retry budget together.",
        parts: &["more_crews", "shorter_ramp", "retry_budget"],
        apply: |p| {
            for part in ["more_crews", "shorter_ramp", "retry_budget"] {
                if let Some(f) = FOLLOW_UPS.iter().find(|f| f.key == part) {
                    (f.apply)(p);
                }
            }
        },
    },
];

fn phased(p: &mut Params) {
    p.plan = None;
    p.rollout = Rollout::Phased;
}

/// Staging at production scale: the built-in fleet's `staging_nodes`, or each staging cluster of
/// a described fleet (a fleet run as written stays so if staging becomes its largest).
fn staging_at_scale(p: &mut Params) {
    let as_written = p.agents == p.agents_default(&Params::default());
    match &mut p.fleet {
        None => p.staging_nodes = p.staging_nodes.max(3_000),
        Some(f) => {
            for c in f.clusters.iter_mut().filter(|c| c.staging) {
                c.nodes = c.nodes.max(3_000);
            }
            if as_written {
                p.agents = p.agents_default(&Params::default());
            }
        }
    }
}

/// Whether a follow-up means anything for `p`'s fleet: testing at scale needs a staging cluster,
/// which a described fleet may not have (then its rows are left out, not shown as "already").
pub fn applies(f: &FollowUp, p: &Params) -> bool {
    let needs_staging = f.key == "test_at_scale" || f.parts.contains(&"test_at_scale");
    !needs_staging || p.fleet.as_ref().is_none_or(|fl| fl.clusters.iter().any(|c| c.staging))
}

/// One row of the comparison: the follow-up's run against the current one.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Row {
    pub key: &'static str,
    pub label: &'static str,
    pub what: &'static str,
    /// The single follow-ups a bundle combines (empty for a single change).
    pub parts: &'static [&'static str],
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
        parts: f.parts,
        impact_min: s.impact_min,
        peak_error: s.peak_error_rate,
        fix_landed_min: s.fix_landed_min,
        all_recovered_min: s.all_recovered_min,
        saved_min: base.impact_min - s.impact_min,
        impacted_clusters: s.impacted_clusters,
        already,
    }
}

/// Every follow-up that `applies` to `base`, applied alone, each re-simulated (a few
/// milliseconds each).
pub fn compare(base: &Params, base_summary: &Summary) -> Vec<Row> {
    FOLLOW_UPS
        .iter()
        .filter(|f| applies(f, base))
        .map(|f| {
            let p = f.applied(base);
            row(f, base_summary, &p, p == *base)
        })
        .collect()
}
