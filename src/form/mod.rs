//! The connector form model: a validate response (`ConfigInfos`) becomes ordered sections of
//! typed fields, merged with the user's values. Pure (no Leptos, no DOM), so it compiles
//! natively and for wasm32 and is tested with a plain `cargo test`.
//!
//! # Flow
//!
//! ```text
//! FormModel::new_create(class, name)  |  FormModel::new_edit(live)  |  FormModel::new_clone(src, name)
//!        │                                                   ▲
//!        ▼                                                   │ apply_validation(&ConfigInfos)
//! validation_request() ──► PUT /connector-plugins/{p}/config/validate (ValidationSequencer)
//!        │
//!        ▼
//! view() / field(key)  ──► widgets (match on Widget, show ValueState, errors, advanced)
//! set / set_bool / set_list / unset / revert / rename_key   ◄── user input
//! raw_json / raw_properties  ⇄  apply_raw_text(text, format, ApplyMode::Replace)
//! outgoing() ──► POST /connectors {name, config} or PUT /connectors/{c}/config
//! patch()     ──► PATCH /connectors/{c}/config (3.8+)
//! diff_from_initial(), live_changes(live_now), rebase_on_live(..) ──► edit review
//! draft(cluster, now) ⇄ FormModel::from_draft(&draft, live)
//! set_plugins(GET /connector-plugins?connectorsOnly=false) ──► class-name suggestions
//! ```
//!
//! `Debug` of [`FormModel`], [`ValueState`] and [`Outgoing`] never prints a secret; `values()`,
//! `initial()` and `Outgoing::config` do hold them in clear (they are what is sent).
//!
//! # Layout ([`FormLayout`], [`Section`], [`FieldDef`])
//!
//! Sections follow `groups` in order (then groups only seen on definitions), then an
//! "Other" section of defined keys with `group: null`, then "Additional properties": keys
//! without a definition (`definition: null`, or keys of the working config no response
//! listed, e.g. before the first validation). Within a section, keys with `order >= 0` come
//! first by `order`, then `order == -1` keys by importance (HIGH, MEDIUM, LOW, NONE), ties in
//! definition order.
//!
//! **Advanced**: every field carries `advanced` (not required, importance MEDIUM or LOW;
//! Confluent's `NONE` and a missing importance are not advanced); the view
//! decides how to collapse them (per section). [`FieldView::collapsed_by_default`] is false
//! for advanced fields that have errors or a value, so nothing wrong or set is ever hidden.
//!
//! **Visibility**: `visible: false` keys are left out of [`SectionView::fields`] and listed in
//! [`FormView::hidden_keys`]; their values stay in the working config and are sent.
//!
//! # Widgets ([`Widget`], [`choose_widget`])
//!
//! BOOLEAN → `Switch`; SHORT/INT/LONG → `Integer{min,max}` (i16/i32/i64) with
//! [`check_value`] errors; DOUBLE → `Decimal`; PASSWORD, and any key shown as secret →
//! `Password`; LIST → `List` (comma-joined, [`parse_list`]/[`join_list`]); non-empty
//! `recommended_values` → `Select` (or `Combobox{multi}` for LIST/CLASS); CLASS → `ClassName`;
//! with [`FormModel::set_plugins`], CLASS keys of plugins (`transforms.<alias>.type`,
//! converters, ...) become a `Combobox` of the cluster's matching classes;
//! STRING → `Text`, or `TextArea` when width is LONG or the value is long/multi-line;
//! Confluent `ENUM` → `Select`; `NONE` and unknown types → `Text`.
//!
//! # Values
//!
//! The model holds the *initial* config (create: the seed; edit: the live config from
//! `GET /connectors/{c}/config`, verbatim) and the *working* config. Validate answers never
//! write values: the echoed defaults and `[hidden]` stay on the definitions.
//! - Defaults are placeholders ([`FieldView::placeholder`]); a cleared input unsets the key,
//!   and so does choosing exactly the default for a key the initial config lacks (a switch
//!   flipped back). Defaults are only sent when the initial config pinned them or the raw
//!   editor sets them.
//! - Secrets (PASSWORD, `${provider:...}` references, secret-looking undefined keys, see
//!   [`SecretPolicy`]): a secret from the initial config is [`ValueState::SecretKept`] — never
//!   handed to the view, sent verbatim; typing replaces it, clearing the input keeps it, only
//!   `unset` removes it. References show as [`ValueState::Reference`] and are never altered.
//!   Masks (`[hidden]`, `****************`) are never stored from input and never sent: a key
//!   whose only value is a mask appears in [`Outgoing::reenter_secrets`].
//! - Unknown and prefixed keys (`transforms.*`, `predicates.*`, `key.converter.*`,
//!   `producer.override.*`, anything) stay in the working config and are editable in
//!   "Additional properties" or through the raw editors: nothing is dropped on a round trip.
//! - `name` is locked in edit mode.
//!
//! # Observed on Kafka Connect 4.3.1 (the captured fixtures)
//!
//! - Definitions carry `order_in_group`, not `order` (the shared model accepts both).
//! - A key no definition knows (`unknown.key`, the Mirror cluster prefixes
//!   `source.cluster.bootstrap.servers`) is **not echoed at all** (no `definition: null`
//!   entry): only the model keeps it, in "Additional properties".
//! - Parse failures echo `value: null` with the error; the user's text stays in the model.
//! - Framework keys of 4.1+ (`connector.plugin.version`, `*.converter.plugin.version`) come
//!   with a default and one recommended value: a `Select`, never sent unless changed.
//!
//! # Errors
//!
//! [`FieldView::errors`] are the server's (last applied answer), [`FieldView::local_error`] the
//! model's type check. [`ErrorSummary`] lists every key with errors (keys without definition
//! first, as the server does) and carries the server's `error_count` next to the messages it
//! found on keys.
//!
//! # Re-validation
//!
//! [`ValidationSequencer`]: at most one request in flight, the latest wins, stale answers are
//! dropped, a change during a request triggers one more request when it completes.
//!
//! # Raw editors
//!
//! [`to_json`]/[`from_json`] and [`to_properties`]/[`from_properties`] are verbatim and
//! lossless. The model's `raw_json`/`raw_properties` mask secrets as `[hidden]`;
//! `apply_raw` turns `[hidden]` back into the kept secret. [`from_json`] accepts a flat object
//! or a create body `{"name":..,"config":{..}}`.
//!
//! # Drafts
//!
//! [`Draft`] is serde-serializable for localStorage. **Secret values are not persisted**: they
//! are removed and listed in `omitted_secrets`; on restore they come back from the live config
//! (edit) or must be re-entered (create).

pub mod clone;
pub mod diff;
pub mod doc_text;
pub mod draft;
pub mod layout;
pub mod model;
pub mod name_check;
pub mod raw;
pub mod secret;
pub mod seq;
pub mod suggest;
pub mod types;

pub use clone::{clone_config, CloneNote, ClonedConfig};
pub use diff::{
    created_as_sent, diff, live_changes, three_way_merge, ChangeKind, Conflict, DiffEntry,
    LiveChanges, Prefer,
};
pub use doc_text::doc_text;
pub use draft::{Draft, RestoreReport, DRAFT_VERSION};
pub use layout::{FieldDef, FormLayout, Section, SectionKind, UNDEFINED_TITLE, UNGROUPED_TITLE};
pub use model::{
    anchor_id, ApplyMode, ErrorSummary, FieldErrors, FieldView, FormMode, FormModel, FormOutline,
    FormView, Outgoing, OutlineField, RawFormat, SectionOutline, SectionView, ValueState,
    CLASS_KEY, NAME_KEY,
};
pub use name_check::{name_warnings, NameIssue, NameWarning};
pub use raw::{
    from_json, from_properties, parse_any, to_create_body_json, to_json, to_properties, RawError,
    RawImport,
};
pub use secret::{has_reference, is_mask, key_looks_secret, SecretPolicy, DIFF_MASK, HIDDEN};
pub use seq::{Completion, ValidationSequencer};
pub use suggest::{class_suggestions, plugin_kinds_for_key};
pub use types::{
    check_value, choose_widget, join_list, parse_list, ConfigType, Importance, Widget, Width,
};
