//! "Set offsets as JSON": the `PATCH …/offsets` body typed or pasted, for partitions the
//! table does not list yet (the KIP-875 sequence: create STOPPED, set the starting offsets,
//! resume) or many at once. It starts from the current offsets (or an example in the
//! connector kind's shape), is checked before anything is sent, and runs through the same
//! confirmation and guided flow as the table's edits.

use leptos::prelude::*;

use crate::components::offsets_confirm::OffsetsConfirm;
use crate::protocol::{ConnectorOffsets, ConnectorType};
use crate::state::detail::{
    offsets_change_label, offsets_json_items, offsets_json_template, parse_offsets_json,
    OffsetsPlan,
};

#[component]
pub fn OffsetsJson(
    #[prop(into)] name: Signal<String>,
    /// The offsets last read (empty when there are none).
    #[prop(into)]
    current: Signal<ConnectorOffsets>,
    #[prop(into)] kind: Signal<ConnectorType>,
    #[prop(into)] plan: Signal<OffsetsPlan>,
    /// A flow is running: applying is disabled.
    #[prop(into)]
    running: Signal<bool>,
    /// `(alter request, label of the change)`.
    on_change: Callback<(Option<ConnectorOffsets>, String)>,
) -> impl IntoView {
    let text = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let pending = RwSignal::new(None::<ConnectorOffsets>);
    let confirm_open = RwSignal::new(false);

    let fill = move || {
        text.set(offsets_json_template(
            &current.get_untracked(),
            kind.get_untracked(),
        ))
    };
    let apply = move |_| match parse_offsets_json(&text.get_untracked()) {
        Ok(req) => {
            error.set(None);
            pending.set(Some(req));
            confirm_open.set(true);
        }
        Err(e) => error.set(Some(e)),
    };
    let label = move || {
        pending.with(|p| offsets_change_label(false, p.as_ref().map_or(0, |p| p.offsets.len())))
    };
    let steps = Signal::derive(move || {
        let mut items = plan.get().steps(&label());
        pending.with(|p| items.extend(p.iter().flat_map(offsets_json_items)));
        items
    });

    view! {
        <details class="cc-offsets-json" data-testid="offsets-json"
            on:toggle=move |ev| {
                use wasm_bindgen::JsCast;
                let opened = ev
                    .target()
                    .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                    .is_some_and(|d| d.has_attribute("open"));
                if opened && text.with_untracked(String::is_empty) {
                    fill();
                }
            }>
            <summary>"Set offsets as JSON…"</summary>
            <p class="cc-muted">
                "The body of PATCH …/offsets. Each partition listed gets its offset (null resets it); \
                 partitions not listed keep theirs. A connector created STOPPED can be given its \
                 starting offsets here."
            </p>
            <label class="cc-sr-only" for="offsets-json-text">"Offsets as JSON"</label>
            <textarea id="offsets-json-text" class="cf-input cf-textarea cc-offsets-json-text" rows="10"
                spellcheck="false" data-testid="offsets-json-text"
                aria-invalid=move || if error.with(Option::is_some) { "true" } else { "false" }
                aria-describedby="offsets-json-error"
                prop:value=move || text.get()
                on:input=move |ev| text.set(event_target_value(&ev))></textarea>
            <p class="cf-errors" id="offsets-json-error" role="alert" data-testid="offsets-json-error"
                hidden=move || error.with(Option::is_none)>
                {move || error.get().unwrap_or_default()}
            </p>
            <div class="cc-panel-toolbar">
                <button type="button" class="cc-btn cc-btn-small" data-testid="offsets-json-apply"
                    prop:disabled=move || running.get() on:click=apply>"Apply…"</button>
                <button type="button" class="cc-btn cc-btn-small cc-btn-link"
                    prop:disabled=move || running.get() on:click=move |_| { error.set(None); fill(); }>
                    "Start again from the current offsets"
                </button>
            </div>
        </details>
        <OffsetsConfirm
            open=confirm_open
            name=name
            plan=plan
            steps=steps
            on_confirm=Callback::new(move |_| {
                if let Some(p) = pending.get_untracked() {
                    on_change.run((Some(p), label()));
                }
            })
            testid="confirm-offsets-json"
        />
    }
}
