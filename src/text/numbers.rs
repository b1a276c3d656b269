//! Numbers as people read them: thousands grouped (`7,500`), seconds as `20 min` or `45 s`.

/// `7500` → `7,500`.
pub fn group_thousands(n: i64) -> String {
    let s = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, ch) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    if n < 0 {
        format!("-{out}")
    } else {
        out
    }
}

/// A TTL in words: `30 s`, `20 min`, `1 min 30 s`; 0 is no cache.
pub fn human_seconds(v: f64) -> String {
    let s = v.round() as i64;
    if s == 0 {
        "0 s (no cache)".into()
    } else if s < 120 {
        format!("{s} s")
    } else if s % 60 == 0 {
        format!("{} min", s / 60)
    } else {
        format!("{} min {} s", s / 60, s % 60)
    }
}
