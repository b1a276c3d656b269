//! Numbers as people read them: thousands grouped (`7,500`), seconds as `20 min` or `45 s`.

/// `1 node`, `7,500 nodes`: a count with its noun, singular for exactly one.
pub fn count(n: i64, one: &str, many: &str) -> String {
    format!("{} {}", group_thousands(n), if n == 1 { one } else { many })
}

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

/// Three significant figures, trailing zeros dropped, no exponent: `0.1`, `6`, `18.8`, `2,344`.
/// (Fixed-point formatting only: the page does not carry the shortest-float formatter for it.)
pub fn sig3(x: f64) -> String {
    if x.is_nan() {
        return "NaN".into();
    }
    if x.is_infinite() {
        return if x > 0.0 { "inf" } else { "-inf" }.into();
    }
    if x == 0.0 {
        return "0".into();
    }
    let a = x.abs();
    if a >= 100.0 {
        let n = group_thousands(a.round() as i64);
        return if x < 0.0 { format!("-{n}") } else { n };
    }
    // Decimals so that three figures show: 18.75 → 1, 6 → 2, 0.000123 → 6.
    let mut prec = 0usize;
    let mut y = a;
    while y < 100.0 && prec < 12 {
        y *= 10.0;
        prec += 1;
    }
    let s = format!("{x:.prec$}");
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    }
}

/// A number as text that reads back to exactly the same f64 through `decimal::parse`: up to
/// six decimals when that is exact (`0.5`, `0.07`, `-0.1`), else `h` and its 16 hex bits.
pub fn exact_number(x: f64) -> String {
    let s = format!("{x:.6}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    let s = if s == "-0" { "0" } else { s };
    if super::decimal::parse(s) == Some(x) {
        s.to_string()
    } else {
        format!("h{:016x}", x.to_bits())
    }
}

/// Reads `exact_number`'s text (and any decimal).
pub fn read_exact_number(s: &str) -> Option<f64> {
    match s.strip_prefix('h') {
        Some(hex) if hex.len() == 16 => u64::from_str_radix(hex, 16).ok().map(f64::from_bits).filter(|v| v.is_finite()),
        Some(_) => None,
        None => super::decimal::parse(s).filter(|v| v.is_finite()),
    }
}

/// The one rule for digit grouping in typed numbers: `_` anywhere (`7_500`, as Rust writes
/// it) and `,` only between thousands of the whole part (`7,500`, `1,200,000`). A comma
/// anywhere else — a decimal comma (`1,5`, `64,5`) or a stray one (`75,00`) — is left in
/// place, so the number does not read and its error shows it, rather than `1,5` becoming 15.
pub fn ungroup(text: &str) -> String {
    let t = text.replace('_', "");
    if !t.contains(',') {
        return t;
    }
    let body = t.strip_prefix(['-', '+']).unwrap_or(&t);
    let whole_end = body.find(['.', 'e', 'E']).unwrap_or(body.len());
    let (whole, rest) = body.split_at(whole_end);
    let groups: Vec<&str> = whole.split(',').collect();
    let grouped = !rest.contains(',')
        && groups.iter().all(|g| g.bytes().all(|b| b.is_ascii_digit()))
        && (1..=3).contains(&groups[0].len())
        && groups[1..].iter().all(|g| g.len() == 3);
    if grouped {
        t.replace(',', "")
    } else {
        t
    }
}
