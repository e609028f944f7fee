//! A connector's (or task's) config as a key/value table with secrets masked: PASSWORD-typed
//! keys (from the plugin's definitions), `${provider:...}` references and secret-looking
//! names show `[hidden]` and are never put in the DOM, the clipboard or a copy.

use leptos::prelude::*;

use crate::form::secret::SecretPolicy;
use crate::protocol::ConfigMap;
use crate::state::detail::masked_config;

#[component]
pub fn ConfigView(
    #[prop(into)] config: Signal<ConfigMap>,
    #[prop(into)] policy: Signal<SecretPolicy>,
    /// Accessible caption of the table ("Config of file-source").
    #[prop(into)]
    caption: Signal<String>,
    #[prop(optional, into)] testid: Option<String>,
) -> impl IntoView {
    let lines = Memo::new(move |_| policy.with(|p| config.with(|c| masked_config(c, p))));
    let testid = testid.unwrap_or_else(|| "config-view".to_string());
    view! {
        <table class="cc-table cc-config-table" data-testid=testid>
            <caption class="cc-sr-only">{move || caption.get()}</caption>
            <thead>
                <tr><th scope="col">"Key"</th><th scope="col">"Value"</th></tr>
            </thead>
            <tbody>
                <For each=move || lines.get() key=|l| (l.key.clone(), l.shown.clone()) let(line)>
                    <tr data-testid="config-row" data-key=line.key.clone() data-secret=line.secret.to_string()>
                        <th scope="row" class="cc-config-key"><code>{line.key.clone()}</code></th>
                        <td class="cc-config-value">
                            {if line.secret {
                                view! {
                                    <span class="cc-secret" data-testid="config-secret">
                                        <code>{line.shown.clone()}</code>
                                        <span class="cc-secret-tag">
                                            {if line.reference { "provider reference" } else { "secret" }}
                                        </span>
                                    </span>
                                }.into_any()
                            } else {
                                view! { <code class="cc-config-text">{line.shown.clone()}</code> }.into_any()
                            }}
                        </td>
                    </tr>
                </For>
            </tbody>
        </table>
    }
}
