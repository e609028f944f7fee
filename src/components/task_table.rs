//! The tasks of a connector: id, state, worker and trace (collapsed to its first line), with a
//! per-task restart where the cluster allows it. States from a restart's answer (RESTARTING)
//! override the listed ones until the next read.

use std::collections::BTreeMap;

use leptos::prelude::*;

use crate::components::state_badge::{BadgeState, StateBadge};
use crate::components::trace_view::TraceView;
use crate::protocol::State;
use crate::state::reconcile::TaskRow;

#[component]
pub fn TaskTable(
    #[prop(into)] tasks: Signal<Vec<TaskRow>>,
    /// Task states a restart just answered with, by task id.
    #[prop(into)]
    overlay: Signal<BTreeMap<u32, State>>,
    /// Offer "Restart task" buttons.
    #[prop(into)]
    can_restart: Signal<bool>,
    /// An action on the connector is in flight: restart buttons wait for it (as the
    /// lifecycle bar's do), so a second click sends nothing twice.
    #[prop(optional, into)]
    busy: Signal<bool>,
    on_restart: Callback<u32>,
) -> impl IntoView {
    view! {
        <Show
            when=move || tasks.with(|t| !t.is_empty())
            fallback=|| view! {
                <p class="cc-muted" data-testid="no-tasks">"No tasks are running (a stopped or failed connector has none)."</p>
            }
        >
            <table class="cc-table cc-task-table" data-testid="task-table">
                <caption class="cc-sr-only">"Tasks"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Task"</th>
                        <th scope="col">"State"</th>
                        <th scope="col">"Worker"</th>
                        <th scope="col">"Trace"</th>
                        <th scope="col"><span class="cc-sr-only">"Actions"</span></th>
                    </tr>
                </thead>
                <tbody>
                    <For
                        each=move || tasks.get()
                        key=|t| (t.id, t.state.clone(), t.worker_id.clone(), t.trace.clone())
                        let(task)
                    >
                        {
                            let id = task.id;
                            let listed = task.state.clone();
                            let state = Signal::derive(move || {
                                overlay.with(|o| o.get(&id).cloned()).unwrap_or_else(|| listed.clone())
                            });
                            view! {
                                <tr data-testid="task-row" data-task=id.to_string() data-state=move || state.get().as_str().to_ascii_lowercase()>
                                    <th scope="row">{id}</th>
                                    <td><StateBadge state=Signal::derive(move || BadgeState::Reported(state.get()))/></td>
                                    <td><code>{task.worker_id.clone().unwrap_or_else(|| "—".into())}</code></td>
                                    <td class="cc-task-trace">
                                        {match task.trace.clone() {
                                            Some(t) => view! { <TraceView trace=t label=format!("task {id}")/> }.into_any(),
                                            None => view! { <span class="cc-muted">"—"</span> }.into_any(),
                                        }}
                                    </td>
                                    <td class="cc-row-actions">
                                        <Show when=move || can_restart.get()>
                                            <button
                                                type="button"
                                                class="cc-btn cc-btn-small"
                                                data-testid="task-restart"
                                                aria-label=format!("Restart task {id}")
                                                prop:disabled=move || busy.get()
                                                on:click=move |_| on_restart.run(id)
                                            >
                                                "Restart"
                                            </button>
                                        </Show>
                                    </td>
                                </tr>
                            }
                        }
                    </For>
                </tbody>
            </table>
        </Show>
    }
}
