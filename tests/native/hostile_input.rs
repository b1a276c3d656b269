//! Hostile input found by the harness, one test per defect: whatever is typed, pasted, linked
//! or given as a file gets a clear message and a safe fallback — never a panic, a hang, a
//! line as long as the input, or an echo that rewrites the terminal or the page.

use crate::support::TempFile;
use cascade_lab::formats::fleet_file;
use cascade_lab::formats::link::LinkState;
use cascade_lab::tools::fleet_draft::Draft;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn cascade(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_cascade")).args(args).output().expect("runs");
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stdout).into(), String::from_utf8_lossy(&out.stderr).into())
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
        assert!(e.text.chars().count() < 400, "{name}: {}", &e.text[..200]);
    }
}

/// Defect 6: `--fleet /dev/zero` (a file whose size says 0 and never ends) read until memory ran
/// out. At most the fleet file limit (1 MB) is read.
#[test]
#[expect(clippy::disallowed_methods, reason = "a watchdog: the test stops a child that never stops reading")]
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
            assert!(printable(&n.text), "{link}: {:?}", n.text);
        }
        assert!(notices.iter().any(|n| n.text.contains("\\u{202e}") || n.text.contains("\\u{1b}")), "{link}: the mark is shown, not dropped: {notices:?}");
    }
    // A fleet file's message (a name that is not link-safe).
    let e = fleet_file::parse("f.toml", "[[clusters]]\nname = \"evil\u{202e}txt.exe\"\nnodes = 100\n").unwrap_err();
    assert!(printable(&e.text) && e.text.contains("\\u{202e}"), "{:?}", e.text);
    // The fleet editor's paste and its table.
    let e = Draft::paste("name,nodes\nx\u{202e}y,12\u{202e}3\n").unwrap().fleet().unwrap_err();
    assert!(printable(&e.text) && e.text.contains("\\u{202e}"), "{:?}", e.text);
    let e = Draft::paste("name,nodes,co\u{202e}lour\nx,1,red\n").unwrap_err();
    assert!(printable(&e.text) && e.text.contains("\\u{202e}"), "{:?}", e.text);
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

/// Defect 1: a spreadsheet's paste with a blank last cell (tab-separated: the line ends in a
/// tab) was refused as one cell short, and a UTF-8 byte-order mark made the first column
/// unknown. (Quoted commas were fixed before: fleet_editor::a_pasted_csv_reads_quoted_cells_and_grouped_numbers.)
#[test]
fn a_spreadsheet_paste_keeps_its_blank_last_cell_and_drops_the_bom() {
    let tsv = "name\tnodes\tapiservers\nedge\t300\t\nbig\t6000\t5\n";
    let f = Draft::paste(tsv).unwrap().fleet().unwrap();
    assert_eq!(f.clusters.iter().map(|c| (c.name.as_str(), c.nodes, c.apiservers)).collect::<Vec<_>>(), [("edge", 300, None), ("big", 6000, Some(5))]);
    // Every cell blank after the name and nodes, and Windows line ends.
    let f = Draft::paste("name\tnodes\tapiservers\tttl\r\nedge\t300\t\t\r\n").unwrap().fleet().unwrap();
    assert_eq!((f.clusters[0].apiservers, f.clusters[0].ttl), (None, None));
    let f = Draft::paste("name,nodes,ttl\nedge,300,\n").unwrap().fleet().unwrap();
    assert_eq!(f.clusters[0].ttl, None);
    for bom in ["\u{feff}name,nodes\nedge,300\n", "\u{feff}name\tnodes\nedge\t300\n", "\u{feff}\"name\",\"nodes\"\nedge,300\n"] {
        let f = Draft::paste(bom).unwrap_or_else(|e| panic!("{bom:?}: {}", e.text)).fleet().unwrap();
        assert_eq!((f.clusters[0].name.as_str(), f.clusters[0].nodes), ("edge", 300), "{bom:?}");
    }
    // A line really one cell short still says so.
    assert_eq!(Draft::paste("name\tnodes\tttl\nedge\t300\n").unwrap_err().text, "CSV line 2: 2 cells, but the header names 3 columns");
}

/// Defect 4: a cluster named `-cmd` (names may start with `-`; `=`, `+` and `@` are refused by
/// the name rule) is a formula to a spreadsheet. Every CSV writer escapes text cells that start
/// like a formula with a leading `'` (OWASP); numbers, negative ones too, stay numbers.
#[test]
fn csv_cells_that_start_like_a_formula_are_escaped() {
    use cascade_lab::formats::csvw::write;
    use cascade_lab::formats::csvw::{trace_columns, trace_csv};
    use cascade_lab::sim::fleet::{ClusterDesc, Fleet};
    use cascade_lab::sim::{simulate, Params};
    use cascade_lab::text::formula_safe;
    for (cell, written) in [
        ("-cmd", "'-cmd\n"),
        ("=1+2", "'=1+2\n"),
        ("+x", "'+x\n"),
        ("@SUM(A1)", "'@SUM(A1)\n"),
        ("\tx", "'\tx\n"),
        ("a,b", "\"a,b\"\n"),
        ("=a\"b", "\"'=a\"\"b\"\n"),
        ("plain-1", "plain-1\n"),
    ] {
        assert_eq!(write([vec![formula_safe(cell)]]), written, "{cell:?}");
    }
    let fleet = Fleet { clusters: vec![ClusterDesc::new("-cmd", 300), ClusterDesc::new("prod", 900)] };
    let mut p = Params::default();
    p.set_fleet(Some(fleet.clone()));
    let t = simulate(&p);
    let csv = trace_csv(&t, None, None);
    let header: Vec<&str> = csv.lines().next().unwrap().split(',').collect();
    assert!(header.iter().any(|h| h.starts_with("'-cmd_")) && header.contains(&"'-cmd_state"), "{header:?}");
    assert!(header.iter().all(|h| !h.starts_with(['-', '=', '+', '@'])), "{header:?}");
    // The metadata's titles are the header's cells, exactly.
    let titles: Vec<String> = trace_columns(&t, false).into_iter().map(|c| c.titles).collect();
    assert_eq!(titles, header);
    // Numbers are left alone: the run starts before T, at negative minutes.
    assert!(csv.lines().nth(1).unwrap().starts_with('-'));
    // Compare mode keeps the escaped header and the rows under it.
    let both = trace_csv(&t, Some(&t), None);
    assert!(both.lines().next().unwrap().contains(",'-cmd_state"));
    assert!(both.lines().all(|l| l.split(',').count() == header.len() + 1));
    // `cascade check --format csv` and `cascade run --format csv` too.
    let text = "[[clusters]]\nname = \"-cmd\"\nnodes = 300\n[[clusters]]\nname = \"prod\"\nnodes = 900\n";
    let f = TempFile::new("formula.toml", text);
    let (_, out, err) = cascade(&["check", "--no-margins", "--format", "csv", "--fleet", f.path()]);
    assert!(out.lines().nth(1).is_some_and(|l| l.starts_with("'-cmd,300,")), "{out}{err}");
    let (_, out, _) = cascade(&["run", "--format", "csv", "--fleet", f.path()]);
    assert!(out.lines().next().unwrap().contains(",'-cmd_state"), "{}", out.lines().next().unwrap());
}

/// Defect 9: `cascade lesson --base URL` wrote the base raw into Markdown links (a newline, a
/// `)` or `javascript:` went in as they were). `--base` is an http(s) address or bad input, for
/// `cascade link` too.
#[test]
fn a_base_that_is_not_an_http_address_is_refused() {
    for cmd in ["lesson", "link"] {
        use cascade_lab::formats::link::{check_base, BaseError};
        for (base, kind) in [
            ("javascript:alert(1)", "NotHttp"),
            ("data:text/html,x", "NotHttp"),
            ("https://ok.example/\n# Injected", "Hidden"),
            ("https://ok.example/ a", "Hidden"),
            ("https://ok.example/\u{202e}x", "Hidden"),
            ("https://ok.example/)[x](javascript:y", "EndsALink"),
            ("https:///path", "NoHost"),
            ("", "NotHttp"),
            // The link's own query would take their place: refused, not dropped.
            ("https://ok.example/lab/?x=1#frag", "QueryOrFragment"),
            ("https://ok.example/lab/#frag", "QueryOrFragment"),
            ("https://ok.example?x=1", "QueryOrFragment"),
            ("http://ok.example:99999/", "BadPort"),
            ("http://ok.example:0/", "BadPort"),
            ("http://ok.example:80a/", "BadPort"),
            ("http://ok.example:/", "BadPort"),
            ("http://[::1]:99999/", "BadPort"),
            ("http://[ok.example]/", "BadHost"),
            ("http://[::1]x/", "BadHost"),
            ("http://[::1/", "BadHost"),
            ("http://[::1]:8080/a[b]", "EndsALink"),
            ("http://ok]example/", "EndsALink"),
        ] {
            let e = check_base(base).unwrap_err();
            let got = match e {
                BaseError::NotHttp(_) => "NotHttp",
                BaseError::Hidden(_) => "Hidden",
                BaseError::EndsALink(..) => "EndsALink",
                BaseError::NoHost(_) => "NoHost",
                BaseError::QueryOrFragment(_) => "QueryOrFragment",
                BaseError::BadPort(..) => "BadPort",
                BaseError::BadHost(_) => "BadHost",
            };
            assert_eq!(got, kind, "{base:?}");
            let (code, out, err) = cascade(&[cmd, "--base", base]);
            assert_eq!((code, out.as_str()), (2, ""), "{cmd} {base:?}");
            assert_eq!(err.trim_end(), format!("cascade: {e}"), "{cmd} {base:?}");
            assert!(err.lines().count() == 1 && printable(err.trim_end()), "{cmd} {base:?}: {err}");
        }
        for base in [
            "https://docs.example/lab/",
            "HTTP://intranet:8080/cascade/",
            "https://x.example",
            "http://[::1]:8080/",
            "http://[2001:db8::7]/lab/",
            "http://localhost:65535/",
            "https://user@docs.example:443/lab/",
        ] {
            let (code, out, err) = cascade(&[cmd, "--base", base]);
            assert_eq!(code, 0, "{cmd} {base}: {err}");
            assert!(out.contains(base), "{cmd} {base}");
        }
    }
}

/// Defect 2: a valid 60-cluster fleet with long names and every setting has a fleet text over
/// what a link carries (6,000 characters) — the editor's Apply sent it to the page as that text,
/// which dropped it without a word, and `cascade link` answered with the decoder's complaint.
/// Both now say the limit and what to do; a fleet that fits is unchanged.
#[test]
fn a_fleet_too_large_for_a_link_says_so_and_what_to_do() {
    use cascade_lab::formats::link::{LinkState, MAX_QUERY};
    use cascade_lab::sim::fleet::{ClusterDesc, Fleet, CLUSTER_FIELDS};
    use cascade_lab::sim::Params;
    let cluster = |i: u32, full: bool| {
        let mut c = ClusterDesc::new(&format!("{:0>40}", format!("prod-eu-west-cluster-{i}")), 90_000 + i);
        if full {
            for f in CLUSTER_FIELDS {
                let s = f.key.spec();
                c.set_raw(f.key, if s.max > 1.0 { (s.max - 1.0).floor() } else { 1.0 });
            }
            // A landing from a plan's fraction: a float written in full.
            c.at = Some(0.123_456_789_012_345);
        }
        c.wave = i % 10;
        c
    };
    let big = Fleet { clusters: (0..60).map(|i| cluster(i, true)).collect() };
    big.validate().expect("a valid fleet");
    let draft = Draft::of(&big);
    assert!(draft.fleet().is_ok(), "the table itself is valid");
    let e = draft.fleet_for(&Params::default()).unwrap_err();
    assert!(
        e.text.starts_with("fleet too large to share as a link: its fleet is ") && e.text.contains("at most 6,000") && e.text.contains("share a fleet file"),
        "{}",
        e.text
    );
    // 60 long names with only their sizes fit.
    let small = Fleet { clusters: (0..60).map(|i| cluster(i, false)).collect() };
    assert_eq!(Draft::of(&small).fleet_for(&Params::default()), Ok(small.clone()));
    let mut p = Params::default();
    p.set_fleet(Some(small));
    assert_eq!(LinkState::from_params(&p).too_long(), None);
    assert!(LinkState::from_params(&p).to_query().len() <= MAX_QUERY);
    // The CLI: `cascade link` and `cascade lesson` refuse such a fleet in the same words.
    let text = fleet_file_text(&big);
    let f = TempFile::new("big60.toml", &text);
    for cmd in ["link", "lesson"] {
        let (code, out, err) = cascade(&[cmd, "--fleet", f.path()]);
        assert_eq!((code, out.as_str()), (2, ""), "{cmd}");
        assert!(err.contains("fleet too large to share as a link") && err.contains("share a fleet file"), "{cmd}: {err}");
    }
    let (code, _, err) = cascade(&["check", "--no-margins", "--fleet", f.path()]);
    assert!(code != 2, "the file itself runs: {err}");
}

fn fleet_file_text(f: &cascade_lab::sim::fleet::Fleet) -> String {
    let mut p = cascade_lab::sim::Params::default();
    p.set_fleet(Some(f.clone()));
    fleet_file::to_toml(&p)
}

/// Defect 8: a sweep embed with one axis that varies the other default axis's key (`sx=ttl=…`
/// alone: the default sy is the TTL) showed the default axes (agents × TTL) without a word — a
/// valid link, so the decoder had nothing to say; the sweep panel dropped the axis. Now the
/// given axis is shown, with the default's other axis beside it.
#[test]
fn a_lone_sweep_axis_is_shown_not_replaced_by_the_default_pair() {
    for (q, want) in [
        ("?embed=1&view=sweep&sx=ttl=0..3600:4", ("ttl=0..3600:4", "agents=100..20000:24:log")),
        ("?embed=1&view=sweep&sy=agents=100..1000:4", ("ttl=0..3600:16", "agents=100..1000:4")),
        ("?embed=1&view=sweep&sx=cost=0.1..10:5:log", ("cost=0.1..10:5:log", "ttl=0..3600:16")),
        ("?embed=1&view=sweep&sy=cost=0.1..10:5:log", ("agents=100..20000:24:log", "cost=0.1..10:5:log")),
        ("?embed=1&view=sweep", ("agents=100..20000:24:log", "ttl=0..3600:16")),
    ] {
        let (link, notices) = LinkState::decode(q);
        assert!(notices.is_empty(), "{q}: {notices:?}");
        let (x, y) = link.view.sweep.axes();
        assert_eq!((x.to_text().as_str(), y.to_text().as_str()), want, "{q}");
        assert_ne!(x.name(), y.name());
    }
    // A bad axis is still refused with a notice, and the default pair shown.
    let (link, notices) = LinkState::decode("?embed=1&view=sweep&sx=ttl=0..3600:1");
    assert!(notices.iter().any(|n| n.kind == cascade_lab::formats::link::NoticeKind::Sweep && n.text.contains("sx=")), "{notices:?}");
    assert_eq!(link.view.sweep.axes().0.name(), "agents");
}

/// Defect 15: spoiler-free compare showed no delta at the end of the run. The headline reveals
/// what is known by this run's last event passed; a pinned run's later moment (December's fix
/// landing after the break-glass run's last event) stayed unknown for good. At the end,
/// everything is known, both runs' values and their deltas.
#[test]
fn spoiler_free_compare_shows_its_deltas_at_the_end() {
    use cascade_lab::ui::state::{Msg, State};
    use cascade_lab::views::headline::{tiles, Reveal};
    let (link, notices) = LinkState::decode("?teach=1&preset=break-glass&b.preset=december-2024");
    assert!(notices.is_empty(), "{notices:?}");
    let mut s = State::from_link(link, notices, false);
    assert!(s.view.teach && s.pinned.is_some());
    let headline = |s: &State| {
        let pinned = s.pinned.as_ref().map(|r| &r.trace.summary);
        tiles(&s.trace().summary, pinned, false, Reveal { until: s.reveal_event(), at_end: s.at_end() })
    };
    // Before the end, outcomes wait.
    assert!(headline(&s).iter().all(|t| t.delta.is_none()));
    s.apply(Msg::Seek(1e9));
    assert!(s.at_end());
    let ts = headline(&s);
    let without_teach = tiles(&s.trace().summary, s.pinned.as_ref().map(|r| &r.trace.summary), false, Reveal { until: None, at_end: true });
    assert_eq!(ts, without_teach, "at the end spoiler-free shows what the page shows without it");
    let fix = ts.iter().find(|t| t.id == "hl-fix").unwrap();
    assert!(fix.delta.is_some(), "{fix:?}");
}
