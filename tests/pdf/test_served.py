"""The PDF as the site serves it: every page's download menu and the landing page link it, and
the link leads to the PDF that nox -s pdf built (run by that session after the site's rebuild)."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin

import pytest

DOCS = Path(__file__).parent.parent.parent / "docs"
SITE = DOCS / "_build" / "html"
SERVED = SITE / "pdf" / "book.pdf"
BUILT = DOCS / "_build" / "pdf" / "en" / "book.pdf"

pytestmark = pytest.mark.skipif(not SERVED.is_file(), reason="the site serves no PDF")

# Every page written from a source (the theme gives those a download menu; genindex and search
# have none).
PAGES = sorted(
    p for p in SITE.glob("*.html") if "download-source-button" in p.read_text(encoding="utf-8")
)


def test_the_site_serves_the_pdf_that_was_built():
    assert SERVED.read_bytes() == BUILT.read_bytes()


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_every_page_offers_the_pdf_and_the_link_resolves(page):
    text = page.read_text(encoding="utf-8")
    assert "download-book-pdf-button" in text, f"{page.name}: no PDF in the download menu"
    hrefs = re.findall(r'href="([^"]*pdf/book\.pdf)"', text)
    assert hrefs, f"{page.name} does not link the PDF"
    for href in hrefs:
        target = Path(urljoin(page.as_uri(), href).removeprefix("file://"))
        assert target == SERVED, href


def test_the_landing_page_links_the_pdf():
    assert 'href="pdf/book.pdf">book.pdf</a>' in (SITE / "index.html").read_text(encoding="utf-8")
