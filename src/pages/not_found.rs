//! The fallback route: says the page does not exist and links home.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::app::app_href;

#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <section class="page not-found" data-testid="not-found">
            <h1>"Page not found"</h1>
            <p>"Nothing lives at this address. It may be an old link."</p>
            <A href=app_href("/")>"Back to the overview"</A>
        </section>
    }
}
