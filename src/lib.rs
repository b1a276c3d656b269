//! Cascade Lab: simulate, then replay, the December 2024 control-plane / DNS-cache cascade.
//!
//! The layers, each using only those above it in this list:
//! - `sim`: the pure model (parameters, the fleet, the step loop, the trace);
//! - `text`: the time notation, grouped numbers and the decimal reader everything shares;
//! - `analysis`: sweeps, the follow-ups, the lesson, why a run does not recover;
//! - `views`: the typed states views draw (diagram, lanes, charts through a `Pen`, headline,
//!   the event log's sentences, ticks, the palette);
//! - `formats`: the versioned share link, exports, the lesson as text;
//! - `app`: the UI — its reducer everywhere, its Yew shell only in the wasm build, where the
//!   web crates are;
//! - `tools`: the two-module split (the page's module and the tools module it loads on first
//!   use): their interface, the page's side and the tools module's panels.

pub mod analysis;
pub mod app;
pub mod formats;
pub mod sim;
pub mod text;
pub mod tools;
pub mod ui;
pub mod views;
