//! `cascade render`: a still of a view of any share link, as SVG or PNG, drawn by the code the
//! page draws with — the causal diagram's SVG tree (`views::diagram_svg`, styled by the page's
//! own stylesheet rules) and the charts through plotters (`views::plot_pen`'s SVG backend) —
//! for wikis that take only images and docs pipelines that build figures from links in CI.
//! PNG is that SVG rasterised (resvg), with the title and the link as PNG text.

use crate::cli::*;
use cascade_lab::analysis::lesson::{self, Figure as LessonFigure};
use cascade_lab::formats::link::{Figure, LinkState, Theme as LinkTheme};
use cascade_lab::text::clock;
use cascade_lab::ui::state::LinkAt;
use cascade_lab::ui::state::State;
use cascade_lab::views::chart::{self, ChartInput, Lesson, Panel};
use cascade_lab::views::diagram::DiagramState;
use cascade_lab::views::palette::Theme;
use cascade_lab::views::{diagram_svg, lanes, lanes_svg, plot_pen, svg};

/// The page's stylesheet: the still takes the rules for the diagram's classes from it, so the
/// still and the page are styled by one sheet.
const STYLE: &str = include_str!("../../../../static/style.css");
/// The selectors of the diagram's SVG (`views::diagram_svg`'s classes).
pub const DIAGRAM_RULES: &[&str] = &[".part", ".gauge", ".edge", ".arrow-head", ".flow", ".cut", ".dot"];
/// The selectors of the swimlanes' SVG (`views::lanes_svg`'s classes).
pub const LANES_RULES: &[&str] = &[".band", ".mark", ".m-", ".lane-cursor", ".lane-head", ".lane-label"];
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
    Lanes,
    /// A lesson chapter's figure (`ch=`) at its moment, before the reveal.
    Chapter,
}

impl View {
    const NAMES: [(&'static str, View); 4] = [("diagram", View::Diagram), ("charts", View::Charts), ("lanes", View::Lanes), ("chapter", View::Chapter)];

    /// A view by its name (any case), or what is wrong with the name.
    fn named(v: &str) -> Result<View, String> {
        View::NAMES
            .iter()
            .find(|(n, _)| v.eq_ignore_ascii_case(n))
            .map(|(_, view)| *view)
            .ok_or_else(|| format!("view: '{}' is not one of diagram, charts, lanes, chapter", clip(v)))
    }

    /// The link's own view (`embed_size::still_view`, the Embed form's too); the diagram for a
    /// view without a still.
    fn of_link(f: Figure) -> View {
        let name = cascade_lab::formats::embed_size::still_view(f).unwrap_or("diagram");
        View::NAMES.iter().find(|(n, _)| *n == name).map_or(View::Diagram, |(_, v)| *v)
    }
}

/// The command and its flags.
pub fn command() -> Command {
    Command::new("render")
        .about("Write one view of a share link at one moment as an SVG or PNG still, drawn as the page draws it")
        .after_help(commands::render::RENDER_HELP)
        .arg(option("link", "QUERY", "The share link (or its query) to draw; default December 2024's run"))
        .arg(option(
            "view",
            "diagram|charts|lanes|chapter",
            "Which view; default the link's view= (charts for a chart, lanes for fleet or timeline, chapter for a chapter), else the diagram",
        ))
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
    let view = match last_option(m, "view", |v| View::named(v).map(|_| ()))? {
        Some(v) => View::named(v)?,
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
    let t_given = last_option(m, "t", |v| minutes(v).map(|_| ()))?;
    if let Some(t) = t_given {
        let (a, b) = state.bounds();
        let t = minutes(t)?;
        if !(a..=b).contains(&t) {
            return Err(format!("t: {t} is outside what the link shows ({a} to {b} minutes after T)"));
        }
        state.cursor = t;
    }
    if view == View::Chapter && t_given.is_none() {
        // A chapter opens at its own moment, as the lesson does.
        let chs = lesson::chapters(&state.run.params, &state.run.trace);
        state.cursor = chs[(state.view.chapter as usize).min(chs.len() - 1)].t;
    }
    let svg = still(&state, view, width, &Theme::of(dark))?;
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
pub fn still(s: &State, view: View, width: u32, theme: &Theme) -> Result<String, String> {
    let t = &s.run.trace;
    // A chapter's still is before its reveal: nothing after its moment (as the lesson draws it).
    let until = (s.view.teach || view == View::Chapter).then_some(s.cursor);
    let charts = |panels: &[Panel], lesson: Option<&Lesson>, window: Option<(f64, f64)>| {
        let input = ChartInput {
            trace: t,
            ghost: s.pinned.as_ref().map(|p| &*p.trace),
            cursor_t: Some(s.cursor),
            until,
            window: window.or(s.view.window.map(|w| (w.from, w.to))),
            palette: *theme,
            scale: 1.0,
            lesson,
        };
        let h = (width * panels.len() as u32 * 2 / 9).max(240);
        match lesson {
            Some(_) => plot_pen::svg_with(width, h, &input, panels, chart::draw_lesson_panels),
            None => plot_pen::svg(width, h, &input, panels),
        }
    };
    let diagram = |cluster: usize| {
        let d = DiagramState::at(t, &s.run.params, s.cursor, cluster.min(t.clusters.len() - 1));
        let title = format!("Cascade Lab: the causal diagram of {} at {}", t.clusters[d.cluster].name, clock(s.cursor));
        let figure = diagram_svg::figure(&d, width < 560, false);
        svg::document(&figure, width as f64, &svg::rules_for(STYLE, DIAGRAM_RULES), theme, (&title, &d.caption))
    };
    let lanes = || {
        let all = lanes::lanes(t);
        let figure = lanes_svg::figure(t, &all, s.cursor, until, width as f64);
        let title = format!("Cascade Lab: cluster by cluster at {}", clock(s.cursor));
        let verdicts = format!(
            "Each cluster's state over the run (colour), its moments (shapes), the cursor, and its customers' requests failing now. {}",
            cascade_lab::views::verdicts::verdicts(t, until).line(8)
        );
        svg::document(&figure, width as f64, &svg::rules_for(STYLE, LANES_RULES), theme, (&title, &verdicts))
    };
    Ok(match view {
        View::Diagram => diagram(s.view.cluster),
        View::Charts => charts(&Panel::ALL, None, None),
        View::Lanes => lanes(),
        View::Chapter => {
            let chs = lesson::chapters(&s.run.params, t);
            let ch = &chs[(s.view.chapter as usize).min(chs.len() - 1)];
            let chart = |panel: Panel, cluster: Option<usize>, compare: Option<usize>| {
                charts(&[panel], Some(&Lesson { cluster, compare, mark: None }), Some(ch.window))
            };
            match ch.figure {
                LessonFigure::Diagram { cluster } => diagram(cluster),
                LessonFigure::Demand { cluster, compare } => chart(Panel::Demand, Some(cluster), compare),
                LessonFigure::ApiServers { cluster } => chart(Panel::ApiServers, Some(cluster), None),
                LessonFigure::Visibility => chart(Panel::Visibility, None, None),
                LessonFigure::Access { cluster } => chart(Panel::Access, Some(cluster), None),
                LessonFigure::Lanes => lanes(),
                LessonFigure::FollowUps => {
                    return Err(format!("view chapter: chapter {}'s figure is the follow-ups table, which has no still (cascade followups prints it)", ch.n));
                }
            }
        }
    })
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
