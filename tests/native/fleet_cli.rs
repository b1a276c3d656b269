//! Fleet files and `cascade check`: the shipped files (December's runs the default run bit for
//! bit; the 40-cluster example gives its expected verdicts), exit codes for CI, margins that
//! agree with `cascade run` on both sides, hostile files refused in one line naming the field.

use crate::support::TempFile;
use cascade_lab::analysis::check;
use cascade_lab::formats::fleet_file;
use cascade_lab::sim::{simulate, simulate_outcome, Params};
use std::process::Command;

mod golden {
    #![allow(dead_code)]
    include!("../common/golden.rs");
}

fn cascade(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_cascade")).args(args).output().expect("runs");
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stdout).into(), String::from_utf8_lossy(&out.stderr).into())
}

fn doc(name: &str) -> String {
    format!("{}/docs/fleets/{name}", env!("CARGO_MANIFEST_DIR"))
}

fn load(path: &str) -> Params {
    let text = std::fs::read_to_string(path).unwrap();
    let f = fleet_file::parse(path, &text).unwrap_or_else(|e| panic!("{e}"));
    let mut p = Params::default();
    f.apply(&mut p, path).unwrap_or_else(|e| panic!("{e}"));
    p
}

#[test]
fn december_file_runs_the_default_run_bit_for_bit() {
    let p = load(&doc("december-2024.toml"));
    assert!(p.fleet.is_some() && p.agent.is_some(), "the file describes the fleet and the agent");
    assert_eq!(simulate(&p).checksum(), golden::GOLDEN[0].1);
    // The shipped file is what `cascade fleet --december` prints.
    let (code, out, _) = cascade(&["fleet", "--december"]);
    assert_eq!(code, 0);
    assert_eq!(out, std::fs::read_to_string(doc("december-2024.toml")).unwrap());
}

#[test]
fn forty_cluster_example_gives_its_expected_verdicts() {
    let p = load(&doc("example-40.toml"));
    assert_eq!(p.fleet.as_ref().unwrap().clusters.len(), 40);
    let (_, clusters) = simulate_outcome(&p);
    let expected = std::fs::read_to_string(doc("example-40.expected")).unwrap();
    let rows: Vec<Vec<&str>> = expected.lines().filter(|l| !l.starts_with('#')).map(|l| l.split_whitespace().collect()).collect();
    assert_eq!(rows.len(), 40);
    for (c, row) in clusters.iter().zip(&rows) {
        let at = c.verdict().at_min().map_or("-".to_string(), |m| m.to_string());
        assert_eq!([c.name.as_str(), c.verdict().name(), at.as_str()], [row[0], row[1], row[2]]);
    }
    let fell = rows.iter().filter(|r| r[1] == "fell" || r[1] == "crash-looping").count();
    assert!(fell > 0 && fell < 40, "the example has clusters on both sides: {fell} fall");
    let doc = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/fleets.md")).unwrap();
    assert!(doc.contains(&format!("({fell} fall or crash-loop; tested)")), "docs/fleets.md's count of the example's failed clusters");
}

#[test]
fn example_and_exported_files_read_back() {
    let (code, out, err) = cascade(&["fleet", "--example"]);
    assert_eq!(code, 0, "{err}");
    let f = TempFile::new("example.toml", &out);
    let (code, _, err) = cascade(&["check", "--fleet", f.path(), "--no-margins"]);
    assert!(code == 0 || code == 1, "{err}");
    // A run written out reads back to the same run.
    let p = load(&doc("example.toml"));
    let written = fleet_file::to_toml(&p);
    let back = TempFile::new("back.toml", &written);
    let q = load(back.path());
    assert_eq!((q.fleet.clone(), q.agent.clone(), q.plan.clone(), q.poll, q.pods), (p.fleet.clone(), p.agent.clone(), p.plan.clone(), p.poll, p.pods));
    assert_eq!(simulate(&q).checksum(), simulate(&p).checksum());
}

const CLEAN: &str = "[[clusters]]\nname = \"a\"\nnodes = 300\n[[clusters]]\nname = \"b\"\nnodes = 900\n";
/// Without retries and with ample memory, 3,000 nodes overload the seats (429s) without falling.
const SATURATES: &str =
    "[defaults]\nretry = \"none\"\napiserver_mem_gb = 500\n[[clusters]]\nname = \"a\"\nnodes = 3000\n[[clusters]]\nname = \"b\"\nnodes = 300\n";
const FALLS: &str = "[[clusters]]\nname = \"a\"\nnodes = 1500\n[[clusters]]\nname = \"big\"\nnodes = 2500\n";

#[test]
fn check_exit_codes_gate_a_rollout() {
    let clean = TempFile::new("clean.toml", CLEAN);
    let sat = TempFile::new("sat.toml", SATURATES);
    let falls = TempFile::new("falls.toml", FALLS);
    let code = |f: &TempFile, extra: &[&str]| cascade(&[&["check", "--no-margins", "--fleet", f.path()], extra].concat());
    assert_eq!(code(&clean, &[]).0, 0);
    assert_eq!(code(&clean, &["--fail-on", "saturate"]).0, 0);
    let (c, out, _) = code(&sat, &[]);
    assert_eq!(c, 0, "saturating only passes --fail-on fall");
    assert!(out.contains("1 only saturate") && out.contains("--fail-on saturate would fail"), "{out}");
    assert_eq!(code(&sat, &["--fail-on", "saturate"]).0, 3);
    let (c, out, _) = code(&falls, &["--format", "json"]);
    assert_eq!(c, 1);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["exit"], 1);
    assert!(v["clusters"][1]["verdict"] == "fell" || v["clusters"][1]["verdict"] == "crash-looping", "{v}");
    assert!(v["clusters"][1]["at_min"].as_f64().is_some());
    // `run` is not a gate: it exits 0 and names the fallen cluster, in its text too.
    let (c, out, _) = cascade(&["run", "--fleet", falls.path()]);
    assert_eq!(c, 0);
    let line = out.lines().find(|l| l.trim_start().starts_with("big ")).unwrap_or_else(|| panic!("{out}"));
    assert!(line.contains("2,500 nodes  fell at T+") || line.contains("2,500 nodes  crash-looping at T+"), "{line}");
    // a holds: its agent meets APF's 429s at most (saturated), it does not fall.
    assert!(out.lines().any(|l| l.trim_start().starts_with("a ") && (l.trim_end().ends_with("nodes  ok") || l.contains("nodes  saturated at T"))), "{out}");
    let (c, out, _) = cascade(&["run", "--fleet", falls.path(), "--format", "json"]);
    assert_eq!(c, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["clusters"][1]["name"].as_str(), Some("big"));
    assert!(matches!(v["clusters"][1]["verdict"].as_str(), Some("fell" | "crash-looping")), "{v}");
}

fn verdict_in_run(file: &str, extra: &[&str], cluster: usize) -> String {
    let (c, out, err) = cascade(&[&["run", "--format", "json", "--fleet", file], extra].concat());
    assert_eq!(c, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    v["clusters"][cluster]["verdict"].as_str().unwrap().to_string()
}

/// Each margin is two runs of `cascade run`: at the falling value the cluster falls, at the
/// holding value (the next value down on the grid) it does not.
#[test]
fn margins_agree_with_cascade_run_at_the_margin() {
    let f = TempFile::new("m.toml", FALLS);
    let (c, out, err) = cascade(&["check", "--fleet", f.path(), "--format", "json"]);
    assert_eq!(c, 1, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    // A control plane that crash-loops has failed as one that fell has (its own margin).
    let failed = |v: String| v == "fell" || v == "crash-looping";
    for (i, name) in [(0, "a"), (1, "big")] {
        let m = &v["clusters"][i]["margins"];
        match (m["cost"]["holds"].as_f64(), m["cost"]["falls"].as_f64()) {
            (Some(h), Some(fa)) => {
                assert!(failed(verdict_in_run(f.path(), &["--cost", &fa.to_string()], i)), "{name} at cost {fa}");
                assert!(!failed(verdict_in_run(f.path(), &["--cost", &h.to_string()], i)), "{name} at cost {h}");
            }
            // Holds at every cost: the agent's calls fill their seats long before, and what each
            // holds in memory, not how many there are, decides (10× is the top of the range).
            (Some(h), None) => assert!(h == 10.0 && !failed(verdict_in_run(f.path(), &["--cost", "10"], i)), "{name}: {m}"),
            _ => panic!("{name}: {m}"),
        }
        // Whole seconds the `poll` flag takes, each a run: the cluster falls at the one and holds
        // at the other (or holds at every interval from 10 s).
        match (m["poll_s"]["falls_at_or_below"].as_u64(), m["poll_s"]["holds_at_or_above"].as_u64()) {
            (Some(poll_f), Some(poll_h)) => {
                assert!((10..=300).contains(&poll_f) && (10..=300).contains(&poll_h) && poll_h > poll_f, "{m}");
                assert!(failed(verdict_in_run(f.path(), &["--poll", &poll_f.to_string()], i)), "{name} polling every {poll_f}");
                assert!(!failed(verdict_in_run(f.path(), &["--poll", &poll_h.to_string()], i)), "{name} polling every {poll_h}");
            }
            (None, Some(10)) => assert!(!failed(verdict_in_run(f.path(), &["--poll", "10"], i)), "{name}: {m}"),
            (Some(300), None) => assert!(failed(verdict_in_run(f.path(), &["--poll", "300"], i)), "{name}: {m}"),
            _ => panic!("{name}: {m}"),
        }
        let (h, fa) = (m["nodes"]["holds"].as_f64().unwrap(), m["nodes"]["falls"].as_f64().unwrap());
        for (nodes, falls) in [(fa, true), (h, false)] {
            let text = FALLS.replacen(if i == 0 { "nodes = 1500" } else { "nodes = 2500" }, &format!("nodes = {nodes}"), 1);
            let g = TempFile::new(&format!("n{i}{nodes}.toml"), &text);
            assert_eq!(failed(verdict_in_run(g.path(), &[], i)), falls, "{name} at {nodes} nodes");
        }
    }
    // The big cluster falls at cost 1, so its cost margin is below 1; the other holds above.
    assert!(v["clusters"][1]["margins"]["cost"]["falls"].as_f64().unwrap() <= 1.0);
    assert!(v["clusters"][0]["margins"]["cost"]["holds"].as_f64().unwrap() >= 1.0);
    assert!(v["clusters"][0]["margins"]["nodes"]["falls"].as_f64().unwrap() > 1500.0);
}

#[test]
fn hostile_files_exit_2_naming_the_field() {
    let many: String = (0..10_000).map(|i| format!("[[clusters]]\nname = \"c{i}\"\nnodes = 100\n")).collect();
    let cases: Vec<(&str, String, &str)> = vec![
        ("empty.toml", "clusters = []\n".into(), "fleet: no clusters"),
        ("nothing.toml", String::new(), "no [[clusters]]"),
        ("many.toml", many, "10000 clusters is too many"),
        ("neg.toml", "[[clusters]]\nname = \"a\"\nnodes = -5\n".into(), "line 3: cluster 1: nodes = -5 is out of range (1 to 100,000)"),
        ("float.toml", "[[clusters]]\nname = \"a\"\nnodes = 1e308\n".into(), "line 3: cluster 1: nodes = 1e308 is not a whole number (1 to 100,000)"),
        (
            "huge.toml",
            "[[clusters]]\nname = \"a\"\nnodes = 99999999999999999999999\n".into(),
            "line 3: cluster 1: nodes = 99999999999999999999999 is out of range",
        ),
        (
            "res.toml",
            "[[clusters]]\nname = \"a\"\nnodes = 10\n[agent]\n[[agent.calls]]\nresource = \"secrets\"\n".into(),
            "line 6: agent call 1: resource = 'secrets' is not one of pods, nodes, endpoints, services, other",
        ),
        (
            "gate.toml",
            "[[clusters]]\nname = \"a\"\nnodes = 10\n[[plan.waves]]\nclusters = [\"a\"]\n[plan.gate]\nsignal = \"bogus\"\n".into(),
            "line 7: plan gate: signal = 'bogus' is not one of none, rejections, restarts, either",
        ),
        ("poll.toml", "[[clusters]]\nname = \"a\"\nnodes = 10\n[agent]\npoll_s = -3\n".into(), "line 5: agent: poll_s = -3 is out of range (10 to 300)"),
        // The model's checks point at the field's own line, and echo the value as written.
        ("zero.toml", "[[clusters]]\nname = \"a\"\nnodes = 0\n".into(), "line 3: cluster 1 ('a'): nodes = 0 is out of range"),
        (
            "at.toml",
            "[[clusters]]\nname = \"a\"\nnodes = 10\nat = 100.5\n".into(),
            "line 4: cluster 1 ('a'): at = 100.5 is out of range (-1 to 2, a fraction of the rollout window)",
        ),
        (
            "name.toml",
            "[[clusters]]\nname = \"b\"\nnodes = 10\n\n[[clusters]]\nnodes = 10\n  name = \"a b\"\n".into(),
            "line 7: cluster 2 ('a b'): name must be 1 to 40 letters",
        ),
        ("twice.toml", "[[clusters]]\nname = \"a\"\nnodes = 10\n[[clusters]]\nnodes = 5\nname = \"A\"\n".into(), "line 6: cluster 2 ('A'): name is already"),
        ("unknown.toml", "[[clusters]]\nname = \"a\"\nnodes = 10\ncolour = \"red\"\n".into(), "unknown field `colour`"),
        ("wave.toml", "[[clusters]]\nname = \"a\"\nnodes = 10\n[[plan.waves]]\nclusters = [\"nope\"]\n".into(), "plan wave 1: clusters names 'nope'"),
        ("syntax.toml", "[[clusters]\nname = \"a\"\n".into(), "line 1"),
        ("defaults.toml", "[defaults]\npods = 500\n[[clusters]]\nname = \"a\"\nnodes = 10\n".into(), "defaults: pods"),
        ("agent.toml", "[[clusters]]\nname = \"a\"\nnodes = 10\n[agent]\npoll_s = 1\n".into(), "agent: poll_s = 1 is out of range"),
    ];
    for (name, text, needle) in cases {
        let f = TempFile::new(name, &text);
        for cmd in ["check", "run", "link"] {
            let (code, out, err) = cascade(&[cmd, "--fleet", f.path()]);
            assert_eq!(code, 2, "{name} {cmd}: {err}");
            assert!(out.is_empty(), "{name}: {out}");
            assert_eq!(err.lines().count(), 1, "{name}: {err}");
            assert!(err.chars().count() < 320, "{name}: a short line: {err}");
            assert!(!err.contains("expected u32") && !err.contains("i128") && !err.contains("unknown Resource"), "{name}: {err}");
            assert!(err.contains(needle) && err.contains(name), "{name}: {err}");
        }
    }
    let (code, _, err) = cascade(&["check", "--fleet", "/nonexistent/fleet.toml"]);
    assert_eq!((code, err.trim()), (2, "cascade: fleet: cannot read '/nonexistent/fleet.toml': no such file"));
    let (code, _, err) = cascade(&["check", "--band", "--format", "csv"]);
    assert_eq!(code, 2);
    assert!(err.contains("--band has no CSV form"), "{err}");
    let (code, _, err) = cascade(&["fleet", "--example", "--ttl", "30"]);
    assert_eq!(code, 2);
    assert!(err.contains("drop the other flags"), "{err}");
    let (code, _, err) = cascade(&["check", "--plan", "canary"]);
    assert_eq!(code, 2);
    assert!(err.contains("plan: 'canary' is neither december nor phased nor a file"), "{err}");
}

#[test]
fn explicit_flags_win_over_the_file() {
    let f = TempFile::new("flags.toml", "[defaults]\npods = 40\n[[clusters]]\nname = \"a\"\nnodes = 2000\n[[clusters]]\nname = \"b\"\nnodes = 500\n");
    let (_, out, _) = cascade(&["run", "--fleet", f.path(), "--format", "json", "--agents", "1000", "--pods", "20"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!((v["params"]["agents"].as_u64(), v["params"]["pods"].as_u64()), (Some(1000), Some(20)));
    assert_eq!(v["clusters"][0]["nodes"], 1000, "--agents scales the fleet: its largest cluster runs at 1,000");
    let (_, out, _) = cascade(&["run", "--fleet", f.path(), "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!((v["params"]["agents"].as_u64(), v["params"]["pods"].as_u64()), (Some(2000), Some(40)));
    let (_, out, _) = cascade(&["run", "--fleet", f.path(), "--plan", "phased", "--format", "json"]);
    assert!(out.contains("\"rollout\": \"phased\""));
}

#[test]
fn link_writes_every_key() {
    let f = TempFile::new("link.toml", CLEAN);
    let (code, out, err) = cascade(&[
        "link",
        "--fleet",
        f.path(),
        "--view",
        "diagram",
        "--t",
        "30",
        "--from",
        "0",
        "--to",
        "90",
        "--sx",
        "agents=100..20000:8:log",
        "--sy",
        "ttl=0..3600:8",
        "--sm",
        "impact_min",
        "--teach",
        "--lesson",
        "--ch",
        "3",
    ]);
    assert_eq!(code, 0, "{err}");
    for key in ["fleet=1~a,300~b,900", "view=diagram", "t=30", "from=0", "to=90", "sx=agents", "sy=ttl", "sm=impact_min", "teach=1", "lesson=1", "ch=3"] {
        assert!(out.contains(key), "{key}: {out}");
    }
    let (code, _, err) = cascade(&["link", "--t", "9999"]);
    assert_eq!(code, 2);
    assert!(err.contains("link: --t 9999 is outside the run (-26 to 360 min)") && !err.contains("moved"), "{err}");
    // The decoder's notices say what it would adjust; here the value is refused, with what is valid.
    for (args, says) in [
        (&["--t", "100000"][..], "link: --t 100000 is outside the run (-26 to 360 min)\n"),
        (&["--sm", "impact"][..], "link: --sm impact is not one of impact_min,"),
        (&["--ch", "10"][..], "link: --ch 10 is not a chapter (0 – 9)\n"),
        (&["--speed", "3"][..], "link: --speed 3 is not one of 1, 2.5, 5, 10, 20\n"),
        (&["--sx", "agents=1..2:999"][..], "link: --sx agents=1..2:999 is not valid (agents: 999 steps; valid: 2 – 64)\n"),
        (&["--from", "50", "--to", "10"][..], "link: --from 50 is after --to 10\n"),
        (&["--from", "abc"][..], "link: --from abc is not a number of minutes\n"),
        (&["--t", "30.05"][..], "link: --t 30.05 has more than one decimal (links keep 0.1 min)\n"),
        (&["--sx", "ttl=1..100:4", "--sy", "ttl=1..200:4"][..], "link: --sx and --sy both vary ttl\n"),
    ] {
        let (code, out, err) = cascade(&[&["link"][..], args].concat());
        assert_eq!((code, out.as_str()), (2, ""), "{args:?}: {err}");
        assert!(err.contains(says), "{args:?}: {err}");
        assert!(!["moved to", "using", "showing"].iter().any(|w| err.contains(w)), "{args:?}: {err}");
    }
    // A sweep axis on a cluster the run's fleet lacks is refused, naming the fleet's clusters.
    let (code, out, err) = cascade(&["link", "--fleet", "docs/fleets/example.toml", "--sx", "cluster.nosuch.nodes=100..5000:10", "--view", "sweep"]);
    assert_eq!((code, out.as_str()), (2, ""), "{err}");
    assert!(err.contains("sx: 'nosuch' is not a cluster of the fleet (staging-1, canary-eu,"), "{err}");
    let (code, _, err) = cascade(&["link", "--fleet", "docs/fleets/example.toml", "--sy", "cluster.canary-eu.nodes=100..5000:10", "--view", "sweep"]);
    assert_eq!(code, 0, "{err}");
    let (code, out, _) = cascade(&["link", "--cluster", "large-b"]);
    assert_eq!(code, 0);
    assert!(out.contains("cluster=large-b"));
}

#[test]
fn grid_values_are_what_a_person_types() {
    let g = check::grid(0.1, 10.0);
    assert_eq!((g.first(), g.last(), g.len()), (Some(&0.1), Some(&10.0), 1801));
    for v in &g {
        let typed: f64 = format!("{v}").parse().unwrap();
        assert_eq!(typed, *v);
        assert!(format!("{v}").trim_start_matches("0.").trim_start_matches('0').replace('.', "").len() <= 3, "{v}");
    }
    let n = check::grid(1.0, 100_000.0);
    assert!(n.contains(&2350.0) && !n.contains(&2355.0) && n.contains(&99.0) && n.contains(&100_000.0));
}

/// `--band`: each assumption at each end of its range moves the cliff the way the mechanism
/// says — a bigger listed object or less memory per replica falls at fewer nodes.
#[test]
fn bands_move_the_cliff_with_the_assumption() {
    let f = fleet_file::parse("falls.toml", FALLS).unwrap();
    let mut p = Params::default();
    f.apply(&mut p, "falls.toml").unwrap();
    let (rows, runs) = cascade_lab::analysis::band::band(&p, 2);
    assert!(runs > 24, "every value of every assumption is a run, plus the cliffs: {runs}");
    let at = |key: &str, value: &str| {
        let r = rows.iter().find(|r| r.cluster == 1 && r.key == key).unwrap();
        r.at.iter().find(|(v, _, _)| v == value).unwrap().2.falls.unwrap()
    };
    assert!(at("object_kb", "12") < at("object_kb", "3"));
    assert!(at("apiserver_mem_gb", "×0.5") < at("apiserver_mem_gb", "×2"));
    // A LIST's CPU barely moves it: APF's seats bound how many run at once, and what they
    // hold in memory decides (docs/model.md's table says so).
    assert!((at("list_cpu_x", "2") - at("list_cpu_x", "0.5")).abs() <= 0.05 * at("list_cpu_x", "1"));
    let c = check::check(&p, check::Search::Margins, 2);
    let row = rows.iter().find(|r| r.cluster == 1 && r.key == "object_kb").unwrap();
    let (lo, hi) = row.falls_between();
    // The run's own value (6 KB) is one of the band's: the whole fleet's margin lies within
    // the band of cliffs found with the cluster alone.
    let here = c.clusters[1].margins.as_ref().unwrap().nodes.falls.unwrap();
    assert!(lo.unwrap() <= here && here <= hi.unwrap(), "{lo:?} ≤ {here} ≤ {hi:?}");
    assert_eq!(
        cascade_lab::formats::check_report::between_text(row),
        format!(
            "falls between {} and {} nodes",
            cascade_lab::text::group_thousands(lo.unwrap() as i64),
            cascade_lab::text::group_thousands(hi.unwrap() as i64)
        )
    );
}

/// A cluster's field as a sweep axis leaves the fleet-wide key of the same name free: `--ttl`
/// sets every other cluster while `cluster.NAME.ttl` is swept; and a link may sweep both.
#[test]
fn a_cluster_axis_leaves_its_fleet_wide_key_free() {
    let (code, out, err) =
        cascade(&["sweep", "--fleet", "docs/fleets/example.toml", "--x", "cluster.canary-eu.ttl=30..600:2", "--y", "ttl=30..600:2", "--format", "csv"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("cluster.canary-eu.ttl,ttl,"), "{out}");
    let (code, _, err) =
        cascade(&["sweep", "--fleet", "docs/fleets/example.toml", "--x", "cluster.canary-eu.ttl=30..600:2", "--y", "agents=100..200:2", "--ttl", "60"]);
    assert_eq!(code, 0, "{err}");
    let (code, _, err) = cascade(&["sweep", "--x", "ttl=30..600:2", "--y", "agents=100..200:2", "--ttl", "60"]);
    assert_eq!(code, 2);
    assert!(err.contains("ttl is the x axis"), "{err}");
    let (link, notes) = cascade_lab::formats::link::LinkState::decode("sx=cluster.large-a.ttl=30..600:4&sy=ttl=30..600:4&view=sweep");
    assert!(notes.is_empty(), "{notes:?}");
    assert_eq!(link.view.sweep.x.map(|a| a.name()).as_deref(), Some("cluster.large-a.ttl"));
}

/// `cascade link` with a fleet and no `--cluster` leaves the diagram on the fleet's largest
/// cluster (no `cluster=` key); the link opens there without a notice.
#[test]
fn a_fleet_link_opens_on_its_largest_cluster() {
    let (code, out, err) = cascade(&["link", "--fleet", "docs/fleets/example-40.toml"]);
    assert_eq!(code, 0, "{err}");
    assert!(!out.contains("cluster="), "{out}");
    let (link, notes) = cascade_lab::formats::link::LinkState::decode(out.trim().split_once('?').unwrap().1);
    assert!(notes.is_empty(), "{notes:?}");
    assert_eq!(link.view.cluster, cascade_lab::sim::fleet::largest_index(&link.params));
    assert_eq!(link.params.fleet.as_ref().unwrap().clusters[link.view.cluster].nodes, 6_000);
}

/// The poll margin is whole seconds within the `poll` flag's range, each value a run of
/// `cascade run`: ap-south-21 of the 40-cluster example crash-loops polling at the one and holds
/// at the other; a cluster that holds at every poll says so, never a value outside 10 – 300 s.
#[test]
fn poll_margins_are_whole_seconds_that_cascade_run_confirms() {
    let file = doc("example-40.toml");
    let (c, out, err) = cascade(&["check", "--fleet", &file, "--format", "json"]);
    assert_eq!(c, 1, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let clusters = v["clusters"].as_array().unwrap();
    for x in clusters {
        for key in ["falls_at_or_below", "holds_at_or_above"] {
            let got = &x["margins"]["poll_s"][key];
            assert!(got.is_null() || got.as_u64().is_some_and(|s| (10..=300).contains(&s)), "{}: {key} = {got}", x["name"]);
        }
    }
    let i = clusters.iter().position(|x| x["name"] == "ap-south-21").unwrap();
    let poll = &clusters[i]["margins"]["poll_s"];
    let (f, h) = (poll["falls_at_or_below"].as_u64().unwrap(), poll["holds_at_or_above"].as_u64().unwrap());
    assert_eq!(h, f + 1, "adjacent whole seconds: {poll}");
    let failed = |v: String| v == "fell" || v == "crash-looping";
    assert!(failed(verdict_in_run(&file, &["--poll", &f.to_string()], i)), "ap-south-21 polling every {f} s");
    assert!(!failed(verdict_in_run(&file, &["--poll", &h.to_string()], i)), "ap-south-21 polling every {h} s");
    let (_, text, _) = cascade(&["check", "--fleet", &file]);
    // What begins at the margin — a fall or an OOM loop — is the run's own verdict there.
    let word = if verdict_in_run(&file, &["--poll", &f.to_string()], i) == "crash-looping" { "crash-loops" } else { "falls" };
    assert!(text.contains(&format!("{word} polling every {f} s or less (holds at {h} s)")), "{text}");
    // eu-west-01 holds at every poll: said in words, and tested at 10 s.
    let s = &clusters[0]["margins"]["poll_s"];
    assert_eq!((s["falls_at_or_below"].is_null(), s["holds_at_or_above"].as_u64()), (true, Some(10)), "{s}");
    assert!(text.contains("holds at every poll (10 s or more)"), "{text}");
    assert!(verdict_in_run(&file, &["--poll", "10"], 0) != "fell");
}

/// CSV carries whether the agent reached each cluster, as JSON does; counts are singular for one.
#[test]
fn check_csv_says_whether_the_agent_landed() {
    let (_, out, err) = cascade(&["check", "--fleet", &doc("example.toml"), "--format", "csv", "--no-margins"]);
    let mut lines = out.lines();
    let head: Vec<&str> = lines.next().unwrap().split(',').collect();
    let col = head.iter().position(|h| *h == "agent_landed").unwrap_or_else(|| panic!("{head:?} {err}"));
    let landed: Vec<&str> = lines.map(|l| l.split(',').nth(col).unwrap()).collect();
    assert_eq!(landed.len(), 8);
    assert!(landed.contains(&"true") && landed.contains(&"false"), "{landed:?}");
    let one = TempFile::new("one.toml", "[[clusters]]\nname = \"a\"\nnodes = 300\n");
    let (code, out, _) = cascade(&["check", "--fleet", one.path(), "--no-margins"]);
    assert_eq!(code, 0);
    assert!(out.starts_with("1 cluster: 0 fall or crash-loop, 0 only saturate, 1 ok"), "{out}");
    assert!(!out.contains("1 seats busy"), "{out}");
}

/// Flags a file makes inert get one warning line each; the run and its exit status are unchanged.
#[test]
fn flags_a_file_overrides_are_warned_about() {
    let file = doc("example.toml");
    let (code, _, err) = cascade(&["run", "--fleet", &file]);
    assert_eq!((code, err.as_str()), (0, ""), "the example's waves agree with its plan: no warning");
    let (code, _, err) = cascade(&["run", "--fleet", &file, "--rollout", "phased", "--staging_nodes", "40"]);
    assert_eq!(code, 0);
    assert_eq!(err.lines().count(), 2, "{err}");
    assert!(err.contains("warning: --rollout phased is ignored"), "{err}");
    assert!(err.contains("warning: --staging_nodes 40 is ignored"), "{err}");
    let text = std::fs::read_to_string(&file).unwrap().replacen("wave = 1", "wave = 2", 1);
    let g = TempFile::new("waves.toml", &text);
    let (code, _, err) = cascade(&["check", "--no-margins", "--fleet", g.path()]);
    assert_eq!(code, 1);
    assert!(err.contains("wave = fields are ignored") && err.contains("canary-eu (wave = 2, plan wave 1)"), "{err}");
    // `run` heads its text with the described fleet.
    let (_, out, _) = cascade(&["run", "--fleet", &file]);
    assert!(out.starts_with("Cascade Lab — preset december-2024 · a described fleet of 8 clusters, seed "), "{out}");
}

/// Memory and cores vary as multiples of every cluster's value, its own included (issue 27: the
/// memory row once ignored a cluster that set its own), and that moves its cliff.
#[test]
fn bands_scale_a_clusters_own_memory() {
    use cascade_lab::analysis::band::ASSUMED;
    let f = fleet_file::parse("own.toml", "[[clusters]]\nname = \"own\"\nnodes = 2500\napiserver_mem_gb = 256\n").unwrap();
    let mut p = Params::default();
    f.apply(&mut p, "own.toml").unwrap();
    let mem = ASSUMED.iter().find(|a| a.key == "apiserver_mem_gb").unwrap();
    let half = mem.apply(&p, "0.5").unwrap();
    assert_eq!(half.fleet.as_ref().unwrap().clusters[0].apiserver_mem_gb, Some(128));
    assert_eq!(half.apiserver_mem_gb, 32);
    let (rows, _) = cascade_lab::analysis::band::band(&p, 2);
    let row = rows.iter().find(|r| r.key == "apiserver_mem_gb").unwrap();
    let falls = |v: &str| row.at.iter().find(|(x, _, _)| x == v).unwrap().2.falls.unwrap_or(f64::INFINITY);
    assert!(falls("×0.5") < falls("×2"), "{:?}", row.at);
}

/// `check` names, per cluster whose verdict an assumption can change, the one it depends on
/// most: the multus cluster's loop depends on memory and the pod's size.
#[test]
fn check_names_what_each_verdict_depends_on() {
    let mut p = Params::from_preset(cascade_lab::sim::Preset::Multus2021);
    p.remediate_after = 180;
    let c = check::check(&p, check::Search::Margins, 2);
    let keys: Vec<&str> = c.clusters[0].depends.iter().map(|d| d.key).collect();
    assert!(keys.contains(&"apiserver_mem_gb") && keys.contains(&"object_kb"), "{keys:?}");
    // Sorted: the first changes it over at least as many values as any other.
    let flips: Vec<usize> = c.clusters[0].depends.iter().map(|d| d.flips).collect();
    assert!(flips.windows(2).all(|w| w[0] >= w[1]), "{flips:?}");
    let text = cascade_lab::formats::check_report::to_text(&p, &c, false, None);
    let line = text.lines().find(|l| l.trim_start().starts_with("multus ") && l.contains("most on")).unwrap_or_else(|| panic!("{text}"));
    assert!(line.contains(&format!("most on {}", keys[0])), "{line}");
}

/// A fleet file's refusal says what kind of wrong it is, and where (the file, the line).
#[test]
fn a_fleet_file_error_names_its_kind_and_line() {
    use cascade_lab::sim::fleet::FleetErrorKind;
    for (text, kind) in [
        ("[[clusters]]\nname = \"a\"\nnodes = 0\n", FleetErrorKind::OutOfRange),
        ("[[clusters]]\nname = \"a b\"\nnodes = 10\n", FleetErrorKind::Name),
        ("[[clusters]]\nname = \"a\"\nnodes = 10\n[[clusters]]\nname = \"a\"\nnodes = 20\n", FleetErrorKind::Duplicate),
        ("[defaults]\nagents = 5\n", FleetErrorKind::Conflict),
        ("[defaults]\nnope = 5\n", FleetErrorKind::Unknown),
        ("[plan]\nname = \"sometimes\"\n", FleetErrorKind::Unknown),
        ("[plan]\n", FleetErrorKind::Missing),
        ("[[clusters]\n", FleetErrorKind::Format),
    ] {
        let e = fleet_file::parse("f.toml", text).unwrap_err();
        assert_eq!(e.kind, kind, "{text:?}: {e}");
        assert!(e.text.starts_with("f.toml:") && !e.text.contains('\n'), "{e}");
    }
}

/// One node, one cluster, one API server: singular, in `run`'s and `check`'s text.
#[test]
fn a_count_of_one_is_singular() {
    assert_eq!(cascade_lab::text::count(1, "node", "nodes"), "1 node");
    assert_eq!(cascade_lab::text::count(7500, "node", "nodes"), "7,500 nodes");
    let f = TempFile::new("one-node.toml", "[[clusters]]\nname = \"a\"\nnodes = 1\napiservers = 1\n[[clusters]]\nname = \"b\"\nnodes = 1\n");
    for cmd in ["run", "check"] {
        let (code, out, err) = cascade(&[cmd, "--fleet", f.path(), "--no-margins"][..if cmd == "run" { 3 } else { 4 }]);
        assert!(code == 0 || code == 1, "{cmd}: {err}");
        assert!(!out.contains(" 1 nodes") && !out.contains("(1 nodes") && !out.contains("1 API servers"), "{cmd}: {out}");
        assert!(out.contains("1 node"), "{cmd}: {out}");
    }
}

/// `cascade run`'s "changed:" line names a described fleet, agent and plan by their size,
/// not their whole compact text (thousands of characters for 60 long-named clusters).
#[test]
fn run_s_changed_line_summarises_a_large_fleet() {
    let mut toml = String::new();
    for i in 0..60 {
        toml.push_str(&format!(
            "[[clusters]]\nname = \"production-cluster-europe-west-{i:02}\"\nnodes = {}\npods = 40\napiservers = 5\nttl = 60\nwave = {}\n",
            100 + i * 50,
            i % 3
        ));
    }
    toml.push_str("[agent]\npoll_s = 30\n[[agent.calls]]\nresource = \"pods\"\nscope = \"node\"\n");
    let f = TempFile::new("sixty.toml", &toml);
    let (code, out, err) = cascade(&["run", "--fleet", f.path(), "--ttl", "30"]);
    assert_eq!(code, 0, "{err}");
    let changed = out.lines().find(|l| l.starts_with("changed: ")).expect("a changed: line");
    assert!(changed.len() < 200, "{} characters: {changed}", changed.len());
    assert!(changed.contains("ttl=30") && changed.contains("fleet=<60 clusters>") && changed.contains("agent=<1 call>"), "{changed}");
}
