//! The page identity (`cluster` and connector or plugin) of routes shaped
//! `/clusters/{cluster}/{kind}/{name}`, read from the encoded location and decoded once
//! ([`crate::state::detail::route_segments`]), with the router's parameters as the fallback.
//! One hook, so the detail, edit and plugin pages cannot drift apart.

use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_params_map};

use crate::state::detail::route_segments;

/// `(cluster, name)` of the current route; `kind` is the path segment before the name
/// (`connectors`, `plugins`) and `param` the router parameter that names it.
pub fn use_route_identity(kind: &'static str, param: &'static str) -> Memo<(String, String)> {
    let params = use_params_map();
    let location = use_location();
    Memo::new(move |_| {
        location
            .pathname
            .with(|p| route_segments(p, kind))
            .unwrap_or_else(|| {
                params.with(|p| {
                    (
                        p.get("cluster").unwrap_or_default(),
                        p.get(param).unwrap_or_default(),
                    )
                })
            })
    })
}
