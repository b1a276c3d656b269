//! The embedded view's only chrome: the name and a way out to the full app.

use crate::formats::link::{LinkState, View};
use crate::ui::dom;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct EmbedBarProps {
    /// The link to this moment; the full app opens it without the embed view options.
    pub moment: LinkState,
    /// Extra actions beside the way out (a figure's PNG download).
    #[prop_or_default]
    pub children: Html,
}

/// The full app at this moment: the same run, moment, cluster, window, speed, sweep and
/// spoiler-free mode; not the embed options.
pub fn full_link(moment: &LinkState) -> LinkState {
    let mut full = moment.clone();
    let v = &moment.view;
    full.view = View { cluster: v.cluster, teach: v.teach, window: v.window, speed: v.speed, sweep: v.sweep.clone(), ..View::default() };
    full
}

/// A figure's link as text, printed under it ("Reproduce: …"); on screen it is not shown.
pub fn print_link(url: &str) -> Html {
    html! { <p class="print-link">{"Reproduce: "}{url}</p> }
}

#[component]
pub fn EmbedBar(p: &EmbedBarProps) -> Html {
    let full = full_link(&p.moment);
    html! {
        <div class="embed-bar">
            <strong>{"Cascade Lab"}</strong>
            <span class="embed-actions">
                { p.children.clone() }
                <a href={dom::full_app_url(&full)} target="_blank" rel="noopener" id="open-full">{"Open in full app ↗"}</a>
            </span>
        </div>
    }
}
