//! The postmortem's follow-ups, each re-simulated alone against the current run (six summary
//! runs, a few milliseconds, once the parameters rest). "Try it" applies one and pins the
//! current run for compare.

use crate::analysis::followups::{compare, Row, FOLLOW_UPS};
use crate::sim::{simulate_summary, Key, Params, Summary, SPECS};
use crate::text::{duration, t_plus};
use crate::ui::seam::ToPage;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct FollowUpsProps {
    pub params: Params,
    /// Spoiler-free mode before the end of the run: the rows' numbers would tell the outcome.
    pub hide_numbers: bool,
    pub dispatch: Callback<ToPage>,
}

/// The schema values a follow-up changes, as the reducer takes them.
fn changes(base: &Params, key: &str) -> Vec<(Key, f64)> {
    let Some(f) = FOLLOW_UPS.iter().find(|f| f.key == key) else { return Vec::new() };
    let p = f.applied(base);
    SPECS.iter().filter(|s| p.value(s.key) != base.value(s.key)).map(|s| (s.id, p.value(s.key))).collect()
}

/// How long the parameters must rest before the follow-ups are re-simulated.
const SETTLE_MS: u32 = 250;

/// The run and its follow-ups, for the parameters they were computed from.
struct Computed {
    params: Params,
    run: Summary,
    rows: Vec<Row>,
}

fn computed(params: &Params) -> Rc<Computed> {
    let run = simulate_summary(params);
    Rc::new(Computed { rows: compare(params, &run), params: params.clone(), run })
}

/// The table's column headings; below 600 px each row is a card and its cells say which
/// column they are in (`.fu-k`, shown only there: static/style.css).
const COLUMNS: [&str; 6] = ["Follow-up", "Customer impact", "Peak errors (fleet)", "Fix landed", "All recovered", "Saves"];

/// A figure's cell: the column's name for the card layout, then the value.
fn cell(column: &'static str, class: &'static str, value: String) -> Html {
    html! { <td class={classes!(class)}><span class="fu-k">{column}</span><span class="fu-v">{value}</span></td> }
}

/// A figure not yet told (spoiler-free): a dash over the figure's redacted shape, so the view
/// keeps the height it will have when the numbers arrive.
fn hidden(column: &'static str, class: &'static str, value: String) -> Html {
    html! {
        <td class={classes!(class, "muted")}><span class="fu-k">{column}</span>
            <span class="fu-v reserve"><span class="ghost" aria-hidden="true">{crate::text::redact(&value)}</span><span>{"—"}</span></span>
        </td>
    }
}

#[component]
pub fn FollowUps(p: &FollowUpsProps) -> Html {
    // Six summary runs per change (this run and each follow-up), once the parameters rest for
    // a moment: a slider drag costs nothing here per input. The timer belongs to the effect.
    let done = use_state(|| computed(&p.params));
    let stale = done.params != p.params;
    {
        let done = done.clone();
        use_effect_with(p.params.clone(), move |params| {
            let params = params.clone();
            let timer = (done.params != params).then(|| gloo::timers::callback::Timeout::new(SETTLE_MS, move || done.set(computed(&params))));
            move || drop(timer)
        });
    }
    let rows = &done.rows;
    // "This run" is the run the rows were compared against (both stale together while the
    // parameters move).
    let s = &done.run;
    let when = |m: Option<f64>| m.map_or("never".to_string(), t_plus);
    let show = if p.hide_numbers { hidden } else { cell };
    html! {
        <section class="panel followups" id="followups" aria-labelledby="fu-h">
            <h2 id="fu-h">{"The postmortem's follow-ups, tried one at a time"}</h2>
            <p class="hint">{"Each row re-runs this scenario with one change added; a bundle says so and its parts have their own rows. Customer impact: minutes during which some cluster's customers saw more than 2 % of requests fail. Peak errors: the share of all customers' requests, fleet-wide."}</p>
            if p.hide_numbers {
                <p class="hint" id="fu-hidden">{"Spoiler-free: the numbers appear at the end of the run, or in a lesson when its answer is revealed."}</p>
            }
            <table class={classes!("data", "fu-table", stale.then_some("stale"))} aria-busy={stale.to_string()}>
                <thead><tr>
                    { for COLUMNS[..6].iter().map(|c| html! { <th scope="col">{*c}</th> }) }
                    <th scope="col"><span class="sr-only">{"Action"}</span></th>
                </tr></thead>
                <tbody>
                    <tr class="fu-current">
                        <th scope="row">{"This run"}</th>
                        { show(COLUMNS[1], "", duration(s.impact_min)) }
                        { show(COLUMNS[2], "", format!("{:.0} %", s.peak_error_rate * 100.0)) }
                        { show(COLUMNS[3], "", if s.impacted_clusters == 0 { "not needed".to_string() } else { when(s.fix_landed_min) }) }
                        { show(COLUMNS[4], "", if s.impacted_clusters == 0 { "not needed".to_string() } else { when(s.all_recovered_min) }) }
                        <td class="fu-empty"></td><td class="fu-empty"></td>
                    </tr>
                    { for rows.iter().map(|r| {
                        let values = changes(&p.params, r.key);
                        let label = r.label;
                        html! {
                            <tr data-key={r.key}>
                                <th scope="row"><span class="fu-label">{r.label}</span><span class="fu-what">{r.what}</span></th>
                                { show(COLUMNS[1], "", duration(r.impact_min)) }
                                { show(COLUMNS[2], "", format!("{:.0} %", r.peak_error * 100.0)) }
                                { show(COLUMNS[3], "", if r.impacted_clusters == 0 { "not needed".to_string() } else { when(r.fix_landed_min) }) }
                                { show(COLUMNS[4], "", if r.impacted_clusters == 0 { "not needed".to_string() } else { when(r.all_recovered_min) }) }
                                // Saves: the difference of the two impact figures as shown (whole minutes).
                                { { let saved = s.impact_min.round() - r.impact_min.round();
                                    let class = if p.hide_numbers { "fu-saves" } else if saved > 0.0 { "fu-saves better" } else if saved < 0.0 { "fu-saves worse" } else { "fu-saves same" };
                                    show(COLUMNS[5], class, if r.already { "already on".to_string() } else if saved == 0.0 { "nothing".to_string() } else if saved > 0.0 { format!("{} less impact", duration(saved)) } else { format!("{} more impact", duration(-saved)) }) } }
                                <td class="fu-try">
                                    <button class="btn small" disabled={r.already} onclick={p.dispatch.reform(move |_| ToPage::SetAndPin(values.clone()))}
                                        aria-label={format!("Try it: {label}")}>{"Try it"}</button>
                                </td>
                            </tr>
                        }
                    }) }
                </tbody>
            </table>
        </section>
    }
}
