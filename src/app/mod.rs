//! The Yew UI: a thin shell over `state` (pure) and `sim` (pure). It renders the state,
//! turns DOM events into `Msg`s, and owns the timers and canvases — nothing else.

pub mod bench;
pub mod canvas_backend;
pub mod dom;
pub mod fleet_view;
pub mod state;
pub mod widgets;

use crate::link::{Controls, LinkState, Theme};
use crate::report::{clock, t_plus};
use crate::sim::{params::Group, Action, EventKind, Params, SPECS};
use state::{Msg, State, SPEEDS};
use std::rc::Rc;
use widgets::*;
use yew::prelude::*;

#[component]
pub fn App() -> Html {
    let state = use_reducer(|| {
        let (link, notices) = LinkState::decode(&dom::search());
        State::from_link(link, notices, dom::prefers_reduced_motion())
    });
    let dispatch = {
        let s = state.clone();
        Callback::from(move |m: Msg| s.dispatch(m))
    };

    // Playback: one animation-frame loop while playing, cancelled on pause or unmount.
    {
        let s = state.clone();
        use_effect_with(state.playing, move |&playing| {
            let handle = playing.then(|| dom::frame_loop(move |dt_s| s.dispatch(Msg::Tick(dt_s))));
            move || drop(handle)
        });
    }
    // Keyboard shortcuts: space play/pause, ←/→ previous/next event, ? help.
    // A reducer, not use_state: the key listener is created once and must not capture a
    // stale value.
    let help_open = use_reducer(HelpOpen::default);
    {
        let d = dispatch.clone();
        let help = help_open.clone();
        use_effect_with((), move |_| {
            let l = dom::on_key(move |key| match key.as_str() {
                " " => d.emit(Msg::Toggle),
                "ArrowLeft" => d.emit(Msg::PrevEvent),
                "ArrowRight" => d.emit(Msg::NextEvent),
                "?" => help.dispatch(HelpAction::Toggle),
                "Escape" => help.dispatch(HelpAction::Close),
                _ => {}
            });
            move || drop(l)
        });
    }
    // The address bar follows the state (debounced replaceState: no history spam).
    {
        let link = state.link(!state.playing);
        let key = link.to_query();
        use_effect_with(key, move |q| {
            let q = q.clone();
            let t = gloo::timers::callback::Timeout::new(300, move || dom::replace_query(&q));
            move || drop(t)
        });
    }
    // The narration and the panels below the charts are built one render after the first:
    // the charts appear sooner, and the rest follows a frame later.
    let settled = use_state(|| false);
    {
        let settled = settled.clone();
        use_effect_with((), move |_| {
            settled.set(true);
            dom::post_ready();
        });
    }
    // Embedding pages learn the height whenever it changes, and each event as the cursor
    // passes it going forward (declared after `ready`, so `ready` is posted first).
    use_effect_with((), |_| {
        let observer = dom::observe_height();
        move || drop(observer)
    });
    let passed = state.trace().events.iter().filter(|e| e.t_min <= state.cursor).count();
    let last_posted = use_mut_ref(|| 0usize);
    {
        let s = state.clone();
        use_effect_with(passed, move |&n| {
            let mut last = last_posted.borrow_mut();
            if n > *last {
                if let Some(e) = s.trace().events.get(n - 1) {
                    dom::post_event(e.kind.name(), e.t_min);
                }
            }
            *last = n;
        });
    }

    let system_dark = dom::use_prefers_dark();
    let dark = match state.view.theme {
        Theme::Dark => true,
        Theme::Light => false,
        Theme::Auto => system_dark,
    };
    let theme_class = match state.view.theme {
        Theme::Dark => "theme-dark",
        Theme::Light => "theme-light",
        Theme::Auto => "theme-auto",
    };
    let shared = Rc::new((*state).clone());
    let embed = state.view.embed;
    let controls = state.view.controls;
    let trace = state.run.trace.clone();
    let ghost = state.pinned.as_ref().map(|r| r.trace.clone());

    html! {
        <div class={classes!("app", theme_class, embed.then_some("embed"))}>
            if !embed {
                <header class="top">
                    <div class="brand">
                        <h1>{"Cascade Lab"}</h1>
                        <p class="tagline">{"December 2024: a telemetry agent overloads the Kubernetes API servers, DNS caches hide it, and the fix needs the API that is down."}</p>
                    </div>
                    if *settled { <ShareBar state={shared.clone()} /> }
                </header>
            } else {
                <div class="embed-bar">
                    <strong>{"Cascade Lab"}</strong>
                    <a href={{ let mut l = state.link(true); l.view = Default::default(); dom::full_app_url(&l) }} target="_blank" rel="noopener" id="open-full">{"Open in full app ↗"}</a>
                </div>
            }
            <Notices notices={state.notices.clone()} on_dismiss={dispatch.reform(|_| Msg::DismissNotices)} />
            <div class={classes!("layout", (controls == Controls::None).then_some("no-controls"))}>
                // Controls arrive one render after the charts (see `settled`); an empty column
                // holds their place so the charts are drawn at their final width.
                if controls != Controls::None && !*settled {
                    <aside class="controls" aria-hidden="true"></aside>
                }
                if controls != Controls::None && *settled {
                    <aside class="controls" aria-label="Parameters">
                        <PresetPicker current={state.run.params.preset} modified={Params::from_preset(state.run.params.preset) != state.run.params} on_pick={dispatch.reform(Msg::Preset)} on_reset={dispatch.reform(|_| Msg::Reset)} />
                        { for SPECS.iter().filter(|s| s.group == Group::Main).map(|s| html! {
                            <Slider spec={*s} value={state.run.params.value(s.key)} on_change={dispatch.reform(move |v| Msg::Set(s.key, v))} />
                        }) }
                        if controls == Controls::Full {
                            <LazyDetails class="advanced" summary={html! {"Advanced"}}>
                                { for SPECS.iter().filter(|s| s.group == Group::Advanced).map(|s| html! {
                                    <Slider spec={*s} value={state.run.params.value(s.key)} on_change={dispatch.reform(move |v| Msg::Set(s.key, v))} />
                                }) }
                            </LazyDetails>
                            <Interventions state={shared.clone()} dispatch={dispatch.clone()} />
                            <Compare state={shared.clone()} dispatch={dispatch.clone()} />
                        }
                    </aside>
                }
                <main class="stage">
                    <Headline trace={trace.clone()} ghost={ghost.clone()} run_id={state.run.id} ghost_id={state.pinned.as_ref().map(|r| r.id)} />
                    <Playback state={shared.clone()} dispatch={dispatch.clone()} />
                    <section class="panel" aria-labelledby="fleet-h">
                        <h2 id="fleet-h">{"Fleet at "}{clock(state.cursor)}<span class="muted">{format!(" · {}", t_plus(state.cursor))}</span></h2>
                        <fleet_view::FleetView trace={trace.clone()} run_id={state.run.id} cursor={state.cursor} dark={dark} />
                    </section>
                    <section class="panel" aria-labelledby="charts-h">
                        <h2 id="charts-h">{"Charts"}</h2>
                        <ChartView trace={trace.clone()} ghost={ghost.clone()} run_id={state.run.id} ghost_id={state.pinned.as_ref().map(|r| r.id)} cursor={state.cursor} dark={dark} />
                        <LazyDetails class="table-alt" summary={html! {"Chart data as a table"}}>
                            <ChartTable trace={trace.clone()} run_id={state.run.id} />
                        </LazyDetails>
                    </section>
                    if *settled {
                        <Narration trace={trace.clone()} run_id={state.run.id} cursor={state.cursor} on_seek={dispatch.reform(Msg::Seek)} />
                        if !embed {
                            <Predict state={shared.clone()} dispatch={dispatch.clone()} />
                            <About />
                        }
                    }
                </main>
            </div>
            <div class="sr-only" aria-live="polite" id="announce">{ announce(&state) }</div>
            if help_open.0 {
                <Help on_close={{ let h = help_open.clone(); Callback::from(move |_| h.dispatch(HelpAction::Close)) }} />
            }
            if !embed {
                <footer class="foot">
                    <button class="linklike" onclick={{ let h = help_open.clone(); Callback::from(move |_| h.dispatch(HelpAction::Open)) }}>{"Keyboard shortcuts (?)"}</button>
                    <span class="muted">{format!(" · seed {} · every change re-simulates the whole incident, then replays it", state.run.params.seed)}</span>
                </footer>
            }
        </div>
    }
}

#[derive(Default, PartialEq)]
struct HelpOpen(bool);

enum HelpAction {
    Open,
    Close,
    Toggle,
}

impl Reducible for HelpOpen {
    type Action = HelpAction;
    fn reduce(self: Rc<Self>, a: HelpAction) -> Rc<Self> {
        Rc::new(HelpOpen(match a {
            HelpAction::Open => true,
            HelpAction::Close => false,
            HelpAction::Toggle => !self.0,
        }))
    }
}

/// The latest event the cursor has passed, for screen readers.
fn announce(state: &State) -> String {
    state
        .trace()
        .events
        .iter()
        .rev()
        .find(|e| e.t_min <= state.cursor)
        .map(|e| format!("{} {}: {}", clock(e.t_min), e.kind.title(), e.kind.explain()))
        .unwrap_or_default()
}

#[derive(Properties, PartialEq)]
pub struct StateProps {
    pub state: Rc<State>,
    pub dispatch: Callback<Msg>,
}

#[component]
fn Playback(p: &StateProps) -> Html {
    let s = &p.state;
    let d = &p.dispatch;
    let t = s.trace();
    let on_scrub = d.reform(|e: InputEvent| Msg::Seek(dom::input_number(&e)));
    let on_speed = d.reform(|e: Event| Msg::Speed(dom::select_value(&e).parse().unwrap_or(state::DEFAULT_SPEED)));
    let span = (t.t_end() - t.t0_min).max(1e-9);
    html! {
        <section class="playback" aria-label="Playback">
            <div class="transport">
                <button class="btn" id="prev" onclick={d.reform(|_| Msg::PrevEvent)} aria-label="Previous event" title="Previous event (←)">{"◀ Event"}</button>
                if s.playing {
                    <button class="btn primary" id="play" onclick={d.reform(|_| Msg::Pause)} aria-label="Pause" title="Pause (space)">{"⏸ Pause"}</button>
                } else {
                    <button class="btn primary" id="play" onclick={d.reform(|_| Msg::Play)} aria-label="Play" title="Play (space)">{"▶ Play"}</button>
                }
                <button class="btn" id="next" onclick={d.reform(|_| Msg::NextEvent)} aria-label="Next event" title="Next event (→)">{"Event ▶"}</button>
                <label class="speed">{"Speed "}
                    <select onchange={on_speed} aria-label="Playback speed">
                        { for SPEEDS.iter().map(|v| html! { <option value={v.to_string()} selected={(*v - s.speed).abs() < 1e-9}>{format!("{v} min/s")}</option> }) }
                    </select>
                </label>
                <div class="clock" aria-label="Time in the incident">
                    <span class="clock-time" id="clock">{clock(s.cursor)}</span>
                    <span class="clock-t" id="tplus">{t_plus(s.cursor)}</span>
                </div>
            </div>
            <div class="scrubber">
                <input type="range" id="scrubber" min={t.t0_min.to_string()} max={t.t_end().to_string()} step="0.5" value={s.cursor.to_string()}
                    oninput={on_scrub} aria-label="Timeline" aria-valuetext={format!("{} ({})", clock(s.cursor), t_plus(s.cursor))} />
                // SVG positions, not inline styles: the page runs under a CSP without 'unsafe-inline'.
                <svg class="ticks" aria-hidden="true" viewBox="0 0 1000 10" preserveAspectRatio="none">
                    { for t.events.iter().filter(|e| e.kind != EventKind::ClusterRecovered).map(|e| {
                        let x = (e.t_min - t.t0_min) / span * 1000.0;
                        html! { <rect class={classes!("tick", (e.t_min <= s.cursor).then_some("passed"))} x={format!("{:.1}", x - 1.0)} y="0" width="2" height="10"><title>{format!("{} {}", clock(e.t_min), e.kind.title())}</title></rect> }
                    }) }
                </svg>
            </div>
        </section>
    }
}

#[component]
fn Interventions(p: &StateProps) -> Html {
    let s = &p.state;
    let d = &p.dispatch;
    let list = &s.run.params.interventions;
    html! {
        <section class="box" aria-labelledby="iv-h">
            <h3 id="iv-h">{"Intervene at "}{clock(s.cursor)}</h3>
            <p class="hint">{"Pause anywhere, then act: the run re-simulates from that moment."}</p>
            <div class="iv-buttons">
                { for Action::ALL.iter().map(|a| { let a = *a; html! {
                    <button class="btn small" data-action={a.key()} onclick={d.reform(move |_| Msg::Intervene(a))}>{a.label()}</button>
                }}) }
            </div>
            if !list.is_empty() {
                <ul class="iv-list">
                    { for list.iter().enumerate().map(|(i, iv)| html! {
                        <li>{format!("{} ({}) — {}", clock(iv.t_min), t_plus(iv.t_min), iv.action.label())}
                            <button class="linklike" aria-label={format!("Remove {}", iv.action.label())} onclick={d.reform(move |_| Msg::RemoveIntervention(i))}>{"remove"}</button>
                        </li>
                    }) }
                </ul>
            }
        </section>
    }
}

#[component]
fn Compare(p: &StateProps) -> Html {
    let s = &p.state;
    let d = &p.dispatch;
    html! {
        <section class="box" aria-labelledby="cmp-h">
            <h3 id="cmp-h">{"Compare"}</h3>
            if s.pinned.is_some() {
                <p class="hint">{"The pinned run shows as a faded ghost; headline numbers show the difference."}</p>
                <button class="btn small" id="unpin" onclick={d.reform(|_| Msg::Unpin)}>{"Unpin"}</button>
            } else {
                <p class="hint">{"Pin this run, then change parameters to see both together."}</p>
                <button class="btn small" id="pin" onclick={d.reform(|_| Msg::Pin)}>{"Pin this run"}</button>
            }
        </section>
    }
}

#[component]
fn Predict(p: &StateProps) -> Html {
    let s = &p.state;
    let d = &p.dispatch;
    let actual = s.trace().summary.first_customer_errors_min;
    let revealed = actual.is_some_and(|a| s.cursor >= a);
    html! {
        <section class="panel predict" aria-labelledby="pred-h">
            <h2 id="pred-h">{"Predict, then reveal"}</h2>
            <p>{"Before playing: how many minutes after the agent lands will customers first see errors?"}</p>
            <label>{"My guess (minutes) "}
                <input type="number" min="0" max="720" step="1" id="guess"
                    value={s.guess.map(|g| g.to_string()).unwrap_or_default()}
                    onchange={d.reform(|e: Event| { let v = dom::event_number(&e); if v.is_finite() { Msg::Guess(v.clamp(0.0, 720.0)) } else { Msg::ClearGuess } })} />
            </label>
            if let (Some(g), Some(a)) = (s.guess, actual) {
                if revealed {
                    <p class="reveal" id="reveal">{ format!("Customers first saw errors at {} — you guessed T+{g:.0}, off by {:.0} min.", t_plus(a), (g - a).abs()) }</p>
                } else {
                    <p class="hint">{"Play past the moment to see how close you were."}</p>
                }
            }
            if actual.is_none() { <p class="hint">{"In this run customers never see errors."}</p> }
        </section>
    }
}

/// Shown by the panic hook: what went wrong, the link that did it, and a way out.
pub fn panic_panel(msg: &str) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return };
    let Some(body) = doc.body() else { return };
    let link = web_sys::window().and_then(|w| w.location().href().ok()).unwrap_or_default();
    let reset = web_sys::window().and_then(|w| w.location().pathname().ok()).unwrap_or_else(|| "./".into());
    let esc = |s: &str| s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;");
    let html = format!(
        "<div class=\"panic\" role=\"alert\" id=\"panic\"><h2>Cascade Lab hit an error</h2><p>{}</p><p>Link that failed: <code>{}</code></p><p><a class=\"btn primary\" href=\"{}\">Reset to defaults</a></p></div>",
        esc(msg),
        esc(&link),
        esc(&reset)
    );
    let _ = body.insert_adjacent_html("afterbegin", &html);
}
