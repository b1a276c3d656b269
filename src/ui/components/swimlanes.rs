//! Per-cluster swimlanes: every cluster's state over the run, its moments marked by shape, and
//! its customers' error rate at the cursor. Drawn from `lanes::lanes` (pure, tested natively),
//! each lane's bars by `views::lanes_svg` (the tree `cascade render` writes too).

use crate::text::{group_thousands, t_plus};
use crate::ui::hooks::use_width;
use crate::ui::state::{Msg, TraceRef};
use crate::views::fleet_grid::{abbreviate, COMPACT_ABOVE};
use crate::views::lanes::{lanes, Lane, Mark};
use crate::views::lanes_svg::{self, Rows};
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct SwimlaneProps {
    pub trace: TraceRef,
    /// Sample under the cursor: the error column and cursor line change with it, not per frame.
    pub sample: usize,
    /// Spoiler-free mode: draw only up to this moment.
    pub until: Option<f64>,
    pub dispatch: Callback<Msg>,
    /// Lanes this many times their height (present mode: a room's screen).
    #[prop_or(1.0)]
    pub zoom: f64,
}

/// Characters of a name shown: the wide layout's name column and a phone's (CSS picks one).
const NAME_WIDE: usize = 18;
const NAME_NARROW: usize = 11;

#[component]
pub fn Swimlanes(p: &SwimlaneProps) -> Html {
    let t = &p.trace;
    let all = {
        let trace = p.trace.clone();
        use_memo(trace, |trace| Rc::new(lanes(trace)))
    };
    let node = use_node_ref();
    // Drawn at the laid-out pixel width, so glyphs keep their shape (and a 320-px phone does
    // not scroll sideways); 200 px until measured.
    let measured = use_width(node.clone());
    let width = if measured > 0 { (measured as f64).max(40.0) } else { 200.0 };
    let now = t.t_at(p.sample);
    let compact = t.clusters.len() > COMPACT_ABOVE;
    let rows = Rows::of(t, p.zoom);
    let lane_svg = |l: &Lane| {
        let shown = p.until.map_or_else(|| l.clone(), |u| l.until(u));
        crate::ui::svg_html::html(&lanes_svg::lane(t, l, &shown, width, rows, now))
    };
    html! {
        <section class="panel lanes" id="lanes" aria-labelledby="lanes-h">
            <h2 id="lanes-h">{"Cluster by cluster"}</h2>
            <ul class="lane-legend" aria-label="Marks">
                { for Mark::ALL.iter().map(|m| html! { <li><span class={lanes_svg::mark_class(*m)} aria-hidden="true">{m.glyph()}</span>{" "}{m.label()}</li> }) }
            </ul>
            <div class={classes!("lane-box", compact.then_some("compact"))}>
            <table class="lane-table">
                <thead><tr><th scope="col">{"Cluster"}</th><th scope="col" ref={node.clone()}>{"State over the run (colour) and its moments (shapes)"}</th><th scope="col">{"Customers failing now"}</th></tr></thead>
                <tbody>
                    { for all.iter().map(|l| {
                        let err = t.per_cluster[l.cluster].error[p.sample];
                        let known: Vec<String> = p.until.map_or_else(|| l.clone(), |u| l.until(u)).marks.iter().map(|(m, at)| format!("{} {}", l.mark_label(*m), t_plus(*at))).collect();
                        let c = l.cluster;
                        html! {
                            <tr data-cluster={l.name.clone()}>
                                <th scope="row">{ name_button(l, compact, p.dispatch.reform(move |_| { show_diagram(); Msg::SelectCluster(c) })) }
                                    if !compact { <span class="muted lane-nodes">{format!(" {} nodes", l.nodes)}</span> }
                                    <span class="sr-only">{format!(": {}", if known.is_empty() { "nothing yet".to_string() } else { known.join(", ") })}</span></th>
                                <td class="lane-cell">{ lane_svg(l) }</td>
                                <td class={classes!("lane-err", (err as f64 > crate::sim::model::CUSTOMER_ERROR_THRESHOLD).then_some("bad"))}>{format!("{:.0} %", err * 100.0)}</td>
                            </tr>
                        }
                    }) }
                </tbody>
            </table>
            </div>
        </section>
    }
}

/// The lane's name, choosing it for the diagram. A long name shows shortened in the middle (one
/// length for the wide layout, one for a phone's narrow column; the stylesheet shows one), its
/// whole name in the title and as the button's name; a compact lane's node count is in the title.
fn name_button(l: &Lane, compact: bool, onclick: Callback<MouseEvent>) -> Html {
    let (wide, narrow) = (abbreviate(&l.name, NAME_WIDE), abbreviate(&l.name, NAME_NARROW));
    let shortened = narrow != l.name;
    let nodes = if compact { format!(" ({} nodes)", group_thousands(l.nodes as i64)) } else { String::new() };
    html! {
        <button class="linklike lane-name" {onclick} title={format!("{}{nodes}: show in the diagram", l.name)} aria-label={shortened.then(|| l.name.clone())}>
            if shortened {
                <span class="name-wide" aria-hidden="true">{wide}</span><span class="name-narrow" aria-hidden="true">{narrow}</span>
            } else {
                {&l.name}
            }
        </button>
    }
}

/// Brings the causal diagram into view (a cluster's name was chosen for it): a smooth scroll,
/// or with reduced motion an instant one (`auto`: the page sets no smooth scrolling). `scrollIntoView` with options through `Reflect`, so
/// no more web-sys features are compiled in.
fn show_diagram() {
    let Some(el) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("diagram")) else { return };
    let behavior = if crate::ui::dom::prefers_reduced_motion() { "auto" } else { "smooth" };
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"behavior".into(), &behavior.into());
    let _ = js_sys::Reflect::set(&options, &"block".into(), &"start".into());
    if let Ok(f) = js_sys::Reflect::get(&el, &"scrollIntoView".into()).and_then(|f| f.dyn_into::<js_sys::Function>()) {
        let _ = f.call1(&el, &options);
    }
}
