//! A disclosure that builds its content only when opened.

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct LazyProps {
    pub class: &'static str,
    pub summary: Html,
    pub children: Html,
    /// Once opened, keep the children while closed (the browser hides them): what they hold,
    /// such as an editor's typed text, survives closing.
    #[prop_or_default]
    pub keep: bool,
}

/// `<details>` whose children exist only while it is open: less DOM to build at start-up.
#[component]
pub fn LazyDetails(p: &LazyProps) -> Html {
    let open = use_state(|| false);
    let ontoggle = {
        let (open, keep) = (open.clone(), p.keep);
        Callback::from(move |e: Event| {
            let now = e.target_unchecked_into::<web_sys::HtmlDetailsElement>().open();
            if now || !keep {
                open.set(now);
            }
        })
    };
    html! {
        <details class={p.class} {ontoggle}>
            <summary>{p.summary.clone()}</summary>
            if *open { {p.children.clone()} }
        </details>
    }
}
