//! The per-field glue: a default function, four closures into the generic
//! helpers of `config_core::__private`, and one line of the loader. Each
//! closure is the same few tokens for every field, so the work is done once,
//! in config-core, monomorphised per field *type* rather than per field.

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote, quote_spanned};
use syn::spanned::Spanned;
use syn::{Lit, LitFloat, LitInt};

use crate::ast::{Container, Family, Field};
use crate::attr;
use crate::parse;

fn default_fn(index: usize) -> Ident {
    format_ident!("__default_{}", index)
}

fn validate_const(index: usize) -> Ident {
    format_ident!("__VALIDATE_{}", index)
}

/// Per field, `fn __default_N(setting) -> Result<T, Reason>` and
/// `const __VALIDATE_N: Validate<T>`: each is written once and used by the
/// loader and every operation.
pub(super) fn gen_field_items(cont: &Container) -> TokenStream {
    let items = cont.fields.iter().enumerate().map(|(index, field)| {
        let name = default_fn(index);
        let validate = validate_const(index);
        let validator = validator(field);
        let ty = field.ty;
        let body = gen_default_body(field);
        // Every default function has the loader's one signature, so those that
        // cannot fail still return a `Result`.
        quote! {
            #[allow(clippy::unnecessary_wraps)]
            fn #name(__setting: &'static _config::meta::SettingMeta) -> _config::__private::Result<#ty, _config::Reason> {
                let _ = __setting;
                #body
            }
            const #validate: _config::__private::Validate<#ty> = #validator;
        }
    });
    quote!(#(#items)*)
}

/// The default's value. A literal goes through `FromLit`, spanned at the
/// literal, so a literal of the wrong type is reported where it is written.
/// (Only the call that can fail carries the user's span: a path through a
/// prelude name with the user's span would trip `unused_qualifications`.)
fn gen_default_body(field: &Field) -> TokenStream {
    let ty = field.ty;
    let type_default = |span| quote_spanned!(span=> _config::__private::type_default::<#ty>());
    match &field.attrs.default {
        None if field.option_inner.is_some() => quote!(_config::__private::Ok(_config::__private::None)),
        None => {
            let call = type_default(ty.span());
            quote!(_config::__private::Ok(#call))
        }
        Some(attr::Default::Flag(flag)) => {
            let call = type_default(flag.span());
            quote!(_config::__private::Ok(#call))
        }
        Some(attr::Default::Lit { lit: Lit::Str(text), .. }) if field.attrs.bytes.is_some() => {
            // A byte count written as text ("64mb") is converted here; a bad
            // one was reported by the checks.
            match parse::byte_count(&text.value()) {
                Ok(bytes) => {
                    let lit = LitInt::new(&bytes.to_string(), text.span());
                    quote_spanned!(text.span()=> _config::__private::FromLit::from_lit(#lit, __setting))
                }
                Err(_) => {
                    let call = type_default(text.span());
                    quote!(_config::__private::Ok(#call))
                }
            }
        }
        Some(attr::Default::Lit { lit, negative }) => {
            let lit = float_if_needed(field, lit);
            quote_spanned!(lit.span()=> _config::__private::FromLit::from_lit(#negative #lit, __setting))
        }
        Some(attr::Default::List { items, span }) => {
            quote_spanned!(*span=> _config::__private::FromLit::from_lit([#(#items),*], __setting))
        }
        Some(attr::Default::Expr(expr)) => {
            let value = quote_spanned!(expr.span()=> _config::__private::into_default(#expr));
            quote!(_config::__private::Ok(#value))
        }
    }
}

/// `default = 5` on a float setting is `5.0`, as gevent writes
/// `memory_monitor_period`'s default; the docs still show `5`.
fn float_if_needed(field: &Field, lit: &Lit) -> Lit {
    match lit {
        Lit::Int(int) if field.family() == Family::Float => {
            Lit::Float(LitFloat::new(&format!("{}.0", int.base10_digits()), int.span()))
        }
        other => other.clone(),
    }
}

/// The user's validator, spanned at its path so a wrong signature is
/// reported there, or the no-op one.
fn validator(field: &Field) -> TokenStream {
    match &field.attrs.validate {
        Some(path) => quote_spanned!(path.span()=> #path),
        None => quote!(_config::__private::no_validator),
    }
}

/// The `FieldOps` entries, in declaration order.
pub(super) fn gen_ops(cont: &Container) -> TokenStream {
    let ops = cont.fields.iter().enumerate().map(|(index, field)| {
        let member = field.ident;
        let default = default_fn(index);
        let validate = validate_const(index);
        quote! {
            _config::__private::FieldOps {
                set: |__c, __v, __s| _config::__private::set(&mut __c.#member, __v, __s, #validate),
                reset: |__c, __s| _config::__private::reset(&mut __c.#member, __s, #default, #validate),
                get: |__c| _config::__private::get(&__c.#member),
                check: |__n, __o, __s| _config::__private::check(&__n.#member, &__o.#member, __s, #validate),
            }
        }
    });
    quote!(#(#ops,)*)
}

/// `fn __load`: every field loaded in turn (so every problem is collected),
/// then the struct built.
pub(super) fn gen_load(cont: &Container) -> TokenStream {
    let locals: Vec<Ident> = (0..cont.fields.len()).map(|i| format_ident!("__field{}", i)).collect();
    let loads = cont.fields.iter().enumerate().map(|(index, field)| {
        let local = &locals[index];
        let ty = field.ty;
        let default = default_fn(index);
        let validate = validate_const(index);
        quote!(let #local = __cx.field::<#ty>(#index, #default, #validate);)
    });
    let members = cont.fields.iter().map(|f| f.ident);
    quote! {
        fn __load(__cx: &mut _config::__private::LoadCx<'_, Self>) -> _config::__private::Option<Self> {
            #(#loads)*
            _config::__private::Some(Self { #(#members: #locals?,)* })
        }
    }
}
