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
    let count = cont.fields.len();
    let setting_consts = meta::gen_setting_consts(cont);
    let meta = meta::gen_struct_meta(cont);
    let field_items = glue::gen_field_items(cont);
    let ops = glue::gen_ops(cont);
    let load_chunks = glue::gen_load_chunks(cont);
    let load = glue::gen_load(cont);
    quote! {
        #[doc(hidden)]
        const _: () = {
            use #krate as _config;

            #setting_consts

            static __META: _config::meta::StructMeta = #meta;

            #field_items

            #load_chunks

            #[automatically_derived]
            impl _config::Settings for #ident {
                const META: &'static _config::meta::StructMeta = &__META;
                type __Origins = [_config::Origin; #count];
                const __ORIGINS: Self::__Origins = [_config::Origin::Default; #count];
                const __OPS: &'static [&'static dyn _config::__private::FieldOps<Self>] = &[#ops];
                #load
            }
        };
    }
}
