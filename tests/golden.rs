// Included by tests/determinism.rs (native) and tests/web.rs (wasm in Chromium): the same
// scenarios must give bit-identical traces on both targets.
// Re-blessed once since the refactor into phases, when the trace began recording the diagram's
// columns (relisting, storm, gate, nodes, capacity, admin; fleet rollout and shifted) and a
// per-cluster `agent_deleted` event: the model itself did not change (the earlier columns and
// events stayed bit-identical).
#[allow(dead_code)]
pub const GOLDEN: &[(&str, u64)] = &[
    ("", 0x8c31e8e6bf65cd6f),
    ("agents=100000&cost=10&ttl=0", 0xa24104cfda955f52),
    ("preset=break-glass", 0x37790128731d9576),
    ("preset=phased-rollout&seed=7", 0x0162eee456c37e99),
    ("preset=herd&retry=jittered", 0x1142b46e064a600c),
    ("agents=10&cost=0.1&ttl=3600&horizon=60", 0x3e0158323a52adb6),
    ("iv=10:break_glass,20:block&shift=50", 0xee539e0a13a2d4e1),
];

#[allow(dead_code)]
pub fn checksum_of(query: &str) -> u64 {
    let (link, _) = cascade_lab::link::LinkState::decode(query);
    cascade_lab::sim::simulate(&link.params).checksum()
}
