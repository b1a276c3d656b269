//! The headline numbers against the real incident, and against a pinned run.

use crate::app::state::TraceRef;
use crate::report::t_plus;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct HeadlineProps {
    pub trace: TraceRef,
    /// The pinned run, when comparing.
    pub ghost: Option<TraceRef>,
}

/// Re-renders only when a run changes (traces compare by identity), not with the cursor.
#[component]
pub fn Headline(p: &HeadlineProps) -> Html {
    let s = &p.trace.summary;
    let g = p.ghost.as_ref().map(|g| &g.summary);
    let fmt = |v: Option<f64>| v.map_or("never".to_string(), t_plus);
    let diff = |a: Option<f64>, b: Option<f64>, what: &str| -> Html {
        match (a, b) {
            (Some(a), Some(b)) if (a - b).abs() >= 0.5 => {
                let d = a - b;
                html! { <span class={classes!("delta", if d < 0.0 { "sooner" } else { "later" })}>{format!("{} {:.0} min {} than pinned", what, d.abs(), if d < 0.0 { "sooner" } else { "later" })}</span> }
            }
            (Some(_), Some(_)) => html! { <span class="delta">{"same as pinned"}</span> },
            (None, Some(_)) => html! { <span class="delta sooner">{"never, unlike pinned"}</span> },
            (Some(_), None) => html! { <span class="delta later">{"pinned: never"}</span> },
            _ => html! {},
        }
    };
    let tiles: [(&str, &str, Option<f64>, Option<f64>, &str, &str); 5] = [
        ("hl-cp", "Control plane fails", s.control_plane_down_min, g.and_then(|g| g.control_plane_down_min), "really T+0 (3:12 pm)", "fails"),
        ("hl-lead", "Detection lead over customers", s.detection_lead_min, g.and_then(|g| g.detection_lead_min), "really 3 min", "lead"),
        ("hl-cust", "Customers first see errors", s.first_customer_errors_min, g.and_then(|g| g.first_customer_errors_min), "really T+4 (3:16 pm)", "errors"),
        ("hl-fix", "Fix landed everywhere", s.fix_landed_min, g.and_then(|g| g.fix_landed_min), "really hours later", "fix lands"),
        ("hl-all", "All clusters recovered", s.all_recovered_min, g.and_then(|g| g.all_recovered_min), "really T+4:26 (7:38 pm)", "recovery"),
    ];
    html! {
        <section class="headline" aria-label="Headline numbers" data-peak-min={s.peak_impact_min.map(|x| format!("{x:.2}")).unwrap_or_default()}>
            { for tiles.iter().map(|(id, label, v, gv, real, what)| html! {
                <div class="tile" id={*id}>
                    <div class="tile-label">{*label}</div>
                    <div class="tile-value" data-min={v.map(|x| format!("{x:.2}")).unwrap_or_default()}>
                        { if *id == "hl-lead" { v.map_or("—".into(), |m| format!("{m:.1} min")) } else { fmt(*v) } }
                    </div>
                    <div class="tile-real">{*real}</div>
                    if p.ghost.is_some() { { diff(*v, *gv, what) } }
                </div>
            }) }
        </section>
    }
}
