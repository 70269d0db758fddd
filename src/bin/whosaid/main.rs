//! The `whosaid` command line: the page's analysis for many documents, on all cores.
//!
//! The CLI is native only. Building the crate's tests for wasm32 also builds this binary, so there
//! it compiles to an empty program instead of pulling in threads and terminals.

#[cfg(not(target_arch = "wasm32"))]
mod args;
#[cfg(not(target_arch = "wasm32"))]
mod cli;
#[cfg(not(target_arch = "wasm32"))]
mod inputs;
#[cfg(not(target_arch = "wasm32"))]
mod output;

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    cli::main()
}

#[cfg(target_arch = "wasm32")]
fn main() {}
