//! One parameter: a slider with its value, a number box beside it, and its help line.
//! Booleans are a checkbox and choices a select, from the same `Spec`.

use crate::sim::{Kind, Spec};
use crate::ui::dom;
use crate::ui::slider_scale::{from_pos, key_step, to_pos};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct SliderProps {
    pub spec: Spec,
    pub value: f64,
    pub on_change: Callback<f64>,
    /// The help line when the run's own settings change what the parameter means (the request
    /// cost of an agent described as calls); `None`: the schema's.
    #[prop_or_default]
    pub help: Option<AttrValue>,
}

#[component]
pub fn Slider(p: &SliderProps) -> Html {
    let id = format!("p-{}", p.spec.key);
    let help_id = format!("h-{}", p.spec.key);
    match p.spec.kind {
        Kind::Bool => toggle(p, id, help_id),
        Kind::Choice(list) => choice(p, list, id, help_id),
        _ => range(p, id, help_id),
    }
}

/// A boolean: a checkbox.
fn toggle(p: &SliderProps, id: String, help_id: String) -> Html {
    let s = p.spec;
    let cb = p.on_change.clone();
    let on = p.value >= 0.5;
    html! {
        <div class="field toggle">
            <label for={id.clone()}>
                <input type="checkbox" id={id} checked={on} aria-describedby={help_id.clone()}
                    onchange={Callback::from(move |_| cb.emit(if on { 0.0 } else { 1.0 }))} />
                {s.label}
            </label>
            <p class="hint" id={help_id}>{p.help.clone().unwrap_or(AttrValue::Static(s.help))}</p>
        </div>
    }
}

/// A choice: a select of its names.
fn choice(p: &SliderProps, list: &'static [&'static str], id: String, help_id: String) -> Html {
    let s = p.spec;
    let cb = p.on_change.clone();
    html! {
        <div class="field">
            <label for={id.clone()}>{s.label}</label>
            <select id={id} aria-describedby={help_id.clone()} onchange={Callback::from(move |e: Event| {
                let v = dom::select_value(&e);
                if let Some(i) = list.iter().position(|x| *x == v) { cb.emit(i as f64) }
            })}>
                { for list.iter().enumerate().map(|(i, name)| html! { <option value={*name} selected={i == p.value as usize}>{*name}</option> }) }
            </select>
            <p class="hint" id={help_id}>{p.help.clone().unwrap_or(AttrValue::Static(s.help))}</p>
        </div>
    }
}

/// A number: the slider (log keys on a log scale) with its value, and a box to type it.
fn range(p: &SliderProps, id: String, help_id: String) -> Html {
    let s = p.spec;
    let value_text = s.display(p.value);
    let cb = p.on_change.clone();
    let on_slide = Callback::from(move |e: InputEvent| {
        let pos = dom::input_number(&e);
        if pos.is_finite() {
            cb.emit(from_pos(&s, pos));
        }
    });
    let cb = p.on_change.clone();
    let on_type = Callback::from(move |e: Event| {
        let v = dom::event_number(&e);
        // Out-of-range typing is clamped, never rejected silently: the box shows the result.
        if v.is_finite() {
            cb.emit(s.clamp(v));
        }
    });
    let step = if s.kind == Kind::Float { "0.01" } else { "1" };
    let on_key = on_key(s, p.value, p.on_change.clone());
    html! {
        <div class="field">
            <div class="field-head">
                <label for={id.clone()}>{s.label}</label>
                <output for={id.clone()} class="value">{value_text.clone()}</output>
            </div>
            <div class="field-row">
                <input type="range" id={id.clone()} min="0" max="1000" step="1" value={to_pos(&s, p.value).round().to_string()}
                    aria-valuetext={value_text.clone()} aria-describedby={help_id.clone()} oninput={on_slide} onkeydown={on_key} />
                <input type="number" class="num" aria-label={if s.unit.is_empty() { s.label.to_string() } else { format!("{} ({})", s.label, s.unit) }} min={s.min.to_string()} max={s.max.to_string()} step={step}
                    value={s.format(p.value)} onchange={on_type} />
            </div>
            <p class="hint" id={help_id}>{p.help.clone().unwrap_or(AttrValue::Static(s.help))}</p>
        </div>
    }
}

/// Arrows step the value, Page Up/Down step it further (`key_step`).
fn on_key(s: Spec, v: f64, cb: Callback<f64>) -> Callback<KeyboardEvent> {
    Callback::from(move |e: KeyboardEvent| {
        let (up, big) = match e.key().as_str() {
            "ArrowRight" | "ArrowUp" => (true, false),
            "ArrowLeft" | "ArrowDown" => (false, false),
            "PageUp" => (true, true),
            "PageDown" => (false, true),
            _ => return,
        };
        e.prevent_default();
        cb.emit(key_step(&s, v, up, big));
    })
}
