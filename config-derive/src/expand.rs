//! Code generation: one `impl Settings` holding a static metadata table and
//! thin per-field glue into `config_core::__private`.

mod glue;
mod meta;
mod names;

use proc_macro2::TokenStream;
use quote::quote;
use syn::DeriveInput;

use crate::ast::Container;
use crate::attr;
use crate::check;
use crate::ctxt::Ctxt;
use crate::fallback;

/// The whole expansion: the impl, or every error with a fallback impl.
pub(crate) fn expand_derive_settings(input: &DeriveInput) -> TokenStream {
    let cx = Ctxt::new();
    let cont = Container::from_ast(&cx, input);
    if let Some(cont) = &cont {
        check::check(&cx, cont);
    }
    match (cx.check(), cont) {
        (Ok(()), Some(cont)) => gen_settings_impl(&cont),
        (result, cont) => {
            let krate = krate_path(cont.as_ref().map(|c| &c.attrs));
            let mut tokens = result.err().map(|e| e.to_compile_error()).unwrap_or_default();
            tokens.extend(fallback::settings_impl(input, &krate));
            tokens
        }
    }
}

/// `::config_core`, or the path given by `#[settings(crate = "...")]`.
fn krate_path(attrs: Option<&attr::Container>) -> TokenStream {
    match attrs.and_then(|a| a.krate.as_ref()) {
        Some(path) => quote!(#path),
        None => quote!(::config_core),
    }
}

/// One anonymous block holds everything: the crate by an alias, each field
/// type checked once, per field its metadata and its `static`, and the impl
/// with the table of where each field is. No name declared in it can clash
/// with one of the user's (see `names`). Nothing in it is code to compile
/// per field but an expression default: loading, reading and changing go
/// through the table, in config-core.
fn gen_settings_impl(cont: &Container) -> TokenStream {
    let ident = cont.ident;
    let krate = krate_path(Some(&cont.attrs));
    let glue = glue::Glue::new(cont);
    let alias = &glue.krate;
    let width_checks = glue::gen_width_checks(cont);
    let checked_types = glue::gen_checked_types(&glue);
    let setting_consts = meta::gen_setting_consts(&glue);
    let meta_static = glue.names.item("META");
    let meta = meta::gen_struct_meta(&glue);
    let default_fns = glue::gen_default_fns(&glue);
    let field_statics = glue::gen_field_statics(&glue);
    let (table_items, table) = glue::gen_table(&glue);
    let leaves = glue::gen_leaves(&glue);
    let choice_checks = glue::gen_choice_checks(&glue);
    let default_test = glue::gen_default_test(&glue, &krate);
    let schema = glue.names.item("SCHEMA");
    quote! {
        #[doc(hidden)]
        #[allow(dead_code)]
        const _: () = {
            use #krate as #alias;

            #width_checks

            #checked_types

            #setting_consts

            static #meta_static: #alias::meta::StructMeta = #meta;

            #field_statics

            #default_fns

            #table_items

            #choice_checks

            static #schema: #alias::__private::OnceLock<#alias::__private::Schema<#ident>> =
                #alias::__private::OnceLock::new();

            #[automatically_derived]
            impl #alias::Settings for #ident {
                const META: &'static #alias::meta::StructMeta = &#meta_static;
                const __LEAVES: usize = #leaves;
                const __TABLE: #alias::__private::Table<Self> = #table;
                // Inline, so that a crate that only defines the struct
                // compiles none of the code that loads it.
                #[inline]
                fn __schema() -> &'static #alias::__private::Schema<Self> {
                    #schema.get_or_init(#alias::__private::Schema::build)
                }
            }
        };

        #default_test
    }
}
