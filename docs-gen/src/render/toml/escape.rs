//! TOML's one escaping rule: a comment is one line of visible text; a key
//! is bare when TOML allows it, else a basic string; a string is a basic
//! string with every character TOML (or a reader's eye) could trip on
//! escaped.

use std::fmt::Write as _;

use crate::render::chars;

/// Text for after `# `: one line, hidden characters shown as escapes (TOML
/// allows no control character but tab in a comment).
pub(super) fn comment(text: &str) -> String {
    chars::one_line(text).into_owned()
}

/// A key: bare (`pool_size`) when it is made of letters, digits, `_` and
/// `-`, otherwise quoted.
pub(super) fn key(key: &str) -> String {
    let bare = !key.is_empty() && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    if bare { key.to_owned() } else { string(key) }
}

/// A dotted path of keys, each written as [`key`]: a table header's name.
pub(super) fn path(parts: &[&str]) -> String {
    parts.iter().map(|part| key(part)).collect::<Vec<_>>().join(".")
}

/// A basic string: `"`, `\` and every control, line-break or bidirectional
/// character escaped (`\n`, `\u202E`), so that the value reads the same and
/// shows as it reads.
pub(super) fn string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if chars::is_hidden(c) || chars::is_line_break(c) => {
                let _ = write!(out, "\\u{:04X}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_escape_what_toml_or_the_eye_trips_on() {
        assert_eq!(string("a \"b\" \\c"), r#""a \"b\" \\c""#);
        assert_eq!(string("x\ny\u{202e}z\u{7f}\u{2028}"), r#""x\ny\u202Ez\u007F\u2028""#);
    }

    #[test]
    fn keys_are_bare_only_when_toml_allows() {
        assert_eq!(key("pool_size"), "pool_size");
        assert_eq!(key("say\"hi"), r#""say\"hi""#);
        assert_eq!(key(""), r#""""#);
        assert_eq!(path(&["database", "a b"]), r#"database."a b""#);
        assert_eq!(comment("a\nb = 1"), "a b = 1");
    }
}
