//! The names the generated code declares, and the user's tokens it reads.
//!
//! Everything the derive generates is in one anonymous block, where the
//! user's tokens (the struct's name, field types, default expressions,
//! validator paths, the crate's path) are read too. Hygiene cannot keep
//! them apart (`Span::mixed_site` hides locals only, and items are not
//! hygienic on stable Rust), so the derive makes them apart by
//! construction: every name it declares begins with a prefix that no
//! identifier of the user's tokens begins with (`__`, or more underscores
//! when one does). A name of the user's is then never shadowed, whatever
//! the user's module holds. Local bindings are the one kind of name an
//! item elsewhere in the module can still capture (a constant named like a
//! binding makes it a pattern), so the block also declares a function of
//! each binding's name: the bindings resolve to it, and a function is no
//! pattern.

use proc_macro2::{Delimiter, Group, Ident, Span, TokenStream, TokenTree};
use quote::ToTokens;

use crate::ast::Container;
use crate::attr;

/// The generated names of one expansion.
pub(super) struct Names {
    prefix: String,
}

impl Names {
    pub(super) fn new(cont: &Container) -> Self {
        let mut idents = Vec::new();
        collect_idents(cont.ident.to_token_stream(), &mut idents);
        if let Some(krate) = &cont.attrs.krate {
            collect_idents(krate.to_token_stream(), &mut idents);
        }
        for field in &cont.fields {
            collect_idents(field.ty.to_token_stream(), &mut idents);
            if let Some(attr::Default::Expr(expr)) = &field.attrs.default {
                collect_idents(expr.clone(), &mut idents);
            }
            if let Some(path) = &field.attrs.validate {
                collect_idents(path.path.to_token_stream(), &mut idents);
            }
        }
        let mut prefix = "__".to_owned();
        while idents.iter().any(|ident| ident.starts_with(&prefix)) {
            prefix.push('_');
        }
        Names { prefix }
    }

    /// An item the block declares.
    pub(super) fn item(&self, name: &str) -> Ident {
        Ident::new(&format!("{}{name}", self.prefix), Span::call_site())
    }

    /// A local binding, and the function that keeps it a binding (see the
    /// module's doc).
    pub(super) fn local(&self, name: &str) -> Ident {
        Ident::new(&format!("{}{name}", self.prefix), Span::mixed_site())
    }
}

fn collect_idents(tokens: TokenStream, idents: &mut Vec<String>) {
    for token in tokens {
        match token {
            TokenTree::Ident(ident) => idents.push(ident.to_string().trim_start_matches("r#").to_owned()),
            TokenTree::Group(group) => collect_idents(group.stream(), idents),
            _ => {}
        }
    }
}

/// The user's tokens with `Self` written as the struct's name: they are
/// read in the derive's block, outside any impl (`validate = Self::check`,
/// `default = Self::PORT`). A `Self` inside an item of their own (an `impl`
/// or type declared in a block expression) is theirs, and is kept.
pub(super) fn replace_self(tokens: TokenStream, ident: &Ident) -> TokenStream {
    let mut out = TokenStream::new();
    let mut in_item_header = false;
    for token in tokens {
        let token = match token {
            TokenTree::Ident(word) if word == "Self" && !in_item_header => {
                let mut name = ident.clone();
                name.set_span(word.span());
                TokenTree::Ident(name)
            }
            TokenTree::Ident(word) => {
                in_item_header |= ["impl", "trait", "struct", "enum", "union"].iter().any(|k| word == k);
                TokenTree::Ident(word)
            }
            TokenTree::Group(group) if group.delimiter() == Delimiter::Brace && in_item_header => {
                in_item_header = false;
                TokenTree::Group(group)
            }
            TokenTree::Group(group) => {
                let mut replaced = Group::new(group.delimiter(), replace_self(group.stream(), ident));
                replaced.set_span(group.span());
                TokenTree::Group(replaced)
            }
            TokenTree::Punct(punct) => {
                in_item_header &= punct.as_char() != ';';
                TokenTree::Punct(punct)
            }
            other => other,
        };
        out.extend([token]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn self_is_the_structs_name_except_in_the_users_own_items() {
        let ident = Ident::new("Config", Span::call_site());
        let replace = |text: &str| replace_self(text.parse().unwrap(), &ident).to_string();
        assert_eq!(replace("Self :: check"), "Config :: check");
        assert_eq!(replace("Self :: port () . max (< Self > :: MIN)"), "Config :: port () . max (< Config > :: MIN)");
        assert_eq!(
            replace("{ struct A ; impl A { fn new () -> Self { A } } A :: new () ; Self :: X }"),
            "{ struct A ; impl A { fn new () -> Self { A } } A :: new () ; Config :: X }"
        );
    }

    #[test]
    fn no_generated_name_begins_as_a_users_identifier_does() {
        let input: syn::DeriveInput = syn::parse_str(
            "struct __Chunk0 { #[setting(default = ___x + 1, validate = __check)] a: u32, b: __FIELD_0 }",
        )
        .unwrap();
        let cx = crate::ctxt::Ctxt::new();
        let cont = Container::from_ast(&cx, &input).unwrap();
        cx.check().unwrap();
        assert_eq!(Names::new(&cont).item("FIELD_0").to_string(), "____FIELD_0");
        let input: syn::DeriveInput = syn::parse_str("struct Config { a: u32 }").unwrap();
        let cx = crate::ctxt::Ctxt::new();
        let cont = Container::from_ast(&cx, &input).unwrap();
        cx.check().unwrap();
        assert_eq!(Names::new(&cont).item("FIELD_0").to_string(), "__FIELD_0");
    }
}
