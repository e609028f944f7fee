//! The confirmation dialog for consequential actions. It names every affected item in a
//! scrollable list, can require typing a word (a count or a name) before the confirm button
//! unlocks, and takes optional extra controls (e.g. restart options) as children.
//!
//! It is a native modal `<dialog>` kept inside `.app-root` (so the theme applies): the browser
//! traps focus, Esc cancels, and the dialog is labelled by its title.

use std::sync::atomic::{AtomicU32, Ordering};

use leptos::html;
use leptos::prelude::*;

static NEXT_ID: AtomicU32 = AtomicU32::new(0);

#[component]
pub fn ConfirmDialog(
    /// Open state; the dialog sets it back to `false` when cancelled or confirmed.
    open: RwSignal<bool>,
    #[prop(into)] title: Signal<String>,
    /// The consequence, in one or two sentences.
    #[prop(optional, into)]
    message: MaybeProp<String>,
    /// Every affected item, each named (e.g. "alpha / file-source").
    #[prop(optional, into)]
    items: Signal<Vec<String>>,
    /// The confirm button's text ("Pause 3 connectors").
    #[prop(into)]
    confirm_label: Signal<String>,
    /// Red confirm button (deletes, resets). Reactive: one dialog can serve several actions
    /// (the bulk bar's pause and delete).
    #[prop(optional, into)]
    danger: MaybeProp<bool>,
    /// When set, the confirm button stays disabled until exactly this text is typed.
    #[prop(optional, into)]
    require_typing: MaybeProp<String>,
    on_confirm: Callback<()>,
    #[prop(optional)] on_cancel: Option<Callback<()>>,
    #[prop(optional, into)] testid: Option<String>,
    /// Extra controls shown between the list and the buttons.
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
    let id = NEXT_ID.fetch_add(1, Ordering::Relaxed);
    let title_id = format!("cc-confirm-title-{id}");
    let desc_id = format!("cc-confirm-desc-{id}");
    let (title_ref, desc_ref) = (title_id.clone(), desc_id.clone());
    let typed_id = format!("cc-confirm-typed-{id}");
    let testid = testid.unwrap_or_else(|| "confirm-dialog".to_string());
    let dialog_ref = NodeRef::<html::Dialog>::new();
    let typed = RwSignal::new(String::new());

    Effect::new(move |_| {
        let want = open.get();
        let Some(dialog) = dialog_ref.get() else {
            return;
        };
        if want && !dialog.open() {
            typed.set(String::new());
            let _ = dialog.show_modal();
        } else if !want && dialog.open() {
            dialog.close();
        }
    });

    let unlocked = move || match require_typing.get() {
        Some(word) => typed.with(|t| t.trim() == word.trim()),
        None => true,
    };
    let cancel = move || {
        open.set(false);
        if let Some(cb) = on_cancel {
            cb.run(());
        }
    };
    let confirm = move || {
        if !unlocked() {
            return;
        }
        open.set(false);
        on_confirm.run(());
    };

    let count = move || items.with(|i| i.len());
    let confirm_class = move || {
        if danger.get().unwrap_or(false) {
            "cc-btn cc-btn-danger"
        } else {
            "cc-btn cc-btn-primary"
        }
    };

    view! {
        <dialog
            node_ref=dialog_ref
            class="cc-dialog cc-confirm"
            data-testid=testid
            aria-labelledby=title_ref
            aria-describedby=desc_ref
            // Esc (or the browser closing it) is a cancel.
            on:close=move |_| {
                if open.get_untracked() {
                    cancel();
                }
            }
        >
            <form class="cc-dialog-form" method="dialog" on:submit=move |ev| {
                ev.prevent_default();
                confirm();
            }>
                <h2 class="cc-dialog-title" id=title_id>{move || title.get()}</h2>
                <div id=desc_id class="cc-dialog-desc">
                    {move || message.get().map(|m| view! { <p>{m}</p> })}
                    <Show when=move || { count() > 0 }>
                        <p class="cc-confirm-count" data-testid="confirm-count">
                            {move || match count() {
                                1 => "1 item:".to_string(),
                                n => format!("{n} items:"),
                            }}
                        </p>
                    </Show>
                </div>
                <Show when=move || { count() > 0 }>
                    <ul
                        class="cc-confirm-items"
                        data-testid="confirm-items"
                        tabindex="0"
                        aria-label=move || format!("Affected items ({})", count())
                    >
                        <For
                            each=move || items.get().into_iter().enumerate()
                            key=|(i, name)| (*i, name.clone())
                            let((_, name))
                        >
                            <li title=name.clone()>{name.clone()}</li>
                        </For>
                    </ul>
                </Show>
                {children.map(|c| view! { <div class="cc-dialog-extra">{c()}</div> })}
                {move || require_typing.get().map(|word| {
                    let typed_id = typed_id.clone();
                    view! {
                        <div class="cc-confirm-typing">
                            <label for=typed_id.clone()>
                                "Type " <strong>{word.clone()}</strong> " to confirm"
                            </label>
                            <input
                                id=typed_id
                                class="cc-input"
                                data-testid="confirm-typing"
                                autocomplete="off"
                                spellcheck="false"
                                prop:value=move || typed.get()
                                on:input=move |ev| typed.set(event_target_value(&ev))
                            />
                        </div>
                    }
                })}
                <div class="cc-dialog-actions">
                    <button
                        type="button"
                        class="cc-btn"
                        data-testid="confirm-cancel"
                        autofocus=true
                        on:click=move |_| cancel()
                    >
                        "Cancel"
                    </button>
                    <button
                        type="submit"
                        class=confirm_class
                        data-testid="confirm-ok"
                        prop:disabled=move || !unlocked()
                    >
                        {move || confirm_label.get()}
                    </button>
                </div>
            </form>
        </dialog>
    }
}
