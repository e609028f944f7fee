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
}

impl ActivityStore {
    /// The log saved in this browser.
    pub fn load() -> Self {
        let (log, unreadable) =
            ActivityLog::from_json(storage::get(StorageArea::Local, ACTIVITY_KEY).as_deref());
        ActivityStore {
            log: RwSignal::new(log),
            problem: RwSignal::new(
                unreadable.then(|| "The saved activity log was unreadable and was reset.".into()),
            ),
        }
    }

    pub fn log(&self) -> ReadSignal<ActivityLog> {
        self.log.read_only()
    }

    pub fn problem(&self) -> ReadSignal<Option<String>> {
        self.problem.read_only()
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
        // Another tab of the console may have recorded since this one read the log: start from
        // what storage holds (when it is readable), so neither tab's entries are lost.
        let stored = storage::get(StorageArea::Local, ACTIVITY_KEY)
            .map(|text| ActivityLog::from_json(Some(&text)))
            .filter(|(_, unreadable)| !unreadable)
            .map(|(log, _)| log);
        self.log.try_update(|l| {
            if let Some(stored) = stored {
                *l = stored;
            }
            l.record(entry)
        });
        self.save();
    }

    /// Empties the log here and in storage.
    pub fn clear(&self) {
        self.log.update(ActivityLog::clear);
        self.save();
    }

    /// The whole log as JSON, oldest first (for a download).
    pub fn export_json(&self) -> String {
        self.log.with_untracked(ActivityLog::to_json)
    }

    fn save(&self) {
        let Some(text) = self.log.try_with_untracked(ActivityLog::to_json) else {
            return;
        };
        let result = storage::set(StorageArea::Local, ACTIVITY_KEY, &text);
        self.problem.try_set(
            result
                .err()
                .map(|e| format!("The activity log is kept for this page only: {e}")),
        );
    }
}
