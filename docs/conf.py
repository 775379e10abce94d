"""Sphinx configuration for the infomeasures documentation.

The site builds with no network access and loads nothing from another host:
MathJax is served from the built site (sphinx-mathjax-offline), the theme
bundles its fonts, and sphinx-gallery's computation-times page (which pulls
jQuery/DataTables from a CDN) is switched off.
"""

import datetime
import json
import re
from pathlib import Path

from sphinx.util.docutils import SphinxDirective

import infomeasures

project = "infomeasures"
author = "the infomeasures developers"
_year = datetime.date.today().year
copyright = f"2026{f'–{_year}' if _year > 2026 else ''}, {author}"
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

# Every documented public name is held to numpydoc's checks; with -W a failed
# check fails the build.  Left out: ES01 (an extended summary is optional;
# Notes carry the detail) and SA04 (a See Also entry may stand without a
# description where its name says what it is).
numpydoc_validation_checks = {"all", "ES01", "SA04"}
# Objects the checks cannot apply to.  MAX_CELLS is a constant: numpydoc
# validates the int's own docstring, not the ``#:`` comment the page shows.
numpydoc_validation_exclude = {r"^infomeasures\.samples\.MAX_CELLS$"}

html_theme = "pydata_sphinx_theme"
html_title = f"infomeasures {release}"
html_show_sourcelink = False
html_static_path = ["_static"]
html_css_files = ["custom.css"]
html_js_files = ["wbr.js"]
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

# The guide's doctests read docs/data/ by paths relative to this folder.
doctest_global_setup = (
    f"import os\nos.chdir({str(Path(__file__).parent)!r})\n"
    "import numpy as np\nimport infomeasures as im"
)
# The builder tests the guide's ``.. doctest::`` blocks.  Docstring examples on
# the API pages are plain ``>>>`` blocks: pytest runs them (--doctest-modules)
# with the NUMBER flag they are written for (floats to the digits shown),
# which the stdlib doctest here does not have.
doctest_test_doctest_blocks = ""

# Figures are computed at build time; show them without their source.
plot_include_source = False
plot_html_show_source_link = False
plot_html_show_formats = False
plot_formats = [("png", 130)]

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


# ---- The benchmarks page: its table is read from benchmarks/results.json at
# build time (the figures beside it are `.. plot::` blocks reading the same
# file), so the page always shows the run that was committed.
BENCHMARKS_JSON = Path(__file__).parent.parent / "benchmarks" / "results.json"


def _fmt_ratio(r: float) -> str:
    return f"{r:.2g}" if r < 0.1 else f"{r:.2f}"


def _plain(text: str) -> str:
    """Escape text to show as itself in reStructuredText (anchors hold ``*`` and ``_``).

    Plain text wraps between words where a literal would not.
    """
    return re.sub(r"([\\*`|_])", r"\\\1", text)


def _breakable(text: str) -> str:
    """Put a zero-width space after each dot of a dotted name.

    So scipy.spatial.distance.jensenshannon wraps between its parts in a
    narrow column instead of widening the table or breaking a word.
    """
    return re.sub(r"\.(?=[A-Za-z_(])", ".\u200b", text)


class BenchmarkTable(SphinxDirective):
    """``.. benchmark-table::``: the rows of benchmarks/results.json as a table."""

    def run(self):
        self.env.note_dependency(str(BENCHMARKS_JSON))
        report = json.loads(BENCHMARKS_JSON.read_text(encoding="utf-8"))
        mark = {True: " (met)", False: " (**missed**)", None: ""}
        lines = [
            ".. list-table::",
            "   :header-rows: 1",
            "   :class: benchmark-table",
            "",
            "   * - workload",
            "     - ratio",
            "     - target",
            "     - anchor",
        ]
        for r in report["rows"]:
            lines += [
                f"   * - {_plain(r['name'])}",
                f"     - {_fmt_ratio(r['ratio'])}",
                f"     - {r['target']}{mark[r['target_met']]}",
                f"     - {_breakable(_plain(r['anchor']))}",
            ]
        m = report["machine"]
        load = m.get("load_average")
        lines += [
            "",
            f"Measured on {m['date']}: {m['cpu']}, {m['cores']} cores, {m['platform']}; "
            f"Python {m['python']}, NumPy {m['numpy']}, SciPy {m['scipy']}, "
            f"scikit-learn {m['scikit-learn']}, infomeasures {m['infomeasures']}."
            + (f"  Load average at the start: {load[0]:g} (shared machine)." if load else ""),
        ]
        if report["skipped"]:
            lines += ["", "Not timed in this run:", ""]
            lines += [
                f"- {_plain(s['name'])} vs {_plain(s['anchor'])} "
                f"({s['reason'].replace('--skip', '``--skip``')})"
                for s in report["skipped"]
            ]
        return self.parse_text_to_nodes("\n".join(lines))


def setup(app):
    app.add_directive("benchmark-table", BenchmarkTable)
