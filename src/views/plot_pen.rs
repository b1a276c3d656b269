//! The charts' [`Pen`] over any plotters [`DrawingBackend`]: plotters-canvas's `CanvasBackend`
//! in the browser (`ui::chart_canvas`), plotters' `SVGBackend` natively.
//!
//! Only the backend interface is used: rectangles, paths, polygons and text go to the backend's
//! own methods; the layout stays in `chart.rs`. Text is never measured through plotters (its
//! web fonts measure a `<span>` given an inline `style`, which the strict CSP blocks, and each
//! label would force a reflow; `clippy.toml` forbids those calls): a [`Measure`] says how wide a
//! text is drawn — the canvas's own `measureText` in the browser, [`BrowserLike`] natively.

use crate::views::chart::{Align, Baseline, Ink, Pen, Text};
use plotters_backend::text_anchor::{HPos, Pos, VPos};
use plotters_backend::{BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, FontFamily, FontTransform};
use std::convert::Infallible;

/// What a backend's pen needs besides the backend: text widths, the font size to hand it, and
/// the half-pixel shift that keeps 1-pixel lines on whole pixels.
pub trait Measure {
    /// The width of `text` at `px` pixels, in the font it is drawn in.
    fn text_width(&self, text: &str, px: f64) -> f64;
    /// The size the backend is given for `px` pixels (plotters' SVG backend writes a size in
    /// points, 1 pt = 1.24 px; the canvas backend takes pixels).
    fn font_size(&self, px: f64) -> f64 {
        px
    }
    /// Moves what is drawn next by (`d`, `d`) pixels. A 1-pixel line on whole pixel
    /// coordinates straddles two pixels (blurred); shifted half a pixel it fills one. Backends
    /// without a transform (SVG files) ignore it.
    fn shift(&mut self, _d: f64) {}
    /// The backend has just drawn a text of `px` pixels (a canvas backend leaves its font set).
    fn drew_text(&self, _px: f64) {}
}

/// Text widths as a browser's sans-serif roughly has them (0.6 em a character, as
/// [`SvgPen`](crate::views::chart::SvgPen) measures): for native drawing and tests.
pub struct BrowserLike;

impl Measure for BrowserLike {
    fn text_width(&self, text: &str, px: f64) -> f64 {
        text.chars().count() as f64 * px * crate::views::chart::SvgPen::EM
    }
    fn font_size(&self, px: f64) -> f64 {
        px * 1.24
    }
}

/// A plotters backend and how its text measures.
pub struct PlotPen<B, M> {
    backend: B,
    measure: M,
}

impl<B: DrawingBackend, M: Measure> PlotPen<B, M> {
    pub fn new(backend: B, measure: M) -> PlotPen<B, M> {
        PlotPen { backend, measure }
    }

    /// The backend, presented (an SVG backend writes its document when dropped).
    pub fn finish(mut self) -> B {
        let _ = self.backend.present();
        self.backend
    }
}

fn color(ink: Ink) -> BackendColor {
    let c = ink.0;
    BackendColor { alpha: ink.1, rgb: (c.0, c.1, c.2) }
}

fn coord((x, y): (f64, f64)) -> BackendCoord {
    (x.round() as i32, y.round() as i32)
}

/// A stroke or fill: a colour and a whole-pixel width.
struct Stroke(BackendColor, u32);

impl BackendStyle for Stroke {
    fn color(&self) -> BackendColor {
        self.0
    }
    fn stroke_width(&self) -> u32 {
        self.1
    }
}

/// The text style handed to the backend. It carries everything a canvas or SVG backend asks
/// (colour, size, family, anchor, rotation) and measures nothing: `layout_box` is never called
/// by those backends' `draw_text`, and the pen measures through its [`Measure`].
struct Label {
    size: f64,
    color: BackendColor,
    anchor: Pos,
    upright: bool,
}

impl BackendTextStyle for Label {
    type FontError = Infallible;
    fn color(&self) -> BackendColor {
        self.color
    }
    fn size(&self) -> f64 {
        self.size
    }
    fn transform(&self) -> FontTransform {
        // A quarter turn counter-clockwise.
        if self.upright {
            FontTransform::Rotate270
        } else {
            FontTransform::None
        }
    }
    fn anchor(&self) -> Pos {
        self.anchor
    }
    fn family(&self) -> FontFamily<'_> {
        FontFamily::SansSerif
    }
    fn layout_box(&self, text: &str) -> Result<((i32, i32), (i32, i32)), Infallible> {
        // An estimate (0.6 em a character) for a caller that asks; the charts never do.
        let w = (text.chars().count() as f64 * self.size * crate::views::chart::SvgPen::EM).ceil() as i32;
        Ok(((0, 0), (w, self.size.ceil() as i32)))
    }
    fn draw<E, F: FnMut(i32, i32, BackendColor) -> Result<(), E>>(&self, _: &str, _: BackendCoord, _: F) -> Result<Result<(), E>, Infallible> {
        // Canvas and SVG draw text themselves; a pixel backend would need a rasteriser.
        Ok(Ok(()))
    }
}

impl<B: DrawingBackend, M: Measure> PlotPen<B, M> {
    /// Runs `f` shifted half a pixel when a 1-pixel stroke lies on whole pixels.
    fn crisp(&mut self, on: bool, f: impl FnOnce(&mut B)) {
        if on {
            self.measure.shift(0.5);
        }
        f(&mut self.backend);
        if on {
            self.measure.shift(-0.5);
        }
    }
}

fn whole(v: f64) -> bool {
    v == v.round()
}

impl<B: DrawingBackend, M: Measure> Pen for PlotPen<B, M> {
    fn size(&self) -> (f64, f64) {
        let (w, h) = self.backend.get_size();
        (w as f64, h as f64)
    }
    fn text_width(&self, text: &str, px: f64) -> f64 {
        self.measure.text_width(text, px)
    }
    fn rect(&mut self, x: f64, y: f64, w: f64, h: f64, fill: Ink) {
        let _ = self.backend.draw_rect(coord((x, y)), coord((x + w, y + h)), &Stroke(color(fill), 1), true);
    }
    fn outline(&mut self, x: f64, y: f64, w: f64, h: f64, stroke: Ink, width: f64) {
        let style = Stroke(color(stroke), width.round().max(1.0) as u32);
        let crisp = width <= 1.0 && [x, y, w, h].into_iter().all(whole);
        self.crisp(crisp, |b| {
            let _ = b.draw_rect(coord((x, y)), coord((x + w, y + h)), &style, false);
        });
    }
    fn polyline(&mut self, pts: &[(f64, f64)], stroke: Ink, width: f64) {
        if pts.len() < 2 {
            return;
        }
        let style = Stroke(color(stroke), width.round().max(1.0) as u32);
        let crisp = width <= 1.0 && pts.iter().all(|p| whole(p.0) && whole(p.1));
        // draw_path, not draw_line: the canvas backend's draw_line moves level and upright
        // lines half a pixel left/up whatever their width, which blurs 2-pixel lines on HiDPI.
        self.crisp(crisp, |b| {
            let _ = b.draw_path(pts.iter().map(|p| coord(*p)), &style);
        });
    }
    fn polygon(&mut self, pts: &[(f64, f64)], fill: Ink) {
        if pts.len() < 3 {
            return;
        }
        let _ = self.backend.fill_polygon(pts.iter().map(|p| coord(*p)), &Stroke(color(fill), 1));
    }
    fn text(&mut self, text: &str, at: (f64, f64), s: Text) {
        let anchor = Pos::new(
            match s.align {
                Align::Left => HPos::Left,
                Align::Center => HPos::Center,
                Align::Right => HPos::Right,
            },
            match s.baseline {
                Baseline::Top => VPos::Top,
                Baseline::Middle => VPos::Center,
            },
        );
        let label = Label { size: self.measure.font_size(s.px), color: color(s.ink), anchor, upright: s.upright };
        let _ = self.backend.draw_text(text, &label, coord(at));
        self.measure.drew_text(s.px);
    }
}

/// The given panels drawn by plotters' SVG backend into an SVG document, `w` × `h` pixels.
#[cfg(not(target_arch = "wasm32"))]
pub fn svg(w: u32, h: u32, input: &crate::views::chart::ChartInput, panels: &[crate::views::chart::Panel]) -> String {
    svg_with(w, h, input, panels, crate::views::chart::draw_panels)
}

/// `svg` with the panels drawn by `draw` (`chart::draw_lesson_panels` for a lesson chapter's).
#[cfg(not(target_arch = "wasm32"))]
pub fn svg_with(
    w: u32,
    h: u32,
    input: &crate::views::chart::ChartInput,
    panels: &[crate::views::chart::Panel],
    draw: fn(&mut dyn crate::views::chart::Pen, &crate::views::chart::ChartInput, &[crate::views::chart::Panel]) -> crate::views::chart::XMap,
) -> String {
    let mut out = String::new();
    {
        let mut pen = PlotPen::new(plotters::backend::SVGBackend::with_string(&mut out, (w, h)), BrowserLike);
        draw(&mut pen, input, panels);
        drop(pen.finish());
    }
    out
}
