//! Sequencing of re-validation requests: at most one in flight, the latest wins, stale
//! answers are dropped.
//!
//! Use: after the debounce, call [`ValidationSequencer::request`]; if it returns a ticket, send
//! the validate request with the model's current `validation_request()` and remember the
//! ticket. When the answer arrives call [`ValidationSequencer::complete`]: apply the answer
//! only if `apply` is true, then send again if `resend` holds a ticket (the values changed
//! while the request was in flight). On a transport error call
//! [`ValidationSequencer::fail`]. [`ValidationSequencer::reset`] abandons the request in
//! flight (plugin switched, request timed out): its answer will be ignored.

/// What to do with an answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Completion {
    /// Apply the answer (`FormModel::apply_validation`). False for stale or abandoned tickets.
    pub apply: bool,
    /// Send another request now, with this ticket: the values changed while the answer was in
    /// flight, so the applied answer may already be out of date.
    pub resend: Option<u64>,
}

/// The pure request tracker. Tickets increase strictly; `0` is never issued.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ValidationSequencer {
    last_issued: u64,
    in_flight: Option<u64>,
    /// A request was asked for while another was in flight.
    dirty: bool,
    last_applied: u64,
}

impl ValidationSequencer {
    pub fn new() -> Self {
        Self::default()
    }

    fn issue(&mut self) -> u64 {
        self.last_issued += 1;
        self.in_flight = Some(self.last_issued);
        self.dirty = false;
        self.last_issued
    }

    /// The values changed: returns a ticket to send now, or `None` when a request is already
    /// in flight (one more will be sent when it completes).
    pub fn request(&mut self) -> Option<u64> {
        if self.in_flight.is_some() {
            self.dirty = true;
            None
        } else {
            Some(self.issue())
        }
    }

    /// An answer for `ticket` arrived.
    pub fn complete(&mut self, ticket: u64) -> Completion {
        if self.in_flight != Some(ticket) || ticket <= self.last_applied {
            return Completion {
                apply: false,
                resend: None,
            };
        }
        self.in_flight = None;
        self.last_applied = ticket;
        let resend = if self.dirty { Some(self.issue()) } else { None };
        Completion {
            apply: true,
            resend,
        }
    }

    /// The request for `ticket` failed. Returns a ticket to send again if the values changed
    /// meanwhile; otherwise nothing is retried (the caller decides on retries).
    pub fn fail(&mut self, ticket: u64) -> Option<u64> {
        if self.in_flight != Some(ticket) {
            return None;
        }
        self.in_flight = None;
        if self.dirty {
            Some(self.issue())
        } else {
            None
        }
    }

    /// Abandons the request in flight; its answer will be ignored.
    pub fn reset(&mut self) {
        self.in_flight = None;
        self.dirty = false;
    }

    /// The ticket in flight, if any.
    pub fn in_flight(&self) -> Option<u64> {
        self.in_flight
    }

    /// A request is in flight or waiting to be sent.
    pub fn busy(&self) -> bool {
        self.in_flight.is_some() || self.dirty
    }

    /// The last ticket whose answer was applied (`0` if none).
    pub fn last_applied(&self) -> u64 {
        self.last_applied
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_in_flight_latest_wins() {
        let mut s = ValidationSequencer::new();
        let t1 = s.request().unwrap();
        assert_eq!(s.request(), None); // typing while in flight
        assert_eq!(s.request(), None);
        assert!(s.busy());
        let c = s.complete(t1);
        assert!(c.apply);
        let t2 = c.resend.expect("values changed: resend");
        assert!(t2 > t1);
        // A duplicate/late answer for t1 is ignored.
        assert!(!s.complete(t1).apply);
        let c2 = s.complete(t2);
        assert!(c2.apply && c2.resend.is_none());
        assert!(!s.busy());
        assert_eq!(s.last_applied(), t2);
    }

    #[test]
    fn reset_and_fail() {
        let mut s = ValidationSequencer::new();
        let t1 = s.request().unwrap();
        s.reset();
        let t2 = s.request().unwrap();
        assert!(!s.complete(t1).apply, "abandoned answer must be dropped");
        assert_eq!(s.in_flight(), Some(t2));
        assert_eq!(s.fail(t2), None);
        assert_eq!(s.in_flight(), None);
        let t3 = s.request().unwrap();
        s.request();
        let t4 = s.fail(t3).unwrap();
        assert!(s.complete(t4).apply);
        assert!(!s.complete(t3).apply);
    }
}
