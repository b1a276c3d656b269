//! The model: a fixed-step fluid simulation of every cluster, plus the response team.
//!
//! `simulate` is the whole API. Inside, a private [`World`] holds everything a run carries
//! from step to step, and each step runs named phases in a fixed order (the order is part
//! of the model: it decides what each phase sees of the others this step):
//!
//! 1. [`phases::rollout`]: the agent reaches clusters; a halt or the health gate stops it.
//! 2. [`phases::fleet_levers`]: interventions fired at this moment act on impacted clusters.
//! 3. [`phases::traffic_shift`]: traffic moves away from impacted clusters.
//! 4. [`phases::crews`]: crews shed load on the largest impacted clusters first.
//! 5. [`phases::admin_attempts`]: one admin write per cluster a minute; the seeded RNG decides.
//! 6. [`physics::step`]: every cluster's mechanisms (agent, levers, API load, memory, informers,
//!    admin access, CoreDNS, DNS caches), one function each.
//! 7. [`phases::pipeline`]: impact, readmission and recovery, cluster by cluster.
//! 8. [`phases::detection`]: saturation, first alert, root cause.
//! 9. [`phases::observe`]: the fleet as customers see it, recorded every step.
//!
//! Each cluster is a handful of numbers (shares of nodes, replicas, clients), never one object
//! per node or agent, so a run costs the same at 100 agents as at 100,000. Only `+ - * /`,
//! `sqrt`, `min` and `max` are used on floats: they are exact IEEE operations, so the same
//! parameters give a bit-identical trace natively and in wasm (no libm `exp`/`powf`). The
//! golden checksums in `tests/common/golden.rs` pin the float operation order and the random draw order.

mod apiserver;
pub(crate) mod constants;
mod derive;
mod phases;
mod physics;
pub mod schedule;
mod world;

pub use constants::{CUSTOMER_ERROR_THRESHOLD, DT_S};
pub use derive::{agent_cores_x, agent_held_gb, derive};

/// The model's own thresholds, for the views: a view that draws what the model decided uses
/// the number the model decided it by, never a copy of it.
pub mod thresholds {
    pub use crate::sim::model::constants::{
        CACHES_EMPTY_BELOW, CP_DEAD_UP, CUSTOMER_ERROR_THRESHOLD, HEALTHY_EMPTY, IMPACTED_BELOW, SATURATED_FAIL, SATURATED_UP,
    };
}

use super::agent::{AgentSpec, PODS_PER_SERVICE};
use super::fleet;
use super::params::{Action, Params, Recovery, RetryPolicy};
use super::trace::{ClusterInfo, ClusterSeries, Event, EventKind, FleetSeries, Summary, Trace};
use constants::*;
use rand::SeedableRng;
use rand_pcg::Pcg32;
use schedule::GateRule;
use world::{Cluster, Log, Milestone, Milestones};

/// What a run keeps besides its summary, events and clusters' outcomes.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Recording {
    /// Every step's sample (the trace the views replay).
    Series,
    /// No series: what sweeps and `cascade check` need.
    SummaryOnly,
}

/// Run the whole incident for `p`. Pure and deterministic: same `Params`, same `Trace`.
pub fn simulate(p: &Params) -> Trace {
    World::run(p, Recording::Series).finish()
}

/// The run's summary alone, without recording series: what sweeps need (1,024 runs a grid).
/// Same numbers as `simulate(p).summary` (tests/native/sim_properties.rs).
pub fn simulate_summary(p: &Params) -> Summary {
    World::run(p, Recording::SummaryOnly).finish().summary
}

/// The summary and every cluster's outcome, without recording series: what `cascade check`
/// and its margins need (hundreds of runs).
pub fn simulate_outcome(p: &Params) -> (Summary, Vec<ClusterInfo>) {
    let t = World::run(p, Recording::SummaryOnly).finish();
    (t.summary, t.clusters)
}

/// Whether cluster `i` falls or crash-loops in `p`'s run (`ClusterInfo`'s `fell_min` or
/// `crash_looping_min`), stopping at the step that decides it: a verdict once reached stays,
/// so a margin's bisection need not run a falling cluster's run to its end. A run in which it
/// holds is the whole run.
pub fn fails(p: &Params, i: usize) -> bool {
    let mut world = World::new(p, Recording::SummaryOnly);
    for step in 0..=world.run.steps {
        world.step(step);
        if world.clusters.get(i).is_some_and(|c| c.fell_at.is_some() || c.crash_looping_at.is_some()) {
            return true;
        }
    }
    false
}

/// Where a run's trace starts, minutes after T: `LEAD_IN_S` before the first rollout wave
/// (December's begins 72.4 % of the rollout window before T; `schedule::schedule`), on a multiple of `DT_S` from T so
/// that T itself is a step and its event is logged in the state it describes. Links place a
/// cursor with it without simulating.
/// How many steps a client's DNS answer lives: its TTL on the model's 10-s clock. Zero (a TTL
/// under 5 s) is a cluster with no cache: every lookup asks CoreDNS.
pub fn cache_steps(ttl_s: u32) -> usize {
    (ttl_s as f64 / DT_S).round() as usize
}

/// Whether a cluster's clients cache DNS answers at all (`cache_steps` > 0): the one
/// definition the diagram, the fleet's cards and the swimlanes read for "no cache".
pub fn caches_dns(ttl_s: u32) -> bool {
    cache_steps(ttl_s) > 0
}

pub fn run_start_min(p: &Params) -> f64 {
    let start_s = schedule::schedule(p, &fleet::resolve(p)).start_s;
    ((start_s - LEAD_IN_S) / DT_S).floor() * DT_S / 60.0
}

/// A resolved cluster as the physics reads it: its replicas, cores, seats and memory, the
/// agent's calls and its standing informers priced in it (`apiserver::list_cost`).
fn cluster_spec(p: &Params, r: &fleet::Resolved) -> world::ClusterSpec {
    let pricing = apiserver::Pricing { pod_kb: p.object_kb, streaming: r.streaming_lists, cpu_x: p.list_cpu_x };
    let agent = p.agent.clone().unwrap_or_else(AgentSpec::december);
    let pods = r.nodes * r.pods as f64;
    // The watch cache holds every object once: pods, nodes, Services and EndpointSlices.
    let cached_kb = pods * p.object_kb + r.nodes * NODE_KB + pods / PODS_PER_SERVICE * (SERVICE_KB + ENDPOINTS_KB);
    world::ClusterSpec {
        name: r.name.clone(),
        nodes: r.nodes,
        staging: r.staging,
        inv_ds_ramp: Cluster::inv_ds_ramp(r.nodes),
        apiservers: r.apiservers as f64,
        seats: r.seats as f64,
        cores: r.cores as f64,
        mem_gb: r.apiserver_mem_gb as f64,
        base_mem_gb: apiserver::Linear { a: PROCESS_MEM_GB, b: cached_kb * 1e-6 * WATCH_CACHE_MEM_FACTOR },
        restart_s: RESTART_S + (pods + r.nodes + 2.0 * pods / PODS_PER_SERVICE) * WATCH_CACHE_INIT_S_PER_OBJECT,
        list_seats: r.list_seats as f64,
        agent: apiserver::agent_classes(&agent, r, pricing, p.cost, p.poll),
        standing: apiserver::standing_classes(r, pricing),
        serve_stale: r.dns_serve_stale,
        settings: r.clone(),
    }
}

/// The clusters' indices largest first, equal sizes in the fleet's order (the built-in fleet is
/// already so): the order crews take them in (a stable sort).
fn largest_first(clusters: &[Cluster]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..clusters.len()).collect();
    order.sort_by(|&a, &b| clusters[b].spec.nodes.total_cmp(&clusters[a].spec.nodes));
    order
}

/// Numbers fixed for the whole run, derived once from the parameters.
struct Run<'p> {
    p: &'p Params,
    retry: RetryPolicy,
    t_begin: f64,
    steps: usize,
    /// 1 / production nodes: each cluster's share of customer traffic is its share of nodes.
    inv_traffic: f64,
    /// Share of CoreDNS pods restarting per step while it cannot sync (0: never).
    coredns_decay: f64,
    halt_at: Option<f64>,
    break_glass_at: Option<f64>,
    /// Fleet-wide levers a person fired, and when.
    levers: [(Action, Option<f64>); 3],
    /// When a person restarts every API server (each `restart` intervention), seconds …
    restarts: Vec<f64>,
    /// … one at a time (`rolling_restart`) …
    rolling: Vec<f64>,
    /// … and when the agent's calls double (`agent_x2`).
    doubles: Vec<f64>,
}

/// The rollout as a whole.
struct RolloutState {
    gate: GateRule,
    /// Since when the gate's signal has been over its threshold (a gate with a delay).
    over_since: Option<f64>,
    /// The largest production cluster and when the plan lands on it: "the agent lands".
    largest: usize,
    largest_land_s: Option<f64>,
    halted: Milestone,
    /// When the rollout starts (its `RolloutStarted` event): a halt before it is a halt before
    /// it reached any cluster.
    starts_at: f64,
    /// Every landing still scheduled has happened (a later halt changes nothing).
    done: bool,
    /// A halt came before that: some landings were cancelled and the rollout never finishes.
    cut_short: bool,
    finished: Milestone,
}

/// The fleet's worst customer impact so far: (share failing, when).
#[derive(Clone, Copy)]
struct Peak {
    error: f64,
    at: Option<f64>,
    /// Steps above the customer-visible threshold so far.
    steps_over: u32,
}

/// This step's moment, as every phase sees it.
#[derive(Clone, Copy)]
struct Now {
    step: usize,
    t: f64,
    /// Known from the top of the step (an alert this step counts from the next one).
    root_cause: Option<f64>,
    break_glass: bool,
}

/// Everything a run carries from one step to the next.
struct World<'p> {
    run: Run<'p>,
    rng: Pcg32,
    clusters: Vec<Cluster>,
    rollout: RolloutState,
    milestones: Milestones,
    log: Log,
    /// When the current stretch of saturation began (for the one-minute alert rule).
    saturated_since: Option<f64>,
    next_admin_attempt: f64,
    /// Clusters largest first: the order crews take them in.
    crew_order: Vec<usize>,
    peak: Peak,
    /// Whether to keep series (a summary-only run skips them).
    record: Recording,
    fleet: FleetSeries,
    per_cluster: Vec<ClusterSeries>,
    /// The physics' per-step buffer.
    scratch: physics::Scratch,
}

impl<'p> World<'p> {
    /// Every step of the run, in order.
    fn run(p: &'p Params, record: Recording) -> World<'p> {
        let mut world = World::new(p, record);
        for step in 0..=world.run.steps {
            world.step(step);
        }
        world
    }

    fn new(p: &'p Params, record: Recording) -> World<'p> {
        let t_begin = run_start_min(p) * 60.0;
        let t_end = p.horizon as f64 * 60.0;
        let steps = ((t_end - t_begin) / DT_S).round() as usize;
        let resolved = fleet::resolve(p);
        let schedule = schedule::schedule(p, &resolved);
        let clusters: Vec<Cluster> = resolved
            .iter()
            .zip(&schedule.land_s)
            .enumerate()
            .map(|(i, (r, &land))| Cluster::new(i, cluster_spec(p, r), land, cache_steps(r.ttl), p.recovery == Recovery::AllAtOnce))
            .collect();
        let largest = fleet::largest_index(p).min(clusters.len() - 1);
        let traffic_total: f64 = clusters.iter().filter(|c| !c.spec.staging).map(|c| c.spec.nodes).sum();
        let iv_all = |a: Action| p.interventions.iter().filter(|i| i.action == a).map(|i| i.t_min * 60.0).collect::<Vec<f64>>();
        let iv_at = |a: Action| p.interventions.iter().filter(|i| i.action == a).map(|i| i.t_min * 60.0).reduce(f64::min);
        let run = Run {
            p,
            retry: p.retry,
            t_begin,
            steps,
            // Reciprocals hoisted out of the step loop: a multiply is several times cheaper than a divide.
            inv_traffic: 1.0 / traffic_total,
            coredns_decay: if p.coredns_restart_min == 0 { 0.0 } else { DT_S / (p.coredns_restart_min as f64 * 60.0) },
            halt_at: iv_at(Action::Halt),
            break_glass_at: iv_at(Action::BreakGlass),
            levers: [(Action::Block, iv_at(Action::Block)), (Action::ScaleDown, iv_at(Action::ScaleDown)), (Action::ScaleUp, iv_at(Action::ScaleUp))],
            restarts: iv_all(Action::Restart),
            rolling: iv_all(Action::RollingRestart),
            doubles: iv_all(Action::AgentX2),
        };
        // Events are logged at the step they act in (the first step at or after their time), so
        // the state recorded at an event's moment is the state it describes.
        let on_step = |t_s: f64| t_begin + ((t_s - t_begin) / DT_S - 1e-9).ceil().max(0.0) * DT_S;
        let mut log = Log::default();
        for iv in &p.interventions {
            log.push(EventKind::Intervention, on_step(iv.t_min * 60.0), None, iv.action.label().to_string());
        }
        // The rollout starts with its first production wave, or with staging where a phased
        // rollout sends it there first (so a halt is never told before the start).
        let phased = schedule.gate != GateRule::None || p.plan.is_some();
        // Its first landing, not the window's start: a described fleet of one wave lands at T,
        // however long the window it could have taken (the window's start when none lands).
        let first_land = clusters.iter().filter(|c| phased || !c.spec.staging).filter_map(|c| c.agent.land_s).fold(f64::INFINITY, f64::min);
        let first_land = if first_land.is_finite() { first_land } else { schedule.start_s };
        // A halt by hand before the first landing: the rollout never starts.
        let halt_at = iv_at(Action::Halt);
        if halt_at.is_none_or(|h| first_land <= on_step(h)) {
            log.push(EventKind::RolloutStarted, on_step(first_land), None, String::new());
        }
        let samples = if record == Recording::Series { steps + 1 } else { 0 };
        let crew_order = largest_first(&clusters);
        World {
            rng: Pcg32::seed_from_u64(p.seed),
            per_cluster: clusters.iter().map(|_| ClusterSeries::with_capacity(samples)).collect(),
            scratch: physics::Scratch::new(),
            fleet: FleetSeries::with_capacity(samples),
            clusters,
            rollout: RolloutState {
                gate: schedule.gate,
                over_since: None,
                largest,
                largest_land_s: schedule.land_s.get(largest).copied().flatten(),
                halted: Milestone::new(EventKind::RolloutHalted),
                starts_at: on_step(first_land),
                done: false,
                cut_short: false,
                finished: Milestone::new(EventKind::RolloutFinished),
            },
            milestones: Milestones::new(),
            log,
            saturated_since: None,
            // Attempts start when the root cause is known, even before T (a canary wave falls hours
            // before the largest cluster gets the agent).
            next_admin_attempt: f64::NEG_INFINITY,
            crew_order,
            peak: Peak { error: 0.0, at: None, steps_over: 0 },
            record,
            run,
        }
    }

    /// One step: the phases in their order (see the module docs).
    fn step(&mut self, step: usize) {
        let t = self.run.t_begin + step as f64 * DT_S;
        let p = self.run.p;
        let now = Now { step, t, root_cause: self.milestones.root_cause(), break_glass: p.break_glass || self.run.break_glass_at.is_some_and(|b| t >= b) };
        phases::rollout(&mut self.rollout, &mut self.clusters, &mut self.log, self.run.halt_at, now);
        phases::fleet_levers(&mut self.clusters, &self.run.levers, t);
        phases::restarts(&mut self.clusters, &self.run.restarts, &self.run.rolling, t);
        phases::agent_rate(&mut self.clusters, &self.run.doubles, t);
        let shift_share = phases::traffic_shift(&mut self.milestones.shift, &self.clusters, &mut self.log, p.shift, now);
        phases::crews(&mut self.clusters, &self.crew_order, &mut self.milestones.shedding, &mut self.log, p, now);
        phases::admin_attempts(&mut self.clusters, &mut self.rng, &mut self.next_admin_attempt, &mut self.milestones.access, &mut self.log, now);
        for c in self.clusters.iter_mut() {
            physics::step(c, &self.run, &mut self.rng, now, &mut self.scratch);
        }
        for c in self.clusters.iter_mut() {
            phases::pipeline(c, &mut self.milestones, &mut self.log, p, t);
        }
        let saturated = self.clusters.iter().any(|c| !c.spec.staging && c.saturated());
        phases::detection(saturated, &mut self.saturated_since, &mut self.milestones, &mut self.log, t);
        let sample = phases::observe(&self.clusters, &self.run, shift_share, now, &mut self.milestones, &mut self.peak, &mut self.log);
        if self.record == Recording::Series {
            self.fleet.push(sample);
            for (c, s) in self.clusters.iter().zip(self.per_cluster.iter_mut()) {
                s.push(phases::cluster_sample(c, now));
            }
        }
    }

    /// Milestones that need the whole run, the summary, and the trace.
    fn finish(self) -> Trace {
        let World { run, clusters, milestones: ms, mut log, peak, fleet, per_cluster, .. } = self;
        // Peak impact exists once customers saw errors (the one definition); its moment is the
        // fleet's worst share of failing requests.
        let peak_at = peak.at.filter(|_| ms.customer.reached());
        if let Some(pt) = peak_at {
            log.push(EventKind::PeakImpact, pt, None, format!("{:.0}% of all customers' requests failing, fleet-wide", peak.error * 100.0));
        }
        let impacted: Vec<&Cluster> = clusters.iter().filter(|c| c.crew.impacted).collect();
        let fix_all = if !impacted.is_empty() && impacted.iter().all(|c| c.crew.fixed_at.is_some()) {
            impacted.iter().filter_map(|c| c.crew.fixed_at).reduce(f64::max)
        } else {
            None
        };
        if let Some(f) = fix_all {
            log.push(EventKind::FixLanded, f, None, String::new());
        }
        let mut events = log.0;
        let all_recovered = if !impacted.is_empty() && impacted.iter().all(|c| c.crew.recovered) {
            events.iter().filter(|e| matches!(e.kind, EventKind::FirstClusterRecovered | EventKind::ClusterRecovered)).map(|e| e.t_min).reduce(f64::max)
        } else {
            None
        };
        if let Some(a) = all_recovered {
            events.push(Event { kind: EventKind::AllRecovered, t_min: a, cluster: None, detail: String::new() });
        }
        events.sort_by(|a, b| a.t_min.total_cmp(&b.t_min).then(a.kind.cmp(&b.kind)));

        let m = |x: Option<f64>| x.map(|s| s / 60.0);
        let t_last = run.t_begin + run.steps as f64 * DT_S;
        let summary = Summary {
            control_plane_down_min: m(ms.cp_down.at()),
            first_alert_min: m(ms.alert.at()),
            first_customer_errors_min: m(ms.customer.at()),
            peak_impact_min: m(peak_at),
            access_regained_min: m(ms.access.at()),
            fix_landed_min: m(fix_all),
            first_cluster_recovered_min: m(ms.first_recovered.at()),
            all_recovered_min: all_recovered,
            peak_error_rate: peak.error,
            impact_min: peak.steps_over as f64 * DT_S / 60.0,
            detection_lead_min: match (ms.alert.at(), ms.customer.at()) {
                (Some(a), Some(c)) => Some((c - a) / 60.0),
                _ => None,
            },
            impacted_clusters: impacted.len() as u32,
        };
        Trace {
            t0_min: run.t_begin / 60.0,
            dt_min: DT_S / 60.0,
            len: fleet.user_error.len(),
            clusters: clusters
                .iter()
                .map(|c| ClusterInfo {
                    name: c.spec.name.clone(),
                    nodes: c.spec.nodes as u32,
                    staging: c.spec.staging,
                    landed_min: c.agent.land_s.filter(|&l| l <= t_last).map(|l| l / 60.0),
                    saturated_min: m(c.saturated_at),
                    saturated_by: c.saturated_by,
                    fell_min: m(c.fell_at),
                    crash_looping_min: m(c.crash_looping_at),
                    settings: c.spec.settings.clone(),
                })
                .collect(),
            fleet,
            per_cluster,
            events,
            summary,
        }
    }
}

/// One number that decides outcomes, as About the model lists it.
#[derive(Clone, Debug, PartialEq)]
pub struct Assumption {
    pub what: &'static str,
    pub value: String,
    /// Where it comes from: a source, "fitted" to the timeline, or "assumption".
    pub source: &'static str,
    /// The parameter that sets it, when one does.
    pub key: Option<&'static str>,
}

/// For a per-cluster setting that some clusters of a described fleet set for themselves, which
/// ones and to what: "; large-a 128, large-b 256 (their own)" — the fleet-wide value is not theirs.
fn own_values(p: &Params, key: Option<&str>) -> String {
    let (Some(fleet), Some(field)) = (&p.fleet, key.and_then(fleet::cluster_field)) else { return String::new() };
    let own: Vec<String> = fleet.clusters.iter().filter_map(|c| c.field(field.key).map(|v| format!("{} {}", c.name, field.key.spec().display(v)))).collect();
    match own.len() {
        0 => String::new(),
        n if n <= 4 => format!("; {} (their own)", own.join(", ")),
        n => format!("; {} and {} more set their own", own[..3].join(", "), n - 3),
    }
}

/// The constants and parameters that decide a run's outcome, with their values in `p`: the
/// agent, the API servers, then the clients and the people around them.
pub fn assumptions(p: &Params) -> Vec<Assumption> {
    let mut out = vec![agent_assumption(p)];
    out.extend(apiserver_assumptions(p));
    out.extend(response_assumptions(p));
    out
}

/// One assumption, with the clusters that set their own value of its key named after it.
fn assume(p: &Params, what: &'static str, value: String, source: &'static str, key: Option<&'static str>) -> Assumption {
    Assumption { what, value: value + &own_values(p, key), source, key }
}

/// What the agent asks of each cluster.
fn agent_assumption(p: &Params) -> Assumption {
    let a = |what, value, source, key| assume(p, what, value, source, key);
    match &p.agent {
        None => a(
            "The agent (request cost 1)",
            format!("one cluster-wide LIST of every pod per node per {} s poll, × cost {}", p.poll, crate::text::sig3(p.cost)),
            "fitted: the public report says only that its calls' cost grew with cluster size",
            Some("cost"),
        ),
        Some(spec) => a(
            "The agent (described calls)",
            format!(
                "{}: {}; × cost {}",
                spec.replicas.map_or("a pod on every node".to_string(), |r| format!("a Deployment of {r}")),
                spec.calls.iter().map(|c| c.describe()).collect::<Vec<_>>().join("; "),
                crate::text::sig3(p.cost)
            ),
            "as described",
            Some("cost"),
        ),
    }
}

/// How the API servers spend CPU, memory and seats.
fn apiserver_assumptions(p: &Params) -> Vec<Assumption> {
    let a = |what, value, source, key| assume(p, what, value, source, key);
    vec![
        a(
            "CPU per object read from etcd",
            format!(
                "{} µs + {} µs per KB; encoding {} µs per KB; {} ms per request{}",
                ETCD_CPU_PER_OBJECT_S * 1e6,
                ETCD_CPU_PER_KB_S * 1e6,
                ENCODE_CPU_PER_KB_S * 1e6,
                REQUEST_CPU_S * 1e3,
                if p.list_cpu_x == 1.0 { String::new() } else { format!("; per-object costs × {}", crate::text::sig3(p.list_cpu_x)) }
            ),
            "KEP-2340's LIST benchmark (etcd read); encoding at ~100 MB/s per core is an assumption",
            Some("list_cpu_x"),
        ),
        a(
            "A LIST from the watch cache",
            format!("no etcd read ({} µs per object scanned), but every returned object encoded and held", CACHE_SCAN_CPU_PER_OBJECT_S * 1e6),
            "KEP-2340 (a cached LIST matching nothing over 300,000 objects: 0.5 s)",
            Some("watch_cache"),
        ),
        a("API server CPU", format!("{} cores per replica", p.cores), "assumption", Some("cores")),
        a(
            "API server memory",
            format!("{} GB per replica", p.apiserver_mem_gb),
            "assumption (the multus 2021 report's control-plane nodes had 64 GB)",
            Some("apiserver_mem_gb"),
        ),
        a(
            "Memory a LIST holds in flight",
            if p.streaming_lists { "~2 MB (streamed)".to_string() } else { format!("{LIST_MEMORY_FACTOR}× its response until sent") },
            "KEP-3157 (and KEP-5116 when streamed)",
            Some("streaming_lists"),
        ),
        a("Size of a listed object", format!("{} KB", p.object_kb), "assumption (pods are 1–20 KB)", Some("object_kb")),
        a(
            "APF seats",
            format!("{} per replica; a LIST costs 1 per 100 objects, at most {}", p.seats, p.list_seats),
            "kube-apiserver defaults (400 + 200 in flight; objectsPerSeat 100, MaximumListSeatsLimit 10)",
            Some("list_seats"),
        ),
    ]
}

/// The cluster's own clients, DNS, and the people who detect, diagnose and recover.
fn response_assumptions(p: &Params) -> Vec<Assumption> {
    let a = |what, value, source, key| assume(p, what, value, source, key);
    vec![
        a(
            "CoreDNS restarts without the API",
            if p.coredns_restart_min == 0 { "never".into() } else { format!("every {} min", p.coredns_restart_min) },
            "assumption, fitted: stock CoreDNS serves its last view until its pods restart",
            Some("coredns_restart_min"),
        ),
        a(
            "Retries per failed request (client-go)",
            "3 in flight: load × (1 + 3 × failing share)".into(),
            "assumption from client-go's retry loop",
            Some("retry"),
        ),
        a(
            "Standing informers",
            (if p.informers_x == 1.0 { String::new() } else { format!("× {} of each: ", crate::text::sig3(p.informers_x)) })
                + &STANDING
                    .iter()
                    .map(|s| format!("{} ({} {})", s.who, s.resource, if s.scope == crate::sim::agent::Scope::Node { "of its node" } else { "cluster-wide" }))
                    .collect::<Vec<_>>()
                    .join(", "),
            "a stock cluster's clients; they LIST again when their watches break",
            Some("informers_x"),
        ),
        a("An OOM-killed API server is back", format!("after {} s", RESTART_S), "Kubernetes restart with a warm start", None),
        a(
            "Admin writes get through",
            "when a replica is up and answers within 60 s (global-default level; break-glass: exempt)".into(),
            "API Priority and Fairness as it ships",
            Some("break_glass"),
        ),
        a(
            "First alert, then diagnosis",
            format!("after {} min of saturation, then {} min", ALERT_AFTER_S / 60.0, DIAGNOSIS_S / 60.0),
            "the public timeline (an alert a minute after the agent landed, the cause three minutes later)",
            None,
        ),
        a("A readmission the crew gives up on", format!("control plane down for {} min", HERD_GIVE_UP_S / 60.0), "assumption", None),
        a("Endpoints that move during an outage (serve-stale)", "6 % an hour".into(), "assumption", Some("dns_serve_stale")),
        a("Recovered", format!("healthy for {} min", HEALTHY_FOR_S / 60.0), "assumption", None),
    ]
}
