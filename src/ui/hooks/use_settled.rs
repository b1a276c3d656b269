//! Start-up order: the first render builds what the first chart needs; the rest follows.

use yew::prelude::*;

/// False on the first render, true from the second: the charts appear sooner and the
/// controls, share bar, narration and lower panels follow a render later.
#[hook]
pub fn use_settled() -> bool {
    let settled = use_state(|| false);
    {
        let settled = settled.clone();
        use_effect_with((), move |_| settled.set(true));
    }
    *settled
}
