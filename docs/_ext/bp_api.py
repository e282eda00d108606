"""How the API page (``api.md``) shows bp: autodoc's hooks for what bp's docstrings leave out.

1. **Named tuples without their field stubs.** A ``NamedTuple`` field's only docstring is
   "Alias for field number N"; the class's own docstring documents its fields (its Attributes
   section), so the stubs are skipped.
2. **Re-exported constants with their doc comments.** autodoc reads a constant's ``#:`` comment
   only in the module that defines it, and ``:members:`` documents only the constants defined in
   the module it documents: the constants that ``bp.example`` and ``bp.plotting`` re-export would
   be left out. Their comments stay where the constants are defined; this finds them there and
   adds an ``autodata`` entry for each to the package's section.
3. **A valid index of the highlighted source.** viewcode's ``_modules/index`` page nests a
   package's modules as a ``<ul>`` directly inside the package's ``<ul>`` (invalid HTML, which
   axe-core reports as serious) as soon as the package itself has source to show, as ``bp`` does
   (``bp.install_command``). The list is rebuilt from its own entries with each nested list
   inside its parent's ``<li>``.
"""

from __future__ import annotations

import functools
import importlib
import pkgutil
import re

from sphinx.pycode import ModuleAnalyzer

#: The packages whose re-exported constants the API page documents on the package's entry.
PACKAGES = ("bp.example", "bp.plotting")


def _skip_namedtuple_fields(app, what, name, obj, skip, options):
    """Skip the fields of named tuples, whose only docstring is "Alias for field number N"."""
    if (getattr(obj, "__doc__", None) or "").startswith("Alias for field number"):
        return True
    return None


@functools.cache
def reexported_data(package):
    """``{name: doc comment}`` of the constants ``package`` re-exports from its modules.

    >>> "bp.example.WEIGHTS" in reexported_data("bp.example")
    True
    """
    module = importlib.import_module(package)
    found = {}
    for info in pkgutil.iter_modules(module.__path__, f"{package}."):
        defined = importlib.import_module(info.name)
        for (cls, attr), lines in ModuleAnalyzer.for_module(info.name).find_attr_docs().items():
            if (
                not cls
                and attr in module.__all__
                and getattr(module, attr) is getattr(defined, attr)
            ):
                found[f"{package}.{attr}"] = list(lines)
    return dict(sorted(found.items()))  # sorted by name, as autodoc orders the rest


def _document_reexported_data(app, what, name, obj, options, lines):
    """Each re-exported constant on the package's API entry, with its doc comment."""
    if what == "module" and name in PACKAGES:
        lines += ["", *(f".. autodata:: {key}" for key in reexported_data(name))]
    package = name.rpartition(".")[0]
    if what == "data" and package in PACKAGES:
        lines[:] = reexported_data(package).get(name, lines)


_INDEX_ENTRY = re.compile(r'<li><a href="([^"]+)">([\w.]+)</a></li>')


def _module_tree(entries):
    """``[(href, name, children), ...]`` of viewcode's sorted ``(href, name)`` entries."""
    root = []
    open_ = [("", root)]  # (name + ".", children) of each module that may still get children
    for href, name in entries:
        while open_[-1][0] and not name.startswith(open_[-1][0]):
            open_.pop()
        node = (href, name, [])
        open_[-1][1].append(node)
        open_.append((name + ".", node[2]))
    return root


def _module_list(nodes):
    items = "".join(
        f'<li><a href="{href}">{name}</a>{_module_list(kids) if kids else ""}</li>\n'
        for href, name, kids in nodes
    )
    return f"<ul>\n{items}</ul>\n"


def _nest_module_index(app, pagename, templatename, context, doctree):
    """viewcode's module index, with every nested list inside its parent's ``<li>``."""
    if pagename != "_modules/index" or "body" not in context:
        return
    heading, found, rest = context["body"].partition("</h1>")
    entries = _INDEX_ENTRY.findall(rest)
    if found and entries:
        context["body"] = heading + found + _module_list(_module_tree(entries))


def setup(app):
    app.connect("autodoc-skip-member", _skip_namedtuple_fields)
    app.connect("autodoc-process-docstring", _document_reexported_data)
    app.connect("html-page-context", _nest_module_index)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
