//! The charts, drawn on any plotters backend: a canvas in the browser, SVG in native tests.

use crate::palette::{self, Rgb};
use crate::sim::{EventKind, Trace};
use plotters::coord::ranged1d::ValueFormatter;
use plotters::coord::types::RangedCoordf64;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// Series colours, from the one palette (`crate::palette`).
pub const BLUE: RGBColor = plot(palette::BLUE);
pub const ORANGE: RGBColor = plot(palette::ORANGE);
pub const VERMILLION: RGBColor = plot(palette::VERMILLION);
pub const GREEN: RGBColor = plot(palette::GREEN);
pub const SKY: RGBColor = plot(palette::SKY);
pub const PURPLE: RGBColor = plot(palette::PURPLE);

/// The page's themes: charts are drawn in the same colours as the page around them.
pub use crate::palette::{Theme as Palette, DARK, LIGHT};

const fn plot(c: Rgb) -> RGBColor {
    RGBColor(c.0, c.1, c.2)
}

/// A theme's colours as plotters takes them.
struct Pens {
    bg: RGBColor,
    fg: RGBColor,
    grid: RGBColor,
    muted: RGBColor,
    cursor: RGBColor,
}

impl Pens {
    fn of(t: &Palette) -> Pens {
        Pens { bg: plot(t.bg), fg: plot(t.fg), grid: plot(t.line), muted: plot(t.muted), cursor: plot(t.cursor()) }
    }
}

pub struct ChartInput<'a> {
    pub trace: &'a Trace,
    pub ghost: Option<&'a Trace>,
    /// Drawn into the chart for static exports; the live app draws it on an overlay.
    pub cursor_t: Option<f64>,
    /// Spoiler-free mode: draw nothing after this moment (series, ghost, event markers).
    pub until: Option<f64>,
    pub palette: Palette,
    /// Device pixels per CSS pixel: fonts and strokes scale with it so HiDPI stays crisp.
    pub scale: f64,
}

/// Events worth a marker line on every panel.
const MARKED: [EventKind; 5] = [
    EventKind::AgentLands,
    EventKind::FirstCustomerErrors,
    EventKind::AccessRegained,
    EventKind::FirstClusterRecovered,
    EventKind::AllRecovered,
];

type DrawResult<DB> = Result<(), DrawingAreaErrorKind<<DB as DrawingBackend>::ErrorType>>;

/// Where time maps to pixels, so an overlay can draw the cursor without redrawing charts.
#[derive(Clone, Copy, Debug, PartialEq, Default)]
pub struct XMap {
    pub px0: f64,
    pub px1: f64,
    pub t0: f64,
    pub t1: f64,
}

impl XMap {
    pub fn x(&self, t: f64) -> f64 {
        self.px0 + (t - self.t0) / (self.t1 - self.t0).max(1e-9) * (self.px1 - self.px0)
    }
}

pub fn draw<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, input: &ChartInput) -> Result<XMap, DrawingAreaErrorKind<DB::ErrorType>> {
    let pal = Pens::of(&input.palette);
    root.fill(&pal.bg)?;
    let (_, h) = root.dim_in_pixel();
    let h = h as i32;
    let panels = root.split_by_breakpoints(Vec::<i32>::new(), vec![h * 40 / 100, h * 75 / 100]);
    let xmap = draw_demand(&panels[0], input)?;
    draw_visibility(&panels[1], input)?;
    draw_admin(&panels[2], input)?;
    root.present()?;
    Ok(xmap)
}

fn px(input: &ChartInput, v: f64) -> u32 {
    (v * input.scale).round().max(1.0) as u32
}

fn font<'a>(input: &ChartInput, size: f64, color: RGBColor) -> TextStyle<'a> {
    ("sans-serif", size * input.scale * PT_TO_PX).into_font().color(&color)
}

/// Plotters sizes fonts in points; canvas and SVG want pixels.
const PT_TO_PX: f64 = 1.24;


fn x_axis(t: &Trace) -> std::ops::Range<f64> {
    t.t0_min / 60.0..t.t_end() / 60.0
}

fn x_range(t: &Trace) -> std::ops::Range<f64> {
    t.t0_min..t.t_end()
}

fn series(until: Option<f64>, t: &Trace, v: &[f32], f: impl Fn(f64) -> f64) -> Vec<(f64, f64)> {
    let n = until.map_or(v.len(), |u| (0..v.len()).take_while(|&i| t.t_at(i) <= u).count());
    v[..n].iter().enumerate().map(|(i, y)| (t.t_at(i) / 60.0, f(*y as f64))).collect()
}

fn title_and_mesh<DB: DrawingBackend, Y: Ranged<ValueType = f64> + ValueFormatter<f64>>(
    chart: &mut ChartContext<DB, Cartesian2d<RangedCoordf64, Y>>,
    input: &ChartInput,
    y_desc: &str,
    y_fmt: &dyn Fn(&f64) -> String,
) -> DrawResult<DB> {
    let pal = Pens::of(&input.palette);
    chart
        .configure_mesh()
        .light_line_style(pal.grid)
        .bold_line_style(pal.grid)
        .axis_style(pal.muted)
        .label_style(font(input, 11.0, pal.muted))
        .axis_desc_style(font(input, 11.0, pal.muted))
        .y_labels(4)
        .x_label_formatter(&|h| crate::report::t_plus(*h * 60.0))
        .y_label_formatter(y_fmt)
        .y_desc(y_desc)
        .draw()
}

fn markers<DB: DrawingBackend, Y: Ranged<ValueType = f64>>(
    chart: &mut ChartContext<DB, Cartesian2d<RangedCoordf64, Y>>,
    input: &ChartInput,
    y: (f64, f64),
) -> DrawResult<DB> {
    let pal = Pens::of(&input.palette);
    for e in input.trace.events.iter().filter(|e| MARKED.contains(&e.kind) && input.until.is_none_or(|u| e.t_min <= u)) {
        let x = e.t_min / 60.0;
        chart.draw_series(std::iter::once(PathElement::new(vec![(x, y.0), (x, y.1)], pal.muted.mix(0.5).stroke_width(px(input, 1.0)))))?;
    }
    if let Some(c) = input.cursor_t {
        let c = c / 60.0;
        chart.draw_series(std::iter::once(PathElement::new(vec![(c, y.0), (c, y.1)], pal.cursor.stroke_width(px(input, 2.0)))))?;
    }
    Ok(())
}

/// How a legend entry is drawn: a line or a filled patch.
#[derive(Clone, Copy)]
enum Swatch {
    Line(RGBAColor),
    Fill(RGBAColor),
}

/// A legend in the plot's upper-right corner, laid out with the backend's own text
/// measurement (plotters' built-in series labels measure text through the DOM on wasm).
fn legend<DB: DrawingBackend, Y: Ranged<ValueType = f64>>(
    chart: &ChartContext<DB, Cartesian2d<RangedCoordf64, Y>>,
    input: &ChartInput,
    items: &[(&str, Swatch)],
) -> DrawResult<DB> {
    let pal = Pens::of(&input.palette);
    let area = chart.plotting_area().strip_coord_spec();
    let style = font(input, 11.0, pal.fg);
    let sizes: Vec<(u32, u32)> = items.iter().map(|(l, _)| area.estimate_text_size(l, &style)).collect::<Result<_, _>>()?;
    let (pad, sw) = (px(input, 6.0) as i32, px(input, 16.0) as i32);
    let row = sizes.iter().map(|s| s.1 as i32).max().unwrap_or(0) + px(input, 3.0) as i32;
    let w = sizes.iter().map(|s| s.0 as i32).max().unwrap_or(0) + sw + 3 * pad;
    let h = row * items.len() as i32 + pad;
    let (aw, _) = area.dim_in_pixel();
    let (x0, y0) = (aw as i32 - w - pad, pad);
    area.draw(&Rectangle::new([(x0, y0), (x0 + w, y0 + h)], pal.bg.mix(0.88).filled()))?;
    area.draw(&Rectangle::new([(x0, y0), (x0 + w, y0 + h)], pal.grid.stroke_width(1)))?;
    for (k, (label, swatch)) in items.iter().enumerate() {
        let cy = y0 + pad / 2 + row * k as i32 + row / 2;
        let sx = x0 + pad;
        match swatch {
            Swatch::Line(c) => area.draw(&PathElement::new(vec![(sx, cy), (sx + sw, cy)], c.stroke_width(px(input, 3.0))))?,
            Swatch::Fill(c) => area.draw(&Rectangle::new([(sx, cy - row / 3), (sx + sw, cy + row / 3)], c.filled()))?,
        }
        area.draw_text(label, &style.pos(Pos::new(HPos::Left, VPos::Center)), (sx + sw + pad, cy))?;
    }
    Ok(())
}

fn draw_demand<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, input: &ChartInput) -> Result<XMap, DrawingAreaErrorKind<DB::ErrorType>> {
    let t = input.trace;
    let pal = Pens::of(&input.palette);
    let max = t.fleet.demand.iter().chain(input.ghost.map(|g| &g.fleet.demand).into_iter().flatten()).cloned().fold(1_000.0f32, f32::max) as f64;
    let y = (100.0, max * 1.5);
    let mut chart = ChartBuilder::on(area)
        .caption("API demand vs capacity (all production clusters)", font(input, 13.0, pal.fg))
        .margin(px(input, 6.0))
        .x_label_area_size(px(input, 22.0))
        .y_label_area_size(px(input, 58.0))
        .build_cartesian_2d(x_axis(t), (y.0..y.1).log_scale())?;
    title_and_mesh(&mut chart, input, "seats", &|v| format_seats(*v))?;
    if let Some(g) = input.ghost {
        chart.draw_series(LineSeries::new(series(input.until, g, &g.fleet.demand, |v| v.max(y.0)), ORANGE.mix(0.35).stroke_width(px(input, 2.0))))?;
    }
    chart
        .draw_series(LineSeries::new(series(input.until, t, &t.fleet.capacity, |v| v.max(y.0)), BLUE.stroke_width(px(input, 2.0))))?;
    chart
        .draw_series(LineSeries::new(series(input.until, t, &t.fleet.demand, |v| v.max(y.0)), ORANGE.stroke_width(px(input, 2.0))))?;
    markers(&mut chart, input, y)?;
    legend(&chart, input, &[("capacity (replicas up)", Swatch::Line(BLUE.to_rgba())), ("demand", Swatch::Line(ORANGE.to_rgba()))])?;
    let (px, _) = chart.plotting_area().get_pixel_range();
    let (area_x, _) = area.get_base_pixel();
    let r = x_range(t);
    Ok(XMap { px0: (px.start - area_x) as f64, px1: (px.end - area_x) as f64, t0: r.start, t1: r.end })
}

/// A panel over the run's time axis with a 0–100 % scale.
fn percent_panel<'a, DB: DrawingBackend>(
    area: &'a DrawingArea<DB, Shift>,
    input: &ChartInput,
    caption: &str,
) -> Result<ChartContext<'a, DB, Cartesian2d<RangedCoordf64, RangedCoordf64>>, DrawingAreaErrorKind<DB::ErrorType>> {
    let mut chart = ChartBuilder::on(area)
        .caption(caption, font(input, 13.0, plot(input.palette.fg)))
        .margin(px(input, 6.0))
        .x_label_area_size(px(input, 22.0))
        .y_label_area_size(px(input, 58.0))
        .build_cartesian_2d(x_axis(input.trace), 0.0..100.0)?;
    title_and_mesh(&mut chart, input, "%", &|v| format!("{v:.0}%"))?;
    Ok(chart)
}

fn draw_visibility<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, input: &ChartInput) -> DrawResult<DB> {
    let t = input.trace;
    let mut chart = percent_panel(area, input, "What customers see vs what is really broken")?;
    let real = series(input.until, t, &t.fleet.control_plane_ok, |v| (1.0 - v) * 100.0);
    let seen = series(input.until, t, &t.fleet.user_error, |v| v * 100.0);
    // The hidden gap: broken underneath but not yet visible, thanks to DNS caches.
    let mut poly: Vec<(f64, f64)> = real.iter().zip(&seen).map(|(r, s)| (r.0, r.1.max(s.1))).collect();
    poly.extend(seen.iter().rev().cloned());
    chart
        .draw_series(std::iter::once(Polygon::new(poly, PURPLE.mix(0.22).filled())))?;
    if let Some(g) = input.ghost {
        chart
            .draw_series(LineSeries::new(series(input.until, g, &g.fleet.user_error, |v| v * 100.0), VERMILLION.mix(0.35).stroke_width(px(input, 2.0))))?;
    }
    chart
        .draw_series(LineSeries::new(real, PURPLE.stroke_width(px(input, 2.0))))?;
    chart
        .draw_series(LineSeries::new(series(input.until, t, &t.fleet.dns_health, |v| (1.0 - v) * 100.0), SKY.stroke_width(px(input, 1.5))))?;
    chart
        .draw_series(LineSeries::new(seen, VERMILLION.stroke_width(px(input, 2.5))))?;
    markers(&mut chart, input, (0.0, 100.0))?;
    let mut items = vec![
        ("hidden by DNS caches", Swatch::Fill(PURPLE.mix(0.4))),
        ("traffic on a failed control plane", Swatch::Line(PURPLE.to_rgba())),
        ("CoreDNS unable to answer", Swatch::Line(SKY.to_rgba())),
        ("customer requests failing", Swatch::Line(VERMILLION.to_rgba())),
    ];
    if input.ghost.is_some() {
        items.push(("customers: pinned run", Swatch::Line(VERMILLION.mix(0.35))));
    }
    legend(&chart, input, &items)
}

fn draw_admin<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, input: &ChartInput) -> DrawResult<DB> {
    let t = input.trace;
    let mut chart = percent_panel(area, input, "Can engineers reach the API? (admin request success)")?;
    if let Some(g) = input.ghost {
        chart.draw_series(LineSeries::new(series(input.until, g, &g.fleet.admin_success, |v| v * 100.0), GREEN.mix(0.35).stroke_width(px(input, 2.0))))?;
    }
    chart
        .draw_series(AreaSeries::new(series(input.until, t, &t.fleet.admin_success, |v| v * 100.0), 0.0, GREEN.mix(0.15)).border_style(GREEN.stroke_width(px(input, 2.0))))?;
    markers(&mut chart, input, (0.0, 100.0))?;
    legend(&chart, input, &[("admin requests succeeding", Swatch::Line(GREEN.to_rgba()))])
}

pub fn format_seats(v: f64) -> String {
    if v >= 1_000.0 {
        format!("{:.0}k", v / 1_000.0)
    } else {
        format!("{v:.0}")
    }
}
