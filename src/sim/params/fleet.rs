//! The fleet: December 2024's built-in one (one staging cluster and twelve production clusters
//! shaped like the real one — "hundreds of clusters", the largest 7,500 nodes — a dozen stand in
//! for the hundreds), or a fleet someone describes (`Fleet`: 1 to 60 clusters, each field it
//! leaves out taking the run's fleet-wide value).
//!
//! Either way the model sees `Resolved` clusters: every number it needs, per cluster. The
//! built-in fleet resolves with the same float operations it always had, so its runs keep
//! their bits (tests/common/golden.rs).

use super::{Key, ParamError, ParamValue, Params};
use serde::{Deserialize, Serialize};

/// Sizes are at the default 7,500 agents; production scales with the `agents` parameter.
pub struct ClusterDef {
    pub name: &'static str,
    /// Production only; staging's size is the `staging_nodes` parameter.
    pub base_nodes: f64,
    pub staging: bool,
    /// When the fleet-wide rollout reaches it, as a fraction of the window. The window is
    /// placed so that the large clusters (0.724 = 21 of 29 min) get the agent at T = 0.
    pub fleet_frac: f64,
    /// Wave in a phased rollout: 0 staging, 1 small, 2 medium, 3 large.
    pub wave: u8,
}

pub const LARGE_FRAC: f64 = 21.0 / 29.0;
pub const LARGEST_BASE: f64 = 7_500.0;

pub const FLEET: &[ClusterDef] = &[
    ClusterDef { name: "staging", base_nodes: 0.0, staging: true, fleet_frac: -0.1, wave: 0 },
    ClusterDef { name: "large-a", base_nodes: 7_500.0, staging: false, fleet_frac: LARGE_FRAC, wave: 3 },
    ClusterDef { name: "large-b", base_nodes: 5_000.0, staging: false, fleet_frac: LARGE_FRAC, wave: 3 },
    ClusterDef { name: "large-c", base_nodes: 2_500.0, staging: false, fleet_frac: LARGE_FRAC, wave: 3 },
    ClusterDef { name: "medium-a", base_nodes: 2_000.0, staging: false, fleet_frac: 1.0, wave: 2 },
    ClusterDef { name: "medium-b", base_nodes: 1_600.0, staging: false, fleet_frac: 0.62, wave: 2 },
    ClusterDef { name: "medium-c", base_nodes: 1_200.0, staging: false, fleet_frac: 0.52, wave: 2 },
    ClusterDef { name: "medium-d", base_nodes: 800.0, staging: false, fleet_frac: 0.41, wave: 2 },
    ClusterDef { name: "medium-e", base_nodes: 500.0, staging: false, fleet_frac: 0.31, wave: 2 },
    ClusterDef { name: "small-a", base_nodes: 450.0, staging: false, fleet_frac: 0.21, wave: 1 },
    ClusterDef { name: "small-b", base_nodes: 300.0, staging: false, fleet_frac: 0.14, wave: 1 },
    ClusterDef { name: "small-c", base_nodes: 200.0, staging: false, fleet_frac: 0.07, wave: 1 },
    ClusterDef { name: "small-d", base_nodes: 100.0, staging: false, fleet_frac: 0.0, wave: 1 },
];

/// Nodes in a cluster for a given agent count (the largest cluster has exactly `agents`);
/// staging has `staging_nodes`, never more than the largest production cluster.
pub fn nodes(def: &ClusterDef, agents: u32, staging_nodes: u32) -> f64 {
    if def.staging {
        return (staging_nodes as f64).min(agents as f64).max(1.0);
    }
    (def.base_nodes * agents as f64 / LARGEST_BASE).round().max(1.0)
}

/// A described fleet holds 1 to this many clusters.
pub const MAX_CLUSTERS: usize = 60;
/// Nodes per cluster, as the `agents` parameter allows (a DaemonSet runs one agent per node).
pub const NODES_RANGE: (u32, u32) = (1, 100_000);
/// Rollout waves are numbered 0 to this.
pub const MAX_WAVE: u32 = 20;
/// A cluster name: a DNS label's characters, so it travels in a link as it is.
pub const MAX_NAME: usize = 40;

/// How a per-cluster field is written in a compact link and typed in the editor.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FieldKind {
    /// A whole number (`nodes`, `ttl`, …).
    Whole,
    /// Yes or no (`watch_cache`, …).
    Flag,
}

/// One per-cluster field a fleet may set: its schema key (range, unit, help), its one-letter tag
/// in a link's compact fleet text, the fleet editor's column heading, and whether a sweep can
/// vary it for one cluster (`cluster.NAME.FIELD`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ClusterField {
    pub key: Key,
    pub tag: char,
    pub heading: &'static str,
    pub kind: FieldKind,
    pub sweep: bool,
}

impl ClusterField {
    /// Its name: the parameter's key, the fleet file's key and the editor's column.
    pub fn name(&self) -> &'static str {
        self.key.name()
    }
}

/// Declares every per-cluster field that takes the run's fleet-wide parameter of the same key
/// when a cluster leaves it out, **once**: `ClusterDesc`'s optional field, `Resolved`'s decided
/// one, the resolution, and the row of `CLUSTER_FIELDS` the compact text, the fleet file's
/// error messages, the editor's columns and the sweep's axes all read. Adding a row here is the
/// whole change for a new per-cluster setting (the model then reads it from `Resolved`).
macro_rules! cluster_fields {
    ($( $(#[$doc:meta])* $key:ident: $ty:ty, $tag:literal, $heading:literal, $kind:ident, sweep: $sweep:literal; )+) => {
        /// One cluster of a described fleet. `None` takes the run's fleet-wide value (the
        /// parameter of the same key), so a fleet file names only what differs.
        #[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Default)]
        #[serde(deny_unknown_fields)]
        pub struct ClusterDesc {
            pub name: String,
            pub nodes: u32,
            $( $(#[$doc])* #[serde(default, skip_serializing_if = "Option::is_none")] pub $key: Option<$ty>, )+
            /// Rollout wave (0 first). The phased plan lands wave w at w × a third of the large
            /// clusters' lead; the December plan spreads the waves over the rollout window.
            #[serde(default)]
            pub wave: u32,
            /// Where the December plan reaches it, as a fraction of the rollout window (0.724 = T);
            /// left out, the waves are spread evenly with the last at T.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub at: Option<f64>,
            /// Not serving customers (a staging cluster): no customer traffic, and the phased plan
            /// gives it the agent 3 min before its wave.
            #[serde(default, skip_serializing_if = "std::ops::Not::not")]
            pub staging: bool,
        }

        /// One cluster as the model runs it: every field decided.
        #[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
        pub struct Resolved {
            pub name: String,
            pub nodes: f64,
            pub staging: bool,
            $( $(#[$doc])* pub $key: $ty, )+
            pub wave: u32,
            /// The December plan's landing, as a fraction of the rollout window.
            pub at: f64,
        }

        /// The per-cluster fields a fleet may set besides name, nodes, wave, `at` and staging,
        /// in the editor's column order.
        pub const CLUSTER_FIELDS: &[ClusterField] = &[
            $( ClusterField { key: Key::$key, tag: $tag, heading: $heading, kind: FieldKind::$kind, sweep: $sweep }, )+
        ];

        impl ClusterDesc {
            /// A field of `CLUSTER_FIELDS` as the schema reads it (bools 0/1); `None` when the
            /// cluster leaves it to the fleet-wide value.
            pub fn field(&self, key: Key) -> Option<f64> {
                match key {
                    $( Key::$key => self.$key.map(ParamValue::to_f64), )+
                    _ => None,
                }
            }
            /// Sets a field of `CLUSTER_FIELDS` exactly as read (a link's text, a table's cell),
            /// unclamped, so `Fleet::validate` can refuse a value out of range.
            pub fn set_raw(&mut self, key: Key, v: f64) {
                match key {
                    $( Key::$key => self.$key = Some(<$ty as ParamValue>::from_f64(v)), )+
                    _ => {}
                }
            }
            /// Sets a field of `CLUSTER_FIELDS` (`None`: the fleet-wide value), clamped into
            /// its parameter's range and rounded as the schema holds it.
            pub fn set_field(&mut self, key: Key, v: Option<f64>) {
                match key {
                    $( Key::$key => self.$key = v.map(|v| <$ty as ParamValue>::from_f64(key.spec().clamp(v))), )+
                    _ => {}
                }
            }
        }

        impl Resolved {
            /// The cluster's own value of a `CLUSTER_FIELDS` key (its nodes for `agents`, the
            /// key a node count is ranged by), NaN for any other key.
            pub fn value(&self, key: Key) -> f64 {
                match key {
                    Key::agents => self.nodes,
                    $( Key::$key => self.$key.to_f64(), )+
                    _ => f64::NAN,
                }
            }
        }

        /// A cluster of fleet-wide values, before its own fields apply.
        fn resolve_base(p: &Params, name: String, nodes: f64, staging: bool, wave: u32, at: f64) -> Resolved {
            Resolved { name, nodes, staging, $( $key: p.$key, )+ wave, at }
        }

        /// Its own fields over the fleet-wide values.
        fn resolve_own(r: &mut Resolved, c: &ClusterDesc) {
            $( r.$key = c.$key.unwrap_or(r.$key); )+
        }
    };
}

cluster_fields! {
    pods: u32, 'p', "Pods/node", Whole, sweep: true;
    apiservers: u32, 'a', "API servers", Whole, sweep: true;
    seats: u32, 's', "Seats", Whole, sweep: true;
    apiserver_mem_gb: u32, 'm', "Memory GB", Whole, sweep: true;
    cores: u32, 'u', "Cores", Whole, sweep: true;
    list_seats: u32, 'l', "LIST seats", Whole, sweep: true;
    streaming_lists: bool, 'r', "Streamed LISTs", Flag, sweep: false;
    watch_cache: bool, 'c', "Watch cache", Flag, sweep: false;
    ttl: u32, 't', "DNS TTL s", Whole, sweep: true;
    dns_serve_stale: bool, 'x', "Serve-stale", Flag, sweep: false;
}

/// A per-cluster field by its name (the parameter's key).
pub fn cluster_field(name: &str) -> Option<&'static ClusterField> {
    CLUSTER_FIELDS.iter().find(|f| f.name() == name)
}

/// A described fleet.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Default)]
pub struct Fleet {
    pub clusters: Vec<ClusterDesc>,
}

crate::named_enum! {
    /// What is wrong with a described fleet, agent or plan: what tests and programs match.
    FleetErrorKind {
        /// A value outside its range.
        OutOfRange = "out-of-range",
        /// A value that does not read (not a number, not one of the choices, not 0/1).
        Unreadable = "unreadable",
        /// A field, column or tag this build does not know.
        Unknown = "unknown",
        /// Something required is missing or empty (nodes, a wave's clusters, a CSV header).
        Missing = "missing",
        /// More clusters, calls or waves than a fleet, agent or plan may have, or text longer
        /// than a link carries.
        TooMany = "too-many",
        /// None at all (no clusters, calls or waves).
        Empty = "empty",
        /// A name a link and a TOML key cannot carry.
        Name = "name",
        /// The same name or column twice, or a cluster in two waves.
        Duplicate = "duplicate",
        /// A name the fleet does not have.
        NotInFleet = "not-in-fleet",
        /// Settings that cannot hold together (an informer that polls, a fleet all staging,
        /// node-scoped calls of a Deployment, soaks over 600 min in all, a cluster in no wave).
        Conflict = "conflict",
        /// Text in another format version, or not shaped as the format says.
        Format = "format",
    }
}

/// What is wrong with a described fleet, agent or plan: its kind, and one line naming the
/// field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FleetError {
    pub kind: FleetErrorKind,
    pub text: String,
}

impl FleetError {
    pub fn new(kind: FleetErrorKind, text: impl Into<String>) -> FleetError {
        FleetError { kind, text: text.into() }
    }
}

impl std::fmt::Display for FleetError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text)
    }
}

impl std::error::Error for FleetError {}

impl From<ParamError> for FleetError {
    fn from(e: ParamError) -> FleetError {
        let kind = match e {
            ParamError::OutOfRange { .. } | ParamError::NotAtStep { .. } => FleetErrorKind::OutOfRange,
            ParamError::UnknownKey(_) | ParamError::UnknownPreset(_) => FleetErrorKind::Unknown,
            _ => FleetErrorKind::Unreadable,
        };
        FleetError::new(kind, e.to_string())
    }
}

/// A name a link and a TOML key can carry as it is.
pub fn valid_name(s: &str) -> bool {
    !s.is_empty() && s.len() <= MAX_NAME && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_' || b == b'.')
}

fn check_range(what: &str, key: Key, v: f64) -> Result<(), FleetError> {
    let s = key.spec();
    if v < s.min || v > s.max {
        return Err(FleetError::new(FleetErrorKind::OutOfRange, format!("{what}: {} = {} is out of range ({})", key.name(), v as i64, super::range_text(s))));
    }
    Ok(())
}

impl ClusterDesc {
    /// A cluster of `nodes` named `name`, every other field fleet-wide.
    pub fn new(name: &str, nodes: u32) -> ClusterDesc {
        ClusterDesc { name: name.into(), nodes, ..ClusterDesc::default() }
    }

    fn validate(&self, i: usize) -> Result<(), FleetError> {
        let what = if self.name.is_empty() { format!("cluster {}", i + 1) } else { format!("cluster {} ('{}')", i + 1, clip(&self.name)) };
        if !valid_name(&self.name) {
            return Err(FleetError::new(FleetErrorKind::Name, format!("{what}: name must be 1 to {MAX_NAME} letters, digits, '-', '_' or '.'")));
        }
        if self.nodes < NODES_RANGE.0 || self.nodes > NODES_RANGE.1 {
            return Err(FleetError::new(FleetErrorKind::OutOfRange, format!("{what}: nodes = {} is out of range (1 to 100,000)", self.nodes)));
        }
        for f in CLUSTER_FIELDS {
            if let Some(v) = self.field(f.key) {
                check_range(&what, f.key, v)?;
            }
        }
        if self.wave > MAX_WAVE {
            return Err(FleetError::new(FleetErrorKind::OutOfRange, format!("{what}: wave = {} is out of range (0 to {MAX_WAVE})", self.wave)));
        }
        if let Some(a) = self.at {
            if !(-1.0..=2.0).contains(&a) {
                // As written (to six decimals), not rounded to what a reader would not recognise.
                let written = format!("{a:.6}");
                let written = written.trim_end_matches('0').trim_end_matches('.');
                return Err(FleetError::new(
                    FleetErrorKind::OutOfRange,
                    format!("{what}: at = {written} is out of range (-1 to 2, a fraction of the rollout window)"),
                ));
            }
        }
        Ok(())
    }
}

/// A name echoed in a message, cut at 24 characters.
pub(crate) fn clip(s: &str) -> String {
    crate::text::echo(s, 24)
}

impl Fleet {
    /// The fleet `p` runs, with the node counts it runs (a fleet scaled by `--agents` written
    /// at its scaled sizes; the built-in fleet written out).
    pub fn as_run(p: &Params) -> Fleet {
        match &p.fleet {
            None => Fleet::december(p),
            Some(f) if p.agents == p.agents_default(&Params::default()) => f.clone(),
            Some(f) => {
                let mut f = f.clone();
                for (c, r) in f.clusters.iter_mut().zip(&resolve(p)) {
                    c.nodes = r.nodes as u32;
                }
                f
            }
        }
    }

    /// Every rule a fleet must keep, first failure first: 1 to 60 clusters, names unique and
    /// link-safe, every field in its parameter's range. Some production cluster is needed for
    /// customers to exist.
    pub fn validate(&self) -> Result<(), FleetError> {
        if self.clusters.is_empty() {
            return Err(FleetError::new(FleetErrorKind::Empty, "fleet: no clusters (a fleet needs 1 to 60)"));
        }
        if self.clusters.len() > MAX_CLUSTERS {
            return Err(FleetError::new(FleetErrorKind::TooMany, format!("fleet: {} clusters is too many (1 to {MAX_CLUSTERS})", self.clusters.len())));
        }
        for (i, c) in self.clusters.iter().enumerate() {
            c.validate(i)?;
            if let Some(j) = self.clusters[..i].iter().position(|o| o.name.eq_ignore_ascii_case(&c.name)) {
                return Err(FleetError::new(
                    FleetErrorKind::Duplicate,
                    format!("cluster {} ('{}'): name is already cluster {}'s", i + 1, clip(&c.name), j + 1),
                ));
            }
        }
        if self.clusters.iter().all(|c| c.staging) {
            return Err(FleetError::new(FleetErrorKind::Conflict, "fleet: every cluster is staging (at least one must serve customers)"));
        }
        Ok(())
    }

    /// The largest cluster's nodes: what `agents` stands for with this fleet.
    pub fn largest(&self) -> u32 {
        self.clusters.iter().map(|c| c.nodes).max().unwrap_or(1)
    }

    /// The built-in fleet at the default size, as a description (`cascade fleet --december`
    /// writes it; `docs/fleets/december-2024.toml` is it, checked to run bit-identically).
    pub fn december(p: &Params) -> Fleet {
        Fleet {
            clusters: FLEET
                .iter()
                .map(|d| ClusterDesc {
                    name: d.name.into(),
                    nodes: nodes(d, p.agents, p.staging_nodes) as u32,
                    wave: d.wave as u32,
                    at: Some(d.fleet_frac),
                    staging: d.staging,
                    ..ClusterDesc::default()
                })
                .collect(),
        }
    }
}

impl Fleet {
    /// `n` clusters from 80 to 6,000 nodes in four waves, a few with their own pods, API
    /// servers and TTL: the benchmarks' fleet (the largest at the end of the list).
    pub fn synthetic(n: usize) -> Fleet {
        let n = n.clamp(1, MAX_CLUSTERS);
        Fleet {
            clusters: (0..n)
                .map(|i| ClusterDesc {
                    wave: (i * 4 / n) as u32,
                    pods: (i % 3 == 0).then_some(40),
                    apiservers: (i % 7 == 0).then_some(5),
                    ttl: (i % 5 == 0).then_some(30),
                    ..ClusterDesc::new(&format!("c{:02}", i + 1), 80 + (5_920 * i / (n - 1).max(1)) as u32)
                })
                .collect(),
        }
    }
}

/// The clusters `p` runs: the built-in fleet (scaled by `agents`, staging by `staging_nodes`)
/// or `p.fleet`, its nodes scaled by `agents` ÷ its largest cluster (exactly its own sizes when
/// `agents` is its largest, as loading a fleet sets it).
pub fn resolve(p: &Params) -> Vec<Resolved> {
    let base = |name: String, nodes: f64, staging: bool, wave: u32, at: f64| resolve_base(p, name, nodes, staging, wave, at);
    let Some(fleet) = &p.fleet else {
        return FLEET.iter().map(|d| base(d.name.into(), nodes(d, p.agents, p.staging_nodes), d.staging, d.wave as u32, d.fleet_frac)).collect();
    };
    let largest = fleet.largest();
    let scaled = p.agents != largest.clamp(Key::agents.spec().min as u32, Key::agents.spec().max as u32);
    let waves = wave_ranks(fleet);
    fleet
        .clusters
        .iter()
        .map(|c| {
            let n = if scaled { (c.nodes as f64 * p.agents as f64 / largest as f64).round().max(1.0) } else { c.nodes as f64 };
            // Left out, waves spread evenly over the window's first 72.4 %, the last wave at T.
            let rank = waves.iter().position(|&w| w == c.wave).unwrap_or(0);
            let at = c.at.unwrap_or(if waves.len() < 2 { LARGE_FRAC } else { LARGE_FRAC * rank as f64 / (waves.len() - 1) as f64 });
            let mut r = base(c.name.clone(), n, c.staging, c.wave, at);
            resolve_own(&mut r, c);
            r
        })
        .collect()
}

/// The fleet's distinct wave numbers, ascending. (Waves are at most `MAX_WAVE`: marking them
/// present costs the page less code than a sort.)
pub fn wave_ranks(fleet: &Fleet) -> Vec<u32> {
    distinct_waves(fleet.clusters.iter().map(|c| c.wave))
}

/// Distinct wave numbers in ascending order.
pub fn distinct_waves(waves: impl Iterator<Item = u32>) -> Vec<u32> {
    let mut present = [false; MAX_WAVE as usize + 1];
    for w in waves {
        present[w.min(MAX_WAVE) as usize] = true;
    }
    (0..=MAX_WAVE).filter(|&w| present[w as usize]).collect()
}

/// The names of the clusters `p` runs, in order (without simulating).
pub fn names(p: &Params) -> Vec<String> {
    match &p.fleet {
        Some(f) => f.clusters.iter().map(|c| c.name.clone()).collect(),
        None => FLEET.iter().map(|d| d.name.to_string()).collect(),
    }
}

/// The largest production cluster's index: the one "the agent lands" names, and the
/// diagram's cluster when a link names none (`large-a`, 1, for the built-in fleet).
pub fn largest_index(p: &Params) -> usize {
    match &p.fleet {
        None => 1,
        Some(f) => {
            let mut best = 0;
            for (i, c) in f.clusters.iter().enumerate() {
                let b = &f.clusters[best];
                if (b.staging && !c.staging) || (c.staging == b.staging && c.nodes > b.nodes) {
                    best = i;
                }
            }
            best
        }
    }
}
