//! Predict, then reveal: the trainee guesses when customers first see errors.

use crate::text::t_plus;
use crate::ui::dom;
use crate::ui::state::Msg;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct PredictProps {
    /// When customers first see errors in this run (`None`: never).
    pub actual: Option<f64>,
    /// The cursor has passed that moment.
    pub revealed: bool,
    pub guess: Option<f64>,
    /// Spoiler-free mode: "never" is told only at the end of the run.
    pub hide_never: bool,
    pub dispatch: Callback<Msg>,
}

#[component]
pub fn Predict(p: &PredictProps) -> Html {
    let on_guess = p.dispatch.reform(|e: Event| {
        let v = dom::event_number(&e);
        if v.is_finite() {
            Msg::Guess(v.clamp(0.0, 720.0))
        } else {
            Msg::ClearGuess
        }
    });
    html! {
        <section class="panel predict" aria-labelledby="pred-h">
            <h2 id="pred-h">{"Predict, then reveal"}</h2>
            <p>{"Before playing: how many minutes after the agent lands will customers first see errors?"}</p>
            <label>{"My guess (minutes) "}
                <input type="number" min="0" max="720" step="1" id="guess"
                    value={p.guess.map(|g| g.to_string()).unwrap_or_default()} onchange={on_guess} />
            </label>
            if let (Some(g), Some(a)) = (p.guess, p.actual) {
                if p.revealed {
                    <p class="reveal" id="reveal">{ format!("Customers first saw errors at {} — you guessed {}, off by {:.0} min.", t_plus(a), t_plus(g), (g - a).abs()) }</p>
                } else {
                    <p class="hint">{"Play past the moment to see how close you were."}</p>
                }
            }
            if p.actual.is_none() && !p.hide_never { <p class="hint">{"In this run customers never see errors."}</p> }
            <p class="show-all">
                <button class="linklike" id="show-all" onclick={p.dispatch.reform(|_| {
                    dom::set_pref(dom::SHOW_ALL, Some("1"));
                    Msg::Teach(false)
                })}>{"Came for the numbers? Show every outcome now"}</button>
                <span class="muted">{" (remembered on this browser; the Spoiler-free box under Play turns it back on)"}</span>
            </p>
        </section>
    }
}
