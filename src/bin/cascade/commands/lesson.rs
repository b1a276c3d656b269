//! `cascade lesson`: the lesson for the run, as a facilitator's guide or JSON.

use crate::cli::*;

pub const LESSON_HELP: &str = "\
Eight chapters derived from the run (the same as the app's lesson mode): each with its moment
or window, the figure to show, one question to ask before the answer, the answer key with the
run's own numbers, a note for the facilitator and a suggested time (45 minutes in all). A
chapter whose event does not happen in this run says so and why. Markdown is a guide to print
(docs/facilitator-guide.md is this command's output for December 2024); JSON lists the chapters
with n, title, t, from, to, figure, question, kind, options, answer, explanation, note, minutes,
happened and link.";

pub fn lesson_cmd(m: &ArgMatches) -> Result<String, String> {
    let format = format_option(m, &["md", "json"], "md")?;
    let base = last_option(m, "base", |_| Ok(()))?.unwrap_or(cascade_lab::formats::link::DEFAULT_BASE).to_string();
    let p = params_from(m, &["format", "base"])?;
    let t = sim::simulate(&p);
    let chapters = cascade_lab::analysis::lesson::chapters(&p, &t);
    Ok(if format == "json" {
        cascade_lab::formats::lesson_text::to_json(&p, &chapters, &base)
    } else {
        cascade_lab::formats::lesson_text::to_markdown(&p, &chapters, &base)
    })
}
