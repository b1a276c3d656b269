//! `cascade check`: every cluster's verdict in one run, and its margins — the agent cost, poll
//! interval and node count at which it would fall — found by bisection with whole runs
//! (`simulate_outcome`), so a margin is what `cascade run` gives at that value, and the
//! assumptions each verdict depends on (`band::depends`, this module's child: it searches with
//! the same grid and bisection). Pure; natively tested.
//!
//! Margins are searched on a grid of three-significant-figure values (cost 0.100 … 10.0, nodes
//! 1 … 100,000): what is reported is the largest tested value that holds and the smallest that
//! falls, adjacent on the grid, each the exact value of a run a reader can repeat.

pub mod band;

use crate::sim::fleet::{self, Fleet};
use crate::sim::{simulate_outcome, ClusterInfo, Params, Summary, Verdict};
use band::Depends;
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
    /// At `falls` the control plane crash-loops (its replicas keep OOM-restarting) rather than
    /// falls: where the loop begins.
    pub loops: bool,
}

/// The poll interval's margin in whole seconds within the `poll` parameter's range (10 – 300 s),
/// each value a run: the cluster falls polling every `falls_at_or_below_s` seconds (and, as the
/// load is cost ÷ poll, more often) and holds at `holds_at_or_above_s`. `holds` alone (at 10 s):
/// it holds at every poll; `falls` alone (at 300 s): it falls even at the slowest poll.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PollMargin {
    pub falls_at_or_below_s: Option<u32>,
    pub holds_at_or_above_s: Option<u32>,
    /// At `falls_at_or_below_s` the replicas crash-loop rather than fall.
    pub loops: bool,
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
    /// With margins: the assumptions whose plausible range changes whether it falls, the one
    /// it depends on most first (`band::depends`).
    pub depends: Vec<Depends>,
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
pub(crate) fn search(n: usize, hint: Option<(usize, bool)>, mut fell: impl FnMut(usize) -> bool) -> (Option<usize>, Option<usize>) {
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

/// The bracket `search` found on `values`; `loops_at(k)`: whether the cluster crash-loops
/// (rather than falls) at index `k`, a run already made.
pub(crate) fn bracket(values: &[f64], range: (f64, f64), found: (Option<usize>, Option<usize>), loops_at: impl Fn(usize) -> bool) -> Bracket {
    Bracket { holds: found.0.map(|i| values[i]), falls: found.1.map(|i| values[i]), range, loops: found.1.is_some_and(loops_at) }
}

/// Crash-looping, not fallen (OOM restarts while those up still serve).
pub(crate) fn loops(c: &ClusterInfo) -> bool {
    c.fell_min.is_none() && c.crash_looping_min.is_some()
}

pub(crate) fn fell(c: &ClusterInfo) -> bool {
    c.fell_min.is_some() || c.crash_looping_min.is_some()
}

/// `p` with its fleet written out at the sizes it runs (the built-in one too), so one cluster's
/// nodes can change: `agents` follows the largest, and nothing else moves.
fn described(p: &Params) -> Params {
    let mut q = p.clone();
    let f = Fleet::as_run(p);
    q.set_fleet(Some(f));
    q
}

pub(crate) fn with_nodes(base: &Params, i: usize, nodes: u32) -> Params {
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
        crate::sim::fails(&with_nodes(base, i, values[k] as u32), i)
    };
    let hint = match guess.map(|g| values.partition_point(|&v| v < g).min(values.len() - 1)) {
        Some(k) if values[k] != n => (k, fell_at(k)),
        _ => (values.partition_point(|&v| v < n).min(values.len() - 1), current.1),
    };
    // The current size need not be on the grid: it is only a hint when it is.
    let hint = if values[hint.0] == n || guess.is_some() { Some(hint) } else { None };
    let found = search(values.len(), hint, fell_at);
    // Whether the margin begins a loop or a fall: one whole run at the falling value (the
    // searches' runs stop at the moment the cluster fails).
    bracket(&values, NODES_RANGE, found, |k| {
        runs.fetch_add(1, Ordering::Relaxed);
        loops(&simulate_outcome(&with_nodes(base, i, values[k] as u32)).1[i])
    })
}

/// Whether `check` searches each cluster's margins (hundreds of runs) or gives verdicts alone.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Search {
    /// Verdicts and margins (and what each verdict depends on).
    Margins,
    /// The verdicts of the one run.
    VerdictsOnly,
}

/// Every cluster's verdict in `p`'s run, and with `Search::Margins` each one's cost, poll and
/// node margins, computed on `threads` threads (clusters in parallel; the cost runs are shared).
pub fn check(p: &Params, search: Search, threads: usize) -> Check {
    let (summary, infos) = simulate_outcome(p);
    let runs = AtomicUsize::new(1);
    let mut clusters: Vec<ClusterCheck> = infos
        .iter()
        .map(|c| ClusterCheck {
            name: c.name.clone(),
            nodes: c.nodes,
            staging: c.staging,
            verdict: c.verdict(),
            landed: c.landed_min.is_some(),
            margins: None,
            depends: Vec::new(),
        })
        .collect();
    if search == Search::Margins {
        let found = all_margins(p, &infos, threads, &runs);
        let depends = band::depends(p, &infos, threads, &runs);
        for ((c, m), d) in clusters.iter_mut().zip(found).zip(depends) {
            c.margins = Some(m);
            c.depends = d;
        }
    }
    Check { clusters, summary, runs: runs.load(Ordering::Relaxed) }
}

/// Whole runs at the values of one fleet-wide key (a cost, a poll), shared between the clusters'
/// searches: one run gives every cluster's outcome. The run as given seeds it.
struct SharedRuns<'a> {
    /// Per value run: each cluster's (falls or crash-loops, crash-loops).
    cache: Mutex<BTreeMap<usize, Vec<(bool, bool)>>>,
    runs: &'a AtomicUsize,
}

impl<'a> SharedRuns<'a> {
    fn new(runs: &'a AtomicUsize, known: Option<(usize, &[ClusterInfo])>) -> SharedRuns<'a> {
        SharedRuns { cache: Mutex::new(known.into_iter().map(|(k, c)| (k, outcomes(c))).collect()), runs }
    }

    /// Whether cluster `i` falls at value `k` (the run `params` makes, once for every cluster).
    fn fell(&self, k: usize, i: usize, params: impl FnOnce() -> Params) -> bool {
        if let Some(v) = self.cache.lock().ok().and_then(|c| c.get(&k).map(|v| v[i].0)) {
            return v;
        }
        self.runs.fetch_add(1, Ordering::Relaxed);
        let v = outcomes(&simulate_outcome(&params()).1);
        let out = v[i].0;
        self.cache.lock().map(|mut c| c.insert(k, v)).ok();
        out
    }

    /// Whether cluster `i` crash-loops at value `k`, a run already made.
    fn loops(&self, k: usize, i: usize) -> bool {
        self.cache.lock().ok().and_then(|c| c.get(&k).map(|v| v[i].1)).unwrap_or(false)
    }
}

fn outcomes(c: &[ClusterInfo]) -> Vec<(bool, bool)> {
    c.iter().map(|c| (fell(c), loops(c))).collect()
}

fn all_margins(p: &Params, infos: &[ClusterInfo], threads: usize, runs: &AtomicUsize) -> Vec<Margins> {
    let n = infos.len();
    let costs = grid(COST_RANGE.0, COST_RANGE.1);
    let at_cost = SharedRuns::new(runs, on_grid(&costs, p.cost).map(|k| (k, infos)));
    let cost_margins = in_parallel(n, threads, |i| {
        let hint = on_grid(&costs, p.cost).map(|k| (k, fell(&infos[i])));
        let found = search(costs.len(), hint, |k| at_cost.fell(k, i, || Params { cost: costs[k], ..p.clone() }));
        bracket(&costs, COST_RANGE, found, |k| at_cost.loops(k, i))
    });
    let polls = poll_values();
    let at_poll = SharedRuns::new(runs, polls.iter().position(|&v| v == p.poll).map(|k| (k, infos)));
    // `poll` moves only calls that poll at it (no interval of their own, not an informer).
    let polls_apply = p.agent.as_ref().is_none_or(|a| a.calls.iter().any(|c| !c.watch && c.every_s.is_none()));
    let poll_margins = in_parallel(n, threads, |i| {
        if polls_apply {
            let mut m = poll_margin(p, &cost_margins[i], |k| at_poll.fell(k, i, || Params { poll: polls[k], ..p.clone() }));
            m.loops = m.falls_at_or_below_s.and_then(|f| polls.iter().position(|&v| v == f)).is_some_and(|k| at_poll.loops(k, i));
            m
        } else {
            PollMargin { falls_at_or_below_s: None, holds_at_or_above_s: None, loops: false }
        }
    });
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
pub(crate) fn in_parallel<T: Send>(n: usize, threads: usize, job: impl Fn(usize) -> T + Sync) -> Vec<T> {
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
        (true, Some(j)) if !fell_at(j) => return PollMargin { falls_at_or_below_s: Some(polls[k]), holds_at_or_above_s: Some(polls[j]), loops: false },
        (r, _) => (k, r),
    };
    let (holds, falls) = search(polls.len(), Some(hint), fell_at);
    PollMargin { falls_at_or_below_s: falls.map(|i| polls[i]), holds_at_or_above_s: holds.map(|i| polls[i]), loops: false }
}

/// The cluster whose agent load `check` explains: the largest production one.
pub fn largest(p: &Params) -> fleet::Resolved {
    let i = fleet::largest_index(p);
    fleet::resolve(p).swap_remove(i)
}

/// The benchmarks' fleet of 60 clusters (`Fleet::synthetic`: the same in `cargo bench`,
/// `cascade bench` and the browser's `bench_simulate_fleet`).
pub fn sixty_cluster_params() -> Params {
    let mut p = Params::default();
    p.set_fleet(Some(Fleet::synthetic(60)));
    p
}
