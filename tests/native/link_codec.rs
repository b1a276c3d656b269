//! Share links: round trips, old and future versions, and hostile input.

use cascade_lab::formats::link::{run_start_min, Controls, LinkState, Notice, NoticeKind, Theme};
use cascade_lab::sim::{simulate, Action, Intervention, Params};

include!("../common/in_schema.rs");

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
    assert!(n.iter().any(|x| x.kind == NoticeKind::Version), "{n:?}");
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
    let all = n.iter().map(|x| x.text.as_str()).collect::<Vec<_>>().join("\n");
    for word in ["Agent count", "DNS TTL", "Request cost", "Break-glass", "Cursor", "interventions", "preset", "zzz"] {
        assert!(all.contains(word), "no notice about {word}:\n{all}");
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod props {
    use super::*;
    use cascade_lab::sim::params::round_tenth;
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
        fn params_to_link_to_params_is_identity_within_link_precision(p in any_params(), u in 0.0f64..=1.0) {
            // A cursor anywhere in the run: outside it the decoder moves it (with a notice).
            let start = run_start_min(&p);
            let end = p.horizon as f64;
            let t = start + u * (end - start);
            let s = LinkState { params: p.clone(), t: Some(t), compare: None, view: Default::default() };
            let (back, notices) = LinkState::decode(&s.to_query());
            prop_assert!(notices.is_empty(), "{:?}", notices);
            // Floats travel with 3 decimals, the cursor with 0.1 min; everything else exactly.
            prop_assert!((back.params.cost - p.cost).abs() <= 0.0005);
            let mut q = back.params.clone();
            q.cost = p.cost;
            prop_assert_eq!(q, p);
            // The cursor is the nearest tenth, or the next one inward where that would leave the run.
            let bt = back.t.unwrap();
            prop_assert!(start <= bt && bt <= end, "{} not in {}..{}", bt, start, end);
            let nearest = round_tenth(t);
            let edge = nearest < start || nearest > end;
            prop_assert!((bt - t).abs() <= if edge { 0.1 } else { 0.05 } + 1e-9, "{} for {}", bt, t);
        }

        #[test]
        fn hostile_strings_never_panic_and_always_give_valid_params(q in ".{0,400}") {
            let (s, _) = LinkState::decode(&q);
            prop_assert_eq!(in_schema(&s.params), Ok(()));
            if let Some(b) = &s.compare { prop_assert_eq!(in_schema(b), Ok(())); }
        }

        #[test]
        fn hostile_key_value_pairs_never_panic(pairs in prop::collection::vec(("[a-z_.]{1,12}", "[-+0-9.eEnaNif%<>/ ]{0,24}"), 0..20)) {
            let q: String = pairs.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join("&");
            let (s, _) = LinkState::decode(&q);
            prop_assert_eq!(in_schema(&s.params), Ok(()));
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
        assert_eq!(in_schema(&s.params), Ok(()), "{q:.60}");
        assert!(!n.is_empty() || q.starts_with("agents=5000"), "no notice for {q:.60}");
    }
}

/// The link format is public: links already shared must keep their exact bytes, whatever
/// encoder writes them (`:` and `,` stay readable, everything else non-alphanumeric is escaped).
#[test]
fn encoded_links_keep_their_exact_bytes() {
    let mut p = Params::preset("break-glass").unwrap();
    p.agents = 5_000;
    p.cost = 1.375;
    p.ttl = 30;
    p.set_text("retry", "jittered").unwrap();
    p.interventions = vec![Intervention { t_min: -3.5, action: Action::Block }, Intervention { t_min: 45.0, action: Action::Halt }];
    let mut b = Params::preset("staging").unwrap();
    b.seed = 7;
    let mut s = LinkState { params: p, t: Some(-12.5), compare: Some(b), view: Default::default() };
    s.view.embed = true;
    s.view.controls = Controls::Min;
    s.view.autoplay = true;
    s.view.theme = Theme::Light;
    let url = s.to_url("https://docs.example/cascade/?old=1#x");
    assert_eq!(
        url,
        "https://docs.example/cascade/?v=1&preset=break-glass&agents=5000&cost=1.375&ttl=30&retry=jittered\
         &iv=-3.5:block,45:halt&t=-12.5&b.preset=staging&b.seed=7&embed=1&controls=min&autoplay=1&theme=light"
    );
    let (back, n) = LinkState::decode(&url);
    assert!(n.is_empty(), "{n:?}");
    assert_eq!(back, s);
}

/// Whether the notices hold one of `kind`.
pub(crate) fn has(n: &[Notice], kind: NoticeKind) -> bool {
    n.iter().any(|x| x.kind == kind)
}

pub(crate) fn texts(n: &[Notice]) -> String {
    n.iter().map(|x| x.text.as_str()).collect::<Vec<_>>().join("\n")
}

// ---------- Hostile links found by fuzzing (issue 10), one test each ----------

#[test]
fn a_bare_query_with_a_question_mark_in_a_value_keeps_its_other_settings() {
    let (s, n) = LinkState::decode("agents=5000&theme=da?rk&ttl=30");
    assert_eq!((s.params.agents, s.params.ttl), (5_000, 30));
    assert!(texts(&n).contains("da?rk"), "{n:?}");
    // Whole URLs and `?query` still read what follows the `?`.
    for url in ["https://x.example/app/?agents=5000&ttl=30", "?agents=5000&ttl=30", "/app?agents=5000&ttl=30#frag"] {
        let (s, n) = LinkState::decode(url);
        assert_eq!((s.params.agents, s.params.ttl), (5_000, 30), "{url}");
        assert!(n.is_empty(), "{url}: {n:?}");
    }
}

#[test]
fn invalid_percent_escapes_stay_literal() {
    // `%+0` used to become a NUL byte (`+0` parsed as hex); it is `%`, a space, `0`.
    let (s, n) = LinkState::decode("theme=dark%+0&zz%zz=1&agents=50%4");
    assert_eq!(s.view.theme, cascade_lab::formats::link::Theme::Auto);
    assert_eq!(s.params.agents, Params::default().agents);
    let all = texts(&n);
    for literal in ["dark% 0", "zz%zz", "50%4"] {
        assert!(all.contains(literal), "no literal {literal}:\n{all}");
    }
    // Valid escapes still decode, upper or lower case.
    let (s, n) = LinkState::decode("%61gents=5%2c000&theme=%64ark");
    assert!(n.is_empty(), "{n:?}");
    assert_eq!((s.params.agents, s.view.theme), (5_000, Theme::Dark));
}

#[test]
fn a_cursor_before_the_run_starts_is_moved_with_a_notice() {
    let p = Params::default();
    let start = run_start_min(&p);
    assert!(start > -60.0);
    let (s, n) = LinkState::decode("t=-60");
    let t = s.t.unwrap();
    assert!(t >= start && t < start + 0.1, "{t} vs start {start}");
    assert!(crate::link_codec::has(&n, cascade_lab::formats::link::NoticeKind::Moved) && texts(&n).contains("t=-60"), "{n:?}");
    // Inside the run: no notice, whatever the rollout window.
    let (s, n) = LinkState::decode("rollout_min=120&t=-60");
    assert_eq!(s.t, Some(-60.0));
    assert!(n.is_empty(), "{n:?}");
}

#[test]
fn the_run_start_used_for_the_cursor_is_where_the_trace_starts() {
    // `run_start_min` repeats the model's arithmetic to avoid simulating; pin it to the model.
    for rollout_min in 5..=120 {
        let mut p = Params::default();
        p.rollout_min = rollout_min;
        p.horizon = 60;
        assert_eq!(run_start_min(&p), simulate(&p).t0_min, "rollout_min={rollout_min}");
    }
}

#[test]
fn identical_notices_are_shown_once_and_junk_cannot_crowd_out_real_ones() {
    let junk = "zzz=1&".repeat(21) + &(0..30).map(|i| format!("k{i}=1&")).collect::<String>() + "agents=abc";
    let (_, n) = LinkState::decode(&junk);
    let mut sorted: Vec<&str> = n.iter().map(|x| x.text.as_str()).collect();
    sorted.sort();
    sorted.dedup();
    assert_eq!(sorted.len(), n.len(), "repeated notices: {n:?}");
    // The app shows 8 notices; the one about a real setting is among them.
    assert!(n.len() <= 3, "{n:?}");
    assert!(n.iter().take(8).any(|x| x.kind == NoticeKind::Invalid && x.text.contains("Agent count")), "{n:?}");
    assert!(texts(&n).contains("'zzz', 'k0', 'k1', 'k2', 'k3' and 26 more"), "{n:?}");
}

#[test]
fn preset_names_are_case_insensitive_in_both_runs() {
    for main in cascade_lab::sim::PRESET_NAMES {
        for other in cascade_lab::sim::PRESET_NAMES {
            let lower = LinkState::decode(&format!("preset={main}&agents=5000&b.preset={other}&b.ttl=30"));
            let upper = LinkState::decode(&format!("preset={}&agents=5000&b.preset={}&b.ttl=30", main.to_uppercase(), capitalised(other)));
            assert_eq!(upper, lower, "{main} / {other}");
            assert!(lower.1.is_empty(), "{:?}", lower.1);
            // Naming the first run's preset keeps the first run's changes; another preset starts
            // afresh. A preset with a fleet of its own (multus-2021) runs that fleet as written:
            // `agents` left unsaid is its largest cluster, as `diff_pairs` writes it.
            let b = lower.0.compare.unwrap();
            assert_eq!(b.agents == 5_000, main == other && b.fleet.is_none(), "{main} / {other}");
        }
    }
}

fn capitalised(s: &str) -> String {
    s.split('-').map(|w| w[..1].to_uppercase() + &w[1..]).collect::<Vec<_>>().join("-")
}

#[test]
fn intervention_times_are_rounded_and_unsigned_before_they_are_compared_or_simulated() {
    let (a, _) = LinkState::decode("iv=-0.04:block,12.34:halt");
    let (b, _) = LinkState::decode("iv=0:block,12.3:halt");
    assert_eq!(a, b);
    // Equal as numbers is not enough: -0.0 == 0.0 yet a run can tell them apart.
    assert_eq!(format!("{:?}", a.params), format!("{:?}", b.params));
    assert_eq!(simulate(&a.params).checksum(), simulate(&b.params).checksum());
    assert!(a.to_query().contains("iv=0:block,12.3:halt"), "{}", a.to_query());
    // The app's own path rounds too.
    let mut list = vec![Intervention { t_min: 12.34, action: Action::Halt }, Intervention { t_min: -0.04, action: Action::Block }];
    cascade_lab::sim::params::normalize_interventions(&mut list);
    assert_eq!(list, b.params.interventions);
    assert!(list[0].t_min.is_sign_positive());
}

#[test]
fn a_typed_minute_finer_than_a_tenth_is_rounded_with_a_notice() {
    let (s, n) = LinkState::decode("t=12.34");
    assert_eq!(s.t, Some(12.3));
    assert_eq!(texts(&n), "Cursor t=12.34 was rounded to 12.3 (links keep 0.1 min).");
    let (s, n) = LinkState::decode("from=10.04&to=19.96&t=15.55");
    assert_eq!(s.view.window.map(|w| (w.from, w.to)), Some((10.0, 20.0)));
    assert_eq!(s.t, Some(15.6));
    assert_eq!(
        texts(&n),
        "Window from=10.04 was rounded to 10 (links keep 0.1 min).\nWindow to=19.96 was rounded to 20 (links keep 0.1 min).\n\
         Cursor t=15.55 was rounded to 15.6 (links keep 0.1 min)."
    );
    let (s, n) = LinkState::decode("iv=12.34:halt,5:block,-0.04:scale_up");
    assert_eq!(s.params.interventions.iter().map(|i| i.t_min).collect::<Vec<_>>(), [0.0, 5.0, 12.3]);
    assert_eq!(texts(&n), "Intervention times were rounded to 0.1 min: 12.34 to 12.3, -0.04 to 0.");
    let (_, n) = LinkState::decode("b.iv=7.77:block");
    assert_eq!(texts(&n), "Compared run: Intervention time 7.77 was rounded to 7.8 (links keep 0.1 min).");
    // Tenths in any notation are what they say: nothing to tell.
    for q in ["t=12.3", "t=12.30", "t=1.23e1", "t=-0", "from=-5&to=30.5", "iv=12.3:halt,-0:block,1.5e1:scale_up"] {
        let (_, n) = LinkState::decode(q);
        assert!(n.is_empty(), "{q}: {n:?}");
    }
    // A moment moved into the run says only that, naming the run's first and last tenths.
    let (s, n) = LinkState::decode("rollout_min=34&t=-29.75");
    assert_eq!(s.t, Some(-29.6));
    assert_eq!(texts(&n), "Cursor t=-29.75 is outside the run (-29.6 to 360 min); moved to -29.6.");
}

#[test]
fn interventions_after_the_horizon_are_dropped_with_a_notice() {
    let (s, n) = LinkState::decode("horizon=60&iv=30:block,90:halt,60:scale_up");
    assert_eq!(s.params.interventions.iter().map(|i| i.t_min).collect::<Vec<_>>(), [30.0, 60.0]);
    assert!(texts(&n).contains("Intervention 90:halt is after the end of the run (60 min)"), "{n:?}");
    // A compared run with a shorter horizon drops them from its own copy only.
    let (s, n) = LinkState::decode("horizon=120&iv=30:block,90:halt&b.horizon=60");
    assert_eq!(s.params.interventions.len(), 2);
    assert_eq!(s.compare.as_ref().unwrap().interventions.len(), 1);
    assert!(texts(&n).contains("Compared run: Intervention 90:halt"), "{n:?}");
    let (again, n) = LinkState::decode(&s.to_query());
    assert!(n.is_empty(), "{n:?}");
    assert_eq!(again, s);
}

#[test]
fn out_of_range_numbers_are_clamped_with_a_notice_whatever_the_notation() {
    for v in ["1e6", "1,000,000", "1_000_000", "1000000.0", "inf", "1e999"] {
        let (s, n) = LinkState::decode(&format!("agents={v}"));
        assert_eq!(s.params.agents, 100_000, "{v}");
        assert!(crate::link_codec::has(&n, cascade_lab::formats::link::NoticeKind::OutOfRange), "{v}: {n:?}");
    }
    for v in ["-1e6", "-1,000", "-inf"] {
        let (s, n) = LinkState::decode(&format!("agents={v}"));
        assert_eq!(s.params.agents, 10, "{v}");
        assert!(crate::link_codec::has(&n, cascade_lab::formats::link::NoticeKind::OutOfRange), "{v}: {n:?}");
    }
    // In range, any notation is just the number.
    let (s, n) = LinkState::decode("agents=5,000&ttl=3e1&seed=4_294_967_295");
    assert!(n.is_empty(), "{n:?}");
    assert_eq!((s.params.agents, s.params.ttl, s.params.seed), (5_000, 30, 4_294_967_295));
}

#[test]
fn rounding_a_number_to_what_the_key_holds_gives_a_notice() {
    let (s, n) = LinkState::decode("agents=5000.7");
    assert_eq!(s.params.agents, 5_001);
    assert!(texts(&n).contains("Agent count 5000.7 is not a whole number; using 5,001 nodes."), "{n:?}");
    let (s, n) = LinkState::decode("cost=1.2346");
    assert_eq!(s.params.cost, 1.235);
    assert!(texts(&n).contains("Request cost 1.2346 has more decimals"), "{n:?}");
    let (s, n) = LinkState::decode("agents=5000.0&cost=1.500");
    assert!(n.is_empty(), "{n:?}");
    assert_eq!((s.params.agents, s.params.cost), (5_000, 1.5));
}

#[test]
fn duplicate_interventions_are_removed_before_the_limit_is_checked() {
    let same = vec!["5:block"; 17].join(",");
    let (s, n) = LinkState::decode(&format!("iv={same}"));
    assert_eq!(s.params.interventions, vec![Intervention { t_min: 5.0, action: Action::Block }]);
    // Kept once, and said: the link holds fewer than it was written with.
    assert_eq!(n.iter().map(|n| n.kind).collect::<Vec<_>>(), [NoticeKind::Interventions], "{n:?}");
    // 16 different ones plus a repeat fit; 17 different ones do not.
    let sixteen: Vec<String> = (1..=16).map(|m| format!("{m}:halt")).collect();
    let (s, n) = LinkState::decode(&format!("iv={},16.04:halt", sixteen.join(",")));
    assert_eq!(s.params.interventions.len(), 16);
    assert!(texts(&n).contains("Intervention time 16.04 was rounded to 16 (links keep 0.1 min)."), "{n:?}");
    assert!(n.iter().all(|n| n.kind == NoticeKind::Interventions) && n.len() == 2, "rounded, then kept once: {n:?}");
    let (s, n) = LinkState::decode(&format!("iv={},17:halt", sixteen.join(",")));
    assert!(s.params.interventions.is_empty());
    assert!(crate::link_codec::has(&n, cascade_lab::formats::link::NoticeKind::Interventions), "{n:?}");
}

/// An intervention the run cannot act on as written (before its first step, rounded to 0.1
/// min, written twice) opens with a notice; one inside the run, at link precision, with none.
#[test]
fn an_intervention_moved_rounded_or_kept_once_gets_a_notice() {
    let start = cascade_lab::formats::link::run_start_min(&Params::default());
    assert!(start > -30.0, "the default run starts after T-30 ({start})");
    for q in ["iv=-30:restart", "iv=5.55:restart", "iv=5:block,5:block"] {
        let (_, n) = LinkState::decode(q);
        assert!(n.iter().any(|n| n.kind == NoticeKind::Interventions), "{q}: {n:?}");
    }
    // Moved to the run's first step, where the model would act on it: the link says what runs.
    let (s, _) = LinkState::decode("iv=-30:restart,-40:restart");
    assert_eq!(s.params.interventions, vec![Intervention { t_min: start, action: Action::Restart }]);
    let (_, n) = LinkState::decode(&s.to_query());
    assert!(n.is_empty(), "{n:?}");
    for q in ["iv=-20:restart", "iv=5.5:restart", "iv=5:block,5:halt"] {
        let (_, n) = LinkState::decode(q);
        assert!(n.is_empty(), "{q}: {n:?}");
    }
}

// ---------- Figures, windows, speed, cluster, spoiler-free mode, sweeps (issues 11–14) ----------

mod view_keys {
    use super::texts;
    use cascade_lab::analysis::sweep::{Axis, Metric};
    use cascade_lab::formats::link::{run_start_min, Figure, LinkState, SweepView, View, Window, DEFAULT_CLUSTER, DEFAULT_SPEED, SPEEDS};
    use cascade_lab::sim::fleet::FLEET;
    use cascade_lab::sim::params::format_tenth;
    use cascade_lab::sim::Params;

    fn every_key() -> LinkState {
        let mut s = LinkState::from_params(&Params::default());
        s.t = Some(12.5);
        s.view.embed = true;
        s.view.figure = Figure::Sweep;
        s.view.cluster = 4; // medium-a
        s.view.teach = true;
        s.view.window = Some(Window { from: -5.0, to: 30.5 });
        s.view.speed = 2.5;
        s.view.sweep = SweepView {
            x: Some(Axis::parse("agents=100..20000:24:log").unwrap()),
            y: Some(Axis::parse("ttl=0..3600:16").unwrap()),
            metric: Some(Metric::find("impact_min").unwrap()),
        };
        s
    }

    #[test]
    fn defaults_are_the_documented_ones_and_are_not_written() {
        let v = View::default();
        assert_eq!((v.figure, v.cluster, v.teach, v.window, v.speed), (Figure::Full, 1, false, None, 5.0));
        assert_eq!(v.sweep, SweepView::default());
        assert_eq!(FLEET[DEFAULT_CLUSTER].name, "large-a");
        let largest = FLEET.iter().filter(|c| !c.staging).map(|c| c.base_nodes).fold(0.0, f64::max);
        assert_eq!(FLEET[DEFAULT_CLUSTER].base_nodes, largest);
        assert_eq!(LinkState::default(), LinkState::from_params(&Params::default()));
        assert_eq!(LinkState::default().to_query(), "v=1&preset=december-2024");
    }

    #[test]
    fn the_link_speeds_are_the_apps() {
        assert_eq!(SPEEDS, cascade_lab::ui::state::SPEEDS);
        assert_eq!(DEFAULT_SPEED, cascade_lab::ui::state::DEFAULT_SPEED);
        assert!(SPEEDS.contains(&DEFAULT_SPEED));
    }

    #[test]
    fn every_new_key_round_trips_with_exact_bytes() {
        let s = every_key();
        let q = s.to_query();
        assert_eq!(
            q,
            "v=1&preset=december-2024&t=12.5&embed=1&view=sweep&cluster=medium-a&teach=1&from=-5&to=30.5&speed=2.5\
             &sx=agents=100..20000:24:log&sy=ttl=0..3600:16&sm=impact_min"
        );
        let (back, n) = LinkState::decode(&q);
        assert!(n.is_empty(), "{n:?}");
        assert_eq!(back, s);
        assert_eq!(back.to_query(), q);
    }

    #[test]
    fn each_new_key_alone_round_trips_and_the_rest_stay_default() {
        let full = every_key();
        let mut cases: Vec<LinkState> = Vec::new();
        let base = LinkState::from_params(&Params::default());
        for &f in Figure::ALL {
            let mut s = base.clone();
            s.view.figure = f;
            cases.push(s);
        }
        for c in 0..FLEET.len() {
            let mut s = base.clone();
            s.view.cluster = c;
            cases.push(s);
        }
        for sp in SPEEDS {
            let mut s = base.clone();
            s.view.speed = sp;
            cases.push(s);
        }
        let mut s = base.clone();
        s.view.teach = true;
        cases.push(s);
        let mut s = base.clone();
        s.view.window = full.view.window;
        cases.push(s);
        let mut s = base.clone();
        s.view.sweep.x = full.view.sweep.x.clone();
        cases.push(s);
        let mut s = base.clone();
        s.view.sweep.metric = full.view.sweep.metric;
        cases.push(s);
        for s in cases {
            let q = s.to_query();
            let (back, n) = LinkState::decode(&q);
            assert!(n.is_empty(), "{q}: {n:?}");
            assert_eq!(back, s, "{q}");
            assert_eq!(back.to_query(), q);
        }
    }

    #[test]
    fn view_names_are_case_insensitive_and_unknown_ones_show_everything() {
        for &f in Figure::ALL {
            let (s, n) = LinkState::decode(&format!("view={}", f.name().to_uppercase()));
            assert!(n.is_empty(), "{n:?}");
            assert_eq!(s.view.figure, f);
        }
        let (s, n) = LinkState::decode("view=chart&embed=1");
        assert_eq!(s.view.figure, Figure::Full);
        assert!(s.view.embed);
        assert!(texts(&n).contains("view='chart' should be one of full, diagram, charts"), "{n:?}");
    }

    #[test]
    fn cluster_names_are_case_insensitive_and_unknown_ones_give_the_largest() {
        let (s, n) = LinkState::decode("cluster=Small-D");
        assert!(n.is_empty(), "{n:?}");
        assert_eq!(FLEET[s.view.cluster].name, "small-d");
        let (s, n) = LinkState::decode("cluster=%20staging%20");
        assert!(n.is_empty(), "{n:?}");
        assert_eq!(s.view.cluster, 0);
        assert_eq!(s.to_query(), "v=1&preset=december-2024&cluster=staging");
        // The default cluster by name is the default: not written again.
        let (s, n) = LinkState::decode("cluster=LARGE-A");
        assert!(n.is_empty());
        assert_eq!(s.to_query(), "v=1&preset=december-2024");
        for bad in ["large-z", "1", "", "<b>"] {
            let (s, n) = LinkState::decode(&format!("cluster={bad}"));
            assert_eq!(s.view.cluster, DEFAULT_CLUSTER, "{bad}");
            assert!(texts(&n).contains(&format!("cluster='{bad}' is not a cluster of the fleet")), "{bad}: {n:?}");
            assert!(texts(&n).contains("showing large-a"), "{n:?}");
        }
    }

    #[test]
    fn teach_is_a_flag_like_embed() {
        for on in ["1", "true", "yes", ""] {
            assert!(LinkState::decode(&format!("teach={on}")).0.view.teach, "{on}");
        }
        let (s, n) = LinkState::decode("teach=0");
        assert!(!s.view.teach && n.is_empty());
        let (s, n) = LinkState::decode("teach=please");
        assert!(!s.view.teach);
        assert!(crate::link_codec::has(&n, cascade_lab::formats::link::NoticeKind::View) && texts(&n).contains("teach='please'"), "{n:?}");
    }

    #[test]
    fn speed_snaps_to_an_allowed_speed_with_a_notice() {
        for (raw, want) in [("1", 1.0), ("2.50", 2.5), ("1e1", 10.0), ("20.0", 20.0)] {
            let (s, n) = LinkState::decode(&format!("speed={raw}"));
            assert!(n.is_empty(), "{raw}: {n:?}");
            assert_eq!(s.view.speed, want);
        }
        for (raw, want) in [("3", 2.5), ("4", 5.0), ("1000", 20.0), ("-5", 1.0), ("inf", 20.0), ("0", 1.0)] {
            let (s, n) = LinkState::decode(&format!("speed={raw}"));
            assert_eq!(s.view.speed, want, "{raw}");
            assert!(texts(&n).contains(&format!("Playback speed {raw} min/s is not one of 1, 2.5, 5, 10, 20; using {want}.")), "{n:?}");
        }
        for raw in ["fast", "NaN", ""] {
            let (s, n) = LinkState::decode(&format!("speed={raw}"));
            assert_eq!(s.view.speed, DEFAULT_SPEED, "{raw}");
            assert!(crate::link_codec::has(&n, cascade_lab::formats::link::NoticeKind::View), "{raw}: {n:?}");
        }
        // The default speed is not written.
        assert_eq!(LinkState::decode("speed=5").0.to_query(), "v=1&preset=december-2024");
    }

    #[test]
    fn a_window_with_one_end_gets_the_runs_other_end() {
        let p = Params::default();
        let (start, end) = (run_start_min(&p), p.horizon as f64);
        let (s, n) = LinkState::decode("from=10");
        assert!(n.is_empty(), "{n:?}");
        assert_eq!(s.view.window, Some(Window { from: 10.0, to: end }));
        let (s, n) = LinkState::decode("to=30");
        assert!(n.is_empty(), "{n:?}");
        let w = s.view.window.unwrap();
        assert!(w.from >= start && w.from < start + 0.1 && w.to == 30.0, "{w:?} vs start {start}");
        // Written back with both ends, it is the same window, without notices.
        let (again, n) = LinkState::decode(&s.to_query());
        assert!(n.is_empty(), "{n:?}");
        assert_eq!(again, s);
        assert!(s.to_query().ends_with(&format!("from={}&to=30", format_tenth(w.from))), "{}", s.to_query());
        // Tenths, like the cursor.
        assert_eq!(LinkState::decode("from=10.04&to=19.96").0.view.window, Some(Window { from: 10.0, to: 20.0 }));
    }

    #[test]
    fn a_window_outside_the_run_reversed_or_empty_is_fixed_with_a_notice() {
        let p = Params::default();
        let (start, end) = (run_start_min(&p), p.horizon as f64);
        let (s, n) = LinkState::decode("from=-500&to=9999");
        let w = s.view.window.unwrap();
        assert!(w.from >= start && w.from < start + 0.1 && w.to == end, "{w:?}");
        assert!(texts(&n).contains("Window from=-500 is outside the run"), "{n:?}");
        assert!(texts(&n).contains("Window to=9999 is outside the run"), "{n:?}");
        let (s, n) = LinkState::decode("from=30&to=10");
        assert_eq!(s.view.window, Some(Window { from: 10.0, to: 30.0 }));
        assert!(texts(&n).contains("Window from=30 is after to=10; the two were swapped."), "{n:?}");
        for q in ["from=10&to=10", "from=10&to=10.04", "from=9999"] {
            let (s, n) = LinkState::decode(q);
            assert_eq!(s.view.window, None, "{q}");
            assert!(crate::link_codec::has(&n, cascade_lab::formats::link::NoticeKind::Window), "{q}: {n:?}");
        }
        for q in ["from=soon", "from=NaN&to=abc"] {
            let (s, n) = LinkState::decode(q);
            assert_eq!(s.view.window, None, "{q}");
            assert!(crate::link_codec::has(&n, cascade_lab::formats::link::NoticeKind::Invalid), "{q}: {n:?}");
        }
        // One bad end: the other still makes a window.
        let (s, n) = LinkState::decode("from=x&to=30");
        assert_eq!(s.view.window.map(|w| w.to), Some(30.0));
        assert_eq!(n.len(), 1, "{n:?}");
    }

    #[test]
    fn the_window_follows_the_main_runs_start_and_end() {
        // A longer rollout starts the run earlier; a shorter horizon ends it sooner.
        let (s, n) = LinkState::decode("rollout_min=120&horizon=60&from=-60&to=90");
        let w = s.view.window.unwrap();
        assert_eq!(w.from, -60.0);
        assert_eq!(w.to, 60.0);
        assert_eq!(n.len(), 1, "{n:?}");
    }

    #[test]
    fn the_cursor_is_kept_inside_the_window() {
        let (s, n) = LinkState::decode("from=0&to=30&t=45");
        assert_eq!(s.t, Some(30.0));
        assert!(texts(&n).contains("Cursor t=45 is outside the window from=0 to=30; moved to 30."), "{n:?}");
        let (s, n) = LinkState::decode("from=0&to=30&t=-10");
        assert_eq!(s.t, Some(0.0));
        assert_eq!(n.len(), 1, "{n:?}");
        let (s, n) = LinkState::decode("from=0&to=30&t=12.5");
        assert_eq!(s.t, Some(12.5));
        assert!(n.is_empty());
    }

    #[test]
    fn sweep_axes_keep_their_equals_signs_readable_and_round_trip() {
        let s = every_key();
        let url = s.to_url("https://docs.example/cascade/");
        assert!(url.contains("&sx=agents=100..20000:24:log&sy=ttl=0..3600:16&sm=impact_min"), "{url}");
        // Escaped by another encoder (URLSearchParams escapes `=`, `:` and `,`), it is the same link.
        let escaped = url.replace("sx=agents=", "sx=agents%3D").replace("sy=ttl=", "sy=ttl%3d").replace(":24:", "%3A24%3A");
        assert_ne!(escaped, url);
        let (a, n) = LinkState::decode(&escaped);
        assert!(n.is_empty(), "{n:?}");
        assert_eq!(a, s);
        // Numbers in other notations and a metric in capitals read alike.
        let (b, n) = LinkState::decode("sx=agents%3D1e2..20%2C000:24:log&sy= ttl=0.0..3.6e3:16&sm=IMPACT_MIN&view=sweep");
        assert!(n.is_empty(), "{n:?}");
        assert_eq!(b.view.sweep, s.view.sweep);
        // Only one axis is fine: the app supplies the other.
        let (c, n) = LinkState::decode("sy=cost=0.1..10:16:log");
        assert!(n.is_empty(), "{n:?}");
        assert!(c.view.sweep.x.is_none());
        assert_eq!(c.view.sweep.y.as_ref().map(Axis::to_text).as_deref(), Some("cost=0.1..10:16:log"));
        assert_eq!(c.to_query(), "v=1&preset=december-2024&sy=cost=0.1..10:16:log");
    }

    #[test]
    fn a_bad_sweep_axis_leaves_no_axes_with_a_notice() {
        for (q, says) in [
            ("sx=agents=100..20000:24:log&sy=ttl", "sy='ttl' is not valid (should be KEY=FROM..TO:STEPS[:log])"),
            ("sx=zzz=1..2:4&sy=ttl=0..3600:16", "unknown parameter 'zzz'"),
            ("sx=seed=1..9:4", "seed is not a numeric parameter"),
            ("sx=retry=0..3:4", "retry is not a numeric parameter"),
            ("sx=agents=100..20000:1", "1 steps; valid: 2 – 64"),
            ("sx=agents=100..20000:65", "65 steps"),
            ("sx=ttl=0..3600:8:log", "a log axis needs a range above 0"),
            ("sx=ttl=-5..-1:8", "the range is empty"),
            ("sx=agents=100..20000:24:LOG", "should be KEY=FROM"),
            ("sx=agents=1..inf:24", "should be KEY=FROM"),
            ("sx=agents=100...2000:4", "sx='agents=100...2000:4' is not valid (should be KEY=FROM"),
            ("view=sweep&sx=agents=100...2000:4&sy=ttl=0..3600:16", "should be KEY=FROM"),
            ("sx=ttl=0..3600:16&sy=ttl=0..60:4", "Sweep axes sx and sy both vary ttl"),
        ] {
            let (s, n) = LinkState::decode(q);
            assert_eq!((&s.view.sweep.x, &s.view.sweep.y), (&None, &None), "{q}");
            assert!(texts(&n).contains(says), "{q}: {n:?}");
            assert!(crate::link_codec::has(&n, cascade_lab::formats::link::NoticeKind::Sweep), "{q}: {n:?}");
        }
        // The sweep view is still shown, with the app's axes.
        let (s, n) = LinkState::decode("view=sweep&sx=agents=100...2000:4");
        assert_eq!((s.view.figure, n.len()), (cascade_lab::formats::link::Figure::Sweep, 1), "{n:?}");
        // The metric is separate from the axes.
        let (s, n) = LinkState::decode("sx=oops&sm=peak_error_rate");
        assert_eq!(s.view.sweep.metric.map(|m| m.key), Some("peak_error_rate"));
        assert_eq!(n.len(), 1, "{n:?}");
        let (s, n) = LinkState::decode("sm=happiness");
        assert!(s.view.sweep.metric.is_none());
        assert!(texts(&n).contains("Sweep metric sm='happiness' is not one of impact_min, peak_error_rate"), "{n:?}");
    }

    #[test]
    fn a_sweep_axis_clamped_or_rounded_says_so() {
        let (s, n) = LinkState::decode("sx=agents=1..1e9:8:log");
        assert_eq!(s.view.sweep.x.as_ref().map(Axis::to_text).as_deref(), Some("agents=10..100000:8:log"));
        assert!(texts(&n).contains("Sweep axis sx=agents=1..1e9:8:log was adjusted to agents=10..100000:8:log."), "{n:?}");
        let (s, n) = LinkState::decode("sy=cost=0.12345..2:4");
        assert_eq!(s.view.sweep.y.as_ref().map(Axis::to_text).as_deref(), Some("cost=0.123..2:4"));
        assert_eq!(n.len(), 1, "{n:?}");
        // -0 is 0: the re-encoded link and the run are the same.
        let (a, n) = LinkState::decode("sx=ttl=-0..60:4");
        assert!(n.is_empty(), "{n:?}");
        let (b, _) = LinkState::decode("sx=ttl=0..60:4");
        assert_eq!(format!("{a:?}"), format!("{b:?}"));
    }

    #[test]
    fn hostile_values_for_the_new_keys_are_clipped_in_notices() {
        let long = "x".repeat(5_000);
        let q = format!("view={long}&cluster={long}&speed={long}&from={long}&sx={long}=1..2:3&sm={long}");
        let (s, n) = LinkState::decode(&q);
        assert_eq!(s.view, View::default());
        assert!(n.iter().all(|x| x.text.chars().count() < 700), "{n:?}");
    }
}

/// The examples in docs/embedding.md ("Sharing and embedding") open as written.
#[test]
fn docs_link_examples_open_without_notices() {
    let doc = include_str!("../../docs/embedding.md");
    let mut found = 0;
    for q in doc.split('`').filter(|s| s.starts_with("?v=1&")) {
        let (s, n) = LinkState::decode(q);
        assert!(n.is_empty(), "{q}: {n:?}");
        assert_eq!(LinkState::decode(&s.to_query()).0, s, "{q}");
        found += 1;
    }
    assert!(found >= 2, "{found}");
}

// ---------- A described fleet, agent and plan in the link (issue 22) ----------

mod described {
    use super::texts;
    use cascade_lab::formats::link::{LinkState, View};
    use cascade_lab::sim::agent::{AgentSpec, Call, Resource, Scope, Source};
    use cascade_lab::sim::fleet::{self, ClusterDesc, Fleet};
    use cascade_lab::sim::plan::{Gate, GateSignal, Plan, Wave};
    use cascade_lab::sim::{simulate, Params};

    fn fleet5() -> Fleet {
        let mut big = ClusterDesc::new("prod-big", 4_000);
        big.apiservers = Some(5);
        big.watch_cache = Some(true);
        big.wave = 2;
        let mut mid = ClusterDesc::new("prod-mid", 1_200);
        mid.ttl = Some(30);
        mid.dns_serve_stale = Some(true);
        mid.wave = 1;
        let mut stg = ClusterDesc::new("staging", 60);
        stg.staging = true;
        let mut edge = ClusterDesc::new("edge.eu", 300);
        edge.pods = Some(12);
        edge.seats = Some(400);
        edge.apiserver_mem_gb = Some(32);
        edge.wave = 1;
        Fleet { clusters: vec![stg, edge, mid, big, ClusterDesc::new("batch_2", 2_500)] }
    }

    fn agent() -> AgentSpec {
        AgentSpec {
            replicas: None,
            calls: vec![
                Call { count: 2, ..Call::new(Resource::Pods, Scope::Node) },
                Call { source: Source::Etcd, objects: Some(40_000), ..Call::new(Resource::Other, Scope::Cluster) },
            ],
        }
    }

    fn plan(f: &Fleet) -> Plan {
        let n = |i: usize| f.clusters[i].name.clone();
        Plan {
            waves: vec![
                Wave { clusters: vec![n(0)], soak_min: 10.0 },
                Wave { clusters: vec![n(1), n(2)], soak_min: 4.5 },
                Wave { clusters: vec![n(3), n(4)], soak_min: 0.0 },
            ],
            gate: Gate { signal: GateSignal::Rejections, threshold_pct: 2.5, delay_min: 1.0 },
        }
    }

    fn described() -> Params {
        let mut p = Params::default();
        assert_eq!(p.set_fleet(Some(fleet5())), None);
        p.agent = Some(agent());
        p.plan = Some(plan(&fleet5()));
        p.poll = 30;
        p
    }

    /// Issue 22: a link the app writes for a custom fleet reopens the same run, with no notice.
    #[test]
    fn a_custom_fleet_agent_and_plan_round_trip_exactly() {
        let p = described();
        let mut s = LinkState { t: Some(12.5), ..LinkState::from_params(&p) };
        s.view.cluster = 2; // prod-mid
        let q = s.to_query();
        assert!(q.contains("&fleet=1~staging,60,g~") && q.contains("&agent=1~") && q.contains("&plan=1~g:rejections:2.5:1~"), "{q}");
        assert!(!q.contains("agents="), "agents is the fleet's largest, so it is left out: {q}");
        assert!(q.contains("cluster=prod-mid"), "{q}");
        let (back, n) = LinkState::decode(&q);
        assert!(n.is_empty(), "{n:?}");
        assert_eq!(back, s);
        assert_eq!(back.params.agents, 4_000);
        assert_eq!(simulate(&back.params).checksum(), simulate(&p).checksum());
        // The keys in any order: the plan is still read after its fleet.
        let mut pairs: Vec<&str> = q.split('&').collect();
        pairs.reverse();
        let (again, n) = LinkState::decode(&pairs.join("&"));
        assert!(n.is_empty(), "{n:?}");
        assert_eq!(again, s);
    }

    #[test]
    fn a_scaled_fleet_says_agents_and_the_default_cluster_is_the_fleet_s_largest() {
        let mut p = described();
        p.agents = 2_000;
        let s = LinkState::from_params(&p);
        let q = s.to_query();
        assert!(q.contains("agents=2000"), "{q}");
        let (back, n) = LinkState::decode(&q);
        assert!(n.is_empty() && back == s, "{n:?}");
        // Without `cluster=` the diagram shows the fleet's largest production cluster.
        let (back, _) = LinkState::decode(&format!("fleet={}", cascade_lab::formats::compact::fleet_to_text(&fleet5())));
        assert_eq!(fleet::names(&back.params)[back.view.cluster], "prod-big");
        assert_eq!(back.params.agents, 4_000, "agents defaults to the largest cluster");
        // Names are case-insensitive; one the fleet lacks falls back to its largest, saying so.
        let text = cascade_lab::formats::compact::fleet_to_text(&fleet5());
        let (back, n) = LinkState::decode(&format!("fleet={text}&cluster=EDGE.EU"));
        assert!(n.is_empty() && back.view.cluster == 1, "{n:?}");
        let (back, n) = LinkState::decode(&format!("fleet={text}&cluster=large-a"));
        assert_eq!(back.view.cluster, 3);
        assert_eq!(texts(&n), "cluster='large-a' is not a cluster of the fleet (staging, edge.eu, prod-mid, prod-big, batch_2); showing prod-big.");
    }

    #[test]
    fn compare_mode_carries_its_own_fleet_or_the_built_in_one() {
        let a = described();
        // The second run on December's fleet: `b.fleet=` (empty) says "the built-in one".
        let b = Params::default();
        let mut other = a.clone();
        let mut f = fleet5();
        f.clusters[4].nodes = 6_000;
        other.set_fleet(Some(f));
        let mut cheaper = a.clone();
        cheaper.agent = None;
        for b in [b, other, cheaper, a.clone()] {
            let s = LinkState { compare: Some(b.clone()), ..LinkState::from_params(&a) };
            let q = s.to_query();
            assert!(!q.contains("cluster="), "{q}");
            let (back, n) = LinkState::decode(&q);
            assert!(n.is_empty(), "{n:?} for {q}");
            assert_eq!(back.compare, Some(b.clone()), "{q}");
            assert_eq!(back.params, a, "{q}");
        }
        let s = LinkState { compare: Some(Params::default()), ..LinkState::from_params(&a) };
        let q = s.to_query();
        assert!(q.contains("b.fleet=&") && q.contains("b.agent=&") && q.contains("b.plan="), "{q}");
    }

    /// 60 clusters with realistic names and a plan of their own stay a link a chat or a
    /// review document takes whole.
    #[test]
    fn a_sixty_cluster_fleet_with_a_plan_stays_under_2000_characters() {
        let regions = ["us-east", "us-west", "eu-west", "eu-north", "ap-south", "ap-east"];
        let clusters: Vec<ClusterDesc> = (0..60)
            .map(|i| {
                let mut c = ClusterDesc::new(&format!("{}-{:02}", regions[i % 6], i / 6 + 1), 80 + (i as u32 * 997) % 5_900);
                c.wave = (i % 4) as u32;
                if i % 5 == 0 {
                    c.apiservers = Some(5);
                }
                if i % 7 == 0 {
                    c.watch_cache = Some(true);
                }
                c
            })
            .collect();
        let f = Fleet { clusters };
        let mut p = Params::default();
        p.set_fleet(Some(f.clone()));
        let plan = Plan {
            waves: (0..4).map(|w| Wave { clusters: f.clusters.iter().filter(|c| c.wave == w).map(|c| c.name.clone()).collect(), soak_min: 15.0 }).collect(),
            gate: Gate { signal: GateSignal::Either, threshold_pct: 1.0, delay_min: 2.0 },
        };
        p.plan = Some(plan);
        p.agent = Some(agent());
        let url = LinkState::from_params(&p).to_url("https://cascade-lab.example/");
        assert!(url.len() < 2_000, "{} characters: {url}", url.len());
        let (back, n) = LinkState::decode(&url);
        assert!(n.is_empty(), "{n:?}");
        assert_eq!(back.params, p);
    }

    #[test]
    fn a_bad_fleet_agent_or_plan_is_dropped_with_one_line_naming_the_field() {
        let text = cascade_lab::formats::compact::fleet_to_text(&fleet5());
        let plan_text = cascade_lab::formats::compact::plan_to_text(&plan(&fleet5()), &fleet::names(&described()));
        let cases: [(String, &str); 7] = [
            ("fleet=1~a,0".into(), "Fleet not read: cluster 1 ('a'): nodes = 0 is out of range (1 to 100,000); using December 2024's built-in fleet."),
            ("fleet=2~a,10".into(), "Fleet not read: fleet: version '2' is not one this build reads (1); using December 2024's built-in fleet."),
            ("fleet=1~a,10,q5".into(), "Fleet not read: cluster 1: 'q5' is not a field (p a s m u l r c t x w f g); using December 2024's built-in fleet."),
            ("agent=1~pods:cluster:cache".into(), "Agent not read: agent call 1: source = 'cache' is not one of cluster, etcd, watch-cache; using the request cost knob."),
            (format!("fleet={text}&plan=1~g:none:1:0~w:0:0-3"), "Plan not read: plan: cluster 'batch_2' is in no wave (every cluster needs one); using the named plan 'fleet'."),
            (format!("plan={plan_text}"), "Plan not read: plan: cluster 'medium-b' is in no wave (every cluster needs one); using the named plan 'fleet'."),
            (
                format!("fleet=1~a,0&plan={plan_text}&rollout=phased"),
                "Fleet not read: cluster 1 ('a'): nodes = 0 is out of range (1 to 100,000); using December 2024's built-in fleet.\nPlan dropped: its clusters belong to the fleet that was not read; using the named plan 'phased'.",
            ),
        ];
        for (q, want) in cases {
            let (s, n) = LinkState::decode(&q);
            assert_eq!(texts(&n), want, "{q}");
            assert!(n.iter().all(|x| !x.text.contains('\n')));
            // What was not read is not in the run; what was read is.
            if q.starts_with("fleet=1~a") || q.starts_with("fleet=2") {
                assert_eq!(s.params.fleet, None);
                assert_eq!(s.params.agents, Params::default().agents);
            }
            assert_eq!(s.params.plan, None, "{q}");
            if q.starts_with("agent") {
                assert_eq!(s.params.agent, None);
            }
        }
        // A hostile value is echoed clipped and printable.
        let (_, n) = LinkState::decode("fleet=1~ab%0Acd,5,p%0A%0Aqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqq");
        assert_eq!(n.len(), 1);
        assert!(!n[0].text.contains('\n') && n[0].text.len() < 500, "{n:?}");
    }

    #[test]
    fn links_without_a_fleet_write_none_of_its_keys() {
        let mut p = Params::preset("phased-rollout").unwrap();
        p.agents = 3_000;
        let mut s = LinkState { params: p.clone(), t: None, compare: Some(Params::default()), view: View::default() };
        s.view.cluster = 4;
        let q = s.to_query();
        assert_eq!(q, "v=1&preset=phased-rollout&agents=3000&b.preset=december-2024&cluster=medium-a");
    }
}
