//! A cluster's colour label: a coloured dot and the cluster's name (the id when the cluster
//! is no longer configured). The name is always written out, so colour is never the only cue.

use leptos::prelude::*;

use crate::stores::use_clusters;

#[component]
pub fn ClusterLabel(#[prop(into)] cluster: String) -> impl IntoView {
    let registry = use_clusters();
    let id = cluster.clone();
    let entry = Memo::new(move |_| registry.cluster(&id));
    // One effect: a renamed or recoloured cluster rebuilds the label in place.
    move || {
        entry.with(|e| {
            let name = e
                .as_ref()
                .map(|e| e.name.clone())
                .unwrap_or_else(|| cluster.clone());
            let color = e
                .as_ref()
                .and_then(|e| e.color.clone())
                .unwrap_or_else(|| "var(--cc-muted)".into());
            let title = name.clone();
            view! {
                <span class="cc-cluster-label" data-testid="cluster-label" data-cluster=cluster.clone() title=title>
                    <span class="cc-cluster-dot" aria-hidden="true" style:background-color=color></span>
                    <span class="cc-cluster-name">{name}</span>
                </span>
            }
        })
    }
}
