//! The iframe snippet for the current run and moment.

use crate::app::dom;
use crate::link::{Controls, LinkState};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct EmbedProps {
    /// The link to this moment; the dialog adds the embed view options.
    pub moment: LinkState,
    pub on_close: Callback<()>,
}

#[component]
pub fn EmbedDialog(p: &EmbedProps) -> Html {
    let controls = use_state(|| "min".to_string());
    let autoplay = use_state(|| false);
    let mut link = p.moment.clone();
    link.view.embed = true;
    link.view.controls = match controls.as_str() {
        "none" => Controls::None,
        "full" => Controls::Full,
        _ => Controls::Min,
    };
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
