//! `cascade`: the simulation from the command line, with the same parameter schema and link
//! format as the app.
//!
//! The CLI is native only: its argument parser (clap) is not a dependency of the wasm build, so
//! for `wasm32` this binary is an empty stub and `cargo build --target wasm32-unknown-unknown
//! --bins` still works.

#[cfg(not(target_arch = "wasm32"))]
#[path = "cascade/cli.rs"]
mod cli;

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    cli::main()
}

#[cfg(target_arch = "wasm32")]
fn main() {}
