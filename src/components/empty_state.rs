//! The empty state: a title, one sentence that says what to do next, and optional actions
//! (links or buttons) as children.

use leptos::prelude::*;

#[component]
pub fn EmptyState(
    #[prop(into)] title: Signal<String>,
    #[prop(optional, into)] message: MaybeProp<String>,
    /// `data-testid` of the block (default `empty-state`).
    #[prop(optional, into)]
    testid: Option<String>,
    #[prop(optional)] children: Option<Children>,
) -> impl IntoView {
    let testid = testid.unwrap_or_else(|| "empty-state".to_string());
    view! {
        <div class="cc-empty" data-testid=testid role="status">
            <p class="cc-empty-title">{move || title.get()}</p>
            {move || message.get().map(|m| view! { <p class="cc-empty-message">{m}</p> })}
            {children.map(|c| view! { <div class="cc-empty-actions">{c()}</div> })}
        </div>
    }
}
