//! Text helpers shared by the model's schema, the views, the formats and the CLI: the one time
//! notation, grouped numbers, the exact decimal reader the links and sliders use, and round
//! axis ticks (the charts' and the sweep's axes).

pub mod decimal;
mod numbers;
pub mod ticks;
mod time;

pub use numbers::{count, exact_number, group_thousands, human_seconds, read_exact_number, sig3, ungroup};
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

/// User text echoed back in a notice or an error: shown, not obeyed. Control characters (an
/// escape sequence, a newline that would break the one line) and invisible direction or width
/// marks (U+202E turns the rest of a line around) are written as escapes (`\n`, `\u{1b}`,
/// `\u{202e}`), and the result is at most `max` characters (escapes included) plus `…` where
/// cut. The one rule for every echo: the CLI's errors and warnings, the app's notices, the
/// fleet file's and the fleet editor's messages.
pub fn echo(s: &str, max: usize) -> String {
    let mut out = String::new();
    let mut n = 0;
    for c in s.chars() {
        let piece = if c.is_control() {
            c.escape_debug().to_string()
        } else if invisible(c) {
            format!("\\u{{{:x}}}", c as u32)
        } else {
            c.to_string()
        };
        let len = piece.chars().count();
        if n + len > max {
            out.push('…');
            return out;
        }
        n += len;
        out.push_str(&piece);
    }
    out
}

/// `echo` without a length limit: for a whole message whose echoed parts are already clipped.
pub fn printable(s: &str) -> String {
    echo(s, usize::MAX)
}

/// Marks that change how the text around them is shown without being seen: zero-width and
/// direction marks, embeddings, overrides and isolates, the byte-order mark.
pub fn invisible(c: char) -> bool {
    matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{2069}' | '\u{061c}' | '\u{feff}')
}

/// A text cell of a CSV file made safe for a spreadsheet: one that starts with `=`, `+`, `-`,
/// `@`, a tab or a carriage return runs as a formula (a cluster named `-2+3` or
/// `=HYPERLINK(…)`), so it gets a leading `'`, as OWASP's "CSV injection" advice has it.
/// Numbers are written as numbers (a negative one is data, not a formula): only text — names,
/// and headers built from them — goes through here. Quoting is the CSV writer's
/// (`formats::csvw`, the `csv` crate).
pub fn formula_safe(s: &str) -> String {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_string()
    }
}
