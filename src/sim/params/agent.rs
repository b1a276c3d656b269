//! What the agent asks of the API servers: its calls (`AgentSpec`), each a LIST of one
//! resource, cluster-wide or of its own node, from etcd or the watch cache, made by every node's
//! pod (a DaemonSet) or by a Deployment's replicas, polled every `every_s` or kept as an
//! informer (LIST, then WATCH; LIST again when the watch breaks).
//!
//! Without a description the agent is December 2024's as calibrated: **one cluster-wide LIST of
//! every pod per poll**, read as the cluster serves LISTs (`AgentSpec::december`); `cost`
//! multiplies how many requests each poll makes. The model prices each call in each cluster
//! (`model::apiserver::list_cost`: CPU, memory held, APF width); `explain` is that derivation
//! line by line.

use super::fleet::{FleetError, FleetErrorKind};
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
    /// Seconds between two polls (after the last one returned); left out, the `poll` parameter.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub every_s: Option<u32>,
    /// An informer: LIST once, then WATCH; LIST again only when the watch breaks (an API
    /// server restarts, a network block lifts) — no polling.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub watch: bool,
    /// Read in pages (`limit`), as client-go's pager does: from etcd the API server holds one
    /// page at a time (the watch cache answers whole). Set for the cluster's own informers'
    /// consistent relists; not a field of a described agent.
    #[serde(skip)]
    pub paginated: bool,
}

fn one() -> u32 {
    1
}
fn is_one(n: &u32) -> bool {
    *n == 1
}

/// The agent as a list of calls, made by a DaemonSet's pod on every node or, with `replicas`,
/// by a Deployment's replicas.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct AgentSpec {
    /// A Deployment with this many replicas; left out, a DaemonSet (one per node).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replicas: Option<u32>,
    pub calls: Vec<Call>,
}

pub const MAX_CALLS: usize = 16;
pub const MAX_COUNT: u32 = 100;
pub const MAX_OBJECTS: u32 = 10_000_000;
pub const MAX_REPLICAS: u32 = 1_000;
/// A call's interval: 10 s to a day.
pub const EVERY_RANGE: (u32, u32) = (10, 86_400);
/// An assumption: one Service (and one Endpoints object) per 10 pods.
pub const PODS_PER_SERVICE: f64 = 10.0;

impl Call {
    pub const fn new(resource: Resource, scope: Scope) -> Call {
        Call { resource, scope, source: Source::Cluster, objects: None, count: 1, every_s: None, watch: false, paginated: false }
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

    fn validate(&self, i: usize) -> Result<(), FleetError> {
        let what = format!("agent call {} ({})", i + 1, self.resource);
        if self.count == 0 || self.count > MAX_COUNT {
            return Err(FleetError::new(FleetErrorKind::OutOfRange, format!("{what}: count = {} is out of range (1 to {MAX_COUNT})", self.count)));
        }
        match self.objects {
            Some(o) if o == 0 || o > MAX_OBJECTS => Err(FleetError::new(
                FleetErrorKind::OutOfRange,
                format!("{what}: objects = {o} is out of range (1 to {})", group_thousands(MAX_OBJECTS as i64)),
            )),
            None if self.resource == Resource::Other => {
                Err(FleetError::new(FleetErrorKind::Missing, format!("{what}: objects is required for resource 'other'")))
            }
            _ => Ok(()),
        }?;
        match self.every_s {
            Some(e) if !(EVERY_RANGE.0..=EVERY_RANGE.1).contains(&e) => Err(FleetError::new(
                FleetErrorKind::OutOfRange,
                format!("{what}: every_s = {e} is out of range ({} to {} s, a day)", EVERY_RANGE.0, group_thousands(EVERY_RANGE.1 as i64)),
            )),
            Some(_) if self.watch => {
                Err(FleetError::new(FleetErrorKind::Conflict, format!("{what}: every_s and watch = true together (an informer does not poll)")))
            }
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
        let how = match (self.watch, self.every_s) {
            (true, _) => ", as an informer (LIST, then WATCH)".to_string(),
            (false, Some(e)) => format!(", every {}", crate::text::human_seconds(e as f64)),
            (false, None) => String::new(),
        };
        format!("{times}LIST {} {scope}, {source}{how}", self.resource)
    }
}

impl AgentSpec {
    /// The December agent as calls: one cluster-wide LIST of every pod per poll, read as the
    /// cluster serves LISTs (`cost = 1`).
    pub fn december() -> AgentSpec {
        AgentSpec { replicas: None, calls: vec![Call::new(Resource::Pods, Scope::Cluster)] }
    }

    pub fn validate(&self) -> Result<(), FleetError> {
        if self.calls.is_empty() {
            return Err(FleetError::new(FleetErrorKind::Empty, "agent: no calls (an agent makes 1 to 16 calls a poll)"));
        }
        if self.calls.len() > MAX_CALLS {
            return Err(FleetError::new(FleetErrorKind::TooMany, format!("agent: {} calls is too many (1 to {MAX_CALLS})", self.calls.len())));
        }
        if let Some(r) = self.replicas {
            if r == 0 || r > MAX_REPLICAS {
                return Err(FleetError::new(
                    FleetErrorKind::OutOfRange,
                    format!(
                        "agent: replicas = {r} is out of range (1 to {}; leave it out for one per node)",
                        crate::text::group_thousands(MAX_REPLICAS as i64)
                    ),
                ));
            }
            // `scope = node` is a DaemonSet's call: each pod lists its own node's objects.
            if let Some(i) = self.calls.iter().position(|c| c.scope == Scope::Node) {
                return Err(FleetError::new(FleetErrorKind::Conflict, format!(
                    "agent call {}: scope = node lists the node a DaemonSet's pod runs on, but replicas = {r} makes the agent a Deployment: write scope = \"cluster\" or leave replicas out",
                    i + 1
                )));
            }
        }
        self.calls.iter().enumerate().try_for_each(|(i, c)| c.validate(i))
    }
}

/// Three significant figures, no exponent.
pub fn fmt3(x: f64) -> String {
    crate::text::sig3(x)
}
