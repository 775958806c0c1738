//! The static metadata: everything about every setting, as data.

use proc_macro2::{Ident, TokenStream};
use quote::{ToTokens, quote};
use syn::{Lit, LitStr};

use super::glue::Glue;
use crate::ast::{Container, Field};
use crate::attr::{self, Notation};
use crate::parse;

/// `StructMeta { ... }`.
pub(super) fn gen_struct_meta(glue: &Glue) -> TokenStream {
    let (cont, krate) = (glue.cont, &glue.krate.to_token_stream());
    let name = cont.ident.to_string();
    let title = opt_str(krate, cont.attrs.title.as_ref());
    let doc = &cont.doc;
    let added = opt_str(krate, cont.attrs.added.as_ref());
    let see_also = &cont.attrs.see_also;
    let env_prefix = cont.attrs.env_prefix.as_ref().map(LitStr::value).unwrap_or_default();
    let prefixes = Some(&env_prefix).filter(|p| !p.is_empty()).into_iter().cloned();
    let prefixes = prefixes.chain(cont.attrs.watch_prefixes.iter().map(LitStr::value));
    let notation = match cont.attrs.notation {
        Notation::Rust => quote!(#krate::meta::Notation::Rust),
        Notation::Python => quote!(#krate::meta::Notation::Python),
    };
    let settings = (0..cont.fields.len()).map(|index| setting_const(glue, index));
    quote! {
        #krate::meta::StructMeta {
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

fn setting_const(glue: &Glue, index: usize) -> Ident {
    glue.names.item(&format!("SETTING_{index}"))
}

/// Per field, `const __SETTING_N: SettingMeta`, which the table copies: one
/// body per setting keeps the compiler's work linear.
pub(super) fn gen_setting_consts(glue: &Glue) -> TokenStream {
    let krate = &glue.krate;
    let consts = glue.cont.fields.iter().enumerate().map(|(index, field)| {
        let name = setting_const(glue, index);
        let kind = match field.attrs.bytes {
            Some(_) => quote!(#krate::meta::Kind::ByteCount),
            None => {
                let value_ty = glue.value_ty(index);
                quote!(<#value_ty as #krate::SettingValue>::KIND)
            }
        };
        let meta = gen_setting_meta(glue.cont, field, kind, &quote!(#krate));
        quote!(const #name: #krate::meta::SettingMeta = #meta;)
    });
    quote!(#(#consts)*)
}

/// `SettingMeta { ... }` for one field.
fn gen_setting_meta(cont: &Container, field: &Field, kind: TokenStream, krate: &TokenStream) -> TokenStream {
    let attrs = &field.attrs;
    let (name, env, doc) = (&field.name, &field.env, &field.doc);
    let rust_type = crate::ast::type_text(field.ty);
    let optional = field.option_inner.is_some();
    let default = gen_default_value(field, krate);
    let shorthands = attrs
        .shorthand
        .iter()
        .flat_map(|s| &s.pairs)
        .map(|(name, target)| quote!(#krate::meta::Shorthand { name: #name, target: #target }));
    let positive = attrs.positive.iter().map(|_| quote!(#krate::meta::Check::Positive));
    let custom = attrs.validate.iter().map(|path| {
        let function = function_name(cont, path);
        quote!(#krate::meta::Check::Custom { function: #function })
    });
    let checks = positive.chain(custom);
    let deprecated = match &attrs.deprecated {
        Some(d) => gen_deprecation(d, krate),
        None => quote!(#krate::__private::None),
    };
    let added = opt_str(krate, attrs.added.as_ref());
    let see_also = &attrs.see_also;
    let hidden = attrs.hidden.is_some();
    let secret = attrs.secret.is_some();
    quote! {
        #krate::meta::SettingMeta {
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

/// A validator's path as the docs show it: `Self::check` is `Config::check`.
fn function_name(cont: &Container, path: &syn::Path) -> String {
    let text = path.to_token_stream().to_string().replace(' ', "");
    match text.strip_prefix("Self::") {
        Some(rest) => format!("{}::{rest}", cont.ident),
        None => text,
    }
}

fn gen_deprecation(d: &attr::Deprecated, krate: &TokenStream) -> TokenStream {
    let since = d.since.as_ref().map(LitStr::value).unwrap_or_default();
    let replacement = opt_str(krate, d.replacement.as_ref());
    let note = opt_str(krate, d.note.as_ref());
    quote! {
        #krate::__private::Some(#krate::meta::Deprecation { since: #since, replacement: #replacement, note: #note })
    }
}

/// The default as data: what was written, for the docs. A secret's default
/// is not written down at all, nor any text made from it (a byte count as
/// written; a `default_doc`, which the checks reject), so that no output
/// made from the metadata can show it.
fn gen_default_value(field: &Field, krate: &TokenStream) -> TokenStream {
    let secret = field.attrs.secret.is_some();
    let value = match &field.attrs.default {
        Some(_) if secret => quote!(#krate::meta::Literal::Code { code: "<redacted>" }),
        None if field.option_inner.is_some() => quote!(#krate::meta::Literal::None),
        None | Some(attr::Default::Flag(_)) => quote!(#krate::meta::Literal::Code { code: "Default::default()" }),
        Some(attr::Default::Lit { lit: Lit::Str(text), .. }) if field.attrs.bytes.is_some() => {
            let bytes = parse::byte_count(&text.value()).unwrap_or_default().to_string();
            quote!(#krate::meta::Literal::Number(#bytes))
        }
        Some(attr::Default::Lit { lit, negative }) => literal(krate, lit, negative.is_some()),
        Some(attr::Default::List { items, .. }) => quote!(#krate::meta::Literal::List(&[#(#items),*])),
        Some(attr::Default::Expr(expr)) => {
            let code = expr.to_string();
            quote!(#krate::meta::Literal::Code { code: #code })
        }
    };
    // A byte count written as text is shown as written ("64mb").
    let written_bytes = match &field.attrs.default {
        Some(attr::Default::Lit { lit: Lit::Str(text), .. }) if field.attrs.bytes.is_some() => Some(text),
        _ => None,
    };
    let doc = if secret { None } else { field.attrs.default_doc.as_ref().or(written_bytes) };
    let doc = opt_str(krate, doc);
    quote!(#krate::meta::DefaultValue { value: #value, doc: #doc })
}

fn literal(krate: &TokenStream, lit: &Lit, negative: bool) -> TokenStream {
    let sign = if negative { "-" } else { "" };
    match lit {
        Lit::Bool(b) => quote!(#krate::meta::Literal::Bool(#b)),
        Lit::Int(i) => {
            let text = format!("{sign}{}", i.base10_digits());
            quote!(#krate::meta::Literal::Number(#text))
        }
        Lit::Float(f) => {
            let text = format!("{sign}{}", f.base10_digits());
            quote!(#krate::meta::Literal::Number(#text))
        }
        Lit::Str(s) => quote!(#krate::meta::Literal::Str(#s)),
        other => {
            let code = other.to_token_stream().to_string();
            quote!(#krate::meta::Literal::Code { code: #code })
        }
    }
}

fn opt_str(krate: &TokenStream, s: Option<&LitStr>) -> TokenStream {
    match s {
        Some(s) => quote!(#krate::__private::Some(#s)),
        None => quote!(#krate::__private::None),
    }
}

#[cfg(test)]
mod tests {
    use quote::quote;

    use crate::ast::Container;
    use crate::ctxt::Ctxt;

    /// The metadata of each field of `input`, as text.
    fn setting_metas(input: &str) -> Vec<String> {
        let input: syn::DeriveInput = syn::parse_str(input).unwrap();
        let cx = Ctxt::new();
        let cont = Container::from_ast(&cx, &input).unwrap();
        cx.check().unwrap();
        let krate = quote!(::config_core);
        let kind = quote!(::config_core::meta::Kind::Integer);
        cont.fields
            .iter()
            .map(|field| super::gen_setting_meta(&cont, field, kind.clone(), &krate).to_string())
            .collect()
    }

    #[test]
    fn a_secrets_default_is_nowhere_in_the_metadata() {
        let metas = setting_metas(
            r#"struct Vault {
                #[setting(secret, bytes, default = "7kb")]
                size: u64,
                #[setting(secret, default = "hunter2")]
                password: String,
                #[setting(secret, default = 0.125)]
                ratio: f64,
                #[setting(bytes, default = "7kb")]
                public: u64,
            }"#,
        );
        for (meta, secret) in metas[..3].iter().zip(["7kb", "hunter2", "0.125"]) {
            assert!(!meta.contains(secret), "{meta}");
            assert!(!meta.contains("7168"), "{meta}");
            assert!(meta.contains("doc : :: config_core :: __private :: None"), "{meta}");
        }
        assert!(metas[3].contains("\"7kb\""), "the written byte count is shown when not secret: {}", metas[3]);
    }

    #[test]
    fn a_validator_named_through_self_is_shown_with_the_structs_name() {
        let metas = setting_metas("struct Config { #[setting(validate = Self::check)] port: u16 }");
        assert!(metas[0].contains("function : \"Config::check\""), "{}", metas[0]);
    }
}
