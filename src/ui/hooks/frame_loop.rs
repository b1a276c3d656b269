//! The app's one requestAnimationFrame loop, used by playback (`use_playback`) and the sweep
//! (`use_sweep`). It is owned: dropping it cancels the pending frame, so no callback outlives
//! its owner (never `forget()`).

use gloo::render::{request_animation_frame, AnimationFrame};
use std::cell::{Cell, RefCell};
use std::rc::Rc;

/// Calls `f` with each frame's timestamp (milliseconds) for as long as `f` returns `true`
/// and the loop is alive. Dropping it cancels the pending frame.
pub struct FrameLoop {
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
    pub fn start(f: impl Fn(f64) -> bool + 'static) -> FrameLoop {
        let frame = Rc::new(RefCell::new(None));
        let alive = Rc::new(Cell::new(true));
        schedule(frame.clone(), alive.clone(), Rc::new(f));
        FrameLoop { frame, alive }
    }
}

fn schedule(frame: Rc<RefCell<Option<AnimationFrame>>>, alive: Rc<Cell<bool>>, f: Rc<dyn Fn(f64) -> bool>) {
    let slot = frame.clone();
    let handle = request_animation_frame(move |ts| {
        if !alive.get() {
            return;
        }
        let more = f(ts);
        // `f` may have dropped this loop (stopped playback, new sweep inputs): then schedule
        // nothing.
        if more && alive.get() {
            schedule(slot, alive, f);
        }
    });
    *frame.borrow_mut() = Some(handle);
}
