//! The app's CSV files (`formats::csvw`): a header row then data rows only, the figure's window
//! respected, and a CSV-on-the-Web metadata companion carrying the link and each column's unit.

use cascade_lab::analysis::sweep::{Axis, Metric, Sweep, METRICS};
use cascade_lab::formats::csvw::{metadata_name, sweep_csv, sweep_metadata, trace_columns, trace_columns_markdown, trace_csv, trace_metadata};
use cascade_lab::sim::{simulate, Params};

const LINK: &str = "https://docs.example/cascade/?v=1&preset=december-2024&from=-5&to=30&t=20";

fn fields(line: &str) -> Vec<&str> {
    line.split(',').collect()
}

#[test]
fn a_windowed_csv_holds_the_header_then_only_the_rows_inside_the_window() {
    let p = Params::default();
    let t = simulate(&p);
    let csv = trace_csv(&t, None, Some((-5.0, 30.0)));
    let lines: Vec<&str> = csv.lines().collect();
    assert!(lines[0].starts_with("t_min,api_demand_cores,"), "the header first, no comment line");
    let times: Vec<f64> = lines[1..].iter().map(|l| fields(l)[0].parse().unwrap()).collect();
    assert!(times.iter().all(|&m| (-5.0..=30.0).contains(&m)), "{:?} … {:?}", times.first(), times.last());
    assert_eq!((times[0], *times.last().unwrap()), (-5.0, 30.0), "both ends are in");
    // Every sample inside the window, at the 10-s step.
    assert_eq!(times.len(), 35 * 6 + 1);
    assert!(lines.iter().all(|l| fields(l).len() == fields(lines[0]).len()));
    // Reversed ends are the same window; no window is the whole run.
    assert_eq!(trace_csv(&t, None, Some((30.0, -5.0))), csv);
    assert_eq!(trace_csv(&t, None, None).lines().count(), 1 + t.len);
    // The CLI's CSV (`cascade run --format csv`) is this one without a window.
    assert!(trace_csv(&t, None, None).starts_with("t_min,"), "the header first");
    // A window outside the run leaves the header alone.
    assert_eq!(trace_csv(&t, None, Some((10_000.0, 10_001.0))).lines().count(), 1);
    // Compare mode: a leading run column, each run's rows inside the window.
    let c = simulate(&Params::preset("break-glass").unwrap());
    let both = trace_csv(&t, Some(&c), Some((-5.0, 30.0)));
    let lines: Vec<&str> = both.lines().collect();
    assert!(lines[0].starts_with("run,t_min,"));
    assert_eq!(lines.len(), 1 + 2 * times.len());
    assert!(lines[1].starts_with("main,-5.00,") && lines.last().unwrap().starts_with("compared,30.00,"));
}

#[test]
fn the_csvw_metadata_carries_the_link_and_every_column_with_its_unit() {
    let p = Params::default();
    let t = simulate(&p);
    let name = "cascade-lab-december-2024-seed20241211-abc123.csv";
    assert_eq!(metadata_name(name), "cascade-lab-december-2024-seed20241211-abc123.csv-metadata.json");
    for compare in [false, true] {
        let header = if compare { trace_csv(&t, Some(&t), None) } else { trace_csv(&t, None, None) };
        let header = header.lines().next().unwrap().to_string();
        let m: serde_json::Value = serde_json::from_str(&trace_metadata(&t, &p, compare, Some((-5.0, 30.0)), name, LINK)).unwrap();
        assert_eq!(m["@context"], "http://www.w3.org/ns/csvw");
        assert_eq!(m["url"], name);
        assert_eq!(m["dc:source"], LINK);
        let title = m["dc:title"].as_str().unwrap();
        assert!(title.contains("Cascade Lab — trace") && title.contains("T−5 min") && title.contains("T+30 min"), "{title}");
        let cols = m["tableSchema"]["columns"].as_array().unwrap();
        // The titles are the header's cells, in order (a CSVW validator checks exactly this).
        let titles: Vec<&str> = cols.iter().map(|c| c["titles"].as_str().unwrap()).collect();
        assert_eq!(titles, fields(&header));
        for c in cols {
            let n = c["name"].as_str().unwrap();
            assert!(!n.is_empty() && n.chars().all(|ch| ch.is_ascii_alphanumeric() || ch == '_'), "{n}");
            assert!(["number", "string"].contains(&c["datatype"].as_str().unwrap()));
            let d = c["dc:description"].as_str().unwrap();
            assert!(d.starts_with("Unit: ") && d.len() > 12, "{d}");
        }
        let col = |t: &str| cols.iter().find(|c| c["titles"] == t).unwrap().clone();
        assert!(col("t_min")["dc:description"].as_str().unwrap().contains("minutes after T"));
        assert!(col("api_demand_cores")["dc:description"].as_str().unwrap().starts_with("Unit: CPU cores"));
        assert!(col("user_error")["dc:description"].as_str().unwrap().starts_with("Unit: share (0–1)"));
        assert_eq!(col("large-a_state")["datatype"], "string");
        assert_eq!(col("large-a_load")["name"], "large_a_load");
        assert_eq!(cols.len(), trace_columns(&t, compare).len());
    }
}

/// CSVW requires unique column names: clusters whose names differ only in punctuation (each
/// `a_b_…` as a name) get `_2`, `_3` in column order, the same every time.
#[test]
fn column_names_are_unique_when_cluster_names_differ_only_in_punctuation() {
    use cascade_lab::sim::fleet::{ClusterDesc, Fleet};
    let mut p = Params::default();
    p.set_fleet(Some(Fleet { clusters: ["a-b", "a_b", "a.b"].iter().map(|n| ClusterDesc::new(n, 3000)).collect() }));
    let t = simulate(&p);
    for compare in [false, true] {
        let m: serde_json::Value = serde_json::from_str(&trace_metadata(&t, &p, compare, None, "x.csv", LINK)).unwrap();
        let cols = m["tableSchema"]["columns"].as_array().unwrap();
        let names: Vec<&str> = cols.iter().map(|c| c["name"].as_str().unwrap()).collect();
        let mut sorted = names.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted.len(), names.len(), "unique: {names:?}");
        let name = |title: &str| cols.iter().find(|c| c["titles"] == title).unwrap()["name"].as_str().unwrap().to_string();
        assert_eq!([name("a-b_load"), name("a_b_load"), name("a.b_load")], ["a_b_load", "a_b_load_2", "a_b_load_3"]);
        assert_eq!([name("a-b_state"), name("a_b_state"), name("a.b_state")], ["a_b_state", "a_b_state_2", "a_b_state_3"]);
        assert_eq!(trace_columns(&t, compare).iter().map(|c| c.name.as_str()).collect::<Vec<_>>(), names, "the columns and their metadata agree");
    }
}

#[test]
fn the_sweep_csv_has_a_row_per_cell_and_units_in_its_header() {
    let mut s = Sweep::new(
        Axis::parse("agents=1000..7500:3").unwrap(),
        Axis::parse("ttl=30..1200:2").unwrap(),
        Metric::find("first_customer_errors_min").unwrap(),
        Params::default(),
    )
    .unwrap();
    s.step(100);
    let csv = sweep_csv(&s);
    let lines: Vec<&str> = csv.lines().collect();
    let head = fields(lines[0]);
    assert_eq!(&head[..4], &["agents (nodes)", "ttl (s)", "first_customer_errors_min (min after T)", "impact_min (min)"]);
    assert_eq!(head.len(), 2 + METRICS.len());
    assert!(head.contains(&"peak_error_rate (share 0-1)") && head.contains(&"control_plane_fell (1 fell / 0 held)"));
    assert_eq!(lines.len(), 1 + 3 * 2);
    for (k, l) in lines[1..].iter().enumerate() {
        let f = fields(l);
        let (i, j) = (k % 3, k / 3);
        assert_eq!((f[0].parse::<f64>().unwrap(), f[1].parse::<f64>().unwrap()), (s.xs[i], s.ys[j]));
        assert_eq!(f[2].parse::<f64>().ok(), s.value(i, j), "{l}");
        assert_eq!(f.len(), head.len());
    }
    let m: serde_json::Value = serde_json::from_str(&sweep_metadata(&s, "x.csv", LINK)).unwrap();
    let cols = m["tableSchema"]["columns"].as_array().unwrap();
    assert_eq!(cols.iter().map(|c| c["titles"].as_str().unwrap()).collect::<Vec<_>>(), head);
    assert_eq!((cols[0]["name"].as_str(), cols[2]["name"].as_str()), (Some("agents"), Some("first_customer_errors_min")));
    assert_eq!(m["dc:source"], LINK);
    assert!(m["dc:title"].as_str().unwrap().contains("Agent count × DNS TTL"), "{}", m["dc:title"]);
}

/// docs/exports.md's table of the trace CSV's columns is `trace_columns_markdown()`, between its
/// markers.
#[test]
fn docs_document_every_csv_column_s_unit() {
    let doc = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/exports.md")).unwrap();
    let (begin, end) = ("<!-- csv-columns:begin (formats::csvw::trace_columns_markdown) -->\n", "<!-- csv-columns:end -->");
    let a = doc.find(begin).expect("docs/exports.md has the CSV columns table's begin marker") + begin.len();
    let b = doc[a..].find(end).expect("docs/exports.md has the end marker") + a;
    assert_eq!(&doc[a..b], trace_columns_markdown(), "docs/exports.md's CSV columns table is stale: paste trace_columns_markdown() between the markers");
}

/// Issue 29: compare mode with a pinned run of another fleet writes rows that match the header
/// — every row the header's cells, the compared run's values under its own clusters' names and
/// empty cells for clusters it lacks.
#[test]
fn a_compared_run_of_another_fleet_writes_rows_that_match_the_header() {
    use cascade_lab::formats::csvw::trace_csv;
    use cascade_lab::sim::fleet::{ClusterDesc, Fleet};
    let main = cascade_lab::sim::simulate(&cascade_lab::sim::Params::default());
    let mut p = cascade_lab::sim::Params::default();
    p.set_fleet(Some(Fleet { clusters: vec![ClusterDesc::new("large-a", 7500), ClusterDesc::new("other", 900)] }));
    let pinned = cascade_lab::sim::simulate(&p);
    let csv = trace_csv(&main, Some(&pinned), None);
    let mut lines = csv.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let la = header.iter().position(|h| *h == "large-a_load").unwrap();
    let lb = header.iter().position(|h| *h == "large-b_load").unwrap();
    assert!(!header.contains(&"other_load"), "the header is the main run's");
    let mut compared = 0;
    for l in lines {
        let cells: Vec<&str> = l.split(',').collect();
        assert_eq!(cells.len(), header.len(), "{l}");
        if cells[0] == "compared" {
            compared += 1;
            assert!(!cells[la].is_empty() && cells[lb].is_empty(), "large-a from the pinned run, large-b empty: {l}");
        }
    }
    assert_eq!(compared, pinned.len);
}
