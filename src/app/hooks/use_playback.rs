//! Playback: one requestAnimationFrame loop while playing. The loop only moves the cursor
//! (`Msg::Tick`); it never re-simulates.

use crate::app::state::Msg;
use gloo::render::{request_animation_frame, AnimationFrame};
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use yew::prelude::*;

/// Runs the frame loop while `playing`; pausing or unmounting drops it.
#[hook]
pub fn use_playback(playing: bool, dispatch: Callback<Msg>) {
    use_effect_with(playing, move |&playing| {
        let handle = playing.then(|| FrameLoop::start(move |dt_s| dispatch.emit(Msg::Tick(dt_s))));
        move || drop(handle)
    });
}

/// A requestAnimationFrame loop passing seconds since the previous frame. Dropping it
/// cancels the pending frame: no leaked callbacks (never `forget()`).
struct FrameLoop {
    frame: Rc<RefCell<Option<AnimationFrame>>>,
    alive: Rc<Cell<bool>>,
}

impl Drop for FrameLoop {
    fn drop(&mut self) {
        self.alive.set(false);
        self.frame.borrow_mut().take();
    }
}

impl FrameLoop {
    fn start(f: impl Fn(f64) + 'static) -> FrameLoop {
        let frame = Rc::new(RefCell::new(None));
        let alive = Rc::new(Cell::new(true));
        schedule(frame.clone(), alive.clone(), Rc::new(Cell::new(None)), Rc::new(f));
        FrameLoop { frame, alive }
    }
}

fn schedule(frame: Rc<RefCell<Option<AnimationFrame>>>, alive: Rc<Cell<bool>>, last: Rc<Cell<Option<f64>>>, f: Rc<dyn Fn(f64)>) {
    let slot = frame.clone();
    let handle = request_animation_frame(move |ts| {
        if !alive.get() {
            return;
        }
        if let Some(prev) = last.get() {
            f(((ts - prev) / 1000.0).max(0.0));
        }
        // `f` may have stopped playback (and dropped this loop): then schedule nothing.
        if alive.get() {
            last.set(Some(ts));
            schedule(slot, alive, last, f);
        }
    });
    *frame.borrow_mut() = Some(handle);
}
