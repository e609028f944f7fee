//! A config diff as a table: added, changed and removed keys with old and new values. Secret
//! values arrive already masked from the form model ([`crate::form::DiffEntry`]); this view
//! prints them as they are and marks the row as secret.

use leptos::prelude::*;

use crate::form::{ChangeKind, DiffEntry};

fn kind_label(k: ChangeKind) -> &'static str {
    match k {
        ChangeKind::Added => "added",
        ChangeKind::Changed => "changed",
        ChangeKind::Removed => "removed",
    }
}

#[component]
pub fn ConfigDiff(
    #[prop(into)] entries: Signal<Vec<DiffEntry>>,
    /// The table's accessible caption.
    #[prop(into)]
    caption: String,
    #[prop(optional, into)] testid: Option<String>,
) -> impl IntoView {
    let counts = move || {
        entries.with(|e| {
            let n = |k| e.iter().filter(|x| x.kind == k).count();
            format!(
                "{} added, {} changed, {} removed",
                n(ChangeKind::Added),
                n(ChangeKind::Changed),
                n(ChangeKind::Removed)
            )
        })
    };
    view! {
        <div class="config-diff" data-testid=testid.unwrap_or_else(|| "config-diff".into())>
            <p class="diff-counts" data-testid="diff-counts">{counts}</p>
            <p class="cf-help" hidden=move || !entries.with(Vec::is_empty)>"No differences."</p>
            <table class="diff-table" hidden=move || entries.with(Vec::is_empty)>
                <caption class="visually-hidden">{caption}</caption>
                <thead>
                    <tr><th scope="col">"Key"</th><th scope="col">"Change"</th><th scope="col">"Before"</th><th scope="col">"After"</th></tr>
                </thead>
                <tbody>
                    <For each=move || entries.get() key=|e| (e.key.clone(), e.kind, e.old.clone(), e.new.clone()) let:e>
                        <tr class=format!("diff-row diff-{}", kind_label(e.kind)) data-testid="diff-row" data-key=e.key.clone()
                            data-kind=kind_label(e.kind)>
                            <th scope="row"><code>{e.key.clone()}</code>
                                {e.secret.then(|| view! { <span class="diff-secret" title="secret: value masked">" 🔒"</span> })}
                            </th>
                            <td><span class=format!("diff-kind diff-kind-{}", kind_label(e.kind))>{kind_label(e.kind)}</span></td>
                            <td class="diff-old"><code>{e.old.clone().unwrap_or_else(|| "—".into())}</code></td>
                            <td class="diff-new"><code>{e.new.clone().unwrap_or_else(|| "—".into())}</code></td>
                        </tr>
                    </For>
                </tbody>
            </table>
        </div>
    }
}
