//! What the agent asks of the API servers each poll, and the load that makes.
//!
//! Without a description the agent is the `cost` knob: `cost = 1` is **six cluster-wide LISTs
//! of every pod per poll**, read from etcd (from the watch cache with `watch_cache`), at
//! ~0.1 ms of API-server time per object scanned — the fitted December agent. A description
//! (`AgentSpec`) lists the calls instead; the model turns them, per cluster, into the same two
//! numbers the knob gives: API-server seconds per pod per poll (`cost` then multiplies it) and
//! how much of a full pod LIST each in-flight call holds in memory.

use super::fleet::{FleetError, Resolved};
use super::model::constants::{AGENT_COST_PER_OBJECT_S, WATCH_CACHE_FACTOR};
use crate::text::group_thousands;
use serde::{Deserialize, Serialize};

crate::named_enum! {
    /// What a call lists.
    Resource {
        Pods = "pods",
        Nodes = "nodes",
        Endpoints = "endpoints",
        Services = "services",
        /// Anything else: `objects` says how many the cluster has.
        Other = "other",
    }
}

crate::named_enum! {
    /// Cluster-wide, or only the agent's own node (a field selector such as
    /// `spec.nodeName=$NODE`).
    Scope { Cluster = "cluster", Node = "node" }
}

crate::named_enum! {
    /// Where the API server reads the answer: as the cluster serves LISTs (its `watch_cache`
    /// setting: Kubernetes 1.31+ serves consistent LISTs from the watch cache), always etcd,
    /// or always the watch cache (`resourceVersion=0`).
    Source { Cluster = "cluster", Etcd = "etcd", WatchCache = "watch-cache" }
}

/// One call the agent makes each poll.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Call {
    pub resource: Resource,
    #[serde(default)]
    pub scope: Scope,
    #[serde(default)]
    pub source: Source,
    /// How many objects of this kind the cluster has; left out, derived from the cluster
    /// (pods: nodes × pods per node; nodes; services and endpoints: one per 10 pods).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub objects: Option<u32>,
    /// How many times per poll.
    #[serde(default = "one", skip_serializing_if = "is_one")]
    pub count: u32,
}

fn one() -> u32 {
    1
}
fn is_one(n: &u32) -> bool {
    *n == 1
}

/// The agent as a list of calls (the poll interval is the `poll` parameter).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Default)]
pub struct AgentSpec {
    pub calls: Vec<Call>,
}

pub const MAX_CALLS: usize = 16;
pub const MAX_COUNT: u32 = 100;
pub const MAX_OBJECTS: u32 = 10_000_000;
/// API-server time per object scanned by a LIST from etcd, seconds (a 100k-pod LIST ~10 s).
pub const SECONDS_PER_OBJECT: f64 = AGENT_COST_PER_OBJECT_S / 6.0;
/// An assumption: one Service (and one Endpoints object) per 10 pods.
pub const PODS_PER_SERVICE: f64 = 10.0;

/// One call's numbers in one cluster.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CallLoad {
    /// Objects the API server reads to answer it.
    pub scanned: f64,
    /// Objects the answer holds in memory while it is built.
    pub held: f64,
    /// 1 from etcd, 1/200 from the watch cache.
    pub factor: f64,
    /// API-server seconds per call (×count).
    pub seconds: f64,
}

impl Call {
    pub fn new(resource: Resource, scope: Scope) -> Call {
        Call { resource, scope, source: Source::Cluster, objects: None, count: 1 }
    }

    /// Objects of this kind in a cluster of `nodes` × `pods`.
    pub fn total(&self, nodes: f64, pods: f64) -> f64 {
        if let Some(o) = self.objects {
            return o as f64;
        }
        match self.resource {
            Resource::Pods | Resource::Other => nodes * pods,
            Resource::Nodes => nodes,
            Resource::Endpoints | Resource::Services => (nodes * pods / PODS_PER_SERVICE).max(1.0),
        }
    }

    /// What it costs in a cluster: from etcd the server reads every object of the kind and
    /// filters after (a field selector saves nothing); the watch cache indexes pods by node and
    /// nodes by name, so a node-scoped call there reads only what it returns.
    pub fn load(&self, c: &Resolved) -> CallLoad {
        let total = self.total(c.nodes, c.pods as f64);
        let node_share = if self.scope == Scope::Node { (total / c.nodes).max(1.0).min(total) } else { total };
        let cache = match self.source {
            Source::Cluster => c.watch_cache,
            Source::Etcd => false,
            Source::WatchCache => true,
        };
        let indexed = cache && self.scope == Scope::Node && matches!(self.resource, Resource::Pods | Resource::Nodes);
        let scanned = if indexed { node_share } else { total };
        let held = if cache { node_share } else { total };
        let factor = if cache { WATCH_CACHE_FACTOR } else { 1.0 };
        CallLoad { scanned, held, factor, seconds: self.count as f64 * scanned * SECONDS_PER_OBJECT * factor }
    }

    fn validate(&self, i: usize) -> Result<(), FleetError> {
        let what = format!("agent call {} ({})", i + 1, self.resource);
        if self.count == 0 || self.count > MAX_COUNT {
            return Err(FleetError(format!("{what}: count = {} is out of range (1 to {MAX_COUNT})", self.count)));
        }
        match self.objects {
            Some(o) if o == 0 || o > MAX_OBJECTS => {
                Err(FleetError(format!("{what}: objects = {o} is out of range (1 to {})", group_thousands(MAX_OBJECTS as i64))))
            }
            None if self.resource == Resource::Other => Err(FleetError(format!("{what}: objects is required for resource 'other'"))),
            _ => Ok(()),
        }
    }

    /// "LIST pods cluster-wide from etcd"
    pub fn describe(&self) -> String {
        let scope = if self.scope == Scope::Node { "on its own node" } else { "cluster-wide" };
        let source = match self.source {
            Source::Cluster => "as the cluster serves LISTs",
            Source::Etcd => "from etcd",
            Source::WatchCache => "from the watch cache",
        };
        let times = if self.count == 1 { String::new() } else { format!("{} × ", self.count) };
        format!("{times}LIST {} {scope}, {source}", self.resource)
    }
}

/// Per cluster, the two numbers the model runs on.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct AgentLoad {
    /// What the calls amount to as the `cost` knob (6 cluster-wide pod LISTs from etcd = 1):
    /// API-server seconds per pod per poll are 0.6 ms × `cost` × this.
    pub equiv: f64,
    /// Objects an in-flight call holds, as a share of all the cluster's pods (1 for the knob).
    pub held_share: f64,
}

impl AgentSpec {
    /// The December agent as calls: six cluster-wide LISTs of every pod (`cost = 1`).
    pub fn december() -> AgentSpec {
        AgentSpec { calls: vec![Call { count: 6, ..Call::new(Resource::Pods, Scope::Cluster) }] }
    }

    pub fn validate(&self) -> Result<(), FleetError> {
        if self.calls.is_empty() {
            return Err(FleetError("agent: no calls (an agent makes 1 to 16 calls a poll)".into()));
        }
        if self.calls.len() > MAX_CALLS {
            return Err(FleetError(format!("agent: {} calls is too many (1 to {MAX_CALLS})", self.calls.len())));
        }
        self.calls.iter().enumerate().try_for_each(|(i, c)| c.validate(i))
    }

    /// The load on one cluster. Each call adds its share of "six full pod LISTs" (so the
    /// December description gives exactly the knob's numbers), weighted by where it is read.
    pub fn load(&self, c: &Resolved) -> AgentLoad {
        let pods = c.nodes * c.pods as f64;
        let mut equiv = 0.0;
        let mut held = 0.0;
        for call in &self.calls {
            let l = call.load(c);
            let w = (call.count as f64 * l.scanned) / (6.0 * pods) * l.factor;
            equiv += w;
            held += w * (l.held / pods);
        }
        AgentLoad { equiv, held_share: if equiv > 0.0 { held / equiv } else { 1.0 } }
    }

    /// The knob's equivalent in one cluster: what `cost` this description amounts to there.
    pub fn cost_equivalent(&self, c: &Resolved) -> f64 {
        self.load(c).equiv
    }
}

/// How the agent's load on one cluster is derived, line by line (the CLI's `check` prints it;
/// the fleet editor shows it): each call, then seconds per poll per node × nodes ÷ poll against
/// the cluster's seats.
pub fn explain(spec: Option<&AgentSpec>, c: &Resolved, cost: f64, poll: u32) -> Vec<String> {
    let pods = c.nodes * c.pods as f64;
    let mut lines = Vec::new();
    let per_node_s = match spec {
        None => {
            let f = if c.watch_cache { WATCH_CACHE_FACTOR } else { 1.0 };
            let s = 6.0 * pods * SECONDS_PER_OBJECT * f * cost;
            lines.push(format!(
                "request cost {} = {} cluster-wide LISTs of all {} pods {}: {} s per poll",
                fmt3(cost),
                fmt3(6.0 * cost),
                group_thousands((pods).round() as i64),
                if c.watch_cache { "from the watch cache" } else { "from etcd" },
                fmt3(s)
            ));
            s
        }
        Some(a) => {
            let mut sum = 0.0;
            for call in &a.calls {
                let l = call.load(c);
                lines.push(format!(
                    "{}: {} objects read × {} ms{} = {} s",
                    call.describe(),
                    group_thousands((l.scanned).round() as i64),
                    fmt3(SECONDS_PER_OBJECT * 1e3),
                    if l.factor < 1.0 { " ÷ 200 (watch cache)" } else { "" },
                    fmt3(l.seconds)
                ));
                sum += l.seconds;
            }
            if cost != 1.0 {
                lines.push(format!("× request cost {}", fmt3(cost)));
            }
            sum * cost
        }
    };
    let seats = per_node_s * c.nodes / poll as f64;
    let capacity = c.apiservers as f64 * c.seats as f64;
    let busy = crate::text::sig3(seats);
    let busy = if busy == "1" { "1 seat busy".to_string() } else { format!("{busy} seats busy") };
    lines.push(format!(
        "{} s per agent per poll × {} agents ÷ {poll} s poll = {busy}, against {} seats ({} API servers × {}): {}× capacity",
        fmt3(per_node_s),
        group_thousands((c.nodes).round() as i64),
        group_thousands((capacity).round() as i64),
        c.apiservers,
        c.seats,
        fmt3(seats / capacity)
    ));
    lines
}

/// Three significant figures, no exponent.
pub fn fmt3(x: f64) -> String {
    crate::text::sig3(x)
}
