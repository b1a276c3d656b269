//! The browser entry point: mount the app. Everything else lives in the library.

fn main() {
    #[cfg(target_arch = "wasm32")]
    {
        // Without a page (loaded in a worker) there is nothing to mount.
        if web_sys::window().is_none() {
            return;
        }
        // A panic shows a recovery panel instead of a frozen page. (Yew installs its own
        // console hook on render unless given one.)
        yew::set_custom_panic_hook(Box::new(|info| {
            web_sys::console::error_1(&info.to_string().into());
            cascade_lab::ui::dom::panic_panel(&info.to_string());
        }));
        cascade_lab::ui::dom::mark("data-main-ms");
        if let Some(boot) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("boot")) {
            boot.remove();
        }
        yew::Renderer::<cascade_lab::app::App>::new().render();
    }
    #[cfg(not(target_arch = "wasm32"))]
    eprintln!("cascade-lab is the browser app: build it with `trunk build --release`; the native CLI is `cascade`.");
}
