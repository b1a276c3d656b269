//! A small SVG element tree: what a view draws, built once by pure code and given two backends —
//! text (`El::write`, natively: `cascade render` and the build-time still) and Yew's virtual DOM
//! (`ui::svg_html`, in the page). The causal diagram and the swimlanes' bars are drawn this way,
//! as the charts are drawn once through plotters' backends (`views::plot_pen`).

use crate::views::palette::{Theme, SHARED_CSS_VARS};

/// One element: its name, attributes in order, and children.
#[derive(Clone, Debug, PartialEq)]
pub struct El {
    pub name: &'static str,
    pub attrs: Vec<(&'static str, String)>,
    pub children: Vec<Node>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Node {
    El(El),
    Text(String),
}

impl El {
    pub fn new(name: &'static str) -> El {
        El { name, attrs: Vec::new(), children: Vec::new() }
    }

    pub fn attr(mut self, key: &'static str, value: impl ToString) -> El {
        self.attrs.push((key, value.to_string()));
        self
    }

    /// An attribute only when there is a value.
    pub fn attr_opt(self, key: &'static str, value: Option<impl ToString>) -> El {
        match value {
            Some(v) => self.attr(key, v),
            None => self,
        }
    }

    pub fn child(mut self, el: El) -> El {
        self.children.push(Node::El(el));
        self
    }

    pub fn children(mut self, els: impl IntoIterator<Item = El>) -> El {
        self.children.extend(els.into_iter().map(Node::El));
        self
    }

    pub fn text(mut self, text: impl Into<String>) -> El {
        self.children.push(Node::Text(text.into()));
        self
    }

    /// The element as SVG text (attribute values and text escaped).
    pub fn write(&self, out: &mut String) {
        out.push('<');
        out.push_str(self.name);
        for (k, v) in &self.attrs {
            out.push(' ');
            out.push_str(k);
            out.push_str("=\"");
            escape(v, out);
            out.push('"');
        }
        if self.children.is_empty() {
            out.push_str("/>");
            return;
        }
        out.push('>');
        for c in &self.children {
            match c {
                Node::El(e) => e.write(out),
                Node::Text(t) => escape(t, out),
            }
        }
        out.push_str("</");
        out.push_str(self.name);
        out.push('>');
    }

    /// Every class any element of the tree names (for checking that a stylesheet styles them).
    pub fn classes(&self) -> Vec<String> {
        let mut out: Vec<String> =
            self.attrs.iter().filter(|(k, _)| *k == "class").flat_map(|(_, v)| v.split_whitespace().map(str::to_string).collect::<Vec<_>>()).collect();
        for c in &self.children {
            if let Node::El(e) = c {
                out.extend(e.classes());
            }
        }
        out.sort();
        out.dedup();
        out
    }
}

fn escape(s: &str, out: &mut String) {
    for ch in s.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
}

/// A standalone SVG document of `figure` (an `<svg>` element with a `viewBox`) at `width` CSS
/// pixels, styled by `rules` — the page's own stylesheet rules for its classes — with every
/// `var(--…)` resolved to the theme's colour (an SVG file has no page to inherit them from).
/// `(title, desc)` name and describe it, for screen readers and image alt text.
pub fn document(figure: &El, width: f64, rules: &str, theme: &Theme, (title, desc): (&str, &str)) -> String {
    let (vw, vh) = figure.attrs.iter().find(|(k, _)| *k == "viewBox").map_or((width, width), |(_, v)| {
        let n: Vec<f64> = v.split_whitespace().filter_map(|x| x.parse().ok()).collect();
        (n.get(2).copied().unwrap_or(width), n.get(3).copied().unwrap_or(width))
    });
    let height = (width * vh / vw).round();
    let mut css = rules.to_string();
    for (name, rgb) in theme.css_vars().iter().chain(SHARED_CSS_VARS.iter()) {
        css = css.replace(&format!("var({name})"), &rgb.css());
    }
    let mut doc = El::new("svg")
        .attr("xmlns", "http://www.w3.org/2000/svg")
        .attr("width", width)
        .attr("height", height)
        .attr("viewBox", format!("0 0 {vw} {vh}"))
        .attr("role", "img")
        .child(El::new("title").text(title))
        .child(El::new("desc").text(desc))
        .child(El::new("style").text(css))
        .child(El::new("rect").attr("width", vw).attr("height", vh).attr("fill", theme.bg.css()));
    for c in &figure.children {
        doc.children.push(c.clone());
    }
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    doc.write(&mut out);
    out.push('\n');
    out
}

/// The rules of `stylesheet` whose selectors begin with one of `prefixes` (one rule a line, or
/// several on a line as `style.css` writes them), for `document`.
pub fn rules_for(stylesheet: &str, prefixes: &[&str]) -> String {
    let mut out = String::new();
    for line in stylesheet.lines() {
        // `a { … } b { … }` on one line: each rule on its own.
        for rule in line.split_inclusive('}') {
            let rule = rule.trim();
            let Some((selector, _)) = rule.split_once('{') else { continue };
            if rule.ends_with('}') && !selector.contains('@') && prefixes.iter().any(|p| selector.trim().starts_with(p)) {
                out.push_str(rule);
                out.push('\n');
            }
        }
    }
    out
}
