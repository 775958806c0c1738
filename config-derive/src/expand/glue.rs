//! The per-field glue: a checked type, a default function and a `static`
//! of function pointers into the generic helpers of `config_core::__private`
//! per field, the `__OPS` table of them, and the loader. The work is done
//! once, in config-core, monomorphised per field *type* rather than per
//! field. Names come from [`Names`] (see there why none can clash).

use std::collections::HashMap;

use proc_macro2::{Ident, Span, TokenStream};
use quote::{quote, quote_spanned};
#[allow(unused_imports)]
use syn::Type;
use syn::spanned::Spanned;
use syn::{Lit, LitFloat, LitInt};

use super::names::{Names, replace_self};
use crate::ast::{Container, Family, Field, type_name, type_text};
use crate::attr;
use crate::check;
use crate::range;

/// What the glue of one struct refers to: the names, the crate's alias,
/// and each field's checked type.
pub(super) struct Glue<'a> {
    pub(super) cont: &'a Container<'a>,
    pub(super) names: Names,
    /// The crate, by its alias in the block.
    pub(super) krate: Ident,
    /// Per field, the name of its checked type.
    types: Vec<Ident>,
    /// Per field, its index among the settings (`None` for a nested group).
    settings: Vec<Option<usize>>,
}

impl<'a> Glue<'a> {
    pub(super) fn new(cont: &'a Container<'a>) -> Self {
        let names = Names::new(cont);
        let krate = names.item("config");
        let mut seen = HashMap::new();
        let types = cont.fields.iter().map(|field| {
            let next = seen.len();
            let index = *seen.entry(type_text(field.ty)).or_insert(next);
            names.item(&format!("T{index}"))
        });
        let types = types.collect();
        let mut count = 0;
        let settings = cont
            .fields
            .iter()
            .map(|f| {
                (!f.is_nested()).then(|| {
                    count += 1;
                    count - 1
                })
            })
            .collect();
        Glue { cont, names, krate, types, settings }
    }

    /// The fields that are settings, with their field and setting indices.
    pub(super) fn settings(&self) -> impl Iterator<Item = (usize, usize, &'a Field<'a>)> + '_ {
        let fields = self.cont.fields.iter().enumerate();
        fields.filter_map(|(position, field)| Some((position, self.settings[position]?, field)))
    }

    /// The nested groups, with their field and group indices.
    pub(super) fn groups(&self) -> impl Iterator<Item = (usize, usize, &'a Field<'a>)> + '_ {
        let groups = self.cont.fields.iter().enumerate().filter(|(_, f)| f.is_nested());
        groups.enumerate().map(|(group, (position, field))| (position, group, field))
    }

    /// How many fields are settings.
    pub(super) fn setting_count(&self) -> usize {
        self.settings.iter().flatten().count()
    }

    pub(super) fn group_static(&self, index: usize) -> Ident {
        self.names.item(&format!("GROUP_{index}"))
    }

    /// `T` of field `index`, checked to be a setting type.
    pub(super) fn value_ty(&self, index: usize) -> &Ident {
        &self.types[index]
    }

    pub(super) fn field_static(&self, index: usize) -> Ident {
        self.names.item(&format!("FIELD_{index}"))
    }

    fn default_fn(&self, index: usize) -> Ident {
        self.names.item(&format!("default_{index}"))
    }
}

/// Per distinct field type `T` (`Option<V>` or `V`), the type alias the
/// glue writes it as: `<[T; <V as SettingType>::ONE] as Single>::Item`,
/// which is `T` when `V` is a setting type. When it is not, the one error
/// is reported at the field's type, and the alias is an error type, so that
/// no use of it adds an error of its own (see
/// `config_core::__private::SettingType`).
pub(super) fn gen_checked_types(glue: &Glue) -> TokenStream {
    let krate = &glue.krate;
    let mut declared = Vec::new();
    let aliases = glue.cont.fields.iter().zip(&glue.types).filter_map(|(field, alias)| {
        if declared.contains(alias) {
            return None;
        }
        declared.push(alias.clone());
        let (ty, value_ty) = (field.ty, field.value_ty());
        if field.is_nested() {
            let check = quote_spanned!(ty.span()=> <#ty as #krate::__private::SettingsGroup>::ONE);
            return Some(quote!(type #alias = <[#ty; #check] as #krate::__private::Single>::Item;));
        }
        let one = if field.attrs.from_str.is_some() {
            let read = field.item_ty().unwrap_or(value_ty);
            quote_spanned!(read.span()=> <#read as #krate::__private::FromStrValue>::ONE)
        } else {
            quote_spanned!(value_ty.span()=> <#value_ty as #krate::__private::SettingType>::ONE)
        };
        Some(quote!(type #alias = <[#ty; #one] as #krate::__private::Single>::Item;))
    });
    quote!(#(#aliases)*)
}

/// Per field, `fn __default_N(setting) -> Result<T, Reason>`. A literal goes
/// through `FromLit` and an expression through `ExprDefault`, each spanned at
/// what the user wrote, so that a default of the wrong type is reported
/// there. (Only the call that can fail carries the user's span: a path
/// through a prelude name with the user's span would trip
/// `unused_qualifications`.)
pub(super) fn gen_default_fns(glue: &Glue) -> TokenStream {
    let krate = &glue.krate;
    let setting = glue.names.local("setting");
    let fns = glue.settings().map(|(position, index, field)| {
        let (name, value_ty) = (glue.default_fn(index), glue.value_ty(position));
        if field.attrs.required.is_some() {
            return quote! {
                const #name: #krate::__private::MakeDefault<#value_ty> = #krate::__private::no_default;
            };
        }
        let body = gen_default_body(glue, field, value_ty, &setting, &codec(glue, field));
        quote! {
            fn #name(#setting: &'static #krate::meta::SettingMeta) -> #krate::__private::Result<#value_ty, #krate::Reason> {
                #body
            }
        }
    });
    quote!(#(#fns)*)
}

/// The codec that reads a field: `Native` (the type's `SettingValue`), or
/// for `from_str` the `FromStr` codec, wrapped as the type is written
/// (`Option<T>`, `Vec<T>`, `Option<Vec<T>>`).
pub(super) fn codec(glue: &Glue, field: &Field) -> TokenStream {
    let krate = &glue.krate;
    if field.attrs.from_str.is_none() {
        return quote!(#krate::__private::Native);
    }
    let mut codec = quote!(#krate::__private::ViaFromStr);
    if field.item_ty().is_some() {
        codec = quote!(#krate::__private::ListOf<#codec>);
    }
    if field.option_inner.is_some() {
        codec = quote!(#krate::__private::OptionOf<#codec>);
    }
    codec
}

fn gen_default_body(glue: &Glue, field: &Field, value_ty: &Ident, setting: &Ident, codec: &TokenStream) -> TokenStream {
    let krate = &glue.krate;
    // Spanned at the type or the flag, the alias too: the type's lack of a
    // `Default` is reported there.
    let type_default = |span| {
        let mut value_ty = value_ty.clone();
        value_ty.set_span(span);
        quote_spanned!(span=> #krate::__private::type_default::<#value_ty>())
    };
    // A literal is read by the field's codec when the settings load, as a
    // value from a source is (it was checked at compile time where the
    // derive knows the type's parser).
    let from_lit = |lit: TokenStream| quote!(#krate::__private::default_lit::<#value_ty, #codec>(#krate::__private::Lit::#lit, #setting));
    let value = match &field.attrs.default {
        None if field.option_inner.is_some() => quote!(#krate::__private::None),
        None => type_default(field.ty.span()),
        Some(attr::Default::Flag(flag)) => type_default(flag.span()),
        Some(attr::Default::Lit { lit, negative }) => return from_lit(lit_value(lit, negative.is_some())),
        Some(attr::Default::List { items, .. }) => return from_lit(quote!(List(&[#(#items),*]))),
        Some(attr::Default::Expr(expr)) => {
            let expr = replace_self(expr.clone(), glue.cont.ident);
            quote_spanned!(expr.span()=> #krate::__private::ExprDefault::expr_default(#expr))
        }
    };
    quote!(#krate::__private::Ok(#value))
}

/// A literal as a `Lit` variant: numbers exactly as written.
fn lit_value(lit: &Lit, negative: bool) -> TokenStream {
    let sign = if negative { quote!(-) } else { quote!() };
    match lit {
        Lit::Bool(b) => quote!(Bool(#b)),
        Lit::Int(i) => {
            let digits = LitInt::new(&format!("{}i128", i.base10_digits()), Span::call_site());
            quote!(Int(#sign #digits))
        }
        Lit::Float(f) => {
            let digits = LitFloat::new(&format!("{}f64", f.base10_digits()), Span::call_site());
            quote!(Float(#sign #digits))
        }
        Lit::Char(c) => {
            let text = c.value().to_string();
            quote!(Str(#text))
        }
        other => quote!(Str(#other)),
    }
}

/// Per field, `static __FIELD_N: Field<Struct, T>`: how to reach the field,
/// its default and its validator, which the loader and every operation use.
/// The validator is spanned at its path, so a wrong signature is reported
/// there.
pub(super) fn gen_field_statics(glue: &Glue) -> TokenStream {
    let (ident, krate) = (glue.cont.ident, &glue.krate);
    let c = glue.names.local("c");
    let statics = glue.settings().map(|(position, index, field)| {
        let (name, value_ty, default) = (glue.field_static(index), glue.value_ty(position), glue.default_fn(index));
        let (member, codec) = (field.ident, codec(glue, field));
        let validate = match &field.attrs.validate {
            Some(validate) => {
                let path = &validate.path;
                let path = replace_self(quote!(#path), ident);
                quote_spanned!(path.span()=> #path)
            }
            None => quote!(#krate::__private::no_validator),
        };
        quote! {
            static #name: #krate::__private::Field<#ident, #value_ty, #codec> = #krate::__private::Field {
                get: |#c| &#c.#member,
                get_mut: |#c| &mut #c.#member,
                default: #default,
                validate: #validate,
                codec: #krate::__private::PhantomData,
            };
        }
    });
    let groups = glue.groups().map(|(position, index, field)| {
        let (name, ty, member) = (glue.group_static(index), glue.value_ty(position), field.ident);
        quote! {
            static #name: #krate::__private::Group<#ident, #ty> = #krate::__private::Group {
                get: |#c| &#c.#member,
                get_mut: |#c| &mut #c.#member,
            };
        }
    });
    quote!(#(#statics)* #(#groups)*)
}

/// The `__OPS` table: every field's static, in declaration order.
pub(super) fn gen_ops(glue: &Glue) -> TokenStream {
    let statics = glue.settings().map(|(_, index, _)| glue.field_static(index));
    quote!(#(&#statics,)*)
}

/// The `__GROUPS` table: every group's static, in declaration order.
pub(super) fn gen_groups(glue: &Glue) -> TokenStream {
    let statics = glue.groups().map(|(_, index, _)| glue.group_static(index));
    quote!(#(&#statics,)*)
}

/// The number of settings, the groups' included: a constant expression.
pub(super) fn gen_leaves(glue: &Glue) -> TokenStream {
    let krate = &glue.krate;
    let own = glue.setting_count();
    let groups = glue.groups().map(|(position, _, _)| {
        let ty = glue.value_ty(position);
        quote!(+ <#ty as #krate::Settings>::__LEAVES)
    });
    quote!(#own #(#groups)*)
}

/// How a field is loaded: a setting by its index, a group from the index of
/// its first setting among the struct's (its own settings come first).
fn load_call(glue: &Glue, position: usize, cx: &Ident) -> TokenStream {
    let krate = &glue.krate;
    match glue.settings[position] {
        Some(index) => {
            let field = glue.field_static(index);
            quote!(#cx.field(#index, &#field))
        }
        None => {
            let ty = glue.value_ty(position);
            let own = glue.setting_count();
            let before = glue.groups().take_while(|(p, _, _)| *p < position).map(|(p, _, _)| glue.value_ty(p));
            quote!(#cx.group::<#ty>(#own #(+ <#before as #krate::Settings>::__LEAVES)*))
        }
    }
}

/// How many fields one loading function takes on: the fields are loaded in
/// chunks of this many, each chunk a function of its own returning its
/// fields as a tuple, so that no function grows with the struct (the
/// optimiser's time grows faster than the size of the function it
/// optimises).
const CHUNK: usize = 32;

fn chunk_fn(glue: &Glue, chunk: usize) -> Ident {
    glue.names.item(&format!("load_chunk_{chunk}"))
}

fn chunk_local(glue: &Glue, chunk: usize) -> Ident {
    glue.names.local(&format!("chunk{chunk}"))
}

fn value_local(glue: &Glue, offset: usize) -> Ident {
    glue.names.local(&format!("value{offset}"))
}

/// Per chunk of fields, the function that loads them, or says that some
/// default could not be built. Every field is loaded (so every problem is
/// collected) before the values are matched, as one pattern: `?` after each
/// would give each early return drops of its own, quadratic for the
/// compiler.
pub(super) fn gen_load_chunks(glue: &Glue) -> TokenStream {
    let (ident, krate) = (glue.cont.ident, &glue.krate);
    let cx = glue.names.local("cx");
    let chunks = glue.cont.fields.chunks(CHUNK).enumerate().map(|(chunk, fields)| {
        let function = chunk_fn(glue, chunk);
        let indices = chunk * CHUNK..chunk * CHUNK + fields.len();
        let types = indices.clone().map(|index| glue.value_ty(index));
        let loads = indices.map(|position| load_call(glue, position, &cx));
        let locals: Vec<Ident> = (0..fields.len()).map(|offset| value_local(glue, offset)).collect();
        quote! {
            #[inline(never)]
            fn #function(#cx: &mut #krate::__private::LoadCx<'_, #ident>) -> #krate::__private::Option<(#(#types,)*)> {
                match (#(#loads,)*) {
                    (#(#krate::__private::Some(#locals),)*) => #krate::__private::Some((#(#locals,)*)),
                    _ => #krate::__private::None,
                }
            }
        }
    });
    quote!(#(#chunks)*)
}

/// `fn __load`: every chunk loaded, then the struct built from them if every
/// default could be built.
pub(super) fn gen_load(glue: &Glue) -> TokenStream {
    let krate = &glue.krate;
    let cx = glue.names.local("cx");
    let count = glue.cont.fields.len().div_ceil(CHUNK);
    let calls = (0..count).map(|chunk| {
        let function = chunk_fn(glue, chunk);
        quote!(#function(#cx))
    });
    let chunks: Vec<Ident> = (0..count).map(|chunk| chunk_local(glue, chunk)).collect();
    let members = glue.cont.fields.iter().enumerate().map(|(index, field)| {
        let (member, chunk) = (field.ident, &chunks[index / CHUNK]);
        let position = syn::Index::from(index % CHUNK);
        quote!(#member: #chunk.#position)
    });
    let body = if glue.cont.fields.is_empty() {
        quote!(#krate::__private::Some(Self {}))
    } else {
        quote! {
            match (#(#calls,)*) {
                (#(#krate::__private::Some(#chunks),)*) => #krate::__private::Some(Self { #(#members,)* }),
                _ => #krate::__private::None,
            }
        }
    };
    quote! {
        fn __load(#cx: &mut #krate::__private::LoadCx<'_, Self>) -> #krate::__private::Option<Self> {
            #body
        }
    }
}

/// A function named as each local binding (see `names`).
pub(super) fn gen_local_shadows(glue: &Glue) -> TokenStream {
    let count = glue.cont.fields.len();
    let values = (0..count.min(CHUNK)).map(|offset| value_local(glue, offset));
    let chunks = (0..count.div_ceil(CHUNK)).map(|chunk| chunk_local(glue, chunk));
    let fixed = ["c", "cx", "setting"].map(|name| glue.names.local(name));
    let names = fixed.into_iter().chain(values).chain(chunks);
    quote!(#(fn #names() {})*)
}

/// For a string default whose type the derive cannot parse (an enum, a
/// type with its own `SettingValue`): an enum's is checked at compile time
/// against its choices; every such default is also built by the test
/// [`gen_default_test`] emits.
pub(super) fn gen_choice_checks(glue: &Glue) -> TokenStream {
    let krate = &glue.krate;
    let checks = glue.settings().filter_map(|(position, _, field)| {
        let Some(attr::Default::Lit { lit: Lit::Str(text), .. }) = &field.attrs.default else { return None };
        if field.attrs.from_str.is_some() || field.attrs.bytes.is_some() || field.family() != Family::Other {
            return None;
        }
        let _ = position;
        let ty = field.value_ty();
        let shown = type_name(ty).unwrap_or_default();
        let message = format!(
            "the default {:?} is not a choice of `{shown}`: write one of the names (or aliases) its \
             `#[derive(SettingEnum)]` gives",
            text.value()
        );
        let choices = glue.names.local("choices");
        Some(quote_spanned! {text.span()=>
            const _: () = {
                let #choices = <#ty as #krate::SettingValue>::TYPE.choices;
                if !#choices.is_empty() && !#krate::__private::is_choice(#choices, #text) {
                    ::core::panic!(#message);
                }
            };
        })
    });
    quote!(#(#checks)*)
}

/// A test beside the struct, for `cargo test`: every default can be built
/// and no two settings share a name or a variable, what the derive cannot
/// check at compile time (a `from_str` type's default, a type's own
/// `SettingValue`, names across nested groups).
pub(super) fn gen_default_test(glue: &Glue, krate_path: &TokenStream) -> TokenStream {
    let cont = glue.cont;
    let needs_test = cont.fields.iter().any(|f| {
        f.is_nested()
            || matches!(
                &f.attrs.default,
                Some(attr::Default::Lit { lit: Lit::Str(_), .. }) | Some(attr::Default::List { .. })
            ) && (f.attrs.from_str.is_some() || f.family() == Family::Other)
    });
    if !needs_test {
        return TokenStream::new();
    }
    let ident = cont.ident;
    let module = quote::format_ident!("__settings_defaults_of_{}", ident);
    quote! {
        #[cfg(test)]
        #[doc(hidden)]
        #[allow(non_snake_case, unnameable_test_items)]
        mod #module {
            #[test]
            fn every_default_can_be_built_and_every_name_is_distinct() {
                #krate_path::__private::check_defaults::<super::#ident>();
            }
        }
    }
}

/// A literal default of an `isize` or `usize` field that does not fit the
/// type on a narrower target than the 64 bits the derive checked: an error
/// when compiled for such a target.
pub(super) fn gen_width_checks(cont: &Container) -> TokenStream {
    let checks = cont.fields.iter().filter_map(|field| {
        let (n, ty) = check::pointer_sized_default(field)?;
        let span = match &field.attrs.default {
            Some(attr::Default::Lit { lit, .. }) => lit.span(),
            _ => field.ty.span(),
        };
        let errors = range::narrow_widths(n, ty).into_iter().map(|(bits, range)| {
            let width = bits.to_string();
            let (a, name) = (range::article(ty.name), ty.name);
            let message = format!("{n} does not fit {a} `{name}` on a {bits}-bit target ({range})");
            quote_spanned!(span=> #[cfg(target_pointer_width = #width)] ::core::compile_error! { #message })
        });
        Some(quote!(#(#errors)*))
    });
    quote!(#(#checks)*)
}

#[cfg(test)]
mod tests {
    fn expansion(input: &str) -> String {
        let input: syn::DeriveInput = syn::parse_str(input).unwrap();
        crate::expand::expand_derive_settings(&input).to_string()
    }

    #[test]
    fn pointer_sized_defaults_are_checked_against_narrower_targets() {
        let output =
            expansion("struct C { #[setting(default = 5000000000)] a: usize, #[setting(default = 70000)] b: isize }");
        for (width, message) in [
            ("32", "5000000000 does not fit a `usize` on a 32-bit target (0 to 4294967295)"),
            ("16", "5000000000 does not fit a `usize` on a 16-bit target (0 to 65535)"),
            ("16", "70000 does not fit an `isize` on a 16-bit target (-32768 to 32767)"),
        ] {
            let check =
                format!("# [cfg (target_pointer_width = \"{width}\")] :: core :: compile_error ! {{ \"{message}\" }}");
            assert!(output.contains(&check), "{check}\n{output}");
        }
        assert!(!output.contains("70000 does not fit an `isize` on a 32"), "{output}");
        assert!(!expansion("struct C { #[setting(default = 65535)] a: usize }").contains("compile_error"));
    }

    #[test]
    fn each_field_type_is_checked_once() {
        let output = expansion("struct C { a: u32, b: Option<u32>, c: u32, d: String, e: u32 }");
        assert_eq!(output.matches("SettingType").count(), 3, "{output}");
    }
}
