"""No broken internal link or anchor in the built HTML, and no resource from another host.

Sphinx's own checks (``-n -W``) cover cross-references it knows about; this reads what it wrote,
including the theme's navigation, download links and figures.
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from built_site import SITE, site_pages, translations, unprefixed

EXTERNAL = ("http:", "https:", "mailto:", "data:", "javascript:", "//")


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids, self.links, self.resources = set(), [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for key in ("id", "name") if tag == "a" else ("id",):
            if attrs.get(key):
                self.ids.add(attrs[key])
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        if tag in ("link", "script", "img", "source", "iframe"):
            url = attrs.get("href") or attrs.get("src")
            if url:
                self.links.append(url)
                self.resources.append(url)


def parse(path: Path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def test_internal_links_and_anchors_resolve():
    pages = site_pages()
    assert pages, "build the book first: nox -s docs"
    parsed = {p: parse(SITE / p) for p in pages}
    broken = []
    for page, links in parsed.items():
        here = (SITE / page).parent
        for href in links.links:
            if href.startswith(EXTERNAL):
                continue
            parts = urlsplit(href)
            target = (here / unquote(parts.path)).resolve() if parts.path else SITE / page
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{page}: {href} (no file {target})")
                continue
            # A fragment with "=" is a page's state (the explorer's options), not an anchor.
            if parts.fragment and "=" not in parts.fragment and target.suffix == ".html":
                rel = target.relative_to(SITE).as_posix()
                ids = parsed[rel].ids if rel in parsed else parse(target).ids
                if unquote(parts.fragment) not in ids:
                    broken.append(f"{page}: {href} (no anchor #{parts.fragment} in {rel})")
    assert not broken, f"{len(broken)} broken links:\n" + "\n".join(broken[:40])


def test_no_resource_from_another_host():
    foreign = [
        f"{page}: {url}"
        for page in site_pages()
        for url in parse(SITE / page).resources
        if url.startswith(("http:", "https:", "//"))
    ]
    assert not foreign, "\n".join(foreign)


def test_the_pdf_is_offered_exactly_when_the_site_serves_it():
    """Built with nox -s pdf, each edition of the site (the root, fr/) serves its PDF at
    pdf/book.pdf of its folder and every page's download menu offers that one (the link
    resolves: test_internal_links_and_anchors_resolve); built without TeX, no page links a PDF
    that is not there. The figure pack is linked from the landing page either way."""
    for language in ["", *translations()]:
        root = SITE / language if language else SITE
        # the pages written from a source: those the theme gives a download menu
        pages = [
            p
            for p in site_pages()
            if p.count("/") == (1 if language else 0)
            and (not language or p.startswith(f"{language}/"))
            and unprefixed(p) not in ("genindex.html", "search.html")
        ]
        assert pages, "build the book first: nox -s docs"
        served = (root / "pdf" / "book.pdf").is_file()
        for page in pages:
            own = (SITE / page).parent / "pdf" / "book.pdf"
            links = [h for h in parse(SITE / page).links if h.endswith("pdf/book.pdf")]
            assert bool(links) == served, f"{page}: PDF served {served}, links {links}"
            # its own edition's PDF (fr/ pages link fr/pdf/book.pdf)
            assert all(((SITE / page).parent / h).resolve() == own.resolve() for h in links)
        landing = parse(root / "index.html").links
        assert any(h.startswith("figures/") and h.endswith(".zip") for h in landing)


def test_every_named_figure_is_in_the_figure_pack_by_its_name():
    """figures/<label without fig->.svg is the very SVG the page shows, and the pack (a zip,
    linked from the landing page) holds it with a README that says how to credit it. A
    translation (fr/) has its own pack: its figures are drawn in its language."""
    import re
    import zipfile

    found = 0
    for language in ["", *translations()]:
        root = SITE / language if language else SITE
        (pack,) = (root / "figures").glob("*.zip")
        names = set(zipfile.ZipFile(pack).namelist())
        assert "figures/README.txt" in names
        text = zipfile.ZipFile(pack).read("figures/README.txt").decode()
        assert "CC BY 4.0" in text
        pages = [p for p in site_pages() if (unprefixed(p) == p) == (not language)]
        pages = [p for p in pages if not language or p.startswith(f"{language}/")]
        for page in pages:
            html = (SITE / page).read_text(encoding="utf-8")
            for label, src in re.findall(
                r'<figure[^>]*id="fig-([^"]+)"[^>]*>\s*<img[^>]*src="([^"]+\.svg)"', html
            ):
                found += 1
                shown = (SITE / page).parent / src
                assert (root / "figures" / f"{label}.svg").read_bytes() == shown.read_bytes()
                assert f"figures/{label}.svg" in names
    assert found >= 10, found
