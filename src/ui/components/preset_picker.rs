//! The scenario picker and the reset button.

use crate::sim::{Incident, Preset, PRESETS};
use crate::ui::dom;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct PresetProps {
    pub current: Preset,
    /// The parameters no longer equal the preset's.
    pub modified: bool,
    /// The run's agent is described as calls (not the preset's): the scenario's text says so.
    #[prop_or_default]
    pub own_agent: Option<AttrValue>,
    pub on_pick: Callback<Preset>,
    pub on_reset: Callback<()>,
}

#[component]
pub fn PresetPicker(p: &PresetProps) -> Html {
    let pick = p.on_pick.clone();
    let reset = p.on_reset.clone();
    html! {
        <div class="field presets">
            <label for="preset">{"Scenario"}</label>
            // The page's own option values: a name that is no preset (none can be) picks nothing.
            <select id="preset" onchange={Callback::from(move |e: Event| if let Some(p) = Preset::from_name(&dom::select_value(&e)) { pick.emit(p) })}>
                if p.modified {
                    <option value="" selected=true disabled=true>{format!("Custom (from {})", p.current.label())}</option>
                }
                // Grouped by the public incident each reproduces.
                { for Incident::ALL.iter().map(|&inc| html! {
                    <optgroup label={inc.title()}>
                        { for PRESETS.iter().filter(|d| d.incident == inc).map(|d| html! {
                            <option value={d.preset.name()} selected={!p.modified && d.preset == p.current}>{d.label}</option>
                        }) }
                    </optgroup>
                }) }
            </select>
            <p class="hint" id="preset-watch">{p.current.def().watch}</p>
            if let Some(a) = &p.own_agent {
                <p class="hint" id="preset-agent"><strong>{"Your agent, not the scenario's: "}</strong>{a.clone()}</p>
            }
            <button class="btn small" id="reset" onclick={Callback::from(move |_| reset.emit(()))}>{"Reset to December 2024"}</button>
        </div>
    }
}
