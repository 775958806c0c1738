//! `json`: the metadata, as `serde_json` writes `StructMeta`, without the
//! hidden settings (no rendered page shows them).

use config_core::meta::StructMeta;
use serde_json::Value;

pub(crate) fn render(meta: &StructMeta) -> String {
    let mut json = serde_json::to_value(meta).unwrap_or(Value::Null);
    if let Some(Value::Array(settings)) = json.get_mut("settings") {
        settings.retain(|s| s.get("hidden") != Some(&Value::Bool(true)));
    }
    let mut text = serde_json::to_string_pretty(&json).unwrap_or_default();
    text.push('\n');
    text
}
