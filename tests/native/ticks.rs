//! The one tick algorithm (`cascade_lab::text::ticks`) the charts and the sweep map share.

use cascade_lab::analysis::sweep::Axis;
use cascade_lab::text::ticks::{log_ticks, multiples, round_ticks, LogSteps};

#[test]
fn multiples_start_at_or_above_lo_and_stop_at_hi() {
    assert_eq!(multiples(-7.5, 20.0, 5.0), vec![-5.0, 0.0, 5.0, 10.0, 15.0, 20.0]);
    assert_eq!(multiples(1.0, 4.0, 5.0), Vec::<f64>::new());
    // A float's error past `hi` still counts.
    assert_eq!(multiples(0.0, 0.3, 0.1).len(), 4);
}

#[test]
fn round_ticks_take_the_first_step_that_fits() {
    // Labels 3 units wide need a step of at least 3.
    let fit = |step: f64, _: &[f64]| step >= 3.0;
    assert_eq!(round_ticks(0.0, 20.0, [1.0, 2.0, 5.0, 10.0], fit), vec![0.0, 5.0, 10.0, 15.0, 20.0]);
    // None fits: the last step's ticks.
    assert_eq!(round_ticks(0.0, 20.0, [1.0, 2.0], fit), multiples(0.0, 20.0, 2.0));
    // The fit may look at the ticks themselves (how many, their labels).
    assert_eq!(round_ticks(0.0, 100.0, [25.0, 50.0], |_, t| t.len() <= 3), vec![0.0, 50.0, 100.0]);
    assert!(round_ticks(0.0, 1.0, [], fit).is_empty());
}

#[test]
fn log_ticks_are_decades_or_one_two_five() {
    assert_eq!(log_ticks(100.0, 30_000.0, LogSteps::Decades), vec![100.0, 1_000.0, 10_000.0]);
    assert_eq!(log_ticks(100.0, 1_000.0, LogSteps::OneTwoFive), vec![100.0, 200.0, 500.0, 1_000.0]);
    assert_eq!(log_ticks(0.1, 10.0, LogSteps::OneTwoFive), vec![0.1, 0.2, 0.5, 1.0, 2.0, 5.0, 10.0]);
    assert_eq!(log_ticks(150.0, 180.0, LogSteps::OneTwoFive), Vec::<f64>::new());
}

#[test]
fn sweep_axes_tick_at_round_values() {
    let linear = Axis::new("ttl", 0.0, 3_600.0, 16, false).unwrap();
    assert_eq!(linear.ticks(), vec![0.0, 1_000.0, 2_000.0, 3_000.0]);
    let log = Axis::new("agents", 100.0, 100_000.0, 16, true).unwrap();
    assert_eq!(log.ticks(), vec![100.0, 1_000.0, 10_000.0, 100_000.0]);
    let few = Axis::new("cost", 0.5, 4.0, 8, true).unwrap();
    assert_eq!(few.ticks(), vec![0.5, 1.0, 2.0]);
    // Fewer than two round values inside: the ends.
    let narrow = Axis::new("agents", 150.0, 180.0, 4, true).unwrap();
    assert_eq!(narrow.ticks(), vec![150.0, 180.0]);
}
