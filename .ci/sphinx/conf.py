# Sphinx configuration for checking the generated rst page (see ../sphinx-check).
project = "config-core"
root_doc = "index"
html_theme = "alabaster"
