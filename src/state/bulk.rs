//! Bulk actions: one action over many connectors, with bounded concurrency and a result for
//! every item.
//!
//! A [`BulkRun`] hands out at most `concurrency` items at a time and records each outcome.
//! Every item ends as done, failed or cancelled: nothing is silently dropped, and the failed
//! ones can be retried as a new run.

use crate::state::actions::ConnectorAction;
use crate::state::reconcile::RowKey;

/// Default number of requests a bulk action keeps in flight.
pub const DEFAULT_BULK_CONCURRENCY: usize = 4;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ItemStatus {
    Pending,
    Running,
    Ok,
    Error(String),
    /// The run was cancelled before this item was sent.
    Cancelled,
}

impl ItemStatus {
    pub fn is_final(&self) -> bool {
        matches!(
            self,
            ItemStatus::Ok | ItemStatus::Error(_) | ItemStatus::Cancelled
        )
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BulkItem {
    pub key: RowKey,
    pub status: ItemStatus,
    /// What the server's answer adds to "done" (a delete of a connector already gone).
    pub note: Option<String>,
}

/// Counts for a progress line ("12 of 40 done, 1 failed").
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct BulkSummary {
    pub total: usize,
    pub pending: usize,
    pub running: usize,
    pub ok: usize,
    pub failed: usize,
    pub cancelled: usize,
}

impl BulkSummary {
    pub fn finished(&self) -> usize {
        self.ok + self.failed + self.cancelled
    }
}

/// One bulk action in progress.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BulkRun {
    pub action: ConnectorAction,
    items: Vec<BulkItem>,
    concurrency: usize,
    cursor: usize,
}

impl BulkRun {
    /// A plan over `keys` (duplicates removed, order kept).
    pub fn new(
        action: ConnectorAction,
        keys: impl IntoIterator<Item = RowKey>,
        concurrency: usize,
    ) -> Self {
        let mut items: Vec<BulkItem> = Vec::new();
        for key in keys {
            if !items.iter().any(|i| i.key == key) {
                items.push(BulkItem {
                    key,
                    status: ItemStatus::Pending,
                    note: None,
                });
            }
        }
        BulkRun {
            action,
            items,
            concurrency: concurrency.max(1),
            cursor: 0,
        }
    }

    pub fn items(&self) -> &[BulkItem] {
        &self.items
    }

    pub fn concurrency(&self) -> usize {
        self.concurrency
    }

    pub fn running(&self) -> usize {
        self.items
            .iter()
            .filter(|i| i.status == ItemStatus::Running)
            .count()
    }

    /// The next item to send, marked running, if fewer than `concurrency` are running.
    pub fn next_item(&mut self) -> Option<(usize, RowKey)> {
        if self.running() >= self.concurrency {
            return None;
        }
        while self.cursor < self.items.len() {
            let i = self.cursor;
            self.cursor += 1;
            if self.items[i].status == ItemStatus::Pending {
                self.items[i].status = ItemStatus::Running;
                return Some((i, self.items[i].key.clone()));
            }
        }
        None
    }

    /// Records item `index`'s outcome (done with an optional note, or the error). Ignored
    /// unless the item is running.
    pub fn finish(&mut self, index: usize, result: Result<Option<String>, String>) {
        if let Some(item) = self.items.get_mut(index) {
            if item.status == ItemStatus::Running {
                item.status = match result {
                    Ok(note) => {
                        item.note = note;
                        ItemStatus::Ok
                    }
                    Err(e) => ItemStatus::Error(e),
                };
            }
        }
    }

    /// Fails every pending item at once with `message` (for example read-only mode), so
    /// each one still reports why it was not done.
    pub fn fail_all_pending(&mut self, message: &str) {
        for item in &mut self.items {
            if item.status == ItemStatus::Pending {
                item.status = ItemStatus::Error(message.to_string());
            }
        }
    }

    /// Stops handing out items; the pending ones become cancelled, running ones finish.
    pub fn cancel(&mut self) {
        for item in &mut self.items {
            if item.status == ItemStatus::Pending {
                item.status = ItemStatus::Cancelled;
            }
        }
    }

    /// Every item has a final status.
    pub fn is_done(&self) -> bool {
        self.items.iter().all(|i| i.status.is_final())
    }

    pub fn summary(&self) -> BulkSummary {
        let mut s = BulkSummary {
            total: self.items.len(),
            ..Default::default()
        };
        for i in &self.items {
            match i.status {
                ItemStatus::Pending => s.pending += 1,
                ItemStatus::Running => s.running += 1,
                ItemStatus::Ok => s.ok += 1,
                ItemStatus::Error(_) => s.failed += 1,
                ItemStatus::Cancelled => s.cancelled += 1,
            }
        }
        s
    }

    /// A new run over the items that failed or were cancelled.
    pub fn retry_failed(&self) -> Option<BulkRun> {
        let keys: Vec<RowKey> = self
            .items
            .iter()
            .filter(|i| matches!(i.status, ItemStatus::Error(_) | ItemStatus::Cancelled))
            .map(|i| i.key.clone())
            .collect();
        (!keys.is_empty()).then(|| BulkRun::new(self.action, keys, self.concurrency))
    }
}
