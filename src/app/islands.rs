//! The app's side of its tools module (`cascade-tools`, see `src/tools/main.rs`): loading it on
//! first use, the placeholders its panels mount into, and exports. `boot.js` defines
//! `cascadeTools()`, which imports and initialises the module once and resolves to its
//! exports; nothing here runs until a panel's place comes on screen or a file is asked for.

use crate::ui::hooks::use_seen;
use crate::ui::seam::{ExportRequest, Flags, ToPage, Tool};
use crate::ui::state::Msg;
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use yew::prelude::*;

fn js_err(e: JsValue) -> String {
    e.as_string().or_else(|| js_sys::Reflect::get(&e, &"message".into()).ok().and_then(|m| m.as_string())).unwrap_or_else(|| "unknown error".into())
}

#[wasm_bindgen]
extern "C" {
    /// The tools module's exports (`src/tools/main.rs`), as `cascadeTools()` resolves them. Each
    /// call catches: a module from another version may lack a function, and says so.
    type ToolsModule;
    #[wasm_bindgen(method, catch)]
    fn mount(this: &ToolsModule, tool: &str, root: web_sys::Element, query: &str, flags: u32, on_msg: &JsValue) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(method, catch)]
    fn make_file(this: &ToolsModule, request: &str) -> Result<JsValue, JsValue>;

    /// A panel the tools module mounted (`tools::Panel`).
    type ToolsPanel;
    #[wasm_bindgen(method, catch)]
    fn update(this: &ToolsPanel, query: &str, flags: u32) -> Result<(), JsValue>;
    #[wasm_bindgen(method, catch)]
    fn destroy(this: &ToolsPanel) -> Result<(), JsValue>;
}

/// The tools module's exports, loading it on the first call.
async fn tools() -> Result<ToolsModule, String> {
    let w = web_sys::window().ok_or("no window")?;
    let load: js_sys::Function =
        js_sys::Reflect::get(&w, &"cascadeTools".into()).ok().and_then(|f| f.dyn_into().ok()).ok_or("the page's loader (boot.js) is missing")?;
    let promise: js_sys::Promise = load.call0(&JsValue::NULL).map_err(js_err)?.dyn_into().map_err(|_| "the loader did not return a promise")?;
    Ok(wasm_bindgen_futures::JsFuture::from(promise).await.map_err(js_err)?.unchecked_into())
}

/// A panel mounted by the tools module, and the callback it answers through (freed with it).
struct Mounted {
    panel: ToolsPanel,
    _on_msg: Closure<dyn Fn(String)>,
}

impl Mounted {
    fn new(
        tools: &ToolsModule,
        tool: Tool,
        root: web_sys::Element,
        (query, flags): (String, Flags),
        (dispatch, on_close): (Callback<Msg>, Callback<()>),
    ) -> Result<Mounted, String> {
        // Handled after the panel's own event handler returns: the app's re-render then
        // updates (or, closing, destroys) the panel, which must not happen inside the panel's handler.
        let on_msg = Closure::<dyn Fn(String)>::new(move |text: String| {
            match ToPage::decode(&text) {
                Some(ToPage::Close) => {
                    let c = on_close.clone();
                    wasm_bindgen_futures::spawn_local(async move { c.emit(()) });
                }
                Some(m) => {
                    if let Some(m) = Msg::from_page(m) {
                        let d = dispatch.clone();
                        wasm_bindgen_futures::spawn_local(async move { d.emit(m) });
                    }
                }
                // Text this build does not write (a tools module from another build).
                None => {}
            }
        });
        let panel = tools.mount(tool.name(), root, &query, flags.bits(), on_msg.as_ref()).map_err(js_err)?;
        if panel.is_undefined() || panel.is_null() {
            return Err(format!("the tools module has no {} panel", tool.name()));
        }
        Ok(Mounted { panel: panel.unchecked_into(), _on_msg: on_msg })
    }

    fn update(&self, query: &str, flags: Flags) {
        let _ = self.panel.update(query, flags.bits());
    }
}

impl Drop for Mounted {
    fn drop(&mut self) {
        let _ = self.panel.destroy();
    }
}

#[derive(Clone, PartialEq)]
enum Status {
    /// Its place not on screen yet.
    Waiting,
    Loading,
    Ready,
    Failed(String),
}

#[derive(Properties, PartialEq)]
pub struct IslandProps {
    pub tool: Tool,
    /// `tools_api::island_query`.
    pub query: String,
    pub flags: Flags,
    pub dispatch: Callback<Msg>,
    /// The panel asks to be closed (`ToPage::Close`: the Embed form's Close and Esc).
    #[prop_or_default]
    pub on_close: Callback<()>,
}

/// Where a tools panel goes: a placeholder with the panel's heading until the module has
/// loaded (when the placeholder first comes on screen, or at once with `EAGER`), then the
/// panel, kept in step with the run.
#[component]
pub fn Island(p: &IslandProps) -> Html {
    let wrap = use_node_ref();
    let root = use_node_ref();
    let seen = use_seen(wrap.clone(), p.flags.eager);
    let status = use_state(|| Status::Waiting);
    let mounted: Rc<RefCell<Option<Mounted>>> = use_mut_ref(|| None);
    // What to mount with when the module arrives: the inputs of the latest render.
    let latest = use_mut_ref(|| (String::new(), Flags::default()));
    *latest.borrow_mut() = (p.query.clone(), p.flags);
    {
        let (root, mounted, status, latest, tool) = (root.clone(), mounted.clone(), status.clone(), latest.clone(), p.tool);
        let answers = (p.dispatch.clone(), p.on_close.clone());
        use_effect_with(seen, move |&seen| {
            let alive = Rc::new(Cell::new(true));
            if seen {
                status.set(Status::Loading);
                let (alive, mounted) = (alive.clone(), mounted.clone());
                wasm_bindgen_futures::spawn_local(async move {
                    let result = match (tools().await, root.cast::<web_sys::Element>()) {
                        (Ok(tools), Some(el)) if alive.get() => Mounted::new(&tools, tool, el, latest.borrow().clone(), answers),
                        (Err(e), _) => Err(e),
                        _ => return,
                    };
                    if !alive.get() {
                        return;
                    }
                    match result {
                        Ok(m) => {
                            *mounted.borrow_mut() = Some(m);
                            status.set(Status::Ready);
                        }
                        Err(e) => status.set(Status::Failed(e)),
                    }
                });
            }
            move || {
                alive.set(false);
                mounted.borrow_mut().take();
            }
        });
    }
    {
        let mounted = mounted.clone();
        use_effect_with((p.query.clone(), p.flags), move |(query, flags)| {
            if let Some(m) = mounted.borrow().as_ref() {
                m.update(query, *flags);
            }
        });
    }
    let failed = matches!(*status, Status::Failed(_));
    let note = match &*status {
        Status::Waiting | Status::Loading => "Loading…".to_string(),
        Status::Ready => String::new(),
        Status::Failed(e) => format!("This panel could not load ({e}). Reload the page to try again; the rest of the app works without it."),
    };
    html! {
        <div class="island" ref={wrap} data-tool={p.tool.name()}>
            // The tools module's own Yew app renders in here; this app never touches it.
            <div ref={root}></div>
            if *status != Status::Ready {
                // Until it fails, the place keeps about the panel's height, so the page does
                // not jump when the panel arrives.
                <section class={classes!("panel", "island-wait", (!failed).then_some("loading"))} aria-busy={(!failed).to_string()}>
                    <h2>{p.tool.title()}</h2>
                    <p class={classes!("hint", failed.then_some("warn"))} role="status">{note}</p>
                </section>
            }
        </div>
    }
}

/// Makes the file `r` describes with the tools module (loading it first if need be);
/// `on_fail` hears why not, in words for the page.
pub fn export(r: ExportRequest, on_fail: Callback<String>) {
    wasm_bindgen_futures::spawn_local(async move {
        let request = r.to_text();
        match tools().await {
            Err(e) => on_fail.emit(format!("the tools module could not load ({e}). Reload the page to try again.")),
            Ok(tools) => match tools.make_file(&request).map_err(js_err) {
                Ok(ok) if ok.as_bool() == Some(true) => {}
                Ok(_) => on_fail.emit("the tools module does not know this export (it is from another version: reload the page).".into()),
                Err(e) => on_fail.emit(format!("{e}. Reload the page to try again.")),
            },
        }
    });
}
