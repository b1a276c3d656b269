//! Playback: one requestAnimationFrame loop while playing. The loop only moves the cursor
//! (`Msg::Tick`); it never re-simulates.

use super::frame_loop::FrameLoop;
use crate::ui::state::Msg;
use std::cell::Cell;
use yew::prelude::*;

/// Runs the frame loop while `playing`, passing seconds since the previous frame; pausing or
/// unmounting drops it.
#[hook]
pub fn use_playback(playing: bool, dispatch: Callback<Msg>) {
    use_effect_with(playing, move |&playing| {
        let handle = playing.then(|| {
            let last = Cell::new(None::<f64>);
            FrameLoop::start(move |ts| {
                if let Some(prev) = last.get() {
                    dispatch.emit(Msg::Tick(((ts - prev) / 1000.0).max(0.0)));
                }
                last.set(Some(ts));
                true
            })
        });
        move || drop(handle)
    });
}
