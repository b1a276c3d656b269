//! The page: the app's root component and the parts only the page shows — the share bar, an
//! embedded figure, the blocks the page and an embed both build, and the placeholders
//! (`islands`) where the tools module draws its panels. What the page and the tools module
//! both use (the reducer, hooks, components, the seam's messages) is `crate::ui`.

#[cfg(target_arch = "wasm32")]
pub mod bench;
#[cfg(target_arch = "wasm32")]
mod blocks;
#[cfg(target_arch = "wasm32")]
mod figure;
#[cfg(target_arch = "wasm32")]
pub mod islands;
#[cfg(target_arch = "wasm32")]
mod share_bar;

#[cfg(target_arch = "wasm32")]
pub use shell::App;

#[cfg(target_arch = "wasm32")]
mod shell {
    use crate::app::blocks;
    use crate::app::figure::{alone as figure_alone, EmbedFigure};
    use crate::app::islands::Island;
    use crate::app::share_bar::ShareBar;
    use crate::formats::link::{Controls, LinkState, Theme};
    use crate::text::clock;
    use crate::ui::components::*;
    use crate::ui::hooks::*;
    use crate::ui::seam::{self as tools_api, island_query, Flags, Tool};
    use crate::ui::state::{LinkAt, Msg, State};
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
        let chapter_figure = state.view.embed && state.view.figure == crate::formats::link::Figure::Chapter;
        let help = use_shortcuts(if still || lesson || chapter_figure { Callback::noop() } else { dispatch.clone() });
        let moment = state.link(LinkAt::Moment);
        // While playing the cursor moves every frame; the address bar keeps the link without it.
        use_url_sync(&if state.playing { state.link(LinkAt::Run) } else { moment.clone() });
        let settled = use_settled();
        // Why the run does not recover: once per run, not on every frame of playback.
        let why = {
            let (params, trace) = (state.run.params.clone(), state.run.trace.clone());
            use_memo(state.run.id, move |_| crate::analysis::outlook::why_not_recovered(&params, &trace))
        };
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
        // Printed under each figure: the link to this moment (shown only on paper).
        let reproduce = print_link(&crate::ui::dom::full_app_url(&full_link(&moment)));
        html! {
            <div class={classes!("app", theme_class(state.view.theme), embed.then_some("embed"))}>
                if !embed {
                    { header(&state, &dispatch, settled, &moment, dark) }
                } else {
                    <EmbedBar moment={moment.clone()} />
                }
                <Notices notices={state.notices.clone()} dispatch={dispatch.clone()} />
                <div class={classes!("layout", (controls == Controls::None).then_some("no-controls"))}>
                    { controls_column(&state, &dispatch, settled) }
                    <main class="stage">
                        { stage(&state, &dispatch, dark, window, settled, (*why).clone(), &reproduce) }
                        if settled { { lower_panels(&state, &dispatch, dark, &reproduce) } }
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

    /// The page's title, what it is about, the way into the lesson, and the share bar.
    fn header(state: &State, dispatch: &Callback<Msg>, settled: bool, moment: &LinkState, dark: bool) -> Html {
        let trace = &state.run.trace;
        let ghost = state.pinned.as_ref().map(|r| r.trace.clone());
        html! {
            <header class="top">
                <div class="brand">
                    <h1>{"Cascade Lab"}</h1>
                    // Spoiler-free: the tagline must not tell the causal chain before the run does.
                    <p class="tagline">{ state.run.params.preset.def().incident.tagline(state.view.teach && !state.at_end()) }</p>
                    <p class="lesson-entry">
                        <button class="btn primary" id="start-lesson" onclick={dispatch.reform(|_| Msg::Lesson(true))}>{"▶ Start the lesson"}</button>
                        <button class="btn" id="start-present" onclick={dispatch.reform(|_| Msg::Present(true))}>{"Present"}</button>
                    </p>
                </div>
                if settled { <ShareBar link={state.link(LinkAt::Run)} moment={moment.clone()} trace={trace.clone()} {ghost} {dark} /> }
            </header>
        }
    }

    /// The sliders, interventions and compare; they arrive one render after the charts (see
    /// `use_settled`), an empty column holding their place so the charts are drawn at their
    /// final width.
    fn controls_column(state: &State, dispatch: &Callback<Msg>, settled: bool) -> Html {
        let controls = state.view.controls;
        html! {
            if controls == Controls::None {
            } else if !settled {
                <aside class="controls" aria-hidden="true"></aside>
            } else {
                <aside class="controls" aria-label="Parameters">
                    <ParamControls params={state.run.params.clone()} full={controls == Controls::Full} dispatch={dispatch.clone()} />
                    if controls == Controls::Full {
                        <Interventions list={state.run.params.interventions.clone()} cursor={state.cursor} dispatch={dispatch.clone()} />
                        <Compare pinned={state.pinned.is_some()} dispatch={dispatch.clone()} />
                    }
                </aside>
            }
        }
    }

    /// What the first render draws: the question (spoiler-free), the diagram and playback, the
    /// headline, the fleet and the charts; the swimlanes follow once settled.
    fn stage(state: &State, dispatch: &Callback<Msg>, dark: bool, window: Option<(f64, f64)>, settled: bool, why: Option<String>, reproduce: &Html) -> Html {
        let trace = &state.run.trace;
        let ghost = state.pinned.as_ref().map(|r| r.trace.clone());
        let (teach, at_end) = (state.view.teach, state.at_end());
        let december = state.run.params.beside_december();
        let customers_seen = trace.summary.first_customer_errors_min.is_some_and(|a| state.cursor >= a);
        html! {
            <>
                // Spoiler-free: the question comes first, before Play.
                if teach && !state.view.embed {
                    <Predict actual={trace.summary.first_customer_errors_min} revealed={customers_seen}
                        guess={state.guess} hide_never={!at_end} dispatch={dispatch.clone()} />
                }
                { blocks::diagram(state, dispatch) }
                { reproduce.clone() }
                <Playback trace={trace.clone()} cursor={state.cursor} playing={state.playing} speed={state.speed} {teach} {window} dispatch={dispatch.clone()} />
                <Headline trace={trace.clone()} ghost={ghost.clone()} until={state.reveal_event()} {at_end} {december}
                    {why} />
                <ClusterVerdicts trace={trace.clone()} until={state.reveal_sample()} />
                { blocks::fleet(state, dark) }
                { reproduce.clone() }
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
                    { reproduce.clone() }
                </section>
            </>
        }
    }

    /// What follows one render later: the event log, the sweep, the follow-ups, the question
    /// (when not spoiler-free) and About.
    fn lower_panels(state: &State, dispatch: &Callback<Msg>, dark: bool, reproduce: &Html) -> Html {
        let trace = &state.run.trace;
        let (teach, at_end, embed) = (state.view.teach, state.at_end(), state.view.embed);
        let december = state.run.params.beside_december();
        let customers_seen = trace.summary.first_customer_errors_min.is_some_and(|a| state.cursor >= a);
        html! {
            <>
                if !embed && state.view.controls == Controls::Full {
                    { fleet_editor(state, dispatch, dark) }
                }
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
                        flags={Flags { dark, eager: false, hide_numbers: blocks::hide_numbers(state) }} dispatch={dispatch.clone()} />
                    { reproduce.clone() }
                }
                if !embed {
                    { blocks::followups(state, dispatch, dark, blocks::Start::OnScreen) }
                    { reproduce.clone() }
                    if !teach {
                        <Predict actual={trace.summary.first_customer_errors_min} revealed={customers_seen}
                            guess={state.guess} hide_never={false} dispatch={dispatch.clone()} />
                    }
                    <About params={state.run.params.clone()} />
                }
            </>
        }
    }

    /// "Your fleet": a disclosure whose editor (in the tools module) loads when it opens.
    fn fleet_editor(state: &State, dispatch: &Callback<Msg>, dark: bool) -> Html {
        let p = &state.run.params;
        let what = match &p.fleet {
            None => "December 2024's built-in fleet runs; describe your own clusters, agent and rollout.".to_string(),
            Some(f) => format!("Your fleet runs: {}.", crate::text::count(f.clusters.len() as i64, "cluster", "clusters")),
        };
        html! {
            <LazyDetails class="panel fleet-d" keep=true summary={html! { <><strong>{"Your fleet"}</strong>{" · "}<span class="hint" id="fleet-d-what">{what}</span></> }}>
                <Island tool={Tool::Fleet} query={island_query(p, &state.view.sweep)}
                    flags={Flags { dark, eager: true, hide_numbers: false }} dispatch={dispatch.clone()} />
            </LazyDetails>
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
            .map(|e| format!("{} {}: {}", clock(e.t_min), e.kind.title(), crate::views::story::explain(e, state.trace(), &state.run.params)))
            .unwrap_or_default()
    }
}
