//! Configuration files (TOML): a layer of rank `File` whose keys are the
//! settings' full names (`[database]` then `pool_size = 10`, or
//! `database.pool_size = 10`), whose values keep their types (an integer is
//! an integer, an array a list), and whose every value knows its line and
//! column.

use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use toml::de::{DeTable, DeValue};

use crate::error::{SourceError, Warning};
use crate::layer::{EmptyLayer, Found, Key, Known, Layer, NameMap, Provider, Rank, Raw};
use crate::limits::read_limited;
use crate::origin::Origin;
use crate::value::Value;

/// A TOML configuration file, read afresh at every load.
#[derive(Debug, Clone)]
pub struct TomlFile {
    path: PathBuf,
    required: bool,
}

impl TomlFile {
    /// A file that must exist.
    pub fn required(path: impl Into<PathBuf>) -> Self {
        TomlFile { path: path.into(), required: true }
    }

    /// A file that may be absent (then it gives nothing).
    pub fn optional(path: impl Into<PathBuf>) -> Self {
        TomlFile { path: path.into(), required: false }
    }
}

impl Provider for TomlFile {
    fn rank(&self) -> Rank {
        Rank::File
    }

    fn describe(&self) -> String {
        format!("file {}", self.path.display())
    }

    fn read(&self) -> Result<Arc<dyn Layer>, SourceError> {
        let place = || self.path.display().to_string();
        let text = match read_limited(&self.path) {
            Ok(text) => text,
            Err(e) if e.kind() == io::ErrorKind::NotFound && !self.required => return Ok(Arc::new(EmptyLayer)),
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                return Err(SourceError::new(place(), "the configuration file does not exist"));
            }
            Err(e) if e.kind() == io::ErrorKind::InvalidData => {
                return Err(SourceError::new(place(), "the configuration file is not UTF-8 text"));
            }
            Err(e) => return Err(SourceError::new(place(), format!("cannot read the configuration file: {e}"))),
        };
        TomlLayer::parse(&self.path, &text).map(|layer| Arc::new(layer) as Arc<dyn Layer>)
    }

    fn watch_paths(&self) -> Vec<PathBuf> {
        vec![self.path.clone()]
    }
}

/// A parsed TOML file: every value under its full dotted key.
#[derive(Debug, Clone)]
pub struct TomlLayer {
    path: Arc<Path>,
    values: NameMap<Arc<str>, Entry>,
    /// Every key and table header, in file order, for the unknown-key check.
    keys: Vec<KeyPlace>,
}

#[derive(Debug, Clone)]
struct Entry {
    value: Result<Value, &'static str>,
    line: u32,
    column: u32,
}

#[derive(Debug, Clone)]
struct KeyPlace {
    /// The key, shared with the map of values.
    key: Arc<str>,
    line: u32,
    column: u32,
    table: bool,
}

impl TomlLayer {
    /// Parses `text`, the contents of the file at `path`.
    pub fn parse(path: &Path, text: &str) -> Result<Self, SourceError> {
        let lines = LineIndex::new(text);
        let table = DeTable::parse(text).map_err(|e| {
            let (line, column) = e.span().map_or((0, 0), |span| lines.place(span.start));
            let message = e.message().trim().replace('\n', " ");
            SourceError::new(format!("{}:{line}:{column}", path.display()), format!("invalid TOML: {message}"))
        })?;
        let mut layer = TomlLayer { path: Arc::from(path), values: NameMap::default(), keys: Vec::new() };
        // Room for every key at once: a map that grows table by table is
        // rebuilt each time.
        let count = count_keys(table.get_ref());
        layer.values.reserve(count);
        layer.keys.reserve(count);
        layer.flatten(table.get_ref(), "", &lines);
        // In the order of the file, as a person reads the warnings.
        layer.keys.sort_by_key(|k| (k.line, k.column));
        Ok(layer)
    }

    fn flatten(&mut self, table: &DeTable<'_>, prefix: &str, lines: &LineIndex) {
        for (key, value) in table {
            let full: Arc<str> = if prefix.is_empty() {
                Arc::from(&**key.get_ref())
            } else {
                // One allocation, not a formatter's several.
                let mut full = String::with_capacity(prefix.len() + 1 + key.get_ref().len());
                full.push_str(prefix);
                full.push('.');
                full.push_str(key.get_ref());
                Arc::from(full)
            };
            let (line, column) = lines.place(key.span().start);
            let is_table = matches!(value.get_ref(), DeValue::Table(_));
            self.keys.push(KeyPlace { key: Arc::clone(&full), line, column, table: is_table });
            if let DeValue::Table(inner) = value.get_ref() {
                self.flatten(inner, &full, lines);
                self.values.entry(full).or_insert(Entry { value: Err("a table"), line, column });
                continue;
            }
            let (line, column) = lines.place(value.span().start);
            self.values.insert(full, Entry { value: convert(value.get_ref()), line, column });
        }
    }
}

/// How many keys and table headers a table holds, its tables' included.
fn count_keys(table: &DeTable<'_>) -> usize {
    table
        .values()
        .map(|value| 1 + if let DeValue::Table(inner) = value.get_ref() { count_keys(inner) } else { 0 })
        .sum()
}

/// A TOML value as a setting's [`Value`]; tables cannot be one.
fn convert(value: &DeValue<'_>) -> Result<Value, &'static str> {
    Ok(match value {
        DeValue::String(s) => Value::Str(s.to_string()),
        DeValue::Integer(i) => match i64::from_str_radix(i.as_str(), i.radix()) {
            Ok(n) => Value::Int(n),
            Err(_) => match u64::from_str_radix(i.as_str(), i.radix()) {
                Ok(n) => Value::UInt(n),
                Err(_) => return Err("an integer too large to use"),
            },
        },
        DeValue::Float(f) => Value::Float(f.as_str().replace('_', "").parse().map_err(|_| "a malformed float")?),
        DeValue::Boolean(b) => Value::Bool(*b),
        DeValue::Datetime(d) => Value::Str(d.to_string()),
        DeValue::Array(items) => Value::List(items.iter().map(|v| convert(v.get_ref())).collect::<Result<_, _>>()?),
        DeValue::Table(_) => return Err("a table"),
    })
}

impl Layer for TomlLayer {
    fn get(&self, key: Key) -> Option<Found<'_>> {
        let entry = self.values.get(key.path)?;
        let raw = match &entry.value {
            Ok(value) => Raw::Value(value.clone()),
            Err(what) => Raw::Unusable(what),
        };
        let origin =
            Origin::File { path: Arc::clone(&self.path), line: entry.line, column: entry.column, key: key.path };
        Some(Found { raw, origin })
    }

    /// Keys that are no setting's and tables that are no group's, each
    /// reported once (a table's keys are not reported again).
    fn unknown(&self, known: &Known, out: &mut Vec<Warning>) {
        let mut reported: std::collections::HashSet<&str> = std::collections::HashSet::new();
        for place in &self.keys {
            let key = &*place.key;
            // Under a reported table: one of its ancestors is reported.
            let ancestors = key.match_indices('.').map(|(at, _)| &key[..at]);
            if ancestors.into_iter().any(|ancestor| reported.contains(ancestor)) {
                continue;
            }
            let fine = if place.table { known.is_group(key) || known.is_path(key) } else { known.is_path(key) };
            if !fine {
                out.push(Warning::UnknownKey {
                    place: format!("{}:{}:{}", self.path.display(), place.line, place.column),
                    key: key.to_owned(),
                    suggestion: known.suggest_path(key),
                });
                reported.insert(key);
            }
        }
    }
}

/// Byte offsets to lines and columns (1-based; columns in characters).
pub(crate) struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        let starts = std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1)).collect();
        LineIndex { text, starts }
    }

    pub(crate) fn place(&self, offset: usize) -> (u32, u32) {
        let line = self.starts.partition_point(|&start| start <= offset).saturating_sub(1);
        let start = self.starts.get(line).copied().unwrap_or(0);
        let column = self.text.get(start..offset.min(self.text.len())).map_or(0, |s| s.chars().count());
        (saturate(line + 1), saturate(column + 1))
    }
}

fn saturate(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_keep_their_types_and_places() {
        let text = "port = 8080\n[database]\nurl = \"postgres://x\"\npool = [1, 2]\nratio = 0.5\n";
        let layer = TomlLayer::parse(Path::new("app.toml"), text).unwrap();
        let found = layer.get(Key { path: "database.url", env: "X" }).unwrap();
        assert_eq!(found.raw, Raw::Value(Value::Str("postgres://x".into())));
        assert!(matches!(found.origin, Origin::File { line: 3, column: 7, .. }), "{:?}", found.origin);
        let found = layer.get(Key { path: "database.pool", env: "X" }).unwrap();
        assert_eq!(found.raw, Raw::Value(Value::List(vec![Value::Int(1), Value::Int(2)])));
        assert_eq!(layer.get(Key { path: "port", env: "X" }).unwrap().raw, Raw::Value(Value::Int(8080)));
        assert!(layer.get(Key { path: "database", env: "X" }).is_some_and(|f| f.raw == Raw::Unusable("a table")));
    }

    #[test]
    fn a_syntax_error_names_the_file_line_and_column() {
        let error = TomlLayer::parse(Path::new("app.toml"), "a = 1\nb = = 2\n").unwrap_err();
        assert!(error.place.starts_with("app.toml:2:"), "{error}");
        assert!(error.message.starts_with("invalid TOML"), "{error}");
    }

    #[test]
    fn columns_count_characters() {
        let index = LineIndex::new("é = 1\nab");
        assert_eq!(index.place(0), (1, 1));
        assert_eq!(index.place(5), (1, 5));
        assert_eq!(index.place(7), (2, 1));
    }
}
