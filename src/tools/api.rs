//! What crosses between the app and its tools module (`cascade-tools`, a second wasm module
//! loaded on first use: the sweep, the follow-ups and file exports). The two are separate
//! wasm instances, so only text and numbers cross. The run travels as a share link — the one
//! format that already reproduces a run exactly — and a tool's answer as the reducer message
//! it stands for. Pure, so the round trips are tested natively.

use crate::app::state::Msg;
use crate::formats::link::{LinkState, SweepView};
use crate::sim::compact;
use crate::sim::params::{parse_number, spec};
use crate::sim::plan::{Gate, GateSignal, Plan, Wave};
use crate::sim::{Key, Params};
use crate::views::sheet::{PngSize, SheetOptions};

crate::named_enum! {
    /// A panel the tools module draws into a placeholder the app leaves for it.
    Tool {
        Sweep = "sweep",
        FollowUps = "followups",
        /// The lesson (lesson mode, present mode, a chapter as a figure): its own page state.
        Lesson = "lesson",
        /// "Your fleet": the fleet, agent and plan editor.
        Fleet = "fleet",
        /// The Embed form (a modal dialog the share bar's Embed button opens).
        Embed = "embed",
    }
}

impl Tool {
    /// The placeholder's heading, matching the panel's own.
    pub fn title(self) -> &'static str {
        match self {
            Tool::Sweep => "Where is the cliff?",
            Tool::FollowUps => "The postmortem's follow-ups, tried one at a time",
            Tool::Lesson => "The lesson",
            Tool::Fleet => "Your fleet",
            Tool::Embed => "Embed a figure in a docs page",
        }
    }
}

/// How a panel is shown, beside the link: the page's theme, start at once (not when it comes
/// on screen), hide the numbers (spoiler-free). Crosses to the tools module as bits.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Flags {
    pub dark: bool,
    pub eager: bool,
    pub hide_numbers: bool,
}

impl Flags {
    const DARK: u32 = 1;
    const EAGER: u32 = 2;
    const HIDE_NUMBERS: u32 = 4;

    /// The number that crosses the module boundary.
    pub fn bits(self) -> u32 {
        (self.dark as u32 * Self::DARK) | (self.eager as u32 * Self::EAGER) | (self.hide_numbers as u32 * Self::HIDE_NUMBERS)
    }

    /// `bits` read back (unknown bits ignored).
    pub fn from_bits(b: u32) -> Flags {
        Flags { dark: b & Self::DARK != 0, eager: b & Self::EAGER != 0, hide_numbers: b & Self::HIDE_NUMBERS != 0 }
    }
}

/// What a panel needs of the run: its parameters and the sweep's setup, as a link's query.
pub fn island_query(params: &Params, sweep: &SweepView) -> String {
    let mut link = LinkState::from_params(params);
    link.view.sweep = sweep.clone();
    link.to_query()
}

/// What the lesson's island needs: the run's parameters and how the lesson is shown.
pub fn lesson_query(params: &Params, view: &crate::formats::link::View) -> String {
    let mut link = LinkState::from_params(params);
    link.view.lesson = view.lesson;
    link.view.present = view.present;
    link.view.presenter = view.presenter;
    link.view.chapter = view.chapter;
    link.view.embed = view.embed;
    link.view.figure = view.figure;
    link.to_query()
}

/// What the Embed form needs: the link to this moment (the run, its pinned run, the view), and
/// the run's span (minutes after T, the trace's first and last sample), which a link does not
/// carry. Form encoding; the span in its shortest exact form.
pub fn embed_query(moment: &LinkState, span: (f64, f64)) -> String {
    form_urlencoded::Serializer::new(String::new())
        .append_pair("from", &span.0.to_string())
        .append_pair("to", &span.1.to_string())
        .append_pair("query", &moment.to_query())
        .finish()
}

/// `embed_query` read back; `None` when a field is missing or unreadable (another version).
pub fn read_embed_query(text: &str) -> Option<(LinkState, (f64, f64))> {
    let pairs: Vec<(String, String)> = form_urlencoded::parse(text.as_bytes()).into_owned().collect();
    let get = |k: &str| pairs.iter().find(|(key, _)| key == k).map(|(_, v)| v.as_str());
    let num = |k: &str| get(k)?.parse::<f64>().ok().filter(|x| x.is_finite());
    let span = (num("from")?, num("to")?);
    Some((LinkState::decode(get("query")?).0, span))
}

/// What a panel sends to be closed (the Embed form's Close and Esc): not a reducer message, its
/// place is the app's (`islands::Island`'s `on_close`).
pub const CLOSE: &str = "close?";

/// `island_query` read back.
pub fn read_island_query(query: &str) -> (Params, SweepView) {
    let (link, _) = LinkState::decode(query);
    (link.params, link.view.sweep)
}

/// A panel's message as text: `pin?agents=5000&ttl=30` (set these and pin the run they
/// replace) or `sweep?sx=…&sy=…&sm=…` (the sweep's setup). `None` for messages a panel
/// never sends.
pub fn encode_msg(m: &Msg) -> Option<String> {
    match m {
        // `{}` writes the shortest text for the f64; every value here is a schema value (three
        // decimals at most), which `parse_number` reads back exactly.
        Msg::SetAndPin(values) => Some(format!("pin?{}", values.iter().map(|(k, v)| format!("{}={v}", k.name())).collect::<Vec<_>>().join("&"))),
        Msg::SetSweep(sweep) => {
            let mut link = LinkState::default();
            link.view.sweep = sweep.clone();
            let q = link.to_query();
            let keep: Vec<&str> = q.split('&').filter(|kv| ["sx=", "sy=", "sm="].iter().any(|k| kv.starts_with(k))).collect();
            Some(format!("sweep?{}", keep.join("&")))
        }
        Msg::Chapter { n, t, window } => Some(format!("chapter?n={n}&t={t}&from={}&to={}", window.0, window.1)),
        // The editor's messages: compact text (`sim::compact`); empty is the built-in one.
        Msg::SetFleet(f) => Some(format!("fleet?{}", f.as_ref().map(compact::fleet_to_text).unwrap_or_default())),
        Msg::SetAgent(a) => Some(format!("agent?{}", a.as_ref().map(compact::agent_to_text).unwrap_or_default())),
        Msg::SetPlan(p) => Some(format!("plan?{}", p.as_ref().map(plan_text).unwrap_or_default())),
        Msg::Set(k, v) => Some(format!("set?{}={v}", k.name())),
        Msg::Lesson(on) => Some(format!("lesson?{}", *on as u8)),
        Msg::Present(on) => Some(format!("present?{}", *on as u8)),
        _ => None,
    }
}

/// `encode_msg` read back; `None` for anything else (a panel from another build, say).
pub fn decode_msg(text: &str) -> Option<Msg> {
    let (kind, rest) = text.split_once('?')?;
    match kind {
        "pin" => {
            let values: Option<Vec<(Key, f64)>> = rest
                .split('&')
                .filter(|kv| !kv.is_empty())
                .map(|kv| {
                    let (k, v) = kv.split_once('=')?;
                    Some((Key::from_name(spec(k)?.key)?, parse_number(v).filter(|v| v.is_finite())?))
                })
                .collect();
            Some(Msg::SetAndPin(values?))
        }
        "sweep" => Some(Msg::SetSweep(LinkState::decode(rest).0.view.sweep)),
        "chapter" => {
            let get = |k: &str| rest.split('&').find_map(|kv| kv.strip_prefix(k)?.strip_prefix('=')).and_then(parse_number).filter(|v| v.is_finite());
            let n = get("n")?;
            (n >= 0.0 && n <= crate::formats::link::CHAPTERS as f64 && n.fract() == 0.0).then_some(())?;
            Some(Msg::Chapter { n: n as u32, t: get("t")?, window: (get("from")?, get("to")?) })
        }
        "fleet" => Some(Msg::SetFleet(if rest.is_empty() { None } else { Some(compact::fleet_from_text(rest).ok()?) })),
        "agent" => Some(Msg::SetAgent(if rest.is_empty() { None } else { Some(compact::agent_from_text(rest).ok()?) })),
        "plan" => Some(Msg::SetPlan(if rest.is_empty() { None } else { Some(read_plan_text(rest)?) })),
        "set" => {
            let (k, v) = rest.split_once('=')?;
            Some(Msg::Set(Key::from_name(spec(k)?.key)?, parse_number(v).filter(|v| v.is_finite())?))
        }
        "lesson" => Some(Msg::Lesson(rest == "1")),
        "present" => Some(Msg::Present(rest == "1")),
        _ => None,
    }
}

/// A plan by its clusters' names (the compact text names them by index into a fleet, which
/// the app knows but the message does not carry): `GATE~SOAK:NAME,NAME~…`, with the gate as
/// `SIGNAL:THRESHOLD:DELAY`. Names are link-safe (`fleet::valid_name`), so `~ : ,` split them.
fn plan_text(p: &Plan) -> String {
    let g = &p.gate;
    let mut out = format!("{}:{}:{}", g.signal, g.threshold_pct, g.delay_min);
    for w in &p.waves {
        out.push_str(&format!("~{}:{}", w.soak_min, w.clusters.join(",")));
    }
    out
}

/// `plan_text` read back (the reducer checks it against the run's fleet).
fn read_plan_text(text: &str) -> Option<Plan> {
    let mut parts = text.split('~');
    let mut g = parts.next()?.split(':');
    let signal = GateSignal::from_name(g.next()?)?;
    let num = |s: Option<&str>| parse_number(s?).filter(|v| v.is_finite());
    let gate = Gate { signal, threshold_pct: num(g.next())?, delay_min: num(g.next())? };
    let waves = parts
        .map(|w| {
            let (soak, names) = w.split_once(':')?;
            Some(Wave { clusters: names.split(',').filter(|n| !n.is_empty()).map(str::to_string).collect(), soak_min: num(Some(soak))? })
        })
        .collect::<Option<Vec<Wave>>>()?;
    Some(Plan { waves, gate })
}

crate::named_enum! {
    /// A file the tools module makes.
    Export {
        /// The three charts (PNG).
        Charts = "charts",
        /// The fleet over the three charts (PNG), from the share bar.
        WholeView = "whole-view",
        /// One chart alone (PNG), from an embedded figure.
        Demand = "demand",
        Visibility = "visibility",
        Access = "access",
        /// The fleet over the charts (PNG), from an embedded fleet figure.
        FleetAndCharts = "fleet",
        /// The causal diagram as drawn on the page (PNG).
        Diagram = "diagram",
        /// The trace (CSV): header and rows, inside the window if there is one.
        Csv = "csv",
        /// The trace CSV's CSV-on-the-Web metadata (JSON): title, link, columns and units.
        CsvMeta = "csv-metadata",
        /// Parameters, summary and events (JSON).
        Json = "json",
    }
}

impl Export {
    /// What the PNG's title says it shows.
    pub fn what(self) -> &'static str {
        match self {
            Export::Charts | Export::Csv | Export::CsvMeta | Export::Json => "charts",
            Export::WholeView => "whole view",
            Export::Demand => "API demand vs capacity",
            Export::Visibility => "what customers see vs what is broken",
            Export::Access => "can engineers reach the API?",
            Export::FleetAndCharts => "fleet and charts",
            Export::Diagram => "how it cascades",
        }
    }
}

/// An export asked of the tools module: the run (as the link to this moment: parameters and
/// the pinned run), the moment, the window, the spoiler-free limit, the theme, the PNG's size
/// and whether it is the figure alone, and the link printed on the file.
#[derive(Clone, Debug, PartialEq)]
pub struct ExportRequest {
    pub kind: Export,
    pub query: String,
    pub cursor: f64,
    pub window: Option<(f64, f64)>,
    pub until: Option<f64>,
    pub dark: bool,
    pub png: SheetOptions,
    pub url: String,
}

impl ExportRequest {
    /// The runs to draw, re-simulated from the query: the main one and the pinned one.
    pub fn runs(&self) -> (Params, Option<Params>) {
        let (link, _) = LinkState::decode(&self.query);
        (link.params, link.compare)
    }

    /// The request as the text that crosses to the tools module (`make_file(text)`): form
    /// encoding, a key for each field, absent ones left out; numbers in their shortest exact form.
    pub fn to_text(&self) -> String {
        let mut e = form_urlencoded::Serializer::new(String::new());
        e.append_pair("kind", self.kind.name()).append_pair("cursor", &self.cursor.to_string());
        if let Some((a, b)) = self.window {
            e.append_pair("from", &a.to_string()).append_pair("to", &b.to_string());
        }
        if let Some(u) = self.until {
            e.append_pair("until", &u.to_string());
        }
        if self.dark {
            e.append_pair("dark", "1");
        }
        if self.png.size != PngSize::default() {
            e.append_pair("size", self.png.size.name());
        }
        if self.png.bare {
            e.append_pair("bare", "1");
        }
        e.append_pair("url", &self.url).append_pair("query", &self.query);
        e.finish()
    }

    /// `to_text` read back; `None` when a field is missing or unreadable (another version).
    pub fn from_text(text: &str) -> Option<ExportRequest> {
        let pairs: Vec<(String, String)> = form_urlencoded::parse(text.as_bytes()).into_owned().collect();
        let get = |k: &str| pairs.iter().find(|(key, _)| key == k).map(|(_, v)| v.as_str());
        let num = |k: &str| get(k).map(|v| v.parse::<f64>().ok().filter(|x| x.is_finite()));
        let window = match (num("from"), num("to")) {
            (Some(a), Some(b)) => Some((a?, b?)),
            (None, None) => None,
            _ => return None,
        };
        Some(ExportRequest {
            kind: Export::from_name(get("kind")?)?,
            query: get("query")?.to_string(),
            cursor: num("cursor")??,
            window,
            until: match num("until") {
                Some(u) => Some(u?),
                None => None,
            },
            dark: get("dark") == Some("1"),
            png: SheetOptions {
                size: match get("size") {
                    Some(s) => PngSize::from_name(s)?,
                    None => PngSize::default(),
                },
                bare: get("bare") == Some("1"),
            },
            url: get("url")?.to_string(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::sweep::{Axis, Metric};

    #[test]
    fn panel_messages_round_trip_exactly() {
        let pin = Msg::SetAndPin(vec![(Key::agents, 7_500.0), (Key::ttl, 30.0), (Key::cost, 0.35), (Key::dns_serve_stale, 1.0)]);
        assert_eq!(decode_msg(&encode_msg(&pin).unwrap()), Some(pin));
        let sweep = Msg::SetSweep(SweepView {
            x: Some(Axis::parse("agents=100..20000:24:log").unwrap()),
            y: Some(Axis::parse("ttl=0..3600:16").unwrap()),
            metric: Metric::find("first_customer_errors_min").ok(),
        });
        let text = encode_msg(&sweep).unwrap();
        assert!(text.starts_with("sweep?sx="), "{text}");
        assert_eq!(decode_msg(&text), Some(sweep));
        assert_eq!(decode_msg(&encode_msg(&Msg::SetSweep(SweepView::default())).unwrap()), Some(Msg::SetSweep(SweepView::default())));
        // Messages a panel never sends do not cross.
        assert_eq!(encode_msg(&Msg::Toggle), None);
    }

    #[test]
    fn the_fleet_editor_s_messages_cross_intact() {
        use crate::sim::agent::AgentSpec;
        use crate::sim::fleet::{ClusterDesc, Fleet};
        let mut big = ClusterDesc::new("prod.big", 4_000);
        big.ttl = Some(30);
        big.watch_cache = Some(true);
        let fleet = Fleet { clusters: vec![ClusterDesc::new("a_1", 10), big] };
        let plan = Plan {
            waves: vec![Wave { clusters: vec!["a_1".into()], soak_min: 12.5 }, Wave { clusters: vec!["prod.big".into()], soak_min: 0.0 }],
            gate: Gate { signal: GateSignal::Restarts, threshold_pct: 2.5, delay_min: 1.0 },
        };
        for m in [
            Msg::SetFleet(Some(fleet)),
            Msg::SetFleet(None),
            Msg::SetAgent(Some(AgentSpec::december())),
            Msg::SetAgent(None),
            Msg::SetPlan(Some(plan)),
            Msg::SetPlan(None),
            Msg::Set(Key::rollout, 1.0),
        ] {
            let text = encode_msg(&m).unwrap();
            assert_eq!(decode_msg(&text), Some(m), "{text}");
        }
        for bad in ["fleet?1~a,0", "agent?2~pods", "plan?sometimes:1:0", "plan?none:1:0~x:a", "set?rollout=x", "set?nope=1"] {
            assert_eq!(decode_msg(bad), None, "{bad}");
        }
    }

    #[test]
    fn bad_panel_messages_are_dropped() {
        for bad in ["", "pin", "pin?nope=3", "pin?agents=abc", "pin?agents=NaN", "zoom?x=1", "pin?agents"] {
            assert_eq!(decode_msg(bad), None, "{bad:?}");
        }
        assert_eq!(decode_msg("pin?"), Some(Msg::SetAndPin(vec![])));
    }

    #[test]
    fn a_panel_gets_the_exact_run_and_setup() {
        let mut p = Params::preset("break-glass").unwrap();
        p.agents = 12_345;
        p.cost = 0.37;
        let sweep = SweepView {
            x: Some(Axis::parse("cost=0.1..2:12").unwrap()),
            y: Some(Axis::parse("pods=1..50:10").unwrap()),
            metric: Metric::find("impact_min").ok(),
        };
        assert_eq!(read_island_query(&island_query(&p, &sweep)), (p, sweep));
    }

    #[test]
    fn the_lesson_s_messages_cross_the_module_boundary_intact() {
        for m in [
            Msg::Chapter { n: 3, t: 1.9, window: (-1.2, 25.0) },
            Msg::Chapter { n: 0, t: -1.0, window: (-6.0, 4.0) },
            Msg::Chapter { n: 9, t: 359.9, window: (-26.0, 360.0) },
            Msg::Lesson(false),
            Msg::Lesson(true),
            Msg::Present(true),
        ] {
            let text = encode_msg(&m).unwrap();
            assert_eq!(decode_msg(&text), Some(m), "{text}");
        }
        assert_eq!(decode_msg("chapter?n=10&t=1&from=0&to=2"), None, "no tenth chapter (0 the opening – 9 the closing)");
        assert_eq!(decode_msg("chapter?n=2&t=x&from=0&to=2"), None);
        let mut view = crate::formats::link::View { lesson: true, chapter: 4, ..Default::default() };
        view.present = true;
        view.presenter = true;
        let (back, notes) = LinkState::decode(&lesson_query(&Params::default(), &view));
        assert!(notes.is_empty() && back.view.lesson && back.view.present && back.view.presenter && back.view.chapter == 4);
    }

    #[test]
    fn the_embed_form_gets_the_exact_moment_and_span() {
        let (moment, notes) = LinkState::decode("v=1&preset=break-glass&agents=12345&b.ttl=30&t=41.3&cluster=large-b&speed=5&from=-3.5&to=60&theme=dark");
        assert!(notes.is_empty(), "{notes:?}");
        let trace = crate::sim::simulate(&moment.params);
        let span = (trace.t0_min, trace.t_end());
        let text = embed_query(&moment, span);
        assert_eq!(read_embed_query(&text), Some((moment.clone(), span)));
        // The form names the diagram's clusters from the link, without simulating: as the run does.
        let names: Vec<String> = trace.clusters.iter().map(|c| c.name.clone()).collect();
        assert_eq!(crate::sim::fleet::names(&moment.params), names);
        // Every clamp the form applies sees the run's own ends, to the bit.
        let (_, back) = read_embed_query(&embed_query(&moment, (-25.0 / 6.0, 1.0 / 3.0 + 360.0))).unwrap();
        assert_eq!(back, (-25.0 / 6.0, 1.0 / 3.0 + 360.0));
        for bad in ["", "from=1&to=2", "from=x&to=2&query=v%3D1", "from=1&to=inf&query=v%3D1"] {
            assert_eq!(read_embed_query(bad), None, "{bad}");
        }
        // Closing is the panel's place, not a reducer message.
        assert_eq!(decode_msg(CLOSE), None);
    }

    #[test]
    fn export_kinds_have_names_and_titles() {
        for &e in Export::ALL {
            assert_eq!(Export::from_name(e.name()), Some(e));
            assert!(!e.what().is_empty());
        }
        assert_eq!(Export::from_name("gif"), None);
        for &t in Tool::ALL {
            assert_eq!(Tool::from_name(t.name()), Some(t));
        }
        let mut link = LinkState { params: Params::preset("break-glass").unwrap(), ..LinkState::default() };
        link.compare = Some(Params::default());
        let r = ExportRequest {
            kind: Export::Json,
            query: link.to_query(),
            cursor: 30.0,
            window: None,
            until: None,
            dark: false,
            png: SheetOptions::default(),
            url: String::new(),
        };
        assert_eq!(r.runs(), (link.params.clone(), Some(Params::default())));
        for r in [
            r.clone(),
            ExportRequest {
                window: Some((-5.25, 30.0)),
                until: Some(12.345678901234567),
                dark: true,
                url: "https://docs.example/c/?v=1&t=3".into(),
                ..r.clone()
            },
            ExportRequest { kind: Export::Charts, png: SheetOptions { size: PngSize::Two, bare: true }, ..r.clone() },
            ExportRequest { kind: Export::CsvMeta, png: SheetOptions { size: PngSize::Slide, bare: false }, ..r.clone() },
        ] {
            assert_eq!(ExportRequest::from_text(&r.to_text()), Some(r.clone()));
        }
        assert_eq!(ExportRequest::from_text("kind=gif&cursor=1&url=&query="), None);
        assert_eq!(ExportRequest::from_text("kind=csv&cursor=1&from=2&url=&query="), None, "a window needs both ends");
        assert_eq!(ExportRequest::from_text("kind=charts&cursor=1&size=3x&url=&query="), None, "a size this version does not make");
        assert!(!r.to_text().contains("size=") && !r.to_text().contains("bare="), "defaults are left out");
        for b in 0..8 {
            assert_eq!(Flags::from_bits(b).bits(), b);
        }
        assert_eq!(
            Flags::from_bits(Flags { dark: true, hide_numbers: true, ..Flags::default() }.bits()),
            Flags { dark: true, eager: false, hide_numbers: true }
        );
    }
}
