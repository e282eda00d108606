"""Has anything the site's build reads changed since its last successful build? One hash says.

Not a Sphinx extension: ``noxfile.py`` uses it (it needs only the standard library) so that
``nox -s docs`` with nothing changed starts no Sphinx at all. Sphinx's own rebuild with nothing
to read still loads every doctree and writes the indices again, several seconds a language.

The hash covers, in this order:

- the project's files, by content: every file git tracks or would track
  (``git ls-files --cached --others --exclude-standard``): the pages, their catalogues, conf.py
  and the extensions, the static files, bp, pyproject.toml, a new page not added yet;
- folders that git ignores but the build reads (the PDFs that the site serves), by content;
- the packages installed where Sphinx runs: the names of their ``.dist-info`` folders, that is
  each distribution's name and version;
- the settings the build reads from the environment (``BP_*``, ``READTHEDOCS*``,
  ``SOURCE_DATE_EPOCH``) and the commands that build the site;
- the files the last build wrote (:func:`outputs`): a page deleted or edited in the output is
  built again.

Outside a git checkout there is no list of the project's files: :func:`inputs` returns None, and
the caller builds every time.

>>> import os, subprocess, tempfile
>>> from pathlib import Path
>>> root = Path(tempfile.mkdtemp())
>>> _ = subprocess.run(["git", "init", "-q", str(root)], check=True)
>>> _ = (root / "page.md").write_text("# A page")
>>> first = inputs(root, commands=[["sphinx-build", "docs", "out"]], packages=[], environ={})
>>> first == inputs(root, commands=[["sphinx-build", "docs", "out"]], packages=[], environ={})
True
>>> _ = (root / "page.md").write_text("# A page, edited")
>>> first == inputs(root, commands=[["sphinx-build", "docs", "out"]], packages=[], environ={})
False
"""

from __future__ import annotations

import hashlib
import os
import subprocess
from collections.abc import Iterable, Mapping
from pathlib import Path

# The environment variables that change what the build writes (conf.py and the extensions read
# them): BP_SITE_URL, BP_NB_CACHE_ROOT, BP_DOCS_ONLY..., Read the Docs' address, the build date.
SETTINGS = ("BP_", "READTHEDOCS", "SOURCE_DATE_EPOCH")


def _project_files(root: Path) -> list[str] | None:
    """The files of the project that git tracks or would track, or None outside a checkout."""
    try:
        listed = subprocess.run(
            ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
            cwd=root,
            capture_output=True,
            check=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    return sorted({name for name in listed.decode("utf-8").split("\0") if name})


def _add_file(digest, path: Path, name: str) -> None:
    digest.update(name.encode("utf-8") + b"\0")
    try:
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    except (FileNotFoundError, IsADirectoryError):
        digest.update(b"(none)")  # tracked but deleted, or a submodule


def inputs(
    root: Path,
    *,
    commands: Iterable[Iterable[str]],
    packages: Iterable[str],
    ignored: Iterable[Path] = (),
    environ: Mapping[str, str] | None = None,
) -> str | None:
    """The hash of what a build of the site from ``root`` reads, or None outside a git checkout.

    ``commands`` are the build's command lines, ``packages`` the installed distributions
    (``name-version``), ``ignored`` folders git ignores that the build reads, ``environ`` the
    environment (``os.environ`` when None).
    """
    root = Path(root)
    files = _project_files(root)
    if files is None:
        return None
    digest = hashlib.sha256()
    for name in files:
        _add_file(digest, root / name, name)
    for folder in ignored:
        for path in sorted(p for p in Path(folder).rglob("*") if p.is_file()):
            _add_file(digest, path, str(path))
    environ = os.environ if environ is None else environ
    for part in (
        sorted(packages),
        sorted((k, v) for k, v in environ.items() if k.startswith(SETTINGS)),
        [list(command) for command in commands],
    ):
        digest.update(repr(part).encode("utf-8"))
    return digest.hexdigest()


def installed(site_packages: Iterable[Path]) -> list[str]:
    """The distributions installed in ``site_packages`` folders: their ``.dist-info`` names.

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> (folder / "sphinx-9.0.4.dist-info").mkdir()
    >>> installed([folder])
    ['sphinx-9.0.4.dist-info']
    """
    return sorted(p.name for folder in site_packages for p in Path(folder).glob("*.dist-info"))


def outputs(out: Path) -> str:
    """The hash of the files under ``out`` (the built site): names, sizes, modification times.

    >>> import tempfile
    >>> out = Path(tempfile.mkdtemp())
    >>> empty = outputs(out)
    >>> _ = (out / "index.html").write_text("<html>")
    >>> outputs(out) == empty
    False
    """
    digest = hashlib.sha256()
    for path in sorted(Path(out).rglob("*")):
        if path.is_file():
            stat = path.stat()
            digest.update(f"{path.relative_to(out)}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()
