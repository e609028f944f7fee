//! The app shell: theme and toaster providers, the router under the deployment's base path,
//! the navigation frame and the route table. Every page lives in `crate::pages`.

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;
use thaw::{ConfigProvider, Theme, ToasterProvider};

use crate::components::nav::AppNav;
use crate::pages::{not_found::NotFound, overview::Overview};
use crate::stores::{provide_stores, StoreNotices};
use crate::web::theme::{use_theme_preference, ThemePreference};

/// The router base: the path of `<base href>` that trunk writes from `--public-url`, without
/// its trailing slash ("" at the root, "/console" under a sub-path).
pub fn base_path() -> String {
    let base = document()
        .base_uri()
        .ok()
        .flatten()
        .unwrap_or_else(|| "/".into());
    let path = match web_sys::Url::new(&base) {
        Ok(url) => url.pathname(),
        Err(_) => "/".into(),
    };
    path.trim_end_matches('/').to_string()
}

/// Mounts the app on `<body>`.
pub fn mount() {
    leptos::mount::mount_to_body(App);
}

#[component]
pub fn App() -> impl IntoView {
    let preference = use_theme_preference();
    let theme = RwSignal::new(preference.get_untracked().theme());
    Effect::new(move |_| {
        let dark = preference.get().is_dark();
        theme.set(if dark { Theme::dark() } else { Theme::light() });
        crate::web::theme::apply_document_theme(dark);
    });
    provide_context(preference);
    provide_stores();
    let base = base_path();

    view! {
        <ConfigProvider theme class="app-root">
            <ToasterProvider>
                <StoreNotices/>
                <Router base=base>
                    <div class="app-frame">
                        <AppNav/>
                        <main class="app-main" id="main">
                            <Routes fallback=NotFound>
                                <Route path=path!("/") view=Overview/>
                            </Routes>
                        </main>
                    </div>
                </Router>
            </ToasterProvider>
        </ConfigProvider>
    }
}

/// Re-exported so views can read and set the theme preference.
pub type ThemeContext = RwSignal<ThemePreference>;
