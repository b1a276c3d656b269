//! The share-link format: its own versioned type, not `Params` serialized, so links made
//! today keep opening when the model's internals change.
//!
//! `?v=1&preset=december-2024&agents=5000&ttl=30&iv=45:block&t=28.5&b.break_glass=true`
//! - `v`: format version (current: 1). A link without `v` is read as version 1.
//! - `preset`, then every schema key that differs from that preset (same keys as the CLI).
//! - `iv`: interventions, `MINUTES:ACTION` comma-separated (0.1 min precision, up to the horizon).
//! - `t`: cursor, minutes after the agent lands (0.1 min precision, within the run).
//! - `b.KEY`: compare mode's second run, as differences from the first run.
//! - view options: `embed`, `controls`, `autoplay`, `theme` (not part of the run).
//!
//! Decoding never fails: bad values are clamped, rounded or dropped and each change becomes a
//! `Notice` that the app shows (each notice once). A decoded state re-encodes to a link that
//! decodes to the same state without notices (tests/link_fuzz.rs).

use crate::sim::fleet::LARGE_FRAC;
use crate::sim::params::{self, parse_interventions, Kind};
use crate::sim::{Intervention, Params, Preset, SPECS};
use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use std::collections::HashMap;

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

    /// Read a query string (with or without `?`, or a whole URL). Always returns a usable state.
    pub fn decode(input: &str) -> (LinkState, Vec<Notice>) {
        let mut notes = Notes::default();
        let query = query_part(input);
        let query = if query.len() > MAX_QUERY {
            notes.add(format!("The link was {} characters long; only the first {MAX_QUERY} were read.", query.len()));
            let mut cut = MAX_QUERY;
            while !query.is_char_boundary(cut) {
                cut -= 1;
            }
            &query[..cut]
        } else {
            query
        };
        // `+` is a space; a `%` not followed by two hex digits stays a literal `%` (and the
        // value holding it is then refused with a notice like any other bad value).
        let pairs: Vec<(String, String)> =
            form_urlencoded::parse(query.as_bytes()).map(|(k, v)| (k.into_owned(), v.into_owned())).collect();

        // Later duplicates win, as URLSearchParams.get would not; say so.
        // Keys in order of first appearance; a set keeps 4,000 one-letter pairs from being quadratic.
        let (mut seen, mut repeated): (Vec<&str>, Vec<&str>) = (Vec::new(), Vec::new());
        let mut counts: HashMap<&str, usize> = HashMap::new();
        for (k, _) in &pairs {
            let n = counts.entry(k).or_default();
            *n += 1;
            match n {
                1 => seen.push(k),
                2 => repeated.push(k),
                _ => {}
            }
        }
        if !repeated.is_empty() {
            notes.add(format!("{} appeared more than once; the last value was used.", names(&repeated)));
        }
        let get = |key: &str| pairs.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v.as_str());

        match get("v").map(str::trim) {
            None => {}
            Some(v) => match v.parse::<u32>() {
                Ok(VERSION) => {}
                Ok(n) if n > VERSION => notes.add(format!(
                    "This link was made by a newer Cascade Lab (format v{n}); it was read as v{VERSION} and may differ."
                )),
                _ => notes.add(format!("Unknown link version '{}'; read as v{VERSION}.", show(v))),
            },
        }

        let keys = params::keys();
        let params = read_params(&pairs, "", Params::default(), &mut notes);
        // Compare mode is on when the link sets anything of a second run.
        let compare = pairs
            .iter()
            .any(|(k, _)| k.strip_prefix("b.").is_some_and(|bare| keys.contains(&bare)))
            .then(|| read_params(&pairs, "b.", params.clone(), &mut notes));

        let t = get("t").and_then(|v| match params::parse_number(v).filter(|t| !t.is_nan()) {
            Some(t) => {
                let (start, end) = (run_start_min(&params), params.horizon as f64);
                let c = t.clamp(start, end);
                if c != t {
                    notes.add(format!(
                        "Cursor t={} is outside the run ({} to {} min); moved to {}.",
                        show(v),
                        params::format_tenth(start),
                        params::format_tenth(end),
                        params::format_tenth(c)
                    ));
                }
                Some(tenth_within(c, start, end))
            }
            None => {
                notes.add(format!("Cursor t='{}' is not a number; ignored.", show(v)));
                None
            }
        });

        let flag = |key: &str, notes: &mut Notes| match get(key).map(str::trim) {
            None => false,
            Some("1" | "true" | "yes" | "") => true,
            Some("0" | "false" | "no") => false,
            Some(other) => {
                notes.add(format!("{key}='{}' should be 1 or 0; ignored.", show(other)));
                false
            }
        };
        let mut view = View { embed: flag("embed", &mut notes), autoplay: flag("autoplay", &mut notes), ..View::default() };
        view.controls = match get("controls").map(str::trim) {
            None | Some("full") => Controls::Full,
            Some("min") => Controls::Min,
            Some("none") => Controls::None,
            Some(o) => {
                notes.add(format!("controls='{}' should be full, min or none; showing full.", show(o)));
                Controls::Full
            }
        };
        view.theme = match get("theme").map(str::trim) {
            None | Some("auto") => Theme::Auto,
            Some("light") => Theme::Light,
            Some("dark") => Theme::Dark,
            Some(o) => {
                notes.add(format!("theme='{}' should be light, dark or auto; using auto.", show(o)));
                Theme::Auto
            }
        };

        const VIEW_KEYS: [&str; 6] = ["v", "t", "embed", "controls", "autoplay", "theme"];
        // One notice for all unknown keys, so junk cannot push the notices that matter out of view.
        let unknown: Vec<&str> = seen
            .iter()
            .copied()
            .filter(|k| !VIEW_KEYS.contains(k) && !keys.contains(&k.strip_prefix("b.").unwrap_or(k)))
            .collect();
        match unknown.len() {
            0 => {}
            1 => notes.add(format!("Unknown setting {} was ignored.", names(&unknown))),
            _ => notes.add(format!("Unknown settings {} were ignored.", names(&unknown))),
        }
        (LinkState { params, t, compare, view }, notes.0)
    }
}

/// Where a run's trace starts, in minutes after the agent lands: 5 min before the first
/// rollout wave, which begins `LARGE_FRAC` of the rollout window early. The same arithmetic as
/// `simulate` (tests/link_codec.rs checks it against `Trace::t0_min` for every window), so
/// a link's cursor can be placed without simulating.
pub fn run_start_min(p: &Params) -> f64 {
    (-LARGE_FRAC * (p.rollout_min as f64 * 60.0) - 300.0) / 60.0
}

/// `t` (already within `start..=end`) at link precision, still within the run.
fn tenth_within(t: f64, start: f64, end: f64) -> f64 {
    let r = params::round_tenth(t);
    if r < start {
        params::round_tenth(r + 0.1)
    } else if r > end {
        params::round_tenth(r - 0.1)
    } else {
        r
    }
}

/// The query of a whole URL, of `?query`, or a bare query. A `?` starts the query only when
/// what comes before it has no `=` or `&`: in a bare query it belongs to a value.
fn query_part(input: &str) -> &str {
    let query = match input.strip_prefix('?') {
        Some(q) => q,
        None => match input.split_once('?') {
            Some((head, q)) if !head.contains(['=', '&']) => q,
            _ => input,
        },
    };
    query.split('#').next().unwrap_or("")
}

/// Notices in order, each once: a repeated problem is still one thing to tell.
#[derive(Default)]
struct Notes(Vec<Notice>);

impl Notes {
    fn add(&mut self, text: String) {
        if !self.0.iter().any(|n| n.0 == text) {
            self.0.push(Notice(text));
        }
    }
}

/// "'a', 'b' and 3 more": a bounded list of hostile names.
fn names(list: &[&str]) -> String {
    const SHOWN: usize = 5;
    let mut out = list.iter().take(SHOWN).map(|k| format!("'{}'", show(k))).collect::<Vec<_>>().join(", ");
    if list.len() > SHOWN {
        out.push_str(&format!(" and {} more", list.len() - SHOWN));
    }
    out
}

/// Parameters under `prefix`, starting from its preset (or from `base` if none given).
fn read_params(pairs: &[(String, String)], prefix: &str, base: Params, notes: &mut Notes) -> Params {
    let get = |key: &str| pairs.iter().rev().find(|(k, _)| k.strip_prefix(prefix) == Some(key)).map(|(_, v)| v.as_str());
    let who = if prefix.is_empty() { "" } else { "Compared run: " };
    let mut p = match get("preset").map(|name| (name, Preset::from_name(name))) {
        None => base,
        // A compared run naming the first run's preset (in any case) starts from the first run:
        // that is how `to_query` writes a second run that shares the first one's preset.
        Some((_, Some(preset))) if !prefix.is_empty() && preset == base.preset => base,
        Some((_, Some(preset))) => Params::from_preset(preset),
        Some((name, None)) => {
            notes.add(format!("{who}unknown preset '{}'; started from December 2024.", show(name)));
            Params::default()
        }
    };
    for s in SPECS {
        let Some(raw) = get(s.key) else { continue };
        let number = match s.kind {
            Kind::Int | Kind::Float => params::parse_number(raw).filter(|v| !v.is_nan()),
            Kind::Bool | Kind::Choice(_) => None,
        };
        match number {
            // One rule for every notation (`1e6`, `1,000,000`, `inf`): clamp into range, round
            // to what the key holds, and say so whenever that changed the number.
            Some(v) => {
                let c = s.clamp(v);
                p.set_value(s.key, c);
                if !(s.min..=s.max).contains(&v) {
                    notes.add(format!(
                        "{who}{} {} is out of range ({}); using {}.",
                        s.label,
                        show(raw),
                        params::range_text(s),
                        s.display(c)
                    ));
                } else if c != v {
                    let what = if s.kind == Kind::Int { "is not a whole number" } else { "has more decimals than a link keeps" };
                    notes.add(format!("{who}{} {} {what}; using {}.", s.label, show(raw), s.display(c)));
                }
            }
            None => match s.parse(raw) {
                Ok(v) => {
                    p.set_value(s.key, v);
                }
                Err(_) => notes.add(format!(
                    "{who}{} '{}' is not valid ({}); kept {}.",
                    s.label,
                    show(raw),
                    params::range_text(s),
                    s.display(p.value(s.key))
                )),
            },
        }
    }
    if let Some(raw) = get("iv") {
        match parse_interventions(raw) {
            Ok(list) => p.interventions = list,
            Err(e) => notes.add(format!("{who}interventions ignored: {e}")),
        }
    }
    // Nothing happens after the horizon: such interventions would sit in the link doing
    // nothing, so they are dropped, and the person is told.
    let horizon = p.horizon as f64;
    let late: Vec<Intervention> = p.interventions.iter().copied().filter(|i| i.t_min > horizon).collect();
    if !late.is_empty() {
        p.interventions.retain(|i| i.t_min <= horizon);
        let (what, verb) = if late.len() == 1 { ("Intervention", "is") } else { ("Interventions", "are") };
        notes.add(format!(
            "{who}{what} {} {verb} after the end of the run ({horizon} min); dropped.",
            show(&params::format_interventions(&late))
        ));
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

/// Escaped in keys and values: everything except letters, digits, the RFC 3986 unreserved
/// `-._~`, and `:` `,`, which are legal in a query and keep `iv=45:block,60:halt` readable.
const QUERY_TEXT: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'_').remove(b'.').remove(b'~').remove(b':').remove(b',');

fn encode(s: &str) -> String {
    utf8_percent_encode(s, QUERY_TEXT).to_string()
}
