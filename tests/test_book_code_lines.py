"""Code on the book's pages fits the column: no line of a visible code cell is over 79 characters.

At 1280 px with both sidebars open the article column shows about 80 characters of code; a
longer line scrolls sideways (``nox -s site`` measures that in the browser, slowly). This reads
the pages' sources, fast. Cells tagged ``remove-cell`` or ``remove-input`` are not shown on the
page, so they are not held to the rule.
"""

from __future__ import annotations

import pytest
from book_source import PAGES, code_cells

MAX_CHARS = 79


def long_lines(text):
    return [
        (first + k, len(line))
        for first, body, hidden in code_cells(text)
        if not hidden
        for k, line in enumerate(body)
        if len(line) > MAX_CHARS
    ]


def test_the_rule_finds_long_lines_in_visible_cells_only():
    text = (
        "# Page\n\n```{code-cell} ipython3\nshort = 1\n" + "x" * 80 + "\n```\n\n"
        "```{code-cell} ipython3\n:tags: [remove-cell]\n" + "y" * 90 + "\n```\n\n"
        "```{code-cell} ipython3\n---\ntags: [hide-input]\n---\n" + "z" * 81 + "\n```\n"
    )
    assert long_lines(text) == [(5, 80), (17, 81)]


def test_there_are_pages():
    assert len(PAGES) >= 10, PAGES


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.name)
def test_visible_code_lines_fit_the_column(path):
    found = long_lines(path.read_text(encoding="utf-8"))
    where = ", ".join(f"line {n} ({chars} characters)" for n, chars in found)
    assert not found, f"{path.name}: code lines over {MAX_CHARS} characters: {where}"
