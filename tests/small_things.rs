//! Small things, natively: Home/End in the reducer, and the sweep readout's axis values in
//! their schema units (tests/e2e/small_things.test.mjs checks the same in the browser).

use cascade_lab::app::state::{Msg, State};
use cascade_lab::link::LinkState;

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
    assert_eq!(s.link(true).t, Some(-5.0));
}
