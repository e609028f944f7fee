//! Bulk runs: bounded concurrency, a final result for every item, cancel, read-only refusal
//! and retry of failures.

use connect_console::state::actions::ConnectorAction;
use connect_console::state::bulk::*;
use connect_console::state::reconcile::RowKey;

fn keys(n: usize) -> Vec<RowKey> {
    (0..n)
        .map(|i| RowKey::new("alpha", format!("c{i}")))
        .collect()
}

#[test]
fn concurrency_is_bounded_and_every_item_gets_a_result() {
    let mut run = BulkRun::new(ConnectorAction::Pause, keys(10), 4);
    let mut in_flight: Vec<usize> = Vec::new();
    let mut max_seen = 0;
    let mut step = 0;
    loop {
        while let Some((i, _)) = run.next_item() {
            in_flight.push(i);
        }
        max_seen = max_seen.max(run.running());
        if in_flight.is_empty() {
            break;
        }
        // Finish the oldest; every third fails.
        let i = in_flight.remove(0);
        run.finish(
            i,
            if step % 3 == 2 {
                Err(format!("boom {i}"))
            } else {
                Ok(None)
            },
        );
        step += 1;
    }
    assert_eq!(max_seen, 4);
    assert!(run.is_done());
    let s = run.summary();
    assert_eq!(
        (s.total, s.ok, s.failed, s.pending, s.running),
        (10, 7, 3, 0, 0)
    );
    assert_eq!(s.finished(), 10);
    assert!(run
        .items()
        .iter()
        .any(|i| i.status == ItemStatus::Error("boom 2".into())));
    let retry = run.retry_failed().unwrap();
    assert_eq!(retry.items().len(), 3);
    assert_eq!(retry.action, ConnectorAction::Pause);
}

#[test]
fn duplicates_removed_and_finish_is_idempotent() {
    let mut k = keys(3);
    k.push(k[0].clone());
    let mut run = BulkRun::new(ConnectorAction::Resume, k, 0);
    assert_eq!(run.items().len(), 3);
    assert_eq!(run.concurrency(), 1, "at least one");
    let (i, _) = run.next_item().unwrap();
    assert!(run.next_item().is_none(), "bounded at one");
    run.finish(i, Ok(Some("It was already gone (404).".into())));
    run.finish(i, Err("late".into()));
    assert_eq!(
        run.items()[i].status,
        ItemStatus::Ok,
        "a finished item keeps its result"
    );
    assert_eq!(
        run.items()[i].note.as_deref(),
        Some("It was already gone (404)."),
        "and the note its answer gave"
    );
    run.finish(99, Ok(None));
}

#[test]
fn cancel_reports_unsent_items_as_cancelled() {
    let mut run = BulkRun::new(ConnectorAction::Stop, keys(6), 2);
    let (a, _) = run.next_item().unwrap();
    let (b, _) = run.next_item().unwrap();
    run.cancel();
    assert!(run.next_item().is_none());
    assert!(!run.is_done(), "running items still finish");
    run.finish(a, Ok(None));
    run.finish(b, Err("x".into()));
    assert!(run.is_done());
    let s = run.summary();
    assert_eq!((s.ok, s.failed, s.cancelled), (1, 1, 4));
    assert_eq!(run.retry_failed().unwrap().items().len(), 5);
}

#[test]
fn read_only_fails_every_item_with_a_reason() {
    let mut run = BulkRun::new(ConnectorAction::Delete, keys(3), 4);
    run.fail_all_pending("Read-only mode: nothing was sent.");
    assert!(run.is_done());
    assert!(run.next_item().is_none());
    assert_eq!(run.summary().failed, 3);
    assert!(run
        .items()
        .iter()
        .all(|i| matches!(&i.status, ItemStatus::Error(m) if m.contains("Read-only"))));
}

/// Confirmations say what the clusters at hand do: offsets are named where Kafka Connect keeps
/// or needs them, and a restart without options is described per kind of cluster.
#[test]
fn confirmations_speak_of_the_clusters_at_hand() {
    use connect_console::protocol::{Capabilities, Flavor, ServerInfo};
    use connect_console::state::list_view::{plain_restart_notes, BulkKind};
    let kc = Capabilities::for_flavor(Flavor::Apache, None);
    let old_kc = Capabilities::for_flavor(
        Flavor::Apache,
        Some(&ServerInfo {
            version: "2.8.1".into(),
            ..Default::default()
        }),
    );
    let cc = Capabilities::for_flavor(Flavor::ConfluentCloud, None);
    let rp = Capabilities::for_flavor(Flavor::Redpanda, None);
    let lenses = Capabilities::for_flavor(Flavor::Lenses, None);

    assert!(kc.stop_note().contains("Offsets"));
    assert!(!rp.stop_note().contains("Offsets"));
    assert!(!lenses.stop_note().contains("Offsets"));
    assert!(kc.delete_note().contains("offsets topic"));
    assert!(!cc.delete_note().contains("offsets"));

    assert!(BulkKind::Delete
        .consequence([&kc])
        .contains("offsets topic"));
    assert!(!BulkKind::Delete.consequence([&kc, &rp]).contains("offsets"));
    assert!(!BulkKind::Delete.consequence([]).contains("offsets"));

    assert!(
        plain_restart_notes([&kc, &rp]).is_empty(),
        "both take options"
    );
    let notes = plain_restart_notes([&kc, &cc, &lenses, &cc, &old_kc]);
    assert_eq!(notes.len(), 3, "{notes:?}");
    assert!(notes[0].contains("Confluent Cloud restarts the connector and all its tasks"));
    assert!(notes[1].contains("Lenses"));
    assert!(notes[2].contains("before 3.0"));
}

/// A restart's label says which options it ran with (the result line and the activity log
/// keep only the label), and a pause accepted on a FAILED connector says why nothing shows.
#[test]
fn action_labels_and_notes_say_what_was_done() {
    use connect_console::protocol::{RestartOptions, State};
    let r = |include_tasks, only_failed| {
        ConnectorAction::Restart(RestartOptions {
            include_tasks,
            only_failed,
        })
        .label()
    };
    let labels = [
        r(false, false),
        r(true, false),
        r(false, true),
        r(true, true),
    ];
    assert_eq!(
        labels,
        [
            "Restart",
            "Restart with tasks",
            "Restart if failed",
            "Restart failed instances"
        ]
    );
    use connect_console::protocol::Flavor;
    let note = ConnectorAction::Pause.accepted_note(Some(&State::Failed), Flavor::Apache);
    assert!(note.unwrap().contains("stays FAILED"));
    let pause_failed = |f| ConnectorAction::Pause.accepted_note(Some(&State::Failed), f);
    assert!(pause_failed(Flavor::Lenses).is_some());
    assert_eq!(
        pause_failed(Flavor::ConfluentCloud),
        None,
        "not documented there"
    );
    assert_eq!(
        ConnectorAction::Pause.accepted_note(Some(&State::Running), Flavor::Apache),
        None
    );
    assert_eq!(
        ConnectorAction::Resume.accepted_note(Some(&State::Failed), Flavor::Apache),
        None
    );
}
