//! reStructuredText's one escaping rule: every string is text, never markup.
//! Text is one line (docutils splits lines at more than `\n`) with every
//! character that can open inline markup backslash-escaped, and a `:` that
//! could end a URI scheme or make `::` escaped too; text that begins a line
//! has its first character escaped if it could start a block; a directive's
//! argument is one line, and a version one word; a link's address is the
//! shared safe URL.

use unicode_width::UnicodeWidthStr;

use crate::render::{chars, url};

/// Running text.
pub(super) fn text(text: &str) -> String {
    let line = chars::one_line(text);
    let mut out = String::with_capacity(line.len());
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        // `a:b` could be a URI (`javascript:...`, which docutils links), and
        // a final `::` would announce a literal block.
        let colon = c == ':' && chars.peek().is_some_and(|next| !next.is_whitespace());
        if colon || matches!(c, '\\' | '*' | '`' | '_' | '|') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Text for a link's label, which ends at `<`.
pub(super) fn link_text(label: &str) -> String {
    text(label).replace('<', "\\<")
}

/// Escaped text made safe to begin a line: leading white space dropped (it
/// would indent a block), and a first character that could start a list,
/// a directive, a field, a table, a transition, a line block or a doctest
/// escaped, as is an enumerator such as `1.`, `A)` or `iv.`.
pub(super) fn line_start(escaped: &str) -> String {
    let line = escaped.trim_start();
    let Some(first) = line.chars().next() else { return String::new() };
    let word = line.split_whitespace().next().unwrap_or("");
    let enumerator = word.strip_suffix(['.', ')']).is_some_and(|e| {
        let roman = |set: &str| !e.is_empty() && e.chars().all(|c| set.contains(c));
        (!e.is_empty() && e.chars().all(|c| c.is_ascii_digit()))
            || (e.len() == 1 && e.chars().all(|c| c.is_ascii_alphabetic()))
            || roman("ivxlcdm")
            || roman("IVXLCDM")
            || e == "#"
    });
    let bullet = (first.is_ascii_punctuation() && first != '\\') || matches!(first, '•' | '‣' | '⁃');
    if bullet || enumerator { format!("\\{line}") } else { line.to_owned() }
}

/// ``code`` as an inline literal, or `None` when it cannot be one (empty,
/// white space at an edge, a backtick at an edge, or holding ` `` `).
pub(super) fn literal(code: &str) -> Option<String> {
    let code = chars::one_line(code);
    let fits = !code.trim().is_empty()
        && code.trim() == code
        && !code.contains("``")
        && !code.starts_with('`')
        && !code.ends_with('`');
    fits.then(|| format!("``{code}``"))
}

/// A directive's argument that runs to the end of its line (a signature): one
/// line, never empty.
pub(super) fn argument(text: &str) -> String {
    let line = chars::one_line(text);
    let line = line.trim();
    if line.is_empty() { "unnamed".to_owned() } else { line.to_owned() }
}

/// A one-word argument (a version, a module), taken as written: white space
/// would split it and let the rest be read as markup.
pub(super) fn word(text: &str) -> String {
    let word: String = argument(text).chars().map(|c| if c.is_whitespace() { '_' } else { c }).collect();
    word
}

/// The lines of a code block (a literal block: taken as they are, but one
/// line each, whatever line breaks they held).
pub(super) fn code_lines(text: &str) -> impl Iterator<Item = String> + '_ {
    chars::code_lines(text)
}

/// A name that can be the target of a cross-reference role as it is.
pub(super) fn is_reference_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.')
}

/// A link's address for `<...>` or a link target, or `None` when it must
/// not be a link.
pub(super) fn url(address: &str) -> Option<String> {
    url::safe(address)
}

/// A label definition: `.. _name:`, quoted when the name needs it.
pub(super) fn label(name: &str) -> String {
    let name = argument(name);
    let plain = name.chars().all(|c| c.is_ascii_alphanumeric() || "-_.+".contains(c));
    if plain {
        format!(".. _{name}:")
    } else {
        let quoted: String =
            name.chars().flat_map(|c| if matches!(c, '\\' | '`') { vec!['\\', c] } else { vec![c] }).collect();
        format!(".. _`{quoted}`:")
    }
}

/// A section title and its underline, as long as the title is wide.
pub(super) fn title(title: &str) -> String {
    let line = line_start(&text(title));
    let line = if line.is_empty() { "Settings".to_owned() } else { line };
    format!("{line}\n{}", "=".repeat(line.width().max(1)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_and_line_breaks_in_text_are_escaped() {
        assert_eq!(text("a*b`c_d|e\\"), "a\\*b\\`c\\_d\\|e\\\\");
        assert_eq!(text("x\u{2028}\u{2028}.. raw:: html"), "x  .. raw\\:: html");
        assert_eq!(text("javascript:alert(1) and Note: this"), "javascript\\:alert(1) and Note: this");
    }

    #[test]
    fn line_starts_cannot_open_blocks() {
        for (line, escaped) in [
            ("  .. raw:: html", "\\.. raw:: html"),
            ("- item", "\\- item"),
            ("1. item", "\\1. item"),
            ("A) item", "\\A) item"),
            (">>> x", "\\>>> x"),
            ("• x", "\\• x"),
            ("plain words", "plain words"),
            ("e.g. this", "e.g. this"),
            ("iv. item", "\\iv. item"),
            ("Greets. more", "Greets. more"),
        ] {
            assert_eq!(line_start(line), escaped, "{line}");
        }
    }

    #[test]
    fn literals_arguments_and_labels() {
        assert_eq!(literal("gevent.os").as_deref(), Some("``gevent.os``"));
        assert_eq!(literal(" x"), None);
        assert_eq!(literal("a``b"), None);
        assert_eq!(argument("a\nb"), "a b");
        assert_eq!(word("1.0 `x <javascript:y>`__"), "1.0_`x_<javascript:y>`__");
        assert_eq!(label("gevent-configuration"), ".. _gevent-configuration:");
        assert_eq!(label("a b`c"), ".. _`a b\\`c`:");
        assert!(is_reference_name("max_blocking_time") && !is_reference_name("a`b") && !is_reference_name(""));
        assert_eq!(title("Wide 設定"), "Wide 設定\n=========");
    }
}
