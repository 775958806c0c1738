//! The static `StructMeta` table: everything about every setting, as data.

use proc_macro2::TokenStream;
use quote::{ToTokens, quote};
use syn::{Lit, LitStr};

use crate::ast::{Container, Field};
use crate::attr::{self, Notation};
use crate::parse;

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
    let notation = match cont.attrs.notation {
        Notation::Rust => quote!(_config::meta::Notation::Rust),
        Notation::Python => quote!(_config::meta::Notation::Python),
    };
    let settings = (0..cont.fields.len()).map(setting_const);
    quote! {
        _config::meta::StructMeta {
            name: #name,
            title: #title,
            doc: #doc,
            added: #added,
            see_also: &[#(#see_also),*],
            env_prefix: #env_prefix,
            env_prefixes: &[#(#prefixes),*],
            notation: #notation,
            settings: &[#(#settings),*],
        }
    }
}

fn setting_const(index: usize) -> proc_macro2::Ident {
    quote::format_ident!("__SETTING_{}", index)
}

/// Per field, `const __SETTING_N: SettingMeta`, which the table copies: one
/// body per setting, as for the operations, keeps the compiler's work linear.
pub(super) fn gen_setting_consts(cont: &Container) -> TokenStream {
    let consts = cont.fields.iter().enumerate().map(|(index, field)| {
        let name = setting_const(index);
        let meta = gen_setting_meta(field);
        quote!(const #name: _config::meta::SettingMeta = #meta;)
    });
    quote!(#(#consts)*)
}

/// `_config::meta::SettingMeta { ... }` for one field.
fn gen_setting_meta(field: &Field) -> TokenStream {
    let attrs = &field.attrs;
    let (name, env, doc) = (&field.name, &field.env, &field.doc);
    let ty = field.ty;
    let kind = match attrs.bytes {
        Some(_) => quote!(_config::meta::Kind::ByteCount),
        None => quote!(<#ty as _config::SettingValue>::KIND),
    };
    let rust_type = crate::ast::type_text(ty);
    let optional = field.option_inner.is_some();
    let default = gen_default_value(field);
    let shorthands = attrs
        .shorthand
        .iter()
        .flat_map(|s| &s.pairs)
        .map(|(name, target)| quote!(_config::meta::Shorthand { name: #name, target: #target }));
    let positive = attrs.positive.iter().map(|_| quote!(_config::meta::Check::Positive));
    let custom = attrs.validate.iter().map(|path| {
        let function = path.to_token_stream().to_string().replace(' ', "");
        quote!(_config::meta::Check::Custom { function: #function })
    });
    let checks = positive.chain(custom);
    let deprecated = match &attrs.deprecated {
        Some(d) => gen_deprecation(d),
        None => quote!(_config::__private::None),
    };
    let added = opt_str(attrs.added.as_ref());
    let see_also = &attrs.see_also;
    let hidden = attrs.hidden.is_some();
    let secret = attrs.secret.is_some();
    quote! {
        _config::meta::SettingMeta {
            name: #name,
            env: #env,
            kind: #kind,
            rust_type: #rust_type,
            optional: #optional,
            doc: #doc,
            default: #default,
            shorthands: &[#(#shorthands),*],
            checks: &[#(#checks),*],
            deprecated: #deprecated,
            added: #added,
            see_also: &[#(#see_also),*],
            hidden: #hidden,
            secret: #secret,
        }
    }
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
        Some(_) if field.attrs.secret.is_some() => quote!(_config::meta::Literal::Code { code: "<redacted>" }),
        None if field.option_inner.is_some() => quote!(_config::meta::Literal::None),
        None | Some(attr::Default::Flag(_)) => quote!(_config::meta::Literal::Code { code: "Default::default()" }),
        Some(attr::Default::Lit { lit: Lit::Str(text), .. }) if field.attrs.bytes.is_some() => {
            let bytes = parse::byte_count(&text.value()).unwrap_or_default().to_string();
            quote!(_config::meta::Literal::Number(#bytes))
        }
        Some(attr::Default::Lit { lit, negative }) => literal(lit, negative.is_some()),
        Some(attr::Default::List { items, .. }) => quote!(_config::meta::Literal::List(&[#(#items),*])),
        Some(attr::Default::Expr(expr)) => {
            let code = expr.to_token_stream().to_string();
            quote!(_config::meta::Literal::Code { code: #code })
        }
    };
    // A byte count written as text is shown as written ("64mb").
    let written_bytes = match &field.attrs.default {
        Some(attr::Default::Lit { lit: Lit::Str(text), .. }) if field.attrs.bytes.is_some() => Some(text),
        _ => None,
    };
    let doc = opt_str(field.attrs.default_doc.as_ref().or(written_bytes));
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
        other => {
            let code = other.to_token_stream().to_string();
            quote!(_config::meta::Literal::Code { code: #code })
        }
    }
}

fn opt_str(s: Option<&LitStr>) -> TokenStream {
    match s {
        Some(s) => quote!(_config::__private::Some(#s)),
        None => quote!(_config::__private::None),
    }
}
