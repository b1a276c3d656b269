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

/// Which figure a chapter shows, and of what: a chapter's figure shows the subject its answer
/// is about (`Figure::subject` = `Mark::cluster`, tested).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Figure {
    /// The causal diagram at one cluster (an index into the trace's clusters).
    Diagram { cluster: usize },
    /// One cluster's CPU demand ÷ its cores (retries and relists included), with a second
    /// cluster's beside it to compare.
    Demand { cluster: usize, compare: Option<usize> },
    /// One cluster's API servers: memory held (a share of the limit) and replicas up.
    ApiServers { cluster: usize },
    /// What customers see against the control plane's state (the production fleet).
    Visibility,
    /// Engineers' access to one cluster's API.
    Access { cluster: usize },
    /// Every cluster's story.
    Lanes,
    /// The postmortem's follow-ups, each tried alone.
    FollowUps,
}

impl Figure {
    /// The figure's name in the guide's JSON (`view=` where an embed shows it alone).
    pub fn view_name(self) -> &'static str {
        match self {
            Figure::Diagram { .. } => "diagram",
            Figure::Demand { .. } => "demand",
            Figure::ApiServers { .. } => "apiservers",
            Figure::Visibility => "visibility",
            Figure::Access { .. } => "access",
            Figure::Lanes => "fleet",
            Figure::FollowUps => "followups",
        }
    }
    /// The cluster the figure is about; `None`: the fleet.
    pub fn subject(self) -> Option<usize> {
        match self {
            Figure::Diagram { cluster } | Figure::Demand { cluster, .. } | Figure::ApiServers { cluster } | Figure::Access { cluster } => Some(cluster),
            Figure::Visibility | Figure::Lanes | Figure::FollowUps => None,
        }
    }
}

/// A quantity a chapter's answer names, each with **one definition** (`read`), which the
/// figure draws and the answer states: two different quantities have two names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Quantity {
    /// CPU its clients ask ÷ its API servers' cores, retries and relists included
    /// (`ClusterSeries::load`), as a multiple. "The agent alone" is a different number
    /// (`sim::model::agent_cores_x`, before retries), named as such.
    Load,
    /// Memory held per replica that is up, % of its limit.
    Memory,
    /// API server replicas up (a count).
    ApiServersUp,
    /// Customers' requests failing, % fleet-wide (`FleetSeries::user_error`).
    CustomersFailing,
    /// Clusters the rollout has reached, % of the fleet (`FleetSeries::rollout`).
    RolloutReached,
    /// Minutes hidden: `Trace::hidden` (the control plane down, customers not yet failing).
    Hidden,
    /// Minutes from the root cause known to the first admin write through (on the subject).
    Locked,
    /// Minutes from the first admin write to every impacted cluster recovered.
    Recovery,
    /// Customer-impact minutes a follow-up saves (its row in the follow-ups table).
    Saved,
    /// MB one LIST holds in flight (the derivation; drawn as a note at the restart).
    HeldPerList,
    /// How many times one cluster's work the other's is: the agent alone on every node, in
    /// cores asked (`sim::model::agent_cores_x` × cores), drawn as each cluster's level.
    WorkRatio,
}

/// What a chapter's figure marks after the reveal: the answer's number on the answer's
/// subject, at its moment (`from == to`) or over its span. Reveal plays the cursor to `to`.
#[derive(Clone, Debug, PartialEq)]
pub struct Mark {
    pub quantity: Quantity,
    /// The cluster the answer is about; `None`: the fleet.
    pub cluster: Option<usize>,
    pub from: f64,
    pub to: f64,
    /// The answer's number, in the quantity's unit.
    pub value: f64,
    /// The words written on the figure.
    pub label: String,
    /// Levels drawn across the figure for a cluster (the agent alone on every node, ×
    /// its cores), with their words: a derivation the series is compared against.
    pub levels: Vec<(usize, f64, String)>,
}

impl Mark {
    /// The mark's height on its chart, in the panel's own unit: replicas up are drawn as a
    /// share of the replicas, memory as a share of the limit up to 100 %.
    pub fn drawn_at(&self, t: &Trace) -> Option<f64> {
        let v = self.quantity.read(t, self)?;
        Some(match self.quantity {
            Quantity::ApiServersUp => v / t.clusters[self.cluster?].settings.apiservers.max(1) as f64 * 100.0,
            Quantity::Memory => v.min(100.0),
            _ => v,
        })
    }
}

impl Quantity {
    /// The quantity as the figure shows it for `m` (its subject, its moment `to` or its span):
    /// the one reading views and the tests share. `None` where the figure does not draw it as
    /// a series (a derivation, a follow-up's saving).
    pub fn read(self, t: &Trace, m: &Mark) -> Option<f64> {
        let i = t.index_before(m.to);
        let c = m.cluster.and_then(|c| t.per_cluster.get(c));
        Some(match self {
            Quantity::Load => c?.load[i] as f64,
            Quantity::Memory => c?.memory[i] as f64 * 100.0,
            Quantity::ApiServersUp => c?.apiserver_up[i] as f64 * t.clusters[m.cluster?].settings.apiservers as f64,
            Quantity::CustomersFailing => t.fleet.user_error[i] as f64 * 100.0,
            Quantity::RolloutReached => t.fleet.rollout[i] as f64 * 100.0,
            Quantity::Hidden => {
                let (a, b) = t.hidden()?;
                b - a
            }
            Quantity::Locked | Quantity::Recovery => m.to - m.from,
            Quantity::Saved | Quantity::HeldPerList | Quantity::WorkRatio => return None,
        })
    }
}

/// One question, asked before the reveal.
#[derive(Clone, Debug, PartialEq)]
pub enum Question {
    /// A number within a tolerance (either side).
    Number { prompt: String, unit: &'static str, answer: f64, tolerance: f64 },
    /// One of 2–4 answers.
    Choice { prompt: String, options: Vec<String>, correct: usize },
    /// A question for the room with no one right answer (the closing chapter): Reveal shows
    /// what this run suggests.
    Open { prompt: String },
}

impl Question {
    pub fn prompt(&self) -> &str {
        match self {
            Question::Number { prompt, .. } | Question::Choice { prompt, .. } | Question::Open { prompt } => prompt,
        }
    }
    /// The answer in words, as the key gives it.
    pub fn answer_text(&self) -> String {
        match self {
            Question::Number { answer, unit, tolerance, .. } => format!("{} {unit} (± {})", fmt_num(*answer), fmt_num(*tolerance)),
            Question::Choice { options, correct, .. } => options[*correct].clone(),
            Question::Open { .. } => "yours to decide".into(),
        }
    }
    /// Whether the question has a right answer (the score counts only these).
    pub fn graded(&self) -> bool {
        !matches!(self, Question::Open { .. })
    }
    /// Whether a typed number or a chosen option (its index) is right.
    pub fn is_right(&self, given: f64) -> bool {
        match self {
            Question::Number { answer, tolerance, .. } => given.is_finite() && (given - answer).abs() <= *tolerance + 1e-9,
            Question::Choice { correct, .. } => given == *correct as f64,
            Question::Open { .. } => true,
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
    /// As links (`ch=`) count: 0 the opening, 1–8 the story, 9 the closing.
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
    /// Suggested minutes in the session (`chapters_for`'s length).
    pub minutes: u32,
    /// The chapter's event happens in this run (otherwise the explanation says why not).
    pub happened: bool,
    /// What the figure marks after the reveal (`None`: the opening and closing, and a
    /// chapter whose event does not happen).
    pub mark: Option<Mark>,
}

impl Chapter {
    /// "Opening", "Chapter 3 of 8", "Closing".
    pub fn place(&self) -> String {
        match self.n {
            0 => "Opening".into(),
            FIRST_STORY..=LAST_STORY => format!("Chapter {} of {LAST_STORY}", self.n),
            _ => "Closing".into(),
        }
    }
    /// The moment a reveal plays to: the mark's, or the chapter's own.
    pub fn answer_t(&self) -> f64 {
        self.mark.as_ref().map_or(self.t, |m| m.to.max(self.t))
    }
    fn marked(mut self, m: Mark) -> Chapter {
        self.mark = Some(m);
        self
    }
}

/// The story's chapters are numbered 1–8 (as links always had them); 0 opens, 9 closes.
pub const FIRST_STORY: usize = 1;
pub const LAST_STORY: usize = 8;
/// The last chapter's number (`ch=` runs 0 – `LAST`).
pub const LAST: usize = 9;

/// Session lengths the plan is written for, minutes.
pub const SESSIONS: [u32; 3] = [35, 45, 60];

/// Minutes per chapter (opening, 1–8, closing) for each of `SESSIONS`: each adds up to its
/// session, questions and discussion included.
const PLAN: [[u32; 10]; 3] = [[2, 3, 4, 4, 4, 3, 4, 4, 4, 3], [3, 4, 5, 5, 5, 4, 5, 5, 5, 4], [4, 5, 6, 7, 7, 5, 6, 7, 7, 6]];

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
/// The production cluster whose customers see errors first (over the customer threshold; ties
/// to the larger): the one whose DNS TTL decides how long the fall is hidden. The largest
/// when none does.
fn first_customer_cluster(t: &Trace) -> usize {
    let over = crate::sim::model::CUSTOMER_ERROR_THRESHOLD as f32;
    (0..t.clusters.len())
        .filter(|&c| !t.clusters[c].staging)
        .filter_map(|c| t.per_cluster[c].error.iter().position(|&e| e > over).map(|i| (i, c)))
        .min_by(|a, b| a.0.cmp(&b.0).then(t.clusters[b.1].nodes.cmp(&t.clusters[a.1].nodes)))
        .map_or_else(|| largest(t), |(_, c)| c)
}

/// How long that cluster's clients cache an answer, in words: "cached for 20 min", or "not
/// cached at all (TTL 0 s)" for a cluster with no cache (`model::caches_dns`).
fn cached_words(t: &Trace, c: usize) -> String {
    let ttl = t.clusters.get(c).map_or(0, |c| c.settings.ttl);
    if crate::sim::model::caches_dns(ttl) {
        format!("cached for {}", ttl_words(ttl))
    } else {
        format!("not cached at all (TTL {ttl} s)")
    }
}

/// The largest production cluster (the one the story follows).
fn largest(t: &Trace) -> usize {
    (0..t.clusters.len()).filter(|&c| !t.clusters[c].staging).max_by_key(|&c| t.clusters[c].nodes).unwrap_or(0)
}

/// The run's chapters in order, planned for a 45-minute session.
pub fn chapters(p: &Params, t: &Trace) -> Vec<Chapter> {
    chapters_for(p, t, 45)
}

/// The run's chapters (opening, the eight of the story, closing) with each chapter's minutes
/// for a session of `minutes` (one of `SESSIONS`; another length gets the nearest plan).
pub fn chapters_for(p: &Params, t: &Trace, minutes: u32) -> Vec<Chapter> {
    let december: [fn(&Params, &Trace) -> Chapter; 8] = [staging, lands, falls_unseen, customers, rollout_goes_on, locked_out, slow_fix, would_have_helped];
    let story = if restart::applies(p) { restart::BUILDERS } else { december };
    let plan = SESSIONS.iter().enumerate().min_by_key(|(_, s)| s.abs_diff(minutes)).map_or(1, |(i, _)| i);
    std::iter::once(opening as fn(&Params, &Trace) -> Chapter)
        .chain(story)
        .chain(std::iter::once(closing as fn(&Params, &Trace) -> Chapter))
        .enumerate()
        .map(|(i, b)| {
            let mut c = b(p, t);
            c.n = i;
            c.minutes = PLAN[plan][i];
            // A tolerance never takes in zero (for a non-zero answer): "no time at all" is the
            // wrong model a question about a delay exists to catch.
            if let Question::Number { answer, tolerance, .. } = &mut c.question {
                if *answer != 0.0 && *tolerance >= answer.abs() * 0.5 {
                    *tolerance = (answer.abs() * 5.0).floor() / 10.0;
                }
            }
            c
        })
        .collect()
}

/// The opening: the story in a minute and how to read the diagram, at the largest cluster
/// just before the agent reaches it. Its question is about the picture, not the run.
fn opening(p: &Params, t: &Trace) -> Chapter {
    let big = largest(t);
    let info = &t.clusters[big];
    let land = info.landed_min.unwrap_or(t.t0_min);
    let moment = tenth_up((land - 1.0).max(t.t0_min));
    let n = t.clusters.iter().filter(|c| !c.staging).count();
    let what = if restart::applies(p) { "an admission webhook's pod on every node" } else { "a new telemetry agent on every node" };
    chapter(
        "Before we start: a fleet, an agent, and DNS",
        (moment, within(t, moment - 5.0, moment + 5.0)),
        Figure::Diagram { cluster: big },
        choice(
            &format!(
                "A service in {} ({} nodes) looks up another by name. Where does the answer come from?",
                info.name,
                group_thousands(info.nodes as i64),
            ),
            &["CoreDNS, which learns it from the API servers", "A DNS server outside the cluster", "The node's kubelet"],
            0,
        ),
        format!(
            "CoreDNS learns services from the API servers; clients keep its answers for the TTL ({}). The data plane needs the control plane through DNS; the caches decide when a fall shows.",
            ttl_words(info.settings.ttl)
        ),
        &format!(
            "Set the scene in a minute; no numbers yet. The fleet: {n} production cluster{}, each about to get {what}. Point at the parts: agent → API servers → CoreDNS → clients' caches → customers. Everything after this is one of those arrows failing.",
            if n == 1 { "" } else { "s" }
        ),
        true,
    )
}

/// The closing: what the room would change in its own rollout, with what this run suggests.
fn closing(p: &Params, t: &Trace) -> Chapter {
    let end = t.t_end();
    let gate = if p.rollout == Rollout::Phased {
        "a gate on the control plane's health, as this run's phased rollout does"
    } else {
        "a gate that watches the control plane's health, not the agent's (the phased preset)"
    };
    let access = if p.break_glass { "this run had break-glass access" } else { "break-glass access that overload cannot starve" };
    chapter(
        "Your own rollout",
        (tenth_up(end - 0.1).min(end), within(t, t.t0_min, end)),
        Figure::Lanes,
        Question::Open { prompt: "What would you change in your own rollout of anything that talks to the API server?".into() },
        format!(
            "Three questions this run raises: does your test cluster reach the size where the agent's cost shows (its load grows with nodes²; `cascade check --fleet your-fleet.toml` gives each cluster's node cliff)? Does your rollout wait on {gate}? Can you reach the API when it is overloaded ({access})? Then make the DNS answers outlive an outage, or know how long they last."
        ),
        "Go round the room: one change each, for a rollout they own. Write them up; the tool's link to this run goes with them.",
        true,
    )
}

/// A chapter at `at` (its moment, and the window its figure and playback cover).
fn chapter(title: &str, at: (f64, (f64, f64)), figure: Figure, question: Question, explanation: String, note: &str, happened: bool) -> Chapter {
    let (t, window) = at;
    Chapter { n: 0, title: title.into(), t, window, figure, question, explanation, note: note.into(), minutes: 0, happened, mark: None }
}

fn choice(prompt: &str, options: &[&str], correct: usize) -> Question {
    Question::Choice { prompt: prompt.into(), options: options.iter().map(|s| s.to_string()).collect(), correct }
}

/// The sample with the largest value of `v` in `[a, b]`, and its moment on the link's grid.
fn peak_in(t: &Trace, v: &[f32], a: f64, b: f64) -> (f64, f64) {
    let (i0, i1) = (t.index_at(a), t.index_before(b));
    let i = (i0..=i1.max(i0)).fold(i0, |m, i| if v[i] > v[m] { i } else { m });
    (tenth_up(t.t_at(i)), v[i] as f64)
}

/// Chapter 1, why staging passed: the same agent on a small cluster, asked just before it
/// starts there and answered at its busiest moment in its first 15 minutes.
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
    let land = t.clusters[s].landed_min.unwrap_or(t.t0_min).max(t.t0_min);
    let end = (land + 15.0).min(t.t_end());
    let (peak_t, peak) = peak_in(t, &t.per_cluster[s].load, land, end);
    let fell = (t.index_at(land)..=t.index_before(end)).any(|i| t.per_cluster[s].cp_down(i));
    let correct = if fell {
        2
    } else if peak >= 0.8 {
        1
    } else {
        0
    };
    let n = group_thousands(nodes as i64);
    let name = &t.clusters[s].name;
    let (title, prompt, explanation, note) = if staged.is_some() {
        (
            "Staging first".to_string(),
            format!("The agent is about to start on the staging cluster ({n} nodes). In its first 15 minutes there, what happens to its API servers?"),
            format!("In its first 15 minutes with the agent, its API servers' busiest moment asks for {} of their CPU. At {n} nodes each node's LIST reads few pods, and there are few nodes: a test that small could not show what comes next.", pct(peak)),
            "Ask: what would a staging test have had to look like to catch this? Common wrong answer: 'staging was misconfigured'. It was simply small.",
        )
    } else {
        let outcome = if fell { "and its control plane falls" } else { "and it holds" };
        (
            "The first cluster the agent reaches".to_string(),
            match t.clusters[s].landed_min {
                Some(_) => format!("This fleet has no staging cluster; the agent is about to start on {name} ({n} nodes) first. In its first 15 minutes there, what happens to its API servers?"),
                None => format!("This fleet has no staging cluster, and the agent reaches none of it in this run. What happens to {name}'s ({n} nodes) API servers?"),
            },
            format!("In its first 15 minutes its API servers' busiest moment asks for {} of their CPU, {outcome}.", pct(peak)),
            "Ask: where could this agent have been tried first, at a size that shows its cost? This fleet has no staging cluster.",
        )
    };
    // Just before the agent starts there: the diagram shows nothing of the answer yet.
    let moment = tenth_up((land - 0.5).max(t.t0_min).min(t.t_end() - 0.1));
    chapter(
        &title,
        (moment, within(t, moment - 3.0, end)),
        Figure::Diagram { cluster: s },
        choice(&prompt, &["Nothing noticeable", "They slow down", "They fall over"], correct),
        explanation,
        note,
        true,
    )
    .marked(Mark {
        levels: Vec::new(),
        quantity: Quantity::Load,
        cluster: Some(s),
        from: peak_t,
        to: peak_t,
        value: peak,
        label: format!("{name}'s busiest moment: {} of its CPU", pct(peak)),
    })
}

/// How many times one number is another, as the lesson writes it ("9×", "2.4×").
fn ratio_words(r: f64) -> String {
    if r >= 10.0 {
        format!("{r:.0}×")
    } else {
        format!("{r:.1}×")
    }
}

/// Chapter 2 where no smaller production cluster has the agent by then: the largest alone.
fn lands_alone(p: &Params, t: &Trace, big: usize, (moment, land, answer_t): (f64, f64, f64)) -> Chapter {
    let (bn, bi) = (&t.clusters[big].name, &t.clusters[big]);
    let load_b = t.per_cluster[big].load[t.index_before(answer_t)] as f64;
    let alone = |c: usize| crate::sim::model::agent_cores_x(p, &t.clusters[c].settings);
    chapter(
        "The agent lands on the largest cluster",
        (moment, within(t, land - 5.0, land + 10.0)),
        Figure::Demand { cluster: big, compare: None },
        choice(
            &format!("The agent is about to start on {bn}'s {} nodes. What will its clients ask of its API servers' CPU?", group_thousands(bi.nodes as i64)),
            &["Less than they have", "About what they have", "Many times what they have"],
            if load_b >= 2.0 {
                2
            } else if load_b >= 0.8 {
                1
            } else {
                0
            },
        ),
        format!(
            "At {} its clients ask {} its API servers' cores, retries and relists included (the agent alone: {} the cores).",
            clock(answer_t),
            ratio_words(load_b),
            ratio_words(alone(big))
        ),
        "Ask what the agent's per-node cost grows with.",
        true,
    )
    .marked(Mark {
        levels: Vec::new(),
        quantity: Quantity::Load,
        cluster: Some(big),
        from: answer_t,
        to: answer_t,
        value: load_b,
        label: format!("{bn}: {} its cores", ratio_words(load_b)),
    })
}

/// Chapter 2, the agent lands on the large clusters: the work grows with nodes². Asked as it
/// lands, answered with both clusters' levels (the agent alone) on the figure.
fn lands(p: &Params, t: &Trace) -> Chapter {
    let big = largest(t);
    let Some(land) = t.clusters[big].landed_min else {
        return chapter(
            "The agent lands",
            (tenth_up(t.t0_min + 1.0), within(t, t.t0_min, t.t0_min + 30.0)),
            Figure::Demand { cluster: big, compare: None },
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
    // The answer's moment: just before the first control plane falls, or two minutes in.
    let answer_t = tenth_up(at(t, EventKind::ControlPlaneDown).filter(|d| *d > land + 0.2).map_or(land + 2.0, |d| d - 0.1)).min(t.t_end());
    // A production cluster about a third its size that has the agent by then, to compare with.
    let other = (0..t.clusters.len())
        .filter(|&c| {
            !t.clusters[c].staging && c != big && t.clusters[c].landed_min.is_some_and(|l| l < answer_t) && t.clusters[c].nodes < t.clusters[big].nodes
        })
        .min_by_key(|&c| (t.clusters[c].nodes as i64 * 3 - t.clusters[big].nodes as i64).abs());
    // A whole minute before it lands: the clock and T+ read the same minute.
    let moment = tenth_up((land - 1.0).max(t.t0_min));
    let Some(o) = other else {
        return lands_alone(p, t, big, (moment, land, answer_t));
    };
    let (bn, bi) = (&t.clusters[big].name, &t.clusters[big]);
    let cores = |c: usize| t.clusters[c].settings.apiservers as f64 * t.clusters[c].settings.cores as f64;
    let alone = |c: usize| crate::sim::model::agent_cores_x(p, &t.clusters[c].settings);
    let on = &t.clusters[o].name;
    let nodes_x = bi.nodes as f64 / t.clusters[o].nodes as f64;
    // The work, in cores the agent alone asks on every node: each cluster's ratio × its cores.
    let (alone_b, alone_o) = (alone(big), alone(o));
    let work_x = alone_b * cores(big) / (alone_o * cores(o)).max(1e-9);
    // Which rule the run's own ratio is nearest to (on a log scale): none, nodes, nodes².
    let dist = |r: f64| (work_x.max(1e-9).ln() - r.ln()).abs();
    let correct = [1.0, nodes_x, nodes_x * nodes_x].iter().enumerate().min_by(|a, b| dist(*a.1).total_cmp(&dist(*b.1))).map_or(1, |(k, _)| [2, 0, 1][k]);
    let sig3 = |v: f64| format!("{}×", crate::sim::agent::fmt3(v));
    chapter(
        "The agent lands on the large clusters",
        (moment, within(t, land - 5.0, land + 10.0)),
        Figure::Demand { cluster: big, compare: Some(o) },
        choice(&format!("The agent is about to start on {bn}, which has {:.1}× the nodes of {on}. Once it runs on every node, how much more work will it put on {bn}'s API servers?", nodes_x), &["About the nodes' ratio", "Roughly the square of that ratio", "About the same"], correct),
        format!(
            "{:.1}× the nodes, {} the work: every node lists every pod, so the work grows with nodes². The levels are the agent alone on every node: {} {bn}'s cores, {} {on}'s (a slow LIST stretches each poll, so under the square, {}). The lines add retries and relists.",
            nodes_x,
            ratio_words(work_x),
            sig3(alone_b),
            sig3(alone_o),
            ratio_words(nodes_x * nodes_x),
        ),
        "Ask the room to guess the ratio before revealing. Common wrong answer: 'proportional to nodes' — per-node cost times node count is N².",
        true,
    )
    .marked(Mark {
        quantity: Quantity::WorkRatio,
        cluster: Some(big),
        from: answer_t,
        to: answer_t,
        value: work_x,
        label: format!("{} the work", ratio_words(work_x)),
        levels: vec![(big, alone_b, format!("{bn}, the agent alone: {} its cores", sig3(alone_b))), (o, alone_o, format!("{on}, the agent alone: {} · {} less work", sig3(alone_o), ratio_words(work_x)))],
    })
}

/// Customers seeing errors less than this after the fall is no hidden fall: chapter 3 asks why
/// the caches hid nothing rather than how long they hid it (the screen already shows it).
pub const HIDDEN_AT_LEAST_MIN: f64 = 0.5;

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
    let first = first_customer_cluster(t);
    let (name, cached) = (t.clusters[first].name.as_str(), cached_words(t, first));
    // The cluster is named when it is not the one the story follows.
    let where_ = if first == largest(t) { "E".to_string() } else { format!("On {name}, where customers see errors first, e") };
    let (question, explanation, mark) = match cust {
        // Customers saw errors first or with the fall (a restart by hand before the verdict, or
        // a cluster whose answers are cached briefly or not at all): the screen shows that they
        // do, so the question asks why nothing was hidden.
        Some(c) if c < down + HIDDEN_AT_LEAST_MIN => (
            choice(
                &format!("Customers see errors {} the control plane falls. Why did the DNS caches hide nothing?", if c < down { "before" } else { "as" }),
                &[&format!("{name}'s DNS answers are {cached}"), "CoreDNS failed long before the control plane", "Customers call the API servers directly"],
                0,
            ),
            format!(
                "Customers saw errors from {}{}: on {name}, DNS answers are {cached}, so nothing held an answer long enough to hide the fall.",
                clock(c),
                if c < down { format!(", {} before the control plane counted as down", duration_or_short(down - c)) } else { String::new() },
            ),
            None,
        ),
        Some(c) => {
            let lead = (c - down) * 10.0;
            let lead = lead.round() / 10.0;
            (
                Question::Number { prompt: "The control plane has just fallen. How many minutes until customers see errors (some cluster over 2 % of its requests failing)?".into(), unit: "min", answer: lead, tolerance: 1.5f64.max(lead * 0.3) },
                format!(
                    "Hidden for {}{}: clients keep reaching services with the DNS answers they hold. {where_}ach answer is {cached} from when it was fetched, so expiries are spread evenly over that time: the first clients lose theirs within minutes, and errors climb as the rest expire (the next chapter).",
                    duration_or_short(lead),
                    if at(t, EventKind::RolloutFinished).is_none_or(|f| f > down) { ", while the rollout goes on" } else { "" },
                ),
                Some(Mark { levels: Vec::new(), quantity: Quantity::Hidden, cluster: None, from: down, to: c, value: c - down, label: format!("hidden {}", duration_or_short(lead)) }),
            )
        }
        None => (
            choice("The control plane has just fallen. When do customers see errors?", &["Within minutes", "After about a TTL", "Never in this run"], 2),
            "The caches (or DNS serving stale answers) hold long enough for the fix.".into(),
            None,
        ),
    };
    let unseen = cust.is_none_or(|c| c >= down + HIDDEN_AT_LEAST_MIN);
    let mut ch = chapter(
        if unseen { "The control plane falls while customers see nothing" } else { "The control plane falls and customers see it at once" },
        (tenth_up(down), within(t, down - 2.0, down + 25.0)),
        Figure::Visibility,
        question,
        explanation,
        "Point at the two lines: the control plane's share is already down while customers' errors are flat. Ask: which dashboard would you have been looking at?",
        true,
    );
    ch.mark = mark;
    ch
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
    let shifted = t.fleet.shifted[i] > 0.001;
    let shift = if shifted {
        " Fleet-wide it is below the failed clusters' own share: part of their traffic has been moved to healthy clusters, where it is served."
    } else {
        ""
    };
    let block = if blocked {
        " At that moment the crews are blocking the API at the network to reach it, and CoreDNS cannot sync through the block either: the remedy deepens the errors before it ends them."
    } else {
        ""
    };
    chapter(
        "Customers start failing as the caches expire",
        (tenth_up(c), within(t, c - 2.0, peak_at + 10.0)),
        Figure::Visibility,
        Question::Number { prompt: "Customers' errors have begun. At the worst moment, what share of all customers' requests will fail (fleet-wide, in %)?".into(), unit: "%", answer: peak.round(), tolerance: 10.0 },
        format!(
            "The worst moment is {}. Entries expire evenly over the TTL ({}), so errors ramp up over it rather than all at once; clusters whose control plane still works keep serving.{shift}{block}",
            t_plus(peak_at),
            match first_customer_cluster(t) {
                c if c == largest(t) => ttl_words(t.clusters[c].settings.ttl),
                c => format!("{}: {}", t.clusters[c].name, cached_words(t, c)),
            }
        ),
        "Ask why the errors ramp instead of jumping. Common wrong answer: 'CoreDNS went down' — it did earlier; the caches decide when customers notice.",
        true,
    )
    .marked(Mark { levels: Vec::new(), quantity: Quantity::CustomersFailing, cluster: None, from: tenth_up(peak_at), to: tenth_up(peak_at), value: peak, label: format!("worst: {:.0} % failing", peak) })
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
    // Asked as the first control plane falls, while the rollout is still going; answered
    // when it finishes, halts or the run ends.
    let ask = down.filter(|d| *d < moment).map_or(moment, |d| d);
    let (lo, hi) = (tenth_up(ask), tenth_up(moment).min(t.t_end()));
    let reached = t.fleet.rollout[t.index_before(hi)] as f64 * 100.0;
    chapter(
        "The rollout after the first fall",
        (lo, within(t, lo - 10.0, hi + 5.0)),
        Figure::Diagram { cluster: largest(t) },
        choice(
            &match down {
                Some(d) if d < moment => format!("A control plane has just fallen ({}). What will the rollout do?", clock(d)),
                Some(d) => format!("A control plane fell at {}. What did the rollout do?", clock(d)),
                None => "Watch the rollout. What does it do?".into(),
            },
            &["It finishes, reaching every cluster", "It halts", "It is still going when the run ends"],
            correct,
        ),
        words,
        "Ask what signal your own rollout gates watch. Common wrong answer: 'someone would have stopped it' — nobody was paged on the rollout.",
        true,
    )
    .marked(Mark {
        levels: Vec::new(),
        quantity: Quantity::RolloutReached,
        cluster: Some(largest(t)),
        from: lo,
        to: hi,
        value: reached,
        label: format!("{:.0} % of clusters reached", reached),
    })
}

/// 6. Locked out: the fix needs the API that is down.
fn locked_out(p: &Params, t: &Trace) -> Chapter {
    let (Some(rc), Some(access)) = (at(t, EventKind::RootCauseKnown), at(t, EventKind::AccessRegained)) else {
        let happened = at(t, EventKind::RootCauseKnown).is_some();
        return chapter(
            "Locked out",
            (tenth_up(at(t, EventKind::RootCauseKnown).unwrap_or(0.0).max(t.t0_min)), within(t, -5.0, 60.0)),
            Figure::Access { cluster: largest(t) },
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
    // The cluster engineers reached first: the figure shows its admin writes.
    let c = t.first(EventKind::AccessRegained).and_then(|e| e.cluster).filter(|&c| c < t.clusters.len()).unwrap_or_else(|| largest(t));
    let name = &t.clusters[c].name;
    chapter(
        "Locked out: the fix needs the API",
        (tenth_up(rc), within(t, rc - 2.0, access + 10.0)),
        Figure::Access { cluster: c },
        Question::Number {
            prompt: format!(
                "The root cause is known: delete the {} from {name}. How many minutes until an admin write gets through to {name}'s API?",
                if restart::applies(p) { "webhook" } else { "agent" }
            ),
            unit: "min",
            answer: wait.round(),
            tolerance: 3.0f64.max(wait * 0.25).round(),
        },
        format!(
            "The first admin write gets through to {name} at {}, {} after the root cause was known.{} {how}",
            clock(access),
            duration(wait.round()),
            rises(t, c, rc, access)
                .map(|r| format!(
                    " The line is the chance that a write gets through: it leaves zero at {}, and the engineers' next try succeeds at {}.",
                    clock(r),
                    clock(access)
                ))
                .unwrap_or_default()
        ),
        "Ask: where does your break-glass path go, and has anyone used it under load? Common wrong answer: 'kubectl delete' — it needs the API.",
        true,
    )
    .marked(Mark {
        levels: Vec::new(),
        quantity: Quantity::Locked,
        cluster: Some(c),
        from: rc,
        to: access,
        value: wait,
        label: format!("locked out {} · {}: first admin write", duration(wait.round()), clock(access)),
    })
}

/// When cluster `c`'s admin chance first leaves zero between `from` and `to` (before `to`).
fn rises(t: &Trace, c: usize, from: f64, to: f64) -> Option<f64> {
    let s = &t.per_cluster[c].admin;
    (t.index_at(from)..t.index_before(to)).find(|&i| s[i] > 0.005).map(|i| t.t_at(i)).filter(|r| *r < to - 0.5)
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
    .marked(Mark { levels: Vec::new(), quantity: Quantity::Recovery, cluster: None, from: access, to: all, value: span, label: format!("{} to recover every impacted cluster", duration(span.round())) })
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
    let mut ch = chapter(
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
    );
    ch.mark = best.first().map(|b| Mark {
        levels: Vec::new(),
        quantity: Quantity::Saved,
        cluster: None,
        from: end,
        to: end,
        value: saved(b),
        label: format!("{}: {} less customer impact", b.label, duration(saved(b).max(0.0))),
    });
    ch
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
