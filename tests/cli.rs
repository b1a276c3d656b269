//! The `cascade` CLI: same schema and link format as the app, clear errors on bad input.

use std::process::Command;

fn cascade(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_cascade")).args(args).output().expect("runs");
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stdout).into(), String::from_utf8_lossy(&out.stderr).into())
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
    ] {
        let (code, out, err) = cascade(&args);
        assert_eq!(code, 2, "{args:?}");
        assert!(out.is_empty());
        assert!(err.lines().next().unwrap_or("").contains(needle), "{args:?}: {err}");
    }
}

#[test]
fn bench_prints_timings_for_each_agent_count() {
    let (code, out, _) = cascade(&["bench"]);
    assert_eq!(code, 0);
    for n in ["100 agents", "1,000 agents", "10,000 agents", "100,000 agents"] {
        assert!(out.contains(n), "{out}");
    }
}
