//! `/plugins`: the plugins installed on a cluster (`?cluster=`): class, type and version,
//! connectors by default and transformations, predicates and converters behind a toggle, with
//! a search. A connector plugin links to its config definition.

use leptos::prelude::*;

use crate::app::app_href;
use leptos_router::components::A;

use crate::components::cluster_picker::{selected_cluster, ClusterPicker};
use crate::components::empty_state::EmptyState;
use crate::components::error_notice::ErrorNotice;
use crate::state::detail::{create_path, filter_plugins, plugin_path, plugin_type_label};
use crate::stores::detail::Load;
use crate::stores::plugins::PluginsStore;
use crate::stores::{use_clusters, use_connectors};

#[component]
pub fn PluginsPage() -> impl IntoView {
    let registry = use_clusters();
    let store = PluginsStore::new(registry, use_connectors());
    // Read-only mode offers no "Create connector".
    let read_only = registry.read_only();
    let cluster = selected_cluster();
    let show_all = RwSignal::new(false);
    let search = RwSignal::new(String::new());
    let caps = Signal::derive(move || store.capabilities(&cluster.get()));
    Effect::new(move |_| {
        let c = cluster.get();
        if !c.is_empty() {
            store.load(&c, !show_all.get());
        }
    });
    let list = store.list();
    let rows = Memo::new(move |_| {
        list.with(|l| {
            l.ready()
                .map(|p| filter_plugins(p, &search.get(), !show_all.get()))
        })
    });
    view! {
        <section class="cc-page-section" data-testid="plugins-page" aria-labelledby="cc-plugins-title">
            <h1 id="cc-plugins-title" class="cc-h1">"Plugins"</h1>
            <div class="cc-filters">
                <ClusterPicker path="/plugins" selected=cluster/>
                <label class="cc-inline-field">
                    <span>"Search"</span>
                    <input class="cc-input" type="search" data-testid="plugins-search" placeholder="Class, type or version"
                        prop:value=move || search.get()
                        on:input=move |ev| search.set(event_target_value(&ev))/>
                </label>
                <Show when=move || caps.with(|c| c.plugins_all_types)>
                    <label class="cc-check">
                        <input type="checkbox" data-testid="plugins-all-types"
                            prop:checked=move || show_all.get()
                            on:change=move |ev| show_all.set(event_target_checked(&ev))/>
                        " Also transformations, predicates and converters"
                    </label>
                </Show>
            </div>
            {move || match list.get() {
                Load::Idle if cluster.with(String::is_empty) => view! {
                    <EmptyState title="No cluster configured" message="Add a Connect cluster in Settings to see its plugins." testid="plugins-no-cluster">
                        <A href=app_href("/settings")>"Settings"</A>
                    </EmptyState>
                }.into_any(),
                Load::Idle | Load::Loading => view! { <p class="cc-loading" role="status">"Loading plugins…"</p> }.into_any(),
                Load::Failed(e) => view! {
                    <ErrorNotice message=e.message hint=e.hint detail=e.detail status=e.status testid="plugins-error"/>
                }.into_any(),
                Load::Ready(_) => {
                    let c = cluster.get();
                    let shown = rows.get().unwrap_or_default();
                    if shown.is_empty() {
                        return view! { <EmptyState title="No plugin matches" message="Change the search or show every plugin type." testid="plugins-empty"/> }.into_any();
                    }
                    view! {
                        <p class="cc-muted" role="status" data-testid="plugins-count">{format!("{} plugin(s)", shown.len())}</p>
                        <table class="cc-table" data-testid="plugins-table">
                            <caption class="cc-sr-only">"Installed plugins"</caption>
                            <thead><tr>
                                <th scope="col">"Class"</th><th scope="col">"Type"</th><th scope="col">"Version"</th>
                                <th scope="col"><span class="cc-sr-only">"Actions"</span></th>
                            </tr></thead>
                            <tbody>
                                {shown.into_iter().map(|p| {
                                    let connector = p.kind.is_connector();
                                    let href = plugin_path(&c, &p.class);
                                    let create = create_path(&c, &p.class);
                                    let class = p.class.clone();
                                    view! {
                                        <tr data-testid="plugin-row" data-class=p.class.clone()>
                                            <th scope="row">
                                                {if connector {
                                                    {
                                                        let text = class.clone();
                                                        view! { <A href=app_href(&href)><code>{text}</code></A> }.into_any()
                                                    }
                                                } else {
                                                    view! { <code>{class.clone()}</code> }.into_any()
                                                }}
                                            </th>
                                            <td><span class=format!("cc-type-tag cc-type-{}", p.kind.as_str())>{plugin_type_label(&p.kind)}</span></td>
                                            <td><code>{p.version.clone().unwrap_or_else(|| "—".into())}</code></td>
                                            <td class="cc-row-actions">
                                                {(connector && !read_only.get()).then(|| {
                                                    let aria = format!("Create a connector of {class}");
                                                    view! { <A href=app_href(&create) attr:class="cc-btn cc-btn-small" attr:aria-label=aria>"Create connector"</A> }
                                                })}
                                            </td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    }.into_any()
                }
            }}
        </section>
    }
}
