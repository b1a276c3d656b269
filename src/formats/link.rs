//! The share-link format: its own versioned type, not `Params` serialized, so links made
//! today keep opening when the model's internals change.
//!
//! `?v=1&preset=december-2024&agents=5000&ttl=30&iv=45:block&t=28.5&b.break_glass=true`
//! - `v`: format version (current: 1). A link without `v` is read as version 1.
//! - `preset`, then every schema key that differs from that preset (same keys as the CLI).
//! - `iv`: interventions, `MINUTES:ACTION` comma-separated (0.1 min precision, up to the horizon).
//! - `t`: cursor, minutes after the agent lands (0.1 min precision, within the run).
//! - `fleet`, `agent`, `plan`: a described fleet, agent and rollout plan in their compact text
//!   (`formats::compact`), written only when set, so links without them keep their exact bytes.
//!   Read in that order whatever their order in the query (a plan names clusters by their index
//!   in its fleet); with a fleet and no `agents`, `agents` is the fleet's largest cluster
//!   (`Params::agents_default`). An empty value (`b.fleet=`) is the built-in one.
//! - `b.KEY`: compare mode's second run, as differences from the first run (`b.fleet` etc. too).
//! - view options (not part of the run): `embed`, `controls`, `autoplay`, `theme`, `view`
//!   (which figure), `cluster` (the diagram's cluster, a name of the run's fleet), `teach` (spoiler-free), `from`/`to`
//!   (a window of the run, minutes after T), `speed` (playback, min/s), and the sweep view's
//!   `sx`/`sy` (`KEY=FROM..TO:STEPS[:log]`) and `sm` (metric). Each is written only when it is
//!   not its default, so links made before these keys existed keep their exact bytes.
//!
//! Decoding never fails: bad values are clamped, rounded or dropped and each change becomes a
//! `Notice` that the app shows (each notice once). A decoded state re-encodes to a link that
//! decodes to the same state without notices (tests/native/link_fuzz.rs).

use crate::analysis::sweep::{Axis, AxisError, Metric};
use crate::formats::compact;
use crate::sim::fleet;
use crate::sim::params::{self, parse_interventions_rounding, Kind};
use crate::sim::{Intervention, Params, Preset, Spec, SPECS};
use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use std::collections::BTreeMap;

pub const VERSION: u32 = 1;
pub const DEFAULT_BASE: &str = "https://cascade-lab.example/";

/// Why `base` (`--base URL` of `cascade link` and `cascade lesson`) cannot start a link, if it
/// cannot: links are written as they are into Markdown and terminals, so only an `http://` or
/// `https://` address with a host (a name, an IPv4 address or a bracketed IPv6 one, `[::1]`)
/// and, if any, a port 1 – 65535; no query or fragment (the link's own query takes their place,
/// so they would be lost); no whitespace, control characters, invisible marks or the characters
/// that end a Markdown or HTML link (`<>()[]"'` and backquote) but an IPv6 host's brackets.
pub fn check_base(base: &str) -> Result<(), BaseError> {
    let rest = ["https://", "http://"].iter().find_map(|s| base.get(..s.len()).filter(|h| h.eq_ignore_ascii_case(s)).map(|_| &base[s.len()..]));
    let Some(rest) = rest else {
        return Err(BaseError::NotHttp(base.to_string()));
    };
    if base.chars().any(|c| c.is_whitespace() || c.is_control() || crate::text::invisible(c)) {
        return Err(BaseError::Hidden(base.to_string()));
    }
    if base.contains(['?', '#']) {
        return Err(BaseError::QueryOrFragment(base.to_string()));
    }
    let authority = rest.split('/').next().unwrap_or("");
    let ends_a_link = |text: &str| text.chars().find(|c| "<>()[]\"'`".contains(*c));
    if let Some(c) = ends_a_link(&rest[authority.len()..]) {
        return Err(BaseError::EndsALink(base.to_string(), c));
    }
    // `user:password@` is not the host.
    let host_port = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let (host, port) = match host_port.strip_prefix('[') {
        Some(v6) => {
            let (inside, after) = v6.split_once(']').ok_or_else(|| BaseError::BadHost(base.to_string()))?;
            let ipv6 = inside.contains(':') && inside.chars().all(|c| c.is_ascii_hexdigit() || c == ':' || c == '.');
            let port = match after {
                "" => None,
                a => Some(a.strip_prefix(':').ok_or_else(|| BaseError::BadHost(base.to_string()))?),
            };
            if !ipv6 {
                return Err(BaseError::BadHost(base.to_string()));
            }
            (inside, port)
        }
        None => {
            if let Some(c) = ends_a_link(authority) {
                return Err(BaseError::EndsALink(base.to_string(), c));
            }
            host_port.rsplit_once(':').map_or((host_port, None), |(h, p)| (h, Some(p)))
        }
    };
    if host.is_empty() {
        return Err(BaseError::NoHost(base.to_string()));
    }
    match port {
        Some(p) if !(p.len() <= 5 && p.bytes().all(|b| b.is_ascii_digit()) && (1..=65_535).contains(&p.parse::<u32>().unwrap_or(0))) => {
            Err(BaseError::BadPort(base.to_string(), p.to_string()))
        }
        _ => Ok(()),
    }
}

/// Why `check_base` refuses a base (each holds the base as given).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BaseError {
    /// Not an `http://` or `https://` address.
    NotHttp(String),
    /// A space, a line break or a hidden character.
    Hidden(String),
    /// A character that ends a Markdown or HTML link.
    EndsALink(String, char),
    /// No host after the scheme.
    NoHost(String),
    /// A `?query` or `#fragment`: the link's own query would take their place.
    QueryOrFragment(String),
    /// A port that is not a number from 1 to 65535 (the base, the port as written).
    BadPort(String, String),
    /// Brackets that do not hold an IPv6 address (`[::1]`), or text after them but a port.
    BadHost(String),
}

impl std::fmt::Display for BaseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let example = "e.g. https://cascade.example.com/lab/";
        let shown = |b: &str| crate::text::echo(b, 40);
        match self {
            BaseError::NotHttp(b) => write!(f, "--base '{}' is not an http:// or https:// address ({example})", shown(b)),
            BaseError::Hidden(b) => {
                write!(f, "--base '{}' holds a space, a line break or a hidden character, which a link's address cannot ({example})", shown(b))
            }
            BaseError::EndsALink(b, c) => write!(f, "--base '{}' holds '{c}', which ends a link in Markdown; percent-encode it ({example})", shown(b)),
            BaseError::NoHost(b) => write!(f, "--base '{}' has no host ({example})", shown(b)),
            BaseError::QueryOrFragment(b) => write!(
                f,
                "--base '{}' has a query or a fragment (? or #), which the link's own query would replace; give the address without them ({example})",
                shown(b)
            ),
            BaseError::BadPort(b, p) => write!(f, "--base '{}' has port '{}', which is not a port (1 – 65535) ({example})", shown(b), crate::text::echo(p, 12)),
            BaseError::BadHost(b) => write!(f, "--base '{}' has brackets that do not hold an IPv6 address, as in http://[::1]:8080/ ({example})", shown(b)),
        }
    }
}

impl std::error::Error for BaseError {}
/// Longer query strings are cut before parsing: no link of December's fleet comes near this,
/// but 60 clusters with long names and every setting can (`LinkState::too_long` says so).
pub const MAX_QUERY: usize = 8_192;

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

/// Playback speeds a link can hold, minutes of incident per second (the app's choices).
pub const SPEEDS: [f64; 5] = [1.0, 2.5, 5.0, 10.0, 20.0];
/// The speed when a link names none (not written when the speed is this).
pub const DEFAULT_SPEED: f64 = 5.0;
/// The diagram's cluster when a link names none with the built-in fleet: `large-a`, the largest
/// production cluster. With a described fleet it is that fleet's largest (`default_cluster`).
pub const DEFAULT_CLUSTER: usize = 1;

/// The diagram's cluster when a link names none: the run's largest production cluster.
pub fn default_cluster(p: &Params) -> usize {
    fleet::largest_index(p)
}

crate::named_enum! {
    /// Which figure the page shows (`view=`): the whole app or one part of it. Names are
    /// case-insensitive in links.
    Figure {
        Full = "full",
        /// The causal diagram with its caption and playback.
        Diagram = "diagram",
        /// All the charts.
        Charts = "charts",
        /// One chart: API demand.
        Demand = "demand",
        /// One chart: visibility (alerts vs customers).
        Visibility = "visibility",
        /// One chart: admin access.
        Access = "access",
        Fleet = "fleet",
        Timeline = "timeline",
        Followups = "followups",
        Sweep = "sweep",
        /// One lesson chapter (`ch=`): its figure, question and reveal.
        Chapter = "chapter",
    }
}

/// A window of the run (`from=` / `to=`, minutes after T) that the charts, the scrubber and
/// playback zoom to. After decoding: `from < to`, both at 0.1 min and within the main run.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Window {
    pub from: f64,
    pub to: f64,
}

impl Window {
    /// This window kept inside a run from `start` to `end`, its ends at link precision as
    /// `from=`/`to=` are read, or `None` when nothing of it is left in the run.
    pub fn within(self, start: f64, end: f64) -> Option<Window> {
        let inside = |m: f64| tenth_within(m.clamp(start, end), start, end);
        let (from, to) = (inside(self.from), inside(self.to));
        (from < to).then_some(Window { from, to })
    }
}

/// The sweep view's setup (`sx=`, `sy=`, `sm=`): `None` means the app's default. The two axes,
/// when both are given, have different keys; a bad axis in a link leaves both `None`.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct SweepView {
    /// `sx=KEY=FROM..TO:STEPS[:log]` (`Axis::parse_clamped` / `Axis::to_text`).
    pub x: Option<Axis>,
    /// `sy=`, as `sx`.
    pub y: Option<Axis>,
    /// `sm=METRIC`, a key of `sweep::METRICS` (`Metric::find`).
    pub metric: Option<Metric>,
}

impl SweepView {
    /// The two axes the sweep shows: the link's, with a missing one taken from the default
    /// sweep (the first of `SWEEP_PRESETS`, agents × DNS TTL) — or, where that default varies
    /// the given axis's key (`sx=ttl=…` alone), the default's other axis, so the given axis is
    /// still shown rather than the default pair without a word. Neither given: the default.
    /// (Two axes on one key are refused when the link is read, with a notice.)
    pub fn axes(&self) -> (Axis, Axis) {
        let preset = &crate::analysis::sweep::SWEEP_PRESETS[0];
        // The presets are checked by tests/native/sweep.rs; `panic!("{e}")` keeps Debug's
        // tables out of the wasm.
        let axis = |text| Axis::parse(text).unwrap_or_else(|e| panic!("{e}"));
        let (dx, dy) = (axis(preset.x), axis(preset.y));
        match (self.x.clone(), self.y.clone()) {
            (Some(x), Some(y)) if x.name() != y.name() => (x, y),
            (Some(x), None) if x.name() == dy.name() => (x, dx),
            (Some(x), None) => (x, dy),
            (None, Some(y)) if y.name() == dx.name() => (dy, y),
            (None, Some(y)) => (dx, y),
            _ => (dx, dy),
        }
    }
}

/// How the page is shown; travels in the link but does not change the run.
#[derive(Clone, Debug, PartialEq)]
pub struct View {
    /// `embed=1`: compact, without page chrome.
    pub embed: bool,
    /// `controls=none|min|full`.
    pub controls: Controls,
    /// `autoplay=1`.
    pub autoplay: bool,
    /// `theme=light|dark|auto`.
    pub theme: Theme,
    /// `view=`: which figure to show (default `Figure::Full`, the whole app).
    pub figure: Figure,
    /// `cluster=NAME`: the cluster the causal diagram shows, an index into the run's fleet
    /// (`sim::fleet::names`; default `default_cluster`, `large-a` for the built-in fleet).
    /// Names are case-insensitive in links.
    pub cluster: usize,
    /// `teach=1`: spoiler-free mode (nothing reveals an event before the cursor reaches it).
    pub teach: bool,
    /// `from=` / `to=`: the window to zoom to (`None`: the whole run). A link giving only one
    /// of them gets the run's start or end for the other.
    pub window: Option<Window>,
    /// `speed=`: playback speed in minutes per second, one of `SPEEDS` (default `DEFAULT_SPEED`).
    pub speed: f64,
    /// `sx=`, `sy=`, `sm=`: the sweep view's axes and metric.
    pub sweep: SweepView,
    /// `lesson=1`: lesson mode, one chapter at a time.
    pub lesson: bool,
    /// `present=1`: the chapters for a projector.
    pub present: bool,
    /// `presenter=1`: present mode's second window, on the presenter's laptop: the notes, the
    /// answer, the next chapter and a timer, in step with the projected window.
    pub presenter: bool,
    /// `ch=N`: the lesson's chapter, 0 (the opening) – 9 (the closing); 1 when not given.
    pub chapter: u32,
}

impl Default for View {
    fn default() -> View {
        View {
            embed: false,
            controls: Controls::Full,
            autoplay: false,
            theme: Theme::Auto,
            figure: Figure::Full,
            cluster: DEFAULT_CLUSTER,
            teach: false,
            window: None,
            speed: DEFAULT_SPEED,
            sweep: SweepView::default(),
            lesson: false,
            present: false,
            presenter: false,
            chapter: 1,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Default)]
pub struct LinkState {
    pub params: Params,
    /// Cursor, minutes after the agent lands (inside `view.window` when there is one).
    pub t: Option<f64>,
    /// Compare mode's second run.
    pub compare: Option<Params>,
    /// How the page is shown (everything that is not a run).
    pub view: View,
}

/// A query being written: keys and values, in order, not yet encoded.
type Query = Vec<(String, String)>;

/// The view's keys, each group in its fixed order; defaults are not written.
impl View {
    /// Embedding and looks: embed, controls, autoplay, theme, figure, cluster.
    fn push_page(&self, q: &mut Query, run: &Params) {
        if self.embed {
            q.push(("embed".into(), "1".into()));
        }
        match self.controls {
            Controls::Full => {}
            Controls::Min => q.push(("controls".into(), "min".into())),
            Controls::None => q.push(("controls".into(), "none".into())),
        }
        if self.autoplay {
            q.push(("autoplay".into(), "1".into()));
        }
        match self.theme {
            Theme::Auto => {}
            Theme::Light => q.push(("theme".into(), "light".into())),
            Theme::Dark => q.push(("theme".into(), "dark".into())),
        }
        if self.figure != Figure::Full {
            q.push(("view".into(), self.figure.name().into()));
        }
        if self.cluster != default_cluster(run) {
            if let Some(name) = fleet::names(run).get(self.cluster) {
                q.push(("cluster".into(), name.clone()));
            }
        }
    }

    /// Spoiler-free mode, the window and the playback speed.
    fn push_playback(&self, q: &mut Query) {
        if self.teach {
            q.push(("teach".into(), "1".into()));
        }
        if let Some(w) = self.window {
            q.push(("from".into(), params::format_tenth(w.from)));
            q.push(("to".into(), params::format_tenth(w.to)));
        }
        if self.speed != DEFAULT_SPEED {
            q.push(("speed".into(), format!("{}", self.speed)));
        }
    }

    /// The sweep's axes and metric.
    fn push_sweep(&self, q: &mut Query) {
        for (key, axis) in [("sx", &self.sweep.x), ("sy", &self.sweep.y)] {
            if let Some(a) = axis {
                q.push((key.into(), a.to_text()));
            }
        }
        if let Some(m) = self.sweep.metric {
            q.push(("sm".into(), m.key.into()));
        }
    }

    /// Lesson mode, present mode and the chapter.
    fn push_lesson(&self, q: &mut Query) {
        if self.lesson {
            q.push(("lesson".into(), "1".into()));
        }
        if self.present {
            q.push(("present".into(), "1".into()));
        }
        if self.presenter {
            q.push(("presenter".into(), "1".into()));
        }
        if self.chapter != 1 && (self.lesson || self.present || self.figure == Figure::Chapter) {
            q.push(("ch".into(), self.chapter.to_string()));
        }
    }
}

crate::named_enum! {
    /// What a notice is about: what tests and programs match (its text is for people).
    NoticeKind {
        /// The link was longer than a link may be; the rest was not read.
        TooLong = "too-long",
        /// A key appeared more than once.
        Repeated = "repeated",
        /// The link's format version is not this build's.
        Version = "version",
        /// Keys this build does not know.
        UnknownSetting = "unknown-setting",
        /// A preset name this build does not know.
        UnknownPreset = "unknown-preset",
        /// A parameter outside its range, clamped into it.
        OutOfRange = "out-of-range",
        /// A parameter between the values it holds (a fraction of a whole number, too many
        /// decimals), or a moment finer than 0.1 min: rounded.
        Rounded = "rounded",
        /// A value that does not read (not a number, not one of the choices): ignored or kept.
        Invalid = "invalid",
        /// The cursor or the window moved into the run (or the window).
        Moved = "moved",
        /// The window's ends swapped, or an empty window dropped.
        Window = "window",
        /// A sweep axis or metric adjusted or replaced by the default.
        Sweep = "sweep",
        /// A view setting (controls, theme, view, cluster, speed, chapter, a 1/0 switch) that
        /// does not read: the default is shown.
        View = "view",
        /// Interventions that do not read, were rounded, were written more than once (kept
        /// once), fall after the horizon (dropped) or before the run's start (moved to it).
        Interventions = "interventions",
        /// A described fleet, agent or plan that does not read or does not fit: the built-in
        /// one (or the named plan) is used.
        Described = "described",
        /// A change the page refused (an invalid fleet, agent or plan from a panel): the run
        /// keeps its last valid setting.
        Refused = "refused",
        /// A typed value outside its range: the run uses the nearest it holds.
        Clamped = "clamped",
        /// What the page did that the user may not expect (the run before a change is pinned).
        Done = "done",
    }
}

/// Something the decoder (or the page) changed or ignored: its kind, and its words.
#[derive(Clone, Debug, PartialEq)]
pub struct Notice {
    pub kind: NoticeKind,
    pub text: String,
}

impl Notice {
    pub fn new(kind: NoticeKind, text: impl Into<String>) -> Notice {
        Notice { kind, text: text.into() }
    }
}

impl LinkState {
    /// The run alone, shown as a link without view keys shows it (the diagram on the run's
    /// largest cluster).
    pub fn from_params(p: &Params) -> LinkState {
        LinkState { params: p.clone(), t: None, compare: None, view: View { cluster: default_cluster(p), ..View::default() } }
    }

    /// Why this state's link would not open as this state, or `None` when it would: its query
    /// over `MAX_QUERY` (the decoder cuts it) or a fleet's text over `compact::MAX_TEXT` (the
    /// decoder drops it, and so does the page's message from the fleet editor). One message for
    /// the editor's Apply and `cascade link`: the sizes, the limits, and what to do instead.
    pub fn too_long(&self) -> Option<String> {
        let fleet =
            [Some(&self.params), self.compare.as_ref()].into_iter().flatten().filter_map(|p| p.fleet.as_ref()).map(|f| compact::fleet_to_text(f).len()).max();
        let query = self.to_query().len();
        let n = crate::text::group_thousands;
        let fleet_over = fleet.filter(|&f| f > compact::MAX_TEXT);
        if fleet_over.is_none() && query <= MAX_QUERY {
            return None;
        }
        let what = match fleet_over {
            Some(f) => format!("its fleet is {} characters in a link, which holds at most {} for a fleet", n(f as i64), n(compact::MAX_TEXT as i64)),
            None => format!("its link would be {} characters, and a link holds at most {}", n(query as i64), n(MAX_QUERY as i64)),
        };
        Some(format!(
            "fleet too large to share as a link: {what}. Shorten the cluster names or leave settings to the fleet-wide value (blank), or share a fleet file instead (cascade fleet writes one; cascade check --fleet FILE runs it)"
        ))
    }

    /// The query string, without `?`. Only what differs from the preset is written, so
    /// links stay short and readable.
    pub fn to_query(&self) -> String {
        let mut q: Vec<(String, String)> = vec![("v".into(), VERSION.to_string())];
        self.push_run(&mut q);
        self.push_compare(&mut q);
        self.view.push_page(&mut q, &self.params);
        self.view.push_playback(&mut q);
        self.view.push_sweep(&mut q);
        self.view.push_lesson(&mut q);
        q.iter().map(|(k, v)| format!("{}={}", encode(k, QUERY_TEXT), encode(v, QUERY_VALUE))).collect::<Vec<_>>().join("&")
    }

    /// The run: its preset, what differs from it, and the cursor.
    fn push_run(&self, q: &mut Query) {
        let base = Params::from_preset(self.params.preset);
        q.push(("preset".into(), self.params.preset.name().to_string()));
        for (k, v) in compact::diff_pairs(&self.params, &base) {
            if k != "preset" {
                q.push((k.into(), v));
            }
        }
        if let Some(t) = self.t {
            q.push(("t".into(), params::format_tenth(t)));
        }
    }

    /// Compare mode's second run, as `b.` keys.
    fn push_compare(&self, q: &mut Query) {
        let Some(b) = &self.compare else { return };
        // The second run is written as differences from its own preset when that differs
        // from the first run's, otherwise from the first run (see `read_params`).
        let mut pairs = if b.preset != self.params.preset {
            let mut p = compact::diff_pairs(b, &Params::from_preset(b.preset));
            p.insert(0, ("preset", b.preset.name().to_string()));
            p
        } else {
            compact::diff_pairs(b, &self.params)
        };
        if pairs.is_empty() {
            // An identical second run still has to say compare mode is on.
            pairs.push(("preset", b.preset.name().to_string()));
        }
        for (k, v) in pairs {
            q.push((format!("b.{k}"), v));
        }
    }

    pub fn to_url(&self, base: &str) -> String {
        let base = base.split(['?', '#']).next().unwrap_or(base);
        format!("{base}?{}", self.to_query())
    }

    /// Read a query string (with or without `?`, or a whole URL). Always returns a usable state.
    pub fn decode(input: &str) -> (LinkState, Vec<Notice>) {
        let mut notes = Notes::default();
        let pairs = read_pairs(input, &mut notes);
        let seen = first_seen(&pairs, &mut notes);
        let get = |key: &str| pairs.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v.as_str());
        read_version(get("v"), &mut notes);

        let keys = run_keys();
        let params = read_params(&pairs, "", Params::default(), &mut notes);
        // Compare mode is on when the link sets anything of a second run.
        let compare = pairs
            .iter()
            .any(|(k, _)| k.strip_prefix("b.").is_some_and(|bare| keys.contains(&bare)))
            .then(|| read_params(&pairs, "b.", params.clone(), &mut notes));

        let (start, end) = (run_start_min(&params), params.horizon as f64);
        let window = read_window(get("from"), get("to"), start, end, &mut notes);
        let t = read_cursor(get("t"), start, end, window, &mut notes);
        let view = read_view(&get, window, &params, &mut notes);
        report_unknown(&seen, &keys, &mut notes);
        (LinkState { params, t, compare, view }, notes.0)
    }
}

pub use crate::sim::model::run_start_min;

/// `from=` / `to=`: each a number within the run (clamped with a notice), at 0.1 min; a missing
/// one is the run's start or end; reversed ends are swapped, an empty window is dropped.
fn read_window(from: Option<&str>, to: Option<&str>, start: f64, end: f64, notes: &mut Notes) -> Option<Window> {
    let mut read = |key: &str, raw: Option<&str>| read_minutes(&format!("Window {key}"), raw?, start, end, "is not a number of minutes", notes);
    let (f, t) = (read("from", from), read("to", to));
    if f.is_none() && t.is_none() {
        return None;
    }
    let f = f.unwrap_or_else(|| tenth_within(start, start, end));
    let t = t.unwrap_or(end);
    let (f, t) = if f > t {
        notes.add(NoticeKind::Window, format!("Window from={} is after to={}; the two were swapped.", params::format_tenth(f), params::format_tenth(t)));
        (t, f)
    } else {
        (f, t)
    };
    if f == t {
        notes.add(NoticeKind::Window, format!("Window from={} to={} is empty; showing the whole run.", params::format_tenth(f), params::format_tenth(t)));
        return None;
    }
    Some(Window { from: f, to: t })
}

fn speeds_text() -> String {
    SPEEDS.map(|s| s.to_string()).join(", ")
}

/// `sx=` / `sy=` / `sm=`. A bad or clamped axis says so; a bad one (or two axes on one key)
/// leaves the sweep without axes, so the app uses its default pair.
fn read_sweep(sx: Option<&str>, sy: Option<&str>, sm: Option<&str>, run: &Params, notes: &mut Notes) -> SweepView {
    let mut bad = false;
    let names = fleet::names(run);
    let mut axis = |key: &str, raw: Option<&str>| -> Option<Axis> {
        let raw = raw?;
        // Leniently: bounds are clamped into the key's range and rounded to what it holds; say so.
        match Axis::parse_clamped(raw) {
            // One cluster's field: that cluster must be the run's.
            Ok((a, _)) if a.cluster().is_some_and(|c| !names.iter().any(|n| n.eq_ignore_ascii_case(c))) => {
                bad = true;
                notes.add(NoticeKind::Sweep, format!("Sweep axis {key}='{}' names a cluster the run does not have; using the default axes.", show(raw)));
                None
            }
            Ok((a, moved)) => {
                if moved {
                    notes.add(NoticeKind::Sweep, format!("Sweep axis {key}={} was adjusted to {}.", show(raw), a.to_text()));
                }
                Some(a)
            }
            Err(e) => {
                bad = true;
                // A syntax error would echo the whole text, which the notice already shows.
                let why = match e {
                    AxisError::Syntax(_) => "should be KEY=FROM..TO:STEPS[:log]".to_string(),
                    e => e.detail(),
                };
                notes.add(NoticeKind::Sweep, format!("Sweep axis {key}='{}' is not valid ({}); using the default axes.", show(raw), show_long(&why)));
                None
            }
        }
    };
    let (x, y) = (axis("sx", sx), axis("sy", sy));
    let (x, y) = match (x, y) {
        _ if bad => (None, None),
        (Some(x), Some(y)) if x.name() == y.name() => {
            notes.add(NoticeKind::Sweep, format!("Sweep axes sx and sy both vary {}; using the default axes.", x.name()));
            (None, None)
        }
        pair => pair,
    };
    let metric = sm.and_then(|raw| match Metric::find(&raw.trim().to_ascii_lowercase()) {
        Ok(m) => Some(m),
        Err(_) => {
            let all = crate::analysis::sweep::METRICS.iter().map(|m| m.key).collect::<Vec<_>>().join(", ");
            notes.add(NoticeKind::Sweep, format!("Sweep metric sm='{}' is not one of {all}; using the default.", show(raw)));
            None
        }
    });
    SweepView { x, y, metric }
}

/// `t` (already within `start..=end`) at link precision, still within the run: the nearest
/// tenth of a minute, or the next one inward where that would leave the run (whose start is not
/// always at a tenth). Every moment the app writes into a link goes through this.
pub fn tenth_within(t: f64, start: f64, end: f64) -> f64 {
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
    fn add(&mut self, kind: NoticeKind, text: String) {
        if !self.0.iter().any(|n| n.text == text) {
            self.0.push(Notice { kind, text });
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

/// The query's key/value pairs, cut at `MAX_QUERY` characters with a notice.
fn read_pairs(input: &str, notes: &mut Notes) -> Vec<(String, String)> {
    let query = query_part(input);
    let query = if query.len() > MAX_QUERY {
        notes.add(NoticeKind::TooLong, format!("The link was {} characters long; only the first {MAX_QUERY} were read.", query.len()));
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
    form_urlencoded::parse(query.as_bytes()).map(|(k, v)| (k.into_owned(), v.into_owned())).collect()
}

/// Keys in order of first appearance; repeated keys get one notice (the last value is used).
fn first_seen<'a>(pairs: &'a [(String, String)], notes: &mut Notes) -> Vec<&'a str> {
    // Later duplicates win, as URLSearchParams.get would not; say so.
    // Keys in order of first appearance; a map keeps 4,000 one-letter pairs from being quadratic.
    let (mut seen, mut repeated): (Vec<&str>, Vec<&str>) = (Vec::new(), Vec::new());
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for (k, _) in pairs {
        let n = counts.entry(k).or_default();
        *n += 1;
        match n {
            1 => seen.push(k),
            2 => repeated.push(k),
            _ => {}
        }
    }
    if !repeated.is_empty() {
        notes.add(NoticeKind::Repeated, format!("{} appeared more than once; the last value was used.", names(&repeated)));
    }
    seen
}

fn read_version(v: Option<&str>, notes: &mut Notes) {
    match v.map(str::trim) {
        None => {}
        Some(v) => match v.parse::<u32>() {
            Ok(VERSION) => {}
            Ok(n) if n > VERSION => {
                notes.add(NoticeKind::Version, format!("This link was made by a newer Cascade Lab (format v{n}); it was read as v{VERSION} and may differ."))
            }
            _ => notes.add(NoticeKind::Version, format!("Unknown link version '{}'; read as v{VERSION}.", show(v))),
        },
    }
}

/// A moment in minutes after T, clamped into the run at link precision; a move, a rounding to
/// 0.1 min or a value that is not a number gets a notice naming `label` ("Cursor t", "Window from").
fn read_minutes(label: &str, raw: &str, start: f64, end: f64, not_a_number: &str, notes: &mut Notes) -> Option<f64> {
    match params::parse_number(raw).filter(|v| !v.is_nan()) {
        Some(v) => {
            let c = v.clamp(start, end);
            let r = tenth_within(c, start, end);
            if c != v {
                // The run as a link can hold it: its first and last tenths.
                notes.add(
                    NoticeKind::Moved,
                    format!(
                        "{label}={} is outside the run ({} to {} min); moved to {}.",
                        show(raw),
                        params::format_tenth(tenth_within(start, start, end)),
                        params::format_tenth(tenth_within(end, start, end)),
                        params::format_tenth(r)
                    ),
                );
            } else if r != v {
                notes.add(NoticeKind::Rounded, format!("{label}={} was rounded to {} (links keep 0.1 min).", show(raw), params::format_tenth(r)));
            }
            Some(r)
        }
        None => {
            notes.add(NoticeKind::Invalid, format!("{label}='{}' {not_a_number}; ignored.", show(raw)));
            None
        }
    }
}

/// The cursor `t`, inside the run and, with a window, inside the window (each move noticed).
fn read_cursor(v: Option<&str>, start: f64, end: f64, window: Option<Window>, notes: &mut Notes) -> Option<f64> {
    let t = v.and_then(|v| read_minutes("Cursor t", v, start, end, "is not a number", notes));
    // The scrubber shows only the window, so the cursor sits inside it.
    match (t, window) {
        (Some(t), Some(w)) if !(w.from..=w.to).contains(&t) => {
            let c = t.clamp(w.from, w.to);
            notes.add(
                NoticeKind::Moved,
                format!(
                    "Cursor t={} is outside the window from={} to={}; moved to {}.",
                    params::format_tenth(t),
                    params::format_tenth(w.from),
                    params::format_tenth(w.to),
                    params::format_tenth(c)
                ),
            );
            Some(c)
        }
        _ => t,
    }
}

/// Everything about how the run is shown: embed, controls, theme, figure, cluster, teach,
/// window, speed, sweep. Read in this order, so the notices come in it.
fn read_view<'a>(get: &dyn Fn(&str) -> Option<&'a str>, window: Option<Window>, run: &Params, notes: &mut Notes) -> View {
    let flag = |key: &str, notes: &mut Notes| read_flag(key, get(key), notes);
    let mut view = View { embed: flag("embed", notes), autoplay: flag("autoplay", notes), ..View::default() };
    view.controls = read_controls(get("controls"), notes);
    view.theme = read_theme(get("theme"), notes);
    view.figure = read_figure(get("view"), notes);
    view.cluster = read_cluster(get("cluster"), run, notes);
    view.teach = flag("teach", notes);
    view.window = window;
    view.speed = read_speed(get("speed"), notes);
    view.sweep = read_sweep(get("sx"), get("sy"), get("sm"), run, notes);
    view.lesson = flag("lesson", notes);
    view.present = flag("present", notes);
    view.presenter = flag("presenter", notes);
    // The presenter's view is present mode's second window.
    view.present |= view.presenter;
    view.chapter = read_chapter(get("ch"), notes);
    view
}

/// A yes/no key: absent is no.
fn read_flag(key: &str, v: Option<&str>, notes: &mut Notes) -> bool {
    match v.map(str::trim) {
        None => false,
        Some("1" | "true" | "yes" | "") => true,
        Some("0" | "false" | "no") => false,
        Some(other) => {
            notes.add(NoticeKind::View, format!("{key}='{}' should be 1 or 0; ignored.", show(other)));
            false
        }
    }
}

fn read_controls(v: Option<&str>, notes: &mut Notes) -> Controls {
    match v.map(str::trim) {
        None | Some("full") => Controls::Full,
        Some("min") => Controls::Min,
        Some("none") => Controls::None,
        Some(o) => {
            notes.add(NoticeKind::View, format!("controls='{}' should be full, min or none; showing full.", show(o)));
            Controls::Full
        }
    }
}

fn read_theme(v: Option<&str>, notes: &mut Notes) -> Theme {
    match v.map(str::trim) {
        None | Some("auto") => Theme::Auto,
        Some("light") => Theme::Light,
        Some("dark") => Theme::Dark,
        Some(o) => {
            notes.add(NoticeKind::View, format!("theme='{}' should be light, dark or auto; using auto.", show(o)));
            Theme::Auto
        }
    }
}

fn read_figure(v: Option<&str>, notes: &mut Notes) -> Figure {
    match v {
        None => Figure::Full,
        Some(o) => Figure::from_name(o).unwrap_or_else(|| {
            let all = Figure::NAMES.join(", ");
            notes.add(NoticeKind::View, format!("view='{}' should be one of {all}; showing full.", show(o)));
            Figure::Full
        }),
    }
}

/// `cluster=NAME` among the run's clusters (case-insensitive), else its largest.
fn read_cluster(v: Option<&str>, run: &Params, notes: &mut Notes) -> usize {
    let names = fleet::names(run);
    let default = default_cluster(run);
    match v {
        None => default,
        Some(o) => names.iter().position(|c| c.eq_ignore_ascii_case(o.trim())).unwrap_or_else(|| {
            // A 60-cluster fleet's names would drown the notice: the first few say what is meant.
            let shown: Vec<&str> = names.iter().map(String::as_str).collect();
            let all = if shown.len() > 13 { format!("{} and {} more", shown[..5].join(", "), shown.len() - 5) } else { shown.join(", ") };
            notes.add(NoticeKind::View, format!("cluster='{}' is not a cluster of the fleet ({all}); showing {}.", show(o), names[default]));
            default
        }),
    }
}

/// The keys of a run: the schema's, `preset`, `iv`, and the described fleet, agent and plan.
fn run_keys() -> Vec<&'static str> {
    let mut k = params::keys();
    k.extend(DESCRIBED);
    k
}

/// The run's keys that carry compact text (`formats::compact`), in the order they are read.
const DESCRIBED: [&str; 3] = ["fleet", "agent", "plan"];

/// The playback speed: the nearest of `SPEEDS`.
fn read_speed(v: Option<&str>, notes: &mut Notes) -> f64 {
    let Some(o) = v else { return DEFAULT_SPEED };
    match params::parse_number(o).filter(|v| !v.is_nan()) {
        Some(v) => {
            // Clamped first so that `inf` is nearest to the fastest, not a tie.
            let c = v.clamp(SPEEDS[0], SPEEDS[SPEEDS.len() - 1]);
            let near = SPEEDS.into_iter().min_by(|a, b| (a - c).abs().total_cmp(&(b - c).abs())).unwrap_or(DEFAULT_SPEED);
            if near != v {
                notes.add(NoticeKind::View, format!("Playback speed {} min/s is not one of {}; using {near}.", show(o), speeds_text()));
            }
            near
        }
        None => {
            notes.add(NoticeKind::View, format!("Playback speed '{}' is not a number ({}); using {DEFAULT_SPEED}.", show(o), speeds_text()));
            DEFAULT_SPEED
        }
    }
}

/// The lesson's chapter, 0 (the opening) – `CHAPTERS` (the closing); 1 when not given.
fn read_chapter(v: Option<&str>, notes: &mut Notes) -> u32 {
    let Some(o) = v.map(str::trim) else { return 1 };
    match o.parse::<u32>() {
        Ok(n) if n <= CHAPTERS => n,
        Ok(n) => {
            notes.add(NoticeKind::View, format!("Chapter ch={n} is not one of 0 – {CHAPTERS}; showing chapter {CHAPTERS}."));
            CHAPTERS
        }
        Err(_) => {
            notes.add(NoticeKind::View, format!("Chapter ch='{}' is not a number (0 – {CHAPTERS}); showing chapter 1.", show(o)));
            1
        }
    }
}

/// The lesson's last chapter number: 0 opens, 1–8 tell the story (as links always numbered
/// them), 9 closes (`lesson::LAST`; tests/native/lesson.rs checks they agree).
pub const CHAPTERS: u32 = 9;

/// One notice for all unknown keys, so junk cannot push the notices that matter out of view.
fn report_unknown(seen: &[&str], keys: &[&str], notes: &mut Notes) {
    const VIEW_KEYS: [&str; 19] = [
        "v",
        "t",
        "embed",
        "controls",
        "autoplay",
        "theme",
        "view",
        "cluster",
        "teach",
        "from",
        "to",
        "speed",
        "sx",
        "sy",
        "sm",
        "lesson",
        "present",
        "presenter",
        "ch",
    ];
    // One notice for all unknown keys, so junk cannot push the notices that matter out of view.
    let unknown: Vec<&str> = seen.iter().copied().filter(|k| !VIEW_KEYS.contains(k) && !keys.contains(&k.strip_prefix("b.").unwrap_or(k))).collect();
    match unknown.len() {
        0 => {}
        1 => notes.add(NoticeKind::UnknownSetting, format!("Unknown setting {} was ignored.", names(&unknown))),
        _ => notes.add(NoticeKind::UnknownSetting, format!("Unknown settings {} were ignored.", names(&unknown))),
    }
}

/// Parameters under `prefix`, starting from its preset (or from `base` if none given): the
/// preset, each schema key, the interventions, then the described fleet, agent and plan.
fn read_params(pairs: &[(String, String)], prefix: &str, base: Params, notes: &mut Notes) -> Params {
    let get = |key: &str| pairs.iter().rev().find(|(k, _)| k.strip_prefix(prefix) == Some(key)).map(|(_, v)| v.as_str());
    let who = if prefix.is_empty() { "" } else { "Compared run: " };
    let mut p = read_preset(get("preset"), prefix.is_empty(), base, who, notes);
    for s in SPECS {
        if let Some(raw) = get(s.key) {
            read_key(s, raw, &mut p, who, notes);
        }
    }
    if let Some(raw) = get("iv") {
        read_interventions(raw, &mut p, who, notes);
    }
    read_described(&get, who, &mut p, notes);
    if let Some(said) = drop_late_interventions(&mut p) {
        notes.add(NoticeKind::Interventions, format!("{who}{said}"));
    }
    if let Some(said) = move_early_interventions(&mut p) {
        notes.add(NoticeKind::Interventions, format!("{who}{said}"));
    }
    p
}

/// The parameters a link's `preset=` starts from (`base` without one).
fn read_preset(name: Option<&str>, first_run: bool, base: Params, who: &str, notes: &mut Notes) -> Params {
    match name.map(|name| (name, Preset::from_name(name))) {
        None => base,
        // A compared run naming the first run's preset (in any case) starts from the first run:
        // that is how `to_query` writes a second run that shares the first one's preset.
        Some((_, Some(preset))) if !first_run && preset == base.preset => base,
        Some((_, Some(preset))) => Params::from_preset(preset),
        Some((name, None)) => {
            notes.add(NoticeKind::UnknownPreset, format!("{who}unknown preset '{}'; started from December 2024.", show(name)));
            Params::default()
        }
    }
}

/// One schema key's text into `p`, with a notice whenever what the link said changed.
fn read_key(s: &Spec, raw: &str, p: &mut Params, who: &str, notes: &mut Notes) {
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
                notes.add(
                    NoticeKind::OutOfRange,
                    format!("{who}{} {} is out of range ({}); using {}.", s.label, show(raw), params::range_text(s), s.display(c)),
                );
            } else if c != v {
                let what = if s.kind == Kind::Int { "is not a whole number" } else { "has more decimals than a link keeps" };
                notes.add(NoticeKind::Rounded, format!("{who}{} {} {what}; using {}.", s.label, show(raw), s.display(c)));
            }
        }
        None => match s.parse(raw) {
            Ok(v) => {
                p.set_value(s.key, v);
            }
            Err(_) => notes.add(
                NoticeKind::Invalid,
                format!("{who}{} '{}' is not valid ({}); kept {}.", s.label, show(raw), params::range_text(s), s.display(p.value(s.key))),
            ),
        },
    }
}

/// `iv=` into `p`: what was written twice or rounded is said; unreadable text keeps the
/// preset's interventions (the multus preset's restart) and says so.
fn read_interventions(raw: &str, p: &mut Params, who: &str, notes: &mut Notes) {
    match parse_interventions_rounding(raw) {
        Ok((list, changes)) => {
            p.interventions = list;
            if !changes.repeated.is_empty() {
                notes.add(NoticeKind::Interventions, format!("{who}{}", repeated_text(&changes.repeated)));
            }
            match changes.rounded.as_slice() {
                [] => {}
                [(written, t)] => notes.add(
                    NoticeKind::Interventions,
                    format!("{who}Intervention time {} was rounded to {} (links keep 0.1 min).", show(written), params::format_tenth(*t)),
                ),
                all => {
                    let shown: Vec<String> = all.iter().map(|(w, t)| format!("{} to {}", show(w), params::format_tenth(*t))).collect();
                    let more = if shown.len() > 5 { format!(" and {} more", shown.len() - 5) } else { String::new() };
                    notes.add(
                        NoticeKind::Interventions,
                        format!("{who}Intervention times were rounded to 0.1 min: {}{more}.", shown[..shown.len().min(5)].join(", ")),
                    );
                }
            }
        }
        Err(e) if p.interventions.is_empty() => notes.add(NoticeKind::Interventions, format!("{who}interventions ignored: {e}")),
        Err(e) => notes.add(
            NoticeKind::Interventions,
            format!("{who}interventions not read ({e}); kept the preset's: {}", params::format_interventions(&p.interventions)),
        ),
    }
}

/// "Intervention 5:block was written more than once; each acts once.": what reading kept once.
pub fn repeated_text(repeated: &[Intervention]) -> String {
    let (what, verb) = if repeated.len() == 1 { ("Intervention", "was") } else { ("Interventions", "were") };
    format!("{what} {} {verb} written more than once; each acts once.", show(&params::format_interventions(repeated)))
}

/// Interventions before the run's first step would act at that step (the model starts there),
/// so they are moved to it (its first tenth of a minute: what a link can hold) and the notice
/// saying so is returned (`None` when there were none). Opening a link, the app's changes that
/// move the run's start (a fleet, a plan, the rollout window) and the CLI all go through this.
pub fn move_early_interventions(p: &mut Params) -> Option<String> {
    let start = run_start_min(p);
    let early: Vec<Intervention> = p.interventions.iter().copied().filter(|i| i.t_min < start).collect();
    if early.is_empty() {
        return None;
    }
    let to = tenth_within(start, start, f64::INFINITY);
    for i in p.interventions.iter_mut().filter(|i| i.t_min < start) {
        i.t_min = to;
    }
    params::normalize_interventions(&mut p.interventions);
    let (what, verb) = if early.len() == 1 { ("Intervention", "is") } else { ("Interventions", "are") };
    Some(format!(
        "{what} {} {verb} before the run starts ({} min); moved to {}.",
        show(&params::format_interventions(&early)),
        params::format_tenth(params::round_tenth(start)),
        params::format_tenth(to)
    ))
}

/// `fleet`, then `agent`, then `plan` (a plan names clusters by their index in its fleet), each
/// compact text (`formats::compact`); an empty value is the built-in one. A value that does not read
/// is dropped with its one-line reason. With a fleet and no `agents`, `agents` is its largest
/// cluster, as `compact::diff_pairs` leaves it out.
fn read_described<'a>(get: &dyn Fn(&str) -> Option<&'a str>, who: &str, p: &mut Params, notes: &mut Notes) {
    let mut fleet_lost = false;
    if let Some(raw) = get("fleet") {
        p.fleet = match raw.trim() {
            "" => None,
            text => compact::fleet_from_text(text)
                .map_err(|e| {
                    fleet_lost = true;
                    notes.add(NoticeKind::Described, format!("{who}Fleet not read: {}; using December 2024's built-in fleet.", show_long(&e.text)));
                })
                .ok(),
        };
    }
    if get("agents").is_none() {
        p.agents = p.agents_default(p);
    }
    if let Some(raw) = get("agent") {
        p.agent = match raw.trim() {
            "" => None,
            text => compact::agent_from_text(text)
                .map_err(|e| notes.add(NoticeKind::Described, format!("{who}Agent not read: {}; using the request cost knob.", show_long(&e.text))))
                .ok(),
        };
    }
    let names = fleet::names(p);
    let named = p.rollout.name();
    match get("plan").map(str::trim) {
        Some("") => p.plan = None,
        // The plan's clusters are indices into the fleet that was not read: never guess.
        Some(_) if fleet_lost => {
            p.plan = None;
            notes.add(NoticeKind::Described, format!("{who}Plan dropped: its clusters belong to the fleet that was not read; using the named plan '{named}'."));
        }
        Some(text) => {
            p.plan = compact::plan_from_text(text, &names)
                .map_err(|e| notes.add(NoticeKind::Described, format!("{who}Plan not read: {}; using the named plan '{named}'.", show_long(&e.text))))
                .ok();
        }
        // A compared run keeps the first run's plan unless its own fleet has other clusters.
        None => {
            if let Some(Err(e)) = p.plan.as_ref().map(|pl| pl.validate(&names)) {
                p.plan = None;
                notes.add(
                    NoticeKind::Described,
                    format!("{who}Plan dropped: it does not fit this fleet ({}); using the named plan '{named}'.", show_long(&e.text)),
                );
            }
        }
    }
}

/// Nothing happens after the horizon: interventions after it would sit in a link doing nothing,
/// so they are dropped, and the notice saying so is returned (`None` when there were none).
/// Opening a link and lowering the horizon in the app both go through this.
pub fn drop_late_interventions(p: &mut Params) -> Option<String> {
    let horizon = p.horizon as f64;
    let late: Vec<Intervention> = p.interventions.iter().copied().filter(|i| i.t_min > horizon).collect();
    if late.is_empty() {
        return None;
    }
    p.interventions.retain(|i| i.t_min <= horizon);
    let (what, verb) = if late.len() == 1 { ("Intervention", "is") } else { ("Interventions", "are") };
    Some(format!("{what} {} {verb} after the end of the run ({horizon} min); dropped.", show(&params::format_interventions(&late))))
}

/// A longer explanation (our own words, with a clipped echo inside): printable, bounded.
fn show_long(s: &str) -> String {
    crate::text::echo(s, 400)
}

/// Hostile text shown back to a person: short, printable (`text::echo`).
fn show(s: &str) -> String {
    crate::text::echo(s, 32)
}

/// Escaped in keys and values: everything except letters, digits, the RFC 3986 unreserved
/// `-._~`, and `:` `,`, which are legal in a query and keep `iv=45:block,60:halt` readable.
const QUERY_TEXT: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'_').remove(b'.').remove(b'~').remove(b':').remove(b',');
/// In values `=` stays readable too (`sx=agents=100..20000:24:log`): a pair splits at its
/// first `=`, so later ones belong to the value. No value written before sweeps held one.
const QUERY_VALUE: &AsciiSet = &QUERY_TEXT.remove(b'=');

fn encode(s: &str, set: &'static AsciiSet) -> String {
    utf8_percent_encode(s, set).to_string()
}
