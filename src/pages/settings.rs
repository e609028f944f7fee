//! `/settings`: cluster management (add, edit, test, remove; clusters from the deployer's
//! `config.json` are marked and cannot be removed), and the console's preferences: theme,
//! polling interval, read-only mode (locked when the deployer forces it), credentials
//! (remember on this device, forget), and export/import of settings (exports never contain a
//! password or token). A banner says when `config.json` was missing or malformed.

use leptos::prelude::*;

use crate::components::cluster_form::ClusterForm;
use crate::components::cluster_label::ClusterLabel;
use crate::components::confirm_dialog::ConfirmDialog;
use crate::components::empty_state::EmptyState;
use crate::state::settings::{AuthKind, ClusterEntry, ClusterOrigin, ImportError};
use crate::stores::use_clusters;
use crate::web::download::download_text;
use crate::web::theme::ThemePreference;

/// Which cluster the form edits: none, a new one, or an existing id.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Editing {
    None,
    New,
    Existing(String),
}

#[component]
pub fn Settings() -> impl IntoView {
    let registry = use_clusters();
    let clusters = registry.clusters();
    let editing = RwSignal::new(Editing::None);
    let done = Callback::new(move |_| editing.set(Editing::None));

    let config_error = registry.config_error();
    let warnings = registry.warnings();

    // ---- removal ------------------------------------------------------------------------
    let remove_open = RwSignal::new(false);
    let remove_target = RwSignal::new(None::<ClusterEntry>);
    let remove_error = RwSignal::new(None::<String>);
    let on_remove = Callback::new(move |_| {
        if let Some(e) = remove_target.get_untracked() {
            match registry.remove(&e.id) {
                Ok(()) => remove_error.set(None),
                Err(m) => remove_error.set(Some(m)),
            }
        }
    });

    view! {
        <section class="page cc-settings" data-testid="settings-page">
            <div class="cc-page-head"><h1>"Settings"</h1></div>

            {move || config_error.get().map(|e| view! {
                <div class="cc-banner warn" role="status" data-testid="config-banner">
                    <span aria-hidden="true">"⚠"</span>
                    <p>{e.banner()}</p>
                </div>
            })}
            {move || {
                let w = warnings.get();
                (!w.is_empty()).then(|| view! {
                    <div class="cc-banner warn" role="status" data-testid="config-warnings">
                        <span aria-hidden="true">"⚠"</span>
                        <ul>{w.into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}</ul>
                    </div>
                })
            }}

            <section class="cc-panel" aria-labelledby="settings-clusters">
                <div class="cc-panel-head">
                    <h2 id="settings-clusters">"Clusters"</h2>
                    <Show when=move || registry.allow_user_clusters().get()>
                        <button type="button" class="cc-btn cc-btn-primary" data-testid="cluster-add"
                            on:click=move |_| editing.set(Editing::New)>"Add a cluster"</button>
                    </Show>
                </div>
                <Show when=move || editing.get() == Editing::New>
                    <ClusterForm existing=None on_done=done/>
                </Show>
                {move || remove_error.get().map(|m| view! { <p class="cc-field-error" role="alert">{m}</p> })}
                <Show
                    when=move || !clusters.with(|c| c.is_empty())
                    fallback=|| view! {
                        <EmptyState title="No clusters yet" testid="settings-empty"
                            message="Add one with “Add a cluster”: give it a name and the Connect REST URL (or a proxy path), then test the connection."/>
                    }
                >
                    <table class="cc-table cc-clusters-table" data-testid="clusters-table">
                        <thead>
                            <tr>
                                <th scope="col">"Cluster"</th>
                                <th scope="col">"Flavor"</th>
                                <th scope="col">"URL"</th>
                                <th scope="col">"Auth"</th>
                                <th scope="col">"Source"</th>
                                <th scope="col"><span class="visually-hidden">"Actions"</span></th>
                            </tr>
                        </thead>
                        <tbody>
                            <For each=move || clusters.get() key=|c| format!("{c:?}") let(entry)>
                                {
                                    let id = entry.id.clone();
                                    let id_for_edit = entry.id.clone();
                                    let entry_for_remove = entry.clone();
                                    let entry_for_form = entry.clone();
                                    let is_editing = {
                                        let id = id.clone();
                                        move || editing.get() == Editing::Existing(id.clone())
                                    };
                                    let auth = match entry.auth {
                                        AuthKind::None => "none".to_string(),
                                        AuthKind::Basic => format!("basic ({})", entry.username.clone().unwrap_or_default()),
                                        AuthKind::Bearer => "bearer token".to_string(),
                                    };
                                    let needs = registry.needs_secret(&entry.id);
                                    let deployer = entry.origin == ClusterOrigin::Deployer;
                                    view! {
                                        <tr data-testid="cluster-row" data-cluster=id.clone()>
                                            <td><ClusterLabel cluster=id.clone()/></td>
                                            <td>{entry.flavor.label()}</td>
                                            <td><span class="cc-trunc mono" title=entry.base_url.clone()>{entry.base_url.clone()}</span></td>
                                            <td>
                                                {auth}
                                                {needs.then(|| view! { <span class="cc-count-pill warn" title="No password or token stored in this browser">"credentials needed"</span> })}
                                            </td>
                                            <td>
                                                {if deployer {
                                                    view! { <span class="cc-tag" data-testid="cluster-origin" title="Preconfigured by the deployer in config.json">"config.json"</span> }.into_any()
                                                } else {
                                                    view! { <span class="cc-tag user" data-testid="cluster-origin">"this browser"</span> }.into_any()
                                                }}
                                            </td>
                                            <td class="cc-row-actions">
                                                {entry.can_edit().then(|| view! {
                                                    <button type="button" class="cc-btn cc-btn-small" data-testid="cluster-edit"
                                                        aria-label=format!("Edit {}", entry.name)
                                                        on:click=move |_| editing.set(Editing::Existing(id_for_edit.clone()))>"Edit"</button>
                                                })}
                                                {if entry.deletable() {
                                                    view! {
                                                        <button type="button" class="cc-btn cc-btn-small cc-btn-danger-outline" data-testid="cluster-remove"
                                                            aria-label=format!("Remove {}", entry.name)
                                                            on:click=move |_| { remove_target.set(Some(entry_for_remove.clone())); remove_open.set(true); }>"Remove"</button>
                                                    }.into_any()
                                                } else {
                                                    view! { <span class="cc-muted" title="Clusters from config.json cannot be removed here">"—"</span> }.into_any()
                                                }}
                                            </td>
                                        </tr>
                                        <Show when=is_editing.clone()>
                                            <tr class="cc-form-row"><td colspan="6">
                                                <ClusterForm existing=Some(entry_for_form.clone()) on_done=done/>
                                            </td></tr>
                                        </Show>
                                    }
                                }
                            </For>
                        </tbody>
                    </table>
                </Show>
            </section>

            <Preferences/>
            <ExportImport/>

            <ConfirmDialog
                open=remove_open
                title=Signal::derive(move || format!("Remove cluster “{}”?", remove_target.get().map(|e| e.name).unwrap_or_default()))
                message="The console forgets this cluster and its stored credentials. Nothing changes on the cluster itself."
                items=Signal::derive(move || remove_target.get().map(|e| vec![format!("{} ({})", e.name, e.base_url)]).unwrap_or_default())
                confirm_label="Remove cluster"
                danger=true
                on_confirm=on_remove
                testid="cluster-remove-confirm"
            />
        </section>
    }
}

#[component]
fn Preferences() -> impl IntoView {
    let registry = use_clusters();
    let theme = expect_context::<RwSignal<ThemePreference>>();
    let effective = registry.effective();
    let user = registry.user_settings();
    // The deployer forces read-only when it is on without the user's own switch.
    let forced = Memo::new(move |_| effective.with(|e| e.read_only) && !user.with(|u| u.read_only));
    let interval_s =
        RwSignal::new((registry.poll_interval_ms().get_untracked() / 1000).to_string());
    let interval_msg = RwSignal::new(None::<String>);
    let forgot = RwSignal::new(false);

    let save_interval = move |_| {
        let v = interval_s.get_untracked();
        match v.trim().parse::<u32>() {
            Ok(s) if (1..=3600).contains(&s) => {
                let r = registry.set_poll_interval(Some(s * 1000));
                interval_msg.set(Some(match r {
                    Ok(()) => format!("Polling every {s} s."),
                    Err(m) => m,
                }));
            }
            _ => interval_msg.set(Some("Enter a number of seconds between 1 and 3600.".into())),
        }
    };

    view! {
        <section class="cc-panel" aria-labelledby="settings-prefs">
            <div class="cc-panel-head"><h2 id="settings-prefs">"Preferences"</h2></div>
            <div class="cc-form-grid">
                <span id="pref-theme-label">"Theme"</span>
                <div role="radiogroup" aria-labelledby="pref-theme-label" class="cc-radio-row" data-testid="pref-theme">
                    {[ThemePreference::System, ThemePreference::Light, ThemePreference::Dark].into_iter().map(|p| view! {
                        <label class="cc-check-label">
                            <input type="radio" name="cc-theme" value=p.as_str() data-testid=format!("pref-theme-{}", p.as_str())
                                prop:checked=move || theme.get() == p
                                on:change=move |_| theme.set(p)/>
                            {format!(" {}", match p { ThemePreference::System => "Follow the system", ThemePreference::Light => "Light", ThemePreference::Dark => "Dark" })}
                        </label>
                    }).collect_view()}
                </div>

                <label for="pref-interval">"Refresh every (seconds)"</label>
                <div class="cc-inline">
                    <input id="pref-interval" type="number" min="1" max="3600" class="cc-input cc-narrow" data-testid="pref-interval"
                        prop:value=move || interval_s.get() on:input=move |ev| interval_s.set(event_target_value(&ev))/>
                    <button type="button" class="cc-btn" data-testid="pref-interval-save" on:click=save_interval>"Apply"</button>
                    <span class="cc-muted" role="status">{move || interval_msg.get()}</span>
                </div>

                <span id="pref-ro-label">"Read-only mode"</span>
                <div>
                    <label class="cc-check-label">
                        <input type="checkbox" data-testid="pref-read-only" aria-labelledby="pref-ro-label"
                            prop:checked=move || effective.with(|e| e.read_only)
                            prop:disabled=move || forced.get()
                            on:change=move |ev| { let _ = registry.set_user_read_only(event_target_checked(&ev)); }/>
                        " No changes can be sent to any cluster (pause, delete, edit are hidden)"
                    </label>
                    <Show when=move || forced.get()>
                        <p class="cc-muted" data-testid="pref-read-only-locked">"🔒 Locked on by the deployment (config.json)."</p>
                    </Show>
                </div>

                <span id="pref-cred-label">"Credentials"</span>
                <div>
                    <label class="cc-check-label">
                        <input type="checkbox" data-testid="pref-remember"
                            prop:checked=move || registry.remember_secrets().get()
                            on:change=move |ev| { let _ = registry.set_remember_secrets(event_target_checked(&ev)); }/>
                        " Remember passwords and tokens on this device (otherwise they last for this browser session)"
                    </label>
                    <div class="cc-inline">
                        <button type="button" class="cc-btn" data-testid="pref-forget"
                            on:click=move |_| { registry.forget_credentials(); forgot.set(true); }>"Forget all credentials"</button>
                        <span class="cc-muted" role="status">{move || forgot.get().then_some("Every stored password and token was removed.")}</span>
                    </div>
                </div>
            </div>
        </section>
    }
}

#[component]
fn ExportImport() -> impl IntoView {
    let registry = use_clusters();
    let import_text = RwSignal::new(String::new());
    let import_msg = RwSignal::new(None::<(bool, String)>);
    let import_errors = RwSignal::new(Vec::<String>::new());
    let import = move |text: String| {
        import_errors.set(Vec::new());
        match registry.import(&text) {
            Ok(result) => {
                import_text.set(String::new());
                import_msg.set(Some((true, import_summary(&result))));
            }
            Err(ImportError::Entries(lines)) => {
                import_msg.set(Some((
                    false,
                    match lines.len() {
                        1 => "Nothing was imported: 1 entry is invalid.".to_string(),
                        n => format!("Nothing was imported: {n} entries are invalid."),
                    },
                )));
                import_errors.set(lines);
            }
            Err(ImportError::File(m)) => {
                import_msg.set(Some((false, format!("Nothing was imported. {m}"))));
            }
        }
    };
    let do_import = move |_| import(import_text.get_untracked());
    // A picked file is shown in the text area (to read or fix) and imported at once.
    let on_file = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        leptos::task::spawn_local(async move {
            match crate::web::upload::picked_text(&input).await {
                Some(Ok((_name, text))) => {
                    import_text.set(text.clone());
                    import(text);
                }
                Some(Err(m)) => import_msg.set(Some((false, m))),
                None => {}
            }
            input.set_value("");
        });
    };
    view! {
        <section class="cc-panel" aria-labelledby="settings-export">
            <div class="cc-panel-head"><h2 id="settings-export">"Export and import"</h2></div>
            <p class="cc-muted">"The export lists every cluster with its URL, flavor, user name and colour. It never contains a password or token."</p>
            <div class="cc-inline">
                <button type="button" class="cc-btn" data-testid="settings-export"
                    on:click=move |_| { download_text("connect-console-clusters.json", "application/json", &registry.export()); }>
                    "Download export"
                </button>
            </div>
            <label for="settings-import-file" class="cc-block-label">"Import: choose an export file"</label>
            <input type="file" id="settings-import-file" class="cc-input" data-testid="settings-import-file"
                accept=".json,application/json" on:change=on_file/>
            <label for="settings-import" class="cc-block-label">"or paste it"</label>
            <textarea id="settings-import" class="cc-input cc-textarea" data-testid="settings-import-text" rows="4" spellcheck="false"
                prop:value=move || import_text.get() on:input=move |ev| import_text.set(event_target_value(&ev))></textarea>
            <div class="cc-inline">
                <button type="button" class="cc-btn" data-testid="settings-import" on:click=do_import
                    prop:disabled=move || import_text.with(|t| t.trim().is_empty())>"Import clusters"</button>
                {move || import_msg.get().map(|(ok, m)| view! {
                    <span class=if ok { "cc-ok-text" } else { "cc-field-error" } role="status" data-testid="settings-import-result">{m}</span>
                })}
            </div>
            // One line per invalid entry (nothing was imported).
            <ul class="cc-field-error" data-testid="settings-import-errors" hidden=move || import_errors.with(Vec::is_empty)>
                <For each=move || import_errors.get() key=|e| e.clone() let:e>
                    <li data-testid="settings-import-error">{e}</li>
                </For>
            </ul>
        </section>
    }
}

/// The message after an import: what was added, and what was already here.
fn import_summary(r: &crate::stores::clusters::ImportResult) -> String {
    let added = match r.added {
        0 => "No cluster was added.".to_string(),
        1 => "Imported 1 cluster. Add its password or token by editing it.".to_string(),
        n => format!("Imported {n} clusters. Add their passwords or tokens by editing them."),
    };
    let added = if r.renamed.is_empty() {
        added
    } else {
        format!(
            "{added} Renamed to keep names apart: {}.",
            r.renamed.join(", ")
        )
    };
    match r.already_present.len() {
        0 => added,
        1 => format!(
            "{added} 1 entry was already here and was left out: {}.",
            r.already_present[0]
        ),
        n => format!(
            "{added} {n} entries were already here and were left out: {}.",
            r.already_present
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}
