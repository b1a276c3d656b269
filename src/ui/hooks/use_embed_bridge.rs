//! Messages to a page embedding the app in an iframe: ready, height, events.

use crate::ui::dom;
use crate::ui::state::TraceRef;
use yew::prelude::*;

/// Posts `ready` once mounted, the document height whenever it changes, and each event as
/// the cursor passes it going forward (not again when scrubbing back). Ready goes first:
/// its effect is declared before the others.
#[hook]
pub fn use_embed_bridge(trace: &TraceRef, cursor: f64) {
    use_effect_with((), |_| dom::post_ready());
    use_effect_with((), |_| {
        let observer = dom::observe_height();
        move || drop(observer)
    });
    let passed = trace.events.iter().filter(|e| e.t_min <= cursor).count();
    let last_posted = use_mut_ref(|| 0usize);
    let trace = trace.clone();
    use_effect_with(passed, move |&n| {
        let mut last = last_posted.borrow_mut();
        if n > *last {
            if let Some(e) = trace.events.get(n - 1) {
                dom::post_event(e.kind.name(), e.t_min);
            }
        }
        *last = n;
    });
}
