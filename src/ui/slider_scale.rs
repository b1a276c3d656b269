//! How a parameter slider maps to values: track position ↔ value (log keys on a log
//! scale) and the arrow-key steps. Pure, so it is tested natively (tests/native/app_state.rs).

use crate::sim::{Kind, Spec};

/// Positions on the range input's track: 0..=TRACK.
pub const TRACK: f64 = 1000.0;

/// Track position of a value; log keys move on a log scale.
pub fn to_pos(s: &Spec, v: f64) -> f64 {
    if s.log {
        (v.max(s.min) / s.min).ln() / (s.max / s.min).ln() * TRACK
    } else {
        (v - s.min) / (s.max - s.min) * TRACK
    }
}

/// The value at a track position.
pub fn from_pos(s: &Spec, p: f64) -> f64 {
    let u = (p / TRACK).clamp(0.0, 1.0);
    let v = if s.log { s.min * (s.max / s.min).powf(u) } else { s.min + (s.max - s.min) * u };
    // Round log values to 2 significant figures so the number reads cleanly.
    if s.log && s.kind == Kind::Int {
        let mag = 10f64.powf(v.log10().floor() - 1.0).max(1.0);
        (v / mag).round() * mag
    } else {
        s.clamp(v)
    }
}

/// Next value for the arrow keys (PageUp/PageDown: bigger steps). The native step of the
/// 0–1000 track would often round back to the same value, so sliders step in value units.
pub fn key_step(s: &Spec, v: f64, up: bool, big: bool) -> f64 {
    if s.log {
        return nice_step(s, v, up, big);
    }
    // Linear: a round unit near 1 % of the range (10 s for the TTL, 1 for small ranges).
    let unit = 10f64.powf(((s.max - s.min) / 100.0).log10().floor());
    let unit = if s.kind == Kind::Int { unit.max(1.0) } else { unit };
    let d = if big { unit * 10.0 } else { unit };
    s.clamp(if up { v + d } else { v - d })
}

/// Next "nice" value for arrow keys on a log slider: ~5 % (PageUp/Down ~50 %) at two
/// significant figures, always moving at least one unit of the second figure.
pub fn nice_step(s: &Spec, v: f64, up: bool, big: bool) -> f64 {
    let f = if big { 1.5 } else { 1.05 };
    let target = if up { v * f } else { v / f };
    let unit = 10f64.powf(v.abs().max(1e-9).log10().floor() - 1.0);
    let unit = if s.kind == Kind::Int { unit.max(1.0) } else { unit };
    let mut n = (target / unit).round() * unit;
    if (n - v).abs() < unit * 0.5 {
        n = if up { v + unit } else { v - unit };
    }
    s.clamp(n)
}
