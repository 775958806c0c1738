//! Implementation detail of the `config-core` crate: `#[derive(Settings)]`.
//! See `config-core` for the attributes and what the derive generates.

mod ast;
mod attr;
mod check;
mod choice;
mod ctxt;
mod docs;
mod expand;
mod fallback;
mod range;
mod symbol;
mod text;

// The value parsers of config-core, so that a literal default is checked by
// the rules that check the same value at run time. (A proc-macro crate cannot
// depend on its runtime crate, which depends on it: both depend on this one.)
use config_parse as parse;

use proc_macro::TokenStream;
use syn::{DeriveInput, parse_macro_input};

/// Derives `config_core::Settings`; documented in `config-core`.
#[proc_macro_derive(Settings, attributes(settings, setting))]
pub fn derive_settings(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    expand::expand_derive_settings(&input).into()
}

/// Derives `config_core::SettingEnum`; documented in `config-core`.
#[proc_macro_derive(SettingEnum, attributes(choice))]
pub fn derive_setting_enum(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    choice::expand_derive_setting_enum(&input).into()
}

#[cfg(test)]
mod tests {
    /// The number of errors the derive reports for `input`.
    fn errors(input: &str) -> usize {
        let input: syn::DeriveInput = syn::parse_str(input).unwrap();
        let output = crate::expand::expand_derive_settings(&input).to_string();
        output.matches("compile_error").count()
    }

    #[test]
    fn every_mistake_of_a_struct_is_reported_in_one_expansion() {
        let input = r#"
            #[settings(env_prefx = "A_", notation = "ruby")]
            struct Config {
                #[setting(defualt = 1, hidden = true, hidden)]
                a: u32,
                #[setting(env = "bad name", positive, default = -1)]
                b: String,
                #[setting(shorthand(x = "nope"), deprecated(since = "1", replacement = "zz"))]
                c: bool,
                #[setting(env = "B")]
                d: bool,
                #[setting(env = "B")]
                e: bool,
            }
        "#;
        // env_prefx, ruby, defualt, hidden = true, hidden twice, bad name,
        // positive on String, -1 for a String, shorthand on a bool, its
        // target, replacement zz, B twice.
        assert_eq!(errors(input), 12);
    }

    #[test]
    fn three_mistakes_after_a_bad_list_are_three_errors() {
        let input = r#"
            struct Config {
                #[setting(default = ["a", 2], env = "bad name", hidden = true)]
                hosts: Vec<String>,
            }
        "#;
        assert_eq!(errors(input), 3);
    }

    #[test]
    fn a_malformed_list_hides_no_other_mistake() {
        let input = r#"
            struct Config {
                #[setting(default = ["a", 2], env = "bad name", hidden = true)]
                a: Vec<String>,
                #[setting(see_also = [1, "x y"], defualt = 3, shorthand(= "a.b", ok = 5, "" = "c.d"), positive)]
                b: Option<u32>,
                #[setting(deprecated(since "1", 5 = 6, note = "n"), validate = 7)]
                c: bool,
            }
        "#;
        // a: the item 2, `hidden = true`, "bad name". b: the item 1,
        // `defualt`, `= "a.b"`, `ok = 5`, the empty name, `shorthand` on a
        // `u32`. c: `since "1"`, the key `5`, `validate = 7`.
        assert_eq!(errors(input), 12);
    }

    #[test]
    fn a_correct_struct_has_no_errors() {
        let input = r#"
            struct Config {
                #[setting(default = 1, positive)]
                a: u32,
                b: Option<String>,
            }
        "#;
        assert_eq!(errors(input), 0);
    }

    #[test]
    fn errors_come_with_a_fallback_impl() {
        let input: syn::DeriveInput = syn::parse_str("struct Config { #[setting(bogus)] a: bool }").unwrap();
        let output = crate::expand::expand_derive_settings(&input).to_string();
        assert!(output.contains("compile_error"));
        assert!(output.contains("impl :: config_core :: Settings for Config"), "{output}");
    }
}
