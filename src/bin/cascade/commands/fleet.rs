//! `cascade fleet`: a fleet file — the commented example, December 2024's, or the run's own.

use crate::cli::*;

pub const FLEET_HELP: &str = "\
Prints a fleet file (TOML). --example: a commented example (eight clusters, an agent listing
pods and nodes every 30 s, a canary plan with a gate) to copy and edit. --december: the built-in
fleet, its agent as calls and December's plan; loading it runs exactly the default run. Without
either: the fleet, agent and plan the other flags describe (e.g. --fleet FILE --pods 40), with
every parameter that differs from December 2024 under [defaults], so the file reproduces the run.

A file holds [[clusters]] (name, nodes; optional pods, apiservers, seats, apiserver_mem_gb,
watch_cache, ttl, dns_serve_stale, wave, at, staging — left out, the fleet-wide value), [defaults]
(fleet-wide parameter values by key), [agent] (poll_s, cost, [[agent.calls]]: resource, scope,
source, objects, count) and [plan] (name = \"december\" | \"phased\", or [[plan.waves]]: clusters,
soak_min; [plan.gate]: signal, threshold_pct, delay_min).";

/// The example `--example` prints: a file in docs/, so docs/fleets.md and the tests read the same one.
pub const EXAMPLE: &str = include_str!("../../../../docs/fleets/example.toml");

pub fn fleet_cmd(m: &ArgMatches) -> Result<String, String> {
    let (example, december) = (m.get_flag("example"), m.get_flag("december"));
    if (example || december) && !given(m, &["example", "december"]).is_empty() {
        return Err(
            "fleet: --example and --december print their files as they are; drop the other flags (or write the run: cascade fleet --fleet FILE --KEY VALUE)"
                .into(),
        );
    }
    let p = params_from(m, &["example", "december"])?;
    match (example, december) {
        (true, true) => Err("fleet: --example and --december are two different files; give one".into()),
        (true, false) => Ok(EXAMPLE.to_string()),
        (false, true) => Ok(fleet_file::december()),
        (false, false) => Ok(fleet_file::to_toml(&p)),
    }
}
