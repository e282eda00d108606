"""How the API page (``api.md``) shows bp: autodoc's hooks for what bp's docstrings leave out.

1. **Named tuples without their field stubs.** A ``NamedTuple`` field's only docstring is
   "Alias for field number N"; the class's own docstring documents its fields (its Attributes
   section), so the stubs are skipped.
2. **Re-exported constants with their doc comments.** autodoc reads a constant's ``#:`` comment
   only in the module that defines it, and ``:members:`` documents only the constants defined in
   the module it documents: the constants that ``bp.example`` and ``bp.plotting`` re-export would
   be left out. Their comments stay where the constants are defined; this finds them there and
   adds an ``autodata`` entry for each to the package's section.
"""

from __future__ import annotations

import functools
import importlib
import pkgutil

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


def setup(app):
    app.connect("autodoc-skip-member", _skip_namedtuple_fields)
    app.connect("autodoc-process-docstring", _document_reexported_data)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
