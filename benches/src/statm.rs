//! The resident memory of this process, from `/proc/self/statm` (Linux), for
//! the memory figures: how much a process keeps per change of a setting.

/// Resident bytes now, or `None` where `/proc/self/statm` does not exist.
pub fn resident_bytes() -> Option<u64> {
    let statm = std::fs::read_to_string("/proc/self/statm").ok()?;
    // Fields: size, resident, shared, ... in pages.
    let pages: u64 = statm.split_whitespace().nth(1)?.parse().ok()?;
    // SAFETY: `sysconf` only reads a configuration value.
    let page_size = unsafe { libc::sysconf(libc::_SC_PAGESIZE) };
    Some(pages * u64::try_from(page_size).ok()?)
}
