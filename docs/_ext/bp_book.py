"""Two services the book needs from Sphinx, beyond MyST-NB.

1. **A notebook cache that is never stale.** jupyter-cache keys a page's outputs on the source of
   its cells, not on the code they import, so after an edit to ``bp/`` it would serve outputs that
   the new code no longer produces. Here the cache folder is named after a hash of the package's
   source files (``bp_cache_sources``), and that hash is a config value whose change makes Sphinx
   re-read every page: edit bp and every page is executed again; edit one page and only that page
   is; change nothing and nothing is. Cache folders of older hashes are deleted.

2. **Each page as a notebook a reader can run.** After the build, every executed page is written
   to ``_sources/<page>.ipynb`` with MyST-NB's ``glue`` replaced by one that prints, and the
   theme's download menu offers it: what the reader downloads runs in a fresh kernel with bp
   alone installed.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
from pathlib import Path

from sphinx.util import logging

logger = logging.getLogger(__name__)


def source_hash(paths):
    """SHA-256 over the relative path and bytes of every ``*.py`` file under ``paths``."""
    digest = hashlib.sha256()
    for root in map(Path, paths):
        for file in sorted(root.rglob("*.py")):
            digest.update(file.relative_to(root).as_posix().encode())
            digest.update(b"\0")
            digest.update(file.read_bytes())
            digest.update(b"\0")
    return digest.hexdigest()[:16]


def _key_the_cache(app, config):
    confdir = Path(app.confdir)
    sources = [confdir / p for p in config.bp_cache_sources]
    key = source_hash(sources)
    config.bp_cache_key = key  # a change of key re-reads every page (rebuild="env")
    root = os.environ.get("BP_NB_CACHE_ROOT") or config.bp_cache_root
    root = (confdir / root).resolve()
    config.nb_execution_cache_path = str(root / key)
    if root.is_dir():
        for old in root.iterdir():
            if old.is_dir() and old.name != key:
                shutil.rmtree(old, ignore_errors=True)
    logger.info(f"[bp_book] notebook cache keyed on bp source {key}")


def _offer_notebook(app, pagename, templatename, context, doctree):
    if app.builder.format == "html" and _executed(app, pagename).is_file():
        context["ipynb_source"] = pagename + ".ipynb"


def _executed(app, docname):
    return Path(app.outdir).parent / "jupyter_execute" / (docname + ".ipynb")


GLUE_IMPORT = re.compile(r"^[ \t]*from myst_nb import glue[ \t]*\n?", re.MULTILINE)
GLUE_STUB = """\
# In the book, glue() hands a computed value to the text around it; here it prints the value.
def glue(name, value, display=True):
    print(f"{name} = {value!r}")
"""


def reader_notebook(nb):
    """The notebook a reader downloads: runnable with bp alone, no MyST-NB.

    Hidden cells stay (a figure or a table needs what they compute), without their outputs;
    ``from myst_nb import glue`` is replaced by a first cell that defines a ``glue`` that prints.
    """
    nb = dict(nb)
    glued = False
    for cell in nb["cells"]:
        cell.get("metadata", {}).pop("execution", None)
        if cell["cell_type"] != "code":
            continue
        source = "".join(cell["source"])
        stripped = GLUE_IMPORT.sub("", source)
        if stripped != source:
            glued = True
            cell["source"] = stripped.strip("\n")
        if "remove-cell" in cell.get("metadata", {}).get("tags", []):
            cell["outputs"] = []
    if glued:
        stub = {"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": []}
        if nb.get("nbformat_minor", 0) >= 5:  # nbformat 4.5 and later: every cell has an id
            stub["id"] = "bp-glue-stub"
        nb["cells"] = [{**stub, "source": GLUE_STUB}, *nb["cells"]]
    return nb


def _write_notebooks(app, exc):
    if exc is not None or app.builder.format != "html":
        return
    for docname in sorted(app.env.found_docs):
        src = _executed(app, docname)
        if not src.is_file():
            continue
        nb = reader_notebook(json.loads(src.read_text(encoding="utf-8")))
        dest = Path(app.outdir) / "_sources" / (docname + ".ipynb")
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def setup(app):
    app.add_config_value("bp_cache_sources", [], "env", types=[list])
    app.add_config_value("bp_cache_root", "_build/.jupyter_cache", "", types=[str])
    app.add_config_value("bp_cache_key", "", "env", types=[str])
    app.connect("config-inited", _key_the_cache)
    # before sphinx-book-theme builds its download menu (priority 501)
    app.connect("html-page-context", _offer_notebook, priority=500)
    app.connect("build-finished", _write_notebooks)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
