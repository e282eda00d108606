"""The book's PDF, checked against the site built from the same executed pages (nox -s pdf).

``BP_PDF`` names the PDF, ``BP_PDF_LOG`` XeLaTeX's log of it, ``BP_PDF_LANGUAGE`` its language
(default: the name of its folder, docs/_build/latex/<language>/book.pdf), ``BP_PDF_SITE`` the site
of its language (docs/_build/html, or html/<language> for a translation; the session builds it
first, from the same notebook cache). What a reader of the PDF is owed, in each language: every
chapter in the outline, under its title in that language, in the order of the site; the glued
numbers (with the language's decimal separator) and the solutions of every chapter in its text;
every figure of that language's site as an image (the same drawing); no raw TeX, no text repr of
a figure; every font embedded; no text outside the page; a file under 15 MB.
"""

from __future__ import annotations

import html
import itertools
import os
import re
import subprocess
from functools import cache
from pathlib import Path

import pytest
from pypdf import PdfReader

ROOT = Path(__file__).parent.parent.parent
DOCS = ROOT / "docs"
PDF = Path(os.environ.get("BP_PDF", DOCS / "_build" / "pdf" / "en" / "book.pdf"))
LANGUAGE = os.environ.get("BP_PDF_LANGUAGE", PDF.parent.name if PDF.parent.name != "pdf" else "en")
SOURCE = "en"  # the language of the pages' sources; the others come from their catalogues
# the site of the PDF's language, built from the same executed pages
SITE = Path(
    os.environ.get(
        "BP_PDF_SITE",
        DOCS / "_build" / "html" / ("" if LANGUAGE == SOURCE else LANGUAGE),
    )
)
LOG = Path(os.environ.get("BP_PDF_LOG", DOCS / "_build" / "latex" / LANGUAGE / "book.log"))
# Numbers in each language's prose: (thousands separator, decimal separator), as bp_i18n writes
# the glued values of a translation.
NUMBERS = {"en": (",", "."), "fr": ("\u202f", ",")}


@cache
def catalogue(domain):
    """``{msgid: msgstr}`` of the PDF's language for one catalogue (page, ui or print)."""
    from babel.messages.pofile import read_po

    path = DOCS / "locales" / LANGUAGE / "LC_MESSAGES" / f"{domain}.po"
    with path.open("rb") as f:
        return {m.id: m.string for m in read_po(f) if m.id and m.string and not m.fuzzy}


def translated(domain, text):
    """``text`` (English) as the PDF's language writes it, from its catalogue: never English
    in a translation for want of a message."""
    if LANGUAGE == SOURCE:
        return text
    found = catalogue(domain).get(text)
    assert found, f"{text!r} has no translation in {LANGUAGE}/{domain}.po"
    return found


pytestmark = pytest.mark.skipif(not PDF.is_file(), reason=f"no PDF at {PDF}: run nox -s pdf")


def printed_pages():
    """The pages of print.md's toctrees, in order: the PDF's chapters."""
    text = (DOCS / "print.md").read_text(encoding="utf-8")
    pages = []
    for block in re.findall(r"```\{toctree\}\n(.*?)```", text, flags=re.DOTALL):
        pages += [line.strip() for line in block.splitlines() if line.strip() and ":" not in line]
    return pages


PAGES = printed_pages()


def title_of(page):
    """The page's title in the PDF's language (its catalogue's translation of the source's)."""
    text = (DOCS / f"{page}.md").read_text(encoding="utf-8")
    title = re.search(r"^# (.+)$", text, flags=re.MULTILINE).group(1).strip()
    return same_title(translated(page, title))


def part_titles():
    """The titles of print.md's parts (bp-part), in the PDF's language (print.po)."""
    text = (DOCS / "print.md").read_text(encoding="utf-8")
    return [
        same_title(translated("print", t.strip())) for t in re.findall(r"```\{bp-part\} (.+)", text)
    ]


@cache
def reader():
    return PdfReader(PDF)


def same_title(title):
    """A title as compared: the outline may write an apostrophe typographic, a space unbreakable."""
    return " ".join(title.replace("\u2019", "'").split())


def outline(items=None, depth=0):
    """``[(depth, title, page index)]`` of the PDF's bookmarks, in order."""
    items = reader().outline if items is None else items
    found = []
    for item in items:
        if isinstance(item, list):
            found += outline(item, depth + 1)
        else:
            title = same_title(item.title)
            found.append((depth, title, reader().get_destination_page_number(item)))
    return found


@cache
def page_texts():
    """The text layer of every page, as pdftotext reads it (a reader's copy and paste)."""
    out = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(PDF), "-"], capture_output=True, text=True, check=True
    ).stdout
    return out.split("\f")


def flat(text):
    """Text with lines joined as a reader reads them (a word split at a line end rejoined)."""
    text = re.sub(r"(\w)-\n(\w)", r"\1\2", text)
    return re.sub(r"\s+", " ", text).replace("\u2212", "-")


@cache
def chapter_text():
    """``{page: its chapter's text}``, cut where the outline says each chapter starts."""
    starts = []
    titles = {title_of(p): p for p in PAGES}
    for _depth, title, index in outline():
        if title in titles:
            starts.append((index, titles.pop(title)))
    starts.append((len(page_texts()), None))
    return {
        page: flat("\n".join(page_texts()[start:end]))
        for (start, page), (end, _) in itertools.pairwise(starts)
    }


def site_page(page):
    article = (SITE / f"{page}.html").read_text(encoding="utf-8")
    return article[article.index('<article class="bd-article">') : article.index("</article>")]


def plain(fragment):
    """The words of an HTML fragment, without its tags and math."""
    fragment = re.sub(r"<(script|style)\b.*?</\1>", " ", fragment, flags=re.DOTALL)
    fragment = re.sub(r"<summary\b.*?</summary>", " ", fragment, flags=re.DOTALL)
    # math is typeset differently in print: a mark that no run of plain words goes across
    fragment = re.sub(r'<span class="math[^"]*">.*?</span>', " | ", fragment, flags=re.DOTALL)
    fragment = re.sub(r'<div class="math[^"]*">.*?</div>', " | ", fragment, flags=re.DOTALL)
    return html.unescape(re.sub(r"<[^>]+>", " ", fragment))


def test_the_pdf_is_under_15_mb():
    assert PDF.stat().st_size < 15 * 2**20


def test_every_chapter_is_in_the_outline_in_the_order_of_the_site():
    titles = [title for _depth, title, _page in outline()]
    wanted = [title_of(page) for page in PAGES]
    positions = [titles.index(t) if t in titles else None for t in wanted]
    assert None not in positions, dict(zip(wanted, positions, strict=True))
    assert positions == sorted(positions)
    # the outline goes deeper than chapters: the sections of each chapter are there too
    assert len(titles) > 2 * len(wanted)
    assert len(reader().pages) > 3 * len(wanted)


def test_the_chapters_are_grouped_as_on_the_site():
    parts = [re.sub(r"^[IVX]+ ", "", t) for depth, t, _ in outline() if depth == 0]
    wanted = part_titles()
    assert len(wanted) == 3
    assert parts[-3:] == wanted


@pytest.mark.parametrize("page", PAGES)
def test_every_glued_value_of_a_chapter_is_in_its_text(page):
    glued = {
        html.unescape(v).strip()
        for v in re.findall(r'<span class="pasted-text">(.*?)</span>', site_page(page))
    }
    text = chapter_text()[page]
    missing = sorted(v for v in glued if flat(v) not in text)
    assert not missing, f"{page}: glued values missing from the PDF: {missing}"


def misread_numbers(values, language):
    """The values holding a number with a separator that ``language``'s prose does not use
    between those digits (a decimal point in French, a decimal comma in English).

    >>> misread_numbers(["0.2984", "23,860", "0,5", "1,2345"], "en")
    ['0,5', '1,2345']
    >>> misread_numbers(["0,2984", "23\u202f860", "0.5", "23,860"], "fr")
    ['0.5']
    """
    thousands, decimal = NUMBERS[language]
    found = []
    for value in values:
        for m in re.finditer(r"\d([.,\u202f])(?=\d)", value):
            group = re.match(r"\d{3}(?!\d)", value[m.end() :])
            if m.group(1) != decimal and not (m.group(1) == thousands and group):
                found.append(value)
                break
    return found


def test_glued_decimals_are_written_as_the_language_writes_them():
    """The glued numbers of the site of the PDF's language, and so of the PDF (the test above),
    have that language's decimal separator: 0,2984 in French prose, 0.2984 in English."""
    glued = [
        html.unescape(v)
        for page in PAGES
        for v in re.findall(r'<span class="pasted-text">(.*?)</span>', site_page(page))
    ]
    _thousands, decimal = NUMBERS[LANGUAGE]
    decimals = [v for v in glued if re.search(rf"\d{re.escape(decimal)}\d", v)]
    assert len(decimals) > 20, glued
    assert not misread_numbers(glued, LANGUAGE)
    text = flat("\n".join(page_texts()))
    assert [v for v in decimals if flat(v) not in text] == []


def _solutions(page):
    return re.findall(
        r'<details class="[^"]*sd-dropdown[^"]*">(.*?)</details>', site_page(page), flags=re.DOTALL
    )


# words (in any Latin script) and decimals: what print and screen share
WORD = re.compile(r"[^\W\d_]{3,}|\d+[.,]\d+")


def printed_together(words, text, slack=4):
    """Whether ``words`` are all in ``text`` close together: within ``slack`` times their number
    of words around one occurrence of the first. Math, typeset differently in print, may come
    between them, and a text layer reads a built-up fraction out of line order."""
    found = WORD.findall(text)
    span = slack * len(words)
    return any(
        set(words) <= set(found[max(0, i - span) : i + span])
        for i, word in enumerate(found)
        if word == words[0]
    )


@pytest.mark.parametrize("page", [p for p in PAGES if _solutions(p)])
def test_every_solution_is_printed(page):
    text = chapter_text()[page]
    for solution in _solutions(page):
        words = WORD.findall(plain(solution))[:40]
        assert len(words) >= 3, f"{page}: nothing to look for in {solution[:200]}"
        assert printed_together(words, text), f"{page}: solution not printed: {words}"


def _figures_in_site(page):
    return re.findall(r'<img [^>]*src="_images/([^"]+)"', site_page(page))


def _images_on(pages):
    seen = set()
    for number in pages:
        resources = reader().pages[number].get("/Resources") or {}
        for name, ref in (resources.get("/XObject") or {}).items():
            obj = ref.get_object()
            if obj.get("/Subtype") in ("/Image", "/Form"):
                seen.add((name, getattr(ref, "idnum", id(obj))))
    return seen


def test_every_figure_of_the_site_is_an_image_in_the_pdf():
    tex = (LOG.parent / "book.tex").read_text(encoding="utf-8")
    included = re.findall(r"\\sphinxincludegraphics(?:\[[^\]]*\])?\{\{([^}]+)\}(\.\w+)\}", tex)
    # every SVG converted to a vector PDF (a PNG would be a figure the code drew as pixels)
    assert {suffix for _name, suffix in included} <= {".pdf", ".png"}, included
    # the very drawings of the site of this language (a translation's figures have its words):
    # MyST-NB names each image file after its content
    in_site = [Path(src).stem for p in PAGES for src in _figures_in_site(p)]
    assert sorted(Path(name).name for name, _suffix in included) == sorted(in_site)
    assert len(_images_on(range(len(reader().pages)))) >= len(in_site)


def test_no_raw_tex_nor_text_repr_of_a_figure_in_the_text():
    text = flat("\n".join(page_texts()))
    assert "<Figure size" not in text
    assert "<matplotlib" not in text
    raw = re.findall(r"\\(?:begin|end|frac|partial|sigma|delta|mathrm|left|right|cdot)\b", text)
    assert not raw, raw[:10]
    assert "$$" not in text


def test_every_font_is_embedded():
    out = subprocess.run(
        ["pdffonts", str(PDF)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    assert out, "pdffonts lists no font"
    not_embedded = [line for line in out if line.split()[-5] != "yes"]
    assert not not_embedded, not_embedded


def test_no_text_outside_the_page():
    out = subprocess.run(
        ["pdftotext", "-bbox", str(PDF), "-"], capture_output=True, text=True, check=True
    ).stdout
    pages = out.split("<page ")[1:]
    # The text block's left edge; the right margin is about as wide, a line may not go past
    # three quarters of it (an overlong line of code would).
    left = min(float(x) for x in re.findall(r'<word xMin="([\d.]+)"', out))
    outside = []
    for number, page in enumerate(pages, start=1):
        width, height = (
            float(v) for v in re.search(r'width="([\d.]+)" height="([\d.]+)"', page).groups()
        )
        for x0, y0, x1, y1, word in re.findall(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>',
            page,
        ):
            right = width - 0.75 * left
            if float(x0) < 0 or float(y0) < 0 or float(x1) > right or float(y1) > height:
                outside.append((number, word))
    assert not outside, outside[:20]


def test_no_character_is_missing_from_the_fonts():
    log = LOG.read_text(encoding="utf-8", errors="replace")
    missing = re.findall(r"Missing character: There is no .*", log)
    assert not missing, sorted(set(missing))[:20]


def test_a_page_that_works_only_on_screen_is_printed_as_its_address():
    explorer = chapter_text()["explorer"]
    note = translated(
        "ui",
        "This page works only on screen: it computes in the browser as you change its "
        "numbers. It is the page {address} of the book's site (its HTML build).",
    )
    assert flat(note.partition("{address}")[0]).strip() in explorer
    folder = "" if LANGUAGE == SOURCE else f"{LANGUAGE}/"
    assert f"{folder}explorer.html" in explorer
    # the rest of the page is left out
    assert flat(translated("explorer", "What to try")) not in explorer


def test_no_line_runs_into_the_right_margin():
    log = LOG.read_text(encoding="utf-8", errors="replace")
    overfull = [float(pt) for pt in re.findall(r"Overfull \\hbox \(([\d.]+)pt too wide\)", log)]
    assert max(overfull, default=0) < 5, sorted(overfull)[-5:]


def test_the_title_page_gives_version_date_and_licence():
    title = flat("\n".join(page_texts()[:2]))
    assert re.search(r"Version \d+\.\d+\.\d+", title)
    built = re.escape(flat(translated("ui", "Built {date}"))).replace(
        r"\{date\}", r"\d{4}-\d{2}-\d{2}"
    )
    assert re.search(built, title), title[:300]
    assert "CC BY 4.0" in title
    assert "https://creativecommons.org/licenses/by/4.0/" in title
    assert "MIT" in title
