"""Compares, property by property, the text of a Sphinx-built page with
gevent's published page: the generated rst must build into what gevent's
autodoc builds. Exits 1 with each difference."""

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
    if not failed:
        print(f"sphinx: all {len(spec_order)} properties match the spec")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
