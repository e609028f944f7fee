//! The cluster picker of per-cluster pages (plugins, log levels): a select bound to the page's
//! `?cluster=` query, and the cluster it selects.

use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};

use crate::state::detail::picker_path;
use crate::stores::use_clusters;

/// A cluster picker bound to `?cluster=` on `path`.
#[component]
pub fn ClusterPicker(
    /// The page's path ("/plugins").
    path: &'static str,
    #[prop(into)] selected: Signal<String>,
) -> impl IntoView {
    let registry = use_clusters();
    let navigate = use_navigate();
    view! {
        <label class="cc-inline-field">
            <span>"Cluster"</span>
            <select class="cc-select" data-testid="cluster-picker"
                on:change=move |ev| {
                    let id = event_target_value(&ev);
                    navigate(&picker_path(path, &id), Default::default());
                }
            >
                {move || registry.clusters().get().into_iter().map(|c| {
                    let id = c.id.clone();
                    let sel = selected.get() == id;
                    view! { <option value=id selected=sel>{c.name.clone()}</option> }
                }).collect_view()}
            </select>
        </label>
    }
}

/// The cluster chosen in `?cluster=`, or the first configured one.
pub fn selected_cluster() -> Signal<String> {
    let registry = use_clusters();
    let query = use_query_map();
    Signal::derive(move || {
        query
            .with(|q| q.get("cluster"))
            .filter(|id| registry.cluster(id).is_some())
            .or_else(|| {
                registry
                    .clusters()
                    .with(|c| c.first().map(|c| c.id.clone()))
            })
            .unwrap_or_default()
    })
}
