//! The app's effects, one named hook each (as in Yew's function_todomvc): every timer,
//! listener and observer is created by an effect and dropped by its cleanup.

pub mod frame_loop;
mod use_app_state;
mod use_autoplay;
mod use_dark;
mod use_embed_bridge;
mod use_playback;
mod use_printing;
mod use_seen;
mod use_settled;
mod use_shortcuts;
mod use_url_sync;
mod use_width;

pub use use_app_state::use_app_state;
pub use use_autoplay::use_autoplay;
pub use use_dark::use_dark;
pub use use_embed_bridge::use_embed_bridge;
pub use use_playback::use_playback;
pub use use_printing::{use_print_draw, use_printing};
pub use use_seen::use_seen;
pub use use_settled::use_settled;
pub use use_shortcuts::{use_shortcuts, HelpToggle};
pub use use_url_sync::use_url_sync;
pub use use_width::use_width;
