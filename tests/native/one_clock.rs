//! One clock: at the moment a person steps to any event, every view reads the state that
//! event was logged in. For every preset, each event is checked against the diagram, the
//! fleet's state series and the swimlanes at `event_moment(t)` — the cursor stepping lands on.

use cascade_lab::sim::{simulate, ClusterState, EventKind, Params, Trace, PRESETS};
use cascade_lab::ui::state::event_moment;
use cascade_lab::views::diagram::{DiagramState, Health, PartId};
use cascade_lab::views::lanes::{lanes, Mark};

const LARGEST: usize = 1;

fn health(d: &DiagramState, id: PartId) -> Health {
    d.part(id).unwrap().health
}

fn check_event(name: &str, p: &Params, t: &Trace, e: &cascade_lab::sim::Event) {
    let m = event_moment(e.t_min);
    assert!(m >= e.t_min && m - e.t_min < t.dt_min, "{name}: moment {m} for event at {}", e.t_min);
    let i = t.index_before(m);
    assert!((t.t_at(i) - e.t_min).abs() < 1e-6, "{name}: {:?} at {} read sample at {}", e.kind, e.t_min, t.t_at(i));
    let at = |c: usize| DiagramState::at(t, p, m, c);
    let ctx = format!("{name}: {:?} at {:.2} ({:?})", e.kind, e.t_min, e.cluster);
    match e.kind {
        EventKind::AgentLands => {
            let d = at(e.cluster.unwrap_or(LARGEST));
            assert_ne!(health(&d, PartId::Agents), Health::Idle, "{ctx}: {}", d.caption);
            assert!(!d.caption.contains("has not reached"), "{ctx}: {}", d.caption);
        }
        EventKind::ControlPlaneDown => {
            let c = e.cluster.expect("a cluster");
            let d = at(c);
            assert_eq!(health(&d, PartId::ApiServers), Health::Failing, "{ctx}: {}", d.caption);
            assert!(matches!(t.per_cluster[c].state[i], ClusterState::Stale | ClusterState::Failing), "{ctx}: fleet shows {:?}", t.per_cluster[c].state[i]);
            assert!(!d.caption.contains("healthy"), "{ctx}: {}", d.caption);
            let lane = &lanes(t)[c];
            assert!(lane.marks.iter().any(|&(mk, at)| mk == Mark::ControlPlaneDown && at <= m), "{ctx}: lane {:?}", lane.marks);
        }
        EventKind::AgentDeleted => {
            let c = e.cluster.expect("a cluster");
            let d = at(c);
            assert!(matches!(health(&d, PartId::Agents), Health::Recovering | Health::Ok), "{ctx}: agents {:?}", d.part(PartId::Agents));
            assert_eq!(d.part(PartId::Engineers).unwrap().short, "through", "{ctx}");
        }
        EventKind::FirstClusterRecovered | EventKind::ClusterRecovered => {
            let c = e.cluster.expect("a cluster");
            assert_eq!(t.per_cluster[c].state[i], ClusterState::Recovered, "{ctx}");
            let d = at(c);
            assert!(d.caption.contains("recovered"), "{ctx}: {}", d.caption);
        }
        EventKind::AllRecovered => {
            for (c, s) in t.per_cluster.iter().enumerate() {
                assert!(
                    !matches!(s.state[i], ClusterState::Stale | ClusterState::Failing | ClusterState::Recovering),
                    "{ctx}: cluster {c} is {:?}",
                    s.state[i]
                );
            }
        }
        EventKind::FirstCustomerErrors => {
            let over = t.per_cluster.iter().zip(&t.clusters).any(|(s, info)| !info.staging && s.error[i] as f64 > 0.02);
            assert!(over, "{ctx}: no production cluster over 2 % at that moment");
        }
        EventKind::RolloutFinished => assert!(at(LARGEST).part(PartId::Rollout).unwrap().short.starts_with("finished"), "{ctx}"),
        EventKind::RolloutHalted => assert!(at(LARGEST).part(PartId::Rollout).unwrap().short.starts_with("halted"), "{ctx}"),
        EventKind::PeakImpact => assert!(
            (t.fleet.user_error[i] as f64 - t.summary.peak_error_rate).abs() < 1e-3,
            "{ctx}: {} vs {}",
            t.fleet.user_error[i],
            t.summary.peak_error_rate
        ),
        _ => {}
    }
}

#[test]
fn every_view_agrees_with_every_event_of_every_preset() {
    for def in PRESETS {
        let p = Params::from_preset(def.preset);
        let t = simulate(&p);
        for e in &t.events {
            if e.t_min >= t.t0_min && e.t_min <= t.t_end() {
                check_event(def.preset.name(), &p, &t, e);
            }
        }
    }
}

#[test]
fn events_are_in_time_order() {
    for def in PRESETS {
        let t = simulate(&Params::from_preset(def.preset));
        assert!(t.events.windows(2).all(|w| w[0].t_min <= w[1].t_min), "{}", def.preset.name());
        let start = t.first(EventKind::RolloutStarted).expect("the rollout starts").t_min;
        for e in &t.events {
            if matches!(e.kind, EventKind::RolloutHalted | EventKind::RolloutFinished | EventKind::AgentLands) {
                assert!(e.t_min >= start, "{}: {:?} at {} before the rollout starts at {start}", def.preset.name(), e.kind, e.t_min);
            }
        }
    }
}
