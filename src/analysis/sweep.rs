//! Two-parameter sweeps: every cell a whole simulation, so the cliff draws itself. Pure and
//! shared by the app's sweep view (computed a few cells per frame) and `cascade sweep`; the
//! same sweep gives the same numbers in both.

use crate::sim::{params, simulate_summary, Key, Kind, ParamError, Params, Spec, Summary};
use serde::Serialize;
use std::fmt;

/// The most cells along one axis (64 × 64 = 4,096 runs, a few seconds).
pub const MAX_STEPS: usize = 64;

/// A swept parameter: `KEY=FROM..TO:STEPS[:log]`, KEY a fleet-wide parameter or one
/// cluster's field, `cluster.NAME.FIELD` (`cluster_fields`).
#[derive(Clone, Debug, PartialEq)]
pub struct Axis {
    /// The schema key whose range, unit and format the values take (for a cluster's field,
    /// its fleet-wide parameter; `agents` for its nodes).
    pub key: &'static str,
    /// The one cluster whose field is swept; `None` for the fleet-wide parameter. Boxed: the
    /// app's messages carry two axes, and most axes have none.
    pub target: Option<Box<ClusterTarget>>,
    pub from: f64,
    pub to: f64,
    pub steps: usize,
    pub log: bool,
}

/// One cluster's field, swept alone.
#[derive(Clone, Debug, PartialEq)]
pub struct ClusterTarget {
    pub cluster: String,
    /// A `cluster_fields` name.
    pub field: &'static str,
}

/// Why a text or numbers are not an axis. `Display` is the CLI's one line (`sweep: …`, or for a
/// bound the words of that key's own flag); links match on the variant.
#[derive(Clone, Debug, PartialEq)]
pub enum AxisError {
    /// Not `KEY=FROM..TO:STEPS[:log]`; holds the text as given.
    Syntax(String),
    /// No such parameter.
    UnknownKey(String),
    /// A parameter that cannot be swept (a choice, a switch or the seed).
    NotNumeric(&'static str),
    /// Steps outside 2 – `MAX_STEPS`.
    Steps { key: &'static str, steps: usize },
    /// A bound that is not a number or is out of the key's range, as `--KEY` would say it.
    Bound(ParamError),
    /// Both ends are one value (once clamped, when the bounds were clamped).
    Empty { key: &'static str, value: f64 },
    /// A log axis needs both ends above 0.
    LogNotPositive { key: &'static str },
    /// `cluster.NAME.FIELD` naming no numeric field, or a name no cluster can have.
    ClusterField(String),
}

/// User text in an axis's message: clipped and printable (`text::echo`).
fn echo(s: &str) -> String {
    crate::text::echo(s, 40)
}

impl AxisError {
    /// What is wrong, without the CLI's `sweep: ` (a link's notice says where it comes from).
    pub fn detail(&self) -> String {
        let numeric = || numeric_keys().join(", ");
        match self {
            AxisError::Syntax(text) => format!("'{}' is not KEY=FROM..TO:STEPS[:log]", echo(text)),
            AxisError::UnknownKey(key) => format!("unknown parameter '{}' (numeric keys: {})", echo(key), numeric()),
            AxisError::NotNumeric(key) => format!("{key} is not a numeric parameter (numeric keys: {})", numeric()),
            AxisError::Steps { key, steps } => format!("{key}: {steps} steps; valid: 2 – {MAX_STEPS}"),
            AxisError::Bound(e) => e.to_string(),
            AxisError::Empty { key, value } => {
                let spec = params::spec(key).expect("axis keys come from the schema");
                format!("{key}: the range is empty (both ends are {}; {})", spec.format(*value), params::range_text(spec))
            }
            AxisError::LogNotPositive { key } => format!("{key}: a log axis needs a range above 0"),
            AxisError::ClusterField(key) => {
                format!("'{}' is not cluster.NAME.FIELD (fields: {})", echo(key), cluster_fields().map(|(f, _)| f).collect::<Vec<_>>().join(", "))
            }
        }
    }
}

impl fmt::Display for AxisError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            // Word for word what `--KEY VALUE` says of the same value.
            AxisError::Bound(e) => write!(f, "{e}"),
            e => write!(f, "sweep: {}", e.detail()),
        }
    }
}

impl std::error::Error for AxisError {}

/// The fields of a described cluster a sweep can vary for that one cluster (`cluster.NAME.FIELD`):
/// its nodes, then the numeric rows of `fleet::CLUSTER_FIELDS` marked `sweep`, each with the
/// schema key whose range, unit and format it takes (`agents` for nodes).
pub fn cluster_fields() -> impl Iterator<Item = (&'static str, Key)> {
    std::iter::once(("nodes", Key::agents)).chain(crate::sim::fleet::CLUSTER_FIELDS.iter().filter(|f| f.sweep).map(|f| (f.name(), f.key)))
}

/// The schema key a sweepable cluster field takes its range from.
pub fn cluster_field_key(field: &str) -> Option<Key> {
    cluster_fields().find(|(f, _)| *f == field).map(|(_, k)| k)
}

/// A swept key: its schema row, and the cluster and field when it is one cluster's.
type Target = (&'static Spec, Option<(String, &'static str)>);

/// What `key` sweeps: a numeric parameter, or `cluster.NAME.FIELD`.
fn sweep_target(key: &str) -> Result<Target, AxisError> {
    let Some(rest) = key.strip_prefix("cluster.") else { return Ok((sweep_spec(key)?, None)) };
    let bad = || AxisError::ClusterField(key.to_string());
    let (name, field) = rest.rsplit_once('.').ok_or_else(bad)?;
    let (field, key) = cluster_fields().find(|(f, _)| *f == field).ok_or_else(bad)?;
    if !crate::sim::fleet::valid_name(name) {
        return Err(bad());
    }
    Ok((key.spec(), Some((name.to_string(), field))))
}

/// The schema row of a key that can be swept.
fn sweep_spec(key: &str) -> Result<&'static Spec, AxisError> {
    let spec = params::spec(key).ok_or_else(|| AxisError::UnknownKey(key.to_string()))?;
    if !matches!(spec.kind, Kind::Int | Kind::Float) || spec.key == "seed" {
        return Err(AxisError::NotNumeric(spec.key));
    }
    Ok(spec)
}

/// `KEY=FROM..TO:STEPS[:log]` in its parts: the key, the two bounds as written, steps and log.
/// The range is two bounds with exactly two dots between them: `100...2000` is not `100 .. .2000`.
fn split_axis(text: &str) -> Result<(&str, &str, &str, usize, bool), AxisError> {
    let bad = || AxisError::Syntax(text.to_string());
    let (key, rest) = text.split_once('=').ok_or_else(bad)?;
    let mut parts = rest.split(':');
    let range = parts.next().ok_or_else(bad)?;
    let (from, to) = range.split_once("..").ok_or_else(bad)?;
    if from.trim_end().ends_with('.') || to.trim_start().starts_with('.') || to.contains("..") {
        return Err(bad());
    }
    let steps: usize = parts.next().ok_or_else(bad)?.trim().parse().map_err(|_| bad())?;
    let log = match parts.next() {
        None => false,
        Some("log") => true,
        Some(_) => return Err(bad()),
    };
    if parts.next().is_some() {
        return Err(bad());
    }
    Ok((key.trim(), from, to, steps, log))
}

impl Axis {
    /// An axis from numbers: each bound clamped into the key's range and rounded to what the key
    /// holds (integers whole, floats at link precision).
    pub fn new(key: &str, from: f64, to: f64, steps: usize, log: bool) -> Result<Axis, AxisError> {
        let (spec, cluster) = sweep_target(key)?;
        if !(2..=MAX_STEPS).contains(&steps) {
            return Err(AxisError::Steps { key: spec.key, steps });
        }
        // -0 and 0 are one value; keep them one in a re-encoded link.
        let (from, to) = (spec.clamp(from) + 0.0, spec.clamp(to) + 0.0);
        if from == to {
            return Err(AxisError::Empty { key: spec.key, value: from });
        }
        if log && from.min(to) <= 0.0 {
            return Err(AxisError::LogNotPositive { key: spec.key });
        }
        let target = cluster.map(|(cluster, field)| Box::new(ClusterTarget { cluster, field }));
        Ok(Axis { key: spec.key, target, from, to, steps, log })
    }

    /// The cluster whose field is swept, if the axis is one cluster's.
    pub fn cluster(&self) -> Option<&str> {
        self.target.as_ref().map(|t| t.cluster.as_str())
    }

    /// The field swept: `key` for a fleet-wide parameter, a `cluster_fields` name otherwise.
    pub fn field(&self) -> &'static str {
        self.target.as_ref().map_or(self.key, |t| t.field)
    }

    /// The key as links and the CLI write it: `ttl`, or `cluster.NAME.ttl`.
    pub fn name(&self) -> String {
        match self.cluster() {
            None => self.key.to_string(),
            Some(c) => format!("cluster.{c}.{}", self.field()),
        }
    }

    /// What the axis is called in titles: the parameter's label, or `NAME: field`.
    pub fn label(&self) -> String {
        let spec = params::spec(self.key).expect("axis keys come from the schema");
        match self.cluster() {
            None => spec.label.to_string(),
            Some(c) if self.field() == "nodes" => format!("{c}: nodes"),
            Some(c) => format!("{c}: {}", spec.label.to_ascii_lowercase()),
        }
    }

    /// `p` with this axis at `v`: the parameter set through the schema, or the cluster's field
    /// written into its description (the built-in fleet written out first, `Fleet::december`,
    /// which runs bit-identically). A cluster the fleet lacks leaves `p` as it is
    /// (`Sweep::new` refuses such an axis).
    pub fn apply(&self, p: &mut Params, v: f64) {
        match self.cluster() {
            None => {
                p.set_value(self.key, v);
            }
            Some(name) => set_cluster_field(p, name, self.field(), v),
        }
    }

    /// The value `p` runs this axis at (the cluster's own, or the fleet-wide one it takes).
    pub fn value_in(&self, p: &Params) -> Option<f64> {
        let Some(name) = self.cluster() else { return Some(p.value(self.key)) };
        let c = crate::sim::fleet::resolve(p).into_iter().find(|c| c.name.eq_ignore_ascii_case(name))?;
        Some(c.value(cluster_field_key(self.field())?))
    }

    /// `agents=100..100000:32:log`, strictly (the CLI's `--x`/`--y`): each bound is read as its
    /// key's flag reads a value, so a bound out of range is an error worded as `--KEY`'s.
    pub fn parse(text: &str) -> Result<Axis, AxisError> {
        let (key, from, to, steps, log) = split_axis(text)?;
        let (spec, _) = sweep_target(key)?;
        let bound = |t: &str| spec.parse(t).map_err(AxisError::Bound);
        Axis::new(key, bound(from)?, bound(to)?, steps, log)
    }

    /// As `parse`, leniently (links): bounds are clamped into the key's range and rounded to what
    /// it holds; the flag says whether that moved either of them. A bound that is not a finite
    /// number is a syntax error.
    pub fn parse_clamped(text: &str) -> Result<(Axis, bool), AxisError> {
        let (key, from, to, steps, log) = split_axis(text)?;
        sweep_target(key)?;
        let num = |s: &str| params::parse_number(s).filter(|v| v.is_finite()).ok_or_else(|| AxisError::Syntax(text.to_string()));
        let (from, to) = (num(from)?, num(to)?);
        let a = Axis::new(key, from, to, steps, log)?;
        let moved = (a.from, a.to) != (from, to);
        Ok((a, moved))
    }

    pub fn to_text(&self) -> String {
        let spec = params::spec(self.key).expect("axis keys come from the schema");
        format!("{}={}..{}:{}{}", self.name(), spec.format(self.from), spec.format(self.to), self.steps, if self.log { ":log" } else { "" })
    }

    /// The exact values simulated: evenly (or log-evenly) spaced, then put through the schema
    /// (integers rounded, floats at link precision) — what a link or a slider would hold.
    pub fn values(&self) -> Vec<f64> {
        let spec = params::spec(self.key).expect("axis keys come from the schema");
        let n = self.steps - 1;
        (0..self.steps)
            .map(|i| {
                let u = i as f64 / n as f64;
                let v = if self.log { self.from * (self.to / self.from).powf(u) } else { self.from + (self.to - self.from) * u };
                spec.clamp(if i == n { self.to } else { v })
            })
            .collect()
    }

    /// Round tick values inside the axis (`crate::text::ticks`): 1-2-5 steps on linear axes (about
    /// four intervals), powers of ten (and 2×, 5× when the range spans under three decades)
    /// on log axes; both ends when fewer than two round values fall inside.
    pub fn ticks(&self) -> Vec<f64> {
        let (lo, hi) = (self.from.min(self.to), self.from.max(self.to));
        let out = if self.log {
            {
                use crate::text::ticks::{log_ticks, LogSteps};
                // Under three decades, 1-2-5 steps; wider, the decades alone.
                log_ticks(lo * 0.9999, hi * 1.0001, if (hi / lo).log10() < 3.0 { LogSteps::OneTwoFive } else { LogSteps::Decades })
            }
        } else {
            let raw = (hi - lo) / 4.0;
            let mag = 10f64.powf(raw.log10().floor());
            crate::text::ticks::round_ticks(lo, hi, [1.0, 2.0, 2.5, 5.0, 10.0].map(|c| c * mag), |step, _| step >= raw)
        };
        if out.len() < 2 {
            vec![lo, hi]
        } else {
            out
        }
    }

    /// A value of this axis as a readout says it: the key's label, the number (thousands
    /// grouped) and the schema's unit, `DNS TTL 1,200 s`, `Agent count 7,500 nodes`,
    /// `Request cost 0.35×`, `Traffic shift 20%` — the unit the axis title names, not another.
    pub fn value_text(&self, v: f64) -> String {
        let spec = params::spec(self.key).expect("axis keys come from the schema");
        let n = match spec.kind {
            Kind::Int => crate::text::group_thousands(v.round() as i64),
            _ => spec.format(v),
        };
        let label = self.label();
        match spec.unit {
            _ if self.field() == "nodes" => format!("{label} {n}"),
            "" => format!("{label} {n}"),
            u @ ("%" | "×") => format!("{label} {n}{u}"),
            u => format!("{label} {n} {u}"),
        }
    }
}

/// Writes `v` into cluster `name`'s `field` (a `cluster_fields` name), as the schema holds it.
/// A fleet run as written (`agents` its largest) stays so: `agents` follows a new largest.
pub fn set_cluster_field(p: &mut Params, name: &str, field: &str, v: f64) {
    use crate::sim::fleet::{Fleet, NODES_RANGE};
    let as_written = p.fleet.is_none() || p.agents == p.agents_default(&Params::default());
    let mut fleet = p.fleet.take().unwrap_or_else(|| Fleet::december(p));
    if let Some(c) = fleet.clusters.iter_mut().find(|c| c.name.eq_ignore_ascii_case(name)) {
        match cluster_field_key(field) {
            Some(Key::agents) => c.nodes = (v.round().clamp(NODES_RANGE.0 as f64, NODES_RANGE.1 as f64)) as u32,
            Some(key) => c.set_field(key, Some(v)),
            None => {}
        }
    }
    p.fleet = Some(fleet);
    if as_written {
        p.agents = p.agents_default(&Params::default());
    }
}

/// The cluster-field keys a sweep can vary for cluster `name`: `cluster.NAME.nodes`, ….
pub fn cluster_keys(name: &str) -> Vec<String> {
    cluster_fields().map(|(f, _)| format!("cluster.{name}.{f}")).collect()
}

/// Keys a sweep can vary.
pub fn numeric_keys() -> Vec<&'static str> {
    crate::sim::SPECS.iter().filter(|s| matches!(s.kind, Kind::Int | Kind::Float) && s.key != "seed").map(|s| s.key).collect()
}

/// What a cell shows: a key of the run's JSON summary.
#[derive(Clone, Copy)]
pub struct Metric {
    pub key: &'static str,
    pub label: &'static str,
    pub unit: &'static str,
    pub read: fn(&Summary) -> Option<f64>,
}

pub const METRICS: &[Metric] = &[
    Metric { key: "impact_min", label: "Customer-impact minutes", unit: "min", read: |s| Some(s.impact_min) },
    Metric { key: "peak_error_rate", label: "Peak customer error", unit: "%", read: |s| Some(s.peak_error_rate) },
    Metric {
        key: "control_plane_fell",
        label: "Did the control plane fall",
        unit: "",
        read: |s| Some(if s.control_plane_down_min.is_some() { 1.0 } else { 0.0 }),
    },
    Metric { key: "control_plane_down_min", label: "Control plane down at", unit: "min", read: |s| s.control_plane_down_min },
    Metric { key: "first_alert_min", label: "First alert at", unit: "min", read: |s| s.first_alert_min },
    Metric { key: "first_customer_errors_min", label: "Customers see errors at", unit: "min", read: |s| s.first_customer_errors_min },
    Metric { key: "peak_impact_min", label: "Peak impact at", unit: "min", read: |s| s.peak_impact_min },
    Metric { key: "access_regained_min", label: "Access regained at", unit: "min", read: |s| s.access_regained_min },
    Metric { key: "fix_landed_min", label: "Fix landed at", unit: "min", read: |s| s.fix_landed_min },
    Metric { key: "first_cluster_recovered_min", label: "First cluster recovered at", unit: "min", read: |s| s.first_cluster_recovered_min },
    Metric { key: "all_recovered_min", label: "All recovered at", unit: "min", read: |s| s.all_recovered_min },
    Metric { key: "detection_lead_min", label: "Detection lead over customers", unit: "min", read: |s| s.detection_lead_min },
    Metric { key: "impacted_clusters", label: "Impacted clusters", unit: "", read: |s| Some(s.impacted_clusters as f64) },
];

/// By key: `read`'s address is not stable (a const's closure can be placed once per use).
impl std::fmt::Debug for Metric {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        write!(f, "Metric({})", self.key)
    }
}

impl PartialEq for Metric {
    fn eq(&self, o: &Metric) -> bool {
        self.key == o.key
    }
}

impl Metric {
    pub fn find(key: &str) -> Result<Metric, SweepError> {
        METRICS.iter().find(|m| m.key == key.trim()).copied().ok_or_else(|| SweepError::UnknownMetric(key.to_string()))
    }
}

/// Why a sweep cannot be set up.
#[derive(Clone, Debug, PartialEq)]
pub enum SweepError {
    /// No metric of that key (holds the text as given).
    UnknownMetric(String),
    /// Both axes vary the same thing.
    SameAxes(String),
    /// An axis names a cluster the run does not have.
    NoSuchCluster { axis: String, cluster: String, clusters: Vec<String> },
}

impl fmt::Display for SweepError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SweepError::UnknownMetric(key) => {
                write!(f, "sweep: unknown metric '{}'; one of {}", echo(key), METRICS.iter().map(|m| m.key).collect::<Vec<_>>().join(", "))
            }
            SweepError::SameAxes(name) => write!(f, "sweep: x and y are both {name}"),
            SweepError::NoSuchCluster { axis, cluster, clusters } => {
                write!(f, "sweep: {}: the run has no cluster '{}' (clusters: {})", echo(axis), echo(cluster), clusters.join(", "))
            }
        }
    }
}

impl std::error::Error for SweepError {}

/// A named sweep worth opening, with what to notice.
pub struct SweepPreset {
    pub name: &'static str,
    pub x: &'static str,
    pub y: &'static str,
    pub metric: &'static str,
    pub notice: &'static str,
}

pub const SWEEP_PRESETS: &[SweepPreset] = &[
    SweepPreset {
        name: "agents-ttl",
        x: "agents=100..20000:24:log",
        y: "ttl=0..3600:16",
        metric: "first_customer_errors_min",
        // `SweepPreset::notice_for` puts the run's own cliff in place of {cliff}.
        notice: "The control plane falls past {cliff} whatever the TTL; the TTL only moves when customers notice.",
    },
    SweepPreset {
        name: "agents-cost",
        x: "agents=100..20000:24:log",
        y: "cost=0.1..10:16:log",
        metric: "control_plane_fell",
        notice: "A cheaper call buys more nodes only while the agent's LISTs fit in the seats APF gives them; past that, more calls change nothing: what each LIST holds in memory decides the cliff.",
    },
    SweepPreset {
        name: "agents-seats",
        x: "agents=100..20000:24:log",
        y: "seats=300..3000:16",
        metric: "impact_min",
        notice: "More seats move the cliff down, not up: APF lets more LISTs run at once, and memory, not CPU, is what runs out.",
    },
    SweepPreset {
        name: "ttl-shedding",
        x: "ttl=0..3600:16",
        y: "remediate_after=0..120:16",
        metric: "impact_min",
        notice: "Long caches buy time only if load shedding starts before they drain.",
    },
];

impl SweepPreset {
    /// What to notice, true of this sweep: `{cliff}` is the node count past which a control
    /// plane falls on its map (every row's line, once every cell is done), or
    /// "the line" while it fills or where nothing falls.
    pub fn notice_for(&self, sweep: Option<&Sweep>) -> String {
        let cliff = sweep.filter(|s| s.done() && s.x.name() == "agents").and_then(|s| {
            // Each row's cliff: between its last holding cell and its first falling one (the
            // geometric middle, as the log axis draws the line).
            let firsts: Vec<f64> = (0..s.ys.len())
                .filter_map(|j| (0..s.xs.len()).find(|&i| s.fell(i, j) == Some(true)).map(|i| if i > 0 { (s.xs[i - 1] * s.xs[i]).sqrt() } else { s.xs[i] }))
                .collect();
            let (lo, hi) = firsts.iter().fold((f64::MAX, 0.0f64), |(a, b), &v| (a.min(v), b.max(v)));
            (!firsts.is_empty()).then(|| {
                let round = |v: f64| crate::text::group_thousands(((v / 100.0).round() * 100.0) as i64);
                if (hi - lo) / lo < 0.05 {
                    format!("~{} nodes", round(lo))
                } else {
                    format!("~{}–{} nodes", round(lo), round(hi))
                }
            })
        });
        self.notice.replace("{cliff}", &cliff.unwrap_or_else(|| "the line".into()))
    }
}

/// A sweep in progress or done: cells fill in row by row.
#[derive(Clone, Debug)]
pub struct Sweep {
    pub x: Axis,
    pub y: Axis,
    pub metric: Metric,
    pub base: Params,
    pub xs: Vec<f64>,
    pub ys: Vec<f64>,
    /// Row-major: cell (i, j) at `j * xs.len() + i`.
    cells: Vec<Option<Summary>>,
    /// The first cell `step` has not passed.
    next: usize,
    /// Cells holding a summary (stepped here or `put` from elsewhere).
    filled: usize,
}

impl PartialEq for Sweep {
    fn eq(&self, o: &Sweep) -> bool {
        self.x == o.x && self.y == o.y && self.metric == o.metric && self.base == o.base && self.next == o.next && self.filled == o.filled
    }
}

impl Sweep {
    pub fn new(x: Axis, y: Axis, metric: Metric, base: Params) -> Result<Sweep, SweepError> {
        if x.name() == y.name() {
            return Err(SweepError::SameAxes(x.name()));
        }
        let names = crate::sim::fleet::names(&base);
        for a in [&x, &y] {
            if let Some(c) = a.cluster().filter(|c| !names.iter().any(|n| n.eq_ignore_ascii_case(c))) {
                return Err(SweepError::NoSuchCluster { axis: a.name(), cluster: c.to_string(), clusters: names });
            }
        }
        let (xs, ys) = (x.values(), y.values());
        let cells = vec![None; xs.len() * ys.len()];
        Ok(Sweep { x, y, metric, base, xs, ys, cells, next: 0, filled: 0 })
    }

    pub fn len(&self) -> usize {
        self.cells.len()
    }
    pub fn is_empty(&self) -> bool {
        self.cells.is_empty()
    }
    pub fn computed(&self) -> usize {
        self.filled
    }
    pub fn done(&self) -> bool {
        self.filled == self.cells.len()
    }
    /// The first cell `step` will look at: cells before it are done.
    pub fn next_cell(&self) -> usize {
        self.next
    }

    /// The parameters of cell (i, j): the base with x and y set through the schema.
    pub fn params_at(&self, i: usize, j: usize) -> Params {
        let mut p = self.base.clone();
        self.x.apply(&mut p, self.xs[i]);
        self.y.apply(&mut p, self.ys[j]);
        p
    }

    /// Simulates up to `n` more cells in order, skipping cells already `put`; true when the
    /// sweep is complete.
    pub fn step(&mut self, n: usize) -> bool {
        let nx = self.xs.len();
        let mut left = n;
        while left > 0 && self.next < self.cells.len() {
            let k = self.next;
            if self.cells[k].is_none() {
                self.cells[k] = Some(simulate_summary(&self.params_at(k % nx, k / nx)));
                self.filled += 1;
                left -= 1;
            }
            self.next += 1;
        }
        while self.next < self.cells.len() && self.cells[self.next].is_some() {
            self.next += 1;
        }
        self.done()
    }

    /// Stores cell `k` (row-major, `j * nx + i`) computed elsewhere — the app's Web Worker runs
    /// the same `simulate_summary` on `params_at` — unless it holds a summary already.
    pub fn put(&mut self, k: usize, summary: Summary) {
        if let Some(slot @ None) = self.cells.get_mut(k) {
            *slot = Some(summary);
            self.filled += 1;
        }
    }

    pub fn summary(&self, i: usize, j: usize) -> Option<&Summary> {
        self.cells.get(j * self.xs.len() + i)?.as_ref()
    }

    /// The metric at (i, j); `None` where the cell is not computed yet or the event never happens.
    pub fn value(&self, i: usize, j: usize) -> Option<f64> {
        self.summary(i, j).and_then(self.metric.read)
    }

    /// Did a production control plane fall in cell (i, j)?
    pub fn fell(&self, i: usize, j: usize) -> Option<bool> {
        self.summary(i, j).map(|s| s.control_plane_down_min.is_some())
    }

    /// Cell edges where the control plane goes from holding to falling: the cliff, as
    /// ((i, j), (i2, j2)) pairs of neighbouring cells.
    pub fn boundary(&self) -> Vec<((usize, usize), (usize, usize))> {
        let (nx, ny) = (self.xs.len(), self.ys.len());
        let mut out = Vec::new();
        for j in 0..ny {
            for i in 0..nx {
                let here = self.fell(i, j);
                if i + 1 < nx && here.is_some() && self.fell(i + 1, j).is_some() && here != self.fell(i + 1, j) {
                    out.push(((i, j), (i + 1, j)));
                }
                if j + 1 < ny && here.is_some() && self.fell(i, j + 1).is_some() && here != self.fell(i, j + 1) {
                    out.push(((i, j), (i, j + 1)));
                }
            }
        }
        out
    }

    /// The finite metric values' range, for the colour scale.
    pub fn range(&self) -> Option<(f64, f64)> {
        let mut it = (0..self.cells.len()).filter_map(|k| self.value(k % self.xs.len(), k / self.xs.len()));
        let first = it.next()?;
        Some(it.fold((first, first), |(lo, hi), v| (lo.min(v), hi.max(v))))
    }

    /// Run every remaining cell on up to `threads` threads (the CLI; the app steps per frame).
    #[cfg(not(target_arch = "wasm32"))]
    pub fn run_all(&mut self, threads: usize) {
        let nx = self.xs.len();
        let start = self.next;
        let todo: Vec<usize> = (start..self.cells.len()).filter(|&k| self.cells[k].is_none()).collect();
        let chunk = todo.len().div_ceil(threads.max(1)).max(1);
        let this = &*self;
        let results: Vec<(usize, Summary)> = std::thread::scope(|s| {
            let handles: Vec<_> = todo
                .chunks(chunk)
                .map(|ks| s.spawn(move || ks.iter().map(|&k| (k, simulate_summary(&this.params_at(k % nx, k / nx)))).collect::<Vec<_>>()))
                .collect();
            handles.into_iter().flat_map(|h| h.join().expect("a sweep thread panicked")).collect()
        });
        for (k, s) in results {
            self.put(k, s);
        }
        self.next = self.cells.len();
    }

    /// `{"x": {"key", "values"}, "y": {…}, "metric", "values": [[…]]}`, `values[j][i]`, null
    /// where the event never happens.
    pub fn to_json(&self) -> String {
        #[derive(Serialize)]
        struct AxisOut<'a> {
            key: String,
            values: &'a [f64],
            log: bool,
        }
        #[derive(Serialize)]
        struct Out<'a> {
            x: AxisOut<'a>,
            y: AxisOut<'a>,
            metric: &'a str,
            values: Vec<Vec<Option<f64>>>,
        }
        let out = Out {
            x: AxisOut { key: self.x.name(), values: &self.xs, log: self.x.log },
            y: AxisOut { key: self.y.name(), values: &self.ys, log: self.y.log },
            metric: self.metric.key,
            values: (0..self.ys.len()).map(|j| (0..self.xs.len()).map(|i| self.value(i, j)).collect()).collect(),
        };
        serde_json::to_string(&out).unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"))
    }
}
