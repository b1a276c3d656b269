//! The charts' [`Pen`] on a 2D canvas. Text is measured with the canvas's own `measureText`,
//! the font it will be drawn in, so layout decisions match what is drawn (and nothing is
//! measured through the DOM, which a strict CSP and reflows would both punish).

use crate::views::chart::{Align, Baseline, Ink, Pen, Text};
use std::cell::Cell;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

pub struct CanvasPen {
    ctx: CanvasRenderingContext2d,
    size: (f64, f64),
    /// The font size last set, so measuring a run of labels sets the font once.
    font_px: Cell<f64>,
}

impl CanvasPen {
    pub fn new(canvas: &HtmlCanvasElement) -> Option<CanvasPen> {
        let ctx = super::dom::context(canvas)?;
        Some(CanvasPen { ctx, size: (canvas.width() as f64, canvas.height() as f64), font_px: Cell::new(0.0) })
    }

    fn font(&self, px: f64) {
        if self.font_px.get() != px {
            self.ctx.set_font(&format!("{px:.2}px sans-serif"));
            self.font_px.set(px);
        }
    }

    fn fill_ink(&self, ink: Ink) {
        self.ctx.set_fill_style_str(&ink.0.css());
        self.ctx.set_global_alpha(ink.1);
    }

    fn stroke_ink(&self, ink: Ink, width: f64) {
        self.ctx.set_stroke_style_str(&ink.0.css());
        self.ctx.set_global_alpha(ink.1);
        self.ctx.set_line_width(width);
    }

    fn trace(&self, pts: &[(f64, f64)]) {
        self.ctx.begin_path();
        for (i, &(x, y)) in pts.iter().enumerate() {
            if i == 0 {
                self.ctx.move_to(x, y);
            } else {
                self.ctx.line_to(x, y);
            }
        }
    }
}

impl Pen for CanvasPen {
    fn size(&self) -> (f64, f64) {
        self.size
    }
    fn text_width(&self, text: &str, px: f64) -> f64 {
        self.font(px);
        self.ctx.measure_text(text).map(|m| m.width()).unwrap_or(text.len() as f64 * px * 0.55)
    }
    fn rect(&mut self, x: f64, y: f64, w: f64, h: f64, fill: Ink) {
        self.fill_ink(fill);
        self.ctx.fill_rect(x, y, w, h);
    }
    fn outline(&mut self, x: f64, y: f64, w: f64, h: f64, stroke: Ink, width: f64) {
        self.stroke_ink(stroke, width);
        // Half-pixel offsets keep 1-pixel strokes on whole pixels (crisp, not blurred).
        self.ctx.stroke_rect(x + 0.5, y + 0.5, w, h);
    }
    fn polyline(&mut self, pts: &[(f64, f64)], stroke: Ink, width: f64) {
        if pts.len() < 2 {
            return;
        }
        self.stroke_ink(stroke, width);
        self.ctx.set_line_join("round");
        let crisp = width <= 1.0 && pts.iter().all(|p| p.0 == p.0.round() && p.1 == p.1.round());
        if crisp {
            self.ctx.translate(0.5, 0.5).ok();
        }
        self.trace(pts);
        self.ctx.stroke();
        if crisp {
            self.ctx.translate(-0.5, -0.5).ok();
        }
    }
    fn polygon(&mut self, pts: &[(f64, f64)], fill: Ink) {
        if pts.len() < 3 {
            return;
        }
        self.fill_ink(fill);
        self.trace(pts);
        self.ctx.close_path();
        self.ctx.fill();
    }
    fn text(&mut self, text: &str, (x, y): (f64, f64), s: Text) {
        self.font(s.px);
        self.fill_ink(s.ink);
        self.ctx.set_text_align(match s.align {
            Align::Left => "left",
            Align::Center => "center",
            Align::Right => "right",
        });
        self.ctx.set_text_baseline(match s.baseline {
            Baseline::Top => "top",
            Baseline::Middle => "middle",
        });
        if s.upright {
            self.ctx.save();
            self.ctx.translate(x, y).ok();
            self.ctx.rotate(-std::f64::consts::FRAC_PI_2).ok();
            self.ctx.fill_text(text, 0.0, 0.0).ok();
            self.ctx.restore();
        } else {
            self.ctx.fill_text(text, x, y).ok();
        }
    }
}
