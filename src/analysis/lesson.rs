//! The lesson: a run turned into chapters a learner follows alone, a facilitator presents,
//! and a docs page embeds. Each chapter has one moment (or window), one figure, one question
//! asked before its answer, and an answer and explanation written from the run's own numbers,
//! so the lesson can never contradict the model. A chapter whose event does not happen in this
//! run says so and why. Pure and natively tested (`tests/native/lesson.rs`); the app, `cascade lesson`
//! and `docs/facilitator-guide.md` all read it.

use crate::analysis::followups::compare;
use crate::sim::{EventKind, Params, Rollout, Trace};
use crate::text::group_thousands;
use crate::text::{clock, duration, t_plus};

mod restart;

/// Which figure a chapter shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Figure {
    /// The causal diagram at one cluster (an index into the trace's clusters).
    Diagram { cluster: usize },
    /// The chart of API demand against capacity.
    Demand,
    /// What customers see against the control plane's state.
    Visibility,
    /// Engineers' access to the API.
    Access,
    /// Every cluster's story.
    Lanes,
    /// The postmortem's follow-ups, each tried alone.
    FollowUps,
}

impl Figure {
    /// The `view=` name that shows this figure alone in an embed.
    pub fn view_name(self) -> &'static str {
        match self {
            Figure::Diagram { .. } => "diagram",
            Figure::Demand => "demand",
            Figure::Visibility => "visibility",
            Figure::Access => "access",
            Figure::Lanes => "fleet",
            Figure::FollowUps => "followups",
        }
    }
}

/// One question, asked before the reveal.
#[derive(Clone, Debug, PartialEq)]
pub enum Question {
    /// A number within a tolerance (either side).
    Number { prompt: String, unit: &'static str, answer: f64, tolerance: f64 },
    /// One of 2–4 answers.
    Choice { prompt: String, options: Vec<String>, correct: usize },
}

impl Question {
    pub fn prompt(&self) -> &str {
        match self {
            Question::Number { prompt, .. } | Question::Choice { prompt, .. } => prompt,
        }
    }
    /// The answer in words, as the key gives it.
    pub fn answer_text(&self) -> String {
        match self {
            Question::Number { answer, unit, tolerance, .. } => format!("{} {unit} (± {})", fmt_num(*answer), fmt_num(*tolerance)),
            Question::Choice { options, correct, .. } => options[*correct].clone(),
        }
    }
    /// Whether a typed number or a chosen option (its index) is right.
    pub fn is_right(&self, given: f64) -> bool {
        match self {
            Question::Number { answer, tolerance, .. } => given.is_finite() && (given - answer).abs() <= *tolerance + 1e-9,
            Question::Choice { correct, .. } => given == *correct as f64,
        }
    }
}

fn fmt_num(v: f64) -> String {
    if v.abs() >= 100.0 || v.fract().abs() < 1e-9 {
        group_thousands(v.round() as i64)
    } else {
        format!("{v:.1}")
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Chapter {
    /// 1-based, as links (`ch=`) and people count.
    pub n: usize,
    pub title: String,
    /// The moment the chapter opens at (minutes after T; on the link's 0.1-min grid).
    pub t: f64,
    /// The window its figure and playback cover.
    pub window: (f64, f64),
    pub figure: Figure,
    pub question: Question,
    /// The answer, told after the reveal, with the run's numbers.
    pub explanation: String,
    /// For the facilitator: what to ask the room, the common wrong answer.
    pub note: String,
    /// Suggested minutes in a 45-minute session.
    pub minutes: u32,
    /// The chapter's event happens in this run (otherwise the explanation says why not).
    pub happened: bool,
}

/// Minutes, rounded up to the link's 0.1.
fn tenth_up(t: f64) -> f64 {
    (t * 10.0 - 1e-9).ceil() / 10.0
}

fn within(t: &Trace, a: f64, b: f64) -> (f64, f64) {
    let (s, e) = (tenth_up(t.t0_min), (t.t_end() * 10.0).floor() / 10.0);
    let a = tenth_up(a.max(s)).min(e);
    let b = ((b.min(e)) * 10.0).floor() / 10.0;
    if b > a {
        (a, b)
    } else {
        (s, e)
    }
}

fn at(t: &Trace, kind: EventKind) -> Option<f64> {
    t.first(kind).map(|e| e.t_min)
}

/// The DNS TTL of the cluster an event happened in (its own setting; the largest cluster's for
/// a fleet-wide event): what a chapter about that event names.
fn ttl_at(t: &Trace, kind: EventKind) -> u32 {
    let c = t.first(kind).and_then(|e| e.cluster).filter(|&c| c < t.clusters.len()).unwrap_or_else(|| largest(t));
    t.clusters.get(c).map_or(0, |c| c.settings.ttl)
}

/// The largest production cluster (the one the story follows).
fn largest(t: &Trace) -> usize {
    (0..t.clusters.len()).filter(|&c| !t.clusters[c].staging).max_by_key(|&c| t.clusters[c].nodes).unwrap_or(0)
}

/// Suggested minutes per chapter: 45 in all.
const MINUTES: [u32; 8] = [4, 5, 6, 6, 5, 6, 7, 6];

/// The run's chapters, in order.
pub fn chapters(p: &Params, t: &Trace) -> Vec<Chapter> {
    let december: [fn(&Params, &Trace) -> Chapter; 8] = [staging, lands, falls_unseen, customers, rollout_goes_on, locked_out, slow_fix, would_have_helped];
    let (builders, minutes) = if restart::applies(p) { (restart::BUILDERS, restart::MINUTES) } else { (december, MINUTES) };
    builders
        .iter()
        .enumerate()
        .map(|(i, b)| {
            let mut c = b(p, t);
            c.n = i + 1;
            c.minutes = minutes[i];
            c
        })
        .collect()
}

/// A chapter at `at` (its moment, and the window its figure and playback cover).
fn chapter(title: &str, at: (f64, (f64, f64)), figure: Figure, question: Question, explanation: String, note: &str, happened: bool) -> Chapter {
    let (t, window) = at;
    Chapter { n: 0, title: title.into(), t, window, figure, question, explanation, note: note.into(), minutes: 0, happened }
}

fn choice(prompt: &str, options: &[&str], correct: usize) -> Question {
    Question::Choice { prompt: prompt.into(), options: options.iter().map(|s| s.to_string()).collect(), correct }
}

/// 1. Why staging passed: the same agent on a small cluster.
///
/// A described fleet without a staging cluster gets the first cluster the agent reached.
fn staging(_p: &Params, t: &Trace) -> Chapter {
    let first = || {
        (0..t.clusters.len())
            .filter(|&c| t.clusters[c].landed_min.is_some())
            .min_by(|&a, &b| t.clusters[a].landed_min.partial_cmp(&t.clusters[b].landed_min).unwrap_or(std::cmp::Ordering::Equal))
    };
    let staged = (0..t.clusters.len()).find(|&c| t.clusters[c].staging);
    let s = staged.or_else(first).unwrap_or(0);
    let nodes = t.clusters[s].nodes;
    let peak = t.per_cluster[s].load.iter().fold(0.0f32, |a, &b| a.max(b)) as f64;
    let fell = (0..t.len).any(|i| t.per_cluster[s].cp_down(i));
    let correct = if fell {
        2
    } else if peak >= 0.8 {
        1
    } else {
        0
    };
    let n = group_thousands(nodes as i64);
    let (title, prompt, explanation, note) = if staged.is_some() {
        (
            "The fleet and the agent: why staging passed".to_string(),
            format!("The agent ran on the staging cluster ({n} nodes) first. What happened to its API servers?"),
            format!("At {n} nodes the agent's LISTs read few objects, and its API servers' busiest moment asks for {} of their CPU. Each node lists every pod in the cluster, so a cluster's load grows with nodes²: a test that small could not show it.", pct(peak)),
            "Ask: what would a staging test have had to look like to catch this? Common wrong answer: 'staging was misconfigured'. It was simply small.",
        )
    } else {
        let name = &t.clusters[s].name;
        let outcome = if fell { "and its control plane falls" } else { "and it holds" };
        (
            "The fleet and the agent: the first cluster it reached".to_string(),
            match t.clusters[s].landed_min {
                Some(_) => format!("This fleet has no staging cluster; the agent reached {name} ({n} nodes) first. What happened to its API servers?"),
                None => format!("This fleet has no staging cluster, and the agent reached none of it in this run. What happened to {name}'s ({n} nodes) API servers?"),
            },
            format!("At {n} nodes its API servers' busiest moment asks for {} of their CPU, {outcome}. Each node lists every pod in the cluster, so a cluster's load grows with nodes².", pct(peak)),
            "Ask: where could this agent have been tried first, at a size that shows its cost? This fleet has no staging cluster.",
        )
    };
    // A few minutes after the first cluster got the agent (its pods running), before production falls.
    let start = t.clusters[s].landed_min.map_or(t.t0_min + 1.0, |l| l + 5.0);
    chapter(
        &title,
        (tenth_up(start.max(t.t0_min).min(t.t_end() - 0.1)), within(t, t.t0_min, 0.0)),
        Figure::Diagram { cluster: s },
        choice(&prompt, &["Nothing noticeable", "They slowed down", "They fell over"], correct),
        explanation,
        note,
        true,
    )
}

/// 2. The agent lands on the large clusters: load ~ N².
fn lands(_p: &Params, t: &Trace) -> Chapter {
    let big = largest(t);
    let Some(land) = t.clusters[big].landed_min else {
        return chapter(
            "The agent lands",
            (tenth_up(t.t0_min + 1.0), within(t, t.t0_min, t.t0_min + 30.0)),
            Figure::Demand,
            choice("Does the agent reach the largest cluster in this run?", &["Yes", "No"], 1),
            format!(
                "No: the rollout was halted{} before it reached {}. Load grows with nodes², so the clusters it spared were the ones it would have hurt most.",
                at(t, EventKind::RolloutHalted).map(|h| format!(" at {}", clock(h))).unwrap_or_default(),
                t.clusters[big].name
            ),
            "Ask why the largest clusters come last in a rollout, and what that means for a gate.",
            false,
        );
    };
    // A cluster about a third its size, to compare with.
    let other = (0..t.clusters.len())
        .filter(|&c| !t.clusters[c].staging && c != big)
        .min_by_key(|&c| (t.clusters[c].nodes as i64 * 3 - t.clusters[big].nodes as i64).abs())
        .unwrap_or(big);
    let (nb, no) = (t.clusters[big].nodes as f64, t.clusters[other].nodes as f64);
    // Just before its control plane falls (or two minutes in): the chapters go in time order.
    let moment = tenth_up(at(t, EventKind::ControlPlaneDown).map_or(land + 2.0, |d| (d - 0.1).max(land)));
    let demand = t.per_cluster[big].load[t.index_before(land + 2.0)] as f64;
    chapter(
        "The agent lands: load grows with nodes²",
        (moment, within(t, land - 5.0, land + 10.0)),
        Figure::Demand,
        choice(&format!("{} has {:.0}× the nodes of {}. How much more work does the agent put on its API servers?", t.clusters[big].name, nb / no, t.clusters[other].name), &["About the nodes' ratio", "Roughly the square of that ratio", "About the same"], 1),
        format!(
            "{:.0}× the nodes, {:.0}× the agent's work: every node lists every pod, so the work grows with nodes × pods per node × nodes. Two minutes after landing, {}'s clients ask {} its API servers' cores of CPU.",
            nb / no,
            (nb / no) * (nb / no),
            t.clusters[big].name,
            times(demand)
        ),
        "Ask the room to guess the ratio before revealing. Common wrong answer: 'proportional to nodes' — per-node cost times node count is N².",
        true,
    )
}

/// 3. The control plane falls while customers see nothing.
fn falls_unseen(p: &Params, t: &Trace) -> Chapter {
    let Some(down) = at(t, EventKind::ControlPlaneDown) else {
        return chapter(
            "The control plane holds",
            (tenth_up(0.0f64.max(t.t0_min)), within(t, -5.0, 30.0)),
            Figure::Visibility,
            choice("Does a production control plane fall in this run?", &["Yes", "No"], 1),
            format!("No: {}.", why_no_fall(p, t)),
            "Ask what made the difference here, and whether it would hold at twice the nodes.",
            false,
        );
    };
    let cust = at(t, EventKind::FirstCustomerErrors);
    let (question, explanation) = match cust {
        // Customers saw errors first (a restart by hand, say, before the verdict).
        Some(c) if c < down => (
            choice("The control plane has just fallen. When do customers see errors?", &["They already do", "After about a TTL", "Never in this run"], 0),
            format!(
                "Customers saw errors from {}, {} before the control plane counted as down: DNS answers are cached for only {}.",
                clock(c),
                duration_or_short(down - c),
                ttl_words(ttl_at(t, EventKind::FirstCustomerErrors))
            ),
        ),
        Some(c) => {
            let lead = c - down;
            (
                Question::Number { prompt: "The control plane has just fallen. How many minutes until customers see errors (some cluster over 2 % failing)?".into(), unit: "min", answer: (lead * 10.0).round() / 10.0, tolerance: 1.5f64.max(lead * 0.3) },
                format!(
                    "DNS answers are cached for {}: clients keep reaching services with their cached answers until they expire, so the failure stays hidden for {}{}.",
                    ttl_words(ttl_at(t, EventKind::FirstCustomerErrors)),
                    duration_or_short(lead),
                    if at(t, EventKind::RolloutFinished).is_none_or(|f| f > down) { " while the rollout goes on" } else { "" }
                ),
            )
        }
        None => (
            choice("The control plane has just fallen. When do customers see errors?", &["Within minutes", "After about a TTL", "Never in this run"], 2),
            "The caches (or DNS serving stale answers) hold long enough for the fix.".into(),
        ),
    };
    chapter(
        "The control plane falls while customers see nothing",
        (tenth_up(down), within(t, down - 2.0, down + 25.0)),
        Figure::Visibility,
        question,
        explanation,
        "Point at the two lines: the control plane's share is already down while customers' errors are flat. Ask: which dashboard would you have been looking at?",
        true,
    )
}

/// 4. Customers start failing: the ramp over the TTL.
fn customers(p: &Params, t: &Trace) -> Chapter {
    let Some(c) = at(t, EventKind::FirstCustomerErrors) else {
        return chapter(
            "Customers keep being served",
            (tenth_up(0.0f64.max(t.t0_min)), within(t, -5.0, 60.0)),
            Figure::Visibility,
            choice("Do customers see errors in this run?", &["Yes", "No"], 1),
            format!(
                "No: {}.",
                if t.summary.control_plane_down_min.is_none() { why_no_fall(p, t) } else { "the DNS answers customers hold outlast the outage".into() }
            ),
            "Ask what kept customers safe here, and what it would cost.",
            false,
        );
    };
    let peak = t.summary.peak_error_rate * 100.0;
    let peak_at = t.summary.peak_impact_min.unwrap_or(c);
    // At the peak, is some cluster blocked at the network (the crews' remedy)? CoreDNS cannot
    // sync through the block either, so the remedy, not the fall, may make the peak.
    let i = t.index_at(peak_at);
    let blocked = t.per_cluster.iter().any(|s| s.gate[i] < 0.999);
    let block = if blocked {
        " At that moment the crews are blocking the API at the network to reach it, and CoreDNS cannot sync through the block either: the remedy deepens the errors before it ends them."
    } else {
        ""
    };
    chapter(
        "Customers start failing as the caches expire",
        (tenth_up(c), within(t, c - 2.0, peak_at + 10.0)),
        Figure::Visibility,
        Question::Number { prompt: "Customers' errors have begun. At the worst moment, what share of all customers' requests fail (fleet-wide, in %)?".into(), unit: "%", answer: peak.round(), tolerance: 10.0 },
        format!(
            "The worst moment is {}. Entries expire evenly over the TTL ({}), so errors ramp up over it rather than all at once; clusters whose control plane still works keep serving.{block}",
            t_plus(peak_at),
            ttl_words(ttl_at(t, EventKind::FirstCustomerErrors))
        ),
        "Ask why the errors ramp instead of jumping. Common wrong answer: 'CoreDNS went down' — it did earlier; the caches decide when customers notice.",
        true,
    )
}

/// 5. The rollout goes on (or the gate halts it).
fn rollout_goes_on(p: &Params, t: &Trace) -> Chapter {
    let down = at(t, EventKind::ControlPlaneDown);
    let finished = at(t, EventKind::RolloutFinished);
    let halted = at(t, EventKind::RolloutHalted);
    let (correct, moment, words) = match (halted, finished) {
        (Some(h), _) => (
            1,
            h,
            format!(
                "It halted at {}{}.",
                clock(h),
                if p.rollout == Rollout::Phased { ": the phased rollout's gate saw an unhealthy control plane before the next wave" } else { "" }
            ),
        ),
        (None, Some(f)) if down.is_some_and(|d| d <= f) => (
            0,
            f,
            format!(
                "It finished at {}, {} after the first control plane fell: the gate watched the agent's health, not the control plane's.",
                clock(f),
                duration(f - down.unwrap_or(f))
            ),
        ),
        (None, Some(f)) => (0, f, format!("It finished at {}; no production control plane had fallen by then.", clock(f))),
        (None, None) => (2, t.t_end(), "It was still rolling out when the run ended.".into()),
    };
    chapter(
        "The rollout goes on",
        (tenth_up(moment), within(t, moment - 10.0, moment + 5.0)),
        Figure::Diagram { cluster: largest(t) },
        choice(
            &format!(
                "{} What did the rollout do?",
                down.map(|d| format!("A control plane fell at {}.", clock(d))).unwrap_or_else(|| "Watch the rollout.".into())
            ),
            &["It finished, reaching every cluster", "It halted", "It was still going when the run ended"],
            correct,
        ),
        words,
        "Ask what signal your own rollout gates watch. Common wrong answer: 'someone would have stopped it' — nobody was paged on the rollout.",
        true,
    )
}

/// 6. Locked out: the fix needs the API that is down.
fn locked_out(p: &Params, t: &Trace) -> Chapter {
    let (Some(rc), Some(access)) = (at(t, EventKind::RootCauseKnown), at(t, EventKind::AccessRegained)) else {
        let happened = at(t, EventKind::RootCauseKnown).is_some();
        return chapter(
            "Locked out",
            (tenth_up(at(t, EventKind::RootCauseKnown).unwrap_or(0.0).max(t.t0_min)), within(t, -5.0, 60.0)),
            Figure::Access,
            choice("Do engineers get an admin write through in this run?", &["Yes", "No"], 1),
            if happened { "No: every admin write is starved until the run ends.".into() } else { "Nothing needed fixing: no alert ever fired.".into() },
            "Ask how your team would reach the API if it were overloaded.",
            false,
        );
    };
    let wait = access - rc;
    let how: String = if p.break_glass {
        "Break-glass access let an admin write through an exempt priority level almost at once.".into()
    } else {
        let levers: Vec<&str> = [(p.scale_down, "scale nodes down"), (p.block_api, "block the API at the network"), (p.scale_up, "add API servers")]
            .into_iter()
            .filter(|(on, _)| *on)
            .map(|(_, w)| w)
            .collect();
        format!(
            "An admin write needs an API server that stays up long enough to answer, and every replica was OOM-killed seconds after it came back: the team had to shed load first{}.",
            if levers.is_empty() { String::new() } else { format!(" ({})", levers.join(", ")) }
        )
    };
    chapter(
        "Locked out: the fix needs the API that is down",
        (tenth_up(rc), within(t, rc - 2.0, access + 10.0)),
        Figure::Access,
        Question::Number {
            prompt: format!(
                "The root cause is known: delete the {}. How many minutes until an admin write gets through?",
                if restart::applies(p) { "webhook" } else { "agent" }
            ),
            unit: "min",
            answer: wait.round(),
            tolerance: 3.0f64.max(wait * 0.25).round(),
        },
        format!("The first admin write gets through at {}. {how}", clock(access)),
        "Ask: where does your break-glass path go, and has anyone used it under load? Common wrong answer: 'kubectl delete' — it needs the API.",
        true,
    )
}

/// 7. Shedding and the slow fix: crews, the ramp, the herd.
fn slow_fix(p: &Params, t: &Trace) -> Chapter {
    let (Some(access), Some(all)) = (at(t, EventKind::AccessRegained), t.summary.all_recovered_min) else {
        return chapter(
            "The slow fix",
            (tenth_up(t.t_end() - 1.0), within(t, t.t0_min, t.t_end())),
            Figure::Lanes,
            choice("Does every impacted cluster recover in this run?", &["Yes", "No"], 1),
            if t.summary.impacted_clusters == 0 {
                "Nothing needed recovering.".into()
            } else {
                crate::analysis::outlook::why_not_recovered(p, t).unwrap_or_else(|| "Not within the run.".into())
            },
            "Ask what would have to change for recovery to finish.",
            false,
        );
    };
    let span = all - access;
    let herd = t.first(EventKind::ControlPlaneDownAgain);
    chapter(
        "Shedding and the slow fix",
        (tenth_up(access), within(t, access - 5.0, all + 5.0)),
        Figure::Lanes,
        Question::Number {
            prompt: "The first admin write got through. How many minutes until every impacted cluster has recovered?".into(),
            unit: "min",
            answer: span.round(),
            tolerance: (span * 0.25).round().max(10.0),
        },
        if p.block_api {
            format!(
                "Every impacted cluster serves normally again at {}. {} crew{} bring{} clusters back one at a time, each readmitting traffic over a {}-minute ramp{}.",
                clock(all),
                p.crews,
                if p.crews == 1 { "" } else { "s" },
                if p.crews == 1 { "s" } else { "" },
                p.ramp_min,
                herd.map(|h| format!("; letting everyone back at once re-overloaded {} at {}", h.detail.split(" — ").next().unwrap_or(""), clock(h.t_min)))
                    .unwrap_or_else(|| ": everyone let back at once relists together, a storm of LISTs that APF's seats hold back (try the herd preset)".into())
            )
        } else {
            // Nothing was blocked, so nothing is readmitted: a cluster recovers once the agent
            // is gone and its relists settle.
            format!("Every impacted cluster serves normally again at {}. Nothing was blocked at the network, so nothing is readmitted: each recovers once the agent is gone and the relists it left behind settle.", clock(all))
        },
        &herd_note(p),
        true,
    )
}

/// Chapter 7's note. The herd preset's storm without a second fall is checked on the built-in
/// fleet (tests/native/claims.rs); a described fleet is not named by it.
fn herd_note(p: &Params) -> String {
    if p.fleet.is_none() {
        "Ask why not reconnect everything at once. Common wrong answer: 'the herd would knock it over again' — in this fleet the herd preset's relist storm passes in minutes: what re-overloads a cluster is memory, and informers that read the watch cache hold little of it.".into()
    } else {
        "Ask why not reconnect everything at once. Common wrong answer: 'faster is better' — letting every client back at once makes them all relist together."
            .into()
    }
}

/// 8. What would have helped: the follow-ups, one change each.
fn would_have_helped(p: &Params, t: &Trace) -> Chapter {
    let rows = compare(p, &t.summary);
    let singles: Vec<_> = rows.iter().filter(|r| r.parts.is_empty() && !r.already).collect();
    let mut best: Vec<_> = singles.clone();
    best.sort_by(|a, b| b.saved_min.total_cmp(&a.saved_min));
    // Four options: the best and the next three, shown in the postmortem's order (the order
    // gives nothing away).
    let top4: Vec<&str> = best.iter().take(4).map(|r| r.key).collect();
    let shown: Vec<_> = singles.iter().filter(|r| top4.contains(&r.key)).collect();
    let options: Vec<&str> = shown.iter().map(|r| r.label).collect();
    let top = best.first().map(|r| r.key);
    let correct = shown.iter().position(|r| Some(r.key) == top).unwrap_or(0);
    let end = t.t_end();
    // Minutes saved as the follow-ups table shows them: the difference of the rounded figures.
    let saved = |r: &crate::analysis::followups::Row| t.summary.impact_min.round() - r.impact_min.round();
    let explanation = match best.first() {
        Some(b) if saved(b) > 0.0 => format!(
            "{}: {} less customer impact. Next: {}. Each row changes one thing; bundles are listed apart.",
            b.label,
            duration(saved(b)),
            best.iter()
                .skip(1)
                .take(2)
                .map(|r| format!("{} ({})", r.label, if saved(r) > 0.0 { format!("{} less", duration(saved(r))) } else { "nothing".into() }))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        _ => "None of them saves anything here: this run has no customer impact to save.".into(),
    };
    chapter(
        "What would have helped",
        (tenth_up(end - 0.1).min(end), within(t, t.t0_min, end)),
        Figure::FollowUps,
        if options.len() >= 2 {
            Question::Choice { prompt: "Which single follow-up saves the most customer-impact minutes in this run?".into(), options: options.iter().map(|s| s.to_string()).collect(), correct }
        } else {
            // This run already has all but one of them.
            let saves = best.first().is_some_and(|b| saved(b) > 0.0);
            choice("This run already has most follow-ups. Would the one it lacks save customer-impact minutes?", &["Yes", "No"], if saves { 0 } else { 1 })
        },
        explanation,
        "Ask the room to rank the follow-ups before revealing; then ask which one they could ship this quarter. Common wrong answer: 'shorter TTLs' — they make customers notice sooner.",
        true,
    )
}

fn why_no_fall(p: &Params, t: &Trace) -> String {
    if p.streaming_lists {
        "the API servers stream LIST responses: each holds a chunk in memory, not the whole response".into()
    } else if let Some(h) = at(t, EventKind::RolloutHalted) {
        format!("the rollout was halted at {}, before the agent reached a cluster big enough to fall", clock(h))
    } else {
        format!(
            "at {} nodes in the largest cluster the agent's load stays within what the API servers can serve",
            group_thousands(t.clusters[largest(t)].nodes as i64)
        )
    }
}

fn ttl_words(ttl: u32) -> String {
    if ttl >= 120 {
        format!("{} min", ttl / 60)
    } else {
        format!("{ttl} s")
    }
}

fn duration_or_short(min: f64) -> String {
    if min < 10.0 {
        format!("{min:.1} min")
    } else {
        duration(min)
    }
}

fn pct(v: f64) -> String {
    if v < 0.01 {
        "under 1 %".into()
    } else {
        format!("{:.0} %", v * 100.0)
    }
}

fn times(load: f64) -> String {
    if load >= 1.0 {
        format!("{load:.1}×")
    } else {
        pct(load)
    }
}
