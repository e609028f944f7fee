//! The notice shown when a form was restored from a draft saved in this browser: when it was
//! saved, which secrets must be typed again (drafts never hold secrets), what changed on the
//! server since (edit), and a button to discard it.

use leptos::prelude::*;

use crate::stores::form::FormStore;

fn ago(saved_at_ms: u64) -> String {
    let now = js_sys::Date::now() as u64;
    let s = now.saturating_sub(saved_at_ms) / 1000;
    match s {
        0..=59 => "less than a minute ago".to_string(),
        60..=3599 => format!("{} min ago", s / 60),
        _ => format!("{} h ago", s / 3600),
    }
}

#[component]
pub fn DraftNotice(store: FormStore) -> impl IntoView {
    view! {
        {move || store.restored.get().map(|d| {
            let secrets = d.reenter_secrets.clone();
            let server: Vec<String> =
                d.live_changes.server_changes.iter().map(|c| c.key.clone()).collect();
            view! {
                <div class="draft-notice" role="status" data-testid="draft-restored">
                    <p>
                        <strong>"Draft restored"</strong>
                        {format!(" — saved in this browser {}.", ago(d.saved_at_ms))}
                        " Drafts never contain secrets."
                    </p>
                    {(!secrets.is_empty()).then(|| view! {
                        <p data-testid="draft-reenter">"Type these secrets again: " <code>{secrets.join(", ")}</code></p>
                    })}
                    {(!server.is_empty()).then(|| view! {
                        <p data-testid="draft-server-changes">
                            "Changed on the server since this draft (secrets not compared): "
                            <code>{server.join(", ")}</code>
                            "; review before saving."
                        </p>
                    })}
                    <button type="button" class="cf-button" data-testid="discard-draft"
                        on:click=move |_| store.discard_draft()>"Discard draft"</button>
                </div>
            }
        })}
    }
}
