//! The keyboard shortcuts help: a modal listing every global shortcut (opened with `?`).

use leptos::html;
use leptos::prelude::*;

use crate::state::shortcuts::Shortcut;

#[component]
pub fn ShortcutsHelp(open: RwSignal<bool>) -> impl IntoView {
    let dialog_ref = NodeRef::<html::Dialog>::new();
    Effect::new(move |_| {
        let want = open.get();
        let Some(dialog) = dialog_ref.get() else {
            return;
        };
        if want && !dialog.open() {
            let _ = dialog.show_modal();
        } else if !want && dialog.open() {
            dialog.close();
        }
    });
    view! {
        <dialog
            node_ref=dialog_ref
            class="cc-dialog"
            data-testid="shortcuts-help"
            aria-labelledby="cc-shortcuts-title"
            on:close=move |_| open.set(false)
        >
            <div class="cc-dialog-form">
                <h2 class="cc-dialog-title" id="cc-shortcuts-title">"Keyboard shortcuts"</h2>
                <p class="cc-dialog-desc">"They work anywhere except while typing in a field."</p>
                <table class="cc-shortcuts">
                    <thead>
                        <tr><th scope="col">"Key"</th><th scope="col">"Action"</th></tr>
                    </thead>
                    <tbody>
                        {Shortcut::ALL
                            .into_iter()
                            .map(|s| view! {
                                <tr>
                                    <td><kbd>{s.key_label()}</kbd></td>
                                    <td>{s.description()}</td>
                                </tr>
                            })
                            .collect_view()}
                        <tr><td><kbd>"Esc"</kbd></td><td>"Close a dialog"</td></tr>
                    </tbody>
                </table>
                <div class="cc-dialog-actions">
                    <button
                        type="button"
                        class="cc-btn cc-btn-primary"
                        data-testid="shortcuts-close"
                        autofocus=true
                        on:click=move |_| open.set(false)
                    >
                        "Close"
                    </button>
                </div>
            </div>
        </dialog>
    }
}
