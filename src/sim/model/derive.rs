//! How the agent's load on one cluster is derived, line by line, from the model's own numbers
//! (the request classes `serve` runs on, at the cluster's full size, unloaded, before retries):
//! what one call costs, what the calls ask of the cores, and what APF's seats let into memory
//! at once. `cascade check` prints it; the fleet editor shows it.

use super::apiserver::{level_limits, width, Class, Clients};
use super::constants::{Level, LEVELS};
use crate::sim::agent::{fmt3, AgentSpec};
use crate::sim::fleet::Resolved;
use crate::sim::params::Params;
use crate::text::group_thousands;

/// The derivation for cluster `r` with the agent `agent` (the run's when `None`).
pub fn derive(p: &Params, r: &Resolved, agent: Option<&AgentSpec>) -> Vec<String> {
    let mut q = p.clone();
    if let Some(a) = agent {
        q.agent = Some(a.clone());
    }
    let spec = super::cluster_spec(&q, r);
    let mut lines = Vec::new();
    let calls = q.agent.clone().unwrap_or_else(AgentSpec::december).calls;
    let (mut cores_asked, mut need, mut held_at_once) = (0.0, 0.0, 0.0);
    for (k, call) in spec.agent.iter().zip(&calls) {
        let clients = match k.clients {
            Clients::PerNode => r.nodes,
            Clients::Fixed(n) => n,
        };
        let cpu = k.cpu_s.at(1.0);
        let w = width(k.objects.at(1.0), spec.list_seats);
        // A poller calls again `every_s` after its last call returned: one call per
        // every_s + latency (unloaded here), as `Class::poll_rate` reads it.
        let period = if k.watch {
            String::new()
        } else {
            format!("; one every {} s per agent ({} s after the last one returned)", fmt3(k.every_s + cpu), fmt3(k.every_s))
        };
        lines.push(format!(
            "{}: {} s of CPU and {} GB held while in flight, {} seat{} of APF{period}",
            call.describe(),
            fmt3(cpu),
            fmt3(k.held_gb.at(1.0)),
            fmt3(w),
            if w == 1.0 { "" } else { "s" }
        ));
        let rate = per_second(k, clients, cpu);
        cores_asked += rate * cpu;
        need += rate * cpu * w;
        held_at_once += rate * cpu * k.held_gb.at(1.0);
    }
    let cores = spec.apiservers * spec.cores;
    // Who makes the calls: a pod on every node (a DaemonSet), or a Deployment's replicas.
    let who = match q.agent.as_ref().and_then(|a| a.replicas) {
        Some(1) => "1 replica's".to_string(),
        Some(n) => format!("{} replicas'", group_thousands(n as i64)),
        None if r.nodes.round() == 1.0 => "1 agent's".to_string(),
        None => format!("{} agents'", group_thousands(r.nodes.round() as i64)),
    };
    if cores_asked == 0.0 && spec.agent.iter().all(|k| k.watch) {
        lines.push(format!("{who} informers ask no steady CPU: each LISTs once, then watches (the relist below is their price)"));
    } else {
        lines.push(format!(
            "{who} calls ask {} cores of CPU, against {} ({} × {}): the agent alone, {}× the cores (a run adds retries and relists)",
            fmt3(cores_asked),
            group_thousands(cores.round() as i64),
            crate::text::count(r.apiservers as i64, "API server", "API servers"),
            r.cores,
            fmt3(cores_asked / cores)
        ));
    }
    lines.push(seats_line(&spec, need, held_at_once, r));
    // Informers cost nothing steady; what they cost is the relist when their watches break.
    let (mut relist_seats, mut relist_held) = (0.0, 0.0);
    for k in spec.agent.iter().filter(|k| k.watch) {
        let clients = match k.clients {
            Clients::PerNode => r.nodes,
            Clients::Fixed(n) => n,
        };
        let w = width(k.objects.at(1.0), spec.list_seats);
        relist_seats += clients * k.count * w;
        relist_held += clients * k.count * k.held_gb.at(1.0);
    }
    if relist_seats > 0.0 {
        lines.push(format!(
            "if every watch breaks (an API server restarts): {}",
            seats_line(&spec, relist_seats, relist_held, r).replacen("in flight at once: ", "", 1)
        ));
    }
    lines
}

/// Requests per second a class offers at full size, unloaded: a poller's round every interval
/// plus the call itself; an informer lists once (no steady rate).
fn per_second(k: &Class, clients: f64, cpu: f64) -> f64 {
    if k.watch {
        0.0
    } else {
        k.poll_rate(clients, cpu, 1.0, 1.0)
    }
}

/// What the seats let in at once, and the memory that holds per replica.
fn seats_line(spec: &super::world::ClusterSpec, need: f64, held_at_once: f64, r: &Resolved) -> String {
    let mut want = [0.0; LEVELS];
    want[Level::WorkloadLow as usize] = need;
    let limit = level_limits(spec.apiservers * spec.seats, &want)[Level::WorkloadLow as usize];
    let nominal = level_limits(spec.apiservers * spec.seats, &[0.0; LEVELS])[Level::WorkloadLow as usize];
    let share = if need > 0.0 { (limit / need).min(1.0) } else { 1.0 };
    let per_replica = held_at_once * share / spec.apiservers + spec.base_mem_gb.at(1.0);
    format!(
        "in flight at once: {} seats wanted, {} available to workload-low{}: {} GB per API server with its watch cache, against {} GB{}",
        group_thousands(need.round() as i64),
        group_thousands(limit.round() as i64),
        if limit > nominal + 0.5 { " (its share and what other levels lend it)" } else { " (its share)" },
        fmt3(per_replica),
        r.apiserver_mem_gb,
        if per_replica > spec.mem_gb { ": OOM-killed" } else { "" }
    )
}

/// **The agent alone**, the one definition: the CPU its calls ask on cluster `r` at full size,
/// unloaded and before retries, ÷ the cluster's cores (what `derive` prints as "× the cores";
/// the run's `load` adds retries and relists and is named differently).
pub fn agent_cores_x(p: &Params, r: &Resolved) -> f64 {
    let spec = super::cluster_spec(p, r);
    let asked: f64 = spec
        .agent
        .iter()
        .map(|k| {
            let clients = match k.clients {
                Clients::PerNode => r.nodes,
                Clients::Fixed(n) => n,
            };
            let cpu = k.cpu_s.at(1.0);
            per_second(k, clients, cpu) * cpu
        })
        .sum();
    asked / (spec.apiservers * spec.cores)
}

/// The most memory one of the agent's LISTs holds while in flight on cluster `r`, GB (the
/// model's own figure: what `derive` prints per call).
pub fn agent_held_gb(p: &Params, r: &Resolved) -> f64 {
    super::cluster_spec(p, r).agent.iter().map(|k| k.held_gb.at(1.0)).fold(0.0, f64::max)
}
