//! Hostile input found by the harness, one test per defect: whatever is typed, pasted, linked
//! or given as a file gets a clear message and a safe fallback — never a panic, a hang, a
//! line as long as the input, or an echo that rewrites the terminal or the page.

use cascade_lab::formats::fleet_file;
use cascade_lab::formats::link::LinkState;
use cascade_lab::tools::fleet_draft::Draft;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn cascade(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_cascade")).args(args).output().expect("runs");
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stdout).into(), String::from_utf8_lossy(&out.stderr).into())
}

/// A file in a fresh temporary directory, removed on drop.
struct TempFile(PathBuf);

impl TempFile {
    fn new(name: &str, text: &str) -> TempFile {
        let dir = std::env::temp_dir().join(format!("cascade-hostile-{}-{name}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(name);
        std::fs::write(&path, text).unwrap();
        TempFile(path)
    }
    fn path(&self) -> &str {
        self.0.to_str().unwrap()
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(self.0.parent().unwrap());
    }
}

/// Nothing a person could not read: no control character, no invisible direction mark.
fn printable(s: &str) -> bool {
    s.chars().all(|c| !c.is_control() && !matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{2069}' | '\u{feff}'))
}

/// Defect 5: a fleet file's 1 MB key was echoed in full (the line's field and section names
/// were not clipped, only quoted values were).
#[test]
fn a_huge_key_in_a_fleet_file_is_echoed_clipped() {
    let key = "k".repeat(900_000);
    let cases = [
        ("cluster.toml", format!("[[clusters]]\nname = \"a\"\nnodes = 100\n{key} = 5\n"), "cluster 1, kkkk"),
        ("quoted.toml", format!("[[clusters]]\nname = \"a\"\nnodes = 100\n\"{key}\" = 5\n"), "unknown field"),
        ("agent.toml", format!("[[clusters]]\nname = \"a\"\nnodes = 100\n[agent]\n{key} = 5\n"), "agent, kkkk"),
        ("section.toml", format!("[{key}]\nx = 1\n"), "unknown field"),
        ("defaults.toml", format!("[defaults]\n{key} = 5\n[[clusters]]\nname = \"a\"\nnodes = 100\n"), "defaults: unknown key"),
    ];
    for (name, text, needle) in cases {
        let f = TempFile::new(name, &text);
        let (code, out, err) = cascade(&["check", "--fleet", f.path()]);
        assert_eq!((code, out.as_str()), (2, ""), "{name}");
        assert!(err.chars().count() < 400 && err.lines().count() == 1, "{name}: {} characters: {}…", err.len(), &err[..200.min(err.len())]);
        assert!(err.contains(needle) && err.contains('…'), "{name}: {err}");
        // The library's own message is as short (the app and the CLI share it).
        let e = fleet_file::parse(name, &text).unwrap_err();
        assert!(e.0.chars().count() < 400, "{name}: {}", &e.0[..200]);
    }
}

/// Defect 6: `--fleet /dev/zero` (a file whose size says 0 and never ends) read until memory ran
/// out. At most the fleet file limit (1 MB) is read.
#[test]
fn a_fleet_file_that_never_ends_is_refused_at_the_size_limit() {
    for flag in ["--fleet", "--agent", "--plan"] {
        let mut child =
            Command::new(env!("CARGO_BIN_EXE_cascade")).args(["check", flag, "/dev/zero"]).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().expect("runs");
        let start = Instant::now();
        while child.try_wait().unwrap().is_none() {
            if start.elapsed() > Duration::from_secs(30) {
                let _ = child.kill();
                let _ = child.wait();
                panic!("cascade check {flag} /dev/zero still reading after 30 s");
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let out = child.wait_with_output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{flag}: {err}");
        assert_eq!(err.trim(), "cascade: /dev/zero: more than 1048576 bytes is too large for a fleet file (at most 1 MB)", "{flag}");
    }
    // A file just over the limit says the same; one within it is read.
    let big = TempFile::new("big.toml", &format!("# {}\n[[clusters]]\nname = \"a\"\nnodes = 100\n", "x".repeat(fleet_file::MAX_BYTES)));
    let (code, _, err) = cascade(&["check", "--fleet", big.path()]);
    assert_eq!(code, 2);
    assert!(err.contains("too large for a fleet file (at most 1 MB)"), "{err}");
    let ok = TempFile::new("ok.toml", &format!("# {}\n[[clusters]]\nname = \"a\"\nnodes = 100\n", "x".repeat(100_000)));
    let (code, _, err) = cascade(&["check", "--no-margins", "--fleet", ok.path()]);
    assert_eq!((code, err.as_str()), (0, ""));
}

/// Defect 7: control characters and U+202E (which turns the rest of a line around) were echoed
/// as they are by the app's notices and the fleet messages. One rule now (`text::echo`):
/// written as escapes, and clipped.
#[test]
fn echoed_text_is_printable_in_every_notice_and_error() {
    use cascade_lab::text::echo;
    assert_eq!(echo("a\u{202e}b\u{1b}[31m\n", 40), "a\\u{202e}b\\u{1b}[31m\\n");
    assert_eq!(echo("abcdef", 3), "abc…");
    // Escapes count toward the limit: 400 escapes stay bounded.
    assert!(echo(&"\u{202e}".repeat(400), 40).chars().count() <= 41);
    // A link's notices (the app shows them on the page).
    for link in ["?view=\u{202e}lanigiro", "?sm=\u{1b}[2J\u{202e}x", "?agents=5\u{202e}0", "?cluster=\u{202e}abc", "?sx=ttl\u{202e}=1..2:3"] {
        let (_, notices) = LinkState::decode(link);
        assert!(!notices.is_empty(), "{link}");
        for n in &notices {
            assert!(printable(&n.0), "{link}: {:?}", n.0);
        }
        assert!(notices.iter().any(|n| n.0.contains("\\u{202e}") || n.0.contains("\\u{1b}")), "{link}: the mark is shown, not dropped: {notices:?}");
    }
    // A fleet file's message (a name that is not link-safe).
    let e = fleet_file::parse("f.toml", "[[clusters]]\nname = \"evil\u{202e}txt.exe\"\nnodes = 100\n").unwrap_err();
    assert!(printable(&e.0) && e.0.contains("\\u{202e}"), "{:?}", e.0);
    // The fleet editor's paste and its table.
    let e = Draft::paste("name,nodes\nx\u{202e}y,12\u{202e}3\n").unwrap().fleet().unwrap_err();
    assert!(printable(&e.0) && e.0.contains("\\u{202e}"), "{:?}", e.0);
    let e = Draft::paste("name,nodes,co\u{202e}lour\nx,1,red\n").unwrap_err();
    assert!(printable(&e.0) && e.0.contains("\\u{202e}"), "{:?}", e.0);
    // The CLI: errors and warnings alike.
    let (code, _, err) = cascade(&["run", "--ttl", "3\u{202e}0"]);
    assert_eq!(code, 2);
    assert!(printable(err.trim_end()) && err.contains("\\u{202e}"), "{err:?}");
    let (code, _, err) = cascade(&["sweep", "--x", "tt\u{202e}l=1..2:3"]);
    assert_eq!(code, 2);
    assert!(printable(err.trim_end()) && err.contains("\\u{202e}"), "{err:?}");
}

/// Defect 11: `--agents 5000.7`, `--cost 0.1234` and a file's `ttl = 30.5` were rounded without
/// a word. A value the parameter cannot hold is refused (a link rounds it with a notice; the
/// CLI and fleet files are strict, as they are for a value out of range).
#[test]
fn a_value_between_a_parameters_steps_is_refused_not_rounded() {
    use cascade_lab::sim::{ParamError, Params};
    let mut p = Params::default();
    assert_eq!(p.set_text("agents", "5000.7"), Err(ParamError::NotAtStep { key: "agents", value: "5000.7".into(), nearest: "5001".into() }));
    assert_eq!(p.set_text("cost", "0.1234"), Err(ParamError::NotAtStep { key: "cost", value: "0.1234".into(), nearest: "0.123".into() }));
    assert_eq!(p, Params::default(), "nothing was set");
    // What a parameter holds still reads, in every notation.
    for (k, v) in [("agents", "5,000"), ("agents", "5e3"), ("cost", "0.125"), ("ttl", "30"), ("object_kb", "6.0")] {
        assert_eq!(p.set_text(k, v), Ok(()), "{k} {v}");
    }
    for (args, needle) in [
        (vec!["run", "--agents", "5000.7"], "agents: 5000.7 is not a whole number (nearest: 5001)"),
        (vec!["run", "--cost", "0.1234"], "cost: 0.1234 has more decimals than the parameter keeps (3; nearest: 0.123)"),
        (vec!["sweep", "--x", "agents=100.5..2000:3"], "agents: 100.5 is not a whole number"),
    ] {
        let (code, out, err) = cascade(&args);
        assert_eq!((code, out.as_str()), (2, ""), "{args:?}");
        assert!(err.contains(needle), "{args:?}: {err}");
    }
    for (name, text, needle) in [
        ("ttl.toml", "[defaults]\nttl = 30.5\n[[clusters]]\nname = \"a\"\nnodes = 100\n", "defaults: ttl: 30.5 is not a whole number (nearest: 31)"),
        ("cost.toml", "[[clusters]]\nname = \"a\"\nnodes = 100\n[agent]\ncost = 0.1234\n", "agent: cost = 0.1234 has more decimals"),
        ("own.toml", "[[clusters]]\nname = \"a\"\nnodes = 100\nttl = 30.5\n", "ttl = 30.5 is not a whole number"),
    ] {
        let f = TempFile::new(name, text);
        let (code, _, err) = cascade(&["check", "--fleet", f.path()]);
        assert_eq!(code, 2, "{name}: {err}");
        assert!(err.contains(needle), "{name}: {err}");
    }
}

/// Defect 12: an `[agent]` without `[[agent.calls]]` silently ran December's agent. It still
/// does (that is how a file sets the poll interval or cost of the built-in agent), with a
/// warning saying so; `cascade fleet` no longer writes such a section for a run without one.
#[test]
fn an_agent_section_without_calls_is_warned_about() {
    let f = TempFile::new("knob.toml", "[[clusters]]\nname = \"a\"\nnodes = 300\n[agent]\npoll_s = 30\n");
    for cmd in ["run", "check", "link"] {
        let (code, _, err) = cascade(&[cmd, "--fleet", f.path()]);
        assert!(code == 0 || code == 1, "{cmd}: {err}");
        assert_eq!(err.lines().count(), 1, "{cmd}: {err}");
        assert!(err.starts_with("cascade: warning: ") && err.contains("knob.toml: [agent] has no [[agent.calls]], so the agent is December's"), "{cmd}: {err}");
    }
    let (_, _, err) = cascade(&["run", "--agent", f.path()]);
    assert!(err.contains("[agent] has no [[agent.calls]]"), "--agent FILE: {err}");
    // A file with calls, or with no [agent] at all, says nothing.
    let calls = TempFile::new("calls.toml", "[[clusters]]\nname = \"a\"\nnodes = 300\n[agent]\n[[agent.calls]]\nresource = \"pods\"\nscope = \"node\"\n");
    let none = TempFile::new("none.toml", "[[clusters]]\nname = \"a\"\nnodes = 300\n");
    for f in [&calls, &none] {
        let (code, _, err) = cascade(&["run", "--fleet", f.path()]);
        assert_eq!((code, err.as_str()), (0, ""), "{}", f.path());
    }
    // A run written out without a described agent reads back without the warning, and the same.
    let (_, written, _) = cascade(&["fleet", "--poll", "30", "--cost", "2"]);
    assert!(!written.contains("[agent]"), "{written}");
    let back = TempFile::new("back.toml", &written);
    let (code, _, err) = cascade(&["run", "--fleet", back.path(), "--format", "json"]);
    assert_eq!((code, err.as_str()), (0, ""));
    let (_, direct, _) = cascade(&["run", "--poll", "30", "--cost", "2", "--format", "json"]);
    let (_, via, _) = cascade(&["run", "--fleet", back.path(), "--format", "json"]);
    let checksum = |s: &str| serde_json::from_str::<serde_json::Value>(s).unwrap()["checksum"].clone();
    assert_eq!(checksum(&via), checksum(&direct));
}

/// Defect 13: "wave = fields are ignored" was printed for a file that sets no `wave` (a left-out
/// wave reads as 0). Only a cluster that sets its own wave, unlike the plan's, is named.
#[test]
fn the_wave_warning_needs_a_wave() {
    let plan = "[[plan.waves]]\nclusters = [\"a\"]\nsoak_min = 10\n[[plan.waves]]\nclusters = [\"b\"]\nsoak_min = 10\n";
    let f = TempFile::new("nowave.toml", &format!("[[clusters]]\nname = \"a\"\nnodes = 100\n[[clusters]]\nname = \"b\"\nnodes = 100\n{plan}"));
    let (code, _, err) = cascade(&["check", "--no-margins", "--fleet", f.path()]);
    assert_eq!((code, err.as_str()), (0, ""));
    let g = TempFile::new("wave.toml", &format!("[[clusters]]\nname = \"a\"\nnodes = 100\n[[clusters]]\nname = \"b\"\nnodes = 100\nwave = 0\n{plan}"));
    let (code, _, err) = cascade(&["check", "--no-margins", "--fleet", g.path()]);
    assert_eq!(code, 0);
    assert!(err.contains("wave = fields are ignored") && err.contains("b (wave = 0, plan wave 1)"), "{err}");
}

/// Defect 14: `cascade check --format json` (and csv) wrote `at_min` unrounded (0.8333333333333334)
/// where `cascade run --format json` writes the same moment as 0.83.
#[test]
fn check_writes_at_min_as_run_does() {
    let (_, out, _) = cascade(&["check", "--no-margins", "--format", "json"]);
    let check: serde_json::Value = serde_json::from_str(&out).unwrap();
    let (_, out, _) = cascade(&["run", "--format", "json"]);
    let run: serde_json::Value = serde_json::from_str(&out).unwrap();
    let at = |v: &serde_json::Value| v["clusters"].as_array().unwrap().iter().map(|c| c["at_min"].clone()).collect::<Vec<_>>();
    assert_eq!(at(&check), at(&run));
    assert!(at(&check).iter().any(|a| a.as_f64() == Some(0.83)), "{:?}", at(&check));
    let (_, csv, _) = cascade(&["check", "--no-margins", "--format", "csv"]);
    let col = csv.lines().next().unwrap().split(',').position(|h| h == "at_min").unwrap();
    let cells: Vec<&str> = csv.lines().skip(1).map(|l| l.split(',').nth(col).unwrap()).collect();
    assert!(cells.contains(&"0.83") && cells.iter().all(|c| c.len() <= 6), "{cells:?}");
}
