//! HTML's one escaping rule: every string is text, never markup. `&`, `<`,
//! `>` and both quotes become character references (so the same function
//! serves content and attribute values), and hidden characters become
//! visible escapes such as `\u{202e}`: a character reference to a
//! bidirectional control would still reorder the text, and one to a C1
//! control is read as a different character.

use crate::render::chars;

/// Text for content or a double-quoted attribute value.
pub(super) fn text(text: &str) -> String {
    markup(&chars::one_line(text))
}

/// A code block's text: its lines kept, each escaped as [`text`].
pub(super) fn code_block(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in chars::code_lines(text) {
        out.push_str(&markup(&line));
        out.push('\n');
    }
    out
}

fn markup(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_and_hidden_characters_are_text() {
        assert_eq!(text("<a href='x' onclick=\"y\">&"), "&lt;a href=&#39;x&#39; onclick=&quot;y&quot;&gt;&amp;");
        assert_eq!(text("abc\u{202e}def\u{9b}"), "abc\\u{202e}def\\u{9b}");
        assert_eq!(code_block("a<\n\tb\u{2028}c\n"), "a&lt;\n\tb c\n");
    }
}
