//! The form model: the user's working config over the server's definitions.

use std::borrow::Cow;
use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::diff::{self, DiffEntry, LiveChanges, Prefer};
use super::layout::{FieldDef, FormLayout, SectionKind, UNDEFINED_TITLE};
use super::raw::{self, RawError, RawImport};
use super::secret::{self, SecretPolicy, HIDDEN};
use super::types::{
    check_value, choose_widget, join_list, parse_list, ConfigType, Importance, Widget, Width,
};
use crate::protocol::model::{ConfigInfos, ConfigMap, PluginInfo};

/// Creating a new connector or editing an existing one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum FormMode {
    Create,
    Edit,
}

/// What a field's input shows. Secrets that came from the server (the live config in edit
/// mode, or a cloned config) are never handed to the view. `Debug` masks a typed secret.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ValueState {
    /// No value: the view shows the default as a placeholder; nothing is sent.
    Unset,
    /// A plain value to show and edit.
    Text(String),
    /// A secret from the initial config, unchanged: show a masked "unchanged" state; it is sent
    /// as it was. Typing replaces it; clearing the input (`set(key, "")`) keeps it; only
    /// [`FormModel::unset`] removes it.
    SecretKept,
    /// A secret the cluster only showed masked (`[hidden]`): it can never be sent back, so it
    /// must be typed again before the form can be sent (a local error says so at the field).
    SecretMasked,
    /// A secret the user typed in this form (the masked input may show it as dots).
    SecretEntered(String),
    /// A `${provider:...}` reference: kept verbatim, shown as "reference to `provider`".
    Reference { provider: String },
}

impl std::fmt::Debug for ValueState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ValueState::Unset => f.write_str("Unset"),
            ValueState::Text(t) => f.debug_tuple("Text").field(t).finish(),
            ValueState::SecretKept => f.write_str("SecretKept"),
            ValueState::SecretMasked => f.write_str("SecretMasked"),
            ValueState::SecretEntered(_) => f.write_str("SecretEntered(***)"),
            ValueState::Reference { provider } => f
                .debug_struct("Reference")
                .field("provider", provider)
                .finish(),
        }
    }
}

impl ValueState {
    /// The text a plain (or masked, for a typed secret) input binds to; `""` otherwise.
    pub fn input_text(&self) -> &str {
        match self {
            ValueState::Text(t) | ValueState::SecretEntered(t) => t,
            _ => "",
        }
    }

    pub fn is_set(&self) -> bool {
        !matches!(self, ValueState::Unset)
    }
}

/// Everything a widget needs to render one field.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FieldView {
    pub key: String,
    pub label: String,
    pub documentation: String,
    pub ty: ConfigType,
    pub widget: Widget,
    pub required: bool,
    /// The server's `default_value` (may be `[hidden]` for PASSWORD defaults).
    pub default_value: Option<String>,
    /// What to show in an empty input: the default, unless empty or a mask.
    pub placeholder: Option<String>,
    pub importance: Importance,
    pub width: Width,
    pub group: Option<String>,
    pub dependents: Vec<String>,
    pub recommended_values: Vec<String>,
    /// Server errors from the last applied validation.
    pub errors: Vec<String>,
    /// The model's own check of the current value (integer range, number, boolean).
    pub local_error: Option<String>,
    pub visible: bool,
    /// Importance below HIGH and not required: belongs under "advanced".
    pub advanced: bool,
    /// False for keys without a definition (the "Additional properties" section).
    pub defined: bool,
    /// Not editable (`name` in edit mode).
    pub locked: bool,
    /// Masked wherever displayed (PASSWORD, `${...}` reference, secret-looking name).
    pub secret: bool,
    /// Differs from the initial config (live config in edit mode).
    pub changed: bool,
    pub value: ValueState,
}

impl FieldView {
    pub fn has_errors(&self) -> bool {
        !self.errors.is_empty() || self.local_error.is_some()
    }

    /// Whether the view may keep this field collapsed under "advanced": advanced, without
    /// errors and not set. Fields with errors or values always show.
    pub fn collapsed_by_default(&self) -> bool {
        collapsed_by_default(self.advanced, self.has_errors(), self.value.is_set())
    }
}

/// A section of visible fields.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SectionView {
    pub title: String,
    pub kind: SectionKind,
    /// Visible fields in display order (advanced ones included, flagged). Never empty: a
    /// section without visible fields is left out of the view.
    pub fields: Vec<FieldView>,
    /// How many keys of this section are invisible (`visible: false`).
    pub hidden: usize,
}

/// One key's errors for the summary (and its link target).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldErrors {
    pub key: String,
    pub label: String,
    /// Server messages, then the local check's message.
    pub messages: Vec<String>,
    /// False for keys whose entry has `definition: null`.
    pub defined: bool,
    pub visible: bool,
}

/// Errors at a glance.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorSummary {
    /// `ConfigInfos.error_count` as the server counted it (total messages).
    pub server_error_count: u32,
    /// Server messages found on keys (should equal `server_error_count`).
    pub field_message_count: usize,
    /// Local check failures (not yet seen by the server).
    pub local_error_count: usize,
    /// Keys with errors and no definition: listed first, as the server does.
    pub undefined_keys: Vec<String>,
    /// Every key with errors: undefined keys first, then in form order.
    pub entries: Vec<FieldErrors>,
}

impl ErrorSummary {
    /// Number of messages to show in the summary badge.
    pub fn total(&self) -> usize {
        self.entries.iter().map(|e| e.messages.len()).sum()
    }

    pub fn keys(&self) -> Vec<&str> {
        self.entries.iter().map(|e| e.key.as_str()).collect()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

/// The whole form, ready to render.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FormView {
    pub sections: Vec<SectionView>,
    /// Invisible keys (their values are kept and sent).
    pub hidden_keys: Vec<String>,
    pub errors: ErrorSummary,
}

/// What decides a visible field's place in the form (see [`FormModel::outline`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutlineField {
    pub key: String,
    /// Importance below HIGH and not required: belongs under "advanced".
    pub advanced: bool,
    /// Server errors or a local check failure.
    pub has_errors: bool,
    /// The working config has a value for it.
    pub is_set: bool,
}

impl OutlineField {
    /// Same rule as [`FieldView::collapsed_by_default`].
    pub fn collapsed_by_default(&self) -> bool {
        collapsed_by_default(self.advanced, self.has_errors, self.is_set)
    }
}

/// A field may stay collapsed under "advanced" when it is advanced, without errors and not set.
fn collapsed_by_default(advanced: bool, has_errors: bool, is_set: bool) -> bool {
    advanced && !has_errors && !is_set
}

/// A section of the outline: its visible keys in display order, and how many it hides.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SectionOutline {
    pub title: String,
    pub kind: SectionKind,
    pub fields: Vec<OutlineField>,
    pub hidden: usize,
}

/// The form's structure: [`FormView`] without the fields' contents.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FormOutline {
    pub sections: Vec<SectionOutline>,
    pub hidden_keys: Vec<String>,
}

/// The config to send, and what blocks sending it. `Debug` prints the keys only (the config
/// holds secrets in clear).
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Outgoing {
    /// The full config for `POST /connectors` (`config`) or `PUT /connectors/{c}/config`.
    /// Never holds `[hidden]`/`****` masks.
    pub config: ConfigMap,
    /// Keys whose only known value is a mask (e.g. Confluent Cloud's masked read-back): they
    /// are left out of `config`; the user must re-enter them before a full PUT.
    pub reenter_secrets: Vec<String>,
    /// `(key, message)` for values that fail the local type checks.
    pub local_errors: Vec<(String, String)>,
}

impl std::fmt::Debug for Outgoing {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Outgoing")
            .field("keys", &self.config.keys().collect::<Vec<_>>())
            .field("reenter_secrets", &self.reenter_secrets)
            .field("local_errors", &self.local_errors)
            .finish()
    }
}

impl Outgoing {
    /// Safe to send: no local errors and no secret to re-enter.
    pub fn ready(&self) -> bool {
        self.reenter_secrets.is_empty() && self.local_errors.is_empty()
    }
}

/// How raw text applies to the form.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ApplyMode {
    /// The raw editor is the whole config: keys missing from it are removed.
    Replace,
    /// Only add or overwrite keys (pasting a fragment).
    Merge,
}

/// Which raw format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum RawFormat {
    Json,
    Properties,
    /// JSON when the text starts with `{`, else `.properties`.
    Detect,
}

/// The form model. See the module documentation for the rules. `Debug` shows the working
/// config with secrets masked and leaves out the initial config.
#[derive(Clone, PartialEq)]
pub struct FormModel {
    mode: FormMode,
    initial: ConfigMap,
    values: ConfigMap,
    layout: FormLayout,
    /// Derived from `layout` (cached: it is consulted for every field).
    policy: SecretPolicy,
    /// The cluster's plugins, for class-name suggestions.
    plugins: Vec<PluginInfo>,
    validated: bool,
    revision: u64,
}

/// A stable DOM id for a field, for links from the error summary: `field-` followed by the key
/// with every character outside `[A-Za-z0-9_-]` replaced by `_` and a hex hash of the key, so
/// distinct keys never share an id.
pub fn anchor_id(key: &str) -> String {
    let safe: String = key
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    // FNV-1a, 32 bits: enough to separate `a.b` from `a_b`.
    let mut h: u32 = 0x811c_9dc5;
    for b in key.bytes() {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    format!("field-{safe}-{h:08x}")
}

/// The key of the connector name.
pub const NAME_KEY: &str = "name";
/// The key of the connector class.
pub const CLASS_KEY: &str = "connector.class";

impl std::fmt::Debug for FormModel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FormModel")
            .field("mode", &self.mode)
            .field("values", &self.masked_values())
            .field("changed", &self.changed_keys())
            .field("validated", &self.validated)
            .field("revision", &self.revision)
            .finish_non_exhaustive()
    }
}

impl FormModel {
    /// A create form for a plugin: the working config starts with `connector.class` and, if
    /// not empty, `name`.
    pub fn new_create(connector_class: &str, name: &str) -> FormModel {
        let mut seed = ConfigMap::new();
        seed.insert(CLASS_KEY.to_string(), connector_class.to_string());
        if !name.trim().is_empty() {
            seed.insert(NAME_KEY.to_string(), name.trim().to_string());
        }
        FormModel::new_create_from(seed)
    }

    /// A create form seeded with a config (clone, import, template). Seeded secrets count as
    /// "kept": sent as they are, never displayed.
    pub fn new_create_from(seed: ConfigMap) -> FormModel {
        FormModel {
            mode: FormMode::Create,
            initial: seed.clone(),
            values: seed,
            layout: FormLayout::default(),
            policy: SecretPolicy::names_only(),
            plugins: Vec::new(),
            validated: false,
            revision: 0,
        }
    }

    /// An edit form over the live config (`GET /connectors/{c}/config`, stored values
    /// verbatim, secrets in clear or as `${...}` references).
    pub fn new_edit(live: ConfigMap) -> FormModel {
        FormModel {
            mode: FormMode::Edit,
            initial: live.clone(),
            values: live,
            layout: FormLayout::default(),
            policy: SecretPolicy::names_only(),
            plugins: Vec::new(),
            validated: false,
            revision: 0,
        }
    }

    pub fn mode(&self) -> FormMode {
        self.mode
    }

    /// Bumped on every change of the working values (for memos and debouncing).
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// The `connector.class` to validate against.
    pub fn connector_class(&self) -> Option<&str> {
        self.values.get(CLASS_KEY).map(String::as_str)
    }

    /// The connector name (`name` key).
    pub fn connector_name(&self) -> Option<&str> {
        self.values.get(NAME_KEY).map(String::as_str)
    }

    /// The initial config: the seed (create) or the live config when opened (edit). Holds
    /// secrets: never display it.
    pub fn initial(&self) -> &ConfigMap {
        &self.initial
    }

    /// The working config. Holds secrets: never display it (use [`FormModel::masked_values`]).
    pub fn values(&self) -> &ConfigMap {
        &self.values
    }

    pub fn layout(&self) -> &FormLayout {
        &self.layout
    }

    /// True once a validate response was applied.
    pub fn validated(&self) -> bool {
        self.validated
    }

    // ----- validation -------------------------------------------------------------------

    /// Applies a (re-)validate response: definitions, errors, recommended values and
    /// visibility are replaced; the user's values are untouched (the echoed `value`s are
    /// never copied in, so defaults and `[hidden]` never become values).
    pub fn apply_validation(&mut self, infos: &ConfigInfos) {
        self.layout = FormLayout::from_infos(infos);
        self.policy = self.layout.secret_policy();
        self.validated = true;
    }

    /// Gives the model the cluster's plugin list (`GET /connector-plugins?connectorsOnly=false`):
    /// CLASS keys without recommendations (`transforms.<alias>.type`, `predicates.<alias>.type`,
    /// converters, `connector.class`) then render as a [`Widget::Combobox`] of matching classes.
    pub fn set_plugins(&mut self, plugins: Vec<PluginInfo>) {
        self.plugins = plugins;
    }

    /// The body of the next validate request: the config to send (masks left out).
    pub fn validation_request(&self) -> ConfigMap {
        self.outgoing().config
    }

    // ----- secrets ----------------------------------------------------------------------

    /// The secret policy from the current definitions.
    pub fn secret_policy(&self) -> &SecretPolicy {
        &self.policy
    }

    /// True if the key's value must be masked wherever displayed.
    pub fn is_secret(&self, key: &str) -> bool {
        let policy = &self.policy;
        policy.is_secret(key, self.values.get(key).map(String::as_str))
            || policy.is_secret(key, self.initial.get(key).map(String::as_str))
    }

    /// The working config with every non-empty secret replaced by `[hidden]` (for the raw
    /// editors, exports and logs).
    pub fn masked_values(&self) -> ConfigMap {
        self.values
            .iter()
            .map(|(k, v)| {
                let masked = if !v.is_empty() && self.is_secret(k) {
                    HIDDEN.to_string()
                } else {
                    v.clone()
                };
                (k.clone(), masked)
            })
            .collect()
    }

    // ----- reading values ---------------------------------------------------------------

    /// Whether a key is locked (`name` in edit mode: renaming would create a new connector).
    pub fn is_locked(&self, key: &str) -> bool {
        self.mode == FormMode::Edit && key == NAME_KEY
    }

    /// What the input for `key` shows.
    pub fn value_state(&self, key: &str) -> ValueState {
        let Some(v) = self.values.get(key) else {
            return ValueState::Unset;
        };
        if let Some(p) = secret::reference_provider(v) {
            return ValueState::Reference {
                provider: p.to_string(),
            };
        }
        if self.is_secret(key) {
            if secret::is_mask(v) {
                ValueState::SecretMasked
            } else if self.initial.get(key) == Some(v) {
                ValueState::SecretKept
            } else {
                ValueState::SecretEntered(v.clone())
            }
        } else {
            ValueState::Text(v.clone())
        }
    }

    /// The items of a LIST value; empty when unset (the view shows the default as a
    /// placeholder).
    pub fn list_items(&self, key: &str) -> Vec<String> {
        match self.values.get(key) {
            Some(v) => parse_list(v),
            None => Vec::new(),
        }
    }

    /// A BOOLEAN's effective value: the set value, else the default.
    pub fn bool_value(&self, key: &str) -> Option<bool> {
        let v = self
            .values
            .get(key)
            .cloned()
            .or_else(|| self.layout.field(key).and_then(|f| f.default_value.clone()))?;
        let t = v.trim();
        if t.eq_ignore_ascii_case("true") {
            Some(true)
        } else if t.eq_ignore_ascii_case("false") {
            Some(false)
        } else {
            None
        }
    }

    /// The local check for a key's current value.
    pub fn local_error(&self, key: &str) -> Option<String> {
        let v = self.values.get(key)?;
        if secret::is_mask(v) {
            return Some(
                "The cluster shows this secret only masked, so it cannot be sent back: type it \
                 again before sending."
                    .to_string(),
            );
        }
        let ty = self.layout.field(key).map(|f| &f.ty)?;
        check_value(ty, v).err()
    }

    /// Every local error, in key order.
    pub fn local_errors(&self) -> Vec<(String, String)> {
        self.values
            .keys()
            .filter_map(|k| self.local_error(k).map(|e| (k.clone(), e)))
            .collect()
    }

    /// The definition of a key of the layout (borrowed), or of a key only the working config
    /// has (built: no definition, visible, no errors); `None` for a key neither has.
    fn def_of(&self, key: &str) -> Option<Cow<'_, FieldDef>> {
        match self.layout.field(key) {
            Some(d) => Some(Cow::Borrowed(d)),
            None if self.values.contains_key(key) => Some(Cow::Owned(FieldDef::undefined(
                key,
                usize::MAX,
                Vec::new(),
                true,
                None,
            ))),
            None => None,
        }
    }

    /// One field's view, for any key of the layout or of the working config.
    pub fn field(&self, key: &str) -> Option<FieldView> {
        let def = self.def_of(key)?;
        let value = self.value_state(key);
        let secret = self.is_secret(key);
        let widget = if secret {
            Widget::Password
        } else {
            let current = match &value {
                ValueState::Text(t) => Some(t.as_str()),
                _ => None,
            };
            let suggestions = if def.recommended_values.is_empty()
                && (def.ty == ConfigType::Class || !def.defined)
            {
                super::suggest::class_suggestions(key, &self.plugins)
            } else {
                Vec::new()
            };
            if suggestions.is_empty() {
                choose_widget(&def.ty, &def.recommended_values, def.width, current)
            } else {
                Widget::Combobox {
                    options: suggestions,
                    multi: false,
                }
            }
        };
        let placeholder = def
            .default_value
            .clone()
            .filter(|d| !d.is_empty() && !secret::is_mask(d));
        Some(FieldView {
            key: key.to_string(),
            label: def.display_name.clone(),
            documentation: def.documentation.clone(),
            widget,
            required: def.required,
            default_value: def.default_value.clone(),
            placeholder,
            importance: def.importance,
            width: def.width,
            group: def.group.clone(),
            dependents: def.dependents.clone(),
            recommended_values: def.recommended_values.clone(),
            errors: def.errors.clone(),
            local_error: self.local_error(key),
            visible: def.visible,
            advanced: def.advanced,
            defined: def.defined,
            locked: self.is_locked(key),
            secret,
            changed: self.values.get(key) != self.initial.get(key),
            value,
            ty: def.ty.clone(),
        })
    }

    /// Keys of the working config that no response listed (before the first validation,
    /// every key), sorted.
    fn extra_keys(&self) -> Vec<String> {
        self.values
            .keys()
            .filter(|k| self.layout.field(k).is_none())
            .cloned()
            .collect()
    }

    /// Where every key goes, without building any field: the sections of [`FormModel::view`]
    /// with, per visible key, only what decides the form's structure. It costs no clone of a
    /// definition, so a view can recompute it on every edit (MirrorSourceConnector: 118 keys).
    pub fn outline(&self) -> FormOutline {
        let mut sections = Vec::new();
        let mut hidden_keys = Vec::new();
        let mut saw_undefined = false;
        let extra = self.extra_keys();
        for s in &self.layout.sections {
            let mut keys: Vec<&str> = s.keys.iter().map(String::as_str).collect();
            if s.kind == SectionKind::Undefined {
                saw_undefined = true;
                keys.extend(extra.iter().map(String::as_str));
            }
            sections.push(self.section_outline(&s.title, s.kind, &keys, &mut hidden_keys));
        }
        if !saw_undefined && !extra.is_empty() {
            let keys: Vec<&str> = extra.iter().map(String::as_str).collect();
            sections.push(self.section_outline(
                UNDEFINED_TITLE,
                SectionKind::Undefined,
                &keys,
                &mut hidden_keys,
            ));
        }
        // A section whose keys are all invisible disappears (its keys are in `hidden_keys`).
        sections.retain(|s| !s.fields.is_empty());
        FormOutline {
            sections,
            hidden_keys,
        }
    }

    fn section_outline(
        &self,
        title: &str,
        kind: SectionKind,
        keys: &[&str],
        hidden_keys: &mut Vec<String>,
    ) -> SectionOutline {
        let mut fields = Vec::new();
        let mut hidden = 0;
        for &k in keys {
            let Some(def) = self.def_of(k) else { continue };
            if def.visible {
                fields.push(OutlineField {
                    key: k.to_string(),
                    advanced: def.advanced,
                    has_errors: !def.errors.is_empty() || self.local_error(k).is_some(),
                    is_set: self.values.contains_key(k),
                });
            } else {
                hidden += 1;
                hidden_keys.push(k.to_string());
            }
        }
        SectionOutline {
            title: title.to_string(),
            kind,
            fields,
            hidden,
        }
    }

    /// The whole form: sections of visible fields, hidden keys, the error summary. Keys of
    /// the working config that the response did not list join the "Additional properties"
    /// section, so every key stays visible and editable.
    pub fn view(&self) -> FormView {
        let outline = self.outline();
        let sections = outline
            .sections
            .into_iter()
            .map(|s| SectionView {
                fields: s.fields.iter().filter_map(|f| self.field(&f.key)).collect(),
                title: s.title,
                kind: s.kind,
                hidden: s.hidden,
            })
            .collect();
        FormView {
            sections,
            hidden_keys: outline.hidden_keys,
            errors: self.errors(),
        }
    }

    /// The error summary: server errors per key (undefined keys first, as the server lists
    /// them) plus local check failures, with the server's own `error_count` alongside.
    pub fn errors(&self) -> ErrorSummary {
        let mut entries = Vec::new();
        let undefined_keys = self.layout.undefined_keys_with_errors();
        let mut field_message_count = 0;
        let mut seen = std::collections::BTreeSet::new();
        let mut push = |key: &String, entries: &mut Vec<FieldErrors>| {
            if !seen.insert(key.clone()) {
                return;
            }
            let Some(def) = self.def_of(key) else { return };
            let mut messages = def.errors.clone();
            field_message_count += messages.len();
            if let Some(l) = self.local_error(key) {
                messages.push(l);
            }
            if !messages.is_empty() {
                entries.push(FieldErrors {
                    key: key.clone(),
                    label: def.display_name.clone(),
                    messages,
                    defined: def.defined,
                    visible: def.visible,
                });
            }
        };
        for k in &undefined_keys {
            push(k, &mut entries);
        }
        for k in self.layout.ordered_keys() {
            push(k, &mut entries);
        }
        for k in self.extra_keys() {
            push(&k, &mut entries);
        }
        let local_error_count = self.local_errors().len();
        ErrorSummary {
            server_error_count: self.layout.error_count,
            field_message_count,
            local_error_count,
            undefined_keys,
            entries,
        }
    }

    // ----- editing ----------------------------------------------------------------------

    fn touch(&mut self) {
        self.revision += 1;
    }

    /// Form input. An empty text unsets the key (the default applies and nothing is sent),
    /// except for a kept secret, which clearing the masked input does not remove (use
    /// [`FormModel::unset`]). Choosing exactly the default for a key the initial config does
    /// not have also unsets it (a switch flipped back, the default picked in a select): defaults
    /// are only sent when the initial config pinned them or the raw editor sets them. A mask
    /// (`[hidden]`, `****`) is never stored: it keeps the current value. Locked keys are not
    /// changed. Returns whether the working config changed.
    pub fn set(&mut self, key: &str, text: &str) -> bool {
        if self.is_locked(key) || secret::is_mask(text) {
            return false;
        }
        if text.is_empty() {
            if self.is_secret(key) && self.initial.contains_key(key) {
                return self.revert(key);
            }
            return self.unset(key);
        }
        let is_default = self
            .layout
            .field(key)
            .and_then(|f| f.default_value.as_deref())
            == Some(text);
        if is_default && !self.initial.contains_key(key) {
            return self.unset(key);
        }
        if self.values.get(key).map(String::as_str) == Some(text) {
            return false;
        }
        self.values.insert(key.to_string(), text.to_string());
        self.touch();
        true
    }

    /// Stores the text as is, even empty (raw semantics). Masks and locked keys are refused.
    pub fn set_exact(&mut self, key: &str, text: &str) -> bool {
        if self.is_locked(key) || secret::is_mask(text) {
            return false;
        }
        if self.values.get(key).map(String::as_str) == Some(text) {
            return false;
        }
        self.values.insert(key.to_string(), text.to_string());
        self.touch();
        true
    }

    /// A switch changed.
    pub fn set_bool(&mut self, key: &str, on: bool) -> bool {
        self.set(key, if on { "true" } else { "false" })
    }

    /// A list editor changed: items are trimmed, empty ones dropped, comma-joined. An empty
    /// list unsets the key.
    pub fn set_list<S: AsRef<str>>(&mut self, key: &str, items: &[S]) -> bool {
        self.set(key, &join_list(items))
    }

    /// Removes a key (the default applies; in edit mode the key is removed by the full PUT).
    pub fn unset(&mut self, key: &str) -> bool {
        if self.is_locked(key) {
            return false;
        }
        let changed = self.values.remove(key).is_some();
        if changed {
            self.touch();
        }
        changed
    }

    /// Restores a key to its initial value (or removes it if it had none).
    pub fn revert(&mut self, key: &str) -> bool {
        let before = self.values.get(key).cloned();
        match self.initial.get(key) {
            Some(v) => self.values.insert(key.to_string(), v.clone()),
            None => self.values.remove(key),
        };
        let changed = self.values.get(key) != before.as_ref();
        if changed {
            self.touch();
        }
        changed
    }

    /// Restores every key to the initial config.
    pub fn revert_all(&mut self) {
        if self.values != self.initial {
            self.values = self.initial.clone();
            self.touch();
        }
    }

    /// Renames a key (the "Additional properties" editor), keeping its value. Refused if
    /// `to` exists, is empty or either key is locked.
    pub fn rename_key(&mut self, from: &str, to: &str) -> bool {
        let to = to.trim();
        if to.is_empty()
            || from == to
            || self.values.contains_key(to)
            || self.is_locked(from)
            || self.is_locked(to)
        {
            return false;
        }
        let Some(v) = self.values.remove(from) else {
            return false;
        };
        self.values.insert(to.to_string(), v);
        self.touch();
        true
    }

    // ----- sending ----------------------------------------------------------------------

    /// The config to send. Defaults are not in it unless the user set them; masks never are
    /// (keys whose only value is a mask are listed in `reenter_secrets`); kept secrets and
    /// references are sent verbatim; unknown and prefixed keys are all kept.
    pub fn outgoing(&self) -> Outgoing {
        let mut config = ConfigMap::new();
        let mut reenter_secrets = Vec::new();
        for (k, v) in &self.values {
            if secret::is_mask(v) {
                reenter_secrets.push(k.clone());
            } else {
                config.insert(k.clone(), v.clone());
            }
        }
        Outgoing {
            config,
            reenter_secrets,
            local_errors: self.local_errors(),
        }
    }

    /// A `PATCH /connectors/{c}/config` body (3.8+): changed or added keys with their value,
    /// removed keys as `None` (JSON `null`). Masked values are left out.
    pub fn patch(&self) -> BTreeMap<String, Option<String>> {
        let mut out = BTreeMap::new();
        for (k, v) in &self.values {
            if self.initial.get(k) != Some(v) && !secret::is_mask(v) {
                out.insert(k.clone(), Some(v.clone()));
            }
        }
        for k in self.initial.keys() {
            if !self.values.contains_key(k) {
                out.insert(k.clone(), None);
            }
        }
        out
    }

    /// Keys that differ from the initial config (added, changed or removed), sorted.
    pub fn changed_keys(&self) -> Vec<String> {
        self.diff_from_initial()
            .into_iter()
            .map(|d| d.key)
            .collect()
    }

    /// True if anything differs from the initial config.
    pub fn is_dirty(&self) -> bool {
        self.values != self.initial
    }

    /// The diff from the initial config to the working config, secrets masked: the "review
    /// changes" step of the edit flow.
    pub fn diff_from_initial(&self) -> Vec<DiffEntry> {
        diff::diff(&self.initial, &self.values, &self.policy)
    }

    /// Compares the config when the form was opened with the server's config now.
    pub fn live_changes(&self, live_now: &ConfigMap) -> LiveChanges {
        diff::live_changes(&self.initial, live_now, &self.values, &self.policy)
    }

    /// Rebases the user's edit onto the server's config now (see
    /// [`diff::three_way_merge`]); the live config becomes the new base.
    pub fn rebase_on_live(&mut self, live_now: &ConfigMap, prefer: Prefer) {
        let merged = diff::three_way_merge(&self.initial, live_now, &self.values, prefer);
        self.initial = live_now.clone();
        if merged != self.values {
            self.values = merged;
            self.touch();
        }
    }

    // ----- raw editors ------------------------------------------------------------------

    /// The raw JSON editor's text: the working config, secrets as `[hidden]`.
    pub fn raw_json(&self) -> String {
        raw::to_json(&self.masked_values())
    }

    /// The raw `.properties` editor's text: the working config, secrets as `[hidden]`.
    pub fn raw_properties(&self) -> String {
        raw::to_properties(&self.masked_values())
    }

    /// Parses raw text and applies it (see [`FormModel::apply_raw`]). Returns the warnings.
    pub fn apply_raw_text(
        &mut self,
        text: &str,
        format: RawFormat,
        mode: ApplyMode,
    ) -> Result<Vec<String>, RawError> {
        let imp = match format {
            RawFormat::Json => raw::from_json(text)?,
            RawFormat::Properties => raw::from_properties(text)?,
            RawFormat::Detect => raw::parse_any(text)?,
        };
        Ok(self.apply_raw(imp, mode))
    }

    /// Applies a parsed raw config (raw editor sync, paste, file import). `[hidden]`/`****`
    /// values keep the key's current secret (or its initial one); a mask with no known value
    /// is left out, with a warning. `name` cannot change in edit mode, and `connector.class`
    /// is kept if the text lacks it. Returns the parser's warnings plus these.
    pub fn apply_raw(&mut self, imp: RawImport, mode: ApplyMode) -> Vec<String> {
        let mut warnings = imp.warnings;
        let mut next = match mode {
            ApplyMode::Replace => ConfigMap::new(),
            ApplyMode::Merge => self.values.clone(),
        };
        for (k, v) in imp.config {
            if secret::is_mask(&v) {
                match self.values.get(&k).or_else(|| self.initial.get(&k)) {
                    Some(cur) => {
                        next.insert(k, cur.clone());
                    }
                    None => warnings.push(format!(
                        "\"{k}\": {v} is a placeholder, not a value; enter the secret in the form"
                    )),
                }
            } else {
                next.insert(k, v);
            }
        }
        for key in [NAME_KEY, CLASS_KEY] {
            let cur = self.values.get(key);
            let new = next.get(key);
            if self.is_locked(key) && new != cur {
                match cur {
                    Some(c) => {
                        next.insert(key.to_string(), c.clone());
                    }
                    None => {
                        next.remove(key);
                    }
                }
                warnings.push(format!(
                    "\"{key}\" cannot change when editing a connector; kept {}",
                    cur.map(|c| format!("\"{c}\""))
                        .unwrap_or_else(|| "it unset".into())
                ));
            } else if new.is_none() {
                if let Some(c) = cur {
                    if key == CLASS_KEY {
                        next.insert(key.to_string(), c.clone());
                        warnings.push(format!("\"{key}\" is required; kept \"{c}\""));
                    }
                }
            } else if key == CLASS_KEY && cur.is_some() && new != cur {
                warnings.push(format!(
                    "\"{key}\" changed to \"{}\": the form will validate against that plugin",
                    new.map(String::as_str).unwrap_or_default()
                ));
            }
        }
        if next != self.values {
            self.values = next;
            self.touch();
        }
        warnings
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn live() -> ConfigMap {
        [
            ("name", "c"),
            ("connector.class", "X"),
            ("a", "1"),
            ("my.password", "pw"),
        ]
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
    }

    #[test]
    fn set_semantics_and_revision() {
        let mut m = FormModel::new_edit(live());
        assert_eq!(m.revision(), 0);
        assert!(!m.set("a", "1"), "same value is no change");
        assert_eq!(m.revision(), 0);
        assert!(m.set("a", "2"));
        assert!(m.set_exact("b", ""));
        assert_eq!(m.values()["b"], "");
        assert!(m.set("b", ""), "form input: empty unsets");
        assert!(!m.values().contains_key("b"));
        assert_eq!(m.revision(), 3);
        assert!(
            !m.rename_key("a", "name"),
            "cannot rename onto a locked key"
        );
        assert!(!m.rename_key("a", "my.password"), "cannot overwrite");
        assert!(!m.rename_key("a", "  "));
        assert!(!m.rename_key("name", "n2"), "name is locked in edit mode");
        assert!(m.rename_key("a", " a2 "));
        assert_eq!(m.values()["a2"], "2");
        m.revert_all();
        assert_eq!(m.values(), &live());
        assert!(!m.is_dirty());
    }

    #[test]
    fn value_states() {
        let mut m = FormModel::new_edit(live());
        // No definitions yet: the name heuristic marks my.password secret.
        assert_eq!(m.value_state("my.password"), ValueState::SecretKept);
        assert_eq!(m.value_state("a"), ValueState::Text("1".into()));
        assert_eq!(m.value_state("zzz"), ValueState::Unset);
        m.set("my.password", "new");
        assert_eq!(
            m.value_state("my.password"),
            ValueState::SecretEntered("new".into())
        );
        assert_eq!(m.value_state("my.password").input_text(), "new");
        m.set("a", "${env:A}");
        assert_eq!(
            m.value_state("a"),
            ValueState::Reference {
                provider: "env".into()
            }
        );
        assert_eq!(m.value_state("a").input_text(), "");
        assert_eq!(m.field("a").unwrap().widget, Widget::Password);
        let masked = m.masked_values();
        assert_eq!(masked["a"], HIDDEN);
        assert_eq!(masked["my.password"], HIDDEN);
        assert_eq!(masked["name"], "c");
        assert!(m.field("nope").is_none());
    }

    #[test]
    fn debug_never_prints_secrets() {
        let mut m = FormModel::new_edit(live());
        m.set("other.token", "typed-token");
        let out = m.outgoing();
        let text = format!(
            "{m:?} {out:?} {:?} {:?}",
            m.view(),
            m.value_state("other.token")
        );
        assert!(!text.contains("typed-token"), "{text}");
        assert!(!text.contains("\"pw\""), "{text}");
        assert!(text.contains("other.token"));
    }

    #[test]
    fn anchors_are_distinct_and_safe() {
        let a = anchor_id("a.b");
        let b = anchor_id("a_b");
        assert_ne!(a, b);
        assert!(a.starts_with("field-a_b-"));
        assert!(anchor_id("x y/\"z\"")
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'));
    }
}
