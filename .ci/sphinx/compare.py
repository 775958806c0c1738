"""Compares, property by property, the text of a Sphinx-built page with
gevent's published page: the generated rst must build into what gevent's
autodoc builds; and each external reference the spec shows as code inside
a link (`gevent.os`, `greenlet.settrace`, ...) is code inside a link here
too. Exits 1 with each difference."""

import re
import sys
from html.parser import HTMLParser

BLOCKS = {"p", "div", "li", "ul", "ol", "pre", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "blockquote", "section"}


class Properties(HTMLParser):
    """The text of each <dl class="py property">'s <dd>, by property name."""

    def __init__(self):
        super().__init__()
        self.stack = []
        self.text = {}
        self.order = []
        self.current = None
        self.dd_depth = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        classes = attrs.get("class") or ""
        if tag == "dt" and self.current is None and self.stack and "property" in self.stack[-1][1]:
            self.current = attrs["id"].rsplit(".", 1)[-1]
            self.order.append(self.current)
            self.text[self.current] = ""
        self.stack.append((tag, classes))
        if self.current and tag == "dd" and self.dd_depth is None:
            self.dd_depth = len(self.stack)
        if self.dd_depth is not None and tag in BLOCKS:
            self.text[self.current] += " "

    def handle_endtag(self, tag):
        if self.dd_depth is not None and tag in BLOCKS:
            self.text[self.current] += " "
        if tag == "dd" and self.dd_depth == len(self.stack):
            self.dd_depth = None
            self.current = None
        if self.stack:
            self.stack.pop()

    def handle_data(self, data):
        if self.dd_depth is not None:
            self.text[self.current] += data


class CodeLinks(HTMLParser):
    """The text of each <code> inside an <a> in the main content (the
    element with role="main"), with the paragraph it is in."""

    def __init__(self):
        super().__init__()
        self.links = []  # (code text, index of its paragraph)
        self.paragraphs = [""]
        self.in_link = 0
        self.code = None
        self.main = None  # the tag of the main element, and how deep
        self.depth = 0

    def handle_starttag(self, tag, attrs):
        if self.main is None:
            if dict(attrs).get("role") == "main":
                self.main, self.depth = tag, 1
            return
        if tag == self.main:
            self.depth += 1
        if tag == "p":
            self.paragraphs.append("")
        if tag == "a":
            self.in_link += 1
        if tag == "code" and self.in_link:
            self.code = ""

    def handle_endtag(self, tag):
        if self.main is None or self.depth == 0:
            return
        if tag == self.main:
            self.depth -= 1
        if tag == "a":
            self.in_link = max(0, self.in_link - 1)
        if tag == "code" and self.code is not None:
            self.links.append((self.code, len(self.paragraphs) - 1))
            self.code = None

    def handle_data(self, data):
        if self.main is None or self.depth == 0:
            return
        self.paragraphs[-1] += data
        if self.code is not None:
            self.code += data


def external_code_links(path):
    """Dotted names shown as code inside a link, except in "The default value
    is" paragraphs (autodoc links a default through intersphinx; the
    metadata has no link there)."""
    parser = CodeLinks()
    with open(path, encoding="utf-8") as page:
        parser.feed(page.read())
    return {
        code
        for code, paragraph in parser.links
        if "." in code and not normalize(parser.paragraphs[paragraph]).startswith("The default value is")
    }


def normalize(text):
    text = text.replace("\u2018", "'").replace("\u2019", "'").replace("\u201c", '"').replace("\u201d", '"')
    text = re.sub(r"\s+", " ", text.replace("¶", "")).strip()
    text = re.sub(r"\s+([.,;:)\]!?])", r"\1", text)
    return re.sub(r"([(\[])\s+", r"\1", text)


def properties(path):
    parser = Properties()
    with open(path, encoding="utf-8") as page:
        parser.feed(page.read())
    return parser.order, {name: normalize(text) for name, text in parser.text.items()}


def main(spec_path, built_path):
    spec_order, spec = properties(spec_path)
    built_order, built = properties(built_path)
    failed = False
    if spec_order != built_order:
        print(f"order differs:\n  spec:  {spec_order}\n  built: {built_order}")
        failed = True
    for name in spec_order:
        if spec[name] != built.get(name):
            print(f"{name} differs:\n  spec:  {spec[name]}\n  built: {built.get(name)}")
            failed = True
    missing = external_code_links(spec_path) - external_code_links(built_path)
    if missing:
        print(f"not shown as code inside a link: {sorted(missing)}")
        failed = True
    if not failed:
        print(f"sphinx: all {len(spec_order)} properties match the spec, and its links in code style")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
