//! The default run must tell the December 2024 story: the real timeline within tolerance,
//! and the properties the real incident showed.

use cascade_lab::sim::{simulate, Action, EventKind, Intervention, Params, Trace};

fn within(actual: Option<f64>, target: f64, tol: f64, what: &str) {
    let a = actual.unwrap_or_else(|| panic!("{what}: never happened"));
    assert!((a - target).abs() <= tol, "{what}: {a:.1} min, real {target} ± {tol}");
}

fn run(f: impl FnOnce(&mut Params)) -> Trace {
    let mut p = Params::default();
    f(&mut p);
    simulate(&p)
}

#[test]
fn default_run_reproduces_the_real_timeline() {
    let t = simulate(&Params::default());
    let s = &t.summary;
    within(s.first_alert_min, 1.0, 2.0, "first alert");
    within(s.first_customer_errors_min, 4.0, 2.0, "first customer errors");
    within(s.peak_impact_min, 28.0, 28.0 * 0.15, "peak impact");
    within(s.first_cluster_recovered_min, 84.0, 84.0 * 0.15, "first cluster recovered");
    within(s.all_recovered_min, 266.0, 266.0 * 0.15, "all recovered");
    // The ~20-minute DNS-expiry ramp: errors climb for about the TTL after the fall.
    let down = s.control_plane_down_min.unwrap();
    let ramp = s.peak_impact_min.unwrap() - down;
    assert!((15.0..=35.0).contains(&ramp), "DNS expiry ramp lasted {ramp:.1} min");
    // Alerts came before customers noticed.
    assert!(s.detection_lead_min.unwrap() > 0.0);
    // The fix needed the locked-out API: it landed everywhere only hours later.
    assert!(s.fix_landed_min.unwrap() > 120.0, "fix landed at {:?}", s.fix_landed_min);
    assert!(s.peak_error_rate > 0.3, "peak error {:.2}", s.peak_error_rate);
}

#[test]
fn events_come_in_the_order_of_the_story() {
    let t = simulate(&Params::default());
    let at = |k| t.first(k).unwrap_or_else(|| panic!("{k:?} missing")).t_min;
    let story = [
        EventKind::RolloutStarted,
        EventKind::AgentLands,
        EventKind::ApiSaturated,
        EventKind::FirstAlert,
        EventKind::RootCauseKnown,
        EventKind::RolloutFinished,
        EventKind::TrafficShift,
        EventKind::AccessRegained,
        EventKind::FirstClusterRecovered,
        EventKind::FixLanded,
        EventKind::AllRecovered,
    ];
    assert!(at(EventKind::FirstCustomerErrors) < at(EventKind::PeakImpact));
    assert!(at(EventKind::PeakImpact) < at(EventKind::FirstClusterRecovered));
    for w in story.windows(2) {
        assert!(at(w[0]) <= at(w[1]), "{:?} at {} after {:?} at {}", w[0], at(w[0]), w[1], at(w[1]));
    }
}

#[test]
fn staging_sized_cluster_never_overloads() {
    let t = simulate(&Params::default());
    let staging = &t.per_cluster[0];
    assert!(t.clusters[0].staging);
    assert!(staging.agent.iter().any(|&a| a > 0.99), "staging got the agent");
    assert!(staging.load.iter().all(|&l| l < 0.05), "staging load peaked at {}", staging.load.iter().cloned().fold(0.0, f32::max));
    let preset = simulate(&Params::preset("staging").unwrap());
    assert_eq!(preset.summary.impacted_clusters, 0);
    assert!(preset.summary.peak_error_rate < 0.001);
}

#[test]
fn load_grows_superlinearly_and_only_large_clusters_fall() {
    let t = simulate(&Params::default());
    // Before anyone intervenes, with the agent everywhere: load per cluster vs nodes.
    let i = t.index_at(12.0);
    let mut pts: Vec<(f64, bool)> = (1..t.clusters.len()).map(|c| (t.clusters[c].nodes as f64, t.per_cluster[c].rejected[i] > 0.5)).collect();
    pts.sort_by(|a, b| a.0.total_cmp(&b.0));
    // The agent's own load, before the large clusters get it, grows ~ N²: compare the smallest
    // and the largest cluster that run it by then, still serve everything and ask less CPU than
    // their cores (past that, APF's 429s bring client retries). The agent's load
    // is the cluster's load less what it carried before the rollout reached it (the start).
    let before = t.index_at(-0.5);
    let mut with_agent: Vec<(f64, f64)> = (1..t.clusters.len())
        .filter(|&c| {
            t.per_cluster[c].agent[0] == 0.0
                && t.per_cluster[c].agent[before] > 0.99
                && t.per_cluster[c].rejected[before] < 0.001
                && t.per_cluster[c].load[before] < 1.0
        })
        .map(|c| (t.clusters[c].nodes as f64, (t.per_cluster[c].load[before] - t.per_cluster[c].load[0]) as f64))
        .collect();
    with_agent.sort_by(|a, b| a.0.total_cmp(&b.0));
    let ((n_small, small), (n_large, large)) = (with_agent[0], with_agent[with_agent.len() - 1]);
    assert!(n_large >= 4.0 * n_small, "only clusters of {n_small} – {n_large} nodes have the agent at T−0.5");
    let (ratio, squared) = (large / small, (n_large / n_small).powi(2));
    assert!((ratio / squared - 1.0).abs() <= 0.3, "agent load ×{ratio:.1} for ×{:.1} nodes: nodes² gives ×{squared:.1}", n_large / n_small);
    let fallen: Vec<f64> = pts.iter().filter(|p| p.1).map(|p| p.0).collect();
    let standing: Vec<f64> = pts.iter().filter(|p| !p.1).map(|p| p.0).collect();
    assert!(!fallen.is_empty() && !standing.is_empty());
    let threshold = fallen.iter().cloned().fold(f64::MAX, f64::min);
    assert!(standing.iter().all(|&n| n < threshold), "a cluster below {threshold} nodes fell: fallen {fallen:?}, standing {standing:?}");
    assert!(threshold >= 1_500.0, "clusters of {threshold} nodes fell");

    // Doubling the agent count roughly quadruples the agent's demand on a cluster.
    let demand = |agents: u32| {
        let t = run(|p| {
            p.agents = agents;
            p.rollout = cascade_lab::sim::Rollout::Fleet;
        });
        // medium-c has the agent and is healthy in both runs at this moment.
        t.per_cluster[6].load[t.index_at(-2.0)] as f64
    };
    let (a, b) = (demand(2_000), demand(4_000));
    assert!(b / a > 3.0, "load ratio {:.2} for 2× agents", b / a);
}

#[test]
fn ttl_moves_visible_impact_not_the_control_plane_failure() {
    let s = |ttl: u32| run(|p| p.ttl = ttl).summary;
    let (none, stock, long, longer) = (s(0), s(30), s(1200), s(3600));
    assert_eq!(none.control_plane_down_min, long.control_plane_down_min);
    assert_eq!(stock.control_plane_down_min, longer.control_plane_down_min);
    let ce = |x: &cascade_lab::sim::Summary| x.first_customer_errors_min.unwrap();
    assert!(ce(&none) < 2.0, "TTL 0: customers saw errors at {}", ce(&none));
    assert!(ce(&none) <= ce(&stock) && ce(&stock) < ce(&long) && ce(&long) < ce(&longer));
    assert!(none.peak_impact_min.unwrap() < long.peak_impact_min.unwrap());
    // Alerting on the control plane does not depend on caches.
    assert_eq!(none.first_alert_min, longer.first_alert_min);
}

#[test]
fn lock_out_and_its_exits() {
    let t = simulate(&Params::default());
    let down = t.summary.control_plane_down_min.unwrap();
    let shed = t.first(EventKind::LoadShedding).unwrap().t_min;
    // While overloaded and before load shedding, admin requests essentially never succeed.
    for i in t.index_at(down + 1.0)..t.index_at(shed) {
        assert!(t.fleet.admin_success[i] < 0.01, "admin success {} at {}", t.fleet.admin_success[i], t.t_at(i));
    }
    assert!(t.summary.access_regained_min.unwrap() >= shed);
    // Exit 1: break-glass gets through within minutes.
    let bg = run(|p| p.break_glass = true).summary;
    assert!(bg.access_regained_min.unwrap() < 10.0);
    assert!(bg.fix_landed_min.unwrap() + 60.0 < t.summary.fix_landed_min.unwrap());
    // Exit 2: shedding load earlier regains access earlier.
    let early = run(|p| p.remediate_after = 0).summary;
    assert!(early.access_regained_min.unwrap() < t.summary.access_regained_min.unwrap() - 10.0);
    // No levers, no break-glass: locked out for the whole run.
    let none = run(|p| {
        p.block_api = false;
        p.scale_down = false;
        p.scale_up = false;
    })
    .summary;
    assert_eq!(none.access_regained_min, None);
    assert_eq!(none.all_recovered_min, None);
}

#[test]
fn removing_the_trigger_is_not_enough_while_retries_sustain_overload() {
    // Break-glass deletes the agent within minutes.
    let setup = |block: bool| {
        run(|p| {
            p.break_glass = true;
            p.block_api = block;
            p.scale_down = false;
            p.scale_up = false;
        })
    };
    let alone = setup(false);
    let fixed = alone.per_cluster[1].agent.iter().rposition(|&a| a > 0.0).unwrap();
    let later = (fixed + 60).min(alone.len - 1); // 30 min after the agent is gone
    let c = &alone.per_cluster[1];
    assert!(c.apiserver_up[later] < 0.6 || c.rejected[later] > 0.5, "large-a came back by itself");
    assert_eq!(alone.summary.all_recovered_min, None);
    // Only a strong load reduction exits: blocking the API lets it drain and come back.
    let shed = setup(true);
    assert!(shed.summary.all_recovered_min.is_some());
    let s = &shed.per_cluster[1];
    let end = shed.len - 1;
    assert!(s.apiserver_up[end] > 0.95 && s.rejected[end] < 0.01);
}

/// Readmitted all at once, every informer relists together: a storm of CPU (relists are
/// LISTs, and an expired watch's relist is a consistent read) many times the ramp's. With APF
/// bounding what runs at once and relists paged or served from the watch cache, it passes in
/// minutes and no second fall follows — the grounded model's answer to December's "thundering
/// herd": what re-overloads a cluster is memory, and a herd of informers that hold small pages
/// does not run it out (a fleet whose nodes list every pod does: the multus 2021 shape).
#[test]
fn everything_readmitted_at_once_is_a_relist_storm() {
    let herd = simulate(&Params::preset("herd").unwrap());
    let ramped = simulate(&Params::default());
    let peak = |t: &Trace| t.per_cluster[1].storm.iter().cloned().fold(0.0, f32::max);
    assert!(peak(&herd) > 2.0 * peak(&ramped), "relist load: herd {} vs ramp {}", peak(&herd), peak(&ramped));
    assert!(herd.first(EventKind::ControlPlaneDownAgain).is_none());
    let r = &ramped.per_cluster[1];
    let gone = r.agent.iter().rposition(|&a| a > 0.0).unwrap();
    let worst = r.rejected[gone + 4..].iter().cloned().fold(0.0, f32::max);
    assert!(worst < 0.2, "ramped: after readmission large-a rejected up to {worst}");
}

#[test]
fn phased_rollout_gate_halts_before_the_large_clusters() {
    let t = simulate(&Params::preset("phased-rollout").unwrap());
    assert!(t.first(EventKind::RolloutHalted).is_some());
    assert!(t.first(EventKind::RolloutFinished).is_none());
    for c in 1..=3 {
        assert!(t.per_cluster[c].agent.iter().all(|&a| a == 0.0), "{} got the agent", t.clusters[c].name);
    }
    assert!(t.summary.peak_error_rate < Params::default().cost * 0.1);
}

#[test]
fn interventions_at_a_moment_change_the_outcome() {
    let base = simulate(&Params::default());
    let bg = run(|p| p.interventions = vec![Intervention { t_min: 10.0, action: Action::BreakGlass }]);
    assert!(bg.summary.access_regained_min.unwrap() < base.summary.access_regained_min.unwrap());
    assert!(bg.summary.access_regained_min.unwrap() >= 10.0);
    assert!(bg.first(EventKind::Intervention).is_some());
    let halt = run(|p| p.interventions = vec![Intervention { t_min: -1.0, action: Action::Halt }]);
    assert!(halt.per_cluster[1].agent.iter().all(|&a| a == 0.0), "halted before the large clusters");
    let block = run(|p| p.interventions = vec![Intervention { t_min: 8.0, action: Action::Block }]);
    assert!(block.summary.access_regained_min.unwrap() < base.summary.access_regained_min.unwrap());
    // A cluster blocked by hand is readmitted by a crew once fixed: everything recovers.
    for agents in [7_500, 9_000] {
        let t = run(|p| {
            p.agents = agents;
            p.interventions = vec![Intervention { t_min: 10.0, action: Action::Block }];
        });
        assert!(t.summary.all_recovered_min.is_some(), "{agents} agents, block at T+10: never recovered");
    }
}

/// The watch cache saves the etcd read, not the encoding nor the memory: the same clusters fall.
/// Streamed LISTs (KEP-3157, KEP-5116) hold a chunk each: nothing falls.
#[test]
fn the_watch_cache_saves_cpu_and_streaming_saves_memory() {
    let cached = simulate(&Params::preset("watch-cache").unwrap());
    assert_eq!(cached.summary.impacted_clusters, simulate(&Params::default()).summary.impacted_clusters);
    let streamed = run(|p| p.streaming_lists = true);
    assert_eq!(streamed.summary.impacted_clusters, 0);
    // … nor does a DaemonSet that lists only its own node's pods from the watch cache.
    let own_node = run(|p| {
        p.agent = Some(cascade_lab::sim::agent::AgentSpec {
            replicas: None,
            calls: vec![cascade_lab::sim::agent::Call {
                source: cascade_lab::sim::agent::Source::WatchCache,
                ..cascade_lab::sim::agent::Call::new(cascade_lab::sim::agent::Resource::Pods, cascade_lab::sim::agent::Scope::Node)
            }],
        })
    });
    assert_eq!(own_node.summary.impacted_clusters, 0);
}

#[test]
fn halting_after_the_rollout_finished_says_it_changed_nothing() {
    let late = Params { interventions: vec![Intervention { t_min: 30.0, action: Action::Halt }], ..Params::default() };
    let t = cascade_lab::sim::simulate(&late);
    let halt = t.first(EventKind::RolloutHalted).unwrap();
    assert!(halt.detail.contains("changed nothing"), "{}", halt.detail);
    assert_eq!(t.summary, cascade_lab::sim::simulate(&Params::default()).summary);
    let early = Params { interventions: vec![Intervention { t_min: -5.0, action: Action::Halt }], ..Params::default() };
    let e = cascade_lab::sim::simulate(&early);
    assert_eq!(e.first(EventKind::RolloutHalted).unwrap().detail, "halted by hand");
}

#[test]
fn a_halt_in_the_last_image_pull_still_lets_the_rollout_finish() {
    // Every landing had happened (T+8); a halt 20 s later cancels nothing.
    let p = Params { interventions: vec![Intervention { t_min: 8.3, action: Action::Halt }], ..Params::default() };
    let t = cascade_lab::sim::simulate(&p);
    assert!(t.first(EventKind::RolloutFinished).is_some(), "the rollout still finishes");
    assert!(t.first(EventKind::RolloutHalted).unwrap().detail.contains("changed nothing"));
}

#[test]
fn peak_impact_exists_whenever_customers_saw_errors() {
    for name in ["december-2024", "phased-rollout", "staging"] {
        let t = cascade_lab::sim::simulate(&Params::preset(name).unwrap());
        let s = &t.summary;
        assert_eq!(s.peak_impact_min.is_some(), s.first_customer_errors_min.is_some(), "{name}");
        assert_eq!(t.first(EventKind::PeakImpact).is_some(), s.first_customer_errors_min.is_some(), "{name}");
    }
}

/// An API-server restart is a trigger of its own: every replica is down until it comes back and
/// every watch breaks, so the cluster's informers relist together. On a healthy cluster that is
/// a storm it rides out in minutes; on one whose agent already fills its memory, the loop goes on.
#[test]
fn an_api_server_restart_is_a_trigger() {
    let mut p = Params::default();
    p.set_fleet(Some(cascade_lab::sim::fleet::Fleet { clusters: vec![cascade_lab::sim::fleet::ClusterDesc::new("calm", 1_200)] }));
    p.interventions = vec![Intervention { t_min: -10.0, action: Action::Restart }];
    let t = simulate(&p);
    let c = &t.per_cluster[0];
    let at = t.index_at(-10.0);
    assert!(c.apiserver_up[at] < 0.2, "every replica restarts: {} up", c.apiserver_up[at]);
    let storm = c.storm[at..at + 12].iter().cloned().fold(0.0, f32::max);
    assert!(storm > 0.0, "the informers relist together");
    assert!(c.apiserver_up[t.index_at(-5.0)] > 0.95, "back within minutes");
    // The same restart without it: nothing happens at T−10.
    let quiet = simulate(&Params { interventions: vec![], ..p.clone() });
    assert!(quiet.per_cluster[0].apiserver_up[at] == 1.0);
    // A restart is logged as the person's intervention.
    assert!(t.events.iter().any(|e| e.kind == EventKind::Intervention && e.detail == "Restart API servers"));
}

/// The arithmetic, as the model answers it: a 6,000-node cluster whose every node lists
/// every pod every 30 s falls even from the watch cache (each LIST still holds its response); a
/// DaemonSet listing only its own node's pods from the watch cache every 60 s holds at 5,000
/// nodes and 150,000 pods (the upstream scalability limits), and so does a stock cluster there
/// with no agent at all.
#[test]
fn the_sre_arithmetic_and_the_scalability_limits() {
    use cascade_lab::sim::agent::{AgentSpec, Call, Resource, Scope, Source};
    use cascade_lab::sim::fleet::{ClusterDesc, Fleet};
    let one = |name: &str, nodes: u32, pods: u32| Fleet { clusters: vec![ClusterDesc { pods: Some(pods), ..ClusterDesc::new(name, nodes) }] };
    let agent = |scope, every_s| AgentSpec {
        replicas: None,
        calls: vec![Call { source: Source::WatchCache, every_s: Some(every_s), ..Call::new(Resource::Pods, scope) }],
    };
    let verdict = |fleet: Fleet, agent: Option<AgentSpec>| {
        let mut p = Params::default();
        p.set_fleet(Some(fleet));
        p.agent = agent;
        let t = simulate(&p);
        t.clusters[0].verdict().name()
    };
    assert_eq!(verdict(one("big", 6_000, 25), Some(agent(Scope::Cluster, 30))), "fell");
    assert_eq!(verdict(one("limits", 5_000, 30), Some(agent(Scope::Node, 60))), "ok");
    let mut p = Params::default();
    p.set_fleet(Some(one("limits", 5_000, 30)));
    p.interventions = vec![Intervention { t_min: -30.0, action: Action::Halt }];
    let t = simulate(&p);
    assert_eq!(t.clusters[0].verdict().name(), "ok", "a stock cluster at 5,000 nodes and 150,000 pods, no agent");
}
