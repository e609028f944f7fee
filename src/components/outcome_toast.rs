//! Shows action outcomes from the detail, plugin and logger stores as toasts (the server's
//! message on success; the error's message and hint on failure) and keeps the latest in a
//! polite live region on the page, so it can be read after the toast is gone.

use leptos::prelude::*;
use thaw::{Toast, ToastBody, ToastIntent, ToastOptions, ToastTitle, ToasterInjection};

use crate::stores::detail::Outcome;

/// Drains `outcomes` (through `take`) into toasts and into `last`.
pub fn bridge_outcomes(
    outcomes: ReadSignal<Vec<Outcome>>,
    take: impl Fn() -> Vec<Outcome> + 'static,
    last: RwSignal<Option<Outcome>>,
) {
    let toaster = use_context::<ToasterInjection>();
    Effect::new(move |_| {
        if outcomes.with(Vec::is_empty) {
            return;
        }
        for o in take() {
            if let Some(t) = toaster {
                show(t, o.clone());
            }
            last.set(Some(o));
        }
    });
}

fn show(toaster: ToasterInjection, o: Outcome) {
    let (intent, title, body) = match o {
        Outcome::Done { title, message } => (ToastIntent::Success, title, message),
        Outcome::Failed { title, error } => {
            let body = match &error.hint {
                Some(h) => format!("{} {h}", error.message),
                None => error.message.clone(),
            };
            (ToastIntent::Error, title, Some(body))
        }
    };
    toaster.dispatch_toast(
        move || {
            view! {
                <Toast>
                    <ToastTitle>{title}</ToastTitle>
                    {body.map(|b| view! { <ToastBody>{b}</ToastBody> })}
                </Toast>
            }
        },
        ToastOptions::default().with_intent(intent),
    );
}

/// The last outcome as a status line (success) or alert (failure).
#[component]
pub fn OutcomeLine(#[prop(into)] last: Signal<Option<Outcome>>) -> impl IntoView {
    view! {
        <div class="cc-outcome" role="status" aria-live="polite" data-testid="action-result">
            {move || last.get().map(|o| match o {
                Outcome::Done { title, message } => view! {
                    <p class="cc-outcome-ok" data-outcome="ok">
                        <strong>{title}</strong>
                        {message.map(|m| view! { " — " <span data-testid="action-result-message">{m}</span> })}
                    </p>
                }.into_any(),
                Outcome::Failed { title, error } => view! {
                    <p class="cc-outcome-bad" data-outcome="failed">
                        <strong>{title}</strong>
                        " — " <span data-testid="action-result-message">{error.message.clone()}</span>
                        {error.hint.clone().map(|h| view! { " " <span class="cc-outcome-hint">{h}</span> })}
                    </p>
                }.into_any(),
            })}
        </div>
    }
}
