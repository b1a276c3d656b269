//! The event log: what happens in this run beside what really happened; each time seeks.

use crate::sim::Params;
use crate::text::{clock, t_plus};
use crate::ui::state::{Msg, TraceRef};
use crate::views::story;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct NarrationProps {
    pub trace: TraceRef,
    /// The run's parameters: the sentences are written from them and the trace.
    pub params: Params,
    /// How many events the cursor has passed: the log changes only when this does.
    pub passed: usize,
    /// The cursor is at the end of the run.
    pub at_end: bool,
    /// Spoiler-free mode: list only what has happened.
    pub teach: bool,
    /// The "really" lines are December 2024's (not shown for another incident's preset).
    pub december: bool,
    pub dispatch: Callback<Msg>,
}

#[component]
pub fn Narration(p: &NarrationProps) -> Html {
    let current = p.passed.checked_sub(1);
    html! {
        <section class="panel" aria-labelledby="log-h">
            <h2 id="log-h">{"What happens, and what really happened"}</h2>
            <ol class="events" id="events">
                { for p.trace.events.iter().enumerate().filter(|(i, _)| !p.teach || *i < p.passed).map(|(i, e)| {
                    // Land on the event's step, at a moment a link can carry (as ←/→ do).
                    let t = crate::ui::state::event_moment(e.t_min);
                    let real = e.kind.real_t_min().filter(|_| p.december).map(|r| format!("really: {} {}", clock(r), e.kind.title().to_ascii_lowercase()));
                    html! {
                        <li class={classes!(if Some(i) == current { "current" } else if i < p.passed { "passed" } else { "future" })} aria-current={(Some(i) == current).then_some("step")}>
                            <button class="event-time" onclick={p.dispatch.reform(move |_| Msg::Seek(t))}>
                                <span class="sr-only">{"Jump to "}</span>{clock(t)}<span class="muted">{format!(" {}", t_plus(t))}</span>
                            </button>
                            <div class="event-body">
                                <strong>{e.kind.title()}</strong>
                                if !e.detail.is_empty() { <span class="muted">{format!(" — {}", e.detail)}</span> }
                                <p>{story::explain(e, &p.trace, &p.params)}</p>
                                if let Some(r) = real { <p class="real">{r}</p> }
                            </div>
                        </li>
                    }
                }) }
            </ol>
            if p.teach && !p.at_end {
                <p class="hint">{"Spoiler-free: events appear as the cursor reaches them."}</p>
            } else if let Some(note) = story::no_fall_note(&p.trace) {
                <p class="hint">{note}</p>
            }
        </section>
    }
}
