//! A stack trace shown collapsed: its first line (the exception and message) is always
//! visible; a toggle reveals the whole trace, and a copy button copies it.

use leptos::prelude::*;

use crate::components::copy_button::CopyButton;
use crate::state::detail::{trace_first_line, trace_hidden_lines};

/// `label` names what failed ("task 0"), for the toggle's and copy button's accessible names.
#[component]
pub fn TraceView(#[prop(into)] trace: String, #[prop(into)] label: String) -> impl IntoView {
    let expanded = RwSignal::new(false);
    let first = trace_first_line(&trace).to_string();
    let hidden = trace_hidden_lines(&trace);
    let full = StoredValue::new(trace.clone());
    let toggle_label = label.clone();
    let copy_label = format!("Copy the stack trace of {label}");
    let pre_id = format!(
        "trace-{}",
        label
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
            .collect::<String>()
    );
    let pre_id2 = pre_id.clone();
    view! {
        <div class="cc-trace" data-testid="trace-view" data-expanded=move || expanded.get().to_string()>
            <div class="cc-trace-head">
                <code class="cc-trace-first" data-testid="trace-first-line" title=first.clone()>
                    {first.clone()}
                </code>
                <div class="cc-trace-actions">
                    {(hidden > 0).then(|| view! {
                        <button
                            type="button"
                            class="cc-btn cc-btn-small"
                            data-testid="trace-toggle"
                            aria-expanded=move || expanded.get().to_string()
                            aria-controls=pre_id.clone()
                            aria-label=move || format!(
                                "{} the full stack trace of {toggle_label}",
                                if expanded.get() { "Hide" } else { "Show" }
                            )
                            on:click=move |_| expanded.update(|e| *e = !*e)
                        >
                            {move || if expanded.get() {
                                "Collapse".to_string()
                            } else {
                                format!("Expand (+{hidden} lines)")
                            }}
                        </button>
                    })}
                    <CopyButton
                        text=Signal::derive(move || full.get_value())
                        label=copy_label
                        testid="trace-copy"
                    />
                </div>
            </div>
            <Show when=move || expanded.get()>
                <pre class="cc-trace-full" id=pre_id2.clone() data-testid="trace-full" tabindex="0">
                    {full.get_value()}
                </pre>
            </Show>
        </div>
    }
}
