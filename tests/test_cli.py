"""Tests of the command line, ``python -m bp trace``: in a subprocess, and through
:func:`bp.cli.main` with captured output. Usage errors exit with code 2 and one line naming the
option."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from bp import cli, example
from bp.example import worked_example


def run(*args):
    return subprocess.run(
        [sys.executable, "-m", "bp", *args],
        check=False,
        capture_output=True,
        text=True,
        timeout=60,
    )


def main_json(capsys, *args):
    """``bp trace --json ARGS`` through :func:`bp.cli.main`, parsed."""
    assert cli.main(["trace", "--json", *args]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    return json.loads(out)


def usage_error(capsys, *args):
    """The stderr of ``bp ARGS``, which must be a usage error (exit code 2)."""
    with pytest.raises(SystemExit) as info:
        cli.main(list(args))
    assert info.value.code == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert len(err.strip().splitlines()) == 1
    return err


# --- in a subprocess -------------------------------------------------------------------------


def test_trace_prints_the_table():
    result = run("trace")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert result.stdout == worked_example().table() + "\n"
    assert result.stdout.startswith("Worked example: 2-2-2 sigmoid network, lr 0.5")
    assert "0.298371109" in result.stdout


def test_trace_json_prints_the_worked_example():
    result = run("trace", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data == worked_example().json_dict()
    assert round(data["E_total"], 9) == 0.298371109
    assert round(data["w5_new"], 8) == 0.35891648


def test_trace_with_options_in_a_subprocess():
    result = run("trace", "--json", "--bias", "per-neuron", "--steps", "3", "--lr", "0.1")
    assert result.returncode == 0, result.stderr
    expected = worked_example(bias="per-neuron", steps=3, lr=0.1).json_dict()
    assert json.loads(result.stdout) == expected


def test_usage_error_in_a_subprocess_is_one_line_and_exit_code_2():
    result = run("trace", "--lr", "0")
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr == "bp trace: error: argument --lr: expected a number > 0, got '0'\n"


def test_huge_finite_target_is_a_one_line_error_not_infinity():
    result = run("trace", "--json", "--targets", "1e200", "0")
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr == (
        "bp trace: error: the worked example overflowed: E_o1 is inf at step 1 (from finite "
        "inputs); try smaller inputs, targets, weights or learning rate\n"
    )


# --- through main(argv) ----------------------------------------------------------------------


def test_main_prints_the_table_and_returns_0(capsys):
    assert cli.main(["trace"]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    assert out == worked_example().table() + "\n"


def test_main_json_defaults(capsys):
    assert main_json(capsys) == worked_example().json_dict()


@pytest.mark.parametrize(
    ("args", "kwargs"),
    [
        (["--inputs", "1", "-0.5"], {"inputs": (1.0, -0.5)}),
        (["--targets", "0.2", "0.8"], {"targets": (0.2, 0.8)}),
        (
            ["--weights", ".1", ".2", ".3", ".4", ".5", ".6", ".7", ".8"],
            {"weights": (0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8)},
        ),
        (["--biases", "-0.1", "0.2"], {"biases": (-0.1, 0.2)}),
        (["--lr", "0.1"], {"lr": 0.1}),
        (["--bias", "shared"], {"bias": "shared"}),
        (["--bias", "per-neuron"], {"bias": "per-neuron"}),
        (["--update", "sequential"], {"update": "sequential"}),
        (["--steps", "10"], {"steps": 10}),
    ],
    ids=lambda v: " ".join(v) if isinstance(v, list) else None,
)
def test_each_option_reaches_the_worked_example(capsys, args, kwargs):
    assert main_json(capsys, *args) == worked_example(**kwargs).json_dict()


def test_options_together(capsys):
    weights = ["0.1", "0.2", "0.3", "0.4", "0.5", "0.6", "0.7", "0.8"]
    args = ["--weights", *weights, "--bias", "per-neuron", "--steps", "10"]
    expected = worked_example(
        weights=(0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8), bias="per-neuron", steps=10
    )
    assert main_json(capsys, *args) == expected.json_dict()


def test_table_reflects_the_options(capsys):
    assert cli.main(["trace", "--lr", "0.25", "--bias", "shared", "--steps", "2"]) == 0
    first = capsys.readouterr().out.splitlines()[0]
    assert first == (
        "Worked example: 2-2-2 sigmoid network, lr 0.25, biases shared, update simultaneous, "
        "2 step(s)"
    )


def test_parser_defaults_are_the_books():
    args = cli.build_parser().parse_args(["trace"])
    assert tuple(args.inputs) == example.INPUTS
    assert tuple(args.targets) == example.TARGETS
    assert tuple(args.weights) == example.WEIGHTS
    assert tuple(args.biases) == example.BIASES
    assert args.lr == example.LEARNING_RATE
    assert (args.bias, args.update, args.steps, args.json) == ("fixed", "simultaneous", 1, False)


def test_help_exits_0(capsys):
    with pytest.raises(SystemExit) as info:
        cli.main(["trace", "--help"])
    assert info.value.code == 0
    out = capsys.readouterr().out
    for option in ("--inputs", "--weights", "--lr", "--bias", "--update", "--steps", "--json"):
        assert option in out


# --- usage errors: one test per case ---------------------------------------------------------


def test_zero_lr_is_a_usage_error(capsys):
    assert "argument --lr: expected a number > 0" in usage_error(capsys, "trace", "--lr", "0")


def test_negative_lr_is_a_usage_error(capsys):
    assert "argument --lr: expected a number > 0" in usage_error(capsys, "trace", "--lr", "-1")


def test_non_numeric_lr_is_a_usage_error(capsys):
    assert "argument --lr: expected a number, got 'abc'" in usage_error(
        capsys, "trace", "--lr", "abc"
    )


def test_infinite_lr_is_a_usage_error(capsys):
    assert "argument --lr: expected a finite number" in usage_error(capsys, "trace", "--lr", "inf")


def test_zero_steps_is_a_usage_error(capsys):
    err = usage_error(capsys, "trace", "--steps", "0")
    assert "argument --steps: expected a whole number >= 1" in err


def test_fractional_steps_is_a_usage_error(capsys):
    err = usage_error(capsys, "trace", "--steps", "1.5")
    assert "argument --steps: expected a whole number, got '1.5'" in err


def test_unknown_bias_mode_is_a_usage_error(capsys):
    assert "argument --bias: invalid choice" in usage_error(capsys, "trace", "--bias", "none")


def test_unknown_update_order_is_a_usage_error(capsys):
    err = usage_error(capsys, "trace", "--update", "parallel")
    assert "argument --update: invalid choice" in err


def test_too_few_weights_is_a_usage_error(capsys):
    err = usage_error(capsys, "trace", "--weights", "0.1", "0.2", "0.3")
    assert "argument --weights: expected 8 arguments" in err


def test_nan_input_is_a_usage_error(capsys):
    err = usage_error(capsys, "trace", "--inputs", "nan", "0.1")
    assert "argument --inputs: expected a finite number, got 'nan'" in err


def test_one_target_is_a_usage_error(capsys):
    assert "argument --targets: expected 2 arguments" in usage_error(
        capsys, "trace", "--targets", "0.5"
    )


def test_non_numeric_bias_value_is_a_usage_error(capsys):
    err = usage_error(capsys, "trace", "--biases", "x", "0.6")
    assert "argument --biases: expected a number, got 'x'" in err


def test_unknown_option_is_a_usage_error(capsys):
    assert "unrecognized arguments: --frob" in usage_error(capsys, "trace", "--frob")


def test_missing_command_is_a_usage_error(capsys):
    assert "the following arguments are required: command" in usage_error(capsys)


def test_unknown_command_is_a_usage_error(capsys):
    assert "argument command: invalid choice: 'train'" in usage_error(capsys, "train")


def test_negative_numbers_in_scientific_notation_are_values():
    args = cli.build_parser().parse_args(["trace", "--inputs", "-1e-3", "-.5"])
    assert args.inputs == [-1e-3, -0.5]
