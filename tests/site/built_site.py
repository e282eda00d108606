"""The built site and what the browser tests share: where it is, its pages, how to open one.

A module of its own (not ``conftest``) so that the tests can import it by a name no other
``conftest.py`` of the repository shares.
"""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SITE = Path(os.environ.get("BP_SITE_DIR", ROOT / "docs" / "_build" / "html")).resolve()

# Filled by the page tests, printed at the end of the session (bytes, milliseconds).
WEIGHTS: dict[str, dict[str, float]] = {}


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


MATH_READY = """async () => {
    if (!window.MathJax || !MathJax.startup || !MathJax.startup.promise) return null;
    await MathJax.startup.promise;
    return performance.now();
}"""


def open_page(browser, server, page_name, scheme="light", width=1280):
    """Open a page; return the Playwright page and what went wrong while it loaded."""
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
    page.goto(f"{server}/{page_name}", wait_until="load")
    math_ms = page.evaluate(MATH_READY)
    page.wait_for_load_state("networkidle")
    return context, page, problems, math_ms
