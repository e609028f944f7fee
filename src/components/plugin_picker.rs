//! Choosing a connector plugin: a search box over the cluster's source and sink plugins, each
//! shown with its short name, full class, type and version. Each plugin is a button: Tab moves
//! through them and Enter or Space picks one (a radio group would pick on every arrow key,
//! leaving the page before the operator has read the list).

use leptos::prelude::*;

use crate::protocol::model::PluginInfo;

fn short_name(class: &str) -> &str {
    class.rsplit('.').next().unwrap_or(class)
}

fn matches(p: &PluginInfo, q: &str) -> bool {
    let q = q.trim().to_ascii_lowercase();
    q.is_empty() || p.class.to_ascii_lowercase().contains(&q) || p.kind.as_str().contains(&q)
}

#[component]
pub fn PluginPicker(
    #[prop(into)] plugins: Signal<Vec<PluginInfo>>,
    #[prop(into)] selected: Signal<Option<String>>,
    on_pick: Callback<String>,
) -> impl IntoView {
    let query = RwSignal::new(String::new());
    let shown = Memo::new(move |_| {
        let q = query.get();
        plugins.with(|ps| {
            ps.iter()
                .filter(|p| p.kind.is_connector() && matches(p, &q))
                .cloned()
                .collect::<Vec<_>>()
        })
    });
    let count = move || {
        let (n, all) = (
            shown.with(Vec::len),
            plugins.with(|p| p.iter().filter(|p| p.kind.is_connector()).count()),
        );
        if n == all {
            format!("{all} connector plugins")
        } else {
            format!("{n} of {all} connector plugins")
        }
    };
    view! {
        <div class="plugin-picker" data-testid="plugin-picker">
            <div class="pp-search">
                <label for="plugin-search" class="cf-label">"Search plugins"</label>
                <input id="plugin-search" type="search" class="cf-input" autocomplete="off"
                    placeholder="Class name, e.g. FileStream, Mirror, source"
                    data-testid="plugin-search" prop:value=move || query.get()
                    on:input=move |ev| query.set(event_target_value(&ev))/>
                <span class="pp-count" aria-live="polite">{count}</span>
            </div>
            <div class="pp-list" role="group" aria-label="Connector plugin">
                <For each=move || shown.get() key=|p| p.class.clone() let:p>
                    {
                        let class = p.class.clone();
                        let c2 = class.clone();
                        let c3 = class.clone();
                        let is_sel = Memo::new(move |_| selected.get().as_deref() == Some(c2.as_str()));
                        let kind = p.kind.as_str().to_string();
                        let version = p.version.clone().unwrap_or_default();
                        view! {
                            <button type="button" class="pp-item" class:pp-selected=move || is_sel.get()
                                aria-pressed=move || if is_sel.get() { "true" } else { "false" }
                                data-testid="plugin-option" data-class=class.clone()
                                on:click=move |_| on_pick.run(c3.clone())>
                                <span class="pp-dot" aria-hidden="true"></span>
                                <span class="pp-name">{short_name(&class).to_string()}</span>
                                <span class=format!("pp-kind pp-kind-{kind}")>{kind.clone()}</span>
                                <span class="pp-version">{(!version.is_empty()).then(|| format!("v{version}"))}</span>
                                <code class="pp-class">{class.clone()}</code>
                            </button>
                        }
                    }
                </For>
            </div>
        </div>
    }
}
