"""The built site and what the browser tests share: where it is, its pages, how to open one.

A module of its own (not ``conftest``) so that the tests can import it by a name no other
``conftest.py`` of the repository shares.
"""

from __future__ import annotations

import collections
import contextlib
import io
import os
import time
from pathlib import Path

from bp import cli

ROOT = Path(__file__).resolve().parents[2]
SITE = Path(os.environ.get("BP_SITE_DIR", ROOT / "docs" / "_build" / "html")).resolve()

# Filled by the page tests, printed at the end of the session (bytes, milliseconds).
WEIGHTS: dict[str, dict[str, float]] = {}
# How often each (address, scheme, width) was opened by open_page, printed at the end.
LOADS: collections.Counter = collections.Counter()


def bp_command(argv):
    """``python -m bp ARGV``: (exit code, standard output, standard error).

    Run by :func:`bp.cli.main` in this process, which is all ``python -m bp`` runs
    (bp/__main__.py: ``sys.exit(main())``; tests/test_cli.py runs the command both ways): the
    same words and exit code, without starting a Python and importing numpy for each command
    (1.7 s each on a busy 2-core machine, and the explorer's tests run hundreds of them).
    """
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = cli.main(list(argv))
        except SystemExit as exit_:  # argparse's usage errors, --help
            code = exit_.code
    return code, out.getvalue(), err.getvalue()


def site_pages():
    """Every HTML page of the built site, as paths relative to its root."""
    if not (SITE / "index.html").exists():
        return []
    return sorted(
        p.relative_to(SITE).as_posix()
        for p in SITE.rglob("*.html")
        if not unprefixed(p.relative_to(SITE).as_posix()).startswith("_static")
    )


def translations():
    """The languages the site is translated into: folders beside the English pages (``fr/``)
    that hold a site of their own."""
    return sorted(
        p.parent.name
        for p in SITE.glob("*/index.html")
        if len(p.parent.name) == 2 and (p.parent / "searchindex.js").exists()
    )


def unprefixed(page):
    """A page's name in the English site: ``fr/calculus.html`` is ``calculus.html``."""
    first, _, rest = page.partition("/")
    return rest if rest and first in translations() else page


def book_pages():
    """The pages written as executable notebooks: ``docs/*.md`` with a kernelspec."""
    return [
        p
        for p in site_pages()
        if (md := ROOT / "docs" / p.replace(".html", ".md")).exists()
        and "kernelspec:" in md.read_text(encoding="utf-8").split("\n---", 1)[0]
    ]


def offline_context(browser, server, problems):
    """A browser context, 1280 x 900 px, in which a page may ask the local server and ``file:``
    for anything and no other host: each other request is refused and written to ``problems``."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})

    def route(r):
        if r.request.url.startswith((server, "file:")):
            r.continue_()
        else:
            problems.append(f"request to another host: {r.request.url}")
            r.abort()

    context.route("**/*", route)
    return context


def watch(page, problems):
    """``page``, its console errors and uncaught exceptions written to ``problems``."""
    page.on("console", lambda m: m.type == "error" and problems.append(m.text))
    page.on("pageerror", lambda e: problems.append(f"uncaught: {e}"))
    return page


MATH_READY = """async () => {
    if (!window.MathJax || !MathJax.startup || !MathJax.startup.promise) return null;
    await MathJax.startup.promise;
    return performance.now();
}"""


def open_page(browser, server, page_name, scheme="light", width=1280):
    """Open a page; return the Playwright page and what went wrong while it loaded."""
    LOADS[page_name, scheme, width] += 1
    context = browser.new_context(
        color_scheme=scheme, viewport={"width": width, "height": 900}, service_workers="block"
    )
    problems = {"foreign": [], "console": [], "status": []}

    def route(r):
        if r.request.url.startswith(server):
            r.continue_()
        else:
            problems["foreign"].append(r.request.url)
            r.abort()

    context.route("**/*", route)
    page = context.new_page()
    page.on("console", lambda m: m.type == "error" and problems["console"].append(m.text))
    page.on("pageerror", lambda e: problems["console"].append(f"uncaught: {e}"))
    page.on(
        "response", lambda r: r.status >= 400 and problems["status"].append(f"{r.status} {r.url}")
    )
    pending, answered = set(), set()
    page.on("request", lambda r: pending.add(r))
    for ended in ("requestfinished", "requestfailed"):
        page.on(ended, lambda r: (pending.discard(r), answered.add(r.url)))
    page.goto(f"{server}/{page_name}", wait_until="load")
    math_ms = page.evaluate(MATH_READY)
    page.evaluate("document.fonts.ready.then(() => null)")
    _wait_for_requests(browser, page, pending, answered)
    page.evaluate(TRANSITIONS_ENDED)
    return context, page, problems, math_ms


# The colours of a page are read once they stop changing: at its load event some of this
# site's pages are still running CSS transitions of their colours (the search button's, 150 ms,
# in the theme's dark mode; sphinx-design's dropdown chevrons, 250 ms), and axe-core, reading them
# halfway, once found the French walk-through's search button too faint in dark mode.
RUNNING_TRANSITIONS = """() => document.getAnimations()
    .filter(a => a instanceof CSSTransition && a.playState === "running")
    .map(a => a.transitionProperty + " of ." + [...a.effect.target.classList].join("."))"""
TRANSITIONS_ENDED = """async () => {
    await Promise.allSettled(document.getAnimations()
        .filter(a => a instanceof CSSTransition).map(a => a.finished));
    return null;
}"""


# What a page of this site asks for after its load event (every page, light, measured): the
# fonts of MathJax's typesetting (awaited by MATH_READY, then document.fonts.ready) and the
# page's icon, which Debian's Chromium fetches just after the load event (a browser that shows no
# icons need not). Waiting for these, then for every request to be answered, sees the requests
# Playwright's "networkidle" sees (no request for 500 ms; on every page none came in the 1.5 s
# after), without its 500 ms: 61.0 s -> 51.2 s for 22 pages opened both ways, alternating.
ICONS = "() => [...document.querySelectorAll('link[rel~=icon]')].map(l => l.href)"
FETCHES_ICONS: dict[int, bool] = {}  # by browser: whether it fetches a page's icon


def _wait_for_requests(browser, page, pending, answered, timeout_s=30):
    """Wait until the page's icon was fetched (by a browser that fetches icons) and no request
    is in flight; the first page with an icon that a browser opens learns, by networkidle,
    whether it does."""
    icons = set(page.evaluate(ICONS))
    if id(browser) not in FETCHES_ICONS:
        page.wait_for_load_state("networkidle")
        if icons:
            FETCHES_ICONS[id(browser)] = icons <= answered
        return
    deadline = time.monotonic() + timeout_s
    while pending or (FETCHES_ICONS[id(browser)] and not icons <= answered):
        if time.monotonic() > deadline:
            raise TimeoutError(
                f"{page.url}: no answer in {timeout_s} s to {[r.url for r in pending]}"
                f" (icons {sorted(icons)}, answered: {sorted(answered)})"
            )
        page.wait_for_timeout(10)


# The browser's view of a page: its name, the color scheme and the window's width. Every test
# that only reads a view (evaluates scripts, never clicks, types or scrolls) takes it from the
# ``view`` fixture, which opens each page once in each scheme: the tests that read a page in one
# scheme are run one after another, the widest view first (conftest.py orders them so); a
# narrower view is the open page narrowed, as a reader narrows a window, and the page is closed
# when the next one is opened. Narrowed from 1280 to 375 px, each of the site's 94 pages (both
# languages) was exactly as wide as when loaded at 375 px (scrollWidth, measured 2026-12-07), and
# test_layout.py checks that on three pages with long equations, signatures and tables every run;
# the 94 loads took 85.2 s of a quiet machine, the 94 narrowings 8.8 s.
VIEW_DEFAULTS = {"scheme": "light", "width": 1280}


def view_of(item):
    """The view a test reads, ``(page_name, scheme, width)``, or None if it opens its own pages:
    each from the test's parameter of that name, else from its ``view`` mark
    (``@pytest.mark.view(page_name="notation.html", width=375)``), else light at 1280 px."""
    if "view" not in getattr(item, "fixturenames", ()):
        return None
    params = getattr(item, "callspec", None)
    params = params.params if params else {}
    mark = item.get_closest_marker("view")
    given = {**VIEW_DEFAULTS, **(mark.kwargs if mark else {})}
    return (
        params.get("page_name", given.get("page_name")),
        params.get("scheme", given["scheme"]),
        params.get("width", given["width"]),
    )


def page_of(view):
    """What a view shows, whatever the width: ``(page_name, scheme)``; the views of one page in
    one scheme are one page opened once (see :class:`Views`)."""
    return view[:2]


class Views:
    """The views opened so far in this process: the one open now, and how many were opened."""

    def __init__(self, browser, server):
        self.browser, self.server = browser, server
        self.key, self.view, self.opened = None, None, 0

    def __call__(self, key):
        """The view ``key`` (``(page_name, scheme, width)``): the open one; the open page set to
        another width, if it shows the same page in the same scheme; or a new one (the view
        open before is closed)."""
        if self.key is not None and page_of(key) == page_of(self.key) and key != self.key:
            self.view[1].set_viewport_size({"width": key[2], "height": 900})
            self.key = key
        elif key != self.key:
            self.close()
            page_name, scheme, width = key
            self.view = open_page(self.browser, self.server, page_name, scheme, width)
            self.key = key
            self.opened += 1
        return self.view

    def close(self):
        if self.view is not None:
            self.view[0].close()
        self.key, self.view = None, None
