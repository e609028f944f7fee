//! Progress and per-item results of the last bulk action: a progress bar, a line of counts,
//! and every connector with its outcome (done, or the error message and hint). Nothing is
//! left out; failed items can be retried, a running action cancelled.

use leptos::prelude::*;

use crate::state::bulk::ItemStatus;
use crate::state::list_view::item_label;
use crate::stores::{use_clusters, use_connectors};

#[component]
pub fn BulkResults() -> impl IntoView {
    let store = use_connectors();
    let registry = use_clusters();
    let run = store.bulk_run();
    let summary = Memo::new(move |_| {
        run.with(|r| {
            r.as_ref()
                .map(|r| (r.action.label(), r.summary(), r.is_done()))
        })
    });

    let head = move || {
        summary.get().map(|(label, s, done)| {
            let headline = if done {
                let cancelled = if s.cancelled > 0 {
                    format!(", {} cancelled", s.cancelled)
                } else {
                    String::new()
                };
                format!("{label}: {} done, {} failed{cancelled}", s.ok, s.failed)
            } else {
                format!("{label}: {} of {} finished…", s.finished(), s.total)
            };
            view! {
                <div class="cc-bulk-results-head">
                    <p class="cc-bulk-headline" role="status" data-testid="bulk-headline">{headline}</p>
                    <progress
                        max=s.total.to_string()
                        value=s.finished().to_string()
                        aria-label="Bulk action progress"
                    ></progress>
                    {(!done).then(|| view! {
                        <button type="button" class="cc-btn cc-btn-small" data-testid="bulk-cancel"
                            on:click=move |_| store.cancel_bulk()>"Cancel"</button>
                    })}
                    {(done && (s.failed + s.cancelled) > 0).then(|| view! {
                        <button type="button" class="cc-btn cc-btn-small" data-testid="bulk-retry"
                            on:click=move |_| store.retry_bulk()>"Retry failed"</button>
                    })}
                    {done.then(|| view! {
                        <button type="button" class="cc-btn cc-btn-small cc-btn-link" data-testid="bulk-dismiss"
                            on:click=move |_| store.clear_bulk()>"Dismiss"</button>
                    })}
                </div>
            }
        })
    };
    let items = move || {
        run.with(|r| r.as_ref().map(|r| r.items().to_vec()).unwrap_or_default())
            .into_iter()
            .map(|item| {
                let cluster_name = registry.cluster(&item.key.cluster).map(|e| e.name);
                let label = item_label(&item.key, cluster_name.as_deref());
                let (status, text) = match &item.status {
                    ItemStatus::Pending => ("pending", "Waiting".to_string()),
                    ItemStatus::Running => ("running", "Sending…".to_string()),
                    ItemStatus::Ok => ("ok", match &item.note {
                        Some(n) => format!("✓ Done — {n}"),
                        None => "✓ Done".to_string(),
                    }),
                    ItemStatus::Error(e) => ("error", format!("✕ {e}")),
                    ItemStatus::Cancelled => ("cancelled", "Cancelled, not sent".to_string()),
                };
                view! {
                    <li class=format!("cc-bulk-item {status}") data-testid="bulk-item"
                        data-status=status data-name=item.key.name.clone()>
                        <span class="cc-bulk-item-name cc-trunc" title=label.clone()>{label.clone()}</span>
                        <span class="cc-bulk-item-status">{text}</span>
                    </li>
                }
            })
            .collect_view()
    };

    view! {
        <Show when=move || run.with(|r| r.is_some())>
            <section
                class="cc-bulk-results"
                data-testid="bulk-results"
                aria-label="Bulk action results"
                data-done=move || summary.with(|s| s.as_ref().is_some_and(|s| s.2).to_string())
            >
                {head}
                <ul class="cc-bulk-items" data-testid="bulk-items" aria-label="Result per connector">
                    {items}
                </ul>
            </section>
        </Show>
    }
}
