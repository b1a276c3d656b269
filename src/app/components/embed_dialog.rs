//! The Embed button's form: which view, which window, which controls, spoiler-free, theme and
//! autoplay, with a live preview (an iframe of the app with exactly those options) and the
//! snippet to paste — the iframe plus `embed.js`, which sizes every marked frame and may be
//! pasted any number of times into one page (README, "Sharing and embedding").

use crate::app::dom;
use crate::formats::link::{Controls, Figure, LinkState, Theme, Window};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct EmbedProps {
    /// The link to this moment; the form adds the embed view options.
    pub moment: LinkState,
    /// The run's span (minutes after T), to keep a typed window inside it.
    pub span: (f64, f64),
    pub on_close: Callback<()>,
}

/// The views offered, with the iframe's title and a first height before it sizes itself.
const VIEWS: [(Figure, &str, u32); 10] = [
    (Figure::Diagram, "causal diagram", 560),
    (Figure::Visibility, "what customers see vs what is broken", 480),
    (Figure::Demand, "API demand vs capacity", 480),
    (Figure::Access, "can engineers reach the API?", 480),
    (Figure::Charts, "charts", 800),
    (Figure::Fleet, "fleet", 620),
    (Figure::Timeline, "timeline", 640),
    (Figure::Followups, "follow-ups", 640),
    (Figure::Chapter, "a lesson chapter", 800),
    (Figure::Full, "the whole app", 900),
];

#[derive(Clone, PartialEq)]
struct Form {
    figure: Figure,
    from: String,
    to: String,
    controls: Controls,
    teach: bool,
    theme: Theme,
    autoplay: bool,
    /// The lesson chapter, for the chapter view (1-based).
    chapter: u32,
}

/// The embed link for these options: the current run and moment, plus the view options. A
/// typed window is kept inside the run; an empty or reversed one means the whole run.
fn embed_link(moment: &LinkState, f: &Form, span: (f64, f64)) -> LinkState {
    let mut link = moment.clone();
    link.view.embed = true;
    link.view.figure = f.figure;
    link.view.controls = f.controls;
    link.view.teach = f.teach;
    link.view.theme = f.theme;
    link.view.autoplay = f.autoplay;
    link.view.chapter = if f.figure == Figure::Chapter { f.chapter } else { 1 };
    // At link precision, rounded inward at the run's ends (its start is not always at a tenth).
    let num = |s: &str| {
        crate::sim::params::parse_number(s).filter(|v| v.is_finite()).map(|v| crate::formats::link::tenth_within(v.clamp(span.0, span.1), span.0, span.1))
    };
    let (from, to) = (num(&f.from), num(&f.to));
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

/// The snippet: the marked iframe and the sizing script (safe to include more than once).
pub fn snippet(url: &str, script: &str, title: &str, height: u32) -> String {
    let esc = |s: &str| s.replace('&', "&amp;").replace('"', "&quot;").replace('<', "&lt;");
    format!(
        "<iframe data-cascade-lab src=\"{}\" title=\"Cascade Lab: {}\" width=\"100%\" height=\"{height}\" loading=\"lazy\"></iframe>\n<script src=\"{}\" async></script>",
        esc(url),
        esc(title),
        esc(script)
    )
}

#[component]
pub fn EmbedDialog(p: &EmbedProps) -> Html {
    let form = use_state(|| Form {
        figure: Figure::Diagram,
        from: String::new(),
        to: String::new(),
        controls: Controls::Min,
        teach: false,
        theme: Theme::Auto,
        autoplay: false,
        chapter: 1,
    });
    let link = embed_link(&p.moment, &form, p.span);
    let url = dom::full_app_url(&link);
    let script = dom::app_base_url() + "embed.js";
    let (_, title, height) = VIEWS.iter().find(|v| v.0 == form.figure).copied().unwrap_or(VIEWS[0]);
    let text = snippet(&url, &script, title, height);
    // The preview: the same frame, a little shorter, and never autoplaying inside the dialog.
    let mut preview_link = link.clone();
    preview_link.view.autoplay = false;
    let preview = dom::full_app_url(&preview_link);
    let close = p.on_close.clone();
    html! {
        <div class="dialog embed-dialog" role="dialog" aria-modal="false" aria-labelledby="embed-h" id="embed-dialog"
            onkeydown={{ let c = p.on_close.clone(); Callback::from(move |e: KeyboardEvent| if e.key() == "Escape" { c.emit(()) }) }}>
            <h3 id="embed-h">{"Embed a figure in a docs page"}</h3>
            <div class="embed-form">
                { view_fields(&form) }
                { window_fields(&form, p.span) }
                { look_fields(&form) }
            </div>
            <iframe class="embed-preview" id="embed-preview" title="Preview of the embedded figure" src={preview}></iframe>
            <label for="embed-snippet">{"Paste this into the page (once per figure; the script line may repeat):"}</label>
            <textarea id="embed-snippet" readonly=true rows="4" value={text} />
            <p class="hint">{"embed.js sizes each frame to its content (it trusts only messages from that frame) and can be included any number of times."}</p>
            <button class="btn small" onclick={Callback::from(move |_| close.emit(()))}>{"Close"}</button>
        </div>
    }
}

type FormState = UseStateHandle<Form>;

/// A select's new value into the form.
fn on_select(form: &FormState, f: fn(&mut Form, String)) -> Callback<Event> {
    let form = form.clone();
    Callback::from(move |e: Event| {
        let mut next = (*form).clone();
        f(&mut next, dom::select_value(&e));
        form.set(next);
    })
}

/// An input's new value into the form.
fn on_input(form: &FormState, f: fn(&mut Form, String)) -> Callback<Event> {
    let form = form.clone();
    Callback::from(move |e: Event| {
        let mut next = (*form).clone();
        f(&mut next, dom::input_value(&e));
        form.set(next);
    })
}

/// A checkbox flipping a field of the form.
fn on_toggle(form: &FormState, f: fn(&mut Form)) -> Callback<Event> {
    let form = form.clone();
    Callback::from(move |_: Event| {
        let mut next = (*form).clone();
        f(&mut next);
        form.set(next);
    })
}

/// Which view, and for a lesson chapter which one.
fn view_fields(form: &FormState) -> Html {
    html! {
        <>
            <label>{"View"}
                <select id="embed-view" onchange={on_select(form, |f, v| f.figure = Figure::from_name(&v).unwrap_or(Figure::Diagram))}>
                    { for VIEWS.iter().map(|(fig, title, _)| html! { <option value={fig.name()} selected={*fig == form.figure}>{title}</option> }) }
                </select>
            </label>
            if form.figure == Figure::Chapter {
                <label>{"Chapter"}
                    <select id="embed-chapter" onchange={on_select(form, |f, v| f.chapter = v.parse().unwrap_or(1))}>
                        { for (1..=crate::formats::link::CHAPTERS).map(|n| html! { <option value={n.to_string()} selected={n == form.chapter}>{format!("{n}")}</option> }) }
                    </select>
                </label>
            }
        </>
    }
}

/// The window, in minutes after T; the run's span as placeholders.
fn window_fields(form: &FormState, span: (f64, f64)) -> Html {
    html! {
        <>
            <label>{"From (min after T)"}
                <input id="embed-from" type="number" step="0.5" placeholder={format!("{:.0}", span.0)} value={form.from.clone()} onchange={on_input(form, |f, v| f.from = v)} />
            </label>
            <label>{"To (min after T)"}
                <input id="embed-to" type="number" step="0.5" placeholder={format!("{:.0}", span.1)} value={form.to.clone()} onchange={on_input(form, |f, v| f.to = v)} />
            </label>
        </>
    }
}

/// Controls, theme, spoiler-free and autoplay.
fn look_fields(form: &FormState) -> Html {
    html! {
        <>
            <label>{"Controls"}
                <select id="embed-controls" onchange={on_select(form, |f, v| f.controls = match v.as_str() { "none" => Controls::None, "full" => Controls::Full, _ => Controls::Min })}>
                    <option value="min" selected={form.controls == Controls::Min}>{"play, scrubber, speed"}</option>
                    <option value="none" selected={form.controls == Controls::None}>{"none (a still figure)"}</option>
                    <option value="full" selected={form.controls == Controls::Full}>{"also the sliders"}</option>
                </select>
            </label>
            <label>{"Theme"}
                <select id="embed-theme" onchange={on_select(form, |f, v| f.theme = match v.as_str() { "light" => Theme::Light, "dark" => Theme::Dark, _ => Theme::Auto })}>
                    <option value="auto" selected={form.theme == Theme::Auto}>{"the reader's"}</option>
                    <option value="light" selected={form.theme == Theme::Light}>{"light"}</option>
                    <option value="dark" selected={form.theme == Theme::Dark}>{"dark"}</option>
                </select>
            </label>
            <label class="check"><input id="embed-teach" type="checkbox" checked={form.teach} onchange={on_toggle(form, |f| f.teach = !f.teach)} />{"Spoiler-free"}</label>
            <label class="check"><input id="embed-autoplay" type="checkbox" checked={form.autoplay} onchange={on_toggle(form, |f| f.autoplay = !f.autoplay)} />{"Autoplay when visible"}</label>
        </>
    }
}
