//! `cascade check`: every cluster's verdict in one run, and its margins — the agent cost, poll
//! interval and node count at which it would fall — found by bisection with whole runs
//! (`simulate_outcome`), so a margin is what `cascade run` gives at that value. `band` repeats
//! the node margin over each assumption's plausible range. Pure; natively tested.
//!
//! Margins are searched on a grid of three-significant-figure values (cost 0.100 … 10.0, nodes
//! 1 … 100,000): what is reported is the largest tested value that holds and the smallest that
//! falls, adjacent on the grid, each the exact value of a run a reader can repeat.

use crate::sim::fleet::{self, Fleet};
use crate::sim::params::{Key, RetryPolicy};
use crate::sim::{simulate_outcome, ClusterInfo, Params, Summary, Verdict};
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

/// Where a cluster stops holding, between two tested values. `holds`: the largest tested value
/// at which it does not fall (`None`: it falls even at the range's low end); `falls`: the
/// smallest at which it falls (`None`: it holds to the range's top).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Bracket {
    pub holds: Option<f64>,
    pub falls: Option<f64>,
    /// The range searched.
    pub range: (f64, f64),
}

/// The poll interval's margin in whole seconds within the `poll` parameter's range (10 – 300 s),
/// each value a run: the cluster falls polling every `falls_at_or_below_s` seconds (and, as the
/// load is cost ÷ poll, more often) and holds at `holds_at_or_above_s`. `holds` alone (at 10 s):
/// it holds at every poll; `falls` alone (at 300 s): it falls even at the slowest poll.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PollMargin {
    pub falls_at_or_below_s: Option<u32>,
    pub holds_at_or_above_s: Option<u32>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Margins {
    pub cost: Bracket,
    pub poll: PollMargin,
    pub nodes: Bracket,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ClusterCheck {
    pub name: String,
    pub nodes: u32,
    pub staging: bool,
    pub verdict: Verdict,
    /// Whether the agent reached it within the run (a gate may halt the plan first).
    pub landed: bool,
    pub margins: Option<Margins>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Check {
    pub clusters: Vec<ClusterCheck>,
    pub summary: Summary,
    /// Runs simulated for the margins (and bands).
    pub runs: usize,
}

impl Check {
    pub fn any_fell(&self) -> bool {
        self.clusters.iter().any(|c| matches!(c.verdict, Verdict::Fell { .. } | Verdict::CrashLooping { .. }))
    }
    pub fn any_saturated(&self) -> bool {
        self.clusters.iter().any(|c| matches!(c.verdict, Verdict::Saturated { .. }))
    }
}

/// Three-significant-figure values from `lo` to `hi`: 1 … 99 as integers, then 100, 101 … 999,
/// 1,000, 1,010 …; 0.100, 0.101 … 0.999, 1.00, 1.01 …. Each is the double a person typing it
/// gets (m ÷ 10^k is correctly rounded, as parsing "0.123" is).
pub fn grid(lo: f64, hi: f64) -> Vec<f64> {
    let mut out: Vec<f64> = (1..100).map(f64::from).collect();
    for e in -3i32..=3 {
        for m in 100..1000 {
            let m = m as f64;
            out.push(if e < 0 { m / 10f64.powi(-e) } else { m * 10f64.powi(e) });
        }
    }
    out.retain(|&v| v >= lo && v <= hi);
    out.sort_by(f64::total_cmp);
    out.dedup();
    out
}

pub const COST_RANGE: (f64, f64) = (0.1, 10.0);
pub const NODES_RANGE: (f64, f64) = (1.0, 100_000.0);

/// The first index whose value falls, given what is known: `fell(i)` is assumed false below
/// some index and true from it on. Starts at `hint` (a value already known to hold or fall)
/// and gallops outward before bisecting, so a margin near the current value costs few runs.
fn search(n: usize, hint: Option<(usize, bool)>, mut fell: impl FnMut(usize) -> bool) -> (Option<usize>, Option<usize>) {
    // (holds, falls): the largest index known to hold, the smallest known to fall.
    let (mut lo, mut hi): (Option<usize>, Option<usize>) = (None, None);
    match hint {
        Some((h, true)) => hi = Some(h),
        Some((h, false)) => lo = Some(h),
        None => {}
    }
    let mut step = 16usize;
    while lo.is_none() || hi.is_none() {
        let i = match (lo, hi) {
            (None, Some(0)) => return (None, Some(0)),
            (None, Some(h)) => h.saturating_sub(step),
            (Some(l), None) if l == n - 1 => return (Some(n - 1), None),
            (Some(l), None) => (l + step).min(n - 1),
            _ => n / 2,
        };
        step *= 2;
        if fell(i) {
            hi = Some(i);
        } else {
            lo = Some(i);
        }
    }
    let (mut l, mut h) = (lo.unwrap_or(0), hi.unwrap_or(n - 1));
    while h > l + 1 {
        let m = l + (h - l) / 2;
        if fell(m) {
            h = m;
        } else {
            l = m;
        }
    }
    (Some(l), Some(h))
}

fn bracket(values: &[f64], range: (f64, f64), found: (Option<usize>, Option<usize>)) -> Bracket {
    Bracket { holds: found.0.map(|i| values[i]), falls: found.1.map(|i| values[i]), range }
}

fn fell(c: &ClusterInfo) -> bool {
    c.fell_min.is_some() || c.crash_looping_min.is_some()
}

/// `p` with its fleet written out at the sizes it runs (the built-in one too), so one cluster's
/// nodes can change: `agents` follows the largest, and nothing else moves.
fn described(p: &Params) -> Params {
    let mut q = p.clone();
    let f = crate::formats::fleet_file::fleet_as_run(p);
    q.set_fleet(Some(f));
    q
}

fn with_nodes(base: &Params, i: usize, nodes: u32) -> Params {
    let mut q = base.clone();
    let mut f: Fleet = q.fleet.clone().unwrap_or_default();
    f.clusters[i].nodes = nodes;
    q.set_fleet(Some(f));
    q
}

/// The index of `v` on `values` when it is one of them.
fn on_grid(values: &[f64], v: f64) -> Option<usize> {
    values.iter().position(|&x| x == v)
}

/// Node margin of cluster `i` of `base` (a described fleet), starting from a guess: its current
/// size, or where its cost margin says the cliff is (the agent's load and what a LIST holds
/// both grow as nodes × pods, times the agents on the nodes: nodes²).
fn nodes_margin(base: &Params, i: usize, current: (u32, bool), cost: Option<&Bracket>, runs: &AtomicUsize) -> Bracket {
    let values = grid(NODES_RANGE.0, NODES_RANGE.1);
    let n = current.0 as f64;
    let guess = cost.and_then(|b| match (b.holds, b.falls) {
        (_, Some(f)) => Some(n * (f / base.cost).sqrt()),
        (Some(h), None) => Some(n * (h / base.cost).sqrt()),
        (None, None) => None,
    });
    let fell_at = |k: usize| {
        runs.fetch_add(1, Ordering::Relaxed);
        fell(&simulate_outcome(&with_nodes(base, i, values[k] as u32)).1[i])
    };
    let hint = match guess.map(|g| values.partition_point(|&v| v < g).min(values.len() - 1)) {
        Some(k) if values[k] != n => (k, fell_at(k)),
        _ => (values.partition_point(|&v| v < n).min(values.len() - 1), current.1),
    };
    // The current size need not be on the grid: it is only a hint when it is.
    let hint = if values[hint.0] == n || guess.is_some() { Some(hint) } else { None };
    bracket(&values, NODES_RANGE, search(values.len(), hint, fell_at))
}

/// Every cluster's verdict in `p`'s run, and with `margins` each one's cost, poll and node
/// margins, computed on `threads` threads (clusters in parallel; the cost runs are shared).
pub fn check(p: &Params, margins: bool, threads: usize) -> Check {
    let (summary, infos) = simulate_outcome(p);
    let runs = AtomicUsize::new(1);
    let mut clusters: Vec<ClusterCheck> = infos
        .iter()
        .map(|c| ClusterCheck { name: c.name.clone(), nodes: c.nodes, staging: c.staging, verdict: c.verdict(), landed: c.landed_min.is_some(), margins: None })
        .collect();
    if margins {
        let found = all_margins(p, &infos, threads, &runs);
        for (c, m) in clusters.iter_mut().zip(found) {
            c.margins = Some(m);
        }
    }
    Check { clusters, summary, runs: runs.load(Ordering::Relaxed) }
}

/// Whole runs at the values of one fleet-wide key (a cost, a poll), shared between the clusters'
/// searches: one run gives every cluster's outcome. The run as given seeds it.
struct SharedRuns<'a> {
    cache: Mutex<BTreeMap<usize, Vec<bool>>>,
    runs: &'a AtomicUsize,
}

impl<'a> SharedRuns<'a> {
    fn new(runs: &'a AtomicUsize, known: Option<(usize, Vec<bool>)>) -> SharedRuns<'a> {
        SharedRuns { cache: Mutex::new(known.into_iter().collect()), runs }
    }

    /// Which clusters fall at value `k` (the run `params` makes, once).
    fn fell(&self, k: usize, params: impl FnOnce() -> Params) -> Vec<bool> {
        if let Some(v) = self.cache.lock().ok().and_then(|c| c.get(&k).cloned()) {
            return v;
        }
        self.runs.fetch_add(1, Ordering::Relaxed);
        let v: Vec<bool> = simulate_outcome(&params()).1.iter().map(fell).collect();
        self.cache.lock().map(|mut c| c.insert(k, v.clone())).ok();
        v
    }
}

fn all_margins(p: &Params, infos: &[ClusterInfo], threads: usize, runs: &AtomicUsize) -> Vec<Margins> {
    let n = infos.len();
    let costs = grid(COST_RANGE.0, COST_RANGE.1);
    let at_cost = SharedRuns::new(runs, on_grid(&costs, p.cost).map(|k| (k, infos.iter().map(fell).collect())));
    let cost_margins = in_parallel(n, threads, |i| {
        let hint = on_grid(&costs, p.cost).map(|k| (k, fell(&infos[i])));
        bracket(&costs, COST_RANGE, search(costs.len(), hint, |k| at_cost.fell(k, || Params { cost: costs[k], ..p.clone() })[i]))
    });
    let polls = poll_values();
    let at_poll = SharedRuns::new(runs, polls.iter().position(|&v| v == p.poll).map(|k| (k, infos.iter().map(fell).collect())));
    let poll_margins = in_parallel(n, threads, |i| poll_margin(p, &cost_margins[i], |k| at_poll.fell(k, || Params { poll: polls[k], ..p.clone() })[i]));
    let base = described(p);
    let nodes = in_parallel(n, threads, |i| nodes_margin(&base, i, (infos[i].nodes, fell(&infos[i])), Some(&cost_margins[i]), runs));
    (0..n).map(|i| Margins { cost: cost_margins[i], poll: poll_margins[i], nodes: nodes[i] }).collect()
}

/// Every whole-second poll the schema allows, slowest first (300 … 10): a cluster holds at
/// the start of this order and falls from some index on, as `search` expects.
fn poll_values() -> Vec<u32> {
    let spec = crate::sim::params::Key::poll.spec();
    (spec.min as u32..=spec.max as u32).rev().collect()
}

/// `job(0) … job(n - 1)` on `threads` threads, each taking the next job as it finishes one;
/// one thread runs them in place (the browser build has no threads to spawn).
fn in_parallel<T: Send>(n: usize, threads: usize, job: impl Fn(usize) -> T + Sync) -> Vec<T> {
    if threads <= 1 {
        return (0..n).map(job).collect();
    }
    let slots: Vec<Mutex<Option<T>>> = (0..n).map(|_| Mutex::new(None)).collect();
    let next = AtomicUsize::new(0);
    std::thread::scope(|s| {
        for _ in 0..threads.max(1).min(n.max(1)) {
            s.spawn(|| loop {
                let j = next.fetch_add(1, Ordering::Relaxed);
                if j >= n {
                    break;
                }
                let v = job(j);
                if let Ok(mut slot) = slots[j].lock() {
                    *slot = Some(v);
                }
            });
        }
    });
    slots.into_iter().map(|m| m.into_inner().ok().flatten().expect("every job ran")).collect()
}

/// The poll margin, found by runs: cost ÷ poll is what the model reads, so the cost margin at
/// this poll gives a candidate (poll × cost ÷ the cost margin); runs at the whole seconds
/// around it (`fell_at(k)`: whether the cluster falls polling every `poll_values()[k]` s) find
/// the largest poll that falls and the smallest that holds.
pub fn poll_margin(p: &Params, cost: &Bracket, mut fell_at: impl FnMut(usize) -> bool) -> PollMargin {
    let polls = poll_values();
    let ratio = p.poll as f64 * p.cost;
    // The boundary lies between the polls at which the cost margin's two values would be read.
    let candidate = match (cost.falls, cost.holds) {
        (Some(f), _) => ratio / f,
        (None, Some(h)) => ratio / h,
        (None, None) => p.poll as f64,
    };
    // The largest whole poll at or below the candidate: where the cluster should just fall.
    let k = polls.partition_point(|&v| v as f64 > candidate.floor()).min(polls.len() - 1);
    let hint = match (fell_at(k), k.checked_sub(1)) {
        // It falls there and holds one second slower: the margin, in two runs.
        (true, Some(j)) if !fell_at(j) => return PollMargin { falls_at_or_below_s: Some(polls[k]), holds_at_or_above_s: Some(polls[j]) },
        (r, _) => (k, r),
    };
    let (holds, falls) = search(polls.len(), Some(hint), fell_at);
    PollMargin { falls_at_or_below_s: falls.map(|i| polls[i]), holds_at_or_above_s: holds.map(|i| polls[i]) }
}

/// One assumption's plausible range, as `--band` varies it.
#[derive(Clone, Debug, PartialEq)]
pub struct Assumed {
    pub key: &'static str,
    /// The values tried, as the parameter's text.
    pub values: Vec<String>,
    pub why: &'static str,
}

/// What `--band` varies, one at a time, everything else as given.
pub fn band_ranges() -> Vec<Assumed> {
    let v = |xs: &[&str]| xs.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    vec![
        Assumed { key: "object_kb", values: v(&["2", "5", "10"]), why: "memory a listed pod holds in flight (pods are 1–20 KB)" },
        Assumed { key: "apiserver_mem_gb", values: v(&["32", "64", "128"]), why: "memory per API server replica for LIST responses" },
        Assumed { key: "coredns_restart_min", values: v(&["0", "3", "10"]), why: "how often CoreDNS restarts without the API (0: never)" },
        Assumed {
            key: "retry",
            values: RetryPolicy::NAMES.iter().map(|s| s.to_string()).collect(),
            why: "retry amplification (client-go, jittered, budget, none)",
        },
    ]
}

/// One cluster over one assumption's range: its verdict and node margin at each value.
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
        let lo = falls.iter().flatten().copied().fold(None, |a: Option<f64>, x| Some(a.map_or(x, |a| a.min(x))));
        let hi = if falls.iter().any(Option::is_none) {
            None
        } else {
            falls.iter().flatten().copied().fold(None, |a: Option<f64>, x| Some(a.map_or(x, |a| a.max(x))))
        };
        (lo, hi)
    }
}

/// Every cluster's verdict and node margin at each value of each assumption's range.
pub fn band(p: &Params, threads: usize) -> (Vec<BandRow>, usize) {
    let runs = AtomicUsize::new(0);
    let mut variants: Vec<(&'static str, String, Params)> = Vec::new();
    for a in band_ranges() {
        for v in &a.values {
            let mut q = p.clone();
            if q.set_text(a.key, v).is_ok() {
                variants.push((a.key, v.clone(), q));
            }
        }
    }
    let outcomes: Vec<Vec<ClusterInfo>> = variants.iter().map(|(_, _, q)| simulate_outcome(q).1).collect();
    runs.fetch_add(variants.len(), Ordering::Relaxed);
    let n = outcomes.first().map_or(0, Vec::len);
    let jobs: Vec<(usize, usize)> = (0..variants.len()).flat_map(|v| (0..n).map(move |i| (v, i))).collect();
    let bases: Vec<Params> = variants.iter().map(|(_, _, q)| described(q)).collect();
    let got = in_parallel(jobs.len(), threads, |j| {
        let (v, i) = jobs[j];
        let info = &outcomes[v][i];
        nodes_margin(&bases[v], i, (info.nodes, fell(info)), None, &runs)
    });
    let mut rows: Vec<BandRow> = Vec::new();
    for (j, &(v, i)) in jobs.iter().enumerate() {
        let (key, value, _) = &variants[v];
        let b = got[j];
        let entry = (value.clone(), outcomes[v][i].verdict(), b);
        match rows.iter_mut().find(|r| r.cluster == i && r.key == *key) {
            Some(r) => r.at.push(entry),
            None => rows.push(BandRow { cluster: i, key, at: vec![entry] }),
        }
    }
    rows.sort_by_key(|r| r.cluster);
    (rows, runs.load(Ordering::Relaxed))
}

/// The cluster whose agent load `check` explains: the largest production one.
pub fn largest(p: &Params) -> fleet::Resolved {
    let i = fleet::largest_index(p);
    fleet::resolve(p).swap_remove(i)
}

/// The schema keys whose values decide verdicts, as `check` states them.
pub const DECIDING: &[Key] = &[Key::apiserver_mem_gb, Key::object_kb, Key::coredns_restart_min, Key::retry, Key::watch_cache, Key::cost, Key::poll];

/// The benchmarks' fleet of 60 clusters (`Fleet::synthetic`: the same in `cargo bench`,
/// `cascade bench` and the browser's `bench_simulate_fleet`).
pub fn sixty_cluster_params() -> Params {
    let mut p = Params::default();
    p.set_fleet(Some(Fleet::synthetic(60)));
    p
}
