//! Markdown's one escaping rule: every string is text, never markup. Text
//! is one line with every character Markdown (and GitHub's extensions) reads
//! as inline markup or an HTML tag backslash-escaped; what would start a
//! block at the start of a line is escaped there; a code span's fence
//! outgrows its content; a link's address is the shared safe URL with what
//! Markdown would read in it escaped.

use crate::render::{chars, url};

/// Running text.
pub(super) fn text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in chars::one_line(text).chars() {
        if matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '&' | '|' | '~') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A line of rendered inline Markdown, made safe to begin a line: a first
/// character that would start a heading, a quote, a list, a table, a
/// thematic break or a code block is escaped (leading spaces are dropped).
pub(super) fn line_start(line: &str) -> String {
    let line = line.trim_start();
    let digits = line.len() - line.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if digits > 0 && line[digits..].starts_with(['.', ')']) {
        return format!("{}\\{}", &line[..digits], &line[digits..]);
    }
    if line.starts_with(['#', '>', '-', '+', '*', '=', '_', '|', '~', ':']) {
        return format!("\\{line}");
    }
    // A final `#` run would be read as the closing sequence of a heading.
    match line.strip_suffix('#') {
        Some(rest) if !rest.ends_with('\\') => format!("{rest}\\#"),
        _ => line.to_owned(),
    }
}

/// `code` as a code span, whatever backticks it holds.
pub(super) fn code_span(code: &str) -> String {
    let code = chars::one_line(code);
    let longest = code.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    let pad = if code.starts_with('`') || code.ends_with('`') || code.trim().is_empty() { " " } else { "" };
    format!("{fence}{pad}{code}{pad}{fence}")
}

/// A link's address for `[text](address)`, or `None` when it must not be a
/// link. Parentheses and `&` (which could start an entity) are escaped.
pub(super) fn url(address: &str) -> Option<String> {
    let safe = url::safe(address)?;
    let mut out = String::with_capacity(safe.len());
    for c in safe.chars() {
        if matches!(c, '(' | ')' | '&') {
            out.push('\\');
        }
        out.push(c);
    }
    Some(out)
}

/// A code block's info string: a word of safe characters, or nothing.
pub(super) fn info(lang: &str) -> &str {
    let ok = lang.chars().all(|c| c.is_ascii_alphanumeric() || "-_+.#".contains(c));
    if ok { lang } else { "" }
}

/// A code block's lines and the fence that encloses them.
pub(super) fn code_block(text: &str) -> (String, Vec<String>) {
    let lines: Vec<String> = chars::code_lines(text).collect();
    let longest = lines.iter().flat_map(|l| l.split(|c| c != '`')).map(str::len).max().unwrap_or(0);
    ("`".repeat((longest + 1).max(3)), lines)
}

/// The anchor GitHub and mdBook give a heading made of `name`.
pub(super) fn anchor(name: &str) -> String {
    chars::one_line(name)
        .chars()
        .filter_map(|c| match c {
            c if c.is_alphanumeric() || c == '_' || c == '-' => Some(c.to_ascii_lowercase()),
            ' ' => Some('-'),
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_in_text_is_escaped() {
        assert_eq!(text("<script>a*b_c`d[e](f)&amp;|~!\\"), "\\<script>a\\*b\\_c\\`d\\[e\\](f)\\&amp;\\|\\~!\\\\");
        assert_eq!(text("a\u{2028}\u{2028}<b>"), "a  \\<b>");
    }

    #[test]
    fn block_starts_are_escaped_at_the_start_of_a_line_only() {
        assert_eq!(line_start("# a"), "\\# a");
        assert_eq!(line_start("12. a"), "12\\. a");
        assert_eq!(line_start("    - a"), "\\- a");
        assert_eq!(line_start("a - b #"), "a - b \\#");
    }

    #[test]
    fn code_spans_outgrow_their_backticks_and_links_their_markup() {
        assert_eq!(code_span("a``b"), "```a``b```");
        assert_eq!(code_span("`a"), "`` `a ``");
        assert_eq!(url("https://x/(a)&b").unwrap(), "https://x/\\(a\\)\\&b");
        assert_eq!(url("javascript:alert(1)"), None);
    }
}
