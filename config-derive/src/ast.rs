//! The model the checks and the code generation read: a struct and its
//! fields with their attributes parsed and their names and variables worked
//! out.

use syn::{Data, DeriveInput, Fields, GenericArgument, Ident, PathArguments, Type};

use crate::attr;
use crate::ctxt::Ctxt;
use crate::docs::doc_text;

/// A struct deriving `Settings`.
pub(crate) struct Container<'a> {
    pub(crate) ident: &'a Ident,
    pub(crate) attrs: attr::Container,
    pub(crate) doc: String,
    pub(crate) fields: Vec<Field<'a>>,
}

/// One field: one setting.
pub(crate) struct Field<'a> {
    pub(crate) ident: &'a Ident,
    pub(crate) ty: &'a Type,
    /// The type without its `Option`, if it is written `Option<T>`.
    pub(crate) option_inner: Option<&'a Type>,
    pub(crate) attrs: attr::Field,
    pub(crate) doc: String,
    /// The setting's name: `name = "..."` or the field's.
    pub(crate) name: String,
    /// The environment variable: `env = "..."`, or the prefix and the name
    /// in upper case, as gevent derives `GEVENT_` + NAME.
    pub(crate) env: String,
}

impl<'a> Container<'a> {
    /// Reads a struct; `None` (with the reason in `cx`) for anything else.
    pub(crate) fn from_ast(cx: &Ctxt, input: &'a DeriveInput) -> Option<Self> {
        let attrs = attr::Container::from_ast(cx, input);
        let fields = match &input.data {
            Data::Struct(data) => match &data.fields {
                Fields::Named(named) => &named.named,
                Fields::Unnamed(fields) => return unsupported(cx, fields, "a tuple struct"),
                Fields::Unit => return unsupported(cx, &input.ident, "a unit struct"),
            },
            Data::Enum(e) => return unsupported(cx, e.enum_token, "an enum"),
            Data::Union(u) => return unsupported(cx, u.union_token, "a union"),
        };
        if !input.generics.params.is_empty() {
            let message = "`Settings` cannot be derived for a generic struct: its settings table is static, \
                           so every field needs a concrete type";
            cx.error_spanned_by(&input.generics, message);
            return None;
        }
        if let Some(packed) = packed_repr(&input.attrs) {
            let message = "`Settings` cannot be derived for a `#[repr(packed)]` struct: its settings are reached \
                           by reference, which a packed field cannot be";
            cx.error_spanned_by(packed, message);
            return None;
        }
        let prefix = attrs.env_prefix.as_ref().map(syn::LitStr::value).unwrap_or_default();
        let fields = fields.iter().map(|f| Field::from_ast(cx, f, &prefix)).collect();
        Some(Container { ident: &input.ident, doc: doc_text(cx, &input.attrs), attrs, fields })
    }
}

/// The `packed` of a `#[repr(packed)]` or `#[repr(C, packed(2))]`, if any.
fn packed_repr(attrs: &[syn::Attribute]) -> Option<syn::Path> {
    let mut packed = None;
    for attr in attrs.iter().filter(|attr| attr.path().is_ident("repr")) {
        // A malformed `repr` is the compiler's to report.
        let _ = attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("packed") {
                packed = Some(meta.path.clone());
            }
            if meta.input.peek(syn::token::Paren) {
                let _ = meta.input.parse::<proc_macro2::Group>();
            }
            Ok(())
        });
    }
    packed
}

fn unsupported<T: quote::ToTokens, R>(cx: &Ctxt, at: T, what: &str) -> Option<R> {
    let message =
        format!("`Settings` cannot be derived for {what}: derive it on a struct with named fields, one per setting");
    cx.error_spanned_by(at, message);
    None
}

impl<'a> Field<'a> {
    fn from_ast(cx: &Ctxt, field: &'a syn::Field, prefix: &str) -> Self {
        let ident = field.ident.as_ref().expect("named fields have names");
        let attrs = attr::Field::from_ast(cx, field);
        let name = attrs.name.as_ref().map_or_else(|| unraw(ident), syn::LitStr::value);
        let env = attrs.env.as_ref().map_or_else(|| format!("{prefix}{}", name.to_uppercase()), syn::LitStr::value);
        Field {
            ident,
            ty: &field.ty,
            option_inner: option_inner(&field.ty),
            doc: doc_text(cx, &field.attrs),
            attrs,
            name,
            env,
        }
    }

    /// The type validators see: `T` for `Option<T>`.
    pub(crate) fn value_ty(&self) -> &'a Type {
        self.option_inner.unwrap_or(self.ty)
    }

    /// The value type as written, compactly: `Vec<String>`.
    pub(crate) fn value_ty_text(&self) -> String {
        type_text(self.value_ty())
    }

    /// What sort of value the field holds, as far as its written type says.
    /// (A `from_str` field is read by its type's `FromStr`, whatever it is.)
    pub(crate) fn family(&self) -> Family {
        if self.attrs.from_str.is_some() {
            return if self.item_ty().is_some() { Family::List } else { Family::Other };
        }
        family_of(self.value_ty())
    }

    /// The items' type of a list field (`Vec<T>` or `Option<Vec<T>>`).
    pub(crate) fn item_ty(&self) -> Option<&'a Type> {
        let ty = self.value_ty();
        (type_name(ty).as_deref() == Some("Vec")).then(|| first_argument(ty)).flatten()
    }

    /// What sort of value each item of a list field holds.
    pub(crate) fn item_family(&self) -> Family {
        match (self.item_ty(), self.attrs.from_str.is_some()) {
            (Some(_), true) | (None, _) => Family::Other,
            (Some(item), false) => family_of(item),
        }
    }

    /// Whether the field is a nested group of settings.
    pub(crate) fn is_nested(&self) -> bool {
        self.attrs.nested.is_some()
    }

    /// A group's prefix of its settings' variables: its `env_prefix`, or
    /// its name in capitals and `_`.
    pub(crate) fn group_prefix(&self) -> String {
        match &self.attrs.env_prefix {
            Some(prefix) => prefix.value(),
            None => format!("{}_", self.name.to_uppercase()),
        }
    }
}

/// The family a type's name says.
pub(crate) fn family_of(ty: &Type) -> Family {
    match type_name(ty).as_deref() {
        Some("bool") => Family::Bool,
        Some("f32") => Family::Float { bits: 32 },
        Some("f64") => Family::Float { bits: 64 },
        Some("String") => Family::String,
        Some("Vec") => Family::List,
        Some("Importable") => Family::Importable,
        Some("Duration") => Family::Duration,
        Some("SocketAddr") => Family::SocketAddr,
        Some("IpAddr") => Family::IpAddr(IpVersion::Any),
        Some("Ipv4Addr") => Family::IpAddr(IpVersion::V4),
        Some("Ipv6Addr") => Family::IpAddr(IpVersion::V6),
        Some("PathBuf") => Family::Path,
        Some("char") => Family::Char,
        Some(other) => match other.strip_prefix("NonZero") {
            Some(int) => IntType::named(&int.to_lowercase()).map_or(Family::Other, Family::NonZero),
            None => IntType::named(other).map_or(Family::Other, Family::Integer),
        },
        None => Family::Other,
    }
}

/// The first generic argument of a type path (`T` of `Vec<T>`).
fn first_argument(ty: &Type) -> Option<&Type> {
    let Type::Path(p) = ty else { return None };
    let PathArguments::AngleBracketed(args) = &p.path.segments.last()?.arguments else { return None };
    match args.args.first() {
        Some(GenericArgument::Type(inner)) => Some(inner),
        _ => None,
    }
}

/// The sorts of value whose defaults the derive can check itself; for any
/// other type, the compiler checks the default against the type.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Family {
    Bool,
    Integer(IntType),
    NonZero(IntType),
    Float { bits: u32 },
    String,
    List,
    Importable,
    Duration,
    SocketAddr,
    IpAddr(IpVersion),
    Path,
    Char,
    Other,
}

/// Which IP addresses a type holds.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum IpVersion {
    Any,
    V4,
    V6,
}

impl Family {
    /// Whether `range`, `min`, `max` and `positive` apply: numbers and
    /// durations.
    pub(crate) fn is_ordered(self) -> bool {
        matches!(self, Family::Integer(_) | Family::NonZero(_) | Family::Float { .. } | Family::Duration)
    }
}

/// An integer type: its name, sign and width.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) struct IntType {
    pub(crate) name: &'static str,
    pub(crate) signed: bool,
    /// `None` for `isize` and `usize`, whose width is the target's.
    pub(crate) bits: Option<u32>,
}

impl IntType {
    fn named(name: &str) -> Option<IntType> {
        const TYPES: [(&str, bool, Option<u32>); 12] = [
            ("i8", true, Some(8)),
            ("i16", true, Some(16)),
            ("i32", true, Some(32)),
            ("i64", true, Some(64)),
            ("i128", true, Some(128)),
            ("isize", true, None),
            ("u8", false, Some(8)),
            ("u16", false, Some(16)),
            ("u32", false, Some(32)),
            ("u64", false, Some(64)),
            ("u128", false, Some(128)),
            ("usize", false, None),
        ];
        TYPES.iter().find(|t| t.0 == name).map(|&(name, signed, bits)| IntType { name, signed, bits })
    }
}

/// `r#type` is the setting `type`.
fn unraw(ident: &Ident) -> String {
    let text = ident.to_string();
    text.strip_prefix("r#").map(str::to_owned).unwrap_or(text)
}

/// The last segment of a type path.
pub(crate) fn type_name(ty: &Type) -> Option<String> {
    match ty {
        Type::Path(p) if p.qself.is_none() => p.path.segments.last().map(|s| s.ident.to_string()),
        Type::Group(g) => type_name(&g.elem),
        Type::Paren(p) => type_name(&p.elem),
        _ => None,
    }
}

/// A type as a person writes it: `Option<Vec<String>>`, not
/// `Option < Vec < String > >`.
pub(crate) fn type_text(ty: &Type) -> String {
    let spaced = quote::ToTokens::to_token_stream(ty).to_string();
    let tokens: Vec<&str> = spaced.split(' ').collect();
    let mut text = String::with_capacity(spaced.len());
    for (i, token) in tokens.iter().enumerate() {
        let next = tokens.get(i + 1).copied().unwrap_or("");
        text.push_str(token);
        let tight = matches!(*token, "<" | "::" | "&" | "(" | "[")
            || matches!(next, "<" | ">" | "::" | "," | ")" | "]" | ";")
            || next.is_empty();
        if !tight {
            text.push(' ');
        }
    }
    text
}

/// `T` when `ty` is written `Option<T>` (or `std::option::Option<T>`).
pub(crate) fn option_inner(ty: &Type) -> Option<&Type> {
    let Type::Path(p) = ty else { return None };
    let last = p.path.segments.last()?;
    if last.ident != "Option" {
        return None;
    }
    let PathArguments::AngleBracketed(args) = &last.arguments else { return None };
    match args.args.first() {
        Some(GenericArgument::Type(inner)) if args.args.len() == 1 => Some(inner),
        _ => None,
    }
}
