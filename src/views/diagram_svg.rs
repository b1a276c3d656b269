//! The causal diagram drawn: each part's box and the dependencies between them as an SVG tree
//! (`views::svg`), from `DiagramState`. The page renders the tree through Yew
//! (`ui::components::diagram`), `cascade render` and the build-time still write it as text: one
//! drawing, two backends. Pure; `tests/native/render.rs`.

use crate::views::diagram::{DiagramState, Flow, Health, Part, PartId};
use crate::views::svg::El;

/// Where each part sits, in viewBox units: (x, y) of the box's top-left corner.
pub struct Layout {
    view: (f64, f64),
    box_size: (f64, f64),
    at: fn(PartId) -> (f64, f64),
    side_width: f64,
}

pub const WIDE: Layout = Layout {
    view: (800.0, 290.0),
    box_size: (176.0, 70.0),
    at: |id| match id {
        // Control plane along the top, left to right; the data plane back along the bottom.
        PartId::Rollout => (8.0, 16.0),
        PartId::Agents => (212.0, 16.0),
        PartId::ApiServers => (416.0, 16.0),
        PartId::Engineers => (616.0, 108.0),
        PartId::BreakGlass => (616.0, 200.0),
        PartId::CoreDns => (416.0, 200.0),
        PartId::Caches => (212.0, 200.0),
        PartId::Customers => (8.0, 200.0),
    },
    side_width: 176.0,
};

/// Phones: the chain runs down one column; the engineers' paths sit beside the API servers.
pub const NARROW: Layout = Layout {
    view: (360.0, 530.0),
    box_size: (214.0, 66.0),
    at: |id| match id {
        PartId::Rollout => (6.0, 6.0),
        PartId::Agents => (6.0, 96.0),
        PartId::ApiServers => (6.0, 186.0),
        PartId::Engineers => (238.0, 186.0),
        PartId::BreakGlass => (238.0, 96.0),
        PartId::CoreDns => (6.0, 276.0),
        PartId::Caches => (6.0, 366.0),
        PartId::Customers => (6.0, 456.0),
    },
    side_width: 116.0,
};

/// Parts off the main chain (the engineers' paths) may be narrower.
fn is_side(id: PartId) -> bool {
    matches!(id, PartId::Engineers | PartId::BreakGlass)
}

fn health_class(h: Health) -> &'static str {
    match h {
        Health::Idle => "h-idle",
        Health::Ok => "h-ok",
        Health::Strained => "h-strained",
        Health::Failing => "h-failing",
        Health::Recovering => "h-recovering",
    }
}

impl Layout {
    fn size(&self, id: PartId) -> (f64, f64) {
        (if is_side(id) { self.side_width } else { self.box_size.0 }, self.box_size.1)
    }

    fn center(&self, id: PartId) -> (f64, f64) {
        let ((x, y), (w, h)) = ((self.at)(id), self.size(id));
        (x + w / 2.0, y + h / 2.0)
    }

    /// The segment between two boxes' centres, clipped to each box's border (plus a small gap).
    fn segment(&self, from: PartId, to: PartId) -> ((f64, f64), (f64, f64)) {
        let (a, b) = (self.center(from), self.center(to));
        let (dx, dy) = (b.0 - a.0, b.1 - a.1);
        let clip = |id: PartId| {
            let (w, h) = self.size(id);
            ((w / 2.0 + 4.0) / dx.abs().max(1e-9)).min((h / 2.0 + 4.0) / dy.abs().max(1e-9))
        };
        let (ta, tb) = (clip(from), clip(to));
        ((a.0 + dx * ta, a.1 + dy * ta), (b.0 - dx * tb, b.1 - dy * tb))
    }
}

/// A name wider than its box (the health glyph and a space included) takes two lines. Bold
/// 13 px text runs about 8 units a character in Chromium's fallback fonts (7.3, measured with
/// system-ui alone, clipped "Engineers' kubectl" at its box's right edge).
fn name_lines(name: &str, width: f64) -> (String, Option<String>) {
    if (name.chars().count() as f64 + 2.0) * 8.0 <= width - 20.0 {
        return (name.to_string(), None);
    }
    match name.rsplit_once(' ') {
        Some((a, b)) => (a.to_string(), Some(b.to_string())),
        None => (name.to_string(), None),
    }
}

fn part_box(l: &Layout, p: &Part) -> El {
    let (x, y) = (l.at)(p.id);
    let (w, h) = l.size(p.id);
    let gauge_w = (w - 20.0) * p.gauge.clamp(0.0, 1.0);
    let (first, second) = name_lines(p.id.name(), w);
    let two = second.is_some();
    let mut name = El::new("text").attr("class", "part-name").attr("x", 10).attr("y", if two { 17 } else { 22 }).text(format!("{} {first}", p.health.glyph()));
    if let Some(s) = second {
        name = name.child(El::new("tspan").attr("x", 10).attr("dy", 14).text(s));
    }
    El::new("g")
        .attr("class", if two { format!("part {} compact", health_class(p.health)) } else { format!("part {}", health_class(p.health)) })
        .attr("transform", format!("translate({x} {y})"))
        .attr("data-part", format!("{:?}", p.id))
        .child(El::new("title").text(format!("{}: {} — {}", p.id.name(), p.health.word(), p.status)))
        .child(El::new("rect").attr("class", "part-box").attr("width", w).attr("height", h).attr("rx", 8))
        .child(name)
        .child(El::new("text").attr("class", "part-short").attr("x", 10).attr("y", if two { 46 } else { 42 }).text(p.short.clone()))
        .child(El::new("rect").attr("class", "gauge-track").attr("x", 10).attr("y", h - 16.0).attr("width", w - 20.0).attr("height", 6).attr("rx", 3))
        .child(
            El::new("rect")
                .attr("class", "gauge-fill")
                .attr("x", 10)
                .attr("y", h - 16.0)
                .attr("width", format!("{gauge_w:.1}"))
                .attr("height", 6)
                .attr("rx", 3),
        )
}

/// Rates change every sample; quantised, the SMIL timing changes (and restarts) only rarely.
fn quantise(v: f64) -> f64 {
    (v.clamp(0.0, 1.0) * 4.0).round() / 4.0
}

fn edge(l: &Layout, f: &Flow, moving: bool) -> El {
    let ((x1, y1), (x2, y2)) = l.segment(f.from, f.to);
    let path = format!("M{x1:.1},{y1:.1} L{x2:.1},{y2:.1}");
    let rate = quantise(f.rate);
    let dots = (rate * 4.0).round() as usize;
    let bounced = ((dots as f64) * f.bounced).round() as usize;
    let dur = 3.2 - 2.0 * rate;
    let (mx, my) = ((x1 + x2) / 2.0, (y1 + y2) / 2.0);
    let dot = |k: usize| {
        let back = k < bounced;
        let class = if back { "dot bounced" } else { "dot" };
        if moving {
            let begin = format!("-{:.2}s", dur * k as f64 / dots.max(1) as f64);
            // A bounced request goes most of the way and comes back rejected.
            let (points, times) = if back { ("0;0.85;0", "0;0.5;1") } else { ("0;1", "0;1") };
            El::new("circle").attr("class", class).attr("r", 4).child(
                El::new("animateMotion")
                    .attr("path", &path)
                    .attr("dur", format!("{dur:.2}s"))
                    .attr("begin", begin)
                    .attr("repeatCount", "indefinite")
                    .attr("keyPoints", points)
                    .attr("keyTimes", times)
                    .attr("calcMode", "linear"),
            )
        } else {
            let s = (k as f64 + 0.5) / dots.max(1) as f64 * if back { 0.85 } else { 1.0 };
            El::new("circle")
                .attr("class", class)
                .attr("r", 4)
                .attr("cx", format!("{:.1}", x1 + (x2 - x1) * s))
                .attr("cy", format!("{:.1}", y1 + (y2 - y1) * s))
        }
    };
    let mut g = El::new("g")
        .attr("class", if f.broken { "flow broken" } else { "flow" })
        .child(El::new("path").attr("class", "edge").attr("d", &path).attr("marker-end", "url(#diagram-arrow)"))
        .children((0..dots).map(dot));
    if f.broken {
        g = g.child(
            El::new("text").attr("class", "cut").attr("x", format!("{mx:.1}")).attr("y", format!("{:.1}", my + 6.0)).attr("text-anchor", "middle").text("✕"),
        );
    }
    g
}

/// The diagram's `<svg>`: the dependencies as arrows with traffic on them (moving by SMIL when
/// `moving`, standing still otherwise) and each part's box. `narrow`: the phone's layout.
pub fn figure(d: &DiagramState, narrow: bool, moving: bool) -> El {
    let l = if narrow { &NARROW } else { &WIDE };
    El::new("svg")
        .attr("class", "diagram-svg")
        .attr("viewBox", format!("0 0 {} {}", l.view.0, l.view.1))
        .attr("role", "img")
        .attr("aria-labelledby", "diagram-caption")
        .attr("aria-describedby", "diagram-desc")
        .child(
            El::new("defs").child(
                El::new("marker")
                    .attr("id", "diagram-arrow")
                    .attr("viewBox", "0 0 10 10")
                    .attr("refX", 9)
                    .attr("refY", 5)
                    .attr("markerWidth", 7)
                    .attr("markerHeight", 7)
                    .attr("orient", "auto-start-reverse")
                    .child(El::new("path").attr("class", "arrow-head").attr("d", "M0,0 L10,5 L0,10 z")),
            ),
        )
        .children(d.flows.iter().map(|f| edge(l, f, moving)))
        .children(d.parts.iter().map(|p| part_box(l, p)))
}
