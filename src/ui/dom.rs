//! The browser calls the components and hooks share: the URL, media queries, clipboard,
//! downloads, postMessage to an embedding page, canvases, resize observers, the panic panel.
//! Failures here degrade quietly (a missing clipboard shows selectable text) and never panic.

use crate::formats::link::LinkState;
use crate::ui::observer::Observer;
use crate::views::palette::Theme;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

fn window() -> Option<web_sys::Window> {
    web_sys::window()
}

pub fn search() -> String {
    window().and_then(|w| w.location().search().ok()).unwrap_or_default()
}

pub fn media(q: &str) -> bool {
    window().and_then(|w| w.match_media(q).ok().flatten()).is_some_and(|m| m.matches())
}
/// While printing, a still copy of the canvas as an image right after it, which is what prints
/// (`canvas:has(+ .print-copy)` is hidden in static/style.css's print rules): Chromium prints a
/// canvas redrawn for print blank or as it was before. Removed when printing ends. Call it
/// after drawing.
pub fn print_copy(c: &HtmlCanvasElement, printing: bool) {
    let next = c.next_element_sibling().filter(|e| e.class_name() == "print-copy");
    if !printing {
        if let Some(n) = next {
            n.remove();
        }
        return;
    }
    let Ok(url) = c.to_data_url() else { return };
    let img = match next {
        Some(n) => n,
        None => {
            let Some(img) = window().and_then(|w| w.document()).and_then(|d| d.create_element("img").ok()) else { return };
            img.set_class_name("print-copy");
            let _ = img.set_attribute("alt", "");
            if c.after_with_node_1(&img).is_err() {
                return;
            }
            img
        }
    };
    let _ = img.set_attribute("src", &url);
}

/// Whether `print_copy` left a copy of this canvas (drawn for this print already: drawing it
/// again now would measure a canvas hidden behind its copy).
pub fn has_print_copy(c: &HtmlCanvasElement) -> bool {
    c.next_element_sibling().is_some_and(|e| e.class_name() == "print-copy")
}

/// Whether the page is printing now: the `print` media query, or `beforeprint` marked `<html>`
/// (what mounts during the print's re-render missed the event).
pub fn printing() -> bool {
    media("print") || window().and_then(|w| w.document()).and_then(|d| d.document_element()).is_some_and(|e| e.has_attribute("data-printing"))
}

/// Calls `f(true)` when the page is about to print (`beforeprint`, or the `print` media query
/// starting to match) and `f(false)` after; marks `<html data-printing>` first, so what measures
/// itself in `f`'s re-render measures the print layout's width (static/style.css). Dropping the
/// listeners removes them.
pub fn on_print(f: impl Fn(bool) + 'static) -> Vec<gloo::events::EventListener> {
    use gloo::events::EventListener;
    let Some(w) = window() else { return Vec::new() };
    let f = std::rc::Rc::new(move |p: bool| {
        if let Some(root) = w.document().and_then(|d| d.document_element()) {
            let _ = if p { root.set_attribute("data-printing", "") } else { root.remove_attribute("data-printing") };
        }
        f(p)
    });
    let Some(w) = window() else { return Vec::new() };
    let mut listeners = Vec::new();
    for (name, p) in [("beforeprint", true), ("afterprint", false)] {
        let f = f.clone();
        listeners.push(EventListener::new(&w, name, move |_| f(p)));
    }
    if let Some(mql) = w.match_media("print").ok().flatten() {
        let target: web_sys::EventTarget = mql.clone().into();
        listeners.push(EventListener::new(&target, "change", move |_| f(mql.matches())));
    }
    listeners
}

pub fn prefers_reduced_motion() -> bool {
    media("(prefers-reduced-motion: reduce)")
}

/// The page's clock (ms since it opened): the UI's timers and benchmarks, never a run.
#[expect(clippy::disallowed_methods, reason = "the one place the UI reads the clock")]
pub fn now_ms() -> f64 {
    window().and_then(|w| w.performance()).map(|p| p.now()).unwrap_or(0.0)
}

pub fn replace_query(q: &str) {
    if let Some(w) = window() {
        let path = w.location().pathname().unwrap_or_default();
        let hash = w.location().hash().unwrap_or_default();
        if let Ok(h) = w.history() {
            let _ = h.replace_state_with_url(&JsValue::NULL, "", Some(&format!("{path}?{q}{hash}")));
        }
    }
}

/// The link for people: the full app (not the embed view), same run and cursor.
pub fn full_app_url(link: &LinkState) -> String {
    let base = window()
        .map(|w| {
            let loc = w.location();
            format!("{}{}", loc.origin().unwrap_or_default(), loc.pathname().unwrap_or_default())
        })
        .unwrap_or_default();
    link.to_url(&base)
}

/// The folder the app is served from (`https://docs.example/training/cascade/`): where
/// `embed.js` lives beside it.
pub fn app_base_url() -> String {
    window()
        .map(|w| {
            let loc = w.location();
            let path = loc.pathname().unwrap_or_default();
            let dir = &path[..path.rfind('/').map_or(0, |i| i + 1)];
            format!("{}{}", loc.origin().unwrap_or_default(), dir)
        })
        .unwrap_or_default()
}

pub fn input_value(e: &Event) -> String {
    e.target_unchecked_into::<HtmlInputElement>().value()
}

fn post(msg: &js_sys::Object) {
    if let Some(w) = window() {
        if let Ok(Some(parent)) = w.parent() {
            if parent != w {
                let _ = parent.post_message(msg, "*");
            }
        }
    }
}

fn message(kind: &str, fields: &[(&str, JsValue)]) -> js_sys::Object {
    let o = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&o, &"type".into(), &kind.into());
    for (k, v) in fields {
        let _ = js_sys::Reflect::set(&o, &(*k).into(), v);
    }
    o
}

/// Posts the document height to the embedding page on every change of size: a
/// ResizeObserver, and a MutationObserver for content the tools module adds later — browsers
/// hold back resize observations in frames that are off screen, not mutation records.
pub fn observe_height() -> Option<(Observer<web_sys::ResizeObserver>, Observer<web_sys::MutationObserver>)> {
    // Only in a frame: nobody else listens.
    let w = window()?;
    if w.parent().ok()?.is_none_or(|p| p == w) {
        return None;
    }
    let root = w.document()?.document_element()?;
    let resized = observe_width(&root, |_| post_height())?;
    let mutations = Observer::<web_sys::MutationObserver>::new(|_: js_sys::Array| post_height())?;
    let opts = web_sys::MutationObserverInit::new();
    opts.set_child_list(true);
    opts.set_subtree(true);
    mutations.get().observe_with_options(&root, &opts).ok()?;
    Some((resized, mutations))
}

pub fn post_height() {
    // The content's own height: `scrollHeight` never drops below the frame's current height,
    // so a frame could grow but never shrink to fit.
    let h = window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        .map(|e| e.offset_height() as f64)
        .unwrap_or(0.0);
    // Posted when it changes (the mutation observer fires on every render while playing).
    thread_local!(static POSTED: std::cell::Cell<f64> = const { std::cell::Cell::new(-1.0) });
    if POSTED.with(|p| p.replace(h)) != h {
        post(&message("cascade-lab:height", &[("height", h.into())]));
    }
}
pub fn post_ready() {
    post(&message("cascade-lab:ready", &[]));
    post_height();
}
pub fn post_event(name: &str, t_min: f64) {
    post(&message("cascade-lab:event", &[("name", name.into()), ("t_min", t_min.into())]));
}

pub fn input_number(e: &InputEvent) -> f64 {
    e.target_unchecked_into::<HtmlInputElement>().value_as_number()
}
pub fn event_number(e: &Event) -> f64 {
    let v = e.target_unchecked_into::<HtmlInputElement>().value();
    crate::sim::params::parse_number(&v).unwrap_or(f64::NAN)
}
/// A checkbox's state from its change event.
pub fn checked(e: &Event) -> bool {
    e.target_dyn_into::<HtmlInputElement>().is_some_and(|i| i.checked())
}

pub fn select_value(e: &Event) -> String {
    e.target_unchecked_into::<HtmlSelectElement>().value()
}
pub fn select_all(e: &FocusEvent) {
    e.target_unchecked_into::<HtmlInputElement>().select();
}

/// Clipboard when allowed; otherwise `done(false)` so the caller shows selectable text.
pub fn copy_text(text: String, done: impl Fn(bool) + 'static) {
    let Some(w) = window() else { return done(false) };
    let clip = w.navigator().clipboard();
    let has_api = js_sys::Reflect::get(&w.navigator(), &"clipboard".into()).is_ok_and(|v| !v.is_undefined());
    if !has_api {
        return done(false);
    }
    let promise = clip.write_text(&text);
    wasm_bindgen_futures::spawn_local(async move {
        done(wasm_bindgen_futures::JsFuture::from(promise).await.is_ok());
    });
}

fn click_download(href: &str, name: &str) {
    let Some(doc) = window().and_then(|w| w.document()) else { return };
    if let Ok(a) = doc.create_element("a") {
        let a: web_sys::HtmlAnchorElement = a.unchecked_into();
        a.set_href(href);
        a.set_download(name);
        if let Some(body) = doc.body() {
            let _ = body.append_child(&a);
            a.click();
            let _ = body.remove_child(&a);
        }
    }
}

pub fn download(name: &str, mime: &str, text: &str) {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    if let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts) {
        if let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) {
            click_download(&url, name);
            let _ = web_sys::Url::revoke_object_url(&url);
        }
    }
}

/// Downloads a data or blob URL under `name`.
pub fn download_url(href: &str, name: &str) {
    click_download(href, name);
}

pub fn context(c: &HtmlCanvasElement) -> Option<CanvasRenderingContext2d> {
    c.get_context("2d").ok().flatten()?.dyn_into().ok()
}

/// Size the backing store to CSS size × devicePixelRatio (crisp on HiDPI). Returns the ratio.
/// Announced on the window before a print the app starts (Ctrl/⌘+P): every panel that waits
/// to be seen (`use_seen`) draws now.
pub const PRINT_PREPARE: &str = "cascade-print-prepare";

/// Draws every panel below the fold, waits until they are drawn (the tools module loaded, the
/// follow-ups listed, the sweep finished; at most 10 s), then opens the browser's print.
pub fn prepare_and_print() {
    let Some(w) = window() else { return };
    if let Ok(ev) = web_sys::Event::new(PRINT_PREPARE) {
        let _ = w.dispatch_event(&ev);
    }
    let ticks = std::rc::Rc::new(std::cell::Cell::new(0u32));
    let slot: std::rc::Rc<std::cell::RefCell<Option<gloo::timers::callback::Interval>>> = std::rc::Rc::default();
    let keep = slot.clone();
    *slot.borrow_mut() = Some(gloo::timers::callback::Interval::new(100, move || {
        ticks.set(ticks.get() + 1);
        if print_ready() || ticks.get() >= 100 {
            keep.borrow_mut().take();
            if let Some(w) = window() {
                let _ = w.print();
            }
        }
    }));
}

/// Every panel drawn: no island still loading, every sweep finished (or held back by
/// spoiler-free mode), the follow-ups listed.
fn print_ready() -> bool {
    let Some(doc) = window().and_then(|w| w.document()) else { return true };
    let none = |sel: &str| doc.query_selector(sel).ok().flatten().is_none();
    let sweep_done = doc.get_element_by_id("sweep").is_none_or(|s| s.get_attribute("data-computed") == s.get_attribute("data-total"));
    let followups = doc.get_element_by_id("followups").is_none_or(|_| !none("#followups tr[data-key], #followups .followup"));
    none(".island-wait") && sweep_done && followups
}

/// The preference that a visitor came for the numbers: set, the page opens showing every
/// outcome; unset (a first visit), it opens spoiler-free with the question first.
pub const SHOW_ALL: &str = "cascade-lab.show-all";

/// A remembered preference (`localStorage`); `None` where storage is refused (a sandboxed frame).
pub fn pref(key: &str) -> Option<String> {
    window()?.local_storage().ok()??.get_item(key).ok()?
}

/// Remembers a preference (`None` forgets it); silently nothing where storage is refused.
pub fn set_pref(key: &str, value: Option<&str>) {
    if let Some(s) = window().and_then(|w| w.local_storage().ok().flatten()) {
        let _ = match value {
            Some(v) => s.set_item(key, v),
            None => s.remove_item(key),
        };
    }
}

/// The window's inner width in CSS pixels.
pub fn viewport_width() -> Option<f64> {
    window()?.inner_width().ok()?.as_f64()
}

pub fn size_canvas(c: &HtmlCanvasElement, css_height: f64) -> f64 {
    let dpr = window().map(|w| w.device_pixel_ratio()).unwrap_or(1.0).clamp(1.0, 4.0);
    let css_w = (c.client_width() as f64).max(280.0);
    let (w, h) = ((css_w * dpr).round() as u32, (css_height * dpr).round() as u32);
    if c.width() != w || c.height() != h {
        c.set_width(w);
        c.set_height(h);
    }
    dpr
}

/// The playback cursor on the chart overlay: a vertical line at `x` device pixels.
pub fn draw_cursor(c: &HtmlCanvasElement, x: f64, (top, bottom): (f64, f64), theme: &Theme) {
    let Some(ctx) = context(c) else { return };
    let (w, h) = (c.width() as f64, c.height() as f64);
    ctx.clear_rect(0.0, 0.0, w, h);
    let h = if bottom > 0.0 { bottom.min(h) } else { h };
    let dpr = window().map(|w| w.device_pixel_ratio()).unwrap_or(1.0);
    ctx.set_stroke_style_str(&theme.cursor().css());
    ctx.set_line_width(2.0 * dpr);
    ctx.begin_path();
    ctx.move_to(x, if bottom > 0.0 { top.max(0.0) } else { 0.0 });
    ctx.line_to(x, h);
    ctx.stroke();
}

/// Milestones of start-up, recorded once as body attributes for the benchmark.
pub fn mark(attr: &str) {
    if let Some(body) = window().and_then(|w| w.document()).and_then(|d| d.body()) {
        if body.get_attribute(attr).is_none() {
            let _ = body.set_attribute(attr, &format!("{:.1}", now_ms()));
        }
    }
}

/// First chart drawn.
pub fn mark_drawn() {
    mark("data-first-chart-ms");
}

/// Calls `f` with the element's content width whenever its size changes (and once at
/// the start). Dropping the returned observer disconnects it.
pub fn observe_width(el: &web_sys::Element, f: impl Fn(f64) + 'static) -> Option<Observer<web_sys::ResizeObserver>> {
    let observer = Observer::<web_sys::ResizeObserver>::new(move |entries: js_sys::Array| {
        if let Some(e) = entries.get(0).dyn_ref::<web_sys::ResizeObserverEntry>() {
            f(e.content_rect().width());
        }
    })?;
    observer.get().observe(el);
    Some(observer)
}

/// Shown by the panic hook: what went wrong, the link that did it, and a way out.
pub fn panic_panel(msg: &str) {
    let Some(doc) = window().and_then(|w| w.document()) else { return };
    let Some(body) = doc.body() else { return };
    let link = window().and_then(|w| w.location().href().ok()).unwrap_or_default();
    let reset = window().and_then(|w| w.location().pathname().ok()).unwrap_or_else(|| "./".into());
    let esc = |s: &str| s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;");
    let html = format!(
        "<div class=\"panic\" role=\"alert\" id=\"panic\"><h2>Cascade Lab hit an error</h2><p>{}</p><p>Link that failed: <code>{}</code></p><p><a class=\"btn primary\" href=\"{}\">Reset to defaults</a></p></div>",
        esc(msg),
        esc(&link),
        esc(&reset)
    );
    let _ = body.insert_adjacent_html("afterbegin", &html);
}
