//! The address bar follows the state.

use crate::formats::link::LinkState;
use crate::ui::dom;
use yew::prelude::*;

/// Quiet period before the address bar is rewritten: dragging a slider or playing changes
/// the link many times a second.
const DEBOUNCE_MS: u32 = 300;

/// Writes `link` into the address bar with `replaceState` (no history entries) once it has
/// stopped changing for `DEBOUNCE_MS`; a newer link cancels the pending write.
#[hook]
pub fn use_url_sync(link: &LinkState) {
    use_effect_with(link.to_query(), move |q| {
        let q = q.clone();
        let timeout = gloo::timers::callback::Timeout::new(DEBOUNCE_MS, move || dom::replace_query(&q));
        move || drop(timeout)
    });
}
