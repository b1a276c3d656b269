//! `cascade render` and the drawing it shares with the page: the diagram's SVG tree
//! (`views::diagram_svg`, the page renders the same tree through Yew), styled by the page's own
//! stylesheet rules; the charts through plotters' SVG backend; PNG with the link as text.

use cascade_lab::formats::link::LinkState;
use cascade_lab::sim::simulate;
use cascade_lab::ui::state::State;
use cascade_lab::views::diagram::{DiagramState, PartId};
use cascade_lab::views::{diagram_svg, svg};
use std::process::Command;

fn cascade(args: &[&str]) -> (i32, Vec<u8>, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_cascade")).args(args).output().expect("runs");
    (out.status.code().unwrap_or(-1), out.stdout, String::from_utf8_lossy(&out.stderr).into())
}

fn style() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/static/style.css")).unwrap()
}

/// Every class the diagram's tree names has a rule in the page's stylesheet among those the
/// still takes (`DIAGRAM_RULES`'s prefixes), so the page and the still are styled alike.
#[test]
fn the_diagrams_tree_is_styled_by_the_pages_own_rules() {
    let p = cascade_lab::sim::Params::default();
    let t = simulate(&p);
    let d = DiagramState::at(&t, &p, 10.0, 1);
    let prefixes = [".part", ".gauge", ".edge", ".arrow-head", ".flow", ".cut", ".dot"];
    let rules = svg::rules_for(&style(), &prefixes);
    for narrow in [false, true] {
        let fig = diagram_svg::figure(&d, narrow, true);
        for class in fig.classes().iter().filter(|c| !["diagram-svg", "part", "flow", "compact"].contains(&c.as_str())) {
            assert!(rules.contains(&format!(".{class}")), "no rule for .{class} in:\n{rules}");
        }
        let mut text = String::new();
        fig.write(&mut text);
        for id in [PartId::Rollout, PartId::Agents, PartId::ApiServers, PartId::CoreDns, PartId::Caches, PartId::Customers, PartId::Engineers] {
            assert!(text.contains(&format!("data-part=\"{id:?}\"")), "{id:?}");
        }
        // Playing, the traffic moves by SMIL; a still stands.
        assert!(text.contains("<animateMotion"));
        let mut still = String::new();
        diagram_svg::figure(&d, narrow, false).write(&mut still);
        assert!(!still.contains("<animateMotion") && still.contains("<circle"));
    }
}

#[test]
fn a_diagram_still_is_the_moment_the_link_names() {
    let (code, out, err) = cascade(&["render", "--link", "https://x.example/lab/?v=1&preset=december-2024&t=10", "--view", "diagram"]);
    assert_eq!(code, 0, "{err}");
    let text = String::from_utf8(out).unwrap();
    let state = State::from_link(LinkState::decode("v=1&preset=december-2024&t=10").0, Vec::new(), true);
    let d = DiagramState::at(&state.run.trace, &state.run.params, 10.0, 1);
    assert!(text.starts_with("<?xml") && text.trim_end().ends_with("</svg>"));
    assert!(text.contains(&format!("<desc>{}</desc>", d.caption.replace('&', "&amp;"))), "{text}");
    assert!(text.contains("width=\"1000\"") && !text.contains("var(--"), "colours resolved from the palette");
    for part in &d.parts {
        assert!(text.contains(&part.short.replace('&', "&amp;")), "{:?}", part.short);
    }
    // --t wins over the link's t; the phone's layout below 560 px.
    let (_, later, _) = cascade(&["render", "--link", "v=1&t=10", "--t", "200", "--width", "375"]);
    let later = String::from_utf8(later).unwrap();
    assert!(later.contains("viewBox=\"0 0 360 530\"") && later.contains("width=\"375\""));
    assert_ne!(later, text);
}

#[test]
fn charts_and_png_stills_carry_the_link() {
    let dir = std::env::temp_dir().join(format!("cascade-render-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (code, out, err) = cascade(&["render", "--view", "charts", "--t", "30"]);
    assert_eq!(code, 0, "{err}");
    let charts = String::from_utf8(out).unwrap();
    assert!(charts.contains("API demand vs capacity") && charts.contains("What customers see"), "the charts' titles");
    let png = dir.join("d.png");
    let (code, out, err) = cascade(&["render", "--link", "v=1&ttl=30", "--t", "12", "--width", "800", "--out", png.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(String::from_utf8_lossy(&out).starts_with("wrote "));
    let bytes = std::fs::read(&png).unwrap();
    assert_eq!(cascade_lab::formats::png::dimensions(&bytes), Some((800, 290)));
    let texts = cascade_lab::formats::png::texts(&bytes);
    let source = texts.iter().find(|(k, _)| k == "Source").map(|(_, v)| v.clone()).unwrap_or_default();
    assert!(source.contains("ttl=30") && source.contains("t=12"), "{texts:?}");
}

#[test]
fn bad_render_input_is_one_clear_line() {
    for (args, needle) in [
        (&["render", "--view", "map"][..], "view: 'map' is not one of diagram, charts, lanes, chapter"),
        (&["render", "--link", "v=1&view=chapter&ch=8"], "chapter 8's figure is the follow-ups table"),
        (&["render", "--width", "10"], "width: '10' is not a whole number of pixels from 320 to 4000"),
        (&["render", "--t", "9999"], "t: 9999 is outside what the link shows"),
        (&["render", "--format", "png"], "give --out FILE"),
        (&["render", "--format", "gif"], "format: 'gif' is not svg or png"),
        (&["render", "--link", "v=1&agents=abc"], "link: "),
        (&["render", "--out", "/nonexistent-dir/x.svg"], "out: cannot write"),
    ] {
        let (code, out, err) = cascade(args);
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(out.is_empty() && err.lines().count() == 1 && err.contains(needle), "{args:?}: {err}");
    }
}

/// The swimlanes' bars are the tree the page's table renders (`lanes_svg::lane`); the still
/// lays every lane out with its name and its customers' errors, styled by the page's rules.
#[test]
fn a_lanes_still_has_every_cluster_and_the_pages_bars() {
    let (code, out, err) = cascade(&["render", "--view", "lanes", "--t", "60"]);
    assert_eq!(code, 0, "{err}");
    let text = String::from_utf8(out).unwrap();
    let t = simulate(&cascade_lab::sim::Params::default());
    for c in &t.clusters {
        assert!(text.contains(&format!(">{}<", c.name)), "{}", c.name);
    }
    assert!(text.contains("class=\"band st-failing\"") && text.contains("class=\"mark m-controlplanedown\""));
    assert!(text.contains(".band.st-failing {") && text.contains(".lane-cursor {"), "the page's rules for the bars");
    assert!(text.contains("failing now. Fell"), "the verdicts describe it");
    // Spoiler-free (teach=1): nothing after the moment.
    let (_, early, _) = cascade(&["render", "--view", "lanes", "--link", "v=1&teach=1&t=-5"]);
    let early = String::from_utf8(early).unwrap();
    assert!(!early.contains("m-controlplanedown\"") && early.contains("failing now. All 13 clusters ok so far."), "{early}");
}

/// A chapter's still is its figure at its moment, before the reveal: chapter 2's demand chart
/// (large-a beside large-c), chapter 5's diagram, chapter 7's lanes.
#[test]
fn a_chapter_still_is_its_figure_at_its_moment() {
    let (code, out, err) = cascade(&["render", "--link", "v=1&view=chapter&ch=2"]);
    assert_eq!(code, 0, "{err}");
    let demand = String::from_utf8(out).unwrap();
    assert!(demand.contains("large-a") && demand.contains("large-c"), "the two clusters compared");
    let (_, diagram, _) = cascade(&["render", "--view", "chapter", "--link", "v=1&ch=5"]);
    assert!(String::from_utf8(diagram).unwrap().contains("data-part=\"Rollout\""));
    let (_, lanes, _) = cascade(&["render", "--view", "chapter", "--link", "v=1&ch=7"]);
    let lanes = String::from_utf8(lanes).unwrap();
    assert!(lanes.contains("lane-cursor"));
    // Before the reveal: chapter 7 asks when every cluster recovers, so no lane shows it yet.
    assert!(!lanes.contains("m-recovered\""), "the answer is not drawn before it is asked");
}
