//! Drafts that survive a reload (localStorage), without secret values.

use serde::{Deserialize, Serialize};

use super::diff::{self, LiveChanges};
use super::model::{FormMode, FormModel, CLASS_KEY, NAME_KEY};
use super::secret::SecretPolicy;
use crate::protocol::model::ConfigMap;

/// The draft format version.
pub const DRAFT_VERSION: u32 = 1;

/// A serializable form draft. **Secrets are not persisted**: values of secret keys
/// (PASSWORD definitions, secret-looking names) are removed and their keys listed in
/// `omitted_secrets`; a value that is exactly one `${provider:...}` reference is not a secret
/// and is kept. On restore, omitted secrets come back from the live config (edit) or must be
/// re-entered (create).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Draft {
    #[serde(default = "draft_version")]
    pub version: u32,
    pub cluster_id: String,
    /// `connector.class`.
    pub plugin: String,
    /// The connector name (may be empty in an early create draft).
    pub name: String,
    pub mode: FormMode,
    /// The working config without secrets.
    pub values: ConfigMap,
    /// Keys whose secret values were not saved.
    #[serde(default)]
    pub omitted_secrets: Vec<String>,
    /// Edit mode: the live config when the form was opened, without secrets, to tell on
    /// restore whether the server's config changed meanwhile.
    #[serde(default)]
    pub base: ConfigMap,
    /// When the draft was saved (epoch ms, supplied by the caller).
    #[serde(default)]
    pub saved_at_ms: u64,
    /// Create: the state the connector is to start in ("PAUSED", "STOPPED"); `None` for
    /// running (the default) and for edit drafts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub initial_state: Option<String>,
}

fn draft_version() -> u32 {
    DRAFT_VERSION
}

/// What restoring a draft found.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RestoreReport {
    /// Secrets the user must type again (create drafts, or keys gone from the live config).
    pub reenter_secrets: Vec<String>,
    /// Edit drafts: what changed on the server since the draft's base (secrets compared only
    /// by presence, since the draft has none).
    pub live_changes: LiveChanges,
}

fn is_single_reference(v: &str) -> bool {
    let t = v.trim();
    t.starts_with("${")
        && t.ends_with('}')
        && t[2..].find('}') == Some(t.len() - 3)
        && super::secret::has_reference(t)
}

fn strip_secrets(config: &ConfigMap, policy: &SecretPolicy) -> (ConfigMap, Vec<String>) {
    let mut kept = ConfigMap::new();
    let mut omitted = Vec::new();
    for (k, v) in config {
        if policy.is_secret_key(k) && !v.is_empty() && !is_single_reference(v) {
            omitted.push(k.clone());
        } else {
            kept.insert(k.clone(), v.clone());
        }
    }
    (kept, omitted)
}

impl Draft {
    /// A localStorage key for this draft: one per cluster, mode and connector (or plugin for
    /// an unnamed create draft).
    pub fn storage_key(&self) -> String {
        let mode = match self.mode {
            FormMode::Create => "create",
            FormMode::Edit => "edit",
        };
        let who = if self.name.is_empty() {
            &self.plugin
        } else {
            &self.name
        };
        format!("connect-console.draft.{}.{mode}.{who}", self.cluster_id)
    }

    /// JSON for storage.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Reads a stored draft; `None` for garbage or a newer format.
    pub fn from_json(text: &str) -> Option<Draft> {
        serde_json::from_str::<Draft>(text)
            .ok()
            .filter(|d| d.version <= DRAFT_VERSION)
    }
}

impl FormModel {
    /// A draft of this form without secret values.
    pub fn draft(&self, cluster_id: &str, saved_at_ms: u64) -> Draft {
        let policy = self.secret_policy();
        let (values, omitted_secrets) = strip_secrets(self.values(), policy);
        let base = match self.mode() {
            FormMode::Edit => strip_secrets(self.initial(), policy).0,
            FormMode::Create => ConfigMap::new(),
        };
        Draft {
            version: DRAFT_VERSION,
            cluster_id: cluster_id.to_string(),
            plugin: self.connector_class().unwrap_or_default().to_string(),
            name: self.connector_name().unwrap_or_default().to_string(),
            mode: self.mode(),
            values,
            omitted_secrets,
            base,
            saved_at_ms,
            initial_state: None,
        }
    }

    /// Restores a draft. Edit drafts need the live config now (`live`): it becomes the base,
    /// the omitted secrets come back from it, keys the draft did not touch follow the server,
    /// and the report says what changed on the server since the draft was saved. Create drafts
    /// ignore `live`. An edit draft restored with `live: None` (the connector is gone) becomes a
    /// create form with the draft's values, every omitted secret to re-enter.
    /// Restores the draft of a clone over `clone_base` (the clone's starting config, from
    /// the source connector as it is now): the omitted secrets come back from it, as an edit
    /// draft's come back from the live config (whether one had been retyped is unknown: the
    /// source's value is assumed); keys the draft had removed stay removed. Only secrets the
    /// source no longer has must be typed again.
    pub fn from_clone_draft(draft: &Draft, clone_base: &ConfigMap) -> (FormModel, RestoreReport) {
        let mut report = RestoreReport::default();
        let mut model = FormModel::new_create_from(clone_base.clone());
        for k in clone_base.keys() {
            if !draft.values.contains_key(k) && !draft.omitted_secrets.contains(k) {
                model.unset(k);
            }
        }
        for (k, v) in &draft.values {
            model.set_exact(k, v);
        }
        for k in &draft.omitted_secrets {
            if !clone_base.contains_key(k) {
                report.reenter_secrets.push(k.clone());
            }
        }
        (model, report)
    }

    pub fn from_draft(draft: &Draft, live: Option<&ConfigMap>) -> (FormModel, RestoreReport) {
        let mut report = RestoreReport::default();
        match (draft.mode, live) {
            (FormMode::Edit, Some(live)) => {
                let mut values = draft.values.clone();
                let mut base = draft.base.clone();
                for k in &draft.omitted_secrets {
                    match live.get(k) {
                        Some(v) => {
                            values.insert(k.clone(), v.clone());
                            // Unknown whether the secret changed: assume the base had it.
                            base.insert(k.clone(), v.clone());
                        }
                        None => report.reenter_secrets.push(k.clone()),
                    }
                }
                report.live_changes =
                    diff::live_changes(&base, live, &values, &SecretPolicy::names_only());
                // Rebase: keys the draft did not touch follow the server.
                let merged = diff::three_way_merge(&base, live, &values, diff::Prefer::Mine);
                let mut model = FormModel::new_edit(live.clone());
                for (k, v) in &merged {
                    model.set_exact(k, v);
                }
                for k in live.keys() {
                    if !merged.contains_key(k) {
                        model.unset(k);
                    }
                }
                (model, report)
            }
            _ => {
                let mut seed = ConfigMap::new();
                for key in [CLASS_KEY, NAME_KEY] {
                    if let Some(v) = draft.values.get(key) {
                        seed.insert(key.to_string(), v.clone());
                    }
                }
                if !seed.contains_key(CLASS_KEY) && !draft.plugin.is_empty() {
                    seed.insert(CLASS_KEY.to_string(), draft.plugin.clone());
                }
                let mut model = FormModel::new_create_from(seed);
                for (k, v) in &draft.values {
                    model.set_exact(k, v);
                }
                report.reenter_secrets = draft.omitted_secrets.clone();
                (model, report)
            }
        }
    }
}
