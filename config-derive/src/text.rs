//! Which characters an attribute's text may hold. The metadata is rendered
//! into documents, templates and terminals; a line break in a one-line value
//! (a name, a variable, a version) would start a new line of a `.env`
//! template or a table, and a control or bidi character would hide or
//! reorder text. The renderers escape too: this is defence in depth, at the
//! source, where the author can fix it.

use unicode_properties::{GeneralCategory, UnicodeGeneralCategory};

/// How much text a value is.
#[derive(Copy, Clone, PartialEq, Eq)]
pub(crate) enum Lines {
    /// A name, a variable, a version, a title: one line of plain text.
    One,
    /// Markdown (a doc comment, a deprecation note): line breaks and tabs.
    Many,
}

/// The first character of `text` that a value of this sort cannot hold.
pub(crate) fn forbidden(text: &str, lines: Lines) -> Option<char> {
    text.chars().find(|&c| match lines {
        Lines::One => control_or_break(c),
        Lines::Many => c != '\n' && c != '\t' && (control_or_break(c) && !is_format(c) || is_bidi_control(c)),
    })
}

/// A line break, a control character (C0, C1), or an invisible format
/// character (bidi overrides, zero-width characters, the BOM).
fn control_or_break(c: char) -> bool {
    matches!(
        c.general_category(),
        GeneralCategory::Control
            | GeneralCategory::Format
            | GeneralCategory::LineSeparator
            | GeneralCategory::ParagraphSeparator
    )
}

fn is_format(c: char) -> bool {
    c.general_category() == GeneralCategory::Format
}

/// The characters that reorder the text around them ("Trojan Source"),
/// which rustc also lints in comments and literals.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// `c` as an escape a user can read and search for: `\n`, `\u{2028}`.
pub(crate) fn escape(c: char) -> String {
    match c {
        '\n' => "\\n".to_owned(),
        '\r' => "\\r".to_owned(),
        '\t' => "\\t".to_owned(),
        '\0' => "\\0".to_owned(),
        _ => format!("\\u{{{:04x}}}", u32::from(c)),
    }
}

/// The message for `key` holding `c`.
pub(crate) fn message(key: &str, c: char, lines: Lines) -> String {
    let c = escape(c);
    match lines {
        Lines::One => format!(
            "`{key}` cannot hold `{c}`: write one line of plain text, without line breaks or control characters"
        ),
        Lines::Many => format!(
            "`{key}` cannot hold `{c}`: write Markdown without control characters; `\\n` is the only line break"
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_line_values_hold_no_break_or_control_character() {
        for c in ['\n', '\r', '\t', '\u{b}', '\u{c}', '\u{1c}', '\u{1d}', '\u{1e}', '\u{85}', '\u{2028}', '\u{2029}'] {
            assert_eq!(forbidden(&format!("a{c}b"), Lines::One), Some(c), "{c:?}");
        }
        for c in ['\u{202e}', '\u{2066}', '\u{200b}', '\u{feff}', '\u{0}', '\u{7f}', '\u{9f}'] {
            assert_eq!(forbidden(&format!("a{c}b"), Lines::One), Some(c), "{c:?}");
        }
        for ok in ["GEVENT_LOOP", "Configuring gevent", "1.3a2", "café", "日本語", "a b", "\u{a0}"] {
            assert_eq!(forbidden(ok, Lines::One), None, "{ok:?}");
        }
    }

    #[test]
    fn markdown_holds_newlines_and_tabs_only() {
        assert_eq!(forbidden("a\nb\tc", Lines::Many), None);
        assert_eq!(forbidden("a\u{200d}b", Lines::Many), None, "a zero-width joiner joins emoji");
        for c in ['\r', '\u{b}', '\u{c}', '\u{1c}', '\u{85}', '\u{2028}', '\u{2029}', '\u{202e}', '\u{2067}', '\u{1b}']
        {
            assert_eq!(forbidden(&format!("a{c}b"), Lines::Many), Some(c), "{c:?}");
        }
    }

    #[test]
    fn escapes_are_readable() {
        assert_eq!(escape('\n'), "\\n");
        assert_eq!(escape('\u{2028}'), "\\u{2028}");
        assert_eq!(escape('\u{1c}'), "\\u{001c}");
    }
}
