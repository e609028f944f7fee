//! `/loggers`: log levels of a cluster's workers (`GET /admin/loggers`). A worker picker lists
//! the workers seen in the statuses (addressed directly with the cluster's scheme and
//! credentials) and "any worker" (the cluster's URL, whichever worker or proxy answers). Each
//! logger's level can be changed at worker scope, or cluster scope where the cluster offers it
//! (Kafka 3.7+); `last_modified` is shown as a time.

use leptos::prelude::*;

use crate::components::cluster_picker::{selected_cluster, ClusterPicker};
use crate::components::empty_state::EmptyState;
use crate::components::error_notice::ErrorNotice;
use crate::components::outcome_toast::{bridge_outcomes, OutcomeLine};
use crate::protocol::LoggerScope;
use crate::state::detail::{format_epoch_ms, logger_rows, LOG_LEVELS};
use crate::stores::detail::Load;
use crate::stores::loggers::LoggersStore;
use crate::stores::{use_clusters, use_connectors};

/// The worker picker's value for "the cluster's URL".
const ANY_WORKER: &str = "";

#[component]
pub fn LoggersPage() -> impl IntoView {
    let store = LoggersStore::new(use_clusters(), use_connectors());
    let cluster = selected_cluster();
    let worker = RwSignal::new(ANY_WORKER.to_string());
    let search = RwSignal::new(String::new());
    let scope = RwSignal::new(LoggerScope::Worker);
    let new_logger = RwSignal::new(String::new());
    let new_level = RwSignal::new("DEBUG".to_string());
    let last = RwSignal::new(None);
    bridge_outcomes(store.outcomes(), move || store.take_outcomes(), last);

    let caps = Signal::derive(move || store.capabilities(&cluster.get()));
    let workers = Signal::derive(move || store.workers(&cluster.get()));
    let addressable = Signal::derive(move || store.can_address_workers(&cluster.get()));
    let worker_opt = move || Some(worker.get()).filter(|w| !w.is_empty());

    // A cluster change resets the worker choice.
    Effect::new(move |prev: Option<String>| {
        let c = cluster.get();
        if prev.as_ref().is_some_and(|p| *p != c) {
            worker.set(ANY_WORKER.into());
        }
        c
    });
    // Reads again when the cluster or the worker changes, and only then (the load itself
    // tracks nothing: a read that fails must not be sent again on every poll).
    Effect::new(move |_| {
        let c = cluster.get();
        let w = worker.get();
        // A cluster without log levels is not asked (the page says why instead).
        if !c.is_empty() && untrack(|| caps.with(|c| c.loggers)) {
            untrack(|| store.load(&c, Some(w.as_str()).filter(|w| !w.is_empty())));
        }
    });
    let loggers = store.loggers();
    let rows =
        Memo::new(move |_| loggers.with(|l| l.ready().map(|m| logger_rows(m, &search.get()))));
    let set_level = move |logger: String, level: String| {
        let sc = if caps.with(|c| c.logger_cluster_scope) {
            scope.get_untracked()
        } else {
            LoggerScope::Worker
        };
        store.set_level(
            &cluster.get_untracked(),
            worker_opt().as_deref(),
            &logger,
            &level,
            sc,
        );
    };
    let read_only = use_clusters().read_only();

    view! {
        <section class="cc-page-section" data-testid="loggers-page" aria-labelledby="cc-loggers-title">
            <h1 id="cc-loggers-title" class="cc-h1">"Log levels"</h1>
            <div class="cc-filters">
                <ClusterPicker path="/loggers" selected=cluster/>
                // A cluster without log levels shows none of their controls, only why.
                <Show when=move || caps.with(|c| c.loggers)>
                <label class="cc-inline-field">
                    <span>"Worker"</span>
                    <select class="cc-select" data-testid="worker-picker"
                        on:change=move |ev| worker.set(event_target_value(&ev))>
                        <option value=ANY_WORKER selected=move || worker.get().is_empty()>"Any worker (the cluster's URL)"</option>
                        <Show when=move || addressable.get()>
                            {move || workers.get().into_iter().map(|w| {
                                let sel = worker.get() == w;
                                view! { <option value=w.clone() selected=sel>{w.clone()}</option> }
                            }).collect_view()}
                        </Show>
                    </select>
                </label>
                <label class="cc-inline-field">
                    <span>"Search"</span>
                    <input class="cc-input" type="search" data-testid="loggers-search" placeholder="Logger name or level"
                        prop:value=move || search.get()
                        on:input=move |ev| search.set(event_target_value(&ev))/>
                </label>
                <fieldset class="cc-scope" data-testid="logger-scope">
                    <legend>"Apply changes to"</legend>
                    <label>
                        <input type="radio" name="cc-logger-scope" data-testid="scope-worker"
                            prop:checked=move || scope.get() == LoggerScope::Worker
                            on:change=move |_| scope.set(LoggerScope::Worker)/>
                        " This worker"
                    </label>
                    <label title=move || if caps.with(|c| c.logger_cluster_scope) { "" } else { "Needs Kafka Connect 3.7 or later" }>
                        <input type="radio" name="cc-logger-scope" data-testid="scope-cluster"
                            prop:disabled=move || !caps.with(|c| c.logger_cluster_scope)
                            prop:checked=move || scope.get() == LoggerScope::Cluster
                            on:change=move |_| scope.set(LoggerScope::Cluster)/>
                        " Every worker (cluster scope)"
                    </label>
                </fieldset>
                </Show>
            </div>
            <Show when=move || caps.with(|c| c.loggers)>
            <p class="cc-muted cc-note" data-testid="loggers-worker-note">
                {move || match (worker_opt(), addressable.get()) {
                    (Some(w), _) => format!("Levels of worker {w}, asked directly."),
                    (None, true) => "Levels of whichever worker answers at the cluster's URL. Pick a worker to see one worker's levels; a worker-scope change applies only to the worker that answers.".to_string(),
                    (None, false) => "This cluster is reached through a proxy: the proxy picks the worker that answers, so levels and worker-scope changes are those of that worker. Use cluster scope to change every worker.".to_string(),
                }}
            </p>
            </Show>
            <OutcomeLine last=last/>
            <Show when=move || !caps.with(|c| c.loggers)>
                <EmptyState title="Log levels are not available" message="This cluster's API does not offer /admin/loggers." testid="loggers-unsupported"/>
            </Show>
            <Show when=move || caps.with(|c| c.loggers) && !read_only.get()>
                <form class="cc-logger-add" data-testid="logger-add" on:submit=move |ev| {
                    ev.prevent_default();
                    let name = new_logger.get_untracked().trim().to_string();
                    if !name.is_empty() {
                        set_level(name, new_level.get_untracked());
                    }
                }>
                    <label class="cc-inline-field">
                        <span>"Logger"</span>
                        <input class="cc-input" data-testid="logger-add-name" placeholder="org.apache.kafka.connect.runtime.WorkerSinkTask"
                            prop:value=move || new_logger.get()
                            on:input=move |ev| new_logger.set(event_target_value(&ev))/>
                    </label>
                    <label class="cc-inline-field">
                        <span>"Level"</span>
                        <select class="cc-select" data-testid="logger-add-level" on:change=move |ev| new_level.set(event_target_value(&ev))>
                            {LOG_LEVELS.iter().map(|l| view! { <option value=*l selected=move || new_level.get() == *l>{*l}</option> }).collect_view()}
                        </select>
                    </label>
                    <button type="submit" class="cc-btn" data-testid="logger-add-submit">"Set level"</button>
                </form>
            </Show>
            {move || caps.with(|c| c.loggers).then(|| match loggers.get() {
                Load::Idle | Load::Loading => view! { <p class="cc-loading" role="status">"Loading log levels…"</p> }.into_any(),
                Load::Failed(e) => view! {
                    <ErrorNotice message=e.message hint=e.hint detail=e.detail status=e.status testid="loggers-error"/>
                    // A failed read is not sent again by itself (see the load effect): the
                    // operator asks for it once the worker is back.
                    <button type="button" class="cc-btn" data-testid="loggers-retry"
                        on:click=move |_| store.load(&cluster.get_untracked(), worker_opt().as_deref())>
                        "Read again"</button>
                }.into_any(),
                Load::Ready(_) => {
                    let shown = rows.get().unwrap_or_default();
                    if shown.is_empty() {
                        return view! { <EmptyState title="No logger matches" message="Change the search." testid="loggers-empty"/> }.into_any();
                    }
                    let ro = read_only.get();
                    let busy = store.busy();
                    view! {
                        <p class="cc-muted" role="status" data-testid="loggers-count">{format!("{} logger(s)", shown.len())}</p>
                        <table class="cc-table cc-loggers-table" data-testid="loggers-table">
                            <caption class="cc-sr-only">"Loggers and their levels"</caption>
                            <thead><tr>
                                <th scope="col">"Logger"</th><th scope="col">"Level"</th><th scope="col">"Last changed"</th>
                            </tr></thead>
                            <tbody>
                                {shown.into_iter().map(|r| {
                                    let name = r.name.clone();
                                    let level = r.level.clone();
                                    let label = format!("Level of {}", r.name);
                                    view! {
                                        <tr data-testid="logger-row" data-logger=r.name.clone() data-level=r.level.clone()>
                                            <th scope="row"><code>{r.name.clone()}</code></th>
                                            <td>
                                                {if ro {
                                                    view! { <span class=format!("cc-level cc-level-{}", level.to_ascii_lowercase())>{level.clone()}</span> }.into_any()
                                                } else {
                                                    view! {
                                                        <select class="cc-select cc-level-select" data-testid="logger-level" aria-label=label
                                                            prop:disabled=move || busy.with(Option::is_some)
                                                            on:change=move |ev| set_level(name.clone(), event_target_value(&ev))>
                                                            {LOG_LEVELS.iter().map(|l| view! { <option value=*l selected=level == *l>{*l}</option> }).collect_view()}
                                                        </select>
                                                    }.into_any()
                                                }}
                                            </td>
                                            <td data-testid="logger-modified">
                                                {match r.last_modified {
                                                    Some(ms) => view! { <time>{format_epoch_ms(ms)}</time> }.into_any(),
                                                    None => view! { <span class="cc-muted">"not changed since the worker started"</span> }.into_any(),
                                                }}
                                            </td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    }.into_any()
                }
            })}
        </section>
    }
}
