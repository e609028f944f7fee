//! The Connect protocol layer: pure Rust, no Leptos and no DOM.
//!
//! It builds each flavor's requests, normalizes their responses into [`model`], turns every
//! failure into an [`error`] with a message and a hint, and owns the retry policy. HTTP goes
//! through the small [`transport`] trait so the same code runs in the browser and natively.

pub mod model;
pub mod transport;
