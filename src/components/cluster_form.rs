//! The add/edit cluster form: name, flavor, base URL, authentication (password or token
//! masked, never shown back), colour label and the flavor's own ids. "Test connection" asks
//! the store for the server info and capabilities and shows the version or the error with its
//! hint; "Save" stores the entry (and the secret apart from it).

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::components::error_notice::ErrorNotice;
use crate::protocol::error::ApiError;
use crate::protocol::model::Flavor;
use crate::state::settings::{AuthKind, ClusterEntry, ClusterOrigin};
use crate::stores::{use_clusters, TestReport};

#[derive(Clone, Debug)]
enum TestState {
    Idle,
    Running,
    Ok(TestReport),
    Failed(ApiError),
}

fn flavor_index(f: Flavor) -> usize {
    Flavor::ALL.iter().position(|x| *x == f).unwrap_or(0)
}

fn opt(s: String) -> Option<String> {
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_string())
}

/// `existing`: the entry being edited, or `None` to add one. `on_done` runs after a save or a
/// cancel.
#[component]
pub fn ClusterForm(existing: Option<ClusterEntry>, on_done: Callback<()>) -> impl IntoView {
    let registry = use_clusters();
    let editing = existing.is_some();
    let base = existing.clone().unwrap_or_default();
    let had_secret = editing && registry.has_secret(&base.id);

    let name = RwSignal::new(base.name.clone());
    let flavor = RwSignal::new(base.flavor);
    let url = RwSignal::new(base.base_url.clone());
    let auth = RwSignal::new(base.auth);
    let username = RwSignal::new(base.username.clone().unwrap_or_default());
    let secret = RwSignal::new(String::new());
    let color = RwSignal::new(base.color.clone().unwrap_or_else(|| "#0f6cbd".into()));
    let environment = RwSignal::new(base.environment.clone().unwrap_or_default());
    let cluster = RwSignal::new(base.cluster.clone().unwrap_or_default());
    let remember = registry.remember_secrets();
    let errors = RwSignal::new(Vec::<(String, String)>::new());
    let test = RwSignal::new(TestState::Idle);

    let base_for_entry = base.clone();
    let entry = move || {
        let mut e = base_for_entry.clone();
        e.name = name.get_untracked().trim().to_string();
        if !editing {
            e.id = registry.new_id(&e.name);
            e.origin = ClusterOrigin::User;
        }
        e.flavor = flavor.get_untracked();
        e.base_url = url.get_untracked().trim().to_string();
        e.auth = auth.get_untracked();
        e.username = (e.auth == AuthKind::Basic)
            .then(|| opt(username.get_untracked()))
            .flatten();
        e.color = opt(color.get_untracked());
        let (env, cl) = match e.flavor {
            Flavor::Apache => (None, None),
            Flavor::Redpanda => (None, opt(cluster.get_untracked())),
            Flavor::ConfluentCloud | Flavor::Lenses => (
                opt(environment.get_untracked()),
                opt(cluster.get_untracked()),
            ),
        };
        e.environment = env;
        e.cluster = cl;
        e
    };
    // `None` keeps the stored secret (an edit with the field left empty).
    let secret_value = move || {
        let s = secret.get_untracked();
        if auth.get_untracked() == AuthKind::None {
            Some(String::new())
        } else if s.is_empty() && had_secret {
            None
        } else {
            Some(s)
        }
    };

    let entry_for_test = entry.clone();
    let run_test = move |_| {
        let e = entry_for_test();
        let s = secret_value();
        test.set(TestState::Running);
        spawn_local(async move {
            let result = registry.test(&e, s).await;
            test.try_set(match result {
                Ok(r) => TestState::Ok(r),
                Err(err) => TestState::Failed(err),
            });
        });
    };
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let e = entry();
        match registry.save(e, secret_value()) {
            Ok(()) => {
                secret.set(String::new());
                on_done.run(());
            }
            Err(errs) => errors.set(
                errs.into_iter()
                    .map(|f| (f.field.to_string(), f.message))
                    .collect(),
            ),
        }
    };
    let field_error = move |field: &'static str| {
        move || {
            errors.with(|e| {
                e.iter()
                    .filter(|(f, _)| f == field)
                    .map(|(_, m)| m.clone())
                    .collect::<Vec<_>>()
                    .join(" ")
            })
        }
    };
    let other_errors = move || {
        errors.with(|e| {
            e.iter()
                .filter(|(f, _)| !matches!(f.as_str(), "name" | "baseUrl" | "username"))
                .map(|(_, m)| m.clone())
                .collect::<Vec<_>>()
        })
    };

    let id = if editing {
        base.id.clone()
    } else {
        "new".into()
    };
    let id = StoredValue::new(id);
    let fid = move |f: &str| format!("cluster-{}-{f}", id.get_value());
    let title = if editing {
        format!("Edit cluster “{}”", base.name)
    } else {
        "Add a cluster".to_string()
    };

    view! {
        <form class="cc-cluster-form" data-testid="cluster-form" on:submit=save aria-label=title.clone()>
            <h3>{title.clone()}</h3>
            <div class="cc-form-grid">
                <label for=fid("name")>"Name"</label>
                <div>
                    <input id=fid("name") class="cc-input" data-testid="cluster-name" required=true
                        prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev))/>
                    <p class="cc-field-error" role="alert">{field_error("name")}</p>
                </div>

                <label for=fid("flavor")>"Flavor"</label>
                <select id=fid("flavor") class="cc-select" data-testid="cluster-flavor"
                    prop:value=move || flavor_index(flavor.get()).to_string()
                    on:change=move |ev| {
                        let i: usize = event_target_value(&ev).parse().unwrap_or(0);
                        flavor.set(Flavor::ALL.get(i).copied().unwrap_or_default());
                    }>
                    {Flavor::ALL.iter().enumerate().map(|(i, f)| view! { <option value=i.to_string()>{f.label()}</option> }).collect_view()}
                </select>

                <label for=fid("url")>"Base URL"</label>
                <div>
                    <input id=fid("url") class="cc-input" data-testid="cluster-url" required=true
                        placeholder="http://connect:8083 or /connect/prod behind a proxy"
                        prop:value=move || url.get() on:input=move |ev| url.set(event_target_value(&ev))/>
                    <p class="cc-field-error" role="alert">{field_error("baseUrl")}</p>
                </div>

                <Show when=move || flavor.get() == Flavor::ConfluentCloud>
                    <label for=fid("env")>"Environment id"</label>
                    <input id=fid("env") class="cc-input" data-testid="cluster-environment" placeholder="env-…"
                        prop:value=move || environment.get() on:input=move |ev| environment.set(event_target_value(&ev))/>
                    <label for=fid("kc")>"Kafka cluster id"</label>
                    <input id=fid("kc") class="cc-input" data-testid="cluster-cluster" placeholder="lkc-…"
                        prop:value=move || cluster.get() on:input=move |ev| cluster.set(event_target_value(&ev))/>
                </Show>
                <Show when=move || flavor.get() == Flavor::Redpanda>
                    <label for=fid("rp")>"Connect cluster name"</label>
                    <input id=fid("rp") class="cc-input" data-testid="cluster-cluster"
                        prop:value=move || cluster.get() on:input=move |ev| cluster.set(event_target_value(&ev))/>
                </Show>
                <Show when=move || flavor.get() == Flavor::Lenses>
                    <label for=fid("lenv")>"Lenses environment"</label>
                    <input id=fid("lenv") class="cc-input" data-testid="cluster-environment"
                        prop:value=move || environment.get() on:input=move |ev| environment.set(event_target_value(&ev))/>
                    <label for=fid("lcc")>"Connect cluster"</label>
                    <input id=fid("lcc") class="cc-input" data-testid="cluster-cluster"
                        prop:value=move || cluster.get() on:input=move |ev| cluster.set(event_target_value(&ev))/>
                </Show>

                <label for=fid("auth")>"Authentication"</label>
                <select id=fid("auth") class="cc-select" data-testid="cluster-auth"
                    prop:value=move || match auth.get() { AuthKind::None => "none", AuthKind::Basic => "basic", AuthKind::Bearer => "bearer" }
                    on:change=move |ev| auth.set(AuthKind::parse(&event_target_value(&ev)).unwrap_or_default())>
                    <option value="none">"None (or added by a proxy)"</option>
                    <option value="basic">"Basic (user and password)"</option>
                    <option value="bearer">"Bearer token"</option>
                </select>

                <Show when=move || auth.get() == AuthKind::Basic>
                    <label for=fid("user")>"User"</label>
                    <div>
                        <input id=fid("user") class="cc-input" data-testid="cluster-username" autocomplete="off"
                            prop:value=move || username.get() on:input=move |ev| username.set(event_target_value(&ev))/>
                        <p class="cc-field-error" role="alert">{field_error("username")}</p>
                    </div>
                </Show>
                <Show when=move || auth.get() != AuthKind::None>
                    <label for=fid("secret")>{move || if auth.get() == AuthKind::Basic { "Password" } else { "Token" }}</label>
                    <div>
                        <input id=fid("secret") type="password" class="cc-input" data-testid="cluster-secret"
                            autocomplete="new-password"
                            placeholder=if had_secret { "Stored — leave empty to keep it" } else { "" }
                            prop:value=move || secret.get() on:input=move |ev| secret.set(event_target_value(&ev))/>
                        <label class="cc-check-label">
                            <input type="checkbox" data-testid="cluster-remember"
                                prop:checked=move || remember.get()
                                on:change=move |ev| { let _ = registry.set_remember_secrets(event_target_checked(&ev)); }/>
                            " Remember credentials on this device (otherwise only for this browser session)"
                        </label>
                    </div>
                </Show>

                <label for=fid("color")>"Colour label"</label>
                <div class="cc-color-row">
                    <input id=fid("color") type="color" class="cc-color" data-testid="cluster-color"
                        prop:value=move || color.get() on:input=move |ev| color.set(event_target_value(&ev))/>
                    <span class="cc-muted">{move || color.get()}</span>
                </div>
            </div>

            {move || other_errors().into_iter().map(|m| view! { <p class="cc-field-error" role="alert">{m}</p> }).collect_view()}

            <div class="cc-test-result" data-testid="cluster-test-result" aria-live="polite">
                {move || match test.get() {
                    TestState::Idle => ().into_any(),
                    TestState::Running => view! { <p class="cc-muted"><span class="cc-spinner" aria-hidden="true"></span>"Testing…"</p> }.into_any(),
                    TestState::Ok(r) => {
                        let caps = &r.capabilities;
                        let mut features = Vec::new();
                        if caps.stop { features.push("stop"); }
                        if caps.offsets_read { features.push("offsets"); }
                        if caps.restart_options { features.push("restart options"); }
                        if caps.loggers { features.push("log levels"); }
                        if caps.topics { features.push("active topics"); }
                        let features = if features.is_empty() { "basic operations".to_string() } else { features.join(", ") };
                        let notes = caps.notes.join(" ");
                        view! {
                            <div class="cc-test-ok" data-testid="cluster-test-ok">
                                <p><strong>"✓ Connected"</strong>
                                    {r.server.as_ref().map(|s| format!(" — Kafka Connect {}", s.version))}
                                    {r.server.as_ref().and_then(|s| s.kafka_cluster_id.clone()).map(|k| format!(", Kafka cluster {k}"))}
                                    {r.connectors.map(|n| match n { 1 => " — 1 connector listed".to_string(), n => format!(" — {n} connectors listed") })}
                                </p>
                                {r.warning.clone().map(|w| view! { <p class="cc-warn-text" data-testid="cluster-test-warning">{w}</p> })}
                                <p class="cc-muted">{format!("Supports: {features}.")}</p>
                                {(!notes.is_empty()).then(|| view! { <p class="cc-muted">{notes}</p> })}
                            </div>
                        }.into_any()
                    }
                    TestState::Failed(e) => view! {
                        <ErrorNotice title="Connection test failed" message=e.message.clone() hint=e.hint.clone()
                            detail=e.detail.clone() status=e.status testid="cluster-test-error"/>
                    }.into_any(),
                }}
            </div>

            <div class="cc-form-actions">
                <button type="button" class="cc-btn" data-testid="cluster-test" on:click=run_test
                    prop:disabled=move || matches!(test.get(), TestState::Running)>"Test connection"</button>
                <span class="cc-spacer-flex"></span>
                <button type="button" class="cc-btn" data-testid="cluster-cancel" on:click=move |_| on_done.run(())>"Cancel"</button>
                <button type="submit" class="cc-btn cc-btn-primary" data-testid="cluster-save">
                    {if editing { "Save changes" } else { "Add cluster" }}
                </button>
            </div>
        </form>
    }
}
