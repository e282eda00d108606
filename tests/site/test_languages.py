"""The translations of the book beside the English one (the French edition at ``fr/``).

* Every English page has its translation, under the same name, and each links to the other: the
  language switch in the page header, and ``hreflang`` alternate links in the head; each says
  its language (``<html lang="fr">``).
* Sections keep one name in every language, so the switch lands on the section the reader was
  at (in the browser: clicked from a page scrolled to a section, it opens that section).
* A translated page shows the English page's glued values, written as its language writes
  numbers (0.2984 becomes 0,2984); its code cells, and the code of its notebook, are the English
  ones, character for character (the copy-paste promise holds in every language), and the
  notebook's install line is the same.
* Search works in the translation's language, and finds translated pages.

The other browser checks (no other host, console, axe, dark mode, 375 px, 1280 px) run on the
translated pages with the English ones (test_pages.py, test_layout.py).
"""

from __future__ import annotations

import contextlib
import functools
import html
import json
import re
import sys

import pytest
from built_site import ROOT, SITE, open_page, site_pages, translations

sys.path.insert(0, str(ROOT / "docs" / "_ext"))
LANGUAGES = translations()
ENGLISH = [p for p in site_pages() if "/" not in p]
BOOK = [p for p in ENGLISH if p not in ("genindex.html", "search.html")]
GLUED = re.compile(r'class="(?:pasted-text|output text_plain)"[^>]*>(.*?)</span>', re.DOTALL)
SECTION_ID = re.compile(r'<section id="([^"]+)"')
CODE_CELL = re.compile(
    r'<div class="cell_input docutils container">\s*<div class="highlight-ipython3 notranslate">'
    r'<div class="highlight"><pre><span></span>(.*?)</pre>',
    re.DOTALL,
)


def read(page):
    return (SITE / page).read_text(encoding="utf-8")


def text_of(markup):
    return html.unescape(re.sub(r"<[^>]+>", "", markup))


def test_the_site_has_a_french_edition():
    assert "fr" in LANGUAGES, f"no fr/ beside the English site in {SITE}: run nox -s docs"


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("page", ENGLISH)
def test_each_page_links_its_translation(page, language):
    english, translated = read(page), read(f"{language}/{page}")
    assert '<html lang="en"' in english
    assert f'<html lang="{language}"' in translated
    assert re.search(rf'<a class="[^"]*bp-language-link" href="{language}/{page}"', english)
    assert re.search(rf'<a class="[^"]*bp-language-link" href="\.\./{page}"', translated)
    for markup in (english, translated):
        assert re.search(
            rf'<link rel="alternate" hreflang="{language}" href="[./]*{language}/{page}"', markup
        )
        assert re.search(rf'<link rel="alternate" hreflang="en" href="(\.\./)?{page}"', markup)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("page", BOOK)
def test_sections_keep_their_names(page, language):
    english = SECTION_ID.findall(read(page))
    assert SECTION_ID.findall(read(f"{language}/{page}")) == english


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("page", BOOK)
def test_a_translated_page_shows_the_english_glued_values(page, language):
    from bp_i18n import localized_number_text

    english = [localized_number_text(text_of(v), language) for v in GLUED.findall(read(page))]
    translated = [text_of(v) for v in GLUED.findall(read(f"{language}/{page}"))]
    assert sorted(translated) == sorted(english)
    if language == "fr" and any(re.search(r"\d\.\d", v) for v in english):
        assert any(re.search(r"\d,\d", v) for v in translated), "no decimal comma"


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("page", BOOK)
def test_a_translated_page_has_the_english_code(page, language):
    english = [text_of(c) for c in CODE_CELL.findall(read(page))]
    assert [text_of(c) for c in CODE_CELL.findall(read(f"{language}/{page}"))] == english
    notebook = SITE / "_sources" / page.replace(".html", ".ipynb")
    if notebook.exists():
        code = [cells(SITE / "_sources"), cells(SITE / language / "_sources")]
        name = notebook.name
        ours, theirs = code[0][name], code[1][name]
        assert len(ours) == len(theirs)
        for en, tr in zip(ours, theirs, strict=True):
            if en.startswith("#"):  # the install and glue cells: comments translated
                assert [x for x in en.splitlines() if not x.startswith("# ")] == [
                    x for x in tr.splitlines() if not x.startswith("# ")
                ]
                assert re.findall(r"%pip install .*", en) == re.findall(r"%pip install .*", tr)
            else:
                assert tr == en


@functools.cache
def cells(folder):
    return {
        p.name: [
            "".join(c["source"])
            for c in json.loads(p.read_text(encoding="utf-8"))["cells"]
            if c["cell_type"] == "code"
        ]
        for p in folder.glob("*.ipynb")
    }


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_switch_lands_on_the_same_section(browser, server, language):
    sections = SECTION_ID.findall(read("output-layer.html"))
    target = sections[len(sections) // 2]
    for start, other in (
        ("output-layer.html", f"{language}/output-layer.html"),
        (f"{language}/output-layer.html", "output-layer.html"),
    ):
        context, page, problems, _ = open_page(browser, server, f"{start}#{target}")
        try:
            page.locator("a.bp-language-link").first.click()
            page.wait_for_url(f"**/{other}#{target}")
            assert page.evaluate("document.documentElement.lang") == (
                "en" if other == "output-layer.html" else language
            )
            box = page.locator(f"#{target}").bounding_box()
            assert box is not None, f"no #{target} on {other}"
            assert 0 <= box["y"] < 900, f"#{target} not in view: {box}"
            assert not problems["console"], problems["console"]
        finally:
            context.close()


def test_french_search_finds_french_pages(browser, server):
    context, page, problems, _ = open_page(browser, server, "fr/search.html?q=rétropropagation")
    try:
        results = page.locator("#search-results ul.search li a")
        results.first.wait_for(timeout=30_000)
        hrefs = [a.get_attribute("href") for a in results.all()]
        assert len(hrefs) >= 5, hrefs
        titles = " ".join(results.all_inner_texts())
        assert "couche" in titles.lower() or "rétropropagation" in titles.lower(), titles
        assert not problems["console"], problems["console"]
    finally:
        context.close()


# --- The page scripts in French: no English word of theirs left on screen ----------------------
UI_PO = ROOT / "docs" / "locales" / "fr" / "LC_MESSAGES" / "ui.po"
INTERFACE_TEXT = """root => {
    const said = [root.innerText];
    root.querySelectorAll("[aria-label], [title], [aria-roledescription]").forEach(e => {
        ["aria-label", "title", "aria-roledescription"].forEach(a => {
            if (e.hasAttribute(a)) said.push(e.getAttribute(a));
        });
    });
    root.querySelectorAll("svg title").forEach(t => said.push(t.textContent));
    return said.join("\\n");
}"""


@functools.cache
def ui_catalogue():
    from babel.messages.pofile import read_po

    with UI_PO.open("rb") as f:
        return {m.id: m.string for m in read_po(f) if m.id}


def english_words():
    """The English words of ui.po that the French pages must not show: each msgid's text
    between its {placeholders}, unless the French keeps it too (a code-like line, a formula
    such as ``target - out``, an option's name such as ``steps``)."""
    catalogue = ui_catalogue()
    kept = "\n".join(catalogue.values())
    words = set()
    for english in catalogue:
        for part in re.split(r"\{\w+\}", english):
            part = part.strip()
            if re.search(r"[A-Za-z]{2}", part) and not whole_word_in(part, kept):
                words.add(part)
    return words


def whole_word_in(words, text):
    """Whether ``words`` stand in ``text`` as a whole (not inside a word, nor an option's
    name such as --steps)."""
    return re.search(rf"(?<![\w-]){re.escape(words)}(?![\w-])", text) is not None


def english_left(text):
    """The English words of ui.po that stand in ``text``."""
    return sorted(w for w in english_words() if whole_word_in(w, text))


def french(english):
    return ui_catalogue()[english]


def interface_text(page, selector):
    return "\n".join(page.eval_on_selector_all(selector, f"all => all.map({INTERFACE_TEXT})"))


@contextlib.contextmanager
def french_page(browser, server, address):
    """A French page open in the browser; on leaving, nothing went wrong in its console."""
    context, page, problems, _ = open_page(browser, server, address)
    try:
        yield page
        assert not problems["console"], problems["console"]
    finally:
        context.close()


def interact(page, *actions):
    """Do each action on the page: (method of a locator, CSS selector, its arguments...);
    ("wait", selector) waits for the selector."""
    for method, selector, *arguments in actions:
        if method == "wait":
            page.wait_for_selector(selector)
        else:
            getattr(page.locator(selector).first, method)(*arguments)


# Each French page of a script: its address, then stages of (actions, the roots whose text is
# read after them), and English strings of ui.po whose French must be on screen.
SPEAKING = {
    "explorer": (
        "fr/explorer.html",
        [
            (
                [
                    ("wait", "#bp-explorer[data-ready=true]"),
                    ("click", "button.bpx-step"),
                    ("fill", "#bpx-check-out_h1", "0.123"),
                    ("wait", '[data-verdict="wrong"]'),
                ],
                # the page's own "What to try" and "needs JavaScript" (explorer.po) with it
                "#bp-explorer, .bpx-try, .bp-noscript",
            ),
            (
                [
                    ("fill", "#bpx-check-out_o1", "0,5"),
                    ("fill", "#bpx-lr-0", "abc"),
                    ("wait", ".bpx-blocked .bpx-error"),
                ],
                "#bp-explorer",
            ),
        ],
        [
            "Check your own numbers",
            "Inputs",
            "Learning rate",
            "Step",
            "✗ wrong",
            "One update applied: E_total {before} → {after}.",
        ],
    ),
    "walkthrough": (
        "fr/walkthrough.html",
        [
            (
                [
                    ("wait", "#bp-walk[data-ready=true]"),
                    ("click", "button.bpw-next"),
                    ("select_option", "#bpw-slip", "sign"),
                    ("fill", "#bpw-lr-0", "abc"),
                    ("wait", ".bpw-blocked:not(:empty)"),
                ],
                "#bp-walk, .bp-noscript",
            )
        ],
        [
            "Step {k} of {n}",
            "Next →",
            "Make a known slip",
            "Forward pass",
            "Not applied while {options} holds an invalid value: the walk-through shows the last valid configuration.",
        ],
    ),
    "practice": (
        "fr/intuition.html?seed=5",
        [
            (
                [  # the first box of the page
                    ("fill", "div.bpp input[data-key]", "0.1"),
                    ("click", "div.bpp button[type=submit]"),
                    ("fill", "div.bpp input[id$=-seed]", "abc"),
                    ("press", "div.bpp input[id$=-seed]", "Enter"),
                    ("wait", ".bpp-error:not(:empty)"),
                ],
                "div.bpp",
            )
        ],
        ["Try it with new numbers", "Seed", "Check", "✗ wrong"],
    ),
}


@pytest.mark.parametrize("name", SPEAKING)
def test_the_french_page_scripts_speak_french(browser, server, name):
    address, stages, samples = SPEAKING[name]
    with french_page(browser, server, address) as page:
        text = ""
        for actions, roots in stages:
            interact(page, *actions)
            text += interface_text(page, roots)
        assert not english_left(text)
        for english in samples:
            assert french(english).split("{")[0] in text, english


def test_the_french_pages_show_numbers_with_a_decimal_comma(browser, server):
    # the numbers shown take the decimal comma; the machine-readable value and the fields
    # keep the point
    with french_page(browser, server, "fr/explorer.html") as page:
        page.wait_for_selector("#bp-explorer[data-ready=true]")
        cell = page.locator('td[data-key="out_h1"]')
        assert "," in cell.inner_text()
        assert "." in cell.get_attribute("data-value")
        assert "." in page.input_value("#bpx-weights-0")
    with french_page(browser, server, "fr/intuition.html?seed=5") as page:
        assert "," in page.locator("div.bpp .bpp-numbers").first.inner_text()


def test_a_link_glued_as_markdown_speaks_the_pages_language():
    # errata.md glues its link to the explorer (an address it computes) as raw HTML
    link = re.compile(r'<a class="reference internal" id="errata-video-explorer"[^>]*>([^<]*)</a>')
    assert link.findall(read("errata.html")) == ["the explorer"]
    assert link.findall(read("fr/errata.html")) == [french("the explorer")]
