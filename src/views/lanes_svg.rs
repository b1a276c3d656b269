//! The swimlanes drawn: each cluster's state bands, its moments by shape and the cursor, as a
//! `views::svg` tree from `lanes::Lane` — one lane's bars for the page's table
//! (`ui::components::swimlanes`, through Yew) and the whole figure for `cascade render`. Pure;
//! `tests/native/render.rs`.

use crate::sim::{ClusterState, Trace};
use crate::text::{clock, t_plus};
use crate::views::fleet_grid::{abbreviate, COMPACT_ABOVE};
use crate::views::lanes::{Lane, Mark};
use crate::views::svg::El;

/// A lane's height; above `fleet_grid::COMPACT_ABOVE` clusters lanes are shorter, one line each.
pub const ROW: f64 = 22.0;
pub const COMPACT_ROW: f64 = 16.0;

/// Where a lane's parts sit: its height and its bands' and marks' rows, scaled by `zoom`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rows {
    pub row: f64,
    band_y: f64,
    band_h: f64,
    mark_y: f64,
}

impl Rows {
    pub fn of(t: &Trace, zoom: f64) -> Rows {
        let (row, band_y, band_h, mark_y) = if t.clusters.len() > COMPACT_ABOVE { (COMPACT_ROW, 4.0, 8.0, 12.5) } else { (ROW, 6.0, 10.0, 16.0) };
        Rows { row: row * zoom, band_y: band_y * zoom, band_h: band_h * zoom, mark_y: mark_y * zoom }
    }
}

pub fn state_class(s: ClusterState) -> &'static str {
    match s {
        ClusterState::Healthy => "st-healthy",
        ClusterState::AgentRunning => "st-agent",
        ClusterState::Stale => "st-stale",
        ClusterState::Failing => "st-failing",
        ClusterState::Recovering => "st-recovering",
        ClusterState::Recovered => "st-recovered",
    }
}

pub fn mark_class(m: Mark) -> String {
    format!("mark m-{:?}", m).to_ascii_lowercase()
}

/// One lane's bars `width` wide over the whole run of `t`: `whole` names its marks' titles,
/// `shown` is what is drawn (cut at a spoiler-free moment), `now` the cursor.
pub fn lane(t: &Trace, whole: &Lane, shown: &Lane, width: f64, rows: Rows, now: f64) -> El {
    let (t0, t1) = (t.t0_min, t.t_end());
    let x = |m: f64| ((m - t0) / (t1 - t0).max(1e-9)) * width;
    let bands = shown.bands.iter().map(|b| {
        El::new("rect")
            .attr("class", format!("band {}", state_class(b.state)))
            .attr("x", format!("{:.1}", x(b.from)))
            .attr("y", rows.band_y)
            .attr("width", format!("{:.1}", (x(b.to) - x(b.from)).max(1.0)))
            .attr("height", rows.band_h)
    });
    let marks = shown.marks.iter().map(|(m, at)| {
        El::new("text")
            .attr("class", mark_class(*m))
            .attr("x", format!("{:.1}", x(*at)))
            .attr("y", rows.mark_y)
            .attr("text-anchor", "middle")
            .text(m.glyph())
            .child(El::new("title").text(format!("{} {} ({})", whole.mark_label(*m), clock(*at), t_plus(*at))))
    });
    El::new("svg")
        .attr("class", "lane-svg")
        .attr("viewBox", format!("0 0 {width:.0} {}", rows.row))
        .attr("width", format!("{width:.0}"))
        .attr("height", rows.row)
        .attr("aria-hidden", "true")
        .children(bands)
        .children(marks)
        .child(
            El::new("line")
                .attr("class", "lane-cursor")
                .attr("x1", format!("{:.1}", x(now)))
                .attr("x2", format!("{:.1}", x(now)))
                .attr("y1", 0)
                .attr("y2", rows.row),
        )
}

/// The whole figure for a still: each lane's name, its bars (`lane`) and its customers' errors
/// at `now`, one row a cluster, `width` wide; `until`: spoiler-free, drawn up to that moment.
pub fn figure(t: &Trace, lanes: &[Lane], now: f64, until: Option<f64>, width: f64) -> El {
    let rows = Rows::of(t, 1.0);
    let (name_w, err_w, head) = (150.0, 56.0, 22.0);
    let bars_w = (width - name_w - err_w).max(40.0);
    let i = t.index_at(now);
    // Short enough for a phone's width: what the columns mean is the document's description.
    let mut fig = El::new("svg")
        .attr("viewBox", format!("0 0 {width:.0} {}", head + rows.row * lanes.len() as f64))
        .child(El::new("text").attr("class", "lane-head").attr("x", 0).attr("y", 14).text(format!("Cluster by cluster at {} ({})", clock(now), t_plus(now))))
        .child(El::new("text").attr("class", "lane-label").attr("x", width).attr("y", 14).attr("text-anchor", "end").text("failing now"));
    for (k, l) in lanes.iter().enumerate() {
        let y = head + rows.row * k as f64;
        let shown = until.map_or_else(|| l.clone(), |u| l.until(u));
        let err = t.per_cluster[l.cluster].error[i] as f64;
        let bars = lane(t, l, &shown, bars_w, rows, now);
        fig = fig.child(
            El::new("g")
                .attr("transform", format!("translate(0 {y})"))
                .child(El::new("text").attr("class", "lane-label").attr("x", 0).attr("y", rows.row * 0.7).text(abbreviate(&l.name, 18)))
                .child(El::new("g").attr("transform", format!("translate({name_w} 0)")).child(bars))
                .child(
                    El::new("text")
                        .attr("class", if err > crate::sim::model::CUSTOMER_ERROR_THRESHOLD { "lane-label bad" } else { "lane-label" })
                        .attr("x", width)
                        .attr("y", rows.row * 0.7)
                        .attr("text-anchor", "end")
                        .text(format!("{:.0} %", err * 100.0)),
                ),
        );
    }
    fig
}
