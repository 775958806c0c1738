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
            #[automatically_derived]
            impl #krate::Settings for #ident {
                const META: &'static #krate::meta::StructMeta = &#krate::meta::StructMeta {
                    name: #name,
                    title: #krate::__private::None,
                    doc: "",
                    added: #krate::__private::None,
                    see_also: &[],
                    env_prefix: "",
                    env_prefixes: &[],
                    known_env: &[],
                    notation: #krate::meta::Notation::Rust,
                    settings: &[],
                    groups: &[],
                };
                const __LEAVES: usize = 0;
                const __TABLE: #krate::__private::Table<Self> = #krate::__private::Table::unusable();
                fn __schema() -> &'static #krate::__private::Schema<Self> {
                    static __SCHEMA: #krate::__private::OnceLock<#krate::__private::Schema<#ident>> =
                        #krate::__private::OnceLock::new();
                    __SCHEMA.get_or_init(#krate::__private::Schema::build)
                }
            }
        };
    }
}
