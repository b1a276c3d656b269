//! The sweep view's computation: a few whole simulations per animation frame, within a time
//! budget, so the page keeps drawing while the grid fills in. The sweep is data derived from
//! pure code (`crate::sweep`), kept here keyed by its inputs, not simulation state in the
//! reducer. The frame loop is owned by an effect: new inputs or unmounting drop it (never
//! `forget()`), and a new sweep starts from its first cell.

use crate::app::dom;
use crate::sim::Params;
use crate::sweep::{Axis, Metric, Sweep};
use gloo::render::{request_animation_frame, AnimationFrame};
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use yew::prelude::*;

/// Milliseconds of simulation per frame (a run takes ~1.2 ms in wasm; the loop stops before
/// the run that would pass the budget). Drawing the grid and re-rendering the panel cost
/// about 1 ms more, so a frame stays under 16.7 ms and the page keeps 60 fps.
pub const FRAME_BUDGET_MS: f64 = 13.5;

/// What a sweep is computed from. The metric is not part of it: switching the metric only
/// reads the same summaries differently.
#[derive(Clone, PartialEq)]
pub struct SweepInput {
    pub x: Axis,
    pub y: Axis,
    /// The base parameters with the two swept keys reset (`Sweep::params_at` sets them per
    /// cell), so choosing a cell — which changes only those two — does not restart the sweep.
    pub base: Params,
}

impl SweepInput {
    pub fn new(x: Axis, y: Axis, params: &Params) -> SweepInput {
        let mut base = params.clone();
        for key in [x.key, y.key] {
            if let Some(spec) = crate::sim::params::spec(key) {
                base.set_value(key, spec.default);
            }
        }
        SweepInput { x, y, base }
    }
}

/// The sweep so far, and how far it got.
#[derive(Clone)]
pub struct SweepProgress {
    /// The current sweep (`None` before it starts); read it while rendering or drawing.
    pub sweep: Rc<RefCell<Option<Sweep>>>,
    /// Bumped for every new sweep: a cheap dependency for redraws.
    pub generation: u64,
    pub computed: usize,
    pub total: usize,
    /// Milliseconds from the start to the last cell, once done.
    pub elapsed_ms: Option<f64>,
}

#[derive(Clone, Copy, PartialEq, Default)]
struct Counts {
    generation: u64,
    computed: usize,
    total: usize,
    elapsed_ms: Option<f64>,
}

/// Computes the sweep for `input` (nothing while it is `None`, e.g. before the panel is on
/// screen) with `metric`, progressively; restarts when `input` changes.
#[hook]
pub fn use_sweep(input: Option<SweepInput>, metric: Metric) -> SweepProgress {
    let sweep: Rc<RefCell<Option<Sweep>>> = use_mut_ref(|| None);
    let generation = use_mut_ref(|| 0u64);
    let counts = use_state(Counts::default);
    {
        let (sweep, set) = (sweep.clone(), counts.setter());
        use_effect_with(input, move |input| {
            let started = input.as_ref().and_then(|i| Sweep::new(i.x.clone(), i.y.clone(), metric, i.base.clone()).ok());
            let job = started.map(|s| {
                let gen = {
                    let mut g = generation.borrow_mut();
                    *g += 1;
                    *g
                };
                set.set(Counts { generation: gen, computed: 0, total: s.len(), elapsed_ms: None });
                *sweep.borrow_mut() = Some(s);
                Job::start(sweep.clone(), move |c| set.set(Counts { generation: gen, ..c }))
            });
            move || drop(job)
        });
    }
    // The metric only changes how the summaries read.
    if let Some(s) = sweep.borrow_mut().as_mut() {
        if s.metric != metric {
            s.metric = metric;
        }
    }
    SweepProgress { sweep, generation: counts.generation, computed: counts.computed, total: counts.total, elapsed_ms: counts.elapsed_ms }
}

/// The frame loop of one sweep. Dropping it cancels the pending frame.
struct Job {
    frame: Rc<RefCell<Option<AnimationFrame>>>,
    alive: Rc<Cell<bool>>,
}

impl Drop for Job {
    fn drop(&mut self) {
        self.alive.set(false);
        self.frame.borrow_mut().take();
    }
}

impl Job {
    fn start(sweep: Rc<RefCell<Option<Sweep>>>, report: impl Fn(Counts) + 'static) -> Job {
        let frame = Rc::new(RefCell::new(None));
        let alive = Rc::new(Cell::new(true));
        schedule(frame.clone(), alive.clone(), sweep, Rc::new(report), dom::now_ms());
        Job { frame, alive }
    }
}

fn schedule(frame: Rc<RefCell<Option<AnimationFrame>>>, alive: Rc<Cell<bool>>, sweep: Rc<RefCell<Option<Sweep>>>, report: Rc<dyn Fn(Counts)>, started: f64) {
    let slot = frame.clone();
    let handle = request_animation_frame(move |_| {
        if !alive.get() {
            return;
        }
        let t0 = dom::now_ms();
        let (computed, total, done) = {
            let mut guard = sweep.borrow_mut();
            let Some(s) = guard.as_mut() else { return };
            // Stop before the run that would overshoot the budget (runs take about the same time).
            let mut n = 0.0;
            while !s.step(1) {
                n += 1.0;
                let spent = dom::now_ms() - t0;
                if spent + spent / n > FRAME_BUDGET_MS {
                    break;
                }
            }
            (s.computed(), s.len(), s.done())
        };
        let elapsed_ms = done.then(|| dom::now_ms() - started);
        report(Counts { generation: 0, computed, total, elapsed_ms });
        // Reporting may have re-rendered with new inputs and dropped this job.
        if !done && alive.get() {
            schedule(slot, alive, sweep, report, started);
        }
    });
    *frame.borrow_mut() = Some(handle);
}

/// Latches true once the element has been on screen (an IntersectionObserver, disconnected
/// on unmount and once seen), or at once when `eager`.
#[hook]
pub fn use_seen(node: NodeRef, eager: bool) -> bool {
    let seen = use_state(|| eager);
    {
        let seen = seen.clone();
        let already = *seen;
        use_effect_with(already, move |&already| {
            let observer = (!already).then(|| node.cast::<web_sys::Element>().and_then(|el| Seen::observe(&el, move || seen.set(true)))).flatten();
            move || drop(observer)
        });
    }
    *seen || eager
}

struct Seen {
    observer: web_sys::IntersectionObserver,
    _callback: wasm_bindgen::closure::Closure<dyn FnMut(js_sys::Array)>,
}

impl Seen {
    fn observe(el: &web_sys::Element, f: impl Fn() + 'static) -> Option<Seen> {
        use wasm_bindgen::JsCast;
        let callback = wasm_bindgen::closure::Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
            if entries.iter().any(|e| e.dyn_ref::<web_sys::IntersectionObserverEntry>().is_some_and(|e| e.is_intersecting())) {
                f();
            }
        });
        let observer = web_sys::IntersectionObserver::new(callback.as_ref().unchecked_ref()).ok()?;
        observer.observe(el);
        Some(Seen { observer, _callback: callback })
    }
}

impl Drop for Seen {
    fn drop(&mut self) {
        self.observer.disconnect();
    }
}
