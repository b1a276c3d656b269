//! What the views draw, as typed state computed by pure, natively tested functions: the causal
//! diagram, the swimlanes, the charts (drawn through a `Pen`), the headline, the event log's
//! sentences and the one palette. The Yew components in `app` only draw these.

pub mod chart;
pub mod diagram;
pub mod diagram_svg;
pub mod fleet_grid;
pub mod headline;
pub mod lanes;
pub mod lanes_svg;
pub mod palette;
pub mod plot_pen;
pub mod sheet;
pub mod story;
pub mod svg;
pub mod verdicts;
