"""The catalogue check of the translations (docs/_ext/bp_catalogues.py): each kind of defect a
translator can plant fails it, and what a translation may change passes.

Each test writes a small catalogue, as sphinx-intl writes them, with one message translated.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

pytest.importorskip("babel", reason="the check reads catalogues with Babel (Sphinx's dependency)")
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "docs" / "_ext"))

import bp_catalogues
from bp_catalogues import check_catalogue, main

HEADER = r"""# A page of the book.
#
#, fuzzy
msgid ""
msgstr ""
"Project-Id-Version: Backpropagation, computed 0.1.0\n"
"Report-Msgid-Bugs-To: \n"
"POT-Creation-Date: 2026-12-06 23:54+0000\n"
"PO-Revision-Date: YEAR-MO-DA HO:MI+ZONE\n"
"Last-Translator: FULL NAME <EMAIL@ADDRESS>\n"
"Language: fr\n"
"Language-Team: fr <LL@li.org>\n"
"Plural-Forms: nplurals=2; plural=(n > 1);\n"
"MIME-Version: 1.0\n"
"Content-Type: text/plain; charset=utf-8\n"
"Content-Transfer-Encoding: 8bit\n"
"Generated-By: Babel 2.19.0\n"

"""

needs_msgfmt = pytest.mark.skipif(
    shutil.which("msgfmt") is None, reason="gettext's msgfmt is not installed"
)


def _quoted(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def catalogue(tmp_path, *messages, page="chapter"):
    """A catalogue of (msgid, msgstr[, flags]) messages at tmp_path/fr/LC_MESSAGES/<page>.po."""
    entries = []
    for msgid, msgstr, *flags in messages:
        flag = f"#, {', '.join(flags)}\n" if flags else ""
        entries.append(f"{flag}msgid {_quoted(msgid)}\nmsgstr {_quoted(msgstr)}\n")
    path = tmp_path / "fr" / "LC_MESSAGES" / f"{page}.po"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(HEADER + "\n".join(entries), encoding="utf-8")
    return path


def problems(tmp_path, msgid, msgstr, *flags):
    return check_catalogue(catalogue(tmp_path, (msgid, msgstr, *flags))).problems


GLUED = "The error is {glue:text}`E_total:.4f` after {glue:}`n_steps` steps."
MATH = "The slope is $\\partial E_{total}/\\partial w_5 = 0.0822$ here."
REFS = "As {doc}`calculus` showed, {ref}`the chain rule <calculus-chain>` gives {numref}`fig-path`."


def test_a_faithful_translation_passes(tmp_path):
    assert (
        problems(
            tmp_path, GLUED, "L'erreur vaut {glue:text}`E_total:.4f` après {glue:}`n_steps` pas."
        )
        == []
    )


def test_a_dropped_glue_role_fails(tmp_path):
    found = problems(tmp_path, GLUED, "L'erreur vaut {glue:text}`E_total:.4f` après quelques pas.")
    assert found
    assert "glue role '{glue:}`n_steps`' missing" in found[0]


def test_a_glue_role_with_another_format_fails(tmp_path):
    found = problems(
        tmp_path, GLUED, "L'erreur vaut {glue:text}`E_total:.3f` après {glue:}`n_steps` pas."
    )
    assert any("'{glue:text}`E_total:.4f`' missing" in p for p in found)


def test_a_glue_role_typed_as_a_number_fails(tmp_path):
    assert problems(tmp_path, GLUED, "L'erreur vaut 0,2984 après {glue:}`n_steps` pas.")


def test_a_decimal_comma_between_digits_in_math_passes(tmp_path):
    french = "La pente vaut $\\partial E_{total}/\\partial w_5 = 0{,}0822$ ici."
    assert problems(tmp_path, MATH, french, "python-brace-format") == []


def test_a_changed_symbol_in_math_fails(tmp_path):
    french = "La pente vaut $\\partial E_{totale}/\\partial w_5 = 0{,}0822$ ici."
    assert problems(tmp_path, MATH, french)


def test_a_changed_number_in_math_fails(tmp_path):
    assert problems(tmp_path, MATH, "La pente vaut $\\partial E_{total}/\\partial w_5 = 0{,}082$.")


def test_a_decimal_comma_outside_digits_in_math_fails(tmp_path):
    msgid = "Take $f(x, y)$."
    assert problems(tmp_path, msgid, "Prenons $f(x{,} y)$.")


def test_a_dropped_math_span_fails(tmp_path):
    assert problems(tmp_path, MATH, "La pente est petite ici.")


def test_text_inside_math_may_be_translated(tmp_path):
    msgid = "We write $E = \\text{error}$."
    assert problems(tmp_path, msgid, "On écrit $E = \\text{erreur}$.") == []


def test_a_number_inside_text_in_math_may_not_change(tmp_path):
    msgid = "The four equations $\\text{(BP1)}$ to $\\text{(BP4)}$."
    assert (
        problems(tmp_path, msgid, "Les quatre équations $\\text{(BP1)}$ à $\\text{(BP4)}$.") == []
    )
    assert problems(tmp_path, msgid, "Les quatre équations $\\text{(BP1)}$ à $\\text{(BP3)}$.")


BLOCK = "Z = A\\, W^\\top + b, \\qquad Z \\text{ of shape } (n, 0.5)"


def block_page(tmp_path, msgstr):
    """The catalogue of a page whose source has the display-math block BLOCK."""
    (tmp_path / "chapter.md").write_text(f"# Chapter\n\n$$\n{BLOCK}\n$$\n")
    return check_catalogue(catalogue(tmp_path / "locales", (BLOCK, msgstr)))


def test_a_display_math_block_is_compared_as_math_whole(tmp_path, monkeypatch):
    # Its message is its LaTeX alone, without the dollars that mark math in a paragraph.
    monkeypatch.setattr(bp_catalogues, "DOCS", tmp_path)
    french = "Z = A\\, W^\\top + b, \\qquad Z \\text{ de forme } (n, 0{,}5)"
    assert block_page(tmp_path, french).problems == []
    changed = "Z = A\\, W^\\top + c, \\qquad Z \\text{ de forme } (n, 0{,}5)"
    assert any("math" in p and "missing" in p for p in block_page(tmp_path, changed).problems)
    comma = "Z = A\\, W^\\top + b{,} \\qquad Z \\text{ de forme } (n, 0{,}5)"
    assert block_page(tmp_path, comma).problems


def test_translated_text_of_a_reference_passes(tmp_path):
    french = "Comme {doc}`calculus` l'a montré, {ref}`la règle de la chaîne <calculus-chain>` donne {numref}`fig-path`."
    assert problems(tmp_path, REFS, french) == []


def test_a_changed_reference_target_fails(tmp_path):
    french = "Comme {doc}`calculus` l'a montré, {ref}`la règle <calcul-chaine>` donne {numref}`fig-path`."
    found = problems(tmp_path, REFS, french)
    assert any("'ref: calculus-chain' missing" in p for p in found)


def test_a_translated_implicit_reference_fails(tmp_path):
    french = (
        "Comme {doc}`calcul` l'a montré, {ref}`la règle <calculus-chain>` donne {numref}`fig-path`."
    )
    assert any("'doc: calculus' missing" in p for p in problems(tmp_path, REFS, french))


def test_a_changed_link_address_fails(tmp_path):
    msgid = "The [video](https://example.org/video) works it by hand."
    assert problems(tmp_path, msgid, "La [vidéo](https://example.org/video) le calcule.") == []
    assert problems(tmp_path, msgid, "La [vidéo](https://example.org/video-fr) le calcule.")


def test_a_translated_code_literal_fails(tmp_path):
    msgid = "Call `net.gradients(X, Y)` on a `bp.Network`."
    assert problems(tmp_path, msgid, "Appelez `net.gradients(X, Y)` sur un `bp.Network`.") == []
    assert problems(tmp_path, msgid, "Appelez `net.gradients(X, Y)` sur un `bp.Réseau`.")


@needs_msgfmt
def test_an_invalid_catalogue_fails_msgfmt(tmp_path):
    # msgfmt -c: a msgid ending in a newline needs a msgstr ending in one.
    found = problems(tmp_path, "One line.\n", "Une ligne.")
    assert any("end with '\\n'" in p for p in found)


@needs_msgfmt
def test_babels_format_guess_does_not_refuse_the_decimal_comma(tmp_path):
    # Babel flags messages with braces python-brace-format; {,} is not a Python field.
    msgid = "With $w_5 = 0.4$ and {doc}`calculus`."
    french = "Avec $w_5 = 0{,}4$ et {doc}`calculus`."
    assert problems(tmp_path, msgid, french, "python-brace-format") == []


def test_untranslated_and_fuzzy_messages_are_counted(tmp_path):
    path = catalogue(
        tmp_path,
        ("The output layer", "La couche de sortie"),
        ("The hidden layer", ""),
        ("One more word here", "Un mot de plus", "fuzzy"),
    )
    report = check_catalogue(path)
    assert report.messages == {"translated": 1, "untranslated": 1, "fuzzy": 1}
    assert report.words == {"translated": 3, "untranslated": 3, "fuzzy": 4}
    assert report.problems == []
    assert len(report.incomplete) == 2


def test_an_incomplete_page_fails_only_once_it_must_be_complete(tmp_path, monkeypatch):
    path = catalogue(tmp_path, ("The output layer", ""))
    report = check_catalogue(path)
    assert report.failures(every_page=False) == []
    assert report.failures(every_page=True) == ["untranslated: 'The output layer'"]
    monkeypatch.setattr(bp_catalogues, "COMPLETE_PAGES", frozenset({"chapter"}))
    assert report.failures(every_page=False) == ["untranslated: 'The output layer'"]


def test_a_fuzzy_translation_is_checked_too(tmp_path):
    path = catalogue(tmp_path, (GLUED, "L'erreur vaut 0,3 après {glue:}`n_steps` pas.", "fuzzy"))
    assert check_catalogue(path).problems


def test_the_api_page_needs_only_its_own_text(tmp_path, monkeypatch):
    (tmp_path / "api.md").write_text("# API reference\n\nEvery public function of `bp`.\n")
    monkeypatch.setattr(bp_catalogues, "DOCS", tmp_path)
    path = catalogue(
        tmp_path,
        ("API reference", ""),
        ("Every public function of `bp`.", "Toutes les fonctions publiques de `bp`."),
        ("Return the sigmoid of ``z``.", ""),  # a docstring: may stay English
        page="api",
    )
    report = check_catalogue(path)
    assert report.incomplete == ["untranslated: 'API reference'"]


def test_the_command_line_fails_on_a_defect(tmp_path, monkeypatch, capsys):
    catalogue(tmp_path, (GLUED, "L'erreur vaut 0,3 après {glue:}`n_steps` pas."))
    monkeypatch.setattr(bp_catalogues, "LOCALES", tmp_path)
    assert main([]) == 1
    out = capsys.readouterr().out
    assert "fr/chapter: glue role '{glue:text}`E_total:.4f`' missing" in out
    catalogue(
        tmp_path, (GLUED, "L'erreur vaut {glue:text}`E_total:.4f` après {glue:}`n_steps` pas.")
    )
    assert main(["fr/chapter"]) == 0
    assert main(["fr/chapter", "--strict"]) == 0


def test_the_command_line_refuses_an_unknown_page(tmp_path, monkeypatch):
    catalogue(tmp_path, ("A", "Un"))
    monkeypatch.setattr(bp_catalogues, "LOCALES", tmp_path)
    with pytest.raises(SystemExit, match="no catalogue for \\['fr/nowhere'\\]"):
        main(["fr/nowhere"])


def test_a_page_without_a_catalogue_is_named_and_fails_once_pages_must_be_complete(
    tmp_path, monkeypatch, capsys
):
    (tmp_path / "chapter.md").write_text("# Chapter\n")
    (tmp_path / "new-page.md").write_text("# New\n")
    catalogue(tmp_path / "locales", ("A", "Un"))
    monkeypatch.setattr(bp_catalogues, "LOCALES", tmp_path / "locales")
    assert bp_catalogues.missing_catalogues("fr", tmp_path) == ["new-page"]
    monkeypatch.setattr(bp_catalogues, "EVERY_PAGE", False)  # an edition under way
    assert main([]) == 0
    assert "fr/new-page: no catalogue" in capsys.readouterr().out
    assert main(["--strict"]) == 1
    monkeypatch.setattr(bp_catalogues, "EVERY_PAGE", True)  # a finished edition
    assert main([]) == 1
