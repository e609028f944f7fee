//! The large-block allocator policy (`connect_console::memory`), driven directly: freed
//! bodies are reused by the next large request, growth within a block stays in place, small
//! allocations never land in a cached block, idle bytes are bounded, and contents survive
//! every move.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

use connect_console::memory::{LargeBlockCache, GRAIN, LARGE, MAX_IDLE};

/// The platform allocator, counting what reaches it.
#[derive(Default)]
struct Counting {
    allocs: AtomicUsize,
    deallocs: AtomicUsize,
    live_bytes: AtomicUsize,
    /// When non-zero: refuses any allocation that would take live bytes past this.
    limit: AtomicUsize,
}

impl Counting {
    fn refuses(&self, extra: usize) -> bool {
        let limit = self.limit.load(Ordering::Relaxed);
        limit != 0 && self.live_bytes.load(Ordering::Relaxed) + extra > limit
    }
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, l: Layout) -> *mut u8 {
        if self.refuses(l.size()) {
            return std::ptr::null_mut();
        }
        self.allocs.fetch_add(1, Ordering::Relaxed);
        self.live_bytes.fetch_add(l.size(), Ordering::Relaxed);
        System.alloc(l)
    }
    unsafe fn dealloc(&self, p: *mut u8, l: Layout) {
        self.deallocs.fetch_add(1, Ordering::Relaxed);
        self.live_bytes.fetch_sub(l.size(), Ordering::Relaxed);
        System.dealloc(p, l)
    }
    unsafe fn realloc(&self, p: *mut u8, l: Layout, n: usize) -> *mut u8 {
        if self.refuses(n.saturating_sub(l.size())) {
            return std::ptr::null_mut();
        }
        self.live_bytes.fetch_add(n, Ordering::Relaxed);
        self.live_bytes.fetch_sub(l.size(), Ordering::Relaxed);
        System.realloc(p, l, n)
    }
}

fn bytes(n: usize) -> Layout {
    Layout::from_size_align(n, 1).unwrap()
}

fn cache() -> LargeBlockCache<Counting> {
    LargeBlockCache::new(Counting::default())
}

#[test]
fn a_freed_body_block_serves_the_next_body_that_fits() {
    let a = cache();
    unsafe {
        let first = a.alloc(bytes(5_363_664));
        assert!(!first.is_null());
        a.dealloc(first, bytes(5_363_664));
        // The next refresh's body is a little larger, still within the 6 MiB block.
        let second = a.alloc(bytes(5_387_812));
        assert_eq!(second, first, "the idle block is reused");
        assert_eq!(a.stats().blocks, 1);
        assert_eq!(a.stats().total_bytes, 6 * GRAIN);
        // A body larger than any idle block gets a block of its own.
        let third = a.alloc(bytes(7 * GRAIN + 1));
        assert_ne!(third, second);
        assert_eq!(a.stats().total_bytes, 6 * GRAIN + 8 * GRAIN);
        a.dealloc(second, bytes(5_387_812));
        a.dealloc(third, bytes(7 * GRAIN + 1));
        let st = a.stats();
        assert_eq!((st.blocks, st.used, st.idle_bytes), (2, 0, 14 * GRAIN));
    }
    assert_eq!(
        a.inner().allocs.load(Ordering::Relaxed),
        2,
        "two blocks were ever asked of the platform"
    );
    assert_eq!(a.inner().deallocs.load(Ordering::Relaxed), 0);
}

#[test]
fn the_smallest_idle_block_that_fits_is_chosen() {
    let a = cache();
    unsafe {
        let big = a.alloc(bytes(8 * GRAIN));
        let small = a.alloc(bytes(2 * GRAIN));
        a.dealloc(big, bytes(8 * GRAIN));
        a.dealloc(small, bytes(2 * GRAIN));
        let p = a.alloc(bytes(GRAIN + 10));
        assert_eq!(p, small, "the 2 MiB block, not the 8 MiB one");
        // 8 MiB is within twice the 5 MiB this request rounds to.
        let q = a.alloc(bytes(4 * GRAIN + 1));
        assert_eq!(q, big);
        a.dealloc(p, bytes(GRAIN + 10));
        a.dealloc(q, bytes(4 * GRAIN + 1));
    }
}

#[test]
fn a_body_growing_within_its_block_stays_in_place_and_keeps_its_bytes() {
    let a = cache();
    unsafe {
        let n = LARGE + 100;
        let p = a.alloc(bytes(n));
        for i in 0..n {
            *p.add(i) = (i % 251) as u8;
        }
        // Within the block's 2 MiB: same address.
        let q = a.realloc(p, bytes(n), 2 * GRAIN - 1);
        assert_eq!(q, p);
        // Past it: moved, contents intact, the old block idle for the next body.
        let r = a.realloc(q, bytes(2 * GRAIN - 1), 3 * GRAIN);
        assert_ne!(r, q);
        for i in 0..n {
            assert_eq!(*r.add(i), (i % 251) as u8, "byte {i}");
        }
        let st = a.stats();
        assert_eq!((st.blocks, st.used, st.idle_bytes), (2, 1, 2 * GRAIN));
        // Shrinking below LARGE moves to an ordinary allocation and frees the block.
        let s = a.realloc(r, bytes(3 * GRAIN), 1000);
        for i in 0..1000 {
            assert_eq!(*s.add(i), (i % 251) as u8, "byte {i}");
        }
        assert_eq!(a.stats().used, 0);
        a.dealloc(s, bytes(1000));
    }
}

#[test]
fn small_allocations_never_land_in_a_cached_block() {
    let a = cache();
    unsafe {
        let body = a.alloc(bytes(5 * GRAIN));
        a.dealloc(body, bytes(5 * GRAIN));
        let range = body as usize..body as usize + 5 * GRAIN;
        let mut small = Vec::new();
        for i in 0..2_000 {
            let l = bytes(16 + i % 4_000);
            let p = a.alloc(l);
            assert!(
                !range.contains(&(p as usize)),
                "allocation {i} inside the idle body"
            );
            small.push((p, l));
        }
        // Growing small allocations past LARGE goes to a block, not the inner realloc.
        let (p, l) = small.pop().unwrap();
        let grown = a.realloc(p, l, 3 * GRAIN);
        assert_eq!(grown, body, "the idle block takes the grown allocation");
        a.dealloc(grown, bytes(3 * GRAIN));
        for (p, l) in small {
            a.dealloc(p, l);
        }
    }
}

#[test]
fn idle_bytes_are_bounded_and_go_back_to_the_platform() {
    let a = cache();
    unsafe {
        let n = MAX_IDLE / (8 * GRAIN) + 3;
        let blocks: Vec<*mut u8> = (0..n).map(|_| a.alloc(bytes(8 * GRAIN))).collect();
        assert_eq!(a.stats().used, n);
        for p in blocks {
            a.dealloc(p, bytes(8 * GRAIN));
        }
        let st = a.stats();
        assert!(st.idle_bytes <= MAX_IDLE, "{st:?}");
        assert!(st.idle_bytes >= MAX_IDLE - 8 * GRAIN, "{st:?}");
        assert_eq!(
            a.inner().live_bytes.load(Ordering::Relaxed),
            st.idle_bytes,
            "the rest went back to the platform"
        );
    }
}

#[test]
fn with_every_slot_in_use_requests_are_still_served_and_freed() {
    let a = cache();
    unsafe {
        let many: Vec<*mut u8> = (0..40).map(|_| a.alloc(bytes(LARGE))).collect();
        assert!(many.iter().all(|p| !p.is_null()));
        let distinct: std::collections::HashSet<_> = many.iter().collect();
        assert_eq!(distinct.len(), 40);
        assert_eq!(a.stats().used, 32, "32 tracked, the rest served uncached");
        for p in many {
            a.dealloc(p, bytes(LARGE));
        }
        assert_eq!(a.stats().used, 0);
        assert_eq!(
            a.inner().deallocs.load(Ordering::Relaxed),
            8,
            "the 8 uncached ones went back to the platform"
        );
        assert_eq!(a.inner().live_bytes.load(Ordering::Relaxed), 32 * GRAIN);
        // A full table and a request no idle block fits: the smallest idle block gives up
        // its slot.
        let big = a.alloc(bytes(3 * GRAIN));
        let st = a.stats();
        assert_eq!((st.blocks, st.used), (32, 1), "{st:?}");
        assert_eq!(st.total_bytes, 31 * GRAIN + 3 * GRAIN);
        a.dealloc(big, bytes(3 * GRAIN));
    }
}

#[test]
fn over_aligned_and_small_requests_pass_through() {
    let a = cache();
    unsafe {
        let l = Layout::from_size_align(4 * GRAIN, 4096).unwrap();
        let p = a.alloc(l);
        assert_eq!(p as usize % 4096, 0);
        assert_eq!(a.stats().blocks, 0, "over-aligned: not cached");
        a.dealloc(p, l);
        let q = a.alloc(bytes(LARGE - 1));
        assert_eq!(a.stats().blocks, 0, "below LARGE: not cached");
        a.dealloc(q, bytes(LARGE - 1));
    }
}

/// The cache's side of the refresh pattern that grew wasm memory: a body per refresh, with a
/// few long-lived small values made while it is alive, keeps one block from the platform.
/// (The fragmentation itself is dlmalloc's on wasm32; `make bench` measures it.)
#[test]
fn a_run_of_refreshes_reuses_the_same_body_blocks() {
    let a = cache();
    let mut kept = Vec::new();
    let sizes = [5_363_664usize, 5_387_812, 5_351_002, 5_402_113];
    unsafe {
        for round in 0..200 {
            let n = sizes[round % sizes.len()];
            let body = a.alloc(bytes(n));
            *body.add(n - 1) = 1;
            for _ in 0..40 {
                kept.push(a.alloc(bytes(1_600)));
            }
            a.dealloc(body, bytes(n));
        }
        let st = a.stats();
        assert_eq!((st.blocks, st.total_bytes), (1, 6 * GRAIN), "{st:?}");
        assert_eq!(a.inner().allocs.load(Ordering::Relaxed), 1 + 200 * 40);
        for p in kept {
            a.dealloc(p, bytes(1_600));
        }
    }
}

#[test]
fn a_much_larger_idle_block_is_left_for_a_request_of_its_size() {
    let a = cache();
    unsafe {
        let huge = a.alloc(bytes(40 * GRAIN));
        a.dealloc(huge, bytes(40 * GRAIN));
        let small = a.alloc(bytes(LARGE));
        assert_ne!(small, huge, "a 1 MiB request does not pin 40 MiB");
        let again = a.alloc(bytes(39 * GRAIN));
        assert_eq!(again, huge);
        // Shrinking a block to under half its size moves it.
        let shrunk = a.realloc(again, bytes(39 * GRAIN), 2 * GRAIN);
        assert_ne!(shrunk, huge);
        a.dealloc(shrunk, bytes(2 * GRAIN));
        a.dealloc(small, bytes(LARGE));
    }
}

#[test]
fn a_reused_block_is_zeroed_when_zeroed_memory_is_asked_for() {
    let a = cache();
    unsafe {
        let p = a.alloc(bytes(2 * GRAIN));
        std::ptr::write_bytes(p, 0xAB, 2 * GRAIN);
        a.dealloc(p, bytes(2 * GRAIN));
        let z = a.alloc_zeroed(bytes(2 * GRAIN - 7));
        assert_eq!(z, p, "the same block");
        assert!((0..2 * GRAIN - 7).all(|i| *z.add(i) == 0));
        a.dealloc(z, bytes(2 * GRAIN - 7));
    }
}

#[test]
fn out_of_memory_gives_the_idle_blocks_back_and_retries() {
    let a = cache();
    unsafe {
        let p = a.alloc(bytes(8 * GRAIN));
        a.dealloc(p, bytes(8 * GRAIN));
        assert_eq!(a.stats().idle_bytes, 8 * GRAIN);
        // The platform has 8.5 MiB in all, 8 of them held idle by the cache.
        a.inner()
            .limit
            .store(8 * GRAIN + GRAIN / 2, Ordering::Relaxed);
        let q = a.alloc(bytes(4 * GRAIN));
        assert_eq!(q, p, "an idle block up to twice the size is reused");
        a.dealloc(q, bytes(4 * GRAIN));
        // A small allocation the platform refuses while 8 MiB sit idle: they are given back.
        let small = 900 * 1024;
        let r = a.alloc(bytes(small));
        assert!(!r.is_null());
        assert_eq!(a.stats().idle_bytes, 0, "the idle block went back");
        assert_eq!(a.inner().deallocs.load(Ordering::Relaxed), 1);
        // A request nothing can satisfy fails cleanly, and realloc leaves the old one whole.
        std::ptr::write_bytes(r, 7, small);
        let s = a.realloc(r, bytes(small), 20 * GRAIN);
        assert!(s.is_null());
        assert!((0..small).all(|i| *r.add(i) == 7));
        assert!(a.alloc(bytes(20 * GRAIN)).is_null());
        assert_eq!(a.stats().blocks, 0, "a refused block leaves no slot behind");
        a.dealloc(r, bytes(small));
        a.inner().limit.store(0, Ordering::Relaxed);
    }
}

#[test]
fn a_request_too_large_to_round_up_is_refused_not_a_panic() {
    let a = cache();
    unsafe {
        let l = Layout::from_size_align(isize::MAX as usize - 10, 1).unwrap();
        // The platform allocator refuses it; the cache neither panics nor holds its lock.
        assert!(a.alloc(l).is_null());
        let p = a.alloc(bytes(LARGE));
        assert!(!p.is_null());
        a.dealloc(p, bytes(LARGE));
    }
}
