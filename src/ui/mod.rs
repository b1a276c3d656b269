//! What the page's module and the tools module both use: the reducer (`state`) and the
//! slider's scale, pure and tested natively; the seam's messages (`seam`: what crosses between
//! the two wasm modules, encoded and decoded exhaustively, natively tested); and, in the wasm
//! build only (where the web crates are, Cargo.toml), the Yew shell both draw with — hooks,
//! components, DOM calls, the canvas pen. The shell renders a state, turns DOM events into
//! `Msg`s, and owns the timers and canvases — nothing else.

pub mod seam;
pub mod slider_scale;
pub mod state;

#[cfg(target_arch = "wasm32")]
pub mod chart_canvas;
#[cfg(target_arch = "wasm32")]
pub mod components;
#[cfg(target_arch = "wasm32")]
pub mod dom;
#[cfg(target_arch = "wasm32")]
pub mod hooks;
#[cfg(target_arch = "wasm32")]
pub mod observer;
#[cfg(target_arch = "wasm32")]
pub mod svg_html;
