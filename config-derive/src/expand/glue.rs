//! The per-field glue: a checked type, a default function and a `static`
//! of function pointers into the generic helpers of `config_core::__private`
//! per field, the `__OPS` table of them, and the loader. The work is done
//! once, in config-core, monomorphised per field *type* rather than per
//! field. Names come from [`Names`] (see there why none can clash).

use std::collections::HashMap;

use proc_macro2::{Ident, Span, TokenStream};
use quote::{quote, quote_spanned};
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

/// Per field whose default is an expression, `fn __default_N(_) ->
/// Result<T, Reason>`: the expression through `ExprDefault`, spanned at what
/// the user wrote, so that a default of the wrong type is reported there.
/// (Only the call that can fail carries the user's span: a path through a
/// prelude name with the user's span would trip `unused_qualifications`.)
/// Every other default is data (see [`gen_default`]).
pub(super) fn gen_default_fns(glue: &Glue) -> TokenStream {
    let krate = &glue.krate;
    let fns = glue.settings().filter_map(|(position, index, field)| {
        let Some(attr::Default::Expr(expr)) = &field.attrs.default else { return None };
        if field.attrs.required.is_some() {
            return None;
        }
        let (name, value_ty) = (glue.default_fn(index), glue.value_ty(position));
        let expr = replace_self(expr.clone(), glue.cont.ident);
        let value = quote_spanned!(expr.span()=> #krate::__private::ExprDefault::expr_default(#expr));
        Some(quote! {
            fn #name(_: &'static #krate::meta::SettingMeta) -> #krate::__private::Result<#value_ty, #krate::Reason> {
                #krate::__private::Ok(#value)
            }
        })
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

/// A field's default as data, a `DefaultOf`: a literal is read by the
/// field's codec when the settings load, as a value from a source is (it was
/// checked at compile time where the derive knows the type's parser); the
/// type's `Default` is spanned at the type or the flag, where a type without
/// one is reported.
fn gen_default(glue: &Glue, field: &Field, position: usize, index: usize) -> TokenStream {
    let krate = &glue.krate;
    let value_ty = glue.value_ty(position);
    let type_default = |span| {
        let mut value_ty = value_ty.clone();
        value_ty.set_span(span);
        let make = quote_spanned!(span=> #krate::__private::type_default::<#value_ty>);
        quote!(#krate::__private::DefaultOf::Make(#make))
    };
    let lit = |lit: TokenStream| quote!(#krate::__private::DefaultOf::Lit(#krate::__private::Lit::#lit));
    if field.attrs.required.is_some() {
        return quote!(#krate::__private::DefaultOf::Required);
    }
    match &field.attrs.default {
        None if field.option_inner.is_some() => lit(quote!(None)),
        None => type_default(field.ty.span()),
        Some(attr::Default::Flag(flag)) => type_default(flag.span()),
        Some(attr::Default::Lit { lit: value, negative }) => lit(lit_value(value, negative.is_some())),
        Some(attr::Default::List { items, .. }) => lit(quote!(List(&[#(#items),*]))),
        Some(attr::Default::Expr(_)) => {
            let function = glue.default_fn(index);
            quote!(#krate::__private::DefaultOf::Make(#function))
        }
    }
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

/// Per field, `static __FIELD_N: Field<T, K>`: its default and its
/// validator, which the loader and every operation use. The validator is
/// spanned at its path, so a wrong signature is reported there.
pub(super) fn gen_field_statics(glue: &Glue) -> TokenStream {
    let (ident, krate) = (glue.cont.ident, &glue.krate);
    let statics = glue.settings().map(|(position, index, field)| {
        let (name, value_ty) = (glue.field_static(index), glue.value_ty(position));
        let default = gen_default(glue, field, position, index);
        let codec = codec(glue, field);
        let validate = match &field.attrs.validate {
            Some(validate) => {
                let path = &validate.path;
                let path = replace_self(quote!(#path), ident);
                let path = quote_spanned!(path.span()=> #path);
                let validator = quote! {
                    #krate::__private::Validator::<#value_ty, #codec> {
                        validate: #path,
                        types: #krate::__private::PhantomData,
                    }
                };
                quote!(#krate::__private::Some(#validator.validate))
            }
            None => quote!(#krate::__private::None),
        };
        quote! {
            static #name: #krate::__private::Field<#value_ty, #codec> =
                #krate::__private::Field::new(#default, #validate);
        }
    });
    quote!(#(#statics)*)
}

/// The struct's table: where each setting is (its offset) with its
/// `static`, and where each nested group is, in declaration order: the
/// lists as constants, and the table made of them.
pub(super) fn gen_table(glue: &Glue) -> (TokenStream, TokenStream) {
    let (ident, krate) = (glue.cont.ident, &glue.krate);
    let fields = glue.settings().map(|(_, index, field)| {
        let (member, field_static) = (field.ident, glue.field_static(index));
        quote!(#krate::__private::Slot::new(#krate::__private::offset_of!(#ident, #member), &#field_static))
    });
    let groups = glue.groups().map(|(position, _, field)| {
        let (member, ty) = (field.ident, glue.value_ty(position));
        quote!(#krate::__private::GroupSlot::new::<#ty>(#krate::__private::offset_of!(#ident, #member)))
    });
    let (slots, group_slots) = (glue.names.item("SLOTS"), glue.names.item("GROUPS"));
    // SAFETY (of the generated code): each slot is the offset of the field
    // its `static` was made for, of that field's type, and the slots and
    // groups list every field of the struct once.
    // Ties each slot's type to its field's: a field whose type is not the
    // one the table names (two types written alike) fails to compile here.
    let values = glue.names.local("values");
    let typed = glue.cont.fields.iter().zip(&glue.types).map(|(field, ty)| {
        let member = field.ident;
        quote!(let _: &#ty = &#values.#member;)
    });
    let items = quote! {
        const _: fn(&#ident) = |#values| { let _ = #values; #(#typed)* };
        const #slots: &[#krate::__private::Slot<#ident>] = unsafe { &[#(#fields),*] };
        const #group_slots: &[#krate::__private::GroupSlot<#ident>] = unsafe { &[#(#groups),*] };
    };
    let table = quote!(unsafe { #krate::__private::Table::new(#slots, #group_slots) });
    (items, table)
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

/// For a string default whose type the derive cannot parse (an enum, a
/// type with its own `SettingValue`): an enum's is checked at compile time
/// against its choices; every such default is also built by the test
/// [`gen_default_test`] emits.
pub(super) fn gen_choice_checks(glue: &Glue) -> TokenStream {
    let krate = &glue.krate;
    let checks = glue.settings().filter_map(|(_, _, field)| {
        let Some(attr::Default::Lit { lit: Lit::Str(text), .. }) = &field.attrs.default else { return None };
        if field.attrs.from_str.is_some() || field.attrs.bytes.is_some() || field.family() != Family::Other {
            return None;
        }
        let ty = field.value_ty();
        let shown = type_name(ty).unwrap_or_default();
        let message = format!(
            "the default {:?} is not a choice of `{shown}`: write one of the names (or aliases) its \
             `#[derive(SettingEnum)]` gives",
            text.value()
        );
        // `panic!` reads its one argument as a format string.
        let message = message.replace('{', "{{").replace('}', "}}");
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
