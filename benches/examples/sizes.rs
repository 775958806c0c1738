//! Prints how much memory a process-wide `Global` keeps per change: one
//! snapshot, `size_of::<Loaded<Config>>()` plus the heap of its strings and
//! lists (none at gevent's defaults).

fn main() {
    let size = std::mem::size_of::<config_core::Loaded<gevent_settings::Config>>();
    println!("Loaded<Config>: {size} bytes");
}
