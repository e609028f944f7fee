//! The raw config editor: JSON and `.properties` tabs over the same working config, in
//! two-way sync with the form. Typing applies to the form as soon as the text parses (the whole
//! text replaces the config, so removing a line removes the key); a parse error is shown with
//! its line and nothing is applied. While the editor has focus the form does not rewrite its
//! text; on blur it shows the form's canonical text again. Importing a file (or pasting a
//! `{"name":..,"config":{..}}` create body) fills the form the same way.
//!
//! Secrets show as `[hidden]` here; leaving `[hidden]` in place keeps the stored secret.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::form::{ApplyMode, FormModel, RawFormat};

fn render(m: &FormModel, format: RawFormat) -> String {
    match format {
        RawFormat::Properties => m.raw_properties(),
        _ => m.raw_json(),
    }
}

#[component]
pub fn RawEditor(form: RwSignal<FormModel>) -> impl IntoView {
    let format = RwSignal::new(RawFormat::Json);
    let text = RwSignal::new(form.with_untracked(|m| m.raw_json()));
    let focused = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let warnings = RwSignal::new(Vec::<String>::new());
    let revision = Memo::new(move |_| form.with(|m| m.revision()));

    // Form → text, unless the user is typing here.
    Effect::new(move |_| {
        revision.track();
        let f = format.get();
        // A text that does not parse stays until it is fixed or the tab is switched.
        if !focused.get() && error.get_untracked().is_none() {
            text.set(form.with_untracked(|m| render(m, f)));
        }
    });

    let apply = move |t: String, fmt: RawFormat| {
        let result = form
            .try_update(|m| m.apply_raw_text(&t, fmt, ApplyMode::Replace))
            .unwrap_or_else(|| Ok(Vec::new()));
        match result {
            Ok(w) => {
                error.set(None);
                warnings.set(w);
            }
            Err(e) => error.set(Some(e.to_string())),
        }
    };

    let on_file = move |ev: leptos::ev::Event| {
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let file = js_sys::Reflect::get(&input, &"files".into())
            .ok()
            .and_then(|files| js_sys::Reflect::get(&files, &0.into()).ok())
            .filter(|f| !f.is_undefined() && !f.is_null());
        let Some(file) = file else { return };
        let blob: web_sys::Blob = file.unchecked_into();
        leptos::task::spawn_local(async move {
            match wasm_bindgen_futures::JsFuture::from(blob.text()).await {
                Ok(v) => {
                    let t = v.as_string().unwrap_or_default();
                    apply(t, RawFormat::Detect);
                    input.set_value("");
                }
                Err(_) => error.set(Some("The file could not be read.".into())),
            }
        });
    };

    let tab = move |f: RawFormat, label: &'static str, id: &'static str| {
        view! {
            <button type="button" role="tab" id=id class="raw-tab"
                aria-selected=move || if format.get() == f { "true" } else { "false" }
                data-testid=id
                on:click=move |_| { error.set(None); focused.set(false); format.set(f); }>{label}</button>
        }
    };
    let label = move || match format.get() {
        RawFormat::Properties => "Config as .properties",
        _ => "Config as JSON",
    };

    view! {
        <div class="raw-editor" data-testid="raw-editor">
            <div class="raw-toolbar">
                <div role="tablist" aria-label="Raw format" class="raw-tabs">
                    {tab(RawFormat::Json, "JSON", "raw-tab-json")}
                    {tab(RawFormat::Properties, ".properties", "raw-tab-properties")}
                </div>
                <label class="cf-button raw-import">
                    "Import file…"
                    <input type="file" accept=".json,.properties,.txt,.conf,application/json,text/plain"
                        class="visually-hidden" data-testid="raw-import" on:change=on_file/>
                </label>
            </div>
            <textarea id="raw-editor-text" class="cf-input raw-text" spellcheck="false"
                aria-label=label data-testid="raw-text" rows="18"
                prop:value=move || text.get()
                on:focus=move |_| focused.set(true)
                on:blur=move |_| {
                    focused.set(false);
                }
                on:input=move |ev| {
                    let t = event_target_value(&ev);
                    text.set(t.clone());
                    apply(t, format.get_untracked());
                }></textarea>
            <p class="cf-errors" role="alert" data-testid="raw-error" hidden=move || error.with(Option::is_none)>
                {move || error.get().map(|e| format!("Not applied: {e}"))}
            </p>
            <ul class="raw-warnings" hidden=move || warnings.with(Vec::is_empty)>
                <For each=move || warnings.get() key=|w| w.clone() let:w><li>{w}</li></For>
            </ul>
            <p class="cf-help">"Secrets show as [hidden]; leave [hidden] to keep a stored secret. Paste a whole create body ({\"name\": …, \"config\": {…}}) or a .properties file to fill the form."</p>
        </div>
    }
}
