//! Two-parameter sweeps: every cell a whole simulation, so the cliff draws itself. Pure and
//! shared by the app's sweep view (computed a few cells per frame) and `cascade sweep`; the
//! same sweep gives the same numbers in both.

use crate::sim::{params, simulate_summary, Kind, Params, Summary};
use serde::Serialize;

/// The most cells along one axis (64 × 64 = 4,096 runs, a few seconds).
pub const MAX_STEPS: usize = 64;

/// A swept parameter: `KEY=FROM..TO:STEPS[:log]`.
#[derive(Clone, Debug, PartialEq)]
pub struct Axis {
    pub key: &'static str,
    pub from: f64,
    pub to: f64,
    pub steps: usize,
    pub log: bool,
}

impl Axis {
    pub fn new(key: &str, from: f64, to: f64, steps: usize, log: bool) -> Result<Axis, String> {
        let spec = params::spec(key).ok_or_else(|| format!("sweep: unknown parameter '{key}' (numeric keys: {})", numeric_keys().join(", ")))?;
        if !matches!(spec.kind, Kind::Int | Kind::Float) || spec.key == "seed" {
            return Err(format!("sweep: {key} is not a numeric parameter (numeric keys: {})", numeric_keys().join(", ")));
        }
        if !(2..=MAX_STEPS).contains(&steps) {
            return Err(format!("sweep: {key}: {steps} steps; valid: 2 – {MAX_STEPS}"));
        }
        let (from, to) = (spec.clamp(from), spec.clamp(to));
        if from == to {
            return Err(format!("sweep: {key}: the range is empty after clamping to {}", params::range_text(spec)));
        }
        if log && from.min(to) <= 0.0 {
            return Err(format!("sweep: {key}: a log axis needs a range above 0"));
        }
        Ok(Axis { key: spec.key, from, to, steps, log })
    }

    /// `agents=100..100000:32:log`
    pub fn parse(text: &str) -> Result<Axis, String> {
        let bad = || format!("sweep: '{text}' is not KEY=FROM..TO:STEPS[:log]");
        let (key, rest) = text.split_once('=').ok_or_else(bad)?;
        let mut parts = rest.split(':');
        let range = parts.next().ok_or_else(bad)?;
        let (from, to) = range.split_once("..").ok_or_else(bad)?;
        let num = |s: &str| params::parse_number(s).filter(|v| v.is_finite()).ok_or_else(bad);
        let steps: usize = parts.next().ok_or_else(bad)?.trim().parse().map_err(|_| bad())?;
        let log = match parts.next() {
            None => false,
            Some("log") => true,
            Some(_) => return Err(bad()),
        };
        if parts.next().is_some() {
            return Err(bad());
        }
        Axis::new(key.trim(), num(from)?, num(to)?, steps, log)
    }

    pub fn to_text(&self) -> String {
        let spec = params::spec(self.key).expect("axis keys come from the schema");
        format!("{}={}..{}:{}{}", self.key, spec.format(self.from), spec.format(self.to), self.steps, if self.log { ":log" } else { "" })
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
    Metric { key: "control_plane_fell", label: "Did the control plane fall", unit: "", read: |s| Some(if s.control_plane_down_min.is_some() { 1.0 } else { 0.0 }) },
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
    pub fn find(key: &str) -> Result<Metric, String> {
        METRICS
            .iter()
            .find(|m| m.key == key.trim())
            .copied()
            .ok_or_else(|| format!("sweep: unknown metric '{key}'; one of {}", METRICS.iter().map(|m| m.key).collect::<Vec<_>>().join(", ")))
    }
}

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
        notice: "The control plane falls past ~2,000 nodes whatever the TTL; the TTL only moves when customers notice.",
    },
    SweepPreset {
        name: "agents-cost",
        x: "agents=100..20000:24:log",
        y: "cost=0.1..10:16:log",
        metric: "control_plane_fell",
        notice: "The cliff is a curve: a cheaper call buys more nodes, but load still grows with nodes².",
    },
    SweepPreset {
        name: "agents-seats",
        x: "agents=100..20000:24:log",
        y: "seats=300..3000:16",
        metric: "impact_min",
        notice: "Ten times the seats moves the cliff less than twice as far: past the seats, API-server memory decides where a control plane falls.",
    },
    SweepPreset {
        name: "ttl-shedding",
        x: "ttl=0..3600:16",
        y: "remediate_after=0..120:16",
        metric: "impact_min",
        notice: "Long caches buy time only if load shedding starts before they drain.",
    },
];

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
    pub fn new(x: Axis, y: Axis, metric: Metric, base: Params) -> Result<Sweep, String> {
        if x.key == y.key {
            return Err(format!("sweep: x and y are both {}", x.key));
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
        p.set_value(self.x.key, self.xs[i]);
        p.set_value(self.y.key, self.ys[j]);
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
            let handles: Vec<_> = todo.chunks(chunk).map(|ks| s.spawn(move || ks.iter().map(|&k| (k, simulate_summary(&this.params_at(k % nx, k / nx)))).collect::<Vec<_>>())).collect();
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
            key: &'a str,
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
            x: AxisOut { key: self.x.key, values: &self.xs, log: self.x.log },
            y: AxisOut { key: self.y.key, values: &self.ys, log: self.y.log },
            metric: self.metric.key,
            values: (0..self.ys.len()).map(|j| (0..self.xs.len()).map(|i| self.value(i, j)).collect()).collect(),
        };
        crate::json::to_string(&out)
    }

    /// One row per cell: x, y, metric (empty where the event never happens).
    pub fn to_csv(&self) -> String {
        let mut out = format!("{},{},{}\n", self.x.key, self.y.key, self.metric.key);
        for j in 0..self.ys.len() {
            for i in 0..self.xs.len() {
                let v = self.value(i, j).map(|v| format!("{v}")).unwrap_or_default();
                out.push_str(&format!("{},{},{v}\n", self.xs[i], self.ys[j]));
            }
        }
        out
    }
}
