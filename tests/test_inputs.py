"""docs/_ext/bp_inputs.py: a rebuild of the site is skipped only when nothing it reads changed."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "docs" / "_ext"))
import bp_inputs

COMMANDS = [["sphinx-build", "-b", "html", "docs", "docs/_build/html"]]


@pytest.fixture
def project(tmp_path):
    root = tmp_path / "project"
    (root / "docs").mkdir(parents=True)
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    (root / ".gitignore").write_text("docs/_build/\n")
    (root / "docs" / "page.md").write_text("# A page\n")
    subprocess.run(["git", "add", "-A"], cwd=root, check=True)
    return root


def key(root, **overrides):
    arguments = {"commands": COMMANDS, "packages": ["sphinx-9.0.4.dist-info"], "environ": {}}
    return bp_inputs.inputs(root, **{**arguments, **overrides})


def test_the_same_project_has_the_same_hash(project):
    assert key(project) == key(project)
    assert len(key(project)) == 64


def test_an_edited_page_changes_the_hash(project):
    before = key(project)
    (project / "docs" / "page.md").write_text("# A page, edited\n")
    assert key(project) != before


def test_a_new_page_not_yet_added_to_git_changes_the_hash(project):
    before = key(project)
    (project / "docs" / "new.md").write_text("# New\n")
    assert key(project) != before


def test_a_deleted_page_changes_the_hash(project):
    before = key(project)
    (project / "docs" / "page.md").unlink()
    assert key(project) != before


def test_what_git_ignores_does_not_change_the_hash(project):
    before = key(project)
    (project / "docs" / "_build").mkdir()
    (project / "docs" / "_build" / "index.html").write_text("<html>")
    assert key(project) == before


def test_an_ignored_folder_the_build_reads_changes_the_hash(project):
    pdf = project / "docs" / "_build" / "pdf"
    before = key(project, ignored=[pdf])
    pdf.mkdir(parents=True)
    (pdf / "book.pdf").write_bytes(b"%PDF-1.5")
    assert key(project, ignored=[pdf]) != before


def test_another_package_version_changes_the_hash(project):
    assert key(project, packages=["sphinx-9.0.5.dist-info"]) != key(project)


def test_a_setting_of_the_build_changes_the_hash_and_other_variables_do_not(project):
    assert key(project, environ={"BP_SITE_URL": "https://example.org/"}) != key(project)
    assert key(project, environ={"READTHEDOCS_CANONICAL_URL": "https://x/"}) != key(project)
    assert key(project, environ={"TERM": "xterm", "FORCE_COLOR": "1"}) == key(project)


def test_another_command_changes_the_hash(project):
    assert key(project, commands=[[*COMMANDS[0], "-E"]]) != key(project)


def test_outside_a_git_checkout_there_is_no_hash(tmp_path):
    (tmp_path / "page.md").write_text("# A page\n")
    assert key(tmp_path) is None


def test_the_outputs_hash_sees_a_deleted_or_rewritten_file(tmp_path):
    (tmp_path / "fr").mkdir()
    page = tmp_path / "fr" / "index.html"
    page.write_text("<html>")
    before = bp_inputs.outputs(tmp_path)
    assert bp_inputs.outputs(tmp_path) == before
    page.write_text("<html>edited")
    assert bp_inputs.outputs(tmp_path) != before
    page.unlink()
    assert bp_inputs.outputs(tmp_path) != before


def test_installed_lists_the_distributions_of_every_folder(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "numpy-2.4.6.dist-info").mkdir()
    (tmp_path / "a" / "numpy").mkdir()
    assert bp_inputs.installed([tmp_path / "a", tmp_path / "missing"]) == ["numpy-2.4.6.dist-info"]
