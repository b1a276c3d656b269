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
    let svg = svg_of(&ChartInput { trace: &t, ghost: None, cursor_t: Some(30.0), until: None, window: None, palette: LIGHT, scale: 1.0 });
    for text in ["API demand vs capacity", "What customers see vs what is really broken", "the worst impacted cluster not yet fixed", "hidden by DNS caches", "seats", "T+1 h", "T+2 h", "100%"] {
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
    let one = svg_of(&ChartInput { trace: &t, ghost: None, cursor_t: None, until: None, window: None, palette: LIGHT, scale: 1.0 });
    let two = svg_of(&ChartInput { trace: &t, ghost: Some(&g), cursor_t: None, until: None, window: None, palette: LIGHT, scale: 1.0 });
    assert!(two.contains("customers: pinned run"));
    assert!(two.matches("<polyline").count() > one.matches("<polyline").count());
}

#[test]
fn charts_scale_for_hidpi() {
    let t = simulate(&Params::default());
    let a = svg_of(&ChartInput { trace: &t, ghost: None, cursor_t: None, until: None, window: None, palette: LIGHT, scale: 1.0 });
    let b = svg_of(&ChartInput { trace: &t, ghost: None, cursor_t: None, until: None, window: None, palette: LIGHT, scale: 2.0 });
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
    let full = svg_of(&ChartInput { trace: &t, ghost: None, cursor_t: None, until: None, window: None, palette: LIGHT, scale: 1.0 });
    let early = svg_of(&ChartInput { trace: &t, ghost: None, cursor_t: None, until: Some(2.0), window: None, palette: LIGHT, scale: 1.0 });
    // Fewer points drawn, and no marker for an event still to come.
    assert!(early.len() < full.len() * 3 / 4, "{} vs {}", early.len(), full.len());
    let recovered = t.first(EventKind::FirstClusterRecovered).unwrap().t_min;
    let late = svg_of(&ChartInput { trace: &t, ghost: None, cursor_t: None, until: Some(recovered - 1.0), window: None, palette: LIGHT, scale: 1.0 });
    let later = svg_of(&ChartInput { trace: &t, ghost: None, cursor_t: None, until: Some(recovered + 1.0), window: None, palette: LIGHT, scale: 1.0 });
    assert!(later.matches("<polyline").count() >= late.matches("<polyline").count());
    assert_ne!(late, later, "the recovery marker appears once passed");
}

/// SVG with text measured like a browser's sans-serif (≈0.6 em per character), so layout
/// decisions (which caption fits, the right margin, how many ticks) are made on realistic
/// widths; plotters' built-in estimate without a font is narrower than real text.
struct Measured<'a>(SVGBackend<'a>);

const EM: f64 = 0.6;

fn text_width(text: &str, size: f64) -> f64 {
    text.chars().count() as f64 * size * EM
}

impl DrawingBackend for Measured<'_> {
    type ErrorType = <SVGBackend<'static> as DrawingBackend>::ErrorType;
    fn get_size(&self) -> (u32, u32) {
        self.0.get_size()
    }
    fn ensure_prepared(&mut self) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.0.ensure_prepared()
    }
    fn present(&mut self) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.0.present()
    }
    fn draw_pixel(&mut self, p: BackendCoord, c: BackendColor) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.0.draw_pixel(p, c)
    }
    fn draw_line<S: BackendStyle>(&mut self, a: BackendCoord, b: BackendCoord, s: &S) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.0.draw_line(a, b, s)
    }
    fn draw_rect<S: BackendStyle>(&mut self, a: BackendCoord, b: BackendCoord, s: &S, fill: bool) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.0.draw_rect(a, b, s, fill)
    }
    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(&mut self, p: I, s: &S) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.0.draw_path(p, s)
    }
    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(&mut self, p: I, s: &S) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.0.fill_polygon(p, s)
    }
    fn draw_text<S: BackendTextStyle>(&mut self, text: &str, style: &S, pos: BackendCoord) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.0.draw_text(text, style, pos)
    }
    fn estimate_text_size<S: BackendTextStyle>(&self, text: &str, style: &S) -> Result<(u32, u32), DrawingErrorKind<Self::ErrorType>> {
        let (w, h) = (text_width(text, style.size()).ceil() as u32, (style.size() * 1.2).ceil() as u32);
        Ok(match style.transform() {
            FontTransform::Rotate90 | FontTransform::Rotate270 => (h, w),
            _ => (w, h),
        })
    }
}

use plotters_backend::{BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingErrorKind};

/// One `<text>` of the SVG: its horizontal extent, baseline y, size and content.
#[derive(Debug)]
struct Label {
    x0: f64,
    x1: f64,
    y: f64,
    size: f64,
    text: String,
}

fn attr(tag: &str, name: &str) -> Option<String> {
    let i = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    Some(tag[i..].split('"').next()?.to_string())
}

fn labels(svg: &str) -> Vec<Label> {
    let mut out = Vec::new();
    for part in svg.split("<text").skip(1) {
        let (tag, rest) = part.split_once('>').unwrap();
        if tag.contains("rotate") {
            continue; // the rotated y-axis description sits in its own label area
        }
        let text = rest.split("</text>").next().unwrap().trim().replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">");
        let (x, y, size): (f64, f64, f64) = (attr(tag, "x").unwrap().parse().unwrap(), attr(tag, "y").unwrap().parse().unwrap(), attr(tag, "font-size").unwrap().parse().unwrap());
        let w = text_width(&text, size);
        let (x0, x1) = match attr(tag, "text-anchor").as_deref() {
            Some("middle") => (x - w / 2.0, x + w / 2.0),
            Some("end") => (x - w, x),
            _ => (x, x + w),
        };
        out.push(Label { x0, x1, y, size, text });
    }
    out
}

fn measured_svg(input: &ChartInput, size: (u32, u32), panels: &[Panel]) -> String {
    let mut out = String::new();
    {
        let root = Measured(SVGBackend::with_string(&mut out, size)).into_drawing_area();
        draw_panels(&root, input, panels).expect("charts draw");
    }
    out
}

use cascade_lab::chart::{draw_panels, Panel};

/// At phone, tablet and desktop widths, for all three charts and each alone, with and without
/// a window: no label extends past the drawing (the end label "T+6 h" used to be cut), tick
/// labels on one row do not overlap, the caption that fits is used, and on narrow widths the
/// legend sits under the plot (below every tick label) instead of over the data.
#[test]
fn no_label_is_cut_or_overlaps_at_any_width() {
    let t = simulate(&Params::default());
    let g = simulate(&Params::preset("break-glass").unwrap());
    let sets: [&[Panel]; 4] = [&Panel::ALL, &[Panel::Demand], &[Panel::Visibility], &[Panel::Access]];
    for width in [330u32, 375, 520, 700, 1000, 1400] {
        for window in [None, Some((-5.0, 30.0)), Some((100.0, 360.0))] {
            for panels in sets {
                let input = ChartInput { trace: &t, ghost: Some(&g), cursor_t: Some(20.0), until: None, window, palette: LIGHT, scale: 1.0 };
                let h = if panels.len() == 1 { 320 } else { 700 };
                let svg = measured_svg(&input, (width, h), panels);
                let all = labels(&svg);
                assert!(all.iter().any(|l| l.text.starts_with("T+")), "tick labels drawn at {width}");
                for l in &all {
                    assert!(l.x0 >= -0.5 && l.x1 <= width as f64 + 0.5, "'{}' cut at width {width} ({:.1}..{:.1}), window {window:?}", l.text, l.x0, l.x1);
                }
                let mut ticks: Vec<&Label> = all.iter().filter(|l| l.text.starts_with("T+") || l.text.starts_with("T−")).collect();
                ticks.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x0.total_cmp(&b.x0)));
                for w in ticks.windows(2) {
                    if (w[0].y - w[1].y).abs() < 1.0 {
                        assert!(w[0].x1 <= w[1].x0, "'{}' overlaps '{}' at width {width}, window {window:?}", w[0].text, w[1].text);
                    }
                }
                if width < 560 {
                    let lowest_tick = ticks.iter().map(|l| l.y).fold(f64::MIN, f64::max);
                    let legend = all.iter().find(|l| l.text == "admin writes getting through" || l.text == "demand" || l.text == "hidden by DNS caches").unwrap();
                    if panels.len() == 1 {
                        assert!(legend.y > lowest_tick, "legend under the plot at {width}: {legend:?}");
                    }
                    if width < 400 {
                        assert!(!svg.contains("(all production clusters)"), "the short caption on a phone");
                    }
                } else if width >= 1000 {
                    assert!(svg.contains("(all production clusters)") || !panels.contains(&Panel::Demand));
                }
                let _ = all.iter().map(|l| l.size).sum::<f64>();
            }
        }
    }
}

/// A window zooms the x axis: its ticks, and no marker or series outside it.
#[test]
fn a_window_zooms_the_time_axis() {
    let t = simulate(&Params::default());
    let input = ChartInput { trace: &t, ghost: None, cursor_t: None, until: None, window: Some((-5.0, 30.0)), palette: LIGHT, scale: 1.0 };
    let svg = measured_svg(&input, (700, 320), &[Panel::Visibility]);
    let texts: Vec<String> = labels(&svg).into_iter().map(|l| l.text).collect();
    assert!(texts.iter().any(|s| s == "T+10 min") && texts.iter().any(|s| s == "T+30 min"), "{texts:?}");
    assert!(!texts.iter().any(|s| s.contains(" h")), "no hour ticks in a 35-minute window: {texts:?}");
    let mut out = String::new();
    let xmap = {
        let root = Measured(SVGBackend::with_string(&mut out, (700, 320))).into_drawing_area();
        draw_panels(&root, &input, &[Panel::Visibility]).unwrap()
    };
    assert_eq!((xmap.t0, xmap.t1), (-5.0, 30.0));
}
