//! The fleet on a canvas: each cluster a block of node glyphs coloured *and shaped* by
//! state, with gauges for API load, replicas up, CoreDNS and client caches. Redrawn when
//! the sample under the cursor changes; glyph count is capped, so cost does not grow with nodes.

use crate::app::dom;
use crate::app::hooks::{use_print_draw, use_width};
use crate::app::state::TraceRef;
use crate::sim::{ClusterState, Trace};
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
const CARD_H: f64 = 148.0;

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
    let cols = columns(width);
    let rows = clusters.div_ceil(cols);
    rows as f64 * (CARD_H + 8.0) + 8.0
}

fn columns(width: f64) -> usize {
    ((width / 178.0).floor() as usize).clamp(1, 7)
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
        move || redraw(&Theme::of(false), true)
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
    let (fg, muted, card, track) = (theme.fg.css(), theme.muted.css(), theme.card.css(), theme.line.css());
    let (bar_ok, bar_bad) = (palette::BLUE.css(), palette::VERMILLION.css());
    let _ = ctx.set_transform(dpr, 0.0, 0.0, dpr, 0.0, 0.0);
    let css_h = layout_height(css_w, t.clusters.len());
    ctx.clear_rect(0.0, 0.0, css_w, css_h);
    let cols = columns(css_w);
    let card_w = css_w / cols as f64;
    for (k, (info, s)) in t.clusters.iter().zip(&t.per_cluster).enumerate() {
        let x0 = (k % cols) as f64 * card_w + 4.0;
        let y0 = (k / cols) as f64 * (CARD_H + 8.0) + 4.0;
        let w = card_w - 8.0;
        ctx.set_fill_style_str(&card);
        ctx.fill_rect(x0, y0, w, CARD_H);
        let state = s.state[i];
        ctx.set_fill_style_str(&fg);
        ctx.set_font("600 12px sans-serif");
        let _ = ctx.fill_text(&format!("{}{}", info.name, if info.staging { " (staging)" } else { "" }), x0 + 8.0, y0 + 16.0);
        ctx.set_fill_style_str(&muted);
        ctx.set_font("11px sans-serif");
        let _ = ctx.fill_text(&format!("{} nodes · {}", crate::text::group_thousands(info.nodes as i64), state.label()), x0 + 8.0, y0 + 30.0);

        // Node glyphs: shares of nodes in each state, capped in count.
        let n = ((info.nodes as f64 / 60.0).ceil() as usize).clamp(4, MAX_GLYPHS);
        let failing = (s.error[i] as f64 * n as f64).round() as usize;
        let impacted = matches!(state, ClusterState::Stale | ClusterState::Failing);
        let agent = (s.agent[i] as f64 * n as f64).round() as usize;
        let per_row = ((w - 16.0) / 9.0).floor().max(1.0) as usize;
        for j in 0..n {
            let g = if j < failing {
                Glyph::Failing
            } else if impacted {
                Glyph::Stale
            } else if state == ClusterState::Recovering {
                Glyph::Recovering
            } else if j < agent {
                Glyph::Agent
            } else {
                Glyph::Healthy
            };
            let gx = x0 + 12.0 + (j % per_row) as f64 * 9.0;
            let gy = y0 + 42.0 + (j / per_row) as f64 * 9.0;
            glyph(ctx, g, gx, gy);
        }

        // Gauges: API load, rejected requests, replicas up, CoreDNS, client caches.
        let gauges = [
            // Linear to 2× capacity (the mark at the middle is 1×); beyond that the bar is full.
            ("API load", (s.load[i] as f64 / 2.0).clamp(0.0, 1.0), load_text(s.load[i] as f64), s.load[i] > 1.0),
            ("429s", s.rejected[i] as f64, format!("{:.0}%", s.rejected[i] * 100.0), s.rejected[i] > 0.01),
            ("replicas up", s.apiserver_up[i] as f64, format!("{:.0}%", s.apiserver_up[i] * 100.0), s.apiserver_up[i] < 0.9),
            ("CoreDNS", s.dns_health[i] as f64, format!("{:.0}%", s.dns_health[i] * 100.0), s.dns_health[i] < 0.9),
            ("DNS caches", s.cache_valid[i] as f64, format!("{:.0}%", s.cache_valid[i] * 100.0), s.cache_valid[i] < 0.9),
        ];
        for (g, (label, v, text, bad)) in gauges.iter().enumerate() {
            let gy = y0 + 84.0 + g as f64 * 12.0;
            ctx.set_fill_style_str(&muted);
            ctx.set_font("9px sans-serif");
            let _ = ctx.fill_text(label, x0 + 8.0, gy + 7.0);
            let bx = x0 + 70.0;
            let bw = (w - 112.0).max(20.0);
            ctx.set_fill_style_str(&track);
            ctx.fill_rect(bx, gy, bw, 7.0);
            ctx.set_fill_style_str(if *bad { &bar_bad } else { &bar_ok });
            ctx.fill_rect(bx, gy, bw * v.clamp(0.0, 1.0), 7.0);
            if *label == "API load" {
                // Capacity mark at 1×.
                ctx.set_fill_style_str(&fg);
                ctx.fill_rect(bx + bw * 0.5 - 0.5, gy - 1.0, 1.0, 9.0);
            }
            ctx.set_fill_style_str(&fg);
            let _ = ctx.fill_text(text, bx + bw + 4.0, gy + 7.0);
        }
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
