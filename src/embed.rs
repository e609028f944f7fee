//! Embedding: the app inside an iframe or mounted into an element of a host page.
//!
//! - **iframe**: `?embed=1` hides the app's own chrome (navigation and footer) and
//!   `?theme=dark|light|system` sets the theme for this session without saving it. Both are
//!   read once at start ([`Embed::from_location`]).
//! - **element**: `dist/embed.js` (written by `.ci/postbuild.py`) sets
//!   `window.ConnectConsoleEmbed = true` before it loads the hashed module, so `main` does not
//!   take over `<body>`, then calls [`mount_into`] with the host's element and options:
//!   `{ "config": {…config.json…}, "theme": "dark", "nav": false, "base": "/admin/connect",
//!   "assetBase": "https://cdn.example.com/console/" }`.
//!
//! The app reads the [`Embed`] context: the nav checks `hide_chrome`, and the runtime config
//! loader uses [`Embed::config`] (the JSON the host passed) instead of fetching `config.json`
//! when it is set. The same value is also kept in a global ([`injected_config`]) for code that
//! runs outside the component tree.

use std::cell::RefCell;

use leptos::prelude::*;
use serde::Deserialize;
use wasm_bindgen::prelude::*;

use crate::web::theme::ThemePreference;

/// How the app is embedded; provided as a context by `App`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Embed {
    /// Hide the app's navigation and footer (the host provides its own).
    pub hide_chrome: bool,
    /// A theme set by the host (URL or mount options); not saved to localStorage.
    pub theme: Option<ThemePreference>,
    /// Runtime config passed by the host instead of `config.json`.
    pub config: Option<serde_json::Value>,
    /// Router base for element mode (the host page's path by default).
    pub base: Option<String>,
    /// Where the app's static files live (`version.json`, `config.json`), with a trailing
    /// slash; `None` means `document.baseURI`.
    pub asset_base: Option<String>,
}

impl Embed {
    /// The iframe options from the page URL's query string.
    pub fn from_location() -> Self {
        let search = window().location().search().unwrap_or_default();
        Self::from_query(&search)
    }

    /// Parses `?embed=1&theme=dark`.
    pub fn from_query(search: &str) -> Self {
        let mut embed = Embed::default();
        for pair in search.trim_start_matches('?').split('&') {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            match key {
                "embed" => embed.hide_chrome = matches!(value, "1" | "true" | ""),
                "theme" => embed.theme = parse_theme(value),
                _ => {}
            }
        }
        embed
    }

    /// The directory the app's static files are served from, with a trailing slash.
    pub fn asset_base(&self) -> String {
        if let Some(base) = &self.asset_base {
            return base.clone();
        }
        document()
            .base_uri()
            .ok()
            .flatten()
            .unwrap_or_else(|| "/".into())
    }
}

fn parse_theme(value: &str) -> Option<ThemePreference> {
    match value {
        "dark" | "light" | "system" => Some(ThemePreference::parse(value)),
        _ => None,
    }
}

/// The options `ConnectConsole.mount(element, options)` passes in, as JSON.
#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
struct MountOptions {
    config: Option<serde_json::Value>,
    theme: Option<String>,
    nav: Option<bool>,
    base: Option<String>,
    asset_base: Option<String>,
}

thread_local! {
    static PENDING: RefCell<Option<Embed>> = const { RefCell::new(None) };
    static CONFIG: RefCell<Option<serde_json::Value>> = const { RefCell::new(None) };
}

/// The options for the `App` being created: those of a pending [`mount_into`], else the URL's.
pub(crate) fn take_options() -> Embed {
    PENDING
        .with(|p| p.borrow_mut().take())
        .unwrap_or_else(Embed::from_location)
}

/// The runtime config a host passed to `ConnectConsole.mount`, if any. The config loader
/// should prefer it over fetching `config.json`.
pub fn injected_config() -> Option<serde_json::Value> {
    CONFIG.with(|c| c.borrow().clone())
}

/// Whether `embed.js` loaded the module: then `main` must not mount onto `<body>`.
pub fn element_mode() -> bool {
    js_sys::Reflect::get(&window(), &JsValue::from_str("ConnectConsoleEmbed"))
        .map(|v| v.is_truthy())
        .unwrap_or(false)
}

/// Mounts the app into `element` of a host page. `options` is a JSON string (see the module
/// docs). Called by `embed.js`; returns an error for options it cannot read.
#[wasm_bindgen(js_name = mountInto)]
pub fn mount_into(element: web_sys::HtmlElement, options: &str) -> Result<(), JsValue> {
    let opts: MountOptions = if options.trim().is_empty() {
        MountOptions::default()
    } else {
        serde_json::from_str(options)
            .map_err(|e| JsValue::from_str(&format!("ConnectConsole.mount: bad options: {e}")))?
    };
    let base = opts.base.unwrap_or_else(|| {
        let path = window().location().pathname().unwrap_or_default();
        path.trim_end_matches('/').to_string()
    });
    let embed = Embed {
        hide_chrome: opts.nav == Some(false),
        theme: opts.theme.as_deref().and_then(parse_theme),
        config: opts.config.clone(),
        base: Some(base.trim_end_matches('/').to_string()),
        asset_base: opts.asset_base,
    };
    CONFIG.with(|c| *c.borrow_mut() = opts.config);
    PENDING.with(|p| *p.borrow_mut() = Some(embed));
    leptos::mount::mount_to(element, crate::app::App).forget();
    Ok(())
}
