//! `/`: every cluster at a glance.

use leptos::prelude::*;

#[component]
pub fn Overview() -> impl IntoView {
    view! {
        <section class="page" data-testid="overview">
            <h1>"Overview"</h1>
            <p class="empty-state">"No clusters yet. Add one in Settings, or preconfigure them in config.json."</p>
        </section>
    }
}
