//! Text helpers shared by the model's schema, the views, the formats and the CLI: the one time
//! notation, grouped numbers, and the exact decimal reader the links and sliders use.

pub mod decimal;
mod numbers;
mod time;

pub use numbers::{group_thousands, human_seconds};
pub use time::{clock, duration, t_plus};

/// Text of the same shape with nothing to read: letters become "n" or "N", digits "0", and
/// spaces and punctuation stay, so lines wrap about where the original's would.
pub fn redact(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            c if c.is_lowercase() => 'n',
            c if c.is_uppercase() => 'N',
            c if c.is_numeric() => '0',
            c => c,
        })
        .collect()
}
