//! The raw config editor: JSON and `.properties` tabs over the same working config, in
//! two-way sync with the form. Typing applies to the form as soon as the text parses (the whole
//! text replaces the config, so removing a line removes the key); a parse error is shown with
//! its line and nothing is applied. While the editor has focus the form does not rewrite its
//! text. On blur the typed text stays as it is (with its `.properties` comments) as long as
//! the form holds what it says; a change made in the form since, or another tab, shows the
//! form's canonical text. Importing a file (or pasting a
//! `{"name":..,"config":{..}}` create body) fills the form the same way.
//!
//! A text that does not parse is never thrown away: it stays in `unapplied` (owned by the
//! page's editor, so it outlives this component when the "Form" tab is chosen), and comes
//! back with its error when its tab is shown again, until it is fixed or discarded.
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

/// A raw text that did not parse (so nothing of it was applied), with its format.
#[derive(Clone, Debug, PartialEq)]
pub struct UnappliedText {
    pub format: RawFormat,
    pub text: String,
    /// The form's revision when the text was kept: a later edit in the form is replaced
    /// if the text is applied (the editor says so).
    pub revision: u64,
}

impl UnappliedText {
    pub fn format_label(&self) -> &'static str {
        match self.format {
            RawFormat::Properties => ".properties",
            _ => "JSON",
        }
    }
}

#[component]
pub fn RawEditor(
    form: RwSignal<FormModel>,
    /// The text typed here that does not parse yet.
    unapplied: RwSignal<Option<UnappliedText>>,
) -> impl IntoView {
    let kept = unapplied.get_untracked();
    let format = RwSignal::new(kept.as_ref().map_or(RawFormat::Json, |u| u.format));
    let text = RwSignal::new(match &kept {
        Some(u) => u.text.clone(),
        None => form.with_untracked(|m| m.raw_json()),
    });
    let focused = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let warnings = RwSignal::new(Vec::<String>::new());
    let revision = Memo::new(move |_| form.with(|m| m.revision()));

    // The form's revision and format right after the typed text was applied: while the form
    // is still at that revision, the text says what the form holds, and is kept as typed
    // (its comments, order and spacing) instead of the canonical rendering.
    let typed_at = StoredValue::new(None::<(u64, RawFormat)>);

    // Form → text, unless the user is typing here.
    Effect::new(move |_| {
        let rev = revision.get();
        let f = format.get();
        // A text that does not parse stays until it is fixed or the tab is switched.
        if !focused.get() && error.get_untracked().is_none() {
            if typed_at.get_value() == Some((rev, f)) {
                return;
            }
            typed_at.set_value(None);
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
                // The kept text is fixed only by a text of its own format; one applied in the
                // other format leaves it kept (the notice says where it is).
                if unapplied.try_with_untracked(|u| {
                    u.as_ref()
                        .is_some_and(|u| u.format == fmt || fmt == RawFormat::Detect)
                }) == Some(true)
                {
                    unapplied.set(None);
                }
                true
            }
            Err(e) => {
                error.set(Some(e.to_string()));
                // The last good text's warnings do not describe this one.
                warnings.set(Vec::new());
                let format = match fmt {
                    RawFormat::Detect if t.trim_start().starts_with('{') => RawFormat::Json,
                    RawFormat::Detect => RawFormat::Properties,
                    f => f,
                };
                // Kept with the revision the first text of this format that did not parse was
                // typed against (later keystrokes keep it).
                let revision = unapplied
                    .try_with_untracked(|u| {
                        u.as_ref()
                            .filter(|u| u.format == format)
                            .map(|u| u.revision)
                    })
                    .flatten()
                    .unwrap_or_else(|| form.with_untracked(|m| m.revision()));
                unapplied.set(Some(UnappliedText {
                    format,
                    text: t,
                    revision,
                }));
                false
            }
        }
    };
    // A kept text shows its error again (nothing is applied: it still does not parse).
    if let Some(u) = kept {
        apply(u.text, u.format);
    }

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
                    // The textarea shows what was imported: the form's text of it, or the
                    // file's own text with its error (the next keystroke applies the textarea).
                    // `try_`: the editor may have been closed while the file was read.
                    if apply(t.clone(), RawFormat::Detect) {
                        if let Some(shown) = format
                            .try_get_untracked()
                            .and_then(|f| form.try_with_untracked(|m| render(m, f)))
                        {
                            text.set(shown);
                        }
                    } else {
                        if let Some(u) = unapplied.try_get_untracked().flatten() {
                            format.set(u.format);
                        }
                        text.set(t);
                    }
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
                on:click=move |_| {
                    focused.set(false);
                    format.set(f);
                    // Back to the tab of a text that did not parse: that text, with its error.
                    match unapplied.get_untracked().filter(|u| u.format == f) {
                        Some(u) => {
                            text.set(u.text.clone());
                            apply(u.text, f);
                        }
                        None => {
                            error.set(None);
                            text.set(form.with_untracked(|m| render(m, f)));
                        }
                    }
                }>{label}</button>
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
                    let fmt = format.get_untracked();
                    typed_at.set_value(
                        apply(t, fmt).then(|| (form.with_untracked(|m| m.revision()), fmt)),
                    );
                }></textarea>
            <p class="cf-errors" role="alert" data-testid="raw-error" hidden=move || error.with(Option::is_none)>
                {move || error.get().map(|e| format!("Not applied: {e} "))}
                <button type="button" class="cf-link-button" data-testid="raw-unapplied-discard"
                    hidden=move || unapplied.with(|u| u.as_ref().is_none_or(|u| u.format != format.get()))
                    on:click=move |_| {
                        unapplied.set(None);
                        error.set(None);
                        let f = format.get_untracked();
                        text.set(form.with_untracked(|m| render(m, f)));
                    }>"Discard this text (show the form's config)"</button>
            </p>
            {move || unapplied.get()
                .filter(|u| u.format == format.get() && u.revision != revision.get())
                .map(|_| view! {
                    <p class="cf-warnings" data-testid="raw-unapplied-stale">
                        "The form was edited after this text was typed: once it parses, it replaces those edits."
                    </p>
                })}
            {move || unapplied.get().filter(|u| u.format != format.get()).map(|u| view! {
                <p class="cf-help" data-testid="raw-unapplied-elsewhere">
                    {format!("Your {} text does not parse and was not applied; it is kept in its tab until you fix or discard it. ", u.format_label())}
                    <button type="button" class="cf-link-button" data-testid="raw-unapplied-discard"
                        on:click=move |_| unapplied.set(None)>"Discard it"</button>
                </p>
            })}
            <ul class="raw-warnings" hidden=move || warnings.with(Vec::is_empty)>
                <For each=move || warnings.get() key=|w| w.clone() let:w><li>{w}</li></For>
            </ul>
            <p class="cf-help">"Secrets show as [hidden]; leave [hidden] to keep a stored secret. Paste a whole create body ({\"name\": …, \"config\": {…}}) or a .properties file to fill the form."</p>
        </div>
    }
}
