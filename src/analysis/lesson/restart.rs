//! The lesson for an incident a restart triggers (preset `multus-2021`,
//! openshift/multus-admission-controller#40): a cluster at rest under many informers, a restart
//! that breaks every watch, the relists that no longer fit in memory, and a loop that outlives
//! its trigger. Chapters 5–7 (customers' errors, locked out, the slow fix) are December's, read from
//! this run. Every number is the run's (or, in chapter 8, one-change variants of it).

use super::{chapter, choice, largest, pct, tenth_up, within, Chapter, Figure, Mark, Quantity, Question};
use crate::sim::model::agent_held_gb;
use crate::sim::{simulate_outcome, Action, Incident, Params, Trace, Verdict};
use crate::text::{clock, group_thousands, t_plus};

/// This lesson tells the run: a preset of the restart incident.
pub(super) fn applies(p: &Params) -> bool {
    p.preset.def().incident == Incident::Multus2021
}

pub(super) const BUILDERS: [fn(&Params, &Trace) -> Chapter; 8] =
    [at_rest, one_relist, comes_back, outlives, super::customers, super::locked_out, super::slow_fix, breaks_loop];

/// The first restart by hand, minutes after T.
fn restart_at(p: &Params) -> Option<f64> {
    p.interventions.iter().filter(|i| i.action == Action::Restart).map(|i| i.t_min).reduce(f64::min)
}

/// The cluster the story follows and its numbers as text.
struct Scene {
    c: usize,
    name: String,
    nodes: String,
    pods: String,
    apiservers: u32,
}

fn scene(t: &Trace) -> Scene {
    let c = largest(t);
    let info = &t.clusters[c];
    Scene {
        c,
        name: info.name.clone(),
        nodes: group_thousands(info.nodes as i64),
        pods: group_thousands((info.nodes as f64 * info.settings.pods as f64).round() as i64),
        apiservers: info.settings.apiservers,
    }
}

/// The largest of a series over samples `[a, b]` (minutes), the series read by `f`.
fn peak(t: &Trace, a: f64, b: f64, f: impl Fn(usize) -> f64) -> f64 {
    let (i0, i1) = (t.index_at(a), t.index_before(b));
    (i0..=i1.max(i0)).map(f).fold(0.0, f64::max)
}

/// 1. At rest: many informers, cheap while their watches hold.
fn at_rest(p: &Params, t: &Trace) -> Chapter {
    let s = scene(t);
    let series = &t.per_cluster[s.c];
    let from = t.clusters[s.c].landed_min.unwrap_or(t.t0_min) + 5.0;
    // Up to the sample before the restart (the restart's own sample has every replica down).
    let until = restart_at(p).map_or_else(|| t.t_end(), |r| r - t.dt_min);
    let (load_t, load) = super::peak_in(t, &series.load, from, until);
    // The first LISTs, as the webhook's pods start: a burst before the quiet.
    let start = t.clusters[s.c].landed_min.unwrap_or(t.t0_min);
    let first = peak(t, start, from, |i| series.load[i] as f64);
    let memory = peak(t, from, until, |i| series.memory[i] as f64);
    let fell = (t.index_at(from)..=t.index_before(until)).any(|i| series.cp_down(i));
    let correct = if fell {
        2
    } else if load >= 0.8 || memory >= 0.8 {
        1
    } else {
        0
    };
    // Asked before the webhook starts, so the figure cannot answer it; the reveal plays on.
    let landed = t.clusters[s.c].landed_min.unwrap_or(t.t0_min);
    let moment = tenth_up((landed - 0.5).max(t.t0_min));
    chapter(
        "A webhook that watches every pod",
        (moment, within(t, moment - 5.0, (from + until) / 2.0)),
        Figure::Diagram { cluster: s.c },
        choice(
            &format!(
                "The webhook is about to start on every one of {}'s {} nodes: each LISTs all {} pods in the cluster once, then keeps a watch on them. Once it runs everywhere, how busy are its API servers?",
                s.name, s.nodes, s.pods
            ),
            &["Barely busy", "Near their limits", "Falling over"],
            correct,
        ),
        format!(
            "Their first LISTs, as the pods start, ask for {} of the API servers' CPU for a minute or two; after that, at most {} of it, and {} of their memory. An informer LISTs once and then watches: after that first LIST it costs only the changes, so {} watchers are cheap — as long as their watches hold.",
            pct(first),
            pct(load),
            pct(memory),
            s.nodes
        ),
        "Ask what a watch costs the API server once it is established. Common wrong answer: 'hundreds of clients listing every pod must be heavy' — an informer lists once; it is the relist that costs.",
        !fell,
    )
    .marked(Mark { levels: Vec::new(), quantity: Quantity::Load, cluster: Some(s.c), from: load_t, to: load_t, value: load, label: format!("at rest: at most {} of its CPU", pct(load)) })
}

/// 2. What one relist holds in memory.
fn one_relist(p: &Params, t: &Trace) -> Chapter {
    let s = scene(t);
    let info = &t.clusters[s.c];
    let held_mb = agent_held_gb(p, &info.settings) * 1000.0;
    let response_mb = info.nodes as f64 * info.settings.pods as f64 * p.object_kb / 1000.0;
    let r = restart_at(p).unwrap_or_else(|| t.t_end());
    let all_gb = held_mb * info.nodes as f64 / 1000.0;
    let limit = info.settings.apiserver_mem_gb;
    let explanation = if p.streaming_lists || info.settings.streaming_lists {
        format!("About {} MB: the API servers stream LISTs, so each holds a chunk, not its {} MB response (KEP-3157).", held_mb.round(), response_mb.round())
    } else {
        format!(
            "About {} MB: {} pods × {} KB is a {} MB response, and the API server holds about {:.0}× that while it builds and encodes it (KEP-3157). All {} relists at once would hold {} GB, against {} GB in each of {} replicas.",
            group_thousands(held_mb.round() as i64),
            s.pods,
            p.object_kb,
            group_thousands(response_mb.round() as i64),
            held_mb / response_mb,
            s.nodes,
            group_thousands(all_gb.round() as i64),
            limit,
            s.apiservers
        )
    };
    // Asked just before the restart: nothing on screen has broken yet.
    chapter(
        "The restart: every watch breaks",
        (tenth_up(r - 0.1), within(t, r - 10.0, r + 5.0)),
        Figure::ApiServers { cluster: s.c },
        Question::Number {
            prompt: format!(
                "At {} all {} API servers will be restarted: every watch breaks, and as they come back each of the {} webhooks LISTs all {} pods again, in one response from the watch cache. How much API-server memory does one such LIST hold while it is in flight (MB)?",
                clock(r),
                s.apiservers,
                s.nodes,
                s.pods
            ),
            unit: "MB",
            answer: held_mb.round(),
            tolerance: (held_mb * 0.3).round().max(1.0),
        },
        explanation,
        "Ask the room to size one response first (pods × KB), then guess the multiple. Common wrong answer: 'the watch cache is in memory already, so it costs nothing' — the cache saves the etcd read, not the response being built.",
        restart_at(p).is_some(),
    )
    .marked(Mark { levels: Vec::new(),
        quantity: Quantity::HeldPerList,
        cluster: Some(s.c),
        from: tenth_up(r),
        to: tenth_up(r),
        value: held_mb.round(),
        label: format!("{} MB held per relist", group_thousands(held_mb.round() as i64)),
    })
}

/// The cluster's verdict after the restart, with when.
fn after_restart(t: &Trace, c: usize) -> Verdict {
    t.clusters[c].verdict()
}

/// 3. The replicas come back into the relists.
fn comes_back(p: &Params, t: &Trace) -> Chapter {
    let s = scene(t);
    let r = restart_at(p).unwrap_or_else(|| t.t_end());
    let series = &t.per_cluster[s.c];
    let (memory_t, memory) = super::peak_in(t, &series.memory, r, (r + 30.0).min(t.t_end()));
    let (correct, words) = match after_restart(t, s.c) {
        Verdict::CrashLooping { at_min } | Verdict::Fell { at_min } => (
            1,
            format!(
                "From {} its replicas keep being OOM-killed: each one that comes back is handed the relists of every broken watch, which ask for more memory than it has ({} its limit at the worst, spread over the few replicas up), it is killed, its own watches break, and their relists move to the next.",
                clock(at_min),
                times_limit(memory)
            ),
        ),
        Verdict::Saturated { at_min } => (
            2,
            format!("From {} the relists wait in APF's queues and some get 429s, but memory peaks at {} of the limit: they slow down and stay up.", clock(at_min), pct(memory)),
        ),
        Verdict::Ok => (0, format!("The relists fit: memory peaks at {} of the limit, and every watch is back within minutes.", pct(memory))),
    };
    chapter(
        "They come back into the storm",
        (tenth_up(r - 0.1), within(t, r - 2.0, r + 10.0)),
        Figure::Diagram { cluster: s.c },
        choice(
            &format!("{}'s API servers are about to restart. As they come back, every webhook relists at once. What happens next?", s.name),
            &["They serve the relists and settle within minutes", "They are OOM-killed, come back, and are killed again", "They slow down but stay up"],
            correct,
        ),
        words,
        "Ask what APF protects. Common wrong answer: 'priority and fairness will queue them' — APF bounds how many run at once and how much CPU they get, not how much memory each response holds.",
        restart_at(p).is_some(),
    )
    .marked(Mark { levels: Vec::new(), quantity: Quantity::Memory, cluster: Some(s.c), from: memory_t, to: memory_t, value: memory * 100.0, label: format!("memory at its worst: {:.0} % of the limit", memory * 100.0) })
}

/// 4. The loop outlives its trigger.
fn outlives(p: &Params, t: &Trace) -> Chapter {
    let s = scene(t);
    let r = restart_at(p).unwrap_or_else(|| t.t_end());
    let later = r + 15.0;
    let i = t.index_before(tenth_up(later));
    let up = t.per_cluster[s.c].apiserver_up[i] as f64 * s.apiservers as f64;
    let memory = t.per_cluster[s.c].memory[i] as f64;
    let looping = t.per_cluster[s.c].crash_looping[i] > 0.5;
    let words = if looping {
        format!(
            "{:.1} of {} on average at {}, asked for {} their memory limit. The restart took a minute; the loop it started needs no trigger any more: every replica that dies breaks the watches it served, and their relists kill the next one. A metastable failure — the trigger is gone and the load sustains itself — until someone removes the clients or changes what a relist holds.",
            up,
            s.apiservers,
            t_plus(later),
            times_limit(memory)
        )
    } else {
        format!(
            "{:.1} of {} on average at {}: the relists went through and the watches hold again; the cluster is back at rest.",
            up,
            s.apiservers,
            t_plus(later)
        )
    };
    chapter(
        "The loop outlives its trigger",
        (tenth_up(r + 1.0), within(t, r - 2.0, later + 2.0)),
        Figure::ApiServers { cluster: s.c },
        Question::Number {
            prompt: format!(
                "The restart was a minute's work. Fifteen minutes after it, at {}, how many of the {} API servers are up, on average?",
                clock(later),
                s.apiservers
            ),
            unit: "of them",
            answer: (up * 10.0).round() / 10.0,
            tolerance: 0.5,
        },
        words,
        "Ask: what would you do now, and does it need the API? Common wrong answer: 'restart them again' — that is the trigger; the relists are the loop.",
        restart_at(p).is_some(),
    )
    .marked(Mark {
        levels: Vec::new(),
        quantity: Quantity::ApiServersUp,
        cluster: Some(s.c),
        from: tenth_up(later),
        to: tenth_up(later),
        value: up,
        label: format!("{}: {:.1} of {} up", clock(later), up, s.apiservers),
    })
}

/// Memory asked against the limit: "3.3×" past it, "85 %" under it.
fn times_limit(m: f64) -> String {
    if m >= 1.0 {
        format!("{m:.1}×")
    } else {
        format!("{} of", pct(m))
    }
}

/// One change to try against the loop: its label and the parameters it sets.
const CHANGES: [(&str, &[(&str, &str)]); 3] = [
    ("Twice the API servers' memory", &[]),
    ("Streamed LISTs (KEP-3157)", &[("streaming_lists", "true")]),
    ("Relists paced with jittered backoff", &[("retry", "jittered")]),
];

/// Whether the cluster escapes the loop on its own with one change (nobody removes the
/// webhook: the crews start only after the run).
fn escapes(p: &Params, t: &Trace, i: usize) -> Option<bool> {
    let mut q = p.clone();
    q.remediate_after = 180;
    q.horizon = q.horizon.max(60);
    if i == 0 {
        let mem = (t.clusters[largest(t)].settings.apiserver_mem_gb * 2).to_string();
        q.set_text("apiserver_mem_gb", &mem).ok()?;
    }
    for (k, v) in CHANGES[i].1 {
        q.set_text(k, v).ok()?;
    }
    let (_, clusters) = simulate_outcome(&q);
    Some(clusters.iter().all(|c| !matches!(c.verdict(), Verdict::CrashLooping { .. } | Verdict::Fell { .. })))
}

/// 8. What breaks the loop: each change alone, nobody touching the webhook.
fn breaks_loop(p: &Params, t: &Trace) -> Chapter {
    let end = t.t_end();
    let works: Vec<Option<bool>> = (0..CHANGES.len()).map(|i| escapes(p, t, i)).collect();
    let yes: Vec<usize> = (0..CHANGES.len()).filter(|&i| works[i] == Some(true)).collect();
    let looped = matches!(after_restart(t, largest(t)), Verdict::CrashLooping { .. } | Verdict::Fell { .. });
    let mut options: Vec<&str> = CHANGES.iter().map(|c| c.0).collect();
    options.push("Any one of them");
    let question = match yes.len() {
        3 => choice("Which change, made before the restart, would have let the cluster come back on its own?", &options, 3),
        1 => choice("Which change, made before the restart, would have let the cluster come back on its own?", &options, yes[0]),
        _ => choice(
            &format!("Would {} alone, made before the restart, have let the cluster come back on its own?", CHANGES[0].0.to_lowercase()),
            &["Yes", "No"],
            usize::from(works[0] != Some(true)),
        ),
    };
    let each: Vec<String> = CHANGES
        .iter()
        .zip(&works)
        .map(|((label, _), w)| format!("{label}: {}", if *w == Some(true) { "comes back on its own" } else { "still loops" }))
        .collect();
    chapter(
        "What breaks the loop",
        (tenth_up(end - 0.1).min(end), within(t, t.t0_min, end)),
        Figure::Lanes,
        question,
        format!(
            "{}. {} Each is this run with one change and nobody removing the webhook. The report's own fix was the client: list only what it needs, and relist paced.",
            each.join("; "),
            if looped { "Here the loop lasted until the webhook was removed." } else { "Here the cluster came back on its own." }
        ),
        "Ask which of these you could change this week, and which needs an upgrade. Common wrong answer: 'more replicas' — each replica holds its share of the same relists.",
        looped || !yes.is_empty(),
    )
}
