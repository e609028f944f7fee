//! The app shell: theme and toaster providers, the router under the deployment's base path,
//! the navigation frame and the route table. Every page lives in `crate::pages`.

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;
use thaw::{ConfigProvider, Theme, ToasterProvider};

use crate::components::build_info::BuildInfo;
use crate::components::nav::AppNav;
use crate::embed;
use crate::pages::{
    activity::ActivityPage, connector::ConnectorPage, connectors::Connectors, loggers::LoggersPage,
    not_found::NotFound, overview::Overview, plugin::PluginPage, plugins::PluginsPage,
    settings::Settings, workers::Workers,
};
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

/// The router base as a context, for [`app_href`].
#[derive(Clone, Debug)]
pub struct RouterBase(pub String);

/// An in-app link target under the router base, for `<A href=app_href("/")>`. leptos_router
/// 0.8's `<A>` keeps absolute paths as they are (only `use_navigate` adds the base), so a bare
/// `href="/"` would leave the app when it is served under a sub-path such as `/console/`.
pub fn app_href(path: &str) -> String {
    let base = use_context::<RouterBase>().map(|b| b.0).unwrap_or_default();
    format!("{base}{path}")
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
    // Embedding options: `?embed=1&theme=…` in an iframe, or those given to `mount_into`.
    let embed = embed::take_options();
    // A theme set by the host holds for this session and is not saved.
    let preference = match embed.theme {
        Some(theme) => RwSignal::new(theme),
        None => use_theme_preference(),
    };
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
    let base = embed.base.clone().unwrap_or_else(base_path);
    let chrome = !embed.hide_chrome;
    provide_context(RouterBase(base.clone()));
    provide_context(embed);
    provide_stores();

    view! {
        <ConfigProvider theme class="app-root-provider">
            <div class="app-root" data-theme=move || if dark.get() { "dark" } else { "light" }>
            <ToasterProvider>
                <StoreNotices/>
                <Router base=base.clone()>
                    <crate::web::links::EncodedLinks base=base.clone()/>
                    <div class="app-frame">
                        {chrome.then(|| view! { <AppNav/> })}
                        <main class="app-main" id="main">
                            <Routes fallback=NotFound>
                                <Route path=path!("/") view=Overview/>
                                <Route path=path!("/connectors") view=Connectors/>
                                <Route path=path!("/workers") view=Workers/>
                                <Route path=path!("/settings") view=Settings/>
                                <Route path=path!("/clusters/:cluster/connectors/:name") view=ConnectorPage/>
                                <Route path=path!("/plugins") view=PluginsPage/>
                                <Route path=path!("/clusters/:cluster/plugins/:plugin") view=PluginPage/>
                                <Route path=path!("/loggers") view=LoggersPage/>
                                <Route path=path!("/activity") view=ActivityPage/>
                                <Route path=path!("/new") view=crate::pages::create::CreateConnector/>
                                <Route path=path!("/clusters/:cluster/connectors/:name/edit") view=crate::pages::edit::EditConnector/>
                            </Routes>
                        </main>
                        {chrome.then(|| view! { <footer class="app-footer"><BuildInfo/></footer> })}
                    </div>
                </Router>
            </ToasterProvider>
            </div>
        </ConfigProvider>
    }
}

/// Re-exported so views can read and set the theme preference.
pub type ThemeContext = RwSignal<ThemePreference>;
