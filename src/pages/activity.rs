//! `/activity`: the changes this console sent to the clusters from this browser (the activity
//! log, [`crate::stores::activity`]), newest first: when, on which cluster, to which connector
//! or logger, what, and how the cluster answered. Search, failed only, export as JSON, clear.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::app::app_href;
use crate::components::cluster_label::{label_of, ClusterLabel};
use crate::components::confirm_dialog::ConfirmDialog;
use crate::components::empty_state::EmptyState;
use crate::state::activity::{ActivityOutcome, Subject, ACTIVITY_CAP};
use crate::state::detail::{connector_path, format_epoch_ms};
use crate::stores::{use_activity, use_clusters};
use crate::web::download::download_text;

#[component]
pub fn ActivityPage() -> impl IntoView {
    let activity = use_activity();
    // What other tabs of the console recorded meanwhile.
    activity.reload();
    let log = activity.log();
    let search = RwSignal::new(String::new());
    // `?q=`: a link from a connector's page searches for it (and a navigation that only
    // changes the query, such as the nav link or Back, sets the search again).
    let query = use_query_map();
    Effect::new(move |_| search.set(query.with(|q| q.get("q").unwrap_or_default())));
    let failed_only = RwSignal::new(false);
    let clear_open = RwSignal::new(false);
    let export_refused = RwSignal::new(false);
    let registry = use_clusters();
    let rows = Memo::new(move |_| {
        let clusters = registry.clusters().get();
        log.with(|l| {
            l.view_labelled(&search.get(), failed_only.get(), |id| {
                label_of(clusters.iter().find(|c| c.id == id), id).0
            })
        })
    });
    let export = move |_| {
        let ok = download_text(
            "connect-console-activity.json",
            "application/json",
            &activity.export_json(),
        );
        export_refused.set(!ok);
    };
    view! {
        <section class="cc-page-section" data-testid="activity-page" aria-labelledby="cc-activity-title">
            <div class="cc-page-head">
                <h1 id="cc-activity-title" class="cc-h1">"Activity"</h1>
                <p class="cc-page-sub">{format!(
                    "Every change this console sent to a cluster from this browser, newest first \
                     (the last {ACTIVITY_CAP}). Names and outcomes only: no config value is kept."
                )}</p>
            </div>
            {move || activity.problem().get().map(|p| view! {
                <p class="cc-field-error" role="alert" data-testid="activity-problem">{p}</p>
            })}
            <div class="cc-filters">
                <label class="cc-inline-field">
                    <span>"Search"</span>
                    <input class="cc-input" type="search" data-testid="activity-search"
                        placeholder="Cluster, connector, action or message"
                        prop:value=move || search.get()
                        on:input=move |ev| search.set(event_target_value(&ev))/>
                </label>
                <label class="cc-check">
                    <input type="checkbox" data-testid="activity-failed-only"
                        prop:checked=move || failed_only.get()
                        on:change=move |ev| failed_only.set(event_target_checked(&ev))/>
                    {move || format!(" Failed only ({})", log.with(|l| l.failures()))}
                </label>
                <button type="button" class="cc-btn" data-testid="activity-export"
                    disabled=move || log.with(|l| l.is_empty())
                    on:click=export>"Export JSON"</button>
                <button type="button" class="cc-btn" data-testid="activity-clear"
                    disabled=move || log.with(|l| l.is_empty())
                    on:click=move |_| clear_open.set(true)>"Clear…"</button>
            </div>
            {move || export_refused.get().then(|| view! {
                <p class="cc-field-error" role="alert">"The browser refused the download."</p>
            })}
            {move || {
                let shown = rows.get();
                if log.with(|l| l.is_empty()) {
                    return view! {
                        <EmptyState title="No activity yet"
                            message="Actions, creates, config saves, offsets changes and log levels sent from this console are listed here."
                            testid="activity-empty"/>
                    }.into_any();
                }
                if shown.is_empty() {
                    return view! {
                        <EmptyState title="Nothing matches" message="Change the search or show every outcome." testid="activity-no-match"/>
                    }.into_any();
                }
                view! {
                    <p class="cc-muted" role="status" data-testid="activity-count">{format!("{} change(s)", shown.len())}</p>
                    <table class="cc-table" data-testid="activity-table">
                        <caption class="cc-sr-only">"Changes sent from this console"</caption>
                        <thead><tr>
                            <th scope="col">"Time"</th><th scope="col">"Cluster"</th><th scope="col">"Target"</th>
                            <th scope="col">"Action"</th><th scope="col">"Result"</th>
                        </tr></thead>
                        <tbody>
                            {shown.into_iter().map(|e| {
                                let failed = e.failed();
                                let target = match &e.subject {
                                    Subject::Connector(name) => {
                                        let href = app_href(&connector_path(&e.cluster, name, None));
                                        view! { <a href=href data-testid="activity-connector">{name.clone()}</a> }.into_any()
                                    }
                                    Subject::Logger(name) => view! {
                                        <span>"Logger "<code>{name.clone()}</code></span>
                                    }.into_any(),
                                };
                                let (result, message) = match &e.outcome {
                                    ActivityOutcome::Done(m) => ("Done", m.clone()),
                                    ActivityOutcome::Failed(m) => ("Failed", Some(m.clone())),
                                };
                                view! {
                                    <tr data-testid="activity-row" data-result=result.to_lowercase()
                                        class:cc-activity-failed=failed>
                                        <td><time>{format_epoch_ms(e.at_ms as i64)}</time></td>
                                        <td><ClusterLabel cluster=e.cluster.clone()/></td>
                                        <td>{target}</td>
                                        <td data-testid="activity-action">{e.action.clone()}</td>
                                        <td data-testid="activity-result">
                                            <strong>{result}</strong>
                                            {message.map(|m| view! { <span class="cc-activity-message">" — "{m}</span> })}
                                        </td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any()
            }}
            <ConfirmDialog open=clear_open
                title=Signal::derive(|| "Clear the activity log?".to_string())
                message="Every entry kept in this browser is removed. The clusters are not changed."
                confirm_label=Signal::derive(|| "Clear".to_string())
                danger=true
                testid="activity-clear-confirm"
                on_confirm=Callback::new(move |_| activity.clear())/>
        </section>
    }
}
