//! The view components, one per file. Each takes only the props it reads — traces (compared
//! by identity), numbers, and the `dispatch` callback that stays the same across renders —
//! so Yew skips re-rendering those whose inputs did not change (most of them, per frame).

mod about;
mod chart_table;
mod chart_view;
mod cluster_verdicts;
mod compare;
mod diagram;
mod embed_bar;
mod fleet_view;
mod headline;
mod help;
mod interventions;
mod lazy_details;
mod narration;
mod notices;
mod param_controls;
mod playback;
mod png_options;
mod predict;
mod preset_picker;
mod slider;
mod swimlanes;

pub use about::About;
pub use chart_table::ChartTable;
pub use chart_view::ChartView;
pub use cluster_verdicts::ClusterVerdicts;
pub use compare::Compare;
pub use diagram::{Diagram, Room};
pub use embed_bar::{full_link, print_link, EmbedBar};
pub use fleet_view::{draw as draw_fleet, layout_height as fleet_height, FleetView};
pub use headline::Headline;
pub use help::Help;
pub use interventions::Interventions;
pub use lazy_details::LazyDetails;
pub use narration::Narration;
pub use notices::Notices;
pub use param_controls::ParamControls;
pub use playback::Playback;
pub use png_options::png_option_handlers;
pub use predict::Predict;
pub use preset_picker::PresetPicker;
pub use slider::Slider;
pub use swimlanes::Swimlanes;
