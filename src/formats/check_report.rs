//! `cascade check`'s output: a per-cluster table as text, JSON or CSV, with the assumptions that
//! decide the verdicts, the agent's load derivation for the largest cluster and, with `--band`,
//! each cluster's node margin over each assumption's range. Pure.

use crate::analysis::band::{BandRow, Depends, ASSUMED};
use crate::analysis::check::{Bracket, Check, ClusterCheck, PollMargin};
use crate::sim::agent::fmt3;
use crate::sim::model::assumptions;
use crate::sim::model::derive;
use crate::sim::params::RetryPolicy;
use crate::sim::{Params, Verdict};
use crate::text::{group_thousands, t_plus};
use serde_json::{json, Value};

/// How a check ends, for CI: 0 clean, 1 a cluster falls, 3 a cluster saturates (only counted
/// with `fail_on_saturate`).
pub fn exit_code(c: &Check, fail_on_saturate: bool) -> u8 {
    if c.any_fell() {
        1
    } else if fail_on_saturate && c.any_saturated() {
        3
    } else {
        0
    }
}

fn nodes_text(x: f64) -> String {
    group_thousands(x.round() as i64)
}

/// "1 node", "2,500 nodes".
fn nodes(x: f64) -> String {
    crate::text::count(x.round() as i64, "node", "nodes")
}

/// "falls at 1.24× (holds at 1.23×)", "holds to 10.0×", "falls even at 0.100×".
pub fn cost_text(b: &Bracket) -> String {
    match (b.holds, b.falls) {
        (Some(h), Some(f)) => format!("{} at {}× (holds at {}×)", falls_word(b), fmt3(f), fmt3(h)),
        (_, None) => format!("holds to {}×", b.range.1),
        (None, Some(_)) => format!("{} even at {}×", falls_word(b), b.range.0),
    }
}

/// What begins at a margin: a fall, or an OOM loop ("crash-loops").
fn falls_word(b: &Bracket) -> &'static str {
    if b.loops {
        "crash-loops"
    } else {
        "falls"
    }
}

/// The poll margin in whole seconds, each a run: "falls polling every 37 s or less (holds at
/// 38 s)"; beyond the `poll` parameter's range (10 – 300 s), "holds at every poll (10 s or
/// more)" or "falls even at 300 s".
pub fn poll_text(m: &PollMargin) -> String {
    match (m.falls_at_or_below_s, m.holds_at_or_above_s) {
        (Some(f), Some(h)) => format!("{} polling every {f} s or less (holds at {h} s)", if m.loops { "crash-loops" } else { "falls" }),
        (None, Some(h)) => format!("holds at every poll ({h} s or more)"),
        (Some(f), None) => format!("{} even at {f} s", if m.loops { "crash-loops" } else { "falls" }),
        // No call polls at the fleet-wide interval (each has its own, or is an informer).
        (None, None) => "no call polls at --poll".into(),
    }
}

pub fn nodes_margin_text(b: &Bracket) -> String {
    match (b.holds, b.falls) {
        (Some(h), Some(f)) => format!("{} at {} (holds at {})", falls_word(b), nodes(f), nodes_text(h)),
        (_, None) => format!("holds to {}", nodes(b.range.1)),
        (None, Some(_)) => format!("{} even at {} node", falls_word(b), nodes_text(b.range.0)),
    }
}

pub fn verdict_text(v: Verdict) -> String {
    match v.at_min() {
        Some(t) => format!("{} at {}", v.name(), t_plus(t)),
        None => v.name().to_string(),
    }
}

/// The assumptions that decide verdicts, with their values in `p` (the retry line names the
/// run's own policy).
pub fn assumption_lines(p: &Params) -> Vec<String> {
    let mut out = Vec::new();
    // The agent's calibration, then every assumption `--band` varies.
    for a in assumptions(p).iter().filter(|a| a.key.is_some_and(|k| k == "cost" || ASSUMED.iter().any(|x| x.key == k))) {
        let flag = a.key.map(|k| format!(" (--{k})")).unwrap_or_default();
        if a.key == Some("retry") && !matches!(p.retry, RetryPolicy::ClientGo | RetryPolicy::Jittered) {
            out.push(format!("Retry policy: {}{flag}", p.retry));
            continue;
        }
        out.push(format!("{}: {} — {}{flag}", a.what, a.value, a.source));
    }
    out
}

fn summary_line(c: &Check, fail_on_saturate: bool) -> String {
    let fell = c.clusters.iter().filter(|x| matches!(x.verdict, Verdict::Fell { .. } | Verdict::CrashLooping { .. })).count();
    let sat = c.clusters.iter().filter(|x| matches!(x.verdict, Verdict::Saturated { .. })).count();
    let ok = c.clusters.len() - fell - sat;
    let code = exit_code(c, fail_on_saturate);
    let why = match code {
        1 => "a cluster falls or crash-loops".to_string(),
        3 => "a cluster saturates (--fail-on saturate)".to_string(),
        _ if sat > 0 => "no cluster falls; some saturate (429s or API server restarts), which --fail-on saturate would fail".to_string(),
        _ => "clean".to_string(),
    };
    let n = c.clusters.len();
    format!("{n} {}: {fell} fall or crash-loop, {sat} only saturate, {ok} ok — exit {code}: {why}\n", if n == 1 { "cluster" } else { "clusters" })
}

/// The text table and what stands beside it.
pub fn to_text(p: &Params, c: &Check, fail_on_saturate: bool, band: Option<&[BandRow]>) -> String {
    let mut out = summary_line(c, fail_on_saturate);
    let label = |x: &ClusterCheck| if x.staging { format!("{} (staging)", x.name) } else { x.name.clone() };
    let w = c.clusters.iter().map(|x| label(x).chars().count()).max().unwrap_or(7).max(7);
    let verdict_of = |x: &ClusterCheck| if x.landed { verdict_text(x.verdict) } else { format!("{} (no agent)", verdict_text(x.verdict)) };
    let vw = c.clusters.iter().map(|x| verdict_of(x).chars().count()).max().unwrap_or(20).max(20);
    out.push_str(&format!("\n{:<w$}  {:>7}  {:<vw$}", "cluster", "nodes", "verdict"));
    let with_margins = c.clusters.iter().any(|x| x.margins.is_some());
    if with_margins {
        out.push_str("  margins: agent cost · poll interval · nodes");
    }
    trim_line(&mut out);
    for x in &c.clusters {
        out.push_str(&format!("{:<w$}  {:>7}  {:<vw$}", label(x), group_thousands(x.nodes as i64), verdict_of(x)));
        if let Some(m) = &x.margins {
            out.push_str(&format!("  {}; {}; {}", cost_text(&m.cost), poll_text(&m.poll), nodes_margin_text(&m.nodes)));
        }
        trim_line(&mut out);
    }
    if with_margins {
        out.push_str(
            "\nMargins are whole runs: the largest tested value that holds and the smallest that falls (three significant \
             figures), one value changed at a time; \"crash-loops\" where the replicas begin OOM-restarting before the control plane falls. Cost and poll are not exact inverses (a poller calls again `poll` s after its last call returned, so a slow LIST stretches its period; cost also multiplies informers' LISTs): the poll margin starts from this \
             run's poll × cost ÷ the cost margin as a guess and is found by runs at whole seconds (10 to 300 s). The node margin changes that cluster's nodes only. A cluster \
             marked (no agent) never got the agent in this run (a gate halted the plan first, or the run ended before its wave): \
             its margins are the plan's.\n",
        );
    }
    if with_margins {
        out.push_str(&depends_text(c));
    }
    out.push_str("\nAssumptions that decide these verdicts (--band varies them):\n");
    for l in assumption_lines(p) {
        out.push_str(&format!("  {l}\n"));
    }
    let big = crate::analysis::check::largest(p);
    out.push_str(&format!("\nAgent load on the largest cluster, {} ({}):\n", big.name, nodes(big.nodes)));
    for l in derive(p, &big, None) {
        out.push_str(&format!("  {l}\n"));
    }
    if let Some(rows) = band {
        out.push_str(&band_text(c, rows));
    }
    out
}

/// Ends a table row without the padding of its last column.
fn trim_line(out: &mut String) {
    out.truncate(out.trim_end_matches(' ').len());
    out.push('\n');
}

/// "falls between 2,300 and 2,700 nodes", "falls from 2,300 nodes at some values, holds to
/// 100,000 at others", "holds to 100,000 nodes throughout".
pub fn between_text(r: &BandRow) -> String {
    match r.falls_between() {
        (Some(lo), Some(hi)) if lo == hi => format!("falls at {} throughout", nodes(lo)),
        (Some(lo), Some(hi)) => format!("falls between {} and {} nodes", nodes_text(lo), nodes_text(hi)),
        (Some(lo), None) => format!("falls from {} at some values, holds to 100,000 at others", nodes(lo)),
        (None, _) => "holds to 100,000 nodes throughout".into(),
    }
}

/// "API server memory (×0.5: fell, ×1: fell, ×2: ok)".
fn depends_one(d: &Depends) -> String {
    let at: Vec<String> = d.at.iter().map(|(v, verdict)| format!("{v}: {}", verdict.name())).collect();
    format!("{} ({})", d.key, at.join(", "))
}

/// Per cluster whose verdict an assumption's range changes: the one it depends on most.
fn depends_text(c: &Check) -> String {
    let mut out = String::from(
        "\nWhat each verdict depends on: one assumption at a time over --band's ranges, whole runs; the one that changes it over most of its range first:\n",
    );
    let w = c.clusters.iter().map(|x| x.name.chars().count()).max().unwrap_or(7).max(7);
    let mut steady = 0;
    for x in &c.clusters {
        let Some((most, rest)) = x.depends.split_first() else {
            steady += 1;
            continue;
        };
        let also = if rest.is_empty() { String::new() } else { format!("; also {}", rest.iter().map(depends_one).collect::<Vec<_>>().join("; ")) };
        out.push_str(&format!("  {:<w$}  {}: most on {}{also}\n", x.name, x.verdict.name(), depends_one(most)));
    }
    if steady > 0 {
        out.push_str(&format!(
            "  {}: no assumption in its range changes whether {}\n",
            if steady == c.clusters.len() { "every cluster".to_string() } else { format!("{steady} more cluster{}", if steady == 1 { "" } else { "s" }) },
            if steady == 1 { "it falls" } else { "they fall" }
        ));
    }
    out
}

fn band_text(c: &Check, rows: &[BandRow]) -> String {
    let mut out = String::from(
        "\nBands: one assumption at a time over its plausible range (everything else as given); at each value the cluster's verdict (the whole fleet's run) and its node cliff (the cluster run alone, the agent landing at T):\n",
    );
    for a in ASSUMED {
        out.push_str(&format!("  {} {}: {}\n", a.key, a.values.iter().map(|v| a.label(v)).collect::<Vec<_>>().join(", "), a.why));
    }
    let mut current = usize::MAX;
    for r in rows {
        if r.cluster != current {
            current = r.cluster;
            let x = &c.clusters[r.cluster];
            out.push_str(&format!("{} ({}):\n", x.name, crate::text::count(x.nodes as i64, "node", "nodes")));
        }
        let at: Vec<String> = r.at.iter().map(|(v, verdict, _)| format!("{v}: {}", verdict.name())).collect();
        out.push_str(&format!("  {:<19} {} ({})\n", r.key, between_text(r), at.join(", ")));
    }
    out
}

/// A verdict's moment as `cascade run --format json` writes its clusters' `at_min`: minutes after
/// T to 0.01 (samples are 10 s apart, so 0.8333… is 0.83).
fn at_min(v: Verdict) -> Option<f64> {
    v.at_min().map(|t| (t * 100.0).round() / 100.0)
}

fn bracket_json(b: &Bracket) -> Value {
    json!({ "holds": b.holds, "falls": b.falls, "range": [b.range.0, b.range.1], "falls_as": if b.falls.is_none() { None } else if b.loops { Some("crash-looping") } else { Some("fell") } })
}

fn cluster_json(x: &ClusterCheck) -> Value {
    let mut v =
        json!({ "name": x.name, "nodes": x.nodes, "staging": x.staging, "verdict": x.verdict.name(), "at_min": at_min(x.verdict), "agent_landed": x.landed });
    if let Some(m) = &x.margins {
        v["margins"] = json!({
            "cost": bracket_json(&m.cost),
            "poll_s": { "falls_at_or_below": m.poll.falls_at_or_below_s, "holds_at_or_above": m.poll.holds_at_or_above_s },
            "nodes": bracket_json(&m.nodes),
        });
        v["depends_on"] = x
            .depends
            .iter()
            .map(|d| json!({ "key": d.key, "flips": d.flips, "at": d.at.iter().map(|(val, verdict)| json!({"value": val, "verdict": verdict.name()})).collect::<Vec<_>>() }))
            .collect();
    }
    v
}

/// JSON: exit, per-cluster verdicts and margins (exact values), assumptions, agent load, bands.
pub fn to_json(p: &Params, c: &Check, fail_on_saturate: bool, band: Option<&[BandRow]>) -> String {
    let big = crate::analysis::check::largest(p);
    let mut v = json!({
        "exit": exit_code(c, fail_on_saturate),
        "fail_on": if fail_on_saturate { "saturate" } else { "fall" },
        "clusters": c.clusters.iter().map(cluster_json).collect::<Vec<_>>(),
        "assumptions": assumption_lines(p),
        "agent_load": { "cluster": big.name, "nodes": big.nodes, "lines": derive(p, &big, None) },
    });
    if let Some(rows) = band {
        v["band"] = rows
            .iter()
            .map(|r| {
                let (lo, hi) = r.falls_between();
                json!({
                    "cluster": c.clusters[r.cluster].name, "key": r.key, "falls_from_nodes": lo, "falls_up_to_nodes": hi,
                    "at": r.at.iter().map(|(val, verdict, b)| json!({"value": val, "verdict": verdict.name(), "nodes": bracket_json(b)})).collect::<Vec<_>>(),
                })
            })
            .collect();
    }
    serde_json::to_string_pretty(&v).unwrap_or_default() + "\n"
}

/// CSV: one row per cluster, margins as exact values (empty where beyond the range).
pub fn to_csv(c: &Check) -> String {
    const HEADER: [&str; 12] = [
        "name",
        "nodes",
        "staging",
        "agent_landed",
        "verdict",
        "at_min",
        "cost_holds",
        "cost_falls",
        "poll_falls_at_or_below_s",
        "poll_holds_at_or_above_s",
        "nodes_holds",
        "nodes_falls",
    ];
    let o = |x: Option<f64>| x.map(|v| v.to_string()).unwrap_or_default();
    let rows = c.clusters.iter().map(|x| {
        let (ch, cf, pf, ph, nh, nf) = match &x.margins {
            Some(m) => {
                (m.cost.holds, m.cost.falls, m.poll.falls_at_or_below_s.map(f64::from), m.poll.holds_at_or_above_s.map(f64::from), m.nodes.holds, m.nodes.falls)
            }
            None => (None, None, None, None, None, None),
        };
        let head = [crate::text::formula_safe(&x.name), x.nodes.to_string(), x.staging.to_string(), x.landed.to_string(), x.verdict.name().to_string()];
        head.into_iter().chain([at_min(x.verdict), ch, cf, pf, ph, nh, nf].map(o)).collect()
    });
    crate::formats::csvw::write(std::iter::once(HEADER.map(String::from).to_vec()).chain(rows))
}
