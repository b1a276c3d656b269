//! Browser tests of the wasm build (wasm-bindgen-test in headless Chromium).
#![cfg(target_arch = "wasm32")]

use wasm_bindgen_test::*;
wasm_bindgen_test_configure!(run_in_browser);

include!("common/golden.rs");
include!("common/in_schema.rs");

#[wasm_bindgen_test]
fn wasm_traces_are_bit_identical_to_native() {
    for (q, expected) in GOLDEN {
        assert_eq!(checksum_of(q), *expected, "scenario '{q}' differs from the native trace");
    }
}

/// December 2024 as a fleet file (docs/fleets/december-2024.toml), read in the browser build,
/// runs the default run bit for bit, as natively (tests/native/fleet_cli.rs).
#[wasm_bindgen_test]
fn december_fleet_file_gives_the_golden_checksum_in_wasm() {
    let path = "docs/fleets/december-2024.toml";
    let text = include_str!("../docs/fleets/december-2024.toml");
    let file = cascade_lab::formats::fleet_file::parse(path, text).expect("the shipped file reads");
    let mut p = cascade_lab::sim::Params::default();
    file.apply(&mut p, path).expect("and applies");
    assert!(p.fleet.is_some() && p.agent.is_some());
    assert_eq!(cascade_lab::sim::simulate(&p).checksum(), GOLDEN[0].1);
}

#[wasm_bindgen_test]
fn hostile_links_decode_without_panicking_in_the_browser() {
    for q in ["agents=NaN&ttl=-1&cost=1e308", "v=999&%FF%FE=%E2%82", "t=<script>alert(1)</script>", &"x=y&".repeat(5000)] {
        let (link, _) = cascade_lab::formats::link::LinkState::decode(q);
        assert_eq!(in_schema(&link.params), Ok(()), "{q}");
    }
}

#[wasm_bindgen_test]
async fn app_mounts_and_shows_the_title_and_a_drawn_chart() {
    let doc = web_sys::window().unwrap().document().unwrap();
    let root = doc.create_element("div").unwrap();
    doc.body().unwrap().append_child(&root).unwrap();
    yew::Renderer::<cascade_lab::app::App>::with_root(root.clone()).render();
    // Let Yew render and run its effects; controls and narration follow the first chart
    // one render later.
    for _ in 0..40 {
        gloo::timers::future::TimeoutFuture::new(50).await;
        if doc.body().unwrap().has_attribute("data-first-chart-ms") && root.query_selector("#events").unwrap().is_some() {
            break;
        }
    }
    let h1 = root.query_selector("h1").unwrap().expect("a title");
    assert_eq!(h1.text_content().unwrap(), "Cascade Lab");
    assert!(root.query_selector("#charts-base").unwrap().is_some());
    assert!(doc.body().unwrap().has_attribute("data-first-chart-ms"), "the chart effect ran");
    let sliders = root.query_selector_all("input[type=range]").unwrap().length();
    assert!(sliders >= 4, "found {sliders} range inputs");
}

/// The playback loop is owned by an effect: pausing drops it, and so does unmounting the app
/// while it plays — no animation frame is requested afterwards.
#[wasm_bindgen_test]
async fn the_frame_loop_stops_on_pause_and_on_unmount() {
    use wasm_bindgen::JsCast;
    let sleep = |ms| gloo::timers::future::TimeoutFuture::new(ms);
    let window = web_sys::window().unwrap();
    let doc = window.document().unwrap();
    // Count requestAnimationFrame calls (bindings look the method up on every call).
    js_sys::eval("window.__rafCalls = 0; const raf = window.requestAnimationFrame.bind(window); window.requestAnimationFrame = (cb) => { window.__rafCalls++; return raf(cb); };").unwrap();
    let calls = || js_sys::Reflect::get(&window, &"__rafCalls".into()).unwrap().as_f64().unwrap();
    let history = window.history().unwrap();
    let original = window.location().href().unwrap();
    history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some("?autoplay=1")).unwrap();

    let root = doc.create_element("div").unwrap();
    doc.body().unwrap().append_child(&root).unwrap();
    let app = yew::Renderer::<cascade_lab::app::App>::with_root(root.clone()).render();
    sleep(300).await;
    let play = || root.query_selector("#play").unwrap().expect("a play button").dyn_into::<web_sys::HtmlElement>().unwrap();
    assert_eq!(play().get_attribute("aria-label").as_deref(), Some("Pause"), "autoplay started playback");
    // Half a second: a busy machine still paints a few frames in it.
    let (a, _) = (calls(), sleep(500).await);
    assert!(calls() > a + 2.0, "playing requests frames");

    play().click();
    sleep(100).await;
    let (a, _) = (calls(), sleep(300).await);
    assert_eq!(calls(), a, "paused: no more frames");

    play().click();
    sleep(100).await;
    let (a, _) = (calls(), sleep(500).await);
    assert!(calls() > a + 2.0, "playing again");
    app.destroy();
    sleep(100).await;
    let (a, _) = (calls(), sleep(300).await);
    assert_eq!(calls(), a, "unmounted while playing: no more frames");
    history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&original)).unwrap();
}

/// The sweep's frame loop and worker belong to its effect: unmounting the panel mid-sweep
/// stops the frames and terminates the worker (none leaked, no `forget()`).
#[wasm_bindgen_test]
async fn the_sweep_stops_computing_when_unmounted() {
    use cascade_lab::analysis::sweep::{Axis, Metric};
    use cascade_lab::formats::link::SweepView as Setup;
    use cascade_lab::tools::sweep_view::SweepView;
    use yew::prelude::*;
    let sleep = |ms| gloo::timers::future::TimeoutFuture::new(ms);
    let window = web_sys::window().unwrap();
    let doc = window.document().unwrap();
    js_sys::eval(
        "window.__sweepRaf = 0; const raf2 = window.requestAnimationFrame.bind(window); window.requestAnimationFrame = (cb) => { window.__sweepRaf++; return raf2(cb); };\
         window.__terminated = 0; const t = Worker.prototype.terminate; Worker.prototype.terminate = function () { window.__terminated++; return t.call(this); };",
    )
    .unwrap();
    let get = |k: &str| js_sys::Reflect::get(&window, &k.into()).unwrap().as_f64().unwrap();

    #[function_component]
    fn Host() -> Html {
        let setup = Setup {
            x: Some(Axis::parse("agents=100..20000:32:log").unwrap()),
            y: Some(Axis::parse("ttl=0..3600:32").unwrap()),
            metric: Some(Metric::find("impact_min").unwrap()),
        };
        html! { <SweepView params={cascade_lab::sim::Params::default()} {setup} dark={false} dispatch={Callback::noop()} eager={true} /> }
    }
    let root = doc.create_element("div").unwrap();
    doc.body().unwrap().append_child(&root).unwrap();
    let app = yew::Renderer::<Host>::with_root(root.clone()).render();
    sleep(250).await;
    let computed = || root.query_selector("#sweep").unwrap().and_then(|e| e.get_attribute("data-computed")).and_then(|v| v.parse::<usize>().ok()).unwrap_or(0);
    let n = computed();
    assert!(n > 0 && n < 1024, "computing, not done: {n} cells");
    let (a, _) = (get("__sweepRaf"), sleep(150).await);
    assert!(get("__sweepRaf") > a, "the sweep requests frames");
    app.destroy();
    sleep(50).await;
    let (a, _) = (get("__sweepRaf"), sleep(300).await);
    assert_eq!(get("__sweepRaf"), a, "unmounted mid-sweep: no more frames");
    assert!(get("__terminated") >= 1.0, "the worker was terminated");
}
