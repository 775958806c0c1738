//! The static metadata: everything about every setting, as data.

use proc_macro2::{Ident, TokenStream};
use quote::{ToTokens, quote};
use syn::{Lit, LitStr};

use super::glue::Glue;
use crate::ast::Field;
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
    let known_env = &cont.attrs.known_env;
    let notation = match cont.attrs.notation {
        Notation::Rust => quote!(#krate::meta::Notation::Rust),
        Notation::Python => quote!(#krate::meta::Notation::Python),
    };
    let settings = glue.settings().map(|(_, index, _)| setting_const(glue, index));
    let groups = glue.groups().map(|(position, _, field)| gen_group_meta(glue, position, field));
    quote! {
        #krate::meta::StructMeta {
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

/// A nested group: its name, its part of the variable prefix, and the
/// nested struct's own table.
fn gen_group_meta(glue: &Glue, position: usize, field: &Field) -> TokenStream {
    let krate = &glue.krate;
    let (name, doc, ty) = (&field.name, &field.doc, glue.value_ty(position));
    let prefix = field.group_prefix();
    quote! {
        #krate::meta::GroupMeta { name: #name, env_prefix: #prefix, doc: #doc, meta: <#ty as #krate::Settings>::META }
    }
}

fn setting_const(glue: &Glue, index: usize) -> Ident {
    glue.names.item(&format!("SETTING_{index}"))
}

/// Per field, `const __SETTING_N: SettingMeta`, which the table copies: one
/// body per setting keeps the compiler's work linear.
pub(super) fn gen_setting_consts(glue: &Glue) -> TokenStream {
    let krate = &glue.krate;
    let rules = gen_rules(&glue.cont.attrs, &quote!(#krate));
    let consts = glue.settings().map(|(position, index, field)| {
        let name = setting_const(glue, index);
        let value = gen_value_type(field, glue.value_ty(position), &quote!(#krate));
        let meta = gen_setting_meta(field, value, &rules, &quote!(#krate));
        quote!(const #name: #krate::meta::SettingMeta = #meta;)
    });
    quote!(#(#consts)*)
}

/// `Rules { ... }` from the struct's attributes.
fn gen_rules(attrs: &attr::Container, krate: &TokenStream) -> TokenStream {
    let numbers = attrs.empty_values.as_ref().is_some_and(|v| v.value() == "numbers");
    let as_given = attrs.list_items.as_ref().is_some_and(|v| v.value() == "as_given");
    if !numbers && !as_given {
        return quote!(#krate::meta::Rules::STANDARD);
    }
    let empty =
        if numbers { quote!(#krate::meta::EmptyValues::Numbers) } else { quote!(#krate::meta::EmptyValues::Unset) };
    let items =
        if as_given { quote!(#krate::meta::ListItems::AsGiven) } else { quote!(#krate::meta::ListItems::Trimmed) };
    quote!(#krate::meta::Rules { empty_values: #empty, list_items: #items })
}

/// What the values look like: the type's own description, a byte count for
/// `bytes`, `FromStr` text for `from_str`, or the `expected` override.
fn gen_value_type(field: &Field, value_ty: &Ident, krate: &TokenStream) -> TokenStream {
    let attrs = &field.attrs;
    let expected = |base: TokenStream| match &attrs.expected {
        Some(expected) => quote!(#base.expecting(#expected)),
        None => base,
    };
    if attrs.bytes.is_some() {
        return expected(quote!(#krate::meta::ValueType::of(#krate::meta::Kind::ByteCount)));
    }
    if attrs.from_str.is_some() {
        let custom = expected(quote!(#krate::meta::ValueType::of(#krate::meta::Kind::Custom)));
        return match field.item_ty() {
            Some(_) => quote!(#krate::meta::ValueType::list(&#custom)),
            None => custom,
        };
    }
    expected(quote!(<#value_ty as #krate::SettingValue>::TYPE))
}

/// `SettingMeta { ... }` for one field.
fn gen_setting_meta(field: &Field, value: TokenStream, rules: &TokenStream, krate: &TokenStream) -> TokenStream {
    let attrs = &field.attrs;
    let (name, env, doc) = (&field.name, &field.env, &field.doc);
    let rust_type = crate::ast::type_text(field.ty);
    let optional = field.option_inner.is_some();
    let required = attrs.required.is_some();
    let default = gen_default_value(field, krate);
    let shorthands = attrs
        .shorthand
        .iter()
        .flat_map(|s| &s.pairs)
        .map(|(name, target)| quote!(#krate::meta::Shorthand { name: #name, target: #target }));
    let checks = gen_checks(attrs, krate);
    let deprecated = match &attrs.deprecated {
        Some(d) => gen_deprecation(d, krate),
        None => quote!(#krate::__private::None),
    };
    // Only what differs from `__private::SETTING` is written: the compiler
    // checks a short literal faster, and a struct has many.
    let mut rest = Vec::new();
    let mut flag = |on: bool, name: &str| {
        if on {
            let name = syn::Ident::new(name, proc_macro2::Span::call_site());
            rest.push(quote!(#name: true));
        }
    };
    flag(optional, "optional");
    flag(required, "required");
    flag(attrs.hidden.is_some(), "hidden");
    flag(attrs.secret.is_some(), "secret");
    flag(attrs.frozen.is_some(), "frozen");
    if attrs.shorthand.as_ref().is_some_and(|s| !s.pairs.is_empty()) {
        rest.push(quote!(shorthands: &[#(#shorthands),*]));
    }
    if !checks.is_empty() {
        rest.push(quote!(checks: &[#(#checks),*]));
    }
    if rules.to_string() != quote!(#krate::meta::Rules::STANDARD).to_string() {
        rest.push(quote!(rules: #rules));
    }
    if attrs.deprecated.is_some() {
        rest.push(quote!(deprecated: #deprecated));
    }
    let (aliases, env_aliases) = (&attrs.alias, &attrs.alias_env);
    if !aliases.is_empty() {
        rest.push(quote!(aliases: &[#(#aliases),*]));
    }
    if !env_aliases.is_empty() {
        rest.push(quote!(env_aliases: &[#(#env_aliases),*]));
    }
    if attrs.added.is_some() {
        let added = opt_str(krate, attrs.added.as_ref());
        rest.push(quote!(added: #added));
    }
    if !attrs.see_also.is_empty() {
        let see_also = &attrs.see_also;
        rest.push(quote!(see_also: &[#(#see_also),*]));
    }
    quote! {
        #krate::meta::SettingMeta {
            name: #name,
            env: #env,
            value: #value,
            rust_type: #rust_type,
            doc: #doc,
            default: #default,
            #(#rest,)*
            ..#krate::__private::SETTING
        }
    }
}

/// `positive`, `range`, `len` and a validator's `expected`, as data.
fn gen_checks(attrs: &attr::Field, krate: &TokenStream) -> Vec<TokenStream> {
    let some = |text: TokenStream| quote!(#krate::__private::Some(#text));
    let none = quote!(#krate::__private::None);
    let mut checks = Vec::new();
    if attrs.positive.is_some() {
        checks.push(quote!(#krate::meta::Check::Positive));
    }
    if let Some(range) = &attrs.range {
        let text = |b: &Option<attr::Bound>| match b {
            Some(b) => {
                let text = &b.text;
                some(quote!(#text))
            }
            None => none.clone(),
        };
        let (min, max, exclusive) = (text(&range.min), text(&range.max), range.max_exclusive);
        checks.push(quote!(#krate::meta::Check::Range { min: #min, max: #max, max_exclusive: #exclusive }));
    }
    if let Some(len) = &attrs.len {
        let number = |n: Option<u64>| n.map_or_else(|| none.clone(), |n| some(quote!(#n)));
        let (min, max) = (number(len.min), number(len.max));
        checks.push(quote!(#krate::meta::Check::Len { min: #min, max: #max }));
    }
    if let Some(validate) = &attrs.validate {
        let expected = opt_str(krate, validate.expected.as_ref());
        checks.push(quote!(#krate::meta::Check::Custom { expected: #expected }));
    }
    checks
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
        _ if field.attrs.required.is_some() => quote!(#krate::meta::Literal::Required { required: true }),
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
        Lit::Char(c) => {
            let text = c.value().to_string();
            quote!(#krate::meta::Literal::Str(#text))
        }
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
        let value = quote!(::config_core::meta::ValueType::of(::config_core::meta::Kind::Integer));
        let rules = quote!(::config_core::meta::Rules::STANDARD);
        cont.fields
            .iter()
            .map(|field| super::gen_setting_meta(field, value.clone(), &rules, &krate).to_string())
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
    fn a_validator_says_what_it_accepts_not_its_rust_name() {
        let metas = setting_metas(
            "struct Config { #[setting(validate(with = Self::check, expected = \"an even port\"))] port: u16 }",
        );
        assert!(
            metas[0].contains("Check :: Custom { expected : :: config_core :: __private :: Some (\"an even port\") }"),
            "{}",
            metas[0]
        );
        assert!(!metas[0].contains("Self") && !metas[0].contains("check)"), "{}", metas[0]);
    }
}
