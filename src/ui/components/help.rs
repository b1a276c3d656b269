//! The keyboard shortcuts dialog.

use wasm_bindgen::JsCast;
use yew::prelude::*;

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
                <dt><kbd>{"Home"}</kbd> {" / "} <kbd>{"End"}</kbd></dt><dd>{"Start / end of the run (or of its window)"}</dd>
                <dt><kbd>{"?"}</kbd></dt><dd>{"Show or hide this help"}</dd>
                <dt><kbd>{"Esc"}</kbd></dt><dd>{"Close"}</dd>
            </dl>
            <button class="btn small" ref={button} onclick={Callback::from(move |_| close.emit(()))}>{"Close"}</button>
        </div>
    }
}
