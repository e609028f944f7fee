//! The copy button: puts a text on the clipboard and confirms it in a polite live region
//! ("Copied" or why it failed), so screen-reader users hear the result too.

use leptos::prelude::*;
use std::time::Duration;
use wasm_bindgen_futures::{spawn_local, JsFuture};

/// Outcome shown next to the button for a couple of seconds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum CopyOutcome {
    Idle,
    Copied,
    Failed,
}

/// The async clipboard, absent in insecure contexts (plain http on a non-loopback host).
fn clipboard() -> Option<web_sys::Clipboard> {
    let navigator = window().navigator();
    let value = js_sys::Reflect::get(&navigator, &"clipboard".into()).ok()?;
    if value.is_undefined() || value.is_null() {
        return None;
    }
    Some(navigator.clipboard())
}

/// `label` is the accessible name ("Copy connector name"); `text` is read at click time. Never
/// pass secrets: the clipboard is outside the console's control.
#[component]
pub fn CopyButton(
    #[prop(into)] text: Signal<String>,
    #[prop(into)] label: Signal<String>,
    /// Visible text on the button (default "Copy").
    #[prop(optional, into)]
    caption: MaybeProp<String>,
    #[prop(optional, into)] testid: Option<String>,
) -> impl IntoView {
    let outcome = RwSignal::new(CopyOutcome::Idle);
    let generation = StoredValue::new(0u32);
    let testid = testid.unwrap_or_else(|| "copy-button".to_string());

    let on_click = move |_| {
        let value = text.get_untracked();
        generation.update_value(|g| *g = g.wrapping_add(1));
        let mine = generation.get_value();
        spawn_local(async move {
            let ok = match clipboard() {
                Some(clipboard) => JsFuture::from(clipboard.write_text(&value)).await.is_ok(),
                None => false,
            };
            outcome.set(if ok {
                CopyOutcome::Copied
            } else {
                CopyOutcome::Failed
            });
            set_timeout(
                move || {
                    if generation.try_get_value() == Some(mine) {
                        outcome.try_set(CopyOutcome::Idle);
                    }
                },
                Duration::from_millis(2500),
            );
        });
    };

    view! {
        <span class="cc-copy">
            <button
                type="button"
                class="cc-btn cc-btn-small cc-copy-button"
                data-testid=testid
                aria-label=move || label.get()
                title=move || label.get()
                on:click=on_click
            >
                {move || match outcome.get() {
                    CopyOutcome::Copied => "Copied ✓".to_string(),
                    _ => caption.get().unwrap_or_else(|| "Copy".to_string()),
                }}
            </button>
            <span class="cc-copy-status" role="status" aria-live="polite">
                {move || match outcome.get() {
                    CopyOutcome::Idle => "",
                    CopyOutcome::Copied => "Copied to the clipboard",
                    CopyOutcome::Failed => {
                        "Copy failed: the browser refused clipboard access (it needs HTTPS or localhost)"
                    }
                }}
            </span>
        </span>
    }
}
