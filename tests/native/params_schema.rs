//! The schema: defaults are valid, text parsing is strict with clear messages.

use cascade_lab::sim::{params, Params, SPECS};

include!("../common/in_schema.rs");

#[test]
fn defaults_are_the_december_2024_calibration_and_valid() {
    let p = Params::default();
    assert_eq!(in_schema(&p), Ok(()));
    assert_eq!((p.agents, p.cost, p.ttl, p.break_glass), (7_500, 1.0, 1_200, false));
    for s in SPECS {
        assert_eq!(p.value(s.key), s.default, "{}", s.key);
        assert!(s.min <= s.default && s.default <= s.max, "{}", s.key);
    }
}

#[test]
fn bad_text_names_the_parameter_and_its_range() {
    let mut p = Params::default();
    let e = p.set_text("agents", "-5").unwrap_err().to_string();
    assert!(e.contains("agents") && e.contains("10 – 100000"), "{e}");
    let e = p.set_text("ttl", "abc").unwrap_err().to_string();
    assert!(e.contains("ttl") && e.contains("not a number") && e.contains("0 – 3600"), "{e}");
    let e = p.set_text("retry", "sometimes").unwrap_err().to_string();
    assert!(e.contains("client-go"), "{e}");
    let e = p.set_text("nodes", "5").unwrap_err().to_string();
    assert!(e.contains("unknown parameter 'nodes'"), "{e}");
    let e = p.set_text("preset", "nope").unwrap_err().to_string();
    assert!(e.contains("december-2024"), "{e}");
    assert!(p.set_text("ttl", "NaN").is_err());
    assert!(p.set_text("cost", "inf").is_err());
    assert_eq!(p, Params::default(), "failed writes change nothing");
}

#[test]
fn every_preset_is_valid_and_distinct() {
    let mut seen = Vec::new();
    for name in params::PRESET_NAMES {
        let p = Params::preset(name).unwrap();
        assert_eq!(in_schema(&p), Ok(()), "{name}");
        assert!(!seen.contains(&p), "{name} duplicates another preset");
        seen.push(p);
    }
}

/// The check the other suites apply to decoded links and generated parameters fails on what
/// the schema would not store (so those suites can fail).
#[test]
fn in_schema_rejects_what_the_schema_would_not_store() {
    use cascade_lab::sim::{Action, Intervention};
    let bad: [fn(&mut Params); 7] = [
        |p| p.cost = f64::NAN,
        |p| p.cost = f64::INFINITY,
        |p| p.cost = 1.2345, // finer than a link keeps
        |p| p.cost = 11.0,
        |p| p.agents = 5,
        |p| p.interventions = vec![Intervention { t_min: f64::NAN, action: Action::Block }],
        |p| p.interventions = vec![Intervention { t_min: 800.0, action: Action::Block }; 1],
    ];
    for (k, f) in bad.iter().enumerate() {
        let mut p = Params::default();
        f(&mut p);
        assert!(in_schema(&p).is_err(), "case {k}: {p:?}");
    }
    let mut p = Params::default();
    p.interventions = (0..17).map(|m| Intervention { t_min: m as f64, action: Action::Block }).collect();
    assert!(in_schema(&p).is_err(), "17 interventions");
}

#[test]
fn interventions_parse_and_format_round_trip() {
    let list = params::parse_interventions("60:break_glass, 45.5:block").unwrap();
    assert_eq!(params::format_interventions(&list), "45.5:block,60:break_glass");
    assert!(params::parse_interventions("45:launch").is_err());
    assert!(params::parse_interventions("x:block").is_err());
}

#[test]
fn display_is_readable() {
    let ttl = params::spec("ttl").unwrap();
    assert_eq!(ttl.display(1200.0), "20 min");
    assert_eq!(ttl.display(30.0), "30 s");
    assert_eq!(params::spec("agents").unwrap().display(7500.0), "7,500 nodes");
}

#[test]
fn the_preset_table_covers_every_preset_and_each_change_parses() {
    use cascade_lab::sim::{Preset, PRESETS};
    assert_eq!(PRESETS.len(), Preset::ALL.len());
    for (def, preset) in PRESETS.iter().zip(Preset::ALL) {
        assert_eq!(def.preset, *preset, "PRESETS is in the order of Preset");
        let mut p = Params::default();
        for (key, text) in def.changes {
            p.set_text(key, text).unwrap_or_else(|e| panic!("{}: {e}", preset.name()));
        }
        // `from_preset` runs a preset's fleet as written (its `agents` is the fleet's largest).
        let p = Params::from_preset(*preset);
        let base = Params { preset: *preset, ..Params::default() };
        let described = !def.fleet.is_empty() as usize + !def.agent.is_empty() as usize;
        let diff = cascade_lab::formats::compact::diff_pairs(&p, &base);
        assert_eq!(diff.len(), def.changes.len() + described, "{}: every change changes something", preset.name());
    }
}

/// The multus preset's fleet and agent, declared as values, are the ones its links have always
/// carried as text.
#[test]
fn the_multus_preset_describes_what_its_links_carry() {
    use cascade_lab::formats::compact;
    let p = Params::preset("multus-2021").unwrap();
    assert_eq!(p.fleet, Some(compact::fleet_from_text("1~multus,225").unwrap()));
    assert_eq!(p.agent, Some(compact::agent_from_text("1~pods:cluster:watch-cache:w").unwrap()));
}

#[test]
fn choices_serialize_to_their_link_strings() {
    let p = Params::preset("Herd").unwrap();
    let json = serde_json::to_string(&p).unwrap();
    assert!(json.starts_with(r#"{"preset":"herd","agents":7500,"#), "{json}");
    assert!(json.contains(r#""rollout":"fleet""#) && json.contains(r#""retry":"client-go""#) && json.contains(r#""recovery":"all-at-once""#), "{json}");
    let back: Params = serde_json::from_str(&json).unwrap();
    assert_eq!(back, p);
    assert!(serde_json::from_str::<Params>(&json.replace("all-at-once", "sometimes")).is_err());
}

/// docs/cli.md's parameter table is generated from the schema: regenerate the block between
/// its markers with `cascade params --format md` when a parameter changes.
#[test]
fn the_docs_parameter_table_is_the_schema() {
    let doc = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/cli.md")).unwrap();
    let (begin, end) = ("<!-- params:begin (cascade params --format md) -->\n", "<!-- params:end -->");
    let a = doc.find(begin).expect("docs/cli.md has the parameter table's begin marker") + begin.len();
    let b = doc[a..].find(end).expect("and its end marker") + a;
    assert_eq!(
        &doc[a..b],
        cascade_lab::sim::params::markdown_table(),
        "docs/cli.md's parameter table is stale: regenerate it with `cascade params --format md`"
    );
}

/// The typed key the schema generates names exactly its spec, in the schema's order.
#[test]
fn every_key_is_its_spec() {
    use cascade_lab::sim::Key;
    assert_eq!(Key::ALL.len(), SPECS.len());
    for (k, s) in Key::ALL.iter().zip(SPECS) {
        assert_eq!((k.name(), s.id), (s.key, *k));
        assert_eq!(k.spec().key, s.key);
        assert_eq!(Key::from_name(s.key), Some(*k));
    }
    assert_eq!(Key::from_name("tll"), None);
    let mut p = cascade_lab::sim::Params::default();
    p.set(Key::ttl, 30.0);
    assert_eq!(p.ttl, 30);
}
