//! Bounds on what input may cost: a file's size never decides an
//! allocation unchecked.

use std::io::{self, Read};
use std::path::Path;

/// The largest configuration file read (16 MiB).
pub(crate) const MAX_FILE_BYTES: u64 = 16 << 20;

/// A file's bytes, if it is no larger than [`MAX_FILE_BYTES`]. The bound is
/// on what is read, not on the size the file system reports: a device, a
/// pipe or a file that grows meanwhile is cut off there too.
pub(crate) fn read_limited_bytes(path: &Path) -> io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    std::fs::File::open(path)?.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(io::Error::other(format!("the file is larger than {MAX_FILE_BYTES} bytes")));
    }
    Ok(bytes)
}

/// A text file, if it is no larger than [`MAX_FILE_BYTES`].
pub(crate) fn read_limited(path: &Path) -> io::Result<String> {
    String::from_utf8(read_limited_bytes(path)?)
        .map_err(|_| io::Error::new(io::ErrorKind::InvalidData, "stream did not contain valid UTF-8"))
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    use super::*;

    /// A device reports no size: what is read is bounded all the same.
    #[test]
    fn an_endless_file_is_cut_off() {
        let error = read_limited_bytes(Path::new("/dev/zero")).unwrap_err();
        assert!(error.to_string().contains("larger than"), "{error}");
    }
}
