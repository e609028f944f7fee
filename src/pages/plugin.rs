//! `/clusters/:cluster/plugins/:plugin`: one plugin's config definition, grouped like the
//! connector form (`form::FormLayout`): name, type, default, importance and documentation per
//! key, and a "Create connector" button to `/new?cluster=..&plugin=..`.

use leptos::prelude::*;

use crate::app::app_href;
use leptos_router::components::A;

use crate::components::empty_state::EmptyState;
use crate::components::error_notice::ErrorNotice;
use crate::form::layout::FormLayout;
use crate::state::detail::create_path;
use crate::stores::detail::Load;
use crate::stores::plugins::PluginsStore;
use crate::stores::{use_clusters, use_connectors};

#[component]
pub fn PluginPage() -> impl IntoView {
    let identity = crate::web::route::use_route_identity("plugins", "plugin");
    move || {
        let (cluster, class) = identity.get();
        view! { <PluginDetail cluster class/> }
    }
}

#[component]
fn PluginDetail(cluster: String, class: String) -> impl IntoView {
    let registry = use_clusters();
    let store = PluginsStore::new(registry, use_connectors());
    {
        let (cluster, class) = (cluster.clone(), class.clone());
        // Once the cluster is known (config.json may still be loading on a cold open).
        Effect::new(move |done: Option<bool>| {
            if done == Some(true) {
                return true;
            }
            if registry.cluster(&cluster).is_some() {
                store.load_definition(&cluster, &class);
                return true;
            }
            false
        });
    }
    let layout = store.layout();
    let short = class.rsplit('.').next().unwrap_or(&class).to_string();
    let cluster_name = {
        let cluster = cluster.clone();
        Signal::derive(move || {
            registry
                .cluster(&cluster)
                .map(|c| c.name)
                .unwrap_or_else(|| cluster.clone())
        })
    };
    // The runtime config has loaded and has no such cluster: nothing will ever load here.
    let unknown_cluster = {
        let cluster = cluster.clone();
        Memo::new(move |_| registry.config_loaded().get() && registry.cluster(&cluster).is_none())
    };
    let create = create_path(&cluster, &class);
    let read_only = registry.read_only();
    let plugins_href = crate::state::detail::picker_path("/plugins", &cluster);
    view! {
        <section class="cc-page-section" data-testid="plugin-page" aria-labelledby="cc-plugin-title">
            <nav class="cc-breadcrumb" aria-label="Breadcrumb">
                <A href=app_href(&plugins_href)>"Plugins"</A>
                <span aria-hidden="true">" / "</span>
                <span>{move || cluster_name.get()}</span>
            </nav>
            <div class="cc-detail-title-row">
                <h1 id="cc-plugin-title" class="cc-detail-title" data-testid="plugin-title" title=class.clone()>{short}</h1>
                <Show when=move || !read_only.get() && !unknown_cluster.get()>
                    <A href=app_href(&create) attr:class="cc-btn cc-btn-primary" attr:data-testid="plugin-create">"Create connector"</A>
                </Show>
            </div>
            <p><code class="cc-muted" data-testid="plugin-class">{class.clone()}</code></p>
            {
                let cluster = cluster.clone();
                move || unknown_cluster.get().then(|| view! {
                    <EmptyState title="Unknown cluster" message=format!("No cluster with the id “{cluster}” is configured. Add it in Settings.") testid="plugin-unknown-cluster">
                        <A href=app_href("/settings")>"Settings"</A>
                    </EmptyState>
                })
            }
            {move || (!unknown_cluster.get()).then(|| match layout.get() {
                Load::Idle | Load::Loading => view! { <p class="cc-loading" role="status">"Loading the config definition…"</p> }.into_any(),
                Load::Failed(e) => view! {
                    <ErrorNotice message=e.message hint=e.hint detail=e.detail status=e.status testid="plugin-error"/>
                }.into_any(),
                Load::Ready(l) => definition_view(l),
            })}
        </section>
    }
}

fn definition_view(layout: FormLayout) -> AnyView {
    let total = layout.fields.len();
    view! {
        <p class="cc-muted" data-testid="plugin-key-count">{format!("{total} config keys in {} group(s)", layout.sections.len())}</p>
        {layout.sections.iter().map(|s| {
            let fields: Vec<_> = s.keys.iter().filter_map(|k| layout.fields.get(k).cloned()).collect();
            view! {
                <section class="cc-def-group" data-testid="plugin-group" data-group=s.title.clone()>
                    <h2 class="cc-h2">{s.title.clone()}</h2>
                    <table class="cc-table cc-def-table">
                        <caption class="cc-sr-only">{format!("Config keys of the group {}", s.title)}</caption>
                        <thead><tr>
                            <th scope="col">"Name"</th><th scope="col">"Type"</th><th scope="col">"Default"</th>
                            <th scope="col">"Importance"</th><th scope="col">"Documentation"</th>
                        </tr></thead>
                        <tbody>
                            {fields.into_iter().map(|f| view! {
                                <tr data-testid="plugin-key" data-key=f.key.clone()>
                                    <th scope="row">
                                        <code>{f.key.clone()}</code>
                                        {f.required.then(|| view! { <span class="cc-required" title="Required">" required"</span> })}
                                        {(f.display_name != f.key).then(|| view! { <div class="cc-muted cc-small">{f.display_name.clone()}</div> })}
                                    </th>
                                    <td><code>{type_label(&f.ty)}</code></td>
                                    <td><code>{f.default_value.clone().filter(|d| !d.is_empty()).unwrap_or_else(|| "—".into())}</code></td>
                                    <td>{format!("{:?}", f.importance).to_ascii_uppercase()}</td>
                                    <td class="cc-doc">{f.documentation.clone()}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </section>
            }
        }).collect_view()}
    }
    .into_any()
}

fn type_label(t: &crate::form::types::ConfigType) -> String {
    match t {
        crate::form::types::ConfigType::Other(s) => s.clone(),
        other => format!("{other:?}").to_ascii_uppercase(),
    }
}
