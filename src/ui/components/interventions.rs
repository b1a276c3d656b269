//! Intervene at the cursor: one button per action, and the list so far.

use crate::sim::{Action, Intervention};
use crate::text::{clock, t_plus};
use crate::ui::state::Msg;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct InterventionsProps {
    pub list: Vec<Intervention>,
    /// Shown in the heading: a new intervention lands at the cursor.
    pub cursor: f64,
    pub dispatch: Callback<Msg>,
}

#[component]
pub fn Interventions(p: &InterventionsProps) -> Html {
    let d = &p.dispatch;
    html! {
        <section class="box" aria-labelledby="iv-h">
            <h3 id="iv-h">{"Intervene at "}{clock(p.cursor)}</h3>
            <p class="hint">{"Pause anywhere, then act at that moment: the whole incident re-simulates with your action in it."}</p>
            <div class="iv-buttons">
                { for Action::ALL.iter().map(|a| { let a = *a; html! {
                    <button class="btn small" data-action={a.key()} onclick={d.reform(move |_| Msg::Intervene(a))}>{a.label()}</button>
                }}) }
            </div>
            if !p.list.is_empty() {
                <ul class="iv-list">
                    { for p.list.iter().enumerate().map(|(i, iv)| html! {
                        <li>{format!("{} ({}) — {}", clock(iv.t_min), t_plus(iv.t_min), iv.action.label())}
                            <button class="linklike" aria-label={format!("Remove {}", iv.action.label())} onclick={d.reform(move |_| Msg::RemoveIntervention(i))}>{"remove"}</button>
                        </li>
                    }) }
                </ul>
            }
        </section>
    }
}
