//! Browser services: the gloo-net transport, storage, timers, visibility, notifications and
//! theme detection. Everything here touches `window`; the pure logic it serves lives in
//! `protocol`, `form` and `state`.

pub mod csp;
pub mod download;
pub mod links;
pub mod page;
pub mod route;
pub mod storage;
pub mod theme;
pub mod transport;
pub mod upload;
