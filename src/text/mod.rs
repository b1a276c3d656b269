//! Text helpers shared by the model's schema, the views, the formats and the CLI: the one time
//! notation, grouped numbers, the exact decimal reader the links and sliders use, and round
//! axis ticks (the charts' and the sweep's axes).

pub mod decimal;
mod numbers;
pub mod ticks;
mod time;

pub use numbers::{exact_number, group_thousands, human_seconds, read_exact_number, sig3};
pub use time::{clock, duration, t_plus};

/// Text of the same shape with nothing to read, so lines wrap about where the original's
/// would: each letter becomes one of its width (narrow "i" and "r", wide "m", the rest "o";
/// capitals "N"), digits "0", and spaces and punctuation stay.
pub fn redact(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            'i' | 'j' | 'l' => 'i',
            'f' | 'r' | 't' => 'r',
            'm' | 'w' => 'm',
            c if c.is_lowercase() => 'o',
            c if c.is_uppercase() => 'N',
            c if c.is_numeric() => '0',
            c => c,
        })
        .collect()
}
