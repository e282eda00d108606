"""Four services the book needs from Sphinx, beyond MyST-NB.

1. **A notebook cache that is never stale.** jupyter-cache keys a page's outputs on the source of
   its cells, not on the code they import, so after an edit to ``bp/`` it would serve outputs that
   the new code no longer produces. Here the cache folder is named after a hash of the package's
   source files (``bp_cache_sources``), and that hash is a config value whose change makes Sphinx
   re-read every page: edit bp and every page is executed again; edit one page and only that page
   is; change nothing and nothing is. Cache folders of older hashes are deleted. The folders live
   under ``bp_cache_root`` (relative to ``docs/``), or under ``$BP_NB_CACHE_ROOT`` when that is
   set (the environment wins, so a cache can be kept outside ``_build`` without editing conf.py).

2. **Each page as a notebook a reader can run.** After the build, every executed page is written
   to ``_sources/<page>.ipynb`` with MyST-NB's ``glue`` replaced by one that prints, and the
   theme's download menu offers it: what the reader downloads runs in a fresh kernel with bp
   alone installed. Its first cell is the (commented) command that installs bp.

3. **bp installable from the site.** Each build makes a wheel of bp (the distribution is
   ``backprop-computed``; ``bp`` on PyPI is another project) with the project's own build backend
   and publishes it in ``wheels/`` beside the pages. The ``bp-install`` directive shows the pip
   command that installs it, with the extras a page's code needs; pages whose visible code needs
   an extra (matplotlib, scikit-learn) get that command in a note under their title without
   asking. The URL in the command is ``bp_site_url`` (the hosted site's address) or, for a local
   build, the output folder's ``file://`` address; on the page, ``_static/bp-install.js`` points
   it at wherever the page was actually opened from.

4. **The explorer's data from bp.** After each HTML build, ``_static/bp-data.js`` is written from
   ``bp.cli.page_data()`` (the options of ``python -m bp trace``, the worked example's defaults and
   wiring, the names and order of its quantities, the slip catalogue): the explorer's JavaScript
   holds only arithmetic, and a change to bp reaches the page with the next build.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import tomllib
from functools import partial
from pathlib import Path
from typing import ClassVar

from bp_i18n import (
    N_,
    decimal_separator,
    figure_outputs,
    is_translation,
    localized_number_text,
    markdown_translator,
    translated_page_script,
    ui,
    ui_messages,
)
from bp_notebook import fold_hidden_code, glued_values, reader_markdown
from docutils import nodes
from sphinx.errors import ExtensionError
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

logger = logging.getLogger(__name__)


def source_hash(paths, pattern="*.py"):
    """SHA-256 over the relative path and bytes of every ``pattern`` file under ``paths`` (a
    path that is a file counts as itself)."""
    digest = hashlib.sha256()
    for root in map(Path, paths):
        files = [root] if root.is_file() else sorted(root.rglob(pattern))
        for file in (f for f in files if f.is_file() and "__pycache__" not in f.parts):
            digest.update(
                file.relative_to(root.parent if root.is_file() else root).as_posix().encode()
            )
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
    if pagename in app.env.all_docs:
        app.bp_pages_changed = True
    if app.builder.format == "html" and _executed(app, pagename).is_file():
        context["ipynb_source"] = pagename + ".ipynb"


def _note_pages_to_read(app, env, docnames):
    # A build that reads no page and writes none changes no downloadable notebook: a rebuild
    # with no change skips rewriting them (with parallel writes, pages are written elsewhere).
    app.bp_pages_changed = bool(docnames) or app.parallel > 1


def _executed(app, docname):
    return Path(app.env.mystnb_config.output_folder) / (docname + ".ipynb")


#: The tag of a cell that reads the book's own sources: run by the build, not in a reader's notebook.
BUILD_ONLY = "build-only"

GLUE_IMPORT = re.compile(r"^[ \t]*from myst_nb import glue[ \t]*\n?", re.MULTILINE)
GLUE_STUB = N_("""\
# In the book, glue() hands a computed value to the text around it; here it prints the value.
def glue(name, value, display=True):
    print(f"{name} = {value!r}")
""")


def reader_notebook(
    nb,
    install=None,
    resolve=None,
    site_known=True,
    glued=None,
    translate=None,
    localize=None,
    words=None,
):
    """The notebook a reader downloads: runnable with bp alone, no MyST-NB, read like the page.

    Hidden cells stay (a figure or a table needs what they compute), without their outputs and
    folded, but those tagged ``build-only`` (they read the book's own sources, which a reader's
    notebook does not have) are left out; ``from myst_nb import glue`` is replaced by a first cell that defines a ``glue`` that
    prints. The markdown shows the glued numbers, solutions folded and cross-references as text
    (:func:`bp_notebook.reader_markdown`, with ``resolve`` for the references, and ``glued``,
    name -> data by mime type, for the values, else those of ``nb``'s outputs). ``install``, a
    function of the set of extras, gives the pip command of the first cell, a comment: the
    notebook runs as it is where bp is installed, and says how to install it; when the site's
    address is not known (``site_known`` False), the command names ``SITE`` and the cell says
    what to put there. ``translate`` puts a markdown cell's text in the page's language (before
    the rest), ``localize`` writes a glued number as that language's prose does, ``words`` puts
    the notebook's own comments (the install and glue cells) in that language.
    """
    words = words or (lambda text: text)
    nb = dict(nb)
    values = glued_values(nb) if glued is None else glued
    nb["cells"] = [
        c for c in nb["cells"] if BUILD_ONLY not in c.get("metadata", {}).get("tags", [])
    ]
    code = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code")
    glued = False
    for cell in nb["cells"]:
        cell.get("metadata", {}).pop("execution", None)
        if cell["cell_type"] == "markdown":
            everything = install(sorted(EXTRAS)) if install else None
            text = "".join(cell["source"])
            text = translate(text) if translate else text
            cell["source"] = reader_markdown(text, values, resolve, everything, localize)
        if cell["cell_type"] != "code":
            continue
        fold_hidden_code(cell)
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
        nb["cells"] = [{**stub, "source": words(GLUE_STUB)}, *nb["cells"]]
    if install is not None:
        cell = {"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": []}
        if nb.get("nbformat_minor", 0) >= 5:
            cell["id"] = "bp-install"
        template = words(INSTALL_CELL if site_known else INSTALL_CELL_ANYWHERE)
        source = template.format(command=install(extras_needed(code)))
        nb["cells"] = [{**cell, "source": source}, *nb["cells"]]
    return nb


INSTALL_CELL = N_("""\
# This notebook needs bp. To install it, run this cell without the "#" (once):
# %{command}
""")
INSTALL_CELL_ANYWHERE = N_("""\
# This notebook needs bp. Its wheel is on the site this notebook came from, in the site's
# wheels/ folder. Replace SITE below with that site's address (this notebook's own address
# up to /_sources/), then run this cell without the "#" (once):
# %{command}
""")


def _write_notebooks(app, exc):
    if exc is not None or app.builder.format != "html":
        return
    written = Path(app.outdir) / "_sources"
    if not getattr(app, "bp_pages_changed", True) and all(
        (written / (d + ".ipynb")).is_file()
        for d in app.env.found_docs
        if _executed(app, d).is_file()
    ):
        return
    for docname in sorted(app.env.found_docs):
        src = _executed(app, docname)
        if not src.is_file():
            continue
        nb = _with_cached_outputs(app, json.loads(src.read_text(encoding="utf-8")))
        nb = figure_outputs(nb, app.config.language if is_translation(app.config) else None)
        glue_file = src.with_name(docname.rsplit("/", 1)[-1] + ".glue.json")
        glued = json.loads(glue_file.read_text(encoding="utf-8")) if glue_file.is_file() else {}
        site_known = bool(app.config.bp_site_url)
        nb = reader_notebook(
            nb,
            glued={name: output["data"] for name, output in glued.items()},
            install=partial(install_command, app, anywhere=not site_known),
            resolve=partial(_reference_text, app, docname),
            site_known=site_known,
            translate=markdown_translator(app, docname),
            localize=partial(localized_number_text, language=app.config.language or "en"),
            words=partial(ui, app),
        )
        dest = Path(app.outdir) / "_sources" / (docname + ".ipynb")
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def _with_cached_outputs(app, nb):
    """``nb`` with its outputs: MyST-NB writes a page served from its cache without them."""
    if any(cell.get("outputs") for cell in nb["cells"]):
        return nb
    import nbformat
    from jupyter_cache import get_cache

    try:
        _, merged = get_cache(app.config.nb_execution_cache_path).merge_match_into_notebook(
            nbformat.from_dict(nb)
        )
    except KeyError:  # not in the cache: a page without code, or executed outside it
        return nb
    return json.loads(nbformat.writes(merged))


def _reference_text(app, docname, role, target):
    """The text a cross-reference shows on the page: a section's title, "Fig. 3", a page's title."""
    env, target = app.env, target.lstrip("~")
    std = env.get_domain("std")
    if role == "doc":
        name = target if target.startswith("/") else str(Path(docname).parent / target)
        title = env.titles.get(name.lstrip("/").removeprefix("./"))
        return title.astext() if title is not None else None
    if role == "ref" and target in std.labels:
        return std.labels[target][2]
    if role == "numref" and target in std.anonlabels:
        where, node_id = std.anonlabels[target]
        for kind, numbers in env.toc_fignumbers.get(where, {}).items():
            if node_id in numbers:
                name = {"figure": "Fig.", "table": "Table", "code-block": "Listing"}.get(kind, "")
                return f"{name} {'.'.join(map(str, numbers[node_id]))}"
    return None


# --- bp installable from the site -------------------------------------------------------------
# Which optional dependencies (extras of the distribution) a piece of code needs.
EXTRAS = {
    "plot": re.compile(r"\bmatplotlib\b|\bbp\.plotting\b|\bfrom bp import\b.*\bplotting\b"),
    "data": re.compile(r"\bsklearn\b|\bbp\.data\b|\bfrom bp import\b.*\bdata\b"),
}


def extras_needed(code):
    r"""The extras (``plot``, ``data``) that ``code`` needs, as a sorted list.

    >>> extras_needed("import bp.plotting\nX, y = bp.data.digits()")
    ['data', 'plot']
    >>> extras_needed("import bp")
    []
    """
    return sorted(name for name, pattern in EXTRAS.items() if pattern.search(code))


def _project(app):
    root = (Path(app.confdir) / app.config.bp_wheel_project).resolve()
    return root, tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))


def _build_wheel(app):
    """Build bp's wheel with the project's build backend into ``<html>/wheels/``."""
    app.bp_wheel = None
    if app.builder.format != "html":
        return
    root, pyproject = _project(app)
    app.bp_dist = pyproject["project"]["name"]
    backend = pyproject["build-system"]["build-backend"]
    dest = _site(app) / "wheels"
    # What the wheel is made of; the same as last time: the wheel of last time (no rebuild).
    made_of = [root / "bp", *(root / name for name in ("pyproject.toml", "README.md", "LICENSE"))]
    key, stamp = source_hash(made_of, "*"), Path(app.doctreedir) / "bp-wheel.txt"
    last = stamp.read_text(encoding="utf-8").split() if stamp.is_file() else []
    if len(last) == 2 and last[0] == key and (dest / last[1]).is_file():
        app.bp_wheel = last[1]
        return
    with tempfile.TemporaryDirectory() as tmp:
        result = subprocess.run(
            [sys.executable, "-c", BUILD_WHEEL, backend, tmp],
            cwd=root,
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode != 0:
            raise ExtensionError(f"[bp_book] building the wheel failed:\n{result.stderr}")
        name = result.stdout.strip().splitlines()[-1]
        dest.mkdir(parents=True, exist_ok=True)
        for old in dest.glob("*.whl"):
            old.unlink()
        shutil.copyfile(Path(tmp) / name, dest / name)
    app.bp_wheel = name
    stamp.parent.mkdir(parents=True, exist_ok=True)
    stamp.write_text(f"{key} {name}\n", encoding="utf-8")
    logger.info(f"[bp_book] wheel for readers: wheels/{name}")


BUILD_WHEEL = (
    "import importlib, sys; print(importlib.import_module(sys.argv[1]).build_wheel(sys.argv[2]))"
)


def _site(app):
    """The site's root folder: the output folder, or above it for a translation (``fr/``)."""
    return (Path(app.outdir) / app.config.bp_site_root).resolve()


def wheel_url(app):
    """Where readers get the wheel: under ``bp_site_url``, else in the local output folder."""
    base = app.config.bp_site_url or _site(app).as_uri()
    return f"{base.rstrip('/')}/wheels/{app.bp_wheel}"


def install_command(app, extras=(), anywhere=False):
    """The pip command that installs bp with ``extras`` from this site's wheel.

    ``anywhere``: for a file that leaves the build machine (a downloaded notebook) of a site
    whose address is not known, the address is ``SITE``, never the build machine's folder.
    """
    extras = f"[{','.join(sorted(extras))}]" if extras else ""
    url = f"SITE/wheels/{app.bp_wheel}" if anywhere else wheel_url(app)
    return f'pip install "{app.bp_dist}{extras} @ {url}"'


class bp_install(nodes.General, nodes.Element):
    """Where the install command goes; replaced once the wheel's address is known."""


def _extras_option(argument):
    return [e.strip() for e in (argument or "").split(",") if e.strip()]


class InstallDirective(SphinxDirective):
    """``bp-install``: the command that installs bp; ``:extras:`` defaults to all of them."""

    has_content = False
    option_spec: ClassVar = {"extras": _extras_option}

    def run(self):
        extras = self.options.get("extras", sorted(EXTRAS))
        unknown = set(extras) - set(EXTRAS)
        if unknown:
            raise self.error(
                f"bp-install: unknown extras {sorted(unknown)}; known: {sorted(EXTRAS)}"
            )
        return [bp_install(extras=extras, note=False)]


def _add_install_note(app, doctree):
    """Under the title of a page whose visible code needs an extra: how to install bp for it."""
    if any(True for _ in doctree.findall(bp_install)):
        return
    code = "\n".join(
        block.astext()
        for cell in doctree.findall(nodes.container)
        if cell.get("nb_element") == "cell_code_source"
        for block in cell.findall(nodes.literal_block)
    )
    extras = extras_needed(code)
    section = next(iter(doctree.findall(nodes.section)), None)
    if not extras or section is None:
        return
    title = next(iter(section.findall(nodes.title)))
    section.insert(section.index(title) + 1, bp_install(extras=extras, note=True))


def _render_install(app, doctree, docname):
    for node in list(doctree.findall(bp_install)):
        if app.builder.format != "html" or not app.bp_wheel:
            node.parent.remove(node)
            continue
        command = install_command(app, node["extras"])
        block = nodes.literal_block(command, command, language="none")
        needs = {"plot": "matplotlib", "data": "scikit-learn"}
        if node["note"]:
            what = ui(app, " and ").join(needs[e] for e in node["extras"])
            title = nodes.title(text=ui(app, "To run this page's code"))
            if len(node["extras"]) > 1:
                text = ui(app, "It needs {what}; this installs bp with them in your Python:")
            else:
                text = ui(app, "It needs {what}; this installs bp with it in your Python:")
            text = text.format(what=what)
            box = nodes.admonition(
                "", title, nodes.paragraph(text=text), block, classes=["note", "bp-install"]
            )
        else:
            text = ui(app, "Install bp, with everything the book's code uses, in your Python:")
            root = app.config.bp_site_root.strip("/")
            href = (
                "../" * docname.count("/") + (root + "/" if root else "") + f"wheels/{app.bp_wheel}"
            )
            link = nodes.reference(app.bp_wheel, app.bp_wheel, refuri=href, internal=True)
            wheel = nodes.paragraph("", ui(app, "The wheel itself: "), link, nodes.Text("."))
            box = nodes.container(
                "", nodes.paragraph(text=text), block, wheel, classes=["bp-install"]
            )
        node.replace_self(box)


class ReadsPagesDirective(SphinxDirective):
    """``bp-reads-pages``: this page's code reads the other pages' sources (``docs/*.md``), so it
    is read again, and executed again, whenever one of them changes. Shows nothing.

    The page also sets ``mystnb: execution_mode: force`` in its front matter: the notebook cache
    matches a page by its own code alone, which does not change when the pages it reads do.
    """

    has_content = False

    def run(self):
        here = Path(self.env.doc2path(self.env.docname)).resolve()
        for page in sorted(Path(self.env.srcdir).glob("*.md")):
            if page.resolve() != here:
                self.env.note_dependency(str(page))
        return []


def _write_page_data(app, exc):
    """``_static/bp-data.js`` in the output: the explorer's data, from bp (a classic script).

    Written by a fresh Python: in this process autodoc (``autodoc_preserve_defaults``) has
    replaced the default values of bp's functions, which the data reads.
    """
    if exc is not None or app.builder.format != "html":
        return
    result = subprocess.run(
        [sys.executable, "-c", PAGE_SCRIPT],
        capture_output=True,
        encoding="utf-8",
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        check=False,
    )
    if result.returncode != 0:
        raise ExtensionError(f"[bp_book] writing the explorer's data failed:\n{result.stderr}")
    script = result.stdout
    config = getattr(app, "config", None)
    if config is not None and is_translation(config):
        script = translated_page_script(script, ui_messages(config), decimal_separator(config))
    dest = Path(app.outdir) / "_static" / "bp-data.js"
    dest.parent.mkdir(parents=True, exist_ok=True)
    dest.write_text(script, encoding="utf-8")


PAGE_SCRIPT = "import sys, bp.cli; sys.stdout.write(bp.cli.page_script())"


def setup(app):
    app.add_config_value("bp_wheel_project", "..", "", types=[str])
    app.add_config_value("bp_site_url", "", "html", types=[str])
    # The site's root relative to this build's output ("" or, for a translation, ".."): the
    # wheel is published there once for every language.
    app.add_config_value("bp_site_root", "", "html", types=[str])
    app.add_node(bp_install)
    app.add_directive("bp-install", InstallDirective)
    app.add_directive("bp-reads-pages", ReadsPagesDirective)
    app.connect("builder-inited", _build_wheel)
    app.connect("doctree-read", _add_install_note)
    app.connect("doctree-resolved", _render_install)
    app.add_config_value("bp_cache_sources", [], "env", types=[list])
    app.add_config_value("bp_cache_root", "_build/.jupyter_cache", "", types=[str])
    app.add_config_value("bp_cache_key", "", "env", types=[str])
    app.connect("config-inited", _key_the_cache)
    # before sphinx-book-theme builds its download menu (priority 501)
    app.connect("html-page-context", _offer_notebook, priority=500)
    app.connect("env-before-read-docs", _note_pages_to_read)
    app.connect("build-finished", _write_notebooks)
    app.connect("build-finished", _write_page_data)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
