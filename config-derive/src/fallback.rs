//! What the derive emits beside its errors: an empty `Settings` impl, so
//! that code using the struct does not add a cascade of unrelated errors.

use proc_macro2::TokenStream;
use quote::quote;
use syn::DeriveInput;

/// An impl with no settings; nothing for a generic type, which an impl
/// could not name without bounds the user never wrote.
pub(crate) fn settings_impl(input: &DeriveInput, krate: &TokenStream) -> TokenStream {
    if !input.generics.params.is_empty() {
        return TokenStream::new();
    }
    let ident = &input.ident;
    let name = ident.to_string();
    quote! {
        #[doc(hidden)]
        const _: () = {
            use #krate as _config;
            #[automatically_derived]
            impl _config::Settings for #ident {
                const META: &'static _config::meta::StructMeta = &_config::meta::StructMeta {
                    name: #name,
                    title: _config::__private::None,
                    doc: "",
                    added: _config::__private::None,
                    see_also: &[],
                    env_prefix: "",
                    env_prefixes: &[],
                    known_env: &[],
                    notation: _config::meta::Notation::Rust,
                    settings: &[],
                    groups: &[],
                };
                const __LEAVES: usize = 0;
                type __Origins = [_config::Origin; 0];
                fn __origins() -> Self::__Origins {
                    []
                }
                const __OPS: &'static [&'static dyn _config::__private::FieldOps<Self>] = &[];
                const __GROUPS: &'static [&'static dyn _config::__private::GroupOps<Self>] = &[];
                fn __schema() -> &'static _config::__private::Schema<Self> {
                    static __SCHEMA: _config::__private::OnceLock<_config::__private::Schema<#ident>> =
                        _config::__private::OnceLock::new();
                    __SCHEMA.get_or_init(_config::__private::Schema::build)
                }
                fn __load(_: &mut _config::__private::LoadCx<'_, Self>) -> _config::__private::Option<Self> {
                    _config::__private::None
                }
            }
        };
    }
}
