//! Small things, natively: Home/End in the reducer, and the sweep readout's axis values in
//! their schema units (tests/e2e/small_things.test.mjs checks the same in the browser).

use cascade_lab::analysis::sweep::{numeric_keys, Axis};
use cascade_lab::formats::link::LinkState;
use cascade_lab::ui::state::{LinkAt, Msg, State};

fn state(query: &str) -> State {
    let (link, notices) = LinkState::decode(query);
    State::from_link(link, notices, false)
}

#[test]
fn home_and_end_jump_to_the_run_s_start_and_end() {
    let mut s = state("v=1&t=30");
    let (t0, t1) = (s.trace().t0_min, s.trace().t_end());
    s.apply(Msg::ToEnd);
    assert_eq!(s.cursor, t1);
    s.apply(Msg::ToStart);
    assert_eq!(s.cursor, t0);
    // End while playing: nothing is left to play there; Play starts the run again.
    s.apply(Msg::Play);
    s.apply(Msg::Tick(0.1));
    s.apply(Msg::ToEnd);
    assert!(!s.playing);
    assert_eq!(s.cursor, t1);
    s.apply(Msg::Play);
    assert_eq!(s.cursor, t0);
    // Home while playing keeps playing, from the start.
    s.apply(Msg::Tick(0.1));
    s.apply(Msg::ToStart);
    assert!(s.playing);
    assert_eq!(s.cursor, t0);
}

#[test]
fn home_and_end_keep_to_a_from_to_window() {
    let mut s = state("v=1&from=-5&to=30&t=10");
    s.apply(Msg::ToEnd);
    assert_eq!(s.cursor, 30.0);
    s.apply(Msg::ToStart);
    assert_eq!(s.cursor, -5.0);
    assert_eq!(s.bounds(), (-5.0, 30.0));
    // The run is unchanged, and the link carries the moment.
    assert_eq!(s.link(LinkAt::Moment).t, Some(-5.0));
}

#[test]
fn sweep_axis_values_carry_their_schema_unit() {
    let axis = |text: &str| Axis::parse(text).unwrap();
    assert_eq!(axis("ttl=0..3600:16").value_text(1200.0), "DNS TTL 1,200 s");
    assert_eq!(axis("ttl=0..3600:16").value_text(0.0), "DNS TTL 0 s");
    assert_eq!(axis("agents=100..20000:24:log").value_text(7_500.0), "Agent count 7,500 nodes");
    assert_eq!(axis("cost=0.1..10:16:log").value_text(0.35), "Request cost 0.35×");
    assert_eq!(axis("shift=0..50:6").value_text(20.0), "Traffic shift 20%");
    assert_eq!(axis("remediate_after=0..180:7").value_text(30.0), "Load shedding starts 30 min");
    // Every key a sweep can vary says a number and its unit, never a bare number.
    for key in numeric_keys() {
        let spec = cascade_lab::sim::params::spec(key).unwrap();
        let a = Axis::new(key, spec.min, spec.max, 4, false).unwrap();
        for v in a.values() {
            let text = a.value_text(v);
            assert!(text.starts_with(spec.label), "{text}");
            assert!(spec.unit.is_empty() || text.ends_with(spec.unit), "{key}: {text} has no unit {}", spec.unit);
        }
    }
}

/// Issue 28: the phased plan over a fleet whose clusters name no waves lands everywhere at
/// once; the log says so, and never that every wave passed a gate.
#[test]
fn a_phased_plan_with_blank_waves_says_it_has_nothing_to_gate() {
    use cascade_lab::sim::fleet::{ClusterDesc, Fleet};
    use cascade_lab::sim::{simulate, EventKind, Params, Rollout};
    let mut p = Params::default();
    p.set_fleet(Some(Fleet { clusters: vec![ClusterDesc::new("a", 3000), ClusterDesc::new("b", 1500), ClusterDesc::new("c", 600)] }));
    p.rollout = Rollout::Phased;
    let t = simulate(&p);
    let text: Vec<String> = t.events.iter().map(|e| cascade_lab::views::story::explain(e, &t, &p)).collect();
    let start = t.events.iter().position(|e| e.kind == EventKind::RolloutStarted).unwrap();
    assert!(text[start].contains("at once") && text[start].contains("no next wave"), "{}", text[start]);
    assert!(!text.iter().any(|s| s.contains("Every wave passed")), "{text:?}");
}
