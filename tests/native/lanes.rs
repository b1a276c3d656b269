//! Swimlanes: each cluster's story, read from the trace.

use cascade_lab::sim::{simulate, ClusterState, Params};
use cascade_lab::views::lanes::{lanes, Mark};

fn at(l: &cascade_lab::views::lanes::Lane, m: Mark) -> Option<f64> {
    l.marks.iter().find(|(k, _)| *k == m).map(|(_, t)| *t)
}

#[test]
fn the_largest_cluster_tells_the_whole_story_in_order() {
    let t = simulate(&Params::default());
    let l = &lanes(&t)[1];
    assert_eq!(l.name, "large-a");
    let m = |k: Mark| at(l, k).unwrap_or_else(|| panic!("{k:?} missing"));
    // The caches drain on after the fix lands: CoreDNS cannot sync until traffic is readmitted.
    for (a, b) in [
        (Mark::AgentLanded, Mark::ControlPlaneDown),
        (Mark::ControlPlaneDown, Mark::CachesEmpty),
        (Mark::ControlPlaneDown, Mark::AgentDeleted),
        (Mark::AgentDeleted, Mark::Readmitted),
        (Mark::CachesEmpty, Mark::Readmitted),
        (Mark::Readmitted, Mark::Recovered),
    ] {
        assert!(m(a) <= m(b), "{a:?} at {} after {b:?} at {}", m(a), m(b));
    }
    // Bands cover the run without gaps and end recovered.
    assert_eq!(l.bands.first().unwrap().from, t.t0_min);
    assert!(l.bands.windows(2).all(|w| w[0].to == w[1].from));
    assert_eq!(l.bands.last().unwrap().state, ClusterState::Recovered);
}

#[test]
fn small_clusters_and_staging_never_fall() {
    let t = simulate(&Params::default());
    let all = lanes(&t);
    assert_eq!(all.len(), t.clusters.len());
    for l in all.iter().filter(|l| l.staging || l.nodes < 1_000) {
        assert!(at(l, Mark::ControlPlaneDown).is_none(), "{} fell", l.name);
        assert!(at(l, Mark::AgentLanded).is_some(), "{} got the agent", l.name);
    }
}

#[test]
fn spoiler_free_lanes_stop_at_the_moment() {
    let t = simulate(&Params::default());
    let l = &lanes(&t)[1];
    let early = l.until(2.0);
    assert!(early.marks.iter().all(|(_, m)| *m <= 2.0));
    assert!(at(&early, Mark::Recovered).is_none());
    assert!(early.bands.iter().all(|b| b.to <= 2.0));
}

#[test]
fn the_rollout_finishes_when_the_last_cluster_really_runs_the_agent() {
    use cascade_lab::sim::EventKind;
    let t = simulate(&Params::default());
    let finished = t.first(EventKind::RolloutFinished).unwrap().t_min;
    let last_landed = lanes(&t).iter().filter_map(|l| at(l, Mark::AgentLanded)).fold(f64::MIN, f64::max);
    // Landed = the DaemonSet created; finished = its pods run there too (after the image pull).
    assert!(finished > last_landed + 0.5 && finished <= last_landed + 0.5 + 2.0 * t.dt_min, "finished {finished}, last cluster got the agent {last_landed}");
}

/// Issue 28: every fall the log tells is on its cluster's lane — the herd preset's second fall
/// too — and staging's landing reads as its trial before the fleet's rollout.
#[test]
fn every_fall_the_log_tells_is_on_its_lane() {
    use cascade_lab::sim::{simulate, EventKind, Params, PRESETS};
    use cascade_lab::views::lanes::{lanes, Mark};
    let mut seen_again = 0;
    for def in PRESETS {
        let t = simulate(&Params::from_preset(def.preset));
        let all = lanes(&t);
        for e in t.events.iter().filter(|e| matches!(e.kind, EventKind::ControlPlaneDown | EventKind::ControlPlaneDownAgain)) {
            let c = e.cluster.expect("a fall names its cluster");
            assert!(
                all[c].marks.iter().any(|&(m, at)| m == Mark::ControlPlaneDown && (at - e.t_min).abs() < 0.2),
                "{}: {:?} at {} not on {}'s lane",
                def.label,
                e.kind,
                e.t_min,
                t.clusters[c].name
            );
            seen_again += usize::from(e.kind == EventKind::ControlPlaneDownAgain);
        }
        for l in all.iter().filter(|l| l.staging) {
            assert!(l.mark_label(Mark::AgentLanded).contains("before the fleet's rollout"));
        }
    }
    assert!(seen_again > 0, "some preset has a second fall");
}

/// Issue 28: on the visibility chart customers' errors never run above the traffic whose
/// control plane is down or cut off (CoreDNS can sync through neither) — December's crews'
/// block made them do so when only a fall counted. Checked for the presets without a herd or a
/// restart by hand: after a herd's readmission the caches refill over a few minutes while the
/// control plane already counts as back, and a restart's own minutes are not a fall.
#[test]
fn customers_fail_only_where_the_control_plane_is_down_or_cut_off() {
    use cascade_lab::sim::{simulate, Params, Preset, PRESETS};
    let mut bad = Vec::new();
    for def in PRESETS.iter().filter(|d| !matches!(d.preset, Preset::Herd | Preset::Multus2021)) {
        let t = simulate(&Params::from_preset(def.preset));
        let over = |i: usize| t.fleet.user_error[i] as f64 > 1.0 - t.fleet.control_plane_ok[i] as f64 + 0.02;
        if let Some(i) = (0..t.len).find(|&i| over(i)) {
            bad.push(format!("{}: from {:.1}", def.label, t.t_at(i)));
        }
    }
    assert!(bad.is_empty(), "{bad:?}");
}
