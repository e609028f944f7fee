//! The configuration step shared by the create and edit pages: the "Form" / "JSON /
//! .properties" tabs, the draft notice, the validate status, the error summary, and the
//! generated form or the raw editor on the store's model.

use leptos::prelude::*;

use crate::components::connector_form::ConnectorForm;
use crate::components::draft_notice::DraftNotice;
use crate::components::raw_editor::RawEditor;
use crate::components::validate_status::ValidateStatus;
use crate::components::validation_summary::ValidationSummary;
use crate::stores::form::FormStore;

#[component]
pub fn FormEditor(
    store: FormStore,
    /// The step's heading ("3. Configuration").
    title: &'static str,
    /// Keys the page edits elsewhere (the name, the class), left out of the form.
    exclude: Vec<String>,
) -> impl IntoView {
    let view_mode = RwSignal::new("form");
    let exclude = StoredValue::new(exclude);
    view! {
        <section class="fp-step" aria-labelledby="step-config">
            <div class="fp-step-head">
                <h2 id="step-config" class="fp-step-title">{title}</h2>
                <div role="tablist" aria-label="Editor" class="raw-tabs">
                    <button type="button" role="tab" class="raw-tab" data-testid="tab-form"
                        aria-selected=move || if view_mode.get() == "form" { "true" } else { "false" }
                        on:click=move |_| view_mode.set("form")>"Form"</button>
                    <button type="button" role="tab" class="raw-tab" data-testid="tab-raw"
                        aria-selected=move || if view_mode.get() == "raw" { "true" } else { "false" }
                        on:click=move |_| view_mode.set("raw")>"JSON / .properties"</button>
                </div>
            </div>
            <DraftNotice store/>
            <ValidateStatus store/>
            <ValidationSummary form=store.model/>
            {move || if view_mode.get() == "form" {
                view! {
                    <ConnectorForm form=store.model exclude=exclude.get_value()
                        no_validation=Signal::derive(move || store.no_validation_note())/>
                }.into_any()
            } else {
                view! { <RawEditor form=store.model/> }.into_any()
            }}
        </section>
    }
}
