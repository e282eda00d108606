"""Tests of the command line, ``python -m bp trace``: in a subprocess, and through
:func:`bp.cli.main` with captured output. Usage errors exit with code 2 and one line naming the
option."""

from __future__ import annotations

import json
import math
import os
import pathlib
import re
import shlex
import subprocess
import sys

import pytest

from bp import cli, example, slips
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
    assert "argument --steps: expected a whole number from 1 to 10000, got '0'" in err


def test_fractional_steps_is_a_usage_error(capsys):
    err = usage_error(capsys, "trace", "--steps", "1.5")
    assert "argument --steps: expected a whole number from 1 to 10000, got '1.5'" in err


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


# --- no invalid JSON, no giant numbers, no tracebacks ---------------------------------------------


@pytest.mark.parametrize(
    ("args", "overflowed"),
    [
        (["--targets", "1e200", "0"], "E_o1 is inf at step 1"),
        (["--weights", "1e300", *["0"] * 7, "--inputs", "1e10", "0"], "net_h1 is inf at step 1"),
        (["--targets", "1e100", "0", "--lr", "1e300"], "w1_new is inf in the update of step 1"),
    ],
)
def test_a_result_out_of_float_range_is_one_line_not_infinity(capsys, args, overflowed):
    for json_flag in ([], ["--json"]):
        err = usage_error(capsys, "trace", *args, *json_flag)
        assert err.startswith(f"bp trace: error: the worked example overflowed: {overflowed}")


def test_json_is_strict_json_for_huge_finite_results():
    result = run("trace", "--json", "--targets", "1e150", "0")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout, parse_constant=lambda name: pytest.fail(name))
    assert data["E_total"] > 1e299


@pytest.mark.parametrize(
    "args",
    [["--targets", "1e150", "0"], ["--weights", "1e300", *["-1e300"] * 7], ["--lr", "1e300"]],
)
def test_the_table_never_prints_giant_numbers(capsys, args):
    assert cli.main(["trace", *args]) == 0
    out = capsys.readouterr().out
    assert max(map(len, out.splitlines())) <= 100
    assert "e+" in out  # written with an exponent


@pytest.mark.parametrize("option", ["--steps 10001", "--steps 100000000000000000000"])
def test_too_many_steps_is_a_usage_error(capsys, option):
    err = usage_error(capsys, "trace", *option.split())
    assert "argument --steps: expected a whole number from 1 to 10000" in err


@pytest.mark.parametrize(
    ("args", "bad"),
    [
        (["--weights", "-inf", *["1"] * 7], "-inf"),
        (["--weights", *["1"] * 7, "-Infinity"], "-Infinity"),
        (["--inputs", "-nan", "0"], "-nan"),
        (["--biases", "0", "-inf"], "-inf"),
    ],
)
def test_minus_inf_and_nan_are_read_as_values_and_refused(capsys, args, bad):
    err = usage_error(capsys, "trace", *args)
    assert f"expected a finite number, got '{bad}'" in err


def test_lr_minus_inf_is_refused_as_not_finite(capsys):
    assert "argument --lr: expected a finite number, got '-inf'" in usage_error(
        capsys, "trace", "--lr", "-inf"
    )


def test_a_reader_that_left_before_the_output_gets_a_quiet_exit():
    # The child needs a few hundred milliseconds to start; its reader is gone long before.
    child = subprocess.Popen(
        [sys.executable, "-m", "bp", "trace"], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    child.stdout.close()
    _, err = child.communicate(timeout=60)
    assert err == b""
    assert child.returncode == cli.BROKEN_PIPE


@pytest.mark.parametrize("reader", ["true", "head -0", "head -c 10"])
def test_pipes_to_readers_that_stop_early_print_no_traceback(reader):
    result = subprocess.run(
        f"'{sys.executable}' -m bp trace --steps 100 | {reader}",
        shell=True,
        check=False,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stderr == ""


def test_broken_pipe_in_process_returns_141_quietly(capsys, monkeypatch):
    class GoneReader:
        def write(self, text):
            raise BrokenPipeError(32, "Broken pipe")

    monkeypatch.setattr(sys, "stdout", GoneReader())
    assert cli.main(["trace"]) == 141
    assert capsys.readouterr().err == ""


def test_closed_stdout_is_a_one_line_error():
    result = subprocess.run(
        f"'{sys.executable}' -m bp trace >&-",
        shell=True,
        check=False,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert result.stderr == "bp: error: cannot write the output: standard output is closed\n"


def test_full_disk_is_a_one_line_error():
    with open("/dev/full", "w") as full:
        result = subprocess.run(
            [sys.executable, "-m", "bp", "trace"],
            stdout=full,
            stderr=subprocess.PIPE,
            check=False,
            text=True,
            timeout=60,
        )
    assert result.returncode == 1
    assert result.stderr == (
        "bp: error: cannot write the output: [Errno 28] No space left on device\n"
    )


def test_ctrl_c_exits_130_without_a_traceback():
    code = (
        "import os, signal, sys\n"
        "from bp import cli, example\n"
        "def interrupted(**config):\n"
        "    os.kill(os.getpid(), signal.SIGINT)\n"
        "    return example.worked_example(**config, steps=10000)\n"
        "cli.example.worked_example = interrupted\n"
        "sys.exit(cli.main(['trace']))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], check=False, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 130
    assert result.stdout == ""
    assert result.stderr == ""


# --- python -m bp check ------------------------------------------------------------------------


def check_args(numbers):
    return [f"{k}={v}" for k, v in numbers.items()]


def test_check_of_right_numbers_exits_0():
    numbers = {k: f"{v:.4f}" for k, v in worked_example().json_dict().items()}
    result = run("check", *check_args(numbers))
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"All {len(numbers)} value(s) agree with bp, to the digits you wrote.\n"
    assert result.stderr == ""


@pytest.mark.parametrize("name", [n for n, s in slips.SLIPS.items() if s.applies()])
def test_check_names_each_slip_from_its_own_numbers(capsys, name):
    numbers = {k: repr(v) for k, v in slips.trace(name).json_dict().items()}
    assert cli.main(["check", *check_args(numbers)]) == 1
    out, err = capsys.readouterr()
    assert err == ""
    slip = slips.SLIPS[name]
    assert f"Your numbers are those of a known slip, {name}: {slip.description}\n" in out
    assert f"  The book explains it in {slip.url}\n" in out


def test_check_names_bias_fixed_under_a_configuration_that_trains_biases(capsys):
    numbers = {k: repr(v) for k, v in slips.trace("bias-fixed", bias="shared").json_dict().items()}
    assert cli.main(["check", "--bias", "shared", *check_args(numbers)]) == 1
    assert "known slip, bias-fixed:" in capsys.readouterr().out


def test_check_prints_the_first_difference_expected_and_given(capsys):
    numbers = {"out_h1": "0.5933", "dE_dw5": "-0.0822", "w5_new": "0.4411"}
    assert cli.main(["check", *check_args(numbers)]) == 1
    out = capsys.readouterr().out
    assert out.splitlines()[:4] == [
        "2 of 3 value(s) differ from bp. The first, in the order of the computation: dE_dw5",
        "  expected 0.0822  (exactly 0.08216704056423078)",
        "  given    -0.0822",
        "Also differ: w5_new",
    ]
    assert "known slip, sign:" in out


def test_check_names_one_corrupted_value_without_a_slip(capsys):
    numbers = {k: f"{v:.6f}" for k, v in worked_example().json_dict().items()}
    numbers["E_o2"] = "0.023561"
    assert cli.main(["check", *check_args(numbers)]) == 1
    out = capsys.readouterr().out
    assert out.startswith(
        f"1 of {len(numbers)} value(s) differ from bp. The first, in the order of the "
        "computation: E_o2\n  expected 0.023560  (exactly 0.0235600255838477"
    )
    assert "No known slip reproduces all your numbers: recompute from E_o2." in out


def test_check_uses_the_trace_options(capsys):
    numbers = worked_example(lr=0.8, bias="per-neuron", steps=2).json_dict()
    args = ["--lr", "0.8", "--bias", "per-neuron", "--steps", "2"]
    assert cli.main(["check", *args, *check_args({k: repr(v) for k, v in numbers.items()})]) == 0
    assert cli.main(["check", *check_args({"b_h1_new": repr(numbers["b_h1_new"])})]) == 1


def test_check_reads_a_json_file_keeping_the_digits_written(tmp_path, capsys):
    path = tmp_path / "numbers.json"
    path.write_text('{"out_h1": 0.5933, "E_total": 0.2984, "dE_dw5": "0.0822"}', encoding="utf-8")
    assert cli.main(["check", "--file", str(path)]) == 0
    assert capsys.readouterr().out == "All 3 value(s) agree with bp, to the digits you wrote.\n"
    path.write_text('{"out_h1": 0.59}', encoding="utf-8")  # 0.5933 to 2 decimals
    assert cli.main(["check", "--file", str(path), "E_o1=0.2748"]) == 0


def test_check_output_of_trace_json_is_right_in_a_subprocess(tmp_path):
    path = tmp_path / "numbers.json"
    path.write_text(run("trace", "--json", "--steps", "3").stdout, encoding="utf-8")
    result = run("check", "--steps", "3", "--file", str(path))
    assert (result.returncode, result.stderr) == (0, "")
    result = run("check", "--file", str(path))  # one step: the after-values differ
    assert result.returncode == 1
    # every gradient comes before the update, which changes all weights at once: w1 first
    assert "The first, in the order of the computation: w1_new" in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["E_totl=0.2984"], "numbers: unknown key 'E_totl'"),
        (["out_h1=abc"], "out_h1 must be a number; got 'abc'"),
        (["out_h1=inf"], "out_h1 must be a finite number; got 'inf'"),
        (["out_h1"], "argument KEY=VALUE: expected KEY=VALUE such as out_h1=0.5933, got 'out_h1'"),
        (["out_h1="], "argument KEY=VALUE: expected KEY=VALUE such as out_h1=0.5933"),
        ([], "no numbers to check: give KEY=VALUE arguments or --file NUMBERS.json"),
        (["out_h1=0.5", "out_h1=0.6"], "out_h1 is given twice"),
        (["--file", "/nonexistent/numbers.json"], "cannot read --file /nonexistent/numbers.json"),
        (["--targets", "1e200", "0", "out_h1=0.5"], "the worked example overflowed: E_o1 is inf"),
        (["--steps", "0", "out_h1=0.5"], "argument --steps: expected a whole number from 1"),
    ],
)
def test_check_of_bad_input_exits_2_with_one_line(capsys, args, message):
    err = usage_error(capsys, "check", *args)
    assert err.startswith(f"bp check: error: {message}")


@pytest.mark.parametrize(
    ("text", "message"),
    [("[0.5933]", "must hold one JSON object"), ("{out_h1: 1}", "cannot read --file")],
)
def test_check_of_a_bad_json_file_exits_2(tmp_path, capsys, text, message):
    path = tmp_path / "numbers.json"
    path.write_text(text, encoding="utf-8")
    assert message in usage_error(capsys, "check", "--file", str(path))


def test_check_of_bad_input_in_a_subprocess_is_one_line_and_exit_code_2():
    result = run("check", "out_h1=0.5933", "w9_new=1")
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.startswith("bp check: error: numbers: unknown key 'w9_new'")
    assert len(result.stderr.splitlines()) == 1


@pytest.mark.parametrize(
    "text",
    [
        '{"out_h1": "0.5933", "out_h1": "0.9"}',  # json.load would keep the last
        '{"E_total": "0.2984", "out_h1": "0.5933", "out_h1": "0.5933"}',
    ],
)
def test_check_of_a_key_twice_in_a_json_file_exits_2(tmp_path, capsys, text):
    path = tmp_path / "numbers.json"
    path.write_text(text, encoding="utf-8")
    err = usage_error(capsys, "check", "--file", str(path))
    assert err == "bp check: error: out_h1 is given twice\n"


def test_check_of_deeply_nested_json_exits_2_with_one_line(tmp_path, capsys):
    path = tmp_path / "numbers.json"
    path.write_text('{"out_h1": ' + "[" * 100_000 + "]" * 100_000 + "}", encoding="utf-8")
    err = usage_error(capsys, "check", "--file", str(path))
    assert err == f"bp check: error: cannot read --file {path}: its JSON is nested too deeply\n"


def test_check_of_a_nested_value_names_the_key(tmp_path, capsys):
    path = tmp_path / "numbers.json"
    path.write_text('{"out_h1": {"value": 0.5933}}', encoding="utf-8")
    err = usage_error(capsys, "check", "--file", str(path))
    assert err.startswith("bp check: error: out_h1 must be a number or its text; got {'value'")


def test_check_reads_every_file_given(tmp_path, capsys):
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    a.write_text('{"out_h1": "0.5999"}', encoding="utf-8")  # wrong: must not be ignored
    b.write_text('{"E_total": "0.2984"}', encoding="utf-8")
    assert cli.main(["check", "--file", str(a), "--file", str(b)]) == 1
    assert "The first, in the order of the computation: out_h1" in capsys.readouterr().out


def test_check_of_a_key_in_two_files_exits_2(tmp_path, capsys):
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    a.write_text('{"out_h1": "0.5933"}', encoding="utf-8")
    b.write_text('{"out_h1": "0.5933"}', encoding="utf-8")
    err = usage_error(capsys, "check", "--file", str(a), "--file", str(b))
    assert err == "bp check: error: out_h1 is given twice\n"


@pytest.mark.parametrize("args", [["out_h1=\u0661.\u0665"], ["out_h\u0661=0.5"]])
def test_check_under_an_ascii_terminal_escapes_what_it_cannot_print(args):
    result = subprocess.run(
        [sys.executable, "-m", "bp", "check", *args],
        check=False,
        capture_output=True,
        env={**os.environ, "PYTHONIOENCODING": "ascii"},
        timeout=60,
    )
    assert result.returncode == 2
    assert result.stderr.decode("ascii").count("\n") == 1  # one line, no traceback
    assert b"\\u0661" in result.stderr


def test_check_report_of_an_ascii_terminal_escapes_the_given_value(monkeypatch, capsys):
    # the value as written is echoed: "given 0.5933" must not raise under an ASCII stdout
    result = subprocess.run(
        [sys.executable, "-m", "bp", "check", "--inputs", "0.1", "0.2", "out_h1=\u00a00.5933"],
        check=False,
        capture_output=True,
        env={**os.environ, "PYTHONIOENCODING": "ascii"},
        timeout=60,
    )
    assert result.returncode == 2
    assert result.stderr == b"bp check: error: out_h1 must be a number; got '\\xa00.5933'\n"


def test_the_table_writes_tiny_values_with_an_exponent_not_as_zero(capsys):
    trace = worked_example(inputs=(1e-9, -1e-9))
    assert 0 < abs(trace["dE_dw1"]) < 1e-9
    assert cli.main(["trace", "--inputs", "1e-9", "-1e-9"]) == 0
    rows = dict(line.split()[:2] for line in capsys.readouterr().out.splitlines() if " " in line)
    for key in ("dE_dw1", "dE_dw2"):  # about 8.8e-12, one of each sign
        assert float(rows[key]) == pytest.approx(trace[key], rel=1e-8)
        assert rows[key] not in ("0.000000000", "-0.000000000")


def test_the_table_writes_minus_zero_as_zero(capsys):
    trace = worked_example(inputs=(0.0, 0.1), targets=(0.99, 0.99))
    assert math.copysign(1, trace["dE_dw1"]) == -1  # delta_h1 * 0, with delta_h1 < 0
    assert cli.main(["trace", "--inputs", "0", "0.1", "--targets", "0.99", "0.99"]) == 0
    rows = dict(line.split()[:2] for line in capsys.readouterr().out.splitlines() if " " in line)
    assert rows["dE_dw1"] == "0.000000000"


def catalogue_rows():
    """The rows of the catalogue of bad input for bp check on the API page, but --file ones."""
    page = (pathlib.Path(__file__).parent.parent / "docs" / "api.md").read_text(encoding="utf-8")
    section = page.split("(api-bad-input-check)=", 1)[1]
    rows = re.findall(r"^\| `([^`]*)` \| (\d) \| `([^`]*)` \|$", section, flags=re.MULTILINE)
    return [pytest.param(*row, id=row[0]) for row in rows if not row[0].startswith("--file")]


@pytest.mark.parametrize(("args", "code", "words"), catalogue_rows())
def test_the_api_catalogue_says_what_bp_check_gives(args, code, words, capsys):
    try:
        status = cli.main(["check", *shlex.split(args)])
    except SystemExit as exit_:
        status = exit_.code
    out, err = capsys.readouterr()
    assert status == int(code)
    assert words in out + err


def test_the_api_catalogue_has_its_rows():
    assert len(catalogue_rows()) >= 10


def test_check_reads_a_json_file_with_a_byte_order_mark(tmp_path, capsys):
    path = tmp_path / "numbers.json"
    path.write_text('{"out_h1": "0.5933"}', encoding="utf-8-sig")  # as Windows Notepad saves
    assert cli.main(["check", "--file", str(path)]) == 0
