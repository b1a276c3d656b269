//! The second public incident: openshift/multus-admission-controller#40 (December 2021). A
//! 225-node cluster holds under a webhook whose pod informer on every node watches every pod;
//! restarting its API servers breaks every watch, the relists overflow memory, and the OOM loop
//! outlives its trigger (metastable) — unless the API servers have more memory, stream their
//! LISTs, or the relists are paced. The preset and `docs/fleets/multus-2021.toml` are one run.

use cascade_lab::formats::fleet_file;
use cascade_lab::sim::{simulate, simulate_outcome, Action, Params, Preset, Verdict};

fn multus() -> Params {
    Params::from_preset(Preset::Multus2021)
}

/// The cluster's verdict with nobody removing the webhook (crews start after the run).
fn alone(f: impl FnOnce(&mut Params)) -> Verdict {
    let mut p = multus();
    p.remediate_after = 180;
    f(&mut p);
    simulate_outcome(&p).1[0].verdict()
}

fn loops(v: Verdict) -> bool {
    matches!(v, Verdict::CrashLooping { .. } | Verdict::Fell { .. })
}

#[test]
fn the_fleet_file_is_the_preset() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/fleets/multus-2021.toml");
    let text = std::fs::read_to_string(path).unwrap();
    let mut p = Params { preset: Preset::Multus2021, ..Params::default() };
    fleet_file::parse(path, &text).unwrap().apply(&mut p, path).unwrap();
    assert_eq!(p, multus());
    // The report's cluster: 225 nodes × 60 pods, three 16-core/64-GB API servers.
    let c = &simulate(&p).clusters[0];
    assert_eq!((c.nodes, c.settings.pods, c.settings.apiservers, c.settings.cores, c.settings.apiserver_mem_gb), (225, 60, 3, 16, 64));
}

#[test]
fn it_holds_without_a_restart() {
    assert_eq!(alone(|p| p.interventions.clear()), Verdict::Ok);
}

#[test]
fn after_a_restart_it_stays_in_an_oom_loop_on_its_own() {
    let mut p = multus();
    p.remediate_after = 180;
    let t = simulate(&p);
    let r = p.interventions.iter().find(|i| i.action == Action::Restart).unwrap().t_min;
    assert!(loops(t.clusters[0].verdict()), "{:?}", t.clusters[0].verdict());
    let s = &t.per_cluster[0];
    // An hour after the trigger, nobody having touched it: still OOM-restarting, memory past
    // its limit, most replicas down.
    for later in [r + 20.0, r + 60.0, r + 120.0] {
        let i = t.index_at(later);
        assert!(s.crash_looping[i] > 0.5, "crash-looping at T+{later}");
        assert!(s.apiserver_up[i] < 0.5, "{} up at T+{later}", s.apiserver_up[i]);
        assert!(s.memory[i] > 1.0, "memory {} at T+{later}", s.memory[i]);
    }
    // The default run, where crews remove the webhook, recovers.
    let fixed = simulate(&multus());
    assert!(fixed.summary.all_recovered_min.is_some());
}

#[test]
fn more_memory_streaming_or_paced_relists_break_the_loop() {
    assert_eq!(alone(|p| p.apiserver_mem_gb = 128), Verdict::Ok);
    assert_eq!(alone(|p| p.streaming_lists = true), Verdict::Ok);
    assert_eq!(alone(|p| p.retry = cascade_lab::sim::RetryPolicy::Jittered), Verdict::Ok);
    // And a smaller pod (the report gives no size) is the assumption the loop depends on.
    assert_eq!(alone(|p| p.object_kb = 10.0), Verdict::Ok);
}

#[test]
fn a_restart_that_the_cluster_rides_out_is_no_verdict() {
    // With twice the memory, the restart's own minutes are not a fall, a crash loop or an
    // alert: nothing to remediate, nothing that never "recovers".
    let mut p = multus();
    p.apiserver_mem_gb = 128;
    let t = simulate(&p);
    assert_eq!(t.clusters[0].verdict(), Verdict::Ok);
    assert_eq!(t.summary.impacted_clusters, 0);
    assert!(t.summary.control_plane_down_min.is_none() && t.summary.all_recovered_min.is_none());
}

/// A rolling restart (one replica at a time) breaks a third of the watches at once: the relists
/// fit, and the cluster the full restart sends into its loop rides it out.
#[test]
fn a_rolling_restart_spares_the_loop() {
    let rolling = alone(|p| p.interventions = vec![cascade_lab::sim::Intervention { t_min: 30.0, action: Action::RollingRestart }]);
    assert!(!loops(rolling), "{rolling:?}");
    let mut p = multus();
    p.interventions = vec![cascade_lab::sim::Intervention { t_min: 30.0, action: Action::RollingRestart }];
    let t = simulate(&p);
    let s = &t.per_cluster[0];
    // Each replica goes down in turn: never more than one of three at the moment it restarts.
    let at = t.index_at(30.0);
    assert!((0.6..0.75).contains(&s.apiserver_up[at]), "{}", s.apiserver_up[at]);
    assert!(t.events.iter().any(|e| e.detail == "Rolling restart"));
}

/// A client's rate changing is a trigger too: a cluster that takes the agent as it is starts
/// meeting 429s the moment its calls double.
#[test]
fn the_agent_doubling_its_calls_is_a_trigger() {
    use cascade_lab::sim::fleet::{ClusterDesc, Fleet};
    let mut p = Params::default();
    p.set_fleet(Some(Fleet { clusters: vec![ClusterDesc::new("m", 1_200)] }));
    assert_eq!(simulate_outcome(&p).1[0].verdict(), Verdict::Ok);
    p.interventions = vec![cascade_lab::sim::Intervention { t_min: 60.0, action: Action::AgentX2 }];
    match simulate_outcome(&p).1[0].verdict() {
        Verdict::Saturated { at_min } => assert!((60.0..62.0).contains(&at_min), "{at_min}"),
        v => panic!("{v:?}"),
    }
}

/// `check`'s derivation prints what the model runs on: an informer costs no steady CPU; its
/// price is the relist when every watch breaks — 225 one-seat relists of ~0.81 GB each, held
/// with the watch cache against 64 GB per replica (the model's own `agent_held_gb`).
#[test]
fn the_derivation_prices_the_relist() {
    let p = multus();
    let r = &cascade_lab::sim::fleet::resolve(&p)[0];
    let lines = cascade_lab::sim::model::derive(&p, r, None);
    let held = cascade_lab::sim::model::agent_held_gb(&p, r);
    assert!((held - 13_500.0 * 12.0 * 5.0 * 1e-6).abs() < 1e-9, "{held}");
    assert!(lines[0].contains(&format!("{} GB held while in flight", cascade_lab::sim::agent::fmt3(held))), "{lines:?}");
    let relist = lines.iter().find(|l| l.starts_with("if every watch breaks")).unwrap_or_else(|| panic!("{lines:?}"));
    assert!(relist.contains("225 seats wanted") && relist.contains("against 64 GB"), "{relist}");
}
