"""Every page of the built book, opened in Chromium in light mode, then switched to dark mode, and
at 375 px (a translation's source listings, whose article is the English listing's, in light
mode alone).

A page passes when it asks no host but the local server for anything, logs no console error,
gets no response >= 400, has its math rendered by MathJax (no raw TeX left), gives every image
alt text that describes it, has no serious or critical axe-core violation (in dark mode, of the
rules that read colours), keeps its figures on a white frame in dark mode, weighs under 2 MB,
and does not scroll sideways on a 375 px screen.
"""

from __future__ import annotations

import re

import pytest
from audit import serious_violations
from built_site import RUNNING_TRANSITIONS, SITE, WEIGHTS, site_pages, unprefixed

PAGES = site_pages()
# A translation's source listings (fr/_modules/bp/walk.html) show the English listing's code
# under a translated heading (test_a_translated_listing_is_the_english_one), in the chrome of
# the translation's first listing. In dark mode they would repeat the English listing's audit
# (the same code in the same colours) and the first listing's (the same chrome), so only the
# first is opened in dark mode: 26 views fewer, 120 s of the 2,146 s of the browser tests on a
# busy 2-core machine (2026-12-07).
LISTINGS = [p for p in PAGES if p != unprefixed(p) and unprefixed(p).startswith("_modules/")]
FIRST_LISTINGS = {p.split("/")[0]: p for p in reversed(LISTINGS)}.values()  # one a language
VIEWS = [
    (p, scheme)
    for p in PAGES
    for scheme in ("light", "dark")
    if scheme == "light" or p not in LISTINGS or p in FIRST_LISTINGS
]
MAX_BYTES = 2_000_000
# Text nodes outside code and outside MathJax's output that still look like TeX.
RAW_TEX = r"""() => {
    const skip = "PRE, CODE, SCRIPT, STYLE, MJX-CONTAINER, TEXTAREA";
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const found = [];
    while (walker.nextNode()) {
        const node = walker.currentNode;
        if (node.parentElement.closest(skip)) continue;
        if (/\\\(|\\\[|\$\$|\\frac|\\partial|\\sigma/.test(node.textContent)) {
            found.push(node.textContent.trim().slice(0, 80));
        }
    }
    return found;
}"""
BYTES = """() => {
    const entries = performance.getEntriesByType("navigation")
        .concat(performance.getEntriesByType("resource"));
    return {requests: entries.length,
            bytes: entries.reduce((s, e) => s + (e.transferSize || e.encodedBodySize || 0), 0)};
}"""
WIDE = """() => {
    const width = window.innerWidth;
    const scrollers = "pre, .highlight, table, .table-wrapper, .output, mjx-container";
    return [...document.querySelectorAll("body *")]
        .filter(e => e.getBoundingClientRect().right > width + 1)
        .filter(e => !e.closest(scrollers) && !e.querySelector(scrollers))
        .slice(0, 5)
        .map(e => e.tagName + "." + [...e.classList].join("."));
}"""


def test_the_site_has_pages():
    assert "index.html" in PAGES, "build the book first: nox -s docs"


@pytest.mark.parametrize(("page_name", "scheme"), VIEWS)
def test_page(view, page_name, scheme):
    _, page, problems, math_ms = view
    assert not problems["foreign"], f"requests to other hosts: {problems['foreign']}"
    assert not problems["console"], f"console errors: {problems['console']}"
    assert not problems["status"], f"failed responses: {problems['status']}"

    # The theme follows the reader's preferred color scheme.
    assert page.evaluate("document.documentElement.dataset.theme") == scheme

    # Math: every .math element was typeset, and no TeX is left as text.
    n_math = page.locator(".math").count()
    if n_math:
        assert math_ms is not None, "the page has math but MathJax did not start"
        untypeset = page.locator(".math:not(:has(mjx-container))").count()
        assert untypeset == 0, f"{untypeset} of {n_math} math elements not rendered"
    raw = page.evaluate(RAW_TEX)
    assert not raw, f"raw TeX left in the text: {raw}"

    # Images: alt text that says something, not a file name.
    for img in page.locator("img").all():
        alt = (img.get_attribute("alt") or "").strip()
        src = img.get_attribute("src") or ""
        assert alt, f"image without alt text: {src}"
        assert not re.search(r"\.(png|jpe?g|svg|gif|webp)$", alt, re.IGNORECASE), (
            f"alt is a file: {alt}"
        )
        assert len(alt.split()) >= 4, f"alt text too short to describe {src}: {alt!r}"
        if scheme == "dark" and "cell_output" in (
            img.evaluate("e => e.closest('.cell_output') ? 'cell_output' : ''") or ""
        ):
            bg = img.evaluate("e => getComputedStyle(e).backgroundColor")
            assert bg == "rgb(255, 255, 255)", f"figure {src} has no white frame: {bg}"

    # Accessibility: no serious or critical axe-core violation, in colours that have settled.
    moving = page.evaluate(RUNNING_TRANSITIONS)
    assert not moving, f"colours still changing when axe-core reads them: {moving[:5]}"
    # In dark mode by the rules that read colours alone: the others find on the page switched
    # to dark what they found on it in light mode (test_audit.py).
    violations = serious_violations(page, colours_only=scheme == "dark")
    assert not violations, "\n".join(violations)

    if scheme == "light":
        weight = page.evaluate(BYTES)
        WEIGHTS[page_name] = {**weight, "math_ms": math_ms}
        assert weight["bytes"] < MAX_BYTES, f"{weight['bytes']:,} bytes transferred"


ARTICLE = re.compile(r'<article class="bd-article">(.*?)</article>', re.DOTALL)
HEADING = re.compile(r"<h1>.*?</h1>", re.DOTALL)


@pytest.mark.parametrize("listing", LISTINGS)
def test_a_translated_listing_is_the_english_one(listing):
    """The article of a translation's source listing is the English listing's but for its
    heading ("Code source de bp.walk"): the same code, the same links, the same markup."""
    article = {}
    for page in (listing, unprefixed(listing)):
        found = ARTICLE.findall((SITE / page).read_text(encoding="utf-8"))
        assert len(found) == 1, f"{page}: {len(found)} articles"
        article[page] = found[0]
    translated, english = (HEADING.split(article[page], maxsplit=1) for page in article)
    assert len(english) == 2, f"{unprefixed(listing)}: no heading"
    assert translated == english


@pytest.mark.view(width=375)
@pytest.mark.parametrize("page_name", PAGES)
def test_small_screen(view, page_name):
    _, page, _, _ = view
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    wide = page.evaluate(WIDE)
    assert scroll_width <= 375, f"page is {scroll_width} px wide at 375 px; too wide: {wide}"
