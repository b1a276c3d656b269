//! Whether the page is being printed: what draws lazily, in the reader's theme or at the
//! screen's width draws again for paper.

use crate::ui::dom;
use std::cell::RefCell;
use std::rc::Rc;
use yew::prelude::*;

/// True from `beforeprint` (or the `print` media query matching) to `afterprint`. The browser
/// runs the re-render this causes before it lays the page out for print (Yew renders in a
/// microtask, and microtasks run when the event's listeners return), so panels that wait to be
/// on screen mount, canvases redraw light at the print width (`html[data-printing]`,
/// static/style.css) — also in a frame of a docs page being printed, which gets the events too.
#[hook]
pub fn use_printing() -> bool {
    let printing = use_state(dom::printing);
    {
        let printing = printing.clone();
        use_effect_with((), move |_| {
            let listeners = dom::on_print(move |p| printing.set(p));
            move || drop(listeners)
        });
    }
    *printing
}

/// For a canvas: `draw` (the latest one given) runs synchronously inside `beforeprint`, at the
/// print layout's width, and should leave still copies for print (`dom::print_copy`) — the
/// browser prints a canvas redrawn later in the print's re-render unreliably, and a re-render
/// may finish after the page was laid out. Returns whether the page is printing: effects skip
/// their own drawing meanwhile, and redraw (removing the copies) when it ends.
#[hook]
pub fn use_print_draw(draw: impl Fn() + 'static) -> bool {
    let latest: Rc<RefCell<Box<dyn Fn()>>> = use_mut_ref(|| Box::new(|| ()) as Box<dyn Fn()>);
    *latest.borrow_mut() = Box::new(draw);
    let printing = use_state(dom::printing);
    {
        let printing = printing.clone();
        use_effect_with((), move |_| {
            // Once per print: `beforeprint` and the media query's change both announce it, and
            // by the second the canvas is hidden behind its copy (no width to draw at).
            let drawn = std::cell::Cell::new(false);
            let listeners = dom::on_print(move |p| {
                if p && !drawn.replace(true) {
                    (latest.borrow())();
                }
                if !p {
                    drawn.set(false);
                }
                printing.set(p);
            });
            move || drop(listeners)
        });
    }
    *printing
}
