//! What a run produces: fixed-resolution series plus typed events. The UI, exports and
//! share links are all cursors over this; nothing here knows how it was computed.

use serde::{Deserialize, Serialize};

crate::named_enum! {
    /// What happened, as the event log and exports name it.
    EventKind {
        RolloutStarted = "rollout_started",
        AgentLands = "agent_lands",
        ApiSaturated = "api_saturated",
        ControlPlaneDown = "control_plane_down",
        FirstAlert = "first_alert",
        RootCauseKnown = "root_cause_known",
        FirstCustomerErrors = "first_customer_errors",
        RolloutFinished = "rollout_finished",
        RolloutHalted = "rollout_halted",
        TrafficShift = "traffic_shift",
        DnsCachesEmpty = "dns_caches_empty",
        PeakImpact = "peak_impact",
        LoadShedding = "load_shedding",
        AccessRegained = "access_regained",
        AgentDeleted = "agent_deleted",
        ControlPlaneDownAgain = "control_plane_down_again",
        FixLanded = "fix_landed",
        FirstClusterRecovered = "first_cluster_recovered",
        ClusterRecovered = "cluster_recovered",
        AllRecovered = "all_recovered",
        Intervention = "intervention",
    }
}

impl EventKind {
    pub fn title(self) -> &'static str {
        match self {
            EventKind::RolloutStarted => "Rollout starts",
            EventKind::AgentLands => "Agent lands on the largest cluster",
            EventKind::ApiSaturated => "API servers saturated",
            EventKind::ControlPlaneDown => "Control plane down",
            EventKind::FirstAlert => "First alert",
            EventKind::RootCauseKnown => "Root cause identified",
            EventKind::FirstCustomerErrors => "Customers see errors",
            EventKind::RolloutFinished => "Rollout finishes",
            EventKind::RolloutHalted => "Rollout halted",
            EventKind::TrafficShift => "Traffic shifts to healthy clusters",
            EventKind::DnsCachesEmpty => "DNS caches empty fleet-wide",
            EventKind::PeakImpact => "Peak impact",
            EventKind::LoadShedding => "Load shedding begins",
            EventKind::AccessRegained => "Access regained",
            EventKind::AgentDeleted => "Agent deleted",
            EventKind::ControlPlaneDownAgain => "Control plane down again",
            EventKind::FixLanded => "Fix landed everywhere",
            EventKind::FirstClusterRecovered => "First cluster recovered",
            EventKind::ClusterRecovered => "Cluster recovered",
            EventKind::AllRecovered => "All clusters recovered",
            EventKind::Intervention => "Intervention",
        }
    }

    /// One plain-language sentence for the narration.
    pub fn explain(self) -> &'static str {
        match self {
            EventKind::RolloutStarted => "The agent starts rolling out to the fleet in its plan's order; a staging cluster had it a few minutes before.",
            EventKind::AgentLands => "Every node of the large clusters starts the agent; each one LISTs the whole cluster, so load grows with nodes².",
            EventKind::ApiSaturated => "The API servers' seats for a priority level are full: its requests queue, then get 429s, and clients retry.",
            EventKind::ControlPlaneDown => "API servers run out of memory: the LISTs in flight hold their responses, replicas are OOM-killed and crash-loop, and every restart breaks its clients' watches, who relist.",
            EventKind::FirstAlert => "Control-plane alerts fire; customers still see nothing because DNS answers are cached.",
            EventKind::RootCauseKnown => "Engineers tie the failure to the agent, but deleting it needs the API that is down.",
            EventKind::FirstCustomerErrors => "Cached DNS entries start expiring and CoreDNS can no longer answer: requests fail.",
            EventKind::RolloutFinished => "Nobody halted the rollout: the gate watched agent health, not control-plane health.",
            EventKind::RolloutHalted => "The rollout gate saw an unhealthy control plane and stopped before the next wave.",
            EventKind::TrafficShift => "Engineers move traffic from impacted clusters to healthy ones.",
            EventKind::DnsCachesEmpty => "Across the impacted clusters together, nearly every client's DNS cache has expired (each cluster's own moment is on its swimlane).",
            EventKind::PeakImpact => "The highest share of customer requests failing.",
            EventKind::LoadShedding => "The team scales nodes down, blocks the API at the network, adds API servers.",
            EventKind::AccessRegained => "An admin request finally gets through: the agent can be deleted.",
            EventKind::AgentDeleted => "An admin write got through in this cluster: the agent's DaemonSet is deleted; its pods go over 3 min.",
            EventKind::ControlPlaneDownAgain => {
                "Traffic let back in faster than the API servers can take overloads them again; the crew blocks the API, sheds load and ramps more slowly."
            }
            EventKind::FixLanded => "The agent is deleted in every impacted cluster; retries and relists still weigh on them.",
            EventKind::FirstClusterRecovered => "The first impacted cluster serves normally again.",
            EventKind::ClusterRecovered => "Another cluster is back to normal.",
            EventKind::AllRecovered => "Every impacted cluster is back to normal.",
            EventKind::Intervention => "You intervened here.",
        }
    }

    /// The real incident's time for this milestone (minutes after 3:12 pm), if known.
    pub fn real_t_min(self) -> Option<f64> {
        match self {
            EventKind::RolloutStarted => Some(-21.0),
            EventKind::AgentLands => Some(0.0),
            EventKind::FirstAlert => Some(1.0),
            EventKind::RootCauseKnown => Some(4.0),
            EventKind::FirstCustomerErrors => Some(4.0),
            EventKind::RolloutFinished => Some(8.0),
            EventKind::TrafficShift => Some(15.0),
            EventKind::PeakImpact => Some(28.0),
            EventKind::FirstClusterRecovered => Some(84.0),
            EventKind::AllRecovered => Some(266.0),
            _ => None,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Event {
    pub kind: EventKind,
    pub t_min: f64,
    /// Index into `Trace::clusters` when the event belongs to one cluster.
    pub cluster: Option<usize>,
    /// Extra words (which intervention, which cluster).
    pub detail: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[repr(u8)]
pub enum ClusterState {
    /// No agent yet.
    Healthy = 0,
    /// Agent running, control plane coping.
    AgentRunning = 1,
    /// Control plane failing, data plane serving from stale DNS caches.
    Stale = 2,
    /// Control plane failing and customers' requests failing.
    Failing = 3,
    /// Agent removed, traffic being readmitted.
    Recovering = 4,
    /// Back to normal after being impacted.
    Recovered = 5,
}

impl ClusterState {
    pub fn label(self) -> &'static str {
        match self {
            ClusterState::Healthy => "healthy",
            ClusterState::AgentRunning => "agent running",
            ClusterState::Stale => "serving from stale cache",
            ClusterState::Failing => "failing",
            ClusterState::Recovering => "recovering",
            ClusterState::Recovered => "recovered",
        }
    }
}

/// A cluster's outcome in a run, with the moment (minutes after T): `fell` (its control plane
/// served under half its requests), else `crash-looping` (its replicas kept OOM-restarting),
/// else `saturated` (over 1 % of some client's requests rejected or timed out, or an API server
/// restarting), else `ok`. A restart by hand's own minutes are none of these.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Verdict {
    Ok,
    Saturated {
        at_min: f64,
    },
    /// Its API server replicas kept OOM-restarting (under 90 % up for a minute) while those up
    /// still served more than half the requests: impacted and remediated like a fall.
    CrashLooping {
        at_min: f64,
    },
    Fell {
        at_min: f64,
    },
}

impl Verdict {
    pub fn name(self) -> &'static str {
        match self {
            Verdict::Ok => "ok",
            Verdict::Saturated { .. } => "saturated",
            Verdict::CrashLooping { .. } => "crash-looping",
            Verdict::Fell { .. } => "fell",
        }
    }
    pub fn at_min(self) -> Option<f64> {
        match self {
            Verdict::Ok => None,
            Verdict::Saturated { at_min } | Verdict::CrashLooping { at_min } | Verdict::Fell { at_min } => Some(at_min),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClusterInfo {
    pub name: String,
    pub nodes: u32,
    pub staging: bool,
    /// When the rollout reached this cluster (its DaemonSet was created), minutes after T;
    /// `None` when it never did in this run (halted first, or past the horizon).
    pub landed_min: Option<f64>,
    /// First moment of 429s over 1 % or an API server restarting, minutes after T.
    pub saturated_min: Option<f64>,
    /// What saturated it first: which requests were rejected, or a restart.
    pub saturated_by: Option<Saturation>,
    /// First moment its control plane served under half its requests, minutes after T.
    pub fell_min: Option<f64>,
    /// First moment its API server replicas had kept OOM-restarting for 3 minutes, minutes after T.
    pub crash_looping_min: Option<f64>,
    /// Every setting it ran with (its own over the fleet-wide ones): what a view names of one
    /// cluster (its replicas, TTL, memory, …) it reads here, never from the fleet-wide `Params`.
    pub settings: super::fleet::Resolved,
}

/// What made a cluster saturated first (`ClusterInfo::saturated_by`): a verdict names it, since
/// the agent's own requests can be rejected while the cluster's own traffic is served.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Saturation {
    /// Over 1 % of the cluster's own requests rejected (429) or timed out.
    Rejecting,
    /// Fewer than 99 % of its API server replicas up (a restart).
    Restarting,
    /// Over 1 % of the agent's requests rejected or timed out, at least one a minute, while the
    /// cluster's own were served.
    AgentRejected,
}

impl Saturation {
    /// Its words, after a verdict's moment: "large-a T+1 min (the agent's requests rejected)".
    pub fn words(self) -> &'static str {
        match self {
            Saturation::Rejecting => "its requests rejected",
            Saturation::Restarting => "an API server restarting",
            Saturation::AgentRejected => "the agent's requests rejected",
        }
    }
}

impl ClusterInfo {
    pub fn verdict(&self) -> Verdict {
        match (self.fell_min, self.crash_looping_min, self.saturated_min) {
            (Some(at_min), _, _) => Verdict::Fell { at_min },
            (None, Some(at_min), _) => Verdict::CrashLooping { at_min },
            (None, None, Some(at_min)) => Verdict::Saturated { at_min },
            (None, None, None) => Verdict::Ok,
        }
    }
}

/// A numeric column of a series struct: its field name, its CSV header and precision, and
/// what it means. Recording, the checksum, CSV and the data table all walk `COLUMNS`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Column {
    pub key: &'static str,
    pub csv: &'static str,
    pub decimals: usize,
    /// A short header for tables.
    pub label: &'static str,
    /// A share (0–1), shown as a percentage; otherwise a count.
    pub share: bool,
    /// The unit its numbers are in, in words (exports' metadata and docs/exports.md).
    pub unit: &'static str,
    pub doc: &'static str,
}

/// Declares a series struct (one `Vec` per column), its one-sample twin the model records,
/// and its column list, from a single list of columns.
macro_rules! series {
    (
        $(#[$meta:meta])* $name:ident / $sample:ident {
            $( $(#[doc = $doc:literal])* $field:ident: $csv:literal, $decimals:literal, $label:literal, $share:literal, $unit:literal; )+
        }
        $( extra $(#[doc = $edoc:literal])* $efield:ident: $ety:ty; )*
    ) => {
        $(#[$meta])*
        #[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
        pub struct $name {
            $( $(#[doc = $doc])* pub $field: Vec<f32>, )+
            $( $(#[doc = $edoc])* pub $efield: Vec<$ety>, )*
        }

        /// One sample of every column of
        #[doc = concat!("[`", stringify!($name), "`].")]
        #[derive(Clone, Copy, Debug)]
        pub struct $sample {
            $( pub $field: f32, )+
            $( pub $efield: $ety, )*
        }

        impl $name {
            pub const COLUMNS: &'static [Column] = &[
                $( Column { key: stringify!($field), csv: $csv, decimals: $decimals, label: $label, share: $share, unit: $unit, doc: concat!($($doc),*) }, )+
            ];
            pub fn with_capacity(n: usize) -> Self {
                Self { $( $field: Vec::with_capacity(n), )+ $( $efield: Vec::with_capacity(n), )* }
            }
            pub fn push(&mut self, s: $sample) {
                $( self.$field.push(s.$field); )+
                $( self.$efield.push(s.$efield); )*
            }
            /// The numeric columns, in `COLUMNS` order.
            pub fn values(&self) -> [&[f32]; Self::COLUMNS.len()] {
                [ $( &self.$field ),+ ]
            }
        }
    };
}

series! {
    /// Per-cluster series, one value per sample.
    ClusterSeries / ClusterSample {
        /// CPU demand its clients offer ÷ its API servers' cores.
        load: "load", 3, "CPU demand ÷ cores", false, "ratio (CPU demand ÷ cores)";
        /// Share of API server replicas up (not OOM-restarting).
        apiserver_up: "apiserver_up", 4, "API servers up", true, "share (0–1)";
        /// Share of requests rejected with 429 or timed out.
        rejected: "rejected", 4, "Rejected (429)", true, "share (0–1)";
        /// Share of CoreDNS pods able to answer.
        dns_health: "dns_health", 4, "CoreDNS answering", true, "share (0–1)";
        /// Share of clients holding a valid DNS entry.
        cache_valid: "cache_valid", 4, "Clients holding a DNS answer", true, "share (0–1)";
        /// Share of this cluster's customer requests failing.
        error: "error", 4, "Customer errors", true, "share (0–1)";
        /// Share of nodes running the agent.
        agent: "agent", 4, "Nodes running the agent", true, "share (0–1)";
        /// Share of admitted informers stuck relisting.
        relisting: "relisting", 4, "Informers relisting", true, "share (0–1)";
        /// The standing informers' relists (after restarts, blocks, expired watches): their CPU demand ÷ the cores.
        storm: "storm", 4, "Relist load", false, "multiple of the API servers' cores";
        /// Memory held per up API server (watch cache, responses in flight) ÷ its limit.
        memory: "memory", 4, "API server memory", true, "share of the memory limit";
        /// 1 while its replicas have kept OOM-restarting (under 90 % up) for a minute, else 0.
        crash_looping: "crash_looping", 0, "Crash-looping", false, "1 (yes) or 0 (no)";
        /// 1 while its control plane is down as the model counts impact (under half served, or
        /// crash-looping; not during a restart by hand's own minutes), else 0.
        down: "down", 0, "Control plane down", false, "1 (yes) or 0 (no)";
        /// Share of non-admin traffic the API admits (a network block drains it; readmission ramps it).
        gate: "gate", 4, "Traffic admitted", true, "share (0–1)";
        /// Nodes left after scaling down, as a share of the cluster's nodes.
        nodes: "nodes", 4, "Nodes left", true, "share (0–1)";
        /// API capacity after scaling up, as a multiple of nominal.
        capacity: "capacity", 4, "API capacity ×", false, "multiple of nominal API capacity";
        /// Chance an engineer's admin write gets through now (break-glass aware).
        admin: "admin", 4, "Admin success", true, "probability (0–1)";
    }
    extra
        /// The cluster's state, as the fleet view and narration name it.
        state: ClusterState;
}

impl ClusterSeries {
    /// The model's impact rule at sample `i`: under half the requests served, or crash-looping,
    /// outside a restart by hand's own minutes (as the model decided it, `down`). One
    /// definition for the diagram, the swimlanes and the lesson.
    pub fn cp_down(&self, i: usize) -> bool {
        self.down[i] > 0.5
    }
}

series! {
    /// Fleet-level series (production clusters), one value per sample.
    FleetSeries / FleetSample {
        /// Total CPU demand the clients offer the API servers, in cores.
        demand: "api_demand_cores", 1, "API demand (cores)", false, "CPU cores";
        /// Total API server cores, counting only replicas that are up.
        capacity: "api_capacity_cores", 1, "Capacity (cores)", false, "CPU cores";
        /// Share of API requests served.
        api_success: "api_success", 4, "API requests served", true, "share (0–1)";
        /// Chance an engineer's admin request succeeds (impacted clusters, worst first).
        admin_success: "admin_success", 4, "Admin success", true, "probability (0–1)";
        /// Share of CoreDNS able to answer, traffic-weighted.
        dns_health: "dns_health", 4, "CoreDNS answering", true, "share (0–1)";
        /// Share of clients with a valid cached DNS entry, traffic-weighted.
        cache_valid: "cache_valid", 4, "Clients holding a DNS answer", true, "share (0–1)";
        /// Share of customer requests failing — what customers see.
        user_error: "user_error", 4, "Customer errors", true, "share (0–1)";
        /// Share of traffic whose cluster has a working control plane that DNS can reach (not
        /// failing, not cut off at the network) — the real state.
        control_plane_ok: "control_plane_ok", 4, "Traffic on a working control plane", true, "share (0–1)";
        /// Share of clusters the rollout has reached (staging included).
        rollout: "rollout", 4, "Clusters reached by the rollout", true, "share (0–1)";
        /// Share of impacted clusters' traffic moved to healthy clusters.
        shifted: "shifted", 4, "Traffic shifted", true, "share (0–1)";
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    pub control_plane_down_min: Option<f64>,
    pub first_alert_min: Option<f64>,
    pub first_customer_errors_min: Option<f64>,
    pub peak_impact_min: Option<f64>,
    pub access_regained_min: Option<f64>,
    pub fix_landed_min: Option<f64>,
    pub first_cluster_recovered_min: Option<f64>,
    pub all_recovered_min: Option<f64>,
    pub peak_error_rate: f64,
    /// Minutes during which some production cluster's customers saw more than 2 % of their
    /// requests fail (the customer-visible threshold), summed over the run.
    pub impact_min: f64,
    /// Minutes between the first alert and the first customer errors.
    pub detection_lead_min: Option<f64>,
    pub impacted_clusters: u32,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Trace {
    /// Time of sample 0, minutes after T (the agent lands on the largest cluster).
    pub t0_min: f64,
    pub dt_min: f64,
    pub len: usize,
    pub clusters: Vec<ClusterInfo>,
    pub fleet: FleetSeries,
    pub per_cluster: Vec<ClusterSeries>,
    pub events: Vec<Event>,
    pub summary: Summary,
}

impl Trace {
    pub fn t_at(&self, i: usize) -> f64 {
        self.t0_min + self.dt_min * i as f64
    }
    pub fn t_end(&self) -> f64 {
        self.t_at(self.len.saturating_sub(1))
    }
    /// Sample index nearest to a time, clamped into the run.
    pub fn index_at(&self, t_min: f64) -> usize {
        if !t_min.is_finite() || self.len == 0 {
            return 0;
        }
        let i = ((t_min - self.t0_min) / self.dt_min).round();
        (i.max(0.0) as usize).min(self.len - 1)
    }
    /// The last sample at or before a time, clamped into the run: what is known at that moment
    /// (the nearest sample may lie up to half a sample in the future).
    pub fn index_before(&self, t_min: f64) -> usize {
        if !t_min.is_finite() || self.len == 0 {
            return 0;
        }
        let i = ((t_min - self.t0_min) / self.dt_min + 1e-9).floor();
        (i.max(0.0) as usize).min(self.len - 1)
    }
    pub fn first(&self, kind: EventKind) -> Option<&Event> {
        self.events.iter().find(|e| e.kind == kind)
    }

    /// **Hidden**, the one definition: from the first production control plane falling until
    /// customers first see errors (some cluster over 2 % failing) — broken underneath, not yet
    /// visible, because clients still hold DNS answers. `None` when either never happens or
    /// customers saw errors first. The visibility chart shades it; the lesson's chapter 3 asks it.
    pub fn hidden(&self) -> Option<(f64, f64)> {
        let down = self.first(EventKind::ControlPlaneDown)?.t_min;
        let seen = self.first(EventKind::FirstCustomerErrors)?.t_min;
        (seen >= down).then_some((down, seen))
    }

    /// FNV-1a over every series' bits and every event: equal checksums mean equal runs,
    /// natively and in wasm alike.
    pub fn checksum(&self) -> u64 {
        let mut h: u64 = 0xcbf29ce484222325;
        let mut eat = |bytes: &[u8]| {
            for b in bytes {
                h ^= *b as u64;
                h = h.wrapping_mul(0x100000001b3);
            }
        };
        for s in self.fleet.values() {
            for v in s {
                eat(&v.to_bits().to_le_bytes());
            }
        }
        for c in &self.per_cluster {
            for s in c.values() {
                for v in s {
                    eat(&v.to_bits().to_le_bytes());
                }
            }
            for s in &c.state {
                eat(&[*s as u8]);
            }
        }
        for e in &self.events {
            eat(e.kind.name().as_bytes());
            eat(&e.t_min.to_bits().to_le_bytes());
        }
        h
    }

    /// The samples whose time lies within `[from, to]` (all of them without a window), as
    /// minutes are written in links (a tenth of a minute).
    pub fn samples_within(&self, window: Option<(f64, f64)>) -> std::ops::Range<usize> {
        match window {
            None => 0..self.len,
            Some((a, b)) => {
                let (a, b) = (a.min(b), a.max(b));
                let first = (0..self.len).find(|&i| self.t_at(i) >= a - 1e-6).unwrap_or(self.len);
                let end = (first..self.len).find(|&i| self.t_at(i) > b + 1e-6).unwrap_or(self.len);
                first..end
            }
        }
    }
}
