//! Figure-ready PNG exports: the current view redrawn for a file — a title, the parameters
//! that differ from the preset, the moment, the figure, and the share link in small print —
//! in the theme asked for (light or dark, not only the page's). The PNG also carries the
//! title and link as text chunks (`Title`, `Source`), so a file can be traced to its link.

use crate::app::components::draw_fleet;
use crate::app::dom;
use crate::sim::{Params, Trace};
use crate::views::chart::{self, Panel};
use crate::views::palette::Theme;
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
}

const W: f64 = 1200.0;
const PAD: f64 = 24.0;
const FONT: &str = "system-ui, -apple-system, \"Segoe UI\", Roboto, sans-serif";

fn canvas(w: f64, h: f64) -> Option<(HtmlCanvasElement, CanvasRenderingContext2d)> {
    let doc = web_sys::window()?.document()?;
    let c: HtmlCanvasElement = doc.create_element("canvas").ok()?.dyn_into().ok()?;
    c.set_width(w.round() as u32);
    c.set_height(h.round() as u32);
    let ctx = dom::context(&c)?;
    Some((c, ctx))
}

fn charts(e: &Export, panels: &[Panel], h: f64) -> Option<HtmlCanvasElement> {
    let (c, _) = canvas(W, h)?;
    let mut pen = crate::app::chart_canvas::pen(&c)?;
    let input = chart::ChartInput {
        trace: e.trace,
        ghost: e.compare.map(|c| c.0),
        cursor_t: Some(e.cursor),
        until: e.until,
        window: e.window,
        palette: e.theme,
        scale: 1.0,
    };
    chart::draw_panels(&mut pen, &input, panels);
    Some(c)
}

/// The composed PNG as a data URL, and its file name.
pub fn render(e: &Export) -> Option<(String, String)> {
    let mut parts: Vec<HtmlCanvasElement> = Vec::new();
    match e.body {
        Body::Charts(panels) => parts.push(charts(e, panels, if panels.len() == 1 { 360.0 } else { 640.0 })?),
        Body::Whole => {
            let fh = crate::app::components::fleet_height(W, e.trace.clusters.len());
            let (fc, fctx) = canvas(W, fh)?;
            draw_fleet(&fctx, e.trace, e.trace.index_before(e.cursor), &e.theme, W, 1.0);
            parts.push(fc);
            parts.push(charts(e, &Panel::ALL, 640.0)?);
        }
    }
    compose(&Sheet::of(e, None), &parts)
}

/// Everything around the figure, owned (the diagram's image arrives asynchronously).
pub struct Sheet {
    title: String,
    lines: Vec<String>,
    link: String,
    theme: Theme,
    name: String,
}

impl Sheet {
    fn of(e: &Export, extra: Option<String>) -> Sheet {
        let (title, mut lines) = crate::formats::report::figure_caption(e.params, e.what, e.cursor, e.compare.map(|c| c.1));
        lines.extend(extra);
        let theme = if e.theme == crate::views::palette::DARK { "dark" } else { "light" };
        let name = format!(
            "{}-{}-{}-{theme}.png",
            crate::formats::report::export_stem(e.params, &e.link),
            kind_slug(e.what),
            crate::formats::report::moment_tag(e.cursor)
        );
        Sheet { title, lines, link: e.link.clone(), theme: e.theme, name }
    }
}

/// Lines wrapped at word boundaries to the sheet's width, in the 15 px font.
fn wrap(ctx: &CanvasRenderingContext2d, lines: &[String]) -> Vec<String> {
    ctx.set_font(&format!("15px {FONT}"));
    let fits = |t: &str| ctx.measure_text(t).map(|m| m.width()).unwrap_or(0.0) <= W - 2.0 * PAD;
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

fn compose(s: &Sheet, parts: &[HtmlCanvasElement]) -> Option<(String, String)> {
    let lines = wrap(&canvas(1.0, 1.0)?.1, &s.lines);
    let head = PAD + 30.0 + 22.0 * lines.len() as f64 + 8.0;
    let foot = 34.0;
    let body: f64 = parts.iter().map(|p| p.height() as f64).sum();
    let (out, ctx) = canvas(W, head + body + foot)?;
    ctx.set_fill_style_str(&s.theme.bg.css());
    ctx.fill_rect(0.0, 0.0, W, head + body + foot);
    ctx.set_text_baseline("alphabetic");
    ctx.set_fill_style_str(&s.theme.fg.css());
    ctx.set_font(&format!("700 24px {FONT}"));
    let _ = ctx.fill_text(&s.title, PAD, PAD + 20.0);
    ctx.set_font(&format!("15px {FONT}"));
    ctx.set_fill_style_str(&s.theme.muted.css());
    for (i, l) in lines.iter().enumerate() {
        let _ = ctx.fill_text_with_max_width(l, PAD, PAD + 30.0 + 22.0 * (i as f64 + 1.0) - 4.0, W - 2.0 * PAD);
    }
    let mut y = head;
    for p in parts {
        let _ = ctx.draw_image_with_html_canvas_element(p, 0.0, y);
        y += p.height() as f64;
    }
    // The link in small print, shrunk to fit the width.
    let small = format!("Reproduce it: {}", s.link);
    let mut size = 12.0;
    loop {
        ctx.set_font(&format!("{size}px {FONT}"));
        let w = ctx.measure_text(&small).map(|m| m.width()).unwrap_or(0.0);
        if w <= W - 2.0 * PAD || size <= 7.0 {
            break;
        }
        size -= 0.5;
    }
    ctx.set_fill_style_str(&s.theme.muted.css());
    let _ = ctx.fill_text_with_max_width(&small, PAD, y + 22.0, W - 2.0 * PAD);
    let url = out.to_data_url().ok()?;
    let url = with_text_chunks(&url, &[("Title", &s.title), ("Source", &s.link), ("Software", "Cascade Lab")]).unwrap_or(url);
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
    let width = (W - 2.0 * PAD).min(vw * 1.4);
    let height = (width * vh / vw).round();
    let _ = clone.set_attribute("xmlns", "http://www.w3.org/2000/svg");
    let _ = clone.set_attribute("width", &format!("{width}"));
    let _ = clone.set_attribute("height", &format!("{height}"));
    let text = web_sys::XmlSerializer::new().ok()?.serialize_to_string(&clone).ok()?;
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type("image/svg+xml");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&js_sys::Array::of1(&text.into()), &opts).ok()?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).ok()?;
    let img = web_sys::HtmlImageElement::new().ok()?;
    let sheet = Sheet::of(e, caption);
    let (img2, url2) = (img.clone(), url.clone());
    // Called once, then freed by wasm-bindgen (no forget()).
    let onload = wasm_bindgen::closure::Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&url2);
        let Some((c, ctx)) = canvas(W, height + 16.0) else { return };
        ctx.set_fill_style_str(&sheet.theme.bg.css());
        ctx.fill_rect(0.0, 0.0, W, height + 16.0);
        let _ = ctx.draw_image_with_html_image_element_and_dw_and_dh(&img2, (W - width) / 2.0, 8.0, width, height);
        if let Some((url, name)) = compose(&sheet, &[c]) {
            dom::download_url(&url, &name);
        }
    });
    img.set_onload(Some(onload.unchecked_ref()));
    img.set_src(&url);
    Some(())
}

fn kind_slug(what: &str) -> String {
    let s: String = what.chars().map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '-' }).collect();
    s.split('-').filter(|p| !p.is_empty()).take(4).collect::<Vec<_>>().join("-")
}

pub fn download(e: &Export) {
    if let Some((url, name)) = render(e) {
        dom::download_url(&url, &name);
    }
}

/// Adds `tEXt` chunks after the PNG's header chunk (base64 through the browser's atob/btoa).
fn with_text_chunks(data_url: &str, chunks: &[(&str, &str)]) -> Option<String> {
    let w = web_sys::window()?;
    let b64 = data_url.strip_prefix("data:image/png;base64,")?;
    let bin: Vec<u8> = w.atob(b64).ok()?.chars().map(|c| c as u32 as u8).collect();
    // Signature (8) + IHDR (4 length + 4 type + 13 data + 4 CRC).
    let at = 8 + 25;
    if bin.len() < at || &bin[12..16] != b"IHDR" {
        return None;
    }
    let mut out = bin[..at].to_vec();
    for (k, v) in chunks {
        let mut data = Vec::new();
        data.extend_from_slice(k.as_bytes());
        data.push(0);
        // tEXt is Latin-1: keep ASCII, replace the rest.
        data.extend(v.chars().map(|c| if c.is_ascii() { c as u8 } else { b'?' }));
        out.extend_from_slice(&(data.len() as u32).to_be_bytes());
        let mut typed = b"tEXt".to_vec();
        typed.extend_from_slice(&data);
        out.extend_from_slice(&typed);
        out.extend_from_slice(&crc32(&typed).to_be_bytes());
    }
    out.extend_from_slice(&bin[at..]);
    let s: String = out.iter().map(|&b| b as char).collect();
    Some(format!("data:image/png;base64,{}", w.btoa(&s).ok()?))
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut c = 0xffff_ffffu32;
    for &b in bytes {
        c ^= b as u32;
        for _ in 0..8 {
            c = if c & 1 != 0 { 0xedb8_8320 ^ (c >> 1) } else { c >> 1 };
        }
    }
    !c
}
