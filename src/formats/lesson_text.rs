//! The lesson as text: a facilitator's guide in Markdown and the chapters as JSON, for
//! `cascade lesson` and `docs/facilitator-guide.md` (a test keeps the guide equal to the CLI's
//! output, so it never drifts from the model).

use crate::analysis::lesson::{Chapter, Figure, Question, FIRST_STORY, LAST_STORY};
use crate::formats::link::LinkState;
use crate::sim::Params;
use crate::text::{clock, t_plus};
use serde::Serialize;

/// The link that opens the app in lesson mode at chapter `n` of this run.
pub fn chapter_link(p: &Params, n: usize, base: &str) -> String {
    let mut link = LinkState::from_params(p);
    link.view.lesson = true;
    link.view.chapter = n as u32;
    link.to_url(base)
}

/// The link that projects chapter `n` of this run (`present=1`: the figure and the question,
/// scaled for a room), as a facilitator opens it.
pub fn present_link(p: &Params, n: usize, base: &str) -> String {
    let mut link = LinkState::from_params(p);
    link.view.present = true;
    link.view.chapter = n as u32;
    link.to_url(base)
}

/// What a chapter shows, naming its cluster as the run `p` names it.
fn figure_words(f: Figure, p: &Params) -> String {
    let names = crate::sim::fleet::names(p);
    let name = |c: usize| names.get(c).map_or("the largest cluster", |n| n.as_str()).to_string();
    match f {
        Figure::Diagram { cluster } => format!("the causal diagram at {}", name(cluster)),
        Figure::Demand { cluster, compare } => {
            format!("the chart of {}'s CPU demand against its cores{}", name(cluster), compare.map(|c| format!(", beside {}'s", name(c))).unwrap_or_default())
        }
        Figure::ApiServers { cluster } => format!("the chart of {}'s API servers: memory and replicas up", name(cluster)),
        Figure::Visibility => "the chart of what customers see against the control plane".into(),
        Figure::Access { cluster } => format!("the chart of engineers' access to {}'s API", name(cluster)),
        Figure::Lanes => "the swimlanes, cluster by cluster".into(),
        Figure::FollowUps => "the follow-ups, each tried alone against this run".into(),
    }
}

/// A chapter's heading: "Opening", "3." or "Closing", and its title.
fn heading(c: &Chapter) -> String {
    match c.n {
        FIRST_STORY..=LAST_STORY => format!("{}. {}", c.n, c.title),
        _ => format!("{}: {}", c.place(), c.title),
    }
}

/// A guide to print: one heading a chapter.
pub fn to_markdown(p: &Params, chapters: &[Chapter], base: &str) -> String {
    let total: u32 = chapters.iter().map(|c| c.minutes).sum();
    let diff: Vec<String> = crate::formats::compact::diff_pairs(p, &Params::from_preset(p.preset)).iter().map(|(k, v)| format!("`{k}={v}`")).collect();
    let mut out = format!(
        "# Cascade Lab — facilitator's guide\n\n\
         The lesson for preset `{}`{}, seed {}: an opening, {} chapters and a closing, {total} minutes with questions and \
         discussion (`cascade lesson --minutes 35|45|60` plans another length). Each chapter opens the app at one moment \
         with one figure; ask its question *before* revealing the answer — the figure then plays to the answer and marks \
         it. Every number below is the model's, from this run (`cascade lesson` prints this guide for any parameters).\n\n\
         **To run it:** open the first *present* link on the projector; press P there to open the presenter view (notes, \
         the answer, the next chapter, a timer) in a second window on your laptop. ←/→ change chapter and Space reveals \
         on either window; both stay in step. The room never sees the notes. The links below open {base}; \
         `cascade lesson --base URL` writes them for where your team serves the app.\n",
        p.preset,
        if diff.is_empty() { String::new() } else { format!(" with {}", diff.join(", ")) },
        p.seed,
        chapters.iter().filter(|c| (FIRST_STORY..=LAST_STORY).contains(&c.n)).count()
    );
    for c in chapters {
        out.push_str(&format!("\n## {} ({} min)\n\n", heading(c), c.minutes));
        out.push_str(&format!(
            "**Moment:** {} ({}) · **Show:** {} · [present it]({}) · [open it to explore]({})\n\n",
            clock(c.t),
            t_plus(c.t),
            figure_words(c.figure, p),
            present_link(p, c.n, base),
            chapter_link(p, c.n, base)
        ));
        out.push_str(&format!("**Ask:** {}\n\n", c.question.prompt()));
        if let Question::Choice { options, .. } = &c.question {
            for (i, o) in options.iter().enumerate() {
                out.push_str(&format!("{}. {o}\n", (b'a' + i as u8) as char));
            }
            out.push('\n');
        }
        if c.question.graded() {
            out.push_str(&format!("**Answer:** {}.\n\n", c.question.answer_text()));
        }
        out.push_str(&format!("{}\n\n", c.explanation));
        if let Some(m) = &c.mark {
            out.push_str(&format!("**After the reveal the figure shows ({}):** {}.\n\n", clock(m.to), m.label));
        }
        out.push_str(&format!("**For the facilitator:** {}\n", c.note));
        if !c.happened {
            out.push_str("\n*In this run the chapter's event does not happen; the answer says why.*\n");
        }
    }
    out
}

#[derive(Serialize)]
struct ChapterJson<'a> {
    n: usize,
    title: &'a str,
    t: f64,
    from: f64,
    to: f64,
    figure: &'static str,
    question: &'a str,
    kind: &'static str,
    options: Vec<&'a str>,
    answer: String,
    explanation: &'a str,
    note: &'a str,
    minutes: u32,
    happened: bool,
    /// What the figure marks after the reveal.
    mark: Option<&'a str>,
    link: String,
    present: String,
}

/// One object per chapter.
pub fn to_json(p: &Params, chapters: &[Chapter], base: &str) -> String {
    let list: Vec<ChapterJson> = chapters
        .iter()
        .map(|c| ChapterJson {
            n: c.n,
            title: &c.title,
            t: c.t,
            from: c.window.0,
            to: c.window.1,
            figure: c.figure.view_name(),
            question: c.question.prompt(),
            kind: match c.question {
                Question::Number { .. } => "number",
                Question::Choice { .. } => "choice",
                Question::Open { .. } => "open",
            },
            options: match &c.question {
                Question::Choice { options, .. } => options.iter().map(String::as_str).collect(),
                Question::Number { .. } | Question::Open { .. } => Vec::new(),
            },
            mark: c.mark.as_ref().map(|m| m.label.as_str()),
            present: present_link(p, c.n, base),
            answer: c.question.answer_text(),
            explanation: &c.explanation,
            note: &c.note,
            minutes: c.minutes,
            happened: c.happened,
            link: chapter_link(p, c.n, base),
        })
        .collect();
    serde_json::to_string_pretty(&list).unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}")) + "\n"
}
