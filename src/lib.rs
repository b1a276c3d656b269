//! Cascade Lab: simulate, then replay, the December 2024 control-plane / DNS-cache cascade.
//!
//! The layers, each using only those above it in this list (`tests/native/architecture.rs`
//! fails on an import against them, or on two modules importing each other):
//! - `text`: the time notation, grouped numbers, the decimal reader and round axis ticks;
//! - `sim`: the pure model (the parameters with the fleet, agent and plan they describe, the
//!   trace, the step loop);
//! - `analysis`: sweeps, the follow-ups, the lesson, `check`, why a run does not recover;
//! - `views`: the typed states views draw (diagram, lanes, charts through a `Pen`, headline,
//!   the event log's sentences, the palette);
//! - `formats`: the versioned share link and the compact text it carries, exports, the
//!   lesson as text;
//! - `ui`: what the page's module and the tools module both use — the reducer, the seam's
//!   messages (`ui::seam`), and in the wasm build the Yew hooks and components;
//! - `app`: the page — its root component, the share bar, an embedded figure, and the islands
//!   where the tools module's panels go;
//! - `tools`: the tools module's panels (sweep, follow-ups, lesson, fleet editor, Embed form)
//!   and file exports; `app` and `tools` do not use each other.

pub mod analysis;
pub mod app;
pub mod formats;
pub mod sim;
pub mod text;
pub mod tools;
pub mod ui;
pub mod views;
