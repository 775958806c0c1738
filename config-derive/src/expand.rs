//! Code generation: one `impl Settings` holding a static metadata table and
//! thin per-field glue into `config_core::__private`.

mod glue;
mod meta;

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

fn gen_settings_impl(cont: &Container) -> TokenStream {
    let ident = cont.ident;
    let krate = krate_path(Some(&cont.attrs));
    let leaves = glue::gen_leaves(cont);
    let setting_consts = meta::gen_setting_consts(cont);
    let meta = meta::gen_struct_meta(cont);
    let field_items = glue::gen_field_items(cont);
    let ops = glue::gen_ops(cont);
    let groups = glue::gen_groups(cont);
    let load_chunks = glue::gen_load_chunks(cont);
    let load = glue::gen_load(cont);
    let choice_checks = glue::gen_choice_checks(cont);
    let default_test = glue::gen_default_test(cont, &krate);
    quote! {
        #[doc(hidden)]
        const _: () = {
            use #krate as _config;

            #setting_consts

            static __META: _config::meta::StructMeta = #meta;

            #field_items

            #load_chunks

            #choice_checks

            #[automatically_derived]
            impl _config::Settings for #ident {
                const META: &'static _config::meta::StructMeta = &__META;
                const __LEAVES: usize = #leaves;
                type __Origins = [_config::Origin; #leaves];
                fn __origins() -> Self::__Origins {
                    [const { _config::Origin::Default }; #leaves]
                }
                const __OPS: &'static [&'static dyn _config::__private::FieldOps<Self>] = &[#ops];
                const __GROUPS: &'static [&'static dyn _config::__private::GroupOps<Self>] = &[#groups];
                fn __schema() -> &'static _config::__private::Schema<Self> {
                    static __SCHEMA: _config::__private::OnceLock<_config::__private::Schema<#ident>> =
                        _config::__private::OnceLock::new();
                    __SCHEMA.get_or_init(_config::__private::Schema::build)
                }
                #load
            }
        };

        #default_test
    }
}
