//! The bridge from store notices (action results, new failures) to thaw's toaster. Mount
//! [`StoreNotices`] once inside `ToasterProvider`.

use leptos::prelude::*;
use thaw::{Toast, ToastBody, ToastIntent, ToastOptions, ToastTitle, ToasterInjection};

use crate::stores::connectors::NoticeLevel;
use crate::stores::use_connectors;

/// Shows every store notice as a toast. Renders nothing itself.
#[component]
pub fn StoreNotices() -> impl IntoView {
    let store = use_connectors();
    let toaster = ToasterInjection::expect_context();
    Effect::new(move |_| {
        if store.notices().with(Vec::is_empty) {
            return;
        }
        for n in store.take_notices() {
            let intent = match n.level {
                NoticeLevel::Success => ToastIntent::Success,
                NoticeLevel::Info => ToastIntent::Info,
                NoticeLevel::Warning => ToastIntent::Warning,
                NoticeLevel::Error => ToastIntent::Error,
            };
            let (title, body) = (n.title, n.body);
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
    });
}
