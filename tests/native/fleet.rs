//! Described fleets, agents and plans: December's own description runs bit-identically to the
//! built-in fleet; the compact text round-trips; bad descriptions get one line naming the field.

use cascade_lab::formats::compact;
use cascade_lab::sim::agent::AgentSpec;
use cascade_lab::sim::fleet::FleetErrorKind;
use cascade_lab::sim::fleet::{ClusterDesc, Fleet};
use cascade_lab::sim::plan::{Gate, GateSignal, Plan, Wave};
use cascade_lab::sim::{simulate, Params};

mod golden {
    #![allow(dead_code)]
    include!("../common/golden.rs");
}
use golden::GOLDEN;

/// December's fleet and agent written out as descriptions give every golden run's bits.
#[test]
fn december_described_is_the_built_in_fleet() {
    for (query, want) in GOLDEN {
        let (link, _) = cascade_lab::formats::link::LinkState::decode(query);
        let mut p = link.params.clone();
        let agents = p.agents;
        assert_eq!(p.set_fleet(Some(Fleet::december(&link.params))), None);
        assert_eq!(p.agents, agents, "{query}: the described fleet's largest is the agent count");
        p.agent = Some(AgentSpec::december());
        assert_eq!(simulate(&p).checksum(), *want, "{query}: described December differs from the built-in fleet");
    }
}

fn forty() -> Fleet {
    Fleet {
        clusters: (0..60)
            .map(|i| ClusterDesc {
                wave: i % 4,
                pods: (i % 3 == 0).then_some(40),
                ttl: (i % 5 == 0).then_some(30),
                ..ClusterDesc::new(&format!("prod-eu-west-{i}"), 80 + i * 97)
            })
            .collect(),
    }
}

#[test]
fn compact_text_round_trips_and_stays_short() {
    let f = forty();
    let text = compact::fleet_to_text(&f);
    assert_eq!(compact::fleet_from_text(&text).unwrap(), f);
    let names: Vec<String> = f.clusters.iter().map(|c| c.name.clone()).collect();
    let plan = Plan {
        waves: vec![
            Wave { clusters: vec![names[7].clone()], soak_min: 60.0 },
            Wave { clusters: names.iter().filter(|n| **n != names[7]).cloned().collect(), soak_min: 0.0 },
        ],
        gate: Gate { signal: GateSignal::Rejections, threshold_pct: 2.5, delay_min: 1.0 },
    };
    let ptext = compact::plan_to_text(&plan, &names);
    let back = compact::plan_from_text(&ptext, &names).unwrap();
    assert_eq!(back.gate, plan.gate);
    assert_eq!(back.waves.len(), 2);
    assert_eq!(back.waves[0].clusters, plan.waves[0].clusters);
    let a = AgentSpec::december();
    assert_eq!(compact::agent_from_text(&compact::agent_to_text(&a)).unwrap(), a);
    assert!(text.len() + ptext.len() < 2_000, "60 clusters and a plan: {} characters", text.len() + ptext.len());
}

#[test]
fn bad_descriptions_name_the_field() {
    let bad = [
        ("1", FleetErrorKind::Empty, "fleet"),
        ("1~a,0", FleetErrorKind::OutOfRange, "cluster 1 ('a'): nodes"),
        ("1~a,100~a,200", FleetErrorKind::Duplicate, "cluster 2 ('a')"),
        ("1~a,100,p500", FleetErrorKind::OutOfRange, "cluster 1 ('a'): pods"),
        ("1~a,100,q1", FleetErrorKind::Unknown, "cluster 1: 'q1'"),
        ("2~a,100", FleetErrorKind::Format, "fleet: version"),
        // Out of range and between steps as the file and the CLI say it; "not a number" only
        // for text that is none.
        ("1~a,-5", FleetErrorKind::OutOfRange, "cluster 1: nodes = -5 is out of range (1 to 100,000)"),
        ("1~a,5000.7", FleetErrorKind::OutOfRange, "cluster 1: nodes = 5000.7 is not a whole number (nearest: 5,001; 1 to 100,000)"),
        ("1~a,abc", FleetErrorKind::Unreadable, "cluster 1: nodes = 'abc' is not a number"),
        ("1~a,100,w-1", FleetErrorKind::OutOfRange, "cluster 1: wave = -1 is out of range"),
        ("1~a,100,p5.5", FleetErrorKind::OutOfRange, "cluster 1: pods = 5.5 is not a whole number (nearest: 6;"),
    ];
    for (text, kind, at) in bad {
        let e = compact::fleet_from_text(text).unwrap_err();
        assert_eq!(e.kind, kind, "{text}: {e}");
        // One line, naming where.
        assert!(e.text.starts_with(at) && !e.text.contains('\n'), "{text}: {e}");
    }
    let big = format!("1{}", (0..61).map(|i| format!("~c{i},10")).collect::<String>());
    assert_eq!(compact::fleet_from_text(&big).unwrap_err().kind, FleetErrorKind::TooMany);
    let names = vec!["a".to_string(), "b".to_string()];
    assert_eq!(compact::plan_from_text("1~w:0:", &names).unwrap_err().kind, FleetErrorKind::Missing);
    assert_eq!(compact::plan_from_text("1~w:0:0-5", &names).unwrap_err().kind, FleetErrorKind::NotInFleet);
    assert_eq!(compact::plan_from_text("1~w:0:0", &names).unwrap_err().kind, FleetErrorKind::Conflict);
}

#[test]
fn every_cluster_gets_a_verdict_with_its_moment() {
    let t = simulate(&Params::default());
    let fell: Vec<&str> = t.clusters.iter().filter(|c| c.fell_min.is_some()).map(|c| c.name.as_str()).collect();
    assert_eq!(fell, ["large-a", "large-b", "large-c"]);
    // medium-a's replicas keep OOM-restarting while those up still serve most requests.
    assert!(matches!(t.clusters[4].verdict(), cascade_lab::sim::Verdict::CrashLooping { .. }), "{:?}", t.clusters[4]);
    for c in &t.clusters {
        if let (Some(f), Some(s)) = (c.fell_min, c.saturated_min) {
            assert!(s <= f, "{}: saturated at {s} before falling at {f}", c.name);
        }
        assert!(c.fell_min.is_none() || c.saturated_min.is_some());
    }
}

fn fleet_of(sizes: &[(&str, u32, u32)]) -> Fleet {
    Fleet { clusters: sizes.iter().map(|&(n, nodes, wave)| ClusterDesc { wave, ..ClusterDesc::new(n, nodes) }).collect() }
}

fn verdicts(p: &Params) -> Vec<(String, &'static str)> {
    cascade_lab::sim::simulate_outcome(p).1.iter().map(|c| (c.name.clone(), c.verdict().name())).collect()
}

/// A described fleet runs its own sizes: a 6,000-node cluster falls, a 300-node one does not,
/// and `agents` scales the whole fleet (the largest becomes `agents`).
#[test]
fn a_described_fleet_runs_its_own_sizes() {
    let mut p = Params::default();
    p.set_fleet(Some(fleet_of(&[("big", 6_000, 1), ("small", 300, 0)])));
    assert_eq!(p.agents, 6_000);
    let v = verdicts(&p);
    assert_eq!(v, [("big".to_string(), "fell"), ("small".to_string(), "ok")]);
    p.agents = 600;
    assert_eq!(verdicts(&p)[0].1, "ok", "the fleet scaled to a tenth holds");
    let t = simulate(&Params { agents: 600, ..p.clone() });
    assert_eq!(t.clusters[1].nodes, 30);
}

/// A field a cluster sets is that cluster's alone: seven replicas of 3,000 seats and the watch
/// cache hold where the fleet-wide settings fall.
#[test]
fn a_cluster_field_overrides_the_fleet_wide_value() {
    let mut p = Params::default();
    let mut f = fleet_of(&[("a", 6_000, 0), ("b", 6_000, 0)]);
    f.clusters[1].streaming_lists = Some(true);
    p.set_fleet(Some(f));
    // Streamed, b's LISTs hold a chunk each: the agent meets APF's 429s (saturated), no fall.
    assert_eq!(verdicts(&p), [("a".to_string(), "fell"), ("b".to_string(), "saturated")]);
}

/// The agent as calls: node-scoped pod LISTs from the watch cache (indexed by node) are cheap;
/// the same calls from etcd read every pod and are the December agent's cost again.
#[test]
fn the_agent_described_as_calls_decides_the_load() {
    use cascade_lab::sim::agent::{Call, Resource, Scope, Source};
    let mut p = Params::default();
    p.set_fleet(Some(fleet_of(&[("big", 6_000, 0)])));
    let node_scoped = |source| AgentSpec { replicas: None, calls: vec![Call { source, count: 6, ..Call::new(Resource::Pods, Scope::Node) }] };
    p.agent = Some(node_scoped(Source::WatchCache));
    assert_eq!(verdicts(&p)[0].1, "ok");
    p.agent = Some(node_scoped(Source::Etcd));
    assert_eq!(verdicts(&p)[0].1, "fell", "a field selector saves nothing when etcd answers");
    let r = &cascade_lab::sim::fleet::resolve(&p)[0];
    let lines = cascade_lab::sim::model::derive(&p, r, None);
    assert!(lines[0].starts_with("6 × LIST pods on its own node, from etcd:"), "{lines:?}");
    assert!(lines.iter().any(|l| l.contains("6,000 agents' calls ask")), "{lines:?}");
}

/// A plan's canary wave with a gate on 429s halts the rollout before the big clusters get the
/// agent; without the gate they fall. A gate's delay waits that long after the signal.
#[test]
fn a_plan_with_a_canary_and_a_gate_saves_the_big_clusters() {
    let mut p = Params::default();
    p.set_fleet(Some(fleet_of(&[("huge", 6_000, 1), ("large", 5_000, 1), ("canary", 2_500, 0), ("small", 200, 0)])));
    let plan = |signal, delay_min| Plan {
        waves: vec![
            Wave { clusters: vec!["canary".into(), "small".into()], soak_min: 30.0 },
            Wave { clusters: vec!["huge".into(), "large".into()], soak_min: 0.0 },
        ],
        gate: Gate { signal, threshold_pct: 1.0, delay_min },
    };
    p.plan = Some(plan(GateSignal::Rejections, 0.0));
    let v = verdicts(&p);
    assert_eq!(v.iter().map(|x| x.1).collect::<Vec<_>>(), ["ok", "ok", "fell", "ok"], "{v:?}");
    let t = simulate(&p);
    assert!(t.clusters[0].landed_min.is_none() && t.clusters[2].landed_min.is_some());
    let halted = t.events.iter().find(|e| e.kind == cascade_lab::sim::EventKind::RolloutHalted).expect("the gate halts");
    let first_429 = t.clusters[2].saturated_min.unwrap();
    p.plan = Some(plan(GateSignal::Rejections, 5.0));
    let late = simulate(&p).events.into_iter().find(|e| e.kind == cascade_lab::sim::EventKind::RolloutHalted).expect("still halts");
    assert!(late.t_min >= halted.t_min + 5.0 - 1e-9 && halted.t_min >= first_429, "{} vs {}", late.t_min, halted.t_min);
    p.plan = Some(plan(GateSignal::None, 0.0));
    assert_eq!(verdicts(&p).iter().map(|x| x.1).collect::<Vec<_>>(), ["fell", "fell", "fell", "ok"]);
}

/// Numbers the fleet's texts write: three significant figures without the shortest-float
/// formatter, and exact round trips for the compact text (hex bits where six decimals are not).
#[test]
fn numbers_in_fleet_texts() {
    use cascade_lab::text::{exact_number, read_exact_number, sig3};
    assert_eq!([sig3(0.1), sig3(6.0), sig3(18.75), sig3(2344.4), sig3(0.000123), sig3(f64::NAN)], ["0.1", "6", "18.8", "2,344", "0.000123", "NaN"]);
    assert_eq!(sig3(0.09999999999999999), "0.1");
    for x in [0.0, 0.5, 0.07, -0.1, 21.0 / 29.0, 1e-9, 600.0, 0.1 + 0.2] {
        let t = exact_number(x);
        assert_eq!(read_exact_number(&t), Some(x), "{x} → {t}");
    }
    assert_eq!(exact_number(0.07), "0.07");
    assert!(exact_number(21.0 / 29.0).starts_with('h'));
    assert_eq!(read_exact_number("h7ff0000000000000"), None, "infinity is not a number a fleet holds");
}

/// T is when the plan reaches the largest production cluster, whatever the fleet and plan:
/// its landing is T+0 and "the agent lands" names it; the run starts before the first wave.
#[test]
fn t_is_the_largest_clusters_landing() {
    let mut p = Params::default();
    p.set_fleet(Some(fleet_of(&[("first", 400, 0), ("biggest", 3_000, 1), ("last", 900, 2)])));
    for plan in [
        None,
        Some(Plan {
            waves: vec![Wave { clusters: vec!["first".into()], soak_min: 90.0 }, Wave { clusters: vec!["biggest".into(), "last".into()], soak_min: 0.0 }],
            gate: Gate::default(),
        }),
    ] {
        p.plan = plan;
        let t = simulate(&p);
        assert_eq!(t.clusters[1].landed_min, Some(0.0), "{:?}", p.plan);
        let lands = t.first(cascade_lab::sim::EventKind::AgentLands).expect("the agent lands");
        assert_eq!((lands.t_min, lands.cluster), (0.0, Some(1)));
        assert!(t.t0_min < t.clusters[0].landed_min.unwrap(), "the run starts before the first wave");
        assert!(cascade_lab::views::headline::t_note(&t).contains("when the agent reached biggest, the largest cluster"));
    }
    assert_eq!(simulate(&p).clusters[0].landed_min, Some(-90.0));
}

/// Any character where a field's tag goes is refused in one line, never a panic.
#[test]
fn a_multibyte_tag_is_refused_not_a_panic() {
    assert_eq!(compact::agent_from_text("1~pods:cluster:etcd:é5").unwrap_err().kind, FleetErrorKind::Unknown);
    assert_eq!(compact::fleet_from_text("1~a,100,é5").unwrap_err().kind, FleetErrorKind::Unknown);
    assert!(compact::plan_from_text("1~w:é:0", &["a".to_string()]).is_err());
}

/// The browser benchmark's 60-cluster link (tests/bench/fleet60.txt) is `Fleet::synthetic(60)`,
/// the fleet `cargo bench` and `cascade bench` time, and it opens without a notice.
#[test]
fn the_browser_benchmark_runs_the_same_sixty_clusters() {
    let text = std::fs::read_to_string("tests/bench/fleet60.txt").expect("tests/bench/fleet60.txt");
    let (link, notes) = cascade_lab::formats::link::LinkState::decode(text.trim());
    assert!(notes.is_empty(), "{notes:?}");
    assert_eq!(link.params, cascade_lab::analysis::check::sixty_cluster_params(), "regenerate: fleet={}", compact::fleet_to_text(&Fleet::synthetic(60)));
}

/// A link sweeping a cluster the run does not have says so and uses the default axes; one of
/// the run's own clusters opens without a notice.
#[test]
fn a_sweep_axis_must_name_one_of_the_runs_clusters() {
    use cascade_lab::formats::link::LinkState;
    let (link, notes) = LinkState::decode("sx=cluster.nosuch.nodes=100..5000:10&view=sweep");
    assert!(link.view.sweep.x.is_none());
    assert!(notes.iter().any(|n| n.kind == cascade_lab::formats::link::NoticeKind::Sweep && n.text.contains("cluster.nosuch")), "{notes:?}");
    let (link, notes) = LinkState::decode("sx=cluster.large-b.nodes=100..5000:10&view=sweep");
    assert!(notes.is_empty() && link.view.sweep.x.is_some(), "{notes:?}");
}

/// Engineers reach a cluster that fell from its own load before the agent got there: access is
/// told, but no "agent deleted" for an agent it never had; fix attempts start at the root
/// cause, before T when a canary falls early.
#[test]
fn no_agent_is_deleted_where_it_never_landed_and_attempts_start_at_the_root_cause() {
    let mut p = Params::default();
    p.set_fleet(Some(fleet_of(&[("canary", 3_000, 0), ("huge", 60_000, 1), ("big", 5_000, 1)])));
    p.plan = Some(Plan {
        waves: vec![Wave { clusters: vec!["canary".into()], soak_min: 120.0 }, Wave { clusters: vec!["huge".into(), "big".into()], soak_min: 0.0 }],
        gate: Gate { signal: GateSignal::Either, threshold_pct: 1.0, delay_min: 0.0 },
    });
    let t = simulate(&p);
    use cascade_lab::sim::EventKind;
    let deleted: Vec<usize> = t.events.iter().filter(|e| e.kind == EventKind::AgentDeleted).filter_map(|e| e.cluster).collect();
    for i in &deleted {
        assert!(t.clusters[*i].landed_min.is_some(), "agent deleted on {}, which never had it", t.clusters[*i].name);
    }
    let rc = t.first(EventKind::RootCauseKnown).expect("the canary falls and is diagnosed").t_min;
    assert!(rc < -60.0, "the canary falls about two hours before T: {rc}");
    let access = t.first(EventKind::AccessRegained).map(|e| e.t_min);
    assert!(access.is_some_and(|a| a < 0.0), "engineers reach the canary before T, not at T: {access:?}");
}

/// One table declares every per-cluster setting (`fleet::CLUSTER_FIELDS`): each one set alone
/// travels through the compact text, the editor's table, the fleet file and resolution, and the
/// trace carries it for that cluster only.
#[test]
fn every_cluster_field_travels_from_one_declaration() {
    use cascade_lab::formats::fleet_file;
    use cascade_lab::sim::fleet::{resolve, FieldKind, CLUSTER_FIELDS};
    use cascade_lab::tools::fleet_draft::{col, Draft};
    let mut tags = Vec::new();
    for f in CLUSTER_FIELDS {
        assert!(!tags.contains(&f.tag), "tag '{}' is used twice", f.tag);
        tags.push(f.tag);
        let spec = f.key.spec();
        // A value that is not the fleet-wide default, inside the range.
        let v = match f.kind {
            FieldKind::Flag => 1.0 - spec.default,
            FieldKind::Whole => {
                if spec.default < spec.max {
                    spec.max
                } else {
                    spec.min
                }
            }
        };
        let mut c = ClusterDesc::new("b", 3_000);
        c.set_field(f.key, Some(v));
        assert_eq!(c.field(f.key), Some(v), "{}", f.name());
        let fleet = Fleet { clusters: vec![ClusterDesc::new("a", 3_000), c] };
        // Compact text: the field's own tag, read back into the same fleet.
        let text = compact::fleet_to_text(&fleet);
        assert!(text.contains(&format!(",{}{}", f.tag, v as u64)), "{}: {text}", f.name());
        assert_eq!(compact::fleet_from_text(&text).unwrap(), fleet, "{}", f.name());
        // The editor: the column named by the field holds it, and the row reads back.
        let draft = Draft::of(&fleet);
        let i = col(f.name()).unwrap_or_else(|| panic!("no editor column for {}", f.name()));
        assert!(!draft.rows[1].cells[i].is_empty() && draft.rows[0].cells[i].is_empty(), "{}", f.name());
        assert_eq!(draft.fleet().unwrap(), fleet, "{}", f.name());
        // The fleet file: the parameter's key.
        let mut p = Params::default();
        p.set_fleet(Some(fleet.clone()));
        let toml = fleet_file::to_toml(&p);
        assert!(toml.lines().any(|l| l.starts_with(&format!("{} = ", f.name()))), "{}: {toml}", f.name());
        // Resolution and the trace: only cluster b runs with it.
        let r = resolve(&p);
        assert_eq!((r[0].value(f.key), r[1].value(f.key)), (spec.default, v), "{}", f.name());
        let t = simulate(&p);
        assert_eq!(t.clusters[1].settings, r[1], "{}", f.name());
        assert_eq!(t.clusters[0].settings.value(f.key), spec.default, "{}", f.name());
    }
}

/// A tag the table does not declare is refused with the tags it knows; none falls through
/// into another field.
#[test]
fn an_unknown_tag_names_the_known_ones() {
    let e = compact::fleet_from_text("1~a,100,q5").unwrap_err().to_string();
    assert_eq!(e, "cluster 1: 'q5' is not a field (p a s m u l r c t x w f g)");
    let e = compact::fleet_from_text("1~a,100,t99999").unwrap_err().to_string();
    assert!(e.contains("ttl = 99999 is out of range"), "{e}");
}

/// Views name a cluster's own settings: the diagram counts its own replicas and its own TTL,
/// and `check`'s assumptions say which clusters set their own memory.
#[test]
fn views_read_the_clusters_own_settings() {
    use cascade_lab::sim::model::assumptions;
    use cascade_lab::views::diagram::{DiagramState, PartId};
    let mut f = fleet_of(&[("big", 7_500, 0), ("small", 300, 0)]);
    f.clusters[0].apiservers = Some(5);
    f.clusters[0].ttl = Some(0);
    f.clusters[0].apiserver_mem_gb = Some(128);
    let mut p = Params::default();
    p.set_fleet(Some(f));
    let t = simulate(&p);
    let d = DiagramState::at(&t, &p, 0.0, 0);
    let api = d.part(PartId::ApiServers).unwrap();
    assert!(api.status.starts_with("5 of 5 up"), "{}", api.status);
    let caches = d.part(PartId::Caches).unwrap();
    assert!(caches.status.starts_with("no cache"), "a TTL-0 cluster caches nothing: {}", caches.status);
    let mem = assumptions(&p).into_iter().find(|a| a.key == Some("apiserver_mem_gb")).unwrap();
    assert_eq!(mem.value, "64 GB per replica; big 128 GB (their own)");
}

/// Bad input in the new fields gets one line naming the field: a Deployment (replicas) cannot
/// make a DaemonSet's node-scoped call, an interval is 10 s to a day, an unknown trigger names
/// the actions there are.
#[test]
fn new_fields_refuse_bad_input_naming_the_field() {
    use cascade_lab::sim::agent::{Call, Resource, Scope};
    let a = AgentSpec { replicas: Some(3), calls: vec![Call::new(Resource::Pods, Scope::Node)] };
    let e = a.validate().unwrap_err().text;
    assert!(e.starts_with("agent call 1: scope = node") && e.contains("replicas = 3") && !e.contains('\n'), "{e}");
    let a = AgentSpec { replicas: None, calls: vec![Call { every_s: Some(5), ..Call::new(Resource::Pods, Scope::Cluster) }] };
    let e = a.validate().unwrap_err().text;
    assert!(e.contains("every_s") && !e.contains('\n'), "{e}");
    let mut p = Params::default();
    let e = p.set_text("iv", "10:reboot").unwrap_err().to_string();
    assert!(e.starts_with("iv:") && e.contains("rolling_restart") && e.contains("agent_x2"), "{e}");
}
