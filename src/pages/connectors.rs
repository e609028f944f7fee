//! `/connectors`: every connector of every cluster in one windowed table.
//!
//! Filters, search, sort and the "needs attention" view live in the URL query (the pure
//! `state::query` ⇄ URL code), so every view is a shareable link. Only the visible rows (plus
//! overscan) are in the DOM, in a body as tall as every row, in a fixed set of recycled row slots
//! that scrolling rewrites rather than rebuilds, so 10,000 connectors scroll smoothly; each slot
//! reads its connector's own signal from the store, so a refresh re-renders only changed rows.
//! Rows link to the connector's detail (a real link: it opens in a new tab too), and can be
//! selected for bulk actions.

use std::collections::{BTreeMap, BTreeSet};
use std::time::Duration;

use leptos::html;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::NavigateOptions;

use crate::app::app_href;
use crate::components::bulk_actions::BulkActions;
use crate::components::bulk_results::BulkResults;
use crate::components::connector_row::{ConnectorRow, SameSignal, SlotEntry};
use crate::components::empty_state::EmptyState;
use crate::components::nav::SEARCH_SHORTCUT;
use crate::protocol::model::ConnectorType;
use crate::state::list_view::{connectors_path, row_slots, row_window, slot_order, slot_position};
use crate::state::query::{ListQuery, SortColumn, SortDir};
use crate::state::reconcile::RowKey;
use crate::state::rollup::Health;
use crate::stores::{use_clusters, use_connectors};

/// Height of one row in pixels (CSS `.cc-list .cc-row` uses the same).
pub const ROW_PX: u32 = 40;
/// Rows rendered above and below the visible ones.
pub const OVERSCAN: usize = 8;
/// How long after the last scroll event the list puts its rows back in list order in the DOM.
pub const SCROLL_SETTLE: Duration = Duration::from_millis(250);

fn column_title(c: SortColumn) -> &'static str {
    match c {
        SortColumn::Name => "Name",
        SortColumn::Cluster => "Cluster",
        SortColumn::Type => "Type",
        SortColumn::Class => "Class",
        SortColumn::State => "State",
        SortColumn::Tasks => "Tasks",
        SortColumn::Workers => "Workers",
        SortColumn::Topics => "Topics",
    }
}

fn column_class(c: SortColumn) -> &'static str {
    match c {
        SortColumn::Name => "col-name",
        SortColumn::Cluster => "col-cluster",
        SortColumn::Type => "col-type",
        SortColumn::Class => "col-class",
        SortColumn::State => "col-state",
        SortColumn::Tasks => "col-tasks",
        SortColumn::Workers => "col-workers",
        SortColumn::Topics => "col-topics",
    }
}

#[component]
pub fn Connectors() -> impl IntoView {
    let store = use_connectors();
    let registry = use_clusters();
    let location = use_location();
    let navigate = use_navigate();

    // ---- the query, in the URL ----------------------------------------------------------
    let query = Memo::new(move |_| ListQuery::from_query_string(&location.search.get()));
    // The search box filters at once (the list reads `effective`); only the URL write waits
    // for a short pause in typing, so a keystroke never waits for the router.
    let search_text = RwSignal::new(query.get_untracked().search);
    let search_gen = StoredValue::new(0u64);
    let search_written = StoredValue::new(query.get_untracked().search);
    let effective = Memo::new(move |_| {
        let mut q = query.get();
        q.search = search_text.get();
        q
    });
    let set_query = {
        let navigate = navigate.clone();
        move |q: ListQuery| {
            navigate(
                &connectors_path(&q),
                NavigateOptions {
                    replace: true,
                    scroll: false,
                    ..Default::default()
                },
            )
        }
    };
    let update = {
        let set_query = set_query.clone();
        move |f: &dyn Fn(&mut ListQuery)| {
            let mut q = query.get_untracked();
            // The search typed but not yet written to the URL stays.
            q.search = search_text.get_untracked();
            f(&mut q);
            search_written.set_value(q.search.clone());
            set_query(q);
        }
    };

    // A search the URL got from elsewhere (back button, link, "Clear filters") replaces the
    // box; our own delayed writes do not (the user may have typed on since).
    Effect::new(move |_| {
        let s = query.with(|q| q.search.clone());
        if search_written.with_value(|w| w.trim() != s.trim()) {
            search_written.set_value(s.clone());
            if search_text.get_untracked().trim() != s.trim() {
                search_text.set(s);
            }
        }
    });
    let on_search = {
        let update = update.clone();
        move |ev: leptos::ev::Event| {
            let value = event_target_value(&ev);
            search_text.set(value.clone());
            search_gen.update_value(|g| *g += 1);
            let mine = search_gen.get_value();
            let update = update.clone();
            set_timeout(
                move || {
                    if search_gen.try_get_value() == Some(mine) {
                        update(&|q: &mut ListQuery| q.search = value.clone());
                    }
                },
                Duration::from_millis(200),
            );
        }
    };

    // ---- rows ---------------------------------------------------------------------------
    let keys = store.query(effective.into());
    let total_keys = store.keys();
    let total = Memo::new(move |_| total_keys.with(|k| k.len()));
    let shown = Memo::new(move |_| keys.with(|k| k.len()));

    let scroll_ref = NodeRef::<html::Div>::new();
    let scroll_top = RwSignal::new(0.0f64);
    let viewport = RwSignal::new(600.0f64);
    let measure = move || {
        if let Some(el) = scroll_ref.get_untracked() {
            let h = el.client_height() as f64;
            if h > 0.0 {
                viewport.set(h);
            }
        }
    };
    Effect::new(move |_| {
        if scroll_ref.get().is_some() {
            measure();
        }
    });
    let resize = window_event_listener(leptos::ev::resize, move |_| measure());
    on_cleanup(move || resize.remove());
    // A new query starts at the top.
    Effect::new(move |prev: Option<ListQuery>| {
        let q = effective.get();
        if prev.is_some_and(|p| p != q) {
            if let Some(el) = scroll_ref.get_untracked() {
                el.set_scroll_top(0);
            }
            scroll_top.set(0.0);
        }
        q
    });

    let window = Memo::new(move |_| {
        row_window(
            scroll_top.get(),
            viewport.get(),
            ROW_PX,
            shown.get(),
            OVERSCAN,
        )
    });
    let slot_count = Memo::new(move |_| row_slots(viewport.get(), ROW_PX, OVERSCAN));
    // Recycled row slots: the row at position `p` lives in slot `p % slot_count`, placed at its
    // position by `top`. While the list scrolls, slots keep their place in the DOM: scrolling
    // by `k` rows rewrites the text of `k` slots, and no row is built, dropped or moved. Once
    // scrolling pauses, the DOM goes back to list order (tab order, screen readers).
    let scrolling = RwSignal::new(false);
    let scroll_gen = StoredValue::new(0u64);
    let slots = Memo::new(move |previous: Option<&Vec<usize>>| {
        let w = window.get();
        let n = slot_count.get();
        let visual = (w.start..w.end).map(|p| p % n).collect::<Vec<_>>();
        match previous {
            Some(previous) if scrolling.get() => slot_order(previous, &visual),
            _ => visual,
        }
    });
    // The connector a slot shows. Membership changes are tracked too: they are the only time a
    // row's signal is replaced (a connector removed and re-added under its key).
    let slot_entry = move |slot: usize| {
        let position =
            Memo::new(move |_| slot_position(slot, window.get().start, slot_count.get()));
        let entry = Memo::new(move |_| -> SlotEntry {
            let p = position.get();
            if p >= window.get().end {
                return None;
            }
            total_keys.track();
            let key = keys.with(|k| k.get(p).cloned())?;
            store.row(&key).map(|row| (key, SameSignal(row)))
        });
        (position, entry)
    };

    // ---- selection ----------------------------------------------------------------------
    let selected = RwSignal::new(BTreeSet::<RowKey>::new());
    // Connectors that disappeared leave the selection.
    Effect::new(move |_| {
        let all: BTreeSet<RowKey> = total_keys.with(|k| k.iter().cloned().collect());
        if selected.with_untracked(|s| s.iter().any(|k| !all.contains(k))) {
            selected.update(|s| s.retain(|k| all.contains(k)));
        }
    });
    let all_matching_selected = Memo::new(move |_| {
        let n = shown.get();
        n > 0 && keys.with(|k| selected.with(|s| k.iter().all(|key| s.contains(key))))
    });
    let some_matching_selected =
        Memo::new(move |_| keys.with(|k| selected.with(|s| k.iter().any(|key| s.contains(key)))));
    // Selected connectors the filters hide: still selected, and a bulk action acts on them.
    let hidden_selected = Memo::new(move |_| {
        selected.with(|s| {
            if s.is_empty() {
                return 0;
            }
            let visible = keys.with(|k| k.iter().filter(|key| s.contains(*key)).count());
            s.len() - visible
        })
    });
    let select_all_ref = NodeRef::<html::Input>::new();
    Effect::new(move |_| {
        let some = some_matching_selected.get();
        let all = all_matching_selected.get();
        if let Some(el) = select_all_ref.get() {
            el.set_indeterminate(some && !all);
        }
    });
    let toggle_all = move |ev: leptos::ev::Event| {
        let on = event_target_checked(&ev);
        let matching = keys.get_untracked();
        selected.update(|s| {
            for k in matching {
                if on {
                    s.insert(k);
                } else {
                    s.remove(&k);
                }
            }
        });
    };

    // ---- filter options -----------------------------------------------------------------
    let clusters = registry.clusters();
    let counts = Memo::new(move |_| {
        let mut by: BTreeMap<Health, usize> = BTreeMap::new();
        for h in store
            .health()
            .with(|h| h.values().map(|c| c.counts.clone()).collect::<Vec<_>>())
        {
            for (k, v) in h.by_health {
                *by.entry(k).or_default() += v;
            }
        }
        by
    });
    let classes = Memo::new(move |_| {
        clusters.with(|cs| store.connector_classes(cs.iter().map(|c| c.id.as_str())))
    });

    // Clusters whose last read failed, with its message (a memo: the health map is written
    // on every refresh, the empty state only changes with this list).
    let unreadable = Memo::new(move |_| {
        store.health().with(|h| {
            h.iter()
                .filter_map(|(id, c)| {
                    c.last_error
                        .as_ref()
                        .map(|e| format!("{id}: {}", e.message))
                })
                .collect::<Vec<String>>()
        })
    });
    let first_load = Memo::new(move |_| {
        let cs = clusters.with(|c| c.len());
        cs > 0
            && total.get() == 0
            && store.health().with(|h| {
                h.len() < cs
                    || h.values()
                        .all(|c| c.last_success_ms.is_none() && c.last_error.is_none())
            })
    });

    // ---- header -------------------------------------------------------------------------
    let header_cell = {
        let update = update.clone();
        move |c: SortColumn| {
            let update = update.clone();
            let aria_sort = move || {
                query.with(|q| {
                    if q.sort != c {
                        "none"
                    } else if q.dir == SortDir::Asc {
                        "ascending"
                    } else {
                        "descending"
                    }
                })
            };
            let arrow = move || {
                query.with(|q| match (q.sort == c, q.dir) {
                    (false, _) => "",
                    (true, SortDir::Asc) => " ▲",
                    (true, SortDir::Desc) => " ▼",
                })
            };
            view! {
                <th scope="col" role="columnheader" class=column_class(c) aria-sort=aria_sort>
                    <button
                        type="button"
                        class="cc-sort"
                        data-testid=format!("sort-{}", c.as_str())
                        on:click=move |_| update(&|q: &mut ListQuery| q.sort_by(c))
                    >
                        {column_title(c)}
                        <span aria-hidden="true">{arrow}</span>
                    </button>
                </th>
            }
        }
    };

    let toggle_state = {
        let update = update.clone();
        move |h: Health| {
            update(&|q: &mut ListQuery| {
                if let Some(i) = q.states.iter().position(|s| *s == h) {
                    q.states.remove(i);
                } else {
                    q.states.push(h);
                }
            })
        }
    };
    let toggle_cluster = {
        let update = update.clone();
        move |id: String| {
            update(&|q: &mut ListQuery| {
                if let Some(i) = q.clusters.iter().position(|s| *s == id) {
                    q.clusters.remove(i);
                } else {
                    q.clusters.push(id.clone());
                }
            })
        }
    };
    let set_type = {
        let update = update.clone();
        move |ev: leptos::ev::Event| {
            let v = event_target_value(&ev);
            update(&|q: &mut ListQuery| {
                q.types = match v.as_str() {
                    "" => vec![],
                    t => vec![ConnectorType::parse(t)],
                }
            })
        }
    };
    let set_class = {
        let update = update.clone();
        move |ev: leptos::ev::Event| {
            let v = event_target_value(&ev);
            update(&|q: &mut ListQuery| {
                q.classes = if v.is_empty() {
                    vec![]
                } else {
                    vec![v.clone()]
                }
            })
        }
    };
    let toggle_attention = {
        let update = update.clone();
        move |_| update(&|q: &mut ListQuery| q.attention = !q.attention)
    };
    let clear_filters = {
        let set_query = set_query.clone();
        move || {
            let q = query.get_untracked();
            // The box and a pending delayed write go too: the write would bring the search back.
            search_gen.update_value(|g| *g += 1);
            search_written.set_value(String::new());
            search_text.set(String::new());
            set_query(ListQuery {
                sort: q.sort,
                dir: q.dir,
                attention: q.attention,
                ..ListQuery::default()
            });
        }
    };
    let clear_filters2 = clear_filters.clone();

    view! {
        <section class="page cc-connectors" data-testid="connectors-page">
            <div class="cc-page-head">
                <h1>"Connectors"</h1>
                <p class="cc-page-sub" data-testid="list-count" role="status">
                    {move || {
                        let (s, t) = (shown.get(), total.get());
                        if s == t { format!("{t} connectors") } else { format!("{s} of {t} connectors") }
                    }}
                </p>
            </div>
            <div class="cc-filters" role="search" aria-label="Filter connectors">
                <input
                    type="search"
                    class="cc-input cc-search"
                    placeholder="Search name, class, topic, config…  ( / )"
                    aria-label="Search connectors by name, class, topic or config value"
                    data-testid="list-search"
                    data-shortcut=SEARCH_SHORTCUT
                    prop:value=move || search_text.get()
                    on:input=on_search
                />
                <button
                    type="button"
                    class="cc-btn cc-attention"
                    data-testid="view-attention"
                    aria-pressed=move || query.with(|q| q.attention).to_string()
                    title="Failed first, then degraded"
                    on:click=toggle_attention
                >
                    <span aria-hidden="true">"⚠"</span>
                    "Needs attention"
                    {move || {
                        let n = counts.with(|c| c.get(&Health::Unhealthy).copied().unwrap_or(0) + c.get(&Health::Degraded).copied().unwrap_or(0));
                        (n > 0).then(|| view! { <span class="cc-count-pill bad">{n}</span> })
                    }}
                </button>
                <label class="cc-inline-label">
                    <span>"Type"</span>
                    <select class="cc-select" data-testid="filter-type" on:change=set_type
                        prop:value=move || query.with(|q| q.types.first().map(|t| t.as_str().to_string()).unwrap_or_default())>
                        <option value="">"All"</option>
                        <option value="source">"Source"</option>
                        <option value="sink">"Sink"</option>
                    </select>
                </label>
                <label class="cc-inline-label">
                    <span>"Class"</span>
                    <select class="cc-select cc-class-select" data-testid="filter-class" on:change=set_class
                        prop:value=move || query.with(|q| q.classes.first().cloned().unwrap_or_default())>
                        <option value="">"All"</option>
                        {move || classes.get().into_iter().map(|c| view! { <option value=c.clone()>{c.clone()}</option> }).collect_view()}
                    </select>
                </label>
                <Show when=move || query.with(|q| q.is_filtered())>
                    <button type="button" class="cc-btn cc-btn-link" data-testid="clear-filters"
                        on:click={let c = clear_filters.clone(); move |_| c()}>"Clear filters"</button>
                </Show>
            </div>
            <div class="cc-chips" role="group" aria-label="Filter by cluster">
                <span class="cc-chips-label">"Clusters"</span>
                {move || clusters.get().into_iter().map(|c| {
                    let id = c.id.clone();
                    let id2 = c.id.clone();
                    let toggle_cluster = toggle_cluster.clone();
                    let pressed = move || query.with(|q| q.clusters.contains(&id2));
                    let color = c.color.clone().unwrap_or_else(|| "var(--cc-muted)".into());
                    view! {
                        <button type="button" class="cc-chip" data-testid="filter-cluster" data-cluster=c.id.clone()
                            aria-pressed=move || pressed().to_string()
                            on:click=move |_| toggle_cluster(id.clone())>
                            <span class="cc-cluster-dot" aria-hidden="true" style:background-color=color></span>
                            <span class="cc-trunc">{c.name.clone()}</span>
                        </button>
                    }
                }).collect_view()}
            </div>
            <div class="cc-chips" role="group" aria-label="Filter by state">
                <span class="cc-chips-label">"States"</span>
                {Health::ALL.into_iter().map(|h| {
                    let toggle_state = toggle_state.clone();
                    let n = move || counts.with(|c| c.get(&h).copied().unwrap_or(0));
                    let pressed = move || query.with(|q| q.states.contains(&h));
                    view! {
                        <button type="button" class=format!("cc-chip state-{}", h.as_str())
                            data-testid="filter-state" data-state=h.as_str()
                            aria-pressed=move || pressed().to_string()
                            on:click=move |_| toggle_state(h)>
                            {h.label()}
                            <span class="cc-chip-count" class:bad={move || h.needs_attention() && n() > 0}>{n}</span>
                        </button>
                    }
                }).collect_view()}
            </div>

            <BulkActions selected hidden=hidden_selected/>
            <BulkResults/>

            {move || {
                if clusters.with(|c| c.is_empty()) {
                    view! {
                        <EmptyState title="No clusters yet" testid="list-empty"
                            message="Add a Kafka Connect cluster in Settings, or preconfigure clusters in config.json.">
                            <A href=app_href("/settings") attr:class="cc-btn cc-btn-primary">"Add a cluster"</A>
                        </EmptyState>
                    }.into_any()
                } else if first_load.get() {
                    view! {
                        <div class="cc-loading" role="status" data-testid="list-loading">
                            <span class="cc-spinner" aria-hidden="true"></span>"Loading connectors…"
                        </div>
                    }.into_any()
                } else if total.get() == 0 && !unreadable.with(Vec::is_empty) {
                    // Nothing listed because a cluster could not be read: not "no connectors".
                    let failed = unreadable.get();
                    let n = failed.len();
                    let all = clusters.with(|c| c.len());
                    let others = if n < all { " The other clusters run no connector." } else { "" };
                    view! {
                        <EmptyState title="No connectors could be read" testid="list-unreadable"
                            message=format!("{n} of {all} clusters could not be read, so their connectors are not listed.{others} The Overview shows each cluster's error and what to check.")>
                            <ul class="cc-unreadable" data-testid="list-unreadable-errors">
                                {failed.into_iter().map(|f| view! { <li>{f}</li> }).collect_view()}
                            </ul>
                            <A href=app_href("/") attr:class="cc-btn">"Open the Overview"</A>
                            {(!store.read_only().get()).then(|| view! {
                                <A href=app_href("/new") attr:class="cc-btn cc-btn-primary">"New connector"</A>
                            })}
                        </EmptyState>
                    }.into_any()
                } else if total.get() == 0 {
                    view! {
                        <EmptyState title="No connectors yet" testid="list-empty"
                            message="None of the configured clusters runs a connector. Create one from a plugin.">
                            {(!store.read_only().get()).then(|| view! {
                                <A href=app_href("/new") attr:class="cc-btn cc-btn-primary">"New connector"</A>
                            })}
                        </EmptyState>
                    }.into_any()
                } else if shown.get() == 0 {
                    let clear = clear_filters2.clone();
                    view! {
                        <EmptyState title="No connector matches" testid="list-no-match"
                            message="Nothing matches these filters and search. Clear them to see every connector.">
                            <button type="button" class="cc-btn" on:click=move |_| clear()>"Clear filters"</button>
                        </EmptyState>
                    }.into_any()
                } else {
                    ().into_any()
                }
            }}

            <div
                class="cc-list-scroll"
                node_ref=scroll_ref
                class:hidden=move || shown.get() == 0
                data-testid="list-scroll"
                on:scroll=move |ev| {
                    let el = event_target::<web_sys::HtmlElement>(&ev);
                    if !scrolling.get_untracked() {
                        scrolling.set(true);
                    }
                    scroll_top.set(el.scroll_top() as f64);
                    scroll_gen.update_value(|g| *g += 1);
                    let mine = scroll_gen.get_value();
                    set_timeout(
                        move || {
                            if scroll_gen.try_get_value() == Some(mine) {
                                scrolling.set(false);
                            }
                        },
                        SCROLL_SETTLE,
                    );
                }
            >
                // Table markup with explicit roles: the rows are laid out by CSS grid and placed
                // by `top` (style/list.css), which browsers may not map to a table.
                <table class="cc-list" role="table" data-testid="connectors-table"
                    aria-rowcount=move || (shown.get() + 1).to_string()
                    aria-label="Connectors">
                    <thead role="rowgroup">
                        <tr role="row" aria-rowindex="1">
                            <th scope="col" role="columnheader" class="col-select">
                                <input
                                    type="checkbox"
                                    class="cc-check"
                                    node_ref=select_all_ref
                                    data-testid="select-all"
                                    aria-label=move || format!("Select all {} matching connectors", shown.get())
                                    prop:checked=move || all_matching_selected.get()
                                    on:change=toggle_all
                                />
                            </th>
                            {SortColumn::ALL.into_iter().map(header_cell.clone()).collect_view()}
                        </tr>
                    </thead>
                    <tbody role="rowgroup" style:height=move || format!("{}px", shown.get() * ROW_PX as usize)>
                        <For
                            each=move || slots.get()
                            key=|slot| *slot
                            children=move |slot| {
                                let (position, entry) = slot_entry(slot);
                                let index = Signal::derive(move || position.get() + 1);
                                let top_px = Signal::derive(move || position.get() * ROW_PX as usize);
                                view! { <ConnectorRow index top_px entry selected/> }
                            }
                        />
                    </tbody>
                </table>
            </div>
        </section>
    }
}
