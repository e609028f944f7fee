//! `ConfigInfos` → ordered sections of field definitions (no user values here).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::secret::SecretPolicy;
use super::types::{ConfigType, Importance, Width};
use crate::protocol::model::ConfigInfos;

/// Title of the trailing section of defined keys without a group.
pub const UNGROUPED_TITLE: &str = "Other";
/// Title of the section of keys no definition knows (`definition: null`, or keys only in the
/// user's config): `transforms.*` of unknown aliases, typos, custom keys.
pub const UNDEFINED_TITLE: &str = "Additional properties";

/// One key as the last validate response describes it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FieldDef {
    pub key: String,
    /// `display_name`, or the key when absent/empty.
    pub display_name: String,
    /// `documentation` as plain text ([`crate::form::doc_text`]), `""` when absent.
    pub documentation: String,
    pub ty: ConfigType,
    /// False for keys with `definition: null` (they render as text and are kept verbatim).
    pub defined: bool,
    pub required: bool,
    /// `default_value` as the server rendered it (`[hidden]` for PASSWORD defaults).
    pub default_value: Option<String>,
    pub importance: Importance,
    pub width: Width,
    pub group: Option<String>,
    /// `order` within the group; `-1` = none.
    pub order: i32,
    pub dependents: Vec<String>,
    pub recommended_values: Vec<String>,
    /// The server's errors for this key (`value.errors`).
    pub errors: Vec<String>,
    /// `value.visible`; invisible keys are not shown but their values are kept and sent.
    pub visible: bool,
    /// `value.value` as echoed (defaults filled in, `[hidden]` for PASSWORD). Informational:
    /// the form never copies it into the user's values.
    pub server_value: Option<String>,
    /// Collapsed under "advanced" by default: not required and importance MEDIUM or LOW. Keys
    /// without a known importance (Confluent's `NONE`, Lenses' missing one) are not advanced:
    /// nothing says they are secondary.
    pub advanced: bool,
    /// Position in `configs` (definition order), the final tie-breaker.
    pub position: usize,
}

/// What a section holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum SectionKind {
    /// A `groups` entry (or a group only seen on a definition).
    Group,
    /// Defined keys with `group: null` ([`UNGROUPED_TITLE`]).
    Ungrouped,
    /// Keys without a definition ([`UNDEFINED_TITLE`]); the view offers add/rename/remove.
    Undefined,
}

/// A section: its title and its keys in display order (invisible keys included; the view
/// model filters them).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Section {
    pub title: String,
    pub kind: SectionKind,
    pub keys: Vec<String>,
}

/// The layout of a form: sections in order and every key's definition.
///
/// Ordering rules:
/// - sections follow `groups` in order; groups that only appear on definitions follow in
///   order of first appearance; then [`UNGROUPED_TITLE`] (defined, `group: null`); then
///   [`UNDEFINED_TITLE`] (no definition). Empty sections are dropped.
/// - within a section, keys with `order >= 0` come first by `order`; keys with `order == -1`
///   follow, HIGH importance first, then MEDIUM, LOW, NONE; ties keep definition order.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct FormLayout {
    /// `ConfigInfos.name`: the `connector.class` as sent (Apache) or resolved (Confluent).
    pub connector_class: String,
    /// `ConfigInfos.error_count`: the total number of error messages the server counted.
    pub error_count: u32,
    pub sections: Vec<Section>,
    pub fields: BTreeMap<String, FieldDef>,
}

fn importance_rank(i: Importance) -> u8 {
    match i {
        Importance::High => 0,
        Importance::Medium => 1,
        Importance::Low => 2,
        Importance::None => 3,
    }
}

impl FormLayout {
    /// Builds the layout from a validate response.
    pub fn from_infos(infos: &ConfigInfos) -> FormLayout {
        let mut fields: BTreeMap<String, FieldDef> = BTreeMap::new();
        let mut order_seen: Vec<String> = Vec::new();
        for (position, info) in infos.configs.iter().enumerate() {
            let key = match (&info.definition, &info.value) {
                (Some(d), _) => d.name.clone(),
                (None, Some(v)) => v.name.clone(),
                (None, None) => continue,
            };
            let value = info.value.as_ref();
            let errors = value.map(|v| v.errors.clone()).unwrap_or_default();
            if let Some(existing) = fields.get_mut(&key) {
                // A duplicate entry (prefixed merges): keep the first definition, add errors.
                for e in errors {
                    if !existing.errors.contains(&e) {
                        existing.errors.push(e);
                    }
                }
                if !existing.defined {
                    if let Some(d) = &info.definition {
                        let pos = existing.position;
                        *existing = FieldDef::from_parts(Some(d), value, &key, pos);
                    }
                }
                continue;
            }
            order_seen.push(key.clone());
            fields.insert(
                key.clone(),
                FieldDef::from_parts(info.definition.as_ref(), value, &key, position),
            );
        }

        // Section titles in order.
        let mut titles: Vec<String> = Vec::new();
        for g in &infos.groups {
            if !g.is_empty() && !titles.contains(g) {
                titles.push(g.clone());
            }
        }
        for key in &order_seen {
            if let Some(g) = fields[key].group.as_ref() {
                if !titles.contains(g) {
                    titles.push(g.clone());
                }
            }
        }

        let mut sections: Vec<Section> = titles
            .into_iter()
            .map(|t| Section {
                title: t,
                kind: SectionKind::Group,
                keys: Vec::new(),
            })
            .collect();
        let mut ungrouped = Vec::new();
        let mut undefined = Vec::new();
        for key in &order_seen {
            let f = &fields[key];
            if !f.defined {
                undefined.push(key.clone());
            } else if let Some(g) = &f.group {
                let s = sections
                    .iter_mut()
                    .find(|s| &s.title == g)
                    .expect("every group has a section");
                s.keys.push(key.clone());
            } else {
                ungrouped.push(key.clone());
            }
        }
        sections.push(Section {
            title: UNGROUPED_TITLE.to_string(),
            kind: SectionKind::Ungrouped,
            keys: ungrouped,
        });
        sections.push(Section {
            title: UNDEFINED_TITLE.to_string(),
            kind: SectionKind::Undefined,
            keys: undefined,
        });
        for s in &mut sections {
            s.keys.sort_by_key(|k| {
                let f = &fields[k];
                if f.order >= 0 {
                    (0u8, i64::from(f.order), 0u8, f.position)
                } else {
                    (1u8, 0, importance_rank(f.importance), f.position)
                }
            });
        }
        sections.retain(|s| !s.keys.is_empty());

        FormLayout {
            connector_class: infos.name.clone(),
            error_count: infos.error_count,
            sections,
            fields,
        }
    }

    /// The definition of a key, if the last response listed it.
    pub fn field(&self, key: &str) -> Option<&FieldDef> {
        self.fields.get(key)
    }

    /// Every listed key in display order (section by section), invisible ones included.
    pub fn ordered_keys(&self) -> impl Iterator<Item = &String> {
        self.sections.iter().flat_map(|s| s.keys.iter())
    }

    /// The secret policy from these definitions.
    pub fn secret_policy(&self) -> SecretPolicy {
        SecretPolicy::from_types(
            self.fields
                .values()
                .filter(|f| f.defined)
                .map(|f| (f.key.clone(), f.ty.clone())),
        )
    }

    /// Keys with errors whose entry has no definition (`definition: null`). The server lists
    /// them first in `configs`; the view should surface them in the summary since no field of
    /// a group carries them.
    pub fn undefined_keys_with_errors(&self) -> Vec<String> {
        let mut v: Vec<&FieldDef> = self
            .fields
            .values()
            .filter(|f| !f.defined && !f.errors.is_empty())
            .collect();
        v.sort_by_key(|f| f.position);
        v.into_iter().map(|f| f.key.clone()).collect()
    }
}

impl FieldDef {
    fn from_parts(
        def: Option<&crate::protocol::model::ConfigKeyInfo>,
        value: Option<&crate::protocol::model::ConfigValueInfo>,
        key: &str,
        position: usize,
    ) -> FieldDef {
        let (errors, visible, recommended_values, server_value) = match value {
            Some(v) => (
                v.errors.clone(),
                v.visible,
                v.recommended_values.clone(),
                v.value.clone(),
            ),
            None => (Vec::new(), true, Vec::new(), None),
        };
        match def {
            Some(d) => {
                let importance = Importance::parse(d.importance.as_deref());
                FieldDef {
                    key: key.to_string(),
                    display_name: d
                        .display_name
                        .clone()
                        .filter(|s| !s.trim().is_empty())
                        .unwrap_or_else(|| key.to_string()),
                    documentation: d
                        .documentation
                        .as_deref()
                        .map(crate::form::doc_text)
                        .unwrap_or_default(),
                    ty: ConfigType::parse(&d.kind),
                    defined: true,
                    required: d.required,
                    default_value: d.default_value.clone(),
                    importance,
                    width: Width::parse(d.width.as_deref()),
                    group: d.group.clone().filter(|g| !g.is_empty()),
                    order: d.order,
                    dependents: d.dependents.clone(),
                    recommended_values,
                    errors,
                    visible,
                    server_value,
                    advanced: !d.required
                        && matches!(importance, Importance::Medium | Importance::Low),
                    position,
                }
            }
            None => FieldDef::undefined(key, position, errors, visible, server_value),
        }
    }

    /// A field for a key no definition knows.
    pub fn undefined(
        key: &str,
        position: usize,
        errors: Vec<String>,
        visible: bool,
        server_value: Option<String>,
    ) -> FieldDef {
        FieldDef {
            key: key.to_string(),
            display_name: key.to_string(),
            documentation: String::new(),
            ty: ConfigType::String,
            defined: false,
            required: false,
            default_value: None,
            importance: Importance::None,
            width: Width::None,
            group: None,
            order: -1,
            dependents: Vec::new(),
            recommended_values: Vec::new(),
            errors,
            visible,
            server_value,
            advanced: false,
            position,
        }
    }
}
