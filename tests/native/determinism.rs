//! Same parameters → bit-identical trace, here and in the browser (tests/web.rs asserts the
//! same constants under wasm32).
include!("../common/golden.rs");

#[test]
fn native_traces_match_the_golden_checksums() {
    let actual: Vec<(&str, u64)> = GOLDEN.iter().map(|(q, _)| (*q, checksum_of(q))).collect();
    let listing: String = actual.iter().map(|(q, c)| format!("    (\"{q}\", 0x{c:016x}),\n")).collect();
    assert_eq!(
        actual.iter().map(|x| x.1).collect::<Vec<_>>(),
        GOLDEN.iter().map(|x| x.1).collect::<Vec<_>>(),
        "model output changed; if intended, update tests/common/golden.rs with:\n{listing}"
    );
}
