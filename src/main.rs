//! Browser entry point: mounts the app. A native build of this binary does nothing.

#[cfg(target_arch = "wasm32")]
fn main() {
    pim_console::ui::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("pim-console is a browser app: build it with `trunk build` (see README.md).");
}
