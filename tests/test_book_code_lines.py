"""Code on the book's pages fits the column: no line of a visible code cell is over 79 characters.

At 1280 px with both sidebars open the article column shows about 80 characters of code; a
longer line scrolls sideways (``nox -s site`` measures that in the browser, slowly). This reads
the pages' sources, fast. Cells tagged ``remove-cell`` or ``remove-input`` are not shown on the
page, so they are not held to the rule.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

DOCS = Path(__file__).resolve().parents[1] / "docs"
MAX_CHARS = 79
OPENING = re.compile(r"^(`{3,}|~{3,})\{code-cell\}")
HIDDEN = re.compile(r"\b(remove-cell|remove-input)\b")


def code_cells(text):
    """Each code cell of a MyST page: (line number of its first code line, lines, hidden)."""
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        opening = OPENING.match(lines[i])
        if not opening:
            i += 1
            continue
        fence = opening.group(1)
        end = next((j for j in range(i + 1, len(lines)) if lines[j].strip() == fence), len(lines))
        body, options = lines[i + 1 : end], []
        start = 0
        if body and body[0].strip() == "---":  # options as YAML between --- lines
            close = body.index("---", 1)
            options, start = body[1:close], close + 1
        while start < len(body) and body[start].startswith(":"):  # options as :key: value
            options.append(body[start])
            start += 1
        yield i + 2 + start, body[start:], bool(HIDDEN.search("\n".join(options)))
        i = end + 1


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


PAGES = sorted(DOCS.glob("*.md"))


def test_there_are_pages():
    assert len(PAGES) >= 10, PAGES


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.name)
def test_visible_code_lines_fit_the_column(path):
    found = long_lines(path.read_text(encoding="utf-8"))
    where = ", ".join(f"line {n} ({chars} characters)" for n, chars in found)
    assert not found, f"{path.name}: code lines over {MAX_CHARS} characters: {where}"
