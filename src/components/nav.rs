//! The navigation frame: product name, links to every top-level screen, "New connector", the
//! global refresh, the theme switch, and the global keyboard shortcuts (`/` search, `r`
//! refresh, `n` new connector, `?` help).

use std::time::Duration;

use leptos::ev;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_location, use_navigate};
use wasm_bindgen::JsCast;

use crate::app::app_href;
use crate::components::refresh_button::RefreshButton;
use crate::components::shortcuts_help::ShortcutsHelp;
use crate::components::theme_switch::ThemeSwitch;
use crate::state::shortcuts::{shortcut_for, KeyTarget, Shortcut};
use crate::stores::use_connectors;

/// `data-shortcut` value of the element `/` focuses (the connector search box).
pub const SEARCH_SHORTCUT: &str = "search";

fn focus_search() -> bool {
    let found = document()
        .query_selector(&format!("[data-shortcut='{SEARCH_SHORTCUT}']"))
        .ok()
        .flatten();
    match found.and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok()) {
        Some(el) => {
            let _ = el.focus();
            true
        }
        None => false,
    }
}

fn key_target(ev: &web_sys::KeyboardEvent) -> (String, String, bool, bool) {
    let Some(el) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
    else {
        return Default::default();
    };
    let tag = el.tag_name().to_ascii_uppercase();
    let input_type = el
        .get_attribute("type")
        .unwrap_or_else(|| "text".into())
        .to_ascii_lowercase();
    let editable = el
        .dyn_ref::<web_sys::HtmlElement>()
        .map(|h| h.is_content_editable())
        .unwrap_or(false);
    let in_dialog = el.closest("dialog[open]").ok().flatten().is_some();
    (tag, input_type, editable, in_dialog)
}

#[component]
pub fn AppNav() -> impl IntoView {
    let help_open = RwSignal::new(false);
    let store = use_connectors();
    let read_only = store.read_only();
    let navigate = use_navigate();
    let location = use_location();

    let on_key = move |ev: web_sys::KeyboardEvent| {
        let (tag, input_type, content_editable, in_dialog) = key_target(&ev);
        let target = KeyTarget {
            tag: &tag,
            input_type: &input_type,
            content_editable,
            in_dialog,
        };
        let Some(shortcut) = shortcut_for(
            &ev.key(),
            ev.ctrl_key(),
            ev.meta_key(),
            ev.alt_key(),
            &target,
        ) else {
            return;
        };
        ev.prevent_default();
        match shortcut {
            Shortcut::Help => help_open.set(true),
            Shortcut::Refresh => store.refresh(None),
            // Read-only mode offers no way to create (the button is hidden too).
            Shortcut::NewConnector if read_only.get_untracked() => {}
            Shortcut::NewConnector => navigate("/new", Default::default()),
            Shortcut::FocusSearch => {
                if !focus_search() {
                    let path = location.pathname.get_untracked();
                    if !path.ends_with("/connectors") {
                        navigate("/connectors", Default::default());
                    }
                    // The list mounts on the next frames; focus once it is there.
                    set_timeout(
                        move || {
                            focus_search();
                        },
                        Duration::from_millis(80),
                    );
                }
            }
        }
    };
    let handle = window_event_listener(ev::keydown, on_key);
    on_cleanup(move || handle.remove());

    view! {
        <nav class="app-nav" aria-label="Main">
            <A href=app_href("/") attr:class="app-brand">"Connect Console"</A>
            <ul class="app-nav-links">
                <li><A href=app_href("/") exact=true attr:data-testid="nav-overview">"Overview"</A></li>
                <li><A href=app_href("/connectors") attr:data-testid="nav-connectors">"Connectors"</A></li>
                <li><A href=app_href("/workers") attr:data-testid="nav-workers">"Workers"</A></li>
                <li><A href=app_href("/plugins") attr:data-testid="nav-plugins">"Plugins"</A></li>
                <li><A href=app_href("/loggers") attr:data-testid="nav-loggers">"Log levels"</A></li>
                <li><A href=app_href("/activity") attr:data-testid="nav-activity">"Activity"</A></li>
                <li><A href=app_href("/settings") attr:data-testid="nav-settings">"Settings"</A></li>
            </ul>
            <div class="app-nav-tools">
                <Show when=move || !read_only.get()>
                    <A href=app_href("/new") attr:class="cc-btn cc-btn-primary" attr:data-testid="nav-new-connector">
                        "New connector"
                    </A>
                </Show>
                <RefreshButton/>
                <button
                    type="button"
                    class="cc-btn cc-btn-small"
                    data-testid="shortcuts-button"
                    aria-label="Keyboard shortcuts"
                    title="Keyboard shortcuts (?)"
                    on:click=move |_| help_open.set(true)
                >
                    "?"
                </button>
                <ThemeSwitch/>
            </div>
        </nav>
        <ShortcutsHelp open=help_open/>
    }
}
