//! The layout of an exported PNG "sheet": a title, the parameter lines, the figure and the share
//! link in small print — or the figure alone — at 1× (1200 px wide), 2× (every pixel doubled:
//! the same layout drawn at scale 2) or as a 1920×1080 slide (the figure grown to fill a 16:9
//! canvas). Pure arithmetic in logical pixels, natively tested (`tests/native/sheet.rs`); the
//! tools module's `export` only draws into the rectangles it gives.

crate::named_enum! {
    /// The PNG's size, as the Export menu and the export request name it.
    PngSize {
        /// 1200 px wide, as tall as the figure needs.
        One = "1x",
        /// The 1× layout with every pixel doubled: 2400 px wide.
        Two = "2x",
        /// Exactly 1920 × 1080: a slide.
        Slide = "1920x1080",
    }
}

impl PngSize {
    /// The menu's words.
    pub fn label(self) -> &'static str {
        match self {
            PngSize::One => "1200 px wide (1×)",
            PngSize::Two => "2400 px wide (2×)",
            PngSize::Slide => "1920 × 1080 slide",
        }
    }
}

/// How a PNG is laid out.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SheetOptions {
    pub size: PngSize,
    /// The figure alone: no title, parameter lines or link.
    pub bare: bool,
}

/// The sheet's width at 1× in logical pixels (the layout's unit).
pub const SHEET_W: f64 = 1200.0;
/// The margin left and right of the text (and above the title).
pub const PAD: f64 = 24.0;
/// The title's block under the top margin, then one parameter line.
const TITLE: f64 = 30.0;
pub const LINE: f64 = 22.0;
const HEAD_GAP: f64 = 8.0;
/// The link in small print under the figure.
pub const FOOT: f64 = 34.0;
/// A slide's size in pixels.
pub const SLIDE: (u32, u32) = (1920, 1080);
/// A slide draws the 1× layout enlarged by at most this (1920 / 1200: the text as a 1× sheet
/// shown full width), less when the figure needs more room to read.
pub const SLIDE_MAX_SCALE: f64 = 1.6;
const SLIDE_MIN_SCALE: f64 = 1.0;

/// A rectangle in logical pixels.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Rect {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

/// What a figure needs at a sheet width: its height on a 1×/2× sheet, and the least height it
/// still reads at (a slide shrinks its scale until the figure gets that much).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct FigureNeed {
    pub natural: f64,
    pub least: f64,
}

/// Where everything goes, in logical pixels (`scale` device pixels each), and the PNG's size.
#[derive(Clone, Debug, PartialEq)]
pub struct SheetLayout {
    /// Device pixels per logical pixel: 1, 2, or a slide's enlargement.
    pub scale: f64,
    pub width_px: u32,
    pub height_px: u32,
    /// The sheet in logical pixels (`width_px / scale`).
    pub w: f64,
    pub h: f64,
    /// Baselines: the title's, each parameter line's, the link's (none when bare).
    pub title_y: Option<f64>,
    pub line_ys: Vec<f64>,
    pub footer_y: Option<f64>,
    /// Where the figure goes: full width, its edges on whole device pixels.
    pub figure: Rect,
    /// How wide text may run.
    pub text_w: f64,
}

impl SheetLayout {
    /// The layout for `lines` parameter lines (already wrapped to `SHEET_W - 2 × PAD`, the
    /// narrowest a sheet gets) around a figure whose needs at a width `need` says.
    pub fn new(o: SheetOptions, lines: usize, need: impl Fn(f64) -> FigureNeed) -> SheetLayout {
        let head = if o.bare { 0.0 } else { PAD + TITLE + LINE * lines as f64 + HEAD_GAP };
        let foot = if o.bare { 0.0 } else { FOOT };
        let (scale, w, h) = match o.size {
            PngSize::One | PngSize::Two => {
                let scale = if o.size == PngSize::Two { 2.0 } else { 1.0 };
                let fh = need(SHEET_W).natural.max(1.0).round();
                (scale, SHEET_W, head + fh + foot)
            }
            PngSize::Slide => {
                let fits = |s: f64| {
                    let (w, h) = (SLIDE.0 as f64 / s, SLIDE.1 as f64 / s);
                    h - head - foot >= need(w).least
                };
                // The largest enlargement, in steps of 0.05, at which the figure gets its least.
                let mut s = SLIDE_MAX_SCALE;
                while s > SLIDE_MIN_SCALE + 1e-9 && !fits(s) {
                    s = ((s - 0.05) * 100.0).round() / 100.0;
                }
                (s, SLIDE.0 as f64 / s, SLIDE.1 as f64 / s)
            }
        };
        let (width_px, height_px) = match o.size {
            PngSize::Slide => SLIDE,
            _ => ((w * scale).round() as u32, (h * scale).round() as u32),
        };
        // The figure's edges on whole device pixels, so it is drawn 1:1, never resampled.
        let top = (head * scale).round();
        let bottom = (height_px as f64 - (foot * scale).round()).max(top + 1.0);
        let figure = Rect { x: 0.0, y: top / scale, w: width_px as f64 / scale, h: (bottom - top) / scale };
        SheetLayout {
            scale,
            width_px,
            height_px,
            w,
            h,
            title_y: (!o.bare).then_some(PAD + 20.0),
            line_ys: if o.bare { Vec::new() } else { (0..lines).map(|i| PAD + TITLE + LINE * (i as f64 + 1.0) - 4.0).collect() },
            footer_y: (!o.bare).then_some(figure.y + figure.h + 22.0),
            figure,
            text_w: w - 2.0 * PAD,
        }
    }

    /// A rectangle in device pixels (rounded): where to size and draw a figure's canvas.
    pub fn px(&self, r: Rect) -> (f64, f64, f64, f64) {
        let s = self.scale;
        ((r.x * s).round(), (r.y * s).round(), (r.w * s).round(), (r.h * s).round())
    }
}

/// The largest rectangle of aspect `w_over_h` inside `r`, centred.
pub fn fit(w_over_h: f64, r: Rect) -> Rect {
    if !w_over_h.is_finite() || w_over_h <= 0.0 {
        return r;
    }
    let (w, h) = if r.w / r.h > w_over_h { (r.h * w_over_h, r.h) } else { (r.w, r.w / w_over_h) };
    Rect { x: r.x + (r.w - w) / 2.0, y: r.y + (r.h - h) / 2.0, w, h }
}

/// A figure stacked over another (the fleet over the charts): the top keeps its height, the
/// bottom takes the rest.
pub fn split_top(r: Rect, top_h: f64) -> (Rect, Rect) {
    let top_h = top_h.min(r.h).round();
    (Rect { h: top_h, ..r }, Rect { y: r.y + top_h, h: r.h - top_h, ..r })
}
