//! One connector config field: label, help text, the input its [`Widget`] calls for, inline
//! errors (server and local), the changed marker and revert. All decisions are in the form
//! model; this view only binds the model's [`FieldView`] for one key to DOM inputs.
//!
//! Re-rendering is per field and per concern: the input is built once per *shape* (widget kind,
//! label, flags) and never rebuilt while the user types; value, errors and options update in
//! place. [`render_count`] counts shape renders per key (tests prove typing in one field does
//! not re-render another).
//!
//! Secrets: a stored secret ([`ValueState::SecretKept`]) and a `${provider:...}` reference are
//! never put in an input; the masked input starts empty with an "unchanged" placeholder, and a
//! mask such as `[hidden]` is never displayed or stored.

use std::cell::RefCell;
use std::collections::HashMap;

use leptos::prelude::*;

use crate::components::list_editor::ListEditor;
use crate::form::{anchor_id, parse_list, ConfigType, FieldView, FormModel, ValueState, Widget};

thread_local! {
    static RENDERS: RefCell<HashMap<String, u32>> = RefCell::new(HashMap::new());
}

/// How many times the input of `key` was built (re-rendered) since the page loaded.
pub fn render_count(key: &str) -> u32 {
    RENDERS.with(|r| r.borrow().get(key).copied().unwrap_or(0))
}

fn count_render(key: &str) {
    RENDERS.with(|r| *r.borrow_mut().entry(key.to_string()).or_insert(0) += 1);
}

/// The widget without its data: what decides the DOM structure of the input.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Switch,
    Integer,
    Decimal,
    Password,
    List,
    Select,
    Combo,
    ComboMulti,
    ClassName,
    Text,
}

fn kind_of(w: &Widget) -> Kind {
    match w {
        Widget::Switch => Kind::Switch,
        Widget::Integer { .. } => Kind::Integer,
        Widget::Decimal => Kind::Decimal,
        Widget::Password => Kind::Password,
        Widget::List => Kind::List,
        Widget::Select { .. } => Kind::Select,
        Widget::Combobox { multi: true, .. } => Kind::ComboMulti,
        Widget::Combobox { multi: false, .. } => Kind::Combo,
        Widget::ClassName => Kind::ClassName,
        // Text and TextArea share a shape; which element is used is decided when the input is
        // built, so crossing the long-value threshold while typing never replaces the input.
        Widget::Text | Widget::TextArea => Kind::Text,
    }
}

fn options_of(w: &Widget) -> Vec<String> {
    match w {
        Widget::Select { options } | Widget::Combobox { options, .. } => options.clone(),
        _ => Vec::new(),
    }
}

/// What the input's structure depends on.
#[derive(Clone, Debug, PartialEq)]
struct Shape {
    kind: Kind,
    label: String,
    documentation: String,
    type_name: String,
    required: bool,
    placeholder: Option<String>,
    default_value: Option<String>,
    locked: bool,
    defined: bool,
}

fn shape_of(f: &FieldView) -> Shape {
    Shape {
        kind: kind_of(&f.widget),
        label: f.label.clone(),
        documentation: f.documentation.clone(),
        type_name: type_label(&f.ty),
        required: f.required,
        placeholder: f.placeholder.clone(),
        default_value: f.default_value.clone(),
        locked: f.locked,
        defined: f.defined,
    }
}

fn type_label(ty: &ConfigType) -> String {
    match ty {
        ConfigType::Other(s) => s.to_ascii_lowercase(),
        other => format!("{other:?}").to_ascii_lowercase(),
    }
}

fn secret_placeholder(v: &ValueState) -> String {
    match v {
        ValueState::SecretKept => "Stored secret kept — type to replace".into(),
        ValueState::SecretMasked => "Shown masked by the cluster — type it again".into(),
        ValueState::Reference { provider } => {
            format!("Reference to the \u{201c}{provider}\u{201d} config provider, kept as is — type to replace")
        }
        _ => "Not set".into(),
    }
}

/// One field of the connector form, for `key`.
#[component]
pub fn ConfigField(form: RwSignal<FormModel>, #[prop(into)] key: String) -> impl IntoView {
    let k = key.clone();
    let field = Memo::new(move |_| form.with(|m| m.field(&k)));
    let shape = Memo::new(move |_| field.with(|f| f.as_ref().map(shape_of)));
    let value = Memo::new(move |_| {
        field.with(|f| {
            f.as_ref()
                .map(|f| f.value.clone())
                .unwrap_or(ValueState::Unset)
        })
    });
    let errors = Memo::new(move |_| {
        field.with(|f| match f {
            Some(f) => {
                let mut all = f.errors.clone();
                if let Some(l) = &f.local_error {
                    if !all.contains(l) {
                        all.push(l.clone());
                    }
                }
                all
            }
            None => Vec::new(),
        })
    });
    let options = Memo::new(move |_| {
        field.with(|f| {
            f.as_ref()
                .map(|f| options_of(&f.widget))
                .unwrap_or_default()
        })
    });
    let changed =
        Memo::new(move |_| field.with(|f| f.as_ref().map(|f| f.changed).unwrap_or(false)));
    // Read only for a changed field (most fields never are): no node per field for it.
    let is_edit = move || form.with(|m| m.mode() == crate::form::FormMode::Edit);

    let input_id = anchor_id(&key);
    let help_id = format!("{input_id}-help");
    let err_id = format!("{input_id}-err");
    let row_id = format!("{input_id}-row");
    let errors_id = err_id.clone();
    let key_for_body = key.clone();

    let body = move || {
        let Some(shape) = shape.get() else {
            return ().into_any();
        };
        let key = key_for_body.clone();
        count_render(&key);
        let input = build_input(
            form,
            key.clone(),
            &shape,
            value,
            options,
            errors,
            input_id.clone(),
            help_id.clone(),
            err_id.clone(),
            field.with_untracked(|f| {
                f.as_ref()
                    .is_some_and(|f| matches!(f.widget, Widget::TextArea))
            }),
        );
        let label_text = if shape.label.is_empty() {
            key.clone()
        } else {
            shape.label.clone()
        };
        let show_key = label_text != key;
        let type_name = shape.type_name.clone();
        let default_note = shape
            .default_value
            .clone()
            .filter(|d| !d.is_empty() && shape.kind != Kind::Password)
            .map(|d| format!("Default: {d}"));
        let doc = shape.documentation.clone();
        let default_class = if doc.is_empty() {
            "cf-default"
        } else {
            "cf-default cf-after-doc"
        };
        let help_id = help_id.clone();
        let label_for = if shape.kind == Kind::List || shape.kind == Kind::ComboMulti {
            format!("{}-add", input_id)
        } else {
            input_id.clone()
        };
        let revert_key = key.clone();
        let revert_label = format!("Revert {key} to its saved value");
        view! {
            <div class="cf-head">
                <label class="cf-label" for=label_for>
                    {label_text}
                    {shape.required.then(|| view! {
                        <span class="cf-required" aria-hidden="true">" *"</span>
                        <span class="visually-hidden">" (required)"</span>
                    })}
                </label>
                {show_key.then(|| view! { <code class="cf-key">{key.clone()}</code> })}
                <span class="cf-type">{type_name}</span>
                {move || (changed.get() && is_edit()).then(|| {
                    let rk = revert_key.clone();
                    view! {
                        <span class="cf-changed" data-testid="field-changed">"modified"</span>
                        <button type="button" class="cf-link-button"
                            aria-label=revert_label.clone()
                            on:click=move |_| { form.maybe_update(|m| m.revert(&rk)); }>
                            "Revert"
                        </button>
                    }
                })}
            </div>
            {input}
            <p class="cf-help" id=help_id>
                {doc}
                {default_note.map(|d| view! { <span class=default_class>{d}</span> })}
            </p>
        }
        .into_any()
    };

    view! {
        <div class="cf-row" id=row_id data-key=key.clone() data-testid="config-field"
            class:cf-has-error=move || !errors.with(Vec::is_empty)>
            {body}
            // Only a field with errors has the list (most never do: no node, no effect for it).
            {move || (!errors.with(Vec::is_empty)).then(|| view! {
                <ul class="cf-errors" id=errors_id.clone() data-testid="field-errors">
                    {errors.get().into_iter().map(|e| view! { <li>{e}</li> }).collect_view()}
                </ul>
            })}
        </div>
    }
}

#[allow(clippy::too_many_arguments)]
fn build_input(
    form: RwSignal<FormModel>,
    key: String,
    shape: &Shape,
    value: Memo<ValueState>,
    options: Memo<Vec<String>>,
    errors: Memo<Vec<String>>,
    input_id: String,
    help_id: String,
    err_id: String,
    // The model chose a textarea for the field's type and width.
    textarea: bool,
) -> AnyView {
    let described = format!("{help_id} {err_id}");
    let invalid = move || {
        if errors.with(Vec::is_empty) {
            "false"
        } else {
            "true"
        }
    };
    let disabled = shape.locked;
    let placeholder = shape.placeholder.clone().unwrap_or_default();
    let default_value = shape.default_value.clone();
    let required = shape.required;

    match shape.kind {
        Kind::Switch => {
            let k = key.clone();
            let def_on = default_value
                .as_deref()
                .map(|d| d.trim().eq_ignore_ascii_case("true"))
                .unwrap_or(false);
            let checked = move || match value.get() {
                ValueState::Text(t) => t.trim().eq_ignore_ascii_case("true"),
                _ => def_on,
            };
            let state_text = move || if checked() { "On" } else { "Off" };
            view! {
                <label class="cf-switch">
                    <input type="checkbox" role="switch" id=input_id class="cf-switch-input"
                        aria-describedby=described aria-invalid=invalid disabled=disabled
                        data-testid="field-input"
                        prop:checked=checked
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            form.maybe_update(|m| m.set_bool(&k, on));
                        }/>
                    <span class="cf-switch-track" aria-hidden="true"></span>
                    <span class="cf-switch-state">{state_text}</span>
                </label>
            }
            .into_any()
        }
        Kind::Select => {
            let k = key.clone();
            let current = move || match value.get() {
                ValueState::Text(t) => t,
                _ => String::new(),
            };
            let default_label = match default_value.as_deref() {
                Some(d) if !d.is_empty() => format!("Default ({d})"),
                _ => "Not set".to_string(),
            };
            view! {
                <select id=input_id class="cf-input cf-select" aria-describedby=described
                    aria-invalid=invalid disabled=disabled data-testid="field-input"
                    on:change=move |ev| {
                        let v = event_target_value(&ev);
                        form.maybe_update(|m| m.set(&k, &v));
                    }>
                    {(!required).then(|| {
                        view! { <option value="" selected=move || current().is_empty()>{default_label}</option> }
                    })}
                    <For each=move || options.get() key=|o| o.clone() let:o>
                        {
                            let o2 = o.clone();
                            let o3 = o.clone();
                            view! {
                                <option value=o2 selected=move || current() == o3>{o}</option>
                            }
                        }
                    </For>
                </select>
            }
            .into_any()
        }
        Kind::List | Kind::ComboMulti => {
            let k = key.clone();
            let items = Signal::derive(move || match value.get() {
                ValueState::Text(t) => parse_list(&t),
                _ => Vec::new(),
            });
            let suggestions = Signal::derive(move || options.get());
            let default_items = default_value.as_deref().map(parse_list).unwrap_or_default();
            let on_change = Callback::new(move |items: Vec<String>| {
                form.maybe_update(|m| m.set_list(&k, &items));
            });
            view! {
                <ListEditor input_id=input_id items suggestions default_items
                    described_by=described disabled on_change/>
            }
            .into_any()
        }
        Kind::Password => {
            let k = key.clone();
            // The input only ever holds what the user typed in this form.
            let text = RwSignal::new(match value.get_untracked() {
                ValueState::SecretEntered(t) => t,
                _ => String::new(),
            });
            Effect::new(move |_| {
                let v = value.get();
                let shown = match &v {
                    ValueState::SecretEntered(t) => t.clone(),
                    _ => String::new(),
                };
                if shown != text.get_untracked() {
                    text.set(shown);
                }
            });
            let ph = move || secret_placeholder(&value.get());
            let kept = move || {
                matches!(
                    value.get(),
                    ValueState::SecretKept | ValueState::Reference { .. }
                )
            };
            view! {
                <div class="cf-secret">
                    <input type="password" id=input_id class="cf-input" autocomplete="new-password"
                        spellcheck="false" aria-describedby=described aria-invalid=invalid
                        disabled=disabled data-testid="field-input" data-secret="true"
                        placeholder=ph
                        prop:value=move || text.get()
                        on:input=move |ev| {
                            let t = event_target_value(&ev);
                            text.set(t.clone());
                            form.maybe_update(|m| m.set(&k, &t));
                        }/>
                    <span class="cf-secret-note" hidden=move || !kept()>"🔒 kept"</span>
                </div>
            }
            .into_any()
        }
        kind => {
            // Text-like inputs keep their own text: the model may normalise (a value equal to
            // the default is unset), and the input must not jump while the user types.
            let k = key.clone();
            let text = RwSignal::new(value.get_untracked().input_text().to_string());
            let def = default_value.clone();
            // What the input shows: its own text, unless the model's value changed to
            // something else (revert, raw editor, import). Computed in the binding itself, not
            // in an effect per field (a large plugin builds a hundred fields at once).
            let shown = move || {
                let mine = text.get();
                value.with(|v| {
                    let model_text = v.input_text();
                    if model_text == mine
                        || (matches!(v, ValueState::Unset) && def.as_deref() == Some(mine.as_str()))
                    {
                        mine
                    } else {
                        let t = model_text.to_string();
                        text.update_untracked(|own| own.clone_from(&t));
                        t
                    }
                })
            };
            let on_input = move |ev: leptos::ev::Event| {
                let t = event_target_value(&ev);
                text.set(t.clone());
                form.maybe_update(|m| m.set(&k, &t));
            };
            let reference = move || match value.get() {
                ValueState::Reference { provider } => Some(provider),
                _ => None,
            };
            let list_id = format!("{input_id}-options");
            let inputmode = match kind {
                Kind::Integer => "numeric",
                Kind::Decimal => "decimal",
                _ => "text",
            };
            let untracked_value = value.get_untracked();
            let long = shape.kind == Kind::Text
                && (untracked_value.input_text().contains('\n')
                    || untracked_value.input_text().chars().count()
                        > crate::form::types::LONG_VALUE_CHARS
                    || textarea);
            let with_list = matches!(kind, Kind::Combo);
            let spell = if matches!(kind, Kind::Text) {
                "true"
            } else {
                "false"
            };
            let ref_note = move || {
                reference().map(|p| {
                    view! {
                        <span class="cf-secret-note" data-testid="field-reference">
                            {format!("🔒 reference to the \u{201c}{p}\u{201d} config provider — kept as is")}
                        </span>
                    }
                })
            };
            let ph = placeholder.clone();
            let ref_ph = move || match value.get() {
                ValueState::Reference { .. } => secret_placeholder(&value.get()),
                _ => ph.clone(),
            };
            if long {
                view! {
                    <textarea id=input_id class="cf-input cf-textarea" rows="3"
                        aria-describedby=described aria-invalid=invalid disabled=disabled
                        data-testid="field-input" placeholder=ref_ph spellcheck=spell
                        prop:value=shown on:input=on_input></textarea>
                    {ref_note}
                }
                .into_any()
            } else {
                view! {
                    <input type="text" id=input_id class="cf-input" inputmode=inputmode
                        aria-describedby=described aria-invalid=invalid disabled=disabled
                        data-testid="field-input" placeholder=ref_ph spellcheck=spell
                        autocomplete="off"
                        list=with_list.then(|| list_id.clone())
                        prop:value=shown on:input=on_input/>
                    {with_list.then(|| view! {
                        <datalist id=list_id.clone()>
                            <For each=move || options.get() key=|o| o.clone() let:o>
                                <option value=o></option>
                            </For>
                        </datalist>
                    })}
                    {ref_note}
                }
                .into_any()
            }
        }
    }
}
