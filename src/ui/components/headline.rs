//! The headline numbers against the real incident, and against a pinned run.

use crate::ui::state::TraceRef;
use crate::views::headline::{t_note, tiles, Reveal, Verdict};
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
    /// Why the run does not recover, when it does not (`outlook::why_not_recovered`); told
    /// once the run's end may be told.
    #[prop_or_default]
    pub why: Option<String>,
}

/// Re-renders only when a run or the last passed event changes, not with the cursor.
#[component]
pub fn Headline(p: &HeadlineProps) -> Html {
    let reveal = Reveal { until: p.until, at_end: p.at_end };
    let tiles = tiles(&p.trace.summary, p.ghost.as_ref().map(|g| &g.summary), p.december, reveal);
    let peak = p.trace.summary.peak_impact_min.filter(|m| p.until.is_none_or(|u| *m <= u));
    html! {
        <section class="headline" aria-label="Headline numbers" data-peak-min={peak.map(|x| format!("{x:.2}")).unwrap_or_default()}>
            { for tiles.iter().map(|t| html! {
                <div class={classes!("tile", t.text.is_none().then_some("hidden-yet"))} id={t.id}>
                    <div class="tile-label">{t.label}</div>
                    <div class="tile-help">{t.scope}</div>
                    <div class="tile-value" data-min={t.value.map(|x| format!("{x:.2}")).unwrap_or_default()}>{t.text.clone().unwrap_or_else(|| "not yet".into())}</div>
                    if let Some(r) = t.real { <div class="tile-real">{r}</div> }
                    if let Some(d) = &t.delta {
                        <span class={classes!("delta", d.verdict.map(|v| if v == Verdict::Better { "better" } else { "worse" }))}>{d.text.clone()}</span>
                    }
                </div>
            }) }
            if let Some(why) = p.why.as_ref().filter(|_| p.until.is_none() || p.at_end) {
                <p class="hint warn why-not" id="why-not-recovered">{why.clone()}</p>
            }
            <p class="hint headline-t">{t_note(&p.trace)}</p>
        </section>
    }
}
