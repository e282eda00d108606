"""The machinery of the book's translations (docs/_ext/bp_i18n.py, docs/_kernel/bp_figure_text.py):
numbers in a language's style, a page's markdown through its catalogue, the language switch's
addresses, and figures drawn a second time in another language without touching the first."""

from __future__ import annotations

import json
import re
import sys
from functools import partial
from pathlib import Path
from types import SimpleNamespace

import pytest

pytest.importorskip("myst_nb", reason="the translation machinery extends MyST-NB")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "docs" / "_ext"))
sys.path.insert(0, str(ROOT / "docs" / "_kernel"))

import bp_figure_text
import bp_i18n

CONFIG = SimpleNamespace(language="fr", bp_languages={"en": "English", "fr": "Français"})


@pytest.mark.parametrize(
    ("english", "french"),
    [
        ("0.2984", "0,2984"),
        ("-0.038098237", "-0,038098237"),
        ("23,860", "23\u202f860"),
        ("1,234,567.5", "1\u202f234\u202f567,5"),
        ("12", "12"),
        ("w5 after 3 steps", "w5 after 3 steps"),
    ],
)
def test_numbers_take_the_french_style(english, french):
    assert bp_i18n.localized_number_text(english, "fr") == french
    assert bp_i18n.localized_number_text(english, "en") == english


def test_the_markdown_of_a_page_is_translated_where_a_message_stands_whole():
    md = "## The idea\n\n> The error\n> grows.\n\n- The error grows.\n\nThe errors grow."
    out = bp_i18n.translate_markdown(
        md, {"The idea": "L'idée", "The error grows.": "L'erreur croît."}
    )
    assert out == "## L'idée\n\n> L'erreur croît.\n\n- L'erreur croît.\n\nThe errors grow."


def test_the_switch_leads_to_the_same_page_in_the_other_language():
    english = SimpleNamespace(language="en", bp_languages=CONFIG.bp_languages)
    links = {link["code"]: link["href"] for link in bp_i18n.language_links(english, "calculus")}
    assert links == {"en": "calculus.html", "fr": "fr/calculus.html"}
    links = {link["code"]: link["href"] for link in bp_i18n.language_links(CONFIG, "_modules/bp")}
    assert links == {"en": "../../_modules/bp.html", "fr": "../../fr/_modules/bp.html"}


def test_the_explorers_data_gets_the_slip_descriptions_and_strings_of_the_language():
    script = (
        "/* head */\nwindow.bpData = "
        + json.dumps({"catalogue": [{"name": "sign", "description": "Wrong sign."}], "eps": 1e-6})
        + ";\n"
    )
    out = bp_i18n.translated_page_script(script, {"Wrong sign.": "Mauvais signe.", "Step": "Pas"})
    data = json.loads(out.split("window.bpData = ", 1)[1].rstrip().removesuffix(";"))
    assert out.startswith("/* head */\n")
    assert data["catalogue"] == [{"name": "sign", "description": "Mauvais signe."}]
    assert data["ui"] == {"Wrong sign.": "Mauvais signe.", "Step": "Pas"}
    assert data["eps"] == 1e-6


@pytest.mark.parametrize(
    ("text", "message", "numbers"),
    [
        ("σ′ = 0.2413", None, ["0.2413"]),
        ("w5", None, []),
        ("E_total", None, []),
        ("Error along w5", "Error along w5", []),
        ("error after 12 steps, 0.5", "error after {0} steps, {1}", ["12", "0.5"]),
        ("$\\eta = 0.5$ (learning rate)", "$\\eta = {0}$ (learning rate)", ["0.5"]),
    ],
)
def test_a_figure_string_is_a_message_with_its_numbers_taken_out(text, message, numbers):
    assert bp_figure_text.template(text) == (message, numbers)


def test_a_figure_string_is_translated_and_its_numbers_restyled():
    translator = bp_figure_text.Translator({"error after {0} steps": "erreur après {0} pas"})
    assert translator("error after 12.5 steps") == "erreur après 12,5 pas"
    assert translator("$x = 0.5$") == "$x = 0{,}5$"
    assert translator("learning rate") == "learning rate"
    assert translator.met == ["error after {0} steps", "learning rate"]
    assert translator.missing == ["learning rate"]


def test_a_figure_is_drawn_in_french_and_left_as_it_was():
    matplotlib = pytest.importorskip("matplotlib")
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from IPython.core.pylabtools import print_figure

    with matplotlib.rc_context({"svg.fonttype": "path", "svg.hashsalt": "test"}):
        fig, ax = plt.subplots()
        ax.plot([0, 0.5, 1], [1, 2, 3], label="error after 3 steps")
        ax.set_xlabel("learning rate")
        ax.legend()
        svg = partial(print_figure, fmt="svg", bbox_inches="tight", metadata={"Date": None})
        english = svg(fig)
        seen = []

        def translator(text):
            seen.append(text)
            return {"learning rate": "taux d'apprentissage"}.get(text, text.replace(".", ","))

        french = bp_figure_text.translated_svg(fig, translator, svg)
        assert svg(fig) == english  # the figure is as it was: its English SVG, byte for byte
        assert french != english
        assert ax.get_xlabel() == "learning rate"
        assert "learning rate" in seen
        assert "0.2" in seen  # a tick label went through the translator too
        plt.close(fig)


def test_a_translation_shows_its_figures_in_place_of_the_english_ones():
    mime = bp_i18n.FIGURE_MIME.format(language="fr")
    outputs = [
        (
            {"image/svg+xml": "<svg>en</svg>", mime: "<svg>fr</svg>"},
            {mime: {"untranslated": ["x"]}},
        ),
        ({"text/plain": "0.5"}, {}),
    ]
    swaps, missing = bp_i18n.figure_translations(outputs, "fr")
    assert list(swaps.values()) == ["<svg>fr</svg>"]
    assert missing == ["x"]
    nb = {"cells": [{"outputs": [{"data": dict(outputs[0][0]), "metadata": dict(outputs[0][1])}]}]}
    french = bp_i18n.figure_outputs(json.loads(json.dumps(nb)), "fr")["cells"][0]["outputs"][0]
    assert french == {"data": {"image/svg+xml": "<svg>fr</svg>"}, "metadata": {}}
    english = bp_i18n.figure_outputs(json.loads(json.dumps(nb)), None)["cells"][0]["outputs"][0]
    assert english == {"data": {"image/svg+xml": "<svg>en</svg>"}, "metadata": {}}


# --- The words of the page scripts (bpText in docs/_static, bp's page data) -------------------
STATIC = ROOT / "docs" / "_static"
BP_TEXT_CALL = re.compile(r'\bbpText\(\s*"((?:[^"\\]|\\.)*)"((?:\s*\+\s*"(?:[^"\\]|\\.)*")*)')
PLACEHOLDER = re.compile(r"\{(\w+)\}")


def bp_text_literals():
    """Every string literal given to bpText in the page scripts, as JavaScript reads it (a
    regular expression's reading, independent of the extractor of ui.pot)."""
    found = []
    for path in sorted(STATIC.glob("*.js")):
        for match in BP_TEXT_CALL.finditer(path.read_text(encoding="utf-8")):
            parts = [match.group(1), *re.findall(r'"((?:[^"\\]|\\.)*)"', match.group(2))]
            found.append((json.loads('"' + "".join(parts) + '"'), path.name))
    return found


def test_the_page_scripts_say_their_words_through_bptext():
    # a sanity bound: the explorer, walk-through and practice scripts, not one string
    names = {name for _, name in bp_text_literals()}
    assert {"explorer.js", "explorer-core.js", "walkthrough.js", "practice.js"} <= names
    assert len(bp_text_literals()) > 100


def test_every_bptext_string_is_collected_for_the_catalogue():
    # a regular expression or a quote the extractor misreads would hide the strings after it
    collected = {message for message, _ in bp_i18n.ui_strings()}
    missed = [(text, name) for text, name in bp_text_literals() if text not in collected]
    assert not missed


def test_every_word_of_the_page_scripts_has_its_french(tmp_path):
    french = bp_i18n.messages(ROOT / "docs", "fr", "ui")  # without the empty and fuzzy ones
    words = {text for text, _ in bp_text_literals()}
    words |= {message for message, _ in bp_i18n.ui_strings()}
    assert not sorted(w for w in words if not french.get(w, "").strip())
    for word in words:
        assert set(PLACEHOLDER.findall(french[word])) == set(PLACEHOLDER.findall(word)), word


def test_the_words_of_bps_page_data_are_translated_in_the_pages_data():
    from bp import cli

    script = cli.page_script()
    words = bp_i18n.messages(ROOT / "docs", "fr", "ui")
    out = bp_i18n.translated_page_script(script, words, ",")
    data = json.loads(out.split("window.bpData = ", 1)[1].rstrip().removesuffix(";"))
    english = json.loads(script.split("window.bpData = ", 1)[1].rstrip().removesuffix(";"))
    shown = [holder[key] for holder, key in bp_i18n.page_data_words(data)]
    assert shown == [words[holder[key]] for holder, key in bp_i18n.page_data_words(english)]
    assert data["walk"]["lines"][0].startswith("Étape ")
    assert data["decimal"] == ","
    plain = bp_i18n.translated_page_script(script, {}, ".")
    assert "decimal" not in json.loads(plain.split("window.bpData = ", 1)[1].rstrip()[:-1])
