//! Browser tests of the wasm build (wasm-bindgen-test in headless Chromium).
#![cfg(target_arch = "wasm32")]

use wasm_bindgen_test::*;
wasm_bindgen_test_configure!(run_in_browser);

include!("golden.rs");

#[wasm_bindgen_test]
fn wasm_traces_are_bit_identical_to_native() {
    for (q, expected) in GOLDEN {
        assert_eq!(checksum_of(q), *expected, "scenario '{q}' differs from the native trace");
    }
}

#[wasm_bindgen_test]
fn hostile_links_decode_without_panicking_in_the_browser() {
    for q in ["agents=NaN&ttl=-1&cost=1e308", "v=999&%FF%FE=%E2%82", "t=<script>alert(1)</script>", &"x=y&".repeat(5000)] {
        let (link, _) = cascade_lab::link::LinkState::decode(q);
        assert!(link.params.validate().is_ok());
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
