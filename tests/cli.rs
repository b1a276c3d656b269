//! The `cascade` CLI: same schema and link format as the app, clear errors on bad input.

use std::ffi::OsStr;
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

fn cascade(args: &[&str]) -> (i32, String, String) {
    cascade_os(args)
}

fn cascade_os<S: AsRef<OsStr>>(args: &[S]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_cascade")).args(args).output().expect("runs");
    // A signal (no code) shows as -1, so it can never pass for 0 or 2.
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stdout).into(), String::from_utf8_lossy(&out.stderr).into())
}

fn json_run(args: &[&str]) -> serde_json::Value {
    let (code, out, err) = cascade(&[&["run", "--format", "json"], args].concat());
    assert_eq!(code, 0, "{args:?}: {err}");
    serde_json::from_str(&out).unwrap()
}

/// Exit 2, nothing on stdout, one line on stderr containing `needle`, and no panic.
fn assert_bad_input(args: &[&str], needle: &str) {
    let (code, out, err) = cascade(args);
    assert_eq!(code, 2, "{args:?}: {err}");
    assert!(out.is_empty(), "{args:?}: {out}");
    assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
    assert!(err.starts_with("cascade: ") && err.contains(needle), "{args:?}: {err}");
}

#[test]
fn run_json_has_params_summary_and_events() {
    let (code, out, _) = cascade(&["run", "--format", "json"]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    for k in ["control_plane_down_min", "first_alert_min", "first_customer_errors_min", "peak_impact_min", "fix_landed_min", "first_cluster_recovered_min", "all_recovered_min", "peak_error_rate"] {
        assert!(v["summary"].get(k).is_some(), "summary.{k}");
    }
    assert_eq!(v["params"]["agents"], 7500);
    let events = v["events"].as_array().unwrap();
    assert!(events.iter().any(|e| e["name"] == "first_alert" && e["t_min"].as_f64().unwrap() > 0.0));
}

#[test]
fn never_happening_milestones_are_null() {
    let (code, out, _) = cascade(&["run", "--preset", "staging", "--format", "json"]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert!(v["summary"]["control_plane_down_min"].is_null());
    assert!(v["summary"]["all_recovered_min"].is_null());
}

#[test]
fn flags_override_the_preset_in_any_order() {
    let (_, out, _) = cascade(&["run", "--ttl", "30", "--preset", "break-glass", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["params"]["ttl"], 30);
    assert_eq!(v["params"]["break_glass"], true);
}

#[test]
fn csv_and_text_formats() {
    let (code, out, _) = cascade(&["run", "--format", "csv", "--horizon", "60"]);
    assert_eq!(code, 0);
    let mut lines = out.lines();
    assert!(lines.next().unwrap().starts_with("t_min,api_demand_seats"));
    assert!(lines.count() > 100);
    let (code, out, _) = cascade(&["run"]);
    assert_eq!(code, 0);
    assert!(out.contains("First alert") && out.contains("really 3:13 pm"), "{out}");
}

#[test]
fn link_prints_the_share_link_for_the_parameters() {
    let (code, out, _) = cascade(&["link", "--base", "https://docs.example/lab/", "--agents", "5000", "--break_glass", "true"]);
    assert_eq!(code, 0);
    assert_eq!(out.trim(), "https://docs.example/lab/?v=1&preset=december-2024&agents=5000&break_glass=true");
}

#[test]
fn bad_input_exits_non_zero_with_one_clear_line() {
    for (args, needle) in [
        (vec!["run", "--agents", "-5"], "agents: -5 is out of range; valid: 10 – 100000 nodes"),
        (vec!["run", "--ttl", "abc"], "ttl: 'abc' is not a number; valid: 0 – 3600 s"),
        (vec!["run", "--preset", "nope"], "preset: unknown 'nope'"),
        (vec!["run", "--nodes", "5"], "unknown parameter 'nodes'"),
        (vec!["run", "--format", "xml"], "format: 'xml' is not allowed"),
        (vec!["run", "--agents"], "--agents needs a value"),
        (vec!["launch"], "unknown command 'launch'"),
        (vec![], "a command is needed: run, link, bench or params"),
        // After `--` an argument is not a flag, even if it looks like a known one.
        (vec!["run", "--", "--ttl"], "unexpected argument '--ttl'"),
    ] {
        assert_bad_input(&args, needle);
    }
    // Echoed input is clipped, so one line stays readable.
    let long = format!("--{}", "x".repeat(5000));
    let (code, _, err) = cascade(&["run", &long, "1"]);
    assert_eq!(code, 2);
    assert!(err.contains("unknown parameter 'xxx") && err.len() < 400, "{} bytes", err.len());
}

#[test]
fn bench_prints_timings_for_each_agent_count() {
    let (code, out, _) = cascade(&["bench"]);
    assert_eq!(code, 0);
    for n in ["100 agents", "1,000 agents", "10,000 agents", "100,000 agents"] {
        assert!(out.contains(n), "{out}");
    }
}

#[cfg(unix)]
#[test]
fn a_non_utf8_argument_is_bad_input_not_a_panic() {
    use std::os::unix::ffi::OsStrExt;
    for args in [vec![OsStr::new("run"), OsStr::new("--ttl"), OsStr::from_bytes(b"3\xff0")], vec![OsStr::from_bytes(b"r\xffn")]] {
        let (code, out, err) = cascade_os(&args);
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(out.is_empty());
        assert!(err.starts_with("cascade: argument ") && err.contains("is not valid UTF-8"), "{err}");
    }
}

#[test]
fn a_reader_that_goes_away_ends_the_run_quietly() {
    // The whole CSV (~300 KB) is far more than a pipe buffers (64 KB), so after the reader
    // leaves, the CLI's writes must fail with a broken pipe: that is what `| head -1` does.
    let mut child = Command::new(env!("CARGO_BIN_EXE_cascade"))
        .args(["run", "--format", "csv"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("runs");
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap()).read_line(&mut first).unwrap();
    assert!(first.starts_with("t_min,"));
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("panicked"), "{err}");
    assert!(err.is_empty(), "{err}");
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn commands_without_parameters_reject_stray_arguments() {
    assert_bad_input(&["params", "--agents", "5"], "params: unexpected argument '--agents'");
    assert_bad_input(&["params", "extra"], "params: unexpected argument 'extra'");
    assert_bad_input(&["bench", "--quick"], "bench: unexpected argument '--quick'");
}

#[test]
fn every_command_has_help() {
    for (cmd, needle) in [("run", "--format <FORMAT>"), ("link", "--base <URL>"), ("bench", "Usage: cascade bench"), ("params", "Usage: cascade params")] {
        for flag in ["--help", "-h"] {
            let (code, out, err) = cascade(&[cmd, flag]);
            assert_eq!(code, 0, "{cmd} {flag}: {err}");
            assert!(out.contains(needle), "{cmd} {flag}: {out}");
        }
    }
    // `cascade help run` is the same page as `cascade run --help`.
    assert_eq!(cascade(&["help", "run"]).1, cascade(&["run", "--help"]).1);
}

#[test]
fn parameter_flags_come_from_the_schema() {
    // The CLI builds its flags from SPECS: a key added there shows up in help and is accepted.
    let (_, help, _) = cascade(&["run", "--help"]);
    for s in cascade_lab::sim::SPECS {
        assert!(help.contains(&format!("--{} <", s.key)), "--{} missing from run --help", s.key);
        let help_start: String = s.help.chars().take(40).collect();
        assert!(help.contains(&help_start), "{}'s help text", s.key);
        let (code, _, err) = cascade(&["link", &format!("--{}", s.key), &s.format(s.max)]);
        assert_eq!(code, 0, "--{} {}: {err}", s.key, s.format(s.max));
    }
    // `-` may stand for `_` in a key, as it always could.
    assert_eq!(json_run(&["--rollout-min=60", "--break-glass", "true"])["params"]["rollout_min"], 60);
}

#[test]
fn a_mistyped_key_gets_a_suggestion() {
    assert_bad_input(&["run", "--tll", "30"], "unknown parameter 'tll'; did you mean --ttl?");
    assert_bad_input(&["link", "--bsae=https://x/"], "unknown parameter 'bsae'; did you mean --base?");
    assert_bad_input(&["lnk"], "unknown command 'lnk'; did you mean 'link'?");
    assert_bad_input(&["--ttl", "30"], "'--ttl' needs a command before it");
}

#[test]
fn repeated_flags_are_all_checked_and_the_last_one_wins() {
    // The documented rule, stated where users read it.
    let (_, help, _) = cascade(&["--help"]);
    assert!(help.contains("every value is checked, and the last one wins"), "{help}");
    assert_eq!(json_run(&["--ttl", "30", "--ttl", "40"])["params"]["ttl"], 40);
    let (_, csv, _) = cascade(&["run", "--format", "json", "--format", "csv", "--horizon", "60"]);
    assert!(csv.starts_with("t_min,"), "the last --format wins");
    let v = json_run(&["--preset", "herd", "--preset", "break-glass"]);
    assert_eq!((v["params"]["preset"].as_str(), v["params"]["recovery"].as_str()), (Some("break-glass"), Some("ramped")));
    // --preset goes first wherever it stands: an explicit key beats it.
    let v = json_run(&["--ttl", "40", "--preset", "short-ttl", "--ttl", "50"]);
    assert_eq!(v["params"]["ttl"], 50);
    // An invalid value is reported even when a later one would replace it.
    assert_bad_input(&["run", "--format", "json", "--format", "xml"], "format: 'xml' is not allowed");
    assert_bad_input(&["run", "--format", "xml", "--format", "json"], "format: 'xml' is not allowed");
    assert_bad_input(&["run", "--ttl", "abc", "--ttl", "40"], "ttl: 'abc' is not a number");
    assert_bad_input(&["run", "--preset", "nope", "--preset", "herd"], "preset: unknown 'nope'");
}
