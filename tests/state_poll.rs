//! Poll scheduling: interval, backoff with cap and reset, hidden tab, refresh on return, no
//! stacked requests, manual refresh queued, supersede after actions and settings changes.

use connect_console::state::poll::*;

#[test]
fn backoff_doubles_up_to_the_cap() {
    assert_eq!(backoff_ms(5_000, 0, 60_000), 5_000);
    assert_eq!(backoff_ms(5_000, 1, 60_000), 10_000);
    assert_eq!(backoff_ms(5_000, 2, 60_000), 20_000);
    assert_eq!(backoff_ms(5_000, 3, 60_000), 40_000);
    assert_eq!(backoff_ms(5_000, 4, 60_000), 60_000);
    assert_eq!(backoff_ms(5_000, 200, 60_000), 60_000, "no overflow");
}

#[test]
fn timer_polls_on_interval_and_never_stacks() {
    let mut p = PollState::new(5_000);
    let seq = match p.tick(0, true) {
        Decision::Start { seq } => seq,
        d => panic!("{d:?}"),
    };
    assert_eq!(p.tick(100, true), Decision::Skip(SkipReason::InFlight));
    assert_eq!(
        p.tick(60_000, true),
        Decision::Skip(SkipReason::InFlight),
        "a slow request is never doubled"
    );
    assert!(p.finish(seq, true, 1_000));
    assert_eq!(p.tick(5_999, true), Decision::Skip(SkipReason::NotDue));
    assert!(matches!(p.tick(6_000, true), Decision::Start { .. }));
}

#[test]
fn errors_back_off_and_success_resets() {
    let mut p = PollState::new(5_000).with_max_backoff(30_000);
    let mut now = 0;
    let mut delays = Vec::new();
    for _ in 0..5 {
        let Decision::Start { seq } = p.tick(now, true) else {
            panic!()
        };
        p.finish(seq, false, now);
        delays.push(p.next_due_ms() - now);
        now = p.next_due_ms();
    }
    assert_eq!(delays, vec![10_000, 20_000, 30_000, 30_000, 30_000]);
    assert_eq!(p.consecutive_errors(), 5);
    let Decision::Start { seq } = p.tick(now, true) else {
        panic!()
    };
    p.finish(seq, true, now);
    assert_eq!(p.consecutive_errors(), 0);
    assert_eq!(p.next_due_ms() - now, 5_000);
    assert_eq!(p.last_success_ms(), Some(now));
}

#[test]
fn hidden_tab_pauses_and_return_refreshes_when_stale() {
    let mut p = PollState::new(5_000);
    let Decision::Start { seq } = p.tick(0, true) else {
        panic!()
    };
    p.finish(seq, true, 0);
    assert_eq!(p.tick(10_000, false), Decision::Skip(SkipReason::Hidden));
    assert_eq!(p.tick(100_000, false), Decision::Skip(SkipReason::Hidden));
    assert!(
        matches!(
            p.request(RefreshReason::Visible, 100_000, true),
            Decision::Start { .. }
        ),
        "stale data refreshes on return"
    );
    let mut q = PollState::new(5_000);
    let Decision::Start { seq } = q.tick(0, true) else {
        panic!()
    };
    q.finish(seq, true, 0);
    assert_eq!(
        q.request(RefreshReason::Visible, 1_000, true),
        Decision::Skip(SkipReason::NotDue),
        "fresh data is not re-read"
    );
}

#[test]
fn manual_refresh_while_in_flight_is_queued_not_stacked() {
    let mut p = PollState::new(5_000);
    let Decision::Start { seq } = p.tick(0, true) else {
        panic!()
    };
    assert_eq!(
        p.request(RefreshReason::Manual, 10, true),
        Decision::Skip(SkipReason::Queued)
    );
    p.finish(seq, true, 500);
    assert_eq!(p.next_due_ms(), 500, "the queued refresh runs right away");
    assert!(matches!(p.tick(500, true), Decision::Start { .. }));
    // Manual refresh when idle skips the wait and the backoff.
    let mut q = PollState::new(5_000);
    let Decision::Start { seq } = q.tick(0, true) else {
        panic!()
    };
    q.finish(seq, false, 0);
    assert!(matches!(
        q.request(RefreshReason::Manual, 1, true),
        Decision::Start { .. }
    ));
}

#[test]
fn after_action_supersedes_and_the_old_answer_is_dropped() {
    let mut p = PollState::new(5_000);
    let Decision::Start { seq: old } = p.tick(0, true) else {
        panic!()
    };
    let d = p.request(RefreshReason::AfterAction, 10, true);
    let new = match d {
        Decision::Supersede { cancel, seq } => {
            assert_eq!(cancel, old);
            seq
        }
        d => panic!("{d:?}"),
    };
    assert!(!p.finish(old, true, 20), "the superseded answer is ignored");
    assert_eq!(p.in_flight(), Some(new));
    assert!(p.finish(new, true, 30));
    assert_eq!(p.in_flight(), None);
    // Settings change supersedes too; cancel clears the in-flight slot.
    let Decision::Start { seq } = p.request(RefreshReason::SettingsChanged, 40, true) else {
        panic!()
    };
    p.cancel(seq);
    assert_eq!(p.in_flight(), None);
    assert!(!p.finish(seq, true, 50));
}

#[test]
fn interval_is_clamped() {
    let mut p = PollState::new(10);
    assert_eq!(p.interval_ms(), MIN_INTERVAL_MS);
    p.set_interval(30_000);
    assert_eq!(p.current_delay_ms(), 30_000);
}

fn refresh_ok(p: &mut PollState, now: u64) {
    let seq = match p.request(RefreshReason::Manual, now, true) {
        Decision::Start { seq } => seq,
        d => panic!("{d:?}"),
    };
    assert!(p.finish(seq, true, now));
}

fn refresh_err(p: &mut PollState, now: u64) {
    let seq = match p.request(RefreshReason::Manual, now, true) {
        Decision::Start { seq } => seq,
        d => panic!("{d:?}"),
    };
    assert!(p.finish(seq, false, now));
}

#[test]
fn health_probe_runs_at_a_slower_cadence_only_when_visible_and_supported() {
    assert_eq!(health_interval_ms(5_000), 30_000);
    assert_eq!(
        health_interval_ms(1_000),
        30_000,
        "never more often than 30 s"
    );
    assert_eq!(health_interval_ms(10_000), 60_000, "six refresh intervals");
    let mut p = PollState::new(5_000);
    assert!(
        !p.start_health(0, true, true),
        "no probe before the cluster ever answered a listing"
    );
    refresh_ok(&mut p, 0);
    assert!(!p.start_health(0, true, false), "flavor without /health");
    assert!(!p.start_health(0, false, true), "hidden tab");
    assert!(p.start_health(0, true, true));
    assert!(p.health_in_flight());
    assert!(!p.start_health(1, true, true), "one probe at a time");
    p.finish_health(2_000);
    // Over the next minute of 5 s refreshes: listings every 5 s, the probe once per 30 s.
    let mut probes = Vec::new();
    let mut listings = 0;
    let mut now = 2_000;
    while now <= 62_000 {
        if let Decision::Start { seq } = p.tick(now, true) {
            listings += 1;
            assert!(p.finish(seq, true, now));
        }
        if p.start_health(now, true, true) {
            probes.push(now);
            p.finish_health(now);
        }
        now += 500;
    }
    assert_eq!(probes, vec![32_000, 62_000]);
    assert_eq!(listings, 12);
}

#[test]
fn health_probe_waits_while_the_cluster_fails() {
    let mut p = PollState::new(5_000);
    refresh_ok(&mut p, 0);
    refresh_err(&mut p, 100);
    assert!(
        !p.start_health(40_000, true, true),
        "an unreachable cluster is not probed on top of its backoff"
    );
    refresh_ok(&mut p, 41_000);
    assert!(p.start_health(41_000, true, true));
}

#[test]
fn health_is_probed_as_soon_as_the_cluster_answers_again_after_an_outage() {
    let mut p = PollState::new(5_000);
    refresh_ok(&mut p, 0);
    assert!(p.start_health(0, true, true));
    p.finish_health(0);
    assert!(!p.start_health(5_000, true, true), "next probe 30 s later");
    refresh_err(&mut p, 6_000);
    refresh_ok(&mut p, 16_000);
    assert!(
        p.start_health(16_000, true, true),
        "the verdict from before the outage is not kept until the next period"
    );
}

#[test]
fn server_version_is_reread_on_reconnect_and_at_a_slow_cadence() {
    let mut p = PollState::new(5_000);
    assert!(p.server_info_due(0), "never read");
    p.server_info_read(0);
    refresh_ok(&mut p, 0);
    assert!(!p.server_info_due(5_000));
    assert!(!p.server_info_due(u64::from(SERVER_INFO_INTERVAL_MS) - 1));
    assert!(p.server_info_due(u64::from(SERVER_INFO_INTERVAL_MS)));
    // A failed refresh (a worker restarting in a rolling upgrade): the next one re-reads.
    refresh_err(&mut p, 10_000);
    assert!(p.server_info_due(20_000));
    p.server_info_read(20_000);
    refresh_ok(&mut p, 20_000);
    assert!(!p.server_info_due(25_000));
    p.forget_server_info();
    assert!(
        p.server_info_due(25_000),
        "a new URL reads the version again"
    );
}

#[test]
fn apache_polls_list_statuses_only_between_full_listings() {
    use connect_console::protocol::model::Flavor;
    let full = Some(100_000);
    let soon = 100_000 + FULL_LISTING_EVERY_MS - 1;
    // The timer and the read after an action list statuses once a recent full listing exists.
    for reason in [RefreshReason::Timer, RefreshReason::AfterAction] {
        assert_eq!(
            listing_scope(Flavor::Apache, reason, full, false, soon),
            ListingScope::StatusOnly,
            "{reason:?}"
        );
    }
    // No full listing yet, or one too old, or one due: configs are listed.
    assert_eq!(
        listing_scope(Flavor::Apache, RefreshReason::Timer, None, false, soon),
        ListingScope::Full
    );
    assert_eq!(
        listing_scope(
            Flavor::Apache,
            RefreshReason::Timer,
            full,
            false,
            100_000 + FULL_LISTING_EVERY_MS
        ),
        ListingScope::Full
    );
    assert_eq!(
        listing_scope(Flavor::Apache, RefreshReason::Timer, full, true, soon),
        ListingScope::Full
    );
    // What the user asks for, or a changed setting or a tab shown again, lists configs.
    for reason in [
        RefreshReason::Manual,
        RefreshReason::Visible,
        RefreshReason::SettingsChanged,
    ] {
        assert_eq!(
            listing_scope(Flavor::Apache, reason, full, false, soon),
            ListingScope::Full,
            "{reason:?}"
        );
    }
    // The other flavors have one listing shape.
    for flavor in [Flavor::ConfluentCloud, Flavor::Redpanda, Flavor::Lenses] {
        assert_eq!(
            listing_scope(flavor, RefreshReason::Timer, full, false, soon),
            ListingScope::Full,
            "{flavor:?}"
        );
    }
}

#[test]
fn hurry_brings_the_next_refresh_forward_never_back() {
    let mut p = PollState::new(5_000);
    let Decision::Start { seq } = p.tick(0, true) else {
        panic!("first tick starts")
    };
    assert!(p.finish(seq, true, 1_000));
    assert_eq!(p.next_due_ms(), 6_000);
    p.hurry(2_000);
    assert_eq!(p.tick(1_999, true), Decision::Skip(SkipReason::NotDue));
    let Decision::Start { seq } = p.tick(2_000, true) else {
        panic!("due at the hurried time")
    };
    assert!(p.finish(seq, true, 2_100));
    p.hurry(60_000);
    assert_eq!(p.next_due_ms(), 7_100, "a later hurry changes nothing");
}
