//! The terminal's one escaping rule: every string is one line of visible
//! text (line breaks as spaces, control and bidirectional characters as
//! escapes such as `\u{9b}`), so that no string can start a line, move the
//! cursor or reorder what is shown. Code keeps its own lines.

use std::borrow::Cow;

use crate::render::chars;

/// Running text, a name or a value.
pub(super) fn text(text: &str) -> Cow<'_, str> {
    chars::one_line(text)
}

/// The lines of a code block.
pub(super) fn code_lines(text: &str) -> impl Iterator<Item = String> + '_ {
    chars::code_lines(text)
}
