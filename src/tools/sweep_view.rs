//! "Where is the cliff?": a two-parameter sweep as a heatmap on a canvas. Every cell is a whole
//! simulation (`crate::analysis::sweep`), computed a few per frame by `use_sweep` once the panel is on
//! screen; the line is where a production control plane starts to fall, the ring marks the
//! current parameters. Hover or focus reads a cell; click or Enter sets its two values and
//! pins the run they replace. A table alternative and the sweep presets' "what to notice".

use crate::analysis::sweep::{self, numeric_keys, Axis, Metric, Sweep, METRICS, SWEEP_PRESETS};
use crate::formats::csvw;
use crate::formats::link::SweepView as Setup;
use crate::sim::Key;
use crate::sim::{params, Kind, Params};
use crate::text::t_plus;
use crate::tools::export;
use crate::tools::use_sweep::{use_sweep, SweepInput, SweepProgress};
use crate::ui::dom;
use crate::ui::hooks::{use_print_draw, use_seen, use_width};
use crate::ui::seam::ToPage;
use crate::views::palette::{self, Theme, RAMP};
use crate::views::sheet::{split_top, FigureNeed, PngSize, SheetOptions, PAD};
use std::cell::RefCell;
use std::rc::Rc;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct SweepViewProps {
    /// The current run's parameters: the base of every cell, and the ring on the map.
    pub params: Params,
    /// Axes and metric from the link (`None`: the default sweep).
    pub setup: Setup,
    pub dark: bool,
    pub dispatch: Callback<ToPage>,
    /// Start at once (the sweep alone in an embed) rather than when scrolled into view.
    #[prop_or_default]
    pub eager: bool,
    /// Spoiler-free mode before the end of the run: every cell is a whole run's outcome, so the
    /// map's colours and cliff, the values read out, the legend's range, the table and the
    /// files wait (the axes, the ring and the cells' parameters still show).
    #[prop_or_default]
    pub hide_numbers: bool,
}

/// Plot margins in CSS pixels: left (y labels), right, top (y title), bottom (x labels, title).
const ML: f64 = 50.0;
const MR: f64 = 10.0;
const MT: f64 = 22.0;
const MB: f64 = 40.0;

/// The default sweep: the first preset (agents × DNS TTL).
fn default_setup() -> (Axis, Axis, Metric) {
    preset_setup(&SWEEP_PRESETS[0])
}

fn preset_setup(p: &crate::analysis::sweep::SweepPreset) -> (Axis, Axis, Metric) {
    // `panic!("{e}")`, not `expect`: Debug-formatting a String pulls the Unicode
    // printable tables into the wasm (page weight). Presets are checked by tests/native/sweep.rs.
    let axis = |text| Axis::parse(text).unwrap_or_else(|e| panic!("{e}"));
    (axis(p.x), axis(p.y), Metric::find(p.metric).expect("preset metric exists"))
}

/// What the link's setup means: missing parts take the default's (`SweepView::axes`).
fn resolve(s: &Setup) -> (Axis, Axis, Metric) {
    let (_, _, dm) = default_setup();
    let (x, y) = s.axes();
    (x, y, s.metric.unwrap_or(dm))
}

/// The link's form: nothing for the default sweep, so existing links keep their bytes.
fn to_setup(x: Axis, y: Axis, m: Metric) -> Setup {
    if (x.clone(), y.clone(), m) == default_setup() {
        Setup::default()
    } else {
        Setup { x: Some(x), y: Some(y), metric: Some(m) }
    }
}

/// A sensible axis for a key: a preset's range for it if one has it, else the schema's range
/// (a cluster's nodes: 100 to 20,000 on a log scale, as the presets sweep agents).
fn axis_for(key: &str) -> Option<Axis> {
    if let Some((_, field)) = key.strip_prefix("cluster.").and_then(|r| r.rsplit_once('.')) {
        if field == "nodes" {
            return Axis::new(key, 100.0, 20_000.0, 16, true).ok();
        }
        let s = sweep::cluster_field_key(field)?.spec();
        let steps = if s.kind == Kind::Int && !s.log { ((s.max - s.min) as usize + 1).clamp(2, 16) } else { 16 };
        return Axis::new(key, s.min, s.max, steps, s.log && s.min > 0.0).ok();
    }
    let preset = SWEEP_PRESETS.iter().flat_map(|p| [p.x, p.y]).find(|a| a.split('=').next() == Some(key));
    if let Some(a) = preset.and_then(|a| Axis::parse(a).ok()) {
        return Some(a);
    }
    let s = params::spec(key)?;
    let steps = if s.kind == Kind::Int && !s.log { ((s.max - s.min) as usize + 1).clamp(2, 16) } else { 16 };
    Axis::new(key, s.min, s.max, steps, s.log && s.min > 0.0).ok()
}

fn spec(key: &str) -> &'static crate::sim::Spec {
    params::spec(key).expect("axis keys come from the schema")
}

/// The metric's value as a person reads it; `None` is an event that never happens.
fn show_value(m: &Metric, v: Option<f64>) -> String {
    let Some(v) = v else { return "never happens".into() };
    match m.key {
        "peak_error_rate" => format!("{:.1}%", v * 100.0),
        "control_plane_fell" => if v >= 0.5 { "falls" } else { "holds" }.into(),
        "impacted_clusters" => format!("{v:.0}"),
        _ if m.label.ends_with(" at") => t_plus(v),
        _ => format!("{v:.0} {}", m.unit),
    }
}

fn axis_title(a: &Axis) -> String {
    let s = spec(a.key);
    let unit = if s.unit.is_empty() || a.field() == "nodes" { String::new() } else { s.unit.to_string() };
    let label = a.label();
    match (unit.is_empty(), a.log) {
        (true, false) => label,
        (true, true) => format!("{label} (log scale)"),
        (false, false) => format!("{label} ({unit})"),
        (false, true) => format!("{label} ({unit}, log scale)"),
    }
}

/// Where a value sits along an axis of `n` cells, 0 – 1 across the plot (cell centres at
/// (i + 0.5) / n), log or linear like the axis.
fn frac(a: &Axis, v: f64) -> f64 {
    let u = if a.log { (v / a.from).ln() / (a.to / a.from).ln() } else { (v - a.from) / (a.to - a.from) };
    let n = a.steps as f64;
    ((u.clamp(0.0, 1.0) * (n - 1.0)) + 0.5) / n
}

fn tick_label(v: f64) -> String {
    if v.abs() >= 10_000.0 && (v / 1000.0).fract() == 0.0 {
        format!("{}k", v / 1000.0)
    } else if v.fract() == 0.0 {
        crate::text::group_thousands(v as i64)
    } else {
        let s = format!("{v:.2}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

/// The map's height for a width, as the panel draws it.
pub fn height(w: f64) -> f64 {
    ((w - ML - MR) * 0.62).clamp(220.0, 380.0) + MT + MB
}

struct Geom {
    w: f64,
    h: f64,
    cw: f64,
    ch: f64,
    nx: usize,
    ny: usize,
}

impl Geom {
    fn new(w: f64, nx: usize, ny: usize) -> Geom {
        Geom::sized(w, height(w), nx, ny)
    }
    fn sized(w: f64, h: f64, nx: usize, ny: usize) -> Geom {
        Geom { w, h, cw: (w - ML - MR) / nx as f64, ch: (h - MT - MB) / ny as f64, nx, ny }
    }
    /// Top-left corner of cell (i, j); y grows upwards.
    fn cell(&self, i: usize, j: usize) -> (f64, f64) {
        (ML + i as f64 * self.cw, MT + (self.ny - 1 - j) as f64 * self.ch)
    }
    fn at(&self, x: f64, y: f64) -> Option<(usize, usize)> {
        let (fi, fj) = ((x - ML) / self.cw, (y - MT) / self.ch);
        (fi >= 0.0 && fj >= 0.0 && (fi as usize) < self.nx && (fj as usize) < self.ny).then(|| (fi as usize, self.ny - 1 - fj as usize))
    }
}

#[component]
pub fn SweepView(p: &SweepViewProps) -> Html {
    let (x, y, metric) = resolve(&p.setup);
    let section = use_node_ref();
    let canvas = use_node_ref();
    let seen = use_seen(section.clone(), p.eager);
    let input = seen.then(|| SweepInput::new(x.clone(), y.clone(), &p.params));
    let progress = use_sweep(input, metric);
    let width = use_width(canvas.clone());
    let hover = use_state(|| None::<(usize, usize)>);
    let focus = use_state(|| None::<(usize, usize)>);
    let table_open = use_state(|| false);
    let (nx, ny) = (x.steps, y.steps);
    let geom = Geom::new((width.max(280)) as f64, nx, ny);
    let current = (x.value_in(&p.params).unwrap_or(f64::NAN), y.value_in(&p.params).unwrap_or(f64::NAN));
    // Spoiler-free, the outcomes wait for the end of the run, or for the reader to ask for
    // them (a sweep embedded alone has no run to play to its end).
    let revealed = use_state(|| false);
    let hide = p.hide_numbers && !*revealed;
    let reveal = {
        let revealed = revealed.clone();
        Callback::from(move |_: MouseEvent| revealed.set(true))
    };
    use_draw_map(&canvas, &progress, geom.h, (metric.key, width, p.dark, hide), (*hover, *focus), current);

    let sweep_ref = progress.sweep.borrow();
    // What may be told: nothing of the outcomes while spoiler-free.
    let sweep = sweep_ref.as_ref().filter(|s| s.x == x && s.y == y && !hide);
    let cells = sweep_ref.as_ref().filter(|s| s.x == x && s.y == y);
    let events = MapEvents::new(&x, &y, &hover, &focus, &p.dispatch, geom.w, current);
    let notice = SWEEP_PRESETS.iter().find(|pr| pr.x.starts_with(&format!("{}=", x.name())) && pr.y.starts_with(&format!("{}=", y.name())));
    let ontoggle = {
        let open = table_open.clone();
        Callback::from(move |e: Event| open.set(e.target_unchecked_into::<web_sys::HtmlDetailsElement>().open()))
    };

    html! {
        <section ref={section} class="panel sweep" id="sweep" aria-labelledby="sweep-h"
            data-computed={progress.computed.to_string()} data-total={(nx * ny).to_string()}
            data-ms={progress.elapsed_ms.map(|m| format!("{m:.0}")).unwrap_or_default()}>
            <h2 id="sweep-h">{"Where is the cliff?"}</h2>
            <p class="hint">{"Each cell is the whole incident simulated again with two parameters changed and everything else as now. The line marks where a production control plane starts to fall."}</p>
            { controls(&x, &y, metric, &cluster_names(&p.params, &x, &y), &p.dispatch) }
            if let Some(pr) = notice.filter(|_| !hide) {
                <p class="sweep-notice" id="sweep-notice"><strong>{"What to notice: "}</strong>{pr.notice_for(sweep)}</p>
            }
            if hide {
                <p class="hint" id="sweep-hidden">
                    {"Spoiler-free: every cell is a whole run's outcome, so the map's colours, its values and its files appear at the end of the run. Predict where the cliff is first, then "}
                    <button type="button" id="sweep-reveal" onclick={reveal}>{"Show the outcomes"}</button>
                </p>
            }
            <p class="sweep-progress muted" id="sweep-progress">{status(seen, &progress, nx * ny)}</p>
            { map(canvas, &x, &y, &metric, events) }
            <p class="sweep-readout" id="sweep-readout" aria-live="polite">{readout((*hover).or(*focus), cells, usable(&x, &y), hide)}</p>
            { legend(&metric, sweep) }
            <Downloads sweep={progress.sweep.clone()} done={sweep.is_some_and(|s| s.done())} {hide} generation={progress.generation}
                params={p.params.clone()} setup={to_setup(x.clone(), y.clone(), metric)} dark={p.dark} />
            <details class="table-alt" id="sweep-table" {ontoggle}>
                <summary>{"Sweep as a table"}</summary>
                // Built once the grid is full, not again on every frame while it fills.
                if *table_open {
                    if let Some(s) = sweep.filter(|s| s.done()) { { table(s) } } else { <p class="hint">{ if hide { "Spoiler-free: the table appears at the end of the run." } else { "The table appears when every run is done." } }</p> }
                }
            </details>
        </section>
    }
}

/// Redraws the map when the sweep, the metric, the size, the theme, a mark or the current
/// parameters change. Printing finishes the grid and draws it light at the print layout's
/// width in `beforeprint`, a still copy printed in its place.
#[hook]
fn use_draw_map(canvas: &NodeRef, progress: &SweepProgress, h: f64, look: (&'static str, i32, bool, bool), marks: Marks, current: (f64, f64)) {
    let (canvas, sweep) = (canvas.clone(), progress.sweep.clone());
    let (key, width, dark, hide) = look;
    let redraw = move |dark: bool, marks: Marks, printing: bool| {
        // Drawn for this print already (in `beforeprint`, or when it finished since): kept.
        if let Some(el) =
            canvas.cast::<HtmlCanvasElement>().filter(|c| !(printing && dom::has_print_copy(c) && sweep.borrow().as_ref().is_none_or(|s| s.done())))
        {
            let _ = web_sys::HtmlElement::style(&el).set_property("height", &format!("{h}px"));
            let dpr = dom::size_canvas(&el, h);
            if let (Some(ctx), Some(s)) = (dom::context(&el), sweep.borrow().as_ref()) {
                let g = Geom::new(el.width() as f64 / dpr, s.xs.len(), s.ys.len());
                // Spoiler-free: the grid as before its first run (no colours, no cliff).
                let blank = hide.then(|| Sweep::new(s.x.clone(), s.y.clone(), s.metric, s.base.clone()).ok()).flatten();
                draw(&ctx, blank.as_ref().unwrap_or(s), &g, &Theme::of(dark), dpr, current, marks);
            }
            dom::print_copy(&el, printing);
        }
    };
    let printing = use_print_draw({
        let (redraw, sweep) = (redraw.clone(), progress.sweep.clone());
        move || {
            if let Some(s) = sweep.borrow_mut().as_mut() {
                while !s.step(16) {}
            }
            redraw(false, (None, None), true)
        }
    });
    use_effect_with(
        (progress.generation, progress.computed, (key, hide), (width, printing), dark, marks, current.0.to_bits(), current.1.to_bits()),
        move |(_, _, _, (_, printing), dark, marks, _, _)| redraw(*dark && !*printing, if *printing { (None, None) } else { *marks }, *printing),
    );
}

/// The clusters whose fields the axis pickers offer: the run's largest (the diagram's default
/// cluster) and any cluster an axis sweeps now.
fn cluster_names(p: &Params, x: &Axis, y: &Axis) -> Vec<String> {
    let names = crate::sim::fleet::names(p);
    let mut out: Vec<String> = names.get(crate::sim::fleet::largest_index(p)).cloned().into_iter().collect();
    for c in [x.cluster(), y.cluster()].into_iter().flatten() {
        if let Some(n) = names.iter().find(|n| n.eq_ignore_ascii_case(c)).filter(|n| !out.contains(n)) {
            out.push(n.clone());
        }
    }
    out
}

/// An axis picker's options: every numeric parameter, then each of `clusters`' own fields.
fn key_options(selected: &str, clusters: &[String]) -> Html {
    html! {
        <>
            { for numeric_keys().into_iter().map(|k| html! { <option value={k} selected={k == selected}>{spec(k).label}</option> }) }
            { for clusters.iter().map(|c| html! {
                <optgroup label={format!("Cluster {c} only")}>
                    { for sweep::cluster_keys(c).into_iter().filter_map(|k| axis_for(&k)).map(|a| {
                        let k = a.name();
                        html! { <option value={k.clone()} selected={k == selected}>{a.label()}</option> }
                    }) }
                </optgroup>
            }) }
        </>
    }
}

/// The pickers: a sweep preset, the two axes and the colour metric, each into `view.sweep`.
fn controls(x: &Axis, y: &Axis, metric: Metric, clusters: &[String], dispatch: &Callback<ToPage>) -> Html {
    let set = {
        let d = dispatch.clone();
        move |x: Axis, y: Axis, m: Metric| d.emit(ToPage::SetSweep(to_setup(x, y, m)))
    };
    let on_x = {
        let (set, x, y) = (set.clone(), x.clone(), y.clone());
        Callback::from(move |e: Event| {
            if let Some(nx) = axis_for(&dom::select_value(&e)) {
                let ny = if nx.name() == y.name() { x.clone() } else { y.clone() };
                set(nx, ny, metric);
            }
        })
    };
    let on_y = {
        let (set, x, y) = (set.clone(), x.clone(), y.clone());
        Callback::from(move |e: Event| {
            if let Some(ny) = axis_for(&dom::select_value(&e)) {
                let nx = if ny.name() == x.name() { y.clone() } else { x.clone() };
                set(nx, ny, metric);
            }
        })
    };
    let on_metric = {
        let (set, x, y) = (set.clone(), x.clone(), y.clone());
        Callback::from(move |e: Event| {
            if let Ok(m) = Metric::find(&dom::select_value(&e)) {
                set(x.clone(), y.clone(), m);
            }
        })
    };
    html! {
        <div class="sweep-controls">
            { preset_picker(x, y, metric, set) }
            <label>{"Across "}<select id="sweep-x" onchange={on_x}>{ key_options(&x.name(), clusters) }</select></label>
            <label>{"Up "}<select id="sweep-y" onchange={on_y}>{ key_options(&y.name(), clusters) }</select></label>
            <label>{"Colour "}
                <select id="sweep-metric" onchange={on_metric}>
                    { for METRICS.iter().map(|m| html! { <option value={m.key} selected={m.key == metric.key}>{m.label}</option> }) }
                </select>
            </label>
        </div>
    }
}

/// The sweep presets, "Custom" when the setup is none of them.
fn preset_picker(x: &Axis, y: &Axis, metric: Metric, set: impl Fn(Axis, Axis, Metric) + 'static) -> Html {
    let on_preset = Callback::from(move |e: Event| {
        if let Some(pr) = SWEEP_PRESETS.iter().find(|pr| pr.name == dom::select_value(&e)) {
            let (x, y, m) = preset_setup(pr);
            set(x, y, m);
        }
    });
    let preset_now = SWEEP_PRESETS.iter().find(|pr| preset_setup(pr) == (x.clone(), y.clone(), metric)).map(|pr| pr.name);
    html! {
        <label>{"Sweep "}
            <select id="sweep-preset" onchange={on_preset}>
                { for SWEEP_PRESETS.iter().map(|pr| html! {
                    <option value={pr.name} selected={preset_now == Some(pr.name)}>{format!("{} × {}", spec(pr.x.split('=').next().unwrap_or("")).label, spec(pr.y.split('=').next().unwrap_or("")).label)}</option>
                }) }
                if preset_now.is_none() { <option value="" selected=true>{"Custom"}</option> }
            </select>
        </label>
    }
}

/// How far the sweep got, in words.
fn status(seen: bool, progress: &SweepProgress, cells: usize) -> String {
    if !seen {
        "Starts when this panel is on screen.".to_string()
    } else if let Some(ms) = progress.elapsed_ms {
        format!("{} of {} runs · {:.1} s in this browser", group(progress.computed), group(progress.total), ms / 1000.0)
    } else {
        format!("{} of {} runs", group(progress.computed), group(progress.total.max(cells)))
    }
}

/// The map's canvas, focusable, with its handlers.
fn map(canvas: NodeRef, x: &Axis, y: &Axis, metric: &Metric, events: MapEvents) -> Html {
    let MapEvents { onmousemove, onmouseleave, onclick, onkeydown, onfocus, onblur } = events;
    let enter = if usable(x, y) { "; Enter uses a cell's values" } else { "" };
    html! {
        <canvas ref={canvas} id="sweep-map" class="sweep-map" tabindex="0"
            aria-label={format!("Sweep map, {} across, {} up, coloured by {}. Arrow keys move between cells{enter}.", x.label(), y.label(), metric.label.to_ascii_lowercase())}
            aria-describedby="sweep-readout" {onmousemove} {onmouseleave} {onclick} {onkeydown} {onfocus} {onblur}></canvas>
    }
}

/// Whether choosing a cell can set its values: both axes are parameters (a cluster's field
/// would rewrite the fleet, which a chosen cell does not do; those cells are read only).
fn usable(x: &Axis, y: &Axis) -> bool {
    x.cluster().is_none() && y.cluster().is_none()
}

/// The cell under the pointer or the focus in words, or how to read one; `hide`: its
/// parameters only (spoiler-free).
fn readout(read: Option<(usize, usize)>, sweep: Option<&Sweep>, usable: bool, hide: bool) -> Html {
    match (read, sweep) {
        (Some((i, j)), Some(s)) if hide => hidden_cell_text(s, i, j, usable),
        (Some((i, j)), Some(s)) => cell_text(s, i, j),
        _ if !usable => html! {
            <>
                <span class="on-pointer">{"Hover over a cell or focus the map (arrow keys) to read it (a cluster's own value is read here, not set)."}</span>
                <span class="on-touch">{"Tap a cell to read it (a cluster's own value is read here, not set)."}</span>
            </>
        },
        // Touch screens cannot hover: `.on-touch` shows instead under (hover: none) or
        // (pointer: coarse) (static/style.css).
        _ => html! {
            <>
                <span class="on-pointer">{"Hover over a cell or focus the map (arrow keys) to read it; click or press Enter to use its two values."}</span>
                <span class="on-touch">{"Tap a cell to read it; tap it again to use its two values."}</span>
            </>
        },
    }
}

/// The map's pointer and keyboard handlers.
struct MapEvents {
    onmousemove: Callback<MouseEvent>,
    onmouseleave: Callback<MouseEvent>,
    onclick: Callback<MouseEvent>,
    onkeydown: Callback<KeyboardEvent>,
    onfocus: Callback<FocusEvent>,
    onblur: Callback<FocusEvent>,
}

type CellState = UseStateHandle<Option<(usize, usize)>>;

impl MapEvents {
    fn new(x: &Axis, y: &Axis, hover: &CellState, focus: &CellState, dispatch: &Callback<ToPage>, w: f64, current: (f64, f64)) -> MapEvents {
        let (nx, ny) = (x.steps, y.steps);
        let choose = {
            let d = dispatch.clone();
            // Fleet-wide axes hold schema keys; a cell of a cluster's field is not a parameter
            // change the app can pin (it would write the fleet), so it only reads out.
            let key = |a: &Axis| a.cluster().is_none().then(|| Key::from_name(a.key)).flatten();
            let (xs, ys, kx, ky) = (x.values(), y.values(), key(x), key(y));
            move |(i, j): (usize, usize)| {
                if let (Some(kx), Some(ky)) = (kx, ky) {
                    d.emit(ToPage::SetAndPin(vec![(kx, xs[i]), (ky, ys[j])]))
                }
            }
        };
        let onmousemove = {
            let (hover, g) = (hover.clone(), Geom::new(w, nx, ny));
            Callback::from(move |e: MouseEvent| {
                let c = g.at(e.offset_x() as f64, e.offset_y() as f64);
                if *hover != c {
                    hover.set(c);
                }
            })
        };
        let onmouseleave = {
            let hover = hover.clone();
            Callback::from(move |_: MouseEvent| hover.set(None))
        };
        // A click uses the cell at once; a tap (no hover to read it first) reads it, and a
        // second tap on the same cell uses it.
        let onclick = {
            let (focus, choose, g) = (focus.clone(), choose.clone(), Geom::new(w, nx, ny));
            Callback::from(move |e: MouseEvent| {
                if let Some(c) = g.at(e.offset_x() as f64, e.offset_y() as f64) {
                    let read_first = tapped(&e) && *focus != Some(c);
                    focus.set(Some(c));
                    if !read_first {
                        choose(c);
                    }
                }
            })
        };
        // The keyboard starts at the current parameters.
        let start_cell = (nearest(&x.values(), current.0), nearest(&y.values(), current.1));
        let onkeydown = on_key(focus.clone(), choose, start_cell, (nx, ny));
        let onfocus = {
            let focus = focus.clone();
            Callback::from(move |_: FocusEvent| {
                if focus.is_none() {
                    focus.set(Some(start_cell));
                }
            })
        };
        let onblur = {
            let focus = focus.clone();
            Callback::from(move |_: FocusEvent| focus.set(None))
        };
        MapEvents { onmousemove, onmouseleave, onclick, onkeydown, onfocus, onblur }
    }
}

/// The keyboard: arrows move the focused cell (starting at `start`), Enter or Space chooses
/// it. Handled keys do not reach the page's shortcuts.
fn on_key(focus: CellState, choose: impl Fn((usize, usize)) + 'static, start: (usize, usize), (nx, ny): (usize, usize)) -> Callback<KeyboardEvent> {
    Callback::from(move |e: KeyboardEvent| {
        let (i, j) = focus.unwrap_or(start);
        let next = match e.key().as_str() {
            "ArrowLeft" => Some((i.saturating_sub(1), j)),
            "ArrowRight" => Some(((i + 1).min(nx - 1), j)),
            "ArrowDown" => Some((i, j.saturating_sub(1))),
            "ArrowUp" => Some((i, (j + 1).min(ny - 1))),
            "Home" => Some((0, j)),
            "End" => Some((nx - 1, j)),
            "Enter" | " " => {
                choose((i, j));
                Some((i, j))
            }
            _ => None,
        };
        if let Some(c) = next {
            e.prevent_default();
            e.stop_propagation();
            focus.set(Some(c));
        }
    })
}

/// Whether a click came from a finger: its `pointerType` (a click is a PointerEvent in current
/// browsers), or where that is missing, a coarse primary pointer.
fn tapped(e: &MouseEvent) -> bool {
    match js_sys::Reflect::get(e, &"pointerType".into()).ok().and_then(|v| v.as_string()) {
        Some(kind) if !kind.is_empty() => kind == "touch",
        _ => dom::media("(pointer: coarse)"),
    }
}

fn group(n: usize) -> String {
    crate::text::group_thousands(n as i64)
}

fn nearest(values: &[f64], v: f64) -> usize {
    values.iter().enumerate().min_by(|a, b| (a.1 - v).abs().total_cmp(&(b.1 - v).abs())).map_or(0, |(i, _)| i)
}

/// One cell in words: its two values (each with its axis's unit), the metric, whether the
/// control plane fell, and how to use it, in the words of the device (click or tap).
fn cell_text(s: &Sweep, i: usize, j: usize) -> Html {
    let head = format!("{}, {}", s.x.value_text(s.xs[i]), s.y.value_text(s.ys[j]));
    match s.summary(i, j) {
        None => html! { {format!("{head}: not computed yet.")} },
        Some(sum) => {
            let fell = match sum.control_plane_down_min {
                Some(t) => format!("a production control plane falls at {}", t_plus(t)),
                None => "no production control plane falls".into(),
            };
            let value =
                if s.metric.key == "control_plane_fell" { String::new() } else { format!("{}: {}; ", s.metric.label, show_value(&s.metric, s.value(i, j))) };
            html! {
                <>
                    {format!("{head} → {value}{fell}. ")}
                    <span class="on-pointer">{"Click or Enter: use these values"}</span>
                    <span class="on-touch">{" Tap again: use these values"}</span>
                    {" (this run is pinned to compare)."}
                </>
            }
        }
    }
}

/// A cell's two values without its outcome (spoiler-free), and how to use it.
fn hidden_cell_text(s: &Sweep, i: usize, j: usize, usable: bool) -> Html {
    let head = format!("{}, {}", s.x.value_text(s.xs[i]), s.y.value_text(s.ys[j]));
    html! {
        <>
            {format!("{head}: its outcome shows at the end of the run (spoiler-free). ")}
            if usable {
                <span class="on-pointer">{"Click or Enter: use these values"}</span>
                <span class="on-touch">{" Tap again: use these values"}</span>
                {" (this run is pinned to compare)."}
            }
        </>
    }
}

fn legend(m: &Metric, sweep: Option<&Sweep>) -> Html {
    let range = sweep.and_then(|s| s.range());
    let scale = if m.key == "control_plane_fell" {
        html! {
            <>
                <li><svg width="14" height="14" aria-hidden="true"><rect width="14" height="14" fill={RAMP[0].css()} /></svg>{"holds"}</li>
                <li><svg width="14" height="14" aria-hidden="true"><rect width="14" height="14" fill={RAMP[RAMP.len() - 1].css()} /></svg>{"falls"}</li>
            </>
        }
    } else {
        let (lo, hi) = range.map_or((String::from("…"), String::from("…")), |(a, b)| (show_value(m, Some(a)), show_value(m, Some(b))));
        let unit = if m.unit.is_empty() || m.label.ends_with(" at") { String::new() } else { format!(" ({})", m.unit) };
        html! {
            <li class="sweep-scale">
                <span>{format!("{}{unit}: ", m.label)}{lo}</span>
                <svg width="120" height="12" aria-hidden="true">
                    <defs><linearGradient id="sweep-ramp">
                        { for RAMP.iter().enumerate().map(|(k, c)| html! { <stop offset={format!("{}%", k * 100 / (RAMP.len() - 1))} stop-color={c.css()} /> }) }
                    </linearGradient></defs>
                    <rect width="120" height="12" fill="url(#sweep-ramp)" />
                </svg>
                <span>{hi}</span>
            </li>
        }
    };
    html! {
        <ul class="legend sweep-legend">
            { scale }
            <li><svg width="14" height="14" aria-hidden="true" class="sweep-never"><rect width="14" height="14" /><line x1="0" y1="14" x2="14" y2="0" /></svg>{"never happens"}</li>
            <li><svg width="20" height="14" aria-hidden="true" class="sweep-cliff"><line x1="0" y1="7" x2="20" y2="7" /></svg>{"control plane starts to fall"}</li>
            <li><svg width="14" height="14" aria-hidden="true" class="sweep-here"><circle cx="7" cy="7" r="5" /></svg>{"current parameters"}</li>
        </ul>
    }
}

fn table(s: &Sweep) -> Html {
    let (sx, sy) = (spec(s.x.key), spec(s.y.key));
    let (lx, ly) = (s.x.label(), s.y.label());
    html! {
        <div class="table-scroll">
            <table class="sweep-table">
                <caption>{format!("{} by {lx} (columns) and {ly} (rows)", s.metric.label)}</caption>
                <thead><tr><th scope="col">{format!("{ly} ↓ / {lx} →")}</th>
                    { for s.xs.iter().map(|v| html! { <th scope="col">{sx.display(*v)}</th> }) }
                </tr></thead>
                <tbody>
                    { for (0..s.ys.len()).rev().map(|j| html! {
                        <tr><th scope="row">{sy.display(s.ys[j])}</th>
                            { for (0..s.xs.len()).map(|i| html! { <td>{ if s.summary(i, j).is_some() { show_value(&s.metric, s.value(i, j)) } else { "…".into() } }</td> }) }
                        </tr>
                    }) }
                </tbody>
            </table>
        </div>
    }
}

/// The hovered and the focused cell, as (x, y) indices.
type Marks = (Option<(usize, usize)>, Option<(usize, usize)>);

fn draw(ctx: &CanvasRenderingContext2d, s: &Sweep, g: &Geom, theme: &Theme, dpr: f64, current: (f64, f64), marks: Marks) {
    let _ = ctx.set_transform(dpr, 0.0, 0.0, dpr, 0.0, 0.0);
    ctx.clear_rect(0.0, 0.0, g.w, g.h);
    let (bg, fg, muted, card) = (theme.bg.css(), theme.fg.css(), theme.muted.css(), theme.card.css());
    draw_cells(ctx, s, g, dpr, &muted, &card);
    draw_cliff(ctx, s, g, &bg, &fg);
    draw_axes(ctx, s, g, &fg, &muted);
    draw_ring(ctx, s, g, current, &bg, &fg);
    draw_marks(ctx, g, marks, &bg, &fg, &theme.focus.css());
}

/// Cells: the ramp where the event happens, a slashed neutral cell where it never does.
fn draw_cells(ctx: &CanvasRenderingContext2d, s: &Sweep, g: &Geom, dpr: f64, muted: &str, card: &str) {
    let range = s.range();
    // Cell edges on whole device pixels, so neighbouring cells meet without seams.
    let snap = |v: f64| (v * dpr).round() / dpr;
    let mut never = Vec::new();
    for j in 0..g.ny {
        for i in 0..g.nx {
            // Each edge computed once by the same formula for both cells that share it.
            let (x, y) = (snap(ML + i as f64 * g.cw), snap(MT + (g.ny - 1 - j) as f64 * g.ch));
            let (cw, ch) = (snap(ML + (i + 1) as f64 * g.cw) - x, snap(MT + (g.ny - j) as f64 * g.ch) - y);
            match (s.summary(i, j), s.value(i, j)) {
                (None, _) => {
                    ctx.set_fill_style_str(card);
                    ctx.fill_rect(x, y, cw, ch);
                }
                (Some(_), None) => never.push((x, y, cw, ch)),
                (Some(_), Some(v)) => {
                    let t = range.map_or(0.5, |(lo, hi)| if hi > lo { (v - lo) / (hi - lo) } else { 0.5 });
                    ctx.set_fill_style_str(&palette::ramp(t).css());
                    ctx.fill_rect(x, y, cw, ch);
                }
            }
        }
    }
    if !never.is_empty() {
        ctx.set_fill_style_str(card);
        for &(x, y, cw, ch) in &never {
            ctx.fill_rect(x, y, cw, ch);
        }
        ctx.set_stroke_style_str(muted);
        ctx.set_line_width(1.0);
        ctx.begin_path();
        for &(x, y, _, _) in &never {
            ctx.move_to(x + 1.0, y + g.ch - 1.0);
            ctx.line_to(x + g.cw - 1.0, y + 1.0);
        }
        ctx.stroke();
    }
}

/// The cliff: edges between a cell that held and a neighbour that fell; a halo keeps the
/// line readable over dark and light cells alike.
fn draw_cliff(ctx: &CanvasRenderingContext2d, s: &Sweep, g: &Geom, bg: &str, fg: &str) {
    let edges = s.boundary();
    for (colour, width) in [(bg, 4.5), (fg, 2.0)] {
        ctx.set_stroke_style_str(colour);
        ctx.set_line_width(width);
        ctx.set_line_cap("round");
        ctx.begin_path();
        for &((i, j), (i2, _)) in &edges {
            let (x, y) = g.cell(i, j);
            if i2 != i {
                ctx.move_to(x + g.cw, y);
                ctx.line_to(x + g.cw, y + g.ch);
            } else {
                ctx.move_to(x, y);
                ctx.line_to(x + g.cw, y);
            }
        }
        ctx.stroke();
    }
}

/// Axes: tick labels at round values, titles.
fn draw_axes(ctx: &CanvasRenderingContext2d, s: &Sweep, g: &Geom, fg: &str, muted: &str) {
    ctx.set_fill_style_str(muted);
    ctx.set_font("11px sans-serif");
    let (pw, ph) = (g.w - ML - MR, g.h - MT - MB);
    ctx.set_text_align("center");
    ctx.set_text_baseline("top");
    let xt = s.x.ticks();
    let step = (xt.len() as f64 / (pw / 44.0).max(2.0)).ceil().max(1.0) as usize;
    for v in xt.iter().step_by(step) {
        let px = ML + frac(&s.x, *v) * pw;
        ctx.fill_rect(px - 0.5, MT + ph, 1.0, 4.0);
        let _ = ctx.fill_text(&tick_label(*v), px, MT + ph + 6.0);
    }
    ctx.set_text_align("right");
    ctx.set_text_baseline("middle");
    let yt = s.y.ticks();
    let step = (yt.len() as f64 / (ph / 22.0).max(2.0)).ceil().max(1.0) as usize;
    for v in yt.iter().step_by(step) {
        let py = MT + (1.0 - frac(&s.y, *v)) * ph;
        ctx.fill_rect(ML - 4.0, py - 0.5, 4.0, 1.0);
        let _ = ctx.fill_text(&tick_label(*v), ML - 6.0, py);
    }
    ctx.set_fill_style_str(fg);
    ctx.set_font("600 12px sans-serif");
    ctx.set_text_baseline("alphabetic");
    ctx.set_text_align("right");
    let _ = ctx.fill_text(&format!("{} →", axis_title(&s.x)), g.w - MR, g.h - 4.0);
    ctx.set_text_align("left");
    let _ = ctx.fill_text(&format!("↑ {}", axis_title(&s.y)), 4.0, MT - 8.0);
}

/// The current parameters: a ring (with a halo) where they sit on the map.
fn draw_ring(ctx: &CanvasRenderingContext2d, s: &Sweep, g: &Geom, current: (f64, f64), bg: &str, fg: &str) {
    let (pw, ph) = (g.w - ML - MR, g.h - MT - MB);
    let (cx, cy) = (ML + frac(&s.x, current.0) * pw, MT + (1.0 - frac(&s.y, current.1)) * ph);
    for (colour, width) in [(bg, 4.5), (fg, 2.0)] {
        ctx.set_stroke_style_str(colour);
        ctx.set_line_width(width);
        ctx.begin_path();
        let _ = ctx.arc(cx, cy, 6.0, 0.0, std::f64::consts::TAU);
        ctx.stroke();
    }
}

/// Hovered and focused cells.
fn draw_marks(ctx: &CanvasRenderingContext2d, g: &Geom, (hover, focus): Marks, bg: &str, fg: &str, focus_colour: &str) {
    for (cell, colour) in [(hover, fg), (focus, focus_colour)] {
        if let Some((i, j)) = cell.filter(|&(i, j)| i < g.nx && j < g.ny) {
            let (x, y) = g.cell(i, j);
            ctx.set_stroke_style_str(bg);
            ctx.set_line_width(4.0);
            ctx.stroke_rect(x, y, g.cw, g.ch);
            ctx.set_stroke_style_str(colour);
            ctx.set_line_width(2.0);
            ctx.stroke_rect(x, y, g.cw, g.ch);
        }
    }
}

#[derive(Properties)]
struct DownloadsProps {
    sweep: Rc<RefCell<Option<Sweep>>>,
    /// Every cell computed: the files are the whole grid.
    done: bool,
    /// Spoiler-free: no files (they are the outcomes).
    hide: bool,
    generation: u64,
    params: Params,
    setup: Setup,
    dark: bool,
}

impl PartialEq for DownloadsProps {
    fn eq(&self, o: &Self) -> bool {
        Rc::ptr_eq(&self.sweep, &o.sweep)
            && (self.done, self.hide, self.generation, self.dark) == (o.done, o.hide, o.generation, o.dark)
            && self.params == o.params
            && self.setup == o.setup
    }
}

/// The sweep's own downloads: the map as a PNG (size and "figure only" as in the Export menu,
/// the page's theme) and the grid as CSV with its CSV-on-the-Web metadata, once every run is done.
#[component]
fn Downloads(p: &DownloadsProps) -> Html {
    let png = use_state(SheetOptions::default);
    let file = |what: SweepFile| {
        let (sweep, params, setup, dark, png) = (p.sweep.clone(), p.params.clone(), p.setup.clone(), p.dark, *png);
        Callback::from(move |_: MouseEvent| {
            if let Some(s) = sweep.borrow().as_ref().filter(|s| s.done()) {
                let link = crate::formats::link::LinkState {
                    params: params.clone(),
                    view: crate::formats::link::View { sweep: setup.clone(), ..Default::default() },
                    ..Default::default()
                };
                let link = dom::full_app_url(&link);
                download_sweep(what, s, &link, Theme::of(dark), png);
            }
        })
    };
    let (on_size, on_bare) = crate::ui::components::png_option_handlers(&png);
    let wait = if p.hide {
        Some("Spoiler-free: the files are the outcomes, so they wait for the end of the run")
    } else {
        (!p.done).then_some("Every run must be done first")
    };
    html! {
        <div class="sweep-controls" id="sweep-downloads" role="group" aria-label="Download the sweep">
            <label>{"PNG size "}
                <select id="sweep-png-size" onchange={on_size}>
                    { for PngSize::ALL.iter().map(|s| html! { <option value={s.name()} selected={png.size == *s}>{s.label()}</option> }) }
                </select>
            </label>
            <label><input type="checkbox" id="sweep-png-bare" checked={png.bare} onchange={on_bare} />{" Map only"}</label>
            <button class="btn small" id="sweep-png" disabled={!p.done} title={wait} onclick={file(SweepFile::Png)}>{"Map (PNG)"}</button>
            <button class="btn small" id="sweep-csv" disabled={!p.done} title={wait} onclick={file(SweepFile::Csv)}>{"Grid (CSV)"}</button>
            <button class="btn small" id="sweep-csv-meta" disabled={!p.done} title={wait} onclick={file(SweepFile::CsvMeta)}>{"CSV metadata (JSON)"}</button>
        </div>
    }
}

/// A file of the sweep.
#[derive(Clone, Copy, PartialEq)]
pub enum SweepFile {
    Png,
    Csv,
    CsvMeta,
}

/// The map for a PNG: `w` × `h` logical pixels at `dpr`, no hover or focus marks.
pub fn draw_for_sheet(ctx: &CanvasRenderingContext2d, s: &Sweep, (w, h): (f64, f64), theme: &Theme, dpr: f64, current: (f64, f64)) {
    let g = Geom::sized(w, h, s.xs.len(), s.ys.len());
    draw(ctx, s, &g, theme, dpr, current, (None, None));
}

/// The legend under the map on a PNG, one row from (x, y) (its middle), in logical pixels.
pub fn draw_legend(ctx: &CanvasRenderingContext2d, s: &Sweep, theme: &Theme, (x, y): (f64, f64)) {
    let (fg, muted, card, bg) = (theme.fg.css(), theme.muted.css(), theme.card.css(), theme.bg.css());
    ctx.set_font("13px sans-serif");
    ctx.set_text_baseline("middle");
    ctx.set_text_align("left");
    let mut at = x;
    let say = |t: &str, at: &mut f64| {
        ctx.set_fill_style_str(&fg);
        let _ = ctx.fill_text(t, *at, y);
        *at += ctx.measure_text(t).map(|m| m.width()).unwrap_or(0.0) + 18.0;
    };
    let m = &s.metric;
    if m.key == "control_plane_fell" {
        for (c, t) in [(RAMP[0], "holds"), (RAMP[RAMP.len() - 1], "falls")] {
            ctx.set_fill_style_str(&c.css());
            ctx.fill_rect(at, y - 7.0, 14.0, 14.0);
            at += 20.0;
            say(t, &mut at);
        }
    } else {
        let (lo, hi) = s.range().map_or(("…".to_string(), "…".to_string()), |(a, b)| (show_value(m, Some(a)), show_value(m, Some(b))));
        let unit = if m.unit.is_empty() || m.label.ends_with(" at") { String::new() } else { format!(" ({})", m.unit) };
        say(&format!("{}{unit}: {lo}", m.label), &mut at);
        at -= 12.0;
        // Overlapping strips, so no seam shows at a fractional scale (a slide's 1.6×).
        for k in 0..160 {
            ctx.set_fill_style_str(&palette::ramp(k as f64 / 159.0).css());
            ctx.fill_rect(at + k as f64, y - 6.0, if k < 159 { 2.0 } else { 1.0 }, 12.0);
        }
        at += 166.0;
        say(&hi, &mut at);
    }
    // Never happens: a slashed cell.
    ctx.set_fill_style_str(&card);
    ctx.fill_rect(at, y - 7.0, 14.0, 14.0);
    ctx.set_stroke_style_str(&muted);
    ctx.set_line_width(1.0);
    ctx.begin_path();
    ctx.move_to(at + 1.0, y + 6.0);
    ctx.line_to(at + 13.0, y - 6.0);
    ctx.stroke();
    at += 20.0;
    say("never happens", &mut at);
    // The cliff and the ring, haloed as on the map.
    for (colour, width) in [(&bg, 4.5), (&fg, 2.0)] {
        ctx.set_stroke_style_str(colour);
        ctx.set_line_width(width);
        ctx.begin_path();
        ctx.move_to(at, y);
        ctx.line_to(at + 20.0, y);
        ctx.stroke();
    }
    at += 26.0;
    say("control plane starts to fall", &mut at);
    for (colour, width) in [(&bg, 4.5), (&fg, 2.0)] {
        ctx.set_stroke_style_str(colour);
        ctx.set_line_width(width);
        ctx.begin_path();
        let _ = ctx.arc(at + 7.0, y, 6.0, 0.0, std::f64::consts::TAU);
        ctx.stroke();
    }
    at += 20.0;
    say("current parameters", &mut at);
}

/// The sheet's lines for a sweep: what it varies and shows.
pub fn sheet_line(s: &Sweep) -> String {
    format!(
        "{} across, {} up; colour: {} — every cell is the whole incident simulated again",
        axis_title(&s.x),
        axis_title(&s.y),
        s.metric.label.to_ascii_lowercase()
    )
}

/// The legend's row under the sweep's map.
const SWEEP_LEGEND_H: f64 = 36.0;

/// A file of the sweep panel: its map as a PNG sheet (legend included), or its grid as CSV and
/// that CSV's metadata, each carrying `link` (the run with the sweep's setup).
pub fn download_sweep(what: SweepFile, s: &Sweep, link: &str, theme: Theme, options: SheetOptions) {
    let stem = format!("{}-sweep-{}-{}", crate::formats::report::export_stem(&s.base, link), s.x.key, s.y.key);
    let csv = format!("{stem}.csv");
    match what {
        SweepFile::Csv => dom::download(&csv, "text/csv", &csvw::sweep_csv(s)),
        SweepFile::CsvMeta => dom::download(&csvw::metadata_name(&csv), "application/csvm+json", &csvw::sweep_metadata(s, &csv, link)),
        SweepFile::Png => {
            let (_, mut lines) = crate::formats::report::figure_caption(&s.base, "", 0.0, None);
            lines.truncate(1);
            lines.push(sheet_line(s));
            let sheet = export::Sheet {
                title: format!("Cascade Lab — where is the cliff? ({})", s.metric.label.to_ascii_lowercase()),
                lines,
                link: link.to_string(),
                theme,
                name: export::file_name(&format!("{stem}-{}", export::kind_slug(s.metric.key)), theme, options),
                options,
            };
            let current = (s.base.value(s.x.key), s.base.value(s.y.key));
            let need = |w: f64| FigureNeed { natural: height(w) + SWEEP_LEGEND_H, least: 360.0 };
            let drawn = export::compose(&sheet, need, |ctx, l| {
                let (map, legend) = split_top(l.figure, l.figure.h - SWEEP_LEGEND_H);
                let (x, y, w, h) = l.px(map);
                let (c, mctx) = export::canvas(w, h)?;
                draw_for_sheet(&mctx, s, (map.w, map.h), &theme, l.scale, current);
                ctx.draw_image_with_html_canvas_element(&c, x, y).ok()?;
                let _ = ctx.set_transform(l.scale, 0.0, 0.0, l.scale, 0.0, 0.0);
                draw_legend(ctx, s, &theme, (PAD, legend.y + legend.h / 2.0));
                ctx.set_transform(1.0, 0.0, 0.0, 1.0, 0.0, 0.0).ok()
            });
            if let Some((url, name)) = drawn {
                dom::download_url(&url, &name);
            }
        }
    }
}
