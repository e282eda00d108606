"""The PDFs as the site serves them: in each edition (the site's root, and a folder per
translation), every page's download menu and the landing page link that edition's PDF, and the
link leads to the PDF that nox -s pdf built in that language (run by that session after the
site's rebuild)."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin

import pytest

DOCS = Path(__file__).parent.parent.parent / "docs"
HTML = DOCS / "_build" / "html"
BUILT = DOCS / "_build" / "pdf"  # <language>/book.pdf
SOURCE = "en"  # at the site's root; each translation in a folder of its own


def site_of(language):
    return HTML if language == SOURCE else HTML / language


# The editions whose PDF was built, and so is served.
LANGUAGES = sorted(p.parent.name for p in BUILT.glob("*/book.pdf"))

pytestmark = pytest.mark.skipif(not LANGUAGES, reason="no PDF built: run nox -s pdf")


def pages(language):
    """Every page written from a source (the theme gives those a download menu; genindex and
    search have none)."""
    return sorted(
        p
        for p in site_of(language).glob("*.html")
        if "download-source-button" in p.read_text(encoding="utf-8")
    )


def served(language):
    return site_of(language) / "pdf" / "book.pdf"


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_site_serves_the_pdf_that_was_built(language):
    assert served(language).read_bytes() == (BUILT / language / "book.pdf").read_bytes()


def test_each_edition_serves_its_own_pdf():
    """The PDFs differ: the French pages do not link the English book."""
    books = [served(language).read_bytes() for language in LANGUAGES]
    assert len(set(books)) == len(books)


@pytest.mark.parametrize(
    ("language", "page"),
    [(language, page) for language in LANGUAGES for page in pages(language)],
    ids=lambda v: v if isinstance(v, str) else v.name,
)
def test_every_page_offers_the_pdf_and_the_link_resolves(language, page):
    text = page.read_text(encoding="utf-8")
    assert "download-book-pdf-button" in text, f"{page.name}: no PDF in the download menu"
    hrefs = re.findall(r'href="([^"]*pdf/book\.pdf)"', text)
    assert hrefs, f"{page.name} does not link the PDF"
    for href in hrefs:
        target = Path(urljoin(page.as_uri(), href).removeprefix("file://"))
        assert target == served(language), href


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_landing_page_links_the_pdf(language):
    landing = (site_of(language) / "index.html").read_text(encoding="utf-8")
    assert 'href="pdf/book.pdf">book.pdf</a>' in landing
