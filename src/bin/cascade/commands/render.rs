//! `cascade render`: a still of a view of any share link, as SVG or PNG, drawn by the code the
//! page draws with — the causal diagram's SVG tree (`views::diagram_svg`, styled by the page's
//! own stylesheet rules) and the charts through plotters (`views::plot_pen`'s SVG backend) —
//! for wikis that take only images and docs pipelines that build figures from links in CI.
//! PNG is that SVG rasterised (resvg), with the title and the link as PNG text.

use crate::cli::*;
use cascade_lab::formats::link::{Figure, LinkState, Theme as LinkTheme};
use cascade_lab::ui::state::LinkAt;
use cascade_lab::ui::state::State;
use cascade_lab::views::chart::{ChartInput, Panel};
use cascade_lab::views::diagram::DiagramState;
use cascade_lab::views::palette::Theme;
use cascade_lab::views::{diagram_svg, plot_pen, svg};

/// The page's stylesheet: the still takes the rules for the diagram's classes from it, so the
/// still and the page are styled by one sheet.
const STYLE: &str = include_str!("../../../../static/style.css");
/// The selectors of the diagram's SVG (`views::diagram_svg`'s classes).
pub const DIAGRAM_RULES: &[&str] = &[".part", ".gauge", ".edge", ".arrow-head", ".flow", ".cut", ".dot"];
/// Widths a still may have, CSS pixels.
pub const WIDTHS: (u32, u32) = (320, 4000);

pub const RENDER_HELP: &str = "\
Writes one view of a share link at one moment as an image: the same drawing the page shows \
(the diagram's SVG, styled by the page's stylesheet; the charts through plotters). --link takes \
the query of a link the app copied (with or without the address before '?'); without it, \
December 2024's default run. The moment is --t, else the link's t, else the start of what the \
link shows, as the page opens it. PNG needs --out; it carries the title and the link as PNG \
text (iTXt).

Examples:
  cascade render --view diagram --t 10 > diagram.svg
  cascade render --link 'v=1&preset=december-2024&t=30' --view charts --format png --out charts.png";

/// A view a still can show.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum View {
    Diagram,
    Charts,
}

impl View {
    const NAMES: [(&'static str, View); 2] = [("diagram", View::Diagram), ("charts", View::Charts)];

    fn of_link(f: Figure) -> View {
        match f {
            Figure::Charts | Figure::Demand | Figure::Visibility | Figure::Access => View::Charts,
            _ => View::Diagram,
        }
    }
}

/// The command and its flags.
pub fn command() -> Command {
    Command::new("render")
        .about("Write one view of a share link at one moment as an SVG or PNG still, drawn as the page draws it")
        .after_help(commands::render::RENDER_HELP)
        .arg(option("link", "QUERY", "The share link (or its query) to draw; default December 2024's run"))
        .arg(option("view", "diagram|charts", "Which view; default the link's view= (charts for a chart), else the diagram"))
        .arg(option("t", "MIN", "The moment, minutes after T; default the link's t, else the start of what it shows"))
        .arg(option("format", "svg|png", "Output: svg (to stdout or --out) or png (to --out); default svg, or png for an --out ending .png"))
        .arg(option("width", "PX", "Width in CSS pixels, 320 – 4000; default 1000"))
        .arg(option("theme", "light|dark", "Colours; default the link's theme (light when it has none)"))
        .arg(option("out", "FILE", "Write to FILE instead of stdout"))
}

pub fn render_cmd(m: &ArgMatches) -> Result<String, String> {
    let query = last_option(m, "link", |_| Ok(()))?.unwrap_or("v=1");
    let query = query.split_once('?').map_or(query, |(_, q)| q);
    let query = query.split_once('#').map_or(query, |(q, _)| q);
    let (link, notices) = LinkState::decode(query);
    // What the link decoder would adjust is bad input here, as in `cascade link`.
    if let Some(n) = notices.first() {
        return Err(format!("link: {}", n.text));
    }
    let view = match last_option(m, "view", |v| {
        View::NAMES.iter().find(|(n, _)| v.eq_ignore_ascii_case(n)).map(|_| ()).ok_or_else(|| format!("view: '{}' is not one of diagram, charts", clip(v)))
    })? {
        Some(v) => View::NAMES.iter().find(|(n, _)| v.eq_ignore_ascii_case(n)).map_or(View::Diagram, |(_, v)| *v),
        None => View::of_link(link.view.figure),
    };
    let width = match last_option(m, "width", |v| whole_in(v, "width", WIDTHS).map(|_| ()))? {
        Some(v) => whole_in(v, "width", WIDTHS)?,
        None => 1000,
    };
    let out = last_option(m, "out", |_| Ok(()))?;
    let format = match last_option(m, "format", |v| if matches!(v, "svg" | "png") { Ok(()) } else { Err(format!("format: '{}' is not svg or png", clip(v))) })?
    {
        Some(f) => f,
        None if out.is_some_and(|o| o.to_ascii_lowercase().ends_with(".png")) => "png",
        None => "svg",
    };
    let dark =
        match last_option(m, "theme", |v| if matches!(v, "light" | "dark") { Ok(()) } else { Err(format!("theme: '{}' is not light or dark", clip(v))) })? {
            Some(t) => t == "dark",
            None => link.view.theme == LinkTheme::Dark,
        };
    let mut state = State::from_link(link, Vec::new(), true);
    if let Some(t) = last_option(m, "t", |v| minutes(v).map(|_| ()))? {
        let (a, b) = state.bounds();
        let t = minutes(t)?;
        if !(a..=b).contains(&t) {
            return Err(format!("t: {t} is outside what the link shows ({a} to {b} minutes after T)"));
        }
        state.cursor = t;
    }
    let svg = still(&state, view, width, &Theme::of(dark));
    match (format, out) {
        ("svg", None) => Ok(svg),
        ("svg", Some(path)) => write(path, svg.as_bytes()).map(|()| format!("wrote {path} (SVG, {width} px wide)\n")),
        (_, None) => Err("format png: give --out FILE (a PNG is not written to the terminal)".into()),
        (_, Some(path)) => {
            let png = to_png(&svg, &state)?;
            write(path, &png).map(|()| format!("wrote {path} (PNG, {width} px wide)\n"))
        }
    }
}

/// The still's SVG document: the view at the state's cursor, `width` CSS pixels wide.
pub fn still(s: &State, view: View, width: u32, theme: &Theme) -> String {
    let t = &s.run.trace;
    match view {
        View::Diagram => {
            let d = DiagramState::at(t, &s.run.params, s.cursor, s.view.cluster.min(t.clusters.len() - 1));
            let title = format!("Cascade Lab: the causal diagram of {} at {}", t.clusters[d.cluster].name, cascade_lab::text::clock(s.cursor));
            let figure = diagram_svg::figure(&d, width < 560, false);
            svg::document(&figure, width as f64, &svg::rules_for(STYLE, DIAGRAM_RULES), theme, (&title, &d.caption))
        }
        View::Charts => {
            let pinned = s.pinned.as_ref().map(|p| &*p.trace);
            let input = ChartInput {
                trace: t,
                ghost: pinned,
                cursor_t: Some(s.cursor),
                until: s.view.teach.then_some(s.cursor),
                window: s.view.window.map(|w| (w.from, w.to)),
                palette: *theme,
                scale: 1.0,
                lesson: None,
            };
            plot_pen::svg(width, (width * 2 / 3).max(480), &input, &Panel::ALL)
        }
    }
}

fn to_png(svg: &str, s: &State) -> Result<Vec<u8>, String> {
    use resvg::{tiny_skia, usvg};
    let mut opt = usvg::Options::default();
    let db = opt.fontdb_mut();
    db.load_system_fonts();
    // `system-ui, sans-serif` in the page: the first of these the machine has.
    let family =
        ["DejaVu Sans", "Liberation Sans", "Noto Sans", "Arial"].into_iter().find(|f| db.faces().any(|face| face.families.iter().any(|(n, _)| n == f)));
    let Some(family) = family else {
        return Err("format png: no sans-serif font is installed (Debian: apt-get install fonts-dejavu-core); --format svg needs none".into());
    };
    db.set_sans_serif_family(family);
    opt.font_family = family.to_string();
    let tree = usvg::Tree::from_str(svg, &opt).map_err(|e| format!("format png: the SVG did not read ({e})"))?;
    let size = tree.size().to_int_size();
    let mut pixmap = tiny_skia::Pixmap::new(size.width(), size.height()).ok_or("format png: an empty image")?;
    resvg::render(&tree, tiny_skia::Transform::default(), &mut pixmap.as_mut());
    let png = pixmap.encode_png().map_err(|e| format!("format png: {e}"))?;
    let link = format!("{}{}", cascade_lab::formats::link::DEFAULT_BASE, s.link(LinkAt::Moment).to_query());
    cascade_lab::formats::png::with_text(&png, &[("Title", "Cascade Lab"), ("Source", &link)])
        .ok_or_else(|| "format png: the image did not take its text".into())
}

fn write(path: &str, bytes: &[u8]) -> Result<(), String> {
    std::fs::write(path, bytes).map_err(|e| format!("out: cannot write {}: {e}", clip(path)))
}

fn whole_in(v: &str, key: &str, (lo, hi): (u32, u32)) -> Result<u32, String> {
    match v.trim().parse::<u32>() {
        Ok(n) if (lo..=hi).contains(&n) => Ok(n),
        _ => Err(format!("{key}: '{}' is not a whole number of pixels from {lo} to {hi}", clip(v))),
    }
}

fn minutes(v: &str) -> Result<f64, String> {
    cascade_lab::sim::params::parse_number(v).filter(|t| t.is_finite()).ok_or_else(|| format!("t: '{}' is not a number of minutes", clip(v)))
}
