//! The offsets table: one row per partition (partition keys, then offset keys, e.g.
//! `kafka_topic` / `kafka_partition` / `kafka_offset` for sinks), with per-partition edits
//! (a new offset, or a reset to null) staged locally, and "reset all". Applying asks for
//! confirmation, listing the guided flow's steps (stop → change → back to its state, see
//! [`OffsetsPlan`]) and the partitions.

use std::collections::BTreeMap;

use leptos::prelude::*;

use crate::components::confirm_dialog::ConfirmDialog;
use crate::components::offsets_confirm::OffsetsConfirm;
use crate::protocol::ConnectorOffsets;
use crate::state::detail::{
    alter_request, edit_changes, offsets_change_label, partition_label, staged_changes, OffsetEdit,
    OffsetsPlan, OffsetsTable,
};

#[component]
pub fn OffsetsEditor(
    #[prop(into)] name: Signal<String>,
    #[prop(into)] table: Signal<OffsetsTable>,
    /// Editing per partition is possible (alter capability, not read-only).
    #[prop(into)]
    can_alter: Signal<bool>,
    #[prop(into)] can_reset: Signal<bool>,
    #[prop(into)] plan: Signal<OffsetsPlan>,
    /// A flow is running: everything is disabled.
    #[prop(into)]
    running: Signal<bool>,
    /// `(Some(alter request) | None for reset all, label of the change)`.
    on_change: Callback<(Option<ConnectorOffsets>, String)>,
) -> impl IntoView {
    let edits: RwSignal<BTreeMap<usize, OffsetEdit>> = RwSignal::new(BTreeMap::new());
    let error = RwSignal::new(None::<String>);
    let pending: RwSignal<Option<(Option<ConnectorOffsets>, String)>> = RwSignal::new(None);
    let confirm_open = RwSignal::new(false);
    let reset_all_open = RwSignal::new(false);

    // New offsets from the server invalidate staged edits.
    Effect::new(move |_| {
        table.track();
        edits.set(BTreeMap::new());
        error.set(None);
    });

    let apply = move |_| {
        let req = table.with(|t| edits.with(|e| alter_request(t, e)));
        match req {
            Ok(r) => {
                error.set(None);
                let label = offsets_change_label(false, r.offsets.len());
                pending.set(Some((Some(r), label)));
                confirm_open.set(true);
            }
            Err(e) => error.set(Some(e)),
        }
    };

    let steps = Signal::derive(move || {
        let label = pending
            .with(|p| p.as_ref().map(|(_, l)| l.clone()))
            .unwrap_or_default();
        let mut items = plan.get().steps(&label);
        let parts: Vec<String> = table.with(|t| {
            edits.with(|e| {
                e.iter()
                    .filter(|(i, ed)| edit_changes(t, **i, ed))
                    .filter_map(|(i, ed)| {
                        t.row(*i).map(|r| {
                            let what = match ed {
                                OffsetEdit::Reset => "reset to null".to_string(),
                                OffsetEdit::Set(v) => v
                                    .iter()
                                    .map(|(k, x)| format!("{k} → {x}"))
                                    .collect::<Vec<_>>()
                                    .join(", "),
                            };
                            format!("Partition {}: {what}", partition_label(t, r))
                        })
                    })
                    .collect()
            })
        });
        items.extend(parts);
        items
    });
    let reset_steps = Signal::derive(move || plan.get().steps(&offsets_change_label(true, 0)));

    let disabled = move || running.get();
    // Partitions whose staged edit changes something ("Edit" with nothing typed does not).
    let staged = move || table.with(|t| edits.with(|e| staged_changes(t, e)));
    let open_edits = move || edits.with(BTreeMap::len);

    view! {
        <div class="cc-offsets" data-testid="offsets-editor">
            <table class="cc-table cc-offsets-table" data-testid="offsets-table">
                <caption class="cc-sr-only">"Offsets per partition"</caption>
                <thead>
                    <tr>
                        {move || table.with(|t| t.partition_columns.iter().map(|c| view! {
                            <th scope="col" class="cc-col-partition">{c.clone()}</th>
                        }).collect_view())}
                        {move || table.with(|t| t.offset_columns.iter().map(|c| view! {
                            <th scope="col" class="cc-col-offset">{c.clone()}</th>
                        }).collect_view())}
                        <th scope="col"><span class="cc-sr-only">"Actions"</span></th>
                    </tr>
                </thead>
                <tbody>
                    <For
                        each=move || table.get().rows
                        key=|r| (r.index, r.partition_cells.clone(), r.offset_cells.clone())
                        let(row)
                    >
                        {
                            let index = row.index;
                            let label = table.with_untracked(|t| partition_label(t, &row));
                            let cols = table.with_untracked(|t| t.offset_columns.clone());
                            let originals = row.offset_cells.clone();
                            // 0 = unchanged, 1 = new offset being typed, 2 = reset. Only the kind is
                            // tracked, so typing does not re-render (and unfocus) the input.
                            let mode = Memo::new(move |_| edits.with(|e| match e.get(&index) {
                                None => 0u8,
                                Some(OffsetEdit::Set(_)) => 1,
                                Some(OffsetEdit::Reset) => 2,
                            }));
                            let edit = move || (mode.get() != 0).then_some(());
                            let edit_aria = format!("Edit the offset of partition {label}");
                            let reset_aria = format!("Reset the offset of partition {label}");
                            let undo_aria = format!("Undo the change to partition {label}");
                            view! {
                                <tr data-testid="offset-row" data-partition=label.clone()
                                    class:cc-staged=move || edit().is_some()>
                                    {row.partition_cells.iter().map(|c| view! { <td><code>{c.clone()}</code></td> }).collect_view()}
                                    {cols.iter().cloned().zip(originals.iter().cloned()).map(|(col, orig)| {
                                        let col_in = col.clone();
                                        let input_label = format!("New {col} for partition {label}");
                                        view! {
                                            <td>
                                                {move || match mode.get() {
                                                    1 => {
                                                        let col = col_in.clone();
                                                        let current = edits.with_untracked(|e| match e.get(&index) {
                                                            Some(OffsetEdit::Set(values)) => values.get(&col).cloned(),
                                                            _ => None,
                                                        }).unwrap_or_else(|| orig.clone());
                                                        view! {
                                                            <input class="cc-input cc-offset-input" data-testid="offset-input"
                                                                aria-label=input_label.clone()
                                                                prop:value=current
                                                                on:input=move |ev| {
                                                                    let v = event_target_value(&ev);
                                                                    let col = col.clone();
                                                                    edits.update(|e| {
                                                                        if let Some(OffsetEdit::Set(m)) = e.get_mut(&index) {
                                                                            m.insert(col, v);
                                                                        }
                                                                    });
                                                                }/>
                                                        }.into_any()
                                                    }
                                                    2 => view! {
                                                        <span class="cc-offset-reset" data-testid="offset-reset-marker">"null (reset)"</span>
                                                    }.into_any(),
                                                    _ => view! { <code>{orig.clone()}</code> }.into_any(),
                                                }}
                                            </td>
                                        }
                                    }).collect_view()}
                                    <td class="cc-row-actions">
                                        {move || can_alter.get().then(|| {
                                            let (edit_aria, reset_aria, undo_aria) = (edit_aria.clone(), reset_aria.clone(), undo_aria.clone());
                                            if edit().is_some() {
                                                view! {
                                                    <button type="button" class="cc-btn cc-btn-small" data-testid="offset-undo"
                                                        aria-label=undo_aria
                                                        prop:disabled=disabled
                                                        on:click=move |_| edits.update(|e| { e.remove(&index); })>"Undo"</button>
                                                }.into_any()
                                            } else {
                                                view! {
                                                    <button type="button" class="cc-btn cc-btn-small" data-testid="offset-edit"
                                                        aria-label=edit_aria
                                                        prop:disabled=disabled
                                                        on:click=move |_| edits.update(|e| { e.insert(index, OffsetEdit::Set(BTreeMap::new())); })>"Edit"</button>
                                                    <button type="button" class="cc-btn cc-btn-small" data-testid="offset-reset-partition"
                                                        aria-label=reset_aria
                                                        prop:disabled=disabled
                                                        on:click=move |_| edits.update(|e| { e.insert(index, OffsetEdit::Reset); })>"Reset"</button>
                                                }.into_any()
                                            }
                                        })}
                                    </td>
                                </tr>
                            }
                        }
                    </For>
                </tbody>
            </table>
            {move || error.get().map(|e| view! { <p class="cc-field-error" role="alert" data-testid="offsets-error">{e}</p> })}
            <div class="cc-offsets-actions">
                <Show when=move || can_alter.get()>
                    <button type="button" class="cc-btn cc-btn-primary" data-testid="offsets-apply"
                        prop:disabled=move || disabled() || staged() == 0
                        on:click=apply>
                        {move || match staged() {
                            0 => "Apply changes…".to_string(),
                            1 => "Apply 1 change…".to_string(),
                            n => format!("Apply {n} changes…"),
                        }}
                    </button>
                    <Show when=move || { open_edits() > 0 && staged() == 0 }>
                        <span class="cc-muted" data-testid="offsets-nothing-staged">
                            "Type a new offset in an edited row, or reset it."
                        </span>
                    </Show>
                    <Show when=move || { open_edits() > 0 }>
                        <button type="button" class="cc-btn" data-testid="offsets-discard"
                            prop:disabled=disabled
                            on:click=move |_| { edits.set(BTreeMap::new()); error.set(None); }>"Discard"</button>
                    </Show>
                </Show>
                <Show when=move || can_reset.get()>
                    <button type="button" class="cc-btn cc-btn-danger-outline" data-testid="offsets-reset-all"
                        prop:disabled=disabled
                        on:click=move |_| reset_all_open.set(true)>"Reset all offsets…"</button>
                </Show>
            </div>
        </div>
        <OffsetsConfirm
            open=confirm_open
            name=name
            plan=plan
            steps=steps
            on_confirm=Callback::new(move |_| {
                if let Some(p) = pending.get_untracked() {
                    on_change.run(p);
                }
            })
            testid="confirm-offsets"
        />
        <ConfirmDialog
            open=reset_all_open
            title=Signal::derive(move || format!("Reset all offsets of {}?", name.get()))
            message="Every partition's offset is removed: a source re-reads from the start, a sink \
                     consumer group follows its auto.offset.reset. These steps run in order:"
            items=reset_steps
            confirm_label="Reset all offsets"
            danger=true
            require_typing=Signal::derive(move || Some(name.get()))
            on_confirm=Callback::new(move |_| on_change.run((None, offsets_change_label(true, 0))))
            testid="confirm-offsets-reset"
        />
    }
}
