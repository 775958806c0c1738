//! A live `Global` frees what it no longer publishes: memory is flat after
//! a million changes (each change allocates a new snapshot; the old one is
//! freed once no reader holds it).

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicIsize, Ordering};

use config_core::{Global, Settings};

/// Counts the bytes allocated and not yet freed, on every thread.
struct Counting;

static LIVE: AtomicIsize = AtomicIsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        LIVE.fetch_add(layout.size() as isize, Ordering::Relaxed);
        // SAFETY: forwarded unchanged to the system allocator.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size() as isize, Ordering::Relaxed);
        // SAFETY: as above.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static COUNTING: Counting = Counting;

#[derive(Clone, Settings)]
#[settings(env_prefix = "MEMORY_TEST_")]
pub struct Tuning {
    /// A ratio.
    #[setting(default = 0.5)]
    pub ratio: f64,
    /// A list that makes each snapshot larger.
    #[setting(default = ["a", "b", "c"])]
    pub names: Vec<String>,
}

static TUNING: Global<Tuning> = Global::new();

#[test]
fn memory_is_flat_after_a_million_changes() {
    const CHANGES: u32 = 1_000_000;
    TUNING.set("names", "x,y,z").unwrap();
    let mut reader = TUNING.reader();
    let _ = reader.get().ratio;
    let before = LIVE.load(Ordering::Relaxed);
    for i in 0..CHANGES {
        TUNING.set("ratio", f64::from(i % 1000) / 1000.0 + 0.001).unwrap();
        if i % 1000 == 0 {
            // A reader keeps one snapshot alive at most, the latest it saw.
            assert!(reader.get().ratio > 0.0);
        }
    }
    let after = LIVE.load(Ordering::Relaxed);
    let grown = after - before;
    // A leak of even one byte per change would be a megabyte.
    assert!(grown < 64 * 1024, "{grown} bytes more after {CHANGES} changes");
    assert_eq!(TUNING.version(), u64::from(CHANGES) + 1);
}
