//! The bulk action bar of the connector list: how many connectors are selected, the actions
//! every selected cluster allows (none in read-only mode), and the confirmation that names
//! every affected connector (restart options for restarts; deleting more than three asks to
//! type the count). Confirmed actions run through the store's bounded-concurrency bulk run.

use std::collections::BTreeSet;

use leptos::prelude::*;

use crate::components::confirm_dialog::ConfirmDialog;
use crate::protocol::capabilities::Capabilities;
use crate::state::list_view::{
    allowed_bulk_actions, item_label, plain_restart_notes, typed_confirmation, BulkKind,
};
use crate::state::reconcile::RowKey;
use crate::stores::{use_clusters, use_connectors};

#[component]
pub fn BulkActions(
    selected: RwSignal<BTreeSet<RowKey>>,
    /// How many of the selected connectors the list's filters hide (they are acted on too).
    #[prop(optional, into)]
    hidden: Signal<usize>,
) -> impl IntoView {
    let store = use_connectors();
    let registry = use_clusters();
    let read_only = store.read_only();

    let count = Memo::new(move |_| selected.with(|s| s.len()));
    // What the clusters of these connectors can do (one entry per cluster).
    let caps_of = move |keys: &mut dyn Iterator<Item = &RowKey>| {
        let clusters: BTreeSet<String> = keys.map(|k| k.cluster.to_string()).collect();
        clusters
            .iter()
            .map(|c| {
                registry
                    .cluster(c)
                    .map(|e| Capabilities::for_flavor(e.flavor, store.server_info(c).as_ref()))
            })
            .collect::<Vec<Option<Capabilities>>>()
    };
    let allowed = Memo::new(move |_| {
        let caps = selected.with(|s| caps_of(&mut s.iter()));
        allowed_bulk_actions(caps.iter().map(|c| c.as_ref()), read_only.get())
    });

    let open = RwSignal::new(false);
    let kind = RwSignal::new(BulkKind::Pause);
    let targets = RwSignal::new(Vec::<RowKey>::new());
    // includeTasks and onlyFailed are offered only when every cluster of the dialog's
    // connectors takes them (Confluent Cloud and Kafka Connect before 3.0 would ignore them
    // without a word).
    let target_caps = Memo::new(move |_| targets.with(|t| caps_of(&mut t.iter())));
    let restart_options = Memo::new(move |_| {
        let caps = target_caps.get();
        !caps.is_empty()
            && caps
                .iter()
                .all(|c| c.as_ref().is_some_and(|c| c.restart_options))
    });
    let include_tasks = RwSignal::new(true);
    let only_failed = RwSignal::new(false);

    let labels = Signal::derive(move || {
        targets.with(|t| {
            t.iter()
                .map(|k| item_label(k, registry.cluster(&k.cluster).map(|e| e.name).as_deref()))
                .collect::<Vec<_>>()
        })
    });
    let n = move || targets.with(|t| t.len());
    let noun = move || if n() == 1 { "connector" } else { "connectors" };
    let title = Signal::derive(move || format!("{} {} {}?", kind.get().label(), n(), noun()));
    let confirm_label =
        Signal::derive(move || format!("{} {} {}", kind.get().label(), n(), noun()));
    let message = Signal::derive(move || {
        target_caps.with(|caps| Some(kind.get().consequence(caps.iter().flatten())))
    });
    let require = Signal::derive(move || typed_confirmation(kind.get(), n()));

    let start = move |k: BulkKind| {
        kind.set(k);
        targets.set(selected.get_untracked().into_iter().collect());
        include_tasks.set(true);
        only_failed.set(false);
        open.set(true);
    };
    let on_confirm = Callback::new(move |_| {
        let keys = targets.get_untracked();
        // Options only where every cluster takes them (none are shown otherwise).
        let with_options = restart_options.get_untracked();
        let action = kind.get_untracked().action(
            with_options && include_tasks.get_untracked(),
            with_options && only_failed.get_untracked(),
        );
        store.bulk(action, keys);
        selected.set(BTreeSet::new());
    });

    view! {
        <Show when=move || { count.get() > 0 }>
            <div class="cc-bulk-bar" role="region" aria-label="Bulk actions" data-testid="bulk-bar">
                <span class="cc-bulk-count" data-testid="bulk-count">
                    {move || match hidden.get() {
                        0 => format!("{} selected", count.get()),
                        h => format!("{} selected ({h} not shown by the filters)", count.get()),
                    }}
                </span>
                <Show
                    when=move || !read_only.get()
                    fallback=|| view! {
                        <span class="cc-bulk-note" data-testid="bulk-read-only">
                            "Read-only mode: actions are disabled."
                        </span>
                    }
                >
                    {move || {
                        let allowed = allowed.get();
                        if allowed.is_empty() {
                            view! {
                                <span class="cc-bulk-note">"No action is available on every selected cluster."</span>
                            }
                            .into_any()
                        } else {
                            allowed
                                .into_iter()
                                .map(|k| {
                                    let class = if k.danger() { "cc-btn cc-btn-small cc-btn-danger-outline" } else { "cc-btn cc-btn-small" };
                                    view! {
                                        <button type="button" class=class data-testid=k.testid() on:click=move |_| start(k)>
                                            {format!("{}…", k.label())}
                                        </button>
                                    }
                                })
                                .collect_view()
                                .into_any()
                        }
                    }}
                </Show>
                <button
                    type="button"
                    class="cc-btn cc-btn-small cc-btn-link"
                    data-testid="bulk-clear"
                    on:click=move |_| selected.set(BTreeSet::new())
                >
                    "Clear selection"
                </button>
            </div>
        </Show>
        <ConfirmDialog
            open
            title
            message
            items=labels
            confirm_label
            danger=Signal::derive(move || kind.get().danger())
            require_typing=require
            on_confirm
            testid="bulk-confirm"
        >
            <Show when=move || kind.get() == BulkKind::Restart && !restart_options.get()>
                <p class="cc-muted" data-testid="restart-no-options">
                    "Not every selected cluster takes restart options: each restarts as its API does."
                </p>
                <ul class="cc-muted" data-testid="restart-plain-notes">
                    {move || target_caps.with(|caps| plain_restart_notes(caps.iter().flatten()))
                        .into_iter()
                        .map(|n| view! { <li>{n}</li> })
                        .collect_view()}
                </ul>
            </Show>
            <Show when=move || kind.get() == BulkKind::Restart && restart_options.get()>
                <label class="cc-check-label">
                    <input
                        type="checkbox"
                        data-testid="restart-include-tasks"
                        prop:checked=move || include_tasks.get()
                        on:change=move |ev| include_tasks.set(event_target_checked(&ev))
                    />
                    " Also restart their tasks (includeTasks)"
                </label>
                <label class="cc-check-label">
                    <input
                        type="checkbox"
                        data-testid="restart-only-failed"
                        prop:checked=move || only_failed.get()
                        on:change=move |ev| only_failed.set(event_target_checked(&ev))
                    />
                    " Only failed connectors and tasks (onlyFailed)"
                </label>
            </Show>
        </ConfirmDialog>
    }
}
