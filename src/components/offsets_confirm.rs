//! The confirmation before an offsets change made in the table or typed as JSON: the guided
//! flow's steps for the connector's state ([`OffsetsPlan`]) and what changes, written once for
//! both ways in.

use leptos::prelude::*;

use crate::components::confirm_dialog::ConfirmDialog;
use crate::state::detail::OffsetsPlan;

#[component]
pub fn OffsetsConfirm(
    open: RwSignal<bool>,
    /// The connector's name, for the title.
    #[prop(into)]
    name: Signal<String>,
    #[prop(into)] plan: Signal<OffsetsPlan>,
    /// The steps, then the partitions that change.
    #[prop(into)]
    steps: Signal<Vec<String>>,
    on_confirm: Callback<()>,
    testid: &'static str,
) -> impl IntoView {
    view! {
        <ConfirmDialog
            open=open
            title=Signal::derive(move || format!("Change the offsets of {}?", name.get()))
            message=Signal::derive(move || Some(plan.get().confirm_message()))
            items=steps
            confirm_label="Run these steps"
            on_confirm=on_confirm
            testid=testid
        />
    }
}
