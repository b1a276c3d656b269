//! The fleet editor's drafts (`tools::fleet_draft`): the table as typed, a pasted CSV, the
//! agent's calls and the plan's waves — read into a fleet, agent and plan, or one line naming
//! the cell that is wrong.

use cascade_lab::sim::agent::{AgentSpec, Resource, Scope, Source};
use cascade_lab::sim::fleet::FleetErrorKind;
use cascade_lab::sim::fleet::{names, Fleet};
use cascade_lab::sim::plan::GateSignal;
use cascade_lab::sim::{simulate, Params};
use cascade_lab::tools::fleet_draft::{agent_of, agent_rows, col, Draft, PlanDraft};

#[test]
fn december_s_fleet_as_a_table_reads_back_and_runs_bit_identically() {
    let p = Params::default();
    let d = Draft::of_run(&p);
    assert_eq!(d.rows.len(), 13);
    assert_eq!(d.rows[1].cells[0], "large-a");
    // Fleet-wide fields are blank (the editor shows the run's value as their placeholder).
    // Every per-cluster setting is left to the fleet-wide value (wave and staging are not such).
    let settings = col("pods").unwrap()..col("wave").unwrap();
    assert!(d.rows[1].cells[settings].iter().all(String::is_empty), "{:?}", d.rows[1]);
    let f = d.fleet().unwrap();
    assert_eq!(f, Fleet::december(&p));
    let mut q = p.clone();
    q.set_fleet(Some(f));
    assert_eq!(simulate(&q).checksum(), simulate(&p).checksum(), "the table keeps every cluster's landing (at)");
}

#[test]
fn a_bad_cell_is_named_and_the_table_keeps_what_was_typed() {
    let mut d = Draft::of_run(&Params::default());
    // Cells by their column's name, as the editor reads them.
    let c = |key: &str| col(key).unwrap();
    d.rows[2].cells[1] = "5k".into();
    let before = d.clone();
    assert_fleet_error(d.fleet().unwrap_err(), FleetErrorKind::Unreadable, "cluster 3 ('large-b')");
    assert_eq!(d, before);
    d.rows[2].cells[1] = "5,000".into();
    d.rows[4].cells[c("watch_cache")] = "maybe".into();
    assert_fleet_error(d.fleet().unwrap_err(), FleetErrorKind::Unreadable, "cluster 5 ('medium-a')");
    d.rows[4].cells[c("watch_cache")] = "yes".into();
    d.rows[5].cells[c("apiservers")] = "0".into();
    assert_fleet_error(d.fleet().unwrap_err(), FleetErrorKind::OutOfRange, "cluster 6 ('medium-b')");
    d.rows[5].cells[c("apiservers")].clear();
    d.rows[6].cells[1].clear();
    assert_fleet_error(d.fleet().unwrap_err(), FleetErrorKind::Missing, "cluster 7 ('medium-c')");
    d.rows[6].cells[1] = "1200".into();
    d.rows[7].cells[0] = "large-a".into();
    assert_fleet_error(d.fleet().unwrap_err(), FleetErrorKind::Duplicate, "cluster 8 ('large-a')");
    d.rows[7].cells[0] = "medium-d".into();
    let f = d.fleet().unwrap();
    assert_eq!((f.clusters[2].nodes, f.clusters[4].watch_cache), (5_000, Some(true)));
    assert_fleet_error(Draft::default().fleet().unwrap_err(), FleetErrorKind::Empty, "fleet");
}

#[test]
fn add_gives_a_fresh_name_and_the_last_row_s_size() {
    let mut d = Draft::default();
    d.add();
    d.add();
    let f = d.fleet().unwrap();
    assert_eq!(f.clusters.iter().map(|c| (c.name.as_str(), c.nodes)).collect::<Vec<_>>(), [("cluster-1", 1000), ("cluster-2", 1000)]);
}

#[test]
fn csv_and_tab_separated_pastes_read_by_their_header() {
    let csv = "Name,nodes,apiservers,watch_cache,wave,staging,at\n\"stg\",50,,,0,yes,\nprod-a,6000,5,yes,2,,0.724\n\n  prod-b , 2500 , , no , 1 , , \n";
    let d = Draft::paste(csv).unwrap();
    let f = d.fleet().unwrap();
    assert_eq!(f.clusters.len(), 3);
    assert!(f.clusters[0].staging && f.clusters[0].nodes == 50);
    assert_eq!((f.clusters[1].apiservers, f.clusters[1].watch_cache, f.clusters[1].wave, f.clusters[1].at), (Some(5), Some(true), 2, Some(0.724)));
    assert_eq!((f.clusters[2].name.as_str(), f.clusters[2].watch_cache, f.clusters[2].apiservers), ("prod-b", Some(false), None));
    let tsv = "nodes\tname\tttl\n300\tedge\t30\n";
    let f = Draft::paste(tsv).unwrap().fleet().unwrap();
    assert_eq!((f.clusters[0].name.as_str(), f.clusters[0].nodes, f.clusters[0].ttl), ("edge", 300, Some(30)));
    for (bad, why) in [
        ("", "CSV: empty (the first line names the columns, e.g. name,nodes,apiservers)"),
        (
            "name,nodes,color\na,1,red",
            "CSV: column 'color' is not one of name, nodes, pods, apiservers, seats, apiserver_mem_gb, cores, list_seats, streaming_lists, watch_cache, ttl, dns_serve_stale, wave, staging, at",
        ),
        ("name,apiservers\na,3", "CSV: no 'nodes' column (name and nodes are needed)"),
        ("name,nodes,nodes\na,1,2", "CSV: column 'nodes' appears twice"),
        ("name,nodes\na,1\nb", "CSV line 3: 1 cells, but the header names 2 columns"),
    ] {
        let e = Draft::paste(bad).unwrap_err();
        assert_eq!(e.kind, match why {
            w if w.contains("is not one of") => FleetErrorKind::Unknown,
            w if w.contains("appears twice") => FleetErrorKind::Duplicate,
            w if w.contains("cells, but") => FleetErrorKind::Format,
            _ => FleetErrorKind::Missing,
        }, "{bad:?}: {e}");
        assert_eq!(e.text, why, "{bad:?}: the words a user reads");
    }
    let many = format!("name,nodes\n{}", (0..61).map(|i| format!("c{i},5\n")).collect::<String>());
    assert_fleet_error(Draft::paste(&many).unwrap_err(), FleetErrorKind::TooMany, "CSV");
}

#[test]
fn the_agent_s_calls_read_back_or_name_the_field() {
    let mut rows = agent_rows(None);
    assert_eq!(agent_of(&rows, None).unwrap(), AgentSpec::december(), "the cost knob written as calls");
    rows[0].resource = Resource::Nodes;
    rows[0].scope = Scope::Node;
    rows[0].source = Source::WatchCache;
    rows[0].count = "2".into();
    let a = agent_of(&rows, None).unwrap();
    assert_eq!(agent_rows(Some(&a)), rows);
    rows[0].count = "two".into();
    assert_fleet_error(agent_of(&rows, None).unwrap_err(), FleetErrorKind::Unreadable, "agent call 1 (nodes)");
    rows[0].count = "0".into();
    assert_fleet_error(agent_of(&rows, None).unwrap_err(), FleetErrorKind::OutOfRange, "agent call 1 (nodes)");
    rows[0].count = "1".into();
    rows[0].resource = Resource::Other;
    assert_fleet_error(agent_of(&rows, None).unwrap_err(), FleetErrorKind::Missing, "agent call 1 (other)");
}

#[test]
fn a_plan_s_waves_read_in_fleet_order_and_name_what_is_wrong() {
    let p = Params::default();
    let n = names(&p);
    let clusters = cascade_lab::sim::fleet::resolve(&p);
    let phased = cascade_lab::sim::model::schedule::phased_plan(&p, &clusters);
    let mut d = PlanDraft::of(&phased);
    assert_eq!(d.plan(&n).unwrap(), phased);
    // Typed out of order and case, it reads in the fleet's order and spelling.
    d.waves[3].0 = "LARGE-C large-a,large-b".into();
    assert_eq!(d.plan(&n).unwrap(), phased);
    d.waves[3].0 = "large-a, large-b".into();
    assert_fleet_error(d.plan(&n).unwrap_err(), FleetErrorKind::Conflict, "plan");
    d.waves[3].0 = "large-a, large-b, large-c, large-z".into();
    assert_fleet_error(d.plan(&n).unwrap_err(), FleetErrorKind::NotInFleet, "plan wave 4");
    d.waves[3].0 = "large-a, large-b, large-c".into();
    d.waves[1].1 = "soon".into();
    assert_fleet_error(d.plan(&n).unwrap_err(), FleetErrorKind::Unreadable, "plan wave 2");
    d.waves[1].1 = "5".into();
    d.signal = GateSignal::Rejections;
    d.threshold = "150".into();
    assert_fleet_error(d.plan(&n).unwrap_err(), FleetErrorKind::OutOfRange, "plan gate");
}

/// Issue 29 (a paste reader that split before it unquoted): a quoted cell holding the
/// separator is one cell — a spreadsheet's "1,200" is 1,200 nodes, not 1 and 200 — and `""`
/// inside quotes is a quote.
#[test]
fn a_pasted_csv_reads_quoted_cells_and_grouped_numbers() {
    let csv = "name,nodes,apiservers\n\"web-east\",\"1,200\",3\nbig,\"12,000\",\"5\"\nplain,800,3\n";
    let f = Draft::paste(csv).unwrap().fleet().unwrap();
    let got: Vec<(String, u32)> = f.clusters.iter().map(|c| (c.name.clone(), c.nodes)).collect();
    assert_eq!(got, vec![("web-east".to_string(), 1200), ("big".to_string(), 12000), ("plain".to_string(), 800)]);
    assert_eq!(f.clusters[1].apiservers, Some(5));
    // `""` inside quotes is one quote, and a separator inside quotes stays in its cell.
    let quoted = Draft::paste("name,nodes\n\"say \"\"hi\"\", there\",100\n").unwrap().fleet().unwrap_err().text;
    assert!(quoted.contains("'say \"hi\", there'"), "{quoted}");
}

/// A refused draft names its kind and, first, where (the cluster, call, wave or the CSV).
fn assert_fleet_error(e: cascade_lab::sim::fleet::FleetError, kind: FleetErrorKind, at: &str) {
    assert_eq!(e.kind, kind, "{e}");
    assert!(e.text.starts_with(at) && !e.text.contains('\n'), "{e}");
}

/// Every field a cluster can have (a fleet file's keys: a `ClusterDesc` with every field set,
/// written out) is a column of the table or is one of `NOT_COLUMNS`, which the line above the
/// table names, with why; docs/fleets.md names every field and the limits on names and waves.
#[test]
fn every_cluster_field_is_a_column_or_said_to_be_left_out() {
    use cascade_lab::sim::fleet::{ClusterDesc, CLUSTER_FIELDS, MAX_NAME, MAX_WAVE};
    use cascade_lab::tools::fleet_draft::{columns, table_hint, NOT_COLUMNS};
    let mut c = ClusterDesc::new("a", 100);
    for f in CLUSTER_FIELDS {
        c.set_raw(f.key, 1.0);
    }
    (c.wave, c.staging, c.at) = (1, true, Some(0.5));
    let keys: Vec<String> = match toml::Value::try_from(&c).unwrap() {
        toml::Value::Table(t) => t.keys().cloned().collect(),
        v => panic!("{v:?}"),
    };
    let cols: Vec<&str> = columns().iter().map(|c| c.key()).collect();
    let hint = table_hint();
    for k in &keys {
        let left_out = NOT_COLUMNS.iter().any(|(n, _)| n == k);
        assert!(cols.contains(&k.as_str()) != left_out, "{k}: a column, or left out and said");
        if left_out {
            assert!(hint.contains(&format!("but {k} (")), "{hint}");
        }
    }
    assert!(!hint.starts_with("Every cluster field is a column"), "{hint}");
    let docs = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/fleets.md")).unwrap();
    for k in &keys {
        assert!(docs.contains(&format!("`{k}`")), "docs/fleets.md names `{k}`");
    }
    assert!(docs.contains(&format!("1 to {MAX_NAME} letters")), "the name rule");
    assert!(docs.contains(&format!("0 to {MAX_WAVE}")), "a cluster's wave");
    assert!(docs.contains(&format!("1 to {} waves", cascade_lab::sim::plan::MAX_WAVES)), "a plan's waves");
}
