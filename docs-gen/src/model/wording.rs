//! The standard paragraphs of a setting: what its values look like, its
//! choices and limits, when it takes effect, its former names, its default
//! and its variable.
//!
//! Under `notation = "python"` the kinds gevent's page documents (booleans,
//! registered values, numbers, byte counts, text and lists) keep gevent's
//! words exactly, and say nothing where gevent says nothing (nor of
//! `frozen`: gevent's page says once, in the class's description, that
//! changes come before use); every other fact (a duration's form, choices,
//! ranges, lengths, `required`, former names) is written as under
//! `notation = "rust"`, in neutral words.
//! Every string from the metadata goes in as text or code, never as
//! Markdown to be parsed, except descriptions.

use config_core::meta::{Check, Choice, EmptyValues, Kind, Leaf, ListItems, Notation, SettingMeta, ValueType};

use super::{Line, Prose, default_text};
use crate::markdown::{self, Block, Inline};

/// The standard paragraphs of `leaf`'s setting, in order: its values, its
/// choices, its limits, `frozen`, its former names.
pub(super) fn paragraphs(leaf: &Leaf, notation: Notation) -> Prose {
    let meta = leaf.setting;
    let mut blocks = Vec::new();
    match notation {
        Notation::Python if python_kind(meta.kind()) => blocks.extend(gevent_paragraphs(meta, notation)),
        _ => blocks.extend(form(&meta.value).map(|mut inlines| {
            inlines.extend(rules_note(meta));
            shorthands(meta, &mut inlines);
            Block::Paragraph(inlines)
        })),
    }
    let choices = meta.value.items().choices;
    if !choices.is_empty() {
        if blocks.is_empty() {
            // gevent's wording says nothing of a list's items: say it here.
            let each = if meta.kind() == Kind::List { "Each item is one" } else { "One" };
            blocks.push(Block::Paragraph(vec![text(&format!("{each} of these names, in any case:"))]));
        }
        blocks.push(choice_list(choices));
    }
    let limits = limits(meta, notation);
    if !limits.is_empty() {
        blocks.push(Block::Paragraph(vec![Inline::Text(limits)]));
    }
    if meta.frozen && notation == Notation::Rust {
        blocks.push(Block::Paragraph(vec![Inline::Text("Takes effect only at start.".to_owned())]));
    }
    if let Some(line) = former_names(&leaf.aliases, &leaf.env_aliases) {
        blocks.push(Block::Paragraph(line.inlines));
    }
    Prose { blocks }
}

/// Kinds gevent's page documents, in its own words, under Python notation.
fn python_kind(kind: Kind) -> bool {
    matches!(
        kind,
        Kind::Bool | Kind::Registered | Kind::Integer | Kind::Float | Kind::ByteCount | Kind::String | Kind::List
    )
}

/// gevent's paragraphs for its booleans and importable values (its other
/// kinds have none).
fn gevent_paragraphs(meta: &SettingMeta, notation: Notation) -> Vec<Block> {
    match meta.kind() {
        Kind::Bool => {
            let (yes, no) = (notation.boolean(true), notation.boolean(false));
            Prose::new(&format!(
                "This is a boolean value.\n\nIn the environment variable, it may be given as `1`, `true`, `on` or \
                 `yes` for `{yes}`, or `0`, `false`, `off`, or `no` for `{no}`."
            ))
            .blocks
        }
        Kind::Registered => {
            let mut inlines = vec![text(
                "This is an importable value. It can be given as a string naming an importable object, or a list \
                 of strings in preference order and the first successfully importable object will be used. \
                 (Separate values in the environment variable with commas.) It can also be given as the callable \
                 object itself (in code).",
            )];
            if !meta.shorthands.is_empty() {
                let names: Vec<_> = meta.shorthand_names().collect();
                inlines.push(text(&format!(" Shorthand names for default objects are {}", notation.list(&names))));
            }
            vec![Block::Paragraph(inlines)]
        }
        _ => Vec::new(),
    }
}

fn text(s: &str) -> Inline {
    Inline::Text(s.to_owned())
}

fn code(s: &str) -> Inline {
    Inline::Code(s.to_owned())
}

/// `A duration, such as `30s`...`: what a value of `value` looks like, as a
/// sentence; `None` when nothing useful can be said (a custom type that
/// describes itself no further).
fn form(value: &ValueType) -> Option<Vec<Inline>> {
    if value.expected != value.kind.expected() {
        return Some(vec![text(&format!("{}.", capitalized(value.expected)))]);
    }
    let inlines = match value.kind {
        Kind::Bool => vec![
            text("A boolean. As text, "),
            code("true"),
            text(", "),
            code("1"),
            text(", "),
            code("yes"),
            text(" or "),
            code("on"),
            text(" mean true, and "),
            code("false"),
            text(", "),
            code("0"),
            text(", "),
            code("no"),
            text(" or "),
            code("off"),
            text(" mean false, in any case."),
        ],
        Kind::Integer => vec![text("A whole number, such as "), code("42"), text(".")],
        Kind::Float => vec![text("A number, such as "), code("0.5"), text(" or "), code("1e-3"), text(".")],
        Kind::ByteCount => vec![
            text("A number of bytes, optionally with a unit: "),
            code("kb"),
            text(", "),
            code("mb"),
            text(" or "),
            code("gb"),
            text(" (multiples of 1024), such as "),
            code("64mb"),
            text("."),
        ],
        Kind::Duration => vec![
            text("A duration, such as "),
            code("30s"),
            text(", "),
            code("500ms"),
            text(" or "),
            code("1h30m"),
            text("; a bare number is seconds."),
        ],
        Kind::SocketAddr => {
            vec![
                text("An IP address and port, such as "),
                code("0.0.0.0:8080"),
                text(" or "),
                code("[::1]:8080"),
                text("."),
            ]
        }
        Kind::IpAddr => vec![text("An IP address, such as "), code("10.0.0.1"), text(" or "), code("::1"), text(".")],
        Kind::Path => vec![text("A file system path.")],
        Kind::Char => vec![text("One character.")],
        Kind::Url => vec![text("A URL, such as "), code("https://example.org/"), text(".")],
        Kind::String => vec![text("Any text.")],
        Kind::Choice => vec![text("One of these names, in any case:")],
        Kind::Registered => vec![text(
            "One of the registered implementations, chosen by name: a shorthand or a registered path, or a \
             comma-separated list of them in order of preference; the first that is registered is used.",
        )],
        Kind::List => return Some(list_form(value)),
        // A custom type that says nothing of itself; and a kind this crate
        // does not know yet (the enum is non-exhaustive).
        _ => return None,
    };
    Some(inlines)
}

/// "A list, separated by commas in an environment variable (an array in a
/// configuration file); each item is a duration, ..."
fn list_form(value: &ValueType) -> Vec<Inline> {
    let mut inlines =
        vec![text("A list, separated by commas in an environment variable (an array in a configuration file)")];
    match value.item.and_then(form) {
        Some(mut item) => {
            if let Some(Inline::Text(first)) = item.first_mut() {
                *first = lowered(first);
            }
            inlines.push(text("; each item is "));
            inlines.extend(item);
        }
        None => inlines.push(text(".")),
    }
    inlines
}

/// Where the metadata's rules make text read unlike the standard rules.
fn rules_note(meta: &SettingMeta) -> Vec<Inline> {
    let mut note = String::new();
    if meta.rules.empty_values == EmptyValues::Numbers {
        match meta.kind() {
            Kind::Bool => note.push_str(" An empty value means false."),
            Kind::String | Kind::Path => note.push_str(" An empty value is kept as empty text."),
            Kind::List => note.push_str(" An empty value is a list of one empty item."),
            _ => {}
        }
    }
    if meta.kind() == Kind::List && meta.rules.list_items == ListItems::AsGiven {
        note.push_str(" Items are kept exactly as written, spaces and empty items included.");
    }
    if note.is_empty() { Vec::new() } else { vec![text(&note)] }
}

/// " Shorthands: `thread` for `app.Thread`, ..." after a registered value's form.
fn shorthands(meta: &SettingMeta, inlines: &mut Vec<Inline>) {
    if meta.shorthands.is_empty() {
        return;
    }
    inlines.push(text(" Shorthands: "));
    for (i, shorthand) in meta.shorthands.iter().enumerate() {
        if i > 0 {
            inlines.push(text(", "));
        }
        inlines.push(code(shorthand.name));
        inlines.push(text(" for "));
        inlines.push(code(shorthand.target));
    }
    inlines.push(text("."));
}

/// Each choice with its aliases and description, as a bullet list.
fn choice_list(choices: &[Choice]) -> Block {
    let items = choices
        .iter()
        .map(|choice| {
            let mut inlines = vec![code(choice.name)];
            if !choice.aliases.is_empty() {
                inlines.push(text(" (or "));
                for (i, alias) in choice.aliases.iter().enumerate() {
                    if i > 0 {
                        inlines.push(text(", "));
                    }
                    inlines.push(code(alias));
                }
                inlines.push(text(")"));
            }
            let doc = markdown::parse_inline(choice.doc);
            if !doc.is_empty() {
                inlines.push(text(": "));
                inlines.extend(doc);
            }
            vec![Block::Paragraph(inlines)]
        })
        .collect();
    Block::List { ordered: false, items }
}

/// "Between 1 and 256. Greater than 0." Under Python notation, gevent's
/// checks (positive, and functions that do not say what they accept) go
/// unsaid, as on gevent's page.
fn limits(meta: &SettingMeta, notation: Notation) -> String {
    let mut sentences = Vec::new();
    for check in meta.checks {
        let sentence = match *check {
            Check::Positive | Check::Custom { expected: None } if notation == Notation::Python => None,
            Check::Len { min, max } => Some(length(meta.kind() == Kind::List, min, max)),
            Check::Custom { expected: Some(expected) } if !expected.trim().is_empty() => {
                Some(format!("Must be {expected}."))
            }
            check => check.describe().map(|d| format!("{}.", capitalized(&d))),
        };
        sentences.extend(sentence);
    }
    sentences.join(" ")
}

/// "From 1 to 64 characters." or "At most 3 items."
fn length(list: bool, min: Option<u64>, max: Option<u64>) -> String {
    let unit = |n: u64| match (list, n) {
        (true, 1) => "item",
        (true, _) => "items",
        (false, 1) => "character",
        (false, _) => "characters",
    };
    match (min, max) {
        (Some(min), Some(max)) if min == max => format!("Exactly {min} {}.", unit(min)),
        (Some(min), Some(max)) => format!("From {min} to {max} {}.", unit(max)),
        (Some(min), None) => format!("At least {min} {}.", unit(min)),
        (None, Some(max)) => format!("At most {max} {}.", unit(max)),
        (None, None) => String::new(),
    }
}

/// "Formerly `old_name` (`OLD_VAR`), which still works with a warning."
pub fn former_names<S: AsRef<str>>(aliases: &[S], env_aliases: &[S]) -> Option<Line> {
    if aliases.is_empty() && env_aliases.is_empty() {
        return None;
    }
    let mut inlines = vec![text("Formerly ")];
    either(&mut inlines, aliases);
    if !env_aliases.is_empty() {
        if aliases.is_empty() {
            either(&mut inlines, env_aliases);
        } else {
            inlines.push(text(" ("));
            either(&mut inlines, env_aliases);
            inlines.push(text(")"));
        }
    }
    let works = if aliases.len().max(env_aliases.len()) > 1 { "work" } else { "works" };
    inlines.push(text(&format!(", which still {works} with a warning.")));
    Some(Line { inlines })
}

/// `a`, `b` or `c`, in code.
fn either<S: AsRef<str>>(inlines: &mut Vec<Inline>, names: &[S]) {
    for (i, name) in names.iter().enumerate() {
        if i > 0 {
            inlines.push(text(if i + 1 == names.len() { " or " } else { ", " }));
        }
        inlines.push(code(name.as_ref()));
    }
}

/// "The default value is `default`", or "Required: there is no default."
pub(super) fn default_line(meta: &SettingMeta, notation: Notation) -> Line {
    if super::is_required(meta) {
        return Line { inlines: vec![text("Required: there is no default.")] };
    }
    Line { inlines: vec![text("The default value is "), Inline::Code(default_text(meta, notation))] }
}

/// "The environment variable `ENV` can be used to control this."
pub(super) fn env_line(env: &str) -> Line {
    Line { inlines: vec![text("The environment variable "), code(env), text(" can be used to control this.")] }
}

/// What a setting accepts, as one line of plain text for a template:
/// "a whole number, between 1 and 256". A list is called `list` ("a
/// comma-separated list" in a `.env` file, "an array" in TOML) and says what
/// its items are; an enum lists its choices with their aliases, a
/// registered value its shorthands.
pub fn accepts(meta: &SettingMeta, list: &str) -> String {
    let value = &meta.value;
    let mut out = match value.item.filter(|_| value.kind == Kind::List) {
        Some(item) if item.kind == Kind::String && item.expected == Kind::String.expected() => {
            format!("{list} of text items")
        }
        Some(item) => format!("{list}, each item {}", described(item)),
        None => described(value),
    };
    for check in meta.checks {
        match *check {
            Check::Custom { expected: Some(expected) } if !expected.trim().is_empty() => {
                out.push_str("; must be ");
                out.push_str(expected);
            }
            _ => {
                if let Some(described) = check.describe().filter(|d| !d.trim().is_empty()) {
                    out.push_str(", ");
                    out.push_str(&described);
                }
            }
        }
    }
    if !meta.shorthands.is_empty() {
        let names: Vec<&str> = meta.shorthand_names().collect();
        out.push_str("; shorthands: ");
        out.push_str(&names.join(", "));
    }
    out
}

/// A value type's description, an enum's as its choices: "one of error,
/// warn (or warning), info".
fn described(value: &ValueType) -> String {
    if value.choices.is_empty() {
        return value.expected.to_owned();
    }
    let choices = config_core::meta::choice_list(value.choices);
    if value.expected == Kind::Choice.expected() {
        format!("one of {choices}")
    } else {
        format!("{}: {choices}", value.expected)
    }
}

/// The first sentence of the first paragraph, as plain text.
pub fn first_sentence(blocks: &[Block]) -> Option<String> {
    let text = blocks.iter().find_map(|b| match b {
        Block::Paragraph(inlines) => Some(markdown::plain(inlines)),
        _ => None,
    })?;
    let end = text.find(". ").map_or(text.len(), |i| i + 1);
    Some(text[..end].trim().to_owned())
}

/// `text` with its first letter in upper case.
fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|first| first.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// `text` with its first letter in lower case (a sentence continued).
fn lowered(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|first| first.to_lowercase().chain(chars).collect()).unwrap_or_default()
}
