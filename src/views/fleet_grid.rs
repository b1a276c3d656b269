//! Where the fleet view's cluster cards sit on its canvas, for any fleet: December's thirteen
//! clusters as full cards (glyphs and five gauges), a fleet of more than `COMPACT_ABOVE` as
//! small multiples (name, nodes, a strip of state glyphs and the API load) that keep 60
//! clusters on a desktop screen and a phone readable. Names too long for a card are shortened in
//! the middle (the distinguishing end kept); the canvas's text alternative has them whole.
//! Pure; `tests/native/any_fleet.rs`.

/// Fleets with more clusters than this are drawn as compact cards.
pub const COMPACT_ABOVE: usize = 16;

/// Bold 11–12 px text runs under 0.62 em a character in Chromium's sans-serif fonts; 7 px a
/// character for the full cards' 12 px names and 6.8 for the compact cards' 11 px, rounded up.
const FULL_CHAR_PX: f64 = 7.5;
const COMPACT_CHAR_PX: f64 = 6.8;

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Grid {
    pub cols: usize,
    /// Each column's width (the card is this less `2 × MARGIN`).
    pub col_w: f64,
    pub card_h: f64,
    /// Vertical space between rows.
    pub gap: f64,
    pub compact: bool,
}

/// Space at each side of a card inside its column.
pub const MARGIN: f64 = 4.0;

impl Grid {
    /// The grid for `clusters` cards on a canvas `width` CSS pixels wide.
    pub fn new(width: f64, clusters: usize) -> Grid {
        let width = width.max(1.0);
        if clusters > COMPACT_ABOVE {
            let cols = ((width / 100.0).floor() as usize).clamp(1, 12);
            Grid { cols, col_w: width / cols as f64, card_h: 56.0, gap: 6.0, compact: true }
        } else {
            let cols = ((width / 178.0).floor() as usize).clamp(1, 7);
            Grid { cols, col_w: width / cols as f64, card_h: 148.0, gap: 8.0, compact: false }
        }
    }

    /// The canvas's height for `clusters` cards.
    pub fn height(&self, clusters: usize) -> f64 {
        clusters.div_ceil(self.cols) as f64 * (self.card_h + self.gap) + self.gap
    }

    /// Card `k`'s top-left corner.
    pub fn origin(&self, k: usize) -> (f64, f64) {
        ((k % self.cols) as f64 * self.col_w + MARGIN, (k / self.cols) as f64 * (self.card_h + self.gap) + MARGIN)
    }

    pub fn card_w(&self) -> f64 {
        self.col_w - 2.0 * MARGIN
    }

    /// How many characters of a name fit on a card's first line (its text starts 8 px in and
    /// keeps 8 px from the right edge).
    pub fn name_chars(&self) -> usize {
        let per = if self.compact { COMPACT_CHAR_PX } else { FULL_CHAR_PX };
        (((self.card_w() - 16.0) / per).floor() as usize).max(4)
    }
}

/// `name` in at most `max` characters: whole when it fits, else its start, "…" and its end
/// (the last `-`/`_`/`.`-separated part when that is short, so "eu-central-analytics-04" keeps "-04").
pub fn abbreviate(name: &str, max: usize) -> String {
    let chars: Vec<char> = name.chars().collect();
    if chars.len() <= max {
        return name.to_string();
    }
    let max = max.max(4);
    let cut = chars.iter().rposition(|c| matches!(c, '-' | '_' | '.')).map(|i| chars.len() - i);
    let tail = match cut {
        Some(n) if n <= (max - 1) / 2 => n,
        _ => (max - 1) / 3,
    };
    let head = max - 1 - tail;
    let mut out: String = chars[..head].iter().collect();
    out.push('…');
    out.extend(&chars[chars.len() - tail..]);
    out
}
