// Included by tests/determinism.rs (native) and tests/web.rs (wasm in Chromium): the same
// scenarios must give bit-identical traces on both targets.
#[allow(dead_code)]
pub const GOLDEN: &[(&str, u64)] = &[
("", 0x68f9b41b1f0642e2),
    ("agents=100000&cost=10&ttl=0", 0x704e08908c2242bb),
    ("preset=break-glass", 0x29bc119cf5bc464d),
    ("preset=phased-rollout&seed=7", 0x9e9ecb3d3be8415b),
    ("preset=herd&retry=jittered", 0x18add1c8d6989636),
    ("agents=10&cost=0.1&ttl=3600&horizon=60", 0x8b11ed4658b5e631),
    ("iv=10:break_glass,20:block&shift=50", 0xbb39bd3a07201a1e),
];

#[allow(dead_code)]
pub fn checksum_of(query: &str) -> u64 {
    let (link, _) = cascade_lab::link::LinkState::decode(query);
    cascade_lab::sim::simulate(&link.params).checksum()
}
