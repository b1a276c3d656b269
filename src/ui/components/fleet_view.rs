//! The fleet on a canvas: each cluster a block of node glyphs coloured *and shaped* by
//! state, with gauges for API load, replicas up, CoreDNS and client caches. Redrawn when
//! the sample under the cursor changes; glyph count is capped, so cost does not grow with nodes.

use crate::sim::trace::{ClusterInfo, ClusterSeries};
use crate::sim::{ClusterState, Trace};
use crate::text::group_thousands;
use crate::ui::dom;
use crate::ui::hooks::{use_print_draw, use_width};
use crate::ui::state::TraceRef;
use crate::views::fleet_grid::{abbreviate, Grid};
use crate::views::palette::{self, node, Rgb, Theme};
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct FleetProps {
    pub trace: TraceRef,
    /// The sample under the cursor (`Trace::index_before`): the view changes only with it.
    pub sample: usize,
    pub dark: bool,
}

const MAX_GLYPHS: usize = 72;
/// Glyphs in a compact card's strip, each a tenth of its nodes.
const STRIP: usize = 10;

/// Node glyph per state: healthy ●, agent ◆, stale ◐ (half), failing ✕, recovering ▲.
#[derive(Clone, Copy)]
enum Glyph {
    Healthy,
    Agent,
    Stale,
    Failing,
    Recovering,
}

impl Glyph {
    fn color(self) -> Rgb {
        match self {
            Glyph::Healthy => node::HEALTHY,
            Glyph::Agent => node::AGENT,
            Glyph::Stale => node::STALE,
            Glyph::Failing => node::FAILING,
            Glyph::Recovering => node::RECOVERING,
        }
    }
}

pub fn layout_height(width: f64, clusters: usize) -> f64 {
    Grid::new(width, clusters).height(clusters)
}

#[component]
pub fn FleetView(p: &FleetProps) -> Html {
    let canvas = use_node_ref();
    let width = use_width(canvas.clone());
    let redraw = {
        let (canvas, trace, sample, n) = (canvas.clone(), p.trace.clone(), p.sample, p.trace.clusters.len());
        move |theme: &Theme, printing: bool| {
            if let Some(el) = canvas.cast::<HtmlCanvasElement>() {
                // The height for the width laid out now (printing: the print layout's).
                let height = layout_height((el.client_width().max(280)) as f64, n);
                // CSSOM, not a style attribute: allowed under a strict CSP.
                let _ = web_sys::HtmlElement::style(&el).set_property("height", &format!("{height}px"));
                let dpr = dom::size_canvas(&el, height);
                if let Some(ctx) = dom::context(&el) {
                    draw(&ctx, &trace, sample, theme, el.width() as f64 / dpr, dpr);
                }
                dom::print_copy(&el, printing);
            }
        }
    };
    // Printing: drawn light at the print layout's width in `beforeprint`, a still copy printed.
    let printing = use_print_draw({
        let redraw = redraw.clone();
        move || redraw(&crate::views::palette::LIGHT, true)
    });
    {
        let canvas = canvas.clone();
        use_effect_with((p.trace.clone(), p.sample, p.dark, (width, printing)), move |(_, _, dark, (_, printing))| {
            // Drawn for this print already (in `beforeprint`), or drawn now if mounted since.
            if !(*printing && canvas.cast::<HtmlCanvasElement>().is_some_and(|c| dom::has_print_copy(&c))) {
                redraw(&Theme::of(*dark && !*printing), *printing)
            }
        });
    }
    let i = p.sample;
    let summary: Vec<String> = p
        .trace
        .clusters
        .iter()
        .zip(&p.trace.per_cluster)
        .map(|(c, s)| format!("{} ({} nodes): {}, {:.0}% of requests failing", c.name, c.nodes, s.state[i].label(), s.error[i] * 100.0))
        .collect();
    html! {
        <>
            <canvas ref={canvas} id="fleet" class="fleet" role="img"
                aria-label={format!("Fleet: {}", summary.join("; "))}></canvas>
            <ul class="legend" aria-hidden="true">
                <li><span class="g healthy">{"●"}</span>{"healthy"}</li>
                <li><span class="g agent">{"◆"}</span>{"agent running"}</li>
                <li><span class="g stale">{"◐"}</span>{"serving from stale DNS cache"}</li>
                <li><span class="g failing">{"✕"}</span>{"failing"}</li>
                <li><span class="g recovering">{"▲"}</span>{"recovering"}</li>
            </ul>
        </>
    }
}

/// Draws the fleet at sample `i` (also used by PNG exports, in the theme asked for).
pub fn draw(ctx: &CanvasRenderingContext2d, t: &Trace, i: usize, theme: &Theme, css_w: f64, dpr: f64) {
    let _ = ctx.set_transform(dpr, 0.0, 0.0, dpr, 0.0, 0.0);
    let grid = Grid::new(css_w, t.clusters.len());
    ctx.clear_rect(0.0, 0.0, css_w, grid.height(t.clusters.len()));
    for (k, (info, s)) in t.clusters.iter().zip(&t.per_cluster).enumerate() {
        let card = Card { ctx, theme, info, s, i, at: grid.origin(k), w: grid.card_w(), h: grid.card_h, name_chars: grid.name_chars() };
        ctx.set_fill_style_str(&theme.card.css());
        ctx.fill_rect(card.at.0, card.at.1, card.w, card.h);
        if grid.compact {
            card.compact();
        } else {
            card.full();
        }
    }
}

/// One cluster's card at sample `i`, at `at` (its top-left corner), `w` × `h`.
struct Card<'a> {
    ctx: &'a CanvasRenderingContext2d,
    theme: &'a Theme,
    info: &'a ClusterInfo,
    s: &'a ClusterSeries,
    i: usize,
    at: (f64, f64),
    w: f64,
    h: f64,
    name_chars: usize,
}

impl Card<'_> {
    /// The glyph of node `j` of `n`: shares of the nodes in each state.
    fn glyph_of(&self, j: usize, n: usize) -> Glyph {
        let (s, i) = (self.s, self.i);
        let state = s.state[i];
        let failing = (s.error[i] as f64 * n as f64).round() as usize;
        let agent = (s.agent[i] as f64 * n as f64).round() as usize;
        if j < failing {
            Glyph::Failing
        } else if matches!(state, ClusterState::Stale | ClusterState::Failing) {
            Glyph::Stale
        } else if state == ClusterState::Recovering {
            Glyph::Recovering
        } else if j < agent {
            Glyph::Agent
        } else {
            Glyph::Healthy
        }
    }

    /// The name on the first line, shortened to fit (`suffix` kept whole).
    fn name(&self, font: &str, y: f64, suffix: &str) {
        let room = self.name_chars.saturating_sub(suffix.chars().count());
        self.ctx.set_fill_style_str(&self.theme.fg.css());
        self.ctx.set_font(font);
        let _ = self.ctx.fill_text(&format!("{}{suffix}", abbreviate(&self.info.name, room)), self.at.0 + 8.0, y);
    }

    /// A gauge bar at (`bx`, `gy`), `bw` wide, filled to `v`, in the warning colour when `bad`.
    fn bar(&self, (bx, gy, bw, bh): (f64, f64, f64, f64), v: f64, bad: bool) {
        self.ctx.set_fill_style_str(&self.theme.line.css());
        self.ctx.fill_rect(bx, gy, bw, bh);
        self.ctx.set_fill_style_str(&if bad { palette::VERMILLION.css() } else { palette::BLUE.css() });
        self.ctx.fill_rect(bx, gy, bw * v.clamp(0.0, 1.0), bh);
    }

    /// The API load gauge: linear to 2× capacity (the mark at the middle is 1×), full beyond.
    fn load_bar(&self, bx: f64, gy: f64, bw: f64, bh: f64) {
        let load = self.s.load[self.i] as f64;
        self.bar((bx, gy, bw, bh), load / 2.0, load > 1.0);
        self.ctx.set_fill_style_str(&self.theme.fg.css());
        self.ctx.fill_rect(bx + bw * 0.5 - 0.5, gy - 1.0, 1.0, bh + 2.0);
        let _ = self.ctx.fill_text(&load_text(load), bx + bw + 4.0, gy + bh);
    }

    /// December's card: name, nodes and state, up to 72 node glyphs and five gauges.
    fn full(&self) {
        let (ctx, s, i, (x0, y0), w) = (self.ctx, self.s, self.i, self.at, self.w);
        self.name("600 12px sans-serif", y0 + 16.0, if self.info.staging { " (staging)" } else { "" });
        ctx.set_fill_style_str(&self.theme.muted.css());
        ctx.set_font("11px sans-serif");
        let _ = ctx.fill_text(&format!("{} nodes · {}", group_thousands(self.info.nodes as i64), s.state[i].label()), x0 + 8.0, y0 + 30.0);
        // Node glyphs: shares of nodes in each state, capped in count.
        let n = ((self.info.nodes as f64 / 60.0).ceil() as usize).clamp(4, MAX_GLYPHS);
        let per_row = ((w - 16.0) / 9.0).floor().max(1.0) as usize;
        for j in 0..n {
            glyph(ctx, self.glyph_of(j, n), x0 + 12.0 + (j % per_row) as f64 * 9.0, y0 + 42.0 + (j / per_row) as f64 * 9.0);
        }
        let pct = |v: f32| format!("{:.0}%", v * 100.0);
        let gauges = [
            ("429s", s.rejected[i] as f64, pct(s.rejected[i]), s.rejected[i] > 0.01),
            ("replicas up", s.apiserver_up[i] as f64, pct(s.apiserver_up[i]), s.apiserver_up[i] < 0.9),
            ("CoreDNS", s.dns_health[i] as f64, pct(s.dns_health[i]), s.dns_health[i] < 0.9),
            // No cache (TTL under 5 s): nothing held, so the gauge says so rather than a share.
            if crate::sim::model::caches_dns(self.info.settings.ttl) {
                ("DNS caches", s.cache_valid[i] as f64, pct(s.cache_valid[i]), s.cache_valid[i] < 0.9)
            } else {
                ("DNS caches", 0.0, "none".to_string(), false)
            },
        ];
        let (bx, bw) = (x0 + 70.0, (w - 112.0).max(20.0));
        ctx.set_font("9px sans-serif");
        for (g, label) in std::iter::once("API load").chain(gauges.iter().map(|g| g.0)).enumerate() {
            ctx.set_fill_style_str(&self.theme.muted.css());
            let _ = ctx.fill_text(label, x0 + 8.0, y0 + 84.0 + g as f64 * 12.0 + 7.0);
        }
        self.load_bar(bx, y0 + 84.0, bw, 7.0);
        for (g, (_, v, text, bad)) in gauges.iter().enumerate() {
            let gy = y0 + 96.0 + g as f64 * 12.0;
            self.bar((bx, gy, bw, 7.0), *v, *bad);
            ctx.set_fill_style_str(&self.theme.fg.css());
            let _ = ctx.fill_text(text, bx + bw + 4.0, gy + 7.0);
        }
    }

    /// A small multiple: name, nodes, a strip of ten glyphs (each a tenth of the nodes) and
    /// the API load gauge.
    fn compact(&self) {
        let (ctx, (x0, y0), w) = (self.ctx, self.at, self.w);
        self.name("600 11px sans-serif", y0 + 13.0, "");
        ctx.set_fill_style_str(&self.theme.muted.css());
        ctx.set_font("10px sans-serif");
        let nodes = group_thousands(self.info.nodes as i64);
        let _ = ctx.fill_text(&if self.info.staging { format!("{nodes} · staging") } else { format!("{nodes} nodes") }, x0 + 8.0, y0 + 25.0);
        let n = STRIP.min(((w - 14.0) / 9.0).floor().max(1.0) as usize);
        for j in 0..n {
            glyph(ctx, self.glyph_of(j, n), x0 + 12.0 + j as f64 * 9.0, y0 + 35.0);
        }
        ctx.set_font("9px sans-serif");
        self.load_bar(x0 + 8.0, y0 + 44.0, (w - 46.0).max(20.0), 5.0);
    }
}

fn load_text(load: f64) -> String {
    if load >= 10.0 {
        format!("{load:.0}×")
    } else if load >= 0.1 {
        format!("{load:.1}×")
    } else {
        format!("{load:.2}×")
    }
}

fn glyph(ctx: &CanvasRenderingContext2d, g: Glyph, x: f64, y: f64) {
    let c = g.color().css();
    ctx.set_fill_style_str(&c);
    ctx.set_stroke_style_str(&c);
    ctx.begin_path();
    match g {
        Glyph::Healthy => {
            let _ = ctx.arc(x, y, 3.2, 0.0, std::f64::consts::TAU);
            ctx.fill();
        }
        Glyph::Agent => {
            ctx.move_to(x, y - 3.8);
            ctx.line_to(x + 3.8, y);
            ctx.line_to(x, y + 3.8);
            ctx.line_to(x - 3.8, y);
            ctx.close_path();
            ctx.fill();
        }
        Glyph::Stale => {
            ctx.set_line_width(1.2);
            let _ = ctx.arc(x, y, 3.0, 0.0, std::f64::consts::TAU);
            ctx.stroke();
            ctx.begin_path();
            let _ = ctx.arc(x, y, 3.0, std::f64::consts::FRAC_PI_2, 3.0 * std::f64::consts::FRAC_PI_2);
            ctx.fill();
        }
        Glyph::Failing => {
            ctx.set_line_width(1.8);
            ctx.move_to(x - 3.0, y - 3.0);
            ctx.line_to(x + 3.0, y + 3.0);
            ctx.move_to(x + 3.0, y - 3.0);
            ctx.line_to(x - 3.0, y + 3.0);
            ctx.stroke();
        }
        Glyph::Recovering => {
            ctx.move_to(x, y - 3.6);
            ctx.line_to(x + 3.6, y + 3.0);
            ctx.line_to(x - 3.6, y + 3.0);
            ctx.close_path();
            ctx.fill();
        }
    }
}
