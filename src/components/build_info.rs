//! The build line in the footer: the app version (compiled in) and the commit it was built
//! from (read from `version.json`, which `.ci/postbuild.py` writes next to the bundle).

use leptos::prelude::*;
use serde::Deserialize;

use crate::embed::Embed;

#[derive(Clone, Debug, Deserialize, PartialEq)]
struct VersionFile {
    commit: String,
    #[serde(default)]
    dirty: bool,
    #[serde(default)]
    built_at: String,
}

async fn load(asset_base: String) -> Option<VersionFile> {
    let url = web_sys::Url::new_with_base("version.json", &asset_base).ok()?;
    let response = gloo_net::http::Request::get(&url.href())
        .send()
        .await
        .ok()?;
    if !response.ok() {
        return None;
    }
    response.json().await.ok()
}

#[component]
pub fn BuildInfo() -> impl IntoView {
    let asset_base = use_context::<Embed>().unwrap_or_default().asset_base();
    let info = LocalResource::new(move || load(asset_base.clone()));
    let commit = move || {
        info.get().flatten().map(|v| {
            let suffix = if v.dirty { "+dirty" } else { "" };
            (format!("{}{suffix}", v.commit), v.built_at)
        })
    };
    view! {
        <p class="build-info" data-testid="build-info">
            <span data-testid="build-version">{concat!("v", env!("CARGO_PKG_VERSION"))}</span>
            {move || commit().map(|(commit, built_at)| view! {
                " · "
                <span data-testid="build-commit" title=format!("built {built_at}")>{commit}</span>
            })}
        </p>
    }
}
