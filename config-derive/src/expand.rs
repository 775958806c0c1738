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
/// type checked once, per field its metadata, default function and
/// `static`, the table, the loader and the impl. No name declared in it can
/// clash with one of the user's (see `names`).
fn gen_settings_impl(cont: &Container) -> TokenStream {
    let ident = cont.ident;
    let krate = krate_path(Some(&cont.attrs));
    let glue = glue::Glue::new(cont);
    let alias = &glue.krate;
    let width_checks = glue::gen_width_checks(cont);
    let shadows = glue::gen_local_shadows(&glue);
    let checked_types = glue::gen_checked_types(&glue);
    let setting_consts = meta::gen_setting_consts(&glue);
    let meta_static = glue.names.item("META");
    let meta = meta::gen_struct_meta(&glue);
    let default_fns = glue::gen_default_fns(&glue);
    let field_statics = glue::gen_field_statics(&glue);
    let ops = glue::gen_ops(&glue);
    let groups = glue::gen_groups(&glue);
    let leaves = glue::gen_leaves(&glue);
    let load_chunks = glue::gen_load_chunks(&glue);
    let load = glue::gen_load(&glue);
    let choice_checks = glue::gen_choice_checks(&glue);
    let default_test = glue::gen_default_test(&glue, &krate);
    let schema = glue.names.item("SCHEMA");
    quote! {
        #[doc(hidden)]
        #[allow(dead_code)]
        const _: () = {
            use #krate as #alias;

            #width_checks

            #shadows

            #checked_types

            #setting_consts

            static #meta_static: #alias::meta::StructMeta = #meta;

            #default_fns

            #field_statics

            #load_chunks

            #choice_checks

            static #schema: #alias::__private::OnceLock<#alias::__private::Schema<#ident>> =
                #alias::__private::OnceLock::new();

            #[automatically_derived]
            impl #alias::Settings for #ident {
                const META: &'static #alias::meta::StructMeta = &#meta_static;
                const __LEAVES: usize = #leaves;
                type __Origins = [#alias::Origin; #leaves];
                fn __origins() -> Self::__Origins {
                    [const { #alias::Origin::Default }; #leaves]
                }
                const __OPS: &'static [&'static dyn #alias::__private::FieldOps<Self>] = &[#ops];
                const __GROUPS: &'static [&'static dyn #alias::__private::GroupOps<Self>] = &[#groups];
                fn __schema() -> &'static #alias::__private::Schema<Self> {
                    #schema.get_or_init(#alias::__private::Schema::build)
                }
                #load
            }
        };

        #default_test
    }
}
