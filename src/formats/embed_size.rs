//! How tall each embedded view is at a given frame width, for pages that cannot run
//! `embed.js` (wikis keep an `<iframe>` with its width and height and strip `<script>`). The
//! Embed form writes its no-script snippet's height from this table, and docs/embedding.md shows it.
//!
//! Each view keeps one height over the whole run at a given width (text that changes is laid
//! over its longest version: `views::diagram::Reserved`), so one number per width suffices.
//! The numbers are Chromium's content heights for December 2024 at `t=20`, plus 5 % for other
//! fonts, rounded up to 10 px; `tests/e2e/heights.test.mjs` measures every row against
//! docs/embedding.md's copy and fails when one is short or needlessly tall.

use crate::formats::link::{Controls, Figure};

/// The frame widths measured (px): phones, narrow and usual docs columns, a wide page.
pub const WIDTHS: [u32; 6] = [320, 375, 600, 700, 820, 1000];

/// One view at one controls level: its frame height at each of `WIDTHS`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Row {
    pub figure: Figure,
    /// The lesson chapter, for `Figure::Chapter` (0 the opening – 9 the closing); 0 otherwise.
    pub chapter: u32,
    pub controls: Controls,
    pub heights: [u32; 6],
}

const fn row(figure: Figure, chapter: u32, controls: Controls, heights: [u32; 6]) -> Row {
    Row { figure, chapter, controls, heights }
}

use Controls::{Full, Min, None as Still};
use Figure::*;

pub const TABLE: &[Row] = &[
    // @generated-heights-begin
    row(Diagram, 0, Still, [920, 960, 980, 530, 550, 610]),
    row(Diagram, 0, Min, [1190, 1200, 1170, 750, 750, 810]),
    row(Diagram, 0, Full, [1940, 1910, 1800, 1320, 1320, 840]),
    row(Demand, 0, Still, [450, 450, 450, 390, 390, 390]),
    row(Demand, 0, Min, [670, 640, 620, 600, 570, 570]),
    row(Demand, 0, Full, [1420, 1350, 1250, 1170, 1140, 840]),
    row(Visibility, 0, Still, [450, 450, 450, 390, 390, 390]),
    row(Visibility, 0, Min, [670, 640, 620, 600, 570, 570]),
    row(Visibility, 0, Full, [1420, 1350, 1250, 1170, 1140, 840]),
    row(Access, 0, Still, [450, 450, 450, 390, 390, 390]),
    row(Access, 0, Min, [670, 640, 620, 600, 570, 570]),
    row(Access, 0, Full, [1420, 1350, 1250, 1170, 1140, 840]),
    row(Charts, 0, Still, [780, 780, 780, 660, 660, 660]),
    row(Charts, 0, Min, [1010, 970, 950, 870, 840, 840]),
    row(Charts, 0, Full, [1750, 1680, 1580, 1440, 1420, 870]),
    row(Fleet, 0, Still, [2370, 2340, 1000, 970, 800, 640]),
    row(Fleet, 0, Min, [2590, 2530, 1170, 1180, 990, 820]),
    row(Fleet, 0, Full, [3340, 3240, 1800, 1750, 1560, 1180]),
    row(Timeline, 0, Still, [3660, 3350, 2920, 2790, 2680, 1750]),
    row(Timeline, 0, Min, [3840, 3530, 3070, 2980, 2850, 1920]),
    row(Timeline, 0, Full, [4580, 4240, 3700, 3550, 3420, 2210]),
    row(Followups, 0, Still, [2430, 2280, 1850, 1490, 1270, 1020]),
    row(Followups, 0, Min, [2950, 2800, 2210, 1840, 1530, 1290]),
    row(Followups, 0, Full, [3690, 3500, 2840, 2410, 2100, 1820]),
    row(Sweep, 0, Still, [1280, 1140, 1050, 1030, 990, 940]),
    row(Sweep, 0, Min, [1280, 1140, 1050, 1030, 990, 940]),
    row(Sweep, 0, Full, [2030, 1850, 1680, 1600, 1560, 1040]),
    // Chapters re-measured for issue 28: the lesson gained an opening (0) and a closing (9),
    // chapter 2 became a chart of two clusters, each answer now names what its figure marks, and
    // chapters 4 and 6 explain shifted traffic and the chance of a write (their fresh-eyes review).
    row(Chapter, 0, Still, [1270, 1270, 1250, 830, 850, 890]),
    row(Chapter, 0, Min, [1320, 1320, 1260, 840, 860, 900]),
    row(Chapter, 1, Still, [1230, 1270, 1270, 830, 870, 910]),
    row(Chapter, 1, Min, [1270, 1310, 1280, 840, 880, 930]),
    row(Chapter, 2, Still, [1050, 980, 820, 810, 810, 810]),
    row(Chapter, 2, Min, [1050, 980, 820, 810, 810, 810]),
    row(Chapter, 3, Still, [940, 850, 760, 680, 680, 680]),
    row(Chapter, 3, Min, [940, 850, 760, 680, 680, 680]),
    row(Chapter, 4, Still, [1070, 960, 780, 830, 830, 830]),
    row(Chapter, 4, Min, [1070, 960, 780, 830, 830, 830]),
    row(Chapter, 5, Still, [1200, 1200, 1250, 800, 850, 890]),
    row(Chapter, 5, Min, [1250, 1250, 1260, 820, 860, 900]),
    row(Chapter, 6, Still, [1050, 930, 800, 830, 830, 830]),
    row(Chapter, 6, Min, [1050, 930, 800, 830, 830, 830]),
    row(Chapter, 7, Still, [1170, 1080, 1050, 770, 750, 750]),
    row(Chapter, 7, Min, [1170, 1080, 1050, 770, 750, 750]),
    row(Chapter, 8, Still, [2110, 1960, 1020, 840, 840, 840]),
    row(Chapter, 8, Min, [2110, 1960, 1020, 840, 840, 840]),
    row(Chapter, 9, Still, [1260, 1170, 1070, 770, 770, 770]),
    row(Chapter, 9, Min, [1260, 1170, 1070, 770, 770, 770]),
    // @generated-heights-end
];

/// The frame height for a view at a column width: the row's height at the widest measured
/// width not above it (a column between two measured widths takes the narrower one's height,
/// which is the taller whenever text wraps). `None` for the whole app, which scrolls.
pub fn height(figure: Figure, chapter: u32, controls: Controls, width: u32) -> Option<u32> {
    // A chapter shows no sliders: "full" is "min" there.
    let controls = if figure == Chapter && controls == Full { Min } else { controls };
    let r = TABLE.iter().find(|r| r.figure == figure && r.controls == controls && (figure != Chapter || r.chapter == chapter))?;
    let k = WIDTHS.iter().rposition(|&w| w <= width).unwrap_or(0);
    Some(r.heights[k])
}

/// The table as docs/embedding.md prints it (Markdown).
pub fn markdown() -> String {
    let mut out = String::from("| View | Controls |");
    for w in WIDTHS {
        out += &format!(" {w} px |");
    }
    out += "\n|---|---|";
    out += &"---:|".repeat(WIDTHS.len());
    out.push('\n');
    for r in TABLE {
        let view = if r.figure == Chapter { format!("chapter {}", r.chapter) } else { r.figure.name().to_string() };
        let controls = match r.controls {
            Full => "full",
            Min => "min",
            Still => "none",
        };
        out += &format!("| {view} | {controls} |");
        for h in r.heights {
            out += &format!(" {h} |");
        }
        out.push('\n');
    }
    out
}

/// Whether the docs page runs scripts: `embed.js` then sizes the frames; a wiki that strips
/// `<script>` keeps only the iframe with the height it is given; one that strips iframes too
/// (Backstage TechDocs) takes an image, which `cascade render` draws in the docs build.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Host {
    Scripts,
    NoScripts,
    Image,
}

/// The view `cascade render --view` draws for a link's `view=` (one definition, the CLI's and
/// the Embed form's): `None` for views without a still (the whole app, the follow-ups, the sweep).
pub fn still_view(f: Figure) -> Option<&'static str> {
    match f {
        Figure::Diagram => Some("diagram"),
        Figure::Charts | Figure::Demand | Figure::Visibility | Figure::Access => Some("charts"),
        Figure::Fleet | Figure::Timeline => Some("lanes"),
        Figure::Chapter => Some("chapter"),
        Figure::Full | Figure::Followups | Figure::Sweep => None,
    }
}

/// What the Embed form writes: one figure's frame for one docs page.
pub struct Snippet<'a> {
    /// The embed link (the app's URL with `embed=1` and the view's options).
    pub url: &'a str,
    /// Where `embed.js` is served.
    pub script: &'a str,
    /// The frame's accessible name, after "Cascade Lab: ".
    pub title: &'a str,
    pub host: Host,
    /// The docs column's width (px): the no-script frame's width.
    pub width: u32,
    /// The frame's height attribute (px): the table's, or the whole app's.
    pub height: u32,
    /// `view=` of the link, for an image's `cascade render --view`.
    pub figure: Figure,
}

impl Snippet<'_> {
    /// The HTML to paste. With scripts: the marked frame, full width, and `embed.js` (safe to
    /// include more than once), which resizes it. Without: a bare frame of exactly the column's
    /// width and the view's height there, borderless (a wiki keeps `width`, `height` and
    /// `frameborder` where it strips `style`). Neither is `loading="lazy"`: a frame never
    /// scrolled to would print empty.
    /// For a wiki that takes only images: the `cascade render` line that draws this figure in a
    /// docs build (the link's query in single quotes, safe for a POSIX shell) and the Markdown
    /// that shows it; or why this view has none.
    pub fn image(&self) -> String {
        let Some(view) = still_view(self.figure) else {
            return "This view has no still image: choose the diagram, a chart, the fleet, the timeline or a lesson chapter.".into();
        };
        let query = self.url.split_once('?').map_or("", |(_, q)| q).replace('\'', "'\\''");
        let file = format!("cascade-lab-{view}.png");
        format!(
            "# In the docs build (the cascade CLI: docs/cli.md):\ncascade render --link '{query}' --view {view} --width {} --out {file}\n\n![Cascade Lab: {}]({file})",
            self.width,
            self.title.replace(['[', ']'], "")
        )
    }

    pub fn html(&self) -> String {
        let esc = |s: &str| s.replace('&', "&amp;").replace('"', "&quot;").replace('<', "&lt;");
        let (url, title, h) = (esc(self.url), esc(self.title), self.height);
        match self.host {
            Host::Scripts => format!(
                "<iframe data-cascade-lab src=\"{url}\" title=\"Cascade Lab: {title}\" width=\"100%\" height=\"{h}\"></iframe>\n<script src=\"{}\" async></script>",
                esc(self.script)
            ),
            Host::NoScripts => {
                format!("<iframe src=\"{url}\" title=\"Cascade Lab: {title}\" width=\"{}\" height=\"{h}\" frameborder=\"0\"></iframe>", self.width)
            }            Host::Image => self.image(),
        }
    }
}
