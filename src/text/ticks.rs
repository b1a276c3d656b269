//! Round axis ticks, one algorithm for the charts' axes (`chart`) and the sweep map's
//! (`sweep::Axis::ticks`): the multiples of the first round step, smallest first, whose
//! ticks fit (labels that do not overlap); on a log axis the decades, or 1-2-5 steps where
//! they fit. Pure; tested natively (`tests/native/ticks.rs`).

/// The multiples of `step` within `lo..=hi` (and a float's error past `hi`), from the first
/// at or above `lo`, each the previous plus `step`.
pub fn multiples(lo: f64, hi: f64, step: f64) -> Vec<f64> {
    let mut out = Vec::new();
    let mut v = (lo / step).ceil() * step;
    while v <= hi + 1e-9 {
        out.push(v);
        v += step;
    }
    out
}

/// The multiples (`multiples`) of the first of `steps` (smallest first) whose ticks `fit`:
/// `fit(step, ticks)`, e.g. whether the widest label and a gap fit between two ticks. The
/// last step's ticks when none fits; none without steps.
pub fn round_ticks(lo: f64, hi: f64, steps: impl IntoIterator<Item = f64>, fit: impl Fn(f64, &[f64]) -> bool) -> Vec<f64> {
    let mut ticks = Vec::new();
    for step in steps {
        ticks = multiples(lo, hi, step);
        if fit(step, &ticks) {
            break;
        }
    }
    ticks
}

/// Which round values a log axis marks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LogSteps {
    /// The decades 10^k alone.
    Decades,
    /// 1, 2 and 5 × 10^k.
    OneTwoFive,
}

/// The values of `steps` within `lo..=hi` (`lo` > 0), smallest first.
pub fn log_ticks(lo: f64, hi: f64, steps: LogSteps) -> Vec<f64> {
    let mut out = Vec::new();
    let mut k = lo.log10().floor() as i32;
    while 10f64.powi(k) <= hi {
        for c in if steps == LogSteps::OneTwoFive { &[1.0, 2.0, 5.0][..] } else { &[1.0][..] } {
            let v = c * 10f64.powi(k);
            if (lo..=hi).contains(&v) {
                out.push(v);
            }
        }
        k += 1;
    }
    out
}
