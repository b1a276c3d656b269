//! The postmortem's follow-ups as levers: each does what the postmortem hoped, in the model.

use cascade_lab::analysis::followups::{compare, FOLLOW_UPS};
use cascade_lab::sim::{simulate, EventKind, Params};

#[test]
fn serve_stale_hides_the_outage_from_customers_but_not_from_engineers() {
    let base = simulate(&Params::default());
    let p = Params { dns_serve_stale: true, ..Params::default() };
    let stale = simulate(&p);
    // The control plane falls exactly as before and engineers are just as locked out.
    assert_eq!(stale.summary.control_plane_down_min, base.summary.control_plane_down_min);
    assert_eq!(stale.summary.access_regained_min, base.summary.access_regained_min);
    // Customers see ≥ 80 % less of it: only answers whose endpoints churned go wrong. Churn
    // builds up over an outage of hours, so the minutes over the 2 % line shrink less.
    assert!(stale.summary.peak_error_rate <= 0.2 * base.summary.peak_error_rate, "{} vs {}", stale.summary.peak_error_rate, base.summary.peak_error_rate);
    assert!(stale.summary.impact_min < 0.8 * base.summary.impact_min, "{} vs {}", stale.summary.impact_min, base.summary.impact_min);
}

#[test]
fn a_staging_cluster_at_production_scale_with_the_gate_halts_the_rollout_before_production_falls() {
    let mut p = Params::preset("phased-rollout").unwrap();
    p.staging_nodes = 3_000;
    let t = simulate(&p);
    let halted = t.first(EventKind::RolloutHalted).expect("the gate halts the rollout").t_min;
    assert!(t.summary.control_plane_down_min.is_none(), "no production control plane falls");
    // It halted on staging: before the first production wave was due.
    let small_wave = t.per_cluster.iter().zip(&t.clusters).filter(|(_, c)| !c.staging).filter_map(|(s, _)| s.agent.iter().position(|a| *a > 0.0)).min();
    assert_eq!(small_wave, None, "no production cluster ever got the agent (halted at {halted})");
    // The default staging cluster (50 nodes) shows nothing: that is December 2024.
    let small = simulate(&Params::preset("phased-rollout").unwrap());
    assert!(small.per_cluster[0].rejected.iter().all(|r| *r < 0.01));
}

#[test]
fn every_follow_up_is_a_row_and_each_helps_the_december_run() {
    let p = Params::default();
    let base = simulate(&p).summary;
    assert!(base.impact_min > 60.0, "the default run hurts customers for over an hour: {}", base.impact_min);
    let rows = compare(&p, &base);
    assert_eq!(rows.len(), FOLLOW_UPS.len());
    let keys: Vec<&str> = rows.iter().map(|r| r.key).collect();
    assert_eq!(
        keys,
        [
            "phased_rollout",
            "test_at_scale",
            "break_glass",
            "dns_serve_stale",
            "more_crews",
            "shorter_ramp",
            "retry_budget",
            "test_at_scale_gated",
            "faster_recovery"
        ]
    );
    for r in &rows {
        assert!(!r.already, "{}", r.key);
        assert!((r.saved_min - (base.impact_min - r.impact_min)).abs() < 1e-9);
        if r.key == "test_at_scale" {
            // A bigger staging cluster alone catches nothing: nobody watches it. That is the lesson.
            assert!(r.saved_min.abs() < 1.0, "{r:?}");
        } else if r.key == "retry_budget" {
            // APF already bounds what runs at once: retries add 429s, not memory, and never cost
            // minutes either (the crash-looping cluster is remediated like a fallen one).
            assert!(r.saved_min.abs() < 1.0, "{r:?}");
        } else {
            assert!(r.saved_min > 0.0, "{} saves customer-impact minutes: {r:?}", r.key);
        }
    }
    // A bundle says so and lists its parts, each also a row of its own.
    for r in rows.iter().filter(|r| !r.parts.is_empty()) {
        assert!(r.label.starts_with("Bundle"), "{}", r.label);
        assert!(r.parts.len() >= 2 && r.parts.iter().all(|k| keys.contains(k)));
    }
    // A follow-up already in the parameters saves nothing and is not re-simulated.
    let with = Params { break_glass: true, ..Params::default() };
    let rows = compare(&with, &simulate(&with).summary);
    let bg = rows.iter().find(|r| r.key == "break_glass").unwrap();
    assert!(bg.already && bg.saved_min == 0.0);
}

#[test]
fn impact_minutes_count_the_time_above_the_customer_threshold() {
    // Some production cluster's customers see more than 2 % of requests fail.
    let t = simulate(&Params::default());
    let over =
        (0..t.len).filter(|&i| t.per_cluster.iter().zip(&t.clusters).any(|(c, info)| !info.staging && c.error[i] as f64 > 0.02)).count() as f64 * t.dt_min;
    // Samples every 30 s against steps every 10 s: equal within a sample or two at each edge.
    assert!((t.summary.impact_min - over).abs() <= 2.0 * t.dt_min * 2.0, "{} vs {over}", t.summary.impact_min);
    assert_eq!(simulate(&Params::preset("staging").unwrap()).summary.impact_min, 0.0);
}

#[test]
fn a_follow_up_never_lowers_a_setting_that_is_already_better() {
    let mut p = Params::default();
    p.crews = 5;
    p.ramp_min = 10;
    p.retry = cascade_lab::sim::RetryPolicy::Budget;
    p.staging_nodes = 10_000;
    let rows = compare(&p, &simulate(&p).summary);
    for key in ["more_crews", "shorter_ramp", "retry_budget", "faster_recovery", "test_at_scale"] {
        let r = rows.iter().find(|r| r.key == key).unwrap();
        assert!(r.already && r.saved_min == 0.0, "{r:?}");
    }
    for f in FOLLOW_UPS {
        let q = f.applied(&p);
        assert!(q.crews >= p.crews && q.ramp_min <= p.ramp_min && q.staging_nodes >= p.staging_nodes, "{}", f.key);
    }
}

mod fleets {
    include!("../common/fleets.rs");
}

/// With a described fleet, testing at scale grows its staging clusters (not the built-in
/// fleet's `staging_nodes`, which it does not run); a fleet without staging leaves those rows
/// out instead of calling them "already"; the phased rollout replaces a described plan.
#[test]
fn follow_ups_work_with_a_described_fleet() {
    use cascade_lab::sim::simulate_summary;
    let sixty = fleets::with_fleet(fleets::fleet_sixty());
    let at_scale = FOLLOW_UPS.iter().find(|f| f.key == "test_at_scale").unwrap().applied(&sixty);
    let f = at_scale.fleet.as_ref().unwrap();
    assert!(f.clusters.iter().filter(|c| c.staging).all(|c| c.nodes == 3_000));
    assert_eq!(
        f.clusters.iter().filter(|c| !c.staging).collect::<Vec<_>>(),
        sixty.fleet.as_ref().unwrap().clusters.iter().filter(|c| !c.staging).collect::<Vec<_>>()
    );
    assert_eq!(at_scale.agents, sixty.agents, "the largest cluster is still the largest");
    let rows = compare(&sixty, &simulate_summary(&sixty));
    assert_eq!(rows.len(), FOLLOW_UPS.len());
    assert!(!rows.iter().find(|r| r.key == "test_at_scale").unwrap().already);

    let one = fleets::with_fleet(fleets::fleet_one());
    let rows = compare(&one, &simulate_summary(&one));
    let keys: Vec<&str> = rows.iter().map(|r| r.key).collect();
    assert!(!keys.contains(&"test_at_scale") && !keys.contains(&"test_at_scale_gated"), "{keys:?}");
    assert!(keys.contains(&"phased_rollout"));
    for r in &rows {
        let applied = FOLLOW_UPS.iter().find(|f| f.key == r.key).unwrap().applied(&one);
        assert_eq!(r.already, applied == one, "{}", r.key);
    }
    // A described plan gives way to the named phased plan.
    let mut planned = sixty.clone();
    let names = cascade_lab::sim::fleet::names(&planned);
    planned.plan = Some(cascade_lab::sim::plan::Plan {
        waves: vec![cascade_lab::sim::plan::Wave { clusters: names, soak_min: 0.0 }],
        gate: cascade_lab::sim::plan::Gate { signal: cascade_lab::sim::plan::GateSignal::None, threshold_pct: 1.0, delay_min: 0.0 },
    });
    let p = FOLLOW_UPS.iter().find(|f| f.key == "phased_rollout").unwrap().applied(&planned);
    assert!(p.plan.is_none() && p.rollout == cascade_lab::sim::Rollout::Phased && p != Params::default());
}

/// Issue 27's 4,500-node cluster under a retry budget once ran six hours in an OOM loop that
/// nobody remediated ("ok", exit 0), and the follow-ups then ranked a retry budget 220 minutes
/// worse than doing nothing. Now its failure is a verdict, the crews remediate it, it recovers,
/// `check` fails, and the budget costs nothing against client-go's retries.
#[test]
fn the_retry_budget_cluster_is_a_failure_that_is_remediated() {
    use cascade_lab::sim::fleet::{ClusterDesc, Fleet};
    use cascade_lab::sim::{RetryPolicy, Verdict};
    let mut p = Params::default();
    p.set_fleet(Some(Fleet { clusters: vec![ClusterDesc::new("big", 4_500)] }));
    let client_go = p.clone();
    p.retry = RetryPolicy::Budget;
    let t = simulate(&p);
    assert!(matches!(t.clusters[0].verdict(), Verdict::Fell { .. } | Verdict::CrashLooping { .. }), "{:?}", t.clusters[0].verdict());
    assert!(t.summary.fix_landed_min.is_some() && t.summary.all_recovered_min.is_some(), "{:?}", t.summary);
    assert!(t.summary.all_recovered_min.unwrap() < 180.0, "recovered within three hours: {:?}", t.summary.all_recovered_min);
    assert!(cascade_lab::analysis::check::check(&p, cascade_lab::analysis::check::Search::VerdictsOnly, 1).any_fell());
    let base = simulate(&client_go);
    let rows = compare(&client_go, &base.summary);
    let budget = rows.iter().find(|r| r.key == "retry_budget").unwrap();
    assert!(budget.saved_min >= -5.0, "a retry budget ranked {} min worse than client-go", -budget.saved_min);
}
