//! The model: a fixed-step fluid simulation of every cluster, plus the response team.
//!
//! Each cluster is a handful of numbers (shares of nodes, replicas, clients), never one object
//! per node or agent, so a run costs the same at 100 agents as at 100,000. Only `+ - * /`,
//! `sqrt`, `min` and `max` are used on floats: they are exact IEEE operations, so the same
//! parameters give a bit-identical trace natively and in wasm (no libm `exp`/`powf`).

use super::fleet::{self, FLEET, LARGE_FRAC};
use super::params::{Action, Params, Recovery, RetryPolicy, Rollout};
use super::trace::*;
use rand::{RngExt, SeedableRng};
use rand_pcg::Pcg32;

/// Step of the integration, seconds.
pub const DT_S: f64 = 10.0;
/// Steps per recorded sample (30 s resolution).
pub const SAMPLE_EVERY: usize = 3;

// ---- Calibration (see ARCHITECTURE.md: "Model and calibration") ----
/// Seat-seconds per object per agent poll read from etcd: ~0.1 ms per object per call and
/// ~6 expensive calls per poll (pods, nodes, endpoints, …).
const AGENT_COST_PER_OBJECT_S: f64 = 0.6e-3;
/// Served from the watch cache, a LIST is ~200× cheaper.
const WATCH_CACHE_FACTOR: f64 = 1.0 / 200.0;
/// Baseline control-plane demand (kubelets, controllers, CoreDNS watches), seats per node.
const BASE_SEATS_PER_NODE: f64 = 0.03;
/// Informers in a relist loop (kube-proxy, CNI, CoreDNS, controllers list cluster-wide
/// objects from every node): seats per node per node, so relist storms also grow ~N².
const RELIST_SEATS_PER_NODE2: f64 = 4.0e-4;
/// Bytes each listed object holds while a LIST is in flight.
const OBJECT_KB: f64 = 5.0;
/// Memory an API server can give to in-flight responses before it is OOM-killed.
const APISERVER_MEM_GB: f64 = 64.0;
/// Share of a relist's objects held in memory relative to a full pod LIST.
const RELIST_MEM_SHARE: f64 = 0.3;
const RESTART_S: f64 = 60.0;
/// A restarted replica's clients all relist at once: seat-seconds per node² per restart.
const STORM_FACTOR: f64 = 2.0;
const CRASH_RATE_PER_S: f64 = 1.0 / 20.0;
/// CoreDNS pods restart about once every 3 min when they cannot sync; a restarted pod
/// serves SERVFAIL until the API answers again.
const COREDNS_RESTART_S: f64 = 180.0;
const COREDNS_RESYNC_S: f64 = 40.0;
/// DaemonSet controller: 250 pods per sync, then 30–90 s image pulls.
const DS_PODS_PER_S: f64 = 250.0;
const IMAGE_PULL_S: f64 = 30.0;
const IMAGE_PULL_SPREAD_S: f64 = 60.0;
/// Deleting the agent: its pods are gone over ~3 min.
const AGENT_REMOVAL_S: f64 = 180.0;
const ALERT_AFTER_S: f64 = 60.0;
const DIAGNOSIS_S: f64 = 180.0;
const SHIFT_AFTER_ROOT_CAUSE_S: f64 = 660.0;
const SHIFT_RAMP_S: f64 = 1_200.0;
const BLOCK_DRAIN_S: f64 = 180.0;
const SCALE_DOWN_S: f64 = 900.0;
const SCALE_UP_S: f64 = 1_200.0;
const ADMIN_ATTEMPT_S: f64 = 60.0;
/// A cluster counts as recovered after this long healthy.
const HEALTHY_FOR_S: f64 = 300.0;
/// Customer-visible threshold on the fleet error rate.
pub const CUSTOMER_ERROR_THRESHOLD: f64 = 0.02;
/// Share of customer requests whose DNS lookup fans out to extra queries once caches are
/// empty (ndots:5 search list × A/AAAA); CoreDNS restarts relist endpoints: API load.
const LOOKUP_RETRY_S: f64 = 30.0;
const DNS_API_SEATS_PER_NODE: f64 = 0.01;

impl RetryPolicy {
    /// Extra offered load per failed request (retries in flight).
    fn amplification(self, fail: f64) -> f64 {
        match self {
            RetryPolicy::ClientGo => 3.0,
            RetryPolicy::Jittered => 2.5,
            // Each success earns 0.1 retry token: retries ≤ 10 % of successes.
            RetryPolicy::Budget => (0.1 * (1.0 - fail) / fail.max(1e-3)).min(3.0),
            RetryPolicy::None => 0.0,
        }
    }
    /// How hard relisting informers hammer the API (client-go relists fast and in sync).
    fn relist_factor(self, fail: f64) -> f64 {
        match self {
            RetryPolicy::ClientGo => 1.0,
            RetryPolicy::Jittered => 0.8,
            RetryPolicy::Budget => (0.1 * (1.0 - fail) / fail.max(1e-3)).min(1.0),
            RetryPolicy::None => 0.3,
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Stage {
    /// Not impacted, or impacted and waiting for a crew.
    Idle,
    /// A crew is shedding load to reach the API.
    Shedding,
    /// Fix landed; waiting for the agent's pods to go.
    Fixed,
    /// Readmitting traffic.
    Readmitting,
    Done,
}

struct Cluster {
    nodes: f64,
    staging: bool,
    land_s: Option<f64>,
    agent_cap: f64,
    agent: f64,
    /// Share of API server replicas up.
    up: f64,
    /// Share of informers stuck relisting.
    relisting: f64,
    /// Relist storm backlog (seat-seconds) after restarts.
    storm: f64,
    fail: f64,
    load_ratio: f64,
    coredns: f64,
    ring: Vec<f64>,
    ring_pos: usize,
    empty: f64,
    /// Share of non-admin traffic admitted (network block / readmission ramp).
    gate: f64,
    gate_target: f64,
    node_factor: f64,
    capacity_factor: f64,
    scale_down_at: Option<f64>,
    scale_up_at: Option<f64>,
    block_at: Option<f64>,
    impacted: bool,
    stage: Stage,
    fixed_at: Option<f64>,
    ramp_at: Option<f64>,
    ramp_from: f64,
    all_at_once: bool,
    healthy_since: Option<f64>,
    recovered: bool,
    overloaded_since: Option<f64>,
    admin_success: f64,
    jitter: f64,
    /// 1 / (DaemonSet creation + image-pull spread), seconds⁻¹.
    inv_ds_ramp: f64,
}

impl Cluster {
    fn cp_ok(&self) -> f64 {
        if self.up < 0.05 { 0.0 } else { 1.0 - self.fail }
    }
}

/// Run the whole incident for `p`. Pure and deterministic: same `Params`, same `Trace`.
pub fn simulate(p: &Params) -> Trace {
    let mut rng = Pcg32::seed_from_u64(p.seed);
    let retry = p.retry;
    let phased = p.rollout == Rollout::Phased;
    let window_s = p.rollout_min as f64 * 60.0;
    let start_s = -LARGE_FRAC * window_s;
    let t_begin = start_s - 300.0;
    let t_end = p.horizon as f64 * 60.0;
    let steps = ((t_end - t_begin) / DT_S).round() as usize;
    let ring_len = (p.ttl as f64 / DT_S).round() as usize;
    let per_obj = AGENT_COST_PER_OBJECT_S * p.cost * if p.watch_cache { WATCH_CACHE_FACTOR } else { 1.0 };

    let mut cl: Vec<Cluster> = FLEET
        .iter()
        .map(|d| {
            let nodes = fleet::nodes(d, p.agents);
            let land = if phased {
                start_s + d.wave as f64 * window_s / 3.0 * LARGE_FRAC - if d.staging { 180.0 } else { 0.0 }
            } else {
                start_s + d.fleet_frac * window_s
            };
            Cluster {
                nodes,
                staging: d.staging,
                land_s: Some(land),
                agent_cap: 1.0,
                agent: 0.0,
                up: 1.0,
                relisting: 0.0,
                storm: 0.0,
                fail: 0.0,
                load_ratio: 0.0,
                coredns: 1.0,
                ring: vec![1.0 / ring_len.max(1) as f64; ring_len],
                ring_pos: 0,
                empty: 0.0,
                gate: 1.0,
                gate_target: 1.0,
                node_factor: 1.0,
                capacity_factor: 1.0,
                scale_down_at: None,
                scale_up_at: None,
                block_at: None,
                impacted: false,
                stage: Stage::Idle,
                fixed_at: None,
                ramp_at: None,
                ramp_from: 0.0,
                all_at_once: p.recovery == Recovery::AllAtOnce,
                healthy_since: None,
                recovered: false,
                overloaded_since: None,
                admin_success: 1.0,
                jitter: 1.0,
                inv_ds_ramp: 1.0 / (IMAGE_PULL_SPREAD_S + nodes / DS_PODS_PER_S),
            }
        })
        .collect();
    let n = cl.len();
    let traffic_total: f64 = cl.iter().filter(|c| !c.staging).map(|c| c.nodes).sum();
    // Reciprocals hoisted out of the step loop: a multiply is several times cheaper than a divide.
    let inv_traffic = 1.0 / traffic_total;
    let per_obj_per_poll = per_obj / p.poll as f64;
    let nominal_seats = p.apiservers as f64 * p.seats as f64;
    let inv_storm_tau = if retry == RetryPolicy::ClientGo { 1.0 / 10.0 } else { 1.0 / 30.0 };

    let samples = steps / SAMPLE_EVERY + 1;
    let mut fleet_s = FleetSeries::default();
    let mut per: Vec<ClusterSeries> = (0..n).map(|_| ClusterSeries::default()).collect();
    for v in [
        &mut fleet_s.demand, &mut fleet_s.capacity, &mut fleet_s.api_success, &mut fleet_s.admin_success,
        &mut fleet_s.dns_health, &mut fleet_s.cache_valid, &mut fleet_s.user_error, &mut fleet_s.control_plane_ok,
    ] {
        v.reserve_exact(samples);
    }

    let mut events: Vec<Event> = Vec::new();
    let ev = |events: &mut Vec<Event>, kind: EventKind, t_s: f64, cluster: Option<usize>, detail: String| {
        events.push(Event { kind, t_min: t_s / 60.0, cluster, detail });
    };
    for iv in &p.interventions {
        ev(&mut events, EventKind::Intervention, iv.t_min * 60.0, None, iv.action.label().to_string());
    }
    let iv_at = |a: Action| p.interventions.iter().filter(|i| i.action == a).map(|i| i.t_min * 60.0).reduce(f64::min);
    let halt_iv = iv_at(Action::Halt);
    let break_glass_iv = iv_at(Action::BreakGlass);
    let fleet_levers = [(Action::Block, iv_at(Action::Block)), (Action::ScaleDown, iv_at(Action::ScaleDown)), (Action::ScaleUp, iv_at(Action::ScaleUp))];

    let mut halted_at: Option<f64> = None;
    let mut saturated_since: Option<f64> = None;
    let mut t_saturated: Option<f64> = None;
    let mut t_cp_down: Option<f64> = None;
    let mut t_alert: Option<f64> = None;
    let mut t_customer: Option<f64> = None;
    let mut t_shift: Option<f64> = None;
    let mut t_caches_empty: Option<f64> = None;
    let mut t_shedding: Option<f64> = None;
    let mut t_access: Option<f64> = None;
    let mut t_first_recovered: Option<f64> = None;
    let mut rollout_done = false;
    let mut next_attempt = 0.0_f64;
    let mut peak = (0.0_f64, None::<f64>);
    let large_land = 0.0;
    ev(&mut events, EventKind::RolloutStarted, start_s, None, String::new());

    for step in 0..=steps {
        let t = t_begin + step as f64 * DT_S;
        let root_cause = t_alert.map(|a| a + DIAGNOSIS_S);
        let break_glass = p.break_glass || break_glass_iv.is_some_and(|b| t >= b);

        // ---- Rollout and its gate ----
        if halted_at.is_none() && halt_iv.is_some_and(|h| t >= h) {
            halted_at = Some(t);
            ev(&mut events, EventKind::RolloutHalted, t, None, "halted by hand".into());
        }
        if phased && halted_at.is_none() {
            // The gate looks at control-plane health before each wave lands.
            let unhealthy = cl.iter().any(|c| c.land_s.is_some_and(|l| l <= t) && (c.fail > 0.01 || c.up < 0.99));
            let pending = cl.iter().any(|c| c.land_s.is_some_and(|l| l > t));
            if unhealthy && pending {
                halted_at = Some(t);
                ev(&mut events, EventKind::RolloutHalted, t, None, "control-plane health gate".into());
            }
        }
        if let Some(h) = halted_at {
            for c in cl.iter_mut() {
                if c.land_s.is_some_and(|l| l > h) {
                    c.land_s = None;
                }
            }
        }
        if !rollout_done && cl.iter().all(|c| c.land_s.is_none_or(|l| l <= t)) {
            rollout_done = true;
            if halted_at.is_none() {
                ev(&mut events, EventKind::RolloutFinished, t, None, String::new());
            }
        }
        if step > 0 && t - DT_S < large_land && t >= large_land && cl[1].land_s.is_some() {
            ev(&mut events, EventKind::AgentLands, large_land, Some(1), String::new());
        }

        // ---- Fleet-wide interventions ----
        for (action, at) in fleet_levers {
            if at.is_some_and(|a| t >= a && t - DT_S < a) {
                for c in cl.iter_mut().filter(|c| !c.staging && c.impacted && c.fixed_at.is_none()) {
                    apply_lever(c, action, t);
                }
            }
        }

        // ---- Traffic shift ----
        if t_shift.is_none() && p.shift > 0 {
            if let Some(rc) = root_cause {
                if t >= rc + SHIFT_AFTER_ROOT_CAUSE_S && cl.iter().any(|c| c.impacted && !c.recovered) {
                    t_shift = Some(t);
                    ev(&mut events, EventKind::TrafficShift, t, None, format!("up to {}% of impacted traffic", p.shift));
                }
            }
        }
        let shift_share = t_shift.map_or(0.0, |s| ((t - s) / SHIFT_RAMP_S).clamp(0.0, 1.0) * p.shift as f64 / 100.0);

        // ---- Crews: shed load, fix, readmit, one cluster per crew, largest first ----
        if let Some(rc) = root_cause {
            let shed_from = rc + p.remediate_after as f64 * 60.0;
            let busy = cl.iter().filter(|c| matches!(c.stage, Stage::Shedding | Stage::Fixed | Stage::Readmitting)).count();
            let mut free = (p.crews as usize).saturating_sub(busy);
            // FLEET is ordered largest production cluster first.
            for c in cl.iter_mut() {
                if free == 0 {
                    break;
                }
                if c.stage != Stage::Idle || !c.impacted || c.recovered {
                    continue;
                }
                if let Some(f) = c.fixed_at {
                    // Fixed outside a crew (break-glass, or access after a hand-made block). A
                    // blocked cluster needs readmitting; an unblocked one that has not come back
                    // within 5 min is held down by retries: drain it, then readmit.
                    let blocked = c.gate_target < 1.0;
                    if blocked || (t - f > 300.0 && c.cp_ok() < 0.9 && p.block_api) {
                        apply_lever(c, Action::Block, t);
                        c.stage = Stage::Fixed;
                        free -= 1;
                    }
                    continue;
                }
                if t >= shed_from && (p.block_api || p.scale_down || p.scale_up) {
                    if t_shedding.is_none() {
                        t_shedding = Some(t);
                        ev(&mut events, EventKind::LoadShedding, t, None, String::new());
                    }
                    if p.block_api {
                        apply_lever(c, Action::Block, t);
                    }
                    if p.scale_down {
                        apply_lever(c, Action::ScaleDown, t);
                    }
                    if p.scale_up {
                        apply_lever(c, Action::ScaleUp, t);
                    }
                    c.stage = Stage::Shedding;
                    free -= 1;
                }
            }
        }

        // ---- Admin attempts: the fix is one successful write per cluster ----
        let attempt_now = root_cause.is_some_and(|rc| t >= rc) && t >= next_attempt;
        if attempt_now {
            next_attempt = t + ADMIN_ATTEMPT_S;
        }
        for (i, c) in cl.iter_mut().enumerate() {
            if !attempt_now {
                break;
            }
            // Drawn for every cluster at every attempt, so one cluster's fate does not shift
            // the random stream of the others.
            let u: f64 = rng.random();
            if !c.impacted || c.fixed_at.is_some() {
                continue;
            }
            let ok = if break_glass { c.up } else { c.admin_success };
            if u < ok {
                c.fixed_at = Some(t);
                if t_access.is_none() {
                    t_access = Some(t);
                    ev(&mut events, EventKind::AccessRegained, t, Some(i), FLEET[i].name.into());
                }
                if c.stage == Stage::Shedding {
                    c.stage = Stage::Fixed;
                }
            }
        }

        // ---- Physics, cluster by cluster ----
        let mut any_saturated = false;
        for (i, c) in cl.iter_mut().enumerate() {
            // Load jitter, redrawn once a minute per cluster (agents' polls drift in phase).
            if step % 6 == 0 {
                c.jitter = 1.0 + 0.06 * (rng.random::<f64>() - 0.5);
            }
            let jitter = c.jitter;
            // Agent pods: DaemonSet ramp up, removal after the fix.
            let mut agent = 0.0;
            if let Some(l) = c.land_s {
                if t >= l {
                    agent = ((t - l - IMAGE_PULL_S) * c.inv_ds_ramp).clamp(0.0, 1.0);
                }
            }
            if let Some(f) = c.fixed_at {
                c.agent_cap = (1.0 - (t - f) * (1.0 / AGENT_REMOVAL_S)).clamp(0.0, 1.0);
            }
            agent = agent.min(c.agent_cap);
            c.agent = agent;

            // Levers ramp in.
            if let Some(s) = c.scale_down_at {
                c.node_factor = 1.0 - 0.5 * ((t - s) * (1.0 / SCALE_DOWN_S)).clamp(0.0, 1.0);
            }
            if let Some(s) = c.scale_up_at {
                c.capacity_factor = 1.0 + ((t - s - SCALE_UP_S / 2.0) * (2.0 / SCALE_UP_S)).clamp(0.0, 1.0);
            }
            let step_gate = DT_S * (1.0 / BLOCK_DRAIN_S);
            let gate_before = c.gate;
            if c.gate > c.gate_target {
                c.gate = (c.gate - step_gate).max(c.gate_target);
            } else if c.gate < c.gate_target {
                c.gate = c.gate_target;
            }
            admit(c, gate_before);

            let nodes = c.nodes * c.node_factor;
            let objects = nodes * p.pods as f64;
            let agent_seats = agent * nodes * objects * per_obj_per_poll * jitter;
            let base_seats = nodes * BASE_SEATS_PER_NODE;
            let fail_prev = c.fail;
            let relist_seats = c.relisting * nodes * nodes * RELIST_SEATS_PER_NODE2 * retry.relist_factor(fail_prev);
            let storm_seats = c.storm * inv_storm_tau * retry.relist_factor(fail_prev);
            c.storm -= c.storm * (DT_S * inv_storm_tau).min(1.0);
            let dns_seats = c.empty * nodes * DNS_API_SEATS_PER_NODE;
            let offered = (agent_seats + base_seats + storm_seats + dns_seats) * c.gate + relist_seats;
            let total = offered * (1.0 + retry.amplification(fail_prev) * fail_prev);
            let capacity = p.apiservers as f64 * p.seats as f64 * c.capacity_factor * c.up;
            let served_share = if total <= 0.0 { 1.0 } else { (capacity / total).min(1.0) };
            c.fail = 1.0 - served_share;
            c.load_ratio = total / (nominal_seats * c.capacity_factor);

            // Memory: in-flight LISTs hold their objects; past the limit, replicas OOM.
            let list_seats = (agent_seats * c.gate + (relist_seats + storm_seats * c.gate) * RELIST_MEM_SHARE) * served_share;
            let replicas_up = (p.apiservers as f64 * c.capacity_factor * c.up).max(1e-9);
            let pressure = list_seats / replicas_up * objects * (OBJECT_KB * 1e-6 / APISERVER_MEM_GB);
            // Share of up replicas crashing this step; x/(1+x) keeps a large step stable.
            let x = (pressure - 1.0).clamp(0.0, 2.0) * (CRASH_RATE_PER_S * DT_S);
            let crash = x / (1.0 + x);
            let restarted = (1.0 - c.up) * (DT_S / RESTART_S);
            c.up = (c.up - c.up * crash + restarted).clamp(0.0, 1.0);
            // Alerts watch 429s and API server restarts alike.
            if !c.staging && (c.fail > 0.01 || c.up < 0.99) {
                any_saturated = true;
            }
            // Every restart makes its clients relist at once.
            c.storm += restarted * nodes * nodes * RELIST_SEATS_PER_NODE2 * STORM_FACTOR;

            // Admitted informers fall into relist loops while requests fail and heal when a
            // relist succeeds. (`relisting` counts only admitted clients: blocked ones wait.)
            // Clients fail over between replicas: what counts is the share served.
            let ok = 1.0 - c.fail;
            c.relisting += (1.0 - ok) * (c.gate - c.relisting) * (DT_S / 30.0) - ok * c.relisting * (DT_S / 20.0);
            c.relisting = c.relisting.clamp(0.0, c.gate);

            // Admin requests: a default priority level only wins seats near capacity.
            let s = served_share;
            let s2 = s * s;
            c.admin_success = c.up * (s2 * s2) * (s2 * s2);

            // CoreDNS: keeps serving while it can sync; restarted pods fail until the API answers.
            // A restarted CoreDNS pod needs full LISTs of services and endpoints to serve again.
            let sync = s * c.gate;
            let sync = sync * sync;
            c.coredns += (1.0 - c.coredns) * sync * (DT_S / COREDNS_RESYNC_S) - c.coredns * (1.0 - sync) * (DT_S / COREDNS_RESTART_S);
            c.coredns = c.coredns.clamp(0.0, 1.0);

            // Client DNS caches: entries expire on a ring spread evenly over the TTL.
            let h = c.coredns;
            if c.ring.is_empty() {
                c.empty = 1.0 - h;
            } else {
                let m = c.ring[c.ring_pos];
                let refreshed = m * h;
                c.empty += m - refreshed;
                // A client without an entry retries its lookup every ~30 s (resolver timeouts
                // across the search list), not on every request.
                let back = c.empty * h * (DT_S / LOOKUP_RETRY_S);
                c.empty -= back;
                c.ring[c.ring_pos] = refreshed + back;
                c.ring_pos += 1;
                if c.ring_pos == c.ring.len() {
                    c.ring_pos = 0;
                }
            }
            c.empty = c.empty.clamp(0.0, 1.0);

            // Impact and the crew pipeline.
            if !c.staging && c.cp_ok() < 0.5 && !c.impacted {
                c.impacted = true;
                c.recovered = false;
                if t_cp_down.is_none() {
                    t_cp_down = Some(t);
                    ev(&mut events, EventKind::ControlPlaneDown, t, Some(i), FLEET[i].name.into());
                }
            }
            if c.stage == Stage::Fixed && c.agent <= 0.0 && c.gate <= c.gate_target + 1e-9 {
                c.stage = Stage::Readmitting;
                c.ramp_at = Some(t);
                c.ramp_from = c.gate;
            }
            if c.stage == Stage::Readmitting {
                if c.all_at_once {
                    let before = c.gate;
                    c.gate_target = 1.0;
                    c.gate = 1.0;
                    admit(c, before);
                    // Herd: everything reconnects and relists at once. If that re-overloads the
                    // cluster for a few minutes, the crew blocks again and ramps instead.
                    if c.cp_ok() < 0.5 {
                        let since = *c.overloaded_since.get_or_insert(t);
                        if t - since > 180.0 {
                            c.all_at_once = false;
                            c.gate_target = 0.0;
                            c.stage = Stage::Fixed;
                            c.overloaded_since = None;
                        }
                    } else {
                        c.overloaded_since = None;
                    }
                } else if let Some(r) = c.ramp_at {
                    // Rate-limited readmission that backs off while the API pushes back.
                    if c.fail > 0.05 {
                        c.ramp_at = Some((r + 3.0 * DT_S).min(t));
                    }
                    let r = c.ramp_at.unwrap_or(r);
                    let g = c.ramp_from + (1.0 - c.ramp_from) * ((t - r) / (p.ramp_min as f64 * 60.0)).clamp(0.0, 1.0);
                    let before = c.gate;
                    c.gate_target = g;
                    c.gate = g;
                    admit(c, before);
                }
            }

            let healthy = c.cp_ok() > 0.95 && c.empty < 0.01 && c.gate >= 1.0 && c.agent <= 0.0;
            if c.impacted && !c.recovered {
                if healthy {
                    let since = *c.healthy_since.get_or_insert(t);
                    if t - since >= HEALTHY_FOR_S {
                        c.recovered = true;
                        c.stage = Stage::Done;
                        if t_first_recovered.is_none() {
                            t_first_recovered = Some(t);
                            ev(&mut events, EventKind::FirstClusterRecovered, t, Some(i), FLEET[i].name.into());
                        } else {
                            ev(&mut events, EventKind::ClusterRecovered, t, Some(i), FLEET[i].name.into());
                        }
                    }
                } else {
                    c.healthy_since = None;
                }
            }
        }

        // ---- Detection ----
        if any_saturated {
            if t_saturated.is_none() {
                t_saturated = Some(t);
                ev(&mut events, EventKind::ApiSaturated, t, None, String::new());
            }
            let since = *saturated_since.get_or_insert(t);
            if t_alert.is_none() && t - since >= ALERT_AFTER_S {
                t_alert = Some(t);
                ev(&mut events, EventKind::FirstAlert, t, None, String::new());
                ev(&mut events, EventKind::RootCauseKnown, t + DIAGNOSIS_S, None, String::new());
            }
        } else {
            saturated_since = None;
        }

        // ---- Fleet aggregates ----
        let mut user_err = 0.0;
        let (mut demand, mut capacity, mut served, mut dns, mut valid, mut cp_ok_n) = (0.0, 0.0, 0.0, 0.0, 0.0, 0.0);
        let mut admin = 1.0_f64;
        let mut impacted_valid = (0.0, 0.0);
        for c in cl.iter().filter(|c| !c.staging) {
            let w = c.nodes * inv_traffic;
            let stay = if c.impacted && !c.recovered { 1.0 - shift_share } else { 1.0 };
            user_err += w * stay * c.empty;
            let cap = nominal_seats * c.capacity_factor * c.up;
            demand += c.load_ratio * nominal_seats * c.capacity_factor;
            capacity += cap;
            served += w * (1.0 - c.fail);
            dns += w * c.coredns;
            valid += w * (1.0 - c.empty);
            if c.cp_ok() >= 0.5 {
                cp_ok_n += w;
            }
            if c.impacted && c.fixed_at.is_none() {
                admin = admin.min(if break_glass { c.up } else { c.admin_success });
            }
            if c.impacted {
                impacted_valid.0 += w * (1.0 - c.empty);
                impacted_valid.1 += w;
            }
        }
        if t_customer.is_none() && user_err > CUSTOMER_ERROR_THRESHOLD {
            t_customer = Some(t);
            ev(&mut events, EventKind::FirstCustomerErrors, t, None, String::new());
        }
        if t_caches_empty.is_none() && impacted_valid.1 > 0.0 && impacted_valid.0 / impacted_valid.1 < 0.05 {
            t_caches_empty = Some(t);
            ev(&mut events, EventKind::DnsCachesEmpty, t, None, String::new());
        }
        if user_err > peak.0 + 1e-4 {
            peak = (user_err, Some(t));
        }

        if step % SAMPLE_EVERY == 0 {
            fleet_s.demand.push(demand as f32);
            fleet_s.capacity.push(capacity as f32);
            fleet_s.api_success.push(served as f32);
            fleet_s.admin_success.push(admin as f32);
            fleet_s.dns_health.push(dns as f32);
            fleet_s.cache_valid.push(valid as f32);
            fleet_s.user_error.push(user_err as f32);
            fleet_s.control_plane_ok.push(cp_ok_n.min(1.0) as f32);
            for (c, s) in cl.iter().zip(per.iter_mut()) {
                s.load.push(c.load_ratio as f32);
                s.apiserver_up.push(c.up as f32);
                s.rejected.push(c.fail as f32);
                s.dns_health.push(c.coredns as f32);
                s.cache_valid.push((1.0 - c.empty) as f32);
                s.error.push(c.empty as f32);
                s.agent.push(c.agent as f32);
                s.state.push(state_of(c));
            }
        }
    }

    if let Some(pt) = peak.1.filter(|_| peak.0 > CUSTOMER_ERROR_THRESHOLD) {
        ev(&mut events, EventKind::PeakImpact, pt, None, format!("{:.0}% of requests failing", peak.0 * 100.0));
    }
    let impacted: Vec<&Cluster> = cl.iter().filter(|c| c.impacted).collect();
    let fix_all = if !impacted.is_empty() && impacted.iter().all(|c| c.fixed_at.is_some()) {
        impacted.iter().filter_map(|c| c.fixed_at).reduce(f64::max)
    } else {
        None
    };
    if let Some(f) = fix_all {
        ev(&mut events, EventKind::FixLanded, f, None, String::new());
    }
    let all_rec = if !impacted.is_empty() && impacted.iter().all(|c| c.recovered) {
        events.iter().filter(|e| matches!(e.kind, EventKind::FirstClusterRecovered | EventKind::ClusterRecovered)).map(|e| e.t_min).reduce(f64::max)
    } else {
        None
    };
    if let Some(a) = all_rec {
        events.push(Event { kind: EventKind::AllRecovered, t_min: a, cluster: None, detail: String::new() });
    }
    events.sort_by(|a, b| a.t_min.total_cmp(&b.t_min).then(a.kind.cmp(&b.kind)));

    let m = |x: Option<f64>| x.map(|s| s / 60.0);
    let summary = Summary {
        control_plane_down_min: m(t_cp_down),
        first_alert_min: m(t_alert),
        first_customer_errors_min: m(t_customer),
        peak_impact_min: m(peak.1.filter(|_| peak.0 > CUSTOMER_ERROR_THRESHOLD)),
        access_regained_min: m(t_access),
        fix_landed_min: m(fix_all),
        first_cluster_recovered_min: m(t_first_recovered),
        all_recovered_min: all_rec,
        peak_error_rate: peak.0,
        detection_lead_min: match (t_alert, t_customer) {
            (Some(a), Some(c)) => Some((c - a) / 60.0),
            _ => None,
        },
        impacted_clusters: impacted.len() as u32,
    };

    Trace {
        t0_min: t_begin / 60.0,
        dt_min: DT_S * SAMPLE_EVERY as f64 / 60.0,
        len: fleet_s.user_error.len(),
        clusters: FLEET
            .iter()
            .zip(&cl)
            .map(|(d, c)| ClusterInfo { name: d.name.into(), nodes: c.nodes as u32, staging: d.staging })
            .collect(),
        fleet: fleet_s,
        per_cluster: per,
        events,
        summary,
    }
}

/// Clients let back in arrive with broken watches and must relist; clients shut out leave.
fn admit(c: &mut Cluster, gate_before: f64) {
    if c.gate > gate_before {
        c.relisting += c.gate - gate_before;
    } else if gate_before > 0.0 {
        c.relisting *= c.gate / gate_before;
    }
}

fn apply_lever(c: &mut Cluster, action: Action, t: f64) {
    match action {
        Action::Block => {
            if c.block_at.is_none() {
                c.block_at = Some(t);
                c.gate_target = 0.0;
            }
        }
        Action::ScaleDown => {
            c.scale_down_at.get_or_insert(t);
        }
        Action::ScaleUp => {
            c.scale_up_at.get_or_insert(t);
        }
        Action::BreakGlass | Action::Halt => {}
    }
}

fn state_of(c: &Cluster) -> ClusterState {
    if c.recovered {
        ClusterState::Recovered
    } else if c.impacted && matches!(c.stage, Stage::Readmitting | Stage::Fixed) && c.agent <= 0.0 {
        ClusterState::Recovering
    } else if c.impacted || c.cp_ok() < 0.8 {
        if c.empty > 0.02 { ClusterState::Failing } else { ClusterState::Stale }
    } else if c.agent > 0.0 {
        ClusterState::AgentRunning
    } else {
        ClusterState::Healthy
    }
}
