//! What the fleet editor holds while someone types: every cell as the text typed, so nothing
//! is lost while it is not (yet) a fleet. `Draft::fleet` reads it into a `Fleet` or one line
//! naming the cell; `Draft::paste` reads a CSV or tab-separated paste with a header row of the
//! fleet file's keys. The agent's calls and the plan's waves are drafts the same way. Pure, so
//! natively tested (tests/native/fleet_editor.rs); the editor itself is `tools::fleet_editor`.

use crate::sim::agent::{AgentSpec, Call, Resource, Scope, Source};
use crate::sim::fleet::{ClusterDesc, ClusterField, FieldKind, Fleet, FleetError, FleetErrorKind, CLUSTER_FIELDS, MAX_CLUSTERS};
use crate::sim::params::Params;
use crate::sim::plan::{Gate, GateSignal, Plan, Wave};

/// One column of the editor's table.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Column {
    Name,
    Nodes,
    /// A per-cluster setting, from its row of `fleet::CLUSTER_FIELDS`.
    Field(&'static ClusterField),
    Wave,
    Staging,
}

impl Column {
    /// The fleet file's key (and a pasted CSV's header).
    pub fn key(self) -> &'static str {
        match self {
            Column::Name => "name",
            Column::Nodes => "nodes",
            Column::Field(f) => f.name(),
            Column::Wave => "wave",
            Column::Staging => "staging",
        }
    }
    /// The table's heading.
    pub fn heading(self) -> &'static str {
        match self {
            Column::Name => "Name",
            Column::Nodes => "Nodes",
            Column::Field(f) => f.heading,
            Column::Wave => "Wave",
            Column::Staging => "Staging",
        }
    }
    /// Holds yes/no (blank: the fleet-wide value, for the settings that have one).
    pub fn is_flag(self) -> bool {
        matches!(self, Column::Staging | Column::Field(ClusterField { kind: FieldKind::Flag, .. }))
    }
}

/// The editor's columns in table order: name, nodes, every `CLUSTER_FIELDS` row, wave, staging.
pub fn columns() -> Vec<Column> {
    let mut out = vec![Column::Name, Column::Nodes];
    out.extend(CLUSTER_FIELDS.iter().map(Column::Field));
    out.extend([Column::Wave, Column::Staging]);
    out
}

/// A cluster's fields the table has no column for, each with why: the editor says so above
/// the table (`table_hint`), and a pasted CSV may still set them.
pub const NOT_COLUMNS: &[(&str, &str)] =
    &[("at", "where December's fleet-wide rollout reaches a cluster, a fraction of its window: kept as the fleet has it, set by a pasted CSV's at column")];

/// The line above the table: which fields are columns and which are not, and why.
pub fn table_hint() -> String {
    let left_out: Vec<String> = NOT_COLUMNS.iter().map(|(k, why)| format!("{k} ({why})")).collect();
    format!(
        "Every cluster field but {} is a column: on a narrow screen the table scrolls sideways (the names stay in view) to DNS TTL, serve-stale, wave and staging.",
        left_out.join(", ")
    )
}

/// A column's position, by its key.
pub fn col(key: &str) -> Option<usize> {
    columns().iter().position(|c| c.key() == key)
}

/// One cluster as typed: a cell per column (`columns()`), and the December plan's landing
/// (`at`), which the table does not show but keeps (December's fleet has one per cluster; a CSV
/// may set it).
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    pub cells: Vec<String>,
    pub at: String,
}

impl Default for Row {
    fn default() -> Row {
        Row { cells: vec![String::new(); columns().len()], at: String::new() }
    }
}

impl Row {
    pub fn of(c: &ClusterDesc) -> Row {
        let cells = columns()
            .into_iter()
            .map(|col| match col {
                Column::Name => c.name.clone(),
                Column::Nodes => c.nodes.to_string(),
                Column::Field(f) => match (c.field(f.key), f.kind) {
                    (None, _) => String::new(),
                    (Some(v), FieldKind::Flag) => if v != 0.0 { "yes" } else { "no" }.to_string(),
                    (Some(v), FieldKind::Whole) => (v as u64).to_string(),
                },
                Column::Wave => c.wave.to_string(),
                Column::Staging => {
                    if c.staging {
                        "yes".into()
                    } else {
                        String::new()
                    }
                }
            })
            .collect();
        Row { cells, at: c.at.map(|a| a.to_string()).unwrap_or_default() }
    }

    /// The cell of the column named `key`.
    pub fn cell(&self, key: &str) -> &str {
        col(key).and_then(|i| self.cells.get(i)).map_or("", String::as_str)
    }

    /// The cluster this row says, or what is wrong with it (naming the row and the column).
    fn cluster(&self, i: usize) -> Result<ClusterDesc, FleetError> {
        let name = self.cell("name").trim();
        let what = if name.is_empty() { format!("cluster {}", i + 1) } else { format!("cluster {} ('{}')", i + 1, clip(name)) };
        let whole = |key: &str| -> Result<Option<u32>, FleetError> {
            let t = self.cell(key).trim();
            if t.is_empty() {
                return Ok(None);
            }
            let t = crate::text::ungroup(t);
            t.parse::<u32>().map(Some).map_err(|_| match (t.parse::<i64>(), crate::formats::fleet_file::whole_range(key)) {
                (Ok(_), Some(range)) => FleetError::new(FleetErrorKind::OutOfRange, format!("{what}: {key} = {} is out of range ({range})", clip(&t))),
                _ => FleetError::new(FleetErrorKind::Unreadable, format!("{what}: {key} = '{}' is not a whole number", clip(&t))),
            })
        };
        let flag = |key: &str| -> Result<Option<bool>, FleetError> {
            let t = self.cell(key).trim();
            read_flag(t).map_err(|()| FleetError::new(FleetErrorKind::Unreadable, format!("{what}: {key} = '{}' should be yes or no", clip(t))))
        };
        let nodes =
            whole("nodes")?.ok_or_else(|| FleetError::new(FleetErrorKind::Missing, format!("{what}: nodes is empty (every cluster needs its node count)")))?;
        let mut c = ClusterDesc::new(name, nodes);
        for f in CLUSTER_FIELDS {
            let v = match f.kind {
                FieldKind::Whole => whole(f.name())?.map(f64::from),
                FieldKind::Flag => flag(f.name())?.map(|b| b as u8 as f64),
            };
            if let Some(v) = v {
                c.set_raw(f.key, v);
            }
        }
        c.wave = whole("wave")?.unwrap_or(0);
        c.staging = flag("staging")?.unwrap_or(false);
        if !self.at.trim().is_empty() {
            let a = crate::sim::params::parse_number(self.at.trim()).filter(|a| a.is_finite());
            c.at = Some(a.ok_or_else(|| FleetError::new(FleetErrorKind::Unreadable, format!("{what}: at = '{}' is not a number", clip(self.at.trim()))))?);
        }
        Ok(c)
    }
}

fn read_flag(t: &str) -> Result<Option<bool>, ()> {
    match t.to_ascii_lowercase().as_str() {
        "" => Ok(None),
        "yes" | "y" | "true" | "1" | "on" => Ok(Some(true)),
        "no" | "n" | "false" | "0" | "off" => Ok(Some(false)),
        _ => Err(()),
    }
}

fn clip(s: &str) -> String {
    crate::text::echo(s, 24)
}

/// The table as typed.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Draft {
    pub rows: Vec<Row>,
}

impl Draft {
    pub fn of(f: &Fleet) -> Draft {
        Draft { rows: f.clusters.iter().map(Row::of).collect() }
    }

    /// The run's fleet as a table: its own, or December's built-in one written out.
    pub fn of_run(p: &Params) -> Draft {
        Draft::of(&p.fleet.clone().unwrap_or_else(|| Fleet::december(p)))
    }

    /// The fleet the table says, checked (`Fleet::validate`), or the first problem in one line.
    pub fn fleet(&self) -> Result<Fleet, FleetError> {
        if self.rows.len() > MAX_CLUSTERS {
            return Err(FleetError::new(FleetErrorKind::TooMany, format!("fleet: {} clusters is too many (1 to {MAX_CLUSTERS})", self.rows.len())));
        }
        let fleet = Fleet { clusters: self.rows.iter().enumerate().map(|(i, r)| r.cluster(i)).collect::<Result<_, _>>()? };
        fleet.validate()?;
        Ok(fleet)
    }

    /// `fleet`, for a run of `p`: also refused, saying the limit and what to do, when the run's
    /// share link could not carry it (the editor sends the fleet to the page as a link's text,
    /// so such a fleet was dropped without a word).
    pub fn fleet_for(&self, p: &Params) -> Result<Fleet, FleetError> {
        let f = self.fleet()?;
        let mut q = p.clone();
        q.set_fleet(Some(f.clone()));
        match crate::formats::link::LinkState::from_params(&q).too_long() {
            Some(why) => Err(FleetError::new(FleetErrorKind::TooMany, why)),
            None => Ok(f),
        }
    }

    /// A new row: a name not yet taken, the size of the last row, every other field fleet-wide.
    pub fn add(&mut self) {
        let name = (self.rows.len() + 1..)
            .map(|n| format!("cluster-{n}"))
            .find(|n| !self.rows.iter().any(|r| r.cell("name").eq_ignore_ascii_case(n)))
            .unwrap_or_default();
        let last = |key: &str, or: &str| self.rows.last().map_or(or.to_string(), |r| r.cell(key).to_string());
        let (nodes, wave) = (last("nodes", "1000"), last("wave", "0"));
        let mut row = Row::default();
        for (key, v) in [("name", name), ("nodes", nodes), ("wave", wave)] {
            if let Some(i) = col(key) {
                row.cells[i] = v;
            }
        }
        self.rows.push(row);
    }

    /// A pasted table (CSV or tab-separated) with a header row of `COLUMNS`' keys (and `at`),
    /// in any order and case; cells may be quoted. Replaces every row, or says what is wrong.
    /// A spreadsheet's byte-order mark is not part of the first column's name, and a line is
    /// split before its cells are trimmed, so a blank last cell (`a\t100\t`) is still a cell.
    pub fn paste(text: &str) -> Result<Draft, FleetError> {
        let text = text.trim_start_matches('\u{feff}');
        let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or_default();
        let sep = if first.contains('\t') { b'\t' } else { b',' };
        // RFC 4180 through the `csv` crate: `"1,200"` is one cell, `""` a quote, a quoted cell
        // may hold a line break; blank lines are skipped, every cell trimmed.
        let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).delimiter(sep).trim(csv::Trim::All).from_reader(text.as_bytes());
        let mut records = reader.records().filter(|r| r.as_ref().map_or(true, |r| r.iter().any(|c| !c.is_empty())));
        let unreadable = |e: csv::Error| FleetError::new(FleetErrorKind::Format, format!("CSV: {}", crate::text::echo(&e.to_string(), 80)));
        let split = |r: &csv::StringRecord| -> Vec<String> { r.iter().map(str::to_string).collect() };
        let header = records
            .next()
            .transpose()
            .map_err(unreadable)?
            .ok_or_else(|| FleetError::new(FleetErrorKind::Missing, "CSV: empty (the first line names the columns, e.g. name,nodes,apiservers)"))?;
        let keys = split(&header);
        let mut cols = Vec::new();
        for k in &keys {
            let k = k.to_ascii_lowercase();
            match col(&k) {
                Some(c) if !cols.contains(&Some(c)) => cols.push(Some(c)),
                Some(_) => return Err(FleetError::new(FleetErrorKind::Duplicate, format!("CSV: column '{}' appears twice", clip(&k)))),
                None if k == "at" => cols.push(None),
                None => {
                    let all = columns().iter().map(|c| c.key()).collect::<Vec<_>>().join(", ");
                    return Err(FleetError::new(FleetErrorKind::Unknown, format!("CSV: column '{}' is not one of {all}, at", clip(&k))));
                }
            }
        }
        for need in ["name", "nodes"] {
            if !cols.contains(&col(need)) {
                return Err(FleetError::new(FleetErrorKind::Missing, format!("CSV: no '{need}' column (name and nodes are needed)")));
            }
        }
        let mut rows = Vec::new();
        for (n, record) in records.enumerate() {
            if n >= MAX_CLUSTERS {
                return Err(FleetError::new(FleetErrorKind::TooMany, format!("CSV: more than {MAX_CLUSTERS} clusters")));
            }
            let record = record.map_err(unreadable)?;
            let cells = split(&record);
            if cells.len() != keys.len() {
                let line = record.position().map_or(n as u64 + 2, |p| p.line());
                return Err(FleetError::new(
                    FleetErrorKind::Format,
                    format!("CSV line {line}: {} cells, but the header names {} columns", cells.len(), keys.len()),
                ));
            }
            let mut row = Row::default();
            for (cell, col) in cells.into_iter().zip(&cols) {
                match col {
                    Some(c) => row.cells[*c] = cell,
                    None => row.at = cell,
                }
            }
            rows.push(row);
        }
        Ok(Draft { rows })
    }
}

/// One call as typed: the three choices, objects (blank: derived), count and interval (blank:
/// the poll parameter) as text, and whether it is an informer.
#[derive(Clone, Debug, PartialEq)]
pub struct CallRow {
    pub resource: Resource,
    pub scope: Scope,
    pub source: Source,
    pub objects: String,
    pub count: String,
    pub every: String,
    pub watch: bool,
}

impl CallRow {
    pub fn of(c: &Call) -> CallRow {
        CallRow {
            resource: c.resource,
            scope: c.scope,
            source: c.source,
            objects: c.objects.map(|o| o.to_string()).unwrap_or_default(),
            count: c.count.to_string(),
            every: c.every_s.map(|e| e.to_string()).unwrap_or_default(),
            watch: c.watch,
        }
    }
}

/// The agent's calls as typed (the `cost` knob when the run has no description).
pub fn agent_rows(a: Option<&AgentSpec>) -> Vec<CallRow> {
    a.cloned().unwrap_or_else(AgentSpec::december).calls.iter().map(CallRow::of).collect()
}

/// The replicas box: empty is a pod on every node (a DaemonSet); otherwise a Deployment's
/// whole number of replicas, or what is wrong with it (the text kept as typed).
pub fn replicas_of(text: &str) -> Result<Option<u32>, FleetError> {
    let t = crate::text::ungroup(text.trim());
    if t.is_empty() {
        return Ok(None);
    }
    let range = crate::formats::fleet_file::whole_range("replicas").unwrap_or_default();
    match (t.parse::<u32>(), t.parse::<i64>()) {
        (Ok(r), _) => Ok(Some(r)),
        (_, Ok(_)) => Err(FleetError::new(FleetErrorKind::OutOfRange, format!("agent: replicas = {} is out of range ({range})", crate::sim::fleet::clip(&t)))),
        _ => Err(FleetError::new(FleetErrorKind::Unreadable, format!("agent: replicas = '{}' is not a whole number ({range})", crate::sim::fleet::clip(&t)))),
    }
}

/// The agent the rows say (a Deployment of `replicas` when given), checked, or the first
/// problem naming the call and field.
pub fn agent_of(rows: &[CallRow], replicas: Option<u32>) -> Result<AgentSpec, FleetError> {
    let calls = rows
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let what = format!("agent call {} ({})", i + 1, r.resource);
            // A whole number out of range (a negative interval) is out of range, not "not a
            // whole number"; the call's own checks give the range.
            let whole = |field: &str, t: &str| {
                let t = crate::text::ungroup(t.trim());
                t.parse::<u32>().map_err(|_| match (t.parse::<i64>(), crate::formats::fleet_file::whole_range(field)) {
                    (Ok(_), Some(range)) => FleetError::new(FleetErrorKind::OutOfRange, format!("{what}: {field} = {} is out of range ({range})", clip(&t))),
                    _ => FleetError::new(FleetErrorKind::Unreadable, format!("{what}: {field} = '{}' is not a whole number", clip(&t))),
                })
            };
            let objects = if r.objects.trim().is_empty() { None } else { Some(whole("objects", &r.objects)?) };
            let every_s = if r.every.trim().is_empty() { None } else { Some(whole("every_s", &r.every)?) };
            Ok(Call {
                resource: r.resource,
                scope: r.scope,
                source: r.source,
                objects,
                count: whole("count", &r.count)?,
                every_s,
                watch: r.watch,
                paginated: false,
            })
        })
        .collect::<Result<Vec<_>, FleetError>>()?;
    let agent = AgentSpec { replicas, calls };
    agent.validate()?;
    Ok(agent)
}

/// A plan as typed: each wave's clusters (names, comma or space separated) and soak minutes,
/// and the gate.
#[derive(Clone, Debug, PartialEq)]
pub struct PlanDraft {
    pub waves: Vec<(String, String)>,
    pub signal: GateSignal,
    pub threshold: String,
    pub delay: String,
}

impl PlanDraft {
    pub fn of(p: &Plan) -> PlanDraft {
        PlanDraft {
            waves: p.waves.iter().map(|w| (w.clusters.join(", "), w.soak_min.to_string())).collect(),
            signal: p.gate.signal,
            threshold: p.gate.threshold_pct.to_string(),
            delay: p.gate.delay_min.to_string(),
        }
    }

    /// The plan over the fleet's `names`, checked (`Plan::validate`). Each wave lists its
    /// clusters in fleet order and spelling, as a link reads them back.
    pub fn plan(&self, names: &[String]) -> Result<Plan, FleetError> {
        let num = |what: &str, field: &str, t: &str| {
            crate::sim::params::parse_number(t.trim())
                .filter(|v| v.is_finite())
                .ok_or_else(|| FleetError::new(FleetErrorKind::Unreadable, format!("{what}: {field} = '{}' is not a number", clip(t.trim()))))
        };
        let mut waves = Vec::new();
        for (i, (list, soak)) in self.waves.iter().enumerate() {
            let what = format!("plan wave {}", i + 1);
            let mut clusters: Vec<String> = list.split([',', ' ', '\t', ';']).filter(|n| !n.is_empty()).map(str::to_string).collect();
            // Canonical: fleet order and spelling (names the fleet lacks stay, for validate to name).
            clusters.sort_by_key(|n| names.iter().position(|m| m.eq_ignore_ascii_case(n)).unwrap_or(usize::MAX));
            for n in clusters.iter_mut() {
                if let Some(m) = names.iter().find(|m| m.eq_ignore_ascii_case(n)) {
                    n.clone_from(m);
                }
            }
            waves.push(Wave { clusters, soak_min: num(&what, "soak_min", soak)? });
        }
        let gate = Gate {
            signal: self.signal,
            threshold_pct: num("plan gate", "threshold_pct", &self.threshold)?,
            delay_min: num("plan gate", "delay_min", &self.delay)?,
        };
        let plan = Plan { waves, gate };
        plan.validate(names)?;
        Ok(plan)
    }
}
