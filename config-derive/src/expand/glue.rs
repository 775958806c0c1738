//! The per-field glue: a default function, a static `Field` (how to reach
//! the field, build its default and check it), one line of the loader; and
//! per nested group a static `Group` and one line of the loader. Each item
//! is the same few tokens for every field, so the work is done once, in
//! config-core, monomorphised per field *type* rather than per field.

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote, quote_spanned};
use syn::spanned::Spanned;
use syn::{Lit, Type};

use crate::ast::{Container, Field, type_name};
use crate::attr;

use super::meta::settings;

fn default_fn(index: usize) -> Ident {
    format_ident!("__default_{}", index)
}

fn field_static(index: usize) -> Ident {
    format_ident!("__FIELD_{}", index)
}

fn group_static(index: usize) -> Ident {
    format_ident!("__GROUP_{}", index)
}

/// The codec that reads a field: `Native` (the type's `SettingValue`), or
/// for `from_str` the `FromStr` codec, wrapped as the type is written
/// (`Option<T>`, `Vec<T>`, `Option<Vec<T>>`).
pub(super) fn codec(field: &Field) -> TokenStream {
    if field.attrs.from_str.is_none() {
        return quote!(_config::__private::Native);
    }
    let mut codec = quote!(_config::__private::ViaFromStr);
    if field.item_ty().is_some() {
        codec = quote!(_config::__private::ListOf<#codec>);
    }
    if field.option_inner.is_some() {
        codec = quote!(_config::__private::OptionOf<#codec>);
    }
    codec
}

/// Per setting, `fn __default_N(setting) -> Result<T, Reason>` and
/// `static __FIELD_N: Field<Struct, T, Codec>`.
pub(super) fn gen_field_items(cont: &Container) -> TokenStream {
    let ident = cont.ident;
    let items = settings(cont).map(|(index, field)| {
        let (default, name) = (default_fn(index), field_static(index));
        let validator = validator(field);
        let (ty, member, codec) = (field.ty, field.ident, codec(field));
        let default_item = if field.attrs.required.is_some() {
            quote!(const #default: _config::__private::MakeDefault<#ty> = _config::__private::no_default;)
        } else {
            let body = gen_default_body(field, &codec);
            // Every default function has the loader's one signature, so those
            // that cannot fail still return a `Result`.
            quote! {
                #[allow(clippy::unnecessary_wraps)]
                fn #default(__setting: &'static _config::meta::SettingMeta) -> _config::__private::Result<#ty, _config::Reason> {
                    let _ = __setting;
                    #body
                }
            }
        };
        quote! {
            #default_item
            static #name: _config::__private::Field<#ident, #ty, #codec> = _config::__private::Field {
                get: |__c| &__c.#member,
                get_mut: |__c| &mut __c.#member,
                default: #default,
                validate: #validator,
                codec: _config::__private::PhantomData,
            };
        }
    });
    let groups = cont.fields.iter().filter(|f| f.is_nested()).enumerate().map(|(index, field)| {
        let (name, ty, member) = (group_static(index), field.ty, field.ident);
        quote! {
            static #name: _config::__private::Group<#ident, #ty> = _config::__private::Group {
                get: |__c| &__c.#member,
                get_mut: |__c| &mut __c.#member,
            };
        }
    });
    quote!(#(#items)* #(#groups)*)
}

/// The default's value. A literal is read by the field's codec, as a value
/// from a source is, and was checked at compile time where the derive
/// knows the type's parser.
fn gen_default_body(field: &Field, codec: &TokenStream) -> TokenStream {
    let ty = field.ty;
    let type_default = |span| quote_spanned!(span=> _config::__private::type_default::<#ty>());
    let lit = |value: TokenStream| {
        quote!(_config::__private::default_lit::<#ty, #codec>(#value, __setting))
    };
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
        Some(attr::Default::Lit { lit: written, negative }) => lit(lit_value(written, negative.is_some())),
        Some(attr::Default::List { items, .. }) => lit(quote!(_config::__private::Lit::List(&[#(#items),*]))),
        Some(attr::Default::Expr(expr)) => {
            let value = quote_spanned!(expr.span()=> _config::__private::into_default(#expr));
            quote!(_config::__private::Ok(#value))
        }
    }
}

/// A literal as `Lit`: numbers exactly as written.
fn lit_value(lit: &Lit, negative: bool) -> TokenStream {
    let sign = if negative { quote!(-) } else { quote!() };
    match lit {
        Lit::Bool(b) => quote!(_config::__private::Lit::Bool(#b)),
        Lit::Int(i) => {
            let digits = syn::LitInt::new(&format!("{}i128", i.base10_digits()), i.span());
            quote!(_config::__private::Lit::Int(#sign #digits))
        }
        Lit::Float(f) => {
            let digits = syn::LitFloat::new(&format!("{}f64", f.base10_digits()), f.span());
            quote!(_config::__private::Lit::Float(#sign #digits))
        }
        Lit::Char(c) => {
            let text = c.value().to_string();
            quote!(_config::__private::Lit::Str(#text))
        }
        other => quote!(_config::__private::Lit::Str(#other)),
    }
}

/// The user's validator, spanned at its path so a wrong signature is
/// reported there, or the no-op one.
fn validator(field: &Field) -> TokenStream {
    match &field.attrs.validate {
        Some(validate) => {
            let path = &validate.path;
            quote_spanned!(path.span()=> #path)
        }
        None => quote!(_config::__private::no_validator),
    }
}

/// The `__OPS` table: every setting's static, in order.
pub(super) fn gen_ops(cont: &Container) -> TokenStream {
    let statics = settings(cont).map(|(index, _)| field_static(index));
    quote!(#(&#statics,)*)
}

/// The `__GROUPS` table.
pub(super) fn gen_groups(cont: &Container) -> TokenStream {
    let statics = (0..cont.fields.iter().filter(|f| f.is_nested()).count()).map(group_static);
    quote!(#(&#statics,)*)
}

/// The number of settings, the groups' included: a constant expression.
pub(super) fn gen_leaves(cont: &Container) -> TokenStream {
    let own = settings(cont).count();
    let groups = cont.fields.iter().filter(|f| f.is_nested()).map(|f| {
        let ty = f.ty;
        quote!(+ <#ty as _config::Settings>::__LEAVES)
    });
    quote!(#own #(#groups)*)
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

/// How each field is loaded: a setting by its index, a group from the
/// position of its first setting among the struct's.
fn load_call(cont: &Container, position: usize) -> TokenStream {
    let field = &cont.fields[position];
    if field.is_nested() {
        let ty = field.ty;
        let own = settings(cont).count();
        let before = cont.fields[..position].iter().filter(|f| f.is_nested()).map(|f| f.ty);
        quote!(__cx.group::<#ty>(#own #(+ <#before as _config::Settings>::__LEAVES)*))
    } else {
        let index = cont.fields[..position].iter().filter(|f| !f.is_nested()).count();
        let field = field_static(index);
        quote!(__cx.field(#index, &#field))
    }
}

/// Per chunk of fields: `struct __ChunkK(T, ...)` and the function that
/// loads it, or says that some value is missing.
pub(super) fn gen_load_chunks(cont: &Container) -> TokenStream {
    let ident = cont.ident;
    let chunks = cont.fields.chunks(CHUNK).enumerate().map(|(chunk, fields)| {
        let (structure, function) = (chunk_struct(chunk), chunk_fn(chunk));
        let tys: Vec<&Type> = fields.iter().map(|f| f.ty).collect();
        let loads = (0..fields.len()).map(|offset| load_call(cont, chunk * CHUNK + offset));
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

/// `fn __load`: every chunk loaded, then the struct built from them if
/// every field has a value.
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

/// For a string default whose type the derive cannot parse (an enum, a
/// `from_str` type, a type with its own `SettingValue`): an enum's is
/// checked at compile time against its choices; every such default is
/// also built by the test [`gen_default_test`] emits.
pub(super) fn gen_choice_checks(cont: &Container) -> TokenStream {
    let checks = settings(cont).filter_map(|(_, field)| {
        let Some(attr::Default::Lit { lit: Lit::Str(text), .. }) = &field.attrs.default else { return None };
        if field.attrs.from_str.is_some() || field.attrs.bytes.is_some() || !matches!(field.family(), crate::ast::Family::Other) {
            return None;
        }
        let ty = field.value_ty();
        let shown = type_name(ty).unwrap_or_default();
        let message = format!(
            "the default {:?} is not a choice of `{shown}`: write one of the names (or aliases) its \
             `#[derive(SettingEnum)]` gives",
            text.value()
        );
        Some(quote_spanned! {text.span()=>
            const _: () = {
                let __choices = <#ty as _config::SettingValue>::TYPE.choices;
                if !__choices.is_empty() && !_config::__private::is_choice(__choices, #text) {
                    ::core::panic!(#message);
                }
            };
        })
    });
    quote!(#(#checks)*)
}

/// A test that builds every default and checks that no two settings
/// share a name or a variable: what the derive cannot check at compile
/// time. Emitted beside the struct, for `cargo test`.
pub(super) fn gen_default_test(cont: &Container, krate: &TokenStream) -> TokenStream {
    let needs_test = cont.fields.iter().any(|f| {
        f.is_nested()
            || matches!(&f.attrs.default, Some(attr::Default::Lit { lit: Lit::Str(_), .. }) | Some(attr::Default::List { .. }))
                && (f.attrs.from_str.is_some() || f.family() == crate::ast::Family::Other)
    });
    if !needs_test {
        return TokenStream::new();
    }
    let ident = cont.ident;
    let module = format_ident!("__settings_defaults_of_{}", ident);
    quote! {
        #[cfg(test)]
        #[doc(hidden)]
        #[allow(non_snake_case, unnameable_test_items)]
        mod #module {
            #[test]
            fn every_default_can_be_built_and_every_name_is_distinct() {
                #krate::__private::check_defaults::<super::#ident>();
            }
        }
    }
}
