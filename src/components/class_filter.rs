//! A multi-select filter of connector classes: a disclosure button listing every class with a
//! checkbox (keyboard: Tab to the button, Enter/Space to open, Tab and Space through the
//! boxes). The summary names the choice ("All classes", the class, or "3 classes"). The owner
//! keeps the selection (the list query's `classes`, one `class=` per value in the URL).

use leptos::prelude::*;

/// `selected` with `class` added (at the end) or removed.
pub fn toggled(selected: &[String], class: &str) -> Vec<String> {
    if selected.iter().any(|c| c == class) {
        selected.iter().filter(|c| *c != class).cloned().collect()
    } else {
        let mut out = selected.to_vec();
        out.push(class.to_string());
        out
    }
}

/// The disclosure's label for a selection.
pub fn summary(selected: &[String]) -> String {
    match selected {
        [] => "All classes".to_string(),
        [one] => one.clone(),
        many => format!("{} classes", many.len()),
    }
}

#[component]
pub fn ClassFilter(
    /// Every class the rows have (short names), in display order.
    #[prop(into)]
    options: Signal<Vec<String>>,
    /// The chosen classes; empty means every class.
    #[prop(into)]
    selected: Signal<Vec<String>>,
    /// Called with the new selection.
    on_change: Callback<Vec<String>>,
) -> impl IntoView {
    view! {
        <details class="cc-class-filter" data-testid="filter-class">
            <summary class="cc-select" aria-label=move || format!("Class filter: {}", selected.with(|s| summary(s)))>
                <span data-testid="filter-class-summary">{move || selected.with(|s| summary(s))}</span>
            </summary>
            <fieldset class="cc-class-options">
                <legend class="cc-sr-only">"Connector classes"</legend>
                <button type="button" class="cc-btn cc-btn-link" data-testid="filter-class-all"
                    prop:disabled=move || selected.with(Vec::is_empty)
                    on:click=move |_| on_change.run(Vec::new())>"All classes"</button>
                <For each=move || options.get() key=|c| c.clone() let:c>
                    {
                        let checked_c = c.clone();
                        let toggle_c = c.clone();
                        view! {
                            <label class="cc-check">
                                <input type="checkbox" data-testid="filter-class-option" value=c.clone()
                                    prop:checked=move || selected.with(|s| s.contains(&checked_c))
                                    on:change=move |_| on_change.run(selected.with_untracked(|s| toggled(s, &toggle_c)))/>
                                " " {c.clone()}
                            </label>
                        }
                    }
                </For>
            </fieldset>
        </details>
    }
}
