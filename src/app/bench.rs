//! Hooks for the browser benchmark (tests/e2e/bench.test.mjs), exported to JavaScript.
#![cfg(target_arch = "wasm32")]

use crate::sim::{simulate, Params};
use wasm_bindgen::prelude::*;

/// Median milliseconds to re-simulate a link's run (`agents=10000`; the 60-cluster fleet's
/// link is tests/bench/fleet60.txt): the page's own decoder, so no bench-only fleet code ships.
#[wasm_bindgen]
pub fn bench_simulate_link(query: &str, runs: u32) -> f64 {
    let (link, _) = crate::formats::link::LinkState::decode(query);
    median_ms(&link.params, runs)
}

fn median_ms(p: &Params, runs: u32) -> f64 {
    let _ = simulate(p);
    let mut times: Vec<f64> = (0..runs.max(1))
        .map(|_| {
            let t0 = crate::ui::dom::now_ms();
            std::hint::black_box(simulate(std::hint::black_box(p)).len);
            crate::ui::dom::now_ms() - t0
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times[times.len() / 2]
}

/// The checksum of a link's run, as the native tests compute it.
#[wasm_bindgen]
pub fn checksum_of_link(query: &str) -> String {
    let (link, _) = crate::formats::link::LinkState::decode(query);
    format!("{:016x}", simulate(&link.params).checksum())
}

/// Bytes of wasm linear memory, for the long-run heap check.
#[wasm_bindgen]
pub fn wasm_memory_bytes() -> f64 {
    (core::arch::wasm32::memory_size(0) * 65_536) as f64
}

/// Panics on purpose so the e2e suite can prove the panic hook shows its recovery panel.
#[wasm_bindgen]
pub fn debug_panic() {
    panic!("debug_panic called from the test suite");
}
