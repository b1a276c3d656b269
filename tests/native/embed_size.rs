//! The known heights (issue 21): the table the Embed form's no-script snippet reads and
//! docs/embedding.md prints. Whether its numbers fit the views is measured in Chromium
//! (tests/e2e/heights.test.mjs, against the docs' copy); here, that the copy is the table and
//! that lookups are safe.

use cascade_lab::formats::embed_size::{height, markdown, TABLE, WIDTHS};
use cascade_lab::formats::link::{Controls, Figure, CHAPTERS};

#[test]
fn the_docs_heights_table_is_the_one_the_form_reads() {
    let doc = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/embedding.md")).unwrap();
    let (begin, end) = ("<!-- heights:begin (src/formats/embed_size.rs) -->\n", "<!-- heights:end -->");
    let a = doc.find(begin).expect("docs/embedding.md has the heights table's begin marker") + begin.len();
    let b = doc[a..].find(end).expect("and its end marker") + a;
    assert_eq!(&doc[a..b], markdown(), "docs/embedding.md's heights table is not src/formats/embed_size.rs's");
}

#[test]
fn every_view_and_chapter_has_a_row_for_every_controls_level() {
    for f in Figure::ALL.iter().copied().filter(|f| !matches!(f, Figure::Full | Figure::Chapter)) {
        for c in [Controls::None, Controls::Min, Controls::Full] {
            assert!(height(f, 0, c, 700).is_some(), "{} {c:?}", f.name());
        }
    }
    for ch in 0..=CHAPTERS {
        for c in [Controls::None, Controls::Min, Controls::Full] {
            assert!(height(Figure::Chapter, ch, c, 700).is_some(), "chapter {ch} {c:?}");
        }
    }
    assert_eq!(height(Figure::Full, 0, Controls::Min, 700), None, "the whole app scrolls: no fixed height");
    assert!(TABLE.iter().all(|r| r.heights.iter().all(|&h| (100..6000).contains(&h))), "heights are measured, not placeholders");
}

#[test]
fn a_column_between_measured_widths_takes_the_narrower_ones_height() {
    let r = TABLE.iter().find(|r| r.figure == Figure::Diagram && r.controls == Controls::Min).unwrap();
    assert_eq!(height(Figure::Diagram, 0, Controls::Min, 700), Some(r.heights[3]));
    assert_eq!(height(Figure::Diagram, 0, Controls::Min, 819), Some(r.heights[3]));
    assert_eq!(height(Figure::Diagram, 0, Controls::Min, 2000), Some(r.heights[WIDTHS.len() - 1]));
    assert_eq!(height(Figure::Diagram, 0, Controls::Min, 200), Some(r.heights[0]), "narrower than measured: the narrowest row");
    // A chapter has no sliders: "full" reads "min".
    assert_eq!(height(Figure::Chapter, 3, Controls::Full, 700), height(Figure::Chapter, 3, Controls::Min, 700));
}

#[test]
fn the_snippets_for_pages_with_and_without_scripts() {
    use cascade_lab::formats::embed_size::{Host, Snippet};
    let s = Snippet {
        url: "https://a.example/c/?v=1&t=20&embed=1&view=diagram",
        script: "https://a.example/c/embed.js",
        title: "causal \"diagram\"",
        host: Host::Scripts,
        width: 700,
        height: 690,
        figure: Figure::Diagram,
    };
    assert_eq!(
        s.html(),
        "<iframe data-cascade-lab src=\"https://a.example/c/?v=1&amp;t=20&amp;embed=1&amp;view=diagram\" title=\"Cascade Lab: causal &quot;diagram&quot;\" width=\"100%\" height=\"690\"></iframe>\n<script src=\"https://a.example/c/embed.js\" async></script>"
    );
    let bare = Snippet { host: Host::NoScripts, ..s }.html();
    assert_eq!(bare, "<iframe src=\"https://a.example/c/?v=1&amp;t=20&amp;embed=1&amp;view=diagram\" title=\"Cascade Lab: causal &quot;diagram&quot;\" width=\"700\" height=\"690\" frameborder=\"0\"></iframe>");
    assert!(!bare.contains("<script") && !bare.contains("style="), "a wiki keeps it whole");
}

/// A wiki that strips frames (Backstage TechDocs) gets the `cascade render` line that draws the
/// figure in its docs build and the Markdown that shows it; running that line writes the still.
#[test]
fn the_snippet_for_a_wiki_that_takes_only_images_is_a_render_line_that_runs() {
    use cascade_lab::formats::embed_size::{still_view, Host, Snippet};
    let dir = std::env::temp_dir().join(format!("cascade-still-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let s = Snippet {
        url: "https://a.example/c/?v=1&ttl=30&t=12&embed=1&view=fleet&cluster=it's",
        script: "https://a.example/c/embed.js",
        title: "cluster by cluster",
        host: Host::Image,
        width: 700,
        height: 690,
        figure: Figure::Fleet,
    };
    let text = s.html();
    assert!(
        text.contains("cascade render --link 'v=1&ttl=30&t=12&embed=1&view=fleet&cluster=it'\\''s' --view lanes --width 700 --out cascade-lab-lanes.png"),
        "{text}"
    );
    assert!(text.ends_with("![Cascade Lab: cluster by cluster](cascade-lab-lanes.png)"), "{text}");
    // The line as the docs build would run it (its link without the odd cluster name).
    let out = dir.join("cascade-lab-lanes.png");
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_cascade"))
        .args(["render", "--link", "v=1&ttl=30&t=12&embed=1&view=fleet", "--view", "lanes", "--width", "700", "--out", out.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(status.status.success(), "{}", String::from_utf8_lossy(&status.stderr));
    assert_eq!(cascade_lab::formats::png::dimensions(&std::fs::read(&out).unwrap()).map(|d| d.0), Some(700));
    // Views without a still say so.
    assert_eq!(still_view(Figure::Sweep), None);
    assert!(Snippet { figure: Figure::Followups, ..s }.html().starts_with("This view has no still image"));
}

/// Reserved room in a spoiler-free figure is redacted text: the same length, the same spaces
/// and punctuation (so it wraps about where the original would), and nothing to read.
#[test]
fn redacted_text_keeps_the_shape_and_nothing_else() {
    use cascade_lab::text::redact;
    let text = "Not quite. The answer: 40 % — break-glass, at T+34 min.";
    let r = redact(text);
    assert_eq!(r.chars().count(), text.chars().count());
    assert_eq!(r, "Nor ooiro. Noo ooomor: 00 % — orooo-oiooo, or N+00 mio.");
    for word in ["quite", "answer", "40", "break", "glass", "34"] {
        assert!(!r.contains(word), "{word} readable in {r}");
    }
}
