//! What a verdict depends on: each deciding assumption over its plausible range, one at a time,
//! everything else as given. `depends` re-runs the whole fleet at each value (one run per
//! value) and names, per cluster, the assumptions that change its verdict, the one that changes
//! it over most of its range first; `band` (`cascade check --band`) adds each cluster's node
//! cliff at each value, found with the cluster run alone (one cluster per run, so the band is
//! O(values × clusters) runs of one cluster, not of the whole fleet).
//!
//! Memory and CPU cores vary as multiples of every cluster's value, its own included; the other
//! assumptions are fleet-wide values (a cluster that sets its own watch cache or LIST seats
//! keeps it: that is its version, not an assumption).

use super::{bracket, fell, grid, in_parallel, loops, search, with_nodes, Bracket, NODES_RANGE};
use crate::sim::fleet::Fleet;
use crate::sim::params::{Key, Rollout};
use crate::sim::{simulate_outcome, ClusterInfo, Params, Verdict};
use std::sync::atomic::{AtomicUsize, Ordering};

/// How an assumption's values apply.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Vary {
    /// The fleet-wide value is set to it.
    Set,
    /// Every cluster's value (the fleet-wide one and each cluster's own) is multiplied by it.
    Scale,
}

/// One assumption's plausible range, as `depends` and `--band` vary it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Assumed {
    pub key: &'static str,
    pub vary: Vary,
    pub values: &'static [&'static str],
    pub why: &'static str,
}

/// Every deciding assumption, in the order `check` names them on a tie.
pub const ASSUMED: &[Assumed] = &[
    Assumed { key: "apiserver_mem_gb", vary: Vary::Scale, values: &["0.5", "1", "2"], why: "memory per API server, every cluster's (its own too)" },
    Assumed { key: "object_kb", vary: Vary::Set, values: &["3", "6", "12"], why: "a listed pod's size: what a LIST holds in flight (pods are 1–20 KB)" },
    Assumed {
        key: "list_cpu_x",
        vary: Vary::Set,
        values: &["0.5", "1", "2"],
        why: "a LIST's CPU per object (etcd read, cache scan, encoding), × the benchmarks'",
    },
    Assumed { key: "cores", vary: Vary::Scale, values: &["0.5", "1", "2"], why: "CPU cores per API server, every cluster's (its own too)" },
    Assumed { key: "watch_cache", vary: Vary::Set, values: &["false", "true"], why: "the agent's LISTs from the watch cache: no etcd read" },
    Assumed { key: "list_seats", vary: Vary::Set, values: &["1", "10", "100"], why: "most APF seats a LIST costs (before 1.23, 1.23+, 1.34+)" },
    Assumed { key: "informers_x", vary: Vary::Set, values: &["1", "2", "4"], why: "the cluster's own informers, × a stock cluster's (operators add theirs)" },
    Assumed { key: "retry", vary: Vary::Set, values: &["client-go", "jittered", "budget", "none"], why: "how clients retry and relist" },
    Assumed { key: "coredns_restart_min", vary: Vary::Set, values: &["0", "3", "10"], why: "how often CoreDNS restarts without the API (0: never)" },
];

impl Assumed {
    /// A value as people read it: `×2` for a multiple.
    pub fn label(&self, value: &str) -> String {
        match self.vary {
            Vary::Set => value.to_string(),
            Vary::Scale => format!("×{value}"),
        }
    }

    /// The label for `value` applied to `p`: a multiple that its parameter's range cut short for
    /// some cluster says so (`×2, capped at 1024`).
    pub fn label_for(&self, p: &Params, value: &str) -> String {
        let capped = match (self.vary, Key::from_name(self.key), value.parse::<f64>()) {
            (Vary::Scale, Some(key), Ok(m)) => {
                let spec = key.spec();
                let own = p.fleet.iter().flat_map(|f| f.clusters.iter()).filter_map(|c| c.field(key));
                std::iter::once(p.value(self.key)).chain(own).any(|v| spec.clamp(v * m) != v * m)
            }
            _ => false,
        };
        if capped {
            let spec = Key::from_name(self.key).map(|k| k.spec());
            format!("{}, capped at {}", self.label(value), spec.map_or(String::new(), |s| s.display(s.max)))
        } else {
            self.label(value)
        }
    }

    /// `p` with this assumption at `value` (`None` if the value does not apply).
    pub fn apply(&self, p: &Params, value: &str) -> Option<Params> {
        let mut q = p.clone();
        match self.vary {
            Vary::Set => q.set_text(self.key, value).ok()?,
            Vary::Scale => {
                let m: f64 = value.parse().ok()?;
                let key = Key::from_name(self.key)?;
                q.set_value(self.key, key.spec().clamp(p.value(self.key) * m));
                for c in q.fleet.iter_mut().flat_map(|f| f.clusters.iter_mut()) {
                    if let Some(own) = c.field(key) {
                        c.set_field(key, Some(own * m));
                    }
                }
            }
        }
        Some(q)
    }

    /// Whether `value` is what `p` already has (its run is the base run).
    fn is_base(&self, p: &Params, value: &str) -> bool {
        match self.vary {
            Vary::Scale => value == "1",
            Vary::Set => self.apply(p, value).is_some_and(|q| q == *p),
        }
    }
}

/// One assumption's values for one cluster: the cluster's verdict in the whole fleet's run at
/// each value.
#[derive(Clone, Debug, PartialEq)]
pub struct Depends {
    pub key: &'static str,
    /// Each value (as labelled) with the verdict at it.
    pub at: Vec<(String, Verdict)>,
    /// How many of its values change whether the cluster falls (or crash-loops).
    pub flips: usize,
}

/// The whole fleet at every value of every assumption: `(assumption, value, clusters)`, the
/// base run's clusters reused where a value is the run's own.
fn variants(p: &Params, base: &[ClusterInfo], threads: usize, runs: &AtomicUsize) -> Vec<(usize, &'static str, Vec<ClusterInfo>)> {
    let jobs: Vec<(usize, &'static str)> = ASSUMED.iter().enumerate().flat_map(|(a, x)| x.values.iter().map(move |v| (a, *v))).collect();
    let got = in_parallel(jobs.len(), threads, |j| {
        let (a, v) = jobs[j];
        let x = &ASSUMED[a];
        if x.is_base(p, v) {
            return Some(base.to_vec());
        }
        let q = x.apply(p, v)?;
        runs.fetch_add(1, Ordering::Relaxed);
        Some(simulate_outcome(&q).1)
    });
    jobs.into_iter().zip(got).filter_map(|((a, v), g)| g.map(|g| (a, v, g))).collect()
}

/// Per cluster, the assumptions whose range changes whether it falls, most values first (ties
/// in `ASSUMED` order); `runs` counts the runs made.
pub fn depends(p: &Params, base: &[ClusterInfo], threads: usize, runs: &AtomicUsize) -> Vec<Vec<Depends>> {
    let all = variants(p, base, threads, runs);
    (0..base.len())
        .map(|i| {
            let here = fell(&base[i]);
            let mut out: Vec<Depends> = Vec::new();
            for (a, x) in ASSUMED.iter().enumerate() {
                let at: Vec<(String, Verdict)> = all.iter().filter(|(k, _, _)| *k == a).map(|(_, v, c)| (x.label_for(p, v), c[i].verdict())).collect();
                let flips = all.iter().filter(|(k, _, c)| *k == a && fell(&c[i]) != here).count();
                if flips > 0 {
                    out.push(Depends { key: x.key, at, flips });
                }
            }
            out.sort_by_key(|d| std::cmp::Reverse(d.flips));
            out
        })
        .collect()
}

/// One cluster over one assumption's range: its verdict (the whole fleet's run) and its node
/// cliff (the cluster run alone) at each value.
#[derive(Clone, Debug, PartialEq)]
pub struct BandRow {
    pub cluster: usize,
    pub key: &'static str,
    pub at: Vec<(String, Verdict, Bracket)>,
}

impl BandRow {
    /// The smallest and largest node count at which it falls over the range (`None` where it
    /// holds to the top of the node range).
    pub fn falls_between(&self) -> (Option<f64>, Option<f64>) {
        let falls: Vec<Option<f64>> = self.at.iter().map(|(_, _, b)| b.falls).collect();
        let lo = falls.iter().flatten().copied().reduce(f64::min);
        let hi = if falls.iter().any(Option::is_none) { None } else { falls.iter().flatten().copied().reduce(f64::max) };
        (lo, hi)
    }
}

/// Cluster `i` of `q` run alone, as the whole fleet's run sizes it: its own settings, the
/// fleet-wide ones, a plan of one (it gets the agent at T).
fn alone(q: &Params, i: usize) -> Params {
    let mut r = q.clone();
    let mut c = crate::sim::fleet::Fleet::as_run(q).clusters.swap_remove(i);
    c.wave = 0;
    c.at = None;
    c.staging = false;
    r.plan = None;
    r.rollout = Rollout::Fleet;
    r.set_fleet(Some(Fleet { clusters: vec![c] }));
    r
}

/// The node cliff of `one` (a fleet of one cluster), searched from grid index `start`.
fn cliff(one: &Params, start: usize, runs: &AtomicUsize) -> Bracket {
    let values = grid(NODES_RANGE.0, NODES_RANGE.1);
    let at = |k: usize| with_nodes(one, 0, values[k] as u32);
    let fell_at = |k: usize| {
        runs.fetch_add(1, Ordering::Relaxed);
        crate::sim::fails(&at(k), 0)
    };
    let hint = Some((start, fell_at(start)));
    let found = search(values.len(), hint, fell_at);
    bracket(&values, NODES_RANGE, found, |k| {
        runs.fetch_add(1, Ordering::Relaxed);
        loops(&simulate_outcome(&at(k)).1[0])
    })
}

/// Every cluster's verdict (whole runs) and node cliff (run alone) at each value of each
/// assumption; the runs made.
pub fn band(p: &Params, threads: usize) -> (Vec<BandRow>, usize) {
    let runs = AtomicUsize::new(1);
    let base = simulate_outcome(p).1;
    let all = variants(p, &base, threads, &runs);
    let values = grid(NODES_RANGE.0, NODES_RANGE.1);
    let n = base.len();
    // One job per (assumption, cluster): its values in order, each search starting from the
    // last value's cliff (neighbouring values move it a little).
    let jobs: Vec<(usize, usize)> = (0..ASSUMED.len()).flat_map(|a| (0..n).map(move |i| (a, i))).collect();
    let got = in_parallel(jobs.len(), threads, |j| {
        let (a, i) = jobs[j];
        let x = &ASSUMED[a];
        let mut last: Option<Bracket> = None;
        let mut at = Vec::new();
        for (_, v, clusters) in all.iter().filter(|(k, _, _)| *k == a) {
            let Some(q) = x.apply(p, v) else { continue };
            let one = alone(&q, i);
            let near = last.and_then(|b| b.falls).unwrap_or(clusters[i].nodes as f64);
            let b = cliff(&one, values.partition_point(|&x| x < near).min(values.len() - 1), &runs);
            last = Some(b);
            at.push((x.label_for(p, v), clusters[i].verdict(), b));
        }
        BandRow { cluster: i, key: x.key, at }
    });
    let mut rows = got;
    rows.sort_by_key(|r| r.cluster);
    (rows, runs.load(Ordering::Relaxed))
}
