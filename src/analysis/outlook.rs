//! Why a run does not recover: each impacted cluster still down when the run ends, with the
//! reason read from its parameters and its trace, in words the app and the CLI both show.
//! Pure; `tests/native/claims.rs` checks that every run that does not recover gets a reason.

use crate::sim::{Action, ClusterState, EventKind, Params, Trace};
use crate::text::t_plus;

/// What keeps one cluster from recovering.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stuck {
    /// No admin write ever gets through: no break-glass, and the API is never blocked at the
    /// network (the lever that drains it enough for an admin write).
    LockedOut,
    /// The agent is gone but relists and retries hold the control plane down, and nothing may
    /// block that traffic at the network (scaling alone does not drain it).
    NothingSheds,
    /// Every readmission overloads it again: its nodes' own clients need more than its API
    /// servers give, and scaling down or up (or both) is off.
    TooBigToReadmit,
    /// Still on its way when the run ends (a crew busy elsewhere, shedding, or a slow ramp).
    RunEnds,
}

#[derive(Clone, Debug, PartialEq)]
pub struct NotRecovered {
    pub cluster: usize,
    pub why: Stuck,
}

/// Every impacted production cluster not recovered at the end of the run, in fleet order.
pub fn not_recovered(p: &Params, t: &Trace) -> Vec<NotRecovered> {
    let Some(last) = t.len.checked_sub(1) else { return Vec::new() };
    let break_glass = p.break_glass || p.interventions.iter().any(|iv| iv.action == Action::BreakGlass);
    (0..t.clusters.len())
        .filter(|&c| !t.clusters[c].staging)
        .filter(|&c| {
            // Impacted as the model counts it: its control plane down at some sample.
            let s = &t.per_cluster[c];
            (0..t.len).any(|i| s.cp_down(i)) && s.state[last] != ClusterState::Recovered
        })
        .map(|c| {
            let has = |k: EventKind| t.events.iter().any(|e| e.kind == k && e.cluster == Some(c));
            // Fixed: its agent deleted, or readmitted at least once (a cluster that fell from
            // its own load, before the agent reached it, has no agent to delete).
            let fixed = has(EventKind::AgentDeleted) || has(EventKind::ControlPlaneDownAgain);
            let why = if !fixed {
                // Blocking the API is what brings admin writes back within reach.
                if !break_glass && !p.block_api {
                    Stuck::LockedOut
                } else {
                    Stuck::RunEnds
                }
            } else if !p.block_api && t.per_cluster[c].cp_down(last) {
                Stuck::NothingSheds
            } else if has(EventKind::ControlPlaneDownAgain) && (!p.scale_down || !p.scale_up) && t.per_cluster[c].cp_down(last) {
                Stuck::TooBigToReadmit
            } else {
                Stuck::RunEnds
            };
            NotRecovered { cluster: c, why }
        })
        .collect()
}

/// One sentence a person reads under the headline when the run does not recover; `None`
/// when every impacted cluster recovers (or none was impacted).
pub fn why_not_recovered(p: &Params, t: &Trace) -> Option<String> {
    let list = not_recovered(p, t);
    let first = list.first()?;
    let names: Vec<&str> = list.iter().map(|n| t.clusters[n.cluster].name.as_str()).collect();
    let who = if names.len() == 1 { names[0].to_string() } else { format!("{} clusters ({})", names.len(), names.join(", ")) };
    // The most fundamental reason among them speaks for all.
    let why = [Stuck::LockedOut, Stuck::NothingSheds, Stuck::TooBigToReadmit, Stuck::RunEnds]
        .into_iter()
        .find(|s| list.iter().any(|n| n.why == *s))
        .unwrap_or(first.why);
    Some(match why {
        Stuck::LockedOut => format!("{who} never recover: engineers are locked out of the API, with no break-glass access and no network block to drain it."),
        Stuck::NothingSheds => format!(
            "{who} never recover: the agent is gone, but relists and retries hold the control plane down and nothing may block that traffic at the network."
        ),
        Stuck::TooBigToReadmit => {
            let off = match (p.scale_down, p.scale_up) {
                (false, false) => "scaling nodes down and API servers up are both off",
                (false, true) => "scaling nodes down is off",
                _ => "scaling API servers up is off",
            };
            format!("{who} never recover: each time traffic is let back in, the nodes' own clients overload the API servers again, and {off}.")
        }
        Stuck::RunEnds => format!("{who} still recovering when the run ends at {}: a longer horizon shows the rest.", t_plus(t.t_end())),
    })
}
