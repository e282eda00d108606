"""tests/shards.py, which runs ``nox -s tests`` and ``nox -s site`` in one pytest process a core:
the deal of the tests into shares, and whole runs of a small suite dealt into two processes."""

from __future__ import annotations

import os
import textwrap
from collections import Counter

import pytest
import shards
from hypothesis import given
from hypothesis import strategies as st

# The deal ------------------------------------------------------------------------------------


def test_tests_that_share_a_key_go_to_one_share_even_through_a_third():
    # a and c share nothing, but each shares a key with b: all three are set up together.
    ids = ["a", "b", "c", "d", "e", "f"]
    keys = {"a": ["x"], "b": ["x", "y"], "c": ["y"]}
    seconds = dict.fromkeys(ids, 1.0)
    shares, work = shards.deal(ids, keys, seconds, 2)
    assert ["a", "b", "c"] in shares
    assert sorted(work) == [3.0, 3.0]


def test_the_costliest_tests_are_dealt_apart():
    ids = ["quick1", "slow1", "quick2", "slow2", "quick3", "quick4"]
    seconds = {"slow1": 10.0, "slow2": 9.0, "quick1": 1.0, "quick2": 1.0, "quick3": 1.0}
    shares, work = shards.deal(ids, {}, seconds, 2)
    assert not any({"slow1", "slow2"} <= set(share) for share in shares)
    # quick4 was never timed: it costs the median of the others, 1 s
    assert sorted(work) == [11.0, 12.0]


def test_without_any_costs_every_test_costs_the_same():
    shares, work = shards.deal(list("abcdef"), {}, {}, 3)
    assert [len(share) for share in shares] == [2, 2, 2]
    assert work == [2.0, 2.0, 2.0]


deals = st.integers(1, 30).flatmap(
    lambda size: st.tuples(
        st.just([f"t{i}" for i in range(size)]),
        st.lists(st.lists(st.sampled_from("xyz"), max_size=2), min_size=size, max_size=size),
        st.lists(st.floats(0, 100), min_size=size, max_size=size),
        st.integers(1, 4),
    )
)


@given(deals)
def test_every_test_is_dealt_once_in_order_with_its_group_and_no_share_over_its_due(deal):
    ids, key_lists, costs, n = deal
    keys = dict(zip(ids, key_lists, strict=True))
    seconds = dict(zip(ids, costs, strict=True))
    shares, work = shards.deal(ids, keys, seconds, n)
    assert len(shares) == len(work) == n
    assert sorted(node for share in shares for node in share) == sorted(ids)
    for share, seconds_of_share in zip(shares, work, strict=True):
        assert share == [node for node in ids if node in share], "a share out of order"
        assert seconds_of_share == pytest.approx(sum(seconds[node] for node in share))
    share_of = {node: i for i, share in enumerate(shares) for node in share}
    for key in "xyz":
        assert len({share_of[node] for node in ids if key in keys[node]}) <= 1
    # Greedy: the busiest share got its last group when it had the least work, so it is over an
    # even split by at most that group's cost.
    groups = [{node} for node in ids]
    for key in "xyz":
        joined = [g for g in groups if any(key in keys[node] for node in g)]
        if joined:
            groups = [g for g in groups if g not in joined] + [set().union(*joined)]
    biggest = max(sum(seconds[node] for node in g) for g in groups)
    assert max(work) <= sum(costs) / n + biggest + 1e-9


def test_the_number_of_processes_is_the_suites_own_then_everyones_then_the_cores(monkeypatch):
    site, unit = shards.HERE / "site", shards.HERE
    for name in ("BP_SHARDS", "BP_SITE_SHARDS", "BP_TESTS_SHARDS"):
        monkeypatch.delenv(name, raising=False)
    assert shards.shards(unit) == len(os.sched_getaffinity(0))
    monkeypatch.setenv("BP_SHARDS", "3")
    assert (shards.shards(site), shards.shards(unit)) == (3, 3)
    monkeypatch.setenv("BP_SITE_SHARDS", "1")  # its older name, still honoured
    assert (shards.shards(site), shards.shards(unit)) == (1, 3)
    monkeypatch.setenv("BP_TESTS_SHARDS", "0")
    assert shards.shards(unit) == 1


# Whole runs ----------------------------------------------------------------------------------


@pytest.fixture
def suite(tmp_path, monkeypatch):
    """A suite of 9 tests and a doctest, whose tests write down which process ran them."""
    suite = tmp_path / "unit"
    suite.mkdir()
    (suite / "pyproject.toml").write_text("[tool.pytest.ini_options]\n")
    files = {
        "conftest.py": """
            import os, pytest

            @pytest.fixture(autouse=True)
            def _ran(request):
                with open(os.environ["RAN"], "a") as log:
                    log.write(f"{os.getpid()} {request.node.nodeid}\\n")
                threads = [os.environ.get(n, "unset") for n in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS")]
                with open(os.environ["THREADS"], "a") as log:
                    log.write(",".join(threads) + "\\n")
        """,
        "test_built.py": """
            import os, pytest

            @pytest.fixture(scope="module")
            def built():
                with open(os.environ["BUILT"], "a") as log:
                    log.write("built\\n")

            @pytest.mark.parametrize("i", range(3))
            def test_reads_what_was_built(built, i):
                pass
        """,
        "test_plain.py": """
            import os, pytest

            @pytest.mark.parametrize("i", range(5))
            def test_plain(i):
                pass

            def test_fails_when_asked():
                assert not os.environ.get("FAIL"), "asked to fail"
        """,
        "lib.py": '''
            def double(x):
                """
                >>> double(2)
                4
                """
                return 2 * x
        ''',
    }
    for name, text in files.items():
        (suite / name).write_text(textwrap.dedent(text))
    monkeypatch.setattr(shards, "BUILD", tmp_path / "build")
    monkeypatch.setenv("RAN", str(tmp_path / "ran.log"))
    monkeypatch.setenv("BUILT", str(tmp_path / "built.log"))
    monkeypatch.setenv("THREADS", str(tmp_path / "threads.log"))
    monkeypatch.setenv("BP_SHARDS", "2")
    monkeypatch.delenv("FAIL", raising=False)
    return suite


def ran(suite):
    """Which process ran each test (its pid), from the log the suite's tests write."""
    lines = (suite.parent / "ran.log").read_text().split("\n")
    return [tuple(line.split(" ", 1)) for line in lines if line]


def test_two_processes_run_every_test_once_and_a_shared_fixture_in_one(suite, capfd):
    assert shards.main(suite, ["--doctest-modules", str(suite)]) == 0
    assert "10 tests in 2 processes" in capfd.readouterr().out
    runs = ran(suite)
    by_test = Counter(node for _, node in runs)
    assert by_test["lib.py::lib.double"] == 1, "the doctest did not run, or ran twice"
    assert len(by_test) == 10
    assert set(by_test.values()) == {1}
    assert len({pid for pid, _ in runs}) == 2
    assert len({pid for pid, node in runs if "reads_what_was_built" in node}) == 1
    assert (suite.parent / "built.log").read_text() == "built\n"
    # Every test's time is kept for the next deal, which reads it before the copy in the suite.
    (suite / "unit-seconds.json").write_text("{}")
    assert set(shards.last_seconds(suite)) == set(by_test)


def test_a_failure_in_one_process_fails_the_run_with_its_report_and_k_selects(
    suite, capfd, monkeypatch
):
    monkeypatch.setenv("FAIL", "1")
    assert shards.main(suite, [str(suite), "-k", "not built"]) != 0
    out = capfd.readouterr().out
    assert "6 tests in 2 processes" in out
    assert "AssertionError: asked to fail" in out
    assert "exit code 1" in out
    assert "exit code 0" in out
    assert sorted(node for _, node in ran(suite)) == [
        "test_plain.py::test_fails_when_asked",
        *[f"test_plain.py::test_plain[{i}]" for i in range(5)],
    ]


def test_one_process_runs_everything_as_plain_pytest(suite, capfd, monkeypatch):
    monkeypatch.setenv("BP_SHARDS", "1")
    assert shards.main(suite, [str(suite)]) == 0
    assert "processes" not in capfd.readouterr().out
    assert len({pid for pid, _ in ran(suite)}) == 1
    assert len(ran(suite)) == 9


def test_each_process_gets_its_share_of_the_cores_for_blas_threads_unless_one_is_set(
    suite, monkeypatch
):
    for name in shards.THREAD_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("OMP_NUM_THREADS", "3")  # set by whoever runs the tests: kept
    assert shards.main(suite, [str(suite)]) == 0
    share = str(max(1, shards.cores() // 2))
    seen = (suite.parent / "threads.log").read_text().split()
    assert seen == [f"{share},3"] * 9
