//! Doc comments (`///` lines, `#[doc = "..."]`) to Markdown text.

use syn::{Attribute, Expr, ExprLit, Lit, Meta};

use crate::ctxt::Ctxt;
use crate::symbol::DOC;
use crate::text::{self, Lines};

/// The doc comment of an item as one Markdown string: the lines joined, the
/// indentation they share removed (as rustdoc does, counting characters:
/// an indent may be a no-break or ideographic space), blank lines at either
/// end dropped. Text the derive cannot read is an error, never dropped.
pub(crate) fn doc_text(cx: &Ctxt, attrs: &[Attribute]) -> String {
    let lines: Vec<String> = attrs.iter().filter_map(|a| doc_line(cx, a)).flat_map(|s| split_lines(&s)).collect();
    let indent = lines.iter().filter(|l| !l.trim().is_empty()).map(|l| indent_of(l)).min().unwrap_or(0);
    let unindented: Vec<String> = lines.iter().map(|l| l.chars().skip(indent).collect::<String>()).collect();
    let trimmed: Vec<&str> = unindented.iter().map(|l| l.trim_end()).collect();
    trimmed.join("\n").trim_matches('\n').to_owned()
}

/// The leading white space of a line, in characters.
fn indent_of(line: &str) -> usize {
    line.chars().take_while(|c| c.is_whitespace()).count()
}

fn doc_line(cx: &Ctxt, attr: &Attribute) -> Option<String> {
    if !attr.path().is_ident(DOC.0) {
        return None;
    }
    let Meta::NameValue(nv) = &attr.meta else { return None };
    match &nv.value {
        Expr::Lit(ExprLit { lit: Lit::Str(s), .. }) => {
            let text = s.value();
            if let Some(c) = text::forbidden(&text, Lines::Many) {
                cx.error_spanned_by(attr, text::message("doc", c, Lines::Many));
            }
            Some(text)
        }
        Expr::Macro(mac) => {
            let name = mac.mac.path.segments.last().map(|s| s.ident.to_string()).unwrap_or_default();
            let message = format!(
                "`#[derive(Settings)]` cannot read `#[doc = {name}!(...)]`: a derive sees the macro, not its text; \
                 write the description as a doc comment (`/// ...`)"
            );
            cx.error_spanned_by(&nv.value, message);
            None
        }
        other => {
            cx.error_spanned_by(other, "a description is text: write it as a doc comment (`/// ...`)");
            None
        }
    }
}

/// Lines of one attribute: an empty `///` line is one empty line, and a
/// `/** */` block is several.
fn split_lines(text: &str) -> Vec<String> {
    text.split('\n').map(str::to_owned).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc_of(item: &str) -> (String, usize) {
        let input: syn::DeriveInput = syn::parse_str(item).unwrap();
        let cx = Ctxt::new();
        let text = doc_text(&cx, &input.attrs);
        let errors = cx.check().err().map_or(0, |e| e.into_iter().count());
        (text, errors)
    }

    #[test]
    fn lines_indented_with_multibyte_spaces_are_kept() {
        let (text, errors) =
            doc_of("#[doc = \"\u{a0}first\"] #[doc = \" second\"] #[doc = \"\u{3000}third\"] struct S;");
        assert_eq!((text.as_str(), errors), ("first\nsecond\nthird", 0));
        let (text, _) = doc_of("#[doc = \"\u{3000}\u{3000}deep\"] #[doc = \" shallow\"] struct S;");
        assert_eq!(text, "\u{3000}deep\nshallow");
    }

    #[test]
    fn macros_in_doc_attributes_are_errors_not_silence() {
        assert_eq!(doc_of("#[doc = concat!(\"a\", \"b\")] struct S;").1, 1);
        assert_eq!(doc_of("#[doc = include_str!(\"README.md\")] struct S;").1, 1);
    }

    #[test]
    fn control_characters_in_docs_are_errors() {
        assert_eq!(doc_of("#[doc = \"a\u{2028}b\"] struct S;").1, 1);
        assert_eq!(doc_of("#[doc = \"a\\rb\"] struct S;").1, 1);
        assert_eq!(doc_of("#[doc = \"a\\n\\tb\"] struct S;"), ("a\n\tb".to_owned(), 0));
    }
}
