//! `#[settings(...)]` and `#[setting(...)]` to [`Container`] and [`Field`].
//!
//! Parsers return values, never `Result`: each problem goes into the
//! [`Ctxt`] and parsing carries on with the next key, so one build shows
//! every mistake, however malformed the one before it.

use proc_macro2::{Span, TokenStream, TokenTree};
use quote::ToTokens;
use syn::ext::IdentExt;
use syn::parse::discouraged::Speculative;
use syn::parse::{Parse, ParseStream, Parser};
use syn::spanned::Spanned;
use syn::{Expr, Ident, Lit, LitStr, Token};

use crate::ctxt::Ctxt;
use crate::symbol::*;
use crate::text::{self, Lines};

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
    /// The tokens to point errors at.
    pub(crate) span: TokenStream,
    pub(crate) min: Option<Bound>,
    pub(crate) max: Option<Bound>,
    pub(crate) max_exclusive: bool,
}

/// One end of a range, as written: a number or a string (`"1s"`, `"1kb"`).
#[derive(Clone)]
pub(crate) struct Bound {
    pub(crate) text: String,
    pub(crate) tokens: TokenStream,
}

/// `len = a..=b`
pub(crate) struct Len {
    pub(crate) span: TokenStream,
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
    /// Any other expression: a value of the field's type.
    Expr(TokenStream),
}

/// `shorthand(name = "dotted.path", ...)`, in the order written.
pub(crate) struct Shorthands {
    pub(crate) keyword: Ident,
    pub(crate) pairs: Vec<(LitStr, LitStr)>,
}

/// `deprecated(since = "...", replacement = "...", note = "...")`
pub(crate) struct Deprecated {
    pub(crate) keyword: Ident,
    /// An unknown or malformed key was met (and reported): what is missing
    /// may be that key.
    pub(crate) has_bad_key: bool,
    pub(crate) since: Option<LitStr>,
    pub(crate) replacement: Option<LitStr>,
    pub(crate) note: Option<LitStr>,
}

/// One key of an attribute list, and the input its value is read from.
struct Meta<'a> {
    path: syn::Path,
    input: ParseStream<'a>,
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
            parse_attr(cx, attr, |meta| {
                let path = &meta.path;
                if path == ENV_PREFIX {
                    if let Some(s) = line_value(cx, meta, ENV_PREFIX, "GEVENT_") {
                        env_prefix.set(path, s);
                    }
                } else if path == WATCH_PREFIXES {
                    if let Some(list) = string_list(cx, meta, WATCH_PREFIXES) {
                        watch_prefixes.set(path, list);
                    }
                } else if path == KNOWN_ENV {
                    if let Some(list) = string_list(cx, meta, KNOWN_ENV) {
                        known_env.set(path, list);
                    }
                } else if path == EMPTY_VALUES {
                    if let Some(s) = string_value(cx, meta, EMPTY_VALUES, "numbers") {
                        choice(cx, &s, EMPTY_VALUES, &["unset", "numbers"]);
                        empty_values.set(path, s);
                    }
                } else if path == LIST_ITEMS {
                    if let Some(s) = string_value(cx, meta, LIST_ITEMS, "as_given") {
                        choice(cx, &s, LIST_ITEMS, &["trimmed", "as_given"]);
                        list_items.set(path, s);
                    }
                } else if path == TITLE {
                    if let Some(s) = line_value(cx, meta, TITLE, "Configuring gevent") {
                        title.set(path, s);
                    }
                } else if path == ADDED {
                    if let Some(s) = line_value(cx, meta, ADDED, "1.3a2") {
                        added.set(path, s);
                    }
                } else if path == SEE_ALSO {
                    if let Some(list) = string_list(cx, meta, SEE_ALSO) {
                        see_also.set(path, list);
                    }
                } else if path == NOTATION {
                    if let Some(s) = string_value(cx, meta, NOTATION, "python")
                        && let Some(n) = parse_notation(cx, &s)
                    {
                        notation.set(path, n);
                    }
                } else if path == CRATE {
                    if let Some(s) = string_value(cx, meta, CRATE, "my_config") {
                        match s.parse::<syn::Path>() {
                            Ok(p) => krate.set(path, p),
                            Err(_) => cx.error_spanned_by(&s, "`crate` takes a path, as in `crate = \"my_config\"`"),
                        }
                    }
                } else {
                    unknown_key(cx, meta, SETTINGS, CONTAINER_KEYS);
                }
            });
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
            parse_attr(cx, attr, |meta| {
                let path = &meta.path;
                if path == NAME {
                    if let Some(s) = line_value(cx, meta, NAME, "max_blocking_time") {
                        name.set(path, s);
                    }
                } else if path == ENV {
                    if let Some(s) = line_value(cx, meta, ENV, "GEVENT_LOOP") {
                        env.set(path, s);
                    }
                } else if path == DEFAULT {
                    if let Some(value) = default_value(cx, meta) {
                        default.set(path, value);
                    }
                } else if path == DEFAULT_DOC {
                    if let Some(s) = line_value(cx, meta, DEFAULT_DOC, "False") {
                        default_doc.set(path, s);
                    }
                } else if path == BYTES {
                    flag(cx, meta, &mut bytes);
                } else if path == POSITIVE {
                    flag(cx, meta, &mut positive);
                } else if path == VALIDATE {
                    if let Some(v) = validate_value(cx, meta) {
                        validate.set(path, v);
                    }
                } else if path == REQUIRED {
                    flag(cx, meta, &mut required);
                } else if path == RANGE {
                    if let Some(r) = range_value(cx, meta) {
                        range.set(path, r);
                    }
                } else if path == MIN || path == MAX {
                    let key = if path == MIN { MIN } else { MAX };
                    if let Some(b) = value_expr(cx, meta).and_then(|e| bound(cx, &e, key)) {
                        if key == MIN { min.set(path, b) } else { max.set(path, b) }
                    }
                } else if path == LEN {
                    if let Some(l) = len_value(cx, meta) {
                        len.set(path, l);
                    }
                } else if path == FROM_STR {
                    flag(cx, meta, &mut from_str);
                } else if path == EXPECTED {
                    if let Some(s) = line_value(cx, meta, EXPECTED, "a postgres:// URL") {
                        expected.set(path, s);
                    }
                } else if path == NESTED {
                    flag(cx, meta, &mut nested);
                } else if path == ENV_PREFIX {
                    if let Some(s) = line_value(cx, meta, ENV_PREFIX, "REPLICA_") {
                        env_prefix.set(path, s);
                    }
                } else if path == ALIAS {
                    if let Some(list) = string_list(cx, meta, ALIAS) {
                        alias.set(path, list);
                    }
                } else if path == ALIAS_ENV {
                    if let Some(list) = string_list(cx, meta, ALIAS_ENV) {
                        alias_env.set(path, list);
                    }
                } else if path == FROZEN {
                    flag(cx, meta, &mut frozen);
                } else if path == SHORTHAND {
                    if let Some(pairs) = shorthand_pairs(cx, meta) {
                        shorthand.set(path, Shorthands { keyword: ident_of(path), pairs });
                    }
                } else if path == DEPRECATED {
                    deprecated.set(path, deprecated_value(cx, meta));
                } else if path == ADDED {
                    if let Some(s) = line_value(cx, meta, ADDED, "1.3b1") {
                        added.set(path, s);
                    }
                } else if path == SEE_ALSO {
                    if let Some(list) = string_list(cx, meta, SEE_ALSO) {
                        see_also.set(path, list);
                    }
                } else if path == HIDDEN {
                    flag(cx, meta, &mut hidden);
                } else if path == SECRET {
                    flag(cx, meta, &mut secret);
                } else {
                    unknown_key(cx, meta, SETTING, FIELD_KEYS);
                }
            });
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
        let listed: Vec<String> = choices.iter().map(|c| format!("\"{c}\"")).collect();
        cx.error_spanned_by(s, format!("`{key}` is one of {}", listed.join(", ")));
    }
}

/// `validate = path` or `validate(with = path, expected = "...")`.
fn validate_value(cx: &Ctxt, meta: &Meta) -> Option<Validate> {
    if !meta.input.peek(syn::token::Paren) {
        return path_value(cx, meta, VALIDATE).map(|path| Validate { path, expected: None });
    }
    let (mut with, mut expected) = (None, None);
    let parsed = (|| -> syn::Result<()> {
        let content;
        syn::parenthesized!(content in meta.input);
        parse_entries(cx, &content, |inner| {
            if inner.path == WITH {
                with = path_value(cx, inner, WITH);
            } else if inner.path == EXPECTED {
                expected = line_value(cx, inner, EXPECTED, "a postgres:// URL");
            } else {
                unknown_key(cx, inner, VALIDATE, &[WITH, EXPECTED]);
            }
        });
        Ok(())
    })();
    if let Err(error) = parsed {
        cx.syn_error(error);
    }
    if with.is_none() {
        let message = "`validate(...)` needs `with = function`, as in \
                       `validate(with = check_url, expected = \"a postgres:// URL\")`";
        cx.error_spanned_by(&meta.path, message);
    }
    with.map(|path| Validate { path, expected })
}

/// `range = 1..=256`, `range = "1s"..="1h"`, `range = 1..`, `range = ..=10`.
fn range_value(cx: &Ctxt, meta: &Meta) -> Option<Range> {
    let example = "`range = 1..=256` or `range = \"1s\"..=\"1h\"`";
    if meta.input.parse::<Token![=]>().is_err() {
        cx.error_spanned_by(&meta.path, format!("`range` takes a range, as in {example}"));
        skip_value(meta.input);
        return None;
    }
    let Some(written) = parse_range(meta.input) else {
        let rest = take_value(meta.input);
        cx.error_spanned_by(rest, format!("`range` takes a range, as in {example}"));
        return None;
    };
    let min = written.start.as_ref().and_then(|e| bound(cx, e, RANGE));
    let max = written.end.as_ref().and_then(|e| bound(cx, e, RANGE));
    if min.is_none() && max.is_none() {
        cx.error_spanned_by(&written.tokens, format!("`range` needs at least one bound, as in {example}"));
        return None;
    }
    let max_exclusive = !written.inclusive && max.is_some();
    Some(Range { span: written.tokens, min, max, max_exclusive })
}

/// A range as written: `a..b`, `a..=b`, `a..`, `..=b`, each end a literal
/// with an optional `-`. (syn parses range expressions only with its `full`
/// feature, which the derive does without.)
struct WrittenRange {
    start: Option<Expr>,
    end: Option<Expr>,
    inclusive: bool,
    tokens: TokenStream,
}

fn parse_range(input: ParseStream) -> Option<WrittenRange> {
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
    let start = end_literal(&fork).ok()?;
    let inclusive = if fork.peek(Token![..=]) {
        fork.parse::<Token![..=]>().ok()?;
        true
    } else if fork.peek(Token![..]) {
        fork.parse::<Token![..]>().ok()?;
        false
    } else {
        return None;
    };
    let end = end_literal(&fork).ok()?;
    if !(fork.is_empty() || fork.peek(Token![,])) {
        return None;
    }
    let tokens = take_value(input);
    Some(WrittenRange { start, end, inclusive, tokens })
}

/// A bound: a number (possibly negative) or a string.
fn bound(cx: &Ctxt, expr: &Expr, key: Symbol) -> Option<Bound> {
    let tokens = expr.to_token_stream();
    let (negative, lit) = match ungroup(expr) {
        Expr::Unary(syn::ExprUnary { op: syn::UnOp::Neg(_), expr, .. }) => (true, ungroup(expr)),
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
        Expr::Lit(syn::ExprLit { lit: Lit::Str(s), .. }) if !negative => Some(Bound { text: s.value(), tokens }),
        _ => {
            let message = format!("`{key}` takes numbers or strings written as values (`1`, `0.5`, `\"1s\"`)");
            cx.error_spanned_by(expr, message);
            None
        }
    }
}

/// `len = 1..=64`, `len = ..=32`.
fn len_value(cx: &Ctxt, meta: &Meta) -> Option<Len> {
    let complain = |at: &dyn ToTokens| {
        cx.error_spanned_by(at.to_token_stream(), "`len` takes a range of whole numbers, as in `len = 1..=64`");
    };
    if meta.input.parse::<Token![=]>().is_err() {
        complain(&meta.path);
        skip_value(meta.input);
        return None;
    }
    let Some(written) = parse_range(meta.input) else {
        let rest = take_value(meta.input);
        complain(&rest);
        return None;
    };
    let number = |e: &Expr| match ungroup(e) {
        Expr::Lit(syn::ExprLit { lit: Lit::Int(i), .. }) => i.base10_parse::<u64>().ok(),
        _ => None,
    };
    let min = written.start.as_ref().map(|e| number(e).ok_or(e));
    let max = written.end.as_ref().map(|e| number(e).ok_or(e));
    let (min, max) = match (min, max) {
        (Some(Err(bad)), _) | (_, Some(Err(bad))) => {
            complain(bad);
            return None;
        }
        (min, max) => (min.map(Result::unwrap_or_default), max.map(Result::unwrap_or_default)),
    };
    let max = match (max, written.inclusive) {
        (Some(0), false) => {
            complain(&written.tokens);
            return None;
        }
        (Some(max), false) => Some(max - 1),
        (max, _) => max,
    };
    if min.is_none() && max.is_none() {
        complain(&written.tokens);
        return None;
    }
    Some(Len { span: written.tokens, min, max })
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

/// Reads `#[attr(key, key = value, key(...), ...)]`, handing each key to
/// `each`, which reads its value.
fn parse_attr(cx: &Ctxt, attr: &syn::Attribute, each: impl FnMut(&Meta)) {
    let parsed = attr.parse_args_with(|input: ParseStream| {
        parse_entries(cx, input, each);
        Ok(())
    });
    if let Err(error) = parsed {
        cx.syn_error(error);
    }
}

/// Reads comma-separated keys. A key that is not a word, or a value not
/// followed by a comma, is reported and skipped up to the next comma: the
/// keys after it are still read (syn's `parse_nested_meta` would stop at the
/// first such error). Says whether there was such an error.
fn parse_entries(cx: &Ctxt, input: ParseStream, mut each: impl FnMut(&Meta)) -> bool {
    let mut malformed = false;
    while !input.is_empty() {
        match input.call(parse_key) {
            Ok(path) => each(&Meta { path, input }),
            Err(error) => {
                cx.syn_error(error);
                skip_value(input);
                malformed = true;
            }
        }
        if input.is_empty() {
            break;
        }
        if input.parse::<Token![,]>().is_err() {
            cx.syn_error(input.error("expected `,` before the next key"));
            skip_value(input);
            let _ = input.parse::<Option<Token![,]>>();
            malformed = true;
        }
    }
    malformed
}

/// A key: a word (keywords included, as `crate`), or a `::` path of them.
fn parse_key(input: ParseStream) -> syn::Result<syn::Path> {
    if !input.peek(Ident::peek_any) {
        return Err(input.error("expected a key, such as `default`"));
    }
    let mut path = syn::Path::from(input.call(Ident::parse_any)?);
    while input.peek(Token![::]) {
        path.segments.push_punct(input.parse()?);
        path.segments.push_value(input.call(Ident::parse_any)?.into());
    }
    Ok(path)
}

fn ident_of(path: &syn::Path) -> Ident {
    path.get_ident().cloned().unwrap_or_else(|| Ident::new("_", path.span()))
}

/// Reports an unknown key with a suggestion and the valid keys, and skips
/// its value so the keys after it are still read.
fn unknown_key(cx: &Ctxt, meta: &Meta, attr: Symbol, valid: &[Symbol]) {
    let key = meta.path.to_token_stream().to_string().replace(' ', "");
    let place = if attr == DEPRECATED { format!("`{attr}(...)`") } else { format!("`#[{attr}(...)]`") };
    let mut message = format!("unknown key `{key}` in {place}");
    if let Some(close) = closest(&key, valid) {
        message.push_str(&format!("; did you mean `{close}`?"));
    }
    let keys: Vec<_> = valid.iter().map(|k| k.0).collect();
    message.push_str(&format!("\nvalid keys are: {}", keys.join(", ")));
    cx.error_spanned_by(&meta.path, message);
    skip_value(meta.input);
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
fn skip_value(input: ParseStream) {
    take_value(input);
}

/// The tokens up to the next top-level comma, consumed.
fn take_value(input: ParseStream) -> TokenStream {
    let taken = input.step(|cursor| {
        let mut rest = *cursor;
        let mut tokens = TokenStream::new();
        while let Some((tt, next)) = rest.token_tree() {
            if matches!(&tt, TokenTree::Punct(p) if p.as_char() == ',') {
                break;
            }
            tokens.extend([tt]);
            rest = next;
        }
        Ok((tokens, rest))
    });
    taken.unwrap_or_default()
}

/// The expression after `key =`, or `None` with the problem reported and the
/// value skipped. The caller has seen the `=`.
fn value_expr(cx: &Ctxt, meta: &Meta) -> Option<Expr> {
    let Ok(eq) = meta.input.parse::<Token![=]>() else {
        let key = meta.path.to_token_stream();
        cx.error_spanned_by(&meta.path, format!("`{key}` takes a value, as in `{key} = 1`"));
        skip_value(meta.input);
        return None;
    };
    if meta.input.is_empty() || meta.input.peek(Token![,]) {
        let key = meta.path.to_token_stream();
        cx.error_spanned_by(quote::quote!(#key #eq), format!("`{key} =` needs a value"));
        return None;
    }
    match meta.input.parse::<Expr>() {
        Ok(expr) => Some(expr),
        Err(error) => {
            cx.syn_error(error);
            skip_value(meta.input);
            None
        }
    }
}

/// The expression itself, through the invisible groups `macro_rules!`
/// wraps around an `$x:expr` or `$x:literal`.
fn ungroup(expr: &Expr) -> &Expr {
    match expr {
        Expr::Group(group) => ungroup(&group.expr),
        other => other,
    }
}

fn as_lit_str(expr: &Expr) -> Option<&LitStr> {
    match ungroup(expr) {
        Expr::Lit(syn::ExprLit { lit: Lit::Str(s), .. }) => Some(s),
        _ => None,
    }
}

/// `key = "text"`; reports any other form (naming an example) and returns `None`.
fn string_value(cx: &Ctxt, meta: &Meta, key: Symbol, example: &str) -> Option<LitStr> {
    let message = format!("`{key}` takes a string, as in `{key} = \"{example}\"`");
    if !meta.input.peek(Token![=]) {
        cx.error_spanned_by(&meta.path, message);
        skip_value(meta.input);
        return None;
    }
    let value = value_expr(cx, meta)?;
    match as_lit_str(&value) {
        Some(s) => Some(s.clone()),
        None => {
            cx.error_spanned_by(value, message);
            None
        }
    }
}

/// A one-line string: `string_value`, and no line break or control
/// character in it. The value is kept even so, so that the checks after do
/// not report its absence too.
fn line_value(cx: &Ctxt, meta: &Meta, key: Symbol, example: &str) -> Option<LitStr> {
    let value = string_value(cx, meta, key, example)?;
    check_text(cx, key.0, &value, Lines::One);
    Some(value)
}

/// Reports the first character of `s` that text of this sort cannot hold.
pub(crate) fn check_text(cx: &Ctxt, key: &str, s: &LitStr, lines: Lines) {
    if let Some(c) = text::forbidden(&s.value(), lines) {
        cx.error_spanned_by(s, text::message(key, c, lines));
    }
}

/// `key = path::to::function`
fn path_value(cx: &Ctxt, meta: &Meta, key: Symbol) -> Option<syn::Path> {
    let message = format!("`{key}` takes a function path, as in `{key} = my_check`");
    if !meta.input.peek(Token![=]) {
        cx.error_spanned_by(&meta.path, message);
        skip_value(meta.input);
        return None;
    }
    let value = value_expr(cx, meta)?;
    match ungroup(&value) {
        Expr::Path(p) if p.qself.is_none() => Some(p.path.clone()),
        Expr::Lit(syn::ExprLit { lit: Lit::Str(s), .. }) => match s.parse::<syn::Path>() {
            Ok(p) => Some(p),
            Err(_) => {
                cx.error_spanned_by(s, message);
                None
            }
        },
        other => {
            cx.error_spanned_by(other, message);
            None
        }
    }
}

/// `key = ["a", "b"]` (a single string is taken as a list of one), each
/// string one line. Each item that is not a string is reported.
fn string_list(cx: &Ctxt, meta: &Meta, key: Symbol) -> Option<Vec<LitStr>> {
    let complain = |at: &dyn ToTokens| {
        let message = format!("`{key}` takes a list of strings, as in `{key} = [\"a\", \"b\"]`");
        cx.error_spanned_by(at.to_token_stream(), message);
    };
    if !meta.input.peek(Token![=]) {
        complain(&meta.path);
        skip_value(meta.input);
        return None;
    }
    let items = if meta.input.peek2(syn::token::Bracket) {
        let _ = meta.input.parse::<Token![=]>();
        let (items, _) = bracketed_items(cx, meta.input)?;
        items
    } else {
        vec![value_expr(cx, meta)?]
    };
    let strings = items.iter().filter_map(|item| match as_lit_str(item) {
        Some(s) => {
            check_text(cx, key.0, s, Lines::One);
            Some(s.clone())
        }
        None => {
            complain(item);
            None
        }
    });
    Some(strings.collect())
}

/// `[a, b, ...]`: the items and the brackets' span. An item that is not an
/// expression is reported, and the list is dropped.
fn bracketed_items(cx: &Ctxt, input: ParseStream) -> Option<(Vec<Expr>, Span)> {
    let parsed = (|| -> syn::Result<_> {
        let content;
        let bracket = syn::bracketed!(content in input);
        let items = content.parse_terminated(Expr::parse, Token![,])?;
        Ok((items.into_iter().collect(), bracket.span.join()))
    })();
    parsed.map_err(|error| cx.syn_error(error)).ok()
}

/// A flag: the key alone. `hidden = "yes"` is reported at the value.
fn flag(cx: &Ctxt, meta: &Meta, attr: &mut Attr<Ident>) {
    let keyword = ident_of(&meta.path);
    let message = format!("`{keyword}` is a flag and takes no value: write `{keyword}` alone");
    if meta.input.peek(Token![=]) {
        if let Some(value) = value_expr(cx, meta) {
            cx.error_spanned_by(value, message);
        }
    } else if meta.input.peek(syn::token::Paren) {
        cx.error_spanned_by(&meta.path, message);
        skip_value(meta.input);
    }
    attr.set(&meta.path, keyword);
}

/// `default`, `default = literal`, `default = ["a", "b"]`, `default = expr`.
fn default_value(cx: &Ctxt, meta: &Meta) -> Option<Default> {
    if meta.input.peek(syn::token::Paren) {
        cx.error_spanned_by(&meta.path, "write `default = value`, or `default` alone for the type's `Default`");
        skip_value(meta.input);
        return None;
    }
    if !meta.input.peek(Token![=]) {
        return Some(Default::Flag(ident_of(&meta.path)));
    }
    if meta.input.peek2(syn::token::Bracket) {
        let _ = meta.input.parse::<Token![=]>();
        let (items, span) = bracketed_items(cx, meta.input)?;
        return Some(Default::List { items: list_strings(cx, &items), span });
    }
    // syn (without its "full" feature, which would slow every user's build)
    // parses the usual expressions; any other is passed to the compiler as
    // written, up to the next comma.
    let fork = meta.input.fork();
    let _ = fork.parse::<Token![=]>();
    let expr = match fork.parse::<Expr>() {
        Ok(expr) if fork.is_empty() || fork.peek(Token![,]) => {
            meta.input.advance_to(&fork);
            expr
        }
        _ => {
            let eq = meta.input.parse::<Token![=]>().ok()?;
            let tokens = take_value(meta.input);
            if tokens.is_empty() {
                cx.error_spanned_by(quote::quote!(default #eq), "`default =` needs a value");
                return None;
            }
            return Some(Default::Expr(tokens));
        }
    };
    Some(match ungroup(&expr) {
        Expr::Lit(lit) => Default::Lit { lit: lit.lit.clone(), negative: None },
        Expr::Unary(syn::ExprUnary { op: syn::UnOp::Neg(minus), expr: inner, .. }) => match ungroup(inner) {
            Expr::Lit(lit) if matches!(lit.lit, Lit::Int(_) | Lit::Float(_)) => {
                Default::Lit { lit: lit.lit.clone(), negative: Some(*minus) }
            }
            _ => Default::Expr(expr.into_token_stream()),
        },
        _ => Default::Expr(expr.into_token_stream()),
    })
}

/// The strings of a list default; each other item is reported with what
/// to write instead.
fn list_strings(cx: &Ctxt, items: &[Expr]) -> Vec<LitStr> {
    let strings = items.iter().filter_map(|item| {
        if let Some(s) = as_lit_str(item) {
            return Some(s.clone());
        }
        let text = item.to_token_stream().to_string();
        cx.error_spanned_by(item, format!("a list default holds strings: write `{text:?}`"));
        None
    });
    strings.collect()
}

/// `shorthand(thread = "a.b.C", "libev-cext" = "a.b.D")`: names are words,
/// or strings when they are not words. Each malformed pair is reported and
/// the others are still read.
fn shorthand_pairs(cx: &Ctxt, meta: &Meta) -> Option<Vec<(LitStr, LitStr)>> {
    const FORM: &str = "`shorthand` takes name = \"dotted.path\" pairs, as in \
                        `shorthand(thread = \"gevent.resolver.thread.Resolver\")`";
    if !meta.input.peek(syn::token::Paren) {
        cx.error_spanned_by(&meta.path, FORM);
        skip_value(meta.input);
        return None;
    }
    let mut pairs = Vec::new();
    let parsed = (|| -> syn::Result<()> {
        let content;
        syn::parenthesized!(content in meta.input);
        for entry in split_commas(&content)? {
            match shorthand_pair.parse2(entry.clone()) {
                Ok(Some((name, target))) => {
                    check_text(cx, "shorthand", &name, Lines::One);
                    check_text(cx, "shorthand", &target, Lines::One);
                    pairs.push((name, target));
                }
                Ok(None) => cx.error_spanned_by(
                    &entry,
                    "a shorthand stands for a dotted path string, as in `thread = \"gevent.resolver.thread.Resolver\"`",
                ),
                Err(_) => cx.error_spanned_by(&entry, FORM),
            }
        }
        Ok(())
    })();
    if let Err(error) = parsed {
        cx.syn_error(error);
    }
    Some(pairs)
}

/// `name = "target"`: `None` when the target is not a string.
fn shorthand_pair(input: ParseStream) -> syn::Result<Option<(LitStr, LitStr)>> {
    let name = if input.peek(LitStr) {
        input.parse::<LitStr>()?
    } else {
        let ident = input.call(Ident::parse_any)?;
        LitStr::new(&ident.unraw().to_string(), ident.span())
    };
    input.parse::<Token![=]>()?;
    let target: Expr = input.parse()?;
    Ok(as_lit_str(&target).cloned().map(|target| (name, target)))
}

/// The comma-separated token runs of a parenthesized list (none empty).
fn split_commas(input: ParseStream) -> syn::Result<Vec<TokenStream>> {
    let mut entries = Vec::new();
    let mut current = TokenStream::new();
    while !input.is_empty() {
        let tt: TokenTree = input.parse()?;
        match &tt {
            TokenTree::Punct(p) if p.as_char() == ',' => entries.push(std::mem::take(&mut current)),
            _ => current.extend([tt]),
        }
    }
    entries.push(current);
    Ok(entries.into_iter().filter(|e| !e.is_empty()).collect())
}

/// `deprecated(since = "...", replacement = "...", note = "...")`
fn deprecated_value(cx: &Ctxt, meta: &Meta) -> Deprecated {
    let keyword = ident_of(&meta.path);
    let mut since = Attr::none(cx, SINCE);
    let mut replacement = Attr::none(cx, REPLACEMENT);
    let mut note = Attr::none(cx, NOTE);
    let mut has_bad_key = false;
    if meta.input.peek(syn::token::Paren) {
        let parsed = (|| -> syn::Result<()> {
            let content;
            syn::parenthesized!(content in meta.input);
            let key_error = parse_entries(cx, &content, |inner| {
                let path = &inner.path;
                let read = if path == SINCE {
                    line_value(cx, inner, SINCE, "1.3a2").map(|s| since.set(path, s))
                } else if path == REPLACEMENT {
                    line_value(cx, inner, REPLACEMENT, "resolver_nameservers").map(|s| replacement.set(path, s))
                } else if path == NOTE {
                    let example = "If both are set, the results are not defined.";
                    string_value(cx, inner, NOTE, example).map(|s| {
                        check_text(cx, NOTE.0, &s, Lines::Many);
                        note.set(path, s);
                    })
                } else {
                    unknown_key(cx, inner, DEPRECATED, DEPRECATED_KEYS);
                    None
                };
                has_bad_key |= read.is_none();
            });
            has_bad_key |= key_error;
            Ok(())
        })();
        if let Err(error) = parsed {
            cx.syn_error(error);
        }
    } else if !meta.input.peek(Token![,]) && !meta.input.is_empty() {
        cx.error_spanned_by(
            &meta.path,
            "`deprecated` takes `(since = \"...\", replacement = \"...\", note = \"...\")`",
        );
        skip_value(meta.input);
    }
    Deprecated { keyword, has_bad_key, since: since.get(), replacement: replacement.get(), note: note.get() }
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
