//! The headline numbers against the real incident, and against a pinned run.

use crate::app::state::TraceRef;
use crate::report::{clock, t_plus};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct HeadlineProps {
    pub trace: TraceRef,
    /// The pinned run, when comparing.
    pub ghost: Option<TraceRef>,
    /// Spoiler-free mode: the last event passed; later numbers read "not yet".
    pub until: Option<f64>,
    /// The cursor reached the end (a "never" may be told).
    pub at_end: bool,
    /// The real times shown beside are December 2024's (not for another incident's preset).
    pub december: bool,
}

/// One tile: what it measures, when it is known, and which way is better.
struct Tile {
    id: &'static str,
    label: &'static str,
    /// A short explanation shown under the label.
    help: Option<&'static str>,
    value: Option<f64>,
    pinned: Option<f64>,
    /// When the value becomes known in the run (for spoiler-free mode), and in the pinned run.
    known_at: Option<f64>,
    pinned_at: Option<f64>,
    /// December 2024's real value, in words.
    real: &'static str,
    /// Later (or larger) is better, e.g. the control plane failing later.
    later_is_better: bool,
    is_time: bool,
}

/// Re-renders only when a run or the last passed event changes, not with the cursor.
#[component]
pub fn Headline(p: &HeadlineProps) -> Html {
    let s = &p.trace.summary;
    let g = p.ghost.as_ref().map(|g| &g.summary);
    let lead_at = |s: &crate::sim::Summary| match (s.first_alert_min, s.first_customer_errors_min) {
        (Some(a), Some(c)) => Some(a.max(c)),
        _ => None,
    };
    let lead_known = lead_at(s);
    let tiles = [
        Tile { id: "hl-cp", label: "Control plane fails", help: None, value: s.control_plane_down_min, pinned: g.and_then(|g| g.control_plane_down_min), known_at: s.control_plane_down_min, pinned_at: g.and_then(|g| g.control_plane_down_min), real: "really T+0 min (3:12 pm)", later_is_better: true, is_time: true },
        Tile { id: "hl-lead", label: "Detection lead over customers", help: Some("first alert → customers' first errors"), value: s.detection_lead_min, pinned: g.and_then(|g| g.detection_lead_min), known_at: lead_known, pinned_at: g.and_then(lead_at), real: "really 3 min", later_is_better: true, is_time: false },
        Tile { id: "hl-cust", label: "Customers first see errors", help: None, value: s.first_customer_errors_min, pinned: g.and_then(|g| g.first_customer_errors_min), known_at: s.first_customer_errors_min, pinned_at: g.and_then(|g| g.first_customer_errors_min), real: "really T+4 min (3:16 pm)", later_is_better: true, is_time: true },
        Tile { id: "hl-fix", label: "Fix landed everywhere", help: None, value: s.fix_landed_min, pinned: g.and_then(|g| g.fix_landed_min), known_at: s.fix_landed_min, pinned_at: g.and_then(|g| g.fix_landed_min), real: "really hours later", later_is_better: false, is_time: true },
        Tile { id: "hl-all", label: "All clusters recovered", help: None, value: s.all_recovered_min, pinned: g.and_then(|g| g.all_recovered_min), known_at: s.all_recovered_min, pinned_at: g.and_then(|g| g.all_recovered_min), real: "really T+4 h 26 min (7:38 pm)", later_is_better: false, is_time: true },
    ];
    // Spoiler-free: a value is shown once its moment has passed; "never" once the run is over.
    let known = |t: &Tile| match (p.until, t.known_at) {
        (None, _) => true,
        (Some(u), Some(k)) => k <= u,
        (Some(_), None) => p.at_end,
    };
    let pinned_known = |t: &Tile| match (p.until, t.pinned_at) {
        (None, _) => true,
        (Some(u), Some(k)) => k <= u,
        (Some(_), None) => p.at_end,
    };
    let peak = s.peak_impact_min.filter(|m| p.until.is_none_or(|u| *m <= u));
    html! {
        <section class="headline" aria-label="Headline numbers" data-peak-min={peak.map(|x| format!("{x:.2}")).unwrap_or_default()}>
            { for tiles.iter().map(|t| {
                let shown = known(t);
                let text = if !shown {
                    "not yet".to_string()
                } else if t.is_time {
                    t.value.map_or("never".to_string(), t_plus)
                } else {
                    t.value.map_or("—".into(), |m| format!("{m:.1} min"))
                };
                html! {
                    <div class={classes!("tile", (!shown).then_some("hidden-yet"))} id={t.id}>
                        <div class="tile-label">{t.label}</div>
                        if let Some(h) = t.help { <div class="tile-help">{h}</div> }
                        <div class="tile-value" data-min={if shown { t.value.map(|x| format!("{x:.2}")).unwrap_or_default() } else { String::new() }}>{text}</div>
                        if p.december && shown { <div class="tile-real">{t.real}</div> }
                        // The pinned run's numbers are spoilers too: compare once both are known.
                        if p.ghost.is_some() && shown && pinned_known(t) { { delta(t) } }
                    </div>
                }
            }) }
            <p class="hint headline-t">{format!("T = {}, when the agent reached the large clusters; times are minutes after T.", clock(0.0))}</p>
        </section>
    }
}

/// The difference against the pinned run, coloured by whether it is better, with the number
/// even when small.
fn delta(t: &Tile) -> Html {
    let (unit_more, unit_less) = if t.is_time { ("later", "sooner") } else { ("longer", "shorter") };
    match (t.value, t.pinned) {
        (Some(a), Some(b)) if (a - b).abs() >= 0.05 => {
            let d = a - b;
            let better = (d > 0.0) == t.later_is_better;
            let amount = if d.abs() >= 1.0 { format!("{:.0}", d.abs()) } else { format!("{:.1}", d.abs()) };
            html! { <span class={classes!("delta", if better { "better" } else { "worse" })}>{format!("{amount} min {} than pinned", if d > 0.0 { unit_more } else { unit_less })}</span> }
        }
        (Some(_), Some(_)) => html! { <span class="delta">{"same as pinned"}</span> },
        // Never happening is better for failures, worse for fixes.
        (None, Some(_)) => html! { <span class={classes!("delta", if t.later_is_better { "better" } else { "worse" })}>{"never, unlike pinned"}</span> },
        (Some(_), None) => html! { <span class={classes!("delta", if t.later_is_better { "worse" } else { "better" })}>{"pinned: never"}</span> },
        _ => html! {},
    }
}
