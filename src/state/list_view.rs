//! Pure logic behind the connector list, the overview and the workers screens: the windowed
//! rendering range, which bulk actions every selected cluster allows, what a bulk
//! confirmation asks, and the in-app paths of filtered lists (so an overview count opens the
//! list filtered by cluster and state).

use crate::protocol::capabilities::Capabilities;
use crate::state::actions::ConnectorAction;
use crate::state::query::ListQuery;
use crate::state::reconcile::{ConnectorRow, RowKey};
use crate::state::rollup::Health;

/// The rows a windowed list renders, and the spacer heights around them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RowWindow {
    /// First rendered row (inclusive).
    pub start: usize,
    /// Last rendered row (exclusive).
    pub end: usize,
    /// Height of the spacer above the rendered rows, in pixels.
    pub top_px: u32,
    /// Height of the spacer below them.
    pub bottom_px: u32,
}

impl RowWindow {
    pub fn len(&self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(&self) -> bool {
        self.end == self.start
    }
}

/// The window of `total` fixed-height rows visible in a viewport of `viewport_px` scrolled
/// to `scroll_top_px`, plus `overscan` rows on each side.
pub fn row_window(
    scroll_top_px: f64,
    viewport_px: f64,
    row_px: u32,
    total: usize,
    overscan: usize,
) -> RowWindow {
    let row = row_px.max(1) as f64;
    let top = scroll_top_px.max(0.0);
    let first_visible = (top / row).floor() as usize;
    let visible = (viewport_px.max(0.0) / row).ceil() as usize + 1;
    let start = first_visible.saturating_sub(overscan).min(total);
    let end = (first_visible + visible + overscan).min(total).max(start);
    RowWindow {
        start,
        end,
        top_px: start as u32 * row_px,
        bottom_px: (total - end) as u32 * row_px,
    }
}

/// How many row slots a viewport of `viewport_px` needs: the most rows `row_window` can
/// return for it. The list recycles this many rows; the row at position `p` lives in slot
/// `p % slots`, so scrolling by `k` rows rewrites `k` slots and builds no element.
pub fn row_slots(viewport_px: f64, row_px: u32, overscan: usize) -> usize {
    let visible = (viewport_px.max(0.0) / row_px.max(1) as f64).ceil() as usize + 1;
    visible + 2 * overscan
}

/// The position a slot shows in the window starting at `start`: the one position in
/// `start..start + slots` that is `slot` modulo `slots`.
pub fn slot_position(slot: usize, start: usize, slots: usize) -> usize {
    let slots = slots.max(1);
    start + (slot % slots + slots - start % slots) % slots
}

/// The DOM order of a window's slots while the list scrolls: each slot that stays keeps its
/// place (moving a row node re-attaches and restyles it), the slots entering go last, in list
/// order. `visual` is the window's slots in list order; once scrolling pauses the list puts the
/// DOM back in that order, so tabbing and screen readers go through the rows as shown.
pub fn slot_order(previous: &[usize], visual: &[usize]) -> Vec<usize> {
    let mut order: Vec<usize> = previous
        .iter()
        .copied()
        .filter(|s| visual.contains(s))
        .collect();
    for s in visual {
        if !order.contains(s) {
            order.push(*s);
        }
    }
    order
}

/// What one row of the list shows, as text: a recycled row slot rewrites only the cells whose
/// text changed when it moves to another connector or its connector changes.
#[derive(Clone, Debug, PartialEq)]
pub struct RowText {
    pub health: Health,
    pub stale: bool,
    pub kind: &'static str,
    /// `connector.class` in full (the tooltip), empty when the listing had no config.
    pub class_full: String,
    pub class_short: String,
    pub state_title: String,
    /// The pending action's progress ("Pausing…").
    pub pending: Option<String>,
    pub tasks: String,
    pub tasks_bad: bool,
    pub workers: String,
    /// The topics, or `regex: …` for a sink subscribed by pattern.
    pub topics: String,
}

impl RowText {
    pub fn of(r: &ConnectorRow) -> Self {
        let topics = if !r.topics.is_empty() {
            r.topics.join(", ")
        } else {
            r.topics_regex
                .as_ref()
                .map(|re| format!("regex: {re}"))
                .unwrap_or_default()
        };
        RowText {
            health: r.health,
            stale: !r.status_fresh,
            kind: r.kind.as_str(),
            class_full: r.class.clone().unwrap_or_default(),
            class_short: r.class_short.clone(),
            state_title: state_title(r),
            pending: r.pending.map(|p| p.progress_label()),
            tasks: tasks_label(r),
            tasks_bad: r.tasks_failed > 0,
            workers: r.workers.join(", "),
            topics,
        }
    }
}

/// The bulk actions the list offers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BulkKind {
    Pause,
    Resume,
    Stop,
    Restart,
    Delete,
}

impl BulkKind {
    pub const ALL: [BulkKind; 5] = [
        BulkKind::Pause,
        BulkKind::Resume,
        BulkKind::Stop,
        BulkKind::Restart,
        BulkKind::Delete,
    ];

    pub fn label(self) -> &'static str {
        match self {
            BulkKind::Pause => "Pause",
            BulkKind::Resume => "Resume",
            BulkKind::Stop => "Stop",
            BulkKind::Restart => "Restart",
            BulkKind::Delete => "Delete",
        }
    }

    pub fn testid(self) -> &'static str {
        match self {
            BulkKind::Pause => "bulk-pause",
            BulkKind::Resume => "bulk-resume",
            BulkKind::Stop => "bulk-stop",
            BulkKind::Restart => "bulk-restart",
            BulkKind::Delete => "bulk-delete",
        }
    }

    /// Whether a cluster with these capabilities can do it.
    pub fn allowed_by(self, caps: &Capabilities) -> bool {
        match self {
            BulkKind::Pause | BulkKind::Resume => caps.pause_resume,
            BulkKind::Stop => caps.stop,
            BulkKind::Restart => caps.restart,
            BulkKind::Delete => caps.delete,
        }
    }

    /// The store action, with the restart options chosen in the dialog.
    pub fn action(self, include_tasks: bool, only_failed: bool) -> ConnectorAction {
        match self {
            BulkKind::Pause => ConnectorAction::Pause,
            BulkKind::Resume => ConnectorAction::Resume,
            BulkKind::Stop => ConnectorAction::Stop,
            BulkKind::Restart => ConnectorAction::Restart(crate::protocol::model::RestartOptions {
                include_tasks,
                // Alone, onlyFailed restarts only the connectors that are FAILED (as the
                // connector page's restart allows).
                only_failed,
            }),
            BulkKind::Delete => ConnectorAction::Delete,
        }
    }

    pub fn danger(self) -> bool {
        matches!(self, BulkKind::Delete | BulkKind::Stop)
    }

    /// What the confirmation says will happen to connectors on clusters with these
    /// capabilities (Kafka Connect's offsets topic is named only when every one is Kafka
    /// Connect).
    pub fn consequence<'a>(self, caps: impl IntoIterator<Item = &'a Capabilities>) -> String {
        match self {
            BulkKind::Pause => "Their tasks stop processing until they are resumed.".into(),
            BulkKind::Resume => "Paused or stopped connectors start processing again.".into(),
            BulkKind::Stop => {
                "Their tasks are shut down and their task configs removed until they are resumed."
                    .into()
            }
            BulkKind::Restart => "Each connector (and its tasks, if chosen) is restarted.".into(),
            BulkKind::Delete => {
                let mut caps = caps.into_iter().peekable();
                let all_kafka_connect = caps.peek().is_some()
                    && caps.all(|c| c.flavor == crate::protocol::model::Flavor::Apache);
                if all_kafka_connect {
                    "The connectors are removed from their clusters. This cannot be undone; \
                     their offsets stay in the offsets topic."
                        .into()
                } else {
                    "The connectors are removed from their clusters. This cannot be undone.".into()
                }
            }
        }
    }
}

/// What a restart does on each kind of cluster among `caps` that takes no restart options
/// ([`Capabilities::plain_restart_note`], each once), for a bulk dialog whose clusters do not
/// all take them.
pub fn plain_restart_notes<'a>(
    caps: impl IntoIterator<Item = &'a Capabilities>,
) -> Vec<&'static str> {
    let mut out = Vec::new();
    for note in caps
        .into_iter()
        .filter(|c| !c.restart_options)
        .map(Capabilities::plain_restart_note)
    {
        if !out.contains(&note) {
            out.push(note);
        }
    }
    out
}

/// The bulk actions every selected cluster allows: an action shows only if all clusters that
/// hold a selected connector allow it, and none shows in read-only mode. A cluster whose
/// capabilities are not known yet (`None`) allows nothing.
pub fn allowed_bulk_actions<'a>(
    caps_per_cluster: impl IntoIterator<Item = Option<&'a Capabilities>>,
    read_only: bool,
) -> Vec<BulkKind> {
    if read_only {
        return Vec::new();
    }
    let caps: Vec<Option<&Capabilities>> = caps_per_cluster.into_iter().collect();
    if caps.is_empty() {
        return Vec::new();
    }
    BulkKind::ALL
        .into_iter()
        .filter(|k| caps.iter().all(|c| c.is_some_and(|c| k.allowed_by(c))))
        .collect()
}

/// Bulk deletes of more than this many connectors require typing the count.
pub const TYPED_DELETE_THRESHOLD: usize = 3;

/// The word a bulk confirmation requires typing, if any.
pub fn typed_confirmation(kind: BulkKind, count: usize) -> Option<String> {
    (kind == BulkKind::Delete && count > TYPED_DELETE_THRESHOLD).then(|| count.to_string())
}

/// How a connector is named in confirmations and results: "cluster / name".
pub fn item_label(key: &RowKey, cluster_name: Option<&str>) -> String {
    format!("{} / {}", cluster_name.unwrap_or(&key.cluster), key.name)
}

/// The in-app path of the connector list with this query ("/connectors?state=failed").
pub fn connectors_path(query: &ListQuery) -> String {
    let qs = query.to_query_string();
    if qs.is_empty() {
        "/connectors".into()
    } else {
        format!("/connectors?{qs}")
    }
}

/// The list filtered to one cluster (and optionally one state), as the overview links it.
pub fn cluster_list_path(cluster: &str, state: Option<Health>) -> String {
    connectors_path(&ListQuery {
        clusters: vec![cluster.to_string()],
        states: state.into_iter().collect(),
        ..ListQuery::default()
    })
}

/// "2 / 3" tasks running of total, with the failed count when any.
pub fn tasks_label(row: &ConnectorRow) -> String {
    let total = row.tasks.len();
    if row.tasks_failed > 0 {
        format!(
            "{} / {} ({} failed)",
            row.tasks_running, total, row.tasks_failed
        )
    } else {
        format!("{} / {}", row.tasks_running, total)
    }
}

/// The state tooltip: what the worker reports when the roll-up differs from it.
pub fn state_title(row: &ConnectorRow) -> String {
    let reported = row
        .state
        .as_ref()
        .map(|s| s.as_str())
        .unwrap_or("no status yet");
    let mut s = format!("Connector {reported}");
    if !row.tasks.is_empty() {
        s.push_str(&format!(
            ", {} of {} tasks running",
            row.tasks_running,
            row.tasks.len()
        ));
        if row.tasks_failed > 0 {
            s.push_str(&format!(", {} failed", row.tasks_failed));
        }
    }
    if !row.status_fresh {
        s.push_str(" (status not in the last listing)");
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocol::model::Flavor;

    #[test]
    fn window_covers_the_viewport_plus_overscan() {
        let w = row_window(0.0, 400.0, 40, 10_000, 5);
        assert_eq!(w.start, 0);
        assert_eq!(w.end, 16); // 10 visible + 1 partial + 5 overscan
        assert_eq!(w.top_px, 0);
        assert_eq!(w.bottom_px, (10_000 - 16) * 40);

        let w = row_window(40.0 * 5000.0 + 13.0, 400.0, 40, 10_000, 5);
        assert_eq!(w.start, 4995);
        assert_eq!(w.end, 5016);
        assert_eq!(w.top_px + w.bottom_px + w.len() as u32 * 40, 10_000 * 40);
    }

    #[test]
    fn window_clamps_at_the_end_and_for_small_lists() {
        let w = row_window(1e9, 400.0, 40, 100, 5);
        assert!(w.end == 100 && w.start <= w.end);
        assert_eq!(w.bottom_px, 0);
        let w = row_window(0.0, 400.0, 40, 3, 5);
        assert_eq!((w.start, w.end, w.top_px, w.bottom_px), (0, 3, 0, 0));
        let w = row_window(0.0, 400.0, 40, 0, 5);
        assert!(w.is_empty());
        let w = row_window(-50.0, -1.0, 0, 10, 0);
        assert_eq!(w.start, 0);
    }

    #[test]
    fn every_window_fits_its_slots_one_row_per_slot() {
        for viewport in [0.0, 39.0, 400.0, 777.0] {
            let n = row_slots(viewport, 40, 8);
            for total in [0, 5, 30, 10_000] {
                let end = total as u32 * 40;
                let tops = (0..end + 200).step_by(97).take(300);
                for top in tops.chain([end.saturating_sub(500), end.saturating_sub(1), end + 200]) {
                    let w = row_window(top as f64, viewport, 40, total, 8);
                    assert!(w.len() <= n, "window {w:?} longer than {n} slots");
                    let slots: Vec<(usize, usize)> = (w.start..w.end).map(|p| (p % n, p)).collect();
                    let distinct: std::collections::HashSet<usize> =
                        slots.iter().map(|(s, _)| *s).collect();
                    assert_eq!(
                        distinct.len(),
                        slots.len(),
                        "two rows share a slot in {w:?}"
                    );
                    for (slot, p) in &slots {
                        assert_eq!(slot_position(*slot, w.start, n), *p);
                    }
                }
            }
        }
    }

    #[test]
    fn slots_keep_their_dom_place_while_scrolling() {
        // Window 0..5 of 5 slots, scrolled two rows on: slots 0 and 1 now show rows 5 and 6.
        assert_eq!(
            slot_order(&[0, 1, 2, 3, 4], &[2, 3, 4, 0, 1]),
            vec![0, 1, 2, 3, 4]
        );
        // The window shrank at the end of the list and a slot left.
        assert_eq!(
            slot_order(&[0, 1, 2, 3, 4], &[3, 4, 0, 1]),
            vec![0, 1, 3, 4]
        );
        // Slots entering (a taller viewport) go last, in list order.
        assert_eq!(slot_order(&[2, 0], &[5, 0, 1, 2]), vec![2, 0, 5, 1]);
        assert_eq!(slot_order(&[], &[1, 0]), vec![1, 0]);
    }

    #[test]
    fn bulk_actions_need_every_cluster_and_no_read_only() {
        let apache = Capabilities::for_flavor(Flavor::Apache, None);
        let mut no_stop = apache.clone();
        no_stop.stop = false;
        let all = allowed_bulk_actions([Some(&apache)], false);
        assert_eq!(all, BulkKind::ALL.to_vec());
        let mixed = allowed_bulk_actions([Some(&apache), Some(&no_stop)], false);
        assert!(!mixed.contains(&BulkKind::Stop));
        assert!(mixed.contains(&BulkKind::Pause));
        assert!(allowed_bulk_actions([Some(&apache)], true).is_empty());
        assert!(allowed_bulk_actions([Some(&apache), None], false).is_empty());
        assert!(allowed_bulk_actions(std::iter::empty(), false).is_empty());
    }

    #[test]
    fn deleting_more_than_three_asks_for_the_count() {
        assert_eq!(typed_confirmation(BulkKind::Delete, 3), None);
        assert_eq!(
            typed_confirmation(BulkKind::Delete, 4).as_deref(),
            Some("4")
        );
        assert_eq!(typed_confirmation(BulkKind::Pause, 400), None);
    }

    #[test]
    fn restart_options_map_to_the_action() {
        assert_eq!(
            BulkKind::Restart.action(false, true),
            ConnectorAction::Restart(crate::protocol::model::RestartOptions {
                include_tasks: false,
                only_failed: true
            })
        );
        assert_eq!(
            BulkKind::Restart.action(false, false),
            ConnectorAction::Restart(crate::protocol::model::RestartOptions::default())
        );
        assert_eq!(
            BulkKind::Restart.action(true, true),
            ConnectorAction::Restart(crate::protocol::model::RestartOptions {
                include_tasks: true,
                only_failed: true
            })
        );
    }

    #[test]
    fn paths_of_filtered_lists() {
        assert_eq!(connectors_path(&ListQuery::default()), "/connectors");
        assert_eq!(
            cluster_list_path("alpha", Some(Health::Unhealthy)),
            "/connectors?cluster=alpha&state=failed"
        );
        assert_eq!(
            cluster_list_path("my cluster/1", None),
            "/connectors?cluster=my%20cluster%2F1"
        );
        let back = ListQuery::from_query_string("cluster=my%20cluster%2F1");
        assert_eq!(back.clusters, vec!["my cluster/1".to_string()]);
    }

    #[test]
    fn item_labels_name_cluster_and_connector() {
        let k = RowKey::new("alpha", "file-source");
        assert_eq!(item_label(&k, None), "alpha / file-source");
        assert_eq!(item_label(&k, Some("Alpha EU")), "Alpha EU / file-source");
    }
}
