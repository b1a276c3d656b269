//! One cluster's mechanisms for one step, one function per row of ARCHITECTURE.md's
//! "The model, mechanism by mechanism". `step` runs them in order; the order and every float
//! operation inside are pinned by the golden checksums.

use super::apiserver::{gc_factor, level_limits, timed_out, width, Class, Clients};
use super::constants::*;
use super::constants::{Level, LEVELS};
use super::world::{ApiServers, Cluster};
use super::{Now, Run};
use crate::sim::params::RetryPolicy;
use rand::RngExt;
use rand_pcg::Pcg32;

pub(super) fn step(c: &mut Cluster, run: &Run, rng: &mut Pcg32, now: Now, scratch: &mut Scratch) {
    if now.step.is_multiple_of(JITTER_EVERY_STEPS) {
        c.api.jitter = 1.0 + JITTER_SPAN * (rng.random::<f64>() - 0.5);
    }
    agent_pods(c, now.t);
    levers_ramp(c, now.t);
    let served = serve(c, run, scratch);
    oom_and_restarts(c, &served);
    informers(c, &served);
    coredns(c, run.coredns_decay);
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
    if c.crew.fixed_at.is_some_and(|f| t > f) {
        let gc_in_sync = 1.0 - c.relisting_of(Role::ControllerManager);
        c.agent.cap = (c.agent.cap - DT_S * (1.0 / AGENT_REMOVAL_S) * gc_in_sync).clamp(0.0, 1.0);
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
/// Shut out for minutes, their resourceVersions expired: they relist consistently (410 Gone).
pub(super) fn admit(api: &mut ApiServers, gate: f64, gate_before: f64) {
    for (r, s) in api.relisting.iter_mut().zip(api.stale.iter_mut()) {
        if gate > gate_before {
            *s += gate - gate_before;
        } else if gate_before > 0.0 {
            *r *= gate / gate_before;
            *s *= gate / gate_before;
        }
    }
}

/// What this step's serving leaves for the memory and informer mechanisms.
struct Served {
    /// Share of up replicas' memory limit held, per replica, on average …
    memory: f64,
    /// … and how far that swings as LISTs come and go, as a share of the limit (one standard
    /// deviation: in-flight requests arrive at random, so a class with n in flight swings by √n
    /// of its responses).
    memory_sd: f64,
    /// Per standing informer, a relisting client's successful LISTs per second, from the watch
    /// cache and as consistent reads.
    relist_ok_rate: [f64; STANDING_N],
    stale_ok_rate: [f64; STANDING_N],
    /// Per unsynced agent informer, successful LISTs per second.
    agent_ok_rate: f64,
}

/// One class's numbers this step.
#[derive(Clone, Copy, Default)]
struct Flow {
    level: usize,
    /// Requests per second offered.
    rate: f64,
    /// Seconds each takes now (unloaded CPU × slowdown).
    latency: f64,
    cpu: f64,
    held: f64,
    width: f64,
    /// Clients that issue it (for informers: those needing a LIST).
    clients: f64,
    who: Who,
    /// What it is: a poll, an informer's LIST (the agent's, or standing informer `i`'s), a write.
    kind: FlowKind,
}

/// Whose clients a flow's are: the agent's, or the cluster's own (kubelets, controllers,
/// CoreDNS, writes, DNS reads), whose failures the cluster feels.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
enum Who {
    #[default]
    Agent,
    Own,
}

#[derive(Clone, Copy, Default, PartialEq)]
enum FlowKind {
    #[default]
    Other,
    AgentInformer,
    Standing(usize),
    Stale(usize),
}

/// The most flows a step can have: every agent call, every standing informer, writes and DNS.
const MAX_FLOWS: usize = crate::sim::agent::MAX_CALLS + 2 * STANDING_N + 2;

/// This step's flows with a non-zero rate, in a fixed order: the agent's calls, the standing
/// informers' relists, the steady lease/status writes, the DNS-driven reads. One buffer for the
/// whole run (`World` owns it), so a step allocates nothing.
pub(super) struct Scratch(Vec<Flow>);

impl Scratch {
    pub fn new() -> Scratch {
        Scratch(Vec::with_capacity(MAX_FLOWS))
    }
    fn push(&mut self, f: Flow) {
        if f.rate > 0.0 {
            self.0.push(f);
        }
    }
}

fn flows(c: &Cluster, run: &Run, out: &mut Scratch) {
    out.0.clear();
    let nf = c.levers.node_factor;
    let nodes = c.spec.nodes * nf;
    let gate = c.levers.gate;
    let api = &c.api;
    let sigma = api.slowdown;
    let retry = run.retry;
    let backoff = |fail: f64| (RELIST_BACKOFF_MIN_S + (RELIST_BACKOFF_MAX_S - RELIST_BACKOFF_MIN_S) * fail) / retry.relist_factor(fail).max(1e-3);
    let list_seats = c.spec.list_seats;
    let count_of = |k: &Class| match k.clients {
        Clients::PerNode => nodes,
        Clients::Fixed(n) => n,
    };
    let flow = |k: &Class, clients: f64, rate: f64, cpu: f64, who: Who, kind: FlowKind| Flow {
        level: k.level as usize,
        rate,
        latency: cpu * sigma,
        cpu,
        held: k.held_gb.at(nf),
        width: if nf == 1.0 { k.width_full } else { width(k.objects.at(nf), list_seats) },
        clients,
        who,
        kind,
    };
    if c.agent.share > 0.0 && gate > 0.0 {
        let amp_agent = 1.0 + retry.amplification(api.agent_felt) * api.agent_felt;
        for k in &c.spec.agent {
            let cpu = k.cpu_s.at(nf);
            let latency = cpu * sigma;
            if k.watch {
                let unsynced = (c.agent.share - api.agent_synced).max(0.0) * count_of(k);
                let rate = unsynced * k.count * c.agent.rate_x / (latency + backoff(api.agent_felt));
                out.push(flow(k, unsynced, rate * gate, cpu, Who::Agent, FlowKind::AgentInformer));
            } else {
                let present = count_of(k) * c.agent.share;
                let rate = k.poll_rate(present, latency, api.jitter, amp_agent) * c.agent.rate_x;
                out.push(flow(k, present, rate * gate, cpu, Who::Agent, FlowKind::Other));
            }
        }
    }
    let more = run.p.informers_x;
    for (i, k) in c.spec.standing.iter().enumerate() {
        if api.relisting[i] > 0.0 {
            let cpu = k.cpu_s.at(nf);
            let clients = count_of(k) * more * api.relisting[i];
            out.push(flow(k, clients, clients / (cpu * sigma + backoff(api.felt)), cpu, Who::Own, FlowKind::Standing(i)));
        }
        if let (true, Some(e)) = (api.stale[i] > 0.0, &k.consistent) {
            let cpu = e.cpu_s.at(nf);
            let clients = count_of(e) * more * api.stale[i];
            out.push(flow(e, clients, clients / (cpu * sigma + backoff(api.felt)), cpu, Who::Own, FlowKind::Stale(i)));
        }
    }
    let amp_own = 1.0 + retry.amplification(api.felt) * api.felt;
    let writes = nodes * BASE_REQUESTS_PER_NODE_S * amp_own * gate;
    out.push(Flow {
        level: Level::NodeHigh as usize,
        rate: writes,
        latency: WRITE_CPU_S * sigma,
        cpu: WRITE_CPU_S,
        width: 1.0,
        clients: nodes,
        who: Who::Own,
        ..Flow::default()
    });
    let dns = c.dns.cache.empty * nodes * DNS_REQUESTS_PER_NODE_S * amp_own * gate;
    out.push(Flow {
        level: Level::WorkloadHigh as usize,
        rate: dns,
        latency: REQUEST_CPU_S * sigma,
        cpu: REQUEST_CPU_S,
        width: 1.0,
        clients: nodes,
        who: Who::Own,
        ..Flow::default()
    });
}

/// What this step's flows add up to once APF has admitted its shares.
#[derive(Default)]
struct Tally {
    offered: f64,
    admitted: f64,
    held: f64,
    held_var: f64,
    relist_cpu: f64,
    own_rate: f64,
    own_fail: f64,
    agent_rate: f64,
    agent_fail: f64,
    agent_clients: f64,
    agent_ok: f64,
    relist_ok_rate: [f64; STANDING_N],
    stale_ok_rate: [f64; STANDING_N],
}

/// APF: each level's share of its demand that its seats (with borrowing) admit; with no
/// replica up, nothing is admitted.
fn admit_shares(fl: &Scratch, replicas: f64, seats: f64) -> [f64; LEVELS] {
    let mut need = [0.0; LEVELS];
    for k in fl.0.iter() {
        need[k.level] += k.rate * k.latency * k.width;
    }
    let limit = level_limits(replicas * seats, &need);
    std::array::from_fn(|l| {
        if need[l] > 0.0 {
            (limit[l] / need[l]).min(1.0)
        } else if replicas > 1e-9 {
            1.0
        } else {
            0.0
        }
    })
}

/// Every flow's CPU, memory held in flight and failures (429 or timeout), summed.
fn tally(fl: &Scratch, admit: &[f64; LEVELS]) -> Tally {
    let mut t = Tally::default();
    for k in fl.0.iter() {
        let a = admit[k.level];
        let fail = 1.0 - a * (1.0 - timed_out(k.latency));
        t.offered += k.rate * k.cpu;
        t.admitted += a * k.rate * k.cpu;
        t.held += a * k.rate * k.latency * k.held;
        t.held_var += a * k.rate * k.latency * k.held * k.held;
        if k.who == Who::Own {
            t.own_rate += k.rate;
            t.own_fail += k.rate * fail;
        } else {
            t.agent_rate += k.rate;
            t.agent_fail += k.rate * fail;
        }
        match k.kind {
            FlowKind::Standing(i) => {
                t.relist_cpu += k.rate * k.cpu;
                // Per relisting client: one LIST per latency + backoff, succeeding 1 − fail.
                t.relist_ok_rate[i] = k.rate * (1.0 - fail) / k.clients;
            }
            FlowKind::Stale(i) => {
                t.relist_cpu += k.rate * k.cpu;
                t.stale_ok_rate[i] = k.rate * (1.0 - fail) / k.clients;
            }
            FlowKind::AgentInformer => {
                t.agent_clients += k.clients;
                t.agent_ok += k.rate * (1.0 - fail);
            }
            FlowKind::Other => {}
        }
    }
    t
}

/// The API servers this step: APF admits what each level's seats hold (with borrowing), the
/// admitted work shares the up replicas' cores (every request slows alike, and more as the
/// garbage collector fights for memory), requests past 60 s time out while the server goes on
/// working, and every response in flight holds its memory.
fn serve(c: &mut Cluster, run: &Run, fl: &mut Scratch) -> Served {
    let replicas = c.spec.apiservers * c.levers.capacity_factor * c.api.up;
    flows(c, run, fl);
    let admit = admit_shares(fl, replicas, c.spec.seats);
    let t = tally(fl, &admit);
    let spec = &c.spec;
    let nominal_cores = spec.apiservers * c.levers.capacity_factor * spec.cores;
    let api = &mut c.api;
    let cores = replicas * spec.cores;
    let memory = if replicas > 1e-9 { (spec.base_mem_gb.at(c.levers.node_factor) + t.held / replicas) / spec.mem_gb } else { 0.0 };
    let memory_sd = if replicas > 1e-9 { (t.held_var / replicas).sqrt() / spec.mem_gb } else { 0.0 };
    let target = if cores > 1e-9 { (t.admitted / cores).max(1.0) * gc_factor(memory) } else { api.slowdown };
    // Halfway (geometrically) to this step's target: a slowdown feeds back through latency.
    api.slowdown = (api.slowdown * target).sqrt();
    api.memory = memory;
    api.load_ratio = t.offered / nominal_cores;
    api.relist_load = t.relist_cpu / nominal_cores;
    api.fail = if replicas > 1e-9 {
        if t.own_rate > 0.0 {
            t.own_fail / t.own_rate
        } else {
            0.0
        }
    } else {
        1.0
    };
    api.agent_fail = if t.agent_rate > 0.0 { t.agent_fail / t.agent_rate } else { api.fail };
    api.agent_fail_per_s = t.agent_fail;
    // Clients back off and retry on what they met over the last half-minute, not this step.
    let k = DT_S / CLIENT_MEMORY_S;
    api.felt += (api.fail - api.felt) * k;
    api.agent_felt += (api.agent_fail - api.agent_felt) * k;
    people_access(api, admit[Level::GlobalDefault as usize]);
    let agent_ok_rate = if t.agent_clients > 0.0 { t.agent_ok / t.agent_clients } else { 0.0 };
    Served { memory, memory_sd, relist_ok_rate: t.relist_ok_rate, stale_ok_rate: t.stale_ok_rate, agent_ok_rate }
}

/// People: global-default (a level nobody else crowds); break-glass: exempt. Either way a
/// request needs a replica that is up and an answer within the timeout. kubectl's fix is four
/// requests in a row (discovery: /api and /apis; get the DaemonSet; delete it), each needing a
/// live replica; a break-glass runbook is one exempt DELETE.
fn people_access(api: &mut ApiServers, admit_global_default: f64) {
    let quick = 1.0 - timed_out(REQUEST_CPU_S * api.slowdown);
    let one = api.up * admit_global_default * quick;
    let two = one * one;
    api.admin_success = two * two;
    api.exempt_success = api.up * quick;
}

/// APF protects CPU, not memory: past its limit a replica is OOM-killed; it is back after
/// `RESTART_S` and its watch cache's refill, and every watch it served breaks, so its clients
/// must LIST again.
fn oom_and_restarts(c: &mut Cluster, served: &Served) {
    let api = &mut c.api;
    // Share of up replicas crashing this step; x/(1+x) keeps a large step stable.
    // How often the swinging memory crosses the limit: from never, `OOM_Z` deviations below it,
    // to always at and over it (a rational stand-in for the normal tail).
    let spread = served.memory_sd * OOM_Z + OOM_MIN_SPREAD;
    let x = ((served.memory - 1.0 + spread) / spread).clamp(0.0, MAX_OVER_PRESSURE) * (CRASH_RATE_PER_S * DT_S);
    let crash = x / (1.0 + x);
    // Replicas down (OOM-killed, or restarted by hand) come back one by one over their restart
    // time — readiness varies, the first within seconds, on average after `restart_s` — and
    // the first ones back take every reconnecting client.
    let restarted = (1.0 - api.up) * (DT_S / c.spec.restart_s);
    api.up = (api.up - api.up * crash + restarted).clamp(0.0, 1.0);
    api.oom_crash = crash;
    // The watches on the crashed replicas break: those clients relist.
    let gate = c.levers.gate;
    for (r, s) in api.relisting.iter_mut().zip(&api.stale) {
        *r += (gate - *r - s).max(0.0) * crash;
    }
    api.agent_synced *= 1.0 - crash;
}

/// Informers: a relisting one LISTs until one succeeds, then watches again; under sustained
/// failure watches age out (`WATCH_RENEW_S`) and more fall into relisting. The agent's informer
/// calls list once when their pod starts. Blocked clients wait (`relisting` counts only
/// admitted ones).
fn informers(c: &mut Cluster, served: &Served) {
    let gate = c.levers.gate;
    let share = c.agent.share;
    let api = &mut c.api;
    // At rest (nothing relisting, and too little failing for a watch to expire) every share
    // stays exactly 0: skip the work.
    let expiring = api.fail * gate * (DT_S / WATCH_RENEW_S);
    for i in 0..STANDING_N {
        if api.relisting[i] == 0.0 && api.stale[i] == 0.0 && expiring < RELIST_NONE {
            continue;
        }
        let (r, s) = (&mut api.relisting[i], &mut api.stale[i]);
        let x = served.relist_ok_rate[i] * DT_S;
        *r -= *r * x / (1.0 + x);
        let y = served.stale_ok_rate[i] * DT_S;
        *s -= *s * y / (1.0 + y);
        // Watches that cannot be renewed for minutes expire: those relist consistently.
        *s += api.fail * (gate - *r - *s).max(0.0) * (DT_S / WATCH_RENEW_S);
        // Under one client in a million relisting is none: the cluster is at rest again.
        *r = if *r < RELIST_NONE { 0.0 } else { r.min(gate) };
        *s = if *s < RELIST_NONE { 0.0 } else { s.min(gate - *r) };
    }
    let y = served.agent_ok_rate * DT_S;
    api.agent_synced += (share - api.agent_synced).max(0.0) * y / (1.0 + y);
    api.agent_synced = api.agent_synced.clamp(0.0, share);
}

/// CoreDNS keeps serving while it can sync; its pods restart every few minutes when it cannot,
/// and a restarted pod needs full LISTs of services and endpoints to serve again. CoreDNS is one
/// of the cluster's standing informers: it is in sync as long as its watches hold (not
/// relisting) and its requests are served.
fn coredns(c: &mut Cluster, decay: f64) {
    // In sync when both of its informers (Services, EndpointSlices) are: each watch holds, or its
    // relist went through.
    let mut sync = 1.0;
    for i in COREDNS_INFORMERS {
        sync *= (c.levers.gate - c.api.relisting[i] - c.api.stale[i]).max(0.0);
    }
    let d = &mut c.dns;
    d.coredns += (1.0 - d.coredns) * sync * (DT_S / COREDNS_RESYNC_S) - d.coredns * (1.0 - sync) * decay;
    d.coredns = d.coredns.clamp(0.0, 1.0);
}

/// Client DNS caches hide the failure for about a TTL: each step one phase of the ring expires
/// and refreshes only if CoreDNS answers; clients with no entry retry every `LOOKUP_RETRY_S`.
fn dns_caches(c: &mut Cluster) {
    let h = c.dns.coredns;
    let cache = &mut c.dns.cache;
    // CoreDNS answering and every client holding an answer: each entry refreshes as it is,
    // nothing empties (the steps below would compute exactly that).
    if h == 1.0 && cache.empty == 0.0 && !cache.ring.is_empty() {
        cache.pos = (cache.pos + 1) % cache.ring.len();
        return;
    }
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
