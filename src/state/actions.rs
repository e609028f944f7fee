//! The lifecycle actions a user can take on a connector, shared by single actions, bulk
//! actions and the pending markers rows show while an action is being confirmed.

use std::fmt;

use crate::protocol::model::{Flavor, RestartOptions, State};

/// One lifecycle action on one connector.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ConnectorAction {
    Pause,
    Resume,
    Stop,
    Restart(RestartOptions),
    RestartTask(u32),
    Delete,
}

impl ConnectorAction {
    /// The imperative label for buttons and results ("Pause").
    pub fn label(&self) -> String {
        match self {
            ConnectorAction::Pause => "Pause".into(),
            ConnectorAction::Resume => "Resume".into(),
            ConnectorAction::Stop => "Stop".into(),
            // onlyFailed restarts the connector instance too when it is the one that failed.
            ConnectorAction::Restart(o) if o.include_tasks && o.only_failed => {
                "Restart failed instances".into()
            }
            ConnectorAction::Restart(o) if o.include_tasks => "Restart with tasks".into(),
            ConnectorAction::Restart(o) if o.only_failed => "Restart if failed".into(),
            ConnectorAction::Restart(_) => "Restart".into(),
            ConnectorAction::RestartTask(t) => format!("Restart task {t}"),
            ConnectorAction::Delete => "Delete".into(),
        }
    }

    /// The progressive label a row shows while the action is unconfirmed ("Pausing…").
    pub fn progress_label(&self) -> String {
        match self {
            ConnectorAction::Pause => "Pausing…".into(),
            ConnectorAction::Resume => "Resuming…".into(),
            ConnectorAction::Stop => "Stopping…".into(),
            ConnectorAction::Restart(_) => "Restarting…".into(),
            ConnectorAction::RestartTask(t) => format!("Restarting task {t}…"),
            ConnectorAction::Delete => "Deleting…".into(),
        }
    }

    /// The connector state a later read must show to confirm the action, when the outcome is
    /// certain. Restarts have none: the connector may come back RUNNING or FAILED.
    pub fn expected_state(&self) -> Option<State> {
        match self {
            ConnectorAction::Pause => Some(State::Paused),
            ConnectorAction::Resume => Some(State::Running),
            ConnectorAction::Stop => Some(State::Stopped),
            _ => None,
        }
    }

    /// What to add to the "done" line when the action was accepted on a connector that was
    /// in `state`, where the accepted action will not show at once.
    pub fn accepted_note(&self, state: Option<&State>, flavor: Flavor) -> Option<String> {
        match (self, state) {
            // Kafka Connect (also under Redpanda and Lenses) records the target state; a failed
            // connector is not running, so it stays FAILED until it is restarted (it then
            // starts paused). Confluent Cloud's behaviour is not documented.
            (ConnectorAction::Pause, Some(State::Failed)) if flavor != Flavor::ConfluentCloud => {
                Some(
                    "The pause is recorded, but a FAILED connector stays FAILED: it starts paused \
                 when it is restarted."
                        .into(),
                )
            }
            _ => None,
        }
    }

    /// Whether the UI must ask for confirmation (and say it cannot be undone).
    pub fn is_destructive(&self) -> bool {
        matches!(self, ConnectorAction::Delete | ConnectorAction::Stop)
    }
}

impl fmt::Display for ConnectorAction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.label())
    }
}

/// An action in progress on a row: sent, or acknowledged and awaiting a read that shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct Pending {
    pub action: ConnectorAction,
    /// The server accepted the request; the next reads confirm it.
    pub acknowledged: bool,
    /// After this (epoch ms) the marker goes away whatever the reads say.
    pub deadline_ms: u64,
}

/// How long a pending marker waits for a read to confirm an acknowledged action.
pub const PENDING_CONFIRM_MS: u64 = 20_000;

impl Pending {
    pub fn sent(action: ConnectorAction, now_ms: u64) -> Self {
        Pending {
            action,
            acknowledged: false,
            deadline_ms: now_ms + 120_000,
        }
    }

    /// The server accepted it: wait for a read to confirm, at most [`PENDING_CONFIRM_MS`].
    pub fn acknowledge(&mut self, now_ms: u64) {
        self.acknowledged = true;
        self.deadline_ms = now_ms + PENDING_CONFIRM_MS;
    }

    /// Whether a freshly read connector state ends the marker.
    pub fn resolved_by(&self, state: Option<&State>, now_ms: u64) -> bool {
        if now_ms >= self.deadline_ms {
            return true;
        }
        if !self.acknowledged {
            return false;
        }
        match self.action.expected_state() {
            Some(want) => state == Some(&want),
            // No certain outcome: the first read after the acknowledgement is the answer.
            None => true,
        }
    }
}
