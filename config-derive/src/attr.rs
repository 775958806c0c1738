//! `#[settings(...)]` and `#[setting(...)]` to [`Container`] and [`Field`].
//!
//! Parsers return values, never `Result`: each problem goes into the
//! [`Ctxt`] and parsing carries on, so one build shows every mistake.

use proc_macro2::{Span, TokenTree};
use quote::ToTokens;
use syn::meta::ParseNestedMeta;
use syn::parse::ParseStream;
use syn::punctuated::Punctuated;
use syn::spanned::Spanned;
use syn::{Expr, Ident, Lit, LitStr, Token};

use crate::ctxt::Ctxt;
use crate::symbol::*;

/// An attribute value that may be given once.
struct Attr<'c, T> {
    cx: &'c Ctxt,
    name: Symbol,
    value: Option<T>,
}

impl<'c, T> Attr<'c, T> {
    fn none(cx: &'c Ctxt, name: Symbol) -> Self {
        Attr { cx, name, value: None }
    }

    /// Sets the value, or reports a duplicate at `at`.
    fn set<A: ToTokens>(&mut self, at: A, value: T) {
        if self.value.is_some() {
            let message = format!("`{}` is given twice: give it once", self.name);
            self.cx.error_spanned_by(at, message);
        } else {
            self.value = Some(value);
        }
    }

    fn get(self) -> Option<T> {
        self.value
    }
}

/// How values are written in the docs.
#[derive(Copy, Clone, PartialEq, Eq, Default)]
pub(crate) enum Notation {
    #[default]
    Rust,
    Python,
}

/// `#[settings(...)]`
pub(crate) struct Container {
    pub(crate) env_prefix: Option<LitStr>,
    pub(crate) watch_prefixes: Vec<LitStr>,
    pub(crate) known_env: Vec<LitStr>,
    pub(crate) empty_values: Option<LitStr>,
    pub(crate) list_items: Option<LitStr>,
    pub(crate) title: Option<LitStr>,
    pub(crate) added: Option<LitStr>,
    pub(crate) see_also: Vec<LitStr>,
    pub(crate) notation: Notation,
    pub(crate) krate: Option<syn::Path>,
}

/// `#[setting(...)]`
pub(crate) struct Field {
    pub(crate) name: Option<LitStr>,
    pub(crate) env: Option<LitStr>,
    pub(crate) default: Option<Default>,
    pub(crate) default_doc: Option<LitStr>,
    pub(crate) bytes: Option<Ident>,
    pub(crate) positive: Option<Ident>,
    pub(crate) validate: Option<Validate>,
    pub(crate) shorthand: Option<Shorthands>,
    pub(crate) deprecated: Option<Deprecated>,
    pub(crate) added: Option<LitStr>,
    pub(crate) see_also: Vec<LitStr>,
    pub(crate) hidden: Option<Ident>,
    pub(crate) secret: Option<Ident>,
    pub(crate) required: Option<Ident>,
    pub(crate) range: Option<Range>,
    pub(crate) len: Option<Len>,
    pub(crate) from_str: Option<Ident>,
    pub(crate) expected: Option<LitStr>,
    pub(crate) nested: Option<Ident>,
    pub(crate) env_prefix: Option<LitStr>,
    pub(crate) alias: Vec<LitStr>,
    pub(crate) alias_env: Vec<LitStr>,
    pub(crate) frozen: Option<Ident>,
}

/// `validate = path`, or `validate(with = path, expected = "...")`.
pub(crate) struct Validate {
    pub(crate) path: syn::Path,
    pub(crate) expected: Option<LitStr>,
}

/// `range = a..=b` (either end may be missing), `min = a`, `max = b`.
pub(crate) struct Range {
    /// The token to point errors at.
    pub(crate) span: proc_macro2::TokenStream,
    pub(crate) min: Option<Bound>,
    pub(crate) max: Option<Bound>,
    pub(crate) max_exclusive: bool,
}

/// One end of a range, as written: a number or a string (`"1s"`, `"1kb"`).
#[derive(Clone)]
pub(crate) struct Bound {
    pub(crate) text: String,
    pub(crate) tokens: proc_macro2::TokenStream,
}

/// `len = a..=b`
pub(crate) struct Len {
    pub(crate) span: proc_macro2::TokenStream,
    pub(crate) min: Option<u64>,
    pub(crate) max: Option<u64>,
}

/// `default = ...`
pub(crate) enum Default {
    /// `default` alone: the type's `Default::default()`.
    Flag(Ident),
    /// A literal, possibly negated: `false`, `0.1`, `-1`, `"text"`.
    Lit { lit: Lit, negative: Option<Token![-]> },
    /// `["a", "b"]`
    List { items: Vec<LitStr>, span: Span },
    /// Any other expression, converted with `Into`.
    Expr(Box<Expr>),
}

/// `shorthand(name = "dotted.path", ...)`, in the order written.
pub(crate) struct Shorthands {
    pub(crate) keyword: Ident,
    pub(crate) pairs: Vec<(LitStr, LitStr)>,
}

/// `deprecated(since = "...", replacement = "...", note = "...")`
pub(crate) struct Deprecated {
    pub(crate) keyword: Ident,
    /// An unknown key was met (and reported): what is missing may be that key.
    pub(crate) has_unknown_key: bool,
    pub(crate) since: Option<LitStr>,
    pub(crate) replacement: Option<LitStr>,
    pub(crate) note: Option<LitStr>,
}

impl Container {
    pub(crate) fn from_ast(cx: &Ctxt, input: &syn::DeriveInput) -> Self {
        let mut env_prefix = Attr::none(cx, ENV_PREFIX);
        let mut watch_prefixes = Attr::none(cx, WATCH_PREFIXES);
        let mut known_env = Attr::none(cx, KNOWN_ENV);
        let mut empty_values = Attr::none(cx, EMPTY_VALUES);
        let mut list_items = Attr::none(cx, LIST_ITEMS);
        let mut title = Attr::none(cx, TITLE);
        let mut added = Attr::none(cx, ADDED);
        let mut see_also = Attr::none(cx, SEE_ALSO);
        let mut notation = Attr::none(cx, NOTATION);
        let mut krate = Attr::none(cx, CRATE);

        for attr in own_attrs(cx, &input.attrs, SETTINGS, SETTING) {
            let parsed = attr.parse_nested_meta(|meta| {
                let path = meta.path.clone();
                if path == ENV_PREFIX {
                    if let Some(s) = string_value(cx, &meta, ENV_PREFIX, "GEVENT_")? {
                        env_prefix.set(&path, s);
                    }
                } else if path == WATCH_PREFIXES {
                    watch_prefixes.set(&path, string_list(cx, &meta, WATCH_PREFIXES)?);
                } else if path == KNOWN_ENV {
                    known_env.set(&path, string_list(cx, &meta, KNOWN_ENV)?);
                } else if path == EMPTY_VALUES {
                    if let Some(s) = string_value(cx, &meta, EMPTY_VALUES, "numbers")? {
                        choice(cx, &s, EMPTY_VALUES, &["unset", "numbers"]);
                        empty_values.set(&path, s);
                    }
                } else if path == LIST_ITEMS {
                    if let Some(s) = string_value(cx, &meta, LIST_ITEMS, "as_given")? {
                        choice(cx, &s, LIST_ITEMS, &["trimmed", "as_given"]);
                        list_items.set(&path, s);
                    }
                } else if path == TITLE {
                    if let Some(s) = string_value(cx, &meta, TITLE, "Configuring gevent")? {
                        title.set(&path, s);
                    }
                } else if path == ADDED {
                    if let Some(s) = string_value(cx, &meta, ADDED, "1.3a2")? {
                        added.set(&path, s);
                    }
                } else if path == SEE_ALSO {
                    see_also.set(&path, string_list(cx, &meta, SEE_ALSO)?);
                } else if path == NOTATION {
                    if let Some(s) = string_value(cx, &meta, NOTATION, "python")?
                        && let Some(n) = parse_notation(cx, &s)
                    {
                        notation.set(&path, n);
                    }
                } else if path == CRATE {
                    if let Some(s) = string_value(cx, &meta, CRATE, "my_config")? {
                        match s.parse::<syn::Path>() {
                            Ok(p) => krate.set(&path, p),
                            Err(_) => cx.error_spanned_by(&s, "`crate` takes a path, as in `crate = \"my_config\"`"),
                        }
                    }
                } else {
                    unknown_key(cx, &meta, SETTINGS, CONTAINER_KEYS)?;
                }
                Ok(())
            });
            if let Err(error) = parsed {
                cx.syn_error(error);
            }
        }

        Container {
            env_prefix: env_prefix.get(),
            watch_prefixes: watch_prefixes.get().unwrap_or_default(),
            known_env: known_env.get().unwrap_or_default(),
            empty_values: empty_values.get(),
            list_items: list_items.get(),
            title: title.get(),
            added: added.get(),
            see_also: see_also.get().unwrap_or_default(),
            notation: notation.get().unwrap_or_default(),
            krate: krate.get(),
        }
    }
}

impl Field {
    pub(crate) fn from_ast(cx: &Ctxt, field: &syn::Field) -> Self {
        let mut name = Attr::none(cx, NAME);
        let mut env = Attr::none(cx, ENV);
        let mut default = Attr::none(cx, DEFAULT);
        let mut default_doc = Attr::none(cx, DEFAULT_DOC);
        let mut bytes = Attr::none(cx, BYTES);
        let mut positive = Attr::none(cx, POSITIVE);
        let mut validate = Attr::none(cx, VALIDATE);
        let mut shorthand = Attr::none(cx, SHORTHAND);
        let mut deprecated = Attr::none(cx, DEPRECATED);
        let mut added = Attr::none(cx, ADDED);
        let mut see_also = Attr::none(cx, SEE_ALSO);
        let mut hidden = Attr::none(cx, HIDDEN);
        let mut secret = Attr::none(cx, SECRET);
        let mut required = Attr::none(cx, REQUIRED);
        let mut range: Attr<Range> = Attr::none(cx, RANGE);
        let mut min: Attr<Bound> = Attr::none(cx, MIN);
        let mut max: Attr<Bound> = Attr::none(cx, MAX);
        let mut len = Attr::none(cx, LEN);
        let mut from_str = Attr::none(cx, FROM_STR);
        let mut expected = Attr::none(cx, EXPECTED);
        let mut nested = Attr::none(cx, NESTED);
        let mut env_prefix = Attr::none(cx, ENV_PREFIX);
        let mut alias = Attr::none(cx, ALIAS);
        let mut alias_env = Attr::none(cx, ALIAS_ENV);
        let mut frozen = Attr::none(cx, FROZEN);

        for attr in own_attrs(cx, &field.attrs, SETTING, SETTINGS) {
            let parsed = attr.parse_nested_meta(|meta| {
                let path = meta.path.clone();
                if path == NAME {
                    if let Some(s) = string_value(cx, &meta, NAME, "max_blocking_time")? {
                        name.set(&path, s);
                    }
                } else if path == ENV {
                    if let Some(s) = string_value(cx, &meta, ENV, "GEVENT_LOOP")? {
                        env.set(&path, s);
                    }
                } else if path == DEFAULT {
                    let value = default_value(&meta)?;
                    default.set(&path, value);
                } else if path == DEFAULT_DOC {
                    if let Some(s) = string_value(cx, &meta, DEFAULT_DOC, "False")? {
                        default_doc.set(&path, s);
                    }
                } else if path == BYTES {
                    flag(cx, &meta, &mut bytes)?;
                } else if path == POSITIVE {
                    flag(cx, &meta, &mut positive)?;
                } else if path == VALIDATE {
                    if let Some(v) = validate_value(cx, &meta)? {
                        validate.set(&path, v);
                    }
                } else if path == REQUIRED {
                    flag(cx, &meta, &mut required)?;
                } else if path == RANGE {
                    if let Some(r) = range_value(cx, &meta)? {
                        range.set(&path, r);
                    }
                } else if path == MIN || path == MAX {
                    let key = if path == MIN { MIN } else { MAX };
                    if let Some(b) = bound_value(cx, &meta, key)? {
                        if key == MIN { min.set(&path, b) } else { max.set(&path, b) }
                    }
                } else if path == LEN {
                    if let Some(l) = len_value(cx, &meta)? {
                        len.set(&path, l);
                    }
                } else if path == FROM_STR {
                    flag(cx, &meta, &mut from_str)?;
                } else if path == EXPECTED {
                    if let Some(s) = string_value(cx, &meta, EXPECTED, "a postgres:// URL")? {
                        expected.set(&path, s);
                    }
                } else if path == NESTED {
                    flag(cx, &meta, &mut nested)?;
                } else if path == ENV_PREFIX {
                    if let Some(s) = string_value(cx, &meta, ENV_PREFIX, "REPLICA_")? {
                        env_prefix.set(&path, s);
                    }
                } else if path == ALIAS {
                    alias.set(&path, string_list(cx, &meta, ALIAS)?);
                } else if path == ALIAS_ENV {
                    alias_env.set(&path, string_list(cx, &meta, ALIAS_ENV)?);
                } else if path == FROZEN {
                    flag(cx, &meta, &mut frozen)?;
                } else if path == SHORTHAND {
                    let pairs = shorthand_pairs(cx, &meta)?;
                    shorthand.set(&path, Shorthands { keyword: ident_of(&path), pairs });
                } else if path == DEPRECATED {
                    let value = deprecated_value(cx, &meta)?;
                    deprecated.set(&path, value);
                } else if path == ADDED {
                    if let Some(s) = string_value(cx, &meta, ADDED, "1.3b1")? {
                        added.set(&path, s);
                    }
                } else if path == SEE_ALSO {
                    see_also.set(&path, string_list(cx, &meta, SEE_ALSO)?);
                } else if path == HIDDEN {
                    flag(cx, &meta, &mut hidden)?;
                } else if path == SECRET {
                    flag(cx, &meta, &mut secret)?;
                } else {
                    unknown_key(cx, &meta, SETTING, FIELD_KEYS)?;
                }
                Ok(())
            });
            if let Err(error) = parsed {
                cx.syn_error(error);
            }
        }

        Field {
            name: name.get(),
            env: env.get(),
            default: default.get(),
            default_doc: default_doc.get(),
            bytes: bytes.get(),
            positive: positive.get(),
            validate: validate.get(),
            shorthand: shorthand.get(),
            deprecated: deprecated.get(),
            added: added.get(),
            see_also: see_also.get().unwrap_or_default(),
            hidden: hidden.get(),
            secret: secret.get(),
            required: required.get(),
            range: merge_range(cx, range.get(), min.get(), max.get()),
            len: len.get(),
            from_str: from_str.get(),
            expected: expected.get(),
            nested: nested.get(),
            env_prefix: env_prefix.get(),
            alias: alias.get().unwrap_or_default(),
            alias_env: alias_env.get().unwrap_or_default(),
            frozen: frozen.get(),
        }
    }
}

/// `range = ..` and `min`/`max` say the same thing once.
fn merge_range(cx: &Ctxt, range: Option<Range>, min: Option<Bound>, max: Option<Bound>) -> Option<Range> {
    match (range, min, max) {
        (range, None, None) => range,
        (Some(range), min, max) => {
            let extra = min.or(max).map(|b| b.tokens).unwrap_or_default();
            cx.error_spanned_by(extra, "give the bounds once: `range = a..=b`, or `min` and `max`");
            Some(range)
        }
        (None, min, max) => {
            let span = min.iter().chain(max.iter()).map(|b| b.tokens.clone()).collect();
            Some(Range { span, min, max, max_exclusive: false })
        }
    }
}

/// A string value that must be one of `choices`.
fn choice(cx: &Ctxt, s: &LitStr, key: Symbol, choices: &[&str]) {
    if !choices.contains(&s.value().as_str()) {
        let message = format!("`{key}` is one of {}", choices.iter().map(|c| format!("\"{c}\"")).collect::<Vec<_>>().join(", "));
        cx.error_spanned_by(s, message);
    }
}

/// `validate = path` or `validate(with = path, expected = "...")`.
fn validate_value(cx: &Ctxt, meta: &ParseNestedMeta) -> syn::Result<Option<Validate>> {
    if !meta.input.peek(syn::token::Paren) {
        return Ok(path_value(cx, meta, VALIDATE)?.map(|path| Validate { path, expected: None }));
    }
    let (mut with, mut expected) = (None, None);
    meta.parse_nested_meta(|inner| {
        if inner.path == WITH {
            with = path_value(cx, &inner, WITH)?;
        } else if inner.path == EXPECTED {
            expected = string_value(cx, &inner, EXPECTED, "a postgres:// URL")?;
        } else {
            unknown_key(cx, &inner, VALIDATE, &[WITH, EXPECTED])?;
        }
        Ok(())
    })?;
    if with.is_none() {
        cx.error_spanned_by(&meta.path, "`validate(...)` needs `with = function`, as in `validate(with = check_url, expected = \"a postgres:// URL\")`");
    }
    Ok(with.map(|path| Validate { path, expected }))
}

/// `range = 1..=256`, `range = "1s"..="1h"`, `range = 1..`, `range = ..=10`.
fn range_value(cx: &Ctxt, meta: &ParseNestedMeta) -> syn::Result<Option<Range>> {
    let example = "`range = 1..=256` or `range = \"1s\"..=\"1h\"`";
    let input = meta.value()?;
    let Some(written) = parse_range(input)? else {
        let rest = take_value(input)?;
        cx.error_spanned_by(rest, format!("`range` takes a range, as in {example}"));
        return Ok(None);
    };
    let min = written.start.as_ref().and_then(|e| bound(cx, e, RANGE));
    let max = written.end.as_ref().and_then(|e| bound(cx, e, RANGE));
    if min.is_none() && max.is_none() {
        cx.error_spanned_by(&written.tokens, format!("`range` needs at least one bound, as in {example}"));
        return Ok(None);
    }
    let max_exclusive = !written.inclusive && max.is_some();
    Ok(Some(Range { span: written.tokens, min, max, max_exclusive }))
}

/// A range as written: `a..b`, `a..=b`, `a..`, `..=b`, each end a literal
/// with an optional `-`. (syn parses range expressions only with its `full`
/// feature, which the derive does without.)
struct WrittenRange {
    start: Option<Expr>,
    end: Option<Expr>,
    inclusive: bool,
    tokens: proc_macro2::TokenStream,
}

fn parse_range(input: ParseStream) -> syn::Result<Option<WrittenRange>> {
    let fork = input.fork();
    let end_literal = |input: ParseStream| -> syn::Result<Option<Expr>> {
        if input.peek(Token![-]) || input.peek(Lit) {
            let negative: Option<Token![-]> = input.parse()?;
            let lit: Lit = input.parse()?;
            let lit = Expr::Lit(syn::ExprLit { attrs: Vec::new(), lit });
            Ok(Some(match negative {
                Some(_) => syn::parse_quote!(-#lit),
                None => lit,
            }))
        } else {
            Ok(None)
        }
    };
    let Ok(start) = end_literal(&fork) else { return Ok(None) };
    let inclusive = if fork.peek(Token![..=]) {
        fork.parse::<Token![..=]>()?;
        true
    } else if fork.peek(Token![..]) {
        fork.parse::<Token![..]>()?;
        false
    } else {
        return Ok(None);
    };
    let Ok(end) = end_literal(&fork) else { return Ok(None) };
    if !(fork.is_empty() || fork.peek(Token![,])) {
        return Ok(None);
    }
    let tokens = take_value(input)?;
    Ok(Some(WrittenRange { start, end, inclusive, tokens }))
}

/// The tokens of a value, up to the next top-level comma.
fn take_value(input: ParseStream) -> syn::Result<proc_macro2::TokenStream> {
    input.step(|cursor| {
        let mut rest = *cursor;
        let mut tokens = proc_macro2::TokenStream::new();
        while let Some((tt, next)) = rest.token_tree() {
            if matches!(&tt, TokenTree::Punct(p) if p.as_char() == ',') {
                break;
            }
            tokens.extend(std::iter::once(tt));
            rest = next;
        }
        Ok((tokens, rest))
    })
}

/// `min = 1`, `max = "1h"`.
fn bound_value(cx: &Ctxt, meta: &ParseNestedMeta, key: Symbol) -> syn::Result<Option<Bound>> {
    let expr: Expr = meta.value()?.parse()?;
    Ok(bound(cx, &expr, key))
}

/// A bound: a number (possibly negative) or a string.
fn bound(cx: &Ctxt, expr: &Expr, key: Symbol) -> Option<Bound> {
    let tokens = expr.to_token_stream();
    let (negative, lit) = match expr {
        Expr::Unary(syn::ExprUnary { op: syn::UnOp::Neg(_), expr, .. }) => (true, &**expr),
        other => (false, other),
    };
    let sign = if negative { "-" } else { "" };
    match lit {
        Expr::Lit(syn::ExprLit { lit: Lit::Int(i), .. }) => {
            Some(Bound { text: format!("{sign}{}", i.base10_digits()), tokens })
        }
        Expr::Lit(syn::ExprLit { lit: Lit::Float(f), .. }) => {
            Some(Bound { text: format!("{sign}{}", f.base10_digits()), tokens })
        }
        Expr::Lit(syn::ExprLit { lit: Lit::Str(s), .. }) if !negative => {
            Some(Bound { text: s.value(), tokens })
        }
        _ => {
            let message = format!("`{key}` takes numbers or strings written as values (`1`, `0.5`, `\"1s\"`)");
            cx.error_spanned_by(expr, message);
            None
        }
    }
}

/// `len = 1..=64`, `len = ..=32`.
fn len_value(cx: &Ctxt, meta: &ParseNestedMeta) -> syn::Result<Option<Len>> {
    let input = meta.value()?;
    let complain = |at: &dyn ToTokens| {
        cx.error_spanned_by(at.to_token_stream(), "`len` takes a range of whole numbers, as in `len = 1..=64`");
    };
    let Some(written) = parse_range(input)? else {
        let rest = take_value(input)?;
        complain(&rest);
        return Ok(None);
    };
    let number = |e: &Expr| match e {
        Expr::Lit(syn::ExprLit { lit: Lit::Int(i), .. }) => i.base10_parse::<u64>().ok(),
        _ => None,
    };
    let min = written.start.as_ref().map(|e| number(e).ok_or(e));
    let max = written.end.as_ref().map(|e| number(e).ok_or(e));
    let (min, max) = match (min, max) {
        (Some(Err(bad)), _) | (_, Some(Err(bad))) => {
            complain(bad);
            return Ok(None);
        }
        (min, max) => (min.map(Result::unwrap_or_default), max.map(Result::unwrap_or_default)),
    };
    let max = match (max, written.inclusive) {
        (Some(0), false) => {
            complain(&written.tokens);
            return Ok(None);
        }
        (Some(max), false) => Some(max - 1),
        (max, true) => max,
        (None, false) => None,
    };
    let span = written.tokens;
    if min.is_none() && max.is_none() {
        complain(&span);
        return Ok(None);
    }
    Ok(Some(Len { span, min, max }))
}

/// The `#[own(...)]` attributes among `attrs`. Reports `#[other(...)]`,
/// which belongs on the struct if `own` is for fields and the other way
/// round, and `#[own = ...]`. `#[own]` alone says nothing and is skipped.
fn own_attrs<'a>(cx: &Ctxt, attrs: &'a [syn::Attribute], own: Symbol, other: Symbol) -> Vec<&'a syn::Attribute> {
    let mut found = Vec::new();
    for attr in attrs {
        if attr.path() == other {
            let (on, takes) = if own == SETTINGS { ("a field", "the struct") } else { ("the struct", "a field") };
            let message = format!("`#[{other}(...)]` goes on {on}; {takes} takes `#[{own}(...)]`");
            cx.error_spanned_by(attr, message);
        } else if attr.path() == own {
            match &attr.meta {
                syn::Meta::List(_) => found.push(attr),
                syn::Meta::Path(_) => {}
                syn::Meta::NameValue(_) => {
                    cx.error_spanned_by(attr, format!("write `#[{own}(key = value, ...)]`, with parentheses"));
                }
            }
        }
    }
    found
}

fn ident_of(path: &syn::Path) -> Ident {
    path.get_ident().cloned().unwrap_or_else(|| Ident::new("_", path.span()))
}

/// Reports an unknown key with a suggestion and the valid keys, and skips
/// its value so the keys after it are still read.
fn unknown_key(cx: &Ctxt, meta: &ParseNestedMeta, attr: Symbol, valid: &[Symbol]) -> syn::Result<()> {
    let key = meta.path.to_token_stream().to_string().replace(' ', "");
    let place = if attr == DEPRECATED { format!("`{attr}(...)`") } else { format!("`#[{attr}(...)]`") };
    let mut message = format!("unknown key `{key}` in {place}");
    if let Some(close) = closest(&key, valid) {
        message.push_str(&format!("; did you mean `{close}`?"));
    }
    let keys: Vec<_> = valid.iter().map(|k| k.0).collect();
    message.push_str(&format!("\nvalid keys are: {}", keys.join(", ")));
    cx.error_spanned_by(&meta.path, message);
    skip_value(meta.input)
}

fn closest(key: &str, valid: &[Symbol]) -> Option<&'static str> {
    valid
        .iter()
        .map(|k| (strsim::normalized_damerau_levenshtein(key, k.0), k.0))
        .filter(|(score, _)| *score >= 0.6)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, k)| k)
}

/// Consumes `= value` or `(...)` after a key, up to the next top-level comma.
fn skip_value(input: ParseStream) -> syn::Result<()> {
    input.step(|cursor| {
        let mut rest = *cursor;
        while let Some((tt, next)) = rest.token_tree() {
            if matches!(&tt, TokenTree::Punct(p) if p.as_char() == ',') {
                return Ok(((), rest));
            }
            rest = next;
        }
        Ok(((), rest))
    })
}

/// `key = "text"`; reports any other form (naming an example) and returns `None`.
fn string_value(cx: &Ctxt, meta: &ParseNestedMeta, key: Symbol, example: &str) -> syn::Result<Option<LitStr>> {
    if !meta.input.peek(Token![=]) {
        let message = format!("`{key}` takes a string, as in `{key} = \"{example}\"`");
        cx.error_spanned_by(&meta.path, message);
        return skip_value(meta.input).map(|()| None);
    }
    let value: Expr = meta.value()?.parse()?;
    match value {
        Expr::Lit(syn::ExprLit { lit: Lit::Str(s), .. }) => Ok(Some(s)),
        other => {
            let message = format!("`{key}` takes a string, as in `{key} = \"{example}\"`");
            cx.error_spanned_by(other, message);
            Ok(None)
        }
    }
}

/// `key = path::to::function`
fn path_value(cx: &Ctxt, meta: &ParseNestedMeta, key: Symbol) -> syn::Result<Option<syn::Path>> {
    if !meta.input.peek(Token![=]) {
        cx.error_spanned_by(&meta.path, format!("`{key}` takes a function path, as in `{key} = my_check`"));
        return skip_value(meta.input).map(|()| None);
    }
    let value: Expr = meta.value()?.parse()?;
    match value {
        Expr::Path(p) if p.qself.is_none() => Ok(Some(p.path)),
        Expr::Lit(syn::ExprLit { lit: Lit::Str(s), .. }) => match s.parse::<syn::Path>() {
            Ok(p) => Ok(Some(p)),
            Err(_) => {
                cx.error_spanned_by(&s, format!("`{key}` takes a function path, as in `{key} = my_check`"));
                Ok(None)
            }
        },
        other => {
            cx.error_spanned_by(other, format!("`{key}` takes a function path, as in `{key} = my_check`"));
            Ok(None)
        }
    }
}

/// `key = ["a", "b"]` (a single string is taken as a list of one).
fn string_list(cx: &Ctxt, meta: &ParseNestedMeta, key: Symbol) -> syn::Result<Vec<LitStr>> {
    let complain = |at: &dyn ToTokens| {
        cx.error_spanned_by(
            at.to_token_stream(),
            format!("`{key}` takes a list of strings, as in `{key} = [\"a\", \"b\"]`"),
        );
    };
    if !meta.input.peek(Token![=]) {
        complain(&meta.path);
        return skip_value(meta.input).map(|()| Vec::new());
    }
    let input = meta.value()?;
    if input.peek(syn::token::Bracket) {
        let content;
        syn::bracketed!(content in input);
        let items = Punctuated::<Lit, Token![,]>::parse_terminated(&content)?;
        return Ok(items
            .into_iter()
            .filter_map(|lit| match lit {
                Lit::Str(s) => Some(s),
                other => {
                    complain(&other);
                    None
                }
            })
            .collect());
    }
    match input.parse::<Expr>()? {
        Expr::Lit(syn::ExprLit { lit: Lit::Str(s), .. }) => Ok(vec![s]),
        other => {
            complain(&other);
            Ok(Vec::new())
        }
    }
}

/// A flag: the key alone. `hidden = "yes"` is reported at the value.
fn flag(cx: &Ctxt, meta: &ParseNestedMeta, attr: &mut Attr<Ident>) -> syn::Result<()> {
    let keyword = ident_of(&meta.path);
    if meta.input.peek(Token![=]) {
        let value: Expr = meta.value()?.parse()?;
        let message = format!("`{keyword}` is a flag and takes no value: write `{keyword}` alone");
        cx.error_spanned_by(value, message);
    } else if meta.input.peek(syn::token::Paren) {
        let message = format!("`{keyword}` is a flag and takes no value: write `{keyword}` alone");
        cx.error_spanned_by(&meta.path, message);
        skip_value(meta.input)?;
    }
    attr.set(&meta.path, keyword);
    Ok(())
}

/// `default`, `default = literal`, `default = ["a", "b"]`, `default = expr`.
fn default_value(meta: &ParseNestedMeta) -> syn::Result<Default> {
    if !meta.input.peek(Token![=]) {
        return Ok(Default::Flag(ident_of(&meta.path)));
    }
    let input = meta.value()?;
    if input.peek(syn::token::Bracket) {
        let content;
        let bracket = syn::bracketed!(content in input);
        let items = Punctuated::<LitStr, Token![,]>::parse_terminated(&content)?;
        return Ok(Default::List { items: items.into_iter().collect(), span: bracket.span.join() });
    }
    if input.peek(Token![-]) && (input.peek2(syn::LitInt) || input.peek2(syn::LitFloat)) {
        let negative: Token![-] = input.parse()?;
        return Ok(Default::Lit { lit: input.parse()?, negative: Some(negative) });
    }
    if input.peek(Lit) && (input.peek2(Token![,]) || input.peek2(syn::parse::End)) {
        return Ok(Default::Lit { lit: input.parse()?, negative: None });
    }
    Ok(Default::Expr(Box::new(input.parse()?)))
}

/// `shorthand(thread = "a.b.C", "libev-cext" = "a.b.D")`: names are words,
/// or strings when they are not words.
fn shorthand_pairs(cx: &Ctxt, meta: &ParseNestedMeta) -> syn::Result<Vec<(LitStr, LitStr)>> {
    if !meta.input.peek(syn::token::Paren) {
        let message = "`shorthand` takes name = \"dotted.path\" pairs, as in \
                       `shorthand(thread = \"gevent.resolver.thread.Resolver\")`";
        cx.error_spanned_by(&meta.path, message);
        return skip_value(meta.input).map(|()| Vec::new());
    }
    let content;
    syn::parenthesized!(content in meta.input);
    let mut pairs = Vec::new();
    while !content.is_empty() {
        let name = if content.peek(LitStr) {
            content.parse::<LitStr>()?
        } else {
            let ident: Ident = content.call(syn::ext::IdentExt::parse_any)?;
            LitStr::new(&ident.to_string(), ident.span())
        };
        content.parse::<Token![=]>()?;
        match content.parse::<Expr>()? {
            Expr::Lit(syn::ExprLit { lit: Lit::Str(target), .. }) => pairs.push((name, target)),
            other => cx.error_spanned_by(
                other,
                "a shorthand stands for a dotted path string, as in `thread = \"gevent.resolver.thread.Resolver\"`",
            ),
        }
        if !content.is_empty() {
            content.parse::<Token![,]>()?;
        }
    }
    Ok(pairs)
}

/// `deprecated(since = "...", replacement = "...", note = "...")`
fn deprecated_value(cx: &Ctxt, meta: &ParseNestedMeta) -> syn::Result<Deprecated> {
    let keyword = ident_of(&meta.path);
    let mut since = Attr::none(cx, SINCE);
    let mut replacement = Attr::none(cx, REPLACEMENT);
    let mut note = Attr::none(cx, NOTE);
    let mut has_unknown_key = false;
    if meta.input.peek(syn::token::Paren) {
        meta.parse_nested_meta(|inner| {
            let path = inner.path.clone();
            if path == SINCE {
                if let Some(s) = string_value(cx, &inner, SINCE, "1.3a2")? {
                    since.set(&path, s);
                }
            } else if path == REPLACEMENT {
                if let Some(s) = string_value(cx, &inner, REPLACEMENT, "resolver_nameservers")? {
                    replacement.set(&path, s);
                }
            } else if path == NOTE {
                if let Some(s) = string_value(cx, &inner, NOTE, "If both are set, the results are not defined.")? {
                    note.set(&path, s);
                }
            } else {
                has_unknown_key = true;
                unknown_key(cx, &inner, DEPRECATED, DEPRECATED_KEYS)?;
            }
            Ok(())
        })?;
    } else if !meta.input.peek(Token![,]) && !meta.input.is_empty() {
        cx.error_spanned_by(
            &meta.path,
            "`deprecated` takes `(since = \"...\", replacement = \"...\", note = \"...\")`",
        );
        skip_value(meta.input)?;
    }
    Ok(Deprecated { keyword, has_unknown_key, since: since.get(), replacement: replacement.get(), note: note.get() })
}

fn parse_notation(cx: &Ctxt, s: &LitStr) -> Option<Notation> {
    match s.value().as_str() {
        "rust" => Some(Notation::Rust),
        "python" => Some(Notation::Python),
        other => {
            cx.error_spanned_by(s, format!("unknown notation {other:?}: choose \"rust\" or \"python\""));
            None
        }
    }
}
