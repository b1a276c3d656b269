//! The charts on a 2D canvas: plotters-canvas's `CanvasBackend` behind the charts' `Pen`
//! (`views::plot_pen`). Text is measured with the canvas's own `measureText` in the font the
//! backend draws it in, so layout decisions match what is drawn (and nothing is measured
//! through the DOM, which a strict CSP and reflows would both punish).

use crate::views::plot_pen::{Measure, PlotPen};
use plotters_canvas::CanvasBackend;
use std::cell::Cell;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

/// The canvas's context, for measuring and the half-pixel shift.
pub struct CanvasMeasure {
    ctx: CanvasRenderingContext2d,
    /// The size of the font the context has (set here or by the backend drawing a text), so
    /// a run of labels sets it once.
    font_px: Cell<f64>,
}

/// The font string plotters-canvas sets for a text of `px` pixels (its `draw_text`:
/// "{style} {size}px {family}").
fn font(px: f64) -> String {
    format!("normal {px}px sans-serif")
}

impl Measure for CanvasMeasure {
    fn text_width(&self, text: &str, px: f64) -> f64 {
        if self.font_px.get() != px {
            self.ctx.set_font(&font(px));
            self.font_px.set(px);
        }
        self.ctx.measure_text(text).map(|m| m.width()).unwrap_or(text.len() as f64 * px * 0.55)
    }
    fn drew_text(&self, px: f64) {
        self.font_px.set(px);
    }
    fn shift(&mut self, d: f64) {
        let _ = self.ctx.translate(d, d);
    }
}

pub type CanvasPen = PlotPen<CanvasBackend, CanvasMeasure>;

/// The pen for `canvas`, in its device pixels (the caller sizes it for devicePixelRatio).
pub fn pen(canvas: &HtmlCanvasElement) -> Option<CanvasPen> {
    let ctx = super::dom::context(canvas)?;
    // The backend colours with rgba() and never sets these: reset what a previous drawing
    // on this context may have left, and join polylines round as before.
    ctx.set_global_alpha(1.0);
    ctx.set_line_join("round");
    let _ = ctx.set_transform(1.0, 0.0, 0.0, 1.0, 0.0, 0.0);
    let backend = CanvasBackend::with_canvas_object(canvas.clone())?;
    Some(PlotPen::new(backend, CanvasMeasure { ctx, font_px: Cell::new(0.0) }))
}
