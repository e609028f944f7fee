//! The error summary above the form: how many problems the last validation and the local
//! checks found, and one link per field that moves focus to it (opening its "Advanced"
//! disclosure when needed). Server errors on keys without a definition are listed too.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::form::{anchor_id, FormModel};

/// Moves focus to the input of `key`, opening a closed `<details>` around it.
pub fn focus_field(key: &str) {
    let id = anchor_id(key);
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Some(el) = doc.get_element_by_id(&id) else {
        return;
    };
    if let Ok(Some(details)) = el.closest("details") {
        let _ = details.set_attribute("open", "");
    }
    // Lists render a container with the id; focus its add input.
    let target = if el.tag_name().eq_ignore_ascii_case("div") {
        el.query_selector("input, select, textarea")
            .ok()
            .flatten()
            .unwrap_or(el)
    } else {
        el
    };
    target.scroll_into_view_with_bool(false);
    if let Ok(h) = target.dyn_into::<web_sys::HtmlElement>() {
        let _ = h.focus();
    }
}

#[component]
pub fn ValidationSummary(
    form: RwSignal<FormModel>,
    /// Shows the form (when the raw editor is up) before a link moves focus into it; true
    /// when it had to switch (the field then exists only from the next frame).
    #[prop(optional)]
    show_form: Option<Callback<(), bool>>,
) -> impl IntoView {
    let summary = Memo::new(move |_| form.with(|m| m.errors()));
    let total = move || summary.with(|s| s.total());
    let heading = move || match total() {
        1 => "1 problem to fix".to_string(),
        n => format!("{n} problems to fix"),
    };
    view! {
        <div class="validation-summary" role="region" aria-label="Validation errors"
            data-testid="validation-summary" hidden=move || summary.with(|s| s.is_empty())>
            <h2 class="vs-title" data-testid="error-count">{heading}</h2>
            <ul class="vs-list">
                <For each=move || summary.get().entries key=|e| (e.key.clone(), e.messages.clone()) let:entry>
                    {
                        let key = entry.key.clone();
                        let label = if entry.label.is_empty() { entry.key.clone() } else { entry.label.clone() };
                        let note = (!entry.visible).then_some(" (hidden by the plugin)");
                        let msg = entry.messages.join(" ");
                        view! {
                            <li>
                                <button type="button" class="vs-link" data-testid="error-link"
                                    data-key=key.clone()
                                    on:click={
                                        let key = key.clone();
                                        move |_| {
                                            if show_form.is_some_and(|show| show.run(())) {
                                                // The form renders on the next frame.
                                                let key = key.clone();
                                                request_animation_frame(move || focus_field(&key));
                                            } else {
                                                focus_field(&key);
                                            }
                                        }
                                    }>{label}</button>
                                {note}
                                ": "
                                <span class="vs-message">{msg}</span>
                            </li>
                        }
                    }
                </For>
            </ul>
        </div>
    }
}
