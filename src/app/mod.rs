//! The UI. `state` (the reducer) and `slider_scale` are pure and compile everywhere, so they
//! are tested natively; the Yew shell over them — hooks, components, DOM calls — exists only
//! in the wasm build, where the web crates do (Cargo.toml). The shell renders the state, turns
//! DOM events into `Msg`s, and owns the timers and canvases — nothing else.

pub mod slider_scale;
pub mod state;
pub mod tools_api;

#[cfg(target_arch = "wasm32")]
pub mod bench;
#[cfg(target_arch = "wasm32")]
pub mod canvas_pen;
#[cfg(target_arch = "wasm32")]
pub mod components;
#[cfg(target_arch = "wasm32")]
pub mod dom;
#[cfg(target_arch = "wasm32")]
pub mod export;
#[cfg(target_arch = "wasm32")]
pub mod hooks;
#[cfg(target_arch = "wasm32")]
pub mod islands;
#[cfg(target_arch = "wasm32")]
pub mod tools;

#[cfg(target_arch = "wasm32")]
pub use shell::App;

#[cfg(target_arch = "wasm32")]
mod shell {
    use super::components::*;
    use super::hooks::*;
    use super::islands::Island;
    use super::state::State;
    use super::tools_api::{self, island_query, Flags, Tool};
    use crate::link::{Controls, Theme};
    use crate::report::{clock, t_plus};
    use yew::prelude::*;

    /// The app: the state, its effects as named hooks, and the page layout.
    #[component]
    pub fn App() -> Html {
        let (state, dispatch) = use_app_state();
        use_playback(state.playing, dispatch.clone());
        // A still embedded figure (`controls=none`) has nothing to press, keys included.
        let still = state.view.embed && state.view.controls == Controls::None && figure_alone(state.view.figure);
        // The lesson has its own keys (chapters, reveal): the app's stay off meanwhile.
        let lesson = (state.view.lesson || state.view.present) && !state.view.embed;
        let chapter_figure = state.view.embed && state.view.figure == crate::link::Figure::Chapter;
        let help = use_shortcuts(if still || lesson || chapter_figure { Callback::noop() } else { dispatch.clone() });
        let moment = state.link(true);
        // While playing the cursor moves every frame; the address bar keeps the link without it.
        use_url_sync(&if state.playing { state.link(false) } else { moment.clone() });
        let settled = use_settled();
        use_embed_bridge(&state.run.trace, state.cursor);
        let dark = use_dark(state.view.theme);
        use_autoplay(state.view.embed && state.view.autoplay && !state.reduced_motion, state.playing, dispatch.clone());
        // `from=`/`to=`: the span the scrubber, playback and charts show.
        let window = state.view.window.map(|_| state.bounds());
        // An embedded single figure (`embed=1&view=…`) is that figure alone: components/figure.rs.
        if state.view.embed && figure_alone(state.view.figure) {
            return html! {
                <div class={classes!("app", theme_class(state.view.theme), "embed", "figure-only", (state.view.controls == Controls::None).then_some("controls-none"))}>
                    <Notices notices={state.notices.clone()} dispatch={dispatch.clone()} />
                    <EmbedFigure state={(*state).clone()} moment={moment.clone()} {dark} dispatch={dispatch.clone()} />
                    <div class="sr-only" aria-live="polite" id="announce">{ announce(&state) }</div>
                </div>
            };
        }

        // Lesson mode (`lesson=1`) and present mode (`present=1`): one chapter at a time.
        if lesson {
            return html! {
                <div class={classes!("app", theme_class(state.view.theme), "lesson-app", state.view.present.then_some("presenting"))}>
                    <Notices notices={state.notices.clone()} dispatch={dispatch.clone()} />
                    // The lesson lives in the tools module (loaded now): the page as opened stays small.
                    <Island tool={Tool::Lesson} query={tools_api::lesson_query(&state.run.params, &state.view)}
                        flags={Flags { dark, eager: true, hide_numbers: false }} dispatch={dispatch.clone()} />
                </div>
            };
        }

        let (embed, controls) = (state.view.embed, state.view.controls);
        let trace = &state.run.trace;
        let ghost = state.pinned.as_ref().map(|r| r.trace.clone());
        let teach = state.view.teach;
        let at_end = state.at_end();
        let december = state.run.params.preset.def().december;
        let customers_seen = trace.summary.first_customer_errors_min.is_some_and(|a| state.cursor >= a);
        html! {
            <div class={classes!("app", theme_class(state.view.theme), embed.then_some("embed"))}>
                if !embed {
                    <header class="top">
                        <div class="brand">
                            <h1>{"Cascade Lab"}</h1>
                            // Spoiler-free: the tagline must not tell the causal chain before the run does.
                            <p class="tagline">{ if teach && !at_end {
                                "December 2024: a new telemetry agent rolls out to every node of the fleet. Predict what happens, then play."
                            } else {
                                "December 2024: a telemetry agent overloads the Kubernetes API servers, DNS caches hide it, and the fix needs the API that is down."
                            } }</p>
                            <p class="lesson-entry">
                                <button class="btn primary" id="start-lesson" onclick={dispatch.reform(|_| super::state::Msg::Lesson(true))}>{"▶ Start the lesson"}</button>
                                <button class="btn" id="start-present" onclick={dispatch.reform(|_| super::state::Msg::Present(true))}>{"Present"}</button>
                            </p>
                        </div>
                        if settled { <ShareBar link={state.link(false)} moment={moment.clone()} trace={trace.clone()} ghost={ghost.clone()} {dark} /> }
                    </header>
                } else {
                    <EmbedBar moment={moment.clone()} />
                }
                <Notices notices={state.notices.clone()} dispatch={dispatch.clone()} />
                <div class={classes!("layout", (controls == Controls::None).then_some("no-controls"))}>
                    // Controls arrive one render after the charts (see `use_settled`); an empty
                    // column holds their place so the charts are drawn at their final width.
                    if controls != Controls::None && !settled {
                        <aside class="controls" aria-hidden="true"></aside>
                    }
                    if controls != Controls::None && settled {
                        <aside class="controls" aria-label="Parameters">
                            <ParamControls params={state.run.params.clone()} full={controls == Controls::Full} dispatch={dispatch.clone()} />
                            if controls == Controls::Full {
                                <Interventions list={state.run.params.interventions.clone()} cursor={state.cursor} dispatch={dispatch.clone()} />
                                <Compare pinned={state.pinned.is_some()} dispatch={dispatch.clone()} />
                            }
                        </aside>
                    }
                    <main class="stage">
                        // Spoiler-free: the question comes first, before Play.
                        if teach && !embed {
                            <Predict actual={trace.summary.first_customer_errors_min} revealed={customers_seen}
                                guess={state.guess} hide_never={!at_end} dispatch={dispatch.clone()} />
                        }
                        <Diagram trace={trace.clone()} params={state.run.params.clone()}
                            pinned={state.pinned.as_ref().map(|r| (r.trace.clone(), r.params.clone()))}
                            sample={trace.index_before(state.cursor)} passed={state.events_passed()}
                            cluster={state.view.cluster} playing={state.playing}
                            reduced_motion={state.reduced_motion} dispatch={dispatch.clone()} />
                        <Playback trace={trace.clone()} cursor={state.cursor} playing={state.playing} speed={state.speed} {teach} {window} dispatch={dispatch.clone()} />
                        <Headline trace={trace.clone()} ghost={ghost.clone()} until={state.reveal_event()} {at_end} {december}
                            why={crate::outlook::why_not_recovered(&state.run.params, trace)} />
                        <section class="panel" aria-labelledby="fleet-h">
                            <h2 id="fleet-h">{"Fleet at "}{clock(state.cursor)}<span class="muted">{format!(" · {}", t_plus(state.cursor))}</span></h2>
                            <FleetView trace={trace.clone()} sample={trace.index_before(state.cursor)} {dark} />
                        </section>
                        if settled {
                            <Swimlanes trace={trace.clone()} sample={trace.index_before(state.cursor)} until={state.reveal_sample()} dispatch={dispatch.clone()} />
                        }
                        <section class="panel" aria-labelledby="charts-h">
                            <h2 id="charts-h">{"Charts"}</h2>
                            <p class="hint">{"A seat is one request an API server can work on at once (600 per server by default); demand above capacity queues, then gets 429s."}</p>
                            <ChartView trace={trace.clone()} {ghost} cursor={state.cursor} until={state.reveal_sample()} {dark} {window} />
                            <LazyDetails class="table-alt" summary={html! {"Chart data as a table"}}>
                                <ChartTable trace={trace.clone()} until={state.reveal_sample()} />
                            </LazyDetails>
                        </section>
                        if settled {
                            <Narration trace={trace.clone()} params={state.run.params.clone()} passed={state.events_passed()} {at_end} {teach} {december} dispatch={dispatch.clone()} />
                            // Spoiler-free: every cell of the sweep is a whole run's outcome (the answer to
                            // the predict question among them), so it opens at the end of the run.
                            if teach && !at_end {
                                <section class="panel" aria-labelledby="sweep-held-h">
                                    <h2 id="sweep-held-h">{"Where is the cliff?"}</h2>
                                    <p class="hint" id="sweep-held">{"Spoiler-free: this panel compares whole outcomes, so it opens once the run reaches its end."}</p>
                                </section>
                            } else {
                                <Island tool={Tool::Sweep} query={island_query(&state.run.params, &state.view.sweep)}
                                    flags={Flags { dark, eager: false, hide_numbers: false }} dispatch={dispatch.clone()} />
                            }
                            if !embed {
                                <Island tool={Tool::FollowUps} query={island_query(&state.run.params, &state.view.sweep)}
                                    flags={Flags { dark, eager: false, hide_numbers: teach && !at_end }} dispatch={dispatch.clone()} />
                                if !teach {
                                    <Predict actual={trace.summary.first_customer_errors_min} revealed={customers_seen}
                                        guess={state.guess} hide_never={false} dispatch={dispatch.clone()} />
                                }
                                <About params={state.run.params.clone()} />
                            }
                        }
                    </main>
                </div>
                <div class="sr-only" aria-live="polite" id="announce">{ announce(&state) }</div>
                if help.open {
                    <Help on_close={help.hide.clone()} />
                }
                if !embed {
                    <footer class="foot">
                        <button class="linklike" onclick={help.show.reform(|_| ())}>{"Keyboard shortcuts (?)"}</button>
                        <span class="muted">{format!(" · seed {} · every change re-simulates the whole incident, then replays it", state.run.params.seed)}</span>
                    </footer>
                }
            </div>
        }
    }

    fn theme_class(theme: Theme) -> &'static str {
        match theme {
            Theme::Dark => "theme-dark",
            Theme::Light => "theme-light",
            Theme::Auto => "theme-auto",
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
            .map(|e| format!("{} {}: {}", clock(e.t_min), e.kind.title(), crate::story::explain(e, state.trace(), &state.run.params)))
            .unwrap_or_default()
    }
}
