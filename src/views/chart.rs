//! The charts, laid out and drawn through a small [`Pen`]: plotters' backends behind
//! [`plot_pen::PlotPen`](crate::views::plot_pen::PlotPen) (plotters-canvas in the browser,
//! `ui::chart_canvas`; plotters' SVG backend natively), and [`SvgPen`] for the layout tests.
//! One non-generic drawing routine serves them all; only plotters' backend interface is used.

use crate::sim::{EventKind, Trace};
use crate::text::ticks::{self, LogSteps};
use crate::views::palette::{self, Rgb};

/// The page's themes: charts are drawn in the same colours as the page around them.
pub use crate::views::palette::{Theme as Palette, DARK, LIGHT};

/// A colour with an opacity.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Ink(pub Rgb, pub f64);

impl Ink {
    const fn solid(c: Rgb) -> Ink {
        Ink(c, 1.0)
    }
    const fn faded(c: Rgb, alpha: f64) -> Ink {
        Ink(c, alpha)
    }
}

/// Where a text's anchor point sits on it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Align {
    Left,
    Center,
    Right,
}

/// How a text sits on its anchor point vertically.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Baseline {
    Top,
    Middle,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Text {
    /// Font size in device pixels.
    pub px: f64,
    pub ink: Ink,
    pub align: Align,
    pub baseline: Baseline,
    /// Turned a quarter counter-clockwise (the y axis's description).
    pub upright: bool,
}

/// What the charts need of a drawing surface. Coordinates are device pixels, y down.
pub trait Pen {
    fn size(&self) -> (f64, f64);
    /// The width of `text` at `px` pixels, as it will be drawn (layout depends on it).
    fn text_width(&self, text: &str, px: f64) -> f64;
    fn rect(&mut self, x: f64, y: f64, w: f64, h: f64, fill: Ink);
    fn outline(&mut self, x: f64, y: f64, w: f64, h: f64, stroke: Ink, width: f64);
    fn polyline(&mut self, pts: &[(f64, f64)], stroke: Ink, width: f64);
    fn polygon(&mut self, pts: &[(f64, f64)], fill: Ink);
    fn text(&mut self, text: &str, at: (f64, f64), style: Text);
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
    /// Device pixels per CSS pixel: fonts and strokes scale with it so HiDPI stays crisp
    /// (present mode multiplies it, so a room can read the figure).
    pub scale: f64,
    /// A lesson's chapter: one cluster's series, and its answer marked after the reveal.
    pub lesson: Option<&'a Lesson>,
}

/// A lesson chapter's chart: the subject its answer is about, and the answer marked.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Lesson {
    /// The cluster whose series the panel draws (`None`: the production fleet's).
    pub cluster: Option<usize>,
    /// A second cluster drawn beside it (the demand chart).
    pub compare: Option<usize>,
    /// After the reveal: the answer on the figure.
    pub mark: Option<ChartMark>,
}

/// An answer marked on a chart: a point (`from == to`, at `value` in the panel's unit) or a
/// span (bracketed), its words, and levels across the plot (a derivation's value, words).
#[derive(Clone, Debug, PartialEq)]
pub struct ChartMark {
    pub from: f64,
    pub to: f64,
    pub value: Option<f64>,
    pub label: String,
    pub levels: Vec<(f64, String)>,
}

/// Events worth a marker line on every panel.
const MARKED: [EventKind; 5] =
    [EventKind::AgentLands, EventKind::FirstCustomerErrors, EventKind::AccessRegained, EventKind::FirstClusterRecovered, EventKind::AllRecovered];

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

/// All three charts stacked.
pub fn draw(pen: &mut dyn Pen, input: &ChartInput) -> XMap {
    draw_panels(pen, input, &Panel::ALL)
}

/// One of the three charts (`view=demand|visibility|access` shows one alone).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Panel {
    Demand,
    Visibility,
    Access,
    /// One cluster's API servers: memory held and replicas up (a lesson's figure).
    ApiServers,
}

impl Panel {
    pub const ALL: [Panel; 3] = [Panel::Demand, Panel::Visibility, Panel::Access];
    /// Share of the height when stacked.
    fn weight(self) -> f64 {
        match self {
            Panel::Demand => 40.0,
            Panel::Visibility => 35.0,
            Panel::Access | Panel::ApiServers => 25.0,
        }
    }
}

/// A rectangle in device pixels.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Area {
    x: f64,
    y: f64,
    w: f64,
    h: f64,
}

/// How a surface's panels are drawn: `draw_panels` (the fleet's) or `draw_lesson_panels`.
pub type DrawFn = fn(&mut dyn Pen, &ChartInput, &[Panel]) -> XMap;

/// A `DrawFn` as a component's prop: a figure keeps its way of drawing for its whole life, so
/// two are always equal (function addresses are not comparable anyway).
#[derive(Clone, Copy)]
pub struct Drawer(pub DrawFn);

impl PartialEq for Drawer {
    fn eq(&self, _: &Drawer) -> bool {
        true
    }
}

/// The given panels stacked top to bottom over the whole surface; the x map is the first's
/// (all panels share one time axis and its pixel range).
pub fn draw_panels(pen: &mut dyn Pen, input: &ChartInput, panels: &[Panel]) -> XMap {
    stack(pen, input, panels, draw_panel)
}

/// A lesson chapter's panels (`input.lesson`): the answer's cluster and, after the reveal, its
/// mark. Only the lesson (in the tools module) calls it, so the page's module carries none of it.
pub fn draw_lesson_panels(pen: &mut dyn Pen, input: &ChartInput, panels: &[Panel]) -> XMap {
    stack(pen, input, panels, draw_lesson_panel)
}

fn stack(pen: &mut dyn Pen, input: &ChartInput, panels: &[Panel], draw_panel: fn(&mut dyn Pen, &ChartInput, Panel, Area) -> XMap) -> XMap {
    let (w, h) = pen.size();
    pen.rect(0.0, 0.0, w, h, Ink::solid(input.palette.bg));
    let total: f64 = panels.iter().map(|p| p.weight()).sum::<f64>().max(1.0);
    let (mut y, mut xmap) = (0.0, XMap::default());
    for (i, p) in panels.iter().enumerate() {
        // Whole pixels, so stacked panels neither overlap nor leave a seam.
        let bottom = if i + 1 == panels.len() { h } else { (h * (y / h + p.weight() / total)).round() };
        let area = Area { x: 0.0, y, w, h: bottom - y };
        y = bottom;
        let m = draw_panel(pen, input, *p, area);
        if i == 0 {
            xmap = m;
        }
        xmap.py1 = m.py1;
    }
    xmap
}

/// Plotters-era sizes in points, kept so the charts look the same: 1 pt = 1.24 px.
const CAPTION_PX: f64 = 13.0 * 1.24;
pub const LABEL_PX: f64 = 11.0 * 1.24;

fn px(input: &ChartInput, v: f64) -> f64 {
    (v * input.scale).round().max(1.0)
}

fn text(input: &ChartInput, size: f64, color: Rgb, align: Align, baseline: Baseline) -> Text {
    Text { px: size * input.scale, ink: Ink::solid(color), align, baseline, upright: false }
}

/// The x axis (minutes after T): the window, or the whole run.
fn x_range(input: &ChartInput) -> (f64, f64) {
    let t = input.trace;
    match input.window {
        Some((a, b)) if b > a => (a, b),
        _ => (t.t0_min, t.t_end()),
    }
}

/// A series' (minute, value) points up to `until` (spoiler-free) and inside the window.
fn series(input: &ChartInput, t: &Trace, v: &[f32], f: impl Fn(f64) -> f64) -> Vec<(f64, f64)> {
    let (lo, hi) = x_range(input);
    let n = input.until.map_or(v.len(), |u| (0..v.len()).take_while(|&i| t.t_at(i) <= u).count());
    v[..n].iter().enumerate().map(|(i, y)| (t.t_at(i), f(*y as f64))).filter(|(t, _)| (lo - 1e-9..=hi + 1e-9).contains(t)).collect()
}

/// Tick steps in minutes, smallest first.
const STEPS: [f64; 10] = [1.0, 2.0, 5.0, 10.0, 15.0, 30.0, 60.0, 120.0, 180.0, 360.0];

/// How a legend entry is drawn: a line or a filled patch.
#[derive(Clone, Copy)]
enum Swatch {
    Line(Ink),
    Fill(Ink),
}

/// The value axis: linear 0–100 %, or logarithmic in CPU cores.
#[derive(Clone, Copy)]
enum Scale {
    Percent,
    Log(f64, f64),
    /// Logarithmic in multiples ("0.1×", "1×", "10×").
    Times(f64, f64),
}

impl Scale {
    fn range(self) -> (f64, f64) {
        match self {
            Scale::Percent => (0.0, 100.0),
            Scale::Log(a, b) | Scale::Times(a, b) => (a.log10(), b.log10()),
        }
    }
    fn unit(self, v: f64) -> f64 {
        let (a, b) = self.range();
        let v = match self {
            Scale::Percent => v,
            Scale::Log(..) | Scale::Times(..) => v.max(1e-9).log10(),
        };
        ((v - a) / (b - a).max(1e-9)).clamp(0.0, 1.0)
    }
    fn label(self, v: f64) -> String {
        match self {
            Scale::Percent => format!("{v:.0}%"),
            Scale::Log(..) => format_seats(v),
            // Log ticks below 1 are 0.5, 0.2, 0.1, 0.05, …: two decimals hold them (no shortest
            // float printing in the page).
            Scale::Times(..) if v < 1.0 => format!("{}×", format!("{v:.2}").trim_end_matches('0').trim_end_matches('.')),
            Scale::Times(..) => format!("{v:.0}×"),
        }
    }
    /// Labelled values, as many as fit `room` pixels with `gap` between labels.
    fn ticks(self, room: f64, gap: f64) -> Vec<f64> {
        let fits = |n: usize| n <= 1 || room / (n - 1) as f64 >= gap;
        match self {
            // Every 25 %, or every 50 % where those do not fit.
            Scale::Percent => ticks::round_ticks(0.0, 100.0, [25.0, 50.0], |_, t| fits(t.len())),
            Scale::Log(lo, hi) | Scale::Times(lo, hi) => {
                let (decades, dense) = (ticks::log_ticks(lo, hi, LogSteps::Decades), ticks::log_ticks(lo, hi, LogSteps::OneTwoFive));
                // Between labels on a log axis the spacing varies: check the tightest pair.
                let tight = |vs: &[f64]| vs.windows(2).map(|w| (self.unit(w[1]) - self.unit(w[0])) * room).fold(f64::MAX, f64::min) >= gap;
                if dense.len() <= 6 && tight(&dense) {
                    dense
                } else {
                    decades
                }
            }
        }
    }
}

/// What a panel shows, before layout.
struct Spec<'s> {
    captions: (String, String),
    items: Vec<(String, Swatch)>,
    scale: Scale,
    /// The rotated description beside the value labels ("seats"); empty: none.
    desc: &'s str,
}

/// A panel's layout, decided before drawing: the caption that fits, the plot (with a right
/// margin that holds the last tick label), the time ticks, and on narrow or tall panels a
/// strip under the plot for the legend, so no label is cut and no legend covers the data.
struct Frame<'s> {
    caption: &'s str,
    /// The caption's top centre: centred over the whole panel.
    caption_at: (f64, f64),
    plot: Area,
    /// The width left of the plot for value labels and the axis's description.
    y_area: f64,
    legend: Option<Area>,
    ticks: Vec<f64>,
}

/// Narrow screens (under 560 CSS px): short captions, legends under the plot.
fn narrow(area: Area, input: &ChartInput) -> bool {
    area.w / input.scale < 560.0
}

fn frame<'s>(pen: &dyn Pen, area: Area, input: &ChartInput, spec: &'s Spec<'s>) -> Frame<'s> {
    let narrow = narrow(area, input);
    let margin = px(input, 6.0);
    let (cap_px, label_px) = (CAPTION_PX * input.scale, LABEL_PX * input.scale);
    let caption = if pen.text_width(&spec.captions.0, cap_px) + 2.0 * margin <= area.w { &spec.captions.0 } else { &spec.captions.1 };
    let y_area = px(input, if narrow { 50.0 } else { 58.0 });
    let (lo, hi) = x_range(input);
    let span = (hi - lo).max(1e-9);
    let label_w = |t: f64| pen.text_width(&crate::text::t_plus(t), label_px);
    // The widest label any step could put at the end; half of it hangs past the last tick.
    let plot_w = (area.w - y_area - 2.0 * margin - label_w(hi) / 2.0).max(1.0);
    let gap = px(input, 14.0);
    // The first round step whose widest label and a gap fit between two ticks.
    let ticks = ticks::round_ticks(lo, hi, STEPS, |step, ticks| step / span * plot_w >= ticks.iter().map(|v| label_w(*v)).fold(0.0, f64::max) + gap);
    let overhang = ticks.last().map_or(0.0, |v| (label_w(*v) / 2.0 - (hi - v) / span * plot_w).max(0.0));
    let right = margin.max(overhang.ceil() + px(input, 3.0));
    // Under the plot on narrow screens, and for a chart shown alone (tall enough to spare
    // the rows): the legend never covers the data there.
    let tall = area.h / input.scale >= 280.0;
    let legend_h = if (narrow || tall) && !spec.items.is_empty() { legend_rows(pen, input, &spec.items, area.w).1 } else { 0.0 };
    // Whole pixels: grid lines, markers and axes then fall on pixel edges and stay crisp.
    let top = (area.y + margin + cap_px * 1.25).round();
    let bottom = (area.y + area.h - legend_h - margin - px(input, 22.0)).round();
    let left = (area.x + margin + y_area).round();
    let plot = Area { x: left, y: top, w: (area.x + area.w - right - left).round().max(1.0), h: (bottom - top).max(1.0) };
    let legend = (legend_h > 0.0).then_some(Area { x: area.x, y: area.y + area.h - legend_h, w: area.w, h: legend_h });
    Frame { caption, caption_at: (area.x + area.w / 2.0, area.y + margin), plot, y_area, legend, ticks }
}

/// A panel's pixel mapping: minutes to x, values to y.
struct Plot {
    area: Area,
    t: (f64, f64),
    scale: Scale,
}

impl Plot {
    fn x(&self, t: f64) -> f64 {
        let (a, b) = self.t;
        self.area.x + (t - a) / (b - a).max(1e-9) * self.area.w
    }
    fn y(&self, v: f64) -> f64 {
        self.area.y + self.area.h * (1.0 - self.scale.unit(v))
    }
    /// Points in pixels, leaving out those within a pixel across and half a pixel up of the
    /// last one kept (the trace has a sample every 10 s, several per pixel): the drawn line is
    /// the same to within half a pixel, at a third of the points.
    fn points(&self, pts: &[(f64, f64)]) -> Vec<(f64, f64)> {
        let mut out: Vec<(f64, f64)> = Vec::with_capacity(pts.len());
        let mut skipped = None;
        for &(t, v) in pts {
            let p = (self.x(t), self.y(v));
            match out.last() {
                Some(&(x, y)) if (p.0 - x).abs() < 1.0 && (p.1 - y).abs() < 0.5 => skipped = Some(p),
                _ => {
                    out.push(p);
                    skipped = None;
                }
            }
        }
        // The line ends where the data does.
        out.extend(skipped);
        out
    }
}

/// A panel of the fleet (a lesson's panels of a cluster are `draw_lesson_panel`'s).
fn draw_panel(pen: &mut dyn Pen, input: &ChartInput, panel: Panel, area: Area) -> XMap {
    let spec = match panel {
        Panel::Demand => demand_spec(input),
        Panel::Visibility => visibility_spec(input),
        Panel::Access | Panel::ApiServers => access_spec(input, None),
    };
    let f = frame(pen, area, input, &spec);
    let plot = Plot { area: f.plot, t: x_range(input), scale: spec.scale };
    axes(pen, input, &f, &plot, &spec);
    match panel {
        Panel::Demand => demand_series(pen, input, &plot),
        Panel::Visibility => visibility_series(pen, input, &plot),
        Panel::Access | Panel::ApiServers => access_series(pen, input, &plot, None),
    }
    markers(pen, input, &plot);
    legend(pen, input, &f, &spec.items);
    XMap { px0: f.plot.x, px1: f.plot.x + f.plot.w, t0: plot.t.0, t1: plot.t.1, py0: f.plot.y, py1: f.plot.y + f.plot.h }
}

fn draw_lesson_panel(pen: &mut dyn Pen, input: &ChartInput, panel: Panel, area: Area) -> XMap {
    let one = input.lesson.and_then(|l| l.cluster).filter(|&c| c < input.trace.per_cluster.len());
    let spec = match (panel, one) {
        (Panel::Demand, Some(c)) => cluster_demand_spec(input, c),
        (Panel::Demand, None) => demand_spec(input),
        (Panel::Visibility, _) => visibility_spec(input),
        (Panel::Access, _) => access_spec(input, one),
        (Panel::ApiServers, _) => apiservers_spec(input, one.unwrap_or(0)),
    };
    let f = frame(pen, area, input, &spec);
    let plot = Plot { area: f.plot, t: x_range(input), scale: spec.scale };
    axes(pen, input, &f, &plot, &spec);
    match (panel, one) {
        (Panel::Demand, Some(c)) => cluster_demand_series(pen, input, &plot, c),
        (Panel::Demand, None) => demand_series(pen, input, &plot),
        (Panel::Visibility, _) => visibility_series(pen, input, &plot),
        (Panel::Access, _) => access_series(pen, input, &plot, one),
        (Panel::ApiServers, _) => apiservers_series(pen, input, &plot, one.unwrap_or(0)),
    }
    markers(pen, input, &plot);
    if let Some(m) = input.lesson.and_then(|l| l.mark.as_ref()) {
        mark(pen, input, &plot, m);
    }
    legend(pen, input, &f, &spec.items);
    XMap { px0: f.plot.x, px1: f.plot.x + f.plot.w, t0: plot.t.0, t1: plot.t.1, py0: f.plot.y, py1: f.plot.y + f.plot.h }
}

/// The caption, grid, axis lines, tick labels and the value axis's description.
fn axes(pen: &mut dyn Pen, input: &ChartInput, f: &Frame, plot: &Plot, spec: &Spec) {
    let pal = &input.palette;
    let a = f.plot;
    let (label_px, thin) = (LABEL_PX * input.scale, px(input, 1.0));
    pen.text(f.caption, f.caption_at, text(input, CAPTION_PX, pal.fg, Align::Center, Baseline::Top));
    let grid = Ink::solid(pal.line);
    let labels = text(input, LABEL_PX, pal.muted, Align::Right, Baseline::Middle);
    for v in spec.scale.ticks(a.h, label_px * 1.6) {
        let y = plot.y(v).round();
        pen.polyline(&[(a.x, y), (a.x + a.w, y)], grid, thin);
        pen.text(&spec.scale.label(v), (a.x - px(input, 5.0), y), labels);
    }
    let under = text(input, LABEL_PX, pal.muted, Align::Center, Baseline::Top);
    for t in &f.ticks {
        let x = plot.x(*t).round();
        pen.polyline(&[(x, a.y), (x, a.y + a.h)], grid, thin);
        pen.text(&crate::text::t_plus(*t), (x, a.y + a.h + px(input, 5.0)), under);
    }
    let axis = Ink::solid(pal.muted);
    pen.polyline(&[(a.x, a.y), (a.x, a.y + a.h), (a.x + a.w, a.y + a.h)], axis, thin);
    if !spec.desc.is_empty() {
        let style = Text { upright: true, ..text(input, LABEL_PX, pal.muted, Align::Center, Baseline::Top) };
        pen.text(spec.desc, (a.x - f.y_area, a.y + a.h / 2.0), style);
    }
}

fn markers(pen: &mut dyn Pen, input: &ChartInput, plot: &Plot) {
    let (lo, hi) = plot.t;
    let a = plot.area;
    let inside = |t: f64| (lo..=hi).contains(&t);
    for e in input.trace.events.iter().filter(|e| MARKED.contains(&e.kind) && input.until.is_none_or(|u| e.t_min <= u) && inside(e.t_min)) {
        let x = plot.x(e.t_min).round();
        pen.polyline(&[(x, a.y), (x, a.y + a.h)], Ink::faded(input.palette.muted, 0.5), px(input, 1.0));
    }
    if let Some(c) = input.cursor_t.filter(|c| inside(*c)) {
        let x = plot.x(c);
        pen.polyline(&[(x, a.y), (x, a.y + a.h)], Ink::solid(input.palette.cursor()), px(input, 2.0));
    }
}

/// Legend entries laid out left to right, wrapping at `width`: each entry's (x, row) and the
/// strip's height.
fn legend_rows(pen: &dyn Pen, input: &ChartInput, items: &[(String, Swatch)], width: f64) -> (Vec<(f64, usize)>, f64) {
    let label_px = LABEL_PX * input.scale;
    let (pad, sw, left) = (px(input, 6.0), px(input, 16.0), px(input, 8.0));
    let line_h = (label_px * 1.2).ceil() + px(input, 4.0);
    let (mut x, mut row, mut at) = (left, 0, Vec::new());
    for (label, _) in items {
        let iw = sw + pad + pen.text_width(label, label_px).ceil() + 2.0 * pad;
        if x > left && x + iw > width {
            x = left;
            row += 1;
        }
        at.push((x, row));
        x += iw;
    }
    (at, (row + 1) as f64 * line_h + pad)
}

fn swatch(pen: &mut dyn Pen, input: &ChartInput, s: Swatch, x: f64, cy: f64, half: f64) {
    let sw = px(input, 16.0);
    match s {
        Swatch::Line(c) => pen.polyline(&[(x, cy), (x + sw, cy)], c, px(input, 3.0)),
        Swatch::Fill(c) => pen.rect(x, cy - half, sw, 2.0 * half, c),
    }
}

/// A legend: in its strip under the plot (`Frame::legend`), else in the plot's upper-right
/// corner, on a panel of the background so lines under it do not show through.
fn legend(pen: &mut dyn Pen, input: &ChartInput, f: &Frame, items: &[(String, Swatch)]) {
    let pal = &input.palette;
    let label = text(input, LABEL_PX, pal.fg, Align::Left, Baseline::Middle);
    let (pad, sw) = (px(input, 6.0), px(input, 16.0));
    if let Some(strip) = f.legend {
        let (at, _) = legend_rows(pen, input, items, strip.w);
        let rows = at.iter().map(|a| a.1).max().unwrap_or(0) + 1;
        let row = ((strip.h - pad) / rows as f64).floor();
        for ((name, s), (x, r)) in items.iter().zip(at) {
            let cy = strip.y + r as f64 * row + (row / 2.0).floor();
            swatch(pen, input, *s, strip.x + x, cy, (row / 3.0).floor());
            pen.text(name, (strip.x + x + sw + pad, cy), label);
        }
        return;
    }
    let widths: Vec<f64> = items.iter().map(|(l, _)| pen.text_width(l, label.px).ceil()).collect();
    let row = (label.px * 1.2).ceil() + px(input, 3.0);
    let w = widths.iter().cloned().fold(0.0, f64::max) + sw + 3.0 * pad;
    let h = row * items.len() as f64 + pad;
    let a = f.plot;
    let (x0, y0) = (a.x + a.w - w - pad, a.y + pad);
    pen.rect(x0, y0, w, h, Ink::faded(pal.bg, 0.88));
    pen.outline(x0, y0, w, h, Ink::solid(pal.line), 1.0);
    for (k, (name, s)) in items.iter().enumerate() {
        let cy = y0 + (pad / 2.0).floor() + row * k as f64 + (row / 2.0).floor();
        swatch(pen, input, *s, x0 + pad, cy, (row / 3.0).floor());
        pen.text(name, (x0 + pad + sw + pad, cy), label);
    }
}

fn demand_spec(input: &ChartInput) -> Spec<'static> {
    let max = input.trace.fleet.demand.iter().chain(input.ghost.map(|g| &g.fleet.demand).into_iter().flatten()).cloned().fold(1_000.0f32, f32::max) as f64;
    Spec {
        captions: ("API demand vs capacity in CPU cores (all production clusters)".into(), "API demand vs capacity".into()),
        items: vec![("capacity (replicas up)".into(), Swatch::Line(Ink::solid(palette::BLUE))), ("demand".into(), Swatch::Line(Ink::solid(palette::ORANGE)))],
        scale: Scale::Log(10.0, max * 1.5),
        desc: "CPU cores",
    }
}

fn demand_series(pen: &mut dyn Pen, input: &ChartInput, plot: &Plot) {
    let t = input.trace;
    let w = px(input, 2.0);
    if let Some(g) = input.ghost {
        pen.polyline(&plot.points(&series(input, g, &g.fleet.demand, |v| v)), Ink::faded(palette::ORANGE, 0.35), w);
    }
    pen.polyline(&plot.points(&series(input, t, &t.fleet.capacity, |v| v)), Ink::solid(palette::BLUE), w);
    pen.polyline(&plot.points(&series(input, t, &t.fleet.demand, |v| v)), Ink::solid(palette::ORANGE), w);
}

fn visibility_spec(input: &ChartInput) -> Spec<'static> {
    let mut items: Vec<(String, Swatch)> = vec![
        ("hidden: down, unseen".into(), Swatch::Fill(Ink::faded(palette::PURPLE, 0.4))),
        ("control plane down or cut off".into(), Swatch::Line(Ink::solid(palette::PURPLE))),
        ("CoreDNS unable to answer".into(), Swatch::Line(Ink::solid(palette::SKY))),
        ("customer requests failing".into(), Swatch::Line(Ink::solid(palette::VERMILLION))),
    ];
    if input.ghost.is_some() {
        items.push(("customers: pinned run".into(), Swatch::Line(Ink::faded(palette::VERMILLION, 0.35))));
    }
    Spec { captions: ("What customers see vs what is really broken".into(), "Seen by customers vs broken".into()), items, scale: Scale::Percent, desc: "" }
}

fn visibility_series(pen: &mut dyn Pen, input: &ChartInput, plot: &Plot) {
    let t = input.trace;
    let real = series(input, t, &t.fleet.control_plane_ok, |v| (1.0 - v) * 100.0);
    let seen = series(input, t, &t.fleet.user_error, |v| v * 100.0);
    // Hidden (`Trace::hidden`, the one definition): from the first fall until customers first
    // see errors, shaded over the plot's height as far as the figure has got.
    if let Some((a, b)) = t.hidden() {
        let (lo, hi) = plot.t;
        let b = input.until.map_or(b, |u| b.min(u));
        let (a, b) = (a.max(lo), b.min(hi));
        if b > a {
            let (x0, x1) = (plot.x(a), plot.x(b));
            pen.rect(x0, plot.area.y, (x1 - x0).max(1.0), plot.area.h, Ink::faded(palette::PURPLE, 0.22));
        }
    }
    if let Some(g) = input.ghost {
        pen.polyline(&plot.points(&series(input, g, &g.fleet.user_error, |v| v * 100.0)), Ink::faded(palette::VERMILLION, 0.35), px(input, 2.0));
    }
    pen.polyline(&plot.points(&real), Ink::solid(palette::PURPLE), px(input, 2.0));
    pen.polyline(&plot.points(&series(input, t, &t.fleet.dns_health, |v| (1.0 - v) * 100.0)), Ink::solid(palette::SKY), px(input, 1.5));
    pen.polyline(&plot.points(&seen), Ink::solid(palette::VERMILLION), px(input, 2.5));
}

fn access_spec(input: &ChartInput, one: Option<usize>) -> Spec<'static> {
    // The fleet series is the worst impacted cluster not yet fixed: say so, so that a cluster's
    // "access regained" in the event log does not read as a contradiction. A lesson's chart
    // shows the cluster its answer is about.
    let captions = match one {
        Some(c) => {
            let name = &input.trace.clusters[c].name;
            (format!("Can engineers reach {name}'s API?"), format!("{name}: admin writes"))
        }
        None => ("Can engineers reach the API? (the worst impacted cluster not yet fixed)".into(), "Can engineers reach the API?".into()),
    };
    Spec { captions, items: vec![("admin writes getting through".into(), Swatch::Line(Ink::solid(palette::GREEN)))], scale: Scale::Percent, desc: "" }
}

fn access_series(pen: &mut dyn Pen, input: &ChartInput, plot: &Plot, one: Option<usize>) {
    let t = input.trace;
    let of = |t: &'_ Trace| -> Vec<f32> { one.and_then(|c| t.per_cluster.get(c)).map_or_else(|| t.fleet.admin_success.clone(), |s| s.admin.clone()) };
    if let Some(g) = input.ghost {
        pen.polyline(&plot.points(&series(input, g, &of(g), |v| v * 100.0)), Ink::faded(palette::GREEN, 0.35), px(input, 2.0));
    }
    let line = plot.points(&series(input, t, &of(t), |v| v * 100.0));
    if let (Some(first), Some(last)) = (line.first(), line.last()) {
        let floor = plot.y(0.0);
        let mut area = line.clone();
        area.extend([(last.0, floor), (first.0, floor)]);
        pen.polygon(&area, Ink::faded(palette::GREEN, 0.15));
    }
    pen.polyline(&line, Ink::solid(palette::GREEN), px(input, 2.0));
}

/// One cluster's CPU demand ÷ its cores (retries and relists included), a second cluster's
/// beside it, against its cores (1×): a lesson's figure.
fn cluster_demand_spec(input: &ChartInput, c: usize) -> Spec<'static> {
    let t = input.trace;
    let l = input.lesson.cloned().unwrap_or_default();
    let name = &t.clusters[c].name;
    let mut items: Vec<(String, Swatch)> = vec![
        ("its cores (1×)".into(), Swatch::Line(Ink::solid(palette::BLUE))),
        (format!("{name}: asked, with retries and relists"), Swatch::Line(Ink::solid(palette::ORANGE))),
    ];
    let mut max = t.per_cluster[c].load.iter().cloned().fold(2.0f32, f32::max) as f64;
    if let Some(o) = l.compare.filter(|&o| o < t.per_cluster.len()) {
        items.push((t.clusters[o].name.clone(), Swatch::Line(Ink::solid(palette::SKY))));
        max = max.max(t.per_cluster[o].load.iter().cloned().fold(0.0f32, f32::max) as f64);
    }
    if let Some(m) = &l.mark {
        max = m.levels.iter().map(|l| l.0).fold(max, f64::max);
    }
    Spec {
        captions: (format!("CPU asked of {name}'s API servers ÷ their cores"), format!("{name}: CPU asked ÷ cores")),
        items,
        scale: Scale::Times(0.01, max * 1.5),
        desc: "× its cores",
    }
}

fn cluster_demand_series(pen: &mut dyn Pen, input: &ChartInput, plot: &Plot, c: usize) {
    let t = input.trace;
    let w = px(input, 2.0);
    let (lo, hi) = plot.t;
    pen.polyline(&[(plot.x(lo), plot.y(1.0)), (plot.x(hi), plot.y(1.0))], Ink::solid(palette::BLUE), w);
    if let Some(o) = input.lesson.and_then(|l| l.compare).filter(|&o| o < t.per_cluster.len()) {
        pen.polyline(&plot.points(&series(input, t, &t.per_cluster[o].load, |v| v)), Ink::solid(palette::SKY), w);
    }
    pen.polyline(&plot.points(&series(input, t, &t.per_cluster[c].load, |v| v)), Ink::solid(palette::ORANGE), w);
}

/// One cluster's API servers: memory held per replica up (% of its limit) and replicas up.
fn apiservers_spec(input: &ChartInput, c: usize) -> Spec<'static> {
    let name = &input.trace.clusters[c].name;
    Spec {
        captions: (format!("{name}'s API servers: memory held and replicas up"), format!("{name}'s API servers")),
        items: vec![
            ("memory held (% of its limit)".into(), Swatch::Line(Ink::solid(palette::VERMILLION))),
            ("replicas up".into(), Swatch::Line(Ink::solid(palette::BLUE))),
        ],
        scale: Scale::Percent,
        desc: "",
    }
}

fn apiservers_series(pen: &mut dyn Pen, input: &ChartInput, plot: &Plot, c: usize) {
    let s = &input.trace.per_cluster[c];
    let w = px(input, 2.0);
    pen.polyline(&plot.points(&series(input, input.trace, &s.apiserver_up, |v| v * 100.0)), Ink::solid(palette::BLUE), w);
    pen.polyline(&plot.points(&series(input, input.trace, &s.memory, |v| (v * 100.0).min(100.0))), Ink::solid(palette::VERMILLION), w);
}

/// The answer on the figure: levels across the plot, a bracket over a span or a ring at a
/// point, and its words on a panel of the background beside it.
fn mark(pen: &mut dyn Pen, input: &ChartInput, plot: &Plot, m: &ChartMark) {
    let pal = &input.palette;
    let a = plot.area;
    let ink = Ink::solid(pal.fg);
    let label_px = LABEL_PX * input.scale;
    let words = |pen: &mut dyn Pen, text: &str, x: f64, y: f64| {
        let w = pen.text_width(text, label_px).ceil() + px(input, 8.0);
        let h = (label_px * 1.3).ceil();
        // Kept inside the plot: left of the point when it would run off the right edge.
        let x0 = if x + w > a.x + a.w { (x - w).max(a.x) } else { x };
        let y0 = y.clamp(a.y, a.y + a.h - h);
        pen.rect(x0, y0, w, h, Ink::faded(pal.bg, 0.9));
        pen.outline(x0, y0, w, h, ink, 1.0);
        pen.text(text, (x0 + px(input, 4.0), y0 + h / 2.0), text_style(input, pal.fg));
    };
    for (v, text) in &m.levels {
        let y = plot.y(*v).round();
        pen.polyline(&[(a.x, y), (a.x + a.w, y)], Ink::faded(pal.fg, 0.6), px(input, 1.0));
        words(pen, text, a.x + px(input, 4.0), y - (label_px * 1.3).ceil() - px(input, 2.0));
    }
    let (x0, x1) = (plot.x(m.from.max(plot.t.0)), plot.x(m.to.min(plot.t.1)));
    if !m.levels.is_empty() {
        // Levels carry the answer in their own words.
    } else if m.to > m.from + 1e-9 {
        let y = a.y + px(input, 10.0);
        let tick = px(input, 6.0);
        pen.polyline(&[(x0, y + tick), (x0, y), (x1, y), (x1, y + tick)], ink, px(input, 2.0));
        words(pen, &m.label, x0, y + px(input, 4.0));
    } else if let Some(v) = m.value {
        let (x, y) = (x1, plot.y(v));
        let r = px(input, 6.0);
        // A diamond round the point (no trigonometry in the page).
        let ring = [(x, y - r), (x + r, y), (x, y + r), (x - r, y), (x, y - r)];
        pen.polyline(&ring, ink, px(input, 2.0));
        words(pen, &m.label, x + r + px(input, 2.0), y - (label_px * 1.3) - r);
    } else {
        pen.polyline(&[(x1, a.y), (x1, a.y + a.h)], ink, px(input, 2.0));
        words(pen, &m.label, x1 + px(input, 4.0), a.y + px(input, 4.0));
    }
}

fn text_style(input: &ChartInput, c: Rgb) -> Text {
    text(input, LABEL_PX, c, Align::Left, Baseline::Middle)
}

pub fn format_seats(v: f64) -> String {
    if v >= 1_000.0 {
        format!("{:.0}k", v / 1_000.0)
    } else {
        format!("{v:.0}")
    }
}

/// An SVG document drawn by the charts: for native tests and files. Text is measured as a
/// browser's sans-serif roughly is (0.6 em a character), so layout decisions (which caption
/// fits, the right margin, how many ticks) are made on realistic widths.
pub struct SvgPen {
    w: f64,
    h: f64,
    body: String,
}

impl SvgPen {
    pub const EM: f64 = 0.6;

    pub fn new(w: f64, h: f64) -> SvgPen {
        SvgPen { w, h, body: String::new() }
    }

    pub fn finish(self) -> String {
        format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\">\n{}</svg>\n",
            self.body,
            w = self.w,
            h = self.h
        )
    }

    fn paint(kind: &str, ink: Ink) -> String {
        if ink.1 < 1.0 {
            format!("{kind}=\"{}\" {kind}-opacity=\"{:.2}\"", ink.0.css(), ink.1)
        } else {
            format!("{kind}=\"{}\"", ink.0.css())
        }
    }

    fn points(pts: &[(f64, f64)]) -> String {
        pts.iter().map(|(x, y)| format!("{x:.1},{y:.1}")).collect::<Vec<_>>().join(" ")
    }
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

impl Pen for SvgPen {
    fn size(&self) -> (f64, f64) {
        (self.w, self.h)
    }
    fn text_width(&self, text: &str, px: f64) -> f64 {
        text.chars().count() as f64 * px * Self::EM
    }
    fn rect(&mut self, x: f64, y: f64, w: f64, h: f64, fill: Ink) {
        self.body += &format!("<rect x=\"{x:.1}\" y=\"{y:.1}\" width=\"{w:.1}\" height=\"{h:.1}\" {}/>\n", Self::paint("fill", fill));
    }
    fn outline(&mut self, x: f64, y: f64, w: f64, h: f64, stroke: Ink, width: f64) {
        self.body += &format!(
            "<rect x=\"{x:.1}\" y=\"{y:.1}\" width=\"{w:.1}\" height=\"{h:.1}\" fill=\"none\" {} stroke-width=\"{width}\"/>\n",
            Self::paint("stroke", stroke)
        );
    }
    fn polyline(&mut self, pts: &[(f64, f64)], stroke: Ink, width: f64) {
        if pts.len() >= 2 {
            self.body += &format!("<polyline fill=\"none\" {} stroke-width=\"{width}\" points=\"{}\"/>\n", Self::paint("stroke", stroke), Self::points(pts));
        }
    }
    fn polygon(&mut self, pts: &[(f64, f64)], fill: Ink) {
        if pts.len() >= 3 {
            self.body += &format!("<polygon {} points=\"{}\"/>\n", Self::paint("fill", fill), Self::points(pts));
        }
    }
    fn text(&mut self, text: &str, (x, y): (f64, f64), s: Text) {
        let anchor = match s.align {
            Align::Left => "start",
            Align::Center => "middle",
            Align::Right => "end",
        };
        let baseline = match s.baseline {
            Baseline::Top => "hanging",
            Baseline::Middle => "middle",
        };
        let turn = if s.upright { format!(" transform=\"rotate(-90 {x:.1} {y:.1})\"") } else { String::new() };
        self.body += &format!(
            "<text x=\"{x:.1}\" y=\"{y:.1}\" font-size=\"{:.2}\" font-family=\"sans-serif\" text-anchor=\"{anchor}\" dominant-baseline=\"{baseline}\" {}{turn}>{}</text>\n",
            s.px,
            Self::paint("fill", s.ink),
            escape(text)
        );
    }
}
