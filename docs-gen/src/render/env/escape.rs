//! The `.env` format's one escaping rule: a comment is one line of visible
//! text; a variable's name is one visible word; a value is quoted and
//! backslash-escaped wherever a `.env` reader would split, expand or end it.

use crate::render::chars;

/// Text for after `# `: one line, hidden characters shown as escapes.
pub(super) fn comment(text: &str) -> String {
    chars::one_line(text).into_owned()
}

/// A variable's name: one line with no spaces (a name with `=` or a space
/// in it is still shown, but cannot split the line differently).
pub(super) fn name(text: &str) -> String {
    chars::one_line(text).replace([' ', '='], "_")
}

/// A value as a `.env` reader reads it back: bare when that is safe,
/// otherwise double-quoted with `"`, `\`, `$` and backticks escaped, line
/// breaks as `\n` and `\r`, other hidden characters as `\u{..}`.
pub(crate) fn value(value: &str) -> String {
    let plain = |c: char| !(c.is_whitespace() || chars::is_hidden(c) || "#\"'$`\\".contains(c));
    if value.chars().all(plain) {
        return value.to_owned();
    }
    let mut out = String::from('"');
    for c in value.chars() {
        match c {
            '"' | '\\' | '$' | '`' => {
                out.push('\\');
                out.push(c);
            }
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c if chars::is_line_break(c) || chars::is_hidden(c) => out.extend(c.escape_unicode()),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Whether a `.env` reader (`dotenvy`, which `config-core` reads `.env`
/// files with) reads [`value`]'s output back as `value`: it knows the
/// escapes `\"`, `\\`, `\$` and `\n` only, so a value holding a backtick,
/// a carriage return or another hidden character cannot be written.
pub(crate) fn reads_back(value: &str) -> bool {
    !value.chars().any(|c| c == '`' || (c != '\n' && (chars::is_hidden(c) || chars::is_line_break(c))))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_quoted_only_when_needed_and_never_break_the_line() {
        assert_eq!(value("posix,thread"), "posix,thread");
        assert_eq!(value("a b"), "\"a b\"");
        assert_eq!(value("80\nLD_PRELOAD=/x.so"), "\"80\\nLD_PRELOAD=/x.so\"");
        assert_eq!(value("$HOME `x` \"q\" \\"), "\"\\$HOME \\`x\\` \\\"q\\\" \\\\\"");
        assert_eq!(value("a\u{2028}b\u{9b}"), "\"a\\u{2028}b\\u{9b}\"");
    }

    #[test]
    fn comments_and_names_stay_on_their_line() {
        assert_eq!(comment("a\r\nB=1\u{85}C=2"), "a  B=1 C=2");
        assert_eq!(name("APP_X\nAPP_Y=1"), "APP_X_APP_Y_1");
    }
}
