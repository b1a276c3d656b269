//! The chart code is generic over plotters' DrawingBackend: draw on SVG natively and check
//! what a reader would look for.

use cascade_lab::chart::{draw, ChartInput, LIGHT};
use cascade_lab::sim::{simulate, Params};
use plotters::prelude::*;

fn svg_of(input: &ChartInput) -> String {
    let mut out = String::new();
    {
        let root = SVGBackend::with_string(&mut out, (1000, 560)).into_drawing_area();
        let xmap = draw(&root, input).expect("charts draw");
        assert!(xmap.px1 > xmap.px0 + 500.0, "plot area spans the width: {xmap:?}");
        assert!((xmap.x(input.trace.t0_min) - xmap.px0).abs() < 1e-9);
    }
    out
}

#[test]
fn charts_show_titles_units_legends_and_the_cursor() {
    let t = simulate(&Params::default());
    let svg = svg_of(&ChartInput { trace: &t, ghost: None, cursor_t: Some(30.0), until: None, palette: LIGHT, scale: 1.0 });
    for text in ["API demand vs capacity", "What customers see vs what is really broken", "admin request success", "hidden by DNS caches", "seats", "T+1 h", "T+2 h", "100%"] {
        assert!(svg.contains(text), "missing '{text}'");
    }
    // The hidden gap is a filled polygon; lines are polylines.
    assert!(svg.contains("<polygon"), "no shaded gap");
    assert!(svg.matches("<polyline").count() >= 6);
}

#[test]
fn a_pinned_run_adds_ghost_series() {
    let t = simulate(&Params::default());
    let g = simulate(&Params::preset("break-glass").unwrap());
    let one = svg_of(&ChartInput { trace: &t, ghost: None, cursor_t: None, until: None, palette: LIGHT, scale: 1.0 });
    let two = svg_of(&ChartInput { trace: &t, ghost: Some(&g), cursor_t: None, until: None, palette: LIGHT, scale: 1.0 });
    assert!(two.contains("customers: pinned run"));
    assert!(two.matches("<polyline").count() > one.matches("<polyline").count());
}

#[test]
fn charts_scale_for_hidpi() {
    let t = simulate(&Params::default());
    let a = svg_of(&ChartInput { trace: &t, ghost: None, cursor_t: None, until: None, palette: LIGHT, scale: 1.0 });
    let b = svg_of(&ChartInput { trace: &t, ghost: None, cursor_t: None, until: None, palette: LIGHT, scale: 2.0 });
    let caption_px = |svg: &str| -> f64 {
        let i = svg.find("<text").unwrap();
        let rest = &svg[i..];
        let j = rest.find("font-size=\"").unwrap() + 11;
        rest[j..].split('"').next().unwrap().parse().unwrap()
    };
    assert!((caption_px(&a) - 13.0).abs() < 0.01, "caption {} px", caption_px(&a));
    assert!((caption_px(&b) - 26.0).abs() < 0.01, "caption {} px at 2×", caption_px(&b));
}

#[test]
fn spoiler_free_charts_draw_nothing_after_the_moment() {
    use cascade_lab::sim::EventKind;
    let t = simulate(&Params::default());
    let full = svg_of(&ChartInput { trace: &t, ghost: None, cursor_t: None, until: None, palette: LIGHT, scale: 1.0 });
    let early = svg_of(&ChartInput { trace: &t, ghost: None, cursor_t: None, until: Some(2.0), palette: LIGHT, scale: 1.0 });
    // Fewer points drawn, and no marker for an event still to come.
    assert!(early.len() < full.len() * 3 / 4, "{} vs {}", early.len(), full.len());
    let recovered = t.first(EventKind::FirstClusterRecovered).unwrap().t_min;
    let late = svg_of(&ChartInput { trace: &t, ghost: None, cursor_t: None, until: Some(recovered - 1.0), palette: LIGHT, scale: 1.0 });
    let later = svg_of(&ChartInput { trace: &t, ghost: None, cursor_t: None, until: Some(recovered + 1.0), palette: LIGHT, scale: 1.0 });
    assert!(later.matches("<polyline").count() >= late.matches("<polyline").count());
    assert_ne!(late, later, "the recovery marker appears once passed");
}
