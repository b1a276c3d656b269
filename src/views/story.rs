//! The event log's sentences, written from the run: each explanation says only what holds in
//! this run at that event (checked over every preset and random runs by `tests/native/claims.rs`).
//! `EventKind::explain` is the December 2024 wording; `explain` here picks or adapts it.

use crate::sim::{Action, Event, EventKind, Params, Rollout, Trace};

/// The sample index of an event's step (events are logged at the step they act in).
fn at(t: &Trace, e: &Event) -> usize {
    t.index_before(e.t_min + 1e-9)
}

/// Some production cluster's customers over 2 % failing at sample `i`.
pub fn customers_failing(t: &Trace, i: usize) -> bool {
    t.per_cluster.iter().zip(&t.clusters).any(|(c, info)| !info.staging && c.error[i] as f64 > 0.02)
}

/// A production control plane was down at or before `t_min`.
fn fell_by(t: &Trace, t_min: f64) -> bool {
    t.first(EventKind::ControlPlaneDown).is_some_and(|d| d.t_min <= t_min)
}

/// The one sentence under an event in the log, true of this run.
pub fn explain(e: &Event, t: &Trace, p: &Params) -> String {
    let i = at(t, e);
    // Waves behind a gate: the phased plan, or a described plan with a gate.
    let phased = match &p.plan {
        Some(plan) => plan.gate.signal != crate::sim::plan::GateSignal::None,
        None => p.rollout == Rollout::Phased,
    };
    match e.kind {
        EventKind::RolloutStarted if phased && p.plan.is_none() && one_wave(t) => {
            "The new telemetry agent starts rolling out to every cluster at once: this fleet's clusters name no waves (or all the same one), so the phased plan's gate has no next wave to hold back.".into()
        }
        EventKind::RolloutStarted if p.plan.is_some() || (phased && p.fleet.is_some()) => described_start(p),
        EventKind::RolloutStarted if !phased && p.fleet.is_none() && p.preset.def().incident == crate::sim::Incident::December2024 => {
            "The new telemetry agent starts rolling out: small clusters first, the largest later, medium-a last. Staging had it a few minutes before (really, the day before).".into()
        }
        EventKind::RolloutStarted if phased => "The new telemetry agent starts rolling out in waves: staging first, then small, medium and large clusters, with a gate that halts on an unhealthy control plane.".into(),
        // A described fleet has no staging of December's, nor its "large clusters".
        EventKind::RolloutStarted if p.fleet.is_some() => format!("The agent starts rolling out over the fleet's clusters, within {} min.", p.rollout_min),
        EventKind::AgentLands if p.fleet.is_some() || p.agent.is_some() => {
            let name = e.cluster.and_then(|c| t.clusters.get(c)).map_or("the largest cluster", |c| c.name.as_str());
            let who = match p.agent.as_ref().and_then(|a| a.replicas) {
                Some(r) => format!("The agent's {r} replicas start on {name}, the largest cluster"),
                None => format!("Every node of {name}, the largest cluster, starts the agent"),
            };
            let what = match &p.agent {
                None => "each one LISTs the whole cluster, so load grows with nodes²",
                Some(a) if a.calls.iter().all(|c| c.watch) => "each LISTs what it watches once, then watches: cheap until the watches break",
                Some(_) => "each makes its calls at its own interval",
            };
            format!("{who}; {what}.")
        }
        EventKind::ApiSaturated => "Some client's requests go past their priority level's seats or the timeout, or an API server restarts: requests are refused, rejected (429) or time out, and clients retry.".into(),
        EventKind::AgentDeleted if p.agent.as_ref().is_some_and(|a| a.replicas.is_some()) => "An admin write got through in this cluster: the agent's Deployment is deleted; its pods go over 3 min.".into(),
        EventKind::ControlPlaneDown => {
            let c = e.cluster.unwrap_or(0);
            if (t.per_cluster[c].apiserver_up[i] as f64) < 0.99 {
                e.kind.explain().into()
            } else {
                "The API servers' seats are full: APF answers most requests with 429s, and every client retries.".into()
            }
        }
        EventKind::FirstAlert if customers_failing(t, i) => "Control-plane alerts fire, but customers are already seeing errors: their DNS caches expired before anyone was paged.".into(),
        EventKind::RootCauseKnown => {
            let locked = t.fleet.admin_success[i] < 0.5;
            if locked {
                e.kind.explain().into()
            } else {
                "Engineers tie the failure to the agent; the API still takes their admin writes.".into()
            }
        }
        EventKind::FirstCustomerErrors if p.dns_serve_stale => "Caches serve stale answers, but some endpoints moved while DNS could not sync: those requests fail.".into(),
        EventKind::RolloutFinished => rollout_finished(e, t, p, phased),
        EventKind::RolloutHalted => {
            if e.detail.contains("before it reached") {
                "You halted the rollout before it reached any cluster: nothing gets the agent.".into()
            } else if e.detail.contains("changed nothing") {
                "You halted the rollout after it had finished: every cluster already had the agent.".into()
            } else if e.detail.contains("by hand") {
                "You halted the rollout: clusters it had not reached yet never get the agent.".into()
            } else {
                e.kind.explain().into()
            }
        }
        EventKind::PeakImpact => "The highest share of all customers' requests failing, fleet-wide.".into(),
        EventKind::LoadShedding => {
            let levers: Vec<&str> = [(p.scale_down, "scales nodes down"), (p.block_api, "blocks the API at the network"), (p.scale_up, "adds API servers")].into_iter().filter(|(on, _)| *on).map(|(_, w)| w).collect();
            format!("The team {} on the largest impacted cluster first.", join(&levers))
        }
        EventKind::AccessRegained if p.break_glass || p.interventions.iter().any(|iv| iv.action == Action::BreakGlass && iv.t_min <= e.t_min) => {
            "An admin request gets through the break-glass priority level: the agent can be deleted.".into()
        }
        _ => e.kind.explain().into(),
    }
}

/// The rollout's last landing: whether a gate was passed, missed the fall, or had nothing to halt.
fn rollout_finished(e: &Event, t: &Trace, p: &Params, phased: bool) -> String {
    if !fell_by(t, e.t_min) {
        if phased && p.plan.is_none() && one_wave(t) {
            "The agent now runs on every cluster: in one wave, the gate had nothing to halt.".into()
        } else if phased {
            "Every wave passed the control-plane gate: the agent runs everywhere.".into()
        } else {
            "The agent now runs on every cluster.".into()
        }
    } else if phased {
        "The gate did not see the fall in time: the last wave landed on a failing fleet.".into()
    } else {
        e.kind.explain().into()
    }
}

/// The phased plan over a fleet whose production clusters all sit in one wave (blank waves in
/// a described fleet): every cluster lands at once and the gate has no next wave to halt.
fn one_wave(t: &Trace) -> bool {
    let mut waves = t.clusters.iter().filter(|c| !c.staging).map(|c| c.settings.wave);
    waves.next().is_some_and(|w| waves.all(|v| v == w))
}

/// How a described plan, or the phased plan over a described fleet, starts: its waves and gate.
fn described_start(p: &Params) -> String {
    use crate::sim::plan::GateSignal;
    let Some(plan) = &p.plan else {
        return "The new telemetry agent starts rolling out wave by wave, in the fleet's waves, with a gate that halts on an unhealthy control plane.".into();
    };
    let n = plan.waves.len();
    let waves = if n == 1 { "in one wave".to_string() } else { format!("in {n} waves") };
    let watched = match plan.gate.signal {
        GateSignal::None => return format!("The new telemetry agent starts rolling out {waves}, with no gate to halt it."),
        GateSignal::Rejections => "429s",
        GateSignal::Restarts => "API server restarts",
        GateSignal::Either => "429s or API server restarts",
    };
    format!("The new telemetry agent starts rolling out {waves}, with a gate that halts on {watched} over {} %.", plan.gate.threshold_pct)
}

fn join(words: &[&str]) -> String {
    match words {
        [] => "sheds load".into(),
        [one] => (*one).into(),
        [init @ .., last] => format!("{}, and {last}", init.join(", ")),
    }
}

/// The log's closing line when no production control plane fails; names staging's fall.
pub fn no_fall_note(t: &Trace) -> Option<String> {
    if t.first(EventKind::ControlPlaneDown).is_some() {
        return None;
    }
    let staging_fell = t.clusters.iter().zip(&t.per_cluster).any(|(info, s)| info.staging && (0..t.len).any(|i| s.cp_down(i)));
    Some(if staging_fell {
        "No production control plane fails in this run; staging's does (it serves no customers).".into()
    } else {
        "No control plane fails in this run.".into()
    })
}
