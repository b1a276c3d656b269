//! The charts: a static base canvas redrawn per run, and a cursor overlay redrawn per frame.

use crate::app::canvas_backend::MeasuredCanvas;
use crate::app::dom;
use crate::app::hooks::use_width;
use crate::app::state::TraceRef;
use crate::chart::{self, XMap};
use crate::palette::Theme;
use web_sys::HtmlCanvasElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ChartProps {
    pub trace: TraceRef,
    pub ghost: Option<TraceRef>,
    pub cursor: f64,
    /// Spoiler-free mode: draw only up to this sample (the base redraws as it moves).
    pub until: Option<f64>,
    pub dark: bool,
}

/// Matches `.chart-wrap`'s height in style.css.
pub const CHART_CSS_HEIGHT: f64 = 560.0;

#[component]
pub fn ChartView(p: &ChartProps) -> Html {
    let base = use_node_ref();
    let overlay = use_node_ref();
    // Where time falls on the x axis, measured by the last base drawing, for the overlay.
    let xmap = use_mut_ref(XMap::default);
    let width = use_width(base.clone());
    let theme = Theme::of(p.dark);
    {
        let (base, xmap) = (base.clone(), xmap.clone());
        use_effect_with((p.trace.clone(), p.ghost.clone(), theme, width, p.until.map(f64::to_bits)), move |(trace, ghost, theme, _, until)| {
            if let Some(c) = base.cast::<HtmlCanvasElement>() {
                let scale = dom::size_canvas(&c, CHART_CSS_HEIGHT);
                if let Some(backend) = MeasuredCanvas::new(c) {
                    use plotters::prelude::IntoDrawingArea;
                    let root = backend.into_drawing_area();
                    let input = chart::ChartInput { trace, ghost: ghost.as_deref(), cursor_t: None, until: until.map(f64::from_bits), window: None, palette: *theme, scale };
                    if let Ok(m) = chart::draw(&root, &input) {
                        *xmap.borrow_mut() = m;
                    }
                }
                dom::mark_drawn();
            }
        });
    }
    {
        // Declared after the base drawing, so a new run's axis is measured before the cursor uses it.
        let (overlay, xmap) = (overlay.clone(), xmap.clone());
        use_effect_with((p.cursor.to_bits(), p.trace.clone(), p.ghost.clone(), theme, width), move |(c, _, _, theme, _)| {
            if let Some(canvas) = overlay.cast::<HtmlCanvasElement>() {
                dom::size_canvas(&canvas, CHART_CSS_HEIGHT);
                dom::draw_cursor(&canvas, xmap.borrow().x(f64::from_bits(*c)), theme);
            }
        });
    }
    html! {
        <div class="chart-wrap">
            <canvas ref={base} id="charts-base" class="chart" role="img"
                aria-label="Three charts over the incident: API demand against capacity; customer errors against the real control-plane and DNS failure, with the hidden gap shaded; and admin request success. A table alternative follows."></canvas>
            <canvas ref={overlay} id="charts-cursor" class="chart overlay" aria-hidden="true"></canvas>
        </div>
    }
}
