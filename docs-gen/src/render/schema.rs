//! `schema`: the JSON Schema (draft 2020-12) of a configuration file (TOML,
//! or JSON): an object whose keys are the settings' names, each group a
//! nested object, none allowing a key it does not know.
//!
//! Each setting's schema says what a file may give it, as `config-core`
//! reads files: booleans are booleans; whole numbers integers (within the
//! Rust type's range: `u16` is 0 to 65535); floats numbers; a byte count an
//! integer or a string such as `"64mb"`; a duration a string such as
//! `"1h30m"` or a number of seconds; a list an array of its items, or one
//! comma-separated string; an enum one of its names or aliases (each with
//! its description); a registered value a name or a list of names. Checks
//! become `minimum`, `maximum`, `exclusiveMinimum`, `exclusiveMaximum`,
//! `minLength`/`maxLength` and `minItems`/`maxItems` where a bound can be
//! said so. Each also carries its description (plain text), its `default`
//! (unless secret, required or known only to the program), `deprecated`,
//! `writeOnly` for a secret, and `x-env`, its environment variable. A
//! former name is a property of its own, marked deprecated. Required
//! settings are `required`, and so is a group that holds one, except
//! secrets: a secret is better kept out of a configuration file (in the
//! environment, or a mounted key file), and an editor must not ask for it
//! there. The loader still requires it from some source.
//!
//! The schema is stricter than the loader in two ways that an editor's
//! hints gain from: an enum's names are matched as written (the loader
//! ignores case), and booleans and numbers must be typed (the loader also
//! reads them from strings). Hidden settings are in it (a file may set
//! them), without their description.

use config_core::meta::{Check, Choice, Kind, Leaf, Literal, SettingMeta, StructMeta, Tree, ValueType};
use serde_json::{Map, Number, Value, json};

use super::json::escape;
use crate::markdown::{self, Block};
use crate::model::{self, is_required};

/// The dialect.
const DRAFT: &str = "https://json-schema.org/draft/2020-12/schema";

/// A byte count as text: a whole number (with single underscores between
/// digits), then optionally `kb`, `mb` or `gb` in any case, as
/// `config_parse::byte_count` reads it.
pub(crate) const BYTES: &str = r"^\s*[+-]?[0-9](_?[0-9])*(\s*[kKmMgG][bB]|\s*)$";

/// A duration as text, as `config_parse::duration` reads it: a bare number
/// (seconds), a number and a unit (`2.5s`), or several (`1h 30m`,
/// `1.5h30m`). A test holds it to the parser on many samples.
pub(crate) const DURATION: &str = concat!(
    r"^\s*(",
    r"\+?([0-9](_?[0-9])*(\.([0-9](_?[0-9])*)?)?|\.[0-9](_?[0-9])*)([eE][+-]?[0-9](_?[0-9])*)?",
    r"|\+?([0-9](_?[0-9])*(\.([0-9](_?[0-9])*)?)?|\.[0-9](_?[0-9])*)\s*",
    r"(nanos|nsec|ns|usec|us|µs|millis|msec|ms|seconds|second|secs|sec|s|minutes|minute|mins|min|m|hours|hour|hrs|hr|h|days|day|d|weeks|week|w)",
    r"|([0-9]+(\.[0-9]+)?\s*",
    r"(nanos|nsec|ns|usec|us|µs|millis|msec|ms|seconds|second|secs|sec|s|minutes|minute|mins|min|m|hours|hour|hrs|hr|h|days|day|d|weeks|week|wks|wk|w|months|month|M|years|year|yrs|yr|y)",
    r"\s*)+",
    r")\s*$"
);

pub(crate) fn render(meta: &'static StructMeta) -> String {
    let tree = meta.tree();
    let mut schema = object(&tree);
    schema.insert("$schema".to_owned(), json!(DRAFT));
    schema.insert("title".to_owned(), json!(meta.title.filter(|t| !t.trim().is_empty()).unwrap_or(meta.name)));
    if let Some(description) = plain(meta.doc) {
        schema.insert("description".to_owned(), json!(description));
    }
    let mut schema = Value::Object(schema);
    schema.sort_all_objects();
    let mut text = escape(&serde_json::to_string_pretty(&schema).unwrap_or_default());
    text.push('\n');
    text
}

/// A struct's object: its settings and former names, then its groups.
fn object(tree: &Tree) -> Map<String, Value> {
    let mut properties = Map::new();
    let mut required = Vec::new();
    for leaf in &tree.settings {
        let setting = leaf.setting;
        let schema = setting_schema(leaf);
        for alias in setting.aliases {
            properties.insert((*alias).to_owned(), alias_schema(&schema, setting.name));
        }
        properties.insert(setting.name.to_owned(), Value::Object(schema));
        if is_required(setting) && !setting.secret {
            required.push(setting.name);
        }
    }
    for group in &tree.groups {
        let Some(meta) = group.group else { continue };
        let mut inner = object(group);
        if let Some(description) = plain(meta.doc) {
            inner.insert("description".to_owned(), json!(description));
        }
        if inner.contains_key("required") {
            required.push(meta.name);
        }
        properties.insert(meta.name.to_owned(), Value::Object(inner));
    }
    let mut out = Map::new();
    out.insert("type".to_owned(), json!("object"));
    out.insert("additionalProperties".to_owned(), json!(false));
    out.insert("properties".to_owned(), Value::Object(properties));
    if !required.is_empty() {
        out.insert("required".to_owned(), json!(required));
    }
    out
}

/// A setting's schema: what its values look like, and what the docs say.
fn setting_schema(leaf: &Leaf) -> Map<String, Value> {
    let setting = leaf.setting;
    let mut schema = value_schema(&setting.value, setting, setting.checks);
    if !setting.hidden {
        let mut description = plain(setting.doc).unwrap_or_default();
        // What no keyword can say (a type's own description, a function's
        // check) is said in words.
        let own_words = setting.value.expected != setting.value.kind.expected()
            || setting.checks.iter().any(|c| matches!(c, Check::Custom { expected: Some(_) }));
        if own_words {
            let sep = if description.is_empty() { "" } else { "\n\n" };
            description = format!("{description}{sep}Accepts {}.", model::accepts(setting, "an array"));
        }
        if !description.is_empty() {
            schema.insert("description".to_owned(), json!(description));
        }
    }
    if let Some(default) = default(setting) {
        schema.insert("default".to_owned(), default);
    }
    if setting.deprecated.is_some() {
        schema.insert("deprecated".to_owned(), json!(true));
    }
    if setting.secret {
        schema.insert("writeOnly".to_owned(), json!(true));
    }
    schema.insert("x-env".to_owned(), json!(leaf.env));
    if !leaf.env_aliases.is_empty() {
        schema.insert("x-env-aliases".to_owned(), json!(leaf.env_aliases));
    }
    schema
}

/// A former name: the same values, deprecated, pointing to the new name.
fn alias_schema(schema: &Map<String, Value>, name: &str) -> Value {
    let mut alias = schema.clone();
    for key in ["default", "x-env", "x-env-aliases"] {
        alias.remove(key);
    }
    alias.insert("deprecated".to_owned(), json!(true));
    alias.insert("description".to_owned(), json!(format!("Former name of `{name}`, still read with a warning.")));
    Value::Object(alias)
}

/// The schema of a value of `value`'s type, with the `checks` that apply.
fn value_schema(value: &ValueType, setting: &SettingMeta, checks: &[Check]) -> Map<String, Value> {
    let int = integer_bounds(setting.rust_type);
    match value.kind {
        Kind::Bool => typed("boolean"),
        Kind::Integer => numeric("integer", int, checks, Kind::Integer),
        Kind::Float => numeric("number", (None, None), checks, Kind::Float),
        Kind::ByteCount => any_of(vec![numeric("integer", int, checks, Kind::ByteCount), pattern(BYTES)]),
        Kind::Duration => {
            any_of(vec![pattern(DURATION), numeric("number", (Some(Number::from(0)), None), checks, Kind::Duration)])
        }
        Kind::Char => {
            let mut schema = typed("string");
            schema.insert("minLength".to_owned(), json!(1));
            schema.insert("maxLength".to_owned(), json!(1));
            schema
        }
        Kind::Url => {
            let mut schema = text(checks);
            schema.insert("format".to_owned(), json!("uri"));
            schema
        }
        Kind::SocketAddr | Kind::IpAddr | Kind::Path | Kind::String => text(checks),
        Kind::Choice => choices(value.choices),
        Kind::Registered => registered(setting),
        Kind::List => list(value, setting, checks),
        // A custom type's parser decides; any value may be given.
        _ => Map::new(),
    }
}

fn typed(name: &str) -> Map<String, Value> {
    let mut schema = Map::new();
    schema.insert("type".to_owned(), json!(name));
    schema
}

fn any_of(schemas: Vec<Map<String, Value>>) -> Map<String, Value> {
    let mut schema = Map::new();
    schema.insert("anyOf".to_owned(), Value::Array(schemas.into_iter().map(Value::Object).collect()));
    schema
}

fn pattern(pattern: &str) -> Map<String, Value> {
    let mut schema = typed("string");
    schema.insert("pattern".to_owned(), json!(pattern));
    schema
}

/// Text, with its length checks.
fn text(checks: &[Check]) -> Map<String, Value> {
    let mut schema = typed("string");
    lengths(&mut schema, checks, "minLength", "maxLength");
    schema
}

/// `minLength`/`maxLength` (or `minItems`/`maxItems`) from `len` checks.
fn lengths(schema: &mut Map<String, Value>, checks: &[Check], min_key: &str, max_key: &str) {
    for check in checks {
        if let Check::Len { min, max } = *check {
            if let Some(min) = min {
                schema.insert(min_key.to_owned(), json!(min));
            }
            if let Some(max) = max {
                schema.insert(max_key.to_owned(), json!(max));
            }
        }
    }
}

/// A number of `kind`, within the type's `bounds` and the checks' ranges.
fn numeric(name: &str, bounds: (Option<Number>, Option<Number>), checks: &[Check], kind: Kind) -> Map<String, Value> {
    let mut schema = typed(name);
    if let Some(min) = bounds.0 {
        schema.insert("minimum".to_owned(), Value::Number(min));
    }
    if let Some(max) = bounds.1 {
        schema.insert("maximum".to_owned(), Value::Number(max));
    }
    for check in checks {
        match *check {
            Check::Positive => {
                schema.remove("minimum");
                schema.insert("exclusiveMinimum".to_owned(), json!(0));
            }
            Check::Range { min, max, max_exclusive } => {
                if let Some(min) = min.and_then(|m| bound(m, kind)) {
                    schema.insert("minimum".to_owned(), Value::Number(min));
                }
                if let Some(max) = max.and_then(|m| bound(m, kind)) {
                    let key = if max_exclusive { "exclusiveMaximum" } else { "maximum" };
                    schema.remove("maximum");
                    schema.insert(key.to_owned(), Value::Number(max));
                }
            }
            _ => {}
        }
    }
    schema
}

/// A range's bound as a number of the file's unit: as written for numbers,
/// in bytes for a byte count (`"64mb"`), in seconds for a duration (`"1s"`).
fn bound(text: &str, kind: Kind) -> Option<Number> {
    match kind {
        Kind::Duration => Number::from_f64(config_parse::duration(text).ok()?.as_secs_f64()),
        Kind::ByteCount => i64::try_from(config_parse::byte_count(text).ok()?).ok().map(Number::from),
        _ => text.trim().replace('_', "").parse().ok(),
    }
}

/// The range of the Rust integer type the setting holds (`u16`, `Option<u8>`,
/// `Vec<i32>`, `NonZeroU32`), as far as a schema can say it.
fn integer_bounds(rust_type: &str) -> (Option<Number>, Option<Number>) {
    let name = rust_type.rsplit(['<', ':']).next().unwrap_or("").trim_end_matches(['>', ' ']);
    let (min, max): (Option<i64>, Option<u64>) = match name {
        "u8" => (Some(0), Some(u8::MAX.into())),
        "u16" => (Some(0), Some(u16::MAX.into())),
        "u32" => (Some(0), Some(u32::MAX.into())),
        "u64" | "usize" | "u128" => (Some(0), None),
        "NonZeroU8" => (Some(1), Some(u8::MAX.into())),
        "NonZeroU16" => (Some(1), Some(u16::MAX.into())),
        "NonZeroU32" => (Some(1), Some(u32::MAX.into())),
        "NonZeroU64" | "NonZeroUsize" => (Some(1), None),
        "i8" => (Some(i8::MIN.into()), Some(i8::MAX as u64)),
        "i16" => (Some(i16::MIN.into()), Some(i16::MAX as u64)),
        "i32" => (Some(i32::MIN.into()), Some(i32::MAX as u64)),
        _ => (None, None),
    };
    (min.map(Number::from), max.map(Number::from))
}

/// An enum: each name and alias, with its description.
fn choices(choices: &[Choice]) -> Map<String, Value> {
    let mut one_of = Vec::new();
    for choice in choices {
        let mut entry = json!({"const": choice.name});
        if let Some(description) = plain(choice.doc) {
            entry["description"] = json!(description);
        }
        one_of.push(entry);
        for alias in choice.aliases {
            one_of.push(json!({"const": alias, "description": format!("Another name for `{}`.", choice.name)}));
        }
    }
    let mut schema = typed("string");
    schema.insert("oneOf".to_owned(), Value::Array(one_of));
    schema
}

/// A registered value: a name, or names in order of preference.
fn registered(setting: &SettingMeta) -> Map<String, Value> {
    let mut schema = any_of(vec![typed("string"), {
        let mut list = typed("array");
        list.insert("items".to_owned(), json!({"type": "string"}));
        list
    }]);
    if !setting.shorthands.is_empty() {
        let names: Vec<&str> = setting.shorthand_names().collect();
        schema.insert("examples".to_owned(), json!(names));
    }
    schema
}

/// A list: an array of its items (with its length checks; the others apply
/// to each item), or one comma-separated string.
fn list(value: &ValueType, setting: &SettingMeta, checks: &[Check]) -> Map<String, Value> {
    let mut array = typed("array");
    if let Some(item) = value.item {
        let per_item: Vec<Check> = checks.iter().copied().filter(|c| !matches!(c, Check::Len { .. })).collect();
        array.insert("items".to_owned(), Value::Object(value_schema(item, setting, &per_item)));
    }
    lengths(&mut array, checks, "minItems", "maxItems");
    any_of(vec![array, typed("string")])
}

/// The default as a file would write it; `None` for none to show.
fn default(setting: &SettingMeta) -> Option<Value> {
    if setting.secret || is_required(setting) {
        return None;
    }
    Some(match setting.default.value {
        Literal::Bool(b) => json!(b),
        Literal::Number(n) => n.replace('_', "").parse::<Number>().map_or_else(|_| json!(n), Value::Number),
        Literal::Str(s) => json!(s),
        Literal::List(items) => {
            let kind = setting.value.items().kind;
            Value::Array(items.iter().map(|item| item_default(kind, item)).collect())
        }
        Literal::None | Literal::Code { .. } | Literal::Required { .. } => return None,
    })
}

/// A list item's default: a number or boolean where the item is one.
fn item_default(kind: Kind, item: &str) -> Value {
    if kind.is_number()
        && let Ok(n) = item.parse::<Number>()
    {
        return Value::Number(n);
    }
    match (kind, item) {
        (Kind::Bool, "true") => json!(true),
        (Kind::Bool, "false") => json!(false),
        _ => json!(item),
    }
}

/// A description as plain text: its blocks' text, blank-line separated.
fn plain(doc: &str) -> Option<String> {
    let blocks = markdown::parse(doc);
    let text: Vec<String> = blocks.iter().map(block_text).filter(|t| !t.trim().is_empty()).collect();
    (!text.is_empty()).then(|| text.join("\n\n"))
}

fn block_text(block: &Block) -> String {
    match block {
        Block::Paragraph(inlines) | Block::Heading { inlines, .. } => markdown::plain(inlines),
        Block::List { items, .. } => items
            .iter()
            .map(|item| format!("- {}", item.iter().map(block_text).collect::<Vec<_>>().join(" ")))
            .collect::<Vec<_>>()
            .join("\n"),
        Block::Code { text, .. } => text.trim_end().to_owned(),
        Block::Alert(kind, inner) => {
            format!("{}: {}", kind.title(), inner.iter().map(block_text).collect::<Vec<_>>().join(" "))
        }
        Block::Quote(inner) => inner.iter().map(block_text).collect::<Vec<_>>().join(" "),
    }
}
