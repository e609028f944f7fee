//! The activity log store: the stores record each change they send to a cluster here, and the
//! `/activity` page reads it. Kept in localStorage so it survives a reload; entries carry names
//! and outcomes only (see [`crate::state::activity`]), never a config value.

use leptos::prelude::*;

use crate::state::activity::{ActivityEntry, ActivityLog, Subject, ACTIVITY_KEY};
use crate::state::settings::StorageArea;
use crate::web::storage;

#[derive(Clone, Copy)]
pub struct ActivityStore {
    log: RwSignal<ActivityLog>,
    /// Why the log is not being kept, when the saved log was unreadable or storage refused.
    problem: RwSignal<Option<String>>,
    /// Storage took the last save: what it holds is this page's log or newer. After a refused
    /// save it is older, and this page's log is the one to keep.
    stored: StoredValue<bool>,
}

impl ActivityStore {
    /// The log saved in this browser, kept up to date with what other tabs of the console
    /// record or clear: the browser tells every other page of this origin when one changes
    /// localStorage (a `storage` event), and the log is read again then (see
    /// [`ActivityStore::reload`]: not after this page's own save was refused).
    pub fn load() -> Self {
        let (log, unreadable) =
            ActivityLog::from_json(storage::get(StorageArea::Local, ACTIVITY_KEY).as_deref());
        let store = ActivityStore {
            log: RwSignal::new(log),
            problem: RwSignal::new(
                unreadable.then(|| "The saved activity log was unreadable and was reset.".into()),
            ),
            stored: StoredValue::new(true),
        };
        // `key` is null when another page cleared the whole storage. Events for a page's
        // sessionStorage (same-origin frames share it) are not about the log.
        let handle = window_event_listener(leptos::ev::storage, move |e| {
            let local = e.storage_area().is_none_or(|area| {
                web_sys::window()
                    .and_then(|w| w.local_storage().ok().flatten())
                    .is_some_and(|l| l == area)
            });
            if local && e.key().is_none_or(|k| k == ACTIVITY_KEY) {
                store.reload();
            }
        });
        on_cleanup(move || handle.remove());
        store
    }

    pub fn log(&self) -> ReadSignal<ActivityLog> {
        self.log.read_only()
    }

    pub fn problem(&self) -> ReadSignal<Option<String>> {
        self.problem.read_only()
    }

    /// Takes in what other tabs of the console recorded since this one last read the log
    /// (storage holds the newest log, unless this page's last save was refused). A log gone
    /// from storage was cleared (site data, or storage cleared in another tab): the page's
    /// log is emptied too, rather than saved back by its next record. An unreadable one is
    /// left to the next save.
    pub fn reload(&self) {
        if self.stored.try_get_value() != Some(true) {
            return;
        }
        let stored = match storage::get(StorageArea::Local, ACTIVITY_KEY) {
            None => ActivityLog::from_json(None).0,
            Some(text) => match ActivityLog::from_json(Some(&text)) {
                (log, false) => log,
                (_, true) => return,
            },
        };
        self.log.try_update(|l| {
            if *l != stored {
                *l = stored;
            }
        });
    }

    /// Records a change sent to `cluster` and its result (the server's message, or the
    /// error's).
    pub fn record(
        &self,
        cluster: &str,
        subject: Subject,
        action: impl Into<String>,
        result: Result<Option<String>, String>,
    ) {
        let entry =
            ActivityEntry::new(crate::web::page::now_ms(), cluster, subject, action, result);
        self.reload();
        self.log.try_update(|l| l.record(entry));
        self.save();
    }

    /// Empties the log here and in storage.
    pub fn clear(&self) {
        self.log.update(ActivityLog::clear);
        self.save();
    }

    /// The whole log as JSON, oldest first (for a download), with other tabs' entries.
    pub fn export_json(&self) -> String {
        self.reload();
        self.log.with_untracked(ActivityLog::to_json)
    }

    fn save(&self) {
        let Some(text) = self.log.try_with_untracked(ActivityLog::to_json) else {
            return;
        };
        let result = storage::set(StorageArea::Local, ACTIVITY_KEY, &text);
        self.stored.try_set_value(result.is_ok());
        self.problem.try_set(
            result
                .err()
                .map(|e| format!("The activity log is kept for this page only: {e}")),
        );
    }
}
