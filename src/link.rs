//! The share-link format: its own versioned type, not `Params` serialized, so links made
//! today keep opening when the model's internals change.
//!
//! `?v=1&preset=december-2024&agents=5000&ttl=30&iv=45:block&t=28.5&b.break_glass=true`
//! - `v`: format version (current: 1). A link without `v` is read as version 1.
//! - `preset`, then every schema key that differs from that preset (same keys as the CLI).
//! - `iv`: interventions, `MINUTES:ACTION` comma-separated.
//! - `t`: cursor, minutes after the agent lands (0.1 min precision).
//! - `b.KEY`: compare mode's second run, as differences from the first run.
//! - view options: `embed`, `controls`, `autoplay`, `theme` (not part of the run).
//!
//! Decoding never fails: bad values are clamped or dropped and each change becomes a
//! `Notice` that the app shows.

use crate::sim::params::{self, parse_interventions, Kind};
use crate::sim::{Params, Preset, SPECS};

pub const VERSION: u32 = 1;
pub const DEFAULT_BASE: &str = "https://cascade-lab.example/";
/// Longer query strings are cut before parsing: no real link comes near this.
const MAX_QUERY: usize = 8_192;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Controls {
    #[default]
    Full,
    Min,
    None,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Theme {
    #[default]
    Auto,
    Light,
    Dark,
}

/// How the page is shown; travels in the link but does not change the run.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct View {
    pub embed: bool,
    pub controls: Controls,
    pub autoplay: bool,
    pub theme: Theme,
}

#[derive(Clone, Debug, PartialEq)]
pub struct LinkState {
    pub params: Params,
    /// Cursor, minutes after the agent lands.
    pub t: Option<f64>,
    pub compare: Option<Params>,
    pub view: View,
}

/// Something the decoder changed or ignored, in words for the notice.
#[derive(Clone, Debug, PartialEq)]
pub struct Notice(pub String);

impl LinkState {
    pub fn from_params(p: &Params) -> LinkState {
        LinkState { params: p.clone(), t: None, compare: None, view: View::default() }
    }

    /// The query string, without `?`. Only what differs from the preset is written, so
    /// links stay short and readable.
    pub fn to_query(&self) -> String {
        let mut q: Vec<(String, String)> = vec![("v".into(), VERSION.to_string())];
        let base = Params::from_preset(self.params.preset);
        q.push(("preset".into(), self.params.preset.name().to_string()));
        for (k, v) in self.params.diff_pairs(&base) {
            if k != "preset" {
                q.push((k.into(), v));
            }
        }
        if let Some(t) = self.t {
            q.push(("t".into(), params::format_tenth(t)));
        }
        if let Some(b) = &self.compare {
            // The second run is written as differences from its own preset when that differs
            // from the first run's, otherwise from the first run (see `read_params`).
            let mut pairs = if b.preset != self.params.preset {
                let mut p = b.diff_pairs(&Params::from_preset(b.preset));
                p.insert(0, ("preset", b.preset.name().to_string()));
                p
            } else {
                b.diff_pairs(&self.params)
            };
            if pairs.is_empty() {
                // An identical second run still has to say compare mode is on.
                pairs.push(("preset", b.preset.name().to_string()));
            }
            for (k, v) in pairs {
                q.push((format!("b.{k}"), v));
            }
        }
        if self.view.embed {
            q.push(("embed".into(), "1".into()));
        }
        match self.view.controls {
            Controls::Full => {}
            Controls::Min => q.push(("controls".into(), "min".into())),
            Controls::None => q.push(("controls".into(), "none".into())),
        }
        if self.view.autoplay {
            q.push(("autoplay".into(), "1".into()));
        }
        match self.view.theme {
            Theme::Auto => {}
            Theme::Light => q.push(("theme".into(), "light".into())),
            Theme::Dark => q.push(("theme".into(), "dark".into())),
        }
        q.iter().map(|(k, v)| format!("{}={}", encode(k), encode(v))).collect::<Vec<_>>().join("&")
    }

    pub fn to_url(&self, base: &str) -> String {
        let base = base.split(['?', '#']).next().unwrap_or(base);
        format!("{base}?{}", self.to_query())
    }

    /// Read a query string (with or without `?`). Always returns a usable state.
    pub fn decode(query: &str) -> (LinkState, Vec<Notice>) {
        let mut notices = Vec::new();
        // Accept a whole URL too: take what follows the first '?', drop any '#fragment'.
        let query = query.split_once('?').map_or(query, |(_, q)| q);
        let query = query.split('#').next().unwrap_or("");
        let query = if query.len() > MAX_QUERY {
            notices.push(Notice(format!("The link was {} characters long; only the first {MAX_QUERY} were read.", query.len())));
            let mut cut = MAX_QUERY;
            while !query.is_char_boundary(cut) {
                cut -= 1;
            }
            &query[..cut]
        } else {
            query
        };
        let pairs: Vec<(String, String)> = query
            .split('&')
            .filter(|s| !s.is_empty())
            .map(|kv| {
                let (k, v) = kv.split_once('=').unwrap_or((kv, ""));
                (decode(k), decode(v))
            })
            .collect();

        // Later duplicates win, as URLSearchParams.get would not; say so.
        let mut seen: Vec<&str> = Vec::new();
        for (k, _) in &pairs {
            if seen.contains(&k.as_str()) {
                notices.push(Notice(format!("'{}' appeared more than once; the last value was used.", show(k))));
            } else {
                seen.push(k);
            }
        }
        let get = |key: &str| pairs.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v.as_str());

        match get("v").map(str::trim) {
            None => {}
            Some(v) => match v.parse::<u32>() {
                Ok(VERSION) => {}
                Ok(n) if n > VERSION => notices.push(Notice(format!(
                    "This link was made by a newer Cascade Lab (format v{n}); it was read as v{VERSION} and may differ."
                ))),
                _ => notices.push(Notice(format!("Unknown link version '{}'; read as v{VERSION}.", show(v)))),
            },
        }

        let params = read_params(&pairs, "", Params::default(), &mut notices);
        let compare = if pairs.iter().any(|(k, _)| k.starts_with("b.")) {
            Some(read_params(&pairs, "b.", params.clone(), &mut notices))
        } else {
            None
        };

        let t = get("t").and_then(|v| match v.trim().parse::<f64>() {
            Ok(t) if t.is_finite() => {
                let c = t.clamp(-150.0, params.horizon as f64);
                if c != t {
                    notices.push(Notice(format!("Cursor t={} is outside the run; moved to {}.", show(v), params::format_tenth(c))));
                }
                Some(params::round_tenth(c))
            }
            _ => {
                notices.push(Notice(format!("Cursor t='{}' is not a number; ignored.", show(v))));
                None
            }
        });

        let flag = |key: &str, notices: &mut Vec<Notice>| match get(key).map(str::trim) {
            None => false,
            Some("1" | "true" | "yes" | "") => true,
            Some("0" | "false" | "no") => false,
            Some(other) => {
                notices.push(Notice(format!("{key}='{}' should be 1 or 0; ignored.", show(other))));
                false
            }
        };
        let mut view = View { embed: flag("embed", &mut notices), autoplay: flag("autoplay", &mut notices), ..View::default() };
        view.controls = match get("controls").map(str::trim) {
            None | Some("full") => Controls::Full,
            Some("min") => Controls::Min,
            Some("none") => Controls::None,
            Some(o) => {
                notices.push(Notice(format!("controls='{}' should be full, min or none; showing full.", show(o))));
                Controls::Full
            }
        };
        view.theme = match get("theme").map(str::trim) {
            None | Some("auto") => Theme::Auto,
            Some("light") => Theme::Light,
            Some("dark") => Theme::Dark,
            Some(o) => {
                notices.push(Notice(format!("theme='{}' should be light, dark or auto; using auto.", show(o))));
                Theme::Auto
            }
        };

        const VIEW_KEYS: [&str; 6] = ["v", "t", "embed", "controls", "autoplay", "theme"];
        for (k, _) in &pairs {
            let bare = k.strip_prefix("b.").unwrap_or(k);
            let known = VIEW_KEYS.contains(&k.as_str()) || params::keys().contains(&bare);
            if !known {
                notices.push(Notice(format!("Unknown setting '{}' was ignored.", show(k))));
            }
        }
        notices.dedup();
        (LinkState { params, t, compare, view }, notices)
    }
}

/// Parameters under `prefix`, starting from its preset (or from `base` if none given).
fn read_params(pairs: &[(String, String)], prefix: &str, base: Params, notices: &mut Vec<Notice>) -> Params {
    let get = |key: &str| pairs.iter().rev().find(|(k, _)| k.strip_prefix(prefix) == Some(key)).map(|(_, v)| v.as_str());
    let who = if prefix.is_empty() { "" } else { "Compared run: " };
    // A compared run's own preset is its base only when it differs from the first run's.
    let mut p = match get("preset").filter(|name| prefix.is_empty() || Preset::from_name(name) != Some(base.preset)) {
        Some(name) => Params::preset(name).unwrap_or_else(|_| {
            notices.push(Notice(format!("{who}unknown preset '{}'; started from December 2024.", show(name))));
            Params::default()
        }),
        None => base,
    };
    for s in SPECS {
        let Some(raw) = get(s.key) else { continue };
        match s.parse(raw) {
            Ok(v) => {
                p.set_value(s.key, v);
            }
            Err(_) => {
                let lenient = match s.kind {
                    Kind::Int | Kind::Float => raw.trim().parse::<f64>().ok().filter(|v| !v.is_nan()).map(|v| s.clamp(v)),
                    _ => None,
                };
                match lenient {
                    Some(v) => {
                        p.set_value(s.key, v);
                        notices.push(Notice(format!(
                            "{who}{} {} is out of range ({}); using {}.",
                            s.label,
                            show(raw),
                            params::range_text(s),
                            s.display(v)
                        )));
                    }
                    None => notices.push(Notice(format!(
                        "{who}{} '{}' is not valid ({}); kept {}.",
                        s.label,
                        show(raw),
                        params::range_text(s),
                        s.display(p.value(s.key))
                    ))),
                }
            }
        }
    }
    if let Some(raw) = get("iv") {
        match parse_interventions(raw) {
            Ok(list) => p.interventions = list,
            Err(e) => notices.push(Notice(format!("{who}interventions ignored: {e}"))),
        }
    }
    p
}

/// Hostile text shown back to a person: short, printable.
fn show(s: &str) -> String {
    let clean: String = s.chars().filter(|c| !c.is_control()).take(32).collect();
    if s.chars().count() > 32 {
        format!("{clean}…")
    } else {
        clean
    }
}

fn encode(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b':' | b',' => out.push(b as char),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

fn decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => {
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).ok().and_then(|h| u8::from_str_radix(h, 16).ok());
                match hex {
                    Some(v) => {
                        out.push(v);
                        i += 2;
                    }
                    None => out.push(b'%'),
                }
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}
