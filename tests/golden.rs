// Included by tests/determinism.rs (native) and tests/web.rs (wasm in Chromium): the same
// scenarios must give bit-identical traces on both targets.
#[allow(dead_code)]
pub const GOLDEN: &[(&str, u64)] = &[
    ("", 0xdfff17af312cc486),
    ("agents=100000&cost=10&ttl=0", 0x2e5ef02b3b0eb89f),
    ("preset=break-glass", 0xd4d59fe1ce5c2a5d),
    ("preset=phased-rollout&seed=7", 0x151e40ca60d3eda6),
    ("preset=herd&retry=jittered", 0x4d2d7da6b40b7e58),
    ("agents=10&cost=0.1&ttl=3600&horizon=60", 0xd604078d9d0a556b),
    ("iv=10:break_glass,20:block&shift=50", 0xd16ccff094a09f53),
];

#[allow(dead_code)]
pub fn checksum_of(query: &str) -> u64 {
    let (link, _) = cascade_lab::link::LinkState::decode(query);
    cascade_lab::sim::simulate(&link.params).checksum()
}
