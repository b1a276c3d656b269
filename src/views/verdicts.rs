//! Each cluster's outcome in a run, as one compact line: "Fell: large-a T+2 min, large-b T+4 min ·
//! 11 ok". Read from `ClusterInfo::verdict()` (fell = served under half its requests;
//! crash-looping = under half its replicas up, OOM-restarting; saturated = its own or the
//! agent's requests rejected over 1 %, or an API server restarting, named after its moment); cut at a moment in spoiler-free mode, so an
//! outcome is told only once the cursor has reached it. Pure; `tests/native/any_fleet.rs`.

use crate::sim::trace::Verdict;
use crate::sim::Trace;
use crate::text::t_plus;

/// One cluster that fell or saturated, and when (minutes after T).
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    pub cluster: usize,
    pub name: String,
    pub at_min: f64,
    /// For a saturated cluster, what saturated it (the agent's requests can be rejected while
    /// its own traffic is served, so the cluster's 429s gauge reads 0 %).
    pub why: Option<crate::sim::trace::Saturation>,
}

impl Entry {
    /// "large-a T+2 min", and for a saturated cluster what saturated it: "medium-b T+1 min
    /// (the agent's requests rejected)".
    pub fn text(&self) -> String {
        match self.why {
            Some(why) => format!("{} {} ({})", self.name, t_plus(self.at_min), why.words()),
            None => format!("{} {}", self.name, t_plus(self.at_min)),
        }
    }
}

/// Every cluster's outcome, grouped: fell and saturated each in the order they happened.
#[derive(Clone, Debug, PartialEq)]
pub struct Verdicts {
    pub fell: Vec<Entry>,
    pub crash_looping: Vec<Entry>,
    pub saturated: Vec<Entry>,
    /// Clusters neither fell nor saturated (by the cut, when there is one).
    pub ok: usize,
    /// Cut before the run's end: "ok" means "ok so far".
    pub so_far: bool,
}

/// The outcomes of `t`'s clusters; with `until`, as known at that moment (a cluster that falls
/// later reads as saturated or ok until then).
pub fn verdicts(t: &Trace, until: Option<f64>) -> Verdicts {
    let so_far = until.is_some_and(|u| u < t.t_end() - 1e-9);
    let known = |at: f64| !so_far || until.is_some_and(|u| at <= u + 1e-9);
    let mut out = Verdicts { fell: Vec::new(), crash_looping: Vec::new(), saturated: Vec::new(), ok: 0, so_far };
    for (cluster, c) in t.clusters.iter().enumerate() {
        let entry = |at_min: f64| Entry { cluster, name: c.name.clone(), at_min, why: None };
        match c.verdict() {
            Verdict::Fell { at_min } if known(at_min) => out.fell.push(entry(at_min)),
            Verdict::CrashLooping { at_min } if known(at_min) => out.crash_looping.push(entry(at_min)),
            // Fell later, or only saturated: saturated if that is known by now.
            Verdict::Fell { .. } | Verdict::CrashLooping { .. } | Verdict::Saturated { .. } => match c.saturated_min.filter(|&s| known(s)) {
                Some(s) => out.saturated.push(Entry { why: c.saturated_by, ..entry(s) }),
                None => out.ok += 1,
            },
            Verdict::Ok => out.ok += 1,
        }
    }
    // In the order they happened; equal moments keep the fleet's order (a stable sort).
    for list in [&mut out.fell, &mut out.crash_looping, &mut out.saturated] {
        list.sort_by(|a, b| a.at_min.total_cmp(&b.at_min));
    }
    out
}

impl Verdicts {
    pub fn total(&self) -> usize {
        self.fell.len() + self.crash_looping.len() + self.saturated.len() + self.ok
    }

    /// The line, naming at most `max_names` clusters per group (the first to happen) and
    /// counting the rest: "Fell (38): a T−16 min, b T−16 min and 36 more · 22 ok".
    pub fn line(&self, max_names: usize) -> String {
        let ok_word = if self.so_far { "ok so far" } else { "ok" };
        if self.fell.is_empty() && self.crash_looping.is_empty() && self.saturated.is_empty() {
            return match self.total() {
                1 => format!("The cluster is {ok_word}."),
                n => format!("All {n} clusters {ok_word}."),
            };
        }
        // `max_names` in all, the groups in order of severity: a group past them is a count.
        let mut parts = Vec::new();
        let mut budget = max_names;
        for (word, list) in [("Fell", &self.fell), ("Crash-looping", &self.crash_looping), ("Saturated", &self.saturated)] {
            if !list.is_empty() {
                parts.push(group(word, list, budget));
                budget = budget.saturating_sub(list.len());
            }
        }
        if self.ok > 0 {
            parts.push(format!("{} {ok_word}", self.ok));
        }
        let line = parts.join(" · ");
        if self.so_far {
            format!("So far: {line}")
        } else {
            line
        }
    }

    /// Whether `line(max_names)` leaves some cluster unnamed.
    pub fn clipped(&self, max_names: usize) -> bool {
        self.fell.len() + self.crash_looping.len() + self.saturated.len() > max_names
    }
}

fn group(word: &str, list: &[Entry], max_names: usize) -> String {
    if max_names == 0 {
        return format!("{word} ({})", list.len());
    }
    let named: Vec<String> = list.iter().take(max_names).map(Entry::text).collect();
    let rest = list.len().saturating_sub(max_names);
    let count = if rest > 0 { format!(" ({})", list.len()) } else { String::new() };
    let more = if rest > 0 { format!(" and {rest} more") } else { String::new() };
    format!("{word}{count}: {}{more}", named.join(", "))
}
