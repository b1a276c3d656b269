//! The charts draw through a `Pen`: draw on SVG natively and check what a reader would look
//! for. `SvgPen` measures text like a browser's sans-serif (≈0.6 em a character).

use cascade_lab::sim::{simulate, Params};
use cascade_lab::views::chart::{draw, ChartInput, SvgPen, LIGHT};

fn svg_of(input: &ChartInput) -> String {
    let mut pen = SvgPen::new(1000.0, 560.0);
    let xmap = draw(&mut pen, input);
    assert!(xmap.px1 > xmap.px0 + 500.0, "plot area spans the width: {xmap:?}");
    assert!((xmap.x(input.trace.t0_min) - xmap.px0).abs() < 1e-9);
    assert!(xmap.py0 > 0.0 && xmap.py1 > xmap.py0 + 300.0, "the cursor spans the panels, under the caption: {xmap:?}");
    pen.finish()
}

#[test]
fn charts_show_titles_units_legends_and_the_cursor() {
    let t = simulate(&Params::default());
    let svg = svg_of(&ChartInput { trace: &t, ghost: None, cursor_t: Some(30.0), until: None, window: None, palette: LIGHT, scale: 1.0, lesson: None });
    for text in [
        "API demand vs capacity",
        "What customers see vs what is really broken",
        "the worst impacted cluster not yet fixed",
        "hidden: down, unseen",
        "CPU cores",
        "T+1 h",
        "T+2 h",
        "100%",
    ] {
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
    let one = svg_of(&ChartInput { trace: &t, ghost: None, cursor_t: None, until: None, window: None, palette: LIGHT, scale: 1.0, lesson: None });
    let two = svg_of(&ChartInput { trace: &t, ghost: Some(&g), cursor_t: None, until: None, window: None, palette: LIGHT, scale: 1.0, lesson: None });
    assert!(two.contains("customers: pinned run"));
    assert!(two.matches("<polyline").count() > one.matches("<polyline").count());
}

#[test]
fn charts_scale_for_hidpi() {
    let t = simulate(&Params::default());
    let a = svg_of(&ChartInput { trace: &t, ghost: None, cursor_t: None, until: None, window: None, palette: LIGHT, scale: 1.0, lesson: None });
    let b = svg_of(&ChartInput { trace: &t, ghost: None, cursor_t: None, until: None, window: None, palette: LIGHT, scale: 2.0, lesson: None });
    let caption_px = |svg: &str| -> f64 {
        let i = svg.find("<text").unwrap();
        let rest = &svg[i..];
        let j = rest.find("font-size=\"").unwrap() + 11;
        rest[j..].split('"').next().unwrap().parse().unwrap()
    };
    assert!((caption_px(&a) - 16.12).abs() < 0.01, "caption {} px", caption_px(&a));
    assert!((caption_px(&b) - 32.24).abs() < 0.01, "caption {} px at 2×", caption_px(&b));
}

#[test]
fn spoiler_free_charts_draw_nothing_after_the_moment() {
    use cascade_lab::sim::EventKind;
    let t = simulate(&Params::default());
    let full = svg_of(&ChartInput { trace: &t, ghost: None, cursor_t: None, until: None, window: None, palette: LIGHT, scale: 1.0, lesson: None });
    let early = svg_of(&ChartInput { trace: &t, ghost: None, cursor_t: None, until: Some(2.0), window: None, palette: LIGHT, scale: 1.0, lesson: None });
    // Fewer points drawn, and no marker for an event still to come.
    assert!(early.len() < full.len() * 3 / 4, "{} vs {}", early.len(), full.len());
    let recovered = t.first(EventKind::FirstClusterRecovered).unwrap().t_min;
    let late =
        svg_of(&ChartInput { trace: &t, ghost: None, cursor_t: None, until: Some(recovered - 1.0), window: None, palette: LIGHT, scale: 1.0, lesson: None });
    let later =
        svg_of(&ChartInput { trace: &t, ghost: None, cursor_t: None, until: Some(recovered + 1.0), window: None, palette: LIGHT, scale: 1.0, lesson: None });
    assert!(later.matches("<polyline").count() >= late.matches("<polyline").count());
    assert_ne!(late, later, "the recovery marker appears once passed");
}

fn text_width(text: &str, size: f64) -> f64 {
    text.chars().count() as f64 * size * SvgPen::EM
}

/// One `<text>` of the SVG: its horizontal extent (from its font size), baseline y and content.
#[derive(Debug)]
struct Label {
    x0: f64,
    x1: f64,
    y: f64,
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
        let (x, y, size): (f64, f64, f64) =
            (attr(tag, "x").unwrap().parse().unwrap(), attr(tag, "y").unwrap().parse().unwrap(), attr(tag, "font-size").unwrap().parse().unwrap());
        let w = text_width(&text, size);
        let (x0, x1) = match attr(tag, "text-anchor").as_deref() {
            Some("middle") => (x - w / 2.0, x + w / 2.0),
            Some("end") => (x - w, x),
            _ => (x, x + w),
        };
        out.push(Label { x0, x1, y, text });
    }
    out
}

fn measured_svg(input: &ChartInput, size: (u32, u32), panels: &[Panel]) -> String {
    let mut pen = SvgPen::new(size.0 as f64, size.1 as f64);
    draw_panels(&mut pen, input, panels);
    pen.finish()
}

use cascade_lab::views::chart::{draw_panels, Panel};

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
                let input = ChartInput { trace: &t, ghost: Some(&g), cursor_t: Some(20.0), until: None, window, palette: LIGHT, scale: 1.0, lesson: None };
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
                    let legend =
                        all.iter().find(|l| l.text == "admin writes getting through" || l.text == "demand" || l.text == "hidden: down, unseen").unwrap();
                    if panels.len() == 1 {
                        assert!(legend.y > lowest_tick, "legend under the plot at {width}: {legend:?}");
                    }
                    if width < 400 {
                        assert!(!svg.contains("(all production clusters)"), "the short caption on a phone");
                    }
                } else if width >= 1000 {
                    assert!(svg.contains("(all production clusters)") || !panels.contains(&Panel::Demand));
                }
            }
        }
    }
}

/// A window zooms the x axis: its ticks, and no marker or series outside it.
#[test]
fn a_window_zooms_the_time_axis() {
    let t = simulate(&Params::default());
    let input = ChartInput { trace: &t, ghost: None, cursor_t: None, until: None, window: Some((-5.0, 30.0)), palette: LIGHT, scale: 1.0, lesson: None };
    let svg = measured_svg(&input, (700, 320), &[Panel::Visibility]);
    let texts: Vec<String> = labels(&svg).into_iter().map(|l| l.text).collect();
    assert!(texts.iter().any(|s| s == "T+10 min") && texts.iter().any(|s| s == "T+30 min"), "{texts:?}");
    assert!(!texts.iter().any(|s| s.contains(" h")), "no hour ticks in a 35-minute window: {texts:?}");
    let xmap = draw_panels(&mut SvgPen::new(700.0, 320.0), &input, &[Panel::Visibility]);
    assert_eq!((xmap.t0, xmap.t1), (-5.0, 30.0));
}

/// Issue 28: a lesson's chart draws the answer's cluster and, after the reveal, its mark — the
/// same words the answer gives; the fleet's charts ignore a lesson (the page never draws one).
#[test]
fn a_lesson_chart_marks_its_answer_on_its_cluster() {
    use cascade_lab::analysis::lesson::{chapters, Figure};
    use cascade_lab::views::chart::{draw_lesson_panels, draw_panels, ChartMark, Lesson, Panel};
    let p = cascade_lab::sim::Params::default();
    let t = simulate(&p);
    let all = chapters(&p, &t);
    for ch in &all {
        let (panel, cluster, compare) = match ch.figure {
            Figure::Demand { cluster, compare } => (Panel::Demand, Some(cluster), compare),
            Figure::Access { cluster } => (Panel::Access, Some(cluster), None),
            Figure::Visibility => (Panel::Visibility, None, None),
            _ => continue,
        };
        let m = ch.mark.as_ref().expect("a chart chapter marks its answer");
        let mark = ChartMark {
            from: m.from,
            to: m.to,
            value: m.drawn_at(&t),
            label: m.label.clone(),
            levels: m.levels.iter().map(|(_, v, w)| (*v, w.clone())).collect(),
        };
        let lesson = Lesson { cluster, compare, mark: Some(mark) };
        let input =
            ChartInput { trace: &t, ghost: None, cursor_t: None, until: None, window: Some(ch.window), palette: LIGHT, scale: 1.0, lesson: Some(&lesson) };
        let mut pen = SvgPen::new(1000.0, 420.0);
        draw_lesson_panels(&mut pen, &input, &[panel]);
        let svg = pen.finish();
        let words = if m.levels.is_empty() { m.label.clone() } else { m.levels[0].2.clone() };
        assert!(svg.contains(&words.replace('&', "&amp;")), "ch {}: '{words}' not on the figure", ch.n);
        if let Some(c) = cluster {
            assert!(svg.contains(&t.clusters[c].name), "ch {}: the figure names its cluster", ch.n);
        }
        let mut fleet = SvgPen::new(1000.0, 420.0);
        draw_panels(&mut fleet, &input, &[panel]);
        assert!(!fleet.finish().contains(&words.replace('&', "&amp;")), "the fleet's chart draws no lesson");
    }
}
