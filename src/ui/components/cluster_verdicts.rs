//! Each cluster's outcome in one line under the headline numbers (`views::verdicts`, pure and
//! natively tested): which fell and which saturated, when, and how many stayed ok. A long
//! fleet's line names the first few of each and lists every one in a disclosure.

use crate::ui::state::TraceRef;
use crate::views::verdicts::{verdicts, Entry};
use yew::prelude::*;

/// Clusters named in the line per outcome (December's four fallen clusters all fit).
const NAMED: usize = 4;

#[derive(Properties, PartialEq)]
pub struct VerdictProps {
    pub trace: TraceRef,
    /// Spoiler-free mode: the moment shown; outcomes after it are not told.
    pub until: Option<f64>,
}

#[component]
pub fn ClusterVerdicts(p: &VerdictProps) -> Html {
    let v = verdicts(&p.trace, p.until);
    let list = |word: &str, entries: &[Entry]| {
        html! {
            if !entries.is_empty() {
                <li><strong>{format!("{word} ({}): ", entries.len())}</strong>
                    {entries.iter().map(Entry::text).collect::<Vec<_>>().join(", ")}</li>
            }
        }
    };
    html! {
        <section class="verdicts" aria-labelledby="verdicts-h">
            <h2 class="sr-only" id="verdicts-h">{"Each cluster's outcome"}</h2>
            <p class="verdict-line" id="verdict-line">{v.line(NAMED)}</p>
            if v.clipped(NAMED) {
                <details class="verdict-all">
                    <summary>{format!("Every cluster's outcome ({})", v.total())}</summary>
                    <ul>{ list("Fell", &v.fell) }{ list("Saturated", &v.saturated) }
                        <li>{format!("{} {}", v.ok, if v.so_far { "ok so far" } else { "ok" })}</li></ul>
                </details>
            }
        </section>
    }
}
