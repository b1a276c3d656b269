//! The causal diagram: one cluster's chain drawn as SVG from `DiagramState` (which is pure
//! and natively tested). Traffic is dots moving along the dependencies, animated by SVG
//! (SMIL) so playback costs no script per frame; with reduced motion the dots stand still.

use crate::sim::Params;
use crate::text::group_thousands;
use crate::ui::hooks::use_width;
use crate::ui::state::{Msg, TraceRef};
use crate::views::diagram::{DiagramState, Flow, Health, Part, PartId, Reserved};
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

/// Where each part sits, in viewBox units: (x, y) of the box's top-left corner.
struct Layout {
    view: (f64, f64),
    box_size: (f64, f64),
    at: fn(PartId) -> (f64, f64),
    side_width: f64,
}

const WIDE: Layout = Layout {
    view: (800.0, 290.0),
    box_size: (176.0, 70.0),
    at: |id| match id {
        // Control plane along the top, left to right; the data plane back along the bottom.
        PartId::Rollout => (8.0, 16.0),
        PartId::Agents => (212.0, 16.0),
        PartId::ApiServers => (416.0, 16.0),
        PartId::Engineers => (616.0, 108.0),
        PartId::BreakGlass => (616.0, 200.0),
        PartId::CoreDns => (416.0, 200.0),
        PartId::Caches => (212.0, 200.0),
        PartId::Customers => (8.0, 200.0),
    },
    side_width: 176.0,
};

/// Phones: the chain runs down one column; the engineers' paths sit beside the API servers.
const NARROW: Layout = Layout {
    view: (360.0, 530.0),
    box_size: (214.0, 66.0),
    at: |id| match id {
        PartId::Rollout => (6.0, 6.0),
        PartId::Agents => (6.0, 96.0),
        PartId::ApiServers => (6.0, 186.0),
        PartId::Engineers => (238.0, 186.0),
        PartId::BreakGlass => (238.0, 96.0),
        PartId::CoreDns => (6.0, 276.0),
        PartId::Caches => (6.0, 366.0),
        PartId::Customers => (6.0, 456.0),
    },
    side_width: 116.0,
};

/// Parts off the main chain (the engineers' paths) may be narrower.
fn is_side(id: PartId) -> bool {
    matches!(id, PartId::Engineers | PartId::BreakGlass)
}

fn health_class(h: Health) -> &'static str {
    match h {
        Health::Idle => "h-idle",
        Health::Ok => "h-ok",
        Health::Strained => "h-strained",
        Health::Failing => "h-failing",
        Health::Recovering => "h-recovering",
    }
}

impl Layout {
    fn size(&self, id: PartId) -> (f64, f64) {
        (if is_side(id) { self.side_width } else { self.box_size.0 }, self.box_size.1)
    }

    fn center(&self, id: PartId) -> (f64, f64) {
        let ((x, y), (w, h)) = ((self.at)(id), self.size(id));
        (x + w / 2.0, y + h / 2.0)
    }

    /// The segment between two boxes' centres, clipped to each box's border (plus a small gap).
    fn segment(&self, from: PartId, to: PartId) -> ((f64, f64), (f64, f64)) {
        let (a, b) = (self.center(from), self.center(to));
        let (dx, dy) = (b.0 - a.0, b.1 - a.1);
        let clip = |id: PartId| {
            let (w, h) = self.size(id);
            ((w / 2.0 + 4.0) / dx.abs().max(1e-9)).min((h / 2.0 + 4.0) / dy.abs().max(1e-9))
        };
        let (ta, tb) = (clip(from), clip(to));
        ((a.0 + dx * ta, a.1 + dy * ta), (b.0 - dx * tb, b.1 - dy * tb))
    }
}

/// A name wider than its box (the health glyph and a space included) takes two lines. Bold
/// 13 px text runs about 8 units a character in Chromium's fallback fonts (7.3, measured with
/// system-ui alone, clipped "Engineers' kubectl" at its box's right edge).
fn name_lines(name: &str, width: f64) -> (String, Option<String>) {
    if (name.chars().count() as f64 + 2.0) * 8.0 <= width - 20.0 {
        return (name.to_string(), None);
    }
    match name.rsplit_once(' ') {
        Some((a, b)) => (a.to_string(), Some(b.to_string())),
        None => (name.to_string(), None),
    }
}

fn part_box(l: &Layout, p: &Part) -> Html {
    let (x, y) = (l.at)(p.id);
    let (w, h) = l.size(p.id);
    let gauge_w = (w - 20.0) * p.gauge.clamp(0.0, 1.0);
    let (first, second) = name_lines(p.id.name(), w);
    let two = second.is_some();
    html! {
        <g class={classes!("part", health_class(p.health), two.then_some("compact"))} transform={format!("translate({x} {y})")} data-part={format!("{:?}", p.id)}>
            <title>{format!("{}: {} — {}", p.id.name(), p.health.word(), p.status)}</title>
            <rect class="part-box" width={w.to_string()} height={h.to_string()} rx="8" />
            <text class="part-name" x="10" y={if two { "17" } else { "22" }}>{format!("{} {first}", p.health.glyph())}
                if let Some(s) = second { <tspan x="10" dy="14">{s}</tspan> }
            </text>
            <text class="part-short" x="10" y={if two { "46" } else { "42" }}>{&p.short}</text>
            <rect class="gauge-track" x="10" y={(h - 16.0).to_string()} width={(w - 20.0).to_string()} height="6" rx="3" />
            <rect class="gauge-fill" x="10" y={(h - 16.0).to_string()} width={format!("{gauge_w:.1}")} height="6" rx="3" />
        </g>
    }
}

/// Rates change every sample; quantised, the SMIL timing changes (and restarts) only rarely.
fn quantise(v: f64) -> f64 {
    (v.clamp(0.0, 1.0) * 4.0).round() / 4.0
}

fn edge(l: &Layout, f: &Flow, moving: bool) -> Html {
    let ((x1, y1), (x2, y2)) = l.segment(f.from, f.to);
    let path = format!("M{x1:.1},{y1:.1} L{x2:.1},{y2:.1}");
    let rate = quantise(f.rate);
    let dots = (rate * 4.0).round() as usize;
    let bounced = ((dots as f64) * f.bounced).round() as usize;
    let dur = 3.2 - 2.0 * rate;
    let (mx, my) = ((x1 + x2) / 2.0, (y1 + y2) / 2.0);
    let dot = |k: usize| {
        let back = k < bounced;
        let class = if back { "dot bounced" } else { "dot" };
        if moving {
            let begin = format!("-{:.2}s", dur * k as f64 / dots.max(1) as f64);
            // A bounced request goes most of the way and comes back rejected.
            let (points, times) = if back { ("0;0.85;0", "0;0.5;1") } else { ("0;1", "0;1") };
            html! {
                <circle class={class} r="4">
                    <animateMotion path={path.clone()} dur={format!("{dur:.2}s")} begin={begin} repeatCount="indefinite"
                        keyPoints={points} keyTimes={times} calcMode="linear" />
                </circle>
            }
        } else {
            let s = (k as f64 + 0.5) / dots.max(1) as f64 * if back { 0.85 } else { 1.0 };
            html! { <circle class={class} r="4" cx={format!("{:.1}", x1 + (x2 - x1) * s)} cy={format!("{:.1}", y1 + (y2 - y1) * s)} /> }
        }
    };
    html! {
        <g class={classes!("flow", f.broken.then_some("broken"))}>
            <path class="edge" d={path.clone()} marker-end="url(#diagram-arrow)" />
            { for (0..dots).map(dot) }
            if f.broken {
                <text class="cut" x={format!("{mx:.1}")} y={format!("{:.1}", my + 6.0)} text-anchor="middle">{"✕"}</text>
            }
        </g>
    }
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
    let l = if narrow { &NARROW } else { &WIDE };
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
            <svg class="diagram-svg" viewBox={format!("0 0 {} {}", l.view.0, l.view.1)} role="img" aria-labelledby="diagram-caption" aria-describedby="diagram-desc">
                <defs>
                    <marker id="diagram-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
                        <path class="arrow-head" d="M0,0 L10,5 L0,10 z" />
                    </marker>
                </defs>
                { for d.flows.iter().map(|f| edge(l, f, moving)) }
                { for d.parts.iter().map(|part| part_box(l, part)) }
            </svg>
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
