//! Autoplay in an embedded frame: play while the frame is on screen, pause when it is
//! scrolled away, play again when it comes back (unless the reader paused it by hand).

use crate::ui::observer::Observer;
use crate::ui::state::Msg;
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// With `on` (embed, `autoplay=1`, no reduced motion), an IntersectionObserver on the page's
/// root decides playback. Inside a cross-origin iframe the observer still reports whether
/// the frame is visible in the top-level viewport, so the host page needs no script for it.
#[hook]
pub fn use_autoplay(on: bool, playing: bool, dispatch: Callback<Msg>) {
    // Whether the current pause is ours (scrolled away), so we resume only what we paused.
    let ours = use_mut_ref(|| false);
    let now_playing = use_mut_ref(|| playing);
    *now_playing.borrow_mut() = playing;
    use_effect_with(on, move |&on| {
        let observer = on
            .then(|| {
                observe_visibility(move |visible| {
                    let playing = *now_playing.borrow();
                    if !visible && playing {
                        *ours.borrow_mut() = true;
                        dispatch.emit(Msg::Pause);
                    } else if visible && !playing && ours.replace(false) {
                        dispatch.emit(Msg::Play);
                    }
                })
            })
            .flatten();
        move || drop(observer)
    });
}

/// An IntersectionObserver on `<html>` calling `f` when the page's visibility changes;
/// dropping it disconnects.
fn observe_visibility(f: impl Fn(bool) + 'static) -> Option<Observer<web_sys::IntersectionObserver>> {
    let root = web_sys::window()?.document()?.document_element()?;
    let last = Rc::new(Cell::new(None::<bool>));
    let observer = Observer::<web_sys::IntersectionObserver>::new(move |entries: js_sys::Array| {
        let Some(e) = entries.get(entries.length().saturating_sub(1)).dyn_ref::<web_sys::IntersectionObserverEntry>().cloned() else { return };
        let visible = e.is_intersecting();
        if last.replace(Some(visible)) != Some(visible) {
            f(visible);
        }
    })?;
    observer.get().observe(&root);
    Some(observer)
}
