//! Pin this run to compare, or unpin.

use crate::ui::state::Msg;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct CompareProps {
    pub pinned: bool,
    pub dispatch: Callback<Msg>,
}

#[component]
pub fn Compare(p: &CompareProps) -> Html {
    let d = &p.dispatch;
    html! {
        <section class="box" aria-labelledby="cmp-h">
            <h3 id="cmp-h">{"Compare"}</h3>
            if p.pinned {
                <p class="hint">{"The pinned run shows as a faded ghost; headline numbers show the difference."}</p>
                <button class="btn small" id="unpin" onclick={d.reform(|_| Msg::Unpin)}>{"Unpin"}</button>
            } else {
                <p class="hint">{"Pin this run, then change parameters to see both together."}</p>
                <button class="btn small" id="pin" onclick={d.reform(|_| Msg::Pin)}>{"Pin this run"}</button>
            }
        </section>
    }
}
