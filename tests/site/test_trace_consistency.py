"""Every worked-example value glued into the book equals what ``python -m bp trace --json`` prints.

Pages glue a value of the worked example with the default settings under its trace key
(``net_h1``, ``dE_dw5``, ``E_after``, ...). MyST-NB keeps each page's glued values in
``jupyter_execute/<page>.glue.json`` beside the built site; every one whose name is a trace key is
compared with the command line's output.
"""

from __future__ import annotations

import json
import math
import subprocess
import sys

import pytest
from built_site import SITE

GLUE = SITE.parent / "jupyter_execute"


def plain_text(bundle):
    """The text/plain representation inside a glued output bundle."""
    if isinstance(bundle, dict):
        if "text/plain" in bundle:
            text = bundle["text/plain"]
            return "".join(text) if isinstance(text, list) else text
        for value in bundle.values():
            found = plain_text(value)
            if found is not None:
                return found
    return None


@pytest.fixture(scope="module")
def cli_trace():
    out = subprocess.run(
        [sys.executable, "-m", "bp", "trace", "--json"],
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(out.stdout)


@pytest.fixture(scope="module")
def glued():
    files = sorted(GLUE.glob("*.glue.json"))
    if not files:
        pytest.fail(f"no glue data in {GLUE}: build the book first (nox -s docs)")
    return {f.name.removesuffix(".glue.json"): json.loads(f.read_text()) for f in files}


def test_glued_worked_example_values_equal_the_cli(cli_trace, glued):
    compared, wrong = 0, []
    for page, data in glued.items():
        for key, bundle in data.items():
            if key not in cli_trace:
                continue
            value = float(plain_text(bundle))
            compared += 1
            if not math.isclose(value, cli_trace[key], rel_tol=1e-12, abs_tol=1e-15):
                wrong.append(f"{page}: {key} = {value!r}, the CLI prints {cli_trace[key]!r}")
    assert not wrong, "\n".join(wrong)
    # The chapters on the worked example quote many of its values; an empty comparison would
    # prove nothing.
    assert compared >= 20, f"only {compared} glued values are named after trace keys"
