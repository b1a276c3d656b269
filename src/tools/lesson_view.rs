//! The lesson, one chapter at a time (`lesson=1`), for a projector (`present=1`), or one
//! chapter as a docs figure (`embed=1&view=chapter&ch=N`). The chapters come from
//! `lesson::chapters` (pure, natively tested); this view shows the chapter's figure at its
//! moment, asks its question, and only after Reveal puts the answer in the page — nothing in
//! the DOM, an accessible name or a tooltip holds it before.

use crate::analysis::lesson::{chapters, Chapter, Figure, Question};
use crate::formats::link::LinkState;
use crate::text::{clock, t_plus};
use crate::tools::followups_panel::FollowUps;
use crate::ui::components::{ChartView, Diagram, Playback, Room, Swimlanes};
use crate::ui::dom;
use crate::ui::hooks::use_playback;
use crate::ui::seam::ToPage;
use crate::ui::state::{LinkAt, Msg, State};
use crate::views::chart::{ChartMark, Lesson as ChartLesson, Panel};
use gloo::events::{EventListener, EventListenerOptions};
use std::collections::BTreeMap;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// How the lesson is shown.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum LessonMode {
    /// A learner alone: chapter, question, reveal, back/next, a score at the end.
    Learn,
    /// A facilitator at a projector: the figure and the question, sized for the room; never the notes.
    Present,
    /// Present mode's second window, on the presenter's laptop (`presenter=1`): the notes,
    /// the answer, the next chapter and a timer, in step with the projected window.
    Presenter,
    /// One chapter in a docs page: its figure, question and reveal.
    Figure,
}

#[derive(Properties, PartialEq)]
pub struct LessonAppProps {
    /// The run and how to show it (`lesson`, `present`, `ch`, `embed`, `view=chapter`), as a link.
    pub query: String,
    pub dark: bool,
    /// What the app hears (across the module boundary): chapter changes and leaving.
    pub dispatch: Callback<ToPage>,
}

/// The lesson's root in the tools module: its own page state (the cursor, playback) from the
/// link it is mounted with; the chapter, leaving and present mode are told to the app, which
/// keeps the link.
#[component]
pub fn LessonApp(p: &LessonAppProps) -> Html {
    let state = {
        let q = p.query.clone();
        use_reducer(move || {
            let (link, _) = LinkState::decode(&q);
            State::from_link(link, Vec::new(), dom::prefers_reduced_motion())
        })
    };
    let dispatch = {
        let (local, app) = (state.dispatcher(), p.dispatch.clone());
        use_callback((), move |m: Msg, _| {
            // The link is the app's: it hears where the lesson is and whether it is still open.
            let tell = match &m {
                Msg::Chapter { n, t, window } => Some(ToPage::Chapter { n: *n, t: *t, window: *window }),
                Msg::Lesson(on) => Some(ToPage::Lesson(*on)),
                Msg::Present(on) => Some(ToPage::Present(*on)),
                _ => None,
            };
            if let Some(m) = tell {
                app.emit(m);
            }
            local.dispatch(m);
        })
    };
    use_playback(state.playing, dispatch.clone());
    // The handout: every chapter at once, still, for printing (answers only on request).
    let handout = use_state(|| None::<bool>);
    if let Some(answers) = *handout {
        let set = handout.setter();
        return html! { <Handout state={(*state).clone()} {answers} on_change={Callback::from(move |v: Option<bool>| set.set(v))} dispatch={dispatch.clone()} /> };
    }
    let open_handout = {
        let set = handout.setter();
        Callback::from(move |_: ()| set.set(Some(false)))
    };
    let mode = if state.view.embed {
        LessonMode::Figure
    } else if state.view.presenter {
        LessonMode::Presenter
    } else if state.view.present {
        LessonMode::Present
    } else {
        LessonMode::Learn
    };
    html! { <LessonView state={(*state).clone()} {mode} dark={p.dark} {dispatch} on_handout={open_handout} /> }
}

#[derive(Properties, PartialEq)]
pub struct HandoutProps {
    pub state: State,
    /// The facilitator's copy: each chapter's answer and note printed too.
    pub answers: bool,
    /// `Some(answers)` to change the copy, `None` to go back to the lesson.
    pub on_change: Callback<Option<bool>>,
    pub dispatch: Callback<Msg>,
}

/// Every chapter on its own block: its figure drawn still at its moment, light, no controls,
/// the question with its options, the chapter's link as text, and — in the facilitator's
/// copy — the answer and the note. The print stylesheet keeps each block whole.
#[component]
pub fn Handout(p: &HandoutProps) -> Html {
    let s = &p.state;
    let list = {
        let (params, trace) = (s.run.params.clone(), s.run.trace.clone());
        use_memo(s.run.id, move |_| chapters(&params, &trace))
    };
    let (on_change, answers) = (p.on_change.clone(), p.answers);
    let toggle = on_change.reform(move |_: Event| Some(!answers));
    let back = on_change.reform(|_: MouseEvent| None);
    let print = Callback::from(|_: MouseEvent| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    });
    html! {
        <div class="handout" id="handout">
            <div class="handout-tools">
                <button class="btn primary" id="handout-print" onclick={print}>{"Print"}</button>
                <label class="toggle-inline"><input type="checkbox" id="handout-answers" checked={answers} onchange={toggle} />{" Include the answers and notes (the facilitator's copy)"}</label>
                <button class="btn" id="handout-back" onclick={back}>{"Back to the lesson"}</button>
            </div>
            <h1>{"Cascade Lab — the lesson"}{ if answers { " (facilitator's copy)" } else { "" } }</h1>
            { for list.iter().map(|ch| {
                // Each chapter's own moment and window, still.
                let mut at = s.clone();
                at.playing = false;
                at.cursor = ch.t;
                at.view.window = crate::formats::link::Window { from: ch.window.0, to: ch.window.1 }.within(s.trace().t0_min, s.trace().t_end());
                let mut link = at.link(LinkAt::Run);
                link.view.lesson = true;
                link.view.chapter = ch.n as u32;
                html! {
                    <section class="handout-chapter" aria-labelledby={format!("handout-{}", ch.n)}>
                        <h2 id={format!("handout-{}", ch.n)}>{format!("{} — {} ({} min)", ch.place(), ch.title, ch.minutes)}</h2>
                        <p class="lesson-moment">{clock(ch.t)}<span class="muted">{format!(" · {}", t_plus(ch.t))}</span></p>
                        // The learner's copy of the follow-ups chapter prints its options, not a table of blanks.
                        if answers || ch.figure != Figure::FollowUps {
                            <div class="handout-figure">{ figure_html(&at, ch, &p.dispatch, Shown { revealed: answers, dark: false, playback: false, zoom: 1.0 }) }</div>
                        }
                        <p class="lesson-prompt"><strong>{"Question: "}</strong>{ch.question.prompt().to_string()}</p>
                        if let Question::Choice { options, .. } = &ch.question {
                            <ol class="handout-options" type="a">{ for options.iter().map(|o| html! { <li>{o.clone()}</li> }) }</ol>
                        }
                        if answers {
                            <p class="handout-answer"><strong>{"Answer: "}</strong>{ if ch.question.graded() { format!("{}. ", ch.question.answer_text()) } else { String::new() } }{ch.explanation.clone()}</p>
                            <p class="handout-note"><strong>{"For the facilitator: "}</strong>{ch.note.clone()}</p>
                        }
                        <p class="handout-link">{dom::full_app_url(&link)}</p>
                    </section>
                }
            }) }
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct LessonProps {
    pub state: State,
    pub mode: LessonMode,
    pub dark: bool,
    pub dispatch: Callback<Msg>,
    /// Opens the printable handout.
    #[prop_or_default]
    pub on_handout: Callback<()>,
}

/// What the learner has done in one chapter.
#[derive(Clone, Default, PartialEq)]
struct Attempt {
    typed: String,
    chosen: Option<usize>,
    revealed: bool,
}

/// Lesson-wide state a key listener can reach without going stale: every chapter's attempt,
/// kept as the learner moves between chapters (→ then ← keeps a reveal).
#[derive(Clone, Default, PartialEq)]
struct Progress {
    attempts: BTreeMap<usize, Attempt>,
    /// Per graded chapter: right or wrong, once revealed.
    scores: BTreeMap<usize, bool>,
}

impl Progress {
    fn at(&self, n: usize) -> Attempt {
        self.attempts.get(&n).cloned().unwrap_or_default()
    }
}

enum Act {
    Type(usize, String),
    Choose(usize, usize),
    Reveal(Rc<Question>, usize),
    /// A new run: every chapter asks again.
    Reset,
}

impl Reducible for Progress {
    type Action = Act;
    fn reduce(self: Rc<Self>, a: Act) -> Rc<Self> {
        let mut p = (*self).clone();
        match a {
            Act::Type(n, s) => p.attempts.entry(n).or_default().typed = s,
            Act::Choose(n, i) => p.attempts.entry(n).or_default().chosen = Some(i),
            Act::Reveal(q, n) => {
                let at = p.attempts.entry(n).or_default();
                if !at.revealed {
                    at.revealed = true;
                    let given = match &*q {
                        Question::Number { .. } => crate::sim::params::parse_number(at.typed.trim()),
                        Question::Choice { .. } => at.chosen.map(|i| i as f64),
                        Question::Open { .. } => None,
                    };
                    if q.graded() {
                        p.scores.insert(n, given.is_some_and(|g| q.is_right(g)));
                    }
                }
            }
            Act::Reset => p = Progress::default(),
        }
        Rc::new(p)
    }
}

/// The channel present mode's two windows keep in step on: "go N" and "reveal N".
const CHANNEL: &str = "cascade-lab-lesson";

#[component]
pub fn LessonView(p: &LessonProps) -> Html {
    let s = &p.state;
    let d = &p.dispatch;
    // Chapters are computed once per run (they re-simulate the follow-ups: a few ms).
    let list = {
        let (params, trace) = (s.run.params.clone(), s.run.trace.clone());
        use_memo(s.run.id, move |_| chapters(&params, &trace))
    };
    let last = list.len().saturating_sub(1) as u32;
    let n = s.view.chapter.min(last);
    let ch = list[n as usize].clone();
    let progress = use_reducer(Progress::default);
    {
        let pr = progress.dispatcher();
        use_effect_with(s.run.id, move |_| pr.dispatch(Act::Reset));
    }
    // Opening a chapter (or a new run) puts the cursor at its moment, its window as the span;
    // a chapter already revealed shows its answer's moment again.
    let attempt = progress.at(n as usize);
    {
        let (d, ch, revealed) = (d.clone(), ch.clone(), attempt.revealed);
        use_effect_with((n, s.run.id), move |_| {
            d.emit(Msg::Chapter { n: ch.n as u32, t: ch.t, window: ch.window });
            if revealed {
                d.emit(Msg::Seek(ch.answer_t()));
            }
        });
    }
    let LessonActions { go, reveal, leave } = use_lesson_actions(list.clone(), &ch, n, progress.clone(), d.clone());
    let open_presenter = presenter_opener(s);
    use_lesson_keys(LessonKeys { mode: p.mode, n, last, go: go.clone(), reveal: reveal.clone(), presenter: open_presenter.clone(), leave: leave.clone() });

    let revealed = attempt.revealed;
    use_focus_answer(revealed);
    // A room's screen: the figure's text sized for the back row.
    let zoom = if matches!(p.mode, LessonMode::Present) { dom::viewport_width().map_or(1.0, |w| (w / 1090.0).clamp(1.32, 2.4)) } else { 1.0 };
    let figure = figure_html(s, &ch, d, Shown { revealed, dark: p.dark, playback: p.mode != LessonMode::Figure, zoom });
    // The diagram and the follow-ups need the column's width; charts and lanes sit beside the question.
    let wide = matches!(ch.figure, Figure::Diagram { .. });
    let graded = list.iter().filter(|c| c.question.graded()).count();
    let side = side_html(p, &ch, (n, last, graded), &progress, &attempt, go.clone(), reveal.clone(), (open_presenter, leave.clone()));
    let classes = classes!(
        "lesson",
        match p.mode {
            LessonMode::Learn => "lesson-learn",
            LessonMode::Present => "lesson-present",
            LessonMode::Presenter => "lesson-presenter",
            LessonMode::Figure => "lesson-figure",
        }
    );
    let next = list.get(n as usize + 1).map(|c| format!("{} — {}", c.place(), c.title));
    html! {
        <div class={classes} id="lesson">
            { top_html(&ch, p.mode) }
            <div class={classes!("lesson-body", wide.then_some("wide-figure"))}>
                <div class="lesson-fig">{ figure }</div>
                <aside class="lesson-side" aria-label="Question">{ side }</aside>
            </div>
            if p.mode == LessonMode::Presenter {
                <Presenter ch={ch.clone()} {next} />
            }
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct PresenterProps {
    ch: Chapter,
    next: Option<String>,
}

/// The presenter's own panel: the answer, the note, the next chapter, and a timer against the
/// chapter's planned minutes (reset as the chapter changes).
#[component]
fn Presenter(p: &PresenterProps) -> Html {
    let started = use_state(dom::now_ms);
    let chapter_start = use_mut_ref(|| (p.ch.n, dom::now_ms()));
    let tick = use_state(|| 0u32);
    {
        let tick = tick.clone();
        use_effect_with((), move |_| {
            let i = gloo::timers::callback::Interval::new(1000, move || tick.set(*tick + 1));
            move || drop(i)
        });
    }
    if chapter_start.borrow().0 != p.ch.n {
        *chapter_start.borrow_mut() = (p.ch.n, dom::now_ms());
    }
    let now = dom::now_ms();
    let mmss = |ms: f64| {
        let s = (ms / 1000.0).max(0.0) as u64;
        format!("{}:{:02}", s / 60, s % 60)
    };
    let on_chapter = now - chapter_start.borrow().1;
    let over = on_chapter > p.ch.minutes as f64 * 60_000.0;
    html! {
        <section class="presenter" id="presenter" aria-label="Presenter's notes">
            <p class={classes!("presenter-timer", over.then_some("over"))} id="presenter-timer">
                {format!("This chapter {} of {} min · session {}", mmss(on_chapter), p.ch.minutes, mmss(now - *started))}
            </p>
            if p.ch.question.graded() {
                <p><strong>{"Answer: "}</strong>{p.ch.question.answer_text()}</p>
            }
            <p class="presenter-explanation">{p.ch.explanation.clone()}</p>
            <p class="presenter-note" id="presenter-note"><strong>{"For you: "}</strong>{p.ch.note.clone()}</p>
            <p class="presenter-next" id="presenter-next">{ match &p.next { Some(t) => format!("Next: {t}"), None => "Next: the end — thank the room.".into() } }</p>
        </section>
    }
}

/// Opens present mode's presenter window (`presenter=1`) on this run and chapter.
fn presenter_opener(s: &State) -> Callback<()> {
    let s = s.clone();
    Callback::from(move |_: ()| {
        let mut link = s.link(LinkAt::Run);
        link.view.present = true;
        link.view.presenter = true;
        if let Some(w) = web_sys::window() {
            let _ = w.open_with_url_and_target_and_features(&dom::full_app_url(&link), "cascade-presenter", "popup,width=1100,height=760");
        }
    })
}

/// After Reveal, focus moves to the answer (keyboard and screen-reader users land on it).
#[hook]
fn use_focus_answer(revealed: bool) {
    use_effect_with(revealed, move |r| {
        if *r {
            if let Some(e) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("lesson-answer")) {
                if let Ok(h) = e.dyn_into::<web_sys::HtmlElement>() {
                    let _ = h.focus();
                }
            }
        }
    });
}

/// What moves the lesson, in this window and in present mode's other one (a
/// `BroadcastChannel`): a chapter change, a reveal, leaving.
struct LessonActions {
    go: Callback<u32>,
    reveal: Callback<()>,
    leave: Callback<Msg>,
}

#[hook]
fn use_lesson_actions(list: Rc<Vec<Chapter>>, ch: &Chapter, n: u32, progress: UseReducerHandle<Progress>, d: Callback<Msg>) -> LessonActions {
    let channel = use_memo((), |_| web_sys::BroadcastChannel::new(CHANNEL).ok());
    let go_here = {
        let (d, list, pr) = (d.clone(), list, progress.clone());
        Callback::from(move |k: u32| {
            let c = &list[k.min(list.len() as u32 - 1) as usize];
            d.emit(Msg::Chapter { n: c.n as u32, t: c.t, window: c.window });
            if pr.at(c.n).revealed {
                d.emit(Msg::Seek(c.answer_t()));
            }
        })
    };
    let go = {
        let (go_here, channel) = (go_here.clone(), channel.clone());
        Callback::from(move |k: u32| {
            go_here.emit(k);
            if let Some(c) = channel.as_ref() {
                let _ = c.post_message(&format!("go {k}").into());
            }
        })
    };
    let question = Rc::new(ch.question.clone());
    let reveal_here = {
        let (pr, q, d, at) = (progress.dispatcher(), question.clone(), d.clone(), ch.answer_t());
        Callback::from(move |_: ()| {
            pr.dispatch(Act::Reveal(q.clone(), n as usize));
            // Reveal plays the figure to the answer's moment.
            d.emit(Msg::PlayTo(at));
        })
    };
    let reveal = {
        let (reveal_here, channel) = (reveal_here.clone(), channel.clone());
        Callback::from(move |_: ()| {
            reveal_here.emit(());
            if let Some(c) = channel.as_ref() {
                let _ = c.post_message(&format!("reveal {n}").into());
            }
        })
    };
    // Leaving (Esc, Leave) in either window leaves in both.
    let leave = {
        let (d, channel) = (d.clone(), channel.clone());
        Callback::from(move |m: Msg| {
            if matches!(m, Msg::Lesson(false)) {
                if let Some(c) = channel.as_ref() {
                    let _ = c.post_message(&"leave 0".into());
                }
            }
            d.emit(m);
        })
    };
    use_lesson_sync(channel.clone(), n, go_here, reveal_here, d.clone());
    LessonActions { go, reveal, leave }
}

/// Keeps present mode's windows in step: a chapter change or a reveal in one is done in the other.
#[hook]
fn use_lesson_sync(channel: Rc<Option<web_sys::BroadcastChannel>>, n: u32, go: Callback<u32>, reveal: Callback<()>, leave: Callback<Msg>) {
    use_effect_with(n, move |_| {
        let listener = channel.as_ref().as_ref().map(|c| {
            EventListener::new(c, "message", move |e| {
                let Some(text) = e.dyn_ref::<web_sys::MessageEvent>().and_then(|m| m.data().as_string()) else { return };
                match text.split_once(' ') {
                    Some(("go", k)) => {
                        if let Ok(k) = k.parse::<u32>() {
                            if k != n {
                                go.emit(k);
                            }
                        }
                    }
                    Some(("reveal", k)) if k.parse::<u32>() == Ok(n) => reveal.emit(()),
                    Some(("leave", _)) => leave.emit(Msg::Lesson(false)),
                    _ => {}
                }
            })
        });
        move || drop(listener)
    });
}

/// Beside the figure: the moment, the question, the answer (or its reserved place), and
/// outside a figure the chapters' navigation and score. The room's screen never holds the
/// facilitator's note (the presenter's window does).
#[allow(clippy::too_many_arguments)]
fn side_html(
    p: &LessonProps,
    ch: &Chapter,
    (n, last, graded): (u32, u32, usize),
    progress: &UseReducerHandle<Progress>,
    attempt: &Attempt,
    go: Callback<u32>,
    reveal: Callback<()>,
    (presenter, leave): (Callback<()>, Callback<Msg>),
) -> Html {
    let revealed = attempt.revealed;
    html! {
    <>
        <p class="lesson-moment">{clock(ch.t)}<span class="muted">{format!(" · {}", t_plus(ch.t))}</span></p>
        { question_html(ch, progress, attempt, p.mode == LessonMode::Figure, reveal) }
        if p.mode == LessonMode::Figure {
            // A figure in a docs page keeps its height when the answer arrives: the space is
            // reserved with the answer's shape (redacted, so nothing is given away early).
            <div class="reserve">
                { answer_ghost(ch) }
                if revealed {
                    { answer_html(ch, progress, attempt, MarkWords::Omit) }
                } else {
                    <button class="btn primary" id="lesson-reveal" type="submit" form="lesson-form">{"Reveal"}</button>
                }
            </div>
        } else if revealed {
            { answer_html(ch, progress, attempt, MarkWords::Say) }
        }
        if p.mode != LessonMode::Figure {
            { nav_html(n, last, go, leave, p.mode) }
            if p.mode == LessonMode::Present {
                <p class="lesson-more"><button class="linklike" id="lesson-presenter" onclick={presenter.reform(|_| ())}>{"Open the presenter view (P): notes, answer, timer"}</button></p>
            }
            <p class="lesson-more"><button class="linklike" id="lesson-handout" onclick={p.on_handout.reform(|_| ())}>{"Print a handout of every chapter"}</button></p>
        }
        if p.mode != LessonMode::Figure && n == last && revealed { { score_html(&progress.scores, graded) } }
    </>
    }
}

/// The chapter's place in the lesson and its title (and in present mode, a note for small screens).
fn top_html(ch: &Chapter, mode: LessonMode) -> Html {
    html! {
        <header class="lesson-top">
            <p class="lesson-progress" id="lesson-progress">{ch.place()}{ if mode == LessonMode::Presenter { " · presenter view" } else { "" } }</p>
            <h1 class="lesson-title" id="lesson-title">{ch.title.clone()}</h1>
            if mode == LessonMode::Present {
                <p class="lesson-small-screen">{"Present mode is made for screens 1024 px wide and more; on this screen use lesson mode."}</p>
            }
        </header>
    }
}

/// How a chapter's figure is shown.
#[derive(Clone, Copy)]
struct Shown {
    /// The answer is revealed: marked on the figure.
    revealed: bool,
    dark: bool,
    /// With its playback bar (not in a docs page's figure or the handout).
    playback: bool,
    /// The chart text's zoom (a room's screen).
    zoom: f64,
}

/// The chapter's figure at its moment, of the answer's subject; before the reveal charts and
/// lanes stop at the cursor, after it the answer is marked on the figure.
fn figure_html(s: &State, ch: &Chapter, d: &Callback<Msg>, shown: Shown) -> Html {
    let Shown { revealed, dark, playback: with_playback, zoom } = shown;
    let trace = &s.run.trace;
    let window = s.view.window.map(|_| s.bounds());
    // Drawn up to the cursor before and after the reveal (Reveal plays the cursor to the
    // answer): a revealed chapter never shows what the next chapter asks.
    let until = Some(trace.t_at(trace.index_before(s.cursor)));
    let playback = html! {
        if with_playback { <Playback trace={trace.clone()} cursor={s.cursor} playing={s.playing} speed={s.speed} teach={!revealed} {window} dispatch={d.clone()} /> }
    };
    let mark = ch.mark.as_ref().filter(|_| revealed).map(|m| ChartMark {
        from: m.from,
        to: m.to,
        value: m.drawn_at(trace),
        label: m.label.clone(),
        levels: m.levels.iter().map(|(_, v, w)| (*v, w.clone())).collect(),
    });
    let chart = |panel: Panel, cluster: Option<usize>, compare: Option<usize>| {
        let lesson = Some(ChartLesson { cluster, compare, mark: mark.clone() });
        html! {
            <section class="panel figure-charts lesson-chart">
                <ChartView trace={trace.clone()} ghost={None::<crate::ui::state::TraceRef>} cursor={s.cursor} {until} {dark} {window} panel={Some(panel)} {lesson} {zoom} draw={Some(crate::views::chart::Drawer(crate::views::chart::draw_lesson_panels))} />
            </section>
        }
    };
    let body = match ch.figure {
        Figure::Diagram { cluster } => html! {
            <Diagram trace={trace.clone()} params={s.run.params.clone()} pinned={None::<(crate::ui::state::TraceRef, crate::sim::Params)>}
                sample={trace.index_before(s.cursor)} passed={s.events_passed()}
                {cluster} playing={s.playing} reduced_motion={s.reduced_motion} spoiler_free=true room={Room::Moment} dispatch={d.clone()} />
        },
        Figure::Demand { cluster, compare } => chart(Panel::Demand, Some(cluster), compare),
        Figure::ApiServers { cluster } => chart(Panel::ApiServers, Some(cluster), None),
        Figure::Visibility => chart(Panel::Visibility, None, None),
        Figure::Access { cluster } => chart(Panel::Access, Some(cluster), None),
        Figure::Lanes => {
            html! { <Swimlanes trace={trace.clone()} sample={trace.index_before(s.cursor)} {until} dispatch={d.clone()} zoom={(zoom / 1.32).clamp(1.0, 1.3)} /> }
        }
        // The follow-ups' numbers are the answer: they wait for the reveal.
        Figure::FollowUps => html! {
            <FollowUps params={s.run.params.clone()} hide_numbers={!revealed} dispatch={local_page(d)} />
        },
    };
    html! { <>{ body }{ playback }</> }
}

fn question_html(ch: &Chapter, progress: &UseReducerHandle<Progress>, attempt: &Attempt, in_place: bool, reveal: Callback<()>) -> Html {
    let pr = progress.dispatcher();
    let revealed = attempt.revealed;
    let n = ch.n;
    let input = match &ch.question {
        Question::Number { unit, .. } => {
            let pr = pr.clone();
            html! {
                <label class="lesson-number">
                    <span class="sr-only">{"Your answer"}</span>
                    <input id="lesson-input" type="text" inputmode="decimal" autocomplete="off" disabled={revealed}
                        value={attempt.typed.clone()}
                        oninput={Callback::from(move |e: InputEvent| {
                            if let Some(i) = e.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) {
                                pr.dispatch(Act::Type(n, i.value()));
                            }
                        })} />
                    <span class="unit">{*unit}</span>
                </label>
            }
        }
        Question::Choice { options, .. } => html! {
            <fieldset class="lesson-choices" disabled={revealed}>
                <legend class="sr-only">{"Your answer"}</legend>
                { for options.iter().enumerate().map(|(i, o)| {
                    let pr = pr.clone();
                    html! {
                        <label class="lesson-choice">
                            <input type="radio" name="lesson-choice" id={format!("lesson-choice-{i}")} checked={attempt.chosen == Some(i)}
                                onchange={Callback::from(move |_| pr.dispatch(Act::Choose(n, i)))} />
                            {o.clone()}
                        </label>
                    }
                }) }
            </fieldset>
        },
        Question::Open { .. } => html! {},
    };
    html! {
        <section class="lesson-question" aria-labelledby="lesson-q">
            <h2 id="lesson-q" class="lesson-prompt">{ch.question.prompt().to_string()}</h2>
            <form id="lesson-form" onsubmit={Callback::from(move |e: SubmitEvent| { e.prevent_default(); reveal.emit(()); })}>
                { input }
                // A figure puts its button in the answer's reserved place (see `side`).
                if !revealed && !in_place {
                    <button class="btn primary" id="lesson-reveal" type="submit">{"Reveal"}</button>
                }
            </form>
        </section>
    }
}

/// Whether the answer repeats the words the figure is marked with (a docs page's figure keeps
/// its height, so there the marked figure says it alone).
#[derive(Clone, Copy, PartialEq, Eq)]
enum MarkWords {
    Say,
    Omit,
}

/// The answer and its explanation, with the mark's words or without.
fn answer_html(ch: &Chapter, progress: &UseReducerHandle<Progress>, attempt: &Attempt, words: MarkWords) -> Html {
    let marked = words == MarkWords::Say;
    let verdict = match progress.scores.get(&ch.n).copied() {
        _ if !ch.question.graded() => "For the room:",
        Some(true) => "Right.",
        Some(false) if attempt.typed.trim().is_empty() && attempt.chosen.is_none() => "Revealed.",
        _ => "Not quite.",
    };
    html! {
        <section class="lesson-answer" id="lesson-answer" tabindex="-1" aria-live="polite">
            <p><strong>{verdict}</strong>{ if ch.question.graded() { format!(" The answer: {}.", ch.question.answer_text()) } else { String::new() } }</p>
            <p>{ch.explanation.clone()}</p>
            if let Some(m) = ch.mark.as_ref().filter(|_| marked) {
                <p class="lesson-mark" id="lesson-mark">{
                    if matches!(ch.figure, Figure::Demand { .. } | Figure::ApiServers { .. } | Figure::Visibility | Figure::Access { .. }) {
                        format!("Marked on the figure: {}.", m.label)
                    } else {
                        format!("The figure now shows {}: {}.", clock(m.to), m.label)
                    }
                }</p>
            }
        </section>
    }
}

/// The answer's shape, invisible, with the longest verdict.
fn answer_ghost(ch: &Chapter) -> Html {
    let redact = crate::text::redact;
    html! {
        <section class="lesson-answer ghost" aria-hidden="true">
            <p><strong>{redact("Not quite.")}</strong>{redact(&format!(" The answer: {}.", ch.question.answer_text()))}</p>
            <p>{redact(&ch.explanation)}</p>
        </section>
    }
}

fn nav_html(n: u32, last: u32, go: Callback<u32>, d: Callback<Msg>, mode: LessonMode) -> Html {
    let (back, next) = (go.clone(), go);
    html! {
        <nav class="lesson-nav" aria-label="Chapters">
            <button class="btn" id="lesson-back" disabled={n == 0} onclick={Callback::from(move |_| back.emit(n.saturating_sub(1)))}>{"← Back"}</button>
            <button class="btn" id="lesson-next" disabled={n >= last} onclick={Callback::from(move |_| next.emit(n + 1))}>{"Next →"}</button>
            <button class="btn linklike" id="lesson-leave" onclick={d.reform(|_| Msg::Lesson(false))}>
                { if mode == LessonMode::Learn { "Leave the lesson" } else { "Leave (Esc)" } }
            </button>
        </nav>
    }
}

fn score_html(scores: &BTreeMap<usize, bool>, graded: usize) -> Html {
    let right = scores.values().filter(|s| **s).count();
    html! { <p class="lesson-score" id="lesson-score">{format!("You answered {right} of the {graded} questions with an answer right ({} revealed).", scores.len())}</p> }
}

/// What the lesson's keys act on.
struct LessonKeys {
    mode: LessonMode,
    n: u32,
    last: u32,
    go: Callback<u32>,
    reveal: Callback<()>,
    /// P opens the presenter's window (present mode).
    presenter: Callback<()>,
    /// The app's dispatch: Esc leaves the lesson.
    leave: Callback<Msg>,
}

/// ←/→ chapters, Enter reveal (learn), Space or R reveal and P (or N) the presenter's window
/// (present), Home/End first/last, Esc leaves. Keys typed into the answer field stay there.
#[hook]
fn use_lesson_keys(keys: LessonKeys) {
    let LessonKeys { mode, n, last, go, reveal, presenter, leave: d } = keys;
    use_effect_with((mode, n, last), move |_| {
        let doc = web_sys::window().and_then(|w| w.document());
        let listener = (mode != LessonMode::Figure).then_some(doc).flatten().map(|doc| {
            EventListener::new_with_options(&doc, "keydown", EventListenerOptions::enable_prevent_default(), move |e| {
                let Some(e) = e.dyn_ref::<web_sys::KeyboardEvent>() else { return };
                if e.ctrl_key() || e.meta_key() || e.alt_key() {
                    return;
                }
                let tag = e.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()).map(|el| el.tag_name().to_ascii_lowercase()).unwrap_or_default();
                let typing = matches!(tag.as_str(), "input" | "textarea" | "select");
                let key = e.key();
                let handled = match key.as_str() {
                    "ArrowRight" if !typing && n < last => {
                        go.emit(n + 1);
                        true
                    }
                    "ArrowLeft" if !typing && n > 0 => {
                        go.emit(n - 1);
                        true
                    }
                    "Home" if !typing => {
                        go.emit(0);
                        true
                    }
                    "End" if !typing => {
                        go.emit(last);
                        true
                    }
                    " " | "r" | "R" if matches!(mode, LessonMode::Present | LessonMode::Presenter) && !typing => {
                        reveal.emit(());
                        true
                    }
                    // The notes never go on the room's screen: P (or N, as before) opens them in a window of their own.
                    "p" | "P" | "n" | "N" if mode == LessonMode::Present && !typing => {
                        presenter.emit(());
                        true
                    }
                    "Enter" if !typing && tag != "button" && tag != "a" => {
                        reveal.emit(());
                        true
                    }
                    "Escape" => {
                        d.emit(Msg::Lesson(false));
                        true
                    }
                    _ => false,
                };
                if handled {
                    e.prevent_default();
                }
            })
        });
        move || drop(listener)
    });
}

/// A panel's messages into the lesson's own state (the follow-ups' "Try it" pins the lesson's run).
fn local_page(d: &Callback<Msg>) -> Callback<ToPage> {
    let d = d.clone();
    Callback::from(move |m: ToPage| {
        if let Some(m) = Msg::from_page(m) {
            d.emit(m);
        }
    })
}
