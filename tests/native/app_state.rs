//! The UI's reducer is pure: playback, seeking, events, compare and interventions, natively.

use cascade_lab::formats::link::{LinkState, NoticeKind};
use cascade_lab::sim::Key;
use cascade_lab::sim::{Action, EventKind};
use cascade_lab::ui::state::{event_moment, LinkAt, Msg, State};

fn fresh() -> State {
    let (link, notices) = LinkState::decode("");
    State::from_link(link, notices, false)
}

#[test]
fn play_advances_the_cursor_and_pause_stops_it() {
    let mut s = fresh();
    let t0 = s.cursor;
    s.apply(Msg::Play);
    s.apply(Msg::Tick(0.1));
    assert!((s.cursor - (t0 + 0.1 * s.speed)).abs() < 1e-9);
    s.apply(Msg::Pause);
    let t1 = s.cursor;
    s.apply(Msg::Tick(0.1));
    assert_eq!(s.cursor, t1);
    // A huge frame gap (background tab) never leaps the cursor.
    s.apply(Msg::Play);
    s.apply(Msg::Tick(30.0));
    assert!(s.cursor - t1 <= 0.25 * s.speed + 1e-9);
}

#[test]
fn playback_stops_at_the_end_and_replays_from_the_start() {
    let mut s = fresh();
    s.apply(Msg::Seek(1e9));
    assert_eq!(s.cursor, s.trace().t_end());
    s.apply(Msg::Play);
    assert_eq!(s.cursor, s.trace().t0_min);
}

#[test]
fn next_and_previous_jump_between_events() {
    let mut s = fresh();
    s.apply(Msg::Seek(0.5));
    s.apply(Msg::NextEvent);
    let alert_like = s.trace().events.iter().find(|e| e.t_min > 0.55).unwrap().t_min;
    // Lands on the event: its time rounded up to the link's 0.1 min, within the same 10-s step.
    assert_eq!(s.cursor, event_moment(alert_like));
    assert!(s.cursor >= alert_like && s.cursor - alert_like < 0.1);
    assert_eq!(s.trace().index_before(s.cursor), s.trace().index_before(alert_like + 1e-9));
    s.apply(Msg::PrevEvent);
    assert!(s.cursor < alert_like);
    assert!(s.trace().events.iter().any(|e| event_moment(e.t_min) == s.cursor));
}

#[test]
fn slider_change_re_simulates_and_pinning_keeps_the_old_run() {
    let mut s = fresh();
    let id = s.run.id;
    s.apply(Msg::Pin);
    s.apply(Msg::Set(Key::break_glass, 1.0));
    assert_ne!(s.run.id, id);
    assert!(s.run.params.break_glass);
    let pinned = s.pinned.as_ref().unwrap();
    assert!(!pinned.params.break_glass);
    assert!(s.trace().summary.fix_landed_min < pinned.trace.summary.fix_landed_min);
    // Setting the same value again does not re-simulate.
    let id = s.run.id;
    s.apply(Msg::Set(Key::break_glass, 1.0));
    assert_eq!(s.run.id, id);
}

#[test]
fn an_intervention_at_the_cursor_changes_the_outcome_and_travels_in_the_link() {
    let mut s = fresh();
    let before = s.trace().summary.access_regained_min.unwrap();
    s.apply(Msg::Seek(8.0));
    s.apply(Msg::Intervene(Action::BreakGlass));
    assert_eq!(s.run.params.interventions.len(), 1);
    assert!(s.trace().summary.access_regained_min.unwrap() < before);
    assert!(s.trace().first(EventKind::Intervention).is_some());
    assert!(s.link(LinkAt::Run).to_query().contains("iv=8:break_glass"));
    s.apply(Msg::RemoveIntervention(0));
    assert!(s.run.params.interventions.is_empty());
}

#[test]
fn reduced_motion_never_autoplays() {
    let (link, n) = LinkState::decode("autoplay=1");
    assert!(State::from_link(link.clone(), n.clone(), false).playing);
    assert!(!State::from_link(link, n, true).playing);
}

#[test]
fn log_slider_keyboard_steps_always_move_to_a_nice_value() {
    use cascade_lab::ui::slider_scale::nice_step;
    let agents = cascade_lab::sim::params::spec("agents").unwrap();
    let mut v = 7_500.0;
    let mut seen = vec![v];
    for _ in 0..40 {
        let n = nice_step(agents, v, true, false);
        assert!(n > v || v == agents.max, "{v} → {n}");
        v = n;
        seen.push(v);
    }
    assert!(seen.iter().all(|x| x.fract() == 0.0));
    assert_eq!(nice_step(agents, 7_500.0, false, false), 7_100.0);
    assert_eq!(nice_step(agents, 10.0, false, false), 10.0, "clamped at the minimum");
    let cost = cascade_lab::sim::params::spec("cost").unwrap();
    assert_eq!(nice_step(cost, 1.0, true, false), 1.1);
}

#[test]
fn linear_sliders_step_in_value_units_from_the_keyboard() {
    use cascade_lab::ui::slider_scale::key_step;
    let spec = |k| cascade_lab::sim::params::spec(k).unwrap();
    assert_eq!(key_step(spec("ttl"), 1_200.0, false, false), 1_190.0);
    assert_eq!(key_step(spec("ttl"), 1_200.0, true, true), 1_300.0);
    assert_eq!(key_step(spec("apiservers"), 3.0, true, false), 4.0);
    assert_eq!(key_step(spec("apiservers"), 7.0, true, false), 7.0, "clamped");
    assert_eq!(key_step(spec("crews"), 1.0, false, false), 1.0);
    assert_eq!(key_step(spec("agents"), 7_500.0, true, false), 7_900.0);
}

#[test]
fn slider_track_spans_each_range_in_order() {
    use cascade_lab::sim::{Kind, SPECS};
    use cascade_lab::ui::slider_scale::{from_pos, to_pos, TRACK};
    for s in SPECS.iter().filter(|s| matches!(s.kind, Kind::Int | Kind::Float)) {
        assert_eq!(from_pos(s, 0.0), s.min, "{}: left end", s.key);
        assert_eq!(from_pos(s, TRACK), s.max, "{}: right end", s.key);
        let values: Vec<f64> = (0..=100).map(|i| from_pos(s, i as f64 * TRACK / 100.0)).collect();
        assert!(values.windows(2).all(|w| w[0] <= w[1]), "{}: the track runs one way", s.key);
        // The default sits where the thumb is drawn for it.
        let p = to_pos(s, s.default);
        assert!((0.0..=TRACK).contains(&p), "{}: default off the track", s.key);
        let back = from_pos(s, p);
        assert!((back - s.default).abs() <= s.default.abs() * 0.05 + 1e-9, "{}: {} → {p} → {back}", s.key, s.default);
    }
}

#[test]
fn the_diagram_cluster_and_the_speed_travel_in_the_link() {
    let (link, _) = LinkState::decode("cluster=large-b&speed=10");
    let mut s = State::from_link(link, vec![], false);
    assert_eq!((s.view.cluster, s.speed), (2, 10.0));
    s.apply(Msg::SelectCluster(99));
    assert_eq!(s.view.cluster, s.trace().clusters.len() - 1, "clamped to the last cluster");
    s.apply(Msg::SelectCluster(3));
    s.apply(Msg::Speed(3.0));
    assert_eq!(s.speed, 2.5, "snapped to an offered speed");
    let q = s.link(LinkAt::Run).to_query();
    assert!(q.contains("cluster=large-c") && q.contains("speed=2.5"), "{q}");
    let (back, notices) = LinkState::decode(&q);
    assert!(notices.is_empty(), "{notices:?}");
    assert_eq!(State::from_link(back, vec![], false).view.cluster, 3);
}

#[test]
fn spoiler_free_mode_reveals_only_what_the_cursor_has_passed() {
    let (link, _) = LinkState::decode("teach=1&t=5");
    let mut s = State::from_link(link, vec![], false);
    assert!(s.view.teach);
    let sample = s.reveal_sample().unwrap();
    assert!(sample <= 5.0 && sample > 5.0 - s.trace().dt_min, "{sample}");
    let last = s.reveal_event().unwrap();
    assert!(last <= 5.0 && s.trace().events.iter().any(|e| e.t_min == last));
    assert!(s.trace().events.iter().all(|e| e.t_min <= last || e.t_min > 5.0), "no event between the last passed and the cursor");
    s.apply(Msg::Teach(false));
    assert_eq!((s.reveal_sample(), s.reveal_event()), (None, None));
    assert!(!s.link(LinkAt::Run).to_query().contains("teach"));
    s.apply(Msg::Teach(true));
    assert!(s.link(LinkAt::Run).to_query().contains("teach=1"));
}

#[test]
fn choosing_a_sweep_cell_sets_both_values_and_pins_the_run_it_replaces() {
    let mut s = fresh();
    let (old_id, old_params) = (s.run.id, s.run.params.clone());
    s.apply(Msg::SetAndPin(vec![(Key::agents, 1000.0), (Key::ttl, 30.0)]));
    assert_eq!((s.run.params.agents, s.run.params.ttl), (1000, 30));
    assert_ne!(s.run.id, old_id, "re-simulated");
    let pinned = s.pinned.as_ref().expect("the previous run is pinned");
    assert_eq!(pinned.params, old_params);
    assert_ne!(pinned.id, s.run.id);
    // Never silently (issue 28): the notice says what was pinned and how to undo it.
    assert!(s.notices.iter().any(|n| n.kind == NoticeKind::Done && n.text.contains("Unpin")), "{:?}", s.notices);
    // The same cell again changes nothing and keeps the pinned run.
    let (id, pin_id) = (s.run.id, pinned.id);
    s.apply(Msg::SetAndPin(vec![(Key::agents, 1000.0), (Key::ttl, 30.0)]));
    assert_eq!((s.run.id, s.pinned.as_ref().unwrap().id), (id, pin_id));
    // Values go through the schema: clamped into range.
    s.apply(Msg::SetAndPin(vec![(Key::agents, 1e9), (Key::ttl, -5.0)]));
    assert_eq!((s.run.params.agents, s.run.params.ttl), (100_000, 0));
    assert_eq!(s.pinned.as_ref().unwrap().params.agents, 1000);
}

#[test]
fn the_sweep_axes_and_metric_travel_in_the_link() {
    use cascade_lab::analysis::sweep::{Axis, Metric};
    use cascade_lab::formats::link::SweepView;
    let mut s = fresh();
    assert!(!s.link(LinkAt::Run).to_query().contains("sx="));
    let setup = SweepView {
        x: Some(Axis::parse("agents=100..20000:32:log").unwrap()),
        y: Some(Axis::parse("cost=0.1..10:16:log").unwrap()),
        metric: Some(Metric::find("control_plane_fell").unwrap()),
    };
    s.apply(Msg::SetSweep(setup.clone()));
    let q = s.link(LinkAt::Run).to_query();
    assert!(q.contains("sx=agents=100..20000:32:log") && q.contains("sy=cost=0.1..10:16:log") && q.contains("sm=control_plane_fell"), "{q}");
    let (back, notices) = LinkState::decode(&q);
    assert!(notices.is_empty(), "{notices:?}");
    assert_eq!(back.view.sweep, setup);
    s.apply(Msg::SetSweep(SweepView::default()));
    assert!(!s.link(LinkAt::Run).to_query().contains("sx="));
}

/// `from=`/`to=`: the scrubber, seeking, event steps and playback stay inside the window;
/// playback stops at `to`, and Play there starts the window again; the run is unchanged.
#[test]
fn a_window_bounds_playback_without_changing_the_run() {
    use cascade_lab::formats::link::LinkState;
    use cascade_lab::ui::state::{Msg, State};
    let (link, _) = LinkState::decode("v=1&from=-5&to=30&t=10");
    let whole = State::from_link(LinkState::decode("v=1").0, vec![], false);
    let mut s = State::from_link(link, vec![], false);
    assert_eq!(s.bounds(), (-5.0, 30.0));
    assert_eq!(s.trace().checksum(), whole.trace().checksum(), "the window does not change the simulation");
    s.apply(Msg::Seek(200.0));
    assert_eq!(s.cursor, 30.0);
    s.apply(Msg::Seek(-100.0));
    assert_eq!(s.cursor, -5.0);
    s.apply(Msg::Play);
    for _ in 0..100 {
        s.apply(Msg::Tick(0.25));
    }
    assert_eq!(s.cursor, 30.0);
    assert!(!s.playing, "stops at the window's end");
    s.apply(Msg::Play);
    assert_eq!(s.cursor, -5.0, "plays the window again");
    assert!(s.stops().iter().all(|t| (-5.0..=30.0).contains(t)));
    s.apply(Msg::Pause);
    s.apply(Msg::Seek(29.0));
    s.apply(Msg::NextEvent);
    assert!(s.cursor <= 30.0);
}

/// A link with a window and no cursor opens at the window's start, not at the run's start
/// (outside its own window).
#[test]
fn a_window_without_a_cursor_opens_at_its_start() {
    for (q, want) in [("v=1&from=-5&to=30", -5.0), ("v=1&from=12.5", 12.5), ("v=1&to=30", -26.0)] {
        let (link, n) = LinkState::decode(q);
        assert!(n.is_empty(), "{q}: {n:?}");
        let s = State::from_link(link, n, false);
        assert_eq!(s.cursor, want, "{q}");
        assert_eq!(s.cursor, s.bounds().0, "{q}");
        // Written back without a cursor (as while playing), it opens at the same moment.
        let (back, n) = LinkState::decode(&s.link(LinkAt::Run).to_query());
        assert!(n.is_empty(), "{q}: {n:?}");
        assert_eq!(State::from_link(back, n, false).cursor, want, "{q}");
    }
}

/// The run's start is not always at a tenth of a minute (rollout_min=34 starts at -29.667…):
/// the cursor there is written at the first tenth inside the run, not rounded out of it.
#[test]
fn a_cursor_at_the_runs_edge_is_written_inside_the_run() {
    let (link, n) = LinkState::decode("v=1&rollout_min=34");
    assert!(n.is_empty(), "{n:?}");
    let mut s = State::from_link(link, n, false);
    assert_eq!(s.cursor, s.trace().t0_min);
    assert!(s.cursor * 10.0 != (s.cursor * 10.0).round(), "the run starts between tenths: {}", s.cursor);
    for t in [f64::NEG_INFINITY, f64::INFINITY] {
        s.apply(Msg::Seek(t.clamp(-1e9, 1e9)));
        let q = s.link(LinkAt::Moment).to_query();
        let (back, n) = LinkState::decode(&q);
        assert!(n.is_empty(), "{q}: {n:?}");
        assert!((back.t.unwrap() - s.cursor).abs() <= 0.1, "{q} for {}", s.cursor);
    }
    // An intervention fired at the start is fired inside the run too.
    s.apply(Msg::Seek(-1e9));
    s.apply(Msg::Intervene(Action::Halt));
    assert!(s.run.params.interventions[0].t_min >= s.trace().t0_min, "{:?}", s.run.params.interventions);
}

/// When the parameters move the run's start or end, a window the app holds stays inside the
/// run, so the link it writes still opens without a notice.
#[test]
fn a_window_follows_the_run_when_the_parameters_move_its_ends() {
    let (link, n) = LinkState::decode("v=1&rollout_min=120&from=-60&to=300&t=250");
    assert!(n.is_empty(), "{n:?}");
    let mut s = State::from_link(link, n, false);
    s.apply(Msg::Set(Key::horizon, 200.0));
    s.apply(Msg::Set(Key::rollout_min, 29.0));
    let q = s.link(LinkAt::Moment).to_query();
    let (back, n) = LinkState::decode(&q);
    assert!(n.is_empty(), "{q}: {n:?}");
    let w = back.view.window.unwrap();
    assert_eq!((w.from, w.to), (-26.0, 200.0), "{q}");
    assert_eq!(s.bounds(), (-26.0, 200.0));
    // The cursor was at the old run's last sample: the horizon (steps fall on T's 10-s grid).
    assert_eq!(back.t, Some(200.0), "{q}");
    // Nothing of it left in the run: the whole run.
    let (link, _) = LinkState::decode("v=1&from=100&to=200");
    let mut s = State::from_link(link, vec![], false);
    s.apply(Msg::Set(Key::horizon, 60.0));
    assert_eq!(s.view.window, None);
    assert_eq!(s.cursor, s.trace().t_end());
    let (_, n) = LinkState::decode(&s.link(LinkAt::Moment).to_query());
    assert!(n.is_empty(), "{n:?}");
}

/// Every link the app writes reopens with no notice at the same moment: for every preset (and
/// runs that start between tenths or end early), random windows, cursors and parameter changes.
#[cfg(not(target_arch = "wasm32"))]
mod app_links_round_trip {
    use cascade_lab::formats::link::{run_start_min, LinkState};
    use cascade_lab::sim::Key;
    use cascade_lab::sim::PRESET_NAMES;
    use cascade_lab::ui::state::{LinkAt, Msg, State};
    use proptest::prelude::*;
    use proptest::test_runner::{Config, TestCaseError, TestRunner};

    /// Each preset as it is, starting between tenths, and with a short horizon.
    fn states() -> Vec<State> {
        let mut out = Vec::new();
        for name in PRESET_NAMES {
            for extra in ["", "&rollout_min=34", "&rollout_min=101&horizon=61"] {
                let (link, n) = LinkState::decode(&format!("v=1&preset={name}{extra}"));
                assert!(n.is_empty(), "{name}{extra}: {n:?}");
                out.push(State::from_link(link, n, false));
            }
        }
        out
    }

    /// The state's link, with and without the cursor, decodes without notices to the same link,
    /// and reopens at the same moment.
    fn reopens_exactly(s: &State) -> Result<(), TestCaseError> {
        for at in [LinkAt::Moment, LinkAt::Run] {
            let link = s.link(at);
            let q = link.to_query();
            let (back, n) = LinkState::decode(&q);
            prop_assert!(n.is_empty(), "{}: {:?}", q, n);
            prop_assert_eq!(&back, &link, "{}", q);
            let (a, b) = s.bounds();
            if let Some(t) = link.t {
                // The nearest tenth, or the next one inward at the run's edges.
                prop_assert!((t - s.cursor).abs() <= 0.1 + 1e-9, "t={} for cursor {} in {}", t, s.cursor, q);
                prop_assert!(run_start_min(&s.run.params) <= t && t <= s.run.params.horizon as f64, "{}", q);
            }
            let again = State::from_link(back, vec![], false);
            prop_assert_eq!(again.bounds(), (a, b), "{}", q);
            let want = link.t.map_or(a, |t| t.clamp(a, b));
            prop_assert_eq!(again.cursor, want, "{}", q);
            prop_assert_eq!(again.link(at).to_query(), q);
        }
        Ok(())
    }

    #[test]
    fn every_preset_at_its_edges_and_windows_reopens_without_notices() {
        for s in states() {
            let (a, b) = s.bounds();
            for t in [a, b, a + 0.05, b - 0.05, 0.0, 12.34] {
                let mut s = s.clone();
                s.apply(Msg::Seek(t));
                reopens_exactly(&s).unwrap();
            }
        }
    }

    #[test]
    fn random_cursors_windows_and_parameter_changes_reopen_without_notices() {
        let states = states();
        let mut runner = TestRunner::new(Config { cases: 300, failure_persistence: None, ..Config::default() });
        let case = (0..states.len(), 0.0..=1.0f64, prop::option::of((0.0..=1.0f64, 0.0..=1.0f64)), 0..6usize);
        runner
            .run(&case, |(i, u, window, change)| {
                let s0 = &states[i];
                let (start, end) = (s0.trace().t0_min, s0.trace().t_end());
                // A window typed anywhere in the run, as a link carries it.
                let mut query = s0.link(LinkAt::Run).to_query();
                if let Some((f, t)) = window {
                    query.push_str(&format!("&from={:.2}&to={:.2}", start + f * (end - start), start + t * (end - start)));
                }
                let (link, n) = LinkState::decode(&query);
                let mut s = if window.is_some() { State::from_link(link, n, false) } else { s0.clone() };
                let (a, b) = s.bounds();
                s.apply(Msg::Seek(a + u * (b - a)));
                // Now and then the parameters move the run's ends under the window and cursor.
                match change {
                    0 => s.apply(Msg::Set(Key::horizon, 60.0 + 600.0 * u)),
                    1 => s.apply(Msg::Set(Key::rollout_min, 5.0 + 115.0 * u)),
                    _ => {}
                }
                reopens_exactly(&s)
            })
            .unwrap();
    }
}

/// Nothing happens after the horizon: lowering it drops the interventions after it, and a
/// notice says so (as opening such a link does), so the link never carries them.
#[test]
fn lowering_the_horizon_drops_later_interventions_with_a_notice() {
    let (link, n) = LinkState::decode("v=1&iv=30:block,90:halt,200:scale_up");
    assert!(n.is_empty(), "{n:?}");
    let mut s = State::from_link(link, n, false);
    s.apply(Msg::Set(Key::horizon, 120.0));
    assert_eq!(s.run.params.horizon, 120);
    assert_eq!(s.run.params.interventions.iter().map(|i| i.t_min).collect::<Vec<_>>(), [30.0, 90.0]);
    let said: Vec<&str> = s.notices.iter().map(|n| n.text.as_str()).collect();
    assert_eq!(said, ["Intervention 200:scale_up is after the end of the run (120 min); dropped."]);
    let (_, n) = LinkState::decode(&s.link(LinkAt::Moment).to_query());
    assert!(n.is_empty(), "{n:?}");
    // Two at once, and a sweep cell that lowers the horizon, say so alike.
    s.apply(Msg::DismissNotices);
    s.apply(Msg::SetAndPin(vec![(Key::horizon, 60.0)]));
    assert_eq!(s.run.params.interventions.iter().map(|i| i.t_min).collect::<Vec<_>>(), [30.0]);
    assert!(s.notices.iter().any(|n| n.text == "Intervention 90:halt is after the end of the run (60 min); dropped."), "{:?}", s.notices);
    assert_eq!(s.pinned.as_ref().unwrap().params.interventions.len(), 2, "the pinned run keeps its own");
    // Raising it again brings nothing back, and says nothing more.
    s.apply(Msg::DismissNotices);
    s.apply(Msg::Set(Key::horizon, 360.0));
    assert_eq!(s.run.params.interventions.len(), 1);
    assert!(s.notices.is_empty(), "{:?}", s.notices);
    let (link, _) = LinkState::decode("v=1&iv=100:block,200:halt");
    let mut s = State::from_link(link, vec![], false);
    s.apply(Msg::Set(Key::horizon, 60.0));
    assert!(s.run.params.interventions.is_empty());
    assert_eq!(
        s.notices.iter().map(|n| n.text.as_str()).collect::<Vec<_>>(),
        ["Interventions 100:block,200:halt are after the end of the run (60 min); dropped."]
    );
}

/// A change that starts the run later (a shorter rollout window) moves the interventions before
/// its new start to it, as opening its link would, and says so.
#[test]
fn a_later_run_start_moves_earlier_interventions_with_a_notice() {
    let (link, n) = LinkState::decode("v=1&iv=-25:block,30:halt");
    assert!(n.is_empty(), "{n:?}");
    let mut s = State::from_link(link, n, false);
    s.apply(Msg::Set(Key::rollout_min, 10.0));
    let start = cascade_lab::formats::link::run_start_min(&s.run.params);
    assert!(start > -25.0, "{start}");
    let first = s.run.params.interventions[0].t_min;
    assert!(first >= start && first < start + 0.1, "{first} at the start {start}");
    assert!(s.notices.iter().any(|n| n.kind == NoticeKind::Interventions), "{:?}", s.notices);
    let (_, n) = LinkState::decode(&s.link(LinkAt::Moment).to_query());
    assert!(n.is_empty(), "{n:?}");
}

// ---------- Your own fleet (issue 22) ----------

mod described {
    use super::fresh;
    use cascade_lab::formats::link::LinkState;
    use cascade_lab::sim::agent::AgentSpec;
    use cascade_lab::sim::fleet::{names, ClusterDesc, Fleet};
    use cascade_lab::sim::plan::{Gate, GateSignal, Plan, Wave};
    use cascade_lab::sim::{simulate, Params, Preset};
    use cascade_lab::ui::state::{LinkAt, Msg};

    fn fleet() -> Fleet {
        let mut stg = ClusterDesc::new("stg", 40);
        stg.staging = true;
        let mut big = ClusterDesc::new("big", 3_000);
        big.apiservers = Some(4);
        Fleet { clusters: vec![stg, ClusterDesc::new("small", 200), big] }
    }

    #[test]
    fn set_fleet_re_simulates_that_fleet_and_the_link_reopens_it() {
        let mut s = fresh();
        let id = s.run.id;
        s.apply(Msg::SetFleet(Some(fleet())));
        assert_ne!(s.run.id, id);
        assert_eq!(s.run.params.fleet, Some(fleet()));
        assert_eq!(s.run.params.agents, 3_000, "the fleet runs as written");
        assert_eq!(s.trace().clusters.iter().map(|c| c.name.as_str()).collect::<Vec<_>>(), ["stg", "small", "big"]);
        assert_eq!(s.view.cluster, 2, "the diagram moves to the new fleet's largest");
        assert!(s.notices.is_empty(), "{:?}", s.notices);
        let mut expect = Params::default();
        expect.set_fleet(Some(fleet()));
        assert_eq!(s.trace().checksum(), simulate(&expect).checksum());
        // The written link reopens the same run, with no notice.
        let (link, n) = LinkState::decode(&s.link(LinkAt::Moment).to_query());
        assert!(n.is_empty(), "{n:?}");
        assert_eq!(link.params, s.run.params);
        assert_eq!(link.view.cluster, s.view.cluster);
        // Back to December's built-in fleet.
        s.apply(Msg::SetFleet(None));
        assert_eq!(s.run.params, Params::default());
        assert_eq!(s.view.cluster, 1);
    }

    #[test]
    fn an_invalid_fleet_agent_or_plan_keeps_the_last_valid_run_and_says_why() {
        let mut s = fresh();
        s.apply(Msg::SetFleet(Some(fleet())));
        let (run, id) = (s.run.params.clone(), s.run.id);
        let mut bad = fleet();
        bad.clusters[1].nodes = 0;
        s.apply(Msg::SetFleet(Some(bad)));
        s.apply(Msg::SetFleet(Some(Fleet { clusters: vec![] })));
        s.apply(Msg::SetAgent(Some(AgentSpec { replicas: None, calls: vec![] })));
        s.apply(Msg::SetPlan(Some(Plan { waves: vec![Wave { clusters: vec!["large-a".into()], soak_min: 0.0 }], gate: Gate::default() })));
        assert_eq!((s.run.params.clone(), s.run.id), (run, id), "nothing changed");
        let texts: Vec<&str> = s.notices.iter().map(|n| n.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "cluster 2 ('small'): nodes = 0 is out of range (1 to 100,000); the run keeps its last valid setting.",
                "fleet: no clusters (a fleet needs 1 to 60); the run keeps its last valid setting.",
                "agent: no calls (an agent makes 1 to 16 calls a poll); the run keeps its last valid setting.",
                "plan wave 1: clusters names 'large-a', which is not a cluster of the fleet; the run keeps its last valid setting.",
            ]
        );
    }

    #[test]
    fn agent_and_plan_apply_and_a_new_fleet_drops_a_plan_that_no_longer_fits() {
        let mut s = fresh();
        s.apply(Msg::SetFleet(Some(fleet())));
        s.apply(Msg::SetAgent(Some(AgentSpec::december())));
        assert_eq!(s.run.params.agent, Some(AgentSpec::december()));
        let plan = Plan {
            waves: vec![Wave { clusters: vec!["stg".into(), "small".into()], soak_min: 20.0 }, Wave { clusters: vec!["big".into()], soak_min: 0.0 }],
            gate: Gate { signal: GateSignal::Either, threshold_pct: 1.0, delay_min: 0.0 },
        };
        s.apply(Msg::SetPlan(Some(plan.clone())));
        assert_eq!(s.run.params.plan, Some(plan));
        assert!(s.notices.is_empty(), "{:?}", s.notices);
        let mut other = fleet();
        other.clusters[2].name = "huge".into();
        s.apply(Msg::SetFleet(Some(other)));
        assert_eq!(s.run.params.plan, None);
        assert_eq!(s.notices.len(), 1);
        assert!(s.notices[0].kind == cascade_lab::formats::link::NoticeKind::Described && s.notices[0].text.contains("'fleet'"), "{:?}", s.notices);
        assert_eq!(names(&s.run.params), ["stg", "small", "huge"]);
    }

    #[test]
    fn a_preset_keeps_your_fleet_and_agent() {
        let mut s = fresh();
        s.apply(Msg::SetFleet(Some(fleet())));
        s.apply(Msg::SetAgent(Some(AgentSpec::december())));
        s.apply(Msg::Preset(Preset::BreakGlass));
        assert!(s.run.params.break_glass);
        assert_eq!((s.run.params.fleet.clone(), s.run.params.agents), (Some(fleet()), 3_000));
        assert_eq!(s.run.params.agent, Some(AgentSpec::december()));
        // A preset that sizes the fleet (the day before: 50 nodes) scales it.
        s.apply(Msg::Preset(Preset::from_name("staging").unwrap()));
        assert_eq!(s.run.params.agents, 50);
        assert_eq!(s.run.params.fleet, Some(fleet()));
        // Reset is December 2024 whole.
        s.apply(Msg::Reset);
        assert_eq!(s.run.params, Params::default());
    }
}

/// Issue 28: a typed value outside its range runs clamped with a notice naming both — the TTL
/// box given 7,200 s no longer silently runs 3,600.
#[test]
fn a_typed_value_outside_its_range_is_clamped_with_a_notice() {
    use cascade_lab::formats::link::LinkState;
    use cascade_lab::sim::Key;
    use cascade_lab::ui::state::{Msg, State};
    let mut s = State::from_link(LinkState::default(), Vec::new(), false);
    s.apply(Msg::Set(Key::ttl, 7200.0));
    assert_eq!(s.run.params.ttl, 3600);
    assert_eq!(s.notices.len(), 1);
    assert!(
        s.notices[0].kind == cascade_lab::formats::link::NoticeKind::Clamped
            && s.notices[0].text.contains("7,200")
            && s.notices[0].text.contains("0 – 3600")
            && s.notices[0].text.contains("using 60 min"),
        "{}",
        s.notices[0].text
    );
    // In range: no notice.
    s.apply(Msg::Set(Key::ttl, 30.0));
    assert_eq!(s.notices.len(), 1);
}
