//! Browser entry point: mounts the app on `<body>`. Native builds have nothing to run.

#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    connect_console::app::mount();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("connect-console is a browser app: build it with `make build` and serve dist/.");
}
