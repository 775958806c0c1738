//! The one rule for links, shared by every format: a link may go to the
//! web, to mail, or somewhere relative to the page; a link with any other
//! scheme (`javascript:`, `data:`, `vbscript:`, `file:` ...) is dropped and
//! its text kept. What could end a link in some format, or hide in one, is
//! percent-encoded, which leaves the address the same.

use std::fmt::Write as _;

use super::chars;

/// The schemes a link may have.
const SCHEMES: &[&str] = &["http", "https", "mailto"];

/// `url` made safe to write, or `None` when it must not be a link.
pub(crate) fn safe(url: &str) -> Option<String> {
    if url.trim().is_empty() {
        return None;
    }
    // A scheme is whatever precedes the first `:` that comes before any `/`,
    // `?` or `#`; browsers ignore spaces and controls around and inside it,
    // so anything odd there makes it an unknown scheme, never a path.
    if let Some(end) = url.find([':', '/', '?', '#'])
        && url[end..].starts_with(':')
    {
        let scheme = url[..end].to_ascii_lowercase();
        if !SCHEMES.contains(&scheme.as_str()) {
            return None;
        }
    }
    Some(encode(url))
}

/// Percent-encodes white space, hidden characters, what ends a link in some
/// markup (`<`, `>`, backticks, quotes, backslashes, braces, `|`, `^`) and a
/// final `_` (which makes a link target a reference in reStructuredText).
fn encode(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for (i, c) in url.char_indices() {
        let last = i + c.len_utf8() == url.len();
        let encode = c.is_whitespace()
            || chars::is_hidden(c)
            || chars::is_line_break(c)
            || "<>`\"'\\{}|^".contains(c)
            || (c == '_' && last);
        if encode {
            let mut buf = [0; 4];
            for byte in c.encode_utf8(&mut buf).bytes() {
                let _ = write!(out, "%{byte:02X}");
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::safe;

    #[test]
    fn web_mail_and_relative_links_are_kept() {
        for url in ["https://example.org/a?b=c&d#e", "HTTP://x", "mailto:a@b", "#port", "page.html#x", "/a:b", "?q=a:b"]
        {
            assert_eq!(safe(url).as_deref(), Some(url), "{url}");
        }
    }

    #[test]
    fn every_other_scheme_is_dropped() {
        for url in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            " javascript:alert(1)",
            "java\tscript:alert(1)",
            "java\nscript:alert(1)",
            "\u{1}javascript:alert(1)",
            "data:text/html,<script>",
            "vbscript:msgbox",
            "file:///etc/passwd",
            "c:\\windows",
            "",
            " ",
        ] {
            assert_eq!(safe(url), None, "{url:?}");
        }
    }

    #[test]
    fn what_could_end_or_hide_in_a_link_is_encoded() {
        assert_eq!(safe("https://x/a b>`c\u{202e}_").unwrap(), "https://x/a%20b%3E%60c%E2%80%AE%5F");
        assert_eq!(safe("https://x/a_b").unwrap(), "https://x/a_b");
    }
}
