//! "Your fleet": the editor for a described fleet, agent and rollout plan (a tools-module panel,
//! loaded when its disclosure opens). Every cell keeps the text typed (`tools::fleet_draft`);
//! Apply reads it and sends the reducer `SetFleet`/`SetAgent`/`SetPlan` (or says, next to the
//! table, the one line that is wrong, while the run keeps its last valid fleet).

use crate::sim::agent::{AgentSpec, Resource, Scope, Source};
use crate::sim::fleet::{self, Fleet};
use crate::sim::plan::{GateSignal, Plan};
use crate::sim::{Key, Params, Rollout};
use crate::tools::fleet_draft::{agent_of, agent_rows, columns, replicas_of, table_hint, CallRow, Column, Draft, PlanDraft};
use crate::ui::seam::ToPage;
use std::rc::Rc;
use wasm_bindgen::JsValue;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct FleetEditorProps {
    pub params: Params,
    pub dispatch: Callback<ToPage>,
}

/// A draft edited in place: each change applies to the latest value, so quick edits between
/// renders are not lost.
#[derive(PartialEq)]
struct Edit<T>(T);

impl<T: Clone + PartialEq + 'static> Reducible for Edit<T> {
    type Action = Box<dyn FnOnce(&mut T)>;
    fn reduce(self: Rc<Self>, f: Self::Action) -> Rc<Self> {
        let mut v = self.0.clone();
        f(&mut v);
        Rc::new(Edit(v))
    }
}

type Drafted<T> = UseReducerHandle<Edit<T>>;

fn edit<T: Clone + PartialEq + 'static>(d: &Drafted<T>, f: impl FnOnce(&mut T) + 'static) {
    d.dispatch(Box::new(f));
}

/// The value of the input, select or textarea an event came from.
fn value_of(e: &Event) -> String {
    e.target().and_then(|t| js_sys::Reflect::get(&t, &JsValue::from_str("value")).ok()).and_then(|v| v.as_string()).unwrap_or_default()
}

fn checked_of(e: &Event) -> bool {
    e.target().and_then(|t| js_sys::Reflect::get(&t, &JsValue::from_str("checked")).ok()).and_then(|v| v.as_bool()).unwrap_or(false)
}

/// Keeps a draft in step with the run: when the run's value changes from outside (a preset,
/// Reset, another panel), a draft that said the old value shows the new one; a draft with
/// changes not yet applied is kept as typed.
#[hook]
fn use_follow<T, D>(run: T, draft: &Drafted<D>, make: fn(&T) -> D, says: fn(&D, &T) -> bool)
where
    T: PartialEq + Clone + 'static,
    D: Clone + PartialEq + 'static,
{
    let last = use_mut_ref(|| run.clone());
    let draft = draft.clone();
    use_effect_with(run, move |run| {
        let prev = last.replace(run.clone());
        if prev != *run && !says(&draft.0, run) && says(&draft.0, &prev) {
            let next = make(run);
            edit(&draft, move |d| *d = next);
        }
    });
}

/// The fleet the run has, written out (December's built-in one at the run's size when none).
fn run_fleet(p: &Params) -> Fleet {
    p.fleet.clone().unwrap_or_else(|| Fleet::december(p))
}

/// The plan the waves editor starts from: the run's own, or the named phased plan written out.
fn run_plan(p: &Params) -> Plan {
    p.plan.clone().unwrap_or_else(|| crate::sim::model::schedule::phased_plan(p, &fleet::resolve(p)))
}

#[component]
pub fn FleetEditor(p: &FleetEditorProps) -> Html {
    let table = use_reducer(|| Edit(Draft::of_run(&p.params)));
    let calls = use_reducer(|| Edit(agent_rows(p.params.agent.as_ref())));
    let waves = use_reducer(|| Edit(PlanDraft::of(&run_plan(&p.params))));
    use_follow(run_fleet(&p.params), &table, Draft::of, |d, f| d.fleet().as_ref() == Ok(f));
    use_follow(
        p.params.agent.clone(),
        &calls,
        |a| agent_rows(a.as_ref()),
        |rows, a| {
            let a = a.clone().unwrap_or_else(AgentSpec::december);
            agent_of(rows, a.replicas).ok() == Some(a)
        },
    );
    use_follow(run_plan(&p.params), &waves, PlanDraft::of, |d, pl| d.plan(&plan_names(pl)).as_ref() == Ok(pl));
    html! {
        <section class="panel fleet-editor" id="fleet-editor" aria-labelledby="fe-h">
            <h2 id="fe-h">{"Your fleet"}</h2>
            <p class="hint">{"Describe your clusters, your agent and your rollout; Apply re-runs the incident on them, and the share link carries them. A blank cell takes the fleet-wide value shown in grey (the sliders' value)."}</p>
            { clusters_section(p, &table) }
            { agent_section(p, &calls) }
            { plan_section(p, &waves) }
        </section>
    }
}

/// Every cluster named in a plan, in order: enough to check that a draft says this plan.
fn plan_names(pl: &Plan) -> Vec<String> {
    pl.waves.iter().flat_map(|w| w.clusters.iter().cloned()).collect()
}

/// The clusters: status, the table, add/apply/reset, the error line and the CSV paste.
fn clusters_section(p: &FleetEditorProps, table: &Drafted<Draft>) -> Html {
    let applied = table.0.fleet().as_ref() == Ok(&run_fleet(&p.params));
    let running = match &p.params.fleet {
        None => format!("Running December 2024's built-in fleet ({}).", crate::text::count(fleet::names(&p.params).len() as i64, "cluster", "clusters")),
        Some(f) => format!(
            "Running your fleet: {}, the largest {}.",
            crate::text::count(f.clusters.len() as i64, "cluster", "clusters"),
            crate::text::count(f.largest() as i64, "node", "nodes")
        ),
    };
    html! {
        <div class="fe-part" role="group" aria-labelledby="fe-clusters-h">
            <h3 id="fe-clusters-h">{"Clusters"}</h3>
            <p class="hint" id="fe-status">{running}{if applied { "" } else { " The table has changes not applied yet." }}</p>
            <ClusterTable params={p.params.clone()} table={table.clone()} />
            <ClusterActions params={p.params.clone()} table={table.clone()} dispatch={p.dispatch.clone()} />
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct TableProps {
    params: Params,
    table: Drafted<Draft>,
}

/// The table: one row per cluster, every cell a labelled input; it scrolls sideways in its own box.
#[component]
fn ClusterTable(p: &TableProps) -> Html {
    let cols = columns();
    let fleet_wide = |col: Column| -> String {
        match col {
            Column::Name | Column::Nodes | Column::Staging => String::new(),
            Column::Wave => "0".into(),
            Column::Field(f) => p.params.value(f.name()).to_string(),
        }
    };
    let rows = &p.table.0.rows;
    html! {
        <>
        <p class="hint fe-scroll-hint">{table_hint()}</p>
        <div class="fe-scroll" role="region" aria-label="Clusters table" tabindex="0">
            <table class="data fe-table">
                <thead><tr>
                    { for cols.iter().map(|c| html! { <th scope="col">{c.heading()}</th> }) }
                    <th scope="col"><span class="sr-only">{"Remove"}</span></th>
                </tr></thead>
                <tbody>
                    { for rows.iter().enumerate().map(|(i, row)| {
                        let table = p.table.clone();
                        let remove = Callback::from(move |_| edit(&table, move |d: &mut Draft| { if i < d.rows.len() { d.rows.remove(i); } }));
                        let name = if row.cell("name").trim().is_empty() { format!("cluster {}", i + 1) } else { row.cell("name").to_string() };
                        html! {
                            <tr>
                                { for cols.iter().enumerate().map(|(k, &c)| cell(&p.table, i, (k, c), &row.cells[k], &fleet_wide(c), &name)) }
                                <td><button class="btn small" onclick={remove} aria-label={format!("Remove {name}")}>{"×"}</button></td>
                            </tr>
                        }
                    }) }
                </tbody>
            </table>
        </div>
        </>
    }
}

/// One cell: text (numbers, names), a three-way choice (yes / no / fleet-wide) or a checkbox.
fn cell(table: &Drafted<Draft>, i: usize, (col, column): (usize, Column), value: &str, fleet_wide: &str, row_name: &str) -> Html {
    let label = format!("{} of {row_name}", column.heading());
    let class = format!("fe-c-{}", column.key());
    let t = table.clone();
    let set = move |v: String| {
        edit(&t, move |d: &mut Draft| {
            if let Some(r) = d.rows.get_mut(i) {
                r.cells[col] = v
            }
        })
    };
    if column == Column::Staging {
        let on = !value.is_empty() && value != "no";
        let onchange = Callback::from(move |e: Event| set(if checked_of(&e) { "yes".into() } else { String::new() }));
        return html! { <td class={class}><input type="checkbox" checked={on} aria-label={label} {onchange} /></td> };
    }
    if column.is_flag() {
        let onchange = Callback::from(move |e: Event| set(value_of(&e)));
        let wide = if fleet_wide == "1" { "fleet-wide: yes" } else { "fleet-wide: no" };
        let v = value.to_ascii_lowercase();
        return html! {
            <td class={class}><select aria-label={label} {onchange}>
                <option value="" selected={v.is_empty()}>{wide}</option>
                <option value="yes" selected={v == "yes"}>{"yes"}</option>
                <option value="no" selected={v == "no"}>{"no"}</option>
                if !["", "yes", "no"].contains(&v.as_str()) { <option value={v.clone()} selected=true>{v.clone()}</option> }
            </select></td>
        };
    }
    let oninput = Callback::from(move |e: InputEvent| set(value_of(&e)));
    let mode = if column == Column::Name { "text" } else { "numeric" };
    html! { <td class={class}><input type="text" inputmode={mode} value={value.to_string()} placeholder={fleet_wide.to_string()} aria-label={label} {oninput} /></td> }
}

#[derive(Properties, PartialEq)]
struct ActionsProps {
    params: Params,
    table: Drafted<Draft>,
    dispatch: Callback<ToPage>,
}

/// Add, apply, December's fleet, the error line, and the CSV paste (its text kept when it
/// does not read).
#[component]
fn ClusterActions(p: &ActionsProps) -> Html {
    let error = use_state(|| None::<String>);
    let csv = use_state(String::new);
    let pasting = use_state(|| false);
    let apply = {
        let (error, d, params) = (error.clone(), p.dispatch.clone(), p.params.clone());
        move |draft: &Draft| match draft.fleet_for(&params) {
            Ok(f) => {
                error.set(None);
                // December's fleet as a table is the built-in one: the link stays without it.
                let same = params.fleet.is_none() && f == Fleet::december(&params);
                if !same {
                    d.emit(ToPage::SetFleet(Some(f)));
                }
            }
            Err(e) => error.set(Some(e.text)),
        }
    };
    let on_apply = {
        let (apply, table) = (apply.clone(), p.table.clone());
        Callback::from(move |_| apply(&table.0))
    };
    let on_add = {
        let table = p.table.clone();
        Callback::from(move |_| edit(&table, |d: &mut Draft| d.add()))
    };
    let on_december = {
        let (table, error, d, params) = (p.table.clone(), error.clone(), p.dispatch.clone(), p.params.clone());
        Callback::from(move |_| {
            error.set(None);
            let mut base = params.clone();
            base.fleet = None;
            base.agents = Params::default().agents;
            let draft = Draft::of_run(&base);
            edit(&table, move |t| *t = draft);
            d.emit(ToPage::SetFleet(None));
        })
    };
    let on_read = {
        let (csv, table, error) = (csv.clone(), p.table.clone(), error.clone());
        Callback::from(move |_| match Draft::paste(&csv) {
            Ok(draft) => {
                apply(&draft);
                edit(&table, move |t| *t = draft);
            }
            Err(e) => error.set(Some(e.text)),
        })
    };
    let on_csv = {
        let csv = csv.clone();
        Callback::from(move |e: InputEvent| csv.set(value_of(&e)))
    };
    let toggle = {
        let pasting = pasting.clone();
        Callback::from(move |_| pasting.set(!*pasting))
    };
    let keys = columns().iter().map(|c| c.key()).collect::<Vec<_>>().join(", ");
    html! {
        <>
            <div class="fe-actions">
                <button class="btn small" id="fe-add" onclick={on_add}>{"Add cluster"}</button>
                <button class="btn small primary" id="fe-apply" onclick={on_apply}>{"Apply fleet"}</button>
                <button class="btn small" id="fe-csv-toggle" aria-expanded={pasting.to_string()} aria-controls="fe-csv" onclick={toggle}>{"Paste CSV"}</button>
                <button class="btn small" id="fe-december" onclick={on_december}>{"Use December's fleet"}</button>
            </div>
            <p class="hint warn fe-error" id="fe-error" role="alert" hidden={error.is_none()}>{(*error).clone().unwrap_or_default()}</p>
            if *pasting {
                <div class="fe-csv">
                    <label for="fe-csv">{format!("CSV or tab-separated, a header row naming the columns ({keys}, at); blank cells are fleet-wide. Reading it replaces the table.")}</label>
                    <textarea id="fe-csv" rows="6" spellcheck="false" value={(*csv).clone()} oninput={on_csv} placeholder={"name,nodes,apiservers,wave\nprod-eu-1,6000,5,2"} />
                    <button class="btn small" id="fe-csv-read" onclick={on_read}>{"Read CSV and apply"}</button>
                </div>
            }
        </>
    }
}

/// The agent: its calls, the load they derive on the largest cluster, apply / the cost knob.
fn agent_section(p: &FleetEditorProps, calls: &Drafted<Vec<CallRow>>) -> Html {
    html! { <AgentEditor params={p.params.clone()} calls={calls.clone()} dispatch={p.dispatch.clone()} /> }
}

#[derive(Properties, PartialEq)]
struct AgentProps {
    params: Params,
    calls: Drafted<Vec<CallRow>>,
    dispatch: Callback<ToPage>,
}

#[component]
fn AgentEditor(p: &AgentProps) -> Html {
    let error = use_state(|| None::<String>);
    // Who makes the calls: empty, a pod on every node; a number, a Deployment of that many.
    // Kept as typed while it does not read; what runs is used meanwhile.
    let replicas_text = use_state(|| p.params.agent.as_ref().and_then(|a| a.replicas).map(|r| r.to_string()).unwrap_or_default());
    let draft = replicas_of(&replicas_text).and_then(|r| agent_of(&p.calls.0, r));
    // The derivation for the draft when it reads, else for what runs; on the largest cluster.
    let clusters = fleet::resolve(&p.params);
    let largest = &clusters[fleet::largest_index(&p.params).min(clusters.len() - 1)];
    // The knob's own derivation while the calls still say what the knob means.
    let knob = p.params.agent.is_none() && draft.as_ref() == Ok(&AgentSpec::december());
    let shown = if knob { None } else { draft.as_ref().ok().cloned().or_else(|| p.params.agent.clone()) };
    let lines = crate::sim::model::derive(&p.params, largest, shown.as_ref());
    let running = match &p.params.agent {
        None => format!(
            "Running the request-cost knob (cost {}): {} cluster-wide LIST{} of every pod per poll, every {} s.",
            p.params.cost,
            crate::text::sig3(p.params.cost),
            if p.params.cost == 1.0 { "" } else { "s" },
            p.params.poll
        ),
        Some(a) => format!(
            "Running your agent: {} call{} a poll ({}), every {} s unless a call says otherwise.",
            a.calls.len(),
            if a.calls.len() == 1 { "" } else { "s" },
            a.replicas.map_or("a pod on every node".to_string(), |r| format!("a Deployment of {r}")),
            p.params.poll
        ),
    };
    let on_apply = {
        let (calls, error, d, text) = (p.calls.clone(), error.clone(), p.dispatch.clone(), replicas_text.clone());
        Callback::from(move |_| match replicas_of(&text).and_then(|r| agent_of(&calls.0, r)) {
            Ok(a) => {
                error.set(None);
                d.emit(ToPage::SetAgent(Some(a)));
            }
            Err(e) => error.set(Some(e.text)),
        })
    };
    let on_knob = {
        let (error, d) = (error.clone(), p.dispatch.clone());
        Callback::from(move |_| {
            error.set(None);
            d.emit(ToPage::SetAgent(None));
        })
    };
    let on_add = {
        let calls = p.calls.clone();
        Callback::from(move |_| edit(&calls, |c: &mut Vec<CallRow>| c.push(CallRow::of(&crate::sim::agent::Call::new(Resource::Nodes, Scope::Cluster)))))
    };
    html! {
        <div class="fe-part" role="group" aria-labelledby="fe-agent-h">
            <h3 id="fe-agent-h">{"The agent's calls each poll"}</h3>
            <p class="hint" id="fe-agent-status">{running}</p>
            <p class="fe-replicas">
                <label for="fe-agent-replicas">{"Runs as a Deployment of "}</label>
                <input id="fe-agent-replicas" type="text" inputmode="numeric" size="6" placeholder="—" value={(*replicas_text).clone()}
                    aria-describedby="fe-agent-replicas-hint"
                    oninput={{ let t = replicas_text.clone(); Callback::from(move |e: InputEvent| t.set(value_of(&e))) }} />
                <span class="hint" id="fe-agent-replicas-hint">{" replicas (empty: a pod on every node, a DaemonSet)"}</span>
            </p>
            <div class="fe-scroll" role="region" aria-label="Agent calls table" tabindex="0">
                <table class="data fe-table fe-calls">
                    <thead><tr>{ for ["Resource", "Scope", "Source", "Objects", "Count", "Every s", "Informer"].iter().map(|h| html! { <th scope="col">{*h}</th> }) }<th scope="col"><span class="sr-only">{"Remove"}</span></th></tr></thead>
                    <tbody>{ for p.calls.0.iter().enumerate().map(|(i, c)| call_row(&p.calls, i, c)) }</tbody>
                </table>
            </div>
            <div class="fe-actions">
                <button class="btn small" id="fe-agent-add" onclick={on_add}>{"Add call"}</button>
                <button class="btn small primary" id="fe-agent-apply" onclick={on_apply}>{"Apply agent"}</button>
                <button class="btn small" id="fe-agent-knob" onclick={on_knob}>{"Use the cost knob"}</button>
            </div>
            <p class="hint warn fe-error" id="fe-agent-error" role="alert" hidden={error.is_none()}>{(*error).clone().unwrap_or_default()}</p>
            <p class="hint">{format!("How the load on {} ({}) is derived{}:", largest.name, crate::text::count(largest.nodes as i64, "node", "nodes"), if draft.is_ok() { "" } else { " (what runs; the calls above do not read yet)" })}</p>
            <ul class="fe-explain" id="fe-explain">{ for lines.iter().map(|l| html! { <li>{l.clone()}</li> }) }</ul>
        </div>
    }
}

/// One call: three choices and two numbers.
fn call_row(calls: &Drafted<Vec<CallRow>>, i: usize, c: &CallRow) -> Html {
    let n = i + 1;
    let set = |f: fn(&mut CallRow, String)| {
        let calls = calls.clone();
        move |v: String| {
            edit(&calls, move |rows: &mut Vec<CallRow>| {
                if let Some(r) = rows.get_mut(i) {
                    f(r, v)
                }
            })
        }
    };
    let choice = |label: &str, names: &'static [&'static str], current: &str, f: fn(&mut CallRow, String)| {
        let set = set(f);
        let onchange = Callback::from(move |e: Event| set(value_of(&e)));
        html! { <td><select aria-label={format!("{label} of call {n}")} {onchange}>{ for names.iter().map(|o| html! { <option value={*o} selected={*o == current}>{*o}</option> }) }</select></td> }
    };
    let text = |label: &str, value: &str, placeholder: &str, f: fn(&mut CallRow, String)| {
        let set = set(f);
        let oninput = Callback::from(move |e: InputEvent| set(value_of(&e)));
        html! { <td><input type="text" inputmode="numeric" value={value.to_string()} placeholder={placeholder.to_string()} aria-label={format!("{label} of call {n}")} {oninput} /></td> }
    };
    let remove = {
        let calls = calls.clone();
        Callback::from(move |_| {
            edit(&calls, move |rows: &mut Vec<CallRow>| {
                if i < rows.len() {
                    rows.remove(i);
                }
            })
        })
    };
    html! {
        <tr>
            { choice("Resource", Resource::NAMES, c.resource.name(), |r, v| r.resource = Resource::from_name(&v).unwrap_or(r.resource)) }
            { choice("Scope", Scope::NAMES, c.scope.name(), |r, v| r.scope = Scope::from_name(&v).unwrap_or(r.scope)) }
            { choice("Source", Source::NAMES, c.source.name(), |r, v| r.source = Source::from_name(&v).unwrap_or(r.source)) }
            { text("Objects", &c.objects, "derived", |r, v| r.objects = v) }
            { text("Count", &c.count, "1", |r, v| r.count = v) }
            { text("Every s", &c.every, "poll", |r, v| r.every = v) }
            { informer(calls, i, c.watch) }
            <td><button class="btn small" onclick={remove} aria-label={format!("Remove call {n}")}>{"×"}</button></td>
        </tr>
    }
}

/// A call's informer box: LIST once, then WATCH (no polling).
fn informer(calls: &Drafted<Vec<CallRow>>, i: usize, on: bool) -> Html {
    let calls = calls.clone();
    let onchange = Callback::from(move |e: Event| {
        let v = checked_of(&e);
        edit(&calls, move |rows: &mut Vec<CallRow>| {
            if let Some(r) = rows.get_mut(i) {
                r.watch = v
            }
        })
    });
    html! { <td><input type="checkbox" checked={on} aria-label={format!("Informer (LIST, then WATCH) for call {}", i + 1)} {onchange} /></td> }
}

/// The plan: a named one (the `rollout` parameter) or waves of one's own with a gate.
fn plan_section(p: &FleetEditorProps, waves: &Drafted<PlanDraft>) -> Html {
    html! { <PlanEditor params={p.params.clone()} waves={waves.clone()} dispatch={p.dispatch.clone()} /> }
}

#[derive(Properties, PartialEq)]
struct PlanProps {
    params: Params,
    waves: Drafted<PlanDraft>,
    dispatch: Callback<ToPage>,
}

#[component]
fn PlanEditor(p: &PlanProps) -> Html {
    let error = use_state(|| None::<String>);
    // Which form shows: follows the run (its own plan or not) until the reader picks another.
    let own = use_state(|| p.params.plan.is_some());
    {
        let own = own.clone();
        use_effect_with(p.params.plan.is_some(), move |has| own.set(*has));
    }
    let mode = if *own { "own" } else { p.params.rollout.name() };
    let on_mode = {
        let (own, d, error) = (own.clone(), p.dispatch.clone(), error.clone());
        Callback::from(move |e: Event| {
            error.set(None);
            match value_of(&e).as_str() {
                "own" => own.set(true),
                named => {
                    own.set(false);
                    let r = Rollout::ALL.iter().position(|r| r.name() == named).unwrap_or(0);
                    d.emit(ToPage::SetPlan(None));
                    d.emit(ToPage::Set(Key::rollout, r as f64));
                }
            }
        })
    };
    let on_apply = {
        let (waves, error, d, params) = (p.waves.clone(), error.clone(), p.dispatch.clone(), p.params.clone());
        Callback::from(move |_| match waves.0.plan(&fleet::names(&params)) {
            Ok(pl) => {
                error.set(None);
                d.emit(ToPage::SetPlan(Some(pl)));
            }
            Err(e) => error.set(Some(e.text)),
        })
    };
    html! {
        <div class="fe-part" role="group" aria-labelledby="fe-plan-h">
            <h3 id="fe-plan-h">{"The rollout plan"}</h3>
            <label class="fe-inline">{"Plan "}
                <select id="fe-plan-mode" onchange={on_mode}>
                    <option value="fleet" selected={mode == "fleet"}>{"December's: fleet-wide over the rollout window, no gate"}</option>
                    <option value="phased" selected={mode == "phased"}>{"Phased: waves with a control-plane health gate"}</option>
                    <option value="own" selected={mode == "own"}>{"Waves of my own, with a gate"}</option>
                </select>
            </label>
            if *own {
                { waves_form(&p.waves) }
                <div class="fe-actions">
                    <button class="btn small" id="fe-wave-add" onclick={{ let w = p.waves.clone(); Callback::from(move |_| edit(&w, |d: &mut PlanDraft| d.waves.push((String::new(), "0".into())))) }}>{"Add wave"}</button>
                    <button class="btn small primary" id="fe-plan-apply" onclick={on_apply}>{"Apply plan"}</button>
                </div>
                <p class="hint warn fe-error" id="fe-plan-error" role="alert" hidden={error.is_none()}>{(*error).clone().unwrap_or_default()}</p>
            }
        </div>
    }
}

/// Writes one typed field into the plan's draft.
type SetText = Box<dyn Fn(&mut PlanDraft, String)>;

/// The waves (clusters by name, soak minutes) and the gate.
fn waves_form(waves: &Drafted<PlanDraft>) -> Html {
    let d = &waves.0;
    let text = |label: String, value: &str, f: SetText| {
        let w = waves.clone();
        let f = Rc::new(f);
        let oninput = Callback::from(move |e: InputEvent| {
            let (f, v) = (f.clone(), value_of(&e));
            edit(&w, move |d| f(d, v))
        });
        html! { <input type="text" value={value.to_string()} aria-label={label} {oninput} /> }
    };
    let on_signal = {
        let w = waves.clone();
        Callback::from(move |e: Event| {
            let s = GateSignal::from_name(&value_of(&e));
            edit(&w, move |d| d.signal = s.unwrap_or(d.signal))
        })
    };
    html! {
        <>
            <ol class="fe-waves" aria-label="Waves, in order">
                { for d.waves.iter().enumerate().map(|(i, (list, soak))| {
                    let w = waves.clone();
                    let remove = Callback::from(move |_| edit(&w, move |d: &mut PlanDraft| if i < d.waves.len() { d.waves.remove(i); }));
                    html! {
                        <li>
                            <span class="fe-wave-n" aria-hidden="true">{format!("Wave {}", i + 1)}</span>
                            { text(format!("Clusters in wave {}", i + 1), list, Box::new(move |d, v| if let Some(x) = d.waves.get_mut(i) { x.0 = v })) }
                            <span class="fe-soak">{"soak "}{ text(format!("Soak minutes after wave {}", i + 1), soak, Box::new(move |d, v| if let Some(x) = d.waves.get_mut(i) { x.1 = v })) }{" min"}</span>
                            <button class="btn small" onclick={remove} aria-label={format!("Remove wave {}", i + 1)}>{"×"}</button>
                        </li>
                    }
                }) }
            </ol>
            <p class="fe-gate">
                <label>{"Gate on "}
                    <select onchange={on_signal} aria-label="Gate signal">{ for GateSignal::NAMES.iter().map(|n| html! { <option value={*n} selected={*n == d.signal.name()}>{*n}</option> }) }</select>
                </label>
                {" over "}{ text("Gate threshold, percent".into(), &d.threshold, Box::new(|d, v| d.threshold = v)) }{" % for "}
                { text("Gate delay, minutes".into(), &d.delay, Box::new(|d, v| d.delay = v)) }{" min halts the waves still to come."}
            </p>
        </>
    }
}
