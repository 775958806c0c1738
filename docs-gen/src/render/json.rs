//! `json`: the metadata, version 2 of its JSON shape: `StructMeta` as
//! `serde_json` writes it, plus `"format_version": 2`, with the settings
//! (and groups) in the requested order, without the hidden settings (no
//! rendered page shows them, unless asked to), without any secret's default
//! (whatever a metadata file held) and without `rust_type` (unless asked
//! for). Keys are sorted, so that the output is the same whatever features
//! `serde_json` was built with. [`StructMeta::from_json`] reads it back.

use config_core::meta::StructMeta;
use serde_json::{Value, json};

use crate::{Options, Order};
use config_core::REDACTED;

/// The version of the JSON shape this module writes.
pub(crate) const FORMAT_VERSION: u64 = 2;

pub(crate) fn render(meta: &StructMeta, options: &Options) -> String {
    let mut json = serde_json::to_value(meta).unwrap_or(Value::Null);
    shape(&mut json, options);
    if let Value::Object(map) = &mut json {
        map.insert("format_version".to_owned(), json!(FORMAT_VERSION));
    }
    json.sort_all_objects();
    let mut text = escape(&serde_json::to_string_pretty(&json).unwrap_or_default());
    text.push('\n');
    text
}

/// One struct's object, and its groups' in turn.
fn shape(meta: &mut Value, options: &Options) {
    if let Some(Value::Array(settings)) = meta.get_mut("settings") {
        settings.retain(|s| options.include_hidden || s.get("hidden") != Some(&Value::Bool(true)));
        for setting in settings.iter_mut() {
            let no_value = json!({"value": null, "doc": null});
            if setting.get("secret") == Some(&Value::Bool(true)) && setting.get("default") != Some(&no_value) {
                // What the derive writes for a secret (no value at all gives
                // nothing away).
                setting["default"] = json!({"value": {"code": REDACTED}, "doc": null});
            }
            if !options.rust_types
                && let Value::Object(fields) = setting
            {
                fields.remove("rust_type");
            }
        }
        if options.order == Order::Alphabetical {
            settings.sort_by(|a, b| name(a).cmp(name(b)));
        }
    }
    if let Some(Value::Array(groups)) = meta.get_mut("groups") {
        for group in groups.iter_mut() {
            if let Some(inner) = group.get_mut("meta") {
                shape(inner, options);
            }
        }
        if options.order == Order::Alphabetical {
            groups.sort_by(|a, b| name(a).cmp(name(b)));
        }
    }
}

fn name(value: &Value) -> &str {
    value.get("name").and_then(Value::as_str).unwrap_or("")
}

/// JSON's one escaping rule on top of `serde_json`'s, config-core's:
/// hidden characters (and the line separators JavaScript once rejected) as
/// `\uXXXX`, which is the same JSON value.
pub(crate) fn escape(json: &str) -> String {
    config_core::escape::json(json).into_owned()
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn hidden_characters_are_escaped_and_the_value_is_the_same() {
        let value = "a\u{7f}b\u{9b}c\u{202e}d\u{2028}e\u{61c}é";
        let json = escape(&serde_json::to_string(value).unwrap());
        assert_eq!(json, r#""a\u007fb\u009bc\u202ed\u2028e\u061cé""#);
        assert_eq!(serde_json::from_str::<String>(&json).unwrap(), value);
    }
}
