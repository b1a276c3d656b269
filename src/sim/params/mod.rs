//! The one parameter schema. Sliders, share links and the CLI all read `SPECS`, so a
//! key, a range or a default is written exactly once.
//!
//! A run's parameters also hold what it describes beyond the schema's scalars — its fleet,
//! agent and rollout plan — declared in this module's children: each names its fields by the
//! schema's keys (a cluster's TTL is the `ttl` parameter's), and `Params` holds them, so the
//! four are one module (`sim::fleet`, `sim::agent`, `sim::plan` re-export them).

pub mod agent;
pub mod fleet;
pub mod plan;

use crate::text::{group_thousands, human_seconds};
use agent::{AgentSpec, Call, Resource, Scope, Source};
use fleet::Fleet;
use plan::Plan;
use serde::{Deserialize, Serialize};
use std::fmt;

/// How a parameter's value is typed. Every value travels as an `f64` through the generic
/// interface (bools as 0/1, choices as an index) so one code path serves all of them.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Kind {
    Int,
    Float,
    Bool,
    Choice(&'static [&'static str]),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Group {
    Main,
    Advanced,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Spec {
    pub key: &'static str,
    /// The same key, typed.
    pub id: Key,
    pub label: &'static str,
    pub unit: &'static str,
    pub kind: Kind,
    pub min: f64,
    pub max: f64,
    pub default: f64,
    /// Sliders move on a log scale (agent count spans four decades).
    pub log: bool,
    pub group: Group,
    pub help: &'static str,
}

/// An enum whose variants have fixed names (links, JSON, the CLI, the module boundary): the one
/// enum↔string mechanism. It derives the usual traits, `ALL` and `NAMES` in declaration order,
/// `name`, case-insensitive `from_name`, `Display` and serde as the name. The first variant is
/// the `Default`.
#[macro_export]
macro_rules! named_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $var:ident = $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
        pub enum $name {
            #[default]
            $($(#[$vmeta])* $var),+
        }
        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$var),+];
            pub const NAMES: &'static [&'static str] = &[$($text),+];
            pub fn name(self) -> &'static str {
                Self::NAMES[self as usize]
            }
            /// Case-insensitive, as links and the CLI have always accepted.
            pub fn from_name(s: &str) -> Option<$name> {
                Self::NAMES.iter().position(|n| n.eq_ignore_ascii_case(s.trim())).map(|i| Self::ALL[i])
            }
        }
        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.name())
            }
        }
        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.name())
            }
        }
        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = String::deserialize(d)?;
                $name::from_name(&s).ok_or_else(|| {
                    let shown: String = s.chars().take(24).collect();
                    ::serde::de::Error::custom(format!("'{shown}' is not one of {}", Self::NAMES.join(", ")))
                })
            }
        }
    };
}

/// A choice parameter: a `named_enum!` whose names are the strings links, JSON and the CLI have
/// always used (so a stored link or export reads the same), carried by sliders as its index.
macro_rules! choice {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $var:ident = $text:literal),+ $(,)? }) => {
        $crate::named_enum! { $(#[$meta])* $name { $($(#[$vmeta])* $var = $text),+ } }
        impl ParamValue for $name {
            const KIND: Kind = Kind::Choice(Self::NAMES);
            fn to_f64(self) -> f64 {
                self as usize as f64
            }
            fn from_f64(v: f64) -> Self {
                Self::ALL[(v as usize).min(Self::ALL.len() - 1)]
            }
        }
    };
}

/// How a typed field travels through the generic, slider-shaped interface (`value`/`set_value`):
/// as an `f64`, bools as 0/1 and choices as their index.
pub trait ParamValue: Copy {
    const KIND: Kind;
    fn to_f64(self) -> f64;
    /// `v` is already clamped and rounded by `Spec::clamp`.
    fn from_f64(v: f64) -> Self;
}

impl ParamValue for u32 {
    const KIND: Kind = Kind::Int;
    fn to_f64(self) -> f64 {
        self as f64
    }
    fn from_f64(v: f64) -> Self {
        v as u32
    }
}
impl ParamValue for u64 {
    const KIND: Kind = Kind::Int;
    fn to_f64(self) -> f64 {
        self as f64
    }
    fn from_f64(v: f64) -> Self {
        v as u64
    }
}
impl ParamValue for f64 {
    const KIND: Kind = Kind::Float;
    fn to_f64(self) -> f64 {
        self
    }
    fn from_f64(v: f64) -> Self {
        v
    }
}
impl ParamValue for bool {
    const KIND: Kind = Kind::Bool;
    fn to_f64(self) -> f64 {
        if self {
            1.0
        } else {
            0.0
        }
    }
    fn from_f64(v: f64) -> Self {
        v >= 0.5
    }
}

choice!(
    /// How the agent reaches the fleet.
    Rollout { Fleet = "fleet", Phased = "phased" }
);
choice!(
    /// What clients do when the API rejects them.
    RetryPolicy { ClientGo = "client-go", Jittered = "jittered", Budget = "budget", None = "none" }
);
choice!(
    /// How a fixed cluster lets its clients back in.
    Recovery { Ramped = "ramped", AllAtOnce = "all-at-once" }
);
choice!(
    /// A named scenario; see `PRESETS`.
    Preset {
        December2024 = "december-2024",
        Staging = "staging",
        BreakGlass = "break-glass",
        PhasedRollout = "phased-rollout",
        ShortTtl = "short-ttl",
        RetryBudget = "retry-budget",
        WatchCache = "watch-cache",
        Herd = "herd",
        Datadog2023 = "datadog-2023",
        Multus2021 = "multus-2021",
    }
);

/// The public incident a preset reproduces (or stands beside).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Incident {
    /// `../shared/incident.md`: the telemetry agent that took the large clusters down.
    December2024,
    /// Datadog's 8 March 2023 outage: a fleet-wide change at once (shape only).
    Datadog2023,
    /// openshift/multus-admission-controller#40: an API-server restart into an OOM loop.
    Multus2021,
}

impl Incident {
    pub const ALL: [Incident; 3] = [Incident::December2024, Incident::Multus2021, Incident::Datadog2023];
    /// The picker's group heading.
    pub fn title(self) -> &'static str {
        match self {
            Incident::December2024 => "December 2024: the telemetry agent",
            Incident::Multus2021 => "December 2021: OpenShift, multus webhook",
            Incident::Datadog2023 => "March 2023: Datadog",
        }
    }
    /// The page's tagline for it: spoiler-free (the setup, nothing of what follows), then the
    /// causal chain once the run has been seen.
    pub fn tagline(self, spoiler_free: bool) -> &'static str {
        match (self, spoiler_free) {
            (Incident::Multus2021, true) => "December 2021: an admission webhook on every node of an OpenShift cluster watches every pod, and the API servers are restarted. Predict what happens, then play.",
            (Incident::Multus2021, false) => "December 2021: a restart of the API servers breaks every watch, and the webhook on every node relists every pod at once — enough, on the reported cluster, to keep them in an OOM loop after the restart is over.",
            (_, true) => "December 2024: a new telemetry agent rolls out to every node of the fleet. Predict what happens, then play.",
            (_, false) => "December 2024: a telemetry agent overloads the Kubernetes API servers, DNS caches hide it, and the fix needs the API that is down.",
        }
    }
}

pub const PRESET_NAMES: &[&str] = Preset::NAMES;

/// A named scenario: the December 2024 calibration plus a few changes, written as the text a
/// link or the CLI would carry (so `tests/native/params_schema.rs` can check every one parses).
pub struct PresetDef {
    pub preset: Preset,
    /// What the picker shows.
    pub label: &'static str,
    /// One line: what it changes and what to watch for.
    pub watch: &'static str,
    /// The public incident it reproduces; December 2024's "really" times apply beside its own.
    pub incident: Incident,
    pub changes: &'static [(&'static str, &'static str)],
    /// A fleet of its own, as (name, nodes) with every other field fleet-wide; empty: the
    /// built-in fleet.
    pub fleet: &'static [(&'static str, u32)],
    /// An agent described as calls (a DaemonSet's pod per node); empty: the `cost` knob.
    pub agent: &'static [Call],
}

/// Every preset, in picker order (the order of `Preset`).
pub const PRESETS: &[PresetDef] = &[
    PresetDef {
        preset: Preset::December2024,
        label: "December 2024 (as it happened)",
        watch: "The calibrated outage, as it happened. Watch when customers notice the fall, and what the rollout does meanwhile.",
        incident: Incident::December2024,
        changes: &[],
        fleet: &[],
        agent: &[],
    },
    // The day before: the same agent on a cluster the size of staging.
    PresetDef {
        preset: Preset::Staging,
        label: "Staging: the day before",
        watch: "The same agent on 50 nodes: nothing happens, which is why staging caught nothing.",
        incident: Incident::December2024,
        changes: &[("agents", "50")],
        fleet: &[],
        agent: &[],
    },
    PresetDef {
        preset: Preset::BreakGlass,
        label: "With break-glass access",
        watch: "Engineers reach the API through an exempt level: watch the fix land hours sooner.",
        incident: Incident::December2024,
        changes: &[("break_glass", "true")],
        fleet: &[],
        agent: &[],
    },
    PresetDef {
        preset: Preset::PhasedRollout,
        label: "Phased rollout with a health gate",
        watch: "Waves with a control-plane gate: watch it halt before the large clusters get the agent.",
        incident: Incident::December2024,
        changes: &[("rollout", "phased")],
        fleet: &[],
        agent: &[],
    },
    PresetDef {
        preset: Preset::ShortTtl,
        label: "Stock DNS TTL (30 s)",
        watch: "Caches hold 30 s: customers see errors almost as soon as the control plane falls.",
        incident: Incident::December2024,
        changes: &[("ttl", "30")],
        fleet: &[],
        agent: &[],
    },
    PresetDef {
        preset: Preset::RetryBudget,
        label: "Retry budget instead of client-go",
        watch: "Retries capped at 10 % of successes: APF already bounds what runs at once, so retries add 429s, not memory — recovery takes as long as with client-go's retries.",
        incident: Incident::December2024,
        changes: &[("retry", "budget")],
        fleet: &[],
        agent: &[],
    },
    PresetDef {
        preset: Preset::WatchCache,
        label: "Agent reads the watch cache",
        watch: "The agent's LISTs skip the etcd read (about half their CPU) but are still encoded and held whole in memory: the same clusters fall. Streamed LISTs are what keep memory flat.",
        incident: Incident::December2024,
        changes: &[("watch_cache", "true")],
        fleet: &[],
        agent: &[],
    },
    PresetDef {
        preset: Preset::Herd,
        label: "Recovery all at once (herd)",
        watch: "Everyone reconnects at once: every kubelet, kube-proxy and CNI agent relists together, a storm of CPU for minutes — but APF bounds it and no cluster falls again, so it recovers sooner than the ramp.",
        incident: Incident::December2024,
        changes: &[("recovery", "all-at-once")],
        fleet: &[],
        agent: &[],
    },
    // Datadog, 8 Mar 2023: a fleet-wide change at once, no API access, stock DNS caching,
    // nodes brought back gradually to spare the control planes.
    PresetDef {
        preset: Preset::Datadog2023,
        label: "Datadog, March 2023 (shape-alike)",
        watch: "Another incident's shape: a fleet-wide change in 5 min, stock DNS, two crews ramping nodes back.",
        incident: Incident::Datadog2023,
        changes: &[("rollout_min", "5"), ("ttl", "30"), ("ramp_min", "60"), ("crews", "2")],
        fleet: &[],
        agent: &[],
    },
    // openshift/multus-admission-controller#40 (Dec 2021): 225 nodes × ~60 pods, three
    // kube-apiservers on 16-core/64-GB nodes (OpenShift 4.8 = Kubernetes 1.21: APF charges a
    // LIST one seat); the admission webhook on every node keeps a pod informer over the whole
    // cluster (its `controller.go`: `NewSharedIndexInformer` on `pods`, all namespaces), which
    // lists from the watch cache whole (resourceVersion 0). The API servers were restarted at
    // hand; all then OOM-restarted for a sustained period, pod LISTs taking ~57 s. The report
    // gives no pod size: 12 KB (OpenShift pods carry large annotations and managedFields) is
    // an assumption inside `object_kb`'s 5–15 KB; at 10 KB the model says the cluster recovers.
    // The report says nothing of DNS: the stock 30-s TTL. Three hours tell the whole story. Its
    // team did not block the API at the network (which would cut CoreDNS off too).
    // `docs/fleets/multus-2021.toml` is the same scenario as a fleet file.
    PresetDef {
        preset: Preset::Multus2021,
        label: "Restart into an OOM loop (multus webhook)",
        watch: "One 225-node cluster, healthy for half an hour; at T+30 its API servers are restarted. Every node's webhook relists all 13,500 pods at once, the responses overflow memory, and the loop outlives its trigger.",
        incident: Incident::Multus2021,
        changes: &[
            ("pods", "60"),
            ("cores", "16"),
            ("list_seats", "1"),
            ("object_kb", "12"),
            ("rollout_min", "5"),
            ("iv", "30:restart"),
            ("ttl", "30"),
            ("horizon", "180"),
            ("block_api", "false"),
        ],
        fleet: &[("multus", 225)],
        // The webhook on every node: an informer on every pod in the cluster, answered by
        // the watch cache.
        agent: &[Call { source: Source::WatchCache, watch: true, ..Call::new(Resource::Pods, Scope::Cluster) }],
    },
];

impl Preset {
    pub fn def(self) -> &'static PresetDef {
        &PRESETS[self as usize]
    }
    pub fn label(self) -> &'static str {
        self.def().label
    }
}

/// Builds a `Spec` from a schema row; `KIND` comes from the field's type. One argument per
/// column of the `schema!` table, which is what the macro has in hand.
#[allow(clippy::too_many_arguments)]
const fn row(id: Key, label: &'static str, unit: &'static str, kind: Kind, range: (f64, f64, f64), log: bool, group: Group, help: &'static str) -> Spec {
    let (min, max, default) = match kind {
        Kind::Choice(c) => (0.0, (c.len() - 1) as f64, range.2),
        Kind::Bool => (0.0, 1.0, range.2),
        _ => range,
    };
    Spec { key: id.name(), id, label, unit, kind, min, max, default, log, group, help }
}

/// One declaration per key: the field of `Params`, its `Spec` in `SPECS`, and its arm in the
/// generic getter and setter. Order matters: it is the order of the sliders, of `--help`, of
/// keys in a link and of fields in JSON.
macro_rules! schema {
    ($( $key:ident: $ty:ty = [$min:expr, $max:expr, $default:expr], $label:literal, $unit:literal, log: $log:literal, $group:ident,
        $help:literal; )+) => {
        /// Every input of a run. `Default` is the December 2024 calibration.
        #[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
        pub struct Params {
            pub preset: Preset,
            $(pub $key: $ty,)+
            pub interventions: Vec<Intervention>,
            /// A described fleet (`None`: December's built-in one).
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub fleet: Option<Fleet>,
            /// The agent as calls (`None`: the `cost` knob).
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub agent: Option<AgentSpec>,
            /// A rollout plan of its own (`None`: the named plan `rollout` picks).
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub plan: Option<Plan>,
        }

        pub const SPECS: &[Spec] = &[$(
            row(Key::$key, $label, $unit, <$ty as ParamValue>::KIND, ($min as f64, $max as f64, $default as f64), $log, Group::$group, $help),
        )+];

        /// Every parameter's key, from the schema: messages, sliders and panels name a
        /// parameter by it (its text, `name()`, is the link's and the CLI's key).
        #[allow(non_camel_case_types)]
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Key {
            $($key,)+
        }

        impl Key {
            pub const ALL: &'static [Key] = &[$(Key::$key),+];
            pub const fn name(self) -> &'static str {
                match self {
                    $(Key::$key => stringify!($key),)+
                }
            }
            /// The key a link or the CLI writes (exactly, as `spec` reads it).
            pub fn from_name(s: &str) -> Option<Key> {
                Self::ALL.iter().copied().find(|k| k.name() == s)
            }
            pub fn spec(self) -> &'static Spec {
                &SPECS[self as usize]
            }
        }

        impl Params {
            /// Generic read of any schema key (bools 0/1, choices as index); NaN for an unknown key.
            pub fn value(&self, key: &str) -> f64 {
                match key {
                    $(stringify!($key) => self.$key.to_f64(),)+
                    _ => f64::NAN,
                }
            }
            fn store(&mut self, key: &str, v: f64) -> bool {
                match key {
                    $(stringify!($key) => self.$key = <$ty as ParamValue>::from_f64(v),)+
                    _ => return false,
                }
                true
            }
        }

        impl Default for Params {
            fn default() -> Self {
                Params {
                    preset: Preset::December2024,
                    $($key: <$ty as ParamValue>::from_f64($default as f64),)+
                    interventions: Vec::new(),
                    fleet: None,
                    agent: None,
                    plan: None,
                }
            }
        }
    };
}

// Choices and bools take their range from the type; their bracket gives only the default
// (a choice's index, a bool's 0/1).
schema! {
    agents: u32 = [10, 100_000, 7_500], "Agent count", "nodes", log: true, Main,
        "Nodes running the agent in the largest cluster; the rest of the fleet scales with it.";
    cost: f64 = [0.1, 10, 1], "Request cost", "×", log: true, Main,
        "How many requests each agent poll makes, as a multiple of its calls. 1 = December 2024 as calibrated: one cluster-wide LIST of every pod per poll, read from etcd (~0.12 ms of API-server CPU per 6-KB pod, ~5× its response in memory while in flight); 2 is two such LISTs.";
    ttl: u32 = [0, 3_600, 1_200], "DNS TTL", "s", log: false, Main,
        "How long clients cache a DNS answer. Stock Kubernetes is ~30 s; the incident behaved like ~20 min.";
    dns_serve_stale: bool = [0, 1, 0], "DNS serves stale answers", "", log: false, Advanced,
        "Decouple DNS from the control plane: CoreDNS and node-local caches keep answering with the last known records when they cannot sync (serve-stale, RFC 8767). Only endpoints that changed during the outage answer wrong.";
    break_glass: bool = [0, 1, 0], "Break-glass access", "", log: false, Advanced,
        "Admins reach the API through an exempt priority level that overload cannot starve.";
    apiservers: u32 = [1, 7, 3], "API servers per cluster", "replicas", log: false, Advanced,
        "kube-apiserver replicas in each cluster.";
    seats: u32 = [300, 3_000, 600], "Seats per API server", "seats", log: false, Advanced,
        "Concurrent requests each API server can serve (defaults: 400 read + 200 mutating).";
    apiserver_mem_gb: u32 = [8, 1_000, 64], "API server memory", "GB", log: true, Advanced,
        "Memory of each API server replica before it is OOM-killed: the process, its watch cache and every response in flight (a LIST holds ~5× its response until it is sent, KEP-3157). An assumption: 64 GB, as the multus 2021 report's 16-core/64-GB control-plane nodes. It decides where a control plane falls: with everything else as in December 2024, 32, 64 and 128 GB put the cliff near 1,000, 1,700 and 3,400 nodes in the largest cluster.";
    cores: u32 = [2, 250, 32], "API server CPU cores", "cores", log: true, Advanced,
        "CPU cores of each API server replica. Past them every request slows alike (and times out at 60 s); APF's seats bound how many run at once, not how fast. An assumption for large clusters: 32.";
    list_seats: u32 = [1, 100, 10], "Most seats a LIST costs", "seats", log: true, Advanced,
        "APF charges a LIST one seat per 100 objects, at most this many: 1 before Kubernetes 1.23 (every request one seat), 10 from 1.23 (December 2024), 100 with SizeBasedListCostEstimate (beta, on by default from 1.34).";
    streaming_lists: bool = [0, 1, 0], "Streamed LISTs", "", log: false, Advanced,
        "LIST responses are streamed (watch-list, KEP-3157, and streaming encoding, KEP-5116; 1.33+) instead of built whole in memory: a LIST holds ~2 MB instead of ~5× its response.";
    object_kb: f64 = [1, 20, 6], "Size of a listed object", "KB", log: true, Advanced,
        "A pod's size as the API server reads and encodes it (a LIST holds ~5× its response in memory while in flight). Pods are 1–20 KB; production pods with their managed fields and status are often 5–15 KB. 6 is an assumption, fitted: with it the December fleet's cliff lies between its 1,600- and 2,000-node clusters.";
    list_cpu_x: f64 = [0.25, 4, 1], "LIST CPU per object", "×", log: true, Advanced,
        "Multiplies every per-object CPU cost of a LIST (the etcd read, the watch-cache scan, encoding). 1 = the published benchmarks (KEP-2340: 300,000 1-KB objects from etcd in 10.5 s), which ran on other hardware than yours: an assumption with a range.";
    informers_x: f64 = [0.5, 4, 1], "Standing informers", "×", log: true, Advanced,
        "How many of each of the cluster's own informers relist when their watches break, as a multiple of a stock cluster's (kubelets, kube-proxy, the CNI agent, CoreDNS, the controller manager, the scheduler). Operators, service meshes and policy agents add informers of their own: an assumption with a range.";
    coredns_restart_min: u32 = [0, 60, 3], "CoreDNS restarts without the API", "min", log: false, Advanced,
        "How often a CoreDNS pod restarts while it cannot sync; a restarted pod answers nothing until the API answers. 0: it never restarts and keeps serving its last view (stock CoreDNS does, unless its pods restart). 3 is an assumption fitted to the timeline.";
    watch_cache: bool = [0, 1, 0], "LISTs served from the watch cache", "", log: false, Advanced,
        "The agent's LISTs are served from the API server's watch cache (consistent reads from cache, Kubernetes 1.31+, or resourceVersion=0): no etcd read, but every returned object is still encoded and the whole response held in memory.";
    poll: u32 = [10, 300, 60], "Agent poll interval", "s", log: false, Advanced,
        "How often each agent repeats its expensive call.";
    pods: u32 = [1, 110, 25], "Pods per node", "pods", log: false, Advanced,
        "Objects each cluster-wide LIST must scan per node.";
    rollout: Rollout = [0, 1, Rollout::Fleet as u8], "Rollout mode", "", log: false, Advanced,
        "fleet: everything over the window, gated on agent health only. phased: waves with a control-plane health gate that halts.";
    rollout_min: u32 = [5, 120, 29], "Rollout window", "min", log: false, Advanced,
        "How long the fleet-wide rollout takes (2:51–3:20 pm in December 2024).";
    staging_nodes: u32 = [10, 10_000, 50], "Staging cluster size", "nodes", log: true, Advanced,
        "Nodes in the staging cluster that gets the agent first (December 2024: small). Test at production scale and it falls before production does.";
    retry: RetryPolicy = [0, 3, RetryPolicy::ClientGo as u8], "Retry policy", "", log: false, Advanced,
        "client-go: up to 10 retries and fast relists. jittered: spread out, same volume. budget: retries capped at 10% of successes. none.";
    remediate_after: u32 = [0, 180, 20], "Load shedding starts", "min", log: false, Advanced,
        "Minutes after the root cause is known before the team starts shedding load.";
    scale_down: bool = [0, 1, 1], "Scale nodes down", "", log: false, Advanced,
        "Halve each failing cluster's nodes over 15 min: agent load falls to a quarter.";
    block_api: bool = [0, 1, 1], "Block the API at the network", "", log: false, Advanced,
        "Cut all non-admin traffic to the API servers so they can drain.";
    scale_up: bool = [0, 1, 1], "Scale API servers up", "", log: false, Advanced,
        "Double API server capacity after 20 min (new servers must fill their caches first).";
    recovery: Recovery = [0, 1, Recovery::Ramped as u8], "Recovery", "", log: false, Advanced,
        "ramped: readmit traffic gradually. all-at-once: everything reconnects and relists together.";
    ramp_min: u32 = [10, 120, 50], "Recovery ramp per cluster", "min", log: false, Advanced,
        "How long a rate-limited readmission of one cluster takes.";
    crews: u32 = [1, 5, 1], "Recovery crews", "clusters", log: false, Advanced,
        "How many clusters the team can bring back at the same time.";
    shift: u32 = [0, 50, 20], "Traffic shift", "%", log: false, Advanced,
        "Share of a failing cluster's traffic moved to healthy clusters: from 11 min after the root cause is known, ramping up over 20 min.";
    horizon: u32 = [60, 720, 360], "Horizon", "min", log: false, Advanced,
        "How long after the agent lands the run continues.";
    seed: u64 = [0, 4_294_967_295u64, 20_241_211], "Seed", "", log: false, Advanced,
        "Seeds the run's random choices (which admin attempts get through, load jitter).";
}

crate::named_enum! {
    /// Actions a user can fire at a moment of the run. They are parameters, so they travel in links.
    Action {
        BreakGlass = "break_glass",
        ScaleDown = "scale_down",
        Block = "block",
        ScaleUp = "scale_up",
        Halt = "halt",
        /// Every API server replica restarts at once (an upgrade, a config change, a failover
        /// drill): each is back after its restart and watch-cache refill, and every watch breaks.
        Restart = "restart",
        /// The API server replicas restart one at a time (a rolling upgrade): each is down for
        /// its restart and watch-cache refill, then the next; every watch on it breaks.
        RollingRestart = "rolling_restart",
        /// The agent's calls double from this moment (a config change, a new version polling
        /// twice as often): a client's rate changing is a trigger too.
        AgentX2 = "agent_x2",
    }
}

impl Action {
    /// The key links and the CLI write (`iv=45:block`).
    pub fn key(self) -> &'static str {
        self.name()
    }
    pub fn label(self) -> &'static str {
        match self {
            Action::BreakGlass => "Break-glass",
            Action::ScaleDown => "Scale nodes down",
            Action::Block => "Block API",
            Action::ScaleUp => "Scale API up",
            Action::Halt => "Halt rollout",
            Action::Restart => "Restart API servers",
            Action::RollingRestart => "Rolling restart",
            Action::AgentX2 => "Agent's calls ×2",
        }
    }
    /// Exactly as written: an intervention's action is a key, not a name to be forgiving about.
    pub fn from_key(s: &str) -> Option<Action> {
        Action::NAMES.iter().position(|n| *n == s).map(|i| Action::ALL[i])
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Intervention {
    /// Minutes after the agent lands on the large clusters.
    pub t_min: f64,
    pub action: Action,
}

pub const MAX_INTERVENTIONS: usize = 16;
/// Interventions may sit anywhere from before the earliest rollout start to the longest horizon.
pub const IV_MIN_T: f64 = -150.0;
pub const IV_MAX_T: f64 = 720.0;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ParamError {
    UnknownKey(String),
    NotANumber {
        key: &'static str,
        value: String,
    },
    OutOfRange {
        key: &'static str,
        value: String,
    },
    BadChoice {
        key: &'static str,
        value: String,
    },
    /// In range, but not a value the key holds (a whole number; a float's 3 decimals, the
    /// link's precision): a link rounds it with a notice, the CLI refuses it.
    NotAtStep {
        key: &'static str,
        value: String,
        nearest: String,
    },
    UnknownPreset(String),
    BadIntervention(String),
    /// An intervention's time outside any run (the entry as written).
    InterventionTime(String),
    /// A fleet, agent or plan that is not one (the one-line message names the field).
    BadFleet(String),
}

impl fmt::Display for ParamError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ParamError::UnknownKey(k) => write!(f, "unknown parameter '{k}' (known: {})", keys().join(", ")),
            ParamError::NotANumber { key, value } => {
                let comma = if value.contains(',') { " (a comma only groups thousands, as in 7,500: write decimals with a point)" } else { "" };
                write!(f, "{key}: '{value}' is not a number{comma}; {}", spec(key).map(range_text).unwrap_or_default())
            }
            ParamError::OutOfRange { key, value } => {
                write!(f, "{key}: {value} is out of range; {}", spec(key).map(range_text).unwrap_or_default())
            }
            ParamError::BadChoice { key, value } => {
                write!(f, "{key}: '{value}' is not allowed; {}", spec(key).map(range_text).unwrap_or_default())
            }
            ParamError::NotAtStep { key, value, nearest } => match spec(key).map(|s| s.kind) {
                Some(Kind::Int) => write!(f, "{key}: {value} is not a whole number (nearest: {nearest}); {}", spec(key).map(range_text).unwrap_or_default()),
                _ => write!(f, "{key}: {value} has more decimals than the parameter keeps (3; nearest: {nearest})"),
            },
            ParamError::UnknownPreset(p) => write!(f, "preset: unknown '{p}'; one of {}", PRESET_NAMES.join(", ")),
            ParamError::BadIntervention(s) => {
                write!(f, "iv: '{s}' is not MINUTES:ACTION[,…] with ACTION one of {} and at most {MAX_INTERVENTIONS} entries", Action::NAMES.join(", "))
            }
            ParamError::InterventionTime(s) => {
                write!(f, "iv: '{s}' is outside every run: an intervention's minutes after T run from {IV_MIN_T} to {IV_MAX_T} (the longest horizon)")
            }
            ParamError::BadFleet(s) => f.write_str(s),
        }
    }
}

impl std::error::Error for ParamError {}

pub fn spec(key: &str) -> Option<&'static Spec> {
    SPECS.iter().find(|s| s.key == key)
}

pub fn keys() -> Vec<&'static str> {
    SPECS.iter().map(|s| s.key).chain(["preset", "iv"]).collect()
}

/// "valid: 10 – 100000 nodes" — the clause every error ends with.
pub fn range_text(s: &Spec) -> String {
    match s.kind {
        Kind::Bool => "valid: true or false".into(),
        Kind::Choice(c) => format!("valid: one of {}", c.join(", ")),
        _ => format!("valid: {} – {} {}", fmt_num(s.min), fmt_num(s.max), s.unit).trim_end().to_string(),
    }
}

fn fmt_num(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

impl Spec {
    /// Parse text as typed by a person (CLI, fleet file, sweep bounds). Strict: errors, not
    /// clamps — a value the key cannot hold (`5000.7` agents, `0.1234` cost) is refused, where a
    /// link rounds it with a notice.
    pub fn parse(&self, text: &str) -> Result<f64, ParamError> {
        let t = text.trim();
        match self.kind {
            Kind::Bool => match t.to_ascii_lowercase().as_str() {
                "1" | "true" | "yes" | "on" => Ok(1.0),
                "0" | "false" | "no" | "off" => Ok(0.0),
                _ => Err(ParamError::BadChoice { key: self.key, value: clip(t) }),
            },
            Kind::Choice(c) => {
                c.iter().position(|x| x.eq_ignore_ascii_case(t)).map(|i| i as f64).ok_or(ParamError::BadChoice { key: self.key, value: clip(t) })
            }
            Kind::Int | Kind::Float => {
                let v = parse_number(t).ok_or_else(|| ParamError::NotANumber { key: self.key, value: clip(t) })?;
                if !v.is_finite() {
                    return Err(ParamError::NotANumber { key: self.key, value: clip(t) });
                }
                if v < self.min || v > self.max {
                    return Err(ParamError::OutOfRange { key: self.key, value: clip(t) });
                }
                let c = self.clamp(v);
                if c != v {
                    return Err(ParamError::NotAtStep { key: self.key, value: clip(t), nearest: self.format(c) });
                }
                Ok(c)
            }
        }
    }

    /// Force any number into range; NaN becomes the default. For sliders and lenient links.
    pub fn clamp(&self, v: f64) -> f64 {
        if !v.is_finite() {
            return if v.is_nan() {
                self.default
            } else if v > 0.0 {
                self.max
            } else {
                self.min
            };
        }
        let v = v.clamp(self.min, self.max);
        match self.kind {
            // Floats keep the link's precision (3 decimals) so a shared link is the same run.
            Kind::Float => ((v * 1000.0).round() / 1000.0).clamp(self.min, self.max),
            _ => v.round(),
        }
    }

    /// The value as written in links and CLI flags.
    pub fn format(&self, v: f64) -> String {
        match self.kind {
            Kind::Bool => if v >= 0.5 { "true" } else { "false" }.into(),
            Kind::Choice(c) => c[(v as usize).min(c.len() - 1)].into(),
            Kind::Int => fmt_num(v.round()),
            // Three significant decimals is the documented link precision for floats.
            Kind::Float => {
                let s = format!("{:.3}", v);
                s.trim_end_matches('0').trim_end_matches('.').to_string()
            }
        }
    }

    /// The value as a person reads it ("20 min", "7,500 nodes").
    pub fn display(&self, v: f64) -> String {
        match (self.key, self.kind) {
            ("ttl", _) => human_seconds(v),
            (_, Kind::Bool) => if v >= 0.5 { "on" } else { "off" }.into(),
            (_, Kind::Choice(_)) => self.format(v),
            (_, Kind::Float) => format!("{}{}", self.format(v), self.unit),
            (_, Kind::Int) => {
                let n = group_thousands(v.round() as i64);
                if self.unit.is_empty() {
                    n
                } else if self.unit == "%" {
                    format!("{n}%")
                } else {
                    format!("{n} {}", self.unit)
                }
            }
        }
    }
}

/// A number as a person writes it: `7500`, `7,500`, `7_500`, `7.5e3`; also `inf` and `NaN`,
/// which callers reject or clamp. One reading for the CLI and links alike; a comma only groups
/// thousands (`text::ungroup`), so a decimal comma (`1,5`) is not a number rather than 15.
pub fn parse_number(text: &str) -> Option<f64> {
    crate::text::decimal::parse(&crate::text::ungroup(text.trim()))
}

fn clip(s: &str) -> String {
    crate::text::echo(s, 40)
}

impl Params {
    /// Typed write of a schema key (clamped as `set_value`).
    pub fn set(&mut self, key: Key, v: f64) {
        self.set_value(key.name(), v);
    }

    /// Generic write; the value is clamped into the key's range first, so a `Params`
    /// built through this is always valid. Returns false for an unknown key.
    pub fn set_value(&mut self, key: &str, v: f64) -> bool {
        match spec(key) {
            Some(s) => self.store(key, s.clamp(v)),
            None => false,
        }
    }

    /// Strict text write of a schema key, `preset` or `iv`: what the CLI uses. `preset` replaces
    /// everything set so far. A described fleet, agent or plan has its own text
    /// (`formats::compact`).
    pub fn set_text(&mut self, key: &str, text: &str) -> Result<(), ParamError> {
        match key {
            "preset" => {
                *self = Params::preset(text.trim())?;
                Ok(())
            }
            "iv" => {
                self.interventions = parse_interventions(text)?;
                Ok(())
            }
            _ => {
                let s = spec(key).ok_or_else(|| ParamError::UnknownKey(clip(key)))?;
                let v = s.parse(text)?;
                self.set_value(key, v);
                Ok(())
            }
        }
    }

    /// A named scenario, by name (case-insensitive).
    pub fn preset(name: &str) -> Result<Params, ParamError> {
        Preset::from_name(name).map(Params::from_preset).ok_or_else(|| ParamError::UnknownPreset(clip(name)))
    }

    /// The December 2024 calibration with the preset's changes applied.
    pub fn from_preset(preset: Preset) -> Params {
        let mut p = Params { preset, ..Params::default() };
        for (key, text) in preset.def().changes {
            // Checked by tests/native/params_schema.rs: every preset change parses.
            let _ = p.set_text(key, text);
        }
        let def = preset.def();
        if !def.fleet.is_empty() {
            p.fleet = Some(Fleet { clusters: def.fleet.iter().map(|&(name, nodes)| fleet::ClusterDesc::new(name, nodes)).collect() });
        }
        if !def.agent.is_empty() {
            p.agent = Some(AgentSpec { replicas: None, calls: def.agent.to_vec() });
        }
        // A preset's fleet runs as written (as a link with a fleet and no `agents` does).
        if !preset.def().changes.iter().any(|(k, _)| *k == "agents") {
            p.agents = p.agents_default(&Params::default());
        }
        p
    }

    /// Key/value pairs of the preset, the schema's keys (in schema order) and the interventions
    /// that differ from `base`; the described fleet, agent and plan follow in
    /// `formats::compact::diff_pairs`. With a fleet, `agents` is written when it is not the
    /// fleet's largest cluster (what reading a fleet without `agents` gives).
    pub fn schema_diff_pairs(&self, base: &Params) -> Vec<(&'static str, String)> {
        let mut out = Vec::new();
        if self.preset != base.preset {
            out.push(("preset", self.preset.name().to_string()));
        }
        for s in SPECS {
            let v = self.value(s.key);
            let b = if s.id == Key::agents { self.agents_default(base) as f64 } else { base.value(s.key) };
            if v != b {
                out.push((s.key, s.format(v)));
            }
        }
        if self.interventions != base.interventions {
            out.push(("iv", format_interventions(&self.interventions)));
        }
        out
    }

    /// The real incident's times apply beside this run: a December preset on December's fleet
    /// (a described fleet is someone else's; "really T+4 min" would mean nothing there).
    pub fn beside_december(&self) -> bool {
        self.preset.def().incident == Incident::December2024 && self.fleet.is_none()
    }

    /// What `agents` is when nothing says it: the fleet's largest cluster (so its nodes run as
    /// written), or `base`'s.
    pub fn agents_default(&self, base: &Params) -> u32 {
        match &self.fleet {
            Some(f) => Key::agents.spec().clamp(f.largest() as f64) as u32,
            None => base.agents,
        }
    }

    /// Run this fleet as written: `agents` becomes its largest cluster. A plan that no longer
    /// fits the fleet's names is dropped (and returned).
    pub fn set_fleet(&mut self, fleet: Option<Fleet>) -> Option<Plan> {
        self.fleet = fleet;
        self.agents = self.agents_default(&Params::default());
        let names = fleet::names(self);
        if self.plan.as_ref().is_some_and(|pl| pl.validate(&names).is_err()) {
            return self.plan.take();
        }
        None
    }
}

/// Minutes travel in links and interventions at 0.1 min precision.
/// `-0.0` becomes `0.0`: the two compare equal, so they must also simulate and print alike.
pub fn round_tenth(t: f64) -> f64 {
    (t * 10.0).round() / 10.0 + 0.0
}

/// "45", "45.5": minutes as written in links.
pub fn format_tenth(t: f64) -> String {
    let s = format!("{t:.1}");
    s.trim_end_matches(".0").to_string()
}

/// "45:block,60.5:break_glass"
pub fn format_interventions(list: &[Intervention]) -> String {
    list.iter().map(|i| format!("{}:{}", format_tenth(i.t_min), i.action.key())).collect::<Vec<_>>().join(",")
}

pub fn parse_interventions(text: &str) -> Result<Vec<Intervention>, ParamError> {
    parse_interventions_rounding(text).map(|(list, _)| list)
}

/// Times written finer than 0.1 min, as written, with the tenth each was rounded to.
pub type Rounded = Vec<(String, f64)>;

/// What reading interventions changed from what was written, for a notice or a warning.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct IvChanges {
    /// Each time written finer than 0.1 min (as written, once each, in order) with the time it
    /// was rounded to.
    pub rounded: Rounded,
    /// Each intervention written more than once (after rounding), kept once.
    pub repeated: Vec<Intervention>,
}

/// As `parse_interventions`, also saying what was changed from what was written (`IvChanges`).
pub fn parse_interventions_rounding(text: &str) -> Result<(Vec<Intervention>, IvChanges), ParamError> {
    let bad = || ParamError::BadIntervention(clip(text));
    let (mut out, mut changes) = (Vec::new(), IvChanges::default());
    for part in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let (t, a) = part.split_once(':').ok_or_else(bad)?;
        // Rounded before the range check, so 720.04 is 720 here as everywhere else.
        let written = crate::text::decimal::parse(t.trim()).ok_or_else(bad)?;
        let t_min = round_tenth(written);
        if !t_min.is_finite() || !(IV_MIN_T..=IV_MAX_T).contains(&t_min) {
            return Err(ParamError::InterventionTime(clip(part)));
        }
        let action = Action::from_key(a.trim()).ok_or_else(bad)?;
        if t_min != written && !changes.rounded.iter().any(|(w, _)| w == t.trim()) {
            changes.rounded.push((t.trim().to_string(), t_min));
        }
        out.push(Intervention { t_min, action });
    }
    // Duplicates go first: 17 copies of one intervention are one intervention, not too many.
    let written = out.clone();
    sort_dedup(&mut out);
    for i in &out {
        if written.iter().filter(|w| *w == i).count() > 1 {
            changes.repeated.push(*i);
        }
    }
    if out.len() > MAX_INTERVENTIONS {
        return Err(bad());
    }
    Ok((out, changes))
}

/// One canonical form so that equal plans compare equal, simulate alike and give equal links:
/// times at link precision (0.1 min), sorted, no duplicates, at most `MAX_INTERVENTIONS`.
pub fn normalize_interventions(list: &mut Vec<Intervention>) {
    for i in list.iter_mut() {
        i.t_min = round_tenth(i.t_min);
    }
    sort_dedup(list);
    list.truncate(MAX_INTERVENTIONS);
}

fn sort_dedup(list: &mut Vec<Intervention>) {
    list.sort_by(|a, b| a.t_min.total_cmp(&b.t_min).then(a.action.cmp(&b.action)));
    list.dedup();
}

/// Every parameter as a Markdown table (key, what, range, default, and its help), for the
/// docs/cli.md: `tests/native/params_schema.rs` fails when that copy is stale.
pub fn markdown_table() -> String {
    let mut out = String::from("| key | what | range | default | |\n|---|---|---|---|---|\n");
    for s in SPECS {
        let help = s.help.replace('|', "\\|");
        out.push_str(&format!("| `{}` | {} | {} | {} | {help} |\n", s.key, s.label, range_text(s).trim_start_matches("valid: "), s.format(s.default)));
    }
    out.push_str(&format!("| `preset` | Scenario to start from | {} | `december-2024` | |\n", PRESET_NAMES.join(", ")));
    out.push_str(
        "| `iv` | Interventions, `MINUTES:ACTION,…` | actions `break_glass`, `scale_down`, `block`, `scale_up`, `halt`, `restart`, `rolling_restart`, `agent_x2`; up to the horizon | none | |\n",
    );
    out
}
