//! What crosses between the app and its tools module (`cascade-tools`, a second wasm module
//! loaded on first use: the sweep, the follow-ups and file exports). The two are separate
//! wasm instances, so only text and numbers cross. The run travels as a share link — the one
//! format that already reproduces a run exactly — and a tool's answer as the reducer message
//! it stands for. Pure, so the round trips are tested natively.

use crate::formats::compact;
use crate::formats::link::{LinkState, SweepView};
use crate::sim::agent::AgentSpec;
use crate::sim::fleet::Fleet;
use crate::sim::params::{parse_number, spec};
use crate::sim::plan::Plan;
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

/// `island_query` read back.
pub fn read_island_query(query: &str) -> (Params, SweepView) {
    let (link, _) = LinkState::decode(query);
    (link.params, link.view.sweep)
}

/// Everything a panel of the tools module tells the page: the one type that crosses the
/// seam that way. Panels are given a `Callback<ToPage>`, never the page's reducer message, so
/// what they can say is what the page can hear. Written as text (`encode`) and read back
/// (`decode`) through [`Kind`], matched exhaustively on both sides: a new variant does not
/// build until it has a kind, a text and a reading.
#[derive(Clone, Debug, PartialEq)]
pub enum ToPage {
    /// Set these parameters and pin the run they replace (a follow-up's "Try it", a sweep cell).
    SetAndPin(Vec<(Key, f64)>),
    /// The sweep's setup (its axes and metric), so the link keeps it.
    SetSweep(SweepView),
    /// The lesson moved to chapter `n`: its moment and window.
    Chapter { n: u32, t: f64, window: (f64, f64) },
    /// The fleet editor's fleet (`None`: the built-in one).
    SetFleet(Option<Fleet>),
    /// The fleet editor's agent (`None`: December's).
    SetAgent(Option<AgentSpec>),
    /// The fleet editor's rollout plan (`None`: December's), clusters by name.
    SetPlan(Option<Plan>),
    /// One parameter (the fleet editor's rollout switch).
    Set(Key, f64),
    /// Lesson mode on or off.
    Lesson(bool),
    /// Present mode on or off.
    Present(bool),
    /// Close this panel (the Embed form's Close and Esc): the island's, not the reducer's.
    Close,
}

crate::named_enum! {
    /// A `ToPage`'s kind: the text before its `?`.
    Kind {
        SetAndPin = "pin",
        SetSweep = "sweep",
        Chapter = "chapter",
        SetFleet = "fleet",
        SetAgent = "agent",
        SetPlan = "plan",
        Set = "set",
        Lesson = "lesson",
        Present = "present",
        Close = "close",
    }
}

impl ToPage {
    pub fn kind(&self) -> Kind {
        match self {
            ToPage::SetAndPin(_) => Kind::SetAndPin,
            ToPage::SetSweep(_) => Kind::SetSweep,
            ToPage::Chapter { .. } => Kind::Chapter,
            ToPage::SetFleet(_) => Kind::SetFleet,
            ToPage::SetAgent(_) => Kind::SetAgent,
            ToPage::SetPlan(_) => Kind::SetPlan,
            ToPage::Set(..) => Kind::Set,
            ToPage::Lesson(_) => Kind::Lesson,
            ToPage::Present(_) => Kind::Present,
            ToPage::Close => Kind::Close,
        }
    }

    /// The message as text: `KIND?PAYLOAD`, e.g. `pin?agents=5000&ttl=30` or
    /// `sweep?sx=…&sy=…&sm=…`.
    pub fn encode(&self) -> String {
        let payload = match self {
            // `{}` writes the shortest text for the f64; every value here is a schema value
            // (three decimals at most), which `parse_number` reads back exactly.
            ToPage::SetAndPin(values) => values.iter().map(|(k, v)| format!("{}={v}", k.name())).collect::<Vec<_>>().join("&"),
            ToPage::SetSweep(sweep) => {
                let mut link = LinkState::default();
                link.view.sweep = sweep.clone();
                let q = link.to_query();
                q.split('&').filter(|kv| ["sx=", "sy=", "sm="].iter().any(|k| kv.starts_with(k))).collect::<Vec<_>>().join("&")
            }
            ToPage::Chapter { n, t, window } => format!("n={n}&t={t}&from={}&to={}", window.0, window.1),
            // The editor's messages: compact text (`formats::compact`); empty is the built-in one.
            ToPage::SetFleet(f) => f.as_ref().map(compact::fleet_to_text).unwrap_or_default(),
            ToPage::SetAgent(a) => a.as_ref().map(compact::agent_to_text).unwrap_or_default(),
            ToPage::SetPlan(p) => p.as_ref().map(plan_text).unwrap_or_default(),
            ToPage::Set(k, v) => format!("{}={v}", k.name()),
            ToPage::Lesson(on) | ToPage::Present(on) => (*on as u8).to_string(),
            ToPage::Close => String::new(),
        };
        format!("{}?{payload}", self.kind().name())
    }

    /// `encode` read back; `None` for text it does not write (a panel from another build, say).
    pub fn decode(text: &str) -> Option<ToPage> {
        let (kind, rest) = text.split_once('?')?;
        let number = |v: &str| parse_number(v).filter(|v| v.is_finite());
        let key = |k: &str| Key::from_name(spec(k)?.key);
        Some(match Kind::from_name(kind)? {
            Kind::SetAndPin => ToPage::SetAndPin(
                rest.split('&')
                    .filter(|kv| !kv.is_empty())
                    .map(|kv| {
                        let (k, v) = kv.split_once('=')?;
                        Some((key(k)?, number(v)?))
                    })
                    .collect::<Option<Vec<(Key, f64)>>>()?,
            ),
            Kind::SetSweep => ToPage::SetSweep(LinkState::decode(rest).0.view.sweep),
            Kind::Chapter => {
                let get = |k: &str| rest.split('&').find_map(|kv| kv.strip_prefix(k)?.strip_prefix('=')).and_then(number);
                let n = get("n")?;
                (n >= 0.0 && n <= crate::formats::link::CHAPTERS as f64 && n.fract() == 0.0).then_some(())?;
                ToPage::Chapter { n: n as u32, t: get("t")?, window: (get("from")?, get("to")?) }
            }
            Kind::SetFleet => ToPage::SetFleet(if rest.is_empty() { None } else { Some(compact::fleet_from_text(rest).ok()?) }),
            Kind::SetAgent => ToPage::SetAgent(if rest.is_empty() { None } else { Some(compact::agent_from_text(rest).ok()?) }),
            Kind::SetPlan => ToPage::SetPlan(if rest.is_empty() { None } else { Some(read_plan_text(rest)?) }),
            Kind::Set => {
                let (k, v) = rest.split_once('=')?;
                ToPage::Set(key(k)?, number(v)?)
            }
            Kind::Lesson => ToPage::Lesson(flag(rest)?),
            Kind::Present => ToPage::Present(flag(rest)?),
            Kind::Close => rest.is_empty().then_some(ToPage::Close)?,
        })
    }
}

/// A switch as `encode` writes it.
fn flag(text: &str) -> Option<bool> {
    match text {
        "0" => Some(false),
        "1" => Some(true),
        _ => None,
    }
}

/// A plan as the seam carries it: its clusters' names (the message does not carry the fleet
/// the compact text indexes into) and the plan's compact text over those names
/// (`compact::plan_to_text`, the link's own form), form-encoded.
fn plan_text(p: &Plan) -> String {
    let names: Vec<String> = p.waves.iter().flat_map(|w| w.clusters.iter().cloned()).collect();
    form_urlencoded::Serializer::new(String::new()).append_pair("names", &names.join(",")).append_pair("plan", &compact::plan_to_text(p, &names)).finish()
}

/// `plan_text` read back (the reducer then checks it against the run's fleet).
fn read_plan_text(text: &str) -> Option<Plan> {
    let pairs: Vec<(String, String)> = form_urlencoded::parse(text.as_bytes()).into_owned().collect();
    let get = |k: &str| pairs.iter().find(|(key, _)| key == k).map(|(_, v)| v.as_str());
    let names: Vec<String> = get("names")?.split(',').filter(|n| !n.is_empty()).map(str::to_string).collect();
    compact::plan_from_text(get("plan")?, &names).ok()
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
    use crate::sim::plan::{Gate, GateSignal, Wave};

    #[test]
    fn panel_messages_round_trip_exactly() {
        let pin = ToPage::SetAndPin(vec![(Key::agents, 7_500.0), (Key::ttl, 30.0), (Key::cost, 0.35), (Key::dns_serve_stale, 1.0)]);
        assert_eq!(ToPage::decode(&pin.encode()), Some(pin));
        let sweep = ToPage::SetSweep(SweepView {
            x: Some(Axis::parse("agents=100..20000:24:log").unwrap()),
            y: Some(Axis::parse("ttl=0..3600:16").unwrap()),
            metric: Metric::find("first_customer_errors_min").ok(),
        });
        let text = sweep.encode();
        assert!(text.starts_with("sweep?sx="), "{text}");
        assert_eq!(ToPage::decode(&text), Some(sweep));
        assert_eq!(ToPage::decode(&ToPage::SetSweep(SweepView::default()).encode()), Some(ToPage::SetSweep(SweepView::default())));
        assert_eq!(ToPage::decode("close?"), Some(ToPage::Close));
        assert_eq!(ToPage::decode("close?now"), None);
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
            ToPage::SetFleet(Some(fleet)),
            ToPage::SetFleet(None),
            ToPage::SetAgent(Some(AgentSpec::december())),
            ToPage::SetAgent(None),
            ToPage::SetPlan(Some(plan)),
            ToPage::SetPlan(None),
            ToPage::Set(Key::rollout, 1.0),
        ] {
            let text = m.encode();
            assert_eq!(ToPage::decode(&text), Some(m), "{text}");
        }
        for bad in ["fleet?1~a,0", "agent?2~pods", "plan?sometimes:1:0", "plan?none:1:0~x:a", "set?rollout=x", "set?nope=1"] {
            assert_eq!(ToPage::decode(bad), None, "{bad}");
        }
    }

    /// One message of every kind crosses intact, with its own kind: a kind added without a
    /// sample here does not build.
    #[test]
    fn every_kind_crosses() {
        for &kind in Kind::ALL {
            let m = match kind {
                Kind::SetAndPin => ToPage::SetAndPin(vec![(Key::agents, 5_000.0)]),
                Kind::SetSweep => ToPage::SetSweep(SweepView::default()),
                Kind::Chapter => ToPage::Chapter { n: 2, t: 0.5, window: (-1.0, 3.0) },
                Kind::SetFleet => ToPage::SetFleet(None),
                Kind::SetAgent => ToPage::SetAgent(None),
                Kind::SetPlan => ToPage::SetPlan(None),
                Kind::Set => ToPage::Set(Key::ttl, 30.0),
                Kind::Lesson => ToPage::Lesson(true),
                Kind::Present => ToPage::Present(false),
                Kind::Close => ToPage::Close,
            };
            assert_eq!(m.kind(), kind);
            let text = m.encode();
            assert!(text.starts_with(&format!("{}?", kind.name())), "{text}");
            assert_eq!(ToPage::decode(&text), Some(m), "{text}");
        }
    }

    #[test]
    fn bad_panel_messages_are_dropped() {
        for bad in ["", "pin", "pin?nope=3", "pin?agents=abc", "pin?agents=NaN", "zoom?x=1", "pin?agents", "lesson?yes", "present?"] {
            assert_eq!(ToPage::decode(bad), None, "{bad:?}");
        }
        assert_eq!(ToPage::decode("pin?"), Some(ToPage::SetAndPin(vec![])));
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
            ToPage::Chapter { n: 3, t: 1.9, window: (-1.2, 25.0) },
            ToPage::Chapter { n: 0, t: -1.0, window: (-6.0, 4.0) },
            ToPage::Chapter { n: 9, t: 359.9, window: (-26.0, 360.0) },
            ToPage::Lesson(false),
            ToPage::Lesson(true),
            ToPage::Present(true),
        ] {
            let text = m.encode();
            assert_eq!(ToPage::decode(&text), Some(m), "{text}");
        }
        assert_eq!(ToPage::decode("chapter?n=10&t=1&from=0&to=2"), None, "no tenth chapter (0 the opening – 9 the closing)");
        assert_eq!(ToPage::decode("chapter?n=2&t=x&from=0&to=2"), None);
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
        // Closing is the island's to act on, not a reducer message.
        assert_eq!(crate::ui::state::Msg::from_page(ToPage::Close), None);
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
