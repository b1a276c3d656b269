//! JSON text for the exports the CLI and the app share: serde_json's writer, with floats
//! written by Rust's own shortest round-trip formatting (`{:?}`) instead of serde_json's
//! float formatter. The wasm carries core's float formatting anyway; serde_json's brings a
//! 17 KB table of its own (page weight). Non-finite floats are `null`, as serde_json writes them.

use serde::Serialize;
use serde_json::ser::{CompactFormatter, Formatter, PrettyFormatter, Serializer};
use std::io::{self, Write};

/// Compact JSON (`{"a":1.5}`).
pub fn to_string<T: Serialize + ?Sized>(v: &T) -> String {
    write(v, Floats(CompactFormatter))
}

/// Indented JSON, two spaces, as `serde_json::to_string_pretty`.
pub fn to_string_pretty<T: Serialize + ?Sized>(v: &T) -> String {
    write(v, Floats(PrettyFormatter::new()))
}

fn write<T: Serialize + ?Sized, F: Formatter>(v: &T, f: F) -> String {
    let mut out = Vec::new();
    let mut ser = Serializer::with_formatter(&mut out, f);
    match v.serialize(&mut ser) {
        // serde_json writes only UTF-8.
        Ok(()) => String::from_utf8(out).unwrap_or_default(),
        Err(e) => format!("{{\"error\":\"{e}\"}}"),
    }
}

/// A formatter that lays out like `F` and writes floats with `{:?}`.
struct Floats<F>(F);

impl<F: Formatter> Formatter for Floats<F> {
    fn write_f32<W: ?Sized + Write>(&mut self, w: &mut W, v: f32) -> io::Result<()> {
        write!(w, "{v:?}")
    }
    fn write_f64<W: ?Sized + Write>(&mut self, w: &mut W, v: f64) -> io::Result<()> {
        write!(w, "{v:?}")
    }
    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_array(w)
    }
    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array(w)
    }
    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_array_value(w, first)
    }
    fn end_array_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array_value(w)
    }
    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object(w)
    }
    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object(w)
    }
    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_object_key(w, first)
    }
    fn end_object_key<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object_key(w)
    }
    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object_value(w)
    }
    fn end_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object_value(w)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every float reads back as itself, and the layout is serde_json's to the byte.
    #[test]
    fn floats_round_trip_and_layout_matches_serde_json() {
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut vals = vec![0.0, -0.0, 1.0, 0.1, 0.5, 12.25, 1e-7, 1e16, 1e21, 123456.789, f64::MAX, f64::MIN_POSITIVE];
        for _ in 0..20_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let v = f64::from_bits(x);
            if v.is_finite() {
                vals.push(v);
            }
            vals.push((x % 1_000_000) as f64 / 100.0);
        }
        for v in &vals {
            let s = to_string(v);
            assert_eq!(s.parse::<f64>().unwrap().to_bits(), v.to_bits(), "{v:?} wrote {s}");
            assert!(serde_json::from_str::<f64>(&s).is_ok(), "{s} is a JSON number");
        }
        // Two decimals (what the exports round to) write as serde_json writes them.
        for v in vals.iter().filter(|v| v.abs() < 1e9 && (*v * 100.0).fract() == 0.0) {
            assert_eq!(to_string(v), serde_json::to_string(v).unwrap());
        }
        let nested = serde_json::json!({"a": [1.5, 2.0, null], "b": {"c": "d\"e"}, "e": []});
        assert_eq!(to_string_pretty(&nested), serde_json::to_string_pretty(&nested).unwrap());
        assert_eq!(to_string(&nested), serde_json::to_string(&nested).unwrap());
        assert_eq!(to_string(&[f64::NAN, f64::INFINITY]), "[null,null]");
    }
}
