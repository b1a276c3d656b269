//! The fleet: one staging cluster and twelve production clusters shaped like the real one
//! ("hundreds of clusters", the largest 7,500 nodes) — a dozen stand in for the hundreds.

/// Sizes are at the default 7,500 agents; production scales with the `agents` parameter.
pub struct ClusterDef {
    pub name: &'static str,
    /// Production only; staging's size is the `staging_nodes` parameter.
    pub base_nodes: f64,
    pub staging: bool,
    /// When the fleet-wide rollout reaches it, as a fraction of the window. The window is
    /// placed so that the large clusters (0.724 = 21 of 29 min) get the agent at T = 0.
    pub fleet_frac: f64,
    /// Wave in a phased rollout: 0 staging, 1 small, 2 medium, 3 large.
    pub wave: u8,
}

pub const LARGE_FRAC: f64 = 21.0 / 29.0;
pub const LARGEST_BASE: f64 = 7_500.0;

pub const FLEET: &[ClusterDef] = &[
    ClusterDef { name: "staging", base_nodes: 0.0, staging: true, fleet_frac: -0.1, wave: 0 },
    ClusterDef { name: "large-a", base_nodes: 7_500.0, staging: false, fleet_frac: LARGE_FRAC, wave: 3 },
    ClusterDef { name: "large-b", base_nodes: 5_000.0, staging: false, fleet_frac: LARGE_FRAC, wave: 3 },
    ClusterDef { name: "large-c", base_nodes: 2_500.0, staging: false, fleet_frac: LARGE_FRAC, wave: 3 },
    ClusterDef { name: "medium-a", base_nodes: 2_000.0, staging: false, fleet_frac: 1.0, wave: 2 },
    ClusterDef { name: "medium-b", base_nodes: 1_600.0, staging: false, fleet_frac: 0.62, wave: 2 },
    ClusterDef { name: "medium-c", base_nodes: 1_200.0, staging: false, fleet_frac: 0.52, wave: 2 },
    ClusterDef { name: "medium-d", base_nodes: 800.0, staging: false, fleet_frac: 0.41, wave: 2 },
    ClusterDef { name: "medium-e", base_nodes: 500.0, staging: false, fleet_frac: 0.31, wave: 2 },
    ClusterDef { name: "small-a", base_nodes: 450.0, staging: false, fleet_frac: 0.21, wave: 1 },
    ClusterDef { name: "small-b", base_nodes: 300.0, staging: false, fleet_frac: 0.14, wave: 1 },
    ClusterDef { name: "small-c", base_nodes: 200.0, staging: false, fleet_frac: 0.07, wave: 1 },
    ClusterDef { name: "small-d", base_nodes: 100.0, staging: false, fleet_frac: 0.0, wave: 1 },
];

/// Nodes in a cluster for a given agent count (the largest cluster has exactly `agents`);
/// staging has `staging_nodes`, never more than the largest production cluster.
pub fn nodes(def: &ClusterDef, agents: u32, staging_nodes: u32) -> f64 {
    if def.staging {
        return (staging_nodes as f64).min(agents as f64).max(1.0);
    }
    (def.base_nodes * agents as f64 / LARGEST_BASE).round().max(1.0)
}
