//! The transport (play, pause, event steps, clock) and the timeline scrubber, sticky; under it
//! the moment's event, the speed and the spoiler-free toggle.

use crate::sim::EventKind;
use crate::text::{clock, t_plus};
use crate::ui::dom;
use crate::ui::state::{Msg, TraceRef, DEFAULT_SPEED, SPEEDS};
use wasm_bindgen::JsCast;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct PlaybackProps {
    pub trace: TraceRef,
    pub cursor: f64,
    pub playing: bool,
    pub speed: f64,
    /// `from=`/`to=`: the scrubber's span (`State::bounds`); `None`: the whole run.
    #[prop_or_default]
    pub window: Option<(f64, f64)>,
    /// Spoiler-free mode: no marks for events still to come.
    pub teach: bool,
    pub dispatch: Callback<Msg>,
}

#[component]
pub fn Playback(p: &PlaybackProps) -> Html {
    let d = &p.dispatch;
    let t = &p.trace;
    let cursor = p.cursor;
    let on_scrub = d.reform(|e: InputEvent| Msg::Seek(dom::input_number(&e)));
    let (lo, hi) = p.window.unwrap_or((t.t0_min, t.t_end()));
    // The longest the event line under the bar gets over the run, reserved so the row keeps
    // one height: once per run, not on every playback frame.
    let longest = use_memo(t.clone(), |t| {
        t.events
            .iter()
            .filter(|e| e.kind != EventKind::ClusterRecovered)
            .map(|e| format!("{} · {} · {}", e.kind.title(), clock(e.t_min), t_plus(e.t_min)))
            .chain([BEFORE.to_string()])
            .max_by_key(|s| s.chars().count())
            .unwrap_or_default()
    });
    // The bar's height, as `--playback-h` on the root: headings and panels keep that much (and
    // a little) clear of it when a link or a scroll brings them to the top (static/style.css).
    let bar = use_node_ref();
    {
        let bar = bar.clone();
        use_effect_with((), move |_| {
            let observer = bar.cast::<web_sys::HtmlElement>().and_then(|el| {
                let measured = el.clone();
                dom::observe_width(&el, move |_| publish_height(Some(measured.offset_height())))
            });
            move || {
                drop(observer);
                publish_height(None);
            }
        });
    }
    html! {
        <>
        // Sticky while the page scrolls, so it stays short: the transport and the scrubber only
        // (a phone's is at most 12 % of its screen); the moment's event, the speed and the
        // spoiler-free toggle sit in the row under it.
        <section class="playback" aria-label="Playback" ref={bar}>
            { transport(p.playing, cursor, d) }
            <div class="scrubber">
                <input type="range" id="scrubber" min={lo.to_string()} max={hi.to_string()} step="0.5" value={cursor.to_string()}
                    oninput={on_scrub} aria-label="Timeline" aria-valuetext={format!("{} ({})", clock(cursor), t_plus(cursor))} />
                { event_marks(p, (lo, hi)) }
            </div>
        </section>
        { more_row(p, &longest) }
        </>
    }
}

/// Previous event, play or pause, next event, and the clock.
fn transport(playing: bool, cursor: f64, d: &Callback<Msg>) -> Html {
    html! {
        <div class="transport">
            <button class="btn" id="prev" onclick={d.reform(|_| Msg::PrevEvent)} aria-label="Previous event" title="Previous event (←)">{"◀"}<span class="btn-word">{" Event"}</span></button>
            if playing {
                <button class="btn primary" id="play" onclick={d.reform(|_| Msg::Pause)} aria-label="Pause" title="Pause (space)">{"‖ Pause"}</button>
            } else {
                <button class="btn primary" id="play" onclick={d.reform(|_| Msg::Play)} aria-label="Play" title="Play (space)">{"▶ Play"}</button>
            }
            <button class="btn" id="next" onclick={d.reform(|_| Msg::NextEvent)} aria-label="Next event" title="Next event (→)"><span class="btn-word">{"Event "}</span>{"▶"}</button>
            <div class="clock" aria-label="Time in the incident">
                <span class="clock-time" id="clock">{clock(cursor)}</span>
                <span class="clock-t" id="tplus">{t_plus(cursor)}</span>
            </div>
        </div>
    }
}

/// The events as marks along the scrubber (in spoiler-free mode only those passed).
fn event_marks(p: &PlaybackProps, (lo, hi): (f64, f64)) -> Html {
    let (t, cursor) = (&p.trace, p.cursor);
    let span = (hi - lo).max(1e-9);
    html! {
        // SVG positions, not inline styles: the page runs under a CSP without 'unsafe-inline'.
        <svg class="ticks" aria-hidden="true" viewBox="0 0 1000 10" preserveAspectRatio="none">
            { for t.events.iter().filter(|e| e.kind != EventKind::ClusterRecovered && (!p.teach || e.t_min <= cursor)).map(|e| {
                let x = (e.t_min - lo) / span * 1000.0;
                if !(0.0..=1000.0).contains(&x) {
                    return html! {};
                }
                html! { <rect class={classes!("tick", (e.t_min <= cursor).then_some("passed"))} x={format!("{:.1}", x - 1.0)} y="0" width="2" height="10"><title>{format!("{} {}", clock(e.t_min), e.kind.title())}</title></rect> }
            }) }
        </svg>
    }
}

const BEFORE: &str = "Before the rollout: press Play.";

/// Under the bar: the moment's event, the speed and the spoiler-free toggle.
fn more_row(p: &PlaybackProps, longest: &str) -> Html {
    let (d, t, cursor) = (&p.dispatch, &p.trace, p.cursor);
    let on_speed = d.reform(|e: Event| Msg::Speed(crate::sim::params::parse_number(&dom::select_value(&e)).unwrap_or(DEFAULT_SPEED)));
    // The choice is remembered: a visitor who turns spoiler-free off came for the numbers.
    let on_teach = d.reform(|e: Event| {
        let on = dom::checked(&e);
        dom::set_pref(dom::SHOW_ALL, (!on).then_some("1"));
        Msg::Teach(on)
    });
    // The moment's event, captioned beside the transport rather than only in the log below.
    let now = t.events.iter().rev().find(|e| e.t_min <= cursor && e.kind != EventKind::ClusterRecovered);
    html! {
        <div class="now-row playback-more">
            <div class="now reserve">
                <p class="ghost" aria-hidden="true">{ if p.teach { crate::text::redact(longest) } else { longest.to_string() } }</p>
                <p id="now-event" aria-hidden="true">
                    if let Some(e) = now {
                        <strong>{e.kind.title()}</strong>{format!(" · {} · {}", clock(e.t_min), t_plus(e.t_min))}
                    } else {
                        {BEFORE}
                    }
                </p>
            </div>
            <div class="playback-opts">
                <label class="speed">{"Speed "}
                    <select onchange={on_speed} aria-label="Playback speed">
                        { for SPEEDS.iter().map(|v| html! { <option value={v.to_string()} selected={(*v - p.speed).abs() < 1e-9}>{format!("{v} min/s")}</option> }) }
                    </select>
                </label>
                <label class="teach-toggle" title="Hide every outcome until the cursor reaches it">
                    <input type="checkbox" id="teach" checked={p.teach} onchange={on_teach} />{" Spoiler-free"}
                </label>
            </div>
        </div>
    }
}

/// Sets (or with `None` removes) `--playback-h` on the root element: CSSOM, not a style
/// attribute, so the strict CSP allows it.
fn publish_height(px: Option<i32>) {
    let Some(root) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) else { return };
    let Ok(root) = root.dyn_into::<web_sys::HtmlElement>() else { return };
    let style = root.style();
    let _ = match px {
        Some(h) if h > 0 => style.set_property("--playback-h", &format!("{h}px")),
        Some(_) => Ok(()),
        None => style.remove_property("--playback-h").map(|_| ()),
    };
}
