"""The version a reader cites is one version: the package's, everywhere it is written."""

import re
import tomllib
from pathlib import Path

import yaml

import bp

ROOT = Path(__file__).parent.parent


def _citation():
    return yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))


def test_citation_cites_the_package_version():
    version = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"][
        "version"
    ]
    citation = _citation()
    assert version == bp.__version__
    assert citation["version"] == version
    assert citation["preferred-citation"]["version"] == version


def test_citation_has_the_fields_cff_requires():
    citation = _citation()
    assert citation["cff-version"] == "1.2.0"
    for key in ("message", "title", "authors"):
        assert citation[key], key
    assert all("name" in a or "family-names" in a for a in citation["authors"])
    assert set(citation["license"]) == {"CC-BY-4.0", "MIT"}


def test_changelog_names_the_package_version_first():
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    versions = re.findall(r"^## (\d+\.\d+\.\d+)\b", changelog, flags=re.MULTILINE)
    assert versions, "CHANGELOG.md has no '## <version>' entry"
    assert versions[0] == bp.__version__


def test_the_licence_of_the_text_and_figures_is_in_the_repository():
    notice = (ROOT / "LICENSES" / "CC-BY-4.0.md").read_text(encoding="utf-8")
    assert "https://creativecommons.org/licenses/by/4.0/" in notice
    assert "MIT License" in (ROOT / "LICENSE").read_text(encoding="utf-8")
