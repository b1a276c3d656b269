//! Per-cluster swimlanes: each cluster's state over the run and the moments that matter to
//! it (agent landed, control plane down, caches empty, agent deleted, traffic readmitted,
//! recovered). Pure, read from a trace; the view only draws it.

use crate::sim::{ClusterState, EventKind, Trace};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mark {
    AgentLanded,
    ControlPlaneDown,
    CachesEmpty,
    AgentDeleted,
    Readmitted,
    Recovered,
}

impl Mark {
    pub const ALL: [Mark; 6] = [Mark::AgentLanded, Mark::ControlPlaneDown, Mark::CachesEmpty, Mark::AgentDeleted, Mark::Readmitted, Mark::Recovered];
    pub fn label(self) -> &'static str {
        match self {
            Mark::AgentLanded => "agent landed",
            Mark::ControlPlaneDown => "control plane down",
            Mark::CachesEmpty => "DNS caches empty",
            Mark::AgentDeleted => "agent deleted",
            Mark::Readmitted => "traffic readmitted",
            Mark::Recovered => "recovered",
        }
    }
    /// Told apart by shape, not only colour.
    pub fn glyph(self) -> &'static str {
        match self {
            Mark::AgentLanded => "▼",
            Mark::ControlPlaneDown => "✕",
            Mark::CachesEmpty => "○",
            Mark::AgentDeleted => "◆",
            Mark::Readmitted => "▶",
            Mark::Recovered => "●",
        }
    }
}

/// A stretch of the run in one state.
#[derive(Clone, Debug, PartialEq)]
pub struct Band {
    pub state: ClusterState,
    pub from: f64,
    pub to: f64,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Lane {
    pub cluster: usize,
    pub name: String,
    pub nodes: u32,
    pub staging: bool,
    /// A staging cluster that had the agent before any production cluster: its landing is a
    /// trial. (A described fleet's staging cluster in the same wave lands with the rest.)
    pub trial: bool,
    pub bands: Vec<Band>,
    pub marks: Vec<(Mark, f64)>,
}

impl Lane {
    /// A mark's words on this lane: on a staging cluster the agent's landing is its trial,
    /// before the fleet's rollout starts.
    pub fn mark_label(&self, m: Mark) -> &'static str {
        match m {
            Mark::AgentLanded if self.trial => "agent tried on staging, before the fleet's rollout",
            m => m.label(),
        }
    }
}

/// Every cluster's lane, in fleet order.
pub fn lanes(t: &Trace) -> Vec<Lane> {
    (0..t.clusters.len()).map(|c| lane(t, c)).collect()
}

fn lane(t: &Trace, c: usize) -> Lane {
    let s = &t.per_cluster[c];
    let first = |f: &dyn Fn(usize) -> bool| (0..t.len).find(|&i| f(i)).map(|i| t.t_at(i));
    let event = |kinds: &[EventKind]| t.events.iter().find(|e| e.cluster == Some(c) && kinds.contains(&e.kind)).map(|e| e.t_min);
    let deleted = event(&[EventKind::AgentDeleted]);
    // Readmitted: the gate back fully open after the fix (it was closed or ramping before).
    let readmitted = deleted.and_then(|d| {
        let from = t.index_at(d);
        let closed = (from..t.len).find(|&i| s.gate[i] < 0.999)?;
        (closed..t.len).find(|&i| s.gate[i] >= 0.999).map(|i| t.t_at(i))
    });
    let mut marks = vec![
        // When the rollout reached the cluster, as the diagram says it (its pods start 30–90 s later).
        (Mark::AgentLanded, t.clusters[c].landed_min),
        (Mark::ControlPlaneDown, first(&|i| s.cp_down(i))),
        // A cluster with no cache (TTL under 5 s) has none to empty: its lookups failing is
        // CoreDNS's lane, not this mark.
        (
            Mark::CachesEmpty,
            first(&|i| (s.cache_valid[i] as f64) < crate::sim::model::thresholds::CACHES_EMPTY_BELOW)
                .filter(|_| crate::sim::model::caches_dns(t.clusters[c].settings.ttl)),
        ),
        (Mark::AgentDeleted, deleted),
        (Mark::Readmitted, readmitted),
        (Mark::Recovered, event(&[EventKind::FirstClusterRecovered, EventKind::ClusterRecovered])),
    ];
    // A second fall (the herd re-overloading a cluster being readmitted), as the log tells it.
    marks.extend(
        t.events.iter().filter(|e| e.cluster == Some(c) && e.kind == EventKind::ControlPlaneDownAgain).map(|e| (Mark::ControlPlaneDown, Some(e.t_min))),
    );
    let mut bands: Vec<Band> = Vec::new();
    for i in 0..t.len {
        let (state, at) = (s.state[i], t.t_at(i));
        match bands.last_mut() {
            Some(b) if b.state == state => b.to = at,
            _ => bands.push(Band { state, from: at, to: at }),
        }
    }
    // Each band runs to where the next begins.
    for k in 1..bands.len() {
        bands[k - 1].to = bands[k].from;
    }
    let info = &t.clusters[c];
    let production = t.clusters.iter().filter(|o| !o.staging).filter_map(|o| o.landed_min).fold(f64::INFINITY, f64::min);
    Lane {
        cluster: c,
        name: info.name.clone(),
        nodes: info.nodes,
        staging: info.staging,
        trial: info.staging && info.landed_min.is_some_and(|l| l < production),
        bands,
        marks: marks.into_iter().filter_map(|(m, at)| at.map(|a| (m, a))).collect(),
    }
}

impl Lane {
    /// What is known at `until` (spoiler-free mode): bands cut there, later marks dropped.
    pub fn until(&self, until: f64) -> Lane {
        let bands = self.bands.iter().filter(|b| b.from <= until).map(|b| Band { to: b.to.min(until), ..b.clone() }).collect();
        Lane { bands, marks: self.marks.iter().copied().filter(|(_, t)| *t <= until).collect(), ..self.clone() }
    }
}
