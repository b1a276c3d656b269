//! An embedded single figure (`embed=1&view=…`): that figure, and only the controls that
//! `controls=` asks for — `none`: nothing to press; `min`: play/pause, scrubber, speed;
//! `full`: also the main sliders. `view=sweep` is the sweep panel with its own pickers.
//! `view=full` is the whole app instead; outside embed mode the app always shows everything.

use super::{ChartView, Diagram, EmbedBar, FleetView, FollowUps, Narration, ParamControls, Playback, SweepView};
use crate::app::export::{self, Body, Export};
use crate::app::dom;
use crate::app::state::{Msg, State};
use crate::chart::Panel;
use crate::link::{Controls, Figure, LinkState};
use crate::report::{clock, t_plus};
use yew::prelude::*;

/// Whether `figure` is drawn alone by `EmbedFigure` in embed mode.
pub fn alone(figure: Figure) -> bool {
    figure != Figure::Full
}

#[derive(Properties, PartialEq)]
pub struct FigureProps {
    pub state: State,
    /// The link to this moment (the way out, and the export's small print).
    pub moment: LinkState,
    pub dark: bool,
    pub dispatch: Callback<Msg>,
}

#[component]
pub fn EmbedFigure(p: &FigureProps) -> Html {
    let (s, d, dark) = (&p.state, &p.dispatch, p.dark);
    let trace = &s.run.trace;
    let controls = s.view.controls;
    let teach = s.view.teach;
    let window = s.view.window.map(|_| s.bounds());
    let ghost = s.pinned.as_ref().map(|r| r.trace.clone());
    let december = s.run.params.preset.def().december;
    let playback = html! {
        if controls != Controls::None {
            <Playback trace={trace.clone()} cursor={s.cursor} playing={s.playing} speed={s.speed} {teach} {window} dispatch={d.clone()} />
        }
    };
    let chart = |panel: Option<Panel>| html! {
        <section class="panel figure-charts">
            <ChartView trace={trace.clone()} ghost={ghost.clone()} cursor={s.cursor} until={s.reveal_sample()} {dark} {window} {panel} />
        </section>
    };
    let timeline = html! { <Narration trace={trace.clone()} passed={trace.events.partition_point(|e| e.t_min <= s.cursor)} at_end={s.cursor >= trace.t_end() - 1e-9} {teach} {december} dispatch={d.clone()} /> };
    let figure = match s.view.figure {
        Figure::Diagram => html! {
            <>
                <Diagram trace={trace.clone()} params={s.run.params.clone()}
                    pinned={s.pinned.as_ref().map(|r| (r.trace.clone(), r.params.clone()))}
                    sample={trace.index_before(s.cursor)} passed={trace.events.partition_point(|e| e.t_min <= s.cursor)}
                    cluster={s.view.cluster} playing={s.playing}
                    reduced_motion={s.reduced_motion} dispatch={d.clone()} />
                { playback.clone() }
            </>
        },
        Figure::Charts => html! { <>{ playback.clone() }{ chart(None) }</> },
        Figure::Demand => html! { <>{ playback.clone() }{ chart(Some(Panel::Demand)) }</> },
        Figure::Visibility => html! { <>{ playback.clone() }{ chart(Some(Panel::Visibility)) }</> },
        Figure::Access => html! { <>{ playback.clone() }{ chart(Some(Panel::Access)) }</> },
        Figure::Fleet => html! {
            <>
                { playback.clone() }
                <section class="panel" aria-labelledby="fleet-h">
                    <h2 id="fleet-h">{"Fleet at "}{clock(s.cursor)}<span class="muted">{format!(" · {}", t_plus(s.cursor))}</span></h2>
                    <FleetView trace={trace.clone()} sample={trace.index_before(s.cursor)} {dark} />
                </section>
            </>
        },
        Figure::Timeline => html! { <>{ playback.clone() }{ timeline.clone() }</> },
        // The postmortem's follow-ups, each re-simulated alone against this run; in a
        // spoiler-free figure their numbers wait for the end of the run.
        Figure::Followups => html! {
            <>
                { playback.clone() }
                <FollowUps params={s.run.params.clone()} trace={trace.clone()} hide_numbers={teach && s.cursor < trace.t_end() - 1e-9} dispatch={d.clone()} />
            </>
        },
        // The sweep computes at once (it is the whole frame); a chosen cell changes the run.
        Figure::Sweep => html! {
            <SweepView params={s.run.params.clone()} setup={s.view.sweep.clone()} {dark} dispatch={d.clone()} eager=true />
        },
        // Drawn by the full layout (`alone` is false for it).
        Figure::Full => html! {},
    };
    // What the PNG button draws (`None`: the diagram's SVG); lists have no PNG.
    let (what, body) = match s.view.figure {
        Figure::Demand => ("API demand vs capacity", Some(Body::Charts(&[Panel::Demand]))),
        Figure::Visibility => ("what customers see vs what is broken", Some(Body::Charts(&[Panel::Visibility]))),
        Figure::Access => ("can engineers reach the API?", Some(Body::Charts(&[Panel::Access]))),
        Figure::Fleet => ("fleet and charts", Some(Body::Whole)),
        Figure::Diagram => ("how it cascades", None),
        _ => ("charts", Some(Body::Charts(&Panel::ALL))),
    };
    let has_png = !matches!(s.view.figure, Figure::Timeline | Figure::Followups | Figure::Sweep);
    let download = {
        let (state, moment) = (s.clone(), p.moment.clone());
        Callback::from(move |_| {
            let mut full = moment.clone();
            full.view = Default::default();
            full.view.window = moment.view.window;
            let compare = state.pinned.as_ref().map(|r| (&*r.trace.0, &r.params));
            let e = Export {
                trace: &state.run.trace,
                params: &state.run.params,
                compare,
                cursor: state.cursor,
                window: state.view.window.map(|_| state.bounds()),
                until: state.reveal_sample(),
                link: dom::full_app_url(&full),
                what,
                body: body.unwrap_or(Body::Whole),
                theme: crate::palette::Theme::of(dark),
            };
            match body {
                Some(_) => export::download(&e),
                None => export::download_diagram(&e),
            }
        })
    };
    html! {
        <>
        <EmbedBar moment={p.moment.clone()}>
            if controls != Controls::None && has_png {
                <button class="btn small" id="export-figure" onclick={download} title="Download this figure as a PNG, with its title, parameters, moment and link">{"PNG"}</button>
            }
        </EmbedBar>
        <div class={classes!("layout", "figure-layout", (controls != Controls::Full).then_some("no-controls"))}>
            if controls == Controls::Full {
                <aside class="controls" aria-label="Parameters">
                    <ParamControls params={s.run.params.clone()} full={false} dispatch={d.clone()} />
                </aside>
            }
            <main class="stage">{ figure }</main>
        </div>
        </>
    }
}
