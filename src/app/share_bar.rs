//! Copy link, copy link to this moment, exports, and the Embed button (its form is in the
//! tools module: `tools::embed_dialog`, mounted into an `Island` while open).

use crate::app::islands::{self, Island};
use crate::formats::link::LinkState;
use crate::ui::dom;
use crate::ui::seam::{self as tools_api, Export, ExportRequest, Flags, Tool};
use crate::ui::state::TraceRef;
use crate::views::sheet::{PngSize, SheetOptions};
use gloo::events::EventListener;
use wasm_bindgen::JsCast;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ShareProps {
    /// The link without a cursor.
    pub link: LinkState,
    /// The link with the cursor ("this moment").
    pub moment: LinkState,
    pub trace: TraceRef,
    /// The pinned run in compare mode: exports include it.
    #[prop_or_default]
    pub ghost: Option<TraceRef>,
    /// The page's theme, the PNG exports' default.
    #[prop_or_default]
    pub dark: bool,
}

#[component]
pub fn ShareBar(p: &ShareProps) -> Html {
    // The copied link, or the link to select by hand where the clipboard is refused.
    let fallback = use_state(|| None::<String>);
    // Why the last export failed (the tools module could not load, say).
    let failed = use_state(|| None::<String>);
    let embed_open = use_state(|| false);
    // PNGs in the theme chosen here ("page" follows the page), at the size chosen here, with
    // or without the text around the figure.
    let png_theme = use_state(|| "page".to_string());
    let png = use_state(SheetOptions::default);
    let dark = match png_theme.as_str() {
        "light" => false,
        "dark" => true,
        _ => p.dark,
    };
    let export = |kind: Export| on_export(kind, &p.moment, p.trace.t0_min, (dark, *png), &failed);
    // The Export menu closes on Esc (focus back on its button), on a click or tap outside it,
    // and when focus moves out of it.
    let menu = use_node_ref();
    {
        let menu = menu.clone();
        use_effect_with((), move |_| {
            let listeners = dismiss_menu(menu);
            move || drop(listeners)
        });
    }
    html! {
        <div class="share">
            <button class="btn" id="copy-link" onclick={on_copy(&p.link, &fallback)}>{"Copy link"}</button>
            <button class="btn" id="copy-moment" onclick={on_copy(&p.moment, &fallback)}>{"Copy link to this moment"}</button>
            { export_menu(menu, &png_theme, &png, export) }
            <button class="btn" id="embed-btn" onclick={{ let e = embed_open.clone(); Callback::from(move |_| e.set(!*e)) }}>{"Embed"}</button>
            if let Some(e) = (*failed).clone() {
                <p class="hint warn" role="alert" id="export-error">{e}</p>
            }
            if let Some(text) = (*fallback).clone() {
                { copied(text) }
            }
            if *embed_open {
                // "Loading…" here until the tools module has mounted the form, or why it could not.
                <Island tool={Tool::Embed} query={tools_api::embed_query(&p.moment, (p.trace.t0_min, p.trace.t_end()))}
                    flags={Flags { dark: p.dark, eager: true, hide_numbers: false }} dispatch={Callback::noop()}
                    on_close={{ let e = embed_open.clone(); Callback::from(move |()| e.set(false)) }} />
            }
        </div>
    }
}

/// Copies the link; `fallback` gets what was copied, or the link to select by hand.
fn on_copy(link: &LinkState, fallback: &UseStateHandle<Option<String>>) -> Callback<MouseEvent> {
    let url = dom::full_app_url(link);
    let fb = fallback.clone();
    Callback::from(move |_| {
        let (fb, url) = (fb.clone(), url.clone());
        dom::copy_text(url.clone(), move |ok| fb.set(if ok { Some(format!("Copied: {url}")) } else { Some(url.clone()) }));
    })
}

/// Every export carries the link to this moment and is named after it (preset, seed, hash);
/// the tools module makes the file (loaded on the first export). The request is written on
/// the click, not per render: the share bar re-renders as the cursor moves.
fn on_export(kind: Export, moment: &LinkState, start: f64, (dark, png): (bool, SheetOptions), failed: &UseStateHandle<Option<String>>) -> Callback<MouseEvent> {
    let (moment, failed) = (moment.clone(), failed.clone());
    Callback::from(move |_| {
        let request = ExportRequest {
            kind,
            query: moment.to_query(),
            cursor: moment.t.unwrap_or(start),
            window: moment.view.window.map(|w| (w.from, w.to)),
            until: None,
            dark,
            png,
            url: dom::full_app_url(&moment),
        };
        failed.set(None);
        let failed = failed.clone();
        islands::export(request, Callback::from(move |e: String| failed.set(Some(format!("Export failed: {e}")))))
    })
}

/// The Export menu: the PNGs' theme, size and text, and one button per file.
fn export_menu(menu: NodeRef, png_theme: &UseStateHandle<String>, png: &UseStateHandle<SheetOptions>, export: impl Fn(Export) -> Callback<MouseEvent>) -> Html {
    let (export_png, export_view) = (export(Export::Charts), export(Export::WholeView));
    let (export_csv, export_meta, export_json) = (export(Export::Csv), export(Export::CsvMeta), export(Export::Json));
    let on_theme = {
        let s = png_theme.clone();
        Callback::from(move |e: Event| s.set(dom::select_value(&e)))
    };
    let (on_size, on_bare) = crate::ui::components::png_option_handlers(png);
    html! {
        <details class="menu" id="export-menu" ref={menu}>
            <summary class="btn">{"Export"}</summary>
            <div class="menu-body">
                <label class="export-theme">{"PNG theme "}
                    <select id="export-theme" onchange={on_theme}>
                        <option value="page" selected={**png_theme == "page"}>{"as the page"}</option>
                        <option value="light" selected={**png_theme == "light"}>{"light"}</option>
                        <option value="dark" selected={**png_theme == "dark"}>{"dark"}</option>
                    </select>
                </label>
                <label class="export-theme">{"PNG size "}
                    <select id="export-size" onchange={on_size}>
                        { for PngSize::ALL.iter().map(|s| html! { <option value={s.name()} selected={png.size == *s}>{s.label()}</option> }) }
                    </select>
                </label>
                <label class="export-theme"><input type="checkbox" id="export-bare" checked={png.bare} onchange={on_bare} />{" Figure only (no title, parameters or link)"}</label>
                <button class="btn small" id="export-png" onclick={export_png}>{"Charts (PNG)"}</button>
                <button class="btn small" id="export-view" onclick={export_view}>{"Whole view (PNG)"}</button>
                <button class="btn small" id="export-csv" onclick={export_csv}>{"Trace (CSV)"}</button>
                <button class="btn small" id="export-csv-meta" onclick={export_meta}>{"CSV metadata (JSON)"}</button>
                <button class="btn small" id="export-json" onclick={export_json}>{"Summary (JSON)"}</button>
            </div>
        </details>
    }
}

/// The copied link, or the link to select by hand.
fn copied(text: String) -> Html {
    html! {
        <div class="copied" role="status">
            <label for="link-text">{ if text.starts_with("Copied") { "Link copied" } else { "Copy this link (clipboard unavailable):" } }</label>
            <input id="link-text" readonly=true value={text.trim_start_matches("Copied: ").to_string()} onfocus={Callback::from(|e: FocusEvent| dom::select_all(&e))} />
        </div>
    }
}

/// Document listeners that close an open `<details>` menu: Esc (focus returns to its
/// `<summary>`), a click outside it, focus moving outside it. Dropping them removes them.
fn dismiss_menu(menu: NodeRef) -> Vec<EventListener> {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return Vec::new() };
    let open = {
        let menu = menu.clone();
        move || menu.cast::<web_sys::HtmlDetailsElement>().filter(|d| d.open())
    };
    let outside = |d: &web_sys::HtmlDetailsElement, e: &Event| {
        let target = e.target().and_then(|t| t.dyn_into::<web_sys::Node>().ok());
        target.is_some_and(|t| !d.contains(Some(&t)))
    };
    let esc = {
        let open = open.clone();
        EventListener::new(&doc, "keydown", move |e| {
            let Some(k) = e.dyn_ref::<web_sys::KeyboardEvent>() else { return };
            if k.key() != "Escape" {
                return;
            }
            if let Some(d) = open() {
                d.set_open(false);
                if let Some(s) = d.query_selector("summary").ok().flatten().and_then(|s| s.dyn_into::<web_sys::HtmlElement>().ok()) {
                    let _ = s.focus();
                }
            }
        })
    };
    let click = {
        let open = open.clone();
        EventListener::new(&doc, "click", move |e| {
            if let Some(d) = open().filter(|d| outside(d, e)) {
                d.set_open(false);
            }
        })
    };
    let focus = EventListener::new(&doc, "focusin", move |e| {
        if let Some(d) = open().filter(|d| outside(d, e)) {
            d.set_open(false);
        }
    });
    vec![esc, click, focus]
}
