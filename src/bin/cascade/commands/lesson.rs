//! `cascade lesson`: the lesson for the run, as a facilitator's guide or JSON.

use crate::cli::*;

pub const LESSON_HELP: &str = "\
An opening, eight chapters derived from the run and a closing (the same as the app's lesson
mode): each with its moment or window, the figure to show, one question to ask before the
answer, the answer key with the run's own numbers, what the figure marks after the reveal, a
note for the facilitator and its minutes in a session of --minutes (35, 45 or 60). A chapter
whose event does not happen in this run says so and why. Markdown is a guide to print
(docs/facilitator-guide.md is this command's output for December 2024); JSON lists the chapters
with n (0 the opening, 9 the closing), title, t, from, to, figure, question, kind, options,
answer, explanation, note, minutes, happened, mark, link (lesson=1) and present (present=1).";

pub fn lesson_cmd(m: &ArgMatches) -> Result<String, String> {
    let format = format_option(m, &["md", "json"], "md")?;
    let base = last_option(m, "base", |b| cascade_lab::formats::link::check_base(b).map_err(|e| e.to_string()))?
        .unwrap_or(cascade_lab::formats::link::DEFAULT_BASE)
        .to_string();
    let minutes = match last_option(m, "minutes", |_| Ok(()))? {
        None => 45,
        Some(v) => match v.trim().parse::<u32>() {
            Ok(n) if cascade_lab::analysis::lesson::SESSIONS.contains(&n) => n,
            _ => return Err(format!("--minutes '{}' is not a session length the lesson is planned for: 35, 45 or 60", clip(v))),
        },
    };
    let p = params_from(m, &["format", "base", "minutes"])?;
    if let Some(why) = cascade_lab::formats::link::LinkState::from_params(&p).too_long() {
        return Err(format!("lesson: {why}"));
    }
    let t = sim::simulate(&p);
    let chapters = cascade_lab::analysis::lesson::chapters_for(&p, &t, minutes);
    Ok(if format == "json" {
        cascade_lab::formats::lesson_text::to_json(&p, &chapters, &base)
    } else {
        cascade_lab::formats::lesson_text::to_markdown(&p, &chapters, &base)
    })
}
