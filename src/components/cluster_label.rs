//! A cluster's colour label: a coloured dot and the cluster's name (the id when the cluster
//! is no longer configured). The name is always written out, so colour is never the only cue.

use leptos::prelude::*;

use crate::stores::use_clusters;

#[component]
pub fn ClusterLabel(#[prop(into)] cluster: String) -> impl IntoView {
    let registry = use_clusters();
    let id = cluster.clone();
    let entry = Memo::new(move |_| registry.cluster(&id));
    let fallback = cluster.clone();
    let name = Memo::new(move |_| {
        entry.with(|e| {
            e.as_ref()
                .map(|e| e.name.clone())
                .unwrap_or_else(|| fallback.clone())
        })
    });
    let color = move || {
        entry.with(|e| {
            e.as_ref()
                .and_then(|e| e.color.clone())
                .unwrap_or_else(|| "var(--cc-muted)".into())
        })
    };
    view! {
        <span class="cc-cluster-label" data-testid="cluster-label" data-cluster=cluster title=name>
            <span class="cc-cluster-dot" aria-hidden="true" style:background-color=color></span>
            <span class="cc-cluster-name">{name}</span>
        </span>
    }
}
