//! Browser entry point of the core build (README "Two builds"): My roles, activation, My
//! requests and the sign-in callback against a tenant. The boot script in `index.html` loads it for those pages
//! when a tenant is configured. A native build of this binary does nothing.

#[cfg(target_arch = "wasm32")]
fn main() {
    pim_console::ui::start_core();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("pim-core is a browser app: build it with `trunk build` (see README.md).");
}
