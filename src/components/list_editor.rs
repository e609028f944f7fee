//! An editor for a LIST config value: one removable chip per item, an input to add items
//! (Enter, comma or the Add button; a pasted `a,b,c` adds each), optional suggestions, and the
//! default items shown when the list is empty. The caller owns the items (the form model).

use leptos::prelude::*;

use crate::form::parse_list;

#[component]
pub fn ListEditor(
    /// The id of the field; the add input gets `<id>-add` (the label points at it).
    #[prop(into)]
    input_id: String,
    #[prop(into)] items: Signal<Vec<String>>,
    #[prop(into)] suggestions: Signal<Vec<String>>,
    /// Shown (greyed) when the list is empty.
    #[prop(optional)]
    default_items: Vec<String>,
    #[prop(into)] described_by: String,
    #[prop(optional)] disabled: bool,
    on_change: Callback<Vec<String>>,
) -> impl IntoView {
    let draft = RwSignal::new(String::new());
    let add_id = format!("{input_id}-add");
    let list_id = format!("{input_id}-options");
    let datalist_id = list_id.clone();

    let add = move || {
        let text = draft.get_untracked();
        let new_items = parse_list(&text);
        if new_items.is_empty() {
            return;
        }
        let mut all = items.get_untracked();
        for i in new_items {
            if !all.contains(&i) {
                all.push(i);
            }
        }
        draft.set(String::new());
        on_change.run(all);
    };
    let remove = move |item: String| {
        let all: Vec<String> = items
            .get_untracked()
            .into_iter()
            .filter(|i| *i != item)
            .collect();
        on_change.run(all);
    };
    let defaults = default_items.join(", ");
    let has_suggestions = move || !suggestions.with(Vec::is_empty);

    view! {
        <div class="list-editor" id=input_id data-testid="list-editor">
            <ul class="list-chips" aria-label="Items">
                <For each=move || items.get() key=|i| i.clone() let:item>
                    {
                        let label = format!("Remove {item}");
                        let it = item.clone();
                        view! {
                            <li class="list-chip">
                                <span>{item}</span>
                                <button type="button" class="list-chip-remove" aria-label=label
                                    disabled=disabled
                                    on:click=move |_| remove(it.clone())>"×"</button>
                            </li>
                        }
                    }
                </For>
                {(!defaults.is_empty()).then(|| {
                    let d = defaults.clone();
                    view! {
                        <li class="list-default" hidden=move || !items.with(Vec::is_empty)>
                            "Default: "{d}
                        </li>
                    }
                })}
            </ul>
            <div class="list-add">
                <input type="text" id=add_id class="cf-input" autocomplete="off" spellcheck="false"
                    placeholder="Add an item (Enter or comma)" aria-describedby=described_by
                    disabled=disabled data-testid="list-add-input"
                    list=move || has_suggestions().then(|| list_id.clone())
                    prop:value=move || draft.get()
                    on:input=move |ev| {
                        let t = event_target_value(&ev);
                        if t.ends_with(',') {
                            draft.set(t);
                            add();
                        } else {
                            draft.set(t);
                        }
                    }
                    on:keydown=move |ev| {
                        if ev.key() == "Enter" {
                            ev.prevent_default();
                            add();
                        }
                    }/>
                <button type="button" class="cf-button" disabled=disabled
                    on:click=move |_| add()>"Add"</button>
                <datalist id=datalist_id>
                    <For each=move || suggestions.get() key=|o| o.clone() let:o>
                        <option value=o></option>
                    </For>
                </datalist>
            </div>
        </div>
    }
}
