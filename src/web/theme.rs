//! Light and dark themes: follow the system setting until the user picks one, and remember the
//! pick in localStorage.

use leptos::prelude::*;
use thaw::Theme;

const STORAGE_KEY: &str = "connect-console.theme";

/// What the user chose: follow the system, or a fixed theme.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ThemePreference {
    System,
    Light,
    Dark,
}

impl ThemePreference {
    pub fn parse(s: &str) -> Self {
        match s {
            "light" => Self::Light,
            "dark" => Self::Dark,
            _ => Self::System,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::System => "system",
            Self::Light => "light",
            Self::Dark => "dark",
        }
    }

    /// Whether this preference renders dark right now.
    pub fn is_dark(self) -> bool {
        match self {
            Self::Dark => true,
            Self::Light => false,
            Self::System => system_prefers_dark(),
        }
    }

    pub fn theme(self) -> Theme {
        if self.is_dark() {
            Theme::dark()
        } else {
            Theme::light()
        }
    }
}

fn system_prefers_dark() -> bool {
    window()
        .match_media("(prefers-color-scheme: dark)")
        .ok()
        .flatten()
        .map(|m| m.matches())
        .unwrap_or(false)
}

fn storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

/// The theme preference as a signal, loaded from storage and saved on change.
pub fn use_theme_preference() -> RwSignal<ThemePreference> {
    let initial = storage()
        .and_then(|s| s.get_item(STORAGE_KEY).ok().flatten())
        .map(|s| ThemePreference::parse(&s))
        .unwrap_or(ThemePreference::System);
    let pref = RwSignal::new(initial);
    Effect::new(move |_| {
        let value = pref.get();
        if let Some(s) = storage() {
            let _ = s.set_item(STORAGE_KEY, value.as_str());
        }
    });
    pref
}
