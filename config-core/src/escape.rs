//! Which characters never reach an output raw, and what is written instead.
//!
//! One rule, [`is_unsafe`], for every place a program prints text that may
//! hold input: control characters (which move the cursor, clear the screen
//! or start an escape sequence), the bidirectional controls (which make a
//! terminal or an editor show text in another order than it is read) and
//! the line and paragraph separators (which some readers break lines on).
//!
//! ```
//! use config_core::escape;
//!
//! assert_eq!(escape::terminal("red\u{1b}[31m\u{202e}"), "red\\u{1b}[31m\\u{202e}");
//! assert_eq!(escape::json("{\"v\": \"a\u{9b}b\"}"), "{\"v\": \"a\\u009bb\"}");
//! ```

use std::borrow::Cow;
use std::fmt::Write as _;

/// Whether `c` must be escaped wherever it is printed: the C0 controls
/// (U+0000–U+001F), DEL (U+007F), the C1 controls (U+0080–U+009F, among
/// them the 8-bit CSI U+009B), the bidirectional controls (U+061C,
/// U+200E, U+200F, U+202A–U+202E, U+2066–U+2069) and the line and
/// paragraph separators (U+2028, U+2029).
pub fn is_unsafe(c: char) -> bool {
    matches!(
        c,
        '\0'..='\u{1f}'
            | '\u{7f}'..='\u{9f}'
            | '\u{61c}'
            | '\u{200e}'
            | '\u{200f}'
            // U+2028 and U+2029, then U+202A to U+202E.
            | '\u{2028}'..='\u{202e}'
            | '\u{2066}'..='\u{2069}'
    )
}

/// `text` as one line that is safe to print: every [unsafe](is_unsafe)
/// character, newlines included, written as Rust's `{:?}` writes it (`\n`,
/// `\u{1b}`). A backslash is kept as it is, so this is a last guard for text
/// whose values are already quoted and escaped, not a way to quote a value:
/// it changes nothing in such text.
pub fn terminal(text: &str) -> Cow<'_, str> {
    escape_where(text, is_unsafe, |out, c| out.extend(c.escape_debug()))
}

/// As [`terminal`], but the line breaks (`\n`) of multi-line text are kept.
pub fn terminal_lines(text: &str) -> Cow<'_, str> {
    escape_where(text, |c| c != '\n' && is_unsafe(c), |out, c| out.extend(c.escape_debug()))
}

/// JSON text with every [unsafe](is_unsafe) character written as a
/// `\uXXXX` escape, so that it is safe to print and still the same JSON
/// value.
///
/// `text` must be JSON, as `serde_json` writes it. Such a serializer
/// already escapes the C0 controls inside strings, so a C0 character left
/// in the text is whitespace between tokens (a newline of pretty output)
/// and is kept. Every other unsafe character can only be inside a string,
/// where its `\uXXXX` escape stands for the same character. (All of them
/// are in the Basic Multilingual Plane: one escape each.)
pub fn json(text: &str) -> Cow<'_, str> {
    escape_where(
        text,
        |c| !matches!(c, '\0'..='\u{1f}') && is_unsafe(c),
        |out, c| {
            let _ = write!(out, "\\u{:04x}", u32::from(c));
        },
    )
}

/// `text` with each character `escaped` selects written by `write`;
/// borrowed when there is none, the usual case.
fn escape_where(text: &str, escaped: impl Fn(char) -> bool, write: impl Fn(&mut String, char)) -> Cow<'_, str> {
    let Some(first) = text.find(&escaped) else { return Cow::Borrowed(text) };
    let mut out = String::with_capacity(text.len() + 8);
    out.push_str(&text[..first]);
    for c in text[first..].chars() {
        if escaped(c) { write(&mut out, c) } else { out.push(c) }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The rule, written out as ranges.
    const UNSAFE: &[(u32, u32)] = &[
        (0x00, 0x1f),
        (0x7f, 0x9f),
        (0x61c, 0x61c),
        (0x200e, 0x200f),
        (0x2028, 0x2029),
        (0x202a, 0x202e),
        (0x2066, 0x2069),
    ];

    #[test]
    fn the_rule_is_exactly_these_ranges() {
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            let listed = UNSAFE.iter().any(|&(lo, hi)| (lo..=hi).contains(&u32::from(c)));
            assert_eq!(is_unsafe(c), listed, "U+{:04X}", u32::from(c));
        }
    }

    #[test]
    fn terminal_escapes_every_unsafe_character_and_nothing_else() {
        let all: String = (0..=0x10ffff).filter_map(char::from_u32).collect();
        let shown = terminal(&all);
        assert!(!shown.chars().any(is_unsafe));
        assert!(shown.contains("\\n\\u{b}") && shown.contains("\\u{7f}\\u{80}") && shown.contains("\\u{202e}"));
        // Everything else is kept as it is: quotes, backslashes, accents.
        assert_eq!(terminal("é \"q\" \\n 中 \u{301}"), "é \"q\" \\n 中 \u{301}");
        assert!(matches!(terminal("plain"), Cow::Borrowed("plain")));
    }

    #[test]
    fn terminal_lines_keeps_only_line_breaks() {
        assert_eq!(terminal_lines("a\nb\r\n\tc\u{2028}"), "a\nb\\r\n\\tc\\u{2028}");
    }

    #[test]
    fn json_stays_the_same_value_and_prints_no_unsafe_character() {
        let value: String = (0..=0x10ffff).filter_map(char::from_u32).collect();
        let pretty = serde_json::to_string_pretty(&serde_json::json!({ "value": value, "list": [value] })).unwrap();
        let escaped = json(&pretty);
        assert!(!escaped.chars().any(|c| c != '\n' && is_unsafe(c)));
        assert!(escaped.contains("\\u007f\\u0080") && escaped.contains("\\u202e") && escaped.contains("\\u061c"));
        let back: serde_json::Value = serde_json::from_str(&escaped).unwrap();
        assert_eq!(back["value"], value);
        assert_eq!(back["list"][0], value);
        assert_eq!(escaped.lines().count(), pretty.lines().count());
    }
}
