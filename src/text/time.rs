//! One time notation everywhere: the clock of 11 Dec 2024 (`3:16 pm`), minutes after T
//! (`T+4 min`, `T−21 min`, `T+1 h 26 min`) and durations (`1 h 26 min`).

/// "3:16 pm" for a time in minutes after 3:12 pm, 11 Dec 2024.
pub fn clock(t_min: f64) -> String {
    // Rounded like `t_plus`, so "3:16 pm" and "T+4 min" name the same minute.
    let total = (15.0 * 60.0 + 12.0 + t_min).round() as i64;
    let total = total.rem_euclid(24 * 60);
    let (h, m) = (total / 60, total % 60);
    let (h12, ampm) = match h {
        0 => (12, "am"),
        1..=11 => (h, "am"),
        12 => (12, "pm"),
        _ => (h - 12, "pm"),
    };
    format!("{h12}:{m:02} {ampm}")
}

/// "T+4 min", "T−21 min", "T+1 h 26 min", "T+2 h": minutes after the agent lands on the
/// large clusters (T = 3:12 pm), rounded to the minute. One notation everywhere.
pub fn t_plus(t_min: f64) -> String {
    let m = if t_min.is_finite() { t_min.round() as i64 } else { 0 };
    let sign = if m < 0 { "−" } else { "+" };
    let a = m.unsigned_abs();
    match (a / 60, a % 60) {
        (0, m) => format!("T{sign}{m} min"),
        (h, 0) => format!("T{sign}{h} h"),
        (h, m) => format!("T{sign}{h} h {m} min"),
    }
}

/// "1 h 26 min", "45 min": a duration in minutes, rounded to the minute.
pub fn duration(min: f64) -> String {
    let m = if min.is_finite() { min.round().max(0.0) as u64 } else { 0 };
    match (m / 60, m % 60) {
        (0, m) => format!("{m} min"),
        (h, 0) => format!("{h} h"),
        (h, m) => format!("{h} h {m} min"),
    }
}
