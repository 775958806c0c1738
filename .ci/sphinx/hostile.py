"""Checks the page Sphinx built from hostile metadata (hostile.json: line
breaks of every kind, raw HTML, raw directives, roles and unsafe links in
every field) against the page built from gevent's: the only scripts are
the theme's, and no element, event handler or link came from the data.
Exits 1 with each finding."""

import sys
from html.parser import HTMLParser

SAFE_SCHEMES = ("http:", "https:", "mailto:")
FOREIGN = {"img", "iframe", "object", "embed", "svg", "math", "form", "base", "frame", "audio", "video"}


class Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.scripts = []
        self.foreign = []
        self.findings = []
        self.in_script = False

    def handle_starttag(self, tag, attrs):
        if tag == "script":
            self.in_script = True
            self.scripts.append(dict(attrs).get("src", ""))
        if tag in FOREIGN:
            self.foreign.append(tag)
        for name, value in attrs:
            if name.startswith("on"):
                self.findings.append(f"an event handler {name}={value!r} on <{tag}>")
            if name in ("href", "src") and value and ":" in value.split("/")[0].split("#")[0]:
                if not value.lower().startswith(SAFE_SCHEMES):
                    self.findings.append(f"an unsafe link {value!r}")

    def handle_endtag(self, tag):
        if tag == "script":
            self.in_script = False

    def handle_data(self, data):
        if self.in_script and data.strip():
            self.scripts[-1] += "|" + data.strip()


def parse(path):
    page = Page()
    with open(path, encoding="utf-8") as stream:
        page.feed(stream.read())
    return page


def main(hostile_path, benign_path):
    hostile, benign = parse(hostile_path), parse(benign_path)
    findings = list(hostile.findings)
    if sorted(hostile.foreign) != sorted(benign.foreign):
        findings.append(f"elements other than the theme's: {hostile.foreign}")
    if sorted(hostile.scripts) != sorted(benign.scripts):
        findings.append(f"scripts differ from the theme's: {hostile.scripts}")
    for line in findings:
        print(line)
    if not findings:
        print("sphinx: the hostile page has no script, element, handler or link from its data")
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
