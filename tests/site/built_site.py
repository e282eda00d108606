"""The built site and what the browser tests share: where it is, its pages, the weight table.

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
        if not p.relative_to(SITE).parts[0].startswith("_static")
    )


def book_pages():
    """The pages written as executable notebooks: ``docs/*.md`` with a kernelspec."""
    return [
        p
        for p in site_pages()
        if (md := ROOT / "docs" / p.replace(".html", ".md")).exists()
        and "kernelspec:" in md.read_text(encoding="utf-8").split("\n---", 1)[0]
    ]
