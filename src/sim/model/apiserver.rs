//! kube-apiserver as it fails: CPU that runs out (every request slows), API Priority and
//! Fairness seats that bound concurrency (not speed), memory held by in-flight responses (the
//! watch cache saves the etcd read, not the encoding nor the memory), a 60-s timeout after which
//! the server keeps working, and the clients — the agent and the cluster's own standing
//! informers — that ask for it all. Every constant is in `constants.rs` with its source.
//!
//! A cluster's requests are a few **classes** (one per agent call, one per standing informer,
//! the steady lease/status traffic and the DNS-driven load), each with a priority level, a rate
//! and what one request costs at this step's cluster size. `serve` turns them into admitted
//! shares per level, a slowdown from CPU and garbage collection, timeouts, and the memory held
//! per replica.

use super::constants::*;
use crate::sim::agent::{AgentSpec, Call, Resource, Scope, Source};
use crate::sim::fleet::Resolved;

/// Nominal concurrency shares and lendable percentages, in `Level` order (`bootstrap/default.go`:
/// system 30/33 %, node-high 40/25 %, workload-high 40/50 %, workload-low 100/90 %,
/// global-default 20/50 %; with leader-election 10 and catch-all 5 the shares sum to 245).
pub(crate) const LEVEL_SHARES: [f64; LEVELS] = [30.0, 40.0, 40.0, 100.0, 20.0];
pub(crate) const LEVEL_LENDABLE: [f64; LEVELS] = [0.33, 0.25, 0.5, 0.9, 0.5];

/// How many clients a class has: one per node (a DaemonSet, kubelets) or a fixed count (a
/// Deployment's replicas, the controller manager).
#[derive(Clone, Copy, PartialEq, Debug)]
pub(crate) enum Clients {
    PerNode,
    Fixed(f64),
}

/// What one request of a class costs at a cluster size: `a + b × node_factor` for CPU seconds,
/// GB held while in flight and objects (the APF width's estimate), so scaling nodes down (which
/// removes their pods) is two multiplies per step.
#[derive(Clone, Copy, PartialEq, Debug, Default)]
pub(crate) struct Linear {
    pub a: f64,
    pub b: f64,
}

impl Linear {
    pub fn at(self, nf: f64) -> f64 {
        self.a + self.b * nf
    }
}

/// One kind of request a cluster serves.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Class {
    pub level: Level,
    pub clients: Clients,
    /// An informer (LIST, then WATCH; LISTs again only when its watch breaks) rather than a
    /// poller (a LIST every `every_s` after the last one returned, as `wait.Until` does).
    pub watch: bool,
    /// Requests per round (a call's count × the agent's `cost`).
    pub count: f64,
    /// Seconds between a poller's calls.
    pub every_s: f64,
    pub cpu_s: Linear,
    pub held_gb: Linear,
    pub objects: Linear,
    /// APF's width at the cluster's full size (`width(objects.at(1.0), list_seats)`), kept so
    /// a step at full size does not recompute it.
    pub width_full: f64,
    /// For a standing informer, the same LIST after its resourceVersion expired (HTTP 410):
    /// a consistent read, paginated by client-go's pager, from etcd unless the cluster serves
    /// consistent reads from its watch cache.
    pub consistent: Option<Box<Class>>,
}

impl Class {
    /// A poller's requests per second from `clients`, each call taking `latency` s: a round every
    /// `every_s` after the last one returned (as `wait.Until` does); a timed-out call returns at
    /// the timeout. `jitter` and `retries` multiply it (1 for the unloaded derivation).
    pub fn poll_rate(&self, clients: f64, latency: f64, jitter: f64, retries: f64) -> f64 {
        clients * self.count * jitter * retries / (self.every_s + latency.min(REQUEST_TIMEOUT_S))
    }
}

/// Object sizes besides pods (`object_kb`): assumptions from typical clusters.
fn kb_of(resource: Resource, pod_kb: f64) -> f64 {
    match resource {
        Resource::Pods | Resource::Other => pod_kb,
        Resource::Nodes => NODE_KB,
        Resource::Services => SERVICE_KB,
        Resource::Endpoints => ENDPOINTS_KB,
    }
}

/// What prices a LIST besides the call and its cluster: the pod's size (`object_kb`), streamed
/// responses, and the multiple of every per-object CPU cost (`list_cpu_x`: the benchmarks
/// behind them ran on other hardware).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Pricing {
    pub pod_kb: f64,
    pub streaming: bool,
    pub cpu_x: f64,
}

/// A LIST's costs in one cluster at full size: CPU (a fixed part per request, then per object
/// read from etcd or scanned in the watch cache, then per KB encoded), memory held while it is
/// in flight (KEP-3157's ~5× the response, or ~2 MB when streamed), and the objects APF's work
/// estimator counts. Cluster-wide calls scale with the nodes left; node-scoped ones do not.
pub(crate) fn list_cost(call: &Call, c: &Resolved, pr: Pricing, level: Level, clients: Clients) -> Class {
    let (pod_kb, streaming) = (pr.pod_kb, pr.streaming);
    let total = call.total(c.nodes, c.pods as f64);
    let cache = match call.source {
        Source::Cluster => c.watch_cache,
        Source::Etcd => false,
        Source::WatchCache => true,
    };
    let node_scoped = call.scope == Scope::Node;
    let returned = if node_scoped { (total / c.nodes).max(1.0).min(total) } else { total };
    let indexed = cache && node_scoped && matches!(call.resource, Resource::Pods | Resource::Nodes);
    let kb = kb_of(call.resource, pod_kb);
    // From etcd every object of the kind is read and decoded (a selector filters after); the
    // watch cache scans its objects in memory, or only the node's through its index.
    let etcd_read = if cache { 0.0 } else { total * (ETCD_CPU_PER_OBJECT_S + kb * ETCD_CPU_PER_KB_S) * pr.cpu_x };
    let scan = if cache && !indexed { total * CACHE_SCAN_CPU_PER_OBJECT_S * pr.cpu_x } else { 0.0 };
    let encode = returned * kb * ENCODE_CPU_PER_KB_S * pr.cpu_x;
    // Paginated reads from etcd hold one page at a time; the watch cache ignores `limit`.
    let held_objects = match (cache, call.paginated) {
        (true, _) => returned,
        (false, true) => total.min(PAGE_OBJECTS),
        (false, false) => total,
    };
    let held = if streaming { STREAMING_HELD_GB } else { held_objects * kb * 1e-6 * LIST_MEMORY_FACTOR };
    // APF's estimate: objects stored (from cache), twice that from etcd.
    let objects = if cache { total } else { 2.0 * total };
    // Cluster-wide calls read and return fewer objects as nodes go (scaling down); a paged read
    // from etcd still holds one page.
    let scales = !node_scoped && call.objects.is_none();
    let split_by = |x: f64, scales: bool| if scales { Linear { a: 0.0, b: x } } else { Linear { a: x, b: 0.0 } };
    let split = |x: f64| split_by(x, scales);
    let cpu = split(etcd_read + scan + encode);
    Class {
        level,
        clients,
        watch: call.watch,
        count: call.count as f64,
        every_s: call.every_s.map_or(0.0, |e| e as f64),
        cpu_s: Linear { a: cpu.a + REQUEST_CPU_S, b: cpu.b },
        held_gb: split_by(held, scales && !streaming && (cache || !call.paginated)),
        objects: split(objects),
        width_full: width(split(objects).at(1.0), c.list_seats as f64),
        consistent: None,
    }
}

/// The agent's calls as classes: a DaemonSet's pods (or a Deployment's replicas) in
/// `workload-low`, each call polling every `every_s` (the `poll` parameter when it says none)
/// or as an informer; `cost` multiplies how many requests each round makes.
pub(crate) fn agent_classes(a: &AgentSpec, c: &Resolved, pr: Pricing, cost: f64, poll: u32) -> Vec<Class> {
    let clients = a.replicas.map_or(Clients::PerNode, |r| Clients::Fixed(r as f64));
    a.calls
        .iter()
        .map(|call| {
            let mut k = list_cost(call, c, pr, Level::WorkloadLow, clients);
            k.count *= cost;
            if k.every_s == 0.0 {
                k.every_s = poll as f64;
            }
            k
        })
        .collect()
}

/// The cluster's own standing clients, all informers: what relists when watches break (an API
/// server restarts, a network block lifts). `STANDING` in `constants.rs` says who and why.
pub(crate) fn standing_classes(c: &Resolved, pr: Pricing) -> Vec<Class> {
    STANDING
        .iter()
        .map(|s| {
            // A broken watch relists from the version it had: the watch cache serves it. One that
            // expired (410 Gone) relists consistently, paginated: etcd, unless the cluster serves
            // consistent reads from its cache (client-go's reflector; KEP-3157's appendix).
            let call = Call { watch: true, source: Source::WatchCache, ..Call::new(s.resource, s.scope) };
            let clients = if s.replicas == 0 { Clients::PerNode } else { Clients::Fixed(s.replicas as f64) };
            let fresh = Call { source: Source::Cluster, paginated: true, ..call.clone() };
            let mut k = list_cost(&call, c, pr, s.level, clients);
            k.consistent = Some(Box::new(list_cost(&fresh, c, pr, s.level, clients)));
            k
        })
        .collect()
}

/// The width APF charges a LIST of `objects`: one seat per 100, at least 1, at most the cap.
pub(crate) fn width(objects: f64, cap: f64) -> f64 {
    (objects / OBJECTS_PER_SEAT).ceil().clamp(1.0, cap)
}

/// Seats each level may use this step: its nominal share of the replicas' seats, plus what
/// other levels lend of theirs while they do not need it (borrowing, KEP-1040), shared among
/// the levels that want more in proportion to how much more they want.
pub(crate) fn level_limits(total_seats: f64, need: &[f64; LEVELS]) -> [f64; LEVELS] {
    let mut limit = [0.0; LEVELS];
    let mut pool = 0.0;
    let mut excess = [0.0; LEVELS];
    let mut excess_sum = 0.0;
    for l in 0..LEVELS {
        let nominal = total_seats * LEVEL_SHARES[l] / APF_SHARES_TOTAL;
        limit[l] = nominal;
        if need[l] < nominal {
            pool += (nominal - need[l]) * LEVEL_LENDABLE[l];
        } else {
            excess[l] = need[l] - nominal;
            excess_sum += excess[l];
        }
    }
    if excess_sum > 0.0 {
        let give = pool.min(excess_sum) / excess_sum;
        for l in 0..LEVELS {
            limit[l] += excess[l] * give;
        }
    }
    limit
}

/// The share of requests of latency `l` seconds that time out: a smooth stand-in for a spread
/// of latencies around `l` (half at the timeout itself).
pub(crate) fn timed_out(l: f64) -> f64 {
    let l2 = l * l;
    let l4 = l2 * l2;
    const T2: f64 = REQUEST_TIMEOUT_S * REQUEST_TIMEOUT_S;
    l4 / (l4 + T2 * T2)
}

/// Go's garbage collector near its limit: CPU per unit of work grows as the live heap leaves
/// less headroom, ~25 % at a heap twice the live data (GOGC = 100), without bound near the limit.
pub(crate) fn gc_factor(memory_share: f64) -> f64 {
    let m = memory_share.clamp(0.0, MAX_MEMORY_SHARE_FOR_GC);
    1.0 + GC_CPU_SHARE * m / (1.0 - m)
}
