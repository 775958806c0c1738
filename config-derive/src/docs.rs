//! Doc comments (`///` lines, `#[doc = "..."]`) to Markdown text.

use syn::{Attribute, Expr, ExprLit, Lit, Meta};

use crate::symbol::DOC;

/// The doc comment of an item as one Markdown string: the lines joined, the
/// indentation they share removed (as rustdoc does), blank lines at either
/// end dropped.
pub(crate) fn doc_text(attrs: &[Attribute]) -> String {
    let lines: Vec<String> = attrs.iter().filter_map(doc_line).flat_map(|s| split_lines(&s)).collect();
    let indent =
        lines.iter().filter(|l| !l.trim().is_empty()).map(|l| l.len() - l.trim_start().len()).min().unwrap_or(0);
    let unindented: Vec<&str> = lines.iter().map(|l| l.get(indent..).unwrap_or("").trim_end()).collect();
    unindented.join("\n").trim_matches('\n').to_owned()
}

fn doc_line(attr: &Attribute) -> Option<String> {
    if !attr.path().is_ident(DOC.0) {
        return None;
    }
    match &attr.meta {
        Meta::NameValue(nv) => match &nv.value {
            Expr::Lit(ExprLit { lit: Lit::Str(s), .. }) => Some(s.value()),
            _ => None,
        },
        _ => None,
    }
}

/// Lines of one attribute: an empty `///` line is one empty line, and a
/// `/** */` block is several.
fn split_lines(text: &str) -> Vec<String> {
    text.split('\n').map(|l| l.trim_end_matches('\r').to_owned()).collect()
}
