//! The error notice: an error's one-line message, its hint (what to do), and the server's raw
//! detail behind an expander with a copy button. Pass an `ApiError`'s fields:
//! `<ErrorNotice message=e.message hint=e.hint detail=e.detail status=e.status/>`.

use leptos::prelude::*;

use crate::components::copy_button::CopyButton;

#[component]
pub fn ErrorNotice(
    #[prop(into)] message: Signal<String>,
    #[prop(optional, into)] hint: MaybeProp<String>,
    /// The server's raw text (multi-line); shown only when expanded.
    #[prop(optional, into)]
    detail: MaybeProp<String>,
    /// HTTP status, shown as a small tag when present.
    #[prop(optional, into)]
    status: MaybeProp<u16>,
    /// Heading above the message (e.g. "Could not reach alpha").
    #[prop(optional, into)]
    title: MaybeProp<String>,
    /// A smaller variant for table cells and result lists.
    #[prop(optional)]
    compact: bool,
    #[prop(optional, into)] testid: Option<String>,
) -> impl IntoView {
    let testid = testid.unwrap_or_else(|| "error-notice".to_string());
    let class = if compact {
        "cc-error cc-error-compact"
    } else {
        "cc-error"
    };
    view! {
        <div class=class data-testid=testid role="alert">
            <span class="cc-error-icon" aria-hidden="true">"✕"</span>
            <div class="cc-error-body">
                {move || title.get().map(|t| view! { <p class="cc-error-title">{t}</p> })}
                <p class="cc-error-message" data-testid="error-message">
                    {move || message.get()}
                    // Not repeated when the message already names it ("… (HTTP 200)").
                    {move || status.get()
                        .map(|s| format!("HTTP {s}"))
                        .filter(|tag| !message.with(|m| m.contains(tag.as_str())))
                        .map(|tag| view! { " " <span class="cc-error-status">{tag}</span> })}
                </p>
                {move || hint.get().filter(|h| !h.trim().is_empty()).map(|h| view! {
                    <p class="cc-error-hint" data-testid="error-hint">{h}</p>
                })}
                {move || detail.get().filter(|d| !d.trim().is_empty()).map(|d| {
                    let copy = d.clone();
                    view! {
                        <details class="cc-error-detail">
                            <summary>"Raw detail"</summary>
                            <pre data-testid="error-detail">{d}</pre>
                            <CopyButton text=copy label="Copy the raw error detail"/>
                        </details>
                    }
                })}
            </div>
        </div>
    }
}
