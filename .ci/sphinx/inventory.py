"""Checks the names Sphinx gives the generated page against gevent's page:
the inventory (objects.inv) names the class and each property as the spec's
ids do (`gevent._config.Config.max_blocking_time`), the label resolves, and
a page referring to them (refs.rst, built with -W) links to their anchors.
Exits 1 with each difference."""

import re
import sys

from sphinx.util.inventory import InventoryFile

LABEL = "gevent-configuration"


def spec_ids(spec_path):
    with open(spec_path, encoding="utf-8") as page:
        html = page.read()
    return re.findall(r'<dt class="sig sig-object py" id="([^"]+)"', html), re.findall(r'<span id="([^"]+)"></span><h1>', html)


def main(spec_path, inventory_path, refs_path):
    with open(inventory_path, "rb") as stream:
        inventory = InventoryFile.load(stream, "", lambda base, uri: uri)
    names = {}
    for kind, objects in inventory.items():
        for name, item in objects.items():
            names[(kind, name)] = item[2]
    ids, labels = spec_ids(spec_path)
    failed = []
    for object_id in ids:
        kind = "py:class" if object_id.count(".") == 2 else "py:property"
        uri = names.get((kind, object_id))
        if uri is None or not uri.endswith("#" + object_id):
            failed.append(f"{kind} {object_id} is not in the inventory (or not at #{object_id}): {uri}")
    if labels != [LABEL] or not names.get(("std:label", LABEL), "").endswith("#" + LABEL):
        failed.append(f"the label {LABEL} does not resolve (spec labels: {labels})")
    with open(refs_path, encoding="utf-8") as page:
        refs = page.read()
    for target in [LABEL, "gevent._config.Config.max_blocking_time", "gevent._config.Config.resolver", "gevent._config.Config"]:
        if f'href="index.html#{target}"' not in refs:
            failed.append(f"refs.html has no link to index.html#{target}")
    for line in failed:
        print(line)
    if not failed:
        print(f"sphinx: the inventory names all {len(ids)} objects as the spec does; {LABEL} resolves")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
