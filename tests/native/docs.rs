//! README and the pages it links: README stays short (what it is, the two commands, a picture,
//! where to read on), every relative link or image in README.md, ARCHITECTURE.md and docs/*.md
//! points to a file that exists (and to a heading that exists, when it names one), and
//! ARCHITECTURE's code map lists its rows in path order. The generated blocks the pages carry
//! are checked where they are generated: `params_schema` (docs/cli.md), `embed_size`
//! (docs/embedding.md), `csv_export` (docs/exports.md), `cli` (docs/facilitator-guide.md).

use std::path::{Path, PathBuf};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn read(rel: &str) -> String {
    std::fs::read_to_string(Path::new(ROOT).join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// README.md, ARCHITECTURE.md and every docs/*.md, as paths relative to the repository.
fn pages() -> Vec<String> {
    let mut docs: Vec<String> = std::fs::read_dir(Path::new(ROOT).join("docs"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.ends_with(".md"))
        .map(|n| format!("docs/{n}"))
        .collect();
    docs.sort();
    let mut all = vec!["README.md".to_string(), "ARCHITECTURE.md".to_string()];
    all.extend(docs);
    all
}

/// The text outside fenced code blocks and inline code spans, line by line.
fn prose(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut fenced = false;
    for line in text.lines() {
        if line.trim_start().starts_with("```") {
            fenced = !fenced;
            continue;
        }
        if !fenced {
            out.push(line.split('`').step_by(2).collect::<Vec<_>>().join(""));
        }
    }
    out
}

/// Every link target in Markdown (`](target)`) and HTML (`src="target"`, `href="target"`).
fn targets(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in prose(text) {
        for (open, close) in [("](", ')'), ("src=\"", '"'), ("href=\"", '"')] {
            let mut rest = line.as_str();
            while let Some(i) = rest.find(open) {
                rest = &rest[i + open.len()..];
                let end = rest.find(close).unwrap_or(rest.len());
                out.push(rest[..end].split_whitespace().next().unwrap_or("").to_string());
                rest = &rest[end..];
            }
        }
    }
    out
}

/// GitHub's anchor for a heading: lower case, spaces to hyphens, other punctuation dropped.
fn anchor(heading: &str) -> String {
    heading
        .trim()
        .to_lowercase()
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
            _ => None,
        })
        .collect()
}

fn anchors(text: &str) -> Vec<String> {
    let mut fenced = false;
    let mut out = Vec::new();
    for line in text.lines() {
        if line.trim_start().starts_with("```") {
            fenced = !fenced;
        } else if !fenced && line.starts_with('#') {
            out.push(anchor(&line.trim_start_matches('#').replace('`', "")));
        }
    }
    out
}

#[test]
fn readme_is_at_most_200_lines_with_the_two_commands_first() {
    let readme = read("README.md");
    let n = readme.lines().count();
    assert!(n <= 200, "README.md has {n} lines; move detail into docs/");
    let head: Vec<&str> = readme.lines().take(30).collect();
    for command in ["scripts/run.sh", "scripts/test.sh"] {
        assert!(head.iter().any(|l| l.contains(command)), "README's first 30 lines name `{command}`");
    }
    assert_eq!(readme.matches("![").count() + readme.matches("<img ").count(), 1, "README shows one picture");
}

#[test]
fn readme_links_every_page_in_docs() {
    let linked = targets(&read("README.md"));
    for page in pages().into_iter().filter(|p| p.starts_with("docs/")) {
        assert!(linked.iter().any(|t| t.split('#').next() == Some(page.as_str())), "README does not link {page}");
    }
}

#[test]
fn every_relative_link_in_readme_and_docs_points_to_a_file_and_heading_that_exist() {
    let mut checked = 0;
    for page in pages() {
        let text = read(&page);
        let dir = Path::new(&page).parent().unwrap_or(Path::new("")).to_path_buf();
        for t in targets(&text) {
            if t.is_empty() || t.contains("://") || t.starts_with("mailto:") {
                continue;
            }
            let (file, frag) = match t.split_once('#') {
                Some((f, a)) => (f, Some(a)),
                None => (t.as_str(), None),
            };
            let target: PathBuf = if file.is_empty() { PathBuf::from(&page) } else { dir.join(file) };
            let on_disk = Path::new(ROOT).join(&target);
            assert!(on_disk.exists(), "{page}: link to `{t}`: {} does not exist", target.display());
            if let Some(a) = frag {
                let heads = anchors(&std::fs::read_to_string(&on_disk).unwrap());
                assert!(heads.iter().any(|h| h == a), "{page}: link to `{t}`: no heading #{a} in {}", target.display());
            }
            checked += 1;
        }
    }
    assert!(checked >= 30, "only {checked} links found: is the link reader broken?");
}

/// The code map's table of paths is in path order, one row a line.
#[test]
fn the_code_map_is_in_path_order() {
    let arch = read("ARCHITECTURE.md");
    let lines: Vec<&str> = arch.lines().collect();
    let start = lines.iter().position(|l| *l == "| path | what it is |").expect("ARCHITECTURE has the code map's path table");
    let paths: Vec<String> =
        lines[start + 2..].iter().take_while(|l| l.starts_with("| ")).map(|l| l.trim_start_matches("| `").split('`').next().unwrap().to_string()).collect();
    assert!(paths.len() > 50, "{}", paths.len());
    let mut sorted = paths.clone();
    sorted.sort();
    assert_eq!(paths, sorted, "ARCHITECTURE's code map rows are not in path order");
    for p in &paths {
        assert!(Path::new(ROOT).join(p).exists(), "ARCHITECTURE's code map names {p}, which does not exist");
    }
}

/// ARCHITECTURE.md's page-weight budget is the one the e2e test asserts, and it does not
/// describe the hand-written insertion sorts issue 29 replaced with the standard sort as current.
#[test]
fn architecture_states_the_asserted_page_budget() {
    let skeleton = read("tests/e2e/skeleton.test.mjs");
    let budget = skeleton.split("const budget = ").nth(1).and_then(|r| r.split(" * 1024").next()).expect("skeleton.test.mjs: const budget = N * 1024");
    let arch = read("ARCHITECTURE.md");
    assert!(arch.contains(&format!("The budget is {budget} KB gzipped")), "ARCHITECTURE.md's budget is not {budget} KB");
    assert!(
        !arch.contains("short insertion\n  sorts instead") && !arch.contains("insertion sorts instead"),
        "ARCHITECTURE.md still has insertion sorts in place of std's"
    );
}
