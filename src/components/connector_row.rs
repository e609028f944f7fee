//! One row of the windowed connector list. It reads only its own row signal from the store,
//! so a refresh that changes another connector never re-renders it. Long names, classes,
//! worker ids and topic lists are truncated by CSS with the full text in a tooltip.

use std::collections::BTreeSet;

use leptos::prelude::*;

use crate::app::app_href;
use crate::components::cluster_label::ClusterLabel;
use crate::components::state_badge::{badge_markup, BadgeState};
use crate::state::detail::connector_path;
use crate::state::list_view::{state_title, tasks_label};
use crate::state::reconcile::{ConnectorRow as RowData, RowKey};
use crate::stores::connectors::RowSignal;

#[component]
pub fn ConnectorRow(
    /// 1-based position in the filtered list (for `aria-rowindex`; the header is row 1). A
    /// signal, because the list keys rows by connector and moves them as it scrolls or re-sorts.
    #[prop(into)]
    index: Signal<usize>,
    key: RowKey,
    row: RowSignal,
    selected: RwSignal<BTreeSet<RowKey>>,
) -> impl IntoView {
    let href = app_href(&connector_path(&key.cluster, &key.name, None));
    let is_selected = {
        let key = key.clone();
        Memo::new(move |_| selected.with(|s| s.contains(&key)))
    };
    let toggle = {
        let key = key.clone();
        move |ev: leptos::ev::Event| {
            let on = event_target_checked(&ev);
            selected.update(|s| {
                if on {
                    s.insert(key.clone());
                } else {
                    s.remove(&key);
                }
            });
        }
    };
    let name = key.name.clone();
    let name_title = name.clone();
    let r = row.clone();
    let health = move || r.with(|r| r.health.as_str());
    let r = row.clone();
    let stale = move || r.with(|r| !r.status_fresh);
    let check_label = format!("Select {} on {}", key.name, key.cluster);
    // Everything the row's own data decides is built in one effect: a row costs a handful of
    // reactive nodes to build (it is built and dropped by the dozen per frame while scrolling),
    // and the rare change of its connector rebuilds its cells in place.
    let cells = move || row.with(|r| row_cells(r));

    view! {
        <tr
            class="cc-row"
            class:selected=move || is_selected.get()
            class:stale=stale
            aria-rowindex=move || index.get() + 1
            aria-selected=move || is_selected.get().to_string()
            data-testid="connector-row"
            data-cluster=key.cluster.clone()
            data-name=key.name.clone()
            data-health=health
        >
            <td class="col-select">
                <input
                    type="checkbox"
                    class="cc-check"
                    data-testid="row-select"
                    aria-label=check_label
                    prop:checked=move || is_selected.get()
                    on:change=toggle
                />
            </td>
            <td class="col-name">
                // A plain link (the router still handles its click): `<A>` builds a route
                // resolver and an active-state memo per row, which cost frames while scrolling.
                <a href=href class="cc-trunc cc-row-link" title=name_title data-testid="connector-link">
                    {name.clone()}
                </a>
            </td>
            <td class="col-cluster"><ClusterLabel cluster=key.cluster.to_string()/></td>
            {cells}
        </tr>
    }
}

/// The cells after the cluster: type, class, state, tasks, workers and topics of one row.
fn row_cells(r: &RowData) -> impl IntoView + use<> {
    let class_full = r.class.clone().unwrap_or_default();
    let topics = if !r.topics.is_empty() {
        r.topics.join(", ")
    } else {
        r.topics_regex
            .as_ref()
            .map(|re| format!("regex: {re}"))
            .unwrap_or_default()
    };
    let workers = r.workers.join(", ");
    let workers_title = workers.clone();
    let topics_title = topics.clone();
    let pending = r
        .pending
        .map(|p| view! { <span class="cc-pending" role="status">{p.progress_label()}</span> });
    view! {
        <td class="col-type">{r.kind.as_str().to_string()}</td>
        <td class="col-class"><span class="cc-trunc" title=class_full>{r.class_short.clone()}</span></td>
        <td class="col-state">
            {badge_markup(&BadgeState::from(r.health), Some(state_title(r)))}
            {pending}
        </td>
        <td class="col-tasks" class:bad={r.tasks_failed > 0}>{tasks_label(r)}</td>
        <td class="col-workers"><span class="cc-trunc" title=workers_title>{workers}</span></td>
        <td class="col-topics"><span class="cc-trunc" title=topics_title>{topics}</span></td>
    }
}
