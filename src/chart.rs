//! The charts, drawn on any plotters backend: a canvas in the browser, SVG in native tests.

use crate::palette::{self, Rgb};
use crate::sim::{EventKind, Trace};
use plotters::coord::ranged1d::ValueFormatter;
use plotters::coord::ranged1d::{DefaultFormatting, KeyPointHint};
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
    /// `from=`/`to=`: the window of the run (minutes after T) the x axis shows; `None`: all.
    pub window: Option<(f64, f64)>,
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
    /// The top of the first panel's plot and the bottom of the last one's (0, 0: the whole
    /// height), so the cursor starts under the caption and stops above a legend under the plot.
    pub py0: f64,
    pub py1: f64,
}

impl XMap {
    pub fn x(&self, t: f64) -> f64 {
        self.px0 + (t - self.t0) / (self.t1 - self.t0).max(1e-9) * (self.px1 - self.px0)
    }
}

pub fn draw<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, input: &ChartInput) -> Result<XMap, DrawingAreaErrorKind<DB::ErrorType>> {
    draw_panels(root, input, &Panel::ALL)
}

/// One of the three charts (`view=demand|visibility|access` shows one alone).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Panel {
    Demand,
    Visibility,
    Access,
}

impl Panel {
    pub const ALL: [Panel; 3] = [Panel::Demand, Panel::Visibility, Panel::Access];
    /// Share of the height when stacked.
    fn weight(self) -> i32 {
        match self {
            Panel::Demand => 40,
            Panel::Visibility => 35,
            Panel::Access => 25,
        }
    }
}

/// The given panels stacked top to bottom over the whole area; the x map is the first's
/// (all panels share one time axis and its pixel range).
pub fn draw_panels<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, input: &ChartInput, panels: &[Panel]) -> Result<XMap, DrawingAreaErrorKind<DB::ErrorType>> {
    let pal = Pens::of(&input.palette);
    root.fill(&pal.bg)?;
    let (_, h) = root.dim_in_pixel();
    let total: i32 = panels.iter().map(|p| p.weight()).sum::<i32>().max(1);
    let mut acc = 0;
    let mut breaks = Vec::new();
    for p in panels.iter().take(panels.len().saturating_sub(1)) {
        acc += p.weight();
        breaks.push(h as i32 * acc / total);
    }
    let areas = root.split_by_breakpoints(Vec::<i32>::new(), breaks);
    let mut xmap = XMap::default();
    for (i, (p, a)) in panels.iter().zip(&areas).enumerate() {
        let m = match p {
            Panel::Demand => draw_demand(a, input)?,
            Panel::Visibility => draw_visibility(a, input)?,
            Panel::Access => draw_admin(a, input)?,
        };
        if i == 0 {
            xmap = m;
        }
        xmap.py1 = m.py1;
    }
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


/// The x axis (hours on the axis; minutes here): the window, or the whole run.
fn x_range(input: &ChartInput) -> std::ops::Range<f64> {
    let t = input.trace;
    match input.window {
        Some((a, b)) if b > a => a..b,
        _ => t.t0_min..t.t_end(),
    }
}

/// What a series may show: up to `until` (spoiler-free) and inside the window.
#[derive(Clone, Copy)]
struct Clip {
    until: Option<f64>,
    lo: f64,
    hi: f64,
}

impl ChartInput<'_> {
    fn clip(&self) -> Clip {
        let r = x_range(self);
        Clip { until: self.until, lo: r.start, hi: r.end }
    }
}

fn series(clip: Clip, t: &Trace, v: &[f32], f: impl Fn(f64) -> f64) -> Vec<(f64, f64)> {
    let n = clip.until.map_or(v.len(), |u| (0..v.len()).take_while(|&i| t.t_at(i) <= u).count());
    v[..n]
        .iter()
        .enumerate()
        .filter(|(i, _)| (clip.lo - 1e-9..=clip.hi + 1e-9).contains(&t.t_at(*i)))
        .map(|(i, y)| (t.t_at(i) / 60.0, f(*y as f64)))
        .collect()
}

/// The time axis (in hours) with tick labels at round minutes, as many as fit without
/// overlapping (plotters' own key points would fall on 0.2 h = 12 min and the like).
#[derive(Clone)]
struct XCoord {
    r: RangedCoordf64,
    ticks: Vec<f64>,
}

impl Ranged for XCoord {
    type ValueType = f64;
    type FormatOption = DefaultFormatting;
    fn range(&self) -> std::ops::Range<f64> {
        self.r.range()
    }
    fn map(&self, v: &f64, limit: (i32, i32)) -> i32 {
        self.r.map(v, limit)
    }
    fn key_points<H: KeyPointHint>(&self, _: H) -> Vec<f64> {
        self.ticks.clone()
    }
}

/// Tick steps in minutes, smallest first.
const STEPS: [f64; 10] = [1.0, 2.0, 5.0, 10.0, 15.0, 30.0, 60.0, 120.0, 180.0, 360.0];

/// Narrow screens (under 560 CSS px): short captions, legends under the plot.
fn narrow<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, input: &ChartInput) -> bool {
    (area.dim_in_pixel().0 as f64) / input.scale < 560.0
}

/// A panel's layout, decided before drawing: the caption that fits, the plot area (with a
/// right margin that holds the last tick label), the ticks, and on narrow screens a strip
/// under the plot for the legend, so no label is cut and no legend covers the data.
struct Frame<DB: DrawingBackend> {
    plot: DrawingArea<DB, Shift>,
    legend: Option<DrawingArea<DB, Shift>>,
    caption: String,
    ticks: Vec<f64>,
    right: u32,
    y_area: u32,
}

fn frame<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    input: &ChartInput,
    captions: (&str, &str),
    items: &[(&str, Swatch)],
) -> Result<Frame<DB>, DrawingAreaErrorKind<DB::ErrorType>> {
    let narrow = narrow(area, input);
    let (w, h) = area.dim_in_pixel();
    let margin = px(input, 6.0);
    let cap_style = font(input, 13.0, plot(input.palette.fg));
    let caption = if area.estimate_text_size(captions.0, &cap_style)?.0 + 2 * margin <= w { captions.0 } else { captions.1 };
    let label = font(input, 11.0, plot(input.palette.muted));
    let y_area = px(input, if narrow { 50.0 } else { 58.0 });
    let r = x_range(input);
    let span = (r.end - r.start).max(1e-9);
    // The widest label any step could put at the end; half of it hangs past the last tick.
    let end_w = area.estimate_text_size(&crate::report::t_plus(r.end), &label)?.0;
    let plot_w = w.saturating_sub(y_area + 2 * margin + end_w / 2) as f64;
    let gap = px(input, 14.0) as f64;
    let mut ticks = Vec::new();
    for step in STEPS {
        let first = (r.start / step).ceil() * step;
        let cand: Vec<f64> = (0..).map(|k| first + k as f64 * step).take_while(|v| *v <= r.end + 1e-9).collect();
        let widest = cand.iter().map(|v| area.estimate_text_size(&crate::report::t_plus(*v), &label).map(|s| s.0)).collect::<Result<Vec<_>, _>>()?.into_iter().max().unwrap_or(0);
        ticks = cand;
        if step / span * plot_w >= widest as f64 + gap {
            break;
        }
    }
    let last_w = match ticks.last() {
        Some(v) => {
            let lw = area.estimate_text_size(&crate::report::t_plus(*v), &label)?.0 as f64;
            let room = (r.end - v) / span * plot_w;
            (lw / 2.0 - room).max(0.0) as u32
        }
        None => 0,
    };
    let right = margin.max(last_w + px(input, 3.0));
    // Under the plot on narrow screens, and for a chart shown alone (tall enough to spare
    // the rows): the legend never covers the data there.
    let tall = h as f64 / input.scale >= 280.0;
    let (plot_area, legend) = if (narrow || tall) && !items.is_empty() {
        let lh = legend_rows(area, input, items, w)?.1;
        let (a, b) = area.split_vertically(h.saturating_sub(lh) as i32);
        (a, Some(b))
    } else {
        (area.clone(), None)
    };
    Ok(Frame { plot: plot_area, legend, caption: caption.to_string(), ticks, right, y_area })
}

fn builder<'a, 'b, DB: DrawingBackend>(f: &'a Frame<DB>, input: &ChartInput) -> ChartBuilder<'a, 'b, DB> {
    let mut b = ChartBuilder::on(&f.plot);
    b.caption(&f.caption, font(input, 13.0, plot(input.palette.fg)))
        .margin(px(input, 6.0))
        .margin_right(f.right)
        .x_label_area_size(px(input, 22.0))
        .y_label_area_size(f.y_area);
    b
}

fn x_coord<DB: DrawingBackend>(f: &Frame<DB>, input: &ChartInput) -> XCoord {
    let r = x_range(input);
    let hours: Vec<f64> = f.ticks.iter().map(|m| m / 60.0).collect();
    XCoord { r: (r.start / 60.0..r.end / 60.0).into(), ticks: hours }
}

/// The x map of a drawn chart (relative to the canvas), for the cursor overlay.
fn xmap_of<DB: DrawingBackend, Y: Ranged<ValueType = f64>>(chart: &ChartContext<DB, Cartesian2d<XCoord, Y>>, input: &ChartInput) -> XMap {
    let (px, py) = chart.plotting_area().get_pixel_range();
    let r = x_range(input);
    XMap { px0: px.start as f64, px1: px.end as f64, t0: r.start, t1: r.end, py0: py.start as f64, py1: py.end as f64 }
}

fn title_and_mesh<DB: DrawingBackend, Y: Ranged<ValueType = f64> + ValueFormatter<f64>>(
    chart: &mut ChartContext<DB, Cartesian2d<XCoord, Y>>,
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
        .x_labels(64)
        .x_label_formatter(&|h| crate::report::t_plus(*h * 60.0))
        .y_label_formatter(y_fmt)
        .y_desc(y_desc)
        .draw()
}

fn markers<DB: DrawingBackend, Y: Ranged<ValueType = f64>>(
    chart: &mut ChartContext<DB, Cartesian2d<XCoord, Y>>,
    input: &ChartInput,
    y: (f64, f64),
) -> DrawResult<DB> {
    let pal = Pens::of(&input.palette);
    let r = x_range(input);
    for e in input.trace.events.iter().filter(|e| MARKED.contains(&e.kind) && input.until.is_none_or(|u| e.t_min <= u) && r.contains(&e.t_min)) {
        let x = e.t_min / 60.0;
        chart.draw_series(std::iter::once(PathElement::new(vec![(x, y.0), (x, y.1)], pal.muted.mix(0.5).stroke_width(px(input, 1.0)))))?;
    }
    if let Some(c) = input.cursor_t.filter(|c| r.contains(c)) {
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

/// Legend entries laid out left to right, wrapping at `width`: each entry's (x, row) and the
/// strip's height.
fn legend_rows<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, input: &ChartInput, items: &[(&str, Swatch)], width: u32) -> Result<(Vec<(i32, i32)>, u32), DrawingAreaErrorKind<DB::ErrorType>> {
    let style = font(input, 11.0, plot(input.palette.fg));
    let (pad, sw) = (px(input, 6.0) as i32, px(input, 16.0) as i32);
    let left = px(input, 8.0) as i32;
    let (mut x, mut row, mut at, mut line_h) = (left, 0, Vec::new(), 0);
    for (label, _) in items {
        let (tw, th) = area.estimate_text_size(label, &style)?;
        line_h = line_h.max(th as i32 + px(input, 4.0) as i32);
        let iw = sw + pad + tw as i32 + 2 * pad;
        if x > left && x + iw > width as i32 {
            x = left;
            row += 1;
        }
        at.push((x, row));
        x += iw;
    }
    Ok((at, ((row + 1) * line_h + pad) as u32))
}

/// A legend: under the plot on narrow screens (`Frame::legend`), else in the plot's
/// upper-right corner; laid out with the backend's own text measurement (plotters'
/// built-in series labels measure text through the DOM on wasm).
fn legend<DB: DrawingBackend, Y: Ranged<ValueType = f64>>(
    chart: &ChartContext<DB, Cartesian2d<XCoord, Y>>,
    f: &Frame<DB>,
    input: &ChartInput,
    items: &[(&str, Swatch)],
) -> DrawResult<DB> {
    let pal = Pens::of(&input.palette);
    if let Some(strip) = &f.legend {
        let style = font(input, 11.0, pal.fg);
        let (w, h) = strip.dim_in_pixel();
        let (at, _) = legend_rows(strip, input, items, w)?;
        let rows = at.iter().map(|a| a.1).max().unwrap_or(0) + 1;
        let row = (h as i32 - px(input, 6.0) as i32) / rows.max(1);
        let sw = px(input, 16.0) as i32;
        let pad = px(input, 6.0) as i32;
        for ((label, swatch), (x, r)) in items.iter().zip(at) {
            let cy = r * row + row / 2;
            match swatch {
                Swatch::Line(c) => strip.draw(&PathElement::new(vec![(x, cy), (x + sw, cy)], c.stroke_width(px(input, 3.0))))?,
                Swatch::Fill(c) => strip.draw(&Rectangle::new([(x, cy - row / 3), (x + sw, cy + row / 3)], c.filled()))?,
            }
            strip.draw_text(label, &style.pos(Pos::new(HPos::Left, VPos::Center)), (x + sw + pad, cy))?;
        }
        return Ok(());
    }
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
    let items = [("capacity (replicas up)", Swatch::Line(BLUE.to_rgba())), ("demand", Swatch::Line(ORANGE.to_rgba()))];
    let f = frame(area, input, ("API demand vs capacity (all production clusters)", "API demand vs capacity"), &items)?;
    let mut chart = builder(&f, input).build_cartesian_2d(x_coord(&f, input), (y.0..y.1).log_scale())?;
    title_and_mesh(&mut chart, input, "seats", &|v| format_seats(*v))?;
    if let Some(g) = input.ghost {
        chart.draw_series(LineSeries::new(series(input.clip(), g, &g.fleet.demand, |v| v.max(y.0)), ORANGE.mix(0.35).stroke_width(px(input, 2.0))))?;
    }
    chart
        .draw_series(LineSeries::new(series(input.clip(), t, &t.fleet.capacity, |v| v.max(y.0)), BLUE.stroke_width(px(input, 2.0))))?;
    chart
        .draw_series(LineSeries::new(series(input.clip(), t, &t.fleet.demand, |v| v.max(y.0)), ORANGE.stroke_width(px(input, 2.0))))?;
    markers(&mut chart, input, y)?;
    let _ = pal;
    legend(&chart, &f, input, &items)?;
    Ok(xmap_of(&chart, input))
}

/// A panel over the run's time axis with a 0–100 % scale.
fn percent_panel<'a, DB: DrawingBackend>(
    f: &'a Frame<DB>,
    input: &ChartInput,
) -> Result<ChartContext<'a, DB, Cartesian2d<XCoord, RangedCoordf64>>, DrawingAreaErrorKind<DB::ErrorType>> {
    let mut chart = builder(f, input).build_cartesian_2d(x_coord(f, input), 0.0..100.0)?;
    // The labels say "%"; a rotated "%" beside them only crowds narrow charts.
    title_and_mesh(&mut chart, input, "", &|v| format!("{v:.0}%"))?;
    Ok(chart)
}

fn draw_visibility<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, input: &ChartInput) -> Result<XMap, DrawingAreaErrorKind<DB::ErrorType>> {
    let t = input.trace;
    let mut items = vec![
        ("hidden by DNS caches", Swatch::Fill(PURPLE.mix(0.4))),
        ("traffic on a failed control plane", Swatch::Line(PURPLE.to_rgba())),
        ("CoreDNS unable to answer", Swatch::Line(SKY.to_rgba())),
        ("customer requests failing", Swatch::Line(VERMILLION.to_rgba())),
    ];
    if input.ghost.is_some() {
        items.push(("customers: pinned run", Swatch::Line(VERMILLION.mix(0.35))));
    }
    let f = frame(area, input, ("What customers see vs what is really broken", "Seen by customers vs broken"), &items)?;
    let mut chart = percent_panel(&f, input)?;
    let real = series(input.clip(), t, &t.fleet.control_plane_ok, |v| (1.0 - v) * 100.0);
    let seen = series(input.clip(), t, &t.fleet.user_error, |v| v * 100.0);
    // The hidden gap: broken underneath but not yet visible, thanks to DNS caches.
    let mut poly: Vec<(f64, f64)> = real.iter().zip(&seen).map(|(r, s)| (r.0, r.1.max(s.1))).collect();
    poly.extend(seen.iter().rev().cloned());
    chart
        .draw_series(std::iter::once(Polygon::new(poly, PURPLE.mix(0.22).filled())))?;
    if let Some(g) = input.ghost {
        chart
            .draw_series(LineSeries::new(series(input.clip(), g, &g.fleet.user_error, |v| v * 100.0), VERMILLION.mix(0.35).stroke_width(px(input, 2.0))))?;
    }
    chart
        .draw_series(LineSeries::new(real, PURPLE.stroke_width(px(input, 2.0))))?;
    chart
        .draw_series(LineSeries::new(series(input.clip(), t, &t.fleet.dns_health, |v| (1.0 - v) * 100.0), SKY.stroke_width(px(input, 1.5))))?;
    chart
        .draw_series(LineSeries::new(seen, VERMILLION.stroke_width(px(input, 2.5))))?;
    markers(&mut chart, input, (0.0, 100.0))?;
    legend(&chart, &f, input, &items)?;
    Ok(xmap_of(&chart, input))
}

fn draw_admin<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, input: &ChartInput) -> Result<XMap, DrawingAreaErrorKind<DB::ErrorType>> {
    let t = input.trace;
    // The fleet series is the worst impacted cluster not yet fixed: say so, so that a cluster's
    // "access regained" in the event log does not read as a contradiction.
    let items = [("admin writes getting through", Swatch::Line(GREEN.to_rgba()))];
    let f = frame(area, input, ("Can engineers reach the API? (the worst impacted cluster not yet fixed)", "Can engineers reach the API?"), &items)?;
    let mut chart = percent_panel(&f, input)?;
    if let Some(g) = input.ghost {
        chart.draw_series(LineSeries::new(series(input.clip(), g, &g.fleet.admin_success, |v| v * 100.0), GREEN.mix(0.35).stroke_width(px(input, 2.0))))?;
    }
    chart
        .draw_series(AreaSeries::new(series(input.clip(), t, &t.fleet.admin_success, |v| v * 100.0), 0.0, GREEN.mix(0.15)).border_style(GREEN.stroke_width(px(input, 2.0))))?;
    markers(&mut chart, input, (0.0, 100.0))?;
    legend(&chart, &f, input, &items)?;
    Ok(xmap_of(&chart, input))
}

pub fn format_seats(v: f64) -> String {
    if v >= 1_000.0 {
        format!("{:.0}k", v / 1_000.0)
    } else {
        format!("{v:.0}")
    }
}
