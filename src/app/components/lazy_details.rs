//! A disclosure that builds its content only when opened.

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct LazyProps {
    pub class: &'static str,
    pub summary: Html,
    pub children: Html,
}

/// `<details>` whose children exist only while it is open: less DOM to build at start-up.
#[component]
pub fn LazyDetails(p: &LazyProps) -> Html {
    let open = use_state(|| false);
    let ontoggle = {
        let open = open.clone();
        Callback::from(move |e: Event| open.set(e.target_unchecked_into::<web_sys::HtmlDetailsElement>().open()))
    };
    html! {
        <details class={p.class} {ontoggle}>
            <summary>{p.summary.clone()}</summary>
            if *open { {p.children.clone()} }
        </details>
    }
}
