//! Exports of a run that the CLI and the app share: JSON (params + summary + events) and a
//! readable text timeline; the app's CSV files are `formats::csvw`.

use crate::sim::trace::Verdict;
use crate::sim::{EventKind, Params, Trace};
use crate::text::{clock, duration, t_plus};
use serde::Serialize;

#[derive(Serialize)]
struct JsonEvent<'a> {
    name: &'a str,
    t_min: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    cluster: Option<&'a str>,
    #[serde(skip_serializing_if = "str::is_empty")]
    detail: &'a str,
}

/// A cluster's verdict: ok, saturated (429s or API server restarts) or fell (under 50 %
/// served), with the moment (minutes after T, rounded as events are).
#[derive(Serialize)]
struct JsonCluster<'a> {
    name: &'a str,
    nodes: u32,
    staging: bool,
    verdict: &'static str,
    at_min: Option<f64>,
    /// A saturated cluster's cause: `rejecting`, `restarting` or `agent_rejected`.
    #[serde(skip_serializing_if = "Option::is_none")]
    saturated_by: Option<crate::sim::trace::Saturation>,
    landed_min: Option<f64>,
}

#[derive(Serialize)]
struct JsonReport<'a> {
    params: &'a Params,
    summary: crate::sim::Summary,
    checksum: String,
    clusters: Vec<JsonCluster<'a>>,
    events: Vec<JsonEvent<'a>>,
    /// An export's share link (the app's exports; the CLI's JSON has none).
    #[serde(skip_serializing_if = "Option::is_none")]
    link: Option<&'a str>,
    /// An export's pinned run, in compare mode, as its own report.
    #[serde(skip_serializing_if = "Option::is_none")]
    compare: Option<Box<JsonReport<'a>>>,
}

fn round2(v: f64) -> f64 {
    (v * 100.0).round() / 100.0
}

pub fn to_json(p: &Params, t: &Trace) -> String {
    serde_json::to_string_pretty(&report(p, t)).unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"))
}

fn report<'a>(p: &'a Params, t: &'a Trace) -> JsonReport<'a> {
    let mut summary = t.summary.clone();
    for v in [
        &mut summary.control_plane_down_min,
        &mut summary.first_alert_min,
        &mut summary.first_customer_errors_min,
        &mut summary.peak_impact_min,
        &mut summary.access_regained_min,
        &mut summary.fix_landed_min,
        &mut summary.first_cluster_recovered_min,
        &mut summary.all_recovered_min,
        &mut summary.detection_lead_min,
    ] {
        *v = v.map(round2);
    }
    summary.peak_error_rate = (summary.peak_error_rate * 1e4).round() / 1e4;
    summary.impact_min = round2(summary.impact_min);
    JsonReport {
        params: p,
        summary,
        checksum: format!("{:016x}", t.checksum()),
        clusters: t
            .clusters
            .iter()
            .map(|c| JsonCluster {
                name: &c.name,
                nodes: c.nodes,
                staging: c.staging,
                verdict: c.verdict().name(),
                at_min: c.verdict().at_min().map(round2),
                saturated_by: c.saturated_by.filter(|_| matches!(c.verdict(), Verdict::Saturated { .. })),
                landed_min: c.landed_min.map(round2),
            })
            .collect(),
        events: t
            .events
            .iter()
            .map(|e| JsonEvent { name: e.kind.name(), t_min: round2(e.t_min), cluster: e.cluster.map(|i| t.clusters[i].name.as_str()), detail: &e.detail })
            .collect(),
        link: None,
        compare: None,
    }
}

pub fn to_text(p: &Params, t: &Trace) -> String {
    // A described fleet replaces the preset's: the heading says so.
    let fleet = match &p.fleet {
        Some(f) => format!(" · a described fleet of {} cluster{}", f.clusters.len(), if f.clusters.len() == 1 { "" } else { "s" }),
        None => String::new(),
    };
    let mut out = format!("Cascade Lab — preset {}{fleet}, seed {}\n", p.preset, p.seed);
    // A described fleet, agent or plan by its size: `cascade fleet` with the same flags writes
    // them out, `cascade link` carries them.
    let diff = crate::formats::compact::summary_pairs(p, &Params::from_preset(p.preset));
    if !diff.is_empty() {
        let d: Vec<String> = diff.iter().map(|(k, v)| format!("{k}={v}")).collect();
        let described = if diff.iter().any(|(k, _)| matches!(*k, "fleet" | "agent" | "plan")) { " (in full: cascade fleet with the same flags)" } else { "" };
        out.push_str(&format!("changed: {}{described}\n", d.join(" ")));
    }
    out.push('\n');
    for e in &t.events {
        // December 2024's real times stand beside its variants, not beside another incident.
        let real = e.kind.real_t_min().filter(|_| p.beside_december()).map(|r| format!("  (really {})", clock(r))).unwrap_or_default();
        let detail = if e.detail.is_empty() { String::new() } else { format!(" — {}", e.detail) };
        out.push_str(&format!("{:>8}  {:<13} {}{}{}\n", clock(e.t_min), t_plus(e.t_min), e.kind.title(), detail, real));
    }
    let s = &t.summary;
    let lead = s.detection_lead_min.map_or("never".to_string(), |m| format!("{m:.1} min"));
    let at = |v: Option<f64>| v.map_or("never".to_string(), t_plus);
    out.push_str(&format!(
        "\nimpacted clusters: {}\npeak error rate: {:.0}%\ncustomer-impact minutes: {}\ndetection lead over customers: {lead}\nfix landed everywhere: {}\nall recovered: {}\n",
        s.impacted_clusters,
        s.peak_error_rate * 100.0,
        duration(s.impact_min),
        at(s.fix_landed_min),
        at(s.all_recovered_min)
    ));
    out.push_str(&clusters_text(t));
    if t.first(EventKind::ControlPlaneDown).is_none() {
        out.push_str("no production control plane failed.\n");
    }
    if let Some(why) = crate::analysis::outlook::why_not_recovered(p, t) {
        out.push_str(&format!("why: {why}\n"));
    }
    out
}

/// Every cluster's verdict, one line each: "large-a (7,500 nodes): fell at T+3 min (3:16 pm)".
pub fn clusters_text(t: &Trace) -> String {
    let w = t.clusters.iter().map(|c| c.name.chars().count()).max().unwrap_or(0);
    let mut out = String::from("clusters (ok; saturated: over 1 % of some client's requests rejected (429) or timed out, or an API server restarting; crash-looping: under 90 % of its replicas up for a minute; fell: under 50 % served):\n");
    for c in &t.clusters {
        let v = c.verdict();
        let at = v.at_min().map(|m| format!(" at {} ({})", t_plus(m), clock(m))).unwrap_or_default();
        let why = match (v, c.saturated_by) {
            (Verdict::Saturated { .. }, Some(why)) => format!(": {}", why.words()),
            _ => String::new(),
        };
        let note = match (c.staging, c.landed_min.is_some()) {
            (true, _) => " (staging)",
            (false, false) => " (the agent never reached it)",
            _ => "",
        };
        let noun = if c.nodes as i64 == 1 { "node " } else { "nodes" };
        out.push_str(&format!("  {:<w$}  {:>7} {noun}  {}{at}{why}{note}\n", c.name, crate::text::group_thousands(c.nodes as i64), v.name()));
    }
    out
}

/// Exports from the app carry where they came from. The JSON is `to_json`'s object plus
/// `link` (the share link that reproduces it) and, in compare mode, `compare` (the pinned
/// run as its own `to_json` object); the CLI's output is unchanged.
pub fn to_json_export(p: &Params, t: &Trace, compare: Option<(&Params, &Trace)>, link: &str) -> String {
    let r = JsonReport { link: Some(link), compare: compare.map(|(cp, ct)| Box::new(report(cp, ct))), ..report(p, t) };
    serde_json::to_string_pretty(&r).unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"))
}

/// A short, stable hash of a link (FNV-1a, 6 hex digits): tells exported variants apart.
pub fn short_hash(s: &str) -> String {
    let mut h: u32 = 0x811c9dc5;
    for b in s.bytes() {
        h = (h ^ b as u32).wrapping_mul(0x01000193);
    }
    format!("{:06x}", h & 0xff_ffff)
}

/// The moment in a file name: `t+30m`, `t-5m`, `t+1h26m`.
pub fn moment_tag(t_min: f64) -> String {
    let m = if t_min.is_finite() { t_min.round() as i64 } else { 0 };
    let sign = if m < 0 { "-" } else { "+" };
    let a = m.unsigned_abs();
    match (a / 60, a % 60) {
        (0, m) => format!("t{sign}{m}m"),
        (h, 0) => format!("t{sign}{h}h"),
        (h, m) => format!("t{sign}{h}h{m}m"),
    }
}

/// The stem of every exported file: preset, seed and a hash of the link, so variants of one
/// preset do not overwrite each other (`cascade-lab-december-2024-seed42-3fa9c1`).
pub fn export_stem(p: &Params, link: &str) -> String {
    format!("cascade-lab-{}-seed{}-{}", p.preset, p.seed, short_hash(link))
}

/// The lines a figure export prints above the figure: what it is, what differs from the
/// preset (or "as the preset"), and the moment.
pub fn figure_caption(p: &Params, what: &str, t_min: f64, compare: Option<&Params>) -> (String, Vec<String>) {
    let title = format!("Cascade Lab — {what}");
    let diff = crate::formats::compact::diff_pairs(p, &Params::from_preset(p.preset));
    let changed = if diff.is_empty() { "as the preset".to_string() } else { diff.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join(", ") };
    let mut lines = vec![format!("Preset {} (seed {}): {changed}", p.preset, p.seed), format!("At {} ({})", clock(t_min), t_plus(t_min))];
    if let Some(c) = compare {
        let d = crate::formats::compact::diff_pairs(c, &Params::from_preset(c.preset));
        let d = if d.is_empty() { String::new() } else { format!(": {}", d.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join(", ")) };
        lines.push(format!("Compared with preset {}{d} (faint lines)", c.preset));
    }
    (title, lines)
}
