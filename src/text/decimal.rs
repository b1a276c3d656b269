//! Reading a decimal number, for `params::parse_number` (links, sliders, the CLI). Not
//! `str::parse::<f64>`: that brings an 11 KB table of powers of five into the wasm (page
//! weight). The same grammar as std, and the same f64, bit for bit, whenever the number is
//! `digits × 10^e` with at most 15 significant digits and `e` within −22 … 22 once the point
//! is moved behind the last digit (`0.35` is 35 × 10^−2, `7.5e3` is 75 × 10^2): one IEEE
//! multiplication or division of two exact values, which rounds correctly. Links (3 decimals),
//! sliders and typed parameters are all of that kind. Other numbers (`9.27e-18`, 20 digits)
//! come within a few units in the last place; every caller rounds to the schema's precision
//! next.

/// 10^0 … 10^22, each exact in an f64.
const POW10: [f64; 23] = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];

/// Significant digits kept; the rest only say whether the number was cut.
const KEPT: u32 = 19;

/// `[+-]? (inf | infinity | nan | digits [. digits] | . digits) ([eE] [+-]? digits)?`, ASCII
/// case-insensitive words, nothing around it (as `str::parse::<f64>`).
pub fn parse(text: &str) -> Option<f64> {
    let (neg, b) = match text.as_bytes() {
        [b'-', rest @ ..] => (true, rest),
        [b'+', rest @ ..] => (false, rest),
        b => (false, b),
    };
    let sign = |v: f64| if neg { -v } else { v };
    if b.eq_ignore_ascii_case(b"inf") || b.eq_ignore_ascii_case(b"infinity") {
        return Some(sign(f64::INFINITY));
    }
    if b.eq_ignore_ascii_case(b"nan") {
        return Some(f64::NAN);
    }
    let mut d = Digits::default();
    let mut i = 0;
    while let Some(c) = b.get(i).filter(|c| c.is_ascii_digit()) {
        d.push(c - b'0', Place::Whole);
        i += 1;
    }
    if b.get(i) == Some(&b'.') {
        i += 1;
        while let Some(c) = b.get(i).filter(|c| c.is_ascii_digit()) {
            d.push(c - b'0', Place::Fraction);
            i += 1;
        }
    }
    if !d.any {
        return None;
    }
    let mut exp = d.exp;
    if let Some(b'e' | b'E') = b.get(i) {
        i += 1;
        let neg_exp = match b.get(i) {
            Some(b'-') => {
                i += 1;
                true
            }
            Some(b'+') => {
                i += 1;
                false
            }
            _ => false,
        };
        let start = i;
        let mut e: i64 = 0;
        while let Some(c) = b.get(i).filter(|c| c.is_ascii_digit()) {
            // Far past any f64's range: more digits change nothing.
            e = (e * 10 + (c - b'0') as i64).min(1_000_000);
            i += 1;
        }
        if i == start {
            return None;
        }
        exp += if neg_exp { -e } else { e };
    }
    if i != b.len() {
        return None;
    }
    Some(sign(d.value(exp)))
}

/// The significant digits read so far: `mant × 10^exp`, and whether non-zero digits were cut.
#[derive(Default)]
struct Digits {
    mant: u64,
    kept: u32,
    exp: i64,
    cut: bool,
    any: bool,
}

/// Which side of the decimal point a digit is on.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Place {
    Whole,
    Fraction,
}

impl Digits {
    fn push(&mut self, digit: u8, place: Place) {
        let fraction = place == Place::Fraction;
        self.any = true;
        if self.mant == 0 && digit == 0 {
            // A leading zero: only its place counts.
            self.exp -= fraction as i64;
        } else if self.kept < KEPT {
            self.mant = self.mant * 10 + digit as u64;
            self.kept += 1;
            self.exp -= fraction as i64;
        } else {
            self.exp += !fraction as i64;
            self.cut |= digit != 0;
        }
    }

    fn value(&self, exp: i64) -> f64 {
        if self.mant == 0 {
            return 0.0;
        }
        let exact = !self.cut && self.mant <= 1 << 53;
        if exact && (-22..=22).contains(&exp) {
            let m = self.mant as f64;
            return if exp >= 0 { m * POW10[exp as usize] } else { m / POW10[(-exp) as usize] };
        }
        // 1234e25 is 1234000e22: still two exact operands when the mantissa stays exact.
        if exact && (23..=22 + 15).contains(&exp) {
            if let Some(m) = self.mant.checked_mul(10u64.pow((exp - 22) as u32)).filter(|m| *m <= 1 << 53) {
                return m as f64 * 1e22;
            }
        }
        // Beyond exact operands: scaled in steps, within a few units in the last place.
        let mut v = self.mant as f64;
        let mut e = exp;
        while e > 22 {
            v *= 1e22;
            e -= 22;
            if v.is_infinite() {
                return v;
            }
        }
        while e < -22 {
            v /= 1e22;
            e += 22;
            if v == 0.0 {
                return v;
            }
        }
        if e >= 0 {
            v * POW10[e as usize]
        } else {
            v / POW10[(-e) as usize]
        }
    }
}

#[cfg(test)]
mod tests {
    use super::parse;

    fn std(s: &str) -> Option<f64> {
        s.parse::<f64>().ok()
    }

    fn same(a: Option<f64>, b: Option<f64>) -> bool {
        match (a, b) {
            (Some(x), Some(y)) => x.to_bits() == y.to_bits() || (x.is_nan() && y.is_nan()),
            (None, None) => true,
            _ => false,
        }
    }

    #[test]
    fn reads_what_people_and_links_write_exactly_as_std() {
        for s in [
            "0",
            "-0",
            "+0",
            "7500",
            "7.5e3",
            "0.1",
            "0.35",
            "1.25",
            "1.",
            ".5",
            "-.5",
            "3600",
            "1e-7",
            "12345.6789",
            "0.000001",
            "9007199254740992",
            "123456789012345",
            "1e22",
            "1e23",
            "4.5e30",
            "inf",
            "-inf",
            "Infinity",
            "NaN",
            "nan",
            "1E5",
            "1e+5",
            "00012",
            "0.0000",
            "1e400",
            "1e-400",
        ] {
            assert!(same(parse(s), std(s)), "{s}: {:?} vs {:?}", parse(s), std(s));
        }
        // Hostile lengths and exponents: no panic, the same overflow and underflow.
        let long = "1".repeat(400);
        let tiny = format!("0.{}1", "0".repeat(400));
        for s in [long.as_str(), tiny.as_str(), "1e999999999999999", "-1e-999999999999"] {
            assert!(same(parse(s), std(s)), "{s}: {:?} vs {:?}", parse(s), std(s));
        }
        // The edges of the range: within a few units in the last place.
        for s in ["2e-308", "1.7976931348623157e308", "4.9e-300"] {
            let (a, b) = (parse(s).unwrap(), std(s).unwrap());
            assert!((a.to_bits() as i64 - b.to_bits() as i64).abs() <= 4, "{s}: {a:e} vs {b:e}");
        }
    }

    #[test]
    fn rejects_what_std_rejects() {
        for s in ["", "-", "+", ".", "e5", "1e", "1e+", "1.2.3", "1,000", " 1", "1 ", "0x10", "--1", "1e5.5", "infinit", "nana", "١"] {
            assert_eq!(parse(s).is_some(), std(s).is_some(), "{s:?}");
            assert_eq!(parse(s), None, "{s:?}");
        }
    }

    /// Random numbers with up to 15 significant digits and `digits × 10^e`, `e` within ±22 once
    /// the point is behind the last digit (all a link or a slider writes): bit-identical to std.
    /// Any other double written out in full: within a few ulps.
    #[test]
    fn agrees_with_std_bit_for_bit_on_short_decimals() {
        let mut x: u64 = 0x2545_F491_4F6C_DD1D;
        let mut next = || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        for _ in 0..200_000 {
            let digits = 1 + next() % 15;
            let mant = next() % 10u64.pow(digits as u32);
            let point = (next() % (digits + 1)) as usize;
            let mut s = format!("{mant:0width$}", width = digits as usize);
            s.insert(s.len() - point, '.');
            if next() % 2 == 0 {
                // A written exponent that keeps digits × 10^e within ±22.
                let e = (next() % 45) as i64 - 22 + point as i64;
                s = format!("{s}e{e}");
            }
            if next() % 2 == 0 {
                s.insert(0, '-');
            }
            assert!(same(parse(&s), std(&s)), "{s}: {:?} vs {:?}", parse(&s), std(&s));
        }
        for _ in 0..20_000 {
            let v = f64::from_bits(next());
            if !v.is_finite() || v == 0.0 {
                continue;
            }
            let s = format!("{v:e}");
            let (a, b) = (parse(&s).unwrap(), std(&s).unwrap());
            let ulps = (a.to_bits() as i64 - b.to_bits() as i64).abs();
            assert!(
                ulps <= 8 || (a.is_infinite() && b.abs() > 1e307) || (a == 0.0 && b.abs() < 1e-300) || b.is_subnormal(),
                "{s}: {a:e} vs {b:e} ({ulps} ulps)"
            );
        }
    }
}
