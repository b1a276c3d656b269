//! Every native suite in one test crate (one link step instead of one per file); each file is
//! a module. `cargo test --test native NAME` runs the tests whose path contains NAME, e.g.
//! `cargo test --test native sim_calibration`. `tests/web.rs` is the browser's crate.

mod any_fleet;
mod app_state;
mod architecture;
mod chart_plotters;
mod chart_svg;
mod claims;
mod cli;
mod csv_export;
mod determinism;
mod diagram;
mod docs;
mod embed_size;
mod fleet;
mod fleet_cli;
mod fleet_editor;
mod followups;
mod headline;
mod hostile_input;
mod lanes;
mod lesson;
mod link_codec;
mod link_fuzz;
mod multus;
mod one_clock;
mod palette;
mod params_schema;
mod png_text;
mod render;
mod report_format;
mod sheet;
mod sim_calibration;
mod sim_properties;
mod small_things;
mod support;
mod sweep;
mod ticks;
