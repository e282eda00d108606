"""No number with three or more decimals is typed by hand anywhere in the book.

Numbers in prose, math, tables and plain code fences must come from executed code (glue, or a
table or formula printed by a cell). Only the source of ``{code-cell}`` blocks, which is executed,
may hold literals.
"""

from __future__ import annotations

import re
import textwrap

import pytest
from book_source import PAGES, text_lines

TYPED_NUMBER = re.compile(r"\d\.\d{3,}")


def hand_typed_numbers(text):
    """``(line number, line)`` of every line outside code cells that holds a typed number."""
    return [(n, line.strip()) for n, line in text_lines(text) if TYPED_NUMBER.search(line)]


def test_the_scanner_catches_typed_numbers_and_skips_code_cells():
    text = textwrap.dedent(
        """\
        ---
        kernelspec: {version: 1.2345}
        ---
        The output is 0.5933, glued as {glue:text}`out:.4f`.
        ```{code-cell} ipython3
        w = 0.12345  # executed code may hold literals
        ```
        $$ net = 0.3775 $$
        ```text
        E_total 0.298371109
        ```
        Two decimals such as 0.25 and versions such as 9.0.4 are fine.
        """
    )
    assert [n for n, _ in hand_typed_numbers(text)] == [4, 8, 10]


def test_the_book_has_pages():
    assert len(PAGES) >= 10


@pytest.mark.parametrize("page", PAGES, ids=[p.name for p in PAGES])
def test_no_hand_typed_numbers(page):
    found = hand_typed_numbers(page.read_text(encoding="utf-8"))
    assert not found, f"{page.name}: numbers typed by hand (glue them): " + "; ".join(
        f"line {n}: {line}" for n, line in found
    )
