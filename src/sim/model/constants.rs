//! Every number the model is built on: what it is, its unit, and where it comes from.
//! "Fitted" means chosen so the default run reproduces the public timeline
//! (`tests/native/sim_calibration.rs`). The public sources are listed in README.md ("Sources");
//! ARCHITECTURE.md maps each mechanism of the incident to the code and lists the simplifications.

// ---- Time ----
/// Integration step, seconds. Short against every time constant below (the fastest, the
/// 10 s storm decay, is one step).
pub const DT_S: f64 = 10.0;
// Every step is recorded, so the state at an event's moment is the state the event was
// logged in (one clock: the diagram, fleet and log agree at every event).
/// The run starts this long before the first cluster gets the agent, seconds: a calm lead-in.
pub const LEAD_IN_S: f64 = 300.0;

// ---- The agent ----
/// DaemonSet controller creates ~250 pods per sync, per second here.
pub const DS_PODS_PER_S: f64 = 250.0;
/// Image pull before an agent pod starts, seconds (30–90 s: 30 plus a 60 s spread).
pub const IMAGE_PULL_S: f64 = 30.0;
pub const IMAGE_PULL_SPREAD_S: f64 = 60.0;
/// Deleting the DaemonSet: its pods are gone over ~3 min (1–5 min in the notes) — while the
/// controller manager's garbage collector is in sync (its informers not relisting): it is the
/// GC that deletes a DaemonSet's pods.
pub const AGENT_REMOVAL_S: f64 = 180.0;
/// Agents' polls drift in phase: offered load wobbles ±3 %, redrawn once a minute (steps).
pub const JITTER_EVERY_STEPS: usize = 6;
pub const JITTER_SPAN: f64 = 0.06;

// ---- kube-apiserver: CPU ----
// Cores per replica are a parameter (`cores`). A request is served by one goroutine: it uses
// at most one core, and when the replicas' cores are all busy every request slows alike.
/// CPU per request besides its objects (authentication, admission, routing, a small response),
/// seconds. An assumption: a GET or a lease update is ~1 ms of apiserver CPU.
pub const REQUEST_CPU_S: f64 = 1e-3;
/// Reading one object from etcd (range read, decode, convert): 30 µs plus 5 µs per KB, seconds.
/// KEP-2340's benchmark: a LIST read from etcd over 300,000 1-KB configmaps took 10.5 s (p50),
/// over 300 1-MB configmaps 1.44 s; at 5 KB a pod costs ~55 µs, and with encoding a
/// 100,000-pod LIST ~10 s, as measured on a 4,000-node cluster (incident notes).
pub const ETCD_CPU_PER_OBJECT_S: f64 = 30e-6;
pub const ETCD_CPU_PER_KB_S: f64 = 5e-6;
/// Scanning one object in the watch cache (filtering in memory), seconds: KEP-2340, a LIST from
/// the cache matching nothing over 300,000 objects took 0.5 s.
pub const CACHE_SCAN_CPU_PER_OBJECT_S: f64 = 1.7e-6;
/// Encoding a returned object, seconds per KB. An assumption: JSON at ~100 MB/s per core (the
/// watch cache saves the etcd read, not this).
pub const ENCODE_CPU_PER_KB_S: f64 = 10e-6;
/// Go's garbage collector: ~25 % of CPU at a heap twice the live data (GOGC = 100, the Go GC
/// guide), growing as live/(limit − live) near the memory limit; capped at 95 % full.
pub const GC_CPU_SHARE: f64 = 0.25;
pub const MAX_MEMORY_SHARE_FOR_GC: f64 = 0.95;
/// A cluster's steady traffic besides watches: node leases every 10 s and status updates,
/// requests per node per second (kubelet defaults: lease renewal 10 s, status 1/min, pods'
/// status as they change). An assumption within those defaults.
pub const BASE_REQUESTS_PER_NODE_S: f64 = 0.2;
/// A write's CPU, seconds (an assumption: a small object through admission and etcd).
pub const WRITE_CPU_S: f64 = 2e-3;
/// Empty DNS caches: failing lookups make clients retry and restart, which reads endpoints and
/// pods again: extra requests per node per second at 100 % empty caches. An assumption, small.
pub const DNS_REQUESTS_PER_NODE_S: f64 = 0.05;

// ---- kube-apiserver: API Priority and Fairness ----
/// Every priority level's nominal concurrency shares together (system 30, node-high 40,
/// leader-election 10, workload-high 40, workload-low 100, global-default 20, catch-all 5:
/// `k8s.io/apiserver/pkg/apis/flowcontrol/bootstrap/default.go`). Seats per replica are the
/// `seats` parameter (400 read + 200 mutating in flight by default).
pub const APF_SHARES_TOTAL: f64 = 245.0;
/// A LIST's width: one seat per 100 objects it is expected to process
/// (`request/config.go`, objectsPerSeat); the cap is the `list_seats` parameter.
pub const OBJECTS_PER_SEAT: f64 = 100.0;
/// `--request-timeout`: 60 s. The timeout filter answers 504, but the handler goes on working
/// (and holding its memory) until it finishes (`filters/timeout.go`, "post-timeout activity").
pub const REQUEST_TIMEOUT_S: f64 = 60.0;

// ---- kube-apiserver: memory ----
// Memory per replica is a parameter (`apiserver_mem_gb`), and so is the pod size (`object_kb`).
/// A LIST holds about five times its response in temporary memory while it is built and sent
/// (KEP-3157: "O(5*the_response_from_etcd)"; served from the watch cache it is assembled whole
/// in memory too). Neither APF nor Go's GC protects against it.
pub const LIST_MEMORY_FACTOR: f64 = 5.0;
/// client-go's pager reads 500 objects a page (`tools/pager`, defaultPageSize).
pub const PAGE_OBJECTS: f64 = 500.0;
/// Streamed, a LIST holds about one chunk: ~2 MB (KEP-3157 watch-list; KEP-5116 streaming
/// encoding, 10 concurrent 1-GB LISTs from 70–80 GB to 3 GB), in GB.
pub const STREAMING_HELD_GB: f64 = 0.002;
/// A replica's memory besides responses: the process, GB (an assumption) …
pub const PROCESS_MEM_GB: f64 = 2.0;
/// … and its watch cache: every object once, decoded, at about twice its size (an assumption).
pub const WATCH_CACHE_MEM_FACTOR: f64 = 2.0;
/// Sizes of other objects, KB (assumptions: a node with its images and conditions; a Service;
/// an EndpointSlice of a few endpoints).
pub const NODE_KB: f64 = 10.0;
pub const SERVICE_KB: f64 = 1.0;
pub const ENDPOINTS_KB: f64 = 1.5;

// ---- kube-apiserver: crashes ----
/// How fast a replica over its memory limit is OOM-killed: this many per second when its mean
/// memory is at its limit (a replica over its limit lives ~5 s). Fitted.
pub const CRASH_RATE_PER_S: f64 = 1.0 / 5.0;
/// In-flight memory swings around its mean as LISTs start and finish (`n` in flight swing by
/// about √n responses): a replica whose mean is within `OOM_Z` standard deviations of its limit
/// crosses it now and then — two, as a normal tail is rare beyond that …
pub const OOM_Z: f64 = 2.0;
/// … and at least 1 % for the process's own swings (an assumption).
pub const OOM_MIN_SPREAD: f64 = 0.01;
/// Over-pressure beyond this many spreads crashes no faster.
pub const MAX_OVER_PRESSURE: f64 = 2.0;
/// An OOM-killed API server is back after ~60 s …
pub const RESTART_S: f64 = 60.0;
/// … and serves once its watch cache is filled from etcd again: ~0.4 ms per object
/// (kubernetes/kubernetes#65954: "almost 60s" for 150,000 pods).
pub const WATCH_CACHE_INIT_S_PER_OBJECT: f64 = 0.4e-3;

// ---- Clients ----
/// client-go's reflector backs off between failed LISTs from 0.8 s to 30 s
/// (`tools/cache/reflector.go`: defaultBackoffInit, defaultBackoffMax): the fluid model's wait
/// grows with the share failing.
pub const RELIST_BACKOFF_MIN_S: f64 = 0.8;
pub const RELIST_BACKOFF_MAX_S: f64 = 30.0;
/// Clients back off and retry on the failures of the last half-minute (client-go's backoff
/// doubles over consecutive failures and resets after 2 min of health). An assumption.
pub const CLIENT_MEMORY_S: f64 = 30.0;
/// A watch ends every 5–10 min and is re-established from its last version; while requests
/// fail that version ages out and the informer must LIST again (reflector
/// `defaultMinWatchTimeout` 5 min): the rate informers fall into relisting under failure.
pub const WATCH_RENEW_S: f64 = 300.0;
/// A relisting share below this is none (one client in a million): it snaps to zero so a
/// cluster at rest costs no relist work.
pub const RELIST_NONE: f64 = 1e-6;

/// API Priority and Fairness levels a cluster's clients land in (the flow schemas as they ship:
/// `bootstrap/default.go`). Exempt (`system:masters`, the break-glass path) is not limited.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Level {
    /// Kubelets' reads (`system-nodes` flow schema).
    System = 0,
    /// Kubelets' node status and leases (`system-node-high`).
    NodeHigh = 1,
    /// Controllers, the scheduler and kube-system service accounts (kube-proxy, CNI, CoreDNS).
    WorkloadHigh = 2,
    /// Every other service account: a DaemonSet's or a Deployment's agent.
    WorkloadLow = 3,
    /// People (`kubectl` as a user not in `system:masters`).
    GlobalDefault = 4,
}

pub(crate) const LEVELS: usize = 5;

/// One of a cluster's own standing clients: an informer on one resource.
pub struct Standing {
    pub who: &'static str,
    pub role: Role,
    pub resource: crate::sim::agent::Resource,
    pub scope: crate::sim::agent::Scope,
    pub level: Level,
    /// 0: one per node; otherwise this many replicas.
    pub replicas: u32,
}

/// What a standing client does besides watching, when the model needs it.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Role {
    /// Answers DNS from what it watches (Services, EndpointSlices).
    CoreDns,
    /// Runs the garbage collector: a deleted DaemonSet's pods go only while it is in sync.
    ControllerManager,
    Other,
}

/// How many standing informers a cluster has (`STANDING.len()`).
pub const STANDING_N: usize = 10;

/// Who is watching what in a stock cluster (kubeadm-like): every relist storm follows from this
/// table. Kubelets read their own pods and node (indexed in the watch cache); kube-proxy every
/// Service and EndpointSlice; the CNI agent every node (routes); CoreDNS Services and
/// EndpointSlices; the controller manager and the scheduler every pod and node.
pub const STANDING: &[Standing; STANDING_N] = {
    use crate::sim::agent::Resource::{Endpoints, Nodes, Pods, Services};
    use crate::sim::agent::Scope::{Cluster, Node};
    use Level::{System, WorkloadHigh};
    &[
        Standing { who: "kubelet", role: Role::Other, resource: Pods, scope: Node, level: System, replicas: 0 },
        Standing { who: "kubelet", role: Role::Other, resource: Nodes, scope: Node, level: System, replicas: 0 },
        Standing { who: "kube-proxy", role: Role::Other, resource: Services, scope: Cluster, level: WorkloadHigh, replicas: 0 },
        Standing { who: "kube-proxy", role: Role::Other, resource: Endpoints, scope: Cluster, level: WorkloadHigh, replicas: 0 },
        Standing { who: "CNI agent", role: Role::Other, resource: Nodes, scope: Cluster, level: WorkloadHigh, replicas: 0 },
        Standing { who: "CoreDNS", role: Role::CoreDns, resource: Services, scope: Cluster, level: WorkloadHigh, replicas: 2 },
        Standing { who: "CoreDNS", role: Role::CoreDns, resource: Endpoints, scope: Cluster, level: WorkloadHigh, replicas: 2 },
        Standing { who: "controller manager", role: Role::ControllerManager, resource: Pods, scope: Cluster, level: WorkloadHigh, replicas: 1 },
        Standing { who: "controller manager", role: Role::ControllerManager, resource: Nodes, scope: Cluster, level: WorkloadHigh, replicas: 1 },
        Standing { who: "scheduler", role: Role::Other, resource: Pods, scope: Cluster, level: WorkloadHigh, replicas: 1 },
    ]
};

/// The standing informers of `role`, by index into `STANDING` (ascending), computed at compile
/// time: the phases read a role's informers without scanning the table every step.
pub const fn informers_of<const N: usize>(role: Role) -> [usize; N] {
    let mut out = [0; N];
    let (mut i, mut n) = (0, 0);
    while i < STANDING_N {
        if STANDING[i].role as u8 == role as u8 {
            out[n] = i;
            n += 1;
        }
        i += 1;
    }
    assert!(n == N, "informers_of: wrong count for the role");
    out
}
pub const COREDNS_INFORMERS: [usize; 2] = informers_of(Role::CoreDns);

// ---- DNS ----
// How often CoreDNS pods restart when they cannot sync is a parameter (`coredns_restart_min`,
// 3 min by default; 0 = never): a restarted pod answers SERVFAIL until the API answers again.
/// A restarted CoreDNS pod serves again ~40 s after the API answers (full LISTs of services
/// and endpoints).
pub const COREDNS_RESYNC_S: f64 = 40.0;
/// A client without an entry retries its lookup every ~30 s (resolver timeouts across the
/// search list), not on every request.
pub const LOOKUP_RETRY_S: f64 = 30.0;

/// With serve-stale, a stale answer turns wrong when its endpoints change: pods restarted,
/// rescheduled or scaled while nothing could update DNS. 6 % of endpoints an hour is an
/// assumption (a busy cluster's deploys, restarts and autoscaling), not a published figure.
pub const ENDPOINT_CHURN_PER_S: f64 = 0.06 / 3_600.0;

// ---- Detection ----
/// Alerts fire after a minute of 429s (> 1 %) or API server restarts: 3:12 → 3:13 pm.
pub const ALERT_AFTER_S: f64 = 60.0;
/// Diagnosis takes ~3 min after the first alert: root cause known at 3:16 pm.
pub const DIAGNOSIS_S: f64 = 180.0;
/// What counts as saturated for the alert and the rollout's health gate: 429s over 1 %, or
/// fewer than 99 % of replicas up.
pub const SATURATED_FAIL: f64 = 0.01;
/// … and for a client's own verdict, at least one failed request a minute: one hourly LIST
/// whose tail brushes the timeout is not a saturated control plane.
pub const SATURATED_MIN_FAIL_PER_S: f64 = 1.0 / 60.0;
pub const SATURATED_UP: f64 = 0.99;
/// Customer-visible: more than 2 % of a production cluster's requests fail. The first such
/// moment is "customers see errors"; minutes with any such cluster are customer-impact minutes.
pub const CUSTOMER_ERROR_THRESHOLD: f64 = 0.02;
/// "DNS caches empty": fewer than 5 % of impacted clients still hold an entry.
pub const CACHES_EMPTY_BELOW: f64 = 0.05;

// ---- The response ----
/// Phased rollout: staging gets the agent 3 min before the first production wave.
pub const STAGING_LEAD_S: f64 = 180.0;
/// Traffic shift starts 11 min after the root cause is known (3:27 pm) and ramps over 20 min.
pub const SHIFT_AFTER_ROOT_CAUSE_S: f64 = 660.0;
pub const SHIFT_RAMP_S: f64 = 1_200.0;
/// Blocking the API at the network drains non-admin traffic in ~3 min (2–5 min).
pub const BLOCK_DRAIN_S: f64 = 180.0;
/// Scaling nodes down halves them over 15 min (10–20 min).
pub const SCALE_DOWN_S: f64 = 900.0;
pub const SCALE_DOWN_SHARE: f64 = 0.5;
/// New API servers double capacity; they ramp in over the second half of 20 min (they fill
/// their caches from etcd first).
pub const SCALE_UP_S: f64 = 1_200.0;
/// Engineers try an admin write once a minute on each impacted cluster a crew is working on
/// (with break-glass, on every impacted cluster).
pub const ADMIN_ATTEMPT_S: f64 = 60.0;
/// A cluster fixed outside a crew that has not come back within 5 min is held down by retries.
pub const FIXED_STUCK_S: f64 = 300.0;
/// Crash-looping: fewer than 90 % of its replicas up (the rest OOM-restarting) for a minute
/// running, even while those up serve most requests. Impacted, remediated and named like a fall.
pub const RESTARTING_UP: f64 = 0.9;
pub const CRASH_LOOP_S: f64 = 60.0;
/// A restart by hand takes the control plane down on purpose: for five of its replicas'
/// restart times (watch-cache refill included; 99 % are back by then) it is neither saturated,
/// fallen nor crash-looping. A verdict rule, not physics: what is still failing after it, the
/// restart did not cause alone — the cluster's own load keeps it down (metastable).
pub const RESTART_GRACE: f64 = 5.0;
/// A rolling restart waits this long after a replica is back (ready) before the next: an
/// assumption (upgrade tooling waits for readiness, then a short settle).
pub const ROLLING_SETTLE_S: f64 = 30.0;
/// Over 0.1 % of the up replicas OOM-killed in a step: a restart's grace is over, the loop has
/// begun.
pub const LOOP_BEGUN: f64 = 1e-3;

/// A readmission (all at once, or a ramp) that keeps a cluster's control plane down for 3 min
/// makes the crew block again, shed load and ramp (a ramp then goes half as fast). An
/// assumption: how long a team watches a re-overload before backing off.
pub const HERD_GIVE_UP_S: f64 = 180.0;
/// A ramp holds (does not advance) while more than 5 % of requests fail.
pub const RAMP_BACKOFF_FAIL: f64 = 0.05;
/// A cluster counts as recovered after this long healthy, seconds.
pub const HEALTHY_FOR_S: f64 = 300.0;

// ---- Cluster health thresholds ----
/// With fewer than 5 % of its replicas up, a control plane serves nothing.
pub const CP_DEAD_UP: f64 = 0.05;
/// A cluster is impacted once its control plane serves under half its requests.
pub const IMPACTED_BELOW: f64 = 0.5;
/// Healthy again: over 95 % served and under 1 % of clients without a DNS entry.
pub const HEALTHY_CP: f64 = 0.95;
pub const HEALTHY_EMPTY: f64 = 0.01;
