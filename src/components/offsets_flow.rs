//! The guided offsets flow's progress: each step (stop, wait until STOPPED, alter/reset,
//! resume) with its status and the server's message, in a polite live region.

use leptos::prelude::*;

use crate::state::detail::StepStatus;
use crate::stores::detail::FlowStep;

#[component]
pub fn OffsetsFlow(#[prop(into)] steps: Signal<Vec<FlowStep>>) -> impl IntoView {
    view! {
        <Show when=move || steps.with(|s| !s.is_empty())>
            <ol class="cc-flow" data-testid="offsets-flow" aria-live="polite" aria-label="Offsets change steps">
                <For each=move || steps.get().into_iter().enumerate() key=|(i, s)| (*i, s.label.clone(), format!("{:?}", s.status)) let((_, step))>
                    {
                        let (token, icon, text) = match &step.status {
                            StepStatus::Waiting => ("waiting", "○", None),
                            StepStatus::Running => ("running", "↻", Some("In progress…".to_string())),
                            StepStatus::Done(m) => ("done", "✓", m.clone()),
                            StepStatus::Failed(m) => ("failed", "✕", Some(m.clone())),
                            StepStatus::Skipped => ("skipped", "–", Some("Skipped".to_string())),
                        };
                        view! {
                            <li class=format!("cc-flow-step cc-flow-{token}") data-testid="flow-step" data-status=token>
                                <span class="cc-flow-icon" aria-hidden="true">{icon}</span>
                                <span class="cc-flow-label">{step.label.clone()}</span>
                                {text.map(|t| view! { <span class="cc-flow-message" data-testid="flow-message">{t}</span> })}
                            </li>
                        }
                    }
                </For>
            </ol>
        </Show>
    }
}
