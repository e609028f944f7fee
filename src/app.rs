//! The app shell: theme and toaster providers, the router under the deployment's base path,
//! the navigation frame and the route table. Every page lives in `crate::pages`.

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;
use thaw::{ConfigProvider, Theme, ToasterProvider};

use crate::components::nav::AppNav;
use crate::pages::{not_found::NotFound, overview::Overview};
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

/// Mounts the app as the whole page: `<body>` gets the `cc-page` class (the only style the app
/// sets outside its root) and the app fills it.
pub fn mount() {
    if let Some(body) = document().body() {
        let _ = body.class_list().add_1("cc-page");
    }
    leptos::mount::mount_to_body(App);
}

#[component]
pub fn App() -> impl IntoView {
    let preference = use_theme_preference();
    let theme = RwSignal::new(preference.get_untracked().theme());
    let dark = Memo::new(move |_| preference.get().is_dark());
    Effect::new(move |_| {
        theme.set(if dark.get() {
            Theme::dark()
        } else {
            Theme::light()
        })
    });
    provide_context(preference);
    let base = base_path();

    view! {
        <ConfigProvider theme class="app-root-provider">
            <div class="app-root" data-theme=move || if dark.get() { "dark" } else { "light" }>
            <ToasterProvider>
                <Router base=base>
                    <div class="app-frame">
                        <AppNav/>
                        <main class="app-main" id="main">
                            <Routes fallback=NotFound>
                                <Route path=path!("/") view=Overview/>
                                <Route path=path!("/new") view=crate::pages::create::CreateConnector/>
                                <Route path=path!("/clusters/:cluster/connectors/:name/edit") view=crate::pages::edit::EditConnector/>
                            </Routes>
                        </main>
                    </div>
                </Router>
            </ToasterProvider>
            </div>
        </ConfigProvider>
    }
}

/// Re-exported so views can read and set the theme preference.
pub type ThemeContext = RwSignal<ThemePreference>;
