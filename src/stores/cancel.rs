//! Cancellable futures for `spawn_local`: cancelling drops the inner future at once, which
//! drops its in-flight request and so aborts the fetch (the transport aborts on drop).

use std::cell::RefCell;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

#[derive(Default)]
struct Shared {
    cancelled: bool,
    waker: Option<Waker>,
}

/// Cancels the future it was made with. Cloning shares the same future.
#[derive(Clone, Default)]
pub struct CancelHandle(Rc<RefCell<Shared>>);

impl CancelHandle {
    pub fn cancel(&self) {
        let waker = {
            let mut s = self.0.borrow_mut();
            s.cancelled = true;
            s.waker.take()
        };
        if let Some(w) = waker {
            w.wake();
        }
    }

    pub fn is_cancelled(&self) -> bool {
        self.0.borrow().cancelled
    }

    /// Whether both handles cancel the same future.
    pub fn same_as(&self, other: &CancelHandle) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// Wraps `fut`: resolves to `Some(output)`, or `None` once cancelled (the inner future is
/// dropped before then).
pub fn cancellable<F: Future>(fut: F) -> (Cancellable<F>, CancelHandle) {
    let handle = CancelHandle::default();
    (
        Cancellable {
            inner: Some(Box::pin(fut)),
            handle: handle.clone(),
        },
        handle,
    )
}

pub struct Cancellable<F: Future> {
    inner: Option<Pin<Box<F>>>,
    handle: CancelHandle,
}

impl<F: Future> Future for Cancellable<F> {
    type Output = Option<F::Output>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        if self.handle.is_cancelled() {
            self.inner = None;
            return Poll::Ready(None);
        }
        self.handle.0.borrow_mut().waker = Some(cx.waker().clone());
        match self.inner.as_mut() {
            None => Poll::Ready(None),
            Some(f) => match f.as_mut().poll(cx) {
                Poll::Ready(v) => {
                    self.inner = None;
                    Poll::Ready(Some(v))
                }
                Poll::Pending => Poll::Pending,
            },
        }
    }
}
