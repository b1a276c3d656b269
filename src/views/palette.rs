//! The one palette: page (CSS custom properties), charts, fleet canvas and cursor all take
//! their colours from here. `static/style.css` declares the same values as `--name`
//! properties (CSS cannot import Rust); `tests/native/palette.rs` checks the two agree, light and
//! dark, and that no other file spells out a colour.
//!
//! Series and node states use Okabe–Ito, distinguishable with every common colour-vision
//! deficiency; they are the same in both themes.

/// An sRGB colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// `#rrggbb`, checked at compile time when used in a `const`.
    pub const fn hex(s: &str) -> Rgb {
        let b = s.as_bytes();
        assert!(b.len() == 7 && b[0] == b'#', "colour must be #rrggbb");
        Rgb(byte(b[1], b[2]), byte(b[3], b[4]), byte(b[5], b[6]))
    }

    /// Parses `#rrggbb` (either case) or `#rgb`; `None` for anything else.
    pub fn parse(s: &str) -> Option<Rgb> {
        let h = s.strip_prefix('#')?;
        if !h.bytes().all(|c| c.is_ascii_hexdigit()) {
            return None;
        }
        let v = |i: usize, n: usize| u8::from_str_radix(&h[i..i + n], 16).ok();
        match h.len() {
            6 => Some(Rgb(v(0, 2)?, v(2, 2)?, v(4, 2)?)),
            3 => Some(Rgb(v(0, 1)? * 17, v(1, 1)? * 17, v(2, 1)? * 17)),
            _ => None,
        }
    }

    /// `#rrggbb`, as canvas and CSS take it.
    pub fn css(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }

    /// WCAG relative luminance.
    pub fn luminance(self) -> f64 {
        let lin = |c: u8| {
            let c = c as f64 / 255.0;
            if c <= 0.03928 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * lin(self.0) + 0.7152 * lin(self.1) + 0.0722 * lin(self.2)
    }

    /// WCAG contrast ratio between two colours (1 – 21).
    pub fn contrast(self, other: Rgb) -> f64 {
        let (a, b) = (self.luminance(), other.luminance());
        (a.max(b) + 0.05) / (a.min(b) + 0.05)
    }
}

const fn nibble(c: u8) -> u8 {
    match c {
        b'0'..=b'9' => c - b'0',
        b'a'..=b'f' => c - b'a' + 10,
        b'A'..=b'F' => c - b'A' + 10,
        _ => panic!("not a hex digit"),
    }
}

const fn byte(hi: u8, lo: u8) -> u8 {
    nibble(hi) * 16 + nibble(lo)
}

// Okabe–Ito.
pub const BLUE: Rgb = Rgb::hex("#0072B2");
pub const ORANGE: Rgb = Rgb::hex("#E69F00");
pub const VERMILLION: Rgb = Rgb::hex("#D55E00");
pub const GREEN: Rgb = Rgb::hex("#009E73");
pub const SKY: Rgb = Rgb::hex("#56B4E9");
pub const PURPLE: Rgb = Rgb::hex("#CC79A7");

/// Node states in the fleet view and its legend: colour *and* glyph shape carry the state.
pub mod node {
    use super::*;
    pub const HEALTHY: Rgb = GREEN;
    pub const AGENT: Rgb = BLUE;
    pub const STALE: Rgb = ORANGE;
    pub const FAILING: Rgb = VERMILLION;
    pub const RECOVERING: Rgb = SKY;
}

/// The sweep heatmap's sequential scale, low to high: viridis (perceptually uniform, ordered in
/// lightness, so it reads with every common colour-vision deficiency and in greyscale).
pub const RAMP: [Rgb; 9] = [
    Rgb::hex("#440154"),
    Rgb::hex("#472d7b"),
    Rgb::hex("#3b528b"),
    Rgb::hex("#2c728e"),
    Rgb::hex("#21918c"),
    Rgb::hex("#28ae80"),
    Rgb::hex("#5ec962"),
    Rgb::hex("#addc30"),
    Rgb::hex("#fde725"),
];

/// The colour at `t` (0 – 1, clamped; NaN is 0) along `RAMP`, interpolated between stops.
pub fn ramp(t: f64) -> Rgb {
    let t = if t.is_nan() { 0.0 } else { t.clamp(0.0, 1.0) } * (RAMP.len() - 1) as f64;
    let i = (t.floor() as usize).min(RAMP.len() - 2);
    let (a, b, f) = (RAMP[i], RAMP[i + 1], t - i as f64);
    let mix = |x: u8, y: u8| (x as f64 + (y as f64 - x as f64) * f).round() as u8;
    Rgb(mix(a.0, b.0), mix(a.1, b.1), mix(a.2, b.2))
}

/// The recovery panel's background (shown outside the app, so always on the light page).
pub const PANIC_BG: Rgb = Rgb::hex("#fff4ee");

/// The colours that change with the theme.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Theme {
    /// Page, chart and panel background.
    pub bg: Rgb,
    /// Text, axis captions, the cursor.
    pub fg: Rgb,
    /// Secondary text, axes, event markers.
    pub muted: Rgb,
    /// Raised surfaces: fields, tiles, fleet cards.
    pub card: Rgb,
    /// Borders, chart grid, gauge tracks.
    pub line: Rgb,
    /// Links, primary button, slider thumbs.
    pub accent: Rgb,
    /// Text on `accent`.
    pub on_accent: Rgb,
    /// Worse than pinned; the recovery panel's border.
    pub warn: Rgb,
    /// Better than pinned.
    pub ok: Rgb,
    /// Focus ring and the link notice's border.
    pub focus: Rgb,
}

pub const LIGHT: Theme = Theme {
    bg: Rgb::hex("#ffffff"),
    fg: Rgb::hex("#1c2028"),
    muted: Rgb::hex("#5d6572"),
    card: Rgb::hex("#f4f6f9"),
    line: Rgb::hex("#dde2e8"),
    accent: BLUE,
    on_accent: Rgb::hex("#ffffff"),
    warn: VERMILLION,
    ok: GREEN,
    focus: ORANGE,
};

pub const DARK: Theme = Theme {
    bg: Rgb::hex("#161a21"),
    fg: Rgb::hex("#e2e6ec"),
    muted: Rgb::hex("#a3acb8"),
    card: Rgb::hex("#1d232c"),
    line: Rgb::hex("#343a44"),
    accent: SKY,
    on_accent: Rgb::hex("#0b1220"),
    warn: VERMILLION,
    ok: GREEN,
    focus: ORANGE,
};

impl Theme {
    pub fn of(dark: bool) -> Theme {
        if dark {
            DARK
        } else {
            LIGHT
        }
    }

    /// The playback cursor on the charts: the text colour, so it reads on either background.
    pub fn cursor(&self) -> Rgb {
        self.fg
    }

    /// The CSS custom properties this theme sets (`style.css`: `:root` and `.theme-dark`).
    pub fn css_vars(&self) -> [(&'static str, Rgb); 10] {
        [
            ("--bg", self.bg),
            ("--fg", self.fg),
            ("--muted", self.muted),
            ("--card", self.card),
            ("--line", self.line),
            ("--accent", self.accent),
            ("--on-accent", self.on_accent),
            ("--warn", self.warn),
            ("--ok", self.ok),
            ("--focus", self.focus),
        ]
    }
}

/// CSS custom properties that do not change with the theme (`style.css`: `:root`).
pub const SHARED_CSS_VARS: [(&str, Rgb); 6] = [
    ("--healthy", node::HEALTHY),
    ("--agent", node::AGENT),
    ("--stale", node::STALE),
    ("--failing", node::FAILING),
    ("--recovering", node::RECOVERING),
    ("--panic-bg", PANIC_BG),
];
