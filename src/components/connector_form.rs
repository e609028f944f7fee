//! The generated connector form: the model's sections in order, each with its important
//! fields first and its MEDIUM/LOW fields under a per-section "Advanced" disclosure, a note
//! for keys the plugin hides, and the "Additional properties" editor for keys without a
//! definition.
//!
//! An advanced field that has a value or an error while its disclosure is closed is shown
//! with the important fields, and stays there for the life of the page (so nothing jumps
//! while it is edited). A server error on one advanced field therefore shows that field, not
//! the other hundred (MirrorSourceConnector has 79 advanced keys in one section), and closing
//! the disclosure keeps what was set in view.
//!
//! Only the section skeleton (titles, key lists, counts) is derived from the whole model;
//! every field renders through its own [`ConfigField`], keyed by config key, so typing in one
//! field never re-renders another.

use leptos::prelude::*;

use crate::components::config_field::ConfigField;
use crate::components::extra_properties::ExtraProperties;
use crate::form::{FormModel, FormOutline, SectionKind};

/// What a section's DOM structure depends on.
#[derive(Clone, Debug, PartialEq)]
struct SectionSkeleton {
    title: String,
    kind: SectionKind,
    main: Vec<String>,
    advanced: Vec<String>,
    /// Advanced fields with a value or an error: shown even while the disclosure is closed.
    needed: Vec<String>,
    hidden: usize,
    errors: usize,
}

fn skeleton(outline: &FormOutline, exclude: &[String]) -> Vec<SectionSkeleton> {
    outline
        .sections
        .iter()
        .filter(|s| s.kind != SectionKind::Undefined)
        .map(|s| {
            let mut main = Vec::new();
            let mut advanced = Vec::new();
            let mut needed = Vec::new();
            let mut errors = 0;
            for f in &s.fields {
                if exclude.contains(&f.key) {
                    continue;
                }
                if f.has_errors {
                    errors += 1;
                }
                if f.advanced {
                    if !f.collapsed_by_default() {
                        needed.push(f.key.clone());
                    }
                    advanced.push(f.key.clone());
                } else {
                    main.push(f.key.clone());
                }
            }
            SectionSkeleton {
                title: s.title.clone(),
                kind: s.kind,
                main,
                advanced,
                needed,
                hidden: s.hidden,
                errors,
            }
        })
        .filter(|s| !s.main.is_empty() || !s.advanced.is_empty() || s.hidden > 0)
        .collect()
}

/// A DOM id for a section title.
fn section_id(title: &str) -> String {
    let safe: String = title
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    format!("section-{safe}")
}

/// The form. `exclude` lists keys the page renders itself (create: name and class at the top).
#[component]
pub fn ConnectorForm(
    form: RwSignal<FormModel>,
    #[prop(optional)] exclude: Vec<String>,
    /// Why the cluster never describes the plugin (no validate), shown instead of waiting for
    /// it; the additional properties are then the whole form.
    #[prop(optional, into)]
    no_validation: Option<Signal<Option<String>>>,
) -> impl IntoView {
    let exclude = StoredValue::new(exclude);
    // One outline per edit, for the sections and the additional properties.
    let outline = Memo::new(move |_| form.with(|m| m.outline()));
    let skeletons = Memo::new(move |_| outline.with(|o| exclude.with_value(|ex| skeleton(o, ex))));
    let titles = Memo::new(move |_| {
        skeletons.with(|s| s.iter().map(|s| s.title.clone()).collect::<Vec<_>>())
    });
    let validated = Memo::new(move |_| form.with(|m| m.validated()));

    view! {
        <div class="connector-form" data-testid="connector-form">
            {move || match no_validation.and_then(|n| n.get()) {
                Some(note) => Some(view! {
                    <p class="cf-waiting" role="note" data-testid="form-no-validate">{note}</p>
                }.into_any()),
                None => (!validated.get()).then(|| view! {
                    <p class="cf-waiting" data-testid="form-waiting">
                        "Waiting for the cluster to describe this plugin's configuration…"
                    </p>
                }.into_any()),
            }}
            <For each=move || titles.get() key=|t| t.clone() let:title>
                {section(form, skeletons, title)}
            </For>
            <ExtraProperties form outline exclude=exclude.get_value()/>
        </div>
    }
}

fn section(
    form: RwSignal<FormModel>,
    skeletons: Memo<Vec<SectionSkeleton>>,
    title: String,
) -> impl IntoView {
    let t = title.clone();
    let skel = Memo::new(move |_| skeletons.with(|all| all.iter().find(|s| s.title == t).cloned()));
    let main =
        Memo::new(move |_| skel.with(|s| s.as_ref().map(|s| s.main.clone()).unwrap_or_default()));
    let advanced = Memo::new(move |_| {
        skel.with(|s| s.as_ref().map(|s| s.advanced.clone()).unwrap_or_default())
    });
    let hidden = Memo::new(move |_| skel.with(|s| s.as_ref().map_or(0, |s| s.hidden)));
    let errors = Memo::new(move |_| skel.with(|s| s.as_ref().map_or(0, |s| s.errors)));
    let ungrouped =
        skel.with_untracked(|s| s.as_ref().is_some_and(|s| s.kind == SectionKind::Ungrouped));
    let open = RwSignal::new(false);
    // Advanced keys shown with the important ones: every needed key seen while the disclosure
    // was closed, kept once promoted (an edit that clears the value must not move the input).
    let promoted_set = Memo::new(move |was: Option<&Vec<String>>| {
        let mut p = was.cloned().unwrap_or_default();
        if !open.get() {
            skel.with(|s| {
                for k in s.iter().flat_map(|s| &s.needed) {
                    if !p.contains(k) {
                        p.push(k.clone());
                    }
                }
            });
        }
        p
    });
    // The fields above the disclosure: important ones, then promoted advanced ones in their
    // own order.
    let shown = Memo::new(move |_| {
        let mut keys = main.get();
        promoted_set.with(|p| {
            advanced.with(|a| keys.extend(a.iter().filter(|k| p.contains(k)).cloned()));
        });
        keys
    });
    let inside = Memo::new(move |_| {
        promoted_set.with(|p| {
            advanced.with(|a| {
                a.iter()
                    .filter(|k| !p.contains(k))
                    .cloned()
                    .collect::<Vec<_>>()
            })
        })
    });
    // Advanced fields are built the first time their disclosure opens (most of a large
    // plugin's fields are advanced: 100 of MirrorSourceConnector's 118), and kept after that.
    let built = Memo::new(move |was: Option<&bool>| was.copied().unwrap_or(false) || open.get());
    let id = section_id(&title);
    let heading_id = format!("{id}-title");
    let labelled_by = heading_id.clone();
    let adv_count = move || inside.with(Vec::len);

    view! {
        <section class="cf-section" id=id aria-labelledby=labelled_by data-testid="form-section"
            data-section=title.clone()>
            <h2 class="cf-section-title" id=heading_id>
                {title.clone()}
                {ungrouped.then(|| view! { <span class="cf-section-sub">" (no group)"</span> })}
                <span class="cf-section-errors" hidden=move || errors.get() == 0>
                    {move || match errors.get() { 1 => "1 field with errors".to_string(), n => format!("{n} fields with errors") }}
                </span>
            </h2>
            <div class="cf-fields">
                <For each=move || shown.get() key=|k| k.clone() let:key>
                    <ConfigField form key/>
                </For>
            </div>
            <details class="cf-advanced" hidden=move || adv_count() == 0 prop:open=move || open.get()
                on:toggle=move |ev| {
                    use wasm_bindgen::JsCast;
                    if let Some(d) = ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) {
                        // The toggle that follows our own `prop:open` only confirms it: setting
                        // the signal again would set the attribute again (one more style and
                        // layout pass after every programmatic open).
                        let now = d.has_attribute("open");
                        if open.get_untracked() != now {
                            open.set(now);
                        }
                    }
                }>
                <summary data-testid="advanced-toggle">
                    {move || format!("Advanced ({})", adv_count())}
                </summary>
                {move || built.get().then(|| view! {
                    <div class="cf-fields">
                        <For each=move || inside.get() key=|k| k.clone() let:key>
                            <ConfigField form key/>
                        </For>
                    </div>
                })}
            </details>
            <p class="cf-hidden-note" hidden=move || hidden.get() == 0>
                {move || match hidden.get() {
                    1 => "1 setting is hidden by the plugin for the current values (its value, if any, is kept and sent).".to_string(),
                    n => format!("{n} settings are hidden by the plugin for the current values (their values, if any, are kept and sent)."),
                }}
            </p>
        </section>
    }
}
