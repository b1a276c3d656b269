//! One time notation everywhere: "T+4 min", "T+1 h 26 min"; never "T+3:31" or "T+0.8".

use cascade_lab::text::{duration, t_plus};

#[test]
fn times_after_t_read_in_minutes_and_hours() {
    assert_eq!(t_plus(4.3), "T+4 min");
    assert_eq!(t_plus(-21.0), "T−21 min");
    assert_eq!(t_plus(86.0), "T+1 h 26 min");
    assert_eq!(t_plus(120.2), "T+2 h");
    assert_eq!(t_plus(-0.4), "T+0 min", "no negative zero");
    assert_eq!(t_plus(f64::NAN), "T+0 min");
    assert_eq!(duration(266.0), "4 h 26 min");
    assert_eq!(duration(45.4), "45 min");
    for t in [-150.0, -0.8, 0.8, 3.5, 59.6, 61.0, 719.9] {
        let s = t_plus(t);
        assert!(!s.contains(':') && !s.contains('.'), "{s}");
    }
}

/// App exports: JSON carries the share link and the compared run (CSV: `csv_export.rs`); names tell
/// variants apart; the figure's caption names what differs from the preset and the moment.
#[test]
fn exports_carry_the_link_the_compared_run_and_distinct_names() {
    use cascade_lab::formats::report::{export_stem, figure_caption, moment_tag, short_hash, to_json, to_json_export};
    use cascade_lab::sim::{simulate, Params};
    let mut p = Params::default();
    p.set_value("ttl", 30.0);
    let c = Params::preset("break-glass").unwrap();
    let (t, ct) = (simulate(&p), simulate(&c));
    let link = "https://docs.example/cascade/?v=1&ttl=30&t=30";
    let json: serde_json::Value = serde_json::from_str(&to_json_export(&p, &t, Some((&c, &ct)), link)).unwrap();
    assert_eq!(json["link"], link);
    assert_eq!(json["compare"]["params"]["break_glass"], true);
    assert_eq!(json["params"]["ttl"], serde_json::from_str::<serde_json::Value>(&to_json(&p, &t)).unwrap()["params"]["ttl"]);
    let alone: serde_json::Value = serde_json::from_str(&to_json_export(&p, &t, None, link)).unwrap();
    assert!(alone.get("compare").is_none());
    assert_ne!(short_hash(link), short_hash("https://docs.example/cascade/?v=1&ttl=30&t=31"));
    assert_eq!(short_hash(link).len(), 6);
    assert_eq!((moment_tag(30.2), moment_tag(-5.0), moment_tag(86.0), moment_tag(120.0)), ("t+30m".into(), "t-5m".into(), "t+1h26m".into(), "t+2h".into()));
    assert!(export_stem(&p, link).starts_with("cascade-lab-december-2024-seed"));
    let (title, lines) = figure_caption(&p, "what customers see", 30.0, None);
    assert!(title.contains("what customers see"));
    assert!(lines[0].contains("ttl=30") && lines[1].contains("3:42 pm") && lines[1].contains("T+30 min"), "{lines:?}");
    assert!(figure_caption(&Params::default(), "x", 0.0, None).1[0].contains("as the preset"));
}

#[test]
fn another_incidents_preset_shows_no_december_times() {
    use cascade_lab::sim::{simulate, Params};
    let dec = Params::default();
    assert!(cascade_lab::formats::report::to_text(&dec, &simulate(&dec)).contains("really 3:16 pm"));
    let dd = Params::preset("datadog-2023").unwrap();
    assert!(!cascade_lab::formats::report::to_text(&dd, &simulate(&dd)).contains("really"));
}
