//! `/workers`: per cluster, which connectors and tasks run on which worker, with counts,
//! derived from the statuses the listing already carries (`state::workers`). Every connector
//! and task links to its connector.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::app::app_href;
use crate::components::cluster_label::ClusterLabel;
use crate::components::empty_state::EmptyState;
use crate::components::state_badge::{BadgeState, StateBadge};
use crate::protocol::Capabilities;
use crate::state::detail::connector_path;
use crate::state::settings::ClusterEntry;
use crate::state::workers::PlacedTask;
use crate::stores::{use_clusters, use_connectors};

#[component]
pub fn Workers() -> impl IntoView {
    let registry = use_clusters();
    let clusters = registry.clusters();
    view! {
        <section class="page cc-workers" data-testid="workers-page">
            <div class="cc-page-head">
                <h1>"Workers"</h1>
                <p class="cc-page-sub">"Where each connector and task runs, from the latest status of every connector."</p>
            </div>
            <Show
                when=move || !clusters.with(|c| c.is_empty())
                fallback=|| view! {
                    <EmptyState title="No clusters yet" testid="workers-empty"
                        message="Add a Kafka Connect cluster in Settings to see its workers.">
                        <A href=app_href("/settings") attr:class="cc-btn cc-btn-primary">"Add a cluster"</A>
                    </EmptyState>
                }
            >
                <For each=move || clusters.get() key=|c| c.id.clone() let(entry)>
                    <ClusterWorkersView entry/>
                </For>
            </Show>
        </section>
    }
}

fn task_link(cluster: &str, t: &PlacedTask) -> impl IntoView {
    // The status tab: the task's state, worker and trace (the tasks tab holds task configs).
    let href = app_href(&connector_path(cluster, &t.connector, None));
    let label = format!("{} #{}", t.connector, t.task);
    let title = label.clone();
    view! {
        <li class="cc-task-chip" data-testid="worker-task">
            <A href=href attr:class="cc-trunc" attr:title=title>{label}</A>
            <StateBadge state=BadgeState::from(t.state.clone())/>
        </li>
    }
}

#[component]
fn ClusterWorkersView(entry: ClusterEntry) -> impl IntoView {
    let store = use_connectors();
    let id = entry.id.clone();
    let workers = Memo::new(move |_| store.workers(&id));
    let id = entry.id.clone();
    let unreachable =
        Memo::new(move |_| store.cluster_health(&id).and_then(|h| h.last_error_text()));
    let cluster = entry.id.clone();
    let heading = format!("workers-{}", entry.id);
    let workers_note = Capabilities::for_flavor(entry.flavor, None).workers_note();
    let reports_none = workers_note.is_some();
    let heading_ref = heading.clone();

    view! {
        <section class="cc-worker-cluster" data-testid="worker-cluster" data-cluster=entry.id.clone() aria-labelledby=heading_ref>
            <h2 id=heading class="cc-section-title">
                <ClusterLabel cluster=entry.id.clone()/>
                <span class="cc-muted" hidden=reports_none>
                    {move || workers.with(|w| {
                        let tasks: usize = w.workers.iter().map(|w| w.tasks.len()).sum();
                        let plural = if w.workers.len() == 1 { "worker" } else { "workers" };
                        format!("{} {plural} · {} tasks", w.workers.len(), tasks)
                    })}
                </span>
            </h2>
            {move || unreachable.get().filter(|_| !reports_none).map(|e| view! {
                <p class="cc-stale-note" role="status">{format!("Showing the last known placement: {e}")}</p>
            })}
            {move || {
                if let Some(note) = workers_note {
                    return view! { <p class="cc-muted" data-testid="worker-unknown">{note}</p> }.into_any();
                }
                let w = workers.get();
                if w.workers.is_empty() && w.unassigned_connectors.is_empty() && w.unassigned_tasks.is_empty() {
                    return view! { <p class="cc-muted" data-testid="worker-none">"No connector runs on this cluster yet."</p> }.into_any();
                }
                let cluster = cluster.clone();
                let cards = w.workers.into_iter().map(|load| {
                    let cluster2 = cluster.clone();
                    let conns = load.connectors.clone().into_iter().map(|c| {
                        let href = app_href(&connector_path(&cluster, &c, None));
                        let t = c.clone();
                        view! { <li><A href=href attr:class="cc-trunc" attr:title=t attr:data-testid="worker-connector">{c}</A></li> }
                    }).collect_view();
                    let tasks = load.tasks.iter().map(|t| task_link(&cluster2, t)).collect_view();
                    view! {
                        <article class="cc-worker" data-testid="worker" data-worker=load.worker_id.clone()>
                            <header class="cc-worker-head">
                                <h3 class="cc-trunc mono" title=load.worker_id.clone()>{load.worker_id.clone()}</h3>
                                <span class="cc-muted" data-testid="worker-counts">
                                    {format!("{} connectors · {} tasks", load.connectors.len(), load.tasks.len())}
                                </span>
                                {(load.tasks_failed > 0).then(|| view! {
                                    <span class="cc-count-pill bad">{format!("{} failed", load.tasks_failed)}</span>
                                })}
                            </header>
                            <div class="cc-worker-body">
                                <div>
                                    <h4>"Connectors"</h4>
                                    <ul class="cc-plain-list">{conns}</ul>
                                </div>
                                <div>
                                    <h4>"Tasks"</h4>
                                    <ul class="cc-plain-list cc-task-list">{tasks}</ul>
                                </div>
                            </div>
                        </article>
                    }
                }).collect_view();
                let unassigned = (!w.unassigned_connectors.is_empty() || !w.unassigned_tasks.is_empty()).then(|| {
                    let cluster3 = cluster.clone();
                    let conns = w.unassigned_connectors.clone().into_iter().map(|c| {
                        let href = app_href(&connector_path(&cluster, &c, None));
                        let t = c.clone();
                        view! { <li><A href=href attr:class="cc-trunc" attr:title=t>{c}</A></li> }
                    }).collect_view();
                    let tasks = w.unassigned_tasks.iter().map(|t| task_link(&cluster3, t)).collect_view();
                    view! {
                        <article class="cc-worker unassigned" data-testid="worker-unassigned">
                            <header class="cc-worker-head"><h3>"Unassigned"</h3>
                                <span class="cc-muted">"No worker runs these right now (rebalancing, or not enough workers)."</span>
                            </header>
                            <div class="cc-worker-body">
                                <div><h4>"Connectors"</h4><ul class="cc-plain-list">{conns}</ul></div>
                                <div><h4>"Tasks"</h4><ul class="cc-plain-list cc-task-list">{tasks}</ul></div>
                            </div>
                        </article>
                    }
                });
                view! { <div class="cc-worker-grid">{cards}{unassigned}</div> }.into_any()
            }}
        </section>
    }
}
