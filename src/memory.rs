//! The app's heap policy for multi-megabyte blocks: the response bodies of a refresh.
//!
//! Wasm memory only grows. A refresh reads each cluster's listing (5 MB at 3,333 connectors)
//! into one block, parses it, and frees it; the few long-lived values made meanwhile (the
//! rows and entry texts that changed) may then be placed inside that freed block, and the next,
//! slightly larger body no longer fits there. `make bench` showed the result: wasm memory grew
//! by one body size every ~50 refreshes and never settled. [`LargeBlockCache`] keeps freed
//! blocks of [`LARGE`] bytes and more for the next large request, so small allocations never
//! split them and a refresh reuses the blocks the last one freed.
//!
//! It wraps the platform allocator and is installed by `main.rs` on wasm32 only. It compiles
//! everywhere so native tests can drive it.

use core::alloc::{GlobalAlloc, Layout};
use core::cell::UnsafeCell;
use core::ptr;
use core::sync::atomic::{AtomicBool, Ordering};

/// Requests of this size and more are served from cached blocks.
pub const LARGE: usize = 1 << 20;
/// Block capacities are whole multiples of this, so bodies that differ by a few kilobytes
/// from one refresh to the next share blocks.
pub const GRAIN: usize = 1 << 20;
/// Idle bytes kept for reuse; beyond this the largest idle blocks go back to the platform
/// allocator (where they become ordinary free memory).
pub const MAX_IDLE: usize = 96 << 20;
/// Alignment of every cached block: the platform allocator's own minimum (8 on wasm32, 16 on
/// 64-bit), so a block is a plain `malloc`. Requests that need more are not cached.
const ALIGN: usize = 2 * core::mem::align_of::<usize>();
/// Blocks tracked at once; a request that finds no slot is passed through uncached.
const SLOTS: usize = 32;

#[derive(Clone, Copy)]
struct Block {
    ptr: *mut u8,
    cap: usize,
    used: bool,
}

type Table = [Option<Block>; SLOTS];

/// A [`GlobalAlloc`] that serves requests of [`LARGE`] bytes and more from blocks it keeps
/// after they are freed, and passes everything else to `inner`.
///
/// `inner` must not allocate through the global allocator (the block table is locked while
/// `inner` runs); the platform allocator does not.
pub struct LargeBlockCache<A: GlobalAlloc> {
    inner: A,
    lock: AtomicBool,
    blocks: UnsafeCell<Table>,
}

// SAFETY: the block table is only touched while `lock` is held.
unsafe impl<A: GlobalAlloc + Sync> Sync for LargeBlockCache<A> {}

/// What the table holds, for tests and diagnostics.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CacheStats {
    pub blocks: usize,
    pub used: usize,
    pub idle_bytes: usize,
    pub total_bytes: usize,
}

fn cached(layout: &Layout) -> bool {
    layout.size() >= LARGE && layout.align() <= ALIGN
}

/// The block a request of `size` bytes gets: its size rounded up to whole [`GRAIN`]s, or
/// `None` when that is not a valid layout (a request near `isize::MAX`).
fn block_for(size: usize) -> Option<Layout> {
    let cap = size.checked_next_multiple_of(GRAIN)?;
    Layout::from_size_align(cap, ALIGN).ok()
}

/// The idle blocks of the table: (slot, capacity).
fn idle(t: &Table) -> impl Iterator<Item = (usize, usize)> + '_ {
    t.iter()
        .enumerate()
        .filter_map(|(i, s)| s.filter(|b| !b.used).map(|b| (i, b.cap)))
}

/// Releases the table lock when dropped, also if the holder unwinds.
struct TableGuard<'a>(&'a AtomicBool);

impl Drop for TableGuard<'_> {
    fn drop(&mut self) {
        self.0.store(false, Ordering::Release);
    }
}

impl<A: GlobalAlloc> LargeBlockCache<A> {
    pub const fn new(inner: A) -> Self {
        LargeBlockCache {
            inner,
            lock: AtomicBool::new(false),
            blocks: UnsafeCell::new([None; SLOTS]),
        }
    }

    fn with_table<R>(&self, f: impl FnOnce(&mut Table) -> R) -> R {
        while self
            .lock
            .compare_exchange_weak(false, true, Ordering::Acquire, Ordering::Relaxed)
            .is_err()
        {
            core::hint::spin_loop();
        }
        let _guard = TableGuard(&self.lock);
        // SAFETY: the lock gives this call sole access to the table.
        f(unsafe { &mut *self.blocks.get() })
    }

    /// The allocator that serves everything else.
    pub fn inner(&self) -> &A {
        &self.inner
    }

    /// Counts of the tracked blocks.
    pub fn stats(&self) -> CacheStats {
        self.with_table(|t| {
            let mut s = CacheStats::default();
            for b in t.iter().flatten() {
                s.blocks += 1;
                s.total_bytes += b.cap;
                if b.used {
                    s.used += 1;
                } else {
                    s.idle_bytes += b.cap;
                }
            }
            s
        })
    }

    /// Frees the idle block in slot `i` to `inner`.
    unsafe fn release(&self, t: &mut Table, i: usize) {
        if let Some(b) = t[i].filter(|b| !b.used) {
            t[i] = None;
            // SAFETY: the block came from `inner.alloc` with this layout and is idle.
            self.inner
                .dealloc(b.ptr, Layout::from_size_align_unchecked(b.cap, ALIGN));
        }
    }

    /// Returns idle blocks to `inner`, largest first, until at most `keep` idle bytes remain.
    unsafe fn trim(&self, t: &mut Table, keep: usize) {
        loop {
            if idle(t).map(|(_, cap)| cap).sum::<usize>() <= keep {
                return;
            }
            let largest = idle(t).max_by_key(|&(_, cap)| cap);
            match largest {
                Some((i, _)) => self.release(t, i),
                None => return,
            }
        }
    }

    /// Gives every idle block back to `inner` (it ran out of memory).
    unsafe fn release_idle(&self) {
        self.with_table(|t| self.trim(t, 0));
    }

    /// The smallest idle block of `cap` bytes up to twice that, marked used. A much larger
    /// block is left for a request of its size.
    fn take_idle(t: &mut Table, cap: usize) -> Option<*mut u8> {
        let (i, _) = idle(t)
            .filter(|&(_, c)| c >= cap && c <= cap.saturating_mul(2))
            .min_by_key(|&(_, c)| c)?;
        let b = t[i].as_mut()?;
        b.used = true;
        Some(b.ptr)
    }

    /// The capacity of the tracked block at `p`.
    fn capacity_of(t: &Table, p: *mut u8) -> Option<usize> {
        t.iter().flatten().find(|b| b.ptr == p).map(|b| b.cap)
    }

    unsafe fn alloc_large(&self, layout: Layout) -> *mut u8 {
        let Some(block) = block_for(layout.size()) else {
            return self.inner.alloc(layout);
        };
        let served = self.with_table(|t| {
            if let Some(p) = Self::take_idle(t, block.size()) {
                return Some(p);
            }
            // A slot for the new block: a free one, or the one the smallest idle block leaves.
            if t.iter().all(|s| s.is_some()) {
                let smallest_idle = idle(t).min_by_key(|&(_, cap)| cap);
                if let Some((i, _)) = smallest_idle {
                    self.release(t, i);
                }
            }
            // Every slot holds a block in use: this request is served uncached.
            let slot = t.iter().position(|s| s.is_none())?;
            let mut p = self.inner.alloc(block);
            if p.is_null() {
                // Out of memory with idle blocks held: give them all back and try once more.
                self.trim(t, 0);
                p = self.inner.alloc(block);
            }
            if !p.is_null() {
                t[slot] = Some(Block {
                    ptr: p,
                    cap: block.size(),
                    used: true,
                });
            }
            Some(p)
        });
        match served {
            Some(p) => p,
            None => self.inner_alloc(layout),
        }
    }

    /// `inner.alloc`, retried once after the idle blocks are given back.
    unsafe fn inner_alloc(&self, layout: Layout) -> *mut u8 {
        let p = self.inner.alloc(layout);
        if !p.is_null() {
            return p;
        }
        self.release_idle();
        self.inner.alloc(layout)
    }
}

unsafe impl<A: GlobalAlloc> GlobalAlloc for LargeBlockCache<A> {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if cached(&layout) {
            self.alloc_large(layout)
        } else {
            self.inner_alloc(layout)
        }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        if cached(&layout) {
            // A reused block holds the last body's bytes.
            let p = self.alloc_large(layout);
            if !p.is_null() {
                ptr::write_bytes(p, 0, layout.size());
            }
            return p;
        }
        let p = self.inner.alloc_zeroed(layout);
        if !p.is_null() {
            return p;
        }
        self.release_idle();
        self.inner.alloc_zeroed(layout)
    }

    unsafe fn dealloc(&self, p: *mut u8, layout: Layout) {
        if cached(&layout) {
            let kept = self.with_table(|t| {
                let Some(b) = t.iter_mut().flatten().find(|b| b.ptr == p) else {
                    return false;
                };
                debug_assert!(b.used, "a cached block freed twice");
                b.used = false;
                self.trim(t, MAX_IDLE);
                true
            });
            if kept {
                return;
            }
        }
        self.inner.dealloc(p, layout)
    }

    unsafe fn realloc(&self, p: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: the caller guarantees `new_size` with `layout.align()` is a valid layout.
        let new_layout = Layout::from_size_align_unchecked(new_size, layout.align());
        let tracked = if cached(&layout) {
            self.with_table(|t| Self::capacity_of(t, p))
        } else {
            None
        };
        match tracked {
            // A block that holds the new size and is not mostly empty stays where it is (a
            // growing body).
            Some(cap) if cached(&new_layout) && new_size <= cap && new_size > cap / 2 => return p,
            Some(_) => {}
            // Neither end is a cached block: the platform allocator may resize in place.
            None if !cached(&new_layout) => {
                let q = self.inner.realloc(p, layout, new_size);
                if !q.is_null() {
                    return q;
                }
                self.release_idle();
                return self.inner.realloc(p, layout, new_size);
            }
            None => {}
        }
        let q = self.alloc(new_layout);
        if !q.is_null() {
            ptr::copy_nonoverlapping(p, q, layout.size().min(new_size));
            self.dealloc(p, layout);
        }
        q
    }
}

impl<A: GlobalAlloc> Drop for LargeBlockCache<A> {
    fn drop(&mut self) {
        // SAFETY: idle blocks are owned by the cache alone.
        unsafe { self.release_idle() }
    }
}
