//! Bridges the stores' notices (action results, new failures) to thaw's toaster.

use leptos::prelude::*;
use thaw::{Toast, ToastBody, ToastIntent, ToastOptions, ToastTitle, ToasterInjection};

use crate::stores::connectors::NoticeLevel;
use crate::stores::use_connectors;

#[component]
pub fn Notices() -> impl IntoView {
    let store = use_connectors();
    let toaster = ToasterInjection::expect_context();
    Effect::new(move |_| {
        if store.notices().with(|n| n.is_empty()) {
            return;
        }
        for notice in store.take_notices() {
            let intent = match notice.level {
                NoticeLevel::Success => ToastIntent::Success,
                NoticeLevel::Info => ToastIntent::Info,
                NoticeLevel::Warning => ToastIntent::Warning,
                NoticeLevel::Error => ToastIntent::Error,
            };
            let title = notice.title.clone();
            let body = notice.body.clone();
            toaster.dispatch_toast(
                move || {
                    view! {
                        <Toast>
                            <ToastTitle>{title.clone()}</ToastTitle>
                            {body.clone().map(|b| view! { <ToastBody>{b}</ToastBody> })}
                        </Toast>
                    }
                },
                ToastOptions::default().with_intent(intent),
            );
        }
    });
}
