//! The code map stays true: every `use crate::…` (and `super::…`) path in the library goes down
//! the layers ARCHITECTURE.md and `lib.rs` list, nothing imports upward or across (the page's
//! `app` and the `tools` module share only `ui`), and no two modules under one parent import
//! each other in a circle (a child may use its parent: it is part of it).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// The library's layers, lowest first: a module uses only its own layer's modules and those
/// below. Modules in one row are side by side and use neither.
const LAYERS: &[&[&str]] = &[&["text"], &["sim"], &["analysis"], &["views"], &["formats"], &["ui"], &["app", "tools"]];

type Module = Vec<String>;

fn src() -> PathBuf {
    Path::new(ROOT).join("src")
}

/// Every library file (not the binaries: `src/main.rs`, `src/bin/`, `src/tools/main.rs`) and
/// its module path.
fn library_files() -> Vec<(PathBuf, Module)> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|x| x == "rs") {
                out.push(p);
            }
        }
    }
    let mut files = Vec::new();
    walk(&src(), &mut files);
    files.sort();
    files
        .into_iter()
        .filter_map(|f| {
            let rel = f.strip_prefix(src()).unwrap().with_extension("");
            let mut m: Module = rel.iter().map(|s| s.to_string_lossy().into_owned()).collect();
            if m[0] == "bin" || m.last().is_some_and(|l| l == "main") {
                return None;
            }
            if m.last().is_some_and(|l| l == "mod" || l == "lib") {
                m.pop();
            }
            Some((f, m))
        })
        .collect()
}

/// The source without comments and without its test module (`#[cfg(test)]` onwards).
fn code(text: &str) -> String {
    let text = text.split("#[cfg(test)]").next().unwrap_or_default();
    text.lines().map(|l| l.split("//").next().unwrap_or_default()).collect::<Vec<_>>().join("\n")
}

/// `a::b::{c, d::{e, f}}` → `a::b::c`, `a::b::d::e`, `a::b::d::f` (as segments; `as` dropped).
fn expand(path: &str) -> Vec<Vec<String>> {
    let path = path.trim();
    if let Some(open) = path.find('{') {
        let prefix: Vec<String> = path[..open].split("::").filter(|s| !s.is_empty()).map(str::to_string).collect();
        let inner = &path[open + 1..path.rfind('}').unwrap_or(path.len())];
        let (mut parts, mut depth, mut cur) = (Vec::new(), 0, String::new());
        for c in inner.chars() {
            match c {
                '{' => depth += 1,
                '}' => depth -= 1,
                ',' if depth == 0 => {
                    parts.push(std::mem::take(&mut cur));
                    continue;
                }
                _ => {}
            }
            cur.push(c);
        }
        parts.push(cur);
        return parts.iter().filter(|p| !p.trim().is_empty()).flat_map(|p| expand(p)).map(|rest| prefix.iter().cloned().chain(rest).collect()).collect();
    }
    let path = path.split(" as ").next().unwrap_or_default();
    vec![path.split("::").map(str::trim).filter(|s| !s.is_empty()).map(str::to_string).collect()]
}

/// Every path a file names that starts at `crate`, `super` or `self`: in `use` items and inline.
fn paths(code: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let flat: String = code.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut rest = flat.as_str();
    while let Some(i) = rest.find("use ") {
        let before = rest[..i].chars().last();
        rest = &rest[i + 4..];
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue;
        }
        let end = rest.find(';').unwrap_or(rest.len());
        let item = rest[..end].trim();
        if ["crate::", "super::", "self::"].iter().any(|p| item.starts_with(p)) {
            out.extend(expand(item));
        }
    }
    // Inline paths (`crate::views::chart::Panel`, `super::fleet::names(p)`).
    for start in ["crate::", "super::"] {
        let mut at = 0;
        while let Some(i) = code[at..].find(start) {
            let i = at + i;
            at = i + start.len();
            let before = code[..i].chars().last();
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':' || c == '$') {
                continue;
            }
            let tail: String = code[i..].chars().take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':').collect();
            let path: Vec<String> = tail.split("::").filter(|s| !s.is_empty()).map(str::to_string).collect();
            if path.len() > 1 {
                out.push(path);
            }
        }
    }
    out
}

/// The module file of `m`, if there is one.
fn module_file(m: &[String]) -> Option<PathBuf> {
    let base = m.iter().fold(src(), |p, s| p.join(s));
    [base.with_extension("rs"), base.join("mod.rs")].into_iter().find(|p| p.is_file())
}

/// The modules `pub use child::{a, b}` re-exports from module `m`'s file, by name.
fn reexports(m: &[String]) -> BTreeMap<String, Module> {
    let mut out = BTreeMap::new();
    let Some(file) = module_file(m) else { return out };
    let text = code(&std::fs::read_to_string(file).unwrap());
    for line in text.lines().map(str::trim).filter(|l| l.starts_with("pub use ")) {
        for p in expand(line.trim_start_matches("pub use ").trim_end_matches(';')) {
            let mut full: Module = m.to_vec();
            full.extend(p.iter().filter(|&s| s != "self").cloned());
            if module_file(&full).is_some() {
                out.insert(p.last().unwrap().clone(), full);
            }
        }
    }
    out
}

/// The module a path names (its longest prefix that is a module, through re-exported modules).
fn resolve(from: &Module, path: &[String]) -> Option<Module> {
    let (mut m, rest): (Module, &[String]) = match path.first()?.as_str() {
        "crate" => (Vec::new(), &path[1..]),
        "self" => (from.clone(), &path[1..]),
        _ => {
            let ups = path.iter().take_while(|s| *s == "super").count();
            (from[..from.len().checked_sub(ups)?].to_vec(), &path[ups..])
        }
    };
    for seg in rest {
        let mut next = m.clone();
        next.push(seg.clone());
        if module_file(&next).is_some() {
            m = next;
        } else if let Some(target) = reexports(&m).get(seg) {
            m = target.clone();
        } else {
            break;
        }
    }
    (!m.is_empty()).then_some(m)
}

/// Every import edge between two modules, with a file that makes it.
fn edges() -> BTreeMap<(Module, Module), String> {
    let mut out = BTreeMap::new();
    for (file, from) in library_files() {
        let text = code(&std::fs::read_to_string(&file).unwrap());
        for p in paths(&text) {
            if p.len() < 2 || p.iter().skip(1).all(|s| s == "super") {
                continue;
            }
            if let Some(to) = resolve(&from, &p) {
                if to != from {
                    out.entry((from.clone(), to)).or_insert_with(|| format!("{} ({})", file.strip_prefix(ROOT).unwrap().display(), p.join("::")));
                }
            }
        }
    }
    out
}

fn layer(top: &str) -> Option<usize> {
    LAYERS.iter().position(|row| row.contains(&top))
}

#[test]
fn nothing_imports_upward_or_across() {
    let edges = edges();
    assert!(edges.len() > 100, "the scan finds the imports ({} edges)", edges.len());
    let mut wrong = Vec::new();
    for ((from, to), at) in &edges {
        let (a, b) = (&from[0], &to[0]);
        let (la, lb) = (layer(a).unwrap_or_else(|| panic!("module {a} is in no layer")), layer(b).unwrap_or_else(|| panic!("module {b} is in no layer")));
        if lb > la || (lb == la && a != b) {
            wrong.push(format!("{} uses {}: {at}", from.join("::"), to.join("::")));
        }
    }
    assert!(wrong.is_empty(), "imports against the layers (text → sim → analysis → views → formats → ui → app | tools):\n{}", wrong.join("\n"));
}

#[test]
fn no_modules_import_each_other_in_a_circle() {
    // Between siblings: the children of the two modules' deepest common parent.
    let mut graph: BTreeMap<Module, BTreeSet<Module>> = BTreeMap::new();
    let mut why = BTreeMap::new();
    for ((from, to), at) in edges() {
        let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
        if common == from.len() || common == to.len() {
            continue; // a module and its own descendant
        }
        let (a, b) = (from[..=common].to_vec(), to[..=common].to_vec());
        graph.entry(a.clone()).or_default().insert(b.clone());
        why.entry((a, b)).or_insert(at);
    }
    // Depth-first search for a back edge.
    fn visit(m: &Module, graph: &BTreeMap<Module, BTreeSet<Module>>, state: &mut BTreeMap<Module, bool>, stack: &mut Vec<Module>) -> Option<Vec<Module>> {
        match state.get(m) {
            Some(true) => return None,
            Some(false) => {
                let i = stack.iter().position(|s| s == m).unwrap();
                return Some(stack[i..].to_vec());
            }
            None => {}
        }
        state.insert(m.clone(), false);
        stack.push(m.clone());
        for next in graph.get(m).into_iter().flatten() {
            if let Some(cycle) = visit(next, graph, state, stack) {
                return Some(cycle);
            }
        }
        stack.pop();
        state.insert(m.clone(), true);
        None
    }
    let mut state = BTreeMap::new();
    for m in graph.keys() {
        if let Some(cycle) = visit(m, &graph, &mut state, &mut Vec::new()) {
            let steps: Vec<String> = cycle
                .iter()
                .zip(cycle.iter().cycle().skip(1))
                .map(|(a, b)| format!("{} uses {}: {}", a.join("::"), b.join("::"), why[&(a.clone(), b.clone())]))
                .collect();
            panic!("modules in a circle:\n{}", steps.join("\n"));
        }
    }
}

/// The scan sees what it must: a path into a re-exported module resolves to where it lives,
/// and a group's paths each count.
#[test]
fn the_scan_reads_groups_and_reexports() {
    let sim_fleet = resolve(&vec!["views".into()], &["crate", "sim", "fleet", "Resolved"].map(String::from)).unwrap();
    assert_eq!(sim_fleet, ["sim", "params", "fleet"].map(String::from).to_vec());
    let found = paths("use crate::{sim::{fleet, Params}, text::clock};");
    assert_eq!(found.len(), 3, "{found:?}");
    assert!(edges().contains_key(&(["views", "story"].map(String::from).to_vec(), ["sim", "params", "plan"].map(String::from).to_vec())));
}

/// ARCHITECTURE.md's layer table and `lib.rs`'s list name the layers in the order enforced here.
#[test]
fn the_documented_layers_are_the_enforced_ones() {
    let enforced: Vec<&str> = LAYERS.iter().flat_map(|row| row.iter().copied()).collect();
    let arch = std::fs::read_to_string(Path::new(ROOT).join("ARCHITECTURE.md")).unwrap();
    let table = arch.split("| layer |").nth(1).expect("ARCHITECTURE.md has a layer table");
    let rows: Vec<&str> = table
        .lines()
        .skip(2)
        .take_while(|l| l.starts_with('|'))
        .filter_map(|l| l.strip_prefix("| `src/")?.split('/').next())
        .filter(|m| !m.contains('`') && !m.starts_with("bin"))
        .collect();
    assert_eq!(rows, enforced, "ARCHITECTURE.md's layer table");
    let lib = std::fs::read_to_string(src().join("lib.rs")).unwrap();
    let listed: Vec<&str> = lib.lines().filter_map(|l| l.strip_prefix("//! - `")?.split('`').next()).collect();
    assert_eq!(listed, enforced, "lib.rs's list of layers");
}

/// The layers below `ui` are pure Rust, built and tested natively: they name no web crate (the
/// web crates are wasm-only dependencies, so a use here would build for the browser alone).
/// The rest of purity is the compiler's: clippy.toml disallows the clock and hash-ordered
/// collections, and rand is built without OS randomness.
#[test]
fn the_pure_layers_name_no_web_crate() {
    let mut hits = Vec::new();
    for (file, m) in library_files() {
        if m.first().is_none_or(|top| layer(top).unwrap() >= layer("ui").unwrap()) {
            continue;
        }
        let text = code(&std::fs::read_to_string(&file).unwrap());
        for web in ["yew", "web_sys", "js_sys", "gloo", "wasm_bindgen", "plotters_canvas"] {
            let named = text.match_indices(web).any(|(i, _)| {
                let before = text[..i].chars().last();
                let after = text[i + web.len()..].chars().next();
                !before.is_some_and(|c| c.is_alphanumeric() || c == '_') && after.is_some_and(|c| c == ':' || c == ';' || c == ' ')
            });
            if named {
                hits.push(format!("{}: {web}", file.strip_prefix(ROOT).unwrap().display()));
            }
        }
    }
    assert!(hits.is_empty(), "web crates named below ui:\n{}", hits.join("\n"));
}
