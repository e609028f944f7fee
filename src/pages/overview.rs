//! `/`: every cluster at a glance. A roll-up across clusters on top, then one card per
//! cluster: colour label, flavor, version, Kafka cluster id, its verdict (reachable, degraded,
//! unhealthy by the worker's own health report, unreachable), the worker's message, the last
//! error as an error notice (message, what to do, expandable detail), connector counts per state with the failing ones first, task
//! counts and the last successful refresh. Every count links to the connector list filtered by
//! that cluster and state.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::app::app_href;
use crate::components::empty_state::EmptyState;
use crate::components::error_notice::ErrorNotice;
use crate::components::refresh_button::ago;
use crate::components::state_badge::{BadgeState, StateBadge};
use crate::state::list_view::{cluster_list_path, connectors_path};
use crate::state::query::ListQuery;
use crate::state::rollup::{ClusterHealth, ClusterVerdict, Health, Reachability, WorkerCondition};
use crate::state::settings::ClusterEntry;
use crate::stores::{use_clusters, use_connectors};
use crate::web::page::now_ms;

#[component]
pub fn Overview() -> impl IntoView {
    let store = use_connectors();
    let registry = use_clusters();
    let clusters = registry.clusters();
    let health = store.health();
    let global = Memo::new(move |_| {
        health.track();
        store.global_health()
    });

    let rollup = move || {
        let g = global.get();
        let attention_path = app_href(&connectors_path(&ListQuery {
            attention: true,
            states: vec![Health::Unhealthy, Health::Degraded],
            ..ListQuery::default()
        }));
        let attention = g.counts.attention();
        view! {
            <div class="cc-rollup" data-testid="overview-rollup" role="group" aria-label="All clusters">
                <div class="cc-stat">
                    <span class="cc-stat-value" data-testid="rollup-clusters">{g.clusters}</span>
                    <span class="cc-stat-label">"clusters"</span>
                    {(g.unreachable > 0).then(|| view! {
                        <span class="cc-stat-note bad">{format!("{} unreachable", g.unreachable)}</span>
                    })}
                    {(g.unhealthy > 0).then(|| view! {
                        <span class="cc-stat-note bad" data-testid="rollup-unhealthy">{format!("{} unhealthy", g.unhealthy)}</span>
                    })}
                </div>
                <div class="cc-stat">
                    <A href=app_href("/connectors") attr:class="cc-stat-value" attr:data-testid="rollup-connectors">{g.counts.connectors}</A>
                    <span class="cc-stat-label">"connectors"</span>
                </div>
                <div class={if attention > 0 { "cc-stat attention" } else { "cc-stat" }}>
                    <A href=attention_path attr:class="cc-stat-value" attr:data-testid="rollup-attention">{attention}</A>
                    <span class="cc-stat-label">"need attention (failed or degraded)"</span>
                </div>
                <div class="cc-stat">
                    <span class="cc-stat-value" data-testid="rollup-tasks">{format!("{} / {}", g.counts.tasks_running, g.counts.tasks)}</span>
                    <span class="cc-stat-label">"tasks running"</span>
                    {(g.counts.tasks_failed > 0).then(|| view! {
                        <span class="cc-stat-note bad">{format!("{} failed", g.counts.tasks_failed)}</span>
                    })}
                </div>
            </div>
        }
    };

    view! {
        <section class="page cc-overview" data-testid="overview">
            <div class="cc-page-head">
                <h1>"Overview"</h1>
            </div>
            <Show
                when=move || !clusters.with(|c| c.is_empty())
                fallback=|| view! {
                    <EmptyState title="No clusters yet" testid="overview-empty"
                        message="Add a Kafka Connect cluster in Settings, or have your deployer list clusters in config.json next to index.html.">
                        <A href=app_href("/settings") attr:class="cc-btn cc-btn-primary">"Add a cluster in Settings"</A>
                    </EmptyState>
                }
            >
                {rollup}
                <div class="cc-cards">
                    <For
                        each=move || clusters.get()
                        key=|c| (c.id.clone(), c.name.clone(), c.color.clone(), c.flavor)
                        let(entry)
                    >
                        <ClusterCard entry/>
                    </For>
                </div>
            </Show>
        </section>
    }
}

#[component]
fn ClusterCard(entry: ClusterEntry) -> impl IntoView {
    let store = use_connectors();
    let id = entry.id.clone();
    let card = Memo::new(move |_| {
        store
            .health()
            .with(|h| h.get(&id).cloned())
            .unwrap_or_else(|| ClusterHealth::new(id.clone()))
    });
    let clock = RwSignal::new(now_ms());
    let tick = crate::web::page::Interval::new(5_000, move || {
        clock.try_set(now_ms());
    });
    let tick = StoredValue::new_local(Some(tick));
    on_cleanup(move || tick.update_value(|t| *t = None));

    let color = entry
        .color
        .clone()
        .unwrap_or_else(|| "var(--cc-muted)".into());
    let cluster_id = entry.id.clone();
    let flavor = entry.flavor.label();
    let heading_id = format!("cluster-card-{}", entry.id);
    let heading_ref = heading_id.clone();

    let reach = move || {
        let c = card.get();
        let verdict = c.verdict();
        let (class, text) = match (verdict, &c.worker) {
            (ClusterVerdict::Unhealthy, _) => ("bad", "Worker unhealthy"),
            (ClusterVerdict::Degraded, WorkerCondition::Starting(_)) => ("warn", "Worker starting"),
            (ClusterVerdict::Degraded, _) => ("warn", "Reachable, data stale"),
            (ClusterVerdict::Healthy, _) => ("ok", "Reachable"),
            (ClusterVerdict::Unreachable, _) => ("bad", "Unreachable"),
            (ClusterVerdict::Unknown, _) if c.refreshing => ("busy", "Connecting…"),
            (ClusterVerdict::Unknown, _) => ("busy", "Not contacted yet"),
        };
        view! {
            <span class=format!("cc-reach {class}") data-testid="cluster-reachability" data-reach=class data-verdict=verdict.as_str()>
                <span aria-hidden="true" class="cc-reach-dot"></span>{text}
            </span>
        }
    };

    let counts = {
        let cluster_id = cluster_id.clone();
        move || {
            let c = card.get();
            let rows = Health::ALL
                .into_iter()
                .filter(|h| c.counts.count(*h) > 0)
                .map(|h| {
                    let n = c.counts.count(h);
                    let href = app_href(&cluster_list_path(&cluster_id, Some(h)));
                    view! {
                        <li class="cc-count-row" data-testid="cluster-count" data-state=h.as_str()>
                            <A href=href attr:class="cc-count-link" attr:title=format!("{n} {} connectors: open the list", h.label())>
                                <StateBadge state=BadgeState::from(h)/>
                                <span class="cc-count-n">{n}</span>
                            </A>
                        </li>
                    }
                })
                .collect_view();
            rows
        }
    };

    let all_href = app_href(&cluster_list_path(&cluster_id, None));
    let workers_href = app_href("/workers");

    view! {
        <article class="cc-card" data-testid="cluster-card" data-cluster=cluster_id.clone() aria-labelledby=heading_ref>
            <header class="cc-card-head">
                <span class="cc-cluster-dot big" aria-hidden="true" style:background-color=color></span>
                <h2 id=heading_id class="cc-card-title cc-trunc" title=entry.name.clone()>{entry.name.clone()}</h2>
                {reach}
            </header>
            <dl class="cc-facts">
                <div><dt>"Flavor"</dt><dd>{flavor}</dd></div>
                <div><dt>"Version"</dt><dd data-testid="cluster-version">{move || card.with(|c| c.version.clone()).unwrap_or_else(|| "—".into())}</dd></div>
                <div><dt>"Kafka cluster"</dt><dd class="cc-trunc mono" title=move || card.with(|c| c.kafka_cluster_id.clone().unwrap_or_default())>
                    {move || card.with(|c| c.kafka_cluster_id.clone()).unwrap_or_else(|| "—".into())}
                </dd></div>
                <div><dt>"Last refresh"</dt><dd data-testid="cluster-last-success">
                    {move || card.with(|c| c.last_success_ms).map(|t| ago(t, clock.get().max(t))).unwrap_or_else(|| "never".into())}
                </dd></div>
            </dl>
            {move || card.with(|c| {
                let message = c.worker.message().map(str::to_string)?;
                (c.reachability == Reachability::Reachable).then_some(message)
            }).map(|m| view! {
                <ErrorNotice
                    title="The worker reports a problem"
                    message=m
                    hint="Listings still answer, but what is shown may be out of date: the worker says it cannot do its work (often its Kafka brokers are unreachable). Check the worker's log and its Kafka connection."
                    compact=true
                    testid="cluster-worker-health"/>
            })}
            {move || card.with(|c| c.last_error.clone()).map(|e| view! {
                <ErrorNotice
                    title="Could not reach this cluster"
                    message=e.message
                    hint=e.hint
                    detail=e.detail
                    status=e.status
                    compact=true
                    testid="cluster-error"/>
            })}
            <div class="cc-card-counts">
                <p class="cc-card-total">
                    <A href=all_href attr:data-testid="cluster-total">
                        {move || card.with(|c| format!("{} connectors", c.counts.connectors))}
                    </A>
                    <span class="cc-muted" data-testid="cluster-tasks">
                        {move || card.with(|c| {
                            let mut s = format!(" · {} / {} tasks running", c.counts.tasks_running, c.counts.tasks);
                            if c.counts.tasks_failed > 0 {
                                s.push_str(&format!(", {} failed", c.counts.tasks_failed));
                            }
                            s
                        })}
                    </span>
                </p>
                <ul class="cc-count-list" aria-label="Connectors by state, failing first">{counts}</ul>
            </div>
            <footer class="cc-card-foot">
                <A href=workers_href attr:class="cc-btn cc-btn-small">"Workers"</A>
                <button type="button" class="cc-btn cc-btn-small" data-testid="cluster-refresh"
                    on:click={let id = entry.id.clone(); move |_| store.refresh(Some(&id))}>
                    "Refresh"
                </button>
            </footer>
        </article>
    }
}
