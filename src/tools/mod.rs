//! The two-module split, all of it: what the page's module and the tools module say to each
//! other (`api`, pure and natively tested), the page's side (`islands`: loading the module,
//! placeholders, exports), and the tools module's side (`panels`: the panels' root and file
//! exports; the sweep, follow-ups, lesson, fleet editor and Embed form components; the sweep's computation; PNG exports).
//! `main.rs` is the tools module's JS interface (the `cascade-tools` binary).

#[cfg(target_arch = "wasm32")]
pub mod embed_dialog;
#[cfg(target_arch = "wasm32")]
pub mod export;
pub mod fleet_draft;
#[cfg(target_arch = "wasm32")]
pub mod fleet_editor;
#[cfg(target_arch = "wasm32")]
pub mod followups_panel;
#[cfg(target_arch = "wasm32")]
pub mod lesson_view;
#[cfg(target_arch = "wasm32")]
pub mod panels;
#[cfg(target_arch = "wasm32")]
pub mod sweep_view;
#[cfg(target_arch = "wasm32")]
pub mod use_sweep;
