//! Hooks for the browser benchmark (tests/e2e/bench.test.mjs), exported to JavaScript.
#![cfg(target_arch = "wasm32")]

use crate::sim::{simulate, Params};
use wasm_bindgen::prelude::*;

/// Median milliseconds to re-simulate the default incident with `agents` agents.
#[wasm_bindgen]
pub fn bench_simulate(agents: u32, runs: u32) -> f64 {
    let mut p = Params::default();
    p.set_value("agents", agents as f64);
    median_ms(&p, runs)
}

/// Median milliseconds to re-simulate a described fleet of `clusters` clusters (80 to 6,000
/// nodes, four waves): the 60-cluster target.
#[wasm_bindgen]
pub fn bench_simulate_fleet(clusters: u32, runs: u32) -> f64 {
    let mut p = Params::default();
    p.set_fleet(Some(crate::sim::fleet::Fleet::synthetic(clusters as usize)));
    median_ms(&p, runs)
}

fn median_ms(p: &Params, runs: u32) -> f64 {
    let _ = simulate(p);
    let mut times: Vec<f64> = (0..runs.max(1))
        .map(|_| {
            let t0 = super::dom::now_ms();
            std::hint::black_box(simulate(std::hint::black_box(p)).len);
            super::dom::now_ms() - t0
        })
        .collect();
    // The median by an insertion sort of a few dozen times: a library sort's code would weigh
    // more in the page.
    for i in 1..times.len() {
        let mut j = i;
        while j > 0 && times[j - 1].total_cmp(&times[j]).is_gt() {
            times.swap(j - 1, j);
            j -= 1;
        }
    }
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
