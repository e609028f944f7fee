//! One recycled row slot of the windowed connector list. The list keeps a fixed number of
//! slots and moves each to whichever connector scrolls into its place, so scrolling builds no
//! element: a slot rewrites only the cells whose text changed (`state::list_view::RowText`).
//! A slot reads only its own connector's row signal, so a refresh that changes another
//! connector never touches it. Long names, classes, worker ids and topic lists are truncated by
//! CSS with the full text in a tooltip, set while the pointer is on the row.

use std::collections::BTreeSet;

use leptos::prelude::*;

use crate::app::app_href;
use crate::components::cluster_label::label_of;
use crate::components::state_badge::BadgeState;
use crate::state::detail::connector_path;
use crate::state::list_view::RowText;
use crate::state::reconcile::RowKey;
use crate::stores::connectors::RowSignal;
use crate::stores::use_clusters;

/// A row's signal, equal only to the same signal (a connector removed and re-added under its
/// key gets a new one, and its slot must read the new one).
#[derive(Clone, PartialEq)]
pub struct SameSignal(pub RowSignal);

/// The connector a slot shows: its key and its row signal.
pub type SlotEntry = Option<(RowKey, SameSignal)>;

/// A reactive text of the slot's row: `f` of its `RowText`, or the default while the slot is
/// empty (it is then leaving the window).
fn cell<T: Default>(
    text: Memo<Option<RowText>>,
    f: impl Fn(&RowText) -> T + Copy + Send + Sync + 'static,
) -> impl Fn() -> T + Copy + Send + Sync + 'static {
    move || text.with(|t| t.as_ref().map(f).unwrap_or_default())
}

/// A tooltip of the slot's row, present only while the pointer is on the row. Any change of a
/// `title` attribute makes the browser restyle the element (its own stylesheet has
/// `abbr[title]`), so rows that are not hovered keep none and rewriting them stays cheap.
fn tip(
    text: Memo<Option<RowText>>,
    hovered: RwSignal<bool>,
    f: impl Fn(&RowText) -> String + Copy + Send + Sync + 'static,
) -> impl Fn() -> Option<String> + Copy + Send + Sync + 'static {
    move || {
        hovered
            .get()
            .then(|| text.with(|t| t.as_ref().map(f)))
            .flatten()
    }
}

#[component]
pub fn ConnectorRow(
    /// 1-based position in the filtered list (for `aria-rowindex`; the header is row 1).
    #[prop(into)]
    index: Signal<usize>,
    /// Where the slot sits in the list's body, in pixels from its top.
    #[prop(into)]
    top_px: Signal<usize>,
    /// The connector this slot shows now.
    #[prop(into)]
    entry: Signal<SlotEntry>,
    selected: RwSignal<BTreeSet<RowKey>>,
) -> impl IntoView {
    let registry = use_clusters();
    let key = Memo::new(move |_| entry.with(|e| e.as_ref().map(|(k, _)| k.clone())));
    let text = Memo::new(move |_| {
        entry.with(|e| {
            e.as_ref()
                .map(|(_, SameSignal(row))| row.with(|r| RowText::of(r)))
        })
    });
    let cluster_id = Memo::new(move |_| key.with(|k| k.as_ref().map(|k| k.cluster.clone())));
    // The cluster label's name and colour (`ClusterLabel`'s, written cell by cell here).
    let cluster = Memo::new(move |_| {
        cluster_id.with(|id| {
            let id = id.as_deref().unwrap_or_default();
            label_of(registry.cluster(id).as_ref(), id)
        })
    });
    let name = move || key.with(|k| k.as_ref().map(|k| k.name.clone()));
    let cluster_of = move || cluster_id.get();
    let href = move || {
        key.with(|k| {
            k.as_ref()
                .map(|k| app_href(&connector_path(&k.cluster, &k.name, None)))
        })
    };
    let check_label = move || {
        key.with(|k| {
            k.as_ref()
                .map(|k| format!("Select {} on {}", k.name, k.cluster))
        })
    };
    let is_selected = Memo::new(move |_| {
        key.with(|k| k.as_ref().is_some_and(|k| selected.with(|s| s.contains(k))))
    });
    let toggle = move |ev: leptos::ev::Event| {
        let on = event_target_checked(&ev);
        if let Some(key) = key.get_untracked() {
            selected.update(|s| {
                if on {
                    s.insert(key);
                } else {
                    s.remove(&key);
                }
            });
        }
    };
    let hovered = RwSignal::new(false);
    let tone = move || text.with(|t| t.as_ref().map(|t| BadgeState::Health(t.health).tone()));
    let pending = move || {
        text.with(|t| t.as_ref().and_then(|t| t.pending.clone()))
            .map(|p| view! { <span class="cc-pending" role="status">{p}</span> })
    };

    view! {
        <tr
            class="cc-row"
            role="row"
            style:top=move || format!("{}px", top_px.get())
            on:pointerenter=move |_| hovered.set(true)
            on:pointerleave=move |_| hovered.set(false)
            class:selected=move || is_selected.get()
            class:stale=cell(text, |t| t.stale)
            aria-rowindex=move || index.get() + 1
            aria-selected=move || is_selected.get().to_string()
            data-testid="connector-row"
            data-cluster=cluster_of
            data-name=name
            data-health=cell(text, |t| t.health.as_str())
        >
            <td role="cell" class="col-select">
                <input
                    type="checkbox"
                    class="cc-check"
                    data-testid="row-select"
                    aria-label=check_label
                    prop:checked=move || is_selected.get()
                    on:change=toggle
                />
            </td>
            <td role="cell" class="col-name">
                // A plain link (the router still handles its click): `<A>` builds a route
                // resolver and an active-state memo.
                <a href=href class="cc-trunc cc-row-link" title=move || hovered.get().then(name).flatten() data-testid="connector-link">
                    {name}
                </a>
            </td>
            <td role="cell" class="col-cluster">
                <span class="cc-cluster-label" data-testid="cluster-label" data-cluster=cluster_of
                    title=move || hovered.get().then(|| cluster.with(|c| c.0.clone()))>
                    <span class="cc-cluster-dot" aria-hidden="true"
                        style:background-color=move || cluster.with(|c| c.1.clone())></span>
                    <span class="cc-cluster-name">{move || cluster.with(|c| c.0.clone())}</span>
                </span>
            </td>
            <td role="cell" class="col-type">{cell(text, |t| t.kind)}</td>
            <td role="cell" class="col-class">
                <span class="cc-trunc" title=tip(text, hovered, |t| t.class_full.clone())>
                    {cell(text, |t| t.class_short.clone())}
                </span>
            </td>
            <td role="cell" class="col-state">
                <span
                    class=move || format!("state-badge {}", tone().map_or("", |t| t.class()))
                    data-testid="state-badge"
                    data-state=cell(text, |t| t.health.as_str())
                    title=tip(text, hovered, |t| t.state_title.clone())
                >
                    <span class="state-badge-icon" aria-hidden="true">{move || tone().map_or("", |t| t.icon())}</span>
                    <span class="state-badge-label">{cell(text, |t| t.health.label())}</span>
                </span>
                {pending}
            </td>
            <td role="cell" class="col-tasks" class:bad=cell(text, |t| t.tasks_bad)>{cell(text, |t| t.tasks.clone())}</td>
            <td role="cell" class="col-workers">
                <span class="cc-trunc" title=tip(text, hovered, |t| t.workers.clone())>{cell(text, |t| t.workers.clone())}</span>
            </td>
            <td role="cell" class="col-topics">
                <span class="cc-trunc" title=tip(text, hovered, |t| t.topics.clone())>{cell(text, |t| t.topics.clone())}</span>
            </td>
        </tr>
    }
}
