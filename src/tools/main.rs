//! The tools module (`cascade-tools`): a second wasm module the app loads on first use —
//! when the sweep or the follow-ups come on screen, or an export is asked for — so the first
//! load carries only what the page shows at once (docs/performance.md). It also runs in the
//! sweep's Web Worker (`static/sweep-worker.js`). Everything it does lives in the library
//! (`tools::panels`); this file is its JS interface: text and numbers in, text out (`ui::seam`).

#[cfg(target_arch = "wasm32")]
mod web {
    use cascade_lab::tools::panels::{self, Island, IslandProps};
    use cascade_lab::ui::seam::{ExportRequest, Flags, Tool};
    use std::cell::RefCell;
    use wasm_bindgen::prelude::*;
    use yew::{AppHandle, Callback};

    #[wasm_bindgen(start)]
    pub fn start() {
        // In the sweep's worker there is no page: nothing to set up.
        if web_sys::window().is_none() {
            return;
        }
        // A panic shows the same recovery panel as the app's.
        yew::set_custom_panic_hook(Box::new(|info| {
            web_sys::console::error_1(&info.to_string().into());
            cascade_lab::ui::dom::panic_panel(&info.to_string());
        }));
        // Each module runs its own Yew, and each Yew numbers its apps (and portals) from 1.
        // Yew tells whose event it is by that number, written on the page's elements
        // (`__yew_subtree_id`), and the app's one app is 1: a panel numbered 1 would have its
        // clicks run the app's handlers too. Spend the first numbers here on apps destroyed at
        // once (room for the app to add a few portals); panels start above them.
        if let Some(el) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.create_element("div").ok()) {
            for _ in 0..RESERVED_FOR_THE_APP {
                yew::Renderer::<Nothing>::with_root(el.clone()).render().destroy();
            }
        }
    }

    /// Yew app numbers the app may use (its root, portals); see `start`.
    const RESERVED_FOR_THE_APP: u32 = 8;

    #[yew::component]
    fn Nothing() -> yew::Html {
        yew::Html::default()
    }

    /// A mounted panel: a Yew app in its own element (`host`) inside the page's placeholder.
    /// `update` re-renders it with a new run; `destroy` takes it off the page.
    #[wasm_bindgen]
    pub struct Panel {
        app: AppHandle<Island>,
        host: web_sys::Element,
        props: IslandProps,
    }

    thread_local! {
        /// Apps of destroyed panels, drawing nothing, each in its host (off the page), for the
        /// next `mount`. Yew never frees an app's root: its root's event listeners (one per
        /// kind of event the app ever handled) are `forget()`-ed closures that hold the root
        /// element, so `AppHandle::destroy` leaves them and the root (with the page's placeholder
        /// around it) behind for good: four listeners each time the Embed form opened and
        /// closed. Reused, an app's root costs that once; the pool holds as many apps as the
        /// most panels ever mounted at once.
        static PARKED: RefCell<Vec<(AppHandle<Island>, web_sys::Element)>> = const { RefCell::new(Vec::new()) };
    }

    #[wasm_bindgen]
    impl Panel {
        pub fn update(&mut self, query: String, flags: u32) {
            let flags = Flags::from_bits(flags);
            if self.props.query != query || self.props.flags != flags {
                self.props.query = query;
                self.props.flags = flags;
                self.app.update(self.props.clone());
            }
        }

        /// Unmounts the panel (its hooks' cleanups run, its elements go), drops the page's
        /// callback, takes the host off the page and parks the app for the next `mount`.
        pub fn destroy(mut self) {
            self.app.update(IslandProps::parked(self.props.tool));
            self.host.remove();
            PARKED.with(|p| p.borrow_mut().push((self.app, self.host)));
        }
    }

    /// Mounts panel `tool` (`sweep`, `followups`, …) into `root` over the run in `query`;
    /// `on_msg(text)` receives its messages. `undefined` for an unknown tool, or where no element
    /// can be added to `root`.
    #[wasm_bindgen]
    pub fn mount(tool: &str, root: web_sys::Element, query: String, flags: u32, on_msg: js_sys::Function) -> Option<Panel> {
        let tool = Tool::from_name(tool)?;
        let on_msg = Callback::from(move |text: String| {
            let _ = on_msg.call1(&JsValue::NULL, &JsValue::from_str(&text));
        });
        let props = IslandProps { tool, query, flags: Flags::from_bits(flags), on_msg, parked: false };
        // On the page before it renders: the panel measures itself and takes focus as it mounts.
        let panel = match PARKED.with(|p| p.borrow_mut().pop()) {
            Some((mut app, host)) => {
                root.append_child(&host).ok()?;
                app.update(props.clone());
                Panel { app, host, props }
            }
            None => {
                let host = root.owner_document()?.create_element("div").ok()?;
                root.append_child(&host).ok()?;
                let app = yew::Renderer::<Island>::with_root_and_props(host.clone(), props.clone()).render();
                Panel { app, host, props }
            }
        };
        Some(panel)
    }

    /// Makes the file an `ExportRequest` asks for (`ExportRequest::to_text`) and downloads it;
    /// false when the request is not one this module can read (another version).
    #[wasm_bindgen]
    pub fn make_file(request: &str) -> bool {
        let Some(r) = ExportRequest::from_text(request) else { return false };
        panels::run_export(&r);
        true
    }

    /// Run in the sweep's worker: see `tools::use_sweep::sweep_cells`.
    #[wasm_bindgen]
    pub fn sweep_cells(query: &str, sx: &str, sy: &str, from: usize, to: usize) -> js_sys::Float64Array {
        js_sys::Float64Array::from(cascade_lab::tools::use_sweep::sweep_cells(query, sx, sy, from, to).as_slice())
    }
}

fn main() {
    #[cfg(not(target_arch = "wasm32"))]
    eprintln!("cascade-tools is the browser app's tools module: `trunk build --release` builds it; the native CLI is `cascade`.");
}
