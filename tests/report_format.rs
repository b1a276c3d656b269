//! One time notation everywhere: "T+4 min", "T+1 h 26 min"; never "T+3:31" or "T+0.8".

use cascade_lab::report::{duration, t_plus};

#[test]
fn times_after_t_read_in_minutes_and_hours() {
    assert_eq!(t_plus(4.3), "T+4 min");
    assert_eq!(t_plus(-21.0), "T−21 min");
    assert_eq!(t_plus(86.0), "T+1 h 26 min");
    assert_eq!(t_plus(120.2), "T+2 h");
    assert_eq!(t_plus(-0.4), "T+0 min", "no negative zero");
    assert_eq!(t_plus(f64::NAN), "T+0 min");
    assert_eq!(duration(266.0), "4 h 26 min");
    assert_eq!(duration(45.4), "45 min");
    for t in [-150.0, -0.8, 0.8, 3.5, 59.6, 61.0, 719.9] {
        let s = t_plus(t);
        assert!(!s.contains(':') && !s.contains('.'), "{s}");
    }
}
