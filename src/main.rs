//! Browser entry point: mounts the app on `<body>` (unless `embed.js` loaded it, see
//! `connect_console::embed`). Native builds have nothing to run.

/// Response bodies reuse the blocks the last refresh freed (see `connect_console::memory`).
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: connect_console::memory::LargeBlockCache<std::alloc::System> =
    connect_console::memory::LargeBlockCache::new(std::alloc::System);

#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    // Before any request: a refused one is then reported as the CSP's doing.
    connect_console::web::csp::listen();
    // Loaded by embed.js: the host calls `ConnectConsole.mount(element, options)` instead.
    if !connect_console::embed::element_mode() {
        connect_console::app::mount();
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("connect-console is a browser app: build it with `make build` and serve dist/.");
}
