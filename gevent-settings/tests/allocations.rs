//! Loading allocates nothing for a setting left at a default that needs
//! nothing: gevent's defaults (importables, numbers, booleans, `None`) cost
//! no allocation at all, whatever else the environment holds.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

use config_core::{Empty, Settings};
use gevent_settings::Config;

/// Counts the allocations made on the current thread.
struct Counting;

thread_local! {
    static ALLOCATIONS: Cell<usize> = const { Cell::new(0) };
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.with(|n| n.set(n.get() + 1));
        // SAFETY: forwarded unchanged to the system allocator.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: as above.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static COUNTING: Counting = Counting;

fn allocations(f: impl FnOnce()) -> usize {
    let before = ALLOCATIONS.with(Cell::get);
    f();
    ALLOCATIONS.with(Cell::get) - before
}

#[test]
fn the_defaults_allocate_nothing() {
    let _ = Config::defaults(); // registries, thread-locals: set up once
    assert_eq!(allocations(|| drop(Config::from_source(&Empty).unwrap())), 0);

    let unrelated: Vec<(String, String)> = (0..34).map(|i| (format!("OTHER_{i}"), "value".to_owned())).collect();
    assert_eq!(allocations(|| drop(Config::from_source(&unrelated).unwrap())), 0);
}

#[test]
fn a_value_allocates_only_what_it_holds() {
    // A number, a boolean and an importable set from text: nothing to keep.
    let env = [("GEVENT_MAX_BLOCKING_TIME", "0.5"), ("GEVENT_NOWAITPID", "yes"), ("GEVENT_RESOLVER", "block")];
    let _ = Config::from_source(&env);
    assert_eq!(allocations(|| drop(Config::from_source(&env).unwrap())), 0);
    // A list of two: the vector and its two strings.
    let env = [("GEVENT_BACKEND", "select,poll")];
    assert_eq!(allocations(|| drop(Config::from_source(&env).unwrap())), 3);
}
