//! The app's CSV files and their metadata, after the W3C "CSV on the Web" convention: the CSV
//! holds only a header row and data rows (so a spreadsheet reads no comment as data), and a
//! companion `<name>.csv-metadata.json` carries what is not data — the title, the share link
//! that reproduces the run (`dc:source`) and every column's name, title, datatype and unit.
//! Two tables: the trace (inside the figure's window, if it has one) and the sweep's grid.
//! Every CSV the app and the CLI write goes through `write` (the `csv` crate: quoting and
//! line ends), text cells through `text::formula_safe`. Pure; `tests/native/csv_export.rs`.

use crate::analysis::sweep::{Axis, Metric, Sweep, METRICS};
use crate::sim::params::spec;
use crate::sim::trace::{ClusterSeries, FleetSeries};
use crate::sim::Trace;
use crate::text::{formula_safe, t_plus};
use serde::Serialize;

/// One column of a CSV file, as its metadata describes it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CsvColumn {
    /// An identifier (letters, digits, `_`): the header with anything else turned into `_`, then
    /// made unique (`unique_names`).
    pub name: String,
    /// The header cell exactly as the CSV writes it.
    pub titles: String,
    /// `number` or `string`.
    pub datatype: &'static str,
    /// "Unit: …. What it is."
    #[serde(rename = "dc:description")]
    pub description: String,
}

crate::named_enum! {
    /// A column's CSVW datatype.
    Datatype {
        Number = "number",
        Text = "string",
    }
}

impl CsvColumn {
    fn new(title: &str, datatype: Datatype, unit: &str, what: &str) -> CsvColumn {
        let name: String = title.chars().map(|c| if c.is_ascii_alphanumeric() || c == '_' { c } else { '_' }).collect();
        let name = name.trim_matches('_').to_string();
        CsvColumn { name, titles: title.to_string(), datatype: datatype.name(), description: format!("Unit: {unit}. {}", what.trim()) }
    }
}

/// The unit of the trace's time column.
pub const T_UNIT: &str = "minutes after T (3:12 pm, when the agent reached the largest cluster)";
/// The unit of a cluster's state column.
pub const STATE_UNIT: &str = "none (text: healthy, agent running, serving from stale cache, failing, recovering, recovered)";

/// The trace's columns in the order `trace_csv` writes them (with the compare export's
/// leading `run` column when `compare`).
pub fn trace_columns(t: &Trace, compare: bool) -> Vec<CsvColumn> {
    let mut out = Vec::new();
    if compare {
        out.push(CsvColumn::new("run", Datatype::Text, "none", "main: the run as linked; compared: the pinned run (its rows follow the main run's)."));
    }
    out.push(CsvColumn::new("t_min", Datatype::Number, T_UNIT, "The sample's time (one row per 10-s step)."));
    for c in FleetSeries::COLUMNS {
        out.push(CsvColumn::new(c.csv, Datatype::Number, c.unit, &format!("Fleet (production clusters): {}", c.doc.trim())));
    }
    for info in &t.clusters {
        for c in ClusterSeries::COLUMNS {
            out.push(CsvColumn::new(
                &formula_safe(&format!("{}_{}", info.name, c.csv)),
                Datatype::Number,
                c.unit,
                &format!("Cluster {}: {}", info.name, c.doc.trim()),
            ));
        }
        out.push(CsvColumn::new(
            &formula_safe(&format!("{}_state", info.name)),
            Datatype::Text,
            STATE_UNIT,
            &format!("Cluster {}: its state, as the fleet view names it.", info.name),
        ));
    }
    unique_names(&mut out);
    out
}

/// Rows as CSV text: the `csv` crate quotes a cell that needs it (`,` `"` or a line break).
pub fn write(rows: impl IntoIterator<Item = Vec<String>>) -> String {
    let mut w = csv::WriterBuilder::new().flexible(true).from_writer(Vec::new());
    for row in rows {
        // Writing to memory cannot fail; a row that did would be left out, not half written.
        let _ = w.write_record(&row);
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// The trace's header and its rows inside `window` (`Trace::samples_within`; the whole run
/// without one): the fleet's columns, then every cluster's and its state, in `COLUMNS` order.
fn trace_table(t: &Trace, window: Option<(f64, f64)>) -> (Vec<String>, Vec<Vec<String>>) {
    let header = trace_columns(t, false).into_iter().map(|c| c.titles).collect();
    let fleet = t.fleet.values();
    let per: Vec<_> = t.per_cluster.iter().map(|c| (c.values(), &c.state)).collect();
    let rows = t
        .samples_within(window)
        .map(|i| {
            let mut row = vec![format!("{:.2}", t.t_at(i))];
            row.extend(FleetSeries::COLUMNS.iter().zip(fleet).map(|(col, s)| format!("{:.*}", col.decimals, s[i])));
            for (values, state) in &per {
                row.extend(ClusterSeries::COLUMNS.iter().zip(values).map(|(col, s)| format!("{:.*}", col.decimals, s[i])));
                row.push(state[i].label().to_string());
            }
            row
        })
        .collect();
    (header, rows)
}

/// The trace as the app exports it (and `cascade run --format csv`, without a window or a
/// compared run): the header, then the rows inside `window` (the whole run without one); in
/// compare mode a leading `run` column says `main` or `compared`, and the compared run's rows
/// follow the main run's, in the main header's columns by name (a pinned run of another fleet
/// leaves the clusters it lacks empty and drops those the main run lacks).
pub fn trace_csv(t: &Trace, compare: Option<&Trace>, window: Option<(f64, f64)>) -> String {
    let (header, rows) = trace_table(t, window);
    let Some(c) = compare else {
        return write(std::iter::once(header).chain(rows));
    };
    let (theirs, their_rows) = trace_table(c, window);
    let at: Vec<Option<usize>> = header.iter().map(|h| theirs.iter().position(|n| n == h)).collect();
    let head = std::iter::once(std::iter::once("run".to_string()).chain(header.iter().cloned()).collect());
    let main = rows.into_iter().map(|r| std::iter::once("main".to_string()).chain(r).collect());
    let compared = their_rows
        .into_iter()
        .map(|r| std::iter::once("compared".to_string()).chain(at.iter().map(|i| i.and_then(|i| r.get(i).cloned()).unwrap_or_default())).collect());
    write(head.chain(main).chain(compared))
}

/// CSVW table metadata: `@context`, the CSV's `url` (its file name, beside this file),
/// `dc:title`, `dc:source` (the share link), `dc:description` and the columns.
#[derive(Serialize)]
struct Metadata<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    url: &'a str,
    #[serde(rename = "dc:title")]
    title: &'a str,
    #[serde(rename = "dc:source")]
    source: &'a str,
    #[serde(rename = "dc:description")]
    description: &'a str,
    #[serde(rename = "dc:creator")]
    creator: &'static str,
    #[serde(rename = "tableSchema")]
    schema: Schema<'a>,
}

#[derive(Serialize)]
struct Schema<'a> {
    columns: &'a [CsvColumn],
}

/// The companion file's name for a CSV's: `<name>.csv-metadata.json`.
pub fn metadata_name(csv_name: &str) -> String {
    format!("{csv_name}-metadata.json")
}

/// Column names made unique, as CSVW requires: headers that differ only in what a name cannot
/// hold (clusters `a-b`, `a_b` and `a.b` each give `a_b_load`) keep the first one's name and the
/// later ones take the first free `_2`, `_3`, … in column order, so the same header always gets
/// the same names.
pub fn unique_names(columns: &mut [CsvColumn]) {
    let mut taken: std::collections::BTreeSet<String> = std::collections::BTreeSet::new();
    for c in columns.iter_mut() {
        if !taken.insert(c.name.clone()) {
            let name = (2..).map(|n| format!("{}_{n}", c.name)).find(|n| !taken.contains(n)).unwrap_or_default();
            taken.insert(name.clone());
            c.name = name;
        }
    }
}

/// The CSVW metadata document for a CSV named `csv_name` (its column names made unique).
pub fn metadata(csv_name: &str, title: &str, link: &str, description: &str, columns: &[CsvColumn]) -> String {
    let mut columns = columns.to_vec();
    unique_names(&mut columns);
    let columns = columns.as_slice();
    let m =
        Metadata { context: "http://www.w3.org/ns/csvw", url: csv_name, title, source: link, description, creator: "Cascade Lab", schema: Schema { columns } };
    serde_json::to_string_pretty(&m).unwrap_or_default()
}

/// What the trace's rows cover, in words.
fn span_text(window: Option<(f64, f64)>) -> String {
    match window {
        Some((a, b)) => format!("{} to {}", t_plus(a.min(b)), t_plus(a.max(b))),
        None => "the whole run".into(),
    }
}

/// The trace CSV's metadata: its title names the preset, seed and the rows' span.
pub fn trace_metadata(t: &Trace, p: &crate::sim::Params, compare: bool, window: Option<(f64, f64)>, csv_name: &str, link: &str) -> String {
    let title = format!("Cascade Lab — trace, preset {} (seed {}), {}", p.preset, p.seed, span_text(window));
    let what = format!(
        "One row per 10-s sample of the simulated run ({}){}: the fleet's series, then each cluster's. Open dc:source to see the same run in the app.",
        span_text(window),
        if compare { ", the main run's rows then the compared run's" } else { "" }
    );
    metadata(csv_name, &title, link, &what, &trace_columns(t, compare))
}

/// A sweep's axis as a column: `agents (nodes)`, `ttl (s)`; the key alone when it has no unit.
fn axis_column(a: &Axis) -> CsvColumn {
    let s = spec(a.key).expect("axis keys come from the schema");
    let key = a.name();
    // A cluster's nodes are nodes, whatever the key lending its range calls them.
    let unit = if a.field() == "nodes" { "nodes" } else { s.unit };
    let title = formula_safe(&if unit.is_empty() { key.clone() } else { format!("{key} ({unit})") });
    // A CSVW name is a URI-template variable: letters, digits, '_', '.' and %-escapes.
    let name = key.replace('-', "%2D");
    CsvColumn {
        name,
        ..CsvColumn::new(
            &title,
            Datatype::Number,
            if unit.is_empty() { "none" } else { unit },
            &format!("{}: the swept parameter's value in this cell (as a link would hold it).", a.label()),
        )
    }
}

/// A metric's unit in a CSV: its numbers as written, not as the panel shows them.
pub fn metric_unit(m: &Metric) -> &'static str {
    match m.key {
        "peak_error_rate" => "share 0-1",
        "control_plane_fell" => "1 fell / 0 held",
        "impacted_clusters" => "clusters",
        "impact_min" | "detection_lead_min" => "min",
        _ => "min after T",
    }
}

/// Whether a sweep CSV's metric column is the one the map is coloured by.
#[derive(Clone, Copy, PartialEq, Eq)]
enum MapMetric {
    Coloured,
    Other,
}

fn metric_column(m: &Metric, map: MapMetric) -> CsvColumn {
    let title = format!("{} ({})", m.key, metric_unit(m));
    let what = format!("{}{}; empty where it never happens.", m.label, if map == MapMetric::Coloured { " (the metric the map is coloured by)" } else { "" });
    CsvColumn { name: m.key.to_string(), ..CsvColumn::new(&title, Datatype::Number, metric_unit(m), &what) }
}

/// The sweep CSV's columns: x, y, the metric the map shows, then every other metric.
pub fn sweep_columns(s: &Sweep) -> Vec<CsvColumn> {
    let mut out = vec![axis_column(&s.x), axis_column(&s.y), metric_column(&s.metric, MapMetric::Coloured)];
    out.extend(METRICS.iter().filter(|m| m.key != s.metric.key).map(|m| metric_column(m, MapMetric::Other)));
    out
}

/// The sweep's grid as CSV: one row per cell (x varying fastest, as `cascade sweep` writes
/// it), the axes' values and every metric, units in the header; a cell not computed yet has
/// empty metrics, like an event that never happens.
pub fn sweep_csv(s: &Sweep) -> String {
    let metrics: Vec<&Metric> = std::iter::once(&s.metric).chain(METRICS.iter().filter(|m| m.key != s.metric.key)).collect();
    let header = sweep_columns(s).into_iter().map(|c| c.titles).collect();
    write(std::iter::once(header).chain(cells(s).map(|(i, j)| {
        let sum = s.summary(i, j);
        let mut row = vec![s.xs[i].to_string(), s.ys[j].to_string()];
        row.extend(metrics.iter().map(|m| sum.and_then(m.read).map(|v| v.to_string()).unwrap_or_default()));
        row
    })))
}

/// The cells in the order both sweep CSVs write them: x varying fastest.
fn cells(s: &Sweep) -> impl Iterator<Item = (usize, usize)> + '_ {
    (0..s.ys.len()).flat_map(move |j| (0..s.xs.len()).map(move |i| (i, j)))
}

/// `cascade sweep --format csv`: one row per cell, x, y and the metric (empty where the event
/// never happens).
pub fn sweep_grid_csv(s: &Sweep) -> String {
    let header = vec![formula_safe(&s.x.name()), formula_safe(&s.y.name()), s.metric.key.to_string()];
    write(
        std::iter::once(header)
            .chain(cells(s).map(|(i, j)| vec![s.xs[i].to_string(), s.ys[j].to_string(), s.value(i, j).map(|v| v.to_string()).unwrap_or_default()])),
    )
}

/// The sweep CSV's metadata.
pub fn sweep_metadata(s: &Sweep, csv_name: &str, link: &str) -> String {
    let (sx, sy) = (s.x.label(), s.y.label());
    let title = format!("Cascade Lab — where is the cliff? {sx} × {sy}, preset {} (seed {})", s.base.preset, s.base.seed);
    let what = format!(
        "One row per cell of a {} × {} sweep ({} across, {} up): each cell is the whole incident simulated with those two values and everything else as in dc:source.",
        s.xs.len(),
        s.ys.len(),
        s.x.to_text(),
        s.y.to_text()
    );
    metadata(csv_name, &title, link, &what, &sweep_columns(s))
}

/// docs/exports.md's table of the trace CSV's columns and units (a cluster's columns once, as
/// `<cluster>_…`); `tests/native/csv_export.rs` keeps that copy equal to it.
pub fn trace_columns_markdown() -> String {
    let mut out = String::from("| column | unit | what it is |\n|---|---|---|\n");
    out.push_str(&format!("| `run` (compare mode only) | none | `main` or `compared` |\n| `t_min` | {T_UNIT} | the sample's time |\n"));
    for c in FleetSeries::COLUMNS {
        out.push_str(&format!("| `{}` | {} | {} |\n", c.csv, c.unit, c.doc.trim()));
    }
    for c in ClusterSeries::COLUMNS {
        out.push_str(&format!("| `<cluster>_{}` | {} | {} |\n", c.csv, c.unit, c.doc.trim()));
    }
    out.push_str(&format!("| `<cluster>_state` | {STATE_UNIT} | the cluster's state |\n"));
    out
}
