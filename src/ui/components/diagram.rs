//! The causal diagram: one cluster's chain drawn as SVG from `DiagramState` (which is pure
//! and natively tested) by `views::diagram_svg`, rendered here through Yew. Traffic is dots moving along the dependencies, animated by SVG
//! (SMIL) so playback costs no script per frame; with reduced motion the dots stand still.

use crate::sim::Params;
use crate::text::group_thousands;
use crate::ui::hooks::use_width;
use crate::ui::state::{Msg, TraceRef};
use crate::views::diagram::{DiagramState, Reserved};
use yew::prelude::*;

/// See `DiagramProps::room`.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Room {
    WholeRun,
    Moment,
}

#[derive(Properties, PartialEq)]
pub struct DiagramProps {
    pub trace: TraceRef,
    pub params: Params,
    /// The pinned run in compare mode, shown at the same moment.
    pub pinned: Option<(TraceRef, Params)>,
    /// Sample index under the cursor and how many events it has passed: the diagram changes
    /// only when one of them does, not every frame.
    pub sample: usize,
    pub passed: usize,
    pub cluster: usize,
    pub playing: bool,
    pub reduced_motion: bool,
    /// Spoiler-free: the space reserved for later text is reserved with redacted text.
    pub spoiler_free: bool,
    /// How much room the changing text gets: the run's longest (a figure that plays), or only
    /// the moment's (a still figure, such as a lesson chapter).
    #[prop_or(Room::WholeRun)]
    pub room: Room,
    pub dispatch: Callback<Msg>,
}

#[component]
pub fn Diagram(p: &DiagramProps) -> Html {
    let t = &p.trace;
    // The latest moment the picture can tell apart: the sample, or the last event passed.
    let t_min = p.passed.checked_sub(1).and_then(|k| t.events.get(k)).map_or(t.t_at(p.sample), |e| e.t_min.max(t.t_at(p.sample)));
    let d = DiagramState::at(t, &p.params, t_min, p.cluster);
    let pinned = p.pinned.as_ref().map(|(g, gp)| DiagramState::at(g, gp, t_min, p.cluster));
    // The run's longest caption and every lever it shows, laid under the live ones invisibly:
    // the figure keeps one height from the first minute to the last.
    let reserved = use_memo((p.trace.clone(), p.params.clone(), d.cluster, p.spoiler_free, p.room), |(t, params, c, hide, room)| {
        let r = match room {
            Room::WholeRun => Reserved::of(t, params, *c),
            Room::Moment => Reserved { caption: String::new(), levers: Vec::new() },
        };
        if *hide {
            r.redacted()
        } else {
            r
        }
    });
    let node = use_node_ref();
    // Below this width the wide layout's text would shrink under ~10 px: stack the chain.
    let narrow = (1..560).contains(&use_width(node.clone()));
    let moving = p.playing && !p.reduced_motion;
    let shown = d.cluster;
    let on_pick = p.dispatch.reform(move |e: Event| Msg::SelectCluster(crate::ui::dom::select_value(&e).parse().unwrap_or(shown)));
    html! {
        <figure class={classes!("diagram", narrow.then_some("narrow"))} id="diagram" aria-labelledby="diagram-h" ref={node}>
            <div class="diagram-head">
                <h2 id="diagram-h">{"How it cascades"}</h2>
                <label class="diagram-pick">{"Cluster "}
                    <select id="diagram-cluster" onchange={on_pick} aria-label="Cluster shown in the diagram">
                        { for t.clusters.iter().enumerate().map(|(i, c)| html! {
                            <option value={i.to_string()} selected={i == d.cluster}>{format!("{} ({} nodes)", c.name, group_thousands(c.nodes as i64))}</option>
                        }) }
                    </select>
                </label>
            </div>
            { crate::ui::svg_html::html(&crate::views::diagram_svg::figure(&d, narrow, moving)) }
            <div class="reserve">
                if !reserved.levers.is_empty() {
                    <ul class="levers ghost" aria-hidden="true">{ for reserved.levers.iter().map(|t| html! { <li>{t}</li> }) }</ul>
                }
                if !d.levers.is_empty() {
                    <ul class="levers" aria-label="Remediation acting on this cluster">
                        { for d.levers.iter().map(|lv| html! { <li>{&lv.text}</li> }) }
                    </ul>
                }
            </div>
            <figcaption class="diagram-caption reserve">
                <span class="ghost" aria-hidden="true">{&reserved.caption}</span>
                <span id="diagram-caption">{&d.caption}</span>
            </figcaption>
            <p class="sr-only" id="diagram-desc">{d.describe()}</p>
            // Announced when paused or stepped, never every frame while playing.
            <p class="sr-only" aria-live="polite" id="diagram-live">{ if p.playing { String::new() } else { d.caption.clone() } }</p>
            if let Some(g) = pinned {
                <p class="diagram-pinned" id="diagram-pinned"><strong>{"Pinned run, same moment: "}</strong>{&g.caption}</p>
            }
        </figure>
    }
}
