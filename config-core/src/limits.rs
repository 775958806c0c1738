//! Bounds on what input may cost: a file's size never decides an
//! allocation unchecked.

use std::io;
use std::path::Path;

/// The largest configuration file read (16 MiB).
pub(crate) const MAX_FILE_BYTES: u64 = 16 << 20;

/// A text file, if it is no larger than [`MAX_FILE_BYTES`].
pub(crate) fn read_limited(path: &Path) -> io::Result<String> {
    let size = std::fs::metadata(path)?.len();
    if size > MAX_FILE_BYTES {
        return Err(io::Error::other(format!("the file is larger than {MAX_FILE_BYTES} bytes")));
    }
    std::fs::read_to_string(path)
}
