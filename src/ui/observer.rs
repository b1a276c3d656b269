//! The one wrapper for the browser's observers (ResizeObserver, IntersectionObserver,
//! MutationObserver): it owns the observer and its callback, and disconnects on drop, so an
//! effect's cleanup only has to drop it.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

/// An observer the browser constructs from one callback taking the entries (or records).
pub trait Observes: Sized {
    fn create(callback: &js_sys::Function) -> Result<Self, JsValue>;
    fn disconnect(&self);
}

macro_rules! observes {
    ($($t:ty),*) => {$(
        impl Observes for $t {
            fn create(callback: &js_sys::Function) -> Result<Self, JsValue> {
                <$t>::new(callback)
            }
            fn disconnect(&self) {
                <$t>::disconnect(self)
            }
        }
    )*};
}

observes!(web_sys::ResizeObserver, web_sys::IntersectionObserver, web_sys::MutationObserver);

/// An observer with its callback; dropping it disconnects.
pub struct Observer<O: Observes> {
    observer: O,
    _callback: Closure<dyn FnMut(js_sys::Array)>,
}

impl<O: Observes> Observer<O> {
    /// An observer calling `f` with each batch of entries; it observes nothing until told to
    /// (`get().observe(…)`).
    pub fn new(f: impl FnMut(js_sys::Array) + 'static) -> Option<Observer<O>> {
        let callback = Closure::<dyn FnMut(js_sys::Array)>::new(f);
        let observer = O::create(callback.as_ref().unchecked_ref()).ok()?;
        Some(Observer { observer, _callback: callback })
    }

    pub fn get(&self) -> &O {
        &self.observer
    }
}

impl<O: Observes> Drop for Observer<O> {
    fn drop(&mut self) {
        self.observer.disconnect();
    }
}
