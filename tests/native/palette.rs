//! One palette: `src/views/palette.rs` is the source; the stylesheet's custom properties must carry
//! the same values (light and dark), rules must use those properties rather than colours of
//! their own, and no Rust file but the palette spells out a colour.

use cascade_lab::views::palette::{Rgb, Theme, DARK, LIGHT, SHARED_CSS_VARS};
use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn css() -> String {
    let text = fs::read_to_string(root().join("static/style.css")).expect("static/style.css");
    // Drop comments.
    let mut out = String::new();
    let mut rest = text.as_str();
    while let Some(i) = rest.find("/*") {
        out.push_str(&rest[..i]);
        rest = rest[i..].find("*/").map_or("", |j| &rest[i + j + 2..]);
    }
    out + rest
}

/// The declarations of the first rule whose selector is exactly `selector`.
fn block<'a>(css: &'a str, selector: &str) -> &'a str {
    let mut from = 0;
    while let Some(i) = css[from..].find(selector) {
        let at = from + i;
        let after = css[at + selector.len()..].trim_start();
        let before = css[..at].trim_end();
        if after.starts_with('{') && (before.is_empty() || before.ends_with('}') || before.ends_with('{')) {
            let open = css[at..].find('{').unwrap() + at + 1;
            let close = css[open..].find('}').unwrap() + open;
            return &css[open..close];
        }
        from = at + selector.len();
    }
    panic!("no rule for {selector} in style.css")
}

/// Custom properties of a block whose value is a colour.
fn colour_vars(decls: &str) -> BTreeMap<String, Rgb> {
    decls
        .split(';')
        .filter_map(|d| d.split_once(':'))
        .map(|(k, v)| (k.trim(), v.trim()))
        .filter(|(k, _)| k.starts_with("--"))
        .map(|(k, v)| (k.to_string(), Rgb::parse(v).unwrap_or_else(|| panic!("{k}: '{v}' is not a #hex colour"))))
        .collect()
}

fn expected(theme: &Theme) -> BTreeMap<String, Rgb> {
    theme.css_vars().into_iter().chain(SHARED_CSS_VARS).map(|(k, v)| (k.to_string(), v)).collect()
}

/// Every property that differs, is missing, or is extra, one per line.
fn differences(css: &BTreeMap<String, Rgb>, rust: &BTreeMap<String, Rgb>) -> String {
    let show = |c: Option<&Rgb>| c.map_or("(none)".to_string(), |c| c.css());
    css.keys()
        .chain(rust.keys())
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .filter(|k| css.get(*k) != rust.get(*k))
        .map(|k| format!("  {k}: style.css {} vs palette {}", show(css.get(k)), show(rust.get(k))))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn stylesheet_variables_equal_the_palette_light_and_dark() {
    let css = css();
    let light = colour_vars(block(&css, ":root"));
    let d = differences(&light, &expected(&LIGHT));
    assert!(d.is_empty(), "style.css :root against palette::LIGHT:\n{d}");

    // Dark: .theme-dark's properties over :root's (what an element inside .theme-dark sees).
    let dark_rule = colour_vars(block(&css, ".theme-dark"));
    let mut dark = light.clone();
    dark.extend(dark_rule.clone());
    let d = differences(&dark, &expected(&DARK));
    assert!(d.is_empty(), "style.css .theme-dark against palette::DARK:\n{d}");

    // The system-dark rule for theme=auto sets exactly what .theme-dark sets.
    let media = &css[css.find("@media (prefers-color-scheme: dark)").expect("a prefers-color-scheme: dark rule")..];
    assert_eq!(colour_vars(block(media, ".theme-auto")), dark_rule, "auto-dark and .theme-dark differ");
}

#[test]
fn stylesheet_rules_use_the_palette_variables_not_colours_of_their_own() {
    let css = css();
    let mut hits = Vec::new();
    for decl in css.split([';', '{', '}']) {
        let Some((prop, value)) = decl.split_once(':') else { continue };
        if prop.trim().starts_with("--") {
            continue;
        }
        if value.split(|c: char| !(c == '#' || c.is_ascii_hexdigit())).any(|w| Rgb::parse(w).is_some()) {
            hits.push(decl.trim().to_string());
        }
    }
    assert!(hits.is_empty(), "colours outside the palette variables:\n{}", hits.join("\n"));
}

fn rust_sources(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn no_rust_file_but_the_palette_spells_out_a_colour() {
    let mut files = Vec::new();
    rust_sources(&root().join("src"), &mut files);
    files.retain(|f| f != &root().join("src/views/palette.rs"));
    assert!(files.len() > 50, "only {} Rust files found under src/", files.len());
    let mut hits = Vec::new();
    for f in &files {
        let text = fs::read_to_string(f).unwrap();
        for (n, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            // A quoted "#rrggbb" / "rgb(…)", or an `Rgb(…)` / `Ink(Rgb(…)…)` with literal numbers.
            let quoted = code.split('"').skip(1).step_by(2).any(|s| Rgb::parse(s).is_some() || s.starts_with("rgb"));
            let literal = code.match_indices("Rgb(").any(|(i, m)| code[i + m.len()..].starts_with(|c: char| c.is_ascii_digit()));
            if quoted || literal {
                hits.push(format!("{}:{}: {}", f.display(), n + 1, line.trim()));
            }
        }
    }
    assert!(hits.is_empty(), "colours outside src/views/palette.rs:\n{}", hits.join("\n"));
}

#[test]
fn text_colours_meet_wcag_aa_on_their_backgrounds() {
    for (name, t) in [("light", LIGHT), ("dark", DARK)] {
        for (what, fg, bg) in [
            ("text on page", t.fg, t.bg),
            ("text on card", t.fg, t.card),
            ("muted on page", t.muted, t.bg),
            ("muted on card", t.muted, t.card),
            ("button text on accent", t.on_accent, t.accent),
            ("cursor on chart", t.cursor(), t.bg),
        ] {
            let c = fg.contrast(bg);
            assert!(c >= 4.5, "{name}: {what} has contrast {c:.2} < 4.5");
        }
    }
}

#[test]
fn colours_round_trip_through_their_css_form() {
    for (_, c) in LIGHT.css_vars().into_iter().chain(DARK.css_vars()).chain(SHARED_CSS_VARS) {
        assert_eq!(Rgb::parse(&c.css()), Some(c));
    }
    assert_eq!(Rgb::parse("#fff"), Some(Rgb(255, 255, 255)));
    assert_eq!(Rgb::parse("#12345g"), None);
    assert_eq!(Rgb::parse("0072B2"), None);
}

#[test]
fn the_sweep_ramp_is_sequential_light_rising_from_end_to_end() {
    use cascade_lab::views::palette::{ramp, RAMP};
    // A sequential scale reads in greyscale and with colour-vision deficiencies only if
    // lightness rises monotonically along it.
    let lum: Vec<f64> = (0..=100).map(|k| ramp(k as f64 / 100.0).luminance()).collect();
    assert!(lum.windows(2).all(|w| w[1] >= w[0] - 1e-4), "luminance not monotonic: {lum:?}");
    assert_eq!(ramp(0.0), RAMP[0]);
    assert_eq!(ramp(1.0), RAMP[RAMP.len() - 1]);
    assert_eq!(ramp(f64::NAN), RAMP[0]);
    assert_eq!(ramp(7.0), RAMP[RAMP.len() - 1]);
    assert!(RAMP[RAMP.len() - 1].contrast(RAMP[0]) > 7.0, "the ends are far apart");
}
