//! The charts: a static base canvas redrawn per run, and a cursor overlay redrawn per frame.

use crate::ui::dom;
use crate::ui::hooks::{use_print_draw, use_width};
use crate::ui::state::TraceRef;
use crate::views::chart::{self, XMap};
use crate::views::palette::Theme;
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
    /// `from=`/`to=`: the time span the x axis shows (`State::bounds`); `None`: the whole run.
    #[prop_or_default]
    pub window: Option<(f64, f64)>,
    /// One chart alone (`view=demand|visibility|access`); `None`: all three.
    #[prop_or_default]
    pub panel: Option<chart::Panel>,
    /// A lesson chapter's chart: its cluster and, after the reveal, its answer marked.
    #[prop_or_default]
    pub lesson: Option<chart::Lesson>,
    /// Text and strokes × this (present mode sizes the figure for a room).
    #[prop_or(1.0)]
    pub zoom: f64,
    /// How the panels are drawn (`None`: the fleet's, `chart::draw_panels`); the lesson passes
    /// `chart::draw_lesson_panels`, which the page's own module then never links.
    #[prop_or_default]
    pub draw: Option<chart::Drawer>,
}

/// Matches `.chart-wrap`'s height in style.css (the fallback before layout).
pub const CHART_CSS_HEIGHT: f64 = 560.0;

/// The canvas's laid-out height (style.css sets it per view and width).
fn css_height(c: &HtmlCanvasElement) -> f64 {
    match c.client_height() {
        h if h > 0 => h as f64,
        _ => CHART_CSS_HEIGHT,
    }
}

/// What the base canvas draws, apart from the theme.
#[derive(Clone, PartialEq)]
struct Drawing {
    trace: TraceRef,
    ghost: Option<TraceRef>,
    until: Option<f64>,
    window: Option<(f64, f64)>,
    panel: Option<chart::Panel>,
    lesson: Option<chart::Lesson>,
    zoom: f64,
    draw: Option<chart::Drawer>,
}

/// Draws the charts on the base canvas at its laid-out size; where time falls on the x axis.
fn draw_base(c: &HtmlCanvasElement, d: &Drawing, theme: Theme) -> Option<XMap> {
    let scale = dom::size_canvas(c, css_height(c)) * d.zoom;
    let mut pen = crate::ui::chart_canvas::pen(c)?;
    let input = chart::ChartInput {
        trace: &d.trace,
        ghost: d.ghost.as_deref(),
        cursor_t: None,
        until: d.until,
        window: d.window,
        palette: theme,
        scale,
        lesson: d.lesson.as_ref(),
    };
    // The figure's smallest text in CSS pixels, for the room-size checks (tests/e2e/present.test.mjs).
    c.set_attribute("data-text-px", &format!("{:.1}", chart::LABEL_PX * d.zoom)).ok();
    let panels = d.panel.map_or(chart::Panel::ALL.to_vec(), |p| vec![p]);
    Some(d.draw.map_or(chart::draw_panels as chart::DrawFn, |f| f.0)(&mut pen, &input, &panels))
}

fn draw_overlay(c: &HtmlCanvasElement, m: XMap, cursor: f64, theme: &Theme) {
    dom::size_canvas(c, css_height(c));
    dom::draw_cursor(c, m.x(cursor), (m.py0, m.py1), theme);
}

#[component]
pub fn ChartView(p: &ChartProps) -> Html {
    let base = use_node_ref();
    let overlay = use_node_ref();
    // Where time falls on the x axis, measured by the last base drawing, for the overlay.
    let xmap = use_mut_ref(XMap::default);
    let width = use_width(base.clone());
    let theme = Theme::of(p.dark);
    let drawing = Drawing {
        trace: p.trace.clone(),
        ghost: p.ghost.clone(),
        until: p.until,
        window: p.window,
        panel: p.panel,
        lesson: p.lesson.clone(),
        zoom: p.zoom,
        draw: p.draw,
    };
    // Printing: both canvases drawn light at the print layout's width, in `beforeprint`
    // itself, and still copies of them printed instead; redrawn as before once it is over.
    let printing = use_print_draw({
        let (base, overlay, drawing, cursor) = (base.clone(), overlay.clone(), drawing.clone(), p.cursor);
        move || {
            let (Some(b), Some(o)) = (base.cast::<HtmlCanvasElement>(), overlay.cast::<HtmlCanvasElement>()) else { return };
            let light = crate::views::palette::LIGHT;
            if let Some(m) = draw_base(&b, &drawing, light) {
                draw_overlay(&o, m, cursor, &light);
            }
            dom::print_copy(&b, true);
            dom::print_copy(&o, true);
        }
    });
    {
        let (base, xmap) = (base.clone(), xmap.clone());
        use_effect_with((drawing, theme, width, printing), move |(drawing, theme, _, printing)| {
            if let Some(c) = base.cast::<HtmlCanvasElement>().filter(|c| !(*printing && dom::has_print_copy(c))) {
                // A chart mounted while the page prints draws for paper too.
                if let Some(m) = draw_base(&c, drawing, if *printing { crate::views::palette::LIGHT } else { *theme }) {
                    *xmap.borrow_mut() = m;
                }
                dom::print_copy(&c, *printing);
                dom::mark_drawn();
            }
        });
    }
    {
        // Declared after the base drawing, so a new run's axis is measured before the cursor uses it.
        let (overlay, xmap) = (overlay.clone(), xmap.clone());
        let zoom = (p.window.map(|w| (w.0.to_bits(), w.1.to_bits())), p.panel);
        use_effect_with((p.cursor.to_bits(), p.trace.clone(), p.ghost.clone(), theme, (width, printing), zoom), move |(c, _, _, theme, (_, printing), _)| {
            if let Some(canvas) = overlay.cast::<HtmlCanvasElement>().filter(|c| !(*printing && dom::has_print_copy(c))) {
                let theme = if *printing { crate::views::palette::LIGHT } else { *theme };
                draw_overlay(&canvas, *xmap.borrow(), f64::from_bits(*c), &theme);
                dom::print_copy(&canvas, *printing);
            }
        });
    }
    html! {
        <div class={classes!("chart-wrap", p.panel.is_some().then_some("one"))}>
            <canvas ref={base} id="charts-base" class="chart" role="img" aria-label={match p.panel {
                None => "Three charts over the incident: API demand against capacity, in CPU cores; customer errors against the real control-plane and DNS failure, with the minutes it was hidden shaded (from the first fall until customers first see errors); and admin request success. A table alternative follows.",
                Some(chart::Panel::Demand) => "Chart: API demand against the API servers' capacity, in CPU cores, over the incident.",
                Some(chart::Panel::Visibility) => "Chart: customer errors against the real control-plane and DNS failure, with the minutes it was hidden shaded: from the first fall until customers first see errors.",
                Some(chart::Panel::Access) => "Chart: the share of engineers' admin requests that succeed over the incident.",
                Some(chart::Panel::ApiServers) => "Chart: one cluster's API servers over the incident: memory held as a share of the limit, and replicas up.",
            }}></canvas>
            <canvas ref={overlay} id="charts-cursor" class="chart overlay" aria-hidden="true"></canvas>
        </div>
    }
}
