//! A literal default fits the field's type, passes the setting's own parser
//! and built-in checks, as its environment value would have to, and fits
//! the type's range (see `crate::range` for why the derive checks that).

use proc_macro2::TokenStream;
use quote::quote;
use syn::{Lit, LitStr};

use crate::ast::{Family, Field, IntType};
use crate::attr;
use crate::ctxt::Ctxt;
use crate::parse;
use crate::range::{self, Whole};

pub(super) fn check_default(cx: &Ctxt, field: &Field) {
    match &field.attrs.default {
        Some(attr::Default::Lit { lit, negative }) => check_literal(cx, field, lit, negative.as_ref()),
        Some(attr::Default::List { items, span }) => match field.family() {
            Family::Other => {}
            Family::List => items.iter().for_each(|item| check_text(cx, field, field.item_family(), item)),
            Family::Importable => items.iter().for_each(|item| check_importable_name(cx, field, item)),
            family => cx.syn_error(syn::Error::new(*span, mismatch(field, family, "a list"))),
        },
        _ => {}
    }
}

fn check_literal(cx: &Ctxt, field: &Field, lit: &Lit, sign: Option<&syn::Token![-]>) {
    let family = field.family();
    let negative = sign.is_some();
    // Errors about the value point at the sign and the digits together.
    let written = quote!(#sign #lit);
    match (family, lit) {
        (Family::Other, _) | (Family::Bool, Lit::Bool(_)) | (Family::String, Lit::Str(_)) => {}
        (Family::Integer(ty), Lit::Int(int)) => {
            if negative && !ty.signed {
                let message = format!(
                    "this default is negative, but setting `{}` is a `{}`, which cannot be",
                    field.name,
                    field.value_ty_text()
                );
                cx.error_spanned_by(written, message);
                return;
            }
            let n = Whole::parse(negative, int.base10_digits());
            let shown = format!("{}{}", if negative { "-" } else { "" }, int.base10_digits());
            if check_int_range(cx, n, ty, &written, &shown) {
                check_positive(cx, field, written, n.is_none_or(|n| n.negative || n.magnitude == 0));
            }
        }
        (Family::Integer(ty), Lit::Str(text)) if field.attrs.bytes.is_some() => check_byte_count(cx, field, ty, text),
        (Family::Float { bits }, Lit::Int(_) | Lit::Float(_)) => {
            let digits = match lit {
                Lit::Float(f) => f.base10_digits(),
                Lit::Int(i) => i.base10_digits(),
                _ => unreachable!("matched above"),
            };
            if let Some(misfit) = range::float_misfit(digits, bits) {
                let sign = if negative { "-" } else { "" };
                cx.error_spanned_by(written, format!("{sign}{digits} {misfit}"));
                return;
            }
            let zero = digits.parse::<f64>().is_ok_and(|x| x == 0.0);
            check_positive(cx, field, written, negative || zero);
        }
        (Family::Importable, Lit::Str(name)) => check_importable_name(cx, field, name),
        (Family::NonZero(ty), Lit::Int(int)) => {
            let n = Whole::parse(negative, int.base10_digits());
            let shown = format!("{}{}", if negative { "-" } else { "" }, int.base10_digits());
            if n.is_some_and(|n| n.magnitude == 0) {
                cx.error_spanned_by(written, format!("setting `{}` is never 0: its default cannot be", field.name));
            } else if check_int_range(cx, n, ty, &written, &shown) {
                check_positive(cx, field, written, n.is_none_or(|n| n.negative));
            }
        }
        (Family::Char, Lit::Char(_)) => {}
        (family, Lit::Str(text)) if !negative && text_family(family) => check_text(cx, field, family, text),
        (family, other) => cx.error_spanned_by(other, mismatch(field, family, describe(other))),
    }
}

/// Families whose default is written as text and parsed.
fn text_family(family: Family) -> bool {
    matches!(family, Family::Duration | Family::SocketAddr | Family::IpAddr(_) | Family::Path | Family::Char)
}

/// A default (or a list default's item) written as text parses as the
/// setting's values do, and passes `positive`.
fn check_text(cx: &Ctxt, field: &Field, family: Family, text: &LitStr) {
    use crate::ast::IpVersion;
    let value = text.value();
    let rejected = match family {
        Family::Duration => match parse::duration(&value) {
            Ok(d) => {
                check_positive(cx, field, quote!(#text), d.is_zero());
                None
            }
            Err(reason) => Some(("a duration", reason, "\"30s\", \"500ms\" or \"1h30m\"")),
        },
        Family::SocketAddr => parse::socket_addr(&value).err().map(|r| ("an address and port", r, "\"0.0.0.0:8080\"")),
        Family::IpAddr(IpVersion::Any) => parse::ip_addr(&value).err().map(|r| ("an IP address", r, "\"10.0.0.1\"")),
        Family::IpAddr(IpVersion::V4) => parse::ipv4_addr(&value).err().map(|r| ("an IPv4 address", r, "\"10.0.0.1\"")),
        Family::IpAddr(IpVersion::V6) => parse::ipv6_addr(&value).err().map(|r| ("an IPv6 address", r, "\"::1\"")),
        Family::Char => parse::character(&value).err().map(|r| ("one character", r, "','")),
        Family::Integer(_) | Family::NonZero(_) => parse::integer(&value).err().map(|r| ("a whole number", r, "\"8\"")),
        Family::Float { .. } => parse::float(&value).err().map(|r| ("a number", r, "\"0.5\"")),
        Family::Bool => parse::boolean(&value).err().map(|r| ("a boolean", r, "\"true\"")),
        _ => None,
    };
    if let Some((what, reason, example)) = rejected {
        // A parser's reason that only repeats "not a duration" adds nothing.
        let reason = if reason.starts_with("not ") { String::new() } else { format!(" ({reason})") };
        let message = format!("the default {value:?} is not {what}{reason}: write, for instance, {example}");
        cx.error_spanned_by(text, message);
    }
}

/// Whether `n` (`None`: past `u128`) fits `ty`; reports it, as `shown`, if not.
fn check_int_range(cx: &Ctxt, n: Option<Whole>, ty: IntType, at: &TokenStream, shown: &str) -> bool {
    let Some(misfit) = range::int_misfit(n, ty) else { return true };
    cx.error_spanned_by(at, format!("{shown} {misfit}"));
    false
}

/// A byte count written as text (`"64mb"`): a count, in range, positive if
/// it must be.
fn check_byte_count(cx: &Ctxt, field: &Field, ty: IntType, text: &LitStr) {
    match parse::byte_count(&text.value()) {
        Err(reason) => {
            let message = format!(
                "the default {:?} is not a byte count ({reason}): write a whole number, optionally suffixed kb, mb \
                 or gb, such as \"64mb\"",
                text.value()
            );
            cx.error_spanned_by(text, message);
        }
        Ok(n) if n < 0 && !ty.signed => cx.error_spanned_by(text, "a byte count cannot be negative"),
        Ok(n) => {
            let shown = format!("{:?} is {n} bytes, which", text.value());
            if check_int_range(cx, Some(Whole::from_i128(n)), ty, &quote!(#text), &shown) {
                check_positive(cx, field, quote!(#text), n <= 0);
            }
        }
    }
}

/// The whole number a literal default stands for, if the field is of a
/// pointer-sized integer type: the generated code checks it against the
/// target's width.
pub(crate) fn pointer_sized_default(field: &Field) -> Option<(Whole, IntType)> {
    let Family::Integer(ty) = field.family() else { return None };
    if ty.bits.is_some() {
        return None;
    }
    let n = match &field.attrs.default {
        Some(attr::Default::Lit { lit: Lit::Int(int), negative }) => {
            Whole::parse(negative.is_some(), int.base10_digits())?
        }
        Some(attr::Default::Lit { lit: Lit::Str(text), .. }) if field.attrs.bytes.is_some() => {
            Whole::from_i128(parse::byte_count(&text.value()).ok()?)
        }
        _ => return None,
    };
    Some((n, ty))
}

/// A default that `positive` would reject.
fn check_positive(cx: &Ctxt, field: &Field, written: TokenStream, not_positive: bool) {
    if field.attrs.positive.is_some() && not_positive {
        let message = "this default is not positive, but the setting is `positive`: its default must be greater than 0";
        cx.error_spanned_by(written, message);
    }
}

/// An entry of an importable's default: one of its shorthands, or a path.
fn check_importable_name(cx: &Ctxt, field: &Field, name: &LitStr) {
    let text = name.value();
    let shorthands: Vec<String> =
        field.attrs.shorthand.iter().flat_map(|s| &s.pairs).map(|(name, _)| name.value()).collect();
    if shorthands.contains(&text) || parse::is_importable_path(&text) {
        return;
    }
    let mut message =
        format!("{text:?} is neither a shorthand of this setting nor a dotted path (package.module.Item)");
    if !shorthands.is_empty() {
        message.push_str(&format!("; its shorthands are {}", shorthands.join(", ")));
    }
    cx.error_spanned_by(name, message);
}

fn describe(lit: &Lit) -> &'static str {
    match lit {
        Lit::Bool(_) => "a boolean",
        Lit::Int(_) => "a whole number",
        Lit::Float(_) => "a number",
        Lit::Str(_) => "a string",
        _ => "this literal",
    }
}

/// "this default is a string, but setting `verbose` is a `bool`: write ..."
fn mismatch(field: &Field, family: Family, given: &str) -> String {
    let ty = field.value_ty_text();
    let hint = match family {
        Family::Bool => "write `default = true` or `default = false`",
        Family::Integer(_) if field.attrs.bytes.is_some() => {
            "write a whole number, or a byte count such as `default = \"64mb\"`"
        }
        Family::Integer(_) => "write a whole number, such as `default = 8`",
        Family::Float { .. } => "write a number, such as `default = 0.5`",
        Family::String => "write a string, such as `default = \"text\"`",
        Family::List => "write a list of strings, such as `default = [\"a\", \"b\"]`",
        Family::Importable => {
            "write a shorthand or dotted path, or a list of them, such as `default = [\"thread\", \"block\"]`"
        }
        Family::NonZero(_) => "write a whole number other than 0, such as `default = 8`",
        Family::Duration => "write a duration as text, such as `default = \"30s\"`",
        Family::SocketAddr => "write an address as text, such as `default = \"0.0.0.0:8080\"`",
        Family::IpAddr(_) => "write an address as text, such as `default = \"127.0.0.1\"`",
        Family::Path => "write a path as text, such as `default = \"/var/lib/app\"`",
        Family::Char => "write a character, such as `default = ','`",
        Family::Other => "",
    };
    format!("this default is {given}, but setting `{}` is a `{ty}`: {hint}", field.name)
}
