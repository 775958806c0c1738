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

fn field_static(index: usize) -> Ident {
    format_ident!("__FIELD_{}", index)
}

/// Per field, `fn __default_N(setting) -> Result<T, Reason>` and
/// `static __FIELD_N: Field<Struct, T>`: how to reach the field, its default
/// and its validator, which the loader and every operation use. One item per
/// field, with two trivial closures: the compiler checks each body on its
/// own, so its work grows with the number of fields and no faster.
pub(super) fn gen_field_items(cont: &Container) -> TokenStream {
    let ident = cont.ident;
    let items = cont.fields.iter().enumerate().map(|(index, field)| {
        let (default, name) = (default_fn(index), field_static(index));
        let validator = validator(field);
        let (ty, member) = (field.ty, field.ident);
        let body = gen_default_body(field);
        // Every default function has the loader's one signature, so those that
        // cannot fail still return a `Result`.
        quote! {
            #[allow(clippy::unnecessary_wraps)]
            fn #default(__setting: &'static _config::meta::SettingMeta) -> _config::__private::Result<#ty, _config::Reason> {
                let _ = __setting;
                #body
            }
            static #name: _config::__private::Field<#ident, #ty> = _config::__private::Field {
                get: |__c| &__c.#member,
                get_mut: |__c| &mut __c.#member,
                default: #default,
                validate: #validator,
            };
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

/// The `__OPS` table: every field's static, in declaration order.
pub(super) fn gen_ops(cont: &Container) -> TokenStream {
    let statics = (0..cont.fields.len()).map(field_static);
    quote!(#(&#statics,)*)
}

/// How many fields one loading function takes on: the fields are loaded in
/// chunks of this many, each chunk a function of its own returning its
/// fields in a struct of its own, so that no function grows with the struct
/// (the optimiser's time grows faster than the size of the function it
/// optimises).
const CHUNK: usize = 32;

fn chunk_struct(chunk: usize) -> Ident {
    format_ident!("__Chunk{}", chunk)
}

fn chunk_fn(chunk: usize) -> Ident {
    format_ident!("__load_chunk_{}", chunk)
}

/// Per chunk of fields: `struct __ChunkK(T, ...)` and the function that
/// loads it, or says that some default could not be built.
pub(super) fn gen_load_chunks(cont: &Container) -> TokenStream {
    let ident = cont.ident;
    let chunks = cont.fields.chunks(CHUNK).enumerate().map(|(chunk, fields)| {
        let (structure, function) = (chunk_struct(chunk), chunk_fn(chunk));
        let tys: Vec<_> = fields.iter().map(|f| f.ty).collect();
        let loads = (0..fields.len()).map(|offset| {
            let index = chunk * CHUNK + offset;
            let field = field_static(index);
            quote!(__cx.field(#index, &#field))
        });
        let locals: Vec<Ident> = (0..fields.len()).map(|i| format_ident!("__value{}", i)).collect();
        quote! {
            struct #structure(#(#tys,)*);

            // Every field is loaded (so every problem is collected) before the
            // values are matched, as one pattern: `?` after each would give
            // each early return drops of its own, quadratic for the compiler.
            #[inline(never)]
            fn #function(__cx: &mut _config::__private::LoadCx<'_, #ident>) -> _config::__private::Option<#structure> {
                match (#(#loads,)*) {
                    (#(_config::__private::Some(#locals),)*) => _config::__private::Some(#structure(#(#locals,)*)),
                    _ => _config::__private::None,
                }
            }
        }
    });
    quote!(#(#chunks)*)
}

/// `fn __load`: every chunk loaded, then the struct built from them if every
/// default could be built.
pub(super) fn gen_load(cont: &Container) -> TokenStream {
    let count = cont.fields.chunks(CHUNK).len();
    let calls = (0..count).map(|chunk| {
        let function = chunk_fn(chunk);
        quote!(#function(__cx))
    });
    let chunks: Vec<Ident> = (0..count).map(|chunk| format_ident!("__chunk{}", chunk)).collect();
    let members = cont.fields.iter().enumerate().map(|(index, field)| {
        let (member, chunk) = (field.ident, &chunks[index / CHUNK]);
        let position = syn::Index::from(index % CHUNK);
        quote!(#member: #chunk.#position)
    });
    let body = if cont.fields.is_empty() {
        quote!(_config::__private::Some(Self {}))
    } else {
        quote! {
            match (#(#calls,)*) {
                (#(_config::__private::Some(#chunks),)*) => _config::__private::Some(Self { #(#members,)* }),
                _ => _config::__private::None,
            }
        }
    };
    quote! {
        fn __load(__cx: &mut _config::__private::LoadCx<'_, Self>) -> _config::__private::Option<Self> {
            #body
        }
    }
}
