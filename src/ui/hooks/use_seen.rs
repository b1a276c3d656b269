//! Whether an element has come on screen: the sweep and the tools module's panels start
//! their work then.

use crate::ui::observer::Observer;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Latches true once the element has been on screen (an IntersectionObserver, disconnected
/// on unmount and once seen), or at once when `eager`, or when the page is printed or about to
/// be (`dom::PRINT_PREPARE`: a panel below the fold is drawn for paper too, and stays).
#[hook]
pub fn use_seen(node: NodeRef, eager: bool) -> bool {
    let printing = super::use_printing();
    let seen = use_state(|| eager);
    {
        let seen = seen.clone();
        use_effect_with(printing, move |&printing| {
            if printing && !*seen {
                seen.set(true);
            }
        });
    }
    {
        // A print the app prepares (Ctrl/⌘+P) draws every panel first.
        let seen = seen.clone();
        use_effect_with((), move |_| {
            let listener = web_sys::window().map(|w| gloo::events::EventListener::new(&w, crate::ui::dom::PRINT_PREPARE, move |_| seen.set(true)));
            move || drop(listener)
        });
    }
    {
        let seen = seen.clone();
        let already = *seen;
        use_effect_with(already, move |&already| {
            let observer = (!already).then(|| node.cast::<web_sys::Element>().and_then(|el| observe(&el, move || seen.set(true)))).flatten();
            move || drop(observer)
        });
    }
    *seen || eager || printing
}

/// Calls `f` whenever the element is (partly) on screen.
fn observe(el: &web_sys::Element, f: impl Fn() + 'static) -> Option<Observer<web_sys::IntersectionObserver>> {
    let observer = Observer::<web_sys::IntersectionObserver>::new(move |entries: js_sys::Array| {
        if entries.iter().any(|e| e.dyn_ref::<web_sys::IntersectionObserverEntry>().is_some_and(|e| e.is_intersecting())) {
            f();
        }
    })?;
    observer.get().observe(el);
    Some(observer)
}
