//! The PNG options the Export menu and the sweep's downloads both offer.

use crate::ui::dom;
use crate::views::sheet::{PngSize, SheetOptions};
use yew::prelude::*;

/// The PNG size select's and the "figure only" checkbox's handlers into `png` (the Export menu
/// and the sweep's downloads both offer them).
pub fn png_option_handlers(png: &UseStateHandle<SheetOptions>) -> (Callback<Event>, Callback<Event>) {
    let on_size = {
        let png = png.clone();
        Callback::from(move |e: Event| {
            if let Some(size) = PngSize::from_name(&dom::select_value(&e)) {
                png.set(SheetOptions { size, ..*png });
            }
        })
    };
    let on_bare = {
        let png = png.clone();
        Callback::from(move |e: Event| png.set(SheetOptions { bare: dom::checked(&e), ..*png }))
    };
    (on_size, on_bare)
}
