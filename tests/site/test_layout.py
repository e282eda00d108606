"""How the pages read on a laptop, in dark mode, from the keyboard and on paper.

* At 1280 px wide, with both sidebars open (a common laptop), no display equation, code block,
  output or table inside the article scrolls sideways: every one fits the column.
* In dark mode no figure is dimmed by the theme's image filter: figures sit on a true white card.
* The left and right arrow keys go to the previous and next page.
* Printed, a chapter shows the article alone (no header, sidebars or buttons), and no figure,
  equation or code block is split across pages.
"""

from __future__ import annotations

import pytest
from built_site import (
    PAINTED,
    SCHEME_SEEN,
    Views,
    book_pages,
    open_page,
    site_pages,
    unprefixed,
)

PAGES = site_pages()
# Chapter and reader pages: every page written in docs/ (the API's source listings under
# _modules/ are code, and the general index is Sphinx's own).
# Translated pages too (fr/intuition.html): the same page in another language.
READER_PAGES = [
    p
    for p in PAGES
    if "/" not in unprefixed(p) and unprefixed(p) not in ("genindex.html", "search.html")
]

# Boxes inside the article that may scroll sideways: display math, code, outputs, tables.
OVERFLOWING = r"""() => {
    const article = document.querySelector(".bd-article");
    const right = article.getBoundingClientRect().right;
    const boxes = "div.math, mjx-container[display='true'], div.highlight, div.highlight pre, "
        + ".cell_output .output, table, .table-wrapper, .pst-scrollable-table-container";
    const kind = e => e.closest(".cell_output") ? "output"
        : e.closest("div.math, mjx-container") ? "equation"
        : e.closest("table, .table-wrapper, .pst-scrollable-table-container") ? "table" : "code";
    const found = new Map();  // one entry per box, however many nested elements show it
    for (const box of article.querySelectorAll(boxes)) {
        const over = box.scrollWidth - box.clientWidth;
        // Content that sticks out of the article counts too, wherever it is clipped.
        const out = box.getBoundingClientRect().right - right;
        if (over <= 1 && out <= 1) continue;
        const text = box.textContent.replace(/\s+/g, " ").trim();
        const px = Math.round(Math.max(over, out, found.get(text)?.px || 0));
        found.set(text, {kind: kind(box), px: px});
    }
    return [...found].map(([text, f]) => `${f.kind} (${f.px} px too wide): ${text.slice(0, 70)}`);
}"""
SIDEBARS = """() => [".bd-sidebar-primary", ".bd-sidebar-secondary"].map(s => {
    const e = document.querySelector(s);
    return e !== null && e.getBoundingClientRect().width > 100
        && getComputedStyle(e).display !== "none" && getComputedStyle(e).visibility !== "hidden";
})"""


def test_there_are_reader_pages():
    assert "intuition.html" in READER_PAGES, "build the book first: nox -s docs"


@pytest.mark.view(width=1280)
@pytest.mark.parametrize("page_name", READER_PAGES)
def test_nothing_scrolls_sideways_at_1280_px(view, page_name):
    _, page, _, _ = view
    sidebars = page.evaluate(SIDEBARS)
    has_toc = page.locator(".bd-sidebar-secondary .toc-entry").count() > 0
    assert sidebars[0], "the navigation sidebar is not open at 1280 px"
    assert sidebars[1] or not has_toc, "the page's table of contents is not open at 1280 px"
    overflowing = page.evaluate(OVERFLOWING)
    assert not overflowing, f"{len(overflowing)} boxes scroll sideways at 1280 px:\n" + "\n".join(
        overflowing
    )
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 1280, f"the page is {width} px wide at 1280 px"


FIGURES = """() => [...document.querySelectorAll(
        ".bd-article img, .bd-article .cell_output svg, .bd-article figure svg")]
    .filter(e => !e.closest("svg") || e.tagName.toLowerCase() === "svg" &&
                 !e.parentElement.closest("svg"))
    .filter(e => !e.closest("mjx-container"))
    .map(e => {
        // The nearest box, from the figure outwards, that paints a background.
        let card = e, bg = "rgba(0, 0, 0, 0)";
        while (card && (bg = getComputedStyle(card).backgroundColor) === "rgba(0, 0, 0, 0)") {
            card = card.parentElement;
        }
        // Any filter on the figure or a box around it dims or tints what the reader sees.
        const filters = [];
        for (let box = e; box; box = box.parentElement) {
            const f = getComputedStyle(box).filter;
            if (f && f !== "none") filters.push(`${box.tagName.toLowerCase()}: ${f}`);
        }
        return {src: e.getAttribute("src") || "inline svg", card: bg, filters: filters,
                shown: e.getBoundingClientRect().width > 0};
    })"""


@pytest.mark.view(scheme="dark")
@pytest.mark.parametrize("page_name", book_pages())
def test_figures_are_not_dimmed_in_dark_mode(view, page_name):
    _, page, _, _ = view
    assert page.evaluate("document.documentElement.dataset.theme") == "dark"
    figures = [f for f in page.evaluate(FIGURES) if f["shown"]]
    if not figures:
        pytest.skip(f"{page_name} shows no figure")
    dimmed = [f"{f['src']}: {f['filters']}" for f in figures if f["filters"]]
    assert not dimmed, f"{len(dimmed)} figures dimmed in dark mode:\n" + "\n".join(dimmed)
    grey = [f"{f['src']}: {f['card']}" for f in figures if f["card"] != "rgb(255, 255, 255)"]
    assert not grey, "figures not on a white card in dark mode:\n" + "\n".join(grey)


# A figure as SVG, both ways a page can carry one: a file in <img>, and inline markup.
SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="120" height="60">'
    '<rect x="10" y="10" width="40" height="40" fill="#d62728"/></svg>'
)
INJECT_SVG = """svg => {
    const output = document.querySelector(".bd-article .cell_output .output")
        || document.querySelector(".bd-article");
    const img = document.createElement("img");
    img.src = "data:image/svg+xml," + encodeURIComponent(svg);
    img.alt = "a red square drawn as an SVG file";
    img.className = "bp-test-svg";
    const inline = document.createElement("div");
    inline.className = "cell_output docutils container";
    inline.innerHTML = `<div class="output text_html">${svg}</div>`;
    output.append(img);
    output.append(inline);
}"""


def test_svg_figures_are_not_dimmed_in_dark_mode(browser, server):
    context, page, _, _ = open_page(browser, server, "intuition.html", scheme="dark")
    try:
        page.evaluate(INJECT_SVG, SVG)
        figures = [f for f in page.evaluate(FIGURES) if f["src"].startswith(("data:", "inline"))]
        assert len(figures) == 2, figures
        for figure in figures:
            assert not figure["filters"], f"an SVG figure is dimmed: {figure}"
            assert figure["card"] == "rgb(255, 255, 255)", f"an SVG figure on grey: {figure}"
    finally:
        context.close()


def test_arrow_keys_go_to_the_next_and_previous_page(browser, server):
    context, page, _, _ = open_page(browser, server, "calculus.html")
    try:
        following = page.locator("a.right-next").get_attribute("href")
        previous = page.locator("a.left-prev").get_attribute("href")
        with page.expect_navigation():
            page.keyboard.press("ArrowRight")
        assert page.url.endswith(following), page.url
        page.go_back()
        with page.expect_navigation():
            page.keyboard.press("ArrowLeft")
        assert page.url.endswith(previous), page.url
    finally:
        context.close()


PRINTED = """() => {
    const hidden = [".bd-header", ".bd-sidebar-primary", ".bd-sidebar-secondary",
                    ".bd-header-article", ".prev-next-area", ".bd-footer", "button.copybtn"];
    const shown = s => [...document.querySelectorAll(s)].some(
        e => getComputedStyle(e).display !== "none" && e.getBoundingClientRect().width > 0);
    const unsplittable = "figure, .cell_output img, div.math, div.highlight, table";
    return {
        chrome: hidden.filter(shown),
        splittable: [...document.querySelectorAll(".bd-article " + unsplittable.split(", ")
                .join(", .bd-article "))]
            .filter(e => getComputedStyle(e).breakInside !== "avoid")
            .map(e => e.tagName.toLowerCase() + "." + [...e.classList].join(".")).slice(0, 5),
        article: document.querySelector(".bd-article").getBoundingClientRect().width,
        body: document.body.getBoundingClientRect().width,
    };
}"""


@pytest.mark.parametrize("page_name", ["hidden-layer.html", "training.html"])
def test_a_chapter_prints_without_sidebars_and_unsplit_figures(browser, server, page_name):
    context, page, _, _ = open_page(browser, server, page_name)
    try:
        page.emulate_media(media="print")
        printed = page.evaluate(PRINTED)
        assert not printed["chrome"], f"printed with the site's chrome: {printed['chrome']}"
        assert not printed["splittable"], f"may split across pages: {printed['splittable']}"
        assert printed["article"] >= 0.9 * printed["body"], f"a narrow column on paper: {printed}"
        pdf = page.pdf(format="A4", print_background=True)
        assert pdf.startswith(b"%PDF")
    finally:
        context.close()


FOLDED = """() => [...document.querySelectorAll(".bd-article details")].map(d => {
    const body = [...d.children].filter(c => c.tagName !== "SUMMARY");
    const summary = d.querySelector(":scope > summary");
    return {
        kind: d.classList.contains("sd-dropdown") ? "solution" : "folded code",
        open: d.open,
        shown: body.reduce((h, c) => h + c.getBoundingClientRect().height, 0),
        toggle: summary && getComputedStyle(summary).display !== "none" ? summary.textContent.trim() : "",
        keep: summary ? getComputedStyle(summary).breakAfter : "",
    };
})"""


@pytest.mark.parametrize("page_name", ["intuition.html", "training.html"])
def test_solutions_and_folded_code_print_open(browser, server, page_name):
    """Closed on screen, on paper every solution and folded cell shows its content (never an
    empty bar), a folded cell without its "Show code" toggle, a solution with its title kept
    with its first lines."""
    context, page, _, _ = open_page(browser, server, page_name)
    try:
        folded = page.evaluate(FOLDED)
        assert {f["kind"] for f in folded} == {"solution", "folded code"}, folded
        assert not any(f["open"] for f in folded)
        page.emulate_media(media="print")
        for f in page.evaluate(FOLDED):
            assert f["shown"] > 0, f"prints as an empty bar: {f}"
            if f["kind"] == "folded code":
                assert not f["toggle"], f
            else:
                assert f["toggle"].startswith("Solution"), f
                assert f["keep"] == "avoid", f
        assert page.pdf(format="A4").startswith(b"%PDF")
    finally:
        context.close()


# Every word of a table cell (hyphens end a word: a line may break after one), and whether it
# was broken across lines: a Range over one word has one box per line it occupies.
BROKEN_WORDS = r"""() => {
    const broken = [];
    for (const cell of document.querySelectorAll(".bd-article table th, .bd-article table td")) {
        const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            if (node.parentElement.closest("mjx-container, .math")) continue;
            for (const m of node.textContent.matchAll(/[^\s-]+/g)) {  // a hyphen may break
                const range = document.createRange();
                range.setStart(node, m.index);
                range.setEnd(node, m.index + m[0].length);
                const lines = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
                if (lines.size > 1) broken.push(m[0]);
            }
        }
    }
    return broken;
}"""


@pytest.mark.view(page_name="notation.html", width=375)
def test_no_table_breaks_a_short_word_at_375_px(view):
    _, page, _, _ = view
    broken = [w for w in page.evaluate(BROKEN_WORDS) if len(w) <= 12]
    assert not broken, f"words broken inside a table cell at 375 px: {broken}"


# What a narrow screen's layout is, read the same way from a page loaded at 375 px and from one
# narrowed to 375 px after loading at 1280 (the views of conftest.py are narrowed, not reloaded).
NARROW_LAYOUT = """() => ({
    page: document.documentElement.scrollWidth,
    article: Math.round(document.querySelector(".bd-article").getBoundingClientRect().width),
    sidebars: [".bd-sidebar-primary", ".bd-sidebar-secondary"].map(s => {
        const e = document.querySelector(s);
        return e !== null && e.getBoundingClientRect().left >= 0
            && e.getBoundingClientRect().right <= window.innerWidth
            && getComputedStyle(e).visibility !== "hidden";
    }),
})"""
# Pages with long equations, signatures and tables, in both languages.
WIDE_PAGES = [p for p in ("api.html", "matrix-form.html", "fr/matrix-form.html") if p in PAGES]


@pytest.mark.view(width=375)
@pytest.mark.parametrize("page_name", WIDE_PAGES)
def test_a_page_narrowed_to_375_px_is_laid_out_as_one_loaded_at_375_px(
    view, browser, server, page_name
):
    _, narrowed, _, _ = view
    context, loaded, _, _ = open_page(browser, server, page_name, width=375)
    try:
        assert narrowed.evaluate(NARROW_LAYOUT) == loaded.evaluate(NARROW_LAYOUT)
    finally:
        context.close()


# Pages with figures and math, in both languages, and code.
SWITCHED_PAGES = [
    p for p in ("intuition.html", "fr/notation.html", "_modules/bp/network.html") if p in PAGES
]


@pytest.mark.parametrize("page_name", SWITCHED_PAGES)
def test_a_page_switched_to_dark_shows_what_one_loaded_dark_shows(browser, server, page_name):
    """The views of conftest.py in dark mode are pages loaded in light mode, narrowed, widened
    again and switched to dark (built_site.Views): each element shows the colours, paint and
    place it has in the page loaded in dark mode."""
    views = Views(browser, server)
    context, loaded, _, _ = open_page(browser, server, page_name, scheme="dark")
    try:
        for scheme, width in (("light", 1280), ("light", 375), ("dark", 1280)):
            _, switched, _, _ = views((page_name, scheme, width))
        assert switched.evaluate("document.documentElement.dataset.theme") == "dark"
        seen, want = switched.evaluate(SCHEME_SEEN, PAINTED), loaded.evaluate(SCHEME_SEEN, PAINTED)
        assert len(seen) == len(want), f"{len(seen)} elements switched, {len(want)} loaded"
        differ = [
            f"switched: {a}\nloaded:   {b}" for a, b in zip(seen, want, strict=True) if a != b
        ]
        assert not differ, f"{len(differ)} of {len(want)} elements differ:\n" + "\n".join(
            differ[:5]
        )
    finally:
        views.close()
        context.close()


CAPTION_AND_TEXT = """() => [
    getComputedStyle(document.querySelector(".bd-article figcaption")).color,
    getComputedStyle(document.querySelector(".bd-article section > p")).color,
]"""


@pytest.mark.view(page_name="intuition.html", scheme="dark")
def test_captions_are_as_legible_as_the_text_in_dark_mode(view):
    _, page, _, _ = view
    caption, text = page.evaluate(CAPTION_AND_TEXT)
    assert caption == text, f"caption {caption} against text {text}"
