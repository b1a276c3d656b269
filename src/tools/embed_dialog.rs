//! The Embed button's form: which view (any figure, the sweep, a lesson chapter), the moment,
//! the cluster, the speed, the window, the controls, spoiler-free, theme and autoplay, and the
//! docs page it goes into (does it run scripts, how wide is its column). It shows a preview
//! of the frame at that column's width and the snippet to paste, updated as you type, with a
//! Copy button. A modal dialog: focus moves in, Tab stays in, Esc closes and focus returns to
//! the Embed button (docs/embedding.md). It runs in the tools module
//! (`Tool::Embed`): the share bar holds only the button and the form's place
//! (`app::islands::Island`), and hears Close and Esc as `ToPage::Close`.

use crate::formats::embed_size::{self, Host, Snippet, WIDTHS};
use crate::formats::link::{Controls, Figure, LinkState, Theme, Window, CHAPTERS, SPEEDS};
use crate::ui::dom;
use crate::ui::seam::read_embed_query;
use wasm_bindgen::JsCast;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct EmbedProps {
    /// `ui::seam::embed_query`: the link to this moment (the form adds the embed view
    /// options) and the run's span (minutes after T), to keep a typed moment or window inside it.
    pub query: String,
    pub on_close: Callback<()>,
}

/// The form over the setup the app sent; one line if it cannot be read (a tools module from
/// another version).
#[component]
pub fn EmbedDialog(p: &EmbedProps) -> Html {
    let setup = use_memo(p.query.clone(), |q| {
        read_embed_query(q).map(|(moment, span)| {
            // The diagram's picker: the run's clusters, in order.
            let clusters = crate::sim::fleet::names(&moment.params);
            (moment, span, clusters)
        })
    });
    match &*setup {
        Some((moment, span, clusters)) => {
            html! { <EmbedForm moment={moment.clone()} span={*span} clusters={clusters.clone()} on_close={p.on_close.clone()} /> }
        }
        None => html! {
            <p class="hint warn" role="alert" id="embed-error">{"The Embed form could not read this run (the tools module is from another version: reload the page)."}</p>
        },
    }
}

#[derive(Properties, PartialEq)]
struct FormProps {
    moment: LinkState,
    span: (f64, f64),
    clusters: Vec<String>,
    on_close: Callback<()>,
}

/// The views offered, with the iframe's title.
const VIEWS: [(Figure, &str); 11] = [
    (Figure::Diagram, "causal diagram"),
    (Figure::Visibility, "what customers see vs what is broken"),
    (Figure::Demand, "API demand vs capacity"),
    (Figure::Access, "can engineers reach the API?"),
    (Figure::Charts, "charts"),
    (Figure::Fleet, "fleet"),
    (Figure::Timeline, "timeline"),
    (Figure::Followups, "follow-ups"),
    (Figure::Sweep, "where is the cliff? (sweep)"),
    (Figure::Chapter, "a lesson chapter"),
    (Figure::Full, "the whole app"),
];

/// The whole app has no fixed height: its frame scrolls, at this height.
const FULL_APP_HEIGHT: u32 = 900;

#[derive(Clone, PartialEq)]
struct Form {
    figure: Figure,
    /// The moment, minutes after T, as typed (empty: the app's current moment).
    t: String,
    cluster: usize,
    speed: f64,
    from: String,
    to: String,
    controls: Controls,
    teach: bool,
    theme: Theme,
    autoplay: bool,
    /// The lesson chapter, for the chapter view (1-based).
    chapter: u32,
    host: Host,
    /// The docs column's width (px), one of `WIDTHS`.
    width: u32,
}

impl Form {
    /// The form as it opens: the diagram at the app's cluster and speed, for a page that runs
    /// scripts in a 700 px column.
    fn new(moment: &LinkState) -> Form {
        Form {
            figure: Figure::Diagram,
            t: String::new(),
            cluster: moment.view.cluster,
            speed: moment.view.speed,
            from: String::new(),
            to: String::new(),
            controls: Controls::Min,
            teach: false,
            theme: Theme::Auto,
            autoplay: false,
            chapter: 1,
            host: Host::Scripts,
            width: 700,
        }
    }
}

/// A typed minute at link precision, inside the run (rounded inward at its ends).
fn minute(s: &str, span: (f64, f64)) -> Option<f64> {
    crate::sim::params::parse_number(s).filter(|v| v.is_finite()).map(|v| crate::formats::link::tenth_within(v.clamp(span.0, span.1), span.0, span.1))
}

/// The embed link for these options: the current run, plus the view options. A typed window
/// is kept inside the run (an empty or reversed one means the whole run), and the moment
/// inside the window.
fn embed_link(moment: &LinkState, f: &Form, span: (f64, f64)) -> LinkState {
    let mut link = moment.clone();
    link.view.embed = true;
    link.view.figure = f.figure;
    link.view.controls = f.controls;
    link.view.teach = f.teach;
    link.view.theme = f.theme;
    link.view.autoplay = f.autoplay;
    link.view.cluster = f.cluster;
    link.view.speed = f.speed;
    link.view.chapter = if f.figure == Figure::Chapter { f.chapter } else { 1 };
    if let Some(t) = minute(&f.t, span) {
        link.t = Some(t);
    }
    let (from, to) = (minute(&f.from, span), minute(&f.to, span));
    link.view.window = match (from, to) {
        (None, None) => None,
        (a, b) => {
            let (a, b) = (a.unwrap_or((span.0 * 10.0).ceil() / 10.0), b.unwrap_or((span.1 * 10.0).floor() / 10.0));
            (a < b).then_some(Window { from: a, to: b })
        }
    };
    if let (Some(w), Some(t)) = (link.view.window, link.t) {
        link.t = Some(t.clamp(w.from, w.to));
    }
    link
}

/// The frame's height attribute: the known-heights table's, for the chosen column width.
fn frame_height(f: &Form) -> u32 {
    embed_size::height(f.figure, f.chapter, f.controls, f.width).unwrap_or(FULL_APP_HEIGHT)
}

#[component]
fn EmbedForm(p: &FormProps) -> Html {
    let form = use_state(|| Form::new(&p.moment));
    let copied = use_state(|| None::<bool>);
    let dialog = use_node_ref();
    use_modal(dialog.clone(), p.on_close.clone());
    let link = embed_link(&p.moment, &form, p.span);
    let url = dom::full_app_url(&link);
    let script = dom::app_base_url() + "embed.js";
    let title = VIEWS.iter().find(|v| v.0 == form.figure).map_or("figure", |v| v.1);
    let text = Snippet { url: &url, script: &script, title, host: form.host, width: form.width, height: frame_height(&form), figure: form.figure }.html();
    // A new snippet has not been copied yet.
    {
        let copied = copied.clone();
        use_effect_with(text.clone(), move |_| copied.set(None));
    }
    // The preview: the same frame at the column's width and the snippet's height (scaled down
    // to fit the dialog), never autoplaying inside the dialog.
    let mut preview_link = link.clone();
    preview_link.view.autoplay = false;
    let preview = dom::full_app_url(&preview_link);
    let on_copy = {
        let (text, copied) = (text.clone(), copied.clone());
        Callback::from(move |_| {
            let copied = copied.clone();
            dom::copy_text(text.clone(), move |ok| copied.set(Some(ok)));
        })
    };
    let close = p.on_close.clone();
    html! {
        <div class="dialog embed-dialog" role="dialog" aria-modal="true" aria-labelledby="embed-h" id="embed-dialog" ref={dialog}>
            <h3 id="embed-h" tabindex="-1">{"Embed a figure in a docs page"}</h3>
            <div class="embed-form">
                { view_fields(&form, &p.clusters) }
                { moment_fields(&form, p.span) }
                { look_fields(&form) }
            </div>
            <fieldset class="embed-host">
                <legend>{"The docs page"}</legend>
                { host_fields(&form) }
            </fieldset>
            <div class="embed-preview-box" id="embed-preview-box">
                // A picture of the frame, not a second place to tab through: inert.
                <iframe class="embed-preview" id="embed-preview" title="Preview of the embedded figure" src={preview} inert=true
                    width={form.width.to_string()} height={frame_height(&form).to_string()}></iframe>
            </div>
            <PreviewScale width={form.width} height={frame_height(&form)} />
            <label for="embed-snippet">{ match form.host {
                Host::Scripts => "Paste this into the page (once per figure; the script line may repeat):",
                Host::NoScripts => "Paste this into the page (a bare frame: no script needed):",
                Host::Image => "Draw the figure in your docs build and show it as an image:",
            } }</label>
            <textarea id="embed-snippet" readonly=true rows="4" value={text} onfocus={Callback::from(|e: FocusEvent| dom::select_all(&e))} />
            <div class="embed-actions">
                <button class="btn primary small" id="embed-copy" onclick={on_copy}>{"Copy snippet"}</button>
                <span class="copied" id="embed-copied" role="status">{ match *copied {
                    Some(true) => "Copied to the clipboard.",
                    Some(false) => "The clipboard is blocked here: select the snippet and copy it.",
                    None => "",
                } }</span>
                <button class="btn small" id="embed-close" onclick={Callback::from(move |_| close.emit(()))}>{"Close"}</button>
            </div>
            <p class="hint">{ match form.host {
                Host::Scripts => "embed.js sizes each frame to its content (it trusts only messages from that frame) and can be included any number of times. A host that blocks other origins' scripts can serve its own copy of embed.js (docs/embedding.md).",
                Host::NoScripts => "The frame's height fits this view at this column width all through the run (the heights table in docs/embedding.md). A narrower column needs its own snippet.",
                Host::Image => "cascade render draws the same figure as this page at this moment (SVG or PNG; the PNG carries the link as text), so a wiki that strips frames still shows it.",
            } }</p>
            if form.host == Host::Scripts {
                <p class="hint">{"A host whose Content-Security-Policy blocks other origins' scripts: "}
                    <a id="embed-js-download" href={script.clone()} download="embed.js">{"download embed.js"}</a>
                    {", serve it from your docs site and point the script line at your copy."}</p>
            }
        </div>
    }
}

/// Focus into the dialog when it opens, Tab kept inside it, Esc closes it, and focus back on
/// what had it (the Embed button) when it closes.
#[hook]
fn use_modal(dialog: NodeRef, close: Callback<()>) {
    use_effect_with((), move |_| {
        let doc = web_sys::window().and_then(|w| w.document());
        let before = doc.as_ref().and_then(|d| d.active_element());
        if let Some(h) = dialog.cast::<web_sys::Element>().and_then(|d| d.query_selector("#embed-h").ok().flatten()) {
            if let Ok(h) = h.dyn_into::<web_sys::HtmlElement>() {
                let _ = h.focus();
            }
        }
        let keys = dialog.cast::<web_sys::HtmlElement>().map(|el| {
            let el2 = el.clone();
            // Not passive: Esc and Tab are handled here, not by the page.
            gloo::events::EventListener::new_with_options(&el, "keydown", gloo::events::EventListenerOptions::enable_prevent_default(), move |e| {
                let Some(e) = e.dyn_ref::<web_sys::KeyboardEvent>() else { return };
                match e.key().as_str() {
                    "Escape" => {
                        e.prevent_default();
                        e.stop_propagation();
                        close.emit(());
                    }
                    "Tab" => trap_tab(&el2, e),
                    _ => {}
                }
            })
        });
        move || {
            drop(keys);
            if let Some(b) = before.and_then(|b| b.dyn_into::<web_sys::HtmlElement>().ok()) {
                let _ = b.focus();
            }
        }
    });
}

/// Tab from the last focusable control goes to the first, Shift+Tab from the first to the last.
fn trap_tab(dialog: &web_sys::HtmlElement, e: &web_sys::KeyboardEvent) {
    let Ok(list) = dialog.query_selector_all("select, input, textarea, button, [href]") else { return };
    let items: Vec<web_sys::HtmlElement> = (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.dyn_into::<web_sys::HtmlElement>().ok())
        .filter(|el| !el.has_attribute("disabled") && el.offset_parent().is_some())
        .collect();
    let (Some(first), Some(last)) = (items.first(), items.last()) else { return };
    let active = web_sys::window().and_then(|w| w.document()).and_then(|d| d.active_element());
    // Where focus is among the controls; on the heading (focused on opening) or outside, none.
    let at = items.iter().position(|el| active.as_ref().is_some_and(|a| a == el.unchecked_ref::<web_sys::Element>()));
    if e.shift_key() && at.is_none_or(|i| i == 0) {
        e.prevent_default();
        let _ = last.focus();
    } else if !e.shift_key() && at.is_none_or(|i| i + 1 == items.len()) {
        e.prevent_default();
        let _ = first.focus();
    }
}

#[derive(Properties, PartialEq)]
struct ScaleProps {
    width: u32,
    height: u32,
}

/// Scales the preview frame down to the dialog's width, through the CSSOM (the strict CSP
/// allows no style attribute): the frame itself keeps the column's width, so its content lays
/// out exactly as in the docs page.
#[component]
fn PreviewScale(p: &ScaleProps) -> Html {
    use_effect_with((p.width, p.height), |&(w, h)| {
        let doc = web_sys::window().and_then(|w| w.document());
        let (Some(box_), Some(frame)) = (
            doc.as_ref().and_then(|d| d.get_element_by_id("embed-preview-box")).and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()),
            doc.as_ref().and_then(|d| d.get_element_by_id("embed-preview")).and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()),
        ) else {
            return;
        };
        let room = box_.client_width().max(1) as f64;
        let k = (room / w as f64).min(1.0);
        let _ = frame.style().set_property("transform", &format!("scale({k})"));
        let _ = frame.style().set_property("transform-origin", "0 0");
        let _ = box_.style().set_property("height", &format!("{}px", (h as f64 * k).ceil()));
    });
    html! {}
}

type FormState = UseStateHandle<Form>;

/// A control's new value into the form, on every input (the snippet follows as you type).
fn on_change<E: AsRef<web_sys::Event> + 'static>(form: &FormState, f: fn(&mut Form, String)) -> Callback<E> {
    let form = form.clone();
    Callback::from(move |e: E| {
        let e: &web_sys::Event = e.as_ref();
        let value = e
            .target()
            .and_then(|t| {
                t.dyn_ref::<web_sys::HtmlInputElement>()
                    .map(|i| if i.type_() == "checkbox" { i.checked().to_string() } else { i.value() })
                    .or_else(|| t.dyn_ref::<web_sys::HtmlSelectElement>().map(|s| s.value()))
            })
            .unwrap_or_default();
        let mut next = (*form).clone();
        f(&mut next, value);
        form.set(next);
    })
}

/// Which view; for a lesson chapter which one, for the diagram which cluster.
fn view_fields(form: &FormState, clusters: &[String]) -> Html {
    html! {
        <>
            <label>{"View"}
                <select id="embed-view" onchange={on_change::<Event>(form, |f, v| f.figure = Figure::from_name(&v).unwrap_or(Figure::Diagram))}>
                    { for VIEWS.iter().map(|(fig, title)| html! { <option value={fig.name()} selected={*fig == form.figure}>{*title}</option> }) }
                </select>
            </label>
            if form.figure == Figure::Chapter {
                <label>{"Chapter"}
                    <select id="embed-chapter" onchange={on_change::<Event>(form, |f, v| f.chapter = v.parse().unwrap_or(1))}>
                        { for (1..=CHAPTERS).map(|n| html! { <option value={n.to_string()} selected={n == form.chapter}>{format!("{n}")}</option> }) }
                    </select>
                </label>
            }
            if matches!(form.figure, Figure::Diagram | Figure::Full) {
                <label>{"Cluster"}
                    <select id="embed-cluster" onchange={on_change::<Event>(form, |f, v| f.cluster = v.parse().unwrap_or(f.cluster))}>
                        { for clusters.iter().enumerate().map(|(i, c)| html! { <option value={i.to_string()} selected={i == form.cluster}>{c.clone()}</option> }) }
                    </select>
                </label>
            }
        </>
    }
}

/// The moment, the window and the speed, in minutes after T; the run's span as placeholders.
fn moment_fields(form: &FormState, span: (f64, f64)) -> Html {
    html! {
        <>
            <label>{"Moment (min after T)"}
                <input id="embed-t" type="number" step="0.5" placeholder="now" value={form.t.clone()} oninput={on_change::<InputEvent>(form, |f, v| f.t = v)} />
            </label>
            <label>{"From (min after T)"}
                <input id="embed-from" type="number" step="0.5" placeholder={format!("{:.0}", span.0)} value={form.from.clone()} oninput={on_change::<InputEvent>(form, |f, v| f.from = v)} />
            </label>
            <label>{"To (min after T)"}
                <input id="embed-to" type="number" step="0.5" placeholder={format!("{:.0}", span.1)} value={form.to.clone()} oninput={on_change::<InputEvent>(form, |f, v| f.to = v)} />
            </label>
            <label>{"Speed"}
                <select id="embed-speed" onchange={on_change::<Event>(form, |f, v| f.speed = crate::sim::params::parse_number(&v).unwrap_or(f.speed))}>
                    { for SPEEDS.iter().map(|v| html! { <option value={v.to_string()} selected={(*v - form.speed).abs() < 1e-9}>{format!("{v} min/s")}</option> }) }
                </select>
            </label>
        </>
    }
}

/// Controls, theme, spoiler-free and autoplay.
fn look_fields(form: &FormState) -> Html {
    html! {
        <>
            <label>{"Controls"}
                <select id="embed-controls" onchange={on_change::<Event>(form, |f, v| f.controls = match v.as_str() { "none" => Controls::None, "full" => Controls::Full, _ => Controls::Min })}>
                    <option value="min" selected={form.controls == Controls::Min}>{"play, scrubber, speed"}</option>
                    <option value="none" selected={form.controls == Controls::None}>{"none (a still figure)"}</option>
                    <option value="full" selected={form.controls == Controls::Full}>{"also the sliders"}</option>
                </select>
            </label>
            <label>{"Theme"}
                <select id="embed-theme" onchange={on_change::<Event>(form, |f, v| f.theme = match v.as_str() { "light" => Theme::Light, "dark" => Theme::Dark, _ => Theme::Auto })}>
                    <option value="auto" selected={form.theme == Theme::Auto}>{"the reader's"}</option>
                    <option value="light" selected={form.theme == Theme::Light}>{"light"}</option>
                    <option value="dark" selected={form.theme == Theme::Dark}>{"dark"}</option>
                </select>
            </label>
            <label class="check"><input id="embed-teach" type="checkbox" checked={form.teach} onchange={on_change::<Event>(form, |f, v| f.teach = v == "true")} />{"Spoiler-free"}</label>
            <label class="check"><input id="embed-autoplay" type="checkbox" checked={form.autoplay} onchange={on_change::<Event>(form, |f, v| f.autoplay = v == "true")} />{"Autoplay when visible"}</label>
        </>
    }
}

/// Whether the page runs scripts, and its column's width.
fn host_fields(form: &FormState) -> Html {
    let host = on_change::<Event>(form, |f, v| {
        f.host = match v.as_str() {
            "none" => Host::NoScripts,
            "image" => Host::Image,
            _ => Host::Scripts,
        }
    });
    html! {
        <>
            <label>{"Scripts"}
                <select id="embed-host" onchange={host}>
                    <option value="scripts" selected={form.host == Host::Scripts}>{"it can run embed.js"}</option>
                    <option value="none" selected={form.host == Host::NoScripts}>{"no scripts (a wiki that strips them)"}</option>
                    <option value="image" selected={form.host == Host::Image}>{"images only (a wiki that strips frames)"}</option>
                </select>
            </label>
            <label>{"Column width"}
                <select id="embed-width" onchange={on_change::<Event>(form, |f, v| f.width = v.parse().unwrap_or(700))}>
                    { for WIDTHS.iter().map(|w| html! { <option value={w.to_string()} selected={*w == form.width}>{format!("{w} px")}</option> }) }
                </select>
            </label>
        </>
    }
}
