//! The light/dark switch. It cycles system → light → dark and says which is active.

use leptos::prelude::*;

use crate::web::theme::ThemePreference;

#[component]
pub fn ThemeSwitch() -> impl IntoView {
    let pref = expect_context::<RwSignal<ThemePreference>>();
    let next = move || match pref.get() {
        ThemePreference::System => ThemePreference::Light,
        ThemePreference::Light => ThemePreference::Dark,
        ThemePreference::Dark => ThemePreference::System,
    };
    view! {
        <button
            class="theme-switch"
            type="button"
            data-testid="theme-switch"
            aria-label=move || format!("Theme: {} (switch to {})", pref.get().as_str(), next().as_str())
            on:click=move |_| pref.set(next())
        >
            {move || match pref.get() {
                ThemePreference::System => "Theme: system",
                ThemePreference::Light => "Theme: light",
                ThemePreference::Dark => "Theme: dark",
            }}
        </button>
    }
}
