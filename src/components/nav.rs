//! The navigation frame: product name and the links to every top-level screen.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::app::app_href;
use crate::components::theme_switch::ThemeSwitch;

#[component]
pub fn AppNav() -> impl IntoView {
    view! {
        <nav class="app-nav" aria-label="Main">
            <A href=app_href("/") attr:class="app-brand">"Connect Console"</A>
            <ul class="app-nav-links">
                <li><A href=app_href("/")>"Overview"</A></li>
            </ul>
            <ThemeSwitch/>
        </nav>
    }
}
