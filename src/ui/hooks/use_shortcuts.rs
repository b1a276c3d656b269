//! Keyboard shortcuts: Space play/pause, ←/→ previous/next event, Home/End start/end of the
//! run (or window), ? help, Esc close.

use crate::ui::state::Msg;
use gloo::events::{EventListener, EventListenerOptions};
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Whether the shortcut help is open, and callbacks to open and close it.
#[derive(Clone, PartialEq)]
pub struct HelpToggle {
    pub open: bool,
    pub show: Callback<()>,
    pub hide: Callback<()>,
}

/// Listens for the shortcuts on the document while mounted; owns the help overlay's state
/// (`?` toggles it).
#[hook]
pub fn use_shortcuts(dispatch: Callback<Msg>) -> HelpToggle {
    // A reducer, not use_state: the listener is created once and must not capture a stale value.
    let help = use_reducer(HelpOpen::default);
    {
        let help = help.dispatcher();
        use_effect_with((), move |_| {
            let listener = on_key(move |key| match key.as_str() {
                " " => dispatch.emit(Msg::Toggle),
                "ArrowLeft" => dispatch.emit(Msg::PrevEvent),
                "ArrowRight" => dispatch.emit(Msg::NextEvent),
                "Home" => dispatch.emit(Msg::ToStart),
                "End" => dispatch.emit(Msg::ToEnd),
                "?" => help.dispatch(HelpAction::Toggle),
                "Escape" => help.dispatch(HelpAction::Close),
                _ => {}
            });
            move || drop(listener)
        });
    }
    let d = help.dispatcher();
    let show = use_callback((), move |_: (), _| d.dispatch(HelpAction::Open));
    let d = help.dispatcher();
    let hide = use_callback((), move |_: (), _| d.dispatch(HelpAction::Close));
    HelpToggle { open: help.0, show, hide }
}

/// A keydown listener on the document, ignoring keys meant for a field or a button.
fn on_key(f: impl Fn(String) + 'static) -> Option<EventListener> {
    let doc = web_sys::window()?.document()?;
    // Not passive: Space and the arrows must not also scroll the page.
    Some(EventListener::new_with_options(&doc, "keydown", EventListenerOptions::enable_prevent_default(), move |e| {
        let Some(e) = e.dyn_ref::<web_sys::KeyboardEvent>() else { return };
        // Ctrl/⌘+P: the panels below the fold (the tools module's) are drawn first, then the
        // browser's print opens — the page prints whole without being scrolled first.
        if (e.ctrl_key() || e.meta_key()) && !e.alt_key() && e.key().eq_ignore_ascii_case("p") {
            e.prevent_default();
            crate::ui::dom::prepare_and_print();
            return;
        }
        if e.ctrl_key() || e.meta_key() || e.alt_key() {
            return;
        }
        let key = e.key();
        let tag = e.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()).map(|el| el.tag_name().to_ascii_lowercase()).unwrap_or_default();
        // Fields (text inputs, sliders, selects) keep their keys; buttons keep Space (it presses
        // them) but pass the arrows, Home and End on.
        let field = matches!(tag.as_str(), "input" | "select" | "textarea");
        let button = matches!(tag.as_str(), "button" | "summary" | "a");
        if (field && key != "Escape") || (button && key == " ") {
            return;
        }
        if matches!(key.as_str(), " " | "ArrowLeft" | "ArrowRight" | "Home" | "End") {
            e.prevent_default();
        }
        f(key);
    }))
}

#[derive(Default, PartialEq)]
struct HelpOpen(bool);

enum HelpAction {
    Open,
    Close,
    Toggle,
}

impl Reducible for HelpOpen {
    type Action = HelpAction;
    fn reduce(self: Rc<Self>, a: HelpAction) -> Rc<Self> {
        Rc::new(HelpOpen(match a {
            HelpAction::Open => true,
            HelpAction::Close => false,
            HelpAction::Toggle => !self.0,
        }))
    }
}
