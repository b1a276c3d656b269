//! The compact text of a fleet, an agent and a plan: what a share link (`fleet=`, `agent=`,
//! `plan=`) and the seam between the app's two modules carry. Versioned (the leading `1`), only characters a query
//! keeps as they are (letters, digits, `- _ . ~ : ,`), and every field left at its fleet-wide
//! value left out, so 60 clusters fit in well under 2,000 characters.
//!
//! - fleet: `1~NAME,NODES[,TAGVALUE…]~…`; each per-cluster setting's tag is its row of
//!   `fleet::CLUSTER_FIELDS` (`p` pods, `a` apiservers, `s` seats, `m` memory GB, `c` watch
//!   cache 0/1, `t` TTL, `x` serve-stale 0/1), then `w` wave, `f` December plan's fraction,
//!   `g` staging.
//! - agent: `1[~rREPLICAS]~RESOURCE:SCOPE:SOURCE[:xCOUNT][:oOBJECTS][:eEVERY_S][:w]~…` (`w`: an
//!   informer; `rN`: a Deployment of N replicas instead of a pod per node)
//! - plan: `1~g:SIGNAL:THRESHOLD_PCT:DELAY_MIN~w:SOAK_MIN:I,J-K~…`, clusters by their index in the
//!   fleet (0 first), so a plan is read after its fleet.

use crate::sim::agent::{AgentSpec, Call, Resource, Scope, Source};
use crate::sim::fleet::{ClusterDesc, FieldKind, Fleet, FleetError, FleetErrorKind, CLUSTER_FIELDS};
use crate::sim::plan::{Gate, GateSignal, Plan, Wave};
use crate::sim::Params;

pub const VERSION: &str = "1";
/// Longest text read: a 60-cluster fleet with every field set is under 3,000 characters.
pub const MAX_TEXT: usize = 6_000;

/// A value echoed in a message, cut short (a hand-edited link may hold anything).
fn short(s: &str) -> String {
    crate::text::echo(s, 12)
}

fn err(kind: FleetErrorKind, what: &str, msg: impl std::fmt::Display) -> FleetError {
    FleetError::new(kind, format!("{what}: {msg}"))
}

fn body<'a>(what: &str, text: &'a str) -> Result<std::str::Split<'a, char>, FleetError> {
    if text.len() > MAX_TEXT {
        return Err(err(FleetErrorKind::TooMany, what, format!("{} characters is too long (at most {MAX_TEXT})", text.len())));
    }
    let mut parts = text.split('~');
    match parts.next() {
        Some(VERSION) => Ok(parts),
        Some(v) => Err(err(FleetErrorKind::Format, what, format!("version '{}' is not one this build reads (1)", short(v)))),
        None => Err(err(FleetErrorKind::Empty, what, "empty")),
    }
}

fn num<T: std::str::FromStr>(what: &str, field: &str, s: &str) -> Result<T, FleetError> {
    s.parse().map_err(|_| err(FleetErrorKind::Unreadable, what, format!("{field} = '{}' is not a number", short(s))))
}

/// A whole-number field (nodes, wave, a cluster's setting): a number outside what the field
/// can hold is out of range and a fraction is between its steps (as the CLI's `--agents 5000.7`
/// is), each naming the field's range (`fleet_file::whole_range`, the file's words); only text
/// that is no number at all is "not a number". `Fleet::validate` checks the range itself.
fn whole(what: &str, field: &str, s: &str) -> Result<u32, FleetError> {
    if let Ok(n) = s.parse::<u32>() {
        return Ok(n);
    }
    let Some(v) = crate::text::read_exact_number(s).filter(|v| !v.is_nan()) else {
        return Err(err(FleetErrorKind::Unreadable, what, format!("{field} = '{}' is not a number", short(s))));
    };
    let range = crate::formats::fleet_file::whole_range(field).unwrap_or_else(|| format!("0 to {}", u32::MAX));
    if !(0.0..=u32::MAX as f64).contains(&v.round()) {
        return Err(err(FleetErrorKind::OutOfRange, what, format!("{field} = {} is out of range ({range})", short(s))));
    }
    let nearest = crate::text::group_thousands(v.round() as i64);
    Err(err(FleetErrorKind::OutOfRange, what, format!("{field} = {} is not a whole number (nearest: {nearest}; {range})", short(s))))
}

fn flag(what: &str, field: &str, s: &str) -> Result<bool, FleetError> {
    match s {
        "1" => Ok(true),
        "0" => Ok(false),
        _ => Err(err(FleetErrorKind::Unreadable, what, format!("{field} must be 0 or 1"))),
    }
}

fn float(x: f64) -> String {
    crate::text::exact_number(x)
}

/// A float field (the page reads decimals with `text::decimal`, not std's parser).
fn real(what: &str, field: &str, s: &str) -> Result<f64, FleetError> {
    crate::text::read_exact_number(s).ok_or_else(|| err(FleetErrorKind::Unreadable, what, format!("{field} = '{}' is not a number", short(s))))
}

/// Every tag a cluster's text may hold, for the message naming a wrong one: `p a s m c t x w f g`.
fn tags() -> String {
    CLUSTER_FIELDS.iter().map(|f| f.tag).chain(['w', 'f', 'g']).map(String::from).collect::<Vec<_>>().join(" ")
}

pub fn fleet_to_text(f: &Fleet) -> String {
    let mut out = String::from(VERSION);
    for c in &f.clusters {
        out.push('~');
        out.push_str(&c.name);
        out.push(',');
        out.push_str(&c.nodes.to_string());
        let mut tag = |t: char, v: Option<String>| {
            if let Some(v) = v {
                out.push(',');
                out.push(t);
                out.push_str(&v);
            }
        };
        for f in CLUSTER_FIELDS {
            tag(f.tag, c.field(f.key).map(|v| (v as u64).to_string()));
        }
        tag('w', (c.wave != 0).then(|| c.wave.to_string()));
        tag('f', c.at.map(float));
        tag('g', c.staging.then(String::new));
    }
    out
}

/// Reads a fleet's compact text and checks it (`Fleet::validate`).
pub fn fleet_from_text(text: &str) -> Result<Fleet, FleetError> {
    let mut clusters = Vec::new();
    for (i, part) in body("fleet", text)?.enumerate() {
        if i >= crate::sim::fleet::MAX_CLUSTERS * 2 {
            return Err(FleetError::new(FleetErrorKind::TooMany, format!("fleet: too many clusters (1 to {})", crate::sim::fleet::MAX_CLUSTERS)));
        }
        let what = format!("cluster {}", i + 1);
        let mut fields = part.split(',');
        let name = fields.next().unwrap_or_default();
        let nodes = fields.next().ok_or_else(|| err(FleetErrorKind::Missing, &what, "nodes is missing"))?;
        let mut c = ClusterDesc::new(name, whole(&what, "nodes", nodes)?);
        for f in fields {
            let mut chars = f.chars();
            let tag = chars.next().unwrap_or(' ');
            let v = chars.as_str();
            match tag {
                'w' => c.wave = whole(&what, "wave", v)?,
                'f' => c.at = Some(real(&what, "at", v)?),
                'g' if v.is_empty() => c.staging = true,
                _ => {
                    let f = CLUSTER_FIELDS
                        .iter()
                        .find(|f| f.tag == tag)
                        .ok_or_else(|| err(FleetErrorKind::Unknown, &what, format!("'{}' is not a field ({})", short(f), tags())))?;
                    let n = match f.kind {
                        FieldKind::Whole => whole(&what, f.name(), v)? as f64,
                        FieldKind::Flag => flag(&what, f.name(), v)? as u8 as f64,
                    };
                    c.set_raw(f.key, n);
                }
            }
        }
        clusters.push(c);
    }
    let fleet = Fleet { clusters };
    fleet.validate()?;
    Ok(fleet)
}

pub fn agent_to_text(a: &AgentSpec) -> String {
    let mut out = String::from(VERSION);
    if let Some(r) = a.replicas {
        out.push_str(&format!("~r{r}"));
    }
    for c in &a.calls {
        out.push_str(&format!("~{}:{}:{}", c.resource, c.scope, c.source));
        if c.count != 1 {
            out.push_str(&format!(":x{}", c.count));
        }
        if let Some(o) = c.objects {
            out.push_str(&format!(":o{o}"));
        }
        if let Some(e) = c.every_s {
            out.push_str(&format!(":e{e}"));
        }
        if c.watch {
            out.push_str(":w");
        }
    }
    out
}

pub fn agent_from_text(text: &str) -> Result<AgentSpec, FleetError> {
    let mut calls = Vec::new();
    let mut replicas = None;
    let mut parts = body("agent", text)?.peekable();
    // A Deployment's replicas first (`r2`); no resource name begins with 'r'.
    if let Some(r) = parts.peek().and_then(|p| p.strip_prefix('r')) {
        replicas = Some(whole("agent", "replicas", r)?);
        parts.next();
    }
    for (i, part) in parts.enumerate() {
        if i >= crate::sim::agent::MAX_CALLS * 2 {
            return Err(FleetError::new(FleetErrorKind::TooMany, "agent: too many calls (1 to 16)"));
        }
        let what = format!("agent call {}", i + 1);
        let mut f = part.split(':');
        let pick = |field: &str, v: Option<&str>, names: &[&str]| -> Result<usize, FleetError> {
            let v = v.unwrap_or_default();
            names
                .iter()
                .position(|n| *n == v)
                .ok_or_else(|| err(FleetErrorKind::Unreadable, &what, format!("{field} = '{}' is not one of {}", short(v), names.join(", "))))
        };
        let resource = Resource::ALL[pick("resource", f.next(), Resource::NAMES)?];
        let scope = Scope::ALL[pick("scope", f.next(), Scope::NAMES)?];
        let source = Source::ALL[pick("source", f.next(), Source::NAMES)?];
        let mut call = Call { source, ..Call::new(resource, scope) };
        for t in f {
            // By prefix, not by byte index: a hand-edited link may put any character first.
            if let Some(v) = t.strip_prefix('x') {
                call.count = whole(&what, "count", v)?;
            } else if let Some(v) = t.strip_prefix('o') {
                call.objects = Some(whole(&what, "objects", v)?);
            } else if let Some(v) = t.strip_prefix('e') {
                call.every_s = Some(whole(&what, "every_s", v)?);
            } else if t == "w" {
                call.watch = true;
            } else {
                return Err(err(FleetErrorKind::Unknown, &what, format!("'{}' is not a field (x o e w)", short(t))));
            }
        }
        calls.push(call);
    }
    let agent = AgentSpec { replicas, calls };
    agent.validate()?;
    Ok(agent)
}

/// Clusters by index, runs of consecutive ones as ranges: `0-3,5`.
fn indices(list: &[usize]) -> String {
    let mut out = Vec::new();
    let mut i = 0;
    while i < list.len() {
        let mut j = i;
        while j + 1 < list.len() && list[j + 1] == list[j] + 1 {
            j += 1;
        }
        out.push(if j > i { format!("{}-{}", list[i], list[j]) } else { list[i].to_string() });
        i = j + 1;
    }
    out.join(",")
}

/// A plan against the fleet's cluster names (a wave's names that are not in it are dropped:
/// `Plan::validate` has already refused them).
pub fn plan_to_text(p: &Plan, names: &[String]) -> String {
    let g = &p.gate;
    let mut out = format!("{VERSION}~g:{}:{}:{}", g.signal, float(g.threshold_pct), float(g.delay_min));
    for w in &p.waves {
        // In the fleet's order, so runs of neighbours become ranges.
        let idx: Vec<usize> = (0..names.len()).filter(|&i| w.clusters.iter().any(|n| n.eq_ignore_ascii_case(&names[i]))).collect();
        out.push_str(&format!("~w:{}:{}", float(w.soak_min), indices(&idx)));
    }
    out
}

pub fn plan_from_text(text: &str, names: &[String]) -> Result<Plan, FleetError> {
    let mut plan = Plan { waves: Vec::new(), gate: Gate::default() };
    for (i, part) in body("plan", text)?.enumerate() {
        if i > crate::sim::plan::MAX_WAVES * 2 {
            return Err(FleetError::new(FleetErrorKind::TooMany, "plan: too many waves (1 to 20)"));
        }
        let f: Vec<&str> = part.split(':').collect();
        match f.as_slice() {
            ["g", signal, thr, delay] => {
                let signal = GateSignal::NAMES.iter().position(|n| n == signal).map(|k| GateSignal::ALL[k]).ok_or_else(|| {
                    err(FleetErrorKind::Unreadable, "plan gate", format!("signal = '{}' is not one of {}", short(signal), GateSignal::NAMES.join(", ")))
                })?;
                plan.gate = Gate { signal, threshold_pct: real("plan gate", "threshold_pct", thr)?, delay_min: real("plan gate", "delay_min", delay)? };
            }
            ["w", soak, list] => {
                let what = format!("plan wave {}", plan.waves.len() + 1);
                let mut clusters = Vec::new();
                for item in list.split(',').filter(|s| !s.is_empty()) {
                    let (a, b) = item.split_once('-').unwrap_or((item, item));
                    let (a, b): (usize, usize) = (num(&what, "clusters", a)?, num(&what, "clusters", b)?);
                    if a > b || b >= names.len() {
                        return Err(err(
                            FleetErrorKind::NotInFleet,
                            &what,
                            format!("clusters '{item}' is not within the fleet's {}", crate::text::count(names.len() as i64, "cluster", "clusters")),
                        ));
                    }
                    clusters.extend(names[a..=b].iter().cloned());
                }
                plan.waves.push(Wave { clusters, soak_min: real(&what, "soak_min", soak)? });
            }
            _ => return Err(err(FleetErrorKind::Format, "plan", format!("'{}' is neither a gate (g:…) nor a wave (w:…)", short(part)))),
        }
    }
    plan.validate(names)?;
    Ok(plan)
}

/// Key/value pairs of everything in `p` that differs from `base`: `Params::schema_diff_pairs`,
/// then the fleet, the agent and the plan in their compact text (in that order: a plan is read
/// against its fleet).
pub fn diff_pairs(p: &Params, base: &Params) -> Vec<(&'static str, String)> {
    let mut out = p.schema_diff_pairs(base);
    if p.fleet != base.fleet {
        out.push(("fleet", p.fleet.as_ref().map(fleet_to_text).unwrap_or_default()));
    }
    if p.agent != base.agent {
        out.push(("agent", p.agent.as_ref().map(agent_to_text).unwrap_or_default()));
    }
    if p.plan != base.plan {
        out.push(("plan", p.plan.as_ref().map(|pl| plan_to_text(pl, &crate::sim::fleet::names(p))).unwrap_or_default()));
    }
    out
}

/// `diff_pairs` for a line people read (`cascade run`'s "changed:"): a described fleet, agent
/// or plan as its size (`fleet=<5 clusters>`), not its whole compact text, which for a large
/// fleet is thousands of characters; `<December's>` where the preset's built-in one is back.
pub fn summary_pairs(p: &Params, base: &Params) -> Vec<(&'static str, String)> {
    let count = |n: usize, one: &str, many: &str| format!("<{}>", crate::text::count(n as i64, one, many));
    let mut out = p.schema_diff_pairs(base);
    let december = || "<December's>".to_string();
    if p.fleet != base.fleet {
        out.push(("fleet", p.fleet.as_ref().map_or_else(december, |f| count(f.clusters.len(), "cluster", "clusters"))));
    }
    if p.agent != base.agent {
        out.push(("agent", p.agent.as_ref().map_or_else(december, |a| count(a.calls.len(), "call", "calls"))));
    }
    if p.plan != base.plan {
        out.push(("plan", p.plan.as_ref().map_or_else(december, |pl| count(pl.waves.len(), "wave", "waves"))));
    }
    out
}
