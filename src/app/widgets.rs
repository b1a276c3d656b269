//! Small view components. Each takes plain props and emits `Msg`s or values.

use super::dom;
use super::state::TraceRef;
use super::state::State;
use crate::chart::{self, XMap};
use crate::link::Notice;
use crate::report::{clock, t_plus};
use crate::sim::{EventKind, Kind, Preset, Spec, PRESETS};
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::HtmlCanvasElement;
use yew::prelude::*;

// ---------- Slider with a typed number beside it ----------

#[derive(Properties, PartialEq)]
pub struct SliderProps {
    pub spec: Spec,
    pub value: f64,
    pub on_change: Callback<f64>,
}

/// Slider position 0..1000 ↔ value; log keys move on a log scale.
fn to_pos(s: &Spec, v: f64) -> f64 {
    if s.log {
        (v.max(s.min) / s.min).ln() / (s.max / s.min).ln() * 1000.0
    } else {
        (v - s.min) / (s.max - s.min) * 1000.0
    }
}
fn from_pos(s: &Spec, p: f64) -> f64 {
    let u = (p / 1000.0).clamp(0.0, 1.0);
    let v = if s.log { s.min * (s.max / s.min).powf(u) } else { s.min + (s.max - s.min) * u };
    // Round log values to 2 significant figures so the number reads cleanly.
    if s.log && s.kind == Kind::Int {
        let mag = 10f64.powf(v.log10().floor() - 1.0).max(1.0);
        (v / mag).round() * mag
    } else {
        s.clamp(v)
    }
}

/// Next value for the arrow keys (PageUp/PageDown: bigger steps). The native step of the
/// 0–1000 track would often round back to the same value, so sliders step in value units.
pub fn key_step(s: &Spec, v: f64, up: bool, big: bool) -> f64 {
    if s.log {
        return nice_step(s, v, up, big);
    }
    // Linear: a round unit near 1 % of the range (10 s for the TTL, 1 for small ranges).
    let unit = 10f64.powf(((s.max - s.min) / 100.0).log10().floor());
    let unit = if s.kind == Kind::Int { unit.max(1.0) } else { unit };
    let d = if big { unit * 10.0 } else { unit };
    s.clamp(if up { v + d } else { v - d })
}

/// Next "nice" value for arrow keys on a log slider: ~5 % (PageUp/Down ~50 %) at two
/// significant figures, always moving at least one unit of the second figure.
pub fn nice_step(s: &Spec, v: f64, up: bool, big: bool) -> f64 {
    let f = if big { 1.5 } else { 1.05 };
    let target = if up { v * f } else { v / f };
    let unit = 10f64.powf(v.abs().max(1e-9).log10().floor() - 1.0);
    let unit = if s.kind == Kind::Int { unit.max(1.0) } else { unit };
    let mut n = (target / unit).round() * unit;
    if (n - v).abs() < unit * 0.5 {
        n = if up { v + unit } else { v - unit };
    }
    s.clamp(n)
}

#[component]
pub fn Slider(p: &SliderProps) -> Html {
    let s = p.spec;
    let id = format!("p-{}", s.key);
    let help_id = format!("h-{}", s.key);
    let value_text = s.display(p.value);
    match s.kind {
        Kind::Bool => {
            let cb = p.on_change.clone();
            let on = p.value >= 0.5;
            html! {
                <div class="field toggle">
                    <label for={id.clone()}>
                        <input type="checkbox" id={id} checked={on} aria-describedby={help_id.clone()}
                            onchange={Callback::from(move |_| cb.emit(if on { 0.0 } else { 1.0 }))} />
                        {s.label}
                    </label>
                    <p class="hint" id={help_id}>{s.help}</p>
                </div>
            }
        }
        Kind::Choice(list) => {
            let cb = p.on_change.clone();
            html! {
                <div class="field">
                    <label for={id.clone()}>{s.label}</label>
                    <select id={id} aria-describedby={help_id.clone()} onchange={Callback::from(move |e: Event| {
                        let v = dom::select_value(&e);
                        if let Some(i) = list.iter().position(|x| *x == v) { cb.emit(i as f64) }
                    })}>
                        { for list.iter().enumerate().map(|(i, name)| html! { <option value={*name} selected={i == p.value as usize}>{*name}</option> }) }
                    </select>
                    <p class="hint" id={help_id}>{s.help}</p>
                </div>
            }
        }
        _ => {
            let cb = p.on_change.clone();
            let on_slide = Callback::from(move |e: InputEvent| {
                let pos = dom::input_number(&e);
                if pos.is_finite() {
                    cb.emit(from_pos(&s, pos));
                }
            });
            let cb = p.on_change.clone();
            let on_type = Callback::from(move |e: Event| {
                let v = dom::event_number(&e);
                // Out-of-range typing is clamped, never rejected silently: the box shows the result.
                if v.is_finite() {
                    cb.emit(s.clamp(v));
                }
            });
            let step = if s.kind == Kind::Float { "0.01" } else { "1" };
            let on_key = {
                let cb = p.on_change.clone();
                let v = p.value;
                Callback::from(move |e: KeyboardEvent| {
                    let (up, big) = match e.key().as_str() {
                        "ArrowRight" | "ArrowUp" => (true, false),
                        "ArrowLeft" | "ArrowDown" => (false, false),
                        "PageUp" => (true, true),
                        "PageDown" => (false, true),
                        _ => return,
                    };
                    e.prevent_default();
                    cb.emit(key_step(&s, v, up, big));
                })
            };
            html! {
                <div class="field">
                    <div class="field-head">
                        <label for={id.clone()}>{s.label}</label>
                        <output for={id.clone()} class="value">{value_text.clone()}</output>
                    </div>
                    <div class="field-row">
                        <input type="range" id={id.clone()} min="0" max="1000" step="1" value={to_pos(&s, p.value).round().to_string()}
                            aria-valuetext={value_text.clone()} aria-describedby={help_id.clone()} oninput={on_slide} onkeydown={on_key} />
                        <input type="number" class="num" aria-label={if s.unit.is_empty() { s.label.to_string() } else { format!("{} ({})", s.label, s.unit) }} min={s.min.to_string()} max={s.max.to_string()} step={step}
                            value={s.format(p.value)} onchange={on_type} />
                    </div>
                    <p class="hint" id={help_id}>{s.help}</p>
                </div>
            }
        }
    }
}

// ---------- Disclosure that builds its content only when opened ----------

#[derive(Properties, PartialEq)]
pub struct LazyProps {
    pub class: &'static str,
    pub summary: Html,
    pub children: Html,
}

/// `<details>` whose children exist only while it is open: less DOM to build at start-up.
#[component]
pub fn LazyDetails(p: &LazyProps) -> Html {
    let open = use_state(|| false);
    let ontoggle = {
        let open = open.clone();
        Callback::from(move |e: Event| open.set(e.target_unchecked_into::<web_sys::HtmlDetailsElement>().open()))
    };
    html! {
        <details class={p.class} {ontoggle}>
            <summary>{p.summary.clone()}</summary>
            if *open { {p.children.clone()} }
        </details>
    }
}

// ---------- Presets ----------

#[derive(Properties, PartialEq)]
pub struct PresetProps {
    pub current: Preset,
    /// The parameters no longer equal the preset's.
    pub modified: bool,
    pub on_pick: Callback<String>,
    pub on_reset: Callback<()>,
}

#[component]
pub fn PresetPicker(p: &PresetProps) -> Html {
    let pick = p.on_pick.clone();
    let reset = p.on_reset.clone();
    html! {
        <div class="field presets">
            <label for="preset">{"Scenario"}</label>
            <select id="preset" onchange={Callback::from(move |e: Event| pick.emit(dom::select_value(&e)))}>
                if p.modified {
                    <option value="" selected=true disabled=true>{format!("Custom (from {})", p.current.label())}</option>
                }
                { for PRESETS.iter().map(|d| html! { <option value={d.preset.name()} selected={!p.modified && d.preset == p.current}>{d.label}</option> }) }
            </select>
            <button class="btn small" id="reset" onclick={Callback::from(move |_| reset.emit(()))}>{"Reset to December 2024"}</button>
        </div>
    }
}

// ---------- Notices about a link ----------

#[derive(Properties, PartialEq)]
pub struct NoticeProps {
    pub notices: Vec<Notice>,
    pub on_dismiss: Callback<()>,
}

#[component]
pub fn Notices(p: &NoticeProps) -> Html {
    if p.notices.is_empty() {
        return html! {};
    }
    let d = p.on_dismiss.clone();
    html! {
        <div class="notice" role="status" id="notice">
            <strong>{"Some settings in this link were adjusted:"}</strong>
            <ul>{ for p.notices.iter().take(8).map(|n| html! { <li>{n.0.clone()}</li> }) }</ul>
            if p.notices.len() > 8 { <p>{format!("…and {} more.", p.notices.len() - 8)}</p> }
            <button class="btn small" onclick={Callback::from(move |_| d.emit(()))}>{"Dismiss"}</button>
        </div>
    }
}

// ---------- Share, export, embed ----------

#[derive(Properties, PartialEq)]
pub struct ShareProps {
    pub state: Rc<State>,
}

#[component]
pub fn ShareBar(p: &ShareProps) -> Html {
    let fallback = use_state(|| None::<String>);
    let embed_open = use_state(|| false);
    let s = p.state.clone();
    let copy = |with_cursor: bool| {
        let s = s.clone();
        let fb = fallback.clone();
        Callback::from(move |_| {
            let url = dom::full_app_url(&s.link(with_cursor));
            let fb = fb.clone();
            dom::copy_text(url.clone(), move |ok| fb.set(if ok { Some(format!("Copied: {url}")) } else { Some(url.clone()) }));
        })
    };
    let name = format!("cascade-lab-{}-seed{}", s.run.params.preset, s.run.params.seed);
    let export_csv = { let s = s.clone(); let n = name.clone(); Callback::from(move |_| dom::download(&format!("{n}.csv"), "text/csv", &s.trace().to_csv())) };
    let export_json = { let s = s.clone(); let n = name.clone(); Callback::from(move |_| dom::download(&format!("{n}.json"), "application/json", &crate::report::to_json(&s.run.params, s.trace()))) };
    let export_png = { let n = name.clone(); Callback::from(move |_| dom::download_canvas("charts-base", &format!("{n}-charts.png"))) };
    let export_view = { let n = name.clone(); Callback::from(move |_| dom::download_view(&format!("{n}-view.png"))) };
    html! {
        <div class="share">
            <button class="btn" id="copy-link" onclick={copy(false)}>{"Copy link"}</button>
            <button class="btn" id="copy-moment" onclick={copy(true)}>{"Copy link to this moment"}</button>
            <details class="menu">
                <summary class="btn">{"Export"}</summary>
                <div class="menu-body">
                    <button class="btn small" id="export-png" onclick={export_png}>{"Charts (PNG)"}</button>
                    <button class="btn small" id="export-view" onclick={export_view}>{"Whole view (PNG)"}</button>
                    <button class="btn small" id="export-csv" onclick={export_csv}>{"Trace (CSV)"}</button>
                    <button class="btn small" id="export-json" onclick={export_json}>{"Summary (JSON)"}</button>
                </div>
            </details>
            <button class="btn" id="embed-btn" onclick={{ let e = embed_open.clone(); Callback::from(move |_| e.set(!*e)) }}>{"Embed"}</button>
            if let Some(text) = (*fallback).clone() {
                <div class="copied" role="status">
                    <label for="link-text">{ if text.starts_with("Copied") { "Link copied" } else { "Copy this link (clipboard unavailable):" } }</label>
                    <input id="link-text" readonly=true value={text.trim_start_matches("Copied: ").to_string()} onfocus={Callback::from(|e: FocusEvent| dom::select_all(&e))} />
                </div>
            }
            if *embed_open {
                <EmbedDialog state={s.clone()} on_close={{ let e = embed_open.clone(); Callback::from(move |_| e.set(false)) }} />
            }
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct EmbedProps {
    pub state: Rc<State>,
    pub on_close: Callback<()>,
}

#[component]
pub fn EmbedDialog(p: &EmbedProps) -> Html {
    let controls = use_state(|| "min".to_string());
    let autoplay = use_state(|| false);
    let mut link = p.state.link(true);
    link.view.embed = true;
    link.view.controls = match controls.as_str() { "none" => crate::link::Controls::None, "full" => crate::link::Controls::Full, _ => crate::link::Controls::Min };
    link.view.autoplay = *autoplay;
    let url = dom::full_app_url(&link);
    let snippet = format!("<iframe src=\"{url}\" title=\"Cascade Lab\" width=\"100%\" height=\"900\" style=\"border:0\" loading=\"lazy\"></iframe>");
    let close = p.on_close.clone();
    html! {
        <div class="dialog" role="dialog" aria-modal="false" aria-labelledby="embed-h" id="embed-dialog"
            onkeydown={{ let c = p.on_close.clone(); Callback::from(move |e: KeyboardEvent| if e.key() == "Escape" { c.emit(()) }) }}>
            <h3 id="embed-h">{"Embed this run in a docs page"}</h3>
            <label>{"Controls "}
                <select onchange={{ let c = controls.clone(); Callback::from(move |e: Event| c.set(dom::select_value(&e))) }}>
                    <option value="min" selected={*controls == "min"}>{"minimal"}</option>
                    <option value="none" selected={*controls == "none"}>{"none"}</option>
                    <option value="full" selected={*controls == "full"}>{"full"}</option>
                </select>
            </label>
            <label><input type="checkbox" checked={*autoplay} onchange={{ let a = autoplay.clone(); Callback::from(move |_| a.set(!*a)) }} />{" Autoplay"}</label>
            <textarea id="embed-snippet" readonly=true rows="4" value={snippet} />
            <p class="hint">{"The frame posts its height ({type: \"cascade-lab:height\"}); see README for the few-line listener that resizes it."}</p>
            <button class="btn small" onclick={Callback::from(move |_| close.emit(()))}>{"Close"}</button>
        </div>
    }
}

// ---------- Headline numbers ----------

#[derive(Properties, PartialEq)]
pub struct RunProps {
    pub trace: TraceRef,
    pub ghost: Option<TraceRef>,
    pub run_id: u64,
    pub ghost_id: Option<u64>,
}

#[component]
pub fn Headline(p: &RunProps) -> Html {
    let s = &p.trace.summary;
    let g = p.ghost.as_ref().map(|g| &g.summary);
    let fmt = |v: Option<f64>| v.map_or("never".to_string(), t_plus);
    let diff = |a: Option<f64>, b: Option<f64>, what: &str| -> Html {
        match (a, b) {
            (Some(a), Some(b)) if (a - b).abs() >= 0.5 => {
                let d = a - b;
                html! { <span class={classes!("delta", if d < 0.0 { "sooner" } else { "later" })}>{format!("{} {:.0} min {} than pinned", what, d.abs(), if d < 0.0 { "sooner" } else { "later" })}</span> }
            }
            (Some(_), Some(_)) => html! { <span class="delta">{"same as pinned"}</span> },
            (None, Some(_)) => html! { <span class="delta sooner">{"never, unlike pinned"}</span> },
            (Some(_), None) => html! { <span class="delta later">{"pinned: never"}</span> },
            _ => html! {},
        }
    };
    let tiles: [(&str, &str, Option<f64>, Option<f64>, &str, &str); 5] = [
        ("hl-cp", "Control plane fails", s.control_plane_down_min, g.and_then(|g| g.control_plane_down_min), "really T+0 (3:12 pm)", "fails"),
        ("hl-lead", "Detection lead over customers", s.detection_lead_min, g.and_then(|g| g.detection_lead_min), "really 3 min", "lead"),
        ("hl-cust", "Customers first see errors", s.first_customer_errors_min, g.and_then(|g| g.first_customer_errors_min), "really T+4 (3:16 pm)", "errors"),
        ("hl-fix", "Fix landed everywhere", s.fix_landed_min, g.and_then(|g| g.fix_landed_min), "really hours later", "fix lands"),
        ("hl-all", "All clusters recovered", s.all_recovered_min, g.and_then(|g| g.all_recovered_min), "really T+4:26 (7:38 pm)", "recovery"),
    ];
    html! {
        <section class="headline" aria-label="Headline numbers" data-peak-min={s.peak_impact_min.map(|x| format!("{x:.2}")).unwrap_or_default()}>
            { for tiles.iter().map(|(id, label, v, gv, real, what)| html! {
                <div class="tile" id={*id}>
                    <div class="tile-label">{*label}</div>
                    <div class="tile-value" data-min={v.map(|x| format!("{x:.2}")).unwrap_or_default()}>
                        { if *id == "hl-lead" { v.map_or("—".into(), |m| format!("{m:.1} min")) } else { fmt(*v) } }
                    </div>
                    <div class="tile-real">{*real}</div>
                    if p.ghost.is_some() { { diff(*v, *gv, what) } }
                </div>
            }) }
        </section>
    }
}

// ---------- Charts: a static base canvas and a cursor overlay ----------

#[derive(Properties, PartialEq)]
pub struct ChartProps {
    pub trace: TraceRef,
    pub ghost: Option<TraceRef>,
    pub run_id: u64,
    pub ghost_id: Option<u64>,
    pub cursor: f64,
    pub dark: bool,
}

pub const CHART_CSS_HEIGHT: f64 = 560.0;

#[component]
pub fn ChartView(p: &ChartProps) -> Html {
    let base = use_node_ref();
    let overlay = use_node_ref();
    let xmap = use_mut_ref(XMap::default);
    let width = dom::use_width(base.clone());
    {
        let (base, trace, ghost, xmap, dark) = (base.clone(), p.trace.clone(), p.ghost.clone(), xmap.clone(), p.dark);
        use_effect_with((p.run_id, p.ghost_id, dark, width), move |_| {
            if let Some(c) = base.cast::<HtmlCanvasElement>() {
                let scale = dom::size_canvas(&c, CHART_CSS_HEIGHT);
                if let Some(backend) = super::canvas_backend::MeasuredCanvas::new(c) {
                    use plotters::prelude::IntoDrawingArea;
                    let root = backend.into_drawing_area();
                    let input = chart::ChartInput { trace: &trace, ghost: ghost.as_deref(), cursor_t: None, palette: if dark { chart::DARK } else { chart::LIGHT }, scale };
                    if let Ok(m) = chart::draw(&root, &input) {
                        *xmap.borrow_mut() = m;
                    }
                }
                dom::mark_drawn();
            }
        });
    }
    {
        let (overlay, xmap, dark) = (overlay.clone(), xmap.clone(), p.dark);
        use_effect_with((p.cursor.to_bits(), p.run_id, p.ghost_id, dark, width), move |(c, ..)| {
            if let Some(canvas) = overlay.cast::<HtmlCanvasElement>() {
                dom::size_canvas(&canvas, CHART_CSS_HEIGHT);
                dom::draw_cursor(&canvas, xmap.borrow().x(f64::from_bits(*c)), dark);
            }
        });
    }
    html! {
        <div class="chart-wrap">
            <canvas ref={base} id="charts-base" class="chart" role="img"
                aria-label="Three charts over the incident: API demand against capacity; customer errors against the real control-plane and DNS failure, with the hidden gap shaded; and admin request success. A table alternative follows."></canvas>
            <canvas ref={overlay} id="charts-cursor" class="chart overlay" aria-hidden="true"></canvas>
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct TableProps {
    pub trace: TraceRef,
    pub run_id: u64,
}

#[component]
pub fn ChartTable(p: &TableProps) -> Html {
    let t = &p.trace;
    let f = &t.fleet;
    // Every 10 minutes keeps the table readable; the CSV export has every sample.
    let step = (10.0 / t.dt_min).round().max(1.0) as usize;
    html! {
        <table class="data">
            <caption>{"Fleet every 10 minutes"}</caption>
            <thead><tr><th scope="col">{"Time"}</th><th scope="col">{"API demand (seats)"}</th><th scope="col">{"Capacity (seats)"}</th><th scope="col">{"Customer errors"}</th><th scope="col">{"Traffic on a failed control plane"}</th><th scope="col">{"CoreDNS failing"}</th><th scope="col">{"Admin success"}</th></tr></thead>
            <tbody>
                { for (0..t.len).step_by(step).map(|i| html! {
                    <tr>
                        <th scope="row">{format!("{} {}", clock(t.t_at(i)), t_plus(t.t_at(i)))}</th>
                        <td>{format!("{:.0}", f.demand[i])}</td>
                        <td>{format!("{:.0}", f.capacity[i])}</td>
                        <td>{format!("{:.0}%", f.user_error[i] * 100.0)}</td>
                        <td>{format!("{:.0}%", (1.0 - f.control_plane_ok[i]) * 100.0)}</td>
                        <td>{format!("{:.0}%", (1.0 - f.dns_health[i]) * 100.0)}</td>
                        <td>{format!("{:.0}%", f.admin_success[i] * 100.0)}</td>
                    </tr>
                }) }
            </tbody>
        </table>
    }
}

// ---------- Narration ----------

#[derive(Properties, PartialEq)]
pub struct NarrationProps {
    pub trace: TraceRef,
    pub run_id: u64,
    pub cursor: f64,
    pub on_seek: Callback<f64>,
}

#[component]
pub fn Narration(p: &NarrationProps) -> Html {
    let current = p.trace.events.iter().rposition(|e| e.t_min <= p.cursor);
    html! {
        <section class="panel" aria-labelledby="log-h">
            <h2 id="log-h">{"What happens, and what really happened"}</h2>
            <ol class="events" id="events">
                { for p.trace.events.iter().enumerate().map(|(i, e)| {
                    let seek = p.on_seek.clone();
                    let t = e.t_min;
                    let real = e.kind.real_t_min().map(|r| format!("really: {} {}", clock(r), e.kind.title().to_lowercase()));
                    html! {
                        <li class={classes!(if Some(i) == current { "current" } else if e.t_min <= p.cursor { "passed" } else { "future" })} aria-current={(Some(i) == current).then_some("step")}>
                            <button class="event-time" onclick={Callback::from(move |_| seek.emit(t))}>
                                <span class="sr-only">{"Jump to "}</span>{clock(t)}<span class="muted">{format!(" {}", t_plus(t))}</span>
                            </button>
                            <div class="event-body">
                                <strong>{e.kind.title()}</strong>
                                if !e.detail.is_empty() { <span class="muted">{format!(" — {}", e.detail)}</span> }
                                <p>{e.kind.explain()}</p>
                                if let Some(r) = real { <p class="real">{r}</p> }
                            </div>
                        </li>
                    }
                }) }
            </ol>
            if p.trace.first(EventKind::ControlPlaneDown).is_none() {
                <p class="hint">{"No control plane fails in this run."}</p>
            }
        </section>
    }
}

// ---------- About and help ----------

#[component]
pub fn About() -> Html {
    html! {
        <details class="panel about" id="about">
            <summary><h2>{"About the model"}</h2></summary>
            <p>{"Cascade Lab re-simulates the whole incident on every change and replays it. Each cluster is a handful of numbers (shares of nodes, API server replicas, clients), stepped every 10 seconds; nothing is one object per node, so 100 and 100,000 agents cost the same."}</p>
            <h3>{"What it models"}</h3>
            <ul>
                <li>{"Agent load: every node LISTs the whole cluster, so a cluster's load grows with nodes². Staging-sized clusters never notice."}</li>
                <li>{"API servers: seats, 429s with client retries, relist loops, and memory: in-flight LISTs hold their objects, past the limit replicas are OOM-killed, restart after a minute, and their clients relist at once."}</li>
                <li>{"DNS: CoreDNS keeps serving its last view until its pods restart (about every 3 minutes without the API); client caches expire evenly over the TTL, so errors ramp over the TTL."}</li>
                <li>{"People: alerts after a minute of saturation, diagnosis in three; admin requests only get through when demand nears capacity (or via break-glass); crews shed load, delete the agent and readmit traffic one cluster at a time."}</li>
            </ul>
            <h3>{"Simplifications, honestly"}</h3>
            <ul>
                <li>{"Twelve production clusters stand in for hundreds; the calibration constants are fitted to the public timeline, not OpenAI's internal numbers."}</li>
                <li>{"Priority and fairness is reduced to: admin requests succeed with (served share)^8; break-glass succeeds whenever a replica is up."}</li>
                <li>{"etcd, the scheduler and the data plane beyond DNS are not modelled; a cluster's customers fail exactly when their DNS entry is gone and CoreDNS cannot answer."}</li>
                <li>{"Engineers act on fixed delays; the real team improvised in parallel."}</li>
            </ul>
            <h3>{"Sources"}</h3>
            <ul>
                <li><a href="https://status.openai.com/incidents/ctrsv3lwd797" rel="noopener">{"OpenAI status: API, ChatGPT & Sora Facing Issues (11 Dec 2024)"}</a></li>
                <li>{"Kubernetes: API Priority and Fairness; kube-apiserver defaults; client-go retries and reflector backoff; CoreDNS kubernetes plugin."}</li>
                <li>{"Bronson et al., Metastable Failures in Distributed Systems (HotOS 2021); Huang et al., Metastable Failures in the Wild (OSDI 2022); Marc Brooker on backoff, jitter and retry budgets."}</li>
            </ul>
        </details>
    }
}

#[derive(Properties, PartialEq)]
pub struct HelpProps {
    pub on_close: Callback<()>,
}

#[component]
pub fn Help(p: &HelpProps) -> Html {
    let close = p.on_close.clone();
    let button = use_node_ref();
    {
        // Move focus into the dialog, and give it back to where it was on close.
        let button = button.clone();
        use_effect_with((), move |_| {
            let previous = web_sys::window().and_then(|w| w.document()).and_then(|d| d.active_element());
            if let Some(b) = button.cast::<web_sys::HtmlElement>() {
                let _ = b.focus();
            }
            move || {
                if let Some(el) = previous.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
                    let _ = el.focus();
                }
            }
        });
    }
    html! {
        <div class="dialog help" role="dialog" aria-modal="true" aria-labelledby="help-h" id="help">
            <h3 id="help-h">{"Keyboard shortcuts"}</h3>
            <dl>
                <dt><kbd>{"Space"}</kbd></dt><dd>{"Play / pause"}</dd>
                <dt><kbd>{"←"}</kbd> {" / "} <kbd>{"→"}</kbd></dt><dd>{"Previous / next event"}</dd>
                <dt><kbd>{"?"}</kbd></dt><dd>{"Show or hide this help"}</dd>
                <dt><kbd>{"Esc"}</kbd></dt><dd>{"Close"}</dd>
            </dl>
            <button class="btn small" ref={button} onclick={Callback::from(move |_| close.emit(()))}>{"Close"}</button>
        </div>
    }
}
