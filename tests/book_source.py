"""The book's MyST pages as the source tests read them: one reading of a page for all of them.

:func:`scan` walks a page once and says where each line stands: front matter, a fence that opens
or closes a block, the options or the code of a ``{code-cell}``, or text (prose, math, the body of
a directive, a plain code block). The tests of the exercises, of the code lines' width and of the
numbers typed by hand all read the pages through it, so they agree on what a code cell is.
"""

from __future__ import annotations

import re
from pathlib import Path

DOCS = Path(__file__).resolve().parents[1] / "docs"
#: Every page of the book, as a path: ``docs/*.md`` but ``print.md``, the PDF's root (its parts
#: and toctrees; no page of its own).
PAGES = sorted(p for p in DOCS.glob("*.md") if p.name != "print.md")

FENCE = re.compile(r"^(`{3,}|~{3,}|:{3,})(.*)$")
HIDDEN = re.compile(r"\b(remove-cell|remove-input)\b")


def scan(text):
    """``(line number, line, where, cell)`` for every line of a page.

    ``where`` is ``"front matter"``, ``"fence"``, ``"cell options"``, ``"cell"`` or ``"text"``;
    ``cell`` counts the page's code cells from 0 on their option and code lines, else is None.
    A fence with an info string (```` ```{code-cell} ````, ``:::{dropdown}``, ```` ```python ````)
    opens a block; a bare fence of the same marker closes the innermost one.

    >>> page = "---\\nk: 1\\n---\\nText.\\n```{code-cell} ipython3\\n:tags: [x]\\nx = 1\\n```\\n"
    >>> [(n, where, cell) for n, _, where, cell in scan(page)][2:]
    [(3, 'front matter', None), (4, 'text', None), (5, 'fence', None), (6, 'cell options', 0), \
(7, 'cell', 0), (8, 'fence', None)]
    """
    lines = text.splitlines()
    in_front_matter = bool(lines) and lines[0].strip() == "---"
    stack = []  # open fences: (marker, is a code cell)
    cell, options = -1, None  # options: None outside a cell's options, else how they are written
    for number, line in enumerate(lines, start=1):
        if in_front_matter:
            in_front_matter = number == 1 or line.strip() != "---"
            yield number, line, "front matter", None
            continue
        fence = FENCE.match(line.strip())
        if fence:
            marker, info = fence.groups()
            if stack and marker == stack[-1][0] and not info.strip():
                stack.pop()
                options = None
                yield number, line, "fence", None
                continue
            if info.strip():
                code_cell = info.strip().startswith("{code-cell}")
                stack.append((marker, code_cell))
                if code_cell:
                    cell, options = cell + 1, "start"
                yield number, line, "fence", None
                continue
        if not any(code_cell for _, code_cell in stack):
            yield number, line, "text", None
            continue
        if options == "start" and line.strip() == "---":
            options = "yaml"
        elif options == "yaml":
            options = "yaml end" if line.strip() == "---" else "yaml"
        elif options in ("start", "yaml end", "colon") and line.startswith(":"):
            options = "colon"
        else:
            options = None
        yield number, line, "cell options" if options else "cell", cell


def code_cells(text):
    """Each code cell of a page: ``(line number of its first code line, lines, hidden)``.

    ``hidden`` says the cell is not on the page (tagged ``remove-cell`` or ``remove-input``).
    """
    cells = {}
    for number, line, where, cell in scan(text):
        if cell is not None:
            first, code, options = cells.setdefault(cell, [None, [], []])
            if where == "cell options":
                options.append(line)
            else:
                cells[cell][0] = number if first is None else first
                code.append(line)
    return [
        (first, code, bool(HIDDEN.search("\n".join(options))))
        for first, code, options in cells.values()
    ]


def text_lines(text):
    """``(line number, line)`` of every line outside the front matter, the fences and code cells."""
    return [(number, line) for number, line, where, _ in scan(text) if where == "text"]


def sections(path):
    """The ``## `` sections of a page: ``(title, body)``."""
    parts = re.split(r"^## (.+)$", path.read_text(encoding="utf-8"), flags=re.MULTILINE)
    return list(zip(parts[1::2], parts[2::2], strict=True))
