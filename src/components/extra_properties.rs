//! "Additional properties": the keys of the working config that no definition describes
//! (`transforms.*`, `predicates.*`, converter-prefixed keys, `*.override.*`, anything typed in
//! the raw editor). Each row renames its key, edits its value (masked for secret-looking keys
//! and `${provider:...}` references, which are never shown) and removes it; a last row adds a
//! key. Nothing here is ever dropped silently.

use leptos::prelude::*;

use crate::components::config_field::ConfigField;
use crate::form::{anchor_id, FormModel, FormOutline, SectionKind};

#[component]
pub fn ExtraProperties(
    form: RwSignal<FormModel>,
    /// The form's outline, computed once per edit by the form that holds this editor.
    outline: Memo<FormOutline>,
    #[prop(optional)] exclude: Vec<String>,
) -> impl IntoView {
    let exclude = StoredValue::new(exclude);
    let keys = Memo::new(move |_| {
        exclude.with_value(|ex| {
            outline.with(|outline| {
                outline
                    .sections
                    .iter()
                    .filter(|s| s.kind == SectionKind::Undefined)
                    .flat_map(|s| s.fields.iter().map(|f| f.key.clone()))
                    .filter(|k| !ex.contains(k))
                    .collect::<Vec<_>>()
            })
        })
    });
    let new_key = RwSignal::new(String::new());
    let new_value = RwSignal::new(String::new());
    let add_error = RwSignal::new(None::<String>);
    let add = move || {
        let k = new_key.get_untracked().trim().to_string();
        if k.is_empty() {
            add_error.set(Some("Enter a property name.".into()));
            return;
        }
        if form.with_untracked(|m| m.values().contains_key(&k)) {
            add_error.set(Some(format!("{k} is already set; edit it above.")));
            return;
        }
        let v = new_value.get_untracked();
        let ok = form.try_update(|m| m.set_exact(&k, &v)).unwrap_or(false);
        if ok {
            new_key.set(String::new());
            new_value.set(String::new());
            add_error.set(None);
        } else {
            add_error.set(Some(format!("{k} cannot be set here.")));
        }
    };

    view! {
        <section class="cf-section cf-extra" aria-labelledby="section-extra-title" data-testid="extra-properties">
            <h2 class="cf-section-title" id="section-extra-title">"Additional properties"</h2>
            <p class="cf-section-help">
                "Keys the plugin does not describe: transforms, predicates, converter and client overrides, config provider references. They are kept and sent as they are."
            </p>
            <div class="cf-fields">
                <For each=move || keys.get() key=|k| k.clone() let:key>
                    {extra_row(form, key)}
                </For>
            </div>
            <div class="extra-add" role="group" aria-label="Add a property">
                <input type="text" class="cf-input extra-key" placeholder="property.name" aria-label="New property name"
                    spellcheck="false" autocomplete="off" data-testid="extra-new-key"
                    prop:value=move || new_key.get()
                    on:input=move |ev| new_key.set(event_target_value(&ev))/>
                <input type="text" class="cf-input" placeholder="value" aria-label="New property value"
                    spellcheck="false" autocomplete="off" data-testid="extra-new-value"
                    prop:value=move || new_value.get()
                    on:input=move |ev| new_value.set(event_target_value(&ev))
                    on:keydown=move |ev| {
                        if ev.key() == "Enter" {
                            ev.prevent_default();
                            add();
                        }
                    }/>
                <button type="button" class="cf-button" data-testid="extra-add" on:click=move |_| add()>"Add property"</button>
            </div>
            <p class="cf-errors" role="alert" hidden=move || add_error.with(Option::is_none)>
                {move || add_error.get().unwrap_or_default()}
            </p>
        </section>
    }
}

fn extra_row(form: RwSignal<FormModel>, key: String) -> impl IntoView {
    let k_rename = key.clone();
    let k_remove = key.clone();
    let rename_error = RwSignal::new(None::<String>);
    let remove_label = format!("Remove property {key}");
    let key_label = format!("Name of property {key}");
    let locked = form.with_untracked(|m| m.is_locked(&key));
    view! {
        <div class="extra-row" data-testid="extra-row" data-key=key.clone()>
            <div class="extra-row-key">
                <input type="text" class="cf-input extra-key" aria-label=key_label spellcheck="false"
                    autocomplete="off" value=key.clone() disabled=locked
                    aria-describedby=format!("{}-rename", anchor_id(&key))
                    on:change=move |ev| {
                        let to = event_target_value(&ev);
                        let ok = form.try_update(|m| m.rename_key(&k_rename, &to)).unwrap_or(false);
                        if !ok && to.trim() != k_rename {
                            rename_error.set(Some(format!("Cannot rename to \u{201c}{}\u{201d}: empty or already used.", to.trim())));
                        }
                    }/>
                <button type="button" class="cf-link-button" aria-label=remove_label disabled=locked
                    data-testid="extra-remove"
                    on:click=move |_| { form.maybe_update(|m| m.unset(&k_remove)); }>"Remove"</button>
            </div>
            <p class="cf-errors" id=format!("{}-rename", anchor_id(&key)) hidden=move || rename_error.with(Option::is_none)>
                {move || rename_error.get().unwrap_or_default()}
            </p>
            <ConfigField form key=key.clone()/>
        </div>
    }
}
