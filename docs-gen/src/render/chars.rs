//! The characters no format may write raw, whatever string they come in:
//! line breaks of every kind that some reader honours (Python's
//! `str.splitlines`, which docutils uses, splits at more than `\n`), and
//! characters that are invisible but act: control characters (a terminal
//! obeys an 8-bit CSI, `U+009B`) and the bidirectional controls that can make
//! text read in another order than it is stored. Each format's `escape`
//! module sends every string through here first, then escapes its own markup.

use std::borrow::Cow;

/// Whether some reader of a format starts a new line at `c`.
pub(crate) fn is_line_break(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{0b}' | '\u{0c}' | '\u{1c}'..='\u{1e}' | '\u{85}' | '\u{2028}' | '\u{2029}')
}

/// Whether `c` is invisible but changes what is shown: a control character
/// (C0, DEL, C1), a bidirectional control, or a line or paragraph
/// separator. The one list every output of the project uses, config-core's.
pub(crate) fn is_hidden(c: char) -> bool {
    config_core::escape::is_unsafe(c)
}

/// `text` as one line of visible text: line breaks and tabs become spaces
/// (they are white space in running text), any other hidden character is
/// written as its escape, such as `\u{202e}`.
pub(crate) fn one_line(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| is_line_break(c) || is_hidden(c)) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_line_break(c) || c == '\t' {
            out.push(' ');
        } else if is_hidden(c) {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// The lines of a code block, split at `\n` only (as Markdown split them),
/// each made visible with [`one_line`]; a tab stays a tab, where code needs it.
pub(crate) fn code_lines(text: &str) -> impl Iterator<Item = String> + '_ {
    text.strip_suffix('\n')
        .unwrap_or(text)
        .split('\n')
        .map(|line| line.split('\t').map(one_line).collect::<Vec<_>>().join("\t"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_line_break_python_knows_becomes_a_space() {
        let text = "a\nb\rc\u{0b}d\u{0c}e\u{1c}f\u{1d}g\u{1e}h\u{85}i\u{2028}j\u{2029}k\tl";
        assert_eq!(one_line(text), "a b c d e f g h i j k l");
    }

    #[test]
    fn hidden_characters_are_shown_as_escapes() {
        assert_eq!(
            one_line("a\u{7f}\u{9b}31m\u{202e}\u{2066}\u{200f}\u{61c}\u{1b}"),
            r"a\u{7f}\u{9b}31m\u{202e}\u{2066}\u{200f}\u{61c}\u{1b}"
        );
        assert!(matches!(one_line("plain ünïcode"), Cow::Borrowed(_)));
    }

    #[test]
    fn code_keeps_its_lines_and_tabs_only() {
        let lines: Vec<String> = code_lines("a\tb\r\nc\u{2028}d\n").collect();
        assert_eq!(lines, ["a\tb ", "c d"]);
    }
}
