//! `/clusters/:cluster/connectors/:name`: one connector's detail, with tabs in `?tab=`
//! (status, config, tasks, offsets, topics). Status is the polling store's row; the rest is
//! loaded on demand by [`DetailStore`] when its tab opens. Works opened cold: the page waits
//! for the cluster's first listing and then says whether the connector exists.

use leptos::prelude::*;

use crate::app::app_href;
use leptos_router::components::A;

use leptos_router::hooks::{use_navigate, use_query_map};

use crate::components::config_view::ConfigView;
use crate::components::confirm_dialog::ConfirmDialog;
use crate::components::copy_button::CopyButton;
use crate::components::empty_state::EmptyState;
use crate::components::error_notice::ErrorNotice;
use crate::components::lifecycle_bar::LifecycleBar;
use crate::components::offsets_editor::OffsetsEditor;
use crate::components::offsets_flow::OffsetsFlow;
use crate::components::offsets_json::OffsetsJson;
use crate::components::outcome_toast::{bridge_outcomes, OutcomeLine};
use crate::components::recent_activity::RecentActivity;
use crate::components::state_badge::{BadgeState, StateBadge};
use crate::components::task_table::TaskTable;
use crate::components::trace_view::TraceView;
use crate::protocol::{ApiError, ConfigMap, ErrorKind};
use crate::state::actions::ConnectorAction;
use crate::state::detail::{
    clone_path, connector_path, curl_secret_keys, edit_path, has_secrets, masked_config_json,
    offsets_caption, plugin_path, DetailTab, OffsetsPlan, OffsetsTable,
};
use crate::state::reconcile::RowKey;
use crate::stores::detail::{snapshot_states, DetailStore, Load, Presence};
use crate::stores::{use_clusters, use_connectors};

#[component]
pub fn ConnectorPage() -> impl IntoView {
    let identity = crate::web::route::use_route_identity("connectors", "name");
    move || {
        let (cluster, name) = identity.get();
        view! { <ConnectorDetail cluster name/> }
    }
}

#[component]
fn ConnectorDetail(cluster: String, name: String) -> impl IntoView {
    let registry = use_clusters();
    let connectors = use_connectors();
    let store = DetailStore::new(
        registry,
        connectors,
        RowKey::new(cluster.clone(), name.clone()),
    );
    let query = use_query_map();
    let tab = Memo::new(move |_| query.with(|q| DetailTab::parse(q.get("tab").as_deref())));
    let presence = store.presence();
    let row = store.row_memo();
    let caps = store.capabilities();
    let read_only = store.read_only();
    let last = RwSignal::new(None);
    bridge_outcomes(store.outcomes(), move || store.take_outcomes(), last);
    // The line speaks of the last action: a new one starting takes the old outcome down (a
    // "Stop failed" must not sit under the Pause that follows it).
    let busy = store.busy();
    Effect::new(move |_| {
        if busy.with(Option::is_some) {
            last.set(None);
        }
    });

    // A delete from this page goes back to the list.
    let navigate = use_navigate();
    Effect::new(move |_| {
        if store.deleted().get() {
            navigate("/connectors", Default::default());
        }
    });

    let (c2, n2) = (cluster.clone(), name.clone());
    let title = name.clone();
    let cluster_label = store.cluster_label();
    let state = Signal::derive(move || row.with(|r| r.as_ref().and_then(|r| r.state.clone())));
    let on_action = Callback::new(move |a: ConnectorAction| store.act(a));
    let busy_now = store.busy();
    let busy = Signal::derive(move || {
        busy_now.get().or_else(|| {
            row.with(|r| {
                r.as_ref()
                    .and_then(|r| r.pending.map(|p| p.progress_label()))
            })
        })
    });

    view! {
        <section class="cc-detail" data-testid="connector-detail" aria-labelledby="cc-detail-title">
            <nav class="cc-breadcrumb" aria-label="Breadcrumb">
                <A href=app_href("/connectors")>"Connectors"</A>
                <span aria-hidden="true">" / "</span>
                <span>{move || cluster_label.get()}</span>
            </nav>
            <header class="cc-detail-header">
                <div class="cc-detail-title-row">
                    <h1 id="cc-detail-title" class="cc-detail-title" data-testid="connector-name">{title}</h1>
                    {move || row.get().map(|r| {
                        let health = r.health;
                        let reported = r.state.clone().map(|s| s.to_string()).unwrap_or_else(|| "unknown".into());
                        let tip = format!("Connector {reported}, {} of {} tasks running, {} failed", r.tasks_running, r.tasks_total(), r.tasks_failed);
                        view! {
                            <span data-testid="connector-state" data-state=r.state.as_ref().map(|s| s.as_str().to_ascii_lowercase()).unwrap_or_default()>
                                <StateBadge state=BadgeState::Health(health) title=tip/>
                            </span>
                        }
                    })}
                </div>
                // Only for a connector that is there; and held while an accepted action waits
                // for the worker to show its outcome (a second click would only repeat it).
                <Show when=move || presence.with(|p| matches!(p, Presence::Present(_)))>
                    <LifecycleBar
                        name=Signal::stored(name.clone())
                        state=state
                        caps=caps
                        read_only=read_only
                        busy=busy
                        on_action=on_action
                    />
                </Show>
            </header>
            <OutcomeLine last=last/>
            {move || match presence.get() {
                Presence::UnknownCluster => view! {
                    <EmptyState title="Unknown cluster" message=format!("No cluster with the id “{}” is configured. Add it in Settings.", c2) testid="detail-unknown-cluster">
                        <A href=app_href("/settings")>"Settings"</A>
                    </EmptyState>
                }.into_any(),
                Presence::Loading => view! {
                    <p class="cc-loading" role="status" data-testid="detail-loading">"Loading the connector…"</p>
                }.into_any(),
                Presence::Unreachable(e) => view! {
                    <ErrorNotice title="The cluster could not be reached" message=e.unwrap_or_else(|| "No answer from the cluster.".into()) testid="detail-unreachable"/>
                }.into_any(),
                Presence::Missing => view! {
                    <EmptyState title="Connector not found" message=format!("“{}” is not on this cluster (it may have been deleted or renamed).", n2) testid="detail-missing">
                        <A href=app_href("/connectors")>"Back to the connectors"</A>
                    </EmptyState>
                }.into_any(),
                Presence::Present(_) => view! { <DetailBody store tab/> }.into_any(),
            }}
        </section>
    }
}

#[component]
fn DetailBody(store: DetailStore, tab: Memo<DetailTab>) -> impl IntoView {
    let key = store.key();
    let caps = store.capabilities();
    let tabs = Memo::new(move |_| {
        caps.with(|c| {
            DetailTab::ALL
                .into_iter()
                .filter(|t| match t {
                    // Lenses has no config endpoint and lists no config: an empty table
                    // would say the connector has none.
                    DetailTab::Config => c.connector_config,
                    DetailTab::Tasks => c.tasks,
                    DetailTab::Offsets => c.offsets_read,
                    DetailTab::Topics => c.topics,
                    _ => true,
                })
                .collect::<Vec<_>>()
        })
    });
    // A tab the cluster does not offer (a link or bookmark to task configs on Redpanda) shows
    // the status instead of a panel that can only fail.
    let tab = Memo::new(move |_| {
        let t = tab.get();
        if tabs.with(|ts| ts.contains(&t)) {
            t
        } else {
            DetailTab::Status
        }
    });
    let k = key.clone();
    view! {
        <nav class="cc-tabs" aria-label="Connector sections" data-testid="detail-tabs">
            {move || tabs.get().into_iter().map(|t| {
                let href = connector_path(&k.cluster, &k.name, Some(t));
                view! {
                    <A href=app_href(&href) attr:class=move || if tab.get() == t { "cc-tab cc-tab-selected" } else { "cc-tab" }
                        attr:data-testid=format!("tab-{}", t.as_str())
                        attr:aria-current=move || (tab.get() == t).then_some("page")>
                        {t.label()}
                    </A>
                }
            }).collect_view()}
        </nav>
        <div class="cc-tab-panel" data-testid=move || format!("panel-{}", tab.get().as_str())>
            {move || match tab.get() {
                DetailTab::Status => view! { <StatusPanel store/> }.into_any(),
                DetailTab::Config => view! { <ConfigPanel store/> }.into_any(),
                DetailTab::Tasks => view! { <TaskConfigsPanel store/> }.into_any(),
                DetailTab::Offsets => view! { <OffsetsPanel store/> }.into_any(),
                DetailTab::Topics => view! { <TopicsPanel store/> }.into_any(),
            }}
        </div>
    }
}

fn error_view(e: ApiError, testid: &'static str) -> AnyView {
    view! {
        <ErrorNotice message=e.message hint=e.hint detail=e.detail status=e.status testid=testid/>
    }
    .into_any()
}

#[component]
fn StatusPanel(store: DetailStore) -> impl IntoView {
    let row = store.row_memo();
    let caps = store.capabilities();
    let read_only = store.read_only();
    let snapshot = store.restart_snapshot();
    let overlay = Signal::derive(move || {
        snapshot
            .with(|s| s.as_ref().map(|s| snapshot_states(s).1))
            .unwrap_or_default()
    });
    let conn_overlay =
        Signal::derive(move || snapshot.with(|s| s.as_ref().map(|s| snapshot_states(s).0)));
    let tasks = Signal::derive(move || {
        row.with(|r| r.as_ref().map(|r| r.tasks.clone()).unwrap_or_default())
    });
    // A stopped connector runs no task: there is nothing to restart until it is resumed.
    let stopped = move || {
        row.with(|r| {
            r.as_ref()
                .is_some_and(|r| r.state == Some(crate::protocol::State::Stopped))
        })
    };
    let can_restart_task =
        Signal::derive(move || caps.with(|c| c.restart_task) && !read_only.get() && !stopped());
    let on_restart = Callback::new(move |id: u32| store.act(ConnectorAction::RestartTask(id)));
    let key = store.key();
    let (recent_cluster, recent_name) = (key.cluster.to_string(), key.name.to_string());
    view! {
        {move || row.get().map(|r| {
            let state = conn_overlay.get().or_else(|| r.state.clone());
            let class = r.class.clone().unwrap_or_default();
            let plugin_href = plugin_path(&key.cluster, &class);
            view! {
                <dl class="cc-facts" data-testid="connector-facts">
                    <div><dt>"State"</dt><dd data-testid="connector-reported-state">
                        {match state {
                            Some(s) => view! { <StateBadge state=BadgeState::Reported(s)/> }.into_any(),
                            None => view! { <span class="cc-muted">"No status yet"</span> }.into_any(),
                        }}
                    </dd></div>
                    <div><dt>"Type"</dt><dd>{r.kind.as_str()}</dd></div>
                    <div><dt>"Worker"</dt><dd><code>{r.worker_id.clone().unwrap_or_else(|| "—".into())}</code></dd></div>
                    <div><dt>"Tasks"</dt><dd>{format!("{} running of {}, {} failed", r.tasks_running, r.tasks_total(), r.tasks_failed)}</dd></div>
                    <div class="cc-facts-wide"><dt>"Class"</dt><dd>
                        {if class.is_empty() {
                            view! { <span class="cc-muted">"—"</span> }.into_any()
                        } else {
                            {
                                let text = class.clone();
                                view! { <A href=app_href(&plugin_href) attr:title=class.clone()><code>{text}</code></A> }.into_any()
                            }
                        }}
                    </dd></div>
                </dl>
                {r.trace.clone().map(|t| view! {
                    <div class="cc-connector-trace" data-testid="connector-trace">
                        <h2 class="cc-h2">"Connector failure"</h2>
                        <TraceView trace=t label="the connector"/>
                    </div>
                })}
            }
        })}
        <h2 class="cc-h2">"Tasks"</h2>
        <TaskTable tasks overlay can_restart=can_restart_task on_restart
            busy=Signal::derive(move || store.busy().with(Option::is_some))/>
        <RecentActivity cluster=recent_cluster name=recent_name/>
    }
}

#[component]
fn ConfigPanel(store: DetailStore) -> impl IntoView {
    let row = store.row_memo();
    let key = store.key();
    let config = Signal::derive(move || {
        row.with(|r| r.as_ref().map(|r| (*r.config).clone()).unwrap_or_default())
    });
    Effect::new(move |_| {
        if let Some(class) = row.with(|r| r.as_ref().and_then(|r| r.class.clone())) {
            store.load_secret_policy(&class);
        }
    });
    let policy = store.secret_policy();
    let policy_state = store.secret_policy_state();
    let name = key.name.clone();
    let json =
        Signal::derive(move || policy.with(|p| config.with(|c| masked_config_json(&name, c, p))));
    // The command applies the config as it is: secrets become shell variables, and
    // `${provider:…}` references are kept (a masked copy would overwrite them).
    let curl = Signal::derive(move || {
        let secret_keys = policy.with(|p| config.with(|c| curl_secret_keys(c, p)));
        config
            .with(|c| store.curl_for_config(c, &secret_keys))
            .unwrap_or_else(|e| format!("# {}", e.message))
    });
    let masked_note = move || policy.with(|p| config.with(|c| has_secrets(c, p)));
    let caption = format!("Config of {}", key.name);
    let caps = store.capabilities();
    let read_only = store.read_only();
    let edit_href = edit_path(&key.cluster, &key.name);
    let clone_href = clone_path(&key.cluster, &key.name);
    view! {
        <div class="cc-config-toolbar">
            <CopyButton text=json label="Copy the config as JSON (secrets masked)" caption="Copy as JSON" testid="copy-config-json"/>
            <CopyButton text=curl label="Copy a curl command that applies this config (secrets and credentials as variables)" caption="Copy as curl" testid="copy-config-curl"/>
            // Read-only mode offers neither; both read the connector's config first, which
            // Lenses cannot give, and an edit replaces it.
            <Show when=move || !read_only.get() && caps.with(|c| c.put_config && c.connector_config)>
                <A href=app_href(&edit_href) attr:class="cc-btn" attr:data-testid="config-edit">"Edit"</A>
            </Show>
            <Show when=move || !read_only.get() && caps.with(|c| c.connector_config)>
                <A href=app_href(&clone_href) attr:class="cc-btn" attr:data-testid="config-clone">"Clone"</A>
            </Show>
        </div>
        <p class="cc-muted cc-config-note" data-testid="config-note">
            {move || match policy_state.get() {
                Load::Loading => "Reading the plugin's config definitions to find PASSWORD fields…".to_string(),
                Load::Failed(e) => format!("The plugin's config definitions could not be read ({}); secrets are masked by name and by ${{provider:…}} references.", e.message),
                _ if masked_note() => "Secret values (PASSWORD fields, ${provider:…} references, secret-looking names) are masked here and in the JSON copy; the curl command passes secrets as shell variables and keeps references as they are.".to_string(),
                _ => "No secret values in this config.".to_string(),
            }}
        </p>
        <ConfigView config policy caption/>
        <pre class="cc-sr-only" data-testid="config-json">{move || json.get()}</pre>
    }
}

#[component]
fn TaskConfigsPanel(store: DetailStore) -> impl IntoView {
    store.load_task_configs();
    let row = store.row_memo();
    Effect::new(move |_| {
        if let Some(class) = row.with(|r| r.as_ref().and_then(|r| r.class.clone())) {
            store.load_secret_policy(&class);
        }
    });
    let policy = store.secret_policy();
    let configs = store.task_configs();
    view! {
        <div class="cc-panel-toolbar">
            <button type="button" class="cc-btn cc-btn-small" data-testid="task-configs-reload"
                prop:disabled=move || configs.with(Load::is_loading)
                on:click=move |_| store.load_task_configs()>"Reload"</button>
        </div>
        {move || match configs.get() {
            Load::Idle | Load::Loading => view! { <p class="cc-loading" role="status">"Loading task configs…"</p> }.into_any(),
            Load::Failed(e) => error_view(e, "task-configs-error"),
            Load::Ready(tasks) if tasks.is_empty() => view! {
                <EmptyState title="No task configs" message="The connector has no tasks right now (stopped, failed, or not started yet)." testid="task-configs-empty"/>
            }.into_any(),
            Load::Ready(tasks) => tasks.into_iter().map(|t| {
                let id = t.id.task;
                let config: ConfigMap = t.config;
                view! {
                    <section class="cc-task-config" data-testid="task-config" data-task=id.to_string()>
                        <h2 class="cc-h2">{format!("Task {id}")}</h2>
                        <ConfigView config=Signal::stored(config) policy caption=format!("Config of task {id}") testid="task-config-view"/>
                    </section>
                }
            }).collect_view().into_any(),
        }}
    }
}

#[component]
fn OffsetsPanel(store: DetailStore) -> impl IntoView {
    store.load_offsets();
    let caps = store.capabilities();
    let read_only = store.read_only();
    let row = store.row_memo();
    let offsets = store.offsets();
    let running = store.flow_running();
    let key = store.key();
    let kind = Signal::derive(move || row.with(|r| r.as_ref().map(|r| r.kind).unwrap_or_default()));
    let state = Signal::derive(move || row.with(|r| r.as_ref().and_then(|r| r.state.clone())));
    let plan = Signal::derive(move || {
        OffsetsPlan::for_state(state.get().as_ref(), caps.with(|c| c.offsets_via_request))
    });
    let table =
        Memo::new(move |_| offsets.with(|o| o.ready().map(OffsetsTable::new).unwrap_or_default()));
    let current = Signal::derive(move || offsets.with(|o| o.ready().cloned().unwrap_or_default()));
    let name = Signal::stored(key.name.to_string());
    let can_alter = Signal::derive(move || caps.with(|c| c.offsets_alter) && !read_only.get());
    let can_reset = Signal::derive(move || caps.with(|c| c.offsets_reset) && !read_only.get());
    let on_change = Callback::new(
        move |(req, label): (Option<crate::protocol::ConnectorOffsets>, String)| {
            store.change_offsets(req, plan.get_untracked(), label);
        },
    );
    view! {
        <p class="cc-muted">{move || offsets_caption(kind.get())}</p>
        <p class="cc-muted" data-testid="offsets-state-note">
            {move || plan.get().state_note()}
        </p>
        <div class="cc-panel-toolbar">
            <button type="button" class="cc-btn cc-btn-small" data-testid="offsets-reload"
                prop:disabled=move || offsets.with(Load::is_loading) || running.get()
                on:click=move |_| store.load_offsets()>"Reload"</button>
            <button type="button" class="cc-btn cc-btn-small" data-testid="offsets-flow-clear"
                prop:hidden=move || store.flow().with(Vec::is_empty) || running.get()
                on:click=move |_| store.clear_flow()>"Clear steps"</button>
        </div>
        <OffsetsFlow steps=store.flow()/>
        {move || match offsets.get() {
            Load::Idle | Load::Loading if table.with(OffsetsTable::is_empty) => view! {
                <p class="cc-loading" role="status">"Loading offsets…"</p>
            }.into_any(),
            Load::Failed(e) => error_view(e, "offsets-error"),
            _ if table.with(OffsetsTable::is_empty) => view! {
                <EmptyState title="No offsets" message="The connector has not committed any offsets yet (or they were reset)." testid="offsets-empty"/>
            }.into_any(),
            _ => view! {
                <OffsetsEditor name table can_alter can_reset plan running on_change/>
            }.into_any(),
        }}
        // Kept while offsets reload (after every flow): a failed change keeps what was typed.
        <Show when=move || can_alter.get()>
            <OffsetsJson name current kind plan running on_change/>
        </Show>
    }
}

#[component]
fn TopicsPanel(store: DetailStore) -> impl IntoView {
    store.load_topics();
    let caps = store.capabilities();
    let read_only = store.read_only();
    let topics = store.topics();
    let key = store.key();
    let confirm = RwSignal::new(false);
    let items = Signal::derive(move || topics.with(|t| t.ready().cloned().unwrap_or_default()));
    let name = key.name.clone();
    view! {
        <p class="cc-muted">"Topics the connector has produced to or consumed from since its active topics were last reset."</p>
        <div class="cc-panel-toolbar">
            <button type="button" class="cc-btn cc-btn-small" data-testid="topics-reload"
                prop:disabled=move || topics.with(Load::is_loading)
                on:click=move |_| store.load_topics()>"Reload"</button>
            <Show when=move || caps.with(|c| c.topics_reset) && !read_only.get() && topics.with(|t| matches!(t, Load::Ready(_)))>
                <button type="button" class="cc-btn cc-btn-small" data-testid="topics-reset"
                    on:click=move |_| confirm.set(true)>"Reset active topics…"</button>
            </Show>
        </div>
        {move || match topics.get() {
            Load::Idle | Load::Loading => view! { <p class="cc-loading" role="status">"Loading active topics…"</p> }.into_any(),
            Load::Failed(e) if e.kind == ErrorKind::Forbidden => view! {
                <div class="cc-notice" role="note" data-testid="topics-disabled">
                    <p><strong>"Topic tracking is disabled on this cluster."</strong></p>
                    <p>{e.message.clone()}</p>
                    <p class="cc-muted">"The workers run with topic.tracking.enable=false, so they do not record active topics."</p>
                </div>
            }.into_any(),
            Load::Failed(e) => error_view(e, "topics-error"),
            Load::Ready(list) if list.is_empty() => view! {
                <EmptyState title="No active topics" message="The connector has not used any topic since the last reset." testid="topics-empty"/>
            }.into_any(),
            Load::Ready(list) => view! {
                <ul class="cc-topic-list" data-testid="topics-list" aria-label="Active topics">
                    {list.into_iter().map(|t| view! { <li data-testid="topic"><code>{t}</code></li> }).collect_view()}
                </ul>
            }.into_any(),
        }}
        <ConfirmDialog
            open=confirm
            title=format!("Reset the active topics of {name}?")
            message="The list is cleared; it fills again as the connector uses topics. The topics themselves are not touched."
            items=items
            confirm_label="Reset active topics"
            danger=true
            on_confirm=Callback::new(move |_| store.reset_topics())
            testid="confirm-topics-reset"
        />
    }
}
