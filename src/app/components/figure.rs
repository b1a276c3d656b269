//! An embedded single figure (`embed=1&view=…`): that figure, and only the controls that
//! `controls=` asks for — `none`: nothing to press; `min`: play/pause, scrubber, speed;
//! `full`: also the main sliders. `view=full` (and `sweep`, which has its own layout) is the
//! whole app instead; outside embed mode the app always shows everything.

use super::{ChartView, Diagram, EmbedBar, FleetView, Narration, ParamControls, Playback};
use crate::app::export::{self, Body, Export};
use crate::app::dom;
use crate::app::state::{Msg, State};
use crate::chart::Panel;
use crate::link::{Controls, Figure, LinkState};
use crate::report::{clock, t_plus};
use yew::prelude::*;

/// Whether `figure` is drawn alone by `EmbedFigure` in embed mode.
pub fn alone(figure: Figure) -> bool {
    !matches!(figure, Figure::Full | Figure::Sweep)
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
    let timeline = html! { <Narration trace={trace.clone()} cursor={s.cursor} {teach} {december} dispatch={d.clone()} /> };
    let figure = match s.view.figure {
        Figure::Diagram => html! {
            <>
                <Diagram trace={trace.clone()} params={s.run.params.clone()}
                    pinned={s.pinned.as_ref().map(|r| (r.trace.clone(), r.params.clone()))}
                    sample={trace.index_at(s.cursor)} passed={trace.events.partition_point(|e| e.t_min <= s.cursor)}
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
                    <FleetView trace={trace.clone()} sample={trace.index_at(s.cursor)} {dark} />
                </section>
            </>
        },
        Figure::Timeline => html! { <>{ playback.clone() }{ timeline.clone() }</> },
        // FOLLOWUPS: the Follow-ups panel goes here once it lands (issue 12); until then the
        // timeline stands in, so `view=followups` links already embed something useful.
        Figure::Followups => html! { <>{ playback.clone() }{ timeline.clone() }</> },
        // Drawn by the full layout (`alone` is false for these).
        Figure::Full | Figure::Sweep => html! {},
    };
    let (what, body) = match s.view.figure {
        Figure::Demand => ("API demand vs capacity", Body::Charts(&[Panel::Demand])),
        Figure::Visibility => ("what customers see vs what is broken", Body::Charts(&[Panel::Visibility])),
        Figure::Access => ("can engineers reach the API?", Body::Charts(&[Panel::Access])),
        Figure::Fleet => ("fleet and charts", Body::Whole),
        _ => ("charts", Body::Charts(&Panel::ALL)),
    };
    let download = {
        let (state, moment) = (s.clone(), p.moment.clone());
        Callback::from(move |_| {
            let mut full = moment.clone();
            full.view = Default::default();
            full.view.window = moment.view.window;
            let compare = state.pinned.as_ref().map(|r| (&*r.trace.0, &r.params));
            export::download(&Export {
                trace: &state.run.trace,
                params: &state.run.params,
                compare,
                cursor: state.cursor,
                window: state.view.window.map(|_| state.bounds()),
                until: state.reveal_sample(),
                link: dom::full_app_url(&full),
                what,
                body,
                theme: crate::palette::Theme::of(dark),
            });
        })
    };
    html! {
        <>
        <EmbedBar moment={p.moment.clone()}>
            if controls != Controls::None {
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
