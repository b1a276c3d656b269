//! The theme in effect.

use crate::formats::link::Theme;
use gloo::events::EventListener;
use yew::prelude::*;

const DARK_QUERY: &str = "(prefers-color-scheme: dark)";

/// Whether to draw dark: the link's theme, or for `auto` the system's preference, followed
/// live when it changes; never while printing (paper is light, whatever the reader's screen).
#[hook]
pub fn use_dark(theme: Theme) -> bool {
    let printing = super::use_printing();
    let system_dark = use_state(|| crate::ui::dom::media(DARK_QUERY));
    {
        let system_dark = system_dark.clone();
        use_effect_with((), move |_| {
            let listener = web_sys::window().and_then(|w| w.match_media(DARK_QUERY).ok().flatten()).map(|mql| {
                let target: web_sys::EventTarget = mql.clone().into();
                EventListener::new(&target, "change", move |_| system_dark.set(mql.matches()))
            });
            move || drop(listener)
        });
    }
    match theme {
        _ if printing => false,
        Theme::Dark => true,
        Theme::Light => false,
        Theme::Auto => *system_dark,
    }
}
