//! Figure-ready PNG exports: the current view redrawn for a file — a title, the parameters
//! that differ from the preset, the moment, the figure, and the share link in small print, or
//! the figure alone — in the theme asked for (light or dark, not only the page's), at 1×, 2×
//! or as a 1920×1080 slide (`views::sheet` lays it out; this file only draws). The PNG also
//! carries the title and link as UTF-8 `iTXt` chunks (`Title`, `Source`; `formats::png`), so a
//! file can be traced to its link.

use crate::sim::{Params, Trace};
use crate::ui::components::draw_fleet;
use crate::ui::dom;
use crate::views::chart::{self, Panel};
use crate::views::palette::Theme;
use crate::views::sheet::{fit, split_top, FigureNeed, PngSize, Rect, SheetLayout, SheetOptions, PAD, SHEET_W};
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

/// What to draw: some charts, or the fleet over all three charts ("whole view").
#[derive(Clone, Copy, PartialEq)]
pub enum Body {
    Charts(&'static [Panel]),
    Whole,
}

pub struct Export<'a> {
    pub trace: &'a Trace,
    pub params: &'a Params,
    pub compare: Option<(&'a Trace, &'a Params)>,
    pub cursor: f64,
    pub window: Option<(f64, f64)>,
    pub until: Option<f64>,
    /// The share link to this moment (printed, and hashed into the file name).
    pub link: String,
    /// "what customers see vs what is broken", "charts", "whole view".
    pub what: &'a str,
    pub body: Body,
    pub theme: Theme,
    /// Size (1×, 2×, slide) and whether the figure goes alone.
    pub sheet: SheetOptions,
}

const FONT: &str = "system-ui, -apple-system, \"Segoe UI\", Roboto, sans-serif";
/// Three charts stacked: their height on a sheet, and the least they read at on a slide.
const CHARTS_H: (f64, f64) = (640.0, 450.0);
/// One chart alone.
const CHART_H: (f64, f64) = (360.0, 300.0);

pub(crate) fn canvas(w: f64, h: f64) -> Option<(HtmlCanvasElement, CanvasRenderingContext2d)> {
    let doc = web_sys::window()?.document()?;
    let c: HtmlCanvasElement = doc.create_element("canvas").ok()?.dyn_into().ok()?;
    c.set_width(w.round().max(1.0) as u32);
    c.set_height(h.round().max(1.0) as u32);
    let ctx = dom::context(&c)?;
    Some((c, ctx))
}

/// Charts drawn into `r` of the sheet (device pixels, at the sheet's scale).
fn draw_charts(e: &Export, panels: &[Panel], ctx: &CanvasRenderingContext2d, l: &SheetLayout, r: Rect) -> Option<()> {
    let (x, y, w, h) = l.px(r);
    let (c, _) = canvas(w, h)?;
    let mut pen = crate::ui::chart_canvas::pen(&c)?;
    let input = chart::ChartInput {
        trace: e.trace,
        ghost: e.compare.map(|c| c.0),
        cursor_t: Some(e.cursor),
        until: e.until,
        window: e.window,
        palette: e.theme,
        scale: l.scale,
        lesson: None,
    };
    chart::draw_panels(&mut pen, &input, panels);
    ctx.draw_image_with_html_canvas_element(&c, x, y).ok()
}

/// The fleet (its cards at the sheet's width) over the charts.
fn draw_whole(e: &Export, ctx: &CanvasRenderingContext2d, l: &SheetLayout) -> Option<()> {
    let n = e.trace.clusters.len();
    let (top, rest) = split_top(l.figure, crate::ui::components::fleet_height(l.figure.w, n));
    let (x, y, w, h) = l.px(top);
    let (fc, fctx) = canvas(w, h)?;
    draw_fleet(&fctx, e.trace, e.trace.index_before(e.cursor), &e.theme, top.w, l.scale);
    ctx.draw_image_with_html_canvas_element(&fc, x, y).ok()?;
    draw_charts(e, &Panel::ALL, ctx, l, rest)
}

/// What a body needs of the sheet at a width.
fn need(e: &Export, w: f64) -> FigureNeed {
    let (natural, least) = match e.body {
        Body::Charts(p) if p.len() == 1 => CHART_H,
        Body::Charts(_) => CHARTS_H,
        Body::Whole => {
            let n = e.trace.clusters.len();
            (crate::ui::components::fleet_height(SHEET_W, n) + CHARTS_H.0, crate::ui::components::fleet_height(w, n) + CHARTS_H.1 - 30.0)
        }
    };
    FigureNeed { natural, least }
}

/// The composed PNG as a data URL, and its file name.
pub fn render(e: &Export) -> Option<(String, String)> {
    let sheet = Sheet::of(e, None);
    compose(
        &sheet,
        |w| need(e, w),
        |ctx, l| match e.body {
            Body::Charts(panels) => draw_charts(e, panels, ctx, l, l.figure),
            Body::Whole => draw_whole(e, ctx, l),
        },
    )
}

/// Everything around the figure, owned (the diagram's image arrives asynchronously).
pub struct Sheet {
    pub title: String,
    pub lines: Vec<String>,
    pub link: String,
    pub theme: Theme,
    pub name: String,
    pub options: SheetOptions,
}

impl Sheet {
    fn of(e: &Export, extra: Option<String>) -> Sheet {
        let (title, mut lines) = crate::formats::report::figure_caption(e.params, e.what, e.cursor, e.compare.map(|c| c.1));
        lines.extend(extra);
        let stem = format!("{}-{}-{}", crate::formats::report::export_stem(e.params, &e.link), kind_slug(e.what), crate::formats::report::moment_tag(e.cursor));
        Sheet { title, lines, link: e.link.clone(), theme: e.theme, name: file_name(&stem, e.theme, e.sheet), options: e.sheet }
    }
}

/// `<stem>-<theme>[-figure][-2x|-1920x1080].png`: the variants of one figure side by side.
pub fn file_name(stem: &str, theme: Theme, o: SheetOptions) -> String {
    let theme = if theme == crate::views::palette::DARK { "dark" } else { "light" };
    let bare = if o.bare { "-figure" } else { "" };
    let size = if o.size == PngSize::One { String::new() } else { format!("-{}", o.size.name()) };
    format!("{stem}-{theme}{bare}{size}.png")
}

/// Lines wrapped at word boundaries to the narrowest sheet's text width, in the 15 px font.
fn wrap(ctx: &CanvasRenderingContext2d, lines: &[String]) -> Vec<String> {
    ctx.set_font(&format!("15px {FONT}"));
    let fits = |t: &str| ctx.measure_text(t).map(|m| m.width()).unwrap_or(0.0) <= SHEET_W - 2.0 * PAD;
    let mut out = Vec::new();
    for l in lines {
        let mut cur = String::new();
        for w in l.split(' ') {
            let next = if cur.is_empty() { w.to_string() } else { format!("{cur} {w}") };
            if fits(&next) || cur.is_empty() {
                cur = next;
            } else {
                out.push(std::mem::replace(&mut cur, w.to_string()));
            }
        }
        out.push(cur);
    }
    out
}

/// The sheet: lays it out (`SheetLayout`), draws the text in logical pixels at its scale,
/// lets `figure` draw into `layout.figure`, and adds the title and link as `iTXt` chunks.
pub fn compose(
    s: &Sheet,
    need: impl Fn(f64) -> FigureNeed,
    figure: impl FnOnce(&CanvasRenderingContext2d, &SheetLayout) -> Option<()>,
) -> Option<(String, String)> {
    let lines = wrap(&canvas(1.0, 1.0)?.1, &s.lines);
    let l = SheetLayout::new(s.options, lines.len(), need);
    let (out, ctx) = canvas(l.width_px as f64, l.height_px as f64)?;
    ctx.set_fill_style_str(&s.theme.bg.css());
    ctx.fill_rect(0.0, 0.0, l.width_px as f64, l.height_px as f64);
    figure(&ctx, &l)?;
    let _ = ctx.set_transform(l.scale, 0.0, 0.0, l.scale, 0.0, 0.0);
    ctx.set_text_baseline("alphabetic");
    ctx.set_text_align("left");
    if let Some(y) = l.title_y {
        ctx.set_fill_style_str(&s.theme.fg.css());
        ctx.set_font(&format!("700 24px {FONT}"));
        let _ = ctx.fill_text_with_max_width(&s.title, PAD, y, l.text_w);
    }
    ctx.set_font(&format!("15px {FONT}"));
    ctx.set_fill_style_str(&s.theme.muted.css());
    for (t, y) in lines.iter().zip(&l.line_ys) {
        let _ = ctx.fill_text_with_max_width(t, PAD, *y, l.text_w);
    }
    if let Some(y) = l.footer_y {
        // The link in small print, shrunk to fit the width.
        let small = format!("Reproduce it: {}", s.link);
        let mut size = 12.0;
        loop {
            ctx.set_font(&format!("{size}px {FONT}"));
            let w = ctx.measure_text(&small).map(|m| m.width()).unwrap_or(0.0);
            if w <= l.text_w || size <= 7.0 {
                break;
            }
            size -= 0.5;
        }
        let _ = ctx.fill_text_with_max_width(&small, PAD, y, l.text_w);
    }
    let url = out.to_data_url().ok()?;
    let url = with_text(&url, &[("Title", &s.title), ("Source", &s.link), ("Software", "Cascade Lab")]).unwrap_or(url);
    Some((url, s.name.clone()))
}

/// The causal diagram as a PNG: its SVG cloned with the computed colours and fonts copied on
/// as presentation attributes (an SVG drawn as an image sees no stylesheet), drawn on the
/// sheet in the page's theme, with the diagram's caption under the moment.
pub fn download_diagram(e: &Export) {
    let _ = diagram(e);
}

fn diagram(e: &Export) -> Option<()> {
    let w = web_sys::window()?;
    let doc = w.document()?;
    let svg = doc.query_selector("#diagram svg.diagram-svg").ok()??;
    let caption = doc.get_element_by_id("diagram-caption").and_then(|c| c.text_content());
    let clone: web_sys::Element = svg.clone_node_with_deep(true).ok()?.dyn_into().ok()?;
    let (src, dst) = (svg.query_selector_all("*").ok()?, clone.query_selector_all("*").ok()?);
    const PROPS: [&str; 12] = [
        "fill",
        "fill-opacity",
        "stroke",
        "stroke-opacity",
        "stroke-width",
        "stroke-dasharray",
        "opacity",
        "font-family",
        "font-size",
        "font-weight",
        "display",
        "visibility",
    ];
    for i in 0..src.length().min(dst.length()) {
        let (Some(a), Some(b)) =
            (src.item(i).and_then(|n| n.dyn_into::<web_sys::Element>().ok()), dst.item(i).and_then(|n| n.dyn_into::<web_sys::Element>().ok()))
        else {
            continue;
        };
        if let Ok(Some(cs)) = w.get_computed_style(&a) {
            for p in PROPS {
                if let Ok(v) = cs.get_property_value(p) {
                    if !v.is_empty() {
                        let _ = b.set_attribute(p, &v);
                    }
                }
            }
        }
    }
    let vb: Vec<f64> = svg.get_attribute("viewBox")?.split_whitespace().filter_map(crate::sim::params::parse_number).collect();
    let (vw, vh) = (*vb.get(2)?, *vb.get(3)?);
    let sheet = Sheet::of(e, caption);
    // Laid out before the image loads (its aspect is the viewBox's): at most 1.4× its own size
    // on a 1×/2× sheet, as large as fits on a slide.
    let slide = sheet.options.size == PngSize::Slide;
    let room = move |r: Rect| {
        let w = if slide { r.w - 2.0 * PAD } else { (r.w - 2.0 * PAD).min(vw * 1.4) };
        fit(vw / vh, Rect { x: r.x + (r.w - w) / 2.0, y: r.y + 8.0, w, h: (r.h - 16.0).max(1.0) })
    };
    let need = move |w: f64| FigureNeed { natural: ((w - 2.0 * PAD).min(vw * 1.4) * vh / vw).round() + 16.0, least: 360.0 };
    let lines = wrap(&canvas(1.0, 1.0)?.1, &sheet.lines);
    let planned = SheetLayout::new(sheet.options, lines.len(), need);
    let (at, scale) = (room(planned.figure), planned.scale);
    // The SVG rasterised at the size it is drawn, in device pixels: crisp at 2× and on a slide.
    let _ = clone.set_attribute("xmlns", "http://www.w3.org/2000/svg");
    let _ = clone.set_attribute("width", &format!("{}", (at.w * scale).round()));
    let _ = clone.set_attribute("height", &format!("{}", (at.h * scale).round()));
    let text = web_sys::XmlSerializer::new().ok()?.serialize_to_string(&clone).ok()?;
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type("image/svg+xml");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&js_sys::Array::of1(&text.into()), &opts).ok()?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).ok()?;
    let img = web_sys::HtmlImageElement::new().ok()?;
    let (img2, url2) = (img.clone(), url.clone());
    // Called once, then freed by wasm-bindgen (no forget()).
    let onload = wasm_bindgen::closure::Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&url2);
        let drawn = compose(&sheet, need, |ctx, l| {
            let r = room(l.figure);
            let (x, y, w, h) = l.px(r);
            ctx.draw_image_with_html_image_element_and_dw_and_dh(&img2, x, y, w, h).ok()
        });
        if let Some((url, name)) = drawn {
            dom::download_url(&url, &name);
        }
    });
    img.set_onload(Some(onload.unchecked_ref()));
    img.set_src(&url);
    Some(())
}

pub fn kind_slug(what: &str) -> String {
    let s: String = what.chars().map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '-' }).collect();
    s.split('-').filter(|p| !p.is_empty()).take(4).collect::<Vec<_>>().join("-")
}

pub fn download(e: &Export) {
    if let Some((url, name)) = render(e) {
        dom::download_url(&url, &name);
    }
}

/// Adds the text as `iTXt` chunks after the PNG's header (`formats::png`; base64 through the
/// browser's atob/btoa).
fn with_text(data_url: &str, texts: &[(&str, &str)]) -> Option<String> {
    let w = web_sys::window()?;
    let b64 = data_url.strip_prefix("data:image/png;base64,")?;
    let bin: Vec<u8> = w.atob(b64).ok()?.chars().map(|c| c as u32 as u8).collect();
    let out = crate::formats::png::with_text(&bin, texts)?;
    let s: String = out.iter().map(|&b| b as char).collect();
    Some(format!("data:image/png;base64,{}", w.btoa(&s).ok()?))
}
