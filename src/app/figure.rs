//! An embedded single figure (`embed=1&view=…`): that figure, and only the controls that
//! `controls=` asks for — `none`: nothing to press; `min`: play/pause, scrubber, speed;
//! `full`: also the main sliders. `view=sweep` is the sweep panel with its own pickers.
//! `view=full` is the whole app instead; outside embed mode the app always shows everything.

use super::blocks;
use crate::app::islands::{self, Island};
use crate::formats::link::{Controls, Figure, LinkState};
use crate::ui::components::{full_link, print_link, ChartView, EmbedBar, Narration, ParamControls, Playback};
use crate::ui::dom;
use crate::ui::seam::{self as tools_api, island_query, Export, ExportRequest, Flags, Tool};
use crate::ui::state::{Msg, State};
use crate::views::chart::Panel;
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
    let controls = s.view.controls;
    let has_png = !matches!(s.view.figure, Figure::Timeline | Figure::Followups | Figure::Sweep | Figure::Chapter);
    html! {
        <>
        <EmbedBar moment={p.moment.clone()}>
            if controls != Controls::None && has_png {
                <button class="btn small" id="export-figure" onclick={on_download(s, &p.moment, dark)} title="Download this figure as a PNG, with its title, parameters, moment and link">{"PNG"}</button>
            }
        </EmbedBar>
        // A chapter is the lesson's own figure: its run is the link's, without sliders.
        <div class={classes!("layout", "figure-layout", (controls != Controls::Full || s.view.figure == Figure::Chapter).then_some("no-controls"))}>
            if controls == Controls::Full && s.view.figure != Figure::Chapter {
                <aside class="controls" aria-label="Parameters">
                    <ParamControls params={s.run.params.clone()} full={false} dispatch={d.clone()} />
                </aside>
            }
            <main class="stage">{ figure(s, d, dark) }</main>
        </div>
        { print_link(&dom::full_app_url(&full_link(&p.moment))) }
        </>
    }
}

/// The figure the link asks for, with the playback bar unless `controls=none`.
fn figure(s: &State, d: &Callback<Msg>, dark: bool) -> Html {
    let trace = &s.run.trace;
    let teach = s.view.teach;
    let window = s.view.window.map(|_| s.bounds());
    let ghost = s.pinned.as_ref().map(|r| r.trace.clone());
    let december = s.run.params.beside_december();
    let playback = html! {
        if s.view.controls != Controls::None {
            <Playback trace={trace.clone()} cursor={s.cursor} playing={s.playing} speed={s.speed} {teach} {window} dispatch={d.clone()} />
        }
    };
    let chart = |panel: Option<Panel>| {
        html! {
            <section class="panel figure-charts">
                <ChartView trace={trace.clone()} ghost={ghost.clone()} cursor={s.cursor} until={s.reveal_sample()} {dark} {window} {panel} />
            </section>
        }
    };
    let timeline = html! { <Narration trace={trace.clone()} params={s.run.params.clone()} passed={s.events_passed()} at_end={s.at_end()} {teach} {december} dispatch={d.clone()} /> };
    match s.view.figure {
        Figure::Diagram => html! { <>{ blocks::diagram(s, d) }{ playback.clone() }</> },
        Figure::Charts => html! { <>{ playback.clone() }{ chart(None) }</> },
        Figure::Demand => html! { <>{ playback.clone() }{ chart(Some(Panel::Demand)) }</> },
        Figure::Visibility => html! { <>{ playback.clone() }{ chart(Some(Panel::Visibility)) }</> },
        Figure::Access => html! { <>{ playback.clone() }{ chart(Some(Panel::Access)) }</> },
        Figure::Fleet => html! { <>{ playback.clone() }{ blocks::fleet(s, dark) }</> },
        Figure::Timeline => html! { <>{ playback.clone() }{ timeline.clone() }</> },
        Figure::Followups => html! { <>{ playback.clone() }{ blocks::followups(s, d, dark, blocks::Start::Now) }</> },
        // The sweep computes at once (it is the whole frame); a chosen cell changes the run.
        // Spoiler-free (`teach=1`), its outcomes wait for the end of the run, as on the page.
        Figure::Sweep => html! {
            <Island tool={Tool::Sweep} query={island_query(&s.run.params, &s.view.sweep)} dispatch={d.clone()}
                flags={Flags { dark, eager: true, hide_numbers: blocks::hide_numbers(s) }} />
        },
        // One lesson chapter: its figure, question and reveal.
        Figure::Chapter => html! {
            <Island tool={Tool::Lesson} query={tools_api::lesson_query(&s.run.params, &s.view)} dispatch={d.clone()}
                flags={Flags { dark, eager: true, hide_numbers: false }} />
        },
        // Drawn by the full layout (`alone` is false for it).
        Figure::Full => html! {},
    }
}

/// The PNG button: the figure as the tools module draws it. Written on the click, not per
/// render (an embed re-renders every frame while playing).
fn on_download(s: &State, moment: &LinkState, dark: bool) -> Callback<MouseEvent> {
    // What the PNG button draws; lists and the sweep have no PNG.
    let kind = match s.view.figure {
        Figure::Demand => Export::Demand,
        Figure::Visibility => Export::Visibility,
        Figure::Access => Export::Access,
        Figure::Fleet => Export::FleetAndCharts,
        Figure::Diagram => Export::Diagram,
        _ => Export::Charts,
    };
    let (moment, cursor, window, until) = (moment.clone(), s.cursor, s.view.window.map(|_| s.bounds()), s.reveal_sample());
    Callback::from(move |_| {
        let mut full = moment.clone();
        full.view = Default::default();
        full.view.window = moment.view.window;
        let request = ExportRequest { kind, query: moment.to_query(), cursor, window, until, dark, png: Default::default(), url: dom::full_app_url(&full) };
        // An embed has no room for a message: the console says why.
        islands::export(request, Callback::from(|e: String| web_sys::console::error_1(&e.into())))
    })
}
