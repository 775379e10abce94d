"""The built documentation, opened in a real browser (headless Chromium).

Runs when ``INFOMEASURES_DOCS_HTML`` names a built site (CI builds it first);
skipped otherwise.  Chromium is Debian's ``chromium`` package, driven by
playwright with ``executable_path`` (``playwright install`` would download a
browser, which an offline machine cannot).  Every request to another host is
blocked and recorded: the site must work, formulas included, with no network.
Screenshots go to ``INFOMEASURES_DOCS_SHOTS`` (default: a temporary folder).
"""

import functools
import http.server
import json
import os
import shutil
import tempfile
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest

SITE = os.environ.get("INFOMEASURES_DOCS_HTML")
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")

pytestmark = [
    pytest.mark.skipif(not SITE, reason="set INFOMEASURES_DOCS_HTML to a built site"),
    pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed"),
]

# Pages a reader lands on first: the home page, an API page, a gallery
# example; and the pages with wide content: formulas, figures and tables.
PAGES = {
    "home": "index.html",
    "api-entropy": "api/generated/infomeasures.entropy.html",
    "example-softmax": "auto_examples/plot_softmax_training.html",
    "theory": "theory.html",
    "benchmarks": "benchmarks.html",
}
WIDTHS = (375, 1280)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server():
    handler = functools.partial(_QuietHandler, directory=SITE)
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield b
        b.close()


@pytest.fixture(scope="module")
def shots():
    folder = Path(os.environ.get("INFOMEASURES_DOCS_SHOTS") or tempfile.mkdtemp())
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _open(browser, server, path, width, offsite):
    """Open a page at `width` px, with every request to another host aborted and noted."""
    page = browser.new_page(viewport={"width": width, "height": 900})

    def route(r):
        if urlsplit(r.request.url).hostname == "127.0.0.1":
            r.continue_()
        else:
            offsite.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    page.goto(f"{server}/{path}", wait_until="networkidle")
    return page


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", sorted(PAGES))
def test_no_horizontal_overflow_and_no_offsite_requests(browser, server, shots, name, width):
    offsite = []
    page = _open(browser, server, PAGES[name], width, offsite)
    try:
        page.screenshot(path=str(shots / f"{name}-{width}.png"), full_page=False)
        scroll = page.evaluate("document.documentElement.scrollWidth")
        inner = page.evaluate("window.innerWidth")
        assert scroll <= inner, f"{PAGES[name]} is {scroll} px wide in a {inner} px window"
        assert offsite == [], f"{PAGES[name]} asked other hosts for {offsite}"
    finally:
        page.close()


def test_formulas_are_typeset_offline(browser, server, shots):
    offsite = []
    page = _open(browser, server, "theory.html", 1280, offsite)
    try:
        page.wait_for_selector("mjx-container", timeout=20_000)
        typeset = page.evaluate("document.querySelectorAll('mjx-container').length")
        raw = page.evaluate(
            "Array.from(document.querySelectorAll('.math'))"
            ".filter(e => !e.querySelector('mjx-container')).length"
        )
        page.screenshot(path=str(shots / "theory-1280.png"))
        assert typeset > 0
        assert raw == 0, f"{raw} formulas were left as raw LaTeX"
        assert offsite == [], f"theory.html asked other hosts for {offsite}"
    finally:
        page.close()


def test_benchmark_figures_are_drawn_and_fit_a_phone(browser, server, shots):
    """The benchmarks page draws its figures from benchmarks/results.json at build time.

    One per area plus the scaling figure, each loaded and no wider than a
    phone's column.
    """
    results = Path(__file__).parent.parent / "benchmarks" / "results.json"
    areas = {r["area"] for r in json.loads(results.read_text(encoding="utf-8"))["rows"]}
    offsite = []
    page = _open(browser, server, "benchmarks.html", 375, offsite)
    try:
        page.screenshot(path=str(shots / "benchmarks-375-full.png"), full_page=True)
        figures = page.evaluate(
            "Array.from(document.querySelectorAll('.bd-article img'))"
            ".map(i => [i.naturalWidth, i.getBoundingClientRect().right])"
        )
        assert len(figures) >= len(areas) + 1, figures
        assert all(natural > 0 for natural, _ in figures), "a figure did not load"
        assert all(right <= 375 for _, right in figures), figures
        assert offsite == []
    finally:
        page.close()
