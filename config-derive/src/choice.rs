//! `#[derive(SettingEnum)]`: an enum of unit variants becomes a setting's
//! choices. Each variant is written in kebab-case (`TraceAll` is
//! `trace-all`) unless it says `#[choice(name = "...")]`; it may have
//! aliases (`#[choice(alias = "warning")]`, or a list) and a doc comment.
//! The table of choices is static data; parsing and errors are generic code
//! in config-core.

use proc_macro2::TokenStream;
use quote::quote;
use syn::{Data, DeriveInput, Fields, LitStr, Token};

use crate::ctxt::Ctxt;
use crate::docs::doc_text;

struct Variant<'a> {
    ident: &'a syn::Ident,
    name: String,
    aliases: Vec<String>,
    doc: String,
}

/// The whole expansion, or every error.
pub(crate) fn expand_derive_setting_enum(input: &DeriveInput) -> TokenStream {
    let cx = Ctxt::new();
    let variants = variants(&cx, input);
    if let Some(variants) = &variants {
        check_names(&cx, variants);
    }
    match (cx.check(), variants) {
        (Ok(()), Some(variants)) => gen_impls(input, &variants),
        (result, _) => result.err().map(|e| e.to_compile_error()).unwrap_or_default(),
    }
}

fn variants<'a>(cx: &Ctxt, input: &'a DeriveInput) -> Option<Vec<Variant<'a>>> {
    let Data::Enum(data) = &input.data else {
        cx.error_spanned_by(
            &input.ident,
            "`SettingEnum` is for enums of unit variants; for a struct, derive `Settings`",
        );
        return None;
    };
    if !input.generics.params.is_empty() {
        cx.error_spanned_by(&input.generics, "`SettingEnum` cannot be derived for a generic enum");
        return None;
    }
    if data.variants.is_empty() {
        cx.error_spanned_by(&input.ident, "an enum of settings choices needs at least one variant");
    }
    let mut out = Vec::new();
    for variant in &data.variants {
        if !matches!(variant.fields, Fields::Unit) {
            let message = "a setting's choice is a unit variant: remove its fields (a choice carries no data)";
            cx.error_spanned_by(&variant.fields, message);
            continue;
        }
        let (name, aliases) = choice_attrs(cx, variant);
        let name = name.unwrap_or_else(|| kebab_case(&variant.ident.to_string()));
        out.push(Variant { ident: &variant.ident, name, aliases, doc: doc_text(cx, &variant.attrs) });
    }
    Some(out)
}

/// `#[choice(name = "...", alias = "..." | ["...", ...])]`
fn choice_attrs(cx: &Ctxt, variant: &syn::Variant) -> (Option<String>, Vec<String>) {
    let (mut name, mut aliases) = (None, Vec::new());
    for attr in variant.attrs.iter().filter(|a| a.path().is_ident("choice")) {
        let parsed = attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("name") {
                let value: LitStr = meta.value()?.parse()?;
                check_word(cx, &value);
                name = Some(value.value());
            } else if meta.path.is_ident("alias") {
                let input = meta.value()?;
                if input.peek(syn::token::Bracket) {
                    let content;
                    syn::bracketed!(content in input);
                    for alias in content.parse_terminated(<LitStr as syn::parse::Parse>::parse, Token![,])? {
                        check_word(cx, &alias);
                        aliases.push(alias.value());
                    }
                } else {
                    let alias: LitStr = input.parse()?;
                    check_word(cx, &alias);
                    aliases.push(alias.value());
                }
            } else {
                let message = "unknown key in `#[choice(...)]`; valid keys are: name, alias";
                return Err(meta.error(message));
            }
            Ok(())
        });
        if let Err(error) = parsed {
            cx.syn_error(error);
        }
    }
    (name, aliases)
}

/// A choice's name is a word a person types: no space or comma, none of
/// the characters no one-line attribute may hold (controls, bidirectional
/// and zero-width ones), not empty.
fn check_word(cx: &Ctxt, lit: &LitStr) {
    let text = lit.value();
    if text.is_empty() {
        cx.error_spanned_by(lit, "a choice's name cannot be empty");
    } else if let Some(c) = text
        .chars()
        .find(|&c| c.is_whitespace() || c == ',')
        .or_else(|| crate::text::forbidden(&text, crate::text::Lines::One))
    {
        let message = format!("a choice's name cannot hold {c:?}: write one word, such as \"warn\"");
        cx.error_spanned_by(lit, message);
    }
}

/// Two choices (or aliases) that read the same, without regard to case.
fn check_names(cx: &Ctxt, variants: &[Variant]) {
    let mut seen: Vec<(String, &syn::Ident)> = Vec::new();
    for variant in variants {
        for name in std::iter::once(&variant.name).chain(&variant.aliases) {
            let key = name.to_ascii_lowercase();
            if let Some((_, other)) = seen.iter().find(|(k, _)| *k == key) {
                let message =
                    format!("`{name}` names both `{other}` and `{}`: give each choice its own names", variant.ident);
                cx.error_spanned_by(variant.ident, message);
            } else {
                seen.push((key, variant.ident));
            }
        }
    }
}

/// `TraceAll` → `trace-all`
fn kebab_case(ident: &str) -> String {
    let mut out = String::new();
    for (i, c) in ident.trim_start_matches("r#").chars().enumerate() {
        if c.is_uppercase() && i > 0 {
            out.push('-');
        }
        out.extend(c.to_lowercase());
    }
    out.replace('_', "-")
}

fn gen_impls(input: &DeriveInput, variants: &[Variant]) -> TokenStream {
    let ident = &input.ident;
    let choices = variants.iter().map(|v| {
        let (name, aliases, doc) = (&v.name, &v.aliases, &v.doc);
        quote!(_config::meta::Choice { name: #name, aliases: &[#(#aliases),*], doc: #doc })
    });
    let idents = variants.iter().map(|v| v.ident);
    quote! {
        #[doc(hidden)]
        const _: () = {
            use ::config_core as _config;

            #[automatically_derived]
            impl _config::SettingEnum for #ident {
                const CHOICES: &'static [_config::meta::Choice] = &[#(#choices),*];
                const VARIANTS: &'static [Self] = &[#(Self::#idents),*];
            }

            #[automatically_derived]
            impl _config::SettingValue for #ident {
                const TYPE: _config::meta::ValueType = _config::meta::ValueType {
                    kind: _config::meta::Kind::Choice,
                    expected: _config::meta::Kind::Choice.expected(),
                    choices: <Self as _config::SettingEnum>::CHOICES,
                    item: _config::__private::None,
                };
                type Inner = Self;

                fn parse(
                    __text: &str,
                    _: &'static _config::meta::SettingMeta,
                ) -> _config::__private::Result<Self, _config::Reason> {
                    _config::__private::parse_choice::<Self>(__text)
                }

                fn to_value(&self) -> _config::Value {
                    _config::__private::choice_value(*self)
                }

                fn inner(&self) -> _config::__private::Option<&Self> {
                    _config::__private::Some(self)
                }
            }
        };
    }
}
