//! The configuration step shared by the create and edit pages: the "Form" / "JSON /
//! .properties" tabs, the draft notice, the validate status, the error summary, and the
//! generated form or the raw editor on the store's model.

use leptos::prelude::*;

use crate::components::connector_form::ConnectorForm;
use crate::components::draft_notice::DraftNotice;
use crate::components::raw_editor::{RawEditor, UnappliedText};
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
    // Raw text that does not parse: kept while the form is shown (see `RawEditor`).
    let unapplied = RwSignal::new(None::<UnappliedText>);
    view! {
        <section class="fp-step" aria-labelledby="step-config">
            <div class="fp-step-head">
                <h2 id="step-config" class="fp-step-title">{title}</h2>
                <div role="tablist" aria-label="Editor" class="raw-tabs">
                    <button type="button" role="tab" class="raw-tab" data-testid="tab-form"
                        aria-selected=move || if view_mode.get() == "form" { "true" } else { "false" }
                        on:click=move |_| if view_mode.get_untracked() != "form" { view_mode.set("form") }>"Form"</button>
                    <button type="button" role="tab" class="raw-tab" data-testid="tab-raw"
                        aria-selected=move || if view_mode.get() == "raw" { "true" } else { "false" }
                        on:click=move |_| if view_mode.get_untracked() != "raw" { view_mode.set("raw") }>"JSON / .properties"</button>
                </div>
            </div>
            <DraftNotice store/>
            <ValidateStatus store/>
            <ValidationSummary form=store.model show_form=Callback::new(move |_| {
                let switch = view_mode.get_untracked() != "form";
                if switch { view_mode.set("form") }
                switch
            })/>
            {move || (view_mode.get() == "form").then(|| unapplied.get()).flatten().map(|u| view! {
                <p class="fp-unapplied" role="status" data-testid="raw-unapplied">
                    {format!("Your {} text does not parse, so none of it was applied to this form. ", u.format_label())}
                    <button type="button" class="cf-link-button" on:click=move |_| view_mode.set("raw")>"Back to the text"</button>
                    " · "
                    <button type="button" class="cf-link-button" data-testid="raw-unapplied-discard"
                        on:click=move |_| unapplied.set(None)>"Discard it"</button>
                </p>
            })}
            {move || if view_mode.get() == "form" {
                view! {
                    <ConnectorForm form=store.model exclude=exclude.get_value()
                        no_validation=Signal::derive(move || store.no_validation_note())/>
                }.into_any()
            } else {
                view! { <RawEditor form=store.model unapplied/> }.into_any()
            }}
        </section>
    }
}
