//! The lesson, one chapter at a time (`lesson=1`), for a projector (`present=1`), or one
//! chapter as a docs figure (`embed=1&view=chapter&ch=N`). The chapters come from
//! `lesson::chapters` (pure, natively tested); this view shows the chapter's figure at its
//! moment, asks its question, and only after Reveal puts the answer in the page — nothing in
//! the DOM, an accessible name or a tooltip holds it before.

use crate::analysis::lesson::{chapters, Chapter, Figure, Question};
use crate::app::components::{ChartView, Diagram, Playback, Room, Swimlanes};
use crate::app::dom;
use crate::app::hooks::use_playback;
use crate::app::state::{Msg, State};
use crate::formats::link::LinkState;
use crate::text::{clock, t_plus};
use crate::tools::api::{island_query, Flags, Tool};
use crate::tools::islands::Island;
use crate::views::chart::Panel;
use gloo::events::{EventListener, EventListenerOptions};
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// How the lesson is shown.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum LessonMode {
    /// A learner alone: chapter, question, reveal, back/next, a score at the end.
    Learn,
    /// A facilitator at a projector: large type, no sidebar, the note on N.
    Present,
    /// One chapter in a docs page: its figure, question and reveal.
    Figure,
}

#[derive(Properties, PartialEq)]
pub struct LessonAppProps {
    /// The run and how to show it (`lesson`, `present`, `ch`, `embed`, `view=chapter`), as a link.
    pub query: String,
    pub dark: bool,
    /// The app's dispatch (as text across the module boundary): chapter changes and leaving.
    pub dispatch: Callback<Msg>,
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
            if matches!(m, Msg::Chapter { .. } | Msg::Lesson(_) | Msg::Present(_)) {
                app.emit(m.clone());
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
                let mut link = at.link(false);
                link.view.lesson = true;
                link.view.chapter = ch.n as u32;
                html! {
                    <section class="handout-chapter" aria-labelledby={format!("handout-{}", ch.n)}>
                        <h2 id={format!("handout-{}", ch.n)}>{format!("{}. {} ({} min)", ch.n, ch.title, ch.minutes)}</h2>
                        <p class="lesson-moment">{clock(ch.t)}<span class="muted">{format!(" · {}", t_plus(ch.t))}</span></p>
                        <div class="handout-figure">{ figure_html(&at, ch, answers, false, &p.dispatch, false) }</div>
                        <p class="lesson-prompt"><strong>{"Question: "}</strong>{ch.question.prompt().to_string()}</p>
                        if let Question::Choice { options, .. } = &ch.question {
                            <ol class="handout-options" type="a">{ for options.iter().map(|o| html! { <li>{o.clone()}</li> }) }</ol>
                        }
                        if answers {
                            <p class="handout-answer"><strong>{"Answer: "}</strong>{ch.question.answer_text()}{". "}{ch.explanation.clone()}</p>
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

/// What the learner has done in this chapter.
#[derive(Clone, Default, PartialEq)]
struct Attempt {
    typed: String,
    chosen: Option<usize>,
    revealed: bool,
}

/// Lesson-wide state a key listener can reach without going stale.
#[derive(Clone, Default, PartialEq)]
struct Progress {
    /// Per chapter (index n-1): right or wrong, once revealed.
    scores: Vec<Option<bool>>,
    attempt: Attempt,
    note: bool,
}

enum Act {
    Type(String),
    Choose(usize),
    Reveal(Rc<Question>, usize),
    /// A new chapter: a fresh attempt.
    Fresh,
    ToggleNote,
}

impl Reducible for Progress {
    type Action = Act;
    fn reduce(self: Rc<Self>, a: Act) -> Rc<Self> {
        let mut p = (*self).clone();
        match a {
            Act::Type(s) => p.attempt.typed = s,
            Act::Choose(i) => p.attempt.chosen = Some(i),
            Act::Reveal(q, n) => {
                if !p.attempt.revealed {
                    p.attempt.revealed = true;
                    let given = match &*q {
                        Question::Number { .. } => crate::sim::params::parse_number(p.attempt.typed.trim()),
                        Question::Choice { .. } => p.attempt.chosen.map(|i| i as f64),
                    };
                    if p.scores.len() < n {
                        p.scores.resize(n, None);
                    }
                    p.scores[n - 1] = Some(given.is_some_and(|g| q.is_right(g)));
                }
            }
            Act::Fresh => p.attempt = Attempt::default(),
            Act::ToggleNote => p.note = !p.note,
        }
        Rc::new(p)
    }
}

#[component]
pub fn LessonView(p: &LessonProps) -> Html {
    let s = &p.state;
    let d = &p.dispatch;
    // Chapters are computed once per run (they re-simulate the follow-ups: a few ms).
    let list = {
        let (params, trace) = (s.run.params.clone(), s.run.trace.clone());
        use_memo(s.run.id, move |_| chapters(&params, &trace))
    };
    let total = list.len() as u32;
    let n = s.view.chapter.clamp(1, total.max(1));
    let ch = list[(n - 1) as usize].clone();
    let progress = use_reducer(Progress::default);
    // Opening a chapter (or a new run) puts the cursor at its moment, its window as the span.
    {
        let (d, progress, ch) = (d.clone(), progress.dispatcher(), ch.clone());
        use_effect_with((n, s.run.id), move |_| {
            progress.dispatch(Act::Fresh);
            d.emit(Msg::Chapter { n: ch.n as u32, t: ch.t, window: ch.window });
        });
    }
    let go = {
        let d = d.clone();
        let list = list.clone();
        Callback::from(move |k: u32| {
            let c = &list[(k.clamp(1, list.len() as u32) - 1) as usize];
            d.emit(Msg::Chapter { n: c.n as u32, t: c.t, window: c.window });
        })
    };
    let question = Rc::new(ch.question.clone());
    let reveal = {
        let (pr, q) = (progress.dispatcher(), question.clone());
        Callback::from(move |_: ()| pr.dispatch(Act::Reveal(q.clone(), n as usize)))
    };
    use_lesson_keys(LessonKeys { mode: p.mode, n, total, go: go.clone(), reveal: reveal.clone(), progress: progress.dispatcher(), leave: d.clone() });

    let revealed = progress.attempt.revealed;
    // A chapter in a docs page is a still figure at its moment ("Open in full app" plays it).
    let figure = figure_html(s, &ch, revealed, p.dark, d, p.mode != LessonMode::Figure);
    // The diagram and the follow-ups need the column's width; charts and lanes sit beside the question.
    let wide = matches!(ch.figure, Figure::Diagram { .. });
    let side = side_html(p, &ch, (n, total), &progress, go.clone(), reveal.clone());
    let classes = classes!(
        "lesson",
        match p.mode {
            LessonMode::Learn => "lesson-learn",
            LessonMode::Present => "lesson-present",
            LessonMode::Figure => "lesson-figure",
        }
    );
    html! {
        <div class={classes} id="lesson">
            { top_html(&ch, (n, total), p.mode) }
            <div class={classes!("lesson-body", wide.then_some("wide-figure"))}>
                <div class="lesson-fig">{ figure }</div>
                <aside class="lesson-side" aria-label="Question">{ side }</aside>
            </div>
        </div>
    }
}

/// Beside the figure: the moment, the question, the answer (or its reserved place), the
/// facilitator's note in present mode, and outside a figure the chapters' navigation and score.
fn side_html(p: &LessonProps, ch: &Chapter, (n, total): (u32, u32), progress: &UseReducerHandle<Progress>, go: Callback<u32>, reveal: Callback<()>) -> Html {
    let revealed = progress.attempt.revealed;
    html! {
    <>
        <p class="lesson-moment">{clock(ch.t)}<span class="muted">{format!(" · {}", t_plus(ch.t))}</span></p>
        { question_html(ch, progress, revealed, p.mode == LessonMode::Figure, reveal) }
        if p.mode == LessonMode::Figure {
            // A figure in a docs page keeps its height when the answer arrives: the space is
            // reserved with the answer's shape (redacted, so nothing is given away early).
            <div class="reserve">
                { answer_ghost(ch) }
                if revealed {
                    { answer_html(ch, progress) }
                } else {
                    <button class="btn primary" id="lesson-reveal" type="submit" form="lesson-form">{"Reveal"}</button>
                }
            </div>
        } else if revealed {
            { answer_html(ch, progress) }
        }
        if p.mode == LessonMode::Present && progress.note {
            <section class="lesson-note" id="lesson-note" aria-label="Facilitator's note"><h2>{"For the facilitator"}</h2><p>{ch.note.clone()}</p></section>
        }
        if p.mode != LessonMode::Figure {
            { nav_html(n, total, go, p.dispatch.clone(), p.mode) }
            <p class="lesson-more"><button class="linklike" id="lesson-handout" onclick={p.on_handout.reform(|_| ())}>{"Print a handout of every chapter"}</button></p>
        }
        if p.mode != LessonMode::Figure && n == total && revealed { { score_html(&progress.scores, total) } }
    </>
    }
}

/// The chapter's place in the lesson and its title (and in present mode, a note for small screens).
fn top_html(ch: &Chapter, (n, total): (u32, u32), mode: LessonMode) -> Html {
    html! {
        <header class="lesson-top">
            <p class="lesson-progress" id="lesson-progress">{format!("Chapter {n} of {total}")}</p>
            <h1 class="lesson-title" id="lesson-title">{ch.title.clone()}</h1>
            if mode == LessonMode::Present {
                <p class="lesson-small-screen">{"Present mode is made for screens 1024 px wide and more; on this screen use lesson mode."}</p>
            }
        </header>
    }
}

/// The chapter's figure at its moment; before the reveal, charts and lanes stop at the cursor.
fn figure_html(s: &State, ch: &Chapter, revealed: bool, dark: bool, d: &Callback<Msg>, with_playback: bool) -> Html {
    let trace = &s.run.trace;
    let window = s.view.window.map(|_| s.bounds());
    let until = (!revealed).then(|| trace.t_at(trace.index_before(s.cursor)));
    let playback = html! {
        if with_playback { <Playback trace={trace.clone()} cursor={s.cursor} playing={s.playing} speed={s.speed} teach={!revealed} {window} dispatch={d.clone()} /> }
    };
    let chart = |panel: Panel| {
        html! {
            <section class="panel figure-charts lesson-chart">
                <ChartView trace={trace.clone()} ghost={None::<crate::app::state::TraceRef>} cursor={s.cursor} {until} {dark} {window} panel={Some(panel)} />
            </section>
        }
    };
    let body = match ch.figure {
        Figure::Diagram { cluster } => html! {
            <Diagram trace={trace.clone()} params={s.run.params.clone()} pinned={None::<(crate::app::state::TraceRef, crate::sim::Params)>}
                sample={trace.index_before(s.cursor)} passed={s.events_passed()}
                {cluster} playing={s.playing} reduced_motion={s.reduced_motion} spoiler_free=true room={Room::Moment} dispatch={d.clone()} />
        },
        Figure::Demand => chart(Panel::Demand),
        Figure::Visibility => chart(Panel::Visibility),
        Figure::Access => chart(Panel::Access),
        Figure::Lanes => html! { <Swimlanes trace={trace.clone()} sample={trace.index_before(s.cursor)} {until} dispatch={d.clone()} /> },
        // The follow-ups' numbers are the answer: they wait for the reveal.
        Figure::FollowUps => html! {
            <Island tool={Tool::FollowUps} query={island_query(&s.run.params, &s.view.sweep)} dispatch={d.clone()}
                flags={Flags { dark, eager: true, hide_numbers: !revealed }} />
        },
    };
    html! { <>{ body }{ playback }</> }
}

fn question_html(ch: &Chapter, progress: &UseReducerHandle<Progress>, revealed: bool, in_place: bool, reveal: Callback<()>) -> Html {
    let pr = progress.dispatcher();
    let input = match &ch.question {
        Question::Number { unit, .. } => {
            let pr = pr.clone();
            html! {
                <label class="lesson-number">
                    <span class="sr-only">{"Your answer"}</span>
                    <input id="lesson-input" type="text" inputmode="decimal" autocomplete="off" disabled={revealed}
                        value={progress.attempt.typed.clone()}
                        oninput={Callback::from(move |e: InputEvent| {
                            if let Some(i) = e.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) {
                                pr.dispatch(Act::Type(i.value()));
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
                            <input type="radio" name="lesson-choice" id={format!("lesson-choice-{i}")} checked={progress.attempt.chosen == Some(i)}
                                onchange={Callback::from(move |_| pr.dispatch(Act::Choose(i)))} />
                            {o.clone()}
                        </label>
                    }
                }) }
            </fieldset>
        },
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

fn answer_html(ch: &Chapter, progress: &UseReducerHandle<Progress>) -> Html {
    let right = progress.scores.get(ch.n - 1).copied().flatten();
    let verdict = match right {
        Some(true) => "Right.",
        Some(false) if progress.attempt.typed.trim().is_empty() && progress.attempt.chosen.is_none() => "Revealed.",
        _ => "Not quite.",
    };
    html! {
        <section class="lesson-answer" id="lesson-answer" aria-live="polite">
            <p><strong>{verdict}</strong>{format!(" The answer: {}.", ch.question.answer_text())}</p>
            <p>{ch.explanation.clone()}</p>
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

fn nav_html(n: u32, total: u32, go: Callback<u32>, d: Callback<Msg>, mode: LessonMode) -> Html {
    let (back, next) = (go.clone(), go);
    html! {
        <nav class="lesson-nav" aria-label="Chapters">
            <button class="btn" id="lesson-back" disabled={n <= 1} onclick={Callback::from(move |_| back.emit(n - 1))}>{"← Back"}</button>
            <button class="btn" id="lesson-next" disabled={n >= total} onclick={Callback::from(move |_| next.emit(n + 1))}>{"Next →"}</button>
            <button class="btn linklike" id="lesson-leave" onclick={d.reform(|_| Msg::Lesson(false))}>
                { if mode == LessonMode::Present { "Leave (Esc)" } else { "Leave the lesson" } }
            </button>
        </nav>
    }
}

fn score_html(scores: &[Option<bool>], total: u32) -> Html {
    let right = scores.iter().filter(|s| **s == Some(true)).count();
    let answered = scores.iter().filter(|s| s.is_some()).count();
    html! { <p class="lesson-score" id="lesson-score">{format!("You answered {right} of {total} right ({answered} revealed).")}</p> }
}

/// What the lesson's keys act on.
struct LessonKeys {
    mode: LessonMode,
    n: u32,
    total: u32,
    go: Callback<u32>,
    reveal: Callback<()>,
    progress: UseReducerDispatcher<Progress>,
    /// The app's dispatch: Esc leaves the lesson.
    leave: Callback<Msg>,
}

/// ←/→ chapters, Enter reveal (learn), Space or R reveal and N the note (present), Home/End
/// first/last, Esc leaves. Keys typed into the answer field stay there.
#[hook]
fn use_lesson_keys(keys: LessonKeys) {
    let LessonKeys { mode, n, total, go, reveal, progress, leave: d } = keys;
    use_effect_with((mode, n, total), move |_| {
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
                    "ArrowRight" if !typing && n < total => {
                        go.emit(n + 1);
                        true
                    }
                    "ArrowLeft" if !typing && n > 1 => {
                        go.emit(n - 1);
                        true
                    }
                    "Home" if !typing => {
                        go.emit(1);
                        true
                    }
                    "End" if !typing => {
                        go.emit(total);
                        true
                    }
                    " " | "r" | "R" if mode == LessonMode::Present && !typing => {
                        reveal.emit(());
                        true
                    }
                    "n" | "N" if mode == LessonMode::Present && !typing => {
                        progress.dispatch(Act::ToggleNote);
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
