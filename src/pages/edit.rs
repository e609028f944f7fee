//! `/clusters/:cluster/connectors/:name/edit`: edit a connector's config in the generated form
//! (on the live config, validated live), review the diff (secrets masked), then save with a
//! full PUT. If the live config changed since the form was opened, the review says so, shows
//! those changes and offers to take them in before overwriting.

use leptos::prelude::*;

use crate::app::app_href;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;
use thaw::{Button, ButtonAppearance, Spinner, SpinnerSize};

use crate::components::config_diff::ConfigDiff;
use crate::components::error_notice::ErrorNotice;
use crate::components::form_editor::FormEditor;
use crate::components::validation_summary::focus_field;
use crate::form::{Prefer, NAME_KEY};
use crate::state::detail::connector_path;
use crate::stores::form::{FormStore, Load};
use crate::stores::{use_clusters, use_connectors};

#[component]
pub fn EditConnector() -> impl IntoView {
    let navigate = StoredValue::new_local(use_navigate());
    let registry = use_clusters();
    let connectors = use_connectors();
    let read_only = registry.read_only();
    let store = FormStore::new();
    let identity = crate::web::route::use_route_identity("connectors", "name");
    let cluster = Memo::new(move |_| identity.with(|i| i.0.clone()));
    let name = Memo::new(move |_| identity.with(|i| i.1.clone()));

    let clusters = registry.clusters();
    let started = StoredValue::new(None::<(String, String)>);
    Effect::new(move |_| {
        let (c, n) = (cluster.get(), name.get());
        let known = clusters.with(|cs| cs.iter().any(|e| e.id == c));
        if !known && !registry.config_loaded().get() {
            return; // config.json is still loading
        }
        if started.get_value() == Some((c.clone(), n.clone())) {
            return;
        }
        started.set_value(Some((c.clone(), n.clone())));
        match registry.client(&c) {
            Some(client) => {
                store.attach(&c, client);
                store.load_plugins();
                store.start_edit(&n);
            }
            None => store
                .source
                .set(Load::Failed(crate::protocol::ApiError::new(
                    crate::protocol::ErrorKind::NotFound,
                    format!("The cluster \u{201c}{c}\u{201d} is not configured in the console."),
                ))),
        }
    });

    let dirty = Memo::new(move |_| store.model.with(|m| m.is_dirty()));
    let changed_count = Memo::new(move |_| store.model.with(|m| m.changed_keys().len()));
    let detail_href = move || app_href(&connector_path(&cluster.get(), &name.get(), None));

    let review = move || {
        leptos::task::spawn_local(async move {
            if store.prepare_review().await {
                if let Some(el) = document().get_element_by_id("review-title") {
                    use wasm_bindgen::JsCast;
                    if let Ok(h) = el.dyn_into::<web_sys::HtmlElement>() {
                        let _ = h.focus();
                    }
                }
            } else if let Some(k) = store
                .model
                .with_untracked(|m| m.errors().entries.first().map(|e| e.key.clone()))
            {
                focus_field(&k);
            }
        });
    };
    let save = move |recreate: bool| {
        leptos::task::spawn_local(async move {
            if let Some(n) = store.save(recreate).await {
                let c = store.cluster_id.get_untracked();
                // The detail page shows the saved config, not the last listing's.
                connectors.refresh(Some(&c));
                navigate.with_value(|nav| {
                    nav(&connector_path(&c, &n, None), NavigateOptions::default())
                });
            }
        });
    };

    view! {
        <div class="page form-page" data-testid="edit-page">
            <header class="fp-header">
                <h1>"Edit " <code class="fp-name">{move || name.get()}</code></h1>
                <p class="fp-sub">
                    "On cluster " <strong>{move || cluster.get()}</strong> ". "
                    <A href=detail_href>"Back to the connector"</A>
                </p>
            </header>
            {move || match store.source.get() {
                Load::Idle | Load::Loading => view! {
                    <div class="fp-loading"><Spinner size=SpinnerSize::Small label="Loading the live config…"/></div>
                }.into_any(),
                Load::Failed(e) => view! {
                    <ErrorNotice message=e.message.clone() hint=e.hint.clone() detail=e.detail.clone()
                        status=e.status title="Could not load the connector's config"/>
                }.into_any(),
                Load::Ready(()) => view! {
                    <FormEditor store title="Configuration" exclude=vec![NAME_KEY.to_string()]/>
                    {move || store.review.get().is_none().then(|| view! {
                        <div class="fp-actions" data-testid="form-actions">
                            {move || store.save_error.get().map(|e| view! {
                                <ErrorNotice message=e.message.clone() hint=e.hint.clone() detail=e.detail.clone()
                                    status=e.status title="Not saved" testid="save-error"/>
                            })}
                            <div class="fp-buttons">
                                <Button appearance=ButtonAppearance::Primary loading=store.saving
                                    disabled=Signal::derive(move || !dirty.get() || store.saving.get())
                                    attr:data-testid="review-changes" on_click=move |_| review()>
                                    {move || match changed_count.get() {
                                        0 => "No changes to review".to_string(),
                                        1 => "Review 1 change".to_string(),
                                        n => format!("Review {n} changes"),
                                    }}
                                </Button>
                                <Button appearance=ButtonAppearance::Subtle
                                    disabled=Signal::derive(move || !dirty.get())
                                    on_click=move |_| store.model.update(|m| m.revert_all())>"Discard changes"</Button>
                                <span class="fp-draft-note">"Drafts are kept in this browser without secrets."</span>
                            </div>
                        </div>
                    })}
                    {move || store.review.get().map(|r| {
                        let changes = r.changes.clone();
                        let server = r.live.server_changes.clone();
                        let conflicts = r.live.conflicts.clone();
                        let moved = !server.is_empty();
                        view! {
                            <section class="fp-review" aria-labelledby="review-title" data-testid="review">
                                <h2 id="review-title" class="fp-step-title" tabindex="-1">"Review before saving"</h2>
                                <p class="cf-help">"The whole config below replaces the connector's config (PUT). Secrets are masked."</p>
                                <ConfigDiff entries=Signal::derive(move || changes.clone()) caption="Your changes" testid="review-diff"/>
                                {moved.then(|| {
                                    let server = server.clone();
                                    let conflicts = conflicts.clone();
                                    view! {
                                        <div class="fp-live-changed" role="alert" data-testid="live-changed">
                                            <h3>"The connector changed on the server since you opened this form"</h3>
                                            <p>"Saving now overwrites these changes unless you take them in first."</p>
                                            <ConfigDiff entries=Signal::derive(move || server.clone()) caption="Changes on the server" testid="live-diff"/>
                                            {(!conflicts.is_empty()).then(|| view! {
                                                <p class="cf-errors">{format!("{} keys were changed both here and on the server: ", conflicts.len())}
                                                    <code>{conflicts.iter().map(|c| c.key.clone()).collect::<Vec<_>>().join(", ")}</code>
                                                </p>
                                            })}
                                            <div class="fp-buttons">
                                                <Button appearance=ButtonAppearance::Secondary attr:data-testid="take-server-changes"
                                                    on_click=move |_| store.rebase(Prefer::Mine)>"Take the server's changes (keep mine where both changed)"</Button>
                                                <Button appearance=ButtonAppearance::Subtle
                                                    on_click=move |_| store.rebase(Prefer::Live)>"Take the server's changes (theirs win)"</Button>
                                            </div>
                                        </div>
                                    }
                                })}
                                {move || store.save_error.get().map(|e| view! {
                                    <ErrorNotice message=e.message.clone() hint=e.hint.clone() detail=e.detail.clone()
                                        status=e.status title="Not saved" testid="save-error"/>
                                })}
                                <p class="cc-readonly-note" data-testid="form-read-only" hidden=move || !read_only.get()>
                                    "Read-only mode is on (Settings): the changes can be reviewed, but not saved."
                                </p>
                                <div class="fp-buttons">
                                    <Button appearance=ButtonAppearance::Primary loading=store.saving
                                        disabled=read_only
                                        attr:data-testid="confirm-save" on_click=move |_| save(false)>
                                        {if moved { "Overwrite and save" } else { "Save" }}
                                    </Button>
                                    {move || store.deleted_meanwhile.get().then(|| view! {
                                        <Button appearance=ButtonAppearance::Secondary loading=store.saving
                                            disabled=read_only
                                            attr:data-testid="recreate" on_click=move |_| save(true)>
                                            "Create it again"
                                        </Button>
                                    })}
                                    <Button appearance=ButtonAppearance::Subtle attr:data-testid="back-to-edit"
                                        on_click=move |_| store.review.set(None)>"Back to editing"</Button>
                                </div>
                            </section>
                        }
                    })}
                }.into_any(),
            }}
        </div>
    }
}
