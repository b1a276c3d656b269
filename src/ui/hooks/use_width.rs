//! An element's width, for canvases that draw at their laid-out size.

use crate::ui::dom;
use yew::prelude::*;

/// Width of an element in CSS pixels, kept current by a ResizeObserver (layout changes,
/// rotation, the controls column arriving), not only by window resizes. 0 until measured.
#[hook]
pub fn use_width(node: NodeRef) -> i32 {
    let width = use_state(|| 0);
    {
        let width = width.clone();
        use_effect_with((), move |_| {
            let observer = node.cast::<web_sys::Element>().and_then(|el| dom::observe_width(&el, move |w| width.set(w.round() as i32)));
            move || drop(observer)
        });
    }
    *width
}
