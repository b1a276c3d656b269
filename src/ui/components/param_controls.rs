//! The parameters: scenario, the main sliders, and (full controls) the advanced group.

use super::{LazyDetails, PresetPicker, Slider};
use crate::sim::{params::Group, Params, SPECS};
use crate::ui::state::Msg;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ParamControlsProps {
    pub params: Params,
    /// Show the advanced group too (`controls=full`).
    pub full: bool,
    pub dispatch: Callback<Msg>,
}

/// A help line the run's own agent changes: with an agent described as calls, the request cost
/// multiplies *its* calls, not December's LIST.
fn help_for(key: &str, p: &Params) -> Option<AttrValue> {
    let agent = p.agent.as_ref().filter(|_| key == "cost")?;
    let calls: Vec<String> = agent.calls.iter().map(|c| c.describe()).collect();
    Some(AttrValue::from(format!("How many times each of your agent's calls runs per poll (1 = as described): {}.", calls.join("; "))))
}

/// Re-renders only when the parameters change, not with the cursor.
#[component]
pub fn ParamControls(p: &ParamControlsProps) -> Html {
    let d = &p.dispatch;
    let sliders = |group: Group| -> Html {
        SPECS
            .iter()
            .filter(|s| s.group == group)
            .map(|s| html! { <Slider spec={*s} value={p.params.value(s.key)} on_change={d.reform(move |v| Msg::Set(s.id, v))} help={help_for(s.key, &p.params)} /> })
            .collect()
    };
    html! {
        <>
            <PresetPicker current={p.params.preset} modified={Params::from_preset(p.params.preset) != p.params}
                own_agent={p.params.agent.as_ref().map(|a| AttrValue::from(a.calls.iter().map(|c| c.describe()).collect::<Vec<_>>().join("; ")))}
                on_pick={d.reform(Msg::Preset)} on_reset={d.reform(|_| Msg::Reset)} />
            { sliders(Group::Main) }
            if p.full {
                <LazyDetails class="advanced" summary={html! {"Advanced"}}>{ sliders(Group::Advanced) }</LazyDetails>
            }
        </>
    }
}
