//! Text helpers shared by the model's schema, the views, the formats and the CLI: the one time
//! notation, grouped numbers, and the exact decimal reader the links and sliders use.

pub mod decimal;
mod numbers;
mod time;

pub use numbers::{group_thousands, human_seconds};
pub use time::{clock, duration, t_plus};
