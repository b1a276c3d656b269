//! Sweeps: the cliff of this outage, drawn by simulating every cell.

use cascade_lab::analysis::sweep::{Axis, Metric, Sweep, SweepError, METRICS, SWEEP_PRESETS};
use cascade_lab::sim::{simulate, simulate_summary, Params};

fn agents_ttl() -> Sweep {
    let x = Axis::parse("agents=100..20000:12:log").unwrap();
    let y = Axis::parse("ttl=0..3600:7").unwrap();
    let mut s = Sweep::new(x, y, Metric::find("first_customer_errors_min").unwrap(), Params::default()).unwrap();
    s.run_all(2);
    s
}

#[test]
fn the_agents_by_ttl_sweep_shows_the_cliff() {
    let s = agents_ttl();
    for (i, &agents) in s.xs.iter().enumerate() {
        for j in 0..s.ys.len() {
            let fell = s.fell(i, j).unwrap();
            if agents <= 1_000.0 {
                assert!(!fell, "no production control plane falls at {agents} agents (ttl {})", s.ys[j]);
            }
            if agents >= 5_000.0 {
                assert!(fell, "it falls at {agents} agents whatever the TTL (ttl {})", s.ys[j]);
            }
        }
    }
    assert!(!s.boundary().is_empty(), "the cliff is drawn");
    // Along the TTL axis the control plane falls at the same moment, but customers notice later.
    let i = s.xs.iter().position(|a| *a >= 5_000.0).unwrap();
    let down: Vec<_> = (0..s.ys.len()).map(|j| s.summary(i, j).unwrap().control_plane_down_min).collect();
    assert!(down.windows(2).all(|w| w[0] == w[1]), "TTL does not move the control-plane failure: {down:?}");
    let seen: Vec<f64> = (0..s.ys.len()).map(|j| s.value(i, j).unwrap()).collect();
    assert!(seen.windows(2).all(|w| w[0] <= w[1]) && seen[seen.len() - 1] > seen[0] + 5.0, "longer TTL, later customer errors: {seen:?}");
}

#[test]
fn a_cell_equals_the_run_with_those_parameters() {
    let s = agents_ttl();
    for (i, j) in [(0, 0), (5, 3), (11, 6)] {
        let mut p = Params::default();
        p.set_value("agents", s.xs[i]);
        p.set_value("ttl", s.ys[j]);
        assert_eq!(s.summary(i, j).unwrap(), &simulate(&p).summary);
    }
}

#[test]
fn summary_only_runs_equal_full_runs() {
    for name in ["december-2024", "break-glass", "phased-rollout", "herd", "datadog-2023", "staging"] {
        let p = Params::preset(name).unwrap();
        assert_eq!(simulate_summary(&p), simulate(&p).summary, "{name}");
    }
}

#[test]
fn axes_are_parsed_strictly_and_hold_exact_schema_values() {
    let a = Axis::parse("agents=100..100000:4:log").unwrap();
    assert_eq!(a.values(), vec![100.0, 1_000.0, 10_000.0, 100_000.0]);
    assert_eq!(Axis::parse("cost=0.1..10:3").unwrap().values(), vec![0.1, 5.05, 10.0]);
    assert_eq!(a.to_text(), "agents=100..100000:4:log");
    for bad in [
        "agents",
        "agents=1..2",
        "agents=100..1000:1",
        "agents=100..1000:65",
        "nodes=1..5:3",
        "rollout=0..1:2",
        "seed=1..9:3",
        "ttl=0..3600:4:log",
        "agents=1..5:3:lin",
        "agents=50..50:3",
        "agents=100...1000:3",
    ] {
        let e = Axis::parse(bad).unwrap_err();
        assert!(e.to_string().starts_with("sweep:"), "{bad}: {e}");
    }
    // Errors are typed: a bound is checked as its key's flag checks it, and said the same way.
    use cascade_lab::analysis::sweep::AxisError;
    use cascade_lab::sim::ParamError;
    assert_eq!(Axis::parse("agents=100...1000:3"), Err(AxisError::Syntax("agents=100...1000:3".into())));
    assert_eq!(Axis::parse("agents=1..1000:3"), Err(AxisError::Bound(ParamError::OutOfRange { key: "agents", value: "1".into() })));
    assert_eq!(Axis::parse("agents=a..b:3"), Err(AxisError::Bound(ParamError::NotANumber { key: "agents", value: "a".into() })));
    assert_eq!(Axis::parse("agents=1..1000:3").unwrap_err().to_string(), "agents: 1 is out of range; valid: 10 – 100000 nodes");
    assert_eq!(Axis::parse("nodes=1..5:3"), Err(AxisError::UnknownKey("nodes".into())));
    assert_eq!(Axis::parse("agents=100..1000:1"), Err(AxisError::Steps { key: "agents", steps: 1 }));
    // Leniently (links), bounds are clamped into range, and the axis says whether they moved.
    let (a, moved) = Axis::parse_clamped("agents=1..1e9:4:log").unwrap();
    assert_eq!((a.to_text().as_str(), moved), ("agents=10..100000:4:log", true));
    assert_eq!(Axis::parse_clamped("agents=100..1000:4").map(|(_, moved)| moved), Ok(false));
    assert_eq!(Axis::parse_clamped("agents=100...1000:4").map(|(_, moved)| moved), Err(AxisError::Syntax("agents=100...1000:4".into())));
    assert_eq!(Metric::find("nope").unwrap_err(), SweepError::UnknownMetric("nope".into()));
    assert!(Metric::find("nope").unwrap_err().to_string().contains("impact_min"));
    assert!(Sweep::new(a.clone(), a, METRICS[0], Params::default()).is_err(), "x and y must differ");
}

#[test]
fn every_summary_key_is_a_metric_and_every_preset_parses() {
    let json = serde_json::to_value(simulate_summary(&Params::default())).unwrap();
    for key in json.as_object().unwrap().keys() {
        assert!(Metric::find(key).is_ok(), "summary key {key} is not a sweep metric");
    }
    for p in SWEEP_PRESETS {
        let s = Sweep::new(Axis::parse(p.x).unwrap(), Axis::parse(p.y).unwrap(), Metric::find(p.metric).unwrap(), Params::default());
        assert!(s.is_ok(), "{}", p.name);
    }
}

#[test]
fn stepping_fills_cells_in_order_and_json_has_nulls_for_never() {
    let mut s = Sweep::new(
        Axis::parse("agents=100..10000:3:log").unwrap(),
        Axis::parse("ttl=30..1200:2").unwrap(),
        Metric::find("fix_landed_min").unwrap(),
        Params::default(),
    )
    .unwrap();
    assert!(!s.step(4));
    assert_eq!(s.computed(), 4);
    assert!(s.value(0, 1).is_none() && s.summary(0, 1).is_some(), "100 agents: nothing to fix, computed");
    assert!(s.summary(2, 1).is_none(), "not computed yet");
    assert!(s.step(100));
    let v: serde_json::Value = serde_json::from_str(&s.to_json()).unwrap();
    assert_eq!(v["x"]["key"], "agents");
    assert_eq!(v["y"]["values"], serde_json::json!([30.0, 1200.0]));
    assert!(v["values"][0][0].is_null());
    assert!(v["values"][1][2].as_f64().unwrap() > 0.0);
    assert_eq!(cascade_lab::formats::csvw::sweep_grid_csv(&s).lines().count(), 1 + 6);
}

#[test]
fn cells_put_from_elsewhere_meet_the_stepped_ones_and_give_the_same_grid() {
    // The app's Web Worker computes cells from the end while the page steps from the start.
    let x = Axis::parse("agents=100..20000:6:log").unwrap();
    let y = Axis::parse("ttl=0..3600:4").unwrap();
    let m = Metric::find("impact_min").unwrap();
    let mut whole = Sweep::new(x.clone(), y.clone(), m, Params::default()).unwrap();
    whole.step(usize::MAX);
    let mut split = Sweep::new(x, y, m, Params::default()).unwrap();
    let n = split.len();
    for k in (n - 9..n).rev() {
        let (i, j) = (k % 6, k / 6);
        split.put(k, simulate_summary(&split.params_at(i, j)));
    }
    split.put(n - 1, Default::default()); // a duplicate is ignored
    assert_eq!(split.computed(), 9);
    assert!(!split.step(10));
    assert_eq!((split.computed(), split.next_cell()), (19, 10));
    assert!(split.step(usize::MAX), "stepping skips the cells already put");
    assert_eq!((split.computed(), split.next_cell()), (n, n));
    assert_eq!(split.to_json(), whole.to_json());
    // The CLI's threads skip them too.
    let mut threaded = Sweep::new(whole.x.clone(), whole.y.clone(), m, Params::default()).unwrap();
    threaded.put(0, whole.summary(0, 0).unwrap().clone());
    threaded.run_all(2);
    assert!(threaded.done());
    assert_eq!(threaded.to_json(), whole.to_json());
}

mod fleets {
    include!("../common/fleets.rs");
}

/// One cluster's field as an axis (`cluster.NAME.FIELD`): its text round-trips (the link's
/// `sx`/`sy` carry it), each cell writes only that cluster's description, and the cells follow
/// the cluster's own outcome; a bad field or a cluster the run lacks is refused in one line.
#[test]
fn a_clusters_field_is_an_axis() {
    use cascade_lab::formats::link::LinkState;
    let p = fleets::with_fleet(fleets::fleet_sixty());
    let x = Axis::parse("cluster.eu-west-06.nodes=100..6000:6:log").unwrap();
    let y = Axis::parse("cluster.eu-west-06.apiservers=1..7:4").unwrap();
    assert_eq!((x.key, x.field(), x.cluster()), ("agents", "nodes", Some("eu-west-06")));
    for a in [&x, &y] {
        assert_eq!(Axis::parse(&a.to_text()).unwrap(), *a);
        assert_eq!(Axis::parse_clamped(&a.to_text()).unwrap(), (a.clone(), false));
    }
    // Through a link and back.
    let mut link = LinkState::from_params(&p);
    link.view.sweep.x = Some(x.clone());
    link.view.sweep.y = Some(Axis::parse("ttl=0..3600:7").unwrap());
    let (back, notes) = LinkState::decode(&link.to_query());
    assert_eq!(back.view.sweep.x.as_ref(), Some(&x), "{notes:?}");
    let mut s = Sweep::new(x.clone(), y.clone(), Metric::find("impacted_clusters").unwrap(), p.clone()).unwrap();
    let k = p.fleet.as_ref().unwrap().clusters.iter().position(|c| c.name == "eu-west-06").unwrap();
    for (i, j) in [(0, 0), (5, 3), (2, 1)] {
        let q = s.params_at(i, j);
        let (f, base) = (q.fleet.as_ref().unwrap(), p.fleet.as_ref().unwrap());
        assert_eq!(f.clusters[k].nodes, s.xs[i] as u32);
        assert_eq!(f.clusters[k].apiservers, Some(s.ys[j] as u32));
        for (c, b) in f.clusters.iter().zip(&base.clusters).enumerate().filter(|(c, _)| *c != k).map(|(_, p)| p) {
            assert_eq!(c, b, "only eu-west-06 changes");
        }
        assert_eq!(q.agents, f.largest().max(10), "the fleet still runs as written");
        assert_eq!(x.value_in(&q), Some(s.xs[i]));
    }
    s.run_all(2);
    // At 100 nodes eu-west-06 holds; at 6,000 with one API server it falls; the rest are as in the base run.
    let outcome = |i, j| cascade_lab::sim::simulate_outcome(&s.params_at(i, j)).1[k].verdict();
    assert_eq!(outcome(0, 0), cascade_lab::sim::Verdict::Ok);
    assert!(matches!(outcome(5, 0), cascade_lab::sim::Verdict::Fell { .. }));
    assert!(s.value(5, 0).unwrap() > s.value(0, 0).unwrap());
    assert!(cascade_lab::formats::csvw::sweep_grid_csv(&s).starts_with("cluster.eu-west-06.nodes,cluster.eu-west-06.apiservers,impacted_clusters\n"));
    // Refused, each in one line naming what is wrong.
    let e = Axis::parse("cluster.eu-west-06.wave=0..3:4").unwrap_err().to_string();
    assert!(e.contains("cluster.NAME.FIELD") && e.contains("apiserver_mem_gb"), "{e}");
    let e = Sweep::new(Axis::parse("cluster.nowhere.ttl=0..60:4").unwrap(), y, Metric::find("impact_min").unwrap(), p).unwrap_err();
    assert!(matches!(&e, SweepError::NoSuchCluster { cluster, .. } if cluster == "nowhere"), "{e}");
    assert!(!e.to_string().contains('\n'), "{e}");
}

/// The built-in fleet's clusters are axes too (written out as December's description, which
/// runs bit-identically): large-a's own API servers at 3 are the December run.
#[test]
fn a_built_in_clusters_field_is_an_axis() {
    let x = Axis::parse("cluster.large-a.apiservers=1..7:7").unwrap();
    let y = Axis::parse("ttl=0..3600:2").unwrap();
    let base = Params::default();
    let s = Sweep::new(x, y, Metric::find("impact_min").unwrap(), base.clone()).unwrap();
    let (i, j) = (2, 1);
    assert_eq!(s.xs[i], 3.0);
    let mut same = base.clone();
    same.ttl = s.ys[j] as u32;
    assert_eq!(simulate(&s.params_at(i, j)).checksum(), simulate(&same).checksum());
    assert_ne!(simulate(&s.params_at(6, j)).checksum(), simulate(&same).checksum());
    // Only large-a changed: the other clusters' descriptions take the fleet-wide value.
    let q = s.params_at(6, j);
    assert!(q.fleet.as_ref().unwrap().clusters.iter().filter(|c| c.apiservers.is_some()).map(|c| c.name.as_str()).eq(["large-a"]));
}
