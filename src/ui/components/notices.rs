//! What a link's decoding adjusted, dismissible.

use crate::formats::link::Notice;
use crate::ui::state::Msg;
use yew::prelude::*;

/// At most this many notices are listed; the rest are counted.
const SHOWN: usize = 8;

#[derive(Properties, PartialEq)]
pub struct NoticeProps {
    pub notices: Vec<Notice>,
    pub dispatch: Callback<Msg>,
}

#[component]
pub fn Notices(p: &NoticeProps) -> Html {
    if p.notices.is_empty() {
        return html! {};
    }
    html! {
        <div class="notice" role="status" id="notice">
            <strong>{"Some settings in this link were adjusted:"}</strong>
            <ul>{ for p.notices.iter().take(SHOWN).map(|n| html! { <li>{n.text.clone()}</li> }) }</ul>
            if p.notices.len() > SHOWN { <p>{format!("…and {} more.", p.notices.len() - SHOWN)}</p> }
            <button class="btn small" onclick={p.dispatch.reform(|_| Msg::DismissNotices)}>{"Dismiss"}</button>
        </div>
    }
}
