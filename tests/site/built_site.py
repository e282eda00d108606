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
# How often each (address, scheme, width) was opened by open_page, and how often an open page
# was switched to it (Views), printed at the end.
LOADS: collections.Counter = collections.Counter()
SWITCHES: collections.Counter = collections.Counter()


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
    _poll(
        page,
        lambda: not pending and (not FETCHES_ICONS[id(browser)] or icons <= answered),
        lambda: (
            f"no answer in {timeout_s} s to {[r.url for r in pending]}"
            f" (icons {sorted(icons)}, answered: {sorted(answered)})"
        ),
        timeout_s,
    )


def _poll(page, ready, unready, timeout_s):
    """Wait, looking every 10 ms, until ``ready()``; after ``timeout_s``, a TimeoutError naming
    the page and saying ``unready()``."""
    deadline = time.monotonic() + timeout_s
    while not ready():
        if time.monotonic() > deadline:
            raise TimeoutError(f"{page.url}: {unready()}")
        page.wait_for_timeout(10)


def switch_scheme(page, scheme):
    """Turn the reader's preferred color scheme of the open ``page`` to ``scheme``, as a reader's
    system does with the page open, and wait, as ``open_page`` does, for the fonts, every request
    and the colours' transitions: the theme follows (its ``auto`` mode listens to the
    media query)."""
    pending = set()

    def started(request):
        pending.add(request)

    def ended(request):
        pending.discard(request)

    page.on("request", started)
    page.on("requestfinished", ended)
    page.on("requestfailed", ended)
    try:
        page.emulate_media(color_scheme=scheme)
        # The theme follows when the page hears of the change (its media query's change event),
        # which may come after the next frame: a full run once read a page still in light mode
        # one frame after the switch, and once found the search button's colours changing after
        # the wait for transitions below had passed. So: wait until the theme has followed, then
        # for the next frame, in which the colours' transitions begin.
        page.wait_for_function("s => document.documentElement.dataset.theme === s", arg=scheme)
        page.evaluate("new Promise(done => requestAnimationFrame(() => done(null)))")
        page.evaluate("document.fonts.ready.then(() => null)")
        _poll(
            page,
            lambda: not pending,
            lambda: f"no answer in 30 s to {[r.url for r in pending]}",
            30,
        )
        # Polled, not awaited as TRANSITIONS_ENDED awaits them: switched, a copy button's
        # transition of its background (the button is transparent until pointed at) ends, and
        # its `finished` promise is never settled (Chromium 156, seen on back-in-backprop.html).
        page.wait_for_function(f"() => ({RUNNING_TRANSITIONS})().length === 0")
    finally:
        page.remove_listener("request", started)
        page.remove_listener("requestfinished", ended)
        page.remove_listener("requestfailed", ended)
    return page


# What a reader sees of every element of a page in a color scheme, read the same way from a page
# loaded in that scheme and from one switched to it (the views of conftest.py are switched, not
# reloaded): its colours, paint and place (every box scrolled to the top), and those of its
# ::before and ::after, for every element shown; the tag and classes alone for an element not
# shown (the theme, loading in dark, marks its closed menus dropdown-menu-dark, which it does not
# do on a switch; shown, a menu would be read).
PAINTED = [
    "color",
    "background-color",
    "background-image",
    "border-top-color",
    "border-right-color",
    "border-bottom-color",
    "border-left-color",
    "outline-color",
    "text-decoration-color",
    "caret-color",
    "fill",
    "stroke",
    "filter",
    "opacity",
    "visibility",
    "display",
    "box-shadow",
    "text-shadow",
    "mix-blend-mode",
    "backdrop-filter",
    "-webkit-text-fill-color",
    "-webkit-text-stroke-color",
    "color-scheme",
]
SCHEME_SEEN = """(props) => {
  // How far the boxes around an element are scrolled: its place is read as if none were (a
  // sidebar keeps where the reader, or the theme, scrolled it, which is no part of the scheme).
  const scrolled = new Map([[null, [0, 0]]]);
  const scroll = e => {
    if (!scrolled.has(e)) {
      const [x, y] = scroll(e.parentElement);
      scrolled.set(e, [x + e.scrollLeft, y + e.scrollTop]);
    }
    return scrolled.get(e);
  };
  return [...document.querySelectorAll("*")].map(e => {
    const classes = [...e.classList].filter(c => c !== "dropdown-menu-dark").join(".");
    const name = e.tagName.toLowerCase() + (classes ? "." + classes : "");
    if (!e.checkVisibility()) return name + " (not shown)";
    const r = e.getBoundingClientRect(), [x, y] = scroll(e.parentElement);
    const paint = [null, "::before", "::after"].map(pseudo => {
        const s = getComputedStyle(e, pseudo);
        return props.map(p => s.getPropertyValue(p)).join(",");
    });
    return [name, ...paint, [r.x + x, r.y + y, r.width, r.height].map(Math.round).join(",")]
      .join(" | ");
  });
}"""


# The browser's view of a page: its name, the color scheme and the window's width. Every test
# that only reads a view (evaluates scripts, never clicks, types or scrolls) takes it from the
# ``view`` fixture, which opens each page once: the tests that read a page are run one after
# another, those in light mode first and the widest view first (conftest.py orders them so); a
# narrower view is the open page narrowed, as a reader narrows a window, a view in dark mode the
# open page switched to dark (switch_scheme), as a reader's system switches it at nightfall, and
# the page is closed when the next one is opened. Narrowed from 1280 to 375 px, each of the
# site's 94 pages (both languages) was exactly as wide as when loaded at 375 px (scrollWidth,
# measured 2026-12-07), and test_layout.py checks that on three pages with long equations,
# signatures and tables every run; the 94 loads took 85.2 s of a quiet machine, the 94
# narrowings 8.8 s. Loaded in light, narrowed, widened again and switched to dark, each of the 94
# pages showed every element as it shows it when loaded in dark (SCHEME_SEEN: the same colours,
# paint and place; measured 2026-12-07: 84 pages alike at once, 10 French ones differing only in
# where their sidebar was scrolled, by 2 px, and alike once every box is read as scrolled to the
# top, as SCHEME_SEEN now reads it, with 29 of the others measured again), and test_layout.py
# checks that on three pages every run; the 94 loads in dark took 159.2 s of a 2-core machine
# also running other tests, the 94 switches 46.0 s.
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
    """The page a view shows, whatever the scheme and width: the views of one page are one page
    opened once (see :class:`Views`)."""
    return view[0]


class Views:
    """The views opened so far in this process: the one open now, and how many were opened."""

    def __init__(self, browser, server):
        self.browser, self.server = browser, server
        self.key, self.view, self.opened = None, None, 0

    def __call__(self, key):
        """The view ``key`` (``(page_name, scheme, width)``): the open one; the open page set to
        another width, then switched to another scheme, if it shows the same page; or a new one
        (the view open before is closed)."""
        if self.key is not None and page_of(key) == page_of(self.key) and key != self.key:
            page = self.view[1]
            if key[2] != self.key[2]:
                page.set_viewport_size({"width": key[2], "height": 900})
            if key[1] != self.key[1]:
                # The view in the other scheme has what goes wrong from its switch on: what went
                # wrong before was the last view's (axe-core's audit, for one, asks for basic.css
                # beside the page, reading the theme's `@import "../basic.css"` against the page
                # and not the stylesheet, and the browser logs the 404).
                for found in self.view[2].values():
                    found.clear()
                SWITCHES[key] += 1
                switch_scheme(page, key[1])
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
