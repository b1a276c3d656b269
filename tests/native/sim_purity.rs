//! Invariant: `src/sim` is pure Rust. It must not name a web crate nor reach for the clock or
//! OS randomness, so it stays natively testable and the same link gives the same run everywhere.

use std::fs;
use std::path::Path;

fn sources(dir: &Path, out: &mut Vec<(String, String)>) {
    for entry in fs::read_dir(dir).expect("src/sim exists") {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push((path.display().to_string(), fs::read_to_string(&path).unwrap()));
        }
    }
}

#[test]
fn sim_names_no_web_crate_and_no_ambient_nondeterminism() {
    let mut files = Vec::new();
    sources(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src/sim"), &mut files);
    assert!(files.len() >= 4, "expected the sim's modules, found {}", files.len());
    let forbidden = [
        "yew",
        "web_sys",
        "gloo",
        "wasm_bindgen",
        "js_sys",
        "thread_rng",
        "rand::rng()",
        "from_entropy",
        "from_os_rng",
        "SystemTime",
        "Instant",
        "HashMap",
        "HashSet",
        "StdRng",
        "SmallRng",
        "crate::app",
        "crate::views::chart",
    ];
    let mut hits = Vec::new();
    for (name, text) in &files {
        for (n, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            for f in forbidden {
                if code.contains(f) {
                    hits.push(format!("{name}:{}: {f}", n + 1));
                }
            }
        }
    }
    assert!(hits.is_empty(), "src/sim must stay pure:\n{}", hits.join("\n"));
}
