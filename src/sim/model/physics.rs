//! One cluster's mechanisms for one step, one function per row of ARCHITECTURE.md's
//! "The model, mechanism by mechanism". `step` runs them in order; the order and every float
//! operation inside are pinned by the golden checksums.

use super::constants::*;
use super::world::{ApiServers, Cluster};
use super::{Now, Run};
use crate::sim::params::RetryPolicy;
use rand::RngExt;
use rand_pcg::Pcg32;

pub(super) fn step(c: &mut Cluster, run: &Run, rng: &mut Pcg32, now: Now) {
    if now.step.is_multiple_of(JITTER_EVERY_STEPS) {
        c.api.jitter = 1.0 + JITTER_SPAN * (rng.random::<f64>() - 0.5);
    }
    agent_pods(c, now.t);
    levers_ramp(c, now.t);
    let load = api_load(c, run);
    oom_and_restarts(c, &load);
    informers(c);
    admin_access(c, load.served_share);
    coredns(c, load.served_share, run.coredns_decay);
    if c.spec.serve_stale {
        dns_serve_stale(c);
    } else {
        dns_caches(c);
    }
}

/// DaemonSet on every node: pods start over `nodes / 250` s plus image pulls once the rollout
/// reaches the cluster, and go over `AGENT_REMOVAL_S` once the fix lands.
fn agent_pods(c: &mut Cluster, t: f64) {
    let started = match c.agent.land_s {
        Some(l) if t >= l => ((t - l - IMAGE_PULL_S) * c.spec.inv_ds_ramp).clamp(0.0, 1.0),
        _ => 0.0,
    };
    if let Some(f) = c.crew.fixed_at {
        c.agent.cap = (1.0 - (t - f) * (1.0 / AGENT_REMOVAL_S)).clamp(0.0, 1.0);
    }
    c.agent.share = started.min(c.agent.cap);
}

/// Levers ramp in: nodes halve, new API servers come up, a network block drains the gate.
fn levers_ramp(c: &mut Cluster, t: f64) {
    let l = &mut c.levers;
    if let Some(s) = l.scale_down_at {
        l.node_factor = 1.0 - SCALE_DOWN_SHARE * ((t - s) * (1.0 / SCALE_DOWN_S)).clamp(0.0, 1.0);
    }
    if let Some(s) = l.scale_up_at {
        l.capacity_factor = 1.0 + ((t - s - SCALE_UP_S / 2.0) * (2.0 / SCALE_UP_S)).clamp(0.0, 1.0);
    }
    let gate_before = l.gate;
    if l.gate > l.gate_target {
        l.gate = (l.gate - DT_S * (1.0 / BLOCK_DRAIN_S)).max(l.gate_target);
    } else if l.gate < l.gate_target {
        l.gate = l.gate_target;
    }
    admit(&mut c.api, c.levers.gate, gate_before);
}

/// Clients let back in arrive with broken watches and must relist; clients shut out leave.
pub(super) fn admit(api: &mut ApiServers, gate: f64, gate_before: f64) {
    if gate > gate_before {
        api.relisting += gate - gate_before;
    } else if gate_before > 0.0 {
        api.relisting *= gate / gate_before;
    }
}

/// This step's API load, as the memory model needs it.
struct Load {
    nodes: f64,
    objects: f64,
    agent_seats: f64,
    relist_seats: f64,
    storm_seats: f64,
    served_share: f64,
}

/// Per-node cost × node count (load ~ N²), relists, storms and DNS load, amplified by retries,
/// against replicas × seats: APF serves what fits and rejects the rest with 429.
fn api_load(c: &mut Cluster, run: &Run) -> Load {
    let retry = run.retry;
    let nodes = c.spec.nodes * c.levers.node_factor;
    let objects = nodes * c.spec.pods;
    let api = &mut c.api;
    let agent_seats = c.agent.share * nodes * objects * c.spec.per_obj_per_poll * api.jitter;
    let base_seats = nodes * BASE_SEATS_PER_NODE;
    let fail_prev = api.fail;
    let relist_seats = api.relisting * nodes * nodes * RELIST_SEATS_PER_NODE2 * retry.relist_factor(fail_prev);
    let storm_seats = api.storm * run.inv_storm_tau * retry.relist_factor(fail_prev);
    api.storm -= api.storm * (DT_S * run.inv_storm_tau).min(1.0);
    api.storm_seats = storm_seats;
    let dns_seats = c.dns.cache.empty * nodes * DNS_API_SEATS_PER_NODE;
    let gate = c.levers.gate;
    let offered = (agent_seats + base_seats + storm_seats + dns_seats) * gate + relist_seats;
    let total = offered * (1.0 + retry.amplification(fail_prev) * fail_prev);
    let capacity = c.spec.nominal_seats * c.levers.capacity_factor * api.up;
    let served_share = if total <= 0.0 { 1.0 } else { (capacity / total).min(1.0) };
    api.fail = 1.0 - served_share;
    api.load_ratio = total / (c.spec.nominal_seats * c.levers.capacity_factor);
    Load { nodes, objects, agent_seats, relist_seats, storm_seats, served_share }
}

/// APF protects CPU, not memory: in-flight LISTs hold their objects; past the limit replicas
/// are OOM-killed, come back after `RESTART_S`, and every restart makes its clients relist.
fn oom_and_restarts(c: &mut Cluster, load: &Load) {
    let gate = c.levers.gate;
    let api = &mut c.api;
    let list_seats = (load.agent_seats * gate * c.spec.held_share + (load.relist_seats + load.storm_seats * gate) * RELIST_MEM_SHARE) * load.served_share;
    let replicas_up = (c.spec.apiservers * c.levers.capacity_factor * api.up).max(1e-9);
    let pressure = list_seats / replicas_up * load.objects * c.spec.obj_mem_share;
    // Share of up replicas crashing this step; x/(1+x) keeps a large step stable.
    let x = (pressure - 1.0).clamp(0.0, MAX_OVER_PRESSURE) * (CRASH_RATE_PER_S * DT_S);
    let crash = x / (1.0 + x);
    let restarted = (1.0 - api.up) * (DT_S / RESTART_S);
    api.up = (api.up - api.up * crash + restarted).clamp(0.0, 1.0);
    api.storm += restarted * load.nodes * load.nodes * RELIST_SEATS_PER_NODE2 * STORM_FACTOR;
}

/// Admitted informers fall into relist loops while requests fail and heal when a relist
/// succeeds. (`relisting` counts only admitted clients: blocked ones wait.) Clients fail over
/// between replicas: what counts is the share served.
fn informers(c: &mut Cluster) {
    let gate = c.levers.gate;
    let api = &mut c.api;
    let ok = 1.0 - api.fail;
    api.relisting += (1.0 - ok) * (gate - api.relisting) * (DT_S / RELIST_FALL_S) - ok * api.relisting * (DT_S / RELIST_HEAL_S);
    api.relisting = api.relisting.clamp(0.0, gate);
}

/// Engineers' kubectl sits in a default priority level, which only wins seats near capacity:
/// success = replicas up × served share⁸.
fn admin_access(c: &mut Cluster, served_share: f64) {
    let s2 = served_share * served_share;
    c.api.admin_success = c.api.up * (s2 * s2) * (s2 * s2);
}

/// CoreDNS keeps serving while it can sync; its pods restart every few minutes when it cannot,
/// and a restarted pod needs full LISTs of services and endpoints to serve again.
fn coredns(c: &mut Cluster, served_share: f64, decay: f64) {
    let sync = served_share * c.levers.gate;
    let sync = sync * sync;
    let d = &mut c.dns;
    d.coredns += (1.0 - d.coredns) * sync * (DT_S / COREDNS_RESYNC_S) - d.coredns * (1.0 - sync) * decay;
    d.coredns = d.coredns.clamp(0.0, 1.0);
}

/// Client DNS caches hide the failure for about a TTL: each step one phase of the ring expires
/// and refreshes only if CoreDNS answers; clients with no entry retry every `LOOKUP_RETRY_S`.
fn dns_caches(c: &mut Cluster) {
    let h = c.dns.coredns;
    let cache = &mut c.dns.cache;
    if cache.ring.is_empty() {
        cache.empty = 1.0 - h;
    } else {
        let m = cache.ring[cache.pos];
        let refreshed = m * h;
        cache.empty += m - refreshed;
        let back = cache.empty * h * (DT_S / LOOKUP_RETRY_S);
        cache.empty -= back;
        cache.ring[cache.pos] = refreshed + back;
        cache.pos = (cache.pos + 1) % cache.ring.len();
    }
    cache.empty = cache.empty.clamp(0.0, 1.0);
}

/// Serve-stale (RFC 8767): caches keep answering with the last known record when CoreDNS
/// cannot refresh it, so an answer is lost only when its endpoints really changed (churn while
/// CoreDNS is out of sync); a client with a wrong answer gets a fresh one once CoreDNS answers.
fn dns_serve_stale(c: &mut Cluster) {
    let h = c.dns.coredns;
    let cache = &mut c.dns.cache;
    cache.empty += (1.0 - cache.empty) * (1.0 - h) * (DT_S * ENDPOINT_CHURN_PER_S);
    cache.empty -= cache.empty * h * (DT_S / LOOKUP_RETRY_S);
    cache.empty = cache.empty.clamp(0.0, 1.0);
}

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
