//! The causal diagram's typed state: one cluster's chain (rollout → agents → API servers →
//! CoreDNS → DNS caches → customers, and engineers → API) at one moment of a trace.
//!
//! Pure and natively tested: the view draws what `DiagramState::at` says and never looks at
//! the trace itself, so the picture, its caption and its text alternative cannot disagree.

use crate::sim::model::thresholds::{CACHES_EMPTY_BELOW, CP_DEAD_UP, HEALTHY_EMPTY, SATURATED_FAIL, SATURATED_UP};
use crate::sim::model::CUSTOMER_ERROR_THRESHOLD as CUSTOMER;
use crate::text::clock;

/// The diagram's own cut-offs (pictures, not the model's decisions): under half a share is
/// "mostly gone" (a gate mostly shut, CoreDNS mostly out, writes mostly refused); a share
/// within a thousandth of 1 is "all"; CPU demand over 80 % of the cores strains the servers.
const MOSTLY: f64 = 0.5;
const ALL: f64 = 0.999;
const STRAINED_LOAD: f64 = 0.8;
/// CoreDNS is back once nearly all its pods answer.
const NEARLY_ALL: f64 = 0.99;
/// Every client holds an answer: fewer than `HEALTHY_EMPTY` of them without one.
const ALL_HOLD: f64 = 1.0 - HEALTHY_EMPTY;
use crate::sim::{Action, ClusterState, EventKind, Params, Trace};

/// How a part of the chain is doing. Drawn as colour *and* shape *and* a word.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Health {
    /// Not involved yet (no agent, nothing to do).
    Idle,
    Ok,
    /// Coping, but under load or draining.
    Strained,
    Failing,
    /// Coming back after a failure.
    Recovering,
}

impl Health {
    pub fn word(self) -> &'static str {
        match self {
            Health::Idle => "idle",
            Health::Ok => "healthy",
            Health::Strained => "strained",
            Health::Failing => "failing",
            Health::Recovering => "recovering",
        }
    }
    /// A glyph that tells the states apart without colour (same shapes as the fleet view).
    pub fn glyph(self) -> &'static str {
        match self {
            Health::Idle => "○",
            Health::Ok => "●",
            Health::Strained => "◐",
            Health::Failing => "✕",
            Health::Recovering => "▲",
        }
    }
}

/// One box of the diagram.
#[derive(Clone, Debug, PartialEq)]
pub struct Part {
    pub id: PartId,
    pub health: Health,
    /// A few words that fit in the drawn box ("97 % rejected").
    pub short: String,
    /// The full state in words, for the text alternative ("2 of 3 up · 97 % rejected (429) · …").
    pub status: String,
    /// What the box's bar shows, 0–1 (served share, clients holding an answer, …).
    pub gauge: f64,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PartId {
    Rollout,
    Agents,
    ApiServers,
    CoreDns,
    Caches,
    Customers,
    Engineers,
    BreakGlass,
}

impl PartId {
    pub fn name(self) -> &'static str {
        match self {
            PartId::Rollout => "Rollout",
            PartId::Agents => "Telemetry agents",
            PartId::ApiServers => "API servers",
            PartId::CoreDns => "CoreDNS",
            PartId::Caches => "Pods' DNS caches",
            PartId::Customers => "Customer requests",
            PartId::Engineers => "Engineers' kubectl",
            PartId::BreakGlass => "Break-glass",
        }
    }
}

/// A dependency between two parts, with traffic drawn as moving dots.
#[derive(Clone, Debug, PartialEq)]
pub struct Flow {
    pub from: PartId,
    pub to: PartId,
    /// Dots per second, 0 (no traffic) to 1 (the busiest the diagram draws).
    pub rate: f64,
    /// Share of that traffic bouncing back (rejected).
    pub bounced: f64,
    /// The dependency is broken: drawn cut.
    pub broken: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LeverKind {
    ScaleDown,
    Block,
    Readmit,
    ScaleUp,
    Shift,
}

/// A remediation lever acting on the cluster now.
#[derive(Clone, Debug, PartialEq)]
pub struct Lever {
    pub kind: LeverKind,
    pub text: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct DiagramState {
    pub t_min: f64,
    pub cluster: usize,
    pub cluster_name: String,
    pub nodes: u32,
    pub parts: Vec<Part>,
    pub flows: Vec<Flow>,
    pub levers: Vec<Lever>,
    /// One plain sentence of what is happening now.
    pub caption: String,
}

/// The most the diagram's changing text takes over a whole run, so the figure can reserve that
/// space and keep one height while it plays: a frame sized once (a wiki's bare iframe, or
/// `embed.js`) never cuts the caption and the text below never jumps.
#[derive(Clone, Debug, PartialEq)]
pub struct Reserved {
    /// The longest caption (by characters), with the widest clock.
    pub caption: String,
    /// Every lever the run shows on this cluster, each with its longest text, in the order the
    /// diagram lists them.
    pub levers: Vec<String>,
}

impl Reserved {
    /// Sampled every half minute and at every event (the caption changes at events), each
    /// share written at its widest ("100 %"), so shares between the samples fit too.
    pub fn of(trace: &Trace, params: &Params, cluster: usize) -> Reserved {
        let stride = ((0.5 / trace.dt_min).round() as usize).max(1);
        let times = (0..trace.len).step_by(stride).map(|i| trace.t_at(i)).chain(trace.events.iter().map(|e| e.t_min)).chain([trace.t_end()]);
        let mut caption = String::new();
        let mut levers: Vec<Lever> = Vec::new();
        for t in times {
            let d = DiagramState::at(trace, params, t, cluster);
            let widest = widen(&widest_clock(&d.caption));
            if widest.chars().count() > caption.chars().count() {
                caption = widest;
            }
            for mut lv in d.levers {
                lv.text = widen(&lv.text);
                // Blocking and readmitting are one gate: never shown together.
                if lv.kind == LeverKind::Readmit {
                    lv.kind = LeverKind::Block;
                }
                match levers.iter_mut().find(|l| l.kind == lv.kind) {
                    Some(l) if l.text.chars().count() < lv.text.chars().count() => *l = lv,
                    Some(_) => {}
                    None => levers.push(lv),
                }
            }
        }
        // In the levers' order (a stable sort).
        levers.sort_by_key(|l| l.kind as u8);
        Reserved { caption, levers: levers.into_iter().map(|l| l.text).collect() }
    }

    /// The same shapes with every letter an "n": spoiler-free pages reserve the space without
    /// putting what is still to come into the page's text.
    pub fn redacted(&self) -> Reserved {
        Reserved { caption: crate::text::redact(&self.caption), levers: self.levers.iter().map(|l| crate::text::redact(l)).collect() }
    }
}

/// Every share ("40 %", "<1 %") as the widest, "100 %", and every factor ("×1.5") as "×10.0".
fn widen(text: &str) -> String {
    let words: Vec<&str> = text.split(' ').collect();
    let numeric = |w: &str| !w.is_empty() && w.chars().all(|c| c.is_ascii_digit() || matches!(c, '.' | '<' | '>'));
    let out: Vec<String> = words
        .iter()
        .enumerate()
        .map(|(i, w)| {
            if numeric(w) && words.get(i + 1).is_some_and(|n| n.starts_with('%')) {
                "100".to_string()
            } else if let Some(rest) = w.strip_prefix('×') {
                let tail: String = rest.chars().skip_while(|c| c.is_ascii_digit() || *c == '.').collect();
                format!("×10.0{tail}")
            } else {
                w.to_string()
            }
        })
        .collect();
    out.join(" ")
}

/// A caption with its clock replaced by the widest one ("12:00 pm").
fn widest_clock(caption: &str) -> String {
    match caption.find(" · ") {
        Some(at) => format!("12:00 pm{}", &caption[at..]),
        None => caption.to_string(),
    }
}

/// Shares at one sample of one cluster.
struct Sample {
    agent: f64,
    load: f64,
    up: f64,
    rejected: f64,
    relisting: f64,
    storm: f64,
    dns: f64,
    valid: f64,
    error: f64,
    gate: f64,
    nodes: f64,
    capacity: f64,
    admin: f64,
    /// The model's impact rule (`ClusterSeries::cp_down`).
    cp_down: bool,
    /// The model's verdict that its replicas keep OOM-restarting (not a restart by hand).
    crash_looping: bool,
    /// Memory asked per up replica ÷ its limit.
    memory: f64,
    state: ClusterState,
}

/// Memory asked at 95 % of the limit and over: replicas down are down for want of it.
const OOM_NEAR: f64 = 0.95;

fn pct(v: f64) -> String {
    let p = v * 100.0;
    if p > 0.0 && p < 1.0 {
        "<1 %".into()
    } else if p < 100.0 && p > 99.0 {
        ">99 %".into()
    } else {
        format!("{:.0} %", p)
    }
}

impl DiagramState {
    /// The diagram for `cluster` at `t_min` of `trace`, run with `params`.
    pub fn at(trace: &Trace, params: &Params, t_min: f64, cluster: usize) -> DiagramState {
        let cluster = cluster.min(trace.clusters.len().saturating_sub(1));
        let i = trace.index_before(t_min);
        let c = &trace.per_cluster[cluster];
        let s = Sample {
            agent: c.agent[i] as f64,
            load: c.load[i] as f64,
            up: c.apiserver_up[i] as f64,
            rejected: c.rejected[i] as f64,
            relisting: c.relisting[i] as f64,
            storm: c.storm[i] as f64,
            dns: c.dns_health[i] as f64,
            valid: c.cache_valid[i] as f64,
            error: c.error[i] as f64,
            gate: c.gate[i] as f64,
            nodes: c.nodes[i] as f64,
            capacity: c.capacity[i] as f64,
            admin: c.admin[i] as f64,
            cp_down: c.cp_down(i),
            crash_looping: c.crash_looping[i] > 0.5,
            memory: c.memory[i] as f64,
            state: c.state[i],
        };
        // Events are timed to the step (10 s), samples every 30 s: compare events with the
        // moment itself, so the picture agrees with the event log.
        let t = if t_min.is_finite() { t_min.clamp(trace.t0_min, trace.t_end()) } else { trace.t_at(i) };
        let passed = |kind: EventKind, who: Option<usize>| trace.events.iter().find(|e| e.kind == kind && e.t_min <= t && (who.is_none() || e.cluster == who));
        let deleted_at = passed(EventKind::AgentDeleted, Some(cluster)).map(|e| e.t_min);
        let break_glass = params.break_glass || params.interventions.iter().any(|iv| iv.action == Action::BreakGlass && iv.t_min <= t);
        let impacted = matches!(s.state, ClusterState::Stale | ClusterState::Failing | ClusterState::Recovering);
        let settings = &trace.clusters[cluster].settings;
        let replicas = settings.apiservers as f64 * s.capacity;

        let (rollout, rolling) = rollout_part(trace, i, t, &passed);
        let landed_at = trace.clusters[cluster].landed_min.filter(|&l| l <= t);
        let agents = agents_part(&s, landed_at, deleted_at, params.agent.as_ref());
        let api = api_part(&s, replicas);
        let coredns = coredns_part(&s);
        let caches = caches_part(&s, settings.ttl);
        let customers = customers_part(&s);
        let engineers = engineers_part(&s, impacted, deleted_at, break_glass);
        let mut parts = vec![rollout, agents, api, coredns, caches, customers, engineers];
        if break_glass {
            let h = if s.up >= MOSTLY { Health::Ok } else { Health::Failing };
            parts.push(Part {
                id: PartId::BreakGlass,
                health: h,
                short: "exempt level".into(),
                status: format!("exempt priority level · {} of replicas up", pct(s.up)),
                gauge: s.up,
            });
        }
        let flows = flows(&s, rolling, break_glass, deleted_at.is_some() || !impacted);
        let levers = levers(&s, trace.fleet.shifted[i] as f64, impacted);
        let info = &trace.clusters[cluster];
        let caption = caption(t, &info.name, &s, &parts, impacted, (replicas, crate::sim::model::caches_dns(settings.ttl)));
        DiagramState { t_min: t, cluster, cluster_name: info.name.clone(), nodes: info.nodes, parts, flows, levers, caption }
    }

    pub fn part(&self, id: PartId) -> Option<&Part> {
        self.parts.iter().find(|p| p.id == id)
    }

    /// The text alternative: every part, its state in words, then the caption.
    pub fn describe(&self) -> String {
        let parts: Vec<String> = self.parts.iter().map(|p| format!("{}: {} ({})", p.id.name(), p.health.word(), p.status)).collect();
        format!("{} {}.", self.caption, parts.join("; "))
    }
}

/// The rollout's part, and whether it is still reaching clusters.
fn rollout_part<'a>(trace: &'a Trace, i: usize, t: f64, passed: &dyn Fn(EventKind, Option<usize>) -> Option<&'a crate::sim::Event>) -> (Part, bool) {
    let reach = trace.fleet.rollout[i] as f64;
    let n = trace.clusters.len();
    let reached = (reach * n as f64).round() as usize;
    let mut rolling = false;
    let (health, short, status) = if let Some(f) = passed(EventKind::RolloutFinished, None) {
        // Finishing while production was already failing is the December 2024 mistake.
        if passed(EventKind::ControlPlaneDown, None).is_some_and(|d| d.t_min <= f.t_min) {
            (Health::Strained, "finished, not halted".into(), format!("finished at {} while production was failing · all {n} clusters have it", clock(f.t_min)))
        } else {
            (Health::Ok, "finished".into(), format!("finished · all {n} clusters have it"))
        }
    } else if let Some(h) = passed(EventKind::RolloutHalted, None) {
        (Health::Ok, format!("halted · {reached} of {n}"), format!("halted at {} · {reached} of {n} clusters have it", clock(h.t_min)))
    } else if reached == 0 || trace.first(EventKind::RolloutStarted).is_some_and(|e| e.t_min > t) {
        (Health::Idle, "not started".into(), "not started".into())
    } else if passed(EventKind::ControlPlaneDown, None).is_some() {
        // The December 2024 gate watched agent health only: it rolls on while production falls.
        // Said as the moment's fact ("rolling on"), never the outcome: a lesson asks what
        // the rollout will do from here.
        rolling = true;
        (Health::Strained, format!("{reached} of {n} · rolling on"), format!("in progress · {reached} of {n} clusters while production fails"))
    } else {
        rolling = true;
        (Health::Ok, format!("{reached} of {n} clusters"), format!("in progress · {reached} of {n} clusters"))
    };
    (Part { id: PartId::Rollout, health, short, status, gauge: reach }, rolling)
}

fn agents_part(s: &Sample, landed_at: Option<f64>, deleted_at: Option<f64>, agent: Option<&crate::sim::agent::AgentSpec>) -> Part {
    // What the agent's pods do once running: December's LIST the cluster every poll; a
    // described agent's informers watch what they listed once.
    let doing = match agent {
        None => "each LISTing the cluster",
        Some(a) if a.calls.iter().all(|c| c.watch) => "each watching what it listed once",
        Some(_) => "each making its calls",
    };
    let everywhere = match agent.and_then(|a| a.replicas) {
        Some(r) => format!("all {r} replicas up"),
        None => "on every node".to_string(),
    };
    let scaled = if s.nodes < ALL { format!(" · nodes scaled to {}", pct(s.nodes)) } else { String::new() };
    let (health, short, status) = match deleted_at {
        Some(d) if s.agent <= 0.0 => (Health::Ok, "deleted".into(), format!("deleted at {}{scaled}", clock(d))),
        Some(_) => (Health::Recovering, "being deleted".into(), format!("being deleted · {} of nodes still run it{scaled}", pct(s.agent))),
        // Landed: the DaemonSet exists and its pods are pulling the image (30–90 s).
        None if s.agent <= 0.0 => match landed_at {
            Some(l) => (Health::Strained, "landed · pulling".into(), format!("landed at {} · pods pulling the image", clock(l))),
            None => (Health::Idle, "not here yet".into(), "not on this cluster yet".into()),
        },
        None if s.agent < ALL => (Health::Strained, format!("on {} of nodes", pct(s.agent)), format!("starting · on {} of nodes{scaled}", pct(s.agent))),
        None => (Health::Strained, everywhere.clone(), format!("{everywhere}, {doing}{scaled}")),
    };
    Part { id: PartId::Agents, health, short, status, gauge: s.agent }
}

fn api_part(s: &Sample, replicas: f64) -> Part {
    // OOM only where the model says its replicas keep OOM-restarting; replicas coming back from
    // a restart (by hand, or before the loop is told) are "restarting".
    // Out of memory: the loop the model has told, or replicas asked for more than they have.
    let crash = s.crash_looping || (s.up < SATURATED_UP && s.memory >= OOM_NEAR);
    let restarting = s.up < SATURATED_UP && !crash;
    let blocked = s.gate < MOSTLY;
    // Replicas that come and go: how many are up on average, to a tenth (a floor read "0 of 3
    // up" beside requests still served).
    // Never more up than the replicas shown (scaling up adds a fraction of one at a time).
    let shown = replicas.round();
    let up = if s.up < SATURATED_UP { format!("{:.1}", (s.up * replicas).min(shown)) } else { ((s.up * replicas).round().min(shown) as i64).to_string() };
    let health = if s.cp_down || crash || blocked || s.up < 0.5 {
        Health::Failing
    } else if s.rejected > SATURATED_FAIL || s.load > STRAINED_LOAD || restarting {
        Health::Strained
    } else if matches!(s.state, ClusterState::Recovering) {
        Health::Recovering
    } else {
        Health::Ok
    };
    let mut status = format!(
        "{up} of {} up{}",
        replicas.round() as i64,
        if crash {
            " on average, crash-looping (OOM)"
        } else if restarting {
            ", restarting"
        } else {
            ""
        }
    );
    if blocked {
        status.push_str(&format!(" · blocked at the network, {} admitted", pct(s.gate)));
    }
    // The run's load, named apart from the agent alone (`cascade check`'s derivation).
    status.push_str(&format!(
        " · CPU asked {} its cores (retries and relists included)",
        if s.load >= 10.0 {
            format!("{:.0}×", s.load)
        } else if s.load >= 1.0 {
            format!("{:.1}×", s.load)
        } else {
            format!("{} of", pct(s.load))
        }
    ));
    if s.rejected > 0.001 {
        // Refused while replicas restart, 429s and timeouts while they serve.
        status.push_str(&format!(
            " · {} of requests {}",
            pct(s.rejected),
            if restarting || crash { "refused, rejected or timed out" } else { "rejected (429) or timed out" }
        ));
    }
    if s.relisting > 0.05 {
        status.push_str(&format!(" · {} of informers relisting", pct(s.relisting)));
    }
    if s.storm > 0.05 {
        status.push_str(" · relist storm after restarts");
    }
    let short = if blocked {
        "blocked, draining".to_string()
    } else if s.rejected > SATURATED_FAIL {
        format!("{} failing{}", pct(s.rejected), if crash { " · OOM" } else { "" })
    } else if crash {
        format!("{up} of {} up · OOM", replicas.round() as i64)
    } else if restarting {
        format!("{up}/{} up · restarting", replicas.round() as i64)
    } else {
        format!("{up} of {} up · {} busy", replicas.round() as i64, pct(s.load.min(1.0)))
    };
    Part { id: PartId::ApiServers, health, short, status, gauge: if blocked { s.gate } else { 1.0 - s.rejected } }
}

/// CoreDNS can sync while the API serves it; it keeps answering from memory until its pods restart.
fn coredns_part(s: &Sample) -> Part {
    let api_down = s.cp_down || s.gate < MOSTLY;
    let (health, short, status) = if s.dns < MOSTLY {
        (Health::Failing, "restarting · SERVFAIL".into(), format!("restarting, cannot sync · {} of pods answer", pct(s.dns)))
    } else if api_down {
        (Health::Strained, "from memory".into(), format!("cannot sync · serving from memory · {} of pods answer", pct(s.dns)))
    } else if s.dns < NEARLY_ALL {
        (Health::Recovering, "resyncing".into(), format!("resyncing · {} of pods answer", pct(s.dns)))
    } else {
        (Health::Ok, "synced".into(), "synced · answering".into())
    };
    Part { id: PartId::CoreDns, health, short, status, gauge: s.dns }
}

fn caches_part(s: &Sample, ttl: u32) -> Part {
    // Below half a model step (10 s) a TTL caches nothing: the model's ring has no phase.
    let (health, short, status) = if !crate::sim::model::caches_dns(ttl) {
        let h = if s.valid >= ALL_HOLD { Health::Ok } else { Health::Failing };
        (h, "no cache".into(), "no cache (TTL under 5 s): every lookup asks CoreDNS".into())
    } else if s.valid >= ALL_HOLD {
        (Health::Ok, "all hold an answer".into(), "every client holds an answer".into())
    } else if s.valid >= MOSTLY {
        (Health::Strained, format!("{} hold an answer", pct(s.valid)), format!("draining · {} of clients still hold a cached answer", pct(s.valid)))
    } else if s.valid >= CACHES_EMPTY_BELOW {
        (Health::Failing, format!("{} hold an answer", pct(s.valid)), format!("mostly expired · {} of clients still hold a cached answer", pct(s.valid)))
    } else {
        (Health::Failing, "empty".into(), format!("empty · {} of clients hold an answer", pct(s.valid)))
    };
    Part { id: PartId::Caches, health, short, status, gauge: s.valid }
}

fn customers_part(s: &Sample) -> Part {
    let (health, short, status) = if s.error <= CUSTOMER {
        let h = if s.state == ClusterState::Recovering { Health::Recovering } else { Health::Ok };
        if s.error > 0.001 {
            (h, format!("{} fail", pct(s.error)), format!("{} of requests fail", pct(s.error)))
        } else {
            (h, "succeeding".into(), "requests succeed".into())
        }
    } else {
        (Health::Failing, format!("{} fail", pct(s.error)), format!("{} of requests fail", pct(s.error)))
    };
    Part { id: PartId::Customers, health, short, status, gauge: 1.0 - s.error }
}

fn engineers_part(s: &Sample, impacted: bool, deleted_at: Option<f64>, break_glass: bool) -> Part {
    let (health, short, status, gauge) = match deleted_at {
        Some(d) => (Health::Ok, "through".into(), format!("through · agent deleted at {}", clock(d)), 1.0),
        None if !impacted => (Health::Idle, "nothing to fix".into(), "nothing to fix here".into(), s.admin),
        None if s.admin >= MOSTLY => (Health::Ok, "through".into(), format!("through · {} of writes succeed", pct(s.admin)), s.admin),
        None => (
            Health::Failing,
            "locked out".into(),
            format!("locked out · {} of writes get through{}", pct(s.admin), if break_glass { " (even via break-glass)" } else { "" }),
            s.admin,
        ),
    };
    Part { id: PartId::Engineers, health, short, status, gauge }
}

fn health_of(parts: &[Part], id: PartId) -> Health {
    parts.iter().find(|p| p.id == id).map_or(Health::Idle, |p| p.health)
}

fn flows(s: &Sample, rolling: bool, break_glass: bool, admin_done: bool) -> Vec<Flow> {
    // Traffic swells with load; the busiest the picture can show is 4× the cores.
    let list_rate = (s.agent * s.load.min(4.0) / 4.0).max(if s.agent > 0.0 { 0.15 } else { 0.0 });
    let sync_broken = s.cp_down || s.gate < MOSTLY;
    let mut out = vec![
        Flow { from: PartId::Rollout, to: PartId::Agents, rate: if rolling { 0.5 } else { 0.0 }, bounced: 0.0, broken: false },
        Flow { from: PartId::Agents, to: PartId::ApiServers, rate: list_rate * s.gate.max(0.05), bounced: s.rejected, broken: false },
        Flow { from: PartId::ApiServers, to: PartId::CoreDns, rate: 0.3, bounced: s.rejected, broken: sync_broken },
        Flow { from: PartId::CoreDns, to: PartId::Caches, rate: 0.6 * s.dns, bounced: 0.0, broken: s.dns < MOSTLY },
        Flow { from: PartId::Caches, to: PartId::Customers, rate: 0.8 * s.valid, bounced: 0.0, broken: s.valid < CACHES_EMPTY_BELOW },
    ];
    if !admin_done {
        let bounced = if break_glass { 1.0 - s.up } else { 1.0 - s.admin };
        out.push(Flow { from: PartId::Engineers, to: PartId::ApiServers, rate: 0.35, bounced, broken: bounced > 0.95 });
    }
    if break_glass {
        out.push(Flow { from: PartId::BreakGlass, to: PartId::ApiServers, rate: 0.25, bounced: 1.0 - s.up, broken: s.up < CP_DEAD_UP });
    }
    out
}

fn levers(s: &Sample, shifted: f64, impacted: bool) -> Vec<Lever> {
    let mut out = Vec::new();
    if s.nodes < ALL {
        out.push(Lever { kind: LeverKind::ScaleDown, text: format!("Nodes scaled down to {}", pct(s.nodes)) });
    }
    if s.gate < ALL {
        if matches!(s.state, ClusterState::Recovering) && s.agent <= 0.0 {
            out.push(Lever { kind: LeverKind::Readmit, text: format!("Readmitting traffic · {} let back in", pct(s.gate)) });
        } else {
            out.push(Lever { kind: LeverKind::Block, text: format!("API blocked at the network · {} of traffic admitted", pct(s.gate)) });
        }
    }
    if s.capacity > 1.001 {
        out.push(Lever { kind: LeverKind::ScaleUp, text: format!("API servers scaled up ×{:.1}", s.capacity) });
    }
    if impacted && shifted > 0.001 {
        out.push(Lever { kind: LeverKind::Shift, text: format!("{} of traffic shifted to healthy clusters", pct(shifted)) });
    }
    out
}

fn caption(t: f64, name: &str, s: &Sample, parts: &[Part], impacted: bool, (replicas, caches): (f64, bool)) -> String {
    let h = |id| health_of(parts, id);
    let mut bits: Vec<String> = Vec::new();
    if h(PartId::ApiServers) == Health::Failing && s.gate < MOSTLY {
        bits.push("the API is blocked at the network so its servers can drain".into());
    } else if h(PartId::ApiServers) == Health::Failing {
        let oom = s.crash_looping || (s.up < SATURATED_UP && s.memory >= OOM_NEAR);
        if oom && s.rejected < SATURATED_FAIL {
            // Those up still answer nearly everything; they keep being killed.
            bits.push(format!("API servers crash-loop (OOM), {:.1} of {} up on average", (s.up * replicas).min(replicas.round()), replicas.round() as i64));
        } else {
            let crash = if oom {
                " and crash-loop"
            } else if s.up < SATURATED_UP {
                " while they restart"
            } else {
                ""
            };
            bits.push(format!("API servers fail {} of requests{crash}", pct(s.rejected)));
        }
    } else if h(PartId::ApiServers) == Health::Strained {
        bits.push(format!(
            "API servers are strained (CPU asked: {} their cores, retries and relists included)",
            if s.load >= 1.0 { format!("{:.1}×", s.load) } else { format!("{} of", pct(s.load)) }
        ));
    }
    match h(PartId::CoreDns) {
        Health::Failing => bits.push("CoreDNS restarts and cannot sync".into()),
        Health::Strained => bits.push("CoreDNS cannot sync and answers from memory".into()),
        _ => {}
    }
    // A cluster with no cache has no cached answers to count (its caches part says so).
    if caches && h(PartId::Caches) != Health::Ok && s.valid < ALL_HOLD {
        bits.push(format!("{} of clients still hold a cached answer", pct(s.valid)));
    }
    if s.error > CUSTOMER {
        bits.push(format!("{} of customer requests fail", pct(s.error)));
    }
    if s.state == ClusterState::Recovering {
        bits.push(format!("recovering: {} of traffic let back in", pct(s.gate)));
    }
    match h(PartId::Engineers) {
        Health::Failing => bits.push("engineers are locked out".into()),
        Health::Ok if impacted && s.state != ClusterState::Recovered => bits.push("engineers can reach the API".into()),
        _ => {}
    }
    let body = if s.state == ClusterState::Recovered && s.error <= CUSTOMER {
        "recovered: serving normally again".to_string()
    } else if bits.is_empty() {
        match h(PartId::Agents) {
            Health::Idle if !impacted => "all healthy; the agent has not reached this cluster yet".to_string(),
            Health::Strained if s.agent <= 0.0 => "the agent has landed; its pods are pulling the image".to_string(),
            Health::Strained if s.agent < ALL => format!("the agent is starting on {} of nodes and the API servers cope", pct(s.agent)),
            Health::Strained => "the agent runs on every node and the API servers cope".to_string(),
            _ if s.state == ClusterState::Recovered => "recovered: serving normally again".to_string(),
            _ => "all healthy".to_string(),
        }
    } else {
        bits.join("; ")
    };
    format!("{} · {name}: {body}.", clock(t))
}
