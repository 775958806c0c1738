//! The static `StructMeta` table: everything about every setting, as data.

use proc_macro2::TokenStream;
use quote::{ToTokens, quote};
use syn::{Lit, LitStr};

use crate::ast::{Container, Field};
use crate::attr::{self, Notation};

/// `_config::meta::StructMeta { ... }`
pub(super) fn gen_struct_meta(cont: &Container) -> TokenStream {
    let name = cont.ident.to_string();
    let title = opt_str(cont.attrs.title.as_ref());
    let doc = &cont.doc;
    let added = opt_str(cont.attrs.added.as_ref());
    let see_also = &cont.attrs.see_also;
    let env_prefix = cont.attrs.env_prefix.as_ref().map(LitStr::value).unwrap_or_default();
    let prefixes = Some(&env_prefix).filter(|p| !p.is_empty()).into_iter().cloned();
    let prefixes = prefixes.chain(cont.attrs.watch_prefixes.iter().map(LitStr::value));
    let known_env = &cont.attrs.known_env;
    let notation = match cont.attrs.notation {
        Notation::Rust => quote!(_config::meta::Notation::Rust),
        Notation::Python => quote!(_config::meta::Notation::Python),
    };
    let settings = settings(cont).map(|(index, _)| setting_const(index));
    let groups = cont.fields.iter().filter(|f| f.is_nested()).map(gen_group_meta);
    quote! {
        _config::meta::StructMeta {
            name: #name,
            title: #title,
            doc: #doc,
            added: #added,
            see_also: &[#(#see_also),*],
            env_prefix: #env_prefix,
            env_prefixes: &[#(#prefixes),*],
            known_env: &[#(#known_env),*],
            notation: #notation,
            settings: &[#(#settings),*],
            groups: &[#(#groups),*],
        }
    }
}

/// The fields that are settings (not groups), with their index among them.
pub(super) fn settings<'c, 'a>(cont: &'c Container<'a>) -> impl Iterator<Item = (usize, &'c Field<'a>)> {
    cont.fields.iter().filter(|f| !f.is_nested()).enumerate()
}

/// A nested group: its name, its part of the variable prefix, and the
/// nested struct's own table.
fn gen_group_meta(field: &Field) -> TokenStream {
    let (name, doc, ty) = (&field.name, &field.doc, field.ty);
    let prefix = match &field.attrs.env_prefix {
        Some(prefix) => prefix.value(),
        None => format!("{}_", field.name.to_uppercase()),
    };
    quote! {
        _config::meta::GroupMeta {
            name: #name,
            env_prefix: #prefix,
            doc: #doc,
            meta: <#ty as _config::Settings>::META,
        }
    }
}

pub(super) fn setting_const(index: usize) -> proc_macro2::Ident {
    quote::format_ident!("__SETTING_{}", index)
}

/// Per setting, `const __SETTING_N: SettingMeta`, which the table copies: one
/// body per setting, as for the operations, keeps the compiler's work linear.
pub(super) fn gen_setting_consts(cont: &Container) -> TokenStream {
    let rules = gen_rules(&cont.attrs);
    let consts = settings(cont).map(|(index, field)| {
        let name = setting_const(index);
        let meta = gen_setting_meta(field, &rules);
        quote!(const #name: _config::meta::SettingMeta = #meta;)
    });
    quote!(#(#consts)*)
}

/// `_config::meta::Rules { ... }` from the container's attributes.
fn gen_rules(attrs: &attr::Container) -> TokenStream {
    let empty = match attrs.empty_values.as_ref().map(LitStr::value).as_deref() {
        Some("numbers") => quote!(_config::meta::EmptyValues::Numbers),
        _ => quote!(_config::meta::EmptyValues::Unset),
    };
    let items = match attrs.list_items.as_ref().map(LitStr::value).as_deref() {
        Some("as_given") => quote!(_config::meta::ListItems::AsGiven),
        _ => quote!(_config::meta::ListItems::Trimmed),
    };
    quote!(_config::meta::Rules { empty_values: #empty, list_items: #items })
}

/// `_config::meta::SettingMeta { ... }` for one field.
fn gen_setting_meta(field: &Field, rules: &TokenStream) -> TokenStream {
    let attrs = &field.attrs;
    let (name, env, doc) = (&field.name, &field.env, &field.doc);
    let value = gen_value_type(field);
    let rust_type = crate::ast::type_text(field.ty);
    let optional = field.option_inner.is_some();
    let required = attrs.required.is_some();
    let default = gen_default_value(field);
    let shorthands = attrs
        .shorthand
        .iter()
        .flat_map(|s| &s.pairs)
        .map(|(name, target)| quote!(_config::meta::Shorthand { name: #name, target: #target }));
    let checks = gen_checks(attrs);
    let deprecated = match &attrs.deprecated {
        Some(d) => gen_deprecation(d),
        None => quote!(_config::__private::None),
    };
    let (aliases, env_aliases) = (&attrs.alias, &attrs.alias_env);
    let added = opt_str(attrs.added.as_ref());
    let see_also = &attrs.see_also;
    let hidden = attrs.hidden.is_some();
    let secret = attrs.secret.is_some();
    let frozen = attrs.frozen.is_some();
    quote! {
        _config::meta::SettingMeta {
            name: #name,
            env: #env,
            value: #value,
            rust_type: #rust_type,
            optional: #optional,
            required: #required,
            doc: #doc,
            default: #default,
            shorthands: &[#(#shorthands),*],
            checks: &[#(#checks),*],
            rules: #rules,
            deprecated: #deprecated,
            aliases: &[#(#aliases),*],
            env_aliases: &[#(#env_aliases),*],
            added: #added,
            see_also: &[#(#see_also),*],
            hidden: #hidden,
            secret: #secret,
            frozen: #frozen,
        }
    }
}

/// What the values look like: the type's own description, a byte count for
/// `bytes`, `FromStr` text for `from_str`, or the `expected` override.
fn gen_value_type(field: &Field) -> TokenStream {
    let attrs = &field.attrs;
    let base = if attrs.bytes.is_some() {
        quote!(_config::meta::ValueType::of(_config::meta::Kind::ByteCount))
    } else if attrs.from_str.is_some() {
        let custom = quote!(_config::meta::ValueType::of(_config::meta::Kind::Custom));
        match field.item_ty() {
            Some(_) => {
                let item = match &attrs.expected {
                    Some(expected) => quote!(#custom.expecting(#expected)),
                    None => custom,
                };
                quote!(_config::meta::ValueType::list(&#item))
            }
            None => custom,
        }
    } else {
        let ty = field.ty;
        quote!(<#ty as _config::SettingValue>::TYPE)
    };
    match (&attrs.expected, attrs.from_str.is_some() && field.item_ty().is_some()) {
        (Some(expected), false) => quote!(#base.expecting(#expected)),
        _ => base,
    }
}

/// `positive`, `range`, `len` and a validator's `expected`, as data.
fn gen_checks(attrs: &attr::Field) -> Vec<TokenStream> {
    let mut checks = Vec::new();
    if attrs.positive.is_some() {
        checks.push(quote!(_config::meta::Check::Positive));
    }
    if let Some(range) = &attrs.range {
        let text = |b: &Option<attr::Bound>| match b {
            Some(b) => {
                let text = &b.text;
                quote!(_config::__private::Some(#text))
            }
            None => quote!(_config::__private::None),
        };
        let (min, max, exclusive) = (text(&range.min), text(&range.max), range.max_exclusive);
        checks.push(quote!(_config::meta::Check::Range { min: #min, max: #max, max_exclusive: #exclusive }));
    }
    if let Some(len) = &attrs.len {
        let number = |n: Option<u64>| match n {
            Some(n) => quote!(_config::__private::Some(#n)),
            None => quote!(_config::__private::None),
        };
        let (min, max) = (number(len.min), number(len.max));
        checks.push(quote!(_config::meta::Check::Len { min: #min, max: #max }));
    }
    if let Some(validate) = &attrs.validate {
        let expected = opt_str(validate.expected.as_ref());
        checks.push(quote!(_config::meta::Check::Custom { expected: #expected }));
    }
    checks
}

fn gen_deprecation(d: &attr::Deprecated) -> TokenStream {
    let since = d.since.as_ref().map(LitStr::value).unwrap_or_default();
    let replacement = opt_str(d.replacement.as_ref());
    let note = opt_str(d.note.as_ref());
    quote! {
        _config::__private::Some(_config::meta::Deprecation { since: #since, replacement: #replacement, note: #note })
    }
}

/// The default as data: what was written, for the docs. A secret's default
/// is not written down at all, so no output made from the metadata can show
/// it.
fn gen_default_value(field: &Field) -> TokenStream {
    let value = match &field.attrs.default {
        _ if field.attrs.required.is_some() => quote!(_config::meta::Literal::Required { required: true }),
        Some(_) if field.attrs.secret.is_some() => quote!(_config::meta::Literal::Code { code: "<redacted>" }),
        None if field.option_inner.is_some() => quote!(_config::meta::Literal::None),
        None | Some(attr::Default::Flag(_)) => quote!(_config::meta::Literal::Code { code: "Default::default()" }),
        Some(attr::Default::Lit { lit, negative }) => literal(lit, negative.is_some()),
        Some(attr::Default::List { items, .. }) => quote!(_config::meta::Literal::List(&[#(#items),*])),
        Some(attr::Default::Expr(expr)) => {
            let code = expr.to_token_stream().to_string();
            quote!(_config::meta::Literal::Code { code: #code })
        }
    };
    let doc = match field.attrs.secret {
        Some(_) => quote!(_config::__private::None),
        None => opt_str(field.attrs.default_doc.as_ref()),
    };
    quote!(_config::meta::DefaultValue { value: #value, doc: #doc })
}

fn literal(lit: &Lit, negative: bool) -> TokenStream {
    let sign = if negative { "-" } else { "" };
    match lit {
        Lit::Bool(b) => quote!(_config::meta::Literal::Bool(#b)),
        Lit::Int(i) => {
            let text = format!("{sign}{}", i.base10_digits());
            quote!(_config::meta::Literal::Number(#text))
        }
        Lit::Float(f) => {
            let text = format!("{sign}{}", f.base10_digits());
            quote!(_config::meta::Literal::Number(#text))
        }
        Lit::Str(s) => quote!(_config::meta::Literal::Str(#s)),
        Lit::Char(c) => {
            let text = c.value().to_string();
            quote!(_config::meta::Literal::Str(#text))
        }
        other => {
            let code = other.to_token_stream().to_string();
            quote!(_config::meta::Literal::Code { code: #code })
        }
    }
}

pub(super) fn opt_str(s: Option<&LitStr>) -> TokenStream {
    match s {
        Some(s) => quote!(_config::__private::Some(#s)),
        None => quote!(_config::__private::None),
    }
}
