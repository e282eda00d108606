"""bp installable by a reader of the hosted site, with the command the site shows.

The build publishes a wheel of bp (distribution ``backprop-computed``) in ``wheels/``. Here it is
installed into a fresh virtual environment, offline: bp's dependencies (numpy, and the extras'
matplotlib and scikit-learn) are taken from this session's environment, made visible to the
fresh one through a ``.pth`` file, but bp itself is not, so the only bp that pip can find is the
site's wheel. The install command is read from the landing page as the browser shows it and run
as it stands, with ``--no-index`` added to keep pip off the network.
"""

from __future__ import annotations

import json
import re
import shlex
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest
from built_site import SITE, book_pages, open_page

EXECUTED = SITE.parent / "jupyter_execute"
DIST = "backprop-computed"
# What a reader's page needs installed beyond numpy, by the name of the extra.
EXTRA_MODULES = {"plot": "matplotlib", "data": "sklearn"}


def wheels():
    return sorted((SITE / "wheels").glob("*.whl"))


def test_the_site_publishes_one_wheel_of_bp():
    found = wheels()
    assert len(found) == 1, f"expected one wheel in {SITE / 'wheels'}, found {found}"
    assert found[0].name.startswith(DIST.replace("-", "_") + "-"), found[0].name


def _is_bp(entry: Path) -> bool:
    name = entry.name.lower()
    return (
        name == "bp"
        or name.endswith(".pth")  # editable installs of bp are .pth files
        or name.startswith(("bp-", "bp.", "backprop_computed", "__editable__", "_editable"))
    )


@pytest.fixture
def fresh_python(tmp_path):
    """A new venv (with pip) that sees this session's packages except bp; its python."""
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True, clear=True).create(env_dir)
    python = env_dir / "bin" / "python"
    site_packages = Path(
        subprocess.run(
            [str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
    )
    deps = tmp_path / "deps"
    deps.mkdir()
    ours = Path(sysconfig.get_path("purelib"))
    for entry in ours.iterdir():
        if not _is_bp(entry):
            (deps / entry.name).symlink_to(entry)
    (site_packages / "session_deps.pth").write_text(f"{deps}\n")
    return python


def run(python, *args, cwd=None):
    return subprocess.run(
        [str(python), *args], check=False, capture_output=True, text=True, cwd=cwd, timeout=600
    )


def pip_install(python, requirement_args):
    return run(python, "-m", "pip", "install", "--no-index", *requirement_args)


def assert_it_is_the_wheels_bp(python, tmp_path):
    where = run(python, "-c", "import bp; print(bp.__file__)", cwd=tmp_path)
    assert where.returncode == 0, where.stderr
    assert str(python.parents[1]) in where.stdout, f"bp came from elsewhere: {where.stdout}"
    trace = run(python, "-m", "bp", "trace", "--json", cwd=tmp_path)
    assert trace.returncode == 0, trace.stderr
    ours = subprocess.run(
        [sys.executable, "-m", "bp", "trace", "--json"], check=True, capture_output=True, text=True
    )
    assert json.loads(trace.stdout) == json.loads(ours.stdout)


def test_the_wheel_installs_into_a_fresh_venv_and_runs_the_worked_example(fresh_python, tmp_path):
    (wheel,) = wheels()
    before = run(fresh_python, "-c", "import bp", cwd=tmp_path)
    assert before.returncode != 0, "the fresh venv already has bp: the test would prove nothing"
    result = pip_install(fresh_python, [str(wheel)])
    assert result.returncode == 0, result.stdout + result.stderr
    assert_it_is_the_wheels_bp(fresh_python, tmp_path)
    script = fresh_python.parent / "bp"
    assert run(script, "trace").returncode == 0, "the bp command was not installed"


def landing_install_line(browser, server):
    context, page, _, _ = open_page(browser, server, "index.html")
    try:
        blocks = page.locator(".bp-install pre")
        assert blocks.count() == 1, "the landing page shows no install command (.bp-install)"
        box = page.locator(".bp-install").first.bounding_box()
        assert box is not None
        assert box["y"] < 900, "the install command is not near the top"
        link = page.locator(".bp-install a[href$='.whl']")
        assert link.count() == 1, "the landing page does not link the wheel"
        assert link.get_attribute("href") == f"wheels/{wheels()[0].name}"
        return blocks.first.inner_text().strip()
    finally:
        context.close()


def test_the_install_line_on_the_landing_page_works(browser, server, fresh_python, tmp_path):
    line = landing_install_line(browser, server)
    words = shlex.split(line)
    assert words[:2] == ["pip", "install"], f"not a pip command: {line}"
    (requirement,) = words[2:]
    name, _, url = requirement.partition(" @ ")
    assert name == f"{DIST}[data,plot]", f"the landing page installs {name}, not every extra"
    assert url == f"{server}/wheels/{wheels()[0].name}", f"points elsewhere than the site: {url}"
    result = pip_install(fresh_python, words[2:])
    assert result.returncode == 0, f"{line}\n{result.stdout}{result.stderr}"
    assert_it_is_the_wheels_bp(fresh_python, tmp_path)
    for module in EXTRA_MODULES.values():
        assert run(fresh_python, "-c", f"import {module}").returncode == 0, module


def _visible_code(page):
    notebook = json.loads((EXECUTED / f"{page}.ipynb").read_text(encoding="utf-8"))
    return "\n".join(
        "".join(cell["source"])
        for cell in notebook["cells"]
        if cell["cell_type"] == "code"
        and not {"remove-cell", "remove-input"} & set(cell.get("metadata", {}).get("tags", []))
    )


def _imports(code, module):
    return f"import {module}" in code or f"from {module}" in code or f"bp.{module}" in code


@pytest.mark.parametrize("page", [p.removesuffix(".html") for p in book_pages()])
def test_a_page_whose_code_needs_an_extra_says_how_to_install_it(page):
    code = _visible_code(page)
    needs = sorted(
        extra
        for extra, module in EXTRA_MODULES.items()
        if _imports(code, module)
        or (extra == "plot" and _imports(code, "plotting"))
        or (extra == "data" and "bp.data" in code)
    )
    html = (SITE / f"{page}.html").read_text(encoding="utf-8")
    if not needs:
        return
    note = any(
        {"admonition", "bp-install"} <= set(classes.split())
        for classes in re.findall(r'<div class="([^"]*)"', html)
    )
    assert note or page == "index", f"{page}: its code needs {needs} but it has no install note"
    expected = f"{DIST}[{','.join(needs)}]" if page != "index" else f"{DIST}[data,plot]"
    assert expected in html, f"{page}: the install command does not name {expected}"


@pytest.mark.parametrize("page", [p.removesuffix(".html") for p in book_pages()])
def test_a_downloaded_notebook_starts_with_the_install_command(page):
    notebook = json.loads((SITE / "_sources" / f"{page}.ipynb").read_text(encoding="utf-8"))
    first = "".join(notebook["cells"][0]["source"])
    lines = [line for line in first.splitlines() if "pip install" in line]
    assert len(lines) == 1, first
    assert lines[0].startswith("# %pip install "), first
    words = shlex.split(lines[0].removeprefix("# %"))
    name, _, url = words[2].partition(" @ ")
    assert name.startswith(DIST), name
    assert url.endswith("/wheels/" + wheels()[0].name), url
    # A notebook leaves the machine that built it: it names the hosted site, or says what to
    # put in place of SITE, never a folder of the build machine.
    assert not url.startswith("file:"), url
    if not url.startswith("https://"):
        assert url.startswith("SITE/wheels/"), url
        assert "Replace SITE" in first, first
