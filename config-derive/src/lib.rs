//! Implementation detail of the `config-core` crate: `#[derive(Settings)]`.
//! See `config-core` for the attributes and what the derive generates.

mod ast;
mod attr;
mod check;
mod ctxt;
mod docs;
mod expand;
mod fallback;
mod symbol;

use proc_macro::TokenStream;
use syn::{DeriveInput, parse_macro_input};

/// Derives `config_core::Settings`; documented in `config-core`.
#[proc_macro_derive(Settings, attributes(settings, setting))]
pub fn derive_settings(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    expand::expand_derive_settings(&input).into()
}
