"""Sphinx configuration for the infomeasures documentation."""

import infomeasures

project = "infomeasures"
author = "the infomeasures developers"
release = infomeasures.__version__
version = release

extensions = [
    "sphinx.ext.autodoc",
    "sphinx.ext.autosummary",
    "sphinx.ext.doctest",
    "sphinx.ext.mathjax",
    "numpydoc",
    "matplotlib.sphinxext.plot_directive",
]
autosummary_generate = True
templates_path = ["_templates"]
numpydoc_show_class_members = False
numpydoc_class_members_toctree = False
exclude_patterns = ["_build"]
html_theme = "alabaster"
doctest_global_setup = "import numpy as np\nimport infomeasures as im"

# Figures are computed at build time; show them without their source.
plot_include_source = False
plot_html_show_source_link = False
plot_html_show_formats = False
plot_formats = [("png", 100)]
