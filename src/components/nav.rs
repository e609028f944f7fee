//! The navigation frame: product name and the links to every top-level screen.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::theme_switch::ThemeSwitch;

#[component]
pub fn AppNav() -> impl IntoView {
    view! {
        <nav class="app-nav" aria-label="Main">
            <A href="/" attr:class="app-brand">"Connect Console"</A>
            <ul class="app-nav-links">
                <li><A href="/">"Overview"</A></li>
            </ul>
            <ThemeSwitch/>
        </nav>
    }
}
