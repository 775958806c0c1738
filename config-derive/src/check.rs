//! Rules that look at more than one attribute or field. Each rule is one
//! function and reports at the token that breaks it.

mod default;

use std::collections::{HashMap, HashSet};

use syn::{Lit, LitStr, Type};

use crate::ast::{self, Container, Family, Field};
use crate::attr;
use crate::ctxt::Ctxt;
use crate::parse;
use crate::text::{self, Lines};

pub(crate) use default::pointer_sized_default;

/// Runs every rule.
pub(crate) fn check(cx: &Ctxt, cont: &Container) {
    check_env_names(cx, cont);
    check_watch_prefixes(cx, cont);
    check_unique(cx, cont);
    check_deprecation_cycles(cx, cont);
    check_known_env(cx, cont);
    for field in &cont.fields {
        check_name(cx, field);
        if field.is_nested() {
            check_nested(cx, field);
            continue;
        }
        if let Some(prefix) = &field.attrs.env_prefix {
            cx.error_spanned_by(prefix, "`env_prefix` on a field is for a nested group: add `nested`, or use `env`");
        }
        check_type(cx, field);
        check_shorthands(cx, field);
        check_number_flags(cx, field);
        check_required(cx, field);
        check_range(cx, field);
        check_len(cx, field);
        default::check_default(cx, field);
        check_aliases(cx, cont, field);
        check_deprecated(cx, cont, field);
        check_see_also(cx, cont, field);
        check_secret(cx, field);
    }
}

/// A nested group takes only what a group has: a name, its variables'
/// prefix, a doc comment.
fn check_nested(cx: &Ctxt, field: &Field) {
    let attrs = &field.attrs;
    use quote::ToTokens;
    let first = |list: &[syn::LitStr]| list.first().map(ToTokens::to_token_stream);
    let others: [(&str, Option<proc_macro2::TokenStream>); 20] = [
        ("default_doc", attrs.default_doc.as_ref().map(ToTokens::to_token_stream)),
        ("positive", attrs.positive.as_ref().map(ToTokens::to_token_stream)),
        ("shorthand", attrs.shorthand.as_ref().map(|s| s.keyword.to_token_stream())),
        ("deprecated", attrs.deprecated.as_ref().map(|d| d.keyword.to_token_stream())),
        ("added", attrs.added.as_ref().map(ToTokens::to_token_stream)),
        ("see_also", first(&attrs.see_also)),
        ("hidden", attrs.hidden.as_ref().map(ToTokens::to_token_stream)),
        ("len", attrs.len.as_ref().map(|l| l.span.clone())),
        ("expected", attrs.expected.as_ref().map(ToTokens::to_token_stream)),
        ("alias", first(&attrs.alias)),
        ("alias_env", first(&attrs.alias_env)),
        ("env", attrs.env.as_ref().map(quote::ToTokens::to_token_stream)),
        ("default", attrs.default.as_ref().map(|_| quote::ToTokens::to_token_stream(field.ident))),
        ("required", attrs.required.as_ref().map(quote::ToTokens::to_token_stream)),
        ("validate", attrs.validate.as_ref().map(|v| quote::ToTokens::to_token_stream(&v.path))),
        ("from_str", attrs.from_str.as_ref().map(quote::ToTokens::to_token_stream)),
        ("secret", attrs.secret.as_ref().map(quote::ToTokens::to_token_stream)),
        ("bytes", attrs.bytes.as_ref().map(quote::ToTokens::to_token_stream)),
        ("range", attrs.range.as_ref().map(|r| r.span.clone())),
        ("frozen", attrs.frozen.as_ref().map(quote::ToTokens::to_token_stream)),
    ];
    for (key, at) in others {
        if let Some(at) = at {
            let message = format!(
                "`{key}` is for a setting, and `nested` makes this field a group: put `{key}` on the settings of its struct"
            );
            cx.error_spanned_by(at, message);
        }
    }
    if field.option_inner.is_some() {
        cx.error_spanned_by(field.ty, "a nested group cannot be an `Option`: its settings have defaults of their own");
    }
    if let Some(prefix) = &field.attrs.env_prefix
        && !prefix.value().is_empty()
        && !is_env_name(&prefix.value())
    {
        cx.error_spanned_by(prefix, "a group's `env_prefix` is capital letters, digits and `_`, such as \"REPLICA_\"");
    } else if field.attrs.env_prefix.is_none() && !is_env_name(&field.group_prefix()) {
        let message = format!(
            "the group's variables would begin with {:?}, which is no environment variable's: give it an `env_prefix` \
             of capital letters, digits and `_`, such as \"REPLICA_\"",
            field.group_prefix()
        );
        match &field.attrs.name {
            Some(name) => cx.error_spanned_by(name, message),
            None => cx.error_spanned_by(field.ident, message),
        }
    }
}

/// `required` means no default, and a value that is not an `Option`.
fn check_required(cx: &Ctxt, field: &Field) {
    let Some(required) = &field.attrs.required else { return };
    if field.attrs.default.is_some() {
        cx.error_spanned_by(required, "a `required` setting has no default: remove `default` or `required`");
    }
    if field.attrs.default_doc.is_some() {
        cx.error_spanned_by(required, "a `required` setting has no default to show: remove `default_doc`");
    }
    if field.option_inner.is_some() {
        let message = "an `Option` is never required (its default is `None`): remove `required`, or the `Option`";
        cx.error_spanned_by(required, message);
    }
}

/// `range`, `min` and `max` are for numbers and durations; their bounds are
/// values of the setting's kind, in order, and a literal default lies
/// within them.
fn check_range(cx: &Ctxt, field: &Field) {
    let Some(range) = &field.attrs.range else { return };
    let family = if field.family() == Family::List { field.item_family() } else { field.family() };
    if !family.is_ordered() {
        let message = format!(
            "`range` is for numbers and durations, and setting `{}` is a `{}`; for the length of text or a list, \
             use `len`",
            field.name,
            field.value_ty_text()
        );
        cx.error_spanned_by(&range.span, message);
        return;
    }
    let bytes = field.attrs.bytes.is_some();
    let values: Vec<Option<Number>> = [&range.min, &range.max]
        .into_iter()
        .map(|bound| {
            let bound = bound.as_ref()?;
            let number = bound_number(family, bytes, &bound.text);
            if number.is_none() {
                let message =
                    format!("{:?} is not {} for setting `{}`", bound.text, kind_words(family, bytes), field.name);
                cx.error_spanned_by(&bound.tokens, message);
            }
            number
        })
        .collect();
    if let (Some(min), Some(max)) = (values[0], values[1])
        && (min > max || (range.max_exclusive && min >= max))
    {
        cx.error_spanned_by(&range.span, "this range is empty: its lower bound is above its upper bound");
    }
    if let Some(default) = literal_default_number(field, family) {
        let below = values[0].is_some_and(|min| default < min);
        let above = values[1].is_some_and(|max| if range.max_exclusive { default >= max } else { default > max });
        if below || above {
            let at = default_tokens(field);
            let bound =
                |b: &Option<_>, none: &str| b.as_ref().map_or(none.to_owned(), |b: &crate::attr::Bound| b.text.clone());
            let (min, max) = (bound(&range.min, "no lower bound"), bound(&range.max, "no upper bound"));
            let upto = if range.max_exclusive { "below" } else { "up to" };
            cx.error_spanned_by(at, format!("this default is outside the setting's `range`: from {min} {upto} {max}"));
        }
    }
}

/// `len` is for text and lists.
fn check_len(cx: &Ctxt, field: &Field) {
    let Some(len) = &field.attrs.len else { return };
    if !matches!(field.family(), Family::String | Family::List | Family::Path) {
        let message = format!(
            "`len` is for text and lists, and setting `{}` is a `{}`; for numbers and durations, use `range`",
            field.name,
            field.value_ty_text()
        );
        cx.error_spanned_by(&len.span, message);
    }
    if let (Some(min), Some(max)) = (len.min, len.max)
        && min > max
    {
        cx.error_spanned_by(&len.span, "this range is empty: its lower bound is above its upper bound");
    }
}

/// No two settings share a former name or a former variable (each would
/// read the other's value; the schema refuses it when first used).
fn check_unique_aliases(cx: &Ctxt, cont: &Container) {
    let mut names: HashMap<String, &Field> = HashMap::new();
    let mut envs: HashMap<String, &Field> = HashMap::new();
    for field in &cont.fields {
        for (seen, aliases, what) in
            [(&mut names, &field.attrs.alias, "former name"), (&mut envs, &field.attrs.alias_env, "former variable")]
        {
            for alias in aliases {
                if let Some(first) = seen.insert(alias.value(), field).filter(|first| first.ident != field.ident) {
                    let message = format!("`{}` is already a {what} of setting `{}`", alias.value(), first.name);
                    cx.error_spanned_by(alias, message);
                }
            }
        }
    }
}

/// Former names are not current ones, and former variables are variables.
fn check_aliases(cx: &Ctxt, cont: &Container, field: &Field) {
    for alias in &field.attrs.alias {
        let text = alias.value();
        if cont.fields.iter().any(|f| f.name == text) {
            cx.error_spanned_by(alias, format!("`{text}` is the name of a setting: a former name must be free"));
        } else if text.is_empty() || text.contains(['.', ' ']) {
            cx.error_spanned_by(alias, "a former name is a setting's name: not empty, without `.` or spaces");
        }
    }
    for alias in &field.attrs.alias_env {
        let text = alias.value();
        if !is_env_name(&text) {
            cx.error_spanned_by(alias, "a former variable is capital letters, digits and `_`");
        } else if cont.fields.iter().any(|f| !f.is_nested() && f.env == text) {
            cx.error_spanned_by(alias, format!("{text} is the variable of a setting: a former variable must be free"));
        }
    }
}

/// `known_env` names variables.
fn check_known_env(cx: &Ctxt, cont: &Container) {
    for name in &cont.attrs.known_env {
        if !is_env_name(&name.value()) {
            cx.error_spanned_by(name, "`known_env` lists variables: capital letters, digits and `_`");
        }
    }
}

/// A number of a setting's kind, to compare: durations in nanoseconds.
type Number = f64;

#[allow(clippy::cast_precision_loss)] // compared, not stored
fn bound_number(family: Family, bytes: bool, text: &str) -> Option<Number> {
    match family {
        Family::Duration => parse::duration(text).ok().map(|d| d.as_nanos() as f64),
        _ if bytes => parse::byte_count(text).ok().map(|n| n as f64),
        Family::Float { .. } => parse::float(text).ok(),
        _ => parse::integer(text).ok().map(|n| n as f64),
    }
}

fn kind_words(family: Family, bytes: bool) -> &'static str {
    match family {
        Family::Duration => "a duration",
        _ if bytes => "a byte count",
        Family::Float { .. } => "a number",
        _ => "a whole number",
    }
}

/// A literal default as a number to compare with bounds.
fn literal_default_number(field: &Field, family: Family) -> Option<Number> {
    let Some(attr::Default::Lit { lit, negative }) = &field.attrs.default else { return None };
    let sign = if negative.is_some() { "-" } else { "" };
    let text = match lit {
        Lit::Int(i) => format!("{sign}{}", i.base10_digits()),
        Lit::Float(f) => format!("{sign}{}", f.base10_digits()),
        Lit::Str(s) => s.value(),
        _ => return None,
    };
    let family = if family == Family::Duration { Family::Duration } else { field.family() };
    bound_number(family, field.attrs.bytes.is_some(), &text).or_else(|| parse::float(&text).ok())
}

fn default_tokens(field: &Field) -> proc_macro2::TokenStream {
    match &field.attrs.default {
        Some(attr::Default::Lit { lit, negative }) => quote::quote!(#negative #lit),
        _ => quote::ToTokens::to_token_stream(field.ident),
    }
}

/// Whether the text holds a character that was reported already, when it
/// was read: the rules below say nothing more about such a value.
fn reported(s: &LitStr) -> bool {
    text::forbidden(&s.value(), Lines::One).is_some()
}

/// A setting owns its value, and `None` means unset: types the derive can
/// tell are wrong from their spelling.
fn check_type(cx: &Ctxt, field: &Field) {
    if let Some(inner) = field.option_inner
        && ast::option_inner(inner).is_some()
    {
        let message = "a setting cannot be an `Option<Option<T>>`: `None` already means that it has no value; \
                       write `Option<T>`";
        cx.error_spanned_by(field.ty, message);
        return;
    }
    if let Type::Reference(reference) = field.value_ty() {
        let owned = match ast::type_name(&reference.elem).as_deref() {
            Some("str") => "`String`",
            _ if matches!(*reference.elem, Type::Slice(_)) => "`Vec<String>`",
            _ => "an owned type",
        };
        let message =
            format!("a setting cannot borrow its value: use {owned} instead of `{}`", ast::type_text(field.value_ty()));
        cx.error_spanned_by(field.value_ty(), message);
    }
}

/// An environment variable is `[A-Z_][A-Z0-9_]*`. A bad prefix is
/// reported once, not once per setting it spoils.
fn check_env_names(cx: &Ctxt, cont: &Container) {
    let prefix = cont.attrs.env_prefix.as_ref().filter(|p| !reported(p));
    let bad_prefix = prefix.filter(|p| !p.value().is_empty() && !is_env_name(&p.value()));
    if let Some(prefix) = bad_prefix {
        let message = format!(
            "env_prefix {:?} cannot begin an environment variable: use capital letters, digits and `_`, not starting \
             with a digit",
            prefix.value()
        );
        cx.error_spanned_by(prefix, message);
    }
    for field in cont.fields.iter().filter(|f| !f.is_nested()) {
        let inherited =
            field.attrs.env.is_none() && (bad_prefix.is_some() || cont.attrs.env_prefix.as_ref().is_some_and(reported));
        if is_env_name(&field.env) || inherited || field.attrs.env.as_ref().is_some_and(reported) {
            continue;
        }
        let message = format!(
            "environment variable {:?} is not a valid name: use capital letters, digits and `_`, not starting with a digit",
            field.env
        );
        match &field.attrs.env {
            Some(env) => cx.error_spanned_by(env, message),
            None => cx.error_spanned_by(field.ident, message),
        }
    }
}

fn check_watch_prefixes(cx: &Ctxt, cont: &Container) {
    for prefix in &cont.attrs.watch_prefixes {
        if !is_env_name(&prefix.value()) && !reported(prefix) {
            let message = format!(
                "{:?} cannot begin an environment variable: use capital letters, digits and `_`",
                prefix.value()
            );
            cx.error_spanned_by(prefix, message);
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
    check_unique_aliases(cx, cont);
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
        if field.is_nested() {
            continue;
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

/// A name is what `set` and `get` are called with: no spaces, not empty.
fn check_name(cx: &Ctxt, field: &Field) {
    let Some(name) = field.attrs.name.as_ref().filter(|n| !reported(n)) else { return };
    let text = name.value();
    if text.is_empty() || text.chars().any(|c| c.is_whitespace() || c.is_control()) {
        cx.error_spanned_by(name, "a setting's name cannot be empty or hold spaces: it is what `set` and `get` take");
    }
}

/// Shorthands belong to importable settings, have distinct names that an
/// item of a list can be, and stand for dotted paths.
fn check_shorthands(cx: &Ctxt, field: &Field) {
    let Some(shorthands) = &field.attrs.shorthand else { return };
    if field.family() != Family::Importable {
        let message = "`shorthand` is only for importable settings: the field's type must be `Importable<T>`";
        cx.error_spanned_by(&shorthands.keyword, message);
    }
    if shorthands.pairs.is_empty() {
        cx.error_spanned_by(&shorthands.keyword, "`shorthand` needs at least one `name = \"dotted.path\"` pair");
    }
    let mut seen = HashSet::new();
    for (name, target) in &shorthands.pairs {
        if !seen.insert(name.value()) {
            cx.error_spanned_by(name, format!("shorthand `{}` is given twice", name.value()));
        }
        check_shorthand_name(cx, name);
        if !parse::is_dotted_path(&target.value()) && !reported(target) {
            let message =
                format!("shorthand target {:?} is not a dotted path such as package.module.Item", target.value());
            cx.error_spanned_by(target, message);
        }
    }
}

/// A shorthand's name is one item of a comma-separated list, and not a
/// dotted path, which it would hide.
fn check_shorthand_name(cx: &Ctxt, name: &LitStr) {
    let text = name.value();
    let problem = if text.is_empty() {
        "a shorthand's name cannot be empty: it would match an empty item of a list; give it a name, such as `thread`"
    } else if text.contains(',') {
        "a shorthand's name cannot hold `,`, which separates the items of a list: give it a name without one"
    } else if text.contains('.') {
        "a shorthand's name cannot hold `.`: it would look like a dotted path; give it a name without one, such as \
         `thread`"
    } else {
        return;
    };
    cx.error_spanned_by(name, problem);
}

/// `positive` is for numbers, `bytes` for integers.
fn check_number_flags(cx: &Ctxt, field: &Field) {
    let family = field.family();
    let ordered = family.is_ordered() || (family == Family::List && field.item_family().is_ordered());
    if let Some(positive) = &field.attrs.positive
        && !ordered
    {
        cx.error_spanned_by(positive, "`positive` is for number settings (an integer, float or duration type)");
    }
    if let (Some(bytes), Some(_)) = (&field.attrs.bytes, &field.attrs.from_str) {
        cx.error_spanned_by(bytes, "`bytes` reads a byte count, `from_str` the type's own text: use one");
    }
    if let Some(bytes) = &field.attrs.bytes
        && !matches!(family, Family::Integer(_))
    {
        cx.error_spanned_by(bytes, "`bytes` is for integer settings, such as `u64` or `Option<u64>`");
    }
}

/// `deprecated` says since when and what to do instead, and its replacement
/// is a setting.
fn check_deprecated(cx: &Ctxt, cont: &Container, field: &Field) {
    let Some(deprecated) = &field.attrs.deprecated else { return };
    // After a misspelt key, the "missing" one is most likely that key.
    let complete = !deprecated.has_bad_key;
    if complete && deprecated.since.is_none() {
        let message = "`deprecated` needs `since = \"version\"`, as in `deprecated(since = \"1.3a2\")`";
        cx.error_spanned_by(&deprecated.keyword, message);
    }
    if complete && deprecated.replacement.is_none() && deprecated.note.is_none() {
        let message =
            "`deprecated` needs `replacement = \"setting\"` or `note = \"...\"` to tell users what to do instead";
        cx.error_spanned_by(&deprecated.keyword, message);
    }
    let Some(replacement) = deprecated.replacement.as_ref().filter(|r| !reported(r)) else { return };
    let wanted = replacement.value();
    match cont.fields.iter().find(|f| f.name == wanted) {
        _ if wanted == field.name => cx.error_spanned_by(replacement, "a setting cannot be its own replacement"),
        None => cx.error_spanned_by(replacement, unknown_setting("replacement", cont, &wanted)),
        Some(other) if other.attrs.hidden.is_some() => {
            let message = format!(
                "`replacement` names `{wanted}`, which is `hidden`: the docs would send users to a setting they \
                 do not show; name a setting that is not hidden, or use `note`"
            );
            cx.error_spanned_by(replacement, message);
        }
        Some(_) => {}
    }
}

/// Following replacements from any deprecated setting ends at a setting
/// that is not deprecated: `a` replaced by `b` and `b` by `a` would send
/// users round in circles. Each cycle is reported once, at the replacement
/// of its first setting.
fn check_deprecation_cycles(cx: &Ctxt, cont: &Container) {
    let replacement = |index: usize| cont.fields[index].attrs.deprecated.as_ref()?.replacement.as_ref();
    let index_of = |name: String| cont.fields.iter().position(|f| f.name == name);
    for start in 0..cont.fields.len() {
        let mut chain = vec![start];
        while let Some(next) = replacement(chain[chain.len() - 1]).and_then(|r| index_of(r.value())) {
            if next == start && chain.len() > 1 && chain.iter().all(|&i| i >= start) {
                let names: Vec<String> =
                    chain[1..].iter().chain([&start]).map(|&i| format!("`{}`", cont.fields[i].name)).collect();
                let message = format!(
                    "these settings replace each other in a cycle: `{}` is replaced by {}; a chain of replacements \
                     must end at a setting that is not deprecated",
                    cont.fields[start].name,
                    names.join(", which is replaced by ")
                );
                cx.error_spanned_by(replacement(start), message);
            }
            if chain.contains(&next) {
                break;
            }
            chain.push(next);
        }
    }
}

/// A secret's default is never shown, so it cannot have a text to show.
fn check_secret(cx: &Ctxt, field: &Field) {
    if field.attrs.secret.is_some()
        && let Some(default_doc) = &field.attrs.default_doc
    {
        cx.error_spanned_by(default_doc, "a secret's default is never shown: remove `default_doc`");
    }
}

/// A see-also entry that is a bare name must be a setting; anything else
/// is Markdown.
fn check_see_also(cx: &Ctxt, cont: &Container, field: &Field) {
    for entry in field.attrs.see_also.iter().filter(|e| !reported(e)) {
        let text = entry.value();
        let bare_name = !text.is_empty() && text.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
        if bare_name && !cont.fields.iter().any(|f| f.name == text) {
            cx.error_spanned_by(entry, unknown_setting("see_also", cont, &text));
        }
    }
}

fn unknown_setting(key: &str, cont: &Container, wanted: &str) -> String {
    let mut message = format!("`{key}` names `{wanted}`, which is not a setting of this struct");
    if let Some(close) = closest_name(cont, wanted) {
        message.push_str(&format!("; did you mean `{close}`?"));
    }
    message
}

fn closest_name<'a>(cont: &'a Container, wanted: &str) -> Option<&'a str> {
    cont.fields
        .iter()
        .map(|f| (strsim::normalized_damerau_levenshtein(wanted, &f.name), f.name.as_str()))
        .filter(|(score, _)| *score >= 0.7)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, name)| name)
}
