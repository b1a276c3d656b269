//! Seeded fuzzing of share links: valid links, mutated links and junk, 12,000 of them.
//! For every one: decoding does not panic, every value is in its schema range, the notices are
//! distinct, and the decoded state re-encodes to a link that decodes to the same state without
//! notices. For a sample: equal links (a link, its re-encoding, and the same link in other
//! notations) give the same run, checked by simulating.
//!
//! The generator is a hand-rolled SplitMix64 so the sequence never changes under a dependency
//! update; a failure prints the link that caused it, which reproduces it in `LinkState::decode`.

use cascade_lab::analysis::sweep::{numeric_keys, Axis, MAX_STEPS, METRICS};
use cascade_lab::formats::compact::{agent_to_text, fleet_to_text, plan_to_text};
use cascade_lab::formats::link::{run_start_min, Figure, LinkState, Notice, NoticeKind, Window, SPEEDS};
use cascade_lab::sim::agent::{AgentSpec, Call, Resource, Scope, Source};
use cascade_lab::sim::fleet::{self, ClusterDesc, Fleet, FLEET};
use cascade_lab::sim::params::{format_tenth, keys, round_tenth, spec, IV_MAX_T, IV_MIN_T, MAX_INTERVENTIONS};
use cascade_lab::sim::plan::{Gate, GateSignal, Plan, Wave};
use cascade_lab::sim::{simulate, Action, Intervention, Kind, Params, PRESET_NAMES, SPECS};

include!("../common/in_schema.rs");

const LINKS: usize = 12_000;
#[allow(clippy::unusual_byte_groupings)] // 11 Dec 2024, written as a date
const SEED: u64 = 0x11_0C_2024;
/// Simulate one link in this many (≈1 ms a run in release; far slower in a debug build).
const SIMULATE_EVERY: usize = if cfg!(debug_assertions) { 400 } else { 40 };

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
    fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }
    fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }
}

// ---------- valid links ----------

fn random_params(r: &mut Rng) -> Params {
    let name = *r.pick(PRESET_NAMES);
    let mut p = Params::preset(name).unwrap();
    for s in SPECS {
        if r.chance(0.3) {
            let v = match s.kind {
                Kind::Bool | Kind::Choice(_) => r.below(s.max as usize + 1) as f64,
                _ => s.min + (s.max - s.min) * r.unit().powi(3),
            };
            p.set_value(s.key, v);
        }
    }
    let horizon = p.horizon as f64;
    for _ in 0..r.below(5) {
        let t = IV_MIN_T + (horizon - IV_MIN_T) * r.unit();
        p.interventions.push(Intervention { t_min: t, action: *r.pick(Action::ALL) });
    }
    cascade_lab::sim::params::normalize_interventions(&mut p.interventions);
    if r.chance(0.25) {
        p.set_fleet(Some(random_fleet(r)));
        if r.chance(0.3) {
            p.set_value("agents", 1.0 + 20_000.0 * r.unit());
        }
    }
    if r.chance(0.15) {
        p.agent = Some(random_agent(r));
    }
    if r.chance(0.15) {
        p.plan = Some(random_plan(r, &fleet::names(&p)));
    }
    // An intervention before the run's first step is not one a link holds as written.
    cascade_lab::formats::link::move_early_interventions(&mut p);
    p
}

/// A valid described fleet: 1 to 8 clusters (sometimes 60), fields left out or in range.
fn random_fleet(r: &mut Rng) -> Fleet {
    let n = if r.chance(0.1) { 60 } else { 1 + r.below(8) };
    let mut clusters: Vec<ClusterDesc> = (0..n)
        .map(|i| {
            let mut c = ClusterDesc::new(&format!("{}-{i}", r.pick(&["prod", "EU.west", "batch_x", "s"])), 1 + (r.unit().powi(3) * 99_999.0) as u32);
            let mut opt = |key: &str| r.chance(0.3).then(|| spec(key).unwrap().clamp(spec(key).unwrap().min + r.unit() * 1_000.0) as u32);
            c.pods = opt("pods");
            c.apiservers = opt("apiservers");
            c.seats = opt("seats");
            c.apiserver_mem_gb = opt("apiserver_mem_gb");
            c.ttl = opt("ttl");
            c.watch_cache = r.chance(0.3).then(|| r.chance(0.5));
            c.dns_serve_stale = r.chance(0.3).then(|| r.chance(0.5));
            c.wave = r.below(4) as u32;
            c.at = r.chance(0.1).then(|| round_tenth(r.unit()));
            c
        })
        .collect();
    if n > 1 && r.chance(0.3) {
        clusters[0].staging = true;
    }
    Fleet { clusters }
}

fn random_agent(r: &mut Rng) -> AgentSpec {
    let calls = (0..1 + r.below(4))
        .map(|_| {
            let resource = *r.pick(Resource::ALL);
            let mut c = Call::new(resource, *r.pick(Scope::ALL));
            c.source = *r.pick(Source::ALL);
            c.count = 1 + r.below(10) as u32;
            c.objects = (resource == Resource::Other || r.chance(0.2)).then(|| 1 + r.below(1_000_000) as u32);
            c
        })
        .collect();
    AgentSpec { replicas: None, calls }
}

/// A valid plan over `names`: clusters dealt into waves, each wave in fleet order (as the
/// compact text writes it).
fn random_plan(r: &mut Rng, names: &[String]) -> Plan {
    let waves_n = 1 + r.below(names.len().min(5));
    let mut of: Vec<usize> = (0..names.len()).map(|i| if i < waves_n { i } else { r.below(waves_n) }).collect();
    of.sort_unstable();
    let waves = (0..waves_n)
        .map(|w| Wave { clusters: names.iter().zip(&of).filter(|(_, &x)| x == w).map(|(n, _)| n.clone()).collect(), soak_min: round_tenth(r.unit() * 60.0) })
        .collect();
    Plan { waves, gate: Gate { signal: *r.pick(GateSignal::ALL), threshold_pct: round_tenth(r.unit() * 100.0), delay_min: round_tenth(r.unit() * 60.0) } }
}

/// Hostile compact text for `fleet`, `agent` or `plan`: valid, cut, spliced, out of range, too
/// many, another key's text, or a known troublemaker.
fn random_described(r: &mut Rng, key: &str) -> String {
    const BAD: &[&str] = &[
        "",
        "1",
        "1~",
        "~",
        "0~a,1",
        "1~~",
        "1~a",
        "1~a,",
        "1~a,1,g",
        "1~a,1~A,2",
        "1~a,1,w99",
        "1~a,1,f1e400",
        "1~a,1,fNaN",
        "1~a,1,p0",
        "1~a,-5",
        "1~a,4294967296",
        "1~a b,5",
        "1~a%0Ab,5",
        "1~g:none:1:0",
        "1~w:0:0-99999999999999999999",
        "1~w:0:5-2",
        "1~w:0:0-",
        "1~w:-1:0",
        "1~w:inf:0",
        "1~g:either:NaN:0~w:0:0",
        "1~g:either:1~w:0:0",
        "1~pods:node:etcd:x0",
        "1~other:cluster:etcd",
        "1~pods:node:etcd:o0",
        "1~pods:node:etcd:x",
        "1~pods",
        "1~PODS:cluster:etcd",
        "1~pods:cluster:etcd:z9",
    ];
    let f = random_fleet(r);
    let valid = match key {
        "fleet" => fleet_to_text(&f),
        "agent" => agent_to_text(&random_agent(r)),
        _ => {
            let names: Vec<String> =
                if r.chance(0.5) { FLEET.iter().map(|d| d.name.to_string()).collect() } else { f.clusters.iter().map(|c| c.name.clone()).collect() };
            plan_to_text(&random_plan(r, &names), &names)
        }
    };
    match r.below(8) {
        0 | 1 => valid,
        2 => valid.chars().take(r.below(valid.chars().count() + 1)).collect(),
        3 => {
            let at = (0..=valid.len()).filter(|&b| valid.is_char_boundary(b)).nth(r.below(valid.chars().count() + 1)).unwrap_or(0);
            let mut v = valid.clone();
            let junk = *r.pick::<&str>(&["~", ",", ":", "-", "9", "x", "\u{0}", "é", "%", " ", "~~", "99999999999", "-1", "NaN"]);
            v.insert_str(at, junk);
            v
        }
        4 => {
            let n = *r.pick(&[61, 200, 2_000, 10_000]);
            format!("1{}", (0..n).map(|i| format!("~c{i},5")).collect::<String>())
        }
        5 => r.pick(BAD).to_string(),
        6 => {
            let other = *r.pick(&["fleet", "agent", "plan"]);
            if other == key {
                valid.to_uppercase()
            } else {
                random_described(r, other)
            }
        }
        _ => valid.replacen('1', "0", r.below(3)),
    }
}

/// A valid sweep axis on `key` (or none where the random range is empty after clamping).
fn random_axis(r: &mut Rng, key: &str) -> Option<Axis> {
    let s = spec(key).unwrap();
    let at = |u: f64| if s.log { s.min * (s.max / s.min).powf(u) } else { s.min + (s.max - s.min) * u };
    let (from, to) = (at(r.unit()), at(r.unit()));
    Axis::new(key, from, to, 2 + r.below(MAX_STEPS - 1), s.min > 0.0 && r.chance(0.5)).ok()
}

fn random_state(r: &mut Rng) -> LinkState {
    let params = random_params(r);
    let mut s = LinkState::from_params(&params);
    // The decoder keeps the window and the cursor inside the run; round inward like it does.
    let (start, end) = ((run_start_min(&params) * 10.0).ceil() / 10.0, params.horizon as f64);
    let inside = |t: f64| round_tenth(t).clamp(start, end);
    let (mut lo, mut hi) = (start, end);
    if r.chance(0.3) {
        let (a, b) = (inside(start + (end - start) * r.unit()), inside(start + (end - start) * r.unit().powi(2)));
        if a != b {
            (lo, hi) = (a.min(b), a.max(b));
            s.view.window = Some(Window { from: lo, to: hi });
        }
    }
    if r.chance(0.5) {
        s.t = Some(inside(lo + (hi - lo) * r.unit()).clamp(lo, hi));
    }
    if r.chance(0.4) {
        let mut b = if r.chance(0.5) { params.clone() } else { random_params(r) };
        for s in SPECS {
            if r.chance(0.1) {
                b.set_value(s.key, s.min + (s.max - s.min) * r.unit());
            }
        }
        if b.interventions.iter().any(|i| i.t_min > b.horizon as f64) {
            b.interventions.clear();
        }
        cascade_lab::formats::link::move_early_interventions(&mut b);
        s.compare = Some(b);
    }
    s.view.embed = r.chance(0.2);
    s.view.autoplay = r.chance(0.2);
    s.view.controls =
        *r.pick(&[cascade_lab::formats::link::Controls::Full, cascade_lab::formats::link::Controls::Min, cascade_lab::formats::link::Controls::None]);
    s.view.theme = *r.pick(&[cascade_lab::formats::link::Theme::Auto, cascade_lab::formats::link::Theme::Light, cascade_lab::formats::link::Theme::Dark]);
    s.view.teach = r.chance(0.2);
    if r.chance(0.4) {
        s.view.figure = *r.pick(Figure::ALL);
    }
    if r.chance(0.3) {
        s.view.cluster = r.below(fleet::names(&params).len());
    }
    if r.chance(0.3) {
        s.view.speed = *r.pick(&SPEEDS);
    }
    if r.chance(0.25) {
        let numeric = numeric_keys();
        let kx = *r.pick(&numeric);
        let ky = loop {
            let k = *r.pick(&numeric);
            if k != kx {
                break k;
            }
        };
        s.view.sweep.x = if r.chance(0.9) { random_axis(r, kx) } else { None };
        s.view.sweep.y = if r.chance(0.9) { random_axis(r, ky) } else { None };
        s.view.sweep.metric = r.chance(0.8).then(|| *r.pick(METRICS));
    }
    s
}

// ---------- junk ----------

const JUNK_VALUES: &[&str] = &[
    "",
    " ",
    "-1",
    "0",
    "-0",
    "-0.0",
    "1e309",
    "-1e309",
    "1e-400",
    "NaN",
    "nan",
    "inf",
    "-inf",
    "infinity",
    "1,000,000",
    "5000.7",
    "0x10",
    "1_0",
    ",",
    "_",
    ".",
    "1.2.3",
    "１２",
    "😀",
    "é",
    "%",
    "%+0",
    "%zz",
    "%4",
    "%FF",
    "%E2%82",
    "%00",
    "%0A",
    "+",
    "++1",
    "-0.04",
    "1e6",
    "99999999999999999999999",
    "18446744073709551616",
    "4294967296",
    "true",
    "TRUE",
    "yes",
    "maybe",
    "on",
    "off",
    "phased",
    "PHASED",
    "all-at-once",
    "December-2024",
    "HERD",
    "none",
    "min",
    "dark",
    "auto",
    "0:block",
    "-0.04:block",
    "720.04:halt",
    "800:halt",
    "-150.04:scale_up",
    "5:launch",
    "5:",
    ":block",
    "5:block,",
    "1:block,1:block",
    "<script>",
    "a=b",
    "a&b",
    "?",
    "#",
    "v=1",
    "\u{0}",
    "\u{202e}",
    "=",
    "==",
    "a=b=c",
    "sweep",
    "DIAGRAM",
    "Followups",
    "large-z",
    "Large-A",
    "staging ",
    "2.5",
    "3",
    "agents=1..2:3",
    "ttl=0..3600:16:log",
    "agents=100..20000:24:log",
    "agents=100..20000:24:LOG",
    "agents=100..100:4",
    "seed=1..5:3",
    "retry=0..3:4",
    "cost=0.1..10:65",
    "impact_min",
    "IMPACT_MIN",
    "peak_error",
];
const UNKNOWN_KEYS: &[&str] = &["zzz", "Agents", "", " ", "b.", "b.t", "b.b.agents", "b.v", "b.embed", "c.agents", "é", "%", "iv ", "t.", "vv"];
const VIEW_KEYS: &[&str] = &["v", "t", "embed", "controls", "autoplay", "theme", "view", "cluster", "teach", "from", "to", "speed", "sx", "sy", "sm"];

fn random_number(r: &mut Rng) -> String {
    let v = (r.unit() - 0.3) * 10f64.powi(r.below(8) as i32);
    match r.below(6) {
        0 => format!("{}", v.round()),
        1 => format!("{v:.1}"),
        2 => format!("{v:.5}"),
        3 => format!("{v:e}"),
        4 => format!("{}", v as i64)
            .chars()
            .rev()
            .collect::<Vec<_>>()
            .chunks(3)
            .map(|c| c.iter().collect::<String>())
            .collect::<Vec<_>>()
            .join(",")
            .chars()
            .rev()
            .collect(),
        _ => format!("{v}"),
    }
}

fn random_iv(r: &mut Rng) -> String {
    let n = r.below(20);
    let one = |r: &mut Rng| {
        let t = if r.chance(0.8) { format_tenth(-160.0 + 900.0 * r.unit()) } else { random_number(r) };
        let a = if r.chance(0.9) { r.pick(Action::ALL).key().to_string() } else { r.pick(JUNK_VALUES).to_string() };
        format!("{t}:{a}")
    };
    let first = one(r);
    let mut parts = vec![first.clone()];
    for _ in 1..n {
        parts.push(if r.chance(0.3) { first.clone() } else { one(r) });
    }
    parts.join(",")
}

fn random_value(r: &mut Rng, key: &str) -> String {
    let bare = key.strip_prefix("b.").unwrap_or(key);
    match r.below(10) {
        0..=2 => r.pick(JUNK_VALUES).to_string(),
        3..=5 => random_number(r),
        _ => match bare {
            "iv" => random_iv(r),
            "preset" => r.pick(PRESET_NAMES).to_string(),
            "t" | "from" | "to" => format!("{:.2}", -200.0 + 1000.0 * r.unit()),
            "view" => {
                let name = r.pick(Figure::ALL).name();
                random_case(r, name)
            }
            "cluster" => {
                let name = if r.chance(0.7) { r.pick(FLEET).name.to_string() } else { format!("prod-{}", r.below(8)) };
                random_case(r, &name)
            }
            "fleet" | "agent" | "plan" => random_described(r, bare),
            "teach" => r.pick(&["1", "0", "true", "no", ""]).to_string(),
            "speed" => {
                if r.chance(0.6) {
                    r.pick(&SPEEDS).to_string()
                } else {
                    format!("{:.1}", 25.0 * r.unit())
                }
            }
            "sx" | "sy" => random_axis_text(r),
            "sm" => {
                let key = r.pick(METRICS).key;
                random_case(r, key)
            }
            k => match SPECS.iter().find(|s| s.key == k) {
                Some(s) => s.format(s.min + (s.max - s.min) * r.unit()),
                None => r.pick(JUNK_VALUES).to_string(),
            },
        },
    }
}

fn random_case(r: &mut Rng, s: &str) -> String {
    s.chars().map(|c| if r.chance(0.2) { c.to_ascii_uppercase() } else { c }).collect()
}

/// `KEY=FROM..TO:STEPS[:log]`, valid or nearly: any schema key, numbers in any notation.
fn random_axis_text(r: &mut Rng) -> String {
    let key = if r.chance(0.8) { r.pick(&numeric_keys()).to_string() } else { r.pick(&keys()).to_string() };
    let (from, to) = if r.chance(0.6) {
        let s = spec(&key).unwrap_or(&SPECS[0]);
        (s.format(s.min + (s.max - s.min) * r.unit()), s.format(s.min + (s.max - s.min) * r.unit()))
    } else {
        (random_number(r), random_number(r))
    };
    let steps = if r.chance(0.8) { (2 + r.below(MAX_STEPS - 1)).to_string() } else { r.below(100).to_string() };
    let log = *r.pick(&["", "", ":log", ":LOG", ":", ":log:log"]);
    format!("{key}={from}..{to}:{steps}{log}")
}

fn random_key(r: &mut Rng) -> String {
    let mut schema = keys();
    schema.extend(["fleet", "agent", "plan", "fleet", "agent", "plan"]);
    match r.below(10) {
        0..=4 => r.pick(&schema).to_string(),
        5..=6 => format!("b.{}", r.pick(&schema)),
        7..=8 => r.pick(VIEW_KEYS).to_string(),
        _ => r.pick(UNKNOWN_KEYS).to_string(),
    }
}

/// Percent-escape some of a text's bytes, at random, valid escapes or not.
fn escape_some(r: &mut Rng, s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if r.chance(0.05) {
            let mut buf = [0; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{b:02x}"));
            }
        } else {
            out.push(c);
        }
    }
    out
}

fn junk_link(r: &mut Rng) -> String {
    let n = r.below(12);
    let mut pairs: Vec<String> = Vec::new();
    for _ in 0..n {
        let k = random_key(r);
        let v = random_value(r, &k);
        let pair = if r.chance(0.05) { k } else { format!("{k}={v}") };
        pairs.push(escape_some(r, &pair));
        if r.chance(0.1) {
            pairs.push(pairs[pairs.len() - 1].clone());
        }
    }
    let q = pairs.join("&");
    match r.below(4) {
        0 => format!("?{q}"),
        1 => format!("https://docs.example/cascade/?{q}#x"),
        _ => q,
    }
}

fn mutate(r: &mut Rng, link: &str) -> String {
    let mut pairs: Vec<String> = link.split('&').map(str::to_string).collect();
    for _ in 0..1 + r.below(3) {
        let i = r.below(pairs.len());
        match r.below(7) {
            0 => {
                let k = pairs[i].split('=').next().unwrap_or("").to_string();
                pairs[i] = format!("{k}={}", random_value(r, &k));
            }
            1 => {
                let k = random_key(r);
                let v = random_value(r, &k);
                pairs.insert(i, format!("{k}={v}"));
            }
            2 => {
                pairs.remove(i);
                if pairs.is_empty() {
                    pairs.push(String::new());
                }
            }
            3 => pairs.push(pairs[i].clone()),
            4 => {
                let j = r.below(pairs.len());
                pairs.swap(i, j);
            }
            5 => pairs[i] = escape_some(r, &pairs[i]),
            _ => {
                // One random character in, at a char boundary.
                let s = &pairs[i];
                let at = (0..=s.len()).filter(|&b| s.is_char_boundary(b)).nth(r.below(s.chars().count() + 1)).unwrap_or(0);
                let c = *r.pick(&['?', '#', '&', '=', '%', '+', ' ', ',', ':', '.', '-', 'é', '\u{0}', '9']);
                pairs[i].insert(at, c);
            }
        }
    }
    pairs.join("&")
}

// ---------- equal links in other notations ----------

/// The same link written differently: keys reordered, names in other cases, numbers in other
/// notations, times off by less than their precision. It must decode to the same state.
fn rewrite(r: &mut Rng, link: &str) -> String {
    let mut pairs: Vec<(String, String)> = link
        .split('&')
        .map(|kv| {
            let (k, v) = kv.split_once('=').unwrap_or((kv, ""));
            let bare = k.strip_prefix("b.").unwrap_or(k);
            let v = match bare {
                "preset" => v.to_uppercase(),
                "iv" if !v.is_empty() => v
                    .split(',')
                    .map(|e| {
                        let (t, a) = e.split_once(':').unwrap();
                        let t: f64 = t.parse().unwrap();
                        format!("{:.2}:{a}", t + if r.chance(0.5) { 0.04 } else { -0.04 })
                    })
                    .collect::<Vec<_>>()
                    .join(","),
                "t" | "from" | "to" => format!("{:.2}", v.parse::<f64>().unwrap() + 0.03),
                "view" | "cluster" | "sm" => v.to_uppercase(),
                "teach" => "true".to_string(),
                "speed" => format!("{:.2}", v.parse::<f64>().unwrap()),
                // Another encoder escapes the `=` and `:` inside the value.
                "sx" | "sy" => v.replacen('=', "%3D", 1).replace(':', "%3a"),
                _ => match SPECS.iter().find(|s| s.key == bare).map(|s| s.kind) {
                    Some(Kind::Bool) => if v == "true" { "YES" } else { "Off" }.to_string(),
                    Some(Kind::Choice(_)) => v.to_uppercase(),
                    // Grouped in thousands as people write them (`2,063,834,812`): a comma
                    // anywhere else is a decimal comma, which is not a number.
                    Some(Kind::Int) if v.len() > 3 => cascade_lab::text::group_thousands(v.parse().unwrap()),
                    Some(Kind::Int) => format!("{v}.0"),
                    Some(Kind::Float) => format!("{:e}", v.parse::<f64>().unwrap()),
                    None => v.to_string(),
                },
            };
            (k.to_string(), v)
        })
        .collect();
    // Keys are unique in an encoded link, so their order does not matter.
    for i in (1..pairs.len()).rev() {
        pairs.swap(i, r.below(i + 1));
    }
    let q = pairs.iter().map(|(k, v)| format!("{k}={}", v.replace(',', "%2C"))).collect::<Vec<_>>().join("&");
    if r.chance(0.5) {
        format!("?{q}")
    } else {
        q
    }
}

// ---------- the checks ----------

fn check_decoded(link: &str, s: &LinkState, n: &[Notice]) {
    for p in std::iter::once(&s.params).chain(&s.compare) {
        assert_eq!(in_schema(p), Ok(()), "{link:?}");
        let horizon = p.horizon as f64;
        assert!(p.interventions.len() <= MAX_INTERVENTIONS, "{link:?}");
        for w in p.interventions.windows(2) {
            assert!(w[0].t_min.total_cmp(&w[1].t_min).then(w[0].action.cmp(&w[1].action)).is_lt(), "not canonical: {link:?}");
        }
        for i in &p.interventions {
            assert!((IV_MIN_T..=horizon.min(IV_MAX_T)).contains(&i.t_min), "{i:?} for {link:?}");
            assert!(i.t_min == (i.t_min * 10.0).round() / 10.0 && !(i.t_min == 0.0 && i.t_min.is_sign_negative()), "{i:?} for {link:?}");
        }
    }
    let (start, end) = (run_start_min(&s.params), s.params.horizon as f64);
    if let Some(t) = s.t {
        assert!(start <= t && t <= end, "t={t} for {link:?}");
        assert!(!(t == 0.0 && t.is_sign_negative()), "{link:?}");
    }
    let v = &s.view;
    if let Some(w) = v.window {
        assert!(start <= w.from && w.from < w.to && w.to <= end, "{w:?} for {link:?}");
        for m in [w.from, w.to] {
            assert!(m == round_tenth(m) && !(m == 0.0 && m.is_sign_negative()), "{w:?} for {link:?}");
        }
        if let Some(t) = s.t {
            assert!(w.from <= t && t <= w.to, "t={t} outside {w:?} for {link:?}");
        }
    }
    assert!(v.cluster < fleet::names(&s.params).len(), "{link:?}");
    for p in std::iter::once(&s.params).chain(&s.compare) {
        let names = fleet::names(p);
        assert!(p.fleet.as_ref().is_none_or(|f| f.validate().is_ok()), "{link:?}");
        assert!(p.agent.as_ref().is_none_or(|a| a.validate().is_ok()), "{link:?}");
        assert!(p.plan.as_ref().is_none_or(|pl| pl.validate(&names).is_ok()), "{link:?}");
    }
    // A described fleet's, agent's or plan's refusal is one printable line of bounded length.
    for x in n.iter().filter(|x| x.kind == NoticeKind::Described) {
        assert!(!x.text.contains(['\n', '\r', '\u{0}']) && x.text.chars().count() < 700, "notice {x:?} for {link:?}");
    }
    assert!(SPEEDS.contains(&v.speed), "{link:?}");
    for a in v.sweep.x.iter().chain(&v.sweep.y) {
        assert!(numeric_keys().contains(&a.key) && (2..=MAX_STEPS).contains(&a.steps), "{a:?} for {link:?}");
        let sp = spec(a.key).unwrap();
        assert!(a.from != a.to && [a.from, a.to].iter().all(|x| (sp.min..=sp.max).contains(x) && sp.clamp(*x) == *x), "{a:?} for {link:?}");
        assert!(!a.log || a.from.min(a.to) > 0.0, "{a:?} for {link:?}");
    }
    if let (Some(x), Some(y)) = (&v.sweep.x, &v.sweep.y) {
        assert_ne!(x.key, y.key, "{link:?}");
    }
    for (i, a) in n.iter().enumerate() {
        assert!(!n[..i].contains(a), "repeated notice {a:?} for {link:?}");
    }
}

/// Bit-exact equality: `-0.0 == 0.0`, but a run can tell them apart; `Debug` cannot hide it.
fn same(a: &LinkState, b: &LinkState) -> bool {
    a == b && format!("{a:?}") == format!("{b:?}")
}

/// `LINKS` seeded links (12,000), a third each valid, mutated and junk.
#[test]
fn seeded_fuzzed_links_decode_to_valid_stable_states() {
    let mut r = Rng(SEED);
    let (mut simulated, mut with_notices, mut compared) = (0, 0, 0);
    // How often decoding produced each new view setting, valid links aside: the junk must reach them.
    let (mut windows, mut axes, mut figures, mut clusters, mut speeds, mut teach) = (0, 0, 0, 0, 0, 0);
    // Hostile fleets, agents and plans must be both read and refused, or the checks prove little.
    let (mut fleets, mut agents, mut plans, mut refused) = (0, 0, 0, 0);
    for i in 0..LINKS {
        let canonical = random_state(&mut r);
        let link = match i % 3 {
            0 => canonical.to_query(),
            1 => mutate(&mut r, &canonical.to_query()),
            _ => junk_link(&mut r),
        };
        let (s, n) = std::panic::catch_unwind(|| LinkState::decode(&link)).unwrap_or_else(|_| panic!("decode panicked on {link:?}"));
        check_decoded(&link, &s, &n);
        with_notices += !n.is_empty() as usize;
        compared += s.compare.is_some() as usize;
        if i % 3 != 0 {
            windows += s.view.window.is_some() as usize;
            axes += s.view.sweep.x.is_some() as usize;
            figures += (s.view.figure != Figure::Full) as usize;
            clusters += (s.view.cluster != cascade_lab::formats::link::DEFAULT_CLUSTER) as usize;
            speeds += (s.view.speed != cascade_lab::formats::link::DEFAULT_SPEED) as usize;
            teach += s.view.teach as usize;
            fleets += s.params.fleet.is_some() as usize;
            agents += s.params.agent.is_some() as usize;
            plans += s.params.plan.is_some() as usize;
            refused += n.iter().any(|x| ["Fleet not read", "Agent not read", "Plan not read", "Plan dropped"].iter().any(|w| x.text.contains(w))) as usize;
        }

        // A valid link opens as written.
        if i % 3 == 0 {
            assert!(n.is_empty(), "{n:?} for {link:?}");
            assert!(same(&s, &canonical), "{link:?}:\n{s:?}\n{canonical:?}");
        }

        // Encode → decode is a fixed point, with nothing to tell.
        let q = s.to_query();
        let (again, n2) = LinkState::decode(&q);
        assert!(n2.is_empty(), "{n2:?} re-decoding {q:?} from {link:?}");
        assert!(same(&again, &s), "{q:?} from {link:?}:\n{again:?}\n{s:?}");
        assert_eq!(again.to_query(), q, "{link:?}");

        // The same link in other notations is the same state.
        let other = (i % 3 == 0).then(|| rewrite(&mut r, &link));
        if let Some(other) = &other {
            let (o, _) = LinkState::decode(other);
            assert!(same(&o, &s), "{other:?} vs {link:?}:\n{o:?}\n{s:?}");
        }

        // Equal links, equal runs.
        if i % SIMULATE_EVERY == 0 {
            simulated += 1;
            let sum = simulate(&s.params).checksum();
            assert_eq!(simulate(&again.params).checksum(), sum, "{link:?}");
            if let Some(other) = &other {
                assert_eq!(simulate(&LinkState::decode(other).0.params).checksum(), sum, "{other:?}");
            }
            if let (Some(b), Some(b2)) = (&s.compare, &again.compare) {
                assert_eq!(simulate(b2).checksum(), simulate(b).checksum(), "{link:?}");
            }
        }
    }
    // The generator must reach the interesting cases, or the checks above prove little.
    assert!(with_notices > LINKS / 3, "only {with_notices} links had notices");
    assert!(compared > LINKS / 5, "only {compared} links were in compare mode");
    assert!(simulated >= LINKS / SIMULATE_EVERY, "{simulated}");
    for (what, n) in [
        ("windows", windows),
        ("sweep axes", axes),
        ("figures", figures),
        ("clusters", clusters),
        ("speeds", speeds),
        ("teach", teach),
        ("fleets", fleets),
        ("agents", agents),
        ("plans", plans),
        ("refusals", refused),
    ] {
        assert!(n > LINKS / 40, "only {n} mutated or junk links decoded to {what}");
    }
}
