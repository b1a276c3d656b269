//! The charts' data as a table, for screen readers and for reading exact values.

use crate::app::state::TraceRef;
use crate::report::{clock, t_plus};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct TableProps {
    pub trace: TraceRef,
}

#[component]
pub fn ChartTable(p: &TableProps) -> Html {
    let t = &p.trace;
    let f = &t.fleet;
    // Every 10 minutes keeps the table readable; the CSV export has every sample.
    let step = (10.0 / t.dt_min).round().max(1.0) as usize;
    html! {
        <table class="data">
            <caption>{"Fleet every 10 minutes"}</caption>
            <thead><tr><th scope="col">{"Time"}</th><th scope="col">{"API demand (seats)"}</th><th scope="col">{"Capacity (seats)"}</th><th scope="col">{"Customer errors"}</th><th scope="col">{"Traffic on a failed control plane"}</th><th scope="col">{"CoreDNS failing"}</th><th scope="col">{"Admin success"}</th></tr></thead>
            <tbody>
                { for (0..t.len).step_by(step).map(|i| html! {
                    <tr>
                        <th scope="row">{format!("{} {}", clock(t.t_at(i)), t_plus(t.t_at(i)))}</th>
                        <td>{format!("{:.0}", f.demand[i])}</td>
                        <td>{format!("{:.0}", f.capacity[i])}</td>
                        <td>{format!("{:.0}%", f.user_error[i] * 100.0)}</td>
                        <td>{format!("{:.0}%", (1.0 - f.control_plane_ok[i]) * 100.0)}</td>
                        <td>{format!("{:.0}%", (1.0 - f.dns_health[i]) * 100.0)}</td>
                        <td>{format!("{:.0}%", f.admin_success[i] * 100.0)}</td>
                    </tr>
                }) }
            </tbody>
        </table>
    }
}
