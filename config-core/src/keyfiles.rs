//! A directory with one file per setting, as Kubernetes mounts a ConfigMap
//! or a Secret (and as Docker mounts secrets): the file's name is the
//! setting's full name (`database.password`) or its variable
//! (`APP_DATABASE_PASSWORD`), its contents the value (one trailing line
//! break removed). Names starting with `.` (Kubernetes' `..data` and its
//! timestamped directories) are skipped.

use std::collections::HashMap;
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::error::{SourceError, Warning};
use crate::layer::{EmptyLayer, Found, Key, Known, Layer, Provider, Rank, Raw};
use crate::limits::read_limited_bytes;
use crate::origin::Origin;

/// A directory of key files, read afresh at every load.
#[derive(Debug, Clone)]
pub struct KeyFileDir {
    path: PathBuf,
    required: bool,
}

impl KeyFileDir {
    /// A directory that must exist.
    pub fn required(path: impl Into<PathBuf>) -> Self {
        KeyFileDir { path: path.into(), required: true }
    }

    /// A directory that may be absent.
    pub fn optional(path: impl Into<PathBuf>) -> Self {
        KeyFileDir { path: path.into(), required: false }
    }
}

impl Provider for KeyFileDir {
    fn rank(&self) -> Rank {
        Rank::File
    }

    fn describe(&self) -> String {
        format!("directory {}", self.path.display())
    }

    fn read(&self) -> Result<Arc<dyn Layer>, SourceError> {
        let place = || self.path.display().to_string();
        let entries = match std::fs::read_dir(&self.path) {
            Ok(entries) => entries,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && !self.required => return Ok(Arc::new(EmptyLayer)),
            Err(e) => return Err(SourceError::new(place(), format!("cannot read the directory: {e}"))),
        };
        let mut layer = KeyFileLayer { files: HashMap::new() };
        for entry in entries {
            let entry = entry.map_err(|e| SourceError::new(place(), format!("cannot read the directory: {e}")))?;
            let Ok(name) = entry.file_name().into_string() else { continue };
            let path = entry.path();
            // Follows symbolic links, as Kubernetes' files are.
            if name.starts_with('.') || !path.is_file() {
                continue;
            }
            let value = read_value(&path)?;
            layer.files.insert(name, (value, Arc::from(path)));
        }
        Ok(Arc::new(layer))
    }

    fn watch_paths(&self) -> Vec<PathBuf> {
        vec![self.path.clone()]
    }
}

/// A file's contents as a value: bytes kept exactly, one trailing line
/// break removed.
fn read_value(path: &Path) -> Result<OsString, SourceError> {
    let place = || path.display().to_string();
    let mut bytes = read_limited_bytes(path).map_err(|e| SourceError::new(place(), format!("cannot read: {e}")))?;
    if bytes.ends_with(b"\n") {
        bytes.pop();
        if bytes.ends_with(b"\r") {
            bytes.pop();
        }
    }
    Ok(bytes_to_os(bytes))
}

#[cfg(unix)]
fn bytes_to_os(bytes: Vec<u8>) -> OsString {
    std::os::unix::ffi::OsStringExt::from_vec(bytes)
}

#[cfg(not(unix))]
fn bytes_to_os(bytes: Vec<u8>) -> OsString {
    OsString::from(String::from_utf8_lossy(&bytes).into_owned())
}

/// The files of a key-file directory.
#[derive(Debug, Clone)]
pub struct KeyFileLayer {
    files: HashMap<String, (OsString, Arc<Path>)>,
}

impl Layer for KeyFileLayer {
    fn get(&self, key: Key) -> Option<Found<'_>> {
        let (value, path) = self.files.get(key.path).or_else(|| self.files.get(key.env))?;
        Some(Found { raw: Raw::Text(value.as_os_str().into()), origin: Origin::KeyFile { path: Arc::clone(path) } })
    }

    fn unknown(&self, known: &Known, out: &mut Vec<Warning>) {
        let mut names: Vec<(&String, &Arc<Path>)> = self.files.iter().map(|(name, (_, path))| (name, path)).collect();
        names.sort();
        for (name, path) in names {
            if !known.is_path(name) && !known.is_env(name) {
                let suggestion = known.suggest_path(name).or_else(|| known.suggest_env(name, ""));
                out.push(Warning::UnknownKey { place: path.display().to_string(), key: name.clone(), suggestion });
            }
        }
    }
}
