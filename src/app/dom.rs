//! Everything that touches the browser, in one place. Failures here degrade quietly
//! (a missing clipboard shows selectable text) and never panic.

use crate::link::LinkState;
use gloo::events::{EventListener, EventListenerOptions};
use gloo::render::{request_animation_frame, AnimationFrame};
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

fn window() -> Option<web_sys::Window> {
    web_sys::window()
}

pub fn search() -> String {
    window().and_then(|w| w.location().search().ok()).unwrap_or_default()
}

fn media(q: &str) -> bool {
    window().and_then(|w| w.match_media(q).ok().flatten()).is_some_and(|m| m.matches())
}
pub fn prefers_reduced_motion() -> bool {
    media("(prefers-reduced-motion: reduce)")
}
pub fn prefers_dark() -> bool {
    media("(prefers-color-scheme: dark)")
}

pub fn now_ms() -> f64 {
    window().and_then(|w| w.performance()).map(|p| p.now()).unwrap_or(0.0)
}

/// A requestAnimationFrame loop passing seconds since the previous frame. Dropping the
/// handle cancels the pending frame: no leaked timers (never `forget()`).
pub struct FrameLoop {
    frame: Rc<RefCell<Option<AnimationFrame>>>,
    alive: Rc<Cell<bool>>,
}

impl Drop for FrameLoop {
    fn drop(&mut self) {
        self.alive.set(false);
        self.frame.borrow_mut().take();
    }
}

pub fn frame_loop(f: impl Fn(f64) + 'static) -> FrameLoop {
    let frame: Rc<RefCell<Option<AnimationFrame>>> = Rc::new(RefCell::new(None));
    let alive = Rc::new(Cell::new(true));
    let last = Rc::new(Cell::new(None::<f64>));
    let f = Rc::new(f);
    fn schedule(frame: Rc<RefCell<Option<AnimationFrame>>>, alive: Rc<Cell<bool>>, last: Rc<Cell<Option<f64>>>, f: Rc<dyn Fn(f64)>) {
        let fr = frame.clone();
        let handle = request_animation_frame(move |ts| {
            if !alive.get() {
                return;
            }
            if let Some(prev) = last.get() {
                f(((ts - prev) / 1000.0).max(0.0));
            }
            // `f` may have stopped playback (and dropped this loop): then schedule nothing.
            if alive.get() {
                last.set(Some(ts));
                schedule(fr, alive, last, f);
            }
        });
        *frame.borrow_mut() = Some(handle);
    }
    schedule(frame.clone(), alive.clone(), last, f);
    FrameLoop { frame, alive }
}

/// Global shortcuts, ignored while typing in a field.
pub fn on_key(f: impl Fn(String) + 'static) -> Option<EventListener> {
    let doc = window()?.document()?;
    // Not passive: Space and the arrows must not also scroll the page.
    Some(EventListener::new_with_options(&doc, "keydown", EventListenerOptions::enable_prevent_default(), move |e| {
        let Some(e) = e.dyn_ref::<web_sys::KeyboardEvent>() else { return };
        if e.ctrl_key() || e.meta_key() || e.alt_key() {
            return;
        }
        let key = e.key();
        let tag = e.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()).map(|el| el.tag_name().to_ascii_lowercase()).unwrap_or_default();
        // Fields keep their keys; buttons keep Space (it presses them) but pass the arrows on.
        let field = matches!(tag.as_str(), "input" | "select" | "textarea");
        let button = matches!(tag.as_str(), "button" | "summary" | "a");
        if (field && key != "Escape") || (button && key == " ") {
            return;
        }
        if matches!(key.as_str(), " " | "ArrowLeft" | "ArrowRight") {
            e.prevent_default();
        }
        f(key);
    }))
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

/// Posts the document height to the embedding page on every change of size.
pub fn observe_height() -> Option<Observer> {
    let root = window()?.document()?.document_element()?;
    let callback = wasm_bindgen::closure::Closure::<dyn FnMut(js_sys::Array)>::new(|_| post_height());
    let observer = web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref()).ok()?;
    observer.observe(&root);
    Some(Observer { observer, _callback: callback })
}

pub fn post_height() {
    let h = window().and_then(|w| w.document()).and_then(|d| d.document_element()).map(|e| e.scroll_height()).unwrap_or(0);
    post(&message("cascade-lab:height", &[("height", (h as f64).into())]));
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
    v.trim().parse().unwrap_or(f64::NAN)
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

fn canvas_by_id(id: &str) -> Option<HtmlCanvasElement> {
    window()?.document()?.get_element_by_id(id)?.dyn_into().ok()
}

pub fn download_canvas(id: &str, name: &str) {
    if let Some(c) = canvas_by_id(id) {
        if let Ok(url) = c.to_data_url() {
            click_download(&url, name);
        }
    }
}

/// Fleet view, charts and cursor stacked into one PNG.
pub fn download_view(name: &str) {
    let (Some(fleet), Some(charts), Some(cursor)) = (canvas_by_id("fleet"), canvas_by_id("charts-base"), canvas_by_id("charts-cursor")) else { return };
    let Some(doc) = window().and_then(|w| w.document()) else { return };
    let Ok(out) = doc.create_element("canvas") else { return };
    let out: HtmlCanvasElement = out.unchecked_into();
    out.set_width(fleet.width().max(charts.width()));
    out.set_height(fleet.height() + charts.height());
    if let Some(ctx) = context(&out) {
        ctx.set_fill_style_str(&page_background());
        ctx.fill_rect(0.0, 0.0, out.width() as f64, out.height() as f64);
        let _ = ctx.draw_image_with_html_canvas_element(&fleet, 0.0, 0.0);
        let _ = ctx.draw_image_with_html_canvas_element(&charts, 0.0, fleet.height() as f64);
        let _ = ctx.draw_image_with_html_canvas_element(&cursor, 0.0, fleet.height() as f64);
    }
    if let Ok(url) = out.to_data_url() {
        click_download(&url, name);
    }
}

/// The app's background colour as the theme sets it (for exported images).
fn page_background() -> String {
    window()
        .and_then(|w| {
            let el = w.document()?.query_selector(".app").ok()??;
            w.get_computed_style(&el).ok()??.get_property_value("background-color").ok()
        })
        .filter(|c| !c.is_empty())
        .unwrap_or_else(|| "#ffffff".into())
}

pub fn context(c: &HtmlCanvasElement) -> Option<CanvasRenderingContext2d> {
    c.get_context("2d").ok().flatten()?.dyn_into().ok()
}

/// Size the backing store to CSS size × devicePixelRatio (crisp on HiDPI). Returns the ratio.
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

pub fn draw_cursor(c: &HtmlCanvasElement, x: f64, dark: bool) {
    let Some(ctx) = context(c) else { return };
    let (w, h) = (c.width() as f64, c.height() as f64);
    ctx.clear_rect(0.0, 0.0, w, h);
    let dpr = window().map(|w| w.device_pixel_ratio()).unwrap_or(1.0);
    ctx.set_stroke_style_str(if dark { "#f2f4f8" } else { "#1c2028" });
    ctx.set_line_width(2.0 * dpr);
    ctx.begin_path();
    ctx.move_to(x, 0.0);
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

/// Width of an element, kept current by a ResizeObserver (layout changes, rotation, the
/// controls column arriving), not only by window resizes.
#[hook]
pub fn use_width(node: NodeRef) -> i32 {
    let width = use_state(|| 0);
    {
        let width = width.clone();
        use_effect_with((), move |_| {
            let observer = node.cast::<web_sys::Element>().and_then(|el| {
                let w = width.clone();
                let cb = wasm_bindgen::closure::Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
                    if let Some(e) = entries.get(0).dyn_ref::<web_sys::ResizeObserverEntry>() {
                        w.set(e.content_rect().width().round() as i32);
                    }
                });
                let obs = web_sys::ResizeObserver::new(cb.as_ref().unchecked_ref()).ok()?;
                obs.observe(&el);
                Some(Observer { observer: obs, _callback: cb })
            });
            move || drop(observer)
        });
    }
    *width
}

/// A ResizeObserver with its callback; dropping it disconnects.
pub struct Observer {
    observer: web_sys::ResizeObserver,
    _callback: wasm_bindgen::closure::Closure<dyn FnMut(js_sys::Array)>,
}

impl Drop for Observer {
    fn drop(&mut self) {
        self.observer.disconnect();
    }
}

/// Whether the system prefers a dark theme, updated live when it changes.
#[hook]
pub fn use_prefers_dark() -> bool {
    let dark = use_state(prefers_dark);
    {
        let dark = dark.clone();
        use_effect_with((), move |_| {
            let listener = window().and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten()).map(|mql| {
                let target: web_sys::EventTarget = mql.clone().into();
                EventListener::new(&target, "change", move |_| dark.set(mql.matches()))
            });
            move || drop(listener)
        });
    }
    *dark
}
