"""A downloaded notebook reads like its page: numbers shown, solutions folded, install named.

These test the conversion itself on small notebooks, fast; ``tests/site/test_notebooks.py``
checks the real downloads of a built site.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

pytest.importorskip("myst_nb", reason="the notebook conversion uses MyST-NB's formatting")
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "docs" / "_ext"))

from bp_book import reader_notebook
from bp_notebook import reader_markdown


def glue_output(name, text, shown=True):
    prefix = "" if shown else "application/papermill.record/"
    return {
        "output_type": "display_data",
        "data": {prefix + "text/plain": [text]},
        "metadata": {"scrapbook": {"name": name, "mime_prefix": prefix}},
    }


def notebook(*cells):
    return {"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": list(cells)}


def code(source, tags=(), outputs=()):
    return {
        "cell_type": "code",
        "source": source,
        "metadata": {"tags": list(tags)},
        "outputs": list(outputs),
        "execution_count": 1,
    }


def markdown(source):
    return {"cell_type": "markdown", "source": source, "metadata": {}}


def install(extras):
    return f'pip install "dist[{",".join(extras)}] @ SITE/wheels/d.whl"'


def test_a_glued_number_is_shown_formatted_as_on_the_page():
    nb = notebook(
        code("glue('E', 0.298371109)", ["remove-cell"], [glue_output("E", "0.298371109")]),
        code(
            "glue('n', 23860, display=False)", ["remove-cell"], [glue_output("n", "23860", False)]
        ),
        markdown("The error is {glue:text}`E:.4f` over {glue:text}`n:,d` weights."),
    )
    text = reader_notebook(nb)["cells"][-1]["source"]
    assert text == "The error is 0.2984 over 23,860 weights."


def test_a_glue_the_page_never_computed_fails_loudly():
    with pytest.raises(KeyError, match="'w5_new'"):
        reader_markdown("w5 = {glue:text}`w5_new:.6f`", {})


def test_a_solution_is_folded_and_its_checks_hidden():
    nb = notebook(
        markdown("**1.** Which way?\n\n:::{dropdown} Solution\nDown, by $0.1$.\n:::"),
        code("assert 1 + 1 == 2", ["hide-cell"]),
        code("print('shown')"),
    )
    cells = reader_notebook(nb)["cells"]
    assert cells[0]["source"] == (
        "**1.** Which way?\n\n<details><summary>Solution</summary>\n\nDown, by $0.1$.\n\n</details>"
    )
    assert cells[1]["metadata"]["jupyter"]["source_hidden"] is True
    assert "jupyter" not in cells[2]["metadata"]


def test_admonitions_labels_and_references_read_as_text():
    md = (
        "(sec-x)=\n## Going further\n\n"
        "```{admonition} Going further: rounding\n:class: dropdown\n"
        "See {ref}`sec-y`, {func}`~bp.gradcheck.numerical_gradient` and {ref}`this <sec-z>`.\n"
        "```\n\n```python\n{ref}`kept` in code\n```"
    )
    titles = {("ref", "sec-y"): "The chain rule"}
    out = reader_markdown(md, {}, lambda role, target: titles.get((role, target)))
    assert out == (
        "## Going further\n\n> **Going further: rounding**\n> \n"
        "> See The chain rule, `numerical_gradient` and this.\n\n"
        "```python\n{ref}`kept` in code\n```"
    )


def test_the_install_line_names_no_path_of_the_build_machine():
    nb = notebook(code("import bp.data\nprint(1)"))
    first = reader_notebook(nb, install=install, site_known=False)["cells"][0]["source"]
    assert '# %pip install "dist[data] @ SITE/wheels/d.whl"' in first
    assert "Replace SITE" in first
    assert "file:" not in first


def test_a_build_only_cell_is_left_out_and_the_glue_stub_with_it():
    # A cell that reads the book's own pages cannot run where the notebook is downloaded.
    nb = notebook(
        markdown("About {glue:text}`n` pages."),
        code(
            "from myst_nb import glue\nglue('n', len(open('index.md').read()))",
            tags=["remove-cell", "build-only"],
            outputs=[glue_output("n", "8", shown=False)],
        ),
    )
    out = reader_notebook(nb)
    assert [c["cell_type"] for c in out["cells"]] == ["markdown"]
    assert "".join(out["cells"][0]["source"]) == "About 8 pages."
