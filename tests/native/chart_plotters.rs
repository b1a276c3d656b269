//! The charts through plotters' SVG backend (`views::plot_pen`), the same `Pen` the browser
//! drives over plotters-canvas: each chart renders, with its title and its lines, and draws
//! the same texts and lines as on `SvgPen` (the layout does not depend on the backend).

use cascade_lab::sim::{simulate, Params};
use cascade_lab::views::chart::{draw_panels, ChartInput, Panel, SvgPen, LIGHT};
use cascade_lab::views::plot_pen;

/// The text of every `<text>` element, in order.
fn texts(svg: &str) -> Vec<String> {
    svg.split("<text").skip(1).filter_map(|s| Some(s[s.find('>')? + 1..s.find("</text>")?].trim().to_string())).collect()
}

#[test]
fn each_chart_renders_through_plotters_svg_backend() {
    let t = simulate(&Params::default());
    let g = simulate(&Params::preset("break-glass").unwrap());
    let input = ChartInput { trace: &t, ghost: Some(&g), cursor_t: Some(30.0), until: None, window: None, palette: LIGHT, scale: 1.0, lesson: None };
    for (panel, title, lines) in [
        (Panel::Demand, "API demand vs capacity", 3),
        (Panel::Visibility, "What customers see vs what is really broken", 4),
        (Panel::Access, "Can engineers reach the API?", 2),
    ] {
        let svg = plot_pen::svg(1000, 360, &input, &[panel]);
        assert!(svg.starts_with("<svg") && svg.trim_end().ends_with("</svg>"), "{panel:?}: not an SVG document");
        assert!(texts(&svg).iter().any(|t| t.starts_with(title)), "{panel:?}: no title '{title}'");
        // Grid, axes, markers and the cursor are polylines too: the series add at least `lines`.
        let grid_only = plot_pen::svg(1000, 360, &ChartInput { until: Some(t.t0_min - 1.0), ..input }, &[panel]);
        let n = |s: &str| s.matches("<polyline").count();
        assert!(n(&svg) >= n(&grid_only) + lines, "{panel:?}: {} polylines, {} without the series", n(&svg), n(&grid_only));
    }
}

#[test]
fn plotters_svg_draws_what_svg_pen_draws() {
    let t = simulate(&Params::default());
    for (w, h, scale) in [(1000, 560, 1.0), (700, 900, 1.0), (400, 560, 1.0), (2000, 1120, 2.0)] {
        let input = ChartInput { trace: &t, ghost: None, cursor_t: Some(90.0), until: None, window: None, palette: LIGHT, scale, lesson: None };
        let plotters = plot_pen::svg(w, h, &input, &Panel::ALL);
        let mut pen = SvgPen::new(w as f64, h as f64);
        draw_panels(&mut pen, &input, &Panel::ALL);
        let ours = pen.finish();
        assert_eq!(texts(&plotters), texts(&ours), "{w}×{h} at {scale}×: the same labels, in the same order");
        for tag in ["<polyline", "<polygon"] {
            assert_eq!(plotters.matches(tag).count(), ours.matches(tag).count(), "{w}×{h} at {scale}×: {tag}");
        }
    }
}
