//! Cascade Lab: simulate, then replay, the December 2024 control-plane / DNS-cache cascade.
//!
//! `sim` is the pure model; `report` turns a trace into the CLI's and the app's exports;
//! `link` is the versioned share-link format; `chart` draws on any plotters backend; `app`
//! is the Yew UI.

pub mod link;
pub mod report;
pub mod sim;
pub mod app;
pub mod chart;
