"""The copy-paste promise, and the downloadable notebooks.

* The code cells a reader sees on a page, pasted in order into a fresh Python with bp installed,
  run. Cells tagged ``raises-exception`` are shown failing on purpose and are skipped; cells
  tagged ``remove-cell`` or ``remove-input`` are not on the page, so a visible cell may not depend
  on them.
* Every page's ``.ipynb`` offered for download runs top to bottom in a fresh kernel.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from built_site import ROOT, SITE, book_pages

EXECUTED = SITE.parent / "jupyter_execute"
HIDDEN = {"remove-cell", "remove-input"}
PAGES = [p.removesuffix(".html") for p in book_pages()]


def visible_cells(notebook):
    for cell in notebook["cells"]:
        tags = set(cell.get("metadata", {}).get("tags", []))
        if cell["cell_type"] != "code" or tags & HIDDEN or "raises-exception" in tags:
            continue
        source = "".join(cell["source"])
        yield source


RUNNER = """
import sys, traceback
cells = {cells!r}
namespace = {{"__name__": "__main__"}}
for i, source in enumerate(cells):
    try:
        exec(compile(source, f"<cell {{i + 1}}>", "exec"), namespace)
    except Exception:
        print(f"--- visible cell {{i + 1}} failed:\\n{{source}}", file=sys.stderr)
        traceback.print_exc()
        sys.exit(1)
"""


@pytest.mark.parametrize("page", PAGES)
def test_visible_cells_run_when_pasted(page, tmp_path):
    notebook = json.loads((EXECUTED / f"{page}.ipynb").read_text(encoding="utf-8"))
    cells = list(visible_cells(notebook))
    if not cells:
        pytest.skip(f"{page} shows no code")
    env = {**os.environ, "MPLBACKEND": "Agg"}
    result = subprocess.run(
        [sys.executable, "-c", RUNNER.format(cells=cells)],
        check=False,
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert result.returncode == 0, result.stderr[-4000:]


@pytest.mark.parametrize("page", PAGES)
def test_downloaded_notebook_runs_in_a_fresh_kernel(page, tmp_path):
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    path = SITE / "_sources" / f"{page}.ipynb"
    assert path.exists(), f"{page} offers no notebook download"
    notebook = nbformat.read(path, as_version=4)
    assert "myst_nb" not in path.read_text(encoding="utf-8"), "the notebook needs MyST-NB"
    client = nbclient.NotebookClient(
        notebook, kernel_name="python3", timeout=900, resources={"metadata": {"path": tmp_path}}
    )
    client.execute()  # raises CellExecutionError, naming the cell, on failure


def test_pages_are_notebooks():
    assert PAGES, f"no pages found; build the book first (site: {SITE}, repo: {ROOT})"


@pytest.mark.parametrize("page", PAGES)
def test_downloaded_notebook_reads_like_the_page(page):
    """Numbers where the page shows numbers, solutions folded, the page's hidden code folded."""
    notebook = json.loads((SITE / "_sources" / f"{page}.ipynb").read_text(encoding="utf-8"))
    markdown = "\n".join(
        "".join(c["source"]) for c in notebook["cells"] if c["cell_type"] == "markdown"
    )
    for raw in ("{glue", "{ref}", "{doc}", "{numref}", ":::{", "```{"):
        assert raw not in markdown, f"{page}: raw MyST {raw!r} in the notebook's markdown"
    assert markdown.count("<details>") == markdown.count("</details>")
    page_source = (ROOT / "docs" / f"{page}.md").read_text(encoding="utf-8")
    assert markdown.count("<details><summary>Solution") == page_source.count("{dropdown} Solution")
    for cell in notebook["cells"]:
        tags = set(cell.get("metadata", {}).get("tags", []))
        if cell["cell_type"] == "code" and tags & {"remove-cell", "hide-cell", "remove-input"}:
            assert cell["metadata"]["jupyter"]["source_hidden"] is True, cell["source"]
