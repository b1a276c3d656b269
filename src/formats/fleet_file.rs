//! Fleet files: a fleet, its agent and its rollout plan as TOML, read into `Params` and written
//! back (`cascade fleet`, `--fleet/--agent/--plan FILE`, `docs/fleets/`). Pure; both targets.
//!
//! One file may hold every section; `--agent FILE` and `--plan FILE` read only their own:
//!
//! ```toml
//! [defaults]            # fleet-wide parameter values by schema key (what a cluster leaves out)
//! pods = 30
//! [[clusters]]          # 1 to 60; fields as `sim::fleet::ClusterDesc`
//! name = "prod-1"
//! nodes = 2500
//! [agent]               # poll_s (the `poll` parameter), cost (the knob), calls (left out: the knob alone)
//! poll_s = 30
//! [[agent.calls]]
//! resource = "pods"
//! scope = "node"
//! [plan]                # name = "december" | "phased", or waves and a gate
//! [[plan.waves]]
//! clusters = ["prod-1"]
//! soak_min = 30
//! [plan.gate]
//! signal = "either"
//! ```
//!
//! Errors are one line naming the file, the line (when the TOML reader knows it) and the field.

use crate::sim::agent::{AgentSpec, Call};
use crate::sim::fleet::{self, ClusterDesc, Fleet, FleetError, FleetErrorKind};
use crate::sim::params::{self, Key, Rollout};
use crate::sim::plan::{Gate, Plan, Wave};
use crate::sim::Params;
use serde::{Deserialize, Serialize};

/// A fleet file is small: 60 clusters with every field are ~15 KB. Past this, refuse before
/// parsing.
pub const MAX_BYTES: usize = 1 << 20;

/// Plan names a file or `--plan` may give: December's fleet-wide rollout and today's phased one.
pub const PLAN_NAMES: &[&str] = &["december", "phased"];

/// What is wrong with a file: its kind (a fleet's, agent's or plan's, or `Format` for TOML
/// that does not read) and one line, starting with its name (and the line, where known).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileError {
    pub kind: FleetErrorKind,
    pub text: String,
}

impl std::fmt::Display for FileError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text)
    }
}

impl std::error::Error for FileError {}

#[derive(Deserialize, Serialize, Default)]
#[serde(deny_unknown_fields)]
struct Doc {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    defaults: Option<toml::Table>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    clusters: Option<Vec<ClusterDesc>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    agent: Option<AgentDoc>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    plan: Option<PlanDoc>,
}

#[derive(Deserialize, Serialize, Default, Clone, Debug, PartialEq)]
#[serde(deny_unknown_fields)]
struct AgentDoc {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    poll_s: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    cost: Option<f64>,
    /// A Deployment of this many replicas; left out, a pod on every node.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    replicas: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    calls: Option<Vec<Call>>,
}

#[derive(Deserialize, Serialize, Default, Clone, Debug, PartialEq)]
#[serde(deny_unknown_fields)]
struct PlanDoc {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    waves: Option<Vec<Wave>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    gate: Option<Gate>,
}

/// An agent section: the poll interval, the knob, and the calls (`None`: the knob alone).
#[derive(Clone, Debug, PartialEq)]
pub struct AgentPart {
    pub poll_s: Option<u32>,
    pub cost: Option<f64>,
    pub spec: Option<AgentSpec>,
}

/// A plan section: a named plan (the `rollout` parameter) or waves and a gate.
#[derive(Clone, Debug, PartialEq)]
pub enum PlanPart {
    Named(Rollout),
    Custom(Plan),
}

/// A file as read: each section it holds, checked on its own (a plan is checked against the
/// fleet when applied, as it names its clusters).
#[derive(Clone, Debug, PartialEq, Default)]
pub struct FleetFile {
    /// Schema keys (and `iv`) with their values as text, in file order.
    pub defaults: Vec<(String, String)>,
    pub fleet: Option<Fleet>,
    pub agent: Option<AgentPart>,
    pub plan: Option<PlanPart>,
    /// The clusters that set `wave =` themselves (a plan's waves override only those).
    pub waves_given: Vec<String>,
}

/// Which clusters write `wave`: read apart from `Doc`, which cannot tell a left-out wave from 0.
#[derive(Deserialize)]
struct WaveProbe {
    #[serde(default)]
    clusters: Vec<ProbeCluster>,
}

#[derive(Deserialize)]
struct ProbeCluster {
    #[serde(default)]
    name: String,
    wave: Option<toml::Value>,
}

/// Reads a file's text; `file` names it in errors.
pub fn parse(file: &str, text: &str) -> Result<FleetFile, FileError> {
    if text.len() > MAX_BYTES {
        return Err(FileError { kind: FleetErrorKind::TooMany, text: format!("{file}: {} bytes is too large for a fleet file (at most 1 MB)", text.len()) });
    }
    let doc: Doc = toml::from_str(text).map_err(|e| FileError { kind: FleetErrorKind::Format, text: format!("{file}: {}", toml_error(text, &e)) })?;
    let at = |e: FleetError| FileError { kind: e.kind, text: format!("{file}: {}", with_line(text, &e.text)) };
    let mut out = FleetFile::default();
    for (k, v) in doc.defaults.iter().flatten() {
        out.defaults.push((k.clone(), default_value(k, v).map_err(at)?));
    }
    if let Some(clusters) = doc.clusters {
        let f = Fleet { clusters };
        f.validate().map_err(at)?;
        out.fleet = Some(f);
        let probe: WaveProbe = toml::from_str(text).unwrap_or(WaveProbe { clusters: Vec::new() });
        out.waves_given = probe.clusters.into_iter().filter(|c| c.wave.is_some()).map(|c| c.name).collect();
    }
    if let Some(a) = doc.agent {
        if a.replicas.is_some() && a.calls.is_none() {
            return Err(at(FleetError::new(FleetErrorKind::Missing, "agent: replicas needs [[agent.calls]] (the December agent runs on every node)")));
        }
        let spec = a.calls.map(|calls| AgentSpec { replicas: a.replicas, calls });
        if let Some(s) = &spec {
            s.validate().map_err(at)?;
        }
        out.agent = Some(AgentPart { poll_s: a.poll_s, cost: a.cost, spec });
    }
    if let Some(pl) = doc.plan {
        out.plan = Some(plan_part(pl).map_err(at)?);
    }
    Ok(out)
}

fn plan_part(pl: PlanDoc) -> Result<PlanPart, FleetError> {
    match (pl.name, pl.waves) {
        (Some(_), Some(_)) => Err(FleetError::new(FleetErrorKind::Conflict, "plan: give either name or [[plan.waves]], not both")),
        (Some(name), None) if pl.gate.is_some() => Err(FleetError::new(
            FleetErrorKind::Conflict,
            format!("plan: gate cannot be set on the named plan '{}' (it has its own); write [[plan.waves]]", clip(&name)),
        )),
        (Some(name), None) => named_plan(&name).map(PlanPart::Named),
        (None, Some(waves)) => Ok(PlanPart::Custom(Plan { waves, gate: pl.gate.unwrap_or_default() })),
        (None, None) => Err(FleetError::new(FleetErrorKind::Missing, format!("plan: needs name ({}) or [[plan.waves]]", PLAN_NAMES.join(" or ")))),
    }
}

/// `december` (the fleet-wide rollout, `rollout = fleet`) or `phased`.
pub fn named_plan(name: &str) -> Result<Rollout, FleetError> {
    match name.trim().to_ascii_lowercase().as_str() {
        "december" => Ok(Rollout::Fleet),
        "phased" => Ok(Rollout::Phased),
        _ => Err(FleetError::new(FleetErrorKind::Unknown, format!("plan: name = '{}' is not a named plan (one of {})", clip(name), PLAN_NAMES.join(", ")))),
    }
}

/// A `[defaults]` value as the text `Params::set_text` reads. `agents` is the fleet's (its
/// largest cluster); the fleet, agent and plan have their own sections.
fn default_value(key: &str, v: &toml::Value) -> Result<String, FleetError> {
    if matches!(key, "agents" | "preset" | "fleet" | "agent" | "plan") {
        return Err(FleetError::new(FleetErrorKind::Conflict, format!("defaults: {key} cannot be a default (agents is the largest cluster's nodes; --agents scales the fleet; the fleet, agent and plan have their own sections)")));
    }
    if key != "iv" && params::spec(key).is_none() {
        return Err(FleetError::new(FleetErrorKind::Unknown, format!("defaults: unknown key '{}' (the parameters of `cascade params`)", clip(key))));
    }
    match v {
        toml::Value::String(s) => Ok(s.clone()),
        toml::Value::Integer(i) => Ok(i.to_string()),
        toml::Value::Float(f) => Ok(f.to_string()),
        toml::Value::Boolean(b) => Ok(b.to_string()),
        _ => Err(FleetError::new(FleetErrorKind::Unreadable, format!("defaults: {key} must be a number, true/false or a string"))),
    }
}

impl FleetFile {
    /// What the file leaves to December that a reader may not expect, one line each (the CLI
    /// prints them as warnings): an `[agent]` without `[[agent.calls]]` is December's agent.
    pub fn warnings(&self, file: &str) -> Vec<String> {
        match &self.agent {
            Some(AgentPart { spec: None, .. }) => vec![format!(
                "{file}: [agent] has no [[agent.calls]], so the agent is December's (six cluster-wide LISTs of every pod per poll, scaled by cost); add [[agent.calls]] to describe yours"
            )],
            _ => Vec::new(),
        }
    }

    /// Sets what the file says on `p`: defaults, then the fleet (`agents` becomes its largest
    /// cluster), the agent and the plan. A plan is checked against the fleet `p` then runs.
    pub fn apply(&self, p: &mut Params, file: &str) -> Result<(), FileError> {
        let err = |e: FleetError| FileError { kind: e.kind, text: format!("{file}: {e}") };
        for (k, v) in &self.defaults {
            p.set_text(k, v).map_err(|e| {
                let e = FleetError::from(e);
                err(FleetError { text: format!("defaults: {}", e.text), ..e })
            })?;
        }
        if let Some(f) = &self.fleet {
            p.set_fleet(Some(f.clone()));
        }
        if let Some(a) = &self.agent {
            a.apply(p).map_err(err)?;
        }
        if let Some(pl) = &self.plan {
            pl.apply(p).map_err(err)?;
        }
        Ok(())
    }
}

impl AgentPart {
    pub fn apply(&self, p: &mut Params) -> Result<(), FleetError> {
        if let Some(s) = self.poll_s {
            p.set_text("poll", &s.to_string()).map_err(|_| {
                FleetError::new(FleetErrorKind::OutOfRange, format!("agent: poll_s = {s} is out of range ({})", params::range_text(Key::poll.spec())))
            })?;
        }
        if let Some(c) = self.cost {
            p.set_text("cost", &c.to_string()).map_err(|e| {
                let e = FleetError::from(e);
                FleetError { text: format!("agent: {}", e.text).replacen("agent: cost: ", "agent: cost = ", 1), ..e }
            })?;
        }
        p.agent = self.spec.clone();
        Ok(())
    }
}

impl PlanPart {
    pub fn apply(&self, p: &mut Params) -> Result<(), FleetError> {
        match self {
            PlanPart::Named(r) => {
                p.rollout = *r;
                p.plan = None;
            }
            PlanPart::Custom(plan) => {
                plan.validate(&fleet::names(p))?;
                p.plan = Some(plan.clone());
            }
        }
        Ok(())
    }
}

/// toml's error as one line: its line number, the field on that line, its message.
fn toml_error(text: &str, e: &toml::de::Error) -> String {
    let msg = e.message().lines().next().unwrap_or("not TOML").trim().to_string();
    let Some(span) = e.span() else { return msg };
    let line_no = text[..span.start.min(text.len())].matches('\n').count() + 1;
    let line = text.lines().nth(line_no - 1).unwrap_or("");
    let field = line.split_once('=').map(|(k, _)| k.trim()).filter(|k| !k.is_empty() && !k.starts_with('['));
    // The section and field are the file's own words: echoed clipped, as a value is.
    let context = section_at(text, line_no).map(|c| clip(&c));
    let value = line.split_once('=').map_or("", |(_, v)| v.trim());
    let own = field.and_then(|f| field_message(f, value, &msg));
    let field = field.map(clip);
    // A message in the field's own words names the field itself.
    let (msg, field) = match own {
        Some(m) => (m, None),
        // serde lists every field a section takes; the names alone read shorter.
        None if msg.starts_with("unknown field") => {
            let m = clip_quoted(&msg);
            let m = match m.split_once("expected one of ") {
                Some((head, names)) => format!("{head}expected one of {}", names.replace('`', "")),
                None => m,
            };
            (m, field)
        }
        None => (clip_quoted(&msg), field),
    };
    match (context, field) {
        (Some(c), Some(f)) => format!("line {line_no}: {c}, {f}: {msg}"),
        (Some(c), None) => format!("line {line_no}: {c}: {msg}"),
        (None, Some(f)) => format!("line {line_no}: {f}: {msg}"),
        (None, None) => format!("line {line_no}: {msg}"),
    }
}

/// A whole-number field's range as its own check states it, for the fields a file holds.
pub fn whole_range(field: &str) -> Option<String> {
    let key = |k: Key| {
        let s = k.spec();
        format!("{} to {}", crate::text::group_thousands(s.min as i64), crate::text::group_thousands(s.max as i64))
    };
    Some(match field {
        "nodes" => format!("{} to {}", fleet::NODES_RANGE.0, crate::text::group_thousands(fleet::NODES_RANGE.1 as i64)),
        "poll_s" => key(Key::poll),
        "wave" => format!("0 to {}", fleet::MAX_WAVE),
        "count" => format!("1 to {}", crate::sim::agent::MAX_COUNT),
        "objects" => format!("1 to {}", crate::text::group_thousands(crate::sim::agent::MAX_OBJECTS as i64)),
        "every_s" => {
            let (lo, hi) = crate::sim::agent::EVERY_RANGE;
            format!("{lo} to {} s, a day", crate::text::group_thousands(hi as i64))
        }
        "replicas" => format!("1 to {}; leave it out for one per node", crate::text::group_thousands(crate::sim::agent::MAX_REPLICAS as i64)),
        _ => return fleet::cluster_field(field).filter(|f| f.kind == fleet::FieldKind::Whole).map(|f| key(f.key)),
    })
}

/// The valid names of a file's named fields.
fn names_of(field: &str) -> Option<&'static [&'static str]> {
    use crate::sim::agent::{Resource, Scope, Source};
    Some(match field {
        "resource" => Resource::NAMES,
        "scope" => Scope::NAMES,
        "source" => Source::NAMES,
        "signal" => crate::sim::plan::GateSignal::NAMES,
        _ => return None,
    })
}

/// The TOML reader's type errors in the field's own words: "nodes = -5 is out of range (1 to
/// 100,000)", "resource = 'secrets' is not one of pods, …", the value clipped.
fn field_message(field: &str, value: &str, msg: &str) -> Option<String> {
    let shown = clip(value.split(" #").next().unwrap_or(value).trim());
    let field = &clip(field);
    if let Some(range) = whole_range(field).filter(|_| msg.contains("expected u32") || msg.contains("as i128")) {
        return Some(if value.parse::<i128>().is_ok() {
            format!("{field} = {shown} is out of range ({range})")
        } else {
            format!("{field} = {shown} is not a whole number ({range})")
        });
    }
    if let Some(names) = names_of(field).filter(|_| msg.starts_with("unknown ") || msg.contains("is not one of")) {
        let v = value.trim_matches(|c| c == '"' || c == '\'');
        return Some(format!("{field} = '{}' is not one of {}", clip(v), names.join(", ")));
    }
    if msg.contains("expected a boolean") {
        return Some(format!("{field} = {shown} is not true or false"));
    }
    if msg.contains("expected f64") {
        return Some(format!("{field} = {shown} is not a number"));
    }
    if msg.contains("expected a string") {
        return Some(format!("{field} = {shown} is not a string"));
    }
    None
}

/// A message with every quoted part (`…`, "…", '…') clipped, so an echoed value stays short.
fn clip_quoted(msg: &str) -> String {
    let mut out = String::new();
    let mut rest = msg;
    while let Some(i) = rest.find(['`', '"', '\'']) {
        let q = rest[i..].chars().next().unwrap_or('`');
        let after = &rest[i + 1..];
        match after.find(q) {
            Some(j) => {
                out.push_str(&rest[..i]);
                out.push(q);
                out.push_str(&clip(&after[..j]));
                out.push(q);
                rest = &after[j + 1..];
            }
            None => break,
        }
    }
    out.push_str(rest);
    out
}

/// The section a line is in, as the model's messages name it ("cluster 3", "plan wave 2").
fn section_at(text: &str, line_no: usize) -> Option<String> {
    let mut current: Option<String> = None;
    let mut counts: Vec<(String, usize)> = Vec::new();
    for line in text.lines().take(line_no) {
        let t = line.trim();
        let Some(h) = t.strip_prefix('[') else { continue };
        let array = h.starts_with('[');
        let name = h.trim_start_matches('[').split(']').next().unwrap_or("").trim().to_string();
        let n = match counts.iter_mut().find(|(k, _)| *k == name) {
            Some((_, n)) => {
                *n += 1;
                *n
            }
            None => {
                counts.push((name.clone(), 1));
                1
            }
        };
        current = Some(if array { format!("{} {n}", singular(&name)) } else { name.replace('.', " ") });
    }
    current
}

fn singular(array: &str) -> &str {
    match array {
        "clusters" => "cluster",
        "agent.calls" => "agent call",
        "plan.waves" => "plan wave",
        other => other,
    }
}

/// A checked section's message ("cluster 3 ('x'): …") with the line its section starts on.
fn with_line(text: &str, msg: &str) -> String {
    for (array, what) in [("clusters", "cluster "), ("agent.calls", "agent call "), ("plan.waves", "plan wave ")] {
        let Some(rest) = msg.strip_prefix(what) else { continue };
        let n: usize = rest.split(|c: char| !c.is_ascii_digit()).next().and_then(|d| d.parse().ok()).unwrap_or(0);
        let header = format!("[[{array}]]");
        let Some(start) = text.lines().enumerate().filter(|(_, l)| l.trim().starts_with(&header)).nth(n.wrapping_sub(1)).map(|(i, _)| i) else { continue };
        // The field the message names ("cluster 1 ('a'): at = …" → at), on its own line in the
        // section if the section writes it there; else the section's header.
        let after = rest.split_once("): ").or_else(|| rest.split_once(": ")).map_or("", |(_, m)| m);
        let field: String = after.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
        let field_line = text
            .lines()
            .enumerate()
            .skip(start + 1)
            .take_while(|(_, l)| !l.trim_start().starts_with('['))
            .find(|(_, l)| !field.is_empty() && l.split_once('=').is_some_and(|(k, _)| k.trim() == field))
            .map(|(i, _)| i);
        return format!("line {}: {msg}", field_line.unwrap_or(start) + 1);
    }
    msg.to_string()
}

fn clip(s: &str) -> String {
    crate::text::echo(s, 24)
}

/// `p` as a fleet file that reads back to the same run: every parameter that differs from
/// December's in `[defaults]`, the fleet as it runs, the agent, the plan.
pub fn to_toml(p: &Params) -> String {
    let base = Params::default();
    let mut defaults = toml::Table::new();
    // Without a described agent, poll and cost are plain defaults: an [agent] without calls
    // would read back with a warning that the agent is December's.
    let in_agent = |k: Key| p.agent.is_some() && matches!(k, Key::poll | Key::cost);
    for s in params::SPECS.iter().filter(|s| s.id != Key::agents && !in_agent(s.id)) {
        let v = p.value(s.key);
        if v != base.value(s.key) {
            let value = match s.kind {
                params::Kind::Bool => toml::Value::Boolean(v >= 0.5),
                params::Kind::Choice(_) => toml::Value::String(s.format(v)),
                params::Kind::Int => toml::Value::Integer(v as i64),
                params::Kind::Float => toml::Value::Float(v),
            };
            defaults.insert(s.key.to_string(), value);
        }
    }
    if !p.interventions.is_empty() {
        defaults.insert("iv".into(), toml::Value::String(params::format_interventions(&p.interventions)));
    }
    let plan = match &p.plan {
        Some(pl) => PlanDoc { waves: Some(pl.waves.clone()), gate: Some(pl.gate.clone()), ..PlanDoc::default() },
        None => PlanDoc { name: Some(if p.rollout == Rollout::Phased { "phased" } else { "december" }.into()), ..PlanDoc::default() },
    };
    let doc = Doc {
        defaults: (!defaults.is_empty()).then_some(defaults),
        clusters: Some(Fleet::as_run(p).clusters),
        agent: p.agent.as_ref().map(|a| AgentDoc {
            poll_s: Some(p.poll),
            cost: (p.cost != 1.0).then_some(p.cost),
            replicas: a.replicas,
            calls: Some(a.calls.clone()),
        }),
        plan: Some(plan),
    };
    toml::to_string(&doc).unwrap_or_else(|e| format!("# cannot write this fleet as TOML: {e}\n"))
}

/// December 2024 as a file: the built-in fleet, its agent as calls (six cluster-wide pod
/// LISTs, `cost = 1`) and its fleet-wide plan. Loading it runs bit-identically to the default.
pub fn december() -> String {
    let mut p = Params::default();
    p.set_fleet(Some(Fleet::december(&Params::default())));
    p.agent = Some(AgentSpec::december());
    format!(
        "# December 2024 as a fleet file: Cascade Lab's built-in fleet (staging + 12 production clusters,\n\
         # the largest 7,500 nodes), the agent as calls (six cluster-wide LISTs of every pod per poll:\n\
         # request cost 1) and December's fleet-wide rollout (`at`: where the 29-min window reaches each\n\
         # cluster; 0.724 is T, when the agent lands on the large clusters).\n\
         # `cascade check --fleet docs/fleets/december-2024.toml` runs exactly the default run.\n\n{}",
        to_toml(&p)
    )
}
