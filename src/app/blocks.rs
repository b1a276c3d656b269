//! Figures the full page and an embedded figure both show, built once: the causal diagram at
//! the cursor, the fleet at the cursor, and the follow-ups panel.

use crate::app::islands::Island;
use crate::text::{clock, t_plus};
use crate::ui::components::{Diagram, FleetView, Room};
use crate::ui::seam::{island_query, Flags, Tool};
use crate::ui::state::{Msg, State};
use yew::prelude::*;

/// The causal diagram of the view's cluster at the cursor, beside the pinned run's.
pub fn diagram(s: &State, d: &Callback<Msg>) -> Html {
    let trace = &s.run.trace;
    // An embedded figure keeps one height while it plays (its frame is sized once); the full
    // page keeps the diagram and the playback bar in the first viewport instead.
    let room = if s.view.embed { Room::WholeRun } else { Room::Moment };
    html! {
        <Diagram trace={trace.clone()} params={s.run.params.clone()}
            pinned={s.pinned.as_ref().map(|r| (r.trace.clone(), r.params.clone()))}
            sample={trace.index_before(s.cursor)} passed={s.events_passed()}
            cluster={s.view.cluster} playing={s.playing}
            reduced_motion={s.reduced_motion} spoiler_free={s.view.teach} {room} dispatch={d.clone()} />
    }
}

/// Every cluster at the cursor, with its heading.
pub fn fleet(s: &State, dark: bool) -> Html {
    let trace = &s.run.trace;
    html! {
        <section class="panel" aria-labelledby="fleet-title">
            // Over the widest clock, so the heading keeps its lines while the clock runs.
            <h2 class="reserve" id="fleet-h">
                <span class="ghost" aria-hidden="true">{"Fleet at 12:00 pm · T+10 h 00 min"}</span>
                <span id="fleet-title">{"Fleet at "}{clock(s.cursor)}<span class="muted">{format!(" · {}", t_plus(s.cursor))}</span></span>
            </h2>
            <FleetView trace={trace.clone()} sample={trace.index_before(s.cursor)} {dark} />
        </section>
    }
}

/// When a panel of the tools module starts: at once (it is the figure) or once on screen.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Start {
    Now,
    OnScreen,
}

/// Spoiler-free mode before the end of the run: the tools panels that tell whole runs'
/// outcomes (the follow-ups, the sweep) hide their numbers (`Flags::hide_numbers`).
pub fn hide_numbers(s: &State) -> bool {
    s.view.teach && !s.at_end()
}

/// The postmortem's follow-ups, each re-simulated alone against this run (tools module); in
/// spoiler-free mode their numbers wait for the end of the run.
pub fn followups(s: &State, d: &Callback<Msg>, dark: bool, start: Start) -> Html {
    let eager = start == Start::Now;
    let hide_numbers = hide_numbers(s);
    html! {
        <Island tool={Tool::FollowUps} query={island_query(&s.run.params, &s.view.sweep)} dispatch={d.clone()}
            flags={Flags { dark, eager, hide_numbers }} />
    }
}
