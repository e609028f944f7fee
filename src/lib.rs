//! connect-console: a Kafka Connect admin console that runs entirely in the browser.
//!
//! The crate splits along one line. Pure logic compiles on every target and is tested with a
//! plain native `cargo test`:
//! - [`protocol`]: requests, responses, errors and retries for the four Connect API flavors;
//! - [`form`]: the connector form model generated from a validate response;
//! - [`state`]: reconciliation, roll-ups, filtering and settings that the stores apply;
//! - [`memory`]: the allocator policy for multi-megabyte response bodies (installed on wasm32).
//!
//! The browser app (Leptos views, reactive stores, the gloo-net transport) exists only on
//! `wasm32`, so native builds never compile a UI toolkit.

pub mod form;
pub mod memory;
pub mod protocol;
pub mod state;

#[cfg(target_arch = "wasm32")]
pub mod app;
#[cfg(target_arch = "wasm32")]
pub mod components;
#[cfg(target_arch = "wasm32")]
pub mod embed;
#[cfg(target_arch = "wasm32")]
pub mod pages;
#[cfg(target_arch = "wasm32")]
pub mod stores;
#[cfg(target_arch = "wasm32")]
pub mod web;
