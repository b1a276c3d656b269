//! The tools module (`cascade-tools`): a second wasm module the app loads on first use —
//! when the sweep or the follow-ups come on screen, or an export is asked for — so the first
//! load carries only what the page shows at once (docs/performance.md). It also runs in the
//! sweep's Web Worker (`static/sweep-worker.js`). Everything it does lives in the library
//! (`tools::panels`); this file is its JS interface: text and numbers in, text out (`ui::seam`).

#[cfg(target_arch = "wasm32")]
mod web {
    use cascade_lab::tools::panels::{self, Island, IslandProps};
    use cascade_lab::ui::seam::{ExportRequest, Flags, Tool};
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

    /// A mounted panel. `update` re-renders it with a new run; `destroy` unmounts it.
    #[wasm_bindgen]
    pub struct Panel {
        app: AppHandle<Island>,
        props: IslandProps,
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

        pub fn destroy(self) {
            self.app.destroy();
        }
    }

    /// Mounts panel `tool` (`sweep`, `followups`) into `root` over the run in `query`;
    /// `on_msg(text)` receives its messages. `undefined` for an unknown tool.
    #[wasm_bindgen]
    pub fn mount(tool: &str, root: web_sys::Element, query: String, flags: u32, on_msg: js_sys::Function) -> Option<Panel> {
        let tool = Tool::from_name(tool)?;
        let on_msg = Callback::from(move |text: String| {
            let _ = on_msg.call1(&JsValue::NULL, &JsValue::from_str(&text));
        });
        let props = IslandProps { tool, query, flags: Flags::from_bits(flags), on_msg };
        let app = yew::Renderer::<Island>::with_root_and_props(root, props.clone()).render();
        Some(Panel { app, props })
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
