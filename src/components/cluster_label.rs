//! A cluster's colour label: a coloured dot and the cluster's name (the id when the cluster
//! is no longer configured). The name is always written out, so colour is never the only cue.

use leptos::prelude::*;

use crate::state::settings::ClusterEntry;
use crate::stores::use_clusters;

/// The name and colour a cluster's label shows: the configured ones, or the id and the muted
/// colour when the cluster is no longer configured or has no colour.
pub fn label_of(entry: Option<&ClusterEntry>, id: &str) -> (String, String) {
    let name = entry.map_or_else(|| id.to_string(), |e| e.name.clone());
    let color = entry
        .and_then(|e| e.color.clone())
        .unwrap_or_else(|| "var(--cc-muted)".into());
    (name, color)
}

#[component]
pub fn ClusterLabel(#[prop(into)] cluster: String) -> impl IntoView {
    let registry = use_clusters();
    let id = cluster.clone();
    let entry = Memo::new(move |_| registry.cluster(&id));
    // One effect: a renamed or recoloured cluster rebuilds the label in place.
    move || {
        entry.with(|e| {
            let (name, color) = label_of(e.as_ref(), &cluster);
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
