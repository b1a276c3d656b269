//! The sweep view's computation: a few whole simulations per animation frame, within a time
//! budget, so the page keeps drawing while the grid fills in. The sweep is data derived from
//! pure code (`crate::analysis::sweep`), kept here keyed by its inputs, not simulation state in the
//! reducer. The frame loop is owned by an effect: new inputs or unmounting drop it (never
//! `forget()`), and a new sweep starts from its first cell.
//!
//! A Web Worker (`static/sweep-worker.js`, the tools module again) takes cells from the end of
//! the grid while the frames step from the start, so a second core shares the work; the two
//! meet in the middle (`Sweep::put` ignores a cell held already). Without a worker the frames
//! do it all. The worker belongs to the sweep's frame loop and is terminated with it.

use crate::analysis::sweep::{Axis, Metric, Sweep, METRICS};
use crate::formats::link::LinkState;
use crate::sim::{simulate_summary, Params, Summary};
use crate::ui::dom;
use crate::ui::hooks::frame_loop::FrameLoop;
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Milliseconds of simulation per frame (a run takes ~1.2 ms in wasm; the loop stops before
/// the run that would pass the budget). Drawing the grid and re-rendering the panel cost
/// about 1 ms more, so a frame stays well under 16.7 ms and the page keeps 60 fps.
pub const FRAME_BUDGET_MS: f64 = 6.0;

/// Cells per message to the worker; two messages are kept in flight, so the worker never
/// waits for the page's frame to end before it has more to do.
const WORKER_CHUNK: usize = 12;

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
        // A cluster's field is not reset: choosing a cell never changes it (it only reads out).
        for key in [&x, &y].into_iter().filter(|a| a.cluster().is_none()).map(|a| a.key) {
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

/// The frame loop of one sweep, and its worker. Dropping it cancels the pending frame and
/// terminates the worker.
struct Job {
    _frames: FrameLoop,
    _helper: Option<Helper>,
    /// Printing finishes the grid at once (paper cannot wait for frames): `beforeprint`.
    _print: Vec<gloo::events::EventListener>,
}

impl Job {
    fn start(sweep: Rc<RefCell<Option<Sweep>>>, report: impl Fn(Counts) + 'static) -> Job {
        let helper = Helper::start(sweep.clone());
        let started = dom::now_ms();
        let report = Rc::new(report);
        let print = {
            let (sweep, report) = (sweep.clone(), report.clone());
            dom::on_print(move |printing| {
                if printing {
                    finish(&sweep, &*report, started);
                }
            })
        };
        // A sweep that starts while the page prints (its panel mounted for paper) finishes now.
        if dom::printing() {
            finish(&sweep, &*report, started);
        }
        let frames = FrameLoop::start(move |_| step_frame(&sweep, &*report, started));
        Job { _frames: frames, _helper: helper, _print: print }
    }
}

/// Computes every cell left, now (a 24 × 16 grid takes about half a second in wasm).
fn finish(sweep: &RefCell<Option<Sweep>>, report: &dyn Fn(Counts), started: f64) {
    let (computed, total) = {
        let mut guard = sweep.borrow_mut();
        let Some(s) = guard.as_mut() else { return };
        while !s.step(16) {}
        (s.computed(), s.len())
    };
    report(Counts { generation: 0, computed, total, elapsed_ms: Some(dom::now_ms() - started) });
}

/// The worker computing cells from the end of the grid.
struct Helper {
    worker: web_sys::Worker,
    _onmessage: Closure<dyn FnMut(web_sys::MessageEvent)>,
    _onerror: Closure<dyn FnMut(web_sys::Event)>,
}

impl Drop for Helper {
    fn drop(&mut self) {
        self.worker.terminate();
    }
}

impl Helper {
    fn start(sweep: Rc<RefCell<Option<Sweep>>>) -> Option<Helper> {
        let (query, sx, sy, len) = {
            let guard = sweep.borrow();
            let s = guard.as_ref()?;
            let query = LinkState { params: s.base.clone(), ..LinkState::default() }.to_query();
            // The worker must simulate exactly these parameters; a link that cannot carry them
            // (none should) leaves the work to the frames.
            if LinkState::decode(&query).0.params != s.base {
                return None;
            }
            (query, s.x.to_text(), s.y.to_text(), s.len())
        };
        let opts = web_sys::WorkerOptions::new();
        opts.set_type(web_sys::WorkerType::Module);
        let worker = web_sys::Worker::new_with_options("./sweep-worker.js", &opts).ok()?;
        // The lowest cell handed to the worker so far: it works downwards from the end.
        let low = Rc::new(Cell::new(len));
        let post = {
            let (worker, low, sweep) = (worker.clone(), low.clone(), sweep.clone());
            move || {
                let front = sweep.borrow().as_ref().map_or(usize::MAX, |s| s.next_cell());
                let to = low.get();
                if to <= front || to == 0 {
                    return;
                }
                let from = to.saturating_sub(WORKER_CHUNK).max(front);
                low.set(from);
                let msg = js_sys::Object::new();
                for (k, v) in [
                    ("query", JsValue::from_str(&query)),
                    ("sx", sx.as_str().into()),
                    ("sy", sy.as_str().into()),
                    ("from", (from as f64).into()),
                    ("to", (to as f64).into()),
                ] {
                    let _ = js_sys::Reflect::set(&msg, &k.into(), &v);
                }
                let _ = worker.post_message(&msg);
            }
        };
        let post = Rc::new(post);
        let onmessage = {
            let (post, sweep) = (post.clone(), sweep.clone());
            Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
                let data = e.data();
                let from = js_sys::Reflect::get(&data, &"from".into()).ok().and_then(|v| v.as_f64()).unwrap_or(0.0) as usize;
                let cells = js_sys::Reflect::get(&data, &"cells".into())
                    .ok()
                    .and_then(|v| v.dyn_into::<js_sys::Float64Array>().ok())
                    .map(|a| a.to_vec())
                    .unwrap_or_default();
                if let Some(s) = sweep.borrow_mut().as_mut() {
                    for (k, packed) in cells.chunks_exact(PACKED).enumerate() {
                        s.put(from + k, unpack(packed));
                    }
                }
                post();
            })
        };
        // A worker that cannot start (no module workers, a blocked script) just leaves the
        // frames to do all the cells.
        let onerror = Closure::<dyn FnMut(web_sys::Event)>::new(|e: web_sys::Event| e.prevent_default());
        worker.set_onmessage(Some(onmessage.as_ref().unchecked_ref()));
        worker.set_onerror(Some(onerror.as_ref().unchecked_ref()));
        let module = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&module, &"module".into(), &wasm_bindgen::module());
        let _ = worker.post_message(&module);
        post();
        post();
        Some(Helper { worker, _onmessage: onmessage, _onerror: onerror })
    }
}

/// Run in the sweep's worker (exported by the tools module, `src/tools/main.rs`): the summaries of
/// cells `from..to` (row-major) of the sweep with these axes over the base parameters in
/// `query` (a share link's query), `PACKED` numbers each (bit-exact: no text in between).
pub fn sweep_cells(query: &str, sx: &str, sy: &str, from: usize, to: usize) -> Vec<f64> {
    let (link, _) = LinkState::decode(query);
    let sweep = match (Axis::parse(sx), Axis::parse(sy)) {
        (Ok(x), Ok(y)) => Sweep::new(x, y, METRICS[0], link.params).ok(),
        _ => None,
    };
    let mut out = Vec::new();
    if let Some(s) = sweep {
        let nx = s.xs.len();
        for k in from..to.min(s.len()) {
            out.extend(pack(&simulate_summary(&s.params_at(k % nx, k / nx))));
        }
    }
    out
}

/// Numbers per summary in the worker's answer.
const PACKED: usize = 12;

/// A summary as numbers, NaN for an event that never happens.
fn pack(s: &Summary) -> [f64; PACKED] {
    let o = |v: Option<f64>| v.unwrap_or(f64::NAN);
    [
        o(s.control_plane_down_min),
        o(s.first_alert_min),
        o(s.first_customer_errors_min),
        o(s.peak_impact_min),
        o(s.access_regained_min),
        o(s.fix_landed_min),
        o(s.first_cluster_recovered_min),
        o(s.all_recovered_min),
        s.peak_error_rate,
        s.impact_min,
        o(s.detection_lead_min),
        s.impacted_clusters as f64,
    ]
}

/// `pack` read back. A struct literal, so a new summary field fails to compile until added.
fn unpack(v: &[f64]) -> Summary {
    let o = |x: f64| (!x.is_nan()).then_some(x);
    Summary {
        control_plane_down_min: o(v[0]),
        first_alert_min: o(v[1]),
        first_customer_errors_min: o(v[2]),
        peak_impact_min: o(v[3]),
        access_regained_min: o(v[4]),
        fix_landed_min: o(v[5]),
        first_cluster_recovered_min: o(v[6]),
        all_recovered_min: o(v[7]),
        peak_error_rate: v[8],
        impact_min: v[9],
        detection_lead_min: o(v[10]),
        impacted_clusters: v[11] as u32,
    }
}

/// One frame's share of the sweep: runs within the budget, then reports. Whether to go on.
fn step_frame(sweep: &RefCell<Option<Sweep>>, report: &dyn Fn(Counts), started: f64) -> bool {
    let t0 = dom::now_ms();
    let (computed, total, done) = {
        let mut guard = sweep.borrow_mut();
        let Some(s) = guard.as_mut() else { return false };
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
    // Reporting may re-render with new inputs and drop this job (the loop then stops).
    report(Counts { generation: 0, computed, total, elapsed_ms });
    !done
}
