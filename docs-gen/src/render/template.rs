//! What the two templates (`env` and `toml`) say of every setting, before
//! the line that sets it: the first sentence of its description, its
//! deprecation and former names, what it accepts, when it takes effect and
//! its default. Plain text, one line each; each template escapes them as
//! comments.

use config_core::meta::{Literal, SettingMeta};

use crate::markdown;
use crate::model::{self, Page, SettingDoc, default_text, is_required};

/// The comment lines of one setting, in order, but for what it says of the
/// default ([`default_note`]). `list` is what the template calls a list ("a
/// comma-separated list", "an array").
pub(crate) fn notes(setting: &SettingDoc, list: &str) -> Vec<String> {
    let meta = setting.meta;
    let mut lines = Vec::new();
    lines.extend(model::first_sentence(&setting.description.blocks).filter(|s| !s.is_empty()));
    if let Some(d) = &setting.deprecated {
        let plain = markdown::plain(&d.text.inlines);
        let instead = if plain.trim().is_empty() { String::new() } else { format!(": {plain}") };
        lines.push(format!("Deprecated since {}{instead}", d.since));
    }
    if let Some(former) = model::former_names(&setting.aliases, &setting.env_aliases) {
        lines.push(markdown::plain(&former.inlines));
    }
    lines.push(format!("Accepts: {}", model::accepts(meta, list)));
    if meta.frozen {
        lines.push("Takes effect only at start.".to_owned());
    }
    lines
}

/// What the template says of the default besides the line that sets it:
/// `written` says whether it writes one, which then needs no words unless
/// the docs show the default in words of their own (`default_doc`).
pub(crate) fn default_note(page: &Page, meta: &SettingMeta, written: bool) -> Option<String> {
    let shown = default_text(meta, page.notation);
    if is_required(meta) {
        return Some("Required: there is no default.".to_owned());
    }
    if meta.secret {
        return Some(format!("Default: {shown} (a secret: no value is written here)"));
    }
    match meta.default.value {
        _ if written => meta.default.doc.map(|_| format!("Default: {shown}")),
        Literal::None if meta.default.doc.is_none() => Some("Unset by default.".to_owned()),
        Literal::Code { .. } => Some(format!("Default: {shown} (computed by the program)")),
        _ => Some(format!("Default: {shown}")),
    }
}
