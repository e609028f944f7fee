//! `/new`: create a connector (`?cluster=&plugin=`) or clone one (`?from_cluster=&from=`).
//!
//! Steps: the cluster (when there is more than one) and the plugin, the name, then the form
//! generated from the cluster's validate answer, re-validated while typing. Create sends the
//! chosen initial state where the cluster supports it and opens the new connector's page; a
//! failed create keeps everything typed and shows the server's error. The working config is
//! kept as a draft in this browser (without secrets) and offered back after a reload.

use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;
use thaw::{
    Button, ButtonAppearance, Spinner, SpinnerSize, Toast, ToastBody, ToastIntent, ToastOptions,
    ToastTitle, ToasterInjection,
};

use crate::components::error_notice::ErrorNotice;
use crate::components::form_editor::FormEditor;
use crate::components::plugin_picker::PluginPicker;
use crate::components::validation_summary::focus_field;
use crate::form::{CLASS_KEY, NAME_KEY};
use crate::protocol::InitialState;
use crate::state::detail::{connector_path, create_path};
use crate::state::reconcile::RowKey;
use crate::stores::form::{clone_route, FormStore, Load};
use crate::stores::{use_clusters, use_connectors};

#[component]
pub fn CreateConnector() -> impl IntoView {
    let query = use_query_map();
    // Copy handle to the router's navigate, usable from any closure.
    let navigate = StoredValue::new_local(use_navigate());
    let connectors = use_connectors();
    let store = FormStore::new();
    let registry = use_clusters();
    let read_only = registry.read_only();
    let clusters = registry.clusters();
    let client_for = move |id: &str| registry.client(id);

    let q = move |k: &'static str| {
        Memo::new(move |_| query.with(|q| q.get(k).filter(|v| !v.is_empty())))
    };
    let q_cluster = q("cluster");
    let q_plugin = q("plugin");
    let q_from_cluster = q("from_cluster");
    let q_from = q("from");
    let cloning = Memo::new(move |_| q_from.get().is_some());

    // The target cluster: the query's, the clone source's, or the first configured one.
    let cluster = Memo::new(move |_| {
        q_cluster
            .get()
            .or_else(|| q_from_cluster.get())
            .or_else(|| clusters.with(|c| c.first().map(|c| c.id.clone())))
    });

    // Attach the cluster's client; reload its plugins; validate the current form there.
    Effect::new(move |_| {
        clusters.track(); // the deployer's config.json may arrive after the page
        let Some(id) = cluster.get() else { return };
        if let Some(client) = client_for(&id) {
            store.attach(&id, client);
            store.load_plugins();
            store.validate_now();
        }
    });

    // Start the form once per plugin (create) or source connector (clone).
    let started = StoredValue::new(None::<(Option<String>, Option<String>)>);
    Effect::new(move |_| {
        let from = q_from.get();
        let plugin = q_plugin.get();
        if store.cluster_id.get().is_empty() {
            return; // not attached to a cluster yet
        }
        let key = (from.clone(), plugin.clone());
        if started.get_value().as_ref() == Some(&key) {
            return; // a cluster change retargets the form, it does not restart it
        }
        started.set_value(Some(key));
        if let Some(from) = from {
            let src_cluster = q_from_cluster
                .get_untracked()
                .or_else(|| cluster.get_untracked())
                .unwrap_or_default();
            match client_for(&src_cluster) {
                Some(src) => store.start_clone(src, &src_cluster, &from, &format!("{from}-copy")),
                None => store
                    .source
                    .set(Load::Failed(crate::protocol::ApiError::new(
                        crate::protocol::ErrorKind::NotFound,
                        format!(
                            "The source cluster \u{201c}{src_cluster}\u{201d} is not configured."
                        ),
                    ))),
            }
        } else if let Some(p) = plugin {
            store.start_create(&p, "");
        }
    });

    let plugin_list = Signal::derive(move || match store.plugins.get() {
        Load::Ready(ps) => ps,
        _ => Vec::new(),
    });
    let selected_plugin = Signal::derive(move || {
        store
            .model
            .with(|m| m.connector_class().map(str::to_string))
            .filter(|c| !c.is_empty())
            .or_else(|| q_plugin.get())
    });
    let form_ready = Memo::new(move |_| {
        (cloning.get() && matches!(store.source.get(), Load::Ready(_)))
            || (!cloning.get() && q_plugin.get().is_some())
    });
    let choosing = RwSignal::new(false);

    let on_pick = Callback::new(move |class: String| {
        choosing.set(false);
        let c = cluster.get_untracked().unwrap_or_default();
        navigate.with_value(|n| n(&create_path(&c, &class), NavigateOptions::default()));
    });

    let on_cluster = move |ev: leptos::ev::Event| {
        let id = event_target_value(&ev);
        if cloning.get_untracked() {
            // Cloning to another cluster: keep the form, just retarget it.
            let from = q_from.get_untracked().unwrap_or_default();
            let src = q_from_cluster.get_untracked().unwrap_or_default();
            let path = clone_route(&id, &src, &from);
            navigate.with_value(|n| {
                n(
                    &path,
                    NavigateOptions {
                        replace: true,
                        ..Default::default()
                    },
                )
            });
        } else {
            let path = match q_plugin.get_untracked() {
                Some(p) => create_path(&id, &p),
                None => create_path(&id, ""), // an empty `plugin` is read as none
            };
            navigate.with_value(|n| {
                n(
                    &path,
                    NavigateOptions {
                        replace: true,
                        ..Default::default()
                    },
                )
            });
        }
    };

    // Name: the model's `name` key; its server errors show under the input.
    let name_value = Memo::new(move |_| {
        store
            .model
            .with(|m| m.values().get(NAME_KEY).cloned().unwrap_or_default())
    });
    let name_errors = Memo::new(move |_| {
        store.model.with(|m| {
            m.field(NAME_KEY)
                .map(|f| f.errors.clone())
                .unwrap_or_default()
        })
    });
    // Names Kafka Connect or the proxies mangle: warned inline while typing, before any request.
    // A name already listed on the cluster is said while typing, not only by the 409.
    let name_warnings = Memo::new(move |_| {
        let c = cluster.get().unwrap_or_default();
        name_value.with(|n| {
            let mut out: Vec<String> = crate::form::name_warnings(n)
                .into_iter()
                .map(|w| w.message)
                .collect();
            let trimmed = n.trim();
            if !trimmed.is_empty() {
                connectors.revision().track();
                if connectors
                    .row_untracked(&RowKey::new(&c, trimmed))
                    .is_some()
                {
                    out.push(format!(
                        "A connector named \u{201c}{trimmed}\u{201d} already exists on this cluster: creating it would fail. Choose another name, or edit that connector."
                    ));
                }
            }
            out
        })
    });
    let initial_state = store.initial_state;
    let supports_initial = Memo::new(move |_| {
        cluster.get();
        store.supports_initial_state()
    });

    let toaster = use_context::<ToasterInjection>();
    let create = move || {
        let state = match initial_state.get_untracked().as_str() {
            "PAUSED" => Some(InitialState::Paused),
            "STOPPED" => Some(InitialState::Stopped),
            _ => None,
        };
        let state = if supports_initial.get_untracked() {
            state
        } else {
            None
        };
        leptos::task::spawn_local(async move {
            if let Some(name) = store.create(state).await {
                let c = store.cluster_id.get_untracked();
                if let (Some(note), Some(t)) = (store.create_recovered.get_untracked(), toaster) {
                    t.dispatch_toast(
                        move || {
                            view! {
                                <Toast>
                                    <ToastTitle>"Connector created"</ToastTitle>
                                    <ToastBody>{note}</ToastBody>
                                </Toast>
                            }
                        },
                        ToastOptions::default().with_intent(ToastIntent::Warning),
                    );
                }
                // The detail page shows it loading, not missing, until the cluster lists it.
                connectors.expect(RowKey::new(&c, &name));
                navigate.with_value(|n| {
                    n(&connector_path(&c, &name, None), NavigateOptions::default())
                });
            } else if store.model.with_untracked(|m| !m.errors().is_empty()) {
                let first = store
                    .model
                    .with_untracked(|m| m.errors().entries.first().map(|e| e.key.clone()));
                if let Some(k) = first {
                    focus_field(&k);
                }
            }
        });
    };

    let cluster_name = move || {
        let id = cluster.get().unwrap_or_default();
        clusters.with(|cs| {
            cs.iter()
                .find(|c| c.id == id)
                .map(|c| c.name.clone())
                .unwrap_or(id)
        })
    };
    let title = move || match q_from.get() {
        Some(from) => format!("Clone {from}"),
        None => "New connector".to_string(),
    };

    view! {
        <div class="page form-page" data-testid="create-page">
            <header class="fp-header">
                <h1>{title}</h1>
                <p class="fp-sub">
                    "The form is generated from the cluster's own validation of the plugin's configuration and re-validated as you type."
                </p>
            </header>

            <section class="fp-step" aria-labelledby="step-target">
                <h2 id="step-target" class="fp-step-title">"1. Cluster and plugin"</h2>
                <div class="fp-row">
                    <div class="fp-cluster" hidden=move || clusters.with(|c| c.len() <= 1)>
                        <label class="cf-label" for="target-cluster">"Cluster"</label>
                        <select id="target-cluster" class="cf-input cf-select" data-testid="cluster-select"
                            on:change=on_cluster>
                            <For each=move || clusters.get() key=|c| c.id.clone() let:c>
                                {
                                    let id = c.id.clone();
                                    view! {
                                        <option value=c.id.clone() selected=move || cluster.get().as_deref() == Some(id.as_str())>
                                            {c.name.clone()}
                                        </option>
                                    }
                                }
                            </For>
                        </select>
                    </div>
                    <p class="fp-target" hidden=move || clusters.with(|c| c.len() > 1)>
                        "Cluster: " <strong>{cluster_name}</strong>
                    </p>
                    {move || (!cloning.get()).then(|| view! {
                        <div class="fp-plugin-chosen" hidden=move || selected_plugin.get().is_none() || choosing.get()>
                            <span>"Plugin: "</span>
                            <code data-testid="chosen-plugin">{move || selected_plugin.get().unwrap_or_default()}</code>
                            <button type="button" class="cf-link-button" data-testid="change-plugin"
                                on:click=move |_| choosing.set(true)>"Change"</button>
                        </div>
                    })}
                </div>
                {move || {
                    let show = !cloning.get() && (q_plugin.get().is_none() || choosing.get());
                    show.then(|| view! {
                        {move || match store.plugins.get() {
                            Load::Loading | Load::Idle => view! {
                                <div class="fp-loading"><Spinner size=SpinnerSize::Small label="Loading the cluster's plugins…"/></div>
                            }.into_any(),
                            Load::Failed(e) => view! {
                                <ErrorNotice message=e.message.clone() hint=e.hint.clone() detail=e.detail.clone()
                                    status=e.status title="Could not load the plugins"/>
                                {class_entry(on_pick)}
                            }.into_any(),
                            Load::Ready(_) => view! {
                                <PluginPicker plugins=plugin_list selected=selected_plugin on_pick/>
                            }.into_any(),
                        }}
                    })
                }}
                {move || cloning.get().then(|| view! {
                    {clone_source(store, q_from, q_from_cluster)}
                })}
            </section>

            {move || form_ready.get().then(|| view! {
                <section class="fp-step" aria-labelledby="step-name">
                    <h2 id="step-name" class="fp-step-title">"2. Name"</h2>
                    <div class="fp-row">
                        <div class="fp-name">
                            <label class="cf-label" for=crate::form::anchor_id(NAME_KEY)>
                                "Connector name" <span class="cf-required" aria-hidden="true">" *"</span>
                            </label>
                            <input type="text" id=crate::form::anchor_id(NAME_KEY) class="cf-input"
                                data-testid="connector-name" autocomplete="off" spellcheck="false"
                                aria-describedby="name-errors name-warnings"
                                aria-invalid=move || if name_errors.with(Vec::is_empty) { "false" } else { "true" }
                                prop:value=move || name_value.get()
                                on:input=move |ev| {
                                    let v = event_target_value(&ev);
                                    store.model.maybe_update(|m| m.set(NAME_KEY, &v));
                                }/>
                            <ul class="cf-errors" id="name-errors" hidden=move || name_errors.with(Vec::is_empty)>
                                <For each=move || name_errors.get() key=|e| e.clone() let:e><li>{e}</li></For>
                            </ul>
                            <ul class="cf-warnings" id="name-warnings" data-testid="name-warnings" aria-live="polite"
                                hidden=move || name_warnings.with(Vec::is_empty)>
                                <For each=move || name_warnings.get() key=|w| w.clone() let:w><li>{w}</li></For>
                            </ul>
                        </div>
                        <div class="fp-initial" hidden=move || !supports_initial.get()>
                            <label class="cf-label" for="initial-state">"Start as"</label>
                            <select id="initial-state" class="cf-input cf-select" data-testid="initial-state"
                                prop:value=move || initial_state.get()
                                on:change=move |ev| initial_state.set(event_target_value(&ev))>
                                <option value="RUNNING">"Running"</option>
                                <option value="PAUSED">"Paused"</option>
                                <option value="STOPPED">"Stopped"</option>
                            </select>
                        </div>
                    </div>
                </section>

                <FormEditor store title="3. Configuration" exclude=vec![NAME_KEY.to_string(), CLASS_KEY.to_string()]/>

                <div class="fp-actions" data-testid="form-actions">
                    {move || store.save_error.get().map(|e| view! {
                        <ErrorNotice message=e.message.clone() hint=e.hint.clone() detail=e.detail.clone()
                            status=e.status title="The connector was not created" testid="save-error"/>
                    })}
                    <p class="cc-readonly-note" data-testid="form-read-only" hidden=move || !read_only.get()>
                        "Read-only mode is on (Settings): the form validates, but nothing is created."
                    </p>
                    <div class="fp-buttons">
                        <Button appearance=ButtonAppearance::Primary loading=store.saving
                            disabled=Signal::derive(move || store.saving.get() || read_only.get())
                            attr:data-testid="create-submit" on_click=move |_| create()>
                            "Create connector"
                        </Button>
                        <span class="fp-draft-note">"Drafts are kept in this browser without secrets."</span>
                    </div>
                </div>
            })}
        </div>
    }
}

/// Clone: the source connector and the notes on keys that usually must change.
fn clone_source(
    store: FormStore,
    q_from: Memo<Option<String>>,
    q_from_cluster: Memo<Option<String>>,
) -> impl IntoView {
    let notes = Memo::new(move |_| store.clone_notes());
    view! {
        <div class="fp-clone" data-testid="clone-source">
            <p>
                "Cloning " <code>{move || q_from.get().unwrap_or_default()}</code>
                " from cluster " <strong>{move || q_from_cluster.get().unwrap_or_default()}</strong>
                ". Secrets and config provider references are copied as they are and never shown."
            </p>
            {move || match store.source.get() {
                Load::Loading | Load::Idle => view! {
                    <Spinner size=SpinnerSize::Small label="Loading the source config…"/>
                }.into_any(),
                Load::Failed(e) => view! {
                    <ErrorNotice message=e.message.clone() hint=e.hint.clone() detail=e.detail.clone()
                        status=e.status title="Could not load the connector to clone"/>
                }.into_any(),
                Load::Ready(()) => view! {
                    <ul class="fp-clone-notes" data-testid="clone-notes"
                        hidden=move || notes.with(Vec::is_empty)>
                        // Keyed by the text too: a note that follows the typed name changes.
                        <For each=move || notes.get() key=|n| (n.key.clone(), n.reason.clone()) let:n>
                            <li data-testid="clone-note" data-key=n.key.clone()><code>{n.key.clone()}</code>" — "{n.reason.clone()}</li>
                        </For>
                    </ul>
                }.into_any(),
            }}
        </div>
    }
}

/// When the cluster cannot list its plugins (Lenses HQ has no such endpoint, or the read
/// failed): the connector class typed in, so creating is still possible.
fn class_entry(on_pick: Callback<String>) -> impl IntoView {
    let class = RwSignal::new(String::new());
    let pick = move || {
        let c = class.get_untracked().trim().to_string();
        if !c.is_empty() {
            on_pick.run(c);
        }
    };
    view! {
        <form class="fp-class-entry" data-testid="class-entry"
            on:submit=move |ev| { ev.prevent_default(); pick(); }>
            <label class="cf-label" for="class-entry">"Connector class"</label>
            <p class="cf-help">"Type the connector's class (connector.class) to go on without the list, e.g. io.lenses.streamreactor.connect.aws.s3.sink.S3SinkConnector."</p>
            <input id="class-entry" class="cf-input" type="text" spellcheck="false" autocomplete="off"
                data-testid="class-entry-input" prop:value=move || class.get()
                on:input=move |ev| class.set(event_target_value(&ev))/>
            <button type="submit" class="cf-button" data-testid="class-entry-use"
                disabled=move || class.with(|c| c.trim().is_empty())>"Use this class"</button>
        </form>
    }
}
