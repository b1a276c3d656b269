//! Copy link, copy link to this moment, exports, and the embed dialog.

use super::EmbedDialog;
use crate::app::dom;
use crate::app::state::TraceRef;
use crate::link::LinkState;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ShareProps {
    /// The link without a cursor.
    pub link: LinkState,
    /// The link with the cursor ("this moment").
    pub moment: LinkState,
    pub trace: TraceRef,
}

#[component]
pub fn ShareBar(p: &ShareProps) -> Html {
    // The copied link, or the link to select by hand where the clipboard is refused.
    let fallback = use_state(|| None::<String>);
    let embed_open = use_state(|| false);
    let copy = |link: &LinkState| {
        let url = dom::full_app_url(link);
        let fb = fallback.clone();
        Callback::from(move |_| {
            let (fb, url) = (fb.clone(), url.clone());
            dom::copy_text(url.clone(), move |ok| fb.set(if ok { Some(format!("Copied: {url}")) } else { Some(url.clone()) }));
        })
    };
    let params = &p.link.params;
    let name = format!("cascade-lab-{}-seed{}", params.preset, params.seed);
    let export_csv = { let t = p.trace.clone(); let n = name.clone(); Callback::from(move |_| dom::download(&format!("{n}.csv"), "text/csv", &t.to_csv())) };
    let export_json = { let (t, ps) = (p.trace.clone(), params.clone()); let n = name.clone(); Callback::from(move |_| dom::download(&format!("{n}.json"), "application/json", &crate::report::to_json(&ps, &t))) };
    let export_png = { let n = name.clone(); Callback::from(move |_| dom::download_canvas("charts-base", &format!("{n}-charts.png"))) };
    let export_view = { let n = name.clone(); Callback::from(move |_| dom::download_view(&format!("{n}-view.png"))) };
    html! {
        <div class="share">
            <button class="btn" id="copy-link" onclick={copy(&p.link)}>{"Copy link"}</button>
            <button class="btn" id="copy-moment" onclick={copy(&p.moment)}>{"Copy link to this moment"}</button>
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
                <EmbedDialog moment={p.moment.clone()} on_close={{ let e = embed_open.clone(); Callback::from(move |_| e.set(false)) }} />
            }
        </div>
    }
}
