//! The connector's lifecycle actions: pause, resume, stop, restart (with includeTasks /
//! onlyFailed where the cluster honours them) and delete. Each button appears only when the
//! cluster's capabilities allow the action and the connector's state makes it meaningful; in
//! read-only mode none appears. Stop, restart and delete ask for confirmation first (delete
//! by typing the connector's name).

use leptos::prelude::*;

use crate::components::confirm_dialog::ConfirmDialog;
use crate::protocol::{Capabilities, RestartOptions, State};
use crate::state::actions::ConnectorAction;

/// Which lifecycle buttons to show for a connector in `state`.
pub fn available_actions(state: Option<&State>, caps: &Capabilities) -> Vec<ConnectorAction> {
    let mut out = Vec::new();
    let paused = matches!(state, Some(State::Paused));
    let stopped = matches!(state, Some(State::Stopped));
    if caps.pause_resume && !paused && !stopped {
        out.push(ConnectorAction::Pause);
    }
    if caps.pause_resume && (paused || stopped) {
        out.push(ConnectorAction::Resume);
    }
    if caps.stop && !stopped {
        out.push(ConnectorAction::Stop);
    }
    if caps.restart && !stopped {
        out.push(ConnectorAction::Restart(RestartOptions::default()));
    }
    if caps.delete {
        out.push(ConnectorAction::Delete);
    }
    out
}

#[component]
pub fn LifecycleBar(
    #[prop(into)] name: Signal<String>,
    #[prop(into)] state: Signal<Option<State>>,
    #[prop(into)] caps: Signal<Capabilities>,
    #[prop(into)] read_only: Signal<bool>,
    /// The action in progress ("Pausing…"); buttons are disabled meanwhile.
    #[prop(into)]
    busy: Signal<Option<String>>,
    on_action: Callback<ConnectorAction>,
) -> impl IntoView {
    let actions =
        Memo::new(move |_| caps.with(|c| state.with(|s| available_actions(s.as_ref(), c))));
    let has = move |want: fn(&ConnectorAction) -> bool| actions.with(|a| a.iter().any(want));

    let stop_open = RwSignal::new(false);
    let restart_open = RwSignal::new(false);
    let delete_open = RwSignal::new(false);
    let include_tasks = RwSignal::new(true);
    let only_failed = RwSignal::new(false);
    let is_busy = move || busy.with(Option::is_some);

    let items = Signal::derive(move || vec![name.get()]);
    let restart_options = move || caps.with(|c| c.restart_options);

    view! {
        <div class="cc-lifecycle" role="toolbar" aria-label="Connector actions" data-testid="lifecycle-bar">
            <Show
                when=move || !read_only.get()
                fallback=|| view! {
                    <span class="cc-readonly-note" data-testid="read-only-note">
                        "Read-only mode: lifecycle actions are disabled."
                    </span>
                }
            >
                <Show when=move || has(|a| *a == ConnectorAction::Pause)>
                    <button type="button" class="cc-btn" data-testid="action-pause"
                        prop:disabled=is_busy
                        on:click=move |_| on_action.run(ConnectorAction::Pause)>"Pause"</button>
                </Show>
                <Show when=move || has(|a| *a == ConnectorAction::Resume)>
                    <button type="button" class="cc-btn cc-btn-primary" data-testid="action-resume"
                        prop:disabled=is_busy
                        on:click=move |_| on_action.run(ConnectorAction::Resume)>"Resume"</button>
                </Show>
                <Show when=move || has(|a| *a == ConnectorAction::Stop)>
                    <button type="button" class="cc-btn" data-testid="action-stop"
                        prop:disabled=is_busy
                        on:click=move |_| stop_open.set(true)>"Stop"</button>
                </Show>
                <Show when=move || has(|a| matches!(a, ConnectorAction::Restart(_)))>
                    <button type="button" class="cc-btn" data-testid="action-restart"
                        prop:disabled=is_busy
                        on:click=move |_| restart_open.set(true)>"Restart…"</button>
                </Show>
                <Show when=move || has(|a| *a == ConnectorAction::Delete)>
                    <button type="button" class="cc-btn cc-btn-danger-outline" data-testid="action-delete"
                        prop:disabled=is_busy
                        on:click=move |_| delete_open.set(true)>"Delete…"</button>
                </Show>
                {move || busy.get().map(|b| view! {
                    <span class="cc-busy" role="status" data-testid="action-busy">{b}</span>
                })}
            </Show>
        </div>
        <ConfirmDialog
            open=stop_open
            title=Signal::derive(move || format!("Stop {}?", name.get()))
            message=Signal::derive(move || Some(caps.with(|c| c.stop_note()).to_string()))
            items=items
            confirm_label="Stop connector"
            on_confirm=Callback::new(move |_| on_action.run(ConnectorAction::Stop))
            testid="confirm-stop"
        />
        <ConfirmDialog
            open=restart_open
            title=Signal::derive(move || format!("Restart {}?", name.get()))
            message="The restarted instances show RESTARTING, then their new state."
            items=items
            confirm_label=Signal::derive(move || {
                ConnectorAction::Restart(RestartOptions {
                    include_tasks: include_tasks.get(),
                    only_failed: only_failed.get(),
                })
                .label()
            })
            on_confirm=Callback::new(move |_| {
                let opts = if restart_options() {
                    RestartOptions { include_tasks: include_tasks.get_untracked(), only_failed: only_failed.get_untracked() }
                } else {
                    RestartOptions::default()
                };
                on_action.run(ConnectorAction::Restart(opts))
            })
            testid="confirm-restart"
        >
            <Show
                when=restart_options
                fallback=move || view! {
                    <p class="cc-muted" data-testid="restart-plain-note">{move || caps.with(|c| c.plain_restart_note())}</p>
                }
            >
                <fieldset class="cc-restart-options">
                    <legend>"Options"</legend>
                    <label>
                        <input type="checkbox" data-testid="restart-include-tasks"
                            prop:checked=move || include_tasks.get()
                            on:change=move |ev| include_tasks.set(event_target_checked(&ev))/>
                        " Include tasks (includeTasks)"
                    </label>
                    <label>
                        <input type="checkbox" data-testid="restart-only-failed"
                            prop:checked=move || only_failed.get()
                            on:change=move |ev| only_failed.set(event_target_checked(&ev))/>
                        " Only failed instances (onlyFailed)"
                    </label>
                </fieldset>
            </Show>
        </ConfirmDialog>
        <ConfirmDialog
            open=delete_open
            title=Signal::derive(move || format!("Delete {}?", name.get()))
            message=Signal::derive(move || Some(caps.with(|c| c.delete_note()).to_string()))
            items=items
            confirm_label="Delete connector"
            danger=true
            require_typing=Signal::derive(move || Some(name.get()))
            on_confirm=Callback::new(move |_| on_action.run(ConnectorAction::Delete))
            testid="confirm-delete"
        />
    }
}
