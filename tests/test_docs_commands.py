"""Every shell command the documentation shows prints what the page says.

Console blocks (``.. code-block:: console``) in the pages below are read as
``$ command`` lines followed by their expected output; each command runs in
``docs/`` (where the example data live, under ``docs/data``) with the
installed ``infomeasures`` script first on the PATH.
"""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

DOCS = Path(__file__).resolve().parent.parent / "docs"
PAGES = ["getting_started.rst", "cli.rst"]
SCRIPT_DIR = Path(sys.executable).parent


def _console_examples(page):
    """(command, expected output) pairs of the console blocks of one page."""
    text = (DOCS / page).read_text(encoding="utf-8")
    examples = []
    for block in re.finditer(r"^\.\. code-block:: console\n\n((?:   .*\n|\n)+)", text, re.M):
        lines = [ln[3:] for ln in block.group(1).rstrip("\n").split("\n")]
        for ln in lines:
            if ln.startswith("$ "):
                examples.append([ln[2:], []])
            elif examples:
                examples[-1][1].append(ln)
    return [(page, cmd, "\n".join(out).strip()) for cmd, out in examples]


EXAMPLES = [ex for page in PAGES for ex in _console_examples(page)]


def test_pages_show_commands():
    assert len(EXAMPLES) >= 3


@pytest.mark.skipif(
    not (SCRIPT_DIR / "infomeasures").exists(), reason="the console script is not installed"
)
@pytest.mark.parametrize(("page", "command", "expected"), EXAMPLES)
def test_command_prints_what_the_page_shows(page, command, expected):
    env = dict(os.environ, PATH=f"{SCRIPT_DIR}{os.pathsep}{os.environ.get('PATH', '')}")
    run = subprocess.run(
        ["bash", "-c", command], cwd=DOCS, env=env, capture_output=True, text=True, timeout=60
    )
    printed = (run.stdout + run.stderr).strip()
    assert printed == expected, f"{page}: `{command}` printed {printed!r}"
