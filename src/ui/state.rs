//! The app's one state and its actions (a `use_reducer`, as in Yew's function_todomvc;
//! `hooks::use_app_state` makes it one). Pure Rust: no Yew or DOM here, so the reducer
//! compiles and is tested natively. The simulation is never run from the UI's timers:
//! only a parameter change re-simulates; playback moves a cursor.

use crate::formats::link::{
    default_cluster, drop_late_interventions, move_early_interventions, run_start_min, tenth_within, LinkState, Notice, NoticeKind, View,
};
use crate::sim::agent::AgentSpec;
use crate::sim::fleet::{self, Fleet};
use crate::sim::plan::Plan;
use crate::sim::{simulate, Action, EventKind, Intervention, Key, Params, Preset, Trace};
use crate::ui::seam::ToPage;
use std::rc::Rc;

/// Minutes of incident per second of playback (one list, the link format's).
pub use crate::formats::link::{DEFAULT_SPEED, SPEEDS};

/// A shared trace compared by identity, so comparing props or states on every frame is
/// O(1) instead of walking every series (`Rc<Trace>`'s `==` compares contents).
#[derive(Clone, Debug)]
pub struct TraceRef(pub Rc<Trace>);

impl PartialEq for TraceRef {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl std::ops::Deref for TraceRef {
    type Target = Trace;
    fn deref(&self) -> &Trace {
        &self.0
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Run {
    pub params: Params,
    pub trace: TraceRef,
    /// Bumped on every re-simulation: a cheap dependency for effects that redraw.
    pub id: u64,
}

#[derive(Clone, Debug, PartialEq)]
pub struct State {
    pub run: Run,
    pub pinned: Option<Run>,
    pub cursor: f64,
    pub playing: bool,
    pub speed: f64,
    pub notices: Vec<Notice>,
    pub view: View,
    pub reduced_motion: bool,
    pub next_id: u64,
    /// Predict, then reveal: the trainee's guess (minutes) for first customer errors.
    pub guess: Option<f64>,
    /// The window the user had when a lesson opened: leaving the lesson restores it.
    pub before_lesson: Option<Option<crate::formats::link::Window>>,
    /// Playing to a moment (`PlayTo`): where to stop, and minutes per second.
    pub play_to: Option<(f64, f64)>,
}

/// What a link of the page's state names: the run (and its view), or the moment too.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LinkAt {
    /// The run and its view, no cursor (the address bar while playing, the share bar's link).
    Run,
    /// The run, its view and the cursor (`t=`): this moment.
    Moment,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Msg {
    Set(Key, f64),
    Preset(Preset),
    Reset,
    Play,
    /// Play the cursor to this moment in about three seconds and stop there (a lesson's
    /// Reveal plays to its answer); a jump with reduced motion.
    PlayTo(f64),
    Pause,
    Toggle,
    Tick(f64),
    Seek(f64),
    PrevEvent,
    NextEvent,
    /// Home / End: the cursor to the start / end of the run, or of its `from`/`to` window.
    ToStart,
    ToEnd,
    /// Open lesson chapter `n` (1-based) at its moment, its window the playback span.
    Chapter {
        n: u32,
        t: f64,
        window: (f64, f64),
    },
    /// Start (at chapter 1) or leave lesson mode; leaving also leaves present mode and the
    /// chapter's window.
    Lesson(bool),
    /// Present mode on or off (it is lesson mode for a projector).
    Present(bool),
    Speed(f64),
    Pin,
    Unpin,
    Intervene(Action),
    RemoveIntervention(usize),
    DismissNotices,
    Guess(f64),
    ClearGuess,
    /// Show this cluster (an index into the trace's clusters) in the causal diagram.
    SelectCluster(usize),
    /// The sweep view: set these parameters (a chosen cell's two values) and pin the run they
    /// replace for compare. Nothing happens when they are the current values already.
    SetAndPin(Vec<(Key, f64)>),
    /// The sweep view's axes and metric (`None`: the default), as its link carries them.
    SetSweep(crate::formats::link::SweepView),
    /// Spoiler-free mode on or off.
    Teach(bool),
    /// Run this fleet as written (`agents` becomes its largest cluster; `None`: December's
    /// built-in fleet). An invalid one changes nothing and says why in a notice; a plan naming
    /// clusters the new fleet lacks is dropped, saying so.
    SetFleet(Option<Fleet>),
    /// The agent as calls (`None`: the `cost` knob). An invalid one changes nothing, with a notice.
    SetAgent(Option<AgentSpec>),
    /// A rollout plan of its own (`None`: the named plan `rollout` picks). One that does not
    /// fit the run's fleet changes nothing, with a notice.
    SetPlan(Option<Plan>),
}

impl Msg {
    /// A panel's message (`ui::seam::ToPage`) as the reducer takes it; `None` for `Close`,
    /// which is the island's to act on, not the reducer's.
    pub fn from_page(m: ToPage) -> Option<Msg> {
        Some(match m {
            ToPage::SetAndPin(values) => Msg::SetAndPin(values),
            ToPage::SetSweep(sweep) => Msg::SetSweep(sweep),
            ToPage::Chapter { n, t, window } => Msg::Chapter { n, t, window },
            ToPage::SetFleet(f) => Msg::SetFleet(f),
            ToPage::SetAgent(a) => Msg::SetAgent(a),
            ToPage::SetPlan(p) => Msg::SetPlan(p),
            ToPage::Set(k, v) => Msg::Set(k, v),
            ToPage::Lesson(on) => Msg::Lesson(on),
            ToPage::Present(on) => Msg::Present(on),
            ToPage::Close => return None,
        })
    }
}

fn run(params: Params, id: u64) -> Run {
    Run { trace: TraceRef(Rc::new(simulate(&params))), params, id }
}

impl State {
    pub fn from_link(link: LinkState, notices: Vec<Notice>, reduced_motion: bool) -> State {
        let main = run(link.params, 1);
        let pinned = link.compare.map(|p| run(p, 2));
        let start = main.trace.t0_min;
        let mut s = State {
            cursor: start,
            playing: link.view.autoplay && !reduced_motion,
            run: main,
            pinned,
            speed: link.view.speed,
            notices,
            view: link.view,
            reduced_motion,
            next_id: 3,
            guess: None,
            before_lesson: None,
            play_to: None,
        };
        // Without `t` a link opens at the start of what it shows: its window's, or the run's.
        let (a, b) = s.bounds();
        s.cursor = link.t.unwrap_or(a).clamp(a, b);
        s
    }

    /// A moment of the run at link precision (0.1 min), never rounded out of the run.
    fn tenth(&self, t: f64) -> f64 {
        tenth_within(t, run_start_min(&self.run.params), self.run.params.horizon as f64)
    }

    pub fn link(&self, at: LinkAt) -> LinkState {
        LinkState {
            params: self.run.params.clone(),
            t: (at == LinkAt::Moment).then(|| self.tenth(self.cursor)),
            compare: self.pinned.as_ref().map(|r| r.params.clone()),
            view: View { speed: self.speed, ..self.view.clone() },
        }
    }

    /// Spoiler-free mode: the last sample at or before the cursor (charts draw up to it);
    /// `None` when everything may show.
    pub fn reveal_sample(&self) -> Option<f64> {
        let t = self.trace();
        self.view.teach.then(|| t.t_at(t.index_before(self.cursor)))
    }

    /// Spoiler-free mode: the time of the last event passed (what headline numbers may show);
    /// changes only at events, so panels keyed on it do not re-render every frame.
    pub fn reveal_event(&self) -> Option<f64> {
        let t = self.trace();
        self.view.teach.then(|| t.events.iter().take_while(|e| e.t_min <= self.cursor).last().map_or(f64::NEG_INFINITY, |e| e.t_min))
    }

    pub fn trace(&self) -> &Trace {
        &self.run.trace
    }

    /// The span playback and the scrubber move in: the link's `from`/`to` window, kept inside
    /// the run, or the whole run. The simulation itself always covers the whole run.
    pub fn bounds(&self) -> (f64, f64) {
        let (a, b) = (self.trace().t0_min, self.trace().t_end());
        match self.view.window {
            Some(w) if w.from.max(a) < w.to.min(b) => (w.from.max(a), w.to.min(b)),
            _ => (a, b),
        }
    }

    fn with_params(&mut self, mut p: Params) {
        // A lowered horizon drops the interventions after it, as opening its link would; say so.
        if let Some(said) = drop_late_interventions(&mut p) {
            self.note(NoticeKind::Interventions, said);
        }
        // A fleet, plan or rollout window that starts the run later moves the interventions
        // before its start to it, as opening its link would; say so.
        if let Some(said) = move_early_interventions(&mut p) {
            self.note(NoticeKind::Interventions, said);
        }
        if p != self.run.params {
            // Another fleet's clusters: the diagram goes to its largest (the old index means nothing).
            if fleet::names(&p) != fleet::names(&self.run.params) {
                self.view.cluster = default_cluster(&p);
            }
            // A window is kept inside the run as its start or end moves (dropped when nothing
            // of it is left), so the link still opens as written; the cursor stays inside both.
            self.view.window = self.view.window.and_then(|w| w.within(run_start_min(&p), p.horizon as f64));
            self.run = run(p, self.next_id);
            self.next_id += 1;
            let (a, b) = self.bounds();
            self.cursor = self.cursor.clamp(a, b);
        }
    }

    /// Event times a person steps between (one per moment, in order).
    pub fn stops(&self) -> Vec<f64> {
        let (a, b) = self.bounds();
        // Only moments inside the run (and the window) (an intervention from a link may lie outside it).
        let mut v: Vec<f64> = self
            .trace()
            .events
            .iter()
            .filter(|e| e.kind != EventKind::ClusterRecovered && (a..=b).contains(&e.t_min))
            .map(|e| event_moment(e.t_min).min(b))
            .collect();
        v.dedup_by(|a, b| (*a - *b).abs() < 0.01);
        v
    }

    /// Events the cursor has passed (those at or before it): how far the story has got.
    pub fn events_passed(&self) -> usize {
        self.trace().events.partition_point(|e| e.t_min <= self.cursor)
    }

    /// The cursor is at the end of the run (a "never" may be told).
    pub fn at_end(&self) -> bool {
        self.cursor >= self.trace().t_end() - 1e-9
    }

    pub fn apply(&mut self, msg: Msg) {
        match msg {
            Msg::Set(..) | Msg::Preset(_) | Msg::Reset | Msg::Intervene(_) | Msg::RemoveIntervention(_) | Msg::SetAndPin(_) => self.apply_params(msg),
            Msg::SetFleet(_) | Msg::SetAgent(_) | Msg::SetPlan(_) => self.apply_described(msg),
            Msg::Play | Msg::PlayTo(_) | Msg::Pause | Msg::Toggle | Msg::Tick(_) | Msg::Speed(_) => self.apply_playback(msg),
            Msg::Seek(_) | Msg::PrevEvent | Msg::NextEvent | Msg::ToStart | Msg::ToEnd => self.apply_cursor(msg),
            Msg::Chapter { .. } | Msg::Lesson(_) | Msg::Present(_) => self.apply_lesson(msg),
            Msg::Pin => {
                let mut pinned = self.run.clone();
                pinned.id = self.next_id;
                self.next_id += 1;
                self.pinned = Some(pinned);
            }
            Msg::Unpin => self.pinned = None,
            Msg::DismissNotices => self.notices.clear(),
            Msg::Guess(m) => self.guess = Some(m),
            Msg::ClearGuess => self.guess = None,
            Msg::SelectCluster(i) => self.view.cluster = i.min(self.trace().clusters.len().saturating_sub(1)),
            Msg::SetSweep(sweep) => self.view.sweep = sweep,
            Msg::Teach(on) => self.view.teach = on,
        }
    }

    /// Messages that change the run's parameters (and so re-simulate).
    fn apply_params(&mut self, msg: Msg) {
        let mut p = self.run.params.clone();
        match msg {
            Msg::Set(key, v) => {
                // A typed value outside the range runs clamped, and says so (never silently).
                let spec = key.spec();
                if v.is_finite() && (v < spec.min || v > spec.max) {
                    let used = spec.clamp(v);
                    let typed = if v.fract() == 0.0 && v.abs() < 1e15 {
                        crate::text::group_thousands(v as i64)
                    } else {
                        format!("{v:.3}").trim_end_matches('0').trim_end_matches('.').to_string()
                    };
                    self.note(
                        NoticeKind::Clamped,
                        format!(
                            "{} {typed} {} is outside its range ({}); using {}.",
                            spec.label,
                            spec.unit,
                            crate::sim::params::range_text(spec),
                            spec.display(used)
                        )
                        .replace("  ", " "),
                    );
                }
                p.set(key, v);
            }
            Msg::Preset(preset) => p = with_described(Params::from_preset(preset), p),
            Msg::Reset => {
                p = Params::default();
                self.notices.clear();
            }
            Msg::Intervene(action) if p.interventions.len() < crate::sim::params::MAX_INTERVENTIONS => {
                p.interventions.push(Intervention { t_min: self.tenth(self.cursor), action });
                crate::sim::params::normalize_interventions(&mut p.interventions);
            }
            Msg::RemoveIntervention(i) if i < p.interventions.len() => {
                p.interventions.remove(i);
            }
            Msg::SetAndPin(values) => {
                for (key, v) in values {
                    p.set(key, v);
                }
                // The run it replaces is pinned, so the two can be compared — and said so.
                if p != self.run.params {
                    self.apply(Msg::Pin);
                    self.note(
                        NoticeKind::Done,
                        "The run before this change is pinned for comparison (the faded lines and the headline's differences); Unpin under Compare.".into(),
                    );
                }
            }
            _ => {}
        }
        self.with_params(p);
    }

    /// The described fleet, agent and plan. Each is checked here too (a message from a panel
    /// of another build is not trusted): a bad one keeps the run as it is and says why.
    fn apply_described(&mut self, msg: Msg) {
        let mut p = self.run.params.clone();
        let checked = match msg {
            Msg::SetFleet(f) => f.as_ref().map_or(Ok(()), Fleet::validate).map(|()| {
                if let Some(dropped) = p.set_fleet(f) {
                    let named = p.rollout.name();
                    self.note(
                        NoticeKind::Described,
                        format!(
                            "The rollout plan ({}) names clusters this fleet does not have; using the named plan '{named}'.",
                            crate::text::count(dropped.waves.len() as i64, "wave", "waves")
                        ),
                    );
                }
            }),
            Msg::SetAgent(a) => a.as_ref().map_or(Ok(()), AgentSpec::validate).map(|()| p.agent = a),
            Msg::SetPlan(pl) => pl.as_ref().map_or(Ok(()), |pl| pl.validate(&fleet::names(&p))).map(|()| p.plan = pl),
            _ => Ok(()),
        };
        if let Err(e) = checked {
            self.note(NoticeKind::Refused, format!("{e}; the run keeps its last valid setting."));
            return;
        }
        self.with_params(p);
    }

    /// A notice, once.
    fn note(&mut self, kind: NoticeKind, text: String) {
        if !self.notices.iter().any(|n| n.text == text) {
            self.notices.push(Notice { kind, text });
        }
    }

    fn apply_playback(&mut self, msg: Msg) {
        match msg {
            Msg::Play => {
                // At (or past) the end of the window, play it again from its start.
                let (a, b) = self.bounds();
                if self.cursor >= b - 1e-9 || self.cursor < a {
                    self.cursor = a;
                }
                self.play_to = None;
                self.playing = true;
            }
            Msg::PlayTo(t) if t.is_finite() => {
                let (a, b) = self.bounds();
                let to = t.clamp(a, b);
                if self.reduced_motion || to <= self.cursor {
                    self.cursor = to;
                    self.playing = false;
                } else {
                    self.play_to = Some((to, ((to - self.cursor) / 3.0).max(self.speed)));
                    self.playing = true;
                }
            }
            Msg::Pause => {
                self.playing = false;
                self.play_to = None;
            }
            Msg::Toggle => self.apply_playback(if self.playing { Msg::Pause } else { Msg::Play }),
            Msg::Tick(dt_s) if self.playing && self.play_to.is_some() => {
                let (to, speed) = self.play_to.unwrap_or((self.cursor, 0.0));
                self.cursor = (self.cursor + dt_s.clamp(0.0, 0.25) * speed).min(to);
                if self.cursor >= to {
                    self.playing = false;
                    self.play_to = None;
                }
            }
            Msg::Tick(dt_s) if self.playing => {
                // Playback stops at the window's end (`to=`), or the run's.
                let end = self.bounds().1;
                // Clamp a long frame (a background tab) so playback never leaps.
                self.cursor = (self.cursor + dt_s.clamp(0.0, 0.25) * self.speed).min(end);
                if self.cursor >= end {
                    self.playing = false;
                }
            }
            // Snap to an offered speed, so the link carries one the picker shows.
            Msg::Speed(s) if s.is_finite() && s > 0.0 => {
                self.speed = SPEEDS.iter().copied().min_by(|a, b| (a - s).abs().total_cmp(&(b - s).abs())).unwrap_or(DEFAULT_SPEED);
            }
            _ => {}
        }
    }

    fn apply_cursor(&mut self, msg: Msg) {
        let c = self.cursor;
        let (a, b) = self.bounds();
        match msg {
            Msg::Seek(t) if t.is_finite() => self.cursor = t.clamp(a, b),
            Msg::PrevEvent => self.cursor = self.stops().into_iter().rev().find(|&t| t < c - 0.05).unwrap_or(a),
            Msg::NextEvent => {
                if let Some(t) = self.stops().into_iter().find(|&t| t > c + 0.05) {
                    self.cursor = t;
                }
            }
            Msg::ToStart => self.cursor = a,
            Msg::ToEnd => {
                // Playback has nothing left to play there.
                self.cursor = b;
                self.playing = false;
            }
            _ => {}
        }
    }

    fn apply_lesson(&mut self, msg: Msg) {
        match msg {
            Msg::Chapter { n, t, window } => {
                self.view.chapter = n.min(crate::formats::link::CHAPTERS);
                self.playing = false;
                let (a, b) = (self.trace().t0_min, self.trace().t_end());
                self.view.window = crate::formats::link::Window { from: window.0, to: window.1 }.within(a, b);
                let (lo, hi) = self.bounds();
                if t.is_finite() {
                    self.cursor = t.clamp(lo, hi);
                }
            }
            Msg::Lesson(on) => {
                if on && !self.view.lesson && !self.view.present {
                    self.before_lesson = Some(self.view.window);
                    // Started from the page: the lesson opens with its opening chapter.
                    self.view.chapter = 0;
                }
                self.view.lesson = on;
                self.playing = false;
                if !on {
                    // Back to the run and window the user had, at the chapter's own moment,
                    // spoiler-free: nothing later than where the lesson stood is told.
                    self.view.present = false;
                    self.view.presenter = false;
                    self.view.window = self.before_lesson.take().flatten();
                    // The chapter stays as it was: the lesson's figure, still mounted for a
                    // moment, must not open another chapter (and clamp the run to its window).
                    self.view.teach = true;
                    let (a, b) = self.bounds();
                    self.cursor = self.cursor.clamp(a, b);
                }
            }
            Msg::Present(on) => {
                if on && !self.view.lesson && !self.view.present {
                    self.before_lesson = Some(self.view.window);
                }
                self.view.present = on;
                self.view.lesson = self.view.lesson || on;
            }
            _ => {}
        }
    }
}

/// A preset over a run with a described fleet or agent: they describe *your* system, not the
/// scenario, so they stay (`agents` their largest cluster unless the preset sets it). A plan of
/// its own goes: the preset says how the agent rolls out.
fn with_described(mut next: Params, mut from: Params) -> Params {
    next.agent = from.agent.take();
    if from.fleet.is_some() {
        let sized = next.preset.def().changes.iter().any(|(k, _)| *k == "agents");
        let agents = next.agents;
        next.set_fleet(from.fleet.take());
        if sized {
            next.agents = agents;
        }
    }
    next
}

/// Where stepping to an event puts the cursor: the event's time rounded *up* to the link's
/// 0.1 min. Events fall on the model's 10-s steps, more than 0.1 min apart, so that moment
/// reads the very step the event was logged in (every view shows its state) and a link to it
/// reopens there.
pub fn event_moment(t_min: f64) -> f64 {
    (t_min * 10.0 - 1e-9).ceil() / 10.0
}
