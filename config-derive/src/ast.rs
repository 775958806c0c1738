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
        let prefix = attrs.env_prefix.as_ref().map(syn::LitStr::value).unwrap_or_default();
        let fields = fields.iter().map(|f| Field::from_ast(cx, f, &prefix)).collect();
        Some(Container { ident: &input.ident, doc: doc_text(cx, &input.attrs), attrs, fields })
    }
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

    /// The last segment of the value type's path (`f64`, `Importable`).
    pub(crate) fn value_ty_name(&self) -> Option<String> {
        type_name(self.value_ty())
    }

    /// The value type as written, compactly: `Vec<String>`.
    pub(crate) fn value_ty_text(&self) -> String {
        type_text(self.value_ty())
    }

    /// What sort of value the field holds, as far as its written type says.
    pub(crate) fn family(&self) -> Family {
        match self.value_ty_name().as_deref() {
            Some("bool") => Family::Bool,
            Some("f32") => Family::Float { bits: 32 },
            Some("f64") => Family::Float { bits: 64 },
            Some("String") => Family::String,
            Some("Vec") => Family::List,
            Some("Importable") => Family::Importable,
            Some(other) => IntType::named(other).map_or(Family::Other, Family::Integer),
            None => Family::Other,
        }
    }
}

/// The sorts of value whose defaults the derive can check itself; for any
/// other type, the compiler checks the default against the type.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Family {
    Bool,
    Integer(IntType),
    Float { bits: u32 },
    String,
    List,
    Importable,
    Other,
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
