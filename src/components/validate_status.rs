//! The live validation status of the form: idle (with the last round-trip time), validating,
//! "still validating" with a Cancel button after a few seconds, cancelled, or the error of a
//! validate that failed (the form keeps the previous answer).

use leptos::prelude::*;
use thaw::{Button, ButtonAppearance, ButtonSize, Spinner, SpinnerSize};

use crate::components::error_notice::ErrorNotice;
use crate::stores::form::FormStore;

#[component]
pub fn ValidateStatus(store: FormStore) -> impl IntoView {
    let validated = Memo::new(move |_| store.model.with(|m| m.validated()));
    let idle_text = move || {
        let count = store.model.with(|m| m.errors().total());
        let ms = store
            .last_validate_ms
            .get()
            .map(|ms| format!(" (validated in {} ms)", ms.round()))
            .unwrap_or_default();
        if !validated.get() {
            String::new()
        } else if store.validate_error.with(Option::is_some) {
            // The last answer is older than the config now in the form.
            "The current config has not been validated: the last validation failed.".to_string()
        } else if count == 0 {
            format!("The cluster accepts this configuration{ms}.")
        } else {
            format!("Validated{ms}.")
        }
    };
    view! {
        <div class="validate-status" role="status" aria-live="polite" data-testid="validate-status">
            {move || {
                if store.validating.get() {
                    let slow = store.slow.get();
                    view! {
                        <span class="vst-busy" data-testid="validating">
                            <Spinner size=SpinnerSize::ExtraTiny/>
                            {if slow { " Still validating — the cluster is slow to answer." } else { " Validating…" }}
                        </span>
                        {slow.then(|| view! {
                            <Button size=ButtonSize::Small appearance=ButtonAppearance::Secondary
                                attr:data-testid="cancel-validate"
                                on_click=move |_| store.cancel_validation()>"Cancel"</Button>
                        })}
                    }
                    .into_any()
                } else if store.validate_cancelled.get() {
                    view! {
                        <span class="vst-note" data-testid="validate-cancelled">
                            "Validation cancelled. The next change validates again."
                        </span>
                        <Button size=ButtonSize::Small appearance=ButtonAppearance::Subtle
                            on_click=move |_| store.validate_now()>"Validate now"</Button>
                    }
                    .into_any()
                } else {
                    view! { <span class="vst-note">{idle_text}</span> }.into_any()
                }
            }}
            {move || store.validate_error.get().map(|e| view! {
                <ErrorNotice message=e.message.clone() hint=e.hint.clone() detail=e.detail.clone()
                    status=e.status title="Validation failed" compact=true testid="validate-error"/>
            })}
        </div>
    }
}
