//! The charts' data as a table, for screen readers and for reading exact values. Its columns
//! are the trace's own column list (`FleetSeries::COLUMNS`), so a new series shows up here too.

use crate::sim::trace::FleetSeries;
use crate::text::{clock, t_plus};
use crate::ui::state::TraceRef;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct TableProps {
    pub trace: TraceRef,
    /// Spoiler-free mode: rows only up to this moment.
    pub until: Option<f64>,
}

#[component]
pub fn ChartTable(p: &TableProps) -> Html {
    let t = &p.trace;
    let columns = t.fleet.values();
    // Every 10 minutes keeps the table readable; the CSV export has every sample.
    let step = (10.0 / t.dt_min).round().max(1.0) as usize;
    html! {
        <table class="data">
            <caption>{"Fleet every 10 minutes"}</caption>
            <thead><tr>
                <th scope="col">{"Time"}</th>
                { for FleetSeries::COLUMNS.iter().map(|c| html! { <th scope="col" title={c.doc}>{c.label}</th> }) }
            </tr></thead>
            <tbody>
                { for (0..t.len).step_by(step).filter(|&i| p.until.is_none_or(|u| t.t_at(i) <= u)).map(|i| html! {
                    <tr>
                        <th scope="row">{format!("{} {}", clock(t.t_at(i)), t_plus(t.t_at(i)))}</th>
                        { for FleetSeries::COLUMNS.iter().zip(columns).map(|(c, s)| html! {
                            <td>{ if c.share { format!("{:.0}%", s[i] * 100.0) } else { format!("{:.0}", s[i]) } }</td>
                        }) }
                    </tr>
                }) }
            </tbody>
        </table>
    }
}
