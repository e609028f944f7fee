//! The connector form store: owns the [`FormModel`] of the create / edit / clone page and every
//! request the form makes (plugins, validate, live config, create, PUT config), through the
//! cluster's [`ConnectClient`].
//!
//! Re-validation: every change of the working config (the model's revision) schedules a
//! validate after [`DEBOUNCE_MS`]; the [`ValidationSequencer`] keeps at most one request in
//! flight, drops stale answers and sends once more when values changed meanwhile. A validate
//! still running after [`SLOW_MS`] sets [`FormStore::slow`]; [`FormStore::cancel_validation`]
//! drops the request future, which aborts the fetch (the transport aborts on drop).
//!
//! Drafts: the working config is saved to localStorage on every change, *without secrets*
//! ([`Draft`]), and offered back when the same form is opened again.
//!
//! Saving an edit uses a full `PUT /connectors/{name}/config` of [`FormModel::outgoing`]: it
//! works on every flavor and version, and the form always holds the complete config (unknown
//! keys, references and kept secrets included), so the PUT is exactly the reviewed result.
//! Before the PUT the live config is fetched again; if it changed since the form was opened
//! the review shows those changes ([`FormModel::live_changes`]) and the save waits for an
//! explicit confirmation.

use std::time::Duration;

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::form::{
    CloneNote, DiffEntry, Draft, FormModel, LiveChanges, Prefer, ValidationSequencer, NAME_KEY,
};
use crate::protocol::{ApiError, ConfigMap, ConnectClient, ErrorKind, InitialState, PluginInfo};
use crate::state::activity::{without_values, Subject};
use crate::stores::activity::ActivityStore;
use crate::stores::cancel::{cancellable, CancelHandle};
use crate::web::transport::BrowserTransport;

/// The browser's Connect client.
pub type Client = ConnectClient<BrowserTransport>;

/// Quiet time after the last keystroke before a validate is sent.
pub const DEBOUNCE_MS: u64 = 300;
/// A validate running longer than this shows progress and a Cancel button.
pub const SLOW_MS: u64 = 3000;

// ----- state --------------------------------------------------------------------------------

/// A draft found in storage when the form opened.
#[derive(Clone, Debug, PartialEq)]
pub struct RestoredDraft {
    pub saved_at_ms: u64,
    /// Secret keys whose values were not saved and must be typed again.
    pub reenter_secrets: Vec<String>,
    /// Edit: what changed on the server since the draft's base.
    pub live_changes: LiveChanges,
}

/// The review before an edit is saved.
#[derive(Clone, Debug, PartialEq)]
pub struct Review {
    /// The form's changes against the config it was opened with (secrets masked).
    pub changes: Vec<DiffEntry>,
    /// What changed on the server since then (empty when nobody else touched it).
    pub live: LiveChanges,
    /// The live config the review was made against.
    pub live_config: ConfigMap,
}

/// Loading state of something the page needs before the form can show.
#[derive(Clone, Debug, PartialEq)]
pub enum Load<T> {
    Idle,
    Loading,
    Ready(T),
    Failed(ApiError),
}

impl<T> Load<T> {
    pub fn is_loading(&self) -> bool {
        matches!(self, Load::Loading)
    }
}

/// The form store. `Copy`: every field is an arena handle.
#[derive(Clone, Copy)]
pub struct FormStore {
    pub model: RwSignal<FormModel>,
    /// The cluster the form creates on / edits in.
    pub cluster_id: RwSignal<String>,
    client: StoredValue<Option<Client>, LocalStorage>,
    seq: StoredValue<ValidationSequencer>,
    cancel: StoredValue<Option<CancelHandle>, LocalStorage>,
    debounce: StoredValue<Option<TimeoutHandle>>,
    slow_timer: StoredValue<Option<TimeoutHandle>>,
    /// A validate request is in flight.
    pub validating: RwSignal<bool>,
    /// The validate in flight has been running for more than [`SLOW_MS`].
    pub slow: RwSignal<bool>,
    /// The last validate failed (network, server); the form keeps the previous answer.
    pub validate_error: RwSignal<Option<ApiError>>,
    /// The user cancelled the last validate.
    pub validate_cancelled: RwSignal<bool>,
    /// Milliseconds the last applied validate took (request + apply).
    pub last_validate_ms: RwSignal<Option<f64>>,
    /// The cluster's plugins (all kinds: connectors for the picker, the rest for suggestions).
    pub plugins: RwSignal<Load<Vec<PluginInfo>>>,
    /// Edit / clone: loading the source config.
    pub source: RwSignal<Load<()>>,
    /// The config a clone was made from (the notes on keys that usually must change are
    /// derived from it and the name being typed: see [`FormStore::clone_notes`]).
    clone_source: RwSignal<Option<crate::protocol::ConfigMap>>,
    pub saving: RwSignal<bool>,
    pub save_error: RwSignal<Option<ApiError>>,
    /// Create: the answer was an error, but the connector turned out to exist exactly as sent
    /// (what the server had answered).
    pub create_recovered: RwSignal<Option<String>>,
    /// Create: the last attempt's answer was lost and whether it created the connector is
    /// unknown, so a `409 already exists` on the retry is checked against what was sent.
    uncertain_create: StoredValue<bool>,
    /// Bumped on attach and when the attached cluster's server info (version) has been read.
    server_known: RwSignal<u64>,
    pub review: RwSignal<Option<Review>>,
    /// Create: the state to start in ("RUNNING", "PAUSED", "STOPPED"); kept in the draft.
    pub initial_state: RwSignal<String>,
    /// Edit: the connector was deleted on the cluster after the form was opened (found by the
    /// read before the PUT, which would have created it again). The page offers to create it
    /// again on purpose: [`FormStore::save`] with `recreate`.
    pub deleted_meanwhile: RwSignal<bool>,
    pub restored: RwSignal<Option<RestoredDraft>>,
    draft_key: StoredValue<Option<String>>,
    /// Create: the plugin of the page (its draft slot), which discarding a draft starts over on.
    create_plugin: StoredValue<Option<String>>,
    /// Clone: the name a fresh clone form starts with.
    clone_name: StoredValue<String>,
    /// Bumped by [`FormStore::start`]: a new model is not an edit (no debounce, no draft).
    generation: RwSignal<u64>,
    /// Save drafts (off while a restored draft is being decided, and after a save).
    drafts_on: StoredValue<bool>,
    /// Where creates and saves are recorded (absent outside the app's stores).
    activity: Option<ActivityStore>,
}

fn now_ms() -> u64 {
    js_sys::Date::now() as u64
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window().and_then(|w| w.local_storage().ok().flatten())
}

fn no_client_error() -> ApiError {
    ApiError::new(
        ErrorKind::NotFound,
        "This cluster is not configured in the console.",
    )
}

impl FormStore {
    /// A store with an empty create model. Call [`FormStore::attach`] before any request.
    pub fn new() -> FormStore {
        let store = FormStore {
            model: RwSignal::new(FormModel::new_create("", "")),
            cluster_id: RwSignal::new(String::new()),
            client: StoredValue::new_local(None),
            seq: StoredValue::new(ValidationSequencer::new()),
            cancel: StoredValue::new_local(None),
            debounce: StoredValue::new(None),
            slow_timer: StoredValue::new(None),
            validating: RwSignal::new(false),
            slow: RwSignal::new(false),
            validate_error: RwSignal::new(None),
            validate_cancelled: RwSignal::new(false),
            last_validate_ms: RwSignal::new(None),
            plugins: RwSignal::new(Load::Idle),
            source: RwSignal::new(Load::Idle),
            clone_source: RwSignal::new(None),
            saving: RwSignal::new(false),
            save_error: RwSignal::new(None),
            create_recovered: RwSignal::new(None),
            uncertain_create: StoredValue::new(false),
            server_known: RwSignal::new(0),
            review: RwSignal::new(None),
            initial_state: RwSignal::new(String::from("RUNNING")),
            deleted_meanwhile: RwSignal::new(false),
            restored: RwSignal::new(None),
            draft_key: StoredValue::new(None),
            create_plugin: StoredValue::new(None),
            clone_name: StoredValue::new(String::new()),
            generation: RwSignal::new(0),
            drafts_on: StoredValue::new(false),
            activity: use_context::<ActivityStore>(),
        };
        // Every edit of the working config: schedule a validate and save the draft.
        let revision =
            Memo::new(move |_| (store.generation.get(), store.model.with(|m| m.revision())));
        Effect::new(move |prev: Option<(u64, u64)>| {
            let now = revision.get();
            if let Some(before) = prev {
                if before.0 == now.0 && before.1 != now.1 {
                    store.schedule_validation();
                    store.save_draft();
                }
            }
            now
        });
        // The start state is part of a create draft.
        Effect::new(move |prev: Option<String>| {
            let now = store.initial_state.get();
            if prev.is_some_and(|p| p != now) {
                store.save_draft();
            }
            now
        });
        on_cleanup(move || {
            store.clear_timers();
            if let Some(c) = store.cancel.try_update_value(Option::take).flatten() {
                c.cancel();
            }
        });
        store
    }

    /// Points the store at a cluster.
    pub fn attach(&self, cluster_id: &str, client: Client) {
        self.cluster_id.set(cluster_id.to_string());
        self.client.set_value(Some(client.clone()));
        // A client now: re-evaluate what it supports. The capabilities (initial state on create)
        // depend on the server's version; a form opened cold has not read it yet, so ask once
        // (only then) and re-evaluate when it is known.
        self.server_known.update(|n| *n += 1);
        if client.detected_server_info().is_some() {
            return;
        }
        let known = self.server_known;
        spawn_local(async move {
            if client.server_info().await.is_ok() {
                known.try_update(|n| *n += 1);
            }
        });
    }

    pub fn client(&self) -> Option<Client> {
        self.client.with_value(Clone::clone)
    }

    /// Why no form can be generated on the attached cluster (its flavor has no validate, so
    /// it never describes a plugin's configuration), or `None`. Reactive like
    /// [`FormStore::supports_initial_state`].
    pub fn no_validation_note(&self) -> Option<String> {
        self.server_known.track();
        let caps = self
            .client
            .with_value(|c| c.as_ref().map(|c| c.capabilities(None)))?;
        (!caps.validate).then(|| {
            format!(
                "{} cannot validate or describe a plugin's configuration, so there is no \
                 generated form here: the connector's properties are the key/value pairs below \
                 and the text of the JSON / .properties tab. The cluster checks them when the \
                 connector is saved.",
                caps.flavor.label()
            )
        })
    }

    fn can_validate(&self) -> bool {
        self.client
            .with_value(|c| c.as_ref().is_some_and(|c| c.capabilities(None).validate))
    }

    /// Whether the attached cluster accepts an initial state on create (Apache 3.7+).
    pub fn supports_initial_state(&self) -> bool {
        self.server_known.track();
        self.client
            .with_value(|c| c.as_ref().map(|c| c.capabilities(None).initial_state))
            .unwrap_or(false)
    }

    fn clear_timers(&self) {
        if let Some(h) = self.debounce.try_update_value(Option::take).flatten() {
            h.clear();
        }
        if let Some(h) = self.slow_timer.try_update_value(Option::take).flatten() {
            h.clear();
        }
    }

    // ----- plugins ----------------------------------------------------------------------

    /// Loads the cluster's plugins (all kinds) for the picker and class suggestions.
    pub fn load_plugins(&self) {
        let Some(client) = self.client() else {
            self.plugins.set(Load::Failed(no_client_error()));
            return;
        };
        let store = *self;
        self.plugins.set(Load::Loading);
        spawn_local(async move {
            let mut result = client.plugins(false).await;
            if matches!(&result, Err(e) if e.kind == ErrorKind::BadRequest || e.kind == ErrorKind::Unsupported)
            {
                result = client.plugins(true).await;
            }
            match result {
                Ok(ps) => {
                    store.model.update(|m| m.set_plugins(ps.clone()));
                    store.plugins.set(Load::Ready(ps));
                }
                Err(e) => store.plugins.set(Load::Failed(e)),
            }
        });
    }

    // ----- starting a form --------------------------------------------------------------

    /// Starts a form on `model` and validates it at once.
    pub fn start(&self, model: FormModel) {
        self.seq.update_value(ValidationSequencer::reset);
        if let Some(c) = self.cancel.try_update_value(Option::take).flatten() {
            c.cancel();
        }
        let plugins = match self.plugins.get_untracked() {
            Load::Ready(ps) => Some(ps),
            _ => None,
        };
        let mut model = model;
        if let Some(ps) = plugins {
            model.set_plugins(ps);
        }
        self.review.set(None);
        self.save_error.set(None);
        self.validate_error.set(None);
        self.generation.update(|g| *g += 1);
        self.model.set(model);
        self.validate_now();
    }

    /// Create: a new form for `plugin` named `name`, or the stored draft for this cluster and
    /// plugin when there is one (reported in [`FormStore::restored`]).
    pub fn start_create(&self, plugin: &str, name: &str) {
        let cluster = self.cluster_id.get_untracked();
        let key = create_draft_key(&cluster, plugin);
        self.draft_key.set_value(Some(key.clone()));
        let stored = storage()
            .and_then(|s| s.get_item(&key).ok().flatten())
            .and_then(|t| Draft::from_json(&t));
        // The slot is this page's, whatever plugin the draft ended on (a pasted config of
        // another plugin switches the form to it): restored as it was left.
        self.create_plugin.set_value(Some(plugin.to_string()));
        match stored {
            Some(d) => {
                let restored = FormModel::from_draft(&d, None);
                self.start_restored(&d, restored);
            }
            None => self.start_fresh(FormModel::new_create(plugin, name)),
        }
        self.drafts_on.set_value(true);
    }

    /// Starts on a draft restored from storage (what it found is in [`FormStore::restored`]).
    fn start_restored(&self, d: &Draft, (model, report): (FormModel, crate::form::RestoreReport)) {
        self.initial_state
            .set(d.initial_state.clone().unwrap_or_else(|| "RUNNING".into()));
        self.restored.set(Some(RestoredDraft {
            saved_at_ms: d.saved_at_ms,
            reenter_secrets: report.reenter_secrets,
            live_changes: report.live_changes,
        }));
        self.start(model);
    }

    /// Starts on a new model, no draft.
    fn start_fresh(&self, model: FormModel) {
        self.restored.set(None);
        self.initial_state.set("RUNNING".into());
        self.start(model);
    }

    /// Forgets the restored draft and starts over.
    pub fn discard_draft(&self) {
        self.delete_draft();
        self.restored.set(None);
        self.initial_state.set("RUNNING".into());
        let m = self.model.get_untracked();
        match m.mode() {
            crate::form::FormMode::Create => match (
                self.clone_source.get_untracked(),
                self.create_plugin.get_value(),
            ) {
                (Some(src), _) => {
                    let name = self.clone_name.get_value();
                    self.start(FormModel::new_clone(&src, &name).0);
                }
                (None, plugin) => {
                    let plugin = plugin
                        .unwrap_or_else(|| m.connector_class().unwrap_or_default().to_string());
                    self.start(FormModel::new_create(&plugin, ""));
                }
            },
            crate::form::FormMode::Edit => {
                let initial = m.initial().clone();
                self.start(FormModel::new_edit(initial));
            }
        }
        self.drafts_on.set_value(true);
    }

    /// Edit: loads the live config of `name` (and a stored draft for it, if any).
    pub fn start_edit(&self, name: &str) {
        let Some(client) = self.client() else {
            self.source.set(Load::Failed(no_client_error()));
            return;
        };
        let store = *self;
        let name = name.to_string();
        self.source.set(Load::Loading);
        spawn_local(async move {
            match client.config(&name).await {
                Ok(live) => {
                    // The page was left while the config was read.
                    if store.model.is_disposed() {
                        return;
                    }
                    let cluster = store.cluster_id.get_untracked();
                    let probe = FormModel::new_edit(live.clone()).draft(&cluster, 0);
                    let key = probe.storage_key();
                    store.draft_key.set_value(Some(key.clone()));
                    let stored = storage()
                        .and_then(|s| s.get_item(&key).ok().flatten())
                        .and_then(|t| Draft::from_json(&t));
                    match stored {
                        Some(d) => {
                            let restored = FormModel::from_draft(&d, Some(&live));
                            store.start_restored(&d, restored);
                        }
                        None => store.start_fresh(FormModel::new_edit(live)),
                    }
                    store.drafts_on.set_value(true);
                    store.source.set(Load::Ready(()));
                }
                Err(e) => store.source.set(Load::Failed(e)),
            }
        });
    }

    /// Clone: loads `from` on `source` and starts a create form with its config under
    /// `new_name` (secrets and references copied verbatim, never shown).
    /// Notes on the clone's keys that usually must change, for the name now in the form
    /// (tracked: they follow the name as it is typed). Empty unless this form is a clone.
    pub fn clone_notes(&self) -> Vec<CloneNote> {
        self.clone_source.with(|src| match src {
            Some(src) => {
                let name = self
                    .model
                    .with(|m| m.connector_name().unwrap_or_default().to_string());
                crate::form::clone_config(src, &name).notes
            }
            None => Vec::new(),
        })
    }

    ///
    /// Its draft has a slot of its own, per source connector (not the create slot of its
    /// plugin, and not per target cluster: retargeting keeps it), and comes back on a reload.
    pub fn start_clone(&self, source: Client, from_cluster: &str, from: &str, new_name: &str) {
        let store = *self;
        let from = from.to_string();
        let new_name = new_name.to_string();
        let key = clone_draft_key(from_cluster, &from);
        self.source.set(Load::Loading);
        spawn_local(async move {
            let read = source.config(&from).await;
            if store.model.is_disposed() {
                return;
            }
            match read {
                Ok(src) => {
                    store.draft_key.set_value(Some(key.clone()));
                    store.clone_name.set_value(new_name.clone());
                    store.create_plugin.set_value(None);
                    store.clone_source.set(Some(src.clone()));
                    let stored = storage()
                        .and_then(|s| s.get_item(&key).ok().flatten())
                        .and_then(|t| Draft::from_json(&t));
                    match stored {
                        Some(d) => {
                            let base = crate::form::clone_config(&src, &new_name).config;
                            let restored = FormModel::from_clone_draft(&d, &base);
                            store.start_restored(&d, restored);
                        }
                        None => store.start_fresh(FormModel::new_clone(&src, &new_name).0),
                    }
                    store.drafts_on.set_value(true);
                    store.source.set(Load::Ready(()));
                }
                Err(e) => store.source.set(Load::Failed(e)),
            }
        });
    }

    // ----- validation -------------------------------------------------------------------

    /// Schedules a validate after [`DEBOUNCE_MS`] of quiet.
    pub fn schedule_validation(&self) {
        if let Some(h) = self.debounce.try_update_value(Option::take).flatten() {
            h.clear();
        }
        let store = *self;
        let h = set_timeout_with_handle(
            move || {
                store.debounce.set_value(None);
                store.validate_now();
            },
            Duration::from_millis(DEBOUNCE_MS),
        )
        .ok();
        self.debounce.set_value(h);
    }

    /// Validates now (or once the request in flight completes).
    pub fn validate_now(&self) {
        let has_class = self
            .model
            .with_untracked(|m| m.connector_class().is_some_and(|c| !c.trim().is_empty()));
        // A cluster without validate is not asked (it would only answer "not supported").
        if !has_class || !self.can_validate() {
            return;
        }
        if let Some(ticket) = self.seq.try_update_value(|s| s.request()).flatten() {
            self.send(ticket);
        }
    }

    fn send(&self, ticket: u64) {
        let Some(client) = self.client() else { return };
        let (plugin, config) = self.model.with_untracked(|m| {
            (
                m.connector_class().unwrap_or_default().to_string(),
                m.validation_request(),
            )
        });
        let store = *self;
        self.validating.set(true);
        self.validate_cancelled.set(false);
        if let Some(h) = self.slow_timer.try_update_value(Option::take).flatten() {
            h.clear();
        }
        let h = set_timeout_with_handle(
            move || {
                if store.validating.get_untracked() {
                    store.slow.set(true);
                }
            },
            Duration::from_millis(SLOW_MS),
        )
        .ok();
        self.slow_timer.set_value(h);
        let started = js_sys::Date::now();
        let (fut, handle) = cancellable(async move { client.validate(&plugin, &config).await });
        self.cancel.set_value(Some(handle));
        spawn_local(async move {
            let outcome = fut.await;
            if store.seq.try_with_value(|_| ()).is_none() {
                return; // the page is gone
            }
            let next = match outcome {
                None => {
                    // Cancelled: `cancel_validation` already reset the sequencer.
                    None
                }
                Some(Ok(infos)) => {
                    let done = store.seq.try_update_value(|s| s.complete(ticket));
                    match done {
                        Some(c) => {
                            if c.apply {
                                store.model.update(|m| m.apply_validation(&infos));
                                store.validate_error.set(None);
                                store
                                    .last_validate_ms
                                    .set(Some(js_sys::Date::now() - started));
                            }
                            c.resend
                        }
                        None => None,
                    }
                }
                Some(Err(e)) => {
                    let again = store.seq.try_update_value(|s| s.fail(ticket)).flatten();
                    if e.kind != ErrorKind::Aborted {
                        store.validate_error.set(Some(e));
                    }
                    again
                }
            };
            match next {
                Some(t) => store.send(t),
                None => store.finish_validating(),
            }
        });
    }

    fn finish_validating(&self) {
        if self.seq.with_value(|s| s.in_flight().is_none()) {
            self.validating.set(false);
            self.slow.set(false);
            self.cancel.set_value(None);
            if let Some(h) = self.slow_timer.try_update_value(Option::take).flatten() {
                h.clear();
            }
        }
    }

    /// Drops the validate in flight (its fetch is aborted). The form keeps the previous
    /// answer; the next change validates again.
    pub fn cancel_validation(&self) {
        if let Some(h) = self.debounce.try_update_value(Option::take).flatten() {
            h.clear();
        }
        self.seq.update_value(ValidationSequencer::reset);
        if let Some(c) = self.cancel.try_update_value(Option::take).flatten() {
            c.cancel();
        }
        self.validate_cancelled.set(true);
        self.finish_validating();
    }

    // ----- drafts -----------------------------------------------------------------------

    fn save_draft(&self) {
        if !self.drafts_on.get_value() {
            return;
        }
        let Some(key) = self.draft_key.get_value() else {
            return;
        };
        let cluster = self.cluster_id.get_untracked();
        let dirty = self.model.with_untracked(|m| m.is_dirty());
        let Some(s) = storage() else { return };
        if !dirty {
            let _ = s.remove_item(&key);
            return;
        }
        let mut draft = self.model.with_untracked(|m| m.draft(&cluster, now_ms()));
        if draft.mode == crate::form::FormMode::Create {
            draft.initial_state =
                Some(self.initial_state.get_untracked()).filter(|st| st.as_str() != "RUNNING");
        }
        let _ = s.set_item(&key, &draft.to_json());
    }

    fn delete_draft(&self) {
        if let (Some(key), Some(s)) = (self.draft_key.get_value(), storage()) {
            let _ = s.remove_item(&key);
        }
    }

    // ----- create -----------------------------------------------------------------------

    /// Creates the connector. On success returns its name (the draft is deleted); on failure
    /// sets [`FormStore::save_error`] and leaves the form exactly as typed.
    pub async fn create(&self, initial_state: Option<InitialState>) -> Option<String> {
        let client = self.client()?;
        let (name, mut out) = self.model.with_untracked(|m| {
            (
                m.connector_name().unwrap_or_default().trim().to_string(),
                m.outgoing(),
            )
        });
        // Kafka Connect refuses a config whose `name` differs from the created name (the
        // name warning says it is stored trimmed), so the config carries the trimmed name too.
        if let Some(n) = out.config.get_mut(NAME_KEY) {
            if n.trim() != n.as_str() {
                *n = name.clone();
            }
        }
        if name.is_empty() {
            self.save_error.set(Some(ApiError::new(
                ErrorKind::BadRequest,
                "The connector needs a name.",
            )));
            return None;
        }
        // Checked as it will be created (trimmed): " .. " is "..".
        if let Some(w) = crate::form::name_warnings(&name)
            .into_iter()
            .find(|w| w.issue.refuses_create())
        {
            self.save_error.set(Some(
                ApiError::new(ErrorKind::BadRequest, "Not sent: this name cannot be used.")
                    .with_hint(format!("{} Choose another name.", w.message)),
            ));
            return None;
        }
        if let Some(e) = not_ready_error(&out) {
            self.save_error.set(Some(e));
            return None;
        }
        self.saving.set(true);
        self.save_error.set(None);
        self.create_recovered.set(None);
        let cluster = self.cluster_id.get_untracked();
        // Read before the awaits: the page may be gone when they end (then the outcome is
        // still logged and a created connector's draft removed, and nothing else is touched).
        let uncertain = self.uncertain_create.get_value();
        let draft_key = self.draft_key.get_value();
        let result = client.create(&name, &out.config, initial_state).await;
        let result = match result {
            // The answer was lost or the server failed: the connector may exist all the same
            // (Kafka Connect answers 500 for names with `{` after creating them). Look before
            // offering a retry, so a retry never double-submits and a success is not a failure.
            Err(e) if answer_lost(&e) => {
                let checked = check_created(&client, &name, &out.config, e).await;
                self.uncertain_create.set_value(checked.is_err());
                checked
            }
            // A retry after a lost answer meets its own first attempt.
            Err(e) if e.kind == ErrorKind::AlreadyExists && uncertain => {
                check_created(&client, &name, &out.config, e).await
            }
            Err(e) => Err(e),
            Ok(info) => Ok((info.name, None)),
        };
        self.saving.set(false);
        let action = match initial_state {
            Some(InitialState::Paused) => "Create (PAUSED)",
            Some(InitialState::Stopped) => "Create (STOPPED)",
            _ => "Create",
        };
        self.log_activity(
            &cluster,
            &name,
            action,
            &out.config,
            result
                .as_ref()
                .map(|(_, recovered)| recovered.clone())
                .map_err(ApiError::to_string),
        );
        if self.model.is_disposed() {
            if let (Ok(_), Some(key), Some(s)) = (&result, draft_key, storage()) {
                let _ = s.remove_item(&key);
            }
            return None;
        }
        match result {
            Ok((created, recovered)) => {
                self.uncertain_create.set_value(false);
                self.create_recovered.set(recovered);
                self.drafts_on.set_value(false);
                self.delete_draft();
                Some(created)
            }
            Err(e) => {
                self.save_error.set(Some(e));
                None
            }
        }
    }

    // ----- edit -------------------------------------------------------------------------

    /// Fetches the live config again and prepares the review: the form's changes and what
    /// changed on the server since the form was opened.
    pub async fn prepare_review(&self) -> bool {
        let Some(client) = self.client() else {
            return false;
        };
        let name = self
            .model
            .with_untracked(|m| m.connector_name().unwrap_or_default().to_string());
        let out = self.model.with_untracked(|m| m.outgoing());
        if let Some(e) = not_ready_error(&out) {
            self.save_error.set(Some(e));
            return false;
        }
        self.saving.set(true);
        self.save_error.set(None);
        self.deleted_meanwhile.set(false);
        let live = client.config(&name).await;
        if self.model.is_disposed() {
            return false;
        }
        self.saving.set(false);
        match live {
            Ok(live) => {
                let review = self.model.with_untracked(|m| Review {
                    changes: m.diff_from_initial(),
                    live: m.live_changes(&live),
                    live_config: live,
                });
                self.review.set(Some(review));
                true
            }
            // Gone since the form was opened: the review still shows the changes, and the
            // page offers to create it again with them.
            Err(e) if e.is_connector_not_found(&name) => {
                self.deleted_meanwhile.set(true);
                self.save_error.set(Some(deleted_meanwhile_error(&name, e)));
                let review = self.model.with_untracked(|m| Review {
                    changes: m.diff_from_initial(),
                    live: Default::default(),
                    live_config: ConfigMap::new(),
                });
                self.review.set(Some(review));
                true
            }
            Err(e) => {
                self.save_error.set(Some(e));
                false
            }
        }
    }

    /// Takes the server's changes into the form (conflicting keys: `prefer` wins) and
    /// reviews again.
    pub fn rebase(&self, prefer: Prefer) {
        if let Some(r) = self.review.get_untracked() {
            self.model
                .update(|m| m.rebase_on_live(&r.live_config, prefer));
            let review = self.model.with_untracked(|m| Review {
                changes: m.diff_from_initial(),
                live: m.live_changes(&r.live_config),
                live_config: r.live_config.clone(),
            });
            self.review.set(Some(review));
        }
    }

    /// Records a create or save in the activity log. The server's messages can quote the
    /// values sent (`config`), which are left out.
    fn log_activity(
        &self,
        cluster: &str,
        name: &str,
        action: &str,
        config: &ConfigMap,
        result: Result<Option<String>, String>,
    ) {
        let Some(a) = self.activity else { return };
        // The connector's own name is in the config too, and is no secret.
        let values = config
            .iter()
            .filter(|(k, v)| k.as_str() != "name" && v.as_str() != name)
            .map(|(_, v)| v.as_str());
        let redact = |m: String| without_values(&m, values.clone());
        a.record(
            cluster,
            Subject::Connector(name.to_string()),
            action,
            result.map(|m| m.map(&redact)).map_err(&redact),
        );
    }

    /// PUTs the whole config. Returns the connector's name on success.
    ///
    /// The live config is read once more right before the PUT, because Kafka Connect's
    /// `PUT /connectors/{name}/config` overwrites whatever is there and creates a connector
    /// that is gone:
    /// - changed on the server since the review was made: nothing is sent, and the review is
    ///   made again against what is there now (saving again overwrites it knowingly);
    /// - deleted meanwhile: nothing is sent unless `recreate` (the operator asked for it
    ///   after being told).
    pub async fn save(&self, recreate: bool) -> Option<String> {
        let client = self.client()?;
        let (name, out) = self.model.with_untracked(|m| {
            (
                m.connector_name().unwrap_or_default().to_string(),
                m.outgoing(),
            )
        });
        if let Some(e) = not_ready_error(&out) {
            self.save_error.set(Some(e));
            return None;
        }
        let cluster = self.cluster_id.get_untracked();
        let draft_key = self.draft_key.get_value();
        self.saving.set(true);
        self.save_error.set(None);
        let reviewed = self
            .review
            .with_untracked(|r| r.as_ref().map(|r| r.live_config.clone()));
        let read = client.config(&name).await;
        // The page was left while the read was out: send nothing.
        if self.model.is_disposed() {
            return None;
        }
        match read {
            // Still gone: sent only when the operator asked to create it again.
            Err(e) if e.is_connector_not_found(&name) => {
                if !recreate {
                    self.saving.set(false);
                    self.deleted_meanwhile.set(true);
                    self.save_error.set(Some(deleted_meanwhile_error(&name, e)));
                    return None;
                }
            }
            // There, but not as reviewed (changed meanwhile, or back after a delete): review
            // again. Signals the review section watches are written before the review
            // replaces that section.
            Ok(live) if recreate || reviewed.as_ref().is_some_and(|r| *r != live) => {
                self.saving.set(false);
                self.deleted_meanwhile.set(false);
                let message = if recreate {
                    format!("Nothing was sent: {name} exists on the cluster again.")
                } else {
                    format!(
                        "Nothing was sent: the config of {name} changed on the cluster while you were reviewing."
                    )
                };
                self.save_error.set(Some(
                    ApiError::new(ErrorKind::Conflict, message).with_hint(
                        "The review now shows what changed there. Take those changes in, or save again to overwrite them.",
                    ),
                ));
                let review = self.model.with_untracked(|m| Review {
                    changes: m.diff_from_initial(),
                    live: m.live_changes(&live),
                    live_config: live,
                });
                self.review.set(Some(review));
                return None;
            }
            Ok(_) => {}
            Err(mut e) => {
                self.saving.set(false);
                e.message = format!(
                    "Nothing was sent: the live config could not be read again before saving. {}",
                    e.message
                );
                self.save_error.set(Some(e));
                return None;
            }
        }
        let result = client.put_config(&name, &out.config).await;
        self.saving.set(false);
        self.log_activity(
            &cluster,
            &name,
            if recreate {
                "Create again (PUT config)"
            } else {
                "Update config"
            },
            &out.config,
            result.as_ref().map(|_| None).map_err(ApiError::to_string),
        );
        if self.model.is_disposed() {
            if let (Ok(_), Some(key), Some(s)) = (&result, draft_key, storage()) {
                let _ = s.remove_item(&key);
            }
            return None;
        }
        match result {
            Ok(info) => {
                self.drafts_on.set_value(false);
                self.delete_draft();
                self.deleted_meanwhile.set(false);
                self.review.set(None);
                Some(info.name)
            }
            Err(e) => {
                self.save_error.set(Some(e));
                None
            }
        }
    }
}

impl Default for FormStore {
    fn default() -> Self {
        Self::new()
    }
}

/// The connector being edited is gone from the cluster (`e`: the 404 of the read).
fn deleted_meanwhile_error(name: &str, e: ApiError) -> ApiError {
    ApiError::new(
        ErrorKind::NotFound,
        format!("Nothing was sent: {name} was deleted from the cluster after this form was opened."),
    )
    .with_hint(
        "Saving would create it again with this config. Press \"Create it again\" if that is what you want; your changes stay in this form.",
    )
    .with_detail(e.message)
}

/// The draft slot of a clone of `from` on `from_cluster` (whichever cluster it goes to).
fn clone_draft_key(from_cluster: &str, from: &str) -> String {
    // A namespace of its own (create and edit slots are `connect-console.draft.<cluster>.…`),
    // and the source as a JSON pair, so no two sources share a key whatever their characters.
    let source = serde_json::to_string(&(from_cluster, from)).unwrap_or_default();
    format!("connect-console.clone-draft.{source}")
}

/// The draft slot of a create form: one per cluster and plugin (the name is still changing).
fn create_draft_key(cluster: &str, plugin: &str) -> String {
    let probe = Draft {
        version: crate::form::DRAFT_VERSION,
        cluster_id: cluster.to_string(),
        plugin: plugin.to_string(),
        name: String::new(),
        mode: crate::form::FormMode::Create,
        values: ConfigMap::new(),
        omitted_secrets: Vec::new(),
        base: ConfigMap::new(),
        saved_at_ms: 0,
        initial_state: None,
    };
    probe.storage_key()
}

fn not_ready_error(out: &crate::form::Outgoing) -> Option<ApiError> {
    if out.ready() {
        return None;
    }
    let mut parts = Vec::new();
    // A masked secret is also a local error: named once, as a secret to re-enter.
    let fix: Vec<&str> = out
        .local_errors
        .iter()
        .map(|(k, _)| k.as_str())
        .filter(|k| !out.reenter_secrets.iter().any(|r| r == k))
        .collect();
    if !fix.is_empty() {
        parts.push(format!("fix {}", fix.join(", ")));
    }
    if !out.reenter_secrets.is_empty() {
        parts.push(format!(
            "re-enter the secret {}",
            out.reenter_secrets.join(", ")
        ));
    }
    Some(
        ApiError::new(ErrorKind::BadRequest, "Not sent: the form has problems.")
            .with_hint(format!("Before saving, {}.", parts.join(" and "))),
    )
}

// ----- create with a lost answer ---------------------------------------------------------------

/// Errors after which the create may have happened: no answer, an answer that does not parse,
/// or a server / proxy failure.
fn answer_lost(e: &ApiError) -> bool {
    matches!(
        e.kind,
        ErrorKind::Network
            | ErrorKind::Timeout
            | ErrorKind::Server
            | ErrorKind::Unavailable
            | ErrorKind::BadResponse
    )
}

/// Reads the connector back after a create that failed with `err`: `Ok` when it exists with
/// exactly the config sent (with a note naming what the server had answered), otherwise `err`
/// with a hint saying whether a retry is safe.
async fn check_created(
    client: &Client,
    name: &str,
    sent: &ConfigMap,
    err: ApiError,
) -> Result<(String, Option<String>), ApiError> {
    let first = err.message.clone();
    match client.config(name).await {
        Ok(live) if crate::form::created_as_sent(sent, &live) => Ok((
            name.to_string(),
            Some(format!(
                "The server answered \u{201c}{first}\u{201d}, but the connector was created with exactly this configuration."
            )),
        )),
        Ok(_) if err.kind == ErrorKind::AlreadyExists => Err(err.with_hint(
            "A connector with this name exists, with another configuration: it was not created by this form. Choose another name.",
        )),
        Ok(_) => Err(ApiError::new(
            ErrorKind::AlreadyExists,
            format!("{first} A connector named \u{201c}{name}\u{201d} exists now, with another configuration."),
        )
        .with_hint("It was not overwritten. Open it to compare, or choose another name.")),
        Err(e) if e.kind == ErrorKind::NotFound => Err(err.with_hint(
            "The connector was checked and does not exist: nothing was created, creating again is safe.",
        )),
        Err(e) => Err(err.with_hint(format!(
            "Whether the connector was created is unknown (reading it back failed too: {}). Creating again checks first and never makes a second one.",
            e.message
        ))),
    }
}

// ----- routes the form pages navigate to (in-app paths, without the router base) ----------

// The detail and create paths are `state::detail::{connector_path, create_path}`.

fn seg(s: &str) -> String {
    crate::state::detail::encode_segment(s)
}

/// `/new?cluster=..&from_cluster=..&from=..`: clone `from` of `from_cluster` to `cluster`.
pub fn clone_route(cluster: &str, from_cluster: &str, from: &str) -> String {
    format!(
        "/new?cluster={}&from_cluster={}&from={}",
        seg(cluster),
        seg(from_cluster),
        seg(from)
    )
}
