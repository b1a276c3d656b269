//! Cascade Lab: simulate, then replay, the December 2024 control-plane / DNS-cache cascade.
//!
//! `sim` is the pure model; `report` turns a trace into the CLI's and the app's exports;
//! `link` is the versioned share-link format; `chart` draws through a small `Pen` (canvas or SVG);
//! `palette` is the one set of colours; `app` is the UI — its reducer everywhere, its Yew
//! shell only in the wasm build (the web crates are wasm-only dependencies).

pub mod app;
pub mod chart;
pub mod diagram;
pub mod followups;
pub mod headline;
pub mod lanes;
pub mod lesson;
pub mod lesson_text;
pub mod link;
pub mod outlook;
pub mod palette;
pub mod report;
pub mod sim;
pub mod story;
pub mod sweep;
pub mod ticks;
