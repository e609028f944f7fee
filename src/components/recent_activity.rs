//! A connector's recent changes from this console (the activity log's last entries for it),
//! under its status, with a link to all of them on `/activity`.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::app::app_href;
use crate::state::activity::ActivityOutcome;
use crate::state::detail::{activity_path, format_epoch_ms};
use crate::stores::use_activity;

/// How many entries the connector page shows.
const SHOWN: usize = 5;

#[component]
pub fn RecentActivity(cluster: String, name: String) -> impl IntoView {
    let log = use_activity().log();
    let connector = name.clone();
    let entries = Memo::new(move |_| log.with(|l| l.for_connector(&cluster, &connector, SHOWN)));
    let all = app_href(&activity_path(&name));
    view! {
        <Show when=move || entries.with(|e| !e.is_empty())>
            <h2 class="cc-h2">"Recent changes from this console"</h2>
            <ul class="cc-recent-activity" data-testid="recent-activity">
                {move || entries.get().into_iter().map(|e| {
                    let (result, message) = match &e.outcome {
                        ActivityOutcome::Done(m) => ("done", m.clone()),
                        ActivityOutcome::Failed(m) => ("failed", Some(m.clone())),
                    };
                    view! {
                        <li data-testid="recent-activity-entry" data-result=result>
                            <time>{format_epoch_ms(e.at_ms as i64)}</time>
                            " · "<strong>{e.action.clone()}</strong>" · "
                            <span class:cc-bad-text=result == "failed">{if result == "failed" { "Failed" } else { "Done" }}</span>
                            {message.map(|m| view! { <span class="cc-muted">" — "{m}</span> })}
                        </li>
                    }
                }).collect_view()}
            </ul>
            <A href=all.clone() attr:data-testid="recent-activity-all">"Search the activity log for it"</A>
        </Show>
    }
}
