//! The headline's typed state: honest comparisons, scopes and December's real times.

use cascade_lab::sim::{simulate, Params, Preset};
use cascade_lab::views::headline::{t_note, tiles, Judge, Reveal, Tile, Verdict};

const ALL: Reveal = Reveal { until: None, at_end: true };

fn tile<'a>(ts: &'a [Tile], id: &str) -> &'a Tile {
    ts.iter().find(|t| t.id == id).unwrap()
}

#[test]
fn timings_are_stated_neutrally_and_only_outcomes_are_judged() {
    let dec = simulate(&Params::default()).summary;
    let phased = simulate(&Params::from_preset(Preset::PhasedRollout)).summary;
    let ts = tiles(&phased, Some(&dec), true, ALL);
    // The phased control plane falls sooner (staging, by design): a timing, not a verdict.
    let cp = tile(&ts, "hl-cp");
    assert_eq!(cp.judge, Judge::Timing);
    assert!(cp.delta.as_ref().is_some_and(|d| d.verdict.is_none() && d.text.contains("sooner")), "{cp:?}");
    // ... while its outcomes are hours better.
    for id in ["hl-impact", "hl-fix", "hl-all", "hl-peak"] {
        let t = tile(&ts, id);
        assert_eq!(t.delta.as_ref().and_then(|d| d.verdict), Some(Verdict::Better), "{t:?}");
    }
}

#[test]
fn every_tile_shows_its_delta_whenever_the_shown_values_differ() {
    let dec = simulate(&Params::default()).summary;
    for preset in [Preset::BreakGlass, Preset::Herd, Preset::ShortTtl, Preset::RetryBudget, Preset::PhasedRollout, Preset::Staging] {
        let other = simulate(&Params::from_preset(preset)).summary;
        let (a, b) = (tiles(&other, Some(&dec), true, ALL), tiles(&dec, None, true, ALL));
        for (t, base) in a.iter().zip(&b) {
            let d = t.delta.as_ref().map(|d| d.text.as_str());
            match (t.shown, base.shown) {
                (Some(x), Some(y)) if (x - y).abs() > 1e-9 => assert!(d.is_some_and(|d| d != "same as pinned"), "{preset:?} {}: {d:?}", t.id),
                (Some(_), Some(_)) => assert_eq!(d, Some("same as pinned"), "{preset:?} {}", t.id),
                (None, Some(_)) | (Some(_), None) => assert!(d.is_some_and(|d| d.contains("never")), "{preset:?} {}: {d:?}", t.id),
                (None, None) => assert!(d.is_none()),
            }
        }
    }
}

#[test]
fn a_delta_is_the_difference_of_the_values_shown() {
    let dec = simulate(&Params::default()).summary;
    let mut p = Params::default();
    p.ttl = 600;
    let short = simulate(&p).summary;
    let ts = tiles(&short, Some(&dec), true, ALL);
    let t = tile(&ts, "hl-cust");
    let shown_diff = (tiles(&dec, None, true, ALL).iter().find(|t| t.id == "hl-cust").unwrap().shown.unwrap() - t.shown.unwrap()).abs();
    let d = &t.delta.as_ref().unwrap().text;
    assert!(d.starts_with(&format!("{shown_diff:.0} min")), "{d} vs {shown_diff}");
}

#[test]
fn really_appears_only_beside_a_value_in_a_december_run() {
    let staging = simulate(&Params::from_preset(Preset::Staging)).summary;
    let ts = tiles(&staging, None, true, ALL);
    assert_eq!(tile(&ts, "hl-cp").text.as_deref(), Some("never"));
    assert!(tile(&ts, "hl-cp").real.is_none(), "no 'really T+0' under 'never'");
    let dec = simulate(&Params::default()).summary;
    assert!(tile(&tiles(&dec, None, true, ALL), "hl-cp").real.is_some());
    assert!(tiles(&dec, None, false, ALL).iter().all(|t| t.real.is_none()));
}

#[test]
fn every_error_figure_names_its_scope() {
    let dec = simulate(&Params::default()).summary;
    let ts = tiles(&dec, None, true, ALL);
    assert!(tile(&ts, "hl-peak").scope.contains("fleet"));
    assert!(tile(&ts, "hl-cust").scope.contains("some cluster"));
    assert!(tile(&ts, "hl-impact").scope.contains("some cluster"));
}

#[test]
fn spoiler_free_tiles_read_not_yet_until_their_moment() {
    let dec = simulate(&Params::default()).summary;
    let ts = tiles(&dec, None, true, Reveal { until: Some(-26.0), at_end: false });
    assert!(ts.iter().all(|t| t.text.is_none() && t.real.is_none() && t.shown.is_none()), "{ts:?}");
}

#[test]
fn t_says_what_it_means_when_the_agent_never_reaches_the_large_clusters() {
    assert!(t_note(&simulate(&Params::default())).contains("when the agent reached the large clusters"));
    assert!(t_note(&simulate(&Params::from_preset(Preset::PhasedRollout))).contains("never does"));
}
