//! Rules that look at more than one attribute or field. Each rule is one
//! function and reports at the token that breaks it.

use std::collections::HashMap;

use crate::ast::{Container, Field};
use crate::ctxt::Ctxt;

const INTEGERS: &[&str] = &["i8", "i16", "i32", "i64", "isize", "u8", "u16", "u32", "u64", "usize"];
const FLOATS: &[&str] = &["f32", "f64"];

/// Runs every rule.
pub(crate) fn check(cx: &Ctxt, cont: &Container) {
    check_env_names(cx, cont);
    check_unique(cx, cont);
    for field in &cont.fields {
        check_shorthands(cx, field);
        check_number_flags(cx, field);
        check_deprecated(cx, cont, field);
    }
}

/// An environment variable is `[A-Z_][A-Z0-9_]*`.
fn check_env_names(cx: &Ctxt, cont: &Container) {
    for field in &cont.fields {
        if is_env_name(&field.env) {
            continue;
        }
        let message = format!(
            "environment variable {:?} is not a valid name: use capital letters, digits and `_`, not starting with a digit",
            field.env
        );
        match (&field.attrs.env, &cont.attrs.env_prefix) {
            (Some(env), _) => cx.error_spanned_by(env, message),
            (None, Some(prefix)) if !is_env_name(&prefix.value()) => cx.error_spanned_by(prefix, message),
            _ => cx.error_spanned_by(field.ident, message),
        }
    }
}

fn is_env_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_uppercase() || c == '_')
        && chars.all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
}

/// No two settings share a name or an environment variable.
fn check_unique(cx: &Ctxt, cont: &Container) {
    let mut names: HashMap<&str, &Field> = HashMap::new();
    let mut envs: HashMap<&str, &Field> = HashMap::new();
    for field in &cont.fields {
        if let Some(first) = names.insert(&field.name, field) {
            let message = format!("two settings are named `{}`: the other is field `{}`", field.name, first.ident);
            match &field.attrs.name {
                Some(name) => cx.error_spanned_by(name, message),
                None => cx.error_spanned_by(field.ident, message),
            }
        }
        if let Some(first) = envs.insert(&field.env, field) {
            let message = format!("environment variable {} already controls setting `{}`", field.env, first.name);
            match &field.attrs.env {
                Some(env) => cx.error_spanned_by(env, message),
                None => cx.error_spanned_by(field.ident, message),
            }
        }
    }
}

/// Shorthands belong to importable settings, have distinct names and stand
/// for dotted paths.
fn check_shorthands(cx: &Ctxt, field: &Field) {
    let Some(shorthands) = &field.attrs.shorthand else { return };
    if field.value_ty_name().as_deref() != Some("Importable") {
        let message = "`shorthand` is only for importable settings: the field's type must be `Importable<T>`";
        cx.error_spanned_by(&shorthands.keyword, message);
    }
    let mut seen = HashMap::new();
    for (name, target) in &shorthands.pairs {
        if seen.insert(name.value(), ()).is_some() {
            cx.error_spanned_by(name, format!("shorthand `{}` is given twice", name.value()));
        }
        if !is_dotted_path(&target.value()) {
            let message =
                format!("shorthand target {:?} is not a dotted path such as package.module.Item", target.value());
            cx.error_spanned_by(target, message);
        }
    }
}

/// `package.module.Item`: two or more segments of letters, digits and `_`.
fn is_dotted_path(path: &str) -> bool {
    let segments: Vec<&str> = path.split('.').collect();
    segments.len() >= 2 && segments.iter().all(|s| !s.is_empty() && s.chars().all(|c| c.is_alphanumeric() || c == '_'))
}

/// `positive` is for numbers, `bytes` for integers.
fn check_number_flags(cx: &Ctxt, field: &Field) {
    let ty = field.value_ty_name().unwrap_or_default();
    if let Some(positive) = &field.attrs.positive
        && !INTEGERS.contains(&ty.as_str())
        && !FLOATS.contains(&ty.as_str())
    {
        cx.error_spanned_by(positive, "`positive` is for number settings (an integer or float type)");
    }
    if let Some(bytes) = &field.attrs.bytes
        && !INTEGERS.contains(&ty.as_str())
    {
        cx.error_spanned_by(bytes, "`bytes` is for integer settings, such as `u64` or `Option<u64>`");
    }
}

/// `deprecated` says since when, and its replacement is a setting.
fn check_deprecated(cx: &Ctxt, cont: &Container, field: &Field) {
    let Some(deprecated) = &field.attrs.deprecated else { return };
    if deprecated.since.is_none() {
        let message = "`deprecated` needs `since = \"version\"`, as in `deprecated(since = \"1.3a2\")`";
        cx.error_spanned_by(&deprecated.keyword, message);
    }
    let Some(replacement) = &deprecated.replacement else { return };
    let wanted = replacement.value();
    if wanted == field.name {
        cx.error_spanned_by(replacement, "a setting cannot be its own replacement");
    } else if !cont.fields.iter().any(|f| f.name == wanted) {
        let mut message = format!("`replacement` names `{wanted}`, which is not a setting of this struct");
        if let Some(close) = closest_name(cont, &wanted) {
            message.push_str(&format!("; did you mean `{close}`?"));
        }
        cx.error_spanned_by(replacement, message);
    }
}

fn closest_name<'a>(cont: &'a Container, wanted: &str) -> Option<&'a str> {
    cont.fields
        .iter()
        .map(|f| (strsim::normalized_damerau_levenshtein(wanted, &f.name), f.name.as_str()))
        .filter(|(score, _)| *score >= 0.7)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, name)| name)
}
