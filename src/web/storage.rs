//! localStorage and sessionStorage helpers, plus where settings and secrets are kept.
//!
//! Storage can be missing or throw (private mode, a sandboxed iframe, quota): every helper
//! degrades to "nothing stored" instead of panicking, and writes report failure as `Err`.

use crate::state::settings::{
    secret_areas, Secrets, StorageArea, UserSettings, SECRETS_KEY, SETTINGS_KEY,
};

fn area(a: StorageArea) -> Option<web_sys::Storage> {
    let w = web_sys::window()?;
    match a {
        StorageArea::Local => w.local_storage().ok().flatten(),
        StorageArea::Session => w.session_storage().ok().flatten(),
    }
}

pub fn get(a: StorageArea, key: &str) -> Option<String> {
    area(a)?.get_item(key).ok().flatten()
}

pub fn set(a: StorageArea, key: &str, value: &str) -> Result<(), String> {
    let s = area(a).ok_or_else(|| "Browser storage is not available.".to_string())?;
    s.set_item(key, value)
        .map_err(|_| "The browser refused to save (storage full or disabled).".to_string())
}

pub fn remove(a: StorageArea, key: &str) {
    if let Some(s) = area(a) {
        let _ = s.remove_item(key);
    }
}

/// Saved user settings, and a message if they were unreadable (and reset).
pub fn load_user_settings() -> (UserSettings, Option<String>) {
    match get(StorageArea::Local, SETTINGS_KEY) {
        None => (UserSettings::default(), None),
        Some(s) => UserSettings::from_json(&s),
    }
}

pub fn save_user_settings(s: &UserSettings) -> Result<(), String> {
    set(StorageArea::Local, SETTINGS_KEY, &s.to_json())
}

/// Secrets from localStorage (remembered) merged under those of this session.
pub fn load_secrets() -> Secrets {
    let session = get(StorageArea::Session, SECRETS_KEY).map(|s| Secrets::from_json(&s));
    let local = get(StorageArea::Local, SECRETS_KEY).map(|s| Secrets::from_json(&s));
    match (session, local) {
        (Some(s), _) if !s.is_empty() => s,
        (_, Some(l)) => l,
        (Some(s), None) => s,
        (None, None) => Secrets::default(),
    }
}

/// Writes secrets to sessionStorage, or to localStorage when `remember` is set, and removes
/// them from the other area, so they never sit in both.
pub fn save_secrets(secrets: &Secrets, remember: bool) -> Result<(), String> {
    let (write, clear) = secret_areas(remember);
    remove(clear, SECRETS_KEY);
    if secrets.is_empty() {
        remove(write, SECRETS_KEY);
        Ok(())
    } else {
        set(write, SECRETS_KEY, &secrets.to_json())
    }
}

/// "Forget credentials": removes secrets from both areas.
pub fn forget_secrets() {
    remove(StorageArea::Local, SECRETS_KEY);
    remove(StorageArea::Session, SECRETS_KEY);
}
