//! The fleet-level phases of a step, in the order `World::step` runs them. Each takes only
//! the state it reads or writes.

use super::constants::*;
use super::physics::admit;
use super::schedule::GateRule;
use super::world::{Cluster, Log, Milestone, Milestones, Readmit, Stage};
use super::{Now, Peak, RolloutState, Run};
use crate::sim::params::{Action, Params};
use crate::sim::plan::GateSignal;
use crate::sim::trace::{ClusterSample, ClusterState, EventKind, FleetSample, Saturation};
use rand::RngExt;
use rand_pcg::Pcg32;

/// The agent reaches clusters on schedule until a halt by hand, or, in a phased rollout, the
/// control-plane health gate, cancels every landing still to come.
pub(super) fn rollout(r: &mut RolloutState, clusters: &mut [Cluster], log: &mut Log, halt_at: Option<f64>, now: Now) {
    let t = now.t;
    if halt_at.is_some_and(|h| t >= h) {
        let done = r.done;
        let started = t >= r.starts_at;
        let detail = || match (done, started) {
            (true, _) => "by hand, after the rollout had finished: it changed nothing".into(),
            (false, false) => "by hand, before it reached any cluster".into(),
            (false, true) => "halted by hand".into(),
        };
        if r.halted.reach(log, t, None, detail) {
            r.cut_short = !done;
        }
    }
    if r.gate != GateRule::None && !r.halted.reached() {
        // The gate looks at control-plane health before each wave lands.
        let over = |c: &Cluster| match r.gate {
            GateRule::None => false,
            GateRule::Saturated => c.saturated(),
            GateRule::Signal { signal, threshold, .. } => {
                let rejecting = c.api.fail > threshold || (c.agent.share > 0.0 && c.api.agent_fail > threshold);
                let restarting = 1.0 - c.api.up > threshold;
                match signal {
                    GateSignal::Rejections => rejecting,
                    GateSignal::Restarts => restarting,
                    GateSignal::Either | GateSignal::None => rejecting || restarting,
                }
            }
        };
        let unhealthy = clusters.iter().any(|c| c.agent.land_s.is_some_and(|l| l <= t) && over(c));
        let delay = if let GateRule::Signal { delay_s, .. } = r.gate { delay_s } else { 0.0 };
        r.over_since = if unhealthy { Some(r.over_since.unwrap_or(t)) } else { None };
        let held = r.over_since.is_some_and(|s| t - s >= delay);
        let pending = clusters.iter().any(|c| c.agent.land_s.is_some_and(|l| l > t));
        if held && pending && r.halted.reach(log, t, None, || "control-plane health gate".into()) {
            r.cut_short = true;
        }
    }
    if let Some(h) = r.halted.at() {
        for c in clusters.iter_mut() {
            if c.agent.land_s.is_some_and(|l| l > h) {
                c.agent.land_s = None;
            }
        }
    }
    if !r.done && clusters.iter().all(|c| c.agent.land_s.is_none_or(|l| l <= t)) {
        r.done = true;
    }
    // "Finished" when the last cluster really runs the agent (its image pulled), as the fleet
    // view and the swimlanes show it; a halted rollout never finishes.
    if r.done && !r.cut_short && !r.finished.reached() && clusters.iter().all(|c| c.agent.land_s.is_none_or(|l| t > l + IMAGE_PULL_S)) {
        r.finished.reach(log, t, None, String::new);
    }
    // "The agent lands" on the largest production cluster (T for December's plans), logged at
    // the step it acts in as every event is: a landing between steps (a described plan) must
    // not be told before "Rollout starts", which is logged at its step.
    if let Some(l) = r.largest_land_s {
        if now.step > 0 && t - DT_S < l && t >= l && clusters[r.largest].agent.land_s.is_some() {
            log.push(EventKind::AgentLands, t, Some(r.largest), String::new());
        }
    }
}

/// A lever a person fired acts, at that moment, on every impacted production cluster not yet fixed.
pub(super) fn fleet_levers(clusters: &mut [Cluster], levers: &[(Action, Option<f64>)], t: f64) {
    for &(action, at) in levers {
        if at.is_some_and(|a| t >= a && t - DT_S < a) {
            for c in clusters.iter_mut().filter(|c| !c.spec.staging && c.crew.impacted && c.crew.fixed_at.is_none()) {
                apply_lever(c, action, t);
            }
        }
    }
}

/// A person restarts every API server of every cluster: none is up until each comes back (its
/// restart and watch-cache refill), and every watch breaks — the cluster's informers and the
/// agent's relist as the replicas return. A trigger of its own: on a healthy cluster it is a
/// relist storm; where clients hold big responses, an OOM loop that outlives it.
pub(super) fn restarts(clusters: &mut [Cluster], restarts: &[f64], rolling: &[f64], t: f64) {
    let now = restarts.iter().any(|&r| t >= r && t - DT_S < r);
    for c in clusters.iter_mut() {
        if now {
            c.restart_grace_until = t + RESTART_GRACE * c.spec.restart_s;
        }
        rolling_restart(c, rolling, t);
        c.restarting_by_hand = t < c.restart_grace_until;
    }
    if now {
        for c in clusters.iter_mut() {
            let api = &mut c.api;
            api.up = 0.0;
            for (r, s) in api.relisting.iter_mut().zip(&api.stale) {
                *r = (c.levers.gate - s).max(0.0);
            }
            api.agent_synced = 0.0;
        }
    }
}

/// A rolling restart: replica k of n restarts `k × (restart + ROLLING_SETTLE_S)` after it
/// began; its share of every watch breaks (those clients relist from the others). The grace
/// covers the whole roll.
fn rolling_restart(c: &mut Cluster, rolling: &[f64], t: f64) {
    let n = c.spec.apiservers.round().max(1.0);
    let gap = c.spec.restart_s + ROLLING_SETTLE_S;
    for &r in rolling {
        if t < r || t - r >= n * gap {
            continue;
        }
        if t - DT_S < r {
            c.restart_grace_until = c.restart_grace_until.max(r + (n - 1.0) * gap + RESTART_GRACE * c.spec.restart_s);
        }
        let k = ((t - r) / gap).floor();
        if t - DT_S < r + k * gap {
            let f = 1.0 / n;
            let api = &mut c.api;
            api.up = (api.up - f).max(0.0);
            for (rl, s) in api.relisting.iter_mut().zip(&api.stale) {
                *rl += (c.levers.gate - *rl - s).max(0.0) * f;
            }
            api.agent_synced *= 1.0 - f;
        }
    }
}

/// The agent's calls double at each `agent_x2` moment.
pub(super) fn agent_rate(clusters: &mut [Cluster], doubles: &[f64], t: f64) {
    if doubles.iter().any(|&d| t >= d && t - DT_S < d) {
        for c in clusters.iter_mut() {
            c.agent.rate_x *= 2.0;
        }
    }
}

/// From a fixed time after the root cause, up to `shift_pct` % of impacted clusters' traffic
/// moves to healthy ones (where there are any) over `SHIFT_RAMP_S`. Returns the share moved now.
pub(super) fn traffic_shift(shift: &mut Milestone, clusters: &[Cluster], log: &mut Log, shift_pct: u32, now: Now) -> f64 {
    let t = now.t;
    if shift_pct > 0
        && now.root_cause.is_some_and(|rc| t >= rc + SHIFT_AFTER_ROOT_CAUSE_S)
        && clusters.iter().any(Cluster::down)
        && clusters.iter().any(|c| !c.spec.staging && !c.down())
    {
        shift.reach(log, t, None, || format!("up to {shift_pct}% of impacted traffic"));
    }
    shift.at().map_or(0.0, |s| ((t - s) / SHIFT_RAMP_S).clamp(0.0, 1.0) * shift_pct as f64 / 100.0)
}

/// Crews take impacted clusters largest first (`order`), one cluster per crew.
pub(super) fn crews(clusters: &mut [Cluster], order: &[usize], shedding: &mut Milestone, log: &mut Log, p: &Params, now: Now) {
    let Some(rc) = now.root_cause else { return };
    let t = now.t;
    let shed_from = rc + p.remediate_after as f64 * 60.0;
    let busy = clusters.iter().filter(|c| c.crew.stage.busy()).count();
    let mut free = (p.crews as usize).saturating_sub(busy);
    for &i in order {
        let c = &mut clusters[i];
        if free == 0 {
            break;
        }
        if c.crew.stage != Stage::Idle || !c.crew.impacted || c.crew.recovered {
            continue;
        }
        let sheds = p.block_api || p.scale_down || p.scale_up;
        if let Some(f) = c.crew.fixed_at {
            // Fixed outside a crew (break-glass, or access after a hand-made block). A blocked
            // cluster needs readmitting; one that has not come back within 5 min is held down by
            // retries and relists: the crew sheds its load as it would have without the early
            // fix (so an early fix never leaves a cluster worse off), then readmits.
            // Crews shed from `shed_from` on, whichever way the cluster was fixed.
            let blocked = c.levers.gate_target < 1.0;
            let held = t - f > FIXED_STUCK_S && t >= shed_from && c.failing() && sheds;
            if held {
                shed(c, shedding, log, p, t);
            }
            if blocked || held {
                c.crew.stage = Stage::Fixed;
                free -= 1;
            }
            continue;
        }
        if t >= shed_from && sheds {
            shed(c, shedding, log, p, t);
            c.crew.stage = Stage::Shedding;
            free -= 1;
        }
    }
}

/// A crew fires every lever the parameters allow on this cluster.
fn shed(c: &mut Cluster, shedding: &mut Milestone, log: &mut Log, p: &Params, t: f64) {
    shedding.reach(log, t, None, String::new);
    for (on, action) in [(p.block_api, Action::Block), (p.scale_down, Action::ScaleDown), (p.scale_up, Action::ScaleUp)] {
        if on {
            apply_lever(c, action, t);
        }
    }
}

/// Once the root cause is known, engineers try one admin write a minute on each impacted cluster
/// a crew is working on (with break-glass, on every impacted cluster); the first that gets
/// through deletes the agent there.
pub(super) fn admin_attempts(clusters: &mut [Cluster], rng: &mut Pcg32, next_attempt: &mut f64, access: &mut Milestone, log: &mut Log, now: Now) {
    let t = now.t;
    if !(now.root_cause.is_some_and(|rc| t >= rc) && t >= *next_attempt) {
        return;
    }
    *next_attempt = t + ADMIN_ATTEMPT_S;
    for c in clusters.iter_mut() {
        // Drawn for every cluster at every attempt, so one cluster's fate does not shift the
        // random stream of the others.
        let u: f64 = rng.random();
        // Engineers work the clusters their crews are on; the break-glass runbook is run
        // against every impacted cluster.
        let tried = now.break_glass || c.crew.stage.busy();
        if !c.crew.impacted || c.crew.fixed_at.is_some() || !tried {
            continue;
        }
        let ok = if now.break_glass { c.api.exempt_success } else { c.api.admin_success };
        if u < ok {
            c.crew.fixed_at = Some(t);
            access.reach(log, t, Some(c.index), || c.spec.name.clone());
            // A cluster can fall from its own load before the agent reaches it (a described
            // fleet): engineers get in, but there is no agent there to delete.
            if c.agent.land_s.is_some_and(|l| l <= t) {
                log.push(EventKind::AgentDeleted, t, Some(c.index), c.spec.name.clone());
            }
            if c.crew.stage == Stage::Shedding {
                c.crew.stage = Stage::Fixed;
            }
        }
    }
}

/// A cluster's story after this step's physics: it becomes impacted, is readmitted once fixed
/// and drained, and counts as recovered after `HEALTHY_FOR_S` healthy.
pub(super) fn pipeline(c: &mut Cluster, ms: &mut Milestones, log: &mut Log, p: &Params, t: f64) {
    // A restart's grace ends once the replicas coming back are being OOM-killed: from
    // then on the outage is the cluster's own loop, told as such from its first minute.
    if c.restarting_by_hand && c.api.oom_crash > LOOP_BEGUN {
        c.restart_grace_until = t;
        c.restarting_by_hand = false;
    }
    if c.saturated_at.is_none() && (c.saturated() || c.rejecting_agent()) {
        c.saturated_at = Some(t);
        c.saturated_by = Some(if !c.saturated() {
            Saturation::AgentRejected
        } else if c.api.fail > SATURATED_FAIL {
            Saturation::Rejecting
        } else {
            Saturation::Restarting
        });
    }
    if c.cp_ok() < IMPACTED_BELOW && !c.restarting_by_hand {
        c.fell_at.get_or_insert(t);
    }
    c.restarting_since = if c.api.up < RESTARTING_UP && !c.restarting_by_hand { Some(c.restarting_since.unwrap_or(t)) } else { None };
    c.crash_looping = c.restarting_since.is_some_and(|s| t - s >= CRASH_LOOP_S - 1e-9);
    if c.crash_looping {
        c.crash_looping_at.get_or_insert(t);
    }
    if !c.spec.staging && c.failing() && !c.restarting_by_hand && !c.crew.impacted {
        c.crew.impacted = true;
        c.crew.recovered = false;
        ms.cp_down.reach(log, t, Some(c.index), || c.spec.name.clone());
    }
    if c.crew.stage == Stage::Fixed && c.agent.share <= 0.0 && c.levers.gate <= c.levers.gate_target + 1e-9 {
        let mode = if c.crew.herd && !ms.herd_burned {
            Readmit::Herd { overloaded_since: None }
        } else {
            Readmit::Ramp { at: t, from: c.levers.gate, overloaded_since: None }
        };
        c.crew.stage = Stage::Readmitting(mode);
    }
    if let Stage::Readmitting(mode) = c.crew.stage {
        readmit(c, mode, p, t, ms, log);
    }
    recovery(c, ms, log, t);
}

/// Let traffic back in, all at once or on a ramp that holds while the traffic it let in is
/// rejected. Either way, a control plane down again for `HERD_GIVE_UP_S` makes the crew give
/// up: block, shed load with its levers, and ramp again more slowly.
fn readmit(c: &mut Cluster, mode: Readmit, p: &Params, t: f64, ms: &mut Milestones, log: &mut Log) {
    // Down again: under half the requests served, or most replicas crash-looping (OOM) even
    // while the rest serve — a relist storm feeding itself.
    let down = c.failing();
    let since = |o: Option<f64>| if down { Some(o.unwrap_or(t)) } else { None };
    match mode {
        Readmit::Herd { overloaded_since } => {
            // Everything reconnects and relists at once.
            set_gate(c, 1.0);
            let overloaded_since = since(overloaded_since);
            c.crew.stage = Stage::Readmitting(Readmit::Herd { overloaded_since });
            if overloaded_since.is_some_and(|s| t - s > HERD_GIVE_UP_S) {
                // Burned once, the team readmits this and every later cluster on the ramp.
                c.crew.herd = false;
                ms.herd_burned = true;
                give_up(c, p, t, log, "everyone let back in at once relisted together (a thundering herd)");
            }
        }
        Readmit::Ramp { at, from, overloaded_since } => {
            // Hold (do not advance) while more than 5 % of requests fail: the ramp waits for
            // the traffic it let in to settle, and never winds itself back.
            let at = if c.api.fail > RAMP_BACKOFF_FAIL { (at + DT_S).min(t) } else { at };
            let len = p.ramp_min as f64 * 60.0 * c.crew.ramp_slowdown;
            let g = from + (1.0 - from) * ((t - at) / len).clamp(0.0, 1.0);
            set_gate(c, g);
            let overloaded_since = since(overloaded_since);
            c.crew.stage = Stage::Readmitting(Readmit::Ramp { at, from, overloaded_since });
            if overloaded_since.is_some_and(|s| t - s > HERD_GIVE_UP_S) {
                c.crew.ramp_slowdown *= 2.0;
                give_up(c, p, t, log, "the ramp let in more than the API servers could take");
            }
        }
    }
}

/// A readmission re-overloaded the cluster: tell it, block the API again (where blocking is
/// allowed), shed load with every lever the crews use (scaling down is what a cluster that
/// never had it needs), and go back to waiting for the gate to drain.
fn give_up(c: &mut Cluster, p: &Params, t: f64, log: &mut Log, why: &str) {
    // Told once per cluster: later falls show in its state and lane.
    if !c.crew.fell_again {
        c.crew.fell_again = true;
        log.push(EventKind::ControlPlaneDownAgain, t, Some(c.index), format!("{} — {why}", c.spec.name));
    }
    if !p.block_api {
        // Nothing can block the API: the crew keeps everyone in and waits.
        return;
    }
    c.levers.gate_target = 0.0;
    c.levers.block_at = Some(t);
    for (on, action) in [(p.scale_down, Action::ScaleDown), (p.scale_up, Action::ScaleUp)] {
        if on {
            apply_lever(c, action, t);
        }
    }
    c.crew.stage = Stage::Fixed;
}

/// Open the gate to `g` at once (readmission does not drain).
fn set_gate(c: &mut Cluster, g: f64) {
    let before = c.levers.gate;
    c.levers.gate_target = g;
    c.levers.gate = g;
    admit(&mut c.api, c.levers.gate, before);
}

fn recovery(c: &mut Cluster, ms: &mut Milestones, log: &mut Log, t: f64) {
    if !c.down() {
        return;
    }
    let healthy = c.cp_ok() > HEALTHY_CP && c.dns.cache.empty < HEALTHY_EMPTY && c.levers.gate >= 1.0 && c.agent.share <= 0.0;
    if !healthy {
        c.crew.healthy_since = None;
        return;
    }
    let since = *c.crew.healthy_since.get_or_insert(t);
    if t - since >= HEALTHY_FOR_S {
        c.crew.recovered = true;
        c.crew.stage = Stage::Done;
        if !ms.first_recovered.reach(log, t, Some(c.index), || c.spec.name.clone()) {
            log.push(EventKind::ClusterRecovered, t, Some(c.index), c.spec.name.clone());
        }
    }
}

/// Alerts fire after a minute of saturation somewhere in production; diagnosis follows.
pub(super) fn detection(saturated: bool, since: &mut Option<f64>, ms: &mut Milestones, log: &mut Log, t: f64) {
    if !saturated {
        *since = None;
        return;
    }
    ms.saturated.reach(log, t, None, String::new);
    let start = *since.get_or_insert(t);
    if t - start >= ALERT_AFTER_S && ms.alert.reach(log, t, None, String::new) {
        log.push(EventKind::RootCauseKnown, t + DIAGNOSIS_S, None, String::new());
    }
}

/// Sums over production clusters, weighted by each one's share of customer traffic.
#[derive(Default)]
struct FleetSums {
    user_error: f64,
    demand: f64,
    capacity: f64,
    served: f64,
    dns: f64,
    valid: f64,
    cp_ok: f64,
    admin: f64,
    /// Valid-entry share and traffic weight of impacted clusters only.
    impacted_valid: f64,
    impacted_weight: f64,
}

/// The fleet as customers and engineers see it now; reaches the customer-facing milestones.
pub(super) fn observe(clusters: &[Cluster], run: &Run, shift_share: f64, now: Now, ms: &mut Milestones, peak: &mut Peak, log: &mut Log) -> FleetSample {
    let t = now.t;
    let mut f = FleetSums { admin: 1.0, ..FleetSums::default() };
    for c in clusters.iter().filter(|c| !c.spec.staging) {
        let w = c.spec.nodes * run.inv_traffic;
        let stay = if c.down() { 1.0 - shift_share } else { 1.0 };
        let empty = c.dns.cache.empty;
        f.user_error += w * stay * empty;
        let nominal = c.spec.apiservers * c.spec.cores * c.levers.capacity_factor;
        f.demand += c.api.load_ratio * nominal;
        f.capacity += nominal * c.api.up;
        f.served += w * (1.0 - c.api.fail);
        f.dns += w * c.dns.coredns;
        f.valid += w * (1.0 - empty);
        // Working and reachable: a control plane cut off at the network (a crews' block, a
        // readmission ramp) cannot feed CoreDNS either, so customers' errors never run above
        // the traffic this leaves out.
        if !c.failing() && c.levers.gate >= 1.0 {
            f.cp_ok += w;
        }
        if c.crew.impacted && c.crew.fixed_at.is_none() {
            f.admin = f.admin.min(if now.break_glass { c.api.exempt_success } else { c.api.admin_success });
        }
        if c.crew.impacted {
            f.impacted_valid += w * (1.0 - empty);
            f.impacted_weight += w;
        }
    }
    // One definition of customer impact everywhere (headline, fleet view, charts): some
    // production cluster's customers see more than 2 % of their requests fail.
    if clusters.iter().any(|c| !c.spec.staging && c.dns.cache.empty > CUSTOMER_ERROR_THRESHOLD) {
        ms.customer.reach(log, t, None, String::new);
        peak.steps_over += 1;
    }
    if f.impacted_weight > 0.0 && f.impacted_valid / f.impacted_weight < CACHES_EMPTY_BELOW {
        ms.caches_empty.reach(log, t, None, String::new);
    }
    // A new peak must beat the old one by 0.01 percentage points, so a plateau keeps its start.
    if f.user_error > peak.error + 1e-4 {
        peak.error = f.user_error;
        peak.at = Some(t);
    }
    FleetSample {
        demand: f.demand as f32,
        capacity: f.capacity as f32,
        api_success: f.served as f32,
        admin_success: f.admin as f32,
        dns_health: f.dns as f32,
        cache_valid: f.valid as f32,
        user_error: f.user_error as f32,
        control_plane_ok: f.cp_ok.min(1.0) as f32,
        rollout: (clusters.iter().filter(|c| c.agent.land_s.is_some_and(|l| l <= t)).count() as f64 / clusters.len() as f64) as f32,
        shifted: shift_share as f32,
    }
}

pub(super) fn cluster_sample(c: &Cluster, now: Now) -> ClusterSample {
    ClusterSample {
        load: c.api.load_ratio as f32,
        apiserver_up: c.api.up as f32,
        rejected: c.api.fail as f32,
        dns_health: c.dns.coredns as f32,
        cache_valid: (1.0 - c.dns.cache.empty) as f32,
        error: c.dns.cache.empty as f32,
        agent: c.agent.share as f32,
        relisting: c.relisting_share() as f32,
        storm: c.api.relist_load as f32,
        memory: c.api.memory as f32,
        crash_looping: if c.crash_looping { 1.0 } else { 0.0 },
        down: if c.failing() && !c.restarting_by_hand { 1.0 } else { 0.0 },
        gate: c.levers.gate as f32,
        nodes: c.levers.node_factor as f32,
        capacity: c.levers.capacity_factor as f32,
        admin: if now.break_glass { c.api.exempt_success } else { c.api.admin_success } as f32,
        state: state_of(c),
    }
}

/// A lever starts acting on a cluster; each acts once.
pub(super) fn apply_lever(c: &mut Cluster, action: Action, t: f64) {
    let l = &mut c.levers;
    match action {
        Action::Block => {
            if l.block_at.is_none() {
                l.block_at = Some(t);
                l.gate_target = 0.0;
            }
        }
        Action::ScaleDown => {
            l.scale_down_at.get_or_insert(t);
        }
        Action::ScaleUp => {
            l.scale_up_at.get_or_insert(t);
        }
        Action::BreakGlass | Action::Halt | Action::Restart | Action::RollingRestart | Action::AgentX2 => {}
    }
}

fn state_of(c: &Cluster) -> ClusterState {
    if c.crew.recovered {
        ClusterState::Recovered
    } else if c.crew.impacted && matches!(c.crew.stage, Stage::Readmitting(_) | Stage::Fixed) && c.agent.share <= 0.0 && !c.failing() {
        ClusterState::Recovering
    } else if c.crew.impacted || c.cp_ok() < 0.8 {
        if c.dns.cache.empty > CUSTOMER_ERROR_THRESHOLD {
            ClusterState::Failing
        } else {
            ClusterState::Stale
        }
    } else if c.agent.share > 0.0 {
        ClusterState::AgentRunning
    } else {
        ClusterState::Healthy
    }
}
