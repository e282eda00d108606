"""bp.practice: variants of the book's exercises from a seed, their answers, the answer key, the
Moodle export, and ``python -m bp practice``; and ``python -m bp check --verdict-only``."""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bp import cli, example, practice, slips

SEEDS = st.integers(0, practice.MAX_SEED)
NAMES = st.sampled_from(list(practice.EXERCISES))


def in_range(x, r):
    n = round(x * practice.SCALE)
    return n / practice.SCALE == x and r["lo"] <= n <= r["hi"] and (n - r["lo"]) % r["step"] == 0


@settings(max_examples=150, deadline=None)
@given(SEEDS, NAMES)
def test_a_variant_stays_in_its_ranges_and_keeps_its_point(seed, name):
    v = practice.variant(seed, name)
    for key in ("inputs", "targets", "weights", "biases"):
        assert all(in_range(x, practice.RANGES[key]) for x in v.config[key])
    assert in_range(v.config["lr"], practice.RANGES["lr"])
    e = practice.EXERCISES[name]
    assert v.config["bias"] in e.asks
    assert v.config["update"] == e.update
    assert v.asks == e.asks[v.config["bias"]]
    t = example.worked_example(**v.config)
    # no saturated neuron: every slope out (1 - out) well above 0
    assert all(t[f"dout_{n}_dnet_{n}"] > 0.04 for n in ("h1", "h2", "o1", "o2"))
    for key, x in v.answers.items():
        assert math.isfinite(x)
        assert x == t[key]
        assert abs(x) >= practice.MIN_ANSWER
    for key, op, bound in e.conditions:
        assert (t[key] < bound) if op == "<" else (t[key] > bound)
    assert practice.keeps_point(t, e, v.config["bias"])


@settings(max_examples=50, deadline=None)
@given(SEEDS, NAMES)
def test_the_same_seed_gives_the_same_variant(seed, name):
    assert practice.variant(seed, name) == practice.variant(seed, name)


def test_seeds_and_exercises_give_different_numbers():
    configs = {str(practice.variant(s, n).config) for s in range(20) for n in practice.EXERCISES}
    assert len(configs) == 20 * len(practice.EXERCISES)


def test_a_sum_that_nearly_cancels_is_drawn_again():
    e = practice.EXERCISES["back-in-backprop-1"]
    t = dict(example.worked_example())
    assert practice.keeps_point(t, e, "fixed")
    t["dE_dout_h2"] = 0.1 * t["dEo1_dout_h2"]  # nine tenths of the larger path cancelled
    assert not practice.keeps_point(t, e, "fixed")


def test_an_exercise_s_own_condition_is_kept():
    e = practice.EXERCISES["intuition-1"]
    t = dict(example.worked_example())
    t["dE_dw7"] = -t["dE_dw7"]
    assert not practice.keeps_point(t, e, "fixed")


def test_every_exercise_asks_keys_of_trace_json():
    for e in practice.EXERCISES.values():
        for bias, keys in e.asks.items():
            assert set(keys) <= set(example.json_keys(bias)), e.name
            assert len(set(keys)) == len(keys), e.name


# ---- bad input: one test each ----------------------------------------------------------------


def test_a_seed_that_is_not_a_whole_number_is_refused():
    with pytest.raises(TypeError, match=r"seed must be a whole number; got 1\.5"):
        practice.variant(1.5, "errata-1")


def test_a_negative_seed_is_refused():
    with pytest.raises(ValueError, match="seed must be from 0 to 4294967295; got -1"):
        practice.variant(-1, "errata-1")


def test_a_seed_beyond_32_bits_is_refused():
    with pytest.raises(ValueError, match="seed must be from 0 to 4294967295; got 4294967296"):
        practice.variant(2**32, "errata-1")


def test_a_boolean_seed_is_refused():
    with pytest.raises(TypeError, match="seed must be a whole number; got True"):
        practice.variant(True, "errata-1")


def test_an_unknown_exercise_is_refused():
    with pytest.raises(ValueError, match="exercise must be one of 'intuition-1'"):
        practice.variant(1, "intuition-3")


@pytest.mark.parametrize("text", ["5-1", "a-b", "1--3", "", "1,,2", "-3", "1-99999999999999"])
def test_seeds_that_are_not_a_list_of_ranges_are_refused(text):
    with pytest.raises(ValueError, match="seeds must be whole numbers from 0 to 4294967295"):
        practice.parse_seeds(text)


def test_too_many_seeds_are_refused():
    with pytest.raises(ValueError, match="seeds must hold at most 10000 seeds; got '0-10000'"):
        practice.parse_seeds("0-10000")


def test_seeds_that_are_not_text_are_refused():
    with pytest.raises(ValueError, match="seeds must be whole numbers"):
        practice.parse_seeds(17)


# ---- the command line -------------------------------------------------------------------------


def usage_error(capsys, *args):
    with pytest.raises(SystemExit) as exit_:
        cli.main(list(args))
    assert exit_.value.code == cli.USAGE
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1
    return err


def test_practice_prints_the_variant_and_its_answers(capsys):
    assert cli.main(["practice", "--seed", "17", "--exercise", "hidden-layer-1"]) == 0
    question = capsys.readouterr().out
    v = practice.variant(17, "hidden-layer-1")
    assert question.startswith("hidden-layer-1, seed 17: The weight from i2 to h2")
    assert all(f"    {k} = ?" in question for k in v.asks)
    assert "w4 = " + format(v.config["weights"][3], "g") in question
    assert cli.main(["practice", "--seed", "17", "--exercise", "hidden-layer-1", "--answers"]) == 0
    answered = capsys.readouterr().out
    for key, x in v.answers.items():
        assert f"    {key} = {practice.rounded(x)}\n" in answered


def test_the_printed_check_command_checks_the_answers(capsys):
    v = practice.variant(3, "output-layer-3")
    assert cli.main(["practice", "--seed", "3", "--exercise", "output-layer-3"]) == 0
    command = re.search(r"Check: python -m bp check (.*) KEY=VALUE", capsys.readouterr().out)
    numbers = [f"{k}={practice.rounded(x)}" for k, x in v.answers.items()]
    assert cli.main(["check", *command.group(1).split(), *numbers]) == cli.OK


def test_practice_prints_every_exercise_by_default(capsys):
    assert cli.main(["practice", "--seed", "2"]) == 0
    out = capsys.readouterr().out
    assert [line.split(",")[0] for line in out.split("\n\n")] == list(practice.EXERCISES)


def test_the_answer_key_of_a_class(capsys):
    assert cli.main(["practice", "--seeds", "1-120", "--answers"]) == 0
    rows = [line.split("\t") for line in capsys.readouterr().out.splitlines()]
    assert rows[0] == ["seed", "exercise", "key", "answer", "exact"]
    for seed in (1, 64, 120):
        for name in practice.EXERCISES:
            v = practice.variant(seed, name)
            mine = [r for r in rows[1:] if r[:2] == [str(seed), name]]
            assert [(r[2], float(r[4]), r[3]) for r in mine] == [
                (k, x, practice.rounded(x)) for k, x in v.answers.items()
            ]
    assert len(rows) - 1 == sum(
        len(practice.variant(s, n).asks) for s in range(1, 121) for n in practice.EXERCISES
    )


def numericals(text):
    return [
        (key, float(value), float(tol))
        for key, value, tol in re.findall(r"<p>(\w+) = \{1:NUMERICAL:=([^:}]+):([^}]+)\}", text)
    ]


def test_the_moodle_export_holds_bps_answers(tmp_path):
    path = tmp_path / "quiz.xml"
    assert cli.main(["practice", "--seeds", "1-120", "--moodle", str(path)]) == 0
    quiz = ET.parse(path).getroot()
    assert quiz.tag == "quiz"
    questions = quiz.findall("question")
    categories = [q for q in questions if q.get("type") == "category"]
    assert [c.findtext("category/text") for c in categories] == [
        f"$course$/bp practice/{n}" for n in practice.EXERCISES
    ]
    cloze = [q for q in questions if q.get("type") == "cloze"]
    assert len(cloze) == 120 * len(practice.EXERCISES)
    for q in cloze:
        name, seed = re.match(r"([\w-]+), seed (\d+):", q.findtext("name/text")).groups()
        v = practice.variant(int(seed), name)
        found = numericals(q.findtext("questiontext/text"))
        assert [(k, x) for k, x, _ in found] == list(v.answers.items())
        for _, x, tol in found:
            # the tolerance: one unit of the 4th significant digit, so a value rounded or cut
            # to the digits asked is accepted, and one off by two units is not
            assert abs(float(practice.rounded(x)) - x) <= tol
            assert (
                10 ** (practice.ASKED_DIGITS - 1) * tol <= abs(x) < 10**practice.ASKED_DIGITS * tol
            )


def test_the_moodle_file_that_cannot_be_written_is_named(tmp_path, capsys):
    missing = tmp_path / "no" / "quiz.xml"
    assert cli.main(["practice", "--seed", "1", "--moodle", str(missing)]) == cli.ERROR
    assert f"cannot write --moodle {missing}" in capsys.readouterr().err
    assert not missing.exists()


def test_a_bad_seed_is_a_usage_error(capsys):
    err = usage_error(capsys, "practice", "--seed", "x")
    assert "argument --seed: expected a whole number from 0 to 4294967295, got 'x'" in err


def test_a_range_given_to_seed_is_a_usage_error(capsys):
    assert "argument --seed: expected a whole number" in usage_error(
        capsys, "practice", "--seed", "1-3"
    )


def test_a_backward_range_of_seeds_is_a_usage_error(capsys):
    assert "argument --seeds: seeds must be whole numbers" in usage_error(
        capsys, "practice", "--seeds", "9-3"
    )


def test_seed_and_seeds_together_are_a_usage_error(capsys):
    err = usage_error(capsys, "practice", "--seed", "1", "--seeds", "2")
    assert "argument --seeds: not allowed with argument --seed" in err


def test_practice_without_a_seed_is_a_usage_error(capsys):
    assert "one of the arguments --seed --seeds is required" in usage_error(capsys, "practice")


def test_an_unknown_exercise_is_a_usage_error(capsys):
    err = usage_error(capsys, "practice", "--seed", "1", "--exercise", "intuition-3")
    assert "argument --exercise: invalid choice: 'intuition-3'" in err


# ---- bp check --verdict-only ------------------------------------------------------------------


def test_verdict_only_names_the_slip_without_the_expected_value(capsys):
    right = slips.trace(None)
    given = ["E_total=0.2984", "dE_dw5=-0.0822"]
    assert cli.main(["check", "--verdict-only", *given]) == cli.DIFFER
    out = capsys.readouterr().out
    assert (
        "1 of 2 value(s) differ from bp. The first, in the order of the computation: dE_dw5" in out
    )
    assert "known slip, sign:" in out
    assert "given    -0.0822" in out
    assert "expected" not in out
    assert "0.0822" not in out.replace("-0.0822", "")
    assert repr(right["dE_dw5"]) not in out
    assert cli.main(["check", *given]) == cli.DIFFER  # without it, the expected value is shown
    assert f"expected 0.0822  (exactly {right['dE_dw5']!r})" in capsys.readouterr().out


def test_verdict_only_says_right_as_check_does(capsys):
    assert cli.main(["check", "--verdict-only", "out_h1=0.5933"]) == cli.OK
    assert capsys.readouterr().out == "All 1 value(s) agree with bp, to the digits you wrote.\n"
