//! The state a run carries from step to step, grouped by concern. Private to the model:
//! `simulate` is the only way in or out.

use super::apiserver::{Class, Linear};
use super::constants::*;
use crate::sim::trace::{Event, EventKind};

/// One cluster: a handful of shares, never one object per node.
pub(super) struct Cluster {
    pub index: usize,
    pub spec: ClusterSpec,
    pub agent: Agent,
    pub api: ApiServers,
    pub dns: Dns,
    pub levers: Levers,
    pub crew: Crew,
    /// First moment it was saturated (429s or restarts) and first under half served: its verdict.
    pub saturated_at: Option<f64>,
    pub saturated_by: Option<crate::sim::trace::Saturation>,
    pub fell_at: Option<f64>,
    /// First moment it was crash-looping.
    pub crash_looping_at: Option<f64>,
    /// Since when fewer than `RESTARTING_UP` of its replicas have been up.
    pub restarting_since: Option<f64>,
    /// Its replicas have kept OOM-restarting for `CRASH_LOOP_S` (set by `phases::pipeline`).
    pub crash_looping: bool,
    /// Until when a restart by hand excuses its outage (`RESTART_GRACE`), seconds.
    pub restart_grace_until: f64,
    /// This step is inside that grace (set by `phases::restarts`).
    pub restarting_by_hand: bool,
}

/// What does not change during a run: the resolved cluster as the physics reads it.
pub(super) struct ClusterSpec {
    pub name: String,
    pub nodes: f64,
    pub staging: bool,
    /// 1 / (DaemonSet creation + image-pull spread), s⁻¹.
    pub inv_ds_ramp: f64,
    pub apiservers: f64,
    /// Seats (concurrent requests) per replica.
    pub seats: f64,
    /// CPU cores per replica.
    pub cores: f64,
    /// Memory per replica before it is OOM-killed, GB.
    pub mem_gb: f64,
    /// What a replica holds besides responses: the process and its watch cache, GB, as
    /// `a + b × node_factor`.
    pub base_mem_gb: Linear,
    /// Seconds from an OOM kill until the replica serves again (restart, then its watch cache).
    pub restart_s: f64,
    /// The most seats APF charges one LIST.
    pub list_seats: f64,
    /// The agent's calls and the cluster's standing informers, as request classes.
    pub agent: Vec<Class>,
    pub standing: Vec<Class>,
    pub serve_stale: bool,
    /// The cluster as resolved (its own settings over the fleet-wide ones), for the trace.
    pub settings: crate::sim::fleet::Resolved,
}

/// The telemetry agent's DaemonSet in this cluster.
pub(super) struct Agent {
    /// When the rollout reaches the cluster, seconds after T; `None` once a halt cancels it.
    pub land_s: Option<f64>,
    /// Upper bound on the running share while its pods are being deleted.
    pub cap: f64,
    /// Share of nodes running the agent.
    pub share: f64,
    /// Its calls' rate as a multiple of the described one (`agent_x2` doubles it).
    pub rate_x: f64,
}

/// kube-apiserver replicas and the clients that load them.
pub(super) struct ApiServers {
    /// Share of replicas up (not OOM-restarting).
    pub up: f64,
    /// Per standing informer (`STANDING`, in order), the share of its clients (of those
    /// admitted) whose watch broke and must LIST again.
    pub relisting: [f64; STANDING_N],
    /// Per standing informer, the share whose resourceVersion expired (a network block, a watch
    /// that could not be renewed for minutes): they relist consistently (410 Gone).
    pub stale: [f64; STANDING_N],
    /// Share of the agent's pods whose informer calls have listed and now only watch.
    pub agent_synced: f64,
    /// How much slower than unloaded every request runs: CPU contention × garbage collection.
    pub slowdown: f64,
    /// Share of the cluster's own clients' requests failing (429, or timed out): what its
    /// control plane serves.
    pub fail: f64,
    /// Share of the agent's requests failing …
    pub agent_fail: f64,
    /// … and how many fail a second.
    pub agent_fail_per_s: f64,
    /// The failing shares as clients feel them (their backoff and retries), over the last
    /// `CLIENT_MEMORY_S`.
    pub felt: f64,
    pub agent_felt: f64,
    /// CPU demand offered ÷ the replicas' cores (at nominal capacity).
    pub load_ratio: f64,
    /// Memory held per up replica ÷ its limit.
    pub memory: f64,
    /// The standing informers' relists' CPU demand ÷ nominal cores (recorded).
    pub relist_load: f64,
    /// Chance an engineer's kubectl write gets through (global-default level).
    pub admin_success: f64,
    /// Chance a break-glass write gets through (exempt level: only replicas and timeouts).
    pub exempt_success: f64,
    /// This minute's load wobble (agents' polls drift in phase).
    pub jitter: f64,
    /// Share of up replicas OOM-killed this step.
    pub oom_crash: f64,
}

pub(super) struct Dns {
    /// Share of CoreDNS pods able to answer.
    pub coredns: f64,
    pub cache: DnsCache,
}

/// Client DNS caches: entries expire on a ring of phases spread evenly over the TTL.
pub(super) struct DnsCache {
    /// Share of clients whose entry expires in each step-long phase.
    pub ring: Vec<f64>,
    pub pos: usize,
    /// Share of clients with no valid entry.
    pub empty: f64,
}

/// Remediation levers as they act on this cluster.
pub(super) struct Levers {
    /// Share of non-admin traffic admitted (network block, readmission ramp).
    pub gate: f64,
    pub gate_target: f64,
    /// Nodes left after scaling down, as a share.
    pub node_factor: f64,
    /// API capacity after scaling up, as a multiple.
    pub capacity_factor: f64,
    pub scale_down_at: Option<f64>,
    pub scale_up_at: Option<f64>,
    pub block_at: Option<f64>,
}

/// The response team's view of this cluster.
pub(super) struct Crew {
    pub impacted: bool,
    pub stage: Stage,
    /// When the one successful admin write deleted the agent.
    pub fixed_at: Option<f64>,
    /// Readmit everyone at once next time (cleared once a herd has re-overloaded a cluster).
    pub herd: bool,
    /// Multiplies the readmission ramp's length: doubled each time a ramp gives up.
    pub ramp_slowdown: f64,
    /// A readmission has re-overloaded this cluster (its event is told once).
    pub fell_again: bool,
    pub healthy_since: Option<f64>,
    pub recovered: bool,
}

/// Where a crew is with this cluster.
#[derive(Clone, Copy, PartialEq, Debug)]
pub(super) enum Stage {
    /// Not impacted, or impacted and waiting for a crew.
    Idle,
    /// A crew is shedding load to reach the API.
    Shedding,
    /// Fix landed; waiting for the agent's pods to go and the gate to drain.
    Fixed,
    /// Letting traffic back in.
    Readmitting(Readmit),
    Done,
}

#[derive(Clone, Copy, PartialEq, Debug)]
pub(super) enum Readmit {
    /// Everyone at once; `overloaded_since` times a re-overload.
    Herd { overloaded_since: Option<f64> },
    /// Rate-limited from gate `from` starting at `at`, seconds (held while the traffic it let
    /// in is rejected); `overloaded_since` times a control plane that is down again.
    Ramp { at: f64, from: f64, overloaded_since: Option<f64> },
}

impl Stage {
    /// A crew is working on the cluster.
    pub fn busy(self) -> bool {
        matches!(self, Stage::Shedding | Stage::Fixed | Stage::Readmitting(_))
    }
}

impl Cluster {
    pub fn new(index: usize, spec: ClusterSpec, land_s: Option<f64>, ring_len: usize, herd: bool) -> Cluster {
        Cluster {
            index,
            spec,
            agent: Agent { land_s, cap: 1.0, share: 0.0, rate_x: 1.0 },
            api: ApiServers {
                up: 1.0,
                relisting: [0.0; STANDING_N],
                stale: [0.0; STANDING_N],
                agent_synced: 0.0,
                slowdown: 1.0,
                fail: 0.0,
                agent_fail: 0.0,
                agent_fail_per_s: 0.0,
                felt: 0.0,
                agent_felt: 0.0,
                load_ratio: 0.0,
                memory: 0.0,
                relist_load: 0.0,
                admin_success: 1.0,
                exempt_success: 1.0,
                jitter: 1.0,
                oom_crash: 0.0,
            },
            dns: Dns { coredns: 1.0, cache: DnsCache { ring: vec![1.0 / ring_len.max(1) as f64; ring_len], pos: 0, empty: 0.0 } },
            levers: Levers { gate: 1.0, gate_target: 1.0, node_factor: 1.0, capacity_factor: 1.0, scale_down_at: None, scale_up_at: None, block_at: None },
            crew: Crew {
                impacted: false,
                stage: Stage::Idle,
                fixed_at: None,
                herd,
                ramp_slowdown: 1.0,
                fell_again: false,
                healthy_since: None,
                recovered: false,
            },
            saturated_at: None,
            saturated_by: None,
            fell_at: None,
            crash_looping_at: None,
            restarting_since: None,
            crash_looping: false,
            restart_grace_until: f64::NEG_INFINITY,
            restarting_by_hand: false,
        }
    }

    /// Share of requests the control plane serves (0 when almost no replica is up).
    pub fn cp_ok(&self) -> f64 {
        if self.api.up < CP_DEAD_UP {
            0.0
        } else {
            1.0 - self.api.fail
        }
    }

    /// Under half its requests served, or most replicas OOM-restarting: the control plane has
    /// failed, for the crews, the verdicts and customers' traffic alike.
    pub fn failing(&self) -> bool {
        self.cp_ok() < IMPACTED_BELOW || self.crash_looping
    }

    /// Over 1 % of the agent's requests rejected (429) or timed out: APF holding it back while
    /// the cluster's own clients are still served. A verdict of "saturated", not an alert.
    pub fn rejecting_agent(&self) -> bool {
        !self.restarting_by_hand && self.agent.share > 0.0 && self.api.agent_fail > SATURATED_FAIL && self.api.agent_fail_per_s >= SATURATED_MIN_FAIL_PER_S
    }

    /// The cluster's own requests rejected or timed out over 1 %, or restarts: what alerts
    /// watch (the API's availability, not one client's 429s).
    pub fn saturated(&self) -> bool {
        !self.restarting_by_hand && (self.api.fail > SATURATED_FAIL || self.api.up < SATURATED_UP)
    }

    /// The DaemonSet ramp's rate for a cluster of `nodes`.
    pub fn inv_ds_ramp(nodes: f64) -> f64 {
        1.0 / (IMAGE_PULL_SPREAD_S + nodes / DS_PODS_PER_S)
    }

    /// The standing informers' relisting share, weighted by their clients (recorded).
    pub fn relisting_share(&self) -> f64 {
        // At rest (nothing relisting): the weighted sum below is exactly 0.
        if self.api.relisting.iter().chain(&self.api.stale).all(|&r| r == 0.0) {
            return 0.0;
        }
        let (mut sum, mut n) = (0.0, 0.0);
        for ((k, r), s) in self.spec.standing.iter().zip(&self.api.relisting).zip(&self.api.stale) {
            let r = r + s;
            let w = match k.clients {
                super::apiserver::Clients::PerNode => self.spec.nodes,
                super::apiserver::Clients::Fixed(f) => f,
            };
            sum += w * r;
            n += w;
        }
        if n > 0.0 {
            sum / n
        } else {
            0.0
        }
    }

    /// The mean relisting share of the standing informers in `role`.
    pub fn relisting_of(&self, role: Role) -> f64 {
        let (mut sum, mut n) = (0.0, 0.0);
        for ((s, r), st) in STANDING.iter().zip(&self.api.relisting).zip(&self.api.stale) {
            if s.role == role {
                sum += r + st;
                n += 1.0;
            }
        }
        if n > 0.0 {
            sum / n
        } else {
            0.0
        }
    }

    /// Impacted, not yet recovered, production.
    pub fn down(&self) -> bool {
        self.crew.impacted && !self.crew.recovered
    }
}

/// The run's event log, in seconds as the model counts; stored in minutes.
#[derive(Default)]
pub(super) struct Log(pub Vec<Event>);

impl Log {
    pub fn push(&mut self, kind: EventKind, t_s: f64, cluster: Option<usize>, detail: String) {
        self.0.push(Event { kind, t_min: t_s / 60.0, cluster, detail });
    }
}

/// A moment the run reaches at most once: it records its time and logs its event exactly once.
pub(super) struct Milestone {
    kind: EventKind,
    at: Option<f64>,
}

impl Milestone {
    pub const fn new(kind: EventKind) -> Milestone {
        Milestone { kind, at: None }
    }
    pub fn at(&self) -> Option<f64> {
        self.at
    }
    pub fn reached(&self) -> bool {
        self.at.is_some()
    }
    /// Reach it at `t` (seconds) unless already reached; true if this call reached it.
    pub fn reach(&mut self, log: &mut Log, t: f64, cluster: Option<usize>, detail: impl FnOnce() -> String) -> bool {
        if self.at.is_some() {
            return false;
        }
        self.at = Some(t);
        log.push(self.kind, t, cluster, detail());
        true
    }
}

/// Every fleet-wide moment the summary reports.
pub(super) struct Milestones {
    pub saturated: Milestone,
    pub cp_down: Milestone,
    pub alert: Milestone,
    pub customer: Milestone,
    pub shift: Milestone,
    pub caches_empty: Milestone,
    pub shedding: Milestone,
    pub access: Milestone,
    pub first_recovered: Milestone,
    /// A readmission re-overloaded a cluster: the team readmits every later cluster on a ramp.
    pub herd_burned: bool,
}

impl Milestones {
    pub const fn new() -> Milestones {
        Milestones {
            saturated: Milestone::new(EventKind::ApiSaturated),
            cp_down: Milestone::new(EventKind::ControlPlaneDown),
            alert: Milestone::new(EventKind::FirstAlert),
            customer: Milestone::new(EventKind::FirstCustomerErrors),
            shift: Milestone::new(EventKind::TrafficShift),
            caches_empty: Milestone::new(EventKind::DnsCachesEmpty),
            shedding: Milestone::new(EventKind::LoadShedding),
            access: Milestone::new(EventKind::AccessRegained),
            first_recovered: Milestone::new(EventKind::FirstClusterRecovered),
            herd_burned: false,
        }
    }
    /// The root cause is known a fixed diagnosis time after the first alert.
    pub fn root_cause(&self) -> Option<f64> {
        self.alert.at().map(|a| a + DIAGNOSIS_S)
    }
}
