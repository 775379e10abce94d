"""Sphinx configuration for the infomeasures documentation.

The site builds with no network access and loads nothing from another host:
MathJax is served from the built site (sphinx-mathjax-offline), the theme
bundles its fonts, and sphinx-gallery's computation-times page (which pulls
jQuery/DataTables from a CDN) is switched off.
"""

import datetime

import infomeasures

project = "infomeasures"
author = "the infomeasures developers"
copyright = f"2026–{max(2026, datetime.date.today().year)}, {author}"
release = infomeasures.__version__
version = release

extensions = [
    "sphinx.ext.autodoc",
    "sphinx.ext.autosummary",
    "sphinx.ext.doctest",
    "sphinx.ext.mathjax",
    "sphinx-mathjax-offline",
    "numpydoc",
    "matplotlib.sphinxext.plot_directive",
    "sphinx_copybutton",
    "sphinx_gallery.gen_gallery",
]
autosummary_generate = True
templates_path = ["_templates"]
exclude_patterns = ["_build", "examples/README.rst", "data"]

# Signatures read as the docs do: types are described under Parameters
# (numpydoc), so the signature shows no numpy typing internals.
autodoc_typehints = "none"
numpydoc_show_class_members = False
numpydoc_class_members_toctree = False
numpydoc_xref_param_type = False

html_theme = "pydata_sphinx_theme"
html_title = f"infomeasures {release}"
html_show_sourcelink = False
html_static_path = ["_static"]
html_css_files = ["custom.css"]
html_theme_options = {
    "navbar_align": "left",
    "navbar_end": ["theme-switcher"],
    "show_prev_next": True,
    "secondary_sidebar_items": ["page-toc"],
    "footer_start": ["copyright"],
    "footer_end": ["sphinx-version"],
    "header_links_before_dropdown": 6,
}
html_context = {"default_mode": "light"}

copybutton_prompt_text = r">>> |\.\.\. |\$ "
copybutton_prompt_is_regexp = True

doctest_global_setup = "import numpy as np\nimport infomeasures as im"

# Figures are computed at build time; show them without their source.
plot_include_source = False
plot_html_show_source_link = False
plot_html_show_formats = False
plot_formats = [("png", 100)]

sphinx_gallery_conf = {
    "examples_dirs": "examples",
    "gallery_dirs": "auto_examples",
    "filename_pattern": r"/plot_",
    "abort_on_example_error": True,
    "download_all_examples": False,
    "write_computation_times": False,  # its page loads scripts from a CDN
    "remove_config_comments": True,
    "within_subsection_order": "FileNameSortKey",
}
