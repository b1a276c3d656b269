//! Share links: round trips, old and future versions, and hostile input.

use cascade_lab::link::{Controls, LinkState, Theme};
use cascade_lab::sim::{simulate, Action, Intervention, Params};

#[test]
fn default_link_is_short_and_readable() {
    let l = LinkState::from_params(&Params::default());
    assert_eq!(l.to_query(), "v=1&preset=december-2024");
}

#[test]
fn a_link_reopens_the_same_run_and_cursor() {
    let mut p = Params::preset("break-glass").unwrap();
    p.agents = 5_000;
    p.cost = 1.375;
    p.ttl = 30;
    p.interventions = vec![Intervention { t_min: 12.5, action: Action::Block }];
    let mut b = p.clone();
    b.break_glass = false;
    let state = LinkState { params: p.clone(), t: Some(28.5), compare: Some(b.clone()), view: Default::default() };
    let q = state.to_query();
    assert!(q.contains("preset=break-glass") && q.contains("agents=5000") && q.contains("iv=12.5:block") && q.contains("b.break_glass=false"), "{q}");
    let (back, notices) = LinkState::decode(&q);
    assert!(notices.is_empty(), "{notices:?}");
    assert_eq!(back.params, p);
    assert_eq!(back.compare, Some(b));
    assert_eq!(back.t, Some(28.5));
    assert_eq!(simulate(&back.params).checksum(), simulate(&p).checksum());
}

#[test]
fn compare_runs_round_trip_whatever_their_presets() {
    let mut pinned = Params::default();
    pinned.break_glass = true;
    let mut main = Params::preset("break-glass").unwrap();
    main.agents = 5_000;
    let mut same = main.clone();
    same.seed = main.seed; // identical to the main run
    for (a, b) in [(main.clone(), pinned.clone()), (pinned.clone(), main.clone()), (main.clone(), same)] {
        let s = LinkState { params: a.clone(), t: None, compare: Some(b.clone()), view: Default::default() };
        let (back, n) = LinkState::decode(&s.to_query());
        assert!(n.is_empty(), "{n:?}");
        assert_eq!(back.params, a);
        assert_eq!(back.compare, Some(b), "{}", s.to_query());
    }
}

#[test]
fn slider_floats_are_stored_at_link_precision() {
    let mut p = Params::default();
    p.set_value("cost", 1.009_254_7);
    assert_eq!(p.cost, 1.009);
    let (back, _) = LinkState::decode(&LinkState::from_params(&p).to_query());
    assert_eq!(back.params, p);
}

#[test]
fn view_options_round_trip() {
    let mut s = LinkState::from_params(&Params::default());
    s.view.embed = true;
    s.view.controls = Controls::None;
    s.view.autoplay = true;
    s.view.theme = Theme::Dark;
    let (back, n) = LinkState::decode(&s.to_url("https://docs.example/cascade/"));
    assert!(n.is_empty());
    assert_eq!(back.view, s.view);
}

#[test]
fn links_without_a_version_are_read_as_v1_and_newer_versions_warn() {
    let (a, n) = LinkState::decode("agents=5000&ttl=30");
    assert!(n.is_empty());
    assert_eq!((a.params.agents, a.params.ttl), (5_000, 30));
    let (b, n) = LinkState::decode("v=7&agents=5000");
    assert_eq!(b.params.agents, 5_000);
    assert!(n.iter().any(|x| x.0.contains("newer")), "{n:?}");
}

#[test]
fn out_of_range_values_are_clamped_with_a_notice() {
    let (s, n) = LinkState::decode("?agents=1e9&ttl=-5&cost=abc&break_glass=maybe&t=99999&iv=5:launch&preset=nope&zzz=1");
    assert_eq!(s.params.agents, 100_000);
    assert_eq!(s.params.ttl, 0);
    assert_eq!(s.params.cost, 1.0);
    assert!(!s.params.break_glass);
    assert!(s.params.interventions.is_empty());
    assert_eq!(s.t, Some(s.params.horizon as f64));
    let all = n.iter().map(|x| x.0.as_str()).collect::<Vec<_>>().join("\n");
    for word in ["Agent count", "DNS TTL", "Request cost", "Break-glass", "Cursor", "interventions", "preset", "zzz"] {
        assert!(all.contains(word), "no notice about {word}:\n{all}");
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod props {
    use super::*;
    use cascade_lab::sim::{Kind, SPECS};
    use proptest::prelude::*;

    fn any_params() -> impl Strategy<Value = Params> {
        prop::collection::vec(0.0f64..=1.0, SPECS.len()).prop_map(|u| {
            let mut p = Params::default();
            for (s, u) in SPECS.iter().zip(u) {
                let v = match s.kind {
                    Kind::Bool => (u >= 0.5) as u8 as f64,
                    _ => s.min + (s.max - s.min) * u,
                };
                p.set_value(s.key, v);
            }
            p
        })
    }

    proptest! {
        #[test]
        fn params_to_link_to_params_is_identity_within_link_precision(p in any_params(), t in -20.0f64..60.0) {
            let s = LinkState { params: p.clone(), t: Some(t), compare: None, view: Default::default() };
            let (back, notices) = LinkState::decode(&s.to_query());
            prop_assert!(notices.is_empty(), "{:?}", notices);
            // Floats travel with 3 decimals, the cursor with 0.1 min; everything else exactly.
            prop_assert!((back.params.cost - p.cost).abs() <= 0.0005);
            let mut q = back.params.clone();
            q.cost = p.cost;
            prop_assert_eq!(q, p);
            prop_assert!((back.t.unwrap() - t).abs() <= 0.05 + 1e-9);
        }

        #[test]
        fn hostile_strings_never_panic_and_always_give_valid_params(q in ".{0,400}") {
            let (s, _) = LinkState::decode(&q);
            prop_assert!(s.params.validate().is_ok());
            if let Some(b) = &s.compare { prop_assert!(b.validate().is_ok()); }
        }

        #[test]
        fn hostile_key_value_pairs_never_panic(pairs in prop::collection::vec(("[a-z_.]{1,12}", "[-+0-9.eEnaNif%<>/ ]{0,24}"), 0..20)) {
            let q: String = pairs.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join("&");
            let (s, _) = LinkState::decode(&q);
            prop_assert!(s.params.validate().is_ok());
        }
    }
}

#[test]
fn hand_made_hostile_links() {
    let huge = "a".repeat(100_000);
    let cases = [
        "agents=NaN&cost=inf&ttl=-inf",
        "agents=99999999999999999999999999999",
        "t=<script>alert(1)</script>",
        "%E2%82%AC=%FF&%%%=%",
        "agents=5000&agents=6000&agents=abc",
        "iv=1:block,2:block,3:block,4:block,5:block,6:block,7:block,8:block,9:block,10:block,11:block,12:block,13:block,14:block,15:block,16:block,17:block",
        "b.agents=-1&b.preset=zzz",
        "=&&&=&v=",
        huge.as_str(),
    ];
    for q in cases {
        let (s, n) = LinkState::decode(q);
        assert!(s.params.validate().is_ok(), "{q:.60}");
        assert!(!n.is_empty() || q.starts_with("agents=5000"), "no notice for {q:.60}");
    }
}
