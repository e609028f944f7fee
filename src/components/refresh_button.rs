//! The global refresh: refreshes every cluster now, shows when a refresh is in flight, and
//! says when the last successful refresh was (in its accessible name and tooltip).

use leptos::prelude::*;

use crate::stores::use_connectors;
use crate::web::page::now_ms;

/// "just now", "12 s ago", "3 min ago".
pub fn ago(then_ms: u64, now_ms: u64) -> String {
    let secs = now_ms.saturating_sub(then_ms) / 1000;
    match secs {
        0..=2 => "just now".into(),
        3..=59 => format!("{secs} s ago"),
        60..=3599 => format!("{} min ago", secs / 60),
        _ => format!("{} h ago", secs / 3600),
    }
}

#[component]
pub fn RefreshButton() -> impl IntoView {
    let store = use_connectors();
    let in_flight = Memo::new(move |_| store.health().with(|h| h.values().any(|c| c.refreshing)));
    let last = Memo::new(move |_| {
        store
            .health()
            .with(|h| h.values().filter_map(|c| c.last_success_ms).max())
    });
    // Re-render the "ago" text every few seconds.
    let clock = RwSignal::new(now_ms());
    let tick = crate::web::page::Interval::new(5_000, move || {
        clock.try_set(now_ms());
    });
    let tick = StoredValue::new_local(Some(tick));
    on_cleanup(move || tick.update_value(|t| *t = None));

    let status = move || match last.get() {
        Some(t) => format!("Last refresh {}", ago(t, clock.get().max(t))),
        None => "Not refreshed yet".into(),
    };
    view! {
        <button
            type="button"
            class="cc-btn cc-refresh"
            data-testid="refresh-all"
            aria-busy=move || in_flight.get().to_string()
            title=move || format!("Refresh all clusters (r). {}", status())
            on:click=move |_| {
                clock.set(now_ms());
                store.refresh(None)
            }
        >
            <span class=move || if in_flight.get() { "cc-refresh-icon spinning" } else { "cc-refresh-icon" } aria-hidden="true">"↻"</span>
            <span class="visually-hidden">"Refresh all clusters: "</span>
            <span class="cc-refresh-text" data-testid="refresh-status">{status}</span>
        </button>
    }
}
