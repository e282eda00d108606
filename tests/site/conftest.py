"""The built site served on 127.0.0.1 and opened in Chromium, the way a reader meets it.

The site is ``docs/_build/html`` (``BP_SITE_DIR`` overrides it); ``nox -s site`` builds it afresh
before these tests run. The browser is the one ``which_chromium.py`` finds: ``$BP_CHROMIUM``,
Chromium's headless shell or Chromium on the PATH (Debian's packages), else Playwright's own
headless shell.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import io
import json
import os
import threading
from pathlib import Path

import pytest
from built_site import LOADS, SITE, SWITCHES, WEIGHTS, Views, page_of, view_of
from which_chromium import chromium_path


@pytest.fixture(scope="session")
def site():
    if not (SITE / "index.html").exists():
        pytest.fail(f"no built site at {SITE}: run `nox -s docs` first")
    return SITE


class _Host(http.server.SimpleHTTPRequestHandler):
    """A static host as readers meet one (GitHub Pages, Read the Docs): text is sent gzipped."""

    COMPRESS = (".html", ".js", ".css", ".svg", ".json", ".txt", ".ipynb", ".map")

    def log_message(self, *args):
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        gzip_ok = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (gzip_ok and path.suffix in self.COMPRESS and path.is_file()):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


@pytest.fixture(scope="session")
def server(site):
    handler = functools.partial(_Host, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="session")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    args = [
        "--no-sandbox",  # needed as root
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
    ]
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium_path(), args=args, headless=True)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def views(browser, server):
    opened = Views(browser, server)
    yield opened
    opened.close()


@pytest.fixture
def view(request, views):
    """The view this test reads (built_site.view_of): ``(context, page, problems, math_ms)`` as
    ``open_page`` returns them, shared with the other tests that read it."""
    return views(view_of(request.node))


def pytest_configure(config):
    config.addinivalue_line(
        "markers",
        "view(page_name, scheme, width): the page, color scheme and width of the view a test reads",
    )


def pytest_collection_modifyitems(items):
    """The tests that read one page, one after another, where the first of them was: those in
    light mode first, then those in dark mode, the widest view first in each. Each page is
    opened once (built_site.Views). The order is otherwise pytest's."""
    first, order = {}, {}
    for i, item in enumerate(items):
        view = view_of(item)
        shown = page_of(view) if view else i
        first.setdefault(shown, i)
        dark, narrow = (view[1] != "light", -view[2]) if view else (False, 0)
        order[id(item)] = (first[shown], dark, narrow, i)
    items.sort(key=lambda item: order[id(item)])
    if os.environ.get("BP_SITE_GROUPS"):  # shards.py: which tests must go to one process
        groups = {item.nodeid: repr(page_of(view_of(item))) for item in items if view_of(item)}
        Path(os.environ["BP_SITE_GROUPS"]).write_text(json.dumps(groups), encoding="utf-8")


def pytest_terminal_summary(terminalreporter):
    tr = terminalreporter
    if LOADS:
        tr.write_line(
            f"pages loaded by open_page: {sum(LOADS.values())} ({len(LOADS)} views); "
            f"switched to another scheme: {sum(SWITCHES.values())}"
        )
    if not WEIGHTS:
        return
    tr.section("page weight and time to rendered math (light mode, local server)")
    tr.write_line(f"{'page':<40} {'requests':>8} {'bytes':>11} {'math ms':>8}")
    for page, row in sorted(WEIGHTS.items()):
        math_ms = "-" if row["math_ms"] is None else f"{row['math_ms']:.0f}"
        tr.write_line(f"{page:<40} {row['requests']:>8} {row['bytes']:>11,} {math_ms:>8}")
    total = sum(r["bytes"] for r in WEIGHTS.values())
    tr.write_line(f"{'largest page':<40} {'':>8} {max(r['bytes'] for r in WEIGHTS.values()):>11,}")
    tr.write_line(f"{'all pages (no cache between pages)':<40} {'':>8} {total:>11,}")
