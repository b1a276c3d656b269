//! The headline numbers as typed state: what each tile says, its scope, December's real value
//! where it applies, and its difference from a pinned run — computed from the values *shown*
//! (rounded to the minute), so "T+1, 2 min sooner than T+4" cannot happen. Better/worse is
//! judged only for outcomes (customer impact, peak errors, fix landed, all recovered); timings
//! such as "control plane fails" are stated neutrally. Pure; the component only draws it.

use crate::sim::{EventKind, Summary, Trace};
use crate::text::{clock, duration, t_plus};

/// How a tile's difference is judged.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Judge {
    /// A moment or a lead: said neutrally ("3 min later").
    Timing,
    /// An outcome: smaller (or sooner) is better.
    Outcome,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    Better,
    Worse,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Delta {
    pub text: String,
    /// Only for outcomes.
    pub verdict: Option<Verdict>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Unit {
    /// A moment (minutes after T), shown as "T+4 min".
    Moment,
    /// A span in minutes, shown as "1 h 26 min" (or "3.0 min" when short).
    Minutes,
    /// A share of requests, shown as a percentage.
    Share,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Tile {
    pub id: &'static str,
    pub label: &'static str,
    /// What the number counts (its scope), in a few words.
    pub scope: &'static str,
    /// `None` in spoiler-free mode until the moment it becomes known.
    pub text: Option<String>,
    /// The shown value as a number (minutes rounded to the minute, or a share to 1 %).
    pub shown: Option<f64>,
    /// The unrounded value once visible (the page's `data-min`, read by its tests).
    pub value: Option<f64>,
    /// December 2024's real value, only where it applies (a December run, a value that exists).
    pub real: Option<&'static str>,
    pub delta: Option<Delta>,
    pub judge: Judge,
}

/// What the headline may reveal: everything, or what is known at `until` (spoiler-free).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Reveal {
    pub until: Option<f64>,
    /// The cursor is at the end of the run: a "never" may be told.
    pub at_end: bool,
}

struct Def {
    id: &'static str,
    label: &'static str,
    scope: &'static str,
    unit: Unit,
    judge: Judge,
    real: &'static str,
    value: fn(&Summary) -> Option<f64>,
    /// When the value becomes known in the run (`None`: at the end).
    known_at: fn(&Summary) -> Option<f64>,
}

fn lead_known(s: &Summary) -> Option<f64> {
    s.first_alert_min.zip(s.first_customer_errors_min).map(|(a, c)| a.max(c))
}

#[rustfmt::skip] // One row a tile: a table reads better than a column.
const DEFS: [Def; 7] = [
    Def { id: "hl-cp", label: "Control plane fails", scope: "first production cluster under half its requests served, or crash-looping", unit: Unit::Moment, judge: Judge::Timing, real: "really T+0 min (3:12 pm)", value: |s| s.control_plane_down_min, known_at: |s| s.control_plane_down_min },
    Def { id: "hl-lead", label: "Detection lead over customers", scope: "first alert → customers' first errors", unit: Unit::Minutes, judge: Judge::Timing, real: "really 3 min", value: |s| s.detection_lead_min, known_at: lead_known },
    Def { id: "hl-cust", label: "Customers first see errors", scope: "some cluster's customers over 2 % failing", unit: Unit::Moment, judge: Judge::Timing, real: "really T+4 min (3:16 pm)", value: |s| s.first_customer_errors_min, known_at: |s| s.first_customer_errors_min },
    Def { id: "hl-impact", label: "Customer-impact minutes", scope: "minutes with some cluster over 2 % failing", unit: Unit::Minutes, judge: Judge::Outcome, real: "", value: |s| Some(s.impact_min), known_at: |_| None },
    Def { id: "hl-peak", label: "Peak errors", scope: "share of all customers' requests (fleet)", unit: Unit::Share, judge: Judge::Outcome, real: "", value: |s| s.first_customer_errors_min.map(|_| s.peak_error_rate), known_at: |s| s.peak_impact_min },
    Def { id: "hl-fix", label: "Fix landed everywhere", scope: "agent deleted in every impacted cluster", unit: Unit::Moment, judge: Judge::Outcome, real: "really hours later", value: |s| s.fix_landed_min, known_at: |s| s.fix_landed_min },
    Def { id: "hl-all", label: "All clusters recovered", scope: "every impacted cluster serving normally", unit: Unit::Moment, judge: Judge::Outcome, real: "really T+4 h 26 min (7:38 pm)", value: |s| s.all_recovered_min, known_at: |s| s.all_recovered_min },
];

/// The value as shown: minutes rounded to the minute (a short lead to 0.1), shares to 1 %.
fn shown(unit: Unit, v: f64) -> f64 {
    match unit {
        Unit::Moment => v.round(),
        Unit::Minutes if v < 10.0 => (v * 10.0).round() / 10.0,
        Unit::Minutes => v.round(),
        Unit::Share => (v * 100.0).round() / 100.0,
    }
}

fn text(unit: Unit, v: Option<f64>) -> String {
    match (unit, v) {
        (Unit::Moment, Some(v)) => t_plus(v),
        (Unit::Minutes, Some(v)) if v < 10.0 => format!("{v:.1} min"),
        (Unit::Minutes, Some(v)) => duration(v),
        (Unit::Share, Some(v)) => format!("{:.0} %", v * 100.0),
        (Unit::Moment, None) => "never".into(),
        (Unit::Share, None) => "none".into(),
        (Unit::Minutes, None) => "—".into(),
    }
}

fn delta(d: &Def, a: Option<f64>, b: Option<f64>) -> Option<Delta> {
    let judged = |better: bool| (d.judge == Judge::Outcome).then_some(if better { Verdict::Better } else { Verdict::Worse });
    Some(match (a, b) {
        (Some(a), Some(b)) => {
            let (a, b) = (shown(d.unit, a), shown(d.unit, b));
            let diff = a - b;
            if diff.abs() < 1e-9 {
                return Some(Delta { text: "same as pinned".into(), verdict: None });
            }
            let words = match d.unit {
                Unit::Moment => format!("{} {} than pinned", duration(diff.abs()), if diff > 0.0 { "later" } else { "sooner" }),
                Unit::Minutes if diff.abs() < 10.0 => format!("{:.1} min {} than pinned", diff.abs(), if diff > 0.0 { "more" } else { "less" }),
                Unit::Minutes => format!("{} {} than pinned", duration(diff.abs()), if diff > 0.0 { "more" } else { "less" }),
                Unit::Share => format!("{:.0} points {} than pinned", (diff * 100.0).abs(), if diff > 0.0 { "higher" } else { "lower" }),
            };
            // Every outcome here is better smaller or sooner.
            Delta { text: words, verdict: judged(diff < 0.0) }
        }
        // A fix or a recovery that never comes is worse; errors that never come are better.
        (None, Some(_)) => Delta { text: "never, unlike pinned".into(), verdict: judged(d.unit == Unit::Share) },
        (Some(_), None) => Delta { text: "pinned: never".into(), verdict: judged(d.unit != Unit::Share) },
        (None, None) => return None,
    })
}

/// The headline's tiles for a run, against a pinned run when comparing.
pub fn tiles(s: &Summary, pinned: Option<&Summary>, december: bool, reveal: Reveal) -> Vec<Tile> {
    // At the end of the run everything is known, the pinned run's values too: `until` is the
    // last event of this run, and a pinned run's later moment (its fix landing after this
    // run's last event) would otherwise keep its delta hidden for good.
    let known = |k: Option<f64>| match (reveal.until, k) {
        (None, _) => true,
        _ if reveal.at_end => true,
        (Some(u), Some(k)) => k <= u,
        (Some(_), None) => false,
    };
    DEFS.iter()
        .map(|d| {
            let v = (d.value)(s);
            let visible = known((d.known_at)(s));
            let pinned_visible = pinned.is_some_and(|g| known((d.known_at)(g)));
            Tile {
                id: d.id,
                label: d.label,
                scope: d.scope,
                text: visible.then(|| text(d.unit, v)),
                shown: if visible { v.map(|v| shown(d.unit, v)) } else { None },
                value: if visible { v } else { None },
                real: (december && visible && v.is_some() && !d.real.is_empty()).then_some(d.real),
                delta: if visible && pinned_visible { pinned.and_then(|g| delta(d, v, (d.value)(g))) } else { None },
                judge: d.judge,
            }
        })
        .collect()
}

/// What T means in this run: the moment the agent reached the largest cluster (with December's
/// fleet, its three large clusters at once), or — where it never does — the moment it was due
/// there, said plainly.
pub fn t_note(t: &Trace) -> String {
    let builtin = t.clusters.iter().any(|c| c.name == "large-a") && t.clusters.len() == crate::sim::fleet::FLEET.len();
    let largest = t.first(EventKind::AgentLands).and_then(|e| e.cluster).and_then(|i| t.clusters.get(i));
    let whom = |name: &str| if builtin { "the large clusters".to_string() } else { format!("{name}, the largest cluster") };
    match largest {
        Some(c) => format!("T = {}, when the agent reached {}; times are minutes after T.", clock(0.0), whom(&c.name)),
        None => {
            let name = t.clusters.iter().filter(|c| !c.staging).max_by_key(|c| c.nodes).map_or("the largest cluster", |c| c.name.as_str());
            format!("T = {}, when the rollout was due to reach {}; in this run the agent never does. Times are minutes after T.", clock(0.0), whom(name))
        }
    }
}
