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

// ---- The agent and the API load it creates ----
/// Seat-seconds per object scanned per agent poll, read from etcd: ~0.1 ms per object per
/// LIST (a 100k-pod LIST took ~10 s) × ~6 expensive calls per poll. Fitted to "5,000 nodes
/// ≈ 10× capacity".
pub const AGENT_COST_PER_OBJECT_S: f64 = 0.6e-3;
/// A LIST served from the watch cache (resourceVersion=0) costs ~1/200 of one from etcd
/// (0.05 s vs 10 s measured).
pub const WATCH_CACHE_FACTOR: f64 = 1.0 / 200.0;
/// Baseline control-plane demand (kubelets, controllers, CoreDNS watches), seats per node.
/// Fitted: a healthy cluster runs at a few percent of its seats.
pub const BASE_SEATS_PER_NODE: f64 = 0.03;
/// Informers in a relist loop (kube-proxy, CNI, CoreDNS, controllers list cluster-wide objects
/// from every node), seats per node²: relist storms also grow ~N². Fitted.
pub const RELIST_SEATS_PER_NODE2: f64 = 4.0e-4;
/// Empty DNS caches make CoreDNS relist endpoints and clients fan out lookups (ndots:5 × A/AAAA):
/// extra API seats per node at 100 % empty caches. Fitted, small.
pub const DNS_API_SEATS_PER_NODE: f64 = 0.01;
/// DaemonSet controller creates ~250 pods per sync, per second here.
pub const DS_PODS_PER_S: f64 = 250.0;
/// Image pull before an agent pod starts, seconds (30–90 s: 30 plus a 60 s spread).
pub const IMAGE_PULL_S: f64 = 30.0;
pub const IMAGE_PULL_SPREAD_S: f64 = 60.0;
/// Deleting the DaemonSet: its pods are gone over ~3 min (1–5 min in the notes).
pub const AGENT_REMOVAL_S: f64 = 180.0;
/// Agents' polls drift in phase: offered load wobbles ±3 %, redrawn once a minute (steps).
pub const JITTER_EVERY_STEPS: usize = 6;
pub const JITTER_SPAN: f64 = 0.06;

// ---- API servers: memory and crashes ----
// Memory per listed object (5 KB) and per replica (64 GB) are parameters now
// (`object_kb`, `apiserver_mem_gb`): they decide where a control plane falls.
/// A relist holds this share of a full pod LIST's objects in memory (it lists fewer kinds).
pub const RELIST_MEM_SHARE: f64 = 0.3;
/// Crash hazard per second of an up replica per unit of memory over-pressure. Fitted: an
/// overloaded cluster loses its replicas within about a minute.
pub const CRASH_RATE_PER_S: f64 = 1.0 / 20.0;
/// Over-pressure beyond this many times the memory limit crashes no faster.
pub const MAX_OVER_PRESSURE: f64 = 2.0;
/// An OOM-killed API server is back after ~60 s.
pub const RESTART_S: f64 = 60.0;
/// A restarted replica's clients all relist at once: seat-seconds per node² per restart.
pub const STORM_FACTOR: f64 = 2.0;
/// How fast a relist storm drains, seconds: client-go relists at once; other policies spread it.
pub const STORM_TAU_CLIENT_GO_S: f64 = 10.0;
pub const STORM_TAU_SPREAD_S: f64 = 30.0;
/// Informers fall into relist loops on failures at ~1/30 s and heal on successes at ~1/20 s
/// (client-go reflector backoff 0.8 → 30 s).
pub const RELIST_FALL_S: f64 = 30.0;
pub const RELIST_HEAL_S: f64 = 20.0;

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
/// Engineers try an admin write on every impacted cluster once a minute.
pub const ADMIN_ATTEMPT_S: f64 = 60.0;
/// A cluster fixed outside a crew that has not come back within 5 min is held down by retries.
pub const FIXED_STUCK_S: f64 = 300.0;
/// Under half its replicas up: a control plane crash-looping, even if the rest still serve.
pub const CRASH_LOOPING_UP: f64 = 0.5;
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
/// A fixed cluster whose control plane serves under 90 % is still held down.
pub const HELD_DOWN_BELOW: f64 = 0.9;
/// Healthy again: over 95 % served and under 1 % of clients without a DNS entry.
pub const HEALTHY_CP: f64 = 0.95;
pub const HEALTHY_EMPTY: f64 = 0.01;
