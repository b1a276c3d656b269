//! Every view works with any fleet (issue 22): a 60-cluster fleet and a 1-cluster fleet — the
//! per-cluster verdict line (true, compact, spoiler-free), the fleet view's grid, the lanes.

include!("../common/fleets.rs");

use cascade_lab::sim::{simulate, Params, Trace, Verdict};
use cascade_lab::views::fleet_grid::{abbreviate, Grid, COMPACT_ABOVE};
use cascade_lab::views::lanes::lanes;
use cascade_lab::views::verdicts::verdicts;

fn runs() -> Vec<(Params, Trace)> {
    [Params::default(), with_fleet(fleet_sixty()), with_fleet(fleet_one())].into_iter().map(|p| (p.clone(), simulate(&p))).collect()
}

/// Each entry is its cluster's verdict at its moment, each group in the order it happened, the
/// counts add up to the fleet; cut at a moment, nothing later is told.
#[test]
fn the_verdict_line_tells_each_clusters_outcome_and_nothing_early() {
    for (_, t) in runs() {
        let v = verdicts(&t, None);
        assert!(!v.so_far);
        assert_eq!(v.total(), t.clusters.len());
        for e in &v.fell {
            assert_eq!(t.clusters[e.cluster].verdict(), Verdict::Fell { at_min: e.at_min });
        }
        for e in &v.saturated {
            assert_eq!(t.clusters[e.cluster].verdict(), Verdict::Saturated { at_min: e.at_min });
        }
        assert_eq!(v.ok, t.clusters.iter().filter(|c| c.verdict() == Verdict::Ok).count());
        assert!(v.fell.windows(2).all(|w| w[0].at_min <= w[1].at_min));
        let line = v.line(4);
        assert!(!line.contains("so far") && !line.contains('\n'), "{line}");
        for e in v.fell.iter().take(4) {
            assert!(line.contains(&format!("{} {}", e.name, cascade_lab::text::t_plus(e.at_min))), "{line}");
        }
        for k in (0..t.len).step_by(7) {
            let u = t.t_at(k);
            let cut = verdicts(&t, Some(u));
            assert_eq!(cut.total(), t.clusters.len());
            assert!(cut.fell.iter().chain(&cut.saturated).all(|e| e.at_min <= u + 1e-9), "at {u}: {cut:?}");
            assert_eq!(cut.fell.len(), t.clusters.iter().filter(|c| c.fell_min.is_some_and(|f| f <= u + 1e-9)).count());
            if k + 1 < t.len {
                assert!(cut.so_far && cut.line(4).to_lowercase().contains("so far"), "{}", cut.line(4));
            }
        }
    }
}

/// The December line names its four fallen clusters; 60 clusters give a short line that counts.
#[test]
fn the_verdict_line_stays_compact() {
    let r = runs();
    let dec = verdicts(&r[0].1, None).line(4);
    assert!(dec.starts_with("Fell: large-a T+") && dec.contains("Crash-looping: medium-a T+") && dec.ends_with(" · 8 ok"), "{dec}");
    let sixty = verdicts(&r[1].1, None);
    let line = sixty.line(4);
    assert!(sixty.clipped(4) && line.starts_with(&format!("Fell ({}): ", sixty.fell.len())) && line.contains(" more"), "{line}");
    assert!(line.chars().count() < 240, "{} characters: {line}", line.chars().count());
    assert_eq!(verdicts(&r[2].1, None).line(4), format!("Fell: solo {}", cascade_lab::text::t_plus(r[2].1.clusters[0].fell_min.unwrap())));
    assert_eq!(verdicts(&r[2].1, Some(r[2].1.t0_min)).line(4), "The cluster is ok so far.");
}

/// A cluster that saturates and later falls reads "saturated" between the two moments; one that
/// only saturates reads so at the end.
#[test]
fn saturated_before_it_falls() {
    let mut t = simulate(&Params::default());
    let (a, b) = (1, 5);
    t.clusters[a].saturated_min = Some(0.5);
    t.clusters[a].fell_min = Some(3.0);
    t.clusters[b].saturated_min = Some(7.0);
    t.clusters[b].fell_min = None;
    let at = |u: f64| verdicts(&t, Some(u));
    assert!(at(1.0).saturated.iter().any(|e| e.cluster == a && e.at_min == 0.5));
    assert!(at(1.0).fell.iter().all(|e| e.cluster != a));
    assert!(at(3.0).fell.iter().any(|e| e.cluster == a));
    let end = verdicts(&t, None);
    assert!(end.saturated.iter().any(|e| e.cluster == b));
    assert!(end.line(6).contains(&format!("Saturated: {} T+7 min", t.clusters[b].name)), "{}", end.line(6));
    // Past its names, a group is counted.
    assert!(end.line(1).contains("Saturated (1)"), "{}", end.line(1));
}

/// The fleet canvas's CSS width in the app at a 1280-px window and a 375-px phone (page padding,
/// the 320-px controls column and the panel's padding taken off).
const DESKTOP: f64 = 1280.0 - 32.0 - 320.0 - 16.0 - 26.0;
const PHONE: f64 = 375.0 - 32.0 - 26.0;

/// December's thirteen clusters keep their cards exactly (the embedded heights are measured on
/// them); 60 clusters become small multiples that fit a desktop screen and scroll a phone's
/// page a few screens, each name fitting its card and telling the clusters apart.
#[test]
fn the_fleet_grid_scales_with_the_fleet() {
    for w in [280.0, 317.0, 375.0, 600.0, 886.0, 1000.0, 1400.0] {
        let g = Grid::new(w, 13);
        let cols = ((w / 178.0).floor() as usize).clamp(1, 7);
        assert!(!g.compact && g.cols == cols && g.height(13) == 13usize.div_ceil(cols) as f64 * 156.0 + 8.0, "{w}: {g:?}");
    }
    let t = simulate(&with_fleet(fleet_sixty()));
    assert!(t.clusters.len() > COMPACT_ABOVE);
    for (w, max_h) in [(DESKTOP, 600.0), (PHONE, 1_400.0)] {
        let g = Grid::new(w, 60);
        assert!(g.compact && g.height(60) <= max_h, "{w}: {} px tall ({g:?})", g.height(60));
        assert!(g.cols >= 3, "{w}: {g:?}");
        let shown: Vec<String> = t.clusters.iter().map(|c| abbreviate(&c.name, g.name_chars())).collect();
        for (s, c) in shown.iter().zip(&t.clusters) {
            assert!(s.chars().count() as f64 * 6.8 <= g.card_w() - 16.0, "{w}: '{s}' overflows");
            assert!(c.name.chars().count() <= g.name_chars() || s.contains('…'), "{s}");
        }
        let mut unique = shown.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), 60, "{w}: shortened names collide: {shown:?}");
    }
    assert_eq!(Grid::new(PHONE, 1).height(1), 156.0 + 8.0);
}

#[test]
fn names_shorten_in_the_middle() {
    assert_eq!(abbreviate("large-a", 12), "large-a");
    assert_eq!(abbreviate("eu-central-analytics-batch-04", 12), "eu-centr…-04");
    assert_eq!(abbreviate("averyveryverylongclustername", 10), "averyv…ame");
    assert_eq!(abbreviate("eu-central-analytics-batch-04", 12).chars().count(), 12);
}

/// 60 lanes in the fleet's order, cut at a moment like one lane.
#[test]
fn lanes_for_sixty_clusters_keep_the_fleets_order() {
    let t = simulate(&with_fleet(fleet_sixty()));
    let all = lanes(&t);
    assert_eq!(all.iter().map(|l| l.name.as_str()).collect::<Vec<_>>(), t.clusters.iter().map(|c| c.name.as_str()).collect::<Vec<_>>());
    for l in &all {
        let cut = l.until(0.0);
        assert!(cut.marks.iter().all(|(_, m)| *m <= 0.0) && cut.bands.iter().all(|b| b.to <= 0.0));
    }
}

/// Fresh-eyes review (issue 29): a cluster was "Saturated T+1 min" while its card's 429s read
/// 0 % and the CSV's `_rejected` was 0 all run — the agent's own requests were the ones
/// rejected. The verdict now names what saturated it, in the app's line, the CLI and the JSON.
#[test]
fn a_saturated_verdict_names_what_saturated_it() {
    use cascade_lab::sim::trace::Saturation;
    let p = Params::default();
    let t = simulate(&p);
    let b = t.clusters.iter().position(|c| c.name == "medium-b").unwrap();
    assert!(matches!(t.clusters[b].verdict(), Verdict::Saturated { .. }));
    assert_eq!(t.clusters[b].saturated_by, Some(Saturation::AgentRejected));
    assert!(t.per_cluster[b].rejected.iter().all(|&r| (r as f64) <= 0.01), "its own requests were served");
    let line = verdicts(&t, None).line(8);
    assert!(line.contains("Saturated: medium-b T−2 min (the agent's requests rejected)"), "{line}");
    let text = cascade_lab::formats::report::clusters_text(&t);
    assert!(text.contains("saturated at T−2 min (3:11 pm): the agent's requests rejected"), "{text}");
    let json: serde_json::Value = serde_json::from_str(&cascade_lab::formats::report::to_json(&p, &t)).unwrap();
    assert_eq!(json["clusters"][b]["saturated_by"], "agent_rejected");
    assert!(json["clusters"][1].get("saturated_by").is_none(), "a fallen cluster's verdict is its fall");
}
