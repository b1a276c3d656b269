//! The one parameter schema. Sliders, share links and the CLI all read `SPECS`, so a
//! key, a range or a default is written exactly once.

use serde::{Deserialize, Serialize};
use std::fmt;

/// How a parameter's value is typed. Every value travels as an `f64` through the generic
/// interface (bools as 0/1, choices as an index) so one code path serves all of them.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Kind {
    Int,
    Float,
    Bool,
    Choice(&'static [&'static str]),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Group {
    Main,
    Advanced,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Spec {
    pub key: &'static str,
    pub label: &'static str,
    pub unit: &'static str,
    pub kind: Kind,
    pub min: f64,
    pub max: f64,
    pub default: f64,
    /// Sliders move on a log scale (agent count spans four decades).
    pub log: bool,
    pub group: Group,
    pub help: &'static str,
}

pub const ROLLOUTS: &[&str] = &["fleet", "phased"];
pub const RETRIES: &[&str] = &["client-go", "jittered", "budget", "none"];
pub const RECOVERIES: &[&str] = &["ramped", "all-at-once"];
pub const PRESET_NAMES: &[&str] = &[
    "december-2024",
    "staging",
    "break-glass",
    "phased-rollout",
    "short-ttl",
    "retry-budget",
    "watch-cache",
    "herd",
    "datadog-2023",
];

macro_rules! spec {
    ($key:literal, $label:literal, $unit:literal, $kind:expr, $min:expr, $max:expr, $def:expr, $log:expr, $group:ident, $help:literal) => {
        Spec {
            key: $key,
            label: $label,
            unit: $unit,
            kind: $kind,
            min: $min as f64,
            max: $max as f64,
            default: $def as f64,
            log: $log,
            group: Group::$group,
            help: $help,
        }
    };
}

/// Order matters: it is the order of the sliders, of `--help`, and of keys in a link.
pub const SPECS: &[Spec] = &[
    spec!("agents", "Agent count", "nodes", Kind::Int, 10, 100_000, 7_500, true, Main,
        "Nodes running the agent in the largest cluster; the rest of the fleet scales with it."),
    spec!("cost", "Request cost", "×", Kind::Float, 0.1, 10, 1, true, Main,
        "Cost of each agent call relative to the calibrated cluster-wide LIST (1 = December 2024)."),
    spec!("ttl", "DNS TTL", "s", Kind::Int, 0, 3_600, 1_200, false, Main,
        "How long clients cache a DNS answer. Stock Kubernetes is ~30 s; the incident behaved like ~20 min."),
    spec!("break_glass", "Break-glass access", "", Kind::Bool, 0, 1, 0, false, Advanced,
        "Admins reach the API through an exempt priority level that overload cannot starve."),
    spec!("apiservers", "API servers per cluster", "replicas", Kind::Int, 1, 7, 3, false, Advanced,
        "kube-apiserver replicas in each cluster."),
    spec!("seats", "Seats per API server", "seats", Kind::Int, 300, 3_000, 600, false, Advanced,
        "Concurrent requests each API server can serve (defaults: 400 read + 200 mutating)."),
    spec!("watch_cache", "Agent reads from watch cache", "", Kind::Bool, 0, 1, 0, false, Advanced,
        "resourceVersion=0 LISTs are served from memory, ~200× cheaper than reading etcd."),
    spec!("poll", "Agent poll interval", "s", Kind::Int, 10, 300, 60, false, Advanced,
        "How often each agent repeats its expensive call."),
    spec!("pods", "Pods per node", "pods", Kind::Int, 1, 110, 25, false, Advanced,
        "Objects each cluster-wide LIST must scan per node."),
    spec!("rollout", "Rollout mode", "", Kind::Choice(ROLLOUTS), 0, 1, 0, false, Advanced,
        "fleet: everything over the window, gated on agent health only. phased: waves with a control-plane health gate that halts."),
    spec!("rollout_min", "Rollout window", "min", Kind::Int, 5, 120, 29, false, Advanced,
        "How long the fleet-wide rollout takes (2:51–3:20 pm in December 2024)."),
    spec!("retry", "Retry policy", "", Kind::Choice(RETRIES), 0, 3, 0, false, Advanced,
        "client-go: up to 10 retries and fast relists. jittered: spread out, same volume. budget: retries capped at 10% of successes. none."),
    spec!("remediate_after", "Load shedding starts", "min", Kind::Int, 0, 180, 20, false, Advanced,
        "Minutes after the root cause is known before the team starts shedding load."),
    spec!("scale_down", "Scale nodes down", "", Kind::Bool, 0, 1, 1, false, Advanced,
        "Halve each failing cluster's nodes over 15 min: agent load falls to a quarter."),
    spec!("block_api", "Block the API at the network", "", Kind::Bool, 0, 1, 1, false, Advanced,
        "Cut all non-admin traffic to the API servers so they can drain."),
    spec!("scale_up", "Scale API servers up", "", Kind::Bool, 0, 1, 1, false, Advanced,
        "Double API server capacity after 20 min (new servers must fill their caches first)."),
    spec!("recovery", "Recovery", "", Kind::Choice(RECOVERIES), 0, 1, 0, false, Advanced,
        "ramped: readmit traffic gradually. all-at-once: everything reconnects and relists together."),
    spec!("ramp_min", "Recovery ramp per cluster", "min", Kind::Int, 10, 120, 50, false, Advanced,
        "How long a rate-limited readmission of one cluster takes."),
    spec!("crews", "Recovery crews", "clusters", Kind::Int, 1, 5, 1, false, Advanced,
        "How many clusters the team can bring back at the same time."),
    spec!("shift", "Traffic shift", "%", Kind::Int, 0, 50, 20, false, Advanced,
        "Share of a failing cluster's traffic moved to healthy clusters, from 15 min after the agent lands."),
    spec!("horizon", "Horizon", "min", Kind::Int, 60, 720, 360, false, Advanced,
        "How long after the agent lands the run continues."),
    spec!("seed", "Seed", "", Kind::Int, 0, 4_294_967_295u64, 20_241_211, false, Advanced,
        "Seeds the run's random choices (which admin attempts get through, load jitter)."),
];

/// Actions a user can fire at a moment of the run. They are parameters, so they travel in links.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    BreakGlass,
    ScaleDown,
    Block,
    ScaleUp,
    Halt,
}

impl Action {
    pub const ALL: [Action; 5] = [
        Action::BreakGlass,
        Action::ScaleDown,
        Action::Block,
        Action::ScaleUp,
        Action::Halt,
    ];
    pub fn key(self) -> &'static str {
        match self {
            Action::BreakGlass => "break_glass",
            Action::ScaleDown => "scale_down",
            Action::Block => "block",
            Action::ScaleUp => "scale_up",
            Action::Halt => "halt",
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            Action::BreakGlass => "Break-glass",
            Action::ScaleDown => "Scale nodes down",
            Action::Block => "Block API",
            Action::ScaleUp => "Scale API up",
            Action::Halt => "Halt rollout",
        }
    }
    pub fn from_key(s: &str) -> Option<Action> {
        Action::ALL.into_iter().find(|a| a.key() == s)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Intervention {
    /// Minutes after the agent lands on the large clusters.
    pub t_min: f64,
    pub action: Action,
}

pub const MAX_INTERVENTIONS: usize = 16;

/// Every input of a run. `Default` is the December 2024 calibration.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Params {
    pub preset: String,
    pub agents: u32,
    pub cost: f64,
    pub ttl: u32,
    pub break_glass: bool,
    pub apiservers: u32,
    pub seats: u32,
    pub watch_cache: bool,
    pub poll: u32,
    pub pods: u32,
    pub rollout: String,
    pub rollout_min: u32,
    pub retry: String,
    pub remediate_after: u32,
    pub scale_down: bool,
    pub block_api: bool,
    pub scale_up: bool,
    pub recovery: String,
    pub ramp_min: u32,
    pub crews: u32,
    pub shift: u32,
    pub horizon: u32,
    pub seed: u64,
    pub interventions: Vec<Intervention>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ParamError {
    UnknownKey(String),
    NotANumber { key: &'static str, value: String },
    OutOfRange { key: &'static str, value: String },
    BadChoice { key: &'static str, value: String },
    UnknownPreset(String),
    BadIntervention(String),
}

impl fmt::Display for ParamError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ParamError::UnknownKey(k) => write!(f, "unknown parameter '{k}' (known: {})", keys().join(", ")),
            ParamError::NotANumber { key, value } => {
                write!(f, "{key}: '{value}' is not a number; {}", spec(key).map(range_text).unwrap_or_default())
            }
            ParamError::OutOfRange { key, value } => {
                write!(f, "{key}: {value} is out of range; {}", spec(key).map(range_text).unwrap_or_default())
            }
            ParamError::BadChoice { key, value } => {
                write!(f, "{key}: '{value}' is not allowed; {}", spec(key).map(range_text).unwrap_or_default())
            }
            ParamError::UnknownPreset(p) => write!(f, "preset: unknown '{p}'; one of {}", PRESET_NAMES.join(", ")),
            ParamError::BadIntervention(s) => write!(
                f,
                "iv: '{s}' is not MINUTES:ACTION[,…] with ACTION one of {} and at most {MAX_INTERVENTIONS} entries",
                Action::ALL.map(|a| a.key()).join(", ")
            ),
        }
    }
}

impl std::error::Error for ParamError {}

pub fn spec(key: &str) -> Option<&'static Spec> {
    SPECS.iter().find(|s| s.key == key)
}

pub fn keys() -> Vec<&'static str> {
    SPECS.iter().map(|s| s.key).chain(["preset", "iv"]).collect()
}

/// "valid: 10 – 100000 nodes" — the clause every error ends with.
pub fn range_text(s: &Spec) -> String {
    match s.kind {
        Kind::Bool => "valid: true or false".into(),
        Kind::Choice(c) => format!("valid: one of {}", c.join(", ")),
        _ => format!("valid: {} – {} {}", fmt_num(s.min), fmt_num(s.max), s.unit).trim_end().to_string(),
    }
}

fn fmt_num(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

impl Spec {
    /// Parse text as typed by a person (CLI, URL, input box). Strict: errors, not clamps.
    pub fn parse(&self, text: &str) -> Result<f64, ParamError> {
        let t = text.trim();
        match self.kind {
            Kind::Bool => match t.to_ascii_lowercase().as_str() {
                "1" | "true" | "yes" | "on" => Ok(1.0),
                "0" | "false" | "no" | "off" => Ok(0.0),
                _ => Err(ParamError::BadChoice { key: self.key, value: clip(t) }),
            },
            Kind::Choice(c) => c
                .iter()
                .position(|x| x.eq_ignore_ascii_case(t))
                .map(|i| i as f64)
                .ok_or(ParamError::BadChoice { key: self.key, value: clip(t) }),
            Kind::Int | Kind::Float => {
                let v: f64 = t
                    .replace(['_', ','], "")
                    .parse()
                    .map_err(|_| ParamError::NotANumber { key: self.key, value: clip(t) })?;
                if !v.is_finite() {
                    return Err(ParamError::NotANumber { key: self.key, value: clip(t) });
                }
                if v < self.min || v > self.max {
                    return Err(ParamError::OutOfRange { key: self.key, value: clip(t) });
                }
                Ok(self.clamp(v))
            }
        }
    }

    /// Force any number into range; NaN becomes the default. For sliders and lenient links.
    pub fn clamp(&self, v: f64) -> f64 {
        if !v.is_finite() {
            return if v.is_nan() { self.default } else if v > 0.0 { self.max } else { self.min };
        }
        let v = v.clamp(self.min, self.max);
        match self.kind {
            // Floats keep the link's precision (3 decimals) so a shared link is the same run.
            Kind::Float => ((v * 1000.0).round() / 1000.0).clamp(self.min, self.max),
            _ => v.round(),
        }
    }

    /// The value as written in links and CLI flags.
    pub fn format(&self, v: f64) -> String {
        match self.kind {
            Kind::Bool => if v >= 0.5 { "true" } else { "false" }.into(),
            Kind::Choice(c) => c[(v as usize).min(c.len() - 1)].into(),
            Kind::Int => fmt_num(v.round()),
            // Three significant decimals is the documented link precision for floats.
            Kind::Float => {
                let s = format!("{:.3}", v);
                s.trim_end_matches('0').trim_end_matches('.').to_string()
            }
        }
    }

    /// The value as a person reads it ("20 min", "7,500 nodes").
    pub fn display(&self, v: f64) -> String {
        match (self.key, self.kind) {
            ("ttl", _) => human_seconds(v),
            (_, Kind::Bool) => if v >= 0.5 { "on" } else { "off" }.into(),
            (_, Kind::Choice(_)) => self.format(v),
            (_, Kind::Float) => format!("{}{}", self.format(v), self.unit),
            (_, Kind::Int) => {
                let n = group_thousands(v.round() as i64);
                if self.unit.is_empty() { n } else if self.unit == "%" { format!("{n}%") } else { format!("{n} {}", self.unit) }
            }
        }
    }
}

fn clip(s: &str) -> String {
    let mut out: String = s.chars().take(40).collect();
    if s.chars().count() > 40 {
        out.push('…');
    }
    out
}

pub fn group_thousands(n: i64) -> String {
    let s = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, ch) in s.chars().enumerate() {
        if i > 0 && (s.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    if n < 0 { format!("-{out}") } else { out }
}

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

fn choice_index(list: &[&str], v: &str) -> f64 {
    list.iter().position(|x| *x == v).unwrap_or(0) as f64
}

impl Default for Params {
    fn default() -> Self {
        let mut p = Params {
            preset: PRESET_NAMES[0].into(),
            agents: 0,
            cost: 0.0,
            ttl: 0,
            break_glass: false,
            apiservers: 0,
            seats: 0,
            watch_cache: false,
            poll: 0,
            pods: 0,
            rollout: String::new(),
            rollout_min: 0,
            retry: String::new(),
            remediate_after: 0,
            scale_down: false,
            block_api: false,
            scale_up: false,
            recovery: String::new(),
            ramp_min: 0,
            crews: 0,
            shift: 0,
            horizon: 0,
            seed: 0,
            interventions: Vec::new(),
        };
        for s in SPECS {
            p.set_value(s.key, s.default);
        }
        p
    }
}

impl Params {
    /// Generic read of any schema key (bools 0/1, choices as index).
    pub fn value(&self, key: &str) -> f64 {
        let b = |x: bool| if x { 1.0 } else { 0.0 };
        match key {
            "agents" => self.agents as f64,
            "cost" => self.cost,
            "ttl" => self.ttl as f64,
            "break_glass" => b(self.break_glass),
            "apiservers" => self.apiservers as f64,
            "seats" => self.seats as f64,
            "watch_cache" => b(self.watch_cache),
            "poll" => self.poll as f64,
            "pods" => self.pods as f64,
            "rollout" => choice_index(ROLLOUTS, &self.rollout),
            "rollout_min" => self.rollout_min as f64,
            "retry" => choice_index(RETRIES, &self.retry),
            "remediate_after" => self.remediate_after as f64,
            "scale_down" => b(self.scale_down),
            "block_api" => b(self.block_api),
            "scale_up" => b(self.scale_up),
            "recovery" => choice_index(RECOVERIES, &self.recovery),
            "ramp_min" => self.ramp_min as f64,
            "crews" => self.crews as f64,
            "shift" => self.shift as f64,
            "horizon" => self.horizon as f64,
            "seed" => self.seed as f64,
            _ => f64::NAN,
        }
    }

    /// Generic write; the value is clamped into the key's range first, so a `Params`
    /// built through this is always valid. Returns false for an unknown key.
    pub fn set_value(&mut self, key: &str, v: f64) -> bool {
        let Some(s) = spec(key) else { return false };
        let v = s.clamp(v);
        let u = v as u32;
        let on = v >= 0.5;
        let pick = |list: &[&str]| list[(v as usize).min(list.len() - 1)].to_string();
        match key {
            "agents" => self.agents = u,
            "cost" => self.cost = v,
            "ttl" => self.ttl = u,
            "break_glass" => self.break_glass = on,
            "apiservers" => self.apiservers = u,
            "seats" => self.seats = u,
            "watch_cache" => self.watch_cache = on,
            "poll" => self.poll = u,
            "pods" => self.pods = u,
            "rollout" => self.rollout = pick(ROLLOUTS),
            "rollout_min" => self.rollout_min = u,
            "retry" => self.retry = pick(RETRIES),
            "remediate_after" => self.remediate_after = u,
            "scale_down" => self.scale_down = on,
            "block_api" => self.block_api = on,
            "scale_up" => self.scale_up = on,
            "recovery" => self.recovery = pick(RECOVERIES),
            "ramp_min" => self.ramp_min = u,
            "crews" => self.crews = u,
            "shift" => self.shift = u,
            "horizon" => self.horizon = u,
            "seed" => self.seed = v as u64,
            _ => return false,
        }
        true
    }

    /// Strict text write: what the CLI uses. `preset` replaces everything set so far.
    pub fn set_text(&mut self, key: &str, text: &str) -> Result<(), ParamError> {
        match key {
            "preset" => {
                *self = Params::preset(text.trim())?;
                Ok(())
            }
            "iv" => {
                self.interventions = parse_interventions(text)?;
                Ok(())
            }
            _ => {
                let s = spec(key).ok_or_else(|| ParamError::UnknownKey(clip(key)))?;
                let v = s.parse(text)?;
                self.set_value(key, v);
                Ok(())
            }
        }
    }

    /// Check every field against the schema (a `Params` deserialized from JSON may be anything).
    pub fn validate(&self) -> Result<(), ParamError> {
        for s in SPECS {
            let v = self.value(s.key);
            let ok = match s.kind {
                Kind::Choice(c) => {
                    let name = match s.key {
                        "rollout" => &self.rollout,
                        "retry" => &self.retry,
                        _ => &self.recovery,
                    };
                    c.contains(&name.as_str())
                }
                _ => v.is_finite() && v >= s.min && v <= s.max,
            };
            if !ok {
                return Err(ParamError::OutOfRange { key: s.key, value: s.format(v) });
            }
        }
        if !PRESET_NAMES.contains(&self.preset.as_str()) {
            return Err(ParamError::UnknownPreset(self.preset.clone()));
        }
        if self.interventions.len() > MAX_INTERVENTIONS
            || self.interventions.iter().any(|i| !i.t_min.is_finite() || i.t_min < -150.0 || i.t_min > 720.0)
        {
            return Err(ParamError::BadIntervention(format_interventions(&self.interventions)));
        }
        Ok(())
    }

    /// A named scenario. Each preset is the December 2024 calibration with a few changes.
    pub fn preset(name: &str) -> Result<Params, ParamError> {
        let mut p = Params::default();
        let name = PRESET_NAMES
            .iter()
            .find(|n| n.eq_ignore_ascii_case(name))
            .ok_or_else(|| ParamError::UnknownPreset(clip(name)))?;
        p.preset = name.to_string();
        match *name {
            "december-2024" => {}
            // The day before: the same agent on a cluster the size of staging.
            "staging" => p.agents = 50,
            "break-glass" => p.break_glass = true,
            "phased-rollout" => p.rollout = "phased".into(),
            "short-ttl" => p.ttl = 30,
            "retry-budget" => p.retry = "budget".into(),
            "watch-cache" => p.watch_cache = true,
            "herd" => p.recovery = "all-at-once".into(),
            // Datadog, 8 Mar 2023: a fleet-wide change at once, no API access, stock DNS
            // caching, nodes brought back gradually to spare the control planes.
            "datadog-2023" => {
                p.rollout_min = 5;
                p.ttl = 30;
                p.ramp_min = 60;
                p.crews = 2;
            }
            _ => {}
        }
        Ok(p)
    }

    /// Key/value pairs of everything that differs from `base`, in schema order.
    pub fn diff_pairs(&self, base: &Params) -> Vec<(&'static str, String)> {
        let mut out = Vec::new();
        if self.preset != base.preset {
            out.push(("preset", self.preset.clone()));
        }
        for s in SPECS {
            let v = self.value(s.key);
            if v != base.value(s.key) {
                out.push((s.key, s.format(v)));
            }
        }
        if self.interventions != base.interventions {
            out.push(("iv", format_interventions(&self.interventions)));
        }
        out
    }

}

/// Minutes travel in links and interventions at 0.1 min precision.
pub fn round_tenth(t: f64) -> f64 {
    (t * 10.0).round() / 10.0
}

/// "45", "45.5": minutes as written in links.
pub fn format_tenth(t: f64) -> String {
    let s = format!("{t:.1}");
    s.trim_end_matches(".0").to_string()
}

/// "45:block,60.5:break_glass"
pub fn format_interventions(list: &[Intervention]) -> String {
    list.iter()
        .map(|i| format!("{}:{}", format_tenth(i.t_min), i.action.key()))
        .collect::<Vec<_>>()
        .join(",")
}

pub fn parse_interventions(text: &str) -> Result<Vec<Intervention>, ParamError> {
    let bad = || ParamError::BadIntervention(clip(text));
    let mut out = Vec::new();
    for part in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let (t, a) = part.split_once(':').ok_or_else(bad)?;
        let t: f64 = t.trim().parse().map_err(|_| bad())?;
        if !t.is_finite() || !(-150.0..=720.0).contains(&t) {
            return Err(bad());
        }
        let action = Action::from_key(a.trim()).ok_or_else(bad)?;
        out.push(Intervention { t_min: round_tenth(t), action });
    }
    if out.len() > MAX_INTERVENTIONS {
        return Err(bad());
    }
    normalize_interventions(&mut out);
    Ok(out)
}

/// One canonical order so that equal plans compare equal and give equal links.
pub fn normalize_interventions(list: &mut Vec<Intervention>) {
    list.sort_by(|a, b| a.t_min.total_cmp(&b.t_min).then(a.action.cmp(&b.action)));
    list.dedup();
    list.truncate(MAX_INTERVENTIONS);
}
